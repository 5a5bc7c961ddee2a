"""Quotation pairing: every mark style, nesting, apostrophes, unbalanced and multi-paragraph quotes."""

from __future__ import annotations

import pytest

from quotedb.parse.article import split_article
from quotedb.parse.quotes import find_quotes


def quoted(body: str) -> list[str]:
    text = "Headline\n\n" + body
    layout = split_article(text)
    return [text[q.start : q.end] for q in find_quotes(text, layout.paragraphs)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('He said "yes" and "no".', ['"yes"', '"no"']),
        ("She said \u201cwe won\u201d today.", ["\u201cwe won\u201d"]),
        ("\u2018We are ready,\u2019 the captain said.", ["\u2018We are ready,\u2019"]),
        ("'We are ready,' the captain said.", ["'We are ready,'"]),
        ("\u00ab Nous sommes pr\u00eats \u00bb, a-t-il dit.", ["\u00ab Nous sommes pr\u00eats \u00bb"]),
        ("Er sagte \u201eja\u201c.", ["\u201eja\u201c"]),
        ("''It works,'' the engineer said.", ["''It works,''"]),
        ("\u201cShe told me \u2018go home\u2019 twice,\u201d he said.", ["\u201cShe told me \u2018go home\u2019 twice,\u201d"]),
        ('"Mixed marks close too,\u201d he said.', ['"Mixed marks close too,\u201d']),
        ("\u201cWhy now?\u201d she asked.", ["\u201cWhy now?\u201d"]),
        # an opening curly mark typed where the closing one belongs
        ("\u201cIt could be close,\u201c said the mayor.", ["\u201cIt could be close,\u201c"]),
        # a closing mark opening a paragraph, also after an invisible direction mark
        ("\u201d \u2026 and it held,\u201d she wrote.", ["\u201d \u2026 and it held,\u201d"]),
        ("\u202a\u201dWe held,\u201d she wrote.", ["\u201dWe held,\u201d"]),
        # doubled apostrophes: three close a nested single quotation and the outer one together
        ("''My aunt kept asking 'why not,''' the cook said.", ["''My aunt kept asking 'why not,'''"]),
        ("'''Chess Club,''' she answered.", ["'''Chess Club,'''"]),
        ("''He called it 'fine' and left,'' she said.", ["''He called it 'fine' and left,''"]),
        ("''The players' bus was late,'' he said.", ["''The players' bus was late,''"]),
    ],
)
def test_pairs(body, expected):
    assert quoted(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "The voters' choice isn't Trump's problem, it's the '90s all over again.",
        "Rock 'n' roll fans and the Smiths' fans met.",
        "The players\u2019 union said the season\u2019s end was near.",
    ],
)
def test_apostrophes_are_not_quotes(body):
    assert quoted(body) == []


def test_unbalanced_mark_does_not_swallow_the_paragraph():
    body = 'He said the "plan was fine and then left.\n\nThe next paragraph has "a quote" in it.'
    assert quoted(body) == ['"a quote"']


def test_multi_paragraph_quotation():
    body = "\u201cFirst part of the speech.\n\n\u201cSecond part,\u201d she said.\n\nNot quoted."
    text = "Headline\n\n" + body
    quotes = find_quotes(text, split_article(text).paragraphs)
    assert [(text[q.start : q.end], q.closed, q.continued) for q in quotes] == [
        ("\u201cFirst part of the speech.", False, False),
        ("\u201cSecond part,\u201d", True, True),
    ]


def test_straight_marks_opening_an_excerpt_are_not_quotations():
    body = (
        '"The first time she saw him, she called it a \u201crally,\u201d the reporter wrote.\n\n'
        '"Melanie thought the whole thing was outrageous.\n\n'
        "\u201cIt never crossed my mind,\u201d she said."
    )
    assert quoted(body) == ["\u201crally,\u201d", "\u201cIt never crossed my mind,\u201d"]
