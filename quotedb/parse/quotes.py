"""Quotation spans: pairing opening and closing marks, paragraph by paragraph.

Handles straight, curly, low-9, guillemet and single (British) marks, the doubled apostrophe
some wires print for a double quote, nesting, and quotations that run over several paragraphs
(each paragraph opens again and only the last one closes). A mark that cannot be paired is
ignored rather than allowed to swallow the text after it; an apostrophe is never an opener.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from quotedb.parse import vocab
from quotedb.parse.records import Paragraph

_OPEN_ONLY = frozenset("\u201c\u201e\u00ab\u2039")
_CLOSERS = frozenset("\u201d\u00bb\u203a")
_SINGLES = frozenset("\u2018\u2019'")
_MAX_RESCANS = 3
_MARK = re.compile("[" + re.escape("".join(sorted(vocab.QUOTE_CHARS))) + "]")


class Quote(NamedTuple):
    """A top-level quotation within one paragraph, marks included.

    ``closed`` is False when the paragraph ends inside the quotation (it runs on into the next
    paragraph); ``continued`` is True for the later paragraphs of such a quotation. A named tuple:
    an article may hold thousands, and a frozen dataclass costs several times as much to build.
    """

    start: int
    end: int
    paragraph: int
    closed: bool = True
    continued: bool = False


@dataclass(slots=True)
class _Open:
    pos: int
    closers: str
    single: bool


@dataclass(slots=True)
class _Scan:
    spans: list[tuple[int, int]]
    bottom: _Open | None
    unclosed: list[int]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _scan(text: str, start: int, end: int, ignore: set[int], carried: bool) -> _Scan:
    """Pair the marks of one paragraph.

    ``carried`` says the paragraph continues a quotation from the line before without repeating
    the opening mark (a hard-wrapped line), so it starts inside a quotation.
    """
    stack: list[_Open] = [_Open(start, '"\u201d\u00bb', False)] if carried else []
    spans: list[tuple[int, int]] = []
    skip_to = start
    for hit in _MARK.finditer(text, start, end):
        i = hit.start()
        if i < skip_to or i in ignore:
            continue
        ch = text[i]
        width = 2 if ch == "'" and i + 1 < end and text[i + 1] == "'" else 1
        if width == 2 and i + 2 < end and text[i + 2] == "'" and stack and stack[-1].single:
            width = 1  # three apostrophes close a nested quotation: the inner one first, then ''
        mark = '"' if width == 2 else ch
        prev = text[i - 1] if i > start else " "
        nxt = text[i + width] if i + width < end else " "
        bottom = stack[0].pos if stack else -1
        if mark in _SINGLES:
            top = stack[-1] if stack else None
            if top and top.single and mark in top.closers and not _is_word(nxt) and not prev.isspace():
                stack.pop()
            elif (
                mark != "\u2019"
                and not _is_word(prev)
                and (_is_word(nxt) or nxt in vocab.DOUBLE_QUOTE_CHARS)
                and not nxt.isdigit()
            ):
                stack.append(_Open(i, vocab.SINGLE_QUOTES[mark], True))
        else:
            if not stack:
                depth = -1
            elif mark in stack[-1].closers:
                depth = len(stack) - 1
            else:
                depth = next((k for k in range(len(stack) - 2, -1, -1) if mark in stack[k].closers), -1)
            line_start = i == start or (prev in vocab.INVISIBLE and not text[start:i].strip(vocab.INVISIBLE))
            opens_here = (prev.isspace() or line_start or prev in "([{\u2014-/") and not nxt.isspace()
            if mark == '"' and depth >= 0 and opens_here and depth < len(stack) - 1:
                depth = -1  # a straight mark opening a quotation nested in another
            if (mark == "\u201c" and depth < 0 and stack and not stack[-1].single and "\u201d" in stack[-1].closers
                    and not prev.isspace() and not _is_word(nxt)):
                depth = len(stack) - 1  # an opening mark typed for the closing one: '… here,“ said Jim'
            if depth >= 0 and (mark not in '"' or not prev.isspace() or not _is_word(nxt)):
                del stack[depth:]
            elif mark in _OPEN_ONLY or mark == '"' and not nxt.isspace():
                stack.append(_Open(i, vocab.DOUBLE_QUOTES[mark], False))
            elif mark in _CLOSERS and (opens_here or line_start):
                # a closing mark used as an opener (”like this”, »so«)
                stack.append(_Open(i, mark + vocab.DOUBLE_QUOTES.get(mark, ""), False))
        if bottom >= 0 and not stack and (mark not in _SINGLES or _inner_words(text, bottom, i)):
            spans.append((bottom, i + width))
        skip_to = i + width
    return _Scan(spans, stack[0] if stack else None, [o.pos for o in stack])


def _inner_words(text: str, start: int, end: int) -> bool:
    """A single-mark quotation needs a real word inside: "rock 'n' roll" holds none."""
    return sum(ch.isalnum() for ch in text[start + 1 : end]) >= 2


def _opens(text: str, para: Paragraph, single: bool) -> bool:
    """Does the paragraph start with an opening mark (the multi-paragraph convention)?"""
    first = text[para.start] if para.end > para.start else ""
    return first in vocab.DOUBLE_QUOTES or first == "\u201d" or (single and first in vocab.SINGLE_QUOTES)


def _restyled(text: str, opened: int, nxt: Paragraph) -> bool:
    """Does the next paragraph open with the other double-mark style (straight vs curly)?

    A quotation running over paragraphs reopens each one with its own mark; a straight mark
    opening a paragraph followed by one opening with a curly mark is an excerpt's indent marker.
    """
    first = text[nxt.start] if nxt.end > nxt.start else ""
    return (text[opened] == '"') != (first == '"') and first in vocab.DOUBLE_QUOTE_CHARS


def _wrapped(text: str, para: Paragraph) -> bool:
    """Does the paragraph close a quotation before opening one (a hard-wrapped continuation)?"""
    for ch in text[para.start : para.end]:
        if ch in "\u201d\u00bb":
            return True
        if ch in vocab.QUOTE_CHARS:
            return False
    return False


def _paragraph(text: str, para: Paragraph, nxt: Paragraph | None, carried: bool, ignore: set[int]) -> _Scan:
    """Scan one paragraph, dropping marks that stay open unless the quotation runs on into ``nxt``."""
    scan = _scan(text, para.start, para.end, ignore, carried)
    for _ in range(_MAX_RESCANS):
        bottom = scan.bottom
        if bottom is None:
            return scan
        runs_on = nxt is not None and (_opens(text, nxt, bottom.single) or _wrapped(text, nxt))
        restyled = runs_on and nxt is not None and _restyled(text, bottom.pos, nxt)
        if (runs_on and not restyled) or (bottom.pos == para.start and not bottom.single and not restyled):
            return scan
        ignore.update(scan.unclosed)
        if bottom.pos > para.start:
            # the stack was empty where the unclosed mark opened: only what follows it changes
            again = _scan(text, bottom.pos, para.end, ignore, False)
            scan = _Scan(scan.spans + again.spans, again.bottom, again.unclosed)
        else:
            scan = _scan(text, para.start, para.end, ignore, carried)
    scan.bottom = None
    return scan


def find_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Top-level quotations of every paragraph, in text order.

    A run of paragraphs each opening a quotation that never closes, ended by a paragraph whose
    opening mark is an excerpt marker (see ``_restyled``), is an excerpt: its marks are dropped too.
    """
    per: list[list[Quote]] = []
    run: list[int] = []
    carried = False
    continued = False
    for n, para in enumerate(paragraphs):
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        scan = _paragraph(text, para, nxt, carried, set())
        opened_here = text[para.start : para.start + 1] == '"'
        if run and opened_here and scan.bottom is None and not any(s == para.start for s, _ in scan.spans):
            for m in run:  # the run was an excerpt, not a quotation over several paragraphs
                redo = _paragraph(text, paragraphs[m], paragraphs[m + 1], False, {paragraphs[m].start})
                per[m] = [Quote(s, e, paragraphs[m].index) for s, e in redo.spans]
        quotes: list[Quote] = []
        for k, (s, e) in enumerate(scan.spans):
            quotes.append(Quote(s, e, para.index, True, continued and k == 0 and s == para.start))
        bottom = scan.bottom
        if bottom is not None:
            quotes.append(Quote(bottom.pos, para.end, para.index, False, continued and not scan.spans))
        per.append(quotes)
        run = run + [n] if bottom is not None and bottom.pos == para.start and opened_here else []
        carried = bottom is not None and nxt is not None and not _opens(text, nxt, bottom.single) and _wrapped(text, nxt)
        continued = bottom is not None and nxt is not None
    return [q for quotes in per for q in quotes]
