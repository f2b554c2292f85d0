"""Participants: actors and recipients of a trigger, read from subjects, objects and prepositional phrases."""
from __future__ import annotations

from spacy.tokens import Token

from .. import plover, words
from .parse import _EXTENSION, _NOUN_RECIPIENT_PREPS, _OBJECT_CONTROL, _PARTITIVE, _RECIPIENT_PREPS, _SUBJ, _modifier, _pobjs, _uniq, complement, conj_children, is_passive, objects, particle_as_prep, subject_tokens
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: context imports these modules
    from .context import _Context, _Draft


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
    out: list[str] = []
    # each conjunct is a group or a name of its own; a walk with a stack, in the order a recursive
    # one would take, since a coordination of a thousand names chains a thousand deep
    stack = [tok]
    while stack:
        t = stack.pop()
        ks = st.np_keys(t, conj=False)
        if ks and st.is_group_np(t):
            groups.update((side, k) for k in ks if st.is_people_key(k) and st.country(k))
        if ks and side == "r" and t.pos_ == "PROPN":
            groups.update(("n", k) for k in st.ents.keys_at(t))
        out += ks
        stack += reversed([c for c in conj_children(t) if not st.describes_person(c)])
    return _uniq(out)


def _object_keys(st: _Context, o: Token, groups: set, depth: int = 0) -> list[str]:
    """Who an object (or a recipient phrase) stands for; an event noun with no entity of its own
    lends its own recipient phrases ("called for sanctions against X", "a demand from X", "in
    protest against abuses by X")."""
    ks = _keys(st, o, groups)
    if not ks and o.pos_ == "NOUN" and depth < 2:
        # "denounced the memoranda of understanding between X and Y": through a bare "of" noun;
        # but "an aide to X", "an advisor for X" name whom a person serves: X is not the one
        # the act reaches ("a former aide to X was sentenced")
        preps = _OBJECT_NOUN_PREPS | ({"of"} if depth == 0 else set())
        if st.capable(o):
            preps = preps - {"for", "to"}
        for p in _pobjs(o, preps):
            if p.ent_type_ != "DATE":
                ks += _object_keys(st, p, groups, depth + 1)
        if not ks:
            # "rejected a lawsuit filed by Texas", "dismissed the proposal made by X": who brought
            # the thing acted on is the one the act reaches
            ks += [k for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"
                   for a in c.children if a.dep_ == "agent"
                   for p in a.children if p.dep_ == "pobj" for k in _keys(st, p, groups)]
    return ks


def _arguments(st: _Context, d: _Draft) -> None:
    tok = d.anchor
    actors: list[str] = []
    recips: list[str] = []
    groups = d.groups
    if tok.pos_ == "NOUN":
        actors, recips = _noun_arguments(st, tok, d.entry, groups)
        cop = undergoer_copula(tok)
        if cop is not None:  # "X has been the target of US sanctions": X is the one sanctioned
            recips += [k for s in subject_tokens(cop) for k in _keys(st, s, groups)]
        held = _measure_head(st, tok)  # "launched [10 days of] war games": the days are launched
        if held.dep_ == "dobj" and held.head.pos_ == "VERB" and held.head.lemma_.lower() in _UNDERGO_VERBS:
            # "she received death threats", "the firm faces accusations": the subject of a verb of
            # undergoing is the one the act is aimed at, never its doer (the PLOVER recipient)
            recips += [k for s in subject_tokens(held.head) for k in _keys(st, s, groups) if k not in actors]
        elif not actors and held.dep_ in ("dobj", "nsubjpass") and held.head.pos_ == "VERB" \
                and held.head.lemma_.lower() not in words.SAY_VERBS | words.SEQUENCE_VERBS:
            # "the rebels launched an attack": the subject does what the noun names; the subject
            # of a verb of saying only relays it ("Reuters reported the bombing", "officials
            # described the attack as ..."): a source, not the doer; that of a verb of sequence
            # or cause ("his speech followed protests", "the ruling sparked protests") neither
            actors = _uniq(k for s in subject_tokens(held.head) for k in _keys(st, s, groups, "a"))
        if not actors:
            actors = _uniq(k for p in source_phrases(tok) for k in _keys(st, p, groups, "a"))
        if not actors and d.entry.has("companion"):
            actors = _uniq(k for s in host_subjects(tok) for k in _actor_keys(st, s, groups))
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
        if not recips and st.cats[d.category].verbal and tok.dep_ == "advcl" and tok.tag_ == "VBG" \
                and tok.head.lemma_.lower() in _ADDRESS_VERBS:
            # "wrote to the embassy, asking it to ...": the one written to is the one asked
            recips += [k for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "to"
                       for p in c.children if p.dep_ == "pobj" for k in _object_keys(st, p, groups)]
        if not recips and d.entry.has("contentaccused"):
            # "France alleged that Iran had supplied weapons": the one the content clause says
            # did something is the one accused (PLOVER ACCUSE: its target is the accused)
            comp = complement(tok)
            if comp is not None:
                recips += [k for s in subject_tokens(comp) for k in _keys(st, s, groups)]
        if not actors and is_passive(tok) and st.cats[d.category].cooperative:
            # "a memorandum was signed between Cyprus, Greece and Israel", "talks were held among
            # the three": a cooperative act done between parties is done by each of them
            actors = _uniq(k for c in tok.children if c.dep_ == "prep" and c.lower_ in ("between", "among", "amongst")
                           for p in c.children if p.dep_ == "pobj" for k in _keys(st, p, groups, "a"))
            recips = [k for k in recips if k not in actors]
        if not actors and is_passive(tok) and not any(c.dep_ == "agent" for c in tok.children):
            # "Turkey was condemned in a joint statement by Egypt and Greece", "... in an Egyptian
            # statement": who issued the statement did the act it carried
            actors = _uniq(k for p in _vehicle_nouns(tok) for k in _statement_authors(st, p, groups))
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


# nouns for the statement a verbal act was made in ("condemned in a statement by X")
_VEHICLE_NOUNS = {"statement", "communique", "communiqué", "declaration", "resolution", "letter", "message",
                  "note", "speech", "tweet", "post", "report", "interview", "address"}


def _vehicle_nouns(verb: Token) -> list[Token]:
    return [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "through", "with", "via")
            for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in _VEHICLE_NOUNS]


def _statement_authors(st: _Context, noun: Token, groups) -> list[str]:
    """Who issued a statement: its "by"/"from" phrase, its owner ("Egypt's statement") or a
    name or nationality before it ("an Egyptian statement")."""
    out: list[str] = []
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
            out += [k for p in c.children if p.dep_ == "pobj" for k in _keys(st, p, groups, "a")]
        elif c.dep_ == "poss" or c.dep_ in ("amod", "compound") and (st.ents.keys_at(c) or c.ent_type_ in ("NORP", "GPE", "ORG")):
            out += st.np_keys(c)
    return out


_UNDERGOER_NOUNS = {"subject", "target", "object", "focus", "victim"}
# verbs whose subject undergoes the act their object noun names: "received threats", "faced charges"
_UNDERGO_VERBS = {"receive", "face", "suffer", "undergo", "endure", "sustain", "get"}


def copula_of(noun: Token, verbs: tuple[str, ...] = ("be",)) -> Token | None:
    """The copula whose predicate the noun is, or names through "of": "was the target of an
    attack", "it was the deadliest attack"."""
    n = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    if n.dep_ == "attr" and n.head.lemma_.lower() in verbs:
        return n.head
    return None


def undergoer_copula(noun: Token) -> Token | None:
    """'X has been [the subject of] US sanctions', 'was the target of an attack': the copula
    whose subject undergoes the act the of phrase names, and which asserts it."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.lemma_.lower() not in _UNDERGOER_NOUNS:
        return None
    return copula_of(noun, ("be", "become", "remain"))


# verbs of addressing someone, whose "to" phrase a participle's statement is made to
_ADDRESS_VERBS = {"write", "turn", "appeal", "reach", "send", "complain", "speak", "talk"}
# nouns that only carry the act named in their "of" phrase: "statements of condemnation"
_CARRIER_NOUNS = {"statement", "message", "expression", "word", "note", "letter", "voice", "chorus", "wave"}
# verbs that give where an act comes from: "condemnation came from X, Y and Z"
_SOURCE_VERBS = {"come", "pour", "flood", "arrive", "emerge"}


def host_subjects(noun: Token) -> list[Token]:
    """The subject of the clause a phrase holding the noun modifies, climbing through
    prepositional phrases and participles only ("X said in a statement released in conjunction
    with a visit to Y": X); nothing across a clause of its own."""
    t, steps = noun, 0
    while t.head is not t and steps < 8 and t.dep_ in ("pobj", "prep", "pcomp", "acl", "dobj"):
        t, steps = t.head, steps + 1
        if t.pos_ in ("VERB", "AUX"):
            if t.dep_ == "acl":  # a participle of a noun ("a statement released with ..."): go on up
                continue
            return subject_tokens(t)
    return []


def source_phrases(noun: Token) -> list[Token]:
    """'condemnation came from A, B and C', 'statements of condemnation have poured in from A':
    a verbal act noun whose subject phrase comes from someone is that someone's act (each
    conjunct is a doer; _keys follows the coordination)."""
    held = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _CARRIER_NOUNS:
        held = noun.head.head
    if held.dep_ != "nsubj" or held.head.lemma_.lower() not in _SOURCE_VERBS:
        return []
    verb = held.head
    heads = [verb] + [c for c in verb.children if c.dep_ == "prt"]  # "poured in from X"
    return [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children if p.dep_ == "pobj"]


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


# verbs of putting an event on: the agent of "a rally organized by X" is the event's doer
_ORGANISE_VERBS = {"organize", "organise", "stage", "lead", "call", "hold", "host", "convene", "sponsor",
                   "launch", "mount", "carry", "conduct",
                   # who runs a meeting takes part in it: "a summit overseen by X", "talks chaired by Y"
                   "oversee", "chair", "moderate", "mediate", "broker", "preside"}


def _noun_arguments(st: _Context, n: Token, entry: plover.LexEntry,
                    groups: set) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    recips: list[str] = []
    for c in n.children:
        if c.dep_ == "poss" and entry.has("possvictim") and not _pobjs(n, {"of"}):
            # "Khashoggi's killing", "her murder": the one killed ("Iran's execution of X": the doer)
            recips += st.np_keys(c)
        elif c.dep_ == "poss":
            actors += st.np_keys(c)
        elif c.dep_ in ("compound", "amod", "nmod") and _modifier(c):
            actors += st.np_keys(c, 1, conj=False)
        elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _ORGANISE_VERBS:
            # "a rally organized by X", "talks hosted by Y": who put the event on holds it
            actors += [k for a in c.children if a.dep_ == "agent"
                       for p in a.children if p.dep_ == "pobj" for k in _keys(st, p, groups, "a")]
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
    for c in _recipient_prep_phrases(tok):
        if c.dep_ not in ("prep", "dative") or c.lower_ not in _RECIPIENT_PREPS and c.head.i == tok.i:
            continue
        if c.lower_ == "for" and category not in ("SUPPORT", "REQUEST", "AID", "AGREE", "ACCUSE"):
            continue
        if c.lower_ == "with" and is_passive(tok):
            continue  # "was targeted with a stolen truck", "was charged with murder": a means or a charge
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


def _recipient_prep_phrases(tok: Token) -> list[Token]:
    """The trigger's prepositions, and the of/from phrase of a particle read as a preposition
    ("pulled out of Iran": parse.particle_as_prep)."""
    out = list(tok.children)
    particle = particle_as_prep(tok)
    if particle is not None:
        out += [x for x in particle.children if x.dep_ == "prep" and x.lower_ in ("of", "from")]
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
