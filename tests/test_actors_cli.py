"""`kb actors import` and `kb actors list` end to end, and what an import changes at ingest."""
from __future__ import annotations

import json

from clikit import kb, kb_json

ACTORS = """\
ZORBA_QUENTAL
+MINISTER_QUENTAL
\t[ZAFGOV 150101-190601]
\t[ZAFELI >190601]
"""
CSV = "name,aliases,country,sector,start,end\nMira Oskarsson,Oskarsson,SWE,GOV,2016-02-01,\n"


def test_import_list_and_ingest_with_the_users_actors(tmp_path, sqlite_url):
    (tmp_path / "mine.actors").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "mine.csv").write_text(CSV, encoding="utf-8")
    res = kb("actors", "import", str(tmp_path / "mine.actors"), db=sqlite_url)
    assert res.exit_code == 0 and "2 actor codes added" in res.output
    assert kb_json("actors", "import", str(tmp_path / "mine.csv"), db=sqlite_url)["added"] == 1
    # importing again adds nothing
    assert kb_json("actors", "import", str(tmp_path / "mine.csv"), db=sqlite_url) == {
        "file": str(tmp_path / "mine.csv"), "rows": 1, "added": 0, "skipped": 1}

    listed = kb_json("actors", "list", db=sqlite_url)
    assert [(a["name"], a["country"], a["sector"], a["start"], a["end"]) for a in listed] == [
        ("Mira Oskarsson", "SWE", "GOV", "2016-02-01", None),
        ("Zorba Quental", "ZAF", "GOV", "2015-01-01", "2019-06-01"),
        ("Zorba Quental", "ZAF", "ELI", "2019-06-01", None)]
    assert {a["name"] for a in kb_json("actors", "list", "--name", "minister quental", db=sqlite_url)} == {"Zorba Quental"}
    assert {a["name"] for a in kb_json("actors", "list", "--country", "swe", db=sqlite_url)} == {"Mira Oskarsson"}
    table = kb("actors", "list", db=sqlite_url)
    assert table.exit_code == 0 and "Oskarsson" in table.output

    article = {"url": "https://example.org/a", "published": "2017-05-02",
               "text": "Zorba Quental accused Mira Oskarsson of lying on Tuesday."}
    res = kb("ingest", "-", db=sqlite_url, input=json.dumps(article) + "\n")
    assert res.exit_code == 0, res.output
    ev = next(e for e in kb_json("events", db=sqlite_url) if e["type"] == "ACCUSE")
    assert [(p["name"], p["country"], p["sector"]) for p in ev["actors"]] == [("Zorba Quental", "ZAF", "GOV")]
    assert [(p["name"], p["country"], p["sector"]) for p in ev["recipients"]] == [("Mira Oskarsson", "SWE", "GOV")]


def test_a_bad_file_is_one_line_naming_it_and_stores_nothing(tmp_path, sqlite_url):
    bad = tmp_path / "bad.actors"
    bad.write_text("ZORBA_QUENTAL\n\t[ZAFGOV]\nVELDT\n\t[QQQGOV]\n", encoding="utf-8")
    res = kb("actors", "import", str(bad), db=sqlite_url)
    assert res.exit_code == 1
    assert res.stderr.strip() == f"kb: {bad}:4: unknown country 'QQQ' in [QQQGOV] (ISO 3166-1 alpha-3, IGO or NGO)"
    assert kb_json("actors", "list", db=sqlite_url) == []


def test_a_country_stated_in_one_article_serves_the_next(sqlite_url):
    first = {"url": "https://example.org/1", "published": "2017-05-01",
             "text": "Swedish diplomat Mira Oskarsson visited Oslo on Monday."}
    second = {"url": "https://example.org/2", "published": "2017-05-03",
              "text": "Mira Oskarsson accused Norway of lying on Tuesday."}
    for art in (first, second):
        assert kb("ingest", "-", db=sqlite_url, input=json.dumps(art) + "\n").exit_code == 0
    ev = next(e for e in kb_json("events", db=sqlite_url) if e["type"] == "ACCUSE")
    assert [(p["name"], p["country"]) for p in ev["actors"]] == [("Mira Oskarsson", "SWE")]
