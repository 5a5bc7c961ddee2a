"""Migration 0002 on a database that already holds data: triggers, view, and the way back."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from builders import article
from quotedb import db
from quotedb.link import link
from quotedb.parse import Speaker
from quotedb.search import search
from quotedb.store import Store, save_article

QUOTE = '"Human rights are not a bargaining chip,"'


def _count(engine, sql: str) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_upgrade_with_data_then_downgrade(backend: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue(f"{backend}_url")
    engine = db.make_engine(url)
    if db.current_revision(engine):  # the SQLite fixture comes migrated
        db.downgrade(engine, "base")
    db.upgrade(engine, "0001")
    store = Store(url, engine)
    with engine.begin() as conn:  # a v1 database with one article, written the v1 way
        conn.execute(text("INSERT INTO outlets (name) VALUES ('Metro')"))
        conn.execute(
            text(
                "INSERT INTO articles (outlet_id, text_sha256, text, ingested_at, parser_version) "
                "VALUES (1, 'x', :t, '2024-01-01 00:00:00', 'v1')"
            ),
            {"t": QUOTE + " Ruiz said."},
        )
        conn.execute(
            text(
                "INSERT INTO statements (article_id, kind, text, start_offset, end_offset, paragraph_index, confidence) "
                "VALUES (1, 'direct', :t, 0, 41, 0, 1.0)"
            ),
            {"t": QUOTE},
        )
    db.upgrade(engine)
    assert "claim_id" in {c["name"] for c in inspect(engine).get_columns("statement_details")}
    assert [r["text"] for r in search(store, "bargaining chip")] == [QUOTE]  # v1 full-text index still fed
    assert [r["text"] for r in search(store, "bargainig chp", fuzzy=True)] == [QUOTE]  # trigram index backfilled
    save_article(store, article(f"{QUOTE} Ana Ruiz said.\n", [(QUOTE, "Ana Ruiz", "direct")],
                                speakers=(Speaker("Ana Ruiz", "person"),)))  # fmt: skip
    assert link(store).multi_claims == 1
    assert _count(engine, "SELECT count(*) FROM statement_details WHERE claim_id = 1") == 2
    db.downgrade(engine, "0001")
    assert "claims" not in inspect(engine).get_table_names()
    assert "claim_id" not in {c["name"] for c in inspect(engine).get_columns("statements")}
    matches = (
        "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH 'bargaining'"
        if backend == "sqlite"
        else "SELECT count(*) FROM statements WHERE text_search @@ to_tsquery('english', 'bargaining')"
    )
    assert _count(engine, matches) == 2  # the v1 index is fed again after the rebuild of statements
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM statements WHERE id = 2"))
    assert _count(engine, matches) == 1
    db.upgrade(engine)
    engine.dispose()
