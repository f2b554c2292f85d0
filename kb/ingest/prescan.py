"""How many articles an ingest will read, counted cheaply before it starts, for a progress bar.

The count reads bytes only: JSON-lines files by their non-blank lines, CSV files by their records
(a quoted field may span lines), any other file as one article. It never decodes JSON, never
parses an article and never fails: an unreadable file counts as the one error it will produce,
and input of unknown length (stdin) makes the total unknown (``None``).
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from .readers import _KINDS, _walk

_BLOCK = 1 << 20


def count_articles(paths: Iterable[str]) -> int | None:
    total = 0
    for raw in paths:
        name = os.fspath(raw)
        if name == "-" or "://" in name:
            if name == "-":
                return None
            total += 1
            continue
        path = Path(name)
        try:
            files = _walk(path) if path.is_dir() else [path]
        except OSError:
            files = [path]
        for f in files:
            total += 1 if isinstance(f, InputError) else count_file(f)  # an error is one item too
    return total


def count_file(path: Path) -> int:
    kind = _KINDS.get(path.suffix.lower())
    try:
        if kind == "jsonl":
            return _count_lines(path)
        if kind == "csv":
            return _count_records(path)
    except (OSError, csv.Error, ValueError):
        pass
    return 1


def _count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                n += 1
    return n


def _count_records(path: Path) -> int:
    # the field size limit is process-wide: raised for the count only (a count runs before the
    # ingest reads, never beside it)
    old = csv.field_size_limit(1 << 30)
    try:
        with open(path, "rb") as fh:
            text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
            records = sum(1 for row in csv.reader(text) if row)
    finally:
        csv.field_size_limit(old)
    return max(0, records - 1)  # the header
