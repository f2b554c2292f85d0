"""`kb export`, `kb serve` and `kb schema`: the database for analysts and their tools.

Registered on the `kb` app by the import at the end of kb/cli.py.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .cli import (AllEventsOption, DbOption, JsonOption, MinConfidenceOption, _session, app, emit, err, event_threshold,
                  examples, fail, handled, out)
from .output import to_json


class ExportFormat(str, Enum):
    plover = "plover"
    csv = "csv"
    json = "json"


# Help texts are single-line paragraphs: typer keeps the line breaks of a docstring.
EXPORT_HELP = (
    "Export events as PLOVER JSON lines, CSV or JSON, streamed in chunks.\n\n"
    "PLOVER records carry id, date, enddate, source and recipient (lists of {actor_text, code, identifier_id, "
    "entity_type}), event, mode, context, quad_code, event_text, event_loc ({name, cc3}), text, cite_info "
    "({url, title, citation}) and coder, then kb's date_precision, date_text, cameo_root, count, negated, "
    "hypothetical, future and confidence. docs/schema.md describes every field."
)
SERVE_HELP = (
    "Browse and query the database in Datasette, read-only (SQLite only; pip install 'kb\\[serve]').\n\n"
    "Tables and columns carry their descriptions, and the example queries of docs/schema.md are offered as "
    "canned queries. The server shows the database as it was when it started: stop it while ingesting into the "
    "same file, and start it again after."
)


@app.command(help=EXPORT_HELP, epilog=examples("kb export --format csv -o events.csv", "kb export --type ASSAULT --since 2019 > assaults.plover.jsonl"))
@handled
def export(
    format_: ExportFormat = typer.Option(ExportFormat.plover, "--format", "-f", case_sensitive=False,
                                         help="plover: PLOVER records as JSON lines; csv: one row per event with "
                                              "event_view's columns; json: a list of `kb events --json` objects. "
                                              "Fields: docs/schema.md, section Exports"),
    type_: Optional[str] = typer.Option(None, "--type", "-t", help="PLOVER category, e.g. ASSAULT"),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY[-MM[-DD]]"),
    include_negated: bool = typer.Option(False, "--include-negated", help="Also events the text says did not happen"),
    changed_since: Optional[str] = typer.Option(None, "--changed-since",
                                                help="Only events added, changed or removed since this ISO 8601 time "
                                                     "(see kb changes), each with a change field"),
    min_confidence: Optional[float] = MinConfidenceOption, all_: bool = AllEventsOption,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to FILE (default: standard output)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display and no summary line"),
    db: Optional[str] = DbOption,
) -> None:
    from .export import ExportOptions, export_events

    from .cli_progress import count_progress, wanted
    from .export import count_selected

    when = None
    if changed_since is not None:
        from .cli_watch import parse_since

        when = parse_since(changed_since, "--changed-since")
    # an export selects what `kb events` lists, with the same threshold
    opts = ExportOptions(format=format_.value, type=type_, since=since, until=until, include_negated=include_negated,
                         changed_since=when, min_confidence=event_threshold(min_confidence, all_))
    to_stdout = output in (None, "-")
    # a bar only where it cannot mix with the data: stdout redirected or a file named
    show = wanted(err, quiet) and (not to_stdout or not sys.stdout.isatty())

    def run(s, fh) -> int:
        total = count_selected(s, opts) if show else None
        with count_progress(err, "exporting", total, "events", show) as progress:
            return export_events(s, opts, fh, progress)

    if to_stdout:
        with _session(db) as s:
            n = run(s, sys.stdout)
        sys.stdout.flush()
        if not quiet:
            err.print(f"kb: exported {n} events")
        return
    path = Path(output)
    part = path.with_name(path.name + ".part")
    try:
        with _session(db) as s, open(part, "w", encoding="utf-8", newline="") as fh:
            n = run(s, fh)
        os.replace(part, path)  # a reader of FILE never sees half an export
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    finally:
        if part.exists():
            part.unlink()
    if not quiet:
        err.print(f"kb: exported {n} events to {path}")


@app.command(help=SERVE_HELP, epilog=examples("kb serve", "kb serve --port 8002 --db sqlite:///news.sqlite"))
@handled
def serve(
    port: int = typer.Option(8001, "--port", "-p", help="TCP port"),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; 0.0.0.0 shares the database with the network"),
    db: Optional[str] = DbOption,
) -> None:
    from .serve import is_loopback, serve as run

    if not is_loopback(host):
        err.print(f"kb: warning: listening on {host}: anyone who can reach it can read the whole database",
                  markup=False, highlight=False)

    def announce(path, _meta):
        err.print(f"kb: serving {path} read-only at http://{host}:{port}/ (Ctrl+C stops; restart to see new "
                  "documents)", markup=False, highlight=False)

    run(db, host=host, port=port, announce=announce)


@app.command(epilog=examples("kb schema", "kb schema --markdown > docs/schema.md"))
@handled
def schema(
    markdown: bool = typer.Option(False, "--markdown", help="Print docs/schema.md: tables, views, example queries, exports"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to FILE instead of standard output"),
    db: Optional[str] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """List the tables and views (with --markdown: the full schema document)."""
    from .schema_doc import describe, markdown as render
    from .store.db import open_database

    engine = open_database(db, create=False)
    try:
        schema_ = describe(engine)
    finally:
        engine.dispose()
    if markdown or as_json:
        text = render(schema_) if markdown else to_json(schema_) + "\n"
        if output and output != "-":
            Path(output).write_text(text, encoding="utf-8")
            err.print(f"kb: wrote {output}", markup=False, highlight=False)
        else:
            sys.stdout.write(text)
        return
    rows = [{"name": r["name"], "kind": r["kind"], "columns": len(r["columns"]), "description": r["description"]}
            for r in schema_["views"] + schema_["tables"]]
    emit(rows, False, False, [("name", "name"), ("kind", "kind"), ("columns", "columns"), ("description", "description")])
    out.print("Full description: kb schema --markdown (docs/schema.md)", highlight=False)
