"""``quotedb sql``: run one untrusted query that can only read, with a row and a time limit.

Read-only by construction, not by inspecting the text. SQLite: the file is opened with
``mode=ro``, ``query_only`` is on, and an authorizer refuses every action but reading (so
``ATTACH``, ``PRAGMA`` writes, ``VACUUM INTO`` and ``load_extension`` fail before they run).
PostgreSQL: the session defaults to read-only transactions, the query runs in one with a
statement timeout, and only one statement is accepted (the extended protocol refuses more).
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass
from typing import Any

from quotedb.constants import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_S
from quotedb.db import Store, sqlite_reader
from quotedb.errors import QueryError, ReadOnlyViolation


#: Introspection pragmas a researcher may use; every other pragma is refused.
READ_PRAGMAS = frozenset(
    {"table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list"}
    | {"data_version"}  # read by FTS5 itself when a query uses the full-text index
)
#: Statements PostgreSQL may run; COPY … TO PROGRAM and friends are refused outright.
PG_FIRST_WORDS = frozenset({"select", "with", "values", "table", "explain", "show"})

_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}
#: SQLite's authorizer action codes, named for the refusal message.
_ACTIONS = (
    "CREATE_INDEX CREATE_TABLE CREATE_TEMP_INDEX CREATE_TEMP_TABLE CREATE_TEMP_TRIGGER CREATE_TEMP_VIEW "
    "CREATE_TRIGGER CREATE_VIEW DELETE DROP_INDEX DROP_TABLE DROP_TEMP_INDEX DROP_TEMP_TABLE "
    "DROP_TEMP_TRIGGER DROP_TEMP_VIEW DROP_TRIGGER DROP_VIEW INSERT PRAGMA READ SELECT TRANSACTION UPDATE "
    "ATTACH DETACH ALTER_TABLE REINDEX ANALYZE CREATE_VTABLE DROP_VTABLE FUNCTION SAVEPOINT RECURSIVE"
).split()
_ACTION_NAMES = {getattr(sqlite3, f"SQLITE_{n}"): n.replace("_", " ") for n in _ACTIONS}
#: SQLite reports reading its own schema table as an UPDATE; the file is read-only anyway.
_SCHEMA_TABLES = frozenset({"sqlite_master", "sqlite_schema", "sqlite_temp_master"})


_SCHEMA_STATEMENT = re.compile(r"\s*(CREATE|DROP|ALTER)\s+(?:(?:TEMP|TEMPORARY|UNIQUE|VIRTUAL)\s+)*(\w+)", re.I)


def _schema_statement(sql: str) -> str | None:
    """``DROP TABLE`` for ``drop table claims``: what a refused schema change is called."""
    found = _SCHEMA_STATEMENT.match(sql)
    return f"{found.group(1).upper()} {found.group(2).upper()}" if found else None


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool


def run_readonly(store: Store, sql: str, *, row_limit: int = DEFAULT_ROW_LIMIT, timeout: float = DEFAULT_TIMEOUT_S) -> QueryResult:
    """Run ``sql`` read-only; refuse writes with ReadOnlyViolation, other failures with QueryError."""
    if not sql.strip():
        raise QueryError("no query given")
    if row_limit < 1 or timeout <= 0:
        raise QueryError("--limit and --timeout must be positive")
    if store.backend == "sqlite":
        return _sqlite(store, sql, row_limit, timeout)
    return _postgres(store, sql, row_limit, timeout)


def _refused(what: str) -> ReadOnlyViolation:
    return ReadOnlyViolation(
        f"quotedb sql only reads: {what} is not allowed (nothing was changed); "
        "use quotedb's commands to change data"
    )


def _sqlite(store: Store, sql: str, row_limit: int, timeout: float) -> QueryResult:
    conn = sqlite_reader(store.url, timeout=timeout)
    denied: list[str] = []

    def authorizer(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
        if action in _ALLOWED:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() != "load_extension":
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA and (arg1 or "").lower() in READ_PRAGMAS and arg2 is None:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_UPDATE and arg1 in _SCHEMA_TABLES:
            return sqlite3.SQLITE_OK
        name = _ACTION_NAMES.get(action, f"action {action}")
        if arg1 in _SCHEMA_TABLES:  # CREATE, DROP and ALTER write the schema table before SQLite names them
            name = _schema_statement(sql) or "changing the schema"
        denied.append(f"{name} {arg2}" if action == sqlite3.SQLITE_FUNCTION else name)
        return sqlite3.SQLITE_DENY

    deadline = time.monotonic() + timeout
    try:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(authorizer)
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        cur = conn.execute(sql)
        rows = cur.fetchmany(row_limit + 1)
        columns = [d[0] for d in cur.description or ()]
    except sqlite3.DatabaseError as exc:
        if denied:
            raise _refused(denied[0]) from None
        message = str(exc)
        if "interrupted" in message:
            raise QueryError(f"query stopped after the {timeout:g} s time limit; narrow it or raise --timeout") from None
        if "readonly" in message or "read-only" in message:
            raise _refused("writing") from None
        raise QueryError(f"SQL error: {message}") from None
    except sqlite3.ProgrammingError as exc:
        raise QueryError(f"SQL error: {exc} (give one statement)") from None
    except sqlite3.Warning as exc:
        raise QueryError(f"SQL error: {exc} (give one statement)") from None
    finally:
        conn.close()
    return QueryResult(columns, rows[:row_limit], len(rows) > row_limit)


def _postgres(store: Store, sql: str, row_limit: int, timeout: float) -> QueryResult:
    first = re.match(r"\s*\(*\s*([A-Za-z]+)", sql)
    if not first or first.group(1).lower() not in PG_FIRST_WORDS:
        raise _refused(f"{first.group(1).upper() if first else 'anything but SELECT'}")
    import psycopg

    raw = store.engine.raw_connection()
    try:
        conn: Any = raw.driver_connection
        conn.rollback()
        conn.autocommit = True
        conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        conn.autocommit = False  # the next statement opens a transaction, read-only by default now
        with conn.cursor() as cur:
            cur.execute("SELECT set_config('statement_timeout', %s, true)", (f"{int(timeout * 1000)}",))
            try:
                cur.execute(sql, prepare=True)
            except psycopg.errors.ReadOnlySqlTransaction:
                raise _refused("writing") from None
            except psycopg.errors.QueryCanceled:
                raise QueryError(f"query stopped after the {timeout:g} s time limit; narrow it or raise --timeout") from None
            except psycopg.Error as exc:
                detail = (exc.diag.message_primary or str(exc)).strip()
                if "multiple commands" in detail:
                    raise QueryError("give one statement at a time") from None
                raise QueryError(f"SQL error: {detail}") from None
            rows = cur.fetchmany(row_limit + 1) if cur.description else []
            columns = [d.name for d in cur.description or ()]
    finally:
        try:
            raw.driver_connection.rollback()  # type: ignore[union-attr]
        finally:
            raw.invalidate()  # the session setting must not leak into the pool
    return QueryResult(columns, [tuple(r) for r in rows[:row_limit]], len(rows) > row_limit)
