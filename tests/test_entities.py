"""The entity pass: one entity per thing inside a document, typed and coded by country."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kb.nlp.entities import find_entities
from kb.gazetteer import Gazetteer


def hand_doc(nlp, words, ents):
    """A Doc with named entities set by hand and no parse: tests the grouping rules alone."""
    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def by_name(index):
    return {e.name: e for e in index.entities.values()}


def test_surname_and_mistyped_surname_join_the_full_name(nlp):
    words = ["President", "Nicolas", "Maduro", "spoke", ".", "Maduro", "left", ".", "Maduro", "'s", "claim", "."]
    doc = hand_doc(nlp, words, [(1, 3, "PERSON"), (5, 6, "PERSON"), (8, 9, "ORG")])
    index, mentions, _ = find_entities(doc, Gazetteer.load())
    people = [e for e in index.entities.values() if e.type == "PERSON"]
    assert [p.name for p in people] == ["Nicolas Maduro"]
    assert "Maduro" in people[0].aliases
    assert len([m for m in mentions if m.entity_key == people[0].key]) == 3
    assert not [e for e in index.entities.values() if e.type == "ORG"]


def test_two_people_sharing_a_surname_stay_apart(nlp):
    words = ["Hillary", "Clinton", "met", "Bill", "Clinton", "."]
    doc = hand_doc(nlp, words, [(0, 2, "PERSON"), (3, 5, "PERSON")])
    index, _, _ = find_entities(doc, Gazetteer.load())
    assert sorted(e.name for e in index.entities.values()) == ["Bill Clinton", "Hillary Clinton"]


def test_country_variants_are_one_country_with_its_code(nlp):
    words = ["The", "United", "States", "and", "the", "U.S.", "Treasury", ";", "anti", "-", "U.S.", "views", "."]
    doc = hand_doc(nlp, words, [(0, 3, "GPE"), (10, 11, "GPE")])
    index, _, _ = find_entities(doc, Gazetteer.load())
    names = by_name(index)
    assert list(names) == ["United States"]
    assert names["United States"].country == "USA"


def test_demonym_is_a_mention_of_its_country(nlp):
    words = ["Venezuelan", "president", "Nicolas", "Maduro", "arrived", "."]
    doc = hand_doc(nlp, words, [(0, 1, "NORP"), (2, 4, "PERSON")])
    index, mentions, _ = find_entities(doc, Gazetteer.load())
    names = by_name(index)
    assert "Venezuelan" not in names
    assert names["Venezuela"].country == "VEN" and names["Venezuela"].type == "GPE"
    assert any(m.text == "Venezuelan" and m.entity_key == names["Venezuela"].key for m in mentions)


def test_titles_and_photo_credits_are_not_part_of_names(nlp):
    words = ["Deputy", "Prime", "Minister", "Dmitry", "Chernyshenko", "and", "the", "Miraflores", "Palace", "'s", "gate"]
    doc = hand_doc(nlp, words, [(0, 5, "PERSON"), (6, 10, "FAC")])
    index, _, _ = find_entities(doc, Gazetteer.load())
    assert set(by_name(index)) == {"Dmitry Chernyshenko", "Miraflores Palace"}


def test_capital_and_seat_of_government_get_the_country_code(nlp):
    words = ["Caracas", "drew", "closer", "to", "the", "Kremlin", "."]
    doc = hand_doc(nlp, words, [(0, 1, "GPE"), (5, 6, "ORG")])
    index, _, _ = find_entities(doc, Gazetteer.load())
    names = by_name(index)
    assert names["Caracas"].country == "VEN"
    assert names["Kremlin"].country == "RUS"


@pytest.mark.parametrize("text,pronoun,expected", [
    ("Russian minister Dmitry Chernyshenko told Delcy Rodriguez that his country stood ready.", "his", "Dmitry Chernyshenko"),
    ("Angela Merkel arrived on Monday. She met the press.", "She", "Angela Merkel"),
])
def test_pronouns_point_at_the_person_meant(nlp, text, pronoun, expected):
    from kb.nlp.entities import resolve_references

    doc = nlp(text)
    index, _, _ = find_entities(doc, Gazetteer.load())
    resolve_references(doc, index, lambda code: next(k for k, e in index.entities.items() if e.country == code))
    tok = next(t for t in doc if t.text == pronoun)
    assert index.entities[index.by_token[tok.i]].name == expected


def test_the_two_countries_are_the_last_two_named(nlp):
    from kb.nlp.entities import resolve_references

    doc = nlp("Venezuela and Russia signed deals. The two countries agreed to cooperate.")
    index, _, _ = find_entities(doc, Gazetteer.load())
    resolve_references(doc, index, lambda code: None)
    tok = next(t for t in doc if t.text == "countries")
    assert sorted(index.entities[k].name for k in index.keys_at(tok)) == ["Russia", "Venezuela"]


def test_untagged_lone_surname_is_the_person_named_in_full(nlp):
    # "Quirin denied it": the tagger now and then leaves a lone surname unlabelled; a proper noun
    # that is the surname of exactly one person named in full before it is that person
    doc = nlp("Marta Silva met Ivan Petrovsky in Lisbon. Petrovsky denied everything.")
    last = [t.i for t in doc if t.text == "Petrovsky"][-1]
    doc.ents = [e for e in doc.ents if not e.start <= last < e.end]
    index, mentions, _ = find_entities(doc, Gazetteer.load())
    person = by_name(index)["Ivan Petrovsky"]
    assert any(m.entity_key == person.key and m.text == "Petrovsky" for m in mentions)


def test_untagged_surname_after_a_day_name_is_still_the_person(nlp):
    # "Later on Tuesday Petrovsky met ...": the day before the surname is no part of a longer name
    doc = nlp("Marta Silva met Ivan Petrovsky in Lisbon. Later on Tuesday Petrovsky met the bankers.")
    last = [t.i for t in doc if t.text == "Petrovsky"][-1]
    doc.ents = [e for e in doc.ents if not e.start <= last < e.end]
    index, mentions, _ = find_entities(doc, Gazetteer.load())
    person = by_name(index)["Ivan Petrovsky"]
    assert any(m.entity_key == person.key and m.text == "Petrovsky" and m.start > doc[last - 1].idx for m in mentions)


def test_untagged_word_shared_by_two_surnames_stays_unlinked(nlp):
    doc = nlp("Hillary Clinton met Bill Clinton in Lisbon. Clinton denied everything.")
    last = [t.i for t in doc if t.text == "Clinton"][-1]
    doc.ents = [e for e in doc.ents if not e.start <= last < e.end]
    _, mentions, _ = find_entities(doc, Gazetteer.load())
    assert not any(m.text == "Clinton" and m.start > doc[last - 1].idx for m in mentions)
