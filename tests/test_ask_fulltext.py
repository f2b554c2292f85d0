"""`kb ask` beyond its own reading: full-text search, counts, role holders, names, SQL, on both
backends, over three small hand-written articles (tests/fixtures/ask/three-articles.jsonl)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from clikit import kb, kb_json

ARTICLES = Path(__file__).parent / "fixtures" / "ask" / "three-articles.jsonl"


@pytest.fixture(scope="module")
def db(module_db_url):
    res = kb("ingest", str(ARTICLES), db=module_db_url)
    assert res.exit_code == 0, res.output
    return module_db_url


def ask(db: str, question: str, *args: str) -> dict:
    res = kb("ask", question, "--json", *args, db=db)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_a_question_the_reading_cannot_map_is_answered_by_full_text_and_says_so(db):
    a = ask(db, "troops withdraw")  # the text says "The withdrawal of troops": matched by stem
    assert a["answered_by"] == "full-text fallback"
    assert any("full-text fallback" in n for n in a["notes"])
    assert "withdrawal of troops" in a["results"][0]["sentence"]


def test_words_rank_the_events_the_reading_found(db):
    a = ask(db, "Who did Trump meet in Ottawa?")
    top = a["results"][0]
    assert top["type"] == "CONSULT" and "Justin Trudeau" in [r["name"] for r in top["recipients"]]


def test_people_are_counted_over_every_matching_event_not_the_rows_shown(db):
    one, ten = ask(db, "How many people died?", "-n", "1"), ask(db, "How many people died?", "-n", "10")
    # 22 killed in El Paso and 5 dead in Chicago; the 24 injured are not dead
    assert one["count"] == ten["count"] == 27
    assert one["counted"] == "people" and len(one["results"]) == 1 and one["total"] == 2
    summed = {r["count"] for r in ten["results"]}
    assert summed == {22, 5}


def test_a_place_narrows_a_count(db):
    assert ask(db, "How many people were killed in El Paso?")["count"] == 22


def test_how_many_events_counts_events(db):
    a = ask(db, "How many meetings did Donald Trump have?")
    assert a["counted"] == "events" and a["count"] == len([r for r in a["results"] if r["type"] == "CONSULT"]) >= 1


def test_the_role_holder_is_the_newest_statement_and_others_are_former(db):
    rows = ask(db, "Who is the president of the United States?")["results"]
    assert [(r["name"], r["holder"]) for r in rows[:2]] == [("Donald Trump", "current"), ("Barack Obama", "former")]
    rows = ask(db, "Who is the president of the United States?", "--as-of", "2018-01-01")["results"]
    assert [(r["name"], r["holder"]) for r in rows] == [("Barack Obama", "current")]


def test_a_day_in_the_question_finds_that_days_events(db):
    a = ask(db, "What happened on 9 August 2019?")
    assert a["understood"]["since"] == a["understood"]["until"] == "2019-08-09"
    assert [r["trigger"] for r in a["results"]] == ["met"]


def test_dates_shown_are_the_events_own_or_marked_published(db):
    # the event's own date, the story's day where it is told ('story'), or the publication date
    for r in ask(db, "Who did Donald Trump accuse?")["results"]:
        if r["kind"] == "event":
            assert r["date"] and r["date_precision"] in {"day", "month", "year", "story", "published"}
    # an event with no date of its own nor from the story it is told in shows the publication
    # date, marked so (every event of these three short stories has one or the other now)
    for r in kb_json("events", db=db):
        assert r["date_precision"] != "published" or r["date"] == r["document"]["published"]


def test_the_sql_statement_returns_the_answers_rows(db):
    for question in ("Who did Trump meet?", "How many people died?", "troops withdraw",
                     "Who is the president of the United States?", "What did Donald Trump say about hatred?"):
        a = ask(db, question)
        assert a["sql"].count(";") == 0 and "?" not in a["sql"]
        res = kb("sql", a["sql"], "--json", db=db)
        assert res.exit_code == 0, (question, a["sql"], res.output)
        rows = json.loads(res.stdout)
        key = "entity_id" if a["kind"] == "role_holder" else ("quote_id" if "quote_id" in (rows[0] if rows else {}) else "id")
        assert [r[key] for r in rows] == [r["id"] for r in a["results"]], question
        if key == "id":
            assert [r["kind"] for r in rows] == [r["kind"] for r in a["results"]]


def test_sql_option_prints_the_statement(db):
    res = kb("ask", "Who did Trump meet?", "--sql", db=db)
    assert res.exit_code == 0 and "FROM event_view" in res.stdout


def test_csv_and_the_cut_list_are_said(db):
    res = kb("ask", "How many people died?", "--csv", "-n", "1", db=db)
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 1 and rows[0]["count"] == "22"
    assert "showing 1 of 2" in res.stderr


def test_a_bad_as_of_is_one_line(db):
    res = kb("ask", "events last month", "--as-of", "yesterday", db=db)
    assert res.exit_code == 1 and res.stderr.strip() == "kb: --as-of must be a day as YYYY-MM-DD, not 'yesterday'"


def test_a_stray_entity_does_not_take_a_well_known_name(db):
    from kb.store.db import open_database, session_scope
    from kb.store.models import Entity

    with session_scope(open_database(db)) as s:
        s.add(Entity(name="Trump", name_key="trump", type="ORG"))
    a = ask(db, "Who did Trump meet?")
    assert [r["name"] for r in a["understood"]["actors"]] == ["Donald Trump"]


def test_the_index_follows_reprocessing_and_curation(db):
    from kb.store import search
    from kb.store.db import open_database, session_scope

    engine = open_database(db)
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM search_items")).scalar()
    assert kb("ingest", str(ARTICLES), "--reprocess", db=db).exit_code == 0
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_items")).scalar() == before
    assert kb("entities", "rename", "Justin Trudeau", "Justin Pierre Trudeau", db=db).exit_code == 0
    with session_scope(engine) as s:
        kinds = {h.kind for h in search.search(s, ["pierre"])}
    # the entity's name and the event it took part in now carry the new name
    assert {"entity", "event"} <= kinds


@pytest.mark.parametrize("words", [["meet", "met"], ["meeting", "meet", "talks"], ["killed", "shooting", "el", "paso"]])
def test_rows_searched_by_id_keep_the_scores_the_whole_index_gives_them(db, words):
    """kb ask ranks its candidate events' rows by id (on SQLite without a MATCH over the whole
    index): each row keeps the score an unrestricted search gives it, a word twice by stem
    ("meeting", "meet") counting twice, as in FTS5's bm25."""
    from kb.store import search
    from kb.store.db import open_database, session_scope

    with session_scope(open_database(db)) as s:
        every = {(h.kind, h.ref_id): h.score for h in search.search(s, words, limit=100000)}
        assert every, words
        pick = sorted(every)[::2]  # every other row that holds the words ...
        refs: dict[str, list[int]] = {}
        for kind, ref_id in pick:
            refs.setdefault(kind, []).append(ref_id)
        # ... and some that do not
        refs.setdefault("sentence", []).extend(r[0] for r in s.execute(text("SELECT id FROM sentences LIMIT 5")))
        got = {(h.kind, h.ref_id): h.score for h in search.search(s, words, refs=refs, limit=100000)}
    assert set(got) == set(pick) | {k for k in every if k[0] in refs and k[1] in refs[k[0]]}
    for key, score in got.items():
        assert score == pytest.approx(every[key], rel=1e-9), key


@pytest.mark.parametrize("words", [["president", "united", "states"], ["troops", "withdrawal", "syria", "meeting"],
                                   ["trump", "president", "killed"], ["chicago", "fire", "people", "died"]])
def test_the_best_rows_are_those_of_one_search_over_every_row(db, words, monkeypatch):
    """On PostgreSQL a search over the whole index reads the rows holding two of the words first
    when there are enough of them (every such row outranks every row of one word): the same rows
    as one search over all the rows that hold any word, with rows of equal score kept by id, at
    every limit."""
    from kb.store import search
    from kb.store.db import open_database, session_scope

    engine = open_database(db)
    taken = []
    paired = search._best_of_several_words_pg

    def spy(*a, **k):
        found = paired(*a, **k)
        taken.append(found is not None)
        return found

    with session_scope(engine) as s:
        for limit in range(1, 12):
            monkeypatch.setattr(search, "_best_of_several_words_pg", lambda *a, **k: None)
            every = [(h.kind, h.ref_id, h.score) for h in search.search(s, words, limit=limit)]
            monkeypatch.setattr(search, "_best_of_several_words_pg", spy)
            got = [(h.kind, h.ref_id, h.score) for h in search.search(s, words, limit=limit)]
            assert sorted(got) == sorted(every), limit
    if engine.dialect.name == "postgresql":
        # both ways were taken: enough rows of two words for the small limits, too few for the large
        assert True in taken and False in taken, taken
