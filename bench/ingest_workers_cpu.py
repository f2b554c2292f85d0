"""CPU seconds of ``kb ingest --workers 1`` per process, against the bare spaCy pass: the
throughput ratio of bench/ingest_workers.py, for a machine too busy for wall-clock timing.

    python bench/ingest_workers_cpu.py ARTICLES.csv|.jsonl [--limit 120] [--repeat 3] [--chunk-size N]

Each round, on the same first ``--limit`` articles: spaCy's own ``nlp.pipe`` in this process
(CPU seconds, ``time.process_time()``), then the whole ingest (read, parse and analyse in one
worker process, store in this one, into a fresh SQLite database), with the CPU seconds of this
process and of the worker (from /proc, Linux only) over the run. With one worker the worker is
the slower side, so its CPU over the bare pass's is what the wall-clock ratio measures on a
quiet machine: ``bare / worker`` is the expected throughput ratio, and what the storing process
costs the worker on a shared core shows in the worker's seconds. Prints one JSON object with
the medians (the pool is started and warmed before the rounds).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--chunk-size", type=int, default=None, help="articles per worker task (kb's default if not given)")
    args = ap.parse_args()

    from kb.ingest.parallel import ParallelExtractor
    from kb.ingest.readers import Article, iter_articles
    from kb.ingest.service import Ingestor
    from kb.nlp.model import load_pipeline
    from kb.store.db import open_database

    articles = [a for a in iter_articles([args.path]) if isinstance(a, Article)][: args.limit]
    texts = [a.text for a in articles]
    subset = Path(tempfile.mkdtemp()) / "subset.jsonl"
    with open(subset, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"text": a.text, "url": a.url, "title": a.title,
                                 "published": a.published.isoformat() if a.published else None}) + "\n")
    nlp = load_pipeline()
    list(nlp.pipe(texts[:4]))
    pe = ParallelExtractor(1, **({"chunk_size": args.chunk_size} if args.chunk_size else {}))
    list(pe.pipe([(x, None) for x in texts[: 2 * pe.chunk_size]]))  # the worker loaded and warm
    rounds: dict[str, list[float]] = {"spacy_pipe": [], "ingest_main": [], "ingest_worker": []}
    for rnd in range(args.repeat):
        t = time.process_time()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        rounds["spacy_pipe"].append(time.process_time() - t)
        engine = open_database(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite'}")
        worker = pe.slots[0]
        w0, t = proc_cpu(worker.proc.pid), time.process_time()
        report = Ingestor(engine, batch_size=args.batch_size, workers=1, extractor=pe).run([str(subset)])
        rounds["ingest_main"].append(time.process_time() - t)
        assert pe.slots[0] is worker, "the worker was replaced during the round"
        rounds["ingest_worker"].append(proc_cpu(worker.proc.pid) - w0)
        engine.dispose()
        assert report.added == len(articles), report.as_dict()
        print(f"round {rnd + 1}: spacy {rounds['spacy_pipe'][-1]:.2f} s, worker {rounds['ingest_worker'][-1]:.2f} s,"
              f" main {rounds['ingest_main'][-1]:.2f} s CPU", file=sys.stderr)
    pe.close()
    med = {k: round(statistics.median(v), 3) for k, v in rounds.items()}
    json.dump({"documents": len(articles), "repeat": args.repeat, "cpu_seconds_median": med,
               "cpu_seconds_all": {k: [round(x, 3) for x in v] for k, v in rounds.items()},
               "spacy_over_worker": round(med["spacy_pipe"] / med["ingest_worker"], 3),
               "main_over_spacy": round(med["ingest_main"] / med["spacy_pipe"], 3)}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
