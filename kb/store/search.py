"""Full-text search over sentences, events, quotes and entity names.

``search_items`` holds the words (one row per sentence, event, quote and entity); the index is
the database's own: an FTS5 table with the porter stemmer on SQLite, a GIN index over the stored
column ``search_fts_vector`` = ``to_tsvector('english', body)`` on PostgreSQL (migrations 0009,
0013). Both stem, so "withdrawal"
finds "withdraw" and "killed" finds "kill". The rows of a document are written when it is
stored and removed with its facts; curation re-writes the rows that carry an entity's name.
"""
from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, insert, select, text
from sqlalchemy.orm import Session

from .models import Entity, EntityAlias, Event, EventParticipant, Quote, SearchItem, Sentence
from .queries import int_array_text

# tables and indexes that are the search machinery of one dialect, not models (see 0009)
MACHINERY_PREFIX = "search_fts"

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# words that carry no topic in a question
STOP = set("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now
of off on once only or other our ours out over own same she should so some such than that the their theirs them
then there these they this those through to too under until up very was we were what when where which while who
whom whose why will with would you your yours tell show list give find anything any something many much happen
happened happens s t""".split())


def _event_bodies(session: Session, event_ids: list[int]) -> dict[int, str]:
    """What an event is searched by: its trigger, the names of its participants and place, and
    its date words. Its sentence is searched as a sentence."""
    if not event_ids:
        return {}
    names: dict[int, list[str]] = defaultdict(list)
    for eid, name in session.execute(select(EventParticipant.event_id, Entity.name)
                                     .join(Entity, Entity.id == EventParticipant.entity_id)
                                     .where(EventParticipant.event_id.in_(event_ids))):
        names[eid].append(name)
    out = {}
    for eid, trig, loc, dtext in session.execute(select(Event.id, Event.trigger, Entity.name, Event.date_text)
                                                 .outerjoin(Entity, Entity.id == Event.location_id)
                                                 .where(Event.id.in_(event_ids))):
        out[eid] = " ".join(x for x in [trig, *names[eid], loc or "", dtext or ""] if x)
    return out


def index_document(session: Session, doc_id: int, entity_ids: list[int] | None = None) -> None:
    """Write the search rows of one stored document (its sentences, events and quotes) and of
    the entities it named that have none yet."""
    rows: list[dict] = [{"kind": "sentence", "ref_id": sid, "document_id": doc_id, "body": body}
                        for sid, body in session.execute(select(Sentence.id, Sentence.text).where(Sentence.document_id == doc_id))]
    ev_ids = list(session.scalars(select(Event.id).where(Event.document_id == doc_id)))
    rows += [{"kind": "event", "ref_id": eid, "document_id": doc_id, "body": body}
             for eid, body in _event_bodies(session, ev_ids).items()]
    rows += [{"kind": "quote", "ref_id": qid, "document_id": doc_id, "body": f"{name or ''} {body}".strip()}
             for qid, body, name in session.execute(select(Quote.id, Quote.text, Entity.name)
                                                    .outerjoin(Entity, Entity.id == Quote.speaker_id)
                                                    .where(Quote.document_id == doc_id))]
    if entity_ids:
        have = set(session.scalars(select(SearchItem.ref_id).where(SearchItem.kind == "entity",
                                                                   SearchItem.ref_id.in_(entity_ids))))
        rows += _entity_rows(session, [i for i in entity_ids if i not in have])
    if rows:
        session.execute(insert(SearchItem), rows)


_INSERT_ITEMS = insert(SearchItem.__table__)
_ITEMS = SearchItem.__table__
_HAVE_ENTITY_ROWS = select(_ITEMS.c.ref_id).where(_ITEMS.c.kind == "entity",
                                                  _ITEMS.c.ref_id.in_(bindparam("ids", expanding=True)))


def index_rows(session: Session, doc_id: int, *, sentences: list[tuple[int, str]], events: list[tuple[int, str]],
               quotes: list[tuple[int, str]], entity_ids: list[int]) -> None:
    """What :func:`index_document` writes, from (id, body) pairs the writer has at hand
    (kb.store.writer: the rows it has just written, the bodies made as ``index_document`` makes
    them) instead of reading them back; rows in the same order (by kind, then by id)."""
    rows: list[dict] = [{"kind": "sentence", "ref_id": i, "document_id": doc_id, "body": b} for i, b in sorted(sentences)]
    rows += [{"kind": "event", "ref_id": i, "document_id": doc_id, "body": b} for i, b in sorted(events)]
    rows += [{"kind": "quote", "ref_id": i, "document_id": doc_id, "body": b} for i, b in sorted(quotes)]
    conn = session.connection()
    if rows:
        conn.execute(_INSERT_ITEMS, rows)
    if entity_ids:
        have = set(conn.scalars(_HAVE_ENTITY_ROWS, {"ids": entity_ids}))
        ent_rows = _entity_rows(session, [i for i in entity_ids if i not in have])
        if ent_rows:
            conn.execute(_INSERT_ITEMS, ent_rows)


_ALIASES_OF = select(EntityAlias.__table__.c.entity_id, EntityAlias.__table__.c.alias) \
    .where(EntityAlias.__table__.c.entity_id.in_(bindparam("ids", expanding=True)))
_NAMES_OF = select(Entity.__table__.c.id, Entity.__table__.c.name) \
    .where(Entity.__table__.c.id.in_(bindparam("ids", expanding=True)))


def _entity_rows(session: Session, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    aliases: dict[int, list[str]] = defaultdict(list)
    # through the session: a curation's pending changes (a new name) are flushed first
    for eid, alias in session.execute(_ALIASES_OF, {"ids": list(ids)}):
        aliases[eid].append(alias)
    return [{"kind": "entity", "ref_id": eid, "document_id": None, "body": " ".join([name, *aliases[eid]])}
            for eid, name in session.execute(_NAMES_OF, {"ids": list(ids)})]


def forget_document(session: Session, doc_id: int) -> None:
    session.execute(delete(SearchItem).where(SearchItem.document_id == doc_id))


def reindex_entities(session: Session, ids: list[int]) -> None:
    """After a curation: the entity rows of ``ids`` and the event and quote rows that spell
    their names are written again (rows of entities that no longer exist are dropped)."""
    ids = list(ids)
    session.execute(delete(SearchItem).where(SearchItem.kind == "entity", SearchItem.ref_id.in_(ids)))
    ent_rows = _entity_rows(session, ids)
    if ent_rows:
        session.execute(insert(SearchItem), ent_rows)
    ev_ids = set(session.scalars(select(EventParticipant.event_id).where(EventParticipant.entity_id.in_(ids))))
    ev_ids |= set(session.scalars(select(Event.id).where(Event.location_id.in_(ids))))
    if ev_ids:
        bodies = _event_bodies(session, sorted(ev_ids))
        docs = dict(session.execute(select(Event.id, Event.document_id).where(Event.id.in_(ev_ids))).all())
        session.execute(delete(SearchItem).where(SearchItem.kind == "event", SearchItem.ref_id.in_(ev_ids)))
        session.execute(insert(SearchItem), [{"kind": "event", "ref_id": i, "document_id": docs[i], "body": b}
                                             for i, b in bodies.items()])
    q_rows = session.execute(select(Quote.id, Quote.document_id, Quote.text, Entity.name)
                             .join(Entity, Entity.id == Quote.speaker_id).where(Quote.speaker_id.in_(ids))).all()
    if q_rows:
        session.execute(delete(SearchItem).where(SearchItem.kind == "quote", SearchItem.ref_id.in_([r[0] for r in q_rows])))
        session.execute(insert(SearchItem), [{"kind": "quote", "ref_id": qid, "document_id": d, "body": f"{n} {t}"}
                                             for qid, d, t, n in q_rows])


def topic_words(words: list[str]) -> list[str]:
    """The words of a question worth searching for: no question or function words, no digits-only
    tokens shorter than two characters."""
    out = []
    for w in words:
        for t in WORD.findall(w.lower()):
            if t not in STOP and len(t) > 1 and t not in out:
                out.append(t)
    return out


@dataclass
class Hit:
    kind: str
    ref_id: int
    document_id: int | None
    score: float  # higher is better


def _match_sqlite(words: list[str]) -> str:
    # each word quoted (FTS5 syntax stays out of user text), any of them may match
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words)


def search(session: Session, words: list[str], kinds: tuple[str, ...] | None = None, limit: int = 200,
           refs: dict[str, list[int]] | None = None, documents: list[int] | None = None) -> list[Hit]:
    """Rows whose body holds any of ``words`` (by stem), best first; ``refs`` keeps to the rows of
    given ids by kind ({"event": [...], "sentence": [...]})."""
    words = [w for w in words if w]
    if not words:
        return []
    dialect = session.get_bind().dialect.name
    kind_sql = ""
    params: dict = {"limit": limit}
    if kinds:
        kind_sql = " AND i.kind IN (" + ", ".join(f":k{n}" for n in range(len(kinds))) + ")"
        params.update({f"k{n}": k for n, k in enumerate(kinds)})
    if refs is not None:
        listed = [(k, ids) for k, ids in refs.items() if ids and k in {"sentence", "event", "quote", "entity"}]
        if not listed:
            return []
        if dialect == "postgresql":
            # one array constant per kind (integers only): thousands of bound parameters cost the
            # client more to render and psycopg more to split than the server takes to run them
            conds = []
            for n, (k, ids) in enumerate(listed):
                conds.append(f"(kind = :rk{n} AND ref_id = ANY('{int_array_text(ids)}'::integer[]))")
                params[f"rk{n}"] = k
        else:
            # ids are integers from the database, written into the statement: a list of thousands
            # of bound parameters would near SQLite's limit
            conds = [f"(kind = '{k}' AND ref_id IN ({', '.join(str(int(i)) for i in ids)}))" for k, ids in listed]
        kind_sql += " AND i.id IN (SELECT id FROM search_items WHERE " + " OR ".join(conds) + ")"
    if documents is not None:
        if not documents:
            return []
        if dialect == "postgresql":
            kind_sql += f" AND i.document_id = ANY('{int_array_text(documents)}'::integer[])"
        else:
            kind_sql += " AND i.document_id IN (" + ", ".join(str(int(i)) for i in documents) + ")"
    if dialect == "sqlite" and refs is not None and documents is None:
        found = _ranked_refs_sqlite(session, words, kinds, refs, limit)
        if found is not None:
            return found
    if dialect == "sqlite":
        params["q"] = _match_sqlite(words)
        fts_sql = ""
        if documents is not None:
            span = _rowid_span_sqlite(session, documents)
            if span is None:
                return []
            fts_sql = " AND search_fts.rowid BETWEEN :lo AND :hi"
            params["lo"], params["hi"] = span
        sql = ("SELECT i.kind, i.ref_id, i.document_id, -bm25(search_fts) AS score FROM search_fts "
               "JOIN search_items i ON i.id = search_fts.rowid WHERE search_fts MATCH :q" + fts_sql + kind_sql +
               " ORDER BY bm25(search_fts) LIMIT :limit")
    else:
        params["q"] = " | ".join(re.sub(r"[^\w]", "", w) for w in words if re.sub(r"[^\w]", "", w))
        # the stored vector (migration 0013): computing it from body for every row looked at
        # cost more than the rest of the query. ts_rank scores a row by how often it holds each
        # word, so many rows tie: they are kept by id, not by the order a plan happens to meet
        # them in (which _best_of_several_words_pg could not reproduce)
        sql = ("SELECT i.kind, i.ref_id, i.document_id, ts_rank(i.search_fts_vector, q) AS score "
               "FROM search_items i, to_tsquery('english', :q) q WHERE i.search_fts_vector @@ q" + kind_sql +
               " ORDER BY score DESC, i.id LIMIT :limit")
        if refs is None and documents is None:
            found = _best_of_several_words_pg(session, sql, params, limit)
            if found is not None:
                return found
    return [Hit(*r) for r in session.execute(text(sql), params)]


# a flat OR of lexemes, as PostgreSQL prints the tsquery of "troops | withdrawal | border"
_FLAT_OR = re.compile(r"'[^']+'(?: \| '[^']+')*")
# more words than this make too many pairs to search for (n(n-1)/2 of them)
PAIRED_LEXEMES = 8


def _best_of_several_words_pg(session: Session, sql: str, params: dict, limit: int) -> list[Hit] | None:
    """The ``limit`` best rows of a search over the whole index, read from the rows holding at
    least two of the query's words when there are ``limit`` of those (None: search them all).

    Exact because of how ts_rank scores an OR of words (tsrank.c, calc_rank_or, weights left at
    D = 0.1, no normalisation): each word found adds 0.1 * sum(1/j^2, j = 1..its occurrences) /
    (pi^2/6), between 0.0608 and 0.1, and the sum is divided by the number of words. A row holding
    one word scores below 0.1 / n, a row holding two or more at least 0.1216 / n: every row of two
    words ranks above every row of one. Rows of equal score are kept by id (the statement orders
    by score, then id), so both statements keep the same ones. At a million events "troops withdrawal
    border" matches 38,500 rows, each read from its own heap block to be ranked (27,000 blocks,
    more than shared_buffers holds, 120-150 ms); 3,067 rows hold two of its words (30 ms)."""
    printed = session.execute(text("SELECT to_tsquery('english', :q)::text"), {"q": params["q"]}).scalar() or ""
    if not _FLAT_OR.fullmatch(printed):
        return None  # one word, or words the parser joined with AND: ranked otherwise
    lexemes = list(dict.fromkeys(printed.split(" | ")))
    if not 2 <= len(lexemes) <= PAIRED_LEXEMES:
        return None
    pairs = " | ".join(f"({a} & {b})" for n, a in enumerate(lexemes) for b in lexemes[n + 1:])
    paired = sql.replace("WHERE i.search_fts_vector @@ q", "WHERE i.search_fts_vector @@ q "
                         "AND i.search_fts_vector @@ CAST(:pairs AS tsquery)")
    rows = [Hit(*r) for r in session.execute(text(paired), {**params, "pairs": pairs})]
    return rows if len(rows) >= limit else None


def _rowid_span_sqlite(session: Session, documents: list[int]) -> tuple[int, int] | None:
    """The lowest and highest id of the search rows of ``documents`` (None: they have none).

    A MATCH within given documents finds every row holding the words (75,000 for "meet OR met" at
    a million events) and looks each up in ``search_items`` to test its document (0.1 s), though
    only a few thousand are in the 5,000 documents naming a popular name. A document's rows are
    written together, so its rows, and those of the lowest-numbered documents a name's mentions
    list first, lie in a narrow stretch of ids: FTS5 keeps to a rowid range on its own, before
    any lookup. The bounds are exact (the least and greatest id of each document, one index seek
    each), so the range only leaves out rows of other documents; the scores (bm25 counts its
    statistics over the whole index) and the rows kept are the same."""
    lo, hi = session.execute(text(
        "SELECT min(lo), max(hi) FROM (SELECT (SELECT min(id) FROM search_items WHERE document_id = d.value) AS lo, "
        "(SELECT max(id) FROM search_items WHERE document_id = d.value) AS hi FROM json_each(:docs) d)"),
        {"docs": json.dumps([int(i) for i in documents])}).one()
    return None if lo is None else (lo, hi)


# FTS5's bm25 (fts5_aux.c): the same constants, so that scores computed here equal its own
BM25_K1, BM25_B = 1.2, 0.75
SQLITE_TOKENIZE = "porter unicode61 remove_diacritics 2"  # search_fts's (migration 0009)


def _varints(blob: bytes) -> list[int]:
    """SQLite's variable-length integers, as FTS5 writes its totals and row sizes."""
    out, i = [], 0
    while i < len(blob):
        v = 0
        for n in range(9):
            b = blob[i]
            i += 1
            if n == 8:
                v = (v << 8) | b
                break
            v = (v << 7) | (b & 0x7F)
            if not b & 0x80:
                break
        out.append(v)
    return out


def _ranked_refs_sqlite(session: Session, words: list[str], kinds: tuple[str, ...] | None,
                        refs: dict[str, list[int]], limit: int) -> list[Hit] | None:
    """The given rows that hold any of ``words``, scored by FTS5's bm25 with the whole index's
    statistics, without a MATCH over the whole index.

    A MATCH finds every row holding the words (95,000 for "meet OR met" at a million events) and
    only then keeps the few hundred asked for; restricting it by rowid instead made bm25 recount
    its statistics for every rowid (16 s). Here the few rows are read by id, their words are
    stemmed by a temporary FTS5 table with search_fts's tokenizer, and bm25 is computed from the
    index's own row count, token total and per-word row counts (fts5vocab) and the rows' stored
    sizes: the same score the MATCH would give."""
    conds = [(k, [int(i) for i in ids]) for k, ids in refs.items()
             if ids and k in {"sentence", "event", "quote", "entity"} and (not kinds or k in kinds)]
    if not conds:
        return []
    where = " OR ".join(f"(kind = '{k}' AND ref_id IN ({', '.join(map(str, ids))}))" for k, ids in conds)
    rows = {r[0]: r[1:] for r in session.execute(text(f"SELECT id, kind, ref_id, document_id, body FROM search_items WHERE {where}"))}
    if not rows:
        return []
    # contentless: the rows are only tokenized, and one command empties the table for the next call
    # (a DELETE re-reads every stored row to unindex it)
    session.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_stems USING fts5(body, content='', "
                         f"tokenize='{SQLITE_TOKENIZE}')"))
    session.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_stems_terms USING fts5vocab(temp, search_fts_stems, 'instance')"))
    session.execute(text("INSERT INTO temp.search_fts_stems (search_fts_stems) VALUES ('delete-all')"))  # the previous call's rows
    # rows -1, -2, ... hold the question's words, one each, so that they are stemmed as the index
    # stems them (search_items ids start at 1); each word is one phrase of the MATCH
    session.execute(text("INSERT INTO temp.search_fts_stems (rowid, body) VALUES (:id, :body)"),
                    [{"id": -n, "body": w} for n, w in enumerate(words, 1)]
                    + [{"id": i, "body": r[3] or ""} for i, r in rows.items()])
    phrase_terms: dict[int, list[str]] = defaultdict(list)
    for term, doc in session.execute(text("SELECT term, doc FROM temp.search_fts_stems_terms WHERE doc < 0 ORDER BY doc, \"offset\"")):
        phrase_terms[doc].append(term)
    # only the occurrences of the words' stems are read back (a row's other words do not score)
    freq: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    stems = sorted({t for ts in phrase_terms.values() for t in ts})
    if stems:
        for term, doc in session.execute(text("SELECT term, doc FROM temp.search_fts_stems_terms WHERE term IN ("
                                              + ", ".join(f":t{n}" for n in range(len(stems))) + ") AND doc > 0"),
                                         {f"t{n}": t for n, t in enumerate(stems)}):
            freq[doc][term] += 1
    if any(len(t) > 1 for t in phrase_terms.values()):
        return None  # a word the tokenizer splits is a phrase: the MATCH scores it
    phrases = [t[0] for _, t in sorted(phrase_terms.items(), reverse=True)]  # a stem twice counts twice, as in bm25
    totals = _varints(session.scalar(text("SELECT block FROM search_fts_data WHERE id = 1")) or b"")
    n_rows, n_tokens = (totals + [0, 0])[:2]
    avgdl = n_tokens / n_rows if n_rows else 1.0
    session.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_rows USING fts5vocab(main, search_fts, 'row')"))
    idf = {}
    for t in set(phrases):
        hits = session.scalar(text("SELECT doc FROM temp.search_fts_rows WHERE term = :t"), {"t": t}) or 0
        v = math.log((n_rows - hits + 0.5) / (hits + 0.5)) if n_rows else 0.0
        idf[t] = v if v > 0 else 1e-6
    sizes = {i: sum(_varints(sz)) for i, sz in session.execute(text(
        f"SELECT id, sz FROM search_fts_docsize WHERE id IN ({', '.join(map(str, freq))})"))}
    hits_out = []
    for i, tf in sorted(freq.items()):  # by row id, as the rows were read (ties keep that order)
        if not any(tf.get(t) for t in phrases):
            continue
        d = sizes.get(i, 0)
        score = sum(idf[t] * tf[t] * (BM25_K1 + 1) / (tf[t] + BM25_K1 * (1 - BM25_B + BM25_B * d / avgdl))
                    for t in phrases if tf.get(t))
        kind, ref_id, doc_id, _ = rows[i]
        hits_out.append(Hit(kind, ref_id, doc_id, score))
    hits_out.sort(key=lambda h: -h.score)
    return hits_out[:limit]
