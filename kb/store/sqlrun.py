"""`kb sql`: analysts' SQL, run on a connection the database itself keeps read-only."""
from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

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


def run_sql(sql: str, url: str | None = None, *, limit: int = 1000, timeout: float = 30.0) -> SqlResult:
    """Run one statement read-only; at most ``limit`` rows, at most ``timeout`` seconds."""
    url = database_url(url)
    # make sure the schema exists and is current before opening the read-only connection
    open_database(url).dispose()
    engine = make_engine(url, readonly=True)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                raw = conn.connection.driver_connection
                deadline = time.monotonic() + timeout
                # returning non-zero from the progress handler interrupts the statement
                raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
            else:
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(timeout * 1000)}")
            try:
                result = conn.exec_driver_sql(sql)
            except (OperationalError, ProgrammingError, DBAPIError) as exc:
                msg = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                low = msg.lower()
                if any(h in low for h in _WRITE_HINTS):
                    raise ReadOnlyError(f"kb sql is read-only: {msg}") from None
                if "interrupted" in low or "statement timeout" in low or "canceling statement" in low:
                    raise KBError(f"query stopped after {timeout:g} s (time limit)") from None
                if "one statement at a time" in low or "multiple commands" in low:
                    raise KBError("kb sql runs one statement at a time") from None
                raise KBError(f"SQL error: {msg}") from None
            if not result.returns_rows:
                conn.rollback()
                return SqlResult([], [], False)
            columns = list(result.keys())
            rows = [tuple(r) for r in result.fetchmany(limit + 1)]
            conn.rollback()
    finally:
        engine.dispose()
    return SqlResult(columns, rows[:limit], len(rows) > limit)
