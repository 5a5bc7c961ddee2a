"""schema v9: PostgreSQL's fuzzy search reads the same compact trigram postings as SQLite's

PostgreSQL only (SQLite has them since 0007). The GIN ``pg_trgm`` index ``ix_statements_text_trgm``
took over 25 s a fuzzy query at 1 M statements (``word_similarity`` rechecks every row the
common trigrams match) and was updated row by row on every insert: it makes way for
``statements_trgm_postings`` and ``statements_trgm_segments`` (as in 0007; the blobs stored
uncompressed, since pglz gains little on them and would cost every read), built here from
every stored statement. PostgreSQL writers commit statement ids out of order, so instead of
SQLite's watermark an ``AFTER INSERT`` statement trigger queues the inserted ids in
``statements_trgm_pending``, whoever inserts them (COPY included), and ``quotedb.searchindex``
indexes the queue. The pg_trgm extension is left installed (it belongs to the whole database);
a downgrade puts the GIN index back when it is there.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_TABLES = (
    "CREATE TABLE statements_trgm_segments "
    "(segment INTEGER PRIMARY KEY, statements INTEGER NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL)",
    "CREATE TABLE statements_trgm_postings "
    "(term BIGINT NOT NULL, segment INTEGER NOT NULL, doc INTEGER NOT NULL, ids BYTEA NOT NULL, PRIMARY KEY (term, segment))",
    "ALTER TABLE statements_trgm_postings ALTER COLUMN ids SET STORAGE EXTERNAL",
    "CREATE TABLE statements_trgm_pending (id INTEGER PRIMARY KEY)",
    # SET search_path FROM CURRENT: the queue of this schema, whatever the inserting session's path
    "CREATE FUNCTION statements_trgm_queue() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS "
    "$$ BEGIN INSERT INTO statements_trgm_pending (id) SELECT id FROM added; RETURN NULL; END $$",
    "CREATE TRIGGER statements_trgm_queue AFTER INSERT ON statements REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION statements_trgm_queue()",
)
PG_TRIGRAM_INDEX = "ix_statements_text_trgm"


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    from quotedb.searchindex import CATCH_UP_STATEMENTS, index_pending

    op.execute(f"DROP INDEX IF EXISTS {PG_TRIGRAM_INDEX}")
    for sql in PG_TABLES:
        op.execute(sql)
    op.execute("INSERT INTO statements_trgm_pending (id) SELECT id FROM statements")
    while index_pending(op.get_bind(), limit=CATCH_UP_STATEMENTS):  # about 30 s a million statements
        pass


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER statements_trgm_queue ON statements")
    op.execute("DROP FUNCTION statements_trgm_queue()")
    for table in ("statements_trgm_pending", "statements_trgm_postings", "statements_trgm_segments"):
        op.execute(f"DROP TABLE {table}")
    op.get_context().script.get_revision("0002").module._pg_trigram()
