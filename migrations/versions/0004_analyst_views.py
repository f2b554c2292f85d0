"""analyst views

Views for SQL users: event_view, event_participant_view, entity_view and quote_view (documented
in docs/schema.md). Their SQL lives in kb/store/views.py and is generated for the database's
dialect. Views are not tables: the models know nothing of them and autogenerate ignores them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 10:00:00.000000
"""
from __future__ import annotations

from alembic import op

from kb.store import views


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    views.create_views(op, revision)


def downgrade() -> None:
    views.drop_views(op)
