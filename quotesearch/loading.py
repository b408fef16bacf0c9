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
import stat
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

    Hidden entries are skipped and symlinked directories are followed once (loops are cut).
    A named path that is missing, not a regular file or of an unsupported type, and an entry
    with an article suffix that can't be an article (a directory named `x.html`, a FIFO, a
    broken or looping symlink), yield a `LoadError` naming it.
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
        else:
            yield LoadError(path, _not_regular(path))


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
        article_suffix = entry.suffix.lower() in SUFFIXES
        if entry.is_dir():
            if article_suffix:
                yield LoadError(entry, "is a directory, not a file; not searched")
            else:
                yield from _walk(entry, visited)
        elif article_suffix:
            yield entry if entry.is_file() else LoadError(entry, _not_regular(entry))


def _not_regular(path: Path) -> str:
    """Why `path` is not a file that can be read: missing, a broken or looping link, a FIFO…"""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ENOENT and path.is_symlink():
            return "broken symbolic link"
        if exc.errno == errno.ENOENT:
            return "no such file or directory"
        return _os_reason(exc)
    return f"not a regular file ({_file_kind(mode)})"


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"),
             (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"))
    return next((name for test, name in kinds if test(mode)), "special file")


def load_article(path: Path, date: dt.date | None = None) -> Article:
    """Read one file into an `Article`; `date` overrides the date found in the file.

    Raises `LoadError` for unreadable, empty, oversized or binary files, for web pages that
    are not articles ("not an article: <reason>") and for a malformed `<stem>.json` sidecar
    beside a text file.
    """
    data = read_file(path)
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


def read_file(path: Path) -> bytes:
    """The bytes of an article file, read safely; raises `LoadError`.

    The file is opened without blocking and checked to be a regular file, so a named pipe
    or device can't hang the run, and at most `MAX_BYTES` are read whatever its size
    claims. Empty and binary files are refused.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _file_kind(info.st_mode)
            raise LoadError(path, "is a directory" if kind == "directory" else f"not a regular file ({kind})")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError(path, _os_reason(exc)) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise LoadError(path, f"file too large ({max(info.st_size, len(data)) / 1024 / 1024:.0f} MB)")
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
