"""Entity profiles stay small for much-mentioned entities: bounded lists, exact totals, and the
two ways of finding the newest documents (sort them all, or walk all documents newest first)
give the same answer."""
from __future__ import annotations

from pathlib import Path

import pytest

from clikit import kb, kb_json
from kb.store import queries
from kb.store.db import open_database, session_scope

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


@pytest.fixture(scope="module")
def samples(module_db_url):
    assert kb("ingest", str(SAMPLES), db=module_db_url).exit_code == 0
    return module_db_url


def profile(url: str, name: str, **kw) -> dict:
    with session_scope(open_database(url)) as s:
        return queries.entity_profile(s, name, **kw)


def test_lists_are_bounded_and_totals_count_everything(samples):
    full = profile(samples, "Venezuela")
    small = profile(samples, "Venezuela", limit=1)
    assert full["events_total"] == sum(full["events_by_type"].values()) == len(full["events"]) > 1
    assert len(small["events"]) == 1 and small["events_total"] == full["events_total"]
    assert len(small["documents"]) == 1 and small["documents_total"] == full["documents_total"]
    # newest first: the one kept is the first of the full list
    assert small["events"][0]["id"] == full["events"][0]["id"]
    assert small["documents"][0] == full["documents"][0]


def test_walking_in_date_order_finds_what_sorting_finds(samples, monkeypatch):
    names = ["Venezuela", "Russia", "United States", "Donald Trump", "Nicolas Maduro"]
    sorted_way = {n: profile(samples, n, limit=2) for n in names}
    # any entity now counts as common: every list comes from the walk
    monkeypatch.setattr(queries, "newest_documents", _forced_walk(queries.newest_documents))
    walked = {n: profile(samples, n, limit=2) for n in names}
    for n in names:
        for key in ("documents", "events", "quotes", "related"):
            assert [x.get("id") for x in walked[n][key]] == [x.get("id") for x in sorted_way[n][key]], (n, key)


def _forced_walk(real):
    def walk(session, doc_ids, total, limit, n_docs, probe=None):
        return real(session, doc_ids, max(total, 1) * 10**6 if total else 0, limit, 1, probe)
    return walk


def test_a_table_shows_a_page_and_programs_get_every_row(samples, monkeypatch):
    from kb import cli as kb_cli

    every = kb_json("events", db=samples)  # JSON: every row unless --limit says otherwise
    monkeypatch.setattr(kb_cli, "DEFAULT_LIMIT", 3)
    assert len(kb_json("events", db=samples)) == len(every) > 3
    table = kb("events", db=samples)
    assert table.exit_code == 0 and "showing the first 3 rows" in table.stderr
    import csv
    import io

    assert len(list(csv.DictReader(io.StringIO(kb("events", "--csv", db=samples).stdout)))) == len(every)


def test_cli_listings_stop_at_the_limit_and_say_so(samples):
    res = kb("events", "--limit", "2", "--json", db=samples)
    assert res.exit_code == 0 and len(__import__("json").loads(res.stdout)) == 2
    assert "showing the first 2 rows" in res.stderr
    every = kb_json("events", "--limit", "0", db=samples)
    assert len(every) > 2
    assert kb("events", "--limit", "-1", db=samples).exit_code == 1


def test_titles_say_how_often_they_were_stated(samples):
    from sqlalchemy import func, select

    from kb.store.models import Role

    prof = profile(samples, "Nicolas Maduro")
    with session_scope(open_database(samples)) as s:
        stated = s.scalar(select(func.count()).select_from(Role).where(Role.entity_id == prof["id"]))
    assert prof["roles"] and all(r["times"] >= 1 for r in prof["roles"])
    assert sum(r["times"] for r in prof["roles"]) == stated
