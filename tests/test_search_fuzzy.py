"""Fuzzy search: the trigram candidate stage, rapidfuzz ranking, fuzzy speaker names, fallback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import text

from builders import article
from quotedb.dbobjects import PG_TRIGRAM_INDEX, SQLITE_TRIGRAM_STATS, SQLITE_TRIGRAM_VOCAB
from quotedb.ingest import ingest
from quotedb.parse import Speaker
from quotedb.search import (
    NO_TRIGRAM_NOTE, Filters, query_trigrams, refresh_trigram_stats, search, trigram_counts, trigram_index_note,
)
from quotedb.store import Store, save_article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"

RIGHTS = '"Human rights are not a bargaining chip,"'
TRAM = '"The tram will carry 40,000 riders a day,"'
BUDGET = "the tram budget had doubled since 2022"
OKAFOR = Speaker("Chidi Okafor", "person", aliases=("Okafor",))
CHEN = Speaker("Chen Xü", "person", aliases=("Chen",))


@pytest.fixture
def corpus(store: Store) -> Store:
    return _fill(store)


@pytest.fixture
def sqlite_corpus(sqlite_url: str) -> Iterator[Store]:
    store = Store.open(sqlite_url)
    try:
        yield _fill(store)
    finally:
        store.close()


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
    ("query", "grams"),
    [
        ("Tram!", [["tra", "ram"]]),
        ("a to", []),
        ("40,000 ok", [["000"]]),
        ("Rights rights", [["rig", "igh", "ght", "hts"], ["rig", "igh", "ght", "hts"]]),
        ("Xü-Chen", [["che", "hen"]]),
    ],
)
def test_query_trigrams(query: str, grams: list[list[str]]) -> None:
    assert query_trigrams(query) == grams


def test_trigram_index_is_there(corpus: Store) -> None:
    assert trigram_index_note(corpus) is None


def test_postgres_without_trigram_index_falls_back_to_words(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        save_article(store, article(f"{RIGHTS} Chen said.\n", [(RIGHTS, "Chen Xü", "direct")], speakers=(CHEN,)))
        with store.write() as conn:
            conn.execute(text(f"DROP INDEX {PG_TRIGRAM_INDEX}"))
        assert trigram_index_note(store) == NO_TRIGRAM_NOTE
        assert [r["text"] for r in search(store, "human rigths", fuzzy=True)] == [RIGHTS]
        assert search(store, "humen rigths", fuzzy=True) == []  # no whole word left to start from
    finally:
        store.close()


def _stats(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {t: d for t, d in conn.execute(text(f"SELECT term, doc FROM {SQLITE_TRIGRAM_STATS}"))}


def _vocab(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {t: d for t, d in conn.execute(text(f"SELECT term, doc FROM {SQLITE_TRIGRAM_VOCAB} WHERE doc > 0"))}


def test_trigram_stats_are_recounted_when_statements_grow_by_a_tenth(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    try:
        assert _stats(store) == {"": 0}  # migration 0003 counted the empty table
        summary = ingest(store, [str(FIXTURES)])
        assert summary.statements > 10
        with store.read() as conn:
            top = conn.execute(text("SELECT max(id) FROM statements")).scalar()
        assert _stats(store) == {**_vocab(store), "": top}  # ingest recounted
        assert refresh_trigram_stats(store) is False  # nothing moved since
        with store.write() as conn:  # as if the count had been taken at 91 % of today's statements
            conn.execute(text(f"UPDATE {SQLITE_TRIGRAM_STATS} SET doc = :n WHERE term = ''"), {"n": int(top / 1.1) + 1})
        assert refresh_trigram_stats(store) is False
        with store.write() as conn:
            conn.execute(text(f"UPDATE {SQLITE_TRIGRAM_STATS} SET doc = :n WHERE term = ''"), {"n": int(top / 1.1) - 1})
        assert refresh_trigram_stats(store) is True
        assert _stats(store)[""] == top
        assert refresh_trigram_stats(store, force=True) is True
    finally:
        store.close()


@pytest.mark.parametrize(
    "state",
    [
        "counted",
        "one trigram new since the count",  # counted live
        "never counted",  # every trigram counted live
        "stale count",  # what the table says is what planning uses
    ],
)
def test_trigram_counts(sqlite_corpus: Store, state: str) -> None:
    """SQLite only: PostgreSQL plans with pg_trgm's own statistics."""
    corpus = sqlite_corpus
    refresh_trigram_stats(corpus, force=True)
    grams = ["ght", "igh", "ram", "tra", "zzq"]  # "zzq" is in no statement
    live = {g: d for g, d in _vocab(corpus).items() if g in grams}
    assert live == {"ght": 1, "igh": 1, "ram": 2, "tra": 2}
    expected = dict(live)
    with corpus.write() as conn:
        if state == "one trigram new since the count":
            conn.execute(text(f"DELETE FROM {SQLITE_TRIGRAM_STATS} WHERE term = 'ram'"))
        elif state == "never counted":
            conn.execute(text(f"DELETE FROM {SQLITE_TRIGRAM_STATS}"))
        elif state == "stale count":
            conn.execute(text(f"UPDATE {SQLITE_TRIGRAM_STATS} SET doc = 7 WHERE term = 'tra'"))
            expected["tra"] = 7
    with corpus.read() as conn:
        assert trigram_counts(conn, grams) == expected
    assert search(corpus, "humen rigths", fuzzy=True)[0]["text"] == RIGHTS
