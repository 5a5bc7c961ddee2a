"""``quotedb speakers``: list speakers, and curate them (merge, alias, rename, external id)."""

from __future__ import annotations

import sys
from typing import Any

import click

from quotedb.cli.app import AppContext, SubGroup, cli, examples, output_format_option, pass_app, plural, resolve_format


class _ListByDefault(SubGroup):
    """``quotedb speakers [QUERY]`` lists; a known subcommand name curates instead."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@cli.group(
    "speakers",
    cls=_ListByDefault,
    options_metavar="[QUERY] [OPTIONS]",
    subcommand_metavar="[COMMAND [ARGS]...]",
    epilog=examples(
        "quotedb speakers                    # everyone, most quoted first",
        "quotedb speakers chen               # QUERY: a name, alias or id",
        "quotedb speakers merge 12 31        # 31's statements and names go to 12",
        'quotedb search tariff --speaker "chen xu"  # next: what one of them said',
    ),
)
def speakers_group() -> None:
    """List speakers (`quotedb speakers [QUERY]`: a name, an alias or an id), or curate them.

    Curations are stored as data the resolver consults, so they survive re-ingesting.
    """


@speakers_group.command("list", epilog=examples("quotedb speakers list chen", "quotedb speakers chen --format csv"))
@click.argument("query", required=False)
@output_format_option
@pass_app
def list_cmd(app: AppContext, query: str | None, fmt: str | None) -> None:
    """List speakers with statement counts and aliases (optionally only those matching QUERY)."""
    from quotedb.export import SPEAKER_EXPORT, speaker_rows, write_rows
    from quotedb.search import Filters

    fmt = resolve_format(fmt)
    columns = ("id", "name", "kind", "statements", "articles", "aliases") if fmt == "table" else SPEAKER_EXPORT
    write_rows(speaker_rows(app.store(), Filters(), query), columns, fmt, sys.stdout)


@speakers_group.command("merge", epilog=examples("quotedb speakers merge 12 31 40", "quotedb speakers curations 12   # next: the record of it"))
@click.argument("keep", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@pass_app
def merge_cmd(app: AppContext, keep: int, others: tuple[int, ...]) -> None:
    """Merge speakers OTHERS into KEEP: their statements, aliases and names go to KEEP."""
    from quotedb import curation

    moved = curation.merge(app.store(schema="migrate"), keep, others)
    click.echo(f"merged speakers {' '.join(map(str, dict.fromkeys(others)))} into {keep}; {plural(moved, 'statement')} moved")


@speakers_group.group("alias", cls=SubGroup, epilog=examples("quotedb speakers alias add 12 Xu", "quotedb speakers alias remove 12 Chen"))
def alias_group() -> None:
    """Add or remove a speaker's alias (a removed alias is never added back by a re-parse)."""


@alias_group.command("add", epilog=examples("quotedb speakers alias add 12 'Xu'", "quotedb speakers 12   # next: check it"))
@click.argument("speaker_id", type=int)
@click.argument("alias")
@pass_app
def alias_add_cmd(app: AppContext, speaker_id: int, alias: str) -> None:
    """Add ALIAS to speaker SPEAKER_ID; new articles naming them so resolve to this speaker."""
    from quotedb import curation

    curation.add_alias(app.store(schema="migrate"), speaker_id, alias)
    click.echo(f"speaker {speaker_id}: alias {alias!r} added")


@alias_group.command("remove", epilog=examples("quotedb speakers alias remove 12 'Chen'", "quotedb speakers 12   # next: check it"))
@click.argument("speaker_id", type=int)
@click.argument("alias")
@pass_app
def alias_remove_cmd(app: AppContext, speaker_id: int, alias: str) -> None:
    """Remove ALIAS from speaker SPEAKER_ID, for good."""
    from quotedb import curation

    curation.remove_alias(app.store(schema="migrate"), speaker_id, alias)
    click.echo(f"speaker {speaker_id}: alias {alias!r} removed")


@speakers_group.command("rename", epilog=examples("quotedb speakers rename 12 'Chen Xu'", "quotedb speakers 12   # next: check it"))
@click.argument("speaker_id", type=int)
@click.argument("name")
@pass_app
def rename_cmd(app: AppContext, speaker_id: int, name: str) -> None:
    """Rename speaker SPEAKER_ID to NAME; the old name stays an alias."""
    from quotedb import curation

    curation.rename(app.store(schema="migrate"), speaker_id, name)
    click.echo(f"speaker {speaker_id}: renamed to {name!r}")


@speakers_group.command("external-id", epilog=examples("quotedb speakers external-id 12 Q123456", "quotedb speakers external-id 12 --clear"))
@click.argument("speaker_id", type=int)
@click.argument("value", required=False)
@click.option("--clear", is_flag=True, help="Remove the external id.")
@pass_app
def external_id_cmd(app: AppContext, speaker_id: int, value: str | None, clear: bool) -> None:
    """Set speaker SPEAKER_ID's external id VALUE (e.g. a Wikidata QID), or --clear it."""
    if bool(value) == clear:
        raise click.UsageError("give either VALUE or --clear")
    from quotedb import curation

    curation.set_external_id(app.store(schema="migrate"), speaker_id, None if clear else value)
    click.echo(f"speaker {speaker_id}: external id {'cleared' if clear else value}")


@speakers_group.command("curations", epilog=examples("quotedb speakers curations", "quotedb speakers curations 12 --format csv"))
@click.argument("speaker_id", type=int, required=False)
@output_format_option
@pass_app
def curations_cmd(app: AppContext, speaker_id: int | None, fmt: str | None) -> None:
    """List curations, oldest first (optionally only speaker SPEAKER_ID's)."""
    from quotedb import curation
    from quotedb.formats import write_rows

    rows: list[dict[str, Any]] = curation.curations(app.store(), speaker_id)
    write_rows(rows, curation.CURATION_COLUMNS, resolve_format(fmt), sys.stdout)


@speakers_group.command(
    "suggest",
    epilog=examples(
        "quotedb speakers suggest                 # near spellings of one name, most quoted first",
        "quotedb speakers suggest --min-similarity 90 --format csv",
        "quotedb speakers merge 12 31             # next: merge a pair you have checked",
    ),
)
@click.option("--min-similarity", type=click.FloatRange(0, 100), default=85.0, show_default=True,
              help="How alike two names must be (rapidfuzz ratio, 0-100).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many pairs.")
@output_format_option
@pass_app
def suggest_cmd(app: AppContext, min_similarity: float, limit: int | None, fmt: str | None) -> None:
    """Suggest speakers that may be one person spelled two ways ("Rence Priebus"); never merges."""
    from quotedb import curation
    from quotedb.formats import write_rows

    rows = curation.merge_suggestions(app.store(), min_similarity=min_similarity, limit=limit)
    write_rows(rows, curation.SUGGESTION_COLUMNS, resolve_format(fmt), sys.stdout)
