"""Persist parsed articles idempotently, one transaction each.

Writes go through SQLAlchemy Core on the ORM's tables (the models stay the one definition of
the schema) with ``executemany`` for statements. An article is stored whole or not at all;
storing the same text again is a no-op decided by the unique ``text_sha256`` key, so two
workers racing on one article end with one row and no error.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal, NamedTuple

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from quotedb.db import Store, write_error  # noqa: F401  (Store: callers import it from here too)
from quotedb.models import Article, Outlet, Statement, table_of
from quotedb.identity import PreparedSpeaker, Resolved, prepare_speakers, resolve_speakers, settle_bare_names
from quotedb.parse import ParsedArticle
from quotedb.parse import Statement as ParsedStatement

articles_t = table_of(Article)
outlets_t = table_of(Outlet)
statements_t = table_of(Statement)

SaveStatus = Literal["new", "unchanged", "updated"]


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


class PreparedArticle(NamedTuple):
    """A parsed article as rows, minus the ids only the database can give (see ``prepare``).

    Plain tuples and strings, so it crosses from a worker process to the writer cheaply
    (a ParsedArticle costs ten times more to pickle).
    """

    sha: str
    url: str | None
    outlet: str | None
    row: dict[str, Any]  # article columns but outlet_id and ingested_at
    statements: tuple[tuple[Any, ...], ...]  # STATEMENT_COLUMNS[1:], speaker_id holding the speaker's name
    speakers: tuple[PreparedSpeaker, ...]


def prepare(parsed: ParsedArticle, source_path: str | None = None) -> PreparedArticle:
    """Everything about storing ``parsed`` that needs no database (runs in ingest's workers)."""
    meta = parsed.meta
    sha = text_sha256(parsed.text)
    published, published_offset = to_utc(meta.published_at)
    updated, updated_offset = to_utc(meta.updated_at)
    row = {
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
        "parser_version": parsed.parser_version,
    }
    outlet = meta.outlet.strip() if meta.outlet and meta.outlet.strip() else None
    statements = tuple(_statement_row(st) for st in parsed.statements)
    return PreparedArticle(sha, meta.url, outlet, row, statements, prepare_speakers(parsed.speakers))


def save_article(store: Store, parsed: ParsedArticle, *, source_path: str | None = None) -> SaveResult:
    """Store ``parsed`` and its statements in one transaction; a no-op for text already stored."""
    return save_articles(store, [prepare(parsed, source_path)])[0]


def save_articles(store: Store, batch: Sequence[PreparedArticle], *, index: bool = True) -> list[SaveResult]:
    """Store a batch of prepared articles in one transaction, in bulk; results in input order.

    Every article is whole or absent: the batch commits or rolls back as one. Articles are
    stored in the given order, so the speakers (and the first-seen role of each) come out as
    if they were saved one by one. Outlets and PostgreSQL's speaker locks are taken in a fixed
    order so concurrent writers queue instead of deadlocking. The same transaction brings the
    search indexes up to date, unless ``index`` is false: then the statements wait for
    ``index_pending`` (ingest does that every so many statements: cheaper in bulk).
    """
    with store.write() as conn:
        results = _save_batch(store, conn, batch)
        if index:
            index_pending(store, conn)
        return results


def index_pending(store: Store, conn: Connection | None = None) -> int:
    """Bring the search indexes up to date (quotedb.searchindex); how many statements were added.

    In ``conn``'s transaction, or else in transactions of its own, one per
    CATCH_UP_STATEMENTS statements, so a large backlog keeps what it did if interrupted.
    """
    from quotedb import searchindex  # numpy: loaded only by the commands that write

    if conn is None:
        with store.read() as c:  # nothing pending: no need to wait for the write lock
            if not searchindex.has_pending(c):
                return 0
    done = 0
    while True:
        with nullcontext(conn) if conn is not None else store.write() as c:
            added = searchindex.index_pending(c, limit=searchindex.CATCH_UP_STATEMENTS)
        if not added:
            return done
        done += added


def analyze(store: Store) -> int:
    """``quotedb db analyze``: the search indexes made whole and compact; statements added.

    Pending statements indexed, the trigram segments merged into one; on SQLite statements
    below the watermark that the word index lacks (written by other tools) indexed too, on
    PostgreSQL the word index's GIN pending list flushed (``gin_clean_pending_list``).
    """
    from quotedb import searchindex

    added = index_pending(store)
    with store.write() as conn:
        added += searchindex.index_missing(conn)
        if store.backend != "sqlite":
            conn.exec_driver_sql(
                "SELECT gin_clean_pending_list(c.oid) FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
                "JOIN pg_index i ON i.indexrelid = c.oid WHERE a.amname = 'gin' AND i.indrelid = 'statements'::regclass"
            )
    return added


def _save_batch(store: Store, conn: Connection, batch: Sequence[PreparedArticle]) -> list[SaveResult]:
    known = dict(_in_chunks(conn, select(articles_t.c.text_sha256, articles_t.c.id), articles_t.c.text_sha256, [a.sha for a in batch]))
    urls = [a.url for a in batch if a.url]
    by_url = dict(_in_chunks(conn, select(articles_t.c.url, articles_t.c.id), articles_t.c.url, urls))
    outlets = outlet_ids(store, conn, {a.outlet for a in batch})
    now = datetime.now(timezone.utc)
    ids: dict[int, int] = {}  # position in batch -> article id, for the articles written now
    status: dict[int, SaveStatus] = {}
    pending: dict[str, int] = {}  # text hash -> position, for new articles not inserted yet
    superseded: set[int] = set()  # positions whose page a later article of the batch replaced

    def full_row(a: PreparedArticle) -> dict[str, Any]:
        return {**a.row, "outlet_id": outlets.get(a.outlet or ""), "ingested_at": now}

    def insert_pending() -> None:
        """One multi-row INSERT … ON CONFLICT DO NOTHING RETURNING for the new articles so far."""
        if not pending:
            return
        rows = [full_row(batch[i]) for i in pending.values()]
        stmt = store.insert(articles_t).on_conflict_do_nothing().returning(articles_t.c.text_sha256, articles_t.c.id)
        for sha, article_id in conn.execute(stmt, rows) if len(rows) > 1 else conn.execute(stmt.values(rows[0])):
            i = pending.pop(sha)
            ids[i] = known[sha] = article_id
            if batch[i].url:
                by_url[batch[i].url] = article_id
        for i in pending.values():  # another writer stored the same text (or URL) first
            by_url.pop(batch[i].url or "", None)
        pending.clear()

    for i, a in enumerate(batch):
        if a.sha in known or a.sha in pending:
            continue
        if a.url and a.url in by_url and any(batch[j].url == a.url for j in pending.values()):
            insert_pending()  # the URL's page is in this batch twice: the later text replaces the earlier
        previous = by_url.get(a.url) if a.url else None
        if previous is not None:
            # the page at this URL changed: replace its text and statements, keep its id
            conn.execute(delete(statements_t).where(statements_t.c.article_id == previous))
            conn.execute(update(articles_t).where(articles_t.c.id == previous).values(**full_row(a)))
            superseded.update(j for j, id_ in ids.items() if id_ == previous)  # written earlier in this batch
            ids[i], status[i] = previous, "updated"
            known[a.sha] = previous
        else:
            pending[a.sha] = i
            status[i] = "new"
            if a.url:
                by_url[a.url] = -1  # stored by this batch; its id comes with the insert
    insert_pending()
    stored = [i for i in range(len(batch)) if i in ids and i not in superseded]
    resolved = resolve_speakers(store, conn, [batch[i].speakers for i in stored])
    rows = [
        _with_speaker(ids[i], st, names.get(st[0]) if st[0] else None)
        for i, names in zip(stored, resolved, strict=True)
        for st in batch[i].statements
    ]
    if store.backend == "sqlite" and rows:  # ids above the search index's watermark (see next_statement_id)
        from quotedb.searchindex import next_statement_id

        first = next_statement_id(conn)
        bulk_insert(conn, statements_t, ("id", *STATEMENT_COLUMNS), [(first + n, *row) for n, row in enumerate(rows)])
    else:
        bulk_insert(conn, statements_t, STATEMENT_COLUMNS, rows)
    settle_bare_names(store, conn, _bare_words(batch[i].speakers for i in stored))
    results = []
    for i, a in enumerate(batch):
        if i in ids:
            results.append(SaveResult(status[i], ids[i], 0 if i in superseded else len(a.statements)))
        else:  # already stored, by an earlier run, earlier in this batch, or by another writer
            results.append(SaveResult("unchanged", _stored_id(conn, known, a.sha, a.url), 0))
    return results


def _with_speaker(article_id: int, st: tuple[Any, ...], resolved: Resolved | None) -> tuple[Any, ...]:
    """A statement row (STATEMENT_COLUMNS) with its speaker's id, and how the corpus decided it."""
    if resolved is None:
        return (article_id, None, *st[1:])
    *head, method, confidence, parts = st[1:]
    if resolved.method is not None:
        method = resolved.method
        confidence = confidence * resolved.share if confidence is not None else None
    return (article_id, resolved.speaker_id, *head, method, confidence, parts)


def _bare_words(speakers: Iterable[tuple[PreparedSpeaker, ...]]) -> set[str]:
    """The surnames a batch may settle: its bare names, and its people's surnames (a new full
    name can make a bare name that came first unambiguous)."""
    words: set[str] = set()
    for sps in speakers:
        for sp in sps:
            if sp.bare:
                words.add(sp.normalized)
            elif sp.named and sp.surname is not None:
                words.add(sp.surname)
    return words


def _stored_id(conn: Connection, known: dict[str, int], sha: str, url: str | None) -> int:
    if sha in known:
        return known[sha]
    found = conn.execute(
        select(articles_t.c.id).where((articles_t.c.text_sha256 == sha) | (articles_t.c.url == url))
    ).scalar()
    return found or 0


def _in_chunks(conn: Connection, query: Any, column: Any, values: Sequence[Any]) -> Iterator[Any]:
    """Rows of ``query`` where ``column`` is in ``values``, asked in chunks under bind limits."""
    values = list(dict.fromkeys(values))
    for n in range(0, len(values), 500):
        yield from conn.execute(query.where(column.in_(values[n : n + 500])))


#: The statement columns ingest writes, in the order of the tuples ``bulk_insert`` receives.
STATEMENT_COLUMNS = (
    "article_id", "speaker_id", "speaker_mention", "speaker_mention_start", "speaker_mention_end",
    "cue", "cue_start", "cue_end", "kind", "text", "start_offset", "end_offset", "paragraph_index", "confidence",
    "category", "speaker_name", "speaker_method", "speaker_confidence", "parts",
)  # fmt: skip


def _statement_row(st: ParsedStatement) -> tuple[Any, ...]:
    """STATEMENT_COLUMNS but the article id, with the speaker's canonical name for its id."""
    mention, cue = st.speaker_mention, st.cue
    return (
        st.speaker,
        mention.text if mention else None,
        mention.start if mention else None,
        mention.end if mention else None,
        cue.text if cue else None,
        cue.start if cue else None,
        cue.end if cue else None,
        st.kind,
        st.text,
        st.start,
        st.end,
        st.paragraph,
        st.confidence,
        st.category,
        st.speaker,
        st.speaker_method,
        st.confidence if st.speaker else None,
        json.dumps([[p.start, p.end] for p in st.parts]) if st.parts else None,
    )


def bulk_insert(conn: Connection, table: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert plain-valued tuples at driver speed: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

    The INSERT/COPY text is generated from the ORM table, which stays the one schema definition;
    only the per-row parameter processing of the ORM and Core is skipped.
    """
    if not rows:
        return
    quote = conn.dialect.identifier_preparer
    names = ", ".join(quote.quote(c) for c in columns)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor, cursor.copy(f"COPY {quote.format_table(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except conn.dialect.dbapi.Error as exc:  # type: ignore[union-attr]  # raw driver errors, not wrapped by SQLAlchemy
            raise write_error(exc) from None
        return
    # the columns in the caller's order (a compiled INSERT would list them in the table's order)
    conn.exec_driver_sql(f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({', '.join('?' * len(columns))})", list(rows))


def outlet_ids(store: Store, conn: Connection, names: Iterable[str | None]) -> dict[str, int]:
    """Ids of the outlets called ``names`` (stripped), each created on first sight, in name order."""
    wanted = sorted({n.strip() for n in names if n and n.strip()})
    if not wanted:
        return {}
    conn.execute(store.insert(outlets_t).on_conflict_do_nothing(), [{"name": n} for n in wanted])
    return {name: id_ for name, id_ in _in_chunks(conn, select(outlets_t.c.name, outlets_t.c.id), outlets_t.c.name, wanted)}
