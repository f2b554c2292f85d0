"""One worker parses and the main process analyses: a parsed ``Doc`` travels as bytes
(kb.nlp.extract.ParsedDoc) and is read back into the model's vocabulary alone
(ParsedReader), under the same limits of time and memory a worker puts on an analysis."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kb.nlp.extract import Extractor, ParsedDoc, ParsedReader
from kb.nlp.limits import DocumentFailed, memory_budget
from nlpkit import nlp_fixture

nlp = nlp_fixture()

TEXTS = [
    ("Russia and Venezuela signed 17 agreements in Caracas on Thursday, officials said.", dt.date(2024, 11, 8)),
    ("Police arrested 40 protesters in Okunvrille after clashes on Monday night.", dt.date(2021, 3, 2)),
    ("The minister of Zembla, Ola Brakke, said: \"We will not accept this ruling.\"", None),
]


def test_analysing_a_parse_from_elsewhere_gives_the_same_extraction(nlp):
    ex = Extractor(nlp)
    whole = list(ex.pipe_guarded(TEXTS, batch_size=2))
    parsed = list(ex.parse_guarded(TEXTS, batch_size=2))
    assert all(isinstance(p, ParsedDoc) for p in parsed)
    assert [p.published for p in parsed] == [p for _, p in TEXTS]
    reader = ParsedReader()
    handed = [reader.analyse(p) for p in parsed]
    assert [dataclasses.asdict(h) for h in handed] == [dataclasses.asdict(w) for w in whole]
    assert any(h.events for h in handed)  # the comparison is over real content


def test_the_reader_renews_its_vocabulary_and_reads_alike(nlp):
    """Reading a Doc adds its strings to the vocabulary; a fresh one every few documents keeps
    a long run's memory flat, and must not change what is read."""
    ex = Extractor(nlp)
    parsed = list(ex.parse_guarded(TEXTS))
    reader = ParsedReader(renew_after=1)
    first = reader.analyse(parsed[1])
    vocab = reader._vocab
    reader.analyse(parsed[0])
    assert reader._vocab is not vocab
    assert "Okunvrille" in vocab.strings and "Okunvrille" not in reader._vocab.strings  # read into the old one only
    assert reader.analyse(parsed[1]) == first


def test_a_parse_that_fails_is_reported_not_sent(nlp, monkeypatch):
    ex = Extractor(nlp)

    def broken(*args, **kwargs):
        raise ValueError("bad tokens")
    monkeypatch.setattr(ex.nlp, "pipe", broken)
    monkeypatch.setattr(type(ex.nlp), "__call__", lambda self, text: broken())
    out = list(ex.parse_guarded(TEXTS[:2]))
    assert [type(o) for o in out] == [DocumentFailed, DocumentFailed]
    assert "bad tokens" in out[0].reason


def test_memory_budget_refuses_what_is_over_it_and_is_lifted_after():
    resource = pytest.importorskip("resource")
    before = resource.getrlimit(resource.RLIMIT_DATA)
    with pytest.raises(MemoryError):
        with memory_budget(64):
            bytearray(512 * 2**20)
    assert resource.getrlimit(resource.RLIMIT_DATA) == before
    with memory_budget(64):
        small = bytearray(8 * 2**20)  # within the budget
    assert len(small) == 8 * 2**20
    assert len(bytearray(512 * 2**20)) == 512 * 2**20  # no limit left behind


def test_an_analysis_over_its_memory_budget_fails_alone(nlp, monkeypatch):
    from kb.nlp import extract

    real = extract.analyse

    def greedy(doc, published, *rest):
        if "Okunvrille" in doc.text:
            bytearray(1024 * 2**20)
        return real(doc, published, *rest)
    parsed = list(Extractor(nlp).parse_guarded(TEXTS))
    monkeypatch.setattr(extract, "analyse", greedy)
    reader = ParsedReader()
    out = [reader.analyse(p, memory_mb=256) for p in parsed]
    assert isinstance(out[1], DocumentFailed) and "memory" in out[1].reason
    assert not isinstance(out[0], DocumentFailed) and not isinstance(out[2], DocumentFailed)
