"""Conflict-side trigger senses found missing on news the rules were not written for (five extra
Wikinews articles, bench/gold-extra): surrender told as a phrasal verb, charges with "for",
shots told as rounds fired, crowd-control weapons used against a crowd, projectiles thrown, court
bail, support and aid told with "come to", elections won as a defeat "in the vote", and a
reaction that is no meeting. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def types(text):
    events, ents, _ = run(text)
    return [e.type for e in events], events, ents


# ---- surrender: the manual's RETREAT covers yielding oneself ------------------------------------
def test_turning_oneself_in_is_a_surrender():
    got, events, ents = types("Mark Dorsey turned himself in to police on Tuesday morning.")
    assert got == ["RETREAT"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Mark Dorsey"}, summary(events, ents)


def test_turning_in_a_thing_is_no_surrender():
    got, events, ents = types("The student turned in her essay on Tuesday.")
    assert got == [], summary(events, ents)


# ---- charges (ACCUSE): "charged for" as well as "charged with" ----------------------------------
def test_charged_for_is_a_charge_and_its_crime_no_event_of_its_own():
    got, events, ents = types("A second man has been charged for allegedly supplying the rifle.")
    assert got == ["ACCUSE"], summary(events, ents)


# ---- ASSAULT: rounds fired, crowd control, projectiles ------------------------------------------
@pytest.mark.parametrize("text", [
    "Officers fired a live round at the crowd on Sunday.",
    "A policeman landed a live round on a student late on Friday.",
])
def test_rounds_fired_or_landed_are_shootings(text):
    got, events, ents = types(text)
    assert got == ["ASSAULT"], summary(events, ents)


def test_crowd_control_weapons_used_against_a_crowd_are_an_assault():
    # manual, ASSAULT mode crowd-control: "tear gas, water cannons ..."
    events, ents, _ = run("Riot police used tear gas and water cannon against the marchers in Lima.")
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "crowd-control")], summary(events, ents)


def test_using_a_thing_for_its_purpose_is_no_assault():
    got, events, ents = types("Farmers used the water to irrigate their fields.")
    assert got == [], summary(events, ents)


def test_throwing_stones_at_police_is_an_assault():
    events, ents, _ = run("Youths threw stones and bottles at police outside the stadium.")
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "primitive")], summary(events, ents)


def test_throwing_a_party_is_no_assault():
    got, events, ents = types("The mayor threw a party for the volunteers.")
    assert got == [], summary(events, ents)


# ---- court bail (COERCE detain) -----------------------------------------------------------------
def test_setting_bail_is_court_coercion_and_its_doer_is_the_judge():
    events, ents, _ = run("Judge Ana Ruiz said she considered the driver a flight risk, prior to setting bail at $50,000.")
    assert [e.type for e in events] == ["COERCE"], summary(events, ents)
    assert names(ents, events[0].actors) == {"Ana Ruiz"}, summary(events, ents)


def test_denying_bail_is_coercion_not_a_rejection():
    got, events, ents = types("The judge denied bail to the two suspects.")
    assert got == ["COERCE"], summary(events, ents)


# ---- SUPPORT / AID told with "come to" ----------------------------------------------------------
def test_coming_to_someones_defense_is_support():
    events, ents, _ = run("Several church groups have come to Dorsey's defense.")
    assert [e.type for e in events] == ["SUPPORT"], summary(events, ents)
    assert names(ents, events[0].recipients) == {"Dorsey"}, summary(events, ents)


def test_coming_to_a_place_is_no_event():
    got, events, ents = types("Spring has come to the valley.")
    assert got == [], summary(events, ents)


# ---- ELECTION: a defeat in the vote -------------------------------------------------------------
def test_defeating_someone_in_the_vote_is_an_election():
    got, events, ents = types("Maria Lenz defeated the incumbent in the popular vote.")
    assert got == ["ELECTION"], summary(events, ents)


def test_a_defeat_in_a_match_is_no_election():
    got, events, ents = types("The team defeated its rivals in the final.")
    assert got == [], summary(events, ents)


# ---- a reaction is no meeting -------------------------------------------------------------------
def test_met_with_protests_is_the_protests_not_a_meeting():
    got, events, ents = types("In the capital the new law was met with protests and strikes.")
    assert "CONSULT" not in got, summary(events, ents)


def test_meeting_with_someone_is_still_a_meeting():
    got, events, ents = types("The minister met with the Chinese ambassador in Cairo.")
    assert got == ["CONSULT"], summary(events, ents)


# ---- a toll with no figure ------------------------------------------------------------------------
def test_dozens_died_in_an_attack_is_a_toll_beside_the_attack():
    # conventions of the dev gold: the attack is ASSAULT, its deaths a DEATH of their own
    got, events, ents = types("Dozens died in the attack on the army base.")
    assert sorted(got) == ["ASSAULT", "DEATH"], summary(events, ents)


def test_one_death_in_an_attack_stays_the_attack():
    got, events, ents = types("A soldier died in the attack on the army base.")
    assert got == ["ASSAULT"], summary(events, ents)


# ---- the motivation of a protest (manual: earlier actions by the police ... should be coded) -----
def test_a_shooting_protested_is_an_event_of_its_own():
    got, events, ents = types("Crowds marched in Lyon on Sunday, protesting the shooting of Samir Haddad.")
    assert "ASSAULT" in got and "PROTEST" in got, summary(events, ents)
    shooting = next(e for e in events if e.type == "ASSAULT")
    assert names(ents, shooting.recipients) == {"Samir Haddad"}, summary(events, ents)


def test_an_arrest_protested_is_an_event_of_its_own():
    got, events, ents = types("Hundreds of students protested the arrest of their teachers in Lagos.")
    assert sorted(got) == ["COERCE", "PROTEST"], summary(events, ents)


def test_a_policy_protested_is_only_the_protest():
    got, events, ents = types("Farmers protested the new tax in Paris.")
    assert got == ["PROTEST"], summary(events, ents)


# ---- "with" after a passive names a means, not a target -------------------------------------------
def test_the_weapon_of_a_passive_attack_is_no_recipient():
    events, ents, _ = run("The embassy in Kabul was targeted with a stolen Toyota truck on Monday.")
    assert [e.type for e in events] == ["ASSAULT"], summary(events, ents)
    assert "Toyota" not in names(ents, events[0].recipients), summary(events, ents)


def test_an_active_clash_with_someone_keeps_its_recipient():
    events, ents, _ = run("Police clashed with supporters of Imran Khan in Lahore on Monday.")
    assert [e.type for e in events] == ["ASSAULT"], summary(events, ents)


# ---- "a bombing was reported to have killed X": the attack is stated -----------------------------
def test_an_attack_raised_by_a_report_verb_is_stated():
    events, ents, _ = run("A bombing was reported to have killed the editor Omar Saleh in Aden on Monday.")
    attack = [e for e in events if e.type == "ASSAULT"]
    assert attack and attack[0].confidence >= 0.6, summary(events, ents)


def test_an_attack_reported_as_planned_stays_a_bare_noun():
    events, ents, _ = run("The bombing was reported to have been planned for months.")
    assert all(e.confidence < 0.6 for e in events), summary(events, ents)


def test_the_place_hung_on_a_victims_name_is_the_events():
    events, ents, _ = run("Gunmen killed the journalist Omar Saleh in the town of Zinjibar on Monday.")
    assert sorted(e.type for e in events) == ["ASSAULT", "DEATH"], summary(events, ents)
    assert all(ents.entities[e.location_key].name == "Zinjibar" for e in events), summary(events, ents)


# ---- a party to an act presupposes it; an appositive describes, it is no part of the act ------------
def test_the_suspect_in_a_shooting_states_the_shooting():
    events, ents, _ = run("Police on Friday released Tom Reed, the suspect in the shooting in Dayton.")
    got = sorted(e.type for e in events)
    assert "ASSAULT" in got and "CONCEDE" in got, summary(events, ents)
    shooting = next(e for e in events if e.type == "ASSAULT")
    assert shooting.confidence >= 0.6 and ents.entities[shooting.location_key].name == "Dayton", summary(events, ents)


def test_a_suspect_in_a_case_is_no_event():
    got, events, ents = types("A suspect in the case was questioned by detectives.")
    assert "ASSAULT" not in got, summary(events, ents)


def test_left_n_people_dead_counts_the_dead():
    events, ents, _ = run("The shooting in Dayton left nine people dead on Sunday.")
    deaths = [e for e in events if e.type == "DEATH"]
    assert deaths and deaths[0].count == 9, summary(events, ents)


# ---- "the way X is done": a procedure in general, no happening -----------------------------------
def test_the_way_a_body_is_elected_is_no_election():
    got, events, ents = types("Students now protest about the way the city council is elected.")
    assert "ELECTION" not in got, summary(events, ents)


def test_the_way_someone_was_killed_is_still_a_deed():
    got, events, ents = types("Relatives questioned the way Omar Saleh was killed by the soldiers in Aden.")
    assert "ASSAULT" in got or "DEATH" in got, summary(events, ents)


# ---- an attack only claimed is the claimant's accusation -----------------------------------------
def test_an_attack_claimed_by_a_speaker_is_an_accusation():
    events, ents, _ = run("Foreign Minister Adel Nasser claimed the Sudanese army had attacked aid workers.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
    assert "Adel Nasser" in names(ents, events[0].actors), summary(events, ents)


def test_an_attack_reported_with_said_stays_an_attack():
    got, events, ents = types("Police said the gunman attacked shoppers at the market on Saturday.")
    assert got == ["ASSAULT"], summary(events, ents)
