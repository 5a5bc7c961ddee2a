"""Commands that read: search, export, sql."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, TextIO

import click

from quotedb.cli.app import (
    AppContext, cli, examples, filter_options, make_filters, output_format_option, pass_app, plural, resolve_format, terminal,
)
from quotedb.constants import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_S

#: Search results: columns of statement_details, and the score named for what it is: ``relevance``
#: (word search: the full-text engine's, higher is better, comparable within one result list) or
#: ``similarity`` (fuzzy search: rapidfuzz partial_ratio, 0-100).
SEARCH_COLUMNS = ("statement_id", "{score}", "speaker", "kind", "text", "outlet", "published_at", "article_title")
SEARCH_TABLE_COLUMNS = ("statement_id", "{score}", "speaker", "kind", "outlet", "text")
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
    categories: tuple[str, ...],
    fuzzy: bool,
    limit: int,
    fmt: str | None,
) -> None:
    """Find statements by their words, best match first."""
    from dataclasses import replace

    from quotedb.details import search_statements
    from quotedb.formats import write_rows
    from quotedb.searchindex import pending_note

    store = app.store()
    filters = replace(make_filters(speaker, outlet, since, until, kind, categories), fuzzy_speaker=fuzzy)
    note = pending_note(store)
    if note:
        click.echo(note, err=True)
    rows = search_statements(store, query, filters=filters, limit=limit, fuzzy=fuzzy)
    fmt = resolve_format(fmt)
    score = "similarity" if fuzzy else "relevance"
    columns = tuple(c.format(score=score) for c in (SEARCH_TABLE_COLUMNS if fmt == "table" else SEARCH_COLUMNS))
    for row in rows:
        value = row.pop("score")
        row[score] = round(value, 1) if fuzzy else float(f"{value:.4g}")
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
    categories: tuple[str, ...],
    output: str | None,
    fmt: str,
    bom: bool,
    no_formula_guard: bool,
) -> None:
    """Export statements, speakers, articles, claims, conflicts, links or relations as CSV (RFC 4180),
    JSON or NDJSON; the filters keep rows that have (or whose claim has) a matching statement."""
    from quotedb.formats import write_rows

    rows_of, columns = export_source(what)
    rows: Any = rows_of(app.store(), make_filters(speaker, outlet, since, until, kind, categories))
    repeated = 0
    if what == "claims":  # every claim, also those seen once: say how many 'quotedb claims' lists
        def counted(rows: Any) -> Any:
            nonlocal repeated
            for row in rows:
                repeated += row["statements"] > 1
                yield row

        rows = counted(rows)
    started = time.monotonic()
    with _open_output(output) as out, _progress(rows, f"exporting {what}", live=bool(output) and terminal()) as shown:
        n = write_rows(shown, columns, fmt, out, bom=bom, safe=not no_formula_guard)
    if output:
        note = f" ({plural(repeated, 'claim')} seen more than once, as 'quotedb claims' lists them)" if what == "claims" else ""
        click.echo(f"wrote {plural(n, what.rstrip('s'), what)} to {output}{note}", err=True)
        if terminal():
            click.echo(f"done in {time.monotonic() - started:.1f} s; next: open {output} in a spreadsheet, or quotedb report quoted-most", err=True)


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
    from quotedb.formats import write_rows
    from quotedb.readonly import run_readonly

    result = run_readonly(app.store(), query, row_limit=limit, timeout=timeout)
    rows = (dict(zip(result.columns, r)) for r in result.rows)
    write_rows(rows, result.columns, resolve_format(fmt), sys.stdout)
    if result.truncated:
        click.echo(f"(stopped at {limit} rows; raise --limit to see more)", err=True)


@contextmanager
def _progress(rows: Iterable[Any], label: str, *, live: bool) -> Iterator[Iterable[Any]]:
    """``rows`` as they are written, with a progress bar (count and rate) on a terminal only."""
    if not live:
        yield rows
        return
    started = time.monotonic()
    seen = 0

    def rate(_row: object) -> str:
        nonlocal seen
        seen += 1
        return f"{seen / max(time.monotonic() - started, 1e-6):,.0f} rows/s"

    with click.progressbar(rows, label=label, file=sys.stderr, show_pos=True, item_show_func=rate) as bar:
        yield bar


@contextmanager
def _open_output(path: str | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as fh:
        yield fh


REPORT_NAMES = ("quoted-most", "quoted-by-outlet-month", "outlet-sources", "claim-spread", "conflicts")


@cli.command(
    "report",
    epilog=examples(
        "quotedb report quoted-most --format table     # who is quoted most",
        "quotedb report quoted-by-outlet-month -o quoted.csv --bom",
        "quotedb report claim-spread --format json",
        "quotedb sql \"SELECT * FROM outlet_sources WHERE outlet = 'CGTN'\"   # next: the same view in your own SQL",
    ),
)
@click.argument("name", type=click.Choice(REPORT_NAMES))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
@output_format_option
@click.option("--bom", is_flag=True, help="Start CSV with a byte-order mark so Excel reads it as UTF-8.")
@pass_app
def report_cmd(app: AppContext, name: str, output: str | None, fmt: str | None, bom: bool) -> None:
    """The reports a newsroom study starts with, as CSV (or JSON, or a table).

    \b
    quoted-most             who is quoted most (view quoted_most)
    quoted-by-outlet-month  the same per outlet and month (view quoted_by_outlet_month)
    outlet-sources          each outlet's sources by kind: person, organization, group,
                            unknown, unnamed (view outlet_sources)
    claim-spread            each claim seen more than once, outlet by outlet, first and
                            last seen, speakers (view claim_spread; after 'quotedb link')
    conflicts               claims attributed to more than one speaker, each attribution
                            with its article, outlet and date (as 'claims --conflicts')

    Each view is documented in docs/schema.md: the CSV and your own SQL agree.
    """
    from quotedb.formats import write_rows
    from quotedb.report import report

    columns, rows = report(app.store(), name)
    fmt = fmt or ("csv" if output else resolve_format(None))
    with _open_output(output) as out:
        n = write_rows(rows, columns, fmt, out, bom=bom)
    if output:
        click.echo(f"wrote {plural(n, 'row')} to {output}", err=True)


@cli.command(
    "datasette",
    epilog=examples(
        "quotedb datasette -o metadata.json        # then:",
        "datasette quotedb.sqlite --metadata metadata.json",
        "quotedb --db team.sqlite datasette > team-metadata.json",
    ),
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
@pass_app
def datasette_cmd(app: AppContext, output: str | None) -> None:
    """Print Datasette metadata for this SQLite database: table descriptions, labels for every
    foreign key (claims and statements by their text), hidden index tables, canned queries (who is
    quoted most per outlet, conflicts, a claim's spread over time). Full-text search (?_search=)
    works on statements without it."""
    import json

    from quotedb import db
    from quotedb.datasette import metadata

    store = app.store()
    with _open_output(output) as out:
        out.write(json.dumps(metadata(store), indent=2, ensure_ascii=False) + "\n")
    path = db.sqlite_path(store.url)
    click.echo(f"next: datasette {path} --metadata {output or 'METADATA.json'}", err=True)
