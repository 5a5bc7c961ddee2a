"""A seeded synthetic corpus of statements with planted variants, for the scale benchmarks.

Each *base quote* (about 150 characters, Zipf-distributed words) is reported by 1-8 articles,
first as said and then as outlets change it: re-punctuated or re-cased, a word changed, a typo,
truncated with "…", elided with "[…]", or cut to a partial quote. The truth is which base each
statement came from. Hard negatives keep precision honest: different quotes that open with the
same stock phrase, and short generic statements ("We will see what happens.") that also occur
inside longer quotes, which must not glue those quotes together; and *siblings*, later quotes
that reuse two thirds or more of an earlier quote's words around a different middle (a
spokesperson's formula with other content), which must stay separate claims.

``load`` writes the corpus into a migrated quotedb database with the driver's executemany
and then brings the search indexes up to date as ingest does (the benchmarks time linking
and search, not ingest).
"""

from __future__ import annotations

import hashlib
import itertools
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from quotedb.store import Store, index_pending

#: Bumped whenever the same seed would give other statements (cached databases are keyed by it).
CORPUS_VERSION = 2
FUNCTION_WORDS = (
    "the of and to a in that is it we for on not this be are with they will have as at but our "
    "by from an all was there what their which about would people been more can if no has so "
    "who one very when than them other these must some any should into also only now because"
).split()
OPENINGS = [
    "let me be very clear about this",
    "i want to make it absolutely clear that",
    "what i can tell you today is that",
    "i think everyone in this room knows that",
    "we have said many times before that",
    "the position of our government remains that",
    "as i have told reporters again and again",
    "there should be no doubt whatsoever that",
]
GENERIC = [
    "We will see what happens.",
    "We are looking into it.",
    "No comment at this time.",
    "It is too early to say.",
    "We will not give up.",
    "I have nothing more to add.",
]
QUOTES = [('"', '"'), ("“", "”"), ("«", "»"), ("‘", "’"), ("", "")]


@dataclass(frozen=True, slots=True)
class Planted:
    text: str
    truth: int  # base quote id; generic statements use -(index + 1)
    variant: str


ONSETS = (
    "", "b", "bl", "br", "c", "ch", "cl", "cr", "d", "dr", "f", "fl", "fr", "g", "gl", "gr", "h", "j", "k", "l", "m",
    "n", "p", "ph", "pl", "pr", "qu", "r", "s", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "str", "sw", "t", "th",
    "tr", "tw", "v", "w", "wh", "wr", "y", "z",
)  # fmt: skip
NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou", "ie", "oa", "au")
CODAS = ("", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "ck", "ng", "rt", "ll", "ss", "x", "th", "sh")


def _vocabulary(rng: random.Random, size: int) -> tuple[list[str], list[float]]:
    """Function words, then pseudo-words from English-like syllables, Zipf-weighted.

    Syllables combine English onsets, vowels and codas, so the words' letter trigrams are about as
    varied as English ones (a few hundred syllables would make every trigram common and fuzzy
    search look slower than on real text); shorter words are the commoner ones, as in English.
    """
    words = set()
    while len(words) < size:
        parts = [rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(rng.choice((1, 2, 2, 2, 3)))]
        words.add("".join(parts))
    shuffled = sorted(words - set(FUNCTION_WORDS))
    rng.shuffle(shuffled)
    vocab = FUNCTION_WORDS + sorted(shuffled, key=len)  # shorter words are the commoner ones
    weights = [1.0 / (rank + 8) ** 1.05 for rank in range(len(vocab))]
    return vocab, weights


class Generator:
    """Deterministic for a seed: the same seed gives the same statements in the same order."""

    def __init__(self, seed: int = 7, vocabulary: int = 40_000) -> None:
        self.rng = random.Random(seed)
        self.vocab, weights = _vocabulary(self.rng, vocabulary)
        self.cum_weights = list(itertools.accumulate(weights))
        self.bases: list[list[str]] = []

    def words(self, n: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum_weights, k=n)

    def base(self) -> list[str]:
        rng = self.rng
        if self.bases and rng.random() < 0.05:  # a sibling: an earlier quote's frame, other middle
            words = list(rng.choice(self.bases))
            cut = rng.randint(len(words) // 4, len(words) // 3)
            at = rng.randint(0, len(words) - cut)
            words[at : at + cut] = self.words(cut)
            return words
        words = self.words(rng.randint(24, 34))
        if rng.random() < 0.08:  # a stock opening shared with unrelated quotes
            words = rng.choice(OPENINGS).split() + words[: rng.randint(14, 22)]
        if rng.random() < 0.04:  # a generic phrase inside a longer quote
            at = rng.randint(0, len(words))
            words[at:at] = GENERIC[rng.randrange(len(GENERIC))].rstrip(".").lower().split()
        return words

    def render(self, words: list[str], *, lead: str = "", tail: str = "") -> str:
        rng = self.rng
        out = []
        for i, w in enumerate(words):
            out.append(w)
            if i < len(words) - 1 and rng.random() < 0.08:
                out[-1] += rng.choice((",", ",", ";", " -"))
        text = " ".join(out)
        text = text[:1].upper() + text[1:]
        opening, closing = rng.choice(QUOTES)
        return f"{opening}{lead}{text}{tail}{closing}" if opening else f"{lead}{text}{tail}"

    def typo(self, word: str) -> str:
        rng = self.rng
        if len(word) < 3:
            return word + rng.choice("aeiou")
        i = rng.randrange(1, len(word) - 1)
        op = rng.randrange(3)
        if op == 0:
            return word[:i] + word[i + 1 :]
        if op == 1:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        return word[:i] + rng.choice("aeiouy") + word[i + 1 :]

    def variant(self, words: list[str]) -> tuple[str, str]:
        """One outlet's version of a quote, and what was done to it."""
        rng = self.rng
        w = list(words)
        kind = rng.choice(
            ("exact", "repunct", "word", "two-words", "typo", "truncate", "elide", "partial", "typo+truncate")
        )
        if kind == "exact":
            return self.render(w) + ".", kind
        if kind == "repunct":
            text = self.render(w)
            return (text.upper() if rng.random() < 0.2 else text.replace(",", "").lower()) + "!", kind
        if kind in ("word", "two-words"):
            for i in rng.sample(range(len(w)), 1 if kind == "word" else 2):
                w[i] = self.words(1)[0]
            return self.render(w), kind
        if kind in ("typo", "typo+truncate"):
            i = rng.randrange(len(w))
            w[i] = self.typo(w[i])
            if kind == "typo":
                return self.render(w), kind
        if kind in ("truncate", "typo+truncate"):
            cut = rng.randint(len(w) // 5, len(w) * 2 // 5)
            if rng.random() < 0.5:
                return self.render(w[cut:], lead="…"), kind
            return self.render(w[:-cut], tail="…"), kind
        if kind == "elide":
            start = rng.randint(4, len(w) - 10)
            gap = rng.randint(3, 6)
            return self.render(w[:start]) + " […] " + self.render(w[start + gap :]), kind
        length = rng.randint(10, 15)
        start = rng.randint(0, len(w) - length)
        return self.render(w[start : start + length]), kind

    def statements(self, n: int, *, old_share: float = 0.0) -> list[Planted]:
        """``n`` statements: bases with their variants, plus generic ones, shuffled.

        ``old_share`` of them are further variants of bases made by earlier calls: news that
        repeats what was already reported, for the incremental benchmark.
        """
        rng = self.rng
        out: list[Planted] = []
        earlier = len(self.bases)
        while len(out) < n:
            if earlier and rng.random() < old_share:
                base_id = rng.randrange(earlier)
                text, kind = self.variant(self.bases[base_id])
                out.append(Planted(text, base_id, kind))
                continue
            if rng.random() < 0.006:
                g = rng.randrange(len(GENERIC))
                out.append(Planted(GENERIC[g], -(g + 1), "generic"))
                continue
            words = self.base()
            base_id = len(self.bases)
            self.bases.append(words)
            copies = 1 if rng.random() < 0.5 else min(8, 2 + int(rng.expovariate(0.6)))
            out.append(Planted(self.render(words) + ".", base_id, "original"))
            for _ in range(copies - 1):
                text, kind = self.variant(words)
                out.append(Planted(text, base_id, kind))
        out = out[:n]
        rng.shuffle(out)
        return out


def pair_scores(truth: list[int], predicted: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the planted truth."""
    from collections import Counter

    def pairs(counter: Counter[object]) -> int:
        return sum(c * (c - 1) // 2 for c in counter.values())

    both = pairs(Counter(zip(truth, predicted)))
    true_pairs, predicted_pairs = pairs(Counter(truth)), pairs(Counter(predicted))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return precision, recall


def load(path: str, planted: list[Planted], *, per_article: int = 5, outlets: int = 40, first_id: int = 1) -> None:
    """Append ``planted`` to the migrated SQLite database at ``path``, ``per_article`` to an article."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.executemany("INSERT OR IGNORE INTO outlets(name) VALUES (?)", [(f"Outlet {i}",) for i in range(outlets)])
    rng = random.Random(first_id)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    article_id = (conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]) + 1
    statement_id = first_id
    articles, statements = [], []
    for a in range(0, len(planted), per_article):
        chunk = planted[a : a + per_article]
        body, spans = "", []
        for p in chunk:
            spans.append((len(body), len(body) + len(p.text), p.text))
            body += p.text + " someone said.\n\n"
        published = (start + timedelta(minutes=rng.randrange(525_600))).strftime("%Y-%m-%d %H:%M:%S.000000")
        sha = hashlib.sha256(f"{article_id}:{body}".encode()).hexdigest()
        articles.append((article_id, rng.randrange(outlets) + 1, sha, body, published))
        for i, (s, e, text) in enumerate(spans):
            statements.append((statement_id, article_id, text, s, e, i))
            statement_id += 1
        article_id += 1
    conn.executemany(
        "INSERT INTO articles(id, outlet_id, text_sha256, text, published_at, ingested_at, parser_version) "
        "VALUES (?, ?, ?, ?, ?, '2026-01-01 00:00:00.000000', 'bench')",
        articles,
    )
    conn.executemany(
        "INSERT INTO statements(id, article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) "
        "VALUES (?, ?, 'direct', ?, ?, ?, ?, 1.0)",
        statements,
    )
    conn.execute("COMMIT")
    conn.close()
    store = Store.open(path)  # what ingest does: the search indexes in bulk
    try:
        index_pending(store)
    finally:
        store.close()
