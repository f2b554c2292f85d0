"""Tributes: praise of someone, the dead included, is SUPPORT (PLOVER manual, SUPPORT: praise,
commend). A tribute paid is praise, and a quoted verdict restated in apposition ("a giant, a
man of enormous courage") is judged by the whole phrase. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def test_paying_tribute_is_support():
    events, ents, _ = run("Leaders around the world paid tribute to the former president on Friday.")
    assert [e.type for e in events] == ["SUPPORT"], summary(events, ents)


def test_a_eulogy_verb_is_support():
    events, ents, _ = run("Jane Ortiz eulogized the late senator at the funeral.")
    assert [e.type for e in events] == ["SUPPORT"], summary(events, ents)


def test_a_verdict_in_apposition_counts():
    events, ents, _ = run('Senator Omar Reyes died on Monday. "He was a giant, a man of enormous '
                          'courage and integrity," said Maria Lopez.')
    praise = [e for e in events if e.type == "SUPPORT"]
    assert len(praise) == 1, summary(events, ents)
    assert names(ents, praise[0].actors) == {"Maria Lopez"}, summary(events, ents)
    assert names(ents, praise[0].recipients) == {"Omar Reyes"}, summary(events, ents)


def test_a_state_of_things_in_apposition_is_still_no_verdict():
    events, ents, _ = run('"It was a storm, a night of enormous courage for the crews," said Maria Lopez.')
    assert [e.type for e in events if e.type == "SUPPORT"] == [], summary(events, ents)


def test_remembering_someone_as_a_pioneer_is_praise():
    # "pioneer" is one of the tribute words valence_extra.tsv adds to VADER's
    events, ents, _ = run("Vladimir Putin remembered Alexei Leonov as a pioneer of space flight.")
    assert [e.type for e in events] == ["SUPPORT"], summary(events, ents)
    # the test's entity stand-in keeps spaCy's span, which may leave out the given name
    assert [n for n in names(ents, events[0].recipients) if n.endswith("Leonov")], summary(events, ents)


def test_remembering_a_time_is_no_praise():
    events, ents, _ = run("The minister remembered the war as a terrible time.")
    assert [e.type for e in events if e.type == "SUPPORT"] == [], summary(events, ents)


def test_said_of_names_whom_the_words_are_about():
    events, ents, _ = run('Vladimir Putin visited Paris. "He is irreplaceable," Angela Merkel said of '
                          'Jacques Chirac.')
    praise = [e for e in events if e.type == "SUPPORT"]
    assert len(praise) == 1, summary(events, ents)
    assert names(ents, praise[0].actors) == {"Angela Merkel"}, summary(events, ents)
    assert names(ents, praise[0].recipients) == {"Jacques Chirac"}, summary(events, ents)
