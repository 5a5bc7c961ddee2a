"""Rows -> CSV, JSON, NDJSON or a terminal table, streamed.

CSV is RFC 4180 (header row, CRLF line ends, quotes doubled), UTF-8, with an optional BOM for
Excel. Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) get a leading apostrophe unless the caller turns that off;
numbers are never touched. A list (a speaker's aliases) is a JSON array, and ``a; b`` in a CSV
cell. Free of the database layer, so commands print without importing it.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any, TextIO

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: str) -> str:
    """Make a text cell inert in spreadsheets: ``=HYPERLINK(…)`` -> ``'=HYPERLINK(…)``."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def plain(value: Any) -> Any:
    """A JSON-ready value: datetimes as ISO 8601 in UTC (lists stay lists: JSON arrays)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.isoformat()
    return value


def write_rows(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out: TextIO,
    *,
    bom: bool = False,
    safe: bool = True,
) -> int:
    """Write ``rows`` to ``out`` in ``fmt``; returns how many were written."""
    n = 0
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            cells = [_flat(plain(row.get(c))) for c in columns]
            if safe:
                cells = [neutralize(v) if isinstance(v, str) else v for v in cells]
            writer.writerow(["" if v is None else v for v in cells])
            n += 1
    elif fmt == "ndjson":
        for row in rows:
            out.write(json.dumps({c: plain(row.get(c)) for c in columns}, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n  " + json.dumps({c: plain(row.get(c)) for c in columns}, ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    else:
        n = _table(rows, columns, out)
    return n


def _table(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """A plain aligned table for terminals; long cells are cut to fit the screen."""
    data = [[_cell(_flat(plain(r.get(c)))) for c in columns] for r in rows]
    width = shutil.get_terminal_size((120, 24)).columns
    widths = [max([len(c)] + [len(row[i]) for row in data]) for i, c in enumerate(columns)]
    budget = max(20, width - sum(w for w in widths[:-1]) - 2 * (len(columns) - 1))
    widths[-1] = min(widths[-1], budget)
    lines = [columns, ["-" * w for w in widths]] + data
    for line in lines:
        cells = [(v if len(v) <= w else v[: max(1, w - 1)] + "…").ljust(w) for v, w in zip(line, widths)]
        out.write("  ".join(cells).rstrip() + "\n")
    return len(data)


def _flat(value: Any) -> Any:
    """A list (a speaker's aliases, a claim's speakers) in one CSV or table cell: ``a; b``."""
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())
