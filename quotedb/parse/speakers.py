"""Source mentions -> one entity per person, organisation or group within an article.

Rules, in order: a name that repeats, or is the surname or first token of a full name met
earlier ("Chen" -> "Chen Xu", "Mr. Wang" -> "Wang Wenbin"), is the same entity; a pronoun goes
to the most recent entity it agrees with in gender and number; a definite role noun ("the
envoy", "the company") goes to the most recent person or organisation; "who" goes to the name
before it; plural or indefinite descriptions ("officials", "a source") are groups of their own.
When no rule applies the speaker stays unknown rather than guessed.

A speaker's ``aliases`` are the other forms of its *name* met in the article: each named mention
without its titles and role words ("Mayor Elena Brooks" -> "Elena Brooks", "Mr. Reed" -> "Reed"),
so a person's surname or first name ("Brooks", "Chen") is one. Pronouns, "who" and descriptions
("the envoy", "The company") are not names: they stay per statement in ``speaker_mention``. An
organisation or group has no partial-name aliases ("Way" for "Which Way" is a fragment of its
name, not a name it goes by).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from quotedb.parse import vocab
from quotedb.parse.records import Speaker, SpeakerKind

#: A run of capitalised words (a dotted initialism like "U.S." is one word). A word's period is
#: allowed here and checked in ``_name_runs``: only an abbreviation's or an initial's goes on.
#: A word's letters are taken possessively (``*+``): what may follow them (a period, a space) is
#: none of them, so giving some back could never match, and the engine no longer tries.
_CAP_RUN = re.compile(r"[A-Z][\w’'\-]*+(?:\.[A-Z]\w*)*(?:\.(?=\s[A-Z]))?(?:\s+(?:(?:of|de|du|da|der|den|van|von|al|bin|ibn|dos|das|del|di|for|the|&)\s+){0,2}[A-Z][\w’'\-]*+(?:\.[A-Z]\w*)*\.?)+")
_ABBREVIATED = frozenset(vocab.NAME_ABBREVIATIONS)
_RUN_WORD = re.compile(r"\S+")
_APPOSITIVE = re.compile(
    r",\s+((?:the|a|an|its|his|her|their|[A-Z][\w\-]*['’]s|[A-Z][\w\-]*)\b[^,;:\"“”«».!?\n]{2,120}?),"
)
_ORG_WORDS = frozenset(
    "ministry department party post times news journal herald tribune press inc corp company council "
    "union committee commission administration agency university college institute foundation "
    "association bank court office service network campaign government parliament congress senate "
    "house group organization organisation fund board bureau police army navy force forces center "
    "centre club league federation coalition alliance institute reuters tv radio magazine gazette "
    "channel airlines ltd llc plc trust society church school hospital authority commission".split()
)
_POSTMODIFIER_PREPS = frozenset({"for", "of", "at", "with"})
_DEFINITE = frozenset({"the", "this", "that", "its", "his", "her", "their"})
#: A word ending in a possessive mark ("Trump's", "voters'").
_POSSESSIVE_WORD = re.compile(r"['\u2019]s?(?:\s|$)")
#: "Britain's climate envoy, Sarah Whitcombe, said": a role opening the sentence, then the name.
_ROLE_BEFORE = re.compile(r"(?:^|[.!?]\s+)((?:[A-Z][\w\-]*['’]s|The|A|An)\s[^,.;:!?\"“”]{2,80}),\s+$")


@dataclass(slots=True)
class Entity:
    """A speaker being built: its name, kind, role, gender and where it was last mentioned."""

    name: str
    kind: SpeakerKind
    #: creation order in the article: of two entities known by the same words, the first wins
    order: int = 0
    role: str | None = None
    affiliation: str | None = None
    gender: str = "any"
    #: the forms of its name met in the article (see the module docstring), in order
    aliases: list[str] = field(default_factory=list)
    last: int = -1
    spoke: bool = True
    #: a statement has been attributed to it (``spoke`` is also true for entities met as speakers
    #: before their statement is emitted)
    said: bool = False
    #: made from a description ("the envoy"), not a name
    described: bool = False

    def freeze(self) -> Speaker:
        words = set(self.name.split())
        partial = self.kind in ("organization", "group")
        aliases = tuple(
            a for a in dict.fromkeys(self.aliases)
            if a != self.name and not (partial and set(a.split()) < words)
        )
        # a lone common word ("Voters", "Another", "Several") says who as a description does: this
        # article's, never one row for the whole corpus
        common = " " not in self.name and self.name.lower() in vocab.COMMON_WORDS
        return Speaker(self.name, self.kind, self.role, self.affiliation, aliases, not (self.described or common))


def _tokens(name: str) -> list[str]:
    return name.split()


def _gender_of(titles: Sequence[str], name_words: Sequence[str]) -> str:
    lows = {t.rstrip(".").lower() for t in titles}
    if lows & {"mr", "sir", "lord", "king", "prince", "father", "brother", "congressman", "councilman",
               "spokesman", "chairman", "assemblyman", "businessman"}:
        return "male"
    if lows & {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister", "congresswoman",
               "councilwoman", "spokeswoman", "chairwoman", "assemblywoman", "businesswoman"}:
        return "female"
    first = name_words[0].lower() if name_words else ""
    if first in vocab.MALE_FIRST:
        return "male"
    if first in vocab.FEMALE_FIRST:
        return "female"
    return "any"


class _Name(NamedTuple):
    """What a named mention says by itself, before it is resolved."""

    words: tuple[str, ...]  # the name without titles and role words
    titles: tuple[str, ...]
    kind: SpeakerKind
    gender: str
    role: str | None  # role words and titles before the name ("chief executive", "Mayor")
    affiliation: str | None  # capitalised role words ("France's" -> "France")
    form: str | None  # the name as an alias; None when the words are only titles ("Senator")


#: Lower-case words that join a capitalised name run ("Secretary of State", "Department of Justice").
_JOINERS = frozenset({"of", "for", "&"}) | vocab.NAME_PARTICLES
#: "Trump's", "Fox News’": a possessive word, whose owner is an affiliation, not the name.
_POSSESSIVE_END = re.compile(r"(?:['’]s|s['’])$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "miss"})


def _is_role_word(word: str) -> bool:
    low = word.rstrip(".").lower()
    return low in vocab.TITLES or low in vocab.ROLE_TITLES


def _is_name_word(word: str) -> bool:
    """A word a person's name can hold: capitalised, an initial ("J."), a suffix ("Jr.", "III")."""
    bare = word.rstrip(".")
    if bare in vocab.NAME_PARTICLES:
        return True  # "du" in "Faf du Plessis"
    letters = bare.replace("-", "").replace("'", "").replace("’", "")
    return bool(letters) and letters.isalpha() and bare[:1].isupper() and (
        not bare.isupper() or len(bare) == 1 or bare in ("II", "III", "IV"))


def _person_tail(words: Sequence[str]) -> bool:
    """Can these words be a person's name: one to five name words, no organisation or place?"""
    return (
        0 < len(words) <= 5
        and all(_is_name_word(w) for w in words)
        and not any(w.lower().strip(".,") in _ORG_WORDS for w in words)
        and words[-1].lower() not in vocab.ORG_NAME_ENDINGS
        and " ".join(words).lower() not in vocab.PLACE_NAMES
    )


_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _is_initial(word: str) -> bool:
    bare = word.rstrip(".")
    return len(bare) == 1 and bare.isupper()


def display_name(words: Sequence[str]) -> tuple[str, ...]:
    """A person's name as quotedb reports it: without middle initials ("Donald J. Trump" ->
    "Donald Trump", "Joseph R. Biden Jr." -> "Joseph Biden Jr."), since the same person is
    written with and without them; a first initial stays ("H. Ross Perot")."""
    if len(words) < 3:
        return tuple(words)
    last = len(words) - 1
    while last > 1 and words[last].rstrip(".,").lower() in _GENERATIONAL:
        last -= 1
    return tuple(w for n, w in enumerate(words) if not (0 < n < last and _is_initial(w)))


def _identity(words: Sequence[str]) -> tuple[str, str]:
    """First and last word of a person's name (without a generational suffix): two written forms
    of one person ("Hillary Clinton", "Hillary Rodham Clinton") share it."""
    core = [w for w in words if w.rstrip(".,").lower() not in _GENERATIONAL] or list(words)
    suffix = "".join(w.rstrip(".,").lower() for w in words if w.rstrip(".,").lower() in _GENERATIONAL)
    return core[0], core[-1] + (" " + suffix if suffix else "")


def _split_role(core: list[str]) -> tuple[list[str], list[str]]:
    """(role words, name words) of a capitalised run: the name follows its last title or role word
    ("Senate Majority Leader Mitch McConnell", "Secretary of State Hillary Clinton", "Mr. Reed")."""
    for t in range(len(core) - 2, -1, -1):
        if not _is_role_word(core[t]):
            continue
        rest = core[t + 1 :]
        if rest[0] in ("of", "for"):
            # the office's complement: keep two name words (an initial does not count) for the name
            rest = rest[2:]
            while sum(1 for w in rest if len(w.rstrip(".")) > 1) > 2:
                rest = rest[1:]
        if _person_tail(rest):
            return core[: len(core) - len(rest)], rest
    lead = 0
    while (len(core) - lead > 2 and _describes(core[lead]) or len(core) - lead == 2 and core[lead].lower() in vocab.PARTY_WORDS) \
            and _person_tail(core[lead + 1 :]):
        lead += 1  # "Republican Donald Trump", "Billionaire Donald Trump", "Democrat Clinton": a description, then the name
    return core[:lead], core[lead:]


def _describes(word: str) -> bool:
    """A capitalised word before a full name that describes the person rather than naming them:
    a party label, a common lower-case word ("Billionaire", "Former"), a participle ("Entrusting")."""
    low = word.lower().rstrip(",")
    return low in vocab.PARTY_WORDS or low in vocab.COMMON_WORDS or (len(low) > 5 and low.endswith(("ing", "ed")))


@lru_cache(maxsize=4096)
def names_nobody(mention: str) -> bool:
    """Is a capitalised mention no name: only words that start sentences ("Then", "Those", "Last"),
    or a heading in capitals ("EBOLA SURVIVORS FACE …")?"""
    words = mention.split()
    if len(words) == 1 and words[0].lower().rstrip(".") in vocab.COURTESY_TITLES:
        return True  # "Ms." alone
    return all(w.lower() in vocab.NAME_BREAKERS or w.lower() in vocab.NAME_DETERMINERS for w in words) or (
        len(words) > 2 and mention.isupper())


@lru_cache(maxsize=4096)
def _read_name(mention: str) -> _Name:
    """Split a named mention into role words, titles and name: cached, since the same mentions
    come back many times in an article ("Trump" ...) and across articles.

    The name is the capitalised run at the end of the mention, without a party label in brackets
    ("Sen. Ted Cruz (R-Texas)"), without a word that only starts the sentence ("But Mr. Trump",
    "The FBI", "Some Democrats"), after a possessive owner ("Fox News’ Sean Hannity") and after
    the last title or role word ("Ohio Gov. John Kasich").
    """
    words = _tokens(mention)
    paren = next((k for k, w in enumerate(words) if w.startswith("(")), len(words))
    words = words[:paren] if paren else words
    while len(words) > 1 and not any(c.isalnum() for c in words[-1]):
        words = words[:-1]  # "Mrs. Clinton --"
    cap_from = len(words)
    while cap_from > 0 and (words[cap_from - 1][:1].isupper() or (
        words[cap_from - 1] in _JOINERS and 1 < cap_from < len(words) and (
            words[cap_from - 2][:1].isupper() or words[cap_from - 2] in vocab.NAME_PARTICLES and cap_from > 2
            and words[cap_from - 3][:1].isupper())  # "Ursula von der Leyen"
    ) or (words[cap_from - 1] == "on" and 1 < cap_from < len(words) and words[cap_from - 2][:1].isupper()
          and words[cap_from - 2].lower() in vocab.ORG_NOUNS)):  # "Commission on Presidential Debates"
        cap_from -= 1
        if cap_from > 2 and words[cap_from - 1] == "and" and words[cap_from - 2][:1].isupper() \
                and words[-1].lower() in vocab.ORG_NOUNS:
            cap_from -= 1  # "Employment and Labour Relations Court": one body's name ("Bill and Hillary" stay two)
    prefix, core = words[:cap_from], words[cap_from:]
    if not core:  # a description met as a name ("the Daily Beast editor"): keep it whole
        prefix, core = [], words
    determined = quantified = kept_the = False
    while len(core) > 1:
        low = core[0].lower()
        if low in vocab.NAME_DETERMINERS:
            if len(core) == 2 and not core[1].isupper():
                kept_the = True  # "The Hill", "The Clintons": the article is part of the name
                break
            determined = True
        elif low in vocab.NAME_QUANTIFIERS:
            quantified = True
        elif low not in vocab.NAME_BREAKERS and not vocab.CONTRACTION.match(low) and not vocab.PRONOUN_CONTRACTION.match(low):
            break
        core = core[1:]
    affiliation: str | None = None
    of = core.index("of") if "of" in core else -1
    if of > 0 and " ".join(core[of + 1 :]).lower() in vocab.PLACE_NAMES and _person_tail(core[:of]):
        affiliation, core = " ".join(core[of + 1 :]), core[:of]  # "Gov. Terry E. Branstad of Iowa"
    owner = max((n for n, w in enumerate(core) if _POSSESSIVE_END.search(w)), default=-1)
    if owner == len(core) - 1:
        core = core[:-1] + [_POSSESSIVE_END.sub("", core[-1]) or core[-1]]  # "Trump's" alone
    elif owner >= 0 and _person_tail(core[owner + 1 :]):
        affiliation = " ".join(core[: owner + 1])
        affiliation = affiliation[:-1] if affiliation.endswith(("'", "’")) else _POSSESSIVE_END.sub("", affiliation)
        core = core[owner + 1 :]
    titles, name_words = _split_role(core)
    lead = [w for w in prefix if w.lower() not in vocab.NAME_DETERMINERS and w.lower() not in vocab.NAME_BREAKERS]
    name = " ".join(name_words)
    if titles or affiliation:
        kind: SpeakerKind = "person"
    elif quantified or name_words[-1].lower() in vocab.GROUP_NAMES or (
            len(name_words) == 1 and name.lower() in vocab.NAME_QUANTIFIERS):  # "Tea Party Republicans", "Both"
        kind = "group"
    elif name.lower() in vocab.PLACE_NAMES:
        kind = "organization"
    elif len(name_words) > 1 and any(w.lower().strip(".,") in _ORG_WORDS for w in name_words):
        kind = "organization"
    else:
        kind = _kind_of(name)
        if (determined or kept_the) and kind in ("person", "unknown"):
            # "The Hill", "The Clintons": a named body or family, never one person
            plural = len(name_words) <= 2 and name.endswith("s") and not name.endswith("ss")
            kind = "group" if plural else "organization"
    role_words = lead + [t for t in titles if t.rstrip(".").lower() not in _HONORIFICS]
    caps = [re.sub(r"['’]s$", "", w) for w in lead if w[:1].isupper()]
    only_titles = all(_is_role_word(w) for w in name_words)
    return _Name(
        tuple(name_words), tuple(titles), kind, _gender_of(titles, name_words),
        " ".join(role_words) or None, affiliation or " ".join(caps) or None,
        None if only_titles else name,
    )


@lru_cache(maxsize=4096)
def _bare_name(run: str) -> tuple[tuple[str, ...], str]:
    """A run of capitalised words as the name it holds (see ``_read_name``), as words and as one
    string (cached: an article names the same people over and over)."""
    words = _read_name(run).words
    if len(words) > 1 and words[0].lower() in vocab.NAME_DETERMINERS:
        words = words[1:]  # "The Clinton campaign": "Clinton" is not known as "The Clinton"
    return words, " ".join(words)


def _fragment_opener(low: str, text: str, after: int) -> bool:
    """Does a capitalised word opening a sentence open a phrase instead of naming someone: a
    participle or adverb before a comma ("Enraged, definitely.", "Frankly, …"), or an -ing word
    before a preposition or determiner ("Walking into …")? First names ("Mohammed") never."""
    if len(low) < 6 or low in vocab.MALE_FIRST or low in vocab.FEMALE_FIRST:
        return False
    if low.endswith(("ed", "ly")):
        return text.startswith(",", after)
    return low.endswith("ing") and vocab.ING_PHRASE_AFTER.match(text, after) is not None


@lru_cache(maxsize=4096)
def _person_form(run: str) -> tuple[tuple[str, ...], tuple[str, str]] | None:
    """The written form and the identity of the person's full name a capitalised run holds ("Sen.
    Ted Cruz" -> "Ted Cruz"), or ``None`` (cached, like ``_bare_name``: the resolver reads every run
    of the article, and the same names come back)."""
    words = _bare_name(run)[0]
    if len(words) > 1 and _person_tail(words) and _read_name(run).kind in ("person", "unknown"):
        shown = display_name(words)
        return shown, _identity(shown)
    return None


@lru_cache(maxsize=4096)
def _could_be_name(words: tuple[str, ...]) -> bool:
    """Can these words be someone's name wherever they stand? Not with a weekday in them ("Monday",
    "One Sunday"), not a number, and not one word that is a pronoun or contraction ("He's",
    "That's"), a lone courtesy title or a month, nor a heading of common words in capitals (cached:
    the same mentions come back)."""
    if not words or any(w.lower() in vocab.WEEKDAYS for w in words) or words[0][:1] in "#@":
        return False  # a weekday, or a hashtag or handle pulled from an embedded post
    if all(p in vocab.NUMBER_WORDS for w in words for p in w.lower().split("-")):
        return False  # "Twenty-four", "One Hundred": a number
    if any(len(w) > 3 and w.isupper() and w.lower() in vocab.COMMON_WORDS for w in words):
        return False  # "THE BORROWING Back when …": a heading in capitals run into the text
    if len(words) > 1:
        return True
    low = words[0].lower().rstrip(".")
    if low in vocab.PRONOUNS or vocab.PRONOUN_CONTRACTION.match(low) or vocab.CONTRACTION.match(low):
        return False
    return low not in vocab.COURTESY_TITLES and low not in vocab.MONTHS


def opens_sentence_only(word: str) -> bool:
    """Can a capitalised word be capitalised only because it opens the sentence ("Did", "There",
    "Young")? A common lower-case word: dropped from a name run when the rest is a name met
    elsewhere ("Did Trump …"), never on its own ("Young said …" may be a Mr. Young)."""
    low = word.lower().rstrip(",")
    if low in vocab.NAME_DETERMINERS or low in vocab.NAME_QUANTIFIERS:
        return False  # "The FBI", "Some Democrats": read as a body or a group (``_read_name``)
    return low in vocab.COMMON_WORDS or low in vocab.NAME_BREAKERS


#: Runs of capitalised words, each starting a word. The start is tested after the capital (no word
#: character before it) rather than by a leading ``\b``: a pattern opening with a character class
#: lets the regex engine skip straight to the capitals, twice as fast over a paragraph.
_CAP_WORDS = re.compile(r"[A-Z](?<!\w[A-Z])[\w\-]*(?:\s+[A-Z][\w\-]*)*")
#: Before a run of words that opens a sentence or a quotation.
_OPENS = re.compile(r"(?:^|\n\s*|[.!?:;][\"”’)]?\s+|[\"“‘(\u2014\u2013]\s*)$")
#: The marks ``_OPENS`` can end with before its spaces.
_OPENING_MARKS = frozenset(".!?:;\"”’)“‘(\u2014\u2013")


def _opens_at(text: str, pos: int) -> bool:
    """Does a word at ``pos`` open a sentence or a quotation (``_OPENS`` in the three characters
    before it)? A word after one space and a word or a comma, the common case, is answered
    without the regex: no ending of ``_OPENS`` fits there."""
    if pos >= 2 and text[pos - 1] == " " and not text[pos - 2].isspace() and text[pos - 2] not in _OPENING_MARKS:
        return False
    return _OPENS.search(text, max(0, pos - 3), pos) is not None


def plural_noun(low: str) -> bool:
    """Can a lower-case word be a plural noun naming a source ("developers", "polls"): a source
    noun, or an -s word whose singular is a common word and that is no adverb ("sometimes")?"""
    if low in vocab.SOURCE_NOUNS:
        return True
    if not low.endswith("s") or low.endswith("ss") or low in vocab.NAME_BREAKERS or low in vocab.NON_NOUNS:
        return False
    return low[:-1] in vocab.COMMON_WORDS or low[:-1] in vocab.SOURCE_NOUNS or low.endswith("es") and low[:-2] in vocab.COMMON_WORDS


def _description_name(mention: str) -> str:
    """The name a description is stored under: its words one space apart, without an indefinite
    article before a name ("A Bloomberg poll" -> "Bloomberg poll"; "a spokesman" stays)."""
    words = mention.split()
    if len(words) > 1 and words[0].lower() in ("a", "an") and words[1][:1].isupper():
        words = words[1:]
    return " ".join(words)


def describes_someone(low: str) -> bool:
    """Can a lower-cased source without a name describe a speaker? Not a number ("000" of
    "1,000"), a function word ("that", "rather"), or one other common word that no noun list
    knows and that is no plural ("calling", "little")."""
    words = low.split()
    if not words or not any(c.isalpha() for c in low):
        return False
    if len(words) > 1:
        return True
    word = words[0]
    if word.rstrip(".") in vocab.COURTESY_TITLES:
        return False  # "Ms." alone
    if word in vocab.NON_NOUNS or word in vocab.NAME_BREAKERS:
        return word in vocab.NAME_QUANTIFIERS  # "most", "many", "all" stand for people
    return word in vocab.NAME_QUANTIFIERS or word not in vocab.COMMON_WORDS or plural_noun(word)


def name_of(mention: str) -> str:
    """The name a named mention holds, without titles, roles and sentence openers ("But Sen.
    Ted Cruz (R-Texas)" -> "Ted Cruz")."""
    return _bare_name(mention)[1]


#: A person's campaign, administration or team, named by the person ("the Trump campaign",
#: "Hillary Clinton's team"): one body, called "<surname> <noun>" as the press calls it.
_OWNED_BODY = re.compile(
    r"(?:[Tt]he\s+)?((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.-]*?)(?:['’]s)?\s+(campaign|administration|team)$")


#: "Jamaica Constabulary Force (JCF)": a name and the acronym it is known by after.
_SPELLED_OUT = re.compile(
    r"(?P<name>[A-Z][\w’'&.-]*(?:\s+(?:of|for|and|on|the|&|[A-Z][\w’'&.-]*)){1,7})\s*\((?P<acronym>[A-Z]{2,6})\)")


def _initials(name: str) -> str:
    """"International Monetary Fund" -> "IMF" (minor words such as "of" and "the" left out)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@lru_cache(maxsize=4096)
def _read_description(low: str) -> tuple[str, tuple[SpeakerKind, ...]]:
    """The head noun of a lower-cased description ("the head of the agency" -> "head") and the
    kinds of entity it refers back to when it is a short definite one ("the envoy": a person)."""
    words = low.split()
    cut = next((n for n in range(1, len(words)) if words[n] in _POSTMODIFIER_PREPS), len(words))
    head = words[cut - 1] if cut else ""
    definite = bool(words) and words[0] in _DEFINITE
    possessive = _POSSESSIVE_WORD.search(low) is not None
    want: tuple[SpeakerKind, ...] = ()
    if definite and len(words) <= 6 and not possessive:
        if head in vocab.PERSON_NOUNS or head in vocab.TITLES or head in vocab.PARTY_MEMBERS:
            want = ("person",)
        elif head in vocab.ORG_NOUNS:
            want = ("organization",)
    return head, want


def _kind_of(name: str) -> SpeakerKind:
    words = [w.lower().strip(".,") for w in name.split()]
    if any(w in _ORG_WORDS for w in words) or name.isupper() and len(name) > 1:
        return "organization"
    if words and words[-1] in vocab.ORG_NAME_ENDINGS:
        return "organization"
    return "person" if 2 <= len(words) <= 4 else "unknown"


def _name_runs(chunk: str) -> list[tuple[int, int]]:
    """Spans of the capitalised name runs of a paragraph. A run stops after a word whose period
    ends a sentence ("… in Texas. Trump said"), not after an abbreviation or an initial ("Sen.",
    "J.", "U.S."); the check runs only on the few runs holding a period."""
    runs: list[tuple[int, int]] = []
    for m in _CAP_RUN.finditer(chunk):
        start, end = m.span()
        if "." not in m.group():
            runs.append((start, end))
            continue
        for w in _RUN_WORD.finditer(chunk, start, end):
            word = w.group()
            if word.endswith(".") and w.end() < end:
                stem = word[:-1]
                if not (len(stem) == 1 or stem in _ABBREVIATED or "." in stem):
                    runs.append((start, w.end() - 1))  # the sentence ends here
                    start = w.end() + len(chunk[w.end() : end]) - len(chunk[w.end() : end].lstrip())
        runs.append((start, end))
    out = []
    for a, b in runs:
        if chunk[b - 1 : b] == ".":
            stem = chunk[a : b - 1].rsplit(None, 1)[-1]
            if not (len(stem) == 1 or stem in _ABBREVIATED or "." in stem):
                b -= 1  # "… said MSNBC host Chris Matthews.": the period ends the sentence
        if " " in chunk[a:b]:
            out.append((a, b))
    return out


class Resolver:
    """Resolves source mentions to entities in text order (call ``resolve`` left to right)."""

    def __init__(self, text: str, body: list[tuple[int, int]]) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.by_name: dict[str, Entity] = {}
        #: every name and mention an entity has been met as -> the first entity met as it
        self.lookup: dict[str, Entity] = {}
        #: the full names of people spelled anywhere in the body, for second references ("Chen",
        #: "Mr. Reed", "Hillary"): first or last word -> identities; identity -> its written forms
        self.full: dict[str, set[tuple[str, str]]] = {}
        self.forms: dict[tuple[str, str], dict[tuple[str, ...], None]] = {}  # (a dict: forms in text order)
        self._longer: dict[tuple[str, ...], tuple[str, ...] | None] = {}
        #: name (titles dropped) -> its role from an appositive or a role opening the sentence
        self.appositives: dict[str, str] = {}
        runs = [(s, text[s:e], _name_runs(text[s:e])) for s, e in body]
        #: acronyms the article spells out, "the Jamaica Constabulary Force (JCF)": acronym -> name
        self.acronyms: dict[str, str] = {}
        for s, e in body:
            if text.find("(", s, e) < 0:
                continue  # (most paragraphs spell nothing out: the scan is skipped)
            for m in _SPELLED_OUT.finditer(text, s, e):
                words = m["name"].split()
                while words and _initials(" ".join(words)) != m["acronym"]:
                    words = words[1:]  # "Officers of the Jamaica Constabulary Force (JCF)"
                while words and words[0].lower() in ("the", "of", "for", "and", "on"):
                    words = words[1:]
                if words:
                    self.acronyms.setdefault(m["acronym"], " ".join(words))
        #: words of the names met inside sentences: a sentence's first word is dropped from a
        #: name only when what follows it is met there too ("Did Trump …" but "Which Way, …")
        self.inner: set[str] = set()
        for _, chunk, _ in runs:
            for m in _CAP_WORDS.finditer(chunk):
                words = m.group().split()
                # (a run whose words are all known already needs no look at what opens it)
                if not self.inner.issuperset(words) and not _opens_at(chunk, m.start()):
                    self.inner.update(words)
        for s, chunk, found in runs:  # a paragraph each: _ROLE_BEFORE's "^" is the paragraph start
            for start, end in found:
                if _opens_at(chunk, start):
                    start = self._after_opener(chunk, start, end)
                head = chunk[start:end].split(" ", 2)
                day = next((n for n, w in enumerate(head[:2]) if w.lower() in vocab.WEEKDAYS), None)
                if day is not None and len(head) > day + 1:
                    # "On Monday Ola Berg said", "Monday Ola Berg": the day is no part of the name
                    start += sum(len(w) + 1 for w in head[: day + 1])
                run = chunk[start:end]
                if " " not in run:
                    continue
                key = _bare_name(run)[1]
                person = _person_form(run)
                if person is not None:
                    shown, ident = person
                    self.forms.setdefault(ident, {})[shown] = None
                    for w in {ident[0], ident[1].split()[0]}:
                        self.full.setdefault(w, set()).add(ident)
                if key in self.appositives:
                    continue
                am = _APPOSITIVE.match(chunk, end)
                if am:
                    self.appositives[key] = am.group(1).strip()
                elif chunk[end : end + 1] == ",":
                    before = _ROLE_BEFORE.search(chunk, max(0, start - 120), start)
                    if before:
                        self.appositives[key] = before.group(1).strip()

    def _plausible(self, words: tuple[str, ...], pos: int) -> bool:
        """Can these words be someone's name here? Not if they can be no name anywhere
        (``_could_be_name``), nor one common word only capitalised because it opens the sentence
        ("Sometimes", "Nationally") and never met as a name inside one."""
        if not _could_be_name(words):
            return False
        if len(words) > 1:
            return True
        low = words[0].lower().rstrip(".")
        opening = _opens_at(self.text, pos)
        if opening and words[0] not in self.inner and _fragment_opener(low, self.text, pos + len(words[0])):
            return False  # "Enraged, definitely.", "Walking into the office, …": a participle or adverb opening a phrase
        return not (opening and words[0] not in self.inner and opens_sentence_only(words[0]) and not plural_noun(low))

    def _after_opener(self, chunk: str, start: int, end: int) -> int:
        """Where a name run opening a sentence really starts: after a first word that is only
        capitalised because it opens the sentence, when the rest is a name met elsewhere."""
        first, _, rest = chunk[start:end].partition(" ")
        if rest and opens_sentence_only(first) and self.known_after_opener(rest.split()):
            return start + len(first) + 1
        return start

    def known_after_opener(self, words: Sequence[str]) -> bool:
        """Are ``words`` (a mention without its first word) a name met inside a sentence?"""
        return bool(words) and _POSSESSIVE_END.sub("", words[-1]) in self.inner

    # -- entity lookup -----------------------------------------------------------------------------

    def _full_name(self, word: str, gender: str) -> tuple[str, ...] | None:
        """The one full name in the article a bare ``word`` stands for: a surname ("Okafor",
        "Mr. Reed") or, when no full name ends with it, a first word ("Hillary", "Chen" for
        "Chen Xu"). Two people it could be (and the mention's title does not tell apart) leave
        it unresolved: ``None``."""
        idents = self.full.get(word)
        if not idents:
            return None
        pool = {i for i in idents if i[1].split()[0] == word} or idents
        if gender != "any" and len(pool) > 1:
            pool = {i for i in pool if _gender_of((), i[:1]) in (gender, "any")}
        if len(pool) > 1:
            # of relatives and namesakes, the one already met as a speaker or a subject is meant
            # ("Clinton" after "Hillary Clinton said", with "Bill Clinton" only mentioned)
            met = {i: ent for i in pool if (ent := self._find(self._form_of(i))) is not None}
            spoke = {i for i, ent in met.items() if ent.said}
            pool = spoke if len(spoke) == 1 else set(met)
        if len(pool) != 1:
            return None
        return self._form_of(next(iter(pool)))

    def _part_of(self, word: str) -> Entity | None:
        """The one entity met so far whose longer name starts or ends with ``word`` ("Way" for the
        group "Which Way", "Brightwell" for "Brightwell Appliances")."""
        found = [e for e in self.entities if " " in e.name and word in (e.name.split()[0], e.name.split()[-1])]
        return found[0] if len(found) == 1 else None

    def _surname_first(self, words: Sequence[str]) -> bool:
        """Does a name start with the surname of someone the article names in full, never a first
        name of anyone ("Trump Tower" beside "Donald Trump")?"""
        first = words[0]
        idents = self.full.get(first, ())
        return any(i[1].split()[0] == first for i in idents) and not any(i[0] == first for i in idents)

    def _longer_form(self, words: Sequence[str]) -> tuple[str, ...] | None:
        """The one person's full name in the article that holds ``words`` as consecutive words and
        more ("Saifuddin Nasution" in "Saifuddin Nasution Ismail", "Oppong Nkrumah" in "Kojo Oppong
        Nkrumah"); not a relative's name that only adds a suffix ("Donald Trump Jr."). Cached: the
        article's full names are all known once the resolver is built, and names recur."""
        key = tuple(words)
        if key not in self._longer:
            n = len(key)
            found = {
                ident for ident, forms in self.forms.items() for form in forms
                if len(form) > n and form[-1].rstrip(".,").lower() not in _GENERATIONAL
                and any(form[k : k + n] == key for k in range(len(form) - n + 1))
            }
            self._longer[key] = self._form_of(next(iter(found))) if len(found) == 1 else None
        return self._longer[key]

    def _form_of(self, ident: tuple[str, str]) -> tuple[str, ...]:
        """The written form an identity is reported under: its plainest (fewest words), first in
        text order among equals ("Hillary Clinton" over "Hillary Rodham Clinton")."""
        return min(self.forms[ident], key=len)

    def _find(self, words: Sequence[str]) -> Entity | None:
        """The entity met under this name or, for a person's full name, under another written
        form of the same person."""
        found = self.lookup.get(" ".join(words))
        if found is None and len(words) > 1 and _identity(words) in self.forms:
            found = self.lookup.get(" ".join(self._form_of(_identity(words))))
        return found

    def _new(self, name: str, kind: SpeakerKind, gender: str = "any") -> Entity:
        ent = Entity(name, kind, len(self.entities), gender=gender)
        self.by_name[name.lower()] = ent
        self._know(name, ent)
        role = self.appositives.get(name)
        if role:
            ent.role = role
            head = re.split(r"\s+(?:of|for|at|in|on|from|with|to)\s+", role)[0].split()[-1].lower()
            if head in vocab.ORG_NOUNS or head in _ORG_WORDS:
                ent.kind = "organization"
            elif head in vocab.PERSON_NOUNS or head in vocab.TITLES:
                ent.kind = "person"
            m = re.match(r"([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)['’]s\s", role)
            if m:
                ent.affiliation = m.group(1)
        self.entities.append(ent)
        return ent

    def _know(self, words: str, ent: Entity) -> None:
        """Remember that ``words`` refer to ``ent``, unless to an entity met before it."""
        first = self.lookup.get(words)
        if first is None or first.order > ent.order:
            self.lookup[words] = ent

    def _touch(self, ent: Entity, mention: str, pos: int, name: str | None = None) -> Entity:
        """Record a mention of ``ent``; ``name`` is the name form it holds, if it names it."""
        self._know(mention, ent)
        if name is not None:
            ent.aliases.append(name)
        ent.last = max(ent.last, pos)
        return ent

    def mentioned(self, word: str, pos: int) -> bool:
        """A person already met is named again outside a subject ("when it comes to Mr. Sanders's
        record, …"): the most recent person now, for a following "he". Creates nobody."""
        word = _POSSESSIVE_END.sub("", word)
        ent = self.lookup.get(word)
        if ent is None and (full := self._full_name(word, "any")) is not None:
            ent = self._find(full)  # "Sanders" for the "Bernie Sanders" met before
        if ent is None or ent.kind != "person" or ent.described or ent.gender == "any":
            return False  # (a person of unknown gender would take any "he" or "she" after)
        ent.last = max(ent.last, pos)
        return True

    # -- mentions --------------------------------------------------------------------------------

    def named(self, mention: str, pos: int, spoke: bool = True) -> Entity | None:
        """A mention with a capitalised name in it: "Chinese Foreign Ministry spokesperson Wang Wenbin".

        ``spoke=False`` records a name met as a sentence's subject: it can be what a later pronoun
        refers to, but it is not listed as a speaker unless a statement is attributed to it.
        ``None`` when the words name nobody (see ``_plausible``).
        """
        known = len(self.entities)
        read = _read_name(mention)
        name_words, titles = read.words, read.titles
        if vocab.CONTRACTION.match(mention.strip()) or not self._plausible(name_words, pos):
            return None  # "That's", "It's": no name
        if len(name_words) > 1 and all(w.lower() in vocab.NAME_PARTICLES for w in name_words[:-1]):
            name_words = name_words[-1:]  # "Du Plessis" opening a sentence: the surname of "Faf du Plessis"
        if len(name_words) == 1 and read.kind in ("person", "unknown"):
            full = self._full_name(name_words[0], read.gender)
            if full is not None:
                ent = self._find(full) or self._new(" ".join(full), "person", _gender_of(titles, full))
            else:
                ent = self._find(name_words) or self._part_of(name_words[0]) or self._new(name_words[0], read.kind, read.gender)
        else:
            kind = read.kind
            if kind in ("person", "unknown") and _person_tail(name_words):
                while len(name_words) > 2 and _identity(display_name(name_words[1:])) in self.forms \
                        and _identity(display_name(name_words)) not in self.forms:
                    name_words = name_words[1:]  # "Vermonter Bernie Sanders": a word about the person the article names
                name_words = display_name(name_words)
                ident = _identity(name_words)
                if (longer := self._longer_form(name_words)) is not None:
                    name_words = longer  # "Oppong Nkrumah" for "Kojo Oppong Nkrumah"
                elif ident in self.forms:
                    name_words = self._form_of(ident)
                elif not read.titles and self._surname_first(name_words):
                    kind = "unknown"  # "Trump Tower", "Clinton Foundation": named after a person, not one
            ent = (self._find(name_words) or self._spelled_out(name_words) or self._longer_body(name_words, kind)
                   or self._new(" ".join(name_words), kind, read.gender))
        for new in self.entities[known:]:
            new.spoke = spoke
        if ent.gender == "any":
            ent.gender = read.gender
        if read.role and ent.role is None and ent.kind in ("person", "unknown"):
            ent.role = read.role
            ent.kind = "person"
        if read.affiliation and ent.affiliation is None and ent.kind == "person":
            ent.affiliation = read.affiliation
        return self._touch(ent, mention, pos, read.form)

    def _spelled_out(self, words: Sequence[str]) -> Entity | None:
        """The one organisation met whose initials an acronym is ("IMF" after "The International
        Monetary Fund announced"); ``None`` for a word that is not an acronym, or none or two."""
        acronym = words[0].replace(".", "") if len(words) == 1 else ""
        if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
            return None
        found = [e for e in self.entities if e.kind == "organization" and _initials(e.name) == acronym]
        if len(found) == 1:
            return found[0]
        spelled = self.acronyms.get(acronym)
        if not found and spelled:  # "officers of the Jamaica Constabulary Force (JCF)" met only as words
            return self._find(spelled.split()) or self._new(spelled, "organization")
        return None

    def _longer_body(self, words: Sequence[str], kind: SpeakerKind) -> Entity | None:
        """The one organisation met whose name ends with these words ("Police Command" after "The
        Niger State Police Command"); ``None`` for none or two."""
        if kind != "organization" or len(words) < 2:
            return None
        tail = " " + " ".join(words)
        found = [e for e in self.entities if e.kind == "organization" and not e.described and e.name.endswith(tail)]
        return found[0] if len(found) == 1 else None

    def pronoun(self, word: str, pos: int) -> Entity | None:
        """he/she -> the most recent person of that gender; it -> organisation; they -> group."""
        low = word.lower()
        gender, number = vocab.PRONOUNS.get(low, ("any", "any"))
        best: Entity | None = None
        for ent in self.entities:
            if ent.last < 0 or ent.last > pos or ent.name.lower() in vocab.NOBODY:
                continue  # "No one saw it coming. He said …": he is somebody
            if low in ("he", "she"):
                ok = ent.kind in ("person", "unknown") and ent.gender in ("any", gender)
            elif low == "it":
                ok = ent.kind == "organization"
            elif low == "they":
                ok = ent.kind in ("group", "organization")
            else:
                ok = False
            if ok and (best is None or ent.last > best.last):
                best = ent
        if best is not None:
            if low in ("he", "she") and best.gender == "any":
                best.gender = gender
            self._touch(best, word, pos)
        return best

    def holder(self, office: str, pos: int) -> Entity | None:
        """The one person met before ``pos`` whose role holds the whole capitalised office ("Information
        Minister" for "The Information Minister, Kojo Oppong Nkrumah,"); ``None`` for none or two."""
        words = office.lower().split()
        found = [
            ent for ent in self.entities if ent.role and 0 <= ent.last <= pos and any(
                r[k : k + len(words)] == words for r in [ent.role.lower().split()] for k in range(len(r)))
        ]
        return self._touch(found[0], office, pos) if len(found) == 1 else None

    def nominal(self, mention: str, pos: int) -> Entity | None:
        """"the envoy" -> most recent person; "the company" -> organisation; "officials" -> a group."""
        if mention.endswith(("'s", "\u2019s")):
            mention = mention[:-2]  # "the company's claim": the company
        owned = _OWNED_BODY.match(mention)
        if owned and owned.group(1).lower() not in vocab.NAME_DETERMINERS:
            # "Donald Trump's campaign", "the Obama administration": the body's usual name
            name = f"{owned.group(1).split()[-1]} {owned.group(2).lower()}"
            ent = self.by_name.get(name.lower()) or self._new(name, "organization")
            return self._touch(ent, mention, pos)
        low = mention.lower()
        if not describes_someone(low):
            return None
        head, want = _read_description(low)
        if want:
            best = None
            for ent in self.entities:
                # another description only when it is the same noun ("a spokesman" … "the spokesman"):
                # "the minister" is not "a detective"
                if ent.described and _read_description(ent.name.lower())[0] != head:
                    continue
                if ent.kind in want and 0 <= ent.last <= pos and (best is None or ent.last > best.last):
                    best = ent
            for ent in self.entities:
                if ent.role and head in ent.role.lower().split() and 0 <= ent.last <= pos:
                    best = ent if best is None or ent.last >= best.last - 2000 else best
            if want == ("organization",):  # "the fund": the International Monetary Fund
                best = max((e for e in self.entities if e.kind == "organization" and 0 <= e.last <= pos
                            and not e.described and e.name.lower().split()[-1] == head), key=lambda e: e.last, default=best)
            if best is not None:
                return self._touch(best, mention, pos)
        name = _description_name(mention)
        same = self.by_name.get(low) or self.by_name.get(name.lower())
        if same is not None:
            return self._touch(same, mention, pos)
        kind: SpeakerKind = "group" if head.endswith("s") or head in vocab.GROUP_NOUNS else "unknown"
        if head in vocab.ORG_NOUNS:
            kind = "organization"
        elif head in vocab.PERSON_NOUNS:
            kind = "person"
        ent = self._new(name, kind)
        ent.described = True
        return self._touch(ent, mention, pos)

    def speakers(self) -> tuple[Speaker, ...]:
        return tuple(e.freeze() for e in self.entities if e.spoke)
