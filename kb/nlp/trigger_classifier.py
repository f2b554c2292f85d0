"""A trained second opinion on event triggers: is this word, in this sentence, an event of this type?

The rules of :mod:`kb.nlp.events` find a trigger word and its arguments; many such words are used
in another sense ("the deadline was not met"), name a thing rather than a happening ("the
treaty"), or stand in a question, a hypothesis or someone's claim. A small spaCy text classifier,
trained on candidates labelled by hand following the PLOVER manual
(``data/trigger_labels/GUIDELINE.md``), reads the sentence with the trigger marked and the
event type as a word (:func:`marked_text`), and gives the probability that a coder would record
an event of that type for that trigger there. :mod:`kb.nlp.events.confidence` moves the event's
confidence by it.

The model is a bag-of-words ``textcat`` (unigrams and bigrams, hashed) on a blank English
pipeline: no vectors, no parser, about a megabyte, shipped in ``kb/nlp/trigger_model`` and loaded
once per process. ``python -m kb.nlp.train_trigger LABELS OUT`` trains it again.

``KB_TRIGGER_CLASSIFIER=on`` puts the classifier in, ``=off`` leaves it out (the confidence is
then the rules' alone); unset, :data:`DEFAULT_ENABLED` decides (off for now: see there).
``KB_TRIGGER_MODEL=DIR`` uses a model you trained instead of the shipped one.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

MODEL_DIR = Path(__file__).with_name("trigger_model")
LABEL = "EVENT"  # the textcat's positive class; the other is NOT_EVENT
LABELS = (LABEL, "NOT_EVENT")
SWITCH_ENV = "KB_TRIGGER_CLASSIFIER"
MODEL_ENV = "KB_TRIGGER_MODEL"  # a model directory to use instead of the shipped one (one you trained)
# Whether the extraction consults the classifier when KB_TRIGGER_CLASSIFIER is unset. Off: it raises
# events precision on both dev gold halves (tune 0.792 -> 0.812 at equal recall, check 0.581 ->
# 0.643 with recall 0.342 -> 0.368) but the check half answers one question fewer (18/25 against
# 19/25) and PLOVER dev type F1 drops 0.820 -> 0.810, and the acceptance rule for this change is
# that no figure of the check half's summary gets worse (BENCHMARKS.md, section 9).
DEFAULT_ENABLED = False


def enabled() -> bool:
    """Whether the extraction consults the classifier: ``KB_TRIGGER_CLASSIFIER`` on/1/yes/true or
    off/0/no/false, else :data:`DEFAULT_ENABLED`."""
    raw = os.environ.get(SWITCH_ENV, "").strip().lower()
    if raw in ("off", "0", "no", "false"):
        return False
    if raw in ("on", "1", "yes", "true"):
        return True
    return DEFAULT_ENABLED


def marked_text(sentence: str, start: int, end: int, category: str) -> str:
    """The classifier's input: the event type as a word, then the sentence with the trigger
    between double brackets ("TYPE_ASSAULT Rebels [[attacked]] the town.").

    The brackets make the trigger's neighbours bigrams of their own ("[ attacked", "] the"), so a
    bag of words still sees which word the sentence was chosen for. The trigger word is not
    repeated as a feature of its own: with a few hundred labels that made the model judge by the
    word ("attacked" was often verbal in the labels) rather than by its context.
    """
    return f"TYPE_{category} {sentence[:start]}[[{sentence[start:end]}]]{sentence[end:]}"


@lru_cache(maxsize=4)
def _load(path: str):
    import spacy

    return spacy.load(path)


def load(path: Path | str | None = None):
    """The trained pipeline (cached per path): ``path``, else ``KB_TRIGGER_MODEL``, else the shipped
    one; ``None`` when there is no model there."""
    p = Path(path or os.environ.get(MODEL_ENV) or MODEL_DIR)
    if not (p / "config.cfg").exists():
        return None
    return _load(str(p))


def probabilities(texts: Sequence[str], nlp=None) -> list[float]:
    """P(EVENT) for each :func:`marked_text`, in one batch."""
    nlp = nlp if nlp is not None else load()
    if nlp is None or not texts:
        return [0.5] * len(texts)
    return [float(doc.cats.get(LABEL, 0.5)) for doc in nlp.pipe(list(texts), batch_size=64)]


def score(items: Iterable[tuple[str, int, int, str]], nlp=None) -> list[float]:
    """P(EVENT) for (sentence, trigger start, trigger end, category) tuples."""
    return probabilities([marked_text(*it) for it in items], nlp=nlp)
