"""Reading claims: lists, the misattribution report, one claim in full, researcher relations.

Claims are made by ``quotedb.link``; everything here reads them, except ``relate``, which records
a researcher's typed relation between two claims. A claim id is its first statement's id, so an
id that re-linking merged away still leads somewhere: ``resolve_claim`` follows it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from quotedb.errors import NotFound, QueryError
from quotedb.models import Article, Claim, ClaimRelation, Outlet, RELATION_KINDS, Speaker, Statement, StatementLink, table_of
from quotedb.search import Filters, statements_select
from quotedb.store import Store

cl = table_of(Claim)
st = table_of(Statement)
sp = table_of(Speaker)
ar = table_of(Article)
ou = table_of(Outlet)
rel = table_of(ClaimRelation)
lk = table_of(StatementLink)

CLAIM_EXPORT = (
    "id", "text", "statements", "articles", "outlets", "speakers", "speaker_names", "first_seen_at",
    "last_seen_at", "first_outlet", "first_article_id", "group_id",
)  # fmt: skip
CONFLICT_EXPORT = ("claim_id", "claim_text", "conflict_reason", "speaker", "statement_id", "article_id", "outlet", "published_at", "text")
LINK_EXPORT = ("statement_a_id", "statement_b_id", "method", "score", "claim_a_id", "claim_b_id", "text_a", "text_b")
RELATION_EXPORT = (
    "id", "relation", "source_claim_id", "target_claim_id", "source_text", "target_text", "note", "created_at",
    "source_statement_id", "target_statement_id",
)  # fmt: skip
OCCURRENCE_COLUMNS = ("statement_id", "speaker", "outlet", "published_at", "article_id", "article_title", "method", "text")


def _matching_claims(filters: Filters) -> Any:
    """Ids of claims with at least one statement that ``filters`` keep."""
    matched = statements_select(filters).subquery()
    return select(matched.c.claim_id).where(matched.c.claim_id.is_not(None))


def _claims_select(filters: Filters, min_statements: int) -> Select[Any]:
    first_outlet = (
        select(ou.c.name).select_from(ar.join(ou, ou.c.id == ar.c.outlet_id)).where(ar.c.id == cl.c.first_article_id)
    ).scalar_subquery()
    query = select(
        cl.c.id, cl.c.text, cl.c.statements, cl.c.articles, cl.c.outlets, cl.c.speakers,
        cl.c.first_seen_at, cl.c.last_seen_at, first_outlet.label("first_outlet"), cl.c.first_article_id, cl.c.group_id,
    ).where(cl.c.statements >= min_statements).order_by(cl.c.id)  # fmt: skip
    if filters != Filters():
        query = query.where(cl.c.id.in_(_matching_claims(filters)))
    return query


def claim_rows(store: Store, filters: Filters = Filters(), *, min_statements: int = 1) -> Iterator[dict[str, Any]]:
    """One row per claim (with the names of its speakers), in id order."""
    with store.read() as conn:
        for row in conn.execute(_claims_select(filters, min_statements).execution_options(yield_per=1000)).mappings():
            out = dict(row)
            out["speaker_names"] = _speaker_names(conn, row["id"])
            yield out


def _speaker_names(conn: Connection, claim_id: int) -> list[str]:
    query = (
        select(sp.c.name).select_from(st.join(sp, sp.c.id == st.c.speaker_id)).where(st.c.claim_id == claim_id).distinct()
    )
    return sorted(conn.execute(query).scalars())


def conflict_rows(store: Store, filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Claims credited to more than one entity (``quotedb.conflicts``): one row per attribution.

    Strongest evidence first (entities, then outlets, then statements), then by date within a
    claim: its first row is where it first surfaced. ``conflict_reason`` says why it is listed.
    """
    with store.read() as conn:
        return [dict(r) for r in conn.execute(conflicts_select(filters)).mappings()]


def conflicts_select(filters: Filters = Filters()) -> Select[Any]:
    """The query of ``conflict_rows`` (also shown as SQL to Datasette, see quotedb.datasette)."""
    query = (
        select(
            cl.c.id.label("claim_id"), cl.c.text.label("claim_text"), cl.c.conflict_reason, sp.c.name.label("speaker"),
            st.c.id.label("statement_id"), st.c.article_id, ou.c.name.label("outlet"), ar.c.published_at, st.c.text,
        )
        .select_from(
            cl.join(st, st.c.claim_id == cl.c.id).join(ar, ar.c.id == st.c.article_id)
            .outerjoin(sp, sp.c.id == st.c.speaker_id).outerjoin(ou, ou.c.id == ar.c.outlet_id)
        )
        .where(cl.c.conflict_speakers > 1)
        .order_by(cl.c.conflict_speakers.desc(), cl.c.outlets.desc(), cl.c.statements.desc(), cl.c.id,
                  ar.c.published_at.is_(None), ar.c.published_at, st.c.id)
    )  # fmt: skip
    if filters != Filters():
        query = query.where(cl.c.id.in_(_matching_claims(filters)))
    return query


def resolve_claim(conn: Connection, claim_id: int) -> int:
    """The claim ``claim_id`` is now: itself, or the claim its first statement was merged into."""
    if conn.execute(select(cl.c.id).where(cl.c.id == claim_id)).scalar() is not None:
        return claim_id
    now = conn.execute(select(st.c.claim_id).where(st.c.id == claim_id)).scalar()
    if now is None:
        raise NotFound(f"no claim with id {claim_id}; run 'quotedb link' to build claims, list them with 'quotedb claims'")
    return int(now)


def claim_detail(store: Store, claim_id: int) -> dict[str, Any]:
    """A claim, every statement in it (earliest first, with how it was linked), and its relations."""
    with store.read() as conn:
        resolved = resolve_claim(conn, claim_id)
        claim = dict(conn.execute(_claims_select(Filters(), 1).where(cl.c.id == resolved)).mappings().one())
        claim["speaker_names"] = _speaker_names(conn, resolved)
        claim["asked_id"] = claim_id
        claim["occurrences"] = occurrences(conn, resolved)
        claim["relations"] = relations_of(conn, resolved)
    return claim


def occurrences(conn: Connection, claim_id: int) -> list[dict[str, Any]]:
    """The statements of a claim, earliest first, each with the best link that tied it in."""
    query = (
        select(
            st.c.id.label("statement_id"), sp.c.name.label("speaker"), ou.c.name.label("outlet"), ar.c.published_at,
            st.c.article_id, ar.c.title.label("article_title"), st.c.text,
        )
        .select_from(
            st.join(ar, ar.c.id == st.c.article_id).outerjoin(sp, sp.c.id == st.c.speaker_id)
            .outerjoin(ou, ou.c.id == ar.c.outlet_id)
        )
        .where(st.c.claim_id == claim_id)
        .order_by(ar.c.published_at.is_(None), ar.c.published_at, st.c.id)
    )  # fmt: skip
    rows = [dict(r) for r in conn.execute(query).mappings()]
    ids = [r["statement_id"] for r in rows]
    best: dict[int, tuple[float, str]] = {}
    for chunk in range(0, len(ids), 5000):
        part = ids[chunk : chunk + 5000]
        links = select(lk.c.statement_a_id, lk.c.statement_b_id, lk.c.method, lk.c.score).where(
            or_(lk.c.statement_a_id.in_(part), lk.c.statement_b_id.in_(part))
        )
        for a, b, method, score in conn.execute(links):
            for sid in (a, b):
                if sid in best and best[sid][0] >= score:
                    continue
                best[sid] = (score, method)
    for r in rows:
        r["method"] = best[r["statement_id"]][1] if r["statement_id"] in best else "-"
    return rows


def relate(store: Store, source: int, target: int, relation: str, note: str | None = None) -> int:
    """Record that claim ``source`` ``relation`` claim ``target`` (e.g. rebuts); returns its id."""
    if relation not in RELATION_KINDS:
        raise QueryError(f"unknown relation {relation!r}: use one of {', '.join(RELATION_KINDS)}")
    with store.write() as conn:
        a, b = resolve_claim(conn, source), resolve_claim(conn, target)
        if a == b:
            raise QueryError(f"claims {source} and {target} are the same claim ({a}); relate two different claims")
        try:
            with conn.begin_nested():
                return int(
                    conn.execute(
                        rel.insert()
                        .values(source_statement_id=a, target_statement_id=b, relation=relation, note=note,
                                created_at=datetime.now(timezone.utc))
                        .returning(rel.c.id)
                    ).scalar_one()
                )  # fmt: skip
        except IntegrityError:
            raise QueryError(f"claim {a} {relation} claim {b} is already recorded") from None


def _relations_select() -> Select[Any]:
    src, dst = st.alias("src"), st.alias("dst")
    src_claim, dst_claim = cl.alias("src_claim"), cl.alias("dst_claim")
    return (
        select(
            rel.c.id, rel.c.relation, src.c.claim_id.label("source_claim_id"), dst.c.claim_id.label("target_claim_id"),
            src_claim.c.text.label("source_text"), dst_claim.c.text.label("target_text"), rel.c.note, rel.c.created_at,
            rel.c.source_statement_id, rel.c.target_statement_id,
        )
        .select_from(
            rel.join(src, src.c.id == rel.c.source_statement_id).join(dst, dst.c.id == rel.c.target_statement_id)
            .outerjoin(src_claim, src_claim.c.id == src.c.claim_id).outerjoin(dst_claim, dst_claim.c.id == dst.c.claim_id)
        )
        .order_by(rel.c.id)
    )  # fmt: skip


def relations_of(conn: Connection, claim_id: int) -> list[dict[str, Any]]:
    """Relations with the claim on either side."""
    query = _relations_select()
    cols = query.selected_columns
    query = query.where(or_(cols.source_claim_id == claim_id, cols.target_claim_id == claim_id))
    return [dict(r) for r in conn.execute(query).mappings()]


def relation_rows(store: Store, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """Every relation (with at least one side among the claims ``filters`` keep)."""
    query = _relations_select()
    if filters != Filters():
        cols = query.selected_columns
        keep = _matching_claims(filters)
        query = query.where(or_(cols.source_claim_id.in_(keep), cols.target_claim_id.in_(keep)))
    with store.read() as conn:
        yield from (dict(r) for r in conn.execute(query).mappings())


def link_rows(store: Store, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """Every pairwise link with both statements' claims and texts (a piece found in two quotes
    links across claims)."""
    a, b = st.alias("a"), st.alias("b")
    query = (
        select(
            lk.c.statement_a_id, lk.c.statement_b_id, lk.c.method, lk.c.score, a.c.claim_id.label("claim_a_id"),
            b.c.claim_id.label("claim_b_id"), a.c.text.label("text_a"), b.c.text.label("text_b"),
        )
        .select_from(lk.join(a, a.c.id == lk.c.statement_a_id).join(b, b.c.id == lk.c.statement_b_id))
        .order_by(lk.c.statement_a_id, lk.c.statement_b_id)
    )  # fmt: skip
    if filters != Filters():
        matched = statements_select(filters).subquery()
        ids = select(matched.c.statement_id)
        query = query.where(or_(lk.c.statement_a_id.in_(ids), lk.c.statement_b_id.in_(ids)))
    with store.read() as conn:
        yield from (dict(r) for r in conn.execute(query.execution_options(yield_per=1000)).mappings())


def claims_summary(conflicts: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Conflict rows grouped by claim, in order."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in conflicts:
        out[row["claim_id"]].append(row)
    return dict(out)

