"""Read news articles from files, folders and stdin.

Every reader is a generator of ``Article`` and ``InputError`` values: a bad file, line or CSV
record becomes an ``InputError`` in the stream (with the path and line number), and reading
goes on with the next one. Nothing here prints, exits or raises for bad input.

Formats, chosen by the file suffix:

- ``.txt``: plain text, or the seed markup when it has the markers (see ``seed_format``);
- ``.md`` / ``.markdown``: Markdown / seed markup;
- ``.jsonl`` / ``.ndjson``: one JSON object per line with ``text`` and optional ``url``,
  ``title``, ``published`` (or ``date``) and ``source``; read a line at a time;
- ``.csv``: a header row naming a ``text`` column and any of ``url``, ``date``/``published``,
  ``title``, ``source``; read a record at a time;
- ``.html`` / ``.htm``: the article text of the page, read by trafilatura (``parse_html``);
- no suffix (a pipe such as ``<(cmd)``) and ``-`` (stdin): JSON lines when the first non-blank
  character is ``{``, else one article.

Bytes that are not UTF-8 are read as Windows-1252 (Latin-1 when that fails too) and the article
carries a warning saying so. A file whose first 8 KB hold a NUL byte or mostly control bytes is
binary and refused. Every article leaves here ready to store: NUL characters (which PostgreSQL
cannot hold) removed and lone surrogates (which no database can encode) replaced, each with a
warning; a date, source or url too long for its column shortened or dropped, with a warning; and
``Article.language`` set by ``kb.ingest.language`` ("en", "other" or "und"), with a warning
for text that is not English.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from kb.errors import InputError, KBError
from kb.limits import DEFAULT_MAX_CHARS, MAX_CHARS_ENV, max_article_chars
from kb.limits import resolve_limit as _resolve_limit
from kb.ingest.language import OTHER, guess_language
from kb.ingest.seed_format import (
    Article,
    looks_marked,
    normalise_text,
    parse_date,
    parse_marked_article,
    parse_plain_article,
    split_dateline,
)

__all__ = [
    "Article",
    "DEFAULT_MAX_CHARS",
    "SUFFIXES",
    "iter_articles",
    "max_article_chars",
    "path_label",
    "page_article",
    "parse_date",
    "parse_html",
    "parse_marked_article",
    "read_path",
]

SUFFIXES = (".txt", ".md", ".markdown", ".jsonl", ".ndjson", ".csv", ".html", ".htm")
STDIN_NAME = "<stdin>"

_KINDS = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html", "": "sniff",
}
_SNIFF_BYTES = 8192
_WARN_CP1252 = "not UTF-8; decoded as Windows-1252"
_WARN_LATIN1 = "not UTF-8; decoded as Latin-1"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_READ_BUFFER = 1 << 16


# --------------------------------------------------------------------------------------------
# Entry points

def iter_articles(
    paths: Iterable[str], stdin: TextIO | None = None, max_chars: int | None = None
) -> Iterator[Article | InputError]:
    """Articles from files, folders (searched recursively, in sorted order) and ``-`` (stdin).

    Folders give only files with a known suffix (``SUFFIXES``), skipping hidden files and
    folders. ``max_chars`` caps one article's length; it defaults to the environment variable
    KB_MAX_ARTICLE_CHARS, else 1,000,000. Raises ``KBError`` only when that variable is not a
    positive whole number; every problem with the input is yielded as an ``InputError``.
    """
    limit = _resolve_limit(max_chars)
    stdin_read = False
    for raw in paths:
        name = os.fspath(raw)
        if name == "-":
            if stdin_read:
                yield InputError("stdin given more than once; it can be read only once", path=STDIN_NAME)
                continue
            stdin_read = True
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, limit)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _read_folder(path, limit)
        else:
            yield from read_path(path, max_chars=limit)


def read_path(path: Path, max_chars: int | None = None) -> Iterator[Article | InputError]:
    """Articles from one file (one article, or one per JSON line / CSV record)."""
    limit = _resolve_limit(max_chars)
    path = Path(path)
    label = path_label(path)
    kind = _KINDS.get(path.suffix.lower())
    try:
        if path.is_dir():
            yield InputError("is a folder, not a file", path=label)
            return
        if not path.exists():
            yield InputError("no such file", path=label)
            return
        if kind is None:
            known = ", ".join(SUFFIXES)
            yield InputError(f"unsupported file type {path.suffix!r}; readable types are {known}", path=label)
            return
        fh = open(path, "rb", buffering=_READ_BUFFER)
    except OSError as exc:
        yield InputError(_os_message(exc), path=label)
        return
    with fh:
        try:
            yield from _read_binary(fh, label, kind, limit)
        except OSError as exc:  # an I/O error part way through
            yield InputError(_os_message(exc), path=label)


def _read_stdin(stream: TextIO, limit: int) -> Iterator[Article | InputError]:
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:  # a real stdin: read its bytes, so decoding is ours to choose
            yield from _read_binary(buffer, STDIN_NAME, "sniff", limit)
        else:
            yield from _read_text_stream(stream, STDIN_NAME, limit)
    except UnicodeDecodeError:
        yield InputError("not readable as text in the stream's encoding", path=STDIN_NAME)
    except OSError as exc:
        yield InputError(_os_message(exc), path=STDIN_NAME)


def _read_folder(folder: Path, limit: int) -> Iterator[Article | InputError]:
    found = False
    for path in _walk(folder):
        if isinstance(path, InputError):
            yield path
            continue
        found = True
        yield from read_path(path, max_chars=limit)
    if not found:
        yield InputError(f"folder holds no readable files ({', '.join(SUFFIXES)})", path=path_label(folder))


def folder_files(folder: Path) -> list[Path]:
    """The regular files ``kb ingest FOLDER`` reads, in the order it reads them."""
    return [p for p in _walk(Path(folder)) if not isinstance(p, InputError)]


def _walk(folder: Path) -> list[Path | InputError]:
    """Regular files under folder with a known suffix, hidden ones skipped, sorted by their path
    parts; a subfolder that cannot be listed and a file that is not a regular one (a FIFO would
    block the read forever, a device never end) come back as InputErrors in their place."""
    files: list[Path] = []
    problems: list[tuple[Path, InputError]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        problems.append((where, InputError(f"cannot read folder: {_os_message(exc).removeprefix('cannot read file: ')}",
                                           path=path_label(where))))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith(".") or Path(name).suffix.lower() not in SUFFIXES:
                continue
            path = Path(root) / name
            try:
                mode = path.stat().st_mode
            except OSError as exc:
                problems.append((path, InputError(_os_message(exc), path=path_label(path))))
                continue
            if not stat.S_ISREG(mode):
                kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
                problems.append((path, InputError(f"not a regular file ({kind}); skipped", path=path_label(path))))
                continue
            files.append(path)
    ordered: list[tuple[Path, Path | InputError]] = [(p, p) for p in files] + problems
    ordered.sort(key=lambda item: item[0].relative_to(folder).parts if item[0].is_relative_to(folder) else ())
    return [item for _, item in ordered]


def path_label(path: os.PathLike | str) -> str:
    """A path as text any database and terminal can take: a file name that is not UTF-8 (its
    bytes come back from the OS as lone surrogates) shows those bytes escaped, "caf\\xe9.txt"."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "cannot read file: permission denied"
    reason = exc.strerror or exc.__class__.__name__
    return f"cannot read file: {reason[0].lower() + reason[1:]}"


# --------------------------------------------------------------------------------------------
# Bytes to text

def _decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes: UTF-8 (BOM dropped), else Windows-1252, else Latin-1; and a warning."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), _WARN_CP1252
    except UnicodeDecodeError:
        return data.decode("latin-1"), _WARN_LATIN1


def _read_binary(fh: BinaryIO, label: str, kind: str, limit: int) -> Iterator[Article | InputError]:
    fh = fh if hasattr(fh, "peek") else io.BufferedReader(fh, _READ_BUFFER)
    head = fh.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        # UTF-16 (Windows "Unicode" text): a text stream, so it carries no NUL-byte test.
        text_stream = io.TextIOWrapper(fh, encoding="utf-16", errors="replace", newline="")
        try:
            yield from _read_text_stream(text_stream, label, limit, kind)
        finally:
            text_stream.detach()  # the caller owns fh (it may be stdin): do not close it
        return
    if _looks_binary(head):
        yield InputError("binary file, not text", path=label)
        return
    if kind == "sniff":
        kind = _sniff(fh)
    if kind == "jsonl":
        yield from _read_jsonl(_byte_lines(fh), label, limit)
    elif kind == "csv":
        yield from _read_csv(_byte_lines(fh), label, limit)
    else:
        # One article per file: refuse a file that cannot fit before reading it whole.
        cap = limit * (64 if kind == "html" else 4) + 4  # UTF-8 needs at most 4 bytes a character
        data = fh.read(cap + 1)
        if len(data) > cap:
            if kind == "html":
                message = (f"page is over {cap} bytes, too large for an article limit of {limit} "
                           f"characters (set {MAX_CHARS_ENV})")
            else:
                message = (f"file is over {cap} bytes, so its article is over the limit of {limit} "
                           f"characters (set {MAX_CHARS_ENV})")
            yield InputError(message, path=label)
            return
        if b"\x00" in data:  # a NUL past the first 8 KB: still not a text file
            yield InputError("binary file, not text (it holds NUL bytes)", path=label)
            return
        text, warning = _decode(data)
        yield _one_article(text, label, kind, limit, [warning] if warning else [])


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


def _looks_binary(head: bytes) -> bool:
    """A NUL byte, or more than one byte in ten a control character, in the first bytes."""
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls * 10 > len(head)


def _sniff(fh: BinaryIO) -> str:
    """ "jsonl" when the first non-blank character is "{", else "text"."""
    head = fh.peek(_SNIFF_BYTES)
    return "jsonl" if head.lstrip(codecs.BOM_UTF8).lstrip().startswith(b"{") else "text"


def _byte_lines(fh: BinaryIO) -> Iterator[tuple[str, str | None]]:
    """(line, warning) pairs: each line decoded on its own, with "\\n" endings."""
    first = True
    for raw in fh:
        if first:
            first = False
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
        try:
            line, warning = raw.decode("utf-8"), None
        except UnicodeDecodeError:
            try:
                line, warning = raw.decode("cp1252"), _WARN_CP1252
            except UnicodeDecodeError:
                line, warning = raw.decode("latin-1"), _WARN_LATIN1
        if line.endswith("\r\n"):
            line = line[:-2] + "\n"
        yield line, warning


def _text_lines(stream: TextIO) -> Iterator[tuple[str, str | None]]:
    first = True
    for line in stream:
        if first:
            first = False
            line = line.lstrip("\ufeff")
        if line.endswith("\r\n"):
            line = line[:-2] + "\n"
        elif line.endswith("\r"):
            line = line[:-1] + "\n"
        yield line, None


def _read_text_stream(
    stream: TextIO, label: str, limit: int, kind: str = "sniff"
) -> Iterator[Article | InputError]:
    """Articles from an already decoded stream (stdin as StringIO, UTF-16 files)."""
    lines = _text_lines(stream)
    if kind == "sniff":
        skipped: list[tuple[str, str | None]] = []
        for item in lines:
            skipped.append(item)
            if item[0].strip():
                break
        kind = "jsonl" if skipped and skipped[-1][0].lstrip().startswith("{") else "text"
        lines = itertools.chain(skipped, lines)
    if kind == "jsonl":
        yield from _read_jsonl(lines, label, limit)
    elif kind == "csv":
        yield from _read_csv(lines, label, limit)
    else:
        text = "".join(line for line, _ in lines)
        yield _one_article(text, label, kind, limit, [])


# --------------------------------------------------------------------------------------------
# One article per file

def _one_article(text: str, label: str, kind: str, limit: int, warnings: list[str]) -> Article | InputError:
    if not text.strip():
        return InputError("empty file", path=label)
    text = normalise_text(text)
    if kind == "html":
        article = parse_html(text, label)
        if not article.text:
            return InputError("no article text found in the page", path=label)
    elif kind == "markdown" or (kind == "text" and looks_marked(text)):
        article = parse_marked_article(text, label)
    else:
        article = parse_plain_article(text, label)
    if not article.text:
        return InputError("no article text after the title and date", path=label)
    article.warnings.extend(warnings)
    if article.published_text is not None and article.published is None:
        article.warnings.append(f"could not read the date {_show(article.published_text)}; left empty")
    return _finish(article, label, None, limit)


def _check_size(article: Article, label: str, line: int | None, limit: int) -> Article | InputError:
    if len(article.text) > limit:
        return InputError(
            f"article is {len(article.text)} characters, over the limit of {limit} (set {MAX_CHARS_ENV})",
            path=label,
            line=line,
        )
    return article


def _record_article(
    label: str, line: int, text: str, fields: dict[str, str | None], warnings: list[str], limit: int
) -> Article | InputError:
    """An article from a JSON line or CSV record; a leading date line in text is taken off."""
    body, dateline = split_dateline(normalise_text(text))
    if not body:
        return InputError("'text' holds only a date", path=label, line=line)
    published_text = fields.get("published")
    if published_text is None and dateline is not None:
        published_text = dateline
    article = Article(
        text=body,
        title=fields.get("title"),
        url=fields.get("url"),
        published_text=published_text,
        source=fields.get("source"),
        origin=f"{label}:{line}",
        warnings=list(warnings),
    )
    if published_text is not None:
        article.published = parse_date(published_text)
        if article.published is None:
            article.warnings.append(f"could not read the date {_show(published_text)}; left empty")
    return _finish(article, label, line, limit)


def _show(value: str, width: int = 60) -> str:
    """repr() of a value for a message, shortened to about ``width`` characters."""
    return repr(value if len(value) <= width else value[: width - 3] + "...")


# Widths of the documents columns an Article fills (kb.store.models.Document); PostgreSQL refuses
# a longer value, which would lose the whole article.
_PUBLISHED_TEXT_CHARS = 128
_SOURCE_CHARS = 512
_URL_CHARS = 2048
_SURROGATES = re.compile("[\ud800-\udfff]")


def _clean(value: str, what: str, warnings: list[str]) -> str:
    """Text any database can store: NUL characters removed, lone surrogates replaced."""
    if "\x00" in value:
        n = value.count("\x00")
        warnings.append(f"{what} held {n} NUL character{'s' if n != 1 else ''}; removed")
        value = value.replace("\x00", "")
    if _SURROGATES.search(value):
        n = len(_SURROGATES.findall(value))
        warnings.append(f"{what} held {n} invalid character{'s' if n != 1 else ''} (lone UTF-16 surrogates); "
                        "replaced with U+FFFD")
        value = _SURROGATES.sub("\ufffd", value)
    return value


def _finish(article: Article, label: str, line: int | None, limit: int) -> Article | InputError:
    """Clean, fit and size-check an article, and tell its language."""
    w = article.warnings
    article.text = _clean(article.text, "the text", w)
    if not article.text.strip():
        return InputError("no article text", path=label, line=line)
    for name in ("title", "url", "source", "published_text", "authors"):
        value = getattr(article, name)
        if value is not None:
            setattr(article, name, _clean(value, f"the {name.replace('_text', ' date')}", w) or None)
    if article.published_text is not None and len(article.published_text) > _PUBLISHED_TEXT_CHARS:
        w.append(f"the date text is over {_PUBLISHED_TEXT_CHARS} characters; kept its first {_PUBLISHED_TEXT_CHARS}")
        article.published_text = article.published_text[:_PUBLISHED_TEXT_CHARS]
    if article.source is not None and len(article.source) > _SOURCE_CHARS:
        w.append(f"the source is over {_SOURCE_CHARS} characters; kept its first {_SOURCE_CHARS}")
        article.source = article.source[:_SOURCE_CHARS]
    if article.authors is not None and len(article.authors) > _SOURCE_CHARS:
        w.append(f"the authors are over {_SOURCE_CHARS} characters; kept the first {_SOURCE_CHARS}")
        article.authors = article.authors[:_SOURCE_CHARS]
    if article.url is not None and len(article.url) > _URL_CHARS:
        w.append(f"the url is over {_URL_CHARS} characters; not kept")
        article.url = None
    checked = _check_size(article, label, line, limit)
    if isinstance(checked, InputError):
        return checked
    guess = guess_language(article.text)
    article.language = guess.language
    if guess.language == OTHER:
        w.append(f"does not look like English ({guess.share:.0%} common English words); "
                 "stored without extracting facts")
    return article


# --------------------------------------------------------------------------------------------
# JSON lines

_OPTIONAL_FIELDS = ("url", "title", "published", "date", "source")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _read_jsonl(
    lines: Iterable[tuple[str, str | None]], label: str, limit: int
) -> Iterator[Article | InputError]:
    seen_content = False
    for number, (line, warning) in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen_content = True
        yield _json_record(line, number, label, [warning] if warning else [], limit)
    if not seen_content:
        yield InputError("empty file", path=label)


def _json_record(line: str, number: int, label: str, warnings: list[str], limit: int) -> Article | InputError:
    try:
        obj = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        where = "column" if exc.msg.endswith(" at") else "at column"
        reason = f"{exc.msg[:1].lower()}{exc.msg[1:]} {where} {exc.colno}"
        return InputError(f"not valid JSON: {reason}", path=label, line=number)
    except RecursionError:
        return InputError("not valid JSON: nested too deeply", path=label, line=number)
    if not isinstance(obj, dict):
        return InputError(f"expected a JSON object, found {_json_type(obj)}", path=label, line=number)
    if "text" not in obj:
        return InputError("missing 'text'", path=label, line=number)
    text = obj["text"]
    if not isinstance(text, str):
        return InputError(f"'text' must be a string, not {_json_type(text)}", path=label, line=number)
    if not text.strip():
        return InputError("'text' is empty", path=label, line=number)
    fields: dict[str, str | None] = {}
    for key in _OPTIONAL_FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return InputError(f"'{key}' must be a string, not {_json_type(value)}", path=label, line=number)
        value = value.strip()
        if value:
            fields[key] = value
    if "published" not in fields and "date" in fields:
        fields["published"] = fields["date"]
    return _record_article(label, number, text, fields, warnings, limit)


# --------------------------------------------------------------------------------------------
# CSV

_CSV_COLUMNS = {"text": "text", "url": "url", "title": "title", "source": "source",
                "published": "published", "date": "date"}


class _CountingLines:
    """Feeds decoded lines to csv.reader and remembers which needed a fallback decoding."""

    def __init__(self, lines: Iterable[tuple[str, str | None]]):
        self._lines = iter(lines)
        self.warnings: list[str] = []
        self.exhausted = False  # the lines ran out; a record returned after that ended at EOF

    def __iter__(self) -> _CountingLines:
        return self

    def __next__(self) -> str:
        try:
            line, warning = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        if warning and warning not in self.warnings:
            self.warnings.append(warning)
        return line


def _raise_field_limit(limit: int) -> None:
    # A field may hold a whole article; allow one a little longer than the article limit so that
    # the size check, not the csv module, reports it. Only ever raised, never lowered: the limit
    # is process-wide.
    wanted = min(limit + 1, sys.maxsize)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


def _read_csv(lines: Iterable[tuple[str, str | None]], label: str, limit: int) -> Iterator[Article | InputError]:
    _raise_field_limit(limit)
    source = _CountingLines(lines)
    reader = csv.reader(source)
    header: list[str] | None = None
    columns: dict[str, int] = {}
    records = 0
    last_line = 0  # reader.line_num after the previous row
    while True:
        start = last_line + 1
        source.warnings = []
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                message = (f"a field is over {csv.field_size_limit()} characters (an unclosed quote?); "
                           f"the limit follows {MAX_CHARS_ENV}")
            yield InputError(f"bad CSV: {message}", path=label, line=start)
            if reader.line_num == last_line:  # no progress: stop rather than loop
                break
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if source.exhausted:
            # csv ends a record at a line end unless a quoted field is open; a record that ended
            # only because the file did holds an unclosed quote (and maybe the records after it)
            yield InputError("bad CSV: a quoted field is never closed (the file ends inside it)",
                             path=label, line=start)
            return
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line
        if header is None:
            header = [cell.strip().lower() for cell in row]
            for index, name in enumerate(header):
                if name in _CSV_COLUMNS and name not in columns:
                    columns[name] = index
            if "text" not in columns:
                found = ", ".join(repr(h) for h in header if h) or "nothing"
                yield InputError(f"CSV header has no 'text' column (found {found})", path=label, line=start)
                return
            continue
        records += 1
        if len(row) != len(header):
            yield InputError(
                f"record has {len(row)} field{'s' if len(row) != 1 else ''} but the header has {len(header)}",
                path=label, line=start,
            )
            continue
        text = row[columns["text"]]
        if not text.strip():
            yield InputError("'text' is empty", path=label, line=start)
            continue
        fields: dict[str, str | None] = {}
        for name in ("url", "title", "source", "published", "date"):
            if name in columns:
                value = row[columns[name]].strip()
                if value:
                    fields[name] = value
        if "published" not in fields and "date" in fields:
            fields["published"] = fields["date"]
        yield _record_article(label, start, text, fields, list(source.warnings), limit)
    if header is None:
        yield InputError("empty file", path=label)
    elif records == 0:
        yield InputError("CSV has a header but no records", path=label)


# --------------------------------------------------------------------------------------------
# HTML

# Meta tags that carry a publication date; read here only to keep a date trafilatura could not
# read as text (``published_text``), never to guess one.
_META_DATES = ("article:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
               "publishdate", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date")
_trafilatura_config = None


def _extractor_config():
    """trafilatura's settings for kb: any article length (kb decides what is too short), and no
    date guessed from the text or the URL (a date is read from the page's markup or left out)."""
    global _trafilatura_config
    if _trafilatura_config is None:
        import logging

        from trafilatura.settings import use_config

        # trafilatura logs a warning for each page it finds no article in; kb reports that itself,
        # as one line naming the page, and a second line from a logger would break that rule
        logging.getLogger("trafilatura").addHandler(logging.NullHandler())
        logging.getLogger("trafilatura").propagate = False

        cfg = use_config()
        cfg.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
        cfg.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
        cfg.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
        _trafilatura_config = cfg
    return _trafilatura_config


def _meta_date(tree) -> str | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in _META_DATES and content:
            return content
    for time in tree.iter("time"):
        if (time.get("datetime") or "").strip():
            return time.get("datetime").strip()
    return None


# Page furniture trafilatura's own rules miss ("advert", "promo", a cookie dialog marked by its
# role): elements whose class or id words, or ARIA role, say what they are. Whole words only
# ("social-share" -> social, share), so an article about cookies keeps its paragraphs.
_FURNITURE_WORDS = frozenset({"share", "sharing", "social", "cookie", "cookies", "consent", "newsletter", "subscribe",
                              "subscription", "signup", "related", "recommended", "comments", "advert",
                              "advertisement", "ads", "ad", "promo", "sponsored", "breadcrumb", "breadcrumbs",
                              "sidebar", "navbar", "menu", "paywall", "popup", "modal", "banner", "masthead",
                              "toolbar", "outbrain", "taboola"})
_FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                              "alertdialog"})
_FURNITURE_TAGS = frozenset({"div", "section", "aside", "ul", "ol", "table", "span", "figure", "dl", "form", "p"})
_ATTR_WORDS = re.compile(r"[a-z0-9]+")


def _is_furniture(el) -> bool:
    if (el.get("role") or "").strip().lower() in _FURNITURE_ROLES:
        return True
    if (el.get("aria-hidden") or "").strip().lower() == "true":
        return True
    words = set(_ATTR_WORDS.findall(f"{el.get('class') or ''} {el.get('id') or ''}".lower()))
    return bool(words & _FURNITURE_WORDS)


def _drop_furniture(tree) -> None:
    doomed = [el for el in tree.iter(*_FURNITURE_TAGS) if _is_furniture(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which belongs to the parent


_BLOCKS = frozenset({"div", "p", "section", "article", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5",
                     "h6", "blockquote", "pre", "figure", "form", "header", "footer", "nav", "aside", "main"})


def _div_text_as_paragraphs(tree) -> None:
    """trafilatura keeps text in paragraphs and drops words sitting directly in a <div>; the
    content of a div that holds text and no other blocks moves into a <p> inside it (the div
    stays, so that its class and id still mark it as furniture)."""
    from lxml.html import Element

    for div in list(tree.iter("div")):
        if (div.text or "").strip() and not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in div):
            para = Element("p")
            para.text, div.text = div.text, None
            for child in list(div):
                para.append(child)  # moves it, with its tail
            div.append(para)


def _paragraphs(text: str, title: str | None) -> str:
    """trafilatura's text (one element a line) as kb's paragraphs (separated by a blank line),
    without the headline it repeats from the page's <h1>."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and " ".join(title.split()) == lines[0]:
        lines = lines[1:]
    return "\n\n".join(lines)


# characters XML 1.0 does not allow: C0 controls other than tab, newline and return, lone
# surrogates, and the two non-characters U+FFFE and U+FFFF
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def parse_html(text: str, origin: str, url: str | None = None) -> Article:
    """The article in an HTML page, read by trafilatura: the body text without navigation,
    headers, footers, share bars, cookie notices, adverts, related links and comments; the title,
    publication date (from the page's markup only, never guessed), authors, site name and
    canonical URL. A date the page gives that cannot be read is kept as text
    (``published_text``) with ``published`` left empty. ``url`` is where the page was fetched
    from; it is kept instead of the page's canonical URL."""
    import lxml.html
    from lxml.etree import ParserError
    import trafilatura

    # lxml parses control characters into the tree but refuses them when text is moved from one
    # element to another (ValueError "All strings must be XML compatible"); no page means them
    text = _XML_ILLEGAL.sub("", text)
    try:
        tree = lxml.html.document_fromstring(text)
    except (ParserError, ValueError):
        return Article(text="", origin=origin)
    raw_date = _meta_date(tree)
    _drop_furniture(tree)
    _div_text_as_paragraphs(tree)
    # precision over recall, and no fallback to "all the text of the body": a page of menus and
    # cookie notices has no article, and storing its furniture would be worse than refusing it
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                      favor_precision=True, fast=True,
                                      include_tables=True, deduplicate=False, config=_extractor_config(),
                                      date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None:
        return Article(text="", origin=origin, published_text=raw_date)
    title = " ".join((doc.title or "").split()) or None
    article = Article(text=_paragraphs(doc.text or "", title), title=title, origin=origin)
    article.url = url or doc.url or None
    article.source = doc.sitename or None
    article.authors = doc.author or None
    if doc.date:
        article.published_text = doc.date
        article.published = parse_date(doc.date)
    elif raw_date:
        article.published_text = raw_date
        article.published = parse_date(raw_date)
    return article


def page_article(data: bytes, label: str, *, url: str, charset: str | None = None, kind: str = "html",
                 max_chars: int | None = None) -> Article | InputError:
    """The article of a fetched web page (its bytes, and the charset its server named); ``kind``
    "text" for a plain-text answer."""
    limit = _resolve_limit(max_chars)
    warnings: list[str] = []
    text = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, warning = _decode(data)
        warnings += [warning] if warning else []
    if not text.strip():
        return InputError("empty page", path=label)
    if kind != "html":
        article = _one_article(text, label, "text", limit, warnings)
        if isinstance(article, Article):
            article.url = url
        return article
    text = normalise_text(text)
    article = parse_html(text, label, url=url)
    if not article.text:
        return InputError("no article text found in the page", path=label)
    article.warnings.extend(warnings)
    if article.published_text is not None and article.published is None:
        article.warnings.append(f"could not read the date {_show(article.published_text)}; left empty")
    return _finish(article, label, None, limit)
