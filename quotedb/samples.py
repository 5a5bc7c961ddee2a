"""Sample articles shipped with quotedb (the fixtures/articles folder of the source tree)."""

from __future__ import annotations

from pathlib import Path

from quotedb.db import packaged_dir


def sample_paths() -> list[Path]:
    """The sample article files, in name order."""
    return sorted(packaged_dir("_samples", "fixtures/articles").glob("*.txt"))
