"""Quote rules for news layout: quotes over several paragraphs, pronoun speakers resolved by the
entity pass, and stray quote marks that must not turn narration into a quote.

These run the whole entity pass (names, then pronouns) because a speaker written "he"/"she" is
only known once coreference has run. Every text is invented.
"""
from __future__ import annotations

import datetime as dt

from kb.nlp.extract import analyse
from kb.nlp.quotes import quote_spans
from nlpkit import nlp_fixture

nlp = nlp_fixture()


def quotes_of(nlp, text):
    ex = analyse(nlp(text), dt.date(2021, 3, 5))
    names = {e.key: e.name for e in ex.entities}
    return [(names.get(q.speaker_key), q.text) for q in ex.quotes]


def speaker_of(quotes, words):
    hits = [s for s, t in quotes if words in t]
    assert hits, f"no quote holds {words!r}: {quotes}"
    return hits[0]


# ---------------------------------------------------------------- quote marks, no model


def test_second_opener_while_open_makes_the_first_mark_stray():
    # the words between a stray opener and the next real quote are narration
    text = 'She called it a "disaster for farmers and left the hall. "We will appeal," she said.'
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ["We will appeal,"]


def test_opener_like_mark_with_no_closer_after_it_still_closes():
    text = 'He said "the vote was lost "yesterday'
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ["the vote was lost "]


# ---------------------------------------------------------------- with the model


def test_quote_over_three_paragraphs_keeps_its_speaker(nlp):
    # news convention: a paragraph that ends inside a quote has no closing mark, and the next
    # paragraph opens with a mark
    quotes = quotes_of(nlp, '"We will rebuild every house," Maria Lopez said on Monday. "The money is there.\n\n'
                            '"The workers are ready. Nobody will be left behind."\n\nThe council met later.')
    assert speaker_of(quotes, "The workers are ready") == "Maria Lopez"
    assert speaker_of(quotes, "The money is there") == "Maria Lopez"


def test_quote_opening_after_a_sentence_of_talking_is_the_talkers(nlp):
    quotes = quotes_of(nlp, 'Maria Lopez, the mayor, spoke to reporters on Monday. "We will rebuild every house.\n\n'
                            '"The money is there, and the workers are ready."')
    assert speaker_of(quotes, "We will rebuild every house") == "Maria Lopez"
    assert speaker_of(quotes, "the workers are ready") == "Maria Lopez"


def test_he_replies_goes_to_the_person_he_refers_to(nlp):
    quotes = quotes_of(nlp, 'Reporters asked Peter Hansen about the strike. He replies: "We never agreed to '
                            'those terms, and we will not sign them now."')
    assert speaker_of(quotes, "We never agreed") == "Peter Hansen"


def test_subject_pronoun_prefers_the_previous_sentences_subject(nlp):
    # centering: "she" continues the subject, not the person named last
    quotes = quotes_of(nlp, 'Nancy Miles criticised Tom Baker on Monday. "His plan is reckless and it will '
                            'fail," she said.')
    assert speaker_of(quotes, "His plan is reckless") == "Nancy Miles"


def test_pronoun_skips_a_person_of_the_other_gender(nlp):
    # "Mrs" marks Berg as a woman, so "she" cannot be Hansen, the subject before
    quotes = quotes_of(nlp, 'Mrs Anna Berg arrived in Oslo on Sunday. Peter Hansen met Anna Berg on Monday. '
                            'Later she told reporters: "The talks went well and we will meet again soon."')
    assert speaker_of(quotes, "The talks went well") == "Anna Berg"


def test_narration_between_mismatched_marks_is_not_a_quote(nlp):
    quotes = quotes_of(nlp, 'Anna Berg called the plan a "disaster for the farmers and the minister walked out '
                            'of the hall before the vote. "We will fight this in court," she said.')
    assert not [t for _, t in quotes if "walked out" in t]
    assert speaker_of(quotes, "We will fight this in court") == "Anna Berg"


def test_stray_closing_mark_does_not_make_the_line_a_quote(nlp):
    quotes = quotes_of(nlp, "The minister left the hall\u201d and the crowd went home before the vote was "
                            "counted by the officials.")
    assert quotes == []


def test_name_in_apposition_to_the_place_of_a_title_speaks(nlp):
    # the parser hangs "Claire Dubois" on "Lyon", not on "mayor"
    quotes = quotes_of(nlp, 'The mayor of Lyon, Claire Dubois, wrote on Twitter: "Our city is mourning '
                            'tonight after this terrible fire."')
    assert speaker_of(quotes, "Our city is mourning") == "Claire Dubois"


def test_characterized_as_is_a_verb_of_saying(nlp):
    quotes = quotes_of(nlp, 'Carlos Ruiz characterized the meeting with the unions as "constructive and calm."')
    assert speaker_of(quotes, "constructive and calm") == "Carlos Ruiz"


def test_quote_after_by_saying_is_the_main_verbs_subject(nlp):
    quotes = quotes_of(nlp, 'Carlos Ruiz visited the port. He ended the speech by saying "we are ready to '
                            'take more steps towards peace."')
    assert speaker_of(quotes, "we are ready to take more steps") == "Carlos Ruiz"


def test_according_to_wins_over_a_verb_of_saying_with_no_speaker(nlp):
    # "written" is a verb of saying with no subject; the sentence names its source
    quotes = quotes_of(nlp, 'According to prosecutor Ann Lee, the letter if written by the suspect could help '
                            'the case: "The key factor is an intent to coerce a population."')
    assert speaker_of(quotes, "The key factor is an intent") == "Ann Lee"


def test_single_marks_in_a_paragraph_without_double_marks():
    text = "The workers' union called the offer 'a disgrace' and said Johnson's plan 'won't work', she said."
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ["a disgrace", "won't work"]


def test_single_marks_inside_double_quotes_are_not_quotes():
    text = "He said \"they called it 'a disgrace' yesterday\" on Monday."
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ["they called it 'a disgrace' yesterday"]


def test_single_quoted_reply_over_two_paragraphs_goes_to_he(nlp):
    quotes = quotes_of(nlp, "Karl Moss was asked about the strike. He replies: 'The union is united.\n\n"
                            "'We will not back down now, and the members know it.'")
    assert speaker_of(quotes, "The union is united") == "Karl Moss"
    assert speaker_of(quotes, "We will not back down now") == "Karl Moss"
