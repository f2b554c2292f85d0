"""An interview's questions and answers are its speakers' words to the reporter, not acts the
writer reports (issue 13, kind 3: "a question in an interview"): the Wikinews speaker tags
("((Wikinews))", "((Jane Roe))") open the question-and-answer part, whose events are kept as
quoted speech, below the listing threshold. Every text is invented."""
import pytest

from eventkit import run, summary
from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE
from kb.nlp.events.parse import interview_span

pytestmark = pytest.mark.slow

STORY = "On Monday, Dorvik police arrested Omar Saleh in Varnholm.\n\n"
QA = ("((Wikinews)) Why did you run for mayor?\n\n"
      "((Anna Berg)) In 2010 the police arrested my brother in Varnholm.\n\n"
      "((Wikinews)) What comes next?\n\n"
      "((Anna Berg)) We will see.\n")


def test_the_question_and_answer_part_starts_at_the_first_tagged_paragraph():
    text = STORY + QA
    start, end = interview_span(text)
    assert text[start:].startswith("((Wikinews)) Why") and end == len(text)


def test_an_untagged_question_before_a_tagged_answer_opens_the_part():
    text = STORY + "Why did you run?\n\n((Anna Berg)) I ran.\n\nAnd then?\n\n((Anna Berg)) I won.\n"
    start, _ = interview_span(text)
    assert text[start:].startswith("Why did you run?")


def test_a_story_with_one_tag_or_none_is_no_interview():
    assert interview_span(STORY) is None
    assert interview_span(STORY + "((Anna Berg)) A caption.\n") is None


def test_acts_told_in_the_answers_fall_below_the_threshold_and_the_story_stays():
    events, ents, _ = run(STORY + QA)
    listed = [e for e in events if e.confidence >= DEFAULT_MIN_CONFIDENCE]
    assert [e.sentence_index for e in listed] == [0], summary(events, ents)
