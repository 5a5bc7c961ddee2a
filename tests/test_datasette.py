"""The SQLite file in the tools researchers already use: the real Datasette and sqlite-utils."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quotedb.cli import cli
from test_cli_claims import db as claims_db, linked  # noqa: F401  (the fixture)

datasette_app = pytest.importorskip("datasette.app")
sqlite_utils = pytest.importorskip("sqlite_utils")


@pytest.fixture
def sqlite_db(claims_db: str) -> Path:  # noqa: F811
    """The claims fixture's two articles, linked, in a SQLite file."""
    if not claims_db.startswith("sqlite"):
        pytest.skip("Datasette and sqlite-utils read SQLite files")
    linked(claims_db)
    return Path(claims_db.removeprefix("sqlite:///"))


def get(path: Path, url: str, metadata: dict[str, Any] | None = None) -> Any:
    async def fetch() -> Any:
        ds = datasette_app.Datasette([str(path)], metadata=metadata)
        response = await ds.client.get(url)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_sqlite_utils_detects_the_full_text_index(sqlite_db: Path) -> None:
    table = sqlite_utils.Database(sqlite_db)["statements"]
    assert table.detect_fts() == "statements_fts"
    assert [row["id"] for row in table.search("contractor")] == [3, 9]


@pytest.mark.parametrize(("word", "ids"), [("contractor", [3, 9]), ("taxpayers", [5, 10]), ("zeppelin", [])])
def test_datasette_search_returns_only_matching_rows(sqlite_db: Path, word: str, ids: list[int]) -> None:
    rows = get(sqlite_db, f"/{sqlite_db.stem}/statements.json?_search={word}&_shape=array")
    assert sorted(r["id"] for r in rows) == ids
    every = get(sqlite_db, f"/{sqlite_db.stem}/statements.json?_shape=array")
    assert len(every) == 11  # without _search: all of them (what a broken detection returned for any word)


def test_metadata_labels_every_foreign_key_and_runs_its_queries(sqlite_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(sqlite_db), "datasette"])
    assert result.exit_code == 0, result.output
    meta = json.loads(result.stdout)
    name = sqlite_db.stem
    rows = get(sqlite_db, f"/{name}/statements.json?_labels=on&_shape=array&id=9", meta)
    assert rows[0]["claim_id"] == {"value": 3, "label": '"The contractor has already been paid for work it never delivered, and that money must come back to the city,"'}
    assert rows[0]["speaker_id"]["label"] == "Tomas Berg"
    assert rows[0]["article_id"] == {"value": 2, "label": None}  # labelled by title, which this fixture leaves empty
    links = get(sqlite_db, f"/{name}/statement_links.json?_labels=on&_shape=array", meta)
    assert all(isinstance(r["statement_a_id"], dict) and r["statement_a_id"]["label"] for r in links)
    conflicts = get(sqlite_db, f"/{name}/conflicts.json?_shape=array", meta)
    assert [(r["claim_id"], r["speaker"]) for r in conflicts] == [(3, "Ana Ruiz"), (3, "Tomas Berg")]
    spread = get(sqlite_db, f"/{name}/claim_spread_over_time.json?claim_id=2&_shape=array", meta)
    assert [(r["outlet"], r["statements"]) for r in spread] == [("Harbour Wire", 1), ("Coastal Daily", 2)]
    per_outlet = get(sqlite_db, f"/{name}/quoted_most_per_outlet.json?_shape=array", meta)
    assert [(r["outlet"], r["speaker"], r["statements"]) for r in per_outlet] == [
        ("Coastal Daily", "Tomas Berg", 3), ("Coastal Daily", "Ana Ruiz", 2), ("Harbour Wire", "Ana Ruiz", 4), ("Harbour Wire", "Tomas Berg", 2),
    ]  # fmt: skip


def test_datasette_metadata_is_refused_for_postgresql(claims_db: str) -> None:  # noqa: F811
    if claims_db.startswith("sqlite"):
        pytest.skip("the PostgreSQL half")
    result = CliRunner().invoke(cli, ["--db", claims_db, "datasette"])
    assert (result.exit_code, result.stderr) == (1, "Error: Datasette reads SQLite files; this database is PostgreSQL\n")
