"""`kb changes` and `kb export --changed-since`: exactly the rows a re-extraction and a merge
added, changed and removed, on both backends."""
from __future__ import annotations

import datetime as dt
import json
import time

from clikit import kb, kb_json

ARTICLES = {
    "a.txt": 'Germany and France signed a defence agreement in Berlin on Tuesday. Chancellor Olaf Scholz said '
             'the deal would "make Europe safer".',
    "b.txt": "French President Emmanuel Macron met Chancellor Olaf Scholz in Paris on Friday.",
    # "Macron" alone in another article is another entity until a person merges them
    "c.txt": 'Macron said on Monday that France would "stand with Ukraine". Macron met Spanish Prime Minister '
             "Pedro Sanchez in Madrid on Tuesday.",
}


def ids(db, sql):
    return sorted(r["id"] for r in kb_json("sql", sql, db=db))


def now() -> str:
    time.sleep(0.01)  # the clock moves on: rows stamped before and after are told apart
    stamp = dt.datetime.now(dt.timezone.utc).isoformat()
    time.sleep(0.01)
    return stamp


def change_ids(result, kind, table):
    return sorted(r["id"] for r in result[kind][table])


def test_changes_after_a_reprocess_and_a_merge_are_exactly_the_rows_touched(tmp_path, db_url, monkeypatch):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    res = kb("ingest", *(str(tmp_path / n) for n in ARTICLES), "--workers", "0", db=db_url)
    assert res.exit_code == 0, res.output
    since = now()
    assert kb_json("changes", "--since", since, db=db_url)["added"] == {"events": [], "entities": [], "quotes": []}

    # re-extraction with the same rules finds the same rows: they keep their ids, nothing changed
    before = kb_json("sql", "SELECT id, type, created_at, updated_at FROM events ORDER BY id", db=db_url)
    res = kb("ingest", str(tmp_path / "b.txt"), "--reprocess", "--workers", "0", db=db_url)
    assert res.exit_code == 0 and "1 re-extracted" in res.stdout, res.output
    assert kb_json("sql", "SELECT id, type, created_at, updated_at FROM events ORDER BY id", db=db_url) == before
    empty = kb_json("changes", "--since", since, db=db_url)
    assert all(not empty[k][t] for k in ("added", "changed", "removed") for t in ("events", "entities", "quotes"))

    # re-extraction with rules that no longer read quotes in a.txt: its quotes go, its events stay
    [doc_a] = ids(db_url, "SELECT id FROM documents WHERE origin LIKE '%a.txt'")
    a_quotes = ids(db_url, f"SELECT id FROM quotes WHERE document_id = {doc_a}")
    assert a_quotes
    from kb.nlp.extract import Extractor

    # the ingest reads through pipe_guarded (one document's failure its own), which calls pipe
    real = Extractor.pipe_guarded

    def without_quotes(self, items, **kw):
        for ex in real(self, items, **kw):
            if hasattr(ex, "quotes"):
                ex.quotes = []
            yield ex

    monkeypatch.setattr(Extractor, "pipe_guarded", without_quotes)
    res = kb("ingest", str(tmp_path / "a.txt"), "--reprocess", "--workers", "0", db=db_url)
    assert res.exit_code == 0, res.output
    monkeypatch.setattr(Extractor, "pipe_guarded", real)

    [keep] = ids(db_url, "SELECT id FROM entities WHERE name = 'Emmanuel Macron'")
    [other] = ids(db_url, "SELECT id FROM entities WHERE name = 'Macron'")
    other_events = ids(db_url, f"SELECT event_id AS id FROM event_participants WHERE entity_id = {other} "
                               f"UNION SELECT id FROM events WHERE location_id = {other}")
    other_quotes = ids(db_url, f"SELECT id FROM quotes WHERE speaker_id = {other}")
    assert other_events and other_quotes
    res = kb("entities", "merge", f"#{keep}", f"#{other}", db=db_url)
    assert res.exit_code == 0, res.output

    result = kb_json("changes", "--since", since, db=db_url)
    assert change_ids(result, "removed", "events") == []
    assert change_ids(result, "removed", "quotes") == a_quotes
    assert change_ids(result, "removed", "entities") == [other]
    assert all(change_ids(result, "added", t) == [] for t in ("events", "entities", "quotes"))
    assert change_ids(result, "changed", "events") == other_events
    assert change_ids(result, "changed", "quotes") == other_quotes
    assert change_ids(result, "changed", "entities") == [keep]
    # the rows are given as they are now: the merged event names the kept entity
    [ev] = [e for e in result["changed"]["events"] if e["id"] == other_events[0]]
    assert keep in [a["id"] for a in ev["actors"] + ev["recipients"]]
    assert result["removed"]["entities"][0]["natural_key"] == "PERSON:macron"

    # the next pull, from `until`, holds nothing
    later = kb_json("changes", "--since", result["until"], db=db_url)
    assert all(not later[k][t] for k in ("added", "changed", "removed") for t in ("events", "entities", "quotes"))

    # the export gives the same changed events, and no removed ones
    res = kb("export", "--changed-since", since, db=db_url)
    assert res.exit_code == 0, res.output
    records = [json.loads(line) for line in res.stdout.splitlines()]
    assert sorted((int(r["id"][3:]), r["change"]) for r in records) == [(i, "changed") for i in other_events]


def test_re_extraction_that_drops_an_event_removes_it_and_one_that_finds_it_again_adds_it(tmp_path, sqlite_url,
                                                                                          monkeypatch):
    from kb.nlp.extract import Extractor

    path = tmp_path / "a.txt"
    path.write_text(ARTICLES["a.txt"], encoding="utf-8")
    kb("ingest", str(path), "--workers", "0", db=sqlite_url)
    [event] = ids(sqlite_url, "SELECT id FROM events")
    since = now()
    real = Extractor.pipe_guarded

    def without_events(self, items, **kw):
        for ex in real(self, items, **kw):
            if hasattr(ex, "events"):
                ex.events = []
            yield ex

    monkeypatch.setattr(Extractor, "pipe_guarded", without_events)
    kb("ingest", str(path), "--reprocess", "--workers", "0", db=sqlite_url)
    monkeypatch.setattr(Extractor, "pipe_guarded", real)
    gone = kb_json("changes", "--since", since, db=sqlite_url)
    assert change_ids(gone, "removed", "events") == [event] and change_ids(gone, "added", "events") == []
    res = kb("export", "--changed-since", since, "--format", "json", db=sqlite_url)
    assert [r["id"] for r in json.loads(res.stdout)["removed"]] == [event]
    middle = now()
    kb("ingest", str(path), "--reprocess", "--workers", "0", db=sqlite_url)
    back = kb_json("changes", "--since", middle, db=sqlite_url)
    [added] = back["added"]["events"]
    assert added["type"] == "SUPPORT" and back["removed"]["events"] == []


def test_a_bad_timestamp_is_one_line(sqlite_url):
    res = kb("changes", "--since", "yesterday", db=sqlite_url)
    assert res.exit_code == 1
    assert res.stderr.strip() == "kb: --since must be an ISO 8601 time such as 2026-11-29T14:00:00Z, not 'yesterday'"
