"""Search the quote index: a small safe query language, filters, sorting, grouping of the
same quote across outlets, pages, highlighting and stats."""
from __future__ import annotations

import datetime as dt
import os
import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from whoosh import fields, qparser, query, sorting
from whoosh.searching import Results, Searcher

from .grouping import collapse
from .indexing import read_meta, tally
from .querytext import DateTermError, split_dates
from .schema import QUOTE_ANALYZER, SPEAKER_ANALYZER
from .speakertable import Speaker, SpeakerTable, speaker_table
from .store import column, shared_searcher

MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 100
SORTS = ("relevance", "newest", "oldest")

_PARSE_SCHEMA = fields.Schema(
    quote=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True),
    speaker=fields.TEXT(analyzer=SPEAKER_ANALYZER, phrase=True),
    title=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True),
)
"""Only these fields may be named in a query; `speaker:` is searched in `speaker_words`."""

_WORD = re.compile(r"\w+")
_QUOTES = query.Term("kind", "quote")
_QUOTE_ONLY_FIELDS = frozenset({"quote", "speaker_words", "title"})


def _by_date(newest: bool) -> sorting.FieldFacet:
    """By date over an integer column in which undated quotes sort last either way."""
    return sorting.FieldFacet("newest" if newest else "oldest")


class QueryError(ValueError):
    """A query or its parameters cannot be used; the message says why."""


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words: a speaker (key, name or words), an inclusive
    date range and an outlet."""

    speaker: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: str | None = None


@dataclass(frozen=True)
class Report:
    """Another article that reported a grouped quote; `quote` is its wording when it differs."""

    article: str
    title: str | None
    url: str | None
    source: str | None
    date: dt.date | None
    start: int | None
    quote: str | None

    def to_json(self) -> dict[str, Any]:
        """The API shape of a report."""
        return {"article": self.article, "title": self.title, "url": self.url, "source": self.source,
                "date": self.date.isoformat() if self.date else None, "start": self.start, "quote": self.quote}


@dataclass(frozen=True)
class Hit:
    """One quote found by a search, with the other articles that reported the same words."""

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
    speaker_key: str | None = None
    confidence: float | None = None
    source: str | None = None
    reports: tuple[Report, ...] = ()

    @property
    def also_reported(self) -> int:
        """How many other articles reported these words from this speaker."""
        return len({r.article for r in self.reports} - {self.article})

    @property
    def earliest(self) -> dt.date | None:
        """The earliest date among this report and the others."""
        return min((d for d in (self.date, *(r.date for r in self.reports)) if d), default=None)

    def to_json(self) -> dict[str, Any]:
        """The API shape of a hit."""
        return {
            "quote": self.quote, "speaker": self.speaker, "role": self.role,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title, "path": self.path, "url": self.url, "context": self.context,
            "cue": self.cue, "article": self.article, "start": self.start, "end": self.end,
            "highlighted": self.highlighted, "speaker_key": self.speaker_key, "confidence": self.confidence,
            "source": self.source, "also_reported": self.also_reported,
            "earliest": self.earliest.isoformat() if self.earliest else None,
            "reports": [r.to_json() for r in self.reports],
        }


@dataclass(frozen=True)
class SearchPage:
    """One page of results. `total` counts every result (a group of reports of the same
    quote is one result), `matches` every matching quote; `suggestions` are the speakers
    meant, maybe, when a speaker matched nobody."""

    total: int
    page: int
    per_page: int
    results: tuple[Hit, ...]
    matches: int = 0
    sort: str = "relevance"
    suggestions: tuple[Speaker, ...] = field(default=())


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


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def date_terms(low: dt.date, high: dt.date) -> list[query.Term]:
    """The fewest `year`, `month` and `day` terms that cover `low`..`high` inclusive: whole
    years, then whole months, then single days at the edges (under a hundred terms)."""
    terms: list[query.Term] = []
    day = low
    while day <= high:
        if day.month == 1 and day.day == 1 and dt.date(day.year, 12, 31) <= high:
            terms.append(query.Term("year", f"{day.year:04d}"))
            day = dt.date(day.year + 1, 1, 1) if day.year < dt.MAXYEAR else high + dt.timedelta(days=1)
        elif day.day == 1 and _month_end(day) <= high:
            terms.append(query.Term("month", day.strftime("%Y-%m")))
            day = _month_end(day) + dt.timedelta(days=1)
        else:
            terms.append(query.Term("day", day.isoformat()))
            day += dt.timedelta(days=1)
    return terms


def _date_filter(searcher: Searcher, date_from: dt.date | None, date_to: dt.date | None) -> query.Query:
    """Inclusive date range as coarse date terms; quotes without a date never match. Open
    ends are clamped to the index's first and last dates."""
    if date_from and date_to and date_from > date_to:
        raise QueryError(f"date_from {date_from} is after date_to {date_to}")
    earliest, latest = _date_span(searcher)
    if earliest is None or latest is None:
        return query.NullQuery
    low = max(date_from or earliest, earliest)
    high = min(date_to or latest, latest)
    if low > high:
        return query.NullQuery
    return query.Or(date_terms(low, high))


def _date_span(searcher: Searcher) -> tuple[dt.date | None, dt.date | None]:
    """The first and last article dates of the index, from its meta document."""
    meta = read_meta(searcher)
    first, last = meta.get("earliest"), meta.get("latest")
    return (dt.date.fromordinal(first) if first else None, dt.date.fromordinal(last) if last else None)


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




@dataclass(frozen=True)
class Plan:
    """A search made ready against one index: the parsed words (None: all quotes), the filter
    queries, whether anything can match at all, and speaker suggestions."""

    parsed: query.Query | None
    filters: tuple[query.Query, ...]
    possible: bool
    marks: _Marks
    suggestions: tuple[Speaker, ...] = ()

    @property
    def matching(self) -> query.Query:
        """One query for every matching quote. Filters stay ordinary query parts (a filter
        set, or a zero boost that Whoosh's pruning reads as "never matches", would cost more);
        they add a near-constant amount to every score."""
        parts: list[query.Query] = list(self.filters)
        if self.parsed is None or not _quote_only(self.parsed):
            parts.insert(0, _QUOTES)
        if self.parsed is not None:
            parts.insert(0, self.parsed)
        return query.And(parts) if len(parts) > 1 else parts[0]


def _quote_only(q: query.Query) -> bool:
    """Whether `q` can only match quote documents: every field it searches exists only in
    them and nothing is negated (a NOT matches every other document too)."""
    return _fields_of(q) <= _QUOTE_ONLY_FIELDS and not _negates(q)


def _negates(q: query.Query) -> bool:
    return isinstance(q, query.Not | query.AndNot) or any(_negates(c) for c in q.children())


def _fields_of(q: query.Query) -> set[str]:
    found = {q.fieldname} if getattr(q, "fieldname", None) else set()
    for child in q.children():
        found |= _fields_of(child)
    return found


def _speaker_terms(q: query.Query | None) -> list[str]:
    """The words searched in speaker names by `speaker:` terms of a query."""
    found: list[str] = []

    def walk(node: query.Query) -> None:
        if getattr(node, "fieldname", None) == "speaker_words" and isinstance(node, query.Term):
            found.append(node.text)
        for child in node.children():
            walk(child)

    if q is not None:
        walk(q)
    return found


def _with_merged_speakers(q: query.Query, table: SpeakerTable) -> query.Query:
    """`speaker:` words also find the quotes of speakers merged into a canonical speaker whose
    key has the word ("speaker:hillary" finds quotes attributed to a bare "Clinton")."""
    def widen(node: query.Query) -> query.Query:
        if isinstance(node, query.Term) and node.fieldname == "speaker_words":
            raws = [raw for s in table.speakers if node.text in s.key.split()
                    for raw in s.raws if node.text not in raw.split()]
            if raws:
                return query.Or([node, *(query.Term("speaker_raw", r) for r in raws)])
        return node.apply(widen)

    return widen(q)


def plan(searcher: Searcher, table: SpeakerTable, q: str, filters: Filters) -> Plan:
    """Parse `q` (with its `date:` terms) and turn `filters` into Whoosh queries.

    Raises `QueryError` on an unusable query or date range.
    """
    try:
        words, low, high = split_dates(q)
    except DateTermError as err:
        raise QueryError(str(err)) from None
    low = max(filter(None, (low, filters.date_from)), default=None)
    high = min(filter(None, (high, filters.date_to)), default=None)
    parsed = parse_query(words) if words.strip() else None
    parts: list[query.Query] = []
    possible = not (words.strip() and parsed is None)
    suggestions: list[Speaker] = []
    if filters.speaker and filters.speaker.strip():
        raws = table.raw_keys(table.resolve(filters.speaker))
        if raws:
            parts.append(query.Or([query.Term("speaker_raw", r) for r in raws]))
        else:
            possible = False
            suggestions += table.suggest(filters.speaker)
    for word in _speaker_terms(parsed):
        if not searcher.reader().doc_frequency("speaker_words", word):
            suggestions += table.suggest(word)
    if filters.source and filters.source.strip():
        parts.append(query.Term("source", filters.source.strip().casefold()))
    if low or high:
        dates = _date_filter(searcher, low, high)
        if dates is query.NullQuery:
            possible = False
        parts.append(dates)
    if parsed is not None:
        parsed = _with_merged_speakers(parsed, table)
    unique = tuple(dict.fromkeys(suggestions))
    return Plan(parsed, tuple(parts), possible, _marks(parsed), unique)


def _results(searcher: Searcher, p: Plan, sort: str, limit: int | None) -> Results:
    if sort == "relevance" and p.parsed is not None:
        return searcher.search(p.matching, limit=limit)
    return searcher.search(p.matching, limit=limit, sortedby=_by_date(newest=sort != "oldest"))


def ranked(searcher: Searcher, p: Plan, sort: str, limit: int | None = None) -> list[int]:
    """The matching quotes' document numbers (the first `limit`, or all), in `sort` order
    ("relevance" without words means newest first)."""
    if not p.possible:
        return []
    return [docnum for _, docnum in _results(searcher, p, sort, limit).top_n]


GroupKey = tuple[str | None, str]


def group_of(searcher: Searcher, table: SpeakerTable) -> Callable[[int], GroupKey]:
    """A quote's group: its canonical speaker and the digest of its normalized words."""
    raws, words = column(searcher, "speaker_raw"), column(searcher, "words")
    return lambda n: (table.key_of(raws(n)), words(n))


def _members(searcher: Searcher, p: Plan, table: SpeakerTable, firsts: list[int]) -> list[list[int]]:
    """Every matching quote of each group whose best ranked quote is in `firsts`: that one
    first, then the others (`_hit` orders them by date). One unscored query finds them all."""
    key = group_of(searcher, table)
    wanted = {key(n): n for n in firsts}
    words = query.Or([query.Term("words", w) for w in {w for _, w in wanted if w}])
    groups: dict[int, list[int]] = {n: [n] for n in firsts}
    for n in sorted(searcher.docs_for_query(query.And([words, p.matching]))):
        first = wanted.get(key(n))
        if first is not None and n != first:
            groups[first].append(n)
    return [groups[n] for n in firsts]


def _report(doc: dict[str, Any], wording: str) -> Report:
    date = doc.get("date")
    quote = doc.get("quote", "")
    return Report(article=doc.get("article", ""), title=doc.get("title"), url=doc.get("url"),
                  source=doc.get("source"), date=date.date() if date else None, start=doc.get("start"),
                  quote=quote if quote != wording else None)


def _hit(searcher: Searcher, members: list[int], marks: _Marks, table: SpeakerTable) -> Hit:
    doc = searcher.stored_fields(members[0])
    date = doc.get("date")
    quote = doc.get("quote", "")
    others = [_report(searcher.stored_fields(n), quote) for n in members[1:]]
    others.sort(key=lambda r: (r.date is None, r.date or dt.date.min, r.source or ""))
    return Hit(
        quote=quote, speaker=doc.get("speaker_name"), role=doc.get("role"),
        cue=doc.get("cue"), date=date.date() if date else None, title=doc.get("title"),
        path=doc.get("path"), url=doc.get("url"), context=doc.get("context"),
        article=doc.get("article", ""), start=doc.get("start"), end=doc.get("end"),
        highlighted=_highlight(quote, marks), speaker_key=table.key_of(doc.get("speaker_raw")),
        confidence=doc.get("confidence"), source=doc.get("source"), reports=tuple(others),
    )


def _check_page(page: int, per_page: int, sort: str | None) -> None:
    if page < 1:
        raise QueryError(f"page must be at least 1, not {page}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}, not {per_page}")
    if sort is not None and sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")


@contextmanager
def opened(index_dir: str | Path) -> Iterator[tuple[Searcher, SpeakerTable]]:
    """The searcher over the latest generation of the index (shared by the calls of this
    thread until the index changes) and its speaker table; raises `NoIndexError` without one."""
    searcher = shared_searcher(index_dir)
    yield searcher, speaker_table(searcher, index_dir)


_GROUP_IDS: weakref.WeakKeyDictionary[Searcher, list[int]] = weakref.WeakKeyDictionary()


def _group_ids(searcher: Searcher, table: SpeakerTable) -> list[int]:
    """Every document's group as a small integer, computed once per (shared) searcher: reading
    two columns per match on every request would cost more than the search."""
    ids = _GROUP_IDS.get(searcher)
    if ids is None:
        key = group_of(searcher, table)
        numbers: dict[GroupKey, int] = {}
        ids = [numbers.setdefault(key(n), len(numbers)) for n in range(searcher.doc_count_all())]
        _GROUP_IDS[searcher] = ids
    return ids


def count_matches(searcher: Searcher, p: Plan, table: SpeakerTable, group: bool) -> tuple[int, int]:
    """(results, matching quotes): results are distinct groups (same words, same canonical
    speaker) when `group`, else the quotes themselves; counted without scoring."""
    docs = list(searcher.docs_for_query(p.matching))
    if not group:
        return len(docs), len(docs)
    ids = _group_ids(searcher, table)
    return len(set(map(ids.__getitem__, docs))), len(docs)


def search(
    index_dir: str | Path,
    q: str = "",
    *,
    speaker: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    source: str | None = None,
    sort: str | None = None,
    group: bool = True,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """One page of quotes matching `q` and the filters.

    `sort` is "relevance" (the default with words), "newest" (the default without) or
    "oldest"; undated quotes come last. `speaker` is a speaker's key, name or a variant of
    it (that one speaker), else words every matching speaker's key has. `date_from` and
    `date_to` are inclusive. With `group`, reports of the same words by the same speaker
    are one result. Bad parameters raise `QueryError`; a page past the end is empty but
    still carries the totals.

    Only the first `page * per_page` results are ranked (more when grouping folds some
    together); totals are counted without scoring.
    """
    _check_page(page, per_page, sort)
    with opened(index_dir) as (s, table):
        p = plan(s, table, q, Filters(speaker, date_from, date_to, source))
        order = sort or ("relevance" if p.parsed is not None else "newest")
        if not p.possible:
            return SearchPage(0, page, per_page, (), matches=0, sort=order, suggestions=p.suggestions)
        need = page * per_page
        total, matches = count_matches(s, p, table, group)
        limit = need * 2 if group else need
        while True:
            docnums = [n for _, n in _results(s, p, order, limit).top_n]
            if not group:
                pages = [[n] for n in docnums]
                break
            ids = _group_ids(s, table)
            firsts = [members[0] for members in collapse(docnums, ids.__getitem__)]
            if len(firsts) >= need or len(docnums) >= matches:
                break
            limit *= 4
        first = (page - 1) * per_page
        pages = _members(s, p, table, firsts[first:first + per_page]) if group else pages[first:first + per_page]
        hits = tuple(_hit(s, members, p.marks, table) for members in pages)
    return SearchPage(total, page, per_page, hits, matches=matches, sort=order, suggestions=p.suggestions)


def stats(index_dir: str | Path) -> IndexStats:
    """Counts, date range, the ten most quoted speakers and the size of the index."""
    t = tally(shared_searcher(index_dir))
    size = sum(e.stat().st_size for e in os.scandir(index_dir) if e.is_file())
    top = tuple((t.speaker_names[k], n) for k, n in t.speakers.most_common(10))
    return IndexStats(articles=t.articles, quotes=t.quotes, speakers=len(t.speakers),
                      earliest=t.earliest, latest=t.latest, top_speakers=top, size_bytes=size)
