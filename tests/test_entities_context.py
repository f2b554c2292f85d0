"""Entity rules that read the words around a name the tagger labelled: time zones and attitudes
are no entities, a street is a facility, "X, <state>" and "X region" are places, a web address is
an organisation, an acronym in brackets stands for its organisation everywhere, a one-letter
misspelling of a place joins it, and a bare title joins its one holder. Hand-built Docs, no model,
so each rule is tested alone; the names are invented."""
from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from kb.gazetteer import Gazetteer
from kb.nlp.entities import find_entities


@pytest.fixture(scope="module")
def vocab():
    return English().vocab


def entities(vocab, words, ents, **parse):
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1), **parse)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    index, _, _ = find_entities(doc, Gazetteer.load())
    return {e.name: e for e in index.entities.values()}, index


def test_time_zone_is_no_organisation(vocab):
    names, _ = entities(vocab, ["It", "began", "at", "1530", "UTC", "."], [(4, 5, "ORG")])
    assert names == {}


def test_anti_adjective_is_no_nationality(vocab):
    names, _ = entities(vocab, ["an", "anti-Muslim", "text"], [(1, 2, "NORP")])
    assert names == {}


def test_name_ending_in_avenue_is_a_facility(vocab):
    names, _ = entities(vocab, ["on", "Lenin", "Avenue", "."], [(1, 3, "PERSON")])
    assert names["Lenin Avenue"].type == "FAC"


def test_name_before_a_comma_and_a_state_is_a_place(vocab):
    # "Carter" is also a person's surname in the text; the state after it makes this one a town
    words = ["Mayor", "Ann", "Carter", "spoke", ".", "He", "lived", "in", "Carter", ",", "Texas", "."]
    names, _ = entities(vocab, words, [(1, 3, "PERSON"), (8, 9, "PERSON"), (10, 11, "GPE")])
    assert names["Carter"].type == "GPE"
    assert names["Ann Carter"].type == "PERSON"


def test_name_before_a_comma_and_a_country_stays_as_tagged(vocab):
    # "Smith, Mexico and Canada" lists parties: a country after the comma proves nothing
    words = ["John", "Smith", "met", "Smith", ",", "Mexico", "and", "Canada", "."]
    names, _ = entities(vocab, words, [(0, 2, "PERSON"), (3, 4, "PERSON"), (5, 6, "GPE"), (7, 8, "GPE")])
    assert "Smith" not in names and names["John Smith"].type == "PERSON"


def test_one_word_organisation_before_region_is_a_place(vocab):
    names, _ = entities(vocab, ["the", "Ozersk", "region", "governor"], [(1, 2, "ORG")])
    assert names["Ozersk"].type == "GPE"


def test_web_address_is_an_organisation(vocab):
    names, _ = entities(vocab, ["The", "site", "Vesti.ru", "reported", "it", "."], [])
    assert names["Vesti.ru"].type == "ORG"


def test_bracketed_acronym_stands_for_its_organisation_later(vocab):
    words = ["the", "Border", "Guard", "Service", "(", "BGS", ")", "said", ".", "The", "BGS", "denied", "it", "."]
    names, _ = entities(vocab, words, [(1, 4, "ORG"), (10, 11, "ORG")])
    assert list(names) == ["Border Guard Service"]
    assert "BGS" in names["Border Guard Service"].aliases


def test_one_letter_misspelling_of_a_place_joins_it(vocab):
    words = ["In", "Vorkutagrad", ",", "Vorkutagrad", "and", "Vorkatagrad", "."]
    names, _ = entities(vocab, words, [(1, 2, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")])
    assert list(names) == ["Vorkutagrad"] and names["Vorkutagrad"].aliases == ["Vorkatagrad"]


def test_bare_title_joins_the_one_person_with_that_title(vocab):
    words = ["the", "Queen", "left", ".", "Queen", "Margaret", "III", "spoke", "."]
    names, index = entities(vocab, words, [(0, 2, "PERSON"), (5, 7, "PERSON")])
    assert list(names) == ["Margaret III"]
    assert index.by_token[1] == index.by_token[5]


def test_bare_title_with_no_holder_is_no_name(vocab):
    names, _ = entities(vocab, ["the", "Queen", "left", "."], [(0, 2, "PERSON")])
    assert names == {}


def test_organisation_in_a_list_of_people_is_a_person(vocab):
    # "Ann Berg, Karl Moss and Eva Lind": the tagger called the middle name an organisation
    words = ["Ann", "Berg", ",", "Karl", "Moss", "and", "Eva", "Lind", "met", "."]
    heads = [1, 8, 1, 4, 1, 4, 7, 4, 8, 8]
    deps = ["compound", "nsubj", "punct", "compound", "conj", "cc", "compound", "conj", "ROOT", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    names, _ = entities(vocab, words, [(0, 2, "PERSON"), (3, 5, "ORG"), (6, 8, "PERSON")],
                        heads=heads, deps=deps, pos=pos)
    assert names["Karl Moss"].type == "PERSON"


def test_administrative_name_cut_before_of_place_takes_it_back(vocab):
    words = ["the", "Northern", "District", "of", "Ohio", "court"]
    names, _ = entities(vocab, words, [(1, 3, "LOC"), (4, 5, "GPE")])
    assert "Northern District of Ohio" in names and "Northern District" not in names


def test_capitalised_common_geographic_noun_is_no_place(vocab):
    names, _ = entities(vocab, ["the", "Law", "of", "the", "Sea", "applies"], [(4, 5, "LOC")])
    assert names == {}


def test_bracketed_acronym_the_gazetteer_knows_names_the_organisation(vocab):
    # the long form as written differs from the reference name; the known short form decides
    words = ["The", "International", "Labor", "Office", "(", "ILO", ")", "said", "."]
    names, _ = entities(vocab, words, [(1, 4, "ORG")])
    assert [(e.name, e.country) for e in names.values()] == [("International Labour Organization", "IGO")]


def test_two_places_joined_by_and_are_split_when_one_is_a_country(vocab):
    words = ["the", "sea", "between", "Rhodes", "and", "Cyprus", "."]
    names, _ = entities(vocab, words, [(3, 6, "ORG")])
    assert set(names) == {"Rhodes", "Cyprus"} and names["Cyprus"].country == "CYP"


def test_a_country_named_with_and_stays_whole(vocab):
    names, _ = entities(vocab, ["in", "Trinidad", "and", "Tobago", "."], [(1, 4, "GPE")])
    assert [e.country for e in names.values()] == ["TTO"]


def test_a_bare_definite_head_noun_refers_back_to_its_one_organisation(vocab):
    # "the embassy" after "the Velmar Embassy" is that embassy; "the committee", which no
    # organisation named before it ends in, is left alone
    from kb.nlp.entities import resolve_head_noun_references

    words = ["Staff", "wrote", "to", "the", "Velmar", "Embassy", ".", "The", "embassy", "declined", "the", "committee", "."]
    heads = [1, 1, 1, 5, 5, 2, 1, 8, 9, 9, 11, 9, 9]
    deps = ["nsubj", "ROOT", "prep", "det", "compound", "pobj", "punct", "det", "nsubj", "ROOT", "det", "dobj", "punct"]
    pos = ["NOUN", "VERB", "ADP", "DET", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["NNS", "VBD", "IN", "DT", "NNP", "NNP", ".", "DT", "NN", "VBD", "DT", "NN", "."]
    doc = Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    doc.ents = [Span(doc, 4, 6, label="ORG")]
    index, _, _ = find_entities(doc, Gazetteer.load())
    refs = resolve_head_noun_references(doc, index)
    assert [(index.entities[k].name, a.text, b.text) for k, a, b in refs] == [("Velmar Embassy", "The", "embassy")]
    assert 11 not in index.by_token
