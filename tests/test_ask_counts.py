"""`kb ask` "how many" questions about what befell people without being an event of its own
("how many were injured"), on invented articles written row by row (see test_ask_readings.py)."""
from __future__ import annotations

from test_ask_readings import _article, _entity, _event, _finish, _mention, _number, engine  # noqa: F401

from kb.ask import answer
from kb.store.db import session_scope


def test_how_many_people_were_injured_counts_the_injured_not_the_dead(engine):
    # "killed 4 and injured 31": the number nearest "injured" counts the injured; the attack's
    # own count (its dead) is no answer to it, and the day asked is read up to the newest article
    with session_scope(engine) as s:
        town = _entity(s, "Varnholm", "GPE")
        doc, sents = _article(s, "https://example.org/varnholm", [
            "A bomb exploded at a bus station in Varnholm on Monday.",
            "The blast killed 4 people and injured 31 others, officials said."])
        _mention(s, town, doc, sents[0])
        ev = _event(s, doc, sents[0], "ASSAULT", "exploded", town, 0.9)
        ev.count = 4
        _number(s, doc, sents[1], "4 people", 4, "people")
        _number(s, doc, sents[1], "31 others", 31, "others")
        _finish(s, [doc], [town])
    with session_scope(engine) as s:
        out = answer(s, "How many people were injured in Varnholm on May 3?")
        dead = answer(s, "How many people died in Varnholm?")
    assert out["understood"]["people_count"] and out["understood"]["count_words"]
    assert (out["understood"]["since"], out["understood"]["until"]) == ("2021-05-03", "2021-05-03")
    assert out["count"] == 31
    assert dead["count"] == 4


def test_count_words_are_placed_only_in_sentences_that_hold_an_asked_word():
    from kb.ask import _count_words_in, _counts_people

    # "injured" is a count word but not the dead's: a sentence with none of the asked words
    # lists nothing, so none of its numbers can count the dead
    assert _count_words_in("Officials said 31 people were injured.", ("killed", "died")) == []
    text = "The blast killed 4 people and injured 31 others."
    spans = _count_words_in(text, ("killed", "died"))
    assert [(text[a:b], ours) for a, b, ours in spans] == [("killed", True), ("injured", False)]
    four, thirty_one = text.index("4"), text.index("31")
    assert _counts_people(spans, four, four + 1)
    assert not _counts_people(spans, thirty_one, thirty_one + 2)


def test_numbers_are_read_only_from_sentences_holding_an_asked_word_in_any_case(engine):
    # the statement keeps a number when its sentence holds a count word anywhere, whatever its
    # case ("BODIES" holds "die"); the whole-word test in Python then decides as before, and
    # LIKE's own characters in a word are taken as themselves
    from sqlalchemy import select

    from kb.ask import _holding_any, _shortest_parts
    from kb.store.models import Sentence
    from kb.store.queries import dialect_of

    assert _shortest_parts(("die", "died", "dead", "bodies", "kill", "killed")) == ["die", "dead", "kill"]
    with session_scope(engine) as s:
        doc, sents = _article(s, "https://example.org/holding", [
            "Rescuers recovered 12 BODIES from the river.",
            "The storm damaged 40 homes.",
            "Officials counted 9 at 100% of the 5_x sites.",
            "A KILLER whale was seen."])
        s.flush()
        ids = [x.id for x in sents]

        def found(parts):
            got = set(s.scalars(select(Sentence.id).where(Sentence.id.in_(ids),
                                                          _holding_any(Sentence.text, parts, dialect_of(s)))))
            return [n for n, i in enumerate(ids) if i in got]

        # "KILLER" is kept here (it holds "kill"); the whole-word test rejects it later
        assert found(_shortest_parts(("die", "died", "bodies", "kill"))) == [0, 3]
        assert found(["0%"]) == [2] and found(["5_x"]) == [2] and found(["9_a"]) == []


def test_a_number_told_of_the_whole_world_counts_no_places_dead(engine):
    # the article's worldwide figure is larger, but it counts the world's dead, not Varnholm's
    with session_scope(engine) as s:
        town = _entity(s, "Varnholm", "GPE")
        doc, sents = _article(s, "https://example.org/varnholm-measles", [
            "A measles outbreak in Varnholm has killed 81 people.",
            "In 2018 there were 140,000 measles deaths worldwide."])
        _mention(s, town, doc, sents[0])
        ev = _event(s, doc, sents[0], "DEATH", "killed", town, 0.9)
        ev.count = 81
        _number(s, doc, sents[0], "81 people", 81, "people")
        _number(s, doc, sents[1], "140,000 measles deaths", 140000, "deaths")
        _finish(s, [doc], [town])
    with session_scope(engine) as s:
        here = answer(s, "How many people died in Varnholm?")
        world = answer(s, "How many people died of measles worldwide?")
    assert here["count"] == 81
    assert world["count"] == 140000
