"""Duplicate entities on the bundled samples (seed + ten Wikinews articles), annotated by hand.

The people below were checked by reading the articles: each group is one person and must be
one entity; each pair of different people sharing a surname must stay two.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from clikit import kb, kb_json
from kb.store.db import open_database, session_scope
from kb.store.quality import duplicate_candidates

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
ONE_PERSON = {  # canonical name -> other ways the articles write it
    "Nicolas Maduro": ["Maduro"],
    "Nancy Pelosi": ["Pelosi"],
    "Donald Trump": ["Trump"],
    "Recep Tayyip Erdoğan": ["Erdogan", "Erdoğan"],
    "Jarosław Kaczyński": ["Kaczyński"],
    "Tony Mendez": ["Mendez"],
    "Theresa May": [],
    "Edmundo Gonzalez Urrutia": [],
}
DIFFERENT_PEOPLE = [("Tony Mendez", "Jonna Mendez"), ("Terry Melcher", "Marty Melcher")]


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('dups') / 'kb.sqlite'}"
    assert kb("ingest", str(SAMPLES), db=url).exit_code == 0
    return url


def test_no_likely_duplicates_on_the_samples(samples_db):
    with session_scope(open_database(samples_db)) as s:
        assert [p.as_dict() for p in duplicate_candidates(s)] == []


@pytest.mark.parametrize("name,variants", ONE_PERSON.items())
def test_each_person_is_one_entity(samples_db, name, variants):
    people = kb_json("entities", "--type", "PERSON", db=samples_db)
    hits = [p for p in people if p["name"] == name or name in p["aliases"]
            or any(v == p["name"] for v in variants)]
    assert len(hits) == 1, hits


@pytest.mark.parametrize("a,b", DIFFERENT_PEOPLE)
def test_people_sharing_a_surname_stay_apart(samples_db, a, b):
    names = {p["name"] for p in kb_json("entities", "--type", "PERSON", db=samples_db)}
    assert a in names and b in names


def test_the_checker_finds_what_it_is_for(tmp_path):
    """The check itself can fail: a surname-only person beside its full name is reported."""
    url = f"sqlite:///{tmp_path / 'kb.sqlite'}"
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("Senator Bernie Sanders spoke in Vermont on Monday.", encoding="utf-8")
    two.write_text("Voters in Iowa cheered when Sanders arrived on Tuesday, Sanders said.", encoding="utf-8")
    kb("ingest", str(one), str(two), db=url)
    with session_scope(open_database(url)) as s:
        pairs = duplicate_candidates(s)
    assert [(p.kind, p.name, p.other_name) for p in pairs] == [("surname", "Bernie Sanders", "Sanders")]
