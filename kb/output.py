"""Formatting listings for people (tables), programs (JSON) and spreadsheets (CSV).

Text from articles is data, never instructions to the terminal: every string that reaches a
console goes through :func:`safe` (control characters shown as escapes) and is handed to rich as
a ``Text`` object, so ``[red]``, ``[/quote]``, ``:x:`` and ``[link=...]`` in an article print as
they are written. The consoles are made with markup, emoji and highlighting off for the same
reason; styling is added explicitly with ``Text`` styles.
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from rich.console import Console

# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI to many terminals),
# and the bidirectional overrides that reorder what a reader sees
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape_control(m: re.Match) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def safe(text: Any, newlines: bool = True) -> str:
    """``text`` as a string a terminal shows literally: control characters become visible escapes
    (``\\x1b``); with ``newlines=False`` line breaks become spaces, for one-line cells."""
    s = "" if text is None else str(text)
    s = _CONTROL.sub(_escape_control, s)
    if not newlines:
        s = " ".join(s.split("\n")).replace("\t", " ")
    return s


class LazyConsole:
    """A rich Console made on first use: importing rich costs ~60 ms that `--json` output and
    a failing command never need, and `kb ask` must answer within a second.

    ``print`` takes plain strings as literal text (see the module docstring); pass a rich
    ``Text`` for styling. ``console`` is the real Console, for rich objects such as Progress
    that need one (they use it as a context manager, which a proxy cannot be)."""

    def __init__(self, **kwargs):
        self._kwargs = {"markup": False, "emoji": False, "highlight": False, **kwargs}
        self._console = None

    @property
    def console(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._kwargs)
        return self._console

    def print(self, *objects: Any, **kwargs) -> None:
        from rich.text import Text

        kwargs.pop("markup", None)  # never: strings here may hold article text
        kwargs.pop("highlight", None)
        self.console.print(*[Text(safe(o)) if isinstance(o, str) else o for o in objects],
                           markup=False, highlight=False, **kwargs)

    def __getattr__(self, name):
        return getattr(self.console, name)


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
            if value["title"] is None:  # a document without a headline
                return str(value.get("url") or f"#{value.get('id')}")
            of = value.get("of")
            return value["title"] + (f" of {of['name']}" if isinstance(of, dict) else "") if "of" in value else str(value["title"])
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


_TRAILING_BLANK = re.compile(r"\s+$")


def csv_cell(value: Any) -> str:
    """A CSV cell: the text as stored, less the trailing blank lines and spaces an article's
    paragraph breaks leave (they show as ragged rows in a spreadsheet), and less terminal
    control characters."""
    return _TRAILING_BLANK.sub("", safe(_cell(value)))


def to_csv(rows: Sequence[dict], columns: Sequence[str] | None = None) -> str:
    columns = list(columns or (rows[0].keys() if rows else []))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([csv_cell(r.get(c)) for c in columns])
    return buf.getvalue()


MAX_CELL = 160  # long sentences are cut in tables; --json and --csv keep them whole


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "\u2026"


def table_cell(value: Any, formatter: Callable[[Any], str] = _cell):
    """A table cell that rich shows literally: a ``Text``, never a markup string."""
    from rich.text import Text

    return Text(_short(safe(formatter(value), newlines=False).strip()))


def render_table(console: Console | LazyConsole, rows: Sequence[dict], columns: Sequence[tuple[str, str]] | Sequence[str],
                 title: str | None = None, formatters: dict[str, Callable[[Any], str]] | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    formatters = formatters or {}
    cols = [(c, c) if isinstance(c, str) else c for c in columns]
    if _too_narrow(console.width, cols):
        _render_records(console, rows, cols, title, formatters)
        return
    table = Table(title=Text(safe(title)) if title else None, show_lines=False, header_style="bold")
    for key, label in cols:
        wide = key in {"sentence", "text", "title", "url"}
        table.add_column(Text(safe(label)), overflow="fold", ratio=3 if wide else None,
                         min_width=None if wide else len(label))
    for r in rows:
        table.add_row(*[table_cell(r.get(key), formatters.get(key, _cell)) for key, _ in cols])
    console.print(table)


_WIDE = {"sentence", "text", "title", "url"}
# a wide column (the sentence) narrower than this reads as a column of letters, one per line
_MIN_WIDE = 30


def _too_narrow(width: int, cols: Sequence[tuple[str, str]]) -> bool:
    wide = sum(1 for key, _ in cols if key in _WIDE)
    if not wide:
        return False
    # each narrow column takes at least its header and its borders
    narrow = sum(max(len(label), 6) + 3 for key, label in cols if key not in _WIDE)
    return width - narrow < wide * _MIN_WIDE


def _render_records(console, rows: Sequence[dict], cols: Sequence[tuple[str, str]], title: str | None,
                    formatters: dict[str, Callable[[Any], str]]) -> None:
    """The rows as records, for a terminal too narrow for their table: the short fields on one
    wrapped line, each long one on its own, a blank line between rows."""
    from rich.text import Text

    if title:
        console.print(Text(safe(title), style="bold"))
    for n, r in enumerate(rows):
        short, long = [], []
        for key, label in cols:
            value = safe(formatters.get(key, _cell)(r.get(key)), newlines=False).strip()
            if value:
                (long if key in _WIDE else short).append((label, value))
        line = Text()
        for i, (label, value) in enumerate(short):
            if i:
                line.append("  ")
            line.append(f"{label}: ", style="bold")
            line.append(value)
        if n:
            console.print()
        console.print(line)
        for label, value in long:
            console.print(Text(f"  {label}: ", style="bold") + Text(value))
