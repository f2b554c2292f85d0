"""`kb ingest --cluster`: the terminal side of a cluster run (the work is in kb/ingest/cluster.py)."""
from __future__ import annotations

import datetime as dt

from .cli import err


def _clock(seconds: float | None) -> str:
    return "?" if seconds is None else str(dt.timedelta(seconds=int(seconds)))


def describe(state) -> str:
    """One line of progress over the whole run."""
    total = f"/{state.chunks_planned}" if state.planning_done else ""
    return (f"chunks {state.chunks_done}{total} · {state.documents} documents stored · "
            f"{state.rate:.1f} articles/s · ETA {_clock(state.eta)}")


def ingest_on_cluster(paths: list[str], spec: str, db: str | None, reprocess: bool, show_progress: bool):
    """Connect, run, and show progress on a terminal (nothing in a pipe); returns the report."""
    from .ingest.cluster import check_backend, connect, dashboard_link, run_on_cluster
    from .store.db import database_url, make_engine, open_database

    check_backend(make_engine(database_url(db)))  # before a SQLite file is made, let alone used
    engine = open_database(db)
    with connect(spec) as client:
        if not show_progress:
            return run_on_cluster(client, engine, paths, reprocess=reprocess)
        link = dashboard_link(client)
        workers = len(client.scheduler_info().get("workers", {}))
        err.print(f"kb: cluster {client.scheduler.address} with {workers} workers"
                  + (f"; dashboard {link}" if link else ""))
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TimeElapsedColumn(), TextColumn("{task.description}", markup=False),
                      console=err.console,
                      transient=True) as bar:
            task = bar.add_task("loading the pipeline on the workers", total=None)
            return run_on_cluster(client, engine, paths, reprocess=reprocess,
                                  progress=lambda state: bar.update(task, description=describe(state)))
