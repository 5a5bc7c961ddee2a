"""Which claims are real conflicts: one substantive statement credited to different entities.

A claim becomes a conflict (a possible misattribution) only when, after setting aside what is
not a second entity, two or more remain:

* the claim must say something: at least ``MIN_WORDS`` words and no stock phrase ("declined to
  comment"); a name or a noun phrase is never one;
* two rows of one person (same identity key, or a bare surname and the full name) are one entity;
* a description ("a senior official") or a group ("Democrats", "voters") is not a second entity
  beside a named one: it is how an article described its source, often the same one;
* a speaker quoting another is not a second entity: when the paragraph around one speaker's
  statement names the other speaker, the statement is relayed, not claimed.

``verdicts`` computes ``claims.conflict_speakers`` and ``claims.conflict_reason`` for given
claims; ``quotedb link`` and every change of speakers (merges, bare-name settling) call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.engine import Connection

from quotedb.models import Article, Claim, Outlet, Speaker, Statement, table_of
from quotedb.names import name_tokens
from quotedb.textnorm import normalize

st, sp, ar, ou, cl = (table_of(m) for m in (Statement, Speaker, Article, Outlet, Claim))

#: A claim shorter than this (in words) is too little to tell a misattribution from a phrase.
MIN_WORDS = 5
#: Characters of article text around a statement searched for a quoted speaker's name.
CONTEXT = 300
#: Normalised openings of stock phrases: said of anyone, they never make a claim or a conflict.
STOCK_PHRASES = (
    "declined to comment", "declined comment", "no comment", "did not respond to a request for comment",
    "did not immediately respond", "did not respond to requests for comment", "could not be reached for comment",
    "did not return a request for comment", "did not return calls", "did not return a call", "thank you",
    "thanks everybody", "thank you very much", "we ll see", "we will see", "good morning", "good evening",
)  # fmt: skip


#: Words that make a short text a stock phrase wherever they stand ("… to a request for comment").
STOCK_CORES = ("request for comment", "requests for comment", "reached for comment", "for comment", "to comment")


def stock(norm: str) -> bool:
    """Is a normalised text a stock phrase ("declined to comment on the report", "to a request
    for comment")?"""
    n = len(norm.split())
    return any(norm.startswith(p) and n <= len(p.split()) + 4 for p in STOCK_PHRASES) or (
        n <= 12 and any(c in norm for c in STOCK_CORES))


def substantive(text: str) -> bool:
    """Does a claim's text say enough to be misattributed: ``MIN_WORDS`` words, not stock?"""
    norm = normalize(text)
    return norm.words >= MIN_WORDS and not stock(norm.text)


@dataclass(slots=True)
class _Entity:
    """A speaker row credited with the claim, and the evidence: statements, outlets, first date."""

    name: str
    key: str
    surname: str | None
    statements: int = 0
    outlets: set[str] = field(default_factory=set)
    first: datetime | None = None
    quotes_other: bool = False


def verdicts(conn: Connection, claim_ids: Sequence[int]) -> dict[int, tuple[int, str | None]]:
    """claim id -> (conflict_speakers, conflict_reason) for the given claims."""
    out: dict[int, tuple[int, str | None]] = {}
    for n in range(0, len(claim_ids), 500):
        chunk = list(claim_ids[n : n + 500])
        texts = dict(conn.execute(select(cl.c.id, cl.c.text).where(cl.c.id.in_(chunk))).all())
        rows: dict[int, list[Any]] = {}
        start = st.c.start_offset - CONTEXT + 1
        window = func.substr(ar.c.text, case((start < 1, 1), else_=start), st.c.end_offset - st.c.start_offset + 2 * CONTEXT)
        query = (
            select(st.c.claim_id, st.c.speaker_id, sp.c.name, sp.c.kind, sp.c.named, sp.c.identity_key, sp.c.surname,
                   ou.c.name.label("outlet"), ar.c.published_at, st.c.text, window.label("context"))
            .select_from(st.join(ar, ar.c.id == st.c.article_id).join(sp, sp.c.id == st.c.speaker_id)
                         .outerjoin(ou, ou.c.id == ar.c.outlet_id))
            .where(st.c.claim_id.in_([c for c in chunk if substantive(texts.get(c, ""))]))
            .order_by(st.c.claim_id, st.c.id)
        )  # fmt: skip
        for row in conn.execute(query):
            rows.setdefault(row.claim_id, []).append(row)
        for claim_id in chunk:
            out[claim_id] = _verdict(rows.get(claim_id, []))
    return out


def _verdict(rows: list[Any]) -> tuple[int, str | None]:
    entities: dict[str, _Entity] = {}
    contexts: dict[str, list[str]] = {}
    for r in rows:
        if not r.named or r.kind == "group":
            continue  # a description or a group is how an article put it, not a second entity
        key = r.identity_key or r.name.casefold()
        ent = entities.setdefault(key, _Entity(r.name, key, r.surname))
        ent.statements += 1
        if r.outlet:
            ent.outlets.add(r.outlet)
        if r.published_at is not None and (ent.first is None or r.published_at < ent.first):
            ent.first = r.published_at
        contexts.setdefault(key, []).append(_around(r.context or "", r.text))
    # a bare surname row and the full name it belongs to are one entity
    for key, ent in list(entities.items()):
        if " " not in key and any(o.surname == key for o in entities.values() if o is not ent):
            target = max((o for o in entities.values() if o.surname == key), key=lambda o: o.statements)
            target.statements += ent.statements
            target.outlets |= ent.outlets
            contexts[target.key].extend(contexts.pop(key))
            del entities[key]
    # a speaker whose every statement of the claim sits beside another speaker's name relays it
    for key, ent in entities.items():
        others = [set(name_tokens(o.name)) | ({o.surname} if o.surname else set()) for o in entities.values() if o is not ent]
        ent.quotes_other = bool(others) and all(any(o & _words(ctx) for o in others) for ctx in contexts[key])
    credited = [e for e in entities.values() if not e.quotes_other]
    if len(credited) < 2:
        return len(credited), None
    credited.sort(key=lambda e: (-len(e.outlets), -e.statements, e.name))
    return len(credited), "; ".join(
        f"{e.name}: {e.statements} statement{'s' if e.statements != 1 else ''}"
        + (f" in {len(e.outlets)} outlet{'s' if len(e.outlets) != 1 else ''}" if e.outlets else "")
        + (f", first {e.first:%Y-%m-%d}" if e.first else "")
        for e in credited
    )


def _words(text: str) -> set[str]:
    """Folded words of a text, possessives dropped ("Comey's statement" -> comey, statement)."""
    return {w[:-2] if w.endswith("'s") else w for w in name_tokens(text)}


def _around(context: str, statement: str) -> str:
    """The paragraph around a statement, without the statement itself (names inside a quotation
    are what the speaker talked about, not whom they relay)."""
    at = context.find(statement)
    if at < 0:
        return ""
    before = context[:at].rsplit("\n", 1)[-1]
    after = context[at + len(statement) :].split("\n", 1)[0]
    return before + " " + after


def refresh(conn: Connection, claim_ids: Sequence[int]) -> None:
    """Recount ``speakers`` and the conflict verdict of claims whose statements changed speaker."""
    if not claim_ids:
        return
    count = select(func.count(st.c.speaker_id.distinct())).where(st.c.claim_id == cl.c.id).scalar_subquery()
    for n in range(0, len(claim_ids), 5000):
        conn.execute(update(cl).where(cl.c.id.in_(list(claim_ids[n : n + 5000]))).values(speakers=count))
    store_verdicts(conn, claim_ids)


def store_verdicts(conn: Connection, claim_ids: Sequence[int]) -> None:
    """Write the conflict verdicts of ``claim_ids`` (a claim with one speaker needs none)."""
    ids = list(claim_ids)
    for n in range(0, len(ids), 5000):
        chunk = ids[n : n + 5000]
        conn.execute(update(cl).where(cl.c.id.in_(chunk), cl.c.speakers <= 1).values(conflict_speakers=0, conflict_reason=None))
        many = list(conn.execute(select(cl.c.id).where(cl.c.id.in_(chunk), cl.c.speakers > 1)).scalars())
        for claim_id, (count, reason) in verdicts(conn, many).items():
            conn.execute(update(cl).where(cl.c.id == claim_id).values(conflict_speakers=count, conflict_reason=reason))
