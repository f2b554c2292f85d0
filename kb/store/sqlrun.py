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
  and go on writing. Other drivers get a statement count instead. And the session's role is
  a reader (kb.store.reader): not a superuser, no way to the server's files, programs or other
  sessions, SELECT on kb's tables only; kb sql connects as that role, never as the owner.

Time and memory are bounded by the database too: SQLite stops at the deadline between two steps
of the query (a watchdog interrupts it; a progress handler checks), no value may exceed
``MAX_VALUE_BYTES`` (one ``randomblob(1e9)`` would otherwise run for seconds inside one step), and
a heap limit makes a query that needs more memory fail; PostgreSQL has a statement timeout and a
``work_mem``, and rows are streamed from the server and only ``limit + 1`` of them read.
"""
from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool

from ..errors import KBError, ReadOnlyError
from .db import database_url, make_engine, open_database
from .reader import READER_ROLE_ENV, READER_URL_ENV, DEFAULT_READER, reader_problems, reader_url as derive_reader_url

MAX_TIMEOUT = 24 * 3600.0
MAX_VALUE_BYTES = 50_000_000  # SQLite: no string or blob longer (a whole article is at most ~4 MB)
HEAP_LIMIT_BYTES = 512 * 1024 * 1024  # SQLite: what one query may allocate
WORK_MEM = "32MB"  # PostgreSQL: per sort or hash before it spills to disk
_PAGE = 10_000
# Functions no analyst query needs and that reach past the data: loading code, tokenizer pointers
# (fts3_tokenizer with two arguments installs one), files (sqlite3 shell's readfile/writefile/edit).
_UNSAFE_FUNCTIONS = {"load_extension", "fts3_tokenizer", "fts5", "readfile", "writefile", "edit", "fts5_api_from_db"}


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


def unsafe_function_guard(action, arg1, arg2, _db, _trigger):
    """An authorizer allowing everything but the unsafe functions (for Datasette's connections,
    which Datasette itself keeps read-only)."""
    if action == _A["FUNCTION"] and (arg2 or "").lower() in _UNSAFE_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def _sqlite_authorizer(sql: str, denied: list[str]):
    def authorize(action, arg1, arg2, _db, _trigger):
        if action == _A["FUNCTION"] and (arg2 or "").lower() in _UNSAFE_FUNCTIONS:
            if not denied:
                denied.append(f"the function {arg2.lower()}()")
            return sqlite3.SQLITE_DENY
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


def _reader_connection(url: str, reader: str | None):
    """An engine on the reader's connection for a PostgreSQL database, checked to be one: the
    explicit reader URL (``reader``, else KB_READER_URL); else ``url`` itself when its role is
    a safe reader; else ``url`` with the user replaced by KB_READER_ROLE (default kb_reader)."""
    reader = reader or os.environ.get(READER_URL_ENV) or None
    if reader is None:
        own = _readonly_engine(url)
        try:
            with own.connect() as conn:
                safe = not reader_problems(conn)
                conn.rollback()
        except (OperationalError, DBAPIError) as exc:
            own.dispose()
            raise KBError(f"cannot connect to the database: {_message(exc)}") from None
        if safe:
            return own
        own.dispose()
        role = os.environ.get(READER_ROLE_ENV) or DEFAULT_READER
        reader, derived = derive_reader_url(url, role), True
    else:
        derived = False
    engine = _readonly_engine(reader)
    name = make_url(reader).username or "(default user)"
    try:
        with engine.connect() as conn:
            problems = reader_problems(conn)
            conn.rollback()
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        msg = _message(exc)
        how = ("run `kb db grant-reader" + (f" {name}" if name != DEFAULT_READER else "") + "` as the database owner, "
               f"or set {READER_URL_ENV} (or --reader-url) to the reader's URL")
        if derived:
            raise KBError(f"kb sql on PostgreSQL runs as the reader role {name}, and it cannot connect "
                          f"({msg}); {how}") from None
        raise KBError(f"cannot connect as the reader ({msg}); {how}") from None
    if problems:
        engine.dispose()
        raise ReadOnlyError(f"refusing to run SQL as {problems[0]}; kb sql needs a role that can only read "
                            "(`kb db grant-reader` makes one)")
    return engine


def check_limits(limit: int, timeout: float) -> None:
    if limit < 0:
        raise KBError(f"--limit must be 0 or more, not {limit}")
    if not math.isfinite(timeout) or timeout <= 0 or timeout > MAX_TIMEOUT:
        raise KBError(f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, not {timeout}")


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
    if "string or blob too big" in low:
        return KBError(f"query stopped: a value over {MAX_VALUE_BYTES} bytes (memory limit)")
    if low.startswith("out of memory") or "memoryerror" in low:
        return KBError(f"query stopped: it needs more than {HEAP_LIMIT_BYTES // 2**20} MB (memory limit)")
    if "permission denied" in low or "must be superuser" in low or "must be owner" in low:
        return ReadOnlyError(f"kb sql may only read kb's tables: {msg}")
    return KBError(f"SQL error: {msg}")


def run_sql(sql: str, url: str | None = None, *, limit: int = 1000, timeout: float = 30.0,
            reader_url: str | None = None) -> SqlResult:
    """Run one statement read-only; at most ``limit`` rows, at most ``timeout`` seconds. On
    PostgreSQL it runs as the reader role (see ``_reader_connection``)."""
    check_limits(limit, timeout)
    url = database_url(url)
    # make sure the schema exists and is current before opening the read-only connection
    open_database(url, create=False).dispose()
    if make_url(url).get_backend_name() == "postgresql":
        engine = _reader_connection(url, reader_url)
    else:
        engine = _readonly_engine(url)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                return _run_sqlite(conn, sql, limit, timeout)
            return _run_server(conn, sql, limit, timeout)
    finally:
        engine.dispose()


def _take(fetchmany, limit: int) -> tuple[list[tuple], bool]:
    """At most ``limit`` rows (page by page: ``limit`` may be any size), and whether there were more."""
    rows: list[tuple] = []
    while len(rows) <= limit:
        page = fetchmany(min(_PAGE, limit + 1 - len(rows)))
        if not page:
            break
        rows += [tuple(r) for r in page]
    return rows[:limit], len(rows) > limit


def _fetch(conn, sql: str, limit: int) -> SqlResult:
    """Run through SQLAlchemy and keep at most ``limit`` rows, noting whether there were more."""
    result = conn.exec_driver_sql(sql)
    if not result.returns_rows:
        return SqlResult([], [], False)
    columns = list(result.keys())
    rows, more = _take(result.fetchmany, limit)
    result.close()
    return SqlResult(columns, rows, more)


def _run_sqlite(conn, sql: str, limit: int, timeout: float) -> SqlResult:
    raw = conn.connection.driver_connection
    deadline = time.monotonic() + timeout
    denied: list[str] = []
    # returning non-zero from the progress handler interrupts the statement; the watchdog stops
    # one whose single steps are long (the handler runs only between steps)
    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 1_000)
    watchdog = threading.Timer(timeout, raw.interrupt)
    watchdog.daemon = True
    length = raw.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    heap = raw.execute(f"PRAGMA hard_heap_limit={HEAP_LIMIT_BYTES}").fetchone()[0]  # process-wide: put back after
    raw.set_authorizer(_sqlite_authorizer(sql, denied))
    watchdog.start()
    try:
        try:
            return _fetch(conn, sql, limit)
        except (OperationalError, ProgrammingError, DBAPIError) as exc:
            raise _refusal(_message(exc), timeout, denied) from None
        except MemoryError:
            raise _refusal("MemoryError", timeout, denied) from None
    finally:
        watchdog.cancel()
        raw.set_authorizer(None)
        raw.set_progress_handler(None, 0)
        raw.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, length)
        raw.execute(f"PRAGMA hard_heap_limit={heap}")
        conn.rollback()


def _run_server(conn, sql: str, limit: int, timeout: float) -> SqlResult:
    conn.exec_driver_sql("SET TRANSACTION READ ONLY")
    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(timeout * 1000))}")
    conn.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
    raw = conn.connection.driver_connection
    psycopg3 = type(raw).__module__.split(".")[0] == "psycopg"
    try:
        if psycopg3:
            cur = raw.cursor()
            try:
                # Streamed a row at a time (the extended protocol: the server parses one command, or
                # refuses), so no more than limit + 1 rows ever reach this process; leaving the
                # stream early cancels the rest of the query on the server.
                rows: list[tuple] = []
                stream = cur.stream(sql)
                try:
                    for row in stream:
                        rows.append(tuple(row))
                        if len(rows) > limit:
                            break
                finally:
                    stream.close()
                if cur.description is None:
                    return SqlResult([], [], False)
                columns = [d.name for d in cur.description]
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
