"""Finding statements: the statement rows of search and export, ranked full-text, fuzzy re-ranking.

User text never reaches SQL as SQL: words are bound parameters, and for SQLite's FTS5 each word
is quoted as a literal phrase, so ``NEAR``, ``*``, ``-``, quotes and parentheses search literally.
Word search on SQLite lives in ``quotedb.details`` (sqlite3 directly, for a quick start-up).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, column, exists, false, func, literal, literal_column, or_, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql.expression import ColumnClause

from quotedb.dbobjects import (
    PG_TRIGRAM_INDEX, PG_TSVECTOR_COLUMN, SQLITE_TRIGRAM_STATS, SQLITE_TRIGRAM_TABLE, SQLITE_TRIGRAM_VOCAB,
)
from quotedb.details import Filters, check_query, sqlite_word_search, words  # noqa: F401  (Filters: callers import it from here too)
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

#: How many trigram-index candidates fuzzy search re-ranks, per result asked for (and at least);
#: on SQLite also this share of the statements, up to the maximum (3,000 at 1 M statements).
FUZZY_CANDIDATES_PER_RESULT = 100
FUZZY_MIN_CANDIDATES = 1000
FUZZY_CANDIDATE_SHARE = 0.003
FUZZY_MAX_CANDIDATES = 5000
#: The candidate stage reads the posting lists of the query's rarest trigrams (rare ones are the
#: selective ones): at most this many trigrams, and no more postings than the budget (but at
#: least FUZZY_MIN_TRIGRAMS trigrams), so a long or common query costs what a short one does.
#: Measured with benchmarks/search_scale.py at 1 M statements (100 noisy queries): re-ranking
#: is cheaper per candidate than reading postings is per posting, so few postings and many
#: candidates win: 300,000 postings and 3,000 candidates give recall@10 0.967 in 58 ms median,
#: 500,000 and 1,000 gave 0.958 in 76 ms, 250,000 and 1,000 0.934. A small corpus needs fewer:
#: 1,000 candidates at 100,000 statements give 0.99.
FUZZY_TRIGRAMS = 24
FUZZY_MIN_TRIGRAMS = 4
FUZZY_POSTINGS_BUDGET = 300_000
#: How far (a share) the statements' highest id may move before ingest recounts the trigram
#: statistics the candidate stage plans with.
TRIGRAM_STATS_DRIFT = 0.1
#: With filters the candidates are filtered afterwards in SQL, so more of them are drawn.
FUZZY_FILTERED_CANDIDATES = 5000
#: rapidfuzz score (0-100) a fuzzy hit needs.
FUZZY_CUTOFF = 60.0
#: PostgreSQL ``word_similarity`` a candidate needs (pg_trgm's default, 0.6, drops queries whose
#: every word has a typo).
PG_WORD_SIMILARITY = 0.3
#: ``token_sort_ratio`` a speaker name needs to match ``--speaker`` in a fuzzy search: "chen xuu"
#: and "xu chen" find "Chen Xu"; "chen xi" (85.7) does not.
SPEAKER_CUTOFF = 88.0
#: What search says when PostgreSQL has no pg_trgm: results still come, from the word index.
NO_TRIGRAM_NOTE = (
    "note: pg_trgm is not installed in this database, so fuzzy search starts from whole words "
    "and misses words with typos; ask an administrator to run CREATE EXTENSION pg_trgm, then 'quotedb db upgrade'"
)


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


def _fts_clause(query: Select[Any], terms: list[str], *, any_word: bool) -> tuple[Select[Any], Any]:
    """``query`` restricted to PostgreSQL full-text matches of ``terms``, and a rank (lower is
    better); SQLite's word search is ``quotedb.details.sqlite_word_search``."""
    tsquery = func.to_tsquery("english", (" | " if any_word else " & ").join(_pg_lexeme(t) for t in terms))
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
            return _fuzzy(store, conn, query, terms, base, limit)
        matched, rank = _fts_clause(base, terms, any_word=False)
        stmt = matched.add_columns((-rank).label("score")).order_by(rank, st.c.id).limit(limit)
        return [dict(r) for r in conn.execute(stmt).mappings()]


def trigram_index_note(store: Store) -> str | None:
    """None when fuzzy search has its trigram index, else the one line that says what to do."""
    if store.backend == "sqlite":
        return None
    with store.read() as conn:
        return None if _pg_trigram_schema(conn) else NO_TRIGRAM_NOTE


def _pg_trigram_schema(conn: Connection) -> str | None:
    """The schema pg_trgm lives in, if it is installed and statements has its index."""
    found = conn.execute(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'pg_trgm' AND to_regclass(:index) IS NOT NULL"
        ),
        {"index": PG_TRIGRAM_INDEX},
    ).scalar()
    return str(found) if found else None


def query_trigrams(query: str) -> list[list[str]]:
    """Per query word, its distinct three-letter pieces, as the trigram index folds them.

    Pieces that cross a word boundary are left out: punctuation between words differs from
    outlet to outlet, the letters do not.
    """
    return [list(dict.fromkeys(w[i : i + 3] for i in range(len(w) - 2))) for w in words(query.lower()) if len(w) >= 3]


def _trigram_candidates(
    store: Store, conn: Connection, query: str, terms: list[str], base: Select[Any], n: int, filtered: bool
) -> Select[Any]:
    """``base`` restricted to the ``n`` best candidates of the backend's trigram index.

    SQLite: the posting lists of the query's rarest trigrams (counts from fts5vocab) are read
    one by one and each statement scores the inverse document frequency of the trigrams it
    holds (numpy ``bincount``); a statement sharing many rare trigrams comes first whatever its
    typos. (FTS5's bm25 over an OR of trigrams ranks alike but costs ten times more per posting.)
    PostgreSQL: pg_trgm ``word_similarity`` through the GIN index; without pg_trgm, any whole word.
    """
    if store.backend == "sqlite":
        ids = _sqlite_trigram_ids(conn, query, FUZZY_FILTERED_CANDIDATES if filtered else n)
        return base.where(st.c.id.in_(ids)) if ids else base.where(false())
    schema = _pg_trigram_schema(conn)
    if schema is None:
        matched, rank = _fts_clause(base, terms, any_word=True)
        return matched.order_by(rank).limit(n)
    conn.execute(select(func.set_config("pg_trgm.word_similarity_threshold", str(PG_WORD_SIMILARITY), True)))
    similar = literal(query).op(f"OPERATOR({schema}.<%)")(st.c.text)
    score = getattr(func, schema).word_similarity(literal(query), st.c.text)
    return base.where(similar).order_by(score.desc(), st.c.id).limit(n)


_vocab = table(SQLITE_TRIGRAM_VOCAB, column("term"), column("doc"))
_stats = table(SQLITE_TRIGRAM_STATS, column("term"), column("doc"))


def trigram_counts(conn: Connection, grams: Sequence[str]) -> dict[str, int]:
    """How many statements hold each of ``grams`` (those held by none are left out).

    From the statistics table when it has been filled; trigrams it lacks (new since the count,
    or all of them before any count) are counted live from fts5vocab, which reads each one's
    whole posting list: cheap for the rare trigrams a recent count lacks.
    """
    known = {t: d for t, d in conn.execute(select(_stats.c.term, _stats.c.doc).where(_stats.c.term.in_([*grams, ""])))}
    missing = [g for g in grams if g not in known] if "" in known else list(grams)
    if missing:
        known.update((t, d) for t, d in conn.execute(select(_vocab.c.term, _vocab.c.doc).where(_vocab.c.term.in_(missing))))
    return {g: known[g] for g in grams if known.get(g)}


def refresh_trigram_stats(store: Store, *, force: bool = False) -> bool:
    """Recount the trigram statistics fuzzy search plans with, if the statements' highest id has
    moved by more than TRIGRAM_STATS_DRIFT since the last count (or ``force``); True if recounted.

    Statistics, like SQLite's ``ANALYZE``: a stale count only makes a search read a slightly
    less selective trigram first. A recount reads every posting list (2.4 s at 1 M statements),
    so it is not done on every ingest. SQLite only (pg_trgm keeps its own).
    """
    if store.backend != "sqlite":
        return False
    with store.write() as conn:
        top = conn.execute(select(func.max(st.c.id))).scalar() or 0
        counted = conn.execute(select(_stats.c.doc).where(_stats.c.term == "")).scalar()
        if not force and counted is not None and abs(top - counted) <= TRIGRAM_STATS_DRIFT * counted:
            return False
        conn.execute(_stats.delete())
        conn.execute(_stats.insert().from_select(["term", "doc"], select(_vocab.c.term, _vocab.c.doc).where(_vocab.c.doc > 0)))
        conn.execute(_stats.insert().values(term="", doc=top))
    return True


def _sqlite_trigram_ids(conn: Connection, query: str, n: int) -> list[int]:
    per_word = query_trigrams(query)
    counts = trigram_counts(conn, sorted({g for ws in per_word for g in ws}))
    chosen: list[str] = []
    postings = 0
    for gram in sorted(counts, key=lambda g: (counts[g], g))[:FUZZY_TRIGRAMS]:
        if len(chosen) >= FUZZY_MIN_TRIGRAMS and postings + counts[gram] > FUZZY_POSTINGS_BUDGET:
            break
        chosen.append(gram)
        postings += counts[gram]
    if not chosen:
        return []
    total = (conn.execute(select(func.max(st.c.id))).scalar() or 0) + 1  # about the row count, without a scan
    n = max(n, min(FUZZY_MAX_CANDIDATES, int(total * FUZZY_CANDIDATE_SHARE)))
    # one string per posting list: 10x cheaper than a Python row per posting at 10^5 postings
    lookup = text(f"SELECT group_concat(rowid) FROM {SQLITE_TRIGRAM_TABLE} WHERE {SQLITE_TRIGRAM_TABLE} MATCH :gram")
    # float32 scores, each list added in place (ids are unique within one): half the memory a
    # float64 bincount walks, and the nonzero scan reads them as int32
    import numpy as np  # fuzzy search only: other commands start without it

    scores = np.zeros(total, dtype=np.float32)
    for gram in chosen:
        listed = conn.execute(lookup, {"gram": f'"{gram}"'}).scalar() or ""  # letters only: nothing to escape
        rows = np.fromstring(listed, dtype=np.int64, sep=",")
        scores[rows[rows < total]] += math.log(total / counts[gram])
    found = np.flatnonzero(scores.view(np.int32))
    if len(found) > n:
        found = found[np.argpartition(-scores[found], n - 1)[:n]]
    return found.tolist()


def _fuzzy(
    store: Store, conn: Connection, query: str, terms: list[str], base: Select[Any], limit: int
) -> list[dict[str, Any]]:
    """Trigram-index candidates re-ranked by rapidfuzz ``partial_ratio``.

    Candidates come back as (id, text) only, and without filters from statements alone (every
    statement has its article; the joins doubled the time to read 3,000 candidates); full rows
    are read for the results alone.
    """
    n = max(FUZZY_MIN_CANDIDATES, FUZZY_CANDIDATES_PER_RESULT * limit)
    filtered = base.whereclause is not None
    pool = base.with_only_columns(st.c.id, st.c.text) if filtered else select(st.c.id, st.c.text)
    found = conn.execute(_trigram_candidates(store, conn, query, terms, pool, n, filtered)).all()
    if not found:
        return []
    from rapidfuzz import fuzz, process, utils

    scores = process.cdist(
        [query], [t for _, t in found], scorer=fuzz.partial_ratio, processor=utils.default_process,
        score_cutoff=FUZZY_CUTOFF, workers=2,
    )[0]  # fmt: skip
    best = sorted((-float(sc), sid) for (sid, _), sc in zip(found, scores) if sc >= FUZZY_CUTOFF)[:limit]
    rows = {r["statement_id"]: r for r in conn.execute(base.where(st.c.id.in_([sid for _, sid in best]))).mappings()}
    return [dict(rows[sid], score=round(-neg, 1)) for neg, sid in best]
