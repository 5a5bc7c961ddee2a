"""Hand-built parsed articles, so store, search and export tests do not depend on the parser."""

from __future__ import annotations

from datetime import datetime

from quotedb.parse import ArticleMeta, Paragraph, ParsedArticle, Span, Speaker, Statement


def article(
    body: str,
    statements: list[tuple[str, str | None, str]] | list[tuple[str, str | None, str, str]],
    *,
    speakers: tuple[Speaker, ...] = (),
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published_at: datetime | None = None,
) -> ParsedArticle:
    """``statements`` are (exact text in ``body``, speaker name or None, kind[, category])."""
    found = []
    for text, speaker, kind, *category in statements:
        start = body.index(text)
        mention = None
        if speaker:
            surname = speaker.split()[-1]
            pos = body.find(surname, start + len(text))
            if pos >= 0:
                mention = Span(pos, pos + len(surname), surname)
        found.append(
            Statement(
                text=text,
                start=start,
                end=start + len(text),
                kind=kind,  # type: ignore[arg-type]
                paragraph=body.count("\n\n", 0, start),
                speaker=speaker,
                speaker_mention=mention,
                cue=None,
                confidence=0.9,
                category=category[0] if category else "speech",
            )
        )
    return ParsedArticle(
        text=body,
        meta=ArticleMeta(title=title, outlet=outlet, url=url, published_at=published_at),
        paragraphs=(Paragraph(0, 0, len(body)),),
        speakers=speakers,
        statements=tuple(found),
        parser_version="test",
    )
