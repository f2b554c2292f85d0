"""`kb export`: events for other tools, as PLOVER JSON lines, a flat CSV or a JSON list.

Events are read in chunks of ids (keyset pagination on events.id), so memory stays flat however
many there are, and every format selects the same events with the same filters as `kb events`.
The field lists here are what docs/schema.md documents (kb/schema_doc.py reads them).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from typing import IO, Callable, Iterator

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from . import __version__
from .errors import KBError
from .store.models import Event
from .store.queries import EventFilter, event_query, events_to_dicts
from .store.views import view

FORMATS = ("plover", "csv", "json")
CHUNK = 500

# (field, content): the PLOVER record, in the order it is written. The first fields carry the
# names of the PLOVER specification's JSON data fields; those after "coder" are kb's own.
PLOVER_FIELDS: list[tuple[str, str]] = [
    ("id", "Unique identifier: `kb-` followed by events.id"),
    ("date", "The event's date, else its document's publication date: YYYY-MM-DD, or YYYY-MM / YYYY when the "
             "text names only a month or a year (see `date_precision`)"),
    ("enddate", "End of a date range the text gives, else null"),
    ("source", "The actors: a list (empty when none is named) of actor objects `{actor_text, code, "
               "identifier_id, entity_type, sector}`: name, ISO 3166-1 alpha-3 country code (IGO/NGO for "
               "international organisations; null when unknown), `kb:entity:<entities.id>`, PERSON/ORG/GPE/..., "
               "and the CAMEO sector at the event's date (GOV, MIL, COP, REB, ...; null when unknown)"),
    ("recipient", "The recipients (targets), a list of actor objects like `source`"),
    ("event", "PLOVER category, e.g. AGREE, CONSULT, ASSAULT (kb also codes ELECTION and DEATH)"),
    ("mode", "PLOVER mode, e.g. visit, or null"),
    ("context", "PLOVER context, e.g. economic, or null"),
    ("quad_code", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    ("event_text", "List with the trigger: the word(s) that express the event"),
    ("event_loc", "Location object `{name, cc3}` (place name and its alpha-3 country code), or null"),
    ("text", "The sentence the event was coded from"),
    ("cite_info", "`{url, title, citation}`: the document's URL and headline, and `kb:document:<documents.id>`"),
    ("coder", "`kb <version>`"),
    ("date_precision", "day, month or year of the date the text gives the event; 'story' when it gives none and the "
                       "date is the day the story is at where the event is told; 'published' when `date` is the "
                       "publication date"),
    ("date_text", "The words the date was read from"),
    ("cameo_root", "CAMEO root code(s)"),
    ("count", "How many, e.g. 17 for 'the 17 agreements', or null"),
    ("negated", "true when the text says it did not happen (exported only with --include-negated)"),
    ("hypothetical", "true when conditional or possible, not stated as fact"),
    ("future", "true when announced or planned, not yet carried out"),
    ("confidence", "0..1 (see Event confidence)"),
]

CHANGES_NOTE = ("With `--changed-since TIMESTAMP`, only events added or changed since then, each with a `change` field "
                "(`added` or `changed`; CSV: a first column), followed by the events removed since then as "
                "`{id, change: \"removed\", removed_at, natural_key}` (CSV: `change` and `event_id` only); "
                "JSON: `{since, until, events, removed}`.")

CSV_COLUMNS_NOTE = ("One row per event with the columns of `event_view`, in its order, under its column names; "
                    "booleans are `true`/`false`, missing values empty, lists joined with `; `.")


@dataclass
class ExportOptions:
    format: str = "plover"
    type: str | None = None
    since: str | None = None
    until: str | None = None
    include_negated: bool = False
    min_confidence: float | None = None  # None: every event; the CLI passes its listing threshold
    chunk: int = CHUNK
    changed_since: dt.datetime | None = None  # only what was added, changed or removed since then

    def event_filter(self) -> EventFilter:
        return EventFilter(type=self.type, since=self.since, until=self.until, include_negated=self.include_negated,
                           min_confidence=self.min_confidence)


def _actor(ref: dict) -> dict:
    return {"actor_text": ref["name"], "code": ref["country"], "identifier_id": f"kb:entity:{ref['id']}",
            "entity_type": ref["type"], "sector": ref.get("sector")}


def plover_record(ev: dict) -> dict:
    """One event (a dict from kb.store.queries.events_to_dicts) as a PLOVER record."""
    doc = ev["document"]
    loc = ev["location"]
    rec = {
        "id": f"kb-{ev['id']}",
        "date": ev["date"] or doc["published"],
        "enddate": ev["date_end"],
        "source": [_actor(a) for a in ev["actors"]],
        "recipient": [_actor(r) for r in ev["recipients"]],
        "event": ev["type"],
        "mode": ev["mode"],
        "context": ev["context"],
        "quad_code": ev["quad_class"],
        "event_text": [ev["trigger"]],
        "event_loc": {"name": loc["name"], "cc3": loc["country"]} if loc else None,
        "text": (ev["sentence"] or "").strip() or None,
        "cite_info": {"url": doc["url"], "title": doc["title"], "citation": f"kb:document:{doc['id']}"},
        "coder": f"kb {__version__}",
        "date_precision": ev["date_precision"] if ev["date"] else None,
        "date_text": ev["date_text"],
        "cameo_root": ev["cameo_root"],
        "count": ev["count"],
        "negated": bool(ev["negated"]),
        "hypothetical": bool(ev["hypothetical"]),
        "future": bool(ev["future"]),
        "confidence": ev["confidence"],
    }
    return rec


def _chunks(session: Session, opts: ExportOptions, ids_only: bool = False, only: list[int] | None = None) -> Iterator[list]:
    """The selected events (or their ids), ``opts.chunk`` at a time, in id order; ``only``: of these ids."""
    q = event_query(session, opts.event_filter())
    if only is not None:
        for i in range(0, len(only), 5000):
            part = only[i:i + 5000]
            sub = q.where(Event.id.in_(part)).order_by(Event.id)
            if ids_only:
                sub = sub.with_only_columns(Event.id)
            yield list(session.scalars(sub))
        return
    if ids_only:
        q = q.with_only_columns(Event.id)
    last = 0
    while True:
        batch = list(session.scalars(q.where(Event.id > last).order_by(Event.id).limit(opts.chunk)))
        if not batch:
            return
        yield batch
        last = batch[-1] if ids_only else batch[-1].id


def _event_dicts(session: Session, opts: ExportOptions) -> Iterator[dict]:
    for events in _chunks(session, opts):
        dicts = events_to_dicts(session, events)
        session.expunge_all()  # nothing of the chunk stays in the session's identity map
        yield from dicts


def _csv_value(value, boolean: bool) -> str:
    if value is None:
        return ""
    if boolean:
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()  # sentences keep the blank lines that ended them
    return str(value)


_EVENT_VIEW_COLUMNS = view("event_view").column_names


def _event_view_rows(session: Session, ids: list[int]) -> Iterator[tuple[int, list[str]]]:
    """(event id, CSV cells) of event_view's rows for ``ids``, in id order."""
    columns = view("event_view").columns
    booleans = [c.type == "BOOLEAN" for c in columns]
    quoted = ", ".join(f'"{c.name}"' for c in columns)
    stmt = text(f'SELECT {quoted} FROM event_view WHERE event_id IN :ids ORDER BY event_id') \
        .bindparams(bindparam("ids", expanding=True))
    at = _EVENT_VIEW_COLUMNS.index("event_id")
    for row in session.execute(stmt, {"ids": ids}):
        yield row[at], [_csv_value(v, b) for v, b in zip(row, booleans)]


def _write_csv(session: Session, opts: ExportOptions, out: IO[str], progress: Callable[[int], None] | None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_EVENT_VIEW_COLUMNS)
    n = 0
    for ids in _chunks(session, opts, ids_only=True):
        for _, cells in _event_view_rows(session, ids):
            writer.writerow(cells)
            n += 1
        if progress:
            progress(n)
    return n


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def count_selected(session: Session, opts: ExportOptions) -> int:
    """How many events an export with ``opts`` writes (for a progress display)."""
    q = event_query(session, opts.event_filter()).with_only_columns(Event.id)
    return session.scalar(select(func.count()).select_from(q.subquery())) or 0


def _export_changes(session: Session, opts: ExportOptions, out: IO[str]) -> int:
    from .store import changes

    since = opts.changed_since
    until = changes.utcnow()
    added, changed = changes.changed_ids(session, "events", since)
    kind = {i: "added" for i in added} | {i: "changed" for i in changed}
    removed = changes.removed(session, "events", since)
    ids = sorted(kind)
    n = 0
    if opts.format == "csv":
        cols = _EVENT_VIEW_COLUMNS
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["change", *cols])
        for chunk in _chunks(session, opts, ids_only=True, only=ids):
            if not chunk:
                continue
            for event_id, cells in _event_view_rows(session, chunk):
                writer.writerow([kind[event_id], *cells])
                n += 1
        for r in removed:
            writer.writerow(["removed", *("" if c != "event_id" else r["id"] for c in cols)])
            n += 1
        return n
    dicts = []
    for chunk in _chunks(session, opts, only=ids):
        for ev in events_to_dicts(session, chunk):
            dicts.append(ev)
        session.expunge_all()
    gone = [{"id": f"kb-{r['id']}", "change": "removed", "removed_at": r["removed_at"], "natural_key": r["natural_key"]}
            for r in removed]
    if opts.format == "plover":
        for ev in dicts:
            out.write(_dumps({**plover_record(ev), "change": kind[ev["id"]]}) + "\n")
        for r in gone:
            out.write(_dumps(r) + "\n")
        return len(dicts) + len(gone)
    out.write(_dumps({"since": changes._iso(since), "until": changes._iso(until),
                      "events": [{**ev, "change": kind[ev["id"]]} for ev in dicts],
                      "removed": [{**r, "id": int(r["id"][3:])} for r in gone]}) + "\n")
    return len(dicts) + len(gone)


def export_events(session: Session, opts: ExportOptions, out: IO[str],
                  progress: Callable[[int], None] | None = None) -> int:
    """Write the selected events to ``out`` in ``opts.format``; returns how many (with
    ``opts.changed_since``: how many added, changed and removed). ``progress`` is called with the
    number written so far, once per chunk."""
    if opts.format not in FORMATS:
        raise KBError(f"unknown export format {opts.format!r} (choose from {', '.join(FORMATS)})")
    if opts.changed_since is not None:
        return _export_changes(session, opts, out)
    if opts.format == "csv":
        return _write_csv(session, opts, out, progress)
    n = 0
    if opts.format == "plover":
        for ev in _event_dicts(session, opts):
            out.write(_dumps(plover_record(ev)) + "\n")
            n += 1
            if progress and n % opts.chunk == 0:
                progress(n)
        return n
    out.write("[")
    for ev in _event_dicts(session, opts):
        out.write(("\n" if n == 0 else ",\n") + _dumps(ev))
        n += 1
        if progress and n % opts.chunk == 0:
            progress(n)
    out.write("\n]\n" if n else "]\n")
    return n

