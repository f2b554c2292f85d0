"""curations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 19:05:01.482294
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('curations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False, comment='merge, split, rename or alias'),
    sa.Column('entity_id', sa.Integer(), nullable=True, comment='The entity kept or changed'),
    sa.Column('other_entity_id', sa.Integer(), nullable=True, comment='merge: the entity merged away; split: the new entity'),
    sa.Column('name', sa.String(length=512), nullable=True, comment='The name concerned: merged name, split alias, new name, added alias'),
    sa.Column('previous', sa.String(length=512), nullable=True, comment='rename: the name before'),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_curations_entity_id_entities'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_curations')),
    comment='Human corrections to entities, kept across re-ingest and re-extraction.'
    )
    with op.batch_alter_table('curations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_curations_entity_id'), ['entity_id'], unique=False)

    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('curated', sa.Boolean(), server_default=sa.false(), nullable=False, comment='Set by a person (kb entities merge/split/alias add): always wins over extraction'))



def downgrade() -> None:
    with op.batch_alter_table('entity_aliases', schema=None) as batch_op:
        batch_op.drop_column('curated')

    with op.batch_alter_table('curations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_curations_entity_id'))

    op.drop_table('curations')
