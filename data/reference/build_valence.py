"""Build valence.tsv from VADER's word list (vader_lexicon.txt, vaderSentiment 3.3.2, MIT).

Run:    python3 data/reference/build_valence.py PATH/TO/vader_lexicon.txt
Check:  python3 data/reference/build_valence.py PATH/TO/vader_lexicon.txt --check  (exit 1 if stale)

The file comes in the vaderSentiment wheel (``pip download vaderSentiment==3.3.2 --no-deps``, then
unzip it: ``vaderSentiment/vader_lexicon.txt``). Each of its lines is ``token, mean valence (-4 ..
+4), standard deviation, the ten raters' scores``. Kept here: the tokens that are words (lower-case
letters, an inner hyphen or apostrophe; the emoticons and chat abbreviations are left out) and
their mean, rounded as VADER prints it. The MIT notice travels beside the table as
valence_LICENSE.md. Only the standard library is used, and the output depends only on the input.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "valence.tsv"
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def build(source: Path) -> str:
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not WORD.match(parts[0]):
            continue
        rows.append((parts[0], float(parts[1])))
    rows.sort()
    return "word\tvalence\n" + "".join(f"{w}\t{v:g}\n" for w, v in rows)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    text = build(Path(args[0]))
    if "--check" in argv:
        return 0 if OUT.exists() and OUT.read_text(encoding="utf-8") == text else 1
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
