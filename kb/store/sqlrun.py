"""`kb sql`: analysts' SQL, run on a connection the database itself keeps read-only.

Nothing here reads the statement to decide whether it writes; the database refuses:

- SQLite: the file is opened ``mode=ro``, and an authorizer on the connection allows only
  reading (SELECT, reads of tables and views, functions, WITH RECURSIVE, and pragmas that only
  report). ``mode=ro`` alone still lets a statement ATTACH a new file (creating it), VACUUM INTO
  a copy, create TEMP tables, or change connection pragmas; the authorizer refuses all of those.
  Python's sqlite3 runs one statement per call, so "SELECT 1; DELETE ..." is refused too.
- PostgreSQL: the session defaults to read-only transactions, the statement runs in a read-only
  transaction, and (with psycopg 3) it is sent as a prepared statement, which the server accepts
  only when it is a single command; so "COMMIT; DELETE ..." cannot end the read-only transaction
  and go on writing. Other drivers get a statement count instead.
"""
from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

from ..errors import KBError, ReadOnlyError
from .db import database_url, make_engine, open_database


@dataclass
class SqlResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool

    def unique_columns(self) -> list[str]:
        """Column names made unique ("start_char", "start_char_2"), so a join that selects two
        columns of one name loses neither in JSON or a table."""
        seen: dict[str, int] = {}
        out = []
        for c in self.columns:
            seen[c] = seen.get(c, 0) + 1
            out.append(c if seen[c] == 1 else f"{c}_{seen[c]}")
        return out

    def as_dicts(self) -> list[dict]:
        cols = self.unique_columns()
        return [dict(zip(cols, r)) for r in self.rows]


_WRITE_HINTS = ("readonly", "read-only", "read only", "attempt to write", "cannot execute", "not authorized")
_ONE_STATEMENT = "kb sql runs one statement at a time"


# --------------------------------------------------------------------------------------------
# SQLite: the authorizer

# Action codes of sqlite3_set_authorizer (https://sqlite.org/c3ref/c_alter_table.html). Numbers,
# not the sqlite3 module's names: since Python 3.11 that module also exports result codes, some
# with the same numbers.
_A = dict(CREATE_INDEX=1, CREATE_TABLE=2, CREATE_TEMP_INDEX=3, CREATE_TEMP_TABLE=4, CREATE_TEMP_TRIGGER=5,
          CREATE_TEMP_VIEW=6, CREATE_TRIGGER=7, CREATE_VIEW=8, DELETE=9, DROP_INDEX=10, DROP_TABLE=11,
          DROP_TEMP_INDEX=12, DROP_TEMP_TABLE=13, DROP_TEMP_TRIGGER=14, DROP_TEMP_VIEW=15, DROP_TRIGGER=16,
          DROP_VIEW=17, INSERT=18, PRAGMA=19, READ=20, SELECT=21, TRANSACTION=22, UPDATE=23, ATTACH=24,
          DETACH=25, ALTER_TABLE=26, REINDEX=27, ANALYZE=28, CREATE_VTABLE=29, DROP_VTABLE=30, FUNCTION=31,
          SAVEPOINT=32, COPY=0, RECURSIVE=33)
_ACTION_NAMES = {code: name.replace("_TEMP_", " TEMP ").replace("_VTABLE", " VIRTUAL TABLE").replace("_", " ")
                 for name, code in _A.items()}
_READING = {_A["SELECT"], _A["READ"], _A["FUNCTION"], _A["RECURSIVE"]}
# Reading a table-valued pragma (SELECT * FROM pragma_table_info('x')) makes SQLite declare the
# virtual table, which it reports as an UPDATE of the schema table; the connection is read-only
# and writable_schema cannot be set, so allowing that one is safe.
_SCHEMA_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}
# Pragmas that only report, with an argument naming what to report on.
_PRAGMAS_WITH_ARGUMENT = {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
                          "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check"}
# Pragmas that report a setting when given no value (and would change it when given one).
_PRAGMAS_TO_READ = _PRAGMAS_WITH_ARGUMENT | {
    "user_version", "schema_version", "application_id", "data_version", "page_count", "page_size",
    "freelist_count", "encoding", "journal_mode", "foreign_keys", "database_list", "collation_list",
    "function_list", "module_list", "pragma_list", "compile_options", "max_page_count", "auto_vacuum",
    "cache_size", "busy_timeout", "synchronous", "query_only", "case_sensitive_like", "recursive_triggers",
}


_STATEMENT_WORDS = {"CREATE", "DROP", "ALTER", "TEMP", "TEMPORARY", "TABLE", "VIEW", "INDEX", "UNIQUE", "TRIGGER",
                    "VIRTUAL", "VACUUM", "INTO", "ATTACH", "DETACH", "DATABASE", "BEGIN", "COMMIT", "END",
                    "ROLLBACK", "SAVEPOINT", "RELEASE", "REINDEX", "ANALYZE", "DEFERRED", "IMMEDIATE",
                    "EXCLUSIVE", "TRANSACTION", "INSERT", "REPLACE", "UPDATE", "DELETE", "FROM", "OR", "IF",
                    "NOT", "EXISTS"}
_LEADING_NOISE = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*", re.S)
_WORD_AT = re.compile(r"([A-Za-z]+)(?![\w.])\s*")


def _statement_words(sql: str) -> str:
    """The leading keywords of a statement ("CREATE TEMP TABLE", "VACUUM INTO"), or ""."""
    words: list[str] = []
    pos = _LEADING_NOISE.match(sql).end()
    while len(words) < 5 and (m := _WORD_AT.match(sql, pos)) and m.group(1).upper() in _STATEMENT_WORDS:
        word = m.group(1).upper()
        if word in ("TEMP", "TEMPORARY") and words[-1:] != ["CREATE"]:
            break  # "DETACH DATABASE temp": a name, not a keyword
        words.append(word)
        pos = m.end()
    return " ".join(w for w in words if w not in ("IF", "NOT", "EXISTS"))


def _sqlite_authorizer(sql: str, denied: list[str]):
    def authorize(action, arg1, arg2, _db, _trigger):
        if action in _READING:
            return sqlite3.SQLITE_OK
        if action == _A["UPDATE"] and (arg1 or "").lower() in _SCHEMA_TABLES:
            return sqlite3.SQLITE_OK
        if action == _A["PRAGMA"]:
            name = (arg1 or "").lower()
            if name in _PRAGMAS_WITH_ARGUMENT or (arg2 is None and name in _PRAGMAS_TO_READ):
                return sqlite3.SQLITE_OK
            what = f"PRAGMA {name}" + (f"={arg2}" if arg2 is not None else "")
        elif action in (_A["INSERT"], _A["UPDATE"], _A["DELETE"]) and (arg1 or "").lower() not in _SCHEMA_TABLES:
            what = f"{_ACTION_NAMES[action]} on {arg1}"
        else:  # statements: name them as written ("CREATE TEMP TABLE", "VACUUM INTO", "BEGIN")
            what = _statement_words(sql) or _ACTION_NAMES.get(action, f"action {action}")
        if not denied:
            denied.append(what)
        return sqlite3.SQLITE_DENY

    return authorize


# --------------------------------------------------------------------------------------------
# Counting statements, for PostgreSQL drivers that would run several

_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")


def statement_count(sql: str) -> int:
    """How many statements ``sql`` holds: semicolons outside quotes, comments and $$ bodies,
    with empty statements not counted."""
    count, i, n, content = 0, 0, len(sql), False
    while i < n:
        c = sql[i]
        if c in "'\"":
            end = i + 1
            while end < n:
                if sql[end] == c:
                    if end + 1 < n and sql[end + 1] == c:  # doubled quote inside
                        end += 2
                        continue
                    break
                if sql[end] == "\\" and c == "'" and i > 0 and sql[i - 1] in "eE":
                    end += 2
                    continue
                end += 1
            i, content = end + 1, True
        elif sql.startswith("--", i):
            nl = sql.find("\n", i)
            i = n if nl < 0 else nl + 1
        elif sql.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if sql.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif sql.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif c == "$" and (m := _DOLLAR_TAG.match(sql, i)) and not (i and (sql[i - 1].isalnum() or sql[i - 1] == "_")):
            close = sql.find(m.group(0), m.end())
            i, content = (n if close < 0 else close + len(m.group(0))), True
        elif c == ";":
            count += content
            content, i = False, i + 1
        else:
            content = content or not c.isspace()
            i += 1
    return count + content


# --------------------------------------------------------------------------------------------

def _readonly_engine(url: str):
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("psycopg", "psycopg2"):
        # every transaction of the session read-only, not only the one this module begins
        return create_engine(url, poolclass=NullPool,
                             connect_args={"options": "-c default_transaction_read_only=on"})
    return make_engine(url, readonly=True)


def _message(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else orig.__class__.__name__


def _refusal(msg: str, timeout: float, denied: list[str]) -> KBError:
    low = msg.lower()
    if denied:
        return ReadOnlyError(f"kb sql is read-only: {denied[0]} is not allowed")
    if "one statement at a time" in low or "multiple commands" in low:
        return KBError(_ONE_STATEMENT)
    if any(h in low for h in _WRITE_HINTS):
        return ReadOnlyError(f"kb sql is read-only: {msg}")
    if "interrupted" in low or "statement timeout" in low or "canceling statement" in low:
        return KBError(f"query stopped after {timeout:g} s (time limit)")
    return KBError(f"SQL error: {msg}")


def run_sql(sql: str, url: str | None = None, *, limit: int = 1000, timeout: float = 30.0) -> SqlResult:
    """Run one statement read-only; at most ``limit`` rows, at most ``timeout`` seconds."""
    url = database_url(url)
    # make sure the schema exists and is current before opening the read-only connection
    open_database(url).dispose()
    engine = _readonly_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                return _run_sqlite(conn, sql, limit, timeout)
            return _run_server(conn, sql, limit, timeout)
    finally:
        engine.dispose()


def _fetch(conn, sql: str, limit: int) -> SqlResult:
    """Run through SQLAlchemy and keep at most ``limit`` rows, noting whether there were more."""
    result = conn.exec_driver_sql(sql)
    if not result.returns_rows:
        return SqlResult([], [], False)
    columns = list(result.keys())
    rows = [tuple(r) for r in result.fetchmany(limit + 1)]
    result.close()
    return SqlResult(columns, rows[:limit], len(rows) > limit)


def _run_sqlite(conn, sql: str, limit: int, timeout: float) -> SqlResult:
    raw = conn.connection.driver_connection
    deadline = time.monotonic() + timeout
    denied: list[str] = []
    # returning non-zero from the progress handler interrupts the statement
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    raw.set_authorizer(_sqlite_authorizer(sql, denied))
    try:
        try:
            return _fetch(conn, sql, limit)
        except (OperationalError, ProgrammingError, DBAPIError) as exc:
            raise _refusal(_message(exc), timeout, denied) from None
    finally:
        raw.set_authorizer(None)
        raw.set_progress_handler(None, 0)
        conn.rollback()


def _run_server(conn, sql: str, limit: int, timeout: float) -> SqlResult:
    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
    raw = conn.connection.driver_connection
    psycopg3 = type(raw).__module__.split(".")[0] == "psycopg"
    try:
        if psycopg3:
            cur = raw.cursor()
            try:
                cur.execute(sql, prepare=True)  # the server parses one command, or refuses
                if cur.description is None:
                    return SqlResult([], [], False)
                columns = [d.name for d in cur.description]
                rows = [tuple(r) for r in cur.fetchmany(limit + 1)]
                return SqlResult(columns, rows[:limit], len(rows) > limit)
            except Exception as exc:  # psycopg.Error, not wrapped by SQLAlchemy here
                if not hasattr(exc, "sqlstate"):
                    raise
                raise _refusal(_message(exc), timeout, []) from None
            finally:
                cur.close()
        else:
            if statement_count(sql) > 1:
                raise KBError(_ONE_STATEMENT)
            try:
                return _fetch(conn, sql, limit)
            except (OperationalError, ProgrammingError, DBAPIError) as exc:
                raise _refusal(_message(exc), timeout, []) from None
    finally:
        conn.rollback()
