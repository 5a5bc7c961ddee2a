"""Article text -> metadata, body paragraphs and speaker-attributed statements.

Pure functions over text: no I/O, no database. ``parse_article`` runs the named steps in order.
"""

from __future__ import annotations

from datetime import datetime

from quotedb.parse.records import (
    ArticleMeta,
    Paragraph,
    ParsedArticle,
    Span,
    Speaker,
    Statement,
)

PARSER_VERSION = "0.1.0"

__all__ = [
    "PARSER_VERSION",
    "ArticleMeta",
    "Paragraph",
    "ParsedArticle",
    "Span",
    "Speaker",
    "Statement",
    "parse_article",
]


def parse_article(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published_at: datetime | None = None,
    updated_at: datetime | None = None,
    section: str | None = None,
    byline: str | None = None,
    dateline: str | None = None,
) -> ParsedArticle:
    """Parse one article; keyword metadata the caller knows overrides what the header says."""
    raise NotImplementedError
