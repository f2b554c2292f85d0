"""Reading users' actor files: PETRARCH .actors and CSV. Invented names throughout."""
from __future__ import annotations

import datetime as dt

import pytest

from kb.actors import read_actor_csv, read_actor_file, read_petrarch
from kb.errors import InputError

PETRARCH = """\
# a comment line
ZORBA_QUENTAL_  # trailing comment
+MINISTER_QUENTAL
+Z._QUENTAL
\t[ZAFELI 900101-150101]
\t[ZAFGOV >150101]
VELDT_PARTY [ZAFPTY]
NORTH_DESK
SOUTH_DESK
\t[NAMGOV]
"""


def test_petrarch_names_synonyms_and_dated_codes():
    rows = read_petrarch(PETRARCH, "mine.actors")
    quental = [r for r in rows if r.name == "Zorba Quental"]
    assert [(r.country, r.sector, r.start, r.end) for r in quental] == [
        ("ZAF", "ELI", dt.date(1990, 1, 1), dt.date(2015, 1, 1)), ("ZAF", "GOV", dt.date(2015, 1, 1), None)]
    assert quental[0].aliases == ("Minister Quental", "Z. Quental")
    assert quental[0].source == "mine.actors:2"
    assert [(r.name, r.sector) for r in rows if r.country == "ZAF" and r.name != "Zorba Quental"] == [("Veldt Party", "PTY")]


def test_petrarch_names_before_a_code_line_share_it():
    rows = read_petrarch(PETRARCH, "mine.actors")
    assert {(r.name, r.country, r.sector) for r in rows if r.country == "NAM"} == {
        ("North Desk", "NAM", "GOV"), ("South Desk", "NAM", "GOV")}


@pytest.mark.parametrize("text, line, words", [
    ("ZORBA\n\t[XXXGOV]\n", 2, "unknown country"),
    ("ZORBA\n\t[ZAFGOV 1501]\n", 2, "bad date"),
    ("ZORBA\n\t[ZAFGOVX]\n", 2, "bad sector"),
    ("+ALONE\n", 1, "before any name"),
    ("ZORBA\n", 1, "has no code"),
])
def test_petrarch_errors_name_the_file_and_line(text, line, words):
    with pytest.raises(InputError) as exc:
        read_petrarch(text, "bad.actors")
    assert str(exc.value).startswith(f"bad.actors:{line}: ") and words in str(exc.value)


def test_csv_rows_with_aliases_and_open_end():
    rows = read_actor_csv("name,aliases,country,sector,start,end\n"
                          "Mira Oskarsson,Oskarsson|M. Oskarsson,swe,gov,2016-02-01,\n"
                          "Veldt Guard,,,MIL,2001,2003-05-01\n", "mine.csv")
    assert [(r.name, r.aliases, r.country, r.sector, r.start, r.end) for r in rows] == [
        ("Mira Oskarsson", ("Oskarsson", "M. Oskarsson"), "SWE", "GOV", dt.date(2016, 2, 1), None),
        ("Veldt Guard", (), None, "MIL", dt.date(2001, 1, 1), dt.date(2003, 5, 1))]


@pytest.mark.parametrize("body, words", [
    ("name,country\nX,SWE\n", "header"),
    ("name,aliases,country,sector,start,end\nX,,SWE,GOV,2016-13-01,\n", "bad start date"),
    ("name,aliases,country,sector,start,end\nX,,QQQ,GOV,,\n", "unknown country"),
    ("name,aliases,country,sector,start,end\nX,,,,,\n", "neither a country nor a sector"),
    ("name,aliases,country,sector,start,end\nX,,SWE,GOV,2016,2015\n", "not after start"),
])
def test_csv_errors(body, words):
    with pytest.raises(InputError, match=words):
        read_actor_csv(body, "bad.csv")


def test_a_file_that_is_not_text_is_refused(tmp_path):
    p = tmp_path / "x.actors"
    p.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="not UTF-8"):
        read_actor_file(str(p))
