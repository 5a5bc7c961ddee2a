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



@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("humen rigths ar nto a bargainig chp", Filters()),
        ("the tram wil cary 40000 riders", Filters()),
        ("tram budjet dubled", Filters(kind="indirect")),
        ("tram budjet dubled", Filters(kind="direct")),  # filtered away: nothing
        ("the tram wil cary", Filters(outlet="city wire")),
        ("the tram wil cary", Filters(outlet="metro daily")),
        ("tram", Filters(since=datetime(2024, 1, 1, tzinfo=timezone.utc))),
        ("zzqx vvwy", Filters()),
    ],
)
def test_sqlite_fuzzy_search_without_the_database_layer_gives_the_same_rows(corpus: Store, query: str,
                                                                            filters: Filters) -> None:
    """``search --fuzzy`` on SQLite reads through sqlite3 alone (a quick start): the same rows and
    scores as the database layer's search, in the same order, filters included."""
    from quotedb.details import search_statements

    if corpus.backend != "sqlite":
        pytest.skip("the SQLite fast path")
    def utc(rows: list[dict]) -> list[dict]:  # type: ignore[type-arg]  (word search's fast path reads UTC too)
        return [dict(r, published_at=r["published_at"] and r["published_at"].replace(tzinfo=timezone.utc)) for r in rows]

    fast = search_statements(corpus, query, filters=filters, fuzzy=True, limit=5)
    assert fast == utc(search(corpus, query, filters=filters, fuzzy=True, limit=5))
    assert all(r["score"] >= 60 for r in fast) and (fast or query == "zzqx vvwy" or filters.kind == "direct")
