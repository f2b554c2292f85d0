"""What the full-text index adds to ingest: the whole `kb ingest` path over the same articles,
with the index written as usual and with its writing switched off, best of ``--repeat`` runs each,
plus the seconds spent inside the index writer during the indexed runs.

    python bench/fts_ingest.py ARTICLES.csv|.jsonl [--repeat R]

Prints one JSON object. Run by hand; results go in BENCHMARKS.md.
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
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    from kb.ingest.service import Ingestor
    from kb.store import search, writer
    from kb.store.db import open_database

    # the writer indexes through index_rows (the rows it has just written), forget_document on reprocess
    real_index, real_forget = search.index_rows, search.forget_document
    spent = [0.0]

    def timed_index(*a, **k):
        t = time.perf_counter()
        try:
            return real_index(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t

    def run(indexed: bool) -> float:
        writer.search.index_rows = timed_index if indexed else (lambda *a, **k: None)
        writer.search.forget_document = real_forget if indexed else (lambda *a, **k: None)
        with tempfile.TemporaryDirectory() as d:
            engine = open_database(f"sqlite:///{Path(d) / 'kb.sqlite'}")
            ing = Ingestor(engine, workers=0)
            t = time.perf_counter()
            paths = [args.path]
            report = ing.run(paths)
            took = time.perf_counter() - t
            ing.close()
            engine.dispose()
            assert report.added > 0
            return took

    run(False)  # warm up: the model is loaded once, outside the timings
    plain, indexed, inside = [], [], []
    for _ in range(args.repeat):
        plain.append(run(False))
        spent[0] = 0.0
        indexed.append(run(True))
        inside.append(spent[0])
    out = {"articles": args.path, "repeat": args.repeat, "plain_s": round(min(plain), 2), "indexed_s": round(min(indexed), 2),
           "added_share": round(min(indexed) / min(plain) - 1, 3), "index_writer_s": round(min(inside), 2),
           "index_writer_share": round(min(inside) / min(indexed), 3)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
