"""The Click group, its ``--db`` option and the one place domain errors become exit status 1."""

from __future__ import annotations

import sys
from typing import Any

import click

from quotedb import __version__
from quotedb.errors import QuotedbError


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
        self._store: Any = None

    def store(self) -> Any:
        from quotedb.store import Store

        if self._store is None:
            self._store = Store.open(self.db)
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
