"""Text from articles is printed as written: never read as rich markup, emoji codes or terminal
control sequences, in every command that shows stored text."""
from __future__ import annotations

import csv
import io
import json

import pytest

from clikit import kb
from kb.output import csv_cell, safe

HOSTILE = ('[red]now[/red] :x: [link=http://evil.example]click[/link] [/quote] '
           '\x1b[2J\x1b]0;pwned\x07 \u202eevil')
ARTICLE = (
    "Protesters rally in Lisbon\n\n"
    "LISBON, Portugal (AP) - Portuguese Foreign Minister Anna Kowalski met President Jorge Mendes in Lisbon "
    "on Monday, officials said.\n\n"
    f'Kowalski told reporters: "We reject the plan {HOSTILE} today."\n\n'
    "Mendes accused the opposition of blocking the budget.\n"
)
LITERALS = ["[red]now[/red]", ":x:", "[link=http://evil.example]click[/link]", "[/quote]"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{folder / 'kb.sqlite'}"
    res = kb("ingest", str(path), "--workers", "0", db=url)
    assert res.exit_code == 0, res.output
    return url


def assert_literal(output: str) -> None:
    for literal in LITERALS:
        assert literal in output, (literal, output)
    assert "\x1b" not in output and "\x07" not in output and "\u202e" not in output
    assert "\\x1b[2J" in output  # shown, as an escape a person can read


@pytest.mark.slow
@pytest.mark.parametrize("command", [
    ["quotes"],
    ["sql", "SELECT text FROM quotes"],
    ["ask", "What did Kowalski say?"],
])
def test_stored_markup_and_escapes_print_literally(hostile_db, command):
    res = kb(*command, db=hostile_db)
    assert res.exit_code == 0, res.output
    assert_literal(res.stdout.replace("\n", " ").replace("│", " "))


@pytest.mark.slow
def test_profile_and_events_survive_hostile_text(hostile_db):
    for command in (["events"], ["entity", "Kowalski"], ["documents"]):
        res = kb(*command, db=hostile_db)
        assert res.exit_code == 0, res.output
        assert "\x1b" not in res.stdout


@pytest.mark.slow
def test_json_keeps_the_text_exactly(hostile_db):
    res = kb("quotes", "--json", db=hostile_db)
    texts = [q["text"] for q in json.loads(res.stdout)]
    assert any(HOSTILE in t for t in texts), texts


def test_a_file_name_with_escapes_is_printed_safely(tmp_path):
    bad = tmp_path / "bad\x1b[2Jname.txt"
    bad.write_bytes(b"")
    res = kb("ingest", str(bad), db=f"sqlite:///{tmp_path / 'kb.sqlite'}")
    assert res.exit_code == 1
    assert "\x1b" not in res.stderr and "bad\\x1b[2Jname.txt" in res.stderr


def test_safe_shows_control_characters_and_keeps_text():
    assert safe("a\x1b[31mb\x07c\x9bd") == "a\\x1b[31mb\\x07c\\x9bd"
    assert safe("tab\tand\nnewline") == "tab\tand\nnewline"
    assert safe("one\ntwo", newlines=False) == "one two"
    assert safe("\u202eabc") == "\\u202eabc"
    assert safe(None) == ""


def test_csv_cells_lose_trailing_blank_lines_only():
    assert csv_cell("first line\nsecond line\n\n  \n") == "first line\nsecond line"
    from kb.output import to_csv

    rows = list(csv.reader(io.StringIO(to_csv([{"text": "a\n\nb  \n\n"}], ["text"]))))
    assert rows == [["text"], ["a\n\nb"]]
