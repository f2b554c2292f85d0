"""actors: the user's own actor dictionaries, and each participant's sector

``actors`` holds what ``kb actors import`` reads (PETRARCH ``.actors`` files, CSV): a name, its
aliases, and a country and CAMEO sector over a date range, one row per code. The built-in
dictionary (data/reference/actors.tsv, from Phoenix/CountryInfo) is not copied here.

``event_participants.sector`` is the sector of a participant in one event, at the event's date
(GOV, MIL, COP, REB, ...). ``event_participant_view`` gains ``sector`` and ``event_view`` gains
``actor_sectors`` and ``recipient_sectors``, at the end of each; the views' SQL is written out
below for both dialects, new and old (for the downgrade).

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-29 15:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None

SECTOR_COMMENT = ("CAMEO sector of the participant in this event, at its date: GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, "
                  "MED, BUS, IGO, NGO, ...")

NEW_SQLITE = {
    "event_view": """
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
    doc.published AS published,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT ep.sector AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND ep.sector IS NOT NULL ORDER BY v) AS x) AS actor_sectors,
    (SELECT group_concat(x.v, '; ') FROM (SELECT DISTINCT ep.sector AS v FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND ep.sector IS NOT NULL ORDER BY v) AS x) AS recipient_sectors
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id
""",
    "event_participant_view": """
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
    doc.url AS document_url,
    ep.sector AS sector
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
""",
}
NEW_POSTGRESQL = {
    "event_view": """
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
    doc.published AS published,
    (SELECT string_agg(DISTINCT ep.sector, '; ' ORDER BY ep.sector) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'actor' AND ep.sector IS NOT NULL) AS actor_sectors,
    (SELECT string_agg(DISTINCT ep.sector, '; ' ORDER BY ep.sector) FROM event_participants ep JOIN entities en ON en.id = ep.entity_id WHERE ep.event_id = e.id AND ep.role = 'recipient' AND ep.sector IS NOT NULL) AS recipient_sectors
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id
""",
    "event_participant_view": """
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
    doc.url AS document_url,
    ep.sector AS sector
FROM event_participants ep
JOIN events e ON e.id = ep.event_id
JOIN entities en ON en.id = ep.entity_id
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
""",
}
OLD_SQLITE = {
    "event_view": """
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
""",
    "event_participant_view": """
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
""",
}
OLD_POSTGRESQL = {
    "event_view": """
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
""",
    "event_participant_view": """
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
""",
}


def _views(which: dict[str, dict[str, str]]) -> dict[str, str]:
    return which["postgresql" if op.get_bind().dialect.name == "postgresql" else "sqlite"]


def _replace_views(sql: dict[str, str]) -> None:
    for name in reversed(list(sql)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for create in sql.values():
        op.execute(create.strip())


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False, comment="Primary name"),
        sa.Column("name_key", sa.String(length=512), nullable=False, comment="Name folded like entities.name_key"),
        sa.Column("aliases", sa.Text(), nullable=True, comment="Other names, joined with ' | '"),
        sa.Column("country", sa.String(length=3), nullable=True,
                  comment="ISO 3166-1 alpha-3 code; IGO/NGO for international bodies"),
        sa.Column("sector", sa.String(length=8), nullable=True,
                  comment="CAMEO sector: GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, ..."),
        sa.Column("start_date", sa.Date(), nullable=True, comment="First day the code holds; NULL: always before"),
        sa.Column("end_date", sa.Date(), nullable=True, comment="Day it stops holding; NULL: still holds"),
        sa.Column("source", sa.String(length=1024), nullable=True, comment="File it was imported from (and line)"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
        comment="Actors users added (kb actors import): who a name is, as of which dates. One row per name and "
                "code; a name here replaces the built-in dictionary's entries for it.",
    )
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actors_name_key"), ["name_key"], unique=False)
    for name in ("event_participant_view", "event_view"):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("event_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector", sa.String(length=8), nullable=True, comment=SECTOR_COMMENT))
    _replace_views(_views({"sqlite": NEW_SQLITE, "postgresql": NEW_POSTGRESQL}))


def downgrade() -> None:
    for name in ("event_participant_view", "event_view"):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("event_participants", schema=None) as batch_op:
        batch_op.drop_column("sector")
    _replace_views(_views({"sqlite": OLD_SQLITE, "postgresql": OLD_POSTGRESQL}))
    with op.batch_alter_table("actors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actors_name_key"))
    op.drop_table("actors")
