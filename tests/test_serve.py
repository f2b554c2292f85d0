"""kb serve: Datasette metadata from the schema, clear errors, and a real server on a loopback port."""
from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from clikit import kb
from kb import serve as kbserve
from kb.schema_doc import describe
from kb.store.db import open_database
from kb.store.models import Base
from kb.store.views import EXAMPLES, VIEWS
from test_views import SEED


def test_metadata_describes_tables_views_columns_and_queries(sqlite_url):
    engine = open_database(sqlite_url)
    meta = kbserve.metadata(describe(engine), "kb")
    engine.dispose()
    assert meta["title"] and list(meta["databases"]) == ["kb"]
    db = meta["databases"]["kb"]
    for v in VIEWS:
        assert db["tables"][v.name]["description"] == v.description
        assert db["tables"][v.name]["columns"] == {c.name: c.description for c in v.columns}
    for name, table in Base.metadata.tables.items():
        assert db["tables"][name]["description"] == table.comment
        for col in table.columns:
            if col.comment:
                assert db["tables"][name]["columns"][col.name] == col.comment
    assert db["tables"]["alembic_version"] == {"hidden": True}
    assert list(db["queries"]) == [e.name for e in EXAMPLES] + list(kbserve.SERVE_QUERIES)
    assert all(db["queries"][e.name] == {"title": e.title, "description": e.description, "sql": e.parameterised()}
               for e in EXAMPLES)
    # the sample names of docs/schema.md become form fields
    assert ":name" in db["queries"]["quotes_by_person"]["sql"] and "Maduro" not in db["queries"]["quotes_by_person"]["sql"]
    assert ":country" in db["queries"]["events_between_two_countries"]["sql"]
    assert all(":" in q["sql"] for q in kbserve.SERVE_QUERIES.values())
    # the front page names the views before the questions
    front = db["description_html"]
    assert [front.index(f'/kb/{v.name}"') for v in VIEWS] == sorted(front.index(f'/kb/{v.name}"') for v in VIEWS)
    assert max(front.index(f'/kb/{v.name}"') for v in VIEWS) < front.index("/kb/entity_profile")
    json.dumps(meta)  # what is written to the metadata file


def test_datasette_arguments_are_read_only(tmp_path):
    args = kbserve.datasette_args(tmp_path / "kb.sqlite", tmp_path / "m.json", "127.0.0.1", 8001)
    assert args[:3] == ["serve", "--immutable", str(tmp_path / "kb.sqlite")]
    assert args[args.index("--metadata") + 1] == str(tmp_path / "m.json")
    assert kbserve.database_name(Path("/x/kb.sqlite")) == "kb"


def test_postgresql_is_refused_in_one_line():
    res = kb("serve", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    assert res.exit_code == 1
    assert "Datasette needs a SQLite database" in res.stderr and "postgresql" in res.stderr
    assert "Traceback" not in res.output


def test_missing_database_file_is_refused(tmp_path):
    res = kb("serve", "--db", f"sqlite:///{tmp_path / 'none.sqlite'}")
    assert res.exit_code == 1 and "no database at" in res.stderr
    assert not (tmp_path / "none.sqlite").exists()  # serving never creates a database


def test_missing_datasette_is_one_clear_line(monkeypatch, sqlite_url):
    monkeypatch.setattr(kbserve, "datasette_available", lambda: False)
    assert kb("db", "upgrade", db=sqlite_url).exit_code == 0
    res = kb("serve", db=sqlite_url)
    assert res.exit_code == 1
    assert res.stderr.strip() == "kb: Datasette is not installed: pip install 'kb[serve]'"


def test_non_loopback_host_warns(monkeypatch, sqlite_url):
    monkeypatch.setattr(kbserve, "datasette_available", lambda: False)
    assert kb("db", "upgrade", db=sqlite_url).exit_code == 0
    res = kb("serve", "--host", "0.0.0.0", db=sqlite_url)
    assert "anyone who can reach it" in res.stderr
    assert kbserve.is_loopback("127.0.0.1") and kbserve.is_loopback("::1") and kbserve.is_loopback("localhost")
    assert not kbserve.is_loopback("0.0.0.0")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.loads(resp.read().decode("utf-8"))


@pytest.mark.skipif(importlib.util.find_spec("datasette") is None, reason="datasette is not installed (kb[serve])")
def test_kb_serve_runs_datasette(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    res = kb("ingest", str(SEED), db=url)
    assert res.exit_code == 0, res.output
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--db", url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        meta = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                meta = _get(f"{base}/-/metadata.json")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.3)
        assert meta is not None, f"server did not start: {proc.stdout.read().decode() if proc.poll() is not None else ''}"
        assert meta["title"] == kbserve.TITLE
        assert set(meta["databases"]["kb"]["queries"]) == {e.name for e in EXAMPLES} | set(kbserve.SERVE_QUERIES)
        rows = _get(f"{base}/kb/event_view.json?_shape=array&_size=100")
        assert any(r["count"] == 17 and r["location"] == "Caracas" for r in rows)
        quotes = _get(f"{base}/kb/quotes_by_person.json?_shape=array&name=Nicolas+Maduro")
        assert any("seal and strengthen" in q["text"] for q in quotes)
        # kb's guard is on Datasette's connections: no tokenizer pointers, no giant values
        for sql in ("select fts3_tokenizer('simple')", "select length(randomblob(1e9))"):
            with pytest.raises(urllib.error.HTTPError):
                _get(f"{base}/kb.json?sql={urllib.parse.quote(sql)}")
        assert _get(f"{base}/kb/quotes_by_person.json?_shape=array&name=Nobody") == []
        profile = _get(f"{base}/kb/entity_profile.json?_shape=array&name=maduro")
        assert [p["name"] for p in profile] == ["Nicolas Maduro"]
        located = _get(f"{base}/kb/located_events.json?_shape=array&country=ven")
        caracas = [r for r in located if r["location"] == "Caracas"]
        assert caracas and all(10 < r["latitude"] < 11 and -67.5 < r["longitude"] < -66.5 for r in caracas)
        plugins = [p["name"] for p in _get(f"{base}/-/plugins.json")]
        assert "datasette-cluster-map" in plugins  # draws located_events and event_view on a map
    finally:
        proc.terminate()
        try:
            output = proc.communicate(timeout=20)[0].decode()
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, output
    assert "read-only" in output
