"""Dump every candidate event mention of a kb database for labelling (one JSON object a line).

    KB_DATABASE_URL=sqlite:///x.sqlite kb events --all --include-negated --json > events.json
    python data/trigger_labels/dump_candidates.py x.sqlite events.json > candidates.jsonl

Event fields (type, trigger, actors, confidence ...) come from ``kb events --all --include-negated --json``; the
trigger's character span inside its sentence comes from the ``event_mentions`` and ``sentences``
tables, so every mention of a merged event (the same happening told again) is a candidate of its own.
"""
from __future__ import annotations

import json
import sqlite3
import sys


def _name(p) -> str:
    return p if isinstance(p, str) else (p.get("name") or "")


def main(db: str, events_json: str) -> int:
    events = {e["id"]: e for e in json.load(open(events_json, encoding="utf-8"))}
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT m.event_id, m.start_char, m.end_char, m.trigger, s.start_char, s.text, s.sentence_index, d.url "
        "FROM event_mentions m JOIN sentences s ON s.id = m.sentence_id JOIN documents d ON d.id = s.document_id "
        "ORDER BY d.id, s.sentence_index, m.start_char").fetchall()
    for n, (eid, start, end, trig, s_start, s_text, s_idx, url) in enumerate(rows):
        ev = events[eid]
        a, b = start - s_start, end - s_start
        assert s_text[a:b] == trig, (s_text, a, b, trig)
        print(json.dumps({
            "cand": n, "event": eid, "article": url, "sentence_index": s_idx, "sentence": s_text,
            "trigger": trig, "start": a, "end": b, "type": ev["type"], "mode": ev.get("mode"),
            "actors": [_name(p) for p in ev.get("actors") or []],
            "recipients": [_name(p) for p in ev.get("recipients") or []],
            "confidence": ev["confidence"], "primary": trig == ev["trigger"] and s_text == ev["sentence"],
        }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
