"""Fetching web pages and feeds over HTTP, politely and within bounds.

One :class:`Fetcher` per run: an httpx client with connect/read timeouts and a whole-request
deadline (a server that trickles bytes cannot hold a run), redirects followed up to a limit, a
size limit enforced while reading, retries with exponential backoff on network errors, 429 and
5xx answers, a User-Agent naming kb, and robots.txt read once per site and obeyed unless the
caller says otherwise. Every failure is a :class:`FetchError` naming the URL; nothing here prints.
httpx is imported on first use (it costs a quarter of a second).
"""
from __future__ import annotations

import datetime as dt
import os
import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

from .. import __version__
from ..errors import InputError, KBError

USER_AGENT = f"kb/{__version__} (news event knowledge base; +https://github.com/kb-news/kb)"
ROBOTS_AGENT = "kb"
MAX_BYTES_ENV = "KB_FETCH_MAX_BYTES"
DEFAULT_MAX_BYTES = 10_000_000

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
              "application/feed+json")
TEXT_TYPES = ("text/plain",)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


class FetchError(InputError):
    """A page or feed that could not be fetched; ``retryable`` when trying later may help."""

    def __init__(self, message: str, url: str, retryable: bool = False):
        super().__init__(message, path=url)
        self.retryable = retryable


@dataclass
class FetchPolicy:
    timeout: float = 20.0  # seconds for connecting, for each read, and for the whole response
    retries: int = 2  # further tries after a network error, a 429 or a 5xx answer
    backoff: float = 1.0  # seconds before the first retry; doubled for each one after
    max_bytes: int | None = None  # None: KB_FETCH_MAX_BYTES, else 10,000,000
    max_redirects: int = 5
    respect_robots: bool = True
    user_agent: str = USER_AGENT

    def byte_limit(self) -> int:
        if self.max_bytes is not None:
            return self.max_bytes
        raw = os.environ.get(MAX_BYTES_ENV, "").strip().replace("_", "")
        if not raw:
            return DEFAULT_MAX_BYTES
        if not raw.isdigit() or int(raw) <= 0:
            raise KBError(f"{MAX_BYTES_ENV} must be a positive whole number of bytes, not {raw!r}")
        return int(raw)


@dataclass
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # lower case, without parameters
    charset: str | None
    body: bytes
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))


class Fetcher:
    def __init__(self, policy: FetchPolicy | None = None, sleep: Callable[[float], None] = time.sleep):
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._client = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.requests = 0  # HTTP requests made, robots.txt included (tests count them)

    @property
    def client(self):
        if self._client is None:
            import httpx

            t = self.policy.timeout
            self._client = httpx.Client(
                timeout=httpx.Timeout(t, connect=t, read=t), follow_redirects=True,
                max_redirects=self.policy.max_redirects, headers={"User-Agent": self.policy.user_agent},
                # a proxy from the environment is honoured; a proxy between kb and 127.0.0.1 is not
                trust_env=True)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- robots.txt ---------------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's site lets kb fetch it (always, when robots are ignored).
        A site without a robots.txt, or whose robots.txt cannot be read, allows everything."""
        if not self.policy.respect_robots:
            return True
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin + "/robots.txt")
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            resp = self._get(url, retries=0)
        except FetchError:
            return None
        if resp.status in (401, 403):
            rules = urllib.robotparser.RobotFileParser()
            rules.disallow_all = True  # the convention: a site that refuses robots.txt refuses robots
            return rules
        if resp.status >= 400:
            return None
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(resp.body.decode("utf-8", "replace").splitlines())
        return rules

    # -- fetching -----------------------------------------------------------------------------

    def fetch(self, url: str) -> Response:
        """The page at ``url``: a 2xx answer, or a FetchError saying why not."""
        if not self.allowed(url):
            raise FetchError("robots.txt does not allow kb to fetch it (--ignore-robots to fetch anyway)", url)
        resp = self._get(url, retries=self.policy.retries)
        if resp.status >= 400:
            raise FetchError(f"HTTP {resp.status}", url, retryable=resp.status >= 500 or resp.status == 429)
        return resp

    def _get(self, url: str, retries: int) -> Response:
        attempt = 0
        while True:
            try:
                resp = self._get_once(url)
            except FetchError as exc:
                if not exc.retryable or attempt >= retries:
                    raise
            else:
                if not (resp.status == 429 or resp.status >= 500) or attempt >= retries:
                    return resp
            self._sleep(self.policy.backoff * (2 ** attempt))
            attempt += 1

    def _get_once(self, url: str) -> Response:
        import httpx

        limit = self.policy.byte_limit()
        deadline = time.monotonic() + self.policy.timeout
        self.requests += 1
        try:
            with self.client.stream("GET", url) as r:
                ctype = r.headers.get("content-type", "")
                mime = ctype.split(";")[0].strip().lower()
                length = r.headers.get("content-length", "")
                if r.status_code < 400 and length.isdigit() and int(length) > limit:
                    raise FetchError(f"page is {int(length)} bytes, over the limit of {limit} (set {MAX_BYTES_ENV})", url)
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"page is over the limit of {limit} bytes (set {MAX_BYTES_ENV})", url)
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out after {self.policy.timeout:g} s", url, retryable=True)
                    chunks.append(chunk)
                return Response(url=url, final_url=str(r.url), status=r.status_code, content_type=mime,
                                charset=r.charset_encoding, body=b"".join(chunks))
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.policy.max_redirects} redirects", url) from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.policy.timeout:g} s", url, retryable=True) from None
        except httpx.UnsupportedProtocol:
            raise FetchError("not an http or https URL", url) from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a valid URL: {exc}", url) from None
        except httpx.TransportError as exc:
            reason = str(exc).strip() or exc.__class__.__name__
            raise FetchError(f"network error: {reason.splitlines()[0]}", url, retryable=True) from None
