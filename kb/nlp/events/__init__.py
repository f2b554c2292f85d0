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

Confidence (0..1) weighs the evidence (:mod:`.confidence`); listings show events at or above
``confidence.DEFAULT_MIN_CONFIDENCE``.

The package: :mod:`.triggers` (the extractor and which words are events), :mod:`.participants`,
:mod:`.modality`, :mod:`.places` (date, count, place), :mod:`.merging`, :mod:`.confidence`,
:mod:`.context` (the shared per-document state) and :mod:`.parse` (parse helpers). Per-category
behaviour lives in ``data/reference/`` (plover_lexicon.tsv, plover_categories.tsv, agent_nouns.tsv).
"""
from .triggers import extract_events

__all__ = ["extract_events"]
