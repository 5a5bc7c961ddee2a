"""CSV/JSON writers: RFC 4180 round trips, formula neutralisation, and the export row sets."""

from __future__ import annotations

import csv
import io
import json

import pytest

from builders import article
from quotedb.export import (
    ARTICLE_EXPORT,
    SPEAKER_EXPORT,
    STATEMENT_EXPORT,
    article_rows,
    speaker_rows,
    statement_rows,
)
from quotedb.formats import neutralize, write_rows
from quotedb.parse import Speaker
from quotedb.search import Filters
from quotedb.store import Store, save_article

AWKWARD = [
    'She said "no", then left',
    "comma, separated, words",
    "line one\nline two\r\nline three",
    "北京 — Пекин — بكين",
    "",
    "trailing space ",
]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555", "'+1 555"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("\rcr", "'\rcr"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralize(cell: str, expected: str) -> None:
    assert neutralize(cell) == expected


def test_csv_round_trips_awkward_text() -> None:
    rows = [{"n": i, "text": t} for i, t in enumerate(AWKWARD)]
    out = io.StringIO(newline="")
    assert write_rows(rows, ("n", "text"), "csv", out) == len(AWKWARD)
    back = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert back == [["n", "text"]] + [[str(i), t] for i, t in enumerate(AWKWARD)]
    assert out.getvalue().startswith("n,text\r\n")


def test_csv_formula_cells_are_neutralised_unless_turned_off() -> None:
    rows = [{"text": '=HYPERLINK("http://x")', "n": -3}]
    safe, raw = io.StringIO(), io.StringIO()
    write_rows(rows, ("text", "n"), "csv", safe)
    write_rows(rows, ("text", "n"), "csv", raw, safe=False)
    assert list(csv.reader(io.StringIO(safe.getvalue())))[1] == ['\'=HYPERLINK("http://x")', "-3"]
    assert list(csv.reader(io.StringIO(raw.getvalue())))[1] == ['=HYPERLINK("http://x")', "-3"]


def test_csv_bom() -> None:
    out = io.StringIO()
    write_rows([], ("a",), "csv", out, bom=True)
    assert out.getvalue() == "\ufeffa\r\n"


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_json_formats_round_trip(fmt: str) -> None:
    rows = [{"n": i, "text": t} for i, t in enumerate(AWKWARD)]
    out = io.StringIO()
    write_rows(rows, ("n", "text"), fmt, out)
    data = json.loads(out.getvalue()) if fmt == "json" else [json.loads(x) for x in out.getvalue().splitlines()]
    assert data == rows


def test_empty_json_is_an_empty_list() -> None:
    out = io.StringIO()
    write_rows([], ("a",), "json", out)
    assert json.loads(out.getvalue()) == []


def test_table_cuts_long_cells() -> None:
    out = io.StringIO()
    write_rows([{"id": 1, "text": "word " * 100}], ("id", "text"), "table", out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["id", "text"]
    assert lines[2].startswith("1   word word") and lines[2].endswith("…")


def test_export_row_sets(store: Store) -> None:
    ruiz = Speaker("Ana Ruiz", "person", role="Mayor", aliases=("Ruiz",))
    body = '"We will build it," Ruiz said.\n\nRuiz said =HYPERLINK("http://x") is a formula.\n'
    save_article(
        store,
        article(
            body,
            [('"We will build it,"', "Ana Ruiz", "direct"), ('=HYPERLINK("http://x") is a formula', "Ana Ruiz", "indirect")],
            speakers=(ruiz,),
            outlet="Metro Daily",
            url="https://metro.example/1",
        ),
    )
    statements = list(statement_rows(store, Filters()))
    assert [r["text"] for r in statements] == ['"We will build it,"', '=HYPERLINK("http://x") is a formula']
    assert set(STATEMENT_EXPORT) >= {"speaker", "speaker_mention", "cue", "kind", "text", "start_offset", "end_offset", "paragraph_index", "confidence"}
    assert [r["speaker"] for r in statements] == ["Ana Ruiz", "Ana Ruiz"]
    speakers = list(speaker_rows(store, Filters()))
    assert [(r["name"], r["statements"], r["articles"], r["aliases"]) for r in speakers] == [("Ana Ruiz", 2, 1, ["Ruiz"])]
    assert set(speakers[0]) >= set(SPEAKER_EXPORT)
    articles = list(article_rows(store, Filters(kind="direct")))
    assert [(r["outlet"], r["url"], r["statements"]) for r in articles] == [("Metro Daily", "https://metro.example/1", 2)]
    assert set(articles[0]) >= set(ARTICLE_EXPORT)
    assert list(article_rows(store, Filters(speaker="Nobody Here"))) == []
    out = io.StringIO()
    write_rows(statements, STATEMENT_EXPORT, "csv", out)
    cells = list(csv.reader(io.StringIO(out.getvalue())))
    assert cells[2][STATEMENT_EXPORT.index("text")] == '\'=HYPERLINK("http://x") is a formula'
