"""The trained trigger classifier: training separates invented events from non-events, the
shipped model loads and ranks a clear event above a clear non-event, and its probability feeds
the event confidence (and stays out when switched off). Every sentence here is invented."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.nlp import train_trigger, trigger_classifier
from kb.nlp.trigger_classifier import MODEL_DIR, marked_text


def _row(article: str, sentence: str, trigger: str, category: str, label: int) -> dict:
    start = sentence.index(trigger)
    return {"article": article, "sentence": sentence, "start": start, "end": start + len(trigger),
            "type": category, "label": label}


# "attacked", "met" and "signed" as events and in other senses: the context words decide
TINY = [
    _row("a1", "Rebel fighters attacked an army checkpoint near the border on Sunday.", "attacked", "ASSAULT", 1),
    _row("a1", "Militants attacked a police convoy with rockets, officials said.", "attacked", "ASSAULT", 1),
    _row("a2", "Government troops attacked the rebel stronghold at dawn.", "attacked", "ASSAULT", 1),
    _row("a2", "Gunmen attacked a border post and killed four soldiers.", "attacked", "ASSAULT", 1),
    _row("a3", "The two foreign ministers met in Vienna to discuss the ceasefire.", "met", "CONSULT", 1),
    _row("a3", "The prime minister met the visiting president for talks on trade.", "met", "CONSULT", 1),
    _row("a4", "The two governments signed a defence treaty in the capital.", "signed", "SUPPORT", 1),
    _row("a4", "The ministers signed an accord on border security.", "signed", "SUPPORT", 1),
    _row("b1", "The critic attacked the novel's plot in a review of the book.", "attacked", "ASSAULT", 0),
    _row("b1", "The columnist attacked the film's soundtrack in her review.", "attacked", "ASSAULT", 0),
    _row("b2", "The striker attacked the goal in the second half of the match.", "attacked", "ASSAULT", 0),
    _row("b2", "The team attacked down the left wing throughout the match.", "attacked", "ASSAULT", 0),
    _row("b3", "The band's new album was met with applause at the concert.", "met", "CONSULT", 0),
    _row("b3", "The sales target was not met this quarter, the bakery said.", "met", "CONSULT", 0),
    _row("b4", "The singer signed autographs for fans after the concert.", "signed", "SUPPORT", 0),
    _row("b4", "The footballer signed a new contract with the club before the match.", "signed", "SUPPORT", 0),
]


def test_marked_text_is_the_type_then_the_sentence_with_the_trigger_marked():
    s = "Troops shelled the town."
    assert marked_text(s, 7, 14, "ASSAULT") == "TYPE_ASSAULT Troops [[shelled]] the town."


def test_split_keeps_every_article_on_one_side():
    train, test = train_trigger.split_by_article(TINY, test_share=0.25, seed=3)
    assert train and test
    assert not {r["article"] for r in train} & {r["article"] for r in test}
    assert len(train) + len(test) == len(TINY)


def test_training_on_invented_labels_separates_them():
    nlp = train_trigger.train(TINY, epochs=30, seed=0)
    fresh = [  # not in the training rows; the same kinds of context
        _row("c", "Insurgents attacked an army base near the border.", "attacked", "ASSAULT", 1),
        _row("c", "The reviewer attacked the album's lyrics in the magazine.", "attacked", "ASSAULT", 0),
        _row("c", "The defence ministers met in Geneva for talks on the ceasefire.", "met", "CONSULT", 1),
        _row("c", "The concert was met with applause from fans.", "met", "CONSULT", 0),
    ]
    probs = trigger_classifier.score([(r["sentence"], r["start"], r["end"], r["type"]) for r in fresh], nlp=nlp)
    for (p_event, p_not) in [(probs[0], probs[1]), (probs[2], probs[3])]:
        assert p_event > 0.5 > p_not, probs
    report = train_trigger.evaluate(nlp, TINY)
    assert report["auc"] == 1.0 and report["precision"] == 1.0


def test_auc_counts_ties_as_half():
    assert train_trigger.auc([0.9, 0.1], [1, 0]) == 1.0
    assert train_trigger.auc([0.5, 0.5], [1, 0]) == 0.5
    assert train_trigger.auc([0.2, 0.8], [1, 0]) == 0.0


def test_shipped_model_is_small_and_ranks_a_clear_event_above_a_non_event():
    assert (MODEL_DIR / "config.cfg").exists()
    size = sum(p.stat().st_size for p in Path(MODEL_DIR).rglob("*") if p.is_file())
    assert size < 4_000_000
    nlp = trigger_classifier.load()
    assert nlp is not None and nlp.pipe_names == ["textcat"]  # no parser, no vectors
    event = "Army troops attacked the rebel-held town on Monday, killing twelve civilians."
    not_event = "The museum's new exhibition was met with applause by visitors on Sunday."
    p = trigger_classifier.score([(event, event.index("attacked"), event.index("attacked") + 8, "ASSAULT"),
                                  (not_event, not_event.index("met"), not_event.index("met") + 3, "CONSULT")])
    assert p[0] > p[1], p
    assert trigger_classifier.load() is nlp  # loaded once


@pytest.mark.slow
def test_classifier_probability_feeds_the_confidence(monkeypatch):
    from eventkit import run

    text = "Government troops attacked the rebel stronghold of Marvia on Monday."
    monkeypatch.setenv(trigger_classifier.SWITCH_ENV, "off")
    rules_only = run(text)[0]
    monkeypatch.setenv(trigger_classifier.SWITCH_ENV, "on")
    blended = run(text)[0]
    assert [e.type for e in rules_only] == [e.type for e in blended] == ["ASSAULT"]

    from kb.nlp.events.confidence import CLASSIFIER_STRENGTH

    s = text
    p = trigger_classifier.score([(s, s.index("attacked"), s.index("attacked") + 8, "ASSAULT")])[0]
    want = rules_only[0].confidence + CLASSIFIER_STRENGTH * (p - 0.5)
    assert blended[0].confidence == pytest.approx(round(min(0.95, max(0.05, want)), 2), abs=0.011)


def test_switch_reads_the_environment(monkeypatch):
    monkeypatch.delenv(trigger_classifier.SWITCH_ENV, raising=False)
    default = trigger_classifier.enabled()
    monkeypatch.setenv(trigger_classifier.SWITCH_ENV, "off")
    assert trigger_classifier.enabled() is False
    monkeypatch.setenv(trigger_classifier.SWITCH_ENV, "1")
    assert trigger_classifier.enabled() is True
    assert default is trigger_classifier.DEFAULT_ENABLED
