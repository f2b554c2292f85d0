"""HTML pages read by trafilatura: the article text, its metadata, page furniture left out."""
from __future__ import annotations

import datetime

from kb.errors import InputError
from kb.ingest.readers import Article, read_path

PAGE = """<!DOCTYPE html>
<html><head>
<title>Floods hit coast &ndash; Example News</title>
<meta property="article:published_time" content="2024-11-08T10:00:00Z">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://news.example/floods">
<style>p { color: red }</style>
<script>var p = "<p>not text</p>";</script>
</head><body>
<header><a href="/">Home</a> <h1>Floods hit coast</h1></header>
<nav><ul><li>World</li><li>Sport</li></ul></nav>
<article>
  <p>Heavy rain <b>flooded</b> the
     old town on Monday.</p>
  <figure><img src="x.jpg"><figcaption>Rescuers at work</figcaption></figure>
  <div>Officials said 40&nbsp;homes were evacuated.<br>More rain is due.</div>
  <p>Caf&eacute; owners &amp; residents &quot;waited&quot;.</p>
</article>
<aside>Most read: something else</aside>
<footer>Copyright 2024</footer>
</body></html>
"""


def test_page_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    # the headline without the site name trafilatura recognises in it
    assert article.title == "Floods hit coast"
    assert article.url == "https://news.example/floods"
    assert article.source == "Example News"
    assert article.published == datetime.date(2024, 11, 8)
    assert article.text == (
        "Heavy rain flooded the old town on Monday.\n\n"
        "Officials said 40 homes were evacuated.\n\n"  # &nbsp; becomes a space
        "More rain is due.\n\n"
        'Café owners & residents "waited".'
    )


def test_title_from_h1_when_no_title_tag(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text("<h1>The <i>Headline</i></h1><p>Body.</p>", encoding="utf-8")
    [article] = list(read_path(path))
    assert article.title == "The Headline" and article.text == "Body."
    assert article.published is None and article.url is None


def test_page_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>T</title><script>x()</script></head><body><nav>Menu</nav></body></html>",
                    encoding="utf-8")
    [error] = list(read_path(path))
    assert isinstance(error, InputError) and error.reason == "no article text found in the page"


def test_broken_html_does_not_raise(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<body><p>Unclosed <b>bold <div>text</p></span></article>&bogus; <p>Second one.", encoding="utf-8")
    [article] = list(read_path(path))
    assert isinstance(article, Article)
    assert "Unclosed bold" in article.text and "Second one." in article.text


def test_authors_are_kept(tmp_path):
    path = tmp_path / "byline.html"
    path.write_text('<html><head><meta name="author" content="Ana Lima; Bo Chen"></head><body><article>'
                    "<p>Chile and Peru signed a fisheries accord in Lima on Friday.</p></article></body></html>",
                    encoding="utf-8")
    [article] = list(read_path(path))
    assert article.authors == "Ana Lima; Bo Chen"


def test_control_characters_in_a_div_are_dropped_not_raised(tmp_path):
    # lxml parses a C0 control into the tree but raises when the text moves into a new paragraph
    # (found by tests/test_reliability_properties.py: b"\t\t\t <div>\x01")
    path = tmp_path / "controls.html"
    path.write_bytes(b"<body><div>Troops\x01 left the \x0bborder town.</div></body>")
    [article] = list(read_path(path))
    assert isinstance(article, Article) and article.text == "Troops left the border town."
    path.write_bytes(b"\t\t\t <div>\x01")
    [error] = list(read_path(path))
    assert isinstance(error, InputError) and str(error).startswith(str(path))
