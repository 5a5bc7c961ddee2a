"""Commands about claims: link, claims (list, --conflicts, show, relate)."""

from __future__ import annotations

import sys
import json
from datetime import datetime
from itertools import islice
from typing import Any

import click

from quotedb.cli.app import (
    AppContext, SubGroup, category_option, cli, examples, filter_options, make_filters, output_format_option, pass_app, plural, resolve_format, terminal,
)
from quotedb.constants import RELATION_KINDS, LinkSettings

DEFAULTS = LinkSettings()
CLAIM_TABLE_COLUMNS = ("id", "statements", "outlets", "speakers", "first_seen_at", "text")
CLAIM_LIST_COLUMNS = ("id", "statements", "articles", "outlets", "speakers", "speaker_names", "first_seen_at", "last_seen_at", "first_outlet", "text")


@cli.command(
    "link",
    epilog=examples(
        "quotedb link                 # only what new articles need",
        "quotedb link --full --near 85",
        "quotedb link --category speech   # claims only of what was said or written",
        "quotedb claims --conflicts   # next: one quote, several speakers",
    ),
)
@click.option("--full", is_flag=True, help="Rebuild every claim instead of only what new statements need.")
@click.option("--near", type=click.FloatRange(0, 100, min_open=True), default=DEFAULTS.near, show_default=True,
              help="rapidfuzz ratio for near-identical statements.")  # fmt: skip
@click.option("--partial", type=click.FloatRange(0, 100, min_open=True), default=DEFAULTS.partial, show_default=True,
              help="rapidfuzz partial_ratio for a truncated or partial quote inside a longer one.")  # fmt: skip
@click.option("--min-partial-words", type=click.IntRange(min=1), default=DEFAULTS.min_partial_words, show_default=True,
              help="Words a partial quote needs before it may link to a longer one.")  # fmt: skip
@click.option("--max-postings", type=click.IntRange(min=2), default=DEFAULTS.max_postings, show_default=True,
              help="Ignore fingerprints (phrases) shared by more distinct statements than this.")  # fmt: skip
@category_option
@pass_app
def link_cmd(
    app: AppContext, full: bool, near: float, partial: float, min_partial_words: int, max_postings: int,
    categories: tuple[str, ...],
) -> None:  # fmt: skip
    """Group statements that say the same thing into claims, across articles and outlets.

    Incremental: only statements stored (or removed) since the last run are worked on, and the
    result is the same as a full rebuild. Other thresholds or categories than last time mean a
    full rebuild; with --category, statements of other categories belong to no claim.
    """
    from quotedb.link import link

    settings = LinkSettings(
        near=near, partial=partial, min_partial_words=min_partial_words, max_postings=max_postings, categories=categories
    )
    click.echo(link(app.store(schema="migrate"), settings=settings, full=full).line())
    if terminal():
        click.echo("next: quotedb claims --conflicts, or quotedb report claim-spread", err=True)


@cli.group(
    "claims",
    cls=SubGroup,
    invoke_without_command=True,
    epilog=examples(
        "quotedb claims --limit 20           # claims seen more than once",
        "quotedb claims --conflicts          # one quote, several speakers",
        "quotedb claims show 12              # next: every occurrence of claim 12",
    ),
)
@filter_options
@click.option("--conflicts", is_flag=True, help="Only claims attributed to more than one speaker, with each attribution.")
@click.option("--min-statements", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only claims with at least this many statements (export claims writes every claim, also those seen once).")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), help="At most this many claims.")
@output_format_option
@click.pass_context
def claims_group(
    ctx: click.Context,
    speaker: str | None,
    outlet: str | None,
    since: datetime | None,
    until: datetime | None,
    kind: str | None,
    categories: tuple[str, ...],
    conflicts: bool,
    min_statements: int,
    limit: int | None,
    fmt: str | None,
) -> None:
    """List claims (statements seen more than once), or the misattribution report with --conflicts."""
    if ctx.invoked_subcommand is not None:
        return
    from quotedb.claims import CONFLICT_EXPORT, claim_rows, claims_summary, conflict_rows
    from quotedb.formats import write_rows

    app = ctx.find_object(AppContext)
    assert app is not None  # the root group always sets it
    filters = make_filters(speaker, outlet, since, until, kind, categories)
    fmt = resolve_format(fmt)
    out = sys.stdout
    if not conflicts:
        columns = CLAIM_TABLE_COLUMNS if fmt == "table" else CLAIM_LIST_COLUMNS
        if not write_rows(islice(claim_rows(app.store(), filters, min_statements=min_statements), limit), columns, fmt, out):
            click.echo("no claims found (run 'quotedb link' first?)", err=True)
        return
    grouped = claims_summary(conflict_rows(app.store(), filters))
    kept = dict(islice(grouped.items(), limit))
    rows = [r for attributions in kept.values() for r in attributions]
    if fmt != "table":
        write_rows(rows, CONFLICT_EXPORT, fmt, out)
        return
    for claim_id, attributions in kept.items():
        speakers = sorted({r["speaker"] or "(unresolved)" for r in attributions})
        click.echo(f"claim {claim_id}: {attributions[0]['claim_text']}")
        click.echo(f"  attributed to {plural(len(speakers), 'speaker')}: {'; '.join(speakers)}")
        for r in attributions:
            click.echo(
                f"  {_day(r['published_at'])}  {r['speaker'] or '(unresolved)'} — {r['outlet'] or 'unknown outlet'}"
                f" (statement {r['statement_id']}, article {r['article_id']})"
            )
    if not rows:
        click.echo("no claim is attributed to more than one speaker", err=True)


@claims_group.command(
    "show",
    epilog=examples("quotedb claims show 12", "quotedb claims show 12 --json", "quotedb claims relate 12 40 --as rebuts   # next"),
)
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_app
def show_claim_cmd(app: AppContext, claim_id: int, as_json: bool) -> None:
    """Show a claim: its canonical text, counts, every occurrence and its relations."""
    from quotedb.claims import claim_detail

    d = claim_detail(app.store(), claim_id)
    if as_json:
        click.echo(json.dumps(_plain(d), ensure_ascii=False, indent=2))
        return
    if d["asked_id"] != d["id"]:
        click.echo(f"claim {d['asked_id']} is now part of claim {d['id']}")
    click.echo(f"claim {d['id']}: {d['text']}")
    click.echo(
        f"  {plural(d['statements'], 'statement')} in {plural(d['articles'], 'article')} from {plural(d['outlets'], 'outlet')}; "
        f"speakers: {'; '.join(d['speaker_names']) or '-'}"
    )
    click.echo(f"  first seen {_day(d['first_seen_at'])} ({d['first_outlet'] or 'unknown outlet'}), last seen {_day(d['last_seen_at'])}")
    echo_occurrences(d["occurrences"])
    echo_relations(d["id"], d["relations"])


def echo_occurrences(rows: list[dict[str, Any]], *, skip: int | None = None) -> None:
    """Occurrence lines, as ``claims show`` and ``show`` print them."""
    shown = [r for r in rows if r["statement_id"] != skip]
    if not shown:
        return
    click.echo("occurrences:" if skip is None else "other occurrences:")
    for r in shown:
        click.echo(
            f"  {r['statement_id']:>6}  {_day(r['published_at'])}  {r['outlet'] or 'unknown outlet'} — "
            f"{r['speaker'] or '(unresolved)'} [{r['method']}]: {r['text']}"
        )


def echo_statement_claim(detail: dict[str, Any]) -> None:
    """The claim section of ``quotedb show``: the claim, its other occurrences and relations."""
    claim = detail["claim"]
    if claim is None:  # not linked yet
        return
    click.echo(f"claim {claim['id']} ({plural(claim['statements'], 'statement')}, {plural(claim['outlets'], 'outlet')}): {claim['text']}")
    echo_occurrences(claim["occurrences"], skip=detail["statement_id"])
    echo_relations(claim["id"], claim["relations"])


def echo_relations(claim_id: int, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    click.echo("relations:")
    for r in rows:
        note = f" — {r['note']}" if r["note"] else ""
        if r["source_claim_id"] == claim_id:
            click.echo(f"  {r['relation']} claim {r['target_claim_id']}: {r['target_text']}{note}")
        else:
            click.echo(f"  claim {r['source_claim_id']} {r['relation']} this: {r['source_text']}{note}")


@claims_group.command(
    "relate",
    epilog=examples(
        "quotedb claims relate 12 40 --as rebuts --note 'the ministry denied it the next day'",
        "quotedb export relations   # next: every recorded relation",
    ),
)
@click.argument("source", type=int)
@click.argument("target", type=int)
@click.option("--as", "relation", type=click.Choice(RELATION_KINDS), required=True, help="How SOURCE relates to TARGET.")
@click.option("--note", help="Why: a sentence for the record.")
@pass_app
def relate_cmd(app: AppContext, source: int, target: int, relation: str, note: str | None) -> None:
    """Record that claim SOURCE rebuts, supports, is the same as, or cites claim TARGET."""
    from quotedb.claims import relate

    relation_id = relate(app.store(schema="migrate"), source, target, relation, note)
    click.echo(f"relation {relation_id}: claim {source} {relation} claim {target}")


def _day(value: datetime | None) -> str:
    return value.date().isoformat() if value else "undated"


def _plain(value: Any) -> Any:
    from quotedb.formats import plain

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return plain(value)
