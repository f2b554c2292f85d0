"""places: GeoNames coordinates of GPE, LOC and FAC entities, shown in entity_view and event_view

``entities`` gains geonameid, lat, lon, feature_class, admin1 and population (kb fills them when it
stores a place; ``kb db places`` fills them for entities stored before). ``entity_view`` gains
latitude, longitude, admin1, geonameid and ``event_view`` latitude, longitude, location_admin1,
location_geonameid, at the end of their columns. The views' SQL is written out here, as it was
when this migration was made, for both dialects.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 14:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

VIEWS_AFTER = {
    'sqlite': {
        'event_view': '''CREATE VIEW event_view AS
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, doc.published) AS date,
    e.date_precision AS date_precision,
    (SELECT group_concat(x.v, '; ') FROM (SELECT en.name AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' ORDER BY ep.id) AS x) AS actors,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT en.country AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND en.country IS NOT NULL ORDER BY v) AS x) AS actor_countries,
    (SELECT group_concat(x.v, '; ') FROM (SELECT en.name AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' ORDER BY ep.id) AS x) AS recipients,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT en.country AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND en.country IS NOT NULL ORDER BY v) AS x) AS recipient_countries,
    loc.name AS location,
    loc.country AS location_country,
    e.count AS count,
    e.trigger AS trigger,
    e.negated AS negated,
    e.hypothetical AS hypothetical,
    e.future AS future,
    e.confidence AS confidence,
    s.text AS sentence,
    doc.id AS document_id,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published,
    loc.lat AS latitude,
    loc.lon AS longitude,
    loc.admin1 AS location_admin1,
    loc.geonameid AS location_geonameid
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id''',
        'entity_view': '''CREATE VIEW entity_view AS
SELECT
    en.id AS entity_id,
    en.name AS name,
    en.type AS type,
    en.country AS country,
    cr.title AS current_title,
    co.name AS title_of,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = en.id) AS mentions,
    (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = en.id) AS documents,
    (SELECT group_concat(x.v, '; ') FROM (SELECT a.alias AS v FROM entity_aliases a WHERE a.entity_id = en.id ORDER BY a.id) AS x) AS aliases,
    en.lat AS latitude,
    en.lon AS longitude,
    en.admin1 AS admin1,
    en.geonameid AS geonameid
FROM entities en
LEFT JOIN roles cr ON cr.id = (SELECT r.id FROM roles r WHERE r.entity_id = en.id AND NOT r.former ORDER BY CASE WHEN r.seen_on IS NULL THEN 1 ELSE 0 END, r.seen_on DESC, r.id DESC LIMIT 1)
LEFT JOIN entities co ON co.id = cr.of_entity_id''',
    },
    'postgresql': {
        'event_view': '''CREATE VIEW event_view AS
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, to_char(doc.published, 'YYYY-MM-DD')) AS date,
    e.date_precision AS date_precision,
    (SELECT string_agg(en.name, '; ' ORDER BY ep.id) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor') AS actors,
    (SELECT string_agg(DISTINCT en.country, '; ' ORDER BY en.country) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND en.country IS NOT NULL) AS actor_countries,
    (SELECT string_agg(en.name, '; ' ORDER BY ep.id) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient') AS recipients,
    (SELECT string_agg(DISTINCT en.country, '; ' ORDER BY en.country) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND en.country IS NOT NULL) AS recipient_countries,
    loc.name AS location,
    loc.country AS location_country,
    e.count AS count,
    e.trigger AS trigger,
    e.negated AS negated,
    e.hypothetical AS hypothetical,
    e.future AS future,
    e.confidence AS confidence,
    s.text AS sentence,
    doc.id AS document_id,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published,
    loc.lat AS latitude,
    loc.lon AS longitude,
    loc.admin1 AS location_admin1,
    loc.geonameid AS location_geonameid
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id''',
        'entity_view': '''CREATE VIEW entity_view AS
SELECT
    en.id AS entity_id,
    en.name AS name,
    en.type AS type,
    en.country AS country,
    cr.title AS current_title,
    co.name AS title_of,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = en.id) AS mentions,
    (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = en.id) AS documents,
    (SELECT string_agg(a.alias, '; ' ORDER BY a.id) FROM entity_aliases a WHERE a.entity_id = en.id) AS aliases,
    en.lat AS latitude,
    en.lon AS longitude,
    en.admin1 AS admin1,
    en.geonameid AS geonameid
FROM entities en
LEFT JOIN roles cr ON cr.id = (SELECT r.id FROM roles r WHERE r.entity_id = en.id AND NOT r.former ORDER BY CASE WHEN r.seen_on IS NULL THEN 1 ELSE 0 END, r.seen_on DESC, r.id DESC LIMIT 1)
LEFT JOIN entities co ON co.id = cr.of_entity_id''',
    },
}

VIEWS_BEFORE = {
    'sqlite': {
        'event_view': '''CREATE VIEW event_view AS
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, doc.published) AS date,
    e.date_precision AS date_precision,
    (SELECT group_concat(x.v, '; ') FROM (SELECT en.name AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' ORDER BY ep.id) AS x) AS actors,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT en.country AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND en.country IS NOT NULL ORDER BY v) AS x) AS actor_countries,
    (SELECT group_concat(x.v, '; ') FROM (SELECT en.name AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' ORDER BY ep.id) AS x) AS recipients,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT en.country AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND en.country IS NOT NULL ORDER BY v) AS x) AS recipient_countries,
    loc.name AS location,
    loc.country AS location_country,
    e.count AS count,
    e.trigger AS trigger,
    e.negated AS negated,
    e.hypothetical AS hypothetical,
    e.future AS future,
    e.confidence AS confidence,
    s.text AS sentence,
    doc.id AS document_id,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id''',
        'entity_view': '''CREATE VIEW entity_view AS
SELECT
    en.id AS entity_id,
    en.name AS name,
    en.type AS type,
    en.country AS country,
    cr.title AS current_title,
    co.name AS title_of,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = en.id) AS mentions,
    (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = en.id) AS documents,
    (SELECT group_concat(x.v, '; ') FROM (SELECT a.alias AS v FROM entity_aliases a WHERE a.entity_id = en.id ORDER BY a.id) AS x) AS aliases
FROM entities en
LEFT JOIN roles cr ON cr.id = (SELECT r.id FROM roles r WHERE r.entity_id = en.id AND NOT r.former ORDER BY CASE WHEN r.seen_on IS NULL THEN 1 ELSE 0 END, r.seen_on DESC, r.id DESC LIMIT 1)
LEFT JOIN entities co ON co.id = cr.of_entity_id''',
    },
    'postgresql': {
        'event_view': '''CREATE VIEW event_view AS
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, to_char(doc.published, 'YYYY-MM-DD')) AS date,
    e.date_precision AS date_precision,
    (SELECT string_agg(en.name, '; ' ORDER BY ep.id) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor') AS actors,
    (SELECT string_agg(DISTINCT en.country, '; ' ORDER BY en.country) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND en.country IS NOT NULL) AS actor_countries,
    (SELECT string_agg(en.name, '; ' ORDER BY ep.id) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient') AS recipients,
    (SELECT string_agg(DISTINCT en.country, '; ' ORDER BY en.country) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND en.country IS NOT NULL) AS recipient_countries,
    loc.name AS location,
    loc.country AS location_country,
    e.count AS count,
    e.trigger AS trigger,
    e.negated AS negated,
    e.hypothetical AS hypothetical,
    e.future AS future,
    e.confidence AS confidence,
    s.text AS sentence,
    doc.id AS document_id,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id''',
        'entity_view': '''CREATE VIEW entity_view AS
SELECT
    en.id AS entity_id,
    en.name AS name,
    en.type AS type,
    en.country AS country,
    cr.title AS current_title,
    co.name AS title_of,
    (SELECT count(*) FROM mentions m WHERE m.entity_id = en.id) AS mentions,
    (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = en.id) AS documents,
    (SELECT string_agg(a.alias, '; ' ORDER BY a.id) FROM entity_aliases a WHERE a.entity_id = en.id) AS aliases
FROM entities en
LEFT JOIN roles cr ON cr.id = (SELECT r.id FROM roles r WHERE r.entity_id = en.id AND NOT r.former ORDER BY CASE WHEN r.seen_on IS NULL THEN 1 ELSE 0 END, r.seen_on DESC, r.id DESC LIMIT 1)
LEFT JOIN entities co ON co.id = cr.of_entity_id''',
    },
}


def _recreate(statements: dict) -> None:
    for name in ("event_view", "entity_view"):
        op.execute(statements[op.get_bind().dialect.name][name])


def upgrade() -> None:
    for name in ("event_view", "entity_view"):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("entities", recreate="never") as batch:  # ADD COLUMN: no rebuild
        batch.add_column(sa.Column("geonameid", sa.Integer(), nullable=True,
                                   comment="GeoNames id of the place (GPE, LOC, FAC); NULL when not found"))
        batch.add_column(sa.Column("lat", sa.Float(), nullable=True, comment="Latitude of the place, WGS84 degrees"))
        batch.add_column(sa.Column("lon", sa.Float(), nullable=True, comment="Longitude of the place, WGS84 degrees"))
        batch.add_column(sa.Column("feature_class", sa.String(length=1), nullable=True,
                                   comment="GeoNames feature class: P populated place, A country or region, L continent or area"))
        batch.add_column(sa.Column("admin1", sa.String(length=20), nullable=True,
                                   comment="GeoNames admin1 code of a city (first-level region; US: state postal code)"))
        batch.add_column(sa.Column("population", sa.BigInteger(), nullable=True,
                                   comment="Population GeoNames gives the place"))
        batch.create_index("ix_entities_geonameid", ["geonameid"])
    _recreate(VIEWS_AFTER)


def downgrade() -> None:
    for name in ("event_view", "entity_view"):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+) rather than a rebuild of the table, which the
    # other views (event_participant_view, quote_view) that name entities would make fail
    with op.batch_alter_table("entities", recreate="never") as batch:
        batch.drop_index("ix_entities_geonameid")
        for column in ("population", "admin1", "feature_class", "lon", "lat", "geonameid"):
            batch.drop_column(column)
    _recreate(VIEWS_BEFORE)
