"""Attribution frames in one sentence: a cue, the source naming who speaks, and the content.

Shapes recognised (S = source, V = cue, C = content):
``S V (that) C`` · ``C, S V`` · ``C, V S`` · ``C1, S V, C2`` · ``according to S, C`` /
``C, according to S`` · ``S V: "C"`` · ``"C" — S`` · ``…, V-ing C`` (the subject of the main clause
speaks again). The content may be a quotation (direct), contain one (mixed) or none (indirect);
``quotes.py`` supplies the quotation spans so a cue inside a quotation is never taken for one.
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from typing import NamedTuple

from quotedb.parse import vocab
from quotedb.parse.segment import ABBREVIATIONS, Sentence, Token

#: Verbs that take the hearer as object before the content: "told reporters that ...".
_OBJECT_VERBS = frozenset("tell told tells telling ask asked asks asking urge urged urges urging warn warned warns "
                          "warning assure assured assures assuring remind reminded reminds reminding inform informed "
                          "informs informing".split())
_DETERMINERS = frozenset("the a an this these those his her its their our my your some many several "
                         "most few two three four five six seven eight nine ten both all another other one each "
                         "no any".split())
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "who", "which", "you"})
_CLAUSE_STARTERS = frozenset({"that", "whether", "if", "how", "why", "what", "when", "where", "who"})
#: Pronouns that open a content clause after a hearer ("told Reuters it would take years").
_CONTENT_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i", "there"})
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight hours days "
    "weeks months years minutes moments later earlier week month year night morning afternoon evening "
    "january february march april may june july august september october november december".split()
)
_QUANTIFIER_HEADS = frozenset(
    "percent everyone everybody someone somebody nobody anyone one two three four five six seven eight "
    "nine ten dozen dozens hundreds thousands millions majority minority half third quarter most many "
    "some several few others both".split()
)
#: Words of a date in brackets after a time word ("today (6 November)", "on Monday (Nov. 4)").
_DATE_PARTS = vocab.MONTHS | vocab.WEEKDAYS | vocab.DATE_ABBREVIATIONS | frozenset(str(d) for d in range(1, 32))
_AFTER_BACK_REFERENCE = vocab.AFTER_BACK_REFERENCE | _TIME_WORDS
#: Words of a time phrase after a verb ("reported on Thursday", "announced last week").
_TIME_RUN = _TIME_WORDS | {"on", "last", "this"}
#: Words opening a time or place phrase after "and" ("and a day later, …", "and on Monday, …").
_WHEN_WORDS = vocab.ADJUNCT_PREPOSITIONS | _TIME_RUN | vocab.WHEN_WORDS
#: Forms of "say"/"tell"/"add" whose complement can open with anything ("said in politics it takes time").
_PLAIN_SAY = frozenset("say says said saying tell tells told telling add adds added adding".split())
_CONTRAST = frozenset("while whereas although though but yet".split())
#: Dash tokens (ASCII double hyphen, em and en dash, hyphen); callers add their own extra marks.
_DASHES = frozenset({"--", "\u2014", "\u2013", "-"})
#: Words opening a leading clause or phrase whose frame ends at its comma ("With X worried about Y, Z …").
_SUBORDINATORS = frozenset("when while although though as because if since after before whereas once unless with amid "
                           "despite without".split())
#: Sentence adverbs and coordinators before a subject ("Then DuPont announced", "Instead, the
#: senator …"): stepped over, unlike a subordinator, whose clause ends at its comma.
_SENTENCE_ADVERBS = frozenset("but and so yet still also meanwhile however then now instead moreover furthermore "
                              "nevertheless nonetheless likewise similarly otherwise thus hence therefore indeed".split())
_LEADING_ADVERBIALS = frozenset("later earlier meanwhile but and still also however yet after before".split())
_PREP_STOP = frozenset("on in at during after before while when with via through amid over by".split())
_MAX_NP = 9
_CUT_WORDS = frozenset({"and", "but"}) | vocab.MEDIA_NOUNS
#: Words a source noun phrase never holds: function words, and words that only open a sentence.
_OUTSIDE_NP = vocab.NON_NOUNS | vocab.NAME_BREAKERS
#: Determiners that stand alone as a source ("tweeted another", "said one").
_LONE_PRONOUNS = frozenset("another one others many some several both most all".split())


class Frame(NamedTuple):
    """One attribution found in a sentence (offsets into the article text); a named tuple, the
    cheapest record to build once per sentence.

    ``content`` is ``None`` for a lead-in whose content follows the sentence (``X said:``);
    ``source`` is a token range (``None`` when nobody is named: passives, "X seemed …");
    ``gap`` is the attribution inside a medial frame's content ("C1, she said, C2"): the text from
    the comma before it to the first word after it, left out of the statement's pieces.
    """

    cue: tuple[int, int]
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    sentence: Sentence
    order: str
    category: str = "speech"
    gap: tuple[int, int] | None = None


def _number(low: str) -> bool:
    """A number written in digits, with or without group commas ("12", "20,000")."""
    return low.replace(",", "").isdigit()


def _is_cap(tok: Token) -> bool:
    first = tok.text[0]  # a token is never empty
    return first.isupper() and first.isalpha()


def _adverb(low: str) -> bool:
    """An "-ly" word that is an adverb ("reportedly"), not a noun ("family", "rally")."""
    return low.endswith("ly") and low not in vocab.LY_NOUNS


def _is_word(tok: Token) -> bool:
    return tok.text[0].isalnum()


#: Every word ``cue_at`` can start a cue with, other than a verb before "that": the frame scan
#: asks ``cue_at`` only about these, since most tokens of a sentence are none of them.
_CUE_STARTS = (frozenset({"according"}) | vocab.PHRASAL_HEADS | vocab.CLAUSE_NOUNS | vocab.CUE_FORMS
               | vocab.EVIDENTIAL_VERBS)


#: Endings of plural nouns, not of verbs taking a that-clause ("companies that", "operations that");
#: the verbs among them ("denies", "replies") are cues of the lexicon.
_PLURAL_NOUN_ENDINGS = ("ies", "ions", "ces", "ments", "ists", "ants", "ents")


def cue_at(toks: list[Token], i: int) -> tuple[int, str] | None:
    """If a cue starts at token ``i``, return (index after it, category)."""
    low = toks[i].lower
    if low == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
        return i + 2, "according"
    if low in vocab.PHRASAL_HEADS and i + 1 < len(toks) and f"{low} {toks[i + 1].lower}" in vocab.SPEECH_FORMS:
        return i + 2, "speech"  # phrasal cues: "pointed out", "points to"
    if low in vocab.CLAUSE_NOUNS and i + 1 < len(toks) and toks[i + 1].lower == "that" and (
        low not in vocab.CUE_CATEGORY or _after_determiner(toks, i)
    ):
        return i + 1, "noun"
    category = vocab.CUE_CATEGORY.get(low)
    if category is not None:
        return i + 1, category
    if low in vocab.EVIDENTIAL_VERBS:
        return i + 1, "evidential"
    if (
        i + 1 < len(toks)
        and toks[i + 1].lower == "that"
        and low.endswith(("ed", "es", "ds", "ts", "ns", "ks"))
        and not low.endswith(_PLURAL_NOUN_ENDINGS)
        and not _is_cap(toks[i])
        and low not in vocab.NON_NOUNS
        and not _known_noun(low)
        and not (i > 0 and _noun_before_relative(toks, i))
        and not (i + 2 < len(toks) and toks[i + 2].lower in _DAY_WORDS and (  # "was approved that day"
            i + 3 == len(toks) or not (verb_like(toks[i + 3]) or toks[i + 3].lower in vocab.AUXILIARIES)))
    ):
        return i + 1, "belief"  # any verb taking a that-clause: "X realized that …", "X learned that …"
    return None


_DAY_WORDS = _TIME_WORDS | {"day"}


def _noun_before_relative(toks: list[Token], i: int) -> bool:
    """Is token ``i`` (before "that") a noun heading a relative clause: after a number or a
    determiner ("195 countries that", "the states that"), or an "-s" word after a plural noun
    ("emissions rules that": a plural subject's verb has no "-s")?"""
    prev, low = toks[i - 1].lower, toks[i].lower
    if prev in _NOUN_DETERMINERS or (_number(prev) or prev in _NUMBERS) and low.endswith("s"):
        return True  # ("Many speculated that": a number before a past tense is its subject)
    return (low.endswith("s") and prev.endswith("s") and not prev.endswith(("ss", "is", "us", "ws"))
            and _is_word(toks[i - 1]) and not _is_cap(toks[i - 1]) and prev not in vocab.NON_NOUNS)


def _after_determiner(toks: list[Token], i: int) -> bool:
    """Is token ``i`` a noun after a determiner or possessive ("the claim", "Trump's repeated claims")?"""
    for j in (i - 1, i - 2):
        if j < 0:
            return False
        low = toks[j].lower
        if low in _DETERMINERS or low.endswith(("'s", "\u2019s")):
            return True
        if not _np_word(toks[j]) or _is_cap(toks[j]):
            return False
    return False


_MESSAGE_HEADS = vocab.EVIDENCE_NOUNS | vocab.MEDIA_NOUNS


def _np_left(toks: list[Token], j: int, lo: int, any_noun: bool = False) -> tuple[int, int] | None:
    """The noun phrase ending at token ``j`` (not before ``lo``): a source before its cue.

    A trailing parenthesis ("Sen. Rand Paul (R-Ky.)") or a postmodifier ("a source close to
    him", "people familiar with the talks") is stepped over to reach the head noun.
    """
    if j > lo and toks[j].text == ")":
        k = j
        while k > lo and toks[k].text != "(" and j - k < 8:
            k -= 1
        if toks[k].text == "(" and k > lo:
            found = _np_left(toks, k - 1, lo)
            return (found[0], j) if found else None
    if j > lo and toks[j].text in ("--", "\u2014", "\u2013") or (toks[j].text == "-" and j > lo and toks[j - 1].text == "-"):
        k = j - 1
        while k > lo and toks[k].text not in ("--", "\u2014", "\u2013", "-"):
            k -= 1
        while k > lo and toks[k - 1].text == "-":
            k -= 1
        if k > lo and j - k < 40:
            return _np_left(toks, k - 1, lo)  # "The justice -- who has … -- said"
    post = _postmodifier_start(toks, j, lo)
    post = _participle_phrase_start(toks, j, lo) if post is None else post
    if post is not None:
        found = _np_left(toks, post - 1, lo)
        return (found[0], j) if found else None
    if toks[j].text == "%" and j > lo and _number(toks[j - 1].lower) and not toks[j].quoted:
        return j - 1, j  # "42% say"
    if j > lo and toks[j - 1].lower == "those" and toks[j].lower.endswith("ed") and not toks[j].quoted:
        # "those polled said", "a third of those surveyed say": the people asked
        found = _np_left(toks, j - 3, lo) if j - 3 >= lo and toks[j - 2].lower == "of" else None
        return (found[0] if found else j - 1), j
    nxt = j + 1 + (j + 2 < len(toks) and toks[j + 1].lower in ("on", "last"))
    if nxt < len(toks) and toks[nxt].lower in _TIME_WORDS and j > lo and not _is_cap(toks[j]) and not toks[j].quoted \
            and (toks[j].lower.endswith("ed") or toks[j].lower in _IRREGULAR_PAST):
        return _np_left(toks, j - 1, lo)  # "The lawsuit filed Thursday says": the lawsuit
    if j < lo or toks[j].quoted or not _is_word(toks[j]):
        return None
    head = toks[j]
    if head.lower in _SUBJECT_PRONOUNS:
        return (j, j) if head.lower != "you" else None
    if head.lower in ("many", "some", "most", "others", "few", "several", "both", "all"):
        return j, j  # "many said", "others argued"
    if head.lower in _OUTSIDE_NP or _adverb(head.lower) and not _is_cap(head):
        return None
    if head.lower.endswith(("'s", "’s")):
        return None  # a possessive: "Chen's remarks" uses the cue word as a noun
    if not _is_cap(head) and head.lower in vocab.SPEECH_FORMS and not (
            head.lower in _MESSAGE_HEADS and (_after_determiner(toks, j) or j >= 2 and _is_cap(toks[j - 1])
                                              and toks[j - 2].lower in _DETERMINERS)):
        return None  # "who reports said" is no source; "the new report said" is one
    a = j
    employed = False
    while a - 1 >= lo and j - a < _MAX_NP:
        t = toks[a - 1]
        if t.quoted:
            break
        low = t.lower
        if low in _DETERMINERS:
            a -= 1
            if a - 2 >= lo and (toks[a - 1].lower in ("for", "of") and _people_noun(toks[a - 2].lower)
                                or toks[a - 1].lower == "at" and toks[a - 2].lower in vocab.PERSON_NOUNS):
                a -= 2  # "a spokeswoman for the company", "the head of the agency", "residents of many towns"
                employed = True
                continue
            break
        if t.text == "." and a - 2 >= lo and (toks[a - 2].lower in ABBREVIATIONS or _INITIALS.fullmatch(toks[a - 2].text)):
            a -= 1
            continue
        place = low in ("in", "on") and a - 2 >= lo and j - a < 3 and all(_is_cap(t) for t in toks[a : j + 1])
        if place and (_known_noun(toks[a - 2].lower) or toks[a - 2].lower in vocab.GROUP_NOUNS):
            a -= 2  # "POLICE in Zimbabwe have said", "the embassy in London said": the body speaks, not the place
            continue  # ("the Commission on Presidential Debates": one body's name)
        if place and _is_cap(toks[a - 2]) and not toks[a - 2].quoted and toks[a - 2].lower not in vocab.NAME_BREAKERS:
            return _np_left(toks, a - 2, lo)  # "Ola Berg in Ottawa said", "Trump on Twitter said": the person
        if low in ("for", "to", "at") and a - 2 >= lo and toks[a - 2].lower in vocab.PERSON_NOUNS and not _is_cap(toks[a - 2]):
            a -= 2  # "a spokesman for Bernie Sanders": the spokesman speaks, not Sanders
            employed = True
            continue
        hyphen = t.text == "-" and a - 2 >= lo and toks[a - 2].end == t.start and t.end == toks[a].start
        if t.text == "&" or hyphen or (low == "of" and a - 2 >= lo and _is_word(toks[a - 2])):
            a -= 1
            continue
        if t.text in ("'", "\u2019") and a - 2 >= lo and toks[a - 2].lower.endswith("s"):
            a -= 1  # a plural possessive: "the transit workers' union"
            continue
        if low == "and" and _org_name_and(toks, a, j, lo):
            a -= 1  # "The Employment and Labour Relations Court ruled": one body's name
            continue
        if not _is_word(t) or low in _OUTSIDE_NP or (_adverb(low) and not _is_cap(t)):
            break  # "Then DuPont announced": a connective opens the sentence, not the name
        if low in vocab.CUE_FORMS and not (_is_cap(t) and _is_cap(toks[a]) and a - 1 > lo) \
                or low in _TIME_WORDS and (not _is_cap(t) or low in vocab.WEEKDAYS):
            break  # "Last week Stumpf said": the time is no part of the name; "Niger State Police Command" is one
        a -= 1
    if toks[a].lower == "of":
        a += 1
    if employed or _plausible_source(toks, a, j) or (any_noun and a < j and toks[a].lower in _DETERMINERS and j - a <= 3):
        return a, j
    name = j
    while name > a and (_is_cap(toks[name - 1]) or toks[name - 1].text == "."):
        name -= 1
    return (name, j) if name > a and _is_cap(toks[name]) else None  # "In a Bloomberg interview Trump said"


_POSTMODIFIERS = (("close", "to"), ("familiar", "with"), ("with", "knowledge"), ("briefed", "on"), ("involved", "in"))
_POSTMODIFIER_SECONDS = frozenset(second for _, second in _POSTMODIFIERS)


def _org_name_and(toks: list[Token], a: int, j: int, lo: int) -> bool:
    """Is the "and" before token ``a`` inside a body's name: "The Employment and Labour Relations
    Court" (capitalised words from "The" to a body's noun)?"""
    return (a - 3 >= lo and toks[j].lower in vocab.ORG_NOUNS and _is_cap(toks[j]) and _is_cap(toks[a - 2])
            and toks[a - 3].lower == "the" and all(_is_cap(t) for t in toks[a : j + 1]))


def _people_noun(low: str) -> bool:
    """A noun for a person or a group of people ("spokeswoman", "residents", "members")."""
    if low in vocab.PERSON_NOUNS or low in vocab.GROUP_NOUNS:
        return True
    return low.endswith("s") and (low[:-1] in vocab.PERSON_NOUNS or low[:-1].endswith(vocab.PERSON_NOUN_ENDINGS))


def _postmodifier_start(toks: list[Token], j: int, lo: int) -> int | None:
    """Where "close to him" / "familiar with the matter" starts, if it ends at token ``j``."""
    for t in toks[max(lo, j - 5) : j + 1]:
        if t.lower in _POSTMODIFIER_SECONDS:
            break
    else:
        return None
    for n in range(j - 1, max(lo - 1, j - 6), -1):
        pair = (toks[n].lower, toks[n + 1].lower)
        if pair in _POSTMODIFIERS:
            return n if n > lo else None
        if not _is_word(toks[n]) or toks[n].quoted:
            return None
    return None


def _participle_phrase_start(toks: list[Token], j: int, lo: int) -> int | None:
    """Where a participle phrase after its head ends at token ``j``: "Protesters marching through
    the streets chanted", "Officials investigating the crash said", "Democrats trying to regain the
    Senate say": the head speaks, not the phrase's object or place. The head is a plural or a noun
    for people, and the phrase holds no other verb or clause ("with Clinton making decisions as he
    spoke" is no such phrase)."""
    for n in range(j, max(lo, j - 10), -1):
        t = toks[n]
        low = t.lower
        if t.quoted or not _is_word(t) or low in vocab.PHRASE_BREAKS or n < j and verb_like(t):
            return None
        if low.endswith("ing") and len(low) > 4 and not _is_cap(t) and low not in vocab.CUE_FORMS \
                and low not in vocab.PREPOSITION_INGS and low not in vocab.ING_NOUNS and low not in vocab.AUXILIARY_INGS:
            head = toks[n - 1]
            plural = head.lower.endswith("s") and not head.lower.endswith("ss") and (not _is_cap(head) or n - 1 <= lo + 2)
            if _is_word(head) and not head.quoted and head.lower not in _OUTSIDE_NP and (
                    plural and head.lower not in vocab.NON_NOUNS or _people_noun(head.lower)):
                return n
            return None
    return None


def _plausible_source(toks: list[Token], a: int, j: int) -> bool:
    """Can ``toks[a..j]`` name a source? Rejects "a Twitter comment", "Tuesday", "his announcement"."""
    head = toks[j]
    low = head.lower
    if low in _SUBJECT_PRONOUNS:
        return True
    if low in _TIME_WORDS:
        return False
    first = toks[a].lower
    if _is_cap(head):
        return first not in ("a", "an") or j == a
    if _known_noun(low) or low in vocab.EVIDENCE_NOUNS:
        return True
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return True
    if _number(low) or low in _QUANTIFIER_HEADS:
        return True  # "two said", "55 percent said", "others argued"
    return first == "the" and low not in vocab.NON_SPEAKERS


def _known_noun(low: str) -> bool:
    return low in vocab.PERSON_NOUNS or low in vocab.ORG_NOUNS or low in vocab.GROUP_NOUNS or low in vocab.TITLES


def _np_word(tok: Token) -> bool:
    """Could this token sit inside a source noun phrase as a modifier?"""
    low = tok.lower
    return (
        _is_word(tok)
        and not tok.quoted
        and low not in vocab.NON_NOUNS
        and low not in _PREP_STOP
        and low not in vocab.CUE_FORMS
        and not (_adverb(low) and not _is_cap(tok))
    )


def _np_right(toks: list[Token], k: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``k``: a source after its cue ("said the minister").

    Capitalised words, role nouns and joiners ("of", "&", "-") continue it; a lowercase word
    only when a capitalised word or a role noun follows within three tokens ("a senior
    administration official").
    """
    if k >= hi or toks[k].quoted or not _is_word(toks[k]):
        return None
    first = toks[k].lower
    if first in ("he", "she", "they", "i", "we"):
        return k, k
    if first in _OUTSIDE_NP and first not in _DETERMINERS:
        if _is_cap(toks[k]) and k > 0 and k + 1 < hi and verb_like(toks[k + 1]):
            return k, k  # a name that is also a word: '"…," Will wrote.'
        return None
    b = k
    while b + 1 < hi and b - k < _MAX_NP:
        t = toks[b + 1]
        if t.quoted:
            break
        if t.text == "." and (toks[b].lower in ABBREVIATIONS or _INITIALS.fullmatch(toks[b].text)):
            b += 1
            continue
        if t.text in ("-", "&") or (t.lower in ("of", "for") and b + 2 < hi and _is_cap(toks[b + 2])):
            b += 1
            continue
        if t.lower == "of" and b + 3 < hi and toks[b + 2].lower == "the" and _is_cap(toks[b + 3]) and _is_cap(toks[b]):
            b += 2  # "Mr. Morgan of the Sierra Club"
            continue
        if t.lower == "of" and b == k and (first in _DETERMINERS or first in _QUANTIFIER_HEADS) and b + 2 < hi:
            if toks[b + 2].lower in ("them", "us", "those", "these"):
                b += 2  # "most of them"
                break
            if b + 3 < hi and (toks[b + 2].lower in _DETERMINERS or toks[b + 2].lower in vocab.POSSESSIVE_PRONOUNS) \
                    and _np_word(toks[b + 3]) and not _is_cap(toks[b + 3]):
                b += 3  # "one of the researchers", "some of his aides": the group's noun ends the phrase
                continue
            b += 1  # "one of Trump's aides"
            continue
        if t.lower in ("for", "of", "at", "with") and _known_noun(toks[b].lower) and b + 2 < hi and _np_word(toks[b + 2]):
            b += 1  # "a spokesman for committee Democrats", "the head of the agency"
            continue
        if _is_cap(t) or (_np_word(t) and _known_noun(t.lower)):
            b += 1
            continue
        ahead = toks[b + 1 : b + 4]
        if _np_word(t) and any(_is_cap(x) or _known_noun(x.lower) for x in ahead[1:]) and all(
            _np_word(x) for x in ahead[: next((n for n, x in enumerate(ahead) if _is_cap(x) or _known_noun(x.lower)), 0)]
        ):
            b += 1
            continue
        break
    if first in _DETERMINERS and b + 1 < hi and _np_word(toks[b + 1]) and not _is_cap(toks[b + 1]) and (
        b + 2 >= hi or not _is_word(toks[b + 2]) or verb_like(toks[b + 2])
        or _after_postmodifier(toks, b + 2, hi) > b + 2
    ):
        b += 1  # "said the ruling.", "the crowd cried", "a Democratic staffer in the room wondered"
    if b == k and first in _LONE_PRONOUNS and (b + 1 >= hi or not _is_word(toks[b + 1])):
        return k, k  # '"…," tweeted another.'
    if toks[b].lower in _DETERMINERS or toks[b].lower in ("of", "for"):
        return None
    return k, b


#: An initial or a run of them ("J", "T.V"): its period does not end a name.
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _occasion_start(toks: list[Token], j: int, lo: int) -> int | None:
    """Where "in a (recent) interview" / "during his speech" starts when its noun is token ``j``
    (not opening the sentence: "In a statement, …" is a scene of its own)."""
    d = j - 1 if j - 1 > lo and toks[j - 1].lower in _DETERMINERS else j - 2
    if d - 1 < lo or toks[d].lower not in _DETERMINERS or toks[d - 1].lower not in ("in", "during", "on"):
        return None
    return d - 1 if d - 1 > lo and not toks[d - 2].quoted else None


def _skip_adverbs_left(toks: list[Token], j: int, lo: int) -> int:
    """Step left over adverbs and time phrases between a source and its cue ("Smith on Tuesday said")."""
    while j >= lo and not toks[j].quoted:
        low = toks[j].lower
        occasion = _occasion_start(toks, j, lo) if low in vocab.OCCASION_NOUNS else None
        if low == ")" and j - 1 > lo and toks[j - 1].lower in _DATE_PARTS:
            k = j - 1  # "Shafiqul Alam today (6 November) said": the date in brackets, then the time word
            while k > lo and toks[k].lower in _DATE_PARTS:
                k -= 1
            if toks[k].text != "(" or k - 1 < lo or toks[k - 1].lower not in _TIME_WORDS:
                break
            j = k - 1
        elif low in _TIME_WORDS and j > lo and toks[j - 1].lower in ("on", "last", "this", "early", "late"):
            j -= 2
        elif _YEAR.fullmatch(low) and j > lo and toks[j - 1].lower in ("in", "since", "by"):
            j -= 2  # "who in 2010 said": a year is when, not who
        elif occasion is not None:
            j = occasion - 1  # "Ola Berg in an interview said": the occasion, not who
        elif low in vocab.FLOATING_QUANTIFIERS and j > lo and _is_word(toks[j - 1]) and toks[j - 1].lower not in _DETERMINERS \
                and toks[j - 1].lower not in vocab.ADJUNCT_PREPOSITIONS and toks[j - 1].lower not in ("and", "or", "of"):
            j -= 1  # "they both said": who speaks is before the quantifier
        elif low == "can" and j + 1 < len(toks) and (toks[j + 1].lower.endswith(("s", "ed")) or toks[j + 1].lower in _IRREGULAR_PAST):
            break  # "a recycling can says": a noun, since the modal takes a base form ("can say")
        elif (low in vocab.CUE_ADVERBS or low == "n't" or (low in _TIME_WORDS and low not in ("hours", "days"))
              or (_adverb(low) and len(low) > 4 and not _is_cap(toks[j]))):
            j -= 1
        else:
            break
    return j


def _content_start(text: str, toks: list[Token], k: int, hi: int, object_verb: bool) -> int:
    """Index of the first content token after a cue ending at token ``k``."""
    if object_verb and k < hi and not toks[k].quoted:
        if toks[k].lower in ("him", "her", "them", "me", "us", "reporters", "supporters", "voters"):
            k += 1
        else:
            obj = _np_right(toks, k, hi)
            cut = None
            if obj and toks[obj[0]].lower in _DETERMINERS and obj[1] + 1 < hi and (
                    verb_like(toks[obj[1] + 1]) or toks[obj[1] + 1].lower in vocab.AUXILIARIES):
                # "told the court MacDougall was taken …": the hearer ends where a name starts the clause
                cut = next((p for p in range(obj[0] + 2, obj[1] + 1)
                            if _is_cap(toks[p]) and not _is_cap(toks[p - 1]) and _is_word(toks[p - 1])), None)
                obj = (obj[0], cut - 1) if cut is not None else obj
            if obj and (obj[1] + 1 >= hi or toks[obj[1] + 1].lower in _CLAUSE_STARTERS
                        or cut is not None
                        or toks[obj[1] + 1].lower in ("the", "a", "an") and _is_cap(toks[obj[1]])  # "told the BBC the vote …"
                        or toks[obj[1] + 1].lower in _CONTENT_SUBJECTS  # "told Reuters it would take years"
                        or toks[obj[1] + 1].text in (",", ":") or toks[obj[1] + 1].quoted):
                k = obj[1] + 1
            else:  # a long object: "told one of his young protégés on a regular basis that …"
                stop = next((n for n in range(k + 1, min(hi, k + 20)) if toks[n].lower == "that"
                             or toks[n].quoted or toks[n].text in ",;:.()"), k)
                k = stop if toks[stop].lower == "that" else k
    if k < hi:
        m = vocab.CUE_ADJUNCT.match(text, toks[k].start)
        if m and m.end() > toks[k].start:
            while k < hi and toks[k].start < m.end():
                k += 1
    n = k + (k + 1 < hi and toks[k].text == "," and not toks[k].quoted)
    if n < hi and toks[n].lower in _PREP_STOP:
        k = n
        # "said during Tuesday's debate that ..." / "put it in an interview, "…"" / "said, in Twi, "…"": skip the phrase
        verb = False
        for n in range(k + 1, min(hi, k + 12)):
            if toks[n].text in (",", ":") and n + 1 < hi and toks[n + 1].quoted and not (toks[n].quoted or verb):
                k = n + 1
                break
            if toks[n].quoted or toks[n].text in (",", ";", ":"):
                break
            verb = verb or cue_at(toks, n) is not None
            if toks[n].lower == "that":
                k = n
                break
    while k < hi and toks[k].text in (",", ":") and not toks[k].quoted:
        k += 1
    w = k
    while w < hi and not toks[w].quoted and (toks[w].lower in vocab.CUE_ADVERBS or toks[w].text == ","):
        w += 1
    if w > k and w < hi and toks[w].lower == "that":
        k = w  # "said, however, that …", "said only that …": the adverb qualifies the saying
    if k + 1 < hi and toks[k].lower == "about" and not any(t.lower in vocab.ASK_FORMS for t in toks[max(0, k - 4) : k]):
        k += 1  # "talked about the weather": the topic is the content, the preposition goes with the verb
    return k


def _content_end(toks: list[Token], k: int, hi: int) -> int:
    """Index after the last content token: drop the final punctuation outside quotes."""
    while hi > k and not toks[hi - 1].quoted and toks[hi - 1].text in ".,;:!?)":
        hi -= 1
    return hi


def _marks(toks: list[Token], k: int, hi: int) -> list[int]:
    """Indices in ``(k, hi)`` where a content can be cut: punctuation, marks, "and", "but", and
    message nouns ("posted messages saying …")."""
    return [n for n, t in enumerate(toks[k + 1 : hi], k + 1) if t.lower in _CUT_WORDS or not t.text[0].isalnum()]


def _participle_cut(toks: list[Token], k: int, hi: int, marks: list[int] | None = None) -> int:
    """Where a ", saying …"/", adding …" clause starts inside ``[k, hi)`` (or ``hi``)."""
    for n in _marks(toks, k, hi) if marks is None else marks:
        if n >= hi - 1:
            break
        tok, nxt = toks[n], toks[n + 1]
        if tok.text[0].isalnum():
            if tok.lower in vocab.MEDIA_NOUNS and not tok.quoted and not nxt.quoted and (
                nxt.lower == "saying" or nxt.lower in _TIME_WORDS and n + 2 < hi and toks[n + 2].lower == "saying"
            ):
                return n + 1  # "posted messages (Friday) saying …": the participle reports the messages
            continue  # otherwise a cut comes at a comma or a closing mark
        contrast = nxt.lower in _CONTRAST
        participle = not nxt.quoted and (nxt.lower in vocab.PARTICIPLE_CUES or nxt.lower.endswith("ing")) \
            and nxt.lower not in vocab.PREPOSITION_INGS
        if not (contrast or participle):
            continue  # what follows the mark opens neither a contrast nor a participle clause
        comma = tok.text in (",", ";") and not tok.quoted
        quoted_comma = tok.quoted and not nxt.quoted and _closes_after_comma(toks, n, k)
        if (comma or quoted_comma) and contrast and (n + 2 >= hi or toks[n + 2].lower != "that") \
                and not _quotes_soon(toks, n + 2, hi):
            return n + quoted_comma  # ", while …" / ", but …" opens a clause of the writer's, not the content
        if not participle:
            continue
        if comma and tok.text == ",":
            return n
        if quoted_comma:
            return n + 1  # "… lunch,” adding that …": keep the closing mark
    return hi


def _opens_subordinate(toks: list[Token]) -> bool:
    """Does the sentence open with a subordinate clause ("When he wrote …, S said", "Back when …",
    "Even though …")?"""
    first = toks[0].lower
    return first in _SUBORDINATORS or (len(toks) > 1 and first in vocab.SUBORDINATOR_ADVERBS and toks[1].lower in _SUBORDINATORS)


def _short_clause(toks: list[Token], k: int, end: int) -> bool:
    """Is the short rest after a cue a clause of its own ("she said it was strong"), not a time or
    a place ("she said Tuesday")?"""
    return k + 1 < end and toks[k].lower in _SUBJECT_PRONOUNS and (
        toks[k + 1].lower in vocab.AUXILIARIES or toks[k + 1].lower in _BE or verb_like(toks[k + 1]))


def _quotes_soon(toks: list[Token], m: int, hi: int) -> bool:
    """Does a quotation open within a few words from ``m`` (", but it is "really unfortunate …""):
    the contrast goes on with the speaker's words, not the writer's?"""
    return any(t.quoted for t in toks[m : min(hi, m + 4)])


def _span(toks: list[Token], a: int, b: int) -> tuple[int, int] | None:
    """Text offsets of tokens ``[a, b)``, or None when empty."""
    if b <= a:
        return None
    return toks[a].start, toks[b - 1].end


def _words_between(toks: list[Token], a: int, b: int) -> int:
    """Word tokens in ``[a, b)``, counted up to 4: callers only compare with 0–3, and long
    contents must not cost a full count."""
    n = 0
    for t in islice(toks, a, b):
        if t.text[0].isalnum():
            n += 1
            if n == 4:
                break
    return n


def subject(toks: list[Token], hi: int) -> tuple[int, int] | None:
    """The subject of a sentence's main clause: its first noun phrase after a leading adverbial."""
    k = _dateline_end(toks, hi)
    if k < hi and (toks[k].lower in _PREP_STOP or toks[k].lower in _LEADING_ADVERBIALS):
        k = next((n + 1 for n in range(k, min(hi, 30)) if toks[n].text == "," and not toks[n].quoted), k)
    elif k + 1 < hi and (opener := _scene_opener(toks, k)):
        k = k + 1 if opener == "word" else _after_opening_phrase(toks, k, hi)
    while k < hi and (toks[k].lower in _SENTENCE_ADVERBS or not (_is_word(toks[k]) or toks[k].quoted)):
        k += 1  # and a stray mark: '"Trump walked onto the stage, …'
    np = _np_right(toks, k, hi)
    if np is None and k + 1 < hi and toks[k].lower in _DETERMINERS and _np_word(toks[k + 1]):
        np = (k, k + 1)  # "The piece used …": a determiner and its noun
    if np is None:
        # another scene-setting opening: "Here in Columbia, Sanders stepped up …", "Now, after …, his team"
        comma = next((n for n in range(k, min(hi, k + 12)) if toks[n].text == "," and not toks[n].quoted), None)
        np = _np_right(toks, comma + 1, hi) if comma is not None else None
    return np


def _after_opening_phrase(toks: list[Token], k: int, hi: int) -> int:
    """Where the clause after a scene-setting phrase opening at ``k`` starts: after the first comma
    followed by a noun phrase and its verb ("Following a swiftly called, late-afternoon meeting, the
    Council issued …"), else after the first followed by a noun phrase; ``k`` when none is (a
    phrase counts only when a subject follows its comma)."""
    first = k
    for n in range(k, min(hi, 30)):
        if toks[n].text != "," or toks[n].quoted or n + 1 < hi and toks[n + 1].lower in vocab.RELATIVE_PRONOUNS:
            continue  # ", who has endorsed Clinton," describes the subject before it
        np = _np_right(toks, n + 1, hi)
        if np is None:
            continue
        first = n + 1 if first == k else first
        v = skip_adverbs_right(toks, np[1] + 1, hi)
        if v < hi and verb_like(toks[v]):
            return n + 1
    return first


def _scene_opener(toks: list[Token], k: int) -> str | None:
    """Does the capitalised word at ``k`` open a scene-setting phrase rather than the subject?
    "Outside the arena, …", "Speaking in Ohio, he …", "Recently she …", "Tuesday at the rally, …",
    "Minutes later, she …": a place preposition, a participle or an adverb before a clause, or a
    time word before a preposition (a name is followed by its verb, not by these)."""
    tok, nxt = toks[k], toks[k + 1]
    low, nlow = tok.lower, nxt.lower
    if not _is_cap(tok) or tok.quoted or nxt.quoted:
        return None
    if low in vocab.SCENE_PREPOSITIONS:
        return "phrase"
    if low.endswith("ly") and low in vocab.CUE_ADVERBS | _TIME_ADVERBS:
        if nlow in _SUBJECT_PRONOUNS or nlow in _DETERMINERS or _is_cap(nxt):
            return "word"  # "Recently she announced …", "Recently Ann Smith wrote …"
        return "phrase" if nlow in _PREP_STOP or nlow in _SUBORDINATORS else None
    if low.endswith("ing") and len(low) > 5 and _is_word(nxt) and not _is_cap(nxt) and not verb_like(nxt):
        return "phrase"
    if low.endswith("ed") and len(low) > 5 and nlow in vocab.OPENER_PREPOSITIONS:
        return "phrase"  # "Chastened by the analyses, Trump revised …"
    if low in _TIME_WORDS and (nlow in _PREP_STOP or nlow in ("later", "earlier", "ago", "after", "before")):
        return "phrase"
    return None


_TIME_ADVERBS = frozenset("immediately early shortly recently lately currently".split())


_DATELINE_DASHES = _DASHES | {"\u2015"}


def _dateline_end(toks: list[Token], hi: int) -> int:
    """Index after a dateline opening the sentence ("WASHINGTON — …", "BEIRUT, Dec. 8 (UPI) — …", "LONDON: …"),
    else 0: the place in capitals is where the story was filed, not the subject."""
    if not toks or not toks[0].text.isupper() or len(toks[0].text) < 2 or not _is_cap(toks[0]):
        return 0
    for n in range(1, min(hi, 12)):
        t = toks[n]
        if t.text in _DATELINE_DASHES or t.text == ":" and all(x.text.isupper() for x in toks[:n] if _is_word(x)):
            while n + 1 < hi and toks[n + 1].text in _DATELINE_DASHES:
                n += 1  # "(Yonhap) --" written as two hyphens
            return n + 1
        if t.quoted or (_is_word(t) and t.text[0].islower()):
            return 0
    return 0


def _clause_subject(toks: list[Token], i: int) -> tuple[int, int] | None:
    """The subject of the clause token ``i`` ends: after the last ", and"/", but"/", so"/";" before it
    ("the camera is facing the ground, and she becomes upset, shouting …", "the race is close, so he
    won't be able to brag …"), else the sentence's."""
    for n in range(i - 2, 0, -1):
        if toks[n].quoted:
            continue
        if toks[n].text == ";" or (toks[n].lower in vocab.CLAUSE_LINKS and toks[n - 1].text == ","):
            np = _np_right(toks, n + 1, i)
            if np is not None and np[1] + 1 < i:
                v = toks[np[1] + 1]
                if not v.quoted and (verb_like(toks[skip_adverbs_right(toks, np[1] + 1, i)])
                                     or v.lower in vocab.CUE_ADVERBS or v.lower in _IRREGULAR_PAST):
                    return np  # "…, so he won't …", "…, and Trump took …": the clause's own subject
            break
    return subject(toks, i)


def frames(text: str, toks: list[Token], sent: Sentence) -> list[Frame]:
    """Every attribution frame of one sentence, left to right, without overlapping contents."""
    found: list[Frame] = []
    n = len(toks)
    first = _quote_first(toks, sent)
    if first is not None:
        found.append(first)
    i = _token_after(toks, max(first.cue[1], toks[first.source[1]].end)) if first and first.source else 0
    closed = first is not None
    while i < n:
        tok = toks[i]
        if tok.quoted or (tok.lower not in _CUE_STARTS and (i + 1 == n or toks[i + 1].lower != "that")):
            i += 1
            continue
        hit = cue_at(toks, i)
        if hit is None or (closed and tok.lower not in vocab.PARTICIPLE_CUES) or (hit[1] != "noun" and _noun_use(toks, i)) or (
            i > 0 and _is_cap(tok) and _is_word(toks[i - 1]) and not _title_case(toks)
        ) or (i == 0 and _is_cap(tok) and n > 1 and toks[1].lower in vocab.CUE_FORMS):
            # "The Washington Post", "Hope Hicks": a name, unless the sentence is in Title Case; "Sang said": a name
            i += 1
            continue
        after, category = hit
        if category == "according":
            frame = _according(text, toks, i, after, sent)
        elif category == "noun":
            frame = _noun_frame(toks, i, sent)
        elif category == "evidential":
            frame = _evidential_frame(toks, i, sent)
        else:
            frame = _verb_frame(text, toks, i, after, category, sent, found)
        if frame is None:
            i += 1
            continue
        if category != frame.category and not (category == "speech" and frame.category == "stance"):
            frame = frame._replace(category=category)  # (speech the frame found withheld stays a stance)
        found.append(frame)
        # a trailing frame closes the sentence, unless its content is a quotation announced mid-sentence
        closed = closed or frame.order in ("trailing", "medial") and (
            frame.content is None or frame.content[0] <= toks[0].start)
        i = max(after, _token_after(toks, frame.content[1]) if frame.content else after)
    last = _quote_last(toks, sent, found)
    if last is not None:
        found.append(last)
    if not found:
        poll = _in_poll(toks, sent) or _colon_message(text, toks, sent)
        found = [poll] if poll is not None else found
    cast = _characterized(toks, sent)
    if cast is not None and cast.content is not None and not any(
        f.content and f.content[0] < cast.content[1] and cast.content[0] < f.content[1] for f in found
    ):
        found.append(cast)
        found.sort(key=lambda f: f.cue[0])
    d = _dateline_end(toks, n)
    if d and d < n:  # "KUALA LUMPUR, Sept 10 — No protocols were ignored, the minister said.": the place is no content
        found = [f._replace(content=(toks[d].start, f.content[1])) if f.content and f.content[0] == toks[0].start
                 and toks[d].start < f.content[1] else f for f in found]
    if n > 2 and toks[0].text in vocab.OPENING_CONNECTIVES and not toks[0].quoted:
        # "And Mrs. Clinton now holds a gaping lead, the poll found.": the writer's link, not the content
        c = 1 + (toks[1].text == ",")
        found = [f._replace(content=(toks[c].start, f.content[1])) if f.content and f.content[0] == toks[0].start
                 and toks[c].start < f.content[1] else f for f in found]
    asked = _asked(toks, sent)
    if asked is not None and asked.content is not None and not any(
        f.content and f.content[0] <= asked.content[0] < f.content[1] for f in found
    ):
        found.insert(0, asked)
    return found


#: Words after which a cue word is a noun ("its reports", "the call"); numbers too, but only
#: before a plural or an adjective ("three questions", "30 confirmed cases": "Three said" is a verb).
_NOUN_DETERMINERS = frozenset("the a an this these those his her its their our my your every each another such".split())
_ADJECTIVES = frozenset("far near first last next new old big top key same whole full main early late high low".split())
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ful", "able", "ible", "ary", "ing", "est", "ly")
_NUMBERS = frozenset("two three four five six seven eight nine ten dozen dozens hundreds thousands several few many".split())


def _noun_use(toks: list[Token], i: int) -> bool:
    """Is the cue word at ``i`` a noun or an adjective here, not a verb: "three questions", "its
    quarterly reports", "the initial call to police", "30 confirmed cases"?"""
    if i == 0 or toks[i].quoted:
        return False
    low, prev = toks[i].lower, toks[i - 1].lower
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    lemma = vocab.CUE_LEMMAS.get(low)
    plural = low.endswith("s") and not low.endswith("ss") and lemma is not None and low != lemma
    adjective = low.endswith("ed") and nxt.endswith("s") and nxt.isalpha() and nxt not in vocab.NON_NOUNS
    if not (plural or adjective or low == lemma):  # "said", "told" are never nouns
        return False
    if prev in _NOUN_DETERMINERS or prev.endswith(("'s", "\u2019s")) and not _is_cap(toks[i - 1]):
        return True
    if _number(prev) or prev in _NUMBERS:
        return plural or adjective
    if prev == "one" and low == lemma:
        return True  # "in one tweet": one's own verb would be "tweets"
    if plural and (prev in _OF_LIKE or prev in vocab.NOUN_PREPOSITIONS) and not toks[i - 1].quoted:
        return True  # "to chants of …", "amid calls for …": after a preposition an -s form is a noun
    if low == lemma and i >= 2 and _is_cap(toks[i - 1]) and not prev.endswith("s") and toks[i - 2].lower in _NOUN_DETERMINERS:
        return True  # "in a Facebook post", "the BBC report said": a singular subject's verb would be "posts"
    if nxt in vocab.AUXILIARIES and (prev in ("and", "but", ",", ";") or i == 0 and toks[i].text[:1].isupper()):
        return True  # "…, and talk had been mounting": the cue word is the subject ("officials say will" is a verb)
    if plural and prev in vocab.PARTY_WORDS and not prev.endswith("s") and (i == 1 or toks[i - 2].lower in _OF_LIKE):
        return True  # "32% of Republican claims", "Democratic claims were false": a party's claims, not a party claiming
    if low == lemma and not plural and _singular_noun_before(toks, i):
        return True  # "the biggest percentage decline since 1987": a verb's base form needs a plural subject
    # "the initial call", "its quarterly reports", "the nagging questions": an adjective between
    # (not a noun: "the campaign says", "the women say" are a subject and its verb)
    return (i >= 2 and toks[i - 2].lower in _NOUN_DETERMINERS and not _is_cap(toks[i - 1])
            and (prev.endswith(_ADJECTIVE_ENDINGS) or prev in _ADJECTIVES) and prev not in vocab.CUE_ADVERBS)


_OF_LIKE = frozenset("of from in on at with by for about into over under".split())


def _singular_noun_before(toks: list[Token], i: int) -> bool:
    """Is token ``i`` preceded by a lowercase singular noun inside a noun phrase opened by a
    determiner ("the first profit", "its annual budget")? Then a base form after it is a noun too."""
    prev = toks[i - 1]
    low = prev.lower
    if not _is_word(prev) or prev.quoted or _is_cap(prev) or low.endswith("s") or low in vocab.IRREGULAR_PLURALS:
        return False
    if low in vocab.NON_NOUNS or low in vocab.CUE_ADVERBS or low.endswith(("ly", "ed", "ing")) or low in _NOUN_DETERMINERS:
        return False
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    if low in _QUANTIFIER_HEADS and not (nxt.endswith("ed") or nxt in _IRREGULAR_PAST):
        return False  # "a mere 9 percent say", "a third say": a share of people takes a plural verb ("a third report found": a noun)
    for j in range(i - 2, max(-1, i - 5), -1):
        if toks[j].lower in _NOUN_DETERMINERS:
            # "documents from his tax return show …", "Democrats trying to win the seat say …": a
            # preposition's or a verb's object, the subject is before it
            verb_object = (toks[j - 1].lower.endswith(("ing", "ed")) or j >= 2 and toks[j - 2].lower == "to") \
                and i + 1 < len(toks) and _is_word(toks[i + 1])  # ("… diminished the education brand, critics say")
            return j == 0 or not (toks[j - 1].lower in _OF_LIKE or verb_object)
        if not _is_word(toks[j]) or toks[j].quoted or _is_cap(toks[j]) or toks[j].lower in vocab.NON_NOUNS:
            return False
    return False


def _title_case(toks: list[Token]) -> bool:
    """Is the sentence in Title Case ("Gina Rodriguez Questioned What It Means …"), a list item's
    heading whose capitalised verbs are verbs?"""
    words = [t for t in toks if _is_word(t)]
    return sum(1 for t in words if _is_cap(t)) > 0.6 * len(words)


def _noun_frame(toks: list[Token], i: int, sent: Sentence) -> Frame | None:
    """``X's claim that C`` / ``a warning that C``: the clause after a noun of saying or thinking.

    The holder is a possessive before the noun ("Trump's repeated claim", "his warning"), if any.
    """
    k = i + 1
    end = _content_end(toks, 0, len(toks))
    c_end = _content_cut(toks, k, end, toks[i].lower, False, True)
    if _words_between(toks, k, c_end) < 3:
        return None
    j = i - 1
    while j > 0 and i - j <= 2 and not _is_cap(toks[j]) and toks[j].lower not in vocab.POSSESSIVE_PRONOUNS \
            and _np_word(toks[j]) and not toks[j].lower.endswith(("'s", "\u2019s")):
        j -= 1  # adjectives: "Stumpf's repeated emphasis"
    source = None
    if j >= 0 and toks[j].lower in vocab.POSSESSIVE_PRONOUNS:
        source = (j, j)
    elif j >= 0 and toks[j].lower.endswith(("'s", "\u2019s")) and (
            _is_cap(toks[j]) or _known_noun(toks[j].lower[:-2]) or toks[j].lower[:-2] in vocab.IRREGULAR_PLURALS):
        a = j  # "Trump's claim", "Tulsa police's earlier claim", "the company's claim"
        while a > 0 and (_is_cap(toks[a - 1]) or toks[a - 1].text == ".") and j - a < 4:
            a -= 1
        source = (a - 1, j) if a > 0 and toks[a - 1].lower in ("the", "a", "an") else (a, j)
    return Frame((toks[i].start, toks[i].end), source, _span(toks, k, c_end), sent, "noun", "belief")


def _evidential_frame(toks: list[Token], i: int, sent: Sentence) -> Frame | None:
    """``X seemed unperturbed`` / ``it appears that C``: the writer's judgement, with no source.

    The content is the clause without the verb's own source ("appeared on TV" is not one);
    ``X appeared to imply C`` is left to the cue after "to".
    """
    n = len(toks)
    nxt = toks[i + 1] if i + 1 < n else None
    if nxt is None or nxt.quoted or nxt.lower in _PREP_STOP or nxt.lower in ("as", "for", "before", "onstage"):
        return None
    if nxt.lower == "to" and i + 2 < n and cue_at(toks, i + 2) is not None:
        return None
    end = _content_end(toks, 0, n)
    j = _skip_adverbs_left(toks, i - 1, 0)
    if j >= 0 and toks[j].lower == "it":
        k = i + 1 + (nxt.text == ",")
        if k < n and toks[k].lower == "that":
            k += 1
    else:
        subj = _np_left(toks, j, 0) if j >= 0 else None
        if subj is None:
            return None
        k = subj[0]
    c_end = _content_cut(toks, i + 1, end, toks[i].lower, False, True)
    if _words_between(toks, i + 1, c_end) < 1 or _words_between(toks, k, c_end) < 3:
        return None
    return Frame((toks[i].start, toks[i].end), None, _span(toks, k, c_end), sent, "evidential", "belief")


def _colon_message(text: str, toks: list[Token], sent: Sentence) -> Frame | None:
    """``The party's leaders sent him a message: C`` / ``Their argument: C``: what a message noun
    before a colon announces; its holder is the possessive before it or the sentence's subject."""
    if not toks or text.find(":", toks[0].start, toks[-1].end) < 0:
        return None  # (a string search: most sentences hold no colon)
    c = next((n for n, t in enumerate(toks) if t.text == ":" and not t.quoted), None)
    if c is None or c < 1:
        return None
    noun = c - 1 if toks[c - 1].lower not in _BE else c - 2
    if noun < 0 or toks[noun].lower not in vocab.MESSAGE_NOUNS:
        return None
    end = _content_end(toks, 0, len(toks))
    if _words_between(toks, c + 1, end) < 3:
        return None
    prev = toks[noun - 1] if noun > 0 else None
    if prev is not None and (prev.lower in vocab.POSSESSIVE_PRONOUNS or prev.lower.endswith(("'s", "\u2019s"))):
        source: tuple[int, int] | None = (noun - 1, noun - 1)  # "Their argument:", "Carrier's message:"
    else:
        source = subject(toks, noun)
        source = source if source is not None and source[1] < noun - 1 else None
    return Frame((toks[c].start, toks[c].end), source, _span(toks, c + 1, end), sent, "leading")


def _in_poll(toks: list[Token], sent: Sentence) -> Frame | None:
    """``In a CNN/ORC poll released Monday, C``: a survey is the source of the figures after it."""
    k = 1 if toks and toks[0].lower in ("but", "and") else 0
    if k + 2 >= len(toks) or toks[k].lower != "in":
        return None
    comma = next((n for n in range(k + 1, min(len(toks), k + 16)) if toks[n].text == "," or toks[n].quoted), None)
    if comma is None or toks[comma].quoted or not any(t.lower in vocab.POLL_NOUNS for t in toks[k + 1 : comma]):
        return None
    end = _content_end(toks, 0, len(toks))
    if _words_between(toks, comma + 1, end) < 3:
        return None
    cue = (toks[k].start, toks[k].end)
    return Frame(cue, (k + 1, comma - 1), _span(toks, comma + 1, end), sent, "leading", "evidence")


def _asked(toks: list[Token], sent: Sentence) -> Frame | None:
    """``Asked whether …, she said …``, ``… when asked (Tuesday) about X``: the question put to
    the speaker, by an unnamed asker; it runs to the next comma."""
    n = len(toks)
    k = next((m for m in range(n - 2) if toks[m].lower == "asked" and not toks[m].quoted and (
        m == 0 or toks[m - 1].lower in vocab.WHEN_ASKED or toks[m - 1].text == ",") and _question_follows(toks, m + 1, n)), None)
    if k is None:
        return None
    c = _skip_time(toks, k + 1, n)
    topic = toks[c].lower == "about"
    c += topic
    end = next((m for m in range(c, n) if toks[m].text == "," and not toks[m].quoted), _content_end(toks, 0, n))
    if end - c < 2:
        return None  # (asked about a topic: only the topic is named, as in "talked about X", a stance)
    return Frame((toks[k].start, toks[c - 1].end), None, _span(toks, c, end), sent, "asked", "stance" if topic else "speech")


def _characterized(toks: list[Token], sent: Sentence) -> Frame | None:
    """``S verb O as "Q"``: the subject casts someone or something as a quoted phrase.

    ("Reid kept pounding Trump as a "con artist"", "she painted the plan as "a fantasy""): the
    quotation is the subject's words whatever the verb, so the verb need not be a known cue. Not
    a passive ("was known as "the Spine""), nor a verb of being or doing ("served as", "performs as").
    """
    n = len(toks)
    a = next((k for k in range(2, n - 1) if toks[k].lower == "as" and not toks[k].quoted), None)
    if a is None:
        return None
    q = a + 1 + (toks[a + 1].lower in ("a", "an", "the") and not toks[a + 1].quoted)
    if q >= n or not toks[q].quoted:
        return None
    np = subject(toks, a)
    if np is None or not _plausible_source(toks, np[0], np[1]):
        return None
    v = _after_aside(toks, np[1] + 1, a)
    while v < a and not toks[v].quoted and (toks[v].lower in vocab.CUE_ADVERBS or toks[v].lower.endswith("ly")):
        v += 1
    verb = toks[v] if v < a else None
    if verb is None or not verb_like(verb) and not verb.lower.endswith("ing") or verb.lower in vocab.NOT_CASTING:
        return None
    if _passive(toks, v) or not 1 <= a - v - 1 <= _MAX_NP or any(
        t.quoted or not (_is_word(t) or t.text == "%") or t.lower in vocab.NON_NOUNS and t.lower not in _DETERMINERS | {"of"}
        for t in toks[v + 1 : a]
    ):
        return None
    last = q
    while last + 1 < n and toks[last + 1].quoted:
        last += 1
    if _words_between(toks, q, last + 1) < 1:
        return None
    return Frame((verb.start, verb.end), np, _span(toks, v + 1, last + 1), sent, "cast", "stance")


def _after_aside(toks: list[Token], v: int, hi: int) -> int:
    """Where the verb after a subject starts, past a party label in brackets and a short aside
    between commas ("Harry Reid (D-Nev.), in particular, has been pounding …")."""
    if v < hi and toks[v].text == "(":
        close = next((n for n in range(v + 1, min(hi, v + 8)) if toks[n].text == ")"), None)
        v = close + 1 if close is not None else v
    if v < hi and toks[v].text == ",":
        close = next((n for n in range(v + 1, min(hi, v + 6)) if toks[n].text == "," or toks[n].quoted), None)
        if close is not None and toks[close].text == "," and not toks[close].quoted:
            v = close + 1
    return v


def _token_after(toks: list[Token], end: int) -> int:
    """Index of the first token starting at or after offset ``end``."""
    return bisect.bisect_left(toks, end, key=_token_start)


def _token_start(tok: Token) -> int:
    return tok.start


def _looks_spoken(toks: list[Token], q_end: int) -> bool:
    """Does the quotation ending before token ``q_end`` end like speech (``,” ?” !”``) or run long?"""
    inner = [t for t in toks[:q_end] if t.quoted]
    words = sum(1 for t in inner if _is_word(t))
    body = [t for t in inner if t.text not in vocab.QUOTE_CHARS]  # '' is two tokens
    closing = body[-1].text if body else ""
    if closing in ("?", "!"):
        return words >= 1  # "Stop!" shouted the guard.
    return words >= 2 and (closing in (",", ".") or words >= 6)


def verb_like(tok: Token) -> bool:
    """A lowercase word that can be a reporting verb even if not in the cue list ("yells", "sang")."""
    low = tok.lower
    if not _is_word(tok) or tok.quoted or _is_cap(tok) or low in vocab.NON_NOUNS:
        return False
    return low in vocab.CUE_FORMS or low.endswith(("s", "ed")) or low in (
        "sang", "wrote", "told", "put", "shot", "spoke", "shouted", "cried", "went", "came", "began")


def _quote_first(toks: list[Token], sent: Sentence) -> Frame | None:
    """``"Q," S V …`` / ``"Q," V S …``: a sentence opening with a quotation, then who said it."""
    if not toks or not toks[0].quoted:
        return None
    n = len(toks)
    q_end = 0
    while q_end < n and toks[q_end].quoted:
        q_end += 1
    if q_end >= n or not _looks_spoken(toks, q_end):
        return None
    k = q_end + (1 if toks[q_end].text == "," else 0)
    content = (toks[0].start, toks[q_end - 1].end)
    if k < n and verb_like(toks[k]) and not toks[k].lower.endswith("ing"):
        source = _np_right(toks, k + 1, n)
        if source is not None:
            return Frame((toks[k].start, toks[k].end), source, content, sent, "trailing")
    source = _np_right(toks, k, n)
    if source is None:
        return None
    v = source[1] + 1
    if v + 1 < n and toks[v].lower == "and" and not toks[v].quoted:
        second = _np_right(toks, v + 1, n)  # "the Florida senator and presidential candidate said"
        if second is not None and second[1] + 1 < n and verb_like(toks[second[1] + 1]):
            source, v = (source[0], second[1]), second[1] + 1
    if v < n and toks[v].text == "(":
        while v < n and toks[v].text != ")":
            v += 1
        v += 1
    v = skip_adverbs_right(toks, _after_postmodifier(toks, v, n), n)
    if v < n and toks[v].text == ",":
        # an appositive: "Q," Name, the minister of X, said
        w = v + 1
        while w < n and not (cue_at(toks, w) and toks[w - 1].text == ","):
            w += 1
        v = w
    if v < n and verb_like(toks[v]):
        return Frame((toks[v].start, toks[v].end), source, content, sent, "trailing")
    return None


def _after_postmodifier(toks: list[Token], v: int, n: int) -> int:
    """Past a prepositional phrase ending at a cue ("a narrator in the Clinton ad asks"), else ``v``."""
    if v >= n or toks[v].lower not in ("in", "at", "of", "for", "from", "on", "with"):
        return v
    for w in range(v + 1, min(n, v + 7)):
        if toks[w].quoted or not _is_word(toks[w]):
            return v
        if w > v + 1 and cue_at(toks, w) is not None:
            return w
    return v


def skip_adverbs_right(toks: list[Token], v: int, n: int) -> int:
    while v < n and toks[v].lower in vocab.CUE_ADVERBS and not toks[v].quoted:
        v += 1
    return v


def _quote_last(toks: list[Token], sent: Sentence, found: list[Frame]) -> Frame | None:
    """``S verb, "Q."`` / ``…, chanting "Q"``: a sentence ending in a quotation after a verb."""
    n = len(toks)
    end = _content_end(toks, 0, n)
    if end == 0 or not toks[end - 1].quoted:
        return None
    q = end - 1
    while q > 0 and toks[q - 1].quoted:
        q -= 1
    if q == 0 or any(f.content and f.content[1] > toks[q].start for f in found):
        return None
    if sum(1 for t in toks[q:end] if _is_word(t)) < 2:
        return None
    lead = q - 1 if toks[q - 1].text in (",", ":") else q
    content = (toks[q].start, toks[end - 1].end)
    named = _colon_source(toks, lead) if lead < q and toks[lead].text == ":" else None
    if named is not None:
        return Frame((toks[lead].start, toks[lead].end), named, content, sent, "quote-last")
    verb = toks[lead - 1] if lead > 0 else None
    if verb is not None and toks[lead].text == ":" and not (cue_at(toks, lead - 1) or verb.lower.endswith("ing")):
        verb = toks[lead]  # "X had a short answer: "…"": the colon is the cue
    elif verb is None or not (verb_like(verb) or verb.lower.endswith("ing") or cue_at(toks, lead - 1)):
        return None
    if lead == q and not (cue_at(toks, lead - 1) or verb.lower.endswith("ing")):
        return None
    source = found[-1].source if found else subject(toks, lead - 1)
    if source is None or source[1] >= lead - 1:
        return None
    return Frame((verb.start, verb.end), source, content, sent, "quote-last")


def _colon_source(toks: list[Token], colon: int) -> tuple[int, int] | None:
    """The noun phrase before ``S: "Q"`` when it names the source: a name ("Kasich: …"), or a phrase
    standing alone or after a preposition ("From the report: …", "by this finding: …")."""
    np = _np_left(toks, colon - 1, 0)
    if np is not None and _is_cap(toks[colon - 1]):
        return np
    if np is None and colon >= 2 and toks[colon - 2].lower in _DETERMINERS and _is_word(toks[colon - 1]):
        np = (colon - 2, colon - 1)
    if np is not None and (np[0] == 0 or toks[np[0] - 1].lower in ("by", "from", "in", "of", "with")):
        return np
    return None


_ABBREVIATIONS = frozenset(a.lower() for a in vocab.NAME_ABBREVIATIONS)


def _abbreviation_dot(toks: list[Token], b: int) -> bool:
    """Is token ``b`` the period of a title or an initial ("Mr.", "J.") inside a name?"""
    if toks[b].text != "." or b == 0 or b + 1 >= len(toks):
        return False
    prev = toks[b - 1].text
    return (prev.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(prev) is not None) and toks[b + 1].text[:1].isupper()


def _according(text: str, toks: list[Token], i: int, after: int, sent: Sentence) -> Frame | None:
    """``according to S, C`` / ``C, according to S`` / ``C1, according to S, C2``."""
    n = len(toks)
    b = after
    while b < n and not toks[b].quoted and (toks[b].text not in (",", ";", ".", "\u2014") or _abbreviation_dot(toks, b)):
        b += 1  # "according to Mr. Rhodes": an abbreviation's period does not end the source
    if b == after:
        return None
    named = _appositive_name(toks, after, b)
    if named is not None:
        b = named  # "according to Police spokesperson, Fred Enanga, …": the role and its holder
    source = (after, min(b, after + _MAX_NP) - 1)
    cue = (toks[i].start, toks[after - 1].end)
    end = _content_end(toks, 0, n)
    lead = i == 0 or (i <= 2 and toks[i - 1].lower in ("but", "and", "yet", "so"))
    if lead:
        k = b + 1 if b < n and toks[b].text == "," else b
        content = _span(toks, k, end)
        return Frame(cue, source, content, sent, "leading") if content else None
    c_end = i - 1 if toks[i - 1].text == "," else i
    resume = _past_source(toks, b + 1, end) if b < n - 1 and toks[b].text == "," else end
    if _words_between(toks, resume, end) >= 3:
        return Frame(cue, source, _span(toks, 0, end), sent, "medial", gap=_gap(toks, c_end, resume))
    content = _span(toks, 0, c_end)
    return Frame(cue, source, content, sent, "trailing") if content else None


def _participle_word(low: str) -> bool:
    """Can ``low`` open a participle clause ("adding", "referring to …"), not be a noun or a
    pronoun ("nothing", "morning")?"""
    return low in vocab.PARTICIPLE_CUES or (
        low.endswith("ing") and len(low) > 5 and low not in vocab.PREPOSITION_INGS and low not in vocab.ING_NOUNS)


def _gerund_subject(toks: list[Token], k: int, end: int) -> bool:
    """Does the -ing word at ``k`` open a clause as its subject ("replacing him would be hard"):
    an auxiliary follows within a few words, before any comma or clause ("adding that it would")?"""
    for t in toks[k + 1 : min(end, k + 6)]:
        if t.quoted or t.text in (",", ";") or t.lower in _CLAUSE_STARTERS:
            return False
        if t.lower in vocab.AUXILIARIES:
            return True
    return False


def _gap(toks: list[Token], stop: int, resume: int) -> tuple[int, int] | None:
    """The attribution between the content's token ranges ``[0, stop)`` and ``[resume, …)``, as
    text offsets from the end of the first range to the start of the second."""
    if stop <= 0 or resume >= len(toks) or not _words_between(toks, 0, stop):
        return None
    return toks[stop - 1].end, toks[resume].start


def _appositive_name(toks: list[Token], a: int, comma: int) -> int | None:
    """The comma after a name set off after a role noun (``toks[a:comma]`` "Police spokesperson",
    then ", Fred Enanga,"): where the source ends, or ``None``."""
    if comma + 3 >= len(toks) or toks[comma].text != "," or toks[comma - 1].lower not in vocab.PERSON_NOUNS:
        return None
    m = comma + 1
    while m < len(toks) and _is_cap(toks[m]) and not toks[m].quoted and m - comma <= 4:
        m += 1
    return m if m - comma >= 3 and m < len(toks) and toks[m].text == "," else None


def _describes_source(toks: list[Token], k: int, end: int) -> bool:
    """Do the words from ``k`` to the next comma describe the source ("…, said John Cossel, a
    biologist at the university", "head of the institute", "who ran the agency") rather than go on
    with what was said? A relative clause on the source, or a noun phrase after a determiner or a
    possessive, or a role noun with its "of", with no verb of its own."""
    if k >= end or toks[k].quoted:
        return False
    low = toks[k].lower
    if low in ("who", "whose"):
        return True
    role = k + 1 < end and (_people_noun(low) and toks[k + 1].lower in ("of", "at", "in", "for")
                            or low in vocab.ROLE_OF_NOUNS and toks[k + 1].lower == "of")
    if not (role or low in ("a", "an", "the") or low in vocab.POSSESSIVE_PRONOUNS):
        return False
    stop = next((n for n in range(k, end) if toks[n].text == "," and not toks[n].quoted), end)
    return not any(t.quoted or t.lower in _BE or t.lower in vocab.CUE_FORMS or t.lower in ("has", "have", "had", "will", "would")
                   for t in toks[k:stop])


def _past_source(toks: list[Token], k: int, end: int) -> int:
    """Where what was said resumes after a medial source's descriptions ("…, according to Ann Lee,
    head of the institute, and other scientists, C2"): past each comma-separated description and a
    closing "and others"-like noun phrase."""
    while k < end and _describes_source(toks, k, end):
        k = next((n + 1 for n in range(k, end) if toks[n].text == "," and not toks[n].quoted), end)
    if k + 1 < end and toks[k].lower in ("and", "or") and (toks[k + 1].lower in ("other", "others")
                                                          or _describes_source(toks, k + 1, end)):
        k = next((n + 1 for n in range(k, end) if toks[n].text == "," and not toks[n].quoted), end)
    return k


def _before_source(toks: list[Token], comma: int) -> int:
    """The comma that ends what was said before a medial source introduced by a description ("C1,
    a spokeswoman, Ann Lee, said, C2"): the description goes with the source, not the content."""
    prev = next((n for n in range(comma - 1, -1, -1) if toks[n].text == "," and not toks[n].quoted), -1)
    return prev if prev > 0 and _describes_source(toks, prev + 1, comma) else comma


def _after_medium(toks: list[Token], i: int) -> bool:
    """Does a message noun come just before token ``i``, maybe past a time phrase ("a statement on
    Monday welcoming", "tweets Friday saying")? Its writer is the one speaking in the participle."""
    j = i - 1
    while j > 0 and (toks[j].lower in _TIME_WORDS or toks[j].lower in ("on", "late", "early", "last", "this")) and not toks[j].quoted:
        j -= 1
    return j >= 0 and i - j <= 3 and toks[j].lower in vocab.MEDIA_NOUNS and not toks[j].quoted


def _verb_frame(
    text: str, toks: list[Token], i: int, after: int, category: str, sent: Sentence, found: list[Frame]
) -> Frame | None:
    n = len(toks)
    end = _content_end(toks, 0, n)
    low = toks[i].lower
    cue = (toks[i].start, toks[after - 1].end)
    prev = toks[i - 1] if i > 0 else None
    # "…, saying C": the subject of the main clause (or of an earlier frame) speaks again
    participle = (low in vocab.PARTICIPLE_CUES or low.endswith("ing") and _after_medium(toks, i)) and (
        prev is not None and not prev.quoted)
    prev_low, prev_text = (prev.lower, prev.text) if prev is not None else ("", "")
    gerund = participle and prev_low in ("by", "after", "before", "while", "without", "since")
    medium = participle and _after_medium(toks, i)
    if prev_low == "having" and after + 1 < n and toks[after].lower == "that" and toks[after + 1].text in (",", ")"):
        return None  # "Having said that, …": the writer's concession, nobody's statement
    if _reduced_relative(toks, i, after):
        return None
    # "Having told reporters C, she left": like "After telling …"
    perfect = prev_low == "having" and (i == 1 or i == 2 and toks[0].text == "(")
    gerund = gerund or perfect
    if participle and (prev_text == "," or gerund or medium) or perfect:
        k = _content_start(text, toks, after, end, low in _OBJECT_VERBS)
        c_end = _second_cue_cut(toks, k, _participle_cut(toks, k, end))
        if gerund and i == 1:  # "After saying C, she …": the subject follows the phrase
            c_end = _clause_end(toks, k, c_end, False)
            source = _np_right(toks, c_end + (c_end < end and toks[c_end].text == ","), end)
        else:  # the last frame's source, unless that frame was a relative clause's ("an architect who said …")
            source = found[-1].source if found else None
            if source is None or toks[source[0]].lower in ("who", "which"):
                source = _clause_subject(toks, i) or source
        content = _span(toks, k, c_end)
        if content and source and (_words_between(toks, k, end) >= 2 or toks[k].quoted):
            return Frame(cue, source, content, sent, "participle")
        return None
    # inverted: "C," said S.
    if prev is not None and (prev.text == "," or prev.quoted) and category == "speech":
        source = _np_right(toks, after, n)
        if source is not None:
            b = source[1] + 1
            rest = _content_start(text, toks, b, end, False)
            tail_ok = b >= end or toks[b].text in (",", ".") or rest >= end
            c_end = i - 1 if prev.text == "," and not prev.quoted else i
            quoted_before = prev.quoted or (i > 1 and toks[i - 2].quoted)
            if (tail_ok or quoted_before) and c_end > 0:
                resume = _past_source(toks, rest, end)
                if not quoted_before and _words_between(toks, resume, end) >= 2:
                    return Frame(cue, source, _span(toks, 0, end), sent, "medial", gap=_gap(toks, c_end, resume))
                return Frame(cue, source, _span(toks, 0, c_end), sent, "trailing")
    # subject before the cue
    j = _skip_adverbs_left(toks, i - 1, 0)
    if j >= 2 and toks[j].lower == "to" and toks[j - 1].lower in vocab.RAISING_VERBS:
        j = _skip_adverbs_left(toks, j - 2, 0)  # "she appeared to imply", "he tried to argue"
    elif j >= 1 and toks[j].lower == "to" and category in ("speech", "stance") and low not in _PLAIN_SAY:
        # "Trump took to Twitter overnight to accuse …": the main clause's subject speaks
        subj = found[-1].source if found else _clause_subject(toks, j)
        if subj is not None and subj[1] < j - 1:
            return _shared_subject(text, toks, i, after, end, category, cue, subj, sent)
        return None
    if j < 0:
        return None
    passive = _passive(toks, i)
    if passive and after + 1 < end and toks[after].lower == "by" and category in ("speech", "stance"):
        return _by_agent(toks, i, after, end, cue, sent, category)
    if passive and low in vocab.FEELING_PARTICIPLES and after < end and toks[after].lower in ("that", "about"):
        # "Republicans were incensed that C": the subject feels it, a belief of theirs
        be = i - 1
        while be > 0 and toks[be].lower not in _BE:
            be -= 1
        subj = _np_left(toks, be - 1, 0) if be > 0 else None
        k = after + (toks[after].lower == "about")
        if subj is not None and _words_between(toks, k, end) >= 2:
            return Frame(cue, subj, _span(toks, k, _content_cut(toks, k, end, low, False)), sent, "leading", "belief")
        return None
    if passive and low not in ("quoted",):
        # "she was asked whether …", "he is expected to …": the subject is not the source
        k = _content_start(text, toks, after, end, False)
        sense = other_sense(toks, i - 1, i, after, end, category)
        if _words_between(toks, k, end) >= 2 and category != "stance" and toks[after].text != "," and sense != "drop":
            c_end = _content_cut(toks, k, end, low, False, _opens_subordinate(toks))
            return Frame(cue, None, _span(toks, k, c_end), sent, "passive", sense or "speech")
        return None
    comma = toks[j].text == "," or (toks[j].quoted and _closes_after_comma(toks, j, 0))
    source = _comma_subject(toks, j) if comma and j > 0 else None
    if source is None and toks[j].lower in ("and", "but") and j > 0:
        # "S praised X and said C": the subject of the first verb speaks
        source = found[-1].source if found else subject(toks, j)
        if source is not None and source[1] < j:
            return _shared_subject(text, toks, i, after, end, category, cue, source, sent)
        return None
    if source is None and category == "evidence":
        source = _evidence_source(toks, j)
    if source is None:
        source = _np_left(toks, j, 0)
        source = _relative_head(toks, source) if source is not None else None
    if source is None and low in _PLAIN_SAY:
        # "The justice -- who has … -- said", "insiders (…) said", "most of them said", "history says"
        source = subject(toks, j + 1)
        source = source if source is not None and (source[1] == j or source[1] < j and toks[j].text in _ASIDE_ENDS) else None
    lenient = source is None and category == "speech"
    if lenient:
        source = _np_left(toks, j, 0, any_noun=True)  # "…, one user commented": only as a trailing frame
    if source is None:
        return None
    a = source[0]
    k = _content_start(text, toks, after, end, low in _OBJECT_VERBS)
    if k + 2 < end and not toks[k].quoted and toks[k].lower in vocab.CUE_PREPOSITIONS.get(vocab.CUE_LEMMAS.get(low, low), ()):
        k += 1  # "commented on the ruling", "warned of a long winter": the preposition goes with the verb
    sense = other_sense(toks, source[1], i, after, end, category)
    if sense == "drop":
        return None
    category = sense or category
    rest = _words_between(toks, k, end)
    quote_before = a > 0 and (toks[a - 1].quoted or (toks[a - 1].text == "," and a > 1 and toks[a - 2].quoted))
    quote_before = quote_before and (_mostly_quoted(toks, a) or _announced_quote(toks, _quote_start(toks, a)))
    comma_before = a > 1 and (toks[a - 1].text == "," or (toks[a - 1].quoted and _closes_after_comma(toks, a - 1, 0)))
    comma_before = comma_before and not _adverbial(toks, a - 1)  # "Last month, she said …": no content before
    tail_only = rest <= 3 and not _short_clause(toks, k, end) or (k < end and toks[k].lower in _PREP_STOP)
    if quote_before or (comma_before and tail_only and not _clause_follows(toks, k, end)):
        c_end = a - 1 if toks[a - 1].text == "," else a
        q = _quote_start(toks, c_end)
        c_start = q if q < c_end and _announced_quote(toks, q) else 0
        return Frame(cue, source, _span(toks, c_start, c_end), sent, "trailing", category)
    if lenient:
        return None
    if rest == 0:
        if raw_end_colon(toks):
            return Frame(cue, source, None, sent, "lead-in", category)
        if (category == "speech" or low in vocab.AGREEMENT_FORMS) and toks[-1].text == "." and i == len(toks) - 2 \
                and not comma_before:
            return Frame(cue, source, None, sent, "announce", category)  # "Ann Smith agreed." before her quotation
        return None
    if comma_before and toks[k - 1].text == "," and _participle_word(toks[k].lower) and not toks[k].quoted \
            and not _gerund_subject(toks, k, end):
        # "C, S said, adding, "Q"": the participle reports a second statement of its own;
        # "C, S said, having a go at X": the writer's clause on the speaker
        return Frame(cue, source, _span(toks, 0, a - 1), sent, "trailing", category)
    if comma_before and toks[k - 1].text == "," and not _clause_follows(toks, k, end):
        if toks[k].lower in vocab.SCENE_CLAUSES and not toks[k].quoted:
            # "C, lawmakers said Friday, as they bristled at …": the writer's clause, not more content
            return Frame(cue, source, _span(toks, 0, a - 1), sent, "trailing", category)
        return Frame(cue, source, _span(toks, 0, end), sent, "medial", category,
                     _gap(toks, _before_source(toks, a - 1) if toks[a - 1].text == "," else a, k))
    if low not in _PLAIN_SAY and _by_gerund(toks, k, end):
        return None  # "responded to a mother by saying C": the gerund's frame reports C
    first = toks[k]
    clause = first.lower in _CLAUSE_STARTERS or first.quoted or toks[k - 1].text == ":"
    if first.lower in _PREP_STOP and not clause and low not in _PLAIN_SAY:
        return None
    evidence = category == "evidence" and any(t.lower in vocab.EVIDENCE_NOUNS for t in toks[source[0] : source[1] + 1])
    if (low in vocab.NEEDS_CLAUSE or category == "evidence" and not evidence) and not clause:
        return None
    if rest < 2 and not toks[k].quoted and not (category == "stance" and _is_cap(toks[k])):
        return None  # a lone word, unless a name a stance is taken on: "endorsed Clinton"
    if first.lower in vocab.BACK_REFERENCES and category == "speech" and (k + 1 >= end or toks[k + 1].lower in _AFTER_BACK_REFERENCE):
        return None  # "disclosed this in a statement issued Tuesday": what was said is before, not here
    if category == "stance" and _reacts_to_speech(toks, k, end):
        return None
    subordinate = (toks[source[0]].lower in ("who", "which") or _opens_subordinate(toks)
                   or (source[0] > 0 and toks[source[0] - 1].lower in ("which", "whom", "who")))
    c_end = _content_cut(toks, k, end, low, category == "stance", subordinate)
    return Frame(cue, source, _span(toks, _colon_quote(toks, k, c_end), c_end), sent, "leading", category)


def _skip_time(toks: list[Token], k: int, end: int) -> int:
    """Past a time phrase at ``k`` ("asked Tuesday about …", "asked on Monday whether …")."""
    while k < end and toks[k].lower in _TIME_RUN and not toks[k].quoted:
        k += 1
    return k


def _question_follows(toks: list[Token], k: int, end: int) -> bool:
    """Does a question or its topic follow "asked" (past a time: "asked Tuesday whether …")?"""
    k = _skip_time(toks, k, end)
    return k + 1 < end and toks[k].lower in vocab.QUESTION_WORDS and not toks[k].quoted


def _reduced_relative(toks: list[Token], i: int, after: int) -> bool:
    """Is the past form at ``i`` a participle after its noun, with the clause's verb after a time
    ("the new cases reported Thursday were found in Toronto"): what was reported, not who reports?"""
    low = toks[i].lower
    if low in _PLAIN_SAY or not (low.endswith("ed") or low in _IRREGULAR_PAST) or i == 0 or not _is_word(toks[i - 1]) \
            or _is_cap(toks[i - 1]):
        return False
    m = after
    while m < len(toks) and toks[m].lower in _TIME_RUN and not toks[m].quoted:
        m += 1
    return after < m < len(toks) and toks[m - 1].lower in _TIME_WORDS and toks[m].lower in vocab.AUXILIARIES \
        and not toks[m].quoted


def _by_agent(toks: list[Token], i: int, after: int, end: int, cue: tuple[int, int], sent: Sentence,
              category: str) -> Frame | None:
    """``C was announced by S``, ``C has been endorsed by S``: the agent speaks, the subject is what
    it said or backed; nothing without an agent that can speak."""
    agent = _np_right(toks, after + 1, end)
    if agent is None or toks[agent[0]].lower in vocab.OBJECT_PRONOUNS or not _plausible_source(toks, *agent) \
            or any(t.lower in vocab.MEDIA_NOUNS or t.lower in vocab.CHANNEL_NOUNS for t in toks[agent[0] : agent[1] + 1]):
        return None  # "announced by text message": a medium, not a source
    v = i - 1
    while v > 0 and toks[v - 1].lower in vocab.CUE_ADVERBS and not toks[v - 1].quoted:
        v -= 1
    first = subject(toks, v)
    c_start = first[0] if first is not None else 0
    if _words_between(toks, c_start, v) < 2 or any(t.text in (",", ";") for t in toks[c_start:v]):
        return None
    return Frame(cue, agent, _span(toks, c_start, v), sent, "passive", category)


def _second_cue_cut(toks: list[Token], k: int, hi: int) -> int:
    """Where ", and (then) pointed out …" starts the source's next report after a participle's content."""
    for n in range(k + 1, hi - 2):
        if toks[n].text != "," or toks[n].quoted or toks[n + 1].lower not in ("and", "but"):
            continue
        m = n + 2
        while m < hi - 1 and (toks[m].lower in vocab.CUE_ADVERBS or toks[m].lower == "then"):
            m += 1
        if not toks[m].quoted and (toks[m].lower in vocab.CUE_FORMS or toks[m].lower in vocab.PHRASAL_HEADS) \
                and not toks[m].lower.endswith("ing"):
            return n
    return hi


def _by_gerund(toks: list[Token], k: int, end: int) -> bool:
    """Whether a cue's object runs into "by saying", "by arguing" with no clause or quotation before
    it: the manner phrase names the act, so the first verb ("responded", "ended the speech") reports
    nothing of its own."""
    for m in range(k, min(end, k + 12) - 2):
        tok = toks[m]
        if tok.text in (",", ";", ":") or tok.quoted or tok.lower in _CLAUSE_STARTERS:
            return False
        if tok.text == "by" and toks[m + 1].lower in vocab.PARTICIPLE_CUES and toks[m + 2].lower not in ("to", "at"):
            return True  # not "by pointing to her record": a gesture at something, not a statement
    return False


def other_sense(toks: list[Token], b: int, i: int, k: int, end: int, category: str) -> str | None:
    """How the cue at ``i`` (source ending at ``b``, the words after it from ``k``) falls short of speech:
    ``"drop"`` when it is used in another sense (a call that is a phone call or a visit, "called
    him on Tuesday"; a perception, "saw him win"; a stance verb before an adjunct, "challenged for
    the puck"), ``"stance"`` when speech is withheld ("would not say when") or only a topic is
    named ("talked about the weather"): kept, as PolNeAR-style annotation counts them, but out of
    the speech category. ``None`` for an attribution in its plain sense."""
    low = toks[i].lower
    first = toks[k].lower if k < end else ""
    nxt = toks[k + 1].lower if k + 1 < end else ""
    if low in vocab.NAMING_FORMS and first in vocab.OBJECT_PRONOUNS and (nxt in _PREP_STOP or nxt in _TIME_WORDS or nxt == "to"):
        return "drop"
    if low in vocab.PERCEPTION_FORMS and first in vocab.OBJECT_PRONOUNS and nxt != "as":
        return "drop"
    if category == "stance" and first in vocab.ADJUNCT_PREPOSITIONS and not toks[k].quoted:
        return "drop"
    if first in vocab.ADVERB_CUES.get(vocab.CUE_LEMMAS.get(low, ""), ()):
        return "drop"  # "bring jobs back to the country": a direction, not a stance
    if vocab.CUE_LEMMAS.get(low) in vocab.CONTEST_LEMMAS and _runs_against(toks, k, end):
        return "drop"  # "who is challenging Clinton for the seat": an election, not words
    if category == "speech" and any(t.lower in vocab.NEGATIONS or t.lower.endswith(("n't", "n’t")) for t in toks[b + 1 : i]):
        return "stance"
    if low in vocab.ACCUSE_FORMS and first in ("of", "with"):
        return "stance"  # "was accused of theft": a charge laid by someone unnamed, not words quoted
    if low in vocab.RESULT_VERBS and any(t.lower in vocab.RESULT_NOUNS and not t.quoted for t in toks[k : min(end, k + 3)]):
        return "drop"  # "reported operating earnings of $101 million": figures posted, not words
    if vocab.CUE_LEMMAS.get(low) == "call" and first in ("a", "an") and _convened(toks, k + 1, end):
        return "drop"  # "called an emergency meeting", "called a snap election": convened, not said
    if low in vocab.DECLARE_FORMS and any(t.lower in vocab.DECLARED_ACTS for t in toks[k : min(end, k + 3)]):
        return "drop"  # "declared allegiance to him", "declared bankruptcy": an act, not words reported
    if _medium_object(toks, k, end):
        return "drop"  # "posted a series of tweets", "issued a statement": the medium, not what it says
    if low in vocab.TOPIC_FORMS and first in ("to", "with"):
        return "drop"  # "a resident, who spoke to NAN": whom they spoke to, not what they said
    if low in vocab.TOPIC_FORMS and first in ("about", "of"):
        return "stance"
    if vocab.CUE_LEMMAS.get(low) == "report" and _reported_to(toks, k, end):
        return "stance"  # "reported his disappearance to the Coast Guard": an incident notified, its topic only
    return None


def _runs_against(toks: list[Token], k: int, end: int) -> bool:
    """Is the object from ``k`` a person challenged in an election ("challenge Teachout in the
    general election"), not on a topic ("challenge Mr. Trump on immigration")?"""
    if k >= end or toks[k].quoted or not (_is_cap(toks[k]) or toks[k].lower in vocab.OBJECT_PRONOUNS):
        return False
    for t in toks[k + 1 : min(end, k + 6)]:
        if t.lower in vocab.CONTEST_TOPICS or t.quoted:
            return False
        if t.text == ",":
            break
    return True


def _reported_to(toks: list[Token], k: int, end: int) -> bool:
    """Is the short object from ``k`` followed by "to" and whom it was reported to ("the
    incident to police", "his disappearance to the Coast Guard")?"""
    for n in range(k, min(end - 1, k + 6)):
        t = toks[n]
        if t.quoted or not _is_word(t) or t.lower in _CLAUSE_STARTERS:
            return False
        if t.lower == "to" and n > k:
            whom = toks[n + 1].lower in ("the", "police", "authorities") or _is_cap(toks[n + 1])
            return whom and not any(x.lower in vocab.AUXILIARIES for x in toks[n + 1 : end])
    return False


def _convened(toks: list[Token], m: int, end: int) -> bool:
    """Does a gathering or a vote ("meeting", "election") end the short object from ``m`` ("an
    emergency meeting to …"), with nothing naming it after ("called the vote "a promise kept"")?"""
    for n in range(m, min(end, m + 3)):
        if toks[n].quoted or not _is_word(toks[n]):
            return False
        if toks[n].lower in vocab.CONVENED:
            return n + 1 >= end or toks[n + 1].lower in _OF_LIKE or toks[n + 1].lower == "to" or toks[n + 1].text in ",;"
    return False


def _medium_object(toks: list[Token], k: int, end: int) -> bool:
    """Is the object from token ``k`` a short noun phrase ending in a message noun ("a series of
    tweets", "a statement on Monday"), up to the end or a participle or clause that says what it said?"""
    n = k
    while n < end and _is_word(toks[n]) and not toks[n].quoted and n - k < 6 and not toks[n].lower.endswith("ing") and (
            toks[n].lower not in _CLAUSE_STARTERS and toks[n].lower not in _PREP_STOP):
        n += 1
    head = toks[n - 1] if n > k else None
    if head is None or n - k > 5 or head.lower not in vocab.MEDIA_NOUNS or _is_cap(head):
        return False  # "told The Washington Post that …" names a paper
    if n < end and toks[n].lower.endswith("ing"):
        return True  # the participle says what it said
    return not any(t.quoted or t.lower in _CLAUSE_STARTERS or t.text == ":" or t.lower in ("by", "of") for t in toks[n:end])


def _colon_quote(toks: list[Token], k: int, c_end: int) -> int:
    """``responded with a phrase …: "Q"``: a content ending in a quotation announced by a colon, with
    no clause boundary before the colon, is the quotation; the words before it only describe it."""
    if toks[k].quoted or not toks[c_end - 1].quoted:
        return k
    q = c_end - 1
    while q > k and toks[q - 1].quoted:
        q -= 1
    if q - 1 <= k or toks[q - 1].text != ":" or toks[q - 1].quoted:
        return k
    if any(t.text in (",", ";") or t.quoted for t in toks[k : q - 1]):
        return k
    return q


def _shared_subject(text: str, toks: list[Token], i: int, after: int, end: int, category: str,
                    cue: tuple[int, int], source: tuple[int, int], sent: Sentence) -> Frame | None:
    """A cue whose source is the subject of the clause before it ("S praised X and said C",
    "S took to Twitter to accuse C"): the content after the cue."""
    low = toks[i].lower
    k = _content_start(text, toks, after, end, low in _OBJECT_VERBS)
    if k >= end or (_words_between(toks, k, end) < 2 and not toks[k].quoted) or (
        (category == "evidence" or low in vocab.NEEDS_CLAUSE) and toks[k].lower not in _CLAUSE_STARTERS
    ):
        return None
    sense = other_sense(toks, i - 1, i, k, end, category)
    if sense == "drop":
        return None
    # "S, who praised X and said C, left": the relative clause ends the content at its comma
    relative = any(t.lower in ("who", "which") for t in toks[source[0] : min(source[1] + 3, after)])
    c_end = _content_cut(toks, k, end, low, category == "stance", relative)
    return Frame(cue, source, _span(toks, k, c_end), sent, "leading", sense or category)


def _content_cut(toks: list[Token], k: int, end: int, cue: str, stance: bool, subordinate: bool = False) -> int:
    """Where the content after a cue ends: before a participle or second predicate of the source,
    at the comma closing a relative/subordinate clause or a stance's object, or after a quotation
    opening it ('says, "Don't do it," until …')."""
    marks = _marks(toks, k, end)
    c_end = end
    if marks:
        c_end = _coordination_cut(toks, _dash_cut(toks, _participle_cut(toks, k, end, marks), marks), cue, marks)
        c_end = _new_clause_cut(toks, k, _second_report_cut(toks, k, c_end, marks), marks)
        c_end = _quoted_report_cut(toks, k, _announced_quote_cut(toks, k, c_end, marks), marks)
    if cue in vocab.NAMING_FORMS:  # 'what she called a "rant," a series of postings …'
        c_end = next((n + 1 for n in marks if n < c_end - 1 and toks[n].quoted and not toks[n + 1].quoted
                      and _closes_after_comma(toks, n, k)), c_end)
        q = k + 1 + (k + 2 < c_end and toks[k + 1].lower in ("a", "an", "the"))
        if toks[k].lower == "as" and q < c_end and toks[q].quoted:
            while q < c_end and toks[q].quoted:
                q += 1
            c_end = q  # 'is describing as "unhinged" a tweet …': the name given, before what it names
    if subordinate or stance:
        c_end = _clause_end(toks, k, c_end, stance)
    if toks[k].quoted and (k == 0 or not toks[k - 1].quoted):
        q_end = k
        while q_end < c_end and toks[q_end].quoted:
            q_end += 1
        if q_end < c_end and _words_between(toks, k, q_end) >= 2 and (
            _closes_utterance(toks, q_end - 1, k)
            or (toks[q_end].lower in ("and", "but") and any(cue_at(toks, m) for m in range(q_end + 1, c_end)))
        ):
            c_end = q_end  # 'says, "Don't do it," until …' / 'said "not likely" and 14 percent said …'
    return c_end


_LEAD_MARKS = _DASHES | {":"}


def _announced_quote(toks: list[Token], q: int) -> bool:
    """Is the quotation starting at token ``q`` announced by a colon or dash of the writer's
    ("… his former wife: "Q," he said")? Then the words before the mark are not its content."""
    return q >= 2 and toks[q].quoted and not toks[q - 1].quoted and toks[q - 1].text in _LEAD_MARKS


def _self_attributed(toks: list[Token], q: int, hi: int) -> bool:
    """Does the quotation starting at token ``q`` carry its own trailing source ("Q," he told …)?"""
    e = q
    while e < hi and toks[e].quoted:
        e += 1
    if e >= hi or e == q or not _looks_spoken(toks[q:e] + toks[e : e + 1], e - q):
        return False
    k = e + (toks[e].text == ",")
    if k < hi and verb_like(toks[k]) and cue_at(toks, k) is not None:
        return _np_right(toks, k + 1, hi) is not None  # "Q," said S
    src = _np_right(toks, k, hi)
    if src is None:
        return False
    v = skip_adverbs_right(toks, src[1] + 1, hi)
    hit = cue_at(toks, v) if v < hi else None
    return hit is not None and hit[1] == "speech"


def _quote_start(toks: list[Token], e: int) -> int:
    """Start of the quoted run ending before token ``e`` (past one unquoted comma), or ``e``."""
    if e >= 2 and toks[e - 1].text == "," and not toks[e - 1].quoted and toks[e - 2].quoted:
        e -= 1
    q = e
    while q > 0 and toks[q - 1].quoted:
        q -= 1
    return q


def _announced_quote_cut(toks: list[Token], k: int, hi: int, marks: list[int]) -> int:
    """Where a colon or dash announces a quotation with its own source ("S suggested C: "Q," he
    told …"): the quotation is that source's statement, so the content ends before the mark."""
    for n in marks:
        if n >= hi - 1:
            break
        if n > k and toks[n + 1].quoted and _announced_quote(toks, n + 1) and _self_attributed(toks, n + 1, len(toks)):
            return n
    return hi


_RELATIVE_LEADS = frozenset({"which", "whom"})


def _quoted_report_cut(toks: list[Token], k: int, hi: int, marks: list[int]) -> int:
    """Where ``, S <speech verb> (…:) "Q"`` ends the content with another source's quotation
    ("…, a man yelled "Stop!"", "…, to which X interjected: "Q""): the quotation is that source's."""
    for n in marks:
        if n >= hi - 3:
            break
        if toks[n].text != "," or toks[n].quoted or n <= k:
            continue
        m = n + 1
        if toks[m].lower in ("to", "at", "with", "in") and toks[m + 1].lower in _RELATIVE_LEADS:
            m += 2
        np = _np_right(toks, m, hi)
        if np is None or _np_left(toks, np[1], m) is None:  # a source the cue's own frame accepts
            continue
        v = skip_adverbs_right(toks, np[1] + 1, hi)
        hit = cue_at(toks, v) if v < hi else None
        if hit is None or hit[1] != "speech" or toks[v].quoted:
            continue
        q = hit[0]
        if q < hi and toks[q].lower in ("to", "at") and q + 1 < hi and toks[q + 1].lower in ("him", "her", "them", "me", "us"):
            q += 2  # "whispered to him: "…""
        if q < hi and toks[q].text in (":", ",") and not toks[q].quoted:
            q += 1
        if q < hi and toks[q].quoted and all(t.quoted for t in toks[q:hi]):
            return n
    return hi


def _second_report_cut(toks: list[Token], k: int, hi: int, marks: list[int]) -> int:
    """Where a clause reporting someone again starts ("…, and when asked …, he said, …"), or ``hi``."""
    commas = [n for n in marks if n < hi and toks[n].text == "," and not toks[n].quoted]
    if not commas:
        return hi
    for m in range(commas[0] + 2, hi):
        t = toks[m]
        if t.lower in _PLAIN_SAY and not t.quoted and (toks[m - 1].lower in _SUBJECT_PRONOUNS or _is_cap(toks[m - 1])):
            for c in commas:
                if c < m - 1 and (toks[c + 1].lower in _CLAUSE_JOINERS or c + 2 == m):
                    return c
            return hi
    return hi


def _new_clause_cut(toks: list[Token], k: int, hi: int, marks: list[int]) -> int:
    """Where ", and <subject> <verb>" starts the writer's next clause ("…, and those voters backed …")."""
    for n in marks:
        if n >= hi - 3:
            break
        if toks[n].text not in (",", ";") or toks[n].quoted:
            continue
        m = n + 1 + (toks[n + 1].lower in ("and", "but"))
        np = _np_right(toks, m, hi) if toks[n].text == ";" or m > n + 1 else None
        if np is not None and np[1] + 1 < hi and verb_like(toks[skip_adverbs_right(toks, np[1] + 1, hi)]):
            return n
    return _adverbial_clause_cut(toks, k, hi, marks)


def _adverbial_clause_cut(toks: list[Token], k: int, hi: int, marks: list[int]) -> int:
    """Where "and <when>, <subject> <verb>" starts the writer's next clause after a noun-phrase
    content ("announced the amount and a day later, Ghana recorded two cases"); a clause content
    ("said that C and, in the end, voters …") may go on with a clause of its own."""
    if k >= hi or toks[k].lower in _CLAUSE_STARTERS or toks[k].quoted:
        return hi
    for n in range(k + 1, hi - 3):
        t = toks[n]
        if t.quoted or verb_like(t):
            return hi  # the content has a verb of its own: a clause
        if t.lower != "and":
            continue
        if n + 1 >= hi or toks[n + 1].lower not in _WHEN_WORDS:
            return hi  # "and killing X, a …": not a time or place opening the writer's clause
        comma = next((c for c in marks if n < c < min(hi, n + 9) and toks[c].text == ","), None)
        if comma is None or any(verb_like(x) or x.quoted for x in toks[n + 1 : comma]):
            return hi
        np = _np_right(toks, comma + 1, hi)
        if np is not None and np[1] + 1 < hi and verb_like(toks[skip_adverbs_right(toks, np[1] + 1, hi)]):
            return n
        return hi
    return hi


def _finite_like(low: str, cue: str) -> bool:
    """Is ``low`` a verb in the same finite form as the cue ("called … and accused", "says … and adds")?"""
    if low in vocab.NON_NOUNS or low.endswith("ing"):
        return False
    if cue.endswith("ed") or cue in _IRREGULAR_PAST:
        return low.endswith("ed") or low in _IRREGULAR_PAST
    if cue.endswith("s"):
        return low.endswith("s") and not low.endswith("ss") and low in vocab.CUE_FORMS
    return low in vocab.CUE_FORMS




def _dash_cut(toks: list[Token], hi: int, marks: list[int]) -> int:
    """Where a single dash opens the writer's aside after the content ("to "X" - a charge that …"),
    or a pair of dashes closes one before the writer's next clause."""
    dashes = [n for n in marks if n < hi and toks[n].text in _DASHES and not toks[n].quoted
              and toks[n - 1].end < toks[n].start]
    after = dashes[1] + 1 if len(dashes) == 2 else hi
    while after < hi and toks[after].text in _DASHES:
        after += 1  # "--" is two tokens
    if after < hi:
        # "that he paid nothing — as was true for years — Berg boasted": a new clause after the aside
        np = _np_right(toks, after, hi)
        if np is None and toks[after].lower in ("who", "which"):
            np = (after, after)  # "generals -- most of whom … -- who cited …"
        if np is not None and np[1] + 1 < hi and verb_like(toks[skip_adverbs_right(toks, np[1] + 1, hi)]):
            return dashes[0]
    return dashes[0] if len(dashes) == 1 else hi


def _coordination_cut(toks: list[Token], hi: int, cue: str, marks: list[int]) -> int:
    """Where "… and <same-form verb>" starts a second predicate of the source (or ``hi``)."""
    for n in marks:
        if n >= hi - 1:
            break
        t = toks[n]
        if t.quoted or t.lower not in ("and", "but"):
            continue
        m = n + 1
        while m < hi and (toks[m].lower in vocab.CUE_ADVERBS or toks[m].lower.endswith("ly")) and not toks[m].quoted:
            m += 1
        if m < hi and not toks[m].quoted and _finite_like(toks[m].lower, cue) and not _participle_before_noun(toks, m, hi):
            return n - 1 if toks[n - 1].text == "," and not toks[n - 1].quoted else n
    return hi


def _participle_before_noun(toks: list[Token], m: int, hi: int) -> bool:
    """Is the past form at ``m`` an adjective before the noun of a subject whose verb follows
    ("said the heat and unsettled weather could last"), not a second verb ("and said she could")?"""
    if m + 2 >= hi or toks[m].lower in vocab.CUE_FORMS or toks[m + 2].lower not in vocab.AUXILIARIES:
        return False
    noun = toks[m + 1]
    return _is_word(noun) and not noun.quoted and noun.text.islower() and noun.lower not in vocab.AUXILIARIES \
        and noun.lower not in vocab.OBJECT_PRONOUNS and noun.lower not in vocab.PRONOUNS and noun.lower not in _DETERMINERS


def _evidence_source(toks: list[Token], j: int) -> tuple[int, int] | None:
    """A survey or document subject before ``j``, past its modifiers ("A poll from Marquette Law
    School released Wednesday found" -> "A poll"); "that"/"which" right after one."""
    if toks[j].lower in ("that", "which") and j > 0 and toks[j - 1].lower in vocab.EVIDENCE_NOUNS:
        return j, j
    for n in range(j, max(-1, j - 12), -1):
        t = toks[n]
        if t.quoted or t.text in (",", ";", ":", "(", ")") or t.lower in ("that", "which", "who"):
            return None
        if t.lower in vocab.EVIDENCE_NOUNS:
            a = n
            while a > 0 and n - a < 4 and toks[a - 1].lower not in vocab.NAME_BREAKERS and (
                    toks[a - 1].lower in _DETERMINERS or _np_word(toks[a - 1]) or _is_cap(toks[a - 1])
                    or toks[a - 1].text in ("-", "/")):  # not "But" in "But the poll shows"
                a -= 1
            return a, n
    return None


def _adverbial(toks: list[Token], comma: int) -> bool:
    """Is ``toks[:comma]`` a scene-setting phrase ("Later in the day,", "Last month,", "Speaking in
    an interview with a radio station on Friday,")?"""
    first = toks[0].lower
    if any(t.quoted for t in toks[:comma]):
        return False
    if first in vocab.CONNECTIVES:  # "However, she said …", "And despite his disdain, he …"; not "And the fares will rise, she said"
        return comma == 1 or toks[1].lower not in vocab.CONNECTIVES and _adverbial(toks[1:], comma - 1)
    if comma > 1 and _scene_opener(toks, 0) == "phrase" and first.endswith("ing") and (
            toks[1].lower in vocab.NON_NOUNS or toks[1].lower.endswith("ly") or toks[1].lower == "against"):
        # "Speaking in an interview,": a participle and its phrase; not "Shifting monsoon patterns …"
        return comma <= 20 and not any(cue_at(toks, n) or t.lower in vocab.AUXILIARIES for n, t in enumerate(toks[1:comma], 1))
    return comma <= 8 and (
        first in _PREP_STOP or first in _LEADING_ADVERBIALS or first in _TIME_WORDS
        or first in ("last", "this", "next", "by", "for", "from", "since", "until", "under", "among", "like", "despite", "without"))


def _reacts_to_speech(toks: list[Token], k: int, end: int) -> bool:
    """Is a stance's object someone else's words ("rejected 'groundless' accusations by …")?"""
    for t in toks[k : min(end, k + 5)]:
        if t.lower in vocab.SPEECH_ACT_NOUNS:
            return True
        if t.lower in ("by", "of", "that", "about", "against", ",", "to") or t.lower in _PREP_STOP:
            return False
    return False


def _closes_after_comma(toks: list[Token], n: int, lo: int) -> bool:
    """Is token ``n`` the last closing mark of a quotation whose text ends with a comma ("…,”")?"""
    m = n
    while m > lo and toks[m].quoted and not _is_word(toks[m]) and toks[m].text != ",":
        m -= 1
    return m < n and toks[m].text == "," and toks[m].quoted


def _closes_utterance(toks: list[Token], n: int, lo: int) -> bool:
    """Does the quotation closing at token ``n`` end with its own punctuation ("…,”", "…!”")?"""
    m = n
    while m > lo and toks[m].quoted and toks[m].text in vocab.QUOTE_CHARS:
        m -= 1
    return m < n and toks[m].quoted and toks[m].text in (",", ".", "!", "?")


def _clause_end(toks: list[Token], k: int, hi: int, at_conjunction: bool) -> int:
    """The first comma (or a quotation ending in one) after ``k``; also " and"/" but" if asked."""
    for n in range(k + 1, hi):
        t = toks[n]
        if t.quoted:
            if n + 1 < hi and not toks[n + 1].quoted and _closes_after_comma(toks, n, k):
                return n + 1
            continue
        if t.text in (",", ";"):
            if at_conjunction and t.text == "," and _object_goes_on(toks, n, hi):
                continue
            return n
        if at_conjunction and t.lower in ("and", "but", "because", "while") and not (
            t.lower == "and" and n + 1 < hi and (toks[n + 1].lower in _DETERMINERS or toks[n + 1].quoted
                                                 or _parallel_preposition(toks, k, n))
        ):
            return n  # but "condemned the test as "X" and a "grave threat"" goes on
    return hi


_PARALLEL_PREPOSITIONS = vocab.ADJUNCT_PREPOSITIONS | {"as", "to", "about"}


def _parallel_preposition(toks: list[Token], k: int, n: int) -> bool:
    """Does "and" at ``n`` join a second phrase with the preposition of an earlier one ("cited her
    years as secretary and as senator")?"""
    p = toks[n + 1].lower
    return p in _PARALLEL_PREPOSITIONS and any(
        t.lower == p and not t.quoted for t in toks[k:n])


def _object_goes_on(toks: list[Token], comma: int, hi: int) -> bool:
    """Does a stance's object go on past this comma: a list ("several factors, including …") or an
    appositive followed by the rest of the object ("a judge, Gonzalo Curiel, for his …")?"""
    nxt = toks[comma + 1].lower if comma + 1 < hi else ""
    if nxt in ("including", "such", "especially", "particularly"):
        return True
    close = next((n for n in range(comma + 2, min(hi, comma + 8)) if toks[n].text == "," and not toks[n].quoted), None)
    return close is not None and close + 1 < hi and toks[close + 1].lower in ("for", "of", "as", "over", "to")


#: Words opening a new clause after a comma ("…, and when asked …, he said").
_CLAUSE_JOINERS = frozenset("and but when while after before as then so".split())
_IRREGULAR_PAST = frozenset(vocab.IRREGULAR_PAST.values()) | frozenset(
    "made took gave went came began got held met sent spent won lost kept left brought bought ran built led "
    "paid sold fought struck hit".split())
#: Tokens closing an aside between a subject and its cue.
_ASIDE_ENDS = _DASHES | {")"}
_BE = frozenset("is was are were be been being 's".split())


def _passive(toks: list[Token], i: int) -> bool:
    """Is the cue at ``i`` a participle after a form of "be" ("was asked", "is expected")?"""
    low = toks[i].lower
    if not (low.endswith("ed") or low in ("told", "known", "seen", "thought", "shown", "written", "said")):
        return False
    j = i - 1
    while j >= 0 and toks[j].lower in ("not", "also", "widely", "repeatedly", "never", "often", "reportedly", "n't"):
        j -= 1
    return j >= 0 and toks[j].lower in _BE


def _mostly_quoted(toks: list[Token], a: int) -> bool:
    """Is the text before token ``a`` mostly a quotation (so it is the content, not a scene-setter)?"""
    words = [t for t in toks[:a] if _is_word(t)]
    return bool(words) and sum(1 for t in words if t.quoted) >= 0.6 * len(words)


def raw_end_colon(toks: list[Token]) -> bool:
    """Does the sentence end with a colon (a lead-in to a quotation that follows)?"""
    return bool(toks) and toks[-1].text == ":"


def _clause_follows(toks: list[Token], k: int, end: int) -> bool:
    """After ``S said,`` does a content clause start (a quotation or "that")?"""
    return k < end and (toks[k].quoted or toks[k].lower in _CLAUSE_STARTERS)


def _relative_head(toks: list[Token], source: tuple[int, int]) -> tuple[int, int]:
    """The head before a restrictive relative clause when ``source`` is that clause's object: "The
    lawyer who represented the family said" -> "The lawyer", not "the family"."""
    a = source[0]
    for r in range(a - 1, max(0, a - 10), -1):
        t = toks[r]
        if t.quoted or not _is_word(t) or t.lower in vocab.CUE_FORMS:
            return source
        if t.lower in ("who", "that", "which"):
            head = _np_left(toks, r - 1, 0)
            if head is None or not any(verb_like(toks[m]) or toks[m].lower in _IRREGULAR_PAST for m in range(r + 1, a)):
                return source
            return head
    return source


def _comma_subject(toks: list[Token], comma: int) -> tuple[int, int] | None:
    """``S, <appositive or aside>, V``: the sentence's subject when an aside separates it from V."""
    subj = subject(toks, comma)
    if subj is not None and comma + 1 < len(toks) and toks[comma + 1].lower.endswith("ing") and subj[1] + 1 < comma \
            and verb_like(toks[skip_adverbs_right(toks, subj[1] + 1, comma)]):
        return subj  # "Instead, the senator is sticking to …, hoping C": the clause's subject
    if subj is not None and subj[1] + 1 < comma and toks[subj[1] + 1].text in (",", "("):
        name = _np_right(toks, subj[1] + 2, comma)
        if (toks[subj[1] + 1].text == "," and name is not None and name[1] == comma - 1
                and not _is_cap(toks[subj[1]]) and all(_is_cap(t) or t.text == "." for t in toks[name[0] : comma])):
            return name  # "Britain's climate envoy, Sarah Whitcombe, said": the appositive is the name
        return subj
    return _appositive(toks, comma)


def _appositive(toks: list[Token], comma: int) -> tuple[int, int] | None:
    """``S, <appositive>, V``: the source is the noun phrase before the appositive."""
    for c in range(comma - 1, max(-1, comma - 40), -1):
        if toks[c].text == "," and not toks[c].quoted:
            inner = _np_left(toks, comma - 1, 0)
            if inner and inner[0] == c + 1 and _is_cap(toks[inner[1]]) and _is_cap(toks[inner[0]]):
                return inner  # "His spokesman, Peter Cook, said": the appositive is the name
            np = _np_left(toks, c - 1, 0)
            if np and (_is_cap(toks[np[1]]) or toks[np[1]].lower in vocab.PRONOUNS):
                return np
            return None
        if toks[c].text in (".", ";") and not toks[c].quoted:
            return None
    return None

