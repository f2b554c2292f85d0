"""Per-entity counts (``entity_stats``, ``entity_event_counts``), kept exact as data changes.

A profile of an entity met in tens of thousands of articles would otherwise count hundreds of
thousands of rows on every call. The counts are defined once, as aggregates over the fact tables
(:func:`counts`), and applied three ways from that one definition:

- storing a document adds the counts of that document (:func:`add_document`), removing its facts
  before re-extraction subtracts them; both run inside the document's transaction;
- a curation (merge, split) recounts the entities it touched from scratch (:func:`recount`);
- ``kb db recount`` and bulk loaders rebuild the whole table (:func:`recount_all`).

Writers of counts must hold the store lock on PostgreSQL (:func:`kb.store.db.lock_for_storing`),
so that two processes never add to the same row from stale reads.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, union
from sqlalchemy.orm import Session

from .models import EntityEventCount, EntityStats, Event, EventParticipant, Mention, Quote

# ids per IN list: PostgreSQL takes at most 65,535 bound parameters in a statement, SQLite 32,766
CHUNK = 5000


@dataclass
class Counts:
    # entity id -> [mentions, documents, events, quotes]
    totals: dict[int, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    # (entity id, event type) -> events
    by_type: dict[tuple[int, str], int] = field(default_factory=lambda: defaultdict(int))


def _involvement(document_id: int | None, entity_ids: list[int] | None):
    """(entity, event, type) for every event, not negated, an entity takes part in or that
    happens at it; an entity that is both actor and place of one event counts it once."""
    parts = select(EventParticipant.entity_id.label("entity_id"), Event.id.label("event_id"), Event.type.label("type")) \
        .join(Event, Event.id == EventParticipant.event_id).where(Event.negated.is_(False))
    places = select(Event.location_id.label("entity_id"), Event.id.label("event_id"), Event.type.label("type")) \
        .where(Event.location_id.is_not(None), Event.negated.is_(False))
    if document_id is not None:
        parts = parts.where(Event.document_id == document_id)
        places = places.where(Event.document_id == document_id)
    if entity_ids is not None:
        parts = parts.where(EventParticipant.entity_id.in_(entity_ids))
        places = places.where(Event.location_id.in_(entity_ids))
    return union(parts, places).subquery()


def counts(session: Session, *, document_id: int | None = None, entity_ids: list[int] | None = None) -> Counts:
    """The counts, over one document or all of them, for some entities or all of them."""
    out = Counts()
    m = select(Mention.entity_id, func.count(), func.count(func.distinct(Mention.document_id))).group_by(Mention.entity_id)
    q = select(Quote.speaker_id, func.count()).where(Quote.speaker_id.is_not(None)).group_by(Quote.speaker_id)
    if document_id is not None:
        m, q = m.where(Mention.document_id == document_id), q.where(Quote.document_id == document_id)
    if entity_ids is not None:
        m, q = m.where(Mention.entity_id.in_(entity_ids)), q.where(Quote.speaker_id.in_(entity_ids))
    for eid, n, docs in session.execute(m):
        out.totals[eid][0], out.totals[eid][1] = n, docs
    for eid, n in session.execute(q):
        out.totals[eid][3] = n
    inv = _involvement(document_id, entity_ids)
    for eid, type_, n in session.execute(select(inv.c.entity_id, inv.c.type, func.count()).group_by(inv.c.entity_id, inv.c.type)):
        out.by_type[(eid, type_)] = n
        out.totals[eid][2] += n
    return out


_UPSERTS: dict[tuple, object] = {}


def _upsert(session: Session, model, keys: tuple[str, ...], rows: list[dict], add: bool) -> None:
    """Insert rows, or on a key already there add to (``add``) or replace its counts."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    values = tuple(c for c in rows[0] if c not in keys)
    cache_key = (dialect, model, keys, values, add)
    upsert = _UPSERTS.get(cache_key)
    if upsert is None:
        stmt = insert(model.__table__)
        table = model.__table__
        sets = {c: (table.c[c] + stmt.excluded[c]) if add else stmt.excluded[c] for c in values}
        # built once: a new statement per document is built and cache-keyed anew each time
        upsert = _UPSERTS[cache_key] = stmt.on_conflict_do_update(index_elements=list(keys), set_=sets)
    conn = session.connection()
    for i in range(0, len(rows), CHUNK):
        conn.execute(upsert, rows[i:i + CHUNK])


def _apply(session: Session, c: Counts, sign: int) -> None:
    totals = [{"entity_id": eid, "mentions": sign * v[0], "documents": sign * v[1], "events": sign * v[2],
               "quotes": sign * v[3]} for eid, v in sorted(c.totals.items())]
    by_type = [{"entity_id": eid, "type": t, "events": sign * n} for (eid, t), n in sorted(c.by_type.items())]
    _upsert(session, EntityStats, ("entity_id",), totals, add=True)
    _upsert(session, EntityEventCount, ("entity_id", "type"), by_type, add=True)
    if sign < 0 and by_type:
        ids = sorted({r["entity_id"] for r in by_type})
        session.execute(delete(EntityEventCount).where(EntityEventCount.entity_id.in_(ids), EntityEventCount.events <= 0))


def add_document(session: Session, document_id: int, sign: int = 1) -> None:
    """Add (sign 1, after storing) or take away (sign -1, before clearing) one document's counts."""
    session.flush()
    _apply(session, counts(session, document_id=document_id), sign)


def document_counts(mentions: list[dict], quotes: list[dict], events: list[dict], event_ids: list[int],
                    participants: list[dict]) -> Counts:
    """What :func:`counts` reads for one document, from the rows of it being written (dicts of
    column values; ``event_ids`` in the order of ``events``): the same definition, without
    reading the rows back."""
    out = Counts()
    docs_of: dict[int, int] = {}
    for m in mentions:
        out.totals[m["entity_id"]][0] += 1
        docs_of[m["entity_id"]] = 1
    for eid in docs_of:
        out.totals[eid][1] = 1
    for q in quotes:
        if q["speaker_id"] is not None:
            out.totals[q["speaker_id"]][3] += 1
    counted = {eid: ev for eid, ev in zip(event_ids, events) if ev["negated"] is not None and not ev["negated"]}
    involved = {(p["entity_id"], p["event_id"], counted[p["event_id"]]["type"]) for p in participants
                if p["event_id"] in counted}
    involved |= {(ev["location_id"], eid, ev["type"]) for eid, ev in counted.items() if ev["location_id"] is not None}
    for ent, _, type_ in involved:
        out.by_type[(ent, type_)] += 1
        out.totals[ent][2] += 1
    return out


def add_counts(session: Session, c: Counts) -> None:
    """Add counts made by :func:`document_counts` (the rows they count are written already)."""
    _apply(session, c, 1)


def recount(session: Session, entity_ids: list[int]) -> None:
    """Count these entities again from the fact tables (after a curation moved their rows)."""
    session.flush()
    ids = sorted(set(entity_ids))
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        session.execute(delete(EntityEventCount).where(EntityEventCount.entity_id.in_(part)))
        session.execute(delete(EntityStats).where(EntityStats.entity_id.in_(part)))
        c = counts(session, entity_ids=part)
        for eid in part:
            c.totals[eid]  # an entity left with nothing still gets its row of zeros
        _apply(session, c, 1)


def recount_all(session: Session) -> int:
    """Rebuild both tables from the fact tables; returns the number of entities counted."""
    session.execute(delete(EntityEventCount))
    session.execute(delete(EntityStats))
    c = counts(session)
    _apply(session, c, 1)
    return len(c.totals)


def stored(session: Session, entity_ids: list[int]) -> dict[int, EntityStats]:
    out: dict[int, EntityStats] = {}
    for i in range(0, len(entity_ids), CHUNK):
        out.update((s.entity_id, s) for s in session.scalars(select(EntityStats).where(
            EntityStats.entity_id.in_(entity_ids[i:i + CHUNK]))))
    return out


def as_dict(c: Counts) -> tuple[dict, dict]:
    """Plain dicts of a :class:`Counts`, without zero rows, for comparing."""
    return ({k: tuple(v) for k, v in c.totals.items() if any(v)}, {k: v for k, v in c.by_type.items() if v})
