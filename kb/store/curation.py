"""Human corrections to entities: merge, split, rename, alias.

Each correction changes the rows at once and is written to ``curations``; names a person
attaches are stored as curated aliases, which entity resolution consults before anything else,
so re-ingesting or re-extracting a document lands its mentions where the person put them.
"""
from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..errors import KBError
from ..text import normalize_name
from .models import Curation, Entity, EntityAlias, Event, EventParticipant, Mention, Quote, Role
from . import changes, search, stats
from .db import lock_for_storing
from .queries import entity_ids_matching


class CurationError(KBError):
    pass


def _name(value: str, what: str) -> str:
    """A name a person gives: stripped, and not empty (an empty name matches nothing ever again)."""
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise CurationError(f"the {what} is empty; give a name")
    return cleaned


def find_one(session: Session, name: str) -> Entity:
    """The entity a name means; an id ("#12" or "12") picks one when a name is shared."""
    raw = _name(name, "entity name").lstrip("#")
    if raw.isdigit():
        ent = session.get(Entity, int(raw))
        if ent is None:
            raise CurationError(f"no entity with id {raw}")
        return ent
    ids = entity_ids_matching(session, name)
    if not ids:
        raise CurationError(f"no entity named {name!r}")
    if len(ids) > 1:
        names = ", ".join(f"#{e.id} {e.name} ({e.type})" for e in session.scalars(select(Entity).where(Entity.id.in_(ids))))
        raise CurationError(f"{name!r} names several entities: {names}; give an id such as #{ids[0]}")
    return session.get(Entity, ids[0])


def _curated_alias(session: Session, ent: Entity, alias: str) -> None:
    key = normalize_name(alias)
    row = session.scalar(select(EntityAlias).where(EntityAlias.entity_id == ent.id, EntityAlias.alias_key == key))
    if row is None:
        session.add(EntityAlias(entity_id=ent.id, alias=alias, alias_key=key, curated=True))
    else:
        row.curated = True
    # a curated name belongs to one entity only
    session.execute(delete(EntityAlias).where(EntityAlias.alias_key == key, EntityAlias.entity_id != ent.id,
                                              EntityAlias.curated.is_(True)))


def merge(session: Session, keep: str, other: str) -> Entity:
    """Fold ``other`` into ``keep``: its mentions, roles, events and quotes, and its names."""
    lock_for_storing(session)
    a, b = find_one(session, keep), find_one(session, other)
    if a.id == b.id:
        raise CurationError("an entity cannot be merged with itself")
    if a.type != b.type:
        raise CurationError(f"{a.name} is {a.type} and {b.name} is {b.type}; merge entities of one type")
    names = [b.name] + list(session.scalars(select(EntityAlias.alias).where(EntityAlias.entity_id == b.id)))
    # events whose participants move change too, though their own row does not
    changes.touch(session, Event, Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.entity_id == b.id)))
    for model, col in ((Mention, Mention.entity_id), (Role, Role.entity_id), (Quote, Quote.speaker_id),
                       (Event, Event.location_id), (Role, Role.of_entity_id)):
        session.execute(update(model).where(col == b.id).values({col.key: a.id}))
    # a participant row would clash when both took part in one event in the same role
    both = select(EventParticipant.event_id).where(EventParticipant.entity_id == a.id)
    session.execute(delete(EventParticipant).where(EventParticipant.entity_id == b.id, EventParticipant.event_id.in_(both)))
    session.execute(update(EventParticipant).where(EventParticipant.entity_id == b.id).values(entity_id=a.id))
    session.execute(delete(EntityAlias).where(EntityAlias.entity_id == b.id))
    session.flush()
    for n in names:
        _curated_alias(session, a, n)
    a.country = a.country or b.country
    a.updated_at = changes.utcnow()  # its names changed
    session.add(Curation(action="merge", entity_id=a.id, other_entity_id=b.id, name=b.name))
    changes.tombstone_entity(session, b)
    session.delete(b)
    session.flush()
    stats.recount(session, [a.id])
    search.reindex_entities(session, [a.id, b.id])
    return a


def split(session: Session, name: str, alias: str) -> Entity:
    """Make ``alias`` its own entity: the documents that call ``name`` only by ``alias`` move."""
    lock_for_storing(session)
    alias = _name(alias, "alias to split off")
    a = find_one(session, name)
    key = normalize_name(alias)
    names = {normalize_name(a.name)} | set(session.scalars(select(EntityAlias.alias_key).where(EntityAlias.entity_id == a.id)))
    names |= {normalize_name(t) for t in session.scalars(select(Mention.text).where(Mention.entity_id == a.id).distinct())}
    if key not in names:
        raise CurationError(f"{alias!r} is not a name of {a.name} (#{a.id}); `kb entity {a.name}` lists its names")
    docs_with_alias = set(session.scalars(select(Mention.document_id).where(Mention.entity_id == a.id)))
    moved_docs = set()
    for doc_id in docs_with_alias:
        texts = {normalize_name(t) for t in session.scalars(select(Mention.text).where(Mention.entity_id == a.id,
                                                                                        Mention.document_id == doc_id))}
        if texts and texts <= {key}:
            moved_docs.add(doc_id)
    new = Entity(name=alias, name_key=key, type=a.type, country=a.country)
    session.add(new)
    session.flush()
    if moved_docs:
        session.execute(update(Mention).where(Mention.entity_id == a.id, Mention.document_id.in_(moved_docs)).values(entity_id=new.id))
        session.execute(update(Role).where(Role.entity_id == a.id, Role.document_id.in_(moved_docs)).values(entity_id=new.id))
        session.execute(update(Quote).where(Quote.speaker_id == a.id, Quote.document_id.in_(moved_docs)).values(speaker_id=new.id))
        evs = select(Event.id).where(Event.document_id.in_(moved_docs))
        changes.touch(session, Event, Event.id.in_(select(EventParticipant.event_id).where(
            EventParticipant.entity_id == a.id, EventParticipant.event_id.in_(evs))))
        session.execute(update(EventParticipant).where(EventParticipant.entity_id == a.id, EventParticipant.event_id.in_(evs))
                        .values(entity_id=new.id))
    session.execute(delete(EntityAlias).where(EntityAlias.entity_id == a.id, EntityAlias.alias_key == key))
    _curated_alias(session, new, alias)
    a.updated_at = changes.utcnow()  # an alias left it
    session.add(Curation(action="split", entity_id=a.id, other_entity_id=new.id, name=alias))
    session.flush()
    stats.recount(session, [a.id, new.id])
    search.reindex_entities(session, [a.id, new.id])
    return new


def rename(session: Session, name: str, new_name: str) -> Entity:
    new_name = _name(new_name, "new name")
    a = find_one(session, name)
    old = a.name
    _curated_alias(session, a, old)
    a.name, a.name_key = new_name, normalize_name(new_name)
    _curated_alias(session, a, new_name)
    session.add(Curation(action="rename", entity_id=a.id, name=new_name, previous=old))
    session.flush()
    search.reindex_entities(session, [a.id])
    return a


def add_alias(session: Session, name: str, alias: str) -> Entity:
    alias = _name(alias, "alias")
    a = find_one(session, name)
    _curated_alias(session, a, alias)
    a.updated_at = changes.utcnow()
    session.add(Curation(action="alias", entity_id=a.id, name=alias))
    session.flush()
    search.reindex_entities(session, [a.id])
    return a
