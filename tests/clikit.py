"""Running the CLI in-process, the way a user would from the shell."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from kb.cli import app

runner = CliRunner()


def kb(*args: str, db: str | None = None, input: str | None = None):
    argv = list(args) + (["--db", db] if db else [])
    return runner.invoke(app, argv, input=input, catch_exceptions=False)


def kb_json(*args: str, db: str | None = None):
    res = kb(*args, "--json", db=db)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)
