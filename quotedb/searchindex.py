"""The search indexes, written in bulk instead of row by row.

The trigram postings (quotedb.trigrams) serve ``search --fuzzy`` on both backends; on SQLite
``statements_fts`` (FTS5 words, external content) serves ``search`` (PostgreSQL's word index is a
generated tsvector column it keeps itself). Statements are stored without touching them:
``index_pending`` adds every pending statement in one set-based pass, in the caller's
transaction. Measured on 100,000 statements: the former row-by-row triggers cost 17 s of CPU,
the same rows set-based 1.5 s (FTS5 tokenises a batch at a time and merges far fewer segments).
``ingest`` calls it every INDEX_EVERY statements and when it ends; ``save_articles`` (the
library path) in every transaction. A killed ingest leaves its statements pending: search says
how many, and the next ingest or ``quotedb db analyze`` indexes them.

Which statements are pending: on SQLite, those above the watermark
``search_index_state.indexed_through``; statements written by the store always get ids above
it, and deleted or edited statements below it leave the word index through triggers. On
PostgreSQL concurrent writers commit ids out of order, so no watermark can tell: a trigger
queues each inserted id in ``statements_trgm_pending`` (committed with the statement, whoever
inserts it), and a catch-up takes the committed ones under a lock on the segments table, so two
catch-ups never take the same ones, while searches read on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quotedb.dbobjects import PG_TRIGRAM_PENDING, SQLITE_FTS_TABLE, SQLITE_INDEX_STATE, TRIGRAM_SEGMENTS
from quotedb.errors import DatabaseError

if TYPE_CHECKING:  # word search imports this module, and neither SQLAlchemy nor NumPy
    from sqlalchemy.engine import Connection

    from quotedb.db import Store

#: Statements indexed per pass (one trigram segment each): bounds the memory of a large catch-up
#: (about 400 bytes a statement) while keeping FTS5's per-pass overhead small.
CATCH_UP_STATEMENTS = 100_000
#: What search says when statements are stored but not indexed yet.
PENDING_NOTE = (
    "note: {n:,} statement{s} stored by an ingest still running (or interrupted) cannot be found yet; "
    "they can once it ends, or after 'quotedb db analyze'"
)
_WATERMARK = f"(SELECT indexed_through FROM {SQLITE_INDEX_STATE})"


def indexed_through(conn: Connection) -> int:
    """The watermark: every statement with an id up to it is in both indexes."""
    return int(conn.exec_driver_sql(f"SELECT indexed_through FROM {SQLITE_INDEX_STATE}").scalar_one())


def _pending_sql(backend: str) -> str:
    if backend == "sqlite":
        return f"SELECT count(*) FROM statements WHERE id > {_WATERMARK}"
    return f"SELECT count(*) FROM {PG_TRIGRAM_PENDING} p JOIN statements s ON s.id = p.id"


def pending(conn: Connection) -> int:
    """How many statements are not in the search indexes yet."""
    return int(conn.exec_driver_sql(_pending_sql(conn.dialect.name)).scalar_one())


def pending_note(store: Store) -> str | None:
    """The line search prints while statements wait to be indexed, else None; on SQLite through
    sqlite3 directly, like word search, so no SQLAlchemy connection is started for it."""
    if store.backend == "sqlite":
        from quotedb.db import sqlite_reader

        reader = sqlite_reader(store.url)
        try:
            waiting = reader.execute(_pending_sql("sqlite")).fetchone()[0]
        finally:
            reader.close()
    else:
        with store.read() as conn:
            waiting = pending(conn)
    return PENDING_NOTE.format(n=waiting, s="" if waiting == 1 else "s") if waiting else None


def has_pending(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return bool(conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {PG_TRIGRAM_PENDING})").scalar_one())
    top = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM statements").scalar_one()
    return int(top) > indexed_through(conn)


def next_statement_id(conn: Connection) -> int:
    """The id the store gives its next statement: above every id and above the watermark, so a
    statement never lands below the watermark unindexed (SQLite reuses the top id once deleted)."""
    top = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM statements").scalar_one()
    return max(int(top), indexed_through(conn)) + 1


def index_pending(conn: Connection, *, limit: int | None = None) -> int:
    """Add the pending statements to the indexes (at most ``limit``); how many."""
    from quotedb.trigrams import MAX_STATEMENT_ID, add_segment

    sqlite = conn.dialect.name == "sqlite"
    rows = _sqlite_pending(conn, limit) if sqlite else _take_queued(conn, limit)
    if not rows:
        return 0
    top = rows[-1][0]
    if top > MAX_STATEMENT_ID:
        raise DatabaseError(f"statement id {top} is beyond what fuzzy search's index holds ({MAX_STATEMENT_ID})")
    if sqlite:
        conn.exec_driver_sql(
            f"INSERT INTO {SQLITE_FTS_TABLE}(rowid, text) SELECT id, text FROM statements WHERE id > ? AND id <= ?",
            (indexed_through(conn), top),
        )
    add_segment(conn, [r[0] for r in rows], [r[1] for r in rows])
    if sqlite:
        conn.exec_driver_sql(f"UPDATE {SQLITE_INDEX_STATE} SET indexed_through = ?", (top,))
    return len(rows)


def _sqlite_pending(conn: Connection, limit: int | None) -> Sequence[tuple[Any, ...]]:
    """(id, text) of the statements above the watermark, the first ``limit``."""
    return conn.exec_driver_sql(  # fetched at once: row by row, SQLAlchemy's fetching cost more than the query
        "SELECT id, text FROM statements WHERE id > ? ORDER BY id LIMIT ?", (indexed_through(conn), -1 if limit is None else limit)
    ).tuples().all()


def _take_queued(conn: Connection, limit: int | None) -> list[tuple[int, str]]:
    """(id, text) of the first ``limit`` queued statements (PostgreSQL), taken off the queue;
    queued ids of statements deleted since are dropped on the way."""
    lock_segments(conn)
    while True:
        taken = conn.exec_driver_sql(
            f"WITH taken AS (DELETE FROM {PG_TRIGRAM_PENDING} WHERE id IN "
            f"(SELECT id FROM {PG_TRIGRAM_PENDING} ORDER BY id LIMIT %s) RETURNING id) "
            "SELECT taken.id, s.text FROM taken LEFT JOIN statements s ON s.id = taken.id ORDER BY taken.id",
            (limit,),
        ).all()
        found = [(i, t) for i, t in taken if t is not None]
        if found or not taken:
            return found


def lock_segments(conn: Connection) -> None:
    """Make this transaction the only one writing trigram segments (PostgreSQL) until it ends;
    searches still read them."""
    conn.exec_driver_sql(f"LOCK TABLE {TRIGRAM_SEGMENTS} IN EXCLUSIVE MODE")


def index_missing(conn: Connection) -> int:
    """Merge every trigram segment into one, dropping deleted statements' ids; how many
    statements were indexed on the way.

    SQLite: the statements below the watermark that the word index lacks (inserted by other
    tools than quotedb's store, with ids SQLite reused) are indexed too, their ids left out of
    the merge (they may be old statements' ids). PostgreSQL's queue misses no statement.
    """
    from quotedb.trigrams import add_segment, merge_segments

    if conn.dialect.name != "sqlite":
        lock_segments(conn)
        merge_segments(conn, everything=True)
        return 0

    missing = f"id <= {_WATERMARK} AND id NOT IN (SELECT id FROM {SQLITE_FTS_TABLE}_docsize)"
    rows: Sequence[tuple[int, str]] = conn.exec_driver_sql(f"SELECT id, text FROM statements WHERE {missing} ORDER BY id").all()  # type: ignore[assignment]
    merge_segments(conn, everything=True, drop=[r[0] for r in rows])
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {SQLITE_FTS_TABLE}(rowid, text) SELECT id, text FROM statements WHERE {missing}")
        add_segment(conn, [r[0] for r in rows], [r[1] for r in rows])
    return len(rows)
