"""A `kb ingest` killed part-way (SIGKILL: no clean-up of any kind) leaves only whole documents,
and running the same command again completes the batch without duplicates."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

N_ARTICLES = 30
COUNTRIES = ["Germany", "France", "Spain", "Italy", "Japan", "India", "Brazil", "Chile", "Peru", "Kenya",
             "Egypt", "Turkey", "Poland", "Greece", "Canada", "Mexico"]
CITIES = ["Berlin", "Paris", "Madrid", "Rome", "Tokyo", "Delhi", "Lima", "Cairo", "Ankara", "Warsaw"]

# Every table whose rows belong to a document, and the references each row holds.
REFERENCES = [
    ("sentences", "document_id", "documents"),
    ("mentions", "document_id", "documents"), ("mentions", "sentence_id", "sentences"),
    ("mentions", "entity_id", "entities"),
    ("roles", "document_id", "documents"), ("roles", "sentence_id", "sentences"),
    ("events", "document_id", "documents"), ("events", "sentence_id", "sentences"),
    ("event_mentions", "event_id", "events"), ("event_mentions", "sentence_id", "sentences"),
    ("event_participants", "event_id", "events"), ("event_participants", "entity_id", "entities"),
    ("quotes", "document_id", "documents"), ("quotes", "sentence_id", "sentences"),
    ("quantities", "document_id", "documents"), ("quantities", "sentence_id", "sentences"),
]


def write_articles(folder, n: int = N_ARTICLES) -> None:
    folder.mkdir()
    for i in range(n):
        a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 7 + 3) % len(COUNTRIES)]
        if a == b:
            b = "Norway"
        city = CITIES[i % len(CITIES)]
        (folder / f"article-{i:02d}.txt").write_text(
            f"{a} and {b} signed a trade agreement in {city} on Monday, the {i + 1}th such deal.\n\n"
            f"Officials said {i + 3} new projects would follow. \"This is a good day for both countries,\" "
            f"the foreign minister of {a} told reporters.", encoding="utf-8")


def kb_command(folder, db_url: str) -> list[str]:
    return [sys.executable, "-m", "kb", "ingest", str(folder), "--db", db_url]


def env() -> dict:
    e = dict(os.environ)
    e.pop("KB_DATABASE_URL", None)
    return e


def scalar(engine, sql: str):
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def stored_documents(engine) -> int | None:
    try:
        return scalar(engine, "SELECT count(*) FROM documents")
    except DBAPIError:  # no schema yet, or the database is being created
        return None


def assert_only_whole_documents(engine, nlp) -> int:
    """Every stored document has all the rows its text gives, and no row points at nothing."""
    from kb.nlp.extract import Extractor

    for table, column, target in REFERENCES:
        orphans = scalar(engine, f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL "
                                 f"AND {column} NOT IN (SELECT id FROM {target})")
        assert orphans == 0, f"{table}.{column} points at missing {target}"
    docs = scalar(engine, "SELECT count(*) FROM documents")
    assert scalar(engine, "SELECT count(DISTINCT document_id) FROM sentences") == docs
    extractor = Extractor(nlp)
    with engine.connect() as conn:
        stored = conn.execute(text("""
            SELECT d.text,
                   (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentences,
                   (SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events,
                   (SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS quotes,
                   (SELECT count(*) FROM quantities n WHERE n.document_id = d.id) AS quantities
            FROM documents d""")).all()
    for row in stored:
        ex = extractor.analyse_text(row.text, None)
        assert (row.sentences, row.events, row.quotes, row.quantities) == (
            len(ex.sentences), len(ex.events), len(ex.quotes), len(ex.quantities)), row.text[:60]
    return docs


def test_killed_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path, db_url, nlp):
    folder = tmp_path / "articles"
    write_articles(folder)
    proc = subprocess.Popen(kb_command(folder, db_url), cwd=tmp_path, env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    engine = create_engine(db_url)
    try:
        sqlite_file = db_url.removeprefix("sqlite:///") if db_url.startswith("sqlite") else None
        deadline = time.monotonic() + 120
        seen = None
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"kb ingest ended (status {proc.returncode}) before it could be killed: "
                            f"{proc.stderr.read().decode()[-500:]}")
            if sqlite_file is None or os.path.exists(sqlite_file):  # do not create the file first
                seen = stored_documents(engine)
                if seen is not None and seen >= 3:
                    break
            time.sleep(0.005)
        else:
            pytest.fail("no document was stored within 120 s")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
        assert proc.returncode == -signal.SIGKILL
        engine.dispose()  # fresh connections see what survived

        survived = assert_only_whole_documents(engine, nlp)
        assert 3 <= survived < N_ARTICLES

        again = subprocess.run(kb_command(folder, db_url), cwd=tmp_path, env=env(), capture_output=True,
                               text=True, timeout=300)
        assert again.returncode == 0, again.stderr
        assert "Traceback" not in again.stderr
        assert again.stdout.startswith(f"documents: {N_ARTICLES - survived} added, 0 re-extracted, "
                                       f"{survived} skipped, 0 failed")
        assert assert_only_whole_documents(engine, nlp) == N_ARTICLES
        assert scalar(engine, "SELECT count(DISTINCT content_hash) FROM documents") == N_ARTICLES
        assert scalar(engine, "SELECT count(DISTINCT origin) FROM documents") == N_ARTICLES
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        engine.dispose()


def test_the_check_notices_a_half_written_document(tmp_path, sqlite_url, nlp):
    """The check above is not vacuous: a document missing its last rows is caught."""
    from clikit import kb

    folder = tmp_path / "articles"
    write_articles(folder, 2)
    assert kb("ingest", str(folder), db=sqlite_url).exit_code == 0
    engine = create_engine(sqlite_url)
    try:
        assert assert_only_whole_documents(engine, nlp) == 2
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM quotes WHERE document_id = (SELECT min(id) FROM documents)"))
        with pytest.raises(AssertionError):
            assert_only_whole_documents(engine, nlp)
    finally:
        engine.dispose()
