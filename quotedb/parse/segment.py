"""Sentences and word tokens with offsets into the article text.

A sentence never ends inside a quotation, so ``"We won. We will win again," she said.`` stays one
unit with its attribution; abbreviations ("Mr.", "U.S.", "Sept.") and initials do not end one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from quotedb.parse import vocab
from quotedb.parse.quotes import Quote
from quotedb.parse.records import Paragraph

#: Abbreviations after which a period does not end a sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st mt ft sen rep gov gen col lt capt sgt adm cmdr rev fr gen "
    "pres supt insp det atty hon messrs mmes no nos vol vs etc inc corp co ltd llc bros dept univ "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "a.m p.m e.g i.e u.s u.k u.n e.u d.c ala ariz ark calif colo conn del fla ga ill ind kan ky "
    "la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo approx est".split()
)
_END = re.compile(r"[.!?]+[\"'\u201d\u2019\u00bb)\]]*(?=\s+)")
#: After a quotation ending in "?" or "!" (or "." by mistake), an attribution continues the sentence:
#: ``"Why now?" she asked.`` / ``"Go!" said the coach.``
_ATTRIBUTION_AHEAD = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|the|a|an|[a-z]+ly|of|[a-z]+(?=\s+[A-Z]))\s+){0,6}?(?:%s)\b"
    % "|".join(sorted((f for f in vocab.SPEECH_FORMS if not f.endswith("ing")), key=len, reverse=True))
)
_WORD_AT = re.compile(r"\w+")
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_LAST_WORD = re.compile(r"([\w.]+)$")
_SHORT_TAIL = re.compile(r"(?:\s+[\w'’-]+){0,4}\s*[.,]")
#: A token (a word, with inner apostrophes, dots, hyphens and ampersands, a number with its group
#: commas, "20,000", or one other character)
#: and the whitespace before it: nothing else lies between tokens.
_GAP_WORD = re.compile(r"(\s*)(\w+(?:[’'.\-&]\w+|(?<=\d),\d{3}(?!\w))*|[^\w\s])")


class Sentence(NamedTuple):
    """One sentence of a body paragraph (a named tuple, like ``Token``: built once per sentence)."""

    start: int
    end: int
    paragraph: int


class Token(NamedTuple):
    """A word or punctuation character with its offsets; ``quoted`` if inside a quotation.

    A named tuple rather than a dataclass: sentences make thousands of them, and tuples are
    the cheapest immutable records to build.
    """

    text: str
    start: int
    end: int
    quoted: bool
    lower: str


#: Words that start sentences far more often than they continue a name after an initialism.
_STARTERS = frozenset("he she they it we i the a an this that but and in on at for if as his her their its there".split())


def nxt_word(text: str, pos: int) -> str:
    m = _WORD_AT.match(text, pos)
    return m.group().lower() if m else ""


def _ends_sentence(text: str, para_start: int, dot: int, cut: int, after: int, quoted_sentence: bool) -> bool:
    """Is the punctuation at ``dot`` (ending at ``cut``, next word at ``after``) a sentence end?

    ``quoted_sentence`` says a quotation closes here that opened the sentence: an attribution
    after it ("… now?" she asked) continues the sentence.
    """
    nxt = text[after : after + 1]
    if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in "\"'\u201c\u2018\u00ab(["):
        return False
    if quoted_sentence:
        m = _ATTRIBUTION_AHEAD.match(text, after)
        # after "?" or "!" any attribution continues; after "." only a short one ending there
        if m and (text[dot] != "." or _SHORT_TAIL.match(text, m.end())):
            return False
    if text[dot] != ".":
        return True
    m = _LAST_WORD.search(text, max(para_start, dot - 12), dot)
    word = m.group(1).lower() if m else ""
    if "." in word and nxt_word(text, after) in _STARTERS:
        return True  # "… in the U.S. He said": an initialism can end a sentence
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha() and text[dot - 1].isupper()):
        return False
    return "." not in word or not _INITIALISM.fullmatch(word)


def sentences(text: str, paragraphs: Sequence[Paragraph], quotes: Sequence[Quote]) -> list[Sentence]:
    """Split each paragraph into sentences, never inside a quotation."""
    out: list[Sentence] = []
    by_para: dict[int, list[Quote]] = {}
    for q in quotes:
        by_para.setdefault(q.paragraph, []).append(q)
    for para in paragraphs:
        inside = by_para.get(para.index, [])
        starts = [q.start for q in inside]
        start = para.start
        for m in _END.finditer(text, para.start, para.end):
            cut = m.end()
            k = bisect.bisect_left(starts, m.start()) - 1
            if k >= 0 and cut < inside[k].end:
                continue  # inside a quotation
            after = cut
            while after < para.end and text[after].isspace():
                after += 1
            opens_sentence = k >= 0 and inside[k].end == cut and inside[k].start == start
            if after >= para.end or not _ends_sentence(text, para.start, m.start(), cut, after, opens_sentence):
                continue
            out.append(Sentence(start, cut, para.index))
            start = after
        if start < para.end:
            out.append(Sentence(start, para.end, para.index))
    return out


def tokens(text: str, start: int, end: int, quotes: Sequence[Quote]) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]``, flagged when inside a quotation.

    ``quotes`` are in text order. One scan: each match is the whitespace before a token and the
    token, so offsets are summed rather than searched for, and no match object is built. A
    quotation starts and ends with a mark, which no word token spans, so a token is quoted when
    it starts inside one.
    """
    bounds = [(max(q.start, start), min(q.end, end)) for q in quotes if q.end > start and q.start < end]
    bounds.append((end, end))
    later = iter(bounds)
    qs, qe = next(later)
    new = tuple.__new__  # the named tuple's own constructor, without its argument parsing
    out: list[Token] = []
    append = out.append
    pos = start
    for gap, w in _GAP_WORD.findall(text, start, end):
        pos += len(gap)
        while pos >= qe:
            qs, qe = next(later)
        stop = pos + len(w)
        if w == "\u2015":  # the horizontal bar some sites set for a dash reads as the em dash
            w = "\u2014"
        append(new(Token, (w, pos, stop, pos >= qs, w.lower())))
        pos = stop
    return out
