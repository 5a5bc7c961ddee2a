"""CLI for claims and speakers: exact output and exit codes, on both backends."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from quotedb.cli import cli
from quotedb.store import Store, save_article
from test_claims_fixture import EXPECTED, FIXTURES, _by_hand


@pytest.fixture
def db(db_url: str) -> str:
    """The fixture's two articles, stored (not linked yet)."""
    store = Store.open(db_url)
    for name in EXPECTED["articles"]:
        save_article(store, _by_hand(name, (FIXTURES / "articles" / name).read_text(encoding="utf-8")))
    store.close()
    return db_url


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args])


def linked(db: str) -> str:
    result = run(db, "link")
    assert result.exit_code == 0, result.output
    return db


def test_link_then_link_again(db: str) -> None:
    first = run(db, "link")
    assert first.exit_code == 0
    assert re.fullmatch(
        r"full link: 11 new statements, 11 re-linked; 7 claims \(3 with more than one statement\), 4 links; \d+\.\d s\n",
        first.output,
    )
    again = run(db, "link")
    assert re.fullmatch(r"incremental link: 0 new statements, 0 re-linked; 7 claims .*\n", again.output)


def test_link_by_category(db: str) -> None:
    """--category limits claims to those statements; other settings than last time rebuild in full."""
    store = Store.open(db)
    with store.write() as conn:
        conn.execute(text("UPDATE statements SET category = 'belief' WHERE id = (SELECT min(id) FROM statements)"))
    store.close()
    only = run(db, "link", "--category", "belief")
    assert re.fullmatch(
        r"full link: 1 new statement, 1 re-linked; 1 claim \(0 with more than one statement\), 0 links; \d+\.\d s\n", only.output
    )
    assert run(db, "sql", "SELECT count(*) AS n FROM statements WHERE claim_id IS NOT NULL", "--format", "csv").output == "n\n1\n"
    every = run(db, "link")
    assert re.fullmatch(r"full link: 10 new statements, 11 re-linked; 7 claims .*\n", every.output)
    again = run(db, "link", "--category", "belief")
    assert re.fullmatch(r"full link: 0 new statements, 1 re-linked; 1 claim .*\n", again.output)
    assert run(db, "sql", "SELECT count(*) AS n FROM statements WHERE claim_id IS NOT NULL", "--format", "csv").output == "n\n1\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["link", "--near", "0"], 2, "Invalid value for '--near'"),
        (["link", "--min-partial-words", "3"], 1, "Error: --min-partial-words must be at least 6"),
        (["claims", "relate", "2", "5", "--as", "hates"], 2, "Invalid value for '--as'"),
        (["claims", "relate", "2", "999", "--as", "rebuts"], 1, "Error: no claim with id 999; run 'quotedb link'"),
        (["claims", "relate", "2", "7", "--as", "rebuts"], 1, "Error: claims 2 and 7 are the same claim (2)"),
        (["claims", "show", "999"], 1, "Error: no claim with id 999"),
        (["speakers", "merge", "1", "1"], 1, "Error: speaker 1 cannot be merged into itself"),
        (["speakers", "merge", "1"], 2, "Missing argument 'OTHERS...'"),
        (["speakers", "external-id", "1"], 2, "give either VALUE or --clear"),
        (["speakers", "alias", "remove", "1", "Nobody"], 1, "Error: speaker 1 has no alias 'Nobody'"),
    ],
)
def test_errors(db: str, args: list[str], code: int, message: str) -> None:
    result = run(linked(db), *args)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_claims_list(db: str) -> None:
    result = run(linked(db), "claims", "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "id,statements,articles,outlets,speakers,speaker_names,first_seen_at,last_seen_at,first_outlet,text",
        '2,3,2,2,1,Ana Ruiz,2024-05-14T07:30:00+00:00,2024-05-15T05:10:00+00:00,Harbour Wire,'
        '"""We will not abandon a bridge that thousands of commuters are waiting for, and we will finish it on time '
        'and within the revised budget,"""',
        '3,2,2,2,2,Ana Ruiz; Tomas Berg,2024-05-14T07:30:00+00:00,2024-05-15T05:10:00+00:00,Harbour Wire,'
        '"""The contractor has already been paid for work it never delivered, and that money must come back to the city,"""',
        "5,2,2,2,1,Tomas Berg,2024-05-14T07:30:00+00:00,2024-05-15T05:10:00+00:00,Harbour Wire,"
        '"""Every month of delay costs the taxpayers another two million euros, and nobody in this administration is '
        'willing to say so,"""',
    ]


def test_claims_filters(db: str) -> None:
    result = run(linked(db), "claims", "--format", "csv", "--outlet", "coastal daily", "--speaker", "tomas berg")
    assert [line.split(",")[0] for line in result.output.splitlines()] == ["id", "3", "5"]


def test_conflict_report(db: str) -> None:
    result = run(linked(db), "claims", "--conflicts", "--format", "table")
    assert result.exit_code == 0
    assert result.output == (
        'claim 3: "The contractor has already been paid for work it never delivered, and that money must come back to the city,"\n'
        "  attributed to 2 speakers: Ana Ruiz; Tomas Berg\n"
        "  2024-05-14  Ana Ruiz — Harbour Wire (statement 3, article 1)\n"
        "  2024-05-15  Tomas Berg — Coastal Daily (statement 9, article 2)\n"
    )


def test_relate_and_show(db: str) -> None:
    linked(db)
    related = run(db, "claims", "relate", "5", "2", "--as", "rebuts", "--note", "Berg answers the mayor's promise")
    assert (related.exit_code, related.output) == (0, "relation 1: claim 5 rebuts claim 2\n")
    again = run(db, "claims", "relate", "5", "2", "--as", "rebuts")
    assert (again.exit_code, again.output) == (1, "Error: claim 5 rebuts claim 2 is already recorded\n")
    shown = run(db, "claims", "show", "2")
    assert shown.exit_code == 0
    assert shown.output == (
        'claim 2: "We will not abandon a bridge that thousands of commuters are waiting for, and we will finish it on '
        'time and within the revised budget,"\n'
        "  3 statements in 2 articles from 2 outlets; speakers: Ana Ruiz\n"
        "  first seen 2024-05-14 (Harbour Wire), last seen 2024-05-15\n"
        "occurrences:\n"
        '       2  2024-05-14  Harbour Wire — Ana Ruiz [partial]: "We will not abandon a bridge that thousands of '
        'commuters are waiting for, and we will finish it on time and within the revised budget,"\n'
        '       7  2024-05-15  Coastal Daily — Ana Ruiz [partial]: "We will finish it on time and within the revised budget,"\n'
        "       8  2024-05-15  Coastal Daily — Ana Ruiz [partial]: “We will not abandon a bridge that thousands of commuters "
        "are waiting for…”\n"
        "relations:\n"
        "  claim 5 rebuts this: \"Every month of delay costs the taxpayers another two million euros, and nobody in this "
        "administration is willing to say so,\" — Berg answers the mayor's promise\n"
    )
    statement = run(db, "show", "9")
    assert statement.exit_code == 0
    assert statement.output.endswith(
        'claim 3 (2 statements, 2 outlets): "The contractor has already been paid for work it never delivered, and that '
        'money must come back to the city,"\n'
        "other occurrences:\n"
        '       3  2024-05-14  Harbour Wire — Ana Ruiz [exact]: "The contractor has already been paid for work it never '
        'delivered, and that money must come back to the city,"\n'
    )


def test_show_before_linking_has_no_claim_section(db: str) -> None:
    assert "claim" not in run(db, "show", "9").stdout


@pytest.mark.parametrize(
    ("what", "header", "rows"),
    [
        ("claims", "id,text,statements,articles,outlets,speakers,speaker_names,first_seen_at,last_seen_at,first_outlet,first_article_id,group_id", 7),
        ("links", "statement_a_id,statement_b_id,method,score,claim_a_id,claim_b_id,text_a,text_b", 4),
        ("conflicts", "claim_id,claim_text,conflict_reason,speaker,statement_id,article_id,outlet,published_at,text", 2),
        ("relations", "id,relation,source_claim_id,target_claim_id,source_text,target_text,note,created_at,source_statement_id,target_statement_id", 1),
    ],
)
def test_exports(db: str, what: str, header: str, rows: int) -> None:
    linked(db)
    run(db, "claims", "relate", "5", "2", "--as", "rebuts")
    result = run(db, "export", what)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == header and len(lines) == rows + 1


def test_export_links_with_a_filter(db: str) -> None:
    result = run(linked(db), "export", "links", "--speaker", "Tomas Berg")
    assert [line.split(",")[:3] for line in result.output.splitlines()[1:]] == [["3", "9", "exact"], ["5", "10", "elided"]]


def test_speaker_curation_commands(db: str) -> None:
    linked(db)
    listing = run(db, "speakers", "--format", "csv")
    assert listing.output.splitlines() == [
        "id,name,kind,role,affiliation,aliases,statements,articles",
        "1,Ana Ruiz,person,Mayor,,Ruiz,6,2",
        "2,Tomas Berg,person,Councillor,,Berg,5,2",
    ]
    assert run(db, "speakers", "merge", "1", "2").output == "merged speakers 2 into 1; 5 statements moved\n"
    assert run(db, "speakers", "alias", "add", "1", "The Mayor").output == "speaker 1: alias 'The Mayor' added\n"
    assert run(db, "speakers", "alias", "remove", "1", "Berg").output == "speaker 1: alias 'Berg' removed\n"
    assert run(db, "speakers", "rename", "1", "Ana María Ruiz").output == "speaker 1: renamed to 'Ana María Ruiz'\n"
    assert run(db, "speakers", "external-id", "1", "Q4200").output == "speaker 1: external id Q4200\n"
    assert run(db, "export", "speakers", "--speaker", "ana maria ruiz").output.splitlines()[1:] == [
        "1,Ana María Ruiz,person,Mayor,,Ana Ruiz; Ruiz; The Mayor; Tomas Berg,11,2,Q4200"
    ]
    assert run(db, "speakers", "1", "--format", "csv").output.splitlines()[1:] == [
        "1,Ana María Ruiz,person,Mayor,,Ana Ruiz; Ruiz; The Mayor; Tomas Berg,11,2"
    ]
    log = csv.reader(io.StringIO(run(db, "speakers", "curations", "--format", "csv").output))
    assert [row[2:] for row in log] == [
        ["action", "speaker_id", "speaker_name", "detail"],
        ["merge", "1", "Ana Ruiz", "merged 'Tomas Berg' (id 2, 5 statements)"],
        ["alias-add", "1", "Ana Ruiz", "alias 'The Mayor'"],
        ["alias-remove", "1", "Ana Ruiz", "alias 'Berg'"],
        ["rename", "1", "Ana María Ruiz", "renamed from 'Ana Ruiz'"],
        ["external-id", "1", "Ana María Ruiz", "external id Q4200"],
    ]
    conflicts = run(db, "claims", "--conflicts", "--format", "csv")
    assert conflicts.output.splitlines()[1:] == []  # one speaker now: no misattribution left


def test_search_fuzzy_speaker(db: str) -> None:
    result = run(db, "search", "contractor paid", "--fuzzy", "--speaker", "tomas berk", "--format", "csv")
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.output.splitlines()] == ["statement_id", "9"]
    exact = run(db, "search", "contractor paid", "--speaker", "tomas berk", "--format", "csv")
    assert exact.stdout.splitlines() == ["statement_id,relevance,speaker,kind,text,outlet,published_at,article_title"]
    assert exact.stderr == "no statements found\n"
