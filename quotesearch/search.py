"""Search the quote index: a small safe query language, filters, sorting, grouping of the
same quote across outlets, pages, highlighting and stats."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from markupsafe import Markup, escape
from whoosh import fields, qparser, query
from whoosh.searching import Searcher

from .doctable import doc_table, postings
from .grouping import collapse
from .indexing import tally
from .matching import Evaluator
from .querytext import DateTermError, split_dates
from .schema import QUOTE_ANALYZER, SPEAKER_ANALYZER, UNDATED
from .speakertable import Speaker, SpeakerTable, speaker_table
from .store import shared_searcher

MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 100
MAX_REPORTS = 50
"""A result lists at most this many other reports of its words (the earliest); a claim
repeated by thousands of articles would otherwise cost a stored-field read for each."""
SORTS = ("relevance", "newest", "oldest")

_PARSE_SCHEMA = fields.Schema(
    quote=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True),
    speaker=fields.TEXT(analyzer=SPEAKER_ANALYZER, phrase=True),
    title=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True),
)
"""Only these fields may be named in a query; `speaker:` is searched in `speaker_words`."""

_WORD = re.compile(r"\w+")


class QueryError(ValueError):
    """A query or its parameters cannot be used; the message says why."""


@dataclass(frozen=True)
class Filters:
    """What narrows a search besides its words: a speaker (key, name or words), an inclusive
    date range, an outlet and the least attribution confidence (0–1; unattributed quotes
    have 0)."""

    speaker: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: str | None = None
    min_confidence: float | None = None


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
    more_reports: int = 0

    @property
    def also_reported(self) -> int:
        """How many other articles reported these words from this speaker (those past the
        listed reports counted as one article each)."""
        return len({r.article for r in self.reports} - {self.article}) + self.more_reports

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
            "reports": [r.to_json() for r in self.reports], "more_reports": self.more_reports,
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
        ["quote", "speaker"], _PARSE_SCHEMA, fieldboosts={"quote": 2.0},
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
    """A search made ready against one index: the parsed words (None: all quotes), the
    filters (extractor speaker keys, an outlet, inclusive date ordinals: both set or both
    None, an open end filled in so undated quotes never match), whether anything can match
    at all, and speaker suggestions."""

    parsed: query.Query | None
    possible: bool
    marks: _Marks
    raws: tuple[str, ...] | None = None
    source: str | None = None
    low: int | None = None
    high: int | None = None
    suggestions: tuple[Speaker, ...] = ()
    min_confidence: float | None = None


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
    """Parse `q` (with its `date:` terms) and resolve `filters` against the index.

    Raises `QueryError` on an unusable query or date range.
    """
    try:
        words, low, high = split_dates(q)
    except DateTermError as err:
        raise QueryError(str(err)) from None
    low = max(filter(None, (low, filters.date_from)), default=None)
    high = min(filter(None, (high, filters.date_to)), default=None)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise QueryError(f"date_from {filters.date_from} is after date_to {filters.date_to}")
    parsed = parse_query(words) if words.strip() else None
    possible = not (words.strip() and parsed is None) and not (low and high and low > high)
    suggestions: list[Speaker] = []
    raws: tuple[str, ...] | None = None
    if filters.speaker and filters.speaker.strip():
        raws = tuple(table.raw_keys(table.resolve(filters.speaker)))
        if not raws:
            possible = False
            suggestions += table.suggest(filters.speaker)
    for word in _speaker_terms(parsed) if "speaker:" in words.casefold() else ():
        if not searcher.reader().doc_frequency("speaker_words", word):
            suggestions += table.suggest(word)
    source = filters.source.strip().casefold() if filters.source and filters.source.strip() else None
    if parsed is not None:
        parsed = _with_merged_speakers(parsed, table)
    first = last = None
    if low or high:
        first, last = low.toordinal() if low else 1, high.toordinal() if high else UNDATED - 1
    least = filters.min_confidence
    if least is not None and not 0 <= least <= 1:
        raise QueryError(f"min_confidence must be between 0 and 1, not {least}")
    return Plan(parsed, possible, _marks(parsed), raws, source, first, last, tuple(dict.fromkeys(suggestions)),
                least or None)


class Match:
    """The quotes a plan matches in one generation: a mask over its documents and their
    scores (0 without words)."""

    def __init__(self, searcher: Searcher, p: Plan) -> None:
        self.table = doc_table(searcher)
        evaluator = Evaluator(searcher, self.table)
        if not p.possible:
            found = evaluator.none()
        elif p.parsed is not None:
            found = evaluator.evaluate(p.parsed)
        else:
            found = evaluator.every()
        self.mask, self.scores = found.mask, found.scores
        self.scored = p.parsed is not None
        if p.raws is not None:
            speakers = np.zeros(self.table.size, dtype=bool)
            for raw in p.raws:
                speakers[postings(searcher.reader(), "speaker_raw", raw)[0]] = True
            self.mask &= speakers
        if p.source is not None:
            wanted = self.table.sources.index(p.source) if p.source in self.table.sources else -1
            self.mask &= self.table.source == wanted
        if p.low is not None:
            self.mask &= (self.table.day >= p.low) & (self.table.day <= p.high)
        if p.min_confidence is not None:
            self.mask &= self.table.confidence >= np.float32(p.min_confidence)
        self.docs = np.flatnonzero(self.mask)

    def __len__(self) -> int:
        return len(self.docs)

    def sort_for(self, sort: str | None) -> str:
        """The order `sort` means here: relevance by default with words, newest without
        (where relevance would mean nothing)."""
        if sort in (None, "relevance"):
            return "relevance" if self.scored else "newest"
        return sort

    def ranked(self, sort: str, limit: int | None = None) -> list[int]:
        """The first `limit` (or all) document numbers in `sort` order: "relevance" (score),
        "newest" or "oldest" (undated last either way); ties in document order."""
        docs = self.docs
        if sort == "relevance":
            keys = -self.scores[docs]
        else:
            keys = (self.table.newest if sort == "newest" else self.table.day)[docs]
        if limit is not None and limit < len(docs):
            cut = np.partition(keys, limit - 1)[limit - 1]
            chosen = keys <= cut
            docs, keys = docs[chosen], keys[chosen]
        order = np.lexsort((docs, keys))
        return docs[order][:limit].tolist()

    def count(self, key: np.ndarray, size: int) -> np.ndarray:
        """How many matches have each value of `key` (an array over documents, 0..size-1)."""
        return np.bincount(key[self.docs], minlength=size)


def ranked(searcher: Searcher, p: Plan, sort: str, limit: int | None = None) -> list[int]:
    """The matching quotes' document numbers (the first `limit`, or all), in `sort` order
    ("relevance" without words means newest first)."""
    match = Match(searcher, p)
    return match.ranked(match.sort_for(sort), limit)


def group_ids(searcher: Searcher, table: SpeakerTable) -> tuple[np.ndarray, int]:
    """Every document's group (same canonical speaker, same normalized words) as an integer,
    and the number of groups."""
    return doc_table(searcher).groups(table, table.key_of)


def _members(searcher: Searcher, match: Match, table: SpeakerTable, firsts: list[int]) -> list[list[int]]:
    """Every matching quote of each group whose best ranked quote is in `firsts`: that one
    first, then the others (`_hit` orders them by date). Found from the `words` postings of
    the page's quotes."""
    groups_of = group_ids(searcher, table)[0]
    reader = searcher.reader()
    members: list[list[int]] = []
    for first in firsts:
        same = postings(reader, "words", match.table.digest(first))[0]
        same = same[(groups_of[same] == groups_of[first]) & match.mask[same] & (same != first)]
        members.append([first, *same.tolist()])
    return members


def _report(doc: dict[str, Any], wording: str) -> Report:
    date = doc.get("date")
    quote = doc.get("quote", "")
    return Report(article=doc.get("article", ""), title=doc.get("title"), url=doc.get("url"),
                  source=doc.get("source"), date=date.date() if date else None, start=doc.get("start"),
                  quote=quote if quote != wording else None)


def _hit(searcher: Searcher, members: list[int], marks: _Marks, table: SpeakerTable, day: np.ndarray) -> Hit:
    """The hit for a group: its first member, and the earliest `MAX_REPORTS` other reports
    (by `day`, the generation's dates) loaded; the rest only counted."""
    doc = searcher.stored_fields(members[0])
    date = doc.get("date")
    quote = doc.get("quote", "")
    rest = sorted(members[1:], key=lambda n: (int(day[n]), n))
    others = [_report(searcher.stored_fields(n), quote) for n in rest[:MAX_REPORTS]]
    others.sort(key=lambda r: (r.date is None, r.date or dt.date.min, r.source or ""))
    return Hit(
        quote=quote, speaker=doc.get("speaker_name"), role=doc.get("role"),
        cue=doc.get("cue"), date=date.date() if date else None, title=doc.get("title"),
        path=doc.get("path"), url=doc.get("url"), context=doc.get("context"),
        article=doc.get("article", ""), start=doc.get("start"), end=doc.get("end"),
        highlighted=_highlight(quote, marks), speaker_key=table.key_of(doc.get("speaker_raw")),
        confidence=doc.get("confidence"), source=doc.get("source"), reports=tuple(others),
        more_reports=max(0, len(rest) - MAX_REPORTS),
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


def count_matches(match: Match, searcher: Searcher, table: SpeakerTable, group: bool) -> tuple[int, int]:
    """(results, matching quotes): results are distinct groups (same words, same canonical
    speaker) when `group`, else the quotes themselves."""
    if not group:
        return len(match), len(match)
    groups, count = group_ids(searcher, table)
    return int(np.count_nonzero(match.count(groups, count))), len(match)


def search(
    index_dir: str | Path,
    q: str = "",
    *,
    speaker: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    source: str | None = None,
    min_confidence: float | None = None,
    sort: str | None = None,
    group: bool = True,
    page: int = 1,
    per_page: int = 20,
) -> SearchPage:
    """One page of quotes matching `q` and the filters.

    `sort` is "relevance" (the default with words), "newest" (the default without) or
    "oldest"; undated quotes come last. `speaker` is a speaker's key, name or a variant of
    it (that one speaker), else words every matching speaker's key has. `date_from` and
    `date_to` are inclusive. `min_confidence` (0–1) keeps quotes attributed at least that
    surely (unattributed ones have 0). With `group`, reports of the same words by the same speaker
    are one result. Bad parameters raise `QueryError`; a page past the end is empty but
    still carries the totals.

    Totals are exact; only the first `page * per_page` results (more when grouping folds
    some together) are looked up and highlighted.
    """
    _check_page(page, per_page, sort)
    with opened(index_dir) as (s, table):
        p = plan(s, table, q, Filters(speaker, date_from, date_to, source, min_confidence))
        return page_of(s, table, p, Match(s, p), sort=sort, group=group, page=page, per_page=per_page)


def page_of(searcher: Searcher, table: SpeakerTable, p: Plan, match: Match, *, sort: str | None = None,
            group: bool = True, page: int = 1, per_page: int = 20) -> SearchPage:
    """One page of the quotes `match` found for plan `p`, as `search` describes; for callers
    that also want facets of the same match."""
    _check_page(page, per_page, sort)
    order = match.sort_for(sort)
    if not p.possible:
        return SearchPage(0, page, per_page, (), matches=0, sort=order, suggestions=p.suggestions)
    need = page * per_page
    total, matches = count_matches(match, searcher, table, group)
    limit = need * 2 if group else need
    while True:
        docnums = match.ranked(order, limit)
        if not group:
            firsts = docnums
            break
        groups = group_ids(searcher, table)[0]
        firsts = [members[0] for members in collapse(docnums, lambda n: int(groups[n]))]
        if len(firsts) >= need or len(docnums) >= matches:
            break
        limit *= 4
    first = (page - 1) * per_page
    firsts = firsts[first:first + per_page]
    pages = _members(searcher, match, table, firsts) if group else [[n] for n in firsts]
    hits = tuple(_hit(searcher, members, p.marks, table, match.table.day) for members in pages)
    return SearchPage(total, page, per_page, hits, matches=matches, sort=order, suggestions=p.suggestions)


def stats(index_dir: str | Path) -> IndexStats:
    """Counts, date range, the ten most quoted speakers and the size of the index."""
    t = tally(shared_searcher(index_dir))
    size = sum(e.stat().st_size for e in os.scandir(index_dir) if e.is_file())
    top = tuple((t.speaker_names[k], n) for k, n in t.speakers.most_common(10))
    return IndexStats(articles=t.articles, quotes=t.quotes, speakers=len(t.speakers),
                      earliest=t.earliest, latest=t.latest, top_speakers=top, size_bytes=size)
