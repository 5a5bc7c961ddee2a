"""Speaker curation: merge, aliases, rename, external ids, and the log of what was done.

Curations act through data the resolver (``quotedb.identity``) consults on every article, not
through one-off row edits, so they survive re-ingesting and re-parsing: a merged or renamed-away
name becomes a *curated* alias that new articles resolve to; a removed alias stays behind as a
*removed* tombstone the parser cannot add back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from quotedb.errors import NotFound, QueryError
from quotedb import conflicts
from quotedb.models import Claim, Speaker, SpeakerAlias, SpeakerCuration, Statement, table_of
from quotedb.names import identity_key, normalize_name, surname
from quotedb.store import Store

sp = table_of(Speaker)
al = table_of(SpeakerAlias)
cu = table_of(SpeakerCuration)
st = table_of(Statement)
cl = table_of(Claim)

CURATION_COLUMNS = ("id", "created_at", "action", "speaker_id", "speaker_name", "detail")


def merge(store: Store, keep: int, others: Sequence[int]) -> int:
    """Fold ``others`` into ``keep``: statements, aliases and external id move; names become aliases.

    Returns how many statements changed speaker.
    """
    if keep in others:
        raise QueryError(f"speaker {keep} cannot be merged into itself")
    with store.write() as conn:
        kept = _speaker(conn, keep)
        moved = 0
        for other_id in dict.fromkeys(others):
            other = _speaker(conn, other_id)
            moved += _merge_one(store, conn, kept, other)
        return moved


def _merge_one(store: Store, conn: Connection, kept: dict[str, Any], other: dict[str, Any]) -> int:
    keep = kept["id"]
    claims = select(st.c.claim_id).where(st.c.speaker_id == other["id"], st.c.claim_id.is_not(None)).distinct()
    touched = list(conn.execute(claims).scalars())
    moved = conn.execute(update(st).where(st.c.speaker_id == other["id"]).values(speaker_id=keep)).rowcount
    for alias, norm, source in conn.execute(
        select(al.c.alias, al.c.normalized_alias, al.c.source).where(al.c.speaker_id == other["id"])
    ).all():
        _put_alias(store, conn, keep, alias, norm, source)
    if other["normalized_name"] != kept["normalized_name"]:
        _put_alias(store, conn, keep, other["name"], other["normalized_name"], "curated")
    conn.execute(update(cu).where(cu.c.speaker_id == other["id"]).values(speaker_id=keep))
    external = other["external_id"]
    conn.execute(delete(sp).where(sp.c.id == other["id"]))
    if external and not kept["external_id"]:
        conn.execute(update(sp).where(sp.c.id == keep).values(external_id=external))
        kept["external_id"] = external
    _log(conn, "merge", kept, f"merged {other['name']!r} (id {other['id']}, {moved} statements)")
    conflicts.refresh(conn, touched)
    return moved


def add_alias(store: Store, speaker_id: int, alias: str) -> None:
    """A curated alias: new articles naming the speaker this way resolve to them."""
    norm = _name_key(alias)
    with store.write() as conn:
        speaker = _speaker(conn, speaker_id)
        if norm == speaker["normalized_name"]:
            raise QueryError(f"{alias!r} is already speaker {speaker_id}'s name")
        owner = conn.execute(
            select(al.c.speaker_id).where(al.c.normalized_alias == norm, al.c.source == "curated", al.c.speaker_id != speaker_id)
        ).scalar()
        if owner is not None:
            raise QueryError(f"{alias!r} is a curated alias of speaker {owner}; remove it there first or merge the two")
        _put_alias(store, conn, speaker_id, alias.strip(), norm, "curated")
        _log(conn, "alias-add", speaker, f"alias {alias.strip()!r}")


def remove_alias(store: Store, speaker_id: int, alias: str) -> None:
    """Drop an alias for good: it stays as a ``removed`` tombstone so a re-parse cannot add it back."""
    norm = _name_key(alias)
    with store.write() as conn:
        speaker = _speaker(conn, speaker_id)
        found = conn.execute(
            update(al)
            .where(al.c.speaker_id == speaker_id, al.c.normalized_alias == norm, al.c.source != "removed")
            .values(source="removed")
        ).rowcount
        if not found:
            raise NotFound(f"speaker {speaker_id} has no alias {alias!r}; list them with 'quotedb speakers {speaker_id}'")
        _log(conn, "alias-remove", speaker, f"alias {alias.strip()!r}")


def rename(store: Store, speaker_id: int, name: str) -> None:
    """Give a speaker another canonical name; the old one stays a curated alias."""
    norm = _name_key(name)
    with store.write() as conn:
        speaker = _speaker(conn, speaker_id)
        conn.execute(update(sp).where(sp.c.id == speaker_id).values(
            name=name.strip(), normalized_name=norm, identity_key=identity_key(name, speaker["kind"]),
            surname=surname(name, speaker["kind"]),
        ))
        if norm != speaker["normalized_name"]:
            _put_alias(store, conn, speaker_id, speaker["name"], speaker["normalized_name"], "curated")
        conn.execute(delete(al).where(al.c.speaker_id == speaker_id, al.c.normalized_alias == norm, al.c.source != "removed"))
        _log(conn, "rename", {**speaker, "name": name.strip()}, f"renamed from {speaker['name']!r}")


def set_external_id(store: Store, speaker_id: int, external_id: str | None) -> None:
    """Tie a speaker to an outside identity (a Wikidata QID such as Q42); None clears it."""
    value = external_id.strip() if external_id else None
    with store.write() as conn:
        speaker = _speaker(conn, speaker_id)
        if value:
            owner = conn.execute(select(sp.c.id).where(sp.c.external_id == value, sp.c.id != speaker_id)).scalar()
            if owner is not None:
                raise QueryError(
                    f"{value} is already speaker {owner}'s external id; if they are one person, "
                    f"run 'quotedb speakers merge {owner} {speaker_id}'"
                )
        conn.execute(update(sp).where(sp.c.id == speaker_id).values(external_id=value))
        _log(conn, "external-id", speaker, f"external id {value}" if value else "external id cleared")


def curations(store: Store, speaker_id: int | None = None) -> list[dict[str, Any]]:
    """The curation log, oldest first (optionally one speaker's)."""
    query = select(*(cu.c[c] for c in CURATION_COLUMNS)).order_by(cu.c.id)
    if speaker_id is not None:
        query = query.where(cu.c.speaker_id == speaker_id)
    with store.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


SUGGESTION_COLUMNS = ("keep_id", "keep_name", "keep_statements", "other_id", "other_name", "other_statements", "similarity", "command")


def merge_suggestions(store: Store, *, min_similarity: float = 85.0, limit: int | None = None) -> list[dict[str, Any]]:
    """People whose names are near spellings of one name ("Reince Priebus", "Rence Priebus"): pairs
    sharing a first or a last name whose identity keys are at least ``min_similarity`` alike
    (rapidfuzz ``ratio``, 0-100). Suggestions for a curator, never merged by themselves: two real
    people can be a letter apart. Most quoted pairs first; ``keep`` is the more quoted row."""
    from rapidfuzz import fuzz, process

    counts = select(st.c.speaker_id, func.count().label("n")).group_by(st.c.speaker_id).subquery()
    with store.read() as conn:
        rows = conn.execute(
            select(sp.c.id, sp.c.name, sp.c.identity_key, counts.c.n)
            .join(counts, counts.c.speaker_id == sp.c.id)
            .where(sp.c.kind == "person", sp.c.named.is_(True), sp.c.identity_key.like("% %"))
        ).all()
    blocks: dict[str, list[Any]] = {}
    for row in rows:
        words = row.identity_key.split()
        for block in {"first " + words[0], "last " + words[-1]}:
            blocks.setdefault(block, []).append(row)
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for members in blocks.values():
        if len(members) < 2:
            continue
        keys = [m.identity_key for m in members]
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=min_similarity)
        for i, j in zip(*scores.nonzero()):
            a, b = members[int(i)], members[int(j)]
            if a.id >= b.id or a.identity_key == b.identity_key:
                continue
            keep, other = (a, b) if (a.n, -a.id) >= (b.n, -b.id) else (b, a)
            pairs[(a.id, b.id)] = {
                "keep_id": keep.id, "keep_name": keep.name, "keep_statements": keep.n,
                "other_id": other.id, "other_name": other.name, "other_statements": other.n,
                "similarity": round(float(scores[i, j]), 1), "command": f"quotedb speakers merge {keep.id} {other.id}",
            }  # fmt: skip
    ranked = sorted(pairs.values(), key=lambda p: (-(p["keep_statements"] + p["other_statements"]), p["keep_id"], p["other_id"]))
    return ranked[:limit] if limit else ranked


def _speaker(conn: Connection, speaker_id: int) -> dict[str, Any]:
    row = conn.execute(select(sp).where(sp.c.id == speaker_id)).mappings().first()
    if row is None:
        raise NotFound(f"no speaker with id {speaker_id}; find ids with 'quotedb speakers'")
    return dict(row)


def _name_key(name: str) -> str:
    norm = normalize_name(name)
    if not norm:
        raise QueryError(f"{name!r} has no letters to use as a name")
    return norm


def _put_alias(store: Store, conn: Connection, speaker_id: int, alias: str, norm: str, source: str) -> None:
    """Insert an alias, or raise an existing one to ``source`` (curated beats parser and removed)."""
    stmt = store.insert(al).values(speaker_id=speaker_id, alias=alias, normalized_alias=norm, source=source)
    if source == "curated":
        stmt = stmt.on_conflict_do_update(
            index_elements=[al.c.speaker_id, al.c.normalized_alias], set_={"source": "curated", "alias": alias}
        )
    else:
        stmt = stmt.on_conflict_do_nothing()
    conn.execute(stmt)


def _log(conn: Connection, action: str, speaker: dict[str, Any], detail: str) -> None:
    conn.execute(
        cu.insert().values(
            action=action, speaker_id=speaker["id"], speaker_name=speaker["name"], detail=detail,
            created_at=datetime.now(timezone.utc),
        )
    )  # fmt: skip
