"""Users' own actor dictionaries: read PETRARCH ``.actors`` and CSV files, store, list, hand to ingest.

A dictionary says who a name is, as of which dates: a country (ISO 3166-1 alpha-3, or IGO/NGO)
and a CAMEO sector (GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, MED, BUS, ...). Ingest resolves event
participants with the built-in book (data/reference/actors.tsv, from Phoenix/CountryInfo) plus
these; a name a user gives replaces the built-in entries for it. Documents stored before an
import keep what they had until re-extracted (``kb ingest --reprocess``).

Two file formats:

- PETRARCH/TABARI ``.actors``: a primary name (words joined by ``_``), ``+`` synonym lines, and
  bracketed codes, each a country and sectors with an optional date range (YYMMDD or YYYYMMDD):
  ``[FRAGOV >170514]`` from that day on, ``[FRAELI <170514]`` before it, ``[FRAGOV 120515-170514]``
  between. Codes may follow the name on its line or stand on the lines after; ``#`` starts a
  comment.
- CSV with the header ``name,aliases,country,sector,start,end``: aliases joined with ``|``,
  dates YYYY-MM-DD (or YYYY, the first of January) and empty for open ends; one row per code.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from .errors import InputError
from .nlp.actors import Actor, ActorBook, ActorCode
from .gazetteer import normalize_name, read_table
from .store.models import ActorEntry

CSV_COLUMNS = ["name", "aliases", "country", "sector", "start", "end"]
INTERNATIONAL = {"IGO", "NGO"}
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class ActorRow:
    """One name and one code, as a file gives it."""
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    start: dt.date | None
    end: dt.date | None
    source: str


def _countries() -> set[str]:
    return {row["alpha3"] for row in read_table("countries.tsv")} | INTERNATIONAL


def _petrarch_date(text: str, path: str, line: int) -> dt.date:
    try:
        if re.fullmatch(r"\d{6}", text):
            yy = int(text[:2])
            return dt.date(1900 + yy if yy >= 30 else 2000 + yy, int(text[2:4]), int(text[4:6]))
        if re.fullmatch(r"\d{8}", text):
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        pass
    raise InputError(f"bad date {text!r} in a code (YYMMDD or YYYYMMDD)", path, line)


def _petrarch_code(body: str, countries: set[str], path: str, line: int):
    parts = body.split()
    if not parts or len(parts) > 2:
        raise InputError(f"bad code [{body}]: a country and sector code, then an optional date range", path, line)
    code = parts[0].upper()
    country, rest = code[:3], code[3:]
    if country not in countries:
        raise InputError(f"unknown country {country!r} in [{body}] (ISO 3166-1 alpha-3, IGO or NGO)", path, line)
    if rest and not re.fullmatch(r"([A-Z]{3})+", rest):
        raise InputError(f"bad sector {rest!r} in [{body}]: three-letter CAMEO codes", path, line)
    sector = rest[:3] or (country if country in INTERNATIONAL else None)
    start = end = None
    if len(parts) == 2:
        rng = parts[1]
        if rng.startswith(">"):
            start = _petrarch_date(rng[1:], path, line)
        elif rng.startswith("<"):
            end = _petrarch_date(rng[1:], path, line)
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = _petrarch_date(a, path, line), _petrarch_date(b, path, line)
        else:
            raise InputError(f"bad date range {rng!r} (>FROM, <UNTIL or FROM-UNTIL)", path, line)
    return country, sector, start, end


def _words(name: str) -> str:
    """ZORBA_QUENTAL_ -> Zorba Quental (the format writes names in capitals; matching folds case)."""
    words = name.strip().strip("_").replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() else w for w in words)


def read_petrarch(text: str, path: str) -> list[ActorRow]:
    """Rows of a PETRARCH ``.actors`` file; names that several primary lines share codes with
    (a group followed by its code lines) each get them."""
    countries = _countries()
    actors: list[dict] = []
    group: list[dict] = []
    closed = True
    current = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("["):
            codes = [_petrarch_code(b, countries, path, number) for b in _CODE.findall(stripped)]
            if not group:
                raise InputError("a code line before any name", path, number)
            for a in group:
                a["codes"] += codes
            closed = True
            continue
        if stripped.startswith("+"):
            if current is None:
                raise InputError("a synonym (+) before any name", path, number)
            alias = _words(_CODE.sub("", stripped[1:]))
            if alias:
                current["aliases"].append(alias)
            continue
        name = _words(_CODE.sub("", stripped.split("{", 1)[0]))
        if not name:
            raise InputError("a line with neither a name nor a code", path, number)
        current = {"name": name, "aliases": [], "codes": [], "line": number}
        if closed:
            group = []
        group.append(current)
        closed = False
        inline = [_petrarch_code(b, countries, path, number) for b in _CODE.findall(stripped)]
        if inline:
            current["codes"] += inline
            group, closed = [current], True
        current["source"] = f"{path}:{number}"
        actors.append(current)
    out: list[ActorRow] = []
    for a in actors:
        if not a["codes"]:
            raise InputError(f"{a['name']!r} has no code", path, a["line"])
        aliases = tuple(dict.fromkeys(x for x in a["aliases"] if x.lower() != a["name"].lower()))
        for country, sector, start, end in dict.fromkeys(a["codes"]):
            out.append(ActorRow(a["name"], aliases, country, sector, start, end, a["source"]))
    return out


def _csv_date(text: str, path: str, line: int, column: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad {column} date {text!r} (YYYY-MM-DD or YYYY)", path, line) from None


def read_actor_csv(text: str, path: str) -> list[ActorRow]:
    countries = _countries()
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [h.strip().lower() for h in header] != CSV_COLUMNS:
        raise InputError(f"the first line must be the header {','.join(CSV_COLUMNS)}", path, 1)
    out = []
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(CSV_COLUMNS):
            raise InputError(f"{len(cells)} cells where the header has {len(CSV_COLUMNS)}", path, number)
        name, aliases, country, sector, start, end = (c.strip() for c in cells)
        if not name:
            raise InputError("empty name", path, number)
        country = country.upper() or None
        if country and country not in countries:
            raise InputError(f"unknown country {country!r} (ISO 3166-1 alpha-3, IGO or NGO)", path, number)
        sector = sector.upper() or None
        if sector and not re.fullmatch(r"[A-Z]{3}", sector):
            raise InputError(f"bad sector {sector!r}: a three-letter CAMEO code such as GOV", path, number)
        if not country and not sector:
            raise InputError(f"{name!r} has neither a country nor a sector", path, number)
        first, last = _csv_date(start, path, number, "start"), _csv_date(end, path, number, "end")
        if first and last and last <= first:
            raise InputError(f"end {last} is not after start {first}", path, number)
        names = tuple(dict.fromkeys(a.strip() for a in aliases.split("|") if a.strip() and a.strip() != name))
        out.append(ActorRow(name, names, country, sector, first, last, f"{path}:{number}"))
    return out


def read_actor_file(path: str) -> list[ActorRow]:
    """The rows of a PETRARCH ``.actors`` file or (by its ``.csv`` suffix) a CSV file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path) from None
    rows = read_actor_csv(text, path) if p.suffix.lower() == ".csv" else read_petrarch(text, path)
    if not rows:
        raise InputError("no actors in the file", path)
    return rows


# --- storage -----------------------------------------------------------------------------------

def _key(row) -> tuple:
    return (normalize_name(row.name), row.country, row.sector, row.start, row.end)


def import_actors(session: Session, path: str) -> dict:
    """Store the actors of a file in one transaction; rows already stored (same name, code and
    dates) are skipped, so importing a file twice adds nothing. Returns counts."""
    rows = read_actor_file(path)
    keys = {normalize_name(r.name) for r in rows}
    have = {(e.name_key, e.country, e.sector, e.start_date, e.end_date)
            for e in session.scalars(select(ActorEntry).where(ActorEntry.name_key.in_(keys)))}
    added = 0
    for r in rows:
        k = _key(r)
        if k in have:
            continue
        have.add(k)
        session.add(ActorEntry(name=r.name[:512], name_key=k[0][:512], aliases=" | ".join(r.aliases) or None,
                               country=r.country, sector=r.sector, start_date=r.start, end_date=r.end,
                               source=r.source[:1024]))
        added += 1
    return {"file": path, "rows": len(rows), "added": added, "skipped": len(rows) - added}


def _entry_dict(name, aliases, country, sector, start, end, source) -> dict:
    return {"name": name, "aliases": list(aliases), "country": country, "sector": sector,
            "start": start.isoformat() if start else None, "end": end.isoformat() if end else None, "source": source}


def list_actors(session: Session, *, name: str | None = None, country: str | None = None,
                builtin: bool = False, limit: int | None = None) -> list[dict]:
    """Users' actors (and with ``builtin`` the shipped ones), one dict per name and code:
    ``{name, aliases, country, sector, start, end, source}``; ``source`` is the file and line
    it was imported from, or "builtin". ``name`` matches a name or an alias, folded."""
    key = normalize_name(name) if name else None
    q = select(ActorEntry).order_by(ActorEntry.name_key, ActorEntry.start_date, ActorEntry.id)
    if country:
        q = q.where(ActorEntry.country == country.upper())
    if key:
        q = q.where(or_(ActorEntry.name_key == key, ActorEntry.aliases.is_not(None)))
    out = []
    for e in session.scalars(q):
        aliases = [a.strip() for a in (e.aliases or "").split("|") if a.strip()]
        if key and e.name_key != key and key not in {normalize_name(a) for a in aliases}:
            continue
        out.append(_entry_dict(e.name, aliases, e.country, e.sector, e.start_date, e.end_date, e.source))
    if builtin:
        book = ActorBook.builtin()
        actors = book.actors(name) if key else [a for v in book.by_key.values() for a in v]
        seen = set()
        for a in sorted(actors, key=lambda a: a.name):
            if id(a) in seen:
                continue
            seen.add(id(a))
            for c in a.codes:
                if country and c.country != country.upper():
                    continue
                out.append(_entry_dict(a.name, a.aliases, c.country, c.sector, c.start, c.end, "builtin"))
    return out[:limit] if limit else out


def user_actors(session: Session) -> list[Actor]:
    """The stored actors as the NLP pass takes them: one per name and alias list, with its codes."""
    grouped: dict[tuple[str, str], list[ActorEntry]] = {}
    for e in session.scalars(select(ActorEntry).order_by(ActorEntry.id)):
        grouped.setdefault((e.name, e.aliases or ""), []).append(e)
    return [Actor(name, tuple(a.strip() for a in aliases.split("|") if a.strip()),
                  tuple(ActorCode(e.country, e.sector, e.start_date, e.end_date) for e in entries), source="user")
            for (name, aliases), entries in grouped.items()]


def load_user_actors(engine: Engine) -> list[Actor]:
    from .store.db import session_scope

    with session_scope(engine) as s:
        return user_actors(s)
