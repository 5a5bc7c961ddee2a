"""The store: engines from a path or URL, SQLite pragmas, the schema's state, migrations.

SQLite gets WAL (readers never block the writer), ``foreign_keys=ON``, a busy timeout, and
explicit ``BEGIN`` statements: pysqlite's own implicit transactions would otherwise commit in
the middle of a migration. Write transactions start with ``BEGIN IMMEDIATE`` so two writers
queue on the busy timeout instead of failing with "database is locked" on lock upgrade.

Start-up cost matters (every command pays it): SQLAlchemy is imported when an engine is first
needed, Alembic only to migrate, and the schema revision is checked with one query against the
migration scripts' own ``revision`` lines. Commands that only read never create or migrate a
schema (``Store.open(..., schema="require")``): on a missing, empty, foreign or older database
they say what it is and what to run.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from quotedb.errors import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

DEFAULT_PATH = "quotedb.sqlite"
ENV_VAR = "QUOTEDB_DATABASE_URL"
BUSY_TIMEOUT_MS = 60_000
BACKENDS = ("sqlite", "postgresql")

#: Execution option that makes the next transaction on a SQLite connection take the write lock.
WRITE_LOCK = "quotedb_write_lock"

#: What ``Store.open`` does with the schema: create or upgrade it (commands that write), require
#: the newest one and touch nothing (commands that read), or leave it alone (``quotedb db``).
SchemaMode = Literal["migrate", "require", "ignore"]


def resolve_url(db: str | None) -> str:
    """``--db`` value (path or SQLAlchemy URL), else $QUOTEDB_DATABASE_URL, else ./quotedb.sqlite."""
    db = db or os.environ.get(ENV_VAR) or DEFAULT_PATH
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    if db.startswith("sqlite:///"):
        return db
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(db)
    except ArgumentError:
        raise DatabaseError(f"not a database URL or path: {db!r}") from None
    backend = url.get_backend_name()
    if backend == "postgres":
        backend = "postgresql"
    if backend not in BACKENDS:
        raise DatabaseError(
            f"quotedb stores its data in SQLite (a file path) or PostgreSQL (postgresql://…), not {url.drivername}"
        )
    if backend == "postgresql" and url.drivername in ("postgresql", "postgres"):
        # psycopg 3 is the driver quotedb ships with; SQLAlchemy's default would be psycopg2
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def backend_of(url: str) -> str:
    """``"sqlite"`` or ``"postgresql"`` for a URL from ``resolve_url``."""
    return "sqlite" if url.startswith("sqlite") else "postgresql"


def sqlite_path(url: str) -> str:
    """The file of a SQLite URL (``:memory:`` for an in-memory one)."""
    path = url.split("://", 1)[1][1:].split("?", 1)[0]
    return path or ":memory:"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with quotedb's connection settings for the URL's backend."""
    from sqlalchemy import create_engine, make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r}") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    try:
        return create_engine(url, pool_pre_ping=True, **kwargs)
    except ImportError:
        raise DatabaseError(f"{parsed.drivername} needs its driver: pip install 'quotedb[postgres]'") from None
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot use {parsed.drivername}: {exc}") from None


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    from sqlalchemy import create_engine, event

    db_path = sqlite_path(url)
    if db_path != ":memory:" and not Path(db_path).parent.is_dir():
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


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """A write transaction for schema migrations. On SQLite, foreign keys are off while it runs:
    Alembic rebuilds a table (batch mode) by copying it and dropping the original, and a DROP
    TABLE with foreign keys on first deletes every row, firing ON DELETE actions in the tables
    that refer to it (statements.speaker_id set to NULL, statement links deleted). The keys are
    checked before the commit and turned back on afterwards."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:  # on the driver, outside any transaction: SQLite ignores it inside one
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            conn = conn.execution_options(**{WRITE_LOCK: True})
            with conn.begin():
                yield conn
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise DatabaseError("the migration would leave rows pointing at rows that do not exist; nothing was changed")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def sqlite_reader(url: str, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A read-only sqlite3 connection: cannot create the file or change anything in it."""
    return sqlite3.connect(f"file:{quote(sqlite_path(url))}?mode=ro", uri=True, timeout=timeout, check_same_thread=False)


#: PostgreSQL SQLSTATEs that a retry may cure: serialization failure, deadlock, lock not available.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_transient(exc: object) -> bool:
    """A lock wait that timed out or a deadlock victim: the same write may succeed later."""
    if getattr(exc, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    text = str(exc).lower()
    return type(exc).__name__ == "OperationalError" and ("database is locked" in text or "database is busy" in text)


def first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


#: Driver messages and PostgreSQL SQLSTATE classes that fail every write alike.
DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file")
CONNECTION_LOST = ("server closed the connection", "terminating connection", "connection refused", "connection is closed",
                   "could not receive data", "could not send data", "connection timed out", "the connection is lost")  # fmt: skip


def write_error(exc: object, *, connection_lost: bool = False) -> DatabaseError:
    """The one-line DatabaseError for a driver error raised while writing.

    A full disk and a lost connection are ``fatal``, and say that the batch being written was
    rolled back (nothing half-written) and how to go on.
    """
    text = str(exc).lower()
    sqlstate = str(getattr(exc, "sqlstate", None) or "")
    if any(m in text for m in DISK_FULL) or sqlstate.startswith("53"):
        return DatabaseError(
            f"the disk is full ({first_line(exc)}): the batch being written was rolled back; free some space, "
            "then run the same command again (stored articles are skipped)",
            fatal=True,
        )
    if connection_lost or sqlstate.startswith(("08", "57P")) or any(m in text for m in CONNECTION_LOST):
        return DatabaseError(
            f"lost the connection to the database ({first_line(exc)}): the batch being written was rolled back; "
            "when the server is back, run the same command again (stored articles are skipped)",
            fatal=True,
        )
    return DatabaseError(f"cannot write to the database: {first_line(exc)}", transient=is_transient(exc))


class Store:
    """An open quotedb database (SQLite file or PostgreSQL); the engine is made on first use."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        if engine is not None:
            self.__dict__["engine"] = engine

    @classmethod
    def open(cls, location: str | None = None, *, schema: SchemaMode = "migrate") -> Store:
        """Open ``location`` (path or URL; default $QUOTEDB_DATABASE_URL or ./quotedb.sqlite).

        ``schema="migrate"`` creates the schema in an empty database and upgrades an older one;
        ``"require"`` changes nothing and raises DatabaseError unless the schema is the newest.
        """
        store = cls(resolve_url(location))
        try:
            if schema == "require":
                require_schema(store)
            elif schema == "migrate":
                ensure_schema(store)
        except BaseException:
            store.close()
            raise
        return store

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.url)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return backend_of(self.url)

    @property
    def display_url(self) -> str:
        if self.backend == "sqlite":
            return self.url
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.__dict__.pop("engine").dispose()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries; database errors become one-line DatabaseErrors."""
        from sqlalchemy.exc import DBAPIError

        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise DatabaseError(f"database error: {first_line(exc.orig)}") from None

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed whole on success, rolled back on any error."""
        from sqlalchemy.exc import DBAPIError

        try:
            with write_transaction(self.engine) as conn:
                yield conn
        except DBAPIError as exc:
            raise write_error(exc.orig, connection_lost=exc.connection_invalidated) from None

    def insert(self, table: Any) -> Any:
        """The backend's INSERT construct (it has ``on_conflict_do_nothing``)."""
        from sqlalchemy.dialects import postgresql, sqlite

        return (postgresql.insert if self.backend == "postgresql" else sqlite.insert)(table)


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


_REVISION_LINE = re.compile(r"^(down_revision|revision)\b[^=\n]*=\s*(?:['\"](\w+)['\"]|None)", re.M)


@lru_cache(maxsize=1)
def revisions() -> tuple[str, ...]:
    """The migrations this quotedb ships, oldest first, read from the scripts' ``revision`` and
    ``down_revision`` lines (importing Alembic and every script to ask it costs half a second)."""
    parent: dict[str, str | None] = {}
    for script in Path(migrations_dir(), "versions").glob("*.py"):
        found = dict((key, rev) for key, rev in _REVISION_LINE.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            parent[found["revision"]] = found.get("down_revision") or None
    chain: list[str] = []
    children = {p: r for r, p in parent.items()}
    rev = children.get(None)  # type: ignore[call-overload]
    while rev is not None:
        chain.append(rev)
        rev = children.get(rev)
    if len(chain) != len(parent):
        raise DatabaseError("quotedb's migrations do not form one chain; reinstall quotedb")
    return tuple(chain)


def head_revision() -> str:
    return revisions()[-1]


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic config that uses the shipped scripts and, if given, an open connection."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", migrations_dir())
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@dataclass(frozen=True, slots=True)
class SchemaState:
    """What a database holds before quotedb touches it."""

    exists: bool  # False: a SQLite file that is not there
    revision: str | None  # quotedb's schema revision (alembic_version), None if none
    tables: tuple[str, ...]  # its tables, quotedb's or not

    def describe(self, where: str) -> str | None:
        """None for the newest quotedb schema, else what the database is and what to run."""
        if not self.exists:
            return f"there is no quotedb database at {where}: create one with 'quotedb ingest FILE…' (or 'quotedb db upgrade'), or give --db"
        if self.revision is None and not self.tables:
            return f"{where} is an empty database: fill it with 'quotedb ingest FILE…' (or create the schema with 'quotedb db upgrade')"
        if self.revision is None:
            shown = ", ".join(self.tables[:5]) + (", …" if len(self.tables) > 5 else "")
            return (
                f"{where} is not a quotedb database (it has other tables: {shown}); give --db a quotedb database, "
                "or run 'quotedb db upgrade' to add quotedb's tables to this one"
            )
        if self.revision not in revisions():
            return (
                f"{where} is at schema revision {self.revision}, which this quotedb does not know: "
                "it was written by a newer quotedb; upgrade quotedb"
            )
        if self.revision != head_revision():
            return f"{where} has an older quotedb schema (revision {self.revision}, newest {head_revision()}): run 'quotedb db upgrade'"
        return None


def schema_state(store: Store) -> SchemaState:
    """The state of the store's database, read without changing it (no file is created)."""
    if store.backend == "sqlite":
        path = sqlite_path(store.url)
        if path != ":memory:" and not Path(path).is_file():
            return SchemaState(False, None, ())
        if path == ":memory:":
            return _schema_state(store)
        try:
            conn = sqlite_reader(store.url)
            try:
                tables = tuple(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                revision = conn.execute("SELECT max(version_num) FROM alembic_version").fetchone()[0] if "alembic_version" in tables else None
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"cannot open the database: {exc} ({path})") from None
        return SchemaState(True, revision, tuple(t for t in tables if t != "alembic_version"))
    return _schema_state(store)


def _schema_state(store: Store) -> SchemaState:
    from sqlalchemy import inspect, text

    with store.read() as conn:
        tables = tuple(sorted(inspect(conn).get_table_names()))
        revision = conn.execute(text("SELECT max(version_num) FROM alembic_version")).scalar() if "alembic_version" in tables else None
    return SchemaState(True, revision, tuple(t for t in tables if t != "alembic_version"))


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision (None: no quotedb schema)."""
    return schema_state(Store(str(engine.url.render_as_string(hide_password=False)), engine)).revision


def require_schema(store: Store) -> None:
    """Raise DatabaseError, saying what to run, unless the database has the newest schema."""
    problem = schema_state(store).describe(_where(store))
    if problem:
        raise DatabaseError(problem)


def _where(store: Store) -> str:
    return sqlite_path(store.url) if store.backend == "sqlite" else store.display_url


def ensure_schema(store: Store) -> None:
    """Create the schema in an empty database or bring an older one to the newest migration.

    A database with other tables and no quotedb schema is left alone (``quotedb db upgrade``
    adds quotedb's tables to it on purpose), and so is one written by a newer quotedb.
    """
    state = schema_state(store)
    if state.revision == head_revision() and state.exists:
        return
    if state.revision is None and state.tables:
        raise DatabaseError(state.describe(_where(store)) or "")
    if state.revision is not None and state.revision not in revisions():
        raise DatabaseError(state.describe(_where(store)) or "")
    upgrade(store.engine)


def _run(engine: Engine, fn_name: str, *args: Any) -> None:
    from alembic import command
    from sqlalchemy.exc import DBAPIError

    try:
        with migration_transaction(engine) as conn:
            getattr(command, fn_name)(alembic_config(conn), *args)
    except DBAPIError as exc:
        raise DatabaseError(f"cannot migrate the database: {exc.orig}") from None


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)
