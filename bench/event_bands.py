"""Event precision per confidence band, and what matched, on gold-annotated articles.

    python bench/event_bands.py GOLD_DIR [--only NAME,NAME] [--show] [--bands 0.5,0.6,0.7,0.8]

GOLD_DIR holds ``NAME.jsonl`` (one article) beside ``NAME.gold.json`` (the format of the gold
README: entities with aliases, events with ``types``, ``slots`` and ``sentence_contains``).
Each article is ingested into a fresh SQLite database in this process (one spaCy load for all),
every event is read back with no confidence threshold, and each is matched to gold events the
way the dev scorer does it: the type is one of the gold types, every slot group is met by an
actor, recipient or the location, the sentence holds one of the stems, one system event per gold
event (a maximum bipartite matching; a second event for the same gold event is a duplicate).

Prints, per band [lo, hi), how many events the band holds and how many of them are right, and
the precision/recall a threshold at each band's lower edge would give; ``--show`` lists every
event with its confidence and verdict, and the required gold events nobody matched. Used to
choose ``kb.nlp.events.confidence.DEFAULT_MIN_CONFIDENCE``; results go in BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("\u2019", "'")
    text = re.sub(r"^(the)\s+", "", text.strip())
    text = re.sub(r"[^\w\s']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _name(x) -> str:
    if x is None:
        return ""
    return x if isinstance(x, str) else (x.get("name") or "")


class Resolver:
    def __init__(self, gold_entities: list[dict], kb_entities: list[dict]):
        self.by_key: dict[str, str] = {}
        for g in gold_entities:
            for n in [g["name"], *g.get("aliases", [])]:
                self.by_key.setdefault(norm(n), g["name"])
        self.kb_alias: dict[str, set[str]] = {}
        for e in kb_entities:
            for n in {norm(_name(e))} | {norm(a) for a in e.get("aliases") or []}:
                self.kb_alias.setdefault(norm(_name(e)), set()).add(n)

    def gold_names(self, kb_name: str) -> set[str]:
        keys = {norm(kb_name)} | self.kb_alias.get(norm(kb_name), set())
        return {self.by_key[k] for k in keys if k in self.by_key}


def matches(ev: dict, g: dict, res: Resolver) -> bool:
    if (ev.get("type") or "").upper() not in {t.upper() for t in g["types"]}:
        return False
    names: set[str] = set()
    for p in (ev.get("actors") or []) + (ev.get("recipients") or []):
        names |= res.gold_names(_name(p))
    if ev.get("location"):
        names |= res.gold_names(_name(ev["location"]))
    if any(not names & set(slot) for slot in g.get("slots", [])):
        return False
    wants = g.get("sentence_contains")
    if wants:
        sent = norm(ev.get("sentence") or "") + " " + norm(ev.get("trigger") or "")
        return any(norm(w) in sent for w in wants)
    return True


def max_matching(edges: dict[int, list[str]]) -> dict[str, int]:
    owner: dict[str, int] = {}

    def augment(i: int, seen: set[str]) -> bool:
        for g in edges.get(i, []):
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = i
                return True
        return False

    for i in edges:
        augment(i, set())
    return owner


def score(events: list[dict], gold: dict, res: Resolver) -> tuple[list[bool], set[str], list[dict]]:
    """Whether each event is right, the required gold ids found, and the required gold events."""
    gold_events = gold.get("events", [])
    edges = {i: [g["id"] for g in gold_events if matches(ev, g, res)] for i, ev in enumerate(events)}
    owner = max_matching(edges)
    used = set(owner.values())
    right = [i in used for i in range(len(events))]
    req = [g for g in gold_events if not g.get("optional")]
    found = {g["id"] for g in req if g["id"] in owner}
    return right, found, req


def arguments(events: list[dict], gold: dict, res: Resolver) -> tuple[int, int]:
    """(right, checked) dates, counts and places of the required gold events some event matches."""
    ok = n = 0
    for g in [g for g in gold.get("events", []) if not g.get("optional")]:
        cands = [ev for ev in events if matches(ev, g, res)]
        for key in ("date", "count", "location"):
            if key not in g or not cands:
                continue
            n += 1
            if key == "date":
                ok += any(str(ev.get("date") or "").startswith(g["date"]) for ev in cands)
            elif key == "count":
                ok += any(ev.get("count") == g["count"] for ev in cands)
            else:
                ok += any(res.gold_names(_name(ev.get("location"))) & set(g["location"]) for ev in cands)
    return ok, n


def ingest_and_read(article: Path, extractor) -> tuple[list[dict], list[dict]]:
    """Every event (no confidence threshold) and entity of one article, ingested into a fresh
    SQLite database in this process."""
    from kb.ingest.service import Ingestor
    from kb.store.db import open_database, session_scope
    from kb.store.queries import EventFilter, list_entities, list_events

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(f"sqlite:///{Path(tmp) / 'kb.sqlite'}")
        Ingestor(engine, extractor=extractor, workers=0).run([str(article)])
        with session_scope(engine) as s:
            events = list_events(s, EventFilter(min_confidence=0.0))
            entities = list_entities(s)
        engine.dispose()
    return events, entities


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir")
    ap.add_argument("--only", default=None)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--bands", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9")
    args = ap.parse_args()

    from kb.nlp.extract import Extractor

    folder = Path(args.gold_dir)
    names = sorted(p.name[: -len(".gold.json")] for p in folder.glob("*.gold.json"))
    if args.only:
        wanted = set(args.only.split(","))
        names = [n for n in names if n in wanted]
    extractor = Extractor()
    scored: list[tuple[float, bool]] = []
    runs: list[tuple[list[dict], dict, Resolver]] = []
    n_req = n_found = 0
    for name in names:
        gold = json.loads((folder / f"{name}.gold.json").read_text(encoding="utf-8"))
        events, entities = ingest_and_read(folder / f"{name}.jsonl", extractor)
        res = Resolver(gold["entities"], entities)
        runs.append((events, gold, res))
        right, found, req = score(events, gold, res)
        n_req += len(req)
        n_found += len(found)
        scored += [(ev["confidence"], ok) for ev, ok in zip(events, right)]
        if args.show:
            print(f"== {name}")
            for ev, ok in zip(events, right):
                parts = ", ".join(_name(p) for p in ev["actors"]) + " -> " + ", ".join(_name(p) for p in ev["recipients"])
                loc = _name(ev.get("location"))
                print(f"  {'OK ' if ok else '-- '} {ev['confidence']:.2f} {ev['type']:9} [{ev['trigger']}] {parts}"
                      f" @{loc} {ev.get('date')} #{ev.get('count')} :: {(ev['sentence'] or '')[:110]}")
            for g in req:
                if g["id"] not in found:
                    print(f"  MISSED {g['id']} {'/'.join(g['types'])} {g.get('slots')} {g.get('what', '')[:80]}")
    edges = [float(b) for b in args.bands.split(",")]
    lows = [0.0] + edges
    highs = edges + [1.01]
    out = {"articles": len(names), "events": len(scored), "required_gold": n_req, "bands": []}
    from kb.nlp.events.confidence import DEFAULT_MIN_CONFIDENCE

    a_ok = a_n = 0
    for events, gold, res in runs:
        r_ok, r_n = arguments([ev for ev in events if ev["confidence"] >= DEFAULT_MIN_CONFIDENCE], gold, res)
        a_ok, a_n = a_ok + r_ok, a_n + r_n
    out["argument_accuracy_at_default"] = round(a_ok / a_n, 3) if a_n else None
    for lo, hi in zip(lows, highs):
        inside = [ok for c, ok in scored if lo <= c < hi]
        above = [ok for c, ok in scored if c >= lo]
        # a threshold changes the matching itself: score again on the events it keeps
        found_above = right_above = 0
        for events, gold, res in runs:
            kept = [ev for ev in events if ev["confidence"] >= lo]
            r, f, _ = score(kept, gold, res)
            found_above += len(f)
            right_above += sum(r)
        out["bands"].append({
            "band": f"[{lo:.2f},{min(hi, 1.0):.2f})", "events": len(inside), "right": sum(inside),
            "precision": round(sum(inside) / len(inside), 3) if inside else None,
            "at_threshold": {"events": len(above),
                             "precision": round(right_above / len(above), 3) if above else None,
                             "recall": round(found_above / n_req, 3) if n_req else None},
        })
    out["found_required_no_threshold"] = n_found
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
