"""The valence table (VADER's words, vaderSentiment 3.3.2, MIT; hand-kept additions) and the
verdict a phrase carries: intensifiers and negation as VADER treats them, simply. Lexicon rows
carry their threshold as data (``@valence<=-1.5``)."""
import pytest

from kb.nlp import plover, valence
from nlpkit import nlp_fixture

nlp = nlp_fixture()


def test_the_table_holds_vaders_words_and_the_additions():
    anypos, bypos = valence.tables()
    assert len(anypos) > 7000
    assert all(-4.0 <= v <= 4.0 for v in anypos.values())
    assert anypos["unfair"] < -1.5 and anypos["praise"] > 1.5
    assert anypos["unconstitutional"] < -1.5  # an addition: VADER lacks it
    assert ("right", "ADJ") in bypos and "right" not in anypos  # "the right decision", not "rights"


def test_the_licence_travels_with_the_table():
    text = plover._reference_text("valence_LICENSE.md")
    assert "MIT License" in text and "C.J. Hutto" in text


def _head(nlp, text, word):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.slow
def test_an_intensifier_strengthens_and_negation_turns_praise_into_reproach(nlp):
    plain = valence.phrase_valence(_head(nlp, "The plan was unfair.", "unfair"))
    strong = valence.phrase_valence(_head(nlp, "The plan was deeply unfair.", "unfair"))
    assert strong < plain < -1.5
    assert valence.phrase_valence(_head(nlp, "The plan was fair.", "fair")) > 0
    assert valence.phrase_valence(_head(nlp, "The plan was fair.", "fair"), negated=True) < 0
    assert valence.phrase_valence(_head(nlp, "The plan was bad.", "bad"), negated=True) == 0.0


@pytest.mark.slow
def test_a_phrase_takes_the_verdict_of_its_modifier_or_of_phrase(nlp):
    assert valence.phrase_valence(_head(nlp, "It showed a shocking ignorance of the law.", "ignorance")) <= -1.5
    assert valence.phrase_valence(_head(nlp, "It was a waste of time.", "waste")) <= -1.5
    assert valence.phrase_valence(_head(nlp, "It was an act of bravery.", "act")) >= 1.5
    assert valence.phrase_valence(_head(nlp, "It was a long meeting.", "meeting")) == 0.0


def test_a_row_carries_its_threshold_as_data():
    (need,) = plover.parse_needs("comppred=@valence<=-1.5")
    assert need.kind == "comppred" and need.valence == -1.5 and need.words == frozenset()
    (need,) = plover.parse_needs("pobj=as:@valence>=2|hero")
    assert need.valence == 2.0 and need.words == frozenset({"hero"}) and need.prep == "as"
    with pytest.raises(ValueError):
        plover.parse_needs("comppred=@valence>=-1.5")  # a negative threshold is an upper bound
    with pytest.raises(ValueError):
        plover.parse_needs("obj=@valence<=-1.5")
