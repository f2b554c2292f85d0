"""Deaths, tolls and what keeps two mentions apart. The dev annotation brief codes deaths of any
cause as DEATH, beside the attack that caused them; merging never joins mentions that differ in
negation, place or count (issue 13, kind 8). Every sentence is invented."""
import datetime as dt

import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def test_a_counted_toll_is_a_death_beside_the_attack():
    events, ents, _ = run("Gunmen attacked a market in Kano on Friday, and twelve people died.")
    got = sorted((e.type, e.count) for e in events)
    assert ("DEATH", 12) in got and "ASSAULT" in [t for t, _ in got], summary(events, ents)


def test_confirmed_dead_is_a_death_with_its_count():
    events, ents, _ = run("Thirty people were confirmed dead after the fire.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 30)], summary(events, ents)


def test_a_total_of_is_the_count():
    events, ents, _ = run("A total of 39 are confirmed dead.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 39)], summary(events, ents)


def test_a_death_toll_takes_the_number_its_verb_gives():
    events, ents, _ = run("The death toll rose to 22 on Monday.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 22)], summary(events, ents)


def test_where_places_the_event_at_the_place_it_describes():
    events, ents, _ = run("The fighting spread to Baghdad, where ten people died.")
    deaths = [e for e in events if e.type == "DEATH"]
    assert deaths and names(ents, [deaths[0].location_key]) == {"Baghdad"}, summary(events, ents)


def test_deaths_of_different_counts_are_not_merged():
    events, ents, _ = run("Ten people died in the north. Later, four people died in the south.")
    assert sorted(e.count for e in events if e.type == "DEATH") == [4, 10], summary(events, ents)


def test_a_negated_mention_does_not_swallow_a_real_one():
    events, ents, _ = run("Protests were not reported in Lyon. Protests began in Paris on Monday.")
    real = [e for e in events if e.type == "PROTEST" and not e.negated]
    assert real, summary(events, ents)


def test_the_subject_of_a_passive_is_the_doer_of_the_verbs_joined_to_it():
    events, ents, _ = run("Vladimir Smirnov was briefed and later visited the hospital in Kyiv.")
    visits = [e for e in events if e.type == "CONSULT"]
    assert visits and names(ents, visits[0].actors) == {"Vladimir Smirnov"}, summary(events, ents)


def test_saying_something_should_be_done_is_a_request():
    events, ents, _ = run("Prime Minister Anna Berg said the gun laws should be changed.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Anna Berg"}


@pytest.mark.parametrize("text, kind, count", [
    ("The fire caused the deaths of 12 people in Lyon on Friday.", "DEATH", 12),
    ("The killing of three soldiers in Goma angered the army.", "ASSAULT", 3),
    ("The blast left 12 soldiers dead.", "DEATH", 12),
    ("The attack on Friday left at least 42 people dead in Lyon.", "DEATH", 42),
])
def test_tolls_told_through_an_of_phrase_or_a_verb_of_result(text, kind, count):
    # the victims of a death or killing noun are its of phrase; "left N people dead" counts the
    # object the adjective is predicated of (or modifies, as the parser sometimes has it)
    events, ents, _ = run(text, dt.date(2024, 11, 8))
    assert any(e.type == kind and e.count == count for e in events), summary(events, ents)


def test_a_death_in_the_clause_an_attack_is_subject_of_shares_its_day():
    events, ents, _ = run("The attack on Friday left at least 42 people dead in Lyon.", dt.date(2024, 11, 8))
    death = [e for e in events if e.type == "DEATH"]
    assert death and death[0].date is not None and death[0].date.iso == "2024-11-08", summary(events, ents)


def test_victims_killed_in_a_named_attack_are_deaths():
    # the clause counts victims of an attack it names only as their setting: a DEATH with the count
    events, ents, _ = run("Six Mexican nationals were killed in the attack, the president said.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 6)], summary(events, ents)


def test_a_killing_with_its_doer_stays_an_attack():
    # the attack, and the six deaths it caused beside it
    events, ents, _ = run("Six villagers were killed by the rebels in the attack.")
    assert sorted((e.type, e.count) for e in events) == [("ASSAULT", 6), ("DEATH", 6)], summary(events, ents)
    events, ents, _ = run("Gunmen killed six villagers in an attack on Monday.")
    assert sorted((e.type, e.count) for e in events) == [("ASSAULT", 6), ("DEATH", 6)], summary(events, ents)


def test_a_toll_its_verb_counts_is_listed():
    # a counted death toll is no bare noun: it is stated by the verb that gives its number
    from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE

    events, ents, _ = run("The death toll rose to 22 on Monday.")
    assert [(e.type, e.count) for e in events] == [("DEATH", 22)], summary(events, ents)
    assert events[0].confidence >= DEFAULT_MIN_CONFIDENCE, summary(events, ents)


def test_a_toll_rising_to_a_number_of_people_counts_them():
    events, ents, _ = run("A gunman shot shoppers in Varnholm, with the death toll rising to 22 people on Monday.")
    assert ("DEATH", 22) in [(e.type, e.count) for e in events], summary(events, ents)
