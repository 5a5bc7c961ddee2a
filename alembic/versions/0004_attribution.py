"""schema v4: statement categories and how each speaker was decided

``statements`` gains ``category`` (speech, belief, intention, stance, evidence), ``speaker_name``
(the name the article resolved the speaker to, before corpus identity), ``speaker_method`` (name,
article-name, corpus-name, pronoun, description, curated) and ``speaker_confidence``;
``speakers`` gains ``identity_key`` (first and last name: what two spellings of one person
share) and ``surname`` (bare surnames resolve against it). ``statement_details`` shows the new
statement columns.

Rows stored before this revision keep ``category = 'speech'`` and their speaker as it was; their
``speaker_name`` is filled from the speaker row, ``speaker_method`` stays NULL (unknown), and
``identity_key``/``surname`` are computed from each speaker's name.

The CHECK constraints make SQLite rebuild ``statements`` (batch mode), which drops its
full-text and trigram triggers and would break the view: both directions drop the view first
and put the view and the triggers back afterwards, from the earlier revisions' own SQL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CATEGORIES = "'speech', 'belief', 'intention', 'stance', 'evidence'"
METHODS = "'name', 'article-name', 'corpus-name', 'pronoun', 'description', 'curated'"

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
       s.cue,
       s.kind,
       s.category,
       s.text,
       s.confidence,
       s.paragraph_index,
       s.start_offset,
       s.end_offset,
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


def _revision(rev: str) -> ModuleType:
    return op.get_context().script.get_revision(rev).module


def _sqlite_triggers() -> None:
    """The full-text (0001) and trigram (0002) triggers a batch rebuild of statements dropped."""
    for sql in _revision("0001").SQLITE_FTS[1:]:
        op.execute(sql)
    for sql in _revision("0002").SQLITE_TRIGRAM:
        if sql.startswith("CREATE TRIGGER"):
            op.execute(sql)


def _identity_columns() -> None:
    """identity_key and surname of the speakers already stored (the same function ingest uses)."""
    from quotedb.names import identity_key, surname

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, name, kind FROM speakers")).all()
    values = [{"i": i, "k": identity_key(name, kind), "s": surname(name, kind)} for i, name, kind in rows]
    if values:
        bind.execute(sa.text("UPDATE speakers SET identity_key = :k, surname = :s WHERE id = :i"), values)


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    op.execute("DROP VIEW statement_details")
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('identity_key', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('surname', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_speakers_identity_key'), ['identity_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_surname'), ['surname'], unique=False)
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.Text(), server_default='speech', nullable=False))
        batch_op.add_column(sa.Column('speaker_name', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('speaker_method', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('speaker_confidence', sa.Float(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_statements_category'), f"category IN ({CATEGORIES})")
        batch_op.create_check_constraint(op.f('ck_statements_speaker_method'), f"speaker_method IN ({METHODS})")
    if sqlite:
        _sqlite_triggers()
    op.execute("UPDATE statements SET speaker_name = (SELECT name FROM speakers WHERE speakers.id = statements.speaker_id)")
    _identity_columns()
    op.execute(DETAILS_VIEW)


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    op.execute("DROP VIEW statement_details")
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_statements_speaker_method'), type_='check')
        batch_op.drop_constraint(op.f('ck_statements_category'), type_='check')
        batch_op.drop_column('speaker_confidence')
        batch_op.drop_column('speaker_method')
        batch_op.drop_column('speaker_name')
        batch_op.drop_column('category')
    if sqlite:
        _sqlite_triggers()
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speakers_surname'))
        batch_op.drop_index(batch_op.f('ix_speakers_identity_key'))
        batch_op.drop_column('surname')
        batch_op.drop_column('identity_key')
    op.execute(_revision("0002")._details_view(with_claim=True))
