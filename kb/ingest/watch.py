"""`kb watch` as a library call: ingest from feeds, URL lists and folders, round after round.

A source is an http(s) URL (a feed, or a page: a page already stored is not fetched again), a
local feed file (``.rss``, ``.atom``, ``.xml``), a folder (each round reads the files that are new
or changed since the round before) or any other file, read as a list of URLs, one a line, ``#``
starting a comment. A round reads every source once through one :class:`Ingestor`, so the spaCy
pipeline loads once. A failing source, a network error or a bad page is counted and reported in
its round and the watch goes on; only ``stop`` (or the number of rounds) ends it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import KBError
from .feeds import FEED_SUFFIXES
from .readers import folder_files, path_label
from .service import Ingestor
from .web import is_url

_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "15m", "1s", "2h", "1.5h", "1d" or "30" (seconds)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not m:
        raise KBError(f"--every must be a number with s, m, h or d (e.g. 15m), not {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


@dataclass
class RoundReport:
    number: int
    started_at: dt.datetime
    added: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"round": self.number, "started_at": self.started_at.isoformat().replace("+00:00", "Z"),
                "new": self.added, "skipped": self.skipped, "failed": self.failed,
                "errors": list(self.errors), "warnings": list(self.warnings)}


class Watcher:
    def __init__(self, ingestor: Ingestor, sources: Iterable[str]):
        self.ingestor = ingestor
        self.sources = [str(s) for s in sources]
        self.rounds = 0
        self._seen: dict[str, dict[Path, tuple[int, int]]] = {}  # folder -> file -> (mtime_ns, size)

    def _inputs(self, report: RoundReport) -> list[str]:
        inputs: list[str] = []
        for src in self.sources:
            if is_url(src):
                inputs.append(src)
                continue
            path = Path(src)
            try:
                if path.is_dir():
                    inputs += [str(p) for p in self._new_files(src, path)]
                elif path.suffix.lower() in FEED_SUFFIXES:
                    inputs.append(src)
                elif path.is_file():
                    inputs += self._url_list(path, report)
                else:
                    report.failed += 1
                    report.errors.append(f"{path_label(path)}: no such file or folder")
            except OSError as exc:
                report.failed += 1
                report.errors.append(f"{path_label(path)}: cannot read: {exc.strerror or exc}")
        return inputs

    def _new_files(self, key: str, folder: Path) -> list[Path]:
        before = self._seen.get(key, {})
        now: dict[Path, tuple[int, int]] = {}
        fresh = []
        for p in folder_files(folder):
            try:
                st = p.stat()
            except OSError:
                continue
            now[p] = (st.st_mtime_ns, st.st_size)
            if before.get(p) != now[p]:
                fresh.append(p)
        self._seen[key] = now
        return fresh

    def _url_list(self, path: Path, report: RoundReport) -> list[str]:
        urls = []
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), start=1):
            line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if not line:
                continue
            if is_url(line):
                urls.append(line)
            else:
                report.failed += 1
                report.errors.append(f"{path_label(path)}:{number}: not an http(s) URL")
        return urls

    def round(self, stop: Callable[[], bool] | None = None) -> RoundReport:
        """Read every source once; never raises for a bad source, page or network error."""
        self.rounds += 1
        report = RoundReport(self.rounds, dt.datetime.now(dt.timezone.utc))
        try:
            inputs = self._inputs(report)
            if inputs:
                r = self.ingestor.run(inputs, stop=stop)
                report.added += r.added + r.reprocessed
                report.skipped += r.skipped
                report.failed += r.failed
                report.errors += r.errors
                report.warnings += r.warnings
        except KBError as exc:  # e.g. the database went away: this round failed, the next may not
            report.failed += 1
            report.errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - a watch outlives a source that breaks in a new way
            from sqlalchemy.exc import SQLAlchemyError

            if not isinstance(exc, (SQLAlchemyError, OSError, ValueError)):
                raise
            report.failed += 1
            report.errors.append(f"round {report.number}: {str(getattr(exc, 'orig', exc)).splitlines()[0]}")
        return report


def watch(ingestor: Ingestor, sources: Iterable[str], *, every: float, rounds: int | None = None,
          on_round: Callable[[RoundReport], None] = lambda r: None, stop: Callable[[], bool] = lambda: False,
          wait: Callable[[float], None] | None = None) -> int:
    """Run rounds ``every`` seconds apart (from the start of one to the start of the next) until
    ``stop`` says so or ``rounds`` have run; returns how many ran. ``wait(seconds)`` sleeps and
    should return early when stopping (a threading.Event's wait does)."""
    import time

    wait = wait or time.sleep
    watcher = Watcher(ingestor, sources)
    while not stop():
        started = time.monotonic()
        on_round(watcher.round(stop))
        if rounds is not None and watcher.rounds >= rounds:
            break
        if stop():
            break
        remaining = every - (time.monotonic() - started)
        if remaining > 0:
            wait(remaining)
    return watcher.rounds
