"""Read side: typed query functions returning plain dicts with stable field names.

The field names are the JSON contract of every listing command (documented in README.md):
entity ``{id, name, type, country, aliases, roles, mentions, documents}``; event ``{id, type, mode,
actors, recipients, location, date, count, trigger, sentence, document, ...}``; quote ``{id, speaker,
text, cue, sentence, document}``; document ``{id, url, title, source, published, ...}``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, any_, func, literal_column, or_, select, union
from sqlalchemy.orm import Session, aliased

from ..gazetteer import Gazetteer
from ..text import normalize_name
from . import stats
from .stats import CHUNK
from .models import (Document, Entity, EntityAlias, EntityEventCount, Event, EventMention, EventParticipant, Mention,
                     Quote, Role, Sentence)


def _chunked(convert, session: Session, items: list) -> list[dict]:
    """``convert`` applied to slices of ``items`` small enough for one IN list each."""
    out: list[dict] = []
    for i in range(0, len(items), CHUNK):
        out.extend(convert(session, items[i:i + CHUNK]))
    return out


def entity_ref(e: Entity | None) -> dict | None:
    if e is None:
        return None
    return {"id": e.id, "name": e.name, "type": e.type, "country": e.country}


def document_ref(d: Document) -> dict:
    return {"id": d.id, "url": d.url, "title": d.title, "published": d.published.isoformat() if d.published else None}


def entity_ids_matching(session: Session, name: str) -> list[int]:
    """Entities whose name or alias is ``name`` (case, accents, a leading "the" ignored); a
    country code or a nationality word ("VEN", "Venezuelan") finds the country."""
    key = normalize_name(name)
    ids = set(session.scalars(select(Entity.id).where(Entity.name_key == key)))
    ids |= set(session.scalars(select(EntityAlias.entity_id).where(EntityAlias.alias_key == key)))
    if not ids:
        place = Gazetteer.load().lookup(name)
        code = place.code if place else (name.upper() if len(name) == 3 and name.isalpha() else None)
        if code:
            cname = Gazetteer.load().country_name(code)
            if cname:
                ids |= set(session.scalars(select(Entity.id).where(Entity.type == "GPE", Entity.country == code,
                                                                   Entity.name_key == normalize_name(cname))))
    return sorted(ids)


def _aliases(session: Session, ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for eid, alias in session.execute(select(EntityAlias.entity_id, EntityAlias.alias).where(EntityAlias.entity_id.in_(ids))
                                      .order_by(EntityAlias.id)):
        out[eid].append(alias)
    return out


def _roles(session: Session, ids: list[int]) -> dict[int, list[dict]]:
    """Titles grouped by (title, of what, former), with the first and last publication date that
    states them. Grouped in SQL: a much-quoted person has thousands of role rows."""
    if not ids:
        return {}
    first_seen = func.min(Role.seen_on)
    rows = session.execute(
        select(Role.entity_id, Role.title, Role.of_entity_id, Role.former, first_seen, func.max(Role.seen_on),
               func.min(Role.start_year), func.max(Role.end_year), func.count())
        .where(Role.entity_id.in_(ids))
        .group_by(Role.entity_id, Role.title, Role.of_entity_id, Role.former)
        .order_by(Role.entity_id, first_seen.asc().nulls_first(), Role.title, func.coalesce(Role.of_entity_id, 0),
                  Role.former)).all()
    of_ids = {r[2] for r in rows if r[2] is not None}
    ofs = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(of_ids)))} if of_ids else {}
    out: dict[int, list[dict]] = defaultdict(list)
    for eid, title, of_id, former, first, last, start, end, times in rows:
        out[eid].append({"title": title, "of": entity_ref(ofs.get(of_id)), "former": bool(former),
                         "first_seen": _iso(first), "last_seen": _iso(last), "start_year": start, "end_year": end,
                         "times": times})
    return out


def _iso(value) -> str | None:
    # SQLite hands back dates from aggregates as text, PostgreSQL as dates
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()


def list_entities(session: Session, *, type_: str | None = None, country: str | None = None, name: str | None = None,
                  limit: int | None = None) -> list[dict]:
    q = select(Entity)
    if type_:
        q = q.where(Entity.type == type_.upper())
    if country:
        q = q.where(Entity.country == country.upper())
    if name:
        q = q.where(Entity.id.in_(entity_ids_matching(session, name)))
    q = q.order_by(Entity.type, Entity.name, Entity.id)
    if limit:
        q = q.limit(limit)
    return entity_summaries(session, list(session.scalars(q)))


def entity_summaries(session: Session, ents: list[Entity], counts: dict | None = None) -> list[dict]:
    """The listing fields of each entity, in the order given; ``counts`` are their
    ``entity_stats`` rows when the caller has read them already."""
    if counts is not None:
        return _entity_summaries(session, ents, counts)
    return _chunked(_entity_summaries, session, ents)


def _entity_summaries(session: Session, ents: list[Entity], counts: dict | None = None) -> list[dict]:
    ids = [e.id for e in ents]
    aliases = _aliases(session, ids)
    roles = _roles(session, ids)
    counts = stats.stored(session, ids) if counts is None else counts
    mentions = {i: c.mentions for i, c in counts.items()}
    docs = {i: c.documents for i, c in counts.items()}
    return [{**entity_ref(e), "aliases": aliases.get(e.id, []), "roles": roles.get(e.id, []),
             "mentions": mentions.get(e.id, 0), "documents": docs.get(e.id, 0), **place_fields(e)} for e in ents]


def place_fields(e: Entity) -> dict:
    """Where a place is (GeoNames), null for entities that are not placed."""
    return {"lat": e.lat, "lon": e.lon, "admin1": e.admin1, "geonameid": e.geonameid}


@dataclass
class EventFilter:
    type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    entity: str | None = None
    location: str | None = None
    since: str | None = None  # ISO date prefix
    until: str | None = None
    country: str | None = None
    include_negated: bool = False
    min_confidence: float | None = None  # None: every event, however weak its evidence
    document_id: int | None = None
    limit: int | None = None
    entity_id: int | None = None  # one entity by id: any participant or the place


def _participant_clause(session: Session, name: str, role: str | None):
    ids = entity_ids_matching(session, name)
    sub = select(EventParticipant.event_id).where(EventParticipant.entity_id.in_(ids))
    if role:
        sub = sub.where(EventParticipant.role == role)
    return Event.id.in_(sub)


# one alias for every call: building an alias's column proxies costs more than the statement
# that uses it on a small database (kb ask calls this once per name)
_EVENT_AT = aliased(Event, name="event_at")


def ids_in(column, ids, dialect: str | None = None) -> ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL (``dialect`` "postgresql") as ``column = ANY(array)``
    with one array parameter. An IN list of a thousand parameters costs more to render and
    parse on the client (SQLAlchemy's binds, psycopg's query split, which caches no query that
    long) than the database takes to run it; the server plans both forms alike."""
    ids = list(ids)
    if dialect == "postgresql":
        # one array constant written into the statement (integers only, see int_array_text): as a
        # constant the planner sees its values (a text parameter cast to an array it does not,
        # and planned "in London" as a scan of every event), and the client neither renders a
        # bind per id nor dumps a Python list element by element
        return column == any_(literal_column(f"'{int_array_text(ids)}'::integer[]"))
    return column.in_(ids)


def int_array_text(ids) -> str:
    """Integer ids as PostgreSQL's array text, ``{1,2,3}`` (each checked to be an integer)."""
    return "{" + ",".join(map(str, map(int, ids))) + "}"


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def events_involving(entity_ids, dialect: str | None = None) -> ColumnElement[bool]:
    """Events these entities take part in or that happened at them, as one ``IN`` over a
    ``UNION``: PostgreSQL cannot start from the small side of ``IN (...) OR location_id = ...``
    and tests every event instead (211 ms against 8 ms at a million events, BENCHMARKS.md)."""
    if isinstance(entity_ids, Select):
        return Event.id.in_(union(select(EventParticipant.event_id).where(EventParticipant.entity_id.in_(entity_ids)),
                                  select(_EVENT_AT.id).where(_EVENT_AT.location_id.in_(entity_ids))))
    entity_ids = list(entity_ids)
    return Event.id.in_(union(select(EventParticipant.event_id).where(ids_in(EventParticipant.entity_id, entity_ids, dialect)),
                              select(_EVENT_AT.id).where(ids_in(_EVENT_AT.location_id, entity_ids, dialect))))


def event_query(session: Session, f: EventFilter):
    q = select(Event)
    if f.type:
        q = q.where(Event.type == f.type.upper())
    if f.actor:
        q = q.where(_participant_clause(session, f.actor, "actor"))
    if f.recipient:
        q = q.where(_participant_clause(session, f.recipient, "recipient"))
    if f.entity:
        q = q.where(events_involving(entity_ids_matching(session, f.entity)))
    if f.entity_id is not None:
        q = q.where(events_involving([f.entity_id]))
    if f.location:
        q = q.where(Event.location_id.in_(entity_ids_matching(session, f.location)))
    if f.country:
        q = q.where(events_involving(select(Entity.id).where(Entity.country == f.country.upper())))
    # an event without a date of its own is dated by its document
    when = func.coalesce(Event.date, func.substr(func.cast(Document.published, _text_type()), 1, 10))
    if f.since or f.until:
        q = q.join(Document, Document.id == Event.document_id)
        if f.since:
            q = q.where(when >= f.since)
        if f.until:
            # "2024" as an upper bound includes every date in 2024
            q = q.where(func.substr(when, 1, len(f.until)) <= f.until)
    if not f.include_negated:
        q = q.where(Event.negated.is_(False))
    if f.min_confidence:
        q = q.where(Event.confidence >= f.min_confidence)
    if f.document_id:
        q = q.where(Event.document_id == f.document_id)
    return q


def _text_type():
    from sqlalchemy import String

    return String()


def list_events(session: Session, f: EventFilter | None = None) -> list[dict]:
    f = f or EventFilter()
    q = event_query(session, f).order_by(Event.document_id, Event.start_char, Event.id)
    if f.limit:
        q = q.limit(f.limit)
    events = list(session.scalars(q))
    return events_to_dicts(session, events)


def events_to_dicts(session: Session, events: list[Event]) -> list[dict]:
    return _chunked(_events_to_dicts, session, events)


def _events_to_dicts(session: Session, events: list[Event]) -> list[dict]:
    ids = [e.id for e in events]
    dialect = dialect_of(session)
    parts: dict[int, dict[str, list[dict]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for ep, ent in session.execute(select(EventParticipant, Entity).join(Entity, Entity.id == EventParticipant.entity_id)
                                   .where(ids_in(EventParticipant.event_id, ids, dialect)).order_by(EventParticipant.id)):
        parts[ep.event_id].setdefault(ep.role, []).append({**entity_ref(ent), "sector": ep.sector})
    loc_ids = {e.location_id for e in events if e.location_id}
    locs = {e.id: e for e in session.scalars(select(Entity).where(ids_in(Entity.id, loc_ids, dialect)))}
    sents = dict(session.execute(select(Sentence.id, Sentence.text).where(ids_in(Sentence.id, {e.sentence_id for e in events}, dialect))).all())
    docs = _document_refs(session, {e.document_id for e in events})
    nmentions = dict(session.execute(select(EventMention.event_id, func.count()).where(ids_in(EventMention.event_id, ids, dialect))
                                     .group_by(EventMention.event_id)).all())
    out = []
    for e in events:
        loc = locs.get(e.location_id)
        out.append({
            "id": e.id, "type": e.type, "mode": e.mode, "context": e.context, "cameo_root": e.cameo_root,
            "quad_class": e.quad_class,
            "actors": parts[e.id]["actor"], "recipients": parts[e.id]["recipient"],
            "location": {"id": loc.id, "name": loc.name, "type": loc.type, "country": loc.country,
                         **place_fields(loc)} if loc else None,
            **_event_date(e, docs[e.document_id]), "date_text": e.date_text,
            "count": e.count, "trigger": e.trigger, "negated": e.negated, "hypothetical": e.hypothetical,
            "future": e.future, "confidence": round(e.confidence, 3), "mentions": max(nmentions.get(e.id, 0), 1),
            "sentence": sents.get(e.sentence_id), "document": docs[e.document_id],
        })
    return out


def _event_date(e: Event, doc: dict) -> dict:
    """The event's own date, else its document's publication date marked ``published`` (as
    ``event_view`` does), so that an event shows one date wherever it is read."""
    if e.date is None and doc.get("published"):
        return {"date": doc["published"], "date_end": None, "date_precision": "published"}
    return {"date": e.date, "date_end": e.date_end, "date_precision": e.date_precision}


# the columns a document reference needs: never the article text, which is most of a row
DOCUMENT_REF_COLUMNS = (Document.id, Document.url, Document.title, Document.published)


def _document_refs(session: Session, ids: set[int]) -> dict[int, dict]:
    return {d.id: document_ref(d) for d in session.execute(select(*DOCUMENT_REF_COLUMNS).where(Document.id.in_(ids)))}


def quote_query(session: Session, *, speaker: str | None = None, contains: str | None = None,
                speaker_ids: list[int] | None = None):
    q = select(Quote.id).join(Document, Document.id == Quote.document_id)
    if speaker:
        q = q.where(Quote.speaker_id.in_(entity_ids_matching(session, speaker)))
    if speaker_ids is not None:
        q = q.where(Quote.speaker_id.in_(speaker_ids))
    if contains:
        q = q.where(func.lower(Quote.text).contains(contains.lower(), autoescape=True))
    return q


def list_quotes(session: Session, *, speaker: str | None = None, contains: str | None = None,
                speaker_ids: list[int] | None = None, limit: int | None = None) -> list[dict]:
    """Quotes, newest document first. The order is decided on ids and dates alone; the text,
    sentence and document of only the quotes kept are read afterwards."""
    q = quote_query(session, speaker=speaker, contains=contains, speaker_ids=speaker_ids)
    q = q.order_by(Document.published.desc().nulls_last(), Quote.document_id, Quote.start_char, Quote.id)
    if limit:
        q = q.limit(limit)
    ids = list(session.scalars(q))
    return quotes_to_dicts(session, ids)


def quotes_to_dicts(session: Session, ids: list[int]) -> list[dict]:
    return _chunked(_quotes_to_dicts, session, ids)


def _quotes_to_dicts(session: Session, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    rows = {qt.id: (qt, ent, sent) for qt, ent, sent in session.execute(
        select(Quote, Entity, Sentence.text).outerjoin(Entity, Entity.id == Quote.speaker_id)
        .join(Sentence, Sentence.id == Quote.sentence_id).where(Quote.id.in_(ids)))}
    docs = _document_refs(session, {qt.document_id for qt, _, _ in rows.values()})
    return [{"id": qt.id, "speaker": entity_ref(ent), "text": qt.text, "cue": qt.cue, "sentence": sent,
             "document": docs[qt.document_id]} for qt, ent, sent in (rows[i] for i in ids)]


def list_documents(session: Session, limit: int | None = None) -> list[dict]:
    """Documents, newest first, with how many sentences, entities, events and quotes each holds."""
    cols = (*DOCUMENT_REF_COLUMNS, Document.source, Document.origin, Document.extractor_version, Document.ingested_at,
            Document.authors, Document.fetched_at)
    q = select(*cols).order_by(Document.published.desc().nulls_last(), Document.id)
    if limit:
        q = q.limit(limit)
    docs = session.execute(q).all()
    out: list[dict] = []
    for i in range(0, len(docs), CHUNK):
        part = docs[i:i + CHUNK]
        ids = [d.id for d in part]
        counts = {}
        for model, name in ((Event, "events"), (Quote, "quotes"), (Sentence, "sentences")):
            counts[name] = dict(session.execute(select(model.document_id, func.count()).where(model.document_id.in_(ids))
                                                .group_by(model.document_id)).all())
        counts["entities"] = dict(session.execute(select(Mention.document_id, func.count(func.distinct(Mention.entity_id)))
                                                  .where(Mention.document_id.in_(ids)).group_by(Mention.document_id)).all())
        out.extend({**document_ref(d), "source": d.source, "origin": d.origin, "extractor_version": d.extractor_version,
                    "ingested_at": d.ingested_at.isoformat() if d.ingested_at else None,
                    "authors": d.authors, "fetched_at": d.fetched_at.isoformat() if d.fetched_at else None,
                    **{k: counts[k].get(d.id, 0) for k in ("sentences", "entities", "events", "quotes")}}
                   for d in part)
    return out


def fuzzy_entity_ids(session: Session, name: str, cutoff: float = 0.8) -> list[int]:
    """Entities whose name or alias is close to ``name`` (typos): the closest spelling wins.

    Candidates share the first letter of the folded name, which keeps the comparison to a small
    slice of the table; accents and case are already folded away by ``normalize_name``.
    """
    import difflib

    key = normalize_name(name)
    if not key:
        return []
    like = key[0] + "%"
    names: dict[str, set[int]] = defaultdict(set)
    for k, i in session.execute(select(Entity.name_key, Entity.id).where(Entity.name_key.like(like))):
        names[k].add(i)
    for k, i in session.execute(select(EntityAlias.alias_key, EntityAlias.entity_id).where(EntityAlias.alias_key.like(like))):
        names[k].add(i)
    best = difflib.get_close_matches(key, list(names), n=1, cutoff=cutoff)
    return sorted(names[best[0]]) if best else []


# events, quotes and documents a profile lists (newest first); the totals count them all
PROFILE_ITEMS = 20


def entity_profile(session: Session, name: str, *, limit: int = PROFILE_ITEMS) -> dict | None:
    """One entity: the listing fields; its events by type with ``events_total``, ``quotes_total``
    and ``documents_total``; then, from its newest documents, at most ``limit`` documents, events
    and quotes, and the entities it shares those events with. A name with no exact match finds the
    closest spelling ("Chernyshenko" for "Chernishenko").

    Totals come from ``entity_stats`` and lists from the newest documents, so that a profile of an
    entity met in tens of thousands of articles costs about what a rare one does."""
    ids = entity_ids_matching(session, name)
    matched = "name"
    if not ids:
        ids, matched = fuzzy_entity_ids(session, name), "spelling"
    if not ids:
        return None
    best = _most_mentioned(session, ids, normalize_name(name))
    ent = session.get(Entity, best)
    stored = stats.stored(session, [best])
    summary = entity_summaries(session, [ent], stored)[0]
    counted = stored.get(best)
    profile = {**summary, "documents_total": summary["documents"],
               "events_total": counted.events if counted else 0, "quotes_total": counted.quotes if counted else 0,
               "matched": matched}
    by_type = session.execute(select(EntityEventCount.type, EntityEventCount.events)
                              .where(EntityEventCount.entity_id == best, EntityEventCount.events > 0)).all()
    profile["events_by_type"] = dict(sorted(by_type, key=lambda kv: (-kv[1], kv[0])))

    n_docs = session.scalar(select(func.max(Document.id))) or 0
    mentioned = newest_documents(session, select(Mention.document_id).where(Mention.entity_id == best),
                                 summary["documents"], limit, n_docs)
    refs = _document_refs(session, set(mentioned))
    profile["documents"] = [refs[i] for i in mentioned]

    # an event of a given document involves the entity: one lookup in the participants' unique
    # index (written as EXISTS: a join lets SQLite start from all of the entity's participations)
    took_part = select(EventParticipant.id).where(EventParticipant.event_id == Event.id,
                                                  EventParticipant.entity_id == best).exists()
    its_event = and_(Event.negated.is_(False), or_(Event.location_id == best, took_part))
    involved = and_(events_involving([best]), Event.negated.is_(False))
    probe = select(Event.id).where(Event.document_id == Document.id, its_event).exists()
    ev_docs = newest_documents(session, select(Event.document_id).where(involved), profile["events_total"], limit, n_docs,
                               probe=probe)
    order = {d: n for n, d in enumerate(ev_docs)}
    events = sorted(session.scalars(select(Event).where(Event.document_id.in_(ev_docs), its_event)),
                    key=lambda e: (order[e.document_id], e.start_char, e.id))
    profile["events"] = events_to_dicts(session, events[:limit])

    q_docs = newest_documents(session, select(Quote.document_id).where(Quote.speaker_id == best), profile["quotes_total"],
                              limit, n_docs)
    order = {d: n for n, d in enumerate(q_docs)}
    quotes = sorted(session.execute(select(Quote.id, Quote.document_id, Quote.start_char)
                                    .where(Quote.speaker_id == best, Quote.document_id.in_(q_docs))),
                    key=lambda r: (order[r.document_id], r.start_char, r.id))
    profile["quotes"] = quotes_to_dicts(session, [r.id for r in quotes[:limit]])

    # who it shares events with, in the documents that name it most recently
    recent = newest_documents(session, select(Mention.document_id).where(Mention.entity_id == best),
                              summary["documents"], RELATED_DOCUMENTS, n_docs)
    other = aliased(EventParticipant)
    shared = func.count(func.distinct(other.event_id))
    rows = session.execute(select(Entity, shared).join(other, other.entity_id == Entity.id)
                           .where(other.event_id.in_(select(Event.id).where(Event.document_id.in_(recent), its_event)),
                                  Entity.id != best)
                           .group_by(Entity.id).order_by(shared.desc(), Entity.name).limit(10))
    profile["related"] = [{**entity_ref(e), "shared_events": n} for e, n in rows]
    return profile


# documents whose events make up "related" in a profile
RELATED_DOCUMENTS = 200


def newest_documents(session: Session, doc_ids: Select, total: int, limit: int, n_docs: int,
                     probe: ColumnElement[bool] | None = None) -> list[int]:
    """Ids of the newest ``limit`` documents among ``doc_ids`` (a select of document ids), newest
    first, undated ones last.

    ``total`` is about how many rows ``doc_ids`` yields and ``n_docs`` how many documents there
    are. Reading and sorting all of them costs about ``total``; walking all documents newest first
    and testing each (``probe``, by default ``doc_ids`` correlated to the document) costs about
    ``limit * n_docs / total`` index lookups. The cheaper one is taken: an entity named in a
    fifth of all articles finds its newest 20 after about 100 steps."""
    if total <= 0 or limit <= 0:
        return []
    newest = (Document.published.desc().nulls_last(), Document.id.desc())
    if total * total <= limit * n_docs:
        return list(session.scalars(select(Document.id).where(Document.id.in_(doc_ids)).order_by(*newest).limit(limit)))
    if probe is None:
        col = doc_ids.selected_columns[0]
        probe = doc_ids.where(col == Document.id).exists()
    found = list(session.scalars(select(Document.id).where(Document.published.is_not(None), probe)
                                 .order_by(Document.published.desc(), Document.id.desc()).limit(limit)))
    if len(found) < limit:
        found += session.scalars(select(Document.id).where(Document.published.is_(None), probe)
                                 .order_by(Document.id.desc()).limit(limit - len(found)))
    return found


def _most_mentioned(session: Session, ids: list[int], key: str) -> int:
    """Of several entities a name finds, the one called exactly that, then the most mentioned."""
    if len(ids) == 1:
        return ids[0]
    counts = {i: c.mentions for i, c in stats.stored(session, ids).items()}
    exact = set(session.scalars(select(Entity.id).where(Entity.id.in_(ids), Entity.name_key == key)))
    return max(ids, key=lambda i: (i in exact, counts.get(i, 0), -i))
