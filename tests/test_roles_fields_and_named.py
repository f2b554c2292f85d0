"""Roles the title word alone misses: the field compounded with it is part of the post ("tour
manager", "criminology professor"), the body named before the field is where the post is, and
"a chef named X" gives X the post. Every sentence is invented."""
from kb.gazetteer import Gazetteer
from kb.nlp.entities import find_entities
from kb.nlp.roles import find_roles


def _roles(nlp, text):
    doc = nlp(text)
    index, _, _ = find_entities(doc, Gazetteer.load())
    roles = find_roles(doc, index, Gazetteer.load(), lambda code: code)
    return {(index.entities[r.person_key].name, r.title,
             index.entities[r.of_key].name if r.of_key in index.entities else r.of_key) for r in roles}


def test_the_field_before_a_title_is_part_of_it_and_the_body_before_that_its_place(nlp):
    got = _roles(nlp, "Dorvik State University criminology professor Anna Berg told the press it was rare.")
    assert ("Anna Berg", "criminology professor", "Dorvik State University") in got, got


def test_a_kind_of_manager_keeps_its_kind(nlp):
    got = _roles(nlp, "Another victim was tour manager Karl Weiss, 24, from Varnholm.")
    assert any(person == "Karl Weiss" and title == "tour manager" for person, title, _ in got), got


def test_a_post_introduced_by_named_is_the_persons(nlp):
    got = _roles(nlp, "Another man, a chef named Omar Saleh, fought the attacker with a tusk.")
    assert any(person == "Omar Saleh" and title == "chef" for person, title, _ in got), got
