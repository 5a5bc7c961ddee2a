"""Inputs -> article records: files, directories, stdin, JSON Lines, saved HTML pages, web archives.

Decoding (documented in the README): a UTF-8 or UTF-16 byte-order mark decides the encoding and
is dropped; otherwise the bytes must be valid UTF-8. Invalid UTF-8 is refused with the byte
offset rather than silently turned into mojibake; ``--encoding`` names another codec. Text with
NUL bytes is refused as binary. Line ends are kept as they are, so offsets index the decoded
text exactly. HTML pages (``.html``/``.htm``) are decoded by the extractor, which reads the
page's own charset; extraction runs where the article is parsed (a worker process). Web archives
(``.warc``, ``.warc.gz``: news crawls) are read record by record with warcio: each HTML response
is a page, with the record's target URI as its URL and the record's date as its date when the
page gives none; other records are counted, and a broken record is reported and stepped over.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from quotedb.constants import DEFAULT_MAX_BYTES, STDIN_FORMATS  # noqa: F401  (callers import them from here too)
from quotedb.errors import InputError

#: File endings ingested when walking a directory; a file named explicitly is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
WARC_SUFFIXES = (".warc", ".warc.gz")
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
#: Content types of the WARC response records read as pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")

#: Metadata keys a JSON Lines record may carry besides ``text``.
META_KEYS = ("title", "outlet", "url", "published_at", "updated_at", "section", "byline", "dateline")
DATE_KEYS = frozenset({"published_at", "updated_at"})



@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One article to parse: its text (or raw HTML page), where it came from, what the source says."""

    origin: str
    text: str
    meta: dict[str, object] = field(default_factory=dict)
    path: str | None = None
    html: bytes | None = None
    #: metadata used when the page itself gives none (a WARC record's date)
    fallback: dict[str, object] = field(default_factory=dict)

    def content(self) -> tuple[str, dict[str, object]]:
        """The article text and metadata, extracting them from the page first for HTML."""
        if self.html is None:
            return self.text, self.meta
        from quotedb.html import extract_html  # the optional extra, imported only when needed

        text, meta = extract_html(self.html, self.origin)
        return text, {**self.fallback, **meta, **self.meta}

    def shard_key(self) -> int:
        """A number fixed by the content alone, so every machine puts this article in the same shard."""
        data = self.html if self.html is not None else self.text.encode("utf-8", "surrogatepass")
        return int.from_bytes(hashlib.sha256(data).digest()[:8], "big")


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """One input that could not be read; ``reason`` is a one-line message for the user."""

    origin: str
    reason: str

    def shard_key(self) -> int:
        """Unreadable inputs are reported by the shard their name falls in, not by every shard."""
        return int.from_bytes(hashlib.sha256(self.origin.encode("utf-8", "surrogateescape")).digest()[:8], "big")


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Bytes -> text by the rules in the module docstring; raises InputError saying why not."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} at byte {exc.start}") from None
    elif data.startswith(b"\xef\xbb\xbf"):
        text = _strict_utf8(data[3:], offset=3)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16 at byte {exc.start}") from None
    else:
        text = _strict_utf8(data, offset=0)
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes), not an article")
    if not text.strip():
        raise InputError("empty file: no text to parse")
    return text


def _strict_utf8(data: bytes, offset: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:8192]:
            raise InputError("binary file (contains NUL bytes), not an article") from None
        raise InputError(
            f"not valid UTF-8 at byte {exc.start + offset}; pass --encoding (e.g. cp1252) if you know the codec"
        ) from None


def read_article_file(path: str | Path, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode one text file, refusing files larger than ``max_bytes``."""
    return decode_bytes(_read_limited(Path(path), max_bytes), encoding)


def _read_limited(p: Path, max_bytes: int) -> bytes:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise --max-bytes)")
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def parse_meta(record: dict[str, object]) -> dict[str, object]:
    """Pick the known metadata keys out of a JSON record, turning ISO dates into datetimes."""
    meta: dict[str, object] = {}
    for key in META_KEYS:
        value = record.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise InputError(f"field {key!r} must be a string")
        if key in DATE_KEYS:
            try:
                when = datetime.fromisoformat(value.replace("Z", "+00:00"))
                if when.tzinfo is not None:
                    when.astimezone(timezone.utc)  # the store keeps UTC: refuse a date UTC cannot hold
            except ValueError:
                raise InputError(f"field {key!r} is not an ISO 8601 date: {value!r}") from None
            except OverflowError:
                raise InputError(f"field {key!r} is out of range in UTC: {value!r}") from None
            meta[key] = when
        else:
            meta[key] = value.strip()
    return meta


def iter_jsonl(lines: Iterable[str], origin: str, path: str | None) -> Iterator[SourceDoc | SourceFailure]:
    """One article per JSON line; a malformed line is reported with its line number and skipped."""
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            yield jsonl_record(line, f"{origin}:{lineno}", path)


def jsonl_record(line: str, where: str, path: str | None) -> SourceDoc | SourceFailure:
    """One JSON Lines record -> an article, or the one-line reason it is not one."""
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise InputError("line is not a JSON object")
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError("record has no non-empty 'text' field")
        if "\x00" in text:
            raise InputError("field 'text' contains NUL characters (binary data, not an article)")
        return SourceDoc(origin=where, text=text, meta=parse_meta(record), path=path)
    except json.JSONDecodeError as exc:
        return SourceFailure(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except InputError as exc:
        return SourceFailure(where, str(exc))


def _read_jsonl(path: Path, encoding: str | None, max_bytes: int) -> Iterator[SourceDoc | SourceFailure]:
    """Stream a JSON Lines file: memory stays at one line, a bad line costs only itself.

    Lines are UTF-8 (a leading BOM is dropped) or ``--encoding``; a UTF-16 file, which cannot be
    split on newline bytes, is decoded whole. ``max_bytes`` limits each line, i.e. each article.
    """
    origin = str(path)
    try:
        with path.open("rb") as fh:
            if fh.read(2) in (b"\xff\xfe", b"\xfe\xff"):
                fh.seek(0)
                yield from _read_stream(origin, fh.read(), origin, encoding, jsonl=True)
                return
            fh.seek(0)
            for lineno, raw in enumerate(fh, start=1):
                where = f"{origin}:{lineno}"
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if len(raw) > max_bytes:
                    yield SourceFailure(where, f"line is {len(raw):,} bytes, over the limit of {max_bytes:,} (raise --max-bytes)")
                    continue
                try:
                    line = raw.decode(encoding or "utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    yield SourceFailure(where, f"not valid {encoding or 'UTF-8'} at byte {exc.start} of the line")
                    continue
                except LookupError:
                    yield SourceFailure(origin, f"unknown encoding {encoding!r}")
                    return
                if line.strip():
                    yield jsonl_record(line, where, origin)
    except OSError as exc:
        yield SourceFailure(origin, exc.strerror or str(exc))


Note = Callable[[str], None]


def _ignore(message: str) -> None:
    """The default ``on_note``: library callers that want the notes pass their own."""


def iter_sources(
    inputs: Iterable[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin_format: str = "auto",
    on_note: Note = _ignore,
) -> Iterator[SourceDoc | SourceFailure]:
    """Expand paths (``-`` is stdin; directories recursively) into articles or failures, in order.

    ``stdin_format`` says what standard input holds (see STDIN_FORMATS); ``on_note`` receives
    one-line notes for the user (how stdin was read, the records a web archive skipped).
    """
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()
            jsonl = stdin_format == "jsonl" or (stdin_format == "auto" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"))
            if jsonl and stdin_format == "auto":
                on_note("reading standard input as JSON Lines (it starts with '{'); give --format text to store it as one article")
            yield from _read_stream("<stdin>", data, None, encoding, jsonl=jsonl)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, SourceFailure):
                    yield file
                else:
                    yield from _read_file(file, encoding, max_bytes, on_note)
        else:
            yield from _read_file(path, encoding, max_bytes, on_note)


def ingestible(name: str) -> bool:
    """Whether a folder walk takes a file of this name."""
    lower = name.lower()
    return not name.startswith(".") and (Path(lower).suffix in DIRECTORY_SUFFIXES or lower.endswith(WARC_SUFFIXES))


def count_articles(inputs: Iterable[str]) -> int | None:
    """About how many articles ``inputs`` hold, for a progress bar: files, plus the lines of JSON
    Lines files; None when it cannot be told cheaply (standard input, web archives)."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        for file in ([f for f in _walk(path) if isinstance(f, Path)] if path.is_dir() else [path]):
            name = file.name.lower()
            if name.endswith(WARC_SUFFIXES):
                return None
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as fh:
                        total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _walk(root: Path) -> Iterator[Path | SourceFailure]:
    """Files under ``root`` in a stable order, following symlinks but never into a loop.

    A folder that cannot be listed is reported, not silently skipped as ``os.walk`` would.
    """
    seen: set[tuple[int, int]] = set()
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=errors.append):
        while errors:
            exc = errors.pop()
            yield SourceFailure(str(exc.filename or dirpath), f"cannot list the folder: {exc.strerror or exc}")
        st = os.stat(dirpath)
        key = (st.st_dev, st.st_ino)
        if key in seen:
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if ingestible(name):
                yield Path(dirpath) / name
    for exc in errors:
        yield SourceFailure(str(exc.filename or root), f"cannot list the folder: {exc.strerror or exc}")


def _read_file(path: Path, encoding: str | None, max_bytes: int, on_note: Note = _ignore) -> Iterator[SourceDoc | SourceFailure]:
    origin = str(path)
    if path.name.lower().endswith(WARC_SUFFIXES):
        yield from read_warc(path, max_bytes, on_note)
        return
    if path.suffix.lower() in HTML_SUFFIXES:
        try:
            data = _read_limited(path, max_bytes)
        except InputError as exc:
            yield SourceFailure(origin, str(exc))
            return
        yield SourceDoc(origin=origin, text="", path=origin, html=data)
        return
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, encoding, max_bytes)
        return
    try:
        text = read_article_file(path, encoding=encoding, max_bytes=max_bytes)
    except InputError as exc:
        yield SourceFailure(origin, str(exc))
        return
    yield SourceDoc(origin=origin, text=text, path=str(path))


def _read_stream(
    origin: str, data: bytes, path: str | None, encoding: str | None, *, jsonl: bool
) -> Iterator[SourceDoc | SourceFailure]:
    try:
        text = decode_bytes(data, encoding)
    except InputError as exc:
        yield SourceFailure(origin, str(exc))
        return
    if jsonl:
        yield from iter_jsonl(text.split("\n"), origin, path)
    else:
        yield SourceDoc(origin=origin, text=text, path=path)


def read_warc(path: Path, max_bytes: int, on_note: Note = _ignore) -> Iterator[SourceDoc | SourceFailure]:
    """The HTML pages in a web archive (``.warc`` or ``.warc.gz``), as articles to extract.

    Each HTML response (2xx, ``text/html``) is one page: its URL is the record's target URI, its
    date the record's date unless the page gives its own. Other records (requests, metadata,
    images, redirects…) are counted in one note; a broken record is reported and the reading
    goes on at the next record.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    except ImportError:
        yield SourceFailure(str(path), "reading web archives needs the optional extra: pip install 'quotedb[warc]'")
        return
    skipped: Counter[str] = Counter()
    try:
        with path.open("rb") as fh:
            start: int | None = 0
            while start is not None:
                fh.seek(start)
                records = ArchiveIterator(fh)
                try:
                    for record in records:
                        item = _warc_page(record, lambda: f"{path}@{records.get_record_offset()}", str(path), max_bytes)
                        if isinstance(item, str):
                            skipped[item] += 1
                        else:
                            yield item
                    start = None
                except Exception as exc:  # warcio raises many kinds on a broken record; the next may be fine
                    broken = records.offset  # warcio counts from the start of the file
                    reason = " ".join(str(exc).split())
                    yield SourceFailure(f"{path}@{broken}", f"broken WARC record ({type(exc).__name__}: {reason}); skipped")
                    start = _next_warc_record(fh, broken + 1, gzipped=path.name.lower().endswith(".gz"))
    except OSError as exc:
        yield SourceFailure(str(path), exc.strerror or str(exc))
    if skipped:
        detail = ", ".join(f"{n} {what}{'s' * (n != 1)}" for what, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
        total = sum(skipped.values())
        on_note(f"{path}: skipped {total} record{'s' * (total != 1)} that {'are' if total != 1 else 'is'} not an HTML page ({detail})")


def _warc_page(record: object, where: Callable[[], str], path: str, max_bytes: int) -> SourceDoc | SourceFailure | str:
    """One WARC record -> a page to extract, a failure, or (a str) the kind of record skipped.

    ``where`` names the record; warcio can tell its offset only once its body has been read.
    """
    rec: Any = record
    if rec.rec_type != "response":
        return f"{rec.rec_type} record"
    status = rec.http_headers.get_statuscode() if rec.http_headers else None
    ctype = (rec.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower() if rec.http_headers else ""
    if ctype not in HTML_TYPES:
        return f"{ctype or 'untyped'} response"
    if not (status or "").startswith("2"):
        return f"HTTP {status} response"
    body = rec.content_stream().read(max_bytes + 1)
    origin = where()
    if len(body) > max_bytes:
        return SourceFailure(origin, f"page is over the limit of {max_bytes:,} bytes (raise --max-bytes)")
    meta: dict[str, object] = {}
    url = rec.rec_headers.get_header("WARC-Target-URI")
    if url:
        meta["url"] = url
    fallback: dict[str, object] = {}
    date = rec.rec_headers.get_header("WARC-Date")
    if date:
        try:
            fallback["published_at"] = datetime.fromisoformat(date.replace("Z", "+00:00"))
        except ValueError:
            pass
    return SourceDoc(origin=origin, text="", meta=meta, path=path, html=body, fallback=fallback)


def _next_warc_record(fh: Any, after: int, *, gzipped: bool) -> int | None:
    """Where the next record starts at or after ``after``: a gzip member (each record of a
    ``.warc.gz`` is one) or a ``WARC/1.x`` version line; None at the end of the file."""
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    fh.seek(after)
    carry = b""
    while chunk := fh.read(1 << 20):
        data = carry + chunk
        at = data.find(marker)
        if at >= 0:
            return after - len(carry) + at
        after += len(chunk)
        carry = data[-(len(marker) - 1) :]
    return None
