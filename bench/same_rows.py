"""Whether two versions of kb store the same rows: ingest the same articles with each into its
own SQLite file, then compare every table row by row, ids included.

    # ingest with the code on PYTHONPATH (or the installed kb) into DB
    python bench/same_rows.py ingest ARTICLES.csv|.jsonl DB.sqlite [--limit 120] [--workers 1]
    # compare two such databases: every table (the FTS5 shadow tables too), every column but
    # the time columns; prints the differing tables and exits 1 if any
    python bench/same_rows.py compare A.sqlite B.sqlite

To compare a commit with the working tree, export it (``git archive BASE | tar -x -C /tmp/base``)
and run the first ingest with ``PYTHONPATH=/tmp/base``.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

# set from the clock when a row is written: different in every run
TIME_COLUMNS = {"created_at", "updated_at", "deleted_at", "ingested_at", "fetched_at"}


def ingest(args) -> int:
    import kb
    from kb.ingest.readers import Article, iter_articles
    from kb.ingest.service import Ingestor
    from kb.store.db import open_database

    articles = [a for a in iter_articles([args.path]) if isinstance(a, Article)][: args.limit]
    # the same path for both runs: a document's origin names the file it came from
    subset = Path(tempfile.gettempdir()) / "kb-same-rows" / "subset.jsonl"
    subset.parent.mkdir(exist_ok=True)
    with open(subset, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"text": a.text, "url": a.url, "title": a.title,
                                 "published": a.published.isoformat() if a.published else None}) + "\n")
    db = Path(args.db)
    if db.exists():
        db.unlink()
    engine = open_database(f"sqlite:///{db}")
    ingestor = Ingestor(engine, workers=args.workers)
    try:
        report = ingestor.run([str(subset)])
    finally:
        ingestor.close()
    engine.dispose()
    print(f"kb from {Path(kb.__file__).parent}: {report.as_dict() | {'errors': len(report.errors)}}", file=sys.stderr)
    return 0 if report.added == len(articles) else 1


def rows(con: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple]]:
    cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
    keep = [c for c in cols if c not in TIME_COLUMNS]
    sel = ", ".join(f'"{c}"' for c in keep)
    # rowid order where there is one (ids compared as they are), else every column
    try:
        data = con.execute(f'SELECT {sel} FROM "{table}" ORDER BY rowid').fetchall()
    except sqlite3.OperationalError:
        data = sorted(con.execute(f'SELECT {sel} FROM "{table}"').fetchall(), key=repr)
    return keep, data


def compare(args) -> int:
    a, b = sqlite3.connect(args.a), sqlite3.connect(args.b)
    tables_a = {r[0] for r in a.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    tables_b = {r[0] for r in b.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    bad = 0
    if tables_a != tables_b:
        print(f"tables differ: only in A {sorted(tables_a - tables_b)}, only in B {sorted(tables_b - tables_a)}")
        bad += 1
    total = 0
    for t in sorted(tables_a & tables_b):
        ca, ra = rows(a, t)
        cb, rb = rows(b, t)
        total += len(ra)
        if ca != cb or ra != rb:
            bad += 1
            diff = next((i for i, (x, y) in enumerate(zip(ra, rb)) if x != y), min(len(ra), len(rb)))
            print(f"{t}: {len(ra)} vs {len(rb)} rows, first difference at row {diff}")
    print(f"{len(tables_a & tables_b)} tables, {total} rows in A: {'IDENTICAL' if not bad else f'{bad} differ'}")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("ingest")
    p.add_argument("path")
    p.add_argument("db")
    p.add_argument("--limit", type=int, default=120)
    p.add_argument("--workers", type=int, default=1)
    p = sub.add_parser("compare")
    p.add_argument("a")
    p.add_argument("b")
    args = ap.parse_args()
    return ingest(args) if args.cmd == "ingest" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
