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

from kb.store.views import views_dropped

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COMMENT = ("CAMEO root code(s) for GDELT/ICEWS alignment; comma-separated where a PLOVER category "
           "spans several (ASSAULT: 18,19,20)")


def upgrade() -> None:
    with views_dropped(op, revision):
        with op.batch_alter_table("events", schema=None) as batch_op:
            batch_op.alter_column("cameo_root", existing_type=sa.String(length=4), type_=sa.String(length=16),
                                  existing_nullable=True, comment=COMMENT,
                                  existing_comment="CAMEO root code, for GDELT/ICEWS alignment")


def downgrade() -> None:
    with views_dropped(op, revision):
        with op.batch_alter_table("events", schema=None) as batch_op:
            batch_op.alter_column("cameo_root", existing_type=sa.String(length=16), type_=sa.String(length=4),
                                  existing_nullable=True, comment="CAMEO root code, for GDELT/ICEWS alignment",
                                  existing_comment=COMMENT)
