"""Full-text and fuzzy search, filters, and literal handling of query syntax."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from builders import article
from quotedb.errors import QueryError
from quotedb.parse import Speaker
from quotedb.search import Filters, search
from quotedb.store import Store, save_article

RUIZ = Speaker("Ana Ruiz", "person", role="Mayor", aliases=("Ruiz",))
OKAFOR = Speaker("Chidi Okafor", "person", aliases=("Okafor",))
BODY_A = (
    '"Human rights are not a bargaining chip," Ruiz said.\n\n'
    "Okafor said the tram budget had doubled since 2022.\n\n"
    'Ruiz called the delay "a scandal (frankly) NEAR unbearable".\n'
)
BODY_B = '"The tram will carry 40,000 riders a day," Okafor said.\n'


@pytest.fixture
def corpus(store: Store) -> Store:
    save_article(
        store,
        article(
            BODY_A,
            [
                ('"Human rights are not a bargaining chip,"', "Ana Ruiz", "direct"),
                ("the tram budget had doubled since 2022", "Chidi Okafor", "indirect"),
                ('the delay "a scandal (frankly) NEAR unbearable"', "Ana Ruiz", "mixed"),
            ],
            speakers=(RUIZ, OKAFOR),
            outlet="Metro Daily",
            published_at=datetime(2024, 3, 1, tzinfo=timezone.utc),
        ),
    )
    save_article(
        store,
        article(
            BODY_B,
            [('"The tram will carry 40,000 riders a day,"', "Chidi Okafor", "direct")],
            speakers=(OKAFOR,),
            outlet="City Wire",
            published_at=datetime(2024, 6, 1, tzinfo=timezone.utc),
        ),
    )
    return store


def texts(rows: list[dict]) -> list[str]:
    return [r["text"] for r in rows]


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("human rights", Filters(), ['"Human rights are not a bargaining chip,"']),
        ("human right", Filters(), ['"Human rights are not a bargaining chip,"']),  # stemming
        ("tram", Filters(outlet="city wire"), ['"The tram will carry 40,000 riders a day,"']),
        ("tram", Filters(speaker="chidi okafor", kind="indirect"), ["the tram budget had doubled since 2022"]),
        ("tram", Filters(since=datetime(2024, 5, 1, tzinfo=timezone.utc)), ['"The tram will carry 40,000 riders a day,"']),
        ("tram", Filters(until=datetime(2024, 5, 1, tzinfo=timezone.utc)), ["the tram budget had doubled since 2022"]),
        ("rights", Filters(speaker="Okafor"), []),
        ("rights", Filters(speaker="ANA RUÍZ"), ['"Human rights are not a bargaining chip,"']),
        ("rights", Filters(speaker="Ruiz"), ['"Human rights are not a bargaining chip,"']),
        ("rights", Filters(speaker="Ana"), ['"Human rights are not a bargaining chip,"']),
        ("rights", Filters(speaker="An"), []),
    ],
)
def test_search_with_filters(corpus: Store, query: str, filters: Filters, expected: list[str]) -> None:
    assert texts(search(corpus, query, filters=filters)) == expected


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("NEAR(scandal unbearable)", True),
        ('"scandal', True),
        ("scandal*", True),
        ("-scandal", True),
        ("scandal)", True),
        ("(frankly", True),
        ("scandal:", True),
        ("^scandal", True),
        ("a'scandal", True),
        ("scandal -riders", False),  # "-" is not negation: both words are needed
        ("scandal OR riders", False),  # nor is OR a disjunction
    ],
)
def test_query_syntax_is_searched_literally(corpus: Store, query: str, found: bool) -> None:
    expected = ['the delay "a scandal (frankly) NEAR unbearable"'] if found else []
    assert texts(search(corpus, query)) == expected


def test_ranked_best_first(corpus: Store) -> None:
    rows = search(corpus, "tram")
    assert len(rows) == 2
    assert rows[0]["score"] >= rows[1]["score"]


def test_fuzzy_tolerates_a_typo_in_one_word(corpus: Store) -> None:
    rows = search(corpus, "human rigths are not a bargaining chip", fuzzy=True)
    assert texts(rows)[0] == '"Human rights are not a bargaining chip,"'
    assert rows[0]["score"] >= 80


@pytest.mark.parametrize("query", ["", "   ", "!!!", "—"])
def test_query_without_words_is_refused(corpus: Store, query: str) -> None:
    with pytest.raises(QueryError, match="at least one word"):
        search(corpus, query)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(QueryError, match="unknown kind 'quote'"):
        Filters(kind="quote")
