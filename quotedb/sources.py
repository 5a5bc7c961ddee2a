"""Inputs -> article records: files, directories, stdin, JSON Lines and saved HTML pages.

Decoding (documented in the README): a UTF-8 or UTF-16 byte-order mark decides the encoding and
is dropped; otherwise the bytes must be valid UTF-8. Invalid UTF-8 is refused with the byte
offset rather than silently turned into mojibake; ``--encoding`` names another codec. Text with
NUL bytes is refused as binary. Line ends are kept as they are, so offsets index the decoded
text exactly. HTML pages (``.html``/``.htm``) are decoded by the extractor, which reads the
page's own charset; extraction runs where the article is parsed (a worker process).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from quotedb.errors import InputError

#: File endings ingested when walking a directory; a file named explicitly is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES

#: Metadata keys a JSON Lines record may carry besides ``text``.
META_KEYS = ("title", "outlet", "url", "published_at", "updated_at", "section", "byline", "dateline")
DATE_KEYS = frozenset({"published_at", "updated_at"})

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One article to parse: its text (or raw HTML page), where it came from, what the source says."""

    origin: str
    text: str
    meta: dict[str, object] = field(default_factory=dict)
    path: str | None = None
    html: bytes | None = None

    def content(self) -> tuple[str, dict[str, object]]:
        """The article text and metadata, extracting them from the page first for HTML."""
        if self.html is None:
            return self.text, self.meta
        from quotedb.html import extract_html  # the optional extra, imported only when needed

        text, meta = extract_html(self.html, self.origin)
        return text, {**meta, **self.meta}

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


def iter_sources(
    inputs: Iterable[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[SourceDoc | SourceFailure]:
    """Expand paths (``-`` is stdin; directories recursively) into articles or failures, in order."""
    for item in inputs:
        if item == "-":
            yield from _read_stream("<stdin>", sys.stdin.buffer.read(), None, encoding, jsonl=False)
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, SourceFailure):
                    yield file
                else:
                    yield from _read_file(file, encoding, max_bytes)
        else:
            yield from _read_file(path, encoding, max_bytes)


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
            if not name.startswith(".") and Path(name).suffix.lower() in DIRECTORY_SUFFIXES:
                yield Path(dirpath) / name
    for exc in errors:
        yield SourceFailure(str(exc.filename or root), f"cannot list the folder: {exc.strerror or exc}")


def _read_file(path: Path, encoding: str | None, max_bytes: int) -> Iterator[SourceDoc | SourceFailure]:
    origin = str(path)
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
