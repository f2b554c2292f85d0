"""PostgreSQL: the full-text vector of search_items stored, not computed per row at query time

0009 indexed ``to_tsvector('english', body)`` with GIN; the index finds the rows, but every row
a query looks at (to rank it with ``ts_rank``, or to filter the rows of given documents) had its
vector computed again from ``body``. At a million events the ranking over the documents naming a
popular person read 500,000 rows that way (12 s). The vector is now a stored generated column,
``search_fts_vector`` (the ``search_fts`` prefix marks the dialect's search machinery, which the
models do not describe), and the GIN index is over it. SQLite is unchanged: FTS5 keeps its own
index and ranks from it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 18:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

UPGRADE_POSTGRES = [
    "DROP INDEX IF EXISTS search_fts_gin",
    "ALTER TABLE search_items ADD COLUMN search_fts_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED",
    "CREATE INDEX search_fts_gin ON search_items USING gin (search_fts_vector)",
]
DOWNGRADE_POSTGRES = [
    "DROP INDEX IF EXISTS search_fts_gin",
    "ALTER TABLE search_items DROP COLUMN IF EXISTS search_fts_vector",
    "CREATE INDEX search_fts_gin ON search_items USING gin (to_tsvector('english', body))",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stmt in UPGRADE_POSTGRES:
            op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for stmt in DOWNGRADE_POSTGRES:
            op.execute(stmt)
