"""RSS and Atom feeds, read with feedparser: the items, their links and what they tell up front.

feedparser is imported on first use. Nothing here fetches or prints.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InputError

FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass
class FeedItem:
    index: int  # 1-based position in the feed
    link: str | None
    guid: str | None
    title: str | None
    published: dt.datetime | None  # publication (else update) time, UTC
    content_html: str | None  # the full article when the feed carries it (content:encoded, atom:content)


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """An RSS, RDF or Atom document: by its content type, else by its first element."""
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    head = body[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if not (head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")
            or head.startswith(b"<rdf")):
        return False
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _when(entry) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime(*value[:6], tzinfo=dt.timezone.utc)
            except (TypeError, ValueError):
                continue
    return None


def parse_feed(body: bytes, label: str, base: str | None = None) -> list[FeedItem]:
    """The items of a feed, in feed order; an InputError when it holds no feed at all. Relative
    links are resolved against ``base`` (the feed's URL)."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base} if base else None)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        detail = reason() if callable(reason) else str(parsed.get("bozo_exception") or "no items")
        raise InputError(f"not a readable RSS or Atom feed: {detail.splitlines()[0] if detail else 'no items'}", path=label)
    items = []
    for i, e in enumerate(parsed.entries, start=1):
        content = None
        for c in e.get("content") or []:
            if c.get("value") and "html" in (c.get("type") or "html"):
                content = c["value"]
                break
        guid = e.get("id") or None
        items.append(FeedItem(index=i, link=(e.get("link") or "").strip() or None, guid=guid,
                              title=e.get("title") or None, published=_when(e), content_html=content))
    return items
