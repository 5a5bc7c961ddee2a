"""How fast and how well ``quotedb search --fuzzy`` answers noisy queries, against baselines measured in the same run.

Two corpora, each in a SQLite database per size (kept in ``--workdir`` and reused by later runs):

* ``synthetic`` (benchmarks/corpus.py): pseudo-words, quotes repeated by outlets with variants.
  Queries: 6-10 word pieces of random statements with one or two typos, maybe a dropped word and
  two words swapped.
* ``newslike`` (benchmarks/newslike.py): statements from a word bigram model of the PolNeAR train
  texts, so common phrases recur as in real news. Queries: 6-10 word pieces with two letters
  of one word transposed and one word dropped.

Each query runs, timed, through
* the library: ``search(store, q, fuzzy=True, limit=10)`` on SQLite (and, with ``--postgres URL``
  or $QUOTEDB_TEST_POSTGRES_URL and ``--backends sqlite postgresql``, on PostgreSQL, whose
  corpus schema is kept for later runs);
* the in-memory anchor: the same candidate stage (``trigram_candidates``) over the same trigram
  postings held in numpy arrays, and the same re-ranking of texts held in memory;
* exhaustive rapidfuzz: ``partial_ratio`` with ``default_process`` over every statement
  (``cdist``, 2 workers);
and latencies are reported with their ratios to the two baselines.

recall@10: of the exhaustive top 10 that score at least a relevance cutoff, the share the search
returns; a result scoring as high as the exhaustive 10th counts (ties are not misses).
source@10: how often the statement the query was cut from is among the 10. On the news-like
corpus exhaustive ``partial_ratio`` is no yardstick (short statements contained in the query
score 100 and crowd its top 10), so source@10 is the quality figure there, and the exhaustive
run only times the baseline.

    python benchmarks/search_scale.py --sizes 10000 100000 1000000 --workdir /tmp/qdb-bench
    python benchmarks/search_scale.py --corpus newslike --sizes 100000 1000000 --workdir /tmp/qdb-bench
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process, utils

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS_VERSION, Generator, Planted, load  # noqa: E402
from newslike import NewsLike  # noqa: E402
from newslike import noisy_query as newslike_query  # noqa: E402

from quotedb.fuzzy import FUZZY_CANDIDATES_PER_RESULT, FUZZY_CUTOFF, rerank, trigram_candidates  # noqa: E402
from quotedb.search import search  # noqa: E402
from quotedb.trigrams import trigrams  # noqa: E402
from quotedb.store import Store, index_pending  # noqa: E402

#: Score an exhaustive top-10 result needs to count as relevant: the search's own cutoff, and
#: stricter ones (below about 75 a partial_ratio hit is no likelier than random text at 1 M).
RELEVANCE = (FUZZY_CUTOFF, 70.0, 75.0, 80.0)
NEWSLIKE_VERSION = 1


def synthetic_query(rng: random.Random, gen: Generator, text: str) -> str:
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


def corpus_texts(kind: str, size: int, seed: int) -> list[str]:
    if kind == "synthetic":
        return [p.text for p in Generator(seed).statements(size)]
    return NewsLike(seed).statements(size)


def queries(kind: str, texts: list[str], size: int, seed: int, n: int) -> tuple[list[int], list[str]]:
    """(index of the source statement, noisy query) for ``n`` random statements."""
    rng = random.Random(seed + size)
    sources = [rng.randrange(size) for _ in range(n)]
    if kind == "synthetic":
        gen = Generator(seed + 1, vocabulary=10)
        return sources, [synthetic_query(rng, gen, texts[i]) for i in sources]
    return sources, [newslike_query(rng, texts[i]) for i in sources]


def sqlite_database(workdir: Path, kind: str, size: int, seed: int, texts: list[str]) -> str:
    """The corpus database (built once): statement ``i`` of ``texts`` has id ``i + 1``."""
    version = CORPUS_VERSION if kind == "synthetic" else NEWSLIKE_VERSION
    path = workdir / f"search-{kind}-{size}-{seed}-{version}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".building")
        Store.open(str(partial)).close()
        load(str(partial), [Planted(t, i, kind) for i, t in enumerate(texts)])
        partial.rename(path)
    return str(path)


def postgres_database(base: str, kind: str, size: int, seed: int, texts: list[str]) -> str:
    """A schema holding the corpus (built once, kept): statement ``i`` of ``texts`` has id ``i + 1``."""
    from sqlalchemy import create_engine, make_url, text

    from quotedb.db import resolve_url

    version = CORPUS_VERSION if kind == "synthetic" else NEWSLIKE_VERSION
    schema = f"qdb_bench_search_{kind}_{size}_{seed}_{version}"
    admin = create_engine(resolve_url(base), isolation_level="AUTOCOMMIT")
    url = make_url(resolve_url(base)).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with admin.connect() as conn:
        ready = conn.execute(text("SELECT count(*) FROM pg_namespace WHERE nspname = :s"), {"s": schema}).scalar()
    if not ready:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}_building"'))
        building = url.replace(schema, f"{schema}_building")
        store = Store.open(building)
        with store.write() as conn:  # the GIN indexes are built after the rows: much faster than row by row
            indexes = conn.execute(
                text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE :gin"),
                {"gin": "%USING gin%"},
            ).all()
            for name, _ in indexes:
                conn.exec_driver_sql(f'DROP INDEX "{name}"')
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with cursor.copy("COPY outlets (id, name) FROM STDIN") as copy:
                copy.write_row((1, "Outlet"))
            with cursor.copy("COPY articles (id, outlet_id, text_sha256, text, ingested_at, parser_version) FROM STDIN") as copy:
                for a in range(0, len(texts), 5):
                    copy.write_row((a // 5 + 1, 1, f"{a}", " ".join(texts[a : a + 5]), "2026-01-01", "bench"))
            with cursor.copy(
                "COPY statements (id, article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) FROM STDIN"
            ) as copy:
                for i, t in enumerate(texts):
                    copy.write_row((i + 1, i // 5 + 1, "direct", t, 0, 1, 0, 1.0))
            conn.exec_driver_sql("SELECT setval('statements_id_seq', (SELECT max(id) FROM statements))")
            for _, definition in indexes:
                conn.exec_driver_sql(definition)
        index_pending(store)  # the trigram postings of the statements COPY queued
        with store.write() as conn:
            conn.exec_driver_sql("ANALYZE")
        store.close()
        with admin.connect() as conn:
            conn.execute(text(f'ALTER SCHEMA "{schema}_building" RENAME TO "{schema}"'))
    admin.dispose()
    return url


class MemoryPostings:
    """The in-memory anchor: the same trigram postings as the database's, in numpy arrays."""

    def __init__(self, texts: Sequence[str]) -> None:
        code, docs = trigrams(texts)
        self.codes, starts = np.unique(code, return_index=True)
        self.ids = (docs + 1).astype(np.uint32)
        self.bounds = np.append(starts, len(code))
        self.size = len(texts) + 1

    def counts(self, codes: Sequence[int]) -> dict[int, int]:
        found = {}
        for code in codes:
            i = int(np.searchsorted(self.codes, code))
            if i < len(self.codes) and self.codes[i] == code:
                found[code] = int(self.bounds[i + 1] - self.bounds[i])
        return found

    def lists(self, codes: Sequence[int]) -> Iterable[tuple[int, np.ndarray]]:
        for code in codes:
            i = int(np.searchsorted(self.codes, code))
            yield code, self.ids[self.bounds[i] : self.bounds[i + 1]]


def timed(fn: Callable[[str], list[int]], asked: list[str]) -> tuple[list[float], list[list[int]]]:
    """Milliseconds per query and the statement indexes (id - 1) each returned."""
    fn(asked[0])  # warm up
    latencies, found = [], []
    for q in asked:
        t = time.perf_counter()
        found.append(fn(q))
        latencies.append((time.perf_counter() - t) * 1000)
    return latencies, found


def summary(latencies: list[float]) -> dict[str, float]:
    ms = sorted(latencies)
    return {"median_ms": round(statistics.median(ms), 1), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1), "max_ms": round(ms[-1], 1)}


def bench(args: argparse.Namespace, workdir: Path, size: int) -> dict[str, object]:
    start = time.perf_counter()
    texts = corpus_texts(args.corpus, size, args.seed)
    sources, asked = queries(args.corpus, texts, size, args.seed, args.queries)
    paths = {}
    if "sqlite" in args.backends:
        paths["sqlite"] = sqlite_database(workdir, args.corpus, size, args.seed, texts)
    if "postgresql" in args.backends:
        paths["postgresql"] = postgres_database(args.postgres, args.corpus, size, args.seed, texts)
    prepared = time.perf_counter() - start
    start = time.perf_counter()
    memory = MemoryPostings(texts)
    built = time.perf_counter() - start

    def anchor(q: str) -> list[int]:
        found = trigram_candidates(memory, q, FUZZY_CANDIDATES_PER_RESULT * 10)
        return [sid - 1 for _, sid in rerank(q, [(i, texts[i - 1]) for i in found], 10)]

    results: dict[str, tuple[list[float], list[list[int]]]] = {"memory": timed(anchor, asked)}
    for backend, url in paths.items():
        store = Store.open(url)
        results[backend] = timed(lambda q: [r["statement_id"] - 1 for r in search(store, q, fuzzy=True, limit=10)], asked)
        store.close()
    t = time.perf_counter()
    scores = process.cdist(asked, texts, scorer=fuzz.partial_ratio, processor=utils.default_process, dtype=np.float32, workers=2)
    exhaustive_ms = (time.perf_counter() - t) * 1000 / len(asked)
    anchor_ms = statistics.median(results["memory"][0])
    out: dict[str, object] = {
        "corpus": args.corpus, "statements": size, "queries": len(asked), "corpus_s": round(prepared, 1),
        "in_memory_index_build_s": round(built, 1), "exhaustive_ms_per_query": round(exhaustive_ms, 1),
        "in_memory_median_ms": round(anchor_ms, 1),
    }  # fmt: skip
    for name, (latencies, found) in results.items():
        figures: dict[str, object] = summary(latencies)
        if name != "memory":
            figures["x_in_memory"] = round(statistics.median(latencies) / anchor_ms, 2)
        figures["x_exhaustive"] = round(statistics.median(latencies) / exhaustive_ms, 4)
        figures["source_at_10"] = round(sum(s in f for s, f in zip(sources, found)) / len(asked), 4)
        if args.corpus == "synthetic":
            figures["recall_at_10"] = recall(scores, found)
        out[name] = figures
    out["example_query"] = asked[0]
    return out


def recall(scores: np.ndarray, found: list[list[int]]) -> dict[str, float]:
    recalls: dict[float, list[float]] = {c: [] for c in RELEVANCE}
    for qi, ours in enumerate(found):
        row = scores[qi]
        top = np.argsort(-row, kind="stable")[:10]
        for cutoff in RELEVANCE:
            relevant = [i for i in top if row[i] >= cutoff]
            if relevant:
                tenth = row[relevant[-1]]
                recalls[cutoff].append(min(1.0, sum(1 for i in ours if row[i] >= tenth) / len(relevant)))
    return {f">={c:g}": round(statistics.mean(r), 4) for c, r in recalls.items() if r}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["synthetic", "newslike"], default="synthetic")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--backends", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"])
    parser.add_argument("--postgres", default=os.environ.get("QUOTEDB_TEST_POSTGRES_URL"), help="PostgreSQL URL (the corpus goes into a schema of its own, kept)")
    parser.add_argument("--workdir", default=None, help="folder for the SQLite databases, reused across runs")
    args = parser.parse_args()
    if "postgresql" in args.backends and not args.postgres:
        parser.error("--backends postgresql needs --postgres URL (or $QUOTEDB_TEST_POSTGRES_URL)")
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="quotedb-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        print(json.dumps(bench(args, workdir, size)), flush=True)


if __name__ == "__main__":
    main()
