"""`kb ingest` as a library call: articles in, rows out, one transaction per document."""
from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, TextIO

from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .. import EXTRACTOR_VERSION
from ..errors import InputError
from ..store.db import lock_for_storing, session_scope, writer
from ..store.writer import clear_facts, existing_id, find_existing, new_document, store_extraction
from ..text import content_hash
from ..records import Extraction
from ..nlp.limits import DocumentFailed
from .language import OTHER
from ..store.models import Document
from .readers import Article
from .sources import Skip, SourceReader
from .web import Fetcher, FetchPolicy


@dataclass
class IngestReport:
    added: int = 0
    reprocessed: int = 0
    skipped: int = 0
    failed: int = 0
    entities: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    interrupted: bool = False  # stopped by Ingestor.stop() before the input ended

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted

    @property
    def done(self) -> int:
        """Input items dealt with so far, whatever became of them."""
        return self.added + self.reprocessed + self.skipped + self.failed

    def as_dict(self) -> dict:
        return {"added": self.added, "reprocessed": self.reprocessed, "skipped": self.skipped, "failed": self.failed,
                "entities": self.entities, "events": self.events, "quotes": self.quotes,
                "errors": list(self.errors), "warnings": list(self.warnings)}


class Ingestor:
    """Reads, parses and stores articles. The spaCy pipeline is loaded on first use."""

    def __init__(self, engine: Engine, *, reprocess: bool = False, batch_size: int = 16, extractor=None,
                 workers: int = 1, fetch_policy: FetchPolicy | None = None, since: dt.date | None = None):
        """``workers`` processes parse and extract while this one reads and stores; 0 does
        everything in this process (one core, one copy of the pipeline). ``fetch_policy``
        governs URLs and feeds; ``since`` leaves out feed items published before that day."""
        self.engine = engine
        self.reprocess = reprocess
        self.fetch_policy = fetch_policy or FetchPolicy()
        self.since = since
        self.requests = 0  # HTTP requests made by the runs so far
        self.workers = max(0, workers)
        self.batch_size = batch_size
        self._extractor = extractor
        self._stop = False
        # the running (or last) run's counts: after an interrupt the caller can still say how
        # many documents were stored
        self.report = IngestReport()

    def stop(self) -> None:
        """Finish the document being stored, then end the run (safe to call from a signal
        handler). Documents already parsed ahead are dropped unstored, never half-stored."""
        self._stop = True

    @property
    def stopping(self) -> bool:
        return self._stop

    @property
    def extractor(self):
        if self._extractor is None:
            from ..actors import load_user_actors

            # the user's actor dictionaries (kb actors import), read once per run
            actors = load_user_actors(self.engine)
            if self.workers > 0:
                from .parallel import ParallelExtractor

                self._extractor = ParallelExtractor(self.workers, actors=actors)
            else:
                from ..nlp.extract import Extractor

                self._extractor = Extractor(actors=actors)
        return self._extractor

    def close(self, interrupted: bool = False) -> None:
        """Stop the workers: at once when interrupted or stopped (what they hold is not stored
        anyway), else after they finish."""
        if self._extractor is not None and hasattr(self._extractor, "close"):
            from .parallel import ParallelExtractor

            if isinstance(self._extractor, ParallelExtractor):
                self._extractor.close(kill=interrupted or self._stop)
            else:
                self._extractor.close()

    def _needs_work(self, article: Article, digest: str, report: IngestReport) -> bool:
        with self.engine.connect() as conn:  # a read: no ORM session needed
            existing = existing_id(conn, article.url, digest)
        if existing is not None and not self.reprocess:
            report.skipped += 1
            return False
        return True

    def known(self, urls: list[str], digest: str | None) -> bool:
        """Whether a stored document has one of these URLs or this content hash."""
        conds = [Document.url.in_(urls)] if urls else []
        if digest:
            conds.append(Document.content_hash == digest)
        if not conds:
            return False
        with session_scope(self.engine) as s:
            return s.scalar(select(Document.id).where(or_(*conds)).limit(1)) is not None

    def run_articles(self, items: Iterable[Article | InputError],
                     progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """The same for articles already read (a chunk of a cluster run reads its own)."""
        report = self.report = IngestReport()
        self._stop = False
        return self._run(iter(items), report, {}, progress, lambda: self._stop)

    def run(self, paths: Iterable[str], stdin: TextIO | None = None,
            progress: Callable[[IngestReport], None] | None = None,
            stop: Callable[[], bool] | None = None) -> IngestReport:
        """Read, extract and store. ``progress`` is called with the counts so far after every input
        item. ``stop`` is asked before each input is read: once it says yes, the documents already
        read are stored and the run ends (a watch stopping between rounds). :meth:`stop` ends
        sooner: the document being stored is finished, those parsed ahead are dropped (Ctrl-C)."""
        report = self.report = IngestReport()
        self._stop = False
        outer = stop

        def stop() -> bool:
            return self._stop or (outer is not None and outer())

        seen_in_batch: dict[str, str] = {}  # content hash -> where it was first seen
        fetcher = Fetcher(self.fetch_policy)
        sources = SourceReader(fetcher, self.known, since=self.since, reprocess=self.reprocess, stop=stop)
        try:
            return self._run(sources.read(paths, stdin), report, seen_in_batch, progress, stop)
        finally:
            self.requests += fetcher.requests
            fetcher.close()

    def _run(self, items, report: IngestReport, seen_in_batch: dict, progress, stop) -> IngestReport:
        def todo() -> Iterator[tuple[Article, str]]:
            for item in items:
                yield from handle(item)
                if stop():  # after the input read last, before the next
                    return

        def handle(item) -> Iterator[tuple[Article, str]]:
            if isinstance(item, Skip):
                report.skipped += 1
                if progress:
                    progress(report)
                return
            if isinstance(item, InputError):
                report.failed += 1
                report.errors.append(str(item))
                if progress:
                    progress(report)
                return
            report.warnings.extend(f"{item.origin}: {w}" for w in item.warnings)
            digest = content_hash(item.text)
            if digest in seen_in_batch and not self.reprocess:
                report.skipped += 1  # the same article twice in one batch
                report.warnings.append(f"{item.origin}: same text as {seen_in_batch[digest]}; skipped")
                if progress:
                    progress(report)
                return
            seen_in_batch.setdefault(digest, item.origin)
            if not self._needs_work(item, digest, report):
                if progress:
                    progress(report)
            elif item.language == OTHER:
                # kept, searchable by SQL, but not run through English rules that would read
                # nonsense entities and events into it
                self._store(item, digest, Extraction(), report)
                if progress:
                    progress(report)
            else:
                yield item, digest

        # one stream for the whole input, read lazily by the extractor (spaCy's batches, or the
        # workers' window): memory stays bounded and workers never wait for a batch to be stored
        queued: collections.deque[tuple[Article, str]] = collections.deque()

        def feed() -> Iterator[tuple]:
            for article, digest in todo():
                queued.append((article, digest))
                yield article.text, article.published

        extractor = self.extractor
        pipe = getattr(extractor, "pipe_guarded", extractor.pipe)  # one document's failure is its own
        for ex in pipe(feed(), batch_size=self.batch_size):
            if self._stop:
                break
            article, digest = queued.popleft()
            if isinstance(ex, DocumentFailed):
                report.failed += 1
                report.errors.append(f"{article.origin}: not stored: {ex.reason}")
            elif not self._store(article, digest, ex, report):
                # the database cannot take more (disk full): parsing the rest would be wasted
                unstored = sum(1 for _ in todo_left(queued))
                report.failed += unstored
                report.errors.append(f"stopped at the first document the database could not store (disk full); "
                                     f"{unstored} more read but not stored, the rest not read")
                break
            if progress:
                progress(report)
        report.interrupted = self._stop
        return report

    def _store(self, article: Article, digest: str, ex, report: IngestReport) -> bool:
        """Store one document; False when the database cannot take any more (the disk is full)."""
        try:
            with session_scope(writer(self.engine)) as s:
                # parsing, the slow part, still runs in parallel
                lock_for_storing(s)
                doc = find_existing(s, article.url, digest)
                if doc is not None and not self.reprocess:
                    report.skipped += 1
                    return True
                previous = None
                if doc is None:
                    doc = new_document(s, text=article.text, digest=digest, url=article.url, title=article.title,
                                       source=article.source, published=article.published,
                                       published_text=article.published_text, origin=article.origin,
                                       language=article.language, authors=article.authors,
                                       fetched_at=article.fetched_at)
                    is_new = True
                else:
                    previous = clear_facts(s, doc)
                    if article.fetched_at is not None:
                        # a page fetched again may have changed: its facts point into the new text
                        doc.fetched_at = article.fetched_at
                        if doc.content_hash != digest:
                            doc.text, doc.content_hash = article.text, digest
                            doc.title = article.title or doc.title
                    doc.extractor_version = EXTRACTOR_VERSION
                    doc.language = article.language
                    is_new = False
                counts = store_extraction(s, doc, ex) if previous is None else store_extraction(s, doc, ex, previous)
        except IntegrityError:
            # another process stored the same article between our check and our insert
            report.skipped += 1
            return True
        except SQLAlchemyError as exc:
            message = str(getattr(exc, "orig", exc)).splitlines()[0]
            report.failed += 1
            report.errors.append(f"{article.origin}: not stored: {message}")
            return not any(h in message.lower() for h in _DISK_FULL)
        if is_new:
            report.added += 1
        else:
            report.reprocessed += 1
        report.entities += counts["entities"]
        report.events += counts["events"]
        report.quotes += counts["quotes"]
        return True


# What SQLite and PostgreSQL say when the disk (or the database's quota) is full.
_DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full",
              "disk quota exceeded")


def todo_left(queued) -> Iterator:
    """The documents read ahead (queued for the extractor) that will not be stored."""
    while queued:
        yield queued.popleft()
