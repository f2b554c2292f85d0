"""CSV input: a header naming a text column; records may span lines; bad records reported by line."""
from __future__ import annotations

import datetime
from pathlib import Path

from kb.errors import InputError
from kb.ingest.readers import Article, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
WIKINEWS = FIXTURES / "wikinews-sample.csv"  # Wikinews, CC BY 2.5, Wikinews contributors


def test_wikinews_sample():
    first, second = list(read_path(WIKINEWS))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.origin == f"{WIKINEWS}:2" and second.origin == f"{WIKINEWS}:41"
    assert first.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert first.url == (
        "https://en.wikinews.org//wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"
    )
    assert first.published == datetime.date(2019, 1, 4) and first.published_text == "2019-01-04"
    assert first.source is None
    # The date line that opens every Wikinews text is metadata, not body.
    assert first.text.startswith("An apartment building collapsed on Monday in Magnitogorsk")
    assert "Friday, January 4, 2019" not in first.text
    assert "\n\n\n" not in first.text and "\r" not in first.text
    assert second.text.startswith("A road accident followed by a fire on a Florida highway")
    assert second.published == datetime.date(2019, 1, 5)


def _write(tmp_path, content: str, name="in.csv") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    return path


def test_bad_records_are_reported_with_their_starting_line(tmp_path):
    path = _write(tmp_path, (
        "Title,Text,Published,Source\r\n"        # 1: header, any case
        'One,"First\r\nstory.",2024-11-08,AFP\r\n'  # 2-3
        "Two,too few fields\r\n"                 # 4: ragged
        "\r\n"                                   # 5: blank
        'Three,"Multi\nline\nstory",,,extra\r\n'  # 6-8: ragged, starts on 6
        "Four,,2024-01-01,X\r\n"                 # 9: empty text
        'Five,"Fifth story.",not a date,\r\n'    # 10
    ))
    results = list(read_path(path))
    summary = [(r.line, r.reason) if isinstance(r, InputError) else (r.origin, r.text) for r in results]
    assert summary == [
        (f"{path}:2", "First\nstory."),
        (4, "record has 2 fields but the header has 4"),
        (6, "record has 5 fields but the header has 4"),
        (9, "'text' is empty"),
        (f"{path}:10", "Fifth story."),
    ]
    first, last = results[0], results[-1]
    assert first.title == "One" and first.source == "AFP" and first.published == datetime.date(2024, 11, 8)
    assert last.published is None and last.source is None
    assert last.warnings == ["could not read the date 'not a date'; left empty"]


def test_date_column_and_optional_columns(tmp_path):
    path = _write(tmp_path, "text,date\nBody text.,\"November 08, 2024\"\n")
    [article] = list(read_path(path))
    assert article.published == datetime.date(2024, 11, 8)
    assert article.published_text == "November 08, 2024"
    assert article.title is None and article.url is None


def test_no_text_column_is_one_error(tmp_path):
    path = _write(tmp_path, "url,title,body\nhttps://x,Title,Body\nhttps://y,T2,B2\n")
    [error] = list(read_path(path))
    assert isinstance(error, InputError) and error.line == 1
    assert error.reason == "CSV header has no 'text' column (found 'url', 'title', 'body')"


def test_header_only_and_empty(tmp_path):
    [error] = list(read_path(_write(tmp_path, "url,text\n")))
    assert error.reason == "CSV has a header but no records"
    [error] = list(read_path(_write(tmp_path, "\n\n", name="blank.csv")))
    assert error.reason == "empty file"


def test_long_fields_pass_the_csv_module_limit(tmp_path):
    body = "word " * 60_000  # 300,000 characters: over the csv module's default 131,072
    path = _write(tmp_path, f'text\n"{body}"\nshort\n')
    long_one, short = list(read_path(path))
    assert isinstance(long_one, Article) and len(long_one.text) == len(body.strip())
    assert short.text == "short"
    too_long, short = list(read_path(path, max_chars=1000))
    assert isinstance(too_long, InputError) and too_long.line == 2
    assert too_long.reason.startswith("article is 299999 characters, over the limit of 1000")
    assert short.text == "short" and short.origin == f"{path}:3"


def test_windows_1252_record_gets_a_warning(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b"text,title\n\"caf\xe9 story\",plain\nok,fine\n")
    first, second = list(read_path(path))
    assert first.text == "café story" and first.warnings == ["not UTF-8; decoded as Windows-1252"]
    assert second.warnings == []
