"""Running `kb` the way a person does: in a pseudo-terminal, read back through a terminal emulator.

CliRunner and pipes never show what a terminal shows: rich draws progress bars, hides and
restores the cursor and sizes tables only when stdout is a terminal. Here a command runs under a
real pty (pexpect), and its bytes go through pyte, a VT100 emulator, so a test can assert on the
screen a person would be left looking at.
"""
from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass

import pexpect
import pyte

COLS, ROWS = 140, 60


@dataclass
class Session:
    status: int | None  # exit status (None: ended by a signal)
    raw: str  # everything the command wrote, escape sequences and all
    screen: list[str]  # the emulated screen after it ended, trailing blank lines dropped
    cursor_hidden: bool

    @property
    def text(self) -> str:
        return "\n".join(self.screen)

    @property
    def frames(self) -> str:
        """The raw output less colour and cursor codes: every frame a progress display drew."""
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", self.raw)


def _env(extra: dict | None, cols: int = COLS) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "COV_"))}
    env.update({"TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(ROWS)})
    env.pop("NO_COLOR", None)
    env.update(extra or {})
    return env


def spawn(args: list[str], cwd, env: dict | None = None, shell: bool = False, cols: int = COLS) -> pexpect.spawn:
    """``kb ARGS`` (this interpreter's kb) or, with ``shell``, one bash command line."""
    if shell:
        cmd, argv = "bash", ["-c", args[0]]
    else:
        cmd, argv = sys.executable, ["-m", "kb", *args]
    return pexpect.spawn(cmd, argv, cwd=str(cwd), env=_env(env, cols), encoding="utf-8", codec_errors="replace",
                         dimensions=(ROWS, cols), timeout=None)


def finish(child: pexpect.spawn, timeout: float = 300, already: str = "") -> Session:
    chunks = [already]
    deadline = time.monotonic() + timeout
    while True:
        if time.monotonic() > deadline:
            child.terminate(force=True)
            raise AssertionError(f"still running after {timeout} s; screen so far:\n{''.join(chunks)[-2000:]}")
        try:
            chunks.append(child.read_nonblocking(65536, timeout=1))
        except pexpect.TIMEOUT:
            continue
        except pexpect.EOF:
            break
    cols = child.getwinsize()[1]
    child.close()
    raw = "".join(chunks)
    # a screen with scroll-back: what scrolled off the top is still what the person saw
    screen = pyte.HistoryScreen(cols, ROWS, history=100_000)
    pyte.Stream(screen).feed(raw)
    scrolled = ["".join(row[x].data for x in range(cols)) for row in screen.history.top]
    lines = [line.rstrip() for line in scrolled + list(screen.display)]
    while lines and not lines[-1]:
        lines.pop()
    return Session(status=child.exitstatus, raw=raw, screen=lines, cursor_hidden=screen.cursor.hidden)


def run(args: list[str], cwd, env: dict | None = None, timeout: float = 300, shell: bool = False,
        cols: int = COLS) -> Session:
    return finish(spawn(args, cwd, env, shell, cols), timeout)


def read_until(child: pexpect.spawn, predicate, timeout: float = 300) -> str:
    """Output so far, read until ``predicate(output)`` holds."""
    seen = ""
    deadline = time.monotonic() + timeout
    while not predicate(seen):
        if time.monotonic() > deadline:
            raise AssertionError(f"not seen within {timeout} s:\n{seen[-2000:]}")
        try:
            seen += child.read_nonblocking(65536, timeout=1)
        except pexpect.TIMEOUT:
            continue
    return seen
