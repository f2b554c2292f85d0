"""`kb report NAME`: one self-contained HTML page about an entity.

What `kb entity` prints, made readable: names and aliases, titles over time, counts, the
entity's timeline, its ego network and its map (SVG drawn by kb.plot, inlined), its newest
events with their sentences and links, and its quotes. Every piece of article text is
HTML-escaped; links are kept only when they are http(s) URLs. Nothing is fetched from the web.
"""
from __future__ import annotations

import html

from sqlalchemy.orm import Session

from . import plot as kp
from .errors import KBError
from .store.queries import EventFilter, entity_profile

e = html.escape


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{e(url, quote=True)}">{e(text)}</a>'
    return e(text)


def _roles(roles: list[dict]) -> str:
    if not roles:
        return "<p class=muted>No titles stated.</p>"
    rows = []
    for r in sorted(roles, key=lambda r: (r.get("first_seen") or "", r["title"])):
        years = ""
        if r.get("start_year") or r.get("end_year"):
            years = f"{r.get('start_year') or '?'}\u2013{r.get('end_year') or ''}"
        rows.append({"title": ("former " if r["former"] else "") + r["title"], "of": (r.get("of") or {}).get("name"),
                     "years in office": years, "first seen": r.get("first_seen"), "last seen": r.get("last_seen"),
                     "times stated": r.get("times")})
    return kp.table_html(rows)


def _events(events: list[dict]) -> str:
    if not events:
        return "<p class=muted>No events.</p>"
    items = []
    for ev in events:
        doc = ev.get("document") or {}
        when = ev["date"] or ((doc.get("published") or "") + " (article date)" if doc.get("published") else "undated")
        who = ", ".join(a["name"] for a in ev["actors"]) or "?"
        whom = ", ".join(r["name"] for r in ev["recipients"])
        where = f" in {ev['location']['name']}" if ev.get("location") else ""
        head = f"{when} \u00b7 {ev['type']} \u00b7 {who}" + (f" \u2192 {whom}" if whom else "") + where
        items.append(f"<li><strong>{e(head)}</strong><br>{e(ev['sentence'] or '')}<br>"
                     f"<span class=muted>{_link(doc.get('url'), doc.get('title') or doc.get('url') or 'source')}</span></li>")
    return "<ol>" + "".join(items) + "</ol>"


def _quotes(quotes: list[dict]) -> str:
    if not quotes:
        return "<p class=muted>No quotes.</p>"
    items = []
    for q in quotes:
        doc = q.get("document") or {}
        items.append(f"<blockquote>\u201c{e(q['text'])}\u201d <span class=muted>({e(q.get('cue') or 'said')}; "
                     f"{e(doc.get('published') or 'undated')}, {_link(doc.get('url'), doc.get('title') or 'source')})"
                     "</span></blockquote>")
    return "".join(items)


def _figure(fig, caption: str) -> str:
    return f"<figure>{kp.svg_text(fig)}<figcaption class=muted>{e(caption)}</figcaption></figure>"


def entity_report(session: Session, name: str) -> str:
    """The page, as text."""
    prof = entity_profile(session, name)
    if prof is None:
        raise KBError(f"no entity named {name!r}")
    # the plots select the entity by id, not by a name another entity may share
    f = EventFilter(entity_id=prof["id"])
    tl = kp.timeline_data(session, f)
    net = kp.network_data(session, f, top=15, focus=prof["id"])
    where = kp.map_data(session, f)
    for data in (tl, net, where):
        data.title = data.title.replace("all events", prof["name"])
    title = f"{prof['name']} \u2014 kb report"
    facts = [("type", prof["type"]), ("country", prof.get("country") or "unknown"),
             ("mentions", f"{prof['mentions']} in {prof['documents_total']} documents"),
             ("events", ", ".join(f"{k} {v}" for k, v in prof["events_by_type"].items()) or "none"),
             ("quotes", str(prof["quotes_total"]))]
    if prof.get("lat") is not None:
        facts.append(("place", f"{prof['lat']:.4f}, {prof['lon']:.4f} (GeoNames {prof['geonameid']}"
                               + (f", admin1 {prof['admin1']}" if prof.get("admin1") else "") + ")"))
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    related = ", ".join(f"{e(r['name'])} ({r['shared_events']})" for r in prof.get("related", [])) or "nobody yet"
    kind = e(prof["type"]) + (" \u00b7 " + e(prof["country"]) if prof.get("country") else "")
    names = e(", ".join(prof["aliases"])) if prof["aliases"] else "<span class=muted>No other names.</span>"
    arrow = "\u2192"
    body = f"""<h1>{e(prof['name'])}</h1>
<p>{kind}</p>
<h2>Names</h2>
<p>{names}</p>
<h2>Counts</h2>
<dl>{dl}</dl>
<p>Shares events with: {related}</p>
<h2>Titles over time</h2>
{_roles(prof['roles'])}
<h2>Timeline</h2>
{_figure(kp.draw_timeline(tl), f"{tl.total} events shown")}
<h2>Who acts on whom</h2>
{_figure(kp.draw_network(net), f"{len(net.nodes)} entities, {len(net.edges)} actor {arrow} recipient links")}
<h2>Where</h2>
{_figure(kp.draw_map(where), f"{len(where.points)} places")}
<h2>Newest events</h2>
{_events(prof['events'])}
<h2>Quotes</h2>
{_quotes(prof['quotes'])}
{kp.json_island('kb-profile', prof)}"""
    return kp.page(title, body)
