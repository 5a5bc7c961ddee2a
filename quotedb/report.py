"""Read-side views of one statement (``show``) and of the whole database (``stats``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from quotedb import db
from quotedb.claims import occurrences, relations_of
from quotedb.errors import NotFound
from quotedb.models import Article, Claim, Outlet, Speaker, SpeakerAlias, Statement, table_of
from quotedb.search import Filters, statements_select
from quotedb.store import Store

st = table_of(Statement)
cl = table_of(Claim)


def statement_detail(store: Store, statement_id: int) -> dict[str, Any]:
    """One statement with its speaker (and aliases), article, paragraph, and its claim: the
    claim's other occurrences and relations (None until ``quotedb link`` has run)."""
    ar = table_of(Article)
    with store.read() as conn:
        row = conn.execute(statements_select(Filters()).where(st.c.id == statement_id)).mappings().first()
        if row is None:
            raise NotFound(f"no statement with id {statement_id}; find ids with 'quotedb search'")
        detail = dict(row)
        text = conn.execute(select(ar.c.text).where(ar.c.id == detail["article_id"])).scalar_one()
        speaker_id = conn.execute(select(st.c.speaker_id).where(st.c.id == statement_id)).scalar()
        speaker = None
        if speaker_id is not None:
            sp, al = table_of(Speaker), table_of(SpeakerAlias)
            speaker = dict(conn.execute(select(sp).where(sp.c.id == speaker_id)).mappings().one())
            aliases = select(al.c.alias).where(al.c.speaker_id == speaker_id, al.c.source != "removed").order_by(al.c.alias)
            speaker["aliases"] = list(conn.execute(aliases).scalars())
        claim = None
        if detail["claim_id"] is not None:
            claim = dict(conn.execute(select(cl).where(cl.c.id == detail["claim_id"])).mappings().one())
            claim["occurrences"] = occurrences(conn, claim["id"])
            claim["relations"] = relations_of(conn, claim["id"])
    start, end = detail["start"], detail["end"]
    para_start = max(text.rfind("\n", 0, start) + 1, 0)
    para_end = text.find("\n", end)
    detail["paragraph_text"] = text[para_start : para_end if para_end >= 0 else len(text)].strip()
    detail["speaker_record"] = speaker
    detail["claim"] = claim
    return detail


def stats(store: Store) -> dict[str, Any]:
    """Counts and ranges that tell a researcher what the database holds."""
    ar, ou, sp = table_of(Article), table_of(Outlet), table_of(Speaker)
    with store.read() as conn:
        out: dict[str, Any] = {
            "database": store.display_url,
            "backend": store.backend,
            "schema_revision": db.current_revision(store.engine),
            "articles": conn.execute(select(func.count()).select_from(ar)).scalar_one(),
            "outlets": conn.execute(select(func.count()).select_from(ou)).scalar_one(),
            "speakers": conn.execute(select(func.count()).select_from(sp)).scalar_one(),
            "statements": conn.execute(select(func.count()).select_from(st)).scalar_one(),
            "claims": conn.execute(select(func.count()).select_from(cl)).scalar_one(),
            "claims_repeated": conn.execute(select(func.count()).select_from(cl).where(cl.c.statements > 1)).scalar_one(),
            "statements_unlinked": conn.execute(select(func.count()).select_from(st).where(st.c.claim_id.is_(None))).scalar_one(),
        }
        for kind, n in conn.execute(select(st.c.kind, func.count()).group_by(st.c.kind).order_by(st.c.kind)):
            out[f"statements_{kind}"] = n
        out["statements_unresolved_speaker"] = conn.execute(
            select(func.count()).select_from(st).where(st.c.speaker_id.is_(None))
        ).scalar_one()
        first, last = conn.execute(select(func.min(ar.c.published_at), func.max(ar.c.published_at))).one()
        out["first_published"], out["last_published"] = first, last
    return out
