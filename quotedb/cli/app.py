"""The Click group, its ``--db`` option and the one place domain errors become exit status 1."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import click

from quotedb import __version__
from quotedb.errors import QuotedbError
from quotedb.export import FORMATS
from quotedb.models import STATEMENT_KINDS
from quotedb.search import Filters
from quotedb.store import Store


class QuotedbGroup(click.Group):
    """Turns library errors into ``click.ClickException`` so users never see a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuotedbError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            # `quotedb export … | head` closes the pipe early: that is not an error
            sys.stderr.close()
            ctx.exit(0)


class AppContext:
    """What every command gets: the database location, opened only by commands that need it."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._store: Store | None = None

    def store(self, *, migrate: bool = True) -> Store:
        """The open store; migrated to the newest schema unless ``migrate`` is False."""
        if self._store is None:
            self._store = Store.open(self.db, migrate=migrate)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


@click.group(cls=QuotedbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="QUOTEDB_DATABASE_URL",
    show_envvar=True,
    help="SQLite file or SQLAlchemy URL (default: ./quotedb.sqlite).",
)
@click.version_option(__version__, prog_name="quotedb")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """quotedb: find who said what in news articles, store it in SQL, search, link and export it."""
    app = AppContext(db)
    ctx.obj = app
    ctx.call_on_close(app.close)


pass_app = click.make_pass_decorator(AppContext)


def output_format_option(f: Any) -> Any:
    """``--format``: a table on a terminal, CSV when piped, unless asked otherwise."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format (default: table on a terminal, csv otherwise).",
    )(f)


def resolve_format(fmt: str | None) -> str:
    if fmt:
        return fmt
    return "table" if sys.stdout.isatty() else "csv"


def filter_options(f: Any) -> Any:
    """The filters shared by search and export."""
    date = click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"])
    for opt in reversed(
        [
            click.option("--speaker", metavar="NAME", help="Only statements by this speaker (name or alias)."),
            click.option("--outlet", metavar="NAME", help="Only articles from this outlet."),
            click.option("--since", type=date, help="Only articles published on or after this date (UTC)."),
            click.option("--until", type=date, help="Only articles published on or before this date (UTC)."),
            click.option("--kind", type=click.Choice(STATEMENT_KINDS), help="Only statements of this kind."),
        ]
    ):
        f = opt(f)
    return f


def make_filters(
    speaker: str | None, outlet: str | None, since: datetime | None, until: datetime | None, kind: str | None
) -> Filters:
    """Filters from CLI values; a date-only ``--until`` covers that whole day."""
    if since is not None:
        since = since.replace(tzinfo=timezone.utc)
    if until is not None:
        until = until.replace(tzinfo=timezone.utc)
        if until.time() == datetime.min.time():
            until = until + timedelta(days=1) - timedelta(microseconds=1)
    return Filters(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind)
