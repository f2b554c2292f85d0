"""Quote extraction on the real spaCy pipeline (loaded once for the module)."""
from __future__ import annotations

import pytest

from kb.nlp.quotes import extract_quotes, quote_spans
from nlpkit import doc_entities, name_of, nlp_fixture

nlp = nlp_fixture()

# The body of the seed article (russia-venezuela-deals-2024-11-08), copied so the test stands alone.
SEED = """\
Venezuela and its most powerful ally Russia signed agreements Thursday on intelligence-gathering and counter-espionage, as well as energy cooperation, during a visit by a senior Kremlin official to Caracas.

Russian Deputy Prime Minister Dmitry Chernyshenko told Venezuelan Vice President Delcy Rodriguez that his country stood ready to support Venezuela's armed forces with "the most sophisticated weapons and military equipment," according to remarks translated by Venezuelan state TV.

The two countries agreed to cooperate in areas including "intelligence and counter-espionage issues," the use of drones and petroleum exploration technology, the moderator of the talks said.

Later, in a ceremony at the Miraflores Palace, President Nicolas Maduro said the 17 agreements would "seal and strengthen the path of union and cooperation" between Venezuela and Russia "from now until 2030 and beyond."

Russia is one of the few countries to have recognized leftist Maduro's claim to have won a third consecutive term in the July 28 election, which was disputed by the opposition and later saw widespread protests break out.
"""


def run(nlp, text):
    doc = nlp(text)
    ents = doc_entities(doc)
    quotes = extract_quotes(doc, ents)
    sents = list(doc.sents)
    for q in quotes:  # invariants every record keeps
        assert doc.text[q.start:q.end] == q.text
        assert q.text == q.text.strip()
        assert not q.text.startswith(('"', "“")) and not q.text.endswith(('"', "”"))
        assert 0 <= q.sentence_index < len(sents)
        assert sents[q.sentence_index].start_char <= q.start < sents[q.sentence_index].end_char
    return doc, ents, quotes


def find(quotes, ents, words):
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote contains {words!r}: {[q.text for q in quotes]}"
    return hits[0], name_of(ents, hits[0].speaker_key)


# ---------------------------------------------------------------- quote marks, no model


def test_quote_spans_pair_straight_and_curly_marks():
    text = 'He said "one two" and “three four”.'
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ["one two", "three four"]


def test_quote_span_left_open_ends_at_the_line_break():
    text = 'She said, "first paragraph\n"second paragraph."'
    spans = quote_spans(text)
    assert [text[s:e] for s, e, _, _ in spans] == ["first paragraph", "second paragraph."]
    assert spans[0][3] is False and spans[1][3] is True


def test_closing_mark_with_nothing_open_starts_at_the_line():
    text = "no quote here\ncontinued words.\" Then more"
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ["continued words."]


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed(nlp):
    return run(nlp, SEED)


def test_seed_quote_after_told_belongs_to_the_subject_of_told(seed):
    _, ents, quotes = seed
    q, speaker = find(quotes, ents, "the most sophisticated weapons and military equipment")
    assert speaker == "Dmitry Chernyshenko"
    assert q.cue == "tell"
    assert q.text == "the most sophisticated weapons and military equipment"  # no comma, no marks


def test_seed_two_fragments_of_one_sentence_share_the_speaker(seed):
    doc, ents, quotes = seed
    first, s1 = find(quotes, ents, "seal and strengthen the path of union and cooperation")
    second, s2 = find(quotes, ents, "from now until 2030 and beyond")
    assert s1 == s2 == "Nicolas Maduro"
    assert first.cue == second.cue == "say"
    assert first.sentence_index == second.sentence_index
    assert "Maduro said" in list(doc.sents)[first.sentence_index].text


def test_seed_unnamed_speaker_gives_none(seed):
    _, ents, quotes = seed
    q, speaker = find(quotes, ents, "intelligence and counter-espionage issues")
    assert speaker is None and q.cue == "say"


def test_seed_no_quote_from_sentences_without_speech(seed):
    doc, _, quotes = seed
    for words in ("signed agreements", "one of the few countries"):
        at = doc.text.index(words)
        assert not [q for q in quotes if q.start <= at < q.end]
    assert len(quotes) == 4


# ---------------------------------------------------------------- direct quotes


def test_pronoun_speaker_is_the_last_person_named(nlp):
    _, ents, quotes = run(
        nlp,
        'Emmanuel Macron arrived in Berlin on Monday. "This is a historic day for Europe," he said.',
    )
    q, speaker = find(quotes, ents, "This is a historic day for Europe")
    assert speaker == "Emmanuel Macron" and q.cue == "say"


def test_inverted_said_with_apposition(nlp):
    _, ents, quotes = run(
        nlp,
        '"We will not accept these sanctions," said Maria Zakharova, a spokeswoman for the Russian '
        "Foreign Ministry.",
    )
    _, speaker = find(quotes, ents, "We will not accept these sanctions")
    assert speaker == "Maria Zakharova"


def test_quote_across_a_sentence_boundary_is_one_record(nlp):
    doc, ents, quotes = run(
        nlp,
        'Vinnie DeVita watched from the roadside. "Within seconds it exploded. I mean, just a ball of '
        'flames," DeVita told reporters.',
    )
    q, speaker = find(quotes, ents, "Within seconds it exploded")
    assert "just a ball of flames" in q.text
    assert speaker == "Vinnie DeVita" and q.cue == "tell"


def test_according_to_names_the_speaker(nlp):
    _, ents, quotes = run(
        nlp,
        '"The airline transports weapons and fighters across the region," according to a statement by '
        "Mike Pompeo.",
    )
    q, speaker = find(quotes, ents, "The airline transports weapons")
    assert speaker == "Mike Pompeo" and q.cue == "according"


def test_curly_quotes(nlp):
    _, ents, quotes = run(
        nlp, "Jacinda Ardern said “our gun laws will change” after the attack in Christchurch."
    )
    q, speaker = find(quotes, ents, "our gun laws will change")
    assert speaker == "Jacinda Ardern" and q.text == "our gun laws will change"


def test_unattributed_quote_continues_the_previous_speaker(nlp):
    _, ents, quotes = run(
        nlp,
        '"We were absolutely flabbergasted," Vlada Stamenkovic told Wikinews. "I went back to '
        'recalculate everything five different times."',
    )
    _, speaker = find(quotes, ents, "recalculate everything five different times")
    assert speaker == "Vlada Stamenkovic"


def test_scare_quotes_are_not_quotes(nlp):
    _, _, quotes = run(nlp, 'Reports on the weapon used vary between a knife and a "sharp tool".')
    assert quotes == []


# ---------------------------------------------------------------- reported speech


def test_said_in_a_statement_that(nlp):
    _, ents, quotes = run(
        nlp, "Angela Merkel said in a statement that Germany would send more aid to the region next year."
    )
    q, speaker = find(quotes, ents, "Germany would send more aid to the region")
    assert speaker == "Angela Merkel" and q.cue == "say"
    assert not q.text.startswith("that ")


def test_told_reporters_that(nlp):
    _, ents, quotes = run(nlp, "Boris Johnson told reporters that the government would not delay the vote again.")
    q, speaker = find(quotes, ents, "the government would not delay the vote again")
    assert speaker == "Boris Johnson" and q.cue == "tell"


def test_no_reported_speech_without_a_named_speaker(nlp):
    _, _, quotes = run(nlp, "Officials said the bridge would reopen soon after repairs are completed.")
    assert quotes == []


def test_no_reported_speech_for_a_tiny_clause(nlp):
    _, _, quotes = run(nlp, "Joe Biden said no. Joe Biden said it was fine.")
    assert quotes == []


def test_no_quote_without_reporting_verb_or_marks(nlp):
    _, _, quotes = run(nlp, "Joe Biden visited Paris on Tuesday and met Emmanuel Macron at the Elysee Palace.")
    assert quotes == []


def test_surname_the_tagger_missed_joins_the_person_named_before(nlp):
    text = 'Nancy Pelosi was elected Speaker. "This Congress will be transparent," Pelosi told the public.'
    doc = nlp(text)
    ents = doc_entities(doc)
    later = next(t for t in doc if t.text == "Pelosi" and t.i > 3)
    ents.by_token.pop(later.i, None)  # as if the tagger had not seen a name there
    quotes = extract_quotes(doc, ents)
    _, speaker = find(quotes, ents, "This Congress will be transparent")
    assert speaker == "Nancy Pelosi"


def test_quote_after_a_colon_belongs_to_the_subject_before_it(nlp):
    _, ents, quotes = run(
        nlp,
        'Former CIA deputy director Michael Morell praised Mendez on Twitter: "Tony was one of the best '
        'officers to ever serve at CIA."',
    )
    q, speaker = find(quotes, ents, "Tony was one of the best officers")
    assert speaker == "Michael Morell" and q.cue == "praise"


def test_a_named_speaker_in_the_sentence_after_a_closed_quote_speaks_it(nlp):
    # the quote ends with "!" and its close, so "Anna Berg told ..." is a sentence of its own:
    # with no clause of its own it only says who spoke; with one it is a statement of its own
    _, ents, quotes = run(
        nlp,
        'The mayor of Dorvik spoke on Monday.\n\n"Our river is rising. Literally. Members of the council, let us '
        'meet on this first!" Anna Berg told the town on Monday via radio.',
    )
    _, speaker = find(quotes, ents, "Our river is rising")
    assert speaker == "Anna Berg"
    _, ents, quotes = run(
        nlp,
        'The mayor of Dorvik spoke on Monday.\n\n"We will rebuild the bridge before winter comes to the valley." '
        "Anna Berg said the plan would cost millions.",
    )
    _, speaker = find(quotes, ents, "We will rebuild the bridge")
    assert speaker is None
