"""The article the project started from: exactly its statements, speakers and kinds.

Ten quotations and reports, nine statements: Chen's last two quotations ('"A," Chen added. "B."')
are one utterance, one statement in two pieces.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from quotedb.parse import parse_article

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "cgtn-2021-02-24-chinese-envoy.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not next to the repository")


@pytest.fixture(scope="module")
def parsed():
    with SEED.open(encoding="utf-8", newline="") as fh:
        return parse_article(fh.read())


def test_metadata(parsed):
    meta = parsed.meta
    assert meta.section == "China"
    assert meta.outlet == "CGTN"
    assert meta.title.startswith("Chinese envoy rejects 'groundless' accusations")
    assert meta.published_at == datetime(2021, 2, 24, 22, 25, tzinfo=timezone(timedelta(hours=8)))
    assert meta.updated_at == datetime(2021, 2, 25, 14, 35, tzinfo=timezone(timedelta(hours=8)))


def test_statements(parsed):
    got = [(s.speaker, s.kind, s.cue.text if s.cue else None, s.text[:40]) for s in parsed.statements]
    assert got == [
        ("Chen Xu", "direct", "said", '"At this high-level segment, the UK, EU,'),
        ("Chen Xu", "direct", "added", '"We firmly oppose and categorically reje'),
        ("Chen Xu", "indirect", "noted", "If these countries truly intend to promo"),
        ("Chen Xu", "indirect", "stressed", "They should not have shielded soldiers w"),
        ("Chen Xu", "indirect", "said", "If they truly intend to promote and prot"),
        ("Chen Xu", "indirect", "said", "If they truly intend to promote and prot"),
        ("Chen Xu", "direct", "added", '"What they have done has only fully expo'),  # and its second piece:
        ("Wang Wenbin", "indirect", "saying", "China firmly rejects and opposes the spr"),
        ("Wang Wenbin", "indirect", "said", "China has sent invitations to the UN Hum"),
    ]
    text = parsed.text
    assert all(text[s.start : s.end] == s.text for s in parsed.statements if not s.parts)
    (pieces,) = [s for s in parsed.statements if s.parts]  # '"What they have done …," Chen added. "China urges …"'
    assert [text[p.start : p.end][:20] for p in pieces.parts] == ['"What they have done', '"China urges these c']
    assert pieces.text == " ".join(text[p.start : p.end] for p in pieces.parts)


def test_mentions(parsed):
    mentions = [s.speaker_mention.text for s in parsed.statements]
    assert mentions == [
        "Chen", "the envoy", "Chen", "the Chinese diplomat", "he", "he", "Chen",
        "Chinese Foreign Ministry spokesperson Wang Wenbin", "Wang",
    ]


def test_not_statements(parsed):
    bodies = " ".join(s.text for s in parsed.statements)
    assert "groundless\" accusations by" not in bodies
    assert "Human rights are about people" not in bodies
    assert parsed.meta.title not in bodies


def test_speakers(parsed):
    chen, wang = parsed.speakers
    assert (chen.name, chen.kind) == ("Chen Xu", "person")
    assert chen.role == "China's Permanent Representative to the United Nations (UN) Office at Geneva"
    # names only: "the envoy", "the Chinese diplomat" and "he" are mentions, kept per statement
    assert chen.aliases == ("Chen",)
    assert (wang.name, wang.kind, wang.role) == ("Wang Wenbin", "person", "Chinese Foreign Ministry spokesperson")
    assert wang.aliases == ("Wang",)
