"""The PLOVER tables: event categories (with their CAMEO roots and quad classes) and the trigger lexicon.

Both live as TSV files in ``data/reference`` (installed as ``kb.reference``) and are documented in
``data/reference/PLOVER.md``. They are read once per process; :func:`lexicon` and
:func:`categories` return the cached, parsed tables.

A lexicon row says: the word ``lemma`` used as ``pos`` (VERB, NOUN, ADJ) signals an event of
``category`` (``-`` for "no event of its own"), with an optional PLOVER ``mode``, when the
``needs`` hold. Rows of one lemma are tried in file order and the first whose needs hold wins, so
specific senses ("sign" + an agreement object) come before the general one.

``needs`` is a ``;``-separated conjunction of:

- ``obj=a|b`` -- the object (direct object, passive subject, the "of" complement of a noun, the
  noun an "-ed" participle modifies) has lemma a or b, or a compound/adjective modifier with it;
  ``@ent`` in the list accepts any object that is a named person, group or place;
- ``subj=a|b`` -- the same for the subject;
- ``mod=a|b`` -- the trigger itself has a compound/adjective modifier a or b ("hunger strike");
- ``prep=a|b`` -- the trigger governs a preposition a or b ("call for", "side with"), or a clause
  that word marks ("called for [the bill to be dropped]");
- ``pobj=p:a|b`` -- ... preposition p whose object has lemma a or b ("call for sanctions");
- ``xpobj=p:a|b`` -- as ``pobj``, on the verb or on its to-infinitive complement, where the parser
  often hangs a clause-final phrase ("voted to leave the union [in a referendum]");
- ``prt=a|b`` -- a verb particle ("call off", "step down");
- ``xcomp`` / ``xcomp=a|b`` -- a to-infinitive complement (with that verb lemma);
- ``pred=a|b`` -- a predicate complement with that lemma, a modifier of it or its "of" noun
  ("found [guilty]", "called X [a political ploy]", "called X [an act of barbarity]"); ``pred``
  with no words -- any predicate complement that is no date ("they are called [nationals]": a
  name given; "called [Thursday] on X" is no name);
- ``noprep=a|b`` -- the trigger itself governs no preposition a or b;
- ``comppred=a|b`` -- the complement clause is a copula whose predicate (or a conjunct of it) has
  that lemma ("said [the decision was unacceptable]": the speaker's verdict on it);
- ``@valence<=X`` / ``@valence>=X`` inside a ``pred``, ``comppred`` or ``pobj`` list -- also any
  word whose verdict (:mod:`kb.nlp.valence`) is at most / at least X, said of a party the text
  names (``_Context.verdict``, ``_Context.named_verdict``): "said [the plan was unfair]",
  "called X [a waste of time]", "said [Y made the right decision]";
- ``neg`` -- the trigger or its predicate complement is negated, and the negation is part of the
  sense ("will not tolerate", "pleaded [not guilty]"): the event is not negated by it;
- ``obj`` with no words -- any object at all;
- ``advcl=a|b`` -- a purpose or adverbial clause with that verb lemma ("gathered to discuss");
- ``comp`` / ``nocomp`` -- any clausal complement, or none; ``noobj`` -- no direct object;
- ``othercomp`` -- a that-clause (ccomp) with will/would whose subject is a named party other
  than the speaker ("hoped that X will come back"): an act the speaker wants of another;
- ``ownobj`` -- the object is the doer's own, a possessive pronoun its only owner ("suspended its
  season", "halted their campaigns"): a pause in the doer's own doings, done to nobody else;
- ``owncomp`` -- a complement clause with will/would whose subject is the speaker ("warned X that
  it would ...", "we warn X that our targets will ...").

``flags`` (comma-separated): ``frame`` (the complement clause is this event's content, not an
event of its own), ``intent`` (the complement is the event, announced rather than done: see
:mod:`kb.nlp.events`), ``pass`` (the complement is the event, as it is: "began to", "ordered X
to"), ``light`` (the event is the object noun's: "held talks", "staged a strike"), ``neg``
("failed to"), ``speech`` (a verb of saying), ``weak`` (a noun that is an event only with a date,
count or participant), ``ofactor`` (a noun whose "of" complement is the actor: "the death of X"),
``measure`` (a noun whose count its verb gives: "the death toll rose to 22"), ``thing`` (a noun for a document or thing an act is about, asserted only by a verb that takes
it: "signed the agreement" but not "the agreement is void"), ``deathifnoagent`` (a killing with no perpetrator and no attack in sight is a DEATH),
``victimdeath`` (a killing: its victims' deaths are a DEATH beside the ASSAULT),
``motive`` (a violent or coercive act
its object names is the protest's motivation, an event of its own: "protesting the shooting of X"),
``allegeaccuse`` (an attack only a speaker claims or alleges, not one a speaker reports with "said", is
that speaker's ACCUSE of the attacker: "X claimed Y had attacked journalists"), ``claimaccuse`` (defying a law or truce that only a speaker claims is that speaker's ACCUSE of the
violator: "Russia said Ukraine violated the truce"), ``scheduled`` (announced, the act is a court's
timetable, not a threat: "is to be sentenced in June" is no event), ``topic`` (its of/for phrase is
the crime it is about, no event of its own: "sentenced for her murder"), ``contentaccused`` (the subject of the complement clause is the one accused: "alleged that Iran
had supplied weapons" accuses Iran), ``performative`` (an office-holder's own announcement that he leaves is the act: "announced he
would resign", "will step down" are RETREAT, not the AGREE of an announced retreat; an agreement,
offer, condition or possibility to resign is still coded as such), ``possvictim`` (the
possessor is the victim when no "of" phrase names one: "Khashoggi's killing"), ``unamb`` /
``amb`` (the lemma nearly always / often means something else; used for confidence), ``pair`` (an
interaction of two parties: with no one met or talked with, the doer must be plural -- "the two
leaders met", not "parliament would meet").

``family`` groups words that name the same happening across sentences ("signed agreements" ...
"the 17 agreements"); events merge only within a family.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

LEXICON_FILE = "plover_lexicon.tsv"
CATEGORIES_FILE = "plover_categories.tsv"
AGENT_NOUNS_FILE = "agent_nouns.tsv"

VERBAL_COOPERATION = 1
MATERIAL_COOPERATION = 2
VERBAL_CONFLICT = 3
MATERIAL_CONFLICT = 4


@dataclass(frozen=True)
class Need:
    kind: str  # obj, subj, mod, prep, pobj, prt, xcomp, pred, comppred, comp, nocomp, noobj, neg
    words: frozenset[str] = frozenset()
    prep: str | None = None  # for pobj
    # ``@valence<=-1.5`` / ``@valence>=1.5`` in the list: a word whose verdict (kb.nlp.valence) is
    # at most / at least that also matches; the threshold as the row gives it
    valence: float | None = None


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    pos: str
    category: str | None  # None: no event of its own
    mode: str | None
    needs: tuple[Need, ...]
    flags: frozenset[str]
    family: str

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True)
class Category:
    name: str
    quad_class: int | None
    cameo_root: str | None
    description: str
    modes: tuple[str, ...] = field(default_factory=tuple)
    # "capable": a doer the text names must be able to act politically (agent_nouns.tsv), or the
    # trigger is another sense ("the budget will meet the rules"); "any": deaths, votes
    actor: str = "capable"
    # what an announced act becomes (PLOVER manual: future cooperation is AGREE, an announced
    # retreat CONCEDE, announced force THREATEN); None: the category itself
    announced: str | None = None
    # "-": a merely possible act ("could fund") is no event; None: treated like an announced one
    possible: str | None = None
    # "yes": a happening at a scene (violence, arrests, rescues, rallies, deaths), which a story
    # that names no place for it sets where its other physical happenings are; statements,
    # sanctions and votes are made or held wherever their makers are
    scene: bool = False

    @property
    def cooperative(self) -> bool:
        return self.quad_class in (VERBAL_COOPERATION, MATERIAL_COOPERATION)

    @property
    def material_conflict(self) -> bool:
        return self.quad_class == MATERIAL_CONFLICT

    @property
    def verbal(self) -> bool:
        return self.quad_class in (VERBAL_COOPERATION, VERBAL_CONFLICT)


def _reference_text(name: str) -> str:
    """A reference file from the installed package, else from the checkout's data/reference."""
    try:
        return resources.files("kb.reference").joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        path = Path(__file__).resolve().parents[2] / "data" / "reference" / name
        return path.read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _reference_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _valence_marker(words: set[str]) -> tuple[frozenset[str], float | None]:
    """The word list without its ``@valence<=X`` / ``@valence>=X`` item, and X."""
    marks = [w for w in words if w.startswith("@valence")]
    if not marks:
        return frozenset(words), None
    if len(marks) > 1:
        raise ValueError(f"{LEXICON_FILE}: more than one valence threshold in {sorted(words)!r}")
    mark = marks[0]
    op, value = mark[len("@valence"):len("@valence") + 2], float(mark[len("@valence") + 2:])
    if op not in ("<=", ">=") or (op == "<=") != (value < 0):
        raise ValueError(f"{LEXICON_FILE}: a valence threshold is '<=' a negative or '>=' a positive value: {mark!r}")
    return frozenset(w for w in words if w != mark), value


def parse_needs(text: str) -> tuple[Need, ...]:
    needs = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        kind, _, value = part.partition("=")
        kind = kind.strip()
        if kind in ("pobj", "xpobj"):
            prep, _, words = value.partition(":")
            ws, val = _valence_marker(set(words.split("|")))
            needs.append(Need(kind, ws, prep, val))
        elif kind == "obj" and not value:  # any object at all
            needs.append(Need("anyobj"))
        elif kind in ("obj", "subj", "mod", "prep", "prt", "xcomp", "pred", "advcl", "comppred", "noprep", "party"):
            ws, val = _valence_marker({w for w in value.split("|") if w})
            if val is not None and kind not in ("pred", "comppred"):
                raise ValueError(f"{LEXICON_FILE}: a valence threshold only in pred, comppred or pobj: {part!r}")
            needs.append(Need(kind, ws, None, val))
        elif kind in ("comp", "nocomp", "noobj", "owncomp", "othercomp", "ownobj", "neg"):
            needs.append(Need(kind))
        else:
            raise ValueError(f"{LEXICON_FILE}: unknown need {part!r}")
    return tuple(needs)


@lru_cache(maxsize=1)
def categories() -> dict[str, Category]:
    """Category name -> :class:`Category`, from plover_categories.tsv."""
    out = {}
    for row in _rows(CATEGORIES_FILE):
        quad = row.get("quad_class")
        out[row["category"]] = Category(
            name=row["category"],
            quad_class=int(quad) if quad else None,
            cameo_root=row.get("cameo_root") or None,
            description=row.get("description", ""),
            modes=tuple(m for m in row.get("modes", "").split(",") if m),
            actor=row.get("actor") or "capable",
            announced=row.get("announced") or None,
            possible=row.get("possible") or None,
            scene=(row.get("scene") or "").strip().lower() == "yes",
        )
    for c in out.values():
        if c.announced is not None and c.announced not in out:
            raise ValueError(f"{CATEGORIES_FILE}: {c.name} is announced as unknown {c.announced!r}")
    return out


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], tuple[LexEntry, ...]]:
    """(lemma, pos) -> the lexicon rows for it, in file order (specific senses first)."""
    cats = categories()
    out: dict[tuple[str, str], list[LexEntry]] = {}
    for row in _rows(LEXICON_FILE):
        cat = row["category"]
        if cat == "-":
            cat = None
        elif cat not in cats:
            raise ValueError(f"{LEXICON_FILE}: {row['lemma']!r} has unknown category {cat!r}")
        entry = LexEntry(
            lemma=row["lemma"].lower(),
            pos=row["pos"].upper(),
            category=cat,
            mode=row.get("mode") or None,
            needs=parse_needs(row.get("needs", "")),
            flags=frozenset(f for f in row.get("flags", "").split(",") if f),
            family=row.get("family") or row["lemma"].lower(),
        )
        out.setdefault((entry.lemma, entry.pos), []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def agent_nouns() -> dict[str, str]:
    """Common noun (lemma) for a politically capable doer -> its sector, from agent_nouns.tsv."""
    return {row["noun"].lower(): row.get("sector") or "" for row in _rows(AGENT_NOUNS_FILE)}


def category(name: str) -> Category | None:
    return categories().get(name)
