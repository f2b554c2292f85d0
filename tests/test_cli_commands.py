"""One end-to-end run per command, through typer's CliRunner, on the seed article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from clikit import kb, kb_json

SEED = Path(__file__).parent / "fixtures" / "readers" / "russia-venezuela-deals-2024-11-08.txt"


@pytest.fixture(scope="module")
def seeded(module_db_url):
    url = module_db_url
    res = kb("ingest", str(SEED), db=url)
    assert res.exit_code == 0, res.output
    return url


def test_ingest_reports_what_it_stored(seeded):
    res = kb("ingest", str(SEED), "--json", db=seeded)
    report = json.loads(res.stdout)
    assert res.exit_code == 0
    assert report["added"] == 0 and report["skipped"] == 1 and report["failed"] == 0


def test_entities_json_has_the_documented_fields(seeded):
    rows = kb_json("entities", db=seeded)
    maduro = next(r for r in rows if r["name"] == "Nicolas Maduro")
    assert maduro["type"] == "PERSON" and maduro["country"] == "VEN"
    assert "Maduro" in maduro["aliases"]
    assert {"id", "name", "type", "country", "aliases", "roles", "mentions", "documents"} <= set(maduro)


def test_entities_table_and_csv(seeded):
    table = kb("entities", "--type", "PERSON", db=seeded)
    assert table.exit_code == 0 and "Chernyshenko" in table.stdout
    csv_out = kb("entities", "--csv", db=seeded)
    assert csv_out.stdout.splitlines()[0].startswith("id,name,type,country")


def test_entity_profile(seeded):
    prof = kb_json("entity", "Chernyshenko", db=seeded)
    assert prof["name"] == "Dmitry Chernyshenko"
    assert any(r["title"] == "deputy prime minister" and r["of"]["name"] == "Russia" for r in prof["roles"])
    assert prof["documents"][0]["title"].startswith("Russia Signs")


def test_entity_unknown_name_is_one_line_error(seeded):
    res = kb("entity", "Nobody At All", db=seeded)
    assert res.exit_code == 1
    assert "no entity named" in res.stderr and "Traceback" not in res.output


def test_events_filtered_by_type_and_actor(seeded):
    rows = kb_json("events", "--actor", "Venezuela", db=seeded)
    assert rows and all(any(a["name"] == "Venezuela" for a in r["actors"]) for r in rows)
    signing = [r for r in rows if r["type"] in {"SUPPORT", "AGREE"} and r["count"] == 17]
    assert signing and signing[0]["date"] == "2024-11-07"
    assert signing[0]["document"]["url"].startswith("https://www.themoscowtimes.com/")


def test_events_since_until_filters(seeded):
    assert kb_json("events", "--since", "2025", db=seeded) == []
    old = kb_json("events", "--until", "2013", db=seeded)
    assert old and all((r["date"] or "0000") <= "2013-12-31" for r in old)


def test_quotes_with_speaker(seeded):
    rows = kb_json("quotes", "--speaker", "Maduro", db=seeded)
    assert any("seal and strengthen" in q["text"] for q in rows)
    assert all(q["speaker"]["name"] == "Nicolas Maduro" for q in rows)


def test_documents_listing(seeded):
    rows = kb_json("documents", db=seeded)
    assert len(rows) == 1
    assert rows[0]["published"] == "2024-11-08" and rows[0]["source"] == "AFP"


def test_sql_reads_and_refuses_writes(seeded):
    rows = kb_json("sql", "SELECT name FROM entities WHERE type = 'PERSON' ORDER BY name", db=seeded)
    assert {"name": "Hugo Chavez"} in rows
    res = kb("sql", "DELETE FROM entities", db=seeded)
    assert res.exit_code == 1 and "read-only" in res.stderr
    assert kb_json("sql", "SELECT count(*) AS n FROM entities", db=seeded)[0]["n"] > 0


def test_ask_agreements_signed_by_venezuela(seeded):
    ans = kb_json("ask", "agreements signed by Venezuela", db=seeded)
    top = ans["results"][0]
    assert ans["understood"]["categories"][0] in {"SUPPORT", "AGREE"}
    assert {a["name"] for a in top["actors"] + top["recipients"]} >= {"Russia", "Venezuela"}
    assert top["date"] == "2024-11-07" and top["count"] == 17


def test_ask_who_is(seeded):
    ans = kb_json("ask", "Who is Dmitry Chernyshenko?", db=seeded)
    assert ans["kind"] == "entity"
    assert any(r["title"] == "deputy prime minister" for r in ans["results"][0]["roles"])


def test_ask_unmappable_question_helps_and_fails(seeded):
    res = kb("ask", "blue sky thinking", db=seeded)
    assert res.exit_code == 1
    assert "try e.g." in res.stderr


def test_db_current_and_upgrade(seeded):
    res = kb("db", "current", db=seeded)
    assert res.exit_code == 0 and "behind" not in res.stdout
    assert kb("db", "upgrade", db=seeded).exit_code == 0
