"""Claims and conflicts that mean something: what may form a claim, and which claims are conflicts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from builders import article
from quotedb.claims import conflict_rows
from quotedb.conflicts import stock, substantive
from quotedb.link import link
from quotedb.parse import Speaker
from quotedb.store import Store, save_article

QUOTE = "The harbour tunnel will be finished on time and within the budget the council approved"
PEOPLE = {
    "Ana Ruiz": Speaker("Ana Ruiz", "person"),
    "Tomas Berg": Speaker("Tomas Berg", "person"),
    "a spokeswoman": Speaker("a spokeswoman", "person", named=False),
}


def _say(store: Store, day: int, outlet: str, speaker: str, said: str, kind: str = "direct", category: str = "speech",
         before: str = "") -> None:
    body = f'{before}{said} {speaker} said on May {day}.\n'
    save_article(store, article(body, [(said, speaker, kind, category)], speakers=(PEOPLE[speaker],), outlet=outlet,
                                url=f"https://{outlet.replace(' ', '').lower()}.example/{day}",
                                published_at=datetime(2024, 5, day, tzinfo=timezone.utc)))


def _claims(store: Store) -> list[tuple[int, int]]:
    """(statements, conflict_speakers) of every claim."""
    link(store)
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT statements, conflict_speakers FROM claims ORDER BY id"))]


@pytest.mark.parametrize(
    ("said", "kind", "category", "same_speaker", "claims"),
    [
        # a substantive statement is one claim whoever is credited
        (f'"{QUOTE}"', "direct", "speech", False, [(2, 2)]),
        # a name or a noun phrase never forms a claim
        ("Donald Trump", "indirect", "stance", True, [(1, 0), (1, 0)]),
        ("the new harbour tunnel plan of the council", "indirect", "stance", True, [(1, 0), (1, 0)]),
        # a stock phrase never does
        ("declined to comment on the report", "indirect", "speech", True, [(1, 0), (1, 0)]),
        # a very short quotation joins only the same speaker's
        ('"It is fine"', "direct", "speech", True, [(2, 0)]),
        ('"It is fine"', "direct", "speech", False, [(1, 0), (1, 0)]),
    ],
)
def test_what_forms_a_claim(store: Store, said: str, kind: str, category: str, same_speaker: bool, claims) -> None:
    _say(store, 1, "Harbour Wire", "Ana Ruiz", said, kind, category)
    _say(store, 2, "Coastal Daily", "Ana Ruiz" if same_speaker else "Tomas Berg", said, kind, category)
    assert _claims(store) == claims


def test_a_conflict_says_why_it_is_listed(store: Store) -> None:
    _say(store, 1, "Harbour Wire", "Ana Ruiz", f'"{QUOTE}"')
    _say(store, 3, "Metro Daily", "Ana Ruiz", f'"{QUOTE}"')
    _say(store, 2, "Coastal Daily", "Tomas Berg", f'"{QUOTE}"')
    assert _claims(store) == [(3, 2)]
    rows = conflict_rows(store)
    assert [r["speaker"] for r in rows] == ["Ana Ruiz", "Tomas Berg", "Ana Ruiz"]  # by date within the claim
    assert rows[0]["conflict_reason"] == (
        "Ana Ruiz: 2 statements in 2 outlets, first 2024-05-01; Tomas Berg: 1 statement in 1 outlet, first 2024-05-02"
    )


@pytest.mark.parametrize(
    ("second", "before"),
    [
        ("a spokeswoman", ""),  # a description beside a name is how an article put its source
        ("Tomas Berg", "Berg repeated what Ana Ruiz had told the council: "),  # a speaker relaying another
    ],
)
def test_not_a_conflict(store: Store, second: str, before: str) -> None:
    _say(store, 1, "Harbour Wire", "Ana Ruiz", f'"{QUOTE}"')
    _say(store, 2, "Coastal Daily", second, f'"{QUOTE}"', before=before)
    assert _claims(store) == [(2, 1)]
    assert conflict_rows(store) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("declined to comment", True),
        ("to a request for comment", True),
        ("did not immediately respond to a request for comment on monday", True),
        ("we will see what happens", True),
        ("the council declined the request and will comment on the tunnel budget next week", False),
        ("the tunnel will be finished on time", False),
    ],
)
def test_stock_phrases(phrase: str, expected: bool) -> None:
    assert stock(phrase) is expected


@pytest.mark.parametrize(
    ("claim", "expected"),
    [(f'"{QUOTE}"', True), ('"It is fine"', False), ("Donald Trump", False), ("declined to comment", False)],
)
def test_substantive(claim: str, expected: bool) -> None:
    assert substantive(claim) is expected
