"""The change log: what was added, changed and removed since a moment, for downstream copies.

Events, entities and quotes carry ``created_at`` and ``updated_at`` (set by kb in UTC, to the
microsecond); a row deleted by re-extraction or a merge leaves a row in ``tombstones`` with the
id it had and a natural key saying what it was. A row is *added* since T when it was created
after T, *changed* when it was created before and updated after, *removed* when its tombstone is
newer than T (a row added and removed since T is only removed). Re-extraction gives the events
and quotes it finds again (same place, same type) their old ids back (kb.store.writer), changed
only when they now read differently; the others are removed or added.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from .models import Entity, Event, Quote, Tombstone, utcnow

TABLES = ("events", "entities", "quotes")
_MODELS = {"events": Event, "entities": Entity, "quotes": Quote}


def _event_key(doc_id, start, end, type_) -> str:
    return f"document:{doc_id}:{start}:{end}:{type_}"


def tombstone_events(session: Session, where) -> None:
    """Record the events selected by ``where`` (a clause on Event) as deleted."""
    rows = session.execute(select(Event.id, Event.document_id, Event.start_char, Event.end_char, Event.type).where(where))
    _bury(session, "events", [(r.id, _event_key(r.document_id, r.start_char, r.end_char, r.type)) for r in rows])


def tombstone_quotes(session: Session, where) -> None:
    rows = session.execute(select(Quote.id, Quote.document_id, Quote.start_char, Quote.end_char).where(where))
    _bury(session, "quotes", [(r.id, f"document:{r.document_id}:{r.start_char}:{r.end_char}") for r in rows])


def tombstone_entity(session: Session, ent: Entity) -> None:
    _bury(session, "entities", [(ent.id, f"{ent.type}:{ent.name_key}"[:1024])])


def _bury(session: Session, table: str, rows: list[tuple[int, str]]) -> None:
    if rows:
        now = utcnow()
        session.execute(insert(Tombstone), [{"table_name": table, "row_id": i, "natural_key": k, "deleted_at": now}
                                            for i, k in rows])


def unbury(session: Session, table: str, ids: list[int]) -> None:
    """The rows are back under their ids (re-extraction found them again): no longer removed."""
    for i in range(0, len(ids), 5000):
        session.execute(delete(Tombstone).where(Tombstone.table_name == table, Tombstone.row_id.in_(ids[i:i + 5000])))


def touch(session: Session, model, where) -> None:
    """Mark rows changed (a change that lives in another table: an event's participants, an
    entity's aliases)."""
    session.execute(update(model).where(where).values(updated_at=utcnow()).execution_options(synchronize_session=False))


def parse_timestamp(value: str) -> dt.datetime:
    """An ISO 8601 time ("2026-11-29T14:00:00Z", "2026-11-29 14:00", a date alone is its
    midnight); without an offset it is UTC. Raises ValueError."""
    text = value.strip()
    if not text:
        raise ValueError("empty")
    when = dt.datetime.fromisoformat(text.replace("z", "Z"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc)


def _param(session: Session, when: dt.datetime):
    # SQLite keeps these times as UTC text without an offset
    return when.replace(tzinfo=None) if session.get_bind().dialect.name == "sqlite" else when


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def changed_ids(session: Session, table: str, since: dt.datetime) -> tuple[list[int], list[int]]:
    """(added, changed) ids of one table since ``since``, in id order."""
    model = _MODELS[table]
    t = _param(session, since)
    added, changed = [], []
    for rid, created in session.execute(select(model.id, model.created_at).where(model.updated_at > t)
                                        .order_by(model.id)):
        (added if created > t else changed).append(rid)
    return added, changed


def removed(session: Session, table: str, since: dt.datetime) -> list[dict]:
    t = _param(session, since)
    q = select(Tombstone).where(Tombstone.table_name == table, Tombstone.deleted_at > t).order_by(Tombstone.id)
    out, seen = [], set()
    for ts in session.scalars(q):
        if ts.row_id in seen:
            continue
        seen.add(ts.row_id)
        out.append({"id": ts.row_id, "natural_key": ts.natural_key, "removed_at": _iso(ts.deleted_at)})
    return out


def _stamps(session: Session, model, ids: list[int]) -> dict[int, tuple]:
    out = {}
    for i in range(0, len(ids), 5000):
        part = ids[i:i + 5000]
        out.update({r.id: (r.created_at, r.updated_at)
                    for r in session.execute(select(model.id, model.created_at, model.updated_at).where(model.id.in_(part)))})
    return out


def _rows(session: Session, table: str, ids: list[int]) -> list[dict]:
    from .queries import entity_ref, events_to_dicts, quotes_to_dicts

    if not ids:
        return []
    if table == "events":
        rows = []
        for i in range(0, len(ids), 5000):
            rows += events_to_dicts(session, list(session.scalars(select(Event).where(Event.id.in_(ids[i:i + 5000]))
                                                                  .order_by(Event.id))))
    elif table == "quotes":
        rows = quotes_to_dicts(session, ids)
    else:
        rows = [entity_ref(e) for i in range(0, len(ids), 5000)
                for e in session.scalars(select(Entity).where(Entity.id.in_(ids[i:i + 5000])).order_by(Entity.id))]
    stamps = _stamps(session, _MODELS[table], ids)
    for r in rows:
        created, updated = stamps[r["id"]]
        r["created_at"], r["updated_at"] = _iso(created), _iso(updated)
    return rows


def changes_since(session: Session, since: dt.datetime, tables: tuple[str, ...] = TABLES) -> dict:
    """What changed since ``since``: ``{since, until, added, changed, removed}``, each of the
    last three ``{table: [rows]}``. ``until`` is the time of the query: the next ``since``."""
    until = utcnow()
    out = {"since": _iso(since), "until": _iso(until), "added": {}, "changed": {}, "removed": {}}
    for table in tables:
        added, changed = changed_ids(session, table, since)
        out["added"][table] = _rows(session, table, added)
        out["changed"][table] = _rows(session, table, changed)
        out["removed"][table] = removed(session, table, since)
    return out
