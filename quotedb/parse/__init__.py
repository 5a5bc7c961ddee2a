"""Article text -> metadata, body paragraphs and speaker-attributed statements.

Pure functions over text: no I/O, no database. ``parse_article`` runs the named steps in order.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from quotedb.parse.article import reads_as_sentence, split_article, title_as_body
from quotedb.parse.assemble import assemble
from quotedb.parse.quotes import find_quotes
from quotedb.parse.records import (
    ArticleMeta,
    Paragraph,
    ParsedArticle,
    Span,
    Speaker,
    Statement,
)
from quotedb.parse.reported import frames
from quotedb.parse.segment import sentences, tokens
from quotedb.parse.speakers import Resolver

PARSER_VERSION = "0.2.0"

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
    """Parse one article; keyword metadata the caller knows overrides what the header says.

    Steps: layout (header, paragraphs, boilerplate) -> quotations -> sentences -> attribution
    frames and statements -> speakers resolved within the article.
    """
    layout = split_article(text)
    if layout.title_span is not None and _opening_sentence(text, *layout.title_span):
        layout = title_as_body(layout)
    given: dict[str, Any] = {
        "title": title,
        "outlet": outlet,
        "url": url,
        "published_at": published_at,
        "updated_at": updated_at,
        "section": section,
        "byline": byline,
        "dateline": dateline,
    }
    meta = replace(layout.meta, **{k: v for k, v in given.items() if v is not None})
    quotes = find_quotes(text, layout.paragraphs)
    sents = sentences(text, layout.paragraphs, quotes)
    resolver = Resolver(text, [(p.start, p.end) for p in layout.paragraphs])
    statements = assemble(text, sents, quotes, resolver)
    return ParsedArticle(
        text=text,
        meta=meta,
        paragraphs=layout.paragraphs,
        speakers=resolver.speakers(),
        statements=tuple(statements),
        parser_version=PARSER_VERSION,
    )


def _opening_sentence(text: str, start: int, end: int) -> bool:
    """Is the line taken for a headline the story's opening sentence: it reads like a sentence and
    attributes something to someone ("Judge rejects New York Times request to unseal file.")?"""
    if not reads_as_sentence(text[start:end]):
        return False
    para = [Paragraph(0, start, end)]
    quotes = find_quotes(text, para)
    return any(
        f.source is not None
        for sent in sentences(text, para, quotes)
        for f in frames(text, tokens(text, sent.start, sent.end, quotes), sent)
    )
