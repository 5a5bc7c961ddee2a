"""Fixtures: every store test runs on SQLite and, where a server is configured, PostgreSQL.

Set QUOTEDB_TEST_POSTGRES_URL (``.ci/run`` does) to run the PostgreSQL half; each test then gets
a schema of its own, dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from quotedb.db import resolve_url
from quotedb.store import Store

PG_ENV = "QUOTEDB_TEST_POSTGRES_URL"
REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "cgtn-2021-02-24-chinese-envoy.txt"
FIXTURES = REPO / "fixtures"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating costs more than copying)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    Store.open(str(path)).close()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "test.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema of this test's own."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/test)")
    schema = f"qdb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(resolve_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(resolve_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty-but-migrated (SQLite) or empty (PostgreSQL) database of this test's own."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()
