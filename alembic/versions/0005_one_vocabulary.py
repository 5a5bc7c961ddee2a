"""schema v5: one vocabulary for statement rows, a full-text index other tools find, report views

``statement_details`` gains ``speaker_mention_start``, ``speaker_mention_end``, ``cue_start`` and
``cue_end``: it now holds every column of a statement row, under the names search results,
exports (CSV, JSON) and ``show --json`` use too (``statement_id``, ``start_offset``,
``end_offset``, ``paragraph_index``: the table's own names; ``end`` would be a reserved word in
SQL). No view column is renamed or dropped, so queries written against revision 4 still run.

On SQLite the word index ``statements_fts`` is declared again with ``content="statements"`` in
double quotes, the form sqlite-utils writes and Datasette and sqlite-utils look for: their
full-text search (``?_search=``) then works on ``statements``. The index is rebuilt from the table.

Report views (docs/schema.md): ``quoted_most`` (who is quoted most), ``quoted_by_outlet_month``
(the same per outlet and month), ``outlet_sources`` (each outlet's sources by kind: person,
organization, group, unknown, or unnamed when no speaker was found) and ``claim_spread`` (each
claim seen more than once, outlet by outlet, with first and last dates).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DETAILS_VIEW = """
CREATE VIEW statement_details AS
SELECT s.id AS statement_id,
       s.article_id,
       s.speaker_id,
       sp.name AS speaker,
       sp.kind AS speaker_kind,
       s.speaker_name,
       s.speaker_method,
       s.speaker_confidence,
       s.speaker_mention,
       s.speaker_mention_start,
       s.speaker_mention_end,
       s.cue,
       s.cue_start,
       s.cue_end,
       s.kind,
       s.category,
       s.text,
       s.start_offset,
       s.end_offset,
       s.paragraph_index,
       s.confidence,
       s.claim_id,
       a.title AS article_title,
       o.name AS outlet,
       a.url,
       a.published_at,
       a.published_utc_offset
FROM statements AS s
JOIN articles AS a ON a.id = s.article_id
LEFT JOIN speakers AS sp ON sp.id = s.speaker_id
LEFT JOIN outlets AS o ON o.id = a.outlet_id
"""

#: The word index as sqlite-utils declares one (double-quoted names): Datasette and sqlite-utils
#: recognise it as the full-text index of ``statements`` only in this form.
SQLITE_FTS_TABLE = (
    'CREATE VIRTUAL TABLE statements_fts USING fts5(text, content="statements", content_rowid="id", '
    "tokenize='porter unicode61 remove_diacritics 2')"
)

#: ``{month}`` is the backend's YYYY-MM of ``published_at``; ``{names}`` its string aggregate.
MONTH = {"sqlite": "strftime('%Y-%m', d.published_at)", "postgresql": "to_char(d.published_at AT TIME ZONE 'UTC', 'YYYY-MM')"}
NAMES = {"sqlite": "group_concat(DISTINCT d.speaker)", "postgresql": "string_agg(DISTINCT d.speaker, ',')"}

REPORT_VIEWS = {
    "quoted_most": """
CREATE VIEW quoted_most AS
SELECT d.speaker_id,
       d.speaker,
       d.speaker_kind,
       count(*) AS statements,
       sum(CASE WHEN d.kind = 'direct' THEN 1 ELSE 0 END) AS direct,
       sum(CASE WHEN d.kind = 'mixed' THEN 1 ELSE 0 END) AS mixed,
       sum(CASE WHEN d.kind = 'indirect' THEN 1 ELSE 0 END) AS indirect,
       count(DISTINCT d.article_id) AS articles,
       count(DISTINCT d.outlet) AS outlets,
       min(d.published_at) AS first_published_at,
       max(d.published_at) AS last_published_at
FROM statement_details AS d
WHERE d.speaker_id IS NOT NULL
GROUP BY d.speaker_id, d.speaker, d.speaker_kind
""",
    "quoted_by_outlet_month": """
CREATE VIEW quoted_by_outlet_month AS
SELECT d.outlet,
       {month} AS month,
       d.speaker_id,
       d.speaker,
       count(*) AS statements,
       count(DISTINCT d.article_id) AS articles
FROM statement_details AS d
WHERE d.speaker_id IS NOT NULL
GROUP BY d.outlet, {month}, d.speaker_id, d.speaker
""",
    "outlet_sources": """
CREATE VIEW outlet_sources AS
SELECT d.outlet,
       CASE WHEN d.speaker_id IS NULL THEN 'unnamed' ELSE d.speaker_kind END AS source_kind,
       count(*) AS statements,
       count(DISTINCT d.speaker_id) AS speakers,
       count(DISTINCT d.article_id) AS articles
FROM statement_details AS d
GROUP BY d.outlet, CASE WHEN d.speaker_id IS NULL THEN 'unnamed' ELSE d.speaker_kind END
""",
    "claim_spread": """
CREATE VIEW claim_spread AS
SELECT c.id AS claim_id,
       c.text AS claim_text,
       d.outlet,
       count(*) AS statements,
       count(DISTINCT d.article_id) AS articles,
       min(d.published_at) AS first_published_at,
       max(d.published_at) AS last_published_at,
       count(DISTINCT d.speaker_id) AS speakers,
       {names} AS speaker_names
FROM claims AS c
JOIN statement_details AS d ON d.claim_id = c.id
WHERE c.statements > 1
GROUP BY c.id, c.text, d.outlet
""",
}


def _revision(rev: str) -> ModuleType:
    return op.get_context().script.get_revision(rev).module


def _backend() -> str:
    return op.get_context().dialect.name


def _report_views() -> None:
    backend = _backend()
    for sql in REPORT_VIEWS.values():
        op.execute(sql.format(month=MONTH[backend], names=NAMES[backend]))


def _drop_report_views() -> None:
    for name in REPORT_VIEWS:
        op.execute(f"DROP VIEW {name}")


def _fts(create: str) -> None:
    """Declare the SQLite word index with ``create`` and fill it from the statements table (its
    triggers stay: they name the index, not its declaration)."""
    op.execute("DROP TABLE statements_fts")
    op.execute(create)
    op.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")


def upgrade() -> None:
    op.execute("DROP VIEW statement_details")
    op.execute(DETAILS_VIEW)
    _report_views()
    if _backend() == "sqlite":
        _fts(SQLITE_FTS_TABLE)


def downgrade() -> None:
    if _backend() == "sqlite":
        _fts(_revision("0001").SQLITE_FTS[0])
    _drop_report_views()
    op.execute("DROP VIEW statement_details")
    op.execute(_revision("0004").DETAILS_VIEW)
