"""Parse and extract in worker processes, in order, with a bounded number of articles in flight.

spaCy's own ``n_process`` parallelises only the parse; extraction would then run in the parent
and cap the speed-up. Here each worker loads the pipeline once and returns finished
:class:`~kb.nlp.types.Extraction` objects; the parent only reads and stores them, so even one
worker overlaps parsing with storing.
"""
from __future__ import annotations

import collections
import datetime as dt
import itertools
import multiprocessing as mp
from typing import Iterable, Iterator

from ..nlp.types import Extraction

_extractor = None

# A worker is replaced by a fresh one after this many articles. spaCy's vocabulary keeps every
# new string it meets (numbers, names, typos), so a worker parsing for hours only grows; a fresh
# worker loads the pipeline again in a second or two, once per some minutes of parsing.
RECYCLE_AFTER = 2000


def _init_worker(model: str | None, actors=None) -> None:
    global _extractor
    import os

    if model:
        os.environ["KB_SPACY_MODEL"] = model
    from ..nlp.extract import Extractor

    _extractor = Extractor(actors=actors)


def _extract_chunk(items: list[tuple[str, dt.date | None]]) -> list[Extraction]:
    return list(_extractor.pipe(items, batch_size=len(items) or 1))


class ParallelExtractor:
    """Drop-in for ``Extractor.pipe`` that fans batches out to ``workers`` processes."""

    def __init__(self, workers: int, chunk_size: int = 8, recycle_after: int | None = RECYCLE_AFTER, actors=None):
        """``actors``: the user's :class:`~kb.nlp.actors.Actor` entries, handed to every worker."""
        from ..nlp.model import model_name

        self.workers = workers
        self.chunk_size = chunk_size
        # fork shares the loaded libraries with the workers; spawn where fork is unavailable
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        tasks = max(1, recycle_after // chunk_size) if recycle_after else None
        self.pool = ctx.Pool(workers, initializer=_init_worker, initargs=(model_name(), actors), maxtasksperchild=tasks)

    def pipe(self, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 0) -> Iterator[Extraction]:
        """Results in input order, while ``items`` is read lazily: at most ``2 * workers`` chunks
        are in flight, so a long input streams through in bounded memory (Pool.imap would read
        all of it ahead), and the workers never wait for the parent to finish a batch."""
        it = iter(items)
        window = 2 * self.workers

        def submit() -> bool:
            chunk = list(itertools.islice(it, self.chunk_size))
            if chunk:
                pending.append(self.pool.apply_async(_extract_chunk, (chunk,)))
            return bool(chunk)

        pending: collections.deque = collections.deque()
        while len(pending) < window and submit():
            pass
        while pending:
            result = pending.popleft().get()
            submit()
            yield from result

    def close(self) -> None:
        self.pool.close()
        self.pool.join()
