"""Trigger words and their PLOVER categories: verbs, event nouns, light verbs, frames."""
import pytest

from eventkit import run, summary

pytestmark = pytest.mark.slow

CASES = [
    ("France and Germany signed a trade agreement on Monday.", "SUPPORT"),
    ("The president met his Chinese counterpart in Beijing.", "CONSULT"),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN"),
    ("Police arrested dozens of protesters in Paris.", "COERCE"),
    ("Thousands of workers staged a strike in Lagos.", "PROTEST"),
    ("The United Nations urged Israel to allow aid into Gaza.", "REQUEST"),
    ("Egypt condemned the bombing.", "ACCUSE"),
    ("Turkey rejected the proposal.", "REJECT"),
    ("Russian troops invaded Ukraine in 2022.", "ASSAULT"),
    ("Japan imposed sanctions on Russia.", "SANCTION"),
    ("The minister resigned on Friday.", "RETREAT"),
    ("China deployed warships near Taiwan.", "MOBILIZE"),
    ("Britain praised Jordan's reforms.", "SUPPORT"),
    ("Germany donated medical supplies to Ukraine.", "AID"),
    ("The government lifted the curfew in the capital.", "CONCEDE"),
    ("Brazil and Argentina agreed to cooperate on security.", "AGREE"),
    ("Spain extradited the suspect to France.", "COOPERATE"),
    ("Opposition supporters blocked roads in the capital.", "PROTEST"),
    ("Rebels shelled the city overnight.", "ASSAULT"),
    ("The former president died on Tuesday.", "DEATH"),
    ("Voters went to the polls in the March 3 election.", "ELECTION"),
    ("The court indicted the former minister.", "ACCUSE"),
    ("Soldiers opened fire on the crowd.", "ASSAULT"),
    ("Hungary expelled two Russian diplomats.", "SANCTION"),
]


@pytest.mark.parametrize("text,category", CASES)
def test_category(text, category):
    events, ents, _ = run(text)
    assert [e.type for e in events] == [category], summary(events, ents)


def test_light_verb_takes_the_noun_event_and_mode():
    events, ents, _ = run("The activist staged a hunger strike in prison.")
    assert [(e.type, e.mode, e.trigger) for e in events] == [("PROTEST", "strike-hun", "strike")]


def test_sign_needs_an_agreement_object():
    events, _, _ = run("The president signed the letter.")
    assert events == []


def test_call_for_sanctions_rallies_opposition():
    events, ents, _ = run("The archbishop called for sanctions against Nigeria.")
    assert [e.type for e in events] == ["ACCUSE"], summary(events, ents)


def test_call_off_a_strike_is_a_concession():
    events, _, _ = run("The union called off the strike on Thursday.")
    assert [e.type for e in events] == ["CONCEDE"]


def test_threatened_to_ban_is_one_threat_not_a_ban():
    events, _, _ = run("Israel has threatened to ban the broadcaster.")
    assert [(e.type, e.mode) for e in events] == [("THREATEN", "ban")]


def test_agreed_to_cooperate_is_agree():
    events, _, _ = run("The two sides agreed to cooperate on energy.")
    assert [e.type for e in events] == ["AGREE"]


def test_event_fields_come_from_the_category_table():
    events, _, _ = run("Rebels attacked the army base.")
    (ev,) = events
    assert (ev.cameo_root, ev.quad_class) == ("18,19,20", 4)
    events, _, _ = run("Germany donated medical supplies to Ukraine.")
    assert (events[0].cameo_root, events[0].quad_class) == ("07", 2)


def test_trigger_offsets_point_at_the_trigger():
    text = "Police arrested dozens of protesters in Paris."
    events, _, _ = run(text)
    ev = events[0]
    assert text[ev.start:ev.end] == ev.trigger == "arrested"
    assert ev.sentence_index == 0
