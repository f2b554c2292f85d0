"""entity counts kept at ingest, and indexes chosen from the query plans at a million events

``entity_stats`` and ``entity_event_counts`` hold what a profile of an entity used to count on
every call (hundreds of thousands of rows for the most mentioned people; BENCHMARKS.md). They are
filled here from the fact tables, with the same definition as ``kb.store.stats.counts``.

``mentions (entity_id, document_id)`` and ``quotes (speaker_id, document_id)`` replace the
single-column indexes on entity_id and speaker_id: an entity's documents are counted from the
index alone, and "does this document mention it" is one lookup when the newest documents of a
popular entity are walked in date order. ``roles (entity_id, title, of_entity_id, former, seen_on,
start_year, end_year)`` replaces the index on entity_id: a person's titles are grouped from the
index alone. ``event_participants (entity_id, role, event_id)`` replaces ``(entity_id, role)``:
the events of an actor are read from the index alone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 22:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ROLE_INDEX = ("entity_id", "title", "of_entity_id", "former", "seen_on", "start_year", "end_year")

INVOLVEMENT = """
    SELECT p.entity_id AS entity_id, e.id AS event_id, e.type AS type
    FROM event_participants p JOIN events e ON e.id = p.event_id WHERE NOT e.negated
    UNION
    SELECT e.location_id, e.id, e.type FROM events e WHERE e.location_id IS NOT NULL AND NOT e.negated
"""

FILL_EVENT_COUNTS = f"""
INSERT INTO entity_event_counts (entity_id, type, events)
SELECT entity_id, type, count(*) FROM ({INVOLVEMENT}) AS involvement GROUP BY entity_id, type
"""

FILL_STATS = """
INSERT INTO entity_stats (entity_id, mentions, documents, events, quotes)
SELECT x.entity_id, sum(x.mentions), sum(x.documents), sum(x.events), sum(x.quotes) FROM (
    SELECT entity_id, count(*) AS mentions, count(DISTINCT document_id) AS documents, 0 AS events, 0 AS quotes
    FROM mentions GROUP BY entity_id
    UNION ALL
    SELECT entity_id, 0, 0, sum(events), 0 FROM entity_event_counts GROUP BY entity_id
    UNION ALL
    SELECT speaker_id, 0, 0, 0, count(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id
) AS x GROUP BY x.entity_id
"""


def upgrade() -> None:
    op.create_table(
        "entity_stats",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False, comment="Rows in mentions"),
        sa.Column("documents", sa.Integer(), nullable=False, comment="Documents that mention it"),
        sa.Column("events", sa.Integer(), nullable=False,
                  comment="Events, not negated, it takes part in or that happen at it"),
        sa.Column("quotes", sa.Integer(), nullable=False, comment="Quotes it is the speaker of"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_stats_entity_id_entities"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", name=op.f("pk_entity_stats")),
        comment="How often each entity occurs; kept up to date by kb (recount: kb db recount).",
    )
    op.create_table(
        "entity_event_counts",
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False, comment="PLOVER category"),
        sa.Column("events", sa.Integer(), nullable=False, comment="How many"),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_event_counts_entity_id_entities"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", "type", name=op.f("pk_entity_event_counts")),
        comment="Events (not negated) of each entity by PLOVER type; kept up to date by kb.",
    )
    op.create_index("ix_mentions_entity_id_document_id", "mentions", ["entity_id", "document_id"])
    op.drop_index("ix_mentions_entity_id", table_name="mentions")
    op.create_index("ix_quotes_speaker_id_document_id", "quotes", ["speaker_id", "document_id"])
    op.drop_index("ix_quotes_speaker_id", table_name="quotes")
    op.create_index("ix_roles_entity_id_title", "roles", list(ROLE_INDEX))
    op.drop_index("ix_roles_entity_id", table_name="roles")
    op.create_index("ix_event_participants_entity_id_role_event_id", "event_participants", ["entity_id", "role", "event_id"])
    op.drop_index("ix_event_participants_entity_role", table_name="event_participants")
    op.execute(FILL_EVENT_COUNTS)
    op.execute(FILL_STATS)


def downgrade() -> None:
    op.create_index("ix_event_participants_entity_role", "event_participants", ["entity_id", "role"])
    op.drop_index("ix_event_participants_entity_id_role_event_id", table_name="event_participants")
    op.create_index("ix_roles_entity_id", "roles", ["entity_id"])
    op.drop_index("ix_roles_entity_id_title", table_name="roles")
    op.create_index("ix_quotes_speaker_id", "quotes", ["speaker_id"])
    op.drop_index("ix_quotes_speaker_id_document_id", table_name="quotes")
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.drop_index("ix_mentions_entity_id_document_id", table_name="mentions")
    op.drop_table("entity_event_counts")
    op.drop_table("entity_stats")
