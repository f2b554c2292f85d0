"""A material act or an election the writer tells in the simple present, with no time of its
own, is a rule or a habit ("members are elected for two-year terms"), not a happening; a verbal
act in the present ("denies the claims") is a statement standing now, and a time makes the
present a report ("police arrest five on Monday"). Every sentence is invented."""
import pytest

from eventkit import run, summary

pytestmark = pytest.mark.slow

LEAD = "The assembly met in Rome on Monday. "


@pytest.mark.parametrize("text", [
    "Members of the council are elected for four-year terms.",
    "The party uses primary elections to select its nominee.",
    "The border police search every truck.",
])
def test_a_habit_or_rule_in_the_present_is_no_event(text):
    events, ents, _ = run(LEAD + text)
    assert [e for e in events if e.sentence_index == 1] == [], summary(events, ents)


def test_a_verbal_act_in_the_present_stays():
    events, ents, _ = run(LEAD + "Russia denies the claims.")
    assert [e.type for e in events if e.sentence_index == 1] == ["REJECT"], summary(events, ents)


def test_a_present_with_a_time_of_its_own_stays():
    events, ents, _ = run(LEAD + "Police arrest five protesters on Tuesday.")
    assert [e.type for e in events if e.sentence_index == 1] == ["COERCE"], summary(events, ents)


def test_a_subjunctive_after_an_order_is_no_present():
    events, ents, _ = run(LEAD + "The judge ordered that the accused remain in custody.")
    assert "COERCE" in [e.type for e in events if e.sentence_index == 1], summary(events, ents)


@pytest.mark.parametrize("text", [
    "Susan Bro said executing Omar Fields would not bring her daughter back.",
    "Arresting the protesters could spark more anger.",
])
def test_a_gerund_subject_of_a_modal_clause_is_only_talked_of(text):
    events, ents, _ = run(text)
    assert [e.type for e in events if e.type in ("ASSAULT", "DEATH", "COERCE", "THREATEN")] == [], \
        summary(events, ents)


def test_a_gerund_subject_of_a_past_clause_is_done():
    events, ents, _ = run("Arresting the protesters angered the crowd.")
    assert "COERCE" in [e.type for e in events], summary(events, ents)
