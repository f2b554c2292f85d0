"""`kb ask`'s candidate events read through the participants' copy of the event type (migration
0016) and SQLite's search within documents kept to their rows' id span: the same events and rows
as the statements they stand in for, on invented articles written row by row."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from test_ask_readings import _article, _entity, _event, _finish, _mention, engine  # noqa: F401

from kb import ask
from kb.ask import Understanding, _candidates
from kb.store import search
from kb.store.db import session_scope
from kb.store.models import Document, Entity, Event, EventParticipant


def _country_with_events(s):
    """A country, one of its people and a foreign town, in three articles of two years: deaths
    and attacks of the country and its person, a meeting, and a death at the town alone."""
    land = Entity(name="Iran", name_key="iran", type="GPE", country="IRN")
    s.add(land)
    s.flush()
    person = _entity(s, "Darius Velkani", "PERSON")
    person.country = "IRN"
    town = _entity(s, "Korrin Ford", "GPE")
    docs, evs = [], {}
    for n, (year, lines) in enumerate([
        (2020, ["Darius Velkani died in a crash on the coast road.", "Iran attacked a border post.",
                "Iran met envoys from the north."]),
        (2021, ["Iran attacked a fishing fleet.", "A guard died at Korrin Ford."]),
        (2020, ["Darius Velkani died again in a retold story."]),
    ]):
        doc, sents = _article(s, f"https://example.org/land-{n}", lines)
        doc.published = dt.date(year, 6, 1)
        docs.append(doc)
        for sent in sents:
            who = person if "Darius" in sent.text else town if "Korrin" in sent.text else land
            _mention(s, who, doc, sent)
            typ, trig = (("DEATH", "died") if "died" in sent.text else ("ASSAULT", "attacked") if "attacked" in sent.text
                         else ("CONSULT", "met"))
            ev = _event(s, doc, sent, typ, trig, who, 0.9)
            if who is town:
                # the town is where it happened, not a participant
                s.execute(EventParticipant.__table__.delete().where(EventParticipant.event_id == ev.id))
                ev.location_id = town.id
            evs[sent.text] = ev
    docs[2].published = dt.date(2020, 6, 1)
    _finish(s, docs, [land, person, town])
    return land, person, town, evs


def _ref(e: Entity) -> dict:
    return {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "words": e.name}


def _old_statement(monkeypatch):
    """_candidates with the participants' type path switched off: the one statement it replaces."""
    monkeypatch.setattr(ask, "_typed_candidates", lambda *a, **k: None)


@pytest.mark.parametrize("dates", [("2020", "2020"), (None, None), ("2021-01-01", None)])
def test_typed_candidates_are_the_events_the_one_statement_finds(engine, monkeypatch, dates):
    with session_scope(engine) as s:
        land, person, town, evs = _country_with_events(s)
    u = Understanding(kind="count", categories=["DEATH", "ASSAULT"], location=_ref(land), since=dates[0], until=dates[1])
    with session_scope(engine) as s:
        new = _candidates(s, u)
        typed = ask._typed_candidates(s, u, [ask._involved_ids(s, u.location)], ["DEATH", "ASSAULT"],
                                      dates=True, confidence=True, share=1000)
    with monkeypatch.context() as m:
        _old_statement(m)
        with session_scope(engine) as s:
            old = _candidates(s, u)
    assert typed is not None  # the new path answered, and ...
    assert sorted(new) == sorted(old) == sorted(typed)  # ... found what the one statement finds
    with session_scope(engine) as s:
        types = {s.get(Event, i).type for i in new}
    assert types <= {"DEATH", "ASSAULT"} and new


def test_a_place_counts_the_events_at_it_and_a_person_only_those_they_took_part_in(engine, monkeypatch):
    with session_scope(engine) as s:
        land, person, town, evs = _country_with_events(s)
    at_town = Understanding(kind="count", categories=["DEATH"], location=_ref(town))
    of_person = Understanding(kind="count", categories=["DEATH"], actors=[_ref(person)], since="2020", until="2020")
    with session_scope(engine) as s:
        got_town, got_person = _candidates(s, at_town), _candidates(s, of_person)
    assert got_town == [evs["A guard died at Korrin Ford."].id]
    assert sorted(got_person) == sorted([evs["Darius Velkani died in a crash on the coast road."].id,
                                         evs["Darius Velkani died again in a retold story."].id])


def test_more_events_than_the_cap_are_left_to_the_one_statement(engine, monkeypatch):
    # the cap keeps the events the one statement's plan meets first: only it can say which
    with session_scope(engine) as s:
        land, person, town, evs = _country_with_events(s)
    u = Understanding(kind="events", categories=["DEATH", "ASSAULT"], location=_ref(land), since="2020", until="2021")
    with session_scope(engine) as s:
        found = [ask._involved_ids(s, u.location)]
        assert ask._typed_candidates(s, u, found, ["DEATH", "ASSAULT"], dates=True, confidence=True, share=2) is None
        assert len(ask._typed_candidates(s, u, found, ["DEATH", "ASSAULT"], dates=True, confidence=True, share=None)) == 4
        # no dates: the per-entity counts already say there are more than the cap
        plain = Understanding(kind="events", categories=["DEATH", "ASSAULT"], location=_ref(land))
        assert ask._typed_candidates(s, plain, found, ["DEATH", "ASSAULT"], dates=True, confidence=True, share=1) is None
    monkeypatch.setattr(ask, "TYPED_CANDIDATES", 1)  # ... and so are names with too many events to read
    with session_scope(engine) as s:
        assert ask._typed_candidates(s, u, found, ["DEATH", "ASSAULT"], dates=True, confidence=True, share=None) is None


def test_a_participant_written_without_its_event_type_takes_its_events(engine):
    with session_scope(engine) as s:
        doc, (sent,) = _article(s, "https://example.org/quay", ["The Quay Board met the Tern Union."])
        board, union = _entity(s, "Quay Board", "ORG"), _entity(s, "Tern Union", "ORG")
        ev = _event(s, doc, sent, "CONSULT", "met", board, 0.8)  # the participant made as an ORM object
        s.add(EventParticipant(event_id=ev.id, entity_id=union.id, role="recipient", event_type="CONSULT"))
        s.flush()
        assert sorted(s.scalars(select(EventParticipant.event_type))) == ["CONSULT", "CONSULT"]


def test_a_search_within_documents_keeps_the_rows_and_order_of_a_search_filtered_by_document(engine):
    with session_scope(engine) as s:
        _country_with_events(s)
        docs = list(s.scalars(select(Document.id).order_by(Document.id)))
        for words, within in ((["died", "attacked"], docs[::2]), (["attacked"], docs[1:2]), (["met"], docs)):
            every = search.search(s, words, kinds=("sentence", "event", "quote"), limit=1000)
            want = [h for h in every if h.document_id in within]
            got = search.search(s, words, kinds=("sentence", "event", "quote"), limit=1000, documents=within)
            assert [(h.kind, h.ref_id) for h in got] == [(h.kind, h.ref_id) for h in want], words
            assert [h.score for h in got] == pytest.approx([h.score for h in want])
            # the best two (PostgreSQL orders rows of equal rank as it meets them: compared by score)
            assert [h.score for h in search.search(s, words, limit=2, documents=within)] \
                == pytest.approx([h.score for h in want][:2])
        # documents without search rows: nothing, without searching
        s.execute(text("DELETE FROM search_items WHERE document_id = :d"), {"d": docs[0]})
        assert search.search(s, ["died"], documents=[docs[0]]) == []


def test_the_rowid_span_holds_every_row_of_documents_whose_rows_are_not_together(engine):
    # a document's rows written again later (curation, reprocessing) sit far from the rest: the
    # span of the documents reaches them
    with session_scope(engine) as s:
        land, person, town, evs = _country_with_events(s)
        doc_id = s.scalar(select(Document.id).order_by(Document.id))
        s.execute(text("INSERT INTO search_items (kind, ref_id, document_id, body) VALUES ('sentence', 999, :d, 'lighthouse keeper')"),
                  {"d": doc_id})
        hits = search.search(s, ["lighthouse"], documents=[doc_id])
        assert [(h.kind, h.ref_id) for h in hits] == [("sentence", 999)]
        if s.get_bind().dialect.name == "sqlite":
            lo, hi = search._rowid_span_sqlite(s, [doc_id])
            ids = list(s.scalars(text("SELECT id FROM search_items WHERE document_id = :d"), {"d": doc_id}))
            assert (lo, hi) == (min(ids), max(ids))


def test_newest_quotes_keep_the_order_of_one_statement(engine, monkeypatch):
    # PostgreSQL reads a speaker's quotes of dated documents, then of undated ones: the same
    # quotes, in the same order (newest document first, undated last), as the one statement
    # with NULLS LAST, also where the cap falls inside the dated ones or inside the undated ones
    from kb.store.models import Quote
    from kb.store.queries import quote_query

    with session_scope(engine) as s:
        who = Entity(name="Orla Fenwick", name_key="orla fenwick", type="PERSON")
        s.add(who)
        s.flush()
        for n, published in enumerate([dt.date(2019, 3, 1), None, dt.date(2021, 7, 4), dt.date(2021, 7, 4), None,
                                       dt.date(2020, 1, 9)]):
            doc, sents = _article(s, f"https://example.org/fenwick-{n}", ["Fenwick spoke.", "She spoke again."])
            doc.published = published
            for sent in sents:
                s.add(Quote(speaker_id=who.id, text=f"words {n}", cue="said", document_id=doc.id,
                            sentence_id=sent.id, start_char=sent.start_char, end_char=sent.end_char))
        s.flush()
        order = (Document.published.desc().nulls_last(), Quote.document_id, Quote.start_char, Quote.id)
        for cap in (3, 9, 11, 500):
            monkeypatch.setattr(ask, "CANDIDATES", cap)
            one = list(s.scalars(quote_query(s, speaker_ids=[who.id]).order_by(*order).limit(cap)))
            assert ask._newest_quotes(s, [who.id], order) == one
            assert len(one) == min(cap, 12)
