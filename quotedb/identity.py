"""Speaker identity across articles: which parsed speakers become the same ``speakers`` row.

Within an article the parser already resolved every mention to one entity. Across articles
only specific names join: see ``is_mergeable``. Everything else gets a row of its own.
Curators' decisions (``quotedb.curation``) are consulted first: a curated alias names exactly
one speaker, and a removed alias stays removed (its tombstone row blocks the parser's copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ARRAY, Text, func, literal, select, update
from sqlalchemy.engine import Connection

from quotedb.models import Speaker, SpeakerAlias, table_of
from quotedb.names import identity_key, normalize_name, surname
from quotedb.parse import Speaker as ParsedSpeaker

if TYPE_CHECKING:
    from quotedb.store import Store

speakers_t = table_of(Speaker)
aliases_t = table_of(SpeakerAlias)


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


class PreparedSpeaker(NamedTuple):
    """A parsed speaker with its normalised name and the aliases worth keeping (see ``prepare_speakers``)."""

    name: str
    normalized: str
    kind: str
    role: str | None
    affiliation: str | None
    aliases: tuple[tuple[str, str], ...]  # (normalised alias, alias)


def prepare_speakers(speakers: Sequence[ParsedSpeaker]) -> tuple[PreparedSpeaker, ...]:
    """The database-free half of resolving: names normalised, aliases filtered, in lock order."""
    out = []
    for sp in speakers:
        norm = normalize_name(sp.name)
        named = {normalize_name(a): a for a in sp.aliases if is_name(a)}
        named.pop(norm, None)
        named.pop("", None)
        out.append(PreparedSpeaker(sp.name, norm, sp.kind, sp.role, sp.affiliation, tuple(named.items())))
    return tuple(sorted(out, key=lambda s: s.normalized))


def resolve_speakers(
    store: Store, conn: Connection, articles: Sequence[tuple[PreparedSpeaker, ...]]
) -> list[dict[str, int]]:
    """Map each article's speakers (canonical name -> ``speakers`` id), for a batch at once.

    A mergeable name reuses the one speaker it matches (a curated alias first, else the same
    normalised name and kind); none or several matches create a new row. Lookups are one query
    per batch and new rows one multi-row insert, so the result equals resolving one article at a
    time. On PostgreSQL each mergeable name is locked (in hash order) until commit, so concurrent
    writers cannot both create the same person.
    """
    mergeable = sorted({sp.normalized for sps in articles for sp in sps if is_mergeable(sp.kind, sp.normalized)})
    if mergeable and store.backend == "postgresql":
        names = select(func.hashtext(func.unnest(literal(mergeable, ARRAY(Text)))).label("h")).order_by("h")
        conn.execute(select(func.pg_advisory_xact_lock(names.subquery().c.h)))
    curated: dict[str, list[int]] = {}
    existing: dict[tuple[str, str], list[int]] = {}
    known: dict[int, dict[str, Any]] = {}
    for n in range(0, len(mergeable), 500):
        chunk = mergeable[n : n + 500]
        for norm, speaker_id in conn.execute(
            select(aliases_t.c.normalized_alias, aliases_t.c.speaker_id)
            .where(aliases_t.c.normalized_alias.in_(chunk), aliases_t.c.source == "curated")
            .distinct()
            .order_by(aliases_t.c.speaker_id)
        ):
            curated.setdefault(norm, []).append(speaker_id)
        for row in conn.execute(
            select(speakers_t.c.id, speakers_t.c.normalized_name, speakers_t.c.kind, speakers_t.c.role, speakers_t.c.affiliation)
            .where(speakers_t.c.normalized_name.in_(chunk))
            .order_by(speakers_t.c.id)
        ).mappings():
            existing.setdefault((row["normalized_name"], row["kind"]), []).append(row["id"])
            known[row["id"]] = {"role": row["role"], "affiliation": row["affiliation"]}
    others = sorted({i for ids in curated.values() for i in ids} - known.keys())
    for n in range(0, len(others), 500):
        for row in conn.execute(
            select(speakers_t.c.id, speakers_t.c.role, speakers_t.c.affiliation).where(speakers_t.c.id.in_(others[n : n + 500]))
        ).mappings():
            known[row["id"]] = {"role": row["role"], "affiliation": row["affiliation"]}
    new_rows: list[dict[str, Any]] = []  # speakers to create; referred to as -(index + 1) until inserted
    filled: dict[int, dict[str, Any]] = {}  # existing speakers whose empty role/affiliation gets a value
    chosen: list[dict[str, int]] = []
    aliases: list[tuple[int, str, str]] = []
    for sps in articles:
        ids: dict[str, int] = {}
        for sp in sps:
            norm = sp.normalized
            matches = (curated.get(norm) or existing.get((norm, sp.kind), [])) if is_mergeable(sp.kind, norm) else []
            if len(matches) == 1:  # two or more: already ambiguous, keep this one apart too
                speaker_id = matches[0]
                current = new_rows[-speaker_id - 1] if speaker_id < 0 else known[speaker_id]
                for key, value in (("role", sp.role), ("affiliation", sp.affiliation)):
                    if current[key] is None and value is not None:
                        current[key] = value
                        if speaker_id > 0:
                            filled.setdefault(speaker_id, {})[key] = value
            else:
                new_rows.append({"name": sp.name, "normalized_name": norm, "kind": sp.kind, "role": sp.role, "affiliation": sp.affiliation,
                                 "identity_key": identity_key(sp.name, sp.kind), "surname": surname(sp.name, sp.kind)})
                speaker_id = -len(new_rows)
                if is_mergeable(sp.kind, norm) and norm not in curated:
                    existing.setdefault((norm, sp.kind), []).append(speaker_id)
            ids[sp.name] = speaker_id
            aliases.extend((speaker_id, a, n) for n, a in sp.aliases)
        chosen.append(ids)
    for speaker_id, values in filled.items():
        conn.execute(update(speakers_t).where(speakers_t.c.id == speaker_id).values(**values))
    created: list[int] = []
    if new_rows:
        insert = speakers_t.insert().returning(speakers_t.c.id, sort_by_parameter_order=True)
        created = list(conn.execute(insert, new_rows).scalars())

    def real(speaker_id: int) -> int:
        return created[-speaker_id - 1] if speaker_id < 0 else speaker_id

    if aliases:
        rows = {(real(s), n): {"speaker_id": real(s), "alias": a, "normalized_alias": n} for s, a, n in aliases}
        conn.execute(store.insert(aliases_t).on_conflict_do_nothing(), list(rows.values()))
    return [{name: real(i) for name, i in ids.items()} for ids in chosen]
