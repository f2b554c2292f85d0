"""Entities across articles: one row per person, in any order, and corrections that last."""
from __future__ import annotations

import json

import pytest

from clikit import kb, kb_json

ARTICLES = {
    "a.txt": "Venezuelan President Nicolas Maduro met Russian Deputy Prime Minister Dmitry Chernyshenko in Caracas. "
             "Maduro said the talks went well.",
    "b.txt": "Nicolás Maduro, the president of Venezuela, spoke in Caracas on Monday.",
    "c.txt": "Former U.S. Secretary of State Hillary Clinton visited Paris. Clinton praised France.",
    "d.txt": "Former U.S. President Bill Clinton visited Berlin. Clinton met German officials.",
}


def write(tmp_path, names):
    paths = []
    for n in names:
        p = tmp_path / n
        p.write_text(ARTICLES[n], encoding="utf-8")
        paths.append(str(p))
    return paths


def people(db):
    return sorted((e["name"], e["country"]) for e in kb_json("entities", "--type", "PERSON", db=db))


def test_accents_and_titles_do_not_make_a_second_person(tmp_path, sqlite_url):
    kb("ingest", *write(tmp_path, ["a.txt", "b.txt"]), db=sqlite_url)
    names = [n for n, _ in people(sqlite_url)]
    assert len([n for n in names if "Maduro" in n]) == 1


def test_two_people_with_one_surname_stay_apart(tmp_path, sqlite_url):
    kb("ingest", *write(tmp_path, ["c.txt", "d.txt"]), db=sqlite_url)
    names = [n for n, _ in people(sqlite_url)]
    assert "Hillary Clinton" in names and "Bill Clinton" in names
    assert "Clinton" not in names


def test_ingestion_order_does_not_change_the_entities(tmp_path_factory):
    results = []
    for order in (["a.txt", "b.txt", "c.txt", "d.txt"], ["d.txt", "b.txt", "c.txt", "a.txt"]):
        tmp = tmp_path_factory.mktemp("order")
        url = f"sqlite:///{tmp / 'kb.sqlite'}"
        for path in write(tmp, order):  # one run per file, so the order is the order of arrival
            kb("ingest", path, db=url)
        results.append(sorted((e["name"], e["type"], e["country"], tuple(sorted(e["aliases"])))
                              for e in kb_json("entities", db=url)))
    assert results[0] == results[1]


@pytest.fixture
def curated(tmp_path, sqlite_url):
    paths = write(tmp_path, ["a.txt", "b.txt", "c.txt", "d.txt"])
    assert kb("ingest", *paths, db=sqlite_url).exit_code == 0
    return sqlite_url, paths


def test_merge_survives_reprocess(curated):
    db, paths = curated
    assert kb("entities", "merge", "Hillary Clinton", "Bill Clinton", db=db).exit_code == 0
    kb("ingest", *paths, "--reprocess", db=db)
    names = [n for n, _ in people(db)]
    assert "Bill Clinton" not in names and "Hillary Clinton" in names
    prof = kb_json("entity", "Hillary Clinton", db=db)
    assert len(prof["documents"]) == 2


def test_rename_and_alias_survive_reprocess(curated):
    db, paths = curated
    kb("entities", "rename", "Chernyshenko", "Dmitry Nikolayevich Chernyshenko", db=db)
    kb("entities", "alias", "add", "Nicolas Maduro", "Maduro Moros", db=db)
    kb("ingest", *paths, "--reprocess", db=db)
    names = [n for n, _ in people(db)]
    assert "Dmitry Nikolayevich Chernyshenko" in names and "Dmitry Chernyshenko" not in names
    assert "Maduro Moros" in kb_json("entity", "Nicolas Maduro", db=db)["aliases"]


def test_split_survives_reprocess(tmp_path, sqlite_url):
    one = tmp_path / "one.txt"
    one.write_text("Senator Ted Cruz spoke in Austin. Cruz praised Texas.", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Cruz scored twice in Madrid on Sunday, Cruz said.", encoding="utf-8")
    kb("ingest", str(one), str(two), db=sqlite_url)
    kb("entities", "merge", "Ted Cruz", "Cruz", db=sqlite_url)  # a wrong merge ...
    res = kb("entities", "split", "Ted Cruz", "--alias", "Cruz", db=sqlite_url)  # ... undone
    assert res.exit_code == 0
    kb("ingest", str(one), str(two), "--reprocess", db=sqlite_url)
    ted = kb_json("entity", "Ted Cruz", db=sqlite_url)
    assert [d["title"] for d in ted["documents"]] == [None] and len(ted["documents"]) == 1
    assert kb_json("entity", "Cruz", db=sqlite_url)["name"] == "Cruz"


def test_curations_are_recorded(curated):
    db, _ = curated
    kb("entities", "alias", "add", "Nicolas Maduro", "Maduro Moros", db=db)
    rows = kb_json("sql", "SELECT action, name FROM curations", db=db)
    assert rows == [{"action": "alias", "name": "Maduro Moros"}]


def test_ambiguous_name_asks_for_an_id(curated):
    db, _ = curated
    res = kb("entities", "merge", "Clinton", "Hillary Clinton", db=db)
    assert res.exit_code == 1 and "Traceback" not in res.output


def test_entity_finds_typos_and_missing_accents(curated):
    db, _ = curated
    assert kb_json("entity", "Chernishenko", db=db)["name"] == "Dmitry Chernyshenko"
    assert kb_json("entity", "NICOLÁS maduro", db=db)["name"] in {"Nicolas Maduro", "Nicolás Maduro"}
    assert kb("entity", "Zzyzx Qwerty", db=db).exit_code == 1
