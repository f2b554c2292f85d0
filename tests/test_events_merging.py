"""One event per happening: merging within a sentence and across the document."""
import datetime as dt

import pytest

from eventkit import names, run, summary

pytestmark = pytest.mark.slow


def test_signed_agreements_and_the_agreements_later_are_one_event():
    events, ents, _ = run("Russia and Venezuela signed agreements Thursday in Caracas. "
                          "President Maduro said the 17 agreements would strengthen ties.")
    sup = [e for e in events if e.type == "SUPPORT"]
    assert len(sup) == 1, summary(events, ents)
    ev = sup[0]
    assert ev.count == 17
    assert ev.date.iso == "2024-11-07"
    assert len(ev.mentions) == 2
    assert [m.sentence_index for m in ev.mentions] == [0, 1]
    assert names(ents, ev.actors) >= {"Russia", "Venezuela"}


def test_attack_and_its_killings_are_one_assault():
    events, ents, _ = run("Rebels shelled the city on Sunday, killing about 20 people.")
    assert [e.type for e in events] == ["ASSAULT"], summary(events, ents)


def test_killed_in_a_bomb_attack_is_one_assault():
    # the killing and the attack are one ASSAULT; the two deaths are a DEATH beside it
    events, ents, _ = run("Two soldiers were killed in a bomb attack in Kabul.")
    assert sorted((e.type, e.count) for e in events) == [("ASSAULT", 2), ("DEATH", 2)], summary(events, ents)


def test_death_from_torture_is_the_assault():
    events, ents, _ = run("A prisoner died as a result of torture in police custody.")
    assert [e.type for e in events] == ["ASSAULT"], summary(events, ents)


def test_different_types_do_not_merge():
    events, ents, _ = run("Police opened fire on the crowd, killing one person and arresting 12.")
    assert sorted(e.type for e in events) == ["ASSAULT", "COERCE"], summary(events, ents)


def test_different_dates_do_not_merge():
    events, ents, _ = run("Rebels attacked Goma on Monday. Rebels attacked Goma again on Wednesday.",
                          dt.date(2024, 11, 8))
    assert len([e for e in events if e.type == "ASSAULT"]) == 2, summary(events, ents)


def test_different_participants_do_not_merge():
    events, ents, _ = run("Egypt condemned Israel. Jordan condemned Iran.")
    assert len(events) == 2, summary(events, ents)


def test_same_participants_and_word_family_merge():
    events, ents, _ = run("Serbia condemned Albania on Friday. Serbia's condemnation of Albania was sharp.")
    acc = [e for e in events if e.type == "ACCUSE"]
    assert len(acc) == 1 and len(acc[0].mentions) == 2, summary(events, ents)


def test_the_record_shows_the_writers_report_over_a_quoted_mention():
    text = ('"My visit to Baghdad will help," Anna Berg said. Anna Berg visited Baghdad on Monday.')
    events, _, _ = run(text)
    visits = [e for e in events if e.type == "CONSULT"]
    assert visits and visits[0].trigger == "visited", [(e.type, e.trigger) for e in events]


def test_a_possible_act_does_not_merge_with_one_that_was_done():
    # told as possible is not the same happening as told as done, as a denial is not: the
    # charge the prosecutors brought keeps its own target, not the one of a charge considered
    events, ents, _ = run("Prosecutors charged the gunman with murder on Sunday. Chile's foreign minister said "
                          "Chile would consider charging him with terrorism.", dt.date(2024, 11, 8))
    acc = [e for e in events if e.type == "ACCUSE"]
    done = [e for e in acc if not e.hypothetical]
    assert len(acc) == 2 and len(done) == 1, summary(events, ents)
    assert "Chile" not in names(ents, done[0].actors), summary(events, ents)


def test_a_document_named_again_and_again_is_no_better_attested():
    # three mentions of "the agreement" that no verb asserts are a topic, not three reports of a
    # signing: the further mentions add no confidence, so the listing leaves the event out
    from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE
    events, ents, _ = run("Greece said the maritime agreement between Turkey and Libya is void. "
                          "Cyprus said the agreement violates the law. Egypt called the agreement illegal.")
    deal = [e for e in events if e.trigger == "agreement"]
    assert len(deal) == 1 and deal[0].confidence < DEFAULT_MIN_CONFIDENCE, summary(events, ents)
    events, ents, _ = run("Turkey and Libya signed an agreement on maritime borders on Monday. "
                          "Egypt said the agreement is void.")
    signed = [e for e in events if e.type == "SUPPORT"]
    assert len(signed) == 1 and signed[0].confidence >= DEFAULT_MIN_CONFIDENCE, summary(events, ents)


def test_a_merged_event_keeps_the_mention_that_states_the_happening():
    # "protests filled the streets" asserts the protests; "followed two weeks of protests" only
    # names them: merging the two must not leave the weaker mention to speak for the event
    from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE
    events, ents, _ = run("The governor resigned on Sunday. His resignation followed two weeks of protests in "
                          "the capital, Lagos. Since the release of the messages, protests filled the Lagos streets daily.")
    protest = [e for e in events if e.type == "PROTEST"]
    assert len(protest) == 1 and protest[0].trigger == "protests" and len(protest[0].mentions) == 2 \
        and protest[0].confidence >= DEFAULT_MIN_CONFIDENCE, summary(events, ents)


def test_two_things_said_by_one_speaker_with_two_verbs_stay_two():
    # another verb in another sentence, aimed at no one the first act is: a second saying
    events, ents, _ = run("Anna Berg pledged to cut taxes for farmers. "
                          "Anna Berg had also agreed to support the opposition's plans for term limits.")
    assert sorted(e.type for e in events) == ["AGREE", "AGREE"], summary(events, ents)
    events, ents, _ = run("Anna Berg asked Peru to release the prisoners. "
                          "On Monday, Anna Berg encouraged Chile to open its files.")
    assert sorted(e.type for e in events) == ["REQUEST", "REQUEST"], summary(events, ents)


def test_a_saying_told_again_of_the_same_party_stays_one():
    events, ents, _ = run("Anna Berg asked Peru to release the prisoners. "
                          "Anna Berg urged Peru to act before the summit.")
    assert [e.type for e in events] == ["REQUEST"], summary(events, ents)


def test_two_speakers_addressing_one_party_are_two_sayings():
    events, ents, _ = run("Karl Weiss asked the Dorvik embassy to act on Monday. "
                          "Later, Anna Berg urged the Dorvik embassy to reconsider.")
    reqs = [e for e in events if e.type == "REQUEST"]
    assert sorted(tuple(sorted(names(ents, e.actors))) for e in reqs) == [("Anna Berg",), ("Karl Weiss",)], \
        summary(events, ents)
