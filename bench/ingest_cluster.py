"""`kb ingest --cluster local:N` against `--workers 0` and `--workers N`, into PostgreSQL, and
PostgreSQL's storing rate with parsing off (the scale-out on paper).

    python bench/ingest_cluster.py ARTICLES.csv --pg-admin postgresql+psycopg://postgres@127.0.0.1/postgres
                                   [--repeat 3] [--workers 2] [--chunk-size 4] [--no-client-store]

Each round runs, one after the other on the same file, every variant into a fresh PostgreSQL
database (created through --pg-admin, dropped afterwards):

- ``w0``: ``Ingestor(workers=0)``: read, parse, extract and store in one process;
- ``wN``: ``Ingestor(workers=N)``: N worker processes parse and extract, the main one stores;
- ``cluster_store_workers``: ``run_on_cluster`` on the ``LocalCluster`` of N processes with one
  thread each that ``--cluster local:N`` starts, every worker storing its own chunks;
- ``cluster_store_client`` (the default): the same cluster, the workers sending extractions back for the
  client to store.

Rounds interleave the variants, so a machine that is busier in one minute than the next slows
all of them alike; medians and bests are reported, with the load average before each run.
Beside the seconds, the CPU seconds each kind of process and thread used in each run (psutil,
which Dask brings), a figure that other work on a shared machine hardly moves: this process's
main thread (w0: everything; wN: reading and storing; the cluster: the client's loop and
storing), its other threads (the Dask event loop that runs the client, the scheduler and the
nannies of a LocalCluster), the wN pool's processes, the cluster workers' task threads and their
event loops, and the PostgreSQL server on this machine (all of it: on a shared machine others'
queries too). Variants whose process is not running still count their idle housekeeping (the
cluster's during wN).
Pipelines, worker pools and the cluster are started and warmed before timing (their start-up
is timed once, on its own).

Then the storing rate: every extraction of the file is kept in memory (parsed once), and
replayed into a fresh database through the same code that stores on a worker (one transaction
per document, the storing lock), by one writer, and by N writer threads at once.
Prints one JSON object; progress on stderr.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import threading
import time
import uuid


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--pg-admin", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-size", type=int, default=None, help="articles per task (default: kb's)")
    ap.add_argument("--no-client-store", action="store_true", help="skip the store-on-client variant")
    ap.add_argument("--store-rounds", type=int, default=3)
    ap.add_argument("--store-only", action="store_true", help="only the storing rate (no ingest rounds)")
    ap.add_argument("--limit", type=int, default=None, help="with --store-only: the first N articles")
    args = ap.parse_args()
    n = args.workers

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from kb.ingest.cluster import DEFAULT_CHUNK_SIZE, _Collecting, connect, run_on_cluster
    if args.chunk_size is None:
        args.chunk_size = DEFAULT_CHUNK_SIZE
    from kb.ingest.parallel import ParallelExtractor
    from kb.ingest.readers import Article, iter_articles
    from kb.ingest.service import Ingestor
    from kb.nlp.extract import Extractor
    from kb.store.db import open_database

    items = list(iter_articles([args.path]))
    articles = [a for a in items if isinstance(a, Article)]
    unreadable = len(items) - len(articles)  # the Wikinews file has one record that holds only a date
    if args.store_only and args.limit:
        articles = articles[: args.limit]
    admin = create_engine(args.pg_admin, isolation_level="AUTOCOMMIT")

    def fresh_db():
        name = f"kb_bench_cluster_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))

        def drop():
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        return make_url(args.pg_admin).set(database=name).render_as_string(hide_password=False), drop

    import psutil

    me = psutil.Process()
    kinds: dict[tuple[int, int], str] = {}  # (pid, thread id) -> kind, for the cluster workers' threads

    def cpu_by_thread() -> dict[tuple[int, int], float]:
        # the database server as a whole: its processes, and the backends it has reaped (in the
        # postmaster's children's times); on a shared machine, others' queries count too
        server = 0.0
        for proc in psutil.process_iter(["name"]):
            if proc.info["name"] in ("postgres", "postmaster"):
                try:
                    t = proc.cpu_times()
                    server += t.user + t.system + t.children_user + t.children_system
                except psutil.Error:
                    pass
        out = {(0, 0): server}
        for proc in [me] + me.children(recursive=True):
            try:
                out.update({(proc.pid, t.id): t.user_time + t.system_time for t in proc.threads()})
            except psutil.Error:
                pass
        return out

    def kind_of(pid: int, tid: int) -> str:
        if pid == 0:
            return "postgres_server"
        if pid == me.pid:
            return "main_thread" if tid == me.pid else "main_other_threads"
        if pool is not None and any(w is not None and w.proc.pid == pid for w in pool.slots):
            return "pool_workers"
        return kinds.get((pid, tid), "other_processes")

    def cpu_of_run(before: dict, after: dict) -> dict[str, float]:
        if client is not None:
            for pid in client.run(os.getpid).values():  # a restarted worker has a new pid
                for t in psutil.Process(pid).threads():
                    kinds[(pid, t.id)] = "cluster_worker_loops" if t.id == pid else "cluster_worker_tasks"
        spent: dict[str, float] = {}
        for key, seconds in after.items():
            k = kind_of(*key)
            spent[k] = spent.get(k, 0.0) + seconds - before.get(key, 0.0)
        return {k: round(v, 2) for k, v in sorted(spent.items()) if abs(v) >= 0.005}

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    startup = {}
    t = time.perf_counter()
    extractor0 = Extractor()
    list(extractor0.pipe([(a.text, None) for a in articles[:4]]))
    startup["w0_pipeline"] = round(time.perf_counter() - t, 2)
    pool = client = cluster = None
    if not args.store_only:  # the storing rate alone needs no pool and no cluster
        t = time.perf_counter()
        pool = ParallelExtractor(n)
        list(pool.pipe([(a.text, None) for a in articles[: 2 * n * pool.chunk_size]]))
        startup[f"w{n}_pool"] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()
        # the cluster `kb ingest --cluster local:N` starts, with its settings
        cluster = contextlib.ExitStack()
        client = cluster.enter_context(connect(f"local:{n}"))
        startup["cluster_start"] = round(time.perf_counter() - t, 2)
        from kb.ingest.cluster import _plugin, _resolve_limit
        from kb.nlp.model import model_name

        t = time.perf_counter()
        client.register_plugin(_plugin(model_name(), _resolve_limit(None)))
        startup["cluster_pipelines_loaded"] = round(time.perf_counter() - t, 2)
    log(f"start-up: {startup}")

    def timed_cluster(store_on: str):
        def run(url: str):
            engine = open_database(url)
            report = run_on_cluster(client, engine, [args.path], chunk_size=args.chunk_size, store_on=store_on)
            engine.dispose()
            return report
        return run

    def timed_ingestor(workers: int, extractor):
        def run(url: str):
            engine = open_database(url)
            report = Ingestor(engine, workers=workers, extractor=extractor).run([args.path])
            engine.dispose()
            return report
        return run

    variants = {"w0": timed_ingestor(0, extractor0), f"w{n}": timed_ingestor(n, pool),
                "cluster_store_workers": timed_cluster("workers")}
    if not args.no_client_store:
        variants["cluster_store_client"] = timed_cluster("client")
    times: dict[str, list[float]] = {k: [] for k in variants}
    loads: dict[str, list[float]] = {k: [] for k in variants}
    cpus: dict[str, list[dict]] = {k: [] for k in variants}
    for rnd in range(0 if args.store_only else args.repeat):
        for name, fn in variants.items():
            url, drop = fresh_db()
            try:
                open_database(url).dispose()  # schema made before timing, as for an existing database
                loads[name].append(os.getloadavg()[0])
                before = cpu_by_thread()
                t = time.perf_counter()
                report = fn(url)
                times[name].append(time.perf_counter() - t)
                cpus[name].append(cpu_of_run(before, cpu_by_thread()))
                assert report.added == len(articles) and report.failed == unreadable, report.as_dict()
            finally:
                drop()
            log(f"round {rnd + 1}: {name} {times[name][-1]:.1f} s (load {loads[name][-1]:.1f}); "
                f"CPU s {sum(cpus[name][-1].values()):.1f} {cpus[name][-1]}")

    # one process's parse + extract rate, nothing stored: what one worker feeds the database
    def parse_only(payload_texts):
        ex = Extractor()
        t = time.perf_counter()
        for _ in ex.pipe(payload_texts, batch_size=16):
            pass
        return time.perf_counter() - t

    store = {}
    if args.store_rounds:  # the storing rate: 0 rounds skips it
        # the extractions, kept to replay the storing alone
        url, drop = fresh_db()
        try:
            engine = open_database(url)
            collecting = _Collecting(engine, workers=0, extractor=extractor0)
            collecting.run_articles(articles)
            extracted = collecting.collected
            engine.dispose()
        finally:
            drop()
        log(f"kept {len(extracted)} extractions")

        def replay(writers: int) -> float:
            url, drop = fresh_db()
            try:
                engine = open_database(url)
                from sqlalchemy import event

                statements = [0]

                def count(*_a, **_k):
                    statements[0] += 1
                event.listen(engine, "before_cursor_execute", count)
                ing = Ingestor(engine, workers=0)
                reports = [None] * writers
                shares = [extracted[i::writers] for i in range(writers)]

                def write(i: int) -> None:
                    from kb.ingest.service import IngestReport

                    rep = IngestReport()
                    for article, digest, ex in shares[i]:
                        ing._store(article, digest, ex, rep)
                    reports[i] = rep
                t = time.perf_counter()
                threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
                for th in threads:
                    th.start()
                for th in threads:
                    th.join()
                took = time.perf_counter() - t
                assert sum(r.added for r in reports) == len(extracted), [r.as_dict() for r in reports]
                engine.dispose()
                statements_per_doc.append(statements[0] / len(extracted))
                return took
            finally:
                drop()

        statements_per_doc: list[float] = []
        store_times = {"1_writer": [], f"{n}_writers": []}
        store_loads = []
        for rnd in range(args.store_rounds):
            for key, w in (("1_writer", 1), (f"{n}_writers", n)):
                store_loads.append(os.getloadavg()[0])
                store_times[key].append(replay(w))
                log(f"store round {rnd + 1}: {key} {store_times[key][-1]:.1f} s")

        t_parse = parse_only([(a.text, a.published) for a in articles])
        store = {
            "parse_extract_only_one_process_seconds": round(t_parse, 2),
            "parse_extract_docs_per_second_one_process": round(len(articles) / t_parse, 2),
            "store_seconds_all": {k: [round(x, 2) for x in v] for k, v in store_times.items()},
            "store_docs_per_second_median": {k: round(len(articles) / statistics.median(v), 2)
                                             for k, v in store_times.items()},
            "load_average_during_store_runs": [round(x, 2) for x in store_loads],
            "sql_statements_per_document_stored": round(statistics.median(statements_per_doc), 1),
        }
    if client is not None:
        cluster.close()
        pool.close()

    docs = len(articles)
    times = {k: v for k, v in times.items() if v}
    med = {k: statistics.median(v) for k, v in times.items()}
    best = {k: min(v) for k, v in times.items()}
    result = {
        "documents": docs, "cpus": os.cpu_count(), "workers": n, "chunk_size": args.chunk_size,
        "repeat": args.repeat, "startup_seconds": startup,
        "load_average_before_each_run": {k: [round(x, 2) for x in v] for k, v in loads.items()},
        "seconds_all": {k: [round(x, 2) for x in v] for k, v in times.items()},
        "seconds_median": {k: round(v, 2) for k, v in med.items()},
        "seconds_best": {k: round(v, 2) for k, v in best.items()},
        "docs_per_second_median": {k: round(docs / v, 2) for k, v in med.items()},
        "cpu_seconds_all": {k: v for k, v in cpus.items() if v},
        "cpu_seconds_total_median": {k: round(statistics.median(sum(r.values()) for r in v), 2)
                                     for k, v in cpus.items() if v},
        **store,
    }
    if med:
        # the ratios are for kb's default (the client stores) when it was measured
        c = "cluster_store_client" if "cluster_store_client" in med else "cluster_store_workers"
        result.update({
            "cluster_variant_in_ratios": c,
            "cluster_vs_w0_median": round(med["w0"] / med[c], 3),
            f"cluster_vs_w{n}_median": round(med[f"w{n}"] / med[c], 3),
            "cluster_vs_w0_best": round(best["w0"] / best[c], 3),
            f"cluster_vs_w{n}_best": round(best[f"w{n}"] / best[c], 3)})
    if "cluster_store_client" in med:
        result["store_client_vs_store_workers_median"] = round(med["cluster_store_workers"] / med["cluster_store_client"], 3)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
