"""Commands about articles: parse (no database), ingest, show, stats."""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

import click

from quotedb.cli.app import AppContext, category_option, cli, examples, pass_app, plural, terminal
from quotedb.constants import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BYTES, STDIN_FORMATS
from quotedb.errors import InputError, QuotedbError

if TYPE_CHECKING:
    from quotedb.ingest import IngestSummary, Outcome, Shard


@cli.command(
    "parse",
    epilog=examples(
        "quotedb parse article.txt                 # metadata and numbered statements",
        "quotedb parse article.txt --json | jq .statements[0]",
        "quotedb parse article.txt --category speech   # only what was said or written",
        "quotedb ingest article.txt                # next: store it",
    ),
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (the documented contract).")
@click.option("--encoding", metavar="CODEC", help="Decode the file with this codec instead of UTF-8.")
@category_option
def parse_cmd(file: str, as_json: bool, encoding: str | None, categories: tuple[str, ...]) -> None:
    """Parse FILE and print its metadata and statements; touches no database."""
    from quotedb.parse import parse_article
    from quotedb.sources import read_article_file

    try:
        text = read_article_file(file, encoding=encoding)
    except InputError as exc:
        raise InputError(f"{file}: {exc}") from None
    parsed = parse_article(text)
    if categories:
        parsed = parsed.only(categories)
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
    """Failures to stderr as they happen; on a terminal, a progress bar (total, rate, ETA).

    It also keeps its own count of what was stored, so a run stopped by an error (a dead
    worker, a full disk, a lost connection) can still say what it had committed.
    """

    def __init__(self, total: int | None) -> None:
        from quotedb.ingest import IngestSummary

        self.summary: IngestSummary = IngestSummary()
        self.started = time.monotonic()
        self.bar: Any = None
        if terminal():
            self.bar = click.progressbar(
                length=total or 0, label="ingesting", file=sys.stderr, show_eta=bool(total), show_pos=True,
                item_show_func=self._rate,
            )  # fmt: skip
            self.bar.__enter__()

    def _rate(self, _item: object) -> str:
        seconds = max(time.monotonic() - self.started, 1e-6)
        return f"{self.seen / seconds:,.0f} articles/s"

    @property
    def seen(self) -> int:
        s = self.summary
        return s.new + s.unchanged + s.updated + s.failed

    def __call__(self, outcome: Outcome) -> None:
        self.summary.add(outcome)
        if outcome.error is not None:
            self.clear()
            click.echo(f"error: {outcome.origin}: {outcome.error}", err=True)
        if self.bar is not None:
            self.bar.update(1, outcome)

    def clear(self) -> None:
        if self.bar is not None:
            click.echo("\r\033[K", nl=False, err=True)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
            elapsed = time.monotonic() - self.started
            click.echo(f"done in {elapsed:.1f} s ({plural(self.seen, 'article')})", err=True)


class ShardType(click.ParamType):
    """``--shard K/N``; a malformed value is a usage error (exit 2)."""

    name = "K/N"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Shard:
        from quotedb.ingest import Shard

        if isinstance(value, Shard):
            return value
        try:
            return Shard.parse(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def _rerun_hint() -> str:
    return "run the same command again to finish: stored articles are skipped"


@cli.command(
    "ingest",
    epilog=examples(
        "quotedb ingest article.txt crawl/            # files and folders (recursively)",
        "cat articles.jsonl | quotedb ingest - --format jsonl",
        "quotedb ingest crawl/ --workers 2            # parse in two processes",
        "quotedb link                                 # next: find claims repeated across outlets",
    ),
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH…")
@click.option(
    "--format",
    "stdin_format",
    type=click.Choice(STDIN_FORMATS),
    default="auto",
    show_default=True,
    help="What standard input (-) holds: one article as text, or JSON Lines (one article per line); "
    "auto reads JSON Lines when its first non-blank character is '{' and says so.",
)
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
    stdin_format: str,
    encoding: str | None,
    max_bytes: int,
    workers: int,
    shard: Shard | None,
    batch_size: int,
) -> None:
    """Parse and store articles: files, directories (recursively), .jsonl, .html, .warc(.gz), or - for stdin.

    Each article is stored whole or not at all; text already stored is skipped, so re-running
    is safe, also after a crash. Exits with status 1 if any input failed (each failure is
    reported on stderr).
    """
    from quotedb.ingest import ingest
    from quotedb.sources import count_articles

    store = app.store(schema="migrate")
    progress = _Progress(count_articles(paths) if terminal() else None)
    stop = threading.Event()

    def on_sigint(signum: int, frame: object) -> None:
        if stop.is_set():  # a second Ctrl-C: stop now; the open transaction rolls back
            raise KeyboardInterrupt
        stop.set()

    def note(message: str) -> None:
        progress.clear()
        click.echo(message, err=True)

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
            stdin_format=stdin_format,
            on_note=note,
        )
    except KeyboardInterrupt:
        progress.clear()
        click.echo("interrupted again: the batch being written was rolled back", err=True)
        click.echo(_rerun_hint(), err=True)
        sys.exit(130)
    except QuotedbError as exc:
        progress.clear()
        click.echo(f"stopped: {exc}", err=True)
        click.echo(f"stored before it stopped: {progress.summary.line()}", err=True)
        if "rerun" not in str(exc) and "run the same command" not in str(exc):
            click.echo(_rerun_hint(), err=True)
        sys.exit(1)
    finally:
        signal.signal(signal.SIGINT, previous)
    progress.finish()
    if summary.interrupted:
        click.echo(f"interrupted; stored so far: {summary.line()}")
        click.echo(_rerun_hint(), err=True)
        sys.exit(130)
    click.echo(summary.line())
    if terminal() and (summary.new or summary.updated):
        click.echo("next: quotedb search WORDS, quotedb speakers, or quotedb link to find repeated claims", err=True)
    if summary.failed:
        sys.exit(1)


@cli.command(
    "show",
    epilog=examples(
        "quotedb show 4           # statement 4 in its paragraph",
        "quotedb show 4 --json",
        "quotedb claims show 4    # next: where else it was said (after 'quotedb link')",
    ),
)
@click.argument("statement_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_app
def show_cmd(app: AppContext, statement_id: int, as_json: bool) -> None:
    """Show one statement in its paragraph, with its speaker and article."""
    from quotedb.cli.claims import echo_statement_claim
    from quotedb.formats import plain
    from quotedb.report import statement_detail

    d = statement_detail(app.store(), statement_id)
    if as_json:
        click.echo(json.dumps({k: plain(v) for k, v in d.items()}, ensure_ascii=False, indent=2, default=str))
        return
    sp = d["speaker_record"]
    click.echo(f"statement {d['statement_id']} [{d['kind']}], cue: {d['cue'] or '-'}, confidence {d['confidence']:.2f}")
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
    click.echo(f"paragraph {d['paragraph_index']}:")
    click.echo(f"  {d['paragraph_text']}")
    echo_statement_claim(d)


@cli.command(
    "stats",
    epilog=examples("quotedb stats", "quotedb --db team.sqlite stats --json", "quotedb speakers   # next: who is quoted"),
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_app
def stats_cmd(app: AppContext, as_json: bool) -> None:
    """What the database holds: counts by table and kind, date range, schema revision."""
    from quotedb.formats import plain
    from quotedb.report import stats

    data = {k: plain(v) for k, v in stats(app.store()).items()}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        click.echo(f"{key.ljust(width)}  {'-' if value is None else value}")
