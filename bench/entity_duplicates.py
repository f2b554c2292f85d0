"""Count likely duplicate entities in a database (see kb.store.quality).

    python bench/entity_duplicates.py [--db URL] [--show N]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter

from kb.store.db import open_database, session_scope
from kb.store.models import Entity
from kb.store.quality import duplicate_candidates
from sqlalchemy import func, select


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=None)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    with session_scope(open_database(args.db)) as s:
        pairs = duplicate_candidates(s)
        counts = dict(s.execute(select(Entity.type, func.count()).group_by(Entity.type)).all())
    print(json.dumps({"entities": counts, "duplicate_pairs": dict(Counter(p.kind for p in pairs)),
                      "entities_in_a_duplicate_pair": len({p.other_id for p in pairs})}, indent=1))
    for p in pairs[: args.show]:
        print(f"  {p.kind:9} {p.type:6} {p.name} ~ {p.other_name}")


if __name__ == "__main__":
    main()
