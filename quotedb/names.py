"""Name normalisation shared by speaker identity, speaker search and claim linking.

Two spellings of one name must normalise alike: case, diacritics, punctuation and honorifics
("Dr.", "Sen.") do not tell people apart; the words of the name do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Courtesy titles dropped when comparing names; roles ("President", "Minister") are kept by the
#: parser as the speaker's role, not in the canonical name, so they need no entry here.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "hon"})

#: Titles and offices dropped from the front of a name ("Foreign Minister Wang Yi" -> "wang yi"),
#: but only while two words remain: "General Motors" and "President Biden" keep theirs, since
#: a bare surname must not become a cross-article identity.
TITLES = frozenset(
    {
        "president", "vice", "prime", "minister", "foreign", "defence", "defense", "finance", "senator", "sen",
        "representative", "rep", "congressman", "congresswoman", "governor", "gov", "mayor", "general", "gen",
        "colonel", "col", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "judge", "justice",
        "ambassador", "envoy", "secretary", "chancellor", "premier", "spokesman", "spokeswoman",
        "spokesperson", "chairman", "chairwoman", "chair", "ceo", "king", "queen", "prince", "princess",
        "pope", "sheikh", "commissioner", "deputy", "councillor", "councilman", "councilwoman", "professor",
        "director", "chief", "executive", "officer", "state", "attorney",
    }
)  # fmt: skip

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` ("Chen Xü" -> "chen xu")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def name_tokens(name: str) -> list[str]:
    """Folded words of a name without honorifics, leading titles or punctuation."""
    words = [w.replace("’", "'") for w in _WORD.findall(fold(name))]
    words = [w for w in words if w not in HONORIFICS]
    while len(words) > 2 and words[0] in TITLES:
        words = words[1:]
    return words


@lru_cache(maxsize=1 << 16)  # pure, and news names recur: the writer asks for the same ones all day
def normalize_name(name: str) -> str:
    """The key two spellings of one name share: ``"Dr. Chen  Xü"`` -> ``"chen xu"``."""
    return " ".join(name_tokens(name))


#: Generational suffixes tell relatives apart ("Donald Trump Jr." is not "Donald Trump"): they stay
#: in a person's identity key, where middle names and initials do not.
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _person_parts(name: str) -> tuple[list[str], list[str]]:
    """(name words without initials, generational suffixes) of a person's name."""
    words = name_tokens(name)
    suffix = [w for w in words if w in GENERATIONAL]
    core = [w for w in words if w not in GENERATIONAL]
    if len(core) > 2:
        core = [w for w in core if len(w) > 1] or core  # "Donald J. Trump": the initial goes
    return core, suffix


@lru_cache(maxsize=1 << 16)
def identity_key(name: str, kind: str) -> str:
    """What two spellings of one person share: first and last name and a generational suffix
    ("Hillary Rodham Clinton", "Donald J. Trump" -> "hillary clinton", "donald trump"); for
    organisations, groups and unknowns the normalised name."""
    if kind != "person":
        return normalize_name(name)
    core, suffix = _person_parts(name)
    if len(core) > 2:
        core = [core[0], core[-1]]
    return " ".join(core + suffix)


@lru_cache(maxsize=1 << 16)
def surname(name: str, kind: str) -> str | None:
    """A person's folded last name ("trump" for "Donald J. Trump"); None for one-word names."""
    if kind != "person":
        return None
    core, _ = _person_parts(name)
    return core[-1] if len(core) > 1 else None
