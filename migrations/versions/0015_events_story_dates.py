"""events.date_precision: 'story' for a date taken from the story's time

An event the text gives no date of its own takes the day the story is at where it is told (the
day the last main clause named: "The building collapsed on Monday. Rescuers pulled twelve people
from the ruins."). Such dates were stored with precision 'day', as if the text had stated them;
they are now stored with date_precision 'story'. The column (VARCHAR(8)) takes the new value as it
is; this revision updates its comment, which only PostgreSQL keeps. Rows written before it keep
'day': ``kb ingest --reprocess`` re-dates them.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-29 20:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

OLD = "day, month or year"
NEW = "day, month or year the text gives; story: the story's day where the event is told"


def _comment(text: str, existing: str) -> None:
    if op.get_bind().dialect.name != "postgresql":  # SQLite keeps no column comments
        return
    op.alter_column("events", "date_precision", existing_type=sa.String(length=8), existing_nullable=True,
                    comment=text, existing_comment=existing)


def upgrade() -> None:
    _comment(NEW, OLD)


def downgrade() -> None:
    _comment(OLD, NEW)
