"""entity_stats and entity_event_counts stay equal to counting the fact tables afresh, through
ingest, re-extraction, curation, migration and `kb db recount`, on both backends."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from clikit import kb
from kb.store import stats
from kb.store.db import open_database, session_scope
from kb.store.models import EntityEventCount, EntityStats

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
SEED = SAMPLES / "russia-venezuela-deals-2024-11-08.txt"


def kept(url: str) -> tuple[dict, dict]:
    with session_scope(open_database(url)) as s:
        totals = {r.entity_id: (r.mentions, r.documents, r.events, r.quotes) for r in s.scalars(select(EntityStats))}
        by_type = {(r.entity_id, r.type): r.events for r in s.scalars(select(EntityEventCount))}
    return {k: v for k, v in totals.items() if any(v)}, {k: v for k, v in by_type.items() if v}


def fresh(url: str) -> tuple[dict, dict]:
    with session_scope(open_database(url)) as s:
        return stats.as_dict(stats.counts(s))


def assert_counts_agree(url: str) -> tuple[dict, dict]:
    now = kept(url)
    assert now == fresh(url)
    return now


@pytest.fixture(scope="module")
def ingested(module_db_url):
    assert kb("ingest", str(SAMPLES), db=module_db_url).exit_code == 0
    return module_db_url


def test_ingest_keeps_the_counts(ingested):
    totals, by_type = assert_counts_agree(ingested)
    assert totals and by_type
    with session_scope(open_database(ingested)) as s:
        from kb.store.queries import entity_ids_matching

        venezuela = entity_ids_matching(s, "Venezuela")[0]
    mentions, documents, events, quotes = totals[venezuela]
    assert mentions > documents >= 1 and events >= 3
    assert sum(n for (eid, _), n in by_type.items() if eid == venezuela) == events


def test_reprocess_takes_the_old_counts_away(ingested):
    before = kept(ingested)
    assert kb("ingest", str(SEED), "--reprocess", db=ingested).exit_code == 0
    assert assert_counts_agree(ingested) == before


def test_merge_and_split_recount_the_entities_they_touch(ingested):
    assert kb("entities", "merge", "Venezuela", "Caracas", db=ingested).exit_code == 0
    assert_counts_agree(ingested)
    assert kb("entities", "split", "Nicolas Maduro", "--alias", "Maduro", db=ingested).exit_code == 0
    assert_counts_agree(ingested)


def test_recount_repairs_counts_changed_behind_kb_back(ingested):
    with session_scope(open_database(ingested)) as s:
        s.execute(update(EntityStats).values(mentions=0))
    assert kept(ingested) != fresh(ingested)
    res = kb("db", "recount", db=ingested)
    assert res.exit_code == 0 and "counted" in res.stdout
    assert_counts_agree(ingested)


def test_migration_fills_the_counts_of_an_existing_database(db_url):
    assert kb("ingest", str(SEED), db=db_url).exit_code == 0
    expected = kept(db_url)
    assert kb("db", "downgrade", "0005", db=db_url).exit_code == 0
    assert kb("db", "upgrade", db=db_url).exit_code == 0
    assert kept(db_url) == expected == fresh(db_url)
