"""`kb ingest` on every input format, end to end into a database, and bad input per format."""
from __future__ import annotations

import json

import pytest

from clikit import kb, kb_json

ARTICLE = ("Germany and France signed a defence agreement in Berlin on Tuesday. "
           "Chancellor Olaf Scholz said the deal would \"make Europe safer\".")


def ingest(db, *paths, input=None):
    res = kb("ingest", *map(str, paths), "--json", db=db, input=input)
    return res, json.loads(res.stdout)


def test_plain_text_file(tmp_path, sqlite_url):
    path = tmp_path / "plain.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    res, report = ingest(sqlite_url, path)
    assert res.exit_code == 0 and report["added"] == 1
    docs = kb_json("documents", db=sqlite_url)
    assert docs[0]["origin"].endswith("plain.txt")
    assert any(e["type"] == "SUPPORT" for e in kb_json("events", db=sqlite_url))


def test_markdown_file_takes_its_heading_as_title(tmp_path, sqlite_url):
    path = tmp_path / "story.md"
    path.write_text("# Defence pact\n\n" + ARTICLE, encoding="utf-8")
    ingest(sqlite_url, path)
    assert kb_json("documents", db=sqlite_url)[0]["title"] == "Defence pact"


def test_jsonl_with_metadata(tmp_path, sqlite_url):
    path = tmp_path / "a.jsonl"
    rows = [{"text": ARTICLE, "url": "https://example.org/a", "title": "A", "published": "2024-03-05", "source": "Wire"},
            {"text": "Protesters rallied in Paris on Monday against the pension reform.", "url": "https://example.org/b"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    res, report = ingest(sqlite_url, path)
    assert report["added"] == 2
    docs = {d["url"]: d for d in kb_json("documents", db=sqlite_url)}
    assert docs["https://example.org/a"]["published"] == "2024-03-05"
    signing = [e for e in kb_json("events", "--type", "SUPPORT", db=sqlite_url)]
    assert signing[0]["date"] == "2024-03-05"  # "Tuesday" of a Tuesday article is that day


def test_csv_with_header(tmp_path, sqlite_url):
    from tests_data import wikinews_sample

    res, report = ingest(sqlite_url, wikinews_sample())
    assert res.exit_code == 0 and report["added"] == 2 and report["failed"] == 0
    assert all(d["url"].startswith("https://en.wikinews.org") for d in kb_json("documents", db=sqlite_url))


def test_folder_is_read_recursively(tmp_path, sqlite_url):
    (tmp_path / "in" / "deep").mkdir(parents=True)
    (tmp_path / "in" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "deep" / "two.txt").write_text("Japan and India held talks in Tokyo on trade.", encoding="utf-8")
    _, report = ingest(sqlite_url, tmp_path / "in")
    assert report["added"] == 2


def test_stdin(sqlite_url):
    res, report = ingest(sqlite_url, "-", input=ARTICLE)
    assert res.exit_code == 0 and report["added"] == 1


def test_reingest_is_idempotent_and_reprocess_re_extracts(tmp_path, sqlite_url):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    ingest(sqlite_url, path)
    before = kb_json("sql", "SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM events) e, "
                            "(SELECT count(*) FROM entities) n, (SELECT count(*) FROM mentions) m", db=sqlite_url)
    _, again = ingest(sqlite_url, path)
    assert again["added"] == 0 and again["skipped"] == 1
    # the same text under another name is the same article
    copy = tmp_path / "copy.txt"
    copy.write_text(ARTICLE + "\n", encoding="utf-8")
    assert ingest(sqlite_url, copy)[1]["skipped"] == 1
    res = kb("ingest", str(path), "--reprocess", "--json", db=sqlite_url)
    assert json.loads(res.stdout)["reprocessed"] == 1
    after = kb_json("sql", "SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM events) e, "
                           "(SELECT count(*) FROM entities) n, (SELECT count(*) FROM mentions) m", db=sqlite_url)
    assert after == before


def test_same_article_twice_in_one_batch(tmp_path, sqlite_url):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE, encoding="utf-8")
    _, report = ingest(sqlite_url, a, b)
    assert report["added"] == 1 and report["skipped"] == 1


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x00\x01\x02binary\x00", "binary"),
    ("broken.jsonl", b'{"text": "Fine article about Spain and Portugal signing a treaty."}\n{not json\n', ":2:"),
    ("notext.jsonl", b'{"title": "no text here"}\n', "text"),
    ("nocolumn.csv", b"url,title\nhttps://x,T\n", "text"),
    ("ragged.csv", b'url,text\nhttps://a,"Spain and Portugal signed a treaty."\nhttps://b,too,many,fields\n', ":3"),
])
def test_bad_input_is_named_and_the_rest_goes_on(tmp_path, sqlite_url, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    res = kb("ingest", str(bad), str(good), "--json", db=sqlite_url)
    assert res.exit_code == 1
    assert name in res.stderr and message in res.stderr
    assert "Traceback" not in res.stderr
    report = json.loads(res.stdout)
    assert report["failed"] >= 1 and report["added"] >= 1
    titles = [d["origin"] for d in kb_json("documents", db=sqlite_url)]
    assert any(o.endswith("good.txt") for o in titles)


def test_missing_file_is_one_line(sqlite_url):
    res = kb("ingest", "/no/such/file.txt", db=sqlite_url)
    assert res.exit_code == 1
    assert "/no/such/file.txt" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_a_document_that_fails_to_store_leaves_nothing_behind(tmp_path, sqlite_url, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import kb.store.writer as writer

    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    real = writer.store_extraction

    def half_then_fail(session, doc, ex):
        real(session, doc, ex)
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr("kb.ingest.service.store_extraction", half_then_fail)
    res = kb("ingest", str(path), "--json", db=sqlite_url)
    assert res.exit_code == 1 and "disk I/O error" in res.stderr
    counts = kb_json("sql", "SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM sentences) s, "
                            "(SELECT count(*) FROM events) e", db=sqlite_url)
    assert counts == [{"d": 0, "s": 0, "e": 0}]


def test_workers_store_the_same_rows_as_one_process(tmp_path):
    from tests_data import wikinews_sample

    counts = []
    for workers in ("0", "1", "2"):
        url = f"sqlite:///{tmp_path / f'w{workers}.sqlite'}"
        res = kb("ingest", str(wikinews_sample()), "--workers", workers, db=url)
        assert res.exit_code == 0, res.output
        counts.append(kb_json("sql", "SELECT (SELECT count(*) FROM documents) d, (SELECT count(*) FROM events) e, "
                                     "(SELECT count(*) FROM mentions) m, (SELECT group_concat(type, ',') FROM "
                                     "(SELECT type FROM events ORDER BY id)) t", db=url))
    assert counts[0] == counts[1] == counts[2] and counts[0][0]["d"] == 2


def test_recycled_workers_give_the_same_extractions():
    """Workers are replaced after a number of articles (spaCy's vocabulary only grows); the
    replacement must pick up in order where the old one stopped."""
    from kb.ingest.parallel import ParallelExtractor
    from kb.nlp.extract import Extractor

    texts = [("Russia and Venezuela signed 17 agreements in Caracas on Thursday.", None),
             ("Protesters marched in London against the government.", None),
             ("The president of Turkey met the German chancellor in Ankara.", None)]
    pe = ParallelExtractor(1, chunk_size=1, recycle_after=1)
    try:
        recycled = list(pe.pipe(iter(texts)))
    finally:
        pe.close()
    alone = list(Extractor().pipe(texts))
    assert [[(e.type, e.trigger) for e in x.events] for x in recycled] == [[(e.type, e.trigger) for e in x.events] for x in alone]
    assert [[m.name for m in x.entities] for x in recycled] == [[m.name for m in x.entities] for x in alone]


def test_an_article_in_another_language_is_stored_without_events(tmp_path, sqlite_url):
    path = tmp_path / "fr.txt"
    path.write_text("Le président de la République a signé hier un accord avec le gouvernement allemand "
                    "sur la coopération énergétique, a annoncé le ministère des affaires étrangères dans "
                    "un communiqué publié dans la soirée.", encoding="utf-8")
    res = kb("ingest", str(path), "--json", db=sqlite_url)
    assert res.exit_code == 0 and json.loads(res.stdout)["added"] == 1
    assert "fr.txt" in res.stderr  # warned, with the file
    rows = kb_json("sql", "SELECT language, (SELECT count(*) FROM events) AS events FROM documents", db=sqlite_url)
    assert rows == [{"language": "other", "events": 0}]
