"""``quotedb speakers``: list speakers, and curate them (merge, alias, rename, external id)."""

from __future__ import annotations

import sys
from typing import Any

import click

from quotedb import curation
from quotedb.cli.app import AppContext, cli, output_format_option, pass_app, resolve_format
from quotedb.export import SPEAKER_EXPORT, speaker_rows, write_rows
from quotedb.search import Filters


class _ListByDefault(click.Group):
    """``quotedb speakers [QUERY]`` lists; a known subcommand name curates instead."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@cli.group("speakers", cls=_ListByDefault)
def speakers_group() -> None:
    """List speakers (optionally matching QUERY, a name or an id), or curate them.

    Curations are stored as data the resolver consults, so they survive re-ingesting.
    """


@speakers_group.command("list")
@click.argument("query", required=False)
@output_format_option
@pass_app
def list_cmd(app: AppContext, query: str | None, fmt: str | None) -> None:
    """List speakers with statement counts and aliases (optionally only those matching QUERY)."""
    fmt = resolve_format(fmt)
    columns = ("id", "name", "kind", "statements", "articles", "aliases") if fmt == "table" else SPEAKER_EXPORT
    write_rows(speaker_rows(app.store(), Filters(), query), columns, fmt, sys.stdout)


@speakers_group.command("merge")
@click.argument("keep", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@pass_app
def merge_cmd(app: AppContext, keep: int, others: tuple[int, ...]) -> None:
    """Merge speakers OTHERS into KEEP: their statements, aliases and names go to KEEP."""
    moved = curation.merge(app.store(), keep, others)
    click.echo(f"merged speakers {' '.join(map(str, dict.fromkeys(others)))} into {keep}; {moved} statements moved")


@speakers_group.group("alias")
def alias_group() -> None:
    """Add or remove a speaker's alias (a removed alias is never added back by a re-parse)."""


@alias_group.command("add")
@click.argument("speaker_id", type=int)
@click.argument("alias")
@pass_app
def alias_add_cmd(app: AppContext, speaker_id: int, alias: str) -> None:
    """Add ALIAS to speaker SPEAKER_ID; new articles naming them so resolve to this speaker."""
    curation.add_alias(app.store(), speaker_id, alias)
    click.echo(f"speaker {speaker_id}: alias {alias!r} added")


@alias_group.command("remove")
@click.argument("speaker_id", type=int)
@click.argument("alias")
@pass_app
def alias_remove_cmd(app: AppContext, speaker_id: int, alias: str) -> None:
    """Remove ALIAS from speaker SPEAKER_ID, for good."""
    curation.remove_alias(app.store(), speaker_id, alias)
    click.echo(f"speaker {speaker_id}: alias {alias!r} removed")


@speakers_group.command("rename")
@click.argument("speaker_id", type=int)
@click.argument("name")
@pass_app
def rename_cmd(app: AppContext, speaker_id: int, name: str) -> None:
    """Rename speaker SPEAKER_ID to NAME; the old name stays an alias."""
    curation.rename(app.store(), speaker_id, name)
    click.echo(f"speaker {speaker_id}: renamed to {name!r}")


@speakers_group.command("external-id")
@click.argument("speaker_id", type=int)
@click.argument("value", required=False)
@click.option("--clear", is_flag=True, help="Remove the external id.")
@pass_app
def external_id_cmd(app: AppContext, speaker_id: int, value: str | None, clear: bool) -> None:
    """Set speaker SPEAKER_ID's external id VALUE (e.g. a Wikidata QID), or --clear it."""
    if bool(value) == clear:
        raise click.UsageError("give either VALUE or --clear")
    curation.set_external_id(app.store(), speaker_id, None if clear else value)
    click.echo(f"speaker {speaker_id}: external id {'cleared' if clear else value}")


@speakers_group.command("curations")
@click.argument("speaker_id", type=int, required=False)
@output_format_option
@pass_app
def curations_cmd(app: AppContext, speaker_id: int | None, fmt: str | None) -> None:
    """List curations, oldest first (optionally only speaker SPEAKER_ID's)."""
    rows: list[dict[str, Any]] = curation.curations(app.store(), speaker_id)
    write_rows(rows, curation.CURATION_COLUMNS, resolve_format(fmt), sys.stdout)
