"""`kb serve`: the database in Datasette, read-only, described with the schema's comments and
offering the example queries of docs/schema.md as canned queries.

Datasette reads SQLite files only. The file is opened immutable (Datasette's ``--immutable``):
SQLite itself refuses writes and takes no locks. The price is that SQLite trusts the file never
to change: the server shows the database as it was when it started (the write-ahead log is folded
in first), and an ingest into the same file while it runs can give it inconsistent answers.
Stop it, ingest, start it again.

Every connection Datasette opens is prepared by ``kb.serve_guard`` as ``kb sql`` prepares its own: no
value over ``MAX_VALUE_BYTES`` (one ``randomblob(1e9)`` would run for seconds inside one step,
past Datasette's time limit, which is checked between steps), and no function that reaches past
the data (``load_extension``, ``fts3_tokenizer``). PostgreSQL is refused: Datasette reads SQLite
files only; ``kb sql`` (which runs as a reader role) serves PostgreSQL instead.
"""
from __future__ import annotations

import importlib.util
import ipaddress
import json
import signal
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from .errors import KBError

TITLE = "kb: news event knowledge base"
DESCRIPTION = ("Events coded in PLOVER, entities, roles and quotes read from news articles. Start with the views "
               "(event_view, event_participant_view, entity_view, quote_view) and the example queries.")
SQL_TIME_LIMIT_MS = 10_000


def datasette_available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def sqlite_path(url: str | None) -> Path:
    """The SQLite file behind a database URL; a clear error for anything Datasette cannot open."""
    path = _sqlite_file(url)
    if not path.exists():
        raise KBError(f"no database at {str(path)!r}; run `kb ingest` first")
    return path.resolve()


def _sqlite_file(url: str | None) -> Path:
    from .store.db import database_url

    url = database_url(url)
    try:
        parsed = make_url(url)
    except Exception:
        raise KBError(f"not a database URL: {url!r}") from None
    backend = parsed.get_backend_name()
    if backend != "sqlite":
        raise KBError(f"Datasette needs a SQLite database, and this one is {backend}; for PostgreSQL use "
                      "`kb sql`, `kb export` or any PostgreSQL client")
    if not parsed.database or parsed.database == ":memory:":
        raise KBError("kb serve needs a SQLite database file, not an in-memory database")
    return Path(parsed.database).expanduser()


def database_name(path: Path) -> str:
    """The name Datasette gives a database file: its name without the extension."""
    return path.stem


# Canned queries for Datasette only: each asks for a name or a country code in a form field.
SERVE_QUERIES: dict[str, dict] = {
    "entity_profile": {
        "title": "Who or what is :name?",
        "description": "An entity by its name or any alias (exact, case-insensitive): type, country, current title, "
                       "counts, aliases and, for a place, its coordinates.",
        "sql": """SELECT v.*
FROM entity_view v
WHERE lower(v.name) = lower(:name)
   OR v.entity_id IN (SELECT a.entity_id FROM entity_aliases a WHERE lower(a.alias) = lower(:name))
ORDER BY v.mentions DESC""",
    },
    "events_of_entity": {
        "title": "What did :name do, and what was done to it?",
        "description": "Events the entity takes part in or that happened at it, newest first.",
        "sql": """SELECT e.date, e.type, e.actors, e.recipients, e.location, e.sentence, e.document_url
FROM event_view e
WHERE NOT e.negated AND (
  e.event_id IN (SELECT p.event_id FROM event_participant_view p WHERE lower(p.entity_name) = lower(:name))
  OR lower(e.location) = lower(:name))
ORDER BY e.date DESC, e.event_id""",
    },
    "events_in_country": {
        "title": "What happened in or with the country :country?",
        "description": "Events with a participant from the country (alpha-3 code, e.g. VEN) or placed in it, its "
                       "cities and regions included; newest first.",
        "sql": """SELECT e.date, e.type, e.actors, e.recipients, e.location, e.latitude, e.longitude, e.sentence,
       e.document_url
FROM event_view e
WHERE NOT e.negated AND (
  e.location_country = upper(:country)
  OR e.event_id IN (SELECT p.event_id FROM event_participant_view p WHERE p.entity_country = upper(:country)))
ORDER BY e.date DESC, e.event_id""",
    },
    "located_events": {
        "title": "Where did events happen? (map)",
        "description": "Every event placed at a place with coordinates; the map plugin (datasette-cluster-map) "
                       "draws the latitude and longitude columns. Leave :country empty for all countries.",
        "sql": """SELECT e.event_id, e.date, e.type, e.location, e.location_country, e.latitude, e.longitude,
       e.sentence
FROM event_view e
WHERE NOT e.negated AND e.latitude IS NOT NULL AND (:country = '' OR e.location_country = upper(:country))
ORDER BY e.date DESC, e.event_id""",
    },
}


def _front_page(schema: dict, database: str) -> str:
    """The database page's description: the views first (Datasette lists tables before views),
    then the questions that take a name or a country."""
    from html import escape

    views = "".join(f'<li><a href="/{escape(database)}/{escape(v["name"])}">{escape(v["name"])}</a>: '
                    f'{escape(v["description"])}</li>' for v in schema["views"])
    asks = "".join(f'<li><a href="/{escape(database)}/{escape(name)}">{escape(q["title"])}</a></li>'
                   for name, q in SERVE_QUERIES.items())
    return (f"<p>Start with the views, one row per event, participant, entity or quote with names spelled out:</p>"
            f"<ul>{views}</ul><p>Ask about one entity or country:</p><ul>{asks}</ul>")


def metadata(schema: dict, database: str) -> dict:
    """Datasette metadata: table, view and column descriptions, the views listed first, the
    example queries as canned queries taking ``:name``/``:country`` where they name a sample,
    and the queries that ask about an entity or a country (``schema`` as returned by
    kb.schema_doc.describe)."""
    tables: dict[str, dict] = {}
    for rel in schema["views"] + schema["tables"]:
        tables[rel["name"]] = {
            "description": rel["description"],
            "columns": {c["name"]: c["description"] for c in rel["columns"] if c["description"]},
        }
    tables["alembic_version"] = {"hidden": True}
    from .store.views import EXAMPLES

    params = {e.name: e for e in EXAMPLES}
    queries = {e["name"]: {"title": e["title"], "description": e["description"],
                           "sql": params[e["name"]].parameterised() if e["name"] in params else e["sql"]}
               for e in schema["examples"]}
    queries.update(SERVE_QUERIES)
    return {"title": TITLE, "description": DESCRIPTION,
            "databases": {database: {"description_html": _front_page(schema, database), "tables": tables,
                                     "queries": queries}}}


def prepare(url: str | None) -> tuple[Path, dict]:
    """Bring the schema up to date (the views must exist), describe it, and fold the write-ahead
    log into the main file: an immutable reader does not look at the log."""
    from .schema_doc import describe
    from .store.db import open_database

    path = sqlite_path(url)
    engine = open_database(f"sqlite:///{path}")
    try:
        schema = describe(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path, metadata(schema, database_name(path))


def datasette_args(path: Path, metadata_file: Path, host: str, port: int) -> list[str]:
    return ["serve", "--immutable", str(path), "--metadata", str(metadata_file), "--host", host, "--port", str(port),
            "--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS)]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _register_guard() -> None:
    from datasette.plugins import pm

    from . import serve_guard

    if pm.get_plugin("kb-guard") is None:
        pm.register(serve_guard, name="kb-guard")


def serve(url: str | None, host: str = "127.0.0.1", port: int = 8001, announce=None) -> None:
    """Run Datasette in this process until it is stopped (Ctrl+C or SIGTERM)."""
    sqlite_path(url)  # a wrong database is the first thing to hear about, Datasette installed or not
    if not datasette_available():
        raise KBError("Datasette is not installed: pip install 'kb[serve]'")
    path, meta = prepare(url)
    with tempfile.TemporaryDirectory(prefix="kb-serve-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
        if announce:
            announce(path, meta_file)
        import click
        from datasette.cli import cli

        _register_guard()
        # Uvicorn shuts down gracefully on SIGINT/SIGTERM and then raises the signal again for the
        # handler it found; with the default SIGTERM handler the process would die on the spot
        # and leave the metadata file behind.
        previous = signal.signal(signal.SIGTERM, _stop)
        try:
            cli.main(datasette_args(path, meta_file, host, port), prog_name="datasette", standalone_mode=False)
        except (_Stopped, KeyboardInterrupt):
            pass  # the usual way to stop a server
        except click.ClickException as exc:
            raise KBError(f"datasette: {exc.format_message()}") from None
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise KBError(f"datasette stopped (exit status {exc.code})") from None
        finally:
            signal.signal(signal.SIGTERM, previous)


class _Stopped(Exception):
    pass


def _stop(signum, frame):
    raise _Stopped()
