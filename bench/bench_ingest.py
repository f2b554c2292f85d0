"""Ingest throughput against the bare spaCy pass over the same texts, in the same run.

    python bench/bench_ingest.py ARTICLES.csv|.jsonl [--limit N] [--repeat R] [--db URL]

Prints one JSON object: seconds for the bare ``nlp.pipe`` pass, for parse + extraction, and for
the whole ``kb ingest`` path (read, parse, extract, store into a fresh database), and their
ratios to the bare pass. Each timing is the best of ``--repeat`` runs, so a busy machine
inflates neither side more than the other. Run by hand; results go in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file per run)")
    args = ap.parse_args()

    from kb.ingest.readers import Article, iter_articles
    from kb.ingest.service import Ingestor
    from kb.nlp.extract import Extractor, analyse
    from kb.nlp.model import load_pipeline
    from kb.store.db import open_database

    articles = [a for a in iter_articles([args.path]) if isinstance(a, Article)][: args.limit]
    texts = [a.text for a in articles]
    nlp = load_pipeline()
    extractor = Extractor(nlp)
    list(nlp.pipe(texts[:4]))  # warm up: first-call allocations are not the pipeline's speed

    def best(fn) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times)

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass

    def parse_and_extract() -> None:
        for doc, a in zip(nlp.pipe(texts, batch_size=args.batch_size), articles):
            analyse(doc, a.published)

    def ingest() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
            engine = open_database(url)
            report = Ingestor(engine, batch_size=args.batch_size, extractor=extractor).run([args.path])
            engine.dispose()
            assert report.added == len(articles) or args.limit, report

    if args.limit:
        # the ingest path reads the file itself: give it exactly the texts the spaCy pass gets
        tmpdir = tempfile.mkdtemp()
        subset = Path(tmpdir) / "subset.jsonl"
        with open(subset, "w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"text": a.text, "url": a.url, "title": a.title,
                                     "published": a.published.isoformat() if a.published else None}) + "\n")
        args.path = str(subset)

    t_bare = best(bare)
    t_extract = best(parse_and_extract)
    t_ingest = best(ingest)
    tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))
    result = {
        "documents": len(texts), "tokens": tokens, "repeat": args.repeat,
        "spacy_seconds": round(t_bare, 3), "extract_seconds": round(t_extract, 3), "ingest_seconds": round(t_ingest, 3),
        "extract_over_spacy": round(t_extract / t_bare, 3), "ingest_over_spacy": round(t_ingest / t_bare, 3),
        "ingest_throughput_vs_spacy": round(t_bare / t_ingest, 3),
        "spacy_docs_per_s": round(len(texts) / t_bare, 1), "ingest_docs_per_s": round(len(texts) / t_ingest, 1),
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
