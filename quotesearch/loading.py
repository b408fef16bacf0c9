"""Find article files, read them safely and dispatch them to the text or HTML parser.

This is the only ingestion module that touches the file system; every problem with an
input file becomes a `LoadError` naming the file and the reason, so a run can go on.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .encoding import decode_bytes
from .html import NotAnArticle, parse_html
from .models import Article
from .text import parse_text

SUFFIXES = frozenset({".txt", ".html", ".htm"})
MAX_BYTES = 20 * 1024 * 1024
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x0b\x1b")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class LoadError(Exception):
    """An input file that can't be read as an article; `str()` is `PATH: reason`."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())
        super().__init__(self.path, self.reason)

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | LoadError]:
    """Article files under `paths` (files or directories, recursively), sorted per directory.

    Hidden entries are skipped, symlinked directories are followed once (loops are cut), and
    a named path that is missing or has an unsupported suffix yields a `LoadError`.
    """
    visited: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, visited)
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                yield LoadError(path, f"unsupported file type {path.suffix or '(no suffix)'!r}; expected .txt, .html or .htm")
        elif path.exists() or path.is_symlink():
            yield LoadError(path, "not a regular file or directory")
        else:
            yield LoadError(path, "no such file or directory")


def _walk(directory: Path, visited: set[str]) -> Iterator[Path | LoadError]:
    real = os.path.realpath(directory)
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield LoadError(directory, _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry.suffix.lower() not in _HTML_SUFFIXES:
                yield from _walk(entry, visited)
        elif entry.is_file() and entry.suffix.lower() in SUFFIXES:
            yield entry


def load_article(path: Path, date: dt.date | None = None) -> Article:
    """Read one file into an `Article`; `date` overrides the date found in the file.

    Raises `LoadError` for unreadable, empty, oversized or binary files, for web pages that
    are not articles ("not an article: <reason>") and for a malformed `<stem>.json` sidecar
    beside a text file.
    """
    data = _read(path)
    if path.suffix.lower() in _HTML_SUFFIXES:
        try:
            article = parse_html(data, str(path))
        except NotAnArticle as exc:
            raise LoadError(path, f"not an article: {exc}") from exc
    else:
        article = parse_text(decode_bytes(data), str(path), _sidecar(path))
    if date is not None:
        article = dataclasses.replace(article, date=date)
    return article


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(path, f"file too large ({size / 1024 / 1024:.0f} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from exc
    if not data.strip():
        raise LoadError(path, "empty file")
    if _is_binary(data):
        raise LoadError(path, "binary file, not text or HTML")
    return data


def _is_binary(data: bytes) -> bool:
    """Known binary formats by magic number, or a high share of control bytes."""
    if data.startswith(_BINARY_MAGIC):
        return True
    if data.startswith(_UTF16_BOMS):
        return False
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls > 0.1 * len(sample)


def _sidecar(path: Path) -> dict[str, Any] | None:
    """The `<stem>.json` metadata beside a text file, if there is one."""
    sidecar = path.with_suffix(".json")
    try:
        raw = sidecar.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LoadError(sidecar, f"unreadable sidecar: {_os_reason(exc)}") from exc
    try:
        data = json.loads(decode_bytes(raw))
    except ValueError as exc:
        raise LoadError(sidecar, f"malformed sidecar JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise LoadError(sidecar, "malformed sidecar JSON: expected an object")
    return data


def _os_reason(exc: OSError) -> str:
    """A short readable reason for an OS error, such as "permission denied"."""
    reasons = {
        errno.ENOENT: "no such file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "is a directory",
        errno.ENOTDIR: "not a directory",
        errno.ELOOP: "too many levels of symbolic links",
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    return (exc.strerror or str(exc)).lower()
