"""SQLite's two search indexes, written in bulk instead of row by row.

``statements_fts`` (FTS5 words, external content) serves ``search``; the trigram postings
(quotedb.trigrams) serve ``search --fuzzy``. Statements are stored without touching either:
``index_pending`` adds every statement above the watermark ``search_index_state.indexed_through``
to both in one set-based pass and moves the watermark, in the caller's transaction. Measured on
100,000 statements: the former row-by-row triggers cost 17 s of CPU, the same rows set-based
1.5 s (FTS5 tokenises a batch at a time and merges far fewer segments). ``ingest`` calls it
every INDEX_EVERY statements and when it ends; ``save_articles`` (the library path) in every
transaction. A killed ingest leaves its statements pending: search says how many, and the next
ingest or ``quotedb db analyze`` indexes them. Statements written by the store always get ids
above the watermark; deleted or edited statements below it leave the word index through
triggers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from quotedb.dbobjects import SQLITE_FTS_TABLE, SQLITE_INDEX_STATE
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


def pending(conn: Connection) -> int:
    """How many statements are not in the search indexes yet."""
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM statements WHERE id > {_WATERMARK}").scalar_one())


def pending_note(store: Store) -> str | None:
    """The line search prints while statements wait to be indexed (SQLite), else None; through
    sqlite3 directly, like word search, so no SQLAlchemy connection is started for it."""
    if store.backend != "sqlite":
        return None
    from quotedb.db import sqlite_reader

    conn = sqlite_reader(store.url)
    try:
        waiting = conn.execute(f"SELECT count(*) FROM statements WHERE id > {_WATERMARK}").fetchone()[0]
    finally:
        conn.close()
    return PENDING_NOTE.format(n=waiting, s="" if waiting == 1 else "s") if waiting else None


def has_pending(conn: Connection) -> bool:
    top = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM statements").scalar_one()
    return int(top) > indexed_through(conn)


def next_statement_id(conn: Connection) -> int:
    """The id the store gives its next statement: above every id and above the watermark, so a
    statement never lands below the watermark unindexed (SQLite reuses the top id once deleted)."""
    top = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM statements").scalar_one()
    return max(int(top), indexed_through(conn)) + 1


def index_pending(conn: Connection, *, limit: int | None = None) -> int:
    """Add the statements above the watermark to both indexes (at most ``limit``); how many."""
    from quotedb.trigrams import MAX_STATEMENT_ID, add_segment

    mark = indexed_through(conn)
    rows = conn.exec_driver_sql(
        "SELECT id, text FROM statements WHERE id > ? ORDER BY id LIMIT ?", (mark, -1 if limit is None else limit)
    ).all()
    if not rows:
        return 0
    top = rows[-1][0]
    if top > MAX_STATEMENT_ID:
        raise DatabaseError(f"statement id {top} is beyond what fuzzy search's index holds ({MAX_STATEMENT_ID})")
    conn.exec_driver_sql(
        f"INSERT INTO {SQLITE_FTS_TABLE}(rowid, text) SELECT id, text FROM statements WHERE id > ? AND id <= ?", (mark, top)
    )
    add_segment(conn, [r[0] for r in rows], [r[1] for r in rows])
    conn.exec_driver_sql(f"UPDATE {SQLITE_INDEX_STATE} SET indexed_through = ?", (top,))
    return len(rows)


def index_missing(conn: Connection) -> int:
    """Index the statements below the watermark that the word index lacks (inserted by other
    tools than quotedb's store, with ids SQLite reused), after merging every trigram segment
    without their ids (they may be old statements' ids); how many."""
    from quotedb.trigrams import add_segment, merge_segments

    missing = f"id <= {_WATERMARK} AND id NOT IN (SELECT id FROM {SQLITE_FTS_TABLE}_docsize)"
    rows: Sequence[tuple[int, str]] = conn.exec_driver_sql(f"SELECT id, text FROM statements WHERE {missing} ORDER BY id").all()  # type: ignore[assignment]
    merge_segments(conn, everything=True, drop=[r[0] for r in rows])
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {SQLITE_FTS_TABLE}(rowid, text) SELECT id, text FROM statements WHERE {missing}")
        add_segment(conn, [r[0] for r in rows], [r[1] for r in rows])
    return len(rows)
