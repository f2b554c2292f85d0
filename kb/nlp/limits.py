"""Limits on one document's analysis, so that one pathological article is reported and skipped
instead of taking its batch down: wall time (``KB_MAX_SECONDS_PER_ARTICLE``, default 60 s),
sentence length (``MAX_SENTENCE_TOKENS``, enforced in the pipeline before the parser, see
kb.nlp.model), and the errors a document can provoke (deep recursion, memory) caught for that
document alone. Worker processes also cap their memory (kb.ingest.parallel)."""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, TypeVar

from ..errors import KBError

SECONDS_ENV = "KB_MAX_SECONDS_PER_ARTICLE"
DEFAULT_SECONDS = 60.0
# A "sentence" longer than this many tokens (text with no sentence break) is cut before the
# parser: nobody writes one, and the parse and the rules that walk a sentence grow with its square.
MAX_SENTENCE_TOKENS = 250

T = TypeVar("T")


@dataclass
class DocumentFailed:
    """Stands in a stream of extractions for a document that could not be analysed."""
    reason: str


class _TimeUp(BaseException):
    """BaseException: no ``except Exception`` in the rules may swallow it."""


def max_seconds() -> float:
    raw = os.environ.get(SECONDS_ENV, "").strip()
    if not raw:
        return DEFAULT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not (0 < value < 1e7):
        raise KBError(f"{SECONDS_ENV} must be a number of seconds above 0, not {raw!r}")
    return value


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``_TimeUp`` in this thread after ``seconds`` (a SIGALRM timer: main thread only;
    elsewhere no limit). Python code stops at once; C code (the parser) when it returns."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise _TimeUp()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def guarded(work: Callable[[], T], seconds: float) -> T | DocumentFailed:
    """``work()`` under the time limit; a document's own failure becomes a DocumentFailed."""
    try:
        with time_limit(seconds):
            return work()
    except _TimeUp:
        return DocumentFailed(f"analysis took over {seconds:g} s ({SECONDS_ENV}); skipped")
    except RecursionError:
        return DocumentFailed("too deeply nested to analyse (recursion limit); skipped")
    except MemoryError:
        return DocumentFailed("analysis needed more memory than allowed; skipped")
    except Exception as exc:  # a rule that breaks on one odd text must not lose the others
        return DocumentFailed(f"analysis failed ({type(exc).__name__}: {str(exc)[:200]}); skipped")
