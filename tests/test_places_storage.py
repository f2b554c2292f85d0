"""Places get their coordinates when stored, show them in JSON and the views, and count for
their country; `kb db places` fills the ones stored before."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from clikit import kb, kb_json
from kb.store import db as dbm

ARTICLE = ("Police arrested 20 protesters in Bakersfield on Monday.\n\n"
           "A tornado destroyed homes in Paris, Texas, on Monday, officials said.")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def placed_db(module_db_url):
    res = kb("ingest", "-", db=module_db_url, input=ARTICLE)
    assert res.exit_code == 0, res.output
    return module_db_url


def _entity(db, name):
    return next(e for e in kb_json("entities", db=db) if e["name"] == name)


def test_a_city_gets_coordinates_admin1_and_geonames_id(placed_db):
    city = _entity(placed_db, "Bakersfield")
    assert city["country"] == "USA" and city["admin1"] == "CA" and city["geonameid"] == 5325738
    assert city["lat"] == pytest.approx(35.37, abs=0.05) and city["lon"] == pytest.approx(-119.02, abs=0.05)


def test_the_state_in_the_text_decides_which_paris(placed_db):
    paris = _entity(placed_db, "Paris")
    assert (paris["country"], paris["admin1"]) == ("USA", "TX")


def test_event_json_and_views_carry_the_place_coordinates(placed_db):
    ev = next(e for e in kb_json("events", db=placed_db) if e["trigger"] == "arrested")
    assert ev["location"]["name"] == "Bakersfield" and ev["location"]["geonameid"] == 5325738
    rows = kb_json("sql", "SELECT location, latitude, longitude, location_admin1, location_geonameid FROM event_view "
                          "WHERE trigger = 'arrested'", db=placed_db)
    assert rows == [{"location": "Bakersfield", "latitude": ev["location"]["lat"], "longitude": ev["location"]["lon"],
                     "location_admin1": "CA", "location_geonameid": 5325738}]
    ent = kb_json("sql", "SELECT latitude, admin1, geonameid FROM entity_view WHERE name = 'Texas'", db=placed_db)
    assert ent[0]["admin1"] == "TX" and ent[0]["geonameid"] == 4736286 and 26 < ent[0]["latitude"] < 36


def test_a_country_filter_finds_events_in_its_cities(placed_db):
    # nobody in the sentence is American: only the place's country ties the arrest to the USA
    assert "arrested" in [e["trigger"] for e in kb_json("events", "--country", "USA", db=placed_db)]
    assert kb_json("events", "--country", "FRA", db=placed_db) == []


def test_db_places_fills_places_stored_without_coordinates(placed_db):
    engine = dbm.open_database(placed_db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE entities SET lat = NULL, lon = NULL, geonameid = NULL, admin1 = NULL, "
                          "feature_class = NULL, population = NULL"))
    engine.dispose()
    assert _entity(placed_db, "Bakersfield")["lat"] is None
    res = kb("db", "places", db=placed_db)
    assert res.exit_code == 0, res.output
    assert "3 placed now" in res.stdout
    assert _entity(placed_db, "Bakersfield")["geonameid"] == 5325738
    assert _entity(placed_db, "Paris")["admin1"] == "TX"  # the article's state, again
