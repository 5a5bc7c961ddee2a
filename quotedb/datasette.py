"""Datasette metadata for a quotedb SQLite file: titles, descriptions, labels, canned queries.

Datasette finds the full-text index of ``statements`` by itself (migration 0005 declares it the
way sqlite-utils does), so ``?_search=`` works on the statements table. This metadata adds what
it cannot guess: the column that labels a claim or a statement where a foreign key points at
one (``text``; other tables have ``name`` or ``title``, which Datasette picks up), descriptions,
the linker's and the indexes' own tables hidden, and canned queries for the questions a study
starts with. The conflicts query is the library's own (``quotedb.claims.conflicts_select``),
shown as SQL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quotedb import db
from quotedb.errors import QueryError

TABLES: dict[str, dict[str, Any]] = {
    "statements": {
        "description": "One attributed statement per row: text, kind, cue, speaker, offsets into articles.text. "
        "statement_details (a view) joins it with speaker, article and outlet.",
        "label_column": "text",
    },
    "claims": {
        "description": "Statements that say the same thing across articles (quotedb link); id is its first statement's id.",
        "label_column": "text",
    },
    "articles": {"description": "Ingested articles; statement offsets index articles.text."},
    "speakers": {"description": "People, organisations and groups statements are attributed to."},
    "outlets": {"description": "Publications."},
    "speaker_aliases": {"description": "Other names a speaker goes by."},
    "statement_links": {"description": "Pairs of statements found to say the same thing: what claims are built from."},
    "claim_relations": {"description": "Researchers' typed relations between claims (rebuts, supports, same, cites)."},
    "speaker_curations": {"description": "Who merged, renamed or aliased which speaker, when."},
}
HIDDEN = (
    "alembic_version", "text_fingerprints", "link_runs", "statements_trgm_stats", "statements_fts", "statements_fts_config",
    "statements_fts_data", "statements_fts_docsize", "statements_fts_idx", "statements_trgm", "statements_trgm_config",
    "statements_trgm_data", "statements_trgm_docsize", "statements_trgm_idx", "statements_trgm_vocab",
)  # fmt: skip

QUERIES: dict[str, dict[str, str]] = {
    "quoted_most": {
        "title": "Who is quoted most",
        "sql": "SELECT * FROM quoted_most ORDER BY statements DESC, speaker LIMIT 100",
    },
    "quoted_most_per_outlet": {
        "title": "Who is quoted most, per outlet",
        "sql": "SELECT outlet, speaker_id, speaker, sum(statements) AS statements, sum(articles) AS articles "
        "FROM quoted_by_outlet_month GROUP BY outlet, speaker_id, speaker ORDER BY outlet, statements DESC, speaker",
    },
    "outlet_sources": {
        "title": "Each outlet's sources by kind",
        "sql": "SELECT * FROM outlet_sources ORDER BY outlet, statements DESC, source_kind",
    },
    "claim_spread_over_time": {
        "title": "A claim's spread over time",
        "description": "Outlet by outlet, when the claim was first and last seen there, and by whom.",
        "sql": "SELECT * FROM claim_spread WHERE claim_id = :claim_id ORDER BY first_published_at, outlet",
    },
}


def conflicts_sql() -> str:
    """The library's conflict query as SQLite SQL."""
    from sqlalchemy.dialects import sqlite

    from quotedb.claims import conflicts_select

    return str(conflicts_select().compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def metadata(store: db.Store) -> dict[str, Any]:
    """Datasette's metadata for the store's SQLite file (Datasette names a database by its file stem)."""
    if store.backend != "sqlite":
        raise QueryError("Datasette reads SQLite files; this database is PostgreSQL")
    queries = {
        **QUERIES,
        "conflicts": {
            "title": "Conflicts: one claim, several speakers",
            "description": "Each attribution of a claim credited to more than one speaker, with its article, outlet "
            "and date (the rows of 'quotedb claims --conflicts').",
            "sql": conflicts_sql(),
        },
    }
    tables: dict[str, dict[str, Any]] = {**TABLES, **{name: {"hidden": True} for name in HIDDEN}}
    return {
        "title": "quotedb",
        "description": "Who said what, in which article, and where else it was repeated. Start with statement_details; "
        "column reference: docs/schema.md.",
        "databases": {Path(db.sqlite_path(store.url)).stem: {"tables": tables, "queries": queries}},
    }
