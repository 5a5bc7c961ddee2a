"""Alembic environment for quotedb: the models are the target, the URL is quotedb's own.

``quotedb`` passes an open connection (already in a write transaction); the ``alembic`` command
line builds one from $QUOTEDB_DATABASE_URL (else ./quotedb.sqlite) with the same settings.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import quotedb.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from quotedb.db import make_engine, migration_transaction, resolve_url
from quotedb.dbobjects import include_name

config = context.config
if config.config_file_name:
    fileConfig(config.config_file_name)
target_metadata = SQLModel.metadata

#: Any 64-bit number unique to quotedb: concurrent `quotedb` processes migrate one at a time.
PG_MIGRATION_LOCK = 0x71756F7465


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )


def _migrate(connection: Connection) -> None:
    _configure(connection)
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_MIGRATION_LOCK})")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(resolve_url(config.get_main_option("sqlalchemy.url") or None))
    try:
        with migration_transaction(engine) as conn:
            _migrate(conn)
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=resolve_url(config.get_main_option("sqlalchemy.url") or None),
        target_metadata=target_metadata,
        literal_binds=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
