"""Build actors.tsv and agents.tsv from the Phoenix / CountryInfo dictionaries in data/actors/.

Run from anywhere:  python3 data/reference/build_actors.py
Check only (exit 1 if the tables are stale):  python3 data/reference/build_actors.py --check

Inputs (data/actors/, MIT licence, Open Event Data Alliance; see data/actors/README.md):
  Phoenix.Countries.actors.txt, Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt
      TABARI/PETRARCH ``.actors`` files: a primary name in capitals (words joined by ``_``),
      ``+`` synonym lines, then bracketed CAMEO codes, each a country (ISO3) and sector codes with
      an optional date range: ``[USAGOV >090120]``, ``[USAELI 780101-000101]``.
  Phoenix.agents.txt
      generic agents ("police", "rebels") and the sector code each adds: ``POLICE [~COP]``.
  agents_extra.tsv (beside this file, kept by hand)
      agent words Phoenix lacks ("queen", "party", "shooter"); an entry here wins.

Outputs (read at run time by kb.nlp.actors; the MIT notice is kept in their header comment):
  actors.tsv   name, aliases (" | "), codes ("USA GOV 2009-01-20 -" items joined with " | ")
  agents.tsv   phrase (lower case), sector
The MIT notice travels beside them as actors_LICENSE.md (the tables are plain TSV, header first).

Only the standard library is used, and the output depends only on the inputs.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE.parent / "actors"
ACTOR_FILES = ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"]
AGENT_FILE = "Phoenix.agents.txt"
ACTORS_OUT = HERE / "actors.tsv"
AGENTS_OUT = HERE / "agents.tsv"

# First three letters of a CAMEO code that are not a country: what they say about the actor.
# country None + sector: a multinational company or an armed group that crosses borders.
NON_STATE = {"IGO": ("IGO", "IGO"), "NGO": ("NGO", "NGO"), "MNC": (None, "BUS"), "IMG": (None, "REB"),
             "NGM": (None, "REB"), "UIS": (None, "REB")}


def read_lines(path: Path) -> list[str]:
    """The file's lines; it is mostly ASCII, with Latin-1 and UTF-8 bytes here and there, and a
    few control characters where an accented letter was lost (dropped here)."""
    out = []
    for raw in path.read_bytes().splitlines():
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("latin-1")
        out.append(re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", line))
    return out


def country_codes() -> set[str]:
    lines = (HERE / "countries.tsv").read_text(encoding="utf-8").splitlines()
    return {line.split("\t", 1)[0] for line in lines[1:] if line.strip()}


def parse_date(text: str) -> str | None:
    """YYMMDD (two-digit years: 30-99 are 19xx) or YYYYMMDD to ISO; None when unreadable."""
    if re.fullmatch(r"\d{6}", text):
        yy = int(text[:2])
        year = 1900 + yy if yy >= 30 else 2000 + yy
        mm, dd = text[2:4], text[4:6]
    elif re.fullmatch(r"\d{8}", text):
        year, mm, dd = int(text[:4]), text[4:6], text[6:8]
    else:
        return None
    if not ("01" <= mm <= "12" and "01" <= dd <= "31"):
        return None
    return f"{year:04d}-{mm}-{dd}"


def parse_code(body: str, countries: set[str]) -> tuple[str, str, str, str] | None:
    """``USAGOV >090120`` -> ("USA", "GOV", "2009-01-20", ""); None for a code naming nothing usable."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].upper().strip("~")
    start = end = ""
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            start = parse_date(rng[1:]) or ""
        elif rng.startswith("<"):
            end = parse_date(rng[1:]) or ""
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = parse_date(a) or "", parse_date(b) or ""
    head, rest = code[:3], code[3:]
    if head in NON_STATE:
        country, sector = NON_STATE[head]
        if head in ("IGO", "NGO"):
            return (country or "", sector, start, end)
        return ("", sector, start, end)
    if head not in countries:
        return None
    sector = rest[:3] if len(rest) >= 3 and rest[:3].isalpha() else ""
    return (head, sector, start, end)


def display(name: str) -> str:
    """BARACK_OBAMA_ -> Barack Obama; the folded form is what matching uses."""
    words = name.strip().strip("_").replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in words)


CODE_RE = re.compile(r"\[([^\]]*)\]")


def parse_actors(lines: list[str], countries: set[str]) -> list[dict]:
    """Actors of one ``.actors`` file. Several primary names may share the code lines that follow
    them (a group); synonyms belong to the primary name above them."""
    actors: list[dict] = []
    group: list[dict] = []
    group_closed = True
    current = None
    for line in lines:
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        stripped = text.strip()
        if stripped.startswith("["):
            codes = [c for c in (parse_code(m, countries) for m in CODE_RE.findall(stripped)) if c]
            for a in group:
                a["codes"] += codes
            group_closed = True
            continue
        if stripped.startswith("+"):
            if current is not None:
                alias = display(CODE_RE.sub("", stripped[1:]))
                if alias:
                    current["aliases"].append(alias)
            continue
        if stripped.startswith("!") or "=" in stripped:
            continue
        name = display(CODE_RE.sub("", stripped.split("{", 1)[0]))
        if not name:
            continue
        current = {"name": name, "aliases": [], "codes": []}
        actors.append(current)
        inline = [c for c in (parse_code(m, countries) for m in CODE_RE.findall(stripped)) if c]
        if group_closed:
            group = []
        group.append(current)
        group_closed = False
        if inline:
            current["codes"] += inline
            group, group_closed = [current], True
    return actors


def build_actors() -> str:
    countries = country_codes()
    rows = []
    for fname in ACTOR_FILES:
        for a in parse_actors(read_lines(SOURCES / fname), countries):
            codes = list(dict.fromkeys(a["codes"]))
            if not codes:
                continue
            aliases = [x for x in dict.fromkeys(a["aliases"]) if x.lower() != a["name"].lower()]
            rows.append((a["name"], " | ".join(aliases),
                         " | ".join(f"{c or '-'} {s or '-'} {st or '-'} {en or '-'}" for c, s, st, en in codes)))
    rows = sorted(dict.fromkeys(rows))
    out = ["name\taliases\tcodes"] + ["\t".join(r) for r in rows]
    return "\n".join(out) + "\n"


def expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    """``POLICE!PERSON!`` -> policeman, policemen, ...: the agents file's substitution sets."""
    m = re.search(r"!(\w+)!", phrase)
    if not m or m.group(1) not in sets:
        return [phrase]
    return [x for word in sets[m.group(1)] for x in expand(phrase[:m.start()] + word + phrase[m.end():], sets)]


def build_agents() -> str:
    sets: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for line in read_lines(SOURCES / AGENT_FILE):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        m = re.fullmatch(r"!(\w+)!\s*=\s*(.+)", text)
        if m:
            sets[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = CODE_RE.findall(text)
        if not codes:
            continue
        code = codes[0].strip().lstrip("~").rstrip("~").upper()
        sector = code[:3] if code[:3].isalpha() and len(code) >= 3 else ""
        if not sector:
            continue
        phrase = CODE_RE.sub("", text.split("{", 1)[0]).strip()
        for p in expand(phrase, sets):
            words = p.strip("_").replace("_", " ").lower().split()
            if words:
                rows.setdefault(" ".join(words), sector)
    extra = (HERE / "agents_extra.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in extra:
        if line.strip():
            phrase, sector = line.split("\t")
            rows[phrase.strip().lower()] = sector.strip()
    out = ["phrase\tsector"] + [f"{p}\t{s}" for p, s in sorted(rows.items())]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    outputs = {ACTORS_OUT: build_actors(), AGENTS_OUT: build_agents()}
    if "--check" in argv:
        stale = [p.name for p, text in outputs.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}; run python3 data/reference/build_actors.py", file=sys.stderr)
            return 1
        return 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
        print(f"{path.name}: {text.count(chr(10)) - 1} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
