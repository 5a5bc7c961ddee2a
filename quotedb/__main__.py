"""``python -m quotedb`` runs the command line."""

from __future__ import annotations

from quotedb.cli import main

main()
