"""The Whoosh schema and the documents one article becomes (pure: no index access).

Quote documents never change after they are written: the speaker merging of each run
(`aliases.merge_keys`) is kept in the speaker documents (`raws`: the extractor keys that make
up a canonical speaker), and search maps a quote's `speaker_raw` to its canonical key. So a
run writes only new articles' documents, the speaker documents and one `meta` document, all
in one commit.

Dates are kept in one integer column, `day` (the date's ordinal; undated documents hold
`UNDATED`, after every real date), which search reads in bulk (`doctable`) for date ranges,
sorting and the timeline. Quote and title words are indexed without positions; phrases are
answered from `pairs` and `title_pairs`, their adjacent word pairs.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import columns, fields
from whoosh.analysis import Filter, StandardAnalyzer, StemmingAnalyzer, Token

from . import names
from .grouping import normalized_words
from .models import Article, Quote
from .outlets import outlet

QUOTE_ANALYZER = StemmingAnalyzer()
"""Analyzer of the `quote` and `title` fields; search.py stems query words with it too."""

PAIR_SEPARATOR = " "


class PairFilter(Filter):
    """Each two adjacent tokens as one token "a b"; nothing from fewer than two tokens.
    (Whoosh's BiWordFilter fails on a text whose every word is a stop word.)"""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        previous = None
        for token in tokens:
            text = token.text
            if previous is not None:
                token.text = previous + PAIR_SEPARATOR + text
                yield token
            previous = text


PAIRS_ANALYZER = StemmingAnalyzer() | PairFilter()
"""Analyzer of `pairs`: each two adjacent stems of the quote as one term ("nato member"),
so a phrase is found from whole posting lists without reading word positions."""

SPEAKER_ANALYZER = StandardAnalyzer()
"""Analyzer of `speaker_words`: lowercased words of the speaker's name, role and key."""

UNDATED = 10**7
"""The `day` of an undated document: after every real date ordinal."""

SCHEMA = fields.Schema(
    kind=fields.ID(stored=True),
    quote=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=False, stored=True),
    pairs=fields.TEXT(analyzer=PAIRS_ANALYZER, phrase=False),
    speaker_raw=fields.ID(stored=True, sortable=True),
    speaker_key=fields.ID(stored=True),
    speaker_name=fields.STORED(),
    speaker_words=fields.TEXT(analyzer=SPEAKER_ANALYZER, phrase=True),
    role=fields.STORED(),
    cue=fields.STORED(),
    confidence=fields.STORED(),
    certainty=fields.COLUMN(columns.NumericColumn("f", default=0.0)),
    date=fields.STORED(),
    day=fields.COLUMN(columns.NumericColumn("i")),
    title=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=False, stored=True),
    title_pairs=fields.TEXT(analyzer=PAIRS_ANALYZER, phrase=False),
    path=fields.STORED(),
    file=fields.ID(stored=True),
    url=fields.STORED(),
    source=fields.ID(stored=True, sortable=True),
    article=fields.ID(stored=True, sortable=True),
    words=fields.ID(sortable=True),
    hash=fields.ID(stored=True, sortable=True),
    context=fields.STORED(),
    start=fields.STORED(),
    end=fields.STORED(),
    author=fields.STORED(),
    text=fields.STORED(),
    headline=fields.STORED(),
    count=fields.STORED(),
    variants=fields.STORED(),
    raws=fields.STORED(),
    meta=fields.STORED(),
)
"""Quote documents carry the quote fields; article documents `text`, `hash`, `file` and
their title as `headline` (not indexed, so `quote`, `speaker_words` and `title` terms only
ever match quote documents and need no `kind` filter);
speaker documents `speaker_key`, `speaker_name`, `count`, `variants` and `raws`; quote
documents also keep their confidence as a column (`certainty`) for the confidence filter; the one
`meta` document the recorded sources and the aliases fingerprint."""


def quote_speaker_key(quote: Quote) -> str | None:
    """The extractor's cross-article key of a quote's speaker, computed when it has none."""
    if quote.speaker_key:
        return quote.speaker_key
    return (names.speaker_key(quote.speaker) or None) if quote.speaker else None


def article_key(path: str | Path) -> str:
    """The stable key of an article: sha1 of its absolute path."""
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()


def file_hash(data: bytes) -> str:
    """The content hash that decides whether a file changed since it was indexed."""
    return hashlib.sha256(data).hexdigest()


def words_digest(quote: str) -> str:
    """The digest of a quote's normalized words; with the canonical speaker it groups reports."""
    return hashlib.sha1(normalized_words(quote).encode("utf-8")).hexdigest()[:16]


def _date_fields(date: dt.date | None) -> dict[str, Any]:
    if date is None:
        return {"day": UNDATED}
    return {"date": dt.datetime(date.year, date.month, date.day), "day": date.toordinal()}


def _present(doc: dict[str, Any]) -> dict[str, Any]:
    """Whoosh rejects None values: leave missing fields out."""
    return {k: v for k, v in doc.items() if v is not None and v != ""}


def documents_for(article: Article, file_hash: str, key: str | None = None) -> list[dict[str, Any]]:
    """The Whoosh documents for one article: its article document, then one per quote.

    `key` defaults to `article_key(article.path)`; pure.
    """
    key = key or article_key(article.path)
    common = {**_date_fields(article.date), "title": article.title, "path": article.path, "url": article.url,
              "source": outlet(article.url, article.path), "article": key, "author": article.author}
    file = str(Path(article.path).resolve())
    docs = [_present({"kind": "article", "hash": file_hash, "file": file, "text": article.text, **common,
                      "title": None, "headline": article.title})]
    for q in article.quotes:
        raw = quote_speaker_key(q)
        words = " ".join(w for w in (q.speaker, q.role, raw) if w) or None
        docs.append(_present({
            "kind": "quote", "quote": q.quote, "pairs": q.quote, "speaker_raw": raw, "speaker_name": q.speaker, "role": q.role,
            "cue": q.cue, "confidence": round(float(q.confidence), 3), "certainty": float(q.confidence),
            "context": q.context, "start": q.start,
            "end": q.end, "speaker_words": words, "words": words_digest(q.quote), **common,
            "title_pairs": article.title,
        }))
    return docs


def said(article: Article) -> list[tuple[str, str]]:
    """(speaker key, name) of each attributed quote of an article: what speaker merging needs."""
    out = []
    for q in article.quotes:
        raw = quote_speaker_key(q)
        if raw:
            out.append((raw, q.speaker or raw))
    return out
