"""Regenerate countries.tsv from pycountry and the hand-kept tables beside this file.

Run from anywhere:  python3 data/reference/build.py
Check only (exit 1 if countries.tsv is stale):  python3 data/reference/build.py --check

Inputs (all in this folder):
  country_overrides.tsv  alpha3 -> the short name news writes ("Russia", not "Russian Federation")
  sovereign_states.tsv   alpha3 -> member / observer / partial; every other ISO code is a territory
  countries_extra.tsv    rows for codes pycountry lacks (Kosovo, dissolved states), copied as they are

Nothing here is read at run time: the package reads only the generated countries.tsv, so loading
does not need pycountry's JSON and the output is fixed by what is committed.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "countries.tsv"
COLUMNS = ["alpha3", "alpha2", "name", "official_name", "status", "variants"]


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{path.name}:{number}: {len(cells)} cells, header has {len(header)}")
        rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def uninvert(name: str) -> str | None:
    """ISO's catalogue order back to running-text order.

    "Korea, Republic of" -> "Republic of Korea"; "Virgin Islands, U.S." -> "U.S. Virgin Islands".
    Lists such as "Saint Helena, Ascension and Tristan da Cunha" are left alone.
    """
    head, sep, tail = name.partition(", ")
    if not sep or ", " in tail:
        return None
    if tail.endswith(" of") or tail.endswith(" of the") or " " not in tail:
        return f"{tail} {head}"
    return None


def without_parenthesis(name: str) -> str | None:
    """"Holy See (Vatican City State)" -> "Holy See"."""
    stripped = re.sub(r"\s*\([^)]*\)", "", name).strip()
    return stripped if stripped != name else None


def strip_article(name: str) -> str:
    """pycountry writes some names as "the State of Eritrea" or "The Democratic Republic of the Congo"."""
    return name[4:] if name[:4] in ("the ", "The ") else name


def build_rows() -> list[dict[str, str]]:
    import pycountry  # only the build needs it

    overrides = {r["alpha3"]: r["name"] for r in read_tsv(HERE / "country_overrides.tsv")}
    status = {r["alpha3"]: r["status"] for r in read_tsv(HERE / "sovereign_states.tsv")}
    extra = read_tsv(HERE / "countries_extra.tsv")

    known = {c.alpha_3 for c in pycountry.countries}
    for table, codes in (("country_overrides.tsv", overrides), ("sovereign_states.tsv", status)):
        missing = sorted(set(codes) - known - {r["alpha3"] for r in extra})
        if missing:
            raise ValueError(f"{table} names codes that exist nowhere: {missing}")

    rows = []
    for country in pycountry.countries:
        code = country.alpha_3
        iso_name = country.name
        official = getattr(country, "official_name", None)
        common = getattr(country, "common_name", None)
        name = overrides.get(code) or common or iso_name
        official_name = strip_article(official or uninvert(iso_name) or iso_name)
        variants: list[str] = []
        for candidate in (iso_name, official, common, uninvert(iso_name),
                          without_parenthesis(iso_name), official_name):
            if candidate:
                candidate = strip_article(candidate)
                if candidate != name and candidate not in variants:
                    variants.append(candidate)
        rows.append({
            "alpha3": code,
            "alpha2": country.alpha_2,
            "name": name,
            "official_name": official_name,
            "status": status.get(code, "territory"),
            "variants": "|".join(variants),
        })
    seen = {r["alpha3"] for r in rows}
    for row in extra:
        if row["alpha3"] in seen:
            raise ValueError(f"countries_extra.tsv repeats a pycountry code: {row['alpha3']}")
        rows.append({column: row[column] for column in COLUMNS})
    rows.sort(key=lambda r: r["alpha3"])
    return rows


def render(rows: list[dict[str, str]] | None = None) -> str:
    rows = build_rows() if rows is None else rows
    out = ["\t".join(COLUMNS)]
    for row in rows:
        cells = [row[column] for column in COLUMNS]
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"tab or newline inside a cell: {cells}")
        out.append("\t".join(cells))
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is stale: run python3 {Path(__file__).as_posix()}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 1} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
