"""Turning an :class:`~kb.nlp.types.Extraction` into rows, one document per transaction."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import EXTRACTOR_VERSION
from ..nlp.gazetteer import normalize_name
from ..nlp.types import Extraction
from .models import (Document, Entity, EntityAlias, Event, EventMention, EventParticipant, Mention, Quantity,
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


class EntityResolver:
    """Maps a document's entities onto database entities.

    A document entity joins a stored one of the same type with the same folded name, or whose
    alias is the folded name when that name has several words (a lone surname never joins by
    alias: two people may share it). Countries join by their code.
    """

    def __init__(self, session: Session):
        self.session = session

    def resolve(self, name: str, type_: str, country: str | None, aliases: list[str]) -> Entity:
        key = normalize_name(name)
        s = self.session
        ent = None
        if type_ == "GPE" and country:
            ent = s.scalar(select(Entity).where(Entity.type == type_, Entity.country == country,
                                                Entity.name_key == key).limit(1))
        if ent is None:
            ent = s.scalar(select(Entity).where(Entity.type == type_, Entity.name_key == key).order_by(Entity.id).limit(1))
        if ent is None and len(key.split()) > 1:
            ent = s.scalar(select(Entity).join(EntityAlias).where(Entity.type == type_, EntityAlias.alias_key == key)
                           .order_by(Entity.id).limit(1))
        if ent is None:
            ent = Entity(name=name, name_key=key, type=type_, country=country)
            s.add(ent)
            s.flush()
        elif ent.country is None and country:
            ent.country = country
        known = {key, ent.name_key} | set(s.scalars(select(EntityAlias.alias_key).where(EntityAlias.entity_id == ent.id)))
        for alias in [name, *aliases]:
            ak = normalize_name(alias)
            if ak and ak not in known:
                known.add(ak)
                s.add(EntityAlias(entity_id=ent.id, alias=alias, alias_key=ak))
        return ent


def clear_facts(session: Session, doc: Document) -> None:
    """Remove what extraction stored for a document, before storing a new extraction."""
    event_ids = select(Event.id).where(Event.document_id == doc.id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(event_ids)))
    session.execute(delete(EventMention).where(EventMention.event_id.in_(event_ids)))
    for model in (Event, Mention, Role, Quote, Quantity, Sentence):
        session.execute(delete(model).where(model.document_id == doc.id))


def store_extraction(session: Session, doc: Document, ex: Extraction) -> dict[str, int]:
    """Write the facts of one document; returns counts by kind."""
    sentences = {}
    for rec in ex.sentences:
        row = Sentence(document_id=doc.id, sentence_index=rec.index, start_char=rec.start, end_char=rec.end, text=rec.text)
        session.add(row)
        sentences[rec.index] = row
    session.flush()
    resolver = EntityResolver(session)
    ids: dict[str, int] = {}
    for rec in ex.entities:
        ids[rec.key] = resolver.resolve(rec.name, rec.type, rec.country, rec.aliases).id
    for m in ex.mentions:
        if m.entity_key in ids:
            session.add(Mention(entity_id=ids[m.entity_key], document_id=doc.id, sentence_id=sentences[m.sentence_index].id,
                                start_char=m.start, end_char=m.end, text=m.text[:512]))
    for r in ex.roles:
        session.add(Role(entity_id=ids[r.person_key], title=r.title, of_entity_id=ids.get(r.of_key) if r.of_key else None,
                         former=r.former, start_year=r.start_year, end_year=r.end_year, seen_on=doc.published,
                         document_id=doc.id, sentence_id=sentences[r.sentence_index].id, start_char=r.start, end_char=r.end))
    for ev in ex.events:
        row = Event(document_id=doc.id, sentence_id=sentences[ev.sentence_index].id, type=ev.type, mode=ev.mode,
                    context=ev.context, cameo_root=ev.cameo_root, quad_class=ev.quad_class, trigger=ev.trigger[:256],
                    start_char=ev.start, end_char=ev.end,
                    date=ev.date.iso if ev.date else None, date_end=ev.date.end_iso if ev.date else None,
                    date_precision=ev.date.precision if ev.date else None, date_text=ev.date.text[:128] if ev.date else None,
                    location_id=ids.get(ev.location_key) if ev.location_key else None, count=ev.count,
                    negated=ev.negated, hypothetical=ev.hypothetical, future=ev.future, confidence=ev.confidence)
        session.add(row)
        session.flush()
        seen = set()
        for role, keys in (("actor", ev.actors), ("recipient", ev.recipients)):
            for k in keys:
                if k in ids and (ids[k], role) not in seen:
                    seen.add((ids[k], role))
                    session.add(EventParticipant(event_id=row.id, entity_id=ids[k], role=role))
        for em in ev.mentions:
            session.add(EventMention(event_id=row.id, sentence_id=sentences[em.sentence_index].id, trigger=em.trigger[:256],
                                     start_char=em.start, end_char=em.end))
    for q in ex.quotes:
        session.add(Quote(speaker_id=ids.get(q.speaker_key) if q.speaker_key else None, text=q.text, cue=q.cue,
                          document_id=doc.id, sentence_id=sentences[q.sentence_index].id, start_char=q.start, end_char=q.end))
    for n in ex.quantities:
        session.add(Quantity(value=n.value, unit=n.unit, text=n.text[:256], document_id=doc.id,
                             sentence_id=sentences[n.sentence_index].id, start_char=n.start, end_char=n.end))
    session.flush()
    return {"entities": len(ex.entities), "events": len(ex.events), "quotes": len(ex.quotes)}


def new_document(session: Session, *, text: str, digest: str, url: str | None, title: str | None, source: str | None,
                 published: dt.date | None, published_text: str | None, origin: str | None) -> Document:
    doc = Document(url=url, title=title, source=source, published=published, published_text=published_text, text=text,
                   content_hash=digest, origin=origin, extractor_version=EXTRACTOR_VERSION)
    session.add(doc)
    session.flush()
    return doc
