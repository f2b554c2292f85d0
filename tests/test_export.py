"""kb export: PLOVER JSON lines, CSV and JSON select the same events as `kb events`, in chunks."""
from __future__ import annotations

import csv
import io
import json

import pytest

from clikit import kb, kb_json
from kb.export import PLOVER_FIELDS, ExportOptions, export_events
from kb.store.db import open_database, session_scope
from kb.store.views import view
from test_views import HANDMADE_URL, SEED, insert_handmade


@pytest.fixture(scope="module")
def seeded(module_db_url):
    res = kb("ingest", str(SEED), db=module_db_url)
    assert res.exit_code == 0, res.output
    insert_handmade(module_db_url)
    return module_db_url


def export(db, *args) -> str:
    res = kb("export", *args, db=db)
    assert res.exit_code == 0, res.output
    assert "exported" in res.stderr
    return res.stdout


def plover(db, *args) -> list[dict]:
    return [json.loads(line) for line in export(db, "--format", "plover", *args).splitlines()]


def event_ids(db, *args) -> list[int]:
    return sorted(e["id"] for e in kb_json("events", *args, db=db))


# the handmade events carry confidence 0.5, under the listing threshold: --all lists them
@pytest.mark.parametrize("args", [(), ("--all",), ("--all", "--type", "assault"), ("--all", "--since", "2024"),
                                  ("--all", "--until", "2023-05"), ("--all", "--since", "2023-05-19", "--until", "2024-11-07"),
                                  ("--all", "--include-negated",), ("--min-confidence", "0.7")])
def test_every_format_selects_what_kb_events_lists(seeded, args):
    expected = event_ids(seeded, *args)
    assert expected
    assert [int(r["id"].removeprefix("kb-")) for r in plover(seeded, *args)] == expected
    assert [e["id"] for e in json.loads(export(seeded, "--format", "json", *args))] == expected
    rows = list(csv.DictReader(io.StringIO(export(seeded, "--format", "csv", *args))))
    assert [int(r["event_id"]) for r in rows] == expected


def test_plover_records(seeded):
    records = plover(seeded, "--all")
    assert all(list(r) == [f for f, _ in PLOVER_FIELDS] for r in records)
    signing = next(r for r in records if r["count"] == 17)
    assert {a["code"] for a in signing["source"]} == {"VEN", "RUS"}
    assert {a["actor_text"] for a in signing["source"]} == {"Venezuela", "Russia"}
    assert all(a["identifier_id"].startswith("kb:entity:") and a["entity_type"] == "GPE" for a in signing["source"])
    assert signing["date"] == "2024-11-07" and signing["date_precision"] == "day"
    assert signing["event_loc"] == {"name": "Caracas", "cc3": "VEN"}
    assert signing["cite_info"]["url"].startswith("https://www.themoscowtimes.com/")
    assert signing["text"].startswith("Venezuela and its most powerful ally") and signing["text"] == signing["text"].strip()
    assert signing["coder"].startswith("kb ")
    shelled = next(r for r in records if r["id"] == "kb-1001")
    assert shelled["event"] == "ASSAULT" and shelled["quad_code"] == 4 and shelled["event_text"] == ["shelled"]
    assert shelled["source"] == [{"actor_text": "Norway", "code": "NOR", "identifier_id": "kb:entity:1001", "entity_type": "GPE",
                                  "sector": None}]
    assert [r["code"] for r in shelled["recipient"]] == ["SWE"]
    # dated by its document: the date is the publication date, marked as such
    assert shelled["date"] == "2023-05-20" and shelled["date_precision"] == "published"
    assert shelled["cite_info"] == {"url": HANDMADE_URL, "title": "Handmade", "citation": "kb:document:1001"}
    assert next(r for r in records if r["id"] == "kb-1002")["date"] == "2023-05"
    assert not any(r["negated"] for r in records)
    assert next(r for r in plover(seeded, "--all", "--include-negated") if r["id"] == "kb-1003")["negated"] is True


def test_csv_has_event_view_columns(seeded):
    rows = list(csv.reader(io.StringIO(export(seeded, "--format", "csv", "--all"))))
    assert rows[0] == view("event_view").column_names
    by_id = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    shelled = by_id["1001"]
    assert shelled["actors"] == "Norway" and shelled["recipient_countries"] == "SWE"
    assert shelled["negated"] == "false" and shelled["date"] == "2023-05-20" and shelled["date_precision"] == "published"
    assert shelled["published"] == "2023-05-20" and shelled["count"] == "3"
    assert by_id["1005"]["actors"] == "Sweden; Norway"
    signing = next(r for r in by_id.values() if r["count"] == "17")
    assert signing["sentence"] == signing["sentence"].strip()


def test_json_is_the_kb_events_list(seeded):
    exported = json.loads(export(seeded, "--format", "json"))
    listed = sorted(kb_json("events", db=seeded), key=lambda e: e["id"])
    assert exported == listed


def test_output_file(seeded, tmp_path):
    target = tmp_path / "events.jsonl"
    res = kb("export", "-o", str(target), db=seeded)
    assert res.exit_code == 0, res.output
    assert res.stdout == "" and str(target) in res.stderr
    assert len(target.read_text().splitlines()) == len(event_ids(seeded))
    assert not list(tmp_path.glob("*.part"))


def test_empty_export_is_valid(seeded):
    assert json.loads(export(seeded, "--format", "json", "--since", "2099")) == []
    assert export(seeded, "--format", "plover", "--since", "2099") == ""
    assert export(seeded, "--format", "csv", "--since", "2099").splitlines() == [",".join(view("event_view").column_names)]


def test_unknown_format_is_refused(seeded):
    res = kb("export", "--format", "xml", db=seeded)
    assert res.exit_code != 0 and "Traceback" not in res.output


@pytest.mark.parametrize("fmt", ["plover", "csv", "json"])
def test_chunks_change_nothing(seeded, fmt):
    """Reading two events at a time gives the same output as one big chunk (keyset pages meet exactly)."""
    engine = open_database(seeded)
    outs = []
    for chunk in (2, 10_000):
        buf = io.StringIO()
        with session_scope(engine) as s:
            n = export_events(s, ExportOptions(format=fmt, include_negated=True, chunk=chunk), buf)
            assert not s.identity_map  # nothing kept between chunks
        outs.append((n, buf.getvalue()))
    engine.dispose()
    assert outs[0] == outs[1] and outs[0][0] > 10
