"""Derive the parser's learned word lists from a folder of news texts (``python -m quotedb.parse.learn``).

The lists ship in ``quotedb/parse/data/``; this module is how they were made, so they can be
checked and remade. Run on the PolNeAR train split's texts:

    python -m quotedb.parse.learn ../shared/eval/polnear-train/text

``common_words.txt``: words that news prints in lower case far more often than capitalised in
mid-sentence ("did", "having", "there", "young"). Capitalised at the start of a sentence they
are not a name ("Did Trump …", "Having lost, …"), while surnames and first names ("Trump",
"Bill", "Rush") are capitalised mid-sentence too often to qualify.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: What comes before a word that starts a sentence or a quotation.
_INITIAL = re.compile(r"(?:[.!?:][\"”’)]?\s+|[\"“‘(—]\s*|\n\s*)$")
#: A lower-case word needs this many lower-case uses, and this many times its mid-sentence
#: capitalised uses, to be listed.
MIN_LOWER = 3
RATIO = 4


def common_words(texts: list[str]) -> list[str]:
    """Words printed in lower case at least ``RATIO`` times as often as capitalised mid-sentence."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in texts:
        for m in _WORD.finditer(text):
            word = m.group()
            if word[0].islower():
                lower[word.lower()] += 1
            elif m.start() and not _INITIAL.search(text, max(0, m.start() - 4), m.start()):
                capital[word.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= MIN_LOWER and n >= RATIO * capital[w])


def main(folder: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    out = Path(__file__).with_name("data") / "common_words.txt"
    words = common_words(texts)
    out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{out}: {len(words)} words from {len(texts)} texts")


if __name__ == "__main__":
    main(sys.argv[1])
