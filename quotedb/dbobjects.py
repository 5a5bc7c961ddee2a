"""Database objects that live outside the ORM models, by name.

Full-text indexes and views are backend-specific, so migrations create them with raw SQL.
Autogenerate (``alembic check``) must not report them as drift: ``include_name`` hides them.
"""

from __future__ import annotations

from typing import Any

#: SQLite FTS5 index over statements.text (external content; written in bulk by
#: quotedb.searchindex, kept in sync with deletions and edits by triggers).
SQLITE_FTS_TABLE = "statements_fts"
#: PostgreSQL generated tsvector column over statements.text, with a GIN index.
PG_TSVECTOR_COLUMN = "text_search"
PG_TSVECTOR_INDEX = "ix_statements_text_search"
#: The trigram postings fuzzy search starts from (migrations 0007 and 0009; quotedb.trigrams):
#: one row per trigram and segment, the statement ids as a blob; and the segments.
TRIGRAM_PREFIX = "statements_trgm"
TRIGRAM_POSTINGS = "statements_trgm_postings"
TRIGRAM_SEGMENTS = "statements_trgm_segments"
#: SQLite: the highest statement id both search indexes hold (one row).
SQLITE_INDEX_STATE = "search_index_state"
#: PostgreSQL: the ids of the statements the trigram postings lack yet, queued by a trigger.
PG_TRIGRAM_PENDING = "statements_trgm_pending"
#: The view researchers query first.
DETAILS_VIEW = "statement_details"
#: The report views (migration 0005; ``quotedb report NAME``).
REPORT_VIEWS = ("quoted_most", "quoted_by_outlet_month", "outlet_sources", "claim_spread")


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic autogenerate filter: compare only what the models define."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith((SQLITE_FTS_TABLE, TRIGRAM_PREFIX)) and name not in (DETAILS_VIEW, SQLITE_INDEX_STATE, *REPORT_VIEWS)
    if type_ == "column":
        return name != PG_TSVECTOR_COLUMN
    if type_ == "index":
        return name != PG_TSVECTOR_INDEX
    return True
