"""`kb ask` "when" answers dated by the sentence's own words when no event was read from it.
Invented articles written row by row (see test_ask_readings.py)."""
from __future__ import annotations

from test_ask_readings import _article, _entity, _event, _finish, _mention, engine  # noqa: F401

from kb.ask import answer
from kb.store.db import session_scope


def test_a_day_told_relative_to_another_event_is_that_events_day_shifted(engine):
    # "the day before the march": the march is dated (Saturday 2021-05-01) by its own sentence;
    # the ruling, from which no event was read, is the day before it
    with session_scope(engine) as s:
        town = _entity(s, "Dorvik", "GPE")
        doc, sents = _article(s, "https://example.org/dorvik-march", [
            "Thousands joined a march in Dorvik on Saturday.",
            "The high court of Tamsin, which threw out, the day before the march, a petition filed by farmers, "
            "was closed."])
        _mention(s, town, doc, sents[0])
        ev = _event(s, doc, sents[0], "PROTEST", "march", town, 0.9)
        ev.date, ev.date_precision, ev.date_text = "2021-05-01", "day", "Saturday"
        _finish(s, [doc], [town])
    with session_scope(engine) as s:
        out = answer(s, "When did the court throw out the petition by farmers?")
    row = next(r for r in out["results"] if r.get("kind") == "sentence" and "petition" in r["sentence"])
    assert (row["date"], row["date_precision"]) == ("2021-04-30", "day")
