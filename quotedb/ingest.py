"""Sources -> parse -> store, one article per transaction, with a summary of what happened.

A bad input is reported and skipped; the rest are stored. Re-running the same inputs stores
nothing new, so an interrupted ingest is completed by running it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from quotedb.errors import QuotedbError
from quotedb.parse import parse_article
from quotedb.sources import DEFAULT_MAX_BYTES, SourceDoc, SourceFailure, iter_sources
from quotedb.store import SaveResult, Store, save_article


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's fate: a SaveResult, or the reason it failed."""

    origin: str
    result: SaveResult | None = None
    error: str | None = None


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    updated: int = 0
    statements: int = 0
    failures: list[SourceFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, outcome: Outcome) -> None:
        if outcome.result is None:
            self.failures.append(SourceFailure(outcome.origin, outcome.error or "failed"))
            return
        setattr(self, outcome.result.status, getattr(self, outcome.result.status) + 1)
        self.statements += outcome.result.statements

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        parts = [f"{self.new} new", f"{self.unchanged} unchanged"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        parts.append(f"{self.failed} failed")
        return f"articles: {', '.join(parts)}; statements stored: {self.statements}"


def ingest_one(store: Store, doc: SourceDoc) -> Outcome:
    """Parse and store one article; any failure becomes the Outcome's one-line error."""
    try:
        parsed = parse_article(doc.text, **doc.meta)  # type: ignore[arg-type]
    except Exception as exc:  # a parser bug must not stop the batch; report it with the file
        return Outcome(doc.origin, error=f"parser error ({type(exc).__name__}: {exc}); please report it")
    try:
        return Outcome(doc.origin, result=save_article(store, parsed, source_path=doc.path))
    except QuotedbError as exc:
        return Outcome(doc.origin, error=str(exc))


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_outcome: Callable[[Outcome], None] | None = None,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Ingest every article found in ``inputs`` (paths, directories, ``-``).

    Pass ``summary`` to keep counting into your own object, e.g. to report an interrupted run.
    """
    summary = summary if summary is not None else IngestSummary()
    for item in iter_sources(inputs, encoding=encoding, max_bytes=max_bytes):
        if isinstance(item, SourceFailure):
            outcome = Outcome(item.origin, error=item.reason)
        else:
            outcome = ingest_one(store, item)
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary
