"""full-text search over sentences, events, quotes and entity names; dated event_view

``search_items`` holds the words searched (one row per sentence, event, quote and entity). The
index is each database's own: on SQLite an FTS5 table ``search_fts`` (porter stemmer, accents
folded) over ``search_items.body``, kept current by triggers; on PostgreSQL a GIN index over
``to_tsvector('english', body)``. Existing rows are indexed here; kb writes new ones as it stores
and curates (kb/store/search.py).

``event_view`` is re-created with ``date_start`` and ``date_end`` (DATE: first and last day of the
period the event's date states, else the publication date) at the end, and ``date_precision``
'published' where ``date`` is the publication date. This migration carries the view SQL it
creates and the SQL it restores on downgrade.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 14:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_items', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_items_ai AFTER INSERT ON search_items BEGIN "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_items_ad AFTER DELETE ON search_items BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_items_au AFTER UPDATE ON search_items BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); "
    "INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
]
SQLITE_FTS_DROP = ["DROP TRIGGER IF EXISTS search_items_au", "DROP TRIGGER IF EXISTS search_items_ad",
                   "DROP TRIGGER IF EXISTS search_items_ai", "DROP TABLE IF EXISTS search_fts"]
POSTGRES_FTS = ["CREATE INDEX search_fts_gin ON search_items USING gin (to_tsvector('english', body))"]
POSTGRES_FTS_DROP = ["DROP INDEX IF EXISTS search_fts_gin"]


def _fill(agg: str) -> list[str]:
    return [
        "INSERT INTO search_items (kind, ref_id, document_id, body) SELECT 'sentence', id, document_id, text FROM sentences",
        "INSERT INTO search_items (kind, ref_id, document_id, body) "
        "SELECT 'quote', q.id, q.document_id, COALESCE(en.name || ' ', '') || q.text "
        "FROM quotes q LEFT JOIN entities en ON en.id = q.speaker_id",
        "INSERT INTO search_items (kind, ref_id, document_id, body) "
        f"SELECT 'entity', en.id, NULL, en.name || COALESCE(' ' || (SELECT {agg.format('a.alias')} FROM entity_aliases a "
        "WHERE a.entity_id = en.id), '') FROM entities en",
        "INSERT INTO search_items (kind, ref_id, document_id, body) "
        "SELECT 'event', e.id, e.document_id, e.trigger "
        f"|| COALESCE(' ' || (SELECT {agg.format('pe.name')} FROM event_participants p JOIN entities pe ON pe.id = p.entity_id "
        "WHERE p.event_id = e.id), '') || COALESCE(' ' || loc.name, '') || COALESCE(' ' || e.date_text, '') "
        "FROM events e LEFT JOIN entities loc ON loc.id = e.location_id",
    ]


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "search_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False, comment="sentence, event, quote or entity"),
        sa.Column("ref_id", sa.Integer(), nullable=False, comment="id of the row in sentences, events, quotes or entities"),
        sa.Column("document_id", sa.Integer(), nullable=True, comment="Its document; NULL for an entity"),
        sa.Column("body", sa.Text(), nullable=False, comment="The words searched"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name=op.f("fk_search_items_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_items")),
        comment="Text for full-text search: sentences, events, quotes and entity names.",
    )
    op.create_index(op.f("ix_search_items_document_id"), "search_items", ["document_id"])
    op.create_index("ix_search_items_kind_ref_id", "search_items", ["kind", "ref_id"])
    for stmt in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS:
        op.execute(stmt)
    for stmt in _fill("group_concat({0}, ' ')" if dialect == "sqlite" else "string_agg({0}, ' ')"):
        op.execute(stmt)
    op.execute("DROP VIEW IF EXISTS event_view")
    op.execute(NEW_EVENT_VIEW_SQLITE if dialect == "sqlite" else NEW_EVENT_VIEW_POSTGRESQL)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP VIEW IF EXISTS event_view")
    op.execute(OLD_EVENT_VIEW_SQLITE if dialect == "sqlite" else OLD_EVENT_VIEW_POSTGRESQL)
    for stmt in SQLITE_FTS_DROP if dialect == "sqlite" else POSTGRES_FTS_DROP:
        op.execute(stmt)
    op.drop_index("ix_search_items_kind_ref_id", table_name="search_items")
    op.drop_index(op.f("ix_search_items_document_id"), table_name="search_items")
    op.drop_table("search_items")


# -- event_view as 0004 created it and as this revision creates it -----------------------------

OLD_EVENT_VIEW_SQLITE = """
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
"""

OLD_EVENT_VIEW_POSTGRESQL = """
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
"""

NEW_EVENT_VIEW_SQLITE = """
CREATE VIEW event_view AS
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
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(e.date) = 4 THEN e.date || '-01-01' WHEN length(e.date) = 7 THEN e.date || '-01' ELSE substr(e.date, 1, 10) END AS date_start,
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(COALESCE(e.date_end, e.date)) = 4 THEN COALESCE(e.date_end, e.date) || '-12-31' WHEN length(COALESCE(e.date_end, e.date)) = 7 THEN date(COALESCE(e.date_end, e.date) || '-01', '+1 month', '-1 day') ELSE substr(COALESCE(e.date_end, e.date), 1, 10) END AS date_end
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id
"""

NEW_EVENT_VIEW_POSTGRESQL = """
CREATE VIEW event_view AS
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
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(e.date) = 4 THEN CAST(e.date || '-01-01' AS DATE) WHEN length(e.date) = 7 THEN CAST(e.date || '-01' AS DATE) ELSE CAST(substr(e.date, 1, 10) AS DATE) END AS date_start,
    CASE WHEN e.date IS NULL THEN doc.published WHEN length(COALESCE(e.date_end, e.date)) = 4 THEN CAST(COALESCE(e.date_end, e.date) || '-12-31' AS DATE) WHEN length(COALESCE(e.date_end, e.date)) = 7 THEN CAST(CAST(COALESCE(e.date_end, e.date) || '-01' AS DATE) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE) ELSE CAST(substr(COALESCE(e.date_end, e.date), 1, 10) AS DATE) END AS date_end
FROM events e
JOIN documents doc ON doc.id = e.document_id
JOIN sentences s ON s.id = e.sentence_id
LEFT JOIN entities loc ON loc.id = e.location_id
"""
