"""The `kb` command line: parses arguments, calls the library, formats what it returns."""
from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from typing import Callable, List, Optional

import typer

from .errors import KBError
from .cli_progress import wanted
from .output import LazyConsole, render_table, safe, to_csv, to_json

def _plain_option_types() -> None:
    """Help shows option types as people write them (TEXT, INTEGER, a flag shows none), not as
    Python annotations (<str>, <bool>, <list[str]>), which newer typer versions print."""
    try:
        from typer.core import TyperArgument, TyperOption
    except ImportError:  # an older typer prints plain types already
        return
    words = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "int range": "INTEGER", "float range": "NUMBER",
             "bool": None, "list[str]": "TEXT", "path": "PATH", "file": "FILE", "directory": "FOLDER"}
    for cls in (TyperOption, TyperArgument):
        original = getattr(cls, "display_type_rich", None)
        if original is None or getattr(original, "kb_plain", False):
            continue

        def plain(self, ctx, _original=original):
            if getattr(self, "is_flag", False) or getattr(self, "count", False):
                return None
            label = _original(self, ctx)
            if not label or not (label.startswith("<") and label.endswith(">")):
                return label
            inner = label[1:-1]
            if inner.startswith("list[") and inner.endswith("]"):
                inner = inner[5:-1]
            if inner in words:
                return words[inner]
            return f"[{inner}]" if "|" in inner else inner.upper()

        plain.kb_plain = True
        cls.display_type_rich = plain


_plain_option_types()

app = typer.Typer(help="A news event knowledge base: ingest articles, then ask questions or run SQL.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
db_app = typer.Typer(help="Create, upgrade and inspect the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

# In a pipe rich would assume 80 columns; tables of events need more to stay readable.
out = LazyConsole(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
err = LazyConsole(stderr=True, soft_wrap=True)  # one message, one line, in logs too

def _version(value: bool) -> None:
    if value:
        from . import __version__

        sys.stdout.write(f"kb {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print kb's version and exit")) -> None:
    """A news event knowledge base: ingest articles, then ask questions or run SQL."""


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
MinConfidenceOption = typer.Option(None, "--min-confidence", show_default=False,
                                   help="Only events of at least this confidence, 0..1 (default: the documented "
                                        "threshold, kb.records.DEFAULT_MIN_CONFIDENCE)")
AllEventsOption = typer.Option(False, "--all", help="Every event, whatever its confidence")


def event_threshold(min_confidence: float | None, all_: bool) -> float | None:
    """The confidence an event needs to be listed: none with --all, else the option or the default."""
    if all_:
        return None
    if min_confidence is None:
        from .records import DEFAULT_MIN_CONFIDENCE

        return DEFAULT_MIN_CONFIDENCE
    if not 0.0 <= min_confidence <= 1.0:
        fail(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    return min_confidence


def examples(*lines: str) -> str:
    """An epilog for a command's --help: real command lines, one paragraph each (typer's rich
    help joins lines of one paragraph)."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


def fail(message: str, code: int = 1) -> None:
    err.print(f"kb: {message}")
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

    return session_scope(open_database(db, create=False))


def shown(limit: int | None, as_json: bool, as_csv: bool) -> int | None:
    """The number of rows to show: the option, else a page for a table and everything for a program."""
    if limit is None:
        return None if as_json or as_csv else DEFAULT_LIMIT
    if limit < 0:
        fail(f"--limit must be 0 or more, not {limit}")
    return limit or None


def fetch_limit(limit: int | None) -> int | None:
    """What to ask the library for: one row more than shown, to know whether there are more
    (no more than a 64-bit SQL LIMIT holds: --limit 9223372036854775807 means all)."""
    return min(limit + 1, 2**62) if limit else None


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


# -- ingest ----------------------------------------------------------------------------------

INGEST_HELP = (
    "Read articles, extract entities, events, quotes and numbers, and store them.\n\n"
    "Inputs are files, folders (read recursively, hidden files skipped) or - for standard input. By suffix: "
    ".txt and .md hold one article (plain text, or a headline, byline, date and body as in data/samples); "
    ".html/.htm a web page; .jsonl one JSON object per line with a \"text\" field and optional \"url\", "
    "\"title\", \"published\" (or \"date\") and \"source\"; .csv a header row naming a text column and any "
    "of url, title, published (or date), source; .rss/.atom/.xml a feed. An http(s) URL is fetched (a page, or "
    "a feed whose items are fetched in turn). An article already stored (same URL or same text) is "
    "skipped unless --reprocess. Each document is stored whole or not at all; Ctrl-C finishes the document "
    "being stored, then stops (a second Ctrl-C stops at once).\n\n"
    "Examples:\n\n"
    "  kb ingest data/samples\n\n"
    "  kb ingest news.jsonl --workers 2 --db postgresql+psycopg://me@dbhost/news\n\n"
    "  kb ingest https://example.org/news/feed.rss --since 2024-11-01\n\n"
    "  cat article.txt | kb ingest -"
)


def fetch_policy(timeout: float, retries: int, ignore_robots: bool):
    from .ingest.web import FetchPolicy

    if timeout <= 0:
        fail(f"--timeout must be more than 0 seconds, not {timeout:g}")
    return FetchPolicy(timeout=timeout, retries=retries, respect_robots=not ignore_robots)


def since_date(since: str | None):
    import datetime as dt

    if since is None:
        return None
    try:
        return dt.date.fromisoformat(since)
    except ValueError:
        fail(f"--since must be a date, YYYY-MM-DD, not {since!r}")


TimeoutOption = typer.Option(20.0, "--timeout", help="Seconds to wait for a web page (connecting, and the whole answer)")
RetriesOption = typer.Option(2, "--retries", min=0, help="Tries again after a network error or a 5xx answer, waiting 1 s, 2 s, ...")
IgnoreRobotsOption = typer.Option(False, "--ignore-robots", help="Fetch pages robots.txt asks robots to leave alone")
FeedSinceOption = typer.Option(None, "--since", help="Feeds: leave out items published before this day (YYYY-MM-DD)")


@app.command(help=INGEST_HELP)
@handled
def ingest(
    paths: List[str] = typer.Argument(..., metavar="PATH", show_default=False,
                                      help="Files or folders (.txt .md .jsonl .csv .html), feeds (.rss .atom .xml), "
                                           "http(s) URLs of pages or feeds; - reads stdin"),
    reprocess: bool = typer.Option(False, "--reprocess", help="Re-extract documents already stored (URLs: fetch again)"),
    workers: int = typer.Option(1, "--workers", "-w", min=0,
                                help="Processes that parse and extract while this one stores; 0: all in this one"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display and no summary; errors still shown"),
    since: Optional[str] = FeedSinceOption,
    timeout: float = TimeoutOption,
    retries: int = RetriesOption,
    ignore_robots: bool = IgnoreRobotsOption,
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON"),
    cluster: Optional[str] = typer.Option(None, "--cluster", show_default=False,
                                          help="Share the work out to a Dask cluster: tcp://SCHEDULER:8786, or local:N "
                                               "worker processes here (PostgreSQL only; --workers is then unused)"),
) -> None:
    from .ingest.service import Ingestor
    from .store.db import open_database

    signals: list[int] = []
    if cluster is not None:  # kb/cli_cluster.py
        from .cli_cluster import ingest_on_cluster

        report = ingest_on_cluster(paths, cluster, db, reprocess, show_progress=wanted(err, quiet or as_json))
    else:
        policy = fetch_policy(timeout, retries, ignore_robots)
        day = since_date(since)
        engine = open_database(db)
        ingestor = Ingestor(engine, reprocess=reprocess, workers=workers, fetch_policy=policy, since=day)
        stdin = sys.stdin if "-" in paths else None
        try:
            report = _run_ingest(ingestor, paths, stdin, wanted(err, quiet or as_json), signals)
        except KeyboardInterrupt:
            # a second signal: the document being stored was rolled back whole
            ingestor.report.interrupted = True
            report = ingestor.report
        finally:
            ingestor.close(interrupted=bool(signals))
    for w in report.warnings:
        err.print(f"kb: warning: {w}")
    for e in report.errors:
        err.print(f"kb: {e}")
    if as_json:
        sys.stdout.write(to_json(report.as_dict()) + "\n")
    elif not quiet:
        out.print(f"documents: {report.added} added, {report.reprocessed} re-extracted, {report.skipped} skipped, "
                  f"{report.failed} failed; extracted {report.entities} entities, {report.events} events, "
                  f"{report.quotes} quotes")
    if report.interrupted:
        import signal

        word, code = ("terminated", 143) if signal.SIGTERM in signals else ("interrupted", 130)
        fail(f"{word}: {report.added + report.reprocessed} documents stored, each one whole; "
             "run the same command again to go on", code)
    if not report.ok:
        raise typer.Exit(1)


def _run_ingest(ingestor, paths, stdin, show_progress: bool, signals: list[int]):
    """A progress display on a terminal (nothing in a pipe). Ctrl-C or SIGTERM asks the ingestor
    to stop after the document it is storing (no exception is raised inside the handler, which
    could land anywhere); a second one stops at once. ``signals`` collects what arrived."""
    import signal
    import threading

    from .cli_progress import ingest_progress

    total = None
    if show_progress:
        from .ingest.prescan import count_articles

        total = count_articles(paths)

    def on_signal(signum, frame):
        signals.append(signum)
        if ingestor.stopping:
            raise KeyboardInterrupt
        ingestor.stop()
        if signum == signal.SIGINT:
            err.print("kb: stopping after the current document (Ctrl-C again to stop at once)")

    in_main = threading.current_thread() is threading.main_thread()
    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)} if in_main else {}
    try:
        with ingest_progress(err, total, show_progress) as update:
            return ingestor.run(paths, stdin=stdin, progress=update)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# -- listings ----------------------------------------------------------------------------------

entities_app = typer.Typer(help="List entities, or correct them (merge, split, rename, alias add).",
                            invoke_without_command=True)
alias_app = typer.Typer(help="Names an entity also goes by.", no_args_is_help=True)
entities_app.add_typer(alias_app, name="alias")
app.add_typer(entities_app, name="entities")


@entities_app.callback(epilog=examples("kb entities --type PERSON --country VEN", "kb entities --name Maduro --json", "kb entities merge \"Nicolas Maduro\" \"Maduro Moros\"", "kb entities alias add \"Delcy Rodriguez\" \"Delcy Rodríguez\""))
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

    with session_scope(writer(open_database(db, create=False))) as s:
        ent = action(s, *args)
        ref = entity_ref(ent)
    out.print(f"{ref['name']} (#{ref['id']}, {ref['type']})", markup=False, highlight=False)


@entities_app.command("merge", epilog=examples('kb entities merge "Nicolas Maduro" "Maduro Moros"', "kb entities merge #12 #40"))
@handled
def entities_merge(keep: str = typer.Argument(..., help="Entity to keep (name, alias or #id)"),
                   other: str = typer.Argument(..., help="Entity merged into it"), db: Optional[str] = DbOption) -> None:
    """Merge OTHER into KEEP; kept across re-ingest."""
    from .store.curation import merge

    _curate(db, merge, keep, other)


@entities_app.command("split", epilog=examples('kb entities split "Rodriguez" --alias "Jorge Rodriguez"'))
@handled
def entities_split(name: str = typer.Argument(..., help="Entity to split (name, alias or #id)"),
                   alias: str = typer.Option(..., "--alias", help="The name that belongs to another entity"),
                   db: Optional[str] = DbOption) -> None:
    """Make ALIAS its own entity: documents that call NAME only by ALIAS move to it."""
    from .store.curation import split

    _curate(db, split, name, alias)


@entities_app.command("rename", epilog=examples('kb entities rename "Maduro" "Nicolas Maduro"'))
@handled
def entities_rename(name: str = typer.Argument(...), new_name: str = typer.Argument(...), db: Optional[str] = DbOption) -> None:
    """Give an entity a new canonical name (the old one stays an alias)."""
    from .store.curation import rename

    _curate(db, rename, name, new_name)


@alias_app.command("add", epilog=examples('kb entities alias add "Nicolas Maduro" "Maduro Moros"'))
@handled
def entities_alias_add(name: str = typer.Argument(...), alias: str = typer.Argument(...), db: Optional[str] = DbOption) -> None:
    """Record that ALIAS names the entity NAME."""
    from .store.curation import add_alias

    _curate(db, add_alias, name, alias)


@app.command(epilog=examples('kb entity "Dmitry Chernyshenko"', "kb entity Maduro --json"))
@handled
def entity(name: str = typer.Argument(..., help="A name or alias"), db: Optional[str] = DbOption,
           as_json: bool = JsonOption) -> None:
    """Profile of one entity: type, country, aliases, titles, events, quotes, documents."""
    from .store.queries import entity_profile

    with _session(db) as s:
        prof = entity_profile(s, name)
    if prof is None:
        fail(f"no entity named {name!r}")
    if prof.get("matched") == "spelling":
        err.print(f"kb: no entity named {name!r}; showing {prof['name']}, the closest spelling")
    if as_json:
        sys.stdout.write(to_json(prof) + "\n")
        return
    print_profile(prof)


SHOWN_ROLES = 8


def print_profile(prof: dict) -> None:
    from rich.text import Text

    head = Text(safe(prof["name"]), style="bold")
    head.append(safe(f"  {prof['type']}" + (f"  {prof['country']}" if prof.get("country") else "")))
    out.print(head)
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


# The filters every command over events takes (events, plot), defined once so they read the same.
TypeOption = typer.Option(None, "--type", "-t", help="PLOVER category, e.g. AGREE")
ActorOption = typer.Option(None, "--actor", help="Name of an actor")
RecipientOption = typer.Option(None, "--recipient", help="Name of a recipient")
EntityOption = typer.Option(None, "--entity", help="Any participant or the place")
SinceOption = typer.Option(None, "--since", help="YYYY[-MM[-DD]]")
UntilOption = typer.Option(None, "--until", help="YYYY[-MM[-DD]]")
CountryOption = typer.Option(None, "--country", help="A participant's or the place's alpha-3 code")
IncludeNegatedOption = typer.Option(False, "--include-negated", help="Also events the text says did not happen")


def event_filter(type_, actor, recipient, entity_, since, until, country, include_negated, min_confidence, all_,
                 limit: int | None = None):
    """The EventFilter of those options, the dates checked and the confidence threshold applied."""
    from .store.queries import EventFilter

    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            fail(f"{option} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return EventFilter(type=type_, actor=actor, recipient=recipient, entity=entity_, since=since, until=until,
                       country=country, include_negated=include_negated,
                       min_confidence=event_threshold(min_confidence, all_), limit=limit)


EVENT_COLUMNS = [("id", "id"), ("date", "date"), ("type", "type"), ("actors", "actors"), ("recipients", "recipients"),
                 ("location", "location"), ("count", "count"), ("trigger", "trigger"), ("sentence", "sentence")]


@app.command(epilog=examples('kb events --type AGREE --actor Venezuela', 'kb events --country RUS --since 2024-01 --csv > events.csv',
                             'kb events --entity "Nicolas Maduro" --json'))
@handled
def events(
    type_: Optional[str] = TypeOption, actor: Optional[str] = ActorOption,
    recipient: Optional[str] = RecipientOption, entity_: Optional[str] = EntityOption,
    since: Optional[str] = SinceOption, until: Optional[str] = UntilOption,
    country: Optional[str] = CountryOption, include_negated: bool = IncludeNegatedOption,
    min_confidence: Optional[float] = MinConfidenceOption, all_: bool = AllEventsOption,
    limit: Optional[int] = LimitOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """List events with their actors, recipients, date, place and source sentence."""
    from .store.queries import list_events

    limit = shown(limit, as_json, as_csv)
    f = event_filter(type_, actor, recipient, entity_, since, until, country, include_negated, min_confidence, all_,
                     limit=fetch_limit(limit))
    with _session(db) as s:
        rows = trimmed(list_events(s, f), limit)
    emit(rows, as_json, as_csv, EVENT_COLUMNS)


@app.command(epilog=examples("kb quotes --speaker Maduro", 'kb quotes --contains "sanctions" --csv > quotes.csv'))
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


@app.command(epilog=examples("kb documents", "kb documents --limit 0 --json"))
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


@app.command(epilog=examples('kb sql "SELECT type, count(*) FROM event_view GROUP BY type ORDER BY 2 DESC"', 'kb sql "SELECT name, country FROM entity_view WHERE type = \'PERSON\'" --csv'))
@handled
def sql(
    statement: str = typer.Argument(..., help="One SQL statement; the connection is read-only"),
    limit: int = typer.Option(1000, "--limit", "-n", help="At most this many rows"),
    timeout: float = typer.Option(30.0, "--timeout", help="Stop the query after this many seconds"),
    reader_url: Optional[str] = typer.Option(None, "--reader-url", show_default=False,
                                             help="PostgreSQL: connect as this reader (default: $KB_READER_URL, "
                                                  "else --db's URL as the role kb_reader)"),
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Run read-only SQL on the tables and views (see docs/schema.md)."""
    from .store.sqlrun import run_sql

    res = run_sql(statement, db, limit=limit, timeout=timeout, reader_url=reader_url)
    rows = res.as_dicts()
    emit(rows, as_json, as_csv, res.unique_columns())
    if res.truncated:
        err.print(f"kb: showing the first {limit} rows (--limit)")


@app.command(epilog=examples('kb ask "agreements signed by Venezuela"', 'kb ask "Who is Dmitry Chernyshenko?" --json', 'kb ask "How many events in Venezuela since 2024?" --sql'))
@handled
def ask(
    question: str = typer.Argument(..., help='A question, e.g. "agreements signed by Venezuela"'),
    limit: int = typer.Option(10, "--limit", "-n", help="At most this many results"),
    show_sql: bool = typer.Option(False, "--sql", help="Also print one SQL statement that returns the answer's rows"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Read 'last month', 'current' holders ... as of this "
                                        "day (YYYY-MM-DD; default: today, or the newest article of an older corpus)"),
    min_confidence: Optional[float] = MinConfidenceOption, all_: bool = AllEventsOption,
    db: Optional[str] = DbOption, as_json: bool = JsonOption, as_csv: bool = CsvOption,
) -> None:
    """Answer a plain-English question from the knowledge base.

    Examples: kb ask "Who is the president of Venezuela?" --as-of 2024-11-08;
    kb ask "How many people died in 2019?" --json"""
    from .ask import QuestionNotUnderstood, answer

    threshold = event_threshold(min_confidence, all_)
    day = None
    if as_of:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            fail(f"--as-of must be a day as YYYY-MM-DD, not {as_of!r}")
    try:
        with _session(db) as s:
            result = answer(s, question, limit=limit, as_of=day, min_confidence=threshold)
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
    rows = result["results"]
    if result.get("total", 0) > len(rows):
        err.print(f"kb: showing {len(rows)} of {result['total']} (--limit N for more)", markup=False, highlight=False)
    if as_json:
        sys.stdout.write(to_json(result) + "\n")
        return
    if as_csv:
        emit(_flat_answer_rows(result), False, True, ASK_CSV_COLUMNS)
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
    parts.append(f"answered by: {result['answered_by']}")
    err.print("understood: " + "; ".join(parts), markup=False, highlight=False)
    for line in result.get("relaxed", []):
        err.print(f"relaxed: {line}", markup=False, highlight=False)
    for line in result.get("notes", []):
        err.print(f"note: {line}", markup=False, highlight=False)
    if show_sql:
        out.print(result["sql"], markup=False, highlight=False, soft_wrap=True)
    if not rows:
        err.print("no results")
        return
    if result["kind"] in {"entity", "people", "role_holder", "described"}:
        for prof in rows:
            if prof.get("holder") == "former":
                out.print(f"(former holder; last stated {prof.get('title_seen_on') or 'undated'})", markup=False)
            print_profile(prof)
    elif result["kind"] == "quotes" and all(r.get("kind") == "quote" for r in rows):
        emit(rows, False, False, [("speaker", "speaker"), ("text", "text"), ("document", "document")])
    else:
        if "count" in result:
            out.print(f"{result['count']} ({result['counted']})", markup=False, highlight=False)
        emit(_flat_answer_rows(result), False, False, ASK_COLUMNS)


ASK_COLUMNS = [("kind", "kind"), ("date", "date"), ("date_precision", "dated by"), ("type", "type"), ("actors", "actors"),
               ("recipients", "recipients"), ("location", "location"), ("count", "count"), ("trigger", "trigger"),
               ("sentence", "sentence")]
ASK_CSV_COLUMNS = ["kind", "id", "date", "date_precision", "type", "actors", "recipients", "location", "count", "trigger",
                   "sentence", "name", "speaker", "text", "document_title", "document_url"]


def _flat_answer_rows(result: dict) -> list[dict]:
    """Answer rows of every kind as flat records for a table or CSV."""
    def names(v):
        return "; ".join(x["name"] for x in v) if isinstance(v, list) else (v or {}).get("name") if isinstance(v, dict) else v

    out = []
    for r in result["results"]:
        doc = r.get("document") if isinstance(r.get("document"), dict) else {}
        out.append({"kind": r.get("kind"), "id": r.get("id"), "date": r.get("date"), "date_precision": r.get("date_precision"),
                    "type": r.get("type"), "actors": names(r.get("actors")), "recipients": names(r.get("recipients")),
                    "location": names(r.get("location")), "count": r.get("count"), "trigger": r.get("trigger"),
                    "sentence": r.get("sentence"), "name": r.get("name"), "speaker": names(r.get("speaker")),
                    "text": r.get("text"), "document_title": doc.get("title"), "document_url": doc.get("url")})
    return out


# -- db ----------------------------------------------------------------------------------------

@db_app.command("upgrade", epilog=examples("kb db upgrade", "kb db upgrade --db postgresql+psycopg://me@dbhost/news"))
@handled
def db_upgrade(revision: str = typer.Argument("head"), db: Optional[str] = DbOption) -> None:
    """Bring the schema up to a revision (default: the newest)."""
    from .store import db as dbm

    engine = dbm.make_engine(db)
    dbm.ensure_schema(engine) if revision == "head" else dbm.upgrade(engine, revision)
    out.print(f"database at revision {dbm.current_revision(engine)}")


# "-1" must reach the command as a revision, not be read as an unknown option
@db_app.command("downgrade", context_settings={"ignore_unknown_options": True},
                epilog=examples("kb db downgrade -1", "kb db downgrade 0005", "kb db downgrade base"))
@handled
def db_downgrade(revision: str = typer.Argument(..., help="Target revision, e.g. -1 or base"), db: Optional[str] = DbOption) -> None:
    """Take the schema back to an older revision (may drop data of newer tables)."""
    from .store import db as dbm

    engine = dbm.make_engine(db)
    dbm.downgrade(engine, revision)
    out.print(f"database at revision {dbm.current_revision(engine) or 'base'}")


@db_app.command("recount", epilog=examples("kb db recount"))
@handled
def db_recount(db: Optional[str] = DbOption,
               quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display")) -> None:
    """Count every entity's mentions, documents, events and quotes again (entity_stats).

    kb keeps these counts as it stores and curates; recount after loading rows by other means."""
    from .cli_progress import spinner
    from .store import stats
    from .store.db import lock_for_storing, open_database, session_scope, writer

    with spinner(err, "counting", wanted(err, quiet)), session_scope(writer(open_database(db, create=False))) as s:
        lock_for_storing(s)
        n = stats.recount_all(s)
    out.print(f"counted {n} entities")


@db_app.command("current", epilog=examples("kb db current", "kb db current --db sqlite:///other.sqlite"))
@handled
def db_current(db: Optional[str] = DbOption) -> None:
    """Show the schema revision of the database and of this kb."""
    from .store import db as dbm

    engine = dbm.make_engine(db, create=False)
    cur = dbm.current_revision(engine)
    head = dbm.head_revision()
    if cur == head:
        note = ""
    elif cur is not None and cur not in dbm.known_revisions():
        note = " (newer than this kb: upgrade kb, not the database)"
    else:
        note = " (behind: run kb db upgrade)"
    out.print(f"database: {cur or 'empty'}; kb: {head}" + note, markup=False, highlight=False)


from . import cli_analyst  # noqa: E402,F401  (registers export, serve, schema)
from . import cli_watch  # noqa: E402,F401  (registers watch, changes)
from . import cli_access  # noqa: E402,F401  (registers db grant-reader)
from . import cli_plot  # noqa: E402,F401  (registers plot, report, db places)
from . import cli_actors  # noqa: E402,F401  (registers actors import, actors list)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
