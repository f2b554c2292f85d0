"""The `kb` command line: parses arguments, calls the library, formats what it returns."""
from __future__ import annotations

import functools
import os
import re
import sys
from typing import Callable, List, Optional

import typer

from .errors import KBError
from .output import LazyConsole, render_table, to_csv, to_json

app = typer.Typer(help="A news event knowledge base: ingest articles, then ask questions or run SQL.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
db_app = typer.Typer(help="Create, upgrade and inspect the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

# In a pipe rich would assume 80 columns; tables of events need more to stay readable.
out = LazyConsole(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
err = LazyConsole(stderr=True, soft_wrap=True)  # one message, one line, in logs too

DbOption = typer.Option(None, "--db", help="SQLAlchemy database URL (default: $KB_DATABASE_URL or sqlite:///kb.sqlite)",
                        show_default=False)
JsonOption = typer.Option(False, "--json", help="Print JSON (field names documented in README.md)")
CsvOption = typer.Option(False, "--csv", help="Print CSV")
# A table for a person stops at 100 rows unless asked: at a million events an unbounded listing
# takes seconds and scrolls away. JSON and CSV are for programs and hold every row unless --limit
# says otherwise. 0 lists everything.
DEFAULT_LIMIT = 100
LimitOption = typer.Option(None, "--limit", "-n", show_default=False,
                           help="At most this many rows (default: 100 in a table, all with --json/--csv); 0 for all")


def fail(message: str, code: int = 1) -> None:
    err.print(f"kb: {message}", markup=False, highlight=False)
    raise typer.Exit(code)


def handled(fn: Callable) -> Callable:
    """Turn library errors into one line on stderr and exit status 1, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from sqlalchemy.exc import SQLAlchemyError

        for key, value in kwargs.items():
            # a shell can pass bytes that are not text; they cannot be stored or matched
            if key != "paths" and isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    fail(f"{key.rstrip('_').replace('_', '-')} is not UTF-8 text: {os.fsencode(value)!r}")
        try:
            return fn(*args, **kwargs)
        except KBError as exc:
            fail(str(exc))
        except SQLAlchemyError as exc:
            orig = getattr(exc, "orig", None) or exc
            fail(f"database error: {str(orig).strip().splitlines()[0]}")
        except KeyboardInterrupt:
            fail("interrupted", 130)

    return wrapper


def _session(db: str | None):
    from .store.db import open_database, session_scope

    return session_scope(open_database(db))


def shown(limit: int | None, as_json: bool, as_csv: bool) -> int | None:
    """The number of rows to show: the option, else a page for a table and everything for a program."""
    if limit is None:
        return None if as_json or as_csv else DEFAULT_LIMIT
    if limit < 0:
        fail(f"--limit must be 0 or more, not {limit}")
    return limit or None


def fetch_limit(limit: int | None) -> int | None:
    """What to ask the library for: one row more than shown, to know whether there are more."""
    return limit + 1 if limit else None


def trimmed(rows: list, limit: int | None) -> list:
    if limit and len(rows) > limit:
        err.print(f"kb: showing the first {limit} rows (--limit N for more, 0 for all)", markup=False)
        return rows[:limit]
    return rows


def emit(rows: list[dict], as_json: bool, as_csv: bool, columns, title: str | None = None, json_payload=None) -> None:
    if as_json:
        sys.stdout.write(to_json(json_payload if json_payload is not None else rows) + "\n")
    elif as_csv:
        sys.stdout.write(to_csv(rows, [c if isinstance(c, str) else c[0] for c in columns]))
    elif not rows:
        err.print("no results")
    else:
        render_table(out, rows, columns, title=title)


# -- ingest ------------------------------------------------------------------------------------

@app.command()
@handled
def ingest(
    paths: List[str] = typer.Argument(..., help="Files or folders (.txt .md .jsonl .csv .html); - reads stdin"),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-extract documents already stored"),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Processes that parse and extract while this one stores; 0: all in this one"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON"),
    cluster: Optional[str] = typer.Option(None, "--cluster", show_default=False,
                                          help="Share the work out to a Dask cluster: tcp://SCHEDULER:8786, or local:N "
                                               "worker processes here (PostgreSQL only; --workers is then unused)"),
) -> None:
    """Read articles, extract entities, events, quotes and numbers, and store them."""
    from .ingest.service import Ingestor
    from .store.db import open_database

    if cluster is not None:  # kb/cli_cluster.py
        from .cli_cluster import ingest_on_cluster

        report = ingest_on_cluster(paths, cluster, db, reprocess, show_progress=sys.stderr.isatty() and not as_json)
    else:
        engine = open_database(db)
        ingestor = Ingestor(engine, reprocess=reprocess, workers=workers)
        stdin = sys.stdin if "-" in paths else None
        try:
            report = _run_ingest(ingestor, paths, stdin, show_progress=sys.stderr.isatty() and not as_json)
        finally:
            ingestor.close()
    for w in report.warnings:
        err.print(f"kb: warning: {w}", markup=False, highlight=False)
    for e in report.errors:
        err.print(f"kb: {e}", markup=False, highlight=False)
    if as_json:
        sys.stdout.write(to_json(report.as_dict()) + "\n")
    else:
        out.print(f"documents: {report.added} added, {report.reprocessed} re-extracted, {report.skipped} skipped, "
                  f"{report.failed} failed; extracted {report.entities} entities, {report.events} events, "
                  f"{report.quotes} quotes", highlight=False)
    if not report.ok:
        raise typer.Exit(1)


def _run_ingest(ingestor, paths, stdin, show_progress: bool):
    """A progress bar on a terminal; nothing in a pipe."""
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            return ingestor.run(paths, stdin=stdin, progress=lambda n: bar.advance(task, n))
    return ingestor.run(paths, stdin=stdin)


# -- listings ----------------------------------------------------------------------------------

entities_app = typer.Typer(help="List entities, or correct them (merge, split, rename, alias add).",
                            invoke_without_command=True)
alias_app = typer.Typer(help="Names an entity also goes by.", no_args_is_help=True)
entities_app.add_typer(alias_app, name="alias")
app.add_typer(entities_app, name="entities")


@entities_app.callback()
@handled
def entities(
    ctx: typer.Context,
    type_: Optional[str] = typer.Option(None, "--type", "-t", help="PERSON, ORG, GPE, LOC, FAC, NORP, EVENT"),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-3 code"),
    name: Optional[str] = typer.Option(None, "--name", help="Only entities with this name or alias"),
    limit: Optional[int] = LimitOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """List entities with their aliases and titles."""
    if ctx.invoked_subcommand:
        return
    from .store.queries import list_entities

    limit = shown(limit, as_json, as_csv)
    with _session(db) as s:
        rows = trimmed(list_entities(s, type_=type_, country=country, name=name, limit=fetch_limit(limit)), limit)
    emit(rows, as_json, as_csv, [("id", "id"), ("name", "name"), ("type", "type"), ("country", "country"),
                                 ("aliases", "aliases"), ("roles", "roles"), ("mentions", "mentions"), ("documents", "docs")])


def _curate(db: str | None, action, *args) -> None:
    from .store.queries import entity_ref

    from .store.db import open_database, session_scope, writer

    with session_scope(writer(open_database(db))) as s:
        ent = action(s, *args)
        ref = entity_ref(ent)
    out.print(f"{ref['name']} (#{ref['id']}, {ref['type']})", markup=False, highlight=False)


@entities_app.command("merge")
@handled
def entities_merge(keep: str = typer.Argument(..., help="Entity to keep (name, alias or #id)"),
                   other: str = typer.Argument(..., help="Entity merged into it"), db: Optional[str] = DbOption) -> None:
    """Merge OTHER into KEEP; kept across re-ingest."""
    from .store.curation import merge

    _curate(db, merge, keep, other)


@entities_app.command("split")
@handled
def entities_split(name: str = typer.Argument(..., help="Entity to split (name, alias or #id)"),
                   alias: str = typer.Option(..., "--alias", help="The name that belongs to another entity"),
                   db: Optional[str] = DbOption) -> None:
    """Make ALIAS its own entity: documents that call NAME only by ALIAS move to it."""
    from .store.curation import split

    _curate(db, split, name, alias)


@entities_app.command("rename")
@handled
def entities_rename(name: str = typer.Argument(...), new_name: str = typer.Argument(...), db: Optional[str] = DbOption) -> None:
    """Give an entity a new canonical name (the old one stays an alias)."""
    from .store.curation import rename

    _curate(db, rename, name, new_name)


@alias_app.command("add")
@handled
def entities_alias_add(name: str = typer.Argument(...), alias: str = typer.Argument(...), db: Optional[str] = DbOption) -> None:
    """Record that ALIAS names the entity NAME."""
    from .store.curation import add_alias

    _curate(db, add_alias, name, alias)


@app.command()
@handled
def entity(name: str = typer.Argument(..., help="A name or alias"), db: Optional[str] = DbOption,
           as_json: bool = JsonOption) -> None:
    """Profile of one entity: type, country, aliases, titles, events, quotes, documents."""
    from .store.queries import entity_profile

    with _session(db) as s:
        prof = entity_profile(s, name)
    if prof is None:
        fail(f"no entity named {name!r}")
    if as_json:
        sys.stdout.write(to_json(prof) + "\n")
        return
    print_profile(prof)


SHOWN_ROLES = 8


def print_profile(prof: dict) -> None:
    out.print(f"[bold]{prof['name']}[/bold]  {prof['type']}" + (f"  {prof['country']}" if prof.get("country") else ""))
    if prof["aliases"]:
        out.print("also: " + ", ".join(prof["aliases"]), markup=False)
    # the titles stated most often; a head of state may be given hundreds of variants
    roles = sorted(prof["roles"], key=lambda r: -r.get("times", 1))
    for r in roles[:SHOWN_ROLES]:
        span = ""
        if r.get("start_year") or r.get("end_year"):
            span = f" ({r.get('start_year') or '?'}-{r.get('end_year') or ''})"
        elif r.get("first_seen"):
            span = f" (seen {r['first_seen']}" + (f" to {r['last_seen']}" if r["last_seen"] != r["first_seen"] else "") + ")"
        of = f" of {r['of']['name']}" if r.get("of") else ""
        out.print(f"  {'former ' if r['former'] else ''}{r['title']}{of}{span}", markup=False)
    if len(roles) > SHOWN_ROLES:
        out.print(f"  ... {len(roles) - SHOWN_ROLES} more titles (--json lists them all)", markup=False)
    # a full profile lists documents and counts them in documents_total; a listing entry only counts
    ndocs = prof.get("documents_total", prof["documents"])
    out.print(f"mentions: {prof['mentions']} in {ndocs} documents")
    if prof.get("events_by_type"):
        out.print("events: " + ", ".join(f"{k} {v}" for k, v in prof["events_by_type"].items()))
    for e in prof.get("events", [])[:10]:
        # an event the text gives no date happened by its article's date
        when = e["date"] or (e["document"] or {}).get("published") or ""
        out.print(f"  {when:10} {e['type']:9} {e['sentence']}", markup=False)
    if prof.get("quotes_total"):
        out.print(f"quotes: {prof['quotes_total']}" + (", the newest:" if prof["quotes_total"] > 5 else ""))
    for q in prof.get("quotes", [])[:5]:
        out.print(f"  \u201c{q['text']}\u201d", markup=False)
    if prof.get("related"):
        out.print("shares events with: " + ", ".join(f"{r['name']} ({r['shared_events']})" for r in prof["related"]), markup=False)


EVENT_COLUMNS = [("id", "id"), ("date", "date"), ("type", "type"), ("actors", "actors"), ("recipients", "recipients"),
                 ("location", "location"), ("count", "count"), ("trigger", "trigger"), ("sentence", "sentence")]


@app.command()
@handled
def events(
    type_: Optional[str] = typer.Option(None, "--type", "-t", help="PLOVER category, e.g. AGREE"),
    actor: Optional[str] = typer.Option(None, "--actor", help="Name of an actor"),
    recipient: Optional[str] = typer.Option(None, "--recipient", help="Name of a recipient"),
    entity_: Optional[str] = typer.Option(None, "--entity", help="Any participant or the place"),
    since: Optional[str] = typer.Option(None, "--since", help="YYYY[-MM[-DD]]"),
    until: Optional[str] = typer.Option(None, "--until", help="YYYY[-MM[-DD]]"),
    country: Optional[str] = typer.Option(None, "--country", help="A participant's or the place's alpha-3 code"),
    include_negated: bool = typer.Option(False, "--include-negated", help="Also events the text says did not happen"),
    limit: Optional[int] = LimitOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """List events with their actors, recipients, date, place and source sentence."""
    from .store.queries import EventFilter, list_events

    limit = shown(limit, as_json, as_csv)
    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            fail(f"{option} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")

    f = EventFilter(type=type_, actor=actor, recipient=recipient, entity=entity_, since=since, until=until,
                    country=country, include_negated=include_negated, limit=fetch_limit(limit))
    with _session(db) as s:
        rows = trimmed(list_events(s, f), limit)
    emit(rows, as_json, as_csv, EVENT_COLUMNS)


@app.command()
@handled
def quotes(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Name of the speaker"),
    contains: Optional[str] = typer.Option(None, "--contains", help="Words in the quote"),
    limit: Optional[int] = LimitOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """List quotes with their speakers."""
    from .store.queries import list_quotes

    limit = shown(limit, as_json, as_csv)
    with _session(db) as s:
        rows = trimmed(list_quotes(s, speaker=speaker, contains=contains, limit=fetch_limit(limit)), limit)
    emit(rows, as_json, as_csv, [("id", "id"), ("speaker", "speaker"), ("text", "text"), ("document", "document")])


@app.command()
@handled
def documents(limit: Optional[int] = LimitOption, db: Optional[str] = DbOption, as_json: bool = JsonOption,
              as_csv: bool = CsvOption) -> None:
    """List stored documents."""
    from .store.queries import list_documents

    limit = shown(limit, as_json, as_csv)
    with _session(db) as s:
        rows = trimmed(list_documents(s, limit=fetch_limit(limit)), limit)
    emit(rows, as_json, as_csv, [("id", "id"), ("published", "published"), ("title", "title"), ("source", "source"),
                                 ("url", "url"), ("entities", "entities"), ("events", "events"), ("quotes", "quotes")])


@app.command()
@handled
def sql(
    statement: str = typer.Argument(..., help="One SQL statement; the connection is read-only"),
    limit: int = typer.Option(1000, "--limit", "-n", help="At most this many rows"),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop the query after this many seconds"),
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Run read-only SQL on the tables and views (see docs/schema.md)."""
    from .store.sqlrun import run_sql

    res = run_sql(statement, db, limit=limit, timeout=timeout)
    rows = res.as_dicts()
    emit(rows, as_json, as_csv, res.unique_columns())
    if res.truncated:
        err.print(f"kb: showing the first {limit} rows (--limit)")


@app.command()
@handled
def ask(
    question: str = typer.Argument(..., help='A question, e.g. "agreements signed by Venezuela"'),
    limit: int = typer.Option(10, "--limit", "-n", help="At most this many results"),
    show_sql: bool = typer.Option(False, "--sql", help="Also print the SQL that was run"),
    db: Optional[str] = DbOption, as_json: bool = JsonOption,
) -> None:
    """Answer a plain-English question from the knowledge base."""
    from .ask import QuestionNotUnderstood, answer

    try:
        with _session(db) as s:
            result = answer(s, question, limit=limit)
    except QuestionNotUnderstood as exc:
        if as_json:
            sys.stdout.write(to_json({"question": question, "understood": exc.understood, "results": [],
                                      "error": str(exc)}) + "\n")
        err.print(f"kb: cannot answer {question!r}: {exc}", markup=False)
        u = exc.understood
        known = [f"{k}={', '.join(v['name'] if isinstance(v, dict) else str(v) for v in (val if isinstance(val, list) else [val]))}"
                 for k, val in u.items() if val and k in {"categories", "actors", "recipients", "participants", "location", "since", "until"}]
        err.print(f"kb: understood: {'; '.join(known) or 'nothing'}; not understood: {', '.join(u.get('unknown_words') or []) or '-'}",
                  markup=False)
        err.print('kb: try e.g. "agreements signed by Venezuela" or "Who is Dmitry Chernyshenko?"', markup=False)
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(to_json(result) + "\n")
        return
    u = result["understood"]
    parts = [f"kind={result['kind']}"]
    for key in ("categories", "mode", "actors", "recipients", "participants", "location", "since", "until", "topic", "title"):
        val = u.get(key)
        if val:
            if isinstance(val, list):
                val = ", ".join(v["name"] if isinstance(v, dict) else str(v) for v in val)
            elif isinstance(val, dict):
                val = val["name"]
            parts.append(f"{key}={val}")
    err.print("understood: " + "; ".join(parts), markup=False, highlight=False)
    if show_sql:
        for q in result["sql"]:
            err.print(q, markup=False, highlight=False)
    rows = result["results"]
    if not rows:
        err.print("no results")
        return
    if result["kind"] in {"entity", "people", "role_holder"}:
        for prof in rows:
            print_profile(prof)
    elif result["kind"] == "quotes":
        emit(rows, False, False, [("speaker", "speaker"), ("text", "text"), ("document", "document")])
    else:
        if result["kind"] == "count":
            out.print(f"{result['count']} (from {result['events']} events)")
        emit(rows, False, False, EVENT_COLUMNS)


# -- db ----------------------------------------------------------------------------------------

@db_app.command("upgrade")
@handled
def db_upgrade(revision: str = typer.Argument("head"), db: Optional[str] = DbOption) -> None:
    """Bring the schema up to a revision (default: the newest)."""
    from .store import db as dbm

    engine = dbm.make_engine(db)
    dbm.ensure_schema(engine) if revision == "head" else dbm.upgrade(engine, revision)
    out.print(f"database at revision {dbm.current_revision(engine)}")


@db_app.command("downgrade")
@handled
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. -1 or base"), db: Optional[str] = DbOption) -> None:
    """Take the schema back to an older revision (may drop data of newer tables)."""
    from .store import db as dbm

    engine = dbm.make_engine(db)
    dbm.downgrade(engine, revision)
    out.print(f"database at revision {dbm.current_revision(engine) or 'base'}")


@db_app.command("recount")
@handled
def db_recount(db: Optional[str] = DbOption) -> None:
    """Count every entity's mentions, documents, events and quotes again (entity_stats).

    kb keeps these counts as it stores and curates; recount after loading rows by other means."""
    from .store import stats
    from .store.db import lock_for_storing, open_database, session_scope, writer

    with session_scope(writer(open_database(db))) as s:
        lock_for_storing(s)
        n = stats.recount_all(s)
    out.print(f"counted {n} entities")


@db_app.command("current")
@handled
def db_current(db: Optional[str] = DbOption) -> None:
    """Show the schema revision of the database and of this kb."""
    from .store import db as dbm

    engine = dbm.make_engine(db)
    cur = dbm.current_revision(engine)
    head = dbm.head_revision()
    out.print(f"database: {cur or 'empty'}; kb: {head}" + ("" if cur == head else " (behind: run kb db upgrade)"))


from . import cli_analyst  # noqa: E402,F401  (registers export, serve, schema)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
