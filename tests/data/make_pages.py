"""Builds tests/data/pages: news pages made from the plain text of data/samples, wrapped in the
furniture real sites carry (navigation, cookie banner, share bar, adverts, newsletter box, related
links, comments, footer), with NAME.txt beside each page holding the article text the page holds.

Run from the repository root: python tests/data/make_pages.py. The texts are the Moscow Times /
AFP sample article and Wikinews articles (CC BY 2.5, Wikinews contributors) of data/samples.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kb.ingest.readers import read_path  # noqa: E402

OUT = Path(__file__).parent / "pages"
WIKINEWS = {"Nancy Pelosi": "pelosi", "Mahan Air": "mahan-air", "anti-Brexit": "brexit"}

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{date}T08:30:00Z">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<script>window.dataLayer = [{{"page": "article"}}]; document.write("<p>tracking</p>");</script>
<style>.ad-slot {{ min-height: 250px }}</style>
</head><body>
<div id="cookie-consent" class="cookie-banner" role="dialog"><p>We use cookies to improve your experience.
By continuing you agree to our cookie policy.</p><button>Accept all</button><button>Manage settings</button></div>
<header class="site-header"><a href="/" class="logo">{site}</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="ad-slot advertisement" id="ad-top"><p>Advertisement: Cheap flights to anywhere, book today!</p></div>
<main><article class="story">
<h1>{title}</h1>
<div class="byline">By {author} | {date}</div>
<div class="share-bar social"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
{body}
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Markets rally after surprise rate cut</a></li>
<li><a href="/y">Ten things to know this week</a></li></ul></aside>
<div class="newsletter-signup"><p>Get the morning briefing in your inbox every day.</p><form><input type="email">
<button>Subscribe</button></form></div>
</article></main>
<section id="comments" class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Great reporting, thanks for this article!</p><span>reader42</span></div>
<div class="comment"><p>I disagree with every word of it.</p><span>anon</span></div></section>
<div class="ad-slot advertisement" id="ad-bottom"><p>Sponsored: You won't believe these ten gadgets.</p></div>
<footer class="site-footer"><p>Copyright 2024 {site}. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms of use</a></li></ul></footer>
</body></html>
"""


def page(article, site: str, author: str, mid_ad: bool) -> tuple[str, str]:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", article.text) if p.strip()]
    body = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs]
    if mid_ad and len(body) > 2:  # an advert between paragraphs, as most sites place one
        body.insert(2, '<div class="ad-slot advertisement"><p>Advertisement: Try our premium plan free.</p></div>')
    text = TEMPLATE.format(title=html.escape(article.title), site=site, date=article.published.isoformat(),
                           author=author, url=html.escape(article.url), body="\n".join(body))
    return text, "\n\n".join(paragraphs) + "\n"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    [seed] = read_path(ROOT / "data/samples/russia-venezuela-deals-2024-11-08.txt")
    made = [("russia-venezuela", seed, "The Moscow Times", "AFP", True)]
    for a in read_path(ROOT / "data/samples/wikinews-sample.csv"):
        for needle, name in WIKINEWS.items():
            if needle in a.title:
                made.append((name, a, "Wikinews", "Wikinews contributors", name != "pelosi"))
    for name, article, site, author, mid_ad in made:
        html_text, plain = page(article, site, author, mid_ad)
        (OUT / f"{name}.html").write_text(html_text, encoding="utf-8")
        (OUT / f"{name}.txt").write_text(plain, encoding="utf-8")
        print(name, len(plain))


if __name__ == "__main__":
    main()
