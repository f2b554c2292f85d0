"""Titles of people, from real parses: before the name, in appositions, former ones, tenures."""
from __future__ import annotations

import pytest

from kb.nlp.extract import analyse


def roles_of(nlp, text, published=None):
    ex = analyse(nlp(text), published)
    names = {e.key: e for e in ex.entities}
    return [(names[r.person_key].name, r.title, names[r.of_key].name if r.of_key else None, r.former,
             r.start_year, r.end_year) for r in ex.roles], names


@pytest.mark.parametrize("text,person,title,of", [
    ("Russian Deputy Prime Minister Dmitry Chernyshenko arrived in Caracas.", "Dmitry Chernyshenko", "deputy prime minister", "Russia"),
    ("Venezuelan Vice President Delcy Rodriguez met him.", "Delcy Rodriguez", "vice president", "Venezuela"),
    ("Delcy Rodriguez, the vice president of Venezuela, met him.", "Delcy Rodriguez", "vice president", "Venezuela"),
    ("U.N. Secretary-General Kofi Annan spoke on Monday.", "Kofi Annan", "secretary-general", "United Nations"),
    ("German Chancellor Angela Merkel spoke in Berlin.", "Angela Merkel", "chancellor", "Germany"),
])
def test_title_and_what_it_is_of(nlp, text, person, title, of):
    roles, _ = roles_of(nlp, text)
    assert (person, title, of) in [(p, t, o) for p, t, o, *_ in roles]


def test_people_take_the_country_of_their_office(nlp):
    _, names = roles_of(nlp, "Russian Deputy Prime Minister Dmitry Chernyshenko arrived in Caracas.")
    person = next(e for e in names.values() if e.name == "Dmitry Chernyshenko")
    assert person.country == "RUS" and not person.country_inferred


def test_former_titles_are_marked(nlp):
    roles, _ = roles_of(nlp, "Former President Jimmy Carter visited Atlanta on Monday.")
    assert [(p, t, former) for p, t, _, former, *_ in roles] == [("Jimmy Carter", "president", True)]


def test_years_in_office_when_the_text_gives_them(nlp):
    roles, _ = roles_of(nlp, "Venezuela drew closer to Russia under socialist leader Hugo Chavez, who led the "
                             "country from 1999 until his death in 2013.")
    tenure = [r for r in roles if r[4]]
    assert tenure == [("Hugo Chavez", "leader", "Venezuela", True, 1999, 2013)]


def test_no_role_without_a_title(nlp):
    roles, _ = roles_of(nlp, "Nicolas Maduro and Dmitry Chernyshenko walked into the room.")
    assert roles == []


def test_a_one_line_item_lends_its_only_country_to_a_titled_person(nlp):
    # an invented name: the actor book knows real presidents, and a known country is no guess
    _, names = roles_of(nlp, "President Odur Kamwenya has banned opposition rallies in Uganda.")
    person = next(e for e in names.values() if e.name == "Odur Kamwenya")
    assert person.country == "UGA" and person.country_inferred


def test_a_long_article_needs_its_country_named_twice(nlp):
    # an invented president: the actor book would give a real one his country, guess or not
    text = ("President Odur Kamwenya spoke on Monday. He praised the new budget. "
            "He also imposed sanctions on the Taliban in Afghanistan.")
    _, names = roles_of(nlp, text)
    assert next(e for e in names.values() if e.name == "Odur Kamwenya").country is None


def test_a_plural_title_before_coordinated_names_is_each_ones(nlp):
    roles, _ = roles_of(nlp, "Senators Marco Rubio and Mike Lee voted against the bill.")
    got = {(p, t) for p, t, *_ in roles}
    assert {("Marco Rubio", "senator"), ("Mike Lee", "senator")} <= got


@pytest.mark.parametrize("text,person,title", [
    ('"Call us," said Detective Inspector Steven Jones.', "Steven Jones", "detective inspector"),
    ("Businessman Stephen Schwarzman said the president should accept the outcome.", "Stephen Schwarzman", "businessman"),
    ("The court ruled for the plaintiff, Eva Glawischnig-Piesczek, a politician in Austria.", "Eva Glawischnig-Piesczek", "politician"),
])
def test_occupations_and_police_ranks_are_titles(nlp, text, person, title):
    roles, _ = roles_of(nlp, text)
    assert (person, title) in {(p, t) for p, t, *_ in roles}
