"""Fixtures: every store test runs on SQLite and, where a server is configured, PostgreSQL.

Set QUOTEDB_TEST_POSTGRES_URL (``.ci/run`` does) to run the PostgreSQL half; each test then gets
a schema of its own, dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from quotedb.db import resolve_url
from quotedb.store import Store

PG_ENV = "QUOTEDB_TEST_POSTGRES_URL"
REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seed" / "cgtn-2021-02-24-chinese-envoy.txt"
FIXTURES = REPO / "fixtures"
sys.path.insert(0, str(REPO / "benchmarks"))  # newsgen: the synthetic articles benchmarks and tests share


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


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
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


def _postgres_base() -> str:
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql://postgres@127.0.0.1/test)")
    return base


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema of this test's own."""
    with postgres_schema(_postgres_base()) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The URL of an empty-but-migrated (SQLite) or empty (PostgreSQL) database of this test's own."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def another_db(db_url: str, tmp_path: Path, sqlite_template: Path) -> Iterator[Callable[[], str]]:
    """Makes more empty databases on the backend of ``db_url``, for tests that compare two."""
    with ExitStack() as stack:

        def make() -> str:
            if db_url.startswith("sqlite"):
                path = tmp_path / f"{uuid.uuid4().hex[:8]}.sqlite"
                shutil.copy(sqlite_template, path)
                return f"sqlite:///{path}"
            return stack.enter_context(postgres_schema(_postgres_base()))

        yield make


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    try:
        yield s
    finally:
        s.close()
