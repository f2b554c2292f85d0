"""Bad input to `kb ingest`: every problem is one message naming the file (and line or record),
the other inputs are still stored, and the exit status says something failed.

BAD_INPUT below is the list a user sees; README-style documentation of the messages can be
taken from it. Warnings (a fallback decoding, an unreadable date, text that is not English)
store the article and leave the exit status 0.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text

from clikit import kb, kb_json

ARTICLE = "Germany and France signed a defence agreement in Berlin on Tuesday."
OTHER_ARTICLE = "Japan and India held talks in Tokyo on trade and security on Monday."


def messages(stderr: str) -> list[str]:
    """The messages on stderr, each rejoined should the console have wrapped it."""
    out: list[str] = []
    for line in stderr.splitlines():
        if line.startswith("kb: ") or not out:
            out.append(line)
        else:  # rich breaks a line at a space and leaves that space at its end
            out[-1] = out[-1].rstrip(" ") + " " + line
    return out


def ingest(db: str, *paths: str):
    res = kb("ingest", *paths, "--json", db=db)
    assert "Traceback" not in res.stderr, res.stderr
    return res, json.loads(res.stdout)


def rows(db: str, sql: str) -> list[dict]:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


# name -> (bytes, the exact messages that name it)
BAD_INPUT: dict[str, tuple[bytes, list[str]]] = {
    "empty.txt": (b"", ["kb: empty.txt: empty file"]),
    "blank.md": (b"  \n\n\t\n", ["kb: blank.md: empty file"]),
    "empty.jsonl": (b"", ["kb: empty.jsonl: empty file"]),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["kb: binary.txt: binary file, not text"]),
    "controls.txt": (bytes(range(1, 32)) * 40, ["kb: controls.txt: binary file, not text"]),
    "late-nul.txt": ((ARTICLE + " ").encode() * 200 + b"\x00tail",
                     ["kb: late-nul.txt: binary file, not text (it holds NUL bytes)"]),
    "broken.jsonl": (
        b'{"text": "Spain and Portugal signed a treaty in Lisbon on Monday."}\n'
        b'{not json\n'
        b'{"title": "no text here"}\n'
        b'{"text": 42}\n'
        b'["a", "list"]\n'
        b'{"text": "Chile met Peru.", "published": 20240101}\n'
        b'{"text": "   "}\n'
        b'{"text": "Kenya and Egypt signed a water accord.", "url": ["https://x"]}\n'
        b'{"text": "cut off\n',
        ["kb: broken.jsonl:2: not valid JSON: expecting property name enclosed in double quotes at column 2",
         "kb: broken.jsonl:3: missing 'text'",
         "kb: broken.jsonl:4: 'text' must be a string, not a number",
         "kb: broken.jsonl:5: expected a JSON object, found a list",
         "kb: broken.jsonl:6: 'published' must be a string, not a number",
         "kb: broken.jsonl:7: 'text' is empty",
         "kb: broken.jsonl:8: 'url' must be a string, not a list",
         "kb: broken.jsonl:9: not valid JSON: unterminated string starting at column 10"]),
    "nocolumn.csv": (b"url,title\nhttps://x.example,T\n",
                     ["kb: nocolumn.csv:1: CSV header has no 'text' column (found 'url', 'title')"]),
    "ragged.csv": (b'url,text\nhttps://a.example,"Spain and Portugal signed a treaty."\n'
                   b"https://b.example,too,many,fields\nhttps://c.example\nhttps://d.example,\n",
                   ["kb: ragged.csv:3: record has 4 fields but the header has 2",
                    "kb: ragged.csv:4: record has 1 field but the header has 2",
                    "kb: ragged.csv:5: 'text' is empty"]),
    "unclosed.csv": (b'url,text\nhttps://e.example,"Chile and Peru signed a deal in Lima.\nhttps://f.example,lost\n',
                     ["kb: unclosed.csv:2: bad CSV: a quoted field is never closed (the file ends inside it)"]),
    "header-only.csv": (b"url,text\n", ["kb: header-only.csv: CSV has a header but no records"]),
    "furniture.html": (b"<html><head><title>T</title><script>x()</script></head><body><nav>Menu</nav>"
                       b"<div class='cookie-banner'>We use cookies</div><footer>(c) 2024</footer></body></html>",
                       ["kb: furniture.html: no article text found in the page"]),
    "notes.pdf": (b"%PDF-1.4", ["kb: notes.pdf: unsupported file type '.pdf'; readable types are "
                                ".txt, .md, .markdown, .jsonl, .ndjson, .csv, .html, .htm"]),
}

# name -> (bytes, the exact warnings); these articles are stored and the exit status stays 0
WARNINGS: dict[str, tuple[bytes, list[str]]] = {
    "cp1252.txt": ("Caf\u00e9 owners in Paris protested on Monday against the new \u201cluxury\u201d tax."
                   .encode("cp1252"), ["kb: warning: cp1252.txt: not UTF-8; decoded as Windows-1252"]),
    "latin1.txt": (b"Caf\xe9 owners in Lyon\x81 protested on Tuesday against the rent rules.",
                   ["kb: warning: latin1.txt: not UTF-8; decoded as Latin-1"]),
    "dates.jsonl": (
        json.dumps({"text": "Chile and Peru held talks in Lima on Tuesday.", "published": "2024-02-30"}).encode()
        + b"\n" + json.dumps({"text": "Chile and Peru signed a deal in Lima on Friday.",
                              "published": "sometime last spring"}).encode() + b"\n",
        ["kb: warning: dates.jsonl:1: could not read the date '2024-02-30'; left empty",
         "kb: warning: dates.jsonl:2: could not read the date 'sometime last spring'; left empty"]),
}


def _write_all(tmp_path, cases):
    for name, (content, _) in cases.items():
        (tmp_path / name).write_bytes(content)


def test_every_bad_input_is_one_named_message_and_the_rest_is_stored(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write_all(tmp_path, BAD_INPUT)
    _write_all(tmp_path, WARNINGS)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "missing").mkdir()
    (tmp_path / "emptydir").mkdir()
    names = [*BAD_INPUT, *WARNINGS, "good.txt", "missing/none.txt", "emptydir"]
    res, report = ingest(sqlite_url, *names)
    assert res.exit_code == 1
    got = messages(res.stderr)
    expected_errors = [m for _, ms in BAD_INPUT.values() for m in ms] + [
        "kb: missing/none.txt: no such file",
        "kb: emptydir: folder holds no readable files (.txt, .md, .markdown, .jsonl, .ndjson, .csv, .html, .htm)"]
    expected_warnings = [m for _, ms in WARNINGS.values() for m in ms]
    assert sorted(m for m in got if not m.startswith("kb: warning:")) == sorted(expected_errors)
    assert sorted(m for m in got if m.startswith("kb: warning:")) == sorted(expected_warnings)
    assert report["failed"] == len(expected_errors)
    stored = {d["origin"] for d in kb_json("documents", db=sqlite_url)}
    assert stored == {"good.txt", "broken.jsonl:1", "ragged.csv:2", "cp1252.txt", "latin1.txt",
                      "dates.jsonl:1", "dates.jsonl:2"}
    assert report["added"] == len(stored)


def test_each_message_is_one_line_however_long(tmp_path, sqlite_url):
    """As in a pipe or a log file: no terminal, so no terminal width to wrap at."""
    import os
    import subprocess
    import sys

    deep = tmp_path / ("a-rather-long-folder-name-" * 3)
    deep.mkdir()
    bad = deep / "broken.jsonl"
    bad.write_bytes(b"{not json\n")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "KB_DATABASE_URL")}
    res = subprocess.run([sys.executable, "-m", "kb", "ingest", str(bad), "--db", sqlite_url], env=env,
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert res.stderr.splitlines() == [f"kb: {bad}:1: not valid JSON: expecting property name enclosed in "
                                       "double quotes at column 2"]


@pytest.mark.parametrize("name", list(BAD_INPUT))
def test_bad_input_alone_fails_with_its_message(tmp_path, sqlite_url, monkeypatch, name):
    """Each case on its own, next to a good file: status 1, its messages, the good file stored."""
    monkeypatch.chdir(tmp_path)
    content, expected = BAD_INPUT[name]
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(OTHER_ARTICLE, encoding="utf-8")
    res, report = ingest(sqlite_url, name, "good.txt")
    assert res.exit_code == 1
    assert [m for m in messages(res.stderr) if not m.startswith("kb: warning:")] == expected
    assert report["failed"] == len(expected)
    assert "good.txt" in {d["origin"] for d in kb_json("documents", db=sqlite_url)}


def test_warnings_alone_keep_exit_status_0(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write_all(tmp_path, WARNINGS)
    res, report = ingest(sqlite_url, *WARNINGS)
    assert res.exit_code == 0 and report["failed"] == 0 and report["added"] == 4
    assert sorted(messages(res.stderr)) == sorted(m for _, ms in WARNINGS.values() for m in ms)
    texts = {d["origin"]: d["text"] for d in rows(sqlite_url, "SELECT origin, text FROM documents")}
    assert texts["cp1252.txt"].startswith("Caf\u00e9 owners") and "\u201cluxury\u201d" in texts["cp1252.txt"]
    assert texts["latin1.txt"].startswith("Caf\u00e9 owners in Lyon\x81")


# --------------------------------------------------------------------------------------------
# Size

def test_a_5_mb_article_is_refused_by_name(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.txt").write_bytes(b"Germany signed a deal with France. " * 150_000)  # 5.25 MB
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    res, report = ingest(sqlite_url, "big.txt", "good.txt")
    assert res.exit_code == 1 and report["added"] == 1
    assert messages(res.stderr) == ["kb: big.txt: file is over 4000004 bytes, so its article is over the limit "
                                    "of 1000000 characters (set KB_MAX_ARTICLE_CHARS)"]


def test_the_limit_follows_KB_MAX_ARTICLE_CHARS_in_every_format(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KB_MAX_ARTICLE_CHARS", "100")
    long = "Germany and France signed a defence agreement in Berlin on Tuesday, officials said. " * 2
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    (tmp_path / "long.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"text": long}) + "\n",
                                         encoding="utf-8")
    res, report = ingest(sqlite_url, "long.txt", "long.jsonl")
    assert res.exit_code == 1 and report["added"] == 1
    n = len(long.strip())
    assert messages(res.stderr) == [
        f"kb: long.txt: article is {n} characters, over the limit of 100 (set KB_MAX_ARTICLE_CHARS)",
        f"kb: long.jsonl:2: article is {n} characters, over the limit of 100 (set KB_MAX_ARTICLE_CHARS)"]


def test_default_limit_fits_the_spacy_pipeline(nlp):
    from kb.ingest.readers import max_article_chars

    assert max_article_chars() <= nlp.max_length


def test_a_raised_limit_raises_the_pipeline_limit_too(nlp, monkeypatch):
    """Otherwise an article between spaCy's 1,000,000 characters and a raised limit stops the
    whole run with spaCy's ValueError [E088] and a traceback."""
    from kb.nlp.extract import Extractor

    monkeypatch.setenv("KB_MAX_ARTICLE_CHARS", "3000000")
    before = nlp.max_length
    try:
        assert Extractor(nlp).nlp.max_length >= 3_000_000
    finally:
        nlp.max_length = before


# --------------------------------------------------------------------------------------------
# HTML

PAGE = b"""<!DOCTYPE html><html><head><title>Pact signed - Example News</title>
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<script>var tracking = "<p>not text</p>";</script><style>p{color:red}</style></head>
<body><header><a href="/">Home</a> | <a href="/world">World</a></header>
<nav><ul><li>Politics</li><li>Sport</li></ul></nav>
<div class="cookie-banner" role="dialog"><p>We use cookies. <button>Accept</button></p></div>
<main><article><h1>Pact signed</h1>
<div class="share-bar social"><a href="#">Share on X</a><span>Share on Facebook</span></div>
<p>Germany and France signed a defence agreement in Berlin on Tuesday.</p>
<div class="newsletter-signup"><div><p>Get our newsletter</p></div><p>Subscribe now</p></div>
<p>Chancellor Olaf Scholz said the deal would make Europe safer.</p>
<aside>Most read: something else</aside>
<ul class="related-articles"><li><a href="/a">Related: other story</a></li></ul>
<div id="comments"><p>First!</p></div>
<div class="advert">Buy now</div>
</article></main>
<footer>Copyright 2024 Example News</footer></body></html>
"""


def test_html_keeps_the_article_and_drops_page_furniture(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_bytes(PAGE)
    res, report = ingest(sqlite_url, "page.html")
    assert res.exit_code == 0 and report["added"] == 1 and res.stderr == ""
    [doc] = rows(sqlite_url, "SELECT title, text, published FROM documents")
    assert doc["title"] == "Pact signed"  # the site name after the headline is not part of it
    assert doc["text"] == ("Germany and France signed a defence agreement in Berlin on Tuesday.\n\n"
                           "Chancellor Olaf Scholz said the deal would make Europe safer.")
    assert str(doc["published"]) == "2024-03-05"


def test_html_furniture_classes_do_not_swallow_the_rest(tmp_path):
    """Nested furniture loses nothing around it."""
    from kb.ingest.readers import parse_html

    page = ("<body><div class='share'><div><div>x</div></div>y</div><p>One.</p>"
            "<div class='share'>Two.</div><p>Three.</p><div>Four.</div></body>")
    assert parse_html(page, "p.html").text == "One.\n\nThree.\n\nFour."


# --------------------------------------------------------------------------------------------
# Dates: never invented

def test_unreadable_dates_are_kept_as_text_and_never_invented(tmp_path, db_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    long_date = "published sometime around the spring " * 8  # longer than the column (128)
    records = [
        {"text": "Chile and Peru held talks in Lima on Tuesday.", "published": "2024-02-30"},
        {"text": "Chile and Peru signed a deal in Lima on Friday.", "published": "sometime last spring"},
        {"text": "Kenya and Egypt signed a water accord in Cairo on Monday.", "published": "2024-13-01"},
        {"text": "Brazil and Argentina held talks in Brasilia on Monday.", "published": long_date},
    ]
    (tmp_path / "dates.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (tmp_path / "dates.csv").write_text("text,date\n\"Poland and Greece signed a trade pact on Monday.\","
                                        "31 Febtember 2024\n", encoding="utf-8")
    (tmp_path / "dated.html").write_text("<meta name='pubdate' content='yesterday-ish'>"
                                         "<p>Italy and Spain held talks in Rome on Wednesday.</p>", encoding="utf-8")
    res, report = ingest(db_url, "dates.jsonl", "dates.csv", "dated.html")
    assert res.exit_code == 0 and report["added"] == 6 and report["failed"] == 0
    shown = long_date.strip()[:57] + "..."
    assert sorted(messages(res.stderr)) == sorted([
        "kb: warning: dates.jsonl:1: could not read the date '2024-02-30'; left empty",
        "kb: warning: dates.jsonl:2: could not read the date 'sometime last spring'; left empty",
        "kb: warning: dates.jsonl:3: could not read the date '2024-13-01'; left empty",
        f"kb: warning: dates.jsonl:4: could not read the date '{shown}'; left empty",
        "kb: warning: dates.jsonl:4: the date text is over 128 characters; kept its first 128",
        "kb: warning: dates.csv:2: could not read the date '31 Febtember 2024'; left empty",
        "kb: warning: dated.html: could not read the date 'yesterday-ish'; left empty",
    ])
    docs = {d["origin"]: d for d in rows(db_url, "SELECT origin, published, published_text FROM documents")}
    assert all(d["published"] is None for d in docs.values())
    assert docs["dates.jsonl:1"]["published_text"] == "2024-02-30"
    assert docs["dates.jsonl:2"]["published_text"] == "sometime last spring"
    assert docs["dates.jsonl:4"]["published_text"] == long_date.strip()[:128]
    assert docs["dates.csv:2"]["published_text"] == "31 Febtember 2024"
    assert docs["dated.html"]["published_text"] == "yesterday-ish"
    # "on Tuesday" with no publication date to count from: no event gets a day made up for it
    dated = rows(db_url, "SELECT e.date FROM events e JOIN documents d ON d.id = e.document_id "
                         "WHERE e.date IS NOT NULL")
    assert dated == []


# --------------------------------------------------------------------------------------------
# Text a database cannot hold as given

def test_nul_characters_and_lone_surrogates_are_cleaned_not_fatal(tmp_path, db_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd.jsonl").write_text(
        '{"text": "Spain and Portugal signed\\u0000 a treaty in Lisbon on Monday.", "title": "T\\u0000"}\n'
        '{"text": "Chile and Peru met in Lima \\ud800 on Monday to discuss trade.", "source": "\\udfff"}\n'
        + json.dumps({"text": "Kenya and Egypt signed a water accord in Cairo.", "url": "https://x.example/" + "a" * 3000,
                      "source": "S" * 600}) + "\n", encoding="utf-8")
    res, report = ingest(db_url, "odd.jsonl")
    assert res.exit_code == 0 and report["added"] == 3, res.stderr
    assert sorted(messages(res.stderr)) == sorted([
        "kb: warning: odd.jsonl:1: the text held 1 NUL character; removed",
        "kb: warning: odd.jsonl:1: the title held 1 NUL character; removed",
        "kb: warning: odd.jsonl:2: the text held 1 invalid character (lone UTF-16 surrogates); replaced with U+FFFD",
        "kb: warning: odd.jsonl:2: the source held 1 invalid character (lone UTF-16 surrogates); replaced with U+FFFD",
        "kb: warning: odd.jsonl:3: the source is over 512 characters; kept its first 512",
        "kb: warning: odd.jsonl:3: the url is over 2048 characters; not kept",
    ])
    docs = {d["origin"]: d for d in rows(db_url, "SELECT origin, text, title, url, source FROM documents")}
    assert docs["odd.jsonl:1"]["text"] == "Spain and Portugal signed a treaty in Lisbon on Monday."
    assert docs["odd.jsonl:1"]["title"] == "T"
    assert "\ufffd" in docs["odd.jsonl:2"]["text"] and docs["odd.jsonl:2"]["source"] == "\ufffd"
    assert docs["odd.jsonl:3"]["url"] is None and len(docs["odd.jsonl:3"]["source"]) == 512


# --------------------------------------------------------------------------------------------
# Language

def _foreign():
    from tests_data import FIXTURES

    return FIXTURES / "reliability" / "foreign.jsonl"


def test_language_of_the_samples_and_of_foreign_text():
    from kb.errors import InputError
    from kb.ingest.language import detect_language, guess_language
    from kb.ingest.readers import iter_articles
    from tests_data import FIXTURES

    english = [a for a in iter_articles([str(FIXTURES / "readers")]) if not isinstance(a, InputError)]
    assert english and all(a.language == "en" for a in english)
    foreign = list(iter_articles([str(_foreign())]))
    assert len(foreign) == 10 and all(a.language == "other" for a in foreign)
    for line in _foreign().read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert guess_language(record["text"]).share < 0.1, record["lang"]
    assert detect_language(ARTICLE) == "en"
    assert detect_language("Vladimir Putin, Xi Jinping, Narendra Modi, Luiz Inacio Lula da Silva and Cyril "
                           "Ramaphosa attended the BRICS summit in Kazan.") == "en"  # names do not count
    assert detect_language("Russia and Venezuela signed 17 agreements.") == "und"  # too short to tell
    assert detect_language("") == "und" and detect_language("1234 5678") == "und"


def test_foreign_articles_are_flagged_by_name(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "foreign.jsonl").write_bytes(_foreign().read_bytes())
    res, report = ingest(sqlite_url, "foreign.jsonl")
    assert res.exit_code == 0 and report["failed"] == 0
    got = messages(res.stderr)
    assert len(got) == 10
    for n, message in enumerate(got, start=1):
        assert message.startswith(f"kb: warning: foreign.jsonl:{n}: does not look like English (")
        assert message.endswith("% common English words); stored without extracting facts")


def test_foreign_articles_are_stored_without_facts(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fr.jsonl").write_bytes(_foreign().read_bytes().splitlines(keepends=True)[0])
    (tmp_path / "en.txt").write_text(ARTICLE + " Chancellor Olaf Scholz said the deal would make Europe safer.",
                                     encoding="utf-8")
    res, report = ingest(sqlite_url, "fr.jsonl", "en.txt")
    assert res.exit_code == 0 and report["added"] == 2
    docs = {d["origin"]: d for d in rows(sqlite_url, """
        SELECT d.origin, d.language, (SELECT count(*) FROM sentences s WHERE s.document_id = d.id) AS sentences,
               (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) AS mentions,
               (SELECT count(*) FROM events e WHERE e.document_id = d.id) AS events
        FROM documents d""")}
    assert docs["fr.jsonl:1"] == {"origin": "fr.jsonl:1", "language": "other", "sentences": 0, "mentions": 0,
                                  "events": 0}
    assert docs["en.txt"]["language"] == "en" and docs["en.txt"]["events"] >= 1


# --------------------------------------------------------------------------------------------
# Duplicates

def test_the_same_article_twice_in_one_batch_is_stored_once(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace(" in ", "\nin ") + "\n", encoding="utf-8")  # re-wrapped
    (tmp_path / "c.jsonl").write_text((json.dumps({"text": OTHER_ARTICLE}) + "\n") * 2, encoding="utf-8")
    res, report = ingest(sqlite_url, "a.txt", "b.txt", "c.jsonl")
    assert res.exit_code == 0
    assert report["added"] == 2 and report["skipped"] == 2
    assert rows(sqlite_url, "SELECT origin FROM documents ORDER BY origin") == [{"origin": "a.txt"},
                                                                                 {"origin": "c.jsonl:1"}]


def test_a_skipped_repeat_is_named(tmp_path, sqlite_url, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    res, _ = ingest(sqlite_url, "a.txt", "b.txt")
    assert messages(res.stderr) == ["kb: warning: b.txt: same text as a.txt; skipped"]


# --------------------------------------------------------------------------------------------
# File names

def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_stored(tmp_path, sqlite_url, monkeypatch):
    import os

    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE, encoding="utf-8")
        (folder / os.fsdecode(b"empty\xe9.txt")).write_bytes(b"")
    except (OSError, UnicodeError):
        pytest.skip("this file system keeps only UTF-8 names")
    res, report = ingest(sqlite_url, "in")
    assert res.exit_code == 1 and report["added"] == 1
    assert messages(res.stderr) == ["kb: in/empty\\xe9.txt: empty file"]
    assert report["errors"] == ["in/empty\\xe9.txt: empty file"]
    assert rows(sqlite_url, "SELECT origin FROM documents") == [{"origin": "in/caf\\xe9.txt"}]
