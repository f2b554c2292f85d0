"""Text helpers shared by every layer: the folded key a name is stored and looked up under, and
the hash that recognises an article already stored. A neutral module, so that storage and the
NLP pass agree on both without importing each other."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

__all__ = ["normalize_name", "content_hash"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_DASH_CHARS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_KEY_PUNCTUATION = str.maketrans({c: " " for c in _DASH_CHARS} | {".": None})  # dashes, periods
_QUOTES = " \t\r\n\"\u201c\u201d,;:()[]"
_EDGE = _QUOTES + "'"
_NOT_LETTER = re.compile(r"[\W\d_]+")


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _surface(text: str) -> str:
    """The name as written, without a leading "the", a possessive, or surrounding quotes."""
    if not text.isascii() or "`" in text:
        text = text.translate(_APOSTROPHES)
    text = text.strip(_QUOTES)
    if text[:4].lower() == "the " or text[:4].lower() == "the\t":
        text = text[4:].lstrip()
    if text[-2:] in ("'s", "'S"):
        text = text[:-2]
    elif text[-2:] in ("s'", "S'"):
        text = text[:-1]
    return text.strip(_EDGE)


@functools.lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """Key under which a name is looked up.

    Casefolds, strips accents, a leading "the ", a possessive 's, periods ("U.S." -> "us"),
    turns hyphens and dashes into spaces and collapses whitespace. Kept for the names seen last:
    the entity, reference and store passes fold the same few names of an article many times.
    """
    text = _surface(_strip_accents(text))
    if text.isascii():
        text = text.replace(".", "").replace("-", " ").lower()
    else:
        text = text.translate(_KEY_PUNCTUATION).casefold()
    return " ".join(text.split())



def content_hash(text: str) -> str:
    """Hash of the text with white space and Unicode forms folded, so re-wrapped copies match."""
    folded = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
