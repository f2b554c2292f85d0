"""Fetching over HTTP from a local server: redirects, errors, time and size limits, retries,
robots.txt, and what kind of answer is a page, a feed or neither."""
from __future__ import annotations

import pytest

from kb.errors import InputError
from kb.ingest.readers import Article
from kb.ingest.sources import SourceReader, Skip
from kb.ingest.web import Fetcher, FetchError, FetchPolicy
from webkit import Reply, Site, article_page, rss

TEXT = ["Kenya and Ethiopia signed a border agreement in Nairobi on Monday, officials said.",
        "The two governments agreed to open three new crossings before the end of the year."]


@pytest.fixture
def site():
    s = Site().start()
    yield s
    s.stop()


def fetcher(**kw) -> Fetcher:
    slept = []
    f = Fetcher(FetchPolicy(**{"timeout": 2.0, "retries": 0, **kw}), sleep=slept.append)
    f.slept = slept
    return f


def read(site_or_reader, *urls, known=lambda urls, digest: False, **kw):
    reader = SourceReader(fetcher(**kw), known)
    return list(reader.read(urls))


def test_a_page_is_fetched_with_a_user_agent_naming_kb(site):
    site.page("/a", article_page("Border deal", TEXT))
    with fetcher() as f:
        resp = f.fetch(site.url("/a"))
    assert resp.status == 200 and resp.content_type == "text/html"
    assert b"border agreement" in resp.body
    assert site.hits["/a"] == 1 and site.agents["/a"].startswith("kb/")


def test_a_redirect_is_followed_and_the_url_asked_for_is_kept(site):
    site.page("/new", article_page("Border deal", TEXT))
    site.routes["/old"] = Reply(301, b"", headers={"Location": "/new"})
    [article] = read(site, site.url("/old"))
    assert isinstance(article, Article)
    assert article.url == site.url("/old") and article.fetched_at is not None
    assert article.text == "\n\n".join(TEXT)
    assert site.hits["/old"] == 1 and site.hits["/new"] == 1


def test_endless_redirects_are_one_error(site):
    site.routes["/loop"] = Reply(302, b"", headers={"Location": "/loop"})
    [error] = read(site, site.url("/loop"))
    assert isinstance(error, FetchError) and "redirects" in error.reason


def test_not_found_is_one_error_naming_the_url(site):
    [error] = read(site, site.url("/missing"))
    assert isinstance(error, InputError)
    assert str(error) == f"{site.url('/missing')}: HTTP 404"


def test_a_slow_page_past_the_timeout_is_an_error(site):
    site.page("/slow", article_page("Slow", TEXT), delay=1.5)
    [error] = read(site, site.url("/slow"), timeout=0.3)
    assert isinstance(error, FetchError) and "timed out after 0.3 s" in error.reason


def test_a_huge_page_is_refused_while_reading(site):
    site.routes["/huge"] = Reply(body=lambda: b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>")
    [error] = read(site, site.url("/huge"), max_bytes=1_000_000)
    assert isinstance(error, FetchError) and "over the limit of 1000000" in error.reason


def test_a_huge_page_without_a_length_is_cut_off_while_reading(site):
    site.routes["/endless"] = Reply(body=b"<html><body><p>" + b"word " * 400_000, length=False)
    [error] = read(site, site.url("/endless"), max_bytes=1_000_000)
    assert isinstance(error, FetchError) and error.reason == "page is over the limit of 1000000 bytes (set KB_FETCH_MAX_BYTES)"


def test_a_plain_text_answer_is_an_article(site):
    site.page("/story.txt", "\n\n".join(TEXT) + "\x00", content_type="text/plain; charset=utf-8")
    [article] = read(site, site.url("/story.txt"))
    # read like a .txt file: its language told, a NUL removed with a warning
    assert isinstance(article, Article) and article.language == "en"
    assert article.text == "\n\n".join(TEXT) and article.warnings == ["the text held 1 NUL character; removed"]
    assert article.url == site.url("/story.txt")


def test_a_response_that_is_not_html_is_one_error(site):
    site.page("/picture.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
    [error] = read(site, site.url("/picture.png"))
    assert isinstance(error, InputError) and error.reason == "not a web page or feed (content type image/png)"


def test_a_page_without_article_text_is_one_error(site):
    site.page("/menu", "<html><body><nav><a href='/'>Home</a></nav><div class='cookie-banner'>Cookies</div>"
                       "<footer>(c) 2024</footer></body></html>")
    [error] = read(site, site.url("/menu"))
    assert isinstance(error, InputError) and error.reason == "no article text found in the page"


def test_server_errors_are_retried_with_growing_waits(site):
    site.routes["/flaky"] = Reply(503, b"busy")
    f = fetcher(retries=2, backoff=0.5)
    with pytest.raises(FetchError, match="HTTP 503"):
        f.fetch(site.url("/flaky"))
    assert site.hits["/flaky"] == 3 and f.slept == [0.5, 1.0]


def test_robots_txt_is_obeyed_unless_ignored(site):
    site.page("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.page("/private/a", article_page("Private", TEXT))
    [error] = read(site, site.url("/private/a"))
    assert isinstance(error, FetchError) and "robots.txt" in error.reason
    assert site.hits["/private/a"] == 0
    [article] = read(site, site.url("/private/a"), respect_robots=False)
    assert isinstance(article, Article) and site.hits["/private/a"] == 1


def test_a_stored_url_is_not_fetched_again(site):
    site.page("/a", article_page("Border deal", TEXT))
    [skip] = read(site, site.url("/a"), known=lambda urls, digest: site.url("/a") in urls)
    assert isinstance(skip, Skip) and site.hits["/a"] == 0


def test_a_feed_url_gives_its_items_and_since_leaves_out_older_ones(site):
    import datetime as dt

    links = [site.page(f"/story/{i}", article_page(f"Story {i}", [f"Story number {i}. " + TEXT[0], TEXT[1]]))
             for i in range(3)]  # published 1, 2 and 3 January 2024
    site.page("/feed.xml", rss(site, links), content_type="application/rss+xml")
    reader = SourceReader(fetcher(), lambda urls, digest: False, since=dt.date(2024, 1, 2))
    items = list(reader.read([site.url("/feed.xml")]))
    assert [type(i).__name__ for i in items] == ["Skip", "Article", "Article"]
    assert site.hits["/story/0"] == 0 and site.hits["/story/1"] == site.hits["/story/2"] == 1
