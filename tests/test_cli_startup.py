"""Query commands never load spaCy: importing it costs about a second that `kb events` and
`kb ask` must not pay (the listing threshold once pulled in the whole event-rule package)."""
from __future__ import annotations

import subprocess
import sys


def test_listing_and_asking_do_not_import_spacy(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from kb.cli import app\n"
        "r = CliRunner()\n"
        f"assert r.invoke(app, ['db', 'upgrade', '--db', {url!r}]).exit_code == 0\n"
        f"assert r.invoke(app, ['events', '--db', {url!r}]).exit_code == 0\n"
        f"r.invoke(app, ['ask', 'agreements signed by Venezuela', '--db', {url!r}])\n"
        "assert 'spacy' not in sys.modules, 'spaCy was imported'\n"
    )
    res = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
