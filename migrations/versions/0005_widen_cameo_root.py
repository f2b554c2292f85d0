"""events.cameo_root holds several codes

PLOVER's ASSAULT spans CAMEO roots 18, 19 and 20, stored as "18,19,20": more than the four
characters the first schema allowed. SQLite never enforced the length; PostgreSQL refused to
store any document with an ASSAULT event.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 19:50:00
"""
from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COMMENT = ("CAMEO root code(s) for GDELT/ICEWS alignment; comma-separated where a PLOVER category "
           "spans several (ASSAULT: 18,19,20)")


@contextmanager
def views_dropped():
    """SQLite's batch mode cannot rename a table a view names, and PostgreSQL cannot change the
    type of a column a view reads: the views are dropped for the block and created again from
    the definitions the database itself holds (whatever revision created them)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        rows = bind.execute(sa.text("SELECT viewname, 'CREATE VIEW ' || viewname || ' AS ' || definition FROM pg_views "
                                    "WHERE schemaname = current_schema() ORDER BY viewname")).all()
    else:
        rows = bind.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name")).all()
    for name, _ in rows:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    yield
    for _, create in rows:
        op.execute(create)


def upgrade() -> None:
    with views_dropped():
        with op.batch_alter_table("events", schema=None) as batch_op:
            batch_op.alter_column("cameo_root", existing_type=sa.String(length=4), type_=sa.String(length=16),
                                  existing_nullable=True, comment=COMMENT,
                                  existing_comment="CAMEO root code, for GDELT/ICEWS alignment")


def downgrade() -> None:
    with views_dropped():
        with op.batch_alter_table("events", schema=None) as batch_op:
            batch_op.alter_column("cameo_root", existing_type=sa.String(length=16), type_=sa.String(length=4),
                                  existing_nullable=True, comment="CAMEO root code, for GDELT/ICEWS alignment",
                                  existing_comment=COMMENT)
