"""Why required gold events are missed: counts by stage, with no article text printed by default.

    python bench/miss_fates.py GOLD_DIR [GOLD_DIR ...] [--show]

For every required gold event that no listed event (confidence >= 0.6) matches, the way
bench/event_bands.py matches, the miss is put in one class:

- ``lowconf``: an event matches, but under the listing threshold;
- ``taken``: an event matches, and the matching gave it to another gold event;
- ``slots`` / ``type``: the sentence has an event of the gold type with other parties, or
  only events of other types;
- no event at all in the sentence (at any confidence). For these the lexicon words of the
  sentence are followed through the extractor, and the furthest stage one of them reached
  names the miss:
  - ``needs``: a lexicon word with a category is there, but no row's needs hold;
  - ``noword``: no lexicon word with a category;
  - ``notbuilt``: a row was chosen, but no event was built from it (taken as another
    trigger's content, or a wrapper with nothing under it);
  - ``blocked``: the word is in a clause that tells no happening (a purpose, a condition,
    background);
  - ``refused``: a draft was refused (a doer who cannot act, no counterpart, the modality);
  - ``lost``: an event was drafted and then lost in merging (merged into one told elsewhere,
    or dropped as a weak noun).

The counts alone are safe to take on a held-out set: ``--show`` prints the gold sentences and
the words, so use it only on tune data. Results for the blind sets go in BENCHMARKS.md §5.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_bands import Resolver, ingest_and_read, matches, norm, score  # noqa: E402

THRESHOLD = 0.6


class Tracer:
    """Records, per token offset, the lexicon row chosen and how far its event got. It wraps
    private functions of kb.nlp.events, so it follows their names: a bench tool, not an API."""

    def __init__(self) -> None:
        import kb.nlp.events.triggers as T
        from kb.nlp.events.context import _Context

        self.rows: dict[int, object] = {}
        self.blocked: set[int] = set()
        self.drafted: set[int] = set()
        self.refused: set[int] = set()
        entry_for = _Context.entry_for

        def traced_entry(ctx, tok):
            e = entry_for(ctx, tok)
            self.rows[tok.idx] = e
            return e
        _Context.entry_for = traced_entry
        blocked_regions = T._blocked_regions

        def traced_blocked(sent, chosen):
            out = blocked_regions(sent, chosen)
            self.blocked.update(sent.doc[i].idx for i in out)
            return out
        T._blocked_regions = traced_blocked
        draft = T._draft

        def traced_draft(st, tok, *a, **k):
            d = draft(st, tok, *a, **k)
            (self.drafted if d is not None else self.refused).add(tok.idx)
            return d
        T._draft = traced_draft

    def clear(self) -> None:
        self.rows.clear()
        self.blocked.clear()
        self.drafted.clear()
        self.refused.clear()

    def stage(self, tok, lexicon: dict) -> str | None:
        e = self.rows.get(tok.idx)
        if e is None or (e.category is None and not e.has("light")):
            return "needs" if (tok.lemma_.lower(), tok.pos_) in lexicon else None
        if tok.idx in self.drafted:
            return "lost"
        if tok.idx in self.blocked:
            return "blocked"
        if tok.idx in self.refused:
            return "refused"
        return "notbuilt"


ORDER = ["lost", "refused", "blocked", "notbuilt", "needs"]  # furthest stage first


def categorised_lemmas() -> set[tuple[str, str]]:
    """(lemma, POS) of the lexicon rows that code an event."""
    from kb.nlp import plover

    return {key for key, rows in plover.lexicon().items() if any(r.category for r in rows)}


def main() -> int:
    show = "--show" in sys.argv
    dirs = [Path(a) for a in sys.argv[1:] if not a.startswith("--")]
    if not dirs:
        print(__doc__, file=sys.stderr)
        return 2
    tracer = Tracer()
    from kb.nlp.extract import Extractor, analyse

    extractor = Extractor()
    lexicon = categorised_lemmas()
    for folder in dirs:
        counts: Counter[str] = Counter()
        for gp in sorted(folder.glob("*.gold.json")):
            name = gp.name[: -len(".gold.json")]
            gold = json.loads(gp.read_text(encoding="utf-8"))
            row = json.loads((folder / f"{name}.jsonl").read_text(encoding="utf-8"))
            events, entities = ingest_and_read(folder / f"{name}.jsonl", extractor)
            res = Resolver(gold["entities"], entities)
            _, found, required = score([e for e in events if e["confidence"] >= THRESHOLD], gold, res)
            tracer.clear()
            doc = extractor.nlp(row["text"])
            published = dt.date.fromisoformat(str(row.get("published") or "")[:10]) if row.get("published") else None
            analyse(doc, published, extractor.gaz, extractor.book)
            for g in required:
                if g["id"] in found:
                    continue
                stems = [norm(w) for w in g.get("sentence_contains") or []]
                types = {t.upper() for t in g["types"]}
                in_sentence = [e for e in events if any(w in norm(e.get("sentence") or "") for w in stems)]
                full = [e for e in events if matches(e, g, res)]
                if full:
                    kind = "lowconf" if all(e["confidence"] < THRESHOLD for e in full) else "taken"
                elif in_sentence:
                    kind = "slots" if any(e["type"].upper() in types for e in in_sentence) else "type"
                else:
                    sents = [s for s in doc.sents if any(w in norm(s.text) for w in stems)]
                    stages = {st for s in sents for t in s if (st := tracer.stage(t, lexicon))}
                    kind = "none:" + next((st for st in ORDER if st in stages), "noword")
                counts[kind] += 1
                if show:
                    print(f"{kind:16} {'/'.join(g['types'])} :: {g.get('what', '')[:140]}")
        print(folder.name, dict(sorted(counts.items())), sum(counts.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
