"""schema v6: conflicts that mean something, unnamed sources, statements in pieces

``claims`` gains ``conflict_speakers`` (how many different entities a claim is credited to,
counting neither two rows of one person, a description, nor a speaker quoting another; above 1,
a possible misattribution) and ``conflict_reason`` (why it is listed); both are filled by the
next ``quotedb link``. ``speakers`` gains ``named`` (false for a description no name was found
for: an unnamed source), and ``outlet_sources`` counts those as ``unnamed`` too. ``statements``
gains ``parts``: the pieces of a statement said in several (JSON list of [start, end]).

Plain ``ADD COLUMN``s: no table is rebuilt, so no view or trigger needs restoring.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OUTLET_SOURCES = """
CREATE VIEW outlet_sources AS
SELECT d.outlet,
       CASE WHEN d.speaker_id IS NULL OR NOT sp.named THEN 'unnamed' ELSE d.speaker_kind END AS source_kind,
       count(*) AS statements,
       count(DISTINCT d.speaker_id) AS speakers,
       count(DISTINCT d.article_id) AS articles
FROM statement_details AS d
LEFT JOIN speakers AS sp ON sp.id = d.speaker_id
GROUP BY d.outlet, CASE WHEN d.speaker_id IS NULL OR NOT sp.named THEN 'unnamed' ELSE d.speaker_kind END
"""


def _v5() -> ModuleType:
    return op.get_context().script.get_revision("0005").module


def upgrade() -> None:
    op.add_column('claims', sa.Column('conflict_speakers', sa.Integer(), server_default='0', nullable=False))
    op.add_column('claims', sa.Column('conflict_reason', sa.Text(), nullable=True))
    op.add_column('speakers', sa.Column('named', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('statements', sa.Column('parts', sa.Text(), nullable=True))
    op.execute("DROP VIEW outlet_sources")
    op.execute(OUTLET_SOURCES)


def downgrade() -> None:
    op.execute("DROP VIEW outlet_sources")
    op.execute(_v5().REPORT_VIEWS["outlet_sources"])
    # SQLite (3.35+) and PostgreSQL drop a column in place: no table rebuild, views and triggers stay
    for table, column in (("statements", "parts"), ("speakers", "named"), ("claims", "conflict_reason"), ("claims", "conflict_speakers")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
