"""Speaker identity across articles: which parsed speakers become the same ``speakers`` row.

Within an article the parser already resolved every mention to one entity. Across articles:

* a person's full name joins the row with the same identity key (first and last name without
  middle names, initials, titles, accents or case: "Donald J. Trump" is "Donald Trump"; a
  generational suffix keeps relatives apart: "Donald Trump Jr." is not); the row is reported
  under the plainest spelling met ("Hillary Clinton" over "Hillary Rodham Clinton");
* an organisation joins the row with the same normalised name;
* a bare name the article left alone ("Obama", "Trump" when the article never spells the full
  name) joins the one person the corpus makes unambiguous: the bearer of that surname holding at
  least ``DOMINANCE`` of the statements of everyone with that surname (``corpus-name``); otherwise
  it is one row for that bare name across the corpus, which moves to the full name as soon as a
  bearer dominates (``settle_bare_names`` runs after every batch);
* descriptions ("the envoy", "a senior official") and groups are rows of their own article.

Curators' decisions (``quotedb.curation``) are consulted first: a curated alias names exactly one
speaker, and a removed alias stays removed (its tombstone row blocks the parser's copy).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ARRAY, Text, case, delete, func, literal, or_, select, update
from sqlalchemy.engine import Connection

from quotedb import conflicts
from quotedb.models import Speaker, SpeakerAlias, SpeakerCuration, Statement, table_of
from quotedb.names import identity_key, normalize_name, surname
from quotedb.parse import Speaker as ParsedSpeaker

if TYPE_CHECKING:
    from quotedb.store import Store

speakers_t = table_of(Speaker)
aliases_t = table_of(SpeakerAlias)
curations_t = table_of(SpeakerCuration)
statements_t = table_of(Statement)

#: The share of a surname's statements (among the people of the corpus with that surname) one
#: person must hold for a bare mention of the surname to be credited to them.
#: 0.75 rather than 0.8: on the 924 PolNeAR texts it credits two more surnames, both by hand rightly
#: ("Mr. Bush" in 2016 is Jeb Bush, 58 of the 73 statements of the corpus's Bushes; "Emanuel" Rahm
#: Emanuel, 14 of 18), and no other.
DOMINANCE = 0.75


def is_mergeable(kind: str, normalized: str) -> bool:
    """Whether a full name is specific enough to be the same entity in another article.

    A person needs at least two name words (a bare surname is resolved by the corpus instead, see
    ``is_bare``); an organisation's single word ("Reuters") is enough. Groups and unknowns are
    descriptions ("several observers"), never identities.
    """
    if not normalized:
        return False
    if kind == "person":
        return len(normalized.split()) >= 2
    return kind == "organization"


def is_bare(kind: str, normalized: str) -> bool:
    """A one-word name of a person or of unknown kind ("Obama", "Gallup"): resolved through the
    corpus's full names of that surname, else kept as one row for the word."""
    return kind in ("person", "unknown") and len(normalized.split()) == 1 and normalized.isalpha()


#: Words that can be capitalised without being a name ("He said …" at a sentence start).
NOT_NAMES = frozenset({"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "the"})


def is_name(alias: str) -> bool:
    """An alias worth keeping across articles: a capitalised name, not a pronoun or description."""
    first = alias.split()[0].casefold() if alias.split() else ""
    return alias[:1].isupper() and first not in NOT_NAMES


class PreparedSpeaker(NamedTuple):
    """A parsed speaker with its normalised name, the aliases worth keeping, and what it is
    matched on across articles (see ``prepare_speakers``)."""

    name: str
    normalized: str
    kind: str
    role: str | None
    affiliation: str | None
    aliases: tuple[tuple[str, str], ...]  # (normalised alias, alias)
    named: bool = True
    key: str = ""  # identity_key
    identity: tuple[str, str] | None = None  # (identity key, "bare" or the kind), see _identity_of
    surname: str | None = None  # names.surname

    @property
    def bare(self) -> bool:
        """A bare name ("Obama"): resolved through the corpus (``is_bare``)."""
        return self.identity is not None and self.identity[1] == "bare"


class Resolved(NamedTuple):
    """Which row a parsed speaker became, and how: ``method`` overrides the parser's
    ``speaker_method`` (``corpus-name``, ``curated``) and ``share`` scales its confidence."""

    speaker_id: int
    method: str | None = None
    share: float = 1.0


def prepare_speakers(speakers: Sequence[ParsedSpeaker]) -> tuple[PreparedSpeaker, ...]:
    """The database-free half of resolving, in lock order: names normalised, aliases filtered,
    identities found (in ingest's workers, so the writer does not)."""
    out = []
    for sp in speakers:
        norm = normalize_name(sp.name)
        named = {normalize_name(a): a for a in sp.aliases if is_name(a)}
        named.pop(norm, None)
        named.pop("", None)
        key = identity_key(sp.name, sp.kind)
        out.append(PreparedSpeaker(sp.name, norm, sp.kind, sp.role, sp.affiliation, tuple(named.items()), sp.named, key,
                                   _identity_of(sp.named, sp.kind, norm, key), surname(sp.name, sp.kind)))
    return tuple(sorted(out, key=lambda s: s.normalized))


def _identity_of(named: bool, kind: str, normalized: str, key: str) -> tuple[str, str] | None:
    """The (identity key, kind class) a speaker is matched on across articles, if any."""
    if not named:
        return None
    if is_bare(kind, normalized):
        return key, "bare"
    if is_mergeable(kind, normalized):
        return key, kind
    return None


def _plainer(name: str, than: str) -> bool:
    """Is ``name`` a plainer spelling of the same person than ``than`` (fewer words)?"""
    return len(name.split()) < len(than.split())


def resolve_speakers(
    store: Store, conn: Connection, articles: Sequence[tuple[PreparedSpeaker, ...]]
) -> list[dict[str, Resolved]]:
    """Map each article's speakers (canonical name -> row), for a batch at once.

    Lookups are a few queries per batch and new rows one multi-row insert, so the result equals
    resolving one article at a time. On PostgreSQL each identity is locked (in hash order) until
    commit, so concurrent writers cannot both create the same person.
    """
    idents = {sp.identity for sps in articles for sp in sps if sp.identity is not None}
    keys = sorted({k for k, _ in idents})
    norms = sorted({sp.normalized for sps in articles for sp in sps if sp.named and sp.normalized})
    if keys and store.backend == "postgresql":
        hashes = select(func.hashtext(func.unnest(literal(keys, ARRAY(Text)))).label("h")).order_by("h")
        conn.execute(select(func.pg_advisory_xact_lock(hashes.subquery().c.h)))
    curated: dict[str, list[int]] = {}
    for chunk in _chunks(norms):
        for norm, speaker_id in conn.execute(
            select(aliases_t.c.normalized_alias, aliases_t.c.speaker_id)
            .where(aliases_t.c.normalized_alias.in_(chunk), aliases_t.c.source == "curated")
            .distinct()
            .order_by(aliases_t.c.speaker_id)
        ):
            curated.setdefault(norm, []).append(speaker_id)
    existing: dict[tuple[str, str], list[int]] = {}
    known: dict[int, dict[str, Any]] = {}
    for chunk in _chunks(keys):
        for row in conn.execute(
            select(speakers_t.c.id, speakers_t.c.name, speakers_t.c.identity_key, speakers_t.c.kind, speakers_t.c.role,
                   speakers_t.c.affiliation)
            .where(speakers_t.c.identity_key.in_(chunk))
            .order_by(speakers_t.c.id)
        ).mappings():
            single = is_bare(row["kind"], row["identity_key"] or "")
            existing.setdefault((row["identity_key"], "bare" if single else row["kind"]), []).append(row["id"])
            known[row["id"]] = {"name": row["name"], "role": row["role"], "affiliation": row["affiliation"]}
    dominant = dominant_bearers(conn, {k for k, c in idents if c == "bare"})
    others = sorted(({i for ids in curated.values() for i in ids} | {d[0] for d in dominant.values()}) - known.keys())
    for chunk in _chunks(others):
        for row in conn.execute(
            select(speakers_t.c.id, speakers_t.c.name, speakers_t.c.role, speakers_t.c.affiliation).where(speakers_t.c.id.in_(chunk))
        ).mappings():
            known[row["id"]] = {"name": row["name"], "role": row["role"], "affiliation": row["affiliation"]}
    new_rows: list[dict[str, Any]] = []  # speakers to create; referred to as -(index + 1) until inserted
    changed: dict[int, dict[str, Any]] = {}  # existing speakers whose name, role or affiliation changes
    chosen: list[dict[str, Resolved]] = []
    aliases: list[tuple[int, str, str]] = []
    for sps in articles:
        ids: dict[str, Resolved] = {}
        for sp in sps:
            ident = sp.identity
            picked = curated.get(sp.normalized) if sp.named else None
            if picked and len(picked) == 1:
                resolved = Resolved(picked[0], "curated")
            elif ident is not None and ident[1] == "bare" and ident[0] in dominant:
                resolved = Resolved(*dominant[ident[0]])
            else:
                matches = existing.get(ident, []) if ident is not None else []
                if len(matches) == 1:  # two or more: already ambiguous, keep this one apart too
                    resolved = Resolved(matches[0])
                else:
                    bare = sp.bare  # who a bare name is is unknown: no role of its own
                    new_rows.append({"name": sp.name, "normalized_name": sp.normalized, "kind": sp.kind, "named": sp.named,
                                     "role": None if bare else sp.role, "affiliation": None if bare else sp.affiliation,
                                     "identity_key": sp.key, "surname": sp.surname})
                    resolved = Resolved(-len(new_rows))
                    if ident is not None and not matches:
                        existing[ident] = [resolved.speaker_id]
            speaker_id = resolved.speaker_id
            current = new_rows[-speaker_id - 1] if speaker_id < 0 else known[speaker_id]
            if resolved.method is None and not sp.bare:  # its own row: fill what it lacks
                if sp.kind == "person" and _plainer(sp.name, current["name"]):
                    aliases.append((speaker_id, current["name"], normalize_name(current["name"])))
                    current["name"] = sp.name
                    if speaker_id > 0:
                        changed.setdefault(speaker_id, {}).update(name=sp.name, normalized_name=sp.normalized)
                for field in ("role", "affiliation"):
                    value = getattr(sp, field)
                    if current[field] is None and value is not None:
                        current[field] = value
                        if speaker_id > 0:
                            changed.setdefault(speaker_id, {})[field] = value
            elif sp.normalized != normalize_name(current["name"]):
                aliases.append((speaker_id, sp.name, sp.normalized))  # "Obama" is a name Barack Obama goes by
            ids[sp.name] = resolved
            aliases.extend((speaker_id, a, n) for n, a in sp.aliases)
        chosen.append(ids)
    renamed = _curated_renames(conn, [i for i, v in changed.items() if "name" in v])
    for speaker_id, values in changed.items():
        if speaker_id in renamed:
            values.pop("name", None)
            values.pop("normalized_name", None)
        if values:
            conn.execute(update(speakers_t).where(speakers_t.c.id == speaker_id).values(**values))
    created = _insert_speakers(store, conn, new_rows) if new_rows else []

    def real(speaker_id: int) -> int:
        return created[-speaker_id - 1] if speaker_id < 0 else speaker_id

    if aliases:
        rows = {(real(s), n): {"speaker_id": real(s), "alias": a, "normalized_alias": n} for s, a, n in aliases if n}
        conn.execute(store.insert(aliases_t).on_conflict_do_nothing(), list(rows.values()))
    return [{name: r if r.speaker_id > 0 else r._replace(speaker_id=real(r.speaker_id)) for name, r in ids.items()} for ids in chosen]


def _insert_speakers(store: Store, conn: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert new speakers; their ids, in order. On SQLite the ids are given up front (the write
    transaction holds the lock, so the ones after the highest are free): SQLAlchemy cannot trust
    the order of SQLite's RETURNING for a multi-row insert and inserted one row at a time, a
    statement per new speaker (1.4 s of every 4,000 articles)."""
    if store.backend == "sqlite":
        first = (conn.execute(select(func.max(speakers_t.c.id))).scalar() or 0) + 1
        conn.execute(speakers_t.insert(), [{**row, "id": first + n} for n, row in enumerate(rows)])
        return list(range(first, first + len(rows)))
    insert = speakers_t.insert().returning(speakers_t.c.id, sort_by_parameter_order=True)
    return list(conn.execute(insert, rows).scalars())


def _chunks(values: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for n in range(0, len(values), size):
        yield values[n : n + size]


def _curated_renames(conn: Connection, speaker_ids: Sequence[int]) -> set[int]:
    """Speakers a curator renamed: their name is the curator's, never replaced by a spelling."""
    found: set[int] = set()
    for chunk in _chunks(list(speaker_ids)):
        found.update(conn.execute(
            select(curations_t.c.speaker_id).where(curations_t.c.speaker_id.in_(chunk), curations_t.c.action == "rename")
        ).scalars())
    return found


def dominant_bearers(conn: Connection, words: Iterable[str]) -> dict[str, tuple[int, str, float]]:
    """For each folded surname, the person holding at least ``DOMINANCE`` of the statements of
    the corpus's people with that surname: word -> (speaker id, "corpus-name", their share).

    Counted are a person's own statements, not the bare mentions already credited to them.
    """
    out: dict[str, tuple[int, str, float]] = {}
    own = func.count(case((or_(statements_t.c.speaker_method.is_(None), statements_t.c.speaker_method != "corpus-name"), 1)))
    by_word: dict[str, list[tuple[int, int]]] = {}
    for chunk in _chunks(sorted(words)):
        rows = conn.execute(
            select(speakers_t.c.surname, speakers_t.c.id, own)
            .select_from(speakers_t.join(statements_t, statements_t.c.speaker_id == speakers_t.c.id))
            .where(speakers_t.c.surname.in_(chunk), speakers_t.c.kind == "person")
            .group_by(speakers_t.c.surname, speakers_t.c.id)
        ).all()
        for word, speaker_id, n in rows:
            by_word.setdefault(word, []).append((n, -speaker_id))
    for word, counts in by_word.items():
        counts.sort(reverse=True)
        total = sum(n for n, _ in counts)
        top, neg_id = counts[0]
        if total and top / total >= DOMINANCE:
            out[word] = (-neg_id, "corpus-name", top / total)
    return out


def settle_bare_names(store: Store, conn: Connection, words: Iterable[str]) -> int:
    """Credit every bare mention of these surnames ("Obama") to the person now dominating the
    surname, or, when none does, to the one row for the bare name; emptied bare rows go
    (curated ones and those with an external id stay).

    Runs after each batch for the surnames it touched (its bare names and its people's
    surnames), so the stored result depends on the corpus, not on the order articles came in.
    Returns how many statements changed speaker.
    """
    words = sorted(set(words))
    bare: dict[str, list[int]] = {}
    bearers: dict[str, list[int]] = {}
    for chunk in _chunks(words):
        for key, last, speaker_id in conn.execute(
            select(speakers_t.c.identity_key, speakers_t.c.surname, speakers_t.c.id).where(
                or_(speakers_t.c.identity_key.in_(chunk), speakers_t.c.surname.in_(chunk)),
                speakers_t.c.kind.in_(("person", "unknown")),
            ).order_by(speakers_t.c.id)
        ):
            if last is not None:
                bearers.setdefault(last, []).append(speaker_id)
            elif is_bare("unknown", key or ""):
                bare.setdefault(key, []).append(speaker_id)
    credited: dict[str, list[tuple[int, int, str | None]]] = {}  # word -> (statement, speaker, mention) credited by the corpus
    ids = [i for v in bearers.values() for i in v]
    for chunk in _chunks(ids):
        for sid, speaker_id, name, mention in conn.execute(
            select(statements_t.c.id, statements_t.c.speaker_id, statements_t.c.speaker_name, statements_t.c.speaker_mention)
            .where(statements_t.c.speaker_id.in_(chunk), statements_t.c.speaker_method == "corpus-name")
        ):
            credited.setdefault(normalize_name(name or ""), []).append((sid, speaker_id, mention))
    todo = [w for w in words if w in bare or w in credited]
    dominant = dominant_bearers(conn, todo) if todo else {}
    keep = set(_curated_ids(conn, [i for v in bare.values() for i in v]))
    moved = 0
    touched: list[int] = []
    for word in todo:
        if word in dominant:
            target, method, share = dominant[word]
            rows = [i for i in bare.get(word, []) if i not in keep]
            stray = [sid for sid, speaker_id, _ in credited.get(word, []) if speaker_id != target]
            moved += _move(conn, touched, statements_t.c.speaker_id.in_(rows), target, method, share)
            moved += _move(conn, touched, statements_t.c.id.in_(stray), target, method, share)
            if rows:
                names = dict(conn.execute(select(speakers_t.c.name, speakers_t.c.normalized_name).where(speakers_t.c.id.in_(rows))).all())
                conn.execute(delete(speakers_t).where(speakers_t.c.id.in_(rows)))
                conn.execute(store.insert(aliases_t).on_conflict_do_nothing(),
                             [{"speaker_id": target, "alias": n, "normalized_alias": k} for n, k in names.items()])
        elif credited.get(word):  # no one dominates any more: back to the bare name's own row
            target = bare[word][0] if bare.get(word) else _bare_row(conn, word, credited[word])
            for method in ("name", "pronoun", "description"):
                sids = [sid for sid, _, mention in credited[word] if _mention_method(mention, word) == method]
                moved += _move(conn, touched, statements_t.c.id.in_(sids), target, method, 1.0)
    conflicts.refresh(conn, sorted(set(touched)))
    return moved


def _move(conn: Connection, touched: list[int], where: Any, target: int, method: str, share: float) -> int:
    """Give the statements ``where`` selects to ``target``; their claims' speaker counts go stale."""
    touched.extend(conn.execute(select(statements_t.c.claim_id).where(where, statements_t.c.claim_id.is_not(None)).distinct()).scalars())
    return conn.execute(
        update(statements_t).where(where).values(
            speaker_id=target, speaker_method=method, speaker_confidence=statements_t.c.confidence * share,
        )
    ).rowcount or 0


def _mention_method(mention: str | None, word: str) -> str:
    """How the article itself named a speaker it knew only by a bare name: by that name, a
    pronoun, or a description."""
    low = (mention or "").lower()
    if normalize_name(mention or "").endswith(word):
        return "name"
    return "pronoun" if low in NOT_NAMES or low in ("who", "which") else "description"


def _bare_row(conn: Connection, word: str, credited: Sequence[tuple[int, int, str | None]]) -> int:
    """A new row for a bare name no one dominates any more, named as the articles wrote it."""
    name = conn.execute(select(statements_t.c.speaker_name).where(statements_t.c.id == credited[0][0])).scalar() or word.title()
    return int(conn.execute(
        speakers_t.insert().values(name=name, normalized_name=word, kind="unknown", identity_key=word).returning(speakers_t.c.id)
    ).scalar_one())


def _curated_ids(conn: Connection, speaker_ids: Sequence[int]) -> list[int]:
    """Of these speakers, those a curator touched (any curation or curated alias)."""
    found: list[int] = []
    for chunk in _chunks(list(speaker_ids)):
        found.extend(conn.execute(select(curations_t.c.speaker_id).where(curations_t.c.speaker_id.in_(chunk))).scalars())
        found.extend(conn.execute(
            select(aliases_t.c.speaker_id).where(aliases_t.c.speaker_id.in_(chunk), aliases_t.c.source == "curated")
        ).scalars())
    return found
