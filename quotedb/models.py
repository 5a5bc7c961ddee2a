"""SQLModel tables: the one definition of the schema (Alembic migrations are generated from it).

The schema is a public interface: researchers query it with SQL, so names are plain and every
column is documented in docs/schema.md. Offsets are character (Python ``str``) indices into
``articles.text``. Timestamps are stored in UTC; the offset the source gave is kept beside them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

#: Deterministic constraint and index names, so migrations are reproducible on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata.naming_convention = NAMING_CONVENTION

STATEMENT_KINDS = ("direct", "mixed", "indirect")
SPEAKER_KINDS = ("person", "organization", "group", "unknown")


def _utc_column(nullable: bool = True) -> Column[datetime]:
    return Column(DateTime(timezone=True), nullable=nullable)


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


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

    __table_args__ = (CheckConstraint(f"kind IN ({_in(SPEAKER_KINDS)})", name="kind"),)


class SpeakerAlias(SQLModel, table=True):
    """Other names a speaker goes by ("Chen" for "Chen Xu")."""

    __tablename__ = "speaker_aliases"

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(
        sa_column=Column(Integer, ForeignKey("speakers.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    alias: str = Field(sa_column=Column(Text, nullable=False))
    normalized_alias: str = Field(sa_column=Column(Text, nullable=False, index=True))

    __table_args__ = (UniqueConstraint("speaker_id", "normalized_alias"),)


class Statement(SQLModel, table=True):
    """One attributed statement found in an article."""

    __tablename__ = "statements"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(
        sa_column=Column(Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    speaker_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("speakers.id", ondelete="SET NULL"), index=True)
    )
    speaker_mention: str | None = Field(default=None, sa_column=Column(Text))
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None
    cue: str | None = Field(default=None, sa_column=Column(Text))
    cue_start: int | None = None
    cue_end: int | None = None
    kind: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    start_offset: int
    end_offset: int
    paragraph_index: int
    confidence: float

    __table_args__ = (
        CheckConstraint(f"kind IN ({_in(STATEMENT_KINDS)})", name="kind"),
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="offsets"),
    )
