"""change log: created_at/updated_at on events, entities and quotes; tombstones; fetched pages

Events, entities and quotes get ``created_at`` and ``updated_at`` (rows already stored take the
time of the upgrade), and ``tombstones`` records the rows deleted by re-extraction and merges,
so that ``kb changes --since`` can tell a downstream copy what was added, changed and removed.
Documents get ``authors`` and ``fetched_at`` for pages read from the web.

SQLite cannot add a column whose default is the current time, so batch mode copies those three
tables; it also cannot rename a table under a view that names it, so the views are dropped
first and created again afterwards from their own SQL, read from the database.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 14:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = ("entities", "events", "quotes")
CREATED = "When the row was stored (UTC)"
UPDATED = "When the row was stored or last changed (UTC); see kb changes"


def _drop_views_on_sqlite() -> list[tuple[str, str]]:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return []
    views = [(r[0], r[1]) for r in bind.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'view' "
                                                        "ORDER BY rowid"))]
    for name, _ in reversed(views):
        op.execute(f'DROP VIEW IF EXISTS "{name}"')
    return views


def _restore_views(views: list[tuple[str, str]]) -> None:
    for _, sql in views:
        op.execute(sql)


def _recreate() -> str:
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    views = _drop_views_on_sqlite()
    for table in TABLES:
        with op.batch_alter_table(table, recreate=_recreate()) as batch_op:
            batch_op.add_column(sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(),
                                          nullable=False, comment=CREATED))
            batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(),
                                          nullable=False, comment=UPDATED))
            batch_op.create_index(batch_op.f(f"ix_{table}_updated_at"), ["updated_at"], unique=False)
    _restore_views(views)
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("authors", sa.String(length=512), nullable=True,
                                      comment="Authors as the web page names them, separated by '; '"))
        batch_op.add_column(sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True,
                                      comment="When it was fetched from url (UTC); empty for files"))
    op.create_table(
        "tombstones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False, comment="events, entities or quotes"),
        sa.Column("row_id", sa.Integer(), nullable=False, comment="The id the row had"),
        sa.Column("natural_key", sa.String(length=1024), nullable=True,
                  comment="What the row was, independent of its id: entities TYPE:name_key; events and quotes "
                          "document:ID:start_char:..."),
        sa.Column("deleted_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False,
                  comment="When it was deleted (UTC)"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstones")),
        comment="Rows of events, entities and quotes that were deleted (re-extraction, merge), for kb changes.",
    )
    op.create_index(op.f("ix_tombstones_deleted_at"), "tombstones", ["deleted_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_tombstones_deleted_at"), table_name="tombstones")
    op.drop_table("tombstones")
    views = _drop_views_on_sqlite()
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_column("fetched_at")
        batch_op.drop_column("authors")
    for table in TABLES:
        with op.batch_alter_table(table, recreate=_recreate()) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_updated_at"))
            batch_op.drop_column("updated_at")
            batch_op.drop_column("created_at")
    _restore_views(views)
