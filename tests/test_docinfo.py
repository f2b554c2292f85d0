"""The per-document caches of kb.nlp.docinfo give what spaCy's own accessors give."""
from kb.nlp.docinfo import ents, sentence_of, span_text, token_texts, tokens


TEXT = ("The Ministry of Tides (MOT) said on Tuesday that Wendel Orrak, its chief,\n\nwould visit "
        "Port Vesk.  \"Will he resign?\" asked the Lumen Daily News.")


def test_token_texts_and_span_text_match_spacy(nlp):
    doc = nlp(TEXT)
    assert token_texts(doc) == [t.text for t in doc]
    assert tokens(doc) == list(doc)
    n = len(doc)
    for s in range(n):
        for e in range(s, n + 1):
            assert span_text(doc, s, e) == doc[s:e].text, (s, e)
            assert token_texts(doc)[s:e] == [t.text for t in doc[s:e]]


def test_cached_ents_and_sentence_match_spacy(nlp):
    doc = nlp(TEXT)
    assert [(e.start, e.end, e.label_) for e in ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert ents(doc) is ents(doc)
    for tok in doc:
        assert (sentence_of(tok).start, sentence_of(tok).end) == (tok.sent.start, tok.sent.end)
