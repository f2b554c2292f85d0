"""`kb ingest --cluster`: the input shared out in chunks to the workers of a Dask cluster.

The client (the ``kb ingest`` process) plans the input into chunks without parsing it: a group
of one-article files, a range of lines of a JSON-lines file, or a range of records of a CSV file
(with the header sent along). It reads each chunk's bytes and sends them with the task, so the
input has to exist only where the client runs. A worker reads the chunk with the ordinary
readers (the same errors, warnings and line numbers as a plain ingest), skips what the database
holds already, parses and extracts with the pipeline it loaded once, and stores each document
in its own transaction under the storing lock (:func:`kb.store.db.lock_for_storing`); it
returns a report. A lost worker's chunks are run again by the scheduler on another worker; a
chunk stored twice leaves nothing twice, because every document is found again by its URL or
content hash before it is stored.

By default (``store_on="client"``) the workers send their extractions back and the client stores
them, one transaction per document, while the workers parse on: the shape of ``kb ingest
--workers N``. ``store_on="workers"`` has each worker store its own chunks instead. Storing is
serialised by the one storing lock either way, so storing on the workers adds no storing
capacity; it only makes a parsing worker wait for the lock, which measured slower on every quiet
run (BENCHMARKS.md, section 7).

Only a database server fits: one SQLite file cannot take writers on other machines.
"""
from __future__ import annotations

import csv
import io
import os
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable, Iterable, Iterator

from sqlalchemy import Engine

from ..errors import InputError, KBError
from .readers import (_KINDS, _SNIFF_BYTES, _UTF16_BOMS, _byte_lines, _looks_binary, _raise_field_limit,
                      _read_binary, _read_csv, _read_jsonl, _resolve_limit, _sniff, _walk, SUFFIXES, Article,
                      path_label, read_path)
from .service import IngestReport, Ingestor

# Articles per task: about a second of parsing. Small enough that the last chunks, which leave
# the other workers idle, cost little; large enough that Dask's few milliseconds per task do not.
DEFAULT_CHUNK_SIZE = 4
STORE_ON = ("workers", "client")


class ClusterError(KBError):
    pass


# --------------------------------------------------------------------------------------------
# Planning (client): chunks of the input, described by position, never parsed here

@dataclass(frozen=True)
class Chunk:
    """Part of the input. ``kind`` "files": whole one-article files; "jsonl" / "csv": the bytes
    ``start:end`` of one file whose first line there is ``first_line`` (a CSV chunk is sent
    with the header, the bytes ``0:header_end``, which hold ``header_lines`` lines)."""
    kind: str
    label: str
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    header_end: int = 0
    header_lines: int = 0
    files: tuple[tuple[str, str, str], ...] = ()  # (path, label, reader kind)
    articles: int = 0  # how many articles (lines, records, files) it holds, for messages and progress

    @property
    def nbytes(self) -> int:
        if self.kind == "files":
            return sum(_size(p) for p, _, _ in self.files)
        return self.end - self.start

    def describe(self) -> str:
        if self.kind == "files":
            names = [label for _, label, _ in self.files]
            return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more files"
        return f"{self.label}: records from line {self.first_line}"

    def payload(self, limit: int) -> "Payload":
        """The chunk's bytes, read here, to be sent with its task."""
        if self.kind == "files":
            parts = []
            for path, label, kind in self.files:
                with open(path, "rb") as fh:
                    parts.append((label, kind, fh.read(_whole_file_cap(kind, limit))))
            return Payload(self.kind, self.label, parts=tuple(parts), limit=limit)
        with open(self.path, "rb") as fh:
            header = fh.read(self.header_end) if self.header_end else b""
            fh.seek(self.start)
            data = fh.read(self.end - self.start)
        return Payload(self.kind, self.label, data=header + data, limit=limit,
                       line_offset=self.first_line - self.header_lines - 1)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _whole_file_cap(kind: str, limit: int) -> int:
    """As many bytes as the reader looks at for a one-article file (it refuses a longer one by
    its size): a huge file is not sent whole to be refused there."""
    if kind in ("jsonl", "csv"):  # a UTF-16 or odd file read whole by its reader
        return -1
    return limit * (64 if kind == "html" else 4) + 5


def _inputs(paths: Iterable[str]) -> Iterator[Path | InputError]:
    for raw in paths:
        name = os.fspath(raw)
        if name == "-":
            yield InputError("standard input cannot be shared out to a cluster; give files instead",
                             path="<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            found = _walk(path)
            if not found:
                yield InputError(f"folder holds no readable files ({', '.join(SUFFIXES)})", path=path_label(path))
            yield from found
        else:
            yield path


def input_bytes(paths: Iterable[str]) -> int:
    """The size of the whole input, for the progress's estimate of the time left."""
    return sum(_size(str(p)) for p in _inputs(paths) if isinstance(p, Path))


def plan_chunks(paths: Iterable[str], chunk_size: int = DEFAULT_CHUNK_SIZE,
                max_chars: int | None = None) -> Iterator[Chunk | InputError]:
    """Chunks of about ``chunk_size`` articles each, lazily, in input order; an input that
    cannot be opened at all is an ``InputError`` here, every other problem is the reader's, on
    the worker."""
    limit = _resolve_limit(max_chars)
    files: list[tuple[str, str, str]] = []
    for path in _inputs(paths):
        if isinstance(path, InputError):
            yield path
            continue
        kind = _KINDS.get(path.suffix.lower())
        label = path_label(path)
        if kind is None or not path.is_file():
            yield from (e for e in read_path(path, max_chars=limit) if isinstance(e, InputError))
            continue
        split = False
        try:
            with open(path, "rb") as fh:
                head = fh.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
                text = not head.startswith(_UTF16_BOMS) and not _looks_binary(head)
                if kind == "sniff" and text:
                    kind = _sniff(fh)
                if kind in ("jsonl", "csv") and text:
                    # lazily: a file of millions of lines is never held as a list of chunks
                    for chunk in (_split_jsonl if kind == "jsonl" else _split_csv)(fh, str(path), label,
                                                                                   chunk_size, limit):
                        split = True
                        yield chunk
        except OSError as exc:
            from .readers import _os_message

            yield InputError(_os_message(exc), path=label)
            continue
        if split:
            continue
        files.append((str(path), label, "sniff" if path.suffix == "" else kind))
        if len(files) >= chunk_size:
            yield Chunk("files", files[0][1], files=tuple(files), articles=len(files))
            files = []
    if files:
        yield Chunk("files", files[0][1], files=tuple(files), articles=len(files))


class _Positions:
    """The raw lines of a binary file, remembering where the last one handed out ended."""

    def __init__(self, fh):
        self.fh = fh
        self.pos = 0
        self.lines = 0

    def __iter__(self):
        for raw in self.fh:
            self.pos += len(raw)
            self.lines += 1
            yield raw


def _cuts(lines: _Positions, rows: Iterator[bool], chunk_size: int) -> Iterator[tuple[int, int, int, int]]:
    """(start, end, first line, articles) of each run of ``chunk_size`` articles; ``rows`` says,
    for each line or record read, whether it is an article (not blank). The last range runs to
    the end of the file, so that blank lines at the end go with the last chunk and never make a
    chunk of their own (its reader would call it empty). Nothing when there is no article."""
    start, first, count = lines.pos, lines.lines + 1, 0
    held = None
    for is_article in rows:
        if not is_article:
            continue
        count += 1
        if count == chunk_size:
            if held:
                yield held
            held = (start, lines.pos, first, count)
            start, first, count = lines.pos, lines.lines + 1, 0
    end = lines.fh.seek(0, os.SEEK_END)
    if count:
        if held:
            yield held
        yield (start, end, first, count)
    elif held:
        yield (held[0], end, held[2], held[3])


def _split_jsonl(fh, path: str, label: str, chunk_size: int, limit: int) -> Iterator[Chunk]:
    """Byte ranges of about ``chunk_size`` non-blank lines."""
    lines = _Positions(fh)
    for start, end, first, n in _cuts(lines, (bool(raw.strip()) for raw in lines), chunk_size):
        yield Chunk("jsonl", label, path=path, start=start, end=end, first_line=first, articles=n)


def _split_csv(fh, path: str, label: str, chunk_size: int, limit: int) -> Iterator[Chunk]:
    """Ranges of about ``chunk_size`` records, cut only between records (a quoted field may
    hold line breaks), each sent with the header. A file whose header the reader would refuse
    is not split: its reader reports it."""
    _raise_field_limit(limit)
    lines = _Positions(fh)
    reader = csv.reader(line for line, _ in _byte_lines(lines))

    def records() -> Iterator[bool]:
        while True:
            before = lines.lines
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                if lines.lines == before:
                    return  # the reader stops here too: the rest goes with the last chunk
                row = ["?"]  # a bad record, the reader's to report; one article
            yield bool(row) and not (len(row) == 1 and not row[0].strip())

    while True:  # the header: the first row that is not blank
        try:
            row = next(reader)
        except (StopIteration, csv.Error):
            return  # an empty or broken start: the reader reports it, reading the file whole
        if row and not (len(row) == 1 and not row[0].strip()):
            break
    if "text" not in [c.strip().lower() for c in row]:
        return
    header_end, header_lines = lines.pos, lines.lines
    for start, end, first, n in _cuts(lines, records(), chunk_size):
        yield Chunk("csv", label, path=path, start=start, end=end, first_line=first, header_end=header_end,
                    header_lines=header_lines, articles=n)


# --------------------------------------------------------------------------------------------
# A chunk on a worker

@dataclass(frozen=True)
class Payload:
    """What a task receives: a chunk's bytes and how to number their lines."""
    kind: str
    label: str
    data: bytes = b""
    parts: tuple[tuple[str, str, bytes], ...] = ()
    line_offset: int = 0
    limit: int = 1_000_000


def read_payload(payload: Payload) -> list[Article | InputError]:
    """The articles of a chunk, as the readers give them for the whole file: the same
    messages and the same line numbers."""
    limit = payload.limit
    if payload.kind == "files":
        out: list[Article | InputError] = []
        for label, kind, data in payload.parts:
            out.extend(_read_binary(io.BufferedReader(io.BytesIO(data)), label, kind, limit))
        return out
    lines = _byte_lines(io.BytesIO(payload.data))
    items = list((_read_jsonl if payload.kind == "jsonl" else _read_csv)(lines, payload.label, limit))
    return [_renumber(item, payload) for item in items]


def _renumber(item: Article | InputError, payload: Payload) -> Article | InputError:
    off = payload.line_offset
    if not off:
        return item
    if isinstance(item, InputError):
        return InputError(item.reason, path=item.path, line=item.line + off) if item.line else item
    prefix = f"{payload.label}:"
    if item.origin.startswith(prefix) and item.origin[len(prefix):].isdigit():
        item.origin = f"{prefix}{int(item.origin[len(prefix):]) + off}"
    return item


# one per worker process: the pipeline (loaded once, by the plugin or the first task) and an
# engine per database
_worker: dict = {"extractor": None, "model": None, "parsed": 0, "engines": {}}

# As kb.ingest.parallel: spaCy's vocabulary keeps every new string, so a worker that parses for
# hours only grows; it loads a fresh pipeline after this many articles.
RECYCLE_AFTER = 2000


def _extractor(model: str, limit: int):
    w = _worker
    if w["extractor"] is None or w["model"] != model or w["parsed"] >= RECYCLE_AFTER:
        from ..nlp.extract import Extractor
        from ..nlp.model import load_pipeline

        load_pipeline.cache_clear()
        w["extractor"] = None
        w["extractor"] = Extractor(load_pipeline(model))
        w["model"], w["parsed"] = model, 0
    ex = w["extractor"]
    ex.nlp.max_length = max(ex.nlp.max_length, limit + 1)
    return ex


def _engine(url: str) -> Engine:
    if url not in _worker["engines"]:
        from ..store.db import make_engine

        _worker["engines"][url] = make_engine(url)  # the client brought the schema up to date
    return _worker["engines"][url]


class _Collecting(Ingestor):
    """An ingestor that hands each finished extraction back instead of storing it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.collected: list = []

    def _store(self, article, digest, ex, report) -> bool:
        self.collected.append((article, digest, ex))
        return True  # taken; False would read as a full disk and end the chunk


@dataclass
class ChunkResult:
    report: IngestReport
    extracted: list = field(default_factory=list)  # (article, digest, extraction) when the client stores
    articles: int = 0
    seconds: float = 0.0
    worker: str = ""


def ingest_chunk(payload: Payload, url: str, model: str, reprocess: bool = False,
                 store: bool = True) -> ChunkResult:
    """The task: read, skip what is stored, parse, extract and (``store``) store one chunk."""
    started = time.perf_counter()
    items = read_payload(payload)
    extractor = _extractor(model, payload.limit)
    cls = Ingestor if store else _Collecting
    ingestor = cls(_engine(url), reprocess=reprocess, workers=0, extractor=extractor)
    report = ingestor.run_articles(items)
    n = sum(1 for i in items if isinstance(i, Article))
    _worker["parsed"] += n
    return ChunkResult(report, getattr(ingestor, "collected", []), len(items), time.perf_counter() - started,
                       str(os.getpid()))


def _load_on_worker(model: str, limit: int, store: bool = False) -> None:
    from ..nlp.dates import load_dateparser

    _extractor(model, limit)
    list(_worker["extractor"].pipe([("Warm up: the pipeline parses this once.", None)]))
    load_dateparser()  # else the first chunk with a date the patterns leave to it waits for it
    if store:  # the GeoNames index that storing places needs (seconds to build, once a process)
        from ..places import PlaceIndex

        PlaceIndex.load()


def _plugin(model: str, limit: int, store: bool = False):
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        """Loads the spaCy pipeline (and dateparser, and the places index when the workers
        store) when a worker starts (and on every worker that joins or is restarted later),
        rather than in its first task."""
        name = "kb-load-pipeline"

        def __init__(self, model: str, limit: int, store: bool):
            self.model, self.limit, self.store = model, limit, store

        def setup(self, worker) -> None:
            _load_on_worker(self.model, self.limit, self.store)

    return LoadPipeline(model, limit, store)


# --------------------------------------------------------------------------------------------
# The client

@dataclass
class ClusterProgress:
    chunks_done: int = 0
    chunks_planned: int = 0
    planning_done: bool = False
    documents: int = 0  # stored (added or re-extracted)
    articles: int = 0  # read, whatever became of them
    bytes_done: int = 0
    bytes_total: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Articles per second over the run so far."""
        return self.articles / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, from the share of the input's bytes done."""
        if not self.bytes_done or not self.bytes_total:
            return None
        return self.elapsed * max(0, self.bytes_total - self.bytes_done) / self.bytes_done


def merge_report(into: IngestReport, part: IngestReport) -> None:
    for f in fields(IngestReport):
        value = getattr(part, f.name)
        if isinstance(value, list):
            getattr(into, f.name).extend(value)
        else:
            setattr(into, f.name, getattr(into, f.name) + value)


def check_backend(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        raise ClusterError("a cluster ingest needs a PostgreSQL database (--db postgresql+psycopg://...): "
                           "one SQLite file cannot take writers on other machines")


def run_on_cluster(client, engine: Engine, paths: list[str], *, reprocess: bool = False,
                   chunk_size: int = DEFAULT_CHUNK_SIZE, store_on: str = "client",
                   progress: Callable[[ClusterProgress], None] | None = None,
                   retries: int = 2) -> IngestReport:
    """Ingest ``paths`` with the workers of ``client`` into ``engine``'s database; returns the
    report of the whole run. At most two chunks per worker thread are in flight, so the input
    streams through the scheduler in bounded memory."""
    from distributed import as_completed

    check_backend(engine)
    if store_on not in STORE_ON:
        raise ValueError(f"store_on must be one of {STORE_ON}")
    from ..nlp.model import model_name

    model, limit = model_name(), _resolve_limit(None)
    client.register_plugin(_plugin(model, limit, store_on == "workers"))
    url = engine.url.render_as_string(hide_password=False)
    report = IngestReport()
    state = ClusterProgress(bytes_total=input_bytes(paths))
    store_here = Ingestor(engine, reprocess=reprocess, workers=0) if store_on == "client" else None
    plan = plan_chunks(paths, chunk_size, limit)
    run_id = uuid.uuid4().hex[:8]
    pending: dict = {}
    done = as_completed()
    full = False  # the database said it cannot take more

    def submit_next() -> bool:
        if full:
            state.planning_done = True
            return False
        for item in plan:
            if isinstance(item, InputError):
                report.failed += 1
                report.errors.append(str(item))
                continue
            try:
                payload = item.payload(limit)
            except OSError as exc:
                from .readers import _os_message

                report.failed += 1
                report.errors.append(str(InputError(_os_message(exc), path=item.label)))
                continue
            state.chunks_planned += 1
            future = client.submit(ingest_chunk, payload, url, model, reprocess, store_on == "workers",
                                   key=f"kb-chunk-{run_id}-{state.chunks_planned}", pure=False, retries=retries)
            pending[future] = item
            done.add(future)
            return True
        state.planning_done = True
        return False

    def window() -> int:
        return max(2, 2 * sum(client.nthreads().values()))

    while len(pending) < window() and submit_next():
        pass
    for future in done:
        chunk = pending.pop(future)
        try:
            result: ChunkResult = future.result()
        except Exception as exc:  # noqa: BLE001 - a chunk that failed on every try: say which, go on
            report.failed += chunk.articles
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            report.errors.append(f"{chunk.describe()}: not ingested ({type(exc).__name__}{': ' + reason if reason else ''})")
            state.articles += chunk.articles
        else:
            merge_report(report, result.report)
            if store_here is not None and not full:
                for n, (article, digest, ex) in enumerate(result.extracted):
                    if not store_here._store(article, digest, ex, report):
                        full = True  # the database cannot take more: stop, as a plain ingest does
                        report.failed += len(result.extracted) - n - 1
                        report.errors.append("stopped at the first document the database could not store "
                                             "(disk full); the rest were not stored")
                        break
            elif store_here is not None:
                report.failed += len(result.extracted)
            state.articles += result.articles
        future.release()
        state.chunks_done += 1
        state.bytes_done += chunk.nbytes
        state.documents = report.added + report.reprocessed
        while len(pending) < window() and submit_next():
            pass
        if progress:
            progress(state)
    return report


# Dask's housekeeping, tuned for a cluster whose workers share this machine's cores with the
# parsing. Each worker samples its task thread's stack every 10 ms for the dashboard's profile
# page, and every server measures its event loop every 20 ms and its memory every 100 ms; with
# spaCy holding the GIL, each sample stalls the parse. A long ingest needs none of that detail.
#
# And a nanny starts its worker with MALLOC_TRIM_THRESHOLD_=65536, so that a worker hands freed
# memory back to the system at once. Any explicit malloc threshold also turns off glibc's
# adaptive mmap threshold: every array of 128 KiB or more that the parser allocates is then a
# fresh mmap, its pages faulted in again, and parsing and extracting took 6.42 CPU seconds
# instead of 5.55 for the same 60 articles (one process, the nanny's environment against the
# same without that variable; BENCHMARKS.md, section 7). Left out here; the nanny's other
# variables (one BLAS thread) stay, and the parse needs them.
# Workers started by `dask worker` on other machines take the same settings from their own
# environment (README, "Many machines").
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


@contextmanager
def connect(spec: str, *, quiet: bool = True) -> Iterator:
    """A Dask client for ``spec``: ``local:N`` (a cluster of N worker processes with one thread
    each, on this machine, closed afterwards) or a scheduler address (``tcp://host:8786``)."""
    try:
        import logging

        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("--cluster needs Dask's distributed package: pip install 'kb[cluster]'") from None
    if quiet:
        # the run's own progress and report say what happened; a restarted worker is not news
        for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
            logging.getLogger(name).setLevel(logging.ERROR)
    cluster = None
    if spec.startswith("local:"):
        n = spec.split(":", 1)[1]
        if not n.isdigit() or int(n) < 1:
            raise ClusterError(f"--cluster local:N needs a number of workers of 1 or more, not {spec!r}")
        import dask

        # the nannies hand this configuration to the worker processes they start
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(n_workers=int(n), threads_per_worker=1, processes=True, dashboard_address=":0",
                                   silence_logs=logging.ERROR if quiet else logging.WARNING)
            client = Client(cluster)
    else:
        address = spec if "://" in spec else f"tcp://{spec}"
        try:
            client = Client(address, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dashboard_link(client) -> str | None:
    """The scheduler's dashboard, when it serves one (it needs bokeh)."""
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return None
        return client.dashboard_link
    except Exception:  # noqa: BLE001 - a link is a courtesy
        return None
