"""events: an index of the events that are not negated, by type and id (kb ask's candidates)

``kb ask`` starts from the events of one type that are not negated and keeps those of the
question's participants, place and dates. With only ``ix_events_type_date`` PostgreSQL read the
heap of every event of the type to test ``negated`` (65,000 DEATH and 90,000 ASSAULT events at a
million events: 14,000 blocks, most of "How many people died in Iran in 2020?"). The partial
index ``ix_events_type_id_live`` holds only those events, with ``document_id``, ``date`` and
``confidence`` carried in the index on PostgreSQL (INCLUDE), so the candidates, their dates'
join to documents and the confidence threshold are read from the index alone. SQLite has no
INCLUDE: there the index is (type, id), kept so that the models describe one schema (its planner
may use it or start from the participations).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 18:30:00
"""
from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

UPGRADE = {
    "postgresql": "CREATE INDEX ix_events_type_id_live ON events (type, id) INCLUDE (document_id, date, confidence) "
                  "WHERE negated IS false",
    "sqlite": "CREATE INDEX ix_events_type_id_live ON events (type, id) WHERE negated IS 0",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(UPGRADE.get(dialect, UPGRADE["postgresql"]))


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_events_type_id_live")
