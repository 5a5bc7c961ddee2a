"""What a schema downgrade would delete, said before it runs (``quotedb db downgrade``).

The tables each migration creates are read from its script (``op.create_table('name'``), so
the warning stays true as migrations are added without a list to keep up to date.
"""

from __future__ import annotations

import re
from pathlib import Path

from quotedb import db
from quotedb.errors import DatabaseError

_CREATES = re.compile(r"create_table\(\s*['\"](\w+)['\"]")
_REVISION = re.compile(r"^revision\b[^=\n]*=\s*['\"](\w+)['\"]", re.M)


def _scripts() -> dict[str, str]:
    """Each migration's revision -> its script's text."""
    out: dict[str, str] = {}
    for script in Path(db.migrations_dir(), "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found:
            out[found.group(1)] = text
    return out


def _target_index(revision: str, current: int, revisions: tuple[str, ...]) -> int:
    """Index of ``revision`` (an id, ``base``, or ``-N`` steps back) in ``revisions``; -1 is base."""
    if revision == "base":
        return -1
    if re.fullmatch(r"-\d+", revision):
        return max(current + int(revision), -1)
    if revision in revisions:
        return revisions.index(revision)
    raise DatabaseError(f"unknown schema revision {revision!r}: 'quotedb db history' lists them ('base' removes all)")


def downgrade_loss(store: db.Store, revision: str) -> str | None:
    """What downgrading to ``revision`` deletes, as one sentence; None when it changes nothing."""
    from sqlalchemy import inspect, text

    current = db.current_revision(store.engine)
    revisions = db.revisions()
    if current is None or current not in revisions:
        return None
    now = revisions.index(current)
    target = _target_index(revision, now, revisions)
    if target >= now:
        return None
    undone = revisions[target + 1 : now + 1]
    scripts = _scripts()
    dropped = [t for rev in undone for t in _CREATES.findall(scripts.get(rev, ""))]
    with store.read() as conn:
        present = set(inspect(conn).get_table_names())
        counts = [(t, conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()) for t in dropped if t in present]
    rows = ", ".join(f"{n:,} {t}" for t, n in sorted(counts, key=lambda tn: (-tn[1], tn[0])) if n) or "no rows"
    if target == -1:
        return f"downgrading to base deletes every quotedb table and all its rows ({rows})"
    steps = ", ".join(reversed(undone))
    return (
        f"downgrading from {current} to {revisions[target]} undoes {steps}: the tables they created go with their "
        f"rows ({rows}), and so do the columns they added"
    )


def forget_revision(store: db.Store) -> None:
    """After a downgrade to base, drop Alembic's own bookkeeping table too: nothing of quotedb is
    left. (PostgreSQL's pg_trgm extension stays: it belongs to the whole database, and other
    schemas may use it.)"""
    from sqlalchemy import text

    with store.write() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
