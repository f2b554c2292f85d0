"""Event dates, counts and places."""
from __future__ import annotations

from spacy.tokens import Token

from ..dates import resolve_date, tense_of
from ...records import DateValue
from .parse import _DATE_PREPS, _LOCATION_PREPS, _PASS_SUBJ, _SHARED_TIME_PREPS, _SUBJ, _number, _pobjs, objects, subject_tokens
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: context imports these modules
    from .context import _Context, _Draft


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
    nouns = ([d.anchor] if d.anchor.pos_ == "NOUN" else []) + d.nouns
    if d.category in _VICTIM_COUNTED and d.anchor.pos_ in ("VERB", "ADJ"):
        # "at least 50 people died", "killed seven passengers": the count of the victims
        nouns += objects(d.anchor) + (subject_tokens(d.anchor) if d.category == "DEATH" else [])
        if d.anchor.pos_ == "ADJ":  # "39 people were confirmed dead"
            nouns += [c for c in d.anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if d.anchor.pos_ == "NOUN" and d.entry.has("measure") and d.anchor.head.pos_ == "VERB":
        # "the death toll rose to 22", "the toll stands at 39": the number the verb gives it
        for p in _pobjs(d.anchor.head, ("to", "at")):
            v = _number(p) if p.pos_ == "NUM" else None
            if v is not None:
                return v
    for n in list(nouns):
        if n.lemma_.lower() in _TOTALS:  # "a total of 39 are confirmed dead"
            nouns += [p for p in _pobjs(n, ("of",)) if p.pos_ == "NUM"]
    for n in nouns:
        if n.pos_ == "NUM" and n.dep_ == "pobj":
            v = _number(n)
            if v is not None and 1 < v < 10000:
                return v
        if n.tag_ not in ("NNS", "NNPS"):
            continue
        for c in n.children:
            if c.dep_ == "nummod":
                v = _number(c)
                if v is not None and 1 < v < 10000:
                    return v
    return None


_VICTIM_COUNTED = {"DEATH", "ASSAULT"}
_TOTALS = {"total", "toll", "tally"}


def _location_of(st: _Context, d: _Draft) -> str | None:
    toks = [d.anchor] + d.nouns + d.wrappers
    key = _place_phrase(st, toks, d.category == "CONSULT")
    if key is not None:
        return key
    a = d.anchor
    if a.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where" for c in a.children):
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
