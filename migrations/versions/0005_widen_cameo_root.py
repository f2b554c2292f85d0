"""events.cameo_root holds several codes

PLOVER's ASSAULT spans CAMEO roots 18, 19 and 20, stored as "18,19,20": more than the four
characters the first schema allowed. SQLite never enforced the length; PostgreSQL refused to
store any document with an ASSAULT event.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 19:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kb.migrations import views_0004

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COMMENT = ("CAMEO root code(s) for GDELT/ICEWS alignment; comma-separated where a PLOVER category "
           "spans several (ASSAULT: 18,19,20)")


def _views_dropped(change) -> None:
    # SQLite's batch copy cannot rename a table a view names; PostgreSQL cannot retype a column a
    # view reads. The views at this revision are 0004's.
    views_0004.drop(op)
    change()
    views_0004.create(op)


def _upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("cameo_root", existing_type=sa.String(length=4), type_=sa.String(length=16),
                              existing_nullable=True, comment=COMMENT,
                              existing_comment="CAMEO root code, for GDELT/ICEWS alignment")


def upgrade() -> None:
    _views_dropped(_upgrade)


def _downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.alter_column("cameo_root", existing_type=sa.String(length=16), type_=sa.String(length=4),
                              existing_nullable=True, comment="CAMEO root code, for GDELT/ICEWS alignment",
                              existing_comment=COMMENT)


def downgrade() -> None:
    _views_dropped(_downgrade)
