"""Property tests: any text, however odd, parses without error into consistent offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotedb.parse import parse_article

PIECES = st.sampled_from(
    [
        '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "''",
        "\n", "\r\n", "\r", "\n\n", " ", ", ", ". ", ": ", " \u2014 ",
        "said", "says", "told", "according to", "he", "she", "the minister", "Ann Smith", "Mr.",
        "that", "We", "win", "U.S.", "(", ")", "?", "!",
        "seemed", "In a poll", "to accuse", "claim", "saying", "SMITH:", "message:", "\u202a", " -- ", "which",
        "%", "put it", "and said", "tweets", "Friday",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_invariants(text):
    parsed = parse_article(text)
    spans = []
    for s in parsed.statements:
        assert 0 <= s.start < s.end <= len(text)
        pieces = s.pieces()  # one span, or the parts of a statement said in pieces, in order
        assert (pieces[0].start, pieces[-1].end) == (s.start, s.end)
        assert all(text[p.start : p.end] == p.text for p in pieces) and s.text == " ".join(p.text for p in pieces)
        assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:]))
        for span in (s.speaker_mention, s.cue):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        spans.append((s.start, s.end))
    spans.sort()
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))
    for p in parsed.paragraphs:
        assert 0 <= p.start <= p.end <= len(text)


def test_cues_at_the_very_end_of_a_sentence():
    """Found by fuzzing: a cue or a comma-led source with nothing after it."""
    for text in (
        "Headline\n\nSmith praised the plan and said",
        "Headline\n\nSmith went to Iowa to accuse",
        "innation\ndistance rewriting \u201d message:\n\nhelp, underscores tweets\n\n: American says \u201d put soMore says ",
    ):
        parse_article(text)
