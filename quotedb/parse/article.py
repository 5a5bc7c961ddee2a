"""Header metadata, body paragraphs and boilerplate, all as offsets into the original text.

Line ends are ``\\r\\n``, ``\\n`` or a lone ``\\r``; nothing is normalised, so every span still
indexes the text the caller passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from quotedb.parse import vocab
from quotedb.parse.records import ArticleMeta, Paragraph

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_TIMESTAMP = re.compile(
    r"""^(?P<y>\d{4})[./-](?P<mo>\d{1,2})[./-](?P<d>\d{1,2})
        (?:[ T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?
        \s*(?:(?:GMT|UTC|Z)\s*(?P<zs>[+-])?(?P<zh>\d{1,2})?(?::?(?P<zm>\d{2}))?)?\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_UPDATED = re.compile(r"^(?:updated|last\s+updated|modified)\s*:?\s*(?P<ts>.+)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
#: A line that is only a rank number ("1", "12"): an entry of a "most read" list follows.
_LIST_NUMBER = re.compile(r"\s*\d{1,2}\s*")


class Line(NamedTuple):
    """One line of text without its line end; ``start``/``end`` bound the stripped content.

    A named tuple: built for every line of every article, it is the cheapest record to make.
    """

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Layout:
    """What ``split_article`` finds: header metadata, the headline's span and body paragraphs."""

    meta: ArticleMeta
    title_span: tuple[int, int] | None
    paragraphs: tuple[Paragraph, ...]


def lines(text: str) -> list[Line]:
    """Non-blank lines with offsets of their stripped content."""
    out: list[Line] = []
    for m in _LINE.finditer(text):
        raw = m.group().rstrip("\r\n")
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        if not _inline_furniture(stripped):
            out.append(Line(start, start + len(stripped), stripped))
            continue
        for piece in _around_furniture(stripped):  # each side of an inline marker is a line of its own
            out.append(Line(start + piece.start(), start + piece.end(), piece.group()))
    return out


def _inline_furniture(line: str) -> bool:
    """Does the line hold page furniture (its words first, then the costly regex)?"""
    low = line.lower()
    return (vocab.INLINE_FURNITURE_MARKER in low or "continue" in low and any(
        w in low for w in vocab.INLINE_FURNITURE_CONTINUES)) and vocab.INLINE_FURNITURE.search(line) is not None


_PIECE = re.compile(r"\S(?:.*\S)?")


def _around_furniture(line: str) -> list[re.Match[str]]:
    """The stripped pieces of ``line`` left once its inline furniture is cut out."""
    pieces, at = [], 0
    for m in [*vocab.INLINE_FURNITURE.finditer(line), None]:
        stop = m.start() if m else len(line)
        piece = _PIECE.search(line, at, stop)
        if piece:
            pieces.append(piece)
        at = m.end() if m else stop
    return pieces


def parse_timestamp(value: str) -> datetime | None:
    """``2021.02.24 22:25 GMT+8`` -> an aware datetime (UTC when no zone is given)."""
    m = _TIMESTAMP.match(value.strip())
    if not m:
        return None
    offset = timedelta(0)
    if m["zh"]:
        offset = timedelta(hours=int(m["zh"]), minutes=int(m["zm"] or 0))
        if m["zs"] == "-":
            offset = -offset
    try:
        return datetime(
            int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"] or 0), int(m["mi"] or 0), int(m["s"] or 0),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return None


def _is_label(line: Line) -> bool:
    """A short line without sentence punctuation: a section name or an outlet name.

    At most five words are split off: a one-line article must not be split whole to say no.
    """
    return len(line.text.split(None, 4)) <= 4 and not _SENTENCE_END.search(line.text)


#: Words a headline leaves in lower case in Title Case ("Stealth Over Health: Clinton Was Headed to ER").
_MINOR = frozenset("a an the and or but nor for of to in on at by as from with into over per vs via up off out".split())
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def title_case(words: list[str]) -> bool:
    """Are the words after the first in Title Case (minor words aside): a headline or a title?"""
    content = [w for w in words[1:] if w.lower() not in _MINOR]
    return bool(content) and sum(1 for w in content if w[0].isupper()) >= 0.75 * len(content)


def is_headline(line: str) -> bool:
    """Is a first line a headline rather than the opening sentence of the story?

    Decided from the text, not the position, since pasted news often starts with its first
    sentence: a headline is in Title Case, or short and without a sentence's final period; a
    line that ends like a sentence and reads like one (mostly lower-case words) is body.
    """
    words = _WORD.findall(line)
    if not words:
        return False
    if title_case(words):
        return len(words) <= 40
    ends_like_sentence = line.rstrip("\"”’')] ").endswith((".", "!", "?"))
    return len(words) <= (16 if ends_like_sentence else 25)


def reads_as_sentence(line: str) -> bool:
    """Does a headline read like a sentence (not Title Case, a final period)? Then an attribution
    in it makes it the story's opening sentence, not a headline."""
    words = _WORD.findall(line)
    return bool(words) and not title_case(words) and line.rstrip("\"”’')] ").endswith((".", "!", "?"))


def title_as_body(layout: Layout) -> Layout:
    """The layout with its headline read as the first body paragraph (and no title)."""
    if layout.title_span is None:
        return layout
    first = Paragraph(0, *layout.title_span)
    rest = tuple(Paragraph(p.index + 1, p.start, p.end) for p in layout.paragraphs)
    return Layout(replace(layout.meta, title=None), None, (first, *rest))


#: A line end that ends a sentence or a quotation: the next line is a new paragraph.
_LINE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")


def _wrapped(text: str, previous: Line, line: Line) -> bool:
    """Is ``line`` the same paragraph as ``previous``, hard-wrapped (text pasted from a fixed-width
    page: "… attempts to raze\ntwo stations …")? Only with no blank line between them, when
    ``previous`` does not end a sentence and ``line`` goes on in lower case or ``previous`` is
    as long as wrapped lines are (a line of 200 characters was not wrapped)."""
    gap = text[previous.end : line.start]
    if gap.count("\n") + gap.count("\r") - gap.count("\r\n") != 1 or _LINE_END.search(previous.text):
        return False
    if line.text[:1] in vocab.QUOTE_CHARS or line.text[:1] in "-\u2013\u2014\u2015•*":
        return False  # a new quotation or a list item starts a line of its own
    return line.text[:1].islower() or 45 <= len(previous.text) <= 100  # wrapped lines are 60-80 wide


_WORDS_ONLY = re.compile(r"\w+")
#: Words a line needs before a second copy of it counts as a repeat ("No." twice is two answers).
REPEAT_WORDS = 8
#: The first three words of a line that has those words (two copies of a line share them).
_LEAD = re.compile(r"\W*(\w+)\W+(\w+)\W+(\w+)(?:\W+\w+){%d}" % (REPEAT_WORDS - 3))


def _read_elsewhere(body: list[Line]) -> set[int]:
    """The body lines the story prints elsewhere: all but the last copy of a line the page repeats
    (a standfirst), and pull quotes (a line quoting words the story prints at more length,
    ""Iowa happened. …"" above the paragraph that has Clinton saying it).

    Lines of ``REPEAT_WORDS`` words or more are compared by their words, whatever the final mark
    or case. Joining a line's words costs a scan of them all, so it is done only where a match is
    possible: for lines opening with the same three words as another, for quoted lines, and for
    the lines holding a quoted line's longest word (words inside another line's are in its text).
    """
    folded = [line.text.casefold() for line in body]
    leads = {n: m.groups() for n, text in enumerate(folded) if (m := _LEAD.match(text)) is not None}
    keys: dict[int, str] = {}

    def key(n: int) -> str:
        if n not in keys:
            keys[n] = " ".join(_WORDS_ONLY.findall(folded[n]))
        return keys[n]

    by_lead: dict[tuple[str, ...], list[int]] = {}
    for n, lead in leads.items():
        by_lead.setdefault(lead, []).append(n)
    out: set[int] = set()
    for same in by_lead.values():
        if len(same) > 1:
            last = {key(n): n for n in same}
            out.update(n for n in same if last[key(n)] != n)
    for n in leads:
        if body[n].text[:1] in vocab.DOUBLE_QUOTE_CHARS:
            quoted = key(n)
            longest = max(quoted.split(), key=len)
            if any(longest in folded[m] and len(key(m)) > len(quoted) and quoted in key(m) for m in leads):
                out.add(n)
    return out


def _caption(line: str) -> bool:
    """Does the line end as a photo caption does (the words in its tail first, then the regex)?"""
    at = max(0, len(line) - vocab.CAPTION_TAIL)
    tail = line[at:].lower()
    return any(w in tail for w in vocab.CAPTION_WORDS) and vocab.CAPTION.search(line, at) is not None


def split_article(text: str) -> Layout:
    """Read the header (section, timestamp, headline, updated, outlet, byline) and the body.

    The header is the run of leading lines that look like header furniture, plus the first line
    that does not (the headline). Everything after it is body, one paragraph per line, with
    boilerplate lines ("Read more: ...", "(With input from ...)", "Copyright ...") dropped.
    """
    all_lines = lines(text)
    fields: dict[str, object] = {}
    title: Line | None = None
    i = 0
    while i < len(all_lines) and i < 8:
        line = all_lines[i]
        nxt = all_lines[i + 1] if i + 1 < len(all_lines) else None
        updated = _UPDATED.match(line.text)
        if vocab.BOILERPLATE.match(line.text) or _caption(line.text):
            pass  # "Advertisement", "Image: …": furniture, never the headline
        elif parse_timestamp(line.text):
            fields.setdefault("published_at", parse_timestamp(line.text))
            fields.setdefault("dateline", line.text)
        elif updated and parse_timestamp(updated["ts"]):
            fields["updated_at"] = parse_timestamp(updated["ts"])
        elif vocab.BYLINE.match(line.text):
            fields["byline"] = re.sub(r"^\s*by\s+", "", line.text, flags=re.IGNORECASE)
        elif title is None and _is_label(line) and nxt is not None and parse_timestamp(nxt.text):
            fields["section"] = line.text
        elif title is None and len(all_lines) > 1 and is_headline(line.text):
            title = line
        elif title is not None and _is_label(line) and ("published_at" in fields or "updated_at" in fields):
            fields.setdefault("outlet", line.text)
        else:
            break
        i += 1
    paragraphs: list[Paragraph] = []
    previous: Line | None = None
    body = all_lines[i:]
    elsewhere = _read_elsewhere(body)
    for n, line in enumerate(body):
        if n in elsewhere:  # a standfirst or pull quote the page repeats: the story's copy stays
            previous = None
            continue
        if vocab.BOILERPLATE.match(line.text) or vocab.BYLINE.match(line.text) or _caption(line.text) \
                or n and _LIST_NUMBER.fullmatch(body[n - 1].text) and not _SENTENCE_END.search(line.text):
            previous = None  # (after a lone number, an unpunctuated line is a "most read" list's headline)
            continue
        if previous is not None and _wrapped(text, previous, line):
            paragraphs[-1] = Paragraph(paragraphs[-1].index, paragraphs[-1].start, line.end)
        else:
            paragraphs.append(Paragraph(len(paragraphs), line.start, line.end))
        previous = line
    meta = ArticleMeta(
        title=title.text if title else None,
        outlet=fields.get("outlet"),  # type: ignore[arg-type]
        section=fields.get("section"),  # type: ignore[arg-type]
        byline=fields.get("byline"),  # type: ignore[arg-type]
        dateline=fields.get("dateline"),  # type: ignore[arg-type]
        published_at=fields.get("published_at"),  # type: ignore[arg-type]
        updated_at=fields.get("updated_at"),  # type: ignore[arg-type]
    )
    return Layout(meta, (title.start, title.end) if title else None, tuple(paragraphs))
