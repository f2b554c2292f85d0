"""Span repairs: an organisation's name the tagger cut before the rest of its capitalised words
goes on through them, a place glued before a person's name after "Senator from" is split off,
and a place of several words inside an organisation's name gives its country. Hand-built Docs
with invented names."""
from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from kb.gazetteer import Gazetteer
from kb.nlp.entities import find_entities


@pytest.fixture(scope="module")
def vocab():
    return English().vocab


def entities(vocab, words, ents):
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    index, _, _ = find_entities(doc, Gazetteer.load())
    return {e.name: e for e in index.entities.values()}


def test_a_centre_name_goes_on_through_for_and_capitalised_words(vocab):
    words = ["The", "Varno", "Center", "for", "Coastal", "Studies", "obtained", "the", "files", "."]
    names = entities(vocab, words, [(0, 3, "ORG")])
    assert "Varno Center for Coastal Studies" in names
    assert "Varno Center" not in names


def test_a_cut_name_goes_on_through_a_capitalised_word_for_a_body(vocab):
    words = ["the", "manager", "of", "Varno", "Kel", "Media", "said", "so", "."]
    names = entities(vocab, words, [(3, 5, "ORG")])
    assert "Varno Kel Media" in names


def test_capitalised_words_without_a_word_for_a_body_are_not_taken(vocab):
    words = ["They", "met", "Varno", "Kel", "Tuesday", "Evening", "."]
    names = entities(vocab, words, [(2, 4, "ORG")])
    assert "Varno Kel" in names and "Varno Kel Tuesday Evening" not in names


def test_a_capitalised_title_before_a_person_is_not_taken_into_the_organisation(vocab):
    words = ["Varno", "Center", "Director", "Ann", "Berg", "said", "."]
    names = entities(vocab, words, [(0, 2, "ORG"), (3, 5, "PERSON")])
    assert "Varno Center" in names and "Ann Berg" in names


def test_a_state_glued_before_a_senators_name_is_split_off(vocab):
    words = ["Senator", "from", "Vermont", "Tobias", "Marlow", "said", "so", ".", "Marlow", "left", "."]
    names = entities(vocab, words, [(2, 5, "ORG"), (8, 9, "ORG")])
    assert names["Tobias Marlow"].type == "PERSON"
    assert "Marlow" in names["Tobias Marlow"].aliases
    assert "Vermont Tobias Marlow" not in names


def test_a_place_of_two_words_inside_an_organisations_name_gives_its_country(vocab):
    words = ["The", "Puerto", "Rico", "Tenants", "Council", "met", "."]
    names = entities(vocab, words, [(0, 5, "ORG")])
    assert names["Puerto Rico Tenants Council"].country == "PRI"


def _parsed(vocab, words, heads, deps, ents):
    doc = Doc(vocab, words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    index, _, _ = find_entities(doc, Gazetteer.load())
    return {e.name for e in index.entities.values()}


def test_a_name_cut_after_its_and_starts_at_its_first_capitalised_word(vocab):
    # "the House Oversight and Reform Committee" tagged as "Reform Committee": the words before it
    # hang on the same phrase (nmod, cc, conj)
    words = ["the", "House", "Oversight", "and", "Reform", "Committee", "met", "."]
    heads = [5, 5, 5, 2, 2, 6, 6, 6]
    deps = ["det", "nmod", "nmod", "cc", "conj", "nsubj", "ROOT", "punct"]
    names = _parsed(vocab, words, heads, deps, [(4, 6, "ORG")])
    assert "House Oversight and Reform Committee" in names and "Reform Committee" not in names


def test_a_capitalised_word_of_another_phrase_does_not_join_the_name(vocab):
    # "On Monday Reform Committee members met": the day is no part of the name
    words = ["Yesterday", "Varno", "said", "Reform", "Committee", "members", "met", "."]
    heads = [2, 2, 2, 4, 5, 6, 2, 2]
    deps = ["npadvmod", "nsubj", "ROOT", "compound", "compound", "nsubj", "ccomp", "punct"]
    names = _parsed(vocab, words, heads, deps, [(3, 5, "ORG")])
    assert "Reform Committee" in names


def test_a_title_before_a_name_tagged_as_an_organisation_stays_out(vocab):
    # "MP Tanya Davies" with "Tanya Davies" tagged ORG: no word for a body, so nothing is added
    words = ["the", "MP", "Tanya", "Davies", "spoke", "."]
    heads = [3, 3, 3, 4, 4, 4]
    deps = ["det", "compound", "compound", "nsubj", "ROOT", "punct"]
    names = _parsed(vocab, words, heads, deps, [(2, 4, "ORG")])
    assert not any(n.startswith("MP ") for n in names)
