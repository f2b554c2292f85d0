"""``lookup_settings``: kb ask's PostgreSQL plan settings hold inside the block only, and the
caller's transaction gets its own values back, also when the block raises."""
import pytest
from sqlalchemy import text

from kb.store.db import LOOKUP_SETTINGS, ensure_schema, lookup_settings, make_engine, session_scope


def _current(s) -> dict[str, str]:
    return {n: s.execute(text("SELECT current_setting(:n)"), {"n": n}).scalar() for n in LOOKUP_SETTINGS}


def test_settings_hold_inside_the_block_and_are_given_back(db_url):
    engine = make_engine(db_url)
    ensure_schema(engine)
    with session_scope(engine) as s:
        if engine.dialect.name != "postgresql":
            with lookup_settings(s):
                assert s.execute(text("SELECT 1")).scalar() == 1
            return
        # a value of the caller's own, set for its transaction, is what must come back
        s.execute(text("SET LOCAL max_parallel_workers_per_gather = 3"))
        before = _current(s)
        assert before["max_parallel_workers_per_gather"] == "3"
        with lookup_settings(s):
            inside = _current(s)
        assert inside == LOOKUP_SETTINGS
        assert _current(s) == before
        with pytest.raises(ValueError):
            with lookup_settings(s):
                raise ValueError("not the database's")
        assert _current(s) == before
    with session_scope(engine) as s:
        # a new transaction starts from the session's values, whatever the last one set
        assert _current(s)["max_parallel_workers_per_gather"] != "3"
    engine.dispose()
