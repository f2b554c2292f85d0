"""`kb ask` readings found failing on questions written by others (bench/gold-heldout-s24), each
tested here on an invented article: a word whose forms the stemmer keeps apart, "how much" asked
of an amount of money, and what a person said when the extraction read no speaker for the quote."""
from __future__ import annotations

from test_ask_readings import _article, _entity, _event, _finish, _mention, _number, engine  # noqa: F401

from kb.ask import _stem_split_forms, answer
from kb.store.db import session_scope
from kb.store.models import Quote


def test_a_word_in_us_meets_its_inflected_forms():
    # porter: "focus" -> "focu", but "focuses"/"focused" -> "focus"; "crisis" -> "crisi", "crises" -> "crise"
    assert _stem_split_forms("focus") == ("focuses",)
    assert _stem_split_forms("focused") == ("focus",)
    assert _stem_split_forms("consensus") == ("consensuses",)
    assert _stem_split_forms("crisis") == ("crises",)
    assert _stem_split_forms("bus") == () and _stem_split_forms("protest") == ()


def test_what_an_inquiry_focuses_on_is_found_by_the_bare_word_focus(engine):
    # the question says "focus", the text "focuses": the sentence that answers it is found
    with session_scope(engine) as s:
        mill = _entity(s, "Harrow Paper Mill", "ORG")
        doc, sents = _article(s, "https://example.org/harrow", [
            "Regulators opened an investigation of the Harrow Paper Mill on Monday.",
            "The Harrow Paper Mill said the inquiry currently focuses on unreported effluent discharges.",
            "The Harrow Paper Mill employs 300 people.",
            "The investigation of the Harrow Paper Mill is the second this year."])
        for sent in sents:
            _mention(s, mill, doc, sent)
        _event(s, doc, sents[0], "ACCUSE", "investigation", mill, 0.9)
        _event(s, doc, sents[3], "ACCUSE", "investigation", mill, 0.9)
        _finish(s, [doc], [mill])
    with session_scope(engine) as s:
        out = answer(s, "What does the investigation of the Harrow Paper Mill focus on?")
    shown = [r.get("sentence") or "" for r in out["results"][:5]]
    assert any("effluent discharges" in x for x in shown), shown


def test_how_much_was_someone_fined_reads_the_amount_of_money(engine):
    # "How much was X fined?" names no counted noun: it asks for an amount of money, which the
    # text gives in a currency (the other numbers of the sentences are not the answer), in a
    # sentence that takes X up by a pronoun
    with session_scope(engine) as s:
        dorran = _entity(s, "Pell Dorran", "PERSON")
        doc, sents = _article(s, "https://example.org/dorran", [
            "Pell Dorran was sentenced on Tuesday on 14 counts of fraud.",
            "He was also fined EUR 12,500 and barred from trading for 5 years.",
            "Pell Dorran owned 3 shops."])
        for sent in (sents[0], sents[2]):
            _mention(s, dorran, doc, sent)
        _number(s, doc, sents[0], "14 counts", 14, "counts")
        _number(s, doc, sents[1], "EUR 12,500", 12500, "EUR")
        _number(s, doc, sents[1], "5 years", 5, "years")
        _number(s, doc, sents[2], "3 shops", 3, "shops")
        _event(s, doc, sents[0], "SANCTION", "sentenced", dorran, 0.9)
        _finish(s, [doc], [dorran])
    with session_scope(engine) as s:
        out = answer(s, "How much was Pell Dorran fined?")
        money = answer(s, "How much money did Pell Dorran have to pay as a fine?")
    assert out["understood"]["unit"] == "money"
    assert out["count"] == 12500 and out["results"][0]["kind"] == "quantity"
    assert money["count"] == 12500


def test_what_a_person_said_shows_the_unattributed_quotes_of_their_articles(engine):
    # the extraction read no speaker for "The aunt said ..." (a speaker named by a noun): asked
    # what Wren Sollis said, the quotes of the articles naming her whose speaker was not read are
    # shown, marked as such, and never those of another article
    with session_scope(engine) as s:
        wren = _entity(s, "Wren Sollis", "PERSON")
        doc, sents = _article(s, "https://example.org/sollis", [
            "Wren Sollis was given custody of her nephews on Friday.",
            "The aunt said \"I will give them a quiet home by the sea.\"",
            "The court had heard from social workers for two days.",
            "The custody ruling was read out by a clerk.", "A custody ruling can be appealed.",
            "The ruling takes effect in June."])
        other, osents = _article(s, "https://example.org/elsewhere", [
            "A neighbour said \"the sea has been rough all week.\""])
        _mention(s, wren, doc, sents[0])
        for d, sent, body in ((doc, sents[1], "I will give them a quiet home by the sea."),
                              (other, osents[0], "the sea has been rough all week.")):
            at = sent.start_char + sent.text.index(body)
            s.add(Quote(speaker_id=None, text=body, cue="said", document_id=d.id, sentence_id=sent.id,
                        start_char=at, end_char=at + len(body)))
        _finish(s, [doc, other], [wren])
    with session_scope(engine) as s:
        out = answer(s, "What did Wren Sollis say about her nephews?")
        # no quote holds the topic's words: the full text's first rows, then the quotes
        off = answer(s, "What did Wren Sollis say about the custody ruling?", limit=4)
    quotes = [r for r in out["results"] if r.get("kind") == "quote"]
    assert [q["text"] for q in quotes] == ["I will give them a quiet home by the sea."]
    assert quotes[0]["attribution"] == "speaker not read" and quotes[0]["articles_naming"] == "Wren Sollis"
    assert [r["text"] for r in off["results"] if r.get("kind") == "quote"] == ["I will give them a quiet home by the sea."]


def test_who_is_reads_the_sentences_of_every_entity_of_the_name(engine):
    # the extraction split one person into an ORG and a FAC of the same name; what she is is told
    # in the sentence of the one the question is not taken as
    with session_scope(engine) as s:
        as_org = _entity(s, "Ilsa Marrow", "ORG")
        as_fac = _entity(s, "Ilsa Marrow", "FAC")
        doc, sents = _article(s, "https://example.org/marrow", [
            "Ilsa Marrow, director of the Quayside Museum, valued the vase at two million.",
            "Ilsa Marrow said the vase was a gift.",
            "Ilsa Marrow said the vase would be shown again in May."])
        _mention(s, as_fac, doc, sents[0])
        _mention(s, as_org, doc, sents[1])
        _mention(s, as_org, doc, sents[2])
        _finish(s, [doc], [as_org, as_fac])
    with session_scope(engine) as s:
        out = answer(s, "Who is Ilsa Marrow?")
    assert out["kind"] == "entity"
    assert any("director of the Quayside Museum" in x for x in out["results"][0]["named_in"])


def test_a_given_name_and_surname_stored_as_two_people_are_read_as_one(engine):
    # "Tomas" and "Okafor" were stored as two people; "Who is Tomas Okafor?" asks about one person,
    # the one the text names most (the surname), not about events both took part in
    with session_scope(engine) as s:
        tomas = _entity(s, "Tomas", "PERSON")
        okafor = _entity(s, "Okafor", "PERSON")
        doc, sents = _article(s, "https://example.org/okafor", [
            "Ferry pilot Tomas Okafor was hurt on Friday.",
            "Pilot Okafor had worked on the Lune crossing for ten years.",
            "Okafor is expected to recover."])
        _mention(s, tomas, doc, sents[0])
        for sent in sents:
            _mention(s, okafor, doc, sent)
        _finish(s, [doc], [tomas, okafor])
    with session_scope(engine) as s:
        out = answer(s, "Who is Tomas Okafor?")
    assert out["kind"] == "entity" and out["results"][0]["name"] == "Okafor"


def test_who_answered_by_the_full_text_puts_an_event_with_an_actor_forward(engine):
    # no event word and no name: the full text answers. The sentence that says who acted (an
    # event with an actor was read from it) is longer than those that only mention the letter,
    # and would rank below them on its words alone
    with session_scope(engine) as s:
        council = _entity(s, "Marsh Council", "ORG")
        doc, sents = _article(s, "https://example.org/marsh", [
            "The licence letter was read aloud.",
            "Nobody had seen such a licence letter before.",
            "The Marsh Council issued the licence letter to the fishing crews on Tuesday.",
            "Fishing resumed on Monday."])
        # other news, so that the letter's words are rare words of the index
        _article(s, "https://example.org/weather", [
            "Rain is expected on Thursday.", "The ferry ran late.", "Two roads were closed by floods.",
            "The school opened a new library.", "A storm damaged the pier.", "The market sold out of bread."])
        _mention(s, council, doc, sents[2])
        ev = _event(s, doc, sents[2], "REQUEST", "issued", council, 0.9)
        _finish(s, [doc], [council])
        ev_id = ev.id
    with session_scope(engine) as s:
        who = answer(s, "Who sent the licence letter?")
        what = answer(s, "What was sent in the licence letter?")
    assert who["answered_by"] == "full-text fallback"
    rank = [r["id"] if r["kind"] == "event" else None for r in who["results"]].index(ev_id)
    rank_what = [r["id"] if r["kind"] == "event" else None for r in what["results"]].index(ev_id)
    assert rank <= 1, (rank, rank_what)
    if engine.dialect.name == "sqlite":
        # FTS5's bm25 ranks the long sentence below the short ones on words alone; PostgreSQL's
        # ts_rank does not weigh length so, and may put it first for both questions
        assert rank < rank_what, (rank, rank_what)
    else:
        assert rank <= rank_what, (rank, rank_what)
