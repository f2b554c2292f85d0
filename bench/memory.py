"""Peak memory of a long `kb ingest`, sampled over time.

    python bench/memory.py make ARTICLES.csv OUT.jsonl [--lines 100000]
    python bench/memory.py watch [--duration 900] [--interval 5] [--db URL] [--csv TIMELINE.csv] -- kb ingest OUT.jsonl --db URL

``make`` writes a JSON-lines file of ``--lines`` articles cut from the given ones: each line is a
run of one to four consecutive paragraphs of a random article, with a closing sentence naming
the line ("Report 123 of the series.") so that no two lines share a content hash, a unique URL
and a publication date spread over 2015-2025. Lines are news-shaped (about a third of an
article) and every one is new to the database.

``watch`` starts the command, and every ``--interval`` seconds reads ``VmRSS`` and ``VmHWM``
(the kernel's peak resident set) from ``/proc/PID/status`` and the proportional set size from
``/proc/PID/smaps_rollup`` for the command and each of its child processes (ingest workers), and,
with ``--db``, how many documents are stored so far. After
``--duration`` seconds it interrupts the command (SIGINT, as Ctrl-C would; `kb ingest` commits
document by document, so nothing is left half-written), or it stops when the command ends.
Prints one JSON object: the peak of each process, the peak of their summed RSS and PSS (RSS counts
pages shared between the processes once per process; PSS splits them), RSS at the first sample
after warm-up and at the end, documents per second, and the timeline.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time


def make(args) -> int:
    from kb.ingest.readers import Article, iter_articles

    arts = [a for a in iter_articles([args.source]) if isinstance(a, Article)]
    paras = [[p for p in a.text.split("\n") if len(p.split()) >= 8] for a in arts]
    pool = [(a, ps) for a, ps in zip(arts, paras) if ps]
    rng = random.Random(args.random_seed)
    day0 = dt.date(2015, 1, 1)
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(args.lines):
            a, ps = rng.choice(pool)
            k = rng.randint(1, min(4, len(ps)))
            start = rng.randrange(len(ps) - k + 1)
            body = "\n\n".join(ps[start:start + k]) + f"\n\nReport {i + 1} of the series."
            fh.write(json.dumps({"text": body, "title": a.title, "url": f"https://bench.invalid/{i + 1}",
                                 "published": (day0 + dt.timedelta(days=rng.randrange(4017))).isoformat()},
                                ensure_ascii=False) + "\n")
    print(f"wrote {args.lines} lines to {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB)", file=sys.stderr)
    return 0


def status(pid: int) -> dict[str, int]:
    out = {}
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0])  # kB
    except (FileNotFoundError, ProcessLookupError):
        pass
    return out


def pss_kb(pid: int) -> int:
    """Proportional set size: shared pages (libraries, the parent's copy-on-write pages) are
    divided among the processes sharing them, so the sum over processes is what they really use."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def children(pid: int) -> list[int]:
    """Every descendant. Each thread keeps its own list: the ingest workers that replace retired
    ones are started by the pool's handler thread, not by the main thread."""
    kids: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return []
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids += [int(x) for x in fh.read().split()]
        except FileNotFoundError:
            continue
    return kids + [g for k in kids for g in children(k)]


def watch(args) -> int:
    cmd = args.command[1:] if args.command and args.command[0] == "--" else args.command
    if not cmd:
        print("watch: give the command after --", file=sys.stderr)
        return 2
    engine = None
    if args.db:
        from sqlalchemy import create_engine

        engine = create_engine(args.db)

    def stored() -> int | None:
        if engine is None:
            return None
        from sqlalchemy import text

        try:
            with engine.connect() as c:
                return c.execute(text("SELECT count(*) FROM documents")).scalar()
        except Exception:  # the schema is not there yet
            return None

    start_docs = stored() or 0
    t0 = time.monotonic()
    # a shell starts background jobs with SIGINT ignored, and the command would inherit that and
    # never stop at --duration: give it the default handler back
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    peaks: dict[int, int] = {}
    timeline = []
    interrupted = False
    while True:
        time.sleep(args.interval)
        el = time.monotonic() - t0
        pids = [proc.pid] + children(proc.pid)
        rss, pss = {}, 0
        for p in pids:
            st = status(p)
            if st:
                rss[p] = st["VmRSS"]
                peaks[p] = max(peaks.get(p, 0), st["VmHWM"])
                pss += pss_kb(p)
        docs = stored()
        timeline.append({"seconds": round(el, 1), "rss_mb": round(rss.get(proc.pid, 0) / 1024, 1),
                         "children_rss_mb": round(sum(v for p, v in rss.items() if p != proc.pid) / 1024, 1),
                         "total_rss_mb": round(sum(rss.values()) / 1024, 1), "total_pss_mb": round(pss / 1024, 1),
                         "hwm_mb": round(peaks.get(proc.pid, 0) / 1024, 1),
                         "processes": len(rss), "documents": None if docs is None else docs - start_docs})
        print(json.dumps(timeline[-1]), file=sys.stderr)
        if proc.poll() is not None:
            break
        if el >= args.duration:
            proc.send_signal(signal.SIGINT)
            interrupted = True
            try:
                proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            break
    stderr_tail = (proc.stderr.read() or "").strip().splitlines()[-3:]
    elapsed = time.monotonic() - t0
    docs = (stored() or 0) - start_docs if engine is not None else None
    if args.csv:
        with open(args.csv, "w", encoding="utf-8") as fh:
            cols = list(timeline[0])
            fh.write(",".join(cols) + "\n")
            for row in timeline:
                fh.write(",".join("" if row[c] is None else str(row[c]) for c in cols) + "\n")
    warm = [r for r in timeline if r["seconds"] >= min(60.0, elapsed / 4)]
    result = {
        "command": cmd, "seconds": round(elapsed, 1), "interrupted": interrupted, "exit_code": proc.returncode,
        "documents": docs, "documents_per_second": round(docs / elapsed, 2) if docs else None,
        "peak_hwm_mb_main": round(peaks.get(proc.pid, 0) / 1024, 1),
        "peak_hwm_mb_children": [round(v / 1024, 1) for p, v in peaks.items() if p != proc.pid],
        "peak_total_rss_mb": max(r["total_rss_mb"] for r in timeline),
        "peak_total_pss_mb": max(r["total_pss_mb"] for r in timeline),
        "total_rss_mb_after_warmup": warm[0]["total_rss_mb"] if warm else None,
        "total_rss_mb_at_end": timeline[-1]["total_rss_mb"],
        "stderr_tail": stderr_tail, "timeline": timeline,
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    mk = sub.add_parser("make", help="write a JSON-lines file of varied articles")
    mk.add_argument("source")
    mk.add_argument("out")
    mk.add_argument("--lines", type=int, default=100_000)
    mk.add_argument("--random-seed", type=int, default=6)
    w = sub.add_parser("watch", help="run a command and sample its memory")
    w.add_argument("--duration", type=float, default=900)
    w.add_argument("--interval", type=float, default=5)
    w.add_argument("--db", default=None, help="database URL to count stored documents in")
    w.add_argument("--csv", default=None, help="write the timeline here too")
    w.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    return make(args) if args.what == "make" else watch(args)


if __name__ == "__main__":
    sys.exit(main())
