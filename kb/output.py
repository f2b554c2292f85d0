"""Formatting listings for people (tables), programs (JSON) and spreadsheets (CSV)."""
from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console made on first use: importing rich costs ~60 ms that `--json` output and
    a failing command never need, and `kb ask` must answer within a second."""

    def __init__(self, **kwargs):
        self._kwargs = kwargs
        self._console = None

    def __getattr__(self, name):
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._kwargs)
        return getattr(self._console, name)

    # rich's live displays (the ingest progress) enter the console; special methods are looked
    # up on the type, never through __getattr__
    def __enter__(self):
        return self.__getattr__("__enter__")()

    def __exit__(self, *exc):
        return self._console.__exit__(*exc)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _cell(value: Any) -> str:
    """One table or CSV cell: names for entity refs, ``; ``-joined lists."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"]) + (f" ({value['country']})" if value.get("country") else "")
        if "title" in value:  # a role or a document
            of = value.get("of")
            return value["title"] + (f" of {of['name']}" if isinstance(of, dict) else "") if "of" in value else str(value["title"])
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def to_csv(rows: Sequence[dict], columns: Sequence[str] | None = None) -> str:
    columns = list(columns or (rows[0].keys() if rows else []))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    return buf.getvalue()


MAX_CELL = 160  # long sentences are cut in tables; --json and --csv keep them whole


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "\u2026"


def render_table(console: Console, rows: Sequence[dict], columns: Sequence[tuple[str, str]] | Sequence[str],
                 title: str | None = None, formatters: dict[str, Callable[[Any], str]] | None = None) -> None:
    from rich.table import Table

    formatters = formatters or {}
    cols = [(c, c) if isinstance(c, str) else c for c in columns]
    table = Table(title=title, show_lines=False, header_style="bold")
    for key, label in cols:
        wide = key in {"sentence", "text", "title", "url"}
        table.add_column(label, overflow="fold", ratio=3 if wide else None, min_width=None if wide else len(label))
    for r in rows:
        table.add_row(*[_short(formatters.get(key, _cell)(r.get(key))) for key, _ in cols])
    console.print(table)
