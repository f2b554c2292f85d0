"""The schema exists only through migrations: they build it, match the models, and round-trip."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from kb.errors import DatabaseError
from kb.store import db as dbm
from kb.store import search
from kb.store.models import Base


def test_fresh_upgrade_creates_every_table(db_url):
    engine = dbm.open_database(db_url)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert dbm.current_revision(engine) == dbm.head_revision()


def test_models_and_migrations_agree(db_url):
    engine = dbm.open_database(db_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    # the full-text index is each dialect's own machinery (FTS5 tables), made by migration 0009
    diff = [d for d in diff if not (d[0] in {"remove_table", "remove_index"} and d[1].name.startswith(search.MACHINERY_PREFIX))]
    # ... and on PostgreSQL its stored vector column (0013)
    diff = [d for d in diff if not (d[0] == "remove_column" and d[3].name.startswith(search.MACHINERY_PREFIX))]
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(db_url):
    engine = dbm.open_database(db_url)
    dbm.downgrade(engine, "base")
    assert "documents" not in inspect(engine).get_table_names()
    dbm.upgrade(engine)
    assert "documents" in inspect(engine).get_table_names()


def test_database_newer_than_code_is_refused(sqlite_url):
    engine = dbm.open_database(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    with pytest.raises(DatabaseError, match="newer than this kb"):
        dbm.ensure_schema(engine)


def test_migrations_are_found_inside_the_package():
    # an installed wheel has no source tree: the scripts must be importable as kb.migrations
    assert (dbm.migrations_dir() / "env.py").exists()
    assert dbm.migrations_dir().name == "migrations"


def test_upgrade_from_the_first_migration_keeps_rows(db_url):
    engine = dbm.make_engine(db_url)
    dbm.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, text, content_hash, extractor_version) VALUES (1, 'Body.', 'h1', '1')"))
        conn.execute(text("INSERT INTO entities (id, name, name_key, type, country) VALUES (1, 'Russia', 'russia', 'GPE', 'RUS')"))
        conn.execute(text("INSERT INTO entity_aliases (id, entity_id, alias, alias_key) VALUES (1, 1, 'Russian Federation', 'russian federation')"))
    dbm.ensure_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, country, country_inferred FROM entities")).all() == [("Russia", "RUS", False)]
        assert conn.execute(text("SELECT alias, curated FROM entity_aliases")).all() == [("Russian Federation", False)]
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 1


def test_fast_head_reading_matches_alembic():
    assert dbm.script_head() == dbm.head_revision()


def test_an_assault_event_is_stored_on_every_backend(db_url):
    # ASSAULT's CAMEO roots are "18,19,20": PostgreSQL enforces the column width SQLite ignores
    from clikit import kb, kb_json

    res = kb("ingest", "-", db=db_url, input="Rebels attacked an army base in Kabul on Monday, killing ten soldiers.")
    assert res.exit_code == 0, res.output
    assert any(e["type"] == "ASSAULT" and e["cameo_root"] == "18,19,20" for e in kb_json("events", db=db_url))
