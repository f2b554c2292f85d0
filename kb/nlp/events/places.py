"""Event dates, counts and places."""
from __future__ import annotations

from spacy.tokens import Token

from .. import plover, words
from ..quantities import parse_value
from ..dates import anaphoric_day, resolve_date, shift_day, tense_of
from ...records import DateValue
from .parse import _DATE_PREPS, _depth, is_passive, _LOCATION_PREPS, _PASS_SUBJ, _SHARED_TIME_PREPS, _SUBJ, _number, _pobjs, objects, subject_tokens
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: context imports these modules
    from .context import _Context, _Draft


# ---- date, count, place -----------------------------------------------------------------------
def _date_of(st: _Context, toks: list[Token]) -> DateValue | None:
    for tok in toks:
        # an adjective complement takes no date: "pleaded not guilty on Tuesday" is the verb's
        kids = list(tok.children) + [g for c in tok.children if c.dep_ in ("acomp", "oprd") for g in c.children]
        for c in kids:
            spans = []
            if c.i in st.date_span and c.dep_ in ("npadvmod", "tmod", "nmod", "compound", "poss", "amod",
                                                   "obl", "advmod", "nummod"):
                spans.append(st.date_span[c.i])
                spans.append(_setting_date(st, c))  # "afternoon" alone is no date: "yesterday afternoon"
            elif c.dep_ == "prep" and c.lower_ in _DATE_PREPS:
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    if p.i in st.date_span:
                        spans.append(st.date_span[p.i])
                    if c.lower_ in _SETTING_PREPS:  # "morning" alone is no date: "Saturday" is
                        spans.append(_setting_date(st, p))
            elif _free_adjunct(c, tok):
                # a free participle adjunct tells the time of its main clause ("Speaking on
                # Tuesday, X called ...", "In a release issued the following day, X denounced")
                spans.append(_clause_date(st, c))
            for span in spans:
                value = _resolve_span(st, span, tok) if span is not None else None
                if value is not None:
                    return value
    return None


def _free_adjunct(c: Token, head: Token) -> bool:
    """A participle clause with no subject: an adjunct after its verb (advcl), or before it in
    whatever relation the parser gives it (a subjectless clause ahead of the verb is no complement)."""
    if c.tag_ not in ("VBN", "VBG", "VBD") or any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children):
        return False
    return c.dep_ == "advcl" or (c.dep_ in ("ccomp", "xcomp") and c.i < head.i)


# a time phrase whose object is a part of a day or an occasion: "on Saturday morning", "during
# Monday's session", "in a press release issued the following day"
_SETTING_PREPS = {"on", "in", "at", "during"}
_SETTING_MODS = ("compound", "poss", "nmod", "amod", "npadvmod")


def _setting_date(st: _Context, p: Token):
    """The day of the setting an event is placed in: the occasion happened on it, so the event
    did too ("during Monday's final session", "at a meeting held on Tuesday")."""
    for c in p.children:
        if c.i in st.date_span and c.dep_ in _SETTING_MODS:
            return st.date_span[c.i]
    for c in p.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            span = _clause_date(st, c)
            if span is not None:
                return span
    return None


def _clause_date(st: _Context, c: Token):
    """The DATE span a clause's verb has of its own: "held on Tuesday", "issued the following day"."""
    for cc in c.children:
        if cc.i in st.date_span and cc.dep_ in ("npadvmod", "tmod", "dobj", "obl"):
            return st.date_span[cc.i]
        if cc.dep_ == "prep" and cc.lower_ in ("on", "in"):
            for q in cc.children:
                if q.dep_ == "pobj" and q.i in st.date_span:
                    return st.date_span[q.i]
    return None


def _resolve_span(st: _Context, span, tok: Token) -> DateValue | None:
    """A DATE span as a calendar value: against the publication date, or for a day told relative
    to the story's own time ("the following day", "that day") against the reference date."""
    shift = anaphoric_day(span.text)
    if shift is not None:
        ref = st.ref_date
        return shift_day(ref, shift, span.text) if ref is not None else None
    return resolve_date(span.text, st.published, tense=tense_of(tok))


def _count_of(d: _Draft) -> int | None:
    nouns = ([d.anchor] if d.anchor.pos_ == "NOUN" else []) + d.nouns
    if _counts_its_objects(d) and d.anchor.pos_ in ("VERB", "ADJ"):
        # "at least 50 people died", "killed seven passengers", "twenty more were injured": the
        # count of the victims, who are the subject of a death or of a passive
        victims_subject = d.category == "DEATH" or (d.anchor.pos_ == "VERB" and is_passive(d.anchor))
        nouns += objects(d.anchor) + (subject_tokens(d.anchor) if victims_subject else [])
        if d.anchor.pos_ == "ADJ":
            # "39 people were confirmed dead", "the blast left 12 soldiers dead" (the object of
            # the verb the adjective predicates of), "left 42 people dead" parsed as a modifier
            nouns += [c for c in d.anchor.head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            if d.anchor.dep_ == "amod" and d.anchor.head.pos_ == "NOUN":
                nouns.append(d.anchor.head)
    if d.anchor.pos_ == "NOUN" and d.category in _VICTIM_COUNTED:
        # "the deaths of 12 people", "the killing of three soldiers": the of phrase is the victims
        nouns += _pobjs(d.anchor, ("of",))
    if d.anchor.pos_ == "NOUN" and d.entry.has("measure") and d.anchor.head.pos_ == "VERB":
        # "the death toll rose to 22", "the toll stands at 39": the number the verb gives it
        for p in _pobjs(d.anchor.head, ("to", "at")):
            # "rose to 22", "rising to 22 people": the number, or the number of its noun
            n = p if p.pos_ == "NUM" else next((c for c in p.children if c.dep_ == "nummod"), None)
            v = _number(n) if n is not None else None
            if v is not None:
                return v
    for n in list(nouns):
        if n.lemma_.lower() in _TOTALS:  # "a total of 39 are confirmed dead"
            nouns += [p for p in _pobjs(n, ("of",)) if p.pos_ == "NUM"]
    for n in nouns:
        # "killed 12", "at least seven died", "a total of 39": a numeral standing for the people
        if n.pos_ == "NUM" and n.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj"):
            v = _number_phrase(n)
            if v is not None and 1 < v < 10000:
                return v
        if n.tag_ not in ("NNS", "NNPS"):
            continue
        for c in n.children:
            if c.dep_ == "nummod":
                v = _number_phrase(c)
                if v is not None and 1 < v < 10000:
                    return v
    return None


_VICTIM_COUNTED = {"DEATH", "ASSAULT"}


def _number_phrase(tok: Token) -> int | None:
    """The whole number a numeral heads: "Sixty-six", "two hundred", "1,000"; else the token's own."""
    words = sorted((t for t in tok.subtree if t.dep_ in ("compound", "nummod", "quantmod", "punct") or t == tok),
                   key=lambda t: t.i)
    parsed = parse_value(words) if len(words) > 1 else None
    if parsed is not None and parsed[0] == int(parsed[0]) and parsed[2] == tok.i:
        return int(parsed[0])
    return _number(tok)


def _counts_its_objects(d: _Draft) -> bool:
    """Whose number is the event's count: the victims of violence and deaths, and the people a
    physical act is done to ("rescued ten survivors", "arrested 20 protesters", "deported 300
    migrants"): PLOVER's material classes (2, 4). A statement's object is what is said, not a count."""
    return d.category in _VICTIM_COUNTED or (d.entry is not None and _quad_class(d.category) in (2, 4))


def _quad_class(category: str) -> int | None:
    cat = plover.categories().get(category)
    return cat.quad_class if cat else None
_TOTALS = {"total", "toll", "tally"}


def _location_of(st: _Context, d: _Draft) -> str | None:
    toks = [d.anchor] + d.nouns + d.wrappers
    key = _place_phrase(st, toks, d.category == "CONSULT")
    if key is not None:
        return key
    a = d.anchor
    if a.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where"
                                 or c.dep_ == "prep" and c.lower_ in ("in", "at") and any(
                                     p.dep_ == "pobj" and p.lower_ == "which" for p in c.children)
                                 for c in a.children):
        # "in Dayton, where ten people died", "in X, in which eleven were charged"
        keys = st.place_keys(a.head)  # "in Dayton, where ten people died": the place it describes
        if keys:
            return keys[0]
    # where the subject or object phrase is: "a bombing near Samarra killed", "strengthened its
    # forces in Lebanon", "the deployment of troops arrived in Bosnia" (a noun event as subject)
    more: list[Token] = []
    if d.anchor.pos_ == "NOUN" and d.anchor.dep_ in _SUBJ + _PASS_SUBJ and d.anchor.head.i not in st.chosen \
            and d.anchor.head.lemma_.lower() in _AT_PLACE_VERBS:
        more.append(d.anchor.head)
    if d.anchor.pos_ in ("VERB", "AUX"):
        more += [s for s in subject_tokens(d.anchor) if s.i in st.chosen or not st.np_keys(s)]
        # "arrested the accused in the neighbourhood of X": a participle with a determiner is a noun
        more += [o for o in objects(d.anchor) if (o.pos_ == "NOUN" or o.tag_ == "VBN" and any(
            c.dep_ == "det" for c in o.children)) and not st.ents.keys_at(o)]
        # "killed the reporter Ali Omar in the port town of X": the parser hangs the place on the
        # victim's name, which takes no place phrase of its own
        more += [o for o in objects(d.anchor) if o.pos_ == "PROPN" and st.ents.keys_at(o)
                 and not any(st.is_place(k) for k in st.ents.keys_at(o))]
        # "On Saturday evening in Forbury Gardens, a stabbing killed three": the parser hangs
        # the place on the time phrase; a time has no place of its own, so it is the event's
        more += [p for c in d.anchor.children if c.dep_ == "prep" and c.lower_ in _DATE_PREPS
                 for p in c.children if p.dep_ == "pobj" and p.i in st.date_span]
    return _place_phrase(st, more, False)


# verbs whose subject event is where the verb places it: "the deployment arrived in Bosnia"
_AT_PLACE_VERBS = {"take", "break", "erupt", "occur", "happen", "begin", "start", "resume", "continue", "flare",
                   "rage", "spread", "arrive", "reach", "land", "enter", "hit", "kill", "go", "get"}


def _place_phrase(st: _Context, toks: list[Token], to_too: bool, depth: int = 0) -> str | None:
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
                    if depth == 0 and p.pos_ == "NOUN" and not st.ents.keys_at(p):
                        # "detained in an area near X", "at a checkpoint outside Y": an unnamed
                        # place is located by its own place phrase
                        inner = _place_phrase(st, [p], False, depth + 1)
                        if inner is not None:
                            return inner
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


def _subject_phrase(st: _Context, tok: Token) -> list[Token]:
    """The words of a verb's subject when the subject is a happening, not a doer ("A road accident
    near X on Thursday killed five", "a bombing in Y on Monday wounded ten"): its time and place
    are the verb's."""
    if tok.pos_ not in ("VERB", "AUX"):
        return []
    out: list[Token] = []
    for s in subject_tokens(tok):
        if s.pos_ != "NOUN" or st.capable(s):
            continue
        stack = [(s, 0)]
        while stack:
            t, depth = stack.pop()
            out.append(t)
            if depth < 4:
                stack.extend((c, depth + 1) for c in t.children if c.dep_ in ("prep", "pobj", "acl", "conj", "compound"))
    return out


# ---- the story's time and scene ---------------------------------------------------------------
def _follow_story(st: _Context, sent, drafts: list[_Draft]) -> None:
    """Narrative time and place (Reichenbach's reference time): a news story moves its time with
    the dates of its main clauses ("The building collapsed on Monday ... A total of 39 are
    confirmed dead"), and a sentence that names no day of its own goes on at the time the story
    is at; a physical happening told with no place happens at the scene the story is set in.
    Each draft here is offered that time and scene; they are used only when the event, after
    merging with its other mentions, has none of its own (see merging._fill_from_story)."""
    root = sent.root
    main = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if root.pos_ not in ("VERB", "AUX"):  # a clause parsed as a noun phrase: "A warehouse [caught] fire"
        main += [c for c in root.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    when = _date_of(st, main)
    if when is None:
        # a main clause under a verb of saying or estimating: "Estimates indicate a million
        # people marched on Saturday"; the shallowest dated happening of the sentence
        dated = [d for d in drafts if d.date is not None and not d.date_inherited and _factual(d)
                 and d.anchor.pos_ == "VERB"]  # a clause, not a thing named ("the November 27 agreement")
        when = min(dated, key=lambda d: _depth(d.anchor)).date if dated else None
    here = when or st.ref_date  # this sentence's own time, whatever its precision
    if when is not None and when.precision == "day":
        # only a day moves the story on: "Last month, X was airlifted", "In 2016 the UK held a
        # referendum" are flashbacks to background, after which the story is where it was
        st.ref_date = when
    scene = next((d.location_key for d in drafts if d.location_key and _physical(st, d) and _factual(d)), None)
    if scene is None and not any(_statement(st, t) for t in main):
        scene = _place_phrase(st, main, False)  # "An apartment building collapsed in X"
    if scene is not None:
        st.scene = scene
    for d in drafts:
        if d.date is None and _in_story_time(st, d):
            d.ref_date = here
        if d.location_key is None and _physical(st, d) and not d.quoted and _at_story_scene(st, d):
            d.ref_place = st.scene


# verbs whose clause is a statement, not a happening at a place: "X said in Y ..." sets no scene
_SPEECH_VERBS = words.SAY_VERBS | {"announce", "quote"}


def _statement(st: _Context, t: Token) -> bool:
    e = st.chosen.get(t.i)
    if e is not None and (e.category is None or (e.category in st.cats and st.cats[e.category].verbal)):
        return True
    return t.lemma_.lower() in _SPEECH_VERBS


def _physical(st: _Context, d: _Draft) -> bool:
    """A happening at a scene (violence, arrests, aid, deaths: `scene` in plover_categories.tsv),
    as against a statement, a sanction or a vote, made or held wherever their makers are."""
    cat = st.cats.get(d.category)
    return cat is not None and cat.scene


def _factual(d: _Draft) -> bool:
    return not (d.quoted or d.hypothetical or d.future or d.intent or d.negated)


def _in_story_time(st: _Context, d: _Draft) -> bool:
    """Whether an event with no date is told at the story's time: a done deed in the narrative
    past, or a physical happening not told as to come ("39 are confirmed dead"). A statement in
    the present ("the FSB denies") or present perfect ("has promised") is of the day of writing."""
    if d.quoted or d.hypothetical or d.future or d.intent or d.reported:
        # what someone says happened is not placed on the story's line ("witnesses said a man
        # attacked ..."): it keeps the date of its verb of saying, if that has one
        return False
    verb = _verb_of(d.anchor)
    if verb is not None and _own_time(st, verb):
        return False
    tense = tense_of(d.anchor)
    if tense is None and verb is not None and verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("acl", "advcl", "xcomp") \
            and not any(a.dep_ in ("aux", "auxpass") for a in verb.children):
        # a bare participle is of its clause's time: "protesters, carrying placards asking ..., marched"
        tense = tense_of(verb.head)
    if tense == "future":
        return False
    if verb is not None:
        # the perfect is not the story's time: the present perfect ("has promised", "have opened
        # ... and detained") is of the day of writing, the past perfect ("had alleged") before it
        auxes = [a for v in (verb, verb.head if verb.dep_ == "conj" else verb) for a in v.children
                 if a.dep_ == "aux" and a.lemma_.lower() == "have"]
        if auxes:
            return False
    return tense == "past" or _physical(st, d)


def _at_story_scene(st: _Context, d: _Draft) -> bool:
    """Whether a physical happening is told in the story, and so at its scene: any dated one, or
    an undated one with no vague time of its own ("Last week a car bombing killed five" is a
    flashback, elsewhere in time and so maybe in place). A date unlike the sentence's was tried
    as a flashback mark too, and cost a right place on the check half: dated happenings of a
    story are mostly at its scene."""
    if d.date is not None:
        return True
    verb = _verb_of(d.anchor)
    return verb is None or not _own_time(st, verb)


def _own_time(st: _Context, verb: Token) -> bool:
    """The clause says when it happened, though not as a day: a time adverb ("he recently
    condemned", "have attacked journalists previously") or a time expression that is no point
    ("Last week a car bombing killed five", "in recent years")."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in _VAGUE_TIME:
            return True
        if c.i in st.date_span and c.dep_ in ("npadvmod", "tmod", "advmod", "obl"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "during", "over", "for", "since") and any(
                p.i in st.date_span for p in c.children if p.dep_ == "pobj"):
            return True
    return False


# adverbs that place a deed at some other, unstated time than the story's
_VAGUE_TIME = {"recently", "previously", "earlier", "once", "formerly", "lately", "already", "before", "ago",
               "long", "since"}


def _verb_of(tok: Token) -> Token | None:
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None
