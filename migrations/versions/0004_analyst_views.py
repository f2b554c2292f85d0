"""analyst views

Views for SQL users: event_view, event_participant_view, entity_view and quote_view (documented
in docs/schema.md), as they were first written; kb/store/views.py holds their current SQL, and a
migration that changes a view carries its new SQL itself. Views are not tables: the models know
nothing of them and autogenerate ignores them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 10:00:00.000000
"""
from __future__ import annotations

from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


SQLITE_VIEWS = [
    ("event_view", """
CREATE VIEW event_view AS
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
LEFT JOIN entities loc ON loc.id = e.location_id
"""),
    ("event_participant_view", """
CREATE VIEW event_participant_view AS
SELECT
    ep.event_id AS event_id,
    e.type AS type,
    COALESCE(e.date, doc.published) AS date,
    ep.role AS role,
    ep.entity_id AS entity_id,
    en.name AS entity_name,
    en.type AS entity_type,
    en.country AS entity_country,
    e.negated AS negated,
    s.text AS sentence,
    doc.url AS document_url
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
"""),
    ("entity_view", """
CREATE VIEW entity_view AS
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
LEFT JOIN entities co ON co.id = cr.of_entity_id
"""),
    ("quote_view", """
CREATE VIEW quote_view AS
SELECT
    q.id AS quote_id,
    q.speaker_id AS speaker_id,
    sp.name AS speaker,
    sp.country AS speaker_country,
    q.text AS text,
    q.cue AS cue,
    s.text AS sentence,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published
FROM quotes q
JOIN sentences s ON s.id = q.sentence_id
JOIN documents doc ON doc.id = q.document_id
LEFT JOIN entities sp ON sp.id = q.speaker_id
"""),
]
POSTGRESQL_VIEWS = [
    ("event_view", """
CREATE VIEW event_view AS
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
LEFT JOIN entities loc ON loc.id = e.location_id
"""),
    ("event_participant_view", """
CREATE VIEW event_participant_view AS
SELECT
    ep.event_id AS event_id,
    e.type AS type,
    COALESCE(e.date, to_char(doc.published, 'YYYY-MM-DD')) AS date,
    ep.role AS role,
    ep.entity_id AS entity_id,
    en.name AS entity_name,
    en.type AS entity_type,
    en.country AS entity_country,
    e.negated AS negated,
    s.text AS sentence,
    doc.url AS document_url
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
"""),
    ("entity_view", """
CREATE VIEW entity_view AS
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
LEFT JOIN entities co ON co.id = cr.of_entity_id
"""),
    ("quote_view", """
CREATE VIEW quote_view AS
SELECT
    q.id AS quote_id,
    q.speaker_id AS speaker_id,
    sp.name AS speaker,
    sp.country AS speaker_country,
    q.text AS text,
    q.cue AS cue,
    s.text AS sentence,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published AS published
FROM quotes q
JOIN sentences s ON s.id = q.sentence_id
JOIN documents doc ON doc.id = q.document_id
LEFT JOIN entities sp ON sp.id = q.speaker_id
"""),
]


def upgrade() -> None:
    views = POSTGRESQL_VIEWS if op.get_bind().dialect.name == "postgresql" else SQLITE_VIEWS
    for _, create in views:
        op.execute(create.strip())


def downgrade() -> None:
    for name, _ in reversed(SQLITE_VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
