"""The command line with people's data: what it refuses, what it leaves alone, what it says.

Exact messages and exit codes through CliRunner (which is not a terminal: confirmations need
--yes there), on both backends where a database is involved.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from quotedb import db
from quotedb.cli import cli
from quotedb.store import Store
from test_cli import ARTICLE, filled  # noqa: F401  (the fixture)
from test_cli_claims import db as claims_db, linked  # noqa: F401  (the fixture)


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def revision(url: str) -> str | None:
    store = Store.open(url, schema="ignore")
    try:
        return db.current_revision(store.engine)
    finally:
        store.close()


def test_downgrade_refuses_without_yes_and_says_what_would_be_lost(filled: str) -> None:  # noqa: F811
    result = run("--db", filled, "db", "downgrade", "base")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: downgrading to base deletes every quotedb table and all its rows (3 statements, 2 articles, "
        "2 outlets, 1 speaker_aliases, 1 speakers); nothing was changed: add --yes to go ahead\n"
    )
    assert revision(filled) == db.head_revision()
    done = run("--db", filled, "db", "downgrade", "base", "--yes")
    assert (done.exit_code, done.stdout) == (0, "schema at revision base\n")
    store = Store.open(filled, schema="ignore")
    assert db.schema_state(store).tables == ()  # alembic_version is gone too: nothing of quotedb is left
    store.close()


def test_downgrade_one_step_names_the_migrations_it_undoes(filled: str) -> None:  # noqa: F811
    before = db.revisions()[-2]
    result = run("--db", filled, "db", "downgrade", "--", "-1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: downgrading from {db.head_revision()} to {before} undoes {db.head_revision()}:")
    assert result.stderr.endswith("; nothing was changed: add --yes to go ahead\n")


def test_downgrade_to_an_unknown_revision_is_refused(filled: str) -> None:  # noqa: F811
    result = run("--db", filled, "db", "downgrade", "9999", "--yes")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: unknown schema revision '9999': 'quotedb db history' lists them ('base' removes all)\n",
    )


def test_downgrade_confirms_on_a_terminal(filled: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr(click, "confirm", lambda *a, **k: (_ for _ in ()).throw(click.Abort()))
    result = CliRunner().invoke(cli, ["--db", filled, "db", "downgrade", "base"])
    assert result.exit_code == 1  # aborted by the answer
    assert revision(filled) == db.head_revision()


READ_COMMANDS = [("stats",), ("search", "rights"), ("sql", "SELECT 1"), ("speakers",), ("claims",), ("export", "statements")]


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_reading_a_missing_database_creates_nothing(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = tmp_path / "typo.sqlite"
    result = run("--db", str(path), *command)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: there is no quotedb database at {path}: create one with 'quotedb ingest FILE…' "
        "(or 'quotedb db upgrade'), or give --db\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_reading_a_foreign_database_changes_nothing(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = tmp_path / "notes.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    result = run("--db", str(path), *command)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path} is not a quotedb database (it has other tables: notes); give --db a quotedb database, "
        "or run 'quotedb db upgrade' to add quotedb's tables to this one\n",
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_writing_refuses_a_foreign_database_too(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("--db", str(path), "ingest", str(tmp_path / "a.txt"))
    assert result.exit_code == 1
    assert "is not a quotedb database (it has other tables: notes)" in result.stderr


def test_reading_an_empty_database_says_how_to_fill_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    result = run("--db", str(path), "stats")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {path} is an empty database: fill it with 'quotedb ingest FILE…' (or create the schema with 'quotedb db upgrade')\n",
    )
    assert path.read_bytes() == b""


def test_reading_an_older_schema_says_upgrade_and_leaves_it(db_url: str) -> None:
    store = Store.open(db_url)
    older = db.revisions()[-2]
    db.downgrade(store.engine, older)
    where = db.sqlite_path(store.url) if store.backend == "sqlite" else store.display_url
    store.close()
    for command in (("stats",), ("search", "rights")):
        result = run("--db", db_url, *command)
        assert (result.exit_code, result.stderr) == (
            1,
            f"Error: {where} has an older quotedb schema (revision {older}, newest {db.head_revision()}): run 'quotedb db upgrade'\n",
        )
    assert revision(db_url) == older
    assert run("--db", db_url, "db", "upgrade").stdout == f"schema at revision {db.head_revision()}\n"
    assert run("--db", db_url, "stats").exit_code == 0


def test_demo_leaves_the_configured_database_untouched(
    filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUOTEDB_DATABASE_URL", filled)
    result = run("demo", "--export-to", str(tmp_path / "demo.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"quotedb demo on sqlite:///{tmp_path.resolve() / 'quotedb-demo.sqlite'}\n")
    assert "$ quotedb --db quotedb-demo.sqlite search waited" in result.stdout
    counts = run("sql", "SELECT count(*) AS n FROM articles", "--format", "csv")
    assert counts.stdout == "n\n2\n"  # the research database still has its two articles


def test_demo_uses_the_database_named_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "mine.sqlite"
    result = run("--db", str(mine), "demo", "--export-to", str(tmp_path / "demo.csv"))
    assert result.exit_code == 0, result.output
    assert mine.exists() and not (tmp_path / "quotedb-demo.sqlite").exists()


def _jsonl(n: int) -> str:
    return "".join(
        json.dumps({"text": ARTICLE.replace("2028", str(2030 + i)), "outlet": "Metro", "title": f"Tram {i}"}) + "\n" for i in range(n)
    )


def test_stdin_json_lines_when_told(db_url: str) -> None:
    result = run("--db", db_url, "ingest", "-", "--format", "jsonl", input=_jsonl(3))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "articles: 3 new, 0 unchanged, 0 failed; statements stored: 6\n", "")
    titles = run("--db", db_url, "sql", "SELECT title FROM articles ORDER BY id", "--format", "csv").stdout
    assert titles == "title\nTram 0\nTram 1\nTram 2\n"


def test_stdin_json_lines_detected_with_a_note(db_url: str) -> None:
    result = run("--db", db_url, "ingest", "-", input="\n" + _jsonl(2))
    assert (result.exit_code, result.stdout) == (0, "articles: 2 new, 0 unchanged, 0 failed; statements stored: 4\n")
    assert result.stderr == (
        "reading standard input as JSON Lines (it starts with '{'); give --format text to store it as one article\n"
    )


@pytest.mark.parametrize(("fmt", "first_character"), [("text", "{"), ("jsonl", "C")])
def test_stdin_format_overrides_detection(db_url: str, fmt: str, first_character: str) -> None:
    result = run("--db", db_url, "ingest", "-", "--format", fmt, input=_jsonl(1))
    assert (result.exit_code, result.stdout.split(";")[0], result.stderr) == (0, "articles: 1 new, 0 unchanged, 0 failed", "")
    stored = run("--db", db_url, "sql", "SELECT substr(text, 1, 1) AS c FROM articles", "--format", "csv").stdout
    assert stored == f"c\n{first_character}\n"  # text: the JSON line is the article; jsonl: its text field is


def test_stdin_text_is_one_article(db_url: str) -> None:
    result = run("--db", db_url, "ingest", "-", input=ARTICLE)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "articles: 1 new, 0 unchanged, 0 failed; statements stored: 2\n", "")


def _warc(path: Path, gzipped: bool) -> Path:
    """A web archive with two HTML pages, an image, a request record and a broken record between them."""
    import gzip

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def page(body: str) -> bytes:
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:])
        return f"<html><head><title>{body.splitlines()[0]}</title></head><body><article><h1>{body.splitlines()[0]}</h1>{paras}</article></body></html>".encode()

    def records(items: list[tuple[str, str, str, bytes]]) -> bytes:
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=gzipped)
        for rtype, uri, ctype, body in items:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1") if rtype == "response" else None
            record = writer.create_warc_record(
                uri, rtype, payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"}
            )
            writer.write_record(record)
        return buf.getvalue()

    first = records([
        ("response", "https://metro.example/tram", "text/html; charset=utf-8", page(ARTICLE)),
        ("response", "https://metro.example/logo.jpg", "image/jpeg", b"\xff\xd8\xff"),
        ("request", "https://metro.example/tram", "", b"GET /tram HTTP/1.1\r\n\r\n"),
    ])  # fmt: skip
    broken = gzip.compress(b"this is not a WARC record\r\n\r\n") if gzipped else b"WARC/1.0\r\nWARC-Type: response\r\n\r\nno length\r\n\r\n"
    second = records([("response", "https://metro.example/bridge", "text/html", page(ARTICLE.replace("tram extension", "bridge repair")))])
    path.write_bytes(first + broken + second)
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_web_archive_pages_are_stored_and_the_rest_counted(db_url: str, tmp_path: Path, name: str) -> None:
    path = _warc(tmp_path / name, gzipped=name.endswith(".gz"))
    result = run("--db", db_url, "ingest", str(tmp_path))  # found by walking the folder, too
    assert (result.exit_code, result.stdout) == (1, "articles: 2 new, 0 unchanged, 1 failed; statements stored: 4\n")
    note, error = sorted(result.stderr.splitlines())  # the note comes when the file is read, the error once stored
    assert error.startswith(f"error: {path}@") and ": broken WARC record (" in error and error.endswith("); skipped")
    assert note == f"{path}: skipped 2 records that are not an HTML page (1 image/jpeg response, 1 request record)"
    rows = run("--db", db_url, "export", "articles").stdout  # the record's URL, and its date: the pages give none
    assert [(r["url"], r["published_at"]) for r in csv.DictReader(io.StringIO(rows))] == [
        ("https://metro.example/tram", "2024-03-05T10:00:00+00:00"),
        ("https://metro.example/bridge", "2024-03-05T10:00:00+00:00"),
    ]


def test_db_option_after_the_command(filled: str) -> None:  # noqa: F811
    after = run("search", "rights", "--db", filled, "--format", "csv")
    before = run("--db", filled, "search", "rights", "--format", "csv")
    assert (after.exit_code, after.stdout) == (0, before.stdout)
    assert after.stdout.count("\n") == 3  # the header and two statements: the database named after the command


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--db", "mysql://u@h/x", "stats"), "Error: quotedb stores its data in SQLite (a file path) or PostgreSQL (postgresql://…), not mysql\n"),
        (("sql", "DROP TABLE claims"), "Error: quotedb sql only reads: DROP TABLE is not allowed (nothing was changed); use quotedb's commands to change data\n"),
        (("sql", "CREATE TABLE t(a)"), "Error: quotedb sql only reads: CREATE TABLE is not allowed (nothing was changed); use quotedb's commands to change data\n"),
        (("sql", "DELETE FROM claims"), "Error: quotedb sql only reads: DELETE is not allowed (nothing was changed); use quotedb's commands to change data\n"),
    ],
)
def test_messages_name_the_real_problem(filled: str, args: tuple[str, ...], message: str) -> None:  # noqa: F811
    if filled.startswith("postgresql") and args[0] == "sql":
        message = message.replace("DROP TABLE", "DROP").replace("CREATE TABLE", "CREATE")
    result = run(*args) if args[0] == "--db" else run("--db", filled, *args)
    assert (result.exit_code, result.stderr) == (1, message)


def test_counts_are_plural_only_when_more_than_one(claims_db: str) -> None:  # noqa: F811
    result = run("--db", linked(claims_db), "claims", "show", "1")
    assert result.exit_code == 0
    assert "  1 statement in 1 article from 1 outlet; speakers: Ana Ruiz\n" in result.stdout


def test_claims_limit(claims_db: str) -> None:  # noqa: F811
    linked(claims_db)
    listed = run("--db", claims_db, "claims", "--format", "csv", "--limit", "2")
    assert [line.split(",")[0] for line in listed.stdout.splitlines()] == ["id", "2", "3"]
    conflicts = run("--db", claims_db, "claims", "--conflicts", "--format", "csv", "--limit", "1")
    assert {line.split(",")[0] for line in conflicts.stdout.splitlines()[1:]} == {"3"}


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path] if path else []
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            found += _commands(cmd, (*path, name))
        else:
            found.append((*path, name))
    return found


@pytest.mark.parametrize("command", _commands(cli), ids=" ".join)
def test_every_help_page_has_an_example(command: tuple[str, ...]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0
    examples = result.stdout.split("Examples:\n", 1)[1].splitlines()
    assert examples and all(line.strip().startswith(("quotedb ", "cat ", "datasette ")) for line in examples if line.strip())


def test_top_level_help_has_examples_and_dates_are_shown_as_written() -> None:
    assert "Examples:\n    quotedb ingest articles/" in run("--help").stdout
    search_help = run("search", "--help").stdout
    assert "--since YYYY-MM-DD" in search_help and "%Y" not in search_help
    assert "quotedb speakers [QUERY]" in run("speakers", "--help").stdout


def test_long_commands_on_a_terminal_end_with_time_and_next_step(
    filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    for module in ("quotedb.cli.query", "quotedb.cli.articles", "quotedb.cli.claims"):
        monkeypatch.setattr(f"{module}.terminal", lambda: True)
    out = tmp_path / "s.csv"
    exported = run("--db", filled, "export", "statements", "-o", str(out))
    lines = exported.stderr.splitlines()
    assert lines[0] == "exporting statements" and lines[1] == f"wrote 3 statements to {out}"
    assert re.fullmatch(rf"done in \d+\.\d s; next: open {re.escape(str(out))} in a spreadsheet, or quotedb report quoted-most", lines[2])
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ingested = run("--db", filled, "ingest", str(tmp_path / "a.txt"))
    assert ingested.stdout == "articles: 1 new, 0 unchanged, 0 failed; statements stored: 2\n"
    assert re.search(r"^done in \d+\.\d s \(1 article\)$", ingested.stderr, re.M)
    assert ingested.stderr.endswith("next: quotedb search WORDS, quotedb speakers, or quotedb link to find repeated claims\n")
    linked_now = run("--db", filled, "link")
    assert linked_now.stderr == "next: quotedb claims --conflicts, or quotedb report claim-spread\n"


def test_piped_commands_print_no_progress(filled: str, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("--db", filled, "ingest", str(tmp_path / "a.txt")).stderr == ""
    assert run("--db", filled, "export", "statements", "-o", str(tmp_path / "s.csv")).stderr == f"wrote 5 statements to {tmp_path / 's.csv'}\n"


class _ServerGone(Exception):
    """What psycopg raises when the server goes away (its SQLSTATE class 08: connection exception)."""

    sqlstate = "08006"


@pytest.mark.parametrize(
    ("failure", "line"),
    [
        (
            sqlite3.OperationalError("database or disk is full"),
            "stopped: the disk is full (database or disk is full): the batch being written was rolled back; "
            "free some space, then run the same command again (stored articles are skipped)",
        ),
        (
            _ServerGone("server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally"),
            "stopped: lost the connection to the database (server closed the connection unexpectedly): the batch being "
            "written was rolled back; when the server is back, run the same command again (stored articles are skipped)",
        ),
    ],
)
def test_a_full_disk_or_a_lost_server_is_one_line_with_the_resume_command(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception, line: str
) -> None:
    import quotedb.ingest
    from quotedb.db import write_error

    real = quotedb.ingest.save_articles
    calls = []

    def second_batch_fails(store: Store, articles: list[object], **options: bool) -> object:
        calls.append(len(articles))
        if len(calls) == 2:
            raise write_error(failure)
        return real(store, articles, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(quotedb.ingest, "save_articles", second_batch_fails)
    (tmp_path / "feed.jsonl").write_text(_jsonl(5), encoding="utf-8")
    result = run("--db", db_url, "ingest", str(tmp_path / "feed.jsonl"), "--batch-size", "2")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [line, "stored before it stopped: articles: 2 new, 0 unchanged, 0 failed; statements stored: 4"]
    assert calls == [2, 2]  # stopped at once: no article-by-article retry of a batch that cannot be written
    monkeypatch.setattr(quotedb.ingest, "save_articles", real)
    again = run("--db", db_url, "ingest", str(tmp_path / "feed.jsonl"))
    assert again.stdout == "articles: 3 new, 2 unchanged, 0 failed; statements stored: 6\n"


def test_export_claims_says_how_it_differs_from_the_claims_list(claims_db: str, tmp_path: Path) -> None:  # noqa: F811
    linked(claims_db)
    out = tmp_path / "claims.csv"
    result = run("--db", claims_db, "export", "claims", "-o", str(out))
    assert result.stderr == f"wrote 7 claims to {out} (3 claims seen more than once, as 'quotedb claims' lists them)\n"
    listed = run("--db", claims_db, "claims", "--format", "csv").stdout.splitlines()
    assert len(listed) - 1 == 3


def test_json_lists_are_arrays_and_csv_cells_are_joined(filled: str) -> None:  # noqa: F811
    as_json = json.loads(run("--db", filled, "export", "speakers", "--format", "json").stdout)
    assert as_json[0]["aliases"] == ["Ruiz"]
    shown = json.loads(run("--db", filled, "show", "1", "--json").stdout)
    assert shown["speaker_record"]["aliases"] == ["Ruiz"]
    as_csv = list(csv.DictReader(io.StringIO(run("--db", filled, "export", "speakers").stdout)))
    assert as_csv[0]["aliases"] == "Ruiz"


PROBE = """
import sys
from quotedb.cli import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(m for m in ("sqlalchemy", "sqlmodel", "alembic", "numpy", "rapidfuzz", "quotedb.parse") if m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (("--help",), ""),
        (("--version",), ""),
        (("parse", "{article}"), "quotedb.parse"),
        (("--db", "{db}", "search", "tram"), ""),  # SQLite word search: sqlite3 only
        (("--db", "{db}", "stats"), "quotedb.parse sqlalchemy sqlmodel"),  # the database layer, but no Alembic or NumPy
        (("--db", "{db}", "search", "tram", "--fuzzy"), "numpy rapidfuzz"),  # SQLite fuzzy search: no database layer
        # a speaker matched with typos needs the database layer's speaker matching
        (("--db", "{db}", "search", "tram", "--fuzzy", "--speaker", "ruiz"), "numpy quotedb.parse rapidfuzz sqlalchemy sqlmodel"),
    ],
)
def test_commands_import_only_what_they_use(filled: str, tmp_path: Path, args: tuple[str, ...], loaded: str) -> None:  # noqa: F811
    """What keeps start-up quick (benchmarks/startup.py measures it): no Alembic unless migrating,
    no NumPy unless fuzzy-searching, no database layer for help, parse and SQLite word and fuzzy search."""
    import subprocess
    import sys

    if not filled.startswith("sqlite"):
        pytest.skip("the SQLite fast path")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    argv = [a.format(article=article, db=filled) for a in args]
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120)
    assert done.stderr.splitlines()[-1:] == ([loaded] if loaded else [""])
