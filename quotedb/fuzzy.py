"""Fuzzy search's two stages, without the database layer: candidates from trigram postings
(inverse document frequency of the rare trigrams a statement shares with the query), then a
rapidfuzz ``partial_ratio`` re-ranking. Kept apart so that a fuzzy search on SQLite starts with
sqlite3, NumPy and rapidfuzz alone (``quotedb.details``); ``quotedb.search`` uses them too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

#: How many trigram-index candidates fuzzy search re-ranks, per result asked for (and at least);
#: also this share of the statements, up to the maximum (1,500 at 1 M statements).
FUZZY_CANDIDATES_PER_RESULT = 100
FUZZY_MIN_CANDIDATES = 1000
FUZZY_CANDIDATE_SHARE = 0.0015
FUZZY_MAX_CANDIDATES = 5000
#: Candidates re-ranked before the 10th best score so far becomes the cutoff for the others.
RERANK_FIRST = 200
#: The candidate stage reads the posting lists of the query's rarest trigrams (rare ones are the
#: selective ones): at most this many trigrams, and no more postings than the budget (but at
#: least FUZZY_MIN_TRIGRAMS trigrams), so a long or common query costs what a short one does.
#: Measured with benchmarks/search_scale.py at 1 M statements (100 noisy queries): re-ranking
#: is cheaper per candidate than reading postings is per posting, so few postings and many
#: candidates win: 300,000 postings and 3,000 candidates give recall@10 0.967 in 58 ms median,
#: 500,000 and 1,000 gave 0.958 in 76 ms, 250,000 and 1,000 0.934. A small corpus needs fewer:
#: 1,000 candidates at 100,000 statements give 0.99.
FUZZY_TRIGRAMS = 40
FUZZY_MIN_TRIGRAMS = 4
FUZZY_POSTINGS_BUDGET = 500_000
#: With filters the candidates are filtered afterwards in SQL, so more of them are drawn.
FUZZY_FILTERED_CANDIDATES = 5000
#: rapidfuzz score (0-100) a fuzzy hit needs.
FUZZY_CUTOFF = 60.0


class Postings(Protocol):
    """Where the candidate stage reads trigram posting lists (codes as quotedb.trigrams makes them)."""

    #: one more than the highest statement id
    size: int

    def counts(self, codes: Sequence[int]) -> dict[int, int]:
        """How many statements hold each trigram (those held by none are left out)."""

    def lists(self, codes: Sequence[int]) -> Iterable[tuple[int, np.ndarray]]:
        """(trigram, statement ids) pairs; a trigram may come in several parts, disjoint."""


def trigram_candidates(postings: Postings, query: str, n: int) -> list[int]:
    """The ids of the ``n`` statements that share the most rare trigrams with ``query``, best first.

    The posting lists of the query's rarest trigrams are read (at most FUZZY_TRIGRAMS, and no
    more than FUZZY_POSTINGS_BUDGET postings once FUZZY_MIN_TRIGRAMS are read) and each statement
    scores the inverse document frequency of the trigrams it holds: a statement sharing many
    rare trigrams comes first whatever its typos.
    """
    import numpy as np  # fuzzy search only: other commands start without it

    from quotedb.trigrams import query_trigrams

    counts = postings.counts(query_trigrams(query))
    chosen: list[int] = []
    read = 0
    for gram in sorted(counts, key=lambda g: (counts[g], g))[:FUZZY_TRIGRAMS]:
        if len(chosen) >= FUZZY_MIN_TRIGRAMS and read + counts[gram] > FUZZY_POSTINGS_BUDGET:
            break
        chosen.append(gram)
        read += counts[gram]
    if not chosen:
        return []
    total = postings.size
    n = max(n, min(FUZZY_MAX_CANDIDATES, int(total * FUZZY_CANDIDATE_SHARE)))
    lists = list(postings.lists(chosen))
    # Scores in uint16, each trigram weighing its inverse document frequency in 16ths: a third
    # less time than float32 to add up and scan at a million postings. (Ids of deleted
    # statements may lie beyond the highest id until a merge drops them.)
    scores = np.zeros(max([total, *(int(ids.max()) + 1 for _, ids in lists if len(ids))]), dtype=np.uint16)
    for gram, ids in lists:
        scores[ids] += max(1, round(16 * math.log(total / counts[gram])))
    # the n-th best score from a histogram of the scores, rather than a partition of all of them
    at_least = np.cumsum(np.bincount(scores)[::-1])[::-1]  # at_least[v]: statements scoring >= v
    found = np.flatnonzero(scores >= max(1, int(np.searchsorted(-at_least, -n, side="right")) - 1))
    return found[np.argsort(-scores[found].astype(np.int32), kind="stable")][:n].tolist()


def rerank(query: str, found: Sequence[tuple[int, str]], limit: int) -> list[tuple[float, int]]:
    """The best ``limit`` of (id, text) candidates by rapidfuzz ``partial_ratio``: (score, id) pairs.

    Candidates come best first by the trigram stage: the first RERANK_FIRST are scored with the
    search's cutoff, the rest with the score of the ``limit``-th best so far, which rapidfuzz
    rejects sooner (a third faster; the same answer, since nothing below it can enter).
    """
    from rapidfuzz import fuzz, process, utils

    best: list[tuple[float, int]] = []
    cutoff = FUZZY_CUTOFF
    for part in (found[:RERANK_FIRST], found[RERANK_FIRST:]):
        if not part:
            continue
        scores = process.cdist(
            [query], [t for _, t in part], scorer=fuzz.partial_ratio, processor=utils.default_process,
            score_cutoff=cutoff, workers=2,
        )[0]  # fmt: skip
        best = sorted([*best, *((-float(sc), sid) for (sid, _), sc in zip(part, scores) if sc >= cutoff)])[:limit]
        if len(best) == limit:
            cutoff = -best[-1][0]
    return [(-neg, sid) for neg, sid in best]
