"""Conflict and coercion told in ways the rules missed on unseen news (issue 13, second blind set):
doers named by their state ("an inmate"), attack nouns and verbs the lexicon lacked, a police raid,
heightened security, "treating X as terrorism", a passive relative clause, a background "after
being ..." clause, an unnamed place located by its own phrase, a predicate "dead" and a spokesman
"for" a government. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def by_type(text, published=None):
    events, ents, _ = run(text) if published is None else run(text, published)
    return {e.type: e for e in events}, events, ents


# ---- doers and lexicon (agent_nouns.tsv, plover_lexicon.tsv) ----------------------------------
@pytest.mark.parametrize("text", [
    "A guard was shot on Tuesday by an inmate.",
    "The cashier was stabbed by an intruder.",
])
def test_a_doer_named_by_their_state_or_deed_can_attack(text):
    # PLOVER ASSAULT has no condition on who attacks; a person noun is a capable doer
    got, events, ents = by_type(text)
    assert "ASSAULT" in got, summary(events, ents)


def test_a_stabbing_is_an_attack_and_its_toll_a_death():
    got, events, ents = by_type("A stabbing at the market killed two people on Monday.")
    assert {"ASSAULT", "DEATH"} <= set(got), summary(events, ents)
    assert got["DEATH"].count == 2


def test_poisoning_someone_is_an_attack():
    got, events, ents = by_type("Ivan Petrov was poisoned in Tomsk last month.")
    assert "ASSAULT" in got, summary(events, ents)
    assert "Ivan Petrov" in names(ents, got["ASSAULT"].recipients)


def test_treating_an_incident_as_terrorism_is_an_investigation():
    got, events, ents = by_type("Police said they were treating the fire as a terrorist incident.")
    assert "ACCUSE" in got, summary(events, ents)


def test_treating_the_wounded_is_no_accusation():
    got, events, ents = by_type("Doctors treated the wounded at the scene as a priority.")
    assert "ACCUSE" not in got, summary(events, ents)


def test_a_police_raid_is_coercion_and_an_armed_raid_an_attack():
    got, events, ents = by_type("A police raid on the warehouse removed several rifles.")
    assert "COERCE" in got and "ASSAULT" not in got, summary(events, ents)
    got, events, ents = by_type("Rebels raided the village on Sunday.")
    assert "ASSAULT" in got, summary(events, ents)


def test_strengthened_security_is_a_show_of_police_force():
    # CAMEO 151 "increase police alert status" -> PLOVER MOBILIZE (police)
    got, events, ents = by_type("The authorities strengthened security measures around the parliament.")
    assert "MOBILIZE" in got and got["MOBILIZE"].mode == "police", summary(events, ents)
    got, events, ents = by_type("The two countries strengthened trade ties.")
    assert "MOBILIZE" not in got, summary(events, ents)


# ---- syntax ----------------------------------------------------------------------------------
def test_a_passive_relative_clause_has_its_antecedent_as_undergoer():
    got, events, ents = by_type("She spoke about her brother Anton Smirnov, who was arrested in March.")
    assert "COERCE" in got, summary(events, ents)
    assert names(ents, got["COERCE"].recipients) == {"Anton Smirnov"}, summary(events, ents)


def test_an_after_clause_with_its_own_day_is_a_happening():
    # "after being detained on Friday" is "after he was detained on Friday": a deed of its own
    got, events, ents = by_type("The suspect was in a cell after being detained on Friday.")
    assert "COERCE" in got, summary(events, ents)


def test_an_after_clause_that_only_sets_the_scene_stays_background():
    got, events, ents = by_type("Troops withdrew after shelling the town.")
    assert "ASSAULT" not in got, summary(events, ents)


def test_an_unnamed_place_is_located_by_its_own_place_phrase():
    got, events, ents = by_type("Two men were arrested on Friday in an area near Basra.")
    e = got["COERCE"]
    assert e.location_key is not None and ents.get(e.location_key).name == "Basra", summary(events, ents)


def test_pronounced_dead_names_who_died_and_when():
    got, events, ents = by_type("Maria Lopez was pronounced dead on Sunday.")
    e = got["DEATH"]
    assert names(ents, e.actors) == {"Maria Lopez"}, summary(events, ents)
    assert e.date is not None and e.date.iso == "2024-11-03"


def test_a_spokesman_for_a_government_speaks_as_it():
    got, events, ents = by_type("A spokesman for the Iranian government condemned the strike.")
    assert names(ents, got["ACCUSE"].actors) == {"Iran"}, summary(events, ents)


def test_an_arrest_of_an_unnamed_group_and_one_of_a_named_person_stay_apart():
    events, ents, _ = run("A main topic was the fate of activists arrested during the campaign. "
                          "She spoke about her brother Anton Smirnov, who was arrested in March.")
    arrests = [e for e in events if e.type == "COERCE"]
    assert len(arrests) == 2, summary(events, ents)
    assert any(names(ents, e.recipients) == {"Anton Smirnov"} for e in arrests), summary(events, ents)


def test_an_attack_on_an_unnamed_group_retold_at_a_named_place_stays_one():
    # the place where it happened names no party: the witnesses' account is the same stabbing
    events, ents, _ = run("On Saturday in Basra, a stabbing killed two people. "
                          "Witnesses said a man attacked a group of shoppers with a knife.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 1, summary(events, ents)
