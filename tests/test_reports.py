"""Reports, the statement_details vocabulary, and the SQLite word-search fast path.

Reports are checked row by row on small corpora (two hand-built articles; the claims fixture's
two articles, linked), on both backends.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from quotedb.cli import cli
from quotedb.details import Filters, sqlite_filters
from quotedb.export import STATEMENT_EXPORT
from quotedb.search import STATEMENT_COLUMNS, statements_select
from quotedb.store import Store
from test_cli import filled  # noqa: F401  (the fixture)
from test_cli_claims import db as claims_db, linked  # noqa: F401  (the fixture)

T = "2024-03-01T09:00:00+00:00"


def report(db: str, name: str) -> list[list[str]]:
    result: Result = CliRunner().invoke(cli, ["--db", db, "report", name, "--format", "csv"])
    assert (result.exit_code, result.stderr) == (0, "")
    return list(csv.reader(io.StringIO(result.stdout)))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "quoted-most",
            [
                ["speaker_id", "speaker", "speaker_kind", "statements", "direct", "mixed", "indirect", "articles", "outlets",
                 "first_published_at", "last_published_at"],
                ["1", "Ana Ruiz", "person", "2", "1", "0", "1", "1", "1", T, T],
            ],
        ),
        (
            "quoted-by-outlet-month",
            [["outlet", "month", "speaker_id", "speaker", "statements", "articles"], ["Metro Daily", "2024-03", "1", "Ana Ruiz", "2", "1"]],
        ),
        (
            "outlet-sources",
            [
                ["outlet", "source_kind", "statements", "speakers", "articles"],
                ["City Wire", "unnamed", "1", "0", "1"],
                ["Metro Daily", "person", "2", "1", "1"],
            ],
        ),
    ],
)  # fmt: skip
def test_speaker_reports(filled: str, name: str, expected: list[list[str]]) -> None:  # noqa: F811
    assert report(filled, name) == expected


BRIDGE = '"We will not abandon a bridge that thousands of commuters are waiting for, and we will finish it on time and within the revised budget,"'
CONTRACTOR = '"The contractor has already been paid for work it never delivered, and that money must come back to the city,"'
DELAY = '"Every month of delay costs the taxpayers another two million euros, and nobody in this administration is willing to say so,"'
HW, CD = "2024-05-14T07:30:00+00:00", "2024-05-15T05:10:00+00:00"


def test_claim_spread_and_conflicts(claims_db: str) -> None:  # noqa: F811
    linked(claims_db)
    assert report(claims_db, "claim-spread") == [
        ["claim_id", "claim_text", "outlet", "statements", "articles", "first_published_at", "last_published_at", "speakers", "speaker_names"],
        ["2", BRIDGE, "Harbour Wire", "1", "1", HW, HW, "1", "Ana Ruiz"],
        ["2", BRIDGE, "Coastal Daily", "2", "1", CD, CD, "1", "Ana Ruiz"],
        ["3", CONTRACTOR, "Harbour Wire", "1", "1", HW, HW, "1", "Ana Ruiz"],
        ["3", CONTRACTOR, "Coastal Daily", "1", "1", CD, CD, "1", "Tomas Berg"],
        ["5", DELAY, "Harbour Wire", "1", "1", HW, HW, "1", "Tomas Berg"],
        ["5", DELAY, "Coastal Daily", "1", "1", CD, CD, "1", "Tomas Berg"],
    ]
    conflicts = report(claims_db, "conflicts")
    assert conflicts[0] == ["claim_id", "claim_text", "conflict_reason", "speaker", "statement_id", "article_id", "outlet",
                            "published_at", "text"]
    reason = "Ana Ruiz: 1 statement in 1 outlet, first 2024-05-14; Tomas Berg: 1 statement in 1 outlet, first 2024-05-15"
    assert [row[:8] for row in conflicts[1:]] == [
        ["3", CONTRACTOR, reason, "Ana Ruiz", "3", "1", "Harbour Wire", HW],
        ["3", CONTRACTOR, reason, "Tomas Berg", "9", "2", "Coastal Daily", CD],
    ]
    # the same rows as the misattribution report the claims command prints
    listed = CliRunner().invoke(cli, ["--db", claims_db, "claims", "--conflicts", "--format", "csv"]).stdout
    assert list(csv.reader(io.StringIO(listed))) == conflicts


def test_reports_before_linking_are_empty_not_errors(claims_db: str) -> None:  # noqa: F811
    assert report(claims_db, "claim-spread") == [
        ["claim_id", "claim_text", "outlet", "statements", "articles", "first_published_at", "last_published_at", "speakers", "speaker_names"]
    ]


def test_view_exports_and_search_share_one_vocabulary(db_url: str) -> None:
    store = Store.open(db_url)
    with store.read() as conn:
        view = list(conn.execute(text("SELECT * FROM statement_details")).keys())
    store.close()
    assert view == [c.name for c in STATEMENT_COLUMNS] == list(STATEMENT_EXPORT)
    assert {"statement_id", "start_offset", "end_offset", "paragraph_index"} <= set(view)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(speaker="ana ruiz"),
        Filters(speaker="Ruiz"),
        Filters(speaker="nobody"),
        Filters(outlet=" METRO daily "),
        Filters(outlet="City Wire", kind="indirect"),
        Filters(kind="direct"),
        Filters(since=datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)),
        Filters(since=datetime(2024, 3, 1, 9, 0, 1, tzinfo=timezone.utc)),
        Filters(until=datetime(2024, 3, 1, 8, 59, 59, tzinfo=timezone.utc)),
        Filters(until=datetime(2024, 3, 1, 23, 59, 59, 999999, tzinfo=timezone.utc), speaker="ana"),
    ],
)
def test_sqlite_fast_path_filters_mean_what_the_library_filters_mean(filled: str, filters: Filters) -> None:  # noqa: F811
    if not filled.startswith("sqlite"):
        pytest.skip("the fast path is SQLite's")
    store = Store.open(filled)
    conds, params = sqlite_filters(filters)
    with store.read() as conn:
        library = sorted(r.statement_id for r in conn.execute(statements_select(filters)))
        fast = sorted(
            r[0] for r in conn.exec_driver_sql(
                "SELECT d.statement_id FROM statement_details AS d" + (" WHERE " + " AND ".join(conds) if conds else ""), params
            )
        )  # fmt: skip
    store.close()
    assert fast == library
