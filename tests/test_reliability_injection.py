"""Hostile and odd strings in every option that reaches the database: quotes and SQL, LIKE
wildcards, backslashes, other scripts, very long text. Nothing changes in the database, and the
only failures are the documented one-line messages."""
from __future__ import annotations

import json
import random
import string
import subprocess
import sys

import pytest

from clikit import kb
from test_reliability_inputs import messages
from test_reliability_sql import state
from tests_data import seed_article, wikinews_sample

_r = random.Random(7)
LONG_QUESTION = " ".join("".join(_r.choice(string.ascii_letters) for _ in range(6)) for _ in range(15_000))

HOSTILE = [
    "'; DROP TABLE events; --",
    "Robert'); DELETE FROM entities;--",
    "' OR '1'='1",
    '" OR ""="',
    "1; UPDATE documents SET title = 'x'",
    "Venezuela' --",
    "%", "_", "%_%", "\\", "\\%", "'", '"', ";",
    "Пу́тин 北京 🙂 مرحبا \u202e Nicolás Maduro",
    "",
    "   ",
    "Venezuela " * 500,
    LONG_QUESTION,
    "A" * 100_000,
]

# command -> the arguments the string follows
COMMANDS = {
    "ask": ["ask"],
    "entity": ["entity"],
    "events --actor": ["events", "--actor"],
    "events --recipient": ["events", "--recipient"],
    "events --entity": ["events", "--entity"],
    "events --type": ["events", "--type"],
    "events --country": ["events", "--country"],
    "events --since": ["events", "--since"],
    "events --until": ["events", "--until"],
    "quotes --speaker": ["quotes", "--speaker"],
    "quotes --contains": ["quotes", "--contains"],
    "entities --name": ["entities", "--name"],
    "entities --type": ["entities", "--type"],
    "entities --country": ["entities", "--country"],
}


@pytest.fixture(scope="module")
def seeded(module_db_url):
    res = kb("ingest", str(seed_article()), str(wikinews_sample()), db=module_db_url)
    assert res.exit_code == 0, res.output
    return module_db_url


@pytest.mark.parametrize("command", list(COMMANDS))
def test_hostile_strings_change_nothing_and_fail_only_in_one_line(seeded, command):
    words = COMMANDS[command]
    before = state(seeded)
    for value in HOSTILE:
        res = kb(*words, value, "--json", db=seeded)  # exceptions propagate: a traceback fails the test
        assert res.exit_code in (0, 1), (command, value[:40], res.output[-300:])
        if res.exit_code == 0:
            json.loads(res.stdout)
        else:
            got = messages(res.stderr)
            assert got and all(m.startswith("kb: ") for m in got), (command, value[:40], res.stderr[-300:])
            if command != "ask":  # ask also says what it tried and gives an example
                assert len(got) == 1, (command, value[:40], got)
    assert state(seeded) == before


def test_ask_names_the_question_it_cannot_answer(seeded):
    for question in ("%", "\\", "?!"):
        res = kb("ask", question, db=seeded)
        assert res.exit_code == 1
        got = messages(res.stderr)
        assert got[0] == f"kb: cannot answer {question!r}: found nothing to look for"


def test_sql_in_a_question_is_only_words_to_search(seeded):
    # the full-text fallback searches "drop", "table", "events": words, never statements
    before = state(seeded)
    for question in ("'; DROP TABLE events; --", "Robert'); DELETE FROM entities;--", '" OR "1"="1', "NEAR(a b) OR *"):
        res = kb("ask", question, "--json", db=seeded)
        assert res.exit_code in (0, 1), res.output
        if res.exit_code == 0:
            assert isinstance(json.loads(res.stdout)["results"], list)
    assert state(seeded) == before


def test_the_quoted_names_are_just_names(seeded):
    """A name with SQL in it finds nothing rather than everything."""
    for name in ("' OR '1'='1", "%", "_", "Robert'); DELETE FROM entities;--"):
        res = kb("entities", "--name", name, "--json", db=seeded)
        assert res.exit_code == 0 and json.loads(res.stdout) == []
        res = kb("events", "--actor", name, "--json", db=seeded)
        assert res.exit_code == 0 and json.loads(res.stdout) == []
        res = kb("entity", name, db=seeded)
        assert res.exit_code == 1 and messages(res.stderr) == [f"kb: no entity named {name!r}"]
    # names are folded (case, accents, punctuation) before they are compared, never parsed
    res = kb("entity", "Venezuela' --", "--json", db=seeded)
    assert res.exit_code == 0 and json.loads(res.stdout)["name"] == "Venezuela"


def test_quote_search_takes_wildcards_literally(seeded):
    res = kb("quotes", "--contains", "%", "--json", db=seeded)
    assert res.exit_code == 0
    assert all("%" in q["text"] for q in json.loads(res.stdout))


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_date_option_that_is_not_a_date_is_refused(seeded, option):
    res = kb("events", option, "'; DROP TABLE events; --", db=seeded)
    assert res.exit_code == 1
    [message] = messages(res.stderr)
    assert message.startswith("kb: ") and option in message and "YYYY" in message


def test_an_argument_that_is_not_utf8_is_one_line(seeded):
    """Bytes that are not UTF-8 reach Python as lone surrogates; no database can take them."""
    res = subprocess.run([sys.executable.encode(), b"-m", b"kb", b"entity", b"caf\xe9", b"--db", seeded.encode()],
                         capture_output=True, timeout=120)
    assert b"Traceback" not in res.stderr
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1
