"""Query latency of the read commands, by calling the library functions they call.

    python bench/query_latency.py --db URL [--runs 20] [--explain-out PLANS.md] [--only NAME ...]

Each query runs ``--warmup`` times untimed (the reference tables and the connection pool are a
command's start-up, not its query), then ``--runs`` times, each in a fresh session as a command
would have; the times exclude process start and spaCy (which the read commands never load).
Reports median, 95th percentile (nearest rank), min and max in milliseconds, the number of SQL
statements one call issues and how many results it returns. A query
whose runs pass ``--budget`` seconds in total stops early, with at least 3 runs, and says so.

With ``--explain-out`` the slowest statements of one extra, instrumented call of each query are
written with their plans: ``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN (ANALYZE, BUFFERS)`` on
PostgreSQL, with the same bound parameters.

The default names and questions fit a database grown from the Wikinews set with
``bench/scale_up.py`` (Donald Trump, Boris Johnson, the United States, Iran, London); a question
named ``fulltext...`` must be answered by the full-text fallback (``fallback_answered`` in the
output; run ``bench/scale_up.py`` of issue 14 or later so ``search_items`` is filled). Each query
carries the 1-minute load average as it finished (``load_1min``). Pass
``--actor``, ``--type``, ``--popular``, ``--mid`` and ``--question KIND=TEXT`` for other data.
Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections import defaultdict

# eight kinds of question (two of them also for a much-mentioned name); the last one has neither an
# event word nor a name the reading knows, so only the full-text fallback answers it, and the run
# checks that it did ("fallback_answered")
DEFAULT_QUESTIONS = [
    "event_with_actor=Who did Donald Trump meet?",
    "who_is=Who is Boris Johnson?",
    "who_is_popular=Who is Donald Trump?",
    "quotes=What did Boris Johnson say?",
    "quotes_popular=What did Donald Trump say?",
    "location_year=protests in London in 2019",
    "count=How many people died in Iran in 2020?",
    "role_holder=Who is the prime minister of the United Kingdom?",
    "date=What happened on 5 January 2020?",
    "fulltext=troops withdrawal border",
]


def p95(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(0.95 * len(s)) - 1)]


class Recorder:
    """Times every statement the engine sends while ``on``."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.on = False
        self.statements: list[tuple[float, str, object]] = []
        self.count = 0
        self.seconds = 0.0
        self._t: list[float] = []

        @event.listens_for(engine, "before_cursor_execute")
        def before(conn, cursor, statement, parameters, context, executemany):
            self._t.append(time.perf_counter())

        @event.listens_for(engine, "after_cursor_execute")
        def after(conn, cursor, statement, parameters, context, executemany):
            el = time.perf_counter() - self._t.pop()
            self.count += 1
            self.seconds += el
            if self.on:
                self.statements.append((el, statement, parameters))

    def reset(self) -> None:
        self.count, self.seconds, self.statements = 0, 0.0, []


def timed(engine, statement: str, params) -> float:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        t = time.perf_counter()
        cur.execute(statement, params)
        cur.fetchall()
        el = time.perf_counter() - t
        cur.close()
        raw.rollback()
        return el
    finally:
        raw.close()


def explain(engine, statement: str, params) -> str:
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if engine.dialect.name == "postgresql":
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, params)
            lines = [r[0] for r in cur.fetchall()]
        else:
            cur.execute("EXPLAIN QUERY PLAN " + statement, params)
            rows = cur.fetchall()
            depth = {0: 0}
            lines = []
            for node, parent, _unused, detail in rows:
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * (depth[node] - 1) + detail)
        cur.close()
        raw.rollback()
        return "\n".join(lines)
    finally:
        raw.close()


def _plan(engine, statement: str, params) -> str:
    if params is None:
        return "(no plan: the statement does not run outside its call; its time is the call's)"
    try:
        return explain(engine, statement, params)
    except Exception as exc:  # noqa: BLE001 - the report says why instead of stopping
        return f"(no plan: {type(exc).__name__}: {exc})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--budget", type=float, default=120.0, help="seconds per query before stopping early")
    ap.add_argument("--actor", default="Donald Trump")
    ap.add_argument("--type", default="REQUEST")
    ap.add_argument("--actor2", default="United States", help="the most frequent actor of all")
    ap.add_argument("--type2", default="ELECTION")
    ap.add_argument("--popular", default="Donald Trump", help="entity_profile of a much-mentioned entity")
    ap.add_argument("--mid", default="Boris Johnson", help="entity_profile of a moderately mentioned entity")
    ap.add_argument("--limit", type=int, default=100, help="limit for list_events (the CLI's default)")
    ap.add_argument("--question", action="append", default=None, help="KIND=TEXT, repeatable")
    ap.add_argument("--only", nargs="*", default=None, help="run only these query names")
    ap.add_argument("--explain-out", default=None)
    ap.add_argument("--explain-top", type=int, default=2, help="slowest statements to explain per query")
    args = ap.parse_args()

    from sqlalchemy import inspect, text

    from kb.ask import answer
    from kb.store.db import open_database, session_scope
    from kb.store.queries import EventFilter, entity_profile, list_events

    engine = open_database(args.db)
    backend = engine.dialect.name
    rec = Recorder(engine)
    has_view = "event_view" in inspect(engine).get_view_names()
    flat_sql = ("SELECT * FROM event_view LIMIT 100" if has_view else
                "SELECT e.*, d.title, d.url, s.text AS sentence, loc.name AS location FROM events e "
                "JOIN documents d ON d.id = e.document_id JOIN sentences s ON s.id = e.sentence_id "
                "LEFT JOIN entities loc ON loc.id = e.location_id LIMIT 100")

    queries: dict[str, tuple[str, object]] = {
        "events_actor_type": (f"list_events(actor={args.actor!r}, type={args.type!r}, limit={args.limit})",
                              lambda s: list_events(s, EventFilter(actor=args.actor, type=args.type, limit=args.limit))),
        "events_actor_type_top": (f"list_events(actor={args.actor2!r}, type={args.type2!r}, limit={args.limit})",
                                  lambda s: list_events(s, EventFilter(actor=args.actor2, type=args.type2, limit=args.limit))),
        "events_actor_type_all": (f"list_events(actor={args.actor!r}, type={args.type!r}) (every match: --limit 0)",
                                      lambda s: list_events(s, EventFilter(actor=args.actor, type=args.type))),
        "entity_profile_mid": (f"entity_profile({args.mid!r})", lambda s: entity_profile(s, args.mid)),
        "entity_profile_popular": (f"entity_profile({args.popular!r})", lambda s: entity_profile(s, args.popular)),
    }
    for item in args.question or DEFAULT_QUESTIONS:
        kind, q = item.split("=", 1)
        queries[f"ask_{kind}"] = (f"answer({q!r}, limit=10)", lambda s, q=q: answer(s, q, limit=10))
    queries["flat_event_view"] = (flat_sql, lambda s: s.execute(text(flat_sql)).all())
    if args.only:
        queries = {k: v for k, v in queries.items() if k in args.only}

    with engine.connect() as conn:
        sizes = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                 for t in ("documents", "entities", "events", "event_participants", "mentions", "quotes", "sentences",
                           "search_items")}

    def size_of(res) -> int | None:
        if isinstance(res, dict):
            if "results" in res:
                return len(res["results"])
            return len(res.get("events", []))
        return len(res) if res is not None else None

    results = {}
    plans: list[str] = []
    for name, (desc, fn) in queries.items():
        for _ in range(args.warmup):
            with session_scope(engine) as s:
                fn(s)
        times, stmts, n_results, answered_by = [], [], None, None
        started = time.perf_counter()
        for i in range(args.runs):
            rec.reset()
            t = time.perf_counter()
            with session_scope(engine) as s:
                res = fn(s)
            el = time.perf_counter() - t
            times.append(el)
            stmts.append(rec.count)
            n_results = size_of(res)
            if isinstance(res, dict) and "answered_by" in res:
                answered_by = (res["kind"], res["answered_by"])
            if time.perf_counter() - started > args.budget and i >= 2:
                break
        ms = [x * 1000 for x in times]
        results[name] = {
            "call": desc, "runs": len(ms), "median_ms": round(statistics.median(ms), 1), "p95_ms": round(p95(ms), 1),
            "min_ms": round(min(ms), 1), "max_ms": round(max(ms), 1), "statements": stmts[-1],
            "results": n_results,
            "stopped_early": len(ms) < args.runs,
            # the machine's 1-minute load average as this query finished: timings on a shared machine
            # are only comparable next to it
            "load_1min": round(os.getloadavg()[0], 2),
        }
        if answered_by:
            results[name]["read_as"], results[name]["answered_by"] = answered_by
            if name.startswith("ask_fulltext"):
                # the point of this kind: only the full-text fallback answers it
                results[name]["fallback_answered"] = answered_by[1] == "full-text fallback" and bool(n_results)
        print(f"{name}: median {results[name]['median_ms']} ms, p95 {results[name]['p95_ms']} ms "
              f"({len(ms)} runs, {stmts[-1]} statements, {n_results} results"
              + (f", read as {answered_by[0]}, {answered_by[1]}" if answered_by else "") + ")", file=sys.stderr)
        if args.explain_out:
            rec.reset()
            rec.on = True
            with session_scope(engine) as s:
                fn(s)
            rec.on = False
            # the driver fetches lazily: time each statement again, rows and all
            by_text: dict[str, list] = defaultdict(list)
            for el, st, params in rec.statements:
                try:
                    by_text[st].append((timed(engine, st, params), params))
                except Exception:
                    # a statement that cannot run alone (rows of an executemany, a temporary
                    # table of the call's own connection) keeps the time it took in the call
                    by_text[st].append((el, None))
            total = sum(e for calls in by_text.values() for e, _ in calls)
            plans.append(f"### {name} ({backend})\n\n`{desc}`: {len(rec.statements)} statements, "
                         f"{total * 1000:.1f} ms in the database (each re-run alone, rows fetched)\n")
            slowest = sorted(by_text.items(), key=lambda kv: -sum(e for e, _ in kv[1]))[: args.explain_top]
            for st, calls in slowest:
                el, params = max(calls, key=lambda c: c[0])
                shown = st if len(st) < 3000 else st[:3000] + " ..."
                plans.append(f"{len(calls)} call(s), {sum(e for e, _ in calls) * 1000:.1f} ms in all, slowest "
                             f"{el * 1000:.1f} ms:\n\n```sql\n{shown}\n```\n\n```\n{_plan(engine, st, params)}\n```\n")
    engine.dispose()
    if args.explain_out:
        with open(args.explain_out, "w", encoding="utf-8") as fh:
            fh.write("\n".join(plans))
    load = os.getloadavg()
    json.dump({"backend": backend, "sizes": sizes, "load_average_at_end": [round(x, 2) for x in load], "event_view": has_view, "queries": results}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
