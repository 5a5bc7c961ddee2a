"""Saved HTML pages -> article text and metadata, through trafilatura (the optional ``html`` extra).

trafilatura was chosen by measurement (docs/parser.md): on news pages with navigation, related
links, captions, share buttons, comments and footers it kept all of the article text and the least
furniture of the libraries tried, and it is the only one that also reads the author, date and site
name. It is heavy (lxml, dateparser, babel …), so it is an extra, not a dependency.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from quotedb.errors import InputError

INSTALL_HINT = "reading HTML needs the optional extra: pip install 'quotedb[html]'"
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:  # the extra is missing, or lxml lacks its html-clean half
        raise InputError(f"{INSTALL_HINT} ({exc.name or exc})") from None
    return trafilatura


def _published(value: str | None) -> datetime | None:
    """trafilatura's date string -> an aware datetime (a bare date is taken as midnight UTC)."""
    if not value:
        return None
    for fmt in (_DATE_FORMAT, "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return None


def extract_html(data: bytes, origin: str) -> tuple[str, dict[str, object]]:
    """The article in a saved HTML page: its text (headline first) and what the page says about it.

    The metadata dict holds only keys that were found, among ``title``, ``byline``,
    ``published_at`` (aware datetime), ``outlet`` and ``url``. Raises InputError when the page
    has no article text or when the ``html`` extra is not installed.
    """
    trafilatura = _trafilatura()
    url = origin if origin.startswith(("http://", "https://")) else None
    doc = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"outputformat": _DATE_FORMAT, "original_date": True, "extensive_search": True},
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise InputError("no article text found in the HTML")
    meta: dict[str, object] = {}
    title = (doc.title or "").strip()
    if title:
        meta["title"] = title
    if doc.author:
        meta["byline"] = doc.author.strip()
    published = _published(doc.date)
    if published is not None:
        meta["published_at"] = published
    if doc.sitename:
        meta["outlet"] = doc.sitename.strip()
    if doc.url or url:
        meta["url"] = doc.url or url
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)  # the parser reads the first line as the headline
    return "\n\n".join(paragraphs) + "\n", meta
