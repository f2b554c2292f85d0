"""entity country inferred

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 19:08:48.793682
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('country_inferred', sa.Boolean(), server_default=sa.false(), nullable=False, comment="The country was guessed from the article's subject, not stated; a stated one replaces it"))



def downgrade() -> None:
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_column('country_inferred')

