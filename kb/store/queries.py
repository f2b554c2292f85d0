"""Read side: typed query functions returning plain dicts with stable field names.

The field names are the JSON contract of every listing command (documented in README.md):
entity ``{id, name, type, country, aliases, roles, mentions, documents}``; event ``{id, type, mode,
actors, recipients, location, date, count, trigger, sentence, document, ...}``; quote ``{id, speaker,
text, cue, sentence, document}``; document ``{id, url, title, source, published, ...}``.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..nlp.gazetteer import Gazetteer, normalize_name
from .models import (Document, Entity, EntityAlias, Event, EventMention, EventParticipant, Mention, Quote, Role,
                     Sentence)


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
    of = aliased(Entity)
    rows = session.execute(select(Role, of).outerjoin(of, Role.of_entity_id == of.id).where(Role.entity_id.in_(ids))
                           .order_by(Role.entity_id, Role.seen_on, Role.id))
    grouped: dict[int, dict[tuple, dict]] = defaultdict(dict)
    for role, of_ent in rows:
        k = (role.title, role.of_entity_id, role.former)
        seen = role.seen_on.isoformat() if role.seen_on else None
        item = grouped[role.entity_id].get(k)
        if item is None:
            grouped[role.entity_id][k] = {"title": role.title, "of": entity_ref(of_ent), "former": role.former,
                                          "first_seen": seen, "last_seen": seen,
                                          "start_year": role.start_year, "end_year": role.end_year}
        else:
            if seen and (item["first_seen"] is None or seen < item["first_seen"]):
                item["first_seen"] = seen
            if seen and (item["last_seen"] is None or seen > item["last_seen"]):
                item["last_seen"] = seen
            item["start_year"] = item["start_year"] or role.start_year
            item["end_year"] = item["end_year"] or role.end_year
    return {eid: list(v.values()) for eid, v in grouped.items()}


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
    ents = list(session.scalars(q))
    ids = [e.id for e in ents]
    aliases = _aliases(session, ids)
    roles = _roles(session, ids)
    mentions = dict(session.execute(select(Mention.entity_id, func.count()).where(Mention.entity_id.in_(ids)).group_by(Mention.entity_id)).all())
    docs = dict(session.execute(select(Mention.entity_id, func.count(func.distinct(Mention.document_id)))
                                .where(Mention.entity_id.in_(ids)).group_by(Mention.entity_id)).all())
    return [{**entity_ref(e), "aliases": aliases.get(e.id, []), "roles": roles.get(e.id, []),
             "mentions": mentions.get(e.id, 0), "documents": docs.get(e.id, 0)} for e in ents]


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
    document_id: int | None = None
    limit: int | None = None


def _participant_clause(session: Session, name: str, role: str | None):
    ids = entity_ids_matching(session, name)
    sub = select(EventParticipant.event_id).where(EventParticipant.entity_id.in_(ids))
    if role:
        sub = sub.where(EventParticipant.role == role)
    return Event.id.in_(sub)


def event_query(session: Session, f: EventFilter):
    q = select(Event)
    if f.type:
        q = q.where(Event.type == f.type.upper())
    if f.actor:
        q = q.where(_participant_clause(session, f.actor, "actor"))
    if f.recipient:
        q = q.where(_participant_clause(session, f.recipient, "recipient"))
    if f.entity:
        ids = entity_ids_matching(session, f.entity)
        q = q.where(or_(_participant_clause(session, f.entity, None), Event.location_id.in_(ids)))
    if f.location:
        q = q.where(Event.location_id.in_(entity_ids_matching(session, f.location)))
    if f.country:
        code = f.country.upper()
        sub = select(EventParticipant.event_id).join(Entity, Entity.id == EventParticipant.entity_id).where(Entity.country == code)
        loc = select(Entity.id).where(Entity.country == code)
        q = q.where(or_(Event.id.in_(sub), Event.location_id.in_(loc)))
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
    ids = [e.id for e in events]
    parts: dict[int, dict[str, list[dict]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for ep, ent in session.execute(select(EventParticipant, Entity).join(Entity, Entity.id == EventParticipant.entity_id)
                                   .where(EventParticipant.event_id.in_(ids)).order_by(EventParticipant.id)):
        parts[ep.event_id].setdefault(ep.role, []).append(entity_ref(ent))
    loc_ids = {e.location_id for e in events if e.location_id}
    locs = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(loc_ids)))}
    sents = {s.id: s.text for s in session.scalars(select(Sentence).where(Sentence.id.in_({e.sentence_id for e in events})))}
    docs = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_({e.document_id for e in events})))}
    nmentions = dict(session.execute(select(EventMention.event_id, func.count()).where(EventMention.event_id.in_(ids))
                                     .group_by(EventMention.event_id)).all())
    out = []
    for e in events:
        loc = locs.get(e.location_id)
        out.append({
            "id": e.id, "type": e.type, "mode": e.mode, "context": e.context, "cameo_root": e.cameo_root,
            "quad_class": e.quad_class,
            "actors": parts[e.id]["actor"], "recipients": parts[e.id]["recipient"],
            "location": {"id": loc.id, "name": loc.name, "type": loc.type, "country": loc.country} if loc else None,
            "date": e.date, "date_end": e.date_end, "date_precision": e.date_precision, "date_text": e.date_text,
            "count": e.count, "trigger": e.trigger, "negated": e.negated, "hypothetical": e.hypothetical,
            "future": e.future, "confidence": round(e.confidence, 3), "mentions": max(nmentions.get(e.id, 0), 1),
            "sentence": sents.get(e.sentence_id), "document": document_ref(docs[e.document_id]),
        })
    return out


def list_quotes(session: Session, *, speaker: str | None = None, contains: str | None = None,
                speaker_ids: list[int] | None = None, limit: int | None = None) -> list[dict]:
    q = select(Quote, Entity, Sentence, Document).outerjoin(Entity, Entity.id == Quote.speaker_id) \
        .join(Sentence, Sentence.id == Quote.sentence_id).join(Document, Document.id == Quote.document_id)
    if speaker:
        q = q.where(Quote.speaker_id.in_(entity_ids_matching(session, speaker)))
    if speaker_ids is not None:
        q = q.where(Quote.speaker_id.in_(speaker_ids))
    if contains:
        q = q.where(func.lower(Quote.text).contains(contains.lower(), autoescape=True))
    q = q.order_by(Document.published.desc(), Quote.document_id, Quote.start_char)
    if limit:
        q = q.limit(limit)
    return [{"id": qt.id, "speaker": entity_ref(ent), "text": qt.text, "cue": qt.cue, "sentence": sent.text,
             "document": document_ref(doc)} for qt, ent, sent, doc in session.execute(q)]


def list_documents(session: Session, limit: int | None = None) -> list[dict]:
    counts = {}
    for model, name in ((Event, "events"), (Quote, "quotes"), (Sentence, "sentences")):
        counts[name] = dict(session.execute(select(model.document_id, func.count()).group_by(model.document_id)).all())
    ents = dict(session.execute(select(Mention.document_id, func.count(func.distinct(Mention.entity_id))).group_by(Mention.document_id)).all())
    q = select(Document).order_by(Document.published.desc(), Document.id)
    if limit:
        q = q.limit(limit)
    return [{**document_ref(d), "source": d.source, "origin": d.origin, "extractor_version": d.extractor_version,
             "ingested_at": d.ingested_at.isoformat() if d.ingested_at else None,
             "sentences": counts["sentences"].get(d.id, 0), "entities": ents.get(d.id, 0),
             "events": counts["events"].get(d.id, 0), "quotes": counts["quotes"].get(d.id, 0)}
            for d in session.scalars(q)]


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


def entity_profile(session: Session, name: str) -> dict | None:
    """Everything about one entity: the listing fields plus events, quotes, documents.
    A name with no exact match finds the closest spelling ("Chernyshenko" for "Chernishenko")."""
    ids = entity_ids_matching(session, name)
    if not ids:
        ids = fuzzy_entity_ids(session, name)
    if not ids:
        return None
    # most mentioned first when a name is shared
    counts = dict(session.execute(select(Mention.entity_id, func.count()).where(Mention.entity_id.in_(ids)).group_by(Mention.entity_id)).all())
    # an entity called exactly that beats one that merely has it as an alias
    exact = set(session.scalars(select(Entity.id).where(Entity.id.in_(ids), Entity.name_key == normalize_name(name))))
    best = max(ids, key=lambda i: (i in exact, counts.get(i, 0), -i))
    ent = session.get(Entity, best)
    profile = {**entity_ref(ent), "aliases": _aliases(session, [best]).get(best, []), "roles": _roles(session, [best]).get(best, []),
               "mentions": counts.get(best, 0)}
    ev_ids = select(EventParticipant.event_id).where(EventParticipant.entity_id == best)
    events = list(session.scalars(select(Event).where(or_(Event.id.in_(ev_ids), Event.location_id == best), Event.negated.is_(False))
                                  .order_by(Event.date.desc(), Event.id)))
    profile["events"] = events_to_dicts(session, events)
    by_type: dict[str, int] = defaultdict(int)
    for e in events:
        by_type[e.type] += 1
    profile["events_by_type"] = dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))
    profile["quotes"] = list_quotes(session, speaker_ids=[best])
    doc_ids = set(session.scalars(select(Mention.document_id).where(Mention.entity_id == best)))
    profile["documents"] = [document_ref(d) for d in session.scalars(select(Document).where(Document.id.in_(doc_ids)).order_by(Document.published))]
    # who it shares events with most
    other = aliased(EventParticipant)
    mine = aliased(EventParticipant)
    rows = session.execute(select(Entity, func.count(func.distinct(other.event_id)).label("n"))
                           .join(other, other.entity_id == Entity.id)
                           .join(mine, and_(mine.event_id == other.event_id, mine.entity_id == best))
                           .where(Entity.id != best).group_by(Entity.id).order_by(func.count(func.distinct(other.event_id)).desc(), Entity.name).limit(10))
    profile["related"] = [{**entity_ref(e), "shared_events": n} for e, n in rows]
    return profile
