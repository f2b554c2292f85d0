"""Parse helpers and shared constants of the event rules: objects, subjects, complements, quotation spans."""
from __future__ import annotations

import re

from spacy.tokens import Token

from .. import words
from ..docinfo import sentence_of


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
# verbs that put a happening on the calendar: "the election is scheduled for March 24"
_SCHEDULE_VERBS = {"schedule", "set", "slate", "plan"}
_HAPPEN_VERBS = {"take", "break", "erupt", "occur", "happen", "begin", "start", "end", "resume",
                 "continue", "flare", "rage", "spread", "follow", "collapse", "stall", "fail", "hit",
                 "kill", "leave", "see", "mark"}
# unrest that takes over a place, its object: "protests filled the streets of X", "swept the country"
_OCCUPY_VERBS = {"fill", "sweep", "rock", "grip", "engulf", "paralyse", "paralyze"}
_HAPPEN_VERBS |= _OCCUPY_VERBS
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
_WORD_NUMBERS = words.COUNT_WORDS




_QUOTE_OR_BREAK = re.compile('\n(?=\n)|[\u201c\u201d"]')


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks: curly pairs, and straight double quotes paired
    within a paragraph. An unclosed mark ends at the paragraph's end."""
    spans: list[tuple[int, int]] = []
    start = None
    # only the marks and the paragraph breaks matter: visit those, not every character
    for m in _QUOTE_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\n":
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


# "((Wikinews))", "((WN))", "((Wayne Tseng))", "((WSS)) :": the speaker tags of a Wikinews interview
_INTERVIEW_TAG = re.compile(r"^\s*\(\([^()\n]{1,60}\)\)")


def interview_span(text: str) -> tuple[int, int] | None:
    """The question-and-answer part of an interview: from the first paragraph opened by a speaker
    tag ("((Wikinews)) What prompted ...?", "((Jane Roe)) I ...") -- or the bare question just
    before it -- to the end. Its sentences are the interviewer's questions and the interviewee's
    own words, said to the reporter, not acts the writer reports; None when the text has fewer
    than two tagged paragraphs (a story, not an interview)."""
    starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    paras = [(a, text[a:b].strip()) for a, b in zip(starts, starts[1:] + [len(text)])]
    paras = [(a, p) for a, p in paras if p]
    tagged = [n for n, (_, p) in enumerate(paras) if _INTERVIEW_TAG.match(p)]
    if len(tagged) < 2:
        return None
    first = tagged[0]
    if first > 0 and paras[first - 1][1].endswith("?"):
        first -= 1  # the question is untagged and only the answer carries its speaker's tag
    return paras[first][0], len(text)


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
    throughout X", "forces in X", and those of a participle of place ("a paper based in X");
    for one who speaks for others, the "for" phrase ("the spokesperson for X": X acts through them)."""
    out = [c for c in tok.children if c.dep_ == "prep" and (
        c.lower_ in _GROUP_PREPS or c.lower_ == "for" and tok.lemma_.lower() in words.SPEAKS_FOR_NOUNS)]
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


_BRACKETS = frozenset("[]()")


# personal pronouns that, as a passive's subject, stand for the party the entity pass resolved
# them to ("He was convicted in 2006"); "it", "this" and relatives name things or clauses
_PERSONAL_SUBJECTS = frozenset({"he", "she", "they"})


def member_phrases(tok: Token) -> list[Token]:
    """The "including" and "such as" phrases of a group word ("several accomplices, including X",
    "All, including X, were acquitted", "allies such as Germany"): the members it names."""
    return [c for c in tok.children if c.dep_ == "prep" and (
        c.lower_ == "including" or c.lower_ == "as" and any(m.lower_ == "such" for m in c.children))]


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
        if c.text in _BRACKETS:  # "I urge [Lam] to ...": an editor's bracket the parser made the object
            continue
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and c.pos_ != "PRON" or c.dep_ == "dobj" \
                or c.dep_ == "nsubjpass" and (c.lower_ in _PERSONAL_SUBJECTS or member_phrases(c)):
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
    if causative_participle(tok):
        # "she had her home searched": the small clause's subject is what the act was done to
        out += [c for c in tok.children if c.dep_ in _SUBJ]
    if tok.dep_ == "relcl" and (tok.head.pos_ == "PROPN" or tok.head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")) \
            and any(c.dep_ == "nsubjpass" and c.tag_ in ("WP", "WDT") for c in tok.children):
        # "her husband X, who was arrested in May": the relative pronoun stands for the name the
        # clause modifies, so that party is the passive's undergoer (as in "X was arrested"); a
        # common noun there is often a thing or an event ("the election, which was disputed")
        out.append(tok.head)
    if not out and is_passive(tok) and (stranded := stranded_subject(tok)) is not None:
        out.append(stranded)
    if not out and tok.dep_ == "conj" and tok.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in tok.children) \
            and not any(c.dep_ in _SUBJ or c.dep_ == "nsubjpass" for c in tok.children):
        # "X was arrested in May and was convicted in June", "X fled and was arrested": a passive
        # sharing the subject of the verb it is conjoined to undergoes what it names
        h, steps = tok.head, 0
        while h.dep_ == "conj" and h.head is not h and steps < 5 and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
            h, steps = h.head, steps + 1
        out += [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
    return out


def stranded_subject(tok: Token) -> Token | None:
    """'On Friday in Pakistan, Mohammed Waseem, brother of X, was sentenced': after a fronted
    phrase the small parser may hang the name that opens the clause on that phrase's object, as
    its conjunct, and leave the verb with no subject. Such a name -- a person's or a body's,
    set off by a comma, before the verb, inside a phrase of the verb's -- is the subject."""
    if tok.pos_ not in ("VERB", "AUX") or any(c.dep_ in _SUBJ or c.dep_ == "nsubjpass" for c in tok.children):
        return None
    for p in tok.children:
        if p.dep_ != "prep" or p.i > tok.i:
            continue
        for t in p.subtree:
            edge = t.left_edge.i
            if t.dep_ == "conj" and t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "NORP") and t.i < tok.i \
                    and edge > 0 and t.doc[edge - 1].text == "," and t.head.dep_ == "pobj":
                return t
    return None


# verbs that take a small clause of a noun and a past participle, a passive in all but form:
# "had her home searched", "got his car impounded"
_CAUSATIVE_VERBS = frozenset({"have", "get"})


def causative_participle(tok: Token) -> bool:
    """'X had her home searched': a past participle in the small clause of "have"/"get"; its
    parsed subject ("home") is the one the act was done to, and its doer is not named."""
    return tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("ccomp", "xcomp", "oprd") and tok.head.pos_ in ("VERB", "AUX") \
        and tok.head.lemma_.lower() in _CAUSATIVE_VERBS and tok.i > tok.head.i \
        and not any(a.dep_ in ("aux", "auxpass", "dobj") for a in tok.children) \
        and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") and c.i < tok.i for c in tok.children)


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
    if subs and causative_participle(tok):
        # "had her home searched (by police)": the home is searched, by the "by" phrase if any
        return [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if subs:
        s = subs[0]
        if s.tag_ in ("WDT", "WP") or s.lower_ in ("who", "which", "that"):
            return [tok.head] if tok.dep_ in ("relcl", "acl") else []
        return subs
    for c in tok.children:
        # "after Theresa May stepped down": the tagger hung the subject on the subordinator
        if c.dep_ == "mark" and c.i < tok.i:
            objs = [p for p in c.children if p.dep_ == "pobj" and p.i < tok.i]
            if objs:
                return objs
    if not is_passive(tok) and (stranded := stranded_subject(tok)) is not None:
        return [stranded]
    if is_passive(tok):
        if depth > 0:
            # "X was briefed, and flew to Y, visiting Z": the shared subject of a coordination
            # is the doer of the active verbs joined to the passive one -- its grammatical
            # subject even when a "by" phrase names the passive's own doer ("the prime minister
            # was indicted by the court and will resign": the minister resigns, not the court)
            shared = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if shared:
                return shared
        for c in tok.children:
            if c.dep_ == "agent":
                # "was extended by two weeks": a span of time after "by" measures, it does not act
                return [p for p in c.children if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME")
                        and p.lemma_.lower() not in words.TIME_UNITS]
        return []
    dep, head = tok.dep_, tok.head
    if head == tok:
        return []
    if dep == "oprd" and tok.pos_ == "ADJ":
        # "X was pronounced dead", "police found him dead": the predicate adjective says
        # something of the passive subject, or of the active verb's object
        held = [c for c in head.children if c.dep_ == ("nsubjpass" if is_passive(head) else "dobj")]
        if held:
            return held
    if dep in ("xcomp", "acomp"):
        if head.lemma_.lower() in _OBJECT_CONTROL:
            for c in head.children:
                if c.dep_ == "dobj":
                    return [c]
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    return [p for p in c.children if p.dep_ == "pobj"]
        return subject_tokens(head, depth + 1)
    if finite_conjunct(tok) or dep == "conj" and head.dep_ == "ccomp" and _expletive_only(head):
        # finite_conjunct: see there; and "X said there was a lack of Y and urged Z": a finite
        # verb cannot share "there" as its subject; the parser hung it on the reported clause,
        # but it is joined to the saying
        return subject_tokens(head.head, depth + 1)
    if dep == "conj" or dep == "advcl":
        return subject_tokens(head, depth + 1)
    if dep in ("relcl", "acl"):
        frag = _fragment_subject(tok)
        if frag is not None:
            return [frag]
        if tok.tag_ == "VBN" and dep == "acl":
            # a reduced passive relative describing a named party ("Marta Silva, attacked by two
            # youths"), or the parser's reading of a full passive ("she was [gang] raped by X"):
            # its "by" phrase is the doer, as in the full passive. One describing a thing ("the
            # plan, rejected by X") stays a description, with no doer of its own
            if head.pos_ == "PROPN" or head.dep_ == "attr" and head.head.lemma_ == "be":
                return [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return []
        if dep == "acl" and tok.tag_ == "VBD" and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("pobj", "dobj"):
            # "X speaking to the think tank called the deal void": a finite past verb is no
            # reduced relative (that would be a participle); the parser hung the main verb on
            # the participle's object, and its subject is the one speaking
            t, steps = head.head, 0
            while t.head != t and t.pos_ not in ("VERB", "AUX") and steps < 4:
                t, steps = t.head, steps + 1
            subs = [c for c in t.children if c.dep_ in _SUBJ]
            if subs:
                return subs
        if dep == "acl" and tok.tag_ == "VBG" and head.dep_ == "dobj" and head.head.lemma_.lower() in _PUBLISH_VERBS:
            # "issued a declaration demanding ...": the one who issued it
            return subject_tokens(head.head, depth + 1)
        publisher = _medium_publisher(tok)
        if publisher is not None:
            return subject_tokens(publisher, depth + 1)
        return [head] if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else []
    if dep == "pcomp":  # "accused X of violating": X
        prep = head
        gov = prep.head
        if gov.pos_ in ("ADV", "ADJ") and gov.dep_ == "advmod" and gov.head != gov:
            # "X considered him a risk, prior to setting bail": the adverb's clause is the doer's
            gov = gov.head
        objs = [c for c in gov.children if c.dep_ == "dobj"]
        return objs or subject_tokens(gov, depth + 1)
    return []


def _expletive_only(verb: Token) -> bool:
    """The verb's only subject is an expletive "there" ("there was a lack of ...")."""
    subs = [c for c in verb.children if c.dep_ in _SUBJ or c.dep_ == "expl"]
    return bool(subs) and all(c.dep_ == "expl" for c in subs)


# prepositions that name where a text was put out: "on Twitter", "in a statement", "via a spokesman"
_MEDIUM_PREPS = {"on", "in", "via", "through"}


def _medium_publisher(tok: Token) -> Token | None:
    """'posted a message on Twitter blaming X': the parser hung the participle on the medium
    ("Twitter"), but it tells what the message does, so its doer is the one who posted it.
    The verb that put the text out, or None."""
    head = tok.head
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or head.dep_ != "pobj" or head.head.lower_ not in _MEDIUM_PREPS:
        return None
    gov = head.head.head
    if gov.dep_ == "dobj" and gov.head.lemma_.lower() in _PUBLISH_VERBS:
        gov = gov.head
    return gov if gov.pos_ == "VERB" and gov.lemma_.lower() in _PUBLISH_VERBS else None


# verbs that put out a text ("issued a statement condemning ..."): the text's words are the issuer's
_PUBLISH_VERBS = {"issue", "release", "publish", "adopt", "pass", "send", "deliver", "read", "circulate",
                  "sign", "make", "put", "broadcast", "post"}


def particle_as_prep(tok: Token) -> Token | None:
    """"pulled out of Iran", "walked away from the talks": the parser reads the verb's particle as
    a preposition of its own, with no object but the next preposition ("of Iran"), which is the
    verb's phrase (as in "withdrew from Iran")."""
    return next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1
                 and not any(x.dep_ == "pobj" for x in c.children) and any(x.dep_ == "prep" for x in c.children)), None)


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


def finite_conjunct(tok: Token) -> bool:
    """'urged the embassy [to reconsider] and spoke with X': a verb in the past or present tense
    cannot continue an infinitive, so the parser's conjunct of the infinitive is a second
    predicate of the clause above it, with that clause's subject."""
    return tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and tok.head.tag_ == "VB" \
        and tok.head.dep_ in ("xcomp", "advcl", "acl") and _is_to_infinitive(tok.head)


def clause_tokens(tok: Token) -> set[int]:
    """A complement clause's tokens without the finite predicates the parser joined to it."""
    out: set[int] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if not finite_conjunct(c))
    return out


def _number(tok: Token) -> int | None:
    text = tok.text.replace(",", "")
    if text.isdigit():
        return int(text)
    return _WORD_NUMBERS.get(tok.lower_)


def conj_children(tok: Token) -> list[Token]:
    """The conjuncts and appositions right below ``tok`` that name something."""
    return [c for c in tok.children if c.dep_ in ("conj", "appos") and c.pos_ in ("PROPN", "NOUN", "PRON", "ADJ")]


def time_adjunct(tok: Token) -> bool:
    """The clause of ``tok`` is told at a time of its own ("after May stepped down on July 24",
    "police arrest five on Monday", "this week"), not only for a length that describes it ("for
    two-year terms"): a DATE or TIME as its adverbial, or as the object of a preposition of time."""
    for c in tok.children:
        if c.ent_type_ in ("DATE", "TIME") and c.dep_ in ("npadvmod", "tmod", "obl", "advmod"):
            return True
        if c.dep_ == "prep" and c.lower_ in _TIME_PREPS and any(
                p.ent_type_ in ("DATE", "TIME") for p in c.children if p.dep_ == "pobj"):
            return True
    return False


_TIME_PREPS = frozenset({"on", "in", "at", "since", "during", "until", "by"})
