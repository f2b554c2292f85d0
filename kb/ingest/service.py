"""`kb ingest` as a library call: articles in, rows out, one transaction per document."""
from __future__ import annotations

import collections
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, TextIO

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .. import EXTRACTOR_VERSION
from ..errors import InputError
from ..store.db import lock_for_storing, session_scope, writer
from ..store.writer import clear_facts, content_hash, find_existing, new_document, store_extraction
from ..nlp.types import Extraction
from .language import OTHER
from .readers import Article, iter_articles


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

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def as_dict(self) -> dict:
        return {"added": self.added, "reprocessed": self.reprocessed, "skipped": self.skipped, "failed": self.failed,
                "entities": self.entities, "events": self.events, "quotes": self.quotes,
                "errors": list(self.errors), "warnings": list(self.warnings)}


class Ingestor:
    """Reads, parses and stores articles. The spaCy pipeline is loaded on first use."""

    def __init__(self, engine: Engine, *, reprocess: bool = False, batch_size: int = 16, extractor=None,
                 workers: int = 1):
        """``workers`` processes parse and extract while this one reads and stores; 0 does
        everything in this process (one core, one copy of the pipeline)."""
        self.engine = engine
        self.reprocess = reprocess
        self.workers = max(0, workers)
        self.batch_size = batch_size
        self._extractor = extractor

    @property
    def extractor(self):
        if self._extractor is None:
            if self.workers > 0:
                from .parallel import ParallelExtractor

                self._extractor = ParallelExtractor(self.workers)
            else:
                from ..nlp.extract import Extractor

                self._extractor = Extractor()
        return self._extractor

    def close(self) -> None:
        if self._extractor is not None and hasattr(self._extractor, "close"):
            self._extractor.close()

    def _needs_work(self, article: Article, digest: str, report: IngestReport) -> bool:
        with session_scope(self.engine) as s:
            existing = find_existing(s, article.url, digest)
        if existing is not None and not self.reprocess:
            report.skipped += 1
            return False
        return True

    def run(self, paths: Iterable[str], stdin: TextIO | None = None,
            progress: Callable[[int], None] | None = None) -> IngestReport:
        return self.run_articles(iter_articles(paths, stdin=stdin), progress)

    def run_articles(self, items: Iterable[Article | InputError],
                     progress: Callable[[int], None] | None = None) -> IngestReport:
        """The same for articles already read (a chunk of a cluster run reads its own)."""
        report = IngestReport()
        seen_in_batch: dict[str, str] = {}  # content hash -> where it was first seen

        def todo() -> Iterator[tuple[Article, str]]:
            for item in items:
                if isinstance(item, InputError):
                    report.failed += 1
                    report.errors.append(str(item))
                    if progress:
                        progress(1)
                    continue
                report.warnings.extend(f"{item.origin}: {w}" for w in item.warnings)
                digest = content_hash(item.text)
                if digest in seen_in_batch and not self.reprocess:
                    report.skipped += 1  # the same article twice in one batch
                    report.warnings.append(f"{item.origin}: same text as {seen_in_batch[digest]}; skipped")
                    if progress:
                        progress(1)
                    continue
                seen_in_batch.setdefault(digest, item.origin)
                if not self._needs_work(item, digest, report):
                    if progress:
                        progress(1)
                elif item.language == OTHER:
                    # kept, searchable by SQL, but not run through English rules that would read
                    # nonsense entities and events into it
                    self._store(item, digest, Extraction(), report)
                    if progress:
                        progress(1)
                else:
                    yield item, digest

        # one stream for the whole input, read lazily by the extractor (spaCy's batches, or the
        # workers' window): memory stays bounded and workers never wait for a batch to be stored
        queued: collections.deque[tuple[Article, str]] = collections.deque()

        def feed() -> Iterator[tuple]:
            for article, digest in todo():
                queued.append((article, digest))
                yield article.text, article.published

        for ex in self.extractor.pipe(feed(), batch_size=self.batch_size):
            article, digest = queued.popleft()
            self._store(article, digest, ex, report)
            if progress:
                progress(1)
        return report

    def _store(self, article: Article, digest: str, ex, report: IngestReport) -> None:
        try:
            with session_scope(writer(self.engine)) as s:
                # parsing, the slow part, still runs in parallel
                lock_for_storing(s)
                doc = find_existing(s, article.url, digest)
                if doc is not None and not self.reprocess:
                    report.skipped += 1
                    return
                if doc is None:
                    doc = new_document(s, text=article.text, digest=digest, url=article.url, title=article.title,
                                       source=article.source, published=article.published,
                                       published_text=article.published_text, origin=article.origin,
                                       language=article.language)
                    is_new = True
                else:
                    clear_facts(s, doc)
                    doc.extractor_version = EXTRACTOR_VERSION
                    doc.language = article.language
                    is_new = False
                counts = store_extraction(s, doc, ex)
        except IntegrityError:
            # another process stored the same article between our check and our insert
            report.skipped += 1
            return
        except SQLAlchemyError as exc:
            report.failed += 1
            report.errors.append(f"{article.origin}: not stored: {str(getattr(exc, 'orig', exc)).splitlines()[0]}")
            return
        if is_new:
            report.added += 1
        else:
            report.reprocessed += 1
        report.entities += counts["entities"]
        report.events += counts["events"]
        report.quotes += counts["quotes"]
