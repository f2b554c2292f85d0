"""event_participants.event_type: the event's type beside the entity (kb ask's candidates)

"How many people died in Iran in 2020?" reads the DEATH and ASSAULT events of the country's
entities. With the type only in ``events``, PostgreSQL hashed all 166,000 DEATH and ASSAULT
entries of ``ix_events_type_id_live`` against the 26,000 events of Iran's 700 entities (about
100 ms at a million events), though only 4,800 of those events are of either type. With the
type carried in ``event_participants`` and an index led by it, ``(event_type, entity_id,
event_id)``, those 4,800 are read from the index alone and their events by primary key.

An event's type never changes (re-extraction deletes the event and inserts it again), so the
copy is written once, with the participant. Existing rows are filled here from ``events``.
SQLite adds a NOT NULL column only with a default: it keeps ``DEFAULT ''`` there, which kb never
relies on (kb writes the type with every participant). The index leads with the type so that
queries by entity alone keep the plans they had (an index led by the entity could be chosen for
them and change which of an entity's events a capped query meets first).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 08:30:00
"""
from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

COMMENT = "The event's type (events.type), carried here so that an entity's events of a type are found from this table alone"
INDEX = "CREATE INDEX ix_event_participants_event_type_entity_id ON event_participants (event_type, entity_id, event_id)"
FILL = "UPDATE event_participants SET event_type = (SELECT e.type FROM events e WHERE e.id = event_participants.event_id)"

UPGRADE = {
    "postgresql": [
        "ALTER TABLE event_participants ADD COLUMN event_type VARCHAR(16)",
        "UPDATE event_participants p SET event_type = e.type FROM events e WHERE e.id = p.event_id",
        "ALTER TABLE event_participants ALTER COLUMN event_type SET NOT NULL",
        f"COMMENT ON COLUMN event_participants.event_type IS '{COMMENT.replace(chr(39), chr(39) * 2)}'",
        INDEX,
    ],
    "sqlite": [
        "ALTER TABLE event_participants ADD COLUMN event_type VARCHAR(16) NOT NULL DEFAULT ''",
        FILL,
        INDEX,
    ],
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for stmt in UPGRADE.get(dialect, UPGRADE["postgresql"]):
        op.execute(stmt)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_event_participants_event_type_entity_id")
    op.execute("ALTER TABLE event_participants DROP COLUMN event_type")
