"""Event senses the rules missed on four news articles annotated blind (issue 13, rows 114, 118, 120,
135): a call by phone, "entered into an agreement", naming a group as terrorists, "count on X to",
an obligation stated with "need to", the release of a person named by a pronoun, and blows struck
with fists or a named blunt object. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def by_type(text):
    events, ents, _ = run(text)
    return {e.type: e for e in events}, events, ents


@pytest.mark.parametrize("text", [
    "Marta Silva and Ivan Petrov spoke on the phone on Tuesday.",
    "Marta Silva and Ivan Petrov spoke by telephone.",
])
def test_two_parties_speaking_by_phone_consult(text):
    # PLOVER CONSULT: "consultation by phone or other media" (mode phone)
    got, events, ents = by_type(text)
    assert "CONSULT" in got, summary(events, ents)
    assert {"Marta Silva", "Ivan Petrov"} <= names(ents, got["CONSULT"].actors)


def test_one_person_on_the_phone_is_no_consultation():
    got, events, ents = by_type("Marta Silva spoke on the phone about the flood.")
    assert "CONSULT" not in got, summary(events, ents)


def test_entering_into_an_agreement_is_the_agreement():
    # "entered into" is a light verb: the act is its prepositional object, as in "signed an agreement"
    got, events, ents = by_type("The Free Lions Brigade said it had entered into an agreement with the government of Chile.")
    assert "SUPPORT" in got, summary(events, ents)
    assert "Free Lions Brigade" in names(ents, got["SUPPORT"].actors)


def test_entering_a_town_is_no_agreement():
    got, events, ents = by_type("The convoy entered the town on Monday.")
    assert "SUPPORT" not in got and "AGREE" not in got, summary(events, ents)


def test_naming_a_group_as_terrorists_accuses_it():
    # PLOVER ACCUSE: "criticize, defame, denigrate responsible parties"
    got, events, ents = by_type("Moscow named the Free Lions Brigade and the Red Hand as terrorists.")
    assert "ACCUSE" in got, summary(events, ents)
    assert "Moscow" in names(ents, got["ACCUSE"].actors)


def test_naming_a_minister_is_no_accusation():
    got, events, ents = by_type("President Silva named Ivan Petrov as the new defence minister.")
    assert "ACCUSE" not in got, summary(events, ents)


def test_counting_on_another_to_act_is_a_request():
    # an appeal that another act: PLOVER REQUEST, as "called on X to"
    got, events, ents = by_type('Marta Silva wrote, "I count on Russia to act with restraint."')
    assert "REQUEST" in got, summary(events, ents)
    assert "Russia" in names(ents, got["REQUEST"].recipients)


def test_counting_on_allies_is_no_request():
    got, events, ents = by_type("We can count on our allies.")
    assert "REQUEST" not in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    'Ivan Petrov said, "They need to stand by us."',
    "Ivan Petrov said the ministers have to resign.",
])
def test_an_obligation_stated_with_a_semi_modal_is_a_request(text):
    # "X said Y must Z" is a REQUEST; "need to", "have to" state the same obligation
    got, events, ents = by_type(text)
    assert "REQUEST" in got, summary(events, ents)


def test_our_own_need_is_no_request():
    got, events, ents = by_type('Ivan Petrov said, "We need to stay calm."')
    assert "REQUEST" not in got, summary(events, ents)


def test_a_person_named_by_a_pronoun_is_released():
    got, events, ents = by_type("Ivan Petrov was jailed for fraud in 2009. He was released in 2018.")
    assert {"COERCE", "CONCEDE"} <= set(got), summary(events, ents)


def test_a_document_released_by_a_pronoun_subject_is_no_release():
    got, events, ents = by_type("The ministry wrote a report. It was released on Monday.")
    assert "CONCEDE" not in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "Bystanders struck the gunman with their fists.",
    "One woman hit the robber with a chair.",
    "A guard punched the prisoner on Monday.",
])
def test_blows_with_fists_or_a_blunt_object_are_an_assault(text):
    # PLOVER ASSAULT 'beat': fists, kicks, punches; blunt instruments add 'primitive'
    got, events, ents = by_type(text)
    assert "ASSAULT" in got, summary(events, ents)


@pytest.mark.parametrize("text", [
    "The storm hit the coast with heavy rain.",
    "Critics hit the plan with a barrage of complaints.",
])
def test_hitting_with_no_weapon_is_no_beating(text):
    got, events, ents = by_type(text)
    assert "ASSAULT" not in got, summary(events, ents)


def test_a_titled_pair_on_the_phone_consults():
    # the parser may hang "and Peruvian President B" deep inside the subject phrase; the
    # coordination still makes the doer plural (the `pair` condition)
    got, events, ents = by_type("On May 3, Chilean President Marta Silva and Peruvian President Ivan Petrov spoke on the phone.")
    assert "CONSULT" in got, summary(events, ents)
