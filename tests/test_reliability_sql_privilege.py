"""`kb sql` on PostgreSQL runs as a login role that can only read kb's tables (kb db grant-reader):
statements that would reach the server's files, programs or other sessions are refused by the
server's privileges, whatever the URL given is a superuser's."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from clikit import kb, kb_json
from conftest import PG_URL, _postgres_database
from test_reliability_inputs import messages

pytestmark = pytest.mark.skipif(not PG_URL, reason="KB_TEST_POSTGRES_URL is not set")


@pytest.fixture(scope="module")
def pg_db():
    yield from _postgres_database()


@pytest.fixture(scope="module")
def reader(pg_db):
    """A reader role of this module's own (roles are cluster-wide), made by the command."""
    role = f"kb_reader_{uuid.uuid4().hex[:10]}"
    assert kb("ingest", "-", db=pg_db, input="Germany and France signed a defence agreement in Berlin.").exit_code == 0
    res = kb("db", "grant-reader", role, db=pg_db)
    assert res.exit_code == 0, res.output
    yield role
    admin = create_engine(pg_db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


@pytest.fixture
def as_reader(reader, monkeypatch):
    monkeypatch.setenv("KB_READER_ROLE", reader)
    monkeypatch.delenv("KB_READER_URL", raising=False)
    return reader


def test_grant_reader_makes_a_login_role_that_only_reads(pg_db, reader):
    admin = create_engine(pg_db)
    with admin.connect() as conn:
        row = conn.execute(text("SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles "
                                "WHERE rolname = :r"), {"r": reader}).one()
        assert tuple(row) == (True, False, False, False)
        for role in ("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program", "pg_signal_backend"):
            assert not conn.execute(text("SELECT pg_has_role(:r, :g, 'MEMBER')"), {"r": reader, "g": role}).scalar()
        for rel in ("documents", "events", "event_view", "alembic_version"):
            assert conn.execute(text("SELECT has_table_privilege(:r, :t, 'SELECT')"), {"r": reader, "t": rel}).scalar()
            assert not conn.execute(text("SELECT has_table_privilege(:r, :t, 'INSERT, UPDATE, DELETE, TRUNCATE')"),
                                    {"r": reader, "t": rel}).scalar()
        # a table made later by the owner (a new migration) is readable without granting again
        conn.execute(text("CREATE TABLE later_table (x int)"))
        assert conn.execute(text("SELECT has_table_privilege(:r, 'later_table', 'SELECT')"), {"r": reader}).scalar()
        conn.rollback()
    admin.dispose()


def test_grant_reader_is_idempotent_and_takes_away_what_a_reader_must_not_have(pg_db, reader):
    admin = create_engine(pg_db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'GRANT pg_read_server_files TO "{reader}"'))
        conn.execute(text(f'ALTER ROLE "{reader}" CREATEDB'))
    res = kb("db", "grant-reader", reader, "--json", db=pg_db)
    assert res.exit_code == 0, res.output
    with admin.connect() as conn:
        assert not conn.execute(text("SELECT pg_has_role(:r, 'pg_read_server_files', 'MEMBER')"), {"r": reader}).scalar()
        assert not conn.execute(text("SELECT rolcreatedb FROM pg_roles WHERE rolname = :r"), {"r": reader}).scalar()
    admin.dispose()


def test_sql_connects_as_the_reader_not_as_the_superuser(pg_db, as_reader):
    [row] = kb_json("sql", "SELECT session_user AS s, current_user AS c", db=pg_db)
    assert row == {"s": as_reader, "c": as_reader}


def _admin_pid(pg_db) -> tuple:
    engine = create_engine(pg_db)
    conn = engine.connect()
    return engine, conn, conn.execute(text("SELECT pg_backend_pid()")).scalar()


def test_server_escapes_are_refused_and_write_nothing(pg_db, as_reader, tmp_path):
    os.chmod(tmp_path, 0o777)  # the server runs as another user: let it write here if it could
    program_out = tmp_path / "program.txt"
    copy_out = tmp_path / "copy.txt"
    engine, victim, pid = _admin_pid(pg_db)
    try:
        statements = [
            f"COPY (SELECT 1) TO PROGRAM 'id > {program_out}'",
            f"COPY (SELECT 1) TO '{copy_out}'",
            "SELECT pg_read_file('/etc/passwd')",
            "SELECT lo_import('/etc/passwd')",
            "SELECT pg_ls_dir('.')",
            "SELECT pg_reload_conf()",
            f"SELECT pg_terminate_backend({pid})",
            "SELECT set_config('role', 'postgres', false)",
            "SELECT set_config('session_authorization', 'postgres', false)",
            "SELECT query_to_xml('SELECT pg_read_file(''/etc/passwd'')', true, true, '')",
            f"SELECT query_to_xml('COPY (SELECT 1) TO PROGRAM ''id > {program_out}''', true, true, '')",
            "SELECT * FROM pg_stat_file('/etc/passwd')",
        ]
        for statement in statements:
            res = kb("sql", statement, db=pg_db)
            assert res.exit_code == 1, (statement, res.stdout)
            assert len(messages(res.stderr)) == 1, (statement, res.stderr)
            assert res.stdout == ""
        assert not program_out.exists() and not copy_out.exists()
        assert victim.execute(text("SELECT 1")).scalar() == 1  # the other session still lives
    finally:
        victim.close()
        engine.dispose()


def test_a_missing_reader_role_is_refused_with_how_to_make_one(pg_db, monkeypatch):
    monkeypatch.setenv("KB_READER_ROLE", f"kb_nobody_{uuid.uuid4().hex[:8]}")
    monkeypatch.delenv("KB_READER_URL", raising=False)
    res = kb("sql", "SELECT 1", db=pg_db)
    assert res.exit_code == 1
    [line] = messages(res.stderr)
    assert "kb db grant-reader" in line and "KB_READER_URL" in line


def test_a_superuser_given_as_the_reader_is_refused(pg_db, monkeypatch):
    monkeypatch.setenv("KB_READER_URL", pg_db)
    res = kb("sql", "SELECT 1", db=pg_db)
    assert res.exit_code == 1
    [line] = messages(res.stderr)
    assert "superuser" in line and "kb db grant-reader" in line


def test_the_readers_own_url_is_used_as_it_is(pg_db, reader, monkeypatch):
    """An analyst who has only the reader's URL passes it as --db; there is no owner to derive from."""
    monkeypatch.setenv("KB_READER_ROLE", f"kb_nobody_{uuid.uuid4().hex[:8]}")
    own = make_url(pg_db).set(username=reader).render_as_string(hide_password=False)
    assert kb_json("sql", "SELECT count(*) AS n FROM documents", db=own) == [{"n": 1}]


def test_statement_timeout(pg_db, as_reader):
    res = kb("sql", "SELECT pg_sleep(10)", "--timeout", "1", db=pg_db)
    assert res.exit_code == 1
    assert messages(res.stderr) == ["kb: query stopped after 1 s (time limit)"]


def test_limit_reads_only_what_it_shows_from_a_huge_result(pg_db, as_reader):
    """8M rows streamed: only limit + 1 reach the client, so memory stays small. The peak is the
    process's own high-water mark (VmHWM); ru_maxrss would count the test process it was forked
    from, since Linux keeps it across exec."""
    code = ("import resource, sys\n"
            "from kb.cli import app\n"
            "try:\n"
            "    app(sys.argv[1:])\n"
            "except SystemExit as e:\n"
            "    status = e.code\n"
            "try:\n"
            "    peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
            "except OSError:\n"
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print('maxrss_kb', peak, status, file=sys.stderr)\n")
    sql = "SELECT g, repeat('x', 100) AS pad FROM generate_series(1, 8000000) g"
    proc = subprocess.run([sys.executable, "-c", code, "sql", sql, "--limit", "5", "--json", "--db", pg_db],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "KB_READER_ROLE": as_reader})
    last = proc.stderr.strip().splitlines()[-1].split()
    assert last[0] == "maxrss_kb" and last[2] == "0", proc.stderr
    assert int(last[1]) < 200 * 1024, f"{int(last[1]) // 1024} MB"
    assert '"g": 5' in proc.stdout and '"g": 6' not in proc.stdout
