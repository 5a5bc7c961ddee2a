"""Claims: normalisation, fingerprints, the pair rules, and linking on both backends."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, text

from builders import article
from quotedb.errors import QueryError
from quotedb.link import Settings, link, verify
from quotedb.models import Claim, Statement, StatementLink
from quotedb.parse import Speaker
from quotedb.store import Store, save_article
from quotedb.textnorm import fingerprints, normalize, text_key

QUOTE = "We will not accept any interference in our internal affairs, and we will defend our sovereignty to the end."


@pytest.mark.parametrize(
    ("raw", "segments"),
    [
        ('“Human rights,” she said.', (("human", "rights", "she", "said"),)),
        ("HUMAN   RIGHTS!!", (("human", "rights"),)),
        ("We don’t — won't — know", (("we", "dont", "wont", "know"),)),
        ("ｆｕｌｌ width", (("full", "width"),)),
        ("«Wir schaffen das»", (("wir", "schaffen", "das"),)),
        ("We will win […] the war", (("we", "will", "win"), ("the", "war"))),
        ("We will win (...) the war", (("we", "will", "win"), ("the", "war"))),
        ("We will win . . . the war", (("we", "will", "win"), ("the", "war"))),
        ("…and we will win…", (("and", "we", "will", "win"),)),
        ("3.5 percent, up from 40,000", (("3", "5", "percent", "up", "from", "40", "000"),)),
        ("", ()),
        ("— … —", ()),
    ],
)
def test_normalize(raw: str, segments: tuple[tuple[str, ...], ...]) -> None:
    norm = normalize(raw)
    assert norm.pieces == tuple(" ".join(s) for s in segments)
    assert norm.text == " ".join(w for s in segments for w in s)
    assert norm.words == sum(len(s) for s in segments)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ('"Human rights are not a bargaining chip,"', "HUMAN RIGHTS ARE NOT A BARGAINING CHIP!", True),
        ("“It’s over,” he said", '"It\'s over" he said', True),
        ("Human rights are not a bargaining chip", "Human rights are a bargaining chip", False),
        ("It is over", "It is over now", False),
    ],
)
def test_text_key_ignores_only_form(a: str, b: str, same: bool) -> None:
    assert (text_key(normalize(a).text) == text_key(normalize(b).text)) is same


def test_fingerprints_of_a_piece_are_in_its_source() -> None:
    long = normalize(QUOTE)
    words = long.text.split()
    for start in range(len(words) - 6):
        piece = normalize(" ".join(words[start : start + 6]))  # shingle + window - 1 words
        assert fingerprints(piece, 4, 3) <= fingerprints(long, 4, 3)
    assert fingerprints(normalize("we will see"), 4, 3) == set()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (QUOTE, "“" + QUOTE.upper() + "”", "exact"),
        (QUOTE, QUOTE.replace("affairs", "matters"), "near"),  # a changed word
        (QUOTE, QUOTE.replace("sovereignty", "soverignty"), "near"),  # a typo
        (QUOTE, QUOTE.replace(",", ";").replace("the end", "the end!"), "exact"),
        (QUOTE, "…we will not accept any interference in our internal affairs…", "partial"),  # truncated
        (QUOTE, "any interference in our internal affairs, and we will defend", "partial"),  # partial quote
        (QUOTE, "any interferance in our internal affairs, and we will defend", "partial"),  # partial with typo
        (QUOTE, "We will not accept any interference […] and we will defend our sovereignty to the end.", "elided"),
        # negatives: another quote by the same person, stock phrases, pieces too short or too changed
        (QUOTE, "We will not accept any lectures on human rights from countries that abuse them.", None),
        (QUOTE, "We will defend our sovereignty.", None),
        ("We will see.", "We will see what the court decides, and then we will act on our sovereignty.", None),
        (QUOTE, "in our internal affairs, and we will", None),  # 7 words: below min_partial_words
        (QUOTE, "We will not accept any interference in the elections, and we will defend our borders to the end.", None),
        (QUOTE, "We will not accept […] our sovereignty to the very end of the earth and back again.", None),
    ],
)
def test_verify(a: str, b: str, expected: str | None) -> None:
    found = verify(normalize(a), normalize(b), Settings())
    assert (found[0] if found else None) == expected
    again = verify(normalize(b), normalize(a), Settings())
    assert found == again  # symmetric: the order statements arrive in never matters


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"near": 0}, "rapidfuzz scores"),
        ({"partial": 101}, "rapidfuzz scores"),
        ({"min_partial_words": 5}, "at least 6"),
        ({"max_postings": 1}, "max_postings at least 2"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        Settings(**kwargs)  # type: ignore[arg-type]


CHEN = Speaker("Chen Xu", "person", aliases=("Chen",))
LI = Speaker("Li Wei", "person", aliases=("Li",))


def _save(store: Store, body: str, quotes: list[tuple[str, str]], outlet: str, day: int, url: str | None = None) -> None:
    speakers = tuple(sp for sp in (CHEN, LI) if any(name == sp.name for _, name in quotes))
    save_article(
        store,
        article(body, [(q, name, "direct") for q, name in quotes], speakers=speakers, outlet=outlet, url=url,
                published_at=datetime(2024, 3, day, tzinfo=timezone.utc)),
    )  # fmt: skip


def _claims(store: Store) -> list[dict]:
    with store.read() as conn:
        return [dict(r) for r in conn.execute(select(Claim.__table__).order_by(Claim.__table__.c.id)).mappings()]


def test_link_groups_variants_across_outlets(store: Store) -> None:
    _save(store, f'"{QUOTE}" Chen said.\n', [(f'"{QUOTE}"', "Chen Xu")], "Daily", 2)
    other = "We will not accept any lectures on human rights from anyone."
    short = "…any interference in our internal affairs, and we will defend our sovereignty…"
    _save(store, f'"{short}" Li said. "{other}" Chen said.\n', [(f'"{short}"', "Li Wei"), (f'"{other}"', "Chen Xu")], "Wire", 1)
    summary = link(store)
    assert (summary.mode, summary.claims, summary.multi_claims, summary.links) == ("full", 2, 1, 1)
    claims = _claims(store)
    first = claims[0]
    assert first["id"] == 1 and first["text"] == f'"{QUOTE}"'
    assert (first["statements"], first["articles"], first["outlets"], first["speakers"]) == (2, 2, 2, 2)
    assert first["first_article_id"] == 2  # published a day earlier
    assert first["first_seen_at"].day == 1 and first["last_seen_at"].day == 2
    assert claims[1]["text"] == f'"{other}"' and claims[1]["statements"] == 1
    with store.read() as conn:
        links = conn.execute(select(StatementLink.__table__)).all()
        by_statement = dict(conn.execute(select(Statement.__table__.c.id, Statement.__table__.c.claim_id)).all())
    assert [(a, b, m) for a, b, m, _ in links] == [(1, 2, "partial")]
    assert by_statement == {1: 1, 2: 1, 3: 3}


def test_exact_repeats_link_to_the_first_statement(store: Store) -> None:
    for day in (1, 2, 3):
        _save(store, f"“{QUOTE}” he said on day {day}.\n", [(f"“{QUOTE}”", "Chen Xu")], f"Outlet {day}", day)
    link(store)
    with store.read() as conn:
        links = conn.execute(select(StatementLink.__table__).order_by("statement_b_id")).all()
    assert [tuple(r) for r in links] == [(1, 2, "exact", 100.0), (1, 3, "exact", 100.0)]
    assert _claims(store)[0]["outlets"] == 3


def test_new_settings_rebuild_in_full(store: Store) -> None:
    _save(store, f'"{QUOTE}" he said.\n', [(f'"{QUOTE}"', "Chen Xu")], "Daily", 1)
    assert link(store).mode == "full"
    assert link(store).mode == "incremental"
    assert link(store, settings=Settings(near=95)).mode == "full"
    assert link(store, settings=Settings(near=95)).mode == "incremental"


WORDS = (
    "we will not accept any interference in our internal affairs and defend sovereignty to the end "
    "trade talks resume next week with partners across region budget doubled since tram line opened "
    "human rights are never bargaining chip for anyone who claims to speak people"
).split()


def _random_corpus(seed: int, n_bases: int = 8) -> list[list[str]]:
    """Articles (lists of statement texts) with planted variants of a few base quotes."""
    rng = random.Random(seed)
    bases = [rng.sample(WORDS, rng.randint(9, 16)) for _ in range(n_bases)]
    articles = []
    for _ in range(rng.randint(8, 14)):
        texts = []
        for _ in range(rng.randint(1, 3)):
            words = list(rng.choice(bases))
            kind = rng.randrange(5)
            if kind == 1:
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            elif kind == 2:
                words = words[rng.randint(0, 3) :]
            elif kind == 3 and len(words) > 8:
                start = rng.randint(0, len(words) - 8)
                words = words[start : start + rng.randint(8, len(words) - start)]
            texts.append(" ".join(words).capitalize() + rng.choice((".", "!", "…")))
        articles.append(texts)
    return articles


def _snapshot(store: Store) -> tuple[list, list, list]:
    with store.read() as conn:
        claims = conn.execute(text("SELECT * FROM claims ORDER BY id")).all()
        links = conn.execute(text("SELECT * FROM statement_links ORDER BY 1, 2")).all()
        members = conn.execute(text("SELECT id, claim_id, text_key FROM statements ORDER BY id")).all()
    return [tuple(r) for r in claims], [tuple(r) for r in links], [tuple(r) for r in members]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("max_postings", [1000, 3])
def test_incremental_equals_full_rebuild(store: Store, seed: int, max_postings: int) -> None:
    """Link after every few articles (with a replaced article on the way), then rebuild: no difference."""
    settings = Settings(max_postings=max_postings)
    rng = random.Random(seed)
    for i, texts in enumerate(_random_corpus(seed)):
        body = "\n\n".join(f'"{t}" said Chen Xu.' for t in texts)
        url = f"https://example.org/{i % 5}"  # some URLs come back with new text: statements are replaced
        _save(store, body, [(f'"{t}"', "Chen Xu") for t in texts], rng.choice(("A", "B", "C")), 1 + i, url=url)
        if rng.random() < 0.5:
            link(store, settings=settings)
    link(store, settings=settings)
    incremental = _snapshot(store)
    assert link(store, settings=settings, full=True).mode == "full"
    assert _snapshot(store) == incremental
    with store.read() as conn:  # every statement is in exactly one claim
        assert conn.execute(text("SELECT sum(statements) FROM claims")).scalar() == len(incremental[2])


def test_a_fingerprint_turned_common_unlinks_in_both_modes(store: Store) -> None:
    """A piece linked through one phrase loses that link once the phrase is everywhere."""
    phrase = "any interference in our internal affairs and we"
    settings = Settings(max_postings=3)
    _save(store, f'"{QUOTE}" he said.\n', [(f'"{QUOTE}"', "Chen Xu")], "A", 1)
    _save(store, f'"{phrase}" he said.\n', [(f'"{phrase}"', "Chen Xu")], "B", 2)
    assert link(store, settings=settings).multi_claims == 1
    for i, frame in enumerate(("Nobody wants", "Our partners reject")):
        other = f"{frame} {phrase} say so plainly to every partner we have."
        _save(store, f'"{other}" he said.\n', [(f'"{other}"', "Li Wei")], "C", 3 + i)
    incremental = link(store, settings=settings)
    assert incremental.mode == "incremental" and incremental.multi_claims == 0
    snapshot = _snapshot(store)
    link(store, settings=settings, full=True)
    assert _snapshot(store) == snapshot


FRAME_A = "Our position is clear: we will defend our sovereignty and our territorial integrity at any cost."
FRAME_B = "Our position is clear: we will defend our sovereignty and our territorial integrity, and we want talks with every partner."
PIECE = "we will defend our sovereignty and our territorial integrity"


def test_a_piece_of_two_quotes_joins_neither_until_one_is_gone(store: Store) -> None:
    _save(store, f'"{FRAME_A}" he said.\n', [(f'"{FRAME_A}"', "Chen Xu")], "A", 1)
    _save(store, f'"{FRAME_B}" he said.\n', [(f'"{FRAME_B}"', "Chen Xu")], "B", 2, url="https://b.example/1")
    _save(store, f'He said "{PIECE}".\n', [(f'"{PIECE}"', "Chen Xu")], "C", 3)
    link(store)
    claims = {c["id"]: (c["statements"], c["group_id"]) for c in _claims(store)}
    assert claims == {1: (1, 1), 2: (1, 1), 3: (1, 1)}  # three claims, one group
    with store.read() as conn:
        methods = sorted(m for (m,) in conn.execute(text("SELECT method FROM statement_links")))
    assert methods == ["partial", "partial"]  # both containments are kept as links
    _save(store, "Nothing was said.\n", [("Nothing was said", "Li Wei")], "B", 2, url="https://b.example/1")
    assert link(store).mode == "incremental"
    snapshot = _snapshot(store)
    assert {c["id"]: c["statements"] for c in _claims(store)} == {1: 2, 4: 1}
    link(store, full=True)
    assert _snapshot(store) == snapshot


def test_texts_without_words_are_never_linked(store: Store) -> None:
    for day in (1, 2):
        _save(store, f'"—" he said, day {day}.\n', [('"—"', "Chen Xu")], "A", day)
    assert link(store).multi_claims == 0
