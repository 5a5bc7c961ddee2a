"""Statement text as the linker compares it: normalised words, elision gaps, keys, fingerprints.

Outlets re-punctuate, re-case, swap quote-mark styles and cut quotes with ``…`` or ``[…]``; none
of that changes what was said. ``normalize`` keeps only the words (case- and width-folded,
apostrophes dropped) and remembers where an ellipsis cut the text, because an elided quote is
a sequence of pieces of the original, not one substring of it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass

#: Any ellipsis, bracketed or not: "…", "...", ". . .", "[…]", "(...)".
_ELLIPSIS = re.compile(r"[\[(]?\s*(?:…|\.\s?\.\s?\.)\s*[\])]?")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


@dataclass(frozen=True, slots=True)
class NormText:
    """A statement's comparable form: ``text`` is its words joined by single spaces, ``pieces``
    the same for each stretch between ellipses (one piece when nothing was elided)."""

    text: str
    pieces: tuple[str, ...]
    words: int


def normalize(text: str) -> NormText:
    """Words of ``text`` per elided piece: ``'"We will… [...] win," she said'`` -> "we will", "win she said"."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    pieces = []
    count = 0
    for stretch in _ELLIPSIS.split(folded):
        words = [w.replace("'", "") for w in _WORD.findall(stretch)]
        if words:
            pieces.append(" ".join(words))
            count += len(words)
    return NormText(" ".join(pieces), tuple(pieces), count)


def text_key(norm: str) -> int:
    """A signed 64-bit identity of a normalised text (statements.text_key)."""
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def fingerprints(norm: NormText, shingle: int, window: int) -> set[int]:
    """Winnowed hashes of ``shingle``-word shingles (Schleimer et al., SIGMOD 2003).

    Whatever two texts share as a run of at least ``shingle + window - 1`` words, they share a
    fingerprint: the smallest hash in each window is chosen from the text alone, so a partial
    quote and the long one it was cut from pick the same ones inside their common part. A
    piece too short for one full window contributes its smallest hash; one shorter than a
    shingle contributes none (such fragments link only by exact text).
    """
    chosen: set[int] = set()
    for piece in norm.pieces:
        words = piece.split(" ")
        hashes = [zlib.crc32(" ".join(words[i : i + shingle]).encode()) for i in range(len(words) - shingle + 1)]
        if not hashes:
            continue
        if len(hashes) <= window:
            chosen.add(min(hashes))
            continue
        for i in range(len(hashes) - window + 1):
            chosen.add(min(hashes[i : i + window]))
    return chosen
