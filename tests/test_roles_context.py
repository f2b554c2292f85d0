"""Titles the parse does not hand over as a plain apposition: a minister's brief before the
title, "TITLE, NAME," whatever the parser made of the commas, titles after "be"/"become", and
"counterparts" taking the title of the person they are counterparts of. Invented sentences."""
from __future__ import annotations

from kb.nlp.extract import analyse
from nlpkit import nlp_fixture

nlp = nlp_fixture()


def roles_of(nlp, text):
    ex = analyse(nlp(text), None)
    names = {e.key: e for e in ex.entities}
    return {(names[r.person_key].name, r.title, names[r.of_key].name if r.of_key else None, r.former)
            for r in ex.roles}, names


def titles(roles, person):
    return {t for p, t, _, _ in roles if p == person}


def test_ministers_brief_is_part_of_the_title(nlp):
    roles, _ = roles_of(nlp, '"The search is over," Deputy Emergency Situations Minister Karl Moss told reporters.')
    assert "deputy emergency situations minister" in titles(roles, "Karl Moss")
    roles, _ = roles_of(nlp, "He was told by Fisheries Minister Anna Holm that the port would close.")
    assert "fisheries minister" in titles(roles, "Anna Holm")


def test_brief_stops_at_a_nationality(nlp):
    roles, _ = roles_of(nlp, "Swedish Fisheries Minister Anna Holm visited the port.")
    assert ("Anna Holm", "fisheries minister", "Sweden", False) in roles


def test_title_phrase_before_comma_and_name(nlp):
    roles, _ = roles_of(nlp, "According to the Springfield mayor, Dee Lamb, during the weekend, the roads were "
                             "closed.")
    assert "mayor" in titles(roles, "Dee Lamb")
    roles, _ = roles_of(nlp, "The mayor of Lyon, Claire Dubois, wrote on Twitter that the city was mourning.")
    assert "mayor" in titles(roles, "Claire Dubois")


def test_title_after_become_and_be(nlp):
    roles, _ = roles_of(nlp, "Tom Reed became leader of the Green Party and deputy mayor after Ann Lee stepped "
                             "down.")
    assert {"leader", "deputy mayor"} <= titles(roles, "Tom Reed")
    roles, _ = roles_of(nlp, "Joe Carter is a leading candidate for the Democratic nomination.")
    assert "candidate" in titles(roles, "Joe Carter")


def test_no_title_after_a_negated_be(nlp):
    roles, _ = roles_of(nlp, "Tom Reed is not the leader of the Green Party.")
    assert "leader" not in titles(roles, "Tom Reed")


def test_counterparts_take_the_title_and_their_nations_in_order(nlp):
    roles, names = roles_of(nlp, "Swedish foreign minister Eva Lind and her Danish and Finnish counterparts, "
                                 "Karl Moss and Anna Holm, respectively, met in Oslo.")
    assert ("Karl Moss", "foreign minister", "Denmark", False) in roles
    assert ("Anna Holm", "foreign minister", "Finland", False) in roles
    assert names_country(names, "Anna Holm") == "FIN"


def names_country(names, name):
    return next(e.country for e in names.values() if e.name == name)


def test_title_for_a_named_body_is_of_that_body(nlp):
    roles, _ = roles_of(nlp, "The case was filed by prosecutor Ann Lee, the U.S. Attorney for the Northern "
                             "District of Ohio.")
    assert ("Ann Lee", "attorney", "Northern District of Ohio", False) in roles


def _speakers(nlp, text):
    import datetime as dt
    ex = analyse(nlp(text), dt.date(2020, 1, 1))
    names = {e.key: e.name for e in ex.entities}
    return [(names.get(q.speaker_key), q.text) for q in ex.quotes]


def test_the_title_alone_refers_back_to_its_one_holder(nlp):
    quotes = _speakers(nlp, "German Chancellor Anna Berg met Karl Moss in Berlin on Monday. The chancellor said "
                            "the talks had gone well and would continue in May.")
    assert ("Anna Berg", "the talks had gone well and would continue in May") in quotes


def test_the_title_with_two_holders_stays_unresolved(nlp):
    quotes = _speakers(nlp, "President Anna Berg met President Karl Moss in Berlin on Monday. The president said "
                            "the talks had gone well and would continue in May.")
    assert not [s for s, t in quotes if "talks had gone well" in t and s is not None]
