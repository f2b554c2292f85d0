"""Triggers: which words of a sentence are events, following frame, intent, pass and light words down the tree."""
from __future__ import annotations

import datetime as _dt

from spacy.tokens import Doc, Span, Token

from .. import plover, words
from ..docinfo import sentences, tokens
from ..index import DocEntities
from ...records import EventRec
from .context import _Context, _Draft
from .merging import _happens, _merge_document, _merge_sentence
from .modality import _apply_mode_rules, _content_mode, _modality
from .parse import time_adjunct, _expletive_only, _CONDITION_MARKS, _CONTENT_PREPS, _EXTENSION, _HAPPEN_VERBS, _OBJECT_CONTROL, _OBLIGATION_AUX, _OCCUPY_VERBS, _SCHEDULE_VERBS, _depth, _is_to_infinitive, _pobjs, _uniq, clause_tokens, complement, finite_conjunct, is_passive, objects, subject_tokens
from .participants import _UNDERGO_VERBS, _arguments, _keys, source_phrases, copula_of, undergoer_copula, _object_keys, _others, _prep_recipients
from .places import _count_of, _date_of, _resolve_span, _follow_story, _location_of, _place_phrase, _share_time_and_place, _subject_phrase


# ---- the extractor ----------------------------------------------------------------------------
def extract_events(doc: Doc, ents: DocEntities, published: _dt.date | None) -> list[EventRec]:
    """PLOVER (and ELECTION/DEATH) events of a parsed document; see the module docstring."""
    st = _Context(doc, ents, published)
    sents = sentences(doc)
    drafts: list[_Draft] = []
    for si, sent in enumerate(sents):
        found = _sentence_events(st, sent, si)
        _follow_story(st, sent, found)
        drafts += found
    return _merge_document(st, drafts)


def _sentence_events(st: _Context, sent: Span, si: int) -> list[_Draft]:
    chosen: dict[int, plover.LexEntry] = {}
    st.chosen = chosen
    toks = tokens(sent.doc)  # made once per document, not once per pass over a sentence
    for tok in toks[sent.start:sent.end]:
        e = st.entry_for(tok)
        if e is not None:
            chosen[tok.i] = e
    speech = [toks[i] for i in range(sent.start, sent.end) if i in chosen and chosen[i].has("speech")]
    if not chosen:
        return []
    blocked = _blocked_regions(sent, chosen)
    handled: set[int] = set()
    out: list[_Draft] = []

    # "X said Y must do Z": a request of X to Y; "X said there is no evidence of Y's claims": X
    # rejects them
    for sp in speech:
        d = _speech_demand(st, sp, chosen, si) or _speech_denial(st, sp, si)
        if d is not None:
            out.append(d)
            handled |= d.tokens

    for tok in sorted((toks[i] for i in chosen), key=_depth):
        if tok.i in handled or tok.i in blocked:
            continue
        for d in _build(st, tok, chosen, handled, si, []):
            out.append(d)
    out = [d for d in out if d is not None]
    _share_time_and_place(out)
    return _merge_sentence(st, out)


_BACKGROUND_MARKS = {"as", "after", "since", "because", "although", "though", "whereas", "despite"}
_BACKGROUND_PREPS = {"after", "following", "since", "amid", "amidst", "despite", "before", "until"}


def _undergone(noun: Token) -> bool:
    """'she received death threats', 'the firm faces charges': the object of a verb of undergoing
    is stated as having reached its subject, a fact as "protests broke out" is."""
    return noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in _UNDERGO_VERBS


def _caused(noun: Token) -> bool:
    """'the bill sparked controversy and protests': the object of a verb of causing (or a conjunct
    of it) is an event the sentence says took place, as "protests broke out" says."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    verb = noun.head
    # "could spark protests", "will cause unrest", "to trigger a war": a possibility, no happening
    return noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in words.CAUSE_VERBS \
        and not any(a.dep_ == "aux" and (a.tag_ == "MD" or a.lower_ == "to") for a in verb.children)


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
    for tok in tokens(sent.doc)[sent.start:sent.end]:
        dep = tok.dep_
        if dep == "prep":
            low = tok.lower_
            background = low in _BACKGROUND_PREPS or (
                low == "in" and any(p.lemma_.lower() in ("wake", "response", "protest") for p in tok.children))
            if low == "because" or (low == "due" and any(c.lower_ == "to" for c in tok.children)):
                background = True
            if low == "from" and tok.head.lemma_.lower() in words.PREVENT_VERBS:
                # "prevents residents from voting", "stopped protesters from marching": what a
                # verb of prevention keeps from happening did not happen (the stopping may be
                # an event of its own)
                blocked |= {t.i for c in tok.children if c.dep_ in ("pcomp", "pobj") and c.tag_ == "VBG"
                            for t in c.subtree}
                continue
            clause = [c for c in tok.children if c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX")]
            if background and clause and low in _BACKGROUND_MARKS and (
                    tok.head.i not in chosen or any(time_adjunct(c) for c in clause)):
                # "was at the centre after being detained earlier Friday": a verb clause under
                # the preposition is the clause "after he was detained ..." in another form, so it
                # is background only where that clause would be (the advcl rule below)
                continue
            if background:
                named = _named_act(tok, chosen)
                for t in tok.subtree:
                    e = chosen.get(t.i)
                    if (e is None or e.category not in _EXTENSION) and t.i not in named:
                        blocked.add(t.i)
            continue
        if dep not in ("advcl", "acl", "relcl", "xcomp", "ccomp", "conj"):
            continue
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if dep == "relcl" and tok.head.lemma_.lower() in _MANNER_NOUNS and (tok.tag_ in ("VBZ", "VBP") or any(
                a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBZ", "VBP") for a in tok.children)):
            # "issues such as the way the legislature is elected": how something is done, in
            # general (present tense); "the way he was killed" tells a deed
            blocked |= {t.i for t in tok.subtree}
        elif dep in ("advcl", "ccomp") and marks & _CONDITION_MARKS:
            blocked |= {t.i for t in tok.subtree}
        elif dep == "advcl" and marks & _BACKGROUND_MARKS and _tells_an_event(tok.head, chosen) and not time_adjunct(tok):
            blocked |= {t.i for t in tok.subtree if chosen.get(t.i) is None or chosen[t.i].category not in _EXTENSION}
        elif dep == "advcl" and _is_to_infinitive(tok) and tok.head.lemma_.lower() not in _OBJECT_CONTROL \
                and not (_wrapper_like(chosen.get(tok.head.i)) and _no_other_complement(tok.head)):
            blocked |= clause_tokens(tok)  # purpose: "staged a rally to demand reforms"
        elif dep == "acl" and _is_to_infinitive(tok) and tok.head.i not in chosen and not _perfect(tok):
            blocked |= _subtree_but_relcl(tok)  # "efforts to", "a decision to"
        elif dep == "advcl" and tok.tag_ == "VBG" and tok.i in chosen and _is_event_word(chosen.get(tok.head.i)):
            # "marched ..., demanding higher prices": a statement made while doing an act already
            # coded; when the main verb is no event ("addressed reporters, calling for ...",
            # "wrote to X, asking ...") the participle is the event and stays
            e = chosen[tok.i]
            cat = plover.category(e.category) if e.category else None
            if cat is not None and cat.verbal:  # "..., saying / demanding / calling for ..."
                blocked.add(tok.i)
                blocked |= {t.i for c in tok.children if c.dep_ in ("ccomp", "xcomp", "dobj", "prep")
                            for t in c.subtree}
    return blocked


def _named_act(prep: Token, chosen) -> set[int]:
    """'following the resignation of Luis Ortega over the scandal': a background phrase whose
    event noun names its party by name tells a happening of its own (the manual codes what
    happened, whatever clause it is told in), unlike 'after two days of fighting'. A place in the
    of phrase ('following the invasions of X') more often names a long campaign told as the
    setting, so only a person or an organisation makes the act one of its own."""
    out: set[int] = set()
    for p in prep.children:
        if p.dep_ == "pobj" and p.i in chosen and p.pos_ == "NOUN" and chosen[p.i].category is not None \
                and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                    o.dep_ == "pobj" and o.ent_type_ in ("PERSON", "ORG") for o in c.children)
                    for c in p.children):
            out.add(p.i)
    return out


_MANNER_NOUNS = frozenset({"way", "manner"})


def _tells_an_event(tok: Token, chosen) -> bool:
    """The clause's verb is a word of the lexicon that tells an event or frames one ("protests
    began after ..."); a light verb whose object is no event ("made a public speech since he was
    pardoned") tells none, so the pardon is the sentence's act, not the background to another."""
    entry = chosen.get(tok.i)
    if entry is None:
        return False
    if entry.category is not None or not entry.has("light") or _light_object(tok, chosen) is not None:
        return True
    # "the protests began after ...": the happening is the light verb's subject
    return any(s.i in chosen and chosen[s.i].category for s in subject_tokens(tok))


def _is_event_word(entry) -> bool:
    """A lexicon row that codes an event itself, or a light verb that carries its noun's event."""
    return entry is not None and (entry.category is not None or entry.has("light"))


def _build(st: _Context, tok: Token, chosen, handled: set[int], si: int, wrappers: list[Token]) -> list[_Draft]:
    """The event(s) a trigger stands for, following intent/pass/light/frame words down the tree."""
    entry = chosen.get(tok.i)
    if entry is None or tok.i in handled or len(wrappers) > 20:  # "tried to try to try to ...": no deeper
        return []
    handled.add(tok.i)
    if entry.has("intent") or entry.has("pass") or entry.has("neg"):
        comp = complement(tok)
        if comp is not None:
            heads = [comp] + [c for c in comp.children if c.dep_ == "conj" and c.pos_ == "VERB" and not finite_conjunct(c)]
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
                    d.tokens |= clause_tokens(comp)
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
                if comp is None:
                    comp = _restating_participle(st, d, noun, chosen, handled)
                if comp is not None:
                    _take_content(st, d, comp, chosen, handled, si)
            return [d] if d is not None else []
        # "announced plans to pull out": the object is an intent noun whose complement is the act
        for o in objects(tok):
            oe = chosen.get(o.i)
            if oe is not None and oe.category is None and oe.has("intent") and o.i not in handled:
                found = _build(st, o, chosen, handled, si, wrappers + [tok])
                if found:
                    return found
        if entry.category is None:
            return []
    if entry.category is None:
        if entry.has("frame"):
            comp = complement(tok)
            if comp is not None:
                handled |= clause_tokens(comp)
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
                if _motive(entry, oe):
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
    if (verbal or entry.has("topic")) and tok.pos_ == "VERB":
        # event nouns that are the topic of a statement are not events of their own, nor the
        # crime a court convicts of or sentences for ("sentenced for her murder")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp") and p.i not in chosen and p.lemma_.lower() in _COUNT_NOUNS:
                        # "charged with one count of murder", "two charges of assault": the crime
                        p = next((q for q in _pobjs(p, ("of",)) if q.i in chosen), p)
                    if p.dep_ in ("pobj", "pcomp") and p.i in chosen and p.i not in handled:
                        handled.add(p.i)
                        d.tokens.add(p.i)
                        consumed.append(p)
    for o in objects(tok) if tok.pos_ == "VERB" else []:
        if o.i in chosen and o.i not in handled and _motive(entry, chosen[o.i]):
            continue  # its own event, built when the loop reaches it
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


# nouns that count the crimes of a charge or conviction: "one count of murder"
_COUNT_NOUNS = {"count", "charge"}  # lemmas


def _motive(entry, obj_entry) -> bool:
    """A protest's object that is a violent or coercive act ("protesting the shooting of X",
    "protested the arrests") is the motivation of the protest, which the PLOVER manual codes as an
    event of its own; rows flagged ``motive`` take such objects so."""
    if not entry.has("motive") or obj_entry.category in (None, entry.category):
        return False
    cat = plover.category(obj_entry.category)
    return bool(cat and cat.material_conflict)


def _raised_causer(st: _Context, noun: Token) -> bool:
    """'a bombing was reported to have killed X', 'the blast is believed to have injured 20': the
    noun is the subject of the deed the report verb raises, so the sentence states its event as a
    fact, as "the bombing killed X" does."""
    head = noun.head
    if noun.dep_ != "nsubjpass" or head.lemma_.lower() not in words.SAY_VERBS | _RAISING_VERBS:
        return False
    for c in head.children:
        e = st.chosen.get(c.i)
        if c.dep_ == "xcomp" and e is not None and e.category is not None:
            return plover.category(e.category).material_conflict or e.category == "DEATH"
    return False


def _party_to(noun: Token) -> bool:
    """'the suspect in a shooting', 'victims of the bombing': a party to the act presupposes it
    took place, so the noun's event is stated, as "the shooting took place" states it."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("in", "of") \
        and noun.head.head.lemma_.lower() in _PARTY_NOUNS


_PARTY_NOUNS = frozenset({"suspect", "victim", "survivor", "perpetrator", "culprit", "gunman", "attacker",
                          "bomber", "casualty", "witness"})
_RAISING_VERBS = frozenset({"believe", "know", "understand", "think", "feared", "fear", "estimate", "expect"})


def _take_content(st: _Context, d: _Draft, comp: Token, chosen, handled: set[int], si: int) -> None:
    """A frame event's complement clause is its content: no event of its own."""
    inner: list[_Draft] = []
    if comp.i in chosen and comp.i not in handled:
        inner = _build(st, comp, chosen, set(handled), si, [])
    _absorb_content(st, d, comp, inner)
    sub = clause_tokens(comp)
    handled |= sub
    d.tokens |= sub


def _restating_participle(st: _Context, d: _Draft, noun: Token, chosen, handled: set[int]) -> Token | None:
    """'joined the calls by officials [asking the US to waive ...]': a participle of the noun's own
    kind restates the act; whom it addresses is the act's recipient and its complement the
    content. Returns that complement."""
    for c in noun.children:
        e = chosen.get(c.i)
        if c.dep_ == "acl" and c.tag_ == "VBG" and e is not None and e.category == d.category and c.i not in handled:
            handled.add(c.i)
            d.tokens.add(c.i)
            if not d.recipients:
                d.recipients = _others([k for o in objects(c) for k in _object_keys(st, o, d.groups)], d.actors, d.groups)
            return complement(c)
    return None


def _within_np(t: Token, np_head: Token) -> bool:
    """t sits in np_head's phrase without crossing a relative clause or a finite verb."""
    while t != np_head:
        if t.dep_ in ("relcl", "ccomp", "advcl", "conj") and t.pos_ in ("VERB", "AUX"):
            return False
        if t.dep_ == "appos" and t.head.pos_ == "PROPN":
            return False  # "released X, the suspect in a shooting": a description of X, no part of the act
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
               "remain": ("on",), "stay": ("on",), "file": ("for",),  # "filed for candidacy"
               # "entered into an agreement / talks": the prepositional object is the act, as
               # "held talks" or "signed an agreement" name it (PLOVER SUPPORT/CONSULT)
               "enter": ("into",)}


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
        if d.category in ("REQUEST", "CONCEDE"):
            # "asked X to leave", "allowed X to leave": the one asked or let is the recipient
            subs = [s for s in subject_tokens(comp) if s.pos_ != "PRON"]
            d.recipients = _others([k for s in subs for k in _keys(st, s, groups)], d.actors, groups)
        if not d.recipients:
            found = [k for o in objects(comp) for k in _object_keys(st, o, groups) if k not in st.named_places(o)]
            if not found:  # "refused to respond to a demand from X", not "agreed to return to X"
                found = _prep_recipients(st, comp, d.category, groups, places=False)
            d.recipients = _others(found, d.actors, groups)
    if d.location_key is None:  # "agreed to postpone the rally in Baku": where the content is
        d.location_key = _place_phrase(st, [comp] + [o for o in objects(comp) if o.pos_ == "NOUN"], False)




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
        if not must and _semi_modal(c):
            must = [c]  # "X said they need to / have to stand by us": obligation as "must" states it
        if not must:
            continue
        actor = _uniq(k for s in speakers for k in st.np_keys(s))
        target = _uniq(k for s in subject_tokens(c) for k in st.np_keys(s))
        target = [k for k in target if k not in actor]
        # "X said the gun laws should be changed": a call for an act nobody named is to do
        passive = any(a.dep_ == "auxpass" for a in c.children)
        # "foreign powers should leave the region": a doer who can act but has no name is still
        # asked to act; "we must ..." is the speaker's own resolve, not a request of another
        # "people must know that ...", "everyone should ...": a maxim for all, asked of nobody
        unnamed = any(st.capable(s) and s.lower_ not in ("we", "i", "us") and not _anyone(st, s)
                      for s in subject_tokens(c))
        if not actor or not (target or passive or unnamed):
            continue
        entry = plover.LexEntry("must", "AUX", "REQUEST", None, (), frozenset(), "request")
        d = _Draft("REQUEST", None, sp, must[0], entry, si)
        d.actors, d.recipients = actor, target
        d.tokens = {t.i for t in c.subtree} | {sp.i}
        d.date = _date_of(st, [sp])
        return d
    return None


_ANYONE = frozenset({"people", "everyone", "everybody", "anyone", "anybody", "someone", "somebody", "nobody",
                     "one", "person", "persons", "individual", "individuals"})


def _anyone(st: _Context, s: Token) -> bool:
    """A subject that stands for people in general: "people", "everyone", not "the people of X"."""
    return s.lemma_.lower() in _ANYONE and (s.pos_ == "PRON" or not st.np_keys(s)) and not any(
        c.dep_ in ("prep", "poss", "amod", "compound", "det") and c.lower_ not in ("all",) for c in s.children)


# verbs that state an obligation with a to-infinitive, as the modal "must" does ("they need to
# leave", "you have to stop", "it ought to pay"): semi-modals of necessity
_SEMI_MODALS = frozenset({"need", "have", "ought"})


def _semi_modal(tok: Token) -> bool:
    """'they need to stand by us': a semi-modal whose to-infinitive is the act required."""
    return tok.lemma_.lower() in _SEMI_MODALS and not any(c.dep_ in ("dobj", "neg") for c in tok.children) and any(
        c.dep_ == "xcomp" and _is_to_infinitive(c) for c in tok.children)


def _speech_denial(st: _Context, sp: Token, si: int) -> _Draft | None:
    """"Officials stated there is no evidence to support the President's claims": a speaker who
    says a claim has no evidence rejects it (PLOVER REJECT: all rejections, of claims as of
    demands), the claim's owner ("the President's claims", "claims by X") its recipient. Only the
    existential "there is no N" with N an evidence noun (words.EVIDENCE_NOUNS) of a claim
    (words.CLAIM_NOUNS) is read so."""
    if sp.dep_ in ("advcl", "acl") or sp.tag_ == "VBG" or any(c.dep_ == "neg" for c in sp.children):
        return None
    speakers = subject_tokens(sp)
    if not speakers or not any(st.capable(s) or st.np_keys(s) for s in speakers):
        return None
    for c in sp.children:
        if c.dep_ != "ccomp" or c.lemma_ != "be" or not any(a.dep_ == "expl" for a in c.children):
            continue
        noun = next((a for a in c.children if a.dep_ == "attr" and a.lemma_.lower() in words.EVIDENCE_NOUNS
                     and any(d.dep_ == "det" and d.lower_ == "no" for d in a.children)), None)
        if noun is None:
            continue
        claims = [t for t in noun.subtree if t.lemma_.lower() in words.CLAIM_NOUNS]
        if not claims:
            continue  # "no evidence of foul play" denies no one's claim
        owners = [p for t in claims for p in t.children if p.dep_ == "poss" or (p.dep_ == "prep" and p.lower_ == "by")]
        owners = [o for p in owners for o in ([p] if p.dep_ == "poss" else [x for x in p.children if x.dep_ == "pobj"])]
        entry = plover.LexEntry("evidence", "NOUN", "REJECT", None, (), frozenset(), "reject")
        d = _Draft("REJECT", None, sp, sp, entry, si)
        d.actors = _uniq(k for s in speakers for k in st.np_keys(s))
        d.recipients = [k for k in _uniq(k for o in owners for k in st.np_keys(o)) if k not in d.actors]
        d.tokens = {t.i for t in c.subtree} | {sp.i}
        d.date = _date_of(st, [sp])
        return d
    return None


def _draft(st: _Context, tok: Token, category: str, mode: str | None, entry: plover.LexEntry, si: int,
           wrappers: list[Token], noun: Token | None = None) -> _Draft | None:
    if _generic_kind(tok):
        return None
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
    if not d.recipients and tok.i in st.verdict_targets:
        # "X said Y made the right decision": the party the verdict is on (Context.verdict)
        d.recipients = _others(st.verdict_targets[tok.i], d.actors, d.groups)
    claimed = (entry.has("claimaccuse") and _claimed_by(st, d)
               or entry.has("allegeaccuse") and _claimed_by(st, d, _ALLEGE_VERBS))
    if not claimed and not _doer_capable(st, d) or not _has_counterpart(st, d):
        return None
    d.reported = _reported(st, tok) and not claimed  # before the modality: "said they would meet" is a plan
    _modality(st, d)
    if d.entry.has("scheduled") and (d.future or d.intent or d.hypothetical):
        return None  # "is to be sentenced in June": a court's timetable, nobody's threat
    if not _apply_mode_rules(st, d):
        return None
    # a speaker's own speech act in the first person ("we are not prepared to risk ...", "we
    # condemn ...") is the speaker's event even inside quotation marks
    # a light verb outside the marks reports the act even when its noun is quoted: 'gave its
    # "deepest sympathies"' is the writer's account, the marks only cite the words
    d.quoted = st.in_quote(tok) and not (st.cats[d.category].verbal and _first_person(d))
    # "the agreement is void": a document named as a topic; "signed an agreement" has a verb anchor
    d.asserted = not (tok.pos_ == "NOUN" and entry.has("thing") and not _happens(tok))
    # "protests broke out", "during a visit by X": the noun's event is stated as a fact, like a verb's
    d.happening = tok.pos_ == "NOUN" and (_happens(tok) or tok.dep_ == "pobj" and tok.head.lower_ in _TIME_FRAME_PREPS
                                          or bool(source_phrases(tok)) or tok.dep_ == "pobj"
                                          and tok.head.lower_ in _PAST_PREPS and tok.i in _named_act(tok.head, st.chosen)
                                          or _raised_causer(st, tok) or _party_to(tok) or _undergone(tok)
                                          or _caused(tok))
    pred = _root_noun_predicate(tok) or undergoer_copula(tok)
    if pred is not None:
        # "A military coup removed X in 2006": the verb the act does asserts it, dates it and
        # names whom it struck
        d.happening = True
        if not d.recipients:
            d.recipients = _others([k for o in objects(pred) for k in _object_keys(st, o, d.groups)], d.actors, d.groups)
    # "was pronounced dead on Friday": a predicate adjective's time is its clause's
    clause = [tok.head] if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd") else []
    d.date = _date_of(st, [tok] + d.nouns + d.wrappers + ([pred] if pred is not None else []) + clause)
    if d.date is None and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        # coordinated predicates share the time adjunct: "was driving ... on the night of June 21
        # and struck a group of motorcycles"
        d.date = _date_of(st, [tok.head])
    if d.date is None and tok.pos_ == "NOUN" and copula_of(tok) is not None:
        # "In 2006, the plant was the target of an attack": the noun is the predicate of a
        # clause whose only verb is "be", so the clause's time is the event's
        d.date = _date_of(st, [copula_of(tok)])
    if d.date is None:
        d.date = _date_of(st, _subject_phrase(st, tok))  # "an accident on Thursday killed five"
    if d.date is None:
        d.date = _date_of(st, _reporting_heads(tok))
        d.date_inherited = d.date is not None
    if d.scheduled and d.date is None:
        d.date = _scheduled_for(st, tok)
    if d.scheduled:
        if not _ahead(st, d.date):
            return None  # "will vote", "plans to hold elections": no date fixes it yet
        d.happening = True  # the sentence puts it on the calendar, as "talks took place" asserts talks
    d.count = _count_of(d)
    if tok.pos_ == "NOUN" and entry.has("measure") and d.count is not None:
        d.happening = True  # "the death toll rose to 22": the verb giving its count states it
    d.location_key = _location_of(st, d)
    if d.location_key is None:
        d.location_key = _place_phrase(st, _subject_phrase(st, tok), False)  # "an accident near X killed"
    if d.location_key is None and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _OCCUPY_VERBS:
        # "protests filled the streets of X", "the San Juan streets": the place taken over
        for o in objects(tok.head):
            keys = [k for t in o.subtree if t.dep_ in ("compound", "pobj") or t == o for k in st.place_keys(t)]
            if keys:
                d.location_key = keys[0]
                break
    if d.location_key is None and tok.pos_ == "NOUN" and copula_of(tok) is not None:
        # "the town was the target of an attack", "X was the scene of a massacre": the place
        # the clause is about is where the event happened
        d.location_key = next((k for s in subject_tokens(copula_of(tok)) for k in st.place_keys(s)), None)
    if d.location_key is None and _participle_clause(tok):
        d.location_key = _place_phrase(st, [tok.head], False)
    return d


def _generic_kind(tok: Token) -> bool:
    """'The archive counts events where four or more people are killed', 'cases in which
    protesters are arrested': a relative clause in the simple present on a bare plural noun (no
    article, possessive or number) describes a kind of event, a definition or a habit, not a
    happening the text reports (the generic reading of bare plurals)."""
    t = tok.head if tok.dep_ == "conj" and tok.head.dep_ == "relcl" else tok
    if t.dep_ != "relcl" or t.pos_ not in ("VERB", "AUX"):
        return False
    noun = t.head
    if noun.tag_ not in ("NNS",) or any(c.dep_ in ("det", "poss", "nummod") for c in noun.children):
        return False
    present = t.tag_ in ("VBP", "VBZ") or any(
        a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBP", "VBZ") for a in t.children)
    return present and not any(a.dep_ == "aux" and a.tag_ == "MD" for a in t.children)


def _scheduled_for(st: _Context, noun: Token):
    """'the election is scheduled [for March 24]': the day a calendar verb fixes for its subject."""
    head = noun.head
    if noun.dep_ != "nsubjpass" or head.lemma_.lower() not in _SCHEDULE_VERBS:
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for p in c.children:
                if p.dep_ == "pobj" and p.i in st.date_span:
                    return _resolve_span(st, st.date_span[p.i], head)
    return None


def _root_noun_predicate(tok: Token) -> Token | None:
    """The past-tense verb an event noun is the doer of: 'a coup removed the president in 2006'
    (an act that did something has happened; only a main clause's verb, since in a complement
    the parser often makes a subject of a noun far from it), also when the parser hung the verb on a
    sentence-root noun as a reduced relative clause ('a coup [removed X in 2006]')."""
    if tok.pos_ != "NOUN":
        return None
    if tok.dep_ == "nsubj" and tok.head.tag_ == "VBD" and tok.head.dep_ in ("ROOT", "conj") \
            and any(o.dep_ == "dobj" for o in tok.head.children):
        # verbs of happening have their own reading ("the shooting followed four others"): their
        # object is no one the act struck
        return tok.head if tok.head.lemma_.lower() not in _HAPPEN_VERBS else None
    if tok.dep_ != "ROOT":
        return None
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and c.i > tok.i and any(o.dep_ == "dobj" for o in c.children):
            return c
    return None


def _ahead(st: _Context, date) -> bool:
    """The date lies after the day of publication (at its own precision): a fixed future day."""
    if date is None or st.published is None:
        return False
    iso = date.iso
    return iso > st.published.isoformat()[:len(iso)]


_TIME_FRAME_PREPS = {"during", "amid", "amidst", "throughout"}
_PAST_PREPS = {"after", "following", "since"}  # "following the resignation of X": it happened


def _first_person(d: _Draft) -> bool:
    return any(s.lower_ in ("we", "i") for s in _doers(d) + subject_tokens(d.anchor))


def _doers(d: _Draft) -> list[Token]:
    """The phrase heads the text gives as the doer of a verb trigger: the subject, a passive's
    "by" phrase, and for a withdrawal in the passive the force withdrawn ("troops were pulled out")."""
    tok = d.anchor
    if tok.pos_ not in ("VERB", "AUX", "ADJ"):
        return []
    if d.category == "RETREAT" and is_passive(tok):
        return [c for c in tok.children if c.dep_ == "nsubjpass"] or subject_tokens(tok)
    return subject_tokens(tok)


def _setting_only(st: _Context, d: _Draft, doers: list[Token]) -> bool:
    """'The accident in Salaheddin district killed eleven': the actors are places named in the
    prepositional phrases of unnamed doers, where it happened, not who did it ("website GitHub",
    a name in apposition, is the doer)."""
    if not doers or any(st.ents.keys_at(s) for s in doers) or not all(st.is_place(k) for k in d.actors):
        return False
    in_phrases = {k for s in doers for p in s.children if p.dep_ == "prep" for t in p.subtree for k in st.ents.keys_at(t)}
    return set(d.actors) <= in_phrases


def _doer_capable(st: _Context, d: _Draft) -> bool:
    """PLOVER codes what actors who can act politically do. When the doer is a thing ("the budget
    will meet the rules", "a licence allowing him to buy", "the building was evacuated") the
    trigger is in another sense: no event -- except a killing, which is then a death ("the crash
    killed seven"). Categories say in plover_categories.tsv whether they need such a doer."""
    if st.cats[d.category].actor != "capable":
        return True
    doers = _doers(d)
    if d.actors and not _setting_only(st, d, doers):
        return True
    if not doers or any(st.capable(s) for s in doers):
        return True
    if d.entry.has("deathifnoagent"):
        d.category, d.mode = "DEATH", None
        d.location_key = d.location_key or next(iter(d.actors), None)
        d.actors, d.recipients = list(d.recipients), []
        return True
    return False


def _has_counterpart(st: _Context, d: _Draft) -> bool:
    """A consultation is between two parties (PLOVER manual, CONSULT: meetings, talks, visits).
    A lexicon row flagged `pair` ("meet", "discuss") with no one met or talked with needs a
    plural doer ("the two leaders met", "A and B discussed trade"); a single body meeting or
    discussing on its own ("parliament would meet briefly", "the commission will discuss the
    results") holds a session, not a consultation; an international body's members are parties."""
    if not d.entry.has("pair") or d.recipients or len(d.actors) > 1:
        return True
    if any(st.country(k) == "IGO" for k in d.actors):
        return True  # "the G7 will meet": a body of states meeting is a multilateral consultation
    doers = _doers(d)
    if not doers:
        return True
    # "US President A and Turkish President B spoke": the parser may hang the conjunct deep
    # inside the subject phrase (under an apposition), so any coordinated name in it counts
    return any(s.tag_ in ("NNS", "NNPS") or s.lower_ in _PLURAL_PRONOUNS or
               any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") for c in s.subtree) for s in doers)


_PLURAL_PRONOUNS = {"we", "they", "both", "all", "us", "them"}


def _reported(st: _Context, tok: Token) -> bool:
    """The trigger stands in the content clause of a verb of saying that is no event itself
    ("he said the rival ignores the law"): reported content, coded with less confidence."""
    if tok.dep_ == "conj" and tok.head.dep_ == "ccomp" and _expletive_only(tok.head):
        return False  # "said there was X and urged Y": the urging is joined to the saying
    t, steps = tok, 0
    if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        t = tok.head  # "claiming the election was stolen": a noun is in the clause of its verb
        if t.lemma_.lower() in words.SAY_VERBS and t.lemma_.lower() != "report":
            return True  # the parser makes it the object of "claiming" itself
    while t.dep_ in ("ccomp", "conj", "xcomp") and t.head != t and steps < 4:
        t, steps = t.head, steps + 1
        e = st.chosen.get(t.i)
        if t.dep_ != "conj" and e is not None and e.has("speech") and e.category is None:
            return True
        if t.pos_ == "VERB" and t.lemma_.lower() in words.SAY_VERBS:
            return True
    return False


# verbs by which a speaker puts a charge forward; "believe", "think" and a news outlet's
# "report" hold a view or relay one, which accuses nobody
# verbs that put a deed forward as the speaker's contested charge, not as a report ("claimed X
# attacked", as against "said X attacked"): rows flagged allegeaccuse become the speaker's ACCUSE
_ALLEGE_VERBS = frozenset({"claim", "allege", "contend", "charge"})
_CLAIM_VERBS = {"say", "claim", "allege", "argue", "insist", "state", "assert", "contend", "maintain",
                "charge", "complain", "write", "tell", "add", "stress", "note", "declare",
                # a court's or an inquiry's finding: "the judge determined X had violated the deal"
                "determine", "conclude", "find", "rule"}


def _claimed_by(st: _Context, d: _Draft, verbs: frozenset[str] | set[str] | None = None) -> bool:
    """'Russia said Ukraine violated the ceasefire', 'a motion claiming the decree violated
    rights': the violation is only what a speaker says; the act the text reports is the
    speaker's accusation (PLOVER ACCUSE: accuse, criticise) of the violator. Rows flagged
    ``claimaccuse`` (defying a law or a truce) are recoded so when a speaker can be found."""
    t, steps = d.anchor, 0
    while t.dep_ in ("ccomp", "conj") and t.head != t and steps < 4:
        t, steps = t.head, steps + 1
        e = st.chosen.get(t.i)
        if e is not None and e.category is not None:
            return False  # an event word's content ("accused X of violating") is that event's
        if t.pos_ == "VERB" and t.lemma_.lower() in (verbs or _CLAIM_VERBS) and not t.lemma_.lower() == "report":
            break
    else:
        return False
    speakers = subject_tokens(t)
    if t.dep_ == "acl" and t.head.pos_ == "NOUN" and not any(st.capable(s) for s in speakers):
        # "filed a motion claiming ...": the motion speaks for whoever filed it
        speakers = subject_tokens(t.head.head) if t.head.head.pos_ == "VERB" else []
    speakers = [s for s in speakers if st.capable(s)]
    if not speakers:
        return False
    sayers = _uniq(k for s in speakers for k in st.np_keys(s))
    d.recipients = _uniq([k for k in d.actors if k not in sayers])
    d.actors = sayers
    d.category, d.mode = "ACCUSE", None
    d.families.add("accuse")
    return True


def _reporting_heads(tok: Token) -> list[Token]:
    """Verbs above a trigger whose date is the event's when it has none of its own: the reporting
    verb ("X said on Friday he may declare ..."), the verb an event noun hangs on ("joined the
    talks on Monday"), the first of conjoined verbs ("flew to X on Monday and visited ...")."""
    out: list[Token] = []
    t, steps = tok, 0
    if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and t.head.pos_ in ("VERB", "AUX"):
        t = t.head
        out.append(t)
    while (t.dep_ in ("ccomp", "xcomp", "conj") or _participle_clause(t)) and t.head != t and steps < 4:
        t, steps = t.head, steps + 1
        if t.pos_ in ("VERB", "AUX"):
            out.append(t)
    return out


def _participle_clause(t: Token) -> bool:
    """'appeared in court yesterday, charged with murder': a participle clause shares the time
    and place of the verb it hangs on."""
    return t.dep_ == "advcl" and t.tag_ in ("VBN", "VBG") and not any(c.dep_ == "mark" for c in t.children)
