"""The dataclasses that every stage of quotesearch speaks: an article and its quotes."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Quote:
    """A direct quote found in an article's text.

    `start`/`end` are offsets of the quoted words (without the quote marks) in the
    article's `text`, so `text[start:end] == quote`. `speaker` is the canonical name
    within the article (or an anonymous description), `role` its title if any, and
    `cue` the speech verb or phrase that attributed it ("said", "according to").
    `confidence` in [0, 1] is how often an attribution made the same way was right on
    held-in news (0 when there is no speaker); `speaker_key` is the speaker's name in the
    form shared across articles ("donald trump" for "Donald J. Trump").
    """

    quote: str
    speaker: str | None
    role: str | None
    cue: str | None
    start: int
    end: int
    context: str
    confidence: float = 0.0
    speaker_key: str | None = None


@dataclass(frozen=True)
class Article:
    """One news article: metadata, plain text (paragraphs split by blank lines) and quotes."""

    path: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    url: str | None = None
    quotes: tuple[Quote, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape printed by `quotesearch extract` (one object per article)."""
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "author": self.author,
            "url": self.url,
            "text": self.text,
            "quotes": [asdict(q) for q in self.quotes],
        }
