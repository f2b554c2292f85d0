"""The analyst views: created by migration 0004 on SQLite and PostgreSQL, dropped by its downgrade,
and giving the documented rows for an ingested article and for hand-made rows whose answers are
known exactly."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from clikit import kb
from kb.store import db as dbm
from kb.store import views
from kb.store.views import VIEW_NAMES, VIEWS

SEED = Path(__file__).parent / "fixtures" / "readers" / "russia-venezuela-deals-2024-11-08.txt"

# -- hand-made rows -----------------------------------------------------------------------------
# Ids start at 1001 so that they never meet the rows of an ingested article.

HANDMADE_URL = "https://example.org/handmade"


def insert_handmade(url: str) -> None:
    """One document with events, roles, aliases, mentions and quotes whose view rows are known."""
    engine = dbm.open_database(url)
    rows = {
        "documents": [dict(id=1001, url=HANDMADE_URL, title="Handmade", published=dt.date(2023, 5, 20), text="x" * 200,
                           content_hash="handmade", extractor_version="test")],
        "sentences": [dict(id=1000 + i, document_id=1001, sentence_index=i, start_char=i * 10, end_char=i * 10 + 9, text=t)
                      for i, t in enumerate(["Norway shelled Sweden in Oslo.", "Students marched against Norway.",
                                             "Norway did not attack Sweden.", "Alice Smith met Bob Jones.",
                                             "Sweden and Norway agreed.", "\"We stand firm,\" Smith said."], start=1)],
        "entities": [dict(id=1000 + i, name=n, name_key=n.lower(), type=t, country=c)
                     for i, (n, t, c) in enumerate([("Norway", "GPE", "NOR"), ("Sweden", "GPE", "SWE"),
                                                    ("Alice Smith", "PERSON", "NOR"), ("Bob Jones", "PERSON", "SWE"),
                                                    ("Student Union", "ORG", "NOR"), ("Oslo", "GPE", "NOR")], start=1)],
        "entity_aliases": [dict(id=1001, entity_id=1003, alias="Smith", alias_key="smith"),
                           dict(id=1002, entity_id=1003, alias="A. Smith", alias_key="a. smith")],
        "mentions": [dict(id=1001, entity_id=1003, document_id=1001, sentence_id=1004, start_char=30, end_char=41,
                          text="Alice Smith"),
                     dict(id=1002, entity_id=1003, document_id=1001, sentence_id=1006, start_char=60, end_char=65,
                          text="Smith")],
        "roles": [dict(id=1000 + i, entity_id=e, title=t, of_entity_id=o, former=f, seen_on=s, document_id=1001,
                       sentence_id=1004, start_char=0, end_char=1)
                  for i, (e, t, o, f, s) in enumerate([
                      (1003, "foreign minister", 1001, False, dt.date(2022, 1, 1)),
                      (1003, "prime minister", 1001, False, dt.date(2023, 5, 20)),
                      (1003, "ambassador", 1002, True, dt.date(2024, 1, 1)),   # former: never current
                      (1003, "adviser", None, False, None),                     # undated: after dated ones
                      (1004, "spokesman", None, False, None)], start=1)],
        "events": [dict(id=1000 + i, document_id=1001, sentence_id=s, type=t, cameo_root=c, quad_class=q, trigger=tr,
                        start_char=0, end_char=1, date=d, date_precision=p, location_id=loc, count=n, negated=neg,
                        hypothetical=False, future=False, confidence=0.5)
                   for i, (s, t, c, q, tr, d, p, loc, n, neg) in enumerate([
                       (1001, "ASSAULT", "18", 4, "shelled", None, None, 1006, 3, False),
                       (1002, "PROTEST", "14", 4, "marched", "2023-05", "month", None, None, False),
                       (1003, "ASSAULT", "18", 4, "attack", "2023-05-19", "day", None, None, True),
                       (1004, "CONSULT", "04", 1, "met", "2023-05-18", "day", None, None, False),
                       (1005, "AGREE", "03", 1, "agreed", "2023", "year", None, None, False)], start=1)],
        # each participant carries its event's type (migration 0016), as kb's writer writes it
        "event_participants": [dict(id=1000 + i, event_id=ev, entity_id=en, role=r,
                                    event_type={1001: "ASSAULT", 1002: "PROTEST", 1003: "ASSAULT", 1004: "CONSULT",
                                                1005: "AGREE"}[ev])
                               for i, (ev, en, r) in enumerate([
            (1001, 1001, "actor"), (1001, 1002, "recipient"),
            (1002, 1005, "actor"), (1002, 1001, "recipient"),
            (1003, 1001, "actor"), (1003, 1002, "recipient"),
            (1004, 1003, "actor"), (1004, 1004, "recipient"),
            (1005, 1002, "actor"), (1005, 1001, "actor")], start=1)],
        "quotes": [dict(id=1001, speaker_id=1003, text="We stand firm", cue="say", document_id=1001, sentence_id=1006,
                        start_char=61, end_char=74),
                   dict(id=1002, speaker_id=None, text="No comment", cue="say", document_id=1001, sentence_id=1006,
                        start_char=0, end_char=5)],
    }
    with engine.begin() as conn:
        for table, records in rows.items():
            cols = list(records[0])
            conn.execute(text(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(':' + c for c in cols)})"), records)
    engine.dispose()


def query(url: str, sql: str) -> list[dict]:
    engine = dbm.open_database(url)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def iso(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.fixture(scope="module")
def seeded(module_db_url):
    res = kb("ingest", str(SEED), db=module_db_url)
    assert res.exit_code == 0, res.output
    insert_handmade(module_db_url)
    return module_db_url


# -- the views exist, as documented -------------------------------------------------------------

def test_migration_creates_the_documented_views(db_url):
    engine = dbm.open_database(db_url)
    insp = inspect(engine)
    assert set(VIEW_NAMES) <= set(insp.get_view_names())
    assert not set(VIEW_NAMES) & set(insp.get_table_names())  # views are no tables: models need not know them
    for v in VIEWS:
        assert [c["name"] for c in insp.get_columns(v.name)] == v.column_names, v.name
    engine.dispose()


def test_downgrade_drops_the_views_and_upgrade_brings_them_back(db_url):
    engine = dbm.open_database(db_url)
    dbm.downgrade(engine, "0003")
    insp = inspect(engine)
    assert not set(VIEW_NAMES) & set(insp.get_view_names())
    assert "events" in insp.get_table_names()
    dbm.upgrade(engine)
    assert set(VIEW_NAMES) <= set(inspect(engine).get_view_names())
    engine.dispose()


def test_view_sql_is_generated_per_dialect():
    assert "group_concat" in views.view("event_view").sql("sqlite")
    assert "string_agg" in views.view("event_view").sql("postgresql")
    with pytest.raises(NotImplementedError, match="SQLite and PostgreSQL"):
        views.view("event_view").sql("oracle")


def test_every_view_column_is_described():
    for v in VIEWS:
        assert v.description
        assert all(c.description and c.type for c in v.columns), v.name
        assert len(set(v.column_names)) == len(v.column_names)


# -- rows ---------------------------------------------------------------------------------------

def test_event_view_on_handmade_rows(seeded):
    rows = {r["event_id"]: r for r in query(seeded, "SELECT * FROM event_view WHERE document_id = 1001")}
    assert sorted(rows) == [1001, 1002, 1003, 1004, 1005]
    shelled = rows[1001]
    # no date of its own: the publication date, marked as such, and its day as the period
    assert shelled["date"] == "2023-05-20" and shelled["date_precision"] == "published"
    assert (iso(shelled["date_start"]), iso(shelled["date_end"])) == ("2023-05-20", "2023-05-20")
    assert (iso(rows[1002]["date_start"]), iso(rows[1002]["date_end"])) == ("2023-05-01", "2023-05-31")
    assert (shelled["actors"], shelled["actor_countries"]) == ("Norway", "NOR")
    assert (shelled["recipients"], shelled["recipient_countries"]) == ("Sweden", "SWE")
    assert (shelled["location"], shelled["location_country"], shelled["count"]) == ("Oslo", "NOR", 3)
    assert (shelled["type"], shelled["cameo_root"], shelled["quad_class"], shelled["trigger"]) == ("ASSAULT", "18", 4, "shelled")
    assert shelled["sentence"] == "Norway shelled Sweden in Oslo."
    assert (shelled["document_title"], shelled["document_url"], iso(shelled["published"])) == \
        ("Handmade", HANDMADE_URL, "2023-05-20")
    assert not shelled["negated"] and rows[1003]["negated"]
    assert (rows[1002]["date"], rows[1002]["date_precision"]) == ("2023-05", "month")
    assert rows[1002]["recipients"] == "Norway" and rows[1002]["location"] is None
    # two actors: names in the order they were stored, countries distinct and sorted
    assert rows[1005]["actors"] == "Sweden; Norway"
    assert rows[1005]["actor_countries"] == "NOR; SWE"
    assert rows[1005]["recipients"] is None and rows[1005]["recipient_countries"] is None


def test_event_participant_view_on_handmade_rows(seeded):
    rows = query(seeded, "SELECT * FROM event_participant_view WHERE event_id IN (1001, 1005) ORDER BY event_id, entity_id")
    got = [(r["event_id"], r["role"], r["entity_name"], r["entity_type"], r["entity_country"], r["type"], r["date"])
           for r in rows]
    assert got == [(1001, "actor", "Norway", "GPE", "NOR", "ASSAULT", "2023-05-20"),
                   (1001, "recipient", "Sweden", "GPE", "SWE", "ASSAULT", "2023-05-20"),
                   (1005, "actor", "Norway", "GPE", "NOR", "AGREE", "2023"),
                   (1005, "actor", "Sweden", "GPE", "SWE", "AGREE", "2023")]
    assert all(r["document_url"] == HANDMADE_URL and not r["negated"] for r in rows)
    assert rows[0]["sentence"] == "Norway shelled Sweden in Oslo."


def test_entity_view_current_title_is_the_latest_not_former(seeded):
    rows = {r["entity_id"]: r for r in query(seeded, "SELECT * FROM entity_view WHERE entity_id > 1000")}
    alice = rows[1003]
    assert (alice["name"], alice["type"], alice["country"]) == ("Alice Smith", "PERSON", "NOR")
    assert (alice["current_title"], alice["title_of"]) == ("prime minister", "Norway")
    assert (alice["mentions"], alice["documents"]) == (2, 1)
    assert alice["aliases"] == "Smith; A. Smith"
    # an undated role still counts when it is the only one; it has no "of"
    assert (rows[1004]["current_title"], rows[1004]["title_of"]) == ("spokesman", None)
    norway = rows[1001]
    assert (norway["current_title"], norway["mentions"], norway["documents"], norway["aliases"]) == (None, 0, 0, None)


def test_quote_view_on_handmade_rows(seeded):
    rows = {r["quote_id"]: r for r in query(seeded, "SELECT * FROM quote_view WHERE quote_id > 1000")}
    assert (rows[1001]["speaker_id"], rows[1001]["speaker"], rows[1001]["speaker_country"]) == (1003, "Alice Smith", "NOR")
    assert (rows[1001]["text"], rows[1001]["cue"]) == ("We stand firm", "say")
    assert rows[1001]["sentence"] == "\"We stand firm,\" Smith said."
    assert (rows[1001]["document_title"], rows[1001]["document_url"], iso(rows[1001]["published"])) == \
        ("Handmade", HANDMADE_URL, "2023-05-20")
    assert rows[1002]["speaker"] is None and rows[1002]["speaker_id"] is None  # unnamed speakers keep their quotes


def test_event_view_through_kb_sql_on_an_ingested_article(seeded):
    res = kb("sql", "SELECT * FROM event_view", "--json", db=seeded)
    assert res.exit_code == 0, res.output
    rows = [r for r in json.loads(res.stdout) if r["document_id"] != 1001]
    assert rows and list(rows[0]) == views.view("event_view").column_names
    signing = [r for r in rows if r["count"] == 17]
    assert signing, rows
    s = signing[0]
    assert set(s["actors"].split("; ")) == {"Venezuela", "Russia"}
    assert s["actor_countries"] == "RUS; VEN"
    assert s["date"] == "2024-11-07" and s["date_precision"] == "day"
    assert s["location"] == "Caracas" and s["location_country"] == "VEN"
    assert s["document_url"].startswith("https://www.themoscowtimes.com/")
    assert s["document_title"].startswith("Russia Signs") and str(s["published"]) == "2024-11-08"
    # every event has a date: its own or the publication date
    assert all(r["date"] for r in rows)


def test_entity_and_quote_views_on_an_ingested_article(seeded):
    ents = {r["name"]: r for r in query(seeded, "SELECT * FROM entity_view")}
    chern = ents["Dmitry Chernyshenko"]
    assert (chern["current_title"], chern["title_of"], chern["country"]) == ("deputy prime minister", "Russia", "RUS")
    assert "Chernyshenko" in chern["aliases"].split("; ")
    assert ents["Venezuela"]["documents"] == 1 and ents["Venezuela"]["mentions"] >= 3
    quotes = query(seeded, "SELECT * FROM quote_view WHERE speaker = 'Nicolas Maduro'")
    assert any("seal and strengthen" in q["text"] for q in quotes)
    assert all(q["speaker_country"] == "VEN" for q in quotes)


def test_views_are_read_only_through_kb_sql(seeded):
    res = kb("sql", "DELETE FROM events", db=seeded)
    assert res.exit_code == 1
    assert query(seeded, "SELECT count(*) AS n FROM event_view")[0]["n"] > 5


# -- later migrations ---------------------------------------------------------------------------

def _alter_events(conn) -> None:
    """What a later migration might do to a table the views read."""
    op = Operations(MigrationContext.configure(conn))
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table("events", recreate="always") as batch:
            batch.add_column(sa.Column("extra", sa.Integer()))
    else:
        op.alter_column("events", "trigger", type_=sa.String(512))



def test_a_later_table_rebuild_needs_the_views_dropped(db_url):
    engine = dbm.open_database(db_url)
    with pytest.raises(sa.exc.DBAPIError, match="view"):
        with engine.begin() as conn:
            _alter_events(conn)
    engine.dispose()


def test_views_dropped_lets_a_later_migration_alter_a_table(db_url):
    engine = dbm.open_database(db_url)
    with engine.begin() as conn:
        op = Operations(MigrationContext.configure(conn))
        with views.views_dropped(op):
            _alter_events(conn)
    assert set(VIEW_NAMES) <= set(inspect(engine).get_view_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM event_view")).scalar() == 0
    engine.dispose()
