"""Command line: each command opens the store, makes one library call and formats the result."""

from __future__ import annotations

from quotedb.cli import articles, claims, database, demo, evaluate, query, speakers  # noqa: F401  (register their commands)
from quotedb.cli.app import cli


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="quotedb")


__all__ = ["cli", "main"]
