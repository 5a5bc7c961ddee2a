"""The store: open a database, and persist parsed articles idempotently, one transaction each.

Writes go through SQLAlchemy Core on the ORM's tables (the models stay the one definition of
the schema) with ``executemany`` for statements. An article is stored whole or not at all;
storing the same text again is a no-op decided by the unique ``text_sha256`` key, so two
workers racing on one article end with one row and no error.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from quotedb import db
from quotedb.errors import DatabaseError
from quotedb.models import Article, Outlet, Statement
from quotedb.identity import resolve_speakers
from quotedb.parse import ParsedArticle

articles_t = Article.__table__
outlets_t = Outlet.__table__
statements_t = Statement.__table__

SaveStatus = Literal["new", "unchanged", "updated"]


class Store:
    """An open quotedb database (SQLite file or PostgreSQL), migrated to the newest schema."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, location: str | None = None, *, migrate: bool = True) -> Store:
        """Open ``location`` (path or URL; default $QUOTEDB_DATABASE_URL or ./quotedb.sqlite)."""
        url = db.resolve_url(location)
        engine = db.make_engine(url)
        if migrate:
            try:
                db.ensure_schema(engine)
            except BaseException:
                engine.dispose()
                raise
        return cls(engine, url)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries; database errors become one-line DatabaseErrors."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise DatabaseError(f"database error: {_first_line(exc.orig)}") from None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed whole on success, rolled back on any error."""
        try:
            with db.write_transaction(self.engine) as conn:
                yield conn
        except DBAPIError as exc:
            raise DatabaseError(f"cannot write to the database: {_first_line(exc.orig)}") from None

    def insert(self, table: Any) -> Any:
        """The backend's INSERT construct (it has ``on_conflict_do_nothing``)."""
        return (postgresql.insert if self.backend == "postgresql" else sqlite.insert)(table)


def _first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What happened to one article: ``new``, ``unchanged`` (same text stored) or ``updated``."""

    status: SaveStatus
    article_id: int
    statements: int


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def to_utc(value: datetime | None) -> tuple[datetime | None, str | None]:
    """An aware datetime -> (the instant in UTC, its original UTC offset as "+08:00")."""
    if value is None:
        return None, None
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=timezone.utc), None
    offset = value.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    text = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return value.astimezone(timezone.utc), text


def save_article(store: Store, parsed: ParsedArticle, *, source_path: str | None = None) -> SaveResult:
    """Store ``parsed`` and its statements in one transaction; a no-op for text already stored."""
    sha = text_sha256(parsed.text)
    with store.write() as conn:
        return _save(store, conn, parsed, sha, source_path)


def _save(store: Store, conn: Connection, parsed: ParsedArticle, sha: str, source_path: str | None) -> SaveResult:
    found = conn.execute(select(articles_t.c.id).where(articles_t.c.text_sha256 == sha)).scalar()
    if found is not None:
        return SaveResult("unchanged", found, 0)
    meta = parsed.meta
    published, published_offset = to_utc(meta.published_at)
    updated, updated_offset = to_utc(meta.updated_at)
    row = {
        "outlet_id": outlet_id(store, conn, meta.outlet),
        "url": meta.url,
        "text_sha256": sha,
        "title": meta.title,
        "section": meta.section,
        "byline": meta.byline,
        "dateline": meta.dateline,
        "published_at": published,
        "published_utc_offset": published_offset,
        "updated_at": updated,
        "updated_utc_offset": updated_offset,
        "text": parsed.text,
        "source_path": source_path,
        "ingested_at": datetime.now(timezone.utc),
        "parser_version": parsed.parser_version,
    }
    status: SaveStatus = "new"
    previous = None
    if meta.url:
        previous = conn.execute(select(articles_t.c.id).where(articles_t.c.url == meta.url)).scalar()
    if previous is not None:
        # the page at this URL changed: replace its text and statements, keep its id
        conn.execute(delete(statements_t).where(statements_t.c.article_id == previous))
        conn.execute(update(articles_t).where(articles_t.c.id == previous).values(**row))
        article_id, status = previous, "updated"
    else:
        stmt = store.insert(articles_t).values(**row).on_conflict_do_nothing().returning(articles_t.c.id)
        inserted = conn.execute(stmt).scalar()
        if inserted is None:  # another writer stored the same text (or URL) first
            other = conn.execute(
                select(articles_t.c.id).where((articles_t.c.text_sha256 == sha) | (articles_t.c.url == meta.url))
            ).scalar()
            return SaveResult("unchanged", other or 0, 0)
        article_id = inserted
    speaker_ids = resolve_speakers(store, conn, parsed.speakers)
    rows = [
        {
            "article_id": article_id,
            "speaker_id": speaker_ids.get(st.speaker) if st.speaker else None,
            "speaker_mention": st.speaker_mention.text if st.speaker_mention else None,
            "speaker_mention_start": st.speaker_mention.start if st.speaker_mention else None,
            "speaker_mention_end": st.speaker_mention.end if st.speaker_mention else None,
            "cue": st.cue.text if st.cue else None,
            "cue_start": st.cue.start if st.cue else None,
            "cue_end": st.cue.end if st.cue else None,
            "kind": st.kind,
            "text": st.text,
            "start_offset": st.start,
            "end_offset": st.end,
            "paragraph_index": st.paragraph,
            "confidence": st.confidence,
        }
        for st in parsed.statements
    ]
    if rows:
        conn.execute(statements_t.insert(), rows)
    return SaveResult(status, article_id, len(rows))


def outlet_id(store: Store, conn: Connection, name: str | None) -> int | None:
    """The id of the outlet called ``name``, created on first sight."""
    if not name or not name.strip():
        return None
    name = name.strip()
    conn.execute(store.insert(outlets_t).values(name=name).on_conflict_do_nothing())
    return conn.execute(select(outlets_t.c.id).where(outlets_t.c.name == name)).scalar_one()
