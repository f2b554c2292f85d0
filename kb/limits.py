"""Limits shared by the readers and the spaCy pass (a neutral module: both layers import it)."""
from __future__ import annotations

import os

from .errors import KBError

__all__ = ["DEFAULT_MAX_CHARS", "MAX_CHARS_ENV", "max_article_chars", "resolve_limit"]

# spaCy's own limit (Language.max_length): a longer text makes the parse fail, so a longer
# article must be refused here, by name, rather than stop the whole run.
DEFAULT_MAX_CHARS = 1_000_000
MAX_CHARS_ENV = "KB_MAX_ARTICLE_CHARS"


def max_article_chars() -> int:
    """The article length limit in force: KB_MAX_ARTICLE_CHARS, else 1,000,000 characters.
    The spaCy pipeline's ``max_length`` must be at least this."""
    return resolve_limit(None)


def resolve_limit(max_chars: int | None) -> int:
    if max_chars is not None:
        if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars <= 0:
            raise ValueError(f"max_chars must be a positive int, not {max_chars!r}")
        return max_chars
    raw = os.environ.get(MAX_CHARS_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_CHARS
    try:
        value = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise KBError(f"{MAX_CHARS_ENV} must be a positive whole number of characters, not {raw!r}")
    return value
