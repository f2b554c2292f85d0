"""Train the trigger classifier (:mod:`kb.nlp.trigger_classifier`) on hand-labelled candidates.

    python -m kb.nlp.train_trigger data/trigger_labels/labels.jsonl OUT [--test-share 0.25]
        [--seed 0] [--epochs 20] [--all]

LABELS holds one JSON object a line with ``article``, ``sentence``, ``start``, ``end`` (the
trigger's characters in the sentence), ``type`` and ``label`` (1 event, 0 not). The articles are
split, never the candidates: every candidate of an article is on the same side, so the held-out
figures are for articles the model never read. The split is fixed by the article names' hashes
and ``--seed``. Prints precision, recall and F1 at p >= 0.5, and the ROC AUC, on the held-out
articles, and saves the pipeline to OUT; ``--all`` then trains again on every article and saves
that instead (the figures printed are still the held-out ones of the first run).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Sequence

from .trigger_classifier import LABEL, LABELS, marked_text, probabilities

BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2 ** 17,
}


def read_labels(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split_by_article(rows: Sequence[dict], test_share: float = 0.25, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """(train, test): whole articles, chosen by a hash of the article name and the seed."""
    arts = sorted({r["article"] for r in rows},
                  key=lambda a: hashlib.sha1(f"{seed}:{a}".encode()).hexdigest())
    n_test = max(1, round(len(arts) * test_share)) if len(arts) > 1 else 0
    test_arts = set(arts[:n_test])
    return [r for r in rows if r["article"] not in test_arts], [r for r in rows if r["article"] in test_arts]


def train(rows: Sequence[dict], epochs: int = 20, seed: int = 0, dropout: float = 0.2):
    """A blank English pipeline with a bag-of-words textcat fitted to the rows."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": BOW})
    for lab in LABELS:
        textcat.add_label(lab)
    examples = []
    for r in rows:
        doc = nlp.make_doc(marked_text(r["sentence"], r["start"], r["end"], r["type"]))
        y = 1.0 if int(r["label"]) else 0.0
        examples.append(Example.from_dict(doc, {"cats": {LABEL: y, "NOT_EVENT": 1.0 - y}}))
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=dropout)
    return nlp


def auc(scores: Sequence[float], gold: Sequence[int]) -> float | None:
    """ROC AUC: the chance that a random event outscores a random non-event (ties count half)."""
    pos = [s for s, g in zip(scores, gold) if g]
    neg = [s for s, g in zip(scores, gold) if not g]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def evaluate(nlp, rows: Sequence[dict], threshold: float = 0.5) -> dict:
    probs = probabilities([marked_text(r["sentence"], r["start"], r["end"], r["type"]) for r in rows], nlp=nlp)
    gold = [int(r["label"]) for r in rows]
    tp = sum(1 for p, g in zip(probs, gold) if p >= threshold and g)
    fp = sum(1 for p, g in zip(probs, gold) if p >= threshold and not g)
    fn = sum(1 for p, g in zip(probs, gold) if p < threshold and g)
    prec = tp / (tp + fp) if tp + fp else None
    rec = tp / (tp + fn) if tp + fn else None
    f1 = 2 * prec * rec / (prec + rec) if prec and rec else None
    r3 = lambda x: None if x is None else round(x, 3)  # noqa: E731
    return {"candidates": len(rows), "events": sum(gold), "precision": r3(prec), "recall": r3(rec),
            "f1": r3(f1), "auc": r3(auc(probs, gold)), "base_rate": r3(sum(gold) / len(gold)) if gold else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("labels")
    ap.add_argument("out")
    ap.add_argument("--test-share", type=float, default=0.25)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--all", action="store_true", help="save a model trained on every article")
    args = ap.parse_args(argv)
    rows = read_labels(args.labels)
    tr, te = split_by_article(rows, args.test_share, args.seed)
    nlp = train(tr, epochs=args.epochs, seed=args.seed)
    report = {"train": {"articles": len({r["article"] for r in tr}), "candidates": len(tr)},
              "held_out": {"articles": len({r["article"] for r in te}), **evaluate(nlp, te)}}
    if args.all:
        nlp = train(rows, epochs=args.epochs, seed=args.seed)
        report["saved"] = "trained on every article"
    else:
        report["saved"] = "trained on the training articles"
    Path(args.out).mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
