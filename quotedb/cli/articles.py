"""Commands about single articles: parse (no database)."""

from __future__ import annotations

import json

import click

from quotedb.cli.app import cli
from quotedb.errors import InputError
from quotedb.parse import parse_article
from quotedb.sources import read_article_file


@cli.command("parse")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the documented contract).")
@click.option("--encoding", metavar="CODEC", help="Decode the file with this codec instead of UTF-8.")
def parse_cmd(file: str, as_json: bool, encoding: str | None) -> None:
    """Parse FILE and print its metadata and statements; touches no database."""
    try:
        text = read_article_file(file, encoding=encoding)
    except InputError as exc:
        raise InputError(f"{file}: {exc}") from None
    parsed = parse_article(text)
    if as_json:
        click.echo(json.dumps(parsed.to_json(), ensure_ascii=False, indent=2))
        return
    meta = parsed.meta
    click.echo(f"title:     {meta.title or '-'}")
    click.echo(f"outlet:    {meta.outlet or '-'}")
    click.echo(f"published: {meta.published_at.isoformat() if meta.published_at else '-'}")
    click.echo(f"statements: {len(parsed.statements)}")
    for i, st in enumerate(parsed.statements, start=1):
        who = st.speaker or "(unresolved)"
        cue = st.cue.text if st.cue else "-"
        click.echo(f"{i:>3}. [{st.kind}] {who} ({cue}): {st.text}")
