"""One pathological article must not take its batch down: a 1,000-way coordination, malformed
HTML, 20,000 characters with no sentence break and a FIFO named like an article sit among good
articles; the good ones are stored, each bad one is reported in one line or stored, and the run
ends in bounded time, with every number of workers."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest
from sqlalchemy import create_engine, text

from clikit import kb
from test_reliability_crash import env

GOOD = {f"good{i}.txt": f"Japan and India held talks in Tokyo on trade on Monday, the {i + 1}th round. "
                        f"The foreign minister said the talks went well." for i in range(4)}


def pathological_folder(folder) -> None:
    folder.mkdir()
    for name, body in GOOD.items():
        (folder / name).write_text(body, encoding="utf-8")
    (folder / "a-coordination.txt").write_text("Germany attacked " + " and ".join(["France"] * 1000) + ".",
                                               encoding="utf-8")
    (folder / "b-bad.html").write_text("<html><title>Bad</title><body>" + "<a " * 40000, encoding="utf-8")
    rng = random.Random(2)
    words = "the army of Germany and France attacked Berlin troops with officials from Iraq said talks on trade".split()
    (folder / "c-nobreak.txt").write_text(" ".join(rng.choice(words) for _ in range(4000))[:20000], encoding="utf-8")
    os.mkfifo(folder / "x.txt")  # would block a read forever


def titles(url: str) -> set[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        origins = set(conn.execute(text("SELECT origin FROM documents")).scalars())
    engine.dispose()
    return {os.path.basename(o) for o in origins}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("workers", [0, 1, 2])
def test_the_pathological_batch_stores_the_good_articles(tmp_path, workers):
    folder, url = tmp_path / "articles", f"sqlite:///{tmp_path / 'kb.sqlite'}"
    pathological_folder(folder)
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kb", "ingest", str(folder), "--workers", str(workers), "--json",
                           "--db", url], capture_output=True, text=True, env=env(), timeout=180)
    took = time.monotonic() - start
    assert took < 120, took
    assert proc.returncode == 1, proc.stderr  # the FIFO and the page with no text are reported
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert any("x.txt: not a regular file (a FIFO); skipped" in e for e in report["errors"])
    assert any("b-bad.html: no article text found" in e for e in report["errors"])
    stored = titles(url)
    assert set(GOOD) <= stored
    # the coordination and the unbroken text are stored, or each reported in one line: never lost silently
    for name in ("a-coordination.txt", "c-nobreak.txt"):
        assert name in stored or any(name in e for e in report["errors"]), (name, report)
    assert report["added"] + report["failed"] == len(GOOD) + 4


def test_a_document_over_the_time_limit_is_reported_and_the_rest_of_its_chunk_stored(monkeypatch, sqlite_url):
    """The limit is enforced by an alarm in the process that analyses (here: this one)."""
    from kb.nlp import extract

    real = extract.analyse

    def analyse(doc, published, *rest):
        if "Slowland" in doc.text:
            time.sleep(30)
        return real(doc, published, *rest)

    monkeypatch.setattr(extract, "analyse", analyse)
    monkeypatch.setenv("KB_MAX_SECONDS_PER_ARTICLE", "1")
    articles = [json.dumps({"text": t, "url": f"u{i}"}) for i, t in enumerate(
        list(GOOD.values())[:2] + ["Slowland and Germany signed a deal in Berlin."] + list(GOOD.values())[2:])]
    start = time.monotonic()
    res = kb("ingest", "-", "--workers", "0", "--json", db=sqlite_url, input="\n".join(articles) + "\n")
    assert time.monotonic() - start < 20
    report = json.loads(res.stdout)
    assert res.exit_code == 1
    assert report["added"] == 4 and report["failed"] == 1
    assert report["errors"] == ["<stdin>:3: not stored: analysis took over 1 s (KB_MAX_SECONDS_PER_ARTICLE); skipped"]


def test_a_recursion_in_one_document_loses_only_that_document(monkeypatch, sqlite_url):
    from kb.nlp import extract

    real = extract.analyse

    def analyse(doc, published, *rest):
        if "Loopland" in doc.text:
            def down(n):
                return down(n + 1)
            down(0)
        return real(doc, published, *rest)

    monkeypatch.setattr(extract, "analyse", analyse)
    articles = [json.dumps({"text": t}) for t in ["Loopland and Germany signed a deal."] + list(GOOD.values())[:2]]
    res = kb("ingest", "-", "--workers", "0", "--json", db=sqlite_url, input="\n".join(articles) + "\n")
    report = json.loads(res.stdout)
    assert report["added"] == 2 and report["failed"] == 1
    assert report["errors"] == ["<stdin>:1: not stored: too deeply nested to analyse (recursion limit); skipped"]


def test_a_document_needing_too_much_memory_is_reported_by_its_worker(monkeypatch, sqlite_url):
    """Workers cap their heap (KB_MAX_MEMORY_MB_PER_WORKER): the document that asks for more gets
    MemoryError in its worker, and is reported, instead of the machine swapping or the OOM killer
    choosing a process. (The forked worker inherits this test's stand-in for the analysis.)"""
    from kb.nlp import extract

    real = extract.analyse

    def analyse(doc, published, *rest):
        if "Hogland" in doc.text:
            bytearray(8 * 2**30)  # 8 GB
        return real(doc, published, *rest)

    monkeypatch.setattr(extract, "analyse", analyse)
    monkeypatch.setenv("KB_MAX_MEMORY_MB_PER_WORKER", "2048")
    articles = [json.dumps({"text": t}) for t in list(GOOD.values())[:2] + ["Hogland and Germany signed a deal."]]
    res = kb("ingest", "-", "--workers", "1", "--json", db=sqlite_url, input="\n".join(articles) + "\n")
    report = json.loads(res.stdout)
    assert report["added"] == 2 and report["failed"] == 1, report
    assert report["errors"] == ["<stdin>:3: not stored: analysis needed more memory than allowed; skipped"]
