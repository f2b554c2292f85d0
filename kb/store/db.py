"""Opening a database: URL resolution, engine set-up, and bringing the schema up to date."""
from __future__ import annotations

import importlib.util
import os
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote
from typing import Iterator

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..errors import DatabaseError

DEFAULT_URL = "sqlite:///kb.sqlite"


def database_url(url: str | None = None) -> str:
    """--db, else KB_DATABASE_URL, else kb.sqlite in the working directory."""
    return url or os.environ.get("KB_DATABASE_URL") or DEFAULT_URL


def migrations_dir() -> Path:
    """The Alembic scripts: inside the installed package (kb.migrations), else the source tree."""
    spec = importlib.util.find_spec("kb.migrations")
    if spec and spec.submodule_search_locations:
        path = Path(list(spec.submodule_search_locations)[0])
        if (path / "env.py").exists():
            return path
    path = Path(__file__).resolve().parents[2] / "migrations"
    if (path / "env.py").exists():
        return path
    raise DatabaseError("the database migrations are missing from this installation of kb")


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers go on while ingest writes; the busy timeout makes a second writer wait
    # instead of failing with "database is locked".
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    try:
        cur.execute("PRAGMA journal_mode=WAL")  # persistent: one process setting it is enough
    except Exception:  # another process holds a lock while switching; it sets WAL itself
        pass
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    # SQLAlchemy, not the sqlite3 module, decides where transactions begin (see _sqlite_begin)
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn) -> None:
    """Writers take the write lock when they begin. A deferred transaction that reads first and
    writes later cannot wait for another writer in WAL mode (SQLITE_BUSY_SNAPSHOT comes back at
    once, whatever the busy timeout), so ingest sessions begin IMMEDIATE and wait their turn;
    readers begin deferred and never block a writer."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("kb_write") else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same database, for sessions that will write (ingest, curation)."""
    return engine.execution_options(kb_write=True)


def _readonly_uri(path: Path, immutable: bool = False) -> str:
    # the path percent-encoded: a "#" or "?" in it would otherwise end the file name and drop
    # mode=ro (opening, even creating, another file)
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def _connect_readonly(path: Path):
    """A read-only connection. A WAL database needs its -shm file, which a reader in a folder it
    cannot write cannot make; with no -wal file (nothing written and not yet checkpointed) and no
    writer able to make one, reading it as immutable is safe, so that is the fallback."""
    import sqlite3

    conn = sqlite3.connect(_readonly_uri(path), uri=True, check_same_thread=False)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        wal = path.with_name(path.name + "-wal")
        if "unable to open" not in str(exc) or (wal.exists() and wal.stat().st_size):
            raise
    return sqlite3.connect(_readonly_uri(path, immutable=True), uri=True, check_same_thread=False)


def sqlite_file(url: str | None) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory ones)."""
    try:
        parsed = make_url(database_url(url))
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def make_engine(url: str | None = None, *, readonly: bool = False, create: bool = True) -> Engine:
    """An engine on the database. ``create=False`` (commands that only read or correct) refuses
    a SQLite file that does not exist, where a mistyped --db would make an empty one."""
    url = database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r} (expected e.g. sqlite:///kb.sqlite)") from None
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if (readonly or not create) and db and db != ":memory:" and not Path(db).expanduser().is_file():
            raise DatabaseError(f"no database at {db}; check --db, or run `kb ingest` to make one")
        if readonly:
            if not db or db == ":memory:":
                raise DatabaseError(f"no database at {db!r}; run `kb ingest` first")
            # The read-only connection is made by SQLite itself, not by checking the SQL text.
            path = Path(db).expanduser().resolve()
            engine = create_engine("sqlite://", creator=lambda: _connect_readonly(path))
            event.listen(engine, "connect", lambda c, r: c.execute("PRAGMA busy_timeout=30000"))
            return engine
        if db and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"the driver for {parsed.drivername} is not installed ({exc.name}); "
                            "for PostgreSQL: pip install 'kb[postgres]'") from None
    return engine


def alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def _migrate(engine: Engine, direction: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config(engine)
    # Two commands opening a new database at once both find it behind; the write lock (SQLite)
    # or an advisory lock (PostgreSQL) makes the second wait, and Alembic, reading the version
    # inside the same transaction, then finds nothing left to do.
    with writer(engine).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copying it and dropping the old one; with foreign
            # keys enforced, that drop would cascade and delete every dependent row. The pragma
            # only takes effect outside a transaction, hence before the migration's own.
            # straight to the driver, which is in autocommit mode: no BEGIN may precede it
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:
                    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(27490)")
                cfg.attributes["connection"] = conn
                # checked under the lock: another process may have just created the schema
                from alembic.runtime.migration import MigrationContext

                if direction == "upgrade" and MigrationContext.configure(conn).get_current_revision() is None \
                        and "documents" in inspect(conn).get_table_names():
                    raise DatabaseError("the database has kb tables but no migration record; refusing to touch it")
                getattr(command, direction)(cfg, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(f"migration left {len(broken)} rows with broken references; rolled back")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic.util import CommandError

    try:
        _migrate(engine, "upgrade", revision)
    except CommandError as exc:
        raise DatabaseError(f"cannot upgrade to {revision!r}: {str(exc).splitlines()[0]}") from None


def downgrade(engine: Engine, revision: str) -> None:
    from alembic.util import CommandError

    try:
        _migrate(engine, "downgrade", revision)
    except CommandError as exc:
        raise DatabaseError(f"cannot downgrade to {revision!r}: {str(exc).splitlines()[0]}") from None


_REV = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)?['\"]?", re.M)


def script_head() -> str | None:
    """The newest migration, read from the scripts' revision lines without importing Alembic
    (which costs a tenth of a second on every command)."""
    revs, downs = set(), set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REV.findall(path.read_text(encoding="utf-8")))
        if found.get("revision"):
            revs.add(found["revision"])
            if found.get("down_revision"):
                downs.add(found["down_revision"])
    heads = revs - downs
    return heads.pop() if len(heads) == 1 else None


def _stamped_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except Exception:  # no table yet: a new database
            return None


def ensure_schema(engine: Engine) -> None:
    """Upgrade a database that is behind; refuse one that is newer than this code."""
    try:
        if _stamped_revision(engine) == script_head():
            return  # the common case, answered without loading Alembic
    except OperationalError as exc:
        raise DatabaseError(f"cannot open the database {engine.url!r}: {str(exc.orig).strip()}") from None
    try:
        current = current_revision(engine)
    except OperationalError as exc:
        raise DatabaseError(f"cannot open the database {engine.url!r}: {str(exc.orig).strip()}") from None
    head = head_revision()
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise DatabaseError(f"the database is at revision {current}, newer than this kb ({head}); "
                            "upgrade kb instead of touching the database")
    upgrade(engine)


def open_database(url: str | None = None, *, create: bool = True) -> Engine:
    """An engine on an up-to-date schema. ``create=False``: the database must exist already
    (SQLite), and one this process cannot write (a read-only folder or file) is opened read-only
    when its schema is current."""
    engine = make_engine(url, create=create)
    try:
        ensure_schema(engine)
    except DatabaseError as exc:
        if create or engine.dialect.name != "sqlite" or not any(
                h in str(exc) for h in ("unable to open", "readonly", "read-only")):
            raise
        engine.dispose()
        engine = make_engine(url, readonly=True)
        if _stamped_revision(engine) != script_head():
            engine.dispose()
            raise DatabaseError(f"{exc}; the database cannot be written here and its schema is not this kb's "
                                "(run `kb db upgrade` where it can be written)") from None
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back when it raises."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session:
        with session.begin():
            yield session


# PostgreSQL settings for a transaction of many short index lookups (kb ask: a few dozen
# statements of at most some thousand rows each, under 50 ms apiece), measured at a million
# events on a 2-core machine (BENCHMARKS.md section 6, ninth session):
# - plan_cache_mode: psycopg prepares a statement on the server once a connection has run it five
#   times, and PostgreSQL then keeps a generic plan, made without the values, when it guesses it
#   no dearer. For "events of these types at these places" the generic plan walked the whole type
#   index: 120 ms against 6 ms. A fresh `kb ask` never repeats a statement; `kb serve` and any
#   caller asking again on a pooled connection did. A custom plan costs ~1 ms to make.
# - max_parallel_workers_per_gather: the numbers of 1,300 documents (3,000 rows) took 18 ms with two
#   workers and 9 ms without; starting workers costs more than they save on rows this few, and
#   on a loaded machine they wait for a core.
# - jit: the full-text ranking passed jit_above_cost and spent 4-6 ms compiling for a sort of
#   a few ten thousand rows.
LOOKUP_SETTINGS = {"plan_cache_mode": "force_custom_plan", "max_parallel_workers_per_gather": "0", "jit": "off"}


@contextmanager
def lookup_settings(session: Session) -> Iterator[None]:
    """LOOKUP_SETTINGS for the statements run inside the block (PostgreSQL; elsewhere nothing),
    set for the session's transaction only and given back their values when the block ends."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    names = list(LOOKUP_SETTINGS)
    previous = session.execute(text("SELECT " + ", ".join(f"current_setting(:n{i})" for i in range(len(names)))),
                               {f"n{i}": n for i, n in enumerate(names)}).one()
    _set_local(session, dict(zip(names, LOOKUP_SETTINGS.values())))
    try:
        yield
    except DBAPIError:
        # the transaction is aborted: its rollback drops the settings, and no statement could
        # run to give them back
        raise
    except BaseException:
        _set_local(session, dict(zip(names, previous)))
        raise
    _set_local(session, dict(zip(names, previous)))


def _set_local(session: Session, settings: dict[str, str]) -> None:
    """``SET LOCAL`` of each setting, in one statement."""
    calls = ", ".join(f"set_config(:n{i}, :v{i}, true)" for i in range(len(settings)))
    params = {}
    for i, (name, value) in enumerate(settings.items()):
        params[f"n{i}"], params[f"v{i}"] = name, str(value)
    session.execute(text("SELECT " + calls), params)


# Key of the PostgreSQL advisory lock that serialises storing ("kb" in ASCII).
STORE_LOCK = 0x6B62


def lock_for_storing(session: Session) -> None:
    """Serialise writers on PostgreSQL until the transaction ends: several kb ingest processes
    (and curations) may share one server, and two of them must not both create the entity or
    document the other is creating, nor add to one entity's counts from stale reads. SQLite
    writers are serialised already (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": STORE_LOCK})
