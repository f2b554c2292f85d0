"""`kb ingest --cluster` on a LocalCluster of two worker processes into PostgreSQL: the rows
equal a plain ingest, a rerun adds nothing, a chunk stored twice (at once, on both workers)
leaves nothing twice, and a worker killed mid-run still leaves the whole result."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import PG_URL, _postgres_database
from test_reliability_crash import env
from test_reliability_overlap import snapshot, write

pytest.importorskip("distributed")
pytestmark = pytest.mark.skipif(not PG_URL, reason="KB_TEST_POSTGRES_URL is not set")


def story(i: int) -> str:
    return (f"Prime Minister Hana Novak of Croatia met officials from Chile in Zagreb on Friday. "
            f"Croatia and Chile signed {i + 3} agreements on shipping, report {i}. "
            f"\"Trade will grow by {i + 4} percent,\" Novak said.")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """One-article files, a JSON-lines file with a bad line, and a CSV with a record over
    several lines: every kind of chunk."""
    root = tmp_path_factory.mktemp("inputs")
    write(root / "files", range(0, 5))
    with open(root / "news.jsonl", "w", encoding="utf-8") as fh:
        for i in range(5):
            fh.write(json.dumps({"text": story(i), "url": f"https://news.example/{i}", "date": "2024-03-0%d" % (i + 1)}) + "\n")
            if i == 2:
                fh.write("{broken\n\n")
    with open(root / "news.csv", "w", encoding="utf-8") as fh:
        fh.write("title,text\n")
        for i in range(5, 9):
            fh.write(f'"Story {i}","{story(i).replace(chr(34), chr(34) * 2).replace(". ", ".{chr(10)}{chr(10)}", 1)}"\n')
    return [str(root / "files"), str(root / "news.jsonl"), str(root / "news.csv")]


@pytest.fixture(scope="module")
def plain(inputs, nlp, tmp_path_factory):
    """A plain one-process ingest of the same inputs: the reference."""
    from kb.ingest.service import Ingestor
    from kb.nlp.extract import Extractor
    from kb.store.db import open_database

    url = f"sqlite:///{tmp_path_factory.mktemp('plain') / 'plain.sqlite'}"
    engine = open_database(url)
    report = Ingestor(engine, workers=0, extractor=Extractor(nlp)).run(inputs)
    engine.dispose()
    assert report.added == 5 + 5 + 4 and report.failed == 1
    return report, snapshot(url)


@pytest.fixture(scope="module")
def client():
    from kb.ingest.cluster import connect

    with connect("local:2") as c:  # the cluster `kb ingest --cluster local:2` starts
        yield c


@pytest.fixture
def pg():
    yield from _postgres_database()


def run(client, url, paths, **kwargs):
    from kb.ingest.cluster import run_on_cluster
    from kb.store.db import open_database

    engine = open_database(url)
    try:
        return run_on_cluster(client, engine, paths, **kwargs)
    finally:
        engine.dispose()


def test_a_worker_loads_dateparser_with_the_pipeline(client):
    # dateparser's import and time-zone patterns (about a second) belong to a worker's start,
    # not to the first chunk that holds a date the patterns leave to it (first in this file:
    # the workers have parsed nothing yet)
    from kb.ingest.cluster import _plugin, _resolve_limit
    from kb.nlp.model import model_name

    client.register_plugin(_plugin(model_name(), _resolve_limit(None)))
    seen = client.run(lambda: "dateparser.date" in sys.modules)
    assert list(seen.values()) == [True, True]


def test_rows_equal_a_plain_ingest_and_a_rerun_adds_nothing(client, pg, inputs, plain):
    plain_report, plain_rows = plain
    seen = []
    report = run(client, pg, inputs, chunk_size=2, progress=lambda s: seen.append((s.chunks_done, s.documents)))
    for key in ("added", "skipped", "failed", "entities", "events", "quotes"):
        assert getattr(report, key) == getattr(plain_report, key), key
    assert sorted(report.errors) == sorted(plain_report.errors)  # the bad line, by its own line number
    assert report.errors == [f"{inputs[1]}:4: not valid JSON: expecting property name enclosed in double quotes "
                             "at column 2"]
    rows = snapshot(pg)
    assert rows["events"] and rows["participants"] and rows["quotes"] and rows["counts"]
    assert rows == plain_rows
    assert len(seen) >= 7 and seen[-1] == (len(seen), 14)  # progress after every chunk, to the end

    again = run(client, pg, inputs, chunk_size=3)
    assert (again.added, again.skipped, again.failed) == (0, 14, 1)
    assert snapshot(pg) == plain_rows


def test_a_chunk_stored_twice_at_once_leaves_nothing_twice(client, pg, inputs, tmp_path, nlp):
    from kb.ingest.cluster import ingest_chunk, plan_chunks
    from kb.ingest.service import Ingestor
    from kb.nlp.extract import Extractor
    from kb.nlp.model import model_name
    from kb.store.db import open_database

    open_database(pg).dispose()
    [chunk] = plan_chunks([inputs[1]], chunk_size=100)
    payload = chunk.payload(1_000_000)
    a, b = sorted(client.nthreads())
    # the same chunk on both workers at the same moment, then once more: the content hash and
    # the storing lock must keep every article once
    futures = [client.submit(ingest_chunk, payload, pg, model_name(), pure=False, workers=[w], allow_other_workers=False)
               for w in (a, b)]
    results = client.gather(futures)
    results.append(client.submit(ingest_chunk, payload, pg, model_name(), pure=False).result())
    assert sum(r.report.added for r in results) == 5
    assert sum(r.report.skipped for r in results) == 10
    assert {r.worker for r in results[:2]} and len({r.worker for r in results[:2]}) == 2

    reference = f"sqlite:///{tmp_path / 'one.sqlite'}"
    engine = open_database(reference)
    Ingestor(engine, workers=0, extractor=Extractor(nlp)).run([inputs[1]])
    engine.dispose()
    assert snapshot(pg) == snapshot(reference)


def test_storing_on_the_workers_gives_the_same_rows(client, pg, inputs, plain):
    # the variant the benchmark measured against storing on the client (the default)
    _, plain_rows = plain
    report = run(client, pg, inputs, chunk_size=3, store_on="workers")
    assert (report.added, report.failed) == (14, 1)
    assert snapshot(pg) == plain_rows


def test_local_workers_run_without_the_stack_profiler(client):
    # every 10 ms sample of a parsing thread's stack stalls spaCy; the nannies must hand the
    # cluster's settings to the worker processes they start
    import dask

    seen = client.run(lambda: (dask.config.get("distributed.worker.profile.enabled"),
                               dask.config.get("distributed.admin.tick.interval")))
    assert len(seen) == 2
    assert set(seen.values()) == {(False, "500ms")}


def test_local_workers_keep_the_adaptive_malloc_threshold(client):
    # a nanny's MALLOC_TRIM_THRESHOLD_ fixes glibc's mmap threshold: every large array of the
    # parse is then mapped and faulted in afresh (about 15 % more CPU per article); the
    # nanny's one BLAS thread stays
    seen = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS")))
    assert len(seen) == 2
    assert set(seen.values()) == {(None, "1")}


def test_a_worker_killed_mid_run_leaves_the_whole_result(client, pg, inputs, plain):
    _, plain_rows = plain
    killed: list[int] = []

    def kill_a_busy_worker(state) -> None:
        if killed or state.planning_done and state.chunks_done >= state.chunks_planned:
            return
        # chunks just submitted reach a worker a moment later: on a quiet machine both workers
        # can have finished theirs by the time the client hears of one, so wait for one to start
        deadline = time.monotonic() + 5
        busy = []
        while not busy and time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            if not busy:
                time.sleep(0.005)
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)  # no clean-up of any kind, as a machine that is lost
            killed.append(pid)

    report = run(client, pg, inputs, chunk_size=1, progress=kill_a_busy_worker)
    assert killed, "no worker was busy to kill"
    assert killed[0] not in client.run(os.getpid).values()
    assert (report.added, report.failed) == (14, 1), report.as_dict()
    assert snapshot(pg) == plain_rows


def test_sqlite_is_refused_before_anything_is_made(tmp_path, inputs):
    db = tmp_path / "kb.sqlite"
    res = subprocess.run([sys.executable, "-m", "kb", "ingest", inputs[1], "--cluster", "local:2", "--db",
                          f"sqlite:///{db}"], cwd=tmp_path, env=env(), capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines() == [
        "kb: a cluster ingest needs a PostgreSQL database (--db postgresql+psycopg://...): "
        "one SQLite file cannot take writers on other machines"]
    assert not db.exists()


def test_the_command_in_a_pipe_prints_only_its_report(tmp_path, inputs, pg):
    # in a pipe: no progress, no dashboard link, no Dask log lines; the summary on stdout
    res = subprocess.run([sys.executable, "-m", "kb", "ingest", inputs[1], "--cluster", "local:2", "--json", "--db", pg],
                         cwd=tmp_path, env=env(), capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stderr  # the bad line fails, as in a plain ingest
    report = json.loads(res.stdout)
    assert (report["added"], report["failed"]) == (5, 1)
    assert res.stderr.strip().splitlines() == [f"kb: {report['errors'][0]}"]


def test_a_full_database_stops_the_run_as_a_plain_ingest_does(client, pg, inputs, monkeypatch):
    from kb.ingest.service import Ingestor

    stored: list[str] = []
    real = Ingestor._store

    def store_two_then_full(self, article, digest, ex, report):
        if len(stored) == 2:
            return False  # what _store says when the disk is full
        stored.append(article.origin)
        return real(self, article, digest, ex, report)

    monkeypatch.setattr(Ingestor, "_store", store_two_then_full)  # the client's storing only
    planned: list[int] = []
    report = run(client, pg, inputs, chunk_size=1, progress=lambda state: planned.append(state.chunks_planned))
    assert report.added == 2
    assert any("disk full" in e for e in report.errors)
    assert len(snapshot(pg)["documents"]) == 2
    assert max(planned) < 14  # no chunk was sent out after the database said it was full
