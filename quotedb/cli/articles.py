"""Commands about articles: parse (no database), ingest, show, stats, demo."""

from __future__ import annotations

import json
import signal
import sys
import threading

import click

from quotedb.cli.app import AppContext, cli, pass_app
from quotedb.cli.claims import echo_statement_claim
from quotedb.errors import InputError
from quotedb.ingest import DEFAULT_BATCH_SIZE, Outcome, Shard, ingest
from quotedb.parse import parse_article
from quotedb.report import statement_detail, stats
from quotedb.sources import DEFAULT_MAX_BYTES, read_article_file


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
    click.echo(f"title:      {meta.title or '-'}")
    click.echo(f"outlet:     {meta.outlet or '-'}")
    click.echo(f"published:  {meta.published_at.isoformat() if meta.published_at else '-'}")
    click.echo(f"statements: {len(parsed.statements)}")
    for i, st in enumerate(parsed.statements, start=1):
        who = st.speaker or "(unresolved)"
        cue = st.cue.text if st.cue else "-"
        click.echo(f"{i:>3}. [{st.kind}] {who} ({cue}): {st.text}")


class _Progress:
    """Failures to stderr as they happen; on a terminal, a running count on one line."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty()
        self.seen = 0

    def __call__(self, outcome: Outcome) -> None:
        self.seen += 1
        if outcome.error is not None:
            self.clear()
            click.echo(f"error: {outcome.origin}: {outcome.error}", err=True)
        if self.live:
            click.echo(f"\r{self.seen} articles read…", nl=False, err=True)

    def clear(self) -> None:
        if self.live:
            click.echo("\r\033[K", nl=False, err=True)


class ShardType(click.ParamType):
    """``--shard K/N``; a malformed value is a usage error (exit 2)."""

    name = "K/N"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Shard:
        if isinstance(value, Shard):
            return value
        try:
            return Shard.parse(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH…")
@click.option("--encoding", metavar="CODEC", help="Decode text files with this codec instead of UTF-8.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse articles (files, JSON lines) larger than this.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Parse in this many processes (the main process writes).",
)
@click.option("--shard", type=ShardType(), help="Take only shard K of N (by content hash), e.g. 2/4 on the second of four machines.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Articles per write transaction.",
)
@pass_app
def ingest_cmd(
    app: AppContext,
    paths: tuple[str, ...],
    encoding: str | None,
    max_bytes: int,
    workers: int,
    shard: Shard | None,
    batch_size: int,
) -> None:
    """Parse and store articles: files, directories (recursively), .jsonl, .html, or - for stdin.

    Each article is stored whole or not at all; text already stored is skipped, so re-running
    is safe, also after a crash. Exits with status 1 if any input failed (each failure is
    reported on stderr).
    """
    store = app.store()
    progress = _Progress()
    stop = threading.Event()

    def on_sigint(signum: int, frame: object) -> None:
        if stop.is_set():  # a second Ctrl-C: stop now; the open transaction rolls back
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        summary = ingest(
            store,
            paths,
            encoding=encoding,
            max_bytes=max_bytes,
            workers=workers,
            shard=shard,
            batch_size=batch_size,
            on_outcome=progress,
            stop=stop,
        )
    except KeyboardInterrupt:
        progress.clear()
        click.echo("interrupted again: the batch being written was rolled back", err=True)
        click.echo("run the same command again to finish: stored articles are skipped", err=True)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, previous)
    progress.clear()
    if summary.interrupted:
        click.echo(f"interrupted; stored so far: {summary.line()}")
        click.echo("run the same command again to finish: stored articles are skipped", err=True)
        sys.exit(130)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


@cli.command("show")
@click.argument("statement_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_app
def show_cmd(app: AppContext, statement_id: int, as_json: bool) -> None:
    """Show one statement in its paragraph, with its speaker and article."""
    d = statement_detail(app.store(), statement_id)
    if as_json:
        from quotedb.export import plain

        click.echo(json.dumps({k: plain(v) for k, v in d.items()}, ensure_ascii=False, indent=2, default=str))
        return
    sp = d["speaker_record"]
    click.echo(f"statement {d['id']} [{d['kind']}], cue: {d['cue'] or '-'}, confidence {d['confidence']:.2f}")
    click.echo(f"  {d['text']}")
    if sp:
        extra = ", ".join(x for x in (sp["role"], sp["affiliation"]) if x)
        click.echo(f"speaker: {sp['name']} ({sp['kind']}{', ' + extra if extra else ''}), id {sp['id']}")
        if sp["aliases"]:
            click.echo(f"  also: {'; '.join(sp['aliases'])}")
    else:
        click.echo(f"speaker: unresolved (mention: {d['speaker_mention'] or '-'})")
    published = d["published_at"].date().isoformat() if d["published_at"] else "undated"
    click.echo(f"article {d['article_id']}: {d['article_title'] or '(untitled)'} — {d['outlet'] or 'unknown outlet'}, {published}")
    if d["url"]:
        click.echo(f"  {d['url']}")
    click.echo(f"paragraph {d['paragraph']}:")
    click.echo(f"  {d['paragraph_text']}")
    echo_statement_claim(d)


@cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_app
def stats_cmd(app: AppContext, as_json: bool) -> None:
    """What the database holds: counts by table and kind, date range, schema revision."""
    from quotedb.export import plain

    data = {k: plain(v) for k, v in stats(app.store()).items()}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        click.echo(f"{key.ljust(width)}  {'-' if value is None else value}")
