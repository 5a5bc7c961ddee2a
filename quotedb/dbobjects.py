"""Database objects that live outside the ORM models, by name.

Full-text indexes and views are backend-specific, so migrations create them with raw SQL.
Autogenerate (``alembic check``) must not report them as drift: ``include_name`` hides them.
"""

from __future__ import annotations

from typing import Any

#: SQLite FTS5 index over statements.text (external content; kept in sync by triggers).
SQLITE_FTS_TABLE = "statements_fts"
#: PostgreSQL generated tsvector column over statements.text, with a GIN index.
PG_TSVECTOR_COLUMN = "text_search"
PG_TSVECTOR_INDEX = "ix_statements_text_search"
#: SQLite FTS5 ``trigram`` index over statements.text (fuzzy search candidates), and its
#: fts5vocab table (how many statements hold each trigram).
SQLITE_TRIGRAM_TABLE = "statements_trgm"
SQLITE_TRIGRAM_VOCAB = "statements_trgm_vocab"
#: The same counts copied into a plain table (migration 0003): reading fts5vocab costs a trigram's
#: whole posting list, reading this one row. The row with the empty term holds the highest
#: statement id when they were counted.
SQLITE_TRIGRAM_STATS = "statements_trgm_stats"
#: PostgreSQL GIN ``pg_trgm`` index over statements.text, when the extension is available.
PG_TRIGRAM_INDEX = "ix_statements_text_trgm"
#: The view researchers query first.
DETAILS_VIEW = "statement_details"
#: The report views (migration 0005; ``quotedb report NAME``).
REPORT_VIEWS = ("quoted_most", "quoted_by_outlet_month", "outlet_sources", "claim_spread")


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic autogenerate filter: compare only what the models define."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith((SQLITE_FTS_TABLE, SQLITE_TRIGRAM_TABLE)) and name not in (DETAILS_VIEW, *REPORT_VIEWS)
    if type_ == "column":
        return name != PG_TSVECTOR_COLUMN
    if type_ == "index":
        return name not in (PG_TSVECTOR_INDEX, PG_TRIGRAM_INDEX)
    return True
