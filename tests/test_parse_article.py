"""Header metadata, paragraphs and boilerplate: offsets stay valid whatever the line ends."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from quotedb.parse import parse_article
from quotedb.parse.article import parse_timestamp, split_article

HEADER = (
    "Business\n"
    "2023.11.05 09:10 GMT+2\n"
    "\n"
    "Bakery chain opens its hundredth shop\n"
    "\n"
    "Updated 2023.11.06 10:00 GMT+2\n"
    "Harbour Times\n"
    "\n"
    "The chain opened its hundredth shop on Sunday, its founder said.\n"
    "\n"
    "Read more: Bread prices climb again\n"
    "(With input from agencies)\n"
    "Copyright © 2023\n"
    "RELATED STORIES\n"
)


def test_header_fields_are_read():
    meta = split_article(HEADER).meta
    assert meta.section == "Business"
    assert meta.title == "Bakery chain opens its hundredth shop"
    assert meta.outlet == "Harbour Times"
    assert meta.published_at == datetime(2023, 11, 5, 9, 10, tzinfo=timezone(timedelta(hours=2)))
    assert meta.updated_at == datetime(2023, 11, 6, 10, 0, tzinfo=timezone(timedelta(hours=2)))


def test_boilerplate_is_not_body():
    layout = split_article(HEADER)
    bodies = [HEADER[p.start : p.end] for p in layout.paragraphs]
    assert bodies == ["The chain opened its hundredth shop on Sunday, its founder said."]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021.02.24 22:25 GMT+8", datetime(2021, 2, 24, 22, 25, tzinfo=timezone(timedelta(hours=8)))),
        ("2020-07-01 06:00 UTC", datetime(2020, 7, 1, 6, 0, tzinfo=timezone.utc)),
        ("2019/12/31 23:59 GMT-5", datetime(2019, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-5)))),
        ("2022.13.40 10:00", None),
        ("yesterday at noon", None),
    ],
)
def test_timestamps(value, expected):
    assert parse_timestamp(value) == expected


def test_headline_without_header_is_title_and_never_a_statement():
    text = 'Mayor says "we will rebuild the bridge"\n\nThe council met on Monday to discuss repairs.\n'
    parsed = parse_article(text)
    assert parsed.meta.title == 'Mayor says "we will rebuild the bridge"'
    assert parsed.statements == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_keep_offsets(newline):
    text = newline.join(["Headline", "", '"We are ready," the coach said.', "", "Fans cheered."])
    parsed = parse_article(text)
    (st,) = parsed.statements
    assert st.text == text[st.start : st.end] == '"We are ready,"'
    assert [text[p.start : p.end] for p in parsed.paragraphs] == ['"We are ready," the coach said.', "Fans cheered."]


def test_caller_metadata_overrides_header():
    meta = parse_article(HEADER, title="Given title", outlet="Given outlet").meta
    assert (meta.title, meta.outlet, meta.section) == ("Given title", "Given outlet", "Business")


def test_byline_line_is_metadata():
    parsed = parse_article("Storm closes port\n\nBy Ana Ruiz\n\nThe port closed on Friday, officials said.\n")
    assert parsed.meta.byline == "Ana Ruiz"
    assert [s.text for s in parsed.statements] == ["The port closed on Friday"]


@pytest.mark.parametrize(
    ("first_line", "headline"),
    [
        # headlines: Title Case (even with a final period), or short
        ("Stealth Over Health: Mayor Was Headed to Hospital But Went Home.", True),
        ("Chinese envoy rejects 'groundless' accusations at UN forum", True),
        ("Ferry operator cuts winter crossings.", True),
        ("Poll: Voters Split on Harbour Tunnel", True),
        # opening sentences: they end like a sentence and read like one
        ("The mayor of Riverton, Elena Brooks, said on Tuesday that the harbour bridge would close for "
         "repairs until the end of March.", False),
        ("WASHINGTON (AP) — The Senate voted on Tuesday to approve the harbour bill, its sponsor said after the vote.", False),
        # a short line that reads like a sentence and attributes something: the opening sentence too
        ("Mayor Elena Brooks says the harbour bridge will close.", False),
        ("Judge rejects request to unseal divorce file.", False),
        # ... but not without a final period, nor in Title Case
        ("Mayor Elena Brooks says the harbour bridge will close", True),
        ("Mayor Elena Brooks Says the Harbour Bridge Will Close.", True),
    ],
)
def test_a_first_line_is_a_headline_only_when_it_reads_like_one(first_line, headline):
    text = first_line + "\n\nThe council met on Monday to discuss repairs.\n"
    meta = parse_article(text).meta
    assert (meta.title == first_line) is headline


def test_an_opening_sentence_is_body_and_names_the_speaker_in_full():
    text = ("The mayor of Riverton, Elena Brooks, said on Tuesday that the harbour bridge would close for "
            "repairs until the end of March.\n\nBrooks said the closure would cost the port little.\n")
    parsed = parse_article(text)
    assert parsed.meta.title is None
    assert [s.speaker for s in parsed.statements] == ["Elena Brooks", "Elena Brooks"]


def test_an_opening_sentence_that_attributes_keeps_its_statement():
    parsed = parse_article("Mayor Elena Brooks says the harbour bridge will close.\n\nThe council met on Monday.\n")
    assert parsed.meta.title is None
    assert [(s.speaker, s.text, s.paragraph) for s in parsed.statements] == [
        ("Elena Brooks", "the harbour bridge will close", 0)]
