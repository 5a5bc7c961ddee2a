"""Commands that read: search, export, sql."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from collections.abc import Iterator
from datetime import datetime
from typing import Any, TextIO

import click

from quotedb.cli.app import AppContext, cli, examples, filter_options, make_filters, output_format_option, pass_app, plural, resolve_format
from quotedb.readonly import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_S

SEARCH_COLUMNS = ("id", "score", "speaker", "kind", "text", "outlet", "published_at", "article_title")
SEARCH_TABLE_COLUMNS = ("id", "score", "speaker", "kind", "outlet", "text")
#: What ``quotedb export WHAT`` can write.
EXPORT_NAMES = ("statements", "speakers", "articles", "claims", "conflicts", "links", "relations")


def export_source(what: str) -> tuple[Any, tuple[str, ...]]:
    """The row function and columns of ``export WHAT``."""
    from quotedb import claims, export

    return {
        "statements": (export.statement_rows, export.STATEMENT_EXPORT),
        "speakers": (export.speaker_rows, export.SPEAKER_FULL_EXPORT),
        "articles": (export.article_rows, export.ARTICLE_EXPORT),
        "claims": (claims.claim_rows, claims.CLAIM_EXPORT),
        "conflicts": (claims.conflict_rows, claims.CONFLICT_EXPORT),
        "links": (claims.link_rows, claims.LINK_EXPORT),
        "relations": (claims.relation_rows, claims.RELATION_EXPORT),
    }[what]


@cli.command(
    "search",
    epilog=examples(
        'quotedb search "human rights" --speaker "chen xu"',
        "quotedb search budgte delay --fuzzy            # despite typos",
        "quotedb search tariff --since 2024-01-01 --format csv > tariff.csv",
        "quotedb show 4                                 # next: one result in its paragraph",
    ),
)
@click.argument("query")
@filter_options
@click.option(
    "--fuzzy", is_flag=True, help="Tolerate typos, missing and reordered words, in the text and in --speaker names."
)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many results.")
@output_format_option
@pass_app
def search_cmd(
    app: AppContext,
    query: str,
    speaker: str | None,
    outlet: str | None,
    since: datetime | None,
    until: datetime | None,
    kind: str | None,
    fuzzy: bool,
    limit: int,
    fmt: str | None,
) -> None:
    """Find statements by their words, best match first."""
    from dataclasses import replace

    from quotedb.export import write_rows
    from quotedb.search import search, trigram_index_note

    store = app.store()
    filters = replace(make_filters(speaker, outlet, since, until, kind), fuzzy_speaker=fuzzy)
    note = trigram_index_note(store) if fuzzy else None
    if note:
        click.echo(note, err=True)
    rows = search(store, query, filters=filters, limit=limit, fuzzy=fuzzy)
    fmt = resolve_format(fmt)
    columns = SEARCH_TABLE_COLUMNS if fmt == "table" else SEARCH_COLUMNS
    for row in rows:
        row["score"] = round(row["score"], 3)
    write_rows(rows, columns, fmt, sys.stdout)
    if not rows:
        click.echo("no statements found", err=True)


@cli.command(
    "export",
    epilog=examples(
        "quotedb export statements -o statements.csv --bom      # opens cleanly in Excel",
        "quotedb export claims --outlet 'metro daily' --format json",
        "quotedb export speakers | head",
        "quotedb claims --conflicts   # next: quotes pinned on different speakers",
    ),
)
@click.argument("what", type=click.Choice(EXPORT_NAMES))
@filter_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json", "ndjson"]), default="csv", show_default=True, help="File format."
)
@click.option("--bom", is_flag=True, help="Start CSV with a byte-order mark so Excel reads it as UTF-8.")
@click.option(
    "--no-formula-guard",
    is_flag=True,
    help="Do not prefix CSV cells starting with = + - @ tab or CR with an apostrophe.",
)
@pass_app
def export_cmd(
    app: AppContext,
    what: str,
    speaker: str | None,
    outlet: str | None,
    since: datetime | None,
    until: datetime | None,
    kind: str | None,
    output: str | None,
    fmt: str,
    bom: bool,
    no_formula_guard: bool,
) -> None:
    """Export statements, speakers, articles, claims, conflicts, links or relations as CSV (RFC 4180),
    JSON or NDJSON; the filters keep rows that have (or whose claim has) a matching statement."""
    from quotedb.export import write_rows

    rows_of, columns = export_source(what)
    rows: Any = rows_of(app.store(), make_filters(speaker, outlet, since, until, kind))
    with _open_output(output) as out:
        n = write_rows(rows, columns, fmt, out, bom=bom, safe=not no_formula_guard)
    if output:
        click.echo(f"wrote {plural(n, what.rstrip('s'), what)} to {output}", err=True)


@cli.command(
    "sql",
    epilog=examples(
        'quotedb sql "SELECT speaker, count(*) FROM statement_details GROUP BY 1 ORDER BY 2 DESC"',
        'quotedb sql "SELECT * FROM statement_details WHERE outlet = \'CGTN\'" --format csv',
        "quotedb export statements   # next: every statement as CSV",
    ),
)
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_ROW_LIMIT, show_default=True, help="At most this many rows.")
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT_S, show_default=True, help="Seconds before the query is stopped."
)
@output_format_option
@pass_app
def sql_cmd(app: AppContext, query: str, limit: int, timeout: float, fmt: str | None) -> None:
    """Run one read-only SQL query (writes are refused). Start with the statement_details view."""
    from quotedb.export import write_rows
    from quotedb.readonly import run_readonly

    result = run_readonly(app.store(), query, row_limit=limit, timeout=timeout)
    rows = (dict(zip(result.columns, r)) for r in result.rows)
    write_rows(rows, result.columns, resolve_format(fmt), sys.stdout)
    if result.truncated:
        click.echo(f"(stopped at {limit} rows; raise --limit to see more)", err=True)


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh
