"""Participants resolved to country and sector: by the actor book at the event's date, by the
agent word their phrase is built on, by the article's country for organs of state. Invented names."""
from __future__ import annotations

import datetime as dt

import pytest

from kb.nlp.actors import Actor, ActorBook, ActorCode
from kb.nlp.extract import analyse

QUENTAL = Actor("Zorba Quental", ("Quental",), (ActorCode("ZAF", "GOV", dt.date(2015, 1, 1), dt.date(2019, 6, 1)),))


@pytest.fixture(scope="module")
def book():
    return ActorBook.builtin().extended([QUENTAL])


def participants(nlp, book, text, published):
    ex = analyse(nlp(text), published, book=book)
    out = []
    for ev in ex.events:
        for role, keys in (("actor", ev.actors), ("recipient", ev.recipients)):
            for k in keys:
                ent = ex.entity(k)
                out.append((ev.type, role, ent.name, ent.country, ev.sectors.get((role, k))))
    return out


def test_a_dictionary_name_gets_country_and_the_sector_of_the_events_date(nlp, book):
    text = "Zorba Quental criticised Norway on Monday."
    assert ("ACCUSE", "actor", "Zorba Quental", "ZAF", "GOV") in participants(nlp, book, text, dt.date(2016, 3, 2))
    # out of office by then: still South African, but no longer the government
    assert ("ACCUSE", "actor", "Zorba Quental", "ZAF", None) in participants(nlp, book, text, dt.date(2021, 3, 2))


def test_a_nationality_the_text_states_wins_over_the_dictionary(nlp, book):
    got = participants(nlp, book, "Norwegian businessman Zorba Quental accused Sweden of lying.", dt.date(2016, 3, 2))
    # the stated title gives the sector (a businessman is BUS), the stated nationality the country
    assert ("ACCUSE", "actor", "Zorba Quental", "NOR", "BUS") in got


def test_an_agent_word_gives_the_sector_of_a_country_participant(nlp, book):
    # CAMEO codes "French police" as FRA + COP: the country from the modifier, the sector from the noun
    got = participants(nlp, book, "French police arrested three men in Lyon on Friday.", dt.date(2016, 3, 2))
    assert ("COERCE", "actor", "France", "FRA", "COP") in got


def test_an_organ_of_state_named_alone_takes_the_articles_country(nlp, book):
    text = "Sweden has tightened its borders. The Interior Ministry condemned the attack on a mosque in Sweden."
    got = participants(nlp, book, text, dt.date(2016, 3, 2))
    assert ("ACCUSE", "actor", "Interior Ministry", "SWE", "GOV") in got


def test_a_title_gives_its_holder_a_sector(nlp, book):
    got = participants(nlp, book, "Norwegian Prime Minister Edda Vasskog criticised Sweden on Monday.", dt.date(2016, 3, 2))
    assert ("ACCUSE", "actor", "Edda Vasskog", "NOR", "GOV") in got


def test_the_actor_ruler_keeps_organisation_names_whole(nlp):
    # the statistical model alone reads "Amnesty International's" as one ORG and misses
    # "Human Rights Watch"; the ruler holds names from the actor book ahead of it
    doc = nlp("Amnesty International's director Edda Vasskog met Human Rights Watch researchers in Oslo.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Amnesty International", "ORG"), ("Human Rights Watch", "ORG"), ("Edda Vasskog", "PERSON")} <= ents
