"""How fast and how well ``quotedb search --fuzzy`` answers noisy queries, against exhaustive rapidfuzz.

For each size a SQLite database is filled with the seeded corpus (benchmarks/corpus.py; kept in
``--workdir`` and reused by later runs). Queries are 6-10 word pieces of random statements with
noise: one or two typos, a dropped word, two words swapped. Each query runs through the library
(``search(..., fuzzy=True, limit=10)``) and, as the baseline, through exhaustive rapidfuzz
(``partial_ratio`` with ``default_process`` over every statement, ``cdist`` with 2 workers),
both timed in the same run.

recall@10: of the exhaustive top 10 that score at least the search's cutoff, the share the
search returns; a result scoring as high as the exhaustive 10th counts (ties are not misses).
source@10: how often the statement the query was cut from is among the search's 10.

    python benchmarks/search_scale.py --sizes 10000 100000 1000000 --workdir /tmp/qdb-bench
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS_VERSION, Generator, load  # noqa: E402

from quotedb.search import FUZZY_CUTOFF, search  # noqa: E402

#: Score an exhaustive top-10 result needs to count as relevant: the search's own cutoff, and
#: stricter ones (below about 75 a partial_ratio hit is no likelier than random text at 1 M).
RELEVANCE = (FUZZY_CUTOFF, 70.0, 75.0, 80.0)
from quotedb.store import Store  # noqa: E402


def noisy_query(rng: random.Random, gen: Generator, text: str) -> str:
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    length = min(len(words), rng.randint(6, 10))
    start = rng.randint(0, len(words) - length)
    piece = words[start : start + length]
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(piece))
        piece[i] = gen.typo(piece[i])
    if rng.random() < 0.5 and len(piece) > 4:
        del piece[rng.randrange(len(piece))]
    if rng.random() < 0.5:
        i = rng.randrange(len(piece) - 1)
        piece[i], piece[i + 1] = piece[i + 1], piece[i]
    return " ".join(piece)


def database(workdir: Path, size: int, seed: int) -> tuple[str, list[str]]:
    """The corpus database for ``size`` (built once), and its statements' texts by id - 1."""
    gen = Generator(seed)
    planted = gen.statements(size)
    path = workdir / f"search-{size}-{seed}-{CORPUS_VERSION}.sqlite"
    if not path.exists():
        Store.open(str(path)).close()
        load(str(path), planted)
    return str(path), [p.text for p in planted]


def bench(workdir: Path, size: int, queries: int, seed: int) -> dict[str, object]:
    start = time.perf_counter()
    path, texts = database(workdir, size, seed)
    built = time.perf_counter() - start
    rng = random.Random(seed + size)
    gen = Generator(seed + 1, vocabulary=10)
    sources = [rng.randrange(size) for _ in range(queries)]
    asked = [noisy_query(rng, gen, texts[i]) for i in sources]
    store = Store.open(path)
    search(store, "warm up the caches", fuzzy=True)
    latencies, found = [], []
    for q in asked:
        t = time.perf_counter()
        rows = search(store, q, fuzzy=True, limit=10)
        latencies.append(time.perf_counter() - t)
        found.append([r["id"] - 1 for r in rows])
    store.close()
    t = time.perf_counter()
    scores = process.cdist(asked, texts, scorer=fuzz.partial_ratio, processor=utils.default_process, dtype=np.float32, workers=2)
    exhaustive_s = (time.perf_counter() - t) / queries
    recalls: dict[float, list[float]] = {c: [] for c in RELEVANCE}
    source_hits = 0
    for qi, ours in enumerate(found):
        row = scores[qi]
        top = np.argsort(-row, kind="stable")[:10]
        for cutoff in RELEVANCE:
            relevant = [i for i in top if row[i] >= cutoff]
            if relevant:
                tenth = row[relevant[-1]]
                hits = sum(1 for i in ours if row[i] >= tenth)
                recalls[cutoff].append(min(1.0, hits / len(relevant)))
        source_hits += sources[qi] in ours
    ms = sorted(x * 1000 for x in latencies)
    return {
        "statements": size,
        "queries": queries,
        "build_s": round(built, 1),
        "median_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1),
        "max_ms": round(ms[-1], 1),
        "recall_at_10": {f">={c:g}": round(statistics.mean(r), 4) for c, r in recalls.items() if r},
        "source_at_10": round(source_hits / queries, 4),
        "exhaustive_ms_per_query": round(exhaustive_s * 1000, 1),
        "speedup_vs_exhaustive": round(exhaustive_s * 1000 / statistics.median(ms), 1),
        "example_query": asked[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workdir", default=None, help="folder for the databases, reused across runs")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="quotedb-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        print(json.dumps(bench(workdir, size, args.queries, args.seed)), flush=True)


if __name__ == "__main__":
    main()
