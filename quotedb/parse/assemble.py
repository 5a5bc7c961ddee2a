"""Frames and quotations -> statements with speakers.

Decides what is a statement: a frame's content (direct when it is one quotation, mixed when it
holds a quoted fragment, indirect otherwise); a quotation alone in its sentence continuing the
speaker of the statement before it in the same paragraph, or following a lead-in
(``X said:``), or a multi-paragraph quotation's later paragraphs. A quotation inside a sentence
with no cue (a scare quote, a title) is not a statement.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from quotedb.parse import vocab
from quotedb.parse.article import title_case
from quotedb.parse.quotes import Quote
from quotedb.parse.records import SpeakerMethod, Span, Statement, StatementCategory, StatementKind
from quotedb.parse.reported import Frame, frames, skip_adverbs_right, subject, verb_like
from quotedb.parse.segment import Sentence, Token, tokens
from quotedb.parse.speakers import Entity, Resolver, name_of, names_nobody, opens_sentence_only, plural_noun

_DASH_SOURCE = re.compile(r"\s*[\u2014\u2013\u2015-]{1,2}\s*([A-Z][^\n]{1,80}?)[\s.]*$")
_DASH_BEFORE = re.compile(r"(?:--|[\u2014\u2013]|\s-)\s*\Z")
_DASH_AFTER = re.compile(r"\s*(?:--|[\u2014\u2013]|-\s)")
#: A transcript turn: an upper-case speaker label and a colon opening a paragraph.
_TURN = re.compile(r"[\"\u201c]?([A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2}):[ \t]+")
#: The same label at the start of any line: a transcript has several, a dateline ("LONDON: …") one.
_TURN_LINE = re.compile(r"^[ \t]*" + _TURN.pattern, re.MULTILINE)
#: First or second person, or a question: a lone label's paragraph reads as speech, not as a lead.
_SPOKEN = re.compile(r"\b(?:I|I'm|I\u2019m|we|We|you|You|my|My|our|Our|us)\b|\?")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_TWO_WORDS = re.compile(r"\w\W+\w")
_DOUBLE_MARK = re.compile("[" + "".join(sorted(vocab.DOUBLE_QUOTE_CHARS)) + "]")
_TRAIL_PUNCT = ".,;:!? \t"
_WORDS = re.compile(r"\w+")
#: Tokens that end the noun phrase before a relative "who" when searched leftwards.
_CLAUSE_EDGES = frozenset({",", ";", ":", "(", "\u2014", "\u2013", "--", "\"", "\u201c"})
#: Tokens after which a word opens a sentence or a quotation.
_OPENERS = frozenset("\"\u201c\u2018'(\u2014\u2013-:")


@dataclass(slots=True)
class _Attribution:
    """Who speaks and the cue: shared by a statement and the quotations continuing it."""

    mention: Span | None
    cue: Span | None
    entity: Entity | None
    confidence: float
    method: SpeakerMethod | None = None
    category: StatementCategory = "speech"


def statement_kind(content: str) -> StatementKind:
    """direct = wrapped in quotation marks, mixed = contains a quoted fragment, else indirect."""
    s = content.strip()
    if len(s) >= 2 and s[0] in vocab.QUOTE_CHARS and s[-1] in vocab.QUOTE_CHARS:
        return "mixed" if _DOUBLE_MARK.search(s, 1, len(s) - 1) else "direct"
    if s[:1] in vocab.DOUBLE_QUOTE_CHARS and not _DOUBLE_MARK.search(s, 1):
        return "direct"  # the first paragraphs of a quotation running over several
    return "mixed" if _DOUBLE_MARK.search(s) else "indirect"


#: Frame categories that are statement categories as they are; "according to" is speech, a clause
#: noun's category is its noun's (``vocab.CLAUSE_NOUN_CATEGORY``), a judgement ("X seemed …") a belief.
_FRAME_CATEGORIES: dict[str, StatementCategory] = {
    "speech": "speech", "belief": "belief", "intention": "intention", "stance": "stance", "evidence": "evidence",
    "according": "speech", "evidential": "belief",
}


def statement_category(frame: Frame, text: str, source: str = "") -> StatementCategory:
    """What a frame's statement attributes: speech, belief, intention, stance or evidence (what
    a study or a poll "says" or "suggests" is evidence, not speech)."""
    if frame.category == "noun":
        return vocab.CLAUSE_NOUN_CATEGORY.get(text[frame.cue[0] : frame.cue[1]].lower(), "speech")  # type: ignore[return-value]
    category = _FRAME_CATEGORIES.get(frame.category, "speech")
    if category == "speech" and source and source.lower().split()[-1] in vocab.EVIDENCE_NOUNS:
        return "evidence"
    return category


#: Prepositions that tie a described person to a place or a body ("the mayor of Riverton").
_COMPLEMENT = frozenset({"of", "for", "at", "from", "in", "with", "to"})


def _appositive_name(toks: Sequence[Token], a: int, b: int) -> tuple[int, int] | None:
    """The tokens of a name set off by commas after a description ("The mayor of Riverton, Elena
    Brooks, said"), when the source ``a..b`` is a description and one to five capitalised words
    follow it between commas, or a role and a name end the sentence ('said one of the researchers,
    museum biologist Paul Oliver.')."""
    if toks[a].lower not in vocab.NAME_DETERMINERS and toks[a].lower != "one" and not toks[a].lower.endswith(("'s", "\u2019s")):
        return None
    k = b + 2
    if k >= len(toks) or toks[b + 1].text != ",":
        return None
    while k < len(toks) and (toks[k].text[:1].isupper() or toks[k].text == "."):
        k += 1
    if b + 2 < k <= b + 7 and k < len(toks) and toks[k].text == ",":
        return b + 2, k - 1
    # '…," said one of the researchers, museum biologist Paul Oliver.': a role, then the name, ending the sentence
    end = len(toks) - 1 if toks[-1].text in (".", "!", "?") else len(toks)
    if b + 3 < end <= b + 7 and k >= end and toks[end - 1].text != ".":
        return b + 2, end - 1  # '…," said the union's general secretary, Mary Otieno.': the name ends the sentence
    if end - (b + 2) > 12 or toks[b + 2].lower == "who" or any(
        t.text in (",", ";", ":") or t.quoted or t.lower in vocab.NON_NOUNS or t.lower.endswith("ed") for t in toks[b + 2 : end]
    ):
        return None  # "…, who interviewed researcher Paul Oliver": a clause, not a role and a name
    n = end
    while n > b + 2 and toks[n - 1].text[:1].isupper():
        n -= 1
    role = toks[n - 1].lower
    if end - n < 2 or n == b + 2 or not (role in vocab.PERSON_NOUNS or role.endswith(vocab.PERSON_NOUN_ENDINGS)):
        return None  # "…, who met Paul Oliver": the word before the name is no role
    return n, end - 1


#: Subjects that are no one: the sentence is about whoever it names elsewhere.
_EMPTY_SUBJECTS = frozenset("it there this that".split())


def _described(toks: Sequence[Token], a: int, b: int) -> bool:
    """Is a source a description whose capitalised words name a place or a body, not the
    speaker: a determiner, a lower-case noun, then "of"/"for"/"at" … ("the governor of Ohio")?"""
    if b > a + 1 and toks[a + 1].lower == "in" and (
            toks[a].lower in vocab.GROUP_NOUNS or toks[a].lower in vocab.PERSON_NOUNS or toks[a].lower in vocab.ORG_NOUNS):
        return True  # "POLICE in Zimbabwe", "Officials in Ottawa": a group at a place
    if toks[a].lower not in vocab.NAME_DETERMINERS:
        return False
    if b > a and toks[b].lower in vocab.PARTY_MEMBERS:
        return True  # "the Ohio Democrat", "The Republican": a person described by party, maybe place
    for k in range(a + 1, b):
        if toks[k].lower in _COMPLEMENT:
            return toks[k - 1].text[:1].islower() and k - 1 > a
        if toks[k].text[:1].isupper():
            return False
    return False


def _opening_word(toks: Sequence[Token], a: int) -> bool:
    """Is the sentence's first word, taken alone as a source, no name: a function word ("There",
    "Having" said that) or a participle opening a phrase ("Chastened by …", "Enraged, …")?"""
    low = toks[a].lower
    if low in vocab.NON_NOUNS or low in vocab.NAME_BREAKERS or low == "having":
        return True
    participle = len(low) > 5 and low.endswith(("ed", "ing")) and low not in vocab.MALE_FIRST | vocab.FEMALE_FIRST
    return participle and a + 1 < len(toks) and toks[a + 1].lower in (",", "by", "with", "from", "in", "at", "on")


def _common_noun(word: str) -> bool:
    """A capitalised word that is only capitalised because it starts the sentence ("Officials")."""
    low = word.lower()
    return low in vocab.SOURCE_NOUNS or (low.endswith("s") and low[:-1] in vocab.PERSON_NOUNS)


def _name_end(toks: Sequence[Token], a: int, b: int) -> int:
    """The last token of the name in a source ``a..b``, before a party label in brackets ("Sen. Ted
    Cruz (R-Texas)") or the period of an abbreviation ("Joseph R. Biden Jr.")."""
    if b > a and toks[b].text == ")":
        b = next((k - 1 for k in range(b - 1, a, -1) if toks[k].text == "("), b)
    if b > a and toks[b].text == ".":
        b -= 1
    return b


def _title(quoted: str) -> bool:
    """Is a short quotation in Title Case ("The Apprentice.", "America's Unwritten Constitution,"):
    the name of a work, a show or a slogan rather than something said?"""
    inner = quoted.strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e ")
    words = _WORDS.findall(inner)
    return 2 <= len(words) <= 6 and title_case(words) and not inner.rstrip().endswith(("!", "?"))  # "U-S-A!" is chanted


def _speechlike(text: str, q: Quote) -> bool:
    """Does a quotation read like something said (a clause), not a scare quote or a title?"""
    inner = text[q.start : q.end].strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e ")
    words = _WORDS.findall(inner)
    if len(words) < 2:
        return False
    if len(words) <= 8 and title_case(words):
        return False  # Title Case: a film, a book, a slogan, a heading
    if _DASH_BEFORE.search(text, max(0, q.start - 8), q.start) and _DASH_AFTER.match(text, q.end):
        return inner[:1].isupper()  # an aside between dashes: 'treating it as a compliment -- "That makes me smart" --'
    ends = inner.rstrip()[-1:] in ".?!,"
    return len(words) >= 6 or (len(words) >= 3 and ends and inner[:1].isupper())


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _pure_quote(text: str, sent: Sentence, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotations making up a sentence when nothing else but punctuation is in it."""
    inside = [q for q in quotes if q.start >= sent.start and q.end <= sent.end]
    if not inside:
        return []
    pos = sent.start
    for q in inside:
        if text[pos : q.start].strip(_TRAIL_PUNCT + "\u2014\u2013-"):
            return []
        pos = q.end
    return inside if not text[pos : sent.end].strip(_TRAIL_PUNCT) else []


def _quotes_only(text: str, start: int, end: int, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotations of ``[start, end)`` when the rest is attribution-free punctuation."""
    inside = [q for q in quotes if q.start >= start and q.end <= end]
    pos = start
    for q in inside:
        if text[pos : q.start].strip(_TRAIL_PUNCT):
            return []
        pos = q.end
    return inside if inside and not text[pos:end].strip(_TRAIL_PUNCT) else []


class Assembler:
    """Walks the sentences in order, keeping the context continuation quotes need."""

    def __init__(self, text: str, quotes: Sequence[Quote], resolver: Resolver) -> None:
        self.text = text
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self.continued = {q.start for q in quotes if q.continued}
        self.resolver = resolver
        self.out: list[Statement] = []
        #: starts and ends of the statements emitted so far, in text order (they never overlap, so
        #: no two share a start): two lists of ints bisect faster than one list of pairs
        self.taken_starts: list[int] = []
        self.taken_ends: list[int] = []
        self.last: _Attribution | None = None
        self.last_para = -1
        #: paragraph index -> whether the paragraph holds quotations and punctuation only
        self.quote_paragraphs: dict[int, bool] = {}
        self.lead_in: _Attribution | None = None
        #: the paragraphs of a quotation running over several, before anyone is named for it:
        #: (start, end) of each and the last one's paragraph; its attribution comes at its end
        self.pending: list[tuple[int, int]] = []
        self.pending_para = -1
        self.turn_para = -1

    @cached_property
    def turn_lines(self) -> int:
        """Lines opening with a transcript label, counted up to two: a transcript has several, a
        dateline one. Counted when a label first opens a paragraph: most articles have none."""
        return sum(1 for _ in itertools.islice(_TURN_LINE.finditer(self.text), 2))

    def _within(self, start: int, end: int) -> Sequence[Quote]:
        """The quotations lying inside ``[start, end)`` (binary search: articles may hold thousands).

        Those starting in it, less the last if it runs past ``end``: quotations do not overlap, so
        no other can.
        """
        starts = self.starts
        inside = self.quotes[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
        return inside[:-1] if inside and inside[-1].end > end else inside

    def _overlapping(self, start: int, end: int) -> Sequence[Quote]:
        """The quotations overlapping ``[start, end)``: those starting inside it and the one before
        it, which may run into it (quotations do not overlap one another)."""
        starts = self.starts
        return self.quotes[max(0, bisect.bisect_left(starts, start) - 1) : bisect.bisect_left(starts, end)]

    def _taken(self, start: int, end: int) -> bool:
        """Does ``[start, end)`` overlap a statement already emitted?"""
        starts = self.taken_starts
        i = bisect.bisect_left(starts, start)
        if i < len(starts) and starts[i] < end:
            return True
        return i > 0 and start < self.taken_ends[i - 1]

    def _attribution(self, toks: list[Token], frame: Frame) -> _Attribution:
        attr = self._who(toks, frame)
        attr.category = statement_category(frame, self.text, attr.mention.text if attr.mention else "")
        if attr.category != "speech":
            attr.confidence = min(attr.confidence, 0.6)  # an attributed belief or stance, not speech
        if attr.entity is None:
            attr.method = None
        return attr

    def _who(self, toks: list[Token], frame: Frame) -> _Attribution:
        cue = _span(self.text, *frame.cue)
        if frame.source is None:
            return _Attribution(None, cue, None, 0.3)
        a, b = frame.source
        start, end = toks[a].start, toks[b].end
        mention = _span(self.text, start, end)
        low = mention.text.lower()
        if low in ("who", "which") and a >= 1:
            last = a - 2 if toks[a - 1].text == "," else a - 1
            j = last
            while j > 0 and (toks[j - 1].text[:1].isupper() or toks[j - 1].text == "."):
                j -= 1
            ante = self.text[toks[j].start : toks[last].end]
            # the name just before "who"; "the Daily Beast editor who …" names nobody
            is_name = ante[:1].isupper() and toks[last].text[:1].isupper() and not names_nobody(ante)
            if is_name:
                ent = self.resolver.named(ante, toks[j].start)
            else:  # "A resident, who spoke to …, alleged": the description before "who"
                k = last
                while k > 0 and toks[k - 1].text not in _CLAUSE_EDGES and last - k < 6 \
                        and (toks[k].lower not in vocab.NAME_DETERMINERS or toks[k - 1].lower == "of"):
                    k -= 1  # back to the determiner: "paying an architect who …", "the mother of the boy, who …"
                ante = self.text[toks[k].start : toks[last].end]
                ent = self.resolver.nominal(ante, toks[k].start) if toks[k].lower in vocab.NAME_DETERMINERS else None
            return _Attribution(mention, cue, ent, 0.7 if ent else 0.3, "pronoun")
        apostrophe = a == b and ("'" in low or "\u2019" in low)
        contraction = vocab.PRONOUN_CONTRACTION.match(low) if apostrophe else None
        if low in vocab.PRONOUNS or low in vocab.POSSESSIVE_PRONOUNS or contraction:
            word = contraction.group(1) if contraction else vocab.POSSESSIVE_PRONOUNS.get(low, mention.text)
            ent = self.resolver.pronoun(word, start)  # "He's said" is "he"
            return _Attribution(mention, cue, ent, 0.7 if ent else 0.3, "pronoun")
        if apostrophe and vocab.CONTRACTION.match(low):
            return _Attribution(mention, cue, None, 0.3)  # "Here's …" names nobody
        named = _appositive_name(toks, a, b)
        if named is not None:  # "The mayor of Riverton, Elena Brooks, said": the name speaks
            a, b = named
            start = toks[a].start
        elif _described(toks, a, b):  # "the governor of Ohio", "a spokesman for the FBI"
            ent = self.resolver.nominal(mention.text, start)
            return _Attribution(mention, cue, ent, 0.6 if ent else 0.3, "description")
        last = _name_end(toks, a, b)
        opening = a == 0 or toks[a - 1].text in _OPENERS
        if opening and toks[a].text[:1].isupper():
            if a == last and toks[a].text not in self.resolver.inner:
                if _opening_word(toks, a) or opens_sentence_only(toks[a].text) and not plural_noun(toks[a].lower):
                    return _Attribution(mention, cue, None, 0.3)  # "Having", "Sometimes", "Chastened": nobody's name
            elif opens_sentence_only(toks[a].text) and self.resolver.known_after_opener([t.text for t in toks[a + 1 : last + 1]]):
                a += 1  # "Did Trump say …": the name starts after the sentence's first word
                start = toks[a].start
        if toks[a].lower in vocab.NAME_DETERMINERS and a < last and toks[last].lower.rstrip(".") in vocab.TITLES:
            office = self.text[toks[a + 1].start : toks[last].end]
            ent = self.resolver.holder(office, start)
            if ent is not None:  # "The Information Minister" after "The Information Minister, Kojo Oppong Nkrumah,"
                return _Attribution(mention, cue, ent, 0.6, "description")
        if toks[last].text[:1].isupper() and not (a == last and self._noun_word(toks, a)):
            name = _POSSESSIVE.sub("", self.text[start : toks[last].end])  # "Donald Trump's claim that …"
            if names_nobody(name):
                return _Attribution(mention, cue, None, 0.3)  # "Then", "Those": no name at all
            ent = self.resolver.named(name, start)
            if ent is None:
                return _Attribution(mention, cue, None, 0.3)  # "Sometimes", "Monday": no name at all
            return _Attribution(mention, cue, ent, 0.9, "name" if ent.name == name_of(name) else "article-name")
        ent = self.resolver.nominal(mention.text, start)
        return _Attribution(mention, cue, ent, 0.6 if ent else 0.3, "description")

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` without leading space and, unless it opens with a quotation mark, trailing punctuation."""
        while start < end and (self.text[start].isspace() or self.text[start] in vocab.INVISIBLE):
            start += 1
        quoted = self.text[start : start + 1] in vocab.QUOTE_CHARS
        while end > start and self.text[end - 1] in _TRAIL_PUNCT and not quoted:
            end -= 1
        return start, end

    def _free_pieces(self, start: int, end: int, gap: tuple[int, int]) -> list[tuple[int, int]]:
        """The content around a medial attribution as two pieces, when both hold words and neither
        is taken; else none, and the content is kept whole."""
        pieces = [self._trimmed(start, gap[0]), self._trimmed(gap[1], end)]
        free = all(_WORDS.search(self.text, s, e) and not self._taken(s, e) for s, e in pieces)
        return pieces if free else []

    def _emit(self, start: int, end: int, para: int, attr: _Attribution, cue: Span | None,
              name_ok: bool = False) -> None:
        """Add a statement unless it is empty, overlaps one already emitted or is a lone word
        (a lone name is kept when ``name_ok``: the object of a stance, "endorsed Clinton")."""
        opening = self._opening_paragraphs(start, para)
        if opening:
            self._emit_parts([*opening, (start, end)], para, attr, cue)
            return
        start, end = self._trimmed(start, end)
        if end <= start:
            return
        if self._taken(start, end):
            return
        body = self.text[start:end]
        kind = statement_kind(body)
        if kind == "direct" and _title(body):
            return  # 'the reality show "The Apprentice."': a title quoted, not words said
        if not _TWO_WORDS.search(body) and (
            not _WORDS.search(body) or (kind != "direct" and not (name_ok and body[:1].isupper()))
        ):
            return
        i = bisect.bisect_left(self.taken_starts, start)
        self.taken_starts.insert(i, start)
        self.taken_ends.insert(i, end)
        if attr.entity is not None:
            attr.entity.spoke = attr.entity.said = True
        self.out.append(
            Statement(
                text=body,
                start=start,
                end=end,
                kind=kind,
                paragraph=para,
                speaker=attr.entity.name if attr.entity else None,
                speaker_mention=attr.mention,
                cue=cue,
                confidence=attr.confidence,
                category=attr.category,
                speaker_method=attr.method,
            )
        )

    def _opening_paragraphs(self, start: int, para: int) -> list[tuple[int, int]]:
        """The pending opening paragraphs of the quotation a statement at ``start`` ends, if it
        ends one ('“A.¶“B.¶“C,” Fahmi said.': A and B are Fahmi's too); they are taken once."""
        pending, self.pending = self.pending, []
        return pending if pending and start in self.continued and self.pending_para == para - 1 else []

    def _emit_parts(self, parts: Sequence[tuple[int, int]], para: int, attr: _Attribution, cue: Span | None) -> None:
        """One statement said in pieces ('"A," she said, "B."'): its text is the pieces joined by
        a space, its span runs from the first to the last."""
        parts = [*self._opening_paragraphs(parts[0][0], para), *parts] if parts else parts
        spans = [(s, e) for s, e in parts if e > s and not self._taken(s, e)]
        if len(spans) < 2 or len(spans) != len(parts):
            for s, e in parts:
                self._emit(s, e, para, attr, cue)
            return
        start, end = spans[0][0], spans[-1][1]
        if self._taken(start, end):
            return
        pieces = tuple(_span(self.text, s, e) for s, e in spans)
        kinds = {statement_kind(p.text) for p in pieces}
        i = bisect.bisect_left(self.taken_starts, start)
        self.taken_starts.insert(i, start)
        self.taken_ends.insert(i, end)
        if attr.entity is not None:
            attr.entity.spoke = attr.entity.said = True
        self.out.append(
            Statement(
                text=" ".join(p.text for p in pieces),
                start=start,
                end=end,
                kind=kinds.pop() if len(kinds) == 1 and "mixed" not in kinds else "mixed",
                paragraph=para,
                speaker=attr.entity.name if attr.entity else None,
                speaker_mention=attr.mention,
                cue=cue,
                confidence=attr.confidence,
                category=attr.category,
                speaker_method=attr.method,
                parts=pieces,
            )
        )

    def sentence(self, sent: Sentence, para_end: int) -> None:
        text = self.text
        if sent.paragraph == self.turn_para:
            return
        if sent.paragraph != self.last_para:
            if self.lead_in is None and not self._continues_paragraph(sent):
                # a paragraph that is only a quotation goes on with the speaker of the quotation
                # that closed the paragraph before (the news convention); nothing else does
                closed = self.out and self.out[-1].kind != "indirect" and self.out[-1].paragraph == self.last_para
                self.last = self.last if closed and self._only_quotes(sent.paragraph) else None
            self.last_para = sent.paragraph
            if self._turn(sent, para_end):
                return
        local = self._within(sent.start, sent.end)
        toks = tokens(text, sent.start, sent.end, self._overlapping(sent.start, sent.end))
        found = frames(text, toks, sent) if toks else []
        pure = _pure_quote(text, sent, local) if not found else []
        if pure:
            self._orphan_quotes(sent, pure)
            return
        if not found:
            dash = self._dash(sent)
            found = [dash] if dash is not None else []
        if not found:
            self._observe_subject(toks)
        elif found[0].source is not None and toks[found[0].source[0]].lower in vocab.PRONOUNS:
            self._observe_subject(toks, known_only=True)  # "Immelt cut the forecast, a goal he said …": he is Immelt
        attr = None
        for frame in found:
            attr = self._attribution(toks, frame)
            if frame.content is None:
                if frame.order != "announce":  # a colon's lead-in may open the next paragraph
                    self.lead_in = attr
                self.last = attr
                continue
            cs, ce = frame.content
            parts = _quotes_only(text, cs, ce, local) if frame.order in ("medial", "trailing") else []
            if frame.order == "trailing" and parts:
                parts += self._quotes_after(toks, frame, sent)
            if len(parts) > 1:
                self._emit_parts([(q.start, q.end) for q in parts], sent.paragraph, attr, attr.cue)
            elif frame.gap is not None and (pieces := self._free_pieces(cs, ce, frame.gap)):
                self._emit_parts(pieces, sent.paragraph, attr, attr.cue)  # "C1, she said, C2": one statement
            else:
                self._emit(cs, ce, sent.paragraph, attr, attr.cue, frame.category == "stance")
            self.last = attr
            self.lead_in = None
        if local:
            self._loose_quotes(sent, toks, local, attr)
        if toks[-1].text == ":" and self.lead_in is None and not toks[-1].quoted:
            self._colon_lead_in(toks, sent)

    def _noun_word(self, toks: list[Token], a: int) -> bool:
        """Is a capitalised one-word source a common noun, not a name: a source noun ("Officials"),
        or a plural only capitalised because it opens the sentence ("Developers said")?"""
        if _common_noun(toks[a].text):
            return True
        opening = a == 0 or toks[a - 1].text in _OPENERS
        return opening and toks[a].text not in self.resolver.inner and plural_noun(toks[a].lower)

    def _colon_lead_in(self, toks: list[Token], sent: Sentence) -> None:
        """``Cruz called them on it:`` with no cue before the colon: its subject says what follows."""
        subj = subject(toks, len(toks) - 1)
        if subj is not None and subj[1] < len(toks) - 2 and verb_like(toks[skip_adverbs_right(toks, subj[1] + 1, len(toks) - 1)]):
            colon = (toks[-1].start, toks[-1].end)
            self.lead_in = self._attribution(toks, Frame(colon, subj, None, sent, "lead-in"))

    def _turn(self, sent: Sentence, para_end: int) -> bool:
        """``PENCE: Well, look, …``: a transcript turn; the rest of the paragraph is the speaker's."""
        m = _TURN.match(self.text, sent.start, para_end)
        if m is None or m.group(1).lower() in vocab.NOT_SPEAKER_LABELS:
            return False
        words = _WORDS.findall(self.text[m.end() : min(para_end, m.end() + 80)])
        if len(words) < 4 or sum(1 for w in words[:6] if w[:1].isupper()) > 3:
            return False  # a headline or a bulletin item ("UN: PEACEKEEPERS PAYING …"), not a turn
        if self.turn_lines < 2 and not _SPOKEN.search(self.text, m.end(), para_end):
            return False  # a dateline ("PANAJI: Union minister …"): one label, a lead in the third person
        label = _span(self.text, m.start(1), m.end(1))
        entity = self.resolver.named(label.text.title(), label.start)
        if entity is None:
            return False
        attr = _Attribution(label, _span(self.text, m.end(1), m.end(1) + 1), entity, 0.9,
                            "name" if entity.name == name_of(label.text.title()) else "article-name")
        self._emit(m.end(), para_end, sent.paragraph, attr, attr.cue)
        self.turn_para, self.last = sent.paragraph, attr
        return True

    def _observe_subject(self, toks: list[Token], known_only: bool = False) -> None:
        """A named subject ("France's minister, Luc Garnier, was blunter.") may speak next as "he".

        ``known_only``: only a name of two words or more, or one word of a full name the article
        spells ("Immelt"): not a capitalised sentence opener ("Scalds from hot drinks …, she said")."""
        subj = subject(toks, len(toks)) if toks else None
        if subj is None or toks[subj[0]].lower in _EMPTY_SUBJECTS:
            # "But when it comes to Mr. Sanders's record, it is the losses …": no one is the subject,
            # the person named last is who a following "he" means
            for t in reversed(toks[1:]):
                if not t.quoted and t.text[:1].isupper() and self.resolver.mentioned(t.text, t.start):
                    break
            return
        a, b = subj
        if b + 2 < len(toks) and toks[b + 1].text == ",":
            name = b + 2
            while name < len(toks) and (toks[name].text[:1].isupper() or toks[name].text == "."):
                name += 1
            if name > b + 2 and name < len(toks) and toks[name].text == ",":
                b = name - 1  # "ROLE, NAME," names the subject
        if not any(toks[k].text[0].isalnum() for k in range(b + 1, len(toks))):
            return  # a heading ("FULL TEXT."): a noun phrase alone has no subject
        mention = self.text[toks[a].start : toks[b].end]
        if toks[b].text[:1].isupper() and toks[a].lower not in vocab.PRONOUNS and not (a == b and self._noun_word(toks, a)) \
                and not names_nobody(mention) and (not known_only or a < b or toks[a].text in self.resolver.full):
            self.resolver.named(mention.replace(",", ""), toks[a].start, spoke=False)

    def _loose_quotes(self, sent: Sentence, toks: list[Token], local: Sequence[Quote], attr: _Attribution | None) -> None:
        """Speech-like quotations no frame claimed (``X joked, "…"``): the sentence's speaker said them."""
        loose = [q for q in local if not self._taken(q.start, q.end) and _speechlike(self.text, q)]
        if not loose:
            return
        if attr is None:
            subj = subject(toks, len(toks))
            if subj is not None and toks[subj[0]].start < loose[0].start:
                attr = self._attribution(toks, Frame((toks[subj[1]].end, toks[subj[1]].end), subj, None,
                                                     sent, "subject"))
                attr.cue = None
            else:
                attr = self.last
        if attr is None:
            return
        for q in loose:
            self._emit(q.start, q.end, sent.paragraph, attr, attr.cue)
        self.last = attr

    def _quotes_after(self, toks: list[Token], frame: Frame, sent: Sentence) -> list[Quote]:
        """``"A," she said, "B."``: the quotation after a split attribution, same speaker."""
        assert frame.source is not None
        tail = max(frame.cue[1], toks[frame.source[1]].end)
        after = self._within(tail, sent.end)
        if not after:
            return []
        gap = self.text[tail : after[0].start]
        words = _WORDS.findall(gap)
        if len(words) > 4 or not gap.strip().endswith((",", ":")) or any(w.lower() in vocab.PARTICIPLE_CUES for w in words):
            return []  # '…," she said, adding, "B."': the participle reports a second statement
        return _quotes_only(self.text, after[0].start, sent.end, after)

    def _only_quotes(self, paragraph: int) -> bool:
        return self.quote_paragraphs.get(paragraph, False)

    def _continues_paragraph(self, sent: Sentence) -> bool:
        """Does this paragraph open with the next part of a multi-paragraph quotation?"""
        return sent.start in self.continued

    def _orphan_quotes(self, sent: Sentence, pure: list[Quote]) -> None:
        """A sentence that is only a quotation: a lead-in's content, or the last speaker going on;
        with neither, the opening paragraphs of a quotation attributed where it ends."""
        attr = self.lead_in or self.last
        if attr is None:
            q = pure[-1]
            if len(pure) == 1 and not q.closed:
                if not (q.start in self.continued and self.pending_para == sent.paragraph - 1):
                    self.pending = []  # a quotation opening afresh
                self.pending.append((q.start, q.end))
                self.pending_para = sent.paragraph
            return
        cue = attr.cue if self.lead_in is not None else None
        if self.lead_in is None and self._extend_last(pure, sent.paragraph, attr):
            pass  # '"A," she said. "B."': the quotation goes on
        elif len(pure) > 1:
            self._emit_parts([(q.start, q.end) for q in pure], sent.paragraph, attr, cue)
        else:
            self._emit(pure[0].start, pure[0].end, sent.paragraph, attr, cue)
        self.lead_in = None
        self.last = attr

    def _extend_last(self, quotes: Sequence[Quote], para: int, attr: _Attribution) -> bool:
        """Add the quotations of a sentence to the statement before when it is a quotation by the
        same speaker in the same paragraph ('"A," she said. "B."' is one statement in pieces)."""
        if not self.out:
            return False
        last = self.out[-1]
        # the same paragraph, or the next when the quotation runs on over the paragraph break
        running = quotes[0].start in self.continued and last.paragraph == para - 1
        if (last.paragraph != para and not running) or last.kind == "indirect" or last.speaker_mention is not attr.mention \
                or self._taken(last.end, quotes[-1].end):  # nothing said in between, nor in them
            return False
        pieces = (last.parts or (Span(last.start, last.end, last.text),)) + tuple(_span(self.text, q.start, q.end) for q in quotes)
        end = quotes[-1].end
        kinds = {statement_kind(p.text) for p in pieces}
        self.out[-1] = last._replace(
            text=" ".join(p.text for p in pieces), end=end, parts=pieces, kind="direct" if kinds == {"direct"} else "mixed")
        i = bisect.bisect_left(self.taken_starts, last.start)
        self.taken_ends[i] = end
        return True

    def _dash(self, sent: Sentence) -> Frame | None:
        """``"…" — Commissioner X``: a quotation signed with a dash."""
        inside = self._within(sent.start, sent.end)
        if not inside or self.text[sent.start : inside[0].start].strip():
            return None
        q = inside[-1]
        m = _DASH_SOURCE.match(self.text, q.end, sent.end)
        if m is None:
            return None
        toks = tokens(self.text, m.start(1), m.end(1), inside)
        name_end = next((k for k, t in enumerate(toks) if t.text == ","), len(toks))
        if not toks or name_end == 0:
            return None
        # a signature is a token range of the sentence's own tokens: rebuild it on the full sentence
        full = tokens(self.text, sent.start, sent.end, inside)
        a = next(k for k, t in enumerate(full) if t.start == toks[0].start)
        b = a + name_end - 1
        dash_start = q.end + (len(self.text[q.end : m.start(1)]) - len(self.text[q.end : m.start(1)].lstrip()))
        cue = (dash_start, dash_start + len(self.text[dash_start : m.start(1)].rstrip()))
        self._dash_tokens = full
        return Frame(cue, (a, b), (inside[0].start, q.end), sent, "dash")


def assemble(text: str, sents: Sequence[Sentence], quotes: Sequence[Quote], resolver: Resolver) -> list[Statement]:
    """Statements of the whole article, in text order, none overlapping another."""
    asm = Assembler(text, quotes, resolver)
    para_end = {sent.paragraph: sent.end for sent in sents}
    para_start: dict[int, int] = {}
    for sent in sents:
        para_start.setdefault(sent.paragraph, sent.start)
    asm.quote_paragraphs = {
        p: bool(qs) and all(_speechlike(text, q) for q in qs)  # a quoted heading ("'All Bets Are Off.'") is not speech
        for p, e in para_end.items() if (qs := _quotes_only(text, para_start[p], e, asm._within(para_start[p], e))) or True
    }
    for sent in sents:
        asm.sentence(sent, para_end[sent.paragraph])
    return sorted(asm.out, key=lambda s: s.start)
