"""Rows -> CSV, JSON, NDJSON or a terminal table, streamed; and the rows of each export.

CSV is RFC 4180 (header row, CRLF line ends, quotes doubled), UTF-8, with an optional BOM for
Excel. Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) get a leading apostrophe unless the caller turns that off;
numbers are never touched.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, TextIO

from sqlalchemy import func, select

from quotedb.models import Article, Outlet, Speaker, SpeakerAlias, Statement, table_of
from quotedb.search import Filters, speaker_condition, statements_select
from quotedb.store import Store

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: str) -> str:
    """Make a text cell inert in spreadsheets: ``=HYPERLINK(…)`` -> ``'=HYPERLINK(…)``."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def plain(value: Any) -> Any:
    """A JSON/CSV-ready value: datetimes as ISO 8601 in UTC."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.isoformat()
    return value


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out: TextIO,
    *,
    bom: bool = False,
    safe: bool = True,
) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns how many were written."""
    n = 0
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            cells = [plain(row.get(c)) for c in columns]
            if safe:
                cells = [neutralize(v) if isinstance(v, str) else v for v in cells]
            writer.writerow(["" if v is None else v for v in cells])
            n += 1
    elif fmt == "ndjson":
        for row in rows:
            out.write(json.dumps({c: plain(row.get(c)) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n  " + json.dumps({c: plain(row.get(c)) for c in columns}, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    else:
        n = _table(rows, columns, out)
    return n


def _table(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """A plain aligned table for terminals; long cells are cut to fit the screen."""
    data = [[_cell(plain(r.get(c))) for c in columns] for r in rows]
    width = shutil.get_terminal_size((120, 24)).columns
    widths = [max([len(c)] + [len(row[i]) for row in data]) for i, c in enumerate(columns)]
    budget = max(20, width - sum(w for w in widths[:-1]) - 2 * (len(columns) - 1))
    widths[-1] = min(widths[-1], budget)
    lines = [columns, ["-" * w for w in widths]] + data
    for line in lines:
        cells = [(v if len(v) <= w else v[: max(1, w - 1)] + "…").ljust(w) for v, w in zip(line, widths)]
        out.write("  ".join(cells).rstrip() + "\n")
    return len(data)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


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
        .where(st.c.id.in_(select(matched.c.id)))
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
        row["aliases"] = "; ".join(aliases.get(row["id"], []))
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
