"""Finding statements: the statement rows of search and export, ranked full-text, fuzzy re-ranking.

User text never reaches SQL as SQL: words are bound parameters, and for SQLite's FTS5 each word
is quoted as a literal phrase, so ``NEAR``, ``*``, ``-``, quotes and parentheses search literally.
Word search on SQLite lives in ``quotedb.details`` (sqlite3 directly, for a quick start-up).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, or_, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnClause

from quotedb.dbobjects import PG_TSVECTOR_COLUMN
from quotedb.fuzzy import (
    FUZZY_CANDIDATES_PER_RESULT,
    FUZZY_FILTERED_CANDIDATES,
    FUZZY_MIN_CANDIDATES,
    rerank,
    trigram_candidates,
)
from quotedb.details import Filters, check_query, sqlite_word_search  # noqa: F401  (Filters: callers import it from here too)
from quotedb.errors import QueryError
from quotedb.models import Article, Outlet, Speaker, SpeakerAlias, Statement, table_of
from quotedb.names import normalize_name
from quotedb.store import Store

st = table_of(Statement)
ar = table_of(Article)
sp = table_of(Speaker)
al = table_of(SpeakerAlias)
ou = table_of(Outlet)

#: A statement row in search results and exports: the columns of the ``statement_details`` view,
#: in its order and under its names (tests hold them equal).
STATEMENT_COLUMNS = (
    st.c.id.label("statement_id"),
    st.c.article_id.label("article_id"),
    st.c.speaker_id.label("speaker_id"),
    sp.c.name.label("speaker"),
    sp.c.kind.label("speaker_kind"),
    st.c.speaker_name.label("speaker_name"),
    st.c.speaker_method.label("speaker_method"),
    st.c.speaker_confidence.label("speaker_confidence"),
    st.c.speaker_mention.label("speaker_mention"),
    st.c.speaker_mention_start.label("speaker_mention_start"),
    st.c.speaker_mention_end.label("speaker_mention_end"),
    st.c.cue.label("cue"),
    st.c.cue_start.label("cue_start"),
    st.c.cue_end.label("cue_end"),
    st.c.kind.label("kind"),
    st.c.category.label("category"),
    st.c.text.label("text"),
    st.c.start_offset.label("start_offset"),
    st.c.end_offset.label("end_offset"),
    st.c.paragraph_index.label("paragraph_index"),
    st.c.confidence.label("confidence"),
    st.c.claim_id.label("claim_id"),
    ar.c.title.label("article_title"),
    ou.c.name.label("outlet"),
    ar.c.url.label("url"),
    ar.c.published_at.label("published_at"),
    ar.c.published_utc_offset.label("published_utc_offset"),
)

#: ``token_sort_ratio`` a speaker name needs to match ``--speaker`` in a fuzzy search: "chen xuu"
#: and "xu chen" find "Chen Xu"; "chen xi" (85.7) does not.
SPEAKER_CUTOFF = 88.0

def speaker_condition(name: str, fuzzy_ids: Sequence[int] = ()) -> Any:
    """Statements whose speaker is ``name``: same normalised name or alias, or a name containing it.

    Aliases a curator removed do not match. ``fuzzy_ids`` (from ``fuzzy_speaker_ids``) also match.
    """
    norm = normalize_name(name)
    if not norm:
        raise QueryError(f"speaker {name!r} has no letters to match")
    padded = " " + sp.c.normalized_name + " "
    alias = exists().where(al.c.speaker_id == sp.c.id, al.c.normalized_alias == norm, al.c.source != "removed")
    conds = [sp.c.normalized_name == norm, padded.like(f"% {norm} %"), alias]
    if fuzzy_ids:
        conds.append(sp.c.id.in_(fuzzy_ids))
    return or_(*conds)


def fuzzy_speaker_ids(conn: Connection, name: str) -> list[int]:
    """Speakers whose name or alias is ``name`` despite typos or word order (``token_sort_ratio``)."""
    norm = normalize_name(name)
    choices: list[str] = []
    owners: list[int] = []
    for sid, key in conn.execute(select(sp.c.id, sp.c.normalized_name)):
        choices.append(key)
        owners.append(sid)
    for sid, key in conn.execute(select(al.c.speaker_id, al.c.normalized_alias).where(al.c.source != "removed")):
        choices.append(key)
        owners.append(sid)
    from rapidfuzz import fuzz, process  # fuzzy search only: other commands start without it

    found = process.extract(norm, choices, scorer=fuzz.token_sort_ratio, score_cutoff=SPEAKER_CUTOFF, limit=None)
    return sorted({owners[i] for _, _, i in found})


def statements_select(filters: Filters, fuzzy_ids: Sequence[int] = ()) -> Select[Any]:
    """Statement rows joined with speaker, article and outlet, filtered."""
    query = (
        select(*STATEMENT_COLUMNS)
        .select_from(st.join(ar, ar.c.id == st.c.article_id).outerjoin(sp, sp.c.id == st.c.speaker_id).outerjoin(ou, ou.c.id == ar.c.outlet_id))
    )
    conds = []
    if filters.speaker:
        conds.append(speaker_condition(filters.speaker, fuzzy_ids))
    if filters.outlet:
        conds.append(func.lower(ou.c.name) == filters.outlet.strip().lower())
    if filters.since:
        conds.append(ar.c.published_at >= filters.since)
    if filters.until:
        conds.append(ar.c.published_at <= filters.until)
    if filters.kind:
        conds.append(st.c.kind == filters.kind)
    if filters.categories:
        conds.append(st.c.category.in_(filters.categories))
    return query.where(and_(*conds)) if conds else query


def _fts_clause(query: Select[Any], terms: list[str]) -> tuple[Select[Any], Any]:
    """``query`` restricted to PostgreSQL full-text matches of ``terms``, and a rank (lower is
    better); SQLite's word search is ``quotedb.details.sqlite_word_search``."""
    tsquery = func.to_tsquery("english", " & ".join(_pg_lexeme(t) for t in terms))
    tsv: ColumnClause[Any] = literal_column(f"statements.{PG_TSVECTOR_COLUMN}")
    return query.where(tsv.op("@@")(tsquery)), -func.ts_rank(tsv, tsquery)


def _pg_lexeme(term: str) -> str:
    # words contain only letters and digits (see _WORDS), so quoting makes them plain lexemes
    return "'" + term.replace("'", "''") + "'"


def search(
    store: Store,
    query: str,
    *,
    filters: Filters = Filters(),
    limit: int = 20,
    fuzzy: bool = False,
) -> list[dict[str, Any]]:
    """Statements matching ``query``, best first, each with a ``score`` (higher is better): the
    full-text engine's relevance (SQLite: -bm25, PostgreSQL: ts_rank) for word search, rapidfuzz
    ``partial_ratio`` (0-100) for fuzzy search."""
    terms = check_query(query, limit)
    if not fuzzy and store.backend == "sqlite":
        return sqlite_word_search(store, terms, filters, limit)
    with store.read() as conn:
        ids = fuzzy_speaker_ids(conn, filters.speaker) if filters.speaker and filters.fuzzy_speaker else []
        base = statements_select(filters, ids)
        if fuzzy:
            return _fuzzy(conn, query, base, limit)
        matched, rank = _fts_clause(base, terms)
        stmt = matched.add_columns((-rank).label("score")).order_by(rank, st.c.id).limit(limit)
        return [dict(r) for r in conn.execute(stmt).mappings()]


def _trigram_candidates(conn: Connection, query: str, base: Select[Any], n: int) -> list[tuple[int, str]]:
    """(id, text) of the ``n`` best candidates of ``trigram_candidates`` among ``base``, best first.

    With filters more candidates are drawn, as they are filtered afterwards in SQL; without,
    they are read from statements alone (every statement has its article; the joins doubled
    the time to read 3,000).
    """
    filtered = base.whereclause is not None
    from quotedb.trigrams import StoredPostings  # fuzzy search only: NumPy with it

    ids = trigram_candidates(StoredPostings(conn), query, FUZZY_FILTERED_CANDIDATES if filtered else n)
    if not ids:
        return []
    listed = ", ".join(map(str, ids))  # in the SQL: compiling thousands of parameters cost 20 ms a query
    if filtered:
        found = conn.execute(base.with_only_columns(st.c.id, st.c.text).where(text(f"statements.id IN ({listed})")))
    else:
        found = conn.exec_driver_sql(f"SELECT id, text FROM statements WHERE id IN ({listed})")
    texts: dict[int, str] = dict(found.all())
    return [(i, texts[i]) for i in ids if i in texts]


def _fuzzy(conn: Connection, query: str, base: Select[Any], limit: int) -> list[dict[str, Any]]:
    """Trigram-index candidates, as (id, text) only, re-ranked by rapidfuzz ``partial_ratio``;
    full rows are read for the results alone."""
    n = max(FUZZY_MIN_CANDIDATES, FUZZY_CANDIDATES_PER_RESULT * limit)
    best = rerank(query, _trigram_candidates(conn, query, base, n), limit)
    if not best:
        return []
    rows = {r["statement_id"]: r for r in conn.execute(base.where(st.c.id.in_([sid for _, sid in best]))).mappings()}
    return [dict(rows[sid], score=round(score, 1)) for score, sid in best]
