"""HTML pages: article text without the page furniture, metadata, and a clear error without the extra."""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta, timezone

import pytest

from quotedb.errors import InputError
from quotedb.parse import parse_article

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port reopens after storm | Harbour Times</title>
<meta property="og:title" content="Port reopens after storm"><meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2024-05-02T08:30:00+02:00">
</head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article><h1>Port reopens after storm</h1>
<p>The harbour reopened to shipping on Thursday after three days of closures caused by the storm.</p>
<p>"The damage was lighter than we feared," said harbour master Tomas Berg. "Most berths are already working."</p>
<p>Berg said repairs to the northern pier would take until the summer, and that ferries would run on time.</p>
<div class="share">Share this story on Facebook or Twitter</div></article>
<aside><h3>Related stories</h3><ul><li><a href="/x">'We will rebuild,' says mayor after floods</a></li></ul></aside>
<footer>Copyright 2024 Harbour Times. All rights reserved.</footer></body></html>"""


def test_missing_extra_names_the_install_command(monkeypatch):
    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("No module named 'trafilatura'", name="trafilatura")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    from quotedb.html import extract_html

    with pytest.raises(InputError, match=r"pip install 'quotedb\[html\]'"):
        extract_html(PAGE.encode(), "page.html")


def test_extracts_article_and_metadata():
    pytest.importorskip("trafilatura")
    from quotedb.html import extract_html

    text, meta = extract_html(PAGE.encode(), "https://example.org/port")
    assert text.startswith("Port reopens after storm\n\n")
    assert "Tomas Berg" in text and "Share this story" not in text and "Related stories" not in text
    assert meta["title"] == "Port reopens after storm"
    assert meta["byline"] == "Ana Ruiz"
    assert meta["outlet"] == "Harbour Times"
    assert meta["published_at"] == datetime(2024, 5, 2, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    parsed = parse_article(text, **{k: v for k, v in meta.items() if k != "byline"})
    assert [s.speaker for s in parsed.statements] == ["Tomas Berg", "Tomas Berg"]  # a quotation in two pieces, a report


def test_page_without_article_is_an_input_error():
    pytest.importorskip("trafilatura")
    from quotedb.html import extract_html

    with pytest.raises(InputError, match="no article text"):
        extract_html(b"<html><head></head><body></body></html>", "empty.html")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ingest_reads_html_pages(db_url, tmp_path, workers):
    pytest.importorskip("trafilatura")
    from click.testing import CliRunner

    from quotedb.cli import cli

    (tmp_path / "port.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.htm").write_bytes(b"<html><head></head><body></body></html>")
    result = CliRunner().invoke(cli, ["--db", db_url, "ingest", str(tmp_path), "--workers", workers])
    assert (result.exit_code, result.stderr) == (1, f"error: {tmp_path / 'empty.htm'}: no article text found in the HTML\n")
    assert result.stdout == "articles: 1 new, 0 unchanged, 1 failed; statements stored: 2\n"
    rows = CliRunner().invoke(cli, ["--db", db_url, "sql", "SELECT article_title, outlet, speaker FROM statement_details", "--format", "csv"])
    assert rows.stderr == ""
    assert rows.stdout.splitlines() == ["article_title,outlet,speaker"] + ["Port reopens after storm,Harbour Times,Tomas Berg"] * 2
