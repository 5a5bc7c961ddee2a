"""Bad input, crashes and concurrent writers: every good article stored whole, nothing partial, no duplicates.

The kill and many-writer tests run real ``quotedb ingest`` processes. Their long variants
(20 kills over 2,000 articles, a 5 MB one-line article) carry the ``stress`` marker: CI runs
them with ``pytest -m stress``.
"""

from __future__ import annotations

from collections import Counter

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from indexes import assert_indexes_whole, index_state
from newsgen import write_files
from quotedb.cli import cli
from quotedb.parse import parse_article
from quotedb.store import Store

GOOD = '"We will build the line by 2028," Mayor Ana Ruiz said on Tuesday.\n\n"It is the biggest investment in a generation," she added.\n'


def stored(url: str) -> dict[str, int]:
    """Each stored article's text -> how many statements it has in the database."""
    store = Store.open(url)
    try:
        with store.read() as conn:
            return {
                t: n
                for t, n in conn.exec_driver_sql(
                    "SELECT a.text, count(s.id) FROM articles a LEFT JOIN statements s ON s.article_id = a.id GROUP BY a.id, a.text"
                )
            }
    finally:
        store.close()


def assert_whole(url: str) -> None:
    """Every stored article has exactly the statements the parser finds in it."""
    for body, n in stored(url).items():
        assert n == len(parse_article(body).statements)


def bad_corpus(folder: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    """The inputs of issue 6 mixed with good articles: (expected error lines, good articles)."""
    folder.mkdir()
    good = {
        "good.txt": GOOD.encode(),
        "bom-utf8.txt": b"\xef\xbb\xbf" + GOOD.replace("2028", "2029").encode(),
        "bom-utf16.txt": GOOD.replace("2028", "2030").encode("utf-16"),
        "crlf.txt": GOOD.replace("2028", "2031").replace("\n", "\r\n").encode(),
        "lone-cr.txt": GOOD.replace("2028", "2032").replace("\n", "\r").encode(),
        "unbalanced.txt": ('Ruiz said "it opens' * 3000 + "\n\n" + GOOD).encode(),
        "nested.txt": ("Ruiz said " + '"a \'b "c ' * 400 + "end.\n\n" + GOOD.replace("2028", "2033")).encode(),
        "control.txt": ("Ruiz\x07 said\x1b[0m the \x0bline\x0c opens.\n\n" + GOOD.replace("2028", "2034")).encode(),
        "one-line.txt": (("The council met and the line opened; " * 27_000) + GOOD.replace("\n", " ")).encode(),
    }
    for name, data in good.items():
        (folder / name).write_bytes(data)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners said no.".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"x" * 50 * 1024 * 1024)
    lines = [json.dumps({"text": GOOD.replace("2028", str(2040 + i))}) for i in range(3)]
    (folder / "feed.jsonl").write_text(f"{lines[0]}\n{{\"text\": \"cut off\n{lines[1]}\n\n{lines[2]}\n", encoding="utf-8")
    (folder / "locked.txt").write_bytes(GOOD.encode())
    os.chmod(folder / "locked.txt", 0)
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # root reads mode-000 files: make the refusal real for it too
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to(folder)  # a folder containing itself
    (folder / "sub" / "good-too.txt").write_bytes(GOOD.replace("2028", "2050").encode())
    errors = [
        f"error: {folder / 'binary.txt'}: binary file (contains NUL bytes), not an article",
        f"error: {folder / 'blank.txt'}: empty file: no text to parse",
        f"error: {folder / 'dangling.txt'}: no such file",
        f"error: {folder / 'empty.txt'}: empty file: no text to parse",
        f"error: {folder / 'feed.jsonl'}:2: malformed JSON: Unterminated string starting at (column 10)",
        f"error: {folder / 'huge.txt'}: file is 52,428,800 bytes, over the limit of 10,485,760 (raise --max-bytes)",
        f"error: {folder / 'latin1.txt'}: not valid UTF-8 at byte 3; pass --encoding (e.g. cp1252) if you know the codec",
        f"error: {folder / 'locked.txt'}: permission denied",
        f"error: {folder / 'self.txt'}: Too many levels of symbolic links",
    ]
    return errors, len(good) + 3 + 1  # the text files, three good JSON lines, sub/good-too.txt


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_inputs_are_reported_and_every_good_article_is_stored(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    errors, good = bad_corpus(tmp_path / "in", monkeypatch)
    result = CliRunner().invoke(cli, ["--db", db_url, "ingest", str(tmp_path / "in"), "--workers", workers])
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == errors
    assert result.stdout.startswith(f"articles: {good} new, 0 unchanged, 9 failed; statements stored: ")
    assert len(stored(db_url)) == good
    assert_whole(db_url)
    again = CliRunner().invoke(cli, ["--db", db_url, "ingest", str(tmp_path / "in"), "--workers", workers])
    assert (again.exit_code, again.stdout) == (1, f"articles: 0 new, {good} unchanged, 9 failed; statements stored: 0\n")


def quotedb(db: str, *args: str, index_every: int | None = None) -> subprocess.Popen[str]:
    """``quotedb --db DB ARGS`` in a process of its own; ``index_every``: ingest catches its search
    indexes up every so many statements (so kills land in catch-ups and merges too)."""
    run = ["-m", "quotedb"]
    if index_every is not None:
        run = ["-c", f"import quotedb.ingest; quotedb.ingest.INDEX_EVERY = {index_every}; from quotedb.cli import main; main()"]
    return subprocess.Popen(
        [sys.executable, *run, "--db", db, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def no_process_left(marker: str, within: float = 5.0) -> bool:
    """Whether every process whose command line mentions ``marker`` (parse workers too) is gone."""
    if not Path("/proc/self/cmdline").exists():
        return True  # not Linux: nothing to look at
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if marker.encode() in cmdline.read_bytes():
                    alive.append(cmdline)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.2)
    return False


def kill_loop(tmp_path: Path, articles: int, kills: int, seed: int, index_every: int = 2000) -> list[tuple[int, int]]:
    """SIGKILL ``quotedb ingest`` at random moments, re-running it after each kill, then finish.

    After each kill the search indexes are checked too (FTS5's integrity check, every trigram
    posting): they hold exactly the statements up to their watermark; those above it wait for
    the next run, whose end leaves none waiting. Returns (articles stored, statements waiting
    to be indexed) at each kill. A run that ends before its kill (a fast machine) leaves nothing
    to interrupt, so the crawl grows (a tenth, at least 100 articles) and the loop goes on: every kill asked for happens.
    """
    folder = tmp_path / "crawl"
    write_files(folder, seed=seed, start=0, stop=articles)
    total, growth = articles, max(articles // 10, 100)
    db = tmp_path / "kill.sqlite"
    rng = random.Random(seed)
    args = ("ingest", str(folder), "--workers", "2", "--batch-size", "25")
    progress = []
    while len(progress) < kills:
        before = articles_in(db)
        proc = quotedb(str(db), *args, index_every=index_every)
        if rng.random() < 0.2:  # some kills land during start-up, before any write
            time.sleep(rng.uniform(0.2, 2.0))
        else:  # the others while this run writes and indexes, however slow its start on a busy machine
            while articles_in(db) == before and proc.poll() is None:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 1.5))
        if proc.poll() is not None:  # it finished before the kill (a fast machine): the crawl grows, go on
            out, err = proc.communicate()
            assert (proc.returncode, err) == (0, ""), out
            write_files(folder, seed=seed, start=total, stop=total + growth)
            total += growth
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert no_process_left(str(db))
        if db.exists() and has_schema(db):
            assert integrity(db) == "ok"
            assert_whole(f"sqlite:///{db}")
            assert_indexes_whole(str(db), complete=False)
            mark, top = index_state(str(db))
            progress.append((len(stored(f"sqlite:///{db}")), top - mark))
        else:
            progress.append((0, 0))
    before = len(stored(f"sqlite:///{db}")) if db.exists() and has_schema(db) else 0
    final = quotedb(str(db), *args, index_every=index_every)
    out, err = final.communicate(timeout=600)
    assert (final.returncode, err) == (0, "")
    assert out.startswith(f"articles: {total - before} new, {before} unchanged, 0 failed")
    assert len(stored(f"sqlite:///{db}")) == total
    assert integrity(db) == "ok"
    assert_whole(f"sqlite:///{db}")
    assert_indexes_whole(str(db))  # search finds every statement once the command has ended
    return progress


def articles_in(db: Path) -> int:
    """Articles committed so far (0 before the schema exists), read without migrating anything."""
    if not db.exists():
        return 0
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # no table yet
        return 0
    finally:
        con.close()


def has_schema(db: Path) -> bool:
    """Whether the first run got as far as creating quotedb's tables before its kill."""
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search_index_state'").fetchone()[0] == 1
    finally:
        con.close()


def test_killed_ingest_is_completed_by_running_it_again(tmp_path: Path) -> None:
    assert len(kill_loop(tmp_path, articles=300, kills=2, seed=11)) == 2


@pytest.mark.stress
def test_twenty_kills_during_two_thousand_articles(tmp_path: Path) -> None:
    progress = kill_loop(tmp_path, articles=2000, kills=20, seed=12)
    print(f"(articles stored, statements waiting to be indexed) at each of {len(progress)} kills: {progress}")
    assert len(progress) == 20
    assert any(waiting for _, waiting in progress)  # kills left statements for the next run to index


def test_ctrl_c_stops_with_a_summary_of_what_was_stored(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    write_files(folder, seed=13, start=0, stop=400)
    db = tmp_path / "int.sqlite"
    proc = quotedb(str(db), "ingest", str(folder), "--workers", "2", "--batch-size", "10")
    deadline = time.monotonic() + 60
    while not (db.exists() and stored(f"sqlite:///{db}")) and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    n = len(stored(f"sqlite:///{db}"))
    assert 0 < n < 400
    assert out.startswith(f"interrupted; stored so far: articles: {n} new, 0 unchanged, 0 failed; statements stored: ")
    assert err == "run the same command again to finish: stored articles are skipped\n"
    assert_whole(f"sqlite:///{db}")


#: What a reader says before the first writer has created the schema.
NOT_YET = re.compile(r"^Error: (there is no quotedb database at|.* is an empty database:|.* has an older quotedb schema)")


def concurrent_writers(url: str, tmp_path: Path, writers: int, articles: int) -> None:
    """``writers`` ingest processes over overlapping thirds of one crawl, plus readers meanwhile."""
    folder = tmp_path / "crawl"
    paths = sorted(write_files(folder, seed=21, start=0, stop=articles))
    procs = []
    for w in range(writers):  # each takes a window of half the crawl, shifted: every article is taken twice
        start = w * articles // writers
        window = [str(p) for p in (paths + paths)[start : start + articles // 2 + articles // writers]]
        procs.append(quotedb(url, "ingest", *window, "--batch-size", "20"))
    readers = 0
    while any(p.poll() is None for p in procs):
        reader = subprocess.run(
            [sys.executable, "-m", "quotedb", "--db", url, "sql", "SELECT count(*) AS n FROM statement_details", "--format", "csv"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if not readers and reader.returncode == 1 and NOT_YET.search(reader.stderr):
            continue  # a reader never creates the schema: until a writer has, it says so
        assert (reader.returncode, reader.stderr) == (0, "")
        readers += 1
    for p in procs:
        out, err = p.communicate()
        assert (p.returncode, err) == (0, ""), err
    found = stored(url)
    assert len(found) == articles
    assert_whole(url)
    store = Store.open(url)
    with store.read() as conn:
        rows = conn.execute(text("SELECT identity_key, name FROM speakers WHERE kind = 'person' AND identity_key LIKE :two"), {"two": "% %"}).all()
    store.close()
    # full names, capitalised words only (descriptions like "a senior diplomat" are each article's own rows)
    keys = Counter(key for key, name in rows if all(w[:1].isupper() for w in name.split()))
    dup = [key for key, n in keys.items() if n > 1]
    assert dup == []  # a full name seen by several writers at once is still one speaker


def test_four_concurrent_sqlite_writers(tmp_path: Path) -> None:
    concurrent_writers(str(tmp_path / "shared.sqlite"), tmp_path, writers=4, articles=160)
    assert integrity(tmp_path / "shared.sqlite") == "ok"


def test_four_concurrent_postgres_writers(postgres_url: str, tmp_path: Path) -> None:
    Store.open(postgres_url).close()  # migrate once, before the writers race to
    concurrent_writers(postgres_url, tmp_path, writers=4, articles=160)


@pytest.mark.stress
def test_five_megabyte_line(tmp_path: Path, sqlite_url: str) -> None:
    path = tmp_path / "line.txt"
    path.write_text(("The council met again and the line opened. " * 120_000) + GOOD.replace("\n", " ") + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", sqlite_url, "ingest", str(path)])
    assert result.exit_code == 0
    assert_whole(sqlite_url)
