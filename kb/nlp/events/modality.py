"""Modality: negation, announcement, condition, obligation; PLOVER's coding of announced acts."""
from __future__ import annotations

from spacy.tokens import Token

from ..dates import tense_of
from ..docinfo import sentence_of, token_texts
from .parse import _EXTENSION, _FUTURE_AUX, _HYPO_AUX, _IRREALIS_MODS, _OBLIGATION_AUX, _SCHEDULE_VERBS, _is_to_infinitive, time_adjunct
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: context imports these modules
    from .context import _Context, _Draft


# ---- mode: negation, announcement, condition ---------------------------------------------------
def _aux_words(tok: Token) -> set[str]:
    words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if not words and tok.dep_ == "conj":
        words = {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def _copula(tok: Token) -> Token:
    """The verb that carries a predicate adjective's negation and auxiliaries ("is not ready to",
    "would be willing to"); the token itself for anything else."""
    if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return tok


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or
               (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def _mark_modals(d: _Draft, aux: set[str]) -> None:
    """What the auxiliaries of the trigger, or of a verb whose scope it is in, make of it."""
    if aux & _FUTURE_AUX:
        d.future = True
    if aux & _HYPO_AUX:
        d.hypothetical = True
        # "would" in the content of "said" is the future of the past ("said they would
        # meet"); elsewhere it, like could/might/may, only calls the act possible
        if aux & _MERE_POSSIBILITY or not d.reported:
            d.possible = True


def _modality(st: _Context, d: _Draft) -> None:
    tok = d.anchor
    chain = [tok] + d.nouns
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass", "pobj") and tok.head.pos_ in ("VERB", "AUX"):
        chain.append(tok.head)  # "will extend the curfew", "no agreement was reached"
    if _copula(tok) is not tok:
        chain.append(_copula(tok))  # an adjective's copula carries its negation: "is not prepared to"
    for t in chain:
        aux = _aux_words(t)
        _mark_modals(d, aux)
        if aux & _OBLIGATION_AUX and t.pos_ in ("VERB", "AUX"):
            d.obligation = True
        if _negated(t) and not (t.i == tok.i and _sense_is_negative(d)):
            d.negated = True
        if t.pos_ == "NOUN" and any(c.lower_ in _IRREALIS_MODS for c in t.children if c.dep_ == "amod"):
            d.future = True
        if t.pos_ == "NOUN" and t.dep_ == "nsubjpass" and t.head.lemma_.lower() in _SCHEDULE_VERBS:
            d.future = True  # "the vote is scheduled for May": planned, not held
        if t.pos_ in ("VERB", "AUX") and t.dep_ == "xcomp" and t.head.lemma_ == "be" and _is_to_infinitive(t):
            d.future = True  # "is to visit"
    if not d.future and tok.pos_ in ("VERB", "AUX") and tense_of(tok) == "future":
        d.future = True
    # a modal scopes over the non-finite complements of its verb: "Mexico would consider
    # charging him", "Russia could try to seize the port" charge and seize no more than the
    # modal allows (open clausal complements, which have no tense or modal of their own)
    t, steps = tok, 0
    while t.dep_ == "xcomp" and t.head.pos_ in ("VERB", "AUX") and t.head not in d.wrappers and steps < 3:
        t, steps = t.head, steps + 1
        _mark_modals(d, _aux_words(t))
    # a gerund as the subject of a modal clause is an act talked of, not one done: "executing
    # him would not bring her back", "arresting them could spark riots"
    if tok.tag_ == "VBG" and tok.dep_ in ("csubj", "nsubj", "csubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        aux = _aux_words(tok.head)
        if aux & (_HYPO_AUX | _FUTURE_AUX):
            d.talked_of = True
    for w in d.wrappers:
        e = st.entry_for(w)
        if e is not None and e.has("intent"):
            d.intent = True
        if e is not None and e.has("neg"):
            d.negated = not d.negated
        if _negated(w) or _negated(_copula(w)):  # "was not prepared to accept"
            d.negated = True
        _mark_modals(d, _aux_words(w) | _aux_words(_copula(w)))
    # a condition attached to the clause ("will withdraw ... unless") makes a threat or an offer
    for t in [tok] + d.wrappers:
        for c in t.children:
            if c.dep_ == "advcl" and {m.lower_ for m in c.children if m.dep_ == "mark"} & {"if", "unless"}:
                d.hypothetical = True
                d.conditional = True
    d.question = _in_question(tok)


def _sense_is_negative(d: _Draft) -> bool:
    """The lexicon row chose this sense for the trigger's own negation (need ``neg``: "will not
    tolerate" is a warning, PLOVER THREATEN): the "not" is the act, not its denial."""
    return any(n.kind == "neg" for n in d.entry.needs)


# modal auxiliaries that make an act only possible, never promised ("so he could fund a wall")
_MERE_POSSIBILITY = {"could", "might", "may"}


def _in_question(tok: Token) -> bool:
    """The trigger stands in the clause a question mark closes ("which ministers would you ask to
    serve?", "will you meet him?"): the act is asked about, not reported. A verb of asking that
    governs the question from outside it ("she asked whether ...") is not inside."""
    doc = tok.doc
    sent, words = sentence_of(tok), token_texts(doc)  # Token.sent walks the document each time
    for i in range(sent.start, sent.end):
        if words[i] != "?":
            continue
        q = doc[i]
        if q.dep_ != "punct":
            continue
        head = q.head
        if tok.i < head.left_edge.i or tok.i > head.right_edge.i:
            continue
        if head.pos_ in ("VERB", "AUX") and tok != head and any(
                c.dep_ == "ccomp" and c.left_edge.i <= tok.i <= c.right_edge.i and
                any(m.lower_ in ("whether", "if") for m in c.children if m.dep_ == "mark") for c in head.children):
            continue  # "asked whether X would resign?": the asking is the sentence's claim
        return True
    return False


def _habitual(st: _Context, d: _Draft) -> bool:
    """'Members of the House are elected for two-year terms', 'the party uses primaries to select
    its nominee', 'police search cars at the border': a material act or an election told in the
    simple present by the writer, with no time of its own, is a rule or a habit, not a happening
    (news tells what happened in the past tense; a headline's present is the first line only).
    Verbal acts are left alone: "Russia denies the claims" is a statement standing now."""
    tok = d.anchor
    if tok.pos_ != "VERB" or d.sentence_index == 0 or st.in_quote(tok) or st.cats[d.category].verbal:
        return False
    main = tok
    while main.dep_ == "conj":
        main = main.head
    if main.dep_ != "ROOT":
        return False  # "ordered the accused remain in custody": a subjunctive, no present
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if tok.tag_ in ("VBZ", "VBP"):
        present = not aux
    else:
        present = tok.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ in ("VBZ", "VBP")
    return present and not time_adjunct(tok)


def _apply_mode_rules(st: _Context, d: _Draft) -> bool:
    """PLOVER codes what is announced by what is promised (module docstring, point 3).
    Returns False when the draft is no event (an ELECTION or DEATH that did not happen)."""
    cat = st.cats[d.category]
    announced = d.intent or d.future or d.hypothetical
    if d.obligation and not d.wrappers:
        return False
    if d.question or d.talked_of:
        return False  # asked or talked about, not reported (issue 13: questions in interviews)
    if _habitual(st, d):
        return False
    if d.category in _EXTENSION:
        if d.negated or announced and (d.hypothetical or cat.announced != d.category):
            return False
        # an election the calendar fixes is a fact of the story (categories' `announced` column
        # names the category itself): kept when its own date lies ahead, see triggers._draft
        d.scheduled = bool(announced)
        return True
    if d.category == "REJECT" and d.negated:
        return False  # "did not reject": nothing happened
    if cat.possible == "-" and d.possible and not (d.intent or d.future or d.conditional or d.negated):
        # AGREE needs a promise, offer or acceptance: "so he could fund a wall", "the EU would
        # finance it" commit nobody to anything (categories' `possible` column)
        return False
    if announced and d.entry.has("performative") and not (d.intent or d.possible or d.conditional or d.negated):
        # "announced he would resign", "will step down next week": an office-holder's own word
        # that he leaves is the resignation (PLOVER dev codes "will resign" RETREAT), unlike an
        # agreement or offer to resign, a condition or a mere possibility (lexicon flag)
        announced = False
    if announced and cat.announced is not None and cat.announced != d.category:
        # PLOVER codes what is announced by the category table's `announced` column: future
        # cooperation is AGREE, an announced retreat CONCEDE, announced force THREATEN
        if cat.material_conflict:
            d.mode = _content_mode("THREATEN", d) if d.mode is None else d.mode
            d.mode = {"ASSAULT": "violence", "SANCTION": "relations"}.get(d.category, d.mode)
        else:
            d.mode = None
        d.category = cat.announced
    if d.negated and d.category in ("AGREE", "SUPPORT") and (announced or d.entry.category in ("AGREE",)):
        d.category = "REJECT"
        d.negated = False
        d.mode = None
    return True




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
