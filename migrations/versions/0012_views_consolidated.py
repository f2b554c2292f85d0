"""analyst views with every column added since 0006

Migrations 0009 (event dates), 0010 (places) and 0011 (change log) were written side by side,
each re-creating the views it changed from the SQL it knew; the views they leave miss one
another's columns. This revision re-creates all four views as kb/store/views.py defines them
now, from SQL frozen in migrations/views_0012.py, and restores on downgrade exactly what 0011
left.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 15:40:00
"""
from __future__ import annotations

from alembic import op

from kb.migrations import views_0012

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    views_0012.drop(op)
    views_0012.create(op, views_0012.CREATE)


def downgrade() -> None:
    views_0012.drop(op)
    views_0012.create(op, views_0012.PREVIOUS)
