"""Pictures of the events: a timeline, an actor network and a map.

Each kind has a data function that aggregates in SQL (so that a country's timeline over a million
events reads a few thousand grouped rows, not a million events) and returns plain data, and a
drawing function that turns that data into a matplotlib figure. :func:`save` writes a figure as
PNG, SVG or a self-contained HTML page (the SVG inlined, the data in a table and as JSON; no
script or style from the web).

matplotlib runs on its Agg canvas: no display, no pyplot state shared between calls.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import String, and_, case, cast, func, select
from sqlalchemy.orm import Session, aliased

from .errors import KBError
from .store.models import Document, Entity, Event, EventParticipant
from .store.queries import EventFilter, event_query

FORMATS = (".png", ".svg", ".html")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
              None: "no quad class"}
QUAD_COLOURS = {1: "#8fd18f", 2: "#2e8b57", 3: "#f4a261", 4: "#c0392b", None: "#b0b0b0"}
ARTICLE_DATED = "dated by its article"


# -- shared ------------------------------------------------------------------------------------

def _filtered_ids(session: Session, f: EventFilter):
    """The ids of the events ``f`` selects, as a subquery."""
    f = EventFilter(**{**f.__dict__, "limit": None})
    return event_query(session, f).with_only_columns(Event.id).scalar_subquery()


def describe_filter(f: EventFilter) -> str:
    parts = []
    for label, value in (("type", f.type), ("actor", f.actor), ("recipient", f.recipient), ("entity", f.entity),
                         ("location", f.location), ("country", f.country), ("since", f.since), ("until", f.until)):
        if value:
            parts.append(f"{label} {value}")
    return ", ".join(parts) or "all events"


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _palette(n: int) -> list:
    """Distinct colours, without tab10's grey, which means "other" here."""
    from matplotlib import colormaps

    if n <= 9:
        cmap = colormaps["tab10"]
        return [cmap(i) for i in (0, 1, 2, 3, 4, 5, 6, 8, 9)][:n]
    cmap = colormaps["tab20"]
    return [cmap(i % cmap.N) for i in range(n)]


# -- timeline ----------------------------------------------------------------------------------

@dataclass
class Timeline:
    period: str  # "month" or "week"
    by: str  # "quad" or "type"
    periods: list[str] = field(default_factory=list)  # "2024-11" or "2024-W45"
    starts: list[dt.date] = field(default_factory=list)
    series: dict[str, list[int]] = field(default_factory=dict)  # label -> count per period
    article_dated: list[int] = field(default_factory=list)  # of each period's events, dated by their article
    undated: int = 0  # events with neither a date nor a publication date, or a year only
    outside: int = 0  # events in stray periods far before or after the rest (a date decades back)
    title: str = ""

    @property
    def total(self) -> int:
        return sum(sum(v) for v in self.series.values())

    def rows(self) -> list[dict]:
        return [{"period": p, **{k: v[i] for k, v in self.series.items()}, ARTICLE_DATED: self.article_dated[i]}
                for i, p in enumerate(self.periods)]


def _period_start(day: str, period: str) -> dt.date | None:
    try:
        if len(day) >= 10:
            d = dt.date.fromisoformat(day[:10])
        elif len(day) == 7 and period == "month":
            d = dt.date.fromisoformat(day + "-01")
        else:
            return None
    except ValueError:
        return None
    if period == "month":
        return d.replace(day=1)
    return d - dt.timedelta(days=d.weekday())


def _period_label(start: dt.date, period: str) -> str:
    if period == "month":
        return start.strftime("%Y-%m")
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


# a few events dated decades back ("in 1968") would squeeze the rest into a sliver of the axis:
# the periods shown hold all but at most this share of the events at either end
TAIL_SHARE = 0.01


def _dense_range(counts: dict[dt.date, Counter]) -> tuple[dt.date, dt.date]:
    starts = sorted(counts)
    total = sum(sum(c.values()) for c in counts.values())
    cut = total * TAIL_SHARE
    first, seen = starts[0], 0
    for s in starts:
        if seen + sum(counts[s].values()) > cut:
            first = s
            break
        seen += sum(counts[s].values())
    last, seen = starts[-1], 0
    for s in reversed(starts):
        if seen + sum(counts[s].values()) > cut:
            last = s
            break
        seen += sum(counts[s].values())
    return first, last


def timeline_data(session: Session, f: EventFilter, *, period: str = "month", by: str = "quad") -> Timeline:
    """Events per month or week, split by quad class (``by="quad"``) or PLOVER type, each dated
    by its own date, else by its article's publication date (counted apart in ``article_dated``)."""
    if period not in ("month", "week"):
        raise KBError(f"period must be month or week, not {period!r}")
    if by not in ("quad", "type"):
        raise KBError(f"by must be quad or type, not {by!r}")
    published = func.substr(cast(Document.published, String()), 1, 10)
    when = func.coalesce(Event.date, published)
    from_article = case((Event.date.is_(None), 1), else_=0)
    key = Event.quad_class if by == "quad" else Event.type
    n = func.count()
    q = (select(when, key, from_article, n).select_from(Event).join(Document, Document.id == Event.document_id)
         .where(Event.id.in_(_filtered_ids(session, f))).group_by(when, key, from_article))
    counts: dict[dt.date, Counter] = defaultdict(Counter)
    by_article: Counter = Counter()
    undated = 0
    for day, k, article, count in session.execute(q):
        start = _period_start(day, period) if day else None
        if start is None:
            undated += count
            continue
        counts[start][k] += count
        if article:
            by_article[start] += count
    tl = Timeline(period=period, by=by, undated=undated, title=f"Events per {period}: {describe_filter(f)}")
    if not counts:
        return tl
    first, last = _dense_range(counts)
    tl.outside = sum(sum(c.values()) for start, c in counts.items() if not first <= start <= last)
    # every period between the first and the last, so that a quiet month shows as a gap
    starts, cur = [], first
    while cur <= last:
        starts.append(cur)
        cur = (cur.replace(day=28) + dt.timedelta(days=4)).replace(day=1) if period == "month" else cur + dt.timedelta(days=7)
    keys = sorted({k for c in counts.values() for k in c}, key=lambda k: (k is None, k))
    tl.starts = starts
    tl.periods = [_period_label(s, period) for s in starts]
    for k in keys:
        label = QUAD_NAMES.get(k, str(k)) if by == "quad" else (k or "?")
        tl.series[label] = [counts[s][k] for s in starts]
    tl.article_dated = [by_article[s] for s in starts]
    return tl


def draw_timeline(tl: Timeline):
    import matplotlib.dates as mdates

    fig = _figure(10, 4.8)
    ax = fig.add_subplot()
    ax.set_title(tl.title)
    ax.set_xlabel(tl.period.capitalize() + (" (weeks start on Monday)" if tl.period == "week" else ""))
    ax.set_ylabel("Events")
    if not tl.periods:
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        return fig
    width = 25 if tl.period == "month" else 5.5
    bottom = [0] * len(tl.starts)
    if tl.by == "quad":
        inv = {v: k for k, v in QUAD_NAMES.items()}
        colours = [QUAD_COLOURS[inv[label]] for label in tl.series]
    else:
        colours = _palette(len(tl.series))
    for (label, values), colour in zip(tl.series.items(), colours):
        ax.bar(tl.starts, values, width=width, bottom=bottom, label=label, color=colour, align="edge")
        bottom = [b + v for b, v in zip(bottom, values)]
    if any(tl.article_dated):
        ax.bar(tl.starts, tl.article_dated, width=width, bottom=0, fill=False, hatch="///", edgecolor="#333333",
               linewidth=0, align="edge", label="of which " + ARTICLE_DATED)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(title="quad class" if tl.by == "quad" else "PLOVER type", loc="upper left", bbox_to_anchor=(1.01, 1),
              fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    notes = []
    if tl.undated:
        notes.append(f"{tl.undated} events dated to a year only or not at all")
    if tl.outside:
        notes.append(f"{tl.outside} events dated long before or after the rest")
    if notes:
        ax.set_xlabel(ax.get_xlabel() + "\n(" + "; ".join(notes) + " are not shown)")
    return fig


# -- network -----------------------------------------------------------------------------------

@dataclass
class Network:
    nodes: list[dict] = field(default_factory=list)  # {id, name, country, events}
    edges: list[dict] = field(default_factory=list)  # {source, target, events, quad_class, by_quad}
    title: str = ""

    def rows(self) -> list[dict]:
        names = {n["id"]: n["name"] for n in self.nodes}
        return [{"actor": names[e["source"]], "recipient": names[e["target"]], "events": e["events"],
                 "dominant quad class": QUAD_NAMES.get(e["quad_class"])} for e in self.edges]


def network_data(session: Session, f: EventFilter, *, top: int = 20, focus: int | None = None) -> Network:
    """The ``top`` entities by events as actor or recipient, and the actor -> recipient edges
    among them, weighted by events and coloured by their most common quad class. ``focus``
    (an entity id) is always kept: an ego network."""
    if top < 2:
        raise KBError("--top must be at least 2")
    ids = _filtered_ids(session, f)
    part = aliased(EventParticipant)
    n = func.count(func.distinct(part.event_id))
    ranked = session.execute(select(part.entity_id, n).where(part.event_id.in_(ids)).group_by(part.entity_id)
                             .order_by(n.desc(), part.entity_id).limit(top)).all()
    keep = {eid: c for eid, c in ranked}
    if focus is not None and focus not in keep:
        c = session.scalar(select(n).where(part.event_id.in_(ids), part.entity_id == focus)) or 0
        if c:
            keep[focus] = c
    net = Network(title=f"Who acts on whom: {describe_filter(f)} (top {top})")
    if not keep:
        return net
    a, r = aliased(EventParticipant), aliased(EventParticipant)
    rows = session.execute(
        select(a.entity_id, r.entity_id, Event.quad_class, func.count(func.distinct(Event.id)))
        .select_from(Event).join(a, and_(a.event_id == Event.id, a.role == "actor"))
        .join(r, and_(r.event_id == Event.id, r.role == "recipient"))
        .where(Event.id.in_(ids), a.entity_id.in_(list(keep)), r.entity_id.in_(list(keep)), a.entity_id != r.entity_id)
        .group_by(a.entity_id, r.entity_id, Event.quad_class)).all()
    pairs: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for src, dst, quad, count in rows:
        pairs[(src, dst)][quad] += count
    ents = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(list(keep))))}
    net.nodes = [{"id": i, "name": ents[i].name, "country": ents[i].country, "events": c}
                 for i, c in sorted(keep.items(), key=lambda kv: (-kv[1], ents[kv[0]].name))]
    for (src, dst), quads in sorted(pairs.items()):
        dominant = max(quads, key=lambda q: (quads[q], -(q or 9)))
        net.edges.append({"source": src, "target": dst, "events": sum(quads.values()), "quad_class": dominant,
                          "by_quad": {str(k): v for k, v in quads.items()}})
    return net


def _layout(net: Network) -> dict[int, tuple[float, float]]:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(n["id"] for n in net.nodes)
    g.add_weighted_edges_from((e["source"], e["target"], e["events"]) for e in net.edges)
    if len(g) == 1:
        return {next(iter(g)): (0.0, 0.0)}
    # Kamada-Kawai keeps nodes apart more evenly than a spring layout, which leaves room for labels;
    # isolated nodes (no edge among the top actors) go on the spring layout's outer ring
    und = g.to_undirected()
    pos = nx.spring_layout(und, seed=7, k=2.0 / math.sqrt(len(und)))
    if und.number_of_edges():
        try:
            pos = nx.kamada_kawai_layout(und, pos=pos, weight=None)
        except Exception:  # scipy missing: the spring layout stays
            pass
    return _spread({k: (float(v[0]), float(v[1])) for k, v in pos.items()})


def _spread(pos: dict, dx: float = 0.3, dy: float = 0.17, rounds: int = 200) -> dict:
    """Push apart nodes whose labels (wide and low, under the node) would overlap: two nodes
    closer than ``dx`` across and ``dy`` down, in the layout's units (it spans about -1..1)."""
    pos = {k: list(v) for k, v in pos.items()}
    keys = sorted(pos)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                (xa, ya), (xb, yb) = pos[a], pos[b]
                ox, oy = dx - abs(xa - xb), dy - abs(ya - yb)
                if ox > 0 and oy > 0:
                    moved = True
                    # move along the axis that needs the smaller push
                    if oy / dy < ox / dx:
                        step = oy / 2 + 1e-3
                        sign = 1 if ya >= yb else -1
                        pos[a][1] += sign * step
                        pos[b][1] -= sign * step
                    else:
                        step = ox / 2 + 1e-3
                        sign = 1 if xa >= xb else -1
                        pos[a][0] += sign * step
                        pos[b][0] -= sign * step
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in pos.items()}


def draw_network(net: Network):
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    fig = _figure(10, 7.5)
    ax = fig.add_subplot()
    ax.set_title(net.title)
    ax.set_axis_off()
    if not net.nodes:
        ax.text(0.5, 0.5, "no events with actors", ha="center", va="center", transform=ax.transAxes)
        return fig
    pos = _layout(net)
    countries = Counter(n["country"] or "unknown" for n in net.nodes)
    shown = [c for c, _ in countries.most_common(9)]
    colours = dict(zip(shown, _palette(len(shown))))
    other = "#cccccc"
    biggest = max(n["events"] for n in net.nodes)
    size = {n["id"]: 150 + 1500 * n["events"] / biggest for n in net.nodes}
    heaviest = max((e["events"] for e in net.edges), default=1)
    for e in net.edges:
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        ax.add_patch(FancyArrowPatch((x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=12,
                                     connectionstyle="arc3,rad=0.12", color=QUAD_COLOURS.get(e["quad_class"], other),
                                     linewidth=0.8 + 4 * e["events"] / heaviest, alpha=0.8,
                                     shrinkA=math.sqrt(size[e["source"]]) / 2, shrinkB=math.sqrt(size[e["target"]]) / 2,
                                     zorder=1))
    xs = [pos[n["id"]][0] for n in net.nodes]
    ys = [pos[n["id"]][1] for n in net.nodes]
    ax.scatter(xs, ys, s=[size[n["id"]] for n in net.nodes], zorder=2, edgecolors="white", linewidths=1,
               c=[colours.get(n["country"] or "unknown", other) for n in net.nodes])
    for n in net.nodes:
        x, y = pos[n["id"]]
        ax.annotate(n["name"], (x, y), xytext=(0, -math.sqrt(size[n["id"]]) / 2 - 2), textcoords="offset points",
                    ha="center", va="top", fontsize=8, zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7})
    pad = 0.15
    ax.set_xlim(min(xs) - pad, max(xs) + pad)
    ax.set_ylim(min(ys) - pad - 0.08, max(ys) + pad)
    country_handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=colours[c], label=c) for c in shown]
    if len(countries) > len(shown):
        country_handles.append(Line2D([], [], marker="o", linestyle="", markersize=8, color=other, label="other"))
    quads = sorted({e["quad_class"] for e in net.edges}, key=lambda q: (q is None, q))
    edge_handles = [Line2D([], [], color=QUAD_COLOURS[q], linewidth=3, label=QUAD_NAMES[q]) for q in quads]
    leg = ax.legend(handles=country_handles, title="country (node size: events)", loc="upper left",
                    bbox_to_anchor=(1.0, 1.0), fontsize="small")
    ax.add_artist(leg)
    if edge_handles:
        ax.legend(handles=edge_handles, title="actor \u2192 recipient, by quad class", loc="lower left",
                  bbox_to_anchor=(1.0, 0.0), fontsize="small")
    return fig


# -- map ---------------------------------------------------------------------------------------

@dataclass
class PlaceMap:
    points: list[dict] = field(default_factory=list)  # {id, name, country, lat, lon, events, type, by_type}
    unplaced: int = 0  # events with a place that has no coordinates
    without_place: int = 0
    title: str = ""

    def rows(self) -> list[dict]:
        return [{"place": p["name"], "country": p["country"], "lat": p["lat"], "lon": p["lon"], "events": p["events"],
                 "main type": p["type"]} for p in self.points]


def map_data(session: Session, f: EventFilter) -> PlaceMap:
    """Events per place (with its coordinates), with the commonest PLOVER type there."""
    ids = _filtered_ids(session, f)
    rows = session.execute(select(Event.location_id, Event.type, func.count()).where(Event.id.in_(ids))
                           .group_by(Event.location_id, Event.type)).all()
    per: dict[int, Counter] = defaultdict(Counter)
    m = PlaceMap(title=f"Where events happened: {describe_filter(f)}")
    for loc, type_, count in rows:
        if loc is None:
            m.without_place += count
        else:
            per[loc][type_] += count
    if per:
        ents = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(list(per))))}
        for loc, types in per.items():
            e = ents[loc]
            if e.lat is None or e.lon is None:
                m.unplaced += sum(types.values())
                continue
            main = max(types, key=lambda t: (types[t], t))
            m.points.append({"id": e.id, "name": e.name, "country": e.country, "lat": e.lat, "lon": e.lon,
                             "events": sum(types.values()), "type": main, "by_type": dict(types)})
    m.points.sort(key=lambda p: (-p["events"], p["name"]))
    return m


MAP_TYPES = 8  # colours for the commonest types; the rest share grey


def draw_map(m: PlaceMap, *, labels: int = 12):
    from matplotlib.collections import PolyCollection
    from matplotlib.lines import Line2D

    from .places import country_shapes

    fig = _figure(12, 5.4)
    ax = fig.add_subplot()
    ax.set_title(m.title)
    polys = [ring for shape in country_shapes().values() for ring in shape["rings"]]
    ax.add_collection(PolyCollection(polys, facecolor="#eeeeee", edgecolor="#999999", linewidth=0.4, zorder=0))
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 85)
    ax.set_aspect("equal")
    ax.set_xlabel("Longitude (\u00b0)")
    ax.set_ylabel("Latitude (\u00b0)")
    ax.set_facecolor("#dbe9f6")
    ax.text(0.005, 0.01, "Places: GeoNames (CC BY 4.0). Outlines: Natural Earth.", transform=ax.transAxes,
            fontsize=6.5, color="#555555", ha="left", va="bottom")
    note = []
    if m.unplaced:
        note.append(f"{m.unplaced} events at places not found in the gazetteer")
    if m.without_place:
        note.append(f"{m.without_place} events without a place")
    if note:
        ax.set_xlabel(ax.get_xlabel() + "\n(" + "; ".join(note) + " are not shown)")
    if not m.points:
        ax.text(0.5, 0.5, "no located events", ha="center", va="center", transform=ax.transAxes)
        return fig
    ranked = [t for t, _ in Counter(p["type"] for p in m.points).most_common()]
    types = ranked[:MAP_TYPES]
    colours = dict(zip(types, _palette(len(types))))
    if len(ranked) > MAP_TYPES:
        types.append("other types")
        colours.update({t: "#999999" for t in ranked[MAP_TYPES:] + ["other types"]})
    biggest = max(p["events"] for p in m.points)

    def area(n: int) -> float:
        return 20 + 400 * math.sqrt(n / biggest)

    ax.scatter([p["lon"] for p in m.points], [p["lat"] for p in m.points], s=[area(p["events"]) for p in m.points],
               c=[colours[p["type"]] for p in m.points], alpha=0.75, edgecolors="black", linewidths=0.4, zorder=2)
    placed: list[tuple[float, float]] = []
    for p in m.points[:labels]:
        # a label near one already written would overlap it: the bigger place keeps its label
        if any(abs(p["lon"] - x) < 14 and abs(p["lat"] - y) < 5 for x, y in placed):
            continue
        placed.append((p["lon"], p["lat"]))
        ax.annotate(p["name"], (p["lon"], p["lat"]), xytext=(5, 4), textcoords="offset points", fontsize=7.5, zorder=3,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    type_handles = [Line2D([], [], marker="o", linestyle="", markersize=7, color=colours[t], label=t) for t in types]
    leg = ax.legend(handles=type_handles, title="main event type", loc="upper left", bbox_to_anchor=(1.0, 1.0),
                    fontsize="small")
    ax.add_artist(leg)
    sizes = sorted({1, max(1, biggest // 2), biggest})
    size_handles = [Line2D([], [], marker="o", linestyle="", color="#888888", markersize=math.sqrt(area(n)),
                           label=f"{n} event{'s' if n != 1 else ''}") for n in sizes]
    ax.legend(handles=size_handles, title="events at the place", loc="lower left", bbox_to_anchor=(1.0, 0.0),
              fontsize="small", labelspacing=1.5, borderpad=1)
    return fig


# -- output ------------------------------------------------------------------------------------

def svg_text(fig) -> str:
    """The figure as SVG with its words kept as text (searchable, and readable by a test)."""
    from matplotlib import rc_context

    buf = io.StringIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "kb"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]  # without the XML prolog and DOCTYPE, for inlining


def table_html(rows: list[dict]) -> str:
    if not rows:
        return "<p>No rows.</p>"
    cols = list(rows[0])
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in cols)
                   + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def json_island(element_id: str, data) -> str:
    """Data for programs, in a script element browsers do not run; ``<``, ``>`` and ``&`` are
    written as JSON escapes, so article text can neither end the element nor look like markup."""
    text = (json.dumps(data, ensure_ascii=False, default=str)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    return f'<script type="application/json" id="{html.escape(element_id)}">{text}</script>'


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.muted { color: #666; } blockquote { margin: 0.5em 0 0.5em 1em; color: #333; }
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f"<style>{PAGE_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def figure_page(title: str, fig, rows: list[dict], data) -> str:
    body = (f"<h1>{html.escape(title)}</h1>\n<figure>{svg_text(fig)}</figure>\n<h2>Data</h2>\n{table_html(rows)}\n"
            f"{json_island('kb-data', data)}")
    return page(title, body)


def save(fig, path: Path, *, title: str, rows: list[dict], data) -> None:
    """Write ``fig`` as PNG, SVG or HTML, chosen by the file's extension."""
    ext = path.suffix.lower()
    if ext not in FORMATS:
        raise KBError(f"{path}: the output must end in .png, .svg or .html")
    if ext == ".png":
        fig.savefig(path, format="png", dpi=150, metadata={"Software": None})
    elif ext == ".svg":
        path.write_text(svg_text(fig), encoding="utf-8")
    else:
        path.write_text(figure_page(title, fig, rows, data), encoding="utf-8")
