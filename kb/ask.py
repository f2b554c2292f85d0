"""`kb ask`: a plain-English question turned into a parameterised query.

The question is read with the knowledge base's own names (entities and aliases), the gazetteer
(countries, nationality words), and a table of event words (``data/reference/ask_terms.tsv``).
User text only ever reaches the database as bound parameters.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from sqlalchemy import String, and_, any_, func, literal, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from .ask_dates import read_dates, reference_date
from .errors import KBError
from .gazetteer import Gazetteer, reference_text
from .text import normalize_name
from .store import search, stats
from .store.db import lookup_settings
from .store.models import (Document, Entity, EntityAlias, EntityEventCount, EntityStats, Event, EventMention, EventParticipant, Mention, Quantity,
                          Quote, Role, Sentence)
from .store.queries import (CHUNK, dialect_of, document_ref, entity_profile, entity_ref, entity_summaries,
                            events_involving, events_to_dicts, ids_in, quote_query, quotes_to_dicts)
from .store.search import topic_words

WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F'’.-]*|\d{4}|\d+")
IRREGULAR = {"met": "meet", "signed": "sign", "held": "hold", "won": "win", "died": "die", "said": "say", "says": "say",
             "fought": "fight", "threatened": "threaten", "sought": "seek", "gave": "give", "made": "make",
             "told": "tell", "agreements": "agreement", "talks": "talks", "sanctions": "sanction", "protests": "protest",
             "elections": "election", "deals": "deal", "ran": "run", "treaties": "treaty", "invaded": "invade", "killed": "kill"}
MONTHS = {m.lower(): i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                               "September", "October", "November", "December"], 1)}


class QuestionNotUnderstood(KBError):
    def __init__(self, message: str, understood: dict):
        super().__init__(message)
        self.understood = understood


@dataclass
class Understanding:
    kind: str = "events"  # events | entity | quotes | people | role_holder | described | count | when | where | why | age
    categories: list[str] = field(default_factory=list)
    mode: str | None = None
    event_words: list[str] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    recipients: list[dict] = field(default_factory=list)
    participants: list[dict] = field(default_factory=list)
    location: dict | None = None
    since: str | None = None
    until: str | None = None
    topic: str | None = None
    title: str | None = None
    unknown_words: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # searched in full text
    dates: str | None = None  # how relative time words were counted
    ambiguous: list[str] = field(default_factory=list)
    people_count: bool = False  # "how many people died": a sum of counts, not of events
    count_words: list[str] = field(default_factory=list)  # "how many were injured": the words that count them
    unit: str | None = None  # "how many seats did X lose": a number the text gives of this noun
    unit_words: list[str] = field(default_factory=list)  # the whole counted phrase ("hate crime charges")
    min_confidence: float | None = None  # events below it are left out (kb events' threshold)
    asks_who: bool = False  # "Who ...?": an answer names the one who acted

    @property
    def refs(self) -> list[dict]:
        """Every name the question was read to hold: actors, recipients, participants, place."""
        return self.actors + self.recipients + self.participants + ([self.location] if self.location else [])

    def as_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def event_terms() -> dict[str, tuple[list[str], str | None]]:
    out = {}
    lines = [line for line in reference_text("ask_terms.tsv").splitlines() if line and not line.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        out[r["term"]] = (r["categories"].split("|"), r["mode"] or None)
    return out


# "Who voted to lift the emergency?", "decided to release": the vote or the decision is the way
# the act was taken; the act asked about is the verb after "to"
_MEANS_VERBS = frozenset({"vote", "decide", "move", "choose", "opt"})


@lru_cache(maxsize=1)
def _lexicon_verbs() -> dict[str, list[str]]:
    """Verb lemma -> the categories the extraction's lexicon codes it as (any sense), for a verb
    after "voted to" that the question terms do not list ("lift", "release")."""
    from .nlp import plover

    out: dict[str, list[str]] = {}
    for (lem, pos), rows in plover.lexicon().items():
        if pos == "VERB":
            cats = [r.category for r in rows if r.category]
            if cats:
                out[lem] = list(dict.fromkeys(cats))
    return out


_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", ""))


def _form_in(word: str, vocabulary) -> str | None:
    """The word, or the base form its inflection strips to, that ``vocabulary`` holds."""
    w = word.lower().strip("'’.")
    if w in IRREGULAR:
        w = IRREGULAR[w]
    if w in vocabulary:
        return w
    return next((w[: -len(suffix)] + repl for suffix, repl in _SUFFIXES
                 if w.endswith(suffix) and w[: -len(suffix)] + repl in vocabulary), None)


def lemma(word: str) -> str:
    w = word.lower().strip("'’.")
    return IRREGULAR.get(w) or _form_in(w, event_terms()) or w


# Words that never start or make up a name in a question, however the knowledge base's
# (noisy) entity table spells things.
QUESTION_WORDS = {"who", "whom", "whose", "what", "which", "when", "where", "why", "how", "many", "much", "did", "does",
                  "do", "is", "are", "was", "were", "has", "have", "had", "the", "a", "an", "of", "in", "on", "at",
                  "by", "with", "between", "and", "or", "to", "from", "about", "for", "against", "since", "after",
                  "before", "until", "last", "this", "next", "week", "month", "year", "day", "people", "persons",
                  "countries", "country", "events", "event", "happened", "happen", "say", "said", "tell", "me",
                  "list", "show", "all", "any", "there", "their", "his", "her", "its", "it", "they", "he", "she"}


def _find_entities(session: Session, tokens: list[str], person: float = 1.5) -> tuple[list[tuple[int, int, Entity]], list[str]]:
    """Longest runs of question words that name a stored entity (name, alias, country word).

    A run may not start or end with a question word or an event word, and a name of three
    letters or fewer must be typed in capitals ("US", "WHO"), so "who" and "us" stay words.
    """
    terms = event_terms()
    grams: dict[str, tuple[int, int]] = {}
    for i in range(len(tokens)):
        for j in range(min(len(tokens), i + 6), i, -1):
            first, last = tokens[i], tokens[j - 1]
            if any(w.lower() in QUESTION_WORDS or lemma(w) in terms for w in (first, last)) and not first[:1].isupper():
                continue
            if j - i == 1 and (first.lower() in QUESTION_WORDS or lemma(first) in terms):
                continue
            key = normalize_name(" ".join(tokens[i:j]))
            if not key or (len(key.replace(" ", "")) <= 3 and not " ".join(tokens[i:j]).replace(".", "").isupper()):
                continue
            grams.setdefault(key, (i, j))
    keys = list(grams)
    found: dict[str, list[Entity]] = {}
    if keys:
        for e in session.scalars(select(Entity).where(Entity.name_key.in_(keys))):
            found.setdefault(e.name_key, []).append(e)
        for key, e in session.execute(select(EntityAlias.alias_key, Entity).join(Entity).where(EntityAlias.alias_key.in_(keys))):
            if e not in found.get(key, []):
                found.setdefault(key, []).append(e)
    gaz = Gazetteer.load()
    for k, (i, j) in grams.items():
        if k in found:
            continue
        place = gaz.lookup(" ".join(tokens[i:j]), case_sensitive=False)
        if place and place.kind in {"country", "variant", "demonym"}:
            name = gaz.country_name(place.code)
            e = session.scalar(select(Entity).where(Entity.type == "GPE", Entity.country == place.code,
                                                    Entity.name_key == normalize_name(name or "")))
            if e is not None:
                found[k] = [e]
    ambiguous: list[str] = []
    if found:
        # a name shared by several entities: exact name and alias count, and so does how often
        # each is mentioned; a stray one-mention entity does not beat a well-known one
        ids = [e.id for es in found.values() for e in es]
        counts = {i: c.mentions for i, c in stats.stored(session, ids).items()}

        def weight(e: Entity, k: str) -> float:
            return (counts.get(e.id, 0) + 1) * (2.0 if e.name_key == k else 1.0) * (person if e.type == "PERSON" else 1.0)

        for k, es in found.items():
            es.sort(key=lambda e: (-weight(e, k), e.id))
            if len(es) > 1 and weight(es[1], k) * 2 >= weight(es[0], k):
                ambiguous.append(f"{' '.join(tokens[grams[k][0]:grams[k][1]])!r} may mean " + " or ".join(
                    f"{e.name} ({e.type}, {counts.get(e.id, 0)} mentions)" for e in es[:3]) + f"; taken as {es[0].name}")
    spans: list[tuple[int, int, Entity]] = []
    taken: set[int] = set()
    for k, (i, j) in sorted(grams.items(), key=lambda kv: (-(kv[1][1] - kv[1][0]), kv[1][0])):
        if k in found and not taken & set(range(i, j)):
            spans.append((i, j, found[k][0]))
            taken |= set(range(i, j))
    return sorted(_whole_names(session, tokens, spans), key=lambda s: s[0]), ambiguous


# entities read when a name of the question is longer than the stored name it holds
NAME_HITS = 50


def _whole_names(session: Session, tokens: list[str], spans: list[tuple[int, int, Entity]]) -> list[tuple[int, int, Entity]]:
    """A name the question writes longer than any stored name (a run of capitalised words of
    which a stored name is only a part) is the stored entity whose name holds all its words
    ("Ricardo Rosselló" is "Ricardo Rosselló Nevares", though a bare "Rosselló" is stored too:
    a Spanish name's short form drops the mother's surname); with none, a person's stored name
    inside the run is that person written in full ("Yolanda Yu Hoi-kwan" for a stored "Yu
    Hoi-kwan"). Names are written in full or shortened, never with words of another name."""
    runs, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j][:1].isupper() and tokens[j].lower() not in QUESTION_WORDS:
            j += 1
        if j - i >= 2:
            runs.append((i, j))
        i = max(j, i + 1)
    out = list(spans)
    for a, b in runs:
        inside = [sp for sp in out if a <= sp[0] and sp[1] <= b]
        if not inside or any(sp[:2] == (a, b) for sp in inside):
            continue
        words = topic_words([" ".join(tokens[a:b])])
        whole = _entity_holding(session, words) if words else None
        if whole is None and len(inside) == 1 and inside[0][2].type == "PERSON":
            whole = inside[0][2]
        elif (whole is None and len(inside) > 1 and all(sp[2].type == "PERSON" for sp in inside)
              and sum(sp[1] - sp[0] for sp in inside) == b - a):
            # one person's given name and surname stored as two people ("Matt" and "Ratana" for
            # "Matiu 'Matt' Ratana"): the run names one person, the one most told of
            counts = {i: c.mentions for i, c in stats.stored(session, [sp[2].id for sp in inside]).items()}
            whole = max((sp[2] for sp in inside), key=lambda e: (counts.get(e.id, 0), -e.id))
        if whole is not None:
            out = [sp for sp in out if sp not in inside] + [(a, b, whole)]
    return out


def _entity_holding(session: Session, words: list[str]) -> Entity | None:
    """The most mentioned entity whose name (or alias) holds every one of ``words``."""
    hits = search.search(session, words, kinds=("entity",), limit=NAME_HITS)
    if not hits:
        return None
    ids = list(dict.fromkeys(h.ref_id for h in hits))
    names: dict[int, set[str]] = defaultdict(set)
    for eid, name in session.execute(select(Entity.id, Entity.name).where(Entity.id.in_(ids))):
        names[eid] |= set(topic_words([name]))
    for eid, alias in session.execute(select(EntityAlias.entity_id, EntityAlias.alias).where(EntityAlias.entity_id.in_(ids))):
        names[eid] |= set(topic_words([alias]))
    full = [eid for eid in ids if set(words) <= names[eid]]
    if not full:
        return None
    counts = {i: c.mentions for i, c in stats.stored(session, full).items()}
    return session.get(Entity, max(full, key=lambda e: (counts.get(e, 0), -e)))


MAX_QUESTION_WORDS = 60


def _pipeline_lemmas(words: list[str]) -> dict[str, str]:
    """Lemmas from the spaCy pipeline (tagger and lemmatizer only), for the words the tables
    did not know. Loading spaCy takes most of a second, so only a question the fast reader
    could not map pays for it."""
    from .nlp.model import load_pipeline

    nlp = load_pipeline(exclude=("parser", "ner"))
    doc = nlp(" ".join(words))
    return {t.text.lower(): t.lemma_.lower() for t in doc}


def understand(session: Session, question: str, as_of: dt.date | None = None) -> Understanding:
    u = _understand(session, question, {}, as_of)
    if u.categories or u.actors or u.recipients or u.participants or u.location:
        return u
    # neither an event word the tables know nor a name: the lemmatizer may know the verb
    # ("withdrew"); loading spaCy costs most of a second, so only such a question pays for it
    words = WORD.findall(question)
    try:
        lemmas = _pipeline_lemmas(words)
    except KBError:
        return u
    terms = event_terms()
    if not any(lemmas.get(w.lower()) in terms for w in words):
        return u
    return _understand(session, question, lemmas, as_of)


def _understand(session: Session, question: str, lemmas: dict[str, str], as_of: dt.date | None = None) -> Understanding:
    u = Understanding()
    newest = session.scalar(select(func.max(Document.published)).where(Document.published <= dt.date.today()))
    ref, ref_note = reference_date(as_of, newest, question)
    dr = read_dates(question, ref, ref_note)
    u.since, u.until, u.dates = dr.since, dr.until, dr.note
    # the time words are read; the rest is read for names and event words
    rest = question
    for a, b in sorted(dr.spans, reverse=True):
        rest = rest[:a] + " " + rest[b:]
    tokens = WORD.findall(rest)
    if len(tokens) > MAX_QUESTION_WORDS:
        raise QuestionNotUnderstood(f"a question of {len(tokens)} words is too long (at most {MAX_QUESTION_WORDS})",
                                    Understanding().as_dict())
    low = [t.lower().strip("'’") for t in tokens]
    # "how old" asks about a person: a person of the name outweighs a place or body called so
    spans, u.ambiguous = _find_entities(session, tokens, person=4.0 if [t.lower() for t in tokens[:2]] == ["how", "old"] else 1.5)
    in_span = {n for i, j, _ in spans for n in range(i, j)}
    terms = event_terms()
    verb_at = None
    for n, t in enumerate(low):
        if n in in_span:
            continue
        lem = lemma(t)
        if lem not in terms:
            lem = lemmas.get(t, lem)
        if n >= 2 and low[n - 1] == "to" and _form_in(low[n - 2], _MEANS_VERBS):
            verbs = _lexicon_verbs()
            acts = terms[lem][0] if lem in terms and lem != "say" else verbs.get(_form_in(t, verbs) or "")
            if acts:
                u.categories, verb_at = list(acts), n
                u.event_words.append(t)
                continue
        if lem in terms and lem != "say":
            cats, mode = terms[lem]
            if not u.categories:
                u.categories = list(cats)
                verb_at = n
            else:  # "signed agreements": keep what both words allow
                u.categories = [c for c in u.categories if c in cats] or u.categories
            u.mode = u.mode or mode
            u.event_words.append(t)
        elif t not in QUESTION_WORDS and not t.isdigit():
            u.unknown_words.append(tokens[n])
    u.words = topic_words(tokens)
    first = low[0] if low else ""
    u.asks_who = first in {"who", "whom"}
    says = any(lemma(t) == "say" for t in low) or (first in {"what", "how"} and len(low) > 1 and low[1] in {"did", "does", "do"}
                                                   and any(t in SAY_VERBS and not (n + 1 < len(low) and low[n + 1] == "for")
                                                           for n, t in enumerate(low)))
    reacts = any(t in {"react", "reacted", "respond", "responded", "reaction", "response"} for t in low)
    for i, j, ent in spans:
        ref_ = {**entity_ref(ent), "words": " ".join(tokens[i:j])}
        prev = low[i - 1] if i else ""
        if prev in {"in", "at", "near"} and ent.type in {"GPE", "LOC", "FAC"} and not says:
            u.location = ref_
        elif prev == "by" or prev in {"did", "does", "has", "have"} or (verb_at is not None and i < verb_at and prev not in {"with", "between", "and", "to", "against", "about", "from"}):
            u.actors.append(ref_)
        elif prev in {"to", "against", "on"} or (verb_at is not None and i == verb_at + 1):
            u.recipients.append(ref_)
        elif prev == "about" and says:
            u.topic = ref_["words"]
        else:
            u.participants.append(ref_)
    if (says or reacts) and first in {"what", "did", "how"}:
        u.kind = "quotes"
        if "about" in low:
            u.topic = " ".join(tokens[low.index("about") + 1:]).strip(" ?")
    elif first == "who" and len(low) > 2 and low[1] in {"is", "was", "are"}:
        title = _title_words(low[2:])
        if title:
            u.kind, u.title = "role_holder", title
        elif (len(low) > 3 and low[2] in {"the", "a", "an"} and 3 not in in_span and tokens[3].isalpha()
              and tokens[3].islower() and low[3] not in QUESTION_WORDS):
            # "Who is the suspect in the shooting?": no office, a description the text gives a
            # person ("identified the suspect as X")
            u.kind, u.topic = "described", low[3]
        elif spans and len(spans) == 1 and in_span >= set(range(2, len(low))) - {n for n, t in enumerate(low) if t in {"the", "a"}}:
            u.kind = "entity"
        elif not spans and 2 < len(low) <= 7 and all(t[:1].isupper() for t in tokens[2:] if t.lower() not in {"the", "of"}):
            # a name the entity table does not hold as such: its words are searched among names
            u.kind, u.topic = "entity", " ".join(tokens[2:])
    elif first in {"which", "what"} and len(low) > 1 and low[1] in {"people", "persons", "politicians", "leaders", "officials"}:
        u.kind = "people"
    elif first == "how" and len(low) > 1 and low[1] in {"many", "much"}:
        u.kind = "count"
        u.people_count = bool(set(u.categories) & PEOPLE_COUNTED) and not set(low) & EVENT_NOUNS
        state = next((PEOPLE_STATES[t] for t in low[2:] if t in PEOPLE_STATES), None)
        if state and not set(low) & EVENT_NOUNS and not set(u.categories) & {"DEATH"}:
            # "how many people were injured": what befell people, not an event of its own (the
            # injured are counted where the text counts them, as the dead are by death words)
            u.people_count, u.count_words = True, list(state)
        if u.people_count and not u.count_words and set(u.categories) & {"DEATH", "ASSAULT"}:
            # the dead are told as deaths and as killings: both are counted, read once
            u.categories = sorted(set(u.categories) | {"DEATH", "ASSAULT"}, key=lambda c: c != "DEATH")
        if not u.people_count:
            u.unit_words = _counted_phrase(low[2:], terms)
            noun = u.unit_words[-1] if u.unit_words else ""
            if low[1] == "much" and (not noun or noun in MONEY_NOUNS):
                # "How much was X fined?", "How much money did Y raise?": an amount of money, a
                # number the text gives in a currency
                u.unit = MONEY
            elif noun.isalpha() and noun not in EVENT_NOUNS and noun not in QUESTION_WORDS:
                # neither people nor events: a number the text gives of the noun ("750,000 followers",
                # "pleaded guilty to 29 charges"); the events are counted when the text gives none
                u.unit = noun
            else:
                u.unit_words = []
    elif _asks_toll(low, u.categories):
        # "the death toll of X" asks how many died in X, as "how many people died in X" does
        u.kind, u.people_count = "count", True
        u.categories = sorted(set(u.categories) | {"DEATH", "ASSAULT"}, key=lambda c: c != "DEATH")
    elif first == "how" and len(low) > 1 and low[1] == "old" and spans:
        u.kind = "age"
    elif first == "when":
        u.kind = "when"
    elif first == "where":
        u.kind = "where"
    elif first == "why":
        u.kind = "why"
    if not (u.categories or spans or u.since or u.until or u.words):
        raise QuestionNotUnderstood("found nothing to look for", u.as_dict())
    return u


# words of a question about what someone said that are not its topic
QUOTE_WORDS = {"say", "said", "says", "react", "reacted", "respond", "responded", "reaction", "response", "call", "describe",
               "write", "wrote", "tweet", "tweeted", "tell", "told", "think"}

# "What did X call / describe / write ...": words said, not an event
SAY_VERBS = {"call", "describe", "characterise", "characterize", "write", "tweet", "claim", "think", "tell", "announce"}

# event kinds whose "how many" counts people (the dead, the arrested, the protesters)
PEOPLE_COUNTED = {"DEATH", "ASSAULT", "COERCE", "PROTEST"}
# "how many agreements/attacks": the events themselves are counted
EVENT_NOUNS = {"agreements", "agreement", "deals", "events", "attacks", "meetings", "protests", "elections", "sanctions",
               "treaties", "visits", "bombings", "strikes", "talks", "times"}


# "how much" with no counted noun, or one of these, asks for an amount of money
MONEY = "money"
MONEY_NOUNS = {"money", "cash", "funds", "funding", "compensation", "damages", "ransom", "bail"}
# a quantity's unit that is a currency: its ISO code (kb/nlp/quantities.py), three capitals
CURRENCY_UNIT = re.compile(r"[A-Z]{3}")

# the words that end the counted phrase of "how many N did/were ..."
AUXILIARIES = {"did", "does", "do", "were", "was", "is", "are", "have", "has", "had", "will", "would", "could", "can",
               "in", "at", "of", "for", "from", "by", "on", "to", "with", "since", "during"}


PHRASE_ENDS = {"when", "where", "that", "who", "which", "the", "a", "an", "after", "before", "while", "as"}


def _counted_phrase(words: list[str], terms: dict) -> list[str]:
    """The noun phrase a "how many" question counts: the words after "many"/"much" up to the
    first auxiliary, preposition or verb ("how many Facebook followers did ..." -> facebook
    followers; "how many protesters marched" -> protesters)."""
    out = []
    for w in words:
        if w in AUXILIARIES or w in PHRASE_ENDS:
            break
        if not w.endswith("s") and lemma(w) in terms:
            break  # a verb ("how many protesters marched"); a plural event noun is counted ("charges")
        out.append(w)
    return out


# what makes "toll" a count of the dead ("death toll", "casualty toll"), not a road's fee
TOLL_WORDS = {"death", "casualty", "casualties", "fatality", "human"}


def _asks_toll(low: list[str], categories: list[str]) -> bool:
    """"death toll of X", "What is the toll of the quake": a count of the dead, said as a noun."""
    if "toll" not in low:
        return False
    at = low.index("toll")
    return (at > 0 and low[at - 1] in TOLL_WORDS) or bool(set(categories) & {"DEATH", "ASSAULT"})


def _title_words(words: list[str]) -> str | None:
    """The title in "the (deputy) president of ...": the longest known title the words hold."""
    titles = Gazetteer.load().titles()
    words = [w for w in words if w not in {"the", "a", "an", "current"}]
    if "as" in words:
        # "Who was appointed as foreign secretary?": the title follows "as"; the verb before it
        # is how the holder came to it
        words = words[words.index("as") + 1:]
    if "of" in words:
        words = words[: words.index("of")]
    for k in range(len(words)):
        cand = " ".join(words[k:])
        if cand in titles:
            return " ".join(words)
    return None


# above this many ids a list would near the database's limit of bound parameters
MAX_LISTED_ENTITIES = 5000


def _involved_ids(session: Session, ref: dict) -> tuple[list[int] | None, bool]:
    """The entities whose events stand for a name of the question, and whether an event that
    happened at them counts too (a place: "Who visited Caracas?"). A country covers its cities and
    its people ("the election in Venezuela" is the one Venezuelans held): only those of its
    entities that take part in events, as a list of ids (the planner then estimates each id from
    its statistics instead of guessing for a subquery; PostgreSQL scanned every participation of a
    million events for "in Iran"). None: too many to list."""
    if ref["type"] not in {"GPE", "LOC", "FAC"}:
        return [ref["id"]], False
    code = ref.get("country")
    if _is_country(ref):
        # the event count read per entity (a primary-key lookup each), not the whole table hashed
        # against the country's entities (PostgreSQL read all 170,000 rows of entity_stats)
        counted = (select(EntityStats.events).where(EntityStats.entity_id == Entity.id)
                   .correlate(Entity).scalar_subquery())
        ids = set(session.scalars(select(Entity.id).where(Entity.country == code, counted > 0)))
        if len(ids) < MAX_LISTED_ENTITIES:
            return sorted(ids | {ref["id"]}), True
        return None, True
    return [ref["id"]], True


def _involves(session: Session, ref: dict, found: tuple[list[int] | None, bool] | None = None):
    """Events an entity of the question takes part in (:func:`_involved_ids`), as a condition."""
    ids, at = found or _involved_ids(session, ref)
    if not at:
        return Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.entity_id == ids[0]))
    if ids is None:
        code = ref.get("country")
        return events_involving(select(Entity.id).where(or_(Entity.country == code, Entity.id == ref["id"])))
    if ids == [ref["id"]] and not _is_country(ref):
        return events_involving(ids)
    return events_involving(ids, dialect_of(session))


def _is_country(ref: dict) -> bool:
    """The question names a country by its name ("Iran"), not one of its places."""
    code = ref.get("country")
    return bool(code) and normalize_name(Gazetteer.load().country_name(code) or "") == normalize_name(ref["name"])


# events of each category read before ranking
CANDIDATES = 500
# full-text rows read for a fallback answer
FALLBACK_HITS = 300


def _date_overlaps(when, since: str | None, until: str | None) -> list:
    """``when`` (a date as text, "2019", "2019-03" or "2019-03-05") overlaps [since, until]: a
    coarse date is compared at its own precision."""
    out = []
    if since:
        out.append(when >= func.substr(literal(since), 1, func.length(when)))
    if until:
        out.append(func.substr(when, 1, len(until)) <= until)
    return out


def _own_date_clause(since: str | None, until: str | None) -> list:
    """Events with a date of their own in [since, until], with a range on the date's index: any
    date that overlaps sorts at or after the year of ``since`` ("2020" and "2020-01" before
    "2020-01-05") and at or before the last day ``until`` could name, written with digits and
    dashes only, so that the bounds hold under any collation (PostgreSQL's en_US ignores the
    dashes and compares the digits)."""
    out = _date_overlaps(Event.date, since, until)
    if since:
        out.append(Event.date >= since[:4])
    if until:
        out.append(Event.date <= until + {4: "-99-99", 7: "-99"}.get(len(until), ""))
    return out


def _period(u: Understanding) -> tuple[str | None, str | None]:
    """The first and last day the question's period can name, as ISO text (None: open)."""
    return (_first_day(u.since).isoformat() if u.since else None,
            _last_day(u.until).isoformat() if u.until else None)


def _first_day(text: str) -> dt.date:
    parts = [int(x) for x in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _last_day(text: str) -> dt.date:
    parts = [int(x) for x in text.split("-")]
    if len(parts) >= 3:
        return dt.date(*parts[:3])
    if len(parts) == 2:
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def _published_clause(since: str | None, until: str | None) -> list:
    """Documents published in [since, until], as a range on the publication date's index."""
    out = []
    if since:
        out.append(Document.published >= _first_day(since))
    if until:
        out.append(Document.published <= _last_day(until))
    return out


def _candidates(session: Session, u: Understanding, *, categories=True, names=True, place=True, dates=True,
                confidence=True, cap: int | None = CANDIDATES) -> list[int]:
    ids: list[int] = []
    cats = (u.categories if categories else []) or [None]
    # who and where, read once for every category ("died": deaths and killings; a country's
    # places are a query of their own)
    refs = (u.actors + u.recipients + u.participants if names else []) + ([u.location] if place and u.location else [])
    found = [_involved_ids(session, ref) for ref in refs]
    involved = [_involves(session, ref, f) for ref, f in zip(refs, found)]
    # with names, one statement for all the categories: the names' events are read once and
    # each category keeps its own share of the cap
    groups = [cats] if involved and None not in cats else [[c] for c in cats]
    for group in groups:
        if involved and group != [None]:
            typed = _typed_candidates(session, u, found, group, dates=dates, confidence=confidence,
                                      share=cap * len(group) if cap else None)
            if typed is not None:
                ids += typed
                continue
        q = select(Event.id).where(Event.negated.is_(False))
        if confidence and u.min_confidence is not None:
            q = q.where(Event.confidence >= u.min_confidence)
        if group != [None]:
            q = q.where(Event.type == group[0]) if len(group) == 1 else q.where(Event.type.in_(group))
        if involved:
            q = q.where(*involved)
        if dates and (u.since or u.until) and involved:
            # the names narrow the events first; the dates only filter them
            when = func.coalesce(Event.date, func.substr(func.cast(Document.published, String()), 1, 10))
            variants = [q.join(Document, Document.id == Event.document_id).where(*_date_overlaps(when, u.since, u.until))]
        elif dates and (u.since or u.until):
            # an event's own date, else its document's: statements that each use an index (one
            # expression over both dates made every dated question scan all events). Events
            # dated within the period come first, then undated ones published in it, then those
            # dated only by a coarser period that holds it ("2020" for 5 January 2020), which
            # would otherwise fill the cap before the day's own events.
            first, last = _period(u)
            inside = ([Event.date >= first] if first else []) + ([Event.date <= last] if last else [])
            variants = [q.where(*inside),
                        # "no date" as an expression, not IS NULL: SQLite without statistics
                        # otherwise walks every undated event of the date index, not the
                        # documents of the period
                        q.join(Document, Document.id == Event.document_id)
                         .where(func.coalesce(Event.date, "") == "", *_published_clause(u.since, u.until)),
                        q.where(*_own_date_clause(u.since, u.until), func.length(Event.date) < 10)]
        else:
            variants = [q]
        share = cap * len(group) if cap else None
        found = 0
        for v in variants:
            if share is not None and found >= share:
                break
            if share is not None:
                v = v.limit(share - found)
            seen = set(ids)
            new_ids = [i for i in session.scalars(v) if i not in seen]
            ids += new_ids
            found += len(new_ids)
    return ids


# the most events of the question's types its names may have for _typed_candidates to read them
TYPED_CANDIDATES = 20_000


def _typed_candidates(session: Session, u: Understanding, found: list[tuple[list[int] | None, bool]], types: list[str],
                      *, dates: bool, confidence: bool, share: int | None) -> list[int] | None:
    """The events of ``types`` that involve every name of the question (and pass its dates and
    confidence), read from the participants' own copy of the event type (migration 0016) and
    then by primary key: for "How many people died in Iran in 2020?" the 4,800 DEATH and ASSAULT
    events of Iran's 700 entities, where one statement made PostgreSQL hash all 166,000 DEATH and
    ASSAULT events against all 26,000 events of those entities.

    None when the other statement of :func:`_candidates` must answer: a name stands for too many
    entities to list, the names have more than TYPED_CANDIDATES events of the types, or more
    events pass than ``share`` (the cap keeps the first ones that statement's plan meets, so only
    it can say which; below the cap the two give the same events)."""
    if any(ids is None for ids, _ in found):
        return None
    dialect = dialect_of(session)
    dated = dates and bool(u.since or u.until)
    if share is not None and not dated and not (confidence and u.min_confidence is not None):
        # nothing but the names and types filters them: more events than the cap is likely, and
        # then the other statement must choose which (the per-entity counts say it at once)
        bounds = [session.scalar(select(func.coalesce(func.sum(EntityEventCount.events), 0))
                                 .where(ids_in(EntityEventCount.entity_id, ids, dialect), EntityEventCount.type.in_(types)))
                  for ids, _ in found]
        if min(bounds) > share:
            return None
    common: set[int] | None = None
    for ids, at in found:
        # rows, not distinct events, are counted against the limit: a cut list is never taken
        parts = list(session.scalars(select(EventParticipant.event_id).where(
            EventParticipant.event_type.in_(types), ids_in(EventParticipant.entity_id, ids, dialect))
            .limit(TYPED_CANDIDATES + 1)))
        if len(parts) > TYPED_CANDIDATES:
            return None
        these = set(parts)
        if at:
            # the type as an expression, which no index serves: given the column, SQLite walked
            # every event of the types (170,000) for the few thousand that happened at the places
            at_rows = list(session.scalars(select(Event.id).where(ids_in(Event.location_id, ids, dialect),
                                                                  (Event.type + "").in_(types))
                                           .limit(TYPED_CANDIDATES + 1)))
            if len(at_rows) > TYPED_CANDIDATES:
                return None
            these |= set(at_rows)
        common = these if common is None else common & these
    if not common:
        return []
    q = select(Event.id, Event.date, Event.document_id).where(Event.negated.is_(False), ids_in(Event.id, sorted(common), dialect))
    if confidence and u.min_confidence is not None:
        q = q.where(Event.confidence >= u.min_confidence)
    rows = session.execute(q).all()
    if dated:
        # an event's own date, else its document's, tested here as _date_overlaps tests it in SQL
        # (in SQL, PostgreSQL either hashed all 100,000 documents for a few thousand events or,
        # with the document's date as a subquery, compiled the statement (JIT, 40 ms))
        # (rows unpacked as tuples and each document's date written once: a country's year is
        # 5,000 rows of 1,400 documents)
        undated = sorted({doc for _, date, doc in rows if date is None})
        published = {} if not undated else {doc: _iso_day(day) for doc, day in session.execute(
            select(Document.id, Document.published).where(ids_in(Document.id, undated, dialect)))}
        since, until = u.since, u.until
        out = []
        for eid, date, doc in rows:
            when = date if date is not None else published.get(doc)
            if when is not None and _overlaps(when, since, until):
                out.append(eid)
    else:
        out = [eid for eid, _, _ in rows]
    return None if share is not None and len(out) > share else out


def _iso_day(day) -> str | None:
    """A publication date as the ISO text the SQL of :func:`_candidates` makes of it."""
    return None if day is None else day.isoformat()[:10]


def _overlaps(when: str, since: str | None, until: str | None) -> bool:
    """:func:`_date_overlaps` on a value: ``when`` compared at its own precision."""
    return (not since or when >= since[:len(when)]) and (not until or when[:len(until)] <= until)


def _relaxations(u: Understanding):
    """Filters to drop, in turn, when the question's reading finds nothing: each says what it
    relaxed. The place and the names stay longest; the event word and the dates go first."""
    has_names = bool(u.actors or u.recipients or u.participants)
    steps = []
    if u.min_confidence is not None and u.categories and (has_names or u.location):
        # the kind of event and the names asked about, told less surely, answer the question
        # better than any kind of event with those names: the threshold goes before the event word
        steps.append(({"confidence": False}, f"no {'/'.join(u.categories)} event at confidence {u.min_confidence:g} "
                                             "or above; less certain events shown"))
    if u.categories and (has_names or u.location or u.since or u.until):
        steps.append(({"categories": False}, f"no {'/'.join(u.categories)} event matched; any kind of event shown"))
    if (u.since or u.until) and (has_names or u.location):
        steps.append(({"categories": False, "dates": False}, "nothing in the dates asked; any date shown"))
    if u.location and has_names:
        steps.append(({"categories": False, "dates": False, "place": False}, f"nothing at {u.location['name']}; any place shown"))
    return steps


def _fts_scores(session: Session, words: list[str], event_ids: list[int]) -> dict[int, float]:
    """How well each event's words and its sentence match the question's words (0..1)."""
    if not words or not event_ids:
        return {}
    sent_of = dict(session.execute(select(Event.id, Event.sentence_id).where(ids_in(Event.id, event_ids, dialect_of(session)))).all())
    hits = search.search(session, words, refs={"event": event_ids, "sentence": sorted(set(sent_of.values()))},
                         limit=4 * len(event_ids) + 10)
    ev_score: dict[int, float] = defaultdict(float)
    by_sentence: dict[int, float] = defaultdict(float)
    for h in hits:
        if h.kind == "event":
            ev_score[h.ref_id] += h.score
        else:
            by_sentence[h.ref_id] += h.score
    return {e: ev_score.get(e, 0.0) + 0.5 * by_sentence.get(s, 0.0) for e, s in sent_of.items()}


def _search_words(u: Understanding) -> list[str]:
    """The question's words with the near forms the stemmer cannot make ("threw" for "throw")."""
    out = list(u.words)
    for w in u.words:
        for form in IRREGULAR_FORMS.get(w, ()) + _stem_split_forms(w):
            if form not in out:
                out.append(form)
    return out


# "focus"/"focuses": the porter stemmer takes the final s of a word in -us (-is) for a plural
# ("focus" -> "focu", "virus" -> "viru") but keeps it in the inflected forms ("focuses",
# "focused" -> "focus"), so the bare word and its forms never meet
_US_FORM = re.compile(r"^(\w{2,}us)(?:es|ed|ing)$")


def _stem_split_forms(word: str) -> tuple[str, ...]:
    """The forms of a word in -us or -is that the stemmer keeps apart from it: "focus" ->
    "focuses" (which stems as "focused", "focusing" do), "focused" -> "focus", "crisis" ->
    "crises"."""
    if len(word) > 3 and word.endswith("us"):
        return (word + "es",)
    if len(word) > 4 and word.endswith("is"):
        return (word[:-2] + "es",)
    m = _US_FORM.match(word)
    return (m.group(1),) if m else ()


def _text_sentences(session: Session, u: Understanding, docs: list[int] | None, n: int = FALLBACK_HITS) -> dict[int, float]:
    """Sentences scored (0..1) by how well they, the events read from them and the quotes in
    them hold the question's words; within ``docs`` when given."""
    words = _search_words(u)
    hits = search.search(session, words, kinds=("sentence", "event", "quote"), limit=n, documents=docs)
    if not hits:
        return {}
    by_kind: dict[str, list] = defaultdict(list)
    for h in hits:
        by_kind[h.kind].append(h)
    own: dict[int, float] = defaultdict(float)
    extra: dict[int, float] = defaultdict(float)  # the best event or quote of the sentence
    for h in by_kind["sentence"]:
        own[h.ref_id] += h.score
    for kind, model in (("event", Event), ("quote", Quote)):
        if by_kind[kind]:
            sent_of = dict(session.execute(select(model.id, model.sentence_id)
                                           .where(ids_in(model.id, [h.ref_id for h in by_kind[kind]], dialect_of(session)))).all())
            for h in by_kind[kind]:
                sid = sent_of.get(h.ref_id)
                if sid is not None:
                    extra[sid] = max(extra[sid], h.score)
    return {sid: own.get(sid, 0.0) + 0.5 * extra.get(sid, 0.0) for sid in set(own) | set(extra)}


def _normalised(*score_maps: dict) -> list[dict]:
    """Raw full-text scores as 0..1, against the best of all the maps together."""
    top = max((v for m in score_maps for v in m.values()), default=0.0)
    return [{k: v / top for k, v in m.items()} if top > 0 else {k: 0.0 for k in m} for m in score_maps]


def _rank(session: Session, ids: list[int], u: Understanding, structured: set[int] | None = None,
          fts: dict[int, float] | None = None) -> tuple[list[int], dict[int, float]]:
    """Candidates best first: how well their words match the question, an exact role match (the
    actor as actor, the recipient as recipient), the question's first category, a date of their
    own inside the period asked about, then newer, more often told, surer. Ranked on ids and
    numbers, so that only the events kept become dicts."""
    want_actor = {a["id"] for a in u.actors}
    want_rec = {a["id"] for a in u.recipients}
    roles: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"actor": set(), "recipient": set()})
    told: dict[int, int] = {}
    info: dict[int, tuple] = {}
    dialect = dialect_of(session)
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        for eid, ent, role in session.execute(select(EventParticipant.event_id, EventParticipant.entity_id,
                                                     EventParticipant.role).where(ids_in(EventParticipant.event_id, part, dialect))):
            roles[eid].setdefault(role, set()).add(ent)
        told.update(session.execute(select(EventMention.event_id, func.count()).where(ids_in(EventMention.event_id, part, dialect))
                                    .group_by(EventMention.event_id)).all())
        info.update({r[0]: r[1:] for r in session.execute(select(Event.id, Event.type, Event.date, Event.confidence)
                                                           .where(ids_in(Event.id, part, dialect)))})
    if fts is None:
        fts = _normalised(_fts_scores(session, _ranking_words(u), ids))[0]
    first, last = _period(u)

    def within(date: str | None) -> int:
        """1 for an event dated inside the period asked about; a coarser date that only holds
        it ("2020" for 5 January 2020) says less about that day."""
        if not date or not (first or last):
            return 0
        return int((first is None or date >= first) and (last is None or date <= last))

    def key(eid: int):
        typ, date, conf = info[eid]
        exact = (1 if want_actor & roles[eid]["actor"] else 0) + (1 if want_rec & roles[eid]["recipient"] else 0)
        cat = 1 if u.categories and typ == u.categories[0] else 0
        score = (2.0 * fts.get(eid, 0.0) + exact + cat + within(date)
                 + (0.5 if structured is None or eid in structured else 0.0))
        year = int(date[:4]) if (date or "")[:4].isdigit() else 0
        return (-round(score, 3), -year, -max(told.get(eid, 0), 1), -round(conf, 3), eid)

    keys = {eid: key(eid) for eid in ids}
    ranked = sorted(ids, key=keys.__getitem__)
    return ranked, {eid: -keys[eid][0] for eid in ranked}


def _named_documents(session: Session, u: Understanding) -> tuple[list[int] | None, str | None]:
    """The documents that mention every name of the question (else any of them), to keep a
    full-text answer to what the question is about; None when it names nothing."""
    refs = u.refs
    if not refs:
        return None, None
    sets = [set(session.scalars(select(Mention.document_id).where(Mention.entity_id == r["id"]).distinct()
                                .limit(MAX_LISTED_ENTITIES))) for r in refs]
    both = set.intersection(*sets)
    if both:
        return sorted(both), None
    anyof = set.union(*sets)
    if anyof:
        return sorted(anyof), "no document names all of " + ", ".join(r["name"] for r in refs) + "; documents naming any of them searched"
    return None, "no document names " + ", ".join(r["name"] for r in refs) + "; every document searched"


def _sentences_naming(session: Session, sentence_ids: list[int], entity_ids: list[int]) -> set[int]:
    """Which of a few sentences mention any of the entities. Read by sentence and filtered here:
    given both conditions, SQLite walked the mentions of the entity (half a million for a popular
    name at a million events, 0.1 s) instead of the few sentences' own."""
    if not sentence_ids or not entity_ids:
        return set()
    want = set(entity_ids)
    return {sid for sid, eid in session.execute(select(Mention.sentence_id, Mention.entity_id)
                                                 .where(ids_in(Mention.sentence_id, sentence_ids, dialect_of(session)))) if eid in want}


def _name_words(u: Understanding) -> set[str]:
    """The searchable words of the names the question was read to hold."""
    refs = u.refs
    return {w for r in refs for w in topic_words([r.get("words") or "", r.get("name") or ""])}


def _ranking_words(u: Understanding) -> list[str]:
    """The words that rank the events the reading found: every one of them involves the
    question's names, so the names' words would match them all (and, at a million events, half a
    million other rows the search has to read before keeping these)."""
    names = _name_words(u)
    return [w for w in _search_words(u) if w not in names]


def _fallback(session: Session, u: Understanding, limit: int, relaxed: list[str]) -> list[dict]:
    """The full-text answer: the sentences that best match the question's words (through their
    own words, their events' participants and their quotes), each as its events, or as the
    sentence itself when no event was read from it; within the documents that name the
    question's names, when there are any."""
    docs, why = _named_documents(session, u)
    scores = _normalised(_text_sentences(session, u, docs))[0]
    if why:
        relaxed.append(why)
    if not scores and docs is not None:
        scores = _normalised(_text_sentences(session, u, None))[0]
        if scores:
            relaxed.append("nothing in the documents naming " + ", ".join(
                r["name"] for r in u.refs)
                + "; every document searched")
    return _merge_rows(session, u, {}, scores, limit, agent=u.asks_who)


# "Who ...?" answered by the full text: a sentence's event that has an actor names who did it,
# which a sentence no event was read from does not; it gains this (the best sentence scores 2)
AGENT_BONUS = 0.5


def _merge_rows(session: Session, u: Understanding, event_scores: dict[int, float], sent_scores: dict[int, float],
                limit: int, agent: bool = False) -> list[dict]:
    """Events (scored by the reading and their words) and the sentences the words found, best
    first: a sentence no event was read from is a row of its own. ``agent``: an event with an
    actor gains AGENT_BONUS."""
    order = sorted(sent_scores, key=lambda s_: (-sent_scores[s_], s_))[: max(limit, 1) * 5]
    in_sent: dict[int, list[Event]] = defaultdict(list)
    if order:
        for e in session.scalars(select(Event).where(Event.sentence_id.in_(order), Event.negated.is_(False))):
            if u.min_confidence is None or (e.confidence or 0) >= u.min_confidence:
                in_sent[e.sentence_id].append(e)
    acted: set[int] = set()
    if agent and in_sent:
        acted = set(session.scalars(select(EventParticipant.event_id).where(
            EventParticipant.event_id.in_([e.id for es in in_sent.values() for e in es]), EventParticipant.role == "actor")))
    cats = u.categories
    scored: dict[tuple[str, int], float] = {}
    for eid, v in event_scores.items():
        scored[("event", eid)] = v
    for sid in order:
        if in_sent[sid]:
            for e in in_sent[sid]:
                v = 2.0 * sent_scores[sid] + (1.0 if cats and e.type in cats else 0.0) + (AGENT_BONUS if e.id in acted else 0.0)
                scored[("event", e.id)] = max(scored.get(("event", e.id), 0.0), v)
        else:
            scored[("sentence", sid)] = 2.0 * sent_scores[sid]
    best = sorted(scored, key=lambda k: (-round(scored[k], 3), k[0] != "event", k[1]))[:limit]
    ev_rows = {r["id"]: r for r in _event_rows(session, [i for k, i in best if k == "event"])}
    sents = _sentence_rows(session, [i for k, i in best if k == "sentence"])
    return [ev_rows[i] if k == "event" else sents[i] for k, i in best]


# an age as news writes it: "aged 55", "at the age of 55", "a 34-year-old", "Kinsman, 49,", "He was 34"
AGE = re.compile(r"\b(?:aged|age of|was|is|turned)\s+(?:about\s+)?(\d{1,3})\b(?!\s*(?:%|percent|per|years?\s+(?:ago|before|after)"
                 r"|million|billion|km|miles|metres|people|seats|votes|times|[-\u2013]|[.,]\d))"
                 r"|\b(\d{1,3})-year-old\b|,\s(\d{1,3}),")
AGE_MENTIONS = 100  # sentences naming the person read, the newest articles first


# a sentence that takes up the person by their age: "The 67-year-old killer had kept ..."
DESCRIBED_AGE = re.compile(r"\s*the\s+\d{1,3}-year-old\b", re.I)
# "40-year-old Kim Lo": the age is the next name's
AGE_BEFORE_NAME = re.compile(r"\s+(?:[A-Z][\w'’-]+\s*){1,3}")


def _age_of(text_: str, spans: list[tuple[int, int]]) -> int | None:
    """The age a sentence gives of the person named at ``spans`` (none: the person the sentence
    takes up): of its ages, the nearest to the name, leaving out an "N-year-old" that stands
    before another name ("X's first victim was 40-year-old Kim Lo")."""
    best: tuple[int, int] | None = None
    for m in AGE.finditer(text_):
        value = int(next(g for g in m.groups() if g))
        if not 0 < value < 130:
            continue
        if m.group(2):
            nxt = AGE_BEFORE_NAME.match(text_, m.end())
            if nxt and not any(a <= nxt.start() + 1 <= b or nxt.start() <= a < nxt.end() for a, b in spans):
                continue
        dist = min((abs(m.start() - b) if m.start() >= b else abs(a - m.end()) for a, b in spans), default=0)
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None


def _ages(session: Session, u: Understanding, limit: int) -> list[dict]:
    """"How old was X?": the sentences naming X that give an age, and the pronoun-led sentence
    just after one naming X ("Al-Quaety died on Tuesday. He was 34."), each with the age as its
    count; a sentence naming X before one that only follows it."""
    named: list[int] = []
    at: dict[int, list[tuple[int, int]]] = defaultdict(list)  # where in the text each sentence names X
    for ref in u.refs:  # one entity at a time: the (entity, document) index walks newest first and stops
        for sid, a, b in session.execute(select(Mention.sentence_id, Mention.start_char, Mention.end_char)
                                         .where(Mention.entity_id == ref["id"])
                                         .order_by(Mention.document_id.desc()).limit(AGE_MENTIONS)):
            named.append(sid)
            at[sid].append((a, b))
    named = list(dict.fromkeys(named))
    if not named:
        return []
    where = dict(((d, i), sid) for sid, d, i in session.execute(
        select(Sentence.id, Sentence.document_id, Sentence.sentence_index).where(Sentence.id.in_(named))))
    starts = dict(session.execute(select(Sentence.id, Sentence.start_char).where(Sentence.id.in_(named))).all())
    after = {(d, i + 1) for d, i in where} - set(where)
    texts = {sid: (d, i, t) for sid, d, i, t in session.execute(
        select(Sentence.id, Sentence.document_id, Sentence.sentence_index, Sentence.text)
        .where(or_(Sentence.id.in_(named), *(and_(Sentence.document_id == d, Sentence.sentence_index == i)
                                              for d, i in sorted(after)))))}
    found: list[tuple[int, int, int, int]] = []  # (own sentence or the next, newest first, sentence, age)
    for sid, (d, i, text_) in texts.items():
        own = (d, i) in where
        if not own and not ((d, i) in after and (_pronoun_led({"kind": "sentence", "sentence": text_})
                                                  or DESCRIBED_AGE.match(text_))):
            continue
        spans = [(a - starts[sid], b - starts[sid]) for a, b in at.get(sid, [])]
        age = _age_of(text_, spans)
        if age is not None:
            found.append((0 if own else 1, named.index(where[(d, i)] if own else where[(d, i - 1)]), sid, age))
    found.sort()
    rows = _sentence_rows(session, [sid for _, _, sid, _ in found[:max(limit, 1)]])
    return [{**rows[sid], "count": age} for _, _, sid, age in found[:max(limit, 1)]]


def _verbal(categories: list[str]) -> bool:
    """The question's first event kind is a verbal one (plover_categories.tsv quad_class 1 or 3)."""
    from .nlp.plover import category

    c = category(categories[0]) if categories else None
    return bool(c and c.verbal)


def _acted(rows: list[dict], u: Understanding) -> bool:
    """Some row is an event of the question's kinds with one of its actors as actor."""
    asked = {a["id"] for a in u.actors}
    return any(r.get("kind", "event") == "event" and r.get("type") in u.categories
               and asked & {a.get("id") for a in r.get("actors") or []} for r in rows)


def first_word(question: str) -> str:
    words = WORD.findall(question)
    return words[0].lower() if words else ""


# the words that begin a sentence whose subject is told in an earlier one
PRONOUNS = {"he", "she", "they", "it", "his", "her", "their", "its", "this", "these", "those"}


def _pronoun_led(row: dict) -> bool:
    """A sentence row (no event, so no actor read) whose first word is a pronoun: "They also
    declared seven days of mourning." says who only through the sentence before it."""
    if row.get("kind") != "sentence":
        return False
    words = WORD.findall(row.get("sentence") or "")
    skip = {"also", "then", "later", "and", "but"}
    return bool(words) and next((w.lower() for w in words if w.lower() not in skip), "") in PRONOUNS


# the time words a sentence dates itself by ("caught fire yesterday morning", "on Tuesday")
_MONTH_RE = "|".join(MONTHS)
SENTENCE_DATE = re.compile(
    r"\b(?:yesterday|today|tonight|last night"
    r"|(?:last |this |on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?:{_MONTH_RE})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{_MONTH_RE})(?:\s+\d{{4}})?"
    rf"|(?:in |since )?(?:{_MONTH_RE})\s+\d{{4}}|(?:in|since) \d{{4}})\b", re.I)


def _dated_by_text(row: dict) -> dict:
    """A sentence row, dated by its article, dated instead by the first time words it holds,
    read against the article's day: "When did the fire happen?" answered by "The hotel caught
    fire yesterday" is answered by the day before publication, not by publication."""
    if row.get("kind") not in {"sentence", "quantity"} or row.get("date_precision") != "published" or not row.get("date"):
        return row
    from .nlp.dates import resolve_date

    try:
        published = dt.date.fromisoformat(str(row["date"])[:10])
    except ValueError:
        return row
    for m in SENTENCE_DATE.finditer(row.get("sentence") or ""):
        found = resolve_date(m.group(0), published)
        if found is not None:
            return {**row, "date": found.iso, "date_precision": found.precision, "date_text": m.group(0)}
    return row


# "the day before the rally", "a day after the vote": a day told relative to another event of
# the article
DAY_BEFORE_EVENT = re.compile(r"\b(?:the|a|one) day (before|after) (?:the |that |this |his |her |their |its )?([a-z]+)", re.I)
# events of the document read to find the one a sentence dates itself by
DOCUMENT_EVENTS = 200


def _dated_by_event(session: Session, row: dict) -> dict:
    """A sentence row still dated by its article whose time words are a day before or after
    another happening the article tells ("rejected, the day before the rally, a lawsuit"): the
    day is that event's own day, shifted by one, when the article dates exactly one event of that
    word to the day."""
    if row.get("kind") not in {"sentence", "quantity"} or row.get("date_precision") != "published":
        return row
    m = DAY_BEFORE_EVENT.search(row.get("sentence") or "")
    doc = (row.get("document") or {}).get("id")
    if not m or doc is None:
        return row
    noun = m.group(2).lower()
    days = {d for trig, d in session.execute(
        select(Event.trigger, Event.date).where(Event.document_id == doc, Event.date_precision.in_(["day", "story"]))
        .limit(DOCUMENT_EVENTS)) if d and _same_word(trig or "", noun)}
    if len(days) != 1:
        return row
    try:
        day = dt.date.fromisoformat(days.pop()) + dt.timedelta(days=-1 if m.group(1).lower() == "before" else 1)
    except ValueError:
        return row
    return {**row, "date": day.isoformat(), "date_precision": "day", "date_text": m.group(0)}


def _with_neighbours(session: Session, results: list[dict], limit: int, after: bool = True) -> list[dict]:
    """The first answer, then the sentences just before and after it in its document, then the
    rest: a news report states why something was done in the sentence that tells it or in the
    ones next to it ("The party withdrew her candidacy. The king had called it inappropriate.").
    ``after`` False: only the sentence before (whom a pronoun means)."""
    top = results[0]
    sid = top["id"] if top.get("kind") == "sentence" else None
    if top.get("kind") == "event":
        sid = session.scalar(select(Event.sentence_id).where(Event.id == top["id"]))
    if sid is None:
        return results
    doc, idx = session.execute(select(Sentence.document_id, Sentence.sentence_index).where(Sentence.id == sid)).one()
    near = list(session.scalars(select(Sentence.id).where(Sentence.document_id == doc,
                                                          Sentence.sentence_index.in_([idx + 1, idx - 1] if after else [idx - 1]))
                                .order_by(Sentence.sentence_index.desc())))
    shown = {r["id"] for r in results if r.get("kind") == "sentence"}
    rows = _sentence_rows(session, [i for i in near if i not in shown])
    extra = [{**rows[i], "context": "next to the answer"} for i in near if i in rows]
    return ([top] + extra + [r for r in results[1:] if not (r.get("kind") == "sentence" and r["id"] in near)])[:max(limit, 1)]


def _sentence_rows(session: Session, ids: list[int]) -> dict[int, dict]:
    """Sentences as answer rows shaped like events (no type or participants), dated by their
    document."""
    if not ids:
        return {}
    rows = session.execute(select(Sentence.id, Sentence.text, Sentence.document_id).where(Sentence.id.in_(ids))).all()
    docs = {d["id"]: d for d in (document_ref(x) for x in session.execute(
        select(Document.id, Document.url, Document.title, Document.published).where(Document.id.in_({r[2] for r in rows}))))}
    return {sid: {"kind": "sentence", "id": sid, "type": None, "actors": [], "recipients": [], "location": None,
                  "date": docs[doc]["published"], "date_precision": "published" if docs[doc]["published"] else None,
                  "count": None, "trigger": None, "sentence": text_, "document": docs[doc]}
            for sid, text_, doc in rows}


# forms of a verb the porter stemmer does not join to it
IRREGULAR_FORMS = {"throw": ("threw", "thrown"), "threw": ("throw",), "win": ("won",), "won": ("win",), "meet": ("met",),
                   "met": ("meet",), "hold": ("held",), "held": ("hold",), "fight": ("fought",), "give": ("gave", "given"),
                   "take": ("took", "taken"), "leave": ("left",), "flee": ("fled",), "fled": ("flee",), "seek": ("sought",),
                   "die": ("dead", "death"), "died": ("dead", "death"), "kill": ("killing", "dead"), "killed": ("dead",),
                   "steal": ("stole", "stolen"), "shoot": ("shot",), "shot": ("shoot",), "bring": ("brought",),
                   "tell": ("told",), "say": ("said",), "speak": ("spoke",), "choose": ("chose", "chosen"),
                   "fall": ("fell",), "fell": ("fall", "collapse"), "rise": ("rose",), "begin": ("began",),
                   "buy": ("bought",), "sell": ("sold",), "run": ("ran", "compete", "contest"), "ran": ("run", "compete", "contest"), "build": ("built",), "send": ("sent",), "lose": ("lost",)}


# words near a number that say it counts these people ("22 killed"), or other people ("24 injured")
COUNT_WORDS = {
    "DEATH": ("die", "died", "dead", "death", "deaths", "kill", "killed", "killing", "toll", "bodies", "fatalities", "lives"),
    "ASSAULT": ("die", "died", "dead", "death", "deaths", "kill", "killed", "killing", "toll", "bodies", "fatalities"),
    "COERCE": ("arrest", "arrested", "arrests", "detained", "detain", "custody", "held"),
    # a crowd is counted by what it did and by what drew it ("protests, one of which drew two million")
    "PROTEST": ("protest", "protests", "protested", "protesters", "protestors", "marched", "march", "marches", "marchers",
                "rally", "rallies", "rallied", "demonstrators", "demonstration", "demonstrations", "demonstrated",
                "gathered", "joined", "took", "drew", "attended", "crowd", "crowds", "turnout"),
}
OTHER_PEOPLE = ("injured", "injuring", "wounded", "wounding", "hurt", "missing", "rescued", "survivors", "survived",
                "evacuated", "hospitalised", "hospitalized", "injuries")
# what befalls people without being an event of its own kind ("how many were injured"): each
# question word with the words that count such people in the text
_INJURED = ("injured", "injuring", "injuries", "wounded", "wounding", "hurt")
PEOPLE_STATES = {"injured": _INJURED, "wounded": _INJURED, "hurt": _INJURED, "injuries": _INJURED,
                 "missing": ("missing",), "rescued": ("rescued",), "evacuated": ("evacuated",),
                 "hospitalised": ("hospitalised", "hospitalized"), "hospitalized": ("hospitalised", "hospitalized")}
NOT_PEOPLE = {"storey", "storeys", "story", "floors", "years", "year", "percent", "%", "hospital", "hospitals", "days",
              "hours", "minutes", "km", "miles", "metres", "meters", "apartments", "buildings", "vehicles", "cars",
              "usd", "dollars", "votes", "seats", "times", "weeks", "months", "rooms", "structures", "records"}


@lru_cache(maxsize=64)
def _count_word_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One pattern for every count word a number may stand near (whole words: two of them never
    match at one place, so one pass finds what a pass per word would)."""
    alternatives = sorted(set(words) | set(OTHER_PEOPLE) | set(COUNT_WORDS["DEATH"]), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b")


@lru_cache(maxsize=64)
def _asked_word_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Any of the question's own count words, as whole words."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) + r")\b")


def _count_words_in(sentence: str, words: tuple[str, ...]) -> list[tuple[int, int, bool]]:
    """Where the count words stand in a sentence, and whether each is one of ``words``. A
    sentence without any of ``words`` has no number that counts their people: none is listed
    (most of a country's numbers are of other things, and this one search rejects them)."""
    key = tuple(sorted(set(words)))
    low = sentence.lower()
    if not key or not _asked_word_pattern(key).search(low):
        return []
    return [(m.start(), m.end(), m.group(0) in words) for m in _count_word_pattern(key).finditer(low)]


def _shortest_parts(words: tuple[str, ...]) -> list[str]:
    """The words none of the others is part of ("die" for "die", "died"): a text holding any of
    ``words`` holds one of these, so they find the same sentences with fewer tests."""
    low = sorted({w.lower() for w in words if w}, key=lambda w: (len(w), w))
    return [w for n, w in enumerate(low) if not any(x in w for x in low[:n])]


def _holding_any(column, parts: list[str], dialect: str):
    """``column`` holds any of ``parts`` (lower case), whatever the case of its text. PostgreSQL:
    one ``lower()`` and ``LIKE ANY``, 8 ms for 2,900 sentences where a LIKE per part (each
    lowering the text again) took 23 ms."""
    escaped = ["%" + re.sub(r"([\\%_])", r"\\\1", w) + "%" for w in parts]
    if dialect == "postgresql":
        # backslash is LIKE's escape character by default there
        return func.lower(column).like(any_(postgresql.array(escaped)))
    return or_(*[func.lower(column).like(p, escape="\\") for p in escaped])


def _counts_people(spans: list[tuple[int, int, bool]], start: int, end: int) -> bool:
    """A number counts the people asked about when the nearest count word to it (``spans``, from
    :func:`_count_words_in`), within a few words, is one of theirs ("killed 22 and injured 24":
    22 counts the dead, 24 does not)."""
    best = None
    for m_start, m_end, ours in spans:
        dist = start - m_end if m_end <= start else m_start - end
        if dist < 0:
            dist = 0
        if dist <= 60 and (best is None or dist < best[0]):
            best = (dist, ours)
    return bool(best and best[1])


# a number told of the whole world ("140 thousand related deaths worldwide") counts no place's people
_WORLD_SCOPE = re.compile(r"\b(?:worldwide|world-wide|globally|(?:around|across|in) the (?:world|globe))\b")
_WORLD_WORDS = frozenset({"world", "worldwide", "global", "globally", "globe"})


def _people_count(session: Session, u: Understanding, ids: list[int], documents: set[int] | None = None) -> tuple[int, list[dict]]:
    """Everyone the matching events and numbers count: per document the largest count it gives
    (a toll told three times is one toll), summed over documents. Returns the total and the rows
    summed."""
    words = tuple(u.count_words) or tuple(w for c in u.categories if c in COUNT_WORDS for w in COUNT_WORDS[c])
    # columns, not ORM objects: a country's year holds a thousand candidates, a few of them kept
    dialect = dialect_of(session)
    events = [] if not ids else session.execute(
        select(Event.id, Event.document_id, Event.count, Event.type).where(ids_in(Event.id, ids, dialect))).all()
    docs = {e.document_id for e in events} | set(documents or ())
    best: dict[int, tuple[float, str, object]] = {}
    for e in events:
        # an event's count is of its own participants (the dead of an attack), not of the injured
        if e.count and e.type in u.categories and not u.count_words and (e.document_id not in best or e.count > best[e.document_id][0]):
            best[e.document_id] = (e.count, "event", e)
    if docs and words:
        # columns, not ORM objects: a country's year holds thousands of numbers, few of them kept.
        # Only numbers whose sentence holds one of the asked count words somewhere: a number in
        # any other sentence counts no one here (_count_words_in lists no word for it), and at a
        # million events these are most of them (2,700 of Iran's 2,900 numbers of 2020, sent
        # with their sentences and searched one by one in Python)
        held = _holding_any(Sentence.text, _shortest_parts(words), dialect)
        rows = session.execute(select(Quantity.id, Quantity.value, Quantity.unit, Quantity.text, Quantity.document_id,
                                      Quantity.sentence_id, Quantity.start_char, Quantity.end_char,
                                      Sentence.text.label("sentence_text"), Sentence.start_char.label("sentence_start"))
                               .join(Sentence, Sentence.id == Quantity.sentence_id)
                               .where(ids_in(Quantity.document_id, docs, dialect), Quantity.value > 0, Quantity.value < 10_000_000,
                                      or_(Quantity.unit.is_(None), func.lower(Quantity.unit).not_in(sorted(NOT_PEOPLE))),
                                      held)
                               ).all()
        by_doc: dict[int, list] = defaultdict(list)
        for qn in rows:
            if qn.value == int(qn.value):
                by_doc[qn.document_id].append(qn)
        spans_of: dict[int, list] = {}  # a sentence with several numbers is read once
        world = bool(_WORLD_WORDS & {w.lower() for w in u.words})
        for doc_id, numbers in by_doc.items():
            # only a document's largest number that counts the people matters: its numbers are
            # tried largest first (in the order read among equals), the first one that counts them
            # is kept, and none at or below the count of the document's event is tried
            numbers.sort(key=lambda qn: -qn.value)
            floor = best[doc_id][0] if doc_id in best else None
            for qn in numbers:
                if floor is not None and qn.value <= floor:
                    break
                if not world and _WORLD_SCOPE.search(qn.sentence_text.lower()):
                    continue
                spans = spans_of.get(qn.sentence_id)
                if spans is None:
                    spans = spans_of[qn.sentence_id] = _count_words_in(qn.sentence_text, words)
                if _counts_people(spans, qn.start_char - qn.sentence_start, qn.end_char - qn.sentence_start):
                    best[doc_id] = (qn.value, "quantity", qn)
                    break
    total = int(sum(v for v, _, _ in best.values()))
    kept = [x.id for _, k, x in best.values() if k == "event"]
    kept_events = list(session.scalars(select(Event).where(Event.id.in_(kept)))) if kept else []
    ev_rows = {d["id"]: d for d in events_to_dicts(session, kept_events)}
    qn_rows = _quantity_rows(session, [x for _, k, x in best.values() if k == "quantity"])
    out = []
    for doc_id, (value, kind, x) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        out.append({"kind": "event", **ev_rows[x.id]} if kind == "event" else qn_rows[x.id])
    return total, out


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word, near enough for a question's word and the text's ("seats"/"seat",
    "lose"/"lost" through IRREGULAR_FORMS before this): a shared start all but the endings long."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n >= max(4, min(len(a), len(b)) - 2)


def _closeness(sentence: str, start: int, end: int, words: list[str]) -> float:
    """1 when one of ``words`` stands next to the number, falling to 0 thirty characters away
    ("Labour lost 42": 42 is what Labour lost; the 66 seats at the start of the sentence are not)."""
    best = 0.0
    for m in WORD.finditer(sentence):
        if any(_same_word(m.group(0).strip("'’.,"), w) for w in words):
            dist = start - m.end() if m.end() <= start else max(m.start() - end, 0)
            best = max(best, 1.0 - min(dist, 30) / 30)
    return best


def _measured(session: Session, u: Understanding, limit: int) -> list[dict]:
    """"How many N did X ...", N neither people nor events: the numbers of N that the sentences
    best matching the question give (within the documents naming its names), one row each, the
    best first. A number counts N when N is its unit, or, with no unit, when N is in its
    sentence ("gained 66 seats, while Labour lost 42"); the nearer it stands to the question's
    other words (the verb), the better: of a sentence's numbers the nearest to them, and that
    weighs more than a stated unit ("pleaded guilty to 29 of 30 charges": 29 is what was
    pleaded to)."""
    docs, _ = _named_documents(session, u)
    names = _name_words(u) if docs is not None else set()
    within = Understanding(words=[w for w in u.words if w not in names] or [u.unit or ""])
    sent_scores = _normalised(_text_sentences(session, within, docs, n=60))[0]
    if not sent_scores:
        return []
    if docs is not None:
        # a sentence that names the question's names before one that only shares its words
        named = _sentences_naming(session, list(sent_scores), [r["id"] for r in u.refs])
        sent_scores = {k: v * (1.0 if k in named else 0.5) for k, v in sent_scores.items()}
    phrase = set(u.unit_words)
    near = [w for w in _search_words(within) if w not in phrase]
    noun = re.compile(r"\b" + re.escape((u.unit or "")[:max(4, len(u.unit or "") - 2)]), re.I)
    found: list[tuple[float, float, object]] = []
    for qn, text_, s_at in session.execute(select(Quantity, Sentence.text, Sentence.start_char)
                                           .join(Sentence, Sentence.id == Quantity.sentence_id)
                                           .where(Quantity.sentence_id.in_(list(sent_scores)))):
        if qn.value is None or qn.value <= 0:
            continue
        if u.unit == MONEY:
            if not (qn.unit and CURRENCY_UNIT.fullmatch(qn.unit.split()[-1])):
                continue  # a number of something else
            fit = 1.0
        elif qn.unit:
            if not _same_word(qn.unit.split()[-1], u.unit or ""):
                continue  # a number of something else
            fit = 1.0
        elif noun.search(text_):
            fit = 0.5
        else:
            continue
        found.append((fit, _closeness(text_, qn.start_char - s_at, qn.end_char - s_at, near), qn))
    # of a sentence's numbers, the one nearest the question's words is what they say ("pleaded
    # guilty to 29 of 30 charges": 29); the others keep only their sentence and unit
    nearest: dict[int, float] = {}
    for _, close, qn in found:
        nearest[qn.sentence_id] = max(nearest.get(qn.sentence_id, 0.0), close)
    scored = [(2.0 * sent_scores[qn.sentence_id] + fit + (2.0 * close if close > 0 and close == nearest[qn.sentence_id] else 0.0),
               qn.id, qn) for fit, close, qn in found]
    scored.sort(key=lambda t: (-round(t[0], 3), t[1]))
    kept = [qn for _, _, qn in scored[:max(limit, 1)]]
    rows = _quantity_rows(session, kept)
    return [rows[q.id] for q in kept]


def _quantity_rows(session: Session, qns: list) -> dict[int, dict]:
    if not qns:
        return {}
    sents = _sentence_rows(session, [q.sentence_id for q in qns])
    return {q.id: {**sents[q.sentence_id], "kind": "quantity", "id": q.id, "count": int(q.value), "trigger": q.text}
            for q in qns}


def _sql_list(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def _order_by(col: str, ids: list[int]) -> str:
    return "CASE " + col + " " + " ".join(f"WHEN {int(i)} THEN {n}" for n, i in enumerate(ids)) + " END"


def answer_sql(kind: str, rows: list[dict]) -> str:
    """ONE statement, literals inlined, over the documented views (and the sentences and
    quantities tables for rows that are not events), that returns the answer's rows in order:
    run it in `kb sql`, sqlite3 or psql to see or extend the answer."""
    if kind in {"entity", "people", "role_holder", "described"}:
        ids = [r["id"] for r in rows]
        if not ids:
            return "SELECT * FROM entity_view WHERE 1 = 0"
        return (f"SELECT * FROM entity_view WHERE entity_id IN ({_sql_list(ids)}) ORDER BY {_order_by('entity_id', ids)}")
    if kind == "quotes" and all(r.get("kind", "quote") == "quote" for r in rows):
        ids = [r["id"] for r in rows]
        if not ids:
            return "SELECT * FROM quote_view WHERE 1 = 0"
        return f"SELECT * FROM quote_view WHERE quote_id IN ({_sql_list(ids)}) ORDER BY {_order_by('quote_id', ids)}"
    cols = "date, date_precision, type, actors, recipients, location, count, trigger, sentence, document_title, document_url"
    parts = []
    for n, r in enumerate(rows):
        k = r.get("kind", "event")
        if k == "event":
            parts.append((n, f"SELECT {n} AS rank, 'event' AS kind, event_id AS id, {cols} FROM event_view WHERE event_id = {int(r['id'])}"))
        elif k == "sentence":
            parts.append((n, f"SELECT {n} AS rank, 'sentence' AS kind, s.id AS id, CAST(d.published AS TEXT) AS date, "
                             f"'published' AS date_precision, NULL AS type, NULL AS actors, NULL AS recipients, NULL AS location, "
                             f"NULL AS count, NULL AS trigger, s.text AS sentence, d.title AS document_title, d.url AS document_url "
                             f"FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id = {int(r['id'])}"))
        elif k == "quantity":
            parts.append((n, f"SELECT {n} AS rank, 'quantity' AS kind, q.id AS id, CAST(d.published AS TEXT) AS date, "
                             f"'published' AS date_precision, NULL AS type, NULL AS actors, NULL AS recipients, NULL AS location, "
                             f"CAST(q.value AS INTEGER) AS count, q.text AS trigger, s.text AS sentence, d.title AS document_title, "
                             f"d.url AS document_url FROM quantities q JOIN sentences s ON s.id = q.sentence_id "
                             f"JOIN documents d ON d.id = q.document_id WHERE q.id = {int(r['id'])}"))
        elif k == "quote":
            parts.append((n, f"SELECT {n} AS rank, 'quote' AS kind, quote_id AS id, CAST(published AS TEXT) AS date, "
                             f"'published' AS date_precision, NULL AS type, speaker AS actors, NULL AS recipients, NULL AS location, "
                             f"NULL AS count, NULL AS trigger, text AS sentence, document_title, document_url "
                             f"FROM quote_view WHERE quote_id = {int(r['id'])}"))
    if not parts:
        return f"SELECT 0 AS rank, 'event' AS kind, event_id AS id, {cols} FROM event_view WHERE 1 = 0"
    if all(r.get("kind", "event") == "event" for r in rows):
        ids = [r["id"] for r in rows]
        return (f"SELECT 'event' AS kind, event_id AS id, {cols} FROM event_view WHERE event_id IN ({_sql_list(ids)}) "
                f"ORDER BY {_order_by('event_id', ids)}")
    return "SELECT * FROM (\n" + "\nUNION ALL\n".join(p for _, p in parts) + "\n) AS answer ORDER BY rank"


def answer(session: Session, question: str, limit: int = 10, as_of: dt.date | None = None,
           min_confidence: float | None = None) -> dict:
    """The answer to a question: ``results`` (events, entities, quotes or, from the full-text
    fallback, sentences and numbers, each with ``kind``), ``total`` (how many matched before
    ``limit`` cut the list), ``answered_by`` ("structured" or "full-text fallback"), ``relaxed``
    (filters dropped because they found nothing), ``notes`` and ``sql`` (one statement that
    returns the rows). Events whose confidence is below ``min_confidence`` are left out (None:
    all of them)."""
    # PostgreSQL: plans for short lookups (custom plans, no parallel workers, no JIT), see LOOKUP_SETTINGS
    with lookup_settings(session):
        return _answer(session, question, limit, as_of, min_confidence)


def _answer(session: Session, question: str, limit: int, as_of: dt.date | None, min_confidence: float | None) -> dict:
    limit = max(limit, 1) if limit else 10
    u = understand(session, question, as_of)
    u.min_confidence = min_confidence
    relaxed: list[str] = []
    notes: list[str] = list(u.ambiguous) + ([u.dates] if u.dates else [])
    answered_by = "structured"
    total = None
    extra: dict = {}
    held = _role_holders(session, u, limit, as_of) if u.kind == "role_holder" else []
    if u.kind == "role_holder" and not held:
        # no one is stored with the title (a title the extraction read as no role: "voted to
        # elect X as the new leader"): what the events and the text say of it answers
        notes.append(f"no one is stored with the title {u.title!r}; events and sentences holding the question's words shown")
        u.kind = "events"
    if u.kind == "entity":
        refs = u.refs
        if refs:
            prof = entity_profile(session, refs[0]["words"]) or entity_profile(session, refs[0]["name"])
        else:
            prof = entity_profile(session, u.topic or "")
            if prof is None:
                ent = _entity_by_words(session, topic_words([u.topic or ""]))
                if ent is not None:
                    prof = entity_profile(session, ent.name)
                    answered_by = "full-text fallback"
                    notes.append(f"no entity is called {u.topic!r}; full-text fallback over names found {ent.name}")
        if prof:
            # the sentences that name it say what it is where no title was read ("the El Paso mayor, Dee Margo")
            sids = _naming_sentences(session, prof, notes)
            rows = _sentence_rows(session, sids)
            prof = {"kind": "entity", **prof, "named_in": [rows[i]["sentence"] for i in dict.fromkeys(sids) if i in rows]}
        results = [prof] if prof else []
    elif u.kind == "role_holder":
        results = held
    elif u.kind == "described":
        results = _described(session, u, limit)
    elif u.kind == "age" and (aged := _ages(session, u, limit)):
        results = aged
        extra = {"count": aged[0]["count"], "counted": "years of age", "events": 0}
        notes.append("how old: the age the sentences naming the person give (or the sentence after one that names "
                     "them, led by a pronoun), the newest article first")
    elif u.kind == "people":
        place = u.actors + u.participants + u.recipients + ([u.location] if u.location else [])
        mentions = func.coalesce(EntityStats.mentions, 0)
        q = select(Entity).outerjoin(EntityStats, EntityStats.entity_id == Entity.id).where(Entity.type == "PERSON")
        if place:
            q = q.where(Entity.country.in_([p["country"] for p in place if p.get("country")]))
        # a stated nationality before a guessed one, then the most talked-about
        q = q.order_by(Entity.country_inferred, mentions.desc(), Entity.name)
        results = entity_summaries(session, list(session.scalars(q.limit(limit))))
    elif u.kind == "quotes":
        results, on_topic = _quotes(session, u, limit)
        if any(r.get("attribution") == UNATTRIBUTED for r in results):
            # quotes that may not be the speaker's: at most half the answer, with the full-text
            # fallback (what the text says of the speaker and the topic) after them, or around
            # them when none holds the topic's words
            notes.append("no quote is told as the speaker's; quotes whose speaker was not read, of the articles "
                         "naming them, " + ("first, then" if on_topic else "after the first rows of") + " the full-text fallback")
            half = max(limit // 2, 1)
            maybe = [r for r in results if r.get("attribution") == UNATTRIBUTED][:half]
            keep = maybe + [r for r in results if r.get("attribution") != UNATTRIBUTED] if not on_topic else \
                [r for r in results if r.get("attribution") != UNATTRIBUTED or r in maybe]
            shown = {(r.get("kind"), r.get("id")) for r in keep} | {("text", r.get("sentence")) for r in keep}
            told = [r for r in _fallback(session, u, limit, relaxed)
                    if not {(r.get("kind"), r.get("id")), ("text", r.get("sentence"))} & shown]
            first = min(3, limit // 2)
            results = (keep + told if on_topic else told[:first] + keep + told[first:])[:limit]
        elif results and not on_topic:
            # none of the speaker's quotes is on the topic: what the text says about it first
            told = _fallback(session, u, min(limit, 3), relaxed)
            if told:
                notes.append("no quote of the speaker holds the topic's words; full-text fallback rows first")
                results = (told + results)[:limit]
    elif u.kind == "count" and u.unit and (measured := _measured(session, u, limit)):
        results = measured
        extra = {"count": measured[0]["count"], "counted": u.unit, "events": 0}
        asked = "how much: the amounts of money" if u.unit == MONEY else f"how many {u.unit}: the numbers of {u.unit}"
        notes.append(f"{asked} that the sentences best matching the question give, the one nearest the question's "
                     "other words first")
    else:
        filtered = bool(u.actors or u.recipients or u.participants or u.location or u.categories or u.since or u.until)
        ids = _candidates(session, u) if filtered else []
        if not ids and filtered:
            for drop, why in _relaxations(u):
                ids = _candidates(session, u, **drop)
                if ids:
                    relaxed.append(why)
                    if drop.get("confidence") is False:
                        u.min_confidence = None  # the rows shown keep to the events found
                    break
        structured = set(ids)
        results = []
        if u.kind == "count" and u.people_count:
            n, results = _people_count(session, u, ids)
            extra = {"count": n, "counted": "people", "events": len(ids)}
        elif u.kind == "count":
            n = len(_candidates(session, u, cap=None)) if ids and not relaxed else len(ids)
            ranked, _ = _rank(session, ids, u)
            results = _event_rows(session, ranked[:limit])
            extra = {"count": n, "counted": "events", "events": n}
        elif ids:
            # what the words find beside what the reading found (an event whose participant was
            # stored under another name, a sentence no event was read from) is ranked with it
            docs, _ = _named_documents(session, u)
            # within the documents that name the question's names, the names' own words match
            # nearly every row (a popular name: a hundred thousand sentences at a million events)
            # and say nothing the restriction has not said: the other words are searched
            within = u if docs is None else Understanding(words=[w for w in u.words if w not in _name_words(u)])
            fts, sent_scores = _normalised(_fts_scores(session, _ranking_words(u), ids),
                                           _text_sentences(session, within, docs, n=60) if within.words else {})
            if docs is not None and sent_scores:
                # ... and a sentence that names them comes before one that only shares the words
                refs = [r["id"] for r in u.refs]
                named = _sentences_naming(session, list(sent_scores), refs)
                sent_scores = {k: v * (1.0 if k in named else 0.5) for k, v in sent_scores.items()}
            ranked, scores = _rank(session, ids, u, structured, fts)
            total = len(ranked)
            results = _merge_rows(session, u, {i: scores[i] for i in ranked[:limit * 5]}, sent_scores, limit)
            if u.kind == "where":
                extra = {"places": _places(results)}
    if not results and u.kind not in {"entity", "people", "role_holder"}:
        results = _fallback(session, u, limit, relaxed)
        if results:
            answered_by = "full-text fallback"
            notes.append("the structured reading found nothing; full-text fallback: sentences, events and quotes "
                         "holding the question's words (by stem)")
            total = None
            if u.kind == "count" and u.people_count:
                n, counted = _people_count(session, u, [r["id"] for r in results if r.get("kind") == "event"],
                                           documents={r["document"]["id"] for r in results})
                results = counted + [r for r in results if r not in counted]
                extra = {"count": n, "counted": "people", "events": 0}
    if not results and not (u.categories or u.actors or u.recipients or u.participants or u.location or u.since or u.until
                            or u.kind in {"entity", "people", "role_holder"}):
        raise QuestionNotUnderstood("found neither a kind of event nor a known name, and no stored text holds its words",
                                    u.as_dict())
    if (u.kind == "events" and first_word(question) == "what" and u.actors and results
            and _verbal(u.categories) and not _acted(results[:5], u)):
        # a verbal act (PLOVER quad classes 1 and 3: statements) that no event of the asker's
        # kind holds is most often in the speaker's own words: "What did X blame?" ->
        # X: "It's gross negligence on the part of the officers"
        said, _ = _quotes(session, Understanding(actors=u.actors, words=u.words), limit)
        said = [r for r in said if r.get("kind") == "quote"][:2]
        if said:
            results = (results[:1] + said + [r for r in results[1:] if r not in said])[:limit]
            notes.append(f"no {'/'.join(u.categories)} event of {', '.join(a['name'] for a in u.actors)} was read; "
                         "their quotes follow the first row (a verbal act is made in words)")
    if u.kind == "when" and results:
        results = [_dated_by_event(session, _dated_by_text(r)) for r in results]
    if first_word(question) == "who" and results and _pronoun_led(results[0]):
        results = _with_neighbours(session, results, limit, after=False)
        notes.append("who: the answer's sentence begins with a pronoun; the sentence before it, which names whom it "
                     "means, follows it")
    if u.kind == "why" and results:
        results = _with_neighbours(session, results, limit)
        notes.append("why: the sentences before and after the answer follow it (a report gives the reasons of an act "
                     "next to it)")
    if total is None:
        total = len(results)
    if extra.get("counted") == "people":
        docs = {r["document"]["id"] for r in results if r.get("count")}
        notes.append(f"{extra['count']}: per document the largest count of the people asked about that its events and "
                     f"numbers give, summed over {len(docs)} documents (the rows summed are the results with a count)")
    out = {"question": question, "understood": u.as_dict(), "kind": u.kind, "answered_by": answered_by,
           "relaxed": relaxed, "notes": notes, "results": results[:limit], "total": max(total, len(results[:limit])),
           **extra}
    out["sql"] = answer_sql(u.kind, out["results"])
    return out


# sentences shown of what a "Who is X?" entity is; other entities of its very name read for them
NAMED_IN = 3
SAME_NAME = 5


def _naming_sentences(session: Session, prof: dict, notes: list[str]) -> list[int]:
    """The first sentences of the newest articles that name the entity, and those naming other
    entities of its very name: the extraction may split one name into entities of two types
    ("Dominic Hare, chief executive of the palace" read as a place, "Dominic Hare said" as an
    organisation), and what the person is is told in either. One index walk per entity."""
    others = list(session.scalars(select(Entity.id).where(Entity.name_key == normalize_name(prof["name"]),
                                                          Entity.id != prof["id"]).order_by(Entity.id).limit(SAME_NAME)))
    found = []
    for eid in [prof["id"], *others]:
        found += session.execute(select(Mention.document_id, Mention.start_char, Mention.sentence_id)
                                 .where(Mention.entity_id == eid)
                                 .order_by(Mention.document_id.desc(), Mention.start_char).limit(NAMED_IN)).all()
    found.sort(key=lambda r: (-r[0], r[1]))
    sids = list(dict.fromkeys(r[2] for r in found))[:NAMED_IN]
    if others:
        notes.append(f"{len(others)} other entit{'y' if len(others) == 1 else 'ies'} called {prof['name']!r} "
                     "(another type): the sentences naming them are shown too")
    return sids


def _described(session: Session, u: Understanding, limit: int) -> list[dict]:
    """The people named in the sentences that use the question's description ("the suspect"),
    within the documents naming the question's names: the one named nearest the word first, then
    the one named in most such sentences."""
    docs, _ = _named_documents(session, u)
    sent_scores = _text_sentences(session, Understanding(words=[u.topic or ""]), docs, n=60)
    if not sent_scores:
        return []
    asked = {r["id"] for r in u.refs}
    word = re.compile(r"\b" + re.escape(u.topic or "") + r"\w*", re.I)
    hits: dict[int, list[int]] = {}
    near: dict[int, int] = {}  # characters between the description and the name: "identified the suspect as X"
    for sid, eid, at, s_at, text in session.execute(
            select(Mention.sentence_id, Mention.entity_id, Mention.start_char, Sentence.start_char, Sentence.text)
            .join(Entity, Entity.id == Mention.entity_id).join(Sentence, Sentence.id == Mention.sentence_id)
            .where(Mention.sentence_id.in_(list(sent_scores)), Entity.type == "PERSON")):
        if eid in asked:
            continue
        hits.setdefault(eid, []).append(sid)
        gaps = [abs(m.start() - (at - s_at)) for m in word.finditer(text or "")]
        if gaps:
            near[eid] = min(near.get(eid, 1 << 30), min(gaps))
    if not hits:
        return []
    order = sorted(hits, key=lambda e: (near.get(e, 1 << 30), -len(set(hits[e])), e))[:limit]
    ents = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(order)))}
    rows = _sentence_rows(session, sorted({i for e in order for i in hits[e]}))
    out = []
    for summary, eid in zip(entity_summaries(session, [ents[e] for e in order]), order):
        named = [rows[i]["sentence"] for i in dict.fromkeys(hits[eid]) if i in rows]
        out.append({"kind": "entity", **summary, "described_as": u.topic, "named_in": named[:3]})
    return out


def _event_rows(session: Session, ids: list[int]) -> list[dict]:
    by_id = {e.id: e for e in session.scalars(select(Event).where(Event.id.in_(ids)))} if ids else {}
    return [{"kind": "event", **d} for d in events_to_dicts(session, [by_id[i] for i in ids])]


def _entity_by_words(session: Session, words: list[str]) -> Entity | None:
    """The entity whose names hold the most of ``words`` (every one of them, if any does), the
    most mentioned among equals."""
    if not words:
        return None
    hits = search.search(session, words, kinds=("entity",), limit=50)
    if not hits:
        return None
    bodies = dict(session.execute(select(Entity.id, Entity.name).where(Entity.id.in_([h.ref_id for h in hits]))).all())
    counts = {i: c.mentions for i, c in stats.stored(session, list(bodies)).items()}

    def held(eid: int) -> int:
        names = set(topic_words([bodies.get(eid, "")]))
        return sum(1 for w in words if w in names)

    best = max(bodies, key=lambda e: (held(e), counts.get(e, 0), -e))
    return session.get(Entity, best) if held(best) else None


def _places(results: list[dict]) -> list[str]:
    seen: list[str] = []
    for r in results:
        loc = (r.get("location") or {}).get("name")
        if loc and loc not in seen:
            seen.append(loc)
    return seen


def _quotes(session: Session, u: Understanding, limit: int) -> list[dict]:
    """A speaker's quotes, those on the topic first (by stem: "cooperation" finds "cooperate");
    without a speaker, or when the speaker has none, the full-text fallback answers."""
    speakers = u.actors + u.participants + u.recipients
    if not speakers:
        return [], False
    order = (Document.published.desc().nulls_last(), Quote.document_id, Quote.start_char, Quote.id)
    ids = _newest_quotes(session, [s["id"] for s in speakers], order)
    unattributed = False
    if not ids:
        # none is told as theirs: the quotes of the articles naming them whose speaker was not
        # read ("The mother said ...", a speaker the text names only by a noun) may be theirs
        docs, _ = _named_documents(session, Understanding(participants=speakers))
        if docs:
            ids = list(session.scalars(select(Quote.id).join(Document, Document.id == Quote.document_id)
                                       .where(Quote.speaker_id.is_(None), ids_in(Quote.document_id, docs, dialect_of(session)))
                                       .order_by(*order).limit(CANDIDATES)))
            unattributed = bool(ids)
    if not ids:
        return [], False
    on_topic = True
    topic = topic_words([u.topic]) if u.topic else [w for w in u.words if w not in
                                                    {x for s in speakers for x in topic_words([s["words"]])} | QUOTE_WORDS]
    events: list[dict] = []
    if topic:
        # a quote is on the topic when its words or its sentence hold the topic's words
        sent_of = dict(session.execute(select(Quote.id, Quote.sentence_id).where(Quote.id.in_(ids))).all())
        hits = search.search(session, topic, refs={"quote": ids, "sentence": sorted(set(sent_of.values()))},
                             limit=2 * len(ids))
        score: dict[int, float] = defaultdict(float)
        by_sentence: dict[int, float] = defaultdict(float)
        for h in hits:
            if h.kind == "quote":
                score[h.ref_id] += h.score
            else:
                by_sentence[h.ref_id] += h.score
        for qid, sid in sent_of.items():
            if sid in by_sentence:
                score[qid] += 0.5 * by_sentence[sid]
        pos = {i: n for n, i in enumerate(ids)}
        ids.sort(key=lambda i: (-score.get(i, 0.0), pos[i]))
        on_topic = bool(score)
        # what the speaker did about the topic ("Ardern called for changes to gun laws") beside
        # what the speaker said
        about = Understanding(participants=speakers, words=topic)
        docs, _ = _named_documents(session, about)
        sent_scores = _normalised(_text_sentences(session, about, docs, n=30))[0]
        if sent_scores:
            # a sentence that names the speaker and holds the topic's words is most often what the
            # speaker said in reported speech ("X called the agreement 'null and void'"), which no
            # quote holds: it goes before sentences that only share the topic's words
            named = _sentences_naming(session, list(sent_scores), [s_["id"] for s_ in speakers])
            sent_scores = {k: v + (1.0 if k in named else 0.0) for k, v in sent_scores.items()}
        rows = _merge_rows(session, about, {}, {k: v for k, v in sent_scores.items() if v >= 0.5}, 4)
        quoted = {q.sentence_id for q in session.scalars(select(Quote).where(Quote.id.in_(ids)))}
        events = [r for r in rows if not (r.get("kind") == "sentence" and r["id"] in quoted)][:2]
    quotes = [{"kind": "quote", **d} for d in quotes_to_dicts(session, ids[:limit])]
    if unattributed:
        who = ", ".join(s_["name"] for s_ in speakers)
        quotes = [{**q, "attribution": UNATTRIBUTED, "articles_naming": who} for q in quotes]
    n_topic = sum(1 for i in ids[:limit] if topic and score.get(i, 0.0) > 0)
    return (quotes[:min(n_topic, 3)] + events + quotes[min(n_topic, 3):])[:limit], on_topic


def _newest_quotes(session: Session, speaker_ids: list[int], order: tuple) -> list[int]:
    """The speakers' first CANDIDATES quotes in ``order`` (newest document first, undated ones
    last). On PostgreSQL as two statements, dated documents then undated ones: ``published DESC
    NULLS LAST`` matches no index, so PostgreSQL sorted all 100,000 documents to walk them newest
    first (60-130 ms at a million events); ``published DESC`` over the dated ones is
    ``ix_documents_published`` read backwards, and the walk stops at the 500th quote (Boris
    Johnson: 6,000 documents, 16 ms). The same quotes in the same order."""
    q = quote_query(session, speaker_ids=speaker_ids)
    if dialect_of(session) != "postgresql":
        return list(session.scalars(q.order_by(*order).limit(CANDIDATES)))
    rest = order[1:]  # the order within one publication date
    ids = list(session.scalars(q.where(Document.published.is_not(None)).order_by(Document.published.desc(), *rest)
                               .limit(CANDIDATES)))
    if len(ids) < CANDIDATES:
        ids += session.scalars(q.where(Document.published.is_(None)).order_by(*rest).limit(CANDIDATES - len(ids)))
    return ids


# the context of a quote shown for a speaker none of whose quotes was read as theirs
UNATTRIBUTED = "speaker not read"


def _role_holders(session: Session, u: Understanding, limit: int, as_of: dt.date | None) -> list[dict]:
    """Who holds a title: the person stated to hold it at the newest dated statement; those
    stated earlier (or called former) are marked former. ``as_of`` ignores later statements."""
    place = u.actors + u.participants + u.recipients + ([u.location] if u.location else [])
    q = (select(Role.entity_id, Role.former, func.max(Role.seen_on), func.count())
         .join(Entity, Entity.id == Role.entity_id).where(Role.title == u.title, Entity.type == "PERSON"))
    if place:
        of_ids = {p["id"] for p in place}
        gaz = Gazetteer.load()
        for p in place:
            if p.get("country") and normalize_name(gaz.country_name(p["country"]) or "") == normalize_name(p["name"]):
                of_ids |= set(session.scalars(select(Entity.id).where(Entity.type == "GPE", Entity.country == p["country"])))
        q = q.where(Role.of_entity_id.in_(sorted(of_ids)))
    if as_of:
        q = q.where(or_(Role.seen_on.is_(None), Role.seen_on <= as_of))
    rows = session.execute(q.group_by(Role.entity_id, Role.former)).all()
    latest: dict[int, tuple] = {}
    former_only: dict[int, bool] = defaultdict(lambda: True)
    for eid, former, seen, times in rows:
        seen_iso = seen.isoformat() if hasattr(seen, "isoformat") else seen
        if not former:
            former_only[eid] = False
        cur = latest.get(eid)
        if cur is None or (seen_iso or "") > (cur[0] or ""):
            latest[eid] = (seen_iso, times)
        else:
            latest[eid] = (cur[0], cur[1] + times)
        former_only[eid] = former_only[eid] and bool(former)
    order = sorted(latest, key=lambda e: (former_only[e], -(int((latest[e][0] or "0000").replace("-", "")) if latest[e][0] else 0),
                                          -latest[e][1], e))
    ents = {e.id: e for e in session.scalars(select(Entity).where(Entity.id.in_(order[:limit])))} if order else {}
    summaries = entity_summaries(session, [ents[i] for i in order[:limit]])
    out = []
    for n, s in enumerate(summaries):
        holder = "current" if n == 0 and not former_only[s["id"]] else "former"
        out.append({"kind": "entity", **s, "holder": holder, "title_seen_on": latest[s["id"]][0]})
    return out
