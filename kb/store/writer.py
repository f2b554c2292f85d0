"""Turning an :class:`~kb.nlp.types.Extraction` into rows, one document per transaction."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from .. import EXTRACTOR_VERSION
from . import stats
from ..nlp.gazetteer import normalize_name
from ..nlp.types import Extraction
from .models import (Curation, Document, Entity, EntityAlias, Event, EventMention, EventParticipant, Mention, Quantity,
                     Quote, Role, Sentence)


def content_hash(text: str) -> str:
    """Hash of the text with white space and Unicode forms folded, so re-wrapped copies match."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def find_existing(session: Session, url: str | None, digest: str) -> Document | None:
    if url:
        doc = session.scalar(select(Document).where(Document.url == url))
        if doc is not None:
            return doc
    return session.scalar(select(Document).where(Document.content_hash == digest))


def _name_rank(name: str) -> tuple:
    """Which of two names of one entity is canonical: the fuller one, then the one with more
    letters (accents kept), then the alphabetically first, so that the choice does not depend
    on the order articles arrive in."""
    return (len(name.split()), len(name), tuple(-ord(c) for c in name))


def _better_guess(r, ent: Entity) -> bool:
    """Whether a document's country for an entity whose country was only guessed replaces it: a
    stated one always does; of two guesses the lower code is kept, so that the result does not
    depend on which article came first (two ingests running at once interleave articles)."""
    return not r.country_inferred or r.country < ent.country


def _compatible(ent: Entity, country: str | None) -> bool:
    """Stated countries that differ mean different entities; a guessed one decides nothing."""
    return ent.country is None or ent.country_inferred or country is None or ent.country == country


class EntityResolver:
    """Maps a document's entities onto database entities, conservatively and deterministically.

    Order of evidence: a name a person attached to an entity (curated alias, any length); the
    same folded name and type; an alias of several words (a lone surname never joins a stored
    entity by alias: two people may share it). A candidate whose country differs is another
    entity. When several stored entities fit, the choice is by name, not by id, so ingesting
    the same articles in another order gives the same entities. All candidates of a document
    are fetched in three queries.
    """

    def __init__(self, session: Session):
        self.session = session

    def resolve_all(self, recs: list) -> dict[str, int]:
        s = self.session
        forms: dict[str, set[str]] = {}
        for r in recs:
            keys = {normalize_name(r.name)}
            keys |= {k for k in (normalize_name(a) for a in r.aliases) if len(k.split()) > 1}
            forms[r.key] = {k for k in keys if k}
        everything = set().union(*forms.values()) if forms else set()
        curated: dict[tuple[str, str], Entity] = {}
        for ak, ent in s.execute(select(EntityAlias.alias_key, Entity).join(Entity)
                                 .where(EntityAlias.alias_key.in_(everything), EntityAlias.curated.is_(True))):
            curated[(ent.type, ak)] = ent
        by_key: dict[tuple[str, str], list[Entity]] = {}
        for ent in s.scalars(select(Entity).where(Entity.name_key.in_(everything))):
            by_key.setdefault((ent.type, ent.name_key), []).append(ent)
        for ak, ent in s.execute(select(EntityAlias.alias_key, Entity).join(Entity)
                                 .where(EntityAlias.alias_key.in_(everything))):
            if len(ak.split()) > 1:
                by_key.setdefault((ent.type, ak), []).append(ent)
        locked = set(s.scalars(select(Curation.entity_id).where(Curation.action == "rename")))
        chosen: dict[str, Entity] = {}
        for r in sorted(recs, key=lambda r: r.key):
            # the name itself first, then its fuller variants: a curated surname ("Gonzalez" split
            # off as its own person) must not capture a document that names someone in full
            ent = curated.get((r.type, normalize_name(r.name)))
            for k in sorted(forms[r.key]):
                ent = ent or curated.get((r.type, k))
            by_person = ent is not None  # a person decided: keep their name for the entity too
            if ent is None:
                stated = None if r.country_inferred else r.country
                cands = {id(c): c for k in forms[r.key] for c in by_key.get((r.type, k), []) if _compatible(c, stated)}
                if cands:
                    ent = min(cands.values(), key=lambda c: (c.name_key != normalize_name(r.name),
                                                              tuple(-x for x in _name_rank(c.name)[:2]), c.name_key))
            if ent is None:
                ent = Entity(name=r.name, name_key=normalize_name(r.name), type=r.type, country=r.country,
                             country_inferred=bool(r.country and r.country_inferred))
                s.add(ent)  # flushed with the others below: one round trip, not one per entity
                for k in forms[r.key]:
                    by_key.setdefault((r.type, k), []).append(ent)
            else:
                if r.country and (ent.country is None or ent.country_inferred and _better_guess(r, ent)):
                    ent.country, ent.country_inferred = r.country, r.country_inferred
                if not by_person and ent.id not in locked and _name_rank(r.name) > _name_rank(ent.name):
                    # a fuller name seen later becomes canonical; the old one stays an alias
                    if ent.name_key != normalize_name(r.name):  # not a mere accent or case variant
                        self._add_alias(ent, ent.name)
                    ent.name, ent.name_key = r.name, normalize_name(r.name)
            chosen[r.key] = ent
        s.flush()
        ids = {e.id for e in chosen.values()}
        known = {(eid, ak) for eid, ak in s.execute(select(EntityAlias.entity_id, EntityAlias.alias_key)
                                                     .where(EntityAlias.entity_id.in_(ids)))}
        known |= {(e.id, e.name_key) for e in chosen.values()}
        rows = []
        for r in recs:
            ent = chosen[r.key]
            for alias in [r.name, *r.aliases]:
                ak = normalize_name(alias)
                if ak and (ent.id, ak) not in known:
                    known.add((ent.id, ak))
                    rows.append({"entity_id": ent.id, "alias": alias[:512], "alias_key": ak[:512], "curated": False})
        if rows:
            s.execute(insert(EntityAlias), rows)
        return {k: e.id for k, e in chosen.items()}

    def _add_alias(self, ent: Entity, alias: str) -> None:
        ak = normalize_name(alias)
        exists = self.session.scalar(select(EntityAlias.id).where(EntityAlias.entity_id == ent.id, EntityAlias.alias_key == ak))
        if exists is None:
            self.session.add(EntityAlias(entity_id=ent.id, alias=alias, alias_key=ak, curated=False))


def clear_facts(session: Session, doc: Document) -> None:
    """Remove what extraction stored for a document, before storing a new extraction."""
    stats.add_document(session, doc.id, -1)
    event_ids = select(Event.id).where(Event.document_id == doc.id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(event_ids)))
    session.execute(delete(EventMention).where(EventMention.event_id.in_(event_ids)))
    for model in (Event, Mention, Role, Quote, Quantity, Sentence):
        session.execute(delete(model).where(model.document_id == doc.id))


def _insert_returning_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert many rows in one statement and return their ids in order."""
    if not rows:
        return []
    result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


def store_extraction(session: Session, doc: Document, ex: Extraction) -> dict[str, int]:
    """Write the facts of one document with bulk inserts; returns counts by kind."""
    sent_ids = dict(zip([r.index for r in ex.sentences], _insert_returning_ids(session, Sentence, [
        {"document_id": doc.id, "sentence_index": r.index, "start_char": r.start, "end_char": r.end, "text": r.text}
        for r in ex.sentences])))
    ids = EntityResolver(session).resolve_all(ex.entities)
    if ex.mentions:
        session.execute(insert(Mention), [
            {"entity_id": ids[m.entity_key], "document_id": doc.id, "sentence_id": sent_ids[m.sentence_index],
             "start_char": m.start, "end_char": m.end, "text": m.text[:512]}
            for m in ex.mentions if m.entity_key in ids])
    if ex.roles:
        session.execute(insert(Role), [
            {"entity_id": ids[r.person_key], "title": r.title[:256], "of_entity_id": ids.get(r.of_key) if r.of_key else None,
             "former": r.former, "start_year": r.start_year, "end_year": r.end_year, "seen_on": doc.published,
             "document_id": doc.id, "sentence_id": sent_ids[r.sentence_index], "start_char": r.start, "end_char": r.end}
            for r in ex.roles if r.person_key in ids])
    event_ids = _insert_returning_ids(session, Event, [
        {"document_id": doc.id, "sentence_id": sent_ids[ev.sentence_index], "type": ev.type, "mode": ev.mode,
         "context": ev.context, "cameo_root": ev.cameo_root, "quad_class": ev.quad_class, "trigger": ev.trigger[:256],
         "start_char": ev.start, "end_char": ev.end,
         "date": ev.date.iso if ev.date else None, "date_end": ev.date.end_iso if ev.date else None,
         "date_precision": ev.date.precision if ev.date else None,
         "date_text": ev.date.text[:128] if ev.date else None,
         "location_id": ids.get(ev.location_key) if ev.location_key else None, "count": ev.count,
         "negated": ev.negated, "hypothetical": ev.hypothetical, "future": ev.future, "confidence": ev.confidence}
        for ev in ex.events])
    parts, ev_mentions = [], []
    for eid, ev in zip(event_ids, ex.events):
        seen = set()
        for role, keys in (("actor", ev.actors), ("recipient", ev.recipients)):
            for k in keys:
                if k in ids and (ids[k], role) not in seen:
                    seen.add((ids[k], role))
                    sector = ev.sectors.get((role, k))
                    parts.append({"event_id": eid, "entity_id": ids[k], "role": role,
                                  "sector": sector[:8] if sector else None})
        ev_mentions += [{"event_id": eid, "sentence_id": sent_ids[m.sentence_index], "trigger": m.trigger[:256],
                         "start_char": m.start, "end_char": m.end} for m in ev.mentions]
    if parts:
        session.execute(insert(EventParticipant), parts)
    if ev_mentions:
        session.execute(insert(EventMention), ev_mentions)
    if ex.quotes:
        session.execute(insert(Quote), [
            {"speaker_id": ids.get(q.speaker_key) if q.speaker_key else None, "text": q.text, "cue": q.cue,
             "document_id": doc.id, "sentence_id": sent_ids[q.sentence_index], "start_char": q.start, "end_char": q.end}
            for q in ex.quotes])
    if ex.quantities:
        session.execute(insert(Quantity), [
            {"value": n.value, "unit": n.unit[:128] if n.unit else None, "text": n.text[:256], "document_id": doc.id,
             "sentence_id": sent_ids[n.sentence_index], "start_char": n.start, "end_char": n.end}
            for n in ex.quantities])
    stats.add_document(session, doc.id)
    return {"entities": len(ex.entities), "events": len(ex.events), "quotes": len(ex.quotes)}


def new_document(session: Session, *, text: str, digest: str, url: str | None, title: str | None, source: str | None,
                 published: dt.date | None, published_text: str | None, origin: str | None,
                 language: str | None = None) -> Document:
    doc = Document(url=url, title=title, source=source, published=published, published_text=published_text, text=text,
                   content_hash=digest, origin=origin, extractor_version=EXTRACTOR_VERSION, language=language)
    session.add(doc)
    session.flush()
    return doc
