"""Parse and extract in worker processes, in order, with a bounded number of articles in flight.

spaCy's own ``n_process`` parallelises only the parse; extraction would then run in the parent
and cap the speed-up. Here each worker loads the pipeline once and returns finished
:class:`~kb.records.Extraction` objects; the parent only reads and stores them, so even one
worker overlaps parsing with storing.

The parent owns its workers (one pipe each) rather than using ``multiprocessing.Pool``: a Pool
replaces a worker that dies (the OOM killer, ``kill -9``) but loses its task, and waits for the
result forever. Here the parent knows which documents each worker holds and watches the
process itself; when one dies, the documents it had not finished run again one at a time in a
new worker, and a document whose worker dies while it runs alone is reported as failed (it
killed its worker twice). A worker that makes no progress for longer than its documents'
time limit allows (stuck in C code, where the worker's own alarm cannot reach) is killed the
same way. Workers ignore Ctrl-C (SIGINT reaches the whole process group); the parent stops
them when it is interrupted.
"""
from __future__ import annotations

import collections
import datetime as dt
import gc
import itertools
import multiprocessing as mp
import os
import signal
import time
from multiprocessing.connection import wait
from typing import Iterable, Iterator

from ..errors import KBError
from ..nlp.limits import DocumentFailed, max_seconds
from ..records import Extraction

_extractor = None

# A worker is replaced by a fresh one after this many articles. spaCy's vocabulary keeps every
# new string it meets (numbers, names, typos), so a worker parsing for hours only grows; a fresh
# worker loads the pipeline again in a second or two, once per some minutes of parsing.
RECYCLE_AFTER = 2000
# Articles per task. A worker parses its task as one spaCy batch, and spaCy parses a batch of 16
# faster than two of 8 (2-3 % of the parse's CPU): 16 is also the batch of Ingestor and of the
# bare nlp.pipe pass the ingest is measured against.
CHUNK_SIZE = 16
MEMORY_ENV = "KB_MAX_MEMORY_MB_PER_WORKER"
DEFAULT_MEMORY_MB = 4096
# Beyond the documents' own time limits, what a worker may take to start (load the pipeline)
# and to hand results back before it is taken for stuck.
GRACE_SECONDS = 60.0
DIED = "the process analysing it died (killed, or out of memory); skipped"


def memory_limit_mb() -> int:
    raw = os.environ.get(MEMORY_ENV, "").strip()
    if not raw:
        return DEFAULT_MEMORY_MB
    if not raw.isdigit() or int(raw) < 256:
        raise KBError(f"{MEMORY_ENV} must be a whole number of megabytes, at least 256, not {raw!r}")
    return int(raw)


def _init_worker(model: str | None, memory_mb: int | None = None, actors=None) -> None:
    global _extractor

    if model:
        os.environ["KB_SPACY_MODEL"] = model
    if memory_mb:
        import resource

        # heap and anonymous mappings: a document that needs more gets MemoryError, reported
        # for that document, instead of the OOM killer picking a process
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        soft = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    from ..nlp.extract import Extractor
    from ..places import PlaceIndex

    _extractor = Extractor(actors=actors)
    PlaceIndex.load()  # inherited when forked; else built now rather than during the first document
    # What is loaded now (the pipeline, the gazetteer, the place index, the parent's objects
    # when forked: some 400,000 objects) lives as long as the worker. Out of the collector's
    # reach: a full collection walks every tracked object, and the analysis of ~120 articles
    # set one off (0.2 s of CPU, a seventh of the analysis) that could free none of them.
    gc.freeze()


def _worker_main(conn, inherited: list, model: str | None, memory_mb: int | None, seconds: float,
                 tasks: int | None, actors=None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A forked worker holds copies of the parent's ends of every pipe; closed, so that the
    # parent's death reads as the end of this pipe here (a worker left behind would keep the
    # parent's database connections open, and a killed ingest's locks held).
    for other in inherited:
        other.close()
    parent = os.getppid()
    try:
        _init_worker(model, memory_mb, actors)
        conn.send(("ready",))
        for _ in (range(tasks) if tasks else itertools.count()):
            while not conn.poll(1.0):
                if os.getppid() != parent:
                    return  # the parent is gone
            try:
                msg = conn.recv()
            except EOFError:  # the parent is gone
                return
            if msg is None:
                return
            seqs, items = msg
            for seq, result in zip(seqs, _extractor.pipe_guarded(items, batch_size=len(items), seconds=seconds)):
                conn.send((seq, result))
    except (BrokenPipeError, EOFError, KeyboardInterrupt):
        return
    finally:
        conn.close()


class _Worker:
    def __init__(self, ctx, model: str | None, memory_mb: int | None, seconds: float, tasks: int | None,
                 others: list, actors=None):
        parent, child = ctx.Pipe()
        inherited = [parent] + others if ctx.get_start_method() == "fork" else []
        self.proc = ctx.Process(target=_worker_main, args=(child, inherited, model, memory_mb, seconds, tasks, actors),
                                daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        self.ready = False
        self.open = True  # the pipe has not reached its end
        self.tasks_left = tasks
        self.chunk: list[tuple[int, tuple]] | None = None  # (seq, item) it holds, unfinished ones
        self.single = False  # its chunk is a document run alone after a death
        self.since = time.monotonic()  # last sign of progress

    def give(self, chunk: list[tuple[int, tuple]], single: bool) -> None:
        self.chunk, self.single, self.since = list(chunk), single, time.monotonic()
        self.conn.send(([s for s, _ in chunk], [item for _, item in chunk]))
        if self.tasks_left is not None:
            self.tasks_left -= 1

    def receive(self, results: dict) -> None:
        """Everything the worker has sent so far."""
        try:
            while self.open and self.conn.poll():
                msg = self.conn.recv()
                self.since = time.monotonic()
                if msg[0] == "ready":
                    self.ready = True
                    continue
                seq, result = msg
                results[seq] = result
                if self.chunk:
                    self.chunk = [(s, i) for s, i in self.chunk if s != seq]
                    if not self.chunk:
                        self.chunk = None
        except (EOFError, OSError):
            self.open = False

    def stop(self, kill: bool = False) -> None:
        if kill:
            if self.proc.is_alive():
                self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=5)
        self.conn.close()


class ParallelExtractor:
    """Drop-in for ``Extractor.pipe`` that fans chunks of articles out to ``workers`` processes;
    yields an Extraction, or a DocumentFailed, per article, in input order."""

    def __init__(self, workers: int, chunk_size: int = CHUNK_SIZE, recycle_after: int | None = RECYCLE_AFTER,
                 seconds: float | None = None, memory_mb: int | None = None, actors=None):
        """``actors``: the user's :class:`~kb.nlp.actors.Actor` entries, handed to every worker.
        ``chunk_size``: articles per task, which a worker parses as one spaCy batch."""
        from ..nlp.model import model_name

        self.workers = max(1, workers)
        self.chunk_size = chunk_size
        # fork shares the loaded libraries with the workers; spawn where fork is unavailable
        self.ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.tasks = max(1, recycle_after // chunk_size) if recycle_after else None
        self.model = model_name()
        self.seconds = max_seconds() if seconds is None else seconds
        self.memory_mb = memory_limit_mb() if memory_mb is None else memory_mb
        self.slots: list[_Worker | None] = [None] * self.workers
        self.deaths = 0
        self.actors = actors

    def _start(self) -> _Worker:
        from ..places import PlaceIndex

        # loaded here, before the fork: a forked worker has it without building it (the
        # extraction asks it about towns), and this process, which stores the places, needs it too
        PlaceIndex.load()
        others = [w.conn for w in self.slots if w is not None]
        return _Worker(self.ctx, self.model, self.memory_mb, self.seconds, self.tasks, others, self.actors)

    def pipe(self, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 0) -> Iterator[Extraction | DocumentFailed]:
        """Results in input order, while ``items`` is read lazily: at most ``2 * workers`` chunks
        are read ahead, so a long input streams through in bounded memory, and the workers never
        wait for the parent to store a batch."""
        source = enumerate(iter(items))
        todo: collections.deque[tuple[list, bool]] = collections.deque()  # (chunk, run alone)
        results: dict[int, Extraction | DocumentFailed] = {}
        read = done = 0
        exhausted = False

        def feed() -> None:
            """Read ahead up to a chunk per worker, and hand chunks to idle workers."""
            nonlocal read, exhausted
            while not exhausted and len(todo) < self.workers:
                chunk = list(itertools.islice(source, self.chunk_size))
                if not chunk:
                    exhausted = True
                    break
                read += len(chunk)
                todo.append((chunk, False))
            for i, w in enumerate(self.slots):
                if w is not None and w.chunk is None and (not w.open or w.tasks_left == 0 or not w.proc.is_alive()):
                    w.stop()  # recycled (or gone) with nothing in hand
                    self.slots[i] = w = None
                if todo and w is None:
                    self.slots[i] = w = self._start()
                if todo and w.chunk is None and w.open:
                    try:
                        w.give(*todo.popleft())
                    except (BrokenPipeError, OSError):
                        w.open = False  # it died before it could take the chunk: seen in collect

        def collect(timeout: float) -> None:
            """Results that arrived (waiting up to ``timeout``), and workers that died or hang."""
            busy = [w for w in self.slots if w is not None and w.chunk is not None]
            if not busy:
                return
            wait([w.conn for w in busy if w.open] + [w.proc.sentinel for w in busy], timeout=timeout)
            now = time.monotonic()
            for i, w in enumerate(self.slots):
                if w is None or w.chunk is None:
                    continue
                w.receive(results)
                if w.chunk is None:
                    continue
                dead = not w.proc.is_alive() or not w.open
                allowed = self.seconds * len(w.chunk) + GRACE_SECONDS + (0 if w.ready else GRACE_SECONDS)
                stuck = not dead and now - w.since > allowed
                if not (dead or stuck):
                    continue
                self.deaths += 1
                w.stop(kill=True)
                w.receive(results)  # whatever it sent before it went
                self.slots[i] = None
                left = w.chunk or []
                if w.single and left:
                    why = (f"analysis took over {self.seconds:g} s and its process was stopped; skipped"
                           if stuck else DIED)
                    results.update((seq, DocumentFailed(why)) for seq, _ in left)
                else:
                    # which document did it? each runs alone now, so a second death names it
                    todo.extendleft(([item], True) for item in reversed(left))

        while True:
            feed()
            while done in results:
                yield results.pop(done)  # the caller stores it; meanwhile the workers go on
                done += 1
                collect(0)
                feed()  # a worker that finished while that was stored gets its next chunk now
            if exhausted and not todo and done == read and not any(w is not None and w.chunk is not None
                                                                   for w in self.slots):
                return
            collect(1.0)

    def close(self, kill: bool = False) -> None:
        for i, w in enumerate(self.slots):
            if w is not None:
                w.stop(kill=kill)
                self.slots[i] = None
