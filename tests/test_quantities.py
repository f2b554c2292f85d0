"""Quantity extraction on the real spaCy pipeline (loaded once for the module)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.nlp.quantities import extract_quantities
from nlpkit import load_nlp, nlp_fixture

nlp = nlp_fixture()

SEED = """\
Later, in a ceremony at the Miraflores Palace, President Nicolas Maduro said the 17 agreements would "seal and strengthen the path of union and cooperation" between Venezuela and Russia "from now until 2030 and beyond."

Russia is one of the few countries to have recognized leftist Maduro's claim to have won a third consecutive term in the July 28 election, which was disputed by the opposition and later saw widespread protests break out.

Caracas drew closer to Moscow under socialist leader Hugo Chavez, who led the country on a hard-left, anti-U.S. platform from 1999 until his death from cancer in 2013.

Venezuela has the world's largest proven oil reserves and once produced more than three million barrels a day of oil — long its only notable foreign currency earner.

Following years of mismanagement and crushing sanctions, output has dropped to around one million barrels.
"""


def run(nlp, text):
    doc = nlp(text)
    found = extract_quantities(doc)
    sents = list(doc.sents)
    for q in found:
        assert doc.text[q.start:q.end] == q.text
        assert sents[q.sentence_index].start_char <= q.start < sents[q.sentence_index].end_char
    return found


def pairs(found):
    return [(q.value, q.unit) for q in found]


def test_seed_quantities(nlp):
    found = run(nlp, SEED)
    got = pairs(found)
    assert (17, "agreements") in got
    assert (3_000_000, "barrels") in got
    assert (1_000_000, "barrels") in got
    agreements = next(q for q in found if q.unit == "agreements")
    assert agreements.text == "17 agreements"
    # years, dates and ordinals are not quantities
    values = {q.value for q in found}
    assert not values & {2030, 1999, 2013, 28, 3}
    assert all("third" not in q.text for q in found)


def test_money_and_percent(nlp):
    got = pairs(run(nlp, "The company paid $50,000 and gave up 12 percent of its shares."))
    assert (50_000, "USD") in got
    assert (12, "percent") in got


def test_money_words_and_multipliers(nlp):
    got = pairs(run(nlp, "The ministry will spend €1.5 billion on roads and 300 million rubles on schools."))
    assert (1.5e9, "EUR") in got
    assert (3e8, "RUB") in got


def test_percent_sign(nlp):
    assert (52, "percent") in pairs(run(nlp, "About 52% of voters backed leaving."))


def test_counted_nouns_and_number_words(nlp):
    got = pairs(run(nlp, "The two countries sent twenty-five soldiers, a dozen doctors and two dozen nurses."))
    assert (2, "countries") in got
    assert (25, "soldiers") in got
    assert (12, "doctors") in got
    assert (24, "nurses") in got


def test_vague_plurals_are_skipped(nlp):
    assert run(nlp, "Dozens of people died and hundreds of thousands fled the city.") == []


def test_no_quantity_from_a_year(nlp):
    assert run(nlp, "He led the party in 2013.") == []
    assert run(nlp, "The 2024 election was disputed.") == []


def test_ordinals_are_skipped(nlp):
    assert run(nlp, "She won a third term and finished first in the race.") == []


def test_a_measure(nlp):
    got = pairs(run(nlp, "The recorder was found under eight metres of mud."))
    assert (8, "metres") in got


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text):
    model = load_nlp()
    if model is None:  # pragma: no cover - the fixture skips these modules without a model
        return
    doc = model(text)
    for q in extract_quantities(doc):
        assert doc.text[q.start:q.end] == q.text
        assert isinstance(q.value, float)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from(
            ["more", "than", "three", "million", "hundred", "and", "twenty", "-", "five", "$", "12",
             "1,000", "2.5", "percent", "%", "barrels", "a", "dozen", "dozens", "to", "5m", "euros",
             "2013", "in", "the", "people", "of", "US$300", "billion", ",", "."]
        ),
        max_size=25,
    )
)
def test_never_raises_on_number_soup(words):
    model = load_nlp()
    if model is None:  # pragma: no cover
        return
    doc = model(" ".join(words))
    for q in extract_quantities(doc):
        assert doc.text[q.start:q.end] == q.text
