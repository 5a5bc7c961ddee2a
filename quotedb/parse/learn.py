"""Derive the parser's learned word lists from a folder of news texts (``python -m quotedb.parse.learn``).

The lists ship in ``quotedb/parse/data/``; this module is how they were made, so they can be
checked and remade. Run on the PolNeAR train split's texts:

    python -m quotedb.parse.learn ../shared/eval/polnear-train/text
    python -m quotedb.parse.learn --cues ../shared/eval/polnear-train.gold.json   # cue verb candidates

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

from quotedb.parse import vocab

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


def cue_candidates(gold: list[dict[str, object]], min_uses: int = 3) -> list[tuple[str, int, int]]:
    """Lower-case words that are the first content word of an annotated cue (auxiliaries and
    "not", "also", "to" skipped) in at least half of their uses in the gold texts: (word, cue
    uses, uses), most reliable first. The cue verbs of ``vocab`` marked "learned" were picked from
    this list (as verbs, less the words as often nouns)."""
    uses: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    skip = vocab.AUXILIARIES | {"be", "been", "being", "not", "also", "to", "did", "does", "do"}
    for doc in gold:
        uses.update(w for w in _WORD.findall(str(doc["text"])) if w[0].islower())
        for st in doc["statements"]:  # type: ignore[attr-defined]
            words = [w for w in _WORD.findall(st.get("cue") or "") if w[0].islower() and w not in skip]
            if words:
                cues[words[0]] += 1
    found = [(w, n, uses[w]) for w, n in cues.items() if len(w) > 2 and n >= min_uses and uses[w] and n / uses[w] >= 0.5]
    return sorted(found, key=lambda r: (-r[1] / r[2], -r[1], r[0]))


def main(folder: str) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    out = Path(__file__).with_name("data") / "common_words.txt"
    words = common_words(texts)
    out.write_text("".join(w + "\n" for w in words), encoding="utf-8")
    print(f"{out}: {len(words)} words from {len(texts)} texts")


if __name__ == "__main__":
    if sys.argv[1] == "--cues":  # python -m quotedb.parse.learn --cues ../shared/eval/polnear-train.gold.json
        import json

        for word, n, total in cue_candidates(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))):
            print(f"{word}\t{n}\t{total}")
    else:
        main(sys.argv[1])
