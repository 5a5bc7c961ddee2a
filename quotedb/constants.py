"""Names, choices and defaults shared by the library and the command line, free to import.

The command line builds every ``--help`` page and option from these without importing the
database layer (SQLAlchemy, SQLModel, Alembic) or NumPy: that is what keeps ``quotedb --help``
and ``quotedb parse`` quick to start (measured by benchmarks/startup.py).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from quotedb.errors import QueryError

STATEMENT_KINDS = ("direct", "mixed", "indirect")
#: What a statement attributes: said or written words, a belief, an intention, a stance taken on
#: something, or what a poll, report or study found (docs/parser.md has examples of each).
STATEMENT_CATEGORIES = ("speech", "belief", "intention", "stance", "evidence")
#: How a statement's speaker was decided: the mention names them in full (``name``), a partial name
#: the article spells in full elsewhere (``article-name``), a bare surname the corpus makes
#: unambiguous (``corpus-name``), a pronoun or ``who`` (``pronoun``), a description such as "the
#: envoy" (``description``), or a curator's decision (``curated``).
SPEAKER_METHODS = ("name", "article-name", "corpus-name", "pronoun", "description", "curated")
SPEAKER_KINDS = ("person", "organization", "group", "unknown")
#: Where an alias comes from: the parser, a curator, or a curator's removal (a tombstone that
#: keeps a re-parse from adding the alias back).
ALIAS_SOURCES = ("parser", "curated", "removed")
#: How two statements were found to say the same thing (see quotedb.link).
LINK_METHODS = ("exact", "near", "partial", "elided")
#: Typed relations researchers record between claims.
RELATION_KINDS = ("rebuts", "supports", "same", "cites")
CURATION_ACTIONS = ("merge", "alias-add", "alias-remove", "rename", "external-id")

#: Output formats of listings (``table`` only on a terminal by default).
FORMATS = ("table", "csv", "json", "ndjson")

#: Articles (files, JSON lines, pages) larger than this are refused (``--max-bytes``).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: What ``ingest -`` reads from standard input (``--format``).
STDIN_FORMATS = ("auto", "text", "jsonl")
#: ``quotedb sql``: rows and seconds a query gets unless told otherwise.
DEFAULT_ROW_LIMIT = 1000
DEFAULT_TIMEOUT_S = 10.0

#: Articles per write transaction: big enough to amortise commits and lookups, small enough
#: that a writer holds SQLite's lock for milliseconds (measured in benchmarks/ingest_scale.py).
DEFAULT_BATCH_SIZE = 200


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """Linking thresholds; the defaults are justified in docs/claims.md (benchmarks/link_scale.py)."""

    near: float = 90.0
    partial: float = 95.0
    min_partial_words: int = 8
    shingle: int = 4
    window: int = 3
    max_postings: int = 200
    #: Only statements of these categories take part in claims (empty: every statement).
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not (0 < self.near <= 100 and 0 < self.partial <= 100):
            raise QueryError("--near and --partial are rapidfuzz scores: use values above 0 and up to 100")
        if self.shingle < 1 or self.window < 1 or self.max_postings < 2:
            raise QueryError("shingle and window must be at least 1, max_postings at least 2")
        if self.min_partial_words < self.shingle + self.window - 1:
            raise QueryError(
                f"--min-partial-words must be at least {self.shingle + self.window - 1} "
                "(shorter pieces are not guaranteed to share a fingerprint with their source)"
            )

    def to_json(self) -> str:
        """The settings as stored with each run; a run under other settings rebuilds in full."""
        data = asdict(self)
        categories = sorted(set(data.pop("categories")))
        if categories:  # runs stored before categories existed have no such key: equal settings, equal JSON
            data["categories"] = categories
        return json.dumps(data, sort_keys=True)


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 statement``, ``2 statements``, ``1,200 articles``: counts in messages."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"
