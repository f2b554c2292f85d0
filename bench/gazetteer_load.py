"""Time loading the gazetteer (country, region and city tables) from its files, best of N.

    python bench/gazetteer_load.py [--repeat 5]

Every process that analyses text loads it once (the CLI, each ingest worker), so its load time is
start-up latency for short commands. A figure, not a test: timing assertions fail on a busy machine.
"""
from __future__ import annotations

import argparse
import json
import time

from kb import gazetteer as gz


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    times = []
    for _ in range(args.repeat):
        gz._load.cache_clear()
        started = time.perf_counter()
        gz.Gazetteer.load()
        times.append(time.perf_counter() - started)
    print(json.dumps({"best_ms": round(min(times) * 1000, 1), "all_ms": [round(t * 1000, 1) for t in times]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
