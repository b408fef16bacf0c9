"""The article view: an indexed article's whole text with its quotes marked in place."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import query

from .indexing import open_index
from .speakertable import speaker_table

ARTICLE_KEY = re.compile(r"^[0-9a-f]{40}$")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class ArticleQuote:
    """A quote as the article view shows it."""

    start: int
    end: int
    quote: str
    speaker: str | None
    speaker_key: str | None
    role: str | None
    cue: str | None
    confidence: float | None

    def to_json(self) -> dict[str, Any]:
        """The API shape of an article's quote."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class ArticleView:
    """An article from the index: metadata, whole text and quotes in text order."""

    key: str
    title: str | None
    date: dt.date | None
    url: str | None
    source: str | None
    author: str | None
    path: str | None
    text: str
    quotes: tuple[ArticleQuote, ...]

    def quote_at(self, start: int | None) -> ArticleQuote | None:
        """The quote starting at offset `start`, if any."""
        return next((q for q in self.quotes if q.start == start), None)

    def to_json(self) -> dict[str, Any]:
        """The API shape of an article."""
        return {"key": self.key, "title": self.title, "date": self.date.isoformat() if self.date else None,
                "url": self.url, "source": self.source, "author": self.author, "path": self.path,
                "text": self.text, "quotes": [q.to_json() for q in self.quotes]}


def load_article(index_dir: str | Path, key: str) -> ArticleView | None:
    """The article with this key from the index, or None (also for a malformed key)."""
    if not ARTICLE_KEY.match(key):
        return None
    with open_index(index_dir).searcher() as s:
        table = speaker_table(s, index_dir)
        found = s.search(query.And([query.Term("kind", "article"), query.Term("article", key)]), limit=1)
        if not found:
            return None
        doc = found[0].fields()
        quotes = sorted(
            (ArticleQuote(d["start"], d["end"], d["quote"], d.get("speaker_name"), table.key_of(d.get("speaker_raw")),
                          d.get("role"), d.get("cue"), d.get("confidence"))
             for d in s.documents(kind="quote", article=key) if "start" in d and "end" in d),
            key=lambda q: q.start)
    date = doc.get("date")
    return ArticleView(key, doc.get("headline"), date.date() if date else None, doc.get("url"), doc.get("source"),
                       doc.get("author"), doc.get("path"), doc.get("text", ""), tuple(quotes))


Segment = tuple[str, int | None, bool]
"""A run of article text, the start offset of the quote it belongs to (None: not quoted) and
whether it is that quote's first run (where its anchor goes)."""


def paragraphs(text: str, quotes: tuple[ArticleQuote, ...]) -> list[list[Segment]]:
    """The text as paragraphs of segments, each quote's words marked by its start offset.

    Overlapping or out-of-range quotes are skipped, so the segments always spell the text.
    """
    cuts: list[tuple[int, int, int | None]] = []
    pos = 0
    for q in quotes:
        if q.start < pos or q.end > len(text) or q.start >= q.end:
            continue
        if q.start > pos:
            cuts.append((pos, q.start, None))
        cuts.append((q.start, q.end, q.start))
        pos = q.end
    if pos < len(text):
        cuts.append((pos, len(text), None))
    out: list[list[Segment]] = [[]]
    for start, end, mark in cuts:
        pieces = _PARAGRAPH_BREAK.split(text[start:end])
        first = True
        for i, piece in enumerate(pieces):
            if i:
                out.append([])
            if piece:
                out[-1].append((piece, mark, first))
                first = False
    return [p for p in out if any(t.strip() for t, _, _ in p)]
