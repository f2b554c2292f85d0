"""`kb ask`: a plain-English question turned into a parameterised query.

The question is read with the knowledge base's own names (entities and aliases), the gazetteer
(countries, nationality words), and a table of event words (``data/reference/ask_terms.tsv``).
User text only ever reaches the database as bound parameters.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .errors import KBError
from .nlp.gazetteer import Gazetteer, normalize_name, reference_text
from .store.models import Document, Entity, EntityAlias, Mention, Role
from .store.queries import EventFilter, entity_profile, event_query, events_to_dicts, list_quotes, entity_ref

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


def _find_entities(session: Session, tokens: list[str]) -> list[tuple[int, int, Entity]]:
    """Longest runs of question words that name a stored entity (name, alias, country word)."""
    grams: dict[str, tuple[int, int]] = {}
    for i in range(len(tokens)):
        for j in range(min(len(tokens), i + 6), i, -1):
            grams.setdefault(normalize_name(" ".join(tokens[i:j])), (i, j))
    keys = [k for k in grams if k]
    found: dict[str, Entity] = {}
    if keys:
        for e in session.scalars(select(Entity).where(Entity.name_key.in_(keys))):
            found.setdefault(e.name_key, e)
        for key, e in session.execute(select(EntityAlias.alias_key, Entity).join(Entity).where(EntityAlias.alias_key.in_(keys))):
            found.setdefault(key, e)
    gaz = Gazetteer.load()
    for k, (i, j) in grams.items():
        if k in found:
            continue
        text = " ".join(tokens[i:j])
        place = gaz.lookup(text) if text[:1].isupper() else None
        if place and place.kind in {"country", "variant", "demonym"}:
            name = gaz.country_name(place.code)
            e = session.scalar(select(Entity).where(Entity.type == "GPE", Entity.country == place.code,
                                                    Entity.name_key == normalize_name(name or "")))
            if e is not None:
                found[k] = e
    spans: list[tuple[int, int, Entity]] = []
    taken: set[int] = set()
    for k, (i, j) in sorted(grams.items(), key=lambda kv: (-(kv[1][1] - kv[1][0]), kv[1][0])):
        if k in found and not taken & set(range(i, j)):
            # prefer the most mentioned entity when a name is shared
            spans.append((i, j, found[k]))
            taken |= set(range(i, j))
    return sorted(spans, key=lambda s: s[0])


def _year_filter(tokens: list[str], newest: dt.date | None) -> tuple[str | None, str | None]:
    low = [t.lower() for t in tokens]
    since = until = None
    for n, t in enumerate(low):
        prev = low[n - 1] if n else ""
        if re.fullmatch(r"(19|20)\d\d", t):
            if prev == "since" or prev == "after":
                since = t
            elif prev == "before" or prev == "until":
                until = t
            else:
                since, until = t, t
        elif t in MONTHS and prev in {"since", "in"} and newest:
            month = MONTHS[t]
            year = newest.year if month <= newest.month else newest.year - 1
            if n + 1 < len(low) and re.fullmatch(r"(19|20)\d\d", low[n + 1]):
                year = int(low[n + 1])
            since = f"{year:04d}-{month:02d}"
            if prev == "in":
                until = since
    if newest and "last" in low:
        unit = low[low.index("last") + 1] if low.index("last") + 1 < len(low) else ""
        days = {"week": 7, "month": 31, "year": 366, "day": 1}.get(unit)
        if days:
            since = (newest - dt.timedelta(days=days)).isoformat()
            until = newest.isoformat()
    return since, until


def understand(session: Session, question: str) -> Understanding:
    tokens = WORD.findall(question)
    low = [t.lower() for t in tokens]
    u = Understanding()
    newest = session.scalar(select(func.max(Document.published)))
    u.since, u.until = _year_filter(tokens, newest)
    spans = _find_entities(session, tokens)
    terms = event_terms()
    verb_at = None
    for n, t in enumerate(low):
        if any(i <= n < j for i, j, _ in spans):
            continue
        lem = lemma(t)
        if lem in terms and lem not in {"say"}:
            cats, mode = terms[lem]
            if not u.categories:
                u.categories = list(cats)
                verb_at = n
            else:
                u.categories = [c for c in u.categories if c in cats] or u.categories
            u.mode = u.mode or mode
            u.event_words.append(t)
    first = low[0] if low else ""
    for i, j, ent in spans:
        ref = {**entity_ref(ent), "words": " ".join(tokens[i:j])}
        prev = low[i - 1] if i else ""
        if prev == "by" or prev == "did" or (verb_at is not None and i < verb_at and prev not in {"with", "between", "and", "to", "against", "in", "at", "about"}):
            u.actors.append(ref)
        elif prev in {"to", "against", "on"} or (verb_at is not None and i == verb_at + 1):
            u.recipients.append(ref)
        elif prev in {"in", "at"} and ent.type in {"GPE", "LOC", "FAC"}:
            u.location = ref
        elif prev in {"with", "between", "and"}:
            u.participants.append(ref)
        elif prev == "about":
            u.topic = ref["words"]
        else:
            u.participants.append(ref)
    if first in {"what", "did"} and ("say" in [lemma(t) for t in low] or "said" in low):
        u.kind = "quotes"
        if "about" in low:
            u.topic = " ".join(tokens[low.index("about") + 1:]).strip(" ?")
    elif first == "who" and len(low) > 1 and low[1] in {"is", "was", "are"}:
        rest = low[2:]
        titles = Gazetteer.load().titles()
        if rest and rest[0] in {"the", "a"} and not spans[:1] or (rest and rest[0] == "the" and any(
                " ".join(rest[1:k]) in titles for k in range(2, len(rest) + 1))):
            u.kind = "role_holder"
            words = [w for w in rest[1:] if w not in {"of"}]
            for k in range(len(words), 0, -1):
                if " ".join(words[:k]) in titles:
                    u.title = " ".join(words[:k])
                    break
        elif spans:
            u.kind = "entity"
    elif first in {"which", "what"} and len(low) > 1 and low[1] in {"people", "persons", "politicians", "leaders"}:
        u.kind = "people"
    elif first == "how" and len(low) > 1 and low[1] == "many":
        u.kind = "count"
    elif first == "when":
        u.kind = "when"
    if u.kind in {"events", "count", "when"} and not u.categories and not spans:
        raise QuestionNotUnderstood("no kind of event and no known name in the question", u.as_dict())
    if u.kind == "entity" and not spans:
        raise QuestionNotUnderstood("no known name in the question", u.as_dict())
    return u


def _rank(events: list[dict], u: Understanding) -> list[dict]:
    want_actor = {a["id"] for a in u.actors}
    want_rec = {a["id"] for a in u.recipients}

    def key(e: dict):
        exact = 0
        if want_actor and want_actor & {a["id"] for a in e["actors"]}:
            exact += 1
        if want_rec and want_rec & {a["id"] for a in e["recipients"]}:
            exact += 1
        cat = 1 if u.categories and e["type"] == u.categories[0] else 0
        return (-exact, -cat, -(int((e["date"] or "0")[:4]) if (e["date"] or "")[:4].isdigit() else 0), -e["mentions"], -e["confidence"])

    return sorted(events, key=key)


def _event_results(session: Session, u: Understanding, limit: int) -> tuple[list[dict], list[str]]:
    sqls = []
    results: dict[int, dict] = {}
    cats = u.categories or [None]
    # an actor named in the question may stand on either side when no side was found ("agreements
    # signed by Venezuela" also matches "Russia and Venezuela signed"): the ranking puts exact
    # role matches first
    names = u.actors + u.recipients + u.participants
    for cat in cats:
        f = EventFilter(type=cat, since=u.since, until=u.until, location=u.location["name"] if u.location else None)
        q = event_query(session, f)
        for ref in names:
            from .store.models import Event, EventParticipant
            q = q.where(Event.id.in_(select(EventParticipant.event_id).where(EventParticipant.entity_id == ref["id"])))
        sqls.append(str(q.compile(session.get_bind(), compile_kwargs={"literal_binds": False})))
        for e in events_to_dicts(session, list(session.scalars(q.limit(500)))):
            results[e["id"]] = e
    return _rank(list(results.values()), u)[:limit], sqls


def answer(session: Session, question: str, limit: int = 10) -> dict:
    u = understand(session, question)
    sqls: list[str] = []
    if u.kind == "entity":
        ref = (u.actors + u.recipients + u.participants + ([u.location] if u.location else []))[0]
        prof = entity_profile(session, ref["words"]) or entity_profile(session, ref["name"])
        results = [prof] if prof else []
    elif u.kind == "role_holder":
        q = select(Entity, func.max(Role.seen_on)).join(Role, Role.entity_id == Entity.id).where(
            Role.title.contains(u.title or ""), Role.former.is_(False))
        place = (u.actors + u.participants + u.recipients + ([u.location] if u.location else []))
        if place:
            q = q.where(Role.of_entity_id.in_([p["id"] for p in place]))
        q = q.group_by(Entity.id).order_by(func.max(Role.seen_on).desc())
        sqls.append(str(q))
        results = [entity_profile(session, e.name) for e, _ in session.execute(q.limit(limit))]
    elif u.kind == "people":
        place = u.actors + u.participants + u.recipients + ([u.location] if u.location else [])
        q = select(Entity).where(Entity.type == "PERSON")
        if place:
            q = q.where(Entity.country.in_([p["country"] for p in place if p.get("country")]))
        q = q.order_by(Entity.name)
        sqls.append(str(q))
        results = [entity_profile(session, e.name) for e in session.scalars(q.limit(limit))]
    elif u.kind == "quotes":
        speakers = u.actors + u.participants
        if not speakers:
            raise QuestionNotUnderstood("no speaker named in the question", u.as_dict())
        results = list_quotes(session, speaker_ids=[s["id"] for s in speakers])
        if u.topic:
            words = [w for w in re.findall(r"\w+", u.topic.lower()) if len(w) > 3]
            topical = [q for q in results if any(w[:6] in q["text"].lower() for w in words)]
            results = topical
        results = results[:limit]
    else:
        results, sqls = _event_results(session, u, limit)
    out = {"question": question, "understood": u.as_dict(), "kind": u.kind, "results": results, "sql": sqls}
    if u.kind == "count":
        out["count"] = sum(max(r.get("count") or 1, 1) for r in results) if results else 0
        out["events"] = len(results)
    return out
