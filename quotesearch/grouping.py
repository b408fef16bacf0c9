"""Same quote, many outlets: the key that groups near-identical quotes and the collapse of a
ranked result list into groups.

Two quotes are the same when they have the same speaker key and the same words once case,
punctuation, apostrophe and dash styles and spacing are ignored ("We’ll win — big." and
"we'll win, big" are one quote).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable

_WORD = re.compile(r"\w+(?:'\w+)*")


def normalized_words(quote: str) -> str:
    """The quote's words in lower case, apostrophes unified, joined by single spaces."""
    text = unicodedata.normalize("NFKC", quote).casefold().replace("’", "'").replace("‘", "'")
    return " ".join(_WORD.findall(text))


def group_key(speaker_key: str | None, quote: str) -> str:
    """A short stable key shared by every report of the same words from the same speaker."""
    words = normalized_words(quote)
    return hashlib.sha1(f"{speaker_key or ''}\x1f{words}".encode()).hexdigest()[:20]


def collapse(docnums: Iterable[int], key_of: Callable[[int], Hashable]) -> list[list[int]]:
    """Ranked documents gathered into groups by `key_of`, groups in the order of their best
    member and members in rank order."""
    groups: dict[Hashable, list[int]] = {}
    for docnum in docnums:
        groups.setdefault(key_of(docnum), []).append(docnum)
    return list(groups.values())
