"""Files, folders and stdin: choosing a reader, encodings, empty/binary/missing files, limits."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kb.errors import InputError, KBError
from kb.ingest.readers import Article, iter_articles, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SEED = FIXTURES / "russia-venezuela-deals-2024-11-08.txt"


def _only(items):
    [item] = list(items)
    return item


def _summary(items):
    return [(r.path, r.line, r.reason) if isinstance(r, InputError) else r.origin for r in items]


def test_folder_is_walked_recursively_sorted_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed story.", encoding="utf-8")
    (tmp_path / "b" / "a.md").write_text("A story.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    (tmp_path / "c.HTML").write_text("<p>Page.</p>", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    origins = _summary(iter_articles([str(tmp_path)]))
    assert origins == [
        f"{tmp_path / 'a.jsonl'}:1",
        f"{tmp_path / 'a.jsonl'}:2",
        str(tmp_path / "b" / "a.md"),
        str(tmp_path / "b" / "z.txt"),
        str(tmp_path / "c.HTML"),
    ]


def test_folder_without_readable_files(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    error = _only(iter_articles([str(tmp_path)]))
    assert isinstance(error, InputError) and error.path == str(tmp_path)
    assert error.reason.startswith("folder holds no readable files")


def test_missing_file_and_unsupported_type_do_not_stop_the_batch(tmp_path):
    missing = tmp_path / "nope.txt"
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    results = list(iter_articles([str(missing), str(pdf), str(SEED)]))
    assert _summary(results[:2]) == [
        (str(missing), None, "no such file"),
        (str(pdf), None, "unsupported file type '.pdf'; readable types are "
                         ".txt, .md, .markdown, .jsonl, .ndjson, .csv, .html, .htm"),
    ]
    assert str(results[0]) == f"{missing}: no such file"
    assert isinstance(results[2], Article) and results[2].source == "AFP"


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t \n"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".jsonl", ".csv", ".html"])
def test_empty_files(tmp_path, content, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    error = _only(read_path(path))
    assert isinstance(error, InputError) and error.reason == "empty file" and error.path == str(path)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv", ".html"])
def test_binary_files(tmp_path, suffix):
    path = tmp_path / f"data{suffix}"
    path.write_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 10)
    error = _only(read_path(path))
    assert isinstance(error, InputError) and error.reason == "binary file, not text"


def test_windows_1252_bom_and_crlf(tmp_path):
    cp1252 = tmp_path / "old.txt"
    cp1252.write_bytes("Caf\u00e9 \u201cquotes\u201d \u2014 dash.\r\nNext line.\r\n".encode("cp1252"))
    article = _only(read_path(cp1252))
    assert article.text == "Caf\u00e9 \u201cquotes\u201d \u2014 dash.\nNext line."
    assert article.warnings == ["not UTF-8; decoded as Windows-1252"]

    latin1 = tmp_path / "latin.txt"
    latin1.write_bytes(b"Undefined in 1252: \x81 and \xe9.")
    article = _only(read_path(latin1))
    assert article.text == "Undefined in 1252: \x81 and \u00e9."
    assert article.warnings == ["not UTF-8; decoded as Latin-1"]

    bom = tmp_path / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf# Title\r\n\r\nBody \xc3\xa9.\r\n")
    article = _only(read_path(bom))
    assert article.title == "Title" and article.text == "Body \u00e9." and article.warnings == []


def test_utf16_with_bom_is_text(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("# T\r\n\r\nWindows \u201cUnicode\u201d text.\r\n".encode("utf-16"))
    article = _only(read_path(path))
    assert article.title == "T" and article.text == "Windows \u201cUnicode\u201d text."


def test_size_limit_parameter_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "long.txt"
    path.write_text("x" * 120, encoding="utf-8")
    error = _only(read_path(path, max_chars=100))
    assert isinstance(error, InputError)
    assert error.reason == "article is 120 characters, over the limit of 100 (set KB_MAX_ARTICLE_CHARS)"
    monkeypatch.setenv("KB_MAX_ARTICLE_CHARS", "100")
    assert isinstance(_only(iter_articles([str(path)])), InputError)
    monkeypatch.setenv("KB_MAX_ARTICLE_CHARS", "200")
    assert isinstance(_only(iter_articles([str(path)])), Article)
    # A file too large to hold an article under the limit is refused before it is read whole.
    error = _only(read_path(path, max_chars=10))
    assert error.reason == "file is over 44 bytes, so its article is over the limit of 10 characters " \
                           "(set KB_MAX_ARTICLE_CHARS)"


def test_bad_limit_in_environment_is_a_kb_error(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(KBError, match="KB_MAX_ARTICLE_CHARS must be a positive whole number"):
        list(iter_articles([str(SEED)]))


def test_stdin_plain_and_marked():
    article = _only(iter_articles(["-"], stdin=io.StringIO(SEED.read_text(encoding="utf-8"))))
    assert article.origin == "<stdin>" and article.source == "AFP" and "Kryazhev" not in article.text
    article = _only(iter_articles(["-"], stdin=io.StringIO("\ufeffJust some text.\r\n")))
    assert article.text == "Just some text." and article.title is None


def test_stdin_json_lines():
    lines = "\n\n" + json.dumps({"text": "one"}) + "\n" + "oops\n" + json.dumps({"text": "two"}) + "\n"
    results = list(iter_articles(["-"], stdin=io.StringIO(lines)))
    assert _summary(results) == [
        "<stdin>:3",
        ("<stdin>", 4, "not valid JSON: expecting value at column 1"),
        "<stdin>:5",
    ]


def test_stdin_empty_and_read_once():
    assert _only(iter_articles(["-"], stdin=io.StringIO("  \n"))).reason == "empty file"
    results = list(iter_articles(["-", "-"], stdin=io.StringIO("Text.")))
    assert isinstance(results[0], Article)
    assert results[1].reason == "stdin given more than once; it can be read only once"


def test_stdin_bytes_are_decoded_like_files():
    class FakeStdin(io.TextIOWrapper):
        pass

    stdin = FakeStdin(io.BytesIO(b"caf\xe9 story"), encoding="utf-8")
    article = _only(iter_articles(["-"], stdin=stdin))
    assert article.text == "café story" and article.warnings == ["not UTF-8; decoded as Windows-1252"]


def test_file_without_suffix_is_sniffed(tmp_path):
    jsonl = tmp_path / "feed"
    jsonl.write_text('  {"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    assert [a.text for a in read_path(jsonl)] == ["one", "two"]
    plain = tmp_path / "article"
    plain.write_text("Plain words.", encoding="utf-8")
    assert _only(read_path(plain)).text == "Plain words."


def test_a_folder_given_to_read_path(tmp_path):
    error = _only(read_path(tmp_path))
    assert isinstance(error, InputError) and error.reason == "is a folder, not a file"
