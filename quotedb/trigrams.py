"""Fuzzy search's trigram postings: per trigram, the ids of the statements that hold it.

They replace an FTS5 ``trigram`` table whose posting lists fuzzy search read at ~370 ns a
posting (a query reads hundreds of thousands), and on PostgreSQL a ``pg_trgm`` GIN index that
took seconds a query at 1 M statements: here a posting list is a blob of little-endian uint32
statement ids, read with one ``frombuffer``, the same tables on both backends. A trigram is
three letters or digits in a row inside one word of the lower-cased text (pieces across words
or punctuation are left out, as the query's are), keyed by its code points packed into one
integer. Each catch-up of the search indexes (quotedb.searchindex) writes one *segment* (one
row per trigram it holds); segments of about the same size are merged MERGE_FACTOR at a time,
so a trigram has a few rows, not one per ingest, and each posting is rewritten only a
logarithmic number of times. Merges drop the ids of deleted statements.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
import sqlite3
from typing import TYPE_CHECKING, Any, Unpack

import numpy as np

from quotedb.dbobjects import TRIGRAM_POSTINGS as _POSTINGS
from quotedb.dbobjects import TRIGRAM_SEGMENTS as _SEGMENTS

if TYPE_CHECKING:  # fuzzy search on SQLite reads the postings through sqlite3 alone (quotedb.details)
    from sqlalchemy.engine import Connection, CursorResult

#: Segments of one size class merged at a time (size classes are powers of this).
MERGE_FACTOR = 4
#: Postings a merge reads at a time (4 bytes each).
MERGE_READ_POSTINGS = 4_000_000
#: The packed (trigram, text) sort key must stay below this (int64); else a slower lexsort.
PACKED_KEY_LIMIT = 2**62
#: Texts whose trigrams are found in one pass: a pass's arrays (about 100 bytes a character) stay
#: small enough for the allocator to reuse their memory. Over 60,000 statements at once, page
#: faults cost as much CPU as the sort (0.45 s in all); in passes of 2,000 texts, 0.26 s.
TRIGRAM_CHUNK = 2_000
#: Posting lists hold statement ids as little-endian uint32.
MAX_STATEMENT_ID = 2**32 - 1


def trigrams(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct (trigram, text) pair of ``texts``, sorted: trigram codes and text positions.

    A code packs the three code points of a lower-cased in-word trigram (21 bits each). Done in
    numpy for TRIGRAM_CHUNK texts at a time (per text in Python it costs five times more), the
    chunks then merged by one stable sort on the codes (each chunk is sorted by trigram and text,
    and the chunks come in text order).
    """
    if len(texts) <= TRIGRAM_CHUNK:
        return _chunk_trigrams(texts)
    starts = range(0, len(texts), TRIGRAM_CHUNK)
    parts = [_chunk_trigrams(texts[start : start + TRIGRAM_CHUNK]) for start in starts]
    codes = np.concatenate([c for c, _ in parts])
    docs = np.concatenate([d + start for (_, d), start in zip(parts, starts, strict=True)])
    order = np.argsort(codes, kind="stable")
    return codes[order], docs[order]


def _chunk_trigrams(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``trigrams`` of a few texts at once."""
    lowered = list(map(str.lower, texts))
    points = np.frombuffer(("\x00".join(lowered) + "\x00").encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, lowered), dtype=np.int64, count=len(lowered))
    doc = np.repeat(np.arange(len(lowered), dtype=np.int64), lengths + 1)
    seen = np.zeros(int(points.max()) + 1, dtype=np.int64)
    seen[points] = 1
    chars = np.flatnonzero(seen)
    wordy = np.fromiter((chr(c).isalnum() for c in chars.tolist()), dtype=bool, count=len(chars))
    chars = chars[wordy]
    seen[:] = -1
    seen[chars] = np.arange(len(chars))
    rank = seen[points]  # a word character's rank among this call's, -1 for the others
    pos = np.flatnonzero((rank[:-2] >= 0) & (rank[1:-1] >= 0) & (rank[2:] >= 0))
    if not len(pos):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    r, bits = len(chars), int(len(lowered)).bit_length()
    if r**3 << bits < PACKED_KEY_LIMIT:  # sort one int64 key (trigram rank, text): 3x faster than lexsort
        key = np.sort(((rank[pos] * r + rank[pos + 1]) * r + rank[pos + 2]) << bits | doc[pos])
        keep = np.concatenate(([True], key[1:] != key[:-1]))
        key = key[keep]
        gram, docs = key >> bits, key & ((1 << bits) - 1)
        codes = chars[gram // (r * r)] << 42 | chars[gram // r % r] << 21 | chars[gram % r]
        return codes, docs
    codes = points[pos].astype(np.int64) << 42 | points[pos + 1].astype(np.int64) << 21 | points[pos + 2]
    order = np.lexsort((doc[pos], codes))
    codes, docs = codes[order], doc[pos][order]
    keep = np.concatenate(([True], (codes[1:] != codes[:-1]) | (docs[1:] != docs[:-1])))
    return codes[keep], docs[keep]


def _run(conn: Connection, sql: str, params: Any = ()) -> CursorResult[Unpack[tuple[Any, ...]]]:
    """``sql`` run with its ``?`` placeholders in the driver's style (psycopg takes ``%s``)."""
    return conn.exec_driver_sql(sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s"), params)


def query_trigrams(query: str) -> list[int]:
    """The distinct trigram codes of a query, as the postings key them."""
    return np.unique(trigrams([query])[0]).tolist()


def add_segment(conn: Connection, ids: Sequence[int], texts: Sequence[str]) -> None:
    """Write the trigram postings of these statements as a new segment, then merge if due."""
    codes, docs = trigrams(texts)
    segment = _new_segment(conn, len(ids), min(ids), max(ids))
    _write_postings(conn, segment, codes, np.asarray(ids, dtype="<u4")[docs])
    merge_segments(conn)


def _new_segment(conn: Connection, statements: int, lo: int, hi: int) -> int:
    segment = _run(conn, f"SELECT coalesce(max(segment), 0) + 1 FROM {_SEGMENTS}").scalar_one()
    _run(conn, f"INSERT INTO {_SEGMENTS}(segment, statements, lo, hi) VALUES (?, ?, ?, ?)", (segment, statements, lo, hi))
    return int(segment)


def _write_postings(conn: Connection, segment: int, codes: np.ndarray, ids: np.ndarray) -> None:
    """One row per trigram: ``codes`` sorted, ``ids`` the matching statement ids."""
    if not len(codes):
        return
    cuts = np.flatnonzero(codes[1:] != codes[:-1]) + 1
    starts = np.concatenate(([0], cuts)).tolist()
    ends = np.concatenate((cuts, [len(codes)])).tolist()
    data = ids.astype("<u4").tobytes()
    _run(
        conn,
        f"INSERT INTO {_POSTINGS}(term, segment, doc, ids) VALUES (?, ?, ?, ?)",
        [(code, segment, b - a, data[4 * a : 4 * b]) for code, a, b in zip(codes[starts].tolist(), starts, ends)],
    )


def _size_class(statements: int) -> int:
    return int(math.log(max(statements, 1), MERGE_FACTOR))


def merge_segments(conn: Connection, *, everything: bool = False, drop: Sequence[int] = ()) -> None:
    """Merge MERGE_FACTOR segments of one size class into one, as long as some class has that
    many (or every segment into one, leaving out the ids ``drop`` too)."""
    while True:
        found = _run(conn, f"SELECT segment, statements, lo, hi FROM {_SEGMENTS} ORDER BY segment")
        segments: list[tuple[int, int, int, int]] = [tuple(r) for r in found]  # type: ignore[misc]
        if everything:
            group = segments if len(segments) > 1 or (drop and segments) else []
        else:
            classes: dict[int, list[tuple[int, int, int, int]]] = {}
            for seg in segments:
                classes.setdefault(_size_class(seg[1]), []).append(seg)
            group = next((g for _, g in sorted(classes.items()) if len(g) >= MERGE_FACTOR), [])
        if not group:
            return
        _merge(conn, [g[0] for g in group], sum(g[1] for g in group), min(g[2] for g in group), max(g[3] for g in group), drop)
        if everything:
            return


def _merge(conn: Connection, merged: list[int], statements: int, lo: int, hi: int, drop: Sequence[int] = ()) -> None:
    """Replace segments ``merged`` by one, without the ids of statements deleted since (or ``drop``).

    Read a few million postings at a time (by trigram ranges), so memory stays bounded however
    large the segments are.
    """
    alive = np.zeros(hi - lo + 1, dtype=bool)
    found = _run(conn, "SELECT id FROM statements WHERE id BETWEEN ? AND ?", (lo, hi))
    alive[np.fromiter((r[0] for r in found), dtype=np.int64) - lo] = True
    gone = np.asarray(drop, dtype=np.int64)
    alive[gone[(gone >= lo) & (gone <= hi)] - lo] = False
    marks = ", ".join("?" * len(merged))
    sizes = _run(
        conn, f"SELECT term, sum(doc) FROM {_POSTINGS} WHERE segment IN ({marks}) GROUP BY term ORDER BY term", tuple(merged)
    ).all()
    segment = _new_segment(conn, statements, lo, hi)
    for first, last in _ranges(sizes, MERGE_READ_POSTINGS):
        rows = _run(
            conn,
            f"SELECT term, ids FROM {_POSTINGS} WHERE segment IN ({marks}) AND term BETWEEN ? AND ? ORDER BY term, segment",
            (*merged, first, last),
        ).all()
        out = []
        for term, group in groupby(rows, key=itemgetter(0)):
            ids = np.concatenate([np.frombuffer(blob, dtype="<u4") for _, blob in group])
            ids = ids[alive[ids.astype(np.int64) - lo]]
            if len(ids):
                out.append((term, segment, len(ids), ids.tobytes()))
        if out:
            _run(conn, f"INSERT INTO {_POSTINGS}(term, segment, doc, ids) VALUES (?, ?, ?, ?)", out)
    _run(conn, f"DELETE FROM {_POSTINGS} WHERE segment IN ({marks})", tuple(merged))
    _run(conn, f"DELETE FROM {_SEGMENTS} WHERE segment IN ({marks})", tuple(merged))


def _ranges(sizes: Sequence[tuple[int, int]], budget: int) -> Iterator[tuple[int, int]]:
    """(first, last) trigram ranges of ``sizes`` (term, postings; by term), each about ``budget``."""
    first, total = None, 0
    for term, n in sizes:
        first = term if first is None else first
        total += n
        if total >= budget:
            yield first, term
            first, total = None, 0
    if first is not None:
        yield first, sizes[-1][0]


class StoredPostings:
    """The trigram postings a database holds, read through SQLAlchemy or, for a quick start on
    SQLite, through sqlite3 alone (``quotedb.fuzzy.Postings``)."""

    def __init__(self, conn: Connection | sqlite3.Connection) -> None:
        self.conn = conn
        # one more than the highest statement id, read from the primary key without a scan
        self.size = (_any_run(conn, "SELECT max(id) FROM statements").fetchone()[0] or 0) + 1

    def counts(self, codes: Sequence[int]) -> dict[int, int]:
        return trigram_counts(self.conn, codes)

    def lists(self, codes: Sequence[int]) -> Iterator[tuple[int, np.ndarray]]:
        return posting_lists(self.conn, codes)


def _any_run(conn: Connection | sqlite3.Connection, sql: str, params: Any = ()) -> Any:
    """``_run`` on a SQLAlchemy connection, or ``sql`` on a sqlite3 one (rows of tuples either way)."""
    return conn.execute(sql, params) if isinstance(conn, sqlite3.Connection) else _run(conn, sql, params)


def trigram_counts(conn: Connection | sqlite3.Connection, codes: Sequence[int]) -> dict[int, int]:
    """How many statements hold each trigram (those held by none are left out)."""
    if not codes:
        return {}
    marks = ", ".join("?" * len(codes))
    found = _any_run(conn, f"SELECT term, sum(doc) FROM {_POSTINGS} WHERE term IN ({marks}) GROUP BY term", tuple(codes))
    return {int(t): int(n) for t, n in found if n}


def posting_lists(conn: Connection | sqlite3.Connection, codes: Sequence[int]) -> Iterator[tuple[int, np.ndarray]]:
    """(trigram, statement ids) for each stored row of these trigrams (one per segment)."""
    if not codes:
        return
    sql = f"SELECT term, ids FROM {_POSTINGS} WHERE term IN ({', '.join('?' * len(codes))})"
    if isinstance(conn, sqlite3.Connection) or conn.dialect.name != "postgresql":
        rows: Iterable[tuple[int, bytes]] = _any_run(conn, sql, tuple(codes))
    else:  # binary results: the blobs come as bytes, not as hex text to decode (3x faster at 400,000 postings)
        cursor = conn.connection.driver_connection.cursor(binary=True)  # type: ignore[union-attr]
        with cursor:
            rows = cursor.execute(sql.replace("?", "%s"), tuple(codes)).fetchall()
    for term, blob in rows:
        yield int(term), np.frombuffer(blob, dtype="<u4")
