"""Titles whose body follows the name ("King NAME of COUNTRY") and titles of international
office ("a UN rapporteur"). Every sentence is invented."""
from __future__ import annotations

from kb.nlp.extract import analyse


def roles_of(nlp, text):
    ex = analyse(nlp(text), None)
    names = {e.key: e for e in ex.entities}
    return [(names[r.person_key].name, r.title, names[r.of_key].name if r.of_key else None) for r in ex.roles]


def test_the_country_after_a_titled_name_is_what_the_title_is_of(nlp):
    assert ("Karl Weiss", "king", "Netherlands") in roles_of(nlp, "King Karl Weiss of the Netherlands visited Paris.")


def test_an_organisation_after_a_titled_name_is_left_to_other_rules(nlp):
    roles = roles_of(nlp, "President Anna Berg of Acme Corp resigned.")
    assert ("Anna Berg", "president", "Acme Corp") not in roles


def test_a_rapporteur_is_a_title(nlp):
    roles = roles_of(nlp, "Anna Berg, a UN rapporteur, cautioned patience.")
    assert any(p == "Anna Berg" and "rapporteur" in t for p, t, _ in roles), roles


def test_a_title_that_goes_on_with_of_is_read_whole(nlp):
    # "chief of staff": the "of" phrase completes a title the gazetteer knows, so it is no body
    roles = roles_of(nlp, "Tomas Vell, the governor's chief of staff, resigned on Monday.")
    assert any(p == "Tomas Vell" and t == "chief of staff" for p, t, _ in roles), roles


def test_a_relative_clause_with_be_gives_a_title(nlp):
    roles = roles_of(nlp, "Critics often clashed with Mara Lindqvist, who is the secretary of state.")
    assert any(p == "Mara Lindqvist" and t == "secretary of state" for p, t, _ in roles), roles


def test_an_occupation_before_a_name_is_a_title(nlp):
    roles = roles_of(nlp, "The photo showed him with actor Ned Pollard outside the court.")
    assert any(p == "Ned Pollard" and t == "actor" for p, t, _ in roles), roles


def test_an_occupation_in_apposition_is_a_title(nlp):
    roles = roles_of(nlp, "Greta Olsson, a retired nurse, said she drove all night.")
    assert any(p == "Greta Olsson" and "nurse" in t for p, t, _ in roles), roles


def test_a_police_rank_before_a_name_is_a_title(nlp):
    roles = roles_of(nlp, "The county's chief constable Piers Hadley wrote to the embassy.")
    assert any(p == "Piers Hadley" and t == "chief constable" for p, t, _ in roles), roles


def test_a_minister_of_a_portfolio_before_a_name(nlp):
    roles = roles_of(nlp, "The bomb was hidden in a cart, stated Minister of Fisheries Karl Branden on Friday.")
    assert any(p == "Karl Branden" and t.startswith("minister") for p, t, _ in roles), roles


def test_an_ambassador_to_a_country_before_a_name(nlp):
    roles = roles_of(nlp, "US Ambassador to Peru John Hadley alleged that the airline broke the rules.")
    assert any(p == "John Hadley" and t == "ambassador" for p, t, _ in roles), roles


def test_two_titles_joined_by_and_before_a_name(nlp):
    roles = roles_of(nlp, "Former campaign adviser and retired general Colin Marsh spoke on stage.")
    titles = {t for p, t, _ in roles if p == "Colin Marsh"}
    # the field compounded with a title is part of it ("campaign adviser")
    assert "campaign adviser" in titles and "general" in titles, roles


def test_a_title_before_a_comma_and_a_courtesy_title(nlp):
    roles = roles_of(nlp, "The general manager of Velmar Radio, Dr Omar bin Salem, blamed the rebels.")
    assert any(p == "Omar bin Salem" and t == "general manager" for p, t, _ in roles), roles
