"""Statements that read like news, for the fuzzy search benchmark: a word bigram model of real articles.

The model is built at run time from the PolNeAR train texts next to the checkout
(``../shared/eval/polnear-train/text``; nothing of them is stored in the repository). Walking it
from a sentence's first word to a word that ends a sentence gives statements whose common
phrases ("the White House said", "in the United States") recur across the corpus as in real
news, so a query's trigrams are far less selective than in the synthetic corpus of corpus.py.
Deterministic for a seed and the same texts.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter, defaultdict
from pathlib import Path

TEXTS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train" / "text"
ENDS = (".", "!", "?", '."', ".”", '?"', "?”")


class NewsLike:
    """Sentences sampled from a word bigram model of the texts in ``folder``."""

    def __init__(self, seed: int, folder: Path = TEXTS) -> None:
        files = sorted(folder.glob("*.txt"))
        if not files:
            raise SystemExit(f"no texts to build the news-like corpus from in {folder}")
        follows: dict[str, Counter[str]] = defaultdict(Counter)
        starts: Counter[str] = Counter()
        for path in files:
            for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
                words = paragraph.split()
                for i, word in enumerate(words):
                    if i == 0 or words[i - 1].endswith(ENDS):
                        starts[word] += 1
                    if i + 1 < len(words) and not word.endswith(ENDS):
                        follows[word][words[i + 1]] += 1
        self.rng = random.Random(seed)
        self.starts = _table(starts)
        self.follows = {word: _table(nexts) for word, nexts in follows.items()}

    def statement(self, shortest: int = 8, longest: int = 50) -> str:
        while True:
            words = [_draw(self.rng, self.starts)]
            while not words[-1].endswith(ENDS) and len(words) < longest and words[-1] in self.follows:
                words.append(_draw(self.rng, self.follows[words[-1]]))
            if len(words) >= shortest:
                return " ".join(words)

    def statements(self, n: int) -> list[str]:
        return [self.statement() for _ in range(n)]


def _table(counts: Counter[str]) -> tuple[list[str], list[int]]:
    words = sorted(counts)
    return words, list(itertools.accumulate(counts[w] for w in words))


def _draw(rng: random.Random, table: tuple[list[str], list[int]]) -> str:
    return rng.choices(table[0], cum_weights=table[1])[0]


def noisy_query(rng: random.Random, text: str) -> str:
    """A 6-10 word piece of ``text`` with two letters of one word transposed and one word dropped."""
    words = text.split()
    length = min(len(words), rng.randint(6, 10))
    start = rng.randint(0, len(words) - length)
    piece = words[start : start + length]
    long_words = [i for i, w in enumerate(piece) if sum(c.isalpha() for c in w) >= 4]
    if long_words:
        i = rng.choice(long_words)
        letters = [j for j, c in enumerate(piece[i][:-1]) if c.isalpha() and piece[i][j + 1].isalpha()]
        j = rng.choice(letters)
        w = piece[i]
        piece[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    del piece[rng.randrange(len(piece))]
    return " ".join(piece)
