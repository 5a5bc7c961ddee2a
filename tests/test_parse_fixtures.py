"""Golden tests: the demo articles parse to exactly the JSON stored next to them.

After an intended parser change, regenerate with
``for f in fixtures/articles/*.txt; do quotedb parse "$f" --json > fixtures/expected/$(basename "$f" .txt).json; done``
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotedb.parse import parse_article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARTICLES = sorted((FIXTURES / "articles").glob("*.txt"))


def test_there_are_fixtures():
    assert len(ARTICLES) >= 3


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_matches_expected(path):
    with path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    expected = json.loads((FIXTURES / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert parse_article(text).to_json() == expected


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_offsets_slice_back(path):
    with path.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    for st in parse_article(text).statements:
        assert all(text[p.start : p.end] == p.text for p in st.pieces()) and st.text == " ".join(p.text for p in st.pieces())
        assert text[st.speaker_mention.start : st.speaker_mention.end] == st.speaker_mention.text
