"""`kb ingest` of web pages and feeds from a local server, end to end into a database."""
from __future__ import annotations

import json

import pytest

from clikit import kb, kb_json
from webkit import FURNITURE, PAGES, Reply, Site, article_page, rss

STORIES = [
    ["Germany and France signed a defence agreement in Berlin on Tuesday.",
     "Chancellor Olaf Scholz said the deal would make Europe safer."],
    ["Japan and India held talks in Tokyo on trade and security on Wednesday.",
     "The two prime ministers agreed to meet again next spring."],
    ["Protesters marched in Paris on Saturday against the pension reform.",
     "Police said about twenty thousand people took part in the march."],
    ["Kenya and Ethiopia signed a border agreement in Nairobi on Monday.",
     "The governments will open three new crossings before the end of the year."],
]


@pytest.fixture
def site():
    s = Site().start()
    yield s
    s.stop()


def ingest(db, *args):
    res = kb("ingest", *args, "--workers", "0", "--json", db=db)
    return res, json.loads(res.stdout)


def stored(db):
    return kb_json("sql", "SELECT url, title, text, authors, fetched_at FROM documents ORDER BY id", db=db)


def test_a_feed_of_n_articles_gives_n_documents_and_a_second_run_fetches_none(site, sqlite_url):
    links = [site.page(f"/news/{i}", article_page(f"Story {i}", paras)) for i, paras in enumerate(STORIES)]
    site.page("/feed.xml", rss(site, links), content_type="application/rss+xml")
    res, report = ingest(sqlite_url, site.url("/feed.xml"))
    assert res.exit_code == 0, res.output
    assert report["added"] == len(STORIES) and report["failed"] == 0
    docs = stored(sqlite_url)
    assert [d["url"] for d in docs] == links
    assert [d["text"] for d in docs] == ["\n\n".join(p) for p in STORIES]
    for d in docs:
        assert not any(f in d["text"] for f in FURNITURE), d["text"]
        assert d["authors"] == "Staff Reporter" and d["fetched_at"]
    pages_fetched = sum(site.hits[f"/news/{i}"] for i in range(len(STORIES)))
    res, again = ingest(sqlite_url, site.url("/feed.xml"))
    assert again["added"] == 0 and again["skipped"] == len(STORIES)
    # the feed is read again; none of its articles is
    assert site.hits["/feed.xml"] == 2
    assert sum(site.hits[f"/news/{i}"] for i in range(len(STORIES))) == pages_fetched == len(STORIES)


def test_a_feed_item_already_stored_under_another_url_is_known_by_its_text(site, sqlite_url):
    """A feed that carries the full article tells by the text that it is stored, without a fetch."""
    first = site.page("/a", article_page("Story", STORIES[0]))
    ingest(sqlite_url, first)
    moved = site.url("/moved/a")
    site.page("/moved/a", article_page("Story", STORIES[0]))
    body = "".join(f"<p>{p}</p>" for p in STORIES[0])
    site.page("/feed.xml", rss(site, [moved], with_content={moved: body}), content_type="application/rss+xml")
    _, report = ingest(sqlite_url, site.url("/feed.xml"))
    assert report["skipped"] == 1 and report["added"] == 0
    assert site.hits["/moved/a"] == 0


def test_a_local_feed_file(site, sqlite_url, tmp_path):
    links = [site.page(f"/news/{i}", article_page(f"Story {i}", p)) for i, p in enumerate(STORIES[:2])]
    feed = tmp_path / "news.rss"
    feed.write_bytes(rss(site, links))
    res, report = ingest(sqlite_url, str(feed))
    assert res.exit_code == 0 and report["added"] == 2


def test_bad_pages_are_one_line_each_and_the_rest_is_stored(site, sqlite_url, monkeypatch):
    good = site.page("/good", article_page("Good", STORIES[0]))
    site.page("/menu", "<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav>"
                       "<footer>(c) 2024</footer></body></html>")
    site.page("/slow", article_page("Slow", STORIES[1]), delay=2.0)
    site.page("/doc.pdf", b"%PDF-1.4 binary", content_type="application/pdf")
    big = b"<html><body><p>" + b"word " * 300_000 + b"</p></body></html>"
    site.routes["/big"] = Reply(body=big)
    urls = [site.url(p) for p in ("/missing", "/menu", "/slow", "/doc.pdf", "/big")]
    monkeypatch.setenv("KB_FETCH_MAX_BYTES", "1000000")
    res = kb("ingest", good, *urls, "--workers", "0", "--timeout", "0.5", "--retries", "0", "--json", db=sqlite_url)
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert report["added"] == 1 and report["failed"] == 5
    lines = res.stderr.strip().splitlines()
    assert lines == [
        f"kb: {site.url('/missing')}: HTTP 404",
        f"kb: {site.url('/menu')}: no article text found in the page",
        f"kb: {site.url('/slow')}: timed out after 0.5 s",
        f"kb: {site.url('/doc.pdf')}: not a web page or feed (content type application/pdf)",
        f"kb: {site.url('/big')}: page is {len(big)} bytes, over the limit of 1000000 (set KB_FETCH_MAX_BYTES)",
    ]
    assert [d["url"] for d in stored(sqlite_url)] == [good]


def test_a_url_was_no_such_file_before(sqlite_url):
    """An unreachable URL is a network error naming it, not a missing file with a mangled path."""
    res = kb("ingest", "http://127.0.0.1:9/nothing-listens-here", "--workers", "0", "--retries", "0",
             "--timeout", "1", db=sqlite_url)
    assert res.exit_code == 1
    assert res.stderr.startswith("kb: http://127.0.0.1:9/nothing-listens-here: network error")
    assert "no such file" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", sorted(p.stem for p in PAGES.glob("*.html")))
def test_the_sample_pages_store_exactly_the_article_text(site, sqlite_url, name):
    """Pages made from data/samples (tests/data/make_pages.py): what is stored is the article,
    paragraph for paragraph, and no furniture."""
    url = site.page(f"/{name}", (PAGES / f"{name}.html").read_bytes())
    res, report = ingest(sqlite_url, url)
    assert report["added"] == 1, res.output
    [doc] = stored(sqlite_url)
    assert doc["text"] == (PAGES / f"{name}.txt").read_text(encoding="utf-8").strip()
