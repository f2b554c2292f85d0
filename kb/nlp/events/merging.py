"""Merging: triggers of one happening in a sentence, and mentions of one happening across a document."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ...records import EventMentionRec, EventRec
from .. import trigger_classifier
from ..docinfo import sentence_of
from .confidence import _confidence
from .parse import _HAPPEN_VERBS, _depth, _is_to_infinitive, _uniq, is_passive, objects, subject_tokens
from .participants import _keys, _object_keys, _others, _prep_recipients
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: context imports these modules
    from .context import _Context, _Draft


# ---- merging ----------------------------------------------------------------------------------
def _related(a: _Draft, b: _Draft) -> bool:
    """b's trigger hangs under a's (or they are conjoined), within a few steps."""
    ta, tb = a.anchor, b.anchor
    t, steps = tb, 0
    while t.head != t and steps < 5:
        t, steps = t.head, steps + 1
        if t.i in a.tokens or t == ta:
            return True
        if ta.head == t and ta.dep_ in ("nsubj", "csubj"):
            return True  # "the attack left 42 people dead": the subject of the clause b is in
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
            if a.category == d.category == "ASSAULT" and (_setting_of(a, d) or _setting_of(d, a)):
                # "six villagers were killed in the attack": the clause counts the victims of an
                # attack it names only as their setting (told, or to be told, on its own): the
                # killing is their deaths (the annotation convention: deaths are a DEATH of their
                # own beside the attack), and the attack noun stays a mention of the attack
                victim = a if _setting_of(a, d) else d
                victim.category, victim.mode = "DEATH", None
                victim.actors, victim.recipients = _uniq(victim.recipients + victim.actors), []
                if victim is d:
                    out.append(d)
                merged = True
                break
            # one happening told by two triggers, never two told apart by their own negation,
            # date or place ("shelled the town on Monday and attacked it again on Tuesday"); two
            # counts in one sentence are of different victims of one act ("killed 22 and injured 24")
            if a.category == d.category and (_related(a, d) or _related(d, a)) and not _distinct(a, d, counts=False):
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
                if victim.count is not None or _vague_toll(victim):
                    # a toll is a happening of its own ("the attack killed 42"): the attack and,
                    # beside it, the deaths with their count, date and place; an attack named
                    # only as the deaths' setting ("five died in last night's attack") is a
                    # mention of the attack, whose own toll this part of it need not be
                    if not _in_setting(victim, attack):
                        attack.count = attack.count or victim.count
                    victim.date = victim.date or attack.date
                    victim.location_key = victim.location_key or attack.location_key
                    if victim is a:
                        out.append(attack)
                    else:
                        out.append(victim)
                elif victim is a:
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
    out += [death for d in out if (death := _victims_death(st, d, out)) is not None]
    for d in out:
        d.weak = (d.trigger.pos_ == "NOUN" and d.entry.has("weak") and d.date is None and d.count is None
                  and not d.actors and not d.recipients and not _happens(d.trigger)) or _generic_elections(d)
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


def _victims_death(st: _Context, d: _Draft, out: list[_Draft]) -> _Draft | None:
    """'X killed Y', 'Y was murdered', 'the gunman killed 22': the annotation conventions code the
    attack as an ASSAULT and the deaths it caused as a DEATH of their own (PLOVER's DEATH
    extension: a death of any cause), with the victims named as people, or else the toll, and
    the attack's date and place. None when the sentence tells the deaths itself ("... killed
    two; both died in hospital"), the killing is not told as done, or it names neither victims
    nor a toll ("killed civilians" is the attack's detail, no toll to count)."""
    if d.category != "ASSAULT" or not d.entry.has("victimdeath") or d.negated or _unsure(d) or d.question \
            or any(o.category == "DEATH" for o in out):
        return None
    victims = [k for k in d.recipients if st.is_person([k])]
    # the toll is the killing's own number ("killed 22", "eight were murdered"), not one another
    # verb of the sentence gave the attack ("killed a woman and injured nineteen others")
    toll = d.count if any(o.like_num or any(c.dep_ == "nummod" for c in o.children)
                          for o in objects(d.anchor)) else None
    if not victims and toll is None:
        return None
    return replace(d, category="DEATH", mode=None, actors=victims, recipients=[], groups=set(d.groups),
                   count=None if victims else toll, families={"die"}, tokens=set(d.tokens),
                   nouns=list(d.nouns), wrappers=list(d.wrappers), extra_mentions=[], local_actor=False)


def _generic_elections(d: _Draft) -> bool:
    """'the parties use primary elections to select their nominees', 'senators face elections
    every six years': a bare plural election noun with no date of its own speaks of elections in
    general, not of one held (the ELECTION extension records a vote held, won or fixed)."""
    t = d.trigger
    return d.category == "ELECTION" and t.pos_ == "NOUN" and t.tag_ == "NNS" and d.date is None \
        and not _happens(t) and not any(c.dep_ in ("det", "poss", "nummod") for c in t.children)


def _in_setting(victim: _Draft, attack: _Draft) -> bool:
    """The attack noun is the "in"/"during" phrase of the verb that tells the deaths ("died in the
    attack", "were killed during the raid"): the setting of the deaths, not their sentence's act."""
    n = attack.anchor
    return n.pos_ == "NOUN" and n.dep_ == "pobj" and n.head.lower_ in ("in", "during") and n.head.head == victim.anchor


def _setting_of(verb: _Draft, noun: _Draft) -> bool:
    """A passive killing with no doer ("were killed") whose "in" phrase names an attack the reader
    already knows: a definite or possessed noun ("in the attack", "in Monday's bombing") refers
    back to an attack told elsewhere, so the clause adds its victims; "were killed in a bomb
    attack" (indefinite) tells the attack itself, which is then the one ASSAULT."""
    v, n = verb.anchor, noun.anchor
    known = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in n.children)
    return v.pos_ == "VERB" and verb.entry.has("deathifnoagent") and is_passive(v) and known \
        and not any(c.dep_ == "agent" for c in v.children) and _in_setting(verb, noun)


# plural numbers with no figure: "dozens died in the attack" is a toll all the same
_VAGUE_TOLLS = frozenset({"dozens", "hundreds", "thousands", "scores", "tens"})


def _vague_toll(victim: _Draft) -> bool:
    """The deaths are counted, if without a figure ("dozens died", "hundreds were killed"): a toll
    of their own beside the attack, as a numbered one is."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.lower_ in _VAGUE_TOLLS
               for t in [victim.anchor] + victim.nouns for c in t.children)


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


def _distinct(a: _Draft, b: _Draft, counts: bool = True) -> bool:
    """Two mentions that cannot be one happening: one negated and one not ("protests are not
    reported in A" beside "protests began in B"), or different dates, places or counts."""
    if a.negated != b.negated:
        return True
    if a.date is not None and b.date is not None and a.date.iso != b.date.iso:
        return True
    if a.location_key is not None and b.location_key is not None and a.location_key != b.location_key:
        return True
    return counts and a.count is not None and b.count is not None and a.count != b.count


def _unsure(d: _Draft) -> bool:
    """Told as possible, conditional or intended, not as done: "X would consider charging him"
    is not the same happening as "prosecutors charged him", as a denial is not."""
    return d.hypothetical or d.possible or d.intent or d.conditional


def _crossed(a: _Draft, b: _Draft) -> bool:
    """Two acts with different doers that share a party only across sides ("A called for X";
    later "B asked A to be patient"): the one acted upon in one is the doer of the other, so
    they are two happenings, not one told twice."""
    if not a.actors or not b.actors or set(a.actors) & set(b.actors):
        return False
    return bool(set(a.actors) & set(b.recipients) or set(b.actors) & set(a.recipients))


def _group_and_named(st: _Context, a: _Draft, b: _Draft) -> bool:
    """'political prisoners arrested during the campaign' and 'her husband X, who was arrested in
    May': one act told of an unnamed group (a plural common noun undergoes it) and one told of
    named parties are two reports, not one told twice; nothing in the text makes X one of the group."""
    def group_only(d: _Draft) -> bool:
        if d.actors or d.recipients or d.anchor.pos_ != "VERB":
            return False
        # a counted group ("four or more people are killed") is a toll or a definition, told
        # of the happening already named, not a group of its own
        return any(o.tag_ == "NNS" and not st.ents.keys_at(o) and not any(c.dep_ == "nummod" for c in o.children)
                   for o in objects(d.anchor))
    def named(d: _Draft) -> bool:  # a party named by name: a place where it happened is none
        return any(not st.is_place(k) for k in d.actors + d.recipients)
    return bool(group_only(a) and named(b) or group_only(b) and named(a))


def _other_people(st: _Context, a: _Draft, b: _Draft) -> bool:
    """'The governor pardoned A. ... The governor pardoned B.': one doer, but the acts reach
    different named people, so they are two happenings (the pardon of A is not the pardon of B),
    not one told twice. Only for people: a place or a country can be a part or the whole of
    another ("attacked Ukraine" and "the attack on Kyiv")."""
    ra, rb = set(a.recipients), set(b.recipients)
    return bool(ra and rb and not ra & rb and st.is_person(list(ra)) and st.is_person(list(rb)))


def _two_sayings(st: _Context, a: _Draft, b: _Draft) -> bool:
    """'Pelosi pledged ... Pelosi had agreed to support ...', 'X asked A ... X encouraged B to ...':
    a verbal act (PLOVER's verbal quad classes) told by a different verb in another sentence, aimed
    at no one the first one is, is another thing said, not the same one told again; a retelling
    takes up the act by its noun ("the pledge") or names the same party. Two verbs of saying with
    different speakers are two sayings whoever they address."""
    cat = st.cats.get(a.category)
    if cat is None or not cat.verbal or a.sentence_index == b.sentence_index:
        return False
    if a.anchor.pos_ != "VERB" or b.anchor.pos_ != "VERB":
        return False
    if a.actors and b.actors and not set(a.actors) & set(b.actors):
        return True  # "A asked the embassy ...", later "B urged the embassy ...": two speakers
    return a.anchor.lemma_ != b.anchor.lemma_ and not set(a.recipients) & set(b.recipients)


def _stronger(d: _Draft, than: _Draft) -> bool:
    def rank(x: _Draft) -> tuple:
        return (not x.quoted, x.anchor.pos_ == "VERB")
    return rank(d) > rank(than)


_OTHER_INSTANCE = frozenset({"separate", "different", "another"})


def _another(d: _Draft) -> bool:
    """'another judge sentenced him', 'in a separate case for which he was sentenced': the text
    marks this act as a second instance of its kind (det "another", "separate"/"different" on the
    act's noun, its doer, what it is done to, or the noun its clause belongs to), so it is not
    a retelling of the one told before."""
    t = d.anchor
    nodes = [t] + [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    h = t
    for _ in range(2):
        if h.head is h or h.dep_ not in ("relcl", "acl", "pobj", "prep", "pcomp"):
            break
        h = h.head
        nodes.append(h)
    return any(c.dep_ in ("det", "amod") and c.lower_ in _OTHER_INSTANCE for n in nodes for c in n.children)


def _merge_document(st: _Context, drafts: list[_Draft]) -> list[EventRec]:
    kept: list[_Draft] = []
    for d in drafts:
        target = None
        for a in reversed(kept):
            if a.category != d.category or not (a.families & d.families):
                continue
            if _distinct(a, d) or _unsure(a) != _unsure(d) or _another(d) and not _another(a):
                continue
            pa, pb = set(a.actors) | set(a.recipients), set(d.actors) | set(d.recipients)
            if ((pa & pb) or not pa or not pb) and not _crossed(a, d) and not _group_and_named(st, a, d) \
                    and not _other_people(st, a, d) and not _two_sayings(st, a, d):
                target = a
                break
        if target is not None:
            if _stronger(d, target):
                # the record shows its best evidence: a verb over a noun, the writer's report
                # over a quoted mention ("visited Ireland" over '"... my visit"')
                kept[kept.index(target)] = d
                d.extra_mentions = target.extra_mentions
                target.extra_mentions = []
                target, d = d, target
            _absorb(target, d)
            target.extra_mentions.append(d)
        elif not d.weak:
            kept.append(d)
    for d in kept:
        _fill_from_story(d)
    _classify(kept)
    return [_record(st, d) for d in kept]


def _classify(drafts: list[_Draft]) -> None:
    """The trained classifier's P(event) for each event (see kb.nlp.trigger_classifier), in one
    batch per document; none when it is switched off or absent. An event told more than once
    takes its most confident mention: one clear report of a happening is enough."""
    if not drafts or not trigger_classifier.enabled():
        return
    nlp = trigger_classifier.load()
    if nlp is None:
        return
    items, owner = [], []
    for n, d in enumerate(drafts):
        for m in [d] + d.extra_mentions:
            sent = sentence_of(m.trigger)
            a = m.trigger.idx - sent.start_char
            items.append((sent.text, a, a + len(m.trigger.text), m.category))
            owner.append(n)
    best: dict[int, float] = {}
    for n, p in zip(owner, trigger_classifier.score(items, nlp=nlp)):
        best[n] = max(best.get(n, 0.0), p)
    for n, d in enumerate(drafts):
        d.trigger_p = best[n]


def _fill_from_story(d: _Draft) -> None:
    """An event none of whose mentions has a date or place takes the story's time and scene where
    it was first told (places._follow_story). Done after merging, so a time or place guessed from
    the story never keeps two mentions of one happening apart."""
    for m in [d] + d.extra_mentions:
        if d.date is None and m.ref_date is not None:
            d.date = m.ref_date
            d.date_inherited = True
            d.date_from_story = True
        if d.location_key is None and m.ref_place is not None:
            d.location_key = m.ref_place


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
        date_from_story=d.date_from_story,
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
