"""Migrations are history: they carry their own SQL and never import today's code, and today's
view definitions are exactly what the newest migration left in the database."""
from __future__ import annotations

import ast
from pathlib import Path

from sqlalchemy import text

from kb.store import db as dbm
from kb.store import views

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def _kb_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return [n for n in names if n == "kb" or n.startswith("kb.")]


def test_revisions_import_only_frozen_migration_modules():
    offenders = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        bad = [n for n in _kb_imports(path) if not n.startswith("kb.migrations")]
        if bad:
            offenders[path.name] = bad
    assert offenders == {}


def test_frozen_modules_import_no_kb_code():
    for path in MIGRATIONS.glob("*.py"):
        if path.name == "env.py":  # autogenerate compares against today's models, by design
            continue
        assert _kb_imports(path) == [], path.name


def _normalise(sql: str) -> str:
    return " ".join(sql.split()).rstrip(";")


def test_views_in_a_migrated_database_are_todays_definitions(db_url):
    """Editing kb/store/views.py without a migration that re-creates the view fails here."""
    engine = dbm.open_database(db_url)
    dialect = engine.dialect.name
    with engine.connect() as conn:
        if dialect == "sqlite":
            stored = dict(conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'view'")).all())
            for v in views.VIEWS:
                assert _normalise(stored[v.name]) == _normalise(v.create_sql(dialect)), v.name
        else:
            # PostgreSQL keeps a parsed form, not the text: compare what each view returns instead
            # of its spelling, by its column list, which is what saved queries depend on
            for v in views.VIEWS:
                cols = [r[0] for r in conn.execute(text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = :t "
                    "ORDER BY ordinal_position"), {"t": v.name})]
                assert cols == v.column_names, v.name
