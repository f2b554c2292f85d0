"""Turning an :class:`~kb.records.Extraction` into rows, one document per transaction."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from .. import EXTRACTOR_VERSION
from . import changes, search, stats
from ..gazetteer import Gazetteer, normalize_name
from ..records import Extraction
from .models import (Curation, Document, Entity, EntityAlias, Event, EventMention, EventParticipant, Mention, Quantity,
                     Quote, Role, Sentence)


_DOC = Document.__table__
_DOC_BY_URL_OR_HASH = select(_DOC.c.id, _DOC.c.url).where((_DOC.c.url == bindparam("url"))
                                                          | (_DOC.c.content_hash == bindparam("digest")))
_DOC_BY_HASH = select(_DOC.c.id, _DOC.c.url).where(_DOC.c.content_hash == bindparam("digest"))
_INSERT_DOC = insert(_DOC)


def existing_id(session: Session | Connection, url: str | None, digest: str) -> int | None:
    """The id of the stored document with this URL, else of the one with this content hash."""
    if url:
        found = session.execute(_DOC_BY_URL_OR_HASH, {"url": url, "digest": digest}).all()
    else:
        found = session.execute(_DOC_BY_HASH, {"digest": digest}).all()
    for doc_id, doc_url in found:
        if url and doc_url == url:
            return doc_id
    return found[0][0] if found else None


def find_existing(session: Session, url: str | None, digest: str) -> Document | None:
    """The stored document with this URL, else the one with this content hash (one query when
    there is none, as for every new article)."""
    doc_id = existing_id(session, url, digest)
    return None if doc_id is None else session.get(Document, doc_id)


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


_ENT_COLS = ("id", "name", "name_key", "type", "country", "country_inferred", "geonameid", "lat", "lon", "feature_class",
             "admin1", "population")


class EntityRow:
    """An entity as resolution and placement read and change it: the columns of ``entities``
    as plain attributes (no ORM state to keep), with the values it was read with, so that only
    what changed is written back (:meth:`EntityResolver.write`)."""

    __slots__ = _ENT_COLS + ("_was",)

    def __init__(self, values: dict, stored: bool = True):
        for c in _ENT_COLS:
            setattr(self, c, values.get(c))
        self._was = dict(values) if stored else None

    def changes(self) -> dict:
        """The columns that differ from the stored row (all of them for a new entity)."""
        if self._was is None:
            return {c: getattr(self, c) for c in _ENT_COLS if c != "id"}
        return {c: v for c in _ENT_COLS[1:] if (v := getattr(self, c)) != self._was[c]}


_ENTITY = Entity.__table__
_ALIAS = EntityAlias.__table__
_ENT_SELECT = [_ENTITY.c[c] for c in _ENT_COLS]
# the queries of every document, built once with expanding IN lists ("keys"): building an IN
# clause of literal values and keying it for the statement cache cost more than running it
_KEYS = bindparam("keys", expanding=True)
_CURATED_BY_ALIAS = (select(_ALIAS.c.alias_key, *_ENT_SELECT).join(_ENTITY, _ENTITY.c.id == _ALIAS.c.entity_id)
                     .where(_ALIAS.c.alias_key.in_(_KEYS), _ALIAS.c.curated.is_(True)))
_BY_NAME_KEY = select(*_ENT_SELECT).where(_ENTITY.c.name_key.in_(_KEYS))
_BY_ALIAS = select(_ALIAS.c.alias_key, *_ENT_SELECT).join(_ENTITY, _ENTITY.c.id == _ALIAS.c.entity_id) \
    .where(_ALIAS.c.alias_key.in_(_KEYS))
_RENAMED = select(Curation.__table__.c.entity_id).where(Curation.__table__.c.action == "rename")
_ALIASES_OF = select(_ALIAS.c.entity_id, _ALIAS.c.alias_key).where(_ALIAS.c.entity_id.in_(_KEYS))


class EntityResolver:
    """Maps a document's entities onto database entities, conservatively and deterministically.

    Order of evidence: a name a person attached to an entity (curated alias, any length); the
    same folded name and type; an alias of several words (a lone surname never joins a stored
    entity by alias: two people may share it). A candidate whose country differs is another
    entity. When several stored entities fit, the choice is by name, not by id, so ingesting
    the same articles in another order gives the same entities. All candidates of a document
    are fetched in three queries; the entities are plain rows (:class:`EntityRow`), written
    back in one statement per kind of change (:meth:`write`).
    """

    def __init__(self, session: Session):
        self.session = session
        self._new_aliases: list[tuple[EntityRow, str]] = []  # (entity, alias): an old name kept

    def resolve_all(self, recs: list) -> dict[str, int]:
        """Choose and write: record key -> entity id."""
        return self.write(self.choose(recs), recs)

    def choose(self, recs: list) -> dict[str, EntityRow]:
        """The entity of each record (record key -> row), existing or new; nothing written yet."""
        conn = self.session.connection()
        loaded: dict[int, EntityRow] = {}  # one object per stored entity, as the ORM's identity map gave

        def row(values) -> EntityRow:
            ent = loaded.get(values.id)
            if ent is None:
                ent = loaded[values.id] = EntityRow(values._asdict())
            return ent

        forms: dict[str, set[str]] = {}
        for r in recs:
            keys = {normalize_name(r.name)}
            keys |= {k for k in (normalize_name(a) for a in r.aliases) if len(k.split()) > 1}
            forms[r.key] = {k for k in keys if k}
        everything = set().union(*forms.values()) if forms else set()
        curated: dict[tuple[str, str], EntityRow] = {}
        by_key: dict[tuple[str, str], list[EntityRow]] = {}
        if everything:
            keys = {"keys": list(everything)}
            for values in conn.execute(_CURATED_BY_ALIAS, keys):
                ent = row(values)
                curated[(ent.type, values.alias_key)] = ent
            for values in conn.execute(_BY_NAME_KEY, keys):
                ent = row(values)
                by_key.setdefault((ent.type, ent.name_key), []).append(ent)
            for values in conn.execute(_BY_ALIAS, keys):
                if len(values.alias_key.split()) > 1:
                    ent = row(values)
                    by_key.setdefault((ent.type, values.alias_key), []).append(ent)
        locked = set(conn.scalars(_RENAMED))
        chosen: dict[str, EntityRow] = {}
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
                ent = EntityRow({"name": r.name, "name_key": normalize_name(r.name), "type": r.type, "country": r.country,
                                 "country_inferred": bool(r.country and r.country_inferred)}, stored=False)
                for k in forms[r.key]:
                    by_key.setdefault((r.type, k), []).append(ent)
            else:
                if r.country and (ent.country is None or ent.country_inferred and _better_guess(r, ent)):
                    ent.country, ent.country_inferred = r.country, r.country_inferred
                if not by_person and ent.id not in locked and _name_rank(r.name) > _name_rank(ent.name):
                    # a fuller name seen later becomes canonical; the old one stays an alias
                    if ent.name_key != normalize_name(r.name):  # not a mere accent or case variant
                        self._new_aliases.append((ent, ent.name))
                    ent.name, ent.name_key = r.name, normalize_name(r.name)
            chosen[r.key] = ent
        return chosen

    def write(self, chosen: dict[str, EntityRow], recs: list) -> dict[str, int]:
        """Insert the new entities (in the order they were met) and update the changed ones,
        then add the names each was seen under as aliases; returns record key -> entity id."""
        conn = self.session.connection()
        fresh, changed = [], {}
        for ent in {id(e): e for e in chosen.values()}.values():  # new ones in the order they were met
            if ent.id is None:
                fresh.append(ent)
            elif diff := ent.changes():
                changed.setdefault(tuple(diff), []).append({"_id": ent.id, **diff})
        if fresh:
            for ent, i in zip(fresh, _insert_ids(conn, _ENTITY, [ent.changes() for ent in fresh])):
                ent.id = i
        for cols, rows in changed.items():
            conn.execute(_update_entities(cols), rows)
        for ent in chosen.values():
            ent._was = {c: getattr(ent, c) for c in _ENT_COLS}  # written: changes from here on are new
        ids = {e.id for e in chosen.values()}
        known = set()
        if ids:
            known = {(eid, ak) for eid, ak in conn.execute(_ALIASES_OF, {"keys": list(ids)})}
        rows = []
        for ent, alias in self._new_aliases:  # old names of renamed entities, first
            ak = normalize_name(alias)
            if (ent.id, ak) not in known:
                known.add((ent.id, ak))
                rows.append({"entity_id": ent.id, "alias": alias, "alias_key": ak, "curated": False})
        self._new_aliases.clear()
        known |= {(e.id, e.name_key) for e in chosen.values()}
        for r in recs:
            ent = chosen[r.key]
            for alias in [r.name, *r.aliases]:
                ak = normalize_name(alias)
                if ak and (ent.id, ak) not in known:
                    known.add((ent.id, ak))
                    rows.append({"entity_id": ent.id, "alias": alias[:512], "alias_key": ak[:512], "curated": False})
        if rows:
            conn.execute(_INSERT[EntityAlias], rows)
        return {k: e.id for k, e in chosen.items()}


_EVENT_FIELDS = ("type", "mode", "context", "cameo_root", "quad_class", "trigger", "date", "date_end", "date_precision",
                 "date_text", "location_id", "count", "negated", "hypothetical", "future")


def _event_print(values: dict, parts: set) -> tuple:
    """What an event says, without its id and sentence row: equal prints, unchanged event."""
    return tuple(values[f] for f in _EVENT_FIELDS) + (round(values["confidence"], 6), frozenset(parts))


@dataclass
class Previous:
    """A document's events and quotes as they were before re-extraction, by natural key:
    (id, created_at, updated_at, print). A new row with the same key takes the old id back, and
    keeps its times when it says the same, so re-extracting with unchanged rules changes nothing
    in the change log."""
    events: dict = field(default_factory=dict)
    quotes: dict = field(default_factory=dict)


def clear_facts(session: Session, doc: Document) -> Previous:
    """Remove what extraction stored for a document, before storing a new extraction; returns
    what it was (for :func:`store_extraction`) and leaves tombstones for the change log."""
    stats.add_document(session, doc.id, -1)
    prev = Previous()
    parts: dict[int, set] = {}
    for eid, ent, role in session.execute(select(EventParticipant.event_id, EventParticipant.entity_id, EventParticipant.role)
                                          .join(Event, Event.id == EventParticipant.event_id)
                                          .where(Event.document_id == doc.id)):
        parts.setdefault(eid, set()).add((ent, role))
    for ev in session.scalars(select(Event).where(Event.document_id == doc.id)):
        values = {f: getattr(ev, f) for f in _EVENT_FIELDS} | {"confidence": ev.confidence}
        prev.events[(ev.start_char, ev.end_char, ev.type)] = (ev.id, ev.created_at, ev.updated_at,
                                                              _event_print(values, parts.get(ev.id, set())))
    for q in session.scalars(select(Quote).where(Quote.document_id == doc.id)):
        prev.quotes[(q.start_char, q.end_char)] = (q.id, q.created_at, q.updated_at, (q.speaker_id, q.text, q.cue))
    changes.tombstone_events(session, Event.document_id == doc.id)
    changes.tombstone_quotes(session, Quote.document_id == doc.id)
    search.forget_document(session, doc.id)
    event_ids = select(Event.id).where(Event.document_id == doc.id)
    session.execute(delete(EventParticipant).where(EventParticipant.event_id.in_(event_ids)))
    session.execute(delete(EventMention).where(EventMention.event_id.in_(event_ids)))
    for model in (Event, Mention, Role, Quote, Quantity, Sentence):
        session.execute(delete(model).where(model.document_id == doc.id))
    session.expire_all()  # the deleted rows must not linger in the identity map under ids reused below
    return prev


def _reuse(session: Session, conn, model, table: str, rows: list[dict], keys: list, prints: list, before: dict) -> list[int | None]:
    """Give rows whose natural key was there before their old id (and times, when unchanged);
    insert those, and return the ids given (None for rows still to insert)."""
    given: list[int | None] = []
    reused: list[dict] = []
    for row, key, pr in zip(rows, keys, prints):
        old = before.pop(key, None) if key in before else None
        if old is None:
            given.append(None)
            continue
        oid, created, updated, old_print = old
        reused.append({**row, "id": oid, "created_at": created,
                       "updated_at": updated if old_print == pr else changes.utcnow()})
        given.append(oid)
    if reused:
        conn.execute(_INSERT[model], reused)
        changes.unbury(session, table, [r["id"] for r in reused])
    return given


# One statement object per table, built once: SQLAlchemy then finds its compiled form by a
# cache key it has already computed, instead of building and keying a new statement per document.
_INSERT = {m: insert(m.__table__) for m in (Sentence, Entity, EntityAlias, Mention, Role, Event, EventParticipant,
                                            EventMention, Quote, Quantity)}
_INSERT_T = {m.__table__: stmt for m, stmt in _INSERT.items()}
_RETURNING = {m.__table__: insert(m.__table__).returning(m.__table__.c.id, sort_by_parameter_order=True)
              for m in (Sentence, Entity, Event, Quote)}
_MAX_ID = {m.__table__: select(func.max(m.__table__.c.id)) for m in (Sentence, Entity, Event, Quote)}
_UPDATES: dict[tuple, object] = {}


def _update_entities(cols: tuple):
    stmt = _UPDATES.get(cols)
    if stmt is None:
        stmt = _UPDATES[cols] = (update(Entity.__table__).where(Entity.__table__.c.id == bindparam("_id"))
                                 .values({c: bindparam(c) for c in cols}))
    return stmt


def _insert_ids(conn, table, rows: list[dict]) -> list[int]:
    """Insert many rows in one statement and return their ids in order.

    SQLite cannot say in which order a multi-row INSERT ... RETURNING hands its ids back, so
    SQLAlchemy would insert such rows one statement each; there the ids are given here instead,
    the ones SQLite would give (one above the largest, in order: a table without AUTOINCREMENT),
    which is safe because a writer holds the database's only write lock from its first write
    (the document row) to its commit. PostgreSQL returns them in order from one statement."""
    if not rows:
        return []
    if conn.dialect.name == "sqlite":
        start = (conn.execute(_MAX_ID[table]).scalar() or 0) + 1
        ids = list(range(start, start + len(rows)))
        conn.execute(_INSERT_T[table], [{**r, "id": i} for r, i in zip(rows, ids)])
        return ids
    return [r[0] for r in conn.execute(_RETURNING[table], rows)]


def store_extraction(session: Session, doc: Document, ex: Extraction, previous: Previous | None = None) -> dict[str, int]:
    """Write the facts of one document with bulk inserts (SQLAlchemy Core: one statement per
    table, rows as plain dicts); returns counts by kind. ``previous`` (from :func:`clear_facts`)
    gives unchanged events and quotes their old ids back. The entity counts and the search rows
    are made from the rows written here, not read back."""
    conn = session.connection()
    sent_rows = [{"document_id": doc.id, "sentence_index": r.index, "start_char": r.start, "end_char": r.end,
                  "text": r.text} for r in ex.sentences]
    sent_id_list = _insert_ids(conn, Sentence.__table__, sent_rows)
    sent_ids = dict(zip([r.index for r in ex.sentences], sent_id_list))
    resolver = EntityResolver(session)
    chosen = resolver.choose(ex.entities)
    place_entities(session, doc, ex, chosen)
    ids = resolver.write(chosen, ex.entities)
    mention_rows = [{"entity_id": ids[m.entity_key], "document_id": doc.id, "sentence_id": sent_ids[m.sentence_index],
                     "start_char": m.start, "end_char": m.end, "text": m.text[:512]}
                    for m in ex.mentions if m.entity_key in ids]
    if mention_rows:
        conn.execute(_INSERT[Mention], mention_rows)
    if ex.roles:
        role_rows = [
            {"entity_id": ids[r.person_key], "title": r.title[:256], "of_entity_id": ids.get(r.of_key) if r.of_key else None,
             "former": r.former, "start_year": r.start_year, "end_year": r.end_year, "seen_on": doc.published,
             "document_id": doc.id, "sentence_id": sent_ids[r.sentence_index], "start_char": r.start, "end_char": r.end}
            for r in ex.roles if r.person_key in ids]
        if role_rows:
            conn.execute(_INSERT[Role], role_rows)
    ev_rows = [
        {"document_id": doc.id, "sentence_id": sent_ids[ev.sentence_index], "type": ev.type, "mode": ev.mode,
         "context": ev.context, "cameo_root": ev.cameo_root, "quad_class": ev.quad_class, "trigger": ev.trigger[:256],
         "start_char": ev.start, "end_char": ev.end,
         "date": ev.date.iso if ev.date else None, "date_end": ev.date.end_iso if ev.date else None,
         "date_precision": ("story" if ev.date_from_story else ev.date.precision) if ev.date else None,
         "date_text": ev.date.text[:128] if ev.date else None,
         "location_id": ids.get(ev.location_key) if ev.location_key else None, "count": ev.count,
         "negated": ev.negated, "hypothetical": ev.hypothetical, "future": ev.future, "confidence": ev.confidence}
        for ev in ex.events]
    ev_parts = []
    for ev in ex.events:
        seen = set()
        for role, keys in (("actor", ev.actors), ("recipient", ev.recipients)):
            for k in keys:
                if k in ids and (ids[k], role) not in seen:
                    seen.add((ids[k], role))
        ev_parts.append(seen)
    event_ids: list[int | None] = [None] * len(ev_rows)
    if previous is not None:
        event_ids = _reuse(session, conn, Event, "events", ev_rows, [(r["start_char"], r["end_char"], r["type"]) for r in ev_rows],
                           [_event_print(r, p) for r, p in zip(ev_rows, ev_parts)], previous.events)
    fresh = iter(_insert_ids(conn, Event.__table__, [r for r, i in zip(ev_rows, event_ids) if i is None]))
    event_ids = [i if i is not None else next(fresh) for i in event_ids]
    parts, ev_mentions = [], []
    for eid, ev, row in zip(event_ids, ex.events, ev_rows):
        seen = set()
        for role, keys in (("actor", ev.actors), ("recipient", ev.recipients)):
            for k in keys:
                if k in ids and (ids[k], role) not in seen:
                    seen.add((ids[k], role))
                    sector = ev.sectors.get((role, k))
                    parts.append({"event_id": eid, "entity_id": ids[k], "role": role,
                                  "sector": sector[:8] if sector else None, "event_type": row["type"]})
        ev_mentions += [{"event_id": eid, "sentence_id": sent_ids[m.sentence_index], "trigger": m.trigger[:256],
                         "start_char": m.start, "end_char": m.end} for m in ev.mentions]
    if parts:
        conn.execute(_INSERT[EventParticipant], parts)
    if ev_mentions:
        conn.execute(_INSERT[EventMention], ev_mentions)
    q_rows, q_ids = [], []
    if ex.quotes:
        q_rows = [{"speaker_id": ids.get(q.speaker_key) if q.speaker_key else None, "text": q.text, "cue": q.cue,
                   "document_id": doc.id, "sentence_id": sent_ids[q.sentence_index], "start_char": q.start,
                   "end_char": q.end} for q in ex.quotes]
        given = [None] * len(q_rows)
        if previous is not None:
            given = _reuse(session, conn, Quote, "quotes", q_rows, [(r["start_char"], r["end_char"]) for r in q_rows],
                           [(r["speaker_id"], r["text"], r["cue"]) for r in q_rows], previous.quotes)
        rest = [r for r, i in zip(q_rows, given) if i is None]
        fresh = iter(_insert_ids(conn, Quote.__table__, rest) if rest else [])
        q_ids = [i if i is not None else next(fresh) for i in given]
    if ex.quantities:
        conn.execute(_INSERT[Quantity], [
            {"value": n.value, "unit": n.unit[:128] if n.unit else None, "text": n.text[:256], "document_id": doc.id,
             "sentence_id": sent_ids[n.sentence_index], "start_char": n.start, "end_char": n.end}
            for n in ex.quantities])
    stats.add_counts(session, stats.document_counts(mention_rows, q_rows, ev_rows, event_ids, parts))
    names = {e.id: e.name for e in chosen.values()}
    search.index_rows(session, doc.id, sentences=list(zip(sent_id_list, (r["text"] for r in sent_rows))),
                      events=_event_search_bodies(ev_rows, event_ids, parts, names),
                      quotes=[(qid, f"{names.get(r['speaker_id']) or ''} {r['text']}".strip())
                              for qid, r in zip(q_ids, q_rows)],
                      entity_ids=sorted(set(ids.values())))
    return {"entities": len(ex.entities), "events": len(ex.events), "quotes": len(ex.quotes)}


def _event_search_bodies(ev_rows: list[dict], event_ids: list[int], parts: list[dict], names: dict) -> list[tuple[int, str]]:
    """What :func:`kb.store.search._event_bodies` reads back for events, from the rows just
    written: the trigger, the participants' names, the place's name and the date words."""
    who: dict[int, list[str]] = {}
    # in the order the search rows were read back in: by participant (entity, role) within an event
    for p in sorted(parts, key=lambda p: (p["event_id"], p["entity_id"], p["role"])):
        who.setdefault(p["event_id"], []).append(names[p["entity_id"]])
    out = []
    for eid, r in zip(event_ids, ev_rows):
        loc = names.get(r["location_id"]) if r["location_id"] is not None else None
        out.append((eid, " ".join(x for x in [r["trigger"], *who.get(eid, []), loc or "", r["date_text"] or ""] if x)))
    return out


def article_countries(entities: list[tuple[str | None, int]]) -> dict[str, int]:
    """The countries an article names, with how many mentions each gets (its places and people
    count for their country): what :meth:`PlaceIndex.resolve` weighs. ``entities``: (country,
    mentions) of each entity of the article."""
    countries: dict[str, int] = {}
    for country, n in entities:
        if country and country not in ("IGO", "NGO"):
            countries[country] = countries.get(country, 0) + n
    return countries


def states_after(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """US states the text writes right after a place's mentions ("Paris, Texas")."""
    from ..places import PlaceIndex

    index = PlaceIndex.load()
    return {code for _, end in spans if (code := index.state_after(text[end:end + 40]))}


def apply_placement(ent: Entity, place, states: set[str] = frozenset()) -> None:
    """Store the placement; ``states``: the US states the text writes after the name."""
    ent.geonameid, ent.lat, ent.lon = place.geonameid, place.lat, place.lon
    ent.feature_class, ent.admin1, ent.population = place.feature_class, place.admin1, place.population
    if place.country and ent.country and place.country != ent.country and not ent.country_inferred:
        # the country came from the name alone ("Paris" is French in kb's city table) and the
        # text says otherwise ("Paris, Texas"): the place's country is the better reading
        known = Gazetteer.load().lookup(ent.name)
        if place.admin1 in states and known is not None and known.kind in ("capital", "city", "seat") \
                and known.code == ent.country:
            ent.country = place.country
    elif place.country and (ent.country is None or ent.country_inferred):
        # a place's country lets `--country` and questions find what happens in its cities. It
        # beats a guess from the article's subject, and stays a guess itself: a country the text
        # states replaces it, and it never splits the entity
        ent.country, ent.country_inferred = place.country, True


def place_entities(session: Session, doc: Document, ex: Extraction, chosen: dict) -> None:
    """Give the document's places that have none yet their GeoNames entry, chosen with the
    article's countries and the state written after the name ("Paris, Texas") as context.
    ``chosen``: record key -> the entity (:meth:`EntityResolver.choose`), changed in place."""
    from ..places import PLACE_TYPES, PlaceIndex

    todo = [r for r in ex.entities if r.type in PLACE_TYPES and r.key in chosen]
    if not todo or all(chosen[r.key].geonameid is not None for r in todo):
        return
    counts: dict[str, int] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in ex.mentions:
        counts[m.entity_key] = counts.get(m.entity_key, 0) + 1
        spans.setdefault(m.entity_key, []).append((m.start, m.end))
    countries = article_countries([(r.country, counts.get(r.key, 1)) for r in ex.entities])
    index = PlaceIndex.load()
    for r in todo:
        ent = chosen[r.key]
        if ent.geonameid is not None:
            continue
        stated = None if r.country_inferred else r.country
        states = states_after(doc.text, spans.get(r.key, []))
        place = index.resolve(ent.name, ent.type, stated, countries, states)
        if place is None and r.name != ent.name:
            place = index.resolve(r.name, ent.type, stated, countries, states)
        if place is not None:
            apply_placement(ent, place, states)


def new_document(session: Session, *, text: str, digest: str, url: str | None, title: str | None, source: str | None,
                 published: dt.date | None, published_text: str | None, origin: str | None,
                 language: str | None = None, authors: str | None = None,
                 fetched_at: dt.datetime | None = None) -> Document:
    """Insert the document row; returns it as a Document not attached to the session (the writer
    reads its id, date and text; a Core insert costs a fraction of the ORM's flush)."""
    values = dict(url=url, title=title, source=source, published=published, published_text=published_text, text=text,
                  content_hash=digest, origin=origin[:1024] if origin else origin, extractor_version=EXTRACTOR_VERSION,
                  language=language, authors=authors, fetched_at=fetched_at)
    doc_id = session.connection().execute(_INSERT_DOC, values).inserted_primary_key[0]
    return Document(id=doc_id, **values)
