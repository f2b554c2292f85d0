"""Several processes on one SQLite file: readers never fail while an ingest writes, and two
ingests both finish, neither stopped by "database is locked"."""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time

import pytest

from test_reliability_crash import env, write_articles


def kb_process(*args: str, db: str, cwd) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kb", *args, "--db", db], cwd=cwd, env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def counts(db: str) -> tuple[int, int]:
    from kb.store.sqlrun import run_sql

    [(docs, hashes)] = run_sql("SELECT count(*), count(DISTINCT content_hash) FROM documents", db).rows
    return docs, hashes


@pytest.fixture
def created(sqlite_url) -> str:
    """A database whose schema exists, as it does after a first `kb ingest`."""
    from kb.store.db import open_database

    open_database(sqlite_url).dispose()
    return sqlite_url


def test_readers_never_fail_while_an_ingest_writes(tmp_path, created):
    from kb.store.db import open_database, session_scope
    from kb.store.queries import EventFilter, list_events

    write_articles(tmp_path / "articles")
    ingest = kb_process("ingest", str(tmp_path / "articles"), db=created, cwd=tmp_path)
    library_reads: list[int] = []
    library_errors: list[BaseException] = []

    def read_in_process() -> None:  # many fast reads through the library, alongside the CLI ones
        engine = open_database(created)
        try:
            while ingest.poll() is None:
                with session_scope(engine) as s:
                    library_reads.append(len(list_events(s, EventFilter(limit=1000))))
                time.sleep(0.01)
        except BaseException as exc:  # noqa: BLE001 - any failure is the finding
            library_errors.append(exc)
        finally:
            engine.dispose()

    reader = threading.Thread(target=read_in_process)
    reader.start()
    cli_reads = []
    try:
        while ingest.poll() is None or not cli_reads:
            res = subprocess.run([sys.executable, "-m", "kb", "events", "--json", "--db", created], cwd=tmp_path,
                                 env=env(), capture_output=True, text=True, timeout=120)
            assert res.returncode == 0, res.stderr
            cli_reads.append(len(json.loads(res.stdout)))
    finally:
        out, err = ingest.communicate(timeout=300)
        reader.join(timeout=60)
    assert ingest.returncode == 0, err
    assert not library_errors, library_errors
    assert library_reads == sorted(library_reads)  # a reader sees whole documents arrive, never leave
    assert counts(created) == (30, 30)


def test_two_ingests_into_one_sqlite_file_both_succeed(tmp_path, created):
    write_articles(tmp_path / "all")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for i, path in enumerate(sorted((tmp_path / "all").iterdir())):
        path.rename(tmp_path / ("a" if i % 2 else "b") / path.name)
    first = kb_process("ingest", str(tmp_path / "a"), db=created, cwd=tmp_path)
    second = kb_process("ingest", str(tmp_path / "b"), db=created, cwd=tmp_path)
    results = [p.communicate(timeout=300) for p in (first, second)]
    for proc, (out, err) in zip((first, second), results):
        assert proc.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        assert out.startswith("documents: 15 added, 0 re-extracted, 0 skipped, 0 failed")
    assert counts(created) == (30, 30)


def _late_looker(url: str, looked, done, results) -> None:
    """Opens the database, finds no schema, and carries on only after another process has
    created it: the moment a second `kb ingest` started on a new database can hit."""
    from kb.store import db

    real = db.current_revision

    def current_revision_then_wait(engine):
        revision = real(engine)
        db.current_revision = real
        looked.set()
        done.wait(60)
        return revision

    db.current_revision = current_revision_then_wait
    _open(db, url, results)


def _creator(url: str, looked, done, results) -> None:
    from kb.store import db

    looked.wait(60)
    try:
        _open(db, url, results)
    finally:
        done.set()


def _open(db, url: str, results) -> None:
    engine = db.make_engine(url)
    try:
        db.ensure_schema(engine)
        results.put(None)
    except Exception as exc:  # noqa: BLE001
        results.put(f"{type(exc).__name__}: {exc}")
    finally:
        engine.dispose()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_command_that_finds_a_new_database_being_created_waits_for_it(db_url):
    """Two `kb ingest` started together on a database that does not exist yet: one creates the
    schema; the other, having looked just before, must wait for it and then use it, not refuse
    the database as foreign."""
    ctx = multiprocessing.get_context("fork")
    looked, done, results = ctx.Event(), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=target, args=(db_url, looked, done, results)) for target in (_late_looker, _creator)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert outcomes == [None, None]
