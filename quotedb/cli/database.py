"""``quotedb db``: the schema migrations (Alembic) of the selected database."""

from __future__ import annotations

import sys

import click

from quotedb.cli.app import AppContext, SubGroup, cli, examples, pass_app
from quotedb.constants import plural


@cli.group(
    "db",
    cls=SubGroup,
    epilog=examples("quotedb db current", "quotedb db upgrade", "quotedb --db old.sqlite db upgrade   # then use it again"),
)
def db_group() -> None:
    """Schema migrations. Commands that write (ingest, link…) upgrade the database themselves;
    commands that only read never change it and say when it needs 'quotedb db upgrade'."""


@db_group.command("upgrade", epilog=examples("quotedb db upgrade", "quotedb db upgrade 0002", "quotedb stats   # next: check it"))
@click.argument("revision", default="head")
@pass_app
def upgrade_cmd(app: AppContext, revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest); creates it in an empty database."""
    from quotedb import db

    store = app.store(schema="ignore")
    db.upgrade(store.engine, revision)
    click.echo(f"schema at revision {db.current_revision(store.engine)}")


@db_group.command(
    "downgrade",
    epilog=examples(
        "quotedb db downgrade 0002          # asks first on a terminal",
        "quotedb db downgrade base --yes    # removes every quotedb table and row",
        "quotedb db upgrade                 # next: back to the newest schema",
    ),
)
@click.argument("revision")
@click.option("--yes", "-y", is_flag=True, help="Do not ask: needed when not on a terminal.")
@pass_app
def downgrade_cmd(app: AppContext, revision: str, yes: bool) -> None:
    """Downgrade the schema to REVISION ("base" removes every table quotedb made, and its rows).

    Says what will be lost and asks first; without a terminal it needs --yes.
    """
    from quotedb import db, schema_changes

    store = app.store(schema="ignore")
    loss = schema_changes.downgrade_loss(store, revision)
    if loss is None:
        click.echo(f"nothing to do: the schema is at {db.current_revision(store.engine) or 'base'}")
        return
    if not yes:
        if not sys.stdin.isatty():
            raise click.ClickException(f"{loss}; nothing was changed: add --yes to go ahead")
        click.confirm(f"{loss}. Go ahead?", abort=True, err=True)
    db.downgrade(store.engine, revision)
    if revision == "base":
        schema_changes.forget_revision(store)
    click.echo(f"schema at revision {db.current_revision(store.engine) or 'base'}")


@db_group.command("current", epilog=examples("quotedb db current", "quotedb db upgrade   # next, if it is not the newest"))
@pass_app
def current_cmd(app: AppContext) -> None:
    """Print the schema revision of the database."""
    from quotedb import db

    store = app.store(schema="ignore")
    current = db.current_revision(store.engine)
    head = db.head_revision()
    state = "newest" if current == head else f"newest is {head}; run 'quotedb db upgrade'"
    click.echo(f"{current or 'base'} ({state})")


@db_group.command("history", epilog=examples("quotedb db history", "quotedb db current   # next: where this database is"))
def history_cmd() -> None:
    """List the migrations this quotedb knows, newest first."""
    from quotedb import db

    for rev in db.script_directory().walk_revisions():
        click.echo(f"{rev.revision}  {rev.doc.splitlines()[0] if rev.doc else ''}")


@db_group.command("analyze", epilog=examples("quotedb db analyze", "quotedb search 'budget delay' --fuzzy   # next"))
@pass_app
def analyze_cmd(app: AppContext) -> None:
    """Bring the search indexes up to date and compact them: after an interrupted ingest, or
    statements written by other tools (ingest keeps them up to date by itself)."""
    from quotedb.store import analyze

    store = app.store(schema="migrate")
    added = analyze(store)
    if store.backend == "sqlite":
        click.echo(f"search indexes up to date: {plural(added, 'statement')} added")
    else:
        click.echo("search indexes up to date: GIN pending lists flushed")
