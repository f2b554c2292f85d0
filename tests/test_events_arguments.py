"""Actors and recipients from the parse: subjects, coordination, passives, possessives,
compounds, nationality words, prepositional recipients, relative and xcomp clauses."""
import datetime as dt

import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def one(text, type_=None):
    events, ents, _ = run(text)
    evs = [e for e in events if type_ is None or e.type == type_]
    assert len(evs) == 1, summary(events, ents)
    return evs[0], ents


def test_subject_and_object():
    ev, ents = one("Britain praised Jordan.")
    assert names(ents, ev.actors) == {"Britain"}
    assert names(ents, ev.recipients) == {"Jordan"}


def test_coordinated_subjects_are_all_actors():
    ev, ents = one("Venezuela and Russia signed an agreement on Thursday.")
    assert names(ents, ev.actors) == {"Venezuela", "Russia"}


def test_coordinated_objects_are_all_recipients():
    ev, ents = one("Amnesty International criticized Egypt and Syria.")
    assert names(ents, ev.recipients) == {"Egypt", "Syria"}


def test_passive_agent_is_the_actor():
    ev, ents = one("Ukraine was attacked by Russia.")
    assert names(ents, ev.actors) == {"Russia"}
    assert names(ents, ev.recipients) == {"Ukraine"}


def test_possessive_of_event_noun_is_the_actor():
    ev, ents = one("Russia's invasion of Ukraine shocked Europe.", "ASSAULT")
    assert names(ents, ev.actors) == {"Russia"}
    assert names(ents, ev.recipients) == {"Ukraine"}


def test_compound_inside_argument_np():
    ev, ents = one("A senior Kremlin official visited Caracas.")
    assert names(ents, ev.actors) == {"Kremlin"}


def test_person_head_wins_over_modifiers():
    ev, ents = one("Russian Deputy Prime Minister Dmitry Chernyshenko visited Caracas.")
    assert names(ents, ev.actors) == {"Dmitry Chernyshenko"}


def test_nationality_word_stands_for_the_country():
    ev, ents = one("Israeli soldiers arrested ten Palestinians.")
    assert names(ents, ev.actors) == {"Israel"}
    assert names(ents, ev.recipients) == {"Palestine"}


def test_possessive_inside_object_np():
    ev, ents = one("Russia offered to train Venezuela's armed forces.")
    assert ev.type == "AGREE"
    assert names(ents, ev.actors) == {"Russia"}
    assert names(ents, ev.recipients) == {"Venezuela"}


def test_prepositional_recipients():
    ev, ents = one("Iran imposed sanctions on Britain.")
    assert names(ents, ev.recipients) == {"Britain"}
    ev, ents = one("The Pentagon sent aid to Ukraine.")
    assert names(ents, ev.recipients) == {"Ukraine"}
    ev, ents = one("Egypt held talks with Israel on Monday.")
    assert ev.type == "CONSULT"
    assert names(ents, ev.actors) == {"Egypt"}
    assert names(ents, ev.recipients) == {"Israel"}


def test_relative_clause_subject_is_the_antecedent():
    ev, ents = one("Maduro, who has defended Russia's invasion of Ukraine, spoke on Monday.")
    assert ev.type == "SUPPORT"
    assert names(ents, ev.actors) == {"Maduro"}
    assert names(ents, ev.recipients) >= {"Russia"}


def test_xcomp_subject_climbs_to_the_matrix_verb():
    ev, ents = one("Syria is ready to withdraw its troops from Lebanon.")
    assert ev.type == "AGREE"
    assert names(ents, ev.actors) == {"Syria"}
    assert names(ents, ev.recipients) == {"Lebanon"}


def test_object_control_subject_is_the_object():
    ev, ents = one("The United Nations urged Israel to allow aid into Gaza.")
    assert names(ents, ev.actors) == {"United Nations"}
    assert names(ents, ev.recipients) == {"Israel"}


def test_location_is_not_an_actor():
    ev, ents = one("Police arrested three journalists in Moscow.")
    assert "Moscow" not in names(ents, ev.actors)
    assert names(ents, [ev.location_key]) == {"Moscow"}
    # unnamed police are coded to the country of the place (test_events_countries.py)
    assert names(ents, ev.actors) == {"Russia"}


def test_request_recipient_from_the_demanded_clause():
    ev, ents = one("China demanded that the United States cancel the arms sale.")
    assert ev.type == "REQUEST"
    assert names(ents, ev.actors) == {"China"}
    assert names(ents, ev.recipients) == {"United States"}


def test_said_must_is_a_request():
    ev, ents = one("Britain said Libya must hand over the suspects.")
    assert ev.type == "REQUEST"
    assert names(ents, ev.actors) == {"Britain"}
    assert names(ents, ev.recipients) == {"Libya"}


def test_pronoun_falls_back_to_the_clause_subject():
    ev, ents = one("Hugo Chavez led the country until his death in 2013.")
    assert ev.type == "DEATH"
    assert names(ents, ev.actors) == {"Hugo Chavez"}


def test_a_participle_clause_shares_the_time_and_place_of_its_verb():
    # "appeared in court yesterday, charged with murder": the charge is dated and placed there
    events, ents, _ = run("Anna Berg appeared in a court in Baghdad yesterday, charged with murder.")
    charges = [e for e in events if e.type == "ACCUSE"]
    assert charges and charges[0].date is not None and charges[0].date.iso == "2024-11-07"
    assert names(ents, [charges[0].location_key]) == {"Baghdad"}


def test_the_city_of_x_is_x_not_the_country_modifier():
    events, ents, _ = run("A gunman shot five shoppers in the U.S. border city of El Paso.")
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and names(ents, [attacks[0].location_key]) == {"El Paso"}


def test_a_visit_in_a_phrase_of_a_clause_is_its_subjects():
    # `companion` nouns: the subject of the clause the phrase stands in takes part in the visit
    events, ents, _ = run("Macron spoke to reporters during a visit to Kenya on Tuesday.", dt.date(2024, 11, 8))
    visit = [e for e in events if e.type == "CONSULT"]
    assert visit and names(ents, visit[0].actors) == {"Macron"}, summary(events, ents)


def test_a_visit_under_a_participle_of_a_statement_is_the_speakers():
    events, ents, _ = run('"We will act," Rutte said in a statement released in conjunction with a visit to Ghana '
                          'with President Nana Akufo-Addo.', dt.date(2024, 11, 8))
    visit = [e for e in events if e.type == "CONSULT"]
    assert visit and names(ents, visit[0].actors) == {"Rutte"}, summary(events, ents)


@pytest.mark.parametrize("text", ["The union said it was not prepared to accept the offer.",
                                  "Iran is not willing to meet the envoy."])
def test_not_prepared_or_willing_to_is_a_refusal(text):
    # the copula carries the adjective's negation: "is not prepared to accept" rejects
    events, ents, _ = run(text, dt.date(2024, 11, 8))
    assert [e.type for e in events] == ["REJECT"], summary(events, ents)
