"""Inputs -> article records: files, directories, stdin and JSON Lines, with explicit decoding rules.

Decoding (documented in the README): a UTF-8 or UTF-16 byte-order mark decides the encoding and
is dropped; otherwise the bytes must be valid UTF-8. Invalid UTF-8 is refused with the byte
offset rather than silently turned into mojibake; ``--encoding`` names another codec. Text with
NUL bytes is refused as binary. Line ends are kept as they are, so offsets index the decoded
text exactly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from quotedb.errors import InputError

#: File endings ingested when walking a directory; a file named explicitly is read whatever its name.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
DIRECTORY_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES

#: Metadata keys a JSON Lines record may carry besides ``text``.
META_KEYS = ("title", "outlet", "url", "published_at", "updated_at", "section", "byline", "dateline")
DATE_KEYS = frozenset({"published_at", "updated_at"})

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """One article to parse: its text, where it came from, and what the source says about it."""

    origin: str
    text: str
    meta: dict[str, object] = field(default_factory=dict)
    path: str | None = None


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """One input that could not be read; ``reason`` is a one-line message for the user."""

    origin: str
    reason: str


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
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,} (raise --max-bytes)")
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return decode_bytes(data, encoding)


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
                meta[key] = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                raise InputError(f"field {key!r} is not an ISO 8601 date: {value!r}") from None
        else:
            meta[key] = value.strip()
    return meta


def iter_jsonl(lines: Iterable[str], origin: str, path: str | None) -> Iterator[SourceDoc | SourceFailure]:
    """One article per JSON line; a malformed line is reported with its line number and skipped."""
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError("line is not a JSON object")
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                raise InputError("record has no non-empty 'text' field")
            yield SourceDoc(origin=where, text=text, meta=parse_meta(record), path=path)
        except json.JSONDecodeError as exc:
            yield SourceFailure(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
        except InputError as exc:
            yield SourceFailure(where, str(exc))


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
                yield from _read_file(file, encoding, max_bytes)
        else:
            yield from _read_file(path, encoding, max_bytes)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order, following symlinks but never into a loop."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
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


def _read_file(path: Path, encoding: str | None, max_bytes: int) -> Iterator[SourceDoc | SourceFailure]:
    origin = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield SourceFailure(origin, exc.strerror or str(exc))
            return
        yield from _read_stream(origin, data, str(path), encoding, jsonl=True)
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
