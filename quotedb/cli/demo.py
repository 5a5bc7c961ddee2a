"""``quotedb demo``: ingest the bundled sample articles and walk through search, speakers, export."""

from __future__ import annotations

import shlex
import sys

import click

from quotedb.cli.app import AppContext, cli, examples, pass_app
from quotedb.cli.articles import show_cmd

#: A query the bundled samples answer; shown so users can try their own next.
DEMO_QUERY = "waited"
DEMO_EXPORT = "quotedb-demo-statements.csv"
#: The demo's own database: it never writes its samples into a research database by surprise.
DEMO_DB = "quotedb-demo.sqlite"


def _step(title: str, command: str) -> None:
    click.echo()
    click.secho(f"== {title}", bold=True)
    click.secho(f"$ {command}", fg="cyan")


@cli.command(
    "demo",
    epilog=examples(
        "quotedb demo                        # into ./quotedb-demo.sqlite",
        "quotedb --db try.sqlite demo        # into a database you name",
        "quotedb ingest your-articles/       # next: your own articles, in ./quotedb.sqlite",
    ),
)
@click.option("--export-to", default=DEMO_EXPORT, show_default=True, type=click.Path(dir_okay=False), help="Where to write the demo CSV export.")
@pass_app
def demo_cmd(app: AppContext, export_to: str) -> None:
    """Ingest the sample articles shipped with quotedb, then search, link claims and export.

    Uses its own database file, ./quotedb-demo.sqlite, unless --db names one on the command line
    ($QUOTEDB_DATABASE_URL is not used: the samples never land in a research database).
    """
    from quotedb.claims import claims_summary, conflict_rows
    from quotedb.export import STATEMENT_EXPORT, speaker_rows, statement_rows, write_rows
    from quotedb.ingest import ingest
    from quotedb.link import link
    from quotedb.samples import sample_paths
    from quotedb.search import Filters, search

    location = app.db if app.db_given and app.db else DEMO_DB
    app.db = location
    store = app.store(schema="migrate")
    paths = [str(p) for p in sample_paths()]
    db_opt = f"--db {shlex.quote(location)} "
    click.echo(f"quotedb demo on {store.display_url}")
    _step(f"Ingest {len(paths)} sample articles", f"quotedb {db_opt}ingest <samples>")
    summary = ingest(store, paths)
    click.echo(summary.line())
    _step("Who is quoted", f"quotedb {db_opt}speakers")
    speakers = list(speaker_rows(store, Filters()))[:8]
    write_rows(speakers, ("id", "name", "kind", "statements", "articles"), "table", sys.stdout)
    _step("Search statements", f"quotedb {db_opt}search {DEMO_QUERY}")
    hits = search(store, DEMO_QUERY, limit=5)
    write_rows(hits, ("statement_id", "speaker", "kind", "text"), "table", sys.stdout)
    if hits:
        _step("One statement in context", f"quotedb {db_opt}show {hits[0]['statement_id']}")
        click.get_current_context().invoke(show_cmd, statement_id=hits[0]["statement_id"], as_json=False)
    _step("Link statements that say the same thing into claims", f"quotedb {db_opt}link")
    click.echo(link(store).line())
    _step("Claims pinned on more than one speaker", f"quotedb {db_opt}claims --conflicts")
    for claim_id, attributions in claims_summary(conflict_rows(store)).items():
        names = "; ".join(sorted({r["speaker"] or "(unresolved)" for r in attributions}))
        click.echo(f"claim {claim_id} ({names}): {attributions[0]['claim_text']}")
    _step("Export every statement to CSV", f"quotedb {db_opt}export statements -o {shlex.quote(export_to)}")
    with open(export_to, "w", encoding="utf-8", newline="") as fh:
        n = write_rows(statement_rows(store, Filters()), STATEMENT_EXPORT, "csv", fh)
    click.echo(f"wrote {n} statements to {export_to}")
    click.echo()
    click.echo('Next: quotedb ingest your-articles/ ; quotedb sql "SELECT * FROM statement_details LIMIT 10"')
