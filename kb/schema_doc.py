"""docs/schema.md, generated from a live database: every table and view, the example queries,
the export formats.

The tables and columns are read from the database itself (so the document shows what migrations
really built); their descriptions come from the comments in kb/store/models.py, the views' from
kb/store/views.py, the PLOVER export fields from kb/export.py.

    python -m kb.schema_doc            # rewrite docs/schema.md from a fresh SQLite database
    python -m kb.schema_doc --check    # exit 1 when docs/schema.md is stale
    kb schema --markdown [--db URL]    # the same text, from any database
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine, inspect

from .errors import KBError
from .store.search import MACHINERY_PREFIX

_ROOT = Path(__file__).resolve().parents[1]
# in a source checkout the document lives in docs/; an installed kb has no docs/ to rewrite
DOC_PATH = _ROOT / "docs" / "schema.md" if (_ROOT / "pyproject.toml").exists() else None
REGENERATE = "python -m kb.schema_doc"
INTERNAL_TABLES = {"alembic_version"}


def _type_name(t) -> str:
    try:
        return str(t)
    except Exception:  # NullType and dialect types without a generic spelling
        return t.__class__.__name__.upper()


def describe(engine: Engine) -> dict:
    """The schema of a database as plain data: views first, then tables, each with columns."""
    from .store import db as dbm
    from .store.models import Base
    from .store.views import EXAMPLES, VIEWS

    insp = inspect(engine)
    # the full-text index's own tables (FTS5 on SQLite) are machinery, not data to document
    live_tables = {t for t in insp.get_table_names() if not t.startswith(MACHINERY_PREFIX)}
    live_views = set(insp.get_view_names())

    views = []
    for v in VIEWS:
        if v.name not in live_views:
            raise KBError(f"the database has no view {v.name}; run `kb db upgrade`")
        live_cols = [c["name"] for c in insp.get_columns(v.name)]
        if live_cols != v.column_names:
            raise KBError(f"view {v.name} in the database has columns {live_cols}, kb/store/views.py says "
                          f"{v.column_names}; a migration is missing")
        views.append({"name": v.name, "kind": "view", "description": v.description,
                      "columns": [{"name": c.name, "type": c.type, "description": c.description} for c in v.columns]})
    for name in sorted(live_views - {v.name for v in VIEWS}):
        views.append({"name": name, "kind": "view", "description": "(not part of kb)",
                      "columns": [{"name": c["name"], "type": _type_name(c["type"]), "description": ""}
                                  for c in insp.get_columns(name)]})

    model_names = [n for n in Base.metadata.tables if n in live_tables]
    others = sorted(live_tables - set(Base.metadata.tables) - INTERNAL_TABLES)
    tables = []
    for name in model_names + others:
        model = Base.metadata.tables.get(name)
        pk = set(insp.get_pk_constraint(name).get("constrained_columns") or [])
        refs = {}
        for fk in insp.get_foreign_keys(name):
            for col, ref in zip(fk["constrained_columns"], fk["referred_columns"]):
                refs[col] = f"{fk['referred_table']}.{ref}"
        columns = []
        for c in insp.get_columns(name):
            mcol = model.columns.get(c["name"]) if model is not None else None
            desc = (mcol.comment if mcol is not None else None) or c.get("comment") or ""
            if not desc and c["name"] in pk:
                desc = "Primary key"
            columns.append({"name": c["name"], "type": _type_name(c["type"]), "nullable": bool(c["nullable"]),
                            "primary_key": c["name"] in pk, "references": refs.get(c["name"]), "description": desc})
        indexes = sorted(", ".join(ix["column_names"]) for ix in insp.get_indexes(name) if all(ix["column_names"]))
        uniques = sorted(", ".join(u["column_names"]) for u in insp.get_unique_constraints(name))
        table_comment = (model.comment if model is not None else None) or (insp.get_table_comment(name) or {}).get("text")
        tables.append({"name": name, "kind": "table", "description": table_comment or "(not part of kb)",
                       "columns": columns, "indexes": indexes, "unique": uniques})

    return {"revision": dbm.current_revision(engine), "dialect": engine.dialect.name, "views": views,
            "tables": tables,
            "examples": [{"name": e.name, "title": e.title, "description": e.description, "sql": e.sql} for e in EXAMPLES]}


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _anchor(title: str) -> str:
    keep = [ch for ch in title.lower() if ch.isalnum() or ch in " -_"]
    return "".join(keep).replace(" ", "-")


CONFIDENCE = """\
`events.confidence` (and `event_view.confidence`) is a score between 0.05 and 0.95 from the
extraction rules, not a calibrated probability: use it to rank and to filter out the weakest
events. It starts at 0.5 and is

- raised when the trigger is a verb ("signed") rather than a noun ("the signing"), when the event
  has named actors (more when it also has recipients), when the trigger word is unambiguous in
  the PLOVER lexicon, when the event has a date, and for each further sentence that tells the
  same event;
- lowered when the trigger word often means something else, when a noun trigger has no
  participants, when the event is negated or hypothetical, when it is only announced or intended,
  and when the recipient was inferred (an action in a country with no named target is coded
  against that country);
- then, when ingested with `KB_TRIGGER_CLASSIFIER=on` (off by default), moved by at most 0.125 up
  or down by a small trained classifier that reads the trigger in its sentence and gives the
  probability that a coder would record an event of that type there (`kb/nlp/trigger_classifier.py`).
"""


DIALECTS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def markdown(schema: dict) -> str:
    from .export import CHANGES_NOTE, CSV_COLUMNS_NOTE, PLOVER_FIELDS

    dialect = DIALECTS.get(schema["dialect"], schema["dialect"])
    out: list[str] = []
    w = out.append
    w("# Database schema\n")
    w(f"<!-- Generated by `{REGENERATE}` (or `kb schema --markdown`) from a {dialect} database "
      f"at schema revision {schema['revision']}. Do not edit by hand: change kb/store/models.py (tables), "
      "kb/store/views.py (views, example queries), kb/export.py (export fields) or kb/schema_doc.py (the "
      "rest), then regenerate. tests/test_schema_doc.py fails while this file is stale. -->\n")
    w("Everything `kb` knows is in these tables, and the views join them into one row per event, "
      "participant, entity and quote with names instead of ids. Start with the views.\n")
    w("- `kb sql \"SELECT * FROM event_view LIMIT 10\"` runs one read-only statement (with row and time "
      "limits) and prints a table, `--json` or `--csv`;")
    w("- `kb serve` opens the database in [Datasette](https://datasette.io/) with these descriptions and the "
      "example queries below (SQLite only; `pip install 'kb[serve]'`);")
    w("- `kb export --format plover|csv|json` writes events for other tools (see [Exports](#exports));")
    w("- any SQL client works on the SQLite file or the PostgreSQL database.\n")
    w("Conventions: tables are plural nouns; a foreign key is `<table singular>_id`; every fact points at "
      "its document and sentence, and `start_char`/`end_char` are offsets into `documents.text`. Views "
      "join lists of names with `; `. Booleans are 0/1 on SQLite and true/false on PostgreSQL: write "
      "`WHERE negated` or `WHERE NOT negated`, which work on both. Event dates are text (`YYYY-MM-DD`, "
      "`YYYY-MM` or `YYYY`), so `substr(date, 1, 7)` is the month. Column types are as "
      f"{dialect} reports them; on PostgreSQL DATETIME is TIMESTAMP WITH TIME ZONE and FLOAT is "
      "DOUBLE PRECISION.\n")

    w("## Contents\n")
    w("- Views: " + ", ".join(f"[{v['name']}](#{_anchor(v['name'])})" for v in schema["views"]))
    w("- Tables: " + ", ".join(f"[{t['name']}](#{_anchor(t['name'])})" for t in schema["tables"]))
    w("- [Example queries](#example-queries)")
    w("- [Exports](#exports)")
    w("- [Event confidence](#event-confidence)\n")

    w("## Views\n")
    for v in schema["views"]:
        w(f"### {v['name']}\n")
        w(f"{v['description']}\n")
        w("| column | type | description |")
        w("| --- | --- | --- |")
        for c in v["columns"]:
            w(f"| `{c['name']}` | {_cell(c['type'])} | {_cell(c['description'])} |")
        w("")

    w("## Tables\n")
    for t in schema["tables"]:
        w(f"### {t['name']}\n")
        w(f"{t['description']}\n")
        w("| column | type | null | references | description |")
        w("| --- | --- | --- | --- | --- |")
        for c in t["columns"]:
            ref = f"`{c['references']}`" if c["references"] else ""
            null = "" if c["primary_key"] else ("yes" if c["nullable"] else "no")
            name = f"`{c['name']}`" + (" (key)" if c["primary_key"] else "")
            w(f"| {name} | {_cell(c['type'])} | {null} | {ref} | {_cell(c['description'])} |")
        extras = []
        if t["unique"]:
            extras.append("Unique: " + "; ".join(f"({u})" for u in t["unique"]) + ".")
        if t["indexes"]:
            extras.append("Indexed: " + "; ".join(f"({i})" for i in t["indexes"]) + ".")
        w("")
        if extras:
            w(" ".join(extras) + "\n")
    w("The table `alembic_version` holds the schema revision (`kb db current`).\n")

    w("## Example queries\n")
    w("Each runs unchanged on SQLite and PostgreSQL, with `kb sql` or any client; `kb serve` offers them "
      "as canned queries under the names given. The test suite runs every one.\n")
    for i, e in enumerate(schema["examples"], 1):
        w(f"### {i}. {e['title']}\n")
        w(f"{e['description']} (`{e['name']}`)\n")
        w("```sql")
        w(e["sql"].rstrip(";") + ";")
        w("```\n")

    w("## Exports\n")
    w("`kb export --format plover|csv|json [--type T] [--since D] [--until D] [--include-negated] [-o FILE]` "
      "writes events ordered by id, reading them in chunks so that any number fits. The filters mean what they "
      "mean for `kb events`: `--since`/`--until` take `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and compare the "
      "event's date, else its document's publication date; negated events are left out unless "
      "`--include-negated`.\n")
    w("### plover\n")
    w("JSON lines, one event per line, with the field names of the PLOVER data interchange specification "
      "(Open Event Data Alliance, *PLOVER: Event, Actor and Data Interchange Specification*, chapter \"JSON "
      "Data Fields\"); fields after `coder` are kb's own additions, as the specification allows.\n")
    w("| field | content |")
    w("| --- | --- |")
    for name, desc in PLOVER_FIELDS:
        w(f"| `{name}` | {_cell(desc)} |")
    w("")
    w("### csv\n")
    w(CSV_COLUMNS_NOTE + "\n")
    w("### json\n")
    w("One JSON array of event objects with the fields of `kb events --json` (listed in README.md under "
      "\"JSON fields\"), one event per line.\n")
    w("### changes since a time\n")
    w(CHANGES_NOTE + "\n")

    w("## Event confidence\n")
    w(CONFIDENCE)
    return "\n".join(out).rstrip("\n") + "\n"


def generate(url: str | None = None) -> str:
    """The document from the database at ``url``; without one, from a fresh SQLite database, which
    gives the same text on every machine."""
    from .store.db import open_database

    if url:
        engine = open_database(url)
        try:
            return markdown(describe(engine))
        finally:
            engine.dispose()
    with tempfile.TemporaryDirectory(prefix="kb-schema-") as tmp:
        engine = open_database(f"sqlite:///{Path(tmp) / 'schema.sqlite'}")
        try:
            return markdown(describe(engine))
        finally:
            engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.schema_doc", description="Regenerate docs/schema.md.")
    parser.add_argument("--db", help="database URL to describe (default: a fresh SQLite database)")
    parser.add_argument("-o", "--output", default=str(DOC_PATH) if DOC_PATH else "-",
                        help="file to write, - for stdout (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only report whether the file is up to date (exit 1 when stale)")
    args = parser.parse_args(argv)
    try:
        text = generate(args.db)
    except KBError as exc:
        print(f"kb: {exc}", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path} is stale: run `{REGENERATE}`", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
