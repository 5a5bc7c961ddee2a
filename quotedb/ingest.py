"""Sources -> parse -> store: parsing in worker processes, writing in batched transactions.

A bad input is reported and skipped; the rest are stored. Each article is stored whole or not
at all (a batch is one transaction), and text already stored is a no-op, so an interrupted or
killed ingest is completed by running it again. ``--shard K/N`` keeps the articles whose content
hash falls in shard K, so N machines given the same inputs split them without talking to each
other, and a duplicate article always lands in the same shard.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from quotedb.constants import DEFAULT_BATCH_SIZE
from quotedb.errors import DatabaseError, InputError, QuotedbError
from quotedb.parse import parse_article
from quotedb.sources import DEFAULT_MAX_BYTES, Note, SourceDoc, SourceFailure, iter_sources
from quotedb.store import PreparedArticle, SaveResult, Store, index_pending, prepare, save_articles

#: Articles sent to a worker process at a time (amortises inter-process overhead).
CHUNK = 8
#: Seconds to wait before retrying a batch that failed for a transient reason; each attempt
#: itself waits up to the busy timeout (60 s on SQLite) for the lock.
RETRY_PAUSES = (0.5, 2.0, 5.0, 10.0, 30.0)
#: Statements stored between two catch-ups of SQLite's search indexes: writing them in bulk
#: costs a tenth of writing them with each batch (benchmarks/ingest_scale.py); a search during
#: the ingest misses at most this many of its statements, and says so.
INDEX_EVERY = 50_000
#: Allocations between two young-generation passes of the garbage collector while ingesting
#: (Python's default: 700); a batch allocates tens of thousands of objects, nearly all freed
#: by reference counting.
GC_YOUNG_THRESHOLD = 10_000


class Shard(NamedTuple):
    """Shard ``k`` of ``n`` (1-based), as given by ``--shard K/N``."""

    k: int
    n: int

    @classmethod
    def parse(cls, spec: str) -> Shard:
        """``"2/4"`` -> Shard(2, 4); raises ValueError with a message for the user."""
        k_text, sep, n_text = spec.partition("/")
        if not sep or not k_text.strip().isdigit() or not n_text.strip().isdigit():
            raise ValueError(f"{spec!r} is not K/N (e.g. 1/4)")
        k, n = int(k_text), int(n_text)
        if not 1 <= k <= n:
            raise ValueError(f"{spec!r}: K must be between 1 and N")
        return cls(k, n)

    def holds(self, item: SourceDoc | SourceFailure) -> bool:
        return item.shard_key() % self.n == self.k - 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's fate: a SaveResult, or the reason it failed."""

    origin: str
    result: SaveResult | None = None
    error: str | None = None


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    statements: int = 0
    failures: list[SourceFailure] = field(default_factory=list)
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, outcome: Outcome) -> None:
        if outcome.result is None:
            self.failures.append(SourceFailure(outcome.origin, outcome.error or "failed"))
            return
        setattr(self, outcome.result.status, getattr(self, outcome.result.status) + 1)
        self.statements += outcome.result.statements

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        parts = [f"{self.new} new", f"{self.unchanged} unchanged"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        parts.append(f"{self.failed} failed")
        return f"articles: {', '.join(parts)}; statements stored: {self.statements}"


@dataclass(frozen=True, slots=True)
class Parsed:
    """A source after the parse step: the parsed article, or the reason there is none."""

    origin: str
    article: PreparedArticle | None = None
    error: str | None = None


def parse_doc(item: SourceDoc | SourceFailure) -> Parsed:
    """The parse step of one input (run in a worker process when ``workers > 1``)."""
    if isinstance(item, SourceFailure):
        return Parsed(item.origin, error=item.reason)
    try:
        text, meta = item.content()
    except QuotedbError as exc:
        return Parsed(item.origin, error=str(exc))
    try:
        return Parsed(item.origin, article=prepare(parse_article(text, **meta), item.path))  # type: ignore[arg-type]
    except Exception as exc:  # a parser bug must not stop the batch; report it with the file
        return Parsed(item.origin, error=f"parser error ({type(exc).__name__}: {exc}); please report it")


def _parse_chunk(chunk: list[SourceDoc | SourceFailure]) -> list[Parsed]:
    return [parse_doc(item) for item in chunk]


def _start_worker(parent: int) -> None:
    """Workers leave Ctrl-C to the parent, which stops them and reports what was stored.

    They also yield the CPU to the writer (the parent), the one stage that cannot be spread
    over processes: without this, two parsers and the writer share two cores evenly and the
    writer, the bottleneck, gets two thirds of one. And they exit when the parent is gone
    (killed, say), which they would otherwise never notice, waiting for work forever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(10)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def parse_all(items: Iterable[SourceDoc | SourceFailure], workers: int, ahead: int = 0) -> Iterator[Parsed]:
    """Parse in input order, in ``workers`` processes, with about ``ahead`` articles in flight.

    The caller writes a batch while the workers go on parsing the next ones, so ``ahead``
    should exceed a batch: otherwise the workers idle during every write.
    """
    if workers <= 1:
        yield from map(parse_doc, items)
        return
    source = iter(items)
    in_flight = max(workers * 4, -(-ahead // CHUNK))
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        pending: deque[Future[list[Parsed]]] = deque()
        try:
            while True:
                try:  # a dead worker breaks the pool: submit raises it as well as result
                    while len(pending) < in_flight and (chunk := list(islice(source, CHUNK))):
                        pending.append(pool.submit(_parse_chunk, chunk))
                    if not pending:
                        return
                    done = pending.popleft().result()
                except BrokenProcessPool:
                    raise InputError(
                        "a parse worker died (out of memory, or killed); what was stored is kept: "
                        "rerun the same command, with --workers 1 to find the input that kills it"
                    ) from None
                yield from done
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def store_batch(store: Store, batch: list[Parsed]) -> list[Outcome]:
    """Write a batch in one transaction; if it fails, article by article to name the culprit.

    A transient failure (another writer held the lock past the busy timeout, say a long
    ``quotedb link``; a deadlock) is retried whole, with growing pauses, instead: if it
    persists, every article of the batch reports it, as retrying them one by one would only
    wait out the same lock once per article.
    """
    articles = [p.article for p in batch if p.article is not None]
    for pause in (*RETRY_PAUSES, None):
        try:
            results = save_articles(store, articles, index=False) if articles else []
            break
        except DatabaseError as exc:
            if exc.transient and pause is not None:
                time.sleep(pause)
                continue
            if len(batch) == 1 or exc.fatal:  # a full disk or a lost server fails every article alike
                raise
            if exc.transient:
                reason = f"{exc} (another writer kept it busy for minutes, e.g. quotedb link); run the same command again"
                return [Outcome(p.origin, error=p.error if p.article is None else reason) for p in batch]
            return [outcome for p in batch for outcome in _store_one(store, p)]
    found = iter(results)
    return [Outcome(p.origin, error=p.error) if p.article is None else Outcome(p.origin, next(found)) for p in batch]


def _store_one(store: Store, parsed: Parsed) -> list[Outcome]:
    try:
        return store_batch(store, [parsed])
    except DatabaseError as exc:
        return [Outcome(parsed.origin, error=str(exc))]


@contextmanager
def _bulk_collector() -> Iterator[None]:
    """The cyclic garbage collector tuned for a bulk load while it runs, as it was afterwards.

    What was alive before (modules, the parser's tables, SQLAlchemy's caches: 100,000 objects)
    is frozen out of its full passes, and young passes come less often. Measured on 4,000
    articles with 2 workers: the writer spent 12 % of its CPU in the collector, 4 % this way.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@_bulk_collector()
def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
    shard: Shard | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_outcome: Callable[[Outcome], None] | None = None,
    stop: threading.Event | None = None,
    stdin_format: str = "auto",
    on_note: Note | None = None,
) -> IngestSummary:
    """Ingest every article found in ``inputs`` (paths, directories, ``-``).

    Setting ``stop`` (from a signal handler, say) stores what is already parsed and returns a
    summary marked ``interrupted`` that counts exactly what was committed.
    """
    summary = IngestSummary()
    items: Iterable[SourceDoc | SourceFailure] = iter_sources(
        inputs, encoding=encoding, max_bytes=max_bytes, stdin_format=stdin_format, **({"on_note": on_note} if on_note else {})
    )
    if shard is not None:
        items = filter(shard.holds, items)
    batch: list[Parsed] = []
    size = 0

    def flush() -> None:
        nonlocal size
        for outcome in store_batch(store, batch) if batch else ():
            summary.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        batch.clear()
        size = 0

    indexed = 0  # summary.statements at the last catch-up of the search indexes
    for parsed in parse_all(items, workers, ahead=2 * batch_size):
        batch.append(parsed)
        size += len(parsed.article.row["text"]) if parsed.article else 0
        if len(batch) >= batch_size or size >= max_bytes or (stop is not None and stop.is_set()):
            flush()
            if summary.statements - indexed >= INDEX_EVERY:
                _index(store)
                indexed = summary.statements
        if stop is not None and stop.is_set():
            summary.interrupted = True
            break
    flush()
    if not summary.interrupted:  # Ctrl-C means stop now: the next run (or db analyze) indexes the rest
        _index(store)
    return summary


def _index(store: Store) -> None:
    """Bring the search indexes up to date with what is stored (SQLite; see quotedb.searchindex).

    A writer holding the lock past the busy timeout only postpones it: search says how many
    statements wait, and the next ingest or ``quotedb db analyze`` indexes them.
    """
    try:
        index_pending(store)
    except DatabaseError as exc:
        if not exc.transient:
            raise
