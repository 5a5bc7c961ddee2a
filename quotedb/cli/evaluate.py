"""``quotedb eval``: score the parser against gold attributions (brat directories or JSON)."""

from __future__ import annotations

import json

import click

from quotedb.cli.app import cli, examples


@cli.command(
    "eval",
    epilog=examples(
        "quotedb eval polnear/dev/              # brat standoff folders (text/ + attributions/)",
        "quotedb eval gold.json -v              # also list misses and extras",
        "quotedb eval dev.gold.json --names fixtures/gold/polnear-dev-speakers.json --corpus   # stored speaker rows",
        "quotedb parse article.txt --json       # next: look at one article's output",
    ),
)
@click.argument("gold", nargs=-1, required=True, type=click.Path())
@click.option("-v", "--verbose", is_flag=True, help="Also list missed, extra and wrongly attributed statements.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--names", type=click.Path(exists=True, dir_okay=False),
              help="Canonical speaker names for the gold statements (see fixtures/gold/): score speakers by name.")
@click.option("--corpus", is_flag=True,
              help="Ingest the gold articles into a temporary database and score the stored speaker rows (B-cubed too).")
@click.option("--with", "extra", multiple=True, type=click.Path(exists=True),
              help="With --corpus: more texts to ingest alongside (what bare surnames are resolved against).")
def eval_cmd(gold: tuple[str, ...], verbose: bool, as_json: bool, names: str | None, corpus: bool, extra: tuple[str, ...]) -> None:
    """Score the parser on GOLD: PolNeAR-layout folders (text/ + attributions/) or scorer JSON files."""
    from quotedb.evaluate import evaluate, evaluate_corpus

    if extra and not corpus:
        raise click.UsageError("--with needs --corpus")
    stored = evaluate_corpus(gold, names, extra, verbose) if corpus else None
    report = stored.statements if stored else evaluate(gold, verbose=verbose, names=names)
    if as_json:
        click.echo(json.dumps((stored or report).to_json(verbose), ensure_ascii=False, indent=2))
        return
    if verbose:
        for title, lines in (("missed", report.misses), ("extra", report.extras), ("speaker", report.wrong_speakers)):
            for line in lines:
                click.echo(f"{title:8} {line}")
    click.echo(f"documents          {report.documents}")
    click.echo(f"predicted / gold   {report.predicted} / {report.gold} (matched {report.matched})")
    click.echo(f"precision          {report.precision:.3f}")
    click.echo(f"recall             {report.recall:.3f}")
    click.echo(f"F1                 {report.f1:.3f}")
    click.echo(f"exact-match recall {report.exact_recall:.3f} ({report.exact_share:.3f} of the matched statements)")
    click.echo(f"speaker accuracy   {report.speaker_accuracy:.3f}" + (" (stored speaker names)" if stored else ""))
    if stored:
        click.echo(f"speaker rows       B-cubed precision {stored.b3_precision:.3f}, recall {stored.b3_recall:.3f}, F1 {stored.b3_f1:.3f}")
    click.echo(f"duplicates         {report.duplicates}")
    click.echo("by kind            gold  matched  speaker-correct")
    for kind, (n, matched, good) in sorted(report.by_kind.items()):
        click.echo(f"  {kind:16} {n:5}  {matched:7}  {good:15}")
    click.echo("by category        predicted  right  precision")
    for category, (n, right) in sorted(report.by_category.items()):
        click.echo(f"  {category:16} {n:9}  {right:5}  {right / n:9.3f}")
