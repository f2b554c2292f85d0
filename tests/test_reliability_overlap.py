"""Two `kb ingest` processes given overlapping inputs at the same time, on SQLite and on
PostgreSQL: the database they leave equals one clean ingest of the union (no document, entity,
event or count twice, nothing lost)."""
from __future__ import annotations

import subprocess
import sys

from sqlalchemy import text

from test_reliability_crash import env

# each president leads one country, as in real news, and meets a different partner each time
PEOPLE = {"Amara Okafor": "Nigeria", "Lukas Brenner": "Germany", "Sofia Marquez": "Mexico",
          "Kenji Watanabe": "Japan", "Priya Raman": "India"}
COUNTRIES = ["Nigeria", "Germany", "Mexico", "Japan", "India", "Brazil", "Kenya"]
CITIES = ["Lagos", "Berlin", "Monterrey", "Osaka", "Chennai", "Recife", "Mombasa"]


def write(folder, indices) -> None:
    folder.mkdir()
    names = list(PEOPLE)
    for i in indices:
        person = names[i % len(names)]
        a, b = PEOPLE[person], COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
        if a == b:
            b = "Norway"
        (folder / f"article-{i:02d}.txt").write_text(
            f"President {person} of {a} met officials from {b} in {CITIES[i % len(CITIES)]} on Tuesday.\n\n"
            f"{a} and {b} signed {i + 2} agreements on trade and energy, report number {i}. "
            f"\"We will build {i + 5} new power plants,\" {person} told reporters.", encoding="utf-8")


def snapshot(url: str) -> dict:
    """The database by natural keys: ids differ between databases, facts must not."""
    from kb.store.db import open_database

    engine = open_database(url)
    queries = {
        "documents": "SELECT content_hash FROM documents",
        "entities": "SELECT name, type, coalesce(country, '') FROM entities",
        "aliases": "SELECT e.name, a.alias_key FROM entity_aliases a JOIN entities e ON e.id = a.entity_id",
        "mentions": "SELECT d.content_hash, e.name, m.start_char FROM mentions m JOIN entities e ON e.id = m.entity_id "
                    "JOIN documents d ON d.id = m.document_id",
        "events": "SELECT d.content_hash, v.type, v.start_char, coalesce(v.count, -1) FROM events v "
                  "JOIN documents d ON d.id = v.document_id",
        "participants": "SELECT d.content_hash, v.start_char, e.name, p.role FROM event_participants p "
                        "JOIN events v ON v.id = p.event_id JOIN documents d ON d.id = v.document_id "
                        "JOIN entities e ON e.id = p.entity_id",
        "quotes": "SELECT d.content_hash, q.start_char, coalesce(e.name, '') FROM quotes q "
                  "JOIN documents d ON d.id = q.document_id LEFT JOIN entities e ON e.id = q.speaker_id",
        "counts": "SELECT e.name, s.mentions, s.documents, s.events, s.quotes FROM entity_stats s "
                  "JOIN entities e ON e.id = s.entity_id",
    }
    with engine.connect() as conn:
        out = {k: sorted(tuple(r) for r in conn.execute(text(q))) for k, q in queries.items()}
    engine.dispose()
    return out


def ingest(folder, url: str, cwd) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kb", "ingest", str(folder), "--json", "--db", url], cwd=cwd,
                            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_of_overlapping_inputs_equal_one_clean_ingest(tmp_path, db_url):
    import json

    from kb.store.db import open_database

    write(tmp_path / "first", range(0, 20))
    write(tmp_path / "second", range(10, 30))
    write(tmp_path / "all", range(0, 30))
    open_database(db_url).dispose()  # the schema exists, as after any earlier command

    procs = [ingest(tmp_path / "first", db_url, tmp_path), ingest(tmp_path / "second", db_url, tmp_path)]
    results = [p.communicate(timeout=600) for p in procs]
    reports = []
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "deadlock" not in err.lower() and "locked" not in err
        reports.append(json.loads(out))
    assert sum(r["added"] for r in reports) == 30 and sum(r["skipped"] for r in reports) == 10
    assert all(r["failed"] == 0 for r in reports)

    clean = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    proc = ingest(tmp_path / "all", clean, tmp_path)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0 and json.loads(out)["added"] == 30, err

    together, alone = snapshot(db_url), snapshot(clean)
    assert len(together["documents"]) == 30 and together["events"] and together["participants"]
    assert len(together["entities"]) == len(set(together["entities"]))  # no entity twice
    for key in alone:
        assert together[key] == alone[key], key
