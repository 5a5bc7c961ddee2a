"""schema v2: claims across articles, statement links, claim relations, speaker curations

Adds ``claims`` (one row per group of statements that say the same thing), ``statement_links``
(the scored pairs claims are built from), ``text_fingerprints`` (the linker's inverted index), ``link_runs``,
``claim_relations`` and ``speaker_curations``; ``statements.claim_id`` and ``statements.text_key``;
``speakers.external_id``; ``speaker_aliases.source``. It also adds the trigram index fuzzy search
starts from: on SQLite an FTS5 ``trigram`` table kept in sync by triggers, on PostgreSQL a GIN
``pg_trgm`` index when the extension can be had. ``statement_details`` gains ``claim_id``.

On SQLite adding a foreign key rebuilds ``statements`` (Alembic batch mode), which drops its
full-text triggers and would break the view: both directions drop the view first and put the
view and the v1 triggers back afterwards, from v1's own SQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Substring index for fuzzy search: every 3-character sequence of statements.text, so a query
# whose every word has a typo still shares most of its trigrams with the statement it means.
SQLITE_TRIGRAM = (
    "CREATE VIRTUAL TABLE statements_trgm USING fts5(text, content='statements', content_rowid='id', "
    "tokenize='trigram', detail='none')",
    "CREATE VIRTUAL TABLE statements_trgm_vocab USING fts5vocab('statements_trgm', 'row')",
    "CREATE TRIGGER statements_trgm_ai AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_trgm(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER statements_trgm_ad AFTER DELETE ON statements BEGIN "
    "INSERT INTO statements_trgm(statements_trgm, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER statements_trgm_au AFTER UPDATE OF text ON statements BEGIN "
    "INSERT INTO statements_trgm(statements_trgm, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO statements_trgm(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO statements_trgm(statements_trgm) VALUES ('rebuild')",
)
SQLITE_TRIGRAM_TRIGGERS = ("statements_trgm_ai", "statements_trgm_ad", "statements_trgm_au")
PG_TRIGRAM_INDEX = "ix_statements_text_trgm"


def _v1() -> ModuleType:
    """Schema v1's module: its view and full-text triggers are rebuilt from the same SQL."""
    return op.get_context().script.get_revision("0001").module


def _v1_fts_triggers() -> None:
    for sql in _v1().SQLITE_FTS[1:]:
        op.execute(sql)


def _details_view(with_claim: bool) -> str:
    view = _v1().DETAILS_VIEW
    if with_claim:
        view = view.replace("s.end_offset,\n", "s.end_offset,\n       s.claim_id,\n", 1)
    return view


def _pg_trigram() -> None:
    """A GIN trigram index when pg_trgm is (or can be) installed; search falls back without it.

    The extension is per database and shared by every schema in it: it is created in ``public``
    if missing, in a savepoint so a refusal (no privilege) does not abort the migration, and
    never dropped by a downgrade.
    """
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
    except sa.exc.DBAPIError:
        pass
    schema = bind.exec_driver_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
    ).scalar()
    if schema is not None:
        op.execute(f'CREATE INDEX {PG_TRIGRAM_INDEX} ON statements USING GIN (text "{schema}".gin_trgm_ops)')


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    op.execute("DROP VIEW statement_details")
    op.create_table('text_fingerprints',
    sa.Column('fingerprint', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('text_key', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.PrimaryKeyConstraint('fingerprint', 'text_key', name=op.f('pk_text_fingerprints')),
    sqlite_with_rowid=False
    )
    op.create_table('link_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Text(), nullable=False),
    sa.Column('settings', sa.Text(), nullable=False),
    sa.Column('new_statements', sa.Integer(), nullable=False),
    sa.Column('relinked_statements', sa.Integer(), nullable=False),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("mode IN ('full', 'incremental')", name=op.f('ck_link_runs_mode')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_runs'))
    )
    op.create_table('speaker_curations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('merge', 'alias-add', 'alias-remove', 'rename', 'external-id')", name=op.f('ck_speaker_curations_action')),
    sa.ForeignKeyConstraint(['speaker_id'], ['speakers.id'], name=op.f('fk_speaker_curations_speaker_id_speakers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speaker_curations'))
    )
    with op.batch_alter_table('speaker_curations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speaker_curations_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_article_id', sa.Integer(), nullable=True),
    sa.Column('statements', sa.Integer(), nullable=False),
    sa.Column('articles', sa.Integer(), nullable=False),
    sa.Column('outlets', sa.Integer(), nullable=False),
    sa.Column('speakers', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['first_article_id'], ['articles.id'], name=op.f('fk_claims_first_article_id_articles'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_first_article_id'), ['first_article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claims_group_id'), ['group_id'], unique=False)

    op.create_table('claim_relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_statement_id', sa.Integer(), nullable=False),
    sa.Column('target_statement_id', sa.Integer(), nullable=False),
    sa.Column('relation', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("relation IN ('rebuts', 'supports', 'same', 'cites')", name=op.f('ck_claim_relations_relation')),
    sa.ForeignKeyConstraint(['source_statement_id'], ['statements.id'], name=op.f('fk_claim_relations_source_statement_id_statements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_statement_id'], ['statements.id'], name=op.f('fk_claim_relations_target_statement_id_statements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_relations')),
    sa.UniqueConstraint('source_statement_id', 'target_statement_id', 'relation', name=op.f('uq_claim_relations_source_statement_id_target_statement_id_relation'))
    )
    with op.batch_alter_table('claim_relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_relations_source_statement_id'), ['source_statement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_relations_target_statement_id'), ['target_statement_id'], unique=False)

    op.create_table('statement_links',
    sa.Column('statement_a_id', sa.Integer(), nullable=False),
    sa.Column('statement_b_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.CheckConstraint("method IN ('exact', 'near', 'partial', 'elided')", name=op.f('ck_statement_links_method')),
    sa.CheckConstraint('statement_a_id < statement_b_id', name=op.f('ck_statement_links_order')),
    sa.ForeignKeyConstraint(['statement_a_id'], ['statements.id'], name=op.f('fk_statement_links_statement_a_id_statements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statement_b_id'], ['statements.id'], name=op.f('fk_statement_links_statement_b_id_statements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('statement_a_id', 'statement_b_id', name=op.f('pk_statement_links'))
    )
    with op.batch_alter_table('statement_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statement_links_statement_b_id'), ['statement_b_id'], unique=False)

    with op.batch_alter_table('speaker_aliases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.Text(), server_default='parser', nullable=False))
        batch_op.create_check_constraint(
            op.f('ck_speaker_aliases_source'), "source IN ('parser', 'curated', 'removed')"
        )

    op.add_column('speakers', sa.Column('external_id', sa.Text(), nullable=True))
    op.create_index(op.f('ix_speakers_external_id'), 'speakers', ['external_id'], unique=True)
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('text_key', sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f('ix_statements_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_statements_text_key'), ['text_key'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_statements_claim_id_claims'), 'claims', ['claim_id'], ['id'], ondelete='SET NULL'
        )
    if sqlite:  # the batch rebuild of statements dropped its full-text triggers
        _v1_fts_triggers()
        for sql in SQLITE_TRIGRAM:
            op.execute(sql)
    else:
        _pg_trigram()
    op.execute(_details_view(with_claim=True))


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    op.execute("DROP VIEW statement_details")
    if sqlite:
        for trigger in SQLITE_TRIGRAM_TRIGGERS:
            op.execute(f"DROP TRIGGER {trigger}")
        op.execute("DROP TABLE statements_trgm_vocab")
        op.execute("DROP TABLE statements_trgm")
    else:
        op.execute(f"DROP INDEX IF EXISTS {PG_TRIGRAM_INDEX}")
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_statements_claim_id_claims'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_statements_text_key'))
        batch_op.drop_index(batch_op.f('ix_statements_claim_id'))
        batch_op.drop_column('text_key')
        batch_op.drop_column('claim_id')
    if sqlite:  # the batch rebuild of statements dropped its full-text triggers
        _v1_fts_triggers()

    op.drop_index(op.f('ix_speakers_external_id'), table_name='speakers')
    op.drop_column('speakers', 'external_id')
    with op.batch_alter_table('speaker_aliases', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_speaker_aliases_source'), type_='check')
        batch_op.drop_column('source')

    with op.batch_alter_table('statement_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statement_links_statement_b_id'))

    op.drop_table('statement_links')
    with op.batch_alter_table('claim_relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_relations_target_statement_id'))
        batch_op.drop_index(batch_op.f('ix_claim_relations_source_statement_id'))

    op.drop_table('claim_relations')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_group_id'))
        batch_op.drop_index(batch_op.f('ix_claims_first_article_id'))

    op.drop_table('claims')
    with op.batch_alter_table('speaker_curations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_speaker_curations_speaker_id'))

    op.drop_table('speaker_curations')
    op.drop_table('text_fingerprints')
    op.drop_table('link_runs')
    op.execute(_details_view(with_claim=False))
