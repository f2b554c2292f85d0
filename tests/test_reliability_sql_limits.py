"""`kb sql` limits that limit (time inside long functions, value size, rows), unsafe SQLite
functions refused, and the odd arguments and paths that used to end in a traceback."""
from __future__ import annotations

import sqlite3
import time

import pytest

from clikit import kb, kb_json
from test_reliability_inputs import messages

ARTICLE = "Germany and France signed a defence agreement in Berlin on Tuesday."


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'kb.sqlite'}"
    assert kb("ingest", "-", "--workers", "0", db=url, input=ARTICLE).exit_code == 0
    return url


@pytest.mark.parametrize("statement,function", [
    ("SELECT fts3_tokenizer('simple')", "fts3_tokenizer"),
    ("SELECT load_extension('/nonexistent/x')", "load_extension"),
    ("SELECT * FROM (SELECT fts3_tokenizer('porter') AS p)", "fts3_tokenizer"),
])
def test_unsafe_functions_are_refused(seeded_sqlite, statement, function):
    res = kb("sql", statement, db=seeded_sqlite)
    assert res.exit_code == 1
    assert messages(res.stderr) == [f"kb: kb sql is read-only: the function {function}() is not allowed"]


def test_one_huge_function_value_stops_at_once(seeded_sqlite):
    """randomblob x6 ran 27 s past --timeout 3 to a MemoryError: no value may be that large."""
    blobs = "||".join(["randomblob(1e9)"] * 6)
    start = time.monotonic()
    res = kb("sql", f"SELECT length({blobs})", "--timeout", "3", db=seeded_sqlite)
    assert time.monotonic() - start < 3
    assert res.exit_code == 1
    assert messages(res.stderr) == ["kb: query stopped: a value over 50000000 bytes (memory limit)"]


def test_timeout_holds_when_single_steps_are_slow(seeded_sqlite):
    """Each row costs a long step (a 40 MB blob); the progress handler alone runs only between
    steps, every thousand of them, and would let this run for many seconds."""
    sql = ("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 400) "
           "SELECT sum(length(randomblob(40000000))) FROM r")
    start = time.monotonic()
    res = kb("sql", sql, "--timeout", "1", db=seeded_sqlite)
    took = time.monotonic() - start
    assert res.exit_code == 1
    assert messages(res.stderr) == ["kb: query stopped after 1 s (time limit)"]
    assert took < 2.5, took


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "1e300"])
def test_timeout_must_be_a_sane_number(seeded_sqlite, value):
    res = kb("sql", "SELECT 1", "--timeout", value, db=seeded_sqlite)
    assert res.exit_code == 1
    [line] = messages(res.stderr)
    assert line.startswith("kb: --timeout must be a number of seconds above 0 and at most 86400")


def test_the_largest_limit_means_all_rows(seeded_sqlite):
    big = "9223372036854775807"
    assert kb_json("sql", "SELECT 1 AS one UNION ALL SELECT 2", "--limit", big, db=seeded_sqlite) == [{"one": 1}, {"one": 2}]
    for command in (["events"], ["entities"], ["quotes"]):
        res = kb(*command, "--limit", big, "--json", db=seeded_sqlite)
        assert res.exit_code == 0, (command, res.output)


@pytest.mark.parametrize("folder", ["a#b", "x%41", "#mode=rwc"])
def test_paths_with_uri_characters_open_the_right_file_read_only(tmp_path, folder):
    db = tmp_path / folder / "kb.sqlite"
    url = f"sqlite:///{db}"
    assert kb("ingest", "-", "--workers", "0", db=url, input=ARTICLE).exit_code == 0
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert kb_json("sql", "SELECT count(*) AS n FROM documents", db=url) == [{"n": 1}]
    res = kb("sql", "DELETE FROM documents", db=url)
    assert res.exit_code == 1
    assert sorted(p.name for p in tmp_path.rglob("*") if not p.name.startswith("kb.sqlite-")) == \
        [n for n in before if not n.startswith("kb.sqlite-")]


@pytest.mark.parametrize("command", [["events"], ["entities"], ["quotes"], ["entity", "Germany"], ["sql", "SELECT 1"],
                                     ["ask", "agreements signed by Germany"], ["export"], ["schema"], ["db", "current"],
                                     ["entities", "rename", "Germany", "Deutschland"]])
def test_a_mistyped_database_path_is_not_created(tmp_path, command):
    db = tmp_path / "typo.sqlite"
    res = kb(*command, db=f"sqlite:///{db}")
    assert res.exit_code == 1
    assert messages(res.stderr) == [f"kb: no database at {db}; check --db, or run `kb ingest` to make one"]
    assert not db.exists()


def test_unsafe_functions_are_refused_by_kb_serve_connections():
    pytest.importorskip("datasette")
    from kb.serve_guard import prepare_connection

    conn = sqlite3.connect(":memory:")
    prepare_connection(conn)
    for statement in ("SELECT fts3_tokenizer('simple')", "SELECT load_extension('x')"):
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            conn.execute(statement)
    start = time.monotonic()
    with pytest.raises(sqlite3.DataError, match="too big"):
        conn.execute("SELECT length(" + "||".join(["randomblob(1e9)"] * 6) + ")")
    assert time.monotonic() - start < 1
    assert conn.execute("SELECT 1 + 1").fetchone() == (2,)


def test_grant_reader_refuses_a_bad_role_name_and_sqlite_before_touching_the_database(tmp_path):
    db = tmp_path / "kb.sqlite"
    res = kb("db", "grant-reader", "bad-name", db=f"sqlite:///{db}")
    assert messages(res.stderr) == ["kb: not a role name kb makes: 'bad-name' (letters, digits and _, not starting "
                                    "with a digit)"]
    assert not db.exists()
    assert kb("ingest", "-", "--workers", "0", db=f"sqlite:///{db}", input=ARTICLE).exit_code == 0
    res = kb("db", "grant-reader", db=f"sqlite:///{db}")
    assert res.exit_code == 1
    assert messages(res.stderr) == ["kb: reader roles are for PostgreSQL; a SQLite file is opened read-only by kb sql "
                                    "itself"]
