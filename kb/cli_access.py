"""`kb db grant-reader`: the PostgreSQL role analysts' SQL runs as.

Registered on the `kb db` app by the import at the end of kb/cli.py.
"""
from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from .errors import KBError
from .cli import DbOption, db_app, err, handled, out
from .output import to_json


@db_app.command("grant-reader")
@handled
def db_grant_reader(
    role: str = typer.Argument("kb_reader", help="The reader's login role"),
    password_env: Optional[str] = typer.Option(None, "--password-env", metavar="VAR", show_default=False,
                                               help="Give the role the password held in environment variable VAR"),
    db: Optional[str] = DbOption,
    as_json: bool = typer.Option(False, "--json", help="Print what was done as JSON"),
) -> None:
    """PostgreSQL: make ROLE a login role that can only read kb's tables and views (run as the owner; idempotent).

    kb sql connects as this role; teams give analysts its URL, e.g. postgresql+psycopg://kb_reader:PW@host/db."""
    from .store.db import make_engine, open_database
    from .store.reader import ReaderError, check_role_name, grant_reader, reader_url

    # refused before the database is opened (and its schema brought up to date)
    check_role_name(role)
    probe = make_engine(db, create=False)
    backend = probe.dialect.name
    probe.dispose()
    if backend != "postgresql":
        raise ReaderError("reader roles are for PostgreSQL; a SQLite file is opened read-only by kb sql itself")
    password = None
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise KBError(f"--password-env: the environment variable {password_env} is not set")
    engine = open_database(db, create=False)
    try:
        report = grant_reader(engine, role, password)
        url = reader_url(engine.url.render_as_string(hide_password=False), role)
    finally:
        engine.dispose()
    if as_json:
        sys.stdout.write(to_json(report.as_dict() | {"reader_url": url}) + "\n")
        return
    out.print(f"{'created' if report.created else 'updated'} role {role}: SELECT on {report.relations} tables and "
              f"views of {report.database}.{report.schema}, nothing else", markup=False, highlight=False)
    err.print(f"kb: readers connect with {url}" + (" (and the password)" if password else ""),
              markup=False, highlight=False)
