"""Fixtures shared by the suite: databases on SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("KB_TEST_POSTGRES_URL")
# `kb sql` on PostgreSQL runs as a reader role (kb db grant-reader). Roles are cluster-wide, so
# this session's has a name of its own; every test database grants it SELECT on what it holds.
READER_ROLE = f"kb_reader_{uuid.uuid4().hex[:10]}"
if PG_URL:
    os.environ["KB_READER_ROLE"] = READER_ROLE
    os.environ.pop("KB_READER_URL", None)


@pytest.fixture(scope="session", autouse=True)
def _reader_role_dropped():
    yield
    if PG_URL:
        admin = create_engine(make_url(PG_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{READER_ROLE}"'))
        admin.dispose()


def _postgres_database():
    """Create a throw-away database on the test server; yield its URL; drop it."""
    admin_url = make_url(PG_URL)
    name = f"kb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name)
    from kb.store.reader import grant_reader

    new = create_engine(url)
    grant_reader(new, READER_ROLE)
    new.dispose()
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _backend(name: str, folder):
    """A fresh database URL on the named backend; PostgreSQL ones are dropped afterwards."""
    if name == "sqlite":
        yield f"sqlite:///{folder / 'kb.sqlite'}"
        return
    if not PG_URL:
        pytest.skip("KB_TEST_POSTGRES_URL is not set")
    yield from _postgres_database()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request, tmp_path_factory):
    """A fresh database on each backend, shared by the tests of one module."""
    yield from _backend(request.param, tmp_path_factory.mktemp("db"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database URL on each backend."""
    yield from _backend(request.param, tmp_path)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'kb.sqlite'}"


@pytest.fixture(scope="session")
def nlp():
    from kb.nlp.model import load_pipeline

    return load_pipeline()
