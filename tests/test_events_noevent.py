"""Sentences that report no event: speech verbs alone, topics, conditions, purposes."""
import pytest

from eventkit import run, summary

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "The minister said the weather was fine.",
    "He told reporters about the book.",
    "The report was published on Monday.",
    "Officials declined to comment on the talks.",
    "The company reported higher profits this year.",
    "The president signed the letter.",
])
def test_no_event(text):
    events, ents, _ = run(text)
    assert events == [], summary(events, ents)


def test_condition_clause_is_not_an_event():
    events, ents, _ = run("If Iran attacks, Israel will respond.")
    assert events == [], summary(events, ents)


def test_purpose_clause_is_not_a_second_event():
    events, ents, _ = run("Students staged a rally in Paris to demand reforms.")
    assert [e.type for e in events] == ["PROTEST"], summary(events, ents)


def test_statement_while_protesting_is_not_a_second_event():
    events, ents, _ = run("Thousands of farmers marched in Delhi on Sunday, demanding higher prices.")
    assert [e.type for e in events] == ["PROTEST"], summary(events, ents)


def test_topic_of_a_statement_is_not_an_event_of_its_own():
    events, ents, _ = run("Egypt condemned the attack on the embassy.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)


def test_background_circumstance_is_not_coded():
    events, ents, _ = run("Bosnia and Croatia agreed to a truce after two days of fighting.")
    assert [e.type for e in events] == ["AGREE"], summary(events, ents)


def test_demanded_action_is_not_done():
    events, ents, _ = run("The opposition said the president must resign.")
    assert "RETREAT" not in {e.type for e in events}, summary(events, ents)


def test_compound_modifier_is_not_a_trigger():
    events, ents, _ = run("Election officials counted the ballots.")
    assert events == [], summary(events, ents)


@pytest.mark.parametrize("text", [
    "The archive counts events where four or more people are killed by gunfire.",
    "The group records cases in which protesters are arrested.",
])
def test_a_present_relative_clause_on_a_bare_plural_describes_a_kind_not_a_happening(text):
    events, ents, _ = run(text)
    assert [e.type for e in events if e.type in ("ASSAULT", "COERCE", "DEATH")] == [], summary(events, ents)


def test_a_past_relative_clause_still_reports_its_happening():
    events, ents, _ = run("Police questioned the men who attacked the embassy on Monday.")
    assert "ASSAULT" in [e.type for e in events], summary(events, ents)


@pytest.mark.parametrize("text, kept_from", [
    ("The new law prevents many residents from voting.", "ELECTION"),
    ("Police stopped the protesters from marching to the palace.", "PROTEST"),
])
def test_what_a_verb_of_prevention_keeps_from_happening_is_no_event(text, kept_from):
    events, ents, _ = run(text)
    assert kept_from not in [e.type for e in events], summary(events, ents)


def test_the_stopping_itself_stays_an_event():
    events, ents, _ = run("Police stopped the protesters from marching to the palace.")
    assert [e.type for e in events] == ["COERCE"], summary(events, ents)
