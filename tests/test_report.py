"""`kb report`: one page per entity, with its pictures, events and quotes, safe to open (every
piece of article text escaped), and rendered by a real browser (Debian's chromium, headless)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clikit import kb
from test_plots import SAMPLES, external_loads

pytestmark = pytest.mark.slow

HOSTILE = ('<b>Mallory</b> & friends: "<script>alert(1)</script>"\n\n'
           'Nicolas Maduro said: "<img src=x onerror=alert(2)> we will sign the deal with Russia."')


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'kb.sqlite'}"
    res = kb("ingest", str(SAMPLES), db=url)
    assert res.exit_code == 0, res.output
    res = kb("ingest", "-", db=url, input=HOSTILE)
    assert res.exit_code == 0, res.output
    return url


@pytest.fixture(scope="module")
def report(samples_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "maduro.html"
    res = kb("report", "Maduro", "-o", str(out), db=samples_db)
    assert res.exit_code == 0, res.output
    return out


def test_the_page_holds_what_kb_entity_knows(report):
    page = report.read_text(encoding="utf-8")
    assert "<title>Nicolas Maduro \u2014 kb report</title>" in page
    for heading in ("Names", "Counts", "Titles over time", "Timeline", "Who acts on whom", "Where", "Newest events",
                    "Quotes"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count("<svg") == 3  # timeline, ego network, map
    assert "president" in page  # his title
    assert re.search(r'<a href="https?://[^"]+">', page)  # events link to their articles
    assert external_loads(page) == []


def test_article_text_is_escaped(report):
    page = report.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_an_unknown_entity_is_a_one_line_error(samples_db, tmp_path):
    res = kb("report", "Nobody Atall Xyzzy", "-o", str(tmp_path / "x.html"), db=samples_db)
    assert res.exit_code == 1 and res.output.strip().count("\n") == 0 and "no entity" in res.output
    assert not (tmp_path / "x.html").exists()


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("this test needs Debian's chromium (apt-get install chromium; .ci/run installs it)")
    return path


def _headless(page: Path, *args: str) -> subprocess.CompletedProcess:
    # root in CI: no sandbox; no GPU on the machine; console messages go to stderr as CONSOLE lines
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--enable-logging=stderr", "--v=0", *args, page.resolve().as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def test_a_browser_renders_the_page(report, tmp_path):
    dom = _headless(report, "--dump-dom")
    assert "<title>Nicolas Maduro \u2014 kb report</title>" in dom.stdout
    assert "Nicolas Maduro" in re.search(r"<h1>(.*?)</h1>", dom.stdout).group(1)
    assert "CONSOLE" not in dom.stderr, dom.stderr  # no script errors or warnings

    shot = tmp_path / "report.png"
    res = _headless(report, "--window-size=1200,2400", f"--screenshot={shot}")
    assert "CONSOLE" not in res.stderr, res.stderr
    blank_page = tmp_path / "blank.html"
    blank_page.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    blank = tmp_path / "blank.png"
    _headless(blank_page, "--window-size=1200,2400", f"--screenshot={blank}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # a page of text and three pictures compresses far worse than an empty one
    assert shot.stat().st_size > 10 * blank.stat().st_size
