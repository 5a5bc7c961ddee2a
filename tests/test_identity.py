"""Speakers across articles: who joins whom, and curations that survive re-ingesting."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from builders import article
from quotedb.curation import add_alias, curations, merge, remove_alias, rename, set_external_id
from quotedb.errors import NotFound, QueryError
from quotedb.models import Speaker as SpeakerRow
from quotedb.models import SpeakerAlias, Statement
from quotedb.names import normalize_name
from quotedb.parse import Speaker
from quotedb.store import Store, save_article


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Dr. Chen  Xü", "chen xu"),
        ("CHEN XU", "chen xu"),
        ("Chén Xu", "chen xu"),
        ("President Joe Biden", "joe biden"),
        ("Foreign Minister Wang Yi", "wang yi"),
        ("Sen. Elizabeth Warren", "elizabeth warren"),
        ("Chief Executive Officer Tim Cook", "tim cook"),
        ("President Biden", "president biden"),  # never down to a bare surname
        ("General Motors", "general motors"),
        ("Chen", "chen"),
        ("O’Neill", "o'neill"),
        ("", ""),
    ],
)
def test_normalize_name(name: str, key: str) -> None:
    assert normalize_name(name) == key


def _say(store: Store, speaker: Speaker, n: int, url: str | None = None, quote: str | None = None) -> int:
    """Store an article with one statement by ``speaker``; returns the statement's speaker id."""
    quote = quote or f"Statement number {n} from the press room."
    body = f'"{quote}" {speaker.name} said.\n'
    saved = save_article(store, article(body, [(f'"{quote}"', speaker.name, "direct")], speakers=(speaker,), url=url))
    with store.read() as conn:
        return conn.execute(
            select(Statement.__table__.c.speaker_id).where(Statement.__table__.c.article_id == saved.article_id)
        ).scalar_one()


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (Speaker("Chen Xu", "person"), Speaker("Dr. Chen Xü", "person"), True),
        (Speaker("Chen Xu", "person"), Speaker("CHEN XU", "person"), True),
        (Speaker("Foreign Minister Wang Yi", "person"), Speaker("Wang Yi", "person"), True),
        (Speaker("Reuters", "organization"), Speaker("reuters", "organization"), True),
        # middle names and initials, but not generational suffixes, are spellings of one person
        (Speaker("Donald J. Trump", "person"), Speaker("Donald Trump", "person"), True),
        (Speaker("Hillary Rodham Clinton", "person"), Speaker("Hillary Clinton", "person"), True),
        (Speaker("Donald Trump", "person"), Speaker("Donald Trump Jr.", "person"), False),
        (Speaker("Eric Trump", "person"), Speaker("Donald Trump", "person"), False),
        # a bare surname joins the one person the corpus gives it, or the same bare name
        (Speaker("Chen Xu", "person"), Speaker("Xu", "person"), True),
        (Speaker("Chen", "person"), Speaker("Chen", "person"), True),
        (Speaker("Chen Xu", "person"), Speaker("Chen", "person"), False),  # "Chen" is not Chen Xu's surname
        # a description is its article's own speaker
        (Speaker("the envoy", "person", named=False), Speaker("the envoy", "person", named=False), False),
        (Speaker("Chen Xu", "person"), Speaker("Chen Xi", "person"), False),
        (Speaker("several observers", "group"), Speaker("several observers", "group"), False),
        (Speaker("the ministry", "unknown"), Speaker("the ministry", "unknown"), False),
        (Speaker("Chen Xu", "person"), Speaker("Chen Xu", "organization"), False),
    ],
)
def test_speakers_across_articles(store: Store, first: Speaker, second: Speaker, same: bool) -> None:
    assert (_say(store, first, 1) == _say(store, second, 2)) is same


def test_ambiguous_names_stay_separate(store: Store) -> None:
    a = _say(store, Speaker("Chen Xu", "person"), 1)
    with store.write() as conn:  # a second "Chen Xu" already exists (two people, kept apart before)
        conn.execute(text("INSERT INTO speakers (name, normalized_name, kind, identity_key) VALUES ('Chen Xu', 'chen xu', 'person', 'chen xu')"))
    third = _say(store, Speaker("Chen Xu", "person"), 2)
    assert third != a
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM speakers WHERE normalized_name = 'chen xu'")).scalar() == 3


def _aliases(store: Store, speaker_id: int) -> dict[str, str]:
    al = SpeakerAlias.__table__
    with store.read() as conn:
        return dict(conn.execute(select(al.c.alias, al.c.source).where(al.c.speaker_id == speaker_id)).all())


def test_merge_moves_statements_and_survives_reingest(store: Store) -> None:
    keep = _say(store, Speaker("Chen Xu", "person", aliases=("Chen",)), 1)
    other = _say(store, Speaker("Xu Chen", "person", aliases=("Xu",)), 2, url="https://x.example/1")
    assert keep != other
    assert merge(store, keep, [other]) == 1
    assert _aliases(store, keep) == {"Chen": "parser", "Xu": "parser", "Xu Chen": "curated"}
    # the article comes back with new text: its speaker is resolved again, to the merged speaker
    again = _say(store, Speaker("Xu Chen", "person"), 3, url="https://x.example/1")
    assert again == keep
    with store.read() as conn:
        assert conn.execute(select(SpeakerRow.__table__.c.id)).scalars().all() == [keep]
    assert [c["action"] for c in curations(store)] == ["merge"]


def test_removed_alias_is_not_added_back_by_a_reparse(store: Store) -> None:
    chen = Speaker("Chen Xu", "person", aliases=("Chen", "Ambassador Chen"))
    sid = _say(store, chen, 1)
    remove_alias(store, sid, "ambassador chen")
    _say(store, chen, 2)  # the parser names the alias again
    assert _aliases(store, sid) == {"Chen": "parser", "Ambassador Chen": "removed"}
    with pytest.raises(NotFound, match="has no alias 'Ambassador Chen'"):
        remove_alias(store, sid, "Ambassador Chen")
    add_alias(store, sid, "Ambassador Chen")  # a curator may bring it back
    assert _aliases(store, sid)["Ambassador Chen"] == "curated"


def test_curated_alias_and_rename_resolve_new_articles(store: Store) -> None:
    sid = _say(store, Speaker("Chen Xu", "person"), 1)
    add_alias(store, sid, "Xu Chenxu")
    assert _say(store, Speaker("Xu Chenxu", "person"), 2) == sid
    rename(store, sid, "Chen Xu Jr")
    assert _say(store, Speaker("Chen Xu", "person"), 3) == sid  # the old name is a curated alias now
    assert _say(store, Speaker("chen xu jr", "person"), 4) == sid
    assert [c["action"] for c in curations(store, sid)] == ["alias-add", "rename"]


def test_external_id_is_unique(store: Store) -> None:
    a = _say(store, Speaker("Chen Xu", "person"), 1)
    b = _say(store, Speaker("Li Wei", "person"), 2)
    set_external_id(store, a, "Q123")
    with pytest.raises(QueryError, match=f"already speaker {a}'s external id; .* merge {a} {b}"):
        set_external_id(store, b, "Q123")
    merge(store, b, [a])  # the id moves to the speaker kept
    with store.read() as conn:
        assert conn.execute(text(f"SELECT external_id FROM speakers WHERE id = {b}")).scalar() == "Q123"


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda s: merge(s, 1, [1]), "cannot be merged into itself"),
        (lambda s: merge(s, 1, [99]), "no speaker with id 99"),
        (lambda s: add_alias(s, 1, "!!!"), "no letters"),
        (lambda s: add_alias(s, 1, "chen xu"), "already speaker 1's name"),
        (lambda s: rename(s, 42, "Someone Else"), "no speaker with id 42"),
    ],
)
def test_curation_errors(store: Store, action, message: str) -> None:  # type: ignore[no-untyped-def]
    _say(store, Speaker("Chen Xu", "person"), 1)
    with pytest.raises((QueryError, NotFound), match=message):
        action(store)


def test_curated_alias_of_another_speaker_is_refused(store: Store) -> None:
    a = _say(store, Speaker("Chen Xu", "person"), 1)
    b = _say(store, Speaker("Li Wei", "person"), 2)
    add_alias(store, a, "Ambassador Chen")
    with pytest.raises(QueryError, match=f"curated alias of speaker {a}"):
        add_alias(store, b, "ambassador chen")


def _rows(store: Store) -> list[tuple[str, int, str | None]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT sp.name, count(*), min(s.speaker_method) FROM statements s JOIN speakers sp ON sp.id = s.speaker_id "
            "GROUP BY sp.id, sp.name ORDER BY sp.name"
        ))]


@pytest.mark.parametrize("bare_first", [True, False])
def test_a_bare_surname_goes_to_the_dominant_person_whatever_came_first(store: Store, bare_first: bool) -> None:
    bare = lambda: _say(store, Speaker("Okafor", "person"), 1)  # noqa: E731
    if bare_first:
        bare()
    _say(store, Speaker("Ben Okafor", "person"), 2)
    if not bare_first:
        bare()
    assert _rows(store) == [("Ben Okafor", 2, "corpus-name")]
    assert "Okafor" in _aliases(store, _say(store, Speaker("Ben Okafor", "person"), 3))


def test_a_bare_surname_stays_its_own_row_when_no_one_dominates(store: Store) -> None:
    _say(store, Speaker("Ben Okafor", "person"), 1)
    _say(store, Speaker("Okafor", "person"), 2)  # Ben is the only Okafor so far
    _say(store, Speaker("Ada Okafor", "person"), 3)  # now 1 of 2 statements each: nobody dominates
    assert _rows(store) == [("Ada Okafor", 1, None), ("Ben Okafor", 1, None), ("Okafor", 1, "name")]


@pytest.mark.parametrize(("ben", "ada", "credited"), [(3, 1, True), (2, 1, False)])
def test_a_bare_surname_needs_three_quarters_of_the_surname(store: Store, ben: int, ada: int, credited: bool) -> None:
    article = iter(range(10, 20))
    for _ in range(ben):
        _say(store, Speaker("Ben Okafor", "person"), next(article))
    for _ in range(ada):
        _say(store, Speaker("Ada Okafor", "person"), next(article))
    _say(store, Speaker("Okafor", "person"), next(article))
    assert _rows(store) == ([("Ada Okafor", ada, None), ("Ben Okafor", ben + 1, "corpus-name")] if credited
                            else [("Ada Okafor", ada, None), ("Ben Okafor", ben, None), ("Okafor", 1, None)])


def test_a_curated_bare_row_is_kept(store: Store) -> None:
    bare = _say(store, Speaker("Okafor", "person"), 1)
    set_external_id(store, bare, "Q42")
    _say(store, Speaker("Ben Okafor", "person"), 2)
    assert [r[0] for r in _rows(store)] == ["Ben Okafor", "Okafor"]


def test_the_plainest_spelling_names_the_row(store: Store) -> None:
    first = _say(store, Speaker("Hillary Rodham Clinton", "person"), 1)
    assert _say(store, Speaker("Hillary Clinton", "person"), 2) == first
    assert _rows(store) == [("Hillary Clinton", 2, None)]
    assert "Hillary Rodham Clinton" in _aliases(store, first)
    rename(store, first, "Hillary R. Clinton")  # a curator's name is never replaced by a spelling
    _say(store, Speaker("Hillary Clinton", "person"), 3)
    assert _rows(store)[0][0] == "Hillary R. Clinton"


def test_near_spellings_are_suggested_never_merged(store: Store) -> None:
    from quotedb.curation import merge_suggestions

    priebus = _say(store, Speaker("Reince Priebus", "person"), 1)
    _say(store, Speaker("Reince Priebus", "person"), 2)
    typo = _say(store, Speaker("Rence Priebus", "person"), 3)
    _say(store, Speaker("Ana Ruiz", "person"), 4)
    _say(store, Speaker("Ana Ruiz Jr.", "person"), 5)  # a relative, less alike than a typo
    found = [(s["keep_id"], s["other_id"], s["command"]) for s in merge_suggestions(store, min_similarity=90)]
    assert found[0] == (priebus, typo, f"quotedb speakers merge {priebus} {typo}")
    assert typo != priebus  # still two rows until a curator merges them
    assert merge_suggestions(store, min_similarity=99) == []
