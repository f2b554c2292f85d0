"""What a new user meets first: --version, helps with examples and plain types, clear refusals."""
from __future__ import annotations

import re

import pytest

from clikit import kb
from kb import __version__

COMMANDS = [["ingest"], ["entities"], ["entities", "merge"], ["entities", "split"], ["entities", "rename"],
            ["entities", "alias", "add"], ["entity"], ["events"], ["quotes"], ["documents"], ["sql"], ["ask"],
            ["export"], ["serve"], ["schema"], ["db", "upgrade"], ["db", "downgrade"], ["db", "recount"],
            ["db", "current"]]


def test_version():
    res = kb("--version")
    assert res.exit_code == 0 and res.stdout.strip() == f"kb {__version__}"


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_help_has_examples_and_plain_types(command):
    res = kb(*command, "--help")
    assert res.exit_code == 0, res.output
    assert "Examples:" in res.stdout
    # each example is a real command line of this command
    examples = re.findall(r"^\s*(kb [^\n]+?)\s*$", res.stdout.split("Examples:")[1], re.M)
    assert examples and all(e.startswith("kb " + " ".join(command)) for e in examples), examples
    assert not re.search(r"<(bool|str|int|float|list\[[^\]]*\])[^>]*>", res.stdout), res.stdout


def test_ingest_help_names_formats_and_fields():
    text = " ".join(kb("ingest", "--help").stdout.split())
    for word in (".jsonl", ".csv", ".html", '"text"', "published", "url", "title", "source"):
        assert word in text, word


def test_no_progress_display_in_a_pipe(tmp_path):
    (tmp_path / "a.txt").write_text("Officials in Oslo met on Monday to discuss the budget.\n", encoding="utf-8")
    res = kb("ingest", str(tmp_path / "a.txt"), "--workers", "0", db=f"sqlite:///{tmp_path / 'kb.sqlite'}")
    assert res.exit_code == 0, res.output
    assert "ingesting" not in res.stderr and "\x1b" not in res.output
    assert res.stdout.startswith("documents: 1 added")


def test_quiet_ingest_prints_nothing_but_problems(tmp_path):
    (tmp_path / "a.txt").write_text("Officials in Oslo met on Monday to discuss the budget.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = kb("ingest", str(tmp_path), "--quiet", "--workers", "0", db=f"sqlite:///{tmp_path / 'kb.sqlite'}")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "empty.txt" in res.stderr

