"""The command line through CliRunner: exact output and exit codes, on both backends."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from builders import article
from quotedb.cli import cli
from quotedb.parse import Speaker
from quotedb.store import Store, prepare, save_article, save_articles

ARTICLE = (
    "Council approves tram extension\n\n"
    '"We will build the line by 2028," Mayor Ana Ruiz said on Tuesday.\n\n'
    '"It is the biggest investment in a generation," she added.\n'
)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def filled(db_url: str) -> str:
    """A database with two hand-built articles (independent of the parser)."""
    store = Store.open(db_url)
    ruiz = Speaker("Ana Ruiz", "person", role="Mayor", aliases=("Ruiz",))
    save_article(
        store,
        article(
            '"Human rights are not negotiable," Ruiz said.\n\nRuiz said the tram budget had doubled.\n',
            [('"Human rights are not negotiable,"', "Ana Ruiz", "direct"), ("the tram budget had doubled", "Ana Ruiz", "indirect")],
            speakers=(ruiz,),
            title="Tram budget doubles",
            outlet="Metro Daily",
            url="https://metro.example/tram",
            published_at=datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc),
        ),
    )
    save_article(
        store,
        article(
            "Okafor said human rights groups were consulted.\n",
            [("human rights groups were consulted", None, "indirect")],
            title="Consultation",
            outlet="City Wire",
        ),
    )
    store.close()
    return db_url


def test_search_csv_exact(filled: str) -> None:
    result = run("--db", filled, "search", "human rights", "--speaker", "ana ruiz", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "statement_id,relevance,speaker,kind,text,outlet,published_at,article_title",
        result.stdout.splitlines()[1],
    ]
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert float(row["relevance"]) > 0  # -bm25: higher is better, never rounded to 0.0
    assert (row["statement_id"], row["speaker"], row["kind"], row["text"], row["outlet"]) == (
        "1", "Ana Ruiz", "direct", '"Human rights are not negotiable,"', "Metro Daily",
    )  # fmt: skip
    assert row["published_at"] == "2024-03-01T09:00:00+00:00"


def test_search_ndjson_and_nothing_found(filled: str) -> None:
    result = run("--db", filled, "search", "rights", "--format", "ndjson")
    assert [json.loads(line)["statement_id"] for line in result.stdout.splitlines()] == [1, 3] or [
        json.loads(line)["statement_id"] for line in result.stdout.splitlines()
    ] == [3, 1]
    empty = run("--db", filled, "search", "zeppelin", "--format", "csv")
    assert (empty.exit_code, empty.stdout_bytes, empty.stderr) == (
        0, b"statement_id,relevance,speaker,kind,text,outlet,published_at,article_title\r\n", "no statements found\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["search"], 2, "Missing argument 'QUERY'"),
        (["search", "x", "--kind", "rumour"], 2, "'rumour' is not one of 'direct', 'mixed', 'indirect'"),
        (["search", "x", "--limit", "0"], 2, "0 is not in the range x>=1"),
        (["search", "x", "--since", "yesterday"], 2, "'yesterday' does not match the formats"),
        (["search", "!!!"], 1, "Error: the search needs at least one word (letters or digits)"),
        (["show", "999"], 1, "Error: no statement with id 999; find ids with 'quotedb search'"),
        (["show", "abc"], 2, "'abc' is not a valid integer"),
        (["export", "quotes"], 2, "'quotes' is not one of 'statements', 'speakers', 'articles'"),
        (["sql", "DELETE FROM statements"], 1, "Error: quotedb sql only reads: DELETE is not allowed (nothing was changed)"),
        (["sql", "SELECT * FROM nowhere"], 1, "Error: SQL error:"),
        (["nosuchcommand"], 2, "No such command 'nosuchcommand'"),
    ],
)
def test_errors(filled: str, args: list[str], code: int, message: str) -> None:
    result = run("--db", filled, *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_sql_delete_deletes_nothing(filled: str) -> None:
    assert run("--db", filled, "sql", "DELETE FROM statements").exit_code == 1
    result = run("--db", filled, "sql", "SELECT count(*) AS n FROM statements", "--format", "csv")
    assert result.stdout == "n\n3\n"


def test_sql_reads_the_view(filled: str) -> None:
    result = run(
        "--db", filled, "sql", "SELECT statement_id, speaker, outlet FROM statement_details ORDER BY statement_id", "--format", "json"
    )  # fmt: skip
    assert json.loads(result.stdout) == [
        {"statement_id": 1, "speaker": "Ana Ruiz", "outlet": "Metro Daily"},
        {"statement_id": 2, "speaker": "Ana Ruiz", "outlet": "Metro Daily"},
        {"statement_id": 3, "speaker": None, "outlet": "City Wire"},
    ]


def test_sql_row_limit_is_reported(filled: str) -> None:
    result = run("--db", filled, "sql", "SELECT id FROM statements ORDER BY id", "--limit", "2", "--format", "csv")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "id\n1\n2\n", "(stopped at 2 rows; raise --limit to see more)\n")


def test_show(filled: str) -> None:
    result = run("--db", filled, "show", "2")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "statement 2 [indirect], cue: -, confidence 0.90",
        "  the tram budget had doubled",
        "speaker: Ana Ruiz (person, Mayor), id 1",
        "  also: Ruiz",
        "article 1: Tram budget doubles — Metro Daily, 2024-03-01",
        "  https://metro.example/tram",
        "paragraph 1:",
        "  Ruiz said the tram budget had doubled.",
    ]


def test_speakers_csv(filled: str) -> None:
    result = run("--db", filled, "speakers", "--format", "csv")
    assert result.stdout.splitlines() == [
        "id,name,kind,role,affiliation,aliases,statements,articles",
        "1,Ana Ruiz,person,Mayor,,Ruiz,2,1",
    ]


def test_export_statements_to_file_with_bom(filled: str, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    result = run("--db", filled, "export", "statements", "--outlet", "metro daily", "-o", str(out), "--bom")
    assert (result.exit_code, result.stderr) == (0, f"wrote 2 statements to {out}\n")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstatement_id,article_id,speaker_id,speaker,speaker_kind,speaker_name,speaker_method,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [(r["text"], r["start_offset"], r["end_offset"], r["paragraph_index"]) for r in rows] == [
        ('"Human rights are not negotiable,"', "0", "34", "0"),
        ("the tram budget had doubled", "57", "84", "1"),
    ]


@pytest.mark.parametrize(("what", "count"), [("statements", 3), ("speakers", 1), ("articles", 2)])
def test_export_ndjson_counts(filled: str, what: str, count: int) -> None:
    result = run("--db", filled, "export", what, "--format", "ndjson")
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == count


def test_stats(filled: str) -> None:
    data = json.loads(run("--db", filled, "stats", "--json").stdout)
    assert {k: data[k] for k in ("articles", "outlets", "speakers", "statements", "statements_direct", "statements_indirect", "statements_unresolved_speaker")} == {
        "articles": 2, "outlets": 2, "speakers": 1, "statements": 3, "statements_direct": 1, "statements_indirect": 2,
        "statements_unresolved_speaker": 1,
    }  # fmt: skip
    assert data["first_published"] == data["last_published"] == "2024-03-01T09:00:00+00:00"


def test_db_commands(db_url: str) -> None:
    from quotedb.db import script_directory

    head = script_directory().get_current_head()
    assert run("--db", db_url, "db", "upgrade").stdout == f"schema at revision {head}\n"
    assert run("--db", db_url, "db", "current").stdout == f"{head} (newest)\n"
    assert run("--db", db_url, "db", "downgrade", "base", "--yes").stdout == "schema at revision base\n"
    assert run("--db", db_url, "db", "current").stdout == f"base (newest is {head}; run 'quotedb db upgrade')\n"
    history = run("db", "history").stdout.splitlines()
    assert history[-1].startswith("0001  schema v1")


def test_db_analyze_indexes_what_an_interrupted_ingest_left(filled: str) -> None:
    """Statements stored but not indexed yet (a killed ingest): search says so, analyze indexes them."""
    store = Store.open(filled)
    body = "Okafor said the harbour ferry would stop in May.\n"
    save_articles(store, [prepare(article(body, [("the harbour ferry would stop in May", None, "indirect")]))], index=False)
    store.close()
    search = ("--db", filled, "search", "ferry", "--format", "csv")
    if filled.startswith("sqlite"):
        before = run(*search)
        assert (before.stdout, before.stderr) == ("statement_id,relevance,speaker,kind,text,outlet,published_at,article_title\n", (
            "note: 1 statement stored by an ingest still running (or interrupted) cannot be found yet; "
            "they can once it ends, or after 'quotedb db analyze'\nno statements found\n"
        ))  # fmt: skip
        assert run("--db", filled, "db", "analyze").stdout == "search indexes up to date: 1 statement added\n"
        assert run("--db", filled, "db", "analyze").stdout == "search indexes up to date: 0 statements added\n"
    else:  # PostgreSQL's indexes never lag: only their pending lists are flushed
        assert run("--db", filled, "db", "analyze").stdout == "search indexes up to date: GIN pending lists flushed\n"
    after = run(*search)
    assert after.stderr == ""
    assert [line.split(",")[4] for line in after.stdout.splitlines()[1:]] == ["the harbour ferry would stop in May"]


def test_database_url_from_the_environment(filled: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEDB_DATABASE_URL", filled)
    assert run("sql", "SELECT count(*) AS n FROM articles", "--format", "csv").stdout == "n\n2\n"


def test_ingest_twice_is_a_noop_the_second_time(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first = run("--db", db_url, "ingest", str(tmp_path))
    assert (first.exit_code, first.stdout) == (0, "articles: 1 new, 0 unchanged, 0 failed; statements stored: 2\n")
    second = run("--db", db_url, "ingest", str(tmp_path / "a.txt"))
    assert (second.exit_code, second.stdout) == (0, "articles: 0 new, 1 unchanged, 0 failed; statements stored: 0\n")


def test_ingest_reports_bad_files_and_keeps_the_good(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said \u201cno\u201d.".encode("latin-1", "replace"))
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": ARTICLE.replace("2028", "2029"), "outlet": "Metro"}) + "\n{broken\n", encoding="utf-8")
    result = run("--db", db_url, "ingest", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'empty.txt'}: empty file: no text to parse",
        f"error: {tmp_path / 'feed.jsonl'}:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        f"error: {tmp_path / 'latin1.txt'}: not valid UTF-8 at byte 3; pass --encoding (e.g. cp1252) if you know the codec",
    ]
    assert result.stdout == "articles: 2 new, 0 unchanged, 3 failed; statements stored: 4\n"


def test_ingest_stdin(db_url: str) -> None:
    result = run("--db", db_url, "ingest", "-", input=ARTICLE)
    assert result.stdout == "articles: 1 new, 0 unchanged, 0 failed; statements stored: 2\n"


def test_parse_json_contract(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("parse", str(path), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {"article", "statements"}
    keys = {"speaker", "speaker_mention", "speaker_mention_start", "speaker_mention_end", "cue", "cue_start", "cue_end",
            "kind", "text", "start", "end", "paragraph", "confidence"}  # fmt: skip
    assert [(s["speaker"], s["kind"], s["cue"]) for s in data["statements"]] == [("Ana Ruiz", "direct", "said"), ("Ana Ruiz", "direct", "added")]
    for s in data["statements"]:
        assert keys <= set(s)
        assert ARTICLE[s["start"] : s["end"]] == s["text"]
        assert ARTICLE[s["speaker_mention_start"] : s["speaker_mention_end"]] == s["speaker_mention"]
        assert ARTICLE[s["cue_start"] : s["cue_end"]] == s["cue"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "Error: {path}: no such file"),
        ("bin.txt", b"\x00\x01\x02binary", "Error: {path}: binary file (contains NUL bytes), not an article"),
    ],
)
def test_parse_bad_input(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run("parse", str(path))
    assert (result.exit_code, result.stderr.strip()) == (1, message.format(path=path))


def test_demo(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    result = run("--db", db_url, "demo", "--export-to", str(out))
    assert result.exit_code == 0, result.output
    assert "== Ingest" in result.stdout and "== Search statements" in result.stdout
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) >= 10
    assert all(r["text"] for r in rows)
    again = run("--db", db_url, "demo", "--export-to", str(out))
    assert f"articles: 0 new, {len(list(Path(__file__).parent.parent.joinpath('fixtures', 'articles').glob('*.txt')))} unchanged" in again.stdout


@pytest.fixture
def categorised(db_url: str) -> str:
    """Speech, a belief and a stance by one speaker (hand-built, so the categories are known)."""
    store = Store.open(db_url)
    body = "Ruiz said the tram was late. Ruiz believes the tram will improve. Ruiz opposed the new fares.\n"
    save_article(store, article(body, [
        ("the tram was late", "Ana Ruiz", "indirect", "speech"),
        ("the tram will improve", "Ana Ruiz", "indirect", "belief"),
        ("the new fares", "Ana Ruiz", "indirect", "stance"),
    ], speakers=(Speaker("Ana Ruiz", "person"),), outlet="Metro Daily"))
    store.close()
    return db_url


@pytest.mark.parametrize(
    ("args", "texts"),
    [
        ([], ["the tram was late", "the tram will improve"]),
        (["--category", "speech"], ["the tram was late"]),
        (["--category", "belief", "--category", "speech"], ["the tram was late", "the tram will improve"]),
        (["--category", "evidence"], []),
    ],
)
def test_search_and_export_keep_the_categories_asked_for(categorised: str, args: list[str], texts: list[str]) -> None:
    found = run("--db", categorised, "search", "tram", *args, "--format", "csv")
    assert (found.exit_code, sorted(r["text"] for r in csv.DictReader(io.StringIO(found.stdout)))) == (0, texts)
    exported = run("--db", categorised, "export", "statements", *args)
    assert sorted(r["text"] for r in csv.DictReader(io.StringIO(exported.stdout))) == sorted(
        texts + (["the new fares"] if not args else [])
    )


def test_parse_keeps_the_categories_asked_for(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nAnn Smith said the bridge is safe. Ann Smith believes the tunnel is not.\n", encoding="utf-8")
    speech = json.loads(run("parse", str(path), "--json", "--category", "speech").stdout)["statements"]
    assert [(s["category"], s["text"]) for s in speech] == [("speech", "the bridge is safe")]
    bad = run("parse", str(path), "--category", "gossip")
    assert bad.exit_code == 2 and "'gossip' is not one of 'speech', 'belief', 'intention', 'stance', 'evidence'" in bad.stderr
