"""A Datasette plugin that `kb serve` registers: every connection Datasette opens gets the limits
`kb sql` sets on its own (see kb.serve). Imported only when Datasette is installed."""
from __future__ import annotations

import sqlite3

from datasette import hookimpl

from .store.sqlrun import MAX_VALUE_BYTES, unsafe_function_guard


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.set_authorizer(unsafe_function_guard)
