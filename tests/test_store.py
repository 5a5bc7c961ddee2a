"""Persisting parsed articles: idempotency, atomicity, speaker identity, timestamps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text

from builders import article
from quotedb.errors import DatabaseError
from quotedb.models import Article, Speaker, SpeakerAlias, Statement
from quotedb.parse import Speaker as ParsedSpeaker
from quotedb.identity import is_mergeable
from quotedb.store import Store, save_article, to_utc

RUIZ = ParsedSpeaker("Ana Ruiz", "person", role="Mayor", aliases=("Ruiz", "the mayor", "She"))
BODY = '"We will build it," Mayor Ana Ruiz said.\n\nRuiz added that the line opens in 2028.\n'
STATEMENTS = [('"We will build it,"', "Ana Ruiz", "direct"), ("the line opens in 2028", "Ana Ruiz", "indirect")]


def count(store: Store, model: type) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(model.__table__)).scalar_one()


def test_new_then_unchanged(store: Store) -> None:
    parsed = article(BODY, STATEMENTS, speakers=(RUIZ,), outlet="Metro Daily", url="https://metro.example/a1")
    first = save_article(store, parsed, source_path="a1.txt")
    assert (first.status, first.statements) == ("new", 2)
    second = save_article(store, parsed)
    assert (second.status, second.article_id, second.statements) == ("unchanged", first.article_id, 0)
    assert (count(store, Article), count(store, Statement), count(store, Speaker)) == (1, 2, 1)


def test_statement_offsets_index_the_stored_text(store: Store) -> None:
    save_article(store, article(BODY, STATEMENTS, speakers=(RUIZ,)))
    with store.read() as conn:
        stored = conn.execute(select(Article.__table__.c.text)).scalar_one()
        for t, s, e in conn.execute(select(Statement.__table__.c["text", "start_offset", "end_offset"])):
            assert stored[s:e] == t


def test_same_url_new_text_replaces_the_article(store: Store) -> None:
    url = "https://metro.example/a1"
    first = save_article(store, article(BODY, STATEMENTS, speakers=(RUIZ,), url=url))
    changed = BODY.replace("2028", "2029")
    second = save_article(
        store, article(changed, [('"We will build it,"', "Ana Ruiz", "direct")], speakers=(RUIZ,), url=url)
    )
    assert (second.status, second.article_id, second.statements) == ("updated", first.article_id, 1)
    assert (count(store, Article), count(store, Statement)) == (1, 1)


def test_article_is_stored_whole_or_not_at_all(store: Store) -> None:
    bad = article(BODY, [('"We will build it,"', "Ana Ruiz", "direct"), ("the line", None, "rumour")], speakers=(RUIZ,))
    with pytest.raises(DatabaseError, match="cannot write to the database: .*ck_statements_kind"):
        save_article(store, bad)
    assert (count(store, Article), count(store, Statement), count(store, Speaker)) == (0, 0, 0)


def test_full_names_join_across_articles_and_bare_surnames_follow_them(store: Store) -> None:
    other = ParsedSpeaker("ANA RUÍZ", "person")
    bare = ParsedSpeaker("Ruiz", "person")
    save_article(store, article(BODY, STATEMENTS, speakers=(RUIZ,)))
    save_article(store, article("Ana Ruíz said the tram is late.\n", [("the tram is late", "ANA RUÍZ", "indirect")], speakers=(other,)))
    save_article(store, article("Ruiz said it is fine.\n", [("it is fine", "Ruiz", "indirect")], speakers=(bare,)))
    save_article(store, article("Ruiz said it is done.\n", [("it is done", "Ruiz", "indirect")], speakers=(bare,)))
    with store.read() as conn:
        rows = conn.execute(
            text("SELECT sp.name, count(*) FROM statements s JOIN speakers sp ON sp.id = s.speaker_id GROUP BY sp.id, sp.name ORDER BY sp.id")
        ).all()
    assert [tuple(r) for r in rows] == [("Ana Ruiz", 5)]
    with store.read() as conn:
        methods = conn.execute(text("SELECT speaker_name, speaker_method FROM statements ORDER BY id")).all()
    assert [tuple(m) for m in methods][-2:] == [("Ruiz", "corpus-name"), ("Ruiz", "corpus-name")]


def test_aliases_keep_names_not_descriptions(store: Store) -> None:
    save_article(store, article(BODY, STATEMENTS, speakers=(RUIZ,)))
    with store.read() as conn:
        aliases = conn.execute(select(SpeakerAlias.__table__.c.alias).order_by(SpeakerAlias.__table__.c.alias)).scalars().all()
    assert aliases == ["Ruiz"]


@pytest.mark.parametrize(
    ("kind", "normalized", "expected"),
    [
        ("person", "ana ruiz", True),
        ("person", "ruiz", False),
        ("organization", "reuters", True),
        ("group", "several observers", False),
        ("unknown", "a source", False),
        ("person", "", False),
    ],
)
def test_is_mergeable(kind: str, normalized: str, expected: bool) -> None:
    assert is_mergeable(kind, normalized) is expected


def test_timestamps_are_utc_with_the_offset_kept(store: Store) -> None:
    when = datetime(2021, 2, 24, 22, 25, tzinfo=timezone(timedelta(hours=8)))
    save_article(store, article(BODY, STATEMENTS, speakers=(RUIZ,), published_at=when))
    with store.read() as conn:
        stored, offset = conn.execute(select(Article.__table__.c["published_at", "published_utc_offset"])).one()
    assert stored.replace(tzinfo=timezone.utc) == when
    assert offset == "+08:00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, (None, None)),
        (datetime(2024, 1, 1, 12), (datetime(2024, 1, 1, 12, tzinfo=timezone.utc), None)),
        (datetime(2024, 1, 1, 12, tzinfo=timezone(timedelta(hours=-5, minutes=-30))), (datetime(2024, 1, 1, 17, 30, tzinfo=timezone.utc), "-05:30")),
        (datetime(2024, 1, 1, 12, tzinfo=timezone.utc), (datetime(2024, 1, 1, 12, tzinfo=timezone.utc), "+00:00")),
    ],
)
def test_to_utc(value: datetime | None, expected: tuple[datetime | None, str | None]) -> None:
    assert to_utc(value) == expected


def test_deleting_an_article_deletes_its_statements(store: Store) -> None:
    save_article(store, article(BODY, STATEMENTS, speakers=(RUIZ,)))
    with store.write() as conn:
        conn.execute(text("DELETE FROM articles"))
    assert count(store, Statement) == 0
