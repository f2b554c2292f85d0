"""The commands as a person at a terminal runs them: a pseudo-terminal, the screen they are left
with, the exit status, the cursor. (An earlier suite ran everything through pipes and stayed green
while the README's first line crashed in every real terminal.)"""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from ptykit import finish, read_until, run, spawn

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def readme_first_line() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    return block.splitlines()[0]


def assert_clean(session, status: int = 0) -> None:
    assert "Traceback" not in session.raw, session.raw[-3000:]
    assert session.status == status, session.text
    assert not session.cursor_hidden, "the cursor was left hidden"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder laid out like a checkout, where the README's commands run as written."""
    work = tmp_path_factory.mktemp("terminal")
    shutil.copytree(ROOT / "data" / "samples", work / "data" / "samples")
    return work


@pytest.fixture(scope="module")
def readme_session(workdir):
    """The README's first line, less the install (the suite runs in the installed checkout)."""
    line = readme_first_line()
    assert line.startswith("pip install . && "), line
    return run([line.removeprefix("pip install . && ")], workdir, shell=True, timeout=600)


def test_readme_first_line_works_in_a_terminal(readme_session, workdir):
    assert_clean(readme_session)
    screen = readme_session.text
    assert re.search(r"documents: 11 added, 0 re-extracted, 0 skipped, 0 failed", screen), screen
    # both answers are on screen: the agreements as an event table, then the profile
    assert "AGREE" in screen and "Venezuela" in screen
    assert "Dmitry Chernyshenko" in screen and "deputy prime minister" in screen.lower()
    assert (workdir / "kb.sqlite").exists()


def test_ingest_shows_progress_with_total_then_clears_it(readme_session):
    # the bar counted against the pre-scanned total, with the stored/skipped counts...
    assert re.search(r"ingesting .* \d+/11 .*docs/s.*stored \d+, skipped 0, failed 0", readme_session.frames)
    # ...and is gone from the screen at the end: only the summary stays
    assert "ingesting" not in readme_session.text


def test_ingest_with_no_workers_in_a_terminal(tmp_path):
    shutil.copy(ROOT / "data" / "samples" / "russia-venezuela-deals-2024-11-08.txt", tmp_path / "a.txt")
    s = run(["ingest", "a.txt", "--workers", "0"], tmp_path)
    assert_clean(s)
    assert "documents: 1 added" in s.text


def test_listings_and_profile_in_a_terminal(readme_session, workdir):
    events = run(["events", "--type", "AGREE"], workdir)
    assert_clean(events)
    assert "AGREE" in events.text and "Russia (RUS)" in events.text
    # a table fits the terminal: no line is wider than the screen
    assert all(len(line) <= 140 for line in events.screen)

    prof = run(["entity", "Chernishenko"], workdir)  # misspelt on purpose
    assert_clean(prof)
    assert "no entity named 'Chernishenko'; showing Dmitry Chernyshenko" in prof.text


def test_an_answer_in_an_80_column_terminal_is_records_not_a_column_of_letters(readme_session, workdir):
    # ten columns do not fit 80: the sentence column shrank to a letter or two a line, and a row
    # ran to a hundred lines of empty borders; the rows are records there instead
    s = run(["ask", "agreements signed by Venezuela"], workdir, cols=80)
    assert_clean(s)
    assert all(len(line) <= 80 for line in s.screen)
    assert not any(re.fullmatch(r"[│ ]+", line) for line in s.screen), s.text
    joined = " ".join(line.strip() for line in s.screen)
    assert "sentence: Venezuela and its most powerful ally Russia signed agreements" in joined, s.text
    assert "type: SUPPORT" in joined


def test_serve_help_in_a_terminal(tmp_path):
    s = run(["serve", "--help"], tmp_path)
    assert_clean(s)
    assert "Datasette" in s.text and "<bool>" not in s.text


def test_ctrl_c_stores_whole_documents_and_says_how_many(tmp_path):
    # enough articles that the interrupt lands part way through
    src = (ROOT / "data" / "samples" / "wikinews-sample.csv").read_text(encoding="utf-8")
    header, *rows = src.splitlines(keepends=True)
    (tmp_path / "many.csv").write_text(src, encoding="utf-8")
    child = spawn(["ingest", "many.csv", "--workers", "1"], tmp_path)
    seen = read_until(child, lambda out: re.search(r"stored [1-9]", out) is not None, timeout=300)
    child.sendintr()
    s = finish(child, timeout=120, already=seen)
    assert_clean(s, status=130)
    m = re.search(r"kb: interrupted: (\d+) documents stored", s.text)
    assert m, s.text
    db = sqlite3.connect(tmp_path / "kb.sqlite")
    stored = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert stored == int(m.group(1))
    # whole: every stored document has its sentences (they are written in the same transaction)
    assert db.execute("SELECT count(*) FROM documents d WHERE NOT EXISTS "
                      "(SELECT 1 FROM sentences s WHERE s.document_id = d.id)").fetchone()[0] == 0
    again = run(["ingest", "many.csv"], tmp_path)
    assert_clean(again)
    assert f"{stored} skipped" in again.text
