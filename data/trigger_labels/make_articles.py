"""Write the 40 labelled articles of wikinews-dev.csv as JSON lines for `kb ingest`.

    python data/trigger_labels/make_articles.py /work/shared/data/wikinews/wikinews-dev.csv articles.jsonl

Rows are 0-based, header excluded. None is one of the ten dev gold articles (checked by title).
"""
from __future__ import annotations

import csv
import json
import sys

ROWS = [9, 13, 14, 17, 18, 19, 25, 30, 33, 35, 52, 59, 63, 72, 73, 84, 87, 89, 94, 100, 102, 104, 113,
        118, 119, 128, 140, 149, 152, 159, 217, 236, 243, 26, 90, 69, 175, 239, 158, 207]
GOLD_TITLE_WORDS = ["cairo summit", "christchurch", "el paso", "suspends parliament", "magnitogorsk",
                    "paris police", "stabbed to death at paris", "pelosi announces", "scottish court",
                    "serbian protesters", "kills qasem soleimani"]


def main(src: str, out: str) -> int:
    csv.field_size_limit(10 ** 9)
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(out, "w", encoding="utf-8") as f:
        for i in ROWS:
            r = rows[i]
            if any(w in r["title"].lower() for w in GOLD_TITLE_WORDS):
                raise SystemExit(f"row {i} is a dev gold article: {r['title']}")
            f.write(json.dumps({"url": r["url"], "title": r["title"], "published": r["date"], "text": r["text"]}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
