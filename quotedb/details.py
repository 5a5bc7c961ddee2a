"""Statement rows as researchers see them: the filters of search and export, and word search on
SQLite read straight from the ``statement_details`` view.

The view is the one vocabulary of a statement row: search results, exports (CSV, JSON) and
``show --json`` use its column names. Word search on SQLite runs here on a read-only sqlite3
connection, without SQLAlchemy, so ``quotedb search`` starts in a fraction of the time the
database layer takes to import (benchmarks/startup.py); so does fuzzy search, with the stages of
``quotedb.fuzzy``. PostgreSQL, and a fuzzy search by speaker, go through ``quotedb.search``. User
text never reaches SQL as SQL: each word is a bound FTS5 phrase, so ``NEAR``, ``*``, ``-``, quotes
and parentheses search literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from quotedb.constants import STATEMENT_CATEGORIES, STATEMENT_KINDS
from quotedb.errors import QueryError

if TYPE_CHECKING:
    import sqlite3

    from quotedb.db import Store

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of ``search`` and ``export``; ``None`` means no filter."""

    speaker: str | None = None
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    kind: str | None = None
    #: only statements of these categories (none: all)
    categories: tuple[str, ...] = ()
    #: also match speaker names with typos or reordered words (``search --fuzzy``)
    fuzzy_speaker: bool = False

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in STATEMENT_KINDS:
            raise QueryError(f"unknown kind {self.kind!r}: use one of {', '.join(STATEMENT_KINDS)}")
        unknown = [c for c in self.categories if c not in STATEMENT_CATEGORIES]
        if unknown:
            raise QueryError(f"unknown category {unknown[0]!r}: use one of {', '.join(STATEMENT_CATEGORIES)}")


def words(query: str) -> list[str]:
    """The searchable words of a query, in order."""
    return _WORDS.findall(query)


def check_query(query: str, limit: int) -> list[str]:
    """The words of a search, or QueryError saying what is wrong with it."""
    terms = words(query)
    if not terms:
        raise QueryError("the search needs at least one word (letters or digits)")
    if limit < 1:
        raise QueryError("--limit must be at least 1")
    return terms


def fts_match(terms: list[str], *, any_word: bool = False) -> str:
    """An FTS5 query: each word a quoted phrase (no operator in user input is ever interpreted)."""
    return (" OR " if any_word else " ").join('"' + t.replace('"', '""') + '"' for t in terms)


def _sqlite_time(value: datetime) -> str:
    """A UTC datetime as SQLAlchemy stores it in SQLite (text that sorts in time order)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def sqlite_filters(filters: Filters) -> tuple[list[str], dict[str, Any]]:
    """``filters`` as conditions on ``statement_details AS d`` (SQLite), with their parameters;
    the same meaning as ``quotedb.search.statements_select`` gives them (tests hold them equal)."""
    from quotedb.names import normalize_name

    conds: list[str] = []
    params: dict[str, Any] = {}
    if filters.speaker:
        norm = normalize_name(filters.speaker)
        if not norm:
            raise QueryError(f"speaker {filters.speaker!r} has no letters to match")
        conds.append(
            "d.speaker_id IN (SELECT sp.id FROM speakers AS sp WHERE sp.normalized_name = :norm "
            "OR ' ' || sp.normalized_name || ' ' LIKE :padded OR EXISTS (SELECT 1 FROM speaker_aliases AS al "
            "WHERE al.speaker_id = sp.id AND al.normalized_alias = :norm AND al.source != 'removed'))"
        )
        params.update(norm=norm, padded=f"% {norm} %")
    if filters.outlet:
        conds.append("lower(d.outlet) = :outlet")
        params["outlet"] = filters.outlet.strip().lower()
    if filters.since:
        conds.append("d.published_at >= :since")
        params["since"] = _sqlite_time(filters.since)
    if filters.until:
        conds.append("d.published_at <= :until")
        params["until"] = _sqlite_time(filters.until)
    if filters.kind:
        conds.append("d.kind = :kind")
        params["kind"] = filters.kind
    if filters.categories:
        names = [f"category{n}" for n in range(len(filters.categories))]
        conds.append(f"d.category IN ({', '.join(':' + n for n in names)})")
        params.update(zip(names, filters.categories))
    return conds, params


def sqlite_word_search(store: Store, terms: list[str], filters: Filters, limit: int) -> list[dict[str, Any]]:
    """Statements holding every word, best first (FTS5 bm25), each with ``score`` = -bm25."""
    from quotedb.db import sqlite_reader

    conds, params = sqlite_filters(filters)
    where = " AND ".join(["statements_fts MATCH :match", *conds])
    sql = (
        "SELECT d.*, -f.rank AS score FROM statements_fts AS f JOIN statement_details AS d ON d.statement_id = f.rowid "
        f"WHERE {where} ORDER BY f.rank, d.statement_id LIMIT :limit"
    )
    conn = sqlite_reader(store.url)
    try:
        return _sqlite_rows(conn.execute(sql, {**params, "match": fts_match(terms), "limit": limit}))
    finally:
        conn.close()


def _sqlite_rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    """``statement_details`` rows as dicts, ``published_at`` as an aware datetime."""
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, r)) for r in cur]
    for row in rows:
        if row["published_at"] is not None:
            row["published_at"] = datetime.fromisoformat(row["published_at"]).replace(tzinfo=timezone.utc)
    return rows


def sqlite_fuzzy_search(store: Store, query: str, filters: Filters, limit: int) -> list[dict[str, Any]]:
    """``search --fuzzy`` on SQLite without the database layer, as ``quotedb.search`` does it: trigram
    candidates (more when filters drop some afterwards), re-ranked; full rows for the results."""
    from quotedb.db import sqlite_reader
    from quotedb.fuzzy import (
        FUZZY_CANDIDATES_PER_RESULT, FUZZY_FILTERED_CANDIDATES, FUZZY_MIN_CANDIDATES, rerank, trigram_candidates,
    )  # fmt: skip
    from quotedb.trigrams import StoredPostings

    conds, params = sqlite_filters(filters)
    n = max(FUZZY_MIN_CANDIDATES, FUZZY_CANDIDATES_PER_RESULT * limit)
    conn = sqlite_reader(store.url)
    try:
        ids = trigram_candidates(StoredPostings(conn), query, FUZZY_FILTERED_CANDIDATES if conds else n)
        if not ids:
            return []
        listed = ", ".join(map(str, ids))  # ids from the index, in the SQL: thousands of parameters cost more
        if conds:
            sql = f"SELECT d.statement_id, d.text FROM statement_details AS d WHERE d.statement_id IN ({listed}) AND "
            found = conn.execute(sql + " AND ".join(conds), params)
        else:  # statements alone: the view's joins doubled the time to read 3,000
            found = conn.execute(f"SELECT id, text FROM statements WHERE id IN ({listed})")
        texts: dict[int, str] = dict(found.fetchall())
        best = rerank(query, [(i, texts[i]) for i in ids if i in texts], limit)
        if not best:
            return []
        chosen = ", ".join(str(sid) for _, sid in best)
        rows = {r["statement_id"]: r for r in _sqlite_rows(
            conn.execute(f"SELECT d.* FROM statement_details AS d WHERE d.statement_id IN ({chosen})"))}
    finally:
        conn.close()
    return [dict(rows[sid], score=round(score, 1)) for score, sid in best]


def search_statements(
    store: Store, query: str, *, filters: Filters = Filters(), limit: int = 20, fuzzy: bool = False
) -> list[dict[str, Any]]:
    """Statements matching ``query``, best first, each with a ``score`` (higher is better): the
    full-text engine's relevance for word search, rapidfuzz similarity (0-100) for fuzzy search.

    On SQLite both go through sqlite3 alone (a quick start); a fuzzy search by speaker, whose
    names match with typos, goes through ``quotedb.search``."""
    terms = check_query(query, limit)
    if store.backend == "sqlite" and fuzzy and not filters.speaker:
        return sqlite_fuzzy_search(store, query, filters, limit)
    if fuzzy or store.backend != "sqlite":
        from quotedb.search import search

        return search(store, query, filters=filters, limit=limit, fuzzy=fuzzy)
    return sqlite_word_search(store, terms, filters, limit)
