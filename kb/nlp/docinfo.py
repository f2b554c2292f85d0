"""Per-document facts that several passes need, computed once.

``Doc.sents`` and ``Token.sent`` rebuild the sentence spans on every access (a few ms for a
news article); five passes asking again cost more than a pass. They are cached in
``doc.user_data`` here, and so are ``Doc.text`` (spaCy joins every token's text anew on each
access) and the document's tokens as one list (iterating a ``Doc`` or indexing it makes a new
``Token`` object each time; a list made once serves every pass over the document).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_SENTS = "kb.sents"
_SENT_OF = "kb.sent_of"
_TEXT = "kb.text"
_TOKENS = "kb.tokens"
_WORDS = "kb.words"
_ENTS = "kb.ents"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        # what Doc.text joins, from the cached tokens: Doc.text makes a new Token per token
        cached = doc.user_data[_TEXT] = "".join([t.text_with_ws for t in tokens(doc)])
    return cached


def tokens(doc: Doc) -> list[Token]:
    """The document's tokens as a list, made once (``list(doc)``)."""
    cached = doc.user_data.get(_TOKENS)
    if cached is None:
        cached = doc.user_data[_TOKENS] = list(doc)
    return cached


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, as a list made once: ``token_texts(doc)[a:b]`` is the words of
    ``doc[a:b]`` without making a Span (a few microseconds) and a Token per word."""
    cached = doc.user_data.get(_WORDS)
    if cached is None:
        cached = doc.user_data[_WORDS] = [t.text for t in tokens(doc)]
    return cached


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from the document's text: a Span joins its tokens anew."""
    toks = tokens(doc)
    if not 0 <= start < end <= len(toks):
        return doc[start:end].text  # empty or out of range: whatever spaCy makes of it
    last = toks[end - 1]
    return doc_text(doc)[toks[start].idx:last.idx + len(last.text)]


def ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, made once: spaCy builds every entity span anew on each access."""
    cached = doc.user_data.get(_ENTS)
    if cached is None:
        cached = doc.user_data[_ENTS] = doc.ents
    return cached


def sentences(doc: Doc) -> list[Span]:
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        if len(doc) and doc.has_annotation("SENT_START"):
            # the sentence starts read as one array: Doc.sents walks every token in Python
            starts = [int(i) for i in (doc.to_array("SENT_START") == 1).nonzero()[0] if i > 0]
            cached = [doc[a:b] for a, b in zip([0] + starts, starts + [len(doc)])]
        else:
            cached = list(doc.sents)
        doc.user_data[_SENTS] = cached
    return cached


def sentence_index_of(doc: Doc) -> list[int]:
    """Sentence number of every token."""
    cached = doc.user_data.get(_SENT_OF)
    if cached is None:
        cached = [0] * len(doc)
        for n, sent in enumerate(sentences(doc)):
            cached[sent.start:sent.end] = [n] * (sent.end - sent.start)
        doc.user_data[_SENT_OF] = cached
    return cached


def sentence_of(tok: Token) -> Span:
    return sentences(tok.doc)[sentence_index_of(tok.doc)[tok.i]]
