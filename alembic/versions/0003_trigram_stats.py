"""schema v3: trigram statistics for fuzzy search on SQLite

Adds ``statements_trgm_stats`` on SQLite: how many statements hold each trigram, copied from the
``statements_trgm_vocab`` fts5vocab table. Fuzzy search picks the query's rarest trigrams by these
counts; fts5vocab computes a count by reading the trigram's whole posting list, which for the
common trigrams of a query at 1 M statements costs ~30 ms, a third of the search. Like SQLite's
own ``sqlite_stat1`` the table holds statistics, not data: ``ingest`` recounts it when the
statements' highest id has grown by more than a tenth since the last count (the row with the
empty term holds the highest id it was taken at), and trigrams it lacks are counted live.
PostgreSQL needs nothing here (pg_trgm keeps its own statistics).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Same column names as fts5vocab's ``row`` table: a trigram and how many statements hold it.
SQLITE_TRIGRAM_STATS = (
    "CREATE TABLE statements_trgm_stats (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID"
)


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    op.execute(SQLITE_TRIGRAM_STATS)
    # counted now, so a database upgraded with its statements searches fast at once
    op.execute("INSERT INTO statements_trgm_stats SELECT term, doc FROM statements_trgm_vocab WHERE doc > 0")
    op.execute("INSERT INTO statements_trgm_stats VALUES ('', (SELECT coalesce(max(id), 0) FROM statements))")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TABLE statements_trgm_stats")
