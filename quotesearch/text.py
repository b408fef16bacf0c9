"""Plain-text articles (with an optional JSON sidecar) to `Article`.

A text file may start with `Title:`/`Date:`/`By:`/`URL:` header lines, or with a bare title
line; the body follows, its paragraphs split by blank lines or by single newlines.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath
from typing import Any

from .dates import parse_date
from .models import Article

__all__ = ["parse_date", "parse_text", "date_from_filename"]

_HEADER = re.compile(r"^\s*(title|date|published|by|author|url)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_HEADER_FIELD = {"title": "title", "date": "date", "published": "date", "by": "author", "author": "author", "url": "url"}
_FILENAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?!\d)")
_SENTENCE_END = tuple(".,;:!?\"'”’)")
_MAX_TITLE = 200
_WRAP_WIDTH = 100


def parse_text(content: str, path: str, sidecar: dict[str, Any] | None = None) -> Article:
    """Build an `Article` from a text file's content; headers, then sidecar, then file name."""
    sidecar = sidecar or {}
    lines = content.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    headers, rest = _take_headers(lines)
    title = headers.get("title") or _text_field(sidecar.get("title"))
    if title is None:
        title, rest = _take_title_line(rest)
        more, rest = _take_headers(rest)
        headers = {**more, **headers}
    else:
        rest = _drop_repeated_title(rest, title)
    return Article(
        path=path,
        text="\n\n".join(_paragraphs(rest)),
        title=title,
        date=_first_date(headers.get("date"), _text_field(sidecar.get("date")))
        or date_from_filename(path),
        author=headers.get("author") or _text_field(sidecar.get("author")),
        url=headers.get("url") or _text_field(sidecar.get("url")),
    )


def date_from_filename(path: str) -> dt.date | None:
    """A `YYYY-MM-DD` or `YYYYMMDD` date in the file name, if it is a real date."""
    for match in _FILENAME_DATE.finditer(PurePath(path).name):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


def _first_date(*candidates: str | None) -> dt.date | None:
    for candidate in candidates:
        found = parse_date(candidate) if candidate else None
        if found:
            return found
    return None


def _text_field(value: Any) -> str | None:
    """A sidecar value as a clean string (lists of names are joined), or None."""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v).strip() for v in value if v is not None and str(v).strip())
    if value is None or isinstance(value, (dict, bool)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _take_headers(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Consume leading `Name: value` header lines (blank lines between them are allowed)."""
    headers: dict[str, str] = {}
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        match = _HEADER.match(lines[i])
        if not match:
            break
        field = _HEADER_FIELD[match.group(1).lower()]
        if match.group(2):
            headers.setdefault(field, match.group(2))
        i += 1
    if not headers:
        return {}, lines
    return headers, lines[i:]


def _take_title_line(lines: list[str]) -> tuple[str | None, list[str]]:
    """Split off the title: a short first block before a blank line, or a heading-like line."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 2:
        return None, lines
    first = nonblank[0]
    end = first
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    block = " ".join(" ".join(lines[first : end + 1]).split())
    if end < nonblank[-1] and len(block) <= _MAX_TITLE and end - first < 3:
        return block, lines[end + 1 :]
    candidate = " ".join(lines[first].split())
    if len(candidate) <= _MAX_TITLE and _looks_like_heading(candidate):
        return candidate, lines[first + 1 :]
    return None, lines


def _looks_like_heading(line: str) -> bool:
    """A line directly followed by text is a heading if it doesn't end like a sentence."""
    if line.endswith(("?", "!")):
        return len(line.split()) <= 15
    return not line.endswith(_SENTENCE_END)


def _drop_repeated_title(lines: list[str], title: str) -> list[str]:
    """Drop a first line that repeats the title already known from headers or sidecar."""
    for i, line in enumerate(lines):
        if line.strip():
            if _words(line) == _words(title):
                return lines[i + 1 :]
            return lines
    return lines


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from blank-line blocks; a block is one paragraph only if it is hard-wrapped."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in blocks:
        if _hard_wrapped(block):
            paragraphs.append(" ".join(block))
        else:
            paragraphs.extend(block)
    return paragraphs


def _hard_wrapped(block: list[str]) -> bool:
    """True for a block of short lines that mostly break mid-sentence (wrapped prose)."""
    if len(block) < 2 or max(len(line) for line in block) > _WRAP_WIDTH:
        return False
    open_ended = sum(1 for line in block[:-1] if not line.endswith(_SENTENCE_END))
    return open_ended * 2 >= len(block) - 1
