"""The analyst views as migration 0012 creates them (CREATE), and as revision 0011
left them (PREVIOUS, restored on downgrade), frozen by kb/store/view_freezer.py. Copied here,
never generated at migration time, so that changing today's views cannot rewrite history."""
from __future__ import annotations

VIEW_NAMES = ('event_view', 'event_participant_view', 'entity_view', 'quote_view')

CREATE = {
    'sqlite': [
        """CREATE VIEW event_view AS
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, doc.published) AS date,
    CASE WHEN e.date IS NULL AND doc.published IS NOT NULL THEN 'published' ELSE e.date_precision END AS date_precision,
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
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT ep.sector AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND ep.sector IS NOT NULL ORDER BY v) AS x) AS actor_sectors,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT ep.sector AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND ep.sector IS NOT NULL ORDER BY v) AS x) AS recipient_sectors,
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(e.date) = 4 THEN e.date || '-01-01' WHEN length(e.date) = 7 THEN e.date || '-01' ELSE substr(e.date, 1, 10) END AS date_start,
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(COALESCE(e.date_end, e.date)) = 4 THEN COALESCE(e.date_end, e.date) || '-12-31' WHEN length(COALESCE(e.date_end, e.date)) = 7 THEN date(COALESCE(e.date_end, e.date) || '-01', '+1 month', '-1 day') ELSE substr(COALESCE(e.date_end, e.date), 1, 10) END AS date_end,
    loc.lat AS latitude,
    loc.lon AS longitude,
    loc.admin1 AS location_admin1,
    loc.geonameid AS location_geonameid
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id""",
        """CREATE VIEW event_participant_view AS
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
    doc.url AS document_url,
    ep.sector AS sector
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id""",
        """CREATE VIEW entity_view AS
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
LEFT JOIN entities co ON co.id = cr.of_entity_id""",
        """CREATE VIEW quote_view AS
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
LEFT JOIN entities sp ON sp.id = q.speaker_id""",
    ],
    'postgresql': [
        """CREATE VIEW event_view AS
SELECT
    e.id AS event_id,
    e.type AS type,
    e.mode AS mode,
    e.context AS context,
    e.cameo_root AS cameo_root,
    e.quad_class AS quad_class,
    COALESCE(e.date, to_char(doc.published, 'YYYY-MM-DD')) AS date,
    CASE WHEN e.date IS NULL AND doc.published IS NOT NULL THEN 'published' ELSE e.date_precision END AS date_precision,
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
    (SELECT string_agg(DISTINCT ep.sector, '; ' ORDER BY ep.sector) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND ep.sector IS NOT NULL) AS actor_sectors,
    (SELECT string_agg(DISTINCT ep.sector, '; ' ORDER BY ep.sector) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND ep.sector IS NOT NULL) AS recipient_sectors,
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(e.date) = 4 THEN CAST(e.date || '-01-01' AS DATE) WHEN length(e.date) = 7 THEN CAST(e.date || '-01' AS DATE) ELSE CAST(substr(e.date, 1, 10) AS DATE) END AS date_start,
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(COALESCE(e.date_end, e.date)) = 4 THEN CAST(COALESCE(e.date_end, e.date) || '-12-31' AS DATE) WHEN length(COALESCE(e.date_end, e.date)) = 7 THEN CAST(CAST(COALESCE(e.date_end, e.date) || '-01' AS DATE) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE) ELSE CAST(substr(COALESCE(e.date_end, e.date), 1, 10) AS DATE) END AS date_end,
    loc.lat AS latitude,
    loc.lon AS longitude,
    loc.admin1 AS location_admin1,
    loc.geonameid AS location_geonameid
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id""",
        """CREATE VIEW event_participant_view AS
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
    doc.url AS document_url,
    ep.sector AS sector
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id""",
        """CREATE VIEW entity_view AS
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
LEFT JOIN entities co ON co.id = cr.of_entity_id""",
        """CREATE VIEW quote_view AS
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
LEFT JOIN entities sp ON sp.id = q.speaker_id""",
    ],
}

PREVIOUS = {
    'sqlite': [
        """CREATE VIEW event_view AS
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
LEFT JOIN entities loc ON loc.id = e.location_id""",
        """CREATE VIEW event_participant_view AS
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
    doc.url AS document_url,
    ep.sector AS sector
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id""",
        """CREATE VIEW entity_view AS
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
LEFT JOIN entities co ON co.id = cr.of_entity_id""",
        """CREATE VIEW quote_view AS
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
LEFT JOIN entities sp ON sp.id = q.speaker_id""",
    ],
    'postgresql': [
        """CREATE VIEW event_view AS
 SELECT e.id AS event_id,
    e.type,
    e.mode,
    e.context,
    e.cameo_root,
    e.quad_class,
    COALESCE(e.date, to_char(doc.published::timestamp with time zone, 'YYYY-MM-DD'::text)::character varying) AS date,
    e.date_precision,
    ( SELECT string_agg(en.name::text, '; '::text ORDER BY ep.id) AS string_agg
           FROM event_participants ep
             JOIN entities en ON en.id = ep.entity_id
          WHERE ep.event_id = e.id AND ep.role::text = 'actor'::text) AS actors,
    ( SELECT string_agg(DISTINCT en.country::text, '; '::text ORDER BY (en.country::text)) AS string_agg
           FROM event_participants ep
             JOIN entities en ON en.id = ep.entity_id
          WHERE ep.event_id = e.id AND ep.role::text = 'actor'::text AND en.country IS NOT NULL) AS actor_countries,
    ( SELECT string_agg(en.name::text, '; '::text ORDER BY ep.id) AS string_agg
           FROM event_participants ep
             JOIN entities en ON en.id = ep.entity_id
          WHERE ep.event_id = e.id AND ep.role::text = 'recipient'::text) AS recipients,
    ( SELECT string_agg(DISTINCT en.country::text, '; '::text ORDER BY (en.country::text)) AS string_agg
           FROM event_participants ep
             JOIN entities en ON en.id = ep.entity_id
          WHERE ep.event_id = e.id AND ep.role::text = 'recipient'::text AND en.country IS NOT NULL) AS recipient_countries,
    loc.name AS location,
    loc.country AS location_country,
    e.count,
    e.trigger,
    e.negated,
    e.hypothetical,
    e.future,
    e.confidence,
    s.text AS sentence,
    doc.id AS document_id,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published,
    loc.lat AS latitude,
    loc.lon AS longitude,
    loc.admin1 AS location_admin1,
    loc.geonameid AS location_geonameid
   FROM events e
     JOIN documents doc ON doc.id = e.document_id
     JOIN sentences s ON s.id = e.sentence_id
     LEFT JOIN entities loc ON loc.id = e.location_id""",
        """CREATE VIEW event_participant_view AS
 SELECT ep.event_id,
    e.type,
    COALESCE(e.date, to_char(doc.published::timestamp with time zone, 'YYYY-MM-DD'::text)::character varying) AS date,
    ep.role,
    ep.entity_id,
    en.name AS entity_name,
    en.type AS entity_type,
    en.country AS entity_country,
    e.negated,
    s.text AS sentence,
    doc.url AS document_url,
    ep.sector
   FROM event_participants ep
     JOIN events e ON e.id = ep.event_id
     JOIN entities en ON en.id = ep.entity_id
     JOIN documents doc ON doc.id = e.document_id
     JOIN sentences s ON s.id = e.sentence_id""",
        """CREATE VIEW entity_view AS
 SELECT en.id AS entity_id,
    en.name,
    en.type,
    en.country,
    cr.title AS current_title,
    co.name AS title_of,
    ( SELECT count(*) AS count
           FROM mentions m
          WHERE m.entity_id = en.id) AS mentions,
    ( SELECT count(DISTINCT m.document_id) AS count
           FROM mentions m
          WHERE m.entity_id = en.id) AS documents,
    ( SELECT string_agg(a.alias::text, '; '::text ORDER BY a.id) AS string_agg
           FROM entity_aliases a
          WHERE a.entity_id = en.id) AS aliases,
    en.lat AS latitude,
    en.lon AS longitude,
    en.admin1,
    en.geonameid
   FROM entities en
     LEFT JOIN roles cr ON cr.id = (( SELECT r.id
           FROM roles r
          WHERE r.entity_id = en.id AND NOT r.former
          ORDER BY (
                CASE
                    WHEN r.seen_on IS NULL THEN 1
                    ELSE 0
                END), r.seen_on DESC, r.id DESC
         LIMIT 1))
     LEFT JOIN entities co ON co.id = cr.of_entity_id""",
        """CREATE VIEW quote_view AS
 SELECT q.id AS quote_id,
    q.speaker_id,
    sp.name AS speaker,
    sp.country AS speaker_country,
    q.text,
    q.cue,
    s.text AS sentence,
    doc.title AS document_title,
    doc.url AS document_url,
    doc.published
   FROM quotes q
     JOIN sentences s ON s.id = q.sentence_id
     JOIN documents doc ON doc.id = q.document_id
     LEFT JOIN entities sp ON sp.id = q.speaker_id""",
    ],
}


def drop(op) -> None:
    for name in reversed(VIEW_NAMES):
        op.execute(f"DROP VIEW IF EXISTS {name}")


def create(op, statements: dict) -> None:
    for stmt in statements[op.get_bind().dialect.name]:
        op.execute(stmt)
