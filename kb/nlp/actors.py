"""Actor knowledge: what a name stands for (country, sector) at a date, and what an agent word adds.

The built-in book is ``data/reference/actors.tsv`` and ``agents.tsv``, built from the
Phoenix/CountryInfo dictionaries (MIT; see ``data/reference/actors_LICENSE.md``) by
``data/reference/build_actors.py``. Users add their own actors (``kb actors import``); the
ingest layer passes them in, and a user's entry for a name replaces the built-in ones.

Sectors are CAMEO's three-letter actor codes: GOV government, MIL military, COP police, JUD
judiciary, LEG legislature, OPP opposition, REB rebels, CVL civilians, MED media, BUS business,
IGO/NGO international bodies, ELI elites (a former officeholder), and the rest CAMEO defines
(CRM, EDU, HLH, LAB, REF, REL, SPY, UAF, ...).

Two passes use it (called from :func:`kb.nlp.extract.analyse`):

- :func:`assign_actor_countries` before events are built: a person or organisation the text
  gives no country for takes the one the book gives the name at the publication date, so that
  events and quotes see it ("Hamas" -> PSE, "Abdelaziz Bouteflika" -> DZA).
- :func:`assign_sectors` after: each participant of each event gets a sector at the event's
  date: the agent word its phrase is built on ("French police" -> COP, "Syrian rebels" -> REB),
  the book's code for the name, or the kind of title the person holds ("President" -> GOV).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Token

from ..gazetteer import normalize_name, read_table
from .docinfo import sentences, tokens
from .index import DocEntities
from ..records import EntityRec, EventRec, RoleRec

# Sectors of title kinds (data/reference/titles.tsv): what an office makes its holder.
TITLE_SECTORS = {"head_of_state": "GOV", "head_of_government": "GOV", "minister": "GOV", "diplomat": "GOV",
                 "legislator": "LEG", "military": "MIL", "judicial": "JUD", "religious": "REL", "business": "BUS",
                 "party": "PTY"}
# Agents that stand for a country's own organs and parties: with no country of their own they
# belong to the country the article or the sentence is about ("the Interior Ministry said", "the
# Labour Party", "the Queen").
DOMESTIC_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "PTY", "OPP"}
_PLACE_TYPES = ("GPE", "LOC", "FAC")
_MODIFIER_DEPS = ("amod", "compound", "poss", "nmod", "npadvmod")


@dataclass(frozen=True)
class ActorCode:
    country: str | None  # ISO3, IGO or NGO; None for a multinational firm or cross-border armed group
    sector: str | None
    start: dt.date | None = None  # first day the code holds
    end: dt.date | None = None  # the day it stops holding

    def holds_on(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Actor:
    name: str
    aliases: tuple[str, ...] = ()
    codes: tuple[ActorCode, ...] = ()
    source: str = "builtin"

    def keys(self) -> list[str]:
        return [k for k in dict.fromkeys(normalize_name(n) for n in (self.name, *self.aliases)) if k]


def _date(text: str) -> dt.date | None:
    if not text or text == "-":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_codes(cell: str) -> tuple[ActorCode, ...]:
    """``"USA GOV 2009-01-20 -" | ...`` (the actors.tsv codes column) to codes."""
    out = []
    for item in cell.split("|"):
        parts = item.split()
        if len(parts) != 4:
            continue
        country, sector, start, end = parts
        out.append(ActorCode(None if country == "-" else country, None if sector == "-" else sector,
                             _date(start), _date(end)))
    return tuple(out)


def date_of(ev: EventRec, published: dt.date | None) -> dt.date | None:
    """The day an event is placed on: its own date (the first day of a month or year), else the
    publication date."""
    if ev.date is not None:
        iso = ev.date.iso
        try:
            if len(iso) == 10:
                return dt.date.fromisoformat(iso)
            if len(iso) == 7:
                return dt.date.fromisoformat(iso + "-01")
            if len(iso) == 4:
                return dt.date(int(iso), 1, 1)
        except ValueError:
            pass
    return published


@dataclass
class ActorBook:
    """Names -> actors, agent phrases -> sectors. Build once; lookups are dictionary reads."""

    by_key: dict[str, list[Actor]] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, actors: Iterable[Actor], agents: dict[str, str] | None = None) -> "ActorBook":
        book = cls(agents=dict(agents or {}))
        for a in actors:
            for k in a.keys():
                book.by_key.setdefault(k, []).append(a)
        return book

    @classmethod
    def builtin(cls) -> "ActorBook":
        return _builtin()

    def extended(self, actors: Iterable[Actor]) -> "ActorBook":
        """This book with ``actors`` added; a name they give replaces the book's actors of that name."""
        mine: dict[str, list[Actor]] = {}
        for a in actors:
            for k in a.keys():
                mine.setdefault(k, []).append(a)
        if not mine:
            return self
        return ActorBook(by_key={**self.by_key, **mine}, agents=self.agents)

    def actors(self, name: str) -> list[Actor]:
        return self.by_key.get(normalize_name(name), [])

    def lookup(self, names: Iterable[str], on: dt.date | None, *, single_words: bool = True) -> tuple[str | None, str | None]:
        """(country, sector) of the first name the book knows, at date ``on``.

        The codes that hold on that day decide (a dated one before an undated one); when none does (a date outside every range, as
        for someone the book lists only for earlier years), the country still counts if all the
        codes agree on it, but no sector does. Several actors under one name that disagree on the
        country give none: the name is ambiguous."""
        for name in names:
            key = normalize_name(name)
            if not key or (not single_words and " " not in key):
                continue
            found = self.by_key.get(key)
            if not found:
                continue
            codes = [c for a in found for c in a.codes]
            live = [c for a in found for c in _live_codes(a, on)]
            pool = live or codes
            countries = {c.country for c in pool}
            country = countries.pop() if len(countries) == 1 else None
            sector = None
            if live:
                sectors = [c.sector for c in live if c.sector and (country is None or c.country == country)]
                sector = sectors[0] if sectors else None
            return country, sector
        return None, None

    def agent_sector(self, phrase: str) -> str | None:
        """Sector of an agent phrase ("police", "interior ministry", "rebels"), singular or plural."""
        words = phrase.lower().split()
        if not words:
            return None
        for cand in (" ".join(words), " ".join(words[:-1] + [_singular(words[-1])])):
            if cand in self.agents:
                return self.agents[cand]
        return None


def _live_codes(actor: Actor, on: dt.date | None) -> list[ActorCode]:
    """An actor's codes that hold on a day; a dated one is the exception to an undated one
    ("ELI, but GOV from 1992 to 1994")."""
    live = [c for c in actor.codes if c.holds_on(on)]
    return [c for c in live if c.start or c.end] or live


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1)
def _builtin() -> ActorBook:
    actors = [Actor(r["name"], tuple(a.strip() for a in r["aliases"].split("|") if a.strip()), parse_codes(r["codes"]))
              for r in read_table("actors.tsv")]
    agents = {r["phrase"]: r["sector"] for r in read_table("agents.tsv")}
    return ActorBook.of(actors, agents)


# --- the passes -----------------------------------------------------------------------------------

def _names(ent: EntityRec) -> list[str]:
    return [ent.name, *sorted((a for a in ent.aliases if len(a.split()) > 1), key=lambda a: (-len(a), a))]


def _stated_country(doc: Doc, index: DocEntities, key: str) -> str | None:
    """A country the text attaches to a name: "Norwegian businessman X", "Sweden's X"."""
    for i, k in index.by_token.items():
        if k != key:
            continue
        tok = doc[i]
        near = list(tok.children) + (list(tok.head.children) if tok.dep_ in ("compound", "flat") else [])
        # through a title word: "Norwegian businessman X" ("Norwegian" modifies "businessman")
        near += [g for c in near if c.dep_ in _MODIFIER_DEPS and index.by_token.get(c.i) is None for g in c.children]
        for c in near:
            if c.dep_ not in _MODIFIER_DEPS or index.by_token.get(c.i) in (None, key):
                continue
            other = index.entities.get(index.by_token[c.i])
            if other is not None and other.type in ("GPE", "NORP") and other.country:
                return other.country
    return None


def assign_actor_countries(doc: Doc, index: DocEntities, book: ActorBook, on: dt.date | None) -> None:
    """People and organisations with no country take the book's, at date ``on``; a country the
    text attaches to the name ("Norwegian businessman X") wins over the book."""
    for key, ent in index.entities.items():
        if ent.country or ent.type not in ("PERSON", "ORG"):
            continue
        country, _ = book.lookup(_names(ent), on)
        if country:
            stated = _stated_country(doc, index, key)
            ent.country, ent.country_inferred = stated or country, False
        elif ent.type == "PERSON":
            # a person the book does not know still has the country the text gives them: "US
            # singer X", "Norwegian businessman X" (before the article's main country is guessed)
            stated = _stated_country(doc, index, key)
            if stated:
                ent.country, ent.country_inferred = stated, False


def _agent_phrase_sector(tok: Token, book: ActorBook) -> str | None:
    """The agent word a name modifies: "French police", "Syria's interior ministry", "the
    rebels of Chad"; compounds in front of the head count ("security forces")."""
    head = tok.head
    if tok.dep_ in _MODIFIER_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i != tok.i:
        pass
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        head = tok.head.head
    else:
        return None
    compounds = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    if compounds:
        sector = book.agent_sector(" ".join([c.lower_ for c in compounds] + [head.lower_]))
        if sector:
            return sector
    return book.agent_sector(head.lower_) or book.agent_sector(head.lemma_.lower())


_SUBJECT_DEPS = ("nsubj", "csubj", "agent")


def _phrase_role(tok: Token) -> str:
    """Whether the noun phrase a modifier belongs to is a subject (an actor) or not."""
    head = tok.head if tok.dep_ in _MODIFIER_DEPS else tok
    if head.dep_ == "pobj" and head.head.dep_ == "agent":  # "arrested by French police"
        return "actor"
    return "actor" if head.dep_ in _SUBJECT_DEPS else "recipient"


def _name_agent_sector(ent: EntityRec, book: ActorBook) -> str | None:
    """An organisation (or a person) named for what it is: "Interior Ministry", "Metropolitan
    Police", "the Queen"."""
    words = normalize_name(ent.name).split()
    if ent.type == "PERSON":  # "the Queen"; never a surname that is also a word ("Judge")
        return book.agent_sector(" ".join(words)) if len(words) == 1 else None
    for n in (3, 2, 1):
        if len(words) >= n:
            sector = book.agent_sector(" ".join(words[-n:]))
            if sector:
                return sector
    return None


def _sentence_country(sent, index: DocEntities) -> str | None:
    """The one country a sentence names (a country, or a place the gazetteer puts in one)."""
    codes = {index.entities[k].country for t in sent for k in index.keys_at(t)
             if index.entities[k].type in _PLACE_TYPES + ("NORP",) and index.entities[k].country}
    codes -= {"IGO", "NGO"}
    return codes.pop() if len(codes) == 1 else None


def assign_sectors(doc: Doc, index: DocEntities, events: list[EventRec], roles: list[RoleRec], book: ActorBook,
                   published: dt.date | None, home: str | None) -> None:
    """Each event participant's sector, at the event's date (see the module docstring).

    A participant the text gives no country takes the one of its context, marked as inferred:
    an organ of state or a party named alone ("the Interior Ministry", "the Labour Party", "the
    Queen"), and a place the gazetteer does not know ("Strickland Street"), belong to the
    country the article is about, else (not a person) to the one country the sentence names."""
    sents = sentences(doc)  # Doc.sents walks every token; these are made once per document
    toks_of = tokens(doc)
    title_kind = {}
    from ..gazetteer import Gazetteer

    kinds = Gazetteer.load().titles()
    for r in roles:
        if not r.former and r.person_key not in title_kind:
            kind = (kinds.get(r.title) or kinds.get(r.title.split()[-1])) if r.title else None
            if kind in TITLE_SECTORS:
                title_kind[r.person_key] = TITLE_SECTORS[kind]
    for ev in events:
        on = date_of(ev, published)
        sent = sents[ev.sentence_index] if 0 <= ev.sentence_index < len(sents) else None
        both = set(ev.actors) & set(ev.recipients)
        for role, key in [*(("actor", k) for k in ev.actors), *(("recipient", k) for k in ev.recipients)]:
            ent = index.entities.get(key)
            if ent is None or (role, key) in ev.sectors:
                continue
            sector = None
            if sent is not None:
                # a name's own words are not its agent: "Labour Party", "Strickland Street"
                toks = [t for t in toks_of[sent.start:sent.end] if key in index.keys_at(t) and key not in index.keys_at(t.head)]
                if key in both:  # "French police arrested French students": the phrase's own role decides
                    toks = [t for t in toks if _phrase_role(t) == role]
                # the mention nearest the trigger speaks for this event
                toks.sort(key=lambda t: abs(t.idx - ev.start))
                for t in toks:
                    sector = _agent_phrase_sector(t, book)
                    if sector:
                        break
            if sector is None and ent.type in ("PERSON", "ORG"):
                known, sector = book.lookup(_names(ent), on)
                if known and ent.country and known != ent.country:
                    sector = None  # the text says another country: someone else of that name
            named_for = None
            if sector is None and ent.type in ("PERSON", "ORG"):
                named_for = sector = _name_agent_sector(ent, book)
            if sector is None:
                sector = title_kind.get(key)  # a titled person's country is the roles pass's guess
            if sector:
                ev.sectors[(role, key)] = sector
            if ent.country is None and (named_for in DOMESTIC_SECTORS or ent.type in _PLACE_TYPES):
                context = home
                if context is None and ent.type != "PERSON" and sent is not None:
                    context = _sentence_country(sent, index)
                if context:
                    ent.country, ent.country_inferred = context, True


# --- names for spaCy's EntityRuler --------------------------------------------------------------

_ORG_SECTORS = {"IGO", "NGO", "REB", "BUS", "UAF", "PTY", "MED"}
# a word that makes a name an organisation's, not a person's ("Ban Ki-moon" is coded IGO too)
_ORG_WORDS = {"international", "organization", "organisation", "council", "committee", "union", "association",
              "federation", "front", "party", "movement", "army", "brigade", "brigades", "foundation", "fund", "bank",
              "agency", "watch", "group", "company", "corporation", "inc", "ltd", "forces", "league", "network",
              "institute", "society", "alliance", "commission", "court", "programme", "program", "nations", "cross",
              "crescent", "doctors", "reporters", "trust", "centre", "center", "coalition", "board", "office"}


def organisation_names(book: ActorBook | None = None) -> list[str]:
    """Names of organisations in the book, for an EntityRuler ahead of the statistical NER: the
    actors every code of which is an international body, an armed group, a company, a party or
    a news outlet, by names of two words or more (a one-word name is too often a common word)
    that hold a word for an organisation ("Ban Ki-moon" is coded IGO too), and the gazetteer's
    international organisations of two words or more."""
    book = book or ActorBook.builtin()
    out = {r["name"] for r in read_table("igos.tsv") if len(r["name"].split()) > 1}
    seen = set()
    for actors in book.by_key.values():
        for a in actors:
            if id(a) in seen:
                continue
            seen.add(id(a))
            if not a.codes or not all(c.sector in _ORG_SECTORS for c in a.codes):
                continue
            for n in (a.name, *a.aliases):
                words = n.lower().split()
                if len(words) > 1 and n[:1].isupper() and not any(ch.isdigit() for ch in n) \
                        and _ORG_WORDS & set(words):
                    out.add(n)
    return sorted(out)
