"""Search the quote index: a small safe query language, filters, pages, highlighting, stats."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from whoosh import fields, qparser, query, sorting
from whoosh.searching import Searcher

from .indexing import QUOTE_ANALYZER, SPEAKER_ANALYZER, open_index, speaker_key, tally

MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 100

_PARSE_SCHEMA = fields.Schema(
    quote=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True),
    speaker=fields.TEXT(analyzer=SPEAKER_ANALYZER, phrase=True),
    title=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True),
)
"""Only these fields may be named in a query; `speaker:` is searched in `speaker_words`."""

_WORD = re.compile(r"\w+")

_NEWEST_FIRST = sorting.MultiFacet([
    sorting.QueryFacet({0: query.DateRange("date", None, None)}, other=1),
    sorting.FieldFacet("date", reverse=True),
])
"""Dated quotes newest first, then undated ones (whose missing date would sort as newest)."""


class QueryError(ValueError):
    """A query or its parameters cannot be used; the message says why."""


@dataclass(frozen=True)
class Hit:
    """One quote found by a search."""

    quote: str
    speaker: str | None
    role: str | None
    cue: str | None
    date: dt.date | None
    title: str | None
    path: str | None
    url: str | None
    context: str | None
    article: str
    start: int | None
    end: int | None
    highlighted: str

    def to_json(self) -> dict[str, Any]:
        """The API shape of a hit."""
        return {
            "quote": self.quote, "speaker": self.speaker, "role": self.role,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title, "path": self.path, "url": self.url, "context": self.context,
            "cue": self.cue, "article": self.article, "start": self.start, "end": self.end,
            "highlighted": self.highlighted,
        }


@dataclass(frozen=True)
class SearchPage:
    """One page of results; `total` counts every match, not just this page."""

    total: int
    page: int
    per_page: int
    results: tuple[Hit, ...]


@dataclass(frozen=True)
class IndexStats:
    """What the index holds."""

    articles: int
    quotes: int
    speakers: int
    earliest: dt.date | None
    latest: dt.date | None
    top_speakers: tuple[tuple[str, int], ...]
    size_bytes: int


def _parser() -> qparser.QueryParser:
    """Words, "phrases", AND/OR/NOT, parentheses, prefix* and quote:/speaker:/title: only."""
    return qparser.MultifieldParser(
        ["quote", "speaker", "title"], _PARSE_SCHEMA, fieldboosts={"quote": 2.0},
        plugins=[qparser.FieldsPlugin(), qparser.PrefixPlugin(), qparser.PhrasePlugin(),
                 qparser.GroupPlugin(), qparser.OperatorsPlugin()],
    )


def _to_index_fields(q: query.Query) -> query.Query:
    if getattr(q, "fieldname", None) == "speaker":
        q.fieldname = "speaker_words"
    return q


def parse_query(text: str) -> query.Query | None:
    """The Whoosh query for user text, or None when it has no searchable words.

    Unknown field names and unbalanced quotes or parentheses are read leniently as
    words; only an overlong query or a parser failure raises `QueryError`.
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query is too long ({len(text)} characters; at most {MAX_QUERY_LENGTH})")
    try:
        parsed = _parser().parse(text)
    except Exception as e:
        raise QueryError(f"cannot parse query {text!r}: {e}") from e
    if parsed is query.NullQuery:
        return None
    return parsed.accept(_to_index_fields)


def _speaker_filter(searcher: Searcher, value: str) -> query.Query | None:
    """Quotes by every speaker whose name contains all the words of `value`, case-insensitively.

    So "donald trump" matches only Donald Trump, while "Trump" matches "Trump", Donald Trump
    and Ivanka Trump: within an article a surname is already resolved to the fullest name,
    and across articles the words of the name are what they share. None means no match.
    """
    key = speaker_key(value)
    names = list(searcher.reader().field_terms("speaker"))
    words = set(_WORD.findall(key))
    matches = [n for n in names if words and words <= set(_WORD.findall(n))]
    return query.Or([query.Term("speaker", n) for n in matches]) if matches else None


def _date_filter(date_from: dt.date | None, date_to: dt.date | None) -> query.Query:
    """Inclusive date range; quotes without a date never match."""
    if date_from and date_to and date_from > date_to:
        raise QueryError(f"date_from {date_from} is after date_to {date_to}")
    start = dt.datetime.combine(date_from, dt.time.min) if date_from else None
    end = dt.datetime.combine(date_to, dt.time.max) if date_to else None
    return query.DateRange("date", start, end)


@dataclass(frozen=True)
class _Marks:
    """The positive quote-field parts of a query, for highlighting."""

    terms: frozenset[str]
    prefixes: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]


def _marks(q: query.Query | None) -> _Marks:
    terms: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []

    def walk(node: query.Query) -> None:
        if isinstance(node, query.Not):
            return
        if isinstance(node, query.AndNot):
            walk(node.a)
            return
        if getattr(node, "fieldname", None) == "quote":
            if isinstance(node, query.Term):
                terms.add(node.text)
            elif isinstance(node, query.Prefix):
                prefixes.append(node.text.lower())
            elif isinstance(node, query.Phrase):
                phrases.append(tuple(node.words))
        for child in node.children():
            walk(child)

    if q is not None:
        walk(q)
    return _Marks(frozenset(terms), tuple(prefixes), tuple(phrases))


def highlight(text: str, q: str) -> str:
    """`text` HTML-escaped, with the words that match query `q` wrapped in <mark>.

    Words are stemmed as the index stems them, so "reports" marks "reported"; a phrase
    marks only runs of its words in order; words under NOT are never marked.
    """
    return _highlight(text, _marks(parse_query(q)))


def _highlight(text: str, marks: _Marks) -> str:
    tokens = [(t.text, t.startchar, t.endchar)
              for t in QUOTE_ANALYZER(text, positions=True, chars=True)]
    spans: set[tuple[int, int]] = set()
    for stem, start, end in tokens:
        word = text[start:end].lower()
        if stem in marks.terms or any(stem.startswith(p) or word.startswith(p) for p in marks.prefixes):
            spans.add((start, end))
    stems = [t[0] for t in tokens]
    for phrase in marks.phrases:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tuple(stems[i:i + n]) == phrase:
                spans.add((tokens[i][1], tokens[i + n - 1][2]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out, pos = [], 0
    for start, end in merged:
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return str(Markup("").join(out))


def _hit(doc: dict[str, Any], marks: _Marks) -> Hit:
    date = doc.get("date")
    return Hit(
        quote=doc.get("quote", ""), speaker=doc.get("speaker_name"), role=doc.get("role"),
        cue=doc.get("cue"), date=date.date() if date else None, title=doc.get("title"),
        path=doc.get("path"), url=doc.get("url"), context=doc.get("context"),
        article=doc.get("article", ""), start=doc.get("start"), end=doc.get("end"),
        highlighted=_highlight(doc.get("quote", ""), marks),
    )


def _check_page(page: int, per_page: int) -> None:
    if page < 1:
        raise QueryError(f"page must be at least 1, not {page}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}, not {per_page}")


def search(
    index_dir: str | Path,
    q: str = "",
    *,
    speaker: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """One page of quotes matching `q` and the filters.

    With `q`, results are by relevance; with an empty `q`, every quote passing the
    filters is listed newest first. `speaker` follows `_speaker_filter`; `date_from` and
    `date_to` are inclusive. Bad parameters raise `QueryError`; a page past the end is
    empty but still carries the total.
    """
    _check_page(page, per_page)
    parsed = parse_query(q) if q.strip() else None
    with open_index(index_dir).searcher() as s:
        if q.strip() and parsed is None:
            return SearchPage(0, page, per_page, ())
        filters: list[query.Query] = [query.Term("kind", "quote")]
        if speaker and speaker.strip():
            by_speaker = _speaker_filter(s, speaker)
            if by_speaker is None:
                return SearchPage(0, page, per_page, ())
            filters.append(by_speaker)
        if date_from or date_to:
            filters.append(_date_filter(date_from, date_to))
        first = (page - 1) * per_page
        limit = max(1, min(page * per_page, s.doc_count_all()))
        if parsed is None:
            results = s.search(query.And(filters), limit=limit, sortedby=_NEWEST_FIRST)
        else:
            results = s.search(parsed, filter=query.And(filters), limit=limit)
        total = len(results)
        marks = _marks(parsed)
        hits = tuple(_hit(h.fields(), marks) for h in results[first:first + per_page])
    return SearchPage(total, page, per_page, hits)


def stats(index_dir: str | Path) -> IndexStats:
    """Counts, date range, the ten most quoted speakers and the size of the index."""
    with open_index(index_dir).searcher() as s:
        t = tally(s)
    size = sum(e.stat().st_size for e in os.scandir(index_dir) if e.is_file())
    top = tuple((t.speaker_names[k], n) for k, n in t.speakers.most_common(10))
    return IndexStats(articles=t.articles, quotes=t.quotes, speakers=len(t.speakers),
                      earliest=t.earliest, latest=t.latest, top_speakers=top, size_bytes=size)
