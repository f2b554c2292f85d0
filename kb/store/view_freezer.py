"""For developers: write the view SQL a new migration carries, frozen, so the migration never
imports today's kb.store.views.

    python -m kb.store.view_freezer REVISION PREVIOUS_REVISION POSTGRES_ADMIN_URL

writes ``migrations/views_REVISION.py`` with, for SQLite and PostgreSQL, ``CREATE`` (today's
definitions from kb/store/views.py) and ``PREVIOUS`` (the views as the revision before it left
them, read back from throw-away databases migrated that far, one of them on the PostgreSQL
server given), which the migration's downgrade restores.
"""
from __future__ import annotations

import sys
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from . import db as dbm
from . import views

ROOT = Path(__file__).resolve().parents[2]


def _sqlite_views(revision: str) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = dbm.make_engine(f"sqlite:///{tmp}/v.sqlite")
        dbm.upgrade(engine, revision)
        with engine.connect() as conn:
            rows = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'view'")).all())
        engine.dispose()
    return [rows[n] for n in views.VIEW_NAMES if n in rows]


def _postgres_views(admin_url: str, revision: str) -> list[str]:
    admin = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    name = f"kb_freeze_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        engine = dbm.make_engine(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
        dbm.upgrade(engine, revision)
        with engine.connect() as conn:
            out = []
            for v in views.VIEW_NAMES:
                sql = conn.scalar(text("SELECT pg_get_viewdef(CAST(:v AS regclass), true)"), {"v": v})
                if sql:
                    out.append(f"CREATE VIEW {v} AS\n{sql.rstrip().rstrip(';')}")
        engine.dispose()
        return out
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _literal(statements: list[str]) -> str:
    return "[\n" + "".join('        """' + s.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '""",\n'
                           for s in statements) + "    ]"


def freeze(revision: str, previous: str, admin_url: str) -> Path:
    create = {d: views.create_statements(d) for d in ("sqlite", "postgresql")}
    before = {"sqlite": _sqlite_views(previous), "postgresql": _postgres_views(admin_url, previous)}
    body = [
        f'"""The analyst views as migration {revision} creates them (CREATE), and as revision {previous}\n'
        'left them (PREVIOUS, restored on downgrade), frozen by kb/store/view_freezer.py. Copied here,\n'
        'never generated at migration time, so that changing today\'s views cannot rewrite history."""\n',
        "from __future__ import annotations\n\n",
        f"VIEW_NAMES = {views.VIEW_NAMES!r}\n\n",
        "CREATE = {\n" + "".join(f"    {d!r}: {_literal(s)},\n" for d, s in create.items()) + "}\n\n",
        "PREVIOUS = {\n" + "".join(f"    {d!r}: {_literal(s)},\n" for d, s in before.items()) + "}\n\n\n",
        "def drop(op) -> None:\n"
        "    for name in reversed(VIEW_NAMES):\n"
        "        op.execute(f\"DROP VIEW IF EXISTS {name}\")\n\n\n"
        "def create(op, statements: dict) -> None:\n"
        "    for stmt in statements[op.get_bind().dialect.name]:\n"
        "        op.execute(stmt)\n",
    ]
    path = ROOT / "migrations" / f"views_{revision}.py"
    path.write_text("".join(body), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python -m kb.store.view_freezer REVISION PREVIOUS_REVISION POSTGRES_ADMIN_URL")
    print(freeze(sys.argv[1], sys.argv[2], sys.argv[3]))
