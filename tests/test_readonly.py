"""``quotedb sql`` can only read: every write path is refused and changes nothing."""

from __future__ import annotations

import pytest

from builders import article
from quotedb.errors import QueryError, ReadOnlyViolation
from quotedb.parse import Speaker
from quotedb.readonly import run_readonly
from quotedb.store import Store, save_article


@pytest.fixture
def filled(store: Store) -> Store:
    body = '"One," Ruiz said.\n\n"Two," Ruiz said.\n\n"Three," Ruiz said.\n'
    save_article(
        store,
        article(body, [('"One,"', "Ana Ruiz", "direct"), ('"Two,"', "Ana Ruiz", "direct"), ('"Three,"', "Ana Ruiz", "direct")],
                speakers=(Speaker("Ana Ruiz", "person"),)),
    )  # fmt: skip
    return store


def snapshot(store: Store) -> list[tuple]:
    return run_readonly(store, "SELECT id, text, speaker_id FROM statements ORDER BY id").rows


WRITES = [
    "DELETE FROM statements",
    "UPDATE statements SET text = 'x'",
    "INSERT INTO outlets (name) VALUES ('x')",
    "DROP TABLE statements",
    "CREATE TABLE t (x int)",
    "ALTER TABLE statements ADD COLUMN y int",
    "WITH d AS (DELETE FROM statements RETURNING id) SELECT * FROM d",
    "CREATE TEMP TABLE t AS SELECT 1",
]
SQLITE_WRITES = [
    "ATTACH DATABASE '/tmp/quotedb-attack.db' AS x",
    "PRAGMA query_only = 0",
    "PRAGMA journal_mode = DELETE",
    "VACUUM INTO '/tmp/quotedb-attack.db'",
    "SELECT load_extension('/tmp/x.so')",
    "REINDEX",
    "ANALYZE",
]
PG_WRITES = [
    "COPY (SELECT 1) TO PROGRAM 'true'",
    "SET default_transaction_read_only = off",
    "TRUNCATE statements",
    "SELECT nextval('statements_id_seq')",
]


@pytest.mark.parametrize("query", WRITES + SQLITE_WRITES + PG_WRITES)
def test_writes_are_refused_and_change_nothing(filled: Store, query: str) -> None:
    if filled.backend == "postgresql" and query in SQLITE_WRITES or filled.backend == "sqlite" and query in PG_WRITES:
        pytest.skip("other backend's syntax")
    before = snapshot(filled)
    with pytest.raises((ReadOnlyViolation, QueryError)) as info:
        run_readonly(filled, query)
    assert "\n" not in str(info.value)
    # these are syntax or name errors on some backends: refused either way, changing nothing
    if not query.startswith(("SELECT load_extension", "SELECT nextval", "WITH d AS (DELETE")):
        assert isinstance(info.value, ReadOnlyViolation), str(info.value)
        assert "nothing was changed" in str(info.value)
    assert snapshot(filled) == before


@pytest.mark.parametrize("query", ["SELECT 1; DELETE FROM statements", "SELECT 1; SELECT 2"])
def test_one_statement_at_a_time(filled: Store, query: str) -> None:
    with pytest.raises(QueryError, match="one statement"):
        run_readonly(filled, query)
    assert len(snapshot(filled)) == 3


def test_reads_the_view_with_a_row_limit(filled: Store) -> None:
    result = run_readonly(filled, "SELECT speaker, text FROM statement_details ORDER BY statement_id", row_limit=2)
    assert result.columns == ["speaker", "text"]
    assert result.rows == [("Ana Ruiz", '"One,"'), ("Ana Ruiz", '"Two,"')]
    assert result.truncated


def test_runaway_query_is_stopped(filled: Store) -> None:
    slow = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        if filled.backend == "sqlite"
        else "SELECT pg_sleep(5)"
    )
    with pytest.raises(QueryError, match="time limit"):
        run_readonly(filled, slow, timeout=0.3)


def test_sql_errors_are_one_line(filled: Store) -> None:
    with pytest.raises(QueryError, match="^SQL error: .*no_such_table"):
        run_readonly(filled, "SELECT * FROM no_such_table")
