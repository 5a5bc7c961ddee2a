"""Batched, parallel and sharded ingest: same rows as one article at a time, on both backends."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from builders import article
from indexes import assert_indexes_whole
from newsgen import write_files, write_jsonl
import quotedb.ingest
from quotedb import searchindex
from quotedb.errors import DatabaseError, InputError
from quotedb.ingest import Shard, ingest
from quotedb.parse import Speaker
from quotedb.search import search
from quotedb.searchindex import PENDING_NOTE, pending_note
from quotedb.sources import SourceFailure
from quotedb.store import PreparedArticle, SaveResult, Store, prepare, save_article, save_articles

#: What ingest decided, independent of row ids: statement, speaker and aliases per article text.
SNAPSHOT = """
SELECT a.text_sha256, s.start_offset, s.end_offset, s.kind, s.speaker_mention, sp.name, sp.kind,
       sp.role, sp.affiliation, o.name,
       (SELECT count(*) FROM statements s2 WHERE s2.speaker_id = s.speaker_id) AS speaker_statements,
       (SELECT count(*) FROM speaker_aliases al WHERE al.speaker_id = s.speaker_id) AS speaker_aliases
FROM statements s JOIN articles a ON a.id = s.article_id
LEFT JOIN speakers sp ON sp.id = s.speaker_id LEFT JOIN outlets o ON o.id = a.outlet_id
ORDER BY a.text_sha256, s.start_offset
"""


def snapshot(store: Store) -> list[tuple[object, ...]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(text(SNAPSHOT))]


def counts(store: Store) -> tuple[int, int, int]:
    with store.read() as conn:
        return tuple(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in ("articles", "statements", "speakers"))  # type: ignore[return-value]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """60 synthetic articles where the same people recur, with their roles, across articles."""
    return write_jsonl(tmp_path / "corpus.jsonl", seed=3, start=0, stop=60)


@pytest.fixture
def other_store(another_db: Callable[[], str]) -> Iterator[Store]:
    """A second empty database on the same backend as ``store``."""
    s = Store.open(another_db())
    yield s
    s.close()


def test_batches_store_what_one_at_a_time_stores(store: Store, other_store: Store, corpus: Path) -> None:
    one = ingest(store, [str(corpus)], batch_size=1)
    batched = ingest(other_store, [str(corpus)], batch_size=25)
    assert (one.new, one.statements, one.failed) == (batched.new, batched.statements, batched.failed) == (60, one.statements, 0)
    assert counts(store) == counts(other_store)
    assert snapshot(store) == snapshot(other_store)


def test_two_workers_store_what_one_stores(sqlite_url: str, tmp_path: Path, corpus: Path) -> None:
    serial, parallel = Store.open(sqlite_url), Store.open(str(tmp_path / "parallel.sqlite"))
    try:
        ingest(serial, [str(corpus)], workers=1)
        summary = ingest(parallel, [str(corpus)], workers=2, batch_size=7)
        assert (summary.new, summary.failed) == (60, 0)
        assert snapshot(serial) == snapshot(parallel)
    finally:
        serial.close()
        parallel.close()


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("1/4", Shard(1, 4)), ("4/4", Shard(4, 4)), (" 2 / 3 ", Shard(2, 3)), ("1/1", Shard(1, 1))],
)
def test_shard_parse(spec: str, expected: Shard) -> None:
    assert Shard.parse(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [("0/4", "K must be between 1 and N"), ("5/4", "K must be between 1 and N"), ("1/0", "K must be between 1 and N"),
     ("2", "is not K/N"), ("a/b", "is not K/N"), ("-1/4", "is not K/N"), ("", "is not K/N")],
)  # fmt: skip
def test_shard_parse_rejects(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Shard.parse(spec)


def test_shards_split_the_inputs_exactly(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    write_files(folder, seed=5, start=0, stop=40)
    (folder / "dup.txt").write_text((folder / "article-000007.txt").read_text("utf-8"), encoding="utf-8")
    taken = [ingest(store, [str(folder)], shard=Shard(k, 3)) for k in (1, 2, 3)]
    assert [s.failed for s in taken] == [0, 0, 0]
    assert sum(s.new for s in taken) == 40 and all(s.new for s in taken)
    # the copy has the same content hash as its original, so one shard saw both
    assert sum(s.unchanged for s in taken) == 1
    assert counts(store)[0] == 40


def test_duplicates_and_a_changed_page_inside_one_batch(store: Store) -> None:
    ruiz = Speaker("Ana Ruiz", "person", role="Mayor")
    first = prepare(article("Ruiz said the line opens in May.\n", [("the line opens in May", "Ana Ruiz", "indirect")], speakers=(ruiz,), url="https://x.example/a"))
    again = first
    changed = prepare(article("Ruiz said the line opens in June.\n", [("the line opens in June", "Ana Ruiz", "indirect")], speakers=(ruiz,), url="https://x.example/a"))
    results = save_articles(store, [first, again, changed])
    assert [r.status for r in results] == ["new", "unchanged", "updated"]
    assert results[0].article_id == results[1].article_id == results[2].article_id
    with store.read() as conn:
        assert conn.execute(text("SELECT text FROM statements")).scalars().all() == ["the line opens in June"]
    assert counts(store) == (1, 1, 1)


def test_a_failing_batch_is_retried_article_by_article(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article the database refuses costs only itself, reported with the database's reason."""
    real = quotedb.ingest.save_articles

    def refusing(store: Store, batch: list[PreparedArticle], **options: bool) -> list[SaveResult]:
        if any("POISON" in a.row["text"] for a in batch):
            raise DatabaseError("cannot write to the database: value too long")
        return real(store, batch, **options)

    monkeypatch.setattr(quotedb.ingest, "save_articles", refusing)
    path = tmp_path / "mixed.jsonl"
    texts = ['"We are ready," Ana Ruiz said.\n', '"POISON," Ana Ruiz said.\n', '"We are set," Ana Ruiz said.\n']
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    summary = ingest(store, [str(path)], batch_size=10)
    assert (summary.new, summary.failures) == (2, [SourceFailure(f"{path}:2", "cannot write to the database: value too long")])
    assert counts(store)[:2] == (2, 2)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"text": "Ruiz said it is fine.", "published_at": "0001-01-01T00:00:00+14:00"},
         "field 'published_at' is out of range in UTC: '0001-01-01T00:00:00+14:00'"),
        ({"text": "Ruiz said \u0000 it is fine."}, "field 'text' contains NUL characters (binary data, not an article)"),
        ({"text": "Ruiz said it is fine.", "published_at": "last Tuesday"}, "field 'published_at' is not an ISO 8601 date: 'last Tuesday'"),
        ({"text": "   "}, "record has no non-empty 'text' field"),
        (["text"], "line is not a JSON object"),
    ],
)  # fmt: skip
def test_bad_records_are_refused_before_the_database(store: Store, tmp_path: Path, record: object, reason: str) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    summary = ingest(store, [str(path)])
    assert (summary.new, summary.failures) == (0, [SourceFailure(f"{path}:1", reason)])


def test_save_article_is_save_articles_of_one(store: Store) -> None:
    parsed = article("Ruiz said it is fine.\n", [("it is fine", "Ana Ruiz", "indirect")], speakers=(Speaker("Ana Ruiz", "person"),))
    assert save_article(store, parsed).status == "new"
    assert save_articles(store, [prepare(parsed)])[0].status == "unchanged"


def _die(chunk: list[object]) -> list[object]:
    os._exit(9)  # a worker killed by the out-of-memory killer, say


def test_a_dead_worker_is_a_clear_error(store: Store, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotedb.ingest, "_parse_chunk", _die)
    with pytest.raises(InputError, match="a parse worker died .* rerun the same command"):
        ingest(store, [str(corpus)], workers=2)


def _after_the_workers_died(items: list[SourceFailure]) -> Iterator[SourceFailure]:
    """The first chunk, then the rest only once the pool's workers are gone: the next
    ``submit`` then meets the broken pool (the race that made the test above flaky)."""
    import multiprocessing
    import time

    from quotedb.ingest import CHUNK

    yield from items[:CHUNK]
    deadline = time.monotonic() + 30
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the pool's manager thread marks the pool broken
    yield from items[CHUNK:]


def test_a_worker_dying_while_work_is_submitted_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from quotedb.ingest import CHUNK, parse_all

    monkeypatch.setattr(quotedb.ingest, "_parse_chunk", _die)
    items = [SourceFailure(f"input {i}", "unused") for i in range(CHUNK * 40)]
    with pytest.raises(InputError, match="a parse worker died .* rerun the same command"):
        list(parse_all(_after_the_workers_died(items), workers=2))


def hold_write_lock(path: str, release: threading.Event, seconds: float) -> threading.Thread:
    """Another writer (a long ``quotedb link``, say) holding SQLite's write lock for a while."""
    con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    con.execute("BEGIN IMMEDIATE")

    def hold() -> None:
        release.wait(seconds)
        con.execute("COMMIT")
        con.close()

    thread = threading.Thread(target=hold)
    thread.start()
    return thread


@pytest.mark.parametrize(("pauses", "failed"), [((0.2,) * 10, 0), ((), 60)])
def test_a_lock_held_past_the_busy_timeout_is_waited_out(
    sqlite_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch, pauses: tuple[float, ...], failed: int
) -> None:
    """With retries the batch waits the lock out; without, every article reports the lock."""
    import quotedb.db
    monkeypatch.setattr(quotedb.db, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(quotedb.ingest, "RETRY_PAUSES", pauses)
    store = Store.open(sqlite_url)
    release = threading.Event()
    holder = hold_write_lock(sqlite_url.removeprefix("sqlite:///"), release, seconds=1.0 if pauses else 120.0)
    try:
        summary = ingest(store, [str(corpus)], batch_size=100)
    finally:
        release.set()
        holder.join()
        store.close()
    assert (summary.new, summary.failed) == (60 - failed, failed)
    assert all(
        f.reason == "cannot write to the database: database is locked "
        "(another writer kept it busy for minutes, e.g. quotedb link); run the same command again"
        for f in summary.failures
    )


def test_an_interrupted_ingest_leaves_indexing_to_the_next(sqlite_url: str, corpus: Path) -> None:
    """Ctrl-C asks to stop now: what was stored waits for the next run (or db analyze) to be indexed."""
    store = Store.open(sqlite_url)
    try:
        stop = threading.Event()
        stop.set()
        summary = ingest(store, [str(corpus)], batch_size=5, stop=stop)
        assert summary.interrupted and summary.new == 1
        assert (pending(store), pending_note(store)) == (summary.statements, PENDING_NOTE.format(n=summary.statements, s="s"))
        summary = ingest(store, [str(corpus)])
        assert not summary.interrupted and summary.new == 59
        assert (pending(store), pending_note(store)) == (0, None)
    finally:
        store.close()


@pytest.mark.parametrize(("every", "on_the_way"), [(10**9, False), (100, True)])
def test_ingest_indexes_every_so_many_statements_and_at_the_end(
    sqlite_url: str, corpus: Path, monkeypatch: pytest.MonkeyPatch, every: int, on_the_way: bool
) -> None:
    """Search finds every statement once ingest has finished, whichever catch-ups ran on the way."""
    monkeypatch.setattr(quotedb.ingest, "INDEX_EVERY", every)
    calls = []
    real = quotedb.ingest.index_pending
    monkeypatch.setattr(quotedb.ingest, "index_pending", lambda store: calls.append(real(store)))
    store = Store.open(sqlite_url)
    try:
        summary = ingest(store, [str(corpus)], batch_size=5)
        assert sum(calls) == summary.statements
        assert len(calls) > 1 if on_the_way else calls == [summary.statements]  # several catch-ups, or the final one alone
        assert_indexes_whole(sqlite_url.removeprefix("sqlite:///"))
        with store.read() as conn:
            sample = [t for (t,) in conn.execute(text("SELECT text FROM statements ORDER BY id DESC LIMIT 3"))]
        for query in sample:
            assert search(store, query, fuzzy=True, limit=50)[0]["score"] == 100.0
    finally:
        store.close()


def pending(store: Store) -> int:
    with store.read() as conn:
        return searchindex.pending(conn)
