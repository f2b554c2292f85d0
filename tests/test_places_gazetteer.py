"""Choosing the GeoNames entry a place name means, without the database or spaCy."""
from __future__ import annotations

import pytest

from kb.places import PlaceIndex, country_shapes


@pytest.fixture(scope="module")
def places():
    return PlaceIndex.load()


def test_the_biggest_place_of_a_name_wins_without_context(places):
    paris = places.resolve("Paris", "GPE")
    assert (paris.country, paris.feature_class) == ("FRA", "P")
    assert paris.lat == pytest.approx(48.85, abs=0.1) and paris.lon == pytest.approx(2.35, abs=0.1)


def test_a_us_state_named_in_the_article_picks_its_city(places):
    paris = places.resolve("Paris", "GPE", "FRA", {"FRA": 1, "USA": 1}, {places.state_after(", Texas, on Monday")})
    assert (paris.country, paris.admin1) == ("USA", "TX")
    assert paris.lat == pytest.approx(33.66, abs=0.1)


def test_the_article_countries_pick_among_same_named_cities(places):
    # Valencia, Venezuela is the bigger city; an article about Spain means the Spanish one
    assert places.resolve("Valencia", "GPE", None, {"ESP": 3}).country == "ESP"
    assert places.resolve("Valencia", "GPE", None, {"VEN": 3}).country == "VEN"


def test_a_stated_country_beats_population(places):
    assert places.resolve("Cordoba", "GPE", "ESP").country == "ESP"
    assert places.resolve("Cordoba", "GPE", "ARG").country == "ARG"


def test_an_english_or_older_name_finds_the_city(places):
    kyiv = places.resolve("Kiev", "GPE")
    assert (kyiv.name, kyiv.country) == ("Kyiv", "UKR")


def test_a_country_is_placed_inside_its_own_outline(places):
    france = places.resolve("France", "GPE")
    assert (france.feature_class, france.country, france.admin1) == ("A", "FRA", None)
    assert -5 < france.lon < 8 and 42 < france.lat < 51  # metropolitan France, not French Guiana


def test_a_country_too_small_for_the_outlines_gets_its_capital(places):
    assert "SGP" not in country_shapes()
    singapore = places.resolve("Singapore", "GPE")
    assert singapore.country == "SGP"
    assert singapore.lat == pytest.approx(1.29, abs=0.2) and singapore.lon == pytest.approx(103.85, abs=0.2)


def test_states_and_continents_are_places_too(places):
    texas = places.resolve("Texas", "GPE")
    assert (texas.country, texas.feature_class, texas.admin1) == ("USA", "A", "TX")
    assert 26 < texas.lat < 36 and -106 < texas.lon < -94
    assert places.resolve("Europe", "LOC").feature_class == "L"


def test_what_is_no_place_stays_unplaced(places):
    assert places.resolve("Qwxzyville", "GPE") is None
    assert places.resolve("Paris", "PERSON") is None  # only GPE, LOC and FAC are places
    assert places.resolve("United Nations", "ORG") is None
    assert places.resolve("United Nations", "GPE") is None  # an organisation, whatever spaCy says


def test_a_town_does_not_beat_a_world_city_for_being_in_the_articles_country(places):
    # a US story that mentions Paris means France unless it names Texas
    assert places.resolve("Paris", "GPE", None, {"USA": 5}).country == "FRA"


def test_a_state_outweighs_a_small_town_of_its_name(places):
    oregon = places.resolve("Oregon", "GPE", None, {"USA": 2})
    assert (oregon.feature_class, oregon.admin1) == ("A", "OR")


def test_a_name_kb_knows_as_a_city_means_the_city(places):
    washington = places.resolve("Washington", "GPE", "USA", {"USA": 2})
    assert (washington.feature_class, washington.admin1) == ("P", "DC")
    assert places.resolve("New York", "GPE", "USA").name == "New York City"


def test_only_a_state_written_after_the_name_moves_a_city(places):
    assert places.state_after(", Texas, on Monday") == "TX"
    assert places.state_after(", New Mexico.") == "NM"
    assert places.state_after(" and Texas") is None  # a list of places is not "City, State"
    # a state named elsewhere in the article does not make Mecca a town in Ohio
    assert places.resolve("Mecca", "GPE", None, {"USA": 3, "SAU": 1}).country == "SAU"


def test_a_town_missing_from_the_gazetteer_is_not_moved_to_another_state(places):
    # Antioch, Illinois has fewer than 15,000 people; Antioch, California is not it
    assert places.resolve("Antioch", "GPE", None, {"USA": 2}, {"IL"}) is None
    assert places.resolve("Antioch", "GPE", None, {"USA": 2}).admin1 == "CA"


def test_a_facility_is_not_a_city_that_lists_its_name(places):
    assert places.resolve("White House", "FAC", "USA") is None


def test_a_country_that_shares_a_state_name_is_the_country_after_a_comma(places):
    assert places.state_after(", Georgia, on Friday") is None
    assert places.resolve("Tbilisi", "GPE", None, {"GEO": 1}, set()).country == "GEO"
