"""Names of countries, places standing for them, organisations and office titles.

The tables live in ``data/reference/`` (shipped as the package ``kb.reference``); see the README
there for what each holds and where it comes from. This module only reads them: it never imports
pycountry, so loading is some tens of milliseconds of TSV parsing, once per process.

Lookups are meant for entity names found in text ("the U.S.", "Kremlin", "Venezuelan"), so they
respect case the way a proper name does:

* an entry written in capitals or with at most three letters ("US", "U.N.", "PRC", "G7") matches
  only input written in capitals or with the same letters ("US", "U.S.", "U.N."), never "us";
* any other entry that starts with a capital ("China", "Chad", "Russian") needs input that starts
  with a capital too, so "china" and "russian" in running text are not names.

``case_sensitive=False`` turns both rules off for input that is known to be a name whatever its
case, such as a command-line filter.
"""
from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

from .text import _APOSTROPHES, _KEY_PUNCTUATION, _NOT_LETTER, _strip_accents, _surface, normalize_name

__all__ = ["Place", "Gazetteer", "normalize_name", "read_table", "reference_text", "PLACE_KINDS", "TITLE_KINDS"]

REFERENCE_PACKAGE = "kb.reference"
# The repository layout, for a checkout that has not been pip-installed.
REPO_REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"

PLACE_KINDS = ("country", "variant", "capital", "seat", "demonym", "city", "region", "igo", "ngo")
ALIAS_KINDS = ("variant", "capital", "seat", "demonym", "city", "region")
TITLE_KINDS = ("head_of_state", "head_of_government", "minister", "legislator", "diplomat",
               "military", "judicial", "religious", "business", "party", "other")
ORG_CODES = ("IGO", "NGO")


@dataclass(frozen=True)
class Place:
    """What a name means."""

    code: str  # ISO 3166-1 alpha-3, or "IGO"/"NGO" for organisations
    kind: str  # one of PLACE_KINDS
    canonical: str  # the thing named: "United States" for "U.S.", "Caracas" for "Caracas",
    # "United Nations" for "U.N.", and for a demonym the country ("Venezuela")


@functools.lru_cache(maxsize=4096)
def _letters(text: str) -> str:
    return _NOT_LETTER.sub("", _surface(text))


# --- reading the tables -------------------------------------------------------------------------

def reference_text(name: str) -> str:
    """The text of one file in data/reference, from the installed package or the checkout."""
    try:
        return importlib.resources.files(REFERENCE_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return (REPO_REFERENCE_DIR / name).read_text(encoding="utf-8")


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV reference table as dicts keyed by its header line."""
    lines = reference_text(name).splitlines()
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{name}:{number}: {len(cells)} cells where the header has {len(header)}")
        rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


# --- the gazetteer ------------------------------------------------------------------------------

def _accepts(written: str, letters: str) -> bool:
    """Whether input whose letters are ``letters`` may be the name ``written`` in a table.

    A name in capitals or of at most three letters ("US", "U.N.", "G7", "Lao") takes input in
    capitals or with exactly its letters; any other capitalised name takes capitalised input.
    """
    if not letters:
        return False
    own = _letters(written)
    if len(own) <= 3 or own.isupper():
        return letters == own or letters.isupper()
    if own[:1].isupper():
        return letters[0].isupper()
    return True


# Which entry wins when two tables give the same key: a country's own name, then the hand-kept
# tables (deliberate: "Congo" is the DRC in news, though ISO's short name for COG is "Congo"),
# then the names generated from ISO 3166.
_TIER_COUNTRY, _TIER_HAND, _TIER_GENERATED = 0, 1, 2

_TITLE_PIECE = re.compile(r"[^\s']+'?")


@functools.lru_cache(maxsize=65536)
def _title_pieces(word: str) -> tuple[str, ...]:
    # cached: the entity, role and reference passes ask about the same few words again and again
    word = _strip_accents(word).translate(_APOSTROPHES).casefold()
    if word.endswith("'s"):
        word = word[:-2]
    return tuple(_TITLE_PIECE.findall(word.translate(_KEY_PUNCTUATION)))


class Gazetteer:
    """Read-only view of the reference tables. Get one with ``Gazetteer.load()``."""

    def __init__(self) -> None:
        # key -> [(tier, name as written in the table, place)], best first
        self._index: dict[str, list[tuple[int, str, Place]]] = {}
        self._demonyms: dict[str, list[tuple[str, Place]]] = {}
        self._names: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._title_keys: dict[tuple[str, ...], str] = {}
        self._title_longest = 0
        self._given_names: dict[str, str] = {}
        # bounded: a long-running worker meets ever new words
        self._title_match_cached = functools.lru_cache(maxsize=100_000)(self._title_match)

    # loading

    @classmethod
    def load(cls) -> "Gazetteer":
        """The gazetteer built from the reference tables, read once per process."""
        return _load()

    def _add(self, name: str, place: Place, tier: int) -> None:
        key = normalize_name(name)
        if key:
            self._index.setdefault(key, []).append((tier, name, place))

    def _build(self) -> "Gazetteer":
        for row in read_table("countries.tsv"):
            code, name = row["alpha3"], row["name"]
            self._names[code] = name
            self._add(name, Place(code, "country", name), _TIER_COUNTRY)
            variant = Place(code, "variant", name)
            for other in dict.fromkeys([row["official_name"], *_split(row["variants"])]):
                if other != name:
                    self._add(other, variant, _TIER_GENERATED)

        for row in read_table("country_aliases.tsv"):
            code, kind, alias = row["alpha3"], row["kind"], row["alias"]
            if kind not in ALIAS_KINDS:
                raise ValueError(f"country_aliases.tsv: unknown kind {kind!r} for {alias!r}")
            country = self._names.get(code)
            if country is None:
                raise ValueError(f"country_aliases.tsv: {alias!r} names unknown code {code!r}")
            canonical = country if kind in ("variant", "demonym") else (row["canonical"] or alias)
            place = Place(code, kind, canonical)
            if kind == "demonym":
                self._demonyms.setdefault(normalize_name(alias), []).append((alias, place))
            if "ambiguous" not in row["flags"].split(","):
                self._add(alias, place, _TIER_HAND)

        for row in read_table("igos.tsv"):
            code, name = row["code"], row["name"]
            if code not in ORG_CODES:
                raise ValueError(f"igos.tsv: code {code!r} for {name!r} is not one of {ORG_CODES}")
            place = Place(code, code.lower(), name)
            for alias in [name, *_split(row["aliases"])]:
                self._add(alias, place, _TIER_HAND)

        for entries in self._index.values():
            entries.sort(key=lambda entry: entry[0])  # stable: table order within a tier

        for row in read_table("titles.tsv"):
            title, kind = row["title"], row["kind"]
            if kind not in TITLE_KINDS:
                raise ValueError(f"titles.tsv: unknown kind {kind!r} for {title!r}")
            self._titles[title] = kind
            for form in [title, *_split(row["variants"])]:
                key = tuple(piece for word in form.split() for piece in _title_pieces(word))
                self._title_keys.setdefault(key, title)
                self._title_longest = max(self._title_longest, len(key))

        for row in read_table("given_names.tsv"):
            if row["gender"] not in ("m", "f"):
                raise ValueError(f"given_names.tsv: gender {row['gender']!r} for {row['name']!r} is not m or f")
            self._given_names[row["name"]] = row["gender"]
        return self

    def given_name_gender(self, name: str) -> str | None:
        """'m' or 'f' for a given name that is nearly always one person's gender ("Michael",
        "Nancy"); None for names used for both or unknown. Case matters: "Rose" the name, not a verb."""
        return self._given_names.get(name)

    # names

    def lookup(self, text: str, *, case_sensitive: bool = True) -> Place | None:
        """What a name means, or None when it is not a known country, place or organisation."""
        entries = self._index.get(normalize_name(text))
        if not entries:
            return None
        letters = _letters(text)
        for _, written, place in entries:
            if not case_sensitive or _accepts(written, letters):
                return place
        return None

    def country_code(self, text: str, *, case_sensitive: bool = True) -> str | None:
        """Alpha-3 code (or "IGO"/"NGO") of whatever the name stands for."""
        place = self.lookup(text, case_sensitive=case_sensitive)
        return place.code if place else None

    def country_name(self, code: str) -> str | None:
        """Canonical short name for an alpha-3 code: "RUS" -> "Russia"."""
        return self._names.get(code.strip().upper())

    def is_demonym(self, text: str) -> bool:
        """True for a nationality word ("Russian", "Russians"), which must start with a capital.

        A word that is also the name of a country or place ("Vatican", "Myanmar") is that
        place, not a demonym.
        """
        entries = self._demonyms.get(normalize_name(text))
        letters = _letters(text)
        if not entries or not any(_accepts(written, letters) for written, _ in entries):
            return False
        place = self.lookup(text)
        return place is None or place.kind == "demonym"

    # titles

    def titles(self) -> dict[str, str]:
        """Office and role titles (lower case) -> kind (one of TITLE_KINDS)."""
        return dict(self._titles)

    def title_match(self, words: list[str]) -> tuple[str, int] | None:
        """Longest title that the words start with, and how many of the words it took.

        Case is ignored; periods, accents and a trailing 's are dropped, hyphenated words count
        as their parts and lone hyphen tokens are skipped, so ["Secretary", "-", "General"]
        and ["Secretary-General"] both give ("secretary-general", ...). Abbreviations listed in
        titles.tsv give their full title: ["Lt.", "Gen."] -> ("lieutenant general", 2).
        The answer depends on the words alone, so it is kept: the passes over one document ask
        about the same spans many times (every entity is tried against the titles around it).
        """
        return self._title_match_cached(tuple(words))

    def _title_match(self, words: tuple[str, ...]) -> tuple[str, int] | None:
        pieces: list[tuple[str, int, bool]] = []  # (piece, word index, last piece of its word)
        for index, word in enumerate(words):
            parts = _title_pieces(word)
            pieces.extend((part, index, n == len(parts) - 1) for n, part in enumerate(parts))
            if len(pieces) >= self._title_longest:
                break
        for size in range(min(len(pieces), self._title_longest), 0, -1):
            if not pieces[size - 1][2]:
                continue  # would end inside a word: "Minister-designate" is not "minister"
            title = self._title_keys.get(tuple(piece for piece, _, _ in pieces[:size]))
            if title is not None:
                return title, pieces[size - 1][1] + 1
        return None

    def title_prefix(self, words: list[str]) -> str | None:
        """Longest title that the lower-cased words start with: ["Prime", "Minister", "X"]."""
        match = self.title_match(words)
        return match[0] if match else None


@functools.lru_cache(maxsize=1)
def _load() -> Gazetteer:
    return Gazetteer()._build()
