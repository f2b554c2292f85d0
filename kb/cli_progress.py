"""Progress displays for long commands: on a terminal only, never in a pipe or with --quiet.

A display is a context manager that yields a callback; the library calls the callback and never
knows whether anything is shown. The bar is transient: when the work ends the line is cleared
and the command prints its one-line summary, so a terminal keeps only what matters.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from .output import LazyConsole


def wanted(console: LazyConsole, quiet: bool = False) -> bool:
    """A display is for a person: stderr a terminal, and not asked to be quiet."""
    if quiet:
        return False
    stream = sys.stderr
    return bool(getattr(stream, "isatty", None) and stream.isatty())


def _columns(unit: str, extra: str | None = None):
    from rich.progress import (BarColumn, MofNCompleteColumn, ProgressColumn, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second over rich's recent window (not since the start: the first seconds
        load the pipeline)."""

        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} {unit}/s" if speed else f"- {unit}/s", style="progress.data.speed")

    cols = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), TextColumn("elapsed"), TimeElapsedColumn()]
    if extra:
        cols.append(TextColumn(extra))
    return cols


@contextmanager
def ingest_progress(console: LazyConsole, total: int | None, enabled: bool) -> Iterator[Callable]:
    """A bar for `kb ingest`: documents dealt with of ``total`` (None: unknown, a spinner and the
    counts only), rate, ETA, and how many were stored, skipped and failed."""
    if not enabled:
        yield lambda report: None
        return
    from rich.progress import Progress

    with Progress(*_columns("docs", "{task.fields[counts]}"), console=console.console, transient=True) as bar:
        task = bar.add_task("ingesting", total=total, counts="")

        def update(report) -> None:
            bar.update(task, completed=report.done,
                       counts=f"stored {report.added + report.reprocessed}, skipped {report.skipped}, "
                              f"failed {report.failed}")

        yield update


@contextmanager
def count_progress(console: LazyConsole, description: str, total: int | None, unit: str,
                   enabled: bool) -> Iterator[Callable[[int], None]]:
    """A bar for work counted in items (exports: events written); the callback takes the number
    done so far."""
    if not enabled:
        yield lambda done: None
        return
    from rich.progress import Progress

    with Progress(*_columns(unit), console=console.console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=done)


@contextmanager
def spinner(console: LazyConsole, description: str, enabled: bool) -> Iterator[None]:
    """For one long step whose size is unknown (a recount is one SQL statement): a spinner and
    the time it has taken."""
    if not enabled:
        yield
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn(description), TimeElapsedColumn(), console=console.console,
                  transient=True):
        yield
