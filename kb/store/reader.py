"""The PostgreSQL role that analysts' SQL runs as: it logs in, reads kb's tables and views, and
can do nothing else.

A read-only transaction is not least privilege: a superuser in one still runs ``COPY ... TO
PROGRAM`` (a shell command on the server), reads server files with ``pg_read_file``, and ends
other sessions. ``SET ROLE`` inside a superuser's session is not enough either: one statement can
switch back (``set_config('role', ...)``). So ``kb sql`` connects *as* a login role that is not a
superuser, belongs to none of the roles that reach the server's files, programs or other sessions,
and holds SELECT on kb's tables and views only. ``grant_reader`` makes that role (idempotent);
``reader_problems`` is what ``kb sql`` checks on every connection before it runs anything.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from ..errors import KBError

DEFAULT_READER = "kb_reader"
READER_URL_ENV = "KB_READER_URL"
READER_ROLE_ENV = "KB_READER_ROLE"

# Predefined roles that reach past the database's tables: the server's files and programs, other
# sessions, every table of every schema, the server's settings.
UNSAFE_ROLES = ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program", "pg_signal_backend",
                "pg_read_all_data", "pg_write_all_data", "pg_read_all_settings", "pg_monitor", "pg_checkpoint")
_ROLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class ReaderError(KBError):
    pass


@dataclass
class GrantReport:
    role: str
    created: bool
    database: str
    schema: str
    relations: int

    def as_dict(self) -> dict:
        return {"role": self.role, "created": self.created, "database": self.database, "schema": self.schema,
                "relations": self.relations}


def check_role_name(role: str) -> str:
    if not _ROLE_NAME.fullmatch(role or ""):
        raise ReaderError(f"not a role name kb makes: {role!r} (letters, digits and _, not starting with a digit)")
    return role


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def reader_url(owner_url: str, role: str) -> str:
    """The URL of the same database as ``role``: the user replaced, the owner's password dropped
    (it is not the reader's)."""
    return make_url(owner_url).set(username=role, password=None).render_as_string(hide_password=False)


def _kb_relations() -> list[str]:
    from .models import Base
    from .views import VIEW_NAMES

    return sorted(Base.metadata.tables) + ["alembic_version"] + list(VIEW_NAMES)


def grant_reader(engine: Engine, role: str = DEFAULT_READER, password: str | None = None) -> GrantReport:
    """Make ``role`` a login role that can only read kb's tables and views in this database; run
    again at will (it also takes away what a reader must not have). Needs a superuser, or an owner
    of kb's tables who may create roles."""
    check_role_name(role)
    if engine.dialect.name != "postgresql":
        raise ReaderError("reader roles are for PostgreSQL; a SQLite file is opened read-only by kb sql itself")
    r = _ident(role)
    with engine.begin() as conn:
        me = conn.execute(text("SELECT current_user")).scalar()
        if me == role:
            raise ReaderError(f"{role!r} is the role you are connected as; connect as the database owner")
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar() is not None
        attrs = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
        secret = ""
        if password is not None:
            secret = " PASSWORD " + conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar()
        conn.exec_driver_sql(f"{'ALTER' if exists else 'CREATE'} ROLE {r} {attrs}{secret}")
        # memberships that reach files, programs or other sessions go (direct grants only can be
        # revoked here; an inherited one is refused by reader_problems)
        for unsafe in conn.execute(text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :r AND g.rolname = ANY(:unsafe)"),
                {"r": role, "unsafe": list(UNSAFE_ROLES)}).scalars():
            conn.exec_driver_sql(f"REVOKE {_ident(unsafe)} FROM {r}")
        database = conn.execute(text("SELECT current_database()")).scalar()
        schema = conn.execute(text("SELECT current_schema()")).scalar()
        conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {_ident(database)} TO {r}")
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_ident(schema)} TO {r}")
        present = set(conn.execute(text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :s AND c.relkind IN ('r', 'v', 'm', 'p')"), {"s": schema}).scalars())
        relations = [t for t in _kb_relations() if t in present]
        for rel in relations:
            conn.exec_driver_sql(f"GRANT SELECT ON {_ident(schema)}.{_ident(rel)} TO {r}")
        # tables and views a later migration (re)creates, as this role, are readable too
        conn.exec_driver_sql(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {_ident(schema)} GRANT SELECT ON TABLES TO {r}")
        # a psql session on the reader's URL is read-only too
        conn.exec_driver_sql(f"ALTER ROLE {r} IN DATABASE {_ident(database)} SET default_transaction_read_only = on")
    return GrantReport(role=role, created=not exists, database=database, schema=schema, relations=len(relations))


def reader_problems(conn: Connection) -> list[str]:
    """Why the session's role is not a safe reader ([] when it is): a superuser, a member of a
    role reaching the server, or allowed to change kb's tables."""
    row = conn.execute(text("SELECT current_user, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles "
                            "WHERE rolname = current_user")).one()
    user, superuser, createrole, bypassrls = row
    problems = []
    if superuser:
        problems.append(f"{user} is a superuser")
    if createrole:
        problems.append(f"{user} may create roles")
    if bypassrls:
        problems.append(f"{user} bypasses row security")
    for role in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) "
                                  "AND pg_has_role(current_user, oid, 'USAGE')"), {"names": list(UNSAFE_ROLES)}).scalars():
        problems.append(f"{user} is a member of {role}")
    writable = conn.execute(text(
        "SELECT c.relname FROM pg_class c WHERE c.relname IN ('documents', 'events', 'entities') "
        "AND c.relnamespace = to_regnamespace(current_schema())::oid "
        "AND (pg_has_role(current_user, c.relowner, 'USAGE') "
        "OR has_table_privilege(current_user, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')) LIMIT 1")).scalar()
    if writable:
        problems.append(f"{user} may change kb's tables ({writable})")
    return problems
