"""How fast ``quotedb ingest`` stores articles, against baselines measured in the same run.

For SQLite and (with ``--postgres URL`` or $QUOTEDB_TEST_POSTGRES_URL) PostgreSQL, on fresh
databases each time:

* **write path**: the articles are parsed up front, then stored by ``save_articles`` in
  ingest's batches (without the bulk-written search indexes, as ingest writes them);
  statements/s is compared with
* **raw ceiling**: exactly the rows that write produced (outlets, articles, speakers, aliases,
  statements) written into a fresh database of the same schema by the bare driver: sqlite3
  ``executemany`` in one transaction, psycopg ``COPY`` (on PostgreSQL both maintain the
  full-text GIN index and queue the statements for the trigram postings);
* **bulk indexing**: ``index_pending`` bringing the bulk-written indexes (SQLite: words and
  trigrams; PostgreSQL: trigrams) up to date with all those statements at once, statements/s;
* **end to end**: ``ingest`` of a JSON Lines file (read, parse, write, index) with 1 and 2
  workers, against **parse only**: the same file read and parsed by the same number of workers
  (``parse_all``) with nothing stored, the ideal of a writer that costs nothing. Timings
  alternate between the two, so both see the same load; after each ingest, every statement is
  checked to be in the search indexes.

    python benchmarks/ingest_scale.py --articles 4000
    python benchmarks/ingest_scale.py --articles 4000 --only ingest     # skip the write-path part
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsgen import articles, write_jsonl  # noqa: E402

from quotedb.db import resolve_url  # noqa: E402
from quotedb import searchindex  # noqa: E402
from quotedb.ingest import DEFAULT_BATCH_SIZE, ingest, parse_all  # noqa: E402
from quotedb.parse import parse_article  # noqa: E402
from quotedb.sources import iter_sources  # noqa: E402
from quotedb.store import PreparedArticle, Store, index_pending, prepare, save_articles  # noqa: E402

#: Tables ingest writes, parents first, with the columns copied for the raw ceiling.
TABLES = ("outlets", "articles", "speakers", "speaker_aliases", "statements")


@contextmanager
def fresh(backend: str, workdir: Path, pg_url: str | None) -> Iterator[str]:
    """The URL of a new, migrated database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        path = workdir / f"{uuid.uuid4().hex}.sqlite"
        Store.open(str(path)).close()
        yield f"sqlite:///{path}"
        return
    assert pg_url
    schema = f"qdb_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(resolve_url(pg_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(resolve_url(pg_url)).update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    Store.open(url_text).close()
    try:
        yield url_text
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def dump(url: str) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    """Every row ingest wrote, per table, as the driver returns it."""
    store = Store.open(url)
    out = {}
    with store.read() as conn:
        for table in TABLES:
            result = conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")
            columns = [c for c in result.keys() if c != "text_search"]  # PostgreSQL's generated column
            out[table] = (columns, [tuple(r._mapping[c] for c in columns) for r in result])
    store.close()
    return out


def raw_write(url: str, rows: dict[str, tuple[list[str], list[tuple[object, ...]]]]) -> float:
    """Seconds for the bare driver to write ``rows`` into the (migrated, empty) database at ``url``."""
    if url.startswith("sqlite"):
        con = sqlite3.connect(make_url(url).database, isolation_level=None)
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA synchronous = NORMAL")
        start = time.perf_counter()
        con.execute("BEGIN")
        for table, (columns, values) in rows.items():
            marks = ", ".join("?" * len(columns))
            con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
        con.execute("COMMIT")
        seconds = time.perf_counter() - start
        con.close()
        return seconds
    import psycopg

    u = make_url(url)
    search_path = u.query["options"].removeprefix("-csearch_path=")
    with psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, dbname=u.database) as con:
        con.execute(f'SET search_path TO "{search_path}"')
        start = time.perf_counter()
        with con.cursor() as cur:
            for table, (columns, values) in rows.items():
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in values:
                        copy.write_row(row)
        con.commit()
        return time.perf_counter() - start


def write_path(url: str, parsed: list[PreparedArticle]) -> tuple[float, float]:
    """Seconds to store ``parsed`` in ingest's batches, and then to index it all."""
    store = Store.open(url)
    start = time.perf_counter()
    for n in range(0, len(parsed), DEFAULT_BATCH_SIZE):
        save_articles(store, parsed[n : n + DEFAULT_BATCH_SIZE], index=False)
    written = time.perf_counter()
    index_pending(store)
    indexed = time.perf_counter()
    store.close()
    return written - start, indexed - written


def end_to_end(url: str, jsonl: Path, workers: int) -> tuple[float, int, int]:
    store = Store.open(url)
    start = time.perf_counter()
    summary = ingest(store, [str(jsonl)], workers=workers)
    seconds = time.perf_counter() - start
    with store.read() as conn:
        assert searchindex.pending(conn) == 0  # search finds every statement once ingest has ended
    store.close()
    assert summary.failed == 0, summary.failures[:3]
    return seconds, summary.new, summary.statements


def parse_only(jsonl: Path, workers: int) -> float:
    """Seconds to read and parse ``jsonl`` as ingest does, storing nothing."""
    start = time.perf_counter()
    for _ in parse_all(iter_sources([str(jsonl)]), workers, ahead=2 * DEFAULT_BATCH_SIZE):
        pass
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--postgres", default=os.environ.get("QUOTEDB_TEST_POSTGRES_URL"), help="PostgreSQL URL (a schema per run is made and dropped)")
    ap.add_argument("--only", choices=["write", "ingest"], help="Run only the write-path or only the end-to-end part")
    ap.add_argument("--repeat", type=int, default=3, help="Best of this many runs for each timing")
    args = ap.parse_args()
    backends = ["sqlite"] + (["postgresql"] if args.postgres else [])
    print(f"{args.articles:,} synthetic articles (seed {args.seed}); backends: {', '.join(backends)}; best of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        jsonl = write_jsonl(workdir / "articles.jsonl", args.seed, 0, args.articles)
        parsed = [prepare(parse_article(r["text"], url=r["url"])) for r in articles(args.seed, 0, args.articles)]
        statements = sum(len(p.statements) for p in parsed)
        print(f"{statements:,} statements, {statements / len(parsed):.1f} per article, {jsonl.stat().st_size / len(parsed):,.0f} bytes per article")
        for backend in backends:
            if args.only != "ingest":
                ours, raw, indexing = float("inf"), float("inf"), float("inf")
                for _ in range(args.repeat):
                    with fresh(backend, workdir, args.postgres) as url:
                        written, indexed = write_path(url, parsed)
                        ours, indexing = min(ours, written), min(indexing, indexed)
                        rows = dump(url)
                    with fresh(backend, workdir, args.postgres) as url:
                        raw = min(raw, raw_write(url, rows))
                print(
                    f"{backend:10s} write path  {statements / ours:9,.0f} statements/s"
                    f"   raw driver ceiling {statements / raw:9,.0f} statements/s   ratio {raw / ours:.2f}"
                )
                print(f"{backend:10s} bulk indexing {statements / indexing:9,.0f} statements/s")
            if args.only != "write":
                timings = {}
                for workers in (1, 2):
                    best, parsing = float("inf"), float("inf")
                    for _ in range(args.repeat):
                        parsing = min(parsing, parse_only(jsonl, workers))
                        with fresh(backend, workdir, args.postgres) as url:
                            seconds, new, stored = end_to_end(url, jsonl, workers)
                        assert new == args.articles and stored == statements, (new, stored)
                        best = min(best, seconds)
                    timings[workers] = best
                    print(
                        f"{backend:10s} ingest, {workers} worker{'s' if workers > 1 else ' '} "
                        f"{args.articles / best:7,.0f} articles/s  {statements / best:9,.0f} statements/s"
                        f"   parse only {args.articles / parsing:7,.0f} articles/s   ingest/parse-only {parsing / best:.2f}"
                    )
                print(f"{backend:10s} speed-up of 2 workers over 1: {timings[1] / timings[2]:.2f}x")


if __name__ == "__main__":
    main()
