"""Fuzzy search: the trigram candidate stage, rapidfuzz ranking, fuzzy speaker names."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from builders import article
from quotedb.parse import Speaker
from quotedb.search import Filters, search
from quotedb.store import Store, save_article

RIGHTS = '"Human rights are not a bargaining chip,"'
TRAM = '"The tram will carry 40,000 riders a day,"'
BUDGET = "the tram budget had doubled since 2022"
OKAFOR = Speaker("Chidi Okafor", "person", aliases=("Okafor",))
CHEN = Speaker("Chen Xü", "person", aliases=("Chen",))


@pytest.fixture
def corpus(store: Store) -> Store:
    return _fill(store)


def _fill(store: Store) -> Store:
    save_article(
        store,
        article(
            f"{RIGHTS} Chen said.\n\nOkafor said {BUDGET}.\n",
            [(RIGHTS, "Chen Xü", "direct"), (BUDGET, "Chidi Okafor", "indirect")],
            speakers=(CHEN, OKAFOR),
            outlet="Metro Daily",
            published_at=datetime(2024, 3, 1, tzinfo=timezone.utc),
        ),
    )
    save_article(
        store,
        article(f"{TRAM} Okafor said.\n", [(TRAM, "Chidi Okafor", "direct")], speakers=(OKAFOR,), outlet="City Wire"),
    )
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("humen rigths ar nto a bargainig chp", RIGHTS),  # every word has a typo
        ("bargaining chip human rights", RIGHTS),  # words reordered
        ("rights bargaining chip", RIGHTS),  # words missing
        ("the tram wil cary 40000 riders", TRAM),
        ("tram budjet dubled", BUDGET),
    ],
)
def test_fuzzy_finds_despite_typos_and_order(corpus: Store, query: str, expected: str) -> None:
    rows = search(corpus, query, fuzzy=True)
    assert rows and rows[0]["text"] == expected


@pytest.mark.parametrize("query", ["zzqx vvwy", "completely unrelated sentence about weather"])
def test_fuzzy_finds_nothing_for_unrelated_queries(corpus: Store, query: str) -> None:
    assert search(corpus, query, fuzzy=True) == []


@pytest.mark.parametrize(
    ("speaker", "query", "found"),
    [
        ("chen xu", "human rights", [RIGHTS]),
        ("Chen Xü", "human rights", [RIGHTS]),
        ("Xu Chen", "human rights", [RIGHTS]),  # reordered
        ("chen xuu", "human rights", [RIGHTS]),  # typo
        ("Chidi Okafro", "tram", [BUDGET, TRAM]),
        ("Chen Xi", "human rights", []),  # another person
        ("Chidi Okoro", "tram", []),
        ("Chen Xu", "tram", []),
    ],
)
def test_fuzzy_speaker_filter(corpus: Store, speaker: str, query: str, found: list[str]) -> None:
    rows = search(corpus, query, fuzzy=True, filters=Filters(speaker=speaker, fuzzy_speaker=True))
    assert sorted(r["text"] for r in rows) == sorted(found)


def test_exact_speaker_filter_stays_exact(corpus: Store) -> None:
    assert search(corpus, "rights", filters=Filters(speaker="chen xuu")) == []

