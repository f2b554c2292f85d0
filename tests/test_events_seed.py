"""The seed article (data/samples): expectations E1..E12 of its gold annotation, checked through
the test entity builder."""
import datetime as dt
from pathlib import Path

import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "russia-venezuela-deals-2024-11-08.txt"


@pytest.fixture(scope="module")
def seed():
    events, ents, doc = run(SAMPLE.read_text(encoding="utf-8"), dt.date(2024, 11, 8))
    sents = [s.text for s in doc.sents]
    return events, ents, sents


def find(seed, types, sentence_word, slots=()):
    events, ents, sents = seed
    out = []
    for e in events:
        if e.type not in types or sentence_word not in sents[e.sentence_index] + " " + e.trigger:
            continue
        found = names(ents, e.actors) | names(ents, e.recipients)
        if e.location_key:
            found |= names(ents, [e.location_key])
        if all(found & set(slot) for slot in slots):
            out.append(e)
    assert out, summary(events, ents)
    return out


def test_e1_signed_agreements(seed):
    (ev,) = find(seed, {"SUPPORT", "AGREE"}, "signed", [{"Russia"}, {"Venezuela", "Caracas"}])
    assert ev.date.iso == "2024-11-07"
    assert ev.count == 17
    assert names(seed[1], [ev.location_key]) == {"Caracas"}


def test_e2_visit(seed):
    (ev,) = find(seed, {"CONSULT"}, "visit", [{"Kremlin", "Russia"}])
    assert ev.date.iso == "2024-11-07"
    assert names(seed[1], [ev.location_key]) == {"Caracas"}


def test_e3_ready_to_support(seed):
    find(seed, {"AGREE", "AID", "SUPPORT", "COOPERATE"}, "weapons", [{"Venezuela"}])


def test_e4_agreed_to_cooperate(seed):
    find(seed, {"AGREE", "COOPERATE", "SUPPORT"}, "cooperate")


def test_e5_recognized(seed):
    find(seed, {"SUPPORT"}, "recogni", [{"Russia"}, {"Maduro", "Venezuela"}])


def test_e6_election_date(seed):
    evs = find(seed, {"ELECTION"}, "election")
    assert any(e.date and e.date.iso == "2024-07-28" for e in evs)


def test_e7_disputed(seed):
    find(seed, {"REJECT", "ACCUSE", "PROTEST", "ELECTION"}, "disputed")


def test_e8_protests(seed):
    find(seed, {"PROTEST"}, "protests")


def test_e9_backed(seed):
    find(seed, {"SUPPORT"}, "backed", [{"United States"}, {"Edmundo Gonzalez Urrutia"}])


def test_e11_defended_invasion(seed):
    find(seed, {"SUPPORT"}, "defended", [{"Maduro"}, {"Russia", "Ukraine"}])


def test_e12_death(seed):
    (ev,) = find(seed, {"DEATH"}, "death", [{"Hugo Chavez"}])
    assert ev.date.iso == "2013"


def test_no_event_from_speech_or_quotes(seed):
    events, ents, sents = seed
    assert not {e.trigger.lower() for e in events} & {"said", "told", "according"}
    assert len(events) <= 14, summary(events, ents)
