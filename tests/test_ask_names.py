"""How `kb ask` reads a name the question writes otherwise than the knowledge base stores it:
longer than the stored short form, or shorter than the stored full name. Invented articles,
written row by row (see test_ask_readings.py)."""
from __future__ import annotations

from test_ask_readings import _article, _entity, _event, _finish, _mention, engine  # noqa: F401

from kb.ask import answer
from kb.store.db import session_scope


def test_a_name_shorter_than_the_stored_one_is_the_entity_holding_all_its_words(engine):
    # a Spanish name: "Marisol Cuevas" is "Marisol Cuevas Ortega", though a bare "Cuevas" (the
    # short form the text also uses) is stored as an entity of its own
    with session_scope(engine) as s:
        full = _entity(s, "Marisol Cuevas Ortega", "PERSON")
        short = _entity(s, "Cuevas", "PERSON")
        doc, sents = _article(s, "https://example.org/cuevas", [
            "Marisol Cuevas Ortega resigned as mayor of the port on Tuesday.",
            "Cuevas said she would stay until a successor is chosen."])
        _mention(s, full, doc, sents[0])
        _mention(s, short, doc, sents[1])
        _event(s, doc, sents[0], "RETREAT", "resigned", full, 0.9)
        _finish(s, [doc], [full, short])
    with session_scope(engine) as s:
        out = answer(s, "When did Marisol Cuevas resign?")
    assert [a["name"] for a in out["understood"]["actors"]] == ["Marisol Cuevas Ortega"]
    assert out["results"][0]["type"] == "RETREAT"


def test_a_name_longer_than_the_stored_one_is_that_person_in_full(engine):
    # "Who is Tamar Lo Ying-san?" with only "Lo Ying-san" stored: the question asks about her
    with session_scope(engine) as s:
        ent = _entity(s, "Lo Ying-san", "PERSON")
        doc, sents = _article(s, "https://example.org/lo", [
            "Chief Inspector Tamar Lo Ying-san spoke to reporters."])
        _mention(s, ent, doc, sents[0])
        _finish(s, [doc], [ent])
    with session_scope(engine) as s:
        out = answer(s, "Who is Tamar Lo Ying-san?")
    assert out["kind"] == "entity"
    assert out["results"][0]["name"] == "Lo Ying-san"
    assert "Chief Inspector" in out["results"][0]["named_in"][0]


def test_a_title_no_one_holds_in_the_store_is_answered_by_the_events_that_name_it(engine):
    # "Who was chosen as the new Orvan leader?": the title follows "as", and no role "leader"
    # was stored (the text elects someone "as the new leader"): the event and text answer
    from kb.ask import _title_words

    assert _title_words(["appointed", "as", "the", "foreign", "secretary"]) == "foreign secretary"
    with session_scope(engine) as s:
        party = _entity(s, "Orvan League", "ORG")
        winner = _entity(s, "Dalia Fenn", "PERSON")
        doc, sents = _article(s, "https://example.org/orvan", [
            "Orvan League members voted to elect Dalia Fenn as the new party leader."])
        _mention(s, party, doc, sents[0])
        _mention(s, winner, doc, sents[0])
        ev = _event(s, doc, sents[0], "ELECTION", "elect", party, 0.9)
        from kb.store.models import EventParticipant
        s.add(EventParticipant(event_id=ev.id, entity_id=winner.id, role="recipient"))
        _finish(s, [doc], [party, winner])
    with session_scope(engine) as s:
        out = answer(s, "Who was chosen as the new Orvan League leader?")
    assert out["kind"] == "events" and any("title" in n for n in out["notes"])
    assert "Dalia Fenn" in [a["name"] for a in out["results"][0]["recipients"]]


def test_ran_is_read_as_running_for_an_office():
    from kb.ask import lemma, event_terms

    assert lemma("ran") == "run" and event_terms()["run"][0] == ["ELECTION"]
