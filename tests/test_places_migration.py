"""Migration 0010 on a database with rows: places stored before it have no coordinates until
`kb db places`, and the views gain their place columns at the end."""
from __future__ import annotations

from sqlalchemy import inspect, text

from clikit import kb, kb_json
from kb.store import db as dbm
from kb.store.views import view


def test_upgrade_keeps_rows_and_db_places_fills_the_views(db_url):
    engine = dbm.make_engine(db_url)
    dbm.upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, text, content_hash, extractor_version) "
                          "VALUES (1, 'Protesters marched in Caracas.', 'h1', '1')"))
        conn.execute(text("INSERT INTO sentences (id, document_id, sentence_index, start_char, end_char, text) "
                          "VALUES (1, 1, 0, 0, 30, 'Protesters marched in Caracas.')"))
        conn.execute(text("INSERT INTO entities (id, name, name_key, type, country) VALUES "
                          "(1, 'Caracas', 'caracas', 'GPE', 'VEN')"))
        conn.execute(text("INSERT INTO mentions (id, entity_id, document_id, sentence_id, start_char, end_char, text) "
                          "VALUES (1, 1, 1, 1, 22, 29, 'Caracas')"))
        conn.execute(text("INSERT INTO events (id, document_id, sentence_id, type, trigger, start_char, end_char, "
                          "location_id, negated, hypothetical, future, confidence) "
                          "VALUES (1, 1, 1, 'PROTEST', 'marched', 11, 18, 1, false, false, false, 0.8)"))
    dbm.ensure_schema(engine)
    columns = [c["name"] for c in inspect(engine).get_columns("event_view")]
    assert columns == view("event_view").column_names  # the new ones at the end, as views.py says
    assert columns[-4:] == ["latitude", "longitude", "location_admin1", "location_geonameid"]
    assert [c["name"] for c in inspect(engine).get_columns("entity_view")][-4:] == \
        ["latitude", "longitude", "admin1", "geonameid"]
    engine.dispose()
    before = kb_json("sql", "SELECT location, latitude FROM event_view", db=db_url)
    assert before == [{"location": "Caracas", "latitude": None}]

    res = kb("db", "places", db=db_url)
    assert res.exit_code == 0, res.output
    assert "1 placed now" in res.stdout
    after = kb_json("sql", "SELECT location, latitude, longitude, location_geonameid FROM event_view", db=db_url)
    assert after[0]["location_geonameid"] == 3646738  # GeoNames: Caracas
    assert 10 < after[0]["latitude"] < 11 and -67.5 < after[0]["longitude"] < -66.5


def test_downgrade_to_0006_removes_the_place_columns(db_url):
    engine = dbm.open_database(db_url)
    dbm.downgrade(engine, "0006")
    assert "geonameid" not in [c["name"] for c in inspect(engine).get_columns("entities")]
    assert "latitude" not in [c["name"] for c in inspect(engine).get_columns("event_view")]
    dbm.upgrade(engine)
    assert "latitude" in [c["name"] for c in inspect(engine).get_columns("event_view")]
    engine.dispose()
