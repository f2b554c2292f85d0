"""Ingest throughput with 1 and more workers, against the bare spaCy pass, in one run.

    python bench/ingest_workers.py ARTICLES.csv|.jsonl [--workers 0,1,2] [--repeat 3] [--limit N]
                                   [--pg-admin postgresql+psycopg://postgres@127.0.0.1/postgres]

Each round times, one after the other on the same texts: the bare ``nlp.pipe`` pass in one
process (the reference), the same pass with spaCy's ``n_process=2`` (what spaCy alone gets from
two processes), and the whole ``kb ingest`` path (read the file, parse, extract, store into a
fresh database) with each ``--workers`` count (0: parse, extract and store in one process; N: N
worker processes parse and extract while the main one reads and stores). Rounds interleave the variants, so a machine that
is busier in one minute than the next slows all of them alike; each figure is the best round
(the least disturbed), and the median is reported next to it.

Pipelines and worker pools are loaded and warmed before timing: the figures are throughput, not
start-up; the start-up of a worker pool is timed once on its own (``pool_start_seconds``).

The database is a fresh SQLite file per run, or with ``--pg-admin`` a fresh PostgreSQL database
(created through that URL and dropped afterwards). Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--workers", default="0,1,2", help="comma-separated worker counts (0: all in one process)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--pg-admin", default=None, help="PostgreSQL URL to create throw-away databases through")
    ap.add_argument("--no-spacy-2proc", action="store_true", help="skip the n_process=2 reference")
    args = ap.parse_args()
    worker_counts = [int(w) for w in args.workers.split(",")]

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from kb.ingest.parallel import ParallelExtractor
    from kb.ingest.readers import Article, iter_articles
    from kb.ingest.service import Ingestor
    from kb.nlp.extract import Extractor
    from kb.nlp.model import load_pipeline, model_name
    from kb.store.db import open_database

    articles = [a for a in iter_articles([args.path]) if isinstance(a, Article)][: args.limit]
    texts = [a.text for a in articles]
    path = args.path
    if args.limit:
        # the ingest path reads the file itself: give it exactly the texts the spaCy pass gets
        subset = Path(tempfile.mkdtemp()) / "subset.jsonl"
        with open(subset, "w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"text": a.text, "url": a.url, "title": a.title,
                                     "published": a.published.isoformat() if a.published else None}) + "\n")
        path = str(subset)

    nlp = load_pipeline()
    list(nlp.pipe(texts[:4]))  # first-call allocations are not the pipeline's speed
    extractors = {0: Extractor(nlp)}
    pool_start = {}
    for w in worker_counts:
        if w > 0:
            t = time.perf_counter()
            pe = ParallelExtractor(w)
            list(pe.pipe([(x, None) for x in texts[: 2 * w * pe.chunk_size]]))  # every worker loaded and warm
            pool_start[w] = round(time.perf_counter() - t, 2)
            extractors[w] = pe

    def fresh_db():
        if not args.pg_admin:
            tmp = tempfile.mkdtemp()
            return f"sqlite:///{Path(tmp) / 'bench.sqlite'}", lambda: None
        admin = create_engine(args.pg_admin, isolation_level="AUTOCOMMIT")
        name = f"kb_bench_ingest_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))

        def drop():
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
        return make_url(args.pg_admin).set(database=name).render_as_string(hide_password=False), drop

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def bare2() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=2):
            pass

    def ingest(w: int):
        def run() -> None:
            url, drop = fresh_db()
            try:
                engine = open_database(url)
                report = Ingestor(engine, batch_size=args.batch_size, workers=w, extractor=extractors[w]).run([path])
                engine.dispose()
                assert report.added == len(articles), report.as_dict()
            finally:
                drop()
        return run

    variants = {"spacy": bare}
    if not args.no_spacy_2proc:
        variants["spacy_2proc"] = bare2
    for w in worker_counts:
        variants[f"ingest_w{w}"] = ingest(w)
    times: dict[str, list[float]] = {k: [] for k in variants}
    loads: list[float] = []
    for rnd in range(args.repeat):
        for name, fn in variants.items():
            loads.append(os.getloadavg()[0])
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
            print(f"round {rnd + 1}: {name} {times[name][-1]:.1f} s (load {loads[-1]:.1f})", file=sys.stderr)
    for pe in extractors.values():
        if hasattr(pe, "close"):
            pe.close()

    best = {k: min(v) for k, v in times.items()}
    n = len(texts)
    result = {
        "documents": n, "tokens": sum(len(d) for d in nlp.tokenizer.pipe(texts)), "model": model_name(),
        "backend": "postgresql" if args.pg_admin else "sqlite", "repeat": args.repeat, "cpus": os.cpu_count(),
        "load_average_during_runs": {"min": min(loads), "max": max(loads)},
        "seconds_best": {k: round(v, 2) for k, v in best.items()},
        "seconds_median": {k: round(statistics.median(v), 2) for k, v in times.items()},
        "seconds_all": {k: [round(x, 2) for x in v] for k, v in times.items()},
        "docs_per_second_best": {k: round(n / v, 2) for k, v in best.items()},
        "pool_start_seconds": pool_start,
        **{f"ingest_w{w}_throughput_vs_spacy": round(best["spacy"] / best[f"ingest_w{w}"], 3) for w in worker_counts},
        **{f"ingest_w{w}_throughput_vs_spacy_median": round(statistics.median(times["spacy"])
                                                             / statistics.median(times[f"ingest_w{w}"]), 3)
           for w in worker_counts},
    }
    for w in worker_counts:
        if w > 1 and "ingest_w1" in best:
            result[f"speedup_w{w}_over_w1"] = round(best["ingest_w1"] / best[f"ingest_w{w}"], 3)
            result[f"speedup_w{w}_over_w1_median"] = round(statistics.median(times["ingest_w1"])
                                                         / statistics.median(times[f"ingest_w{w}"]), 3)
    if "spacy_2proc" in best:
        result["spacy_speedup_2proc"] = round(best["spacy"] / best["spacy_2proc"], 3)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
