"""Score `kb ask` on bench/ask/questions.json, or on another question file there (see README.md).

    python bench/ask/score.py [WORKDIR] [--questions questions2.json]
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c)).casefold())


def main() -> int:
    args = sys.argv[1:]
    name = "questions.json"
    if "--questions" in args:
        at = args.index("--questions")
        name = args[at + 1]
        del args[at : at + 2]
    spec = json.loads((HERE / name).read_text(encoding="utf-8"))
    work = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="kb-ask-"))
    env = dict(os.environ, KB_DATABASE_URL=f"sqlite:///{work / 'kb.sqlite'}", NO_COLOR="1")
    if not (work / "kb.sqlite").exists():
        source = HERE / Path(spec["source"]).name
        subprocess.run(["kb", "ingest", str(source)], env=env, check=True, capture_output=True)
    items = spec["questions"]
    wrong = []
    for item in items:
        proc = subprocess.run(["kb", "ask", item["q"], "--json"], env=env, capture_output=True, text=True)
        try:
            payload = json.loads(proc.stdout)
        except ValueError:
            payload = {}
        blob = fold(json.dumps(payload.get("results", [])[:5], ensure_ascii=False) + " " + str(payload.get("count", "")))
        if fold(item["expect"]) not in blob:
            wrong.append(item["q"])
    print(f"{len(items) - len(wrong)}/{len(items)} right")
    for q in wrong:
        print("  wrong:", q)
    return 0


if __name__ == "__main__":
    sys.exit(main())
