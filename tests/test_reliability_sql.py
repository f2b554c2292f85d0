"""`kb sql` cannot change anything, whatever the statement: the database connection refuses
(SQLite: read-only file plus an authorizer; PostgreSQL: read-only session and transaction, one
command per call), with a one-line message and exit status 1."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from clikit import kb
from test_reliability_inputs import messages

ARTICLES = ["Germany and France signed a defence agreement in Berlin on Tuesday. Chancellor Olaf Scholz said "
            "the deal would \"make Europe safer\".",
            "Japan and India held talks in Tokyo on trade on Monday."]

TABLES = ["documents", "sentences", "entities", "entity_aliases", "mentions", "events", "event_participants",
          "quotes", "quantities", "alembic_version"]


@pytest.fixture(scope="module")
def seeded(module_db_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for i, article in enumerate(ARTICLES):
        (folder / f"{i}.txt").write_text(article, encoding="utf-8")
    res = kb("ingest", str(folder), db=module_db_url)
    assert res.exit_code == 0, res.output
    return module_db_url


def state(url: str) -> dict:
    """Everything a statement could change: row counts, tables, views, settings, files."""
    engine = create_engine(url)
    try:
        insp = inspect(engine)
        with engine.connect() as conn:
            snapshot = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES}
            snapshot["titles"] = sorted(str(t) for t in conn.execute(text("SELECT title FROM documents")).scalars())
            if engine.dialect.name == "sqlite":
                for pragma in ("user_version", "journal_mode", "application_id"):
                    snapshot[pragma] = conn.exec_driver_sql(f"PRAGMA {pragma}").scalar()
                folder = engine.url.database.rsplit("/", 1)[0]
                import os

                snapshot["files"] = sorted(f for f in os.listdir(folder) if not f.startswith("kb.sqlite"))
            else:
                snapshot["sequence"] = conn.execute(text("SELECT last_value FROM documents_id_seq")).scalar()
        snapshot["tables"] = sorted(insp.get_table_names())
        snapshot["views"] = sorted(insp.get_view_names())
    finally:
        engine.dispose()
    return snapshot


RO = "kb: kb sql is read-only: "
ONE = "kb: kb sql runs one statement at a time"

# statement -> the message on each backend (None: the statement does not apply there)
REFUSED = {
    "UPDATE documents SET title = 'changed'": (RO + "UPDATE on documents is not allowed",
                                               RO + "cannot execute UPDATE in a read-only transaction"),
    "DELETE FROM documents": (RO + "DELETE on documents is not allowed",
                              RO + "cannot execute DELETE in a read-only transaction"),
    "DROP TABLE events": (RO + "DROP TABLE is not allowed", RO + "cannot execute DROP TABLE in a read-only transaction"),
    "INSERT INTO documents (text, content_hash, extractor_version) VALUES ('x', 'y', 'z')": (
        RO + "INSERT on documents is not allowed", RO + "cannot execute INSERT in a read-only transaction"),
    "CREATE TABLE t (x INTEGER)": (RO + "CREATE TABLE is not allowed",
                                   RO + "cannot execute CREATE TABLE in a read-only transaction"),
    "CREATE TEMP TABLE t AS SELECT 1 AS a": (RO + "CREATE TEMP TABLE is not allowed",
                                             RO + "cannot execute CREATE TABLE AS in a read-only transaction"),
    "CREATE INDEX ix_title ON documents (title)": (RO + "CREATE INDEX is not allowed",
                                                   RO + "cannot execute CREATE INDEX in a read-only transaction"),
    "CREATE VIEW v AS SELECT 1 AS a": (RO + "CREATE VIEW is not allowed",
                                       RO + "cannot execute CREATE VIEW in a read-only transaction"),
    "ALTER TABLE documents ADD COLUMN z INTEGER": (RO + "ALTER TABLE is not allowed",
                                                   RO + "cannot execute ALTER TABLE in a read-only transaction"),
    "WITH gone AS (SELECT id FROM documents) DELETE FROM documents WHERE id IN (SELECT id FROM gone)": (
        RO + "DELETE on documents is not allowed", RO + "cannot execute DELETE in a read-only transaction"),
    "SELECT 1; DELETE FROM documents": (ONE, ONE),
    "SELECT 1; DROP TABLE events;": (ONE, ONE),
    # SQLite's authorizer refuses the first statement before the second is looked at
    "COMMIT; DELETE FROM documents": (RO + "COMMIT is not allowed", ONE),
    "ROLLBACK; BEGIN READ WRITE; DELETE FROM documents; COMMIT": (RO + "ROLLBACK is not allowed", ONE),
    "VACUUM": (RO + "VACUUM is not allowed", "kb: SQL error: VACUUM cannot run inside a transaction block"),
    "BEGIN": (RO + "BEGIN is not allowed", None),
    "COMMIT": (RO + "COMMIT is not allowed", None),
    "SAVEPOINT s": (RO + "SAVEPOINT is not allowed", None),
    "REINDEX": (RO + "REINDEX is not allowed", None),
    "ANALYZE": (RO + "ANALYZE is not allowed", None),
    "ATTACH DATABASE 'attached.db' AS other": (RO + "ATTACH DATABASE is not allowed", None),
    "ATTACH 'file:attached-rwc.db?mode=rwc' AS other": (RO + "ATTACH is not allowed", None),
    "VACUUM INTO 'copy.db'": (RO + "VACUUM INTO is not allowed", None),
    "DETACH DATABASE temp": (RO + "DETACH DATABASE is not allowed", None),
    "PRAGMA user_version=5": (RO + "PRAGMA user_version=5 is not allowed", None),
    "PRAGMA journal_mode=DELETE": (RO + "PRAGMA journal_mode=DELETE is not allowed", None),
    "PRAGMA application_id = 7": (RO + "PRAGMA application_id=7 is not allowed", None),
    "PRAGMA foreign_keys=OFF": (RO + "PRAGMA foreign_keys=OFF is not allowed", None),
    "PRAGMA wal_checkpoint(TRUNCATE)": (RO + "PRAGMA wal_checkpoint=TRUNCATE is not allowed", None),
    "PRAGMA optimize": (RO + "PRAGMA optimize is not allowed", None),
    # the reader role holds no privilege on the sequence: refused before the transaction's mode is looked at
    "SELECT nextval('documents_id_seq')": (None, "kb: kb sql may only read kb's tables: permission denied for "
                                                 "sequence documents_id_seq"),
    "DO $$BEGIN DELETE FROM documents; END$$": (None, RO + "cannot execute DELETE in a read-only transaction"),
    "DO $$BEGIN COMMIT; DELETE FROM documents; END$$": (None, "kb: SQL error: invalid transaction termination"),
    "SELECT title FROM documents FOR UPDATE": (None, RO + "cannot execute SELECT FOR UPDATE in a read-only "
                                                          "transaction"),
}


@pytest.mark.parametrize("statement", list(REFUSED))
def test_statements_that_would_change_something_are_refused(seeded, statement, tmp_path, monkeypatch):
    backend = "sqlite" if seeded.startswith("sqlite") else "postgresql"
    expected = REFUSED[statement][0 if backend == "sqlite" else 1]
    if expected is None:
        pytest.skip(f"not a {backend} statement")
    if backend == "sqlite":  # relative file names in ATTACH / VACUUM INTO land next to the database
        monkeypatch.chdir(seeded.removeprefix("sqlite:///").rsplit("/", 1)[0])
    before = state(seeded)
    res = kb("sql", statement, db=seeded)
    assert res.exit_code == 1
    assert messages(res.stderr) == [expected]
    assert res.stdout == ""
    assert state(seeded) == before


@pytest.mark.parametrize("statement", [
    "SELECT count(*) AS n FROM documents",
    "SELECT '%;' AS p, '_\\' AS q",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT count(*) AS n FROM r",
    "SELECT e.type, count(*) AS n FROM events e JOIN documents d ON d.id = e.document_id GROUP BY e.type",
    "  -- a comment first\nSELECT 1 AS one;  ",
])
def test_reading_still_works(seeded, statement):
    before = state(seeded)
    res = kb("sql", statement, "--json", db=seeded)
    assert res.exit_code == 0, res.stderr
    assert state(seeded) == before


def test_sqlite_introspection_pragmas_still_work(sqlite_url):
    assert kb("ingest", "-", db=sqlite_url, input=ARTICLES[1]).exit_code == 0
    for statement in ("PRAGMA table_info(documents)", "SELECT name FROM pragma_table_info('documents')",
                      "PRAGMA user_version", "PRAGMA foreign_key_list(events)", "PRAGMA index_list(documents)"):
        res = kb("sql", statement, "--json", db=sqlite_url)
        assert res.exit_code == 0, (statement, res.stderr)


def test_a_connection_is_clean_after_a_refusal(seeded):
    """A refused statement leaves no authorizer, transaction or setting behind for the next."""
    from kb.store.sqlrun import run_sql

    for _ in range(3):
        with pytest.raises(Exception):
            run_sql("DELETE FROM documents", seeded)
        assert run_sql("SELECT count(*) FROM documents", seeded).rows == [(len(ARTICLES),)]


@pytest.mark.parametrize("sql,count", [
    ("SELECT 1", 1), ("SELECT 1;", 1), ("SELECT 1; ", 1), (";;", 0), ("", 0),
    ("SELECT 1; SELECT 2", 2), ("SELECT ';' AS a", 1), ('SELECT 1 AS ";"', 1), ("SELECT 'it''s; ok'", 1),
    ("SELECT 1 -- ; comment\n", 1), ("SELECT /* ; /* nested ; */ ; */ 1", 1), ("SELECT $$;$$", 1),
    ("SELECT $tag$ ; $$ ; $tag$", 1), ("DO $$BEGIN DELETE FROM x; END$$; DELETE FROM y", 2),
    ("SELECT E'\\';' ; SELECT 2", 2), ("COMMIT; DELETE FROM documents", 2), ("SELECT a$1; SELECT 2", 2),
])
def test_statement_count(sql, count):
    """What other PostgreSQL drivers (not psycopg 3, which lets the server decide) are checked with."""
    from kb.store.sqlrun import statement_count

    assert statement_count(sql) == count
