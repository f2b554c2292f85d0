"""PLOVER event extraction from a dependency parse.

``extract_events(doc, ents, published)`` finds event triggers (verbs, event nouns, a few
adjectives) with the lexicon of :mod:`kb.nlp.plover`, reads their arguments from the parse, and
returns one :class:`EventRec` per happening in the document.

How a sentence is read
----------------------
1. Every token whose (lemma, part of speech) is in the lexicon picks the first lexicon row whose
   ``needs`` hold ("sign" + an agreement object is SUPPORT; "call off" a strike is CONCEDE).
2. Triggers are built from the top of the tree down, so the governing word decides:

   - *frame* verbs ("agree to", "threaten to", "demand that", "refuse to", "accuse X of") are the
     event; their complement clause is its content, not a second event (the content's category
     gives the mode, and its participants fill a missing recipient);
   - *intent* words ("plan to", "ready to", "promise to", "vow to") are no event themselves: the
     complement is, marked as announced rather than done; *pass* words ("began to", "ordered X
     to", "tried to") hand the complement on unchanged; "failed to" negates it;
   - *light* verbs ("held talks", "staged a hunger strike", "imposed sanctions") take the event of
     their object noun, with their own subject as actor;
   - an event noun that is the object of another trigger ("signed agreements", "rejected calls
     for talks") is part of that event.
3. PLOVER codes statements of intent by what is promised: an announced, planned, conditional or
   offered cooperative act (support, aid, concession, withdrawal, a meeting) is AGREE (REJECT when
   negated: "will not accept"); an announced act of material conflict (sanction, coercion,
   assault) is THREATEN. "X said Y must do Z" is a REQUEST of X to Y.
4. Clauses that describe no happening are skipped: conditions ("if", "unless", "until"), purpose
   infinitives ("staged a rally to demand ..."), statements made while doing something else
   ("..., saying ...").
5. Triggers of one category joined in the parse ("shelled the town, killing 20", "killed in a bomb
   attack") are one event; a death caused by an attack is the attack.
6. Across the document, events of one type and one word family whose participants overlap (or
   that name none) and whose dates agree are merged, keeping each occurrence as a mention.

Arguments: actors are subjects (climbing through xcomp, conj, relative and participle clauses;
"issued a statement demanding": the issuer), passive agents, the possessor or nationality/name
modifier of an event noun; recipients are objects, passive subjects and with/to/against/on/from
phrases, and an event-noun object's own against/on/from/by phrases ("called for sanctions against
X", "an offer from X"). Inside an argument noun phrase the head's own entity wins when it has a
country; otherwise its compound, adjective, possessive and apposition modifiers count ("Israeli
soldiers", "US-led forces", coordinated ones too), then its of/in/from/throughout phrases
("leaders of X", "students throughout X", "a paper based in X"); counts and measures look through
their "of" ("scores of Liberian refugees", "ten days of war games"). A people is coded by where it
lives ("the Albanians of Serbia", "ethnic Albanians" by their clause's place). A group of a
country ("Croatian extremists") may face that country itself; otherwise an actor is never its own
recipient. Locations (GPE/LOC/FAC in an in/at phrase, or "to" for visits) are never actors, but
violence, coercion and protest with no named doer, and a passive investigation, are coded to the
country where they happen (PLOVER's convention for unattributed actors). Dates come from a DATE
entity on the trigger, resolved with :func:`kb.nlp.dates.resolve_date`; an event inside
"during/amid" another shares its date and lends it its place. A count is a number on the event
noun ("the 17 agreements"). ``data/reference/PLOVER.md`` lists these conventions with examples.

Confidence (0..1) starts at 0.5 and is
  +0.15 for a verb trigger, +0.15 when both actor and recipient were found (+0.05 actor only),
  +0.10 for a lexicon row marked ``unamb``, +0.05 for an explicit date, +0.05 per further mention;
  -0.15 for a noun trigger with no participant, -0.10 for a row marked ``amb``,
  -0.10 when hypothetical or negated, -0.05 when only announced (future);
clamped to [0.05, 0.95].
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import plover, words
from .docinfo import sentence_of, sentences
from .dates import resolve_date, tense_of
from .gazetteer import Gazetteer
from .index import DocEntities
from .types import DateValue, EntityRec, EventMentionRec, EventRec

__all__ = ["extract_events"]

_POS = {"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJ"}
_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_NAMED_SKIP = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
_PLACE_TYPES = {"GPE", "LOC", "FAC"}
_FUTURE_AUX = words.FUTURE_AUX
_HYPO_AUX = words.HYPOTHETICAL_AUX
_OBLIGATION_AUX = words.OBLIGATION_AUX
_NEG_WORDS = words.NEGATORS
_CONDITION_MARKS = words.CONDITION_MARKS
_IRREALIS_MODS = {"upcoming", "planned", "proposed", "possible", "potential", "future", "next",
                  "expected", "imminent", "scheduled", "would-be", "threatened", "intended"}
_HAPPEN_VERBS = {"take", "break", "erupt", "occur", "happen", "begin", "start", "end", "resume",
                 "continue", "flare", "rage", "spread", "follow", "collapse", "stall", "fail", "hit",
                 "kill", "leave", "see", "mark"}
_OBJECT_CONTROL = {"urge", "ask", "order", "force", "press", "call", "tell", "invite", "allow",
                   "permit", "help", "persuade", "encourage", "pressure", "pressurize", "require",
                   "appeal", "implore", "beg", "warn", "compel", "demand", "push"}
_RECIPIENT_PREPS = {"with", "to", "against", "on", "toward", "towards", "from", "at", "upon", "into",
                    "for", "over"}
_NOUN_RECIPIENT_PREPS = {"against", "on", "with", "to", "toward", "towards", "into", "upon", "over"}
_CONTENT_PREPS = {"for", "of", "against", "over", "about", "on", "to", "upon", "into", "with"}
_LOCATION_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout"}
_DATE_PREPS = {"on", "in", "at", "during", "by", "since", "from", "of"}
_SHARED_TIME_PREPS = {"during", "amid", "amidst", "at"}
_EXTENSION = {"ELECTION", "DEATH"}
_WORD_NUMBERS = words.NUMBER_WORDS


@dataclass
class _Draft:
    category: str
    mode: str | None
    anchor: Token  # where the arguments hang (the verb, or the noun of a noun event)
    trigger: Token  # the word shown as the trigger
    entry: plover.LexEntry
    sentence_index: int
    nouns: list[Token] = field(default_factory=list)  # event nouns absorbed (objects of light verbs)
    wrappers: list[Token] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    location_key: str | None = None
    date: DateValue | None = None
    count: int | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intent: bool = False
    obligation: bool = False  # "X must resign": demanded, not done
    merged: int = 0  # triggers of the same happening joined into this one in its sentence
    weak: bool = False  # a noun that needs a date, count or participant to stand on its own
    families: set[str] = field(default_factory=set)
    groups: set = field(default_factory=set)  # keys that stand for a group of a country
    local_actor: bool = False  # the actor is the country of the place (see _local_actor)
    tokens: set[int] = field(default_factory=set)  # every token this event is made of
    quoted: bool = False  # the trigger stands inside quotation marks: the words of a speaker
    reported: bool = False  # the content clause of a verb of saying or thinking
    date_inherited: bool = False  # the date is the reporting verb's ("X said on Friday he may ...")
    extra_mentions: list["_Draft"] = field(default_factory=list)


class _Context:
    """What the rules share over one document: entity lookups, DATE spans, the chosen lexicon rows."""

    def __init__(self, doc: Doc, ents: DocEntities, published: _dt.date | None):
        self.doc = doc
        self.ents = ents
        self.published = published
        self.lex = plover.lexicon()
        self.cats = plover.categories()
        self.date_span: dict[int, Span] = {}
        for ent in doc.ents:
            if ent.label_ == "DATE":
                for t in ent:
                    self.date_span[t.i] = ent
        self.chosen: dict[int, plover.LexEntry] = {}  # token index -> lexicon row, current sentence
        self.quotes = quoted_spans(doc.text)
        self.agents = plover.agent_nouns()
        self.titles = Gazetteer.load().titles()

    def in_quote(self, tok: Token) -> bool:
        return any(a <= tok.idx < b for a, b in self.quotes)

    def capable(self, tok: Token, depth: int = 0) -> bool:
        """Whether a doer's phrase names someone who can act politically (PLOVER manual, actors):
        a named person, group or country, a personal pronoun, a title, or a common noun of
        agent_nouns.tsv; "an assembly of ministers", "Turkish officials" through their modifiers."""
        tok = _np_head(tok)
        if self.ents.keys_at(tok) or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ in ("PROPN", "NUM"):
            return True
        if tok.pos_ == "PRON":
            return tok.lower_ not in words.NON_PERSONAL_PRONOUNS
        low = tok.lemma_.lower()
        if low in self.agents or tok.lower_ in self.agents or low in self.titles or tok.lower_ in self.titles:
            return True
        if depth >= 2:
            return False
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss") and (self.ents.keys_at(c) or c.ent_type_ in ("NORP", "GPE", "ORG")):
                return True
            if c.dep_ == "conj" and self.capable(c, depth + 1):
                return True
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                if any(self.capable(p, depth + 1) for p in c.children if p.dep_ == "pobj"):
                    return True
        return False

    # ---- lexicon ---------------------------------------------------------------------------
    def entry_for(self, tok: Token) -> plover.LexEntry | None:
        pos = _POS.get(tok.pos_)
        if pos is None:
            return None
        entries = self.lex.get((tok.lemma_.lower(), pos))
        if not entries and pos == "NOUN":
            entries = self.lex.get((tok.lower_, pos))
        if not entries and pos == "VERB":
            for base in _verb_bases(tok):  # the lemmatizer's "staged" -> "stag"
                entries = self.lex.get((base, pos))
                if entries:
                    break
        if not entries:
            return None
        if pos == "NOUN" and (tok.dep_ == "compound" or tok.ent_type_ in _NAMED_SKIP):
            return None
        if pos == "VERB" and tok.dep_ == "amod":
            return None
        for e in entries:
            if all(self.need_ok(tok, n) for n in e.needs):
                return e
        return None

    def need_ok(self, tok: Token, need: plover.Need) -> bool:
        k = need.kind
        if k == "obj":
            return any(self.words_match(o, need.words) for o in objects(tok))
        if k == "subj":
            return any(self.words_match(s, need.words) for s in subject_tokens(tok))
        if k == "mod":
            return any(c.dep_ in ("compound", "amod", "nmod") and
                       (c.lemma_.lower() in need.words or c.lower_ in need.words) for c in tok.children)
        if k == "prep":
            return any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in need.words for c in tok.children)
        if k == "pobj":
            return any(c.dep_ == "prep" and c.lower_ == need.prep and
                       any(self.words_match(p, need.words) for p in c.children if p.dep_ in ("pobj", "pcomp"))
                       for c in tok.children)
        if k == "prt":
            return any(c.dep_ == "prt" and c.lower_ in need.words for c in tok.children)
        if k == "xcomp":
            x = [c for c in tok.children if c.dep_ == "xcomp"]
            return bool(x) and (not need.words or any(c.lemma_.lower() in need.words for c in x))
        if k == "advcl":
            return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in need.words for c in tok.children)
        if k == "comp":
            return complement(tok) is not None
        if k == "nocomp":
            return complement(tok) is None and not any(c.dep_ == "ccomp" for c in tok.children)
        if k == "noobj":
            return not any(c.dep_ == "dobj" for c in tok.children)
        return False

    def words_match(self, tok: Token, words: frozenset[str]) -> bool:
        if "@ent" in words and (tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or self.ents.keys_at(tok)):
            return True
        if tok.lemma_.lower() in words or tok.lower_ in words:
            return True
        return any(c.dep_ in ("compound", "amod", "nmod") and (c.lemma_.lower() in words or c.lower_ in words)
                   for c in tok.children)

    # ---- entities --------------------------------------------------------------------------
    def np_keys(self, tok: Token, depth: int = 0, conj: bool = True) -> list[str]:
        """Entities an argument noun phrase stands for (see the module docstring for the order)."""
        tok = _np_head(tok)
        keys = list(self.ents.keys_at(tok))
        if depth < 3 and _ethnic(tok):
            # "ethnic Albanians": a people, coded by the country they live in, which the phrase
            # or the clause names ("ethnic Albanian guerrillas operating in Macedonia", "killed
            # three ethnic Albanians in southern Serbia") or else the sentence is about ("...
            # near Macedonia's border, Macedonian officials said"); failing all, by nationality
            home = self.home_of(tok) or self.home_of(_governor(tok), clause=True) or self.story_home(tok)
            if home:
                return home + (self.np_keys_conj(tok, depth) if conj else [])
        if keys and depth < 3 and self.is_group_word(tok, keys):
            # "the Albanians of southern Serbia", "Kurds in Iraq": a people of a country
            home = self.home_of(tok)
            if home:
                keys = home
        if depth < 3 and not self.has_country(keys) and not self.is_person(keys):
            # "Israeli soldiers", "Iraqi Kurds" (a name with no country), "Vietnamese-led forces"
            named = bool(keys)  # a name with no country: only a country can add to it
            for c in tok.children:
                if _modifier(c):  # "US and British forces": a coordinated modifier is one too
                    more = self.np_keys(c, depth + 1, conj=c.dep_ in ("amod", "compound", "nmod"))
                    keys += [k for k in more if self.country(k)] if named else more
            if not self.has_country(keys) and not tok.pos_ == "PROPN":
                # "leaders of X", "forces in X", "doctors from X"; a count or part looks through
                # its "of" to the whole coordination ("scores of Liberian and Sierra Leonean refugees")
                whole = tok.lemma_.lower() in _PARTITIVE or tok.pos_ == "NUM"
                for c in _np_preps(tok):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            keys += self.np_keys(p, depth + 1, conj=whole and c.lower_ == "of")
            if self.has_country(keys):
                # "Iraqi Kurds", "Moslem forces in Bosnia": a people word with no country of its
                # own is that country's group, one party, not two
                keys = [k for k in keys if self.country(k) or not self.is_norp(k)]
        if not keys and tok.pos_ == "PRON" and depth < 3:
            keys = self.pronoun_fallback(tok, depth)
        if conj:
            keys += self.np_keys_conj(tok, depth)
        return _uniq(keys)

    def np_keys_conj(self, tok: Token, depth: int) -> list[str]:
        return [k for c in tok.children if c.dep_ in ("conj", "appos") and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")
                for k in self.np_keys(c, depth, conj=True)]

    def story_home(self, tok: Token) -> list[str]:
        """The country a sentence is about: named at least twice in it, more than any other."""
        counts: dict[str, int] = {}
        last = None
        for t in sentence_of(tok):
            key = self.ents.by_token.get(t.i)
            if key is not None and key != last and self.is_people_key(key):
                code = self.country(key)
                if code and code not in ("IGO", "NGO"):
                    counts[code] = counts.get(code, 0) + 1
            last = key
        top = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
            return [self.country_key(top[0][0])]
        return []

    def home_of(self, tok: Token | None, clause: bool = False) -> list[str]:
        """The country a group's phrase places it in ("of/in/based in X"), or with ``clause``
        the country of the place a clause happens in."""
        if tok is None:
            return []
        if clause:
            key = _place_phrase(self, [tok], False)
            code = self.country(key) if key else None
        else:
            code = next((self.country(k) for c in _np_preps(tok)
                         for p in c.children if p.dep_ == "pobj"
                         for k in self.place_keys(p, 1) if self.country(k)), None)
        if not code or code in ("IGO", "NGO"):
            return []
        return [self.country_key(code)]

    def country(self, key: str) -> str | None:
        ent = self.ents.entities.get(key)
        return ent.country if ent is not None else None

    def has_country(self, keys: list[str]) -> bool:
        return any(self.country(k) for k in keys)

    def is_people_key(self, key: str) -> bool:
        ent = self.ents.entities.get(key)
        return ent is not None and ent.type in ("NORP", "GPE", "LOC")

    def is_norp(self, key: str) -> bool:
        ent = self.ents.entities.get(key)
        return ent is not None and ent.type == "NORP"

    def is_person(self, keys: list[str]) -> bool:
        return bool(keys) and all(
            (e := self.ents.entities.get(k)) is not None and e.type == "PERSON" for k in keys)

    def is_group_word(self, tok: Token, keys: list[str]) -> bool:
        """'Albanians', 'Kurds': a word for a people that stands for a country, not its name."""
        if tok.ent_type_ != "NORP" and tok.tag_ not in ("NNPS", "NNS"):
            return False
        ent = self.ents.entities.get(keys[0])
        return ent is not None and ent.type in _PLACE_TYPES | {"NORP"} and \
            tok.lower_.rstrip("s") not in ent.name.lower()

    def is_group_np(self, tok: Token) -> bool:
        """A noun phrase for people of a country, not the country or its government by name:
        "Croatian extremists", "scores of Liberian refugees", "the Albanians"."""
        tok = _np_head(tok)
        if tok.lemma_.lower() in _PARTITIVE or tok.pos_ == "NUM":
            inner = _pobjs(tok, ("of",))
            tok = inner[0] if inner else tok
        keys = self.ents.keys_at(tok)
        if keys:
            return self.is_group_word(tok, keys)
        return tok.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in tok.children)

    def pronoun_fallback(self, tok: Token, depth: int = 0) -> list[str]:
        """A pronoun the entity pass left unresolved: the subject of the clause that governs it
        ("Hugo Chavez, who led ... until his death"), or for a subject pronoun in reported speech,
        the speaker ("Syria says it will ..."). A possessive stands where its noun phrase does:
        "Bosnian Serbs said their forces had withdrawn" climbs like a subject pronoun."""
        np = tok.head if tok.dep_ == "poss" and tok.head.pos_ in ("NOUN", "PROPN") else tok
        v = np.head
        steps = 0
        while v.pos_ not in ("VERB", "AUX") and v.head != v and steps < 6:
            v, steps = v.head, steps + 1
        if np.dep_ in _SUBJ + _PASS_SUBJ:
            while v.dep_ in ("ccomp", "xcomp", "conj", "advcl") and v.head != v:
                v = v.head
                subs = [s for s in subject_tokens(v) if s != np]
                if subs:
                    return _uniq(k for s in subs for k in self.np_keys(s, depth + 1))
            return []
        subs = [s for s in subject_tokens(v) if s != np and s.pos_ != "PRON"]
        if not subs and v.dep_ == "relcl":
            subs = [v.head]
        return _uniq(k for s in subs for k in self.np_keys(s, depth + 1))

    def place_keys(self, tok: Token, depth: int = 0) -> list[str]:
        keys = [k for k in self.ents.keys_at(tok) if self.is_place(k)]
        if keys or depth >= 3:
            return keys
        for c in tok.children:
            if c.dep_ in ("compound", "poss", "appos", "nmod") or (c.dep_ == "prep" and c.lower_ in ("of", "in", "at")):
                for p in ([c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"]):
                    keys = self.place_keys(p, depth + 1)
                    if keys:
                        return keys
        for c in tok.children:  # "the Iraqi city": the country, when nothing nearer is named
            if c.dep_ == "amod" and _modifier(c) and tok.lemma_.lower() in _TERRITORY:
                keys = [k for k in self.ents.keys_at(c) if self.is_place(k)]
                if keys:
                    return keys
        return []

    def country_key(self, code: str) -> str:
        """The document's entity for a country, added under the key the entity pass would give
        it (as :func:`kb.nlp.extract.apply_target_conventions` does) when the text only names
        one of its places."""
        name = Gazetteer.load().country_name(code) or code
        for key, ent in self.ents.entities.items():
            if ent.country == code and ent.type == "GPE" and ent.name == name:
                return key
        key = f"c-{code}"
        self.ents.entities.setdefault(key, EntityRec(key=key, name=name, type="GPE", country=code))
        return key

    def named_places(self, tok: Token) -> set[str]:
        """Places a phrase names outright ("Kyrgyzstan", "Caracas and Moscow"), as against a country
        reached through a modifier ("the US-led war", "Serbian forces")."""
        out = set()
        for t in tok.subtree:
            if t.dep_ not in ("amod", "compound", "nmod", "npadvmod", "poss") or \
                    self.ents.keys_at(t.head) == self.ents.keys_at(t):  # a word inside a name
                out |= {k for k in self.ents.keys_at(t) if self.is_place(k)}
        return out

    def is_place(self, key: str) -> bool:
        ent = self.ents.entities.get(key)
        return ent is not None and ent.type in _PLACE_TYPES


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks: curly pairs, and straight double quotes paired
    within a paragraph. An unclosed mark ends at the paragraph's end."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            if start is not None:
                spans.append((start, i))
            start = None
        elif ch == "\u201c" or (ch == '"' and start is None):
            start = i + 1
        elif (ch == "\u201d" or ch == '"') and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


# ---- parse helpers ----------------------------------------------------------------------------
def _verb_bases(tok: Token) -> list[str]:
    """Base forms of an inflected verb read off its spelling, for when the lemmatizer slips."""
    w = tok.lower_
    if tok.tag_ in ("VBD", "VBN") and w.endswith("ed"):
        return [w[:-1], w[:-2]]
    if tok.tag_ == "VBG" and w.endswith("ing"):
        return [w[:-3] + "e", w[:-3]]
    if tok.tag_ == "VBZ" and w.endswith("s"):
        return [w[:-1]]
    return []


def _uniq(items) -> list:
    seen, out = set(), []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


_MOD_DEPS = ("compound", "amod", "nmod", "poss", "appos")
# "Vietnamese-led forces", "a rebel-held town", "a Beirut-based newspaper": the one who leads,
# holds or hosts it (not one who merely backs it: "a US-backed coup" is not the US's own)
_OWNER_PARTICIPLES = {"lead", "led", "base", "based", "control", "run", "dominate", "own", "command", "hold",
                      "held", "organize", "organise", "operate", "occupy"}


# nouns for a piece of a country's territory or its custody: "the Iraqi city", "in Israeli custody"
_TERRITORY = {"city", "town", "village", "capital", "border", "frontier", "territory", "region", "province",
              "district", "custody", "soil", "waters", "airspace", "coast", "port", "prison", "jail", "camp",
              "side", "area", "zone", "state", "county", "countryside", "island", "enclave", "base"}


def _modifier(c: Token) -> bool:
    """A modifier whose entity the noun phrase stands for; "anti-Syria" is against, not of."""
    if c.dep_ == "npadvmod":
        return c.head.dep_ == "amod" and c.head.lemma_.lower() in _OWNER_PARTICIPLES
    if c.dep_ not in _MOD_DEPS or c.ent_type_ == "DATE":
        return False
    if c.dep_ == "amod" and c.tag_ == "VBN":
        return c.lemma_.lower() in _OWNER_PARTICIPLES
    i = c.i
    doc = c.doc
    while i > 0 and doc[i - 1].text in ("-", "anti", "Anti") and doc[i - 1].head == c.head and i > c.i - 3:
        if doc[i - 1].lower_ == "anti":
            return False
        i -= 1
    return not c.lower_.startswith("anti-")


# participles that say where a group is from or sits: "a newspaper based in Beirut"
_SEATED = {"base", "locate", "station", "headquarter", "operate", "deploy", "live", "stay", "camp"}


def _np_preps(tok: Token) -> list[Token]:
    """The of/in/from phrases that tell whose or where a group is: "leaders of X", "students
    throughout X", "forces in X", and those of a participle of place ("a paper based in X")."""
    out = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _GROUP_PREPS]
    for c in tok.children:
        if c.dep_ == "acl" and c.lemma_.lower() in _SEATED and c.tag_ in ("VBN", "VBG"):
            out += [p for p in c.children if p.dep_ == "prep" and p.lower_ in ("in", "at", "throughout", "across")]
    return out


_GROUP_PREPS = {"of", "in", "from", "throughout", "across", "inside"}


def _ethnic(tok: Token) -> bool:
    """'ethnic Albanians', 'ethnic Albanian guerrillas': an ethnicity, not a citizenship."""
    return any(c.lower_ == "ethnic" for c in tok.children) or any(
        c.dep_ in ("amod", "compound") and any(g.lower_ == "ethnic" for g in c.children) for c in tok.children)


def _governor(tok: Token) -> Token | None:
    """The verb whose clause a noun phrase belongs to."""
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head != tok and steps < 6:
        tok, steps = tok.head, steps + 1
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _np_head(tok: Token) -> Token:
    """'The Red Cross operating in Iraq said': the tagger made the participle the subject."""
    if tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.dep_ in _SUBJ:
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if subj:
            return subj[0]
    return tok


def _pobjs(tok: Token, preps) -> list[Token]:
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)


def objects(tok: Token) -> list[Token]:
    """The object(s) of a trigger: direct objects, the passive subject, the noun a participle
    modifies ("the demonstration staged by students"), a noun's "of" complement."""
    out: list[Token] = []
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                out += [p for p in c.children if p.dep_ == "pobj"]
        return out
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and c.pos_ != "PRON" or c.dep_ == "dobj":
            if c.lemma_.lower() in _PARTITIVE:  # "suspended part of a military aid program"
                c = next((p for pr in c.children if pr.dep_ == "prep" and pr.lower_ == "of"
                          for p in pr.children if p.dep_ == "pobj"), c)
            out.append(c)
            out += _conjuncts(c)
    if not out:  # "kidnapped up to 16 advisers": the tagger read "up to" as a particle and a phrase
        for c in tok.children:
            if c.lower_ == "up" and c.dep_ in ("prt", "advmod", "prep"):
                out += [p for p in _pobjs(c, ("to",)) if any(n.dep_ == "nummod" for n in p.children)]
    if not out:  # "denounced as a crime Serbia's crackdown": the object moved past its "as" phrase
        out += [a for p in _pobjs(tok, ("as",)) for a in p.children if a.dep_ == "appos" and a.i > p.i]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and _fragment_subject(tok) is None:
        out.append(tok.head)
    return out


def _conjuncts(tok: Token) -> list[Token]:
    """Every conjunct of a coordination: "artillery, mortar, and rocket fire" chains each to the last."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack and len(out) < 12:
        c = stack.pop(0)
        out.append(c)
        stack += [cc for cc in c.children if cc.dep_ == "conj"]
    return out


def _fragment_subject(tok: Token) -> Token | None:
    """'Doctors from two aid groups donated and delivered goods': with no verb at the root, the
    tagger hangs the real predicate on a noun as a participle; one that has an object of its own
    (or in its conjunct) is active, and the sentence's root noun phrase is its subject."""
    if tok.dep_ != "acl" or tok.tag_ not in ("VBN", "VBD"):
        return None
    root = sentence_of(tok).root
    if root.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "agent" for c in tok.children):
        return None
    heads = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if not any(c.dep_ == "dobj" for h in heads for c in h.children):
        return None
    return root


_PARTITIVE = {"part", "some", "most", "all", "half", "portion", "much", "rest", "bulk", "parts", "share",
              # counts of people: "scores of refugees", "thousands of students", "a group of rebels"
              "score", "dozen", "hundred", "thousand", "million", "ten", "number", "group", "handful",
              "couple", "majority", "minority", "third", "quarter", "lot", "several", "many", "few",
              # measures of goods and of time: "25,000 tons of food aid", "10 days of war games"
              "ton", "tonne", "kilogram", "kilo", "barrel", "litre", "liter", "gallon", "worth", "amount",
              "quantity", "load", "consignment", "batch", "shipment", "series", "wave", "round", "spate",
              "day", "week", "month", "hour"}


def subject_tokens(tok: Token, depth: int = 0) -> list[Token]:
    """Heads of the actor phrase of a verb (or adjective) trigger."""
    if depth > 6:
        return []
    subs = [c for c in tok.children if c.dep_ in _SUBJ]
    if subs:
        s = subs[0]
        if s.tag_ in ("WDT", "WP") or s.lower_ in ("who", "which", "that"):
            return [tok.head] if tok.dep_ in ("relcl", "acl") else []
        return subs
    if is_passive(tok):
        for c in tok.children:
            if c.dep_ == "agent":
                return [p for p in c.children if p.dep_ == "pobj"]
        return []
    dep, head = tok.dep_, tok.head
    if head == tok:
        return []
    if dep in ("xcomp", "acomp"):
        if head.lemma_.lower() in _OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ == "dobj":
                    return [c]
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    return [p for p in c.children if p.dep_ == "pobj"]
        return subject_tokens(head, depth + 1)
    if dep == "conj" or dep == "advcl":
        return subject_tokens(head, depth + 1)
    if dep in ("relcl", "acl"):
        frag = _fragment_subject(tok)
        if frag is not None:
            return [frag]
        if tok.tag_ == "VBN" and dep == "acl":
            return []
        if dep == "acl" and tok.tag_ == "VBG" and head.dep_ == "dobj" and head.head.lemma_.lower() in _PUBLISH_VERBS:
            # "issued a declaration demanding ...": the one who issued it
            return subject_tokens(head.head, depth + 1)
        return [head] if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else []
    if dep == "pcomp":  # "accused X of violating": X
        prep = head
        gov = prep.head
        objs = [c for c in gov.children if c.dep_ == "dobj"]
        return objs or subject_tokens(gov, depth + 1)
    return []


# verbs that put out a text ("issued a statement condemning ..."): the text's words are the issuer's
_PUBLISH_VERBS = {"issue", "release", "publish", "adopt", "pass", "send", "deliver", "read", "circulate",
                  "sign", "make", "put", "broadcast", "post"}


def complement(tok: Token) -> Token | None:
    """The clause a frame/intent word governs: "agreed [to cooperate]", "demanded [that X go]",
    "plans [to visit]", "sworn [to fight]", "accused X of [violating]", "its demand [that X go]"."""
    for c in tok.children:
        if c.dep_ == "xcomp":
            return c
    for c in tok.children:
        if c.dep_ == "ccomp":
            return c
    for c in tok.children:
        if c.dep_ in ("acl", "advcl", "relcl") and _is_to_infinitive(c) and \
                (c.dep_ != "advcl" or tok.lemma_.lower() in _OBJECT_CONTROL
                 or not any(o.dep_ == "dobj" for o in tok.children)):
            return c
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                return c
        if tok.dep_ == "dobj":  # "reiterated its demand today that Israel ease ..."
            for c in tok.head.children:
                if c.dep_ == "ccomp" and c.i > tok.i:
                    return c
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "to"):
            for p in c.children:
                if p.dep_ == "pcomp" and p.pos_ == "VERB":
                    return p
    return None


def _depth(tok: Token) -> int:
    d = 0
    while tok.head != tok and d < 60:
        tok, d = tok.head, d + 1
    return d


def _is_to_infinitive(tok: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def _number(tok: Token) -> int | None:
    text = tok.text.replace(",", "")
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(tok.lower_)


# ---- the extractor ----------------------------------------------------------------------------
def extract_events(doc: Doc, ents: DocEntities, published: _dt.date | None) -> list[EventRec]:
    """PLOVER (and ELECTION/DEATH) events of a parsed document; see the module docstring."""
    st = _Context(doc, ents, published)
    sents = sentences(doc)
    drafts: list[_Draft] = []
    for si, sent in enumerate(sents):
        drafts += _sentence_events(st, sent, si)
    return _merge_document(st, drafts)


def _sentence_events(st: _Context, sent: Span, si: int) -> list[_Draft]:
    chosen: dict[int, plover.LexEntry] = {}
    st.chosen = chosen
    for tok in sent:
        e = st.entry_for(tok)
        if e is not None:
            chosen[tok.i] = e
    speech = [t for t in sent if t.i in chosen and chosen[t.i].has("speech")]
    if not chosen:
        return []
    blocked = _blocked_regions(sent, chosen)
    handled: set[int] = set()
    out: list[_Draft] = []

    # "X said Y must do Z": a request of X to Y
    for sp in speech:
        d = _speech_demand(st, sp, chosen, si)
        if d is not None:
            out.append(d)
            handled |= d.tokens

    for tok in sorted((sent.doc[i] for i in chosen), key=_depth):
        if tok.i in handled or tok.i in blocked:
            continue
        for d in _build(st, tok, chosen, handled, si, []):
            out.append(d)
    out = [d for d in out if d is not None]
    _share_time_and_place(out)
    return _merge_sentence(st, out)


_BACKGROUND_MARKS = {"as", "after", "since", "because", "although", "though", "whereas", "despite"}
_BACKGROUND_PREPS = {"after", "following", "since", "amid", "amidst", "despite", "before", "until"}


def _own_date(tok: Token) -> bool:
    """'after May stepped down on July 24': a background clause with a date of its own tells a
    happening of its own, not just the circumstance of the main one."""
    for c in tok.children:
        if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "obl"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("on", "in") and any(p.ent_type_ == "DATE" for p in c.children if p.dep_ == "pobj"):
            return True
    return False


def _perfect(tok: Token) -> bool:
    """'to have won': a done deed, not a plan."""
    return tok.tag_ == "VBN" and any(a.dep_ == "aux" and a.lower_ == "have" for a in tok.children)


def _subtree_but_relcl(tok: Token) -> set[int]:
    """A clause's tokens without the relative clauses inside it, which assert facts of their own."""
    out: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ != "relcl")
    return out


def _no_other_complement(tok: Token) -> bool:
    """'sworn to fight' (the infinitive is the complement) vs 'continued the strike to demand'."""
    return not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children)


def _wrapper_like(entry) -> bool:
    return entry is not None and (entry.has("frame") or entry.has("intent") or entry.has("pass") or entry.has("neg"))


def _blocked_regions(sent: Span, chosen) -> set[int]:
    """Tokens that report no happening of their own: conditions, purposes, background circumstance
    ("after two days of fighting", "as battles raged"), statements made while doing something
    else ("..., saying ...")."""
    blocked: set[int] = set()
    for tok in sent:
        dep = tok.dep_
        if dep == "prep":
            low = tok.lower_
            background = low in _BACKGROUND_PREPS or (
                low == "in" and any(p.lemma_.lower() in ("wake", "response", "protest") for p in tok.children))
            if low == "because" or (low == "due" and any(c.lower_ == "to" for c in tok.children)):
                background = True
            if background:
                for t in tok.subtree:
                    e = chosen.get(t.i)
                    if e is None or e.category not in _EXTENSION:
                        blocked.add(t.i)
            continue
        if dep not in ("advcl", "acl", "relcl", "xcomp", "ccomp", "conj"):
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if dep in ("advcl", "ccomp") and marks & _CONDITION_MARKS:
            blocked |= {t.i for t in tok.subtree}
        elif dep == "advcl" and marks & _BACKGROUND_MARKS and tok.head.i in chosen and not _own_date(tok):
            blocked |= {t.i for t in tok.subtree if chosen.get(t.i) is None or chosen[t.i].category not in _EXTENSION}
        elif dep == "advcl" and _is_to_infinitive(tok) and tok.head.lemma_.lower() not in _OBJECT_CONTROL \
                and not (_wrapper_like(chosen.get(tok.head.i)) and _no_other_complement(tok.head)):
            blocked |= {t.i for t in tok.subtree}  # purpose: "staged a rally to demand reforms"
        elif dep == "acl" and _is_to_infinitive(tok) and tok.head.i not in chosen and not _perfect(tok):
            blocked |= _subtree_but_relcl(tok)  # "efforts to", "a decision to"
        elif dep == "advcl" and tok.tag_ == "VBG" and tok.i in chosen:
            e = chosen[tok.i]
            cat = plover.category(e.category) if e.category else None
            if cat is not None and cat.verbal:  # "..., saying / demanding / calling for ..."
                blocked.add(tok.i)
                blocked |= {t.i for c in tok.children if c.dep_ in ("ccomp", "xcomp", "dobj", "prep")
                            for t in c.subtree}
    return blocked


def _build(st: _Context, tok: Token, chosen, handled: set[int], si: int, wrappers: list[Token]) -> list[_Draft]:
    """The event(s) a trigger stands for, following intent/pass/light/frame words down the tree."""
    entry = chosen.get(tok.i)
    if entry is None or tok.i in handled:
        return []
    handled.add(tok.i)
    if entry.has("intent") or entry.has("pass") or entry.has("neg"):
        comp = complement(tok)
        if comp is not None:
            heads = [comp] + [c for c in comp.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            found: list[_Draft] = []
            for h in heads:
                if h.i in chosen:
                    found += _build(st, h, chosen, handled, si, wrappers + [tok])
            if found:
                return found
            if entry.has("light") and not entry.category:
                pass  # "began a hunger strike": fall through to the light-verb reading
            elif entry.category:
                d = _draft(st, tok, entry.category, entry.mode, entry, si, wrappers)
                if d is not None:
                    d.tokens |= {t.i for t in comp.subtree}
                    handled |= d.tokens
                    return [d]
                return []
            else:
                return []
    if entry.category is None and entry.has("light") or entry.has("light") and not entry.needs:
        noun = _light_object(tok, chosen)
        if noun is not None:
            nentry = chosen[noun.i]
            handled.add(noun.i)
            d = _draft(st, tok, nentry.category, nentry.mode, nentry, si, wrappers, noun=noun)
            if d is not None and nentry.has("frame"):
                comp = complement(noun) or complement(tok)
                if comp is not None:
                    _take_content(st, d, comp, chosen, handled, si)
            return [d] if d is not None else []
        if entry.category is None:
            return []
    if entry.category is None:
        if entry.has("frame"):
            comp = complement(tok)
            if comp is not None:
                handled |= {t.i for t in comp.subtree}
        return []
    noun = None
    verbal = plover.category(entry.category).verbal
    if tok.pos_ == "VERB":
        # an event noun object is part of this event ("signed agreements", "rejected calls")
        for o in objects(tok):
            if o.i in chosen and o.pos_ == "NOUN" and o.i not in handled:
                oe = chosen[o.i]
                if oe.category in _EXTENSION and oe.category != entry.category:
                    if verbal:  # "demanding a referendum": no vote took place
                        handled.add(o.i)
                    continue
                noun = o
                handled.add(o.i)
                break
    d = _draft(st, tok, entry.category, entry.mode, entry, si, wrappers, noun=noun)
    if d is None:
        return []
    if entry.has("frame"):
        comp = complement(tok)
        if comp is not None:
            _take_content(st, d, comp, chosen, handled, si)
    consumed: list[Token] = list(d.nouns)
    if verbal and tok.pos_ == "VERB":
        # event nouns that are the topic of a statement are not events of their own
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp") and p.i in chosen and p.i not in handled:
                        handled.add(p.i)
                        d.tokens.add(p.i)
                        consumed.append(p)
    for o in objects(tok) if tok.pos_ == "VERB" else []:
        if o.i in handled and o.i in chosen:
            consumed.append(o)
        for t in o.subtree:
            if t.i in chosen and t.i not in handled and _within_np(t, o) and chosen[t.i].category not in _EXTENSION:
                handled.add(t.i)
                d.tokens.add(t.i)
    for n in consumed:  # what the consumed event noun's own clauses say belongs to it too
        for t in n.subtree:
            if t.i in chosen and t.i not in handled and chosen[t.i].category not in _EXTENSION:
                handled.add(t.i)
                d.tokens.add(t.i)
    return [d]


def _take_content(st: _Context, d: _Draft, comp: Token, chosen, handled: set[int], si: int) -> None:
    """A frame event's complement clause is its content: no event of its own."""
    inner: list[_Draft] = []
    if comp.i in chosen and comp.i not in handled:
        inner = _build(st, comp, chosen, set(handled), si, [])
    _absorb_content(st, d, comp, inner)
    sub = {t.i for t in comp.subtree}
    handled |= sub
    d.tokens |= sub


def _within_np(t: Token, np_head: Token) -> bool:
    """t sits in np_head's phrase without crossing a relative clause or a finite verb."""
    while t != np_head:
        if t.dep_ in ("relcl", "ccomp", "advcl", "conj") and t.pos_ in ("VERB", "AUX"):
            return False
        if t.head == t:
            return False
        t = t.head
    return True


def _light_object(tok: Token, chosen) -> Token | None:
    for o in objects(tok):
        if o.i in chosen and chosen[o.i].category:
            return o
    if tok.lemma_.lower() in _PREP_LIGHT:  # "go on strike", "put under investigation"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _PREP_LIGHT[tok.lemma_.lower()]:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in chosen and chosen[p.i].category and chosen[p.i].pos == "NOUN":
                        return p
    return None


_PREP_LIGHT = {"go": ("on",), "take": ("in",), "put": ("under", "on"), "place": ("under", "on"),
               "remain": ("on",), "stay": ("on",)}


def _absorb_content(st: _Context, d: _Draft, comp: Token, inner: list[_Draft]) -> None:
    """The content clause of a frame event lends it a mode and, when missing, a recipient."""
    if inner:
        c = inner[0]
        if d.mode is None:
            d.mode = _content_mode(d.category, c)
        if not d.recipients:
            d.groups |= c.groups
            if d.category == "REQUEST":
                d.recipients = _others(c.actors, d.actors, d.groups) or list(c.recipients)
            else:
                d.recipients = _others(c.recipients, d.actors, d.groups)
        if d.location_key is None:
            d.location_key = c.location_key
        if d.date is None and c.date is not None:
            d.date = c.date
        return
    if not d.recipients:
        groups = d.groups
        if d.category == "REQUEST":
            subs = [s for s in subject_tokens(comp) if s.pos_ != "PRON"]
            d.recipients = _others([k for s in subs for k in _keys(st, s, groups)], d.actors, groups)
        if not d.recipients:
            found = [k for o in objects(comp) for k in _object_keys(st, o, groups) if k not in st.named_places(o)]
            if not found:  # "refused to respond to a demand from X", not "agreed to return to X"
                found = _prep_recipients(st, comp, d.category, groups, places=False)
            d.recipients = _others(found, d.actors, groups)
    if d.location_key is None:  # "agreed to postpone the rally in Baku": where the content is
        d.location_key = _place_phrase(st, [comp] + [o for o in objects(comp) if o.pos_ == "NOUN"], False)


def _content_mode(category: str, content: _Draft) -> str | None:
    if category != "THREATEN":
        return None
    c = content.category
    if c == "ASSAULT" or c == "MOBILIZE":
        return "violence"
    if c == "SANCTION":
        return "relations"
    if c == "COERCE":
        return content.mode or "restrict"
    return None


def _speech_demand(st: _Context, sp: Token, chosen, si: int) -> _Draft | None:
    if sp.dep_ in ("advcl", "acl") or sp.tag_ == "VBG":
        return None
    speakers = subject_tokens(sp)
    if not speakers:
        return None
    for c in sp.children:
        if c.dep_ != "ccomp":
            continue
        must = [a for a in c.children if a.dep_ == "aux" and a.lower_ in _OBLIGATION_AUX]
        if not must:
            continue
        actor = _uniq(k for s in speakers for k in st.np_keys(s))
        target = _uniq(k for s in subject_tokens(c) for k in st.np_keys(s))
        target = [k for k in target if k not in actor]
        if not actor or not target:
            continue
        entry = plover.LexEntry("must", "AUX", "REQUEST", None, (), frozenset(), "request")
        d = _Draft("REQUEST", None, sp, must[0], entry, si)
        d.actors, d.recipients = actor, target
        d.tokens = {t.i for t in c.subtree} | {sp.i}
        d.date = _date_of(st, [sp])
        return d
    return None


def _draft(st: _Context, tok: Token, category: str, mode: str | None, entry: plover.LexEntry, si: int,
           wrappers: list[Token], noun: Token | None = None) -> _Draft | None:
    # a light verb's event is shown by its noun ("held talks" -> talks): the row is the noun's
    trigger = noun if noun is not None and entry.pos == "NOUN" else tok
    d = _Draft(category, mode, tok, trigger, entry, si, wrappers=list(wrappers))
    d.nouns = [noun] if noun is not None else []
    d.tokens = {tok.i} | ({noun.i} if noun is not None else set())
    d.families = {entry.family}
    if noun is not None:
        ne = st.chosen.get(noun.i)
        d.families.add(ne.family if ne is not None else noun.lemma_.lower())
    _arguments(st, d)
    if not _doer_capable(st, d):
        return None
    _modality(st, d)
    if not _apply_mode_rules(st, d):
        return None
    d.quoted = st.in_quote(trigger)
    d.reported = _reported(st, tok)
    d.date = _date_of(st, [tok] + d.nouns + d.wrappers)
    if d.date is None:
        d.date = _date_of(st, _reporting_heads(tok))
        d.date_inherited = d.date is not None
    d.count = _count_of(d)
    d.location_key = _location_of(st, d)
    return d


def _doers(d: _Draft) -> list[Token]:
    """The phrase heads the text gives as the doer of a verb trigger: the subject, a passive's
    "by" phrase, and for a withdrawal in the passive the force withdrawn ("troops were pulled out")."""
    tok = d.anchor
    if tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return []
    if d.category == "RETREAT" and is_passive(tok):
        return [c for c in tok.children if c.dep_ == "nsubjpass"] or subject_tokens(tok)
    return subject_tokens(tok)


def _doer_capable(st: _Context, d: _Draft) -> bool:
    """PLOVER codes what actors who can act politically do. When the doer is a thing ("the budget
    will meet the rules", "a licence allowing him to buy", "the building was evacuated") the
    trigger is in another sense: no event -- except a killing, which is then a death ("the crash
    killed seven"). Categories say in plover_categories.tsv whether they need such a doer."""
    if st.cats[d.category].actor != "capable" or d.actors:
        return True
    doers = _doers(d)
    if not doers or any(st.capable(s) for s in doers):
        return True
    if d.entry.has("deathifnoagent"):
        d.category, d.mode = "DEATH", None
        d.actors, d.recipients = list(d.recipients), []
        return True
    return False


def _reported(st: _Context, tok: Token) -> bool:
    """The trigger stands in the content clause of a verb of saying that is no event itself
    ("he said the rival ignores the law"): reported content, coded with less confidence."""
    t, steps = tok, 0
    while t.dep_ in ("ccomp", "conj", "xcomp") and t.head != t and steps < 4:
        t, steps = t.head, steps + 1
        e = st.chosen.get(t.i)
        if t.dep_ != "conj" and e is not None and e.has("speech") and e.category is None:
            return True
        if t.pos_ == "VERB" and t.lemma_.lower() in _SAY_VERBS:
            return True
    return False


_SAY_VERBS = {"say", "tell", "report", "claim", "believe", "think", "write", "add", "note", "state", "insist",
              "argue", "suggest", "conclude", "deem", "describe", "suppose", "allege"}


def _reporting_heads(tok: Token) -> list[Token]:
    """Verbs above a trigger whose date is the event's when it has none of its own: the reporting
    verb ("X said on Friday he may declare ..."), the verb an event noun hangs on ("joined the
    talks on Monday"), the first of conjoined verbs ("flew to X on Monday and visited ...")."""
    out: list[Token] = []
    t, steps = tok, 0
    if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and t.head.pos_ in ("VERB", "AUX"):
        t = t.head
        out.append(t)
    while t.dep_ in ("ccomp", "xcomp", "conj") and t.head != t and steps < 4:
        t, steps = t.head, steps + 1
        if t.pos_ in ("VERB", "AUX"):
            out.append(t)
    return out


# ---- arguments --------------------------------------------------------------------------------
# prepositions of an object noun that name who the object's act is aimed at or comes from:
# "imposed sanctions on X", "rejected an offer from X", "demanded an admission by X"
_OBJECT_NOUN_PREPS = _NOUN_RECIPIENT_PREPS | {"for", "from", "by", "between"}


def _keys(st: _Context, tok: Token, groups: set, side: str = "r") -> list[str]:
    """np_keys, noting the keys that stand for a group of people rather than the country itself
    ("Croatian extremists", "Iraqi Kurds"): such a group is another party than its state, so it
    may face it ("Croatia is investigating crimes by Croatian extremists"). ``groups`` collects
    (side, key): "a"/"r" for a group on the actor/recipient side, "n" for a recipient named
    outright ("Iraqi Kurds demanded independence from Iraq")."""
    ks = st.np_keys(tok, conj=False)
    if ks and st.is_group_np(tok):
        groups.update((side, k) for k in ks if st.is_people_key(k) and st.country(k))
    if ks and side == "r" and tok.pos_ == "PROPN":
        groups.update(("n", k) for k in st.ents.keys_at(tok))
    for c in tok.children:  # each conjunct is a group or a name of its own
        if c.dep_ in ("conj", "appos") and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
            ks += _keys(st, c, groups, side)
    return _uniq(ks)


def _object_keys(st: _Context, o: Token, groups: set, depth: int = 0) -> list[str]:
    """Who an object (or a recipient phrase) stands for; an event noun with no entity of its own
    lends its own recipient phrases ("called for sanctions against X", "a demand from X", "in
    protest against abuses by X")."""
    ks = _keys(st, o, groups)
    if not ks and o.pos_ == "NOUN" and depth < 2:
        # "denounced the memoranda of understanding between X and Y": through a bare "of" noun
        for p in _pobjs(o, _OBJECT_NOUN_PREPS | ({"of"} if depth == 0 else set())):
            if p.ent_type_ != "DATE":
                ks += _object_keys(st, p, groups, depth + 1)
    return ks


def _arguments(st: _Context, d: _Draft) -> None:
    tok = d.anchor
    actors: list[str] = []
    recips: list[str] = []
    groups = d.groups
    if tok.pos_ == "NOUN":
        actors, recips = _noun_arguments(st, tok, d.entry, groups)
        held = _measure_head(st, tok)  # "launched [10 days of] war games": the days are launched
        if not actors and held.dep_ in ("dobj", "nsubjpass") and held.head.pos_ == "VERB":
            actors = _uniq(k for s in subject_tokens(held.head) for k in _keys(st, s, groups, "a"))
    else:
        for s in subject_tokens(tok):
            actors += _actor_keys(st, s, groups)
        objs = objects(tok)
        for o in objs:
            if o in d.nouns:
                continue
            ks = _object_keys(st, o, groups)
            recips += [k for k in ks if not (o.dep_ == "attr" and k in st.named_places(o))]
        content = d.entry.pos == "VERB" and st.cats[d.entry.category].verbal
        for n in d.nouns:
            ne = st.chosen.get(n.i, d.entry)
            na, nr = _noun_arguments(st, n, ne, groups)
            if content:  # "defended Russia's invasion of Ukraine": Russia and Ukraine are its topic
                recips += na + nr
                continue
            if d.entry.pos == "VERB" and ne.category and ne.category != d.category:
                # "prevented a demonstration by students": the object's doers are acted upon
                recips += na + nr
                continue
            if not actors:
                actors = na
            recips += nr
        recips += _prep_recipients(st, tok, d.category, groups)
        if d.category == "RETREAT" and not actors and is_passive(tok):
            # "guerrillas have been demobilized", "troops were pulled out": a force withdrawn is
            # the side that withdraws (a person "was evacuated" by others)
            moved = [k for c in tok.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "NUM")
                     for k in _keys(st, c, groups, "a")]
            actors, recips = moved, [k for k in recips if k not in moved]
        if d.category in ("DEATH",):
            # the one who died: "X died", "X was killed"; "announced the death of X": X, not the
            # one who announced it
            if d.nouns:
                actors = [k for n in d.nouns for k in _noun_arguments(st, n, st.chosen.get(n.i, d.entry), groups)[0]]
            actors = actors or [k for o in objs for k in st.np_keys(o)]
            recips = []
    if d.category == "COERCE" and d.wrappers and tok.dep_ == "xcomp" and tok.head == d.wrappers[-1] \
            and tok.head.lemma_.lower() in _OBJECT_CONTROL:
        # "ordered the newspaper to suspend publication": the order is the coercion, the one
        # ordered its target
        w = tok.head
        boss = [k for s in subject_tokens(w) for k in _actor_keys(st, s, groups)]
        if boss:
            recips = actors + recips
            actors = boss
    if not actors:
        for w in d.wrappers:
            for s in subject_tokens(w):
                actors += _actor_keys(st, s, groups)
            if actors:
                break
    if d.category in _EXTENSION:  # who voted, won or died: no actor-recipient pair
        actors, recips = actors + recips, []
    actors = _uniq(actors)
    d.actors = actors
    d.recipients = _others(recips, actors, groups)


def _measure_head(st: _Context, tok: Token) -> Token:
    """'10 days of war games', 'a series of attacks': the noun phrase the event noun measures out."""
    steps = 0
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "NUM") \
            and tok.head.head.lemma_.lower() in _PARTITIVE and not st.ents.keys_at(tok.head.head) and steps < 2:
        tok, steps = tok.head.head, steps + 1
    return tok


def _others(recips, actors, groups) -> list[str]:
    """Recipients that are not the actor; a group of a country is another party than the country
    or a group of it on the other side (see :func:`_keys`)."""
    return [k for k in _uniq(recips) if k not in actors or ("r", k) in groups
            or ("a", k) in groups and ("n", k) in groups]


def _actor_keys(st: _Context, s: Token, groups: set) -> list[str]:
    keys = _keys(st, s, groups, "a")
    if not keys and s.dep_ == "attr" or not keys and s.lemma_.lower() in ("one",) and s.head.lemma_ == "be":
        for h in subject_tokens(s.head):
            if h != s:
                keys += st.np_keys(h)
    if not keys and s.dep_ in ("relcl",):
        keys = st.np_keys(s.head)
    return keys


def _noun_arguments(st: _Context, n: Token, entry: plover.LexEntry,
                    groups: set) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    recips: list[str] = []
    for c in n.children:
        if c.dep_ == "poss":
            actors += st.np_keys(c)
        elif c.dep_ in ("compound", "amod", "nmod") and _modifier(c):
            actors += st.np_keys(c, 1, conj=False)
        elif c.dep_ in ("prep", "agent"):
            p_low = c.lower_
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if p_low == "by":
                    actors += _keys(st, p, groups, "a")
                elif p_low == "of":
                    of_actor = entry.has("ofactor") or entry.category in _EXTENSION
                    (actors if of_actor else recips).extend(
                        k for k in _keys(st, p, groups, "a" if of_actor else "r")
                        if entry.category == "ASSAULT" or k not in st.named_places(p))
                elif p_low == "between":
                    actors += st.np_keys(p)
                elif p_low == "from" and entry.category in ("REQUEST", "AID", "RETREAT"):
                    recips += _keys(st, p, groups)
                elif p_low == "from" and entry.category and st.cats[entry.category].verbal:
                    actors += _keys(st, p, groups, "a")  # "an offer from X", "an appeal from X"
                elif p_low in _NOUN_RECIPIENT_PREPS:
                    if p_low == "to" and entry.category == "CONSULT":
                        ks = st.np_keys(p)
                        recips += [k for k in ks if k not in st.named_places(p)]
                    else:
                        recips += _object_keys(st, p, groups)
    if entry.category in _EXTENSION:
        return _uniq(actors + recips), []
    return _uniq(actors), _uniq(recips)


def _prep_recipients(st: _Context, tok: Token, category: str, groups: set, places: bool = True) -> list[str]:
    """Recipients in to/with/against/on/... phrases; ``places=False`` leaves out a place named
    outright, which is where the act goes, not whom it is aimed at ("returned to Kyrgyzstan")."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ not in ("prep", "dative") or c.lower_ not in _RECIPIENT_PREPS:
            continue
        if c.lower_ == "for" and category not in ("SUPPORT", "REQUEST", "AID", "AGREE", "ACCUSE"):
            continue
        for p in _prep_objects(c):
            if p.ent_type_ == "DATE":
                continue
            ks = _object_keys(st, p, groups)
            if c.lower_ in ("to", "at", "into") and category == "CONSULT" or c.lower_ == "at":
                ks = [k for k in ks if not st.is_place(k)]  # "met at an Irish pub", "visited Caracas"
            elif not places:
                ks = [k for k in ks if k not in st.named_places(p)]
            out += ks
    for c in tok.children:
        if c.dep_ == "dative":
            out += _keys(st, c, groups)
    return out


def _prep_objects(prep: Token) -> list[Token]:
    """The object of a preposition; when the tagger left it dangling and made the noun the subject
    of the next clause ("granted asylum to [five officers] holed up in ..."), that subject."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    if objs or any(p.dep_ == "pcomp" for p in prep.children):
        return objs
    for v in prep.head.children:
        if v.dep_ in ("advcl", "ccomp", "relcl", "conj") and v.i > prep.i:
            for s in v.children:
                if s.dep_ in _SUBJ and s.left_edge.i == prep.i + 1:
                    return [s]
    return []


# ---- mode: negation, announcement, condition ---------------------------------------------------
def _aux_words(tok: Token) -> set[str]:
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if not words and tok.dep_ == "conj":
        words = {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or
               (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def _modality(st: _Context, d: _Draft) -> None:
    tok = d.anchor
    chain = [tok] + d.nouns
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
        chain.append(tok.head)  # "will extend the curfew", "no agreement was reached"
    for t in chain:
        aux = _aux_words(t)
        if aux & _FUTURE_AUX:
            d.future = True
        if aux & _HYPO_AUX:
            d.hypothetical = True
        if aux & _OBLIGATION_AUX and t.pos_ in ("VERB", "AUX"):
            d.obligation = True
        if _negated(t):
            d.negated = True
        if t.pos_ == "NOUN" and any(c.lower_ in _IRREALIS_MODS for c in t.children if c.dep_ == "amod"):
            d.future = True
        if t.pos_ in ("VERB", "AUX") and t.dep_ == "xcomp" and t.head.lemma_ == "be" and _is_to_infinitive(t):
            d.future = True  # "is to visit"
    if not d.future and tok.pos_ in ("VERB", "AUX") and tense_of(tok) == "future":
        d.future = True
    for w in d.wrappers:
        e = st.entry_for(w)
        if e is not None and e.has("intent"):
            d.intent = True
        if e is not None and e.has("neg"):
            d.negated = not d.negated
        if _negated(w):
            d.negated = True
        aux = _aux_words(w)
        if aux & _FUTURE_AUX:
            d.future = True
        if aux & _HYPO_AUX:
            d.hypothetical = True
    # a condition attached to the clause ("will withdraw ... unless") makes a threat or an offer
    for t in [tok] + d.wrappers:
        for c in t.children:
            if c.dep_ == "advcl" and {m.lower_ for m in c.children if m.dep_ == "mark"} & {"if", "unless"}:
                d.hypothetical = True


def _apply_mode_rules(st: _Context, d: _Draft) -> bool:
    """PLOVER codes what is announced by what is promised (module docstring, point 3).
    Returns False when the draft is no event (an ELECTION or DEATH that did not happen)."""
    cat = st.cats[d.category]
    announced = d.intent or d.future or d.hypothetical
    if d.obligation and not d.wrappers:
        return False
    if d.category in _EXTENSION:
        return not (announced or d.negated)
    if d.category == "REJECT" and d.negated:
        return False  # "did not reject": nothing happened
    if announced:
        if cat.cooperative and d.category != "AGREE":
            d.mode = None
            d.category = "AGREE"
        elif cat.material_conflict:
            d.mode = _content_mode("THREATEN", d) if d.mode is None else d.mode
            d.mode = {"ASSAULT": "violence", "SANCTION": "relations"}.get(d.category, d.mode)
            d.category = "THREATEN"
    if d.negated and d.category in ("AGREE", "SUPPORT") and (announced or d.entry.category in ("AGREE",)):
        d.category = "REJECT"
        d.negated = False
        d.mode = None
    return True


# ---- date, count, place -----------------------------------------------------------------------
def _date_of(st: _Context, toks: list[Token]) -> DateValue | None:
    for tok in toks:
        for c in tok.children:
            span = None
            if c.i in st.date_span and c.dep_ in ("npadvmod", "tmod", "nmod", "compound", "poss", "amod",
                                                   "obl", "advmod", "nummod"):
                span = st.date_span[c.i]
            elif c.dep_ == "prep" and c.lower_ in _DATE_PREPS:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in st.date_span:
                        span = st.date_span[p.i]
            if span is None:
                continue
            value = resolve_date(span.text, st.published, tense=tense_of(tok))
            if value is not None:
                return value
    return None


def _count_of(d: _Draft) -> int | None:
    for n in ([d.anchor] if d.anchor.pos_ == "NOUN" else []) + d.nouns:
        if n.tag_ not in ("NNS", "NNPS"):
            continue
        for c in n.children:
            if c.dep_ == "nummod":
                v = _number(c)
                if v is not None and 1 < v < 10000:
                    return v
    return None


def _location_of(st: _Context, d: _Draft) -> str | None:
    toks = [d.anchor] + d.nouns + d.wrappers
    key = _place_phrase(st, toks, d.category == "CONSULT")
    if key is not None:
        return key
    # where the subject or object phrase is: "a bombing near Samarra killed", "strengthened its
    # forces in Lebanon", "the deployment of troops arrived in Bosnia" (a noun event as subject)
    more: list[Token] = []
    if d.anchor.pos_ == "NOUN" and d.anchor.dep_ in _SUBJ + _PASS_SUBJ and d.anchor.head.i not in st.chosen \
            and d.anchor.head.lemma_.lower() in _AT_PLACE_VERBS:
        more.append(d.anchor.head)
    if d.anchor.pos_ in ("VERB", "AUX"):
        more += [s for s in subject_tokens(d.anchor) if s.i in st.chosen or not st.np_keys(s)]
        more += [o for o in objects(d.anchor) if o.pos_ == "NOUN" and not st.ents.keys_at(o)]
    return _place_phrase(st, more, False)


# verbs whose subject event is where the verb places it: "the deployment arrived in Bosnia"
_AT_PLACE_VERBS = {"take", "break", "erupt", "occur", "happen", "begin", "start", "resume", "continue", "flare",
                   "rage", "spread", "arrive", "reach", "land", "enter", "hit", "kill", "go", "get"}


def _place_phrase(st: _Context, toks: list[Token], to_too: bool) -> str | None:
    """The first place in an in/at/near/outside-of phrase of these tokens."""
    for tok in toks:
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            low = c.lower_
            if low in _LOCATION_PREPS or (low == "to" and to_too):
                objs = [p for p in c.children if p.dep_ == "pobj"] or _pobjs(c, ("of",))  # "outside of"
                for p in objs:
                    keys = st.place_keys(p)
                    if keys:
                        return keys[0]
    return None


def _share_time_and_place(drafts: list[_Draft]) -> None:
    """An event "during a visit" shares the visit's place and lends it its date."""
    by_anchor = {}
    for d in drafts:
        by_anchor[d.anchor.i] = d
        if d.trigger.i != d.anchor.i:
            by_anchor.setdefault(d.trigger.i, d)
    for d in drafts:
        for c in d.anchor.children:
            if c.dep_ == "prep" and c.lower_ in _SHARED_TIME_PREPS:
                for p in c.children:
                    inner = by_anchor.get(p.i)
                    if inner is None or inner is d:
                        continue
                    if inner.date is None:
                        inner.date = d.date
                    if d.location_key is None:
                        d.location_key = inner.location_key


# ---- merging ----------------------------------------------------------------------------------
def _related(a: _Draft, b: _Draft) -> bool:
    """b's trigger hangs under a's (or they are conjoined), within a few steps."""
    ta, tb = a.anchor, b.anchor
    t, steps = tb, 0
    while t.head != t and steps < 5:
        t, steps = t.head, steps + 1
        if t.i in a.tokens or t == ta:
            return True
    return ta.head == tb.head and (ta.dep_ == "conj" or tb.dep_ == "conj") or tb.head == ta or ta.head == tb


def _compatible(a: _Draft, b: _Draft) -> bool:
    pa, pb = set(a.actors) | set(a.recipients), set(b.actors) | set(b.recipients)
    return not pa or not pb or bool(pa & pb)


def _absorb(a: _Draft, b: _Draft) -> None:
    a.actors = _uniq(a.actors + b.actors)
    a.groups |= b.groups
    a.recipients = _others(a.recipients + b.recipients, a.actors, a.groups)
    a.location_key = a.location_key or b.location_key
    a.date = a.date or b.date
    a.count = a.count or b.count
    a.mode = a.mode or b.mode
    a.families |= b.families
    a.tokens |= b.tokens
    a.weak = a.weak and b.weak
    a.merged += 1 + b.merged


def _merge_sentence(st: _Context, drafts: list[_Draft]) -> list[_Draft]:
    drafts = sorted(drafts, key=lambda d: _depth(d.anchor))
    out: list[_Draft] = []
    for d in drafts:
        merged = False
        for a in out:
            if not _compatible(a, d):
                continue
            if a.category == d.category and (_related(a, d) or _related(d, a)):
                _absorb(a, d)
                merged = True
                break
            # a death caused by an attack is the attack
            if {a.category, d.category} == {"ASSAULT", "DEATH"} and (_related(a, d) or _related(d, a)):
                victim = a if a.category == "DEATH" else d
                attack = d if victim is a else a
                attack.groups |= victim.groups
                attack.recipients = _others(attack.recipients + victim.actors, attack.actors, attack.groups)
                attack.tokens |= victim.tokens
                attack.merged += 1
                attack.date = attack.date or victim.date
                attack.location_key = attack.location_key or victim.location_key
                if victim is a:
                    out[out.index(a)] = attack
                merged = True
                break
        if not merged:
            out.append(d)
    # a killing with no perpetrator and no attack in sight is a death
    for d in out:
        if d.category == "ASSAULT" and d.entry.has("deathifnoagent") and is_passive(d.anchor) \
                and not d.merged and not d.wrappers and not any(c.dep_ == "agent" for c in d.anchor.children):
            d.category, d.mode = "DEATH", None
            d.actors, d.recipients = d.recipients or d.actors, []
    for d in out:
        d.weak = (d.trigger.pos_ == "NOUN" and d.entry.has("weak") and d.date is None and d.count is None
                  and not d.actors and not d.recipients and not _happens(d.trigger))
        if not d.recipients and not d.weak:
            d.recipients = _others(_implied_target(st, d), d.actors, d.groups)
        if not d.weak and _local_actor(d) and not st.has_country(d.actors) \
                and (not d.actors or d.category == "PROTEST"):
            code = st.country(d.location_key) if d.location_key else None
            if code is None and d.category == "PROTEST" and d.actors:
                # protesters of no stated country protest their own government's doings
                codes = {st.country(k) for k in d.recipients} - {None, "IGO", "NGO"}
                code = codes.pop() if len(codes) == 1 else None
            if code and code not in ("IGO", "NGO"):
                ck = st.country_key(code)
                d.actors = d.actors + [ck]
                d.local_actor = True
                if d.category == "PROTEST" and not d.recipients:
                    d.recipients = [ck]  # a protest at home, as the target conventions have it
        if d.category == "PROTEST" and d.recipients and not st.has_country(d.recipients):
            # "rallies against the party's leader": a protest at home, as for one with no target
            codes = {st.country(k) for k in d.actors} - {None, "IGO", "NGO"}
            if len(codes) == 1:
                d.recipients.append(st.country_key(codes.pop()))
    return sorted(out, key=lambda d: d.trigger.i)


def _implied_target(st: _Context, d: _Draft) -> list[str]:
    """A target the clause implies when no phrase names it: a threat is aimed at whoever its
    condition is about ("will stop the talks if the United States deploys ..."); a protest at
    what its purpose clause or "in protest against" phrase names ("began a strike to protest
    against Sweden's decision", "a hunger strike in protest at the arrests by Algerian police")."""
    groups = d.groups
    out: list[str] = []
    if d.category == "THREATEN":
        for t in [d.anchor] + d.nouns + d.wrappers + [d.anchor.doc[i] for i in sorted(d.tokens)]:
            for c in t.children:
                if c.dep_ == "advcl" and {m.lower_ for m in c.children if m.dep_ == "mark"} & {"if", "unless"}:
                    out += [k for s in subject_tokens(c) for k in _keys(st, s, groups)]
            if out:
                return out
    elif d.category == "PROTEST":
        for t in [d.anchor] + d.nouns:
            for c in t.children:  # "a hunger strike to protest against ...": its purpose
                if c.dep_ in ("advcl", "acl", "relcl") and _is_to_infinitive(c):
                    out += [k for o in objects(c) for k in _object_keys(st, o, groups)
                            if k not in st.named_places(o)]
                    out += _prep_recipients(st, c, "PROTEST", groups, places=False)
                elif c.dep_ == "prep" and c.lower_ == "in":
                    out += [k for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() == "protest"
                            for k in _object_keys(st, p, groups)]
    return out


_LOCAL_CATEGORIES = {"ASSAULT", "COERCE", "PROTEST"}


def _local_actor(d: _Draft) -> bool:
    """Event-data convention for a perpetrator the text does not name ("a roadside bomb killed
    ...", "prisoners rioted in ...", "X was put under investigation in Italy"): the country where
    it happened. Only for violence, coercion and protest, and for a passive accusation, whose
    unnamed doers are that country's own people or authorities. Protesters named without a
    country ("Islamic fundamentalists", "activists from the Fatah party") are placed the same
    way, or by the one country whose government they protest against."""
    if d.category in _LOCAL_CATEGORIES:
        return True
    return d.category == "ACCUSE" and (is_passive(d.anchor) or d.anchor.pos_ == "NOUN")


def _happens(noun: Token) -> bool:
    """'protests broke out', 'talks took place': the sentence asserts the noun's event."""
    return noun.dep_ in ("nsubj",) and noun.head.lemma_.lower() in _HAPPEN_VERBS


def _merge_document(st: _Context, drafts: list[_Draft]) -> list[EventRec]:
    kept: list[_Draft] = []
    for d in drafts:
        target = None
        for a in reversed(kept):
            if a.category != d.category or not (a.families & d.families):
                continue
            if a.date is not None and d.date is not None and a.date.iso != d.date.iso:
                continue
            pa, pb = set(a.actors) | set(a.recipients), set(d.actors) | set(d.recipients)
            if (pa & pb) or not pa or not pb:
                target = a
                break
        if target is not None:
            _absorb(target, d)
            target.extra_mentions.append(d)
        elif not d.weak:
            kept.append(d)
    return [_record(st, d) for d in kept]


def _record(st: _Context, d: _Draft) -> EventRec:
    cat = st.cats.get(d.category)
    mentions = []
    for m in [d] + d.extra_mentions:
        t = m.trigger
        mentions.append(EventMentionRec(m.sentence_index, t.idx, t.idx + len(t.text), t.text))
    t = d.trigger
    return EventRec(
        type=d.category,
        trigger=t.text,
        sentence_index=d.sentence_index,
        start=t.idx,
        end=t.idx + len(t.text),
        mode=d.mode,
        actors=list(d.actors),
        recipients=list(d.recipients),
        location_key=d.location_key if d.location_key not in d.actors or d.local_actor else None,
        date=d.date,
        count=d.count,
        negated=d.negated,
        hypothetical=d.hypothetical or d.intent,
        future=d.future or d.intent,
        confidence=_confidence(d),
        cameo_root=cat.cameo_root if cat else None,
        quad_class=cat.quad_class if cat else None,
        context=None,
        mentions=mentions,
    )


def _confidence(d: _Draft) -> float:
    c = 0.5
    if d.anchor.pos_ == "VERB":
        c += 0.15
    if d.actors and d.recipients:
        c += 0.15
    elif d.actors:
        c += 0.05
    if d.entry.has("unamb"):
        c += 0.10
    if d.entry.has("amb"):
        c -= 0.10
    if d.date is not None:
        c += 0.05
    if d.anchor.pos_ == "NOUN" and not d.actors and not d.recipients:
        c -= 0.15
    if d.hypothetical or d.negated:
        c -= 0.10
    if d.future or d.intent:
        c -= 0.05
    c += 0.05 * min(len(d.extra_mentions), 2)
    return round(min(0.95, max(0.05, c)), 2)
