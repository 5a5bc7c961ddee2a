"""Read-side views: one statement (``show``), the whole database (``stats``), and the reports a
newsroom study starts with (``quotedb report NAME``).

Each report but ``conflicts`` is a SQL view (migration 0005, documented in docs/schema.md), so
the CSV and a researcher's own ``SELECT * FROM quoted_most`` agree; ``conflicts`` is the
library's conflict query (``quotedb.claims.conflict_rows``), the one ``claims --conflicts`` uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select, text

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
        speaker_id = detail["speaker_id"]
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
    start, end = detail["start_offset"], detail["end_offset"]
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


@dataclass(frozen=True, slots=True)
class ReportView:
    """A report: the view it reads and the order its rows come in."""

    view: str
    order_by: str
    about: str


#: ``quotedb report NAME``: report name -> its view, order and what it answers.
REPORTS = {
    "quoted-most": ReportView("quoted_most", "statements DESC, speaker, speaker_id", "who is quoted most, overall"),
    "quoted-by-outlet-month": ReportView(
        "quoted_by_outlet_month", "outlet, month, statements DESC, speaker, speaker_id", "who is quoted most, per outlet and month"
    ),
    "outlet-sources": ReportView("outlet_sources", "outlet, statements DESC, source_kind", "each outlet's sources by kind"),
    "claim-spread": ReportView(
        "claim_spread", "claim_id, first_published_at, outlet", "each claim seen more than once, outlet by outlet, with dates"
    ),
    "conflicts": ReportView("", "", "claims attributed to more than one speaker, each attribution with its evidence"),
}


def report(store: Store, name: str) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and rows of report ``name`` (see REPORTS); timestamps as UTC datetimes."""
    from quotedb.claims import CONFLICT_EXPORT, conflict_rows

    if name == "conflicts":
        return list(CONFLICT_EXPORT), conflict_rows(store)
    view = REPORTS[name]
    with store.read() as conn:
        result = conn.execute(text(f"SELECT * FROM {view.view} ORDER BY {view.order_by}"))
        columns = list(result.keys())
        rows = [{k: _utc(v) if k.endswith("_at") else v for k, v in row.items()} for row in result.mappings()]
    return columns, rows


def _utc(value: Any) -> Any:
    """A view's aggregate of a timestamp comes back from SQLite as text: make it a datetime."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value
