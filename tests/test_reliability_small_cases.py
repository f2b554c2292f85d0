"""Small cases that used to end in a traceback, a wrong hint or silence: migrations by a wrong
name, a newer database, a read-only folder, curations with empty or unknown names, a full disk,
an unreadable subfolder."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess

import pytest
from sqlalchemy.exc import OperationalError

from clikit import kb, kb_json
from test_reliability_inputs import messages

ARTICLE = ("Germany and France signed a defence agreement in Berlin on Tuesday. Chancellor Olaf Scholz, "
           "also called Scholz, said the deal was good.")


@pytest.fixture
def seeded(sqlite_url):
    assert kb("ingest", "-", "--workers", "0", db=sqlite_url, input=ARTICLE).exit_code == 0
    return sqlite_url


def test_downgrade_to_an_unknown_revision_is_one_line(seeded):
    res = kb("db", "downgrade", "nosuchrev", db=seeded)
    assert res.exit_code == 1
    [line] = messages(res.stderr)
    assert line.startswith("kb: cannot downgrade to 'nosuchrev': ")


def test_the_helps_own_downgrade_example_parses(seeded):
    head = kb("db", "current", db=seeded).stdout.split("kb: ")[1].split()[0]
    res = kb("db", "downgrade", "-1", db=seeded)
    assert res.exit_code == 0, res.output
    assert "database at revision" in res.stdout and head not in res.stdout
    assert kb("db", "upgrade", db=seeded).exit_code == 0


def test_current_on_a_newer_database_does_not_say_upgrade_it(seeded):
    path = seeded.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    res = kb("db", "current", db=seeded)
    assert "newer than this kb" in res.stdout
    assert "run kb db upgrade" not in res.stdout


def _checkpoint(path: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    url = f"sqlite:///{folder / 'kb.sqlite'}"
    assert kb("ingest", "-", "--workers", "0", db=url, input=ARTICLE).exit_code == 0
    _checkpoint(str(folder / "kb.sqlite"))
    for leftover in folder.glob("kb.sqlite-*"):
        leftover.unlink()
    # root ignores permission bits; the immutable attribute stops even root from adding a file
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        os.chmod(folder, 0o555)
        if os.access(folder, os.W_OK):
            pytest.skip("cannot make a folder read-only here")
    try:
        assert (folder / "x").exists() is False
        events = kb_json("events", db=url)
        assert events and events[0]["type"]
        assert kb_json("sql", "SELECT count(*) AS n FROM documents", db=url) == [{"n": 1}]
        assert kb("entity", "Germany", db=url).exit_code == 0
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        os.chmod(folder, 0o755)


@pytest.mark.parametrize("args,expected", [
    (["entities", "rename", "Germany", ""], "kb: the new name is empty; give a name"),
    (["entities", "rename", "Germany", "   "], "kb: the new name is empty; give a name"),
    (["entities", "alias", "add", "Germany", ""], "kb: the alias is empty; give a name"),
    (["entities", "merge", "", "Germany"], "kb: the entity name is empty; give a name"),
    (["entities", "split", "Germany", "--alias", ""], "kb: the alias to split off is empty; give a name"),
])
def test_curations_refuse_empty_names(seeded, args, expected):
    res = kb(*args, db=seeded)
    assert res.exit_code == 1
    assert messages(res.stderr) == [expected]


def test_split_refuses_an_alias_the_entity_does_not_have(seeded):
    before = kb_json("entities", db=seeded)
    res = kb("entities", "split", "Germany", "--alias", "Atlantis", db=seeded)
    assert res.exit_code == 1
    [line] = messages(res.stderr)
    assert line.startswith("kb: 'Atlantis' is not a name of Germany")
    assert kb_json("entities", db=seeded) == before  # no empty entity made


def test_a_full_disk_stops_the_run_at_the_first_failed_store(monkeypatch, sqlite_url):
    """Parsing the remaining articles after the database refused one is wasted: stop at once."""
    from kb.ingest import service
    from kb.records import Extraction
    from kb.store.db import open_database

    parsed = []

    class Counting:
        def pipe(self, items, batch_size=0):
            for text_, _ in items:
                parsed.append(text_)
                yield Extraction()

    real = service.store_extraction

    def store(session, doc, ex):
        if len(parsed) >= 3:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
        return real(session, doc, ex)

    monkeypatch.setattr(service, "store_extraction", store)
    engine = open_database(sqlite_url)
    articles = [f"Article number {i} says Germany and France met in Berlin." for i in range(50)]
    report = service.Ingestor(engine, extractor=Counting(), batch_size=1).run(
        ["-"], stdin=__import__("io").StringIO("\n".join(f'{{"text": "{a}"}}' for a in articles) + "\n"))
    engine.dispose()
    assert report.added == 2
    assert len(parsed) < 10  # not all 50
    assert report.errors[-1].startswith("stopped at the first document the database could not store (disk full)")


def test_an_unreadable_subfolder_is_reported(tmp_path, sqlite_url, monkeypatch):
    folder = tmp_path / "articles"
    (folder / "secret").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "secret" / "b.txt").write_text(ARTICLE + " Again.", encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        # root reads any folder, so the refusal a user would meet is made here
        if os.fspath(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = kb("ingest", str(folder), "--workers", "0", "--json", db=sqlite_url)
    assert res.exit_code == 1
    import json

    report = json.loads(res.stdout)
    assert report["added"] == 1
    assert report["errors"] == [f"{folder / 'secret'}: cannot read folder: permission denied"]
