"""quotedb: who said what in the news, as relational tables you can search, link and export."""

from __future__ import annotations

__version__ = "0.1.0"
