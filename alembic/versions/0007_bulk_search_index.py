"""schema v7: SQLite's search indexes written in bulk; compact trigram postings for fuzzy search

SQLite only (PostgreSQL keeps its GIN indexes as they are). Statements no longer go into the
word index ``statements_fts`` by a trigger, row by row: ``quotedb.searchindex`` adds everything
above the watermark ``search_index_state.indexed_through`` in one set-based pass (ten times
cheaper). Deleting or editing a statement the index holds still updates it by trigger; those
triggers now skip statements above the watermark, which the index does not hold yet.

The FTS5 ``trigram`` table (``statements_trgm``, its fts5vocab table and triggers) and the
statistics copied from it (``statements_trgm_stats``, 0003) make way for
``statements_trgm_postings``: per trigram and segment, how many statements hold it (``doc``) and
their ids as a blob of little-endian uint32 (``ids``), built from every stored statement here;
``statements_trgm_segments`` lists the segments. A migration that rebuilds ``statements``
(batch mode) drops its triggers: put back SQLITE_TRIGGERS from this module.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = "old.id <= (SELECT indexed_through FROM search_index_state)"
SQLITE_TRIGGERS = (
    f"CREATE TRIGGER statements_fts_ad AFTER DELETE ON statements WHEN {_INDEXED} BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    f"CREATE TRIGGER statements_fts_au AFTER UPDATE OF text ON statements WHEN {_INDEXED} BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO statements_fts(rowid, text) VALUES (new.id, new.text); END",
)
SQLITE_TABLES = (
    "CREATE TABLE search_index_state (indexed_through INTEGER NOT NULL)",
    "CREATE TABLE statements_trgm_segments "
    "(segment INTEGER PRIMARY KEY, statements INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL)",
    "CREATE TABLE statements_trgm_postings "
    "(id INTEGER PRIMARY KEY, term INTEGER NOT NULL, segment INTEGER NOT NULL, doc INTEGER NOT NULL, ids BLOB NOT NULL)",
    "CREATE UNIQUE INDEX ix_statements_trgm_postings_term_segment ON statements_trgm_postings (term, segment)",
)
OLD_TRIGGERS = (
    "statements_fts_ai", "statements_fts_ad", "statements_fts_au", "statements_trgm_ai", "statements_trgm_ad", "statements_trgm_au",
)  # fmt: skip


def _revision(rev: str) -> ModuleType:
    return op.get_context().script.get_revision(rev).module


def _build_postings() -> None:
    """Trigram postings of the statements already stored (about 30 s a million)."""
    from quotedb.searchindex import CATCH_UP_STATEMENTS
    from quotedb.trigrams import add_segment

    bind = op.get_bind()
    last = 0
    while rows := bind.exec_driver_sql(
        "SELECT id, text FROM statements WHERE id > ? ORDER BY id LIMIT ?", (last, CATCH_UP_STATEMENTS)
    ).all():
        add_segment(bind, [r[0] for r in rows], [r[1] for r in rows])
        last = rows[-1][0]


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    for trigger in OLD_TRIGGERS:
        op.execute(f"DROP TRIGGER {trigger}")
    for table in ("statements_trgm_vocab", "statements_trgm", "statements_trgm_stats"):
        op.execute(f"DROP TABLE {table}")
    for sql in SQLITE_TABLES:
        op.execute(sql)
    op.execute("INSERT INTO search_index_state VALUES ((SELECT coalesce(max(id), 0) FROM statements))")
    for sql in SQLITE_TRIGGERS:
        op.execute(sql)
    _build_postings()


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    # statements stored since the last catch-up go into the word index first: its triggers return
    op.execute(
        "INSERT INTO statements_fts(rowid, text) SELECT id, text FROM statements "
        "WHERE id > (SELECT indexed_through FROM search_index_state)"
    )
    for trigger in ("statements_fts_ad", "statements_fts_au"):
        op.execute(f"DROP TRIGGER {trigger}")
    for table in ("statements_trgm_postings", "statements_trgm_segments", "search_index_state"):
        op.execute(f"DROP TABLE {table}")
    for sql in _revision("0001").SQLITE_FTS[1:]:
        op.execute(sql)
    for sql in _revision("0002").SQLITE_TRIGRAM:
        op.execute(sql)
    _revision("0003").upgrade()
