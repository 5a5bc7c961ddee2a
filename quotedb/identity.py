"""Speaker identity across articles: which parsed speakers become the same ``speakers`` row.

Within an article the parser already resolved every mention to one entity. Across articles
only specific names join: see ``is_mergeable``. Everything else gets a row of its own.
Curators' decisions (``quotedb.curation``) are consulted first: a curated alias names exactly
one speaker, and a removed alias stays removed (its tombstone row blocks the parser's copy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from quotedb.models import Speaker, SpeakerAlias
from quotedb.names import normalize_name
from quotedb.parse import Speaker as ParsedSpeaker

if TYPE_CHECKING:
    from quotedb.store import Store

speakers_t = Speaker.__table__
aliases_t = SpeakerAlias.__table__


def is_mergeable(kind: str, normalized: str) -> bool:
    """Whether a speaker name is specific enough to be the same entity in another article.

    A person needs at least two name words: a bare surname ("Chen") never joins articles on its
    own. An organisation's single word ("Reuters") does. Groups and unknowns are descriptions
    ("several observers"), never identities.
    """
    if not normalized:
        return False
    if kind == "person":
        return len(normalized.split()) >= 2
    return kind == "organization"


#: Words that can be capitalised without being a name ("He said …" at a sentence start).
NOT_NAMES = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "the"})


def is_name(alias: str) -> bool:
    """An alias worth keeping across articles: a capitalised name, not a pronoun or description."""
    first = alias.split()[0].casefold() if alias.split() else ""
    return alias[:1].isupper() and first not in NOT_NAMES


def resolve_speakers(store: Store, conn: Connection, speakers: tuple[ParsedSpeaker, ...]) -> dict[str, int]:
    """Map each parsed speaker's canonical name to a ``speakers`` row, reusing a unique match."""
    ids: dict[str, int] = {}
    for sp in sorted(speakers, key=lambda s: normalize_name(s.name)):  # stable lock order
        norm = normalize_name(sp.name)
        speaker_id = None
        if is_mergeable(sp.kind, norm):
            if store.backend == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(func.hashtext(norm))))
            matches = conn.execute(
                select(aliases_t.c.speaker_id)
                .where(aliases_t.c.normalized_alias == norm, aliases_t.c.source == "curated")
                .distinct()
                .limit(2)
            ).scalars().all() or conn.execute(
                select(speakers_t.c.id)
                .where(speakers_t.c.normalized_name == norm, speakers_t.c.kind == sp.kind)
                .limit(2)
            ).scalars().all()
            if len(matches) == 1:  # two or more: already ambiguous, keep this one apart too
                speaker_id = matches[0]
                conn.execute(
                    update(speakers_t)
                    .where(speakers_t.c.id == speaker_id)
                    .values(
                        role=func.coalesce(speakers_t.c.role, sp.role),
                        affiliation=func.coalesce(speakers_t.c.affiliation, sp.affiliation),
                    )
                )
        if speaker_id is None:
            speaker_id = conn.execute(
                speakers_t.insert()
                .values(name=sp.name, normalized_name=norm, kind=sp.kind, role=sp.role, affiliation=sp.affiliation)
                .returning(speakers_t.c.id)
            ).scalar_one()
        aliases = {normalize_name(a): a for a in sp.aliases if is_name(a)}
        aliases.pop(norm, None)
        aliases.pop("", None)
        if aliases:
            conn.execute(
                store.insert(aliases_t).on_conflict_do_nothing(),
                [{"speaker_id": speaker_id, "alias": a, "normalized_alias": n} for n, a in aliases.items()],
            )
        ids[sp.name] = speaker_id
    return ids
