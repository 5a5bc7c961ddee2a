"""Name normalisation shared by speaker identity, speaker search and claim linking.

Two spellings of one name must normalise alike: case, diacritics, punctuation and honorifics
("Dr.", "Sen.") do not tell people apart; the words of the name do.
"""

from __future__ import annotations

import re
import unicodedata

#: Courtesy titles dropped when comparing names; roles ("President", "Minister") are kept by the
#: parser as the speaker's role, not in the canonical name, so they need no entry here.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "hon"})

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` ("Chen Xü" -> "chen xu")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def name_tokens(name: str) -> list[str]:
    """Folded words of a name without honorifics or punctuation."""
    words = [w.replace("’", "'") for w in _WORD.findall(fold(name))]
    return [w for w in words if w not in HONORIFICS]


def normalize_name(name: str) -> str:
    """The key two spellings of one name share: ``"Dr. Chen  Xü"`` -> ``"chen xu"``."""
    return " ".join(name_tokens(name))
