"""docs/schema.md is generated from a live database and must match what the code generates; its
ten example queries run on SQLite and PostgreSQL and answer their questions."""
from __future__ import annotations

import difflib

import pytest

from clikit import kb
from kb import schema_doc
from kb.store.models import Base
from kb.store.sqlrun import run_sql
from kb.store.views import EXAMPLES, VIEWS
from test_views import SEED, insert_handmade


@pytest.fixture(scope="module")
def fresh_doc() -> str:
    return schema_doc.generate()  # a fresh SQLite database, as the regeneration command uses


def test_docs_schema_md_is_current(fresh_doc):
    path = schema_doc.DOC_PATH
    assert path is not None and path.exists(), "docs/schema.md is missing: run `python -m kb.schema_doc`"
    current = path.read_text(encoding="utf-8")
    if current != fresh_doc:
        diff = "".join(list(difflib.unified_diff(current.splitlines(True), fresh_doc.splitlines(True),
                                                 "docs/schema.md", "generated", n=1))[:40])
        pytest.fail("docs/schema.md is stale: regenerate it with `python -m kb.schema_doc` "
                    f"(or `kb schema --markdown > docs/schema.md`) and commit it.\n{diff}")


def test_generation_is_deterministic(fresh_doc):
    assert schema_doc.generate() == fresh_doc


def test_document_covers_every_table_view_and_example(fresh_doc):
    for name in list(Base.metadata.tables) + [v.name for v in VIEWS]:
        assert f"\n### {name}\n" in fresh_doc, name
    for v in VIEWS:
        for c in v.columns:
            assert f"| `{c.name}` | {c.type} |" in fresh_doc
    assert len(EXAMPLES) == 10 and len({e.name for e in EXAMPLES}) == 10
    for i, e in enumerate(EXAMPLES, 1):
        assert f"### {i}. {e.title}" in fresh_doc and e.sql in fresh_doc
    # column comments of the models reach the document
    assert "SHA-256 of the normalised text" in fresh_doc
    # the export section lists the PLOVER fields, the confidence section exists (models.py points to it)
    assert "| `source` |" in fresh_doc and "## Event confidence" in fresh_doc


def test_check_mode_reports_stale_files(tmp_path, capsys):
    target = tmp_path / "schema.md"
    assert schema_doc.main(["-o", str(target)]) == 0
    assert schema_doc.main(["-o", str(target), "--check"]) == 0
    target.write_text(target.read_text() + "hand edit\n")
    assert schema_doc.main(["-o", str(target), "--check"]) == 1
    assert "python -m kb.schema_doc" in capsys.readouterr().err


@pytest.fixture(scope="module")
def seeded(module_db_url):
    res = kb("ingest", str(SEED), db=module_db_url)
    assert res.exit_code == 0, res.output
    insert_handmade(module_db_url)
    return module_db_url


def test_kb_schema_markdown_describes_the_live_database(seeded, fresh_doc):
    res = kb("schema", "--markdown", db=seeded)
    assert res.exit_code == 0, res.output
    if seeded.startswith("sqlite"):
        assert res.stdout == fresh_doc  # the data does not change the document
    else:
        assert "from a PostgreSQL database" in res.stdout
        for v in VIEWS:
            assert f"\n### {v.name}\n" in res.stdout
    listing = kb("schema", db=seeded)
    assert listing.exit_code == 0 and "event_view" in listing.stdout and "documents" in listing.stdout


def _run(url: str, name: str) -> list[tuple]:
    example = next(e for e in EXAMPLES if e.name == name)
    return [tuple(str(v) if v is not None and not isinstance(v, (int, float, str)) else v for v in row)
            for row in run_sql(example.sql, url).rows]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_every_example_query_runs_and_answers(seeded, example):
    res = kb("sql", example.sql, "--json", db=seeded)
    assert res.exit_code == 0, res.output
    assert run_sql(example.sql, seeded).rows, f"{example.name} found nothing"


def test_example_answers(seeded):
    assert ("2023-05", "ASSAULT", 1) in _run(seeded, "events_by_type_per_month")
    assert ("2023-05", "PROTEST", 1) in _run(seeded, "events_by_type_per_month")
    assert not any(r[0] == "2023" for r in _run(seeded, "events_by_type_per_month"))  # a year is no month
    assert ("Alice Smith", "Bob Jones", 1) in _run(seeded, "who_met_whom")
    assert ("SWE", 1) in _run(seeded, "assault_targets_by_country")  # the negated attack is not counted
    assert any("seal and strengthen" in r[1] for r in _run(seeded, "quotes_by_person"))
    assert ("prime minister", "Norway", "Alice Smith", "NOR") in _run(seeded, "people_by_title")
    assert ("deputy prime minister", "Russia", "Dmitry Chernyshenko", "RUS") in _run(seeded, "people_by_title")
    between = _run(seeded, "events_between_two_countries")
    assert between and all("2024" <= r[0] for r in between)
    assert ("Student Union", "ORG", "NOR", 1) in _run(seeded, "top_protest_actors")
    top = _run(seeded, "entities_in_most_documents")
    assert top[0][3] >= 1 and len(top) <= 20
    assert any(r[0] == "leader" for r in _run(seeded, "roles_over_time"))
    negated = _run(seeded, "negated_events")
    assert ("2023-05-19", "ASSAULT", "attack", "Norway", "Sweden", "Norway did not attack Sweden.") in negated
