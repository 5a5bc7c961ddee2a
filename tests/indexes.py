"""Checks that SQLite's search indexes hold exactly what they should (quotedb.searchindex)."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import numpy as np

from quotedb.trigrams import trigrams


def index_state(path: str) -> tuple[int, int]:
    """(watermark, highest statement id) of the SQLite database at ``path``."""
    con = sqlite3.connect(path)
    try:
        mark = con.execute("SELECT indexed_through FROM search_index_state").fetchone()[0]
        top = con.execute("SELECT coalesce(max(id), 0) FROM statements").fetchone()[0]
        return mark, top
    finally:
        con.close()


def assert_indexes_whole(path: str, *, complete: bool = True, stale: bool = True) -> None:
    """The word index passes FTS5's integrity check; both indexes hold every statement up to the
    watermark and none above it; the trigram postings hold exactly the statements' trigrams, each
    once, and else only (if ``stale``) ids of deleted statements, which merges drop.
    ``complete``: nothing is pending either."""
    con = sqlite3.connect(path)
    try:
        mark = con.execute("SELECT indexed_through FROM search_index_state").fetchone()[0]
        waiting = con.execute("SELECT count(*) FROM statements WHERE id > ?", (mark,)).fetchone()[0]
        assert not (complete and waiting)
        # against the statements' text when the index should hold them all, else its own structure
        con.execute("INSERT INTO statements_fts(statements_fts, rank) VALUES ('integrity-check', ?)", (int(not waiting),))
        rows = con.execute("SELECT id, text FROM statements WHERE id <= ? ORDER BY id", (mark,)).fetchall()
        in_fts = [i for (i,) in con.execute("SELECT id FROM statements_fts_docsize ORDER BY id")]
        assert in_fts == [i for i, _ in rows]
        expected: dict[int, list[int]] = defaultdict(list)
        codes, docs = trigrams([t for _, t in rows])
        for code, doc in zip(codes.tolist(), docs.tolist()):
            expected[code].append(rows[doc][0])
        alive = {i for i, _ in rows}
        stored: dict[int, list[int]] = defaultdict(list)
        for term, doc, ids in con.execute("SELECT term, doc, ids FROM statements_trgm_postings"):
            listed = np.frombuffer(ids, dtype="<u4").tolist()
            assert doc == len(listed)
            stored[term].extend(i for i in listed if i in alive or not stale)
        assert {t: sorted(ids) for t, ids in stored.items() if ids} == dict(expected)
    finally:
        con.close()
