"""`kb watch`: rounds over feeds, URL lists and folders that go on through failures."""
from __future__ import annotations

import json

import pytest

from clikit import kb, kb_json
from webkit import Reply, Site, article_page, rss

PARAS = [
    ["Germany and France signed a defence agreement in Berlin on Tuesday.", "Officials called it historic."],
    ["Japan and India held talks in Tokyo on trade on Wednesday.", "They will meet again in spring."],
    ["Protesters marched in Paris on Saturday against the pension reform.", "Police counted twenty thousand."],
    ["Kenya and Ethiopia signed a border agreement in Nairobi on Monday.", "Three crossings will open."],
    ["Chile and Peru signed a fisheries accord in Lima on Friday.", "Both navies will patrol the border."],
]


@pytest.fixture
def site():
    s = Site().start()
    yield s
    s.stop()


def test_rounds_follow_a_growing_feed_through_a_failing_source(site, sqlite_url):
    links = [site.page(f"/news/{i}", article_page(f"Story {i}", p)) for i, p in enumerate(PARAS[:3])]
    other = site.page("/other/0", article_page("Other", PARAS[3]))
    # the feed holds one more item at each round; the other feed fails in round 2 only
    site.routes["/feed.xml"] = Reply(body=lambda: rss(site, links[:site.hits["/feed.xml"]]),
                                     content_type="application/rss+xml")
    site.routes["/other.xml"] = Reply(status=lambda: 500 if site.hits["/other.xml"] == 2 else 200,
                                      body=lambda: rss(site, [other]), content_type="application/rss+xml")
    res = kb("watch", site.url("/feed.xml"), site.url("/other.xml"), "--every", "0s", "--rounds", "3",
             "--retries", "0", "--json", db=sqlite_url)
    assert res.exit_code == 0, res.output
    rounds = [json.loads(line) for line in res.stdout.splitlines()]
    assert [(r["round"], r["new"], r["skipped"], r["failed"]) for r in rounds] == [(1, 2, 0, 0), (2, 1, 1, 1), (3, 1, 3, 0)]
    assert rounds[1]["errors"] == [f"{site.url('/other.xml')}: HTTP 500"]
    assert f"{site.url('/other.xml')}: HTTP 500" in res.stderr
    assert len(kb_json("documents", db=sqlite_url)) == 4
    # every article page was fetched once, however many rounds listed it
    assert [site.hits[f"/news/{i}"] for i in range(3)] == [1, 1, 1] and site.hits["/other/0"] == 1


def test_the_readable_line_per_round(site, sqlite_url):
    link = site.page("/news/0", article_page("Story", PARAS[0]))
    site.page("/feed.xml", rss(site, [link]), content_type="application/rss+xml")
    res = kb("watch", site.url("/feed.xml"), "--every", "0s", "--rounds", "2", db=sqlite_url)
    lines = res.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("round 1: 1 new, 0 skipped, 0 failed")
    assert lines[1].endswith("round 2: 0 new, 1 skipped, 0 failed")


def test_folders_give_new_and_changed_files_and_url_lists_their_urls(site, tmp_path):
    from kb.ingest.service import Ingestor
    from kb.ingest.watch import Watcher
    from kb.ingest.web import FetchPolicy
    from kb.store.db import open_database

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(" ".join(PARAS[0]), encoding="utf-8")
    urls = tmp_path / "urls.list"
    urls.write_text(f"# pages to follow\n{site.page('/p', article_page('P', PARAS[1]))}\nnot a url\n", encoding="utf-8")
    engine = open_database(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    watcher = Watcher(Ingestor(engine, workers=0, fetch_policy=FetchPolicy(retries=0)), [str(folder), str(urls)])
    first = watcher.round()
    assert (first.added, first.skipped, first.failed) == (2, 0, 1)
    assert first.errors == [f"{urls}:3: not an http(s) URL"]
    (folder / "b.txt").write_text(" ".join(PARAS[2]), encoding="utf-8")
    second = watcher.round()
    # a.txt is not read again; the stored page is not fetched again
    assert (second.added, second.skipped, second.failed) == (1, 1, 1) and site.hits["/p"] == 1
    (folder / "a.txt").write_text(" ".join(PARAS[4]), encoding="utf-8")
    (tmp_path / "urls.list").unlink()
    third = watcher.round()
    assert (third.added, third.failed) == (1, 1)
    assert third.errors == [f"{urls}: no such file or folder"]


def test_stop_ends_the_watch_between_documents(site, tmp_path):
    from kb.ingest.service import Ingestor
    from kb.ingest.watch import watch
    from kb.store.db import open_database

    links = [site.page(f"/news/{i}", article_page(f"Story {i}", p)) for i, p in enumerate(PARAS)]
    site.page("/feed.xml", rss(site, links), content_type="application/rss+xml")
    engine = open_database(f"sqlite:///{tmp_path / 'kb.sqlite'}")
    reports = []
    # "Ctrl-C" arrives once the second page has been fetched
    ran = watch(Ingestor(engine, workers=0), [site.url("/feed.xml")], every=3600, on_round=reports.append,
                stop=lambda: site.hits["/news/1"] > 0, wait=lambda s: pytest.fail("waited after a stop"))
    assert ran == 1 and reports[0].added == 2
    assert [site.hits[f"/news/{i}"] for i in range(5)] == [1, 1, 0, 0, 0]


def test_every_must_be_a_duration(sqlite_url):
    res = kb("watch", "x.rss", "--every", "soon", db=sqlite_url)
    assert res.exit_code == 1 and res.stderr.strip() == "kb: --every must be a number with s, m, h or d (e.g. 15m), not 'soon'"


def test_ctrl_c_stops_the_watch_after_the_document_in_hand(site, tmp_path):
    """A real kb process and a real SIGINT: the first stops the watch cleanly between documents."""
    import os
    import signal
    import subprocess
    import sys

    link = site.page("/news/0", article_page("Story", PARAS[0]))
    site.page("/feed.xml", rss(site, [link]), content_type="application/rss+xml")
    db = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    proc = subprocess.Popen([sys.executable, "-m", "kb", "watch", site.url("/feed.xml"), "--every", "1h", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_PROXY": "127.0.0.1"})
    try:
        first = proc.stdout.readline()  # round 1 is done; the watch now waits an hour
        assert first.rstrip().endswith("round 1: 1 new, 0 skipped, 0 failed")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "stopping after the current document" in err and "Traceback" not in err
    assert out == ""
