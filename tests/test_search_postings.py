"""Fuzzy search's trigram postings on both backends: what is ingested is found, what is deleted
is not; PostgreSQL's queue of pending statements and its migration (0009)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from builders import article
from newsgen import write_jsonl
from quotedb import db
from quotedb.ingest import ingest
from quotedb.search import search
from quotedb.searchindex import PENDING_NOTE, pending_note
from quotedb.store import Store, analyze, index_pending, prepare, save_article, save_articles

FERRY = "The harbour ferry will stop running in May"
BRIDGE = "The new bridge opens to cyclists in June"


def _save(store: Store, sentence: str, *, index: bool = True) -> None:
    body = f"{sentence}.\n"
    save_articles(store, [prepare(article(body, [(sentence + ".", None, "indirect")]))], index=index)


def _typo(sentence: str) -> str:
    """``sentence`` with two letters of its longest word swapped."""
    words = sentence.split()
    i = max(range(len(words)), key=lambda n: len(words[n]))
    w = words[i]
    words[i] = w[0] + w[2] + w[1] + w[3:]
    return " ".join(words)


def _found(store: Store, query: str) -> list[str]:
    return [r["text"] for r in search(store, query, fuzzy=True)]


def test_a_query_with_a_typo_finds_its_statement(store: Store) -> None:
    _save(store, FERRY)
    _save(store, BRIDGE)
    assert _found(store, "harbuor fery stop runing") == [FERRY + "."]


def test_statements_ingested_by_a_second_run_are_found(store: Store, tmp_path: Path) -> None:
    ingest(store, [str(write_jsonl(tmp_path / "first.jsonl", seed=3, start=0, stop=10))])
    with store.read() as conn:
        first = conn.execute(text("SELECT max(id) FROM statements")).scalar_one()
    ingest(store, [str(write_jsonl(tmp_path / "second.jsonl", seed=3, start=10, stop=20))])
    with store.read() as conn:
        added = conn.execute(text("SELECT id, text FROM statements WHERE id > :f ORDER BY id"), {"f": first}).all()
    assert len(added) > 5
    assert pending_note(store) is None
    for sid, sentence in added:
        if len(sentence.split()) >= 5:
            assert sid in [r["statement_id"] for r in search(store, _typo(sentence), fuzzy=True, limit=20)]


def test_a_deleted_statement_is_not_returned(store: Store) -> None:
    _save(store, FERRY)
    _save(store, FERRY.replace("May", "March"))
    with store.write() as conn:  # its ids stay in the postings until segments merge
        conn.execute(text("DELETE FROM articles WHERE id = 1"))
    assert _found(store, FERRY) == [FERRY.replace("May", "March") + "."]
    analyze(store)  # merges every segment, without the deleted ids
    assert _found(store, FERRY) == [FERRY.replace("May", "March") + "."]


def test_pending_statements_are_found_once_indexed(store: Store) -> None:
    _save(store, FERRY, index=False)
    assert _found(store, FERRY) == []
    assert pending_note(store) == PENDING_NOTE.format(n=1, s="")
    assert index_pending(store) == 1
    assert (_found(store, FERRY), pending_note(store)) == ([FERRY + "."], None)


def test_postgres_queues_statements_other_tools_insert(postgres_url: str) -> None:
    """The trigger queues rows whoever inserts them; queued ids of deleted rows are dropped."""
    store = Store.open(postgres_url)
    try:
        save_article(store, article(f"{FERRY}.\n", [(FERRY + ".", None, "direct")]))
        with store.write() as conn:
            for sentence in (BRIDGE, "The tunnel floods."):
                conn.execute(
                    text(
                        "INSERT INTO statements (article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) "
                        "VALUES (1, 'direct', :t, 0, 5, 0, 1.0)"
                    ),
                    {"t": sentence},
                )
            conn.execute(text("DELETE FROM statements WHERE text = 'The tunnel floods.'"))
        assert pending_note(store) == PENDING_NOTE.format(n=1, s="")
        assert analyze(store) == 1
        assert _found(store, "new brigde opens cyclists") == [BRIDGE]
        with store.read() as conn:
            assert conn.execute(text("SELECT count(*) FROM statements_trgm_pending")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM statements_trgm_segments")).scalar_one() == 1
    finally:
        store.close()


def test_postgres_migration_builds_the_postings_and_downgrade_restores_the_gin_index(postgres_url: str) -> None:
    engine = db.make_engine(postgres_url)
    try:
        db.upgrade(engine, "0008")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO articles (id, text_sha256, text, ingested_at, parser_version) VALUES (1, 'x', 't', '2024-01-01', 'v')"))
            conn.execute(
                text(
                    "INSERT INTO statements (article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) "
                    "VALUES (1, 'direct', :a, 0, 1, 0, 1.0), (1, 'direct', :b, 0, 1, 0, 1.0)"
                ),
                {"a": FERRY, "b": BRIDGE},
            )
        db.upgrade(engine)
        store = Store(postgres_url, engine)
        assert _found(store, "harbuor fery") == [FERRY]
        with engine.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('ix_statements_text_trgm')")).scalar() is None
        db.downgrade(engine, "0008")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT to_regclass('ix_statements_text_trgm')")).scalar() is not None
            assert conn.execute(text("SELECT to_regclass('statements_trgm_postings')")).scalar() is None
    finally:
        engine.dispose()

