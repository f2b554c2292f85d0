"""Plain data returned by the NLP pass; storage turns it into rows.

Nothing here knows about spaCy or SQLAlchemy, so extraction and storage can be tested alone.
All character offsets are into the document text as stored (``Document.text``).
Entities inside one document are named by a local ``key`` ("e0", "e1", ...); storage maps keys
onto database entities.
"""
from __future__ import annotations

from dataclasses import dataclass, field


# Events below this confidence are kept in the database but left out of listings (kb events,
# kb ask, kb export, kb plot) unless asked for. Chosen from precision per confidence band on the
# tune half of the dev gold (bench/event_bands.py, BENCHMARKS.md section 5). Here rather than in
# kb.nlp.events.confidence so that a listing reads it without importing spaCy.
DEFAULT_MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class SentenceRec:
    index: int
    start: int
    end: int
    text: str


@dataclass
class EntityRec:
    key: str
    name: str  # canonical name inside the document: the longest proper form seen
    type: str  # OntoNotes label: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, ...
    country: str | None = None  # ISO 3166-1 alpha-3, or "IGO" for intergovernmental bodies
    aliases: list[str] = field(default_factory=list)
    # True when the country was guessed from the document (a titled person in an article about
    # one country) rather than read from the text; such a guess never splits two entities.
    country_inferred: bool = False


@dataclass(frozen=True)
class MentionRec:
    entity_key: str
    sentence_index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RoleRec:
    person_key: str
    title: str  # lower-case title words: "deputy prime minister"
    of_key: str | None  # the entity the title belongs to (a country, an organisation)
    sentence_index: int
    start: int
    end: int
    former: bool = False
    start_year: int | None = None  # "led the country from 1999 until ... 2013"
    end_year: int | None = None


@dataclass(frozen=True)
class DateValue:
    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # "day", "month" or "year"
    text: str  # the words it was read from
    end_iso: str | None = None  # for ranges: "from 1999 until 2013"


@dataclass(frozen=True)
class EventMentionRec:
    sentence_index: int
    start: int
    end: int
    trigger: str


@dataclass
class EventRec:
    type: str  # PLOVER category, or ELECTION / DEATH
    trigger: str
    sentence_index: int
    start: int  # trigger span
    end: int
    mode: str | None = None
    actors: list[str] = field(default_factory=list)  # entity keys
    recipients: list[str] = field(default_factory=list)
    location_key: str | None = None
    date: DateValue | None = None
    # the text gives the event no date: ``date`` is the story's time where it is told (the day the
    # last main clause named), stored with date_precision 'story' so that nobody reads it as stated
    date_from_story: bool = False
    count: int | None = None
    negated: bool = False
    hypothetical: bool = False  # "would", "could", conditionals, threats not carried out
    future: bool = False  # announced, not yet carried out
    confidence: float = 0.5
    cameo_root: str | None = None
    quad_class: int | None = None
    context: str | None = None
    mentions: list[EventMentionRec] = field(default_factory=list)
    # (role, participant key) -> CAMEO sector (GOV, MIL, COP, REB, ...) at the event's date; role is
    # "actor" or "recipient" (one entity may be both, in two capacities); see kb.nlp.actors
    sectors: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuoteRec:
    speaker_key: str | None
    text: str
    sentence_index: int
    start: int
    end: int
    cue: str | None = None  # the reporting verb: said, told, ...


@dataclass(frozen=True)
class QuantityRec:
    value: float
    unit: str | None  # the counted noun: "agreements", "barrels"
    text: str
    sentence_index: int
    start: int
    end: int


@dataclass
class Extraction:
    sentences: list[SentenceRec] = field(default_factory=list)
    entities: list[EntityRec] = field(default_factory=list)
    mentions: list[MentionRec] = field(default_factory=list)
    roles: list[RoleRec] = field(default_factory=list)
    events: list[EventRec] = field(default_factory=list)
    quotes: list[QuoteRec] = field(default_factory=list)
    quantities: list[QuantityRec] = field(default_factory=list)

    def entity(self, key: str | None) -> EntityRec | None:
        if key is None:
            return None
        for e in self.entities:
            if e.key == key:
                return e
        return None
