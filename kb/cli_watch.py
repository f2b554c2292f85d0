"""`kb watch` (keep the knowledge base current from feeds, URL lists and folders) and `kb changes`
(what was added, changed and removed since a moment).

Registered on the `kb` app by the import at the end of kb/cli.py.
"""
from __future__ import annotations

import signal
import sys
import threading
from typing import List, Optional

import typer

from .cli import (DbOption, FeedSinceOption, IgnoreRobotsOption, JsonOption, RetriesOption, TimeoutOption, app, emit,
                  err, fail, fetch_policy, handled, since_date)
from .output import to_json

WATCH_HELP = (
    "Follow feeds, URL lists and folders, ingesting what is new every --every, until Ctrl-C.\n\n"
    "A SOURCE is an http(s) URL (a feed or a page), a feed file (.rss .atom .xml), a folder (files new or changed "
    "since the round before) or a file listing URLs, one a line. Each round prints one line: new, skipped and "
    "failed documents (with --json one JSON object a round: round, started_at, new, skipped, failed, errors, "
    "warnings). A failing source, network error or bad page is reported and the watch goes on. Ctrl-C stops "
    "after the document being stored; a second Ctrl-C stops at once (a document is one transaction)."
)


@app.command(help=WATCH_HELP)
@handled
def watch(
    sources: List[str] = typer.Argument(..., help="Feed or page URLs, feed files, folders, files listing URLs"),
    every: str = typer.Option("15m", "--every", help="Time between the starts of two rounds: 30s, 15m, 1h"),
    rounds: Optional[int] = typer.Option(None, "--rounds", min=1, help="Stop after this many rounds (default: never)"),
    since: Optional[str] = FeedSinceOption,
    timeout: float = TimeoutOption,
    retries: int = RetriesOption,
    ignore_robots: bool = IgnoreRobotsOption,
    workers: int = typer.Option(0, "--workers", "-w", min=0,
                                help="Processes that parse while this one stores (default 0: all in this one)"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="One JSON object per round"),
) -> None:
    from .ingest.service import Ingestor
    from .ingest.watch import parse_interval, watch as run
    from .store.db import open_database

    seconds = parse_interval(every)
    policy = fetch_policy(timeout, retries, ignore_robots)
    day = since_date(since)
    engine = open_database(db)
    stopping = threading.Event()

    def on_sigint(signum, frame):
        if stopping.is_set():
            raise KeyboardInterrupt
        stopping.set()
        err.print("kb: stopping after the current document (Ctrl-C again to stop now)", markup=False, highlight=False)

    def report(r) -> None:
        for w in r.warnings:
            err.print(f"kb: warning: {w}", markup=False, highlight=False)
        for e in r.errors:
            err.print(f"kb: {e}", markup=False, highlight=False)
        if as_json:
            sys.stdout.write(to_json(r.as_dict()).replace("\n", " ") + "\n")
        else:
            d = r.as_dict()
            sys.stdout.write(f"{d['started_at']} round {r.number}: {r.added} new, {r.skipped} skipped, "
                             f"{r.failed} failed\n")
        sys.stdout.flush()

    ingestor = Ingestor(engine, workers=workers, fetch_policy=policy, since=day)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if in_main else None
    try:
        run(ingestor, sources, every=seconds, rounds=rounds, on_round=report, stop=stopping.is_set,
            wait=stopping.wait)
    finally:
        if in_main:
            signal.signal(signal.SIGINT, previous)
        ingestor.close()


CHANGES_HELP = (
    "What was added, changed and removed since TIMESTAMP: events, entities and quotes.\n\n"
    "TIMESTAMP is ISO 8601 (2026-11-29T14:00:00Z; without an offset it is UTC; a date alone is its midnight). "
    "--json prints {since, until, added, changed, removed}: added and changed hold {events, entities, quotes} "
    "lists of rows as `kb events/entities/quotes --json` give them plus created_at and updated_at; removed holds "
    "{events, entities, quotes} lists of {id, natural_key, removed_at}. Pass `until` as the next --since. "
    "Re-extraction keeps the ids of the events and quotes it finds again."
)


def parse_since(value: str, option: str = "--since"):
    from .store.changes import parse_timestamp

    try:
        return parse_timestamp(value)
    except ValueError:
        fail(f"{option} must be an ISO 8601 time such as 2026-11-29T14:00:00Z, not {value!r}")


def _summary(table: str, row: dict) -> str:
    if table == "events":
        return f"{row['type']} {row['trigger']!r} in document {row['document']['id']}"
    if table == "quotes":
        text = row["text"] if len(row["text"]) <= 60 else row["text"][:57] + "..."
        return f"{text!r} in document {row['document']['id']}"
    return f"{row['name']} ({row['type']})"


@app.command(help=CHANGES_HELP)
@handled
def changes(
    since: str = typer.Option(..., "--since", help="ISO 8601 time, e.g. 2026-11-29T14:00:00Z"),
    db: Optional[str] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    from .cli import _session
    from .store.changes import TABLES, changes_since

    when = parse_since(since)
    with _session(db) as s:
        result = changes_since(s, when)
    if as_json:
        sys.stdout.write(to_json(result) + "\n")
        return
    rows = []
    for kind in ("added", "changed"):
        for table in TABLES:
            rows += [{"change": kind, "table": table, "id": r["id"], "what": _summary(table, r), "at": r["updated_at"]}
                     for r in result[kind][table]]
    for table in TABLES:
        rows += [{"change": "removed", "table": table, "id": r["id"], "what": r["natural_key"], "at": r["removed_at"]}
                 for r in result["removed"][table]]
    emit(rows, False, False, [("change", "change"), ("table", "table"), ("id", "id"), ("what", "what"), ("at", "at")])
    counts = {k: sum(len(v) for v in result[k].values()) for k in ("added", "changed", "removed")}
    err.print(f"kb: {counts['added']} added, {counts['changed']} changed, {counts['removed']} removed since "
              f"{result['since']}; next: --since {result['until']}", markup=False, highlight=False)
