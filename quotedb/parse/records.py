"""Typed, frozen records the parser yields.

These are the parser's whole public output: the store, the CLI's JSON contract and the
evaluator read nothing else. Offsets are Python ``str`` indices into ``ParsedArticle.text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, NamedTuple

StatementKind = Literal["direct", "mixed", "indirect"]
#: What a statement attributes (see docs/parser.md, "Categories").
StatementCategory = Literal["speech", "belief", "intention", "stance", "evidence"]
#: How the parser decided a statement's speaker: the mention names them (``name``), a partial
#: name the article spells in full elsewhere (``article-name``), a pronoun or "who"
#: (``pronoun``), a description (``description``).
SpeakerMethod = Literal["name", "article-name", "pronoun", "description"]
SpeakerKind = Literal["person", "organization", "group", "unknown"]


class Span(NamedTuple):
    """A half-open ``[start, end)`` slice of the article text, with the text it covers.

    Spans and statements are named tuples, the other records frozen dataclasses: a dense article
    makes thousands of statements, and a named tuple builds five times faster than a frozen
    dataclass (whose ``__init__`` goes through ``object.__setattr__`` field by field).
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph (boilerplate already removed); ``index`` counts body paragraphs from 0."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Speaker:
    """One entity per article: every mention of the same person or body resolves to it.

    ``aliases`` are the other forms of the *name* it goes by in the article, without titles or
    role words: a person's surname or first name ("Brooks" for "Elena Brooks", "Reed" from
    "Mr. Reed"). Pronouns and descriptions ("he", "the envoy", "The company") are not aliases:
    each statement keeps the words that named its speaker in ``Statement.speaker_mention``. An
    organisation or group has no partial-name aliases ("Way" is not one for "Which Way").
    """

    name: str
    kind: SpeakerKind = "unknown"
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    #: False for a description nothing in the article names ("the envoy", "a senior official"):
    #: it is a speaker of this article only, never the same entity as one of another article
    named: bool = True


class Statement(NamedTuple):
    """One attributed statement.

    ``speaker`` is the canonical name of the resolved entity (``None`` when the parser would
    rather not guess); ``speaker_mention`` is the words in the text that name the source at
    this statement ("he", "the envoy", "Chen"); ``speaker_method`` says how the one led to the
    other. ``confidence`` is how sure the parser is of the attribution as a whole.
    """

    text: str
    start: int
    end: int
    kind: StatementKind
    paragraph: int
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    confidence: float = 1.0
    category: StatementCategory = "speech"
    speaker_method: SpeakerMethod | None = None
    #: A statement said in pieces ('"A," she said, "B."'): each piece; ``text`` is the pieces
    #: joined by a space, ``start``/``end`` span them all. Empty for a statement in one piece,
    #: whose ``text`` is exactly ``article[start:end]``.
    parts: tuple[Span, ...] = ()

    def pieces(self) -> tuple[Span, ...]:
        """The spans the statement's text is made of: its ``parts``, or its one span."""
        return self.parts or (Span(self.start, self.end, self.text),)

    def to_json(self) -> dict[str, object]:
        """The public JSON contract of ``quotedb parse --json`` (and the CSV column names)."""
        mention, cue = self.speaker_mention, self.cue
        return {
            "speaker": self.speaker,
            "speaker_mention": mention.text if mention else None,
            "speaker_mention_start": mention.start if mention else None,
            "speaker_mention_end": mention.end if mention else None,
            "cue": cue.text if cue else None,
            "cue_start": cue.start if cue else None,
            "cue_end": cue.end if cue else None,
            "kind": self.kind,
            "category": self.category,
            "speaker_method": self.speaker_method,
            "text": self.text,
            "parts": [[p.start, p.end] for p in self.parts] or None,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """Article metadata: from the text's own header, overridden by what the caller knows."""

    title: str | None = None
    outlet: str | None = None
    section: str | None = None
    byline: str | None = None
    dateline: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "title": self.title,
            "outlet": self.outlet,
            "section": self.section,
            "byline": self.byline,
            "dateline": self.dateline,
            "url": self.url,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """Everything the parser knows about one article."""

    text: str
    meta: ArticleMeta
    paragraphs: tuple[Paragraph, ...]
    speakers: tuple[Speaker, ...]
    statements: tuple[Statement, ...]
    parser_version: str

    def only(self, categories: Sequence[str]) -> ParsedArticle:
        """The same article with only the statements of these categories ("speech", …)."""
        return replace(self, statements=tuple(s for s in self.statements if s.category in categories))

    def to_json(self) -> dict[str, object]:
        return {
            "article": {**self.meta.to_json(), "parser_version": self.parser_version},
            "speakers": [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "role": s.role,
                    "affiliation": s.affiliation,
                    "aliases": list(s.aliases),
                    "named": s.named,
                }
                for s in self.speakers
            ],
            "statements": [s.to_json() for s in self.statements],
        }
