"""The Click group, its ``--db`` option and the one place domain errors become exit status 1.

Command modules import only click and ``quotedb.constants`` at the top; each command imports
the library it calls inside its body, so ``quotedb --help`` never loads SQLAlchemy, Alembic,
NumPy or the parser (benchmarks/startup.py measures it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import click

from quotedb import __version__
from quotedb.constants import FORMATS, STATEMENT_CATEGORIES, STATEMENT_KINDS, plural  # noqa: F401  (plural: the command modules take it from here)
from quotedb.errors import QuotedbError

if TYPE_CHECKING:
    from quotedb.db import SchemaMode, Store
    from quotedb.details import Filters


class SubGroup(click.Group):
    """A command group whose commands accept ``--db`` after their name as well as before it
    (``quotedb search trump --db other.sqlite``)."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        _accept_db_option(cmd)
        super().add_command(cmd, name)


class QuotedbGroup(SubGroup):
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


def _set_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        app = ctx.find_object(AppContext)
        if app is not None:
            app.db, app.db_given = value, True


def _accept_db_option(cmd: click.Command) -> None:
    """``quotedb search trump --db other.sqlite`` means what it says (the option is documented
    before the command name, where it is shown in ``quotedb --help``)."""
    if not any(p.name == "db_after" for p in cmd.params):
        cmd.params.append(
            click.Option(
                ["--db", "db_after"], metavar="PATH_OR_URL", expose_value=False, callback=_set_db, hidden=True
            )
        )


class AppContext:
    """What every command gets: the database location, opened only by commands that need it."""

    def __init__(self, db: str | None, db_given: bool = False) -> None:
        self.db = db
        #: --db was on the command line (not only in $QUOTEDB_DATABASE_URL): ``demo`` uses it
        self.db_given = db_given
        self._store: Store | None = None

    def store(self, *, schema: SchemaMode = "require") -> Store:
        """The open store. Commands that only read get ``require`` (nothing is created or
        migrated; a missing, empty, foreign or older database is an error saying what to run);
        commands that write pass ``migrate``; ``quotedb db`` passes ``ignore``."""
        if self._store is None:
            from quotedb.db import Store

            self._store = Store.open(self.db, schema=schema)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


EPILOG = """\b
Examples:
  quotedb ingest articles/            # store every article in a folder
  quotedb search "human rights" --speaker "chen xu"
  quotedb --db team.sqlite stats

Start with 'quotedb demo' (its own database file), or 'quotedb COMMAND --help'."""


@click.group(cls=QuotedbGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.option(
    "--db",
    metavar="PATH_OR_URL",
    envvar="QUOTEDB_DATABASE_URL",
    show_envvar=True,
    help="SQLite file or SQLAlchemy URL (default: ./quotedb.sqlite); also accepted after the command name.",
)
@click.version_option(__version__, prog_name="quotedb")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """quotedb: find who said what in news articles, store it in SQL, search, link and export it."""
    app = AppContext(db, ctx.get_parameter_source("db") == click.core.ParameterSource.COMMANDLINE)
    ctx.obj = app
    ctx.call_on_close(app.close)


pass_app = click.make_pass_decorator(AppContext)


def examples(*lines: str) -> str:
    """A help epilog: real examples (``command  # what it does``), the last one the next step."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


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


class DateType(click.DateTime):
    """A date or date and time, shown in help as people write it."""

    name = "date"

    def __init__(self) -> None:
        super().__init__(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"])

    def get_metavar(self, param: click.Parameter, *args: Any, **kwargs: Any) -> str:
        return "YYYY-MM-DD"

    def __repr__(self) -> str:
        return "DATE"


#: ``--category`` (repeatable): what statements attribute; ``parse`` takes it too.
category_option = click.option(
    "--category", "categories", multiple=True, type=click.Choice(STATEMENT_CATEGORIES),
    help="Only statements of this category (repeat for several): speech, belief, intention, stance, evidence.",
)


def filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The filters shared by search and export."""
    for opt in reversed(
        [
            click.option("--speaker", metavar="NAME", help="Only statements by this speaker (name or alias)."),
            click.option("--outlet", metavar="NAME", help="Only articles from this outlet."),
            click.option("--since", type=DateType(), help="Only articles published on or after this date (UTC), e.g. 2024-01-31."),
            click.option("--until", type=DateType(), help="Only articles published on or before this date (UTC, the whole day)."),
            click.option("--kind", type=click.Choice(STATEMENT_KINDS), help="Only statements of this kind."),
            category_option,
        ]
    ):
        f = opt(f)
    return f


def make_filters(
    speaker: str | None, outlet: str | None, since: datetime | None, until: datetime | None, kind: str | None,
    categories: tuple[str, ...] = (),
) -> Filters:
    """Filters from CLI values; a date-only ``--until`` covers that whole day."""
    from quotedb.details import Filters

    if since is not None:
        since = since.replace(tzinfo=timezone.utc)
    if until is not None:
        until = until.replace(tzinfo=timezone.utc)
        if until.time() == datetime.min.time():
            until = until + timedelta(days=1) - timedelta(microseconds=1)
    return Filters(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind, categories=categories)


def terminal() -> bool:
    """Whether progress goes to a person (stderr is a terminal): progress bars, elapsed times and
    the next command are shown only then, never in a pipe or a log (tests may pretend)."""
    return sys.stderr.isatty()


