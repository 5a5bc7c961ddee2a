"""Claims: group statements that say the same thing, across articles and outlets.

Two statements are linked when, after normalisation (``quotedb.textnorm``), they are identical
(``exact``), nearly identical (``near``: rapidfuzz ``ratio``), or one is a long enough piece of
the other (``partial``: ``partial_ratio``; ``elided``: every piece of an ``…``-cut quote is in
the other). Claims are the connected components of those links.

Comparing every pair is out of reach at a million statements, so pairs are only *candidates*
when they share a winnowed fingerprint that at most ``max_postings`` distinct texts share (a
fingerprint shared more widely is a stock phrase, not a sign of the same quote). Every rule is
a function of the two texts and the fingerprint counts, never of the order statements arrived
in, and a claim's id is its smallest statement id: so an incremental run, which re-links only
the claims new (or deleted) statements touch, gives exactly what a full rebuild gives.
"""

from __future__ import annotations

import itertools
import time
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from sqlalchemy import bindparam, delete, func, select, true, update
from sqlalchemy.engine import Connection

from quotedb import conflicts
from quotedb.conflicts import MIN_WORDS, stock
from quotedb.constants import LinkSettings as Settings, plural
from quotedb.models import Article, Claim, LinkRun, Statement, StatementLink, TextFingerprint, table_of
from quotedb.store import Store
from quotedb.textnorm import NormText, fingerprints, normalize, text_key

st = table_of(Statement)
ar = table_of(Article)
cl = table_of(Claim)
lk = table_of(StatementLink)
fp_t = table_of(TextFingerprint)
runs = table_of(LinkRun)

#: Rows per IN (…) list and per executemany batch: well under SQLite's 32,766 variables.
CHUNK = 5000
#: Pieces of an elided quote shorter than this are not checked on their own ("and", "the").
ELIDED_PIECE_WORDS = 3
#: Share of the shorter text's distinct words that must occur in the longer before ``partial_ratio``
#: runs: a cheap word test that turns away pairs sharing only a stock phrase (partial_ratio on
#: 150 characters costs about 20 times ``ratio``).
MIN_WORD_COVERAGE = 0.8


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """What a run did: ``relinked`` counts every statement whose claim was recomputed."""

    mode: str
    new_statements: int
    relinked: int
    claims: int
    multi_claims: int
    links: int
    seconds: float

    def line(self) -> str:
        return (
            f"{self.mode} link: {plural(self.new_statements, 'new statement')}, {self.relinked:,} re-linked; "
            f"{plural(self.claims, 'claim')} ({self.multi_claims:,} with more than one statement), "
            f"{plural(self.links, 'link')}; {self.seconds:.1f} s"
        )


def verify(a: NormText, b: NormText, settings: Settings) -> tuple[str, float] | None:
    """How ``a`` and ``b`` say the same thing (method, score 0-100), or None.

    Texts are already normalised, so rapidfuzz needs no processor. Containment needs the shorter
    text to have ``min_partial_words`` words: "we will see" is inside many unrelated quotes.
    """
    if a.text == b.text:
        return "exact", 100.0
    near = fuzz.ratio(a.text, b.text, score_cutoff=settings.near)
    if near:
        return "near", near
    short, long = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if short.words < settings.min_partial_words:
        return None
    distinct = set(short.text.split())
    if len(distinct.intersection(long.text.split())) < MIN_WORD_COVERAGE * len(distinct):
        return None
    if len(short.pieces) == 1:
        part = fuzz.partial_ratio(short.text, long.text, score_cutoff=settings.partial)
        return ("partial", part) if part else None
    pieces = [p for p in short.pieces if p.count(" ") + 1 >= ELIDED_PIECE_WORDS]
    scores = [fuzz.partial_ratio(p, long.text, score_cutoff=settings.partial) for p in pieces]
    return ("elided", min(scores)) if scores and all(scores) else None


def link(store: Store, *, settings: Settings = Settings(), full: bool = False) -> LinkSummary:
    """Bring claims up to date: only the work new or deleted statements need, unless ``full``.

    Runs as one write transaction; a run under other settings than the last one is a full one.
    """
    started = datetime.now(timezone.utc)
    clock = time.perf_counter()
    with store.write() as conn:
        if store.backend == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(0x71646C696E6B)))  # one linker at a time
        last = conn.execute(select(runs.c.settings).order_by(runs.c.id.desc()).limit(1)).scalar()
        full = full or last != settings.to_json()
        linker = _Linker(conn, store, settings)
        new, relinked = linker.full() if full else linker.incremental()
        total = conn.execute(select(func.count()).select_from(cl)).scalar_one()
        multi = conn.execute(select(func.count()).select_from(cl).where(cl.c.statements > 1)).scalar_one()
        links = conn.execute(select(func.count()).select_from(lk)).scalar_one()
        mode = "full" if full else "incremental"
        conn.execute(
            runs.insert().values(
                mode=mode, settings=settings.to_json(), new_statements=new, relinked_statements=relinked,
                claims=total, started_at=started, finished_at=datetime.now(timezone.utc),
            )
        )  # fmt: skip
    return LinkSummary(mode, new, relinked, total, multi, links, time.perf_counter() - clock)


@dataclass(slots=True)
class _Member:
    """A statement with what a claim's counts and dates are made of."""

    id: int
    text: str
    article_id: int
    speaker_id: int | None
    outlet_id: int | None
    published_at: datetime | None
    claim_id: int | None
    text_key: int | None
    kind: str
    category: str


#: How far a text may link (``_tier``): freely, only to the same speaker's words, or never.
FREE, SAME_SPEAKER, ALONE = 0, 1, 2


def _tier(norm: NormText, m: _Member) -> int:
    """A name, a noun phrase ("the new sanctions") or a stock phrase never makes a claim: nothing
    tells two of them apart from two different statements. A short quotation ("It's fine") joins
    only the same speaker's: the same words from someone else are no evidence of one utterance."""
    if stock(norm.text) or (m.category == "stance" and m.kind == "indirect"):
        return ALONE
    if norm.words < MIN_WORDS:
        return SAME_SPEAKER if m.kind == "direct" else ALONE
    return FREE


@dataclass(slots=True)
class _Texts:
    """The distinct normalised texts of a set of statements, and which statements have each.

    A text that may not link freely (``_tier``) is one entry per speaker, or per statement.
    ``keys`` are the texts' ``text_key``s, so two entries may share one.
    """

    keys: list[int] = field(default_factory=list)
    norms: list[NormText] = field(default_factory=list)
    members: list[list[_Member]] = field(default_factory=list)
    tiers: list[int] = field(default_factory=list)
    speakers: list[int | None] = field(default_factory=list)

    @classmethod
    def of(cls, members: Iterable[_Member]) -> _Texts:
        texts = cls()
        index: dict[tuple[int, int, int | None], int] = {}
        for m in members:
            norm = normalize(m.text)
            # no words at all ("—"): nothing to compare, so never "identical" to another such text
            key = text_key(norm.text if norm.text else f"\x00{m.id}")
            tier = _tier(norm, m)
            entry = (key, tier, None if tier == FREE else -m.id if tier == ALONE or m.speaker_id is None else m.speaker_id)
            i = index.get(entry)
            if i is None:
                i = index[entry] = len(texts.keys)
                texts.keys.append(key)
                texts.norms.append(norm)
                texts.members.append([])
                texts.tiers.append(tier)
                texts.speakers.append(m.speaker_id)
            texts.members[i].append(m)
        return texts

    def may_link(self, i: int, j: int) -> bool:
        """May entries ``i`` and ``j`` be compared at all (see ``_tier``)?"""
        ti, tj = self.tiers[i], self.tiers[j]
        if ti == FREE and tj == FREE:
            return True
        return ALONE not in (ti, tj) and self.speakers[i] is not None and self.speakers[i] == self.speakers[j]


class _Linker:
    def __init__(self, conn: Connection, store: Store, settings: Settings) -> None:
        self.conn = conn
        self.store = store
        self.settings = settings

    # --- the two entry points -------------------------------------------------------------

    def full(self) -> tuple[int, int]:
        """Forget every claim, link and fingerprint, and link all statements from scratch."""
        conn = self.conn
        new = conn.execute(select(func.count()).select_from(st).where(st.c.claim_id.is_(None), self._scope())).scalar_one()
        conn.execute(delete(lk))
        conn.execute(delete(fp_t))
        if self.settings.categories:
            conn.execute(update(st).where(~self._scope(), st.c.claim_id.is_not(None)).values(claim_id=None))
        members = list(self._members(None))
        self._relink(members, stale_claims=set(), everything=True)
        conn.execute(delete(cl).where(~cl.c.id.in_(select(st.c.claim_id).where(st.c.claim_id.is_not(None)))))
        return new, len(members)

    def incremental(self) -> tuple[int, int]:
        """Link new statements; re-link the claims they join and those that lost statements."""
        fresh = list(self._members(st.c.claim_id.is_(None)))
        stale = self._stale_claims()
        affected = set(stale)
        if stale:
            affected |= self._drop_orphan_fingerprints()
        texts = _Texts.of(fresh)
        if texts.keys:
            affected |= self._claims_of_keys(texts.keys)
            affected |= self._claims_near(texts)
        affected = self._whole_groups(affected)
        members = fresh + [m for chunk in _chunks(sorted(affected)) for m in self._members(st.c.claim_id.in_(chunk))]
        if members:
            self._relink(members, stale_claims=stale, everything=False)
        return len(fresh), len(members)

    # --- discovery (incremental) ----------------------------------------------------------

    def _stale_claims(self) -> set[int]:
        """Claims whose statements changed since they were computed (an article was replaced)."""
        counts = (
            select(st.c.claim_id, func.count().label("n"))
            .where(st.c.claim_id.is_not(None))
            .group_by(st.c.claim_id)
            .subquery()
        )
        query = select(cl.c.id).outerjoin(counts, counts.c.claim_id == cl.c.id).where(
            (counts.c.n.is_(None)) | (counts.c.n != cl.c.statements)
        )
        return set(self.conn.execute(query).scalars())

    def _drop_orphan_fingerprints(self) -> set[int]:
        """Remove fingerprints of texts no statement has any more; claims those removals unblock.

        A fingerprint that drops back to ``max_postings`` texts or fewer becomes a candidate
        source again, so the claims of the texts still holding it must be re-linked.
        """
        conn = self.conn
        live = select(st.c.text_key).where(st.c.text_key.is_not(None))
        orphans = conn.execute(select(fp_t.c.fingerprint, fp_t.c.text_key).where(fp_t.c.text_key.not_in(live))).all()
        if not orphans:
            return set()
        lost: dict[int, int] = defaultdict(int)
        for fp, _ in orphans:
            lost[fp] += 1
        before = self._postings_count(lost)
        cap = self.settings.max_postings
        reopened = [fp for fp, n in before.items() if n > cap >= n - lost[fp]]
        for chunk in _chunks(sorted({k for _, k in orphans})):
            conn.execute(delete(fp_t).where(fp_t.c.text_key.in_(chunk)))
        keys = {k for _, k in self._postings(reopened)}
        return self._claims_of_keys(keys)

    def _whole_groups(self, claims: set[int]) -> set[int]:
        """Every claim in the groups of ``claims``: groups, not claims, are closed under links."""
        out = set(claims)
        for chunk in _chunks(sorted(claims)):
            groups = select(cl.c.group_id).where(cl.c.id.in_(chunk))
            out.update(self.conn.execute(select(cl.c.id).where(cl.c.group_id.in_(groups))).scalars())
        return out

    def _claims_of_keys(self, keys: Iterable[int]) -> set[int]:
        return self._of_linked(st.c.claim_id, keys)

    def _of_linked(self, column: Any, keys: Iterable[int]) -> set[int]:
        """Distinct ``column`` values of the already-linked statements with these text keys."""
        found: set[int] = set()
        for chunk in _chunks(sorted(set(keys))):
            query = select(column).where(st.c.text_key.in_(chunk), st.c.claim_id.is_not(None)).distinct()
            found.update(self.conn.execute(query).scalars())
        return found

    def _claims_near(self, texts: _Texts) -> set[int]:
        """Claims of stored texts that new texts link to, or share a fingerprint that just became common.

        Stores the new texts' fingerprints on the way, so later counts include them.
        """
        s = self.settings
        known = self._known_keys(texts.keys)
        fresh = [i for i, k in enumerate(texts.keys) if k not in known]
        prints = {i: fingerprints(texts.norms[i], s.shingle, s.window) for i in fresh}
        self._store_fingerprints(sorted((fp, texts.keys[i]) for i, fps in prints.items() for fp in fps))
        postings: dict[int, list[int]] = defaultdict(list)
        for fp, key in self._postings({fp for fps in prints.values() for fp in fps}):
            postings[fp].append(key)
        new_keys = {texts.keys[i] for i in fresh}
        suspects: set[int] = set()
        candidates: dict[int, set[int]] = defaultdict(set)  # old key -> new text indexes
        by_fp: dict[int, list[int]] = defaultdict(list)
        for i, fps in prints.items():
            for fp in fps:
                by_fp[fp].append(i)
        for fp, keys in postings.items():
            old = [k for k in keys if k not in new_keys]
            if len(keys) > s.max_postings:
                if 2 <= len(old) <= s.max_postings:  # just became too common: its old links may go
                    suspects.update(old)
                continue
            for k in old:
                candidates[k].update(by_fp[fp])
        norms = self._norms_of_keys(candidates)
        for key, new_indexes in candidates.items():
            if any(verify(norms[key], texts.norms[i], s) for i in new_indexes):
                suspects.add(key)
        return self._claims_of_keys(suspects)

    def _known_keys(self, keys: Sequence[int]) -> set[int]:
        """Keys of texts already linked (their fingerprints are stored with them)."""
        return self._of_linked(st.c.text_key, keys)

    def _norms_of_keys(self, keys: Iterable[int]) -> dict[int, NormText]:
        out: dict[int, NormText] = {}
        for chunk in _chunks(sorted(set(keys))):
            query = select(st.c.text_key, func.min(st.c.text)).where(st.c.text_key.in_(chunk)).group_by(st.c.text_key)
            for key, text in self.conn.execute(query):
                out[key] = normalize(text)
        return out

    # --- the fingerprint index ------------------------------------------------------------

    def _postings(self, fps: Iterable[int]) -> Iterator[tuple[int, int]]:
        for chunk in _chunks(sorted(set(fps))):
            yield from self.conn.execute(select(fp_t.c.fingerprint, fp_t.c.text_key).where(fp_t.c.fingerprint.in_(chunk)))

    def _postings_count(self, fps: Iterable[int]) -> dict[int, int]:
        out: dict[int, int] = {}
        for chunk in _chunks(sorted(set(fps))):
            query = select(fp_t.c.fingerprint, func.count()).where(fp_t.c.fingerprint.in_(chunk)).group_by(fp_t.c.fingerprint)
            out.update((fp, n) for fp, n in self.conn.execute(query))
        return out

    def _store_fingerprints(self, rows: Iterable[tuple[int, int]]) -> None:
        """Store (fingerprint, text key) rows, best given in index order."""
        self._many(self.store.insert(fp_t).on_conflict_do_nothing(), ({"fingerprint": f, "text_key": k} for f, k in rows))

    def _many(self, stmt: Any, rows: Iterable[dict[str, Any]]) -> None:
        """``stmt`` for each row, in batches made as they go; rows hold only numbers and text.

        On SQLite the batches go straight to the driver's executemany: at millions of rows
        SQLAlchemy's per-row parameter processing costs more than SQLite's own work.
        """
        if self.store.backend != "sqlite":
            for chunk in _chunks(rows):
                self.conn.execute(stmt, chunk)
            return
        sql, order = "", list[str]()
        for chunk in _chunks(rows, 50_000):
            if not sql:
                compiled = stmt.compile(dialect=self.conn.dialect, column_keys=list(chunk[0]))
                sql, order = str(compiled), compiled.positiontup or []
            self.conn.exec_driver_sql(sql, [tuple(r[k] for k in order) for r in chunk])

    # --- re-linking a closed set of statements --------------------------------------------

    def _members(self, where: Any) -> Iterator[_Member]:
        """Statements (all when ``where`` is None) with their article's outlet and date."""
        query = select(
            st.c.id, st.c.text, st.c.article_id, st.c.speaker_id, ar.c.outlet_id, ar.c.published_at, st.c.claim_id,
            st.c.text_key, st.c.kind, st.c.category,
        ).join(ar, ar.c.id == st.c.article_id).where(self._scope()).order_by(st.c.id)  # fmt: skip
        if where is not None:
            query = query.where(where)
        for row in self.conn.execute(query.execution_options(yield_per=CHUNK)):
            yield _Member(**row._mapping)

    def _scope(self) -> Any:
        """The statements that take part in claims (``--category``); the others have none."""
        cats = self.settings.categories
        return st.c.category.in_(sorted(set(cats))) if cats else true()

    def _relink(self, members: list[_Member], *, stale_claims: set[int], everything: bool) -> None:
        """Recompute the claims of ``members``: a union of whole groups plus new statements.

        No link can join such a set to a statement outside it (see the module docstring), so
        its components are the claims a full rebuild would find for these statements.
        """
        s = self.settings
        texts = _Texts.of(members)
        fps, owners = array("q"), array("q")
        for i, norm in enumerate(texts.norms):
            for fp in fingerprints(norm, s.shingle, s.window):
                fps.append(fp)
                owners.append(i)
        fp_arr, owner_arr = np.frombuffer(fps, dtype=np.int64), np.frombuffer(owners, dtype=np.int64)
        keys = np.array(texts.keys, dtype=np.int64)
        order = np.lexsort((keys[owner_arr], fp_arr))  # b-tree order for the index
        self._store_fingerprints(zip(fp_arr[order].tolist(), keys[owner_arr[order]].tolist()))
        counts = None if everything else self._postings_count(np.unique(fp_arr).tolist())
        n = len(texts.keys)
        pairs = candidate_pairs(fp_arr, owner_arr, n, counts, s.max_postings)
        text_links: list[tuple[int, int, str, float]] = []
        for code in pairs.tolist():
            i, j = divmod(code, n)
            if not texts.may_link(i, j):
                continue
            found = verify(texts.norms[i], texts.norms[j], s)
            if found:
                text_links.append((i, j, *found))
        claims, groups = components(texts.norms, text_links)
        self._write(texts, claims, groups, text_links, stale_claims, everything)

    def _write(
        self,
        texts: _Texts,
        claim_roots: list[int],
        group_roots: list[int],
        text_links: list[tuple[int, int, str, float]],
        stale_claims: set[int],
        everything: bool,
    ) -> None:
        conn = self.conn
        members: dict[int, list[int]] = defaultdict(list)
        group_first: dict[int, int] = {}
        for i, root in enumerate(claim_roots):
            members[root].append(i)
            first = min(m.id for m in texts.members[i])
            group_first[group_roots[i]] = min(first, group_first.get(group_roots[i], first))
        claims: list[dict[str, Any]] = []
        claim_of_text: dict[int, int] = {}
        for root, idxs in members.items():
            row = _claim_row(texts, idxs)
            row["group_id"] = group_first[group_roots[root]]
            claims.append(row)
            for i in idxs:
                claim_of_text[i] = row["id"]
        old_claims = {m.claim_id for ms in texts.members for m in ms if m.claim_id is not None} | stale_claims
        ids = [m.id for ms in texts.members for m in ms]
        if not everything:
            for chunk in _chunks(ids):
                conn.execute(delete(lk).where(lk.c.statement_a_id.in_(chunk)))
                conn.execute(delete(lk).where(lk.c.statement_b_id.in_(chunk)))
        self._upsert_claims(claims)
        changes = (
            {"b_id": m.id, "b_claim": claim_of_text[i], "b_key": texts.keys[i]}
            for i, ms in enumerate(texts.members)
            for m in ms
            if m.claim_id != claim_of_text[i] or m.text_key != texts.keys[i]
        )
        stmt = update(st).where(st.c.id == bindparam("b_id")).values(claim_id=bindparam("b_claim"), text_key=bindparam("b_key"))
        self._many(stmt, changes)
        conflicts.store_verdicts(conn, [c["id"] for c in claims if c["speakers"] > 1])
        gone = sorted(old_claims - {c["id"] for c in claims})
        for chunk in _chunks(gone):
            conn.execute(delete(cl).where(cl.c.id.in_(chunk)))
        self._many(lk.insert(), _link_rows(texts, text_links))

    def _upsert_claims(self, claims: list[dict[str, Any]]) -> None:
        insert = self.store.insert(cl)
        stmt = insert.on_conflict_do_update(
            index_elements=[cl.c.id], set_={c.name: insert.excluded[c.name] for c in cl.columns if c.name != "id"}
        )
        for chunk in _chunks(claims):
            self.conn.execute(stmt, chunk)


def components(norms: Sequence[NormText], text_links: Sequence[tuple[int, int, str, float]]) -> tuple[list[int], list[int]]:
    """Claims and groups of texts, as a root text index per text.

    A group is everything links connect. A claim follows ``exact`` and ``near`` links, and the
    ``partial``/``elided`` links of a piece whose longer texts all belong to one claim. Pieces
    are settled longest first (by content, so the order statements arrived in never matters):
    a truncation joins its quote, then a shorter piece of both joins them too; but a piece
    found in two different quotes (a spokesperson's stock frame around other words) would
    glue them into one claim, so it stays a claim of its own in their group.
    """
    n = len(norms)
    claims, group = list(range(n)), list(range(n))
    containers: dict[int, list[int]] = defaultdict(list)
    for i, j, method, _ in text_links:
        _union(group, i, j)
        if method in ("exact", "near"):
            _union(claims, i, j)
        else:
            piece, whole = (i, j) if (len(norms[i].text), norms[i].text) <= (len(norms[j].text), norms[j].text) else (j, i)
            containers[piece].append(whole)
    for piece in sorted(containers, key=lambda p: (-len(norms[p].text), norms[p].text)):
        wholes = containers[piece]
        if len({_find(claims, w) for w in wholes}) == 1:
            _union(claims, piece, wholes[0])
    return [_find(claims, i) for i in range(n)], [_find(group, i) for i in range(n)]


def candidate_pairs(
    fps: np.ndarray, owners: np.ndarray, n: int, counts: dict[int, int] | None, cap: int
) -> np.ndarray:
    """Pairs ``i * n + j`` (i < j) of the ``n`` texts sharing a fingerprint held by at most ``cap`` texts.

    ``fps[k]`` is a fingerprint of text ``owners[k]`` (each once per text). ``counts`` are the
    fingerprints' stored totals; None means these texts are every text there is. Grouping is
    done with numpy: at a million texts the pairs do not fit in Python sets.
    """
    order = np.argsort(fps, kind="stable")
    fps, owners = fps[order], owners[order]
    if not len(fps):
        return np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], fps[1:] != fps[:-1])))
    lengths = np.diff(np.concatenate((starts, [len(fps)])))
    if counts is None:
        totals = lengths
    else:
        totals = np.fromiter((counts.get(int(f), 0) for f in fps[starts]), dtype=np.int64, count=len(starts))
    usable = (lengths >= 2) & (totals <= cap)
    found = []
    for size in np.unique(lengths[usable]).tolist():
        first = starts[usable & (lengths == size)]
        left, right = np.triu_indices(size, 1)
        a = owners[first[:, None] + left]
        b = owners[first[:, None] + right]
        found.append((np.minimum(a, b) * n + np.maximum(a, b)).ravel())
    return np.unique(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


def _claim_row(texts: _Texts, idxs: list[int]) -> dict[str, Any]:
    """A claims row: id = smallest statement id, text = the longest statement, counts, dates."""
    members = [m for i in idxs for m in texts.members[i]]
    canonical = max(
        ((len(texts.norms[i].text), -m.id, m.text) for i in idxs for m in texts.members[i]),
    )
    dated = [m for m in members if m.published_at is not None]
    seen = [when for m in dated if (when := _utc(m.published_at)) is not None]
    first = min(dated, key=lambda m: (_utc(m.published_at), m.article_id)) if dated else min(members, key=lambda m: m.article_id)
    return {
        "id": min(m.id for m in members),
        "text": canonical[2],
        "first_seen_at": min(seen, default=None),
        "last_seen_at": max(seen, default=None),
        "first_article_id": first.article_id,
        "statements": len(members),
        "articles": len({m.article_id for m in members}),
        "outlets": len({m.outlet_id for m in members if m.outlet_id is not None}),
        "speakers": len({m.speaker_id for m in members if m.speaker_id is not None}),
    }


def _link_rows(texts: _Texts, text_links: list[tuple[int, int, str, float]]) -> list[dict[str, Any]]:
    """Exact repeats link to their text's first statement; other links join two texts' first statements."""
    firsts = [min(m.id for m in ms) for ms in texts.members]
    rows = [
        {"statement_a_id": firsts[i], "statement_b_id": m.id, "method": "exact", "score": 100.0}
        for i, ms in enumerate(texts.members)
        for m in ms
        if m.id != firsts[i]
    ]
    for i, j, method, score in text_links:
        a, b = sorted((firsts[i], firsts[j]))
        rows.append({"statement_a_id": a, "statement_b_id": b, "method": method, "score": round(score, 2)})
    return rows


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they are stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def _chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """Lists of up to ``size`` items, taken from ``items`` as they come."""
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk
