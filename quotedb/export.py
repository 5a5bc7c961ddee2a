"""The rows of each export: statements (the statement_details vocabulary), speakers, articles.

Writing them (CSV, JSON, NDJSON, a table) is ``quotedb.formats``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select

from quotedb.formats import plain, write_rows  # noqa: F401  (callers import them from here too)
from quotedb.models import Article, Outlet, Speaker, SpeakerAlias, Statement, table_of
from quotedb.search import Filters, speaker_condition, statements_select
from quotedb.store import Store

STATEMENT_EXPORT = tuple(c.name for c in statements_select(Filters()).selected_columns)
SPEAKER_EXPORT = ("id", "name", "kind", "role", "affiliation", "aliases", "statements", "articles")
#: ``export speakers`` adds what curators set.
SPEAKER_FULL_EXPORT = SPEAKER_EXPORT + ("external_id",)
ARTICLE_EXPORT = (
    "id", "title", "outlet", "url", "section", "byline", "dateline", "published_at",
    "published_utc_offset", "updated_at", "updated_utc_offset", "source_path", "ingested_at",
    "parser_version", "text_sha256", "statements",
)  # fmt: skip


def statement_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    """Every statement matching ``filters``, in article then text order."""
    query = statements_select(filters).order_by(table_of(Statement).c.article_id, table_of(Statement).c.start_offset)
    with store.read() as conn:
        for row in conn.execute(query.execution_options(yield_per=1000)).mappings():
            yield dict(row)


def speaker_rows(store: Store, filters: Filters, query: str | None = None) -> Iterator[dict[str, Any]]:
    """Speakers with their aliases and how many (filtered) statements and articles they have.

    ``query`` is a name (see ``speaker_condition``) or a speaker id.
    """
    sp, st, al = table_of(Speaker), table_of(Statement), table_of(SpeakerAlias)
    matched = statements_select(filters).subquery()
    counts = (
        select(
            st.c.speaker_id,
            func.count().label("statements"),
            func.count(st.c.article_id.distinct()).label("articles"),
        )
        .where(st.c.id.in_(select(matched.c.statement_id)))
        .group_by(st.c.speaker_id)
        .subquery()
    )
    stmt = (
        select(
            sp.c.id, sp.c.name, sp.c.kind, sp.c.role, sp.c.affiliation, sp.c.external_id, counts.c.statements,
            counts.c.articles,
        )
        .join(counts, counts.c.speaker_id == sp.c.id)
        .order_by(counts.c.statements.desc(), sp.c.name, sp.c.id)
    )
    if query and query.strip().isdigit():
        stmt = stmt.where(sp.c.id == int(query))
    elif query:
        stmt = stmt.where(speaker_condition(query))
    with store.read() as conn:
        rows = [dict(r) for r in conn.execute(stmt).mappings()]
        aliases: dict[int, list[str]] = {}
        ids = [r["id"] for r in rows]
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            query_aliases = (
                select(al.c.speaker_id, al.c.alias)
                .where(al.c.speaker_id.in_(part), al.c.source != "removed")
                .order_by(al.c.alias)
            )
            for sid, alias in conn.execute(query_aliases):
                aliases.setdefault(sid, []).append(alias)
    for row in rows:
        row["aliases"] = aliases.get(row["id"], [])
        yield row


def article_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    """Articles having at least one statement matching ``filters`` (all articles when unfiltered)."""
    ar, ou, st = table_of(Article), table_of(Outlet), table_of(Statement)
    n_statements = select(func.count()).where(st.c.article_id == ar.c.id).scalar_subquery()
    stmt = select(
        *(ar.c[c] for c in ARTICLE_EXPORT if c in ar.c and c != "id"), ar.c.id, ou.c.name.label("outlet"),
        n_statements.label("statements"),
    ).outerjoin(ou, ou.c.id == ar.c.outlet_id).order_by(ar.c.id)  # fmt: skip
    if filters != Filters():
        matched = statements_select(filters).subquery()
        stmt = stmt.where(ar.c.id.in_(select(matched.c.article_id)))
    with store.read() as conn:
        for row in conn.execute(stmt.execution_options(yield_per=500)).mappings():
            yield dict(row)
