"""Whose country an actor or recipient phrase stands for: generic nouns with nationality words,
their of/in/from phrases, peoples placed by where they live, groups facing their own state, the
place of an unattributed act, implied targets, and event-noun objects that lend their phrases.
Each rule has sentences that must NOT get the participant too."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def one(text, type_=None):
    events, ents, _ = run(text)
    evs = [e for e in events if type_ is None or e.type == type_]
    assert len(evs) == 1, summary(events, ents)
    return evs[0], ents


def actors(text, type_=None):
    ev, ents = one(text, type_)
    return names(ents, ev.actors)


def recipients(text, type_=None):
    ev, ents = one(text, type_)
    return names(ents, ev.recipients)


# ---- a generic noun: its modifiers, then its phrases -----------------------------------------
def test_generic_subject_takes_the_country_of_its_from_phrase():
    assert actors("Doctors from two American charities donated and delivered medicine to hospitals.",
                  "AID") == {"United States"}


def test_led_modifier_names_the_force_but_backed_does_not():
    assert actors("Russian-led forces attacked the village on Monday.") == {"Russia"}
    assert actors("A US-backed militia attacked the village.") == set()


def test_coordinated_nationality_modifiers_are_all_actors():
    assert actors("French and German warships launched ten days of joint exercises in the Mediterranean.") \
        == {"France", "Germany"}


def test_a_count_looks_through_its_of_phrase_to_every_conjunct():
    assert recipients("Soldiers tortured scores of Syrian and Iraqi refugees.") == {"Syria", "Iraq"}


def test_up_to_a_number_is_still_the_object():
    assert recipients("Rebels kidnapped up to 12 Russian engineers from a village.") == {"Russia"}


def test_anti_names_an_opponent_not_the_party():
    assert "Israel" not in actors("Protesters held an anti-Israel rally in Cairo.")
    assert "Syria" not in recipients("An anti-Syria journalist was killed in a bomb explosion in Beirut.")


# ---- peoples and groups ----------------------------------------------------------------------
def test_a_people_of_a_country_belongs_to_it():
    assert actors("The Palestinians of Lebanon demanded more rights from Beirut.") == {"Lebanon"}


def test_an_ethnic_group_is_coded_by_where_it_lives():
    ev, ents = one("Serbian police arrested three ethnic Albanians in southern Serbia.")
    assert names(ents, ev.recipients) == {"Serbia"}
    # a nationality without "ethnic" stays the nationality
    assert recipients("Serbian police arrested three Albanian smugglers.") == {"Albania"}


def test_a_group_of_a_country_can_face_its_own_state():
    ev, ents = one("Croatia is investigating crimes by Croatian extremists.")
    assert names(ents, ev.actors) == {"Croatia"}
    assert names(ents, ev.recipients) == {"Croatia"}


def test_the_actor_itself_is_no_recipient():
    # "themselves" is the actor again, not a second party
    ev, ents = one("Two Palestinian gunmen killed five people as well as themselves in Jerusalem.", "ASSAULT")
    assert names(ents, ev.actors) == {"Palestine"}
    assert "Palestine" not in names(ents, ev.recipients)


def test_possessive_pronoun_of_a_subject_climbs_to_the_speaker():
    assert actors("Syrian rebels said their fighters had completed their withdrawal from the town.") == {"Syria"}


# ---- the place of an act with no named doer ---------------------------------------------------
def test_unattributed_attack_is_coded_to_the_country_of_the_place():
    events, ents, _ = run("A roadside bomb killed two American soldiers outside the Iraqi city of Basra.")
    # the toll is an event of its own beside the attack (DEATH: "any cause", dev annotation brief)
    assert sorted(e.type for e in events) == ["ASSAULT", "DEATH"], summary(events, ents)
    assert [e.count for e in events if e.type == "DEATH"] == [2]
    ev = next(e for e in events if e.type == "ASSAULT")
    assert names(ents, ev.actors) == {"Iraq"}
    assert names(ents, ev.recipients) == {"United States"}
    assert names(ents, [ev.location_key]) == {"Basra"}  # the place stays the location


def test_passive_investigation_is_coded_to_the_country_of_the_place():
    ev, ents = one("A French journalist was put under investigation in Italy.")
    assert names(ents, ev.actors) == {"Italy"}
    assert names(ents, ev.recipients) == {"France"}


def test_no_place_actor_for_cooperation_or_a_named_doer():
    ev, ents = one("An agreement was signed in Cairo on Monday.")
    assert ev.actors == []
    assert actors("Russia and Ukraine held talks in Geneva on Monday.") == {"Russia", "Ukraine"}
    assert actors("Israeli troops arrested ten Palestinians in Gaza.") == {"Israel"}


def test_protesters_without_a_country_protest_at_home():
    ev, ents = one("Students staged a rally in Cairo on Sunday.")
    assert names(ents, ev.actors) == {"Egypt"}
    assert names(ents, [ev.location_key]) == {"Cairo"}


def test_protesters_without_a_country_take_the_country_they_protest_against():
    ev, ents = one("The Hamas movement staged a hunger strike to protest against the Egyptian government.",
                   "PROTEST")
    assert names(ents, ev.actors) == {"Hamas", "Egypt"}
    assert names(ents, ev.recipients) == {"Egypt"}


# ---- implied targets ----------------------------------------------------------------------------
def test_a_threat_is_aimed_at_whom_its_condition_is_about():
    ev, ents = one("Iran threatened to close the strait if the United States imposed new sanctions.")
    assert ev.type == "THREATEN"
    assert names(ents, ev.recipients) == {"United States"}


def test_a_protest_is_aimed_at_what_its_purpose_clause_names():
    events, ents, _ = run("Palestinian prisoners began a hunger strike to protest against Israel's detention policy.")
    strike = [e for e in events if e.trigger == "strike"]
    assert strike and names(ents, strike[0].recipients) == {"Israel"}
    assert names(ents, strike[0].actors) == {"Palestine"}


# ---- event-noun objects lend their phrases ------------------------------------------------------
def test_a_called_for_sanction_lends_its_against_phrase():
    assert recipients("The archbishop called for sanctions against Syria.") == {"Syria"}


def test_an_offer_or_demand_from_someone_names_them():
    assert recipients("Jordan rejected a new offer from Israel for direct talks.") == {"Israel"}
    assert recipients("Iran refused to respond to a demand from the American president to release the sailors.") \
        == {"United States"}


def test_an_act_demanded_of_someone_by_phrase():
    assert recipients("Ukraine demanded an immediate apology by Moscow.") == {"Moscow"}


def test_the_doers_of_a_prevented_event_are_its_target():
    ev, ents = one("The army prevented a demonstration by Iraqi students in Baghdad.")
    assert ev.type == "COERCE"
    assert "Iraq" not in names(ents, ev.actors)
    assert names(ents, ev.recipients) == {"Iraq"}


def test_object_moved_past_its_as_phrase():
    assert "Israel" in recipients("Egypt denounced as a crime Israel's blockade of Gaza.")


# ---- who acts ------------------------------------------------------------------------------------
def test_a_statement_demanding_is_its_issuer_demanding():
    ev, ents = one("Hamas issued a statement demanding that the Israeli government release the prisoners.")
    assert ev.type == "REQUEST"
    assert names(ents, ev.actors) == {"Hamas"}
    assert names(ents, ev.recipients) == {"Israel"}


def test_ordering_a_suspension_is_the_coercion_of_the_one_who_orders():
    ev, ents = one("The Iranian government ordered the newspaper to suspend publication.")
    assert ev.type == "COERCE"
    assert names(ents, ev.actors) == {"Iran"}


def test_forces_withdrawn_are_the_side_that_withdraws():
    assert actors("Hundreds of Syrian troops were withdrawn from the border.") == {"Syria"}


# ---- what a nationality word does not make a participant of ----------------------------------
def test_a_meeting_place_named_by_nationality_is_neither_recipient_nor_location():
    ev, ents = one("The French president met the British prime minister at an Irish pub.")
    assert names(ents, ev.recipients) == {"United Kingdom"}
    assert ev.location_key is None


def test_an_announced_death_is_of_the_one_who_died_not_the_announcer():
    ev, ents = one("Russia announced the death of the Syrian leader.")
    assert ev.type == "DEATH"
    assert names(ents, ev.actors) == {"Syria"}
