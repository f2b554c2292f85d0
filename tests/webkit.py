"""A local web site for the tests: http.server on 127.0.0.1 in a thread, with pages, feeds,
redirects, errors, a slow page, a huge page and a picture. No test touches the internet."""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

PAGES = Path(__file__).parent / "data" / "pages"


@dataclass
class Reply:
    status: int | Callable[[], int] = 200
    body: bytes | Callable[[], bytes] = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict | None = None
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length; without it the body ends when the connection closes


class Site:
    """Routes (path -> Reply, changeable while serving) and a count of requests per path."""

    def __init__(self):
        self.routes: dict[str, Reply] = {}
        self.hits: Counter[str] = Counter()
        self.agents: dict[str, str] = {}  # path -> the User-Agent of its last request
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                path = self.path.split("?")[0]
                site.hits[path] += 1
                site.agents[path] = self.headers.get("User-Agent", "")
                reply = site.routes.get(path)
                if reply is None:
                    reply = Reply(404, b"<html><body><h1>Not found</h1></body></html>")
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body() if callable(reply.body) else reply.body
                try:
                    self.send_response(reply.status() if callable(reply.status) else reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    if reply.length:
                        self.send_header("Content-Length", str(len(body)))
                    for k, v in (reply.headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout or a size limit): as it should

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str | bytes, **kw) -> str:
        self.routes[path] = Reply(body=html.encode("utf-8") if isinstance(html, str) else html, **kw)
        return self.url(path)

    def start(self) -> "Site":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def rss(site: Site, links: list[str], title: str = "Example News", with_content: dict | None = None) -> bytes:
    items = []
    for i, link in enumerate(links):
        content = ""
        if with_content and link in with_content:
            content = f"<content:encoded><![CDATA[{with_content[link]}]]></content:encoded>"
        items.append(f"<item><title>Story {i}</title><link>{link}</link><guid isPermaLink=\"true\">{link}</guid>"
                     f"<pubDate>Mon, 0{1 + i % 9} Jan 2024 10:00:00 GMT</pubDate>{content}</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{title}</title>'
            f'<link>{site.base}/</link><description>news</description>{"".join(items)}</channel></rss>').encode()


def article_page(title: str, paragraphs: list[str], date: str = "2024-01-08") -> str:
    """A page with an article inside the furniture of a news site."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><title>{title}</title>
<meta property="article:published_time" content="{date}T09:00:00Z"><meta name="author" content="Staff Reporter">
</head><body>
<div class="cookie-banner" role="dialog"><p>We use cookies. Accept all cookies to continue.</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<div class="advertisement ad-slot"><p>Advertisement: Buy the new phone now!</p></div>
<article><h1>{title}</h1>{body}
<div class="share-buttons social"><a href="#">Share this story on Facebook</a></div>
</article>
<section id="comments"><p>Comment: this is a reader comment that must not be stored.</p></section>
<footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>"""


FURNITURE = ["cookie", "Advertisement", "Home", "World news", "Share this story", "reader comment", "Copyright",
             "Buy the new phone"]
