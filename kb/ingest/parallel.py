"""Parse and extract in worker processes, in order, with a bounded number of articles in flight.

spaCy's own ``n_process`` parallelises only the parse; extraction would then run in the parent
and cap the speed-up. Here each worker loads the pipeline once and returns finished
:class:`~kb.nlp.types.Extraction` objects; the parent only stores them.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from typing import Iterable, Iterator

from ..nlp.types import Extraction

_extractor = None


def _init_worker(model: str | None) -> None:
    global _extractor
    import os

    if model:
        os.environ["KB_SPACY_MODEL"] = model
    from ..nlp.extract import Extractor

    _extractor = Extractor()


def _extract_chunk(items: list[tuple[str, dt.date | None]]) -> list[Extraction]:
    return list(_extractor.pipe(items, batch_size=len(items) or 1))


class ParallelExtractor:
    """Drop-in for ``Extractor.pipe`` that fans batches out to ``workers`` processes."""

    def __init__(self, workers: int, chunk_size: int = 8):
        from ..nlp.model import model_name

        self.workers = workers
        self.chunk_size = chunk_size
        # fork shares the loaded libraries with the workers; spawn where fork is unavailable
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model_name(),))

    def pipe(self, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 0) -> Iterator[Extraction]:
        """Results in input order. At most ``2 * workers`` chunks are in flight, so a long input
        streams through in bounded memory (Pool.imap would read all of it ahead)."""
        items = list(items)
        chunks = [items[i:i + self.chunk_size] for i in range(0, len(items), self.chunk_size)]
        window = 2 * self.workers
        pending = [self.pool.apply_async(_extract_chunk, (c,)) for c in chunks[:window]]
        nxt = window
        while pending:
            result = pending.pop(0).get()
            if nxt < len(chunks):
                pending.append(self.pool.apply_async(_extract_chunk, (chunks[nxt],)))
                nxt += 1
            yield from result

    def close(self) -> None:
        self.pool.close()
        self.pool.join()
