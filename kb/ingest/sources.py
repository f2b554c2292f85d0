"""Where articles come from: files and folders (kb.ingest.readers), web pages, and feeds.

:class:`SourceReader` turns the arguments of `kb ingest` into a stream of ``Article``,
``InputError`` and :class:`Skip` values. A URL is fetched (kb.ingest.web) and read as a page or,
when it holds one, as an RSS/Atom feed whose items' links are fetched in turn; a local ``.rss``,
``.atom`` or ``.xml`` file is a feed too. Before fetching, a URL the database already holds is
skipped, and so is a feed item whose link, permalink id or full text (when the feed carries the
article) is already stored: a feed read again costs one request.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

from ..errors import InputError
from .feeds import FEED_SUFFIXES, FeedItem, looks_like_feed, parse_feed
from .readers import Article, iter_articles, page_article, parse_html, path_label
from .web import FEED_TYPES, HTML_TYPES, TEXT_TYPES, FetchError, Fetcher, Response, is_url

# known(urls, digest): whether a stored document has one of the URLs or that content hash
Known = Callable[[list[str], "str | None"], bool]


@dataclass
class Skip:
    """An input not read because it is already stored (or older than --since)."""
    origin: str
    reason: str


def _digest(text: str) -> str:
    from ..text import content_hash

    return content_hash(text)


class SourceReader:
    def __init__(self, fetcher: Fetcher, known: Known, *, since: dt.date | None = None, reprocess: bool = False,
                 stop: Callable[[], bool] | None = None):
        self.fetcher = fetcher
        self.known = known
        self.since = since
        self.reprocess = reprocess
        self.stop = stop or (lambda: False)
        self.fetched: set[str] = set()  # URLs fetched in this run: never twice

    def read(self, paths: Iterable[str], stdin: TextIO | None = None) -> Iterator[Article | InputError | Skip]:
        local: list[str] = []
        for raw in paths:
            name = str(raw)
            if is_url(name) or _is_feed_file(name):
                if local:
                    yield from iter_articles(local, stdin=stdin)
                    local = []
                if self.stop():
                    return
                yield from (self.url(name) if is_url(name) else self.feed_file(Path(name)))
            else:
                local.append(name)
        if local:
            yield from iter_articles(local, stdin=stdin)

    # -- web pages ----------------------------------------------------------------------------

    def url(self, url: str) -> Iterator[Article | InputError | Skip]:
        if not self.reprocess and self.known([url], None):
            yield Skip(url, "already stored")
            return
        try:
            resp = self.fetcher.fetch(url)
        except FetchError as exc:
            yield exc
            return
        self.fetched.add(url)
        if resp.content_type in FEED_TYPES or looks_like_feed(resp.body, resp.content_type):
            yield from self.feed(resp.body, url, base=resp.final_url)
        else:
            yield self.page(resp)

    def page(self, resp: Response) -> Article | InputError:
        mime = resp.content_type
        if mime in HTML_TYPES or (not mime and resp.body.lstrip()[:1] == b"<"):
            item = page_article(resp.body, resp.url, url=resp.url, charset=resp.charset)
        elif mime in TEXT_TYPES:
            item = page_article(resp.body, resp.url, url=resp.url, charset=resp.charset, kind="text")
        else:
            return InputError(f"not a web page or feed (content type {mime or 'unknown'})", path=resp.url)
        if isinstance(item, Article):
            item.url = resp.url
            item.origin = resp.url
            item.fetched_at = resp.fetched_at
        return item

    # -- feeds --------------------------------------------------------------------------------

    def feed_file(self, path: Path) -> Iterator[Article | InputError | Skip]:
        label = path_label(path)
        try:
            body = path.read_bytes()
        except FileNotFoundError:
            yield InputError("no such file", path=label)
            return
        except OSError as exc:
            yield InputError(f"cannot read file: {exc.strerror or exc}", path=label)
            return
        yield from self.feed(body, label)

    def feed(self, body: bytes, label: str, base: str | None = None) -> Iterator[Article | InputError | Skip]:
        try:
            items = parse_feed(body, label, base)
        except InputError as exc:
            yield exc
            return
        for item in items:
            if self.stop():
                return
            yield from self._item(item, label)

    def _item(self, item: FeedItem, label: str) -> Iterator[Article | InputError | Skip]:
        where = f"{label} item {item.index}"
        if not item.link or not is_url(item.link):
            yield InputError("feed item has no http(s) link", path=where)
            return
        if self.since and item.published and item.published.date() < self.since:
            yield Skip(item.link, f"published {item.published.date()}, before --since")
            return
        if item.link in self.fetched:
            yield Skip(item.link, "listed twice")
            return
        if not self.reprocess:
            urls = [item.link] + ([item.guid] if item.guid and is_url(item.guid) else [])
            digest = None
            if item.content_html:
                text = parse_html(item.content_html, where).text
                digest = _digest(text) if text else None
            if self.known(urls, digest):
                yield Skip(item.link, "already stored")
                return
        try:
            resp = self.fetcher.fetch(item.link)
        except FetchError as exc:
            yield exc
            return
        self.fetched.add(item.link)
        page = self.page(resp)
        if isinstance(page, Article) and not page.title and item.title:
            page.title = item.title
        yield page


def _is_feed_file(name: str) -> bool:
    return Path(name).suffix.lower() in FEED_SUFFIXES and not Path(name).is_dir()
