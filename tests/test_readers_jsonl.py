"""JSON-lines input: one article per line, bad lines reported with their number."""
from __future__ import annotations

import datetime
import json
import tracemalloc

from kb.errors import InputError
from kb.ingest.readers import Article, read_path


def _write(tmp_path, lines, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_lines(tmp_path):
    path = _write(tmp_path, [
        json.dumps({"text": "First story.", "url": "https://a.example/1", "title": "One",
                    "published": "2024-11-08", "source": "AFP", "extra": [1, 2]}),
        "",
        json.dumps({"text": "Friday, January 4, 2019\n\n\nSecond story.", "date": "January 4, 2019", "url": None}),
    ], name="in.ndjson")
    first, second = list(read_path(path))
    assert first == Article(text="First story.", title="One", url="https://a.example/1",
                            published=datetime.date(2024, 11, 8), published_text="2024-11-08",
                            source="AFP", origin=f"{path}:1")
    assert second.text == "Second story."  # the leading date line is not body text
    assert second.published == datetime.date(2019, 1, 4)
    assert second.published_text == "January 4, 2019"
    assert second.origin == f"{path}:3" and second.url is None


def test_bad_lines_are_reported_and_reading_goes_on(tmp_path):
    path = _write(tmp_path, [
        '{"text": "ok 1"}',
        '{"text": "broken',
        '["a", "list"]',
        '{"title": "no text"}',
        '{"text": ""}',
        '{"text": 42}',
        '{"text": "ok 2", "url": 7}',
        '{"text": "ok 3", "published": "2024-02-30"}',
        "   ",
        "null",
    ])
    results = list(read_path(path))
    summary = [(r.line, r.reason) if isinstance(r, InputError) else r.text for r in results]
    assert summary == [
        "ok 1",
        (2, "not valid JSON: unterminated string starting at column 10"),
        (3, "expected a JSON object, found a list"),
        (4, "missing 'text'"),
        (5, "'text' is empty"),
        (6, "'text' must be a string, not a number"),
        (7, "'url' must be a string, not a number"),
        "ok 3",
        (10, "expected a JSON object, found null"),
    ]
    assert all(r.path == str(path) for r in results if isinstance(r, InputError))
    assert str(results[1]) == f"{path}:2: not valid JSON: unterminated string starting at column 10"
    impossible = results[7]
    assert impossible.published is None and impossible.published_text == "2024-02-30"
    assert impossible.warnings == ["could not read the date '2024-02-30'; left empty"]


def test_only_blank_lines_is_empty_file(tmp_path):
    path = _write(tmp_path, ["", "  ", ""])
    [error] = list(read_path(path))
    assert isinstance(error, InputError) and error.reason == "empty file" and error.line is None


def test_crlf_bom_and_windows_1252_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "caf\xc3\xa9"}\r\n{"text": "na\xefve \x93quoted\x94"}\r\n')
    first, second = list(read_path(path))
    assert first.text == "café" and first.warnings == []
    assert second.text == "naïve \u201cquoted\u201d"
    assert second.warnings == ["not UTF-8; decoded as Windows-1252"]


def test_size_limit_per_line(tmp_path):
    path = _write(tmp_path, [json.dumps({"text": "x" * 50}), json.dumps({"text": "short"})])
    error, ok = list(read_path(path, max_chars=10))
    assert isinstance(error, InputError) and error.line == 1
    assert error.reason == "article is 50 characters, over the limit of 10 (set KB_MAX_ARTICLE_CHARS)"
    assert ok.text == "short"


def test_large_file_is_streamed(tmp_path):
    # 25,000 lines of ~280 bytes: reading them all into memory would take several times the
    # file's size; streaming needs about one line and a read buffer.
    path = tmp_path / "big.jsonl"
    story = "The central bank held rates steady on Thursday, citing slowing inflation. " * 3
    with path.open("w", encoding="utf-8") as fh:
        for i in range(25_000):
            fh.write(json.dumps({"text": f"Story {i}. {story}", "url": f"https://x.example/{i}"}) + "\n")
    size = path.stat().st_size
    assert size > 6_000_000
    items = read_path(path)
    first = next(items)  # the first article arrives before the file is read through
    assert first.text.startswith("Story 0. The central bank")
    tracemalloc.start()
    try:
        count = 1 + sum(1 for item in items if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 25_000
    assert peak < 1_000_000, f"peak {peak} bytes while reading a {size}-byte file"
