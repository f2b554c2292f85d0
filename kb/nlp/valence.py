"""How good or bad a word makes what it is said of: the valence of words, for verdicts in speech.

The table is VADER's (vaderSentiment 3.3.2, MIT): some 7,200 English words, each with the mean of
ten raters' scores from -4 (most negative) to +4 (most positive), kept in ``data/reference`` as
``valence.tsv`` (built by ``build_valence.py``, licence in ``valence_LICENSE.md``), with
``valence_extra.tsv`` (kept by hand) for the verdicts of political and legal speech that VADER
lacks ("unconstitutional", "null and void") or rates by another sense ("tested positive"); an
entry there wins, and one with a part of speech applies to that part of speech only ("the right
decision", not "human rights").

:func:`phrase_valence` gives the verdict a phrase carries, with VADER's two simple corrections:
an intensifier ("deeply unfair") adds 0.293 away from zero, and a negation turns praise into
reproach ("not fair" is a little more negative than "fair" is positive: ``NEGATED_PRAISE``) and
takes a reproach back ("not bad" praises nobody: 0). One dict lookup per word looked at; read once per process.
"""
from __future__ import annotations

import math
from functools import lru_cache

from spacy.tokens import Token

from . import words
from .plover import _rows

VALENCE_FILE = "valence.tsv"
EXTRA_FILE = "valence_extra.tsv"
BOOST = 0.293  # VADER's B_INCR: what an intensifier adds
# a negated praise word said of a party is a reproach ("the plan is not fair"): as strong as the
# praise, and the negation weighs as an intensifier does (VADER scales it down instead, which
# reads "not fair" as mild; a speaker who states it of a named party accuses)
NEGATED_PRAISE = BOOST


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """(word -> valence, (word, POS) -> valence): VADER's words with the hand-kept ones over them."""
    anypos = {r["word"]: float(r["valence"]) for r in _rows(VALENCE_FILE)}
    bypos: dict[tuple[str, str], float] = {}
    for r in _rows(EXTRA_FILE):
        pos = r.get("pos") or "-"
        if pos == "-":
            anypos[r["word"]] = float(r["valence"])
        else:
            bypos[(r["word"], pos)] = float(r["valence"])
    return anypos, bypos


def word_valence(tok: Token) -> float | None:
    """The valence of one word (its form, then its lemma), None when the tables lack it. Names
    carry none ("Justice Party", "Mr Hope")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") or tok.pos_ == "PROPN":
        return None
    anypos, bypos = tables()
    joined = _hyphenated(tok)
    if joined is not None:
        # "anti-democratic" is three tokens to the tagger; the word judges, its last part may praise
        v = anypos.get(joined)
        if v is not None:
            return v
    low, lemma = tok.lower_, tok.lemma_.lower()
    for key in ((low, tok.pos_), (lemma, tok.pos_)):
        if key in bypos:
            return bypos[key]
    for w in (low, lemma):
        if w in anypos:
            return anypos[w]
    return None


def _hyphenated(tok: Token) -> str | None:
    """The whole hyphenated word a token is the last part of ("anti-democratic"), lower-cased;
    None when it stands alone."""
    doc, i = tok.doc, tok.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return None
    start = i - 2
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
        start -= 2
    return doc[start:i + 1].text.lower()


_MOD_DEPS = ("amod", "compound", "acomp", "advmod", "nmod")


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" or c.dep_ == "advmod" and c.lower_ == "never"
               for c in tok.children)


def phrase_valence(head: Token, negated: bool = False) -> float:
    """The verdict a predicate phrase carries ("unfair", "a shocking ignorance of X", "an act of
    barbarity", "unwelcome and inappropriate", "not fair"): the strongest valence among its head,
    the head's modifiers, the nouns of its "of" chain and its conjuncts; 0 when none has any.
    ``negated``: the clause around the phrase is negated ("it was not fair")."""
    best, best_tok = 0.0, None
    seen = 0
    stack = [head]
    while stack and seen < 12:
        t = stack.pop()
        seen += 1
        v = word_valence(t)
        if v is not None and abs(v) > abs(best):
            best, best_tok = v, t
        for c in t.children:
            if c.dep_ in _MOD_DEPS and c.pos_ in ("ADJ", "NOUN", "VERB", "ADV") and c.lower_ not in words.INTENSIFIERS:
                stack.append(c)
            elif c.dep_ in ("conj", "appos") and t is head:
                stack.append(c)  # "a giant, a man of enormous courage": the apposition restates it
            elif c.dep_ == "prep" and c.lower_ == "of" and t.pos_ == "NOUN":
                stack += [p for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
    if best_tok is None:
        return 0.0
    if any(c.dep_ == "advmod" and c.lower_ in words.INTENSIFIERS for c in (best_tok, head) for c in c.children):
        best += BOOST if best > 0 else -BOOST
    if negated or _negated(head) or best_tok is not head and _negated(best_tok):
        best = -(best + NEGATED_PRAISE) if best > 0 else 0.0
    return best


def meets(value: float, threshold: float) -> bool:
    """A negative threshold asks for a value at most it, a positive one for a value at least it."""
    return value <= threshold if threshold < 0 else value >= threshold


# VADER's constants: a negated word keeps this share of its valence, turned round (N_SCALAR), and
# the sum is normalised by sqrt(sum^2 + ALPHA)
N_SCALAR = 0.74
ALPHA = 15.0


def clause_valence(tokens: list[Token]) -> float:
    """The valence of a whole statement in [-1, 1], VADER's compound score without its
    punctuation and capitals rules: the sum of its words' valences, a word negated (or the
    predicate of a negated verb: "that's not okay") turned round at N_SCALAR, normalised
    by sqrt(sum^2 + ALPHA). Names carry none (:func:`word_valence`)."""
    total = 0.0
    for t in tokens:
        v = word_valence(t)
        if v is None:
            continue
        if _negated(t) or t.dep_ in ("acomp", "attr", "dobj", "xcomp") and _negated(t.head):
            v = -N_SCALAR * v
        total += v
    return total / math.sqrt(total * total + ALPHA)
