"""The reference tables in data/reference and their reader kb.gazetteer."""
from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb import gazetteer as gz
from kb.gazetteer import PLACE_KINDS, TITLE_KINDS, Gazetteer, Place, read_table
from kb.text import normalize_name

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
STATES = ("member", "observer", "partial")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, str]]:
    return {row["alpha3"]: row for row in read_table("countries.tsv")}


@pytest.fixture(scope="module")
def aliases() -> list[dict[str, str]]:
    return read_table("country_aliases.tsv")


# --- lookups ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["U.S.", "US", "the U.S.", "the U.S.'s", "United States", "America",
                                  "United States of America", "USA", "the States"])
def test_united_states_names(gaz, text):
    place = gaz.lookup(text)
    assert place is not None and place.code == "USA"
    assert place.canonical == "United States"
    assert gaz.country_code(text) == "USA"


def test_great_britain(gaz):
    assert gaz.country_code("Great Britain") == "GBR"
    assert gaz.country_code("Britain") == "GBR"
    assert gaz.lookup("U.K.").canonical == "United Kingdom"


@pytest.mark.parametrize("text,kind", [("Kremlin", "seat"), ("the Kremlin", "seat"), ("Moscow", "capital"),
                                       ("Russia", "country"), ("Russian Federation", "variant"),
                                       ("Russian", "demonym"), ("Russians", "demonym")])
def test_russia(gaz, text, kind):
    place = gaz.lookup(text)
    assert place.code == "RUS" and place.kind == kind


def test_russia_is_called_russia(gaz):
    assert gaz.lookup("Russia") == Place("RUS", "country", "Russia")
    assert gaz.lookup("Russian Federation").canonical == "Russia"
    assert gaz.country_name("RUS") == "Russia"
    assert gaz.country_name("rus") == "Russia"
    assert gaz.country_name("XXX") is None


def test_demonym_means_the_country(gaz):
    assert gaz.lookup("Venezuelan") == Place("VEN", "demonym", "Venezuela")
    assert gaz.is_demonym("Venezuelan") and gaz.is_demonym("Venezuelans")
    assert not gaz.is_demonym("Venezuela") and not gaz.is_demonym("Caracas")


def test_capital_names_the_city(gaz):
    assert gaz.lookup("Caracas") == Place("VEN", "capital", "Caracas")
    assert gaz.lookup("Kiev") == Place("UKR", "capital", "Kyiv")


def test_seat_of_government(gaz):
    assert gaz.lookup("Miraflores Palace") == Place("VEN", "seat", "Miraflores Palace")
    assert gaz.lookup("Elysee").canonical == "Élysée Palace"
    assert gaz.country_code("Downing Street") == "GBR"
    assert gaz.country_code("the Pentagon") == "USA"


def test_organisations(gaz):
    assert gaz.lookup("U.N.") == Place("IGO", "igo", "United Nations")
    assert gaz.country_code("UN") == "IGO"
    assert gaz.lookup("Nato").canonical == "NATO"
    assert gaz.lookup("E.U.").canonical == "European Union"
    assert gaz.lookup("Amnesty International") == Place("NGO", "ngo", "Amnesty International")
    assert gaz.lookup("Doctors Without Borders") == gaz.lookup("MSF")
    assert gaz.country_name("IGO") is None


@pytest.mark.parametrize("text", ["us", "Us", "uk", "un", "eu", "who", "Who", "china", "chad", "turkey",
                                  "jordan", "russian", "venezuelan", "the states", "pa", "Pa"])
def test_running_text_words_are_not_names(gaz, text):
    assert gaz.lookup(text) is None
    assert not gaz.is_demonym(text)


def test_case_insensitive_lookup_for_typed_filters(gaz):
    assert gaz.country_code("us", case_sensitive=False) == "USA"
    assert gaz.country_code("russia", case_sensitive=False) == "RUS"


def test_capitals_and_headlines(gaz):
    assert gaz.country_code("RUSSIA") == "RUS"
    assert gaz.country_code("U.S.A.") == "USA"
    assert gaz.country_code("CoE") == gaz.country_code("COE") == "IGO"


def test_contested_and_non_states_are_left_out(gaz):
    for text in ("Kashmir", "Crimea", "England", "Kurdish", "Korean"):
        assert gaz.lookup(text) is None, text


def test_ambiguous_rows_do_not_resolve(gaz):
    assert gaz.lookup("Victoria") is None  # Seychelles, but mostly the Australian state
    assert gaz.lookup("Congolese").code == "COD"
    assert gaz.lookup("Dominican").code == "DOM"
    assert gaz.is_demonym("Dominican")
    assert not gaz.is_demonym("Vatican")  # the country's name, kept as its adjective


def test_congo_is_the_drc(gaz):
    assert gaz.country_code("Congo") == "COD"
    assert gaz.country_code("Republic of Congo") == "COG"
    assert gaz.country_code("Republic of the Congo") == "COG"


def test_hong_kong_has_its_own_code(gaz):
    assert gaz.lookup("Hong Kong") == Place("HKG", "country", "Hong Kong")
    assert gaz.country_code("Gaza") == "PSE"
    assert gaz.country_code("Geneva") == "CHE"


# --- normalisation ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,key", [
    ("U.S.", "us"), ("The U.S.'s", "us"), ("the U.S.’s", "us"), ("Russia's", "russia"),
    ("Venezuelans’", "venezuelans"), ("Côte d’Ivoire", "cote d'ivoire"), ("Guinea-Bissau", "guinea bissau"),
    ("  New   York ", "new york"), ("ÉLYSÉE", "elysee"), ("St. Petersburg", "st petersburg"),
])
def test_normalize_name(text, key):
    assert normalize_name(text) == key


@given(st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_lookup_takes_any_text(text):
    place = Gazetteer.load().lookup(text)
    assert place is None or place.kind in PLACE_KINDS
    assert normalize_name(text) == " ".join(normalize_name(text).split())


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz .'-", min_size=1, max_size=20))
@settings(max_examples=300, deadline=None)
def test_lower_case_words_never_resolve(text):
    gaz = Gazetteer.load()
    assert gaz.lookup(text) is None
    assert not gaz.is_demonym(text)


# --- titles -------------------------------------------------------------------------------------

@pytest.mark.parametrize("words,title,used", [
    (["Deputy", "Prime", "Minister", "Dmitry"], "deputy prime minister", 3),
    (["prime", "minister"], "prime minister", 2),
    (["President", "Nicolas", "Maduro"], "president", 1),
    (["Foreign", "Minister", "Sergei"], "foreign minister", 2),
    (["Secretary-General", "Antonio"], "secretary-general", 1),
    (["Secretary", "-", "General", "Antonio"], "secretary-general", 3),
    (["Lt.", "Gen.", "Smith"], "lieutenant general", 2),
    (["Sen.", "Smith"], "senator", 1),
    (["Chargé", "d'affaires"], "chargé d'affaires", 2),
    (["secretary", "of", "state", "Blinken"], "secretary of state", 3),
])
def test_title_prefix(gaz, words, title, used):
    assert gaz.title_prefix(words) == title
    assert gaz.title_match(words) == (title, used)


@pytest.mark.parametrize("words", [[], ["Nicolas"], ["Minister-designate"], ["the", "president"]])
def test_no_title(gaz, words):
    assert gaz.title_prefix(words) is None


def test_titles_table(gaz):
    titles = gaz.titles()
    assert len(titles) >= 150
    assert titles["prime minister"] == "head_of_government"
    assert titles["president"] == "head_of_state"
    assert titles["foreign minister"] == "minister"
    assert titles["pope"] == "religious"
    for title, kind in titles.items():
        assert title == title.lower().strip() and kind in TITLE_KINDS, title
    titles["prime minister"] = "changed"
    assert gaz.titles()["prime minister"] == "head_of_government"  # a copy


def test_title_variants_have_the_words_of_their_title():
    # Callers count a title's words to step over it, so an abbreviation stands for as many words.
    for row in read_table("titles.tsv"):
        for variant in filter(None, row["variants"].split("|")):
            assert len(variant.split()) == len(row["title"].split()), (row["title"], variant)


# --- data integrity -----------------------------------------------------------------------------

def test_alias_codes_exist(countries, aliases):
    missing = sorted({row["alpha3"] for row in aliases} - set(countries))
    assert not missing


def test_alias_rows_are_well_formed(aliases):
    for row in aliases:
        assert row["alias"] and row["kind"] in gz.ALIAS_KINDS, row
        assert row["flags"] in ("", "ambiguous"), row
        if row["kind"] in ("variant", "demonym"):
            assert not row["canonical"], row  # always the country's name


def test_canonical_cells_name_a_listed_alias(aliases):
    listed = {(row["alpha3"], row["alias"]) for row in aliases}
    for row in aliases:
        if row["canonical"]:
            assert (row["alpha3"], row["canonical"]) in listed, row


def test_no_hand_kept_name_means_two_things(countries, aliases):
    codes: dict[str, set[str]] = defaultdict(set)
    for code, row in countries.items():
        codes[normalize_name(row["name"])].add(code)
    for row in aliases:
        if row["flags"] != "ambiguous":
            codes[normalize_name(row["alias"])].add(row["alpha3"])
    for row in read_table("igos.tsv"):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            codes[normalize_name(name)].add(row["code"])
    clashes = {key: sorted(found) for key, found in codes.items() if len(found) > 1}
    assert not clashes


def test_every_listed_name_finds_its_own_code(gaz, countries, aliases):
    for code, row in countries.items():
        assert gaz.lookup(row["name"]) == Place(code, "country", row["name"])
    for row in aliases:
        if row["flags"] != "ambiguous":
            assert gaz.country_code(row["alias"]) == row["alpha3"], row
    for row in read_table("igos.tsv"):
        assert gaz.lookup(row["name"]) == Place(row["code"], row["code"].lower(), row["name"])


def test_igo_codes():
    rows = read_table("igos.tsv")
    assert {row["code"] for row in rows} == {"IGO", "NGO"}
    assert len({row["name"] for row in rows}) == len(rows)


def test_state_counts(countries):
    status = defaultdict(list)
    for code, row in countries.items():
        status[row["status"]].append(code)
    assert len(status["member"]) == 193
    assert sorted(status["observer"]) == ["PSE", "VAT"]
    assert sorted(status["partial"]) == ["TWN", "XKX"]
    assert set(status) <= {"member", "observer", "partial", "territory", "historical"}


def test_every_state_has_a_capital_and_a_demonym(countries, aliases):
    by_kind: dict[str, set[str]] = defaultdict(set)
    for row in aliases:
        by_kind[row["kind"]].add(row["alpha3"])
    states = {code for code, row in countries.items() if row["status"] in STATES}
    assert len(states) == 197
    assert not sorted(states - by_kind["capital"]), "states without a capital"
    assert not sorted(states - by_kind["demonym"]), "states without a demonym"


def test_tables_are_clean_tsv():
    for path in sorted(REFERENCE.glob("*.tsv")):
        if path.name not in {"countries.tsv", "countries_extra.tsv", "country_overrides.tsv",
                             "sovereign_states.tsv", "country_aliases.tsv", "igos.tsv", "titles.tsv"}:
            continue  # tables that other modules own
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and "\r" not in text, path.name
        lines = text.splitlines()
        width = len(lines[0].split("\t"))
        for number, line in enumerate(lines, start=1):
            cells = line.split("\t")
            assert len(cells) == width, f"{path.name}:{number}"
            assert all(cell == cell.strip() for cell in cells), f"{path.name}:{number}"


# --- generation and loading ---------------------------------------------------------------------

def test_countries_tsv_is_what_build_py_writes():
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("reference_build", REFERENCE / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    committed = (REFERENCE / "countries.tsv").read_text(encoding="utf-8")
    assert build.render() == committed, "countries.tsv is stale: run python3 data/reference/build.py"


def test_loading_is_cached():
    # load time is a figure (bench/gazetteer_load.py), not an assertion: timings fail on busy machines
    gz._load.cache_clear()
    first = Gazetteer.load()
    assert Gazetteer.load() is first
    assert first.lookup("Georgia").code == "GEO"


def test_us_states_are_regions_of_the_united_states(gaz):
    # "South Carolina Governor X": a state the table lacked left the governor's country to the
    # article's main country; Washington and Georgia stay out (a capital's and a country's name)
    for name in ["South Carolina", "New Jersey", "Oregon", "West Virginia"]:
        place = gaz.lookup(name)
        assert place is not None and place.code == "USA" and place.kind == "region"
    assert gaz.lookup("Georgia").code == "GEO"
    assert gaz.lookup("Washington").kind == "capital"
