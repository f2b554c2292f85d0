"""RSS and Atom read with feedparser: links, ids, dates, full content; and what is not a feed."""
from __future__ import annotations

import datetime as dt

import pytest

from kb.errors import InputError
from kb.ingest.feeds import looks_like_feed, parse_feed

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2024-05-02T10:00:00Z</updated>
<entry><title>One</title><id>urn:uuid:1</id><link rel="alternate" href="/news/one"/>
<published>2024-05-01T08:00:00+02:00</published>
<content type="html">&lt;p&gt;Chile and Peru signed a fisheries accord.&lt;/p&gt;</content></entry>
<entry><title>Two</title><id>https://wire.example/news/two</id><link href="https://wire.example/news/two"/>
<updated>2024-05-02T10:00:00Z</updated></entry>
</feed>"""


def test_atom_items_with_relative_links_ids_dates_and_content():
    one, two = parse_feed(ATOM, "wire.atom", base="https://wire.example/feeds/all.atom")
    assert one.link == "https://wire.example/news/one" and one.guid == "urn:uuid:1"
    assert one.published == dt.datetime(2024, 5, 1, 6, 0, tzinfo=dt.timezone.utc)
    assert "fisheries accord" in one.content_html
    assert two.guid == two.link == "https://wire.example/news/two"
    assert two.published == dt.datetime(2024, 5, 2, 10, 0, tzinfo=dt.timezone.utc) and two.content_html is None


@pytest.mark.parametrize("body", [b"<html><body><p>Just a page</p></body></html>", b"", b"{\"items\": []}"])
def test_what_is_not_a_feed_is_one_error(body):
    assert not looks_like_feed(body)
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        parse_feed(body, "x.xml")


def test_feeds_are_recognised_by_type_or_by_their_first_element():
    assert looks_like_feed(ATOM) and looks_like_feed(b"<rss version='2.0'><channel/></rss>")
    assert looks_like_feed(b"anything", "application/rss+xml")
    assert not looks_like_feed(b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>")
