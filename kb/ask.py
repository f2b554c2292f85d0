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

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .errors import KBError
from .gazetteer import Gazetteer, reference_text
from .text import normalize_name
from .store import stats
from .store.models import (Document, Entity, EntityAlias, EntityStats, Event, EventMention, EventParticipant, Quote,
                          Role)
from .store.queries import (CHUNK, EventFilter, entity_profile, entity_ref, entity_summaries, event_query, events_involving,
                            events_to_dicts, quote_query, quotes_to_dicts)

WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F'’.-]*|\d{4}|\d+")
IRREGULAR = {"met": "meet", "signed": "sign", "held": "hold", "won": "win", "died": "die", "said": "say", "says": "say",
             "fought": "fight", "threatened": "threaten", "sought": "seek", "gave": "give", "made": "make",
             "told": "tell", "agreements": "agreement", "talks": "talks", "sanctions": "sanction", "protests": "protest",
             "elections": "election", "deals": "deal", "treaties": "treaty", "invaded": "invade", "killed": "kill"}
MONTHS = {m.lower(): i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                               "September", "October", "November", "December"], 1)}


class QuestionNotUnderstood(KBError):
    def __init__(self, message: str, understood: dict):
        super().__init__(message)
        self.understood = understood


@dataclass
class Understanding:
    kind: str = "events"  # events | entity | quotes | people | role_holder | count | when
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

    def as_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def event_terms() -> dict[str, tuple[list[str], str | None]]:
    out = {}
    lines = [line for line in reference_text("ask_terms.tsv").splitlines() if line and not line.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        out[r["term"]] = (r["categories"].split("|"), r["mode"] or None)
    return out


def lemma(word: str) -> str:
    w = word.lower().strip("'’.")
    if w in IRREGULAR:
        return IRREGULAR[w]
    terms = event_terms()
    if w in terms:
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and w[: -len(suffix)] + repl in terms:
            return w[: -len(suffix)] + repl
    return w


# Words that never start or make up a name in a question, however the knowledge base's
# (noisy) entity table spells things.
QUESTION_WORDS = {"who", "whom", "whose", "what", "which", "when", "where", "how", "many", "much", "did", "does",
                  "do", "is", "are", "was", "were", "has", "have", "had", "the", "a", "an", "of", "in", "on", "at",
                  "by", "with", "between", "and", "or", "to", "from", "about", "for", "against", "since", "after",
                  "before", "until", "last", "this", "next", "week", "month", "year", "day", "people", "persons",
                  "countries", "country", "events", "event", "happened", "happen", "say", "said", "tell", "me",
                  "list", "show", "all", "any", "there", "their", "his", "her", "its", "it", "they", "he", "she"}


def _find_entities(session: Session, tokens: list[str]) -> list[tuple[int, int, Entity]]:
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
    if found:
        # a name shared by several entities means the most mentioned one
        ids = [e.id for es in found.values() for e in es]
        counts = {i: c.mentions for i, c in stats.stored(session, ids).items()}
        for k, es in found.items():
            es.sort(key=lambda e: (e.name_key != k, -counts.get(e.id, 0), e.id))
    spans: list[tuple[int, int, Entity]] = []
    taken: set[int] = set()
    for k, (i, j) in sorted(grams.items(), key=lambda kv: (-(kv[1][1] - kv[1][0]), kv[1][0])):
        if k in found and not taken & set(range(i, j)):
            spans.append((i, j, found[k][0]))
            taken |= set(range(i, j))
    return sorted(spans, key=lambda s: s[0])


def _year_filter(tokens: list[str], newest: dt.date | None) -> tuple[str | None, str | None]:
    """Time words of a question as an ISO since/until pair; relative ones count back from the
    newest document, since a knowledge base of old news has no 'now'."""
    low = [t.lower() for t in tokens]
    since = until = None
    for n, t in enumerate(low):
        prev = low[n - 1] if n else ""
        if re.fullmatch(r"(19|20)\d\d", t):
            if prev in {"since", "after", "from"}:
                since = t
            elif prev in {"before", "until", "till"}:
                until = t
            elif not (n > 0 and low[n - 1] in MONTHS):
                since, until = t, t
        elif t in MONTHS and prev in {"since", "in", "after", "from"} and (newest or n + 1 < len(low)):
            month = MONTHS[t]
            if n + 1 < len(low) and re.fullmatch(r"(19|20)\d\d", low[n + 1]):
                year = int(low[n + 1])
            else:
                year = newest.year if month <= newest.month else newest.year - 1
            since = f"{year:04d}-{month:02d}"
            if prev == "in":
                until = since
    for n, t in enumerate(low[:-1]):
        if t in {"last", "past", "this"} and newest:
            unit = low[n + 1]
            days = {"week": 7, "month": 31, "year": 366, "day": 1, "days": 1}.get(unit)
            if days:
                since = (newest - dt.timedelta(days=days)).isoformat()
                until = newest.isoformat()
    return since, until


MAX_QUESTION_WORDS = 60


def _pipeline_lemmas(words: list[str]) -> dict[str, str]:
    """Lemmas from the spaCy pipeline (tagger and lemmatizer only), for the words the tables
    did not know. Loading spaCy takes most of a second, so only a question the fast reader
    could not map pays for it."""
    from .nlp.model import load_pipeline

    nlp = load_pipeline(exclude=("parser", "ner"))
    doc = nlp(" ".join(words))
    return {t.text.lower(): t.lemma_.lower() for t in doc}


def understand(session: Session, question: str) -> Understanding:
    try:
        return _understand(session, question, {})
    except QuestionNotUnderstood as first:
        words = WORD.findall(question)
        if not words or len(words) > MAX_QUESTION_WORDS:
            raise
        try:
            lemmas = _pipeline_lemmas(words)
        except KBError:
            raise first from None
        terms = event_terms()
        if not any(lemmas.get(w.lower()) in terms for w in words):
            raise
        return _understand(session, question, lemmas)


def _understand(session: Session, question: str, lemmas: dict[str, str]) -> Understanding:
    tokens = WORD.findall(question)
    if len(tokens) > MAX_QUESTION_WORDS:
        raise QuestionNotUnderstood(f"a question of {len(tokens)} words is too long (at most {MAX_QUESTION_WORDS})",
                                    Understanding().as_dict())
    low = [t.lower().strip("'’") for t in tokens]
    u = Understanding()
    newest = session.scalar(select(func.max(Document.published)))
    u.since, u.until = _year_filter(tokens, newest)
    spans = _find_entities(session, tokens)
    in_span = {n for i, j, _ in spans for n in range(i, j)}
    terms = event_terms()
    verb_at = None
    for n, t in enumerate(low):
        if n in in_span:
            continue
        lem = lemma(t)
        if lem not in terms:
            lem = lemmas.get(t, lem)
        if lem in terms and lem != "say":
            cats, mode = terms[lem]
            if not u.categories:
                u.categories = list(cats)
                verb_at = n
            else:  # "signed agreements": keep what both words allow
                u.categories = [c for c in u.categories if c in cats] or u.categories
            u.mode = u.mode or mode
            u.event_words.append(t)
        elif t not in QUESTION_WORDS and not t.isdigit() and t not in MONTHS:
            u.unknown_words.append(tokens[n])
    first = low[0] if low else ""
    says = any(lemma(t) == "say" for t in low)
    for i, j, ent in spans:
        ref = {**entity_ref(ent), "words": " ".join(tokens[i:j])}
        prev = low[i - 1] if i else ""
        if prev in {"in", "at", "near"} and ent.type in {"GPE", "LOC", "FAC"} and not says:
            u.location = ref
        elif prev == "by" or prev in {"did", "does", "has", "have"} or (verb_at is not None and i < verb_at and prev not in {"with", "between", "and", "to", "against", "about", "from"}):
            u.actors.append(ref)
        elif prev in {"to", "against", "on"} or (verb_at is not None and i == verb_at + 1):
            u.recipients.append(ref)
        elif prev == "about" and says:
            u.topic = ref["words"]
        else:
            u.participants.append(ref)
    if says and first in {"what", "did", "how"}:
        u.kind = "quotes"
        if "about" in low:
            u.topic = " ".join(tokens[low.index("about") + 1:]).strip(" ?")
    elif first == "who" and len(low) > 2 and low[1] in {"is", "was", "are"}:
        title = _title_words(low[2:])
        if title:
            u.kind, u.title = "role_holder", title
        elif spans:
            u.kind = "entity"
    elif first in {"which", "what"} and len(low) > 1 and low[1] in {"people", "persons", "politicians", "leaders", "officials"}:
        u.kind = "people"
    elif first == "how" and len(low) > 1 and low[1] == "many":
        u.kind = "count"
    elif first == "when":
        u.kind = "when"
    understood = u.categories or spans or u.since or u.until
    if u.kind in {"events", "count", "when"} and not (u.categories or spans):
        raise QuestionNotUnderstood("found neither a kind of event nor a known name", u.as_dict())
    if u.kind == "events" and not understood:
        raise QuestionNotUnderstood("found nothing to look for", u.as_dict())
    return u


def _title_words(words: list[str]) -> str | None:
    """The title in "the (deputy) president of ...": the longest known title the words hold."""
    titles = Gazetteer.load().titles()
    words = [w for w in words if w not in {"the", "a", "an", "current"}]
    if "of" in words:
        words = words[: words.index("of")]
    for k in range(len(words)):
        cand = " ".join(words[k:])
        if cand in titles:
            return " ".join(words)
    return None


def _rank(session: Session, events: list[Event], u: Understanding, limit: int) -> list[Event]:
    """The best ``limit`` candidates: an exact role match first (the actor as actor, the
    recipient as recipient), then the question's first category, newer, more often told, surer.
    Ranked on ids and numbers, so that only the events kept are turned into dicts."""
    want_actor = {a["id"] for a in u.actors}
    want_rec = {a["id"] for a in u.recipients}
    ids = [e.id for e in events]
    roles: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"actor": set(), "recipient": set()})
    told: dict[int, int] = {}
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        for eid, ent, role in session.execute(select(EventParticipant.event_id, EventParticipant.entity_id,
                                                     EventParticipant.role).where(EventParticipant.event_id.in_(part))):
            roles[eid].setdefault(role, set()).add(ent)
        told.update(session.execute(select(EventMention.event_id, func.count()).where(EventMention.event_id.in_(part))
                                    .group_by(EventMention.event_id)).all())

    def key(e: Event):
        exact = 0
        if want_actor & roles[e.id]["actor"]:
            exact += 1
        if want_rec & roles[e.id]["recipient"]:
            exact += 1
        cat = 1 if u.categories and e.type == u.categories[0] else 0
        year = int(e.date[:4]) if (e.date or "")[:4].isdigit() else 0
        return (-exact, -cat, -year, -max(told.get(e.id, 0), 1), -round(e.confidence, 3), e.id)

    return sorted(events, key=key)[:limit]


# above this many ids a list would near the database's limit of bound parameters
MAX_LISTED_ENTITIES = 5000


def _involves(session: Session, ref: dict):
    """Events an entity of the question takes part in. A place may also be where it happened
    ("Who visited Caracas?"), and a country covers its cities and its people ("the election in
    Venezuela" is the one Venezuelans held)."""
    if ref["type"] not in {"GPE", "LOC", "FAC"}:
        return Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.entity_id == ref["id"]))
    code = ref.get("country")
    gaz = Gazetteer.load()
    if code and normalize_name(gaz.country_name(code) or "") == normalize_name(ref["name"]):
        # only the country's entities that take part in events, as a list of ids: the planner
        # then estimates each id from its statistics instead of guessing for a subquery
        # (PostgreSQL scanned every participation of a million events for "in Iran")
        ids = set(session.scalars(select(EntityStats.entity_id).join(Entity, Entity.id == EntityStats.entity_id)
                                  .where(Entity.country == code, EntityStats.events > 0)))
        if len(ids) < MAX_LISTED_ENTITIES:
            return events_involving(sorted(ids | {ref["id"]}))
        return events_involving(select(Entity.id).where(or_(Entity.country == code, Entity.id == ref["id"])))
    return events_involving([ref["id"]])


def _event_results(session: Session, u: Understanding, limit: int,
                   min_confidence: float | None = None) -> tuple[list[dict], list[str]]:
    sqls = []
    candidates: dict[int, Event] = {}
    cats = u.categories or [None]
    # an actor named in the question may stand on either side when no side was found ("agreements
    # signed by Venezuela" also matches "Russia and Venezuela signed"): the ranking puts exact
    # role matches first
    names = u.actors + u.recipients + u.participants
    for cat in cats:
        f = EventFilter(type=cat, since=u.since, until=u.until, min_confidence=min_confidence)
        q = event_query(session, f)
        for ref in names + ([u.location] if u.location else []):
            q = q.where(_involves(session, ref))
        sqls.append(str(q.compile(session.get_bind(), compile_kwargs={"literal_binds": False})))
        for e in session.scalars(q.limit(CANDIDATES)):
            candidates[e.id] = e
    return events_to_dicts(session, _rank(session, list(candidates.values()), u, limit)), sqls


# events of each category read before ranking
CANDIDATES = 500


def answer(session: Session, question: str, limit: int = 10, min_confidence: float | None = None) -> dict:
    """``min_confidence`` leaves out events whose confidence is below it (None: all of them)."""
    u = understand(session, question)
    sqls: list[str] = []
    if u.kind == "entity":
        ref = (u.actors + u.recipients + u.participants + ([u.location] if u.location else []))[0]
        prof = entity_profile(session, ref["words"]) or entity_profile(session, ref["name"])
        results = [prof] if prof else []
    elif u.kind == "role_holder":
        q = select(Entity, func.max(Role.seen_on)).join(Role, Role.entity_id == Entity.id).where(
            Role.title == u.title, Role.former.is_(False))
        place = (u.actors + u.participants + u.recipients + ([u.location] if u.location else []))
        if place:
            q = q.where(Role.of_entity_id.in_([p["id"] for p in place]))
        q = q.group_by(Entity.id).order_by(func.max(Role.seen_on).desc())
        sqls.append(str(q))
        results = entity_summaries(session, [e for e, _ in session.execute(q.limit(limit))])
    elif u.kind == "people":
        place = u.actors + u.participants + u.recipients + ([u.location] if u.location else [])
        mentions = func.coalesce(EntityStats.mentions, 0)
        q = select(Entity).outerjoin(EntityStats, EntityStats.entity_id == Entity.id).where(Entity.type == "PERSON")
        if place:
            q = q.where(Entity.country.in_([p["country"] for p in place if p.get("country")]))
        # a stated nationality before a guessed one, then the most talked-about
        q = q.order_by(Entity.country_inferred, mentions.desc(), Entity.name)
        sqls.append(str(q))
        results = entity_summaries(session, list(session.scalars(q.limit(limit))))
    elif u.kind == "quotes":
        speakers = u.actors + u.participants
        if not speakers:
            raise QuestionNotUnderstood("no speaker named in the question", u.as_dict())
        q = quote_query(session, speaker_ids=[s["id"] for s in speakers])
        if u.topic:
            # a word's first six letters match its other forms ("cooperation", "cooperate")
            stems = [w[:6] for w in re.findall(r"\w+", u.topic.lower()) if len(w) > 3]
            if stems:
                q = q.where(or_(*[func.lower(Quote.text).contains(w, autoescape=True) for w in stems]))
        q = q.order_by(Document.published.desc().nulls_last(), Quote.document_id, Quote.start_char, Quote.id)
        sqls.append(str(q))
        results = quotes_to_dicts(session, list(session.scalars(q.limit(limit))))
    else:
        results, sqls = _event_results(session, u, limit, min_confidence)
    out = {"question": question, "understood": u.as_dict(), "kind": u.kind, "results": results, "sql": sqls}
    if u.kind == "count":
        out["count"] = sum(max(r.get("count") or 1, 1) for r in results) if results else 0
        out["events"] = len(results)
    return out
