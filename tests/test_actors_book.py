"""The actor book: names to (country, sector) at a date, agent words to sectors. Invented names."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from kb.nlp.actors import Actor, ActorBook, ActorCode, parse_codes

D = dt.date

QUENTAL = Actor("Zorba Quental", ("Minister Quental", "Quental"), (
    ActorCode("ZAF", "ELI", D(1990, 1, 1), D(2015, 1, 1)),
    ActorCode("ZAF", "GOV", D(2015, 1, 1), D(2019, 6, 1)),
))
# an undated code is what holds when no dated one does (the Phoenix convention)
OSKARSSON = Actor("Mira Oskarsson", (), (ActorCode("SWE", "ELI"), ActorCode("SWE", "GOV", D(2016, 2, 1), D(2018, 1, 1))))
AGENTS = {"police": "COP", "interior ministry": "GOV", "rebel": "REB"}


def book() -> ActorBook:
    return ActorBook.of([QUENTAL, OSKARSSON], AGENTS)


def test_the_code_that_holds_on_the_day_gives_the_sector():
    assert book().lookup(["Zorba Quental"], D(2016, 5, 1)) == ("ZAF", "GOV")
    assert book().lookup(["Zorba Quental"], D(2010, 5, 1)) == ("ZAF", "ELI")


def test_after_every_range_the_country_still_holds_but_no_sector():
    assert book().lookup(["Zorba Quental"], D(2022, 1, 1)) == ("ZAF", None)


def test_a_dated_code_wins_over_the_undated_default():
    assert book().lookup(["Mira Oskarsson"], D(2017, 1, 1)) == ("SWE", "GOV")
    assert book().lookup(["Mira Oskarsson"], D(2019, 1, 1)) == ("SWE", "ELI")


def test_aliases_and_folded_spelling_match():
    assert book().lookup(["minister quental"], D(2016, 1, 1))[0] == "ZAF"
    assert book().lookup(["MIRA OSKARSSON"], None)[0] == "SWE"


def test_a_name_two_actors_of_different_countries_share_gives_no_country():
    other = Actor("Piet Quental", ("Quental",), (ActorCode("NLD", "GOV"),))
    assert ActorBook.of([QUENTAL, other]).lookup(["Quental"], D(2016, 1, 1))[0] is None


def test_single_words_can_be_refused():
    assert book().lookup(["Quental"], D(2016, 1, 1), single_words=False) == (None, None)


def test_a_users_entry_replaces_the_books_entries_for_that_name():
    mine = Actor("Zorba Quental", (), (ActorCode("NAM", "MIL"),), source="user")
    extended = book().extended([mine])
    assert extended.lookup(["Zorba Quental"], D(2016, 1, 1)) == ("NAM", "MIL")
    assert book().lookup(["Zorba Quental"], D(2016, 1, 1)) == ("ZAF", "GOV")  # the original is untouched
    assert extended.lookup(["Minister Quental"], D(2016, 1, 1)) == ("ZAF", "GOV")  # other names still the book's


def test_agent_words_singular_and_plural():
    b = book()
    assert b.agent_sector("police") == "COP"
    assert b.agent_sector("rebels") == "REB"
    assert b.agent_sector("Interior Ministry") == "GOV"
    assert b.agent_sector("bakers") is None


def test_codes_column_parses_open_ends():
    codes = parse_codes("USA GOV 2009-01-20 - | IGO IGO - - | - BUS 2001-02-03 2004-05-06")
    assert codes == (ActorCode("USA", "GOV", D(2009, 1, 20), None), ActorCode("IGO", "IGO", None, None),
                     ActorCode(None, "BUS", D(2001, 2, 3), D(2004, 5, 6)))


def test_the_shipped_book_loads_people_and_agents():
    b = ActorBook.builtin()
    assert len(b.by_key) > 25_000 and len(b.agents) > 3000
    # the international file: a UN secretary-general is coded IGO while in office
    assert b.lookup(["Kofi Annan"], dt.date(2001, 1, 1)) == ("IGO", "IGO")
    assert b.agent_sector("police") == "COP" and b.agent_sector("soldiers") == "MIL"


def test_shipped_tables_are_what_build_actors_writes():
    repo = Path(__file__).resolve().parents[1]
    res = subprocess.run([sys.executable, str(repo / "data/reference/build_actors.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
