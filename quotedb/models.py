"""SQLModel tables: the one definition of the schema (Alembic migrations are generated from it).

The schema is a public interface: researchers query it with SQL, so names are plain and every
column is documented in docs/schema.md. Offsets are character (Python ``str``) indices into
``articles.text``. Timestamps are stored in UTC; the offset the source gave is kept beside them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Column, DateTime, Float, ForeignKey, Index, Integer, Table, Text, UniqueConstraint
from sqlalchemy.sql.expression import true
from sqlmodel import Field, SQLModel

from quotedb.constants import (  # noqa: F401  (the vocabularies live where --help can read them cheaply)
    ALIAS_SOURCES, CURATION_ACTIONS, LINK_METHODS, RELATION_KINDS, SPEAKER_KINDS, SPEAKER_METHODS, STATEMENT_CATEGORIES,
    STATEMENT_KINDS,
)

#: Deterministic constraint and index names, so migrations are reproducible on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION


def _utc_column(nullable: bool = True) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable)


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    """``column = 'a' OR column = 'b' …`` for the tables written in bulk: SQLite evaluates an
    ``IN`` list in a CHECK by building a temporary index for every row (migration 0008)."""
    return " OR ".join(f"{column} = '{v}'" for v in values)


class Outlet(SQLModel, table=True):
    """A publication (newspaper, broadcaster, wire, site)."""

    __tablename__ = "outlets"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False, unique=True))


class Article(SQLModel, table=True):
    """One ingested article; ``text`` is exactly what statement offsets index."""

    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    outlet_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("outlets.id", ondelete="SET NULL"), index=True)
    )
    url: str | None = Field(default=None, sa_column=Column(Text, unique=True))
    text_sha256: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    title: str | None = Field(default=None, sa_column=Column(Text))
    section: str | None = Field(default=None, sa_column=Column(Text))
    byline: str | None = Field(default=None, sa_column=Column(Text))
    dateline: str | None = Field(default=None, sa_column=Column(Text))
    published_at: datetime | None = Field(default=None, sa_column=_utc_column())
    published_utc_offset: str | None = Field(default=None, sa_column=Column(Text))
    updated_at: datetime | None = Field(default=None, sa_column=_utc_column())
    updated_utc_offset: str | None = Field(default=None, sa_column=Column(Text))
    text: str = Field(sa_column=Column(Text, nullable=False))
    source_path: str | None = Field(default=None, sa_column=Column(Text))
    ingested_at: datetime = Field(sa_column=_utc_column(nullable=False))
    parser_version: str = Field(sa_column=Column(Text, nullable=False))

    __table_args__ = (Index("ix_articles_published_at", "published_at"),)


class Speaker(SQLModel, table=True):
    """A person, organisation or group that statements are attributed to."""

    __tablename__ = "speakers"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column=Column(Text, nullable=False))
    normalized_name: str = Field(sa_column=Column(Text, nullable=False, index=True))
    kind: str = Field(sa_column=Column(Text, nullable=False, server_default="unknown"))
    role: str | None = Field(default=None, sa_column=Column(Text))
    affiliation: str | None = Field(default=None, sa_column=Column(Text))
    external_id: str | None = Field(default=None, sa_column=Column(Text, index=True, unique=True))
    #: What two spellings of one person share (``quotedb.names.identity_key``): first and last name
    #: without middle names, initials or titles ("donald trump" for "Donald J. Trump"); for other
    #: kinds the normalised name.
    identity_key: str | None = Field(default=None, sa_column=Column(Text, index=True))
    #: A person's folded last name ("trump"): bare surnames are resolved against it.
    surname: str | None = Field(default=None, sa_column=Column(Text, index=True))
    #: False for a description no name was found for ("a senior official"): an unnamed source,
    #: a row of its own article.
    named: bool = Field(default=True, sa_column=Column(Boolean, nullable=False, server_default=true()))

    __table_args__ = (CheckConstraint(_one_of("kind", SPEAKER_KINDS), name="kind"),)


class SpeakerAlias(SQLModel, table=True):
    """Other names a speaker goes by ("Chen" for "Chen Xu")."""

    __tablename__ = "speaker_aliases"

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(
        sa_column=Column(Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    alias: str = Field(sa_column=Column(Text, nullable=False))
    normalized_alias: str = Field(sa_column=Column(Text, nullable=False, index=True))
    source: str = Field(sa_column=Column(Text, nullable=False, server_default="parser"))

    __table_args__ = (
        UniqueConstraint("speaker_id", "normalized_alias"),
        CheckConstraint(_one_of("source", ALIAS_SOURCES), name="source"),
    )


class SpeakerCuration(SQLModel, table=True):
    """A log of curations (merge, alias, rename, external id), listed by ``speakers curations``.

    The curations themselves act through data the resolver consults (curated and removed
    aliases, ``external_id``), so they survive re-ingesting; this table says who did what when.
    """

    __tablename__ = "speaker_curations"

    id: int | None = Field(default=None, primary_key=True)
    action: str = Field(sa_column=Column(Text, nullable=False))
    speaker_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    )
    speaker_name: str = Field(sa_column=Column(Text, nullable=False))
    detail: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))

    __table_args__ = (CheckConstraint(f"action IN ({_in(CURATION_ACTIONS)})", name="action"),)


class Claim(SQLModel, table=True):
    """Statements that say the same thing, across articles; rebuilt by ``quotedb link``.

    ``id`` is the smallest statement id in the claim, so a full rebuild and incremental linking
    give the same ids, and any claim id ever shown still leads to its statement. ``group_id``
    ties claims that links connect but that were kept apart (a piece that occurs in two
    different quotes belongs to neither): the smallest statement id of all of them.
    """

    __tablename__ = "claims"

    id: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    group_id: int = Field(sa_column=Column(Integer, nullable=False, index=True))
    text: str = Field(sa_column=Column(Text, nullable=False))
    first_seen_at: datetime | None = Field(default=None, sa_column=_utc_column())
    last_seen_at: datetime | None = Field(default=None, sa_column=_utc_column())
    first_article_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("articles.id", ondelete="SET NULL"), index=True)
    )
    statements: int = Field(sa_column=Column(Integer, nullable=False))
    articles: int = Field(sa_column=Column(Integer, nullable=False))
    outlets: int = Field(sa_column=Column(Integer, nullable=False))
    speakers: int = Field(sa_column=Column(Integer, nullable=False))
    #: How many different entities the claim is credited to, counting neither two rows of one
    #: person, nor a description, nor a speaker quoting another (``quotedb.conflicts``): above 1,
    #: a possible misattribution. 0 for claims too short or too stock to tell.
    conflict_speakers: int = Field(sa_column=Column(Integer, nullable=False, server_default="0"))
    #: Why the claim is listed as a conflict: each entity with its statements, outlets, first date.
    conflict_reason: str | None = Field(default=None, sa_column=Column(Text))


class Statement(SQLModel, table=True):
    """One attributed statement found in an article."""

    __tablename__ = "statements"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    speaker_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("speakers.id", ondelete="SET NULL"))
    )
    speaker_mention: str | None = Field(default=None, sa_column=Column(Text))
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None
    cue: str | None = Field(default=None, sa_column=Column(Text))
    cue_start: int | None = None
    cue_end: int | None = None
    kind: str = Field(sa_column=Column(Text, nullable=False))
    category: str = Field(sa_column=Column(Text, nullable=False, server_default="speech"))
    #: The speaker's name as the article resolved it, before corpus identity ("Obama" when the
    #: article never spells the full name): what ``speaker_id`` was decided from.
    speaker_name: str | None = Field(default=None, sa_column=Column(Text))
    speaker_method: str | None = Field(default=None, sa_column=Column(Text))
    speaker_confidence: float | None = Field(default=None, sa_column=Column(Float))
    #: For a statement in several pieces ("A," she said, "B."; "A, she said, B"; a quotation over several
    #: paragraphs): a JSON list of [start, end] offsets, one per piece; ``text`` is the pieces
    #: joined by a space and ``start_offset``/``end_offset`` span them all. NULL for one piece.
    parts: str | None = Field(default=None, sa_column=Column(Text))
    text: str = Field(sa_column=Column(Text, nullable=False))
    start_offset: int
    end_offset: int
    paragraph_index: int
    confidence: float
    claim_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("claims.id", ondelete="SET NULL"), index=True)
    )
    text_key: int | None = Field(default=None, sa_column=Column(BigInteger, index=True))

    __table_args__ = (
        CheckConstraint(_one_of("kind", STATEMENT_KINDS), name="kind"),
        CheckConstraint(_one_of("category", STATEMENT_CATEGORIES), name="category"),
        CheckConstraint(_one_of("speaker_method", SPEAKER_METHODS), name="speaker_method"),
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
        # with the method, counting a speaker's own statements (identity.dominant_bearers, after
        # every ingest batch) reads the index alone (migration 0008)
        Index("ix_statements_speaker_id_speaker_method", "speaker_id", "speaker_method"),
    )


class StatementLink(SQLModel, table=True):
    """Two statements found to say the same thing: the edges claims are built from."""

    __tablename__ = "statement_links"

    statement_a_id: int = Field(
        sa_column=Column(Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True)
    )
    statement_b_id: int = Field(
        sa_column=Column(Integer, ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True, index=True)
    )
    method: str = Field(sa_column=Column(Text, nullable=False))
    score: float = Field(sa_column=Column(Float, nullable=False))

    __table_args__ = (
        CheckConstraint(_one_of("method", LINK_METHODS), name="method"),
        CheckConstraint("statement_a_id < statement_b_id", name="order"),
    )


class TextFingerprint(SQLModel, table=True):
    """The linker's inverted index: winnowed word-shingle hashes of each distinct normalised text.

    Lets ``quotedb link`` find the earlier statements a new one may repeat without reading them all.
    """

    __tablename__ = "text_fingerprints"

    fingerprint: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    text_key: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))

    __table_args__ = {"sqlite_with_rowid": False}


class LinkRun(SQLModel, table=True):
    """One ``quotedb link`` run: when, how (full or incremental), with which settings.

    Incremental linking only equals a full rebuild under the same settings, so a run with
    other settings than the last one rebuilds in full.
    """

    __tablename__ = "link_runs"

    id: int | None = Field(default=None, primary_key=True)
    mode: str = Field(sa_column=Column(Text, nullable=False))
    settings: str = Field(sa_column=Column(Text, nullable=False))
    new_statements: int = Field(sa_column=Column(Integer, nullable=False))
    relinked_statements: int = Field(sa_column=Column(Integer, nullable=False))
    claims: int = Field(sa_column=Column(Integer, nullable=False))
    started_at: datetime = Field(sa_column=_utc_column(nullable=False))
    finished_at: datetime = Field(sa_column=_utc_column(nullable=False))

    __table_args__ = (CheckConstraint("mode IN ('full', 'incremental')", name="mode"),)


class ClaimRelation(SQLModel, table=True):
    """A researcher's typed relation between two claims, anchored on one statement of each.

    Anchoring on statements (a claim's id is its first statement's id) keeps the relation
    pointing at the right claims when re-linking merges them.
    """

    __tablename__ = "claim_relations"

    id: int | None = Field(default=None, primary_key=True)
    source_statement_id: int = Field(
        sa_column=Column(Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    target_statement_id: int = Field(
        sa_column=Column(Integer, ForeignKey("statements.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    relation: str = Field(sa_column=Column(Text, nullable=False))
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = Field(sa_column=_utc_column(nullable=False))

    __table_args__ = (
        UniqueConstraint("source_statement_id", "target_statement_id", "relation"),
        CheckConstraint(f"relation IN ({_in(RELATION_KINDS)})", name="relation"),
    )


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, typed (SQLModel's classes do not declare ``__table__``)."""
    return model.__table__  # type: ignore[attr-defined,no-any-return]
