"""Engines from a path or URL, SQLite pragmas, and Alembic migrations run on open.

SQLite gets WAL (readers never block the writer), ``foreign_keys=ON``, a busy timeout, and
explicit ``BEGIN`` statements: pysqlite's own implicit transactions would otherwise commit in
the middle of a migration. Write transactions start with ``BEGIN IMMEDIATE`` so two writers
queue on the busy timeout instead of failing with "database is locked" on lock upgrade.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, make_url
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from quotedb.errors import DatabaseError

DEFAULT_PATH = "quotedb.sqlite"
ENV_VAR = "QUOTEDB_DATABASE_URL"
BUSY_TIMEOUT_MS = 60_000

#: Execution option that makes the next transaction on a SQLite connection take the write lock.
WRITE_LOCK = "quotedb_write_lock"


def resolve_url(db: str | None) -> str:
    """``--db`` value (path or SQLAlchemy URL), else $QUOTEDB_DATABASE_URL, else ./quotedb.sqlite."""
    db = db or os.environ.get(ENV_VAR) or DEFAULT_PATH
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    try:
        url = make_url(db)
    except ArgumentError:
        raise DatabaseError(f"not a database URL or path: {db!r}") from None
    if url.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver quotedb ships with; SQLAlchemy's default would be psycopg2
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with quotedb's connection settings for the URL's backend."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    try:
        return create_engine(url, pool_pre_ping=True, **kwargs)
    except (ImportError, SQLAlchemyError) as exc:
        raise DatabaseError(f"cannot use {parsed.drivername}: {exc}; install quotedb[postgres]") from None


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    db_path = make_url(url).database
    if db_path and db_path != ":memory:" and not Path(db_path).parent.is_dir():
        raise DatabaseError(f"cannot create database {db_path}: folder {Path(db_path).parent} does not exist")
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # quotedb issues BEGIN itself (see module docstring)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_LOCK, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the write lock from its start (SQLite)."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_LOCK: True})
        with conn.begin():
            yield conn


def packaged_dir(packaged: str, checkout: str) -> Path:
    """A data folder shipped in the wheel as ``quotedb/<packaged>``, or in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / packaged, here.parent / checkout):
        if candidate.is_dir():
            return candidate
    raise DatabaseError(f"quotedb's {checkout} folder is missing from the installation; reinstall quotedb")


def migrations_dir() -> str:
    """Alembic's script folder: the top-level alembic/, shipped in the wheel as quotedb/_migrations."""
    return str(packaged_dir("_migrations", "alembic"))


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic config that uses the shipped scripts and, if given, an open connection."""
    cfg = Config()
    cfg.set_main_option("script_location", migrations_dir())
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _run(engine: Engine, fn: Any, *args: Any) -> None:
    try:
        with write_transaction(engine) as conn:
            fn(alembic_config(conn), *args)
    except DBAPIError as exc:
        raise DatabaseError(f"cannot migrate the database: {exc.orig}") from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the newest migration (cheap when it already is)."""
    try:
        current = current_revision(engine)
    except DBAPIError as exc:
        raise DatabaseError(f"cannot open the database: {exc.orig}") from None
    scripts = script_directory()
    if current == scripts.get_current_head():
        return
    if current is not None and current not in {rev.revision for rev in scripts.walk_revisions()}:
        raise DatabaseError(
            f"the database is at schema revision {current}, which this quotedb does not know: "
            "it was written by a newer quotedb; upgrade quotedb"
        )
    upgrade(engine)
