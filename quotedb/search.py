"""Finding statements: filters shared by search and export, ranked full-text, fuzzy re-ranking.

User text never reaches SQL as SQL: words are bound parameters, and for SQLite's FTS5 each word
is quoted as a literal phrase, so ``NEAR``, ``*``, ``-``, quotes and parentheses search literally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Select, and_, column, exists, func, literal_column, or_, select, table
from sqlalchemy.engine import RowMapping

from quotedb.dbobjects import PG_TSVECTOR_COLUMN, SQLITE_FTS_TABLE
from quotedb.errors import QueryError
from quotedb.models import STATEMENT_KINDS, Article, Outlet, Speaker, SpeakerAlias, Statement
from quotedb.names import normalize_name
from quotedb.store import Store

st = Statement.__table__
ar = Article.__table__
sp = Speaker.__table__
al = SpeakerAlias.__table__
ou = Outlet.__table__

_WORDS = re.compile(r"[^\W_]+", re.UNICODE)

#: Columns of a statement row in search results and exports; names follow the JSON contract.
STATEMENT_COLUMNS = (
    st.c.id.label("id"),
    st.c.article_id.label("article_id"),
    sp.c.name.label("speaker"),
    st.c.speaker_mention.label("speaker_mention"),
    st.c.speaker_mention_start.label("speaker_mention_start"),
    st.c.speaker_mention_end.label("speaker_mention_end"),
    st.c.cue.label("cue"),
    st.c.cue_start.label("cue_start"),
    st.c.cue_end.label("cue_end"),
    st.c.kind.label("kind"),
    st.c.text.label("text"),
    st.c.start_offset.label("start"),
    st.c.end_offset.label("end"),
    st.c.paragraph_index.label("paragraph"),
    st.c.confidence.label("confidence"),
    ar.c.title.label("article_title"),
    ou.c.name.label("outlet"),
    ar.c.url.label("url"),
    ar.c.published_at.label("published_at"),
)

#: How many full-text candidates fuzzy search re-ranks, per result asked for.
FUZZY_CANDIDATES_PER_RESULT = 50
FUZZY_MIN_CANDIDATES = 1000
#: rapidfuzz score (0-100) a fuzzy hit needs.
FUZZY_CUTOFF = 60.0


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters of ``search`` and ``export``; ``None`` means no filter."""

    speaker: str | None = None
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    kind: str | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in STATEMENT_KINDS:
            raise QueryError(f"unknown kind {self.kind!r}: use one of {', '.join(STATEMENT_KINDS)}")


def words(query: str) -> list[str]:
    """The searchable words of a query, in order."""
    return _WORDS.findall(query)


def speaker_condition(name: str) -> Any:
    """Statements whose speaker is ``name``: same normalised name or alias, or a name containing it."""
    norm = normalize_name(name)
    if not norm:
        raise QueryError(f"speaker {name!r} has no letters to match")
    padded = " " + sp.c.normalized_name + " "
    alias = exists().where(al.c.speaker_id == sp.c.id, al.c.normalized_alias == norm)
    return or_(sp.c.normalized_name == norm, padded.like(f"% {norm} %"), alias)


def statements_select(filters: Filters) -> Select[Any]:
    """Statement rows joined with speaker, article and outlet, filtered."""
    query = (
        select(*STATEMENT_COLUMNS)
        .select_from(st.join(ar, ar.c.id == st.c.article_id).outerjoin(sp, sp.c.id == st.c.speaker_id).outerjoin(ou, ou.c.id == ar.c.outlet_id))
    )
    conds = []
    if filters.speaker:
        conds.append(speaker_condition(filters.speaker))
    if filters.outlet:
        conds.append(func.lower(ou.c.name) == filters.outlet.strip().lower())
    if filters.since:
        conds.append(ar.c.published_at >= filters.since)
    if filters.until:
        conds.append(ar.c.published_at <= filters.until)
    if filters.kind:
        conds.append(st.c.kind == filters.kind)
    return query.where(and_(*conds)) if conds else query


def _fts_clause(store: Store, query: Select[Any], terms: list[str], *, any_word: bool) -> tuple[Select[Any], Any]:
    """``query`` restricted to full-text matches of ``terms``, and a rank (lower is better)."""
    if store.backend == "sqlite":
        # each word becomes a quoted FTS5 string: no operator in user input is ever interpreted
        match = (" OR " if any_word else " ").join('"' + t.replace('"', '""') + '"' for t in terms)
        fts = table(SQLITE_FTS_TABLE, column("rowid"), column("rank"))
        joined = query.join(fts, fts.c.rowid == st.c.id).where(literal_column(SQLITE_FTS_TABLE).op("MATCH")(match))
        return joined, fts.c.rank
    tsquery = func.to_tsquery("english", (" | " if any_word else " & ").join(_pg_lexeme(t) for t in terms))
    tsv = literal_column(f"statements.{PG_TSVECTOR_COLUMN}")
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
    """Statements matching ``query``, best first, each with a ``score`` (higher is better)."""
    terms = words(query)
    if not terms:
        raise QueryError("the search needs at least one word (letters or digits)")
    if limit < 1:
        raise QueryError("--limit must be at least 1")
    base = statements_select(filters)
    if fuzzy:
        return _fuzzy(store, query, terms, base, limit)
    matched, rank = _fts_clause(store, base, terms, any_word=False)
    stmt = matched.add_columns((-rank).label("score")).order_by(rank, st.c.id).limit(limit)
    with store.read() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def _fuzzy(store: Store, query: str, terms: list[str], base: Select[Any], limit: int) -> list[dict[str, Any]]:
    """Candidates sharing any word (full-text), re-ranked by rapidfuzz ``partial_ratio``."""
    matched, rank = _fts_clause(store, base, terms, any_word=True)
    n = max(FUZZY_MIN_CANDIDATES, FUZZY_CANDIDATES_PER_RESULT * limit)
    with store.read() as conn:
        rows: list[RowMapping] = list(conn.execute(matched.order_by(rank).limit(n)).mappings())
    choices = [r["text"] for r in rows]
    scored = process.extract(
        query,
        choices,
        scorer=fuzz.partial_ratio,
        processor=utils.default_process,
        score_cutoff=FUZZY_CUTOFF,
        limit=limit,
    )
    return [dict(rows[i], score=round(score, 1)) for _, score, i in scored]
