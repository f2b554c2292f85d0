"""`kb plot`, `kb report` and `kb db places`: pictures of the events, a page per entity, and
coordinates for places stored before kb knew where they are.

Registered on the `kb` app by the import at the end of kb/cli.py.
"""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .cli import (ActorOption, CountryOption, DbOption, EntityOption, IncludeNegatedOption, RecipientOption,
                  SinceOption, TypeOption, UntilOption, _session, app, db_app, err, event_filter, fail, handled, out)


class PlotKind(str, Enum):
    timeline = "timeline"
    network = "network"
    map = "map"


class Period(str, Enum):
    month = "month"
    week = "week"


class Stack(str, Enum):
    quad = "quad"
    type = "type"


def _output(path: str, allowed: tuple[str, ...]) -> Path:
    p = Path(path)
    if p.suffix.lower() not in allowed:
        fail(f"{path}: the output must end in {', '.join(allowed)}")
    if not p.parent.exists():
        fail(f"{path}: no folder {str(p.parent)!r}")
    return p


def _write_atomically(path: Path, write) -> None:
    """``write(tmp_path)``, then the file replaces ``path``: a reader never sees half a picture."""
    part = path.with_name(path.name + ".part" + path.suffix)
    try:
        write(part)
        os.replace(part, path)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    finally:
        if part.exists():
            part.unlink()


@app.command(help="Draw events as a timeline, an actor network or a map: PNG, SVG or a self-contained HTML page.\n\n"
                  "The filters are those of kb events. timeline: events per month or week stacked by quad class or "
                  "PLOVER type (hatched: dated by the article's publication date); network: the top N actors and "
                  "recipients, arrows actor -> recipient coloured by their commonest quad class; map: events per "
                  "place on country outlines (Natural Earth), sized by count and coloured by type.")
@handled
def plot(
    kind: PlotKind = typer.Argument(..., help="timeline, network or map"),
    output: str = typer.Option(..., "--output", "-o", help="FILE.png, FILE.svg or FILE.html"),
    type_: Optional[str] = TypeOption, actor: Optional[str] = ActorOption,
    recipient: Optional[str] = RecipientOption, entity_: Optional[str] = EntityOption,
    since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
    country: Optional[str] = CountryOption, include_negated: bool = IncludeNegatedOption,
    period: Period = typer.Option(Period.month, "--period", help="timeline: month or week"),
    by: Stack = typer.Option(Stack.quad, "--by", help="timeline: stack by quad class or PLOVER type"),
    top: int = typer.Option(20, "--top", help="network: this many actors and recipients, by events"),
    db: Optional[str] = DbOption,
) -> None:
    from . import plot as kp
    # `kb events`'s filters; a picture counts every stored event, whatever its confidence
    f = event_filter(type_, actor, recipient, entity_, since, until, country, include_negated, None, all_=True)
    path = _output(output, kp.FORMATS)
    with _session(db) as s:
        if kind is PlotKind.timeline:
            data = kp.timeline_data(s, f, period=period.value, by=by.value)
            fig, rows, total = kp.draw_timeline(data), data.rows(), data.total
        elif kind is PlotKind.network:
            data = kp.network_data(s, f, top=top)
            fig, rows, total = kp.draw_network(data), data.rows(), len(data.nodes)
        else:
            data = kp.map_data(s, f)
            fig, rows, total = kp.draw_map(data), data.rows(), len(data.points)
    payload = data.__dict__
    _write_atomically(path, lambda p: kp.save(fig, p, title=data.title, rows=rows, data=payload))
    what = {"timeline": "events", "network": "entities", "map": "places"}[kind.value]
    err.print(f"kb: wrote {path} ({total} {what})", markup=False, highlight=False)


@app.command(help="Write a self-contained HTML page about one entity: names and aliases, titles over time, counts, "
                  "its timeline, ego network and map, its newest events with their sentences and links, its quotes.")
@handled
def report(
    name: str = typer.Argument(..., help="A name or alias"),
    output: str = typer.Option(..., "--output", "-o", help="FILE.html"),
    db: Optional[str] = DbOption,
) -> None:
    from .report import entity_report

    path = _output(output, (".html",))
    with _session(db) as s:
        page = entity_report(s, name)
    _write_atomically(path, lambda p: p.write_text(page, encoding="utf-8"))
    err.print(f"kb: wrote {path}", markup=False, highlight=False)


@db_app.command("places")
@handled
def db_places(again: bool = typer.Option(False, "--again", help="Place every GPE, LOC and FAC entity anew"),
              db: Optional[str] = DbOption) -> None:
    """Find GeoNames coordinates for places stored without them (before kb placed them at ingest)."""
    from .store.db import lock_for_storing, open_database, session_scope, writer
    from .store.places import place_all

    with session_scope(writer(open_database(db))) as s:
        lock_for_storing(s)
        counts = place_all(s, again=again)
    out.print(f"places: {counts['places']} without coordinates, {counts['placed']} placed now, "
              f"{counts['unplaced']} not found in the gazetteer", highlight=False)
