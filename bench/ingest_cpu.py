"""CPU seconds per ingest stage, in one process, for a machine too busy for wall-clock timing.

    python bench/ingest_cpu.py ARTICLES.csv|.jsonl [--limit 120] [--repeat 3] [--profile OUT.prof]

Each round, on the same first ``--limit`` articles: spaCy's own ``nlp.pipe`` (the reference the
ingest is compared with), ``analyse`` on each of those Docs with every extraction step timed
on its own, then storing the extractions into a fresh SQLite database through
``Ingestor._store`` with each store step timed on its own. CPU time is ``time.process_time()``
(this process only), so other programs on the machine change it little. Prints one JSON object
with the median of the rounds for each figure; ``--profile`` also writes a cProfile of the
analysis and the store of one more round, not counted in the figures.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import cProfile
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the steps of kb.nlp.extract.analyse and kb.store.writer timed one by one (module, name)
ANALYSE_STEPS = [
    ("kb.nlp.extract", "find_entities"), ("kb.nlp.extract", "find_roles"),
    ("kb.nlp.extract", "dominant_country"), ("kb.nlp.extract", "assign_person_countries"),
    ("kb.nlp.extract", "assign_actor_countries"), ("kb.nlp.extract", "sentence_index_of"),
    ("kb.nlp.extract", "resolve_references"), ("kb.nlp.extract", "resolve_title_references"),
    ("kb.nlp.extract", "resolve_head_noun_references"), ("kb.nlp.extract", "find_tenures"),
    ("kb.nlp.extract", "extract_events"), ("kb.nlp.extract", "apply_target_conventions"),
    ("kb.nlp.extract", "assign_sectors"), ("kb.nlp.extract", "extract_quotes"),
    ("kb.nlp.extract", "speak_for_quoted_first_person"), ("kb.nlp.extract", "extract_quantities"),
    ("kb.nlp.extract", "sentences_of"),
]
STORE_STEPS = [
    ("kb.ingest.service", "find_existing"), ("kb.ingest.service", "new_document"),
    ("kb.ingest.service", "store_extraction"),
]


class Clock:
    def __init__(self):
        self.seconds: dict[str, float] = collections.defaultdict(float)
        self.depth = 0

    def wrap(self, module, name: str):
        fn = getattr(module, name)
        clock = self

        def timed(*a, **kw):
            if clock.depth:  # nested call of a timed step: counted in the outer one
                return fn(*a, **kw)
            clock.depth += 1
            t = time.process_time()
            try:
                result = fn(*a, **kw)
                if hasattr(result, "__next__"):  # a generator: its work happens when consumed
                    result = list(result)
                return result
            finally:
                clock.seconds[name] += time.process_time() - t
                clock.depth -= 1

        setattr(module, name, timed)
        return fn


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--profile", default=None)
    args = ap.parse_args()

    import importlib

    from kb.ingest.readers import Article, iter_articles
    from kb.ingest.service import Ingestor, IngestReport
    from kb.nlp import extract
    from kb.nlp.model import load_pipeline
    from kb.store.db import open_database
    from kb.text import content_hash

    articles = [a for a in iter_articles([args.path]) if isinstance(a, Article)][: args.limit]
    texts = [a.text for a in articles]
    nlp = load_pipeline()
    ex = extract.Extractor(nlp)
    list(nlp.pipe(texts[:4]))
    extract.analyse(nlp(texts[0]), None, ex.gaz, ex.book)  # lazy tables loaded
    from kb.places import PlaceIndex

    PlaceIndex.load()  # loaded once per process (a worker's initialiser does it), not per document

    clock = Clock()
    for mod, name in ANALYSE_STEPS + STORE_STEPS:
        clock.wrap(importlib.import_module(mod), name)

    rounds = collections.defaultdict(list)
    for rnd in range(args.repeat + (1 if args.profile else 0)):
        # the profiled round is one more, left out of the figures: the profiler slows Python code
        prof = cProfile.Profile() if args.profile and rnd == args.repeat else None
        t = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=args.batch_size))
        rounds["spacy_pipe"].append(time.process_time() - t)

        clock.seconds.clear()
        t = time.process_time()
        with (prof or contextlib.nullcontext()):
            results = [extract.analyse(d, a.published, ex.gaz, ex.book) for d, a in zip(docs, articles)]
        rounds["analyse_total"].append(time.process_time() - t)
        for mod, name in ANALYSE_STEPS:
            rounds[f"analyse.{name}"].append(clock.seconds.get(name, 0.0))

        engine = open_database(f"sqlite:///{Path(tempfile.mkdtemp()) / 'cpu.sqlite'}")
        ing = Ingestor(engine, workers=0, extractor=ex)
        report = IngestReport()
        clock.seconds.clear()
        t = time.process_time()
        with (prof or contextlib.nullcontext()):
            for a, r in zip(articles, results):
                ing._store(a, content_hash(a.text), r, report)
        rounds["store_total"].append(time.process_time() - t)
        for mod, name in STORE_STEPS:
            rounds[f"store.{name}"].append(clock.seconds.get(name, 0.0))
        engine.dispose()
        assert report.added == len(articles), report.as_dict()
        print(f"round {rnd + 1}: spacy {rounds['spacy_pipe'][-1]:.2f} s, analyse {rounds['analyse_total'][-1]:.2f} s,"
              f" store {rounds['store_total'][-1]:.2f} s CPU", file=sys.stderr)
        if prof is not None:
            prof.dump_stats(args.profile)
            for v in rounds.values():
                v.pop()

    med = {k: round(statistics.median(v), 3) for k, v in rounds.items()}
    extra = med["analyse_total"] + med["store_total"]
    json.dump({"documents": len(articles), "repeat": args.repeat, "cpu_seconds_median": med,
               "cpu_seconds_all": {k: [round(x, 3) for x in v] for k, v in rounds.items()},
               "analyse_over_spacy": round(med["analyse_total"] / med["spacy_pipe"], 3),
               "store_over_spacy": round(med["store_total"] / med["spacy_pipe"], 3),
               "kb_extra_over_spacy": round(extra / med["spacy_pipe"], 3)}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
