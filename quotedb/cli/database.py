"""``quotedb db``: the schema migrations (Alembic) of the selected database."""

from __future__ import annotations

import click

from quotedb import db
from quotedb.cli.app import AppContext, cli, pass_app
from quotedb.search import refresh_trigram_stats


@cli.group("db")
def db_group() -> None:
    """Schema migrations. Opening a database with any other command upgrades it automatically."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def upgrade_cmd(app: AppContext, revision: str) -> None:
    """Upgrade the schema to REVISION (default: the newest)."""
    store = app.store(migrate=False)
    db.upgrade(store.engine, revision)
    click.echo(f"schema at revision {db.current_revision(store.engine)}")


@db_group.command("downgrade")
@click.argument("revision")
@pass_app
def downgrade_cmd(app: AppContext, revision: str) -> None:
    """Downgrade the schema to REVISION ("base" removes every table quotedb made)."""
    store = app.store(migrate=False)
    db.downgrade(store.engine, revision)
    click.echo(f"schema at revision {db.current_revision(store.engine) or 'base'}")


@db_group.command("current")
@pass_app
def current_cmd(app: AppContext) -> None:
    """Print the schema revision of the database."""
    store = app.store(migrate=False)
    current = db.current_revision(store.engine)
    head = db.script_directory().get_current_head()
    state = "newest" if current == head else f"newest is {head}; run 'quotedb db upgrade'"
    click.echo(f"{current or 'base'} ({state})")


@db_group.command("history")
def history_cmd() -> None:
    """List the migrations this quotedb knows, newest first."""
    for rev in db.script_directory().walk_revisions():
        click.echo(f"{rev.revision}  {rev.doc.splitlines()[0] if rev.doc else ''}")


@db_group.command("analyze")
@pass_app
def analyze_cmd(app: AppContext) -> None:
    """Recount the trigram statistics fuzzy search plans with (SQLite; ingest does it by itself
    after a tenth's growth, so this is for statements written by other tools)."""
    store = app.store()
    if refresh_trigram_stats(store, force=True):
        click.echo("trigram statistics recounted")
    else:
        click.echo("nothing to recount: PostgreSQL's pg_trgm keeps its own statistics")
