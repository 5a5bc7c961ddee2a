"""Command line: each command opens the store, makes one library call and formats the result."""

from __future__ import annotations

from quotedb.cli import articles  # noqa: F401  (registers commands)
from quotedb.cli import evaluate  # noqa: F401  (registers commands)
from quotedb.cli.app import cli


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="quotedb")


__all__ = ["cli", "main"]
