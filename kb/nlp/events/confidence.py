"""Confidence: how much evidence an event stands on, as a number in [0.05, 0.95].

Each piece of evidence moves the score from 0.5; the weights are the rule strengths below. Then,
when the trained trigger classifier ran (:mod:`kb.nlp.trigger_classifier`: the sentence with the
trigger marked and the type, read by a bag-of-words model trained on hand-labelled candidates),
its probability P that the trigger is an event of that type moves the score by
``CLASSIFIER_STRENGTH * (P - 0.5)``, at most 0.125 either way; an event told several times takes
its most confident mention. So an event the rules put just above the listing threshold (0.60 to
0.72) falls under it when the classifier rejects it (P near 0), and one it accepts rises a little;
the rules' strongest evidence still decides alone. The classifier is off unless
``KB_TRIGGER_CLASSIFIER=on`` (``kb.nlp.trigger_classifier.DEFAULT_ENABLED`` says why). The
listing commands (``kb events``, ``kb ask``) show events at or above
:data:`DEFAULT_MIN_CONFIDENCE` unless told ``--min-confidence X`` or ``--all``; JSON keeps the
number. The default was chosen from precision per confidence band on the tuning half of the
dev gold articles (``bench/event_bands.py``, figures in BENCHMARKS.md).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: context imports these modules
    from .context import _Draft

from ...records import DEFAULT_MIN_CONFIDENCE  # noqa: F401  (the listing threshold, defined where listings read it)

# rule strengths
VERB_TRIGGER = 0.15  # a verb names the act (or a happening verb a noun's: "protests broke out")
BOTH_PARTIES = 0.15  # actor and recipient found
ACTOR_ONLY = 0.05
UNAMBIGUOUS_ROW = 0.10  # lexicon row flagged unamb: the word nearly always means this act
AMBIGUOUS_ROW = -0.10  # flagged amb: often another sense
OWN_DATE = 0.05  # a date on the trigger itself
BARE_NOUN = -0.15  # a noun trigger with no participant at all
UNASSERTED_NOUN = -0.10  # a noun trigger no verb asserts ("the agreement is void", "the murder case")
HYPOTHETICAL = -0.10  # would/could/may, a condition, or negated
ANNOUNCED = -0.05  # will, plans to: not yet done
QUOTED = -0.30  # inside quotation marks: a speaker's words, not the writer's report of an act
REPORTED = -0.05  # the content clause of "said", "claimed": reported content
PER_MENTION = 0.05  # each further mention of the same happening, up to two (of a `thing` noun: asserted ones)
# How far the trained classifier's P(event) moves the score: + STRENGTH * (P - 0.5). Chosen between
# the labelled candidates' held-out articles (F1 at the 0.6 threshold rises with it: 0.70 with the
# rules alone, 0.73 at 0.25, 0.79 at 0.6) and the tune half of the dev gold, where a stronger pull
# costs gold events (F1 0.715 rules, 0.730 at 0.2, 0.724 at 0.25, 0.695 at 0.6). BENCHMARKS.md §9.
CLASSIFIER_STRENGTH = 0.25


def _confidence(d: _Draft) -> float:
    # an event told several times stands on its best-attested mention ("protests filled the
    # streets" beside "followed two weeks of protests"), whichever mention the record shows
    c = max(_evidence(m) for m in [d] + d.extra_mentions)
    # a document named again and again ("the agreement ... the agreement is void") is one topic
    # told often, not a happening confirmed: mentions count only when one of them is asserted
    told = d.extra_mentions if d.asserted else [m for m in d.extra_mentions if m.asserted]
    c += PER_MENTION * min(len(told), 2)
    c = min(0.95, max(0.05, c))
    if d.trigger_p is not None:
        c += CLASSIFIER_STRENGTH * (d.trigger_p - 0.5)
    return round(min(0.95, max(0.05, c)), 2)


def _evidence(d: _Draft) -> float:
    """What one mention's own words and arguments say, before further mentions and the classifier."""
    c = 0.5
    if d.anchor.pos_ == "VERB" or d.happening or d.anchor.pos_ == "ADJ" and d.anchor.dep_ in ("acomp", "oprd") \
            and not d.entry.has("intent"):  # "were confirmed dead": a predicate adjective states a fact
        c += VERB_TRIGGER
    if d.actors and d.recipients:
        c += BOTH_PARTIES
    elif d.actors:
        c += ACTOR_ONLY
    if d.entry.has("unamb"):
        c += UNAMBIGUOUS_ROW
    if d.entry.has("amb"):
        c += AMBIGUOUS_ROW
    if d.date is not None and not d.date_inherited:
        c += OWN_DATE
    if d.anchor.pos_ == "NOUN":
        if not d.actors and not d.recipients and not d.happening and d.count is None:
            c += BARE_NOUN  # "the death toll rose to 22": a count is substance enough
        if not d.asserted:
            c += UNASSERTED_NOUN
    if d.hypothetical or d.negated:
        c += HYPOTHETICAL
    if d.future or d.intent:
        c += ANNOUNCED
    if d.quoted:
        c += QUOTED
    if d.reported:
        c += REPORTED
    return c
