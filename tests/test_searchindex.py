"""SQLite's search indexes written in bulk: trigrams, the watermark, segments and merges, migration."""

from __future__ import annotations

import sqlite3
import pytest
from sqlalchemy import text

import quotedb.trigrams
from builders import article
from indexes import assert_indexes_whole, index_state
from quotedb import db, trigrams
from quotedb.search import search
from quotedb.store import Store, analyze, index_pending, prepare, save_article, save_articles


def _grams(code: int) -> str:
    return "".join(chr(code >> shift & 0x1FFFFF) for shift in (42, 21, 0))


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["Tram!"], {("tra", 0), ("ram", 0)}),
        (["a to", "", "..."], set()),  # no word of three letters
        (["40,000 ok"], {("000", 0)}),  # digits count, the comma splits
        (["Rights rights RIGHTS"], {("rig", 0), ("igh", 0), ("ght", 0), ("hts", 0)}),  # each pair once
        (["Xü-Chen", "chen"], {("che", 0), ("hen", 0), ("che", 1), ("hen", 1)}),  # no trigram across the dash
        (["São Paulo"], {("são", 0), ("pau", 0), ("aul", 0), ("ulo", 0)}),
        (["under_score"], {("und", 0), ("nde", 0), ("der", 0), ("sco", 0), ("cor", 0), ("ore", 0)}),  # _ splits words
        (["İzmir"], {("zmi", 0), ("mir", 0)}),  # lower() makes "i̇": a combining dot ends the word
        (["ab\x00cd"], set()),  # a NUL inside a text is just a separator
        (["東京都庁"], {("東京都", 0), ("京都庁", 0)}),
    ],
)
def test_trigrams(texts: list[str], expected: set[tuple[str, int]]) -> None:
    codes, docs = trigrams.trigrams(texts)
    pairs = list(zip(codes.tolist(), docs.tolist()))
    assert pairs == sorted(set(pairs))  # sorted by trigram, then text; no duplicates
    assert {(_grams(c), d) for c, d in pairs} == expected


def test_trigrams_without_the_packed_sort_key_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many distinct letters (a CJK corpus) take the lexsort path: same answer."""
    texts = ["Human rights are not a bargaining chip", "東京都庁 said", "rights, rights", "Ørsted ØRSTED"]
    packed = [a.tolist() for a in trigrams.trigrams(texts)]
    monkeypatch.setattr(quotedb.trigrams, "PACKED_KEY_LIMIT", 0)
    assert [a.tolist() for a in trigrams.trigrams(texts)] == packed


def test_trigrams_in_chunks_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts taken a few at a time and merged: the same pairs, text positions across the chunks."""
    texts = ["Human rights are not a bargaining chip", "", "rights, rights", "東京都庁 said", "Ørsted ØRSTED", "chip rights"]
    whole = [a.tolist() for a in trigrams.trigrams(texts)]
    monkeypatch.setattr(quotedb.trigrams, "TRIGRAM_CHUNK", 2)
    assert [a.tolist() for a in trigrams.trigrams(texts)] == whole


def test_query_trigrams() -> None:
    assert [_grams(c) for c in trigrams.query_trigrams("Tram tram, RAMP")] == ["amp", "ram", "tra"]


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """These indexes are SQLite's: the ``store`` fixture opens a SQLite database only."""
    return sqlite_url


def _path(store: Store) -> str:
    return str(store.engine.url.database)


def _save(store: Store, body: str, url: str | None = None, *, index: bool = True) -> None:
    """An article whose every sentence is a statement."""
    sentences = [s for s in body.split("\n") if s]
    save_articles(store, [prepare(article(body, [(s, None, "indirect") for s in sentences], url=url))], index=index)


def test_statements_wait_above_the_watermark_until_indexed(store: Store) -> None:
    _save(store, "The ferry stops in May.\nThe bridge opens in June.\n", index=False)
    assert index_state(_path(store)) == (0, 2)
    assert search(store, "ferry") == []  # not indexed yet
    assert_indexes_whole(_path(store), complete=False)
    assert index_pending(store) == 2
    assert index_state(_path(store)) == (2, 2)
    assert [r["text"] for r in search(store, "ferry")] == ["The ferry stops in May."]
    assert [r["text"] for r in search(store, "brigde opnes", fuzzy=True)] == ["The bridge opens in June."]
    assert index_pending(store) == 0
    assert_indexes_whole(_path(store))


def test_a_replaced_page_never_reuses_ids_below_the_watermark(store: Store) -> None:
    """SQLite gives a new row the highest id + 1: after the top statements are deleted (their page
    changed), that id is below the watermark and would never be indexed. The store skips past it."""
    _save(store, "The ferry stops in May.\n", url="https://x.example/a")
    _save(store, "The tram runs all night.\nThe tram is free.\n", url="https://x.example/b")
    assert index_state(_path(store)) == (3, 3)
    _save(store, "The tram stops at midnight.\n", url="https://x.example/b")  # statements 2 and 3 deleted
    with store.read() as conn:
        assert [tuple(r) for r in conn.execute(text("SELECT id, text FROM statements ORDER BY id"))] == [
            (1, "The ferry stops in May."), (4, "The tram stops at midnight."),
        ]  # fmt: skip
    assert_indexes_whole(_path(store))
    assert [r["text"] for r in search(store, "tram")] == ["The tram stops at midnight."]


def test_deleting_statements_above_or_below_the_watermark_keeps_the_word_index_sound(store: Store) -> None:
    _save(store, "The ferry stops in May.\nThe ferry is late.\n")
    _save(store, "The ferry sinks.\n", index=False)
    with store.write() as conn:  # one indexed statement and the pending one
        conn.execute(text("DELETE FROM statements WHERE id IN (2, 3)"))
    assert_indexes_whole(_path(store), complete=False)  # includes FTS5's integrity check
    assert [r["text"] for r in search(store, "ferry")] == ["The ferry stops in May."]


def test_segments_merge_and_drop_deleted_statements(store: Store) -> None:
    for n in range(9):
        _save(store, f"Statement number {n} about the harbour.\n")
    with store.read() as conn:
        sizes = [s for (s,) in conn.execute(text("SELECT statements FROM statements_trgm_segments ORDER BY segment"))]
    assert sizes == [4, 4, 1]  # size class 0 holds 1-3 statements: four of them merged, twice
    with store.write() as conn:
        conn.execute(text("DELETE FROM articles WHERE id IN (1, 5)"))
    with pytest.raises(AssertionError):
        assert_indexes_whole(_path(store), stale=False)  # the deleted ids are still in the postings...
    with store.write() as conn:
        trigrams.merge_segments(conn, everything=True)
        assert [tuple(r) for r in conn.execute(text("SELECT statements, lo, hi FROM statements_trgm_segments"))] == [(9, 1, 9)]
    assert_indexes_whole(_path(store), stale=False)  # ...until a merge


def test_merges_read_a_bounded_number_of_postings_at_a_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotedb.trigrams, "MERGE_READ_POSTINGS", 3)
    for n in range(4):
        _save(store, f"Harbour statement {n}: the ferry, the tram and the bridge.\n")
    assert_indexes_whole(_path(store))
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM statements_trgm_segments")).scalar() == 1


def test_analyze_indexes_rows_other_tools_inserted_below_the_watermark(store: Store) -> None:
    _save(store, "The ferry stops in May.\nThe bridge opens in June.\n")
    with store.write() as conn:  # a tool deletes the top statement, then inserts one: SQLite reuses id 2
        conn.execute(text("DELETE FROM statements WHERE id = 2"))
        conn.execute(
            text(
                "INSERT INTO statements (article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) "
                "VALUES (1, 'direct', 'The tunnel floods.', 0, 5, 0, 1.0)"
            )
        )
    assert index_state(_path(store)) == (2, 2)
    assert search(store, "tunnel") == []
    assert analyze(store) == 1
    assert [r["text"] for r in search(store, "tunnel")] == ["The tunnel floods."]
    assert_indexes_whole(_path(store))


def test_save_article_indexes_at_once(store: Store) -> None:
    save_article(store, article("The ferry stops.\n", [("The ferry stops.", None, "direct")]))
    assert index_state(_path(store)) == (1, 1)


def test_migration_builds_the_postings_and_downgrade_restores_the_fts5_trigram_index(tmp_path: object) -> None:
    path = f"{tmp_path}/m.sqlite"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine, "0006")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO articles (id, text_sha256, text, ingested_at, parser_version) VALUES (1, 'x', 't', '2024', 'v')")
    con.executemany(
        "INSERT INTO statements (article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) "
        "VALUES (1, 'direct', ?, 0, 1, 0, 1.0)",
        [("The ferry stops in May.",), ("The bridge opens in June.",)],
    )
    con.commit()
    db.upgrade(engine)
    assert index_state(path) == (2, 2)
    assert_indexes_whole(path)
    store = Store(f"sqlite:///{path}", engine)
    _save(store, "The tram runs all night.\n", index=False)  # pending when downgrading
    db.downgrade(engine, "0006")
    assert con.execute("SELECT rowid FROM statements_trgm WHERE statements_trgm MATCH 'tra'").fetchall() == [(3,)]
    assert con.execute("SELECT rowid FROM statements_fts WHERE statements_fts MATCH 'tram'").fetchall() == [(3,)]
    con.execute("INSERT INTO statements_fts(statements_fts, rank) VALUES ('integrity-check', 1)")
    con.execute("INSERT INTO statements_trgm(statements_trgm, rank) VALUES ('integrity-check', 1)")
    assert con.execute("SELECT doc FROM statements_trgm_stats WHERE term = ''").fetchone() == (3,)
    con.close()
    engine.dispose()
