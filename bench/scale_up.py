"""Grow a kb database to a given size by replaying real extracted rows.

    python bench/scale_up.py --db URL --documents 100000 --events 1000000 --seed ARTICLES.csv [--seed-db URL]

The rows are real: a seed set of articles is ingested once (``--seed``, through the ordinary
``Ingestor``; or taken from an already ingested database with ``--seed-db``), then its documents
are copied with every fact that hangs off them (sentences, mentions, roles, events, event mentions,
participants, quotes, quantities, search rows) under new ids, URLs, content hashes and publication dates, until
the database holds ``--documents`` documents. Which seed document is copied next is random, but
leans towards event-rich or event-poor documents to keep the running events-per-document ratio on
``--events / --documents``.

Entities are reused, as the same people and countries recur across news, except that each
person, organisation, place, facility or named event a copied document refers to is, with
probability ``--new-entity-share``, replaced (consistently within that document) by a new name
variant built from other seed names of the same type (a seed first name and, mostly, a surname
spliced from two seed surnames; an organisation's head words with another's last word), so the
entity table grows as a real one does. Countries and nationality groups are always reused. A
variant drawn twice is the same entity the second time.

Each copy gets a publication date drawn uniformly from ``--years`` (default 2015:2025); its event
dates move by the same number of days (keeping their precision) and its roles are seen on the new
date. The copied text is the seed text (the content hash is made unique, not recomputed).

Rows go in with the driver's bulk path, ``--chunk`` documents per transaction: ``executemany`` on
SQLite, ``COPY`` on PostgreSQL. Foreign keys are not re-checked row by row (``PRAGMA
foreign_keys=OFF`` on SQLite, ``session_replication_role = replica`` on PostgreSQL): the ids are
assigned here and are consistent; ``--check-fks`` turns the checks back on. Ids are assigned
here, from the tables' current maximum, and PostgreSQL's sequences are moved past them at the end, so `kb ingest` still works on the result. Running it
again on a grown database continues from where it stopped (only documents that are not copies
serve as templates). PostgreSQL gets VACUUM ANALYZE at the end (what autovacuum does soon after a
bulk load anyway); SQLite is left without statistics, like any database `kb` makes, unless
``--analyze``.

Each copied sentence, event and quote, and each new entity, gets the full-text search row
(``search_items``, migration 0009) that the ingest writes for it (kb/store/search.py): the
sentence text; the event's trigger, participant names, place and date text; the quote with its
speaker's name; the entity's name and alias, all with the names this copy uses. Both backends'
indexes are built once at the end rather than row by row: SQLite's FTS5 triggers (0009) are dropped
for the load, the FTS5 table is rebuilt from ``search_items`` and the triggers are put back; on
PostgreSQL the GIN index is dropped for the load and created again. The printed JSON checks that each kind has one row per row of its table.

The copied rows bypass kb's writer, so the per-entity counts (``entity_stats``,
``entity_event_counts``) are rebuilt at the end, as ``kb db recount`` does.

Prints one JSON object with the row counts, the time taken and rows per second.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import or_, select, text

COPY_ORIGIN = "scale_up:"
NEWABLE = {"PERSON", "ORG", "FAC", "LOC", "EVENT"}

# Column lists, in the order rows are built below; ``id`` is always first.
COLUMNS = {
    "entities": ["id", "name", "name_key", "type", "country", "country_inferred"],
    "entity_aliases": ["id", "entity_id", "alias", "alias_key", "curated"],
    "documents": ["id", "url", "title", "source", "published", "published_text", "text", "content_hash", "origin",
                  "language", "extractor_version"],
    "sentences": ["id", "document_id", "sentence_index", "start_char", "end_char", "text"],
    "mentions": ["id", "entity_id", "document_id", "sentence_id", "start_char", "end_char", "text"],
    "roles": ["id", "entity_id", "title", "of_entity_id", "former", "start_year", "end_year", "seen_on", "document_id",
              "sentence_id", "start_char", "end_char"],
    "events": ["id", "document_id", "sentence_id", "type", "mode", "context", "cameo_root", "quad_class", "trigger",
               "start_char", "end_char", "date", "date_end", "date_precision", "date_text", "location_id", "count",
               "negated", "hypothetical", "future", "confidence"],
    "event_mentions": ["id", "event_id", "sentence_id", "trigger", "start_char", "end_char"],
    "event_participants": ["id", "event_id", "entity_id", "role", "event_type"],
    "quotes": ["id", "speaker_id", "text", "cue", "document_id", "sentence_id", "start_char", "end_char"],
    "quantities": ["id", "value", "unit", "text", "document_id", "sentence_id", "start_char", "end_char"],
    "search_items": ["id", "kind", "ref_id", "document_id", "body"],
}
DATE_COLUMNS = {"documents": "published", "roles": "seen_on"}
# insertion order respects the foreign keys
ORDER = ["entities", "entity_aliases", "documents", "sentences", "mentions", "roles", "events", "event_mentions",
         "event_participants", "quotes", "quantities", "search_items"]
# PostgreSQL's full-text index (migration 0009): dropped for the bulk load and built once at the
# end, which is faster than keeping a GIN index current through millions of COPY rows. SQLite's
# FTS5 table is kept current by the triggers of 0009 as the rows go in, as on ingest.
PG_FTS_INDEX = "search_fts_gin"


def event_body(trigger: str | None, names: list[str], location: str | None, date_text: str | None) -> str:
    """An event's search row as kb.store.search._event_bodies writes it on ingest."""
    return " ".join(x for x in [trigger, *names, location or "", date_text or ""] if x)


def quote_body(speaker: str | None, text_: str) -> str:
    """A quote's search row as kb.store.search.index_document writes it."""
    return f"{speaker or ''} {text_}".strip()


def typed(name: str):
    """The model's table and the columns copied here, so values come back typed on every backend."""
    from kb.store.models import Base

    t = Base.metadata.tables[name]
    return t, [t.c[c] for c in COLUMNS[name]]


@dataclass
class Template:
    """One seed document and everything that hangs off it, as plain tuples (ids included)."""
    doc: dict
    sentences: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    events: list = field(default_factory=list)
    event_mentions: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    entity_ids: set = field(default_factory=set)


def load_templates(conn) -> list[Template]:
    """Every document that is not itself a copy, with its facts."""
    dt_, dcols = typed("documents")
    docs = [dict(r._mapping) for r in conn.execute(
        select(*dcols).where(or_(dt_.c.origin.is_(None), dt_.c.origin.not_like(f"{COPY_ORIGIN}%"))).order_by(dt_.c.id))]
    by_id = {d["id"]: Template(doc=d) for d in docs}
    if not by_id:
        return []

    ids = list(by_id)
    ev = typed("events")[0]
    evsub = select(ev.c.id).where(ev.c.document_id.in_(ids))

    def rows(name: str, where=None):
        t, cols = typed(name)
        cond = t.c.event_id.in_(evsub) if where == "events" else t.c.document_id.in_(ids)
        if name == "event_participants":
            # the participant's event type read from its event: a seed database made before
            # migration 0016 has no event_type column of its own
            cols = [c if c.name != "event_type" else select(ev.c.type).where(ev.c.id == t.c.event_id)
                    .scalar_subquery().label("event_type") for c in cols]
        return conn.execute(select(*cols).where(cond).order_by(t.c.id)).all()

    for r in rows("sentences"):
        by_id[r.document_id].sentences.append(r)
    for r in rows("mentions"):
        by_id[r.document_id].mentions.append(r)
    for r in rows("roles"):
        by_id[r.document_id].roles.append(r)
    ev_doc = {}
    for r in rows("events"):
        by_id[r.document_id].events.append(r)
        ev_doc[r.id] = r.document_id
    for r in rows("event_mentions", "events"):
        by_id[ev_doc[r.event_id]].event_mentions.append(r)
    for r in rows("event_participants", "events"):
        by_id[ev_doc[r.event_id]].participants.append(r)
    for r in rows("quotes"):
        by_id[r.document_id].quotes.append(r)
    for r in rows("quantities"):
        by_id[r.document_id].quantities.append(r)
    for t in by_id.values():
        t.entity_ids = ({m.entity_id for m in t.mentions} | {r.entity_id for r in t.roles}
                        | {r.of_entity_id for r in t.roles if r.of_entity_id} | {p.entity_id for p in t.participants}
                        | {e.location_id for e in t.events if e.location_id} | {q.speaker_id for q in t.quotes if q.speaker_id})
    return list(by_id.values())


def shift_iso(value: str | None, days: int) -> str | None:
    """Move an ISO date of day, month or year precision by ``days``, keeping its precision."""
    if not value:
        return value
    try:
        if len(value) == 10:
            return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
        if len(value) == 7:
            d = dt.date(int(value[:4]), int(value[5:7]), 15) + dt.timedelta(days=days)
            return f"{d.year:04d}-{d.month:02d}"
        if len(value) == 4:
            d = dt.date(int(value), 7, 1) + dt.timedelta(days=days)
            return f"{d.year:04d}"
    except ValueError:
        pass
    return value


class Names:
    """Entity lookup and new name variants built from the seed names of the same type."""

    def __init__(self, conn, rng: random.Random):
        self.rng = rng
        self.by_key: dict[tuple[str, str], int] = {}
        self.info: dict[int, tuple] = {}
        for r in conn.execute(text("SELECT id, name, name_key, type, country, country_inferred FROM entities ORDER BY id")):
            self.by_key.setdefault((r.type, r.name_key), r.id)
            self.info[r.id] = (r.name, r.type, r.country, bool(r.country_inferred))
        self.has_alias = {r[0] for r in conn.execute(text("SELECT DISTINCT entity_id FROM entity_aliases"))}
        words: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
        for name, type_, _c, _i in self.info.values():
            parts = name.split()
            if len(parts) >= 2 and all(p[:1].isupper() for p in parts):
                words[type_][0].append(" ".join(parts[:-1]))
                words[type_][1].append(parts[-1])
        self.words = {k: v for k, v in words.items() if len(v[0]) >= 5}

    def variant(self, eid: int) -> tuple[str, str] | None:
        name, type_, _c, _i = self.info[eid]
        if type_ not in NEWABLE or type_ not in self.words:
            return None
        heads, tails = self.words[type_]
        if type_ == "PERSON":
            first = self.rng.choice(heads).split()[0]
            a = self.rng.choice(tails)
            if self.rng.random() < 0.1:
                return first, a
            # mostly a new surname spliced from two seed ones ("Zinichev" + "Johnson" -> "Zinison"):
            # a few thousand seed surnames shared by a hundred thousand new people would make every
            # surname ambiguous, which real news is not
            b = self.rng.choice(tails)
            cut_a, cut_b = max(2, len(a) // 2), len(b) // 2
            return first, (a[:cut_a] + b[cut_b:].lower()) if len(a) > 2 and len(b) > 3 else a
        parts = name.split()
        # another organisation's head on this one's last word, or this one's head on another's
        if len(parts) >= 2 and self.rng.random() < 0.5:
            return " ".join(parts[:-1]), self.rng.choice(tails)
        return self.rng.choice(heads), parts[-1]


class Loader:
    """Bulk inserts on the raw driver connection: executemany (SQLite) or COPY (PostgreSQL)."""

    def __init__(self, engine, check_fks: bool):
        self.raw = engine.raw_connection()
        self.driver = self.raw.driver_connection
        self.pg = engine.dialect.name == "postgresql"
        cur = self.driver.cursor()
        if self.pg:
            cur.execute("SET synchronous_commit = off")
            if not check_fks:
                cur.execute("SET session_replication_role = replica")
            # the index as the migrations made it (over body's vector in 0009, the stored column in 0013)
            cur.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_items' AND indexname = %s",
                        (PG_FTS_INDEX,))
            row = cur.fetchone()
            self.fts_index = row[0] if row else None
            cur.execute(f"DROP INDEX IF EXISTS {PG_FTS_INDEX}")
            self.driver.commit()
        else:
            cur.execute("PRAGMA foreign_keys=%s" % ("ON" if check_fks else "OFF"))
            cur.execute("PRAGMA cache_size=-262144")  # 256 MB: the indexes being appended to stay in memory
            # FTS5 kept current row by row through 0009's triggers made the load four times slower
            # (segment merges on every chunk): the triggers are taken off for the load, the index is
            # rebuilt from search_items in one pass at the end and the same triggers put back
            self.fts_triggers = cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                            "AND tbl_name = 'search_items' ORDER BY name").fetchall()
            for name, _sql in self.fts_triggers:
                cur.execute(f"DROP TRIGGER {name}")
            self.driver.commit()
        cur.close()

    def write(self, tables: dict[str, list[tuple]]) -> None:
        cur = self.driver.cursor()
        if not self.pg:
            cur.execute("BEGIN IMMEDIATE")
        for name in ORDER:
            rows = tables.get(name)
            if not rows:
                continue
            cols = COLUMNS[name]
            if not self.pg and name in DATE_COLUMNS:  # stored as ISO text, as SQLAlchemy does
                col = cols.index(DATE_COLUMNS[name])
                rows = [r[:col] + (r[col].isoformat() if r[col] else None,) + r[col + 1:] for r in rows]
            if self.pg:
                with cur.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as cp:
                    for r in rows:
                        cp.write_row(r)
            else:
                cur.executemany(f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
        if self.pg:
            self.driver.commit()
        else:
            cur.execute("COMMIT")
        cur.close()

    def finish(self, analyze: bool) -> None:
        cur = self.driver.cursor()
        if self.pg:
            for name in ORDER:
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"GREATEST((SELECT max(id) FROM {name}), 1))")
            if self.fts_index:
                cur.execute("SET maintenance_work_mem = '512MB'")
                cur.execute(self.fts_index)
            self.driver.commit()
            if analyze:
                # what autovacuum does soon after a bulk load: statistics, and the visibility map
                # that lets index-only scans skip the table
                self.driver.autocommit = True
                cur.execute("VACUUM ANALYZE")
                self.driver.autocommit = False
        else:
            cur.execute("PRAGMA foreign_keys=ON")
            if self.fts_triggers:
                cur.execute("BEGIN IMMEDIATE")
                cur.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
                for _name, sql in self.fts_triggers:
                    cur.execute(sql)
                cur.execute("COMMIT")
            if analyze:
                cur.execute("ANALYZE")
        cur.close()
        self.raw.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="target database URL")
    ap.add_argument("--documents", type=int, required=True, help="documents to reach")
    ap.add_argument("--events", type=int, required=True, help="events to aim at (by choice of documents)")
    ap.add_argument("--seed", nargs="*", default=[], help="article files to ingest into an empty target first")
    ap.add_argument("--seed-db", default=None, help="take the seed rows from this kb database instead (target must be empty)")
    ap.add_argument("--workers", type=int, default=1, help="ingest workers for --seed")
    ap.add_argument("--new-entity-share", type=float, default=0.1)
    ap.add_argument("--years", default="2015:2025", help="publication years of the copies, FIRST:LAST")
    ap.add_argument("--chunk", type=int, default=2000, help="documents per transaction")
    ap.add_argument("--random-seed", type=int, default=6)
    ap.add_argument("--check-fks", action="store_true", help="PostgreSQL: keep foreign-key triggers on during COPY")
    ap.add_argument("--analyze", action="store_true", help="SQLite: ANALYZE at the end (PostgreSQL always is)")
    args = ap.parse_args()

    from kb.text import normalize_name
    from kb.store.db import make_engine, open_database

    t0 = time.perf_counter()
    engine = open_database(args.db)
    pg = engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        present = conn.execute(text("SELECT count(*) FROM documents")).scalar()
    seed_seconds = 0.0
    if args.seed_db:
        if present:
            ap.error("--seed-db needs an empty target database")
        src = make_engine(args.seed_db)
        with src.connect() as conn:
            templates = load_templates(conn)
            entities = conn.execute(select(*typed("entities")[1]).order_by(text("id"))).all()
            aliases = conn.execute(select(*typed("entity_aliases")[1]).order_by(text("id"))).all()
            # the seed's own search rows (written by its ingest), so the target's index matches its rows
            search_rows = conn.execute(select(*typed("search_items")[1]).order_by(text("id"))).all()
        src.dispose()
        # the seed itself goes in unchanged, with the ids it has in the seed database
        seed_rows = {"entities": [tuple(r) for r in entities], "entity_aliases": [tuple(r) for r in aliases],
                     "search_items": [tuple(r) for r in search_rows]}
        for t in templates:
            seed_rows.setdefault("documents", []).append(tuple(t.doc[c] for c in COLUMNS["documents"]))
            for name, rows in (("sentences", t.sentences), ("mentions", t.mentions), ("roles", t.roles),
                               ("events", t.events), ("event_mentions", t.event_mentions),
                               ("event_participants", t.participants), ("quotes", t.quotes),
                               ("quantities", t.quantities)):
                seed_rows.setdefault(name, []).extend(tuple(r) for r in rows)
        ld = Loader(engine, check_fks=True)
        ld.write(seed_rows)
        ld.finish(analyze=False)
    else:
        if not present:
            if not args.seed:
                ap.error("the target is empty: give --seed FILES or --seed-db URL")
            from kb.ingest.service import Ingestor

            print(f"ingesting the seed {args.seed} ...", file=sys.stderr)
            ts = time.perf_counter()
            ing = Ingestor(engine, workers=args.workers)
            try:
                report = ing.run(args.seed)
            finally:
                ing.close()
            seed_seconds = time.perf_counter() - ts
            print(f"seed: {report.added} documents in {seed_seconds:.0f} s", file=sys.stderr)
        with engine.connect() as conn:
            templates = load_templates(conn)
    if not templates:
        ap.error("no seed documents to copy")

    rng = random.Random(args.random_seed)
    with engine.connect() as conn:
        names = Names(conn, rng)
        next_id = {t: (conn.execute(text(f"SELECT max(id) FROM {t}")).scalar() or 0) + 1 for t in ORDER}
        n_docs = conn.execute(text("SELECT count(*) FROM documents")).scalar()
        n_events = conn.execute(text("SELECT count(*) FROM events")).scalar()
        start_counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in ORDER}

    ratio = args.events / max(args.documents, 1)
    rich = [t for t in templates if len(t.events) > ratio]
    poor = [t for t in templates if len(t.events) <= ratio]
    first, last = (int(y) for y in args.years.split(":"))
    day0, span = dt.date(first, 1, 1), (dt.date(last, 12, 31) - dt.date(first, 1, 1)).days
    loader = Loader(engine, check_fks=args.check_fks)
    inserted = defaultdict(int)
    t_copy = time.perf_counter()
    share = args.new_entity_share

    def take(table: str) -> int:
        i = next_id[table]
        next_id[table] = i + 1
        return i

    while n_docs < args.documents:
        out: dict[str, list[tuple]] = defaultdict(list)
        for _ in range(min(args.chunk, args.documents - n_docs)):
            pool = rich if (n_events < ratio * (n_docs + 1) and rich) or not poor else poor
            t = rng.choice(pool)
            d = t.doc
            doc_id = take("documents")
            new_pub = day0 + dt.timedelta(days=rng.randrange(span + 1))
            days = (new_pub - d["published"]).days if d["published"] else rng.randrange(-3650, 3650)
            out["documents"].append((
                doc_id, f"{d['url']}?copy={doc_id}" if d["url"] else None, d["title"], d["source"],
                new_pub if d["published"] else None, d["published_text"], d["text"],
                hashlib.sha256(f"{d['content_hash']}:{doc_id}".encode()).hexdigest(),
                f"{COPY_ORIGIN}{d['id']}", d["language"], d["extractor_version"]))
            # entities: reused, or a new name variant for this document
            emap: dict[int, int] = {}
            for eid in t.entity_ids:
                if share and rng.random() < share:
                    v = names.variant(eid)
                    if v:
                        name = f"{v[0]} {v[1]}"
                        _n, type_, country, inferred = names.info[eid]
                        key = normalize_name(name)
                        new = names.by_key.get((type_, key))
                        if new is None:
                            new = take("entities")
                            names.by_key[(type_, key)] = new
                            names.info[new] = (name, type_, country, inferred)
                            out["entities"].append((new, name, key, type_, country, inferred))
                            body = name
                            if type_ == "PERSON" and eid in names.has_alias:
                                out["entity_aliases"].append((take("entity_aliases"), new, v[1], normalize_name(v[1]), False))
                                body = f"{name} {v[1]}"
                            out["search_items"].append((take("search_items"), "entity", new, None, body))
                        emap[eid] = new
            ent = lambda i: emap.get(i, i) if i is not None else None  # noqa: E731
            smap = {}
            for s in t.sentences:
                smap[s.id] = sid = take("sentences")
                out["sentences"].append((sid, doc_id, s.sentence_index, s.start_char, s.end_char, s.text))
                out["search_items"].append((take("search_items"), "sentence", sid, doc_id, s.text))
            for m in t.mentions:
                out["mentions"].append((take("mentions"), ent(m.entity_id), doc_id, smap[m.sentence_id], m.start_char,
                                        m.end_char, m.text))
            for r in t.roles:
                out["roles"].append((take("roles"), ent(r.entity_id), r.title, ent(r.of_entity_id), r.former,
                                     r.start_year, r.end_year, new_pub if d["published"] else r.seen_on, doc_id,
                                     smap[r.sentence_id], r.start_char, r.end_char))
            evmap = {}
            for e in t.events:
                evmap[e.id] = eid = take("events")
                out["events"].append((eid, doc_id, smap[e.sentence_id], e.type, e.mode, e.context, e.cameo_root,
                                      e.quad_class, e.trigger, e.start_char, e.end_char, shift_iso(e.date, days),
                                      shift_iso(e.date_end, days), e.date_precision, e.date_text, ent(e.location_id),
                                      e.count, e.negated, e.hypothetical, e.future, e.confidence))
            for m in t.event_mentions:
                out["event_mentions"].append((take("event_mentions"), evmap[m.event_id], smap[m.sentence_id], m.trigger,
                                              m.start_char, m.end_char))
            seen = set()
            part_names: dict[int, list[str]] = defaultdict(list)
            for p in t.participants:
                k = (evmap[p.event_id], ent(p.entity_id), p.role)
                if k not in seen:  # two seed entities may have become one variant
                    seen.add(k)
                    out["event_participants"].append((take("event_participants"), *k, p.event_type))
                    part_names[k[0]].append(names.info[k[1]][0])
            # the search rows the ingest writes for these facts, with the names this copy uses
            for e in t.events:
                loc = ent(e.location_id)
                out["search_items"].append((take("search_items"), "event", evmap[e.id], doc_id, event_body(
                    e.trigger, part_names[evmap[e.id]], names.info[loc][0] if loc else None, e.date_text)))
            for q in t.quotes:
                qid = take("quotes")
                out["quotes"].append((qid, ent(q.speaker_id), q.text, q.cue, doc_id, smap[q.sentence_id],
                                      q.start_char, q.end_char))
                speaker = ent(q.speaker_id)
                out["search_items"].append((take("search_items"), "quote", qid, doc_id,
                                            quote_body(names.info[speaker][0] if speaker else None, q.text)))
            for n in t.quantities:
                out["quantities"].append((take("quantities"), n.value, n.unit, n.text, doc_id, smap[n.sentence_id],
                                          n.start_char, n.end_char))
            n_docs += 1
            n_events += len(t.events)
        loader.write(out)
        for k, v in out.items():
            inserted[k] += len(v)
        el = time.perf_counter() - t_copy
        print(f"{n_docs} documents, {n_events} events, {sum(inserted.values())} rows copied, {el:.0f} s", file=sys.stderr)
    copy_seconds = time.perf_counter() - t_copy
    # the copied rows bypassed kb's writer, which keeps entity_stats: count them all again
    # (what `kb db recount` does)
    tr = time.perf_counter()
    from kb.store import stats
    from kb.store.db import session_scope

    with session_scope(engine) as s:
        stats.recount_all(s)
    recount_seconds = time.perf_counter() - tr
    print(f"entity counts rebuilt in {recount_seconds:.0f} s", file=sys.stderr)
    ta = time.perf_counter()
    loader.finish(analyze=pg or args.analyze)
    analyze_seconds = time.perf_counter() - ta
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in ORDER}
        # one search row per sentence, event, quote and entity, as the ingest keeps it
        search_kinds = dict(conn.execute(text("SELECT kind, count(*) FROM search_items GROUP BY kind")).all())
    engine.dispose()
    search_consistent = all(search_kinds.get(k, 0) == counts[t] for k, t in
                            (("sentence", "sentences"), ("event", "events"), ("quote", "quotes"), ("entity", "entities")))
    rows = sum(inserted.values())
    result = {
        "backend": "postgresql" if pg else "sqlite", "templates": len(templates),
        "target": {"documents": args.documents, "events": args.events}, "counts": counts,
        "rows_inserted": rows, "seed_ingest_seconds": round(seed_seconds, 1), "copy_seconds": round(copy_seconds, 1),
        "recount_seconds": round(recount_seconds, 1), "finish_seconds": round(analyze_seconds, 1), "total_seconds": round(time.perf_counter() - t0, 1),
        "rows_per_second": round(rows / copy_seconds) if copy_seconds else None,
        "new_entities": counts["entities"] - start_counts["entities"],
        "search_items_by_kind": search_kinds, "search_items_consistent": search_consistent,
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
