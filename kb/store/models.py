"""The relational schema, written for analysts who read it with SQL.

Every fact (mention, role, event, quote, quantity) points at its document and sentence and
carries the character span it was read from, so any row can be traced back to the words.
Tables are plural nouns; foreign keys are ``<table singular>_id``; spans are ``start_char`` /
``end_char`` into ``documents.text``. Change it only through an Alembic migration.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import false as sa_false
from sqlalchemy import (BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
                        Text, UniqueConstraint, func, select, text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Constraint names are fixed so that migrations can refer to them on every backend
# (SQLite batch mode needs names to alter a table).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> dt.datetime:
    """Now, in UTC, to the microsecond: change-log times set by kb, not by the database clock
    (SQLite's CURRENT_TIMESTAMP has whole seconds only)."""
    return dt.datetime.now(dt.timezone.utc)


def _created_at():
    return mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now(),
                         comment="When the row was stored (UTC)")


def _updated_at():
    return mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow, server_default=func.now(),
                         index=True, comment="When the row was stored or last changed (UTC); see kb changes")


def _fk(target: str, nullable: bool = False, ondelete: str = "CASCADE", comment: str | None = None, index: bool = True):
    return mapped_column(ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index, comment=comment)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = {"comment": "One row per ingested article."}

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2048), unique=True, comment="Source URL; unique when given")
    title: Mapped[str | None] = mapped_column(Text, comment="Headline")
    source: Mapped[str | None] = mapped_column(String(512), comment="Outlet or byline, e.g. AFP")
    published: Mapped[dt.date | None] = mapped_column(Date, index=True, comment="Publication date")
    published_text: Mapped[str | None] = mapped_column(String(128), comment="The publication date as given, when it could not be read")
    text: Mapped[str] = mapped_column(Text, comment="Body text as analysed; every span points into it")
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, comment="SHA-256 of the normalised text; finds the same article under another URL")
    origin: Mapped[str | None] = mapped_column(String(1024), comment="File (and line) it was read from")
    language: Mapped[str | None] = mapped_column(String(8), comment="ISO 639-1 code of the text language")
    extractor_version: Mapped[str] = mapped_column(String(32), comment="Version of the extraction rules that produced the facts")
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), comment="When the document was stored or last re-extracted")
    authors: Mapped[str | None] = mapped_column(String(512), comment="Authors as the web page names them, separated by '; '")
    fetched_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), comment="When it was fetched from url (UTC); empty for files")

    sentences: Mapped[list["Sentence"]] = relationship(back_populates="document", cascade="all, delete-orphan", passive_deletes=True)


class Sentence(Base):
    __tablename__ = "sentences"
    __table_args__ = (UniqueConstraint("document_id", "sentence_index"), {"comment": "Sentences of each document, in order."})

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _fk("documents.id")
    sentence_index: Mapped[int] = mapped_column(Integer, comment="0-based position in the document")
    start_char: Mapped[int] = mapped_column(Integer, comment="Offset of the first character in documents.text")
    end_char: Mapped[int] = mapped_column(Integer, comment="Offset after the last character")
    text: Mapped[str] = mapped_column(Text, comment="The sentence")

    document: Mapped[Document] = relationship(back_populates="sentences")


class Entity(Base):
    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_name_key_type", "name_key", "type"), {"comment": "One row per real-world person, organisation, country or place."})

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512), comment="Canonical name")
    name_key: Mapped[str] = mapped_column(String(512), comment="Name folded for matching: lower case, no accents, no leading 'the'")
    type: Mapped[str] = mapped_column(String(16), index=True, comment="PERSON, ORG, GPE, LOC, FAC, NORP or EVENT (OntoNotes labels)")
    country: Mapped[str | None] = mapped_column(String(3), index=True, comment="ISO 3166-1 alpha-3 code; IGO/NGO for international organisations")
    country_inferred: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false(),
                                                   comment="The country was guessed from the article's subject, not stated; a stated one replaces it")
    created_at: Mapped[dt.datetime] = _created_at()
    updated_at: Mapped[dt.datetime] = _updated_at()
    # where a place is (GPE, LOC, FAC): its GeoNames entry, chosen when the entity is first stored
    geonameid: Mapped[int | None] = mapped_column(Integer, index=True, comment="GeoNames id of the place (GPE, LOC, FAC); NULL when not found")
    lat: Mapped[float | None] = mapped_column(Float, comment="Latitude of the place, WGS84 degrees")
    lon: Mapped[float | None] = mapped_column(Float, comment="Longitude of the place, WGS84 degrees")
    feature_class: Mapped[str | None] = mapped_column(String(1), comment="GeoNames feature class: P populated place, A country or region, L continent or area")
    admin1: Mapped[str | None] = mapped_column(String(20), comment="GeoNames admin1 code of a city (first-level region; US: state postal code)")
    population: Mapped[int | None] = mapped_column(BigInteger, comment="Population GeoNames gives the place")

    aliases: Mapped[list["EntityAlias"]] = relationship(back_populates="entity", cascade="all, delete-orphan", passive_deletes=True)


class EntityAlias(Base):
    __tablename__ = "entity_aliases"
    __table_args__ = (UniqueConstraint("entity_id", "alias_key"), Index("ix_entity_aliases_alias_key", "alias_key"),
                      {"comment": "Other names an entity goes by."})

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = _fk("entities.id")
    alias: Mapped[str] = mapped_column(String(512), comment="The name as written")
    alias_key: Mapped[str] = mapped_column(String(512), comment="Folded like entities.name_key")
    curated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false(),
                                          comment="Set by a person (kb entities merge/split/alias add): always wins over extraction")

    entity: Mapped[Entity] = relationship(back_populates="aliases")


class Curation(Base):
    __tablename__ = "curations"
    __table_args__ = {"comment": "Human corrections to entities, kept across re-ingest and re-extraction."}

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16), comment="merge, split, rename or alias")
    entity_id: Mapped[int | None] = _fk("entities.id", nullable=True, ondelete="SET NULL", comment="The entity kept or changed")
    other_entity_id: Mapped[int | None] = mapped_column(Integer, comment="merge: the entity merged away; split: the new entity")
    name: Mapped[str | None] = mapped_column(String(512), comment="The name concerned: merged name, split alias, new name, added alias")
    previous: Mapped[str | None] = mapped_column(String(512), comment="rename: the name before")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Mention(Base):
    __tablename__ = "mentions"
    # (entity, document): counts an entity's documents from the index alone, and tells whether a
    # document names an entity in one lookup (newest documents of a much-mentioned entity)
    __table_args__ = (Index("ix_mentions_entity_id_document_id", "entity_id", "document_id"),
                      {"comment": "Each place a document names (or refers back to) an entity."})

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = _fk("entities.id", index=False)
    document_id: Mapped[int] = _fk("documents.id")
    sentence_id: Mapped[int] = _fk("sentences.id")
    start_char: Mapped[int] = mapped_column(Integer, comment="Span start in documents.text")
    end_char: Mapped[int] = mapped_column(Integer, comment="Span end in documents.text")
    text: Mapped[str] = mapped_column(String(512), comment="The words as written")


class Role(Base):
    __tablename__ = "roles"
    # covering: a person's titles are grouped from the index alone (thousands of rows for a
    # much-quoted head of state)
    __table_args__ = (Index("ix_roles_entity_id_title", "entity_id", "title", "of_entity_id", "former", "seen_on",
                            "start_year", "end_year"),
                      {"comment": "Titles people hold, as a document states them."})

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = _fk("entities.id", comment="The person", index=False)
    title: Mapped[str] = mapped_column(String(256), index=True, comment="Lower-case title, e.g. 'deputy prime minister'")
    of_entity_id: Mapped[int | None] = _fk("entities.id", nullable=True, ondelete="SET NULL", comment="What the title is of: a country or organisation")
    former: Mapped[bool] = mapped_column(Boolean, default=False, comment="True for 'former', 'ex-', 'late' titles")
    start_year: Mapped[int | None] = mapped_column(Integer, comment="First year in office when the text says it")
    end_year: Mapped[int | None] = mapped_column(Integer, comment="Last year in office when the text says it")
    seen_on: Mapped[dt.date | None] = mapped_column(Date, comment="Publication date of the document that states it")
    document_id: Mapped[int] = _fk("documents.id")
    sentence_id: Mapped[int] = _fk("sentences.id")
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_type_date", "type", "date"),
                      # the events kb ask starts from (one type, not negated, then by participant,
                      # place and date), read from the index alone: migration 0014
                      Index("ix_events_type_id_live", "type", "id", postgresql_include=["document_id", "date", "confidence"],
                            postgresql_where=text("negated IS false"), sqlite_where=text("negated IS 0")),
                      {"comment": "Happenings coded in the PLOVER ontology (plus ELECTION and DEATH)."})

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = _fk("documents.id")
    sentence_id: Mapped[int] = _fk("sentences.id", comment="Sentence of the first mention")
    type: Mapped[str] = mapped_column(String(16), comment="PLOVER category: AGREE, CONSULT, SUPPORT, ... or ELECTION, DEATH")
    mode: Mapped[str | None] = mapped_column(String(32), comment="PLOVER mode, e.g. visit for CONSULT")
    context: Mapped[str | None] = mapped_column(String(64), comment="PLOVER context, e.g. economic, military")
    cameo_root: Mapped[str | None] = mapped_column(String(16), comment="CAMEO root code(s) for GDELT/ICEWS alignment; comma-separated where a PLOVER category spans several (ASSAULT: 18,19,20)")
    quad_class: Mapped[int | None] = mapped_column(Integer, comment="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
    trigger: Mapped[str] = mapped_column(String(256), comment="The word(s) that express the event")
    start_char: Mapped[int] = mapped_column(Integer, comment="Trigger span start")
    end_char: Mapped[int] = mapped_column(Integer, comment="Trigger span end")
    date: Mapped[str | None] = mapped_column(String(10), index=True, comment="ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
    date_end: Mapped[str | None] = mapped_column(String(10), comment="End of a date range")
    date_precision: Mapped[str | None] = mapped_column(String(8), comment="day, month or year the text gives; story: the story's day where the event is told")
    date_text: Mapped[str | None] = mapped_column(String(128), comment="The words the date was read from")
    location_id: Mapped[int | None] = _fk("entities.id", nullable=True, ondelete="SET NULL", comment="Where it happened")
    count: Mapped[int | None] = mapped_column(Integer, comment="How many, e.g. 17 for 'the 17 agreements'")
    negated: Mapped[bool] = mapped_column(Boolean, default=False, comment="The text says it did not happen")
    hypothetical: Mapped[bool] = mapped_column(Boolean, default=False, comment="Conditional or possible, not stated as fact")
    future: Mapped[bool] = mapped_column(Boolean, default=False, comment="Announced or planned, not yet carried out")
    confidence: Mapped[float] = mapped_column(Float, comment="0..1; see docs/schema.md for what raises and lowers it")
    created_at: Mapped[dt.datetime] = _created_at()
    updated_at: Mapped[dt.datetime] = _updated_at()


class EventMention(Base):
    __tablename__ = "event_mentions"
    __table_args__ = {"comment": "Each sentence that tells an event (an event told twice has two rows)."}

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = _fk("events.id")
    sentence_id: Mapped[int] = _fk("sentences.id")
    trigger: Mapped[str] = mapped_column(String(256))
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)


def _type_of_event(context) -> str:
    """An inserted participant's ``event_type`` when the insert does not give it (an ORM object
    made without it): its event's type, read from the events table."""
    events = Event.__table__
    return context.connection.execute(select(events.c.type).where(events.c.id == context.get_current_parameters()["event_id"])).scalar_one()


class EventParticipant(Base):
    __tablename__ = "event_participants"
    __table_args__ = (UniqueConstraint("event_id", "entity_id", "role"), Index("ix_event_participants_entity_id_role_event_id", "entity_id", "role", "event_id"),
                      # kb ask's candidates of given types for given entities (migration 0016); the
                      # type leads, so that the plans of queries by entity alone stay as they were
                      Index("ix_event_participants_event_type_entity_id", "event_type", "entity_id", "event_id"),
                      {"comment": "Who took part in an event and how."})

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16), comment="actor or recipient")
    sector: Mapped[str | None] = mapped_column(String(8), comment="CAMEO sector of the participant in this event, at "
                                               "its date: GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, MED, BUS, IGO, NGO, ...")
    # events never change type (re-extraction deletes and re-inserts them), so the copy stays true
    event_type: Mapped[str] = mapped_column(String(16), default=_type_of_event,
                                            comment="The event's type (events.type), carried here so that an entity's "
                                                    "events of a type are found from this table alone")


class Quote(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_speaker_id_document_id", "speaker_id", "document_id"),
                      {"comment": "Who said what, direct or reported."})

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int | None] = _fk("entities.id", nullable=True, ondelete="SET NULL", comment="The speaker, when named",
                                         index=False)
    text: Mapped[str] = mapped_column(Text, comment="The words, without quote marks")
    cue: Mapped[str | None] = mapped_column(String(64), comment="Reporting verb: said, told, ...")
    document_id: Mapped[int] = _fk("documents.id")
    sentence_id: Mapped[int] = _fk("sentences.id")
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = _created_at()
    updated_at: Mapped[dt.datetime] = _updated_at()


class Quantity(Base):
    __tablename__ = "quantities"
    __table_args__ = {"comment": "Numbers in the text with what they count."}

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[float] = mapped_column(Float, comment="The number, e.g. 3000000 for 'three million'")
    unit: Mapped[str | None] = mapped_column(String(128), comment="What is counted: agreements, barrels, USD, percent")
    text: Mapped[str] = mapped_column(String(256), comment="The words as written")
    document_id: Mapped[int] = _fk("documents.id")
    sentence_id: Mapped[int] = _fk("sentences.id")
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)


class EntityStats(Base):
    """Counts kept as documents are stored, removed and curated (kb/store/stats.py), so that a
    profile or a listing of an entity met in tens of thousands of articles reads one row."""
    __tablename__ = "entity_stats"
    __table_args__ = {"comment": "How often each entity occurs; kept up to date by kb (recount: kb db recount)."}

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    mentions: Mapped[int] = mapped_column(Integer, default=0, comment="Rows in mentions")
    documents: Mapped[int] = mapped_column(Integer, default=0, comment="Documents that mention it")
    events: Mapped[int] = mapped_column(Integer, default=0, comment="Events, not negated, it takes part in or that happen at it")
    quotes: Mapped[int] = mapped_column(Integer, default=0, comment="Quotes it is the speaker of")


class EntityEventCount(Base):
    __tablename__ = "entity_event_counts"
    __table_args__ = {"comment": "Events (not negated) of each entity by PLOVER type; kept up to date by kb."}

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    type: Mapped[str] = mapped_column(String(16), primary_key=True, comment="PLOVER category")
    events: Mapped[int] = mapped_column(Integer, default=0, comment="How many")


class Tombstone(Base):
    __tablename__ = "tombstones"
    __table_args__ = {"comment": "Rows of events, entities and quotes that were deleted (re-extraction, merge), for kb changes."}

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32), comment="events, entities or quotes")
    row_id: Mapped[int] = mapped_column(Integer, comment="The id the row had")
    natural_key: Mapped[str | None] = mapped_column(String(1024), comment="What the row was, independent of its id: "
                                                    "entities TYPE:name_key; events and quotes document:ID:start_char:...")
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now(),
                                                    index=True, comment="When it was deleted (UTC)")


class SearchItem(Base):
    """The text full-text search reads: one row per sentence, event, quote and entity.

    The index over ``body`` is not a column: SQLite keeps it in the FTS5 table ``search_fts``
    (porter stemmer, kept current by triggers on this table), PostgreSQL in a GIN index over the
    stored generated column ``search_fts_vector`` (``to_tsvector('english', body)``), which the
    model leaves out as dialect machinery; made by migrations 0009 and 0013 (kb/store/search.py)."""

    __tablename__ = "search_items"
    __table_args__ = (Index("ix_search_items_kind_ref_id", "kind", "ref_id"),
                      {"comment": "Text for full-text search: sentences, events, quotes and entity names."})

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), comment="sentence, event, quote or entity")
    ref_id: Mapped[int] = mapped_column(Integer, comment="id of the row in sentences, events, quotes or entities")
    document_id: Mapped[int | None] = _fk("documents.id", nullable=True, comment="Its document; NULL for an entity")
    body: Mapped[str] = mapped_column(Text, comment="The words searched")


class ActorEntry(Base):
    """A user's own actor dictionary (``kb actors import``); the built-in one ships as
    data/reference/actors.tsv and is not copied here, so ingest reads only what users added."""
    __tablename__ = "actors"
    __table_args__ = {"comment": "Actors users added (kb actors import): who a name is, as of which dates. One row per "
                                 "name and code; a name here replaces the built-in dictionary's entries for it."}

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512), comment="Primary name")
    name_key: Mapped[str] = mapped_column(String(512), index=True, comment="Name folded like entities.name_key")
    aliases: Mapped[str | None] = mapped_column(Text, comment="Other names, joined with ' | '")
    country: Mapped[str | None] = mapped_column(String(3), comment="ISO 3166-1 alpha-3 code; IGO/NGO for international bodies")
    sector: Mapped[str | None] = mapped_column(String(8), comment="CAMEO sector: GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, ...")
    start_date: Mapped[dt.date | None] = mapped_column(Date, comment="First day the code holds; NULL: always before")
    end_date: Mapped[dt.date | None] = mapped_column(Date, comment="Day it stops holding; NULL: still holds")
    source: Mapped[str | None] = mapped_column(String(1024), comment="File it was imported from (and line)")
