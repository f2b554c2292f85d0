"""``ids_in``: a long list of ids as one array parameter on PostgreSQL, an IN list elsewhere, with
the same rows either way."""
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from kb.store.db import ensure_schema, make_engine, session_scope
from kb.store.models import Document
from kb.store.queries import dialect_of, ids_in, int_array_text


def test_postgresql_gets_one_array_parameter_and_sqlite_an_in_list():
    ids = list(range(1, 1001))
    pg = str(select(Document.id).where(ids_in(Document.id, ids, "postgresql")).compile(dialect=postgresql.dialect()))
    lite = select(Document.id).where(ids_in(Document.id, ids, "sqlite")).compile(dialect=sqlite.dialect())
    assert "= ANY ('{1,2," in pg and "%(" not in pg
    assert " IN (" in str(lite)


def test_same_rows_on_each_backend(db_url):
    engine = make_engine(db_url)
    ensure_schema(engine)
    with session_scope(engine) as s:
        s.add_all([Document(content_hash=f"{i:064x}", text=f"text {i}", title=f"t{i}", extractor_version="test") for i in range(1, 8)])
    with session_scope(engine) as s:
        wanted = [2, 3, 5, 7, 11]
        all_ids = set(s.scalars(select(Document.id)))
        got = sorted(s.scalars(select(Document.id).where(ids_in(Document.id, wanted, dialect_of(s)))))
        assert got == sorted(all_ids & set(wanted)) and got
        assert list(s.scalars(select(Document.id).where(ids_in(Document.id, [], dialect_of(s))))) == []
    engine.dispose()


def test_array_text_holds_integers_only():
    assert int_array_text([3, 1, 2]) == "{3,1,2}"
    assert int_array_text([]) == "{}"
    # a value that is no integer never reaches the statement's text
    try:
        int_array_text(["1); DROP TABLE documents; --"])
    except ValueError:
        pass
    else:
        raise AssertionError("a non-integer id was accepted")
