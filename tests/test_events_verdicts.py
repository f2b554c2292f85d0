"""Verdicts in speech (issue 13, point 3; PLOVER ACCUSE "criticize, denigrate responsible parties",
SUPPORT "commend ... actor"): a verb of saying, calling or describing whose content, predicate or
quoted words pass a clearly negative verdict (kb.nlp.valence, VADER's word valences) on a party the
text names is that speaker's ACCUSE toward the party; clear praise is SUPPORT. A verdict on a state
of things, a negated reproach and neutral content are no event. Every sentence is invented."""
import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def coded(text):
    events, ents, _ = run(text)
    return [(e.type, sorted(names(ents, e.actors)), sorted(names(ents, e.recipients))) for e in events], \
        summary(events, ents)


# ---- "X said [Y did Z]": the object of the content clause carries the verdict -----------------


def test_a_negative_verdict_on_a_named_party_is_an_accusation():
    got, s = coded("Professor Maria Lopez said the Fenwick Institute demonstrated a shocking ignorance of the law.")
    assert got == [("ACCUSE", ["Maria Lopez"], ["Fenwick Institute"])], s


def test_a_positive_verdict_on_a_named_party_is_support():
    got, s = coded("Maria Lopez said Helmut Brandt made the right decision.")
    assert got == [("SUPPORT", ["Maria Lopez"], ["Helmut Brandt"])], s


def test_what_befell_a_party_is_no_verdict_on_it():
    got, s = coded("Maria Lopez said the Fenwick Institute faces a terrible crisis.")
    assert got == [], s


# ---- "X said [Y was Z]": the copula's predicate -----------------------------------------------


def test_an_unfair_deed_of_a_named_party_is_an_accusation():
    got, s = coded("Maria Lopez said the Fenwick Institute's decision was deeply unfair.")
    assert got == [("ACCUSE", ["Maria Lopez"], ["Fenwick Institute"])], s


def test_a_negated_praise_word_is_a_reproach():
    got, s = coded("Maria Lopez said the Fenwick Institute's plan was not fair.")
    assert got == [("ACCUSE", ["Maria Lopez"], ["Fenwick Institute"])], s


def test_a_negated_reproach_is_no_event():
    got, s = coded("Maria Lopez said the Fenwick Institute's plan was not bad.")
    assert got == [], s


def test_a_verdict_on_a_state_of_things_accuses_no_one():
    got, s = coded("Maria Lopez said the flood was terrible.")
    assert got == [], s


def test_neutral_content_of_speech_is_no_event():
    got, s = coded("Maria Lopez said the Fenwick Institute's plan was ready.")  # "ready" 1.5: mild
    assert not [g for g in got if g[0] in ("ACCUSE", "SUPPORT")], s


def test_the_speakers_own_pride_in_a_named_party_is_support():
    got, s = coded("Maria Lopez tweeted she was proud of Helmut Brandt.")
    assert got == [("SUPPORT", ["Maria Lopez"], ["Helmut Brandt"])], s


# ---- "X called Y Z", "X described Y as Z" -----------------------------------------------------


def test_calling_a_named_party_a_liar_is_an_accusation():
    got, s = coded("Maria Lopez called Helmut Brandt a liar.")
    assert got == [("ACCUSE", ["Maria Lopez"], ["Helmut Brandt"])], s


def test_calling_a_plan_a_waste_of_time_is_an_accusation():
    got, s = coded('Helmut Brandt called the proposal "a waste of time".')
    assert [g[:2] for g in got] == [("ACCUSE", ["Helmut Brandt"])], s


def test_calling_a_party_a_hero_is_support():
    got, s = coded("Maria Lopez called Helmut Brandt a hero.")
    assert got == [("SUPPORT", ["Maria Lopez"], ["Helmut Brandt"])], s


def test_describing_a_ruling_as_disgraceful_is_an_accusation():
    got, s = coded("Maria Lopez described the ruling as disgraceful.")
    assert [g[:2] for g in got] == [("ACCUSE", ["Maria Lopez"])], s


def test_describing_a_ruling_as_lengthy_is_no_event():
    got, s = coded("Maria Lopez described the ruling as lengthy.")
    assert got == [], s


def test_the_speakers_own_belief_carries_the_verdict():
    got, s = coded('Maria Lopez said, "I understand Helmut Brandt made the right decision for the country".')
    assert got == [("SUPPORT", ["Maria Lopez"], ["Helmut Brandt"])], s


def test_a_deed_told_is_no_verdict():
    got, s = coded("Helmut Brandt said the Fenwick Institute had carried out the attack.")
    assert not [g for g in got if g[0] in ("ACCUSE", "SUPPORT")], s


def test_calling_a_state_of_things_the_worst_accuses_no_one():
    got, s = coded("The United Nations called the humanitarian crisis the worst in the world.")
    assert got == [], s


def test_a_verdict_with_no_speaker_is_no_event():
    got, s = coded("Cranes were used to demolish sections deemed dangerous.")
    assert got == [], s


def test_considering_it_inappropriate_for_a_party_to_act_is_an_accusation():
    got, s = coded("The minister considered it inappropriate for Helmut Brandt to run for office.")
    assert [g[0] for g in got] == ["ACCUSE"], s


def test_a_negative_noun_the_party_holds_is_no_verdict_without_an_adjective():
    got, s = coded("Helmut Brandt said the Fenwick Institute poses a threat to the region.")
    assert not [g for g in got if g[0] in ("ACCUSE", "SUPPORT")], s


# ---- a reproach with no party named as its object (issue 13, kind 5: reactions coded ACCUSE) ----
@pytest.mark.parametrize("text", [
    'Senator Marta Silva said, "For years the ministers have abused their power and ignored the will of the voters."',
    'Prosecutor Ivan Petrov said the doctor "fuelled a vicious cycle of addiction, despair and destruction."',
    'Senator Marta Silva said, "The current law has meant a threat of ten years in jail for nurses and that is not okay."',
])
def test_a_named_speakers_strong_reproach_is_an_accusation(text):
    # PLOVER ACCUSE: criticize, condemn; the statement's words as a whole reproach (VADER's
    # compound score at or below words.REPROACH_VALENCE), and the clause is about a party or a deed
    events, ents, _ = run(text)
    acc = [e for e in events if e.type == "ACCUSE"]
    assert acc, summary(events, ents)
    assert names(ents, acc[0].actors) & {"Marta Silva", "Ivan Petrov"}, summary(events, ents)


@pytest.mark.parametrize("text", [
    "Mayor Marta Silva said the weather had been terrible and dangerous all week.",  # a state of things
    'Mayor Marta Silva said, "We are not prepared to risk the disaster of a terrible and dangerous deal."',  # own stance
    'Mayor Marta Silva said, "This is a tragic and terrible loss for our city."',  # grief
    "Commander Ivan Petrov said the gunmen attacked the village with terrible brutality.",  # a reported act
    'Mayor Marta Silva said, "The plan is a good one, and a fair one."',  # praise
])
def test_other_statements_with_bad_words_accuse_nobody(text):
    events, ents, _ = run(text)
    assert not [e for e in events if e.type == "ACCUSE"], summary(events, ents)


def test_a_reproach_of_an_unnamed_speaker_is_no_event():
    # only the writer's report of a named speaker: "he said" with nobody named before is no one
    events, ents, _ = run('He said, "For years the ministers have abused their power and ignored the voters."')
    assert not [e for e in events if e.type == "ACCUSE"], summary(events, ents)


def test_a_hyphenated_verdict_is_read_as_one_word():
    # "anti-democratic" is three tokens to the tagger, and its last part alone praises
    events, ents, _ = run("Marta Silva called the council's decision anti-democratic.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)


def test_a_disruption_is_a_deed_its_doers_answer_for():
    events, ents, _ = run("Marta Silva called the council's interference anti-democratic and oppressive.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)
