"""Evaluate a parsed query into the matching quotes and their scores, from whole posting lists.

Each term's posting list is read in bulk (`doctable.postings`) and combined with set and
dict operations, which run in C, instead of Whoosh's matcher tree, which runs in Python for
every candidate. Scores are BM25 (k1 1.2, b 0.75, like Whoosh's default) with the query's
field boosts. A quote or title phrase is the intersection of its adjacent word pairs
(`pairs`, `title_pairs`); phrases of three or more words are then checked against the
stored text, so a quote that has "a b" and "b c" apart never matches "a b c".
"""
from __future__ import annotations

import math
from collections.abc import Callable

from whoosh import query
from whoosh.searching import Searcher

from .doctable import NOT_A_QUOTE, DocTable, postings
from .schema import PAIR_SEPARATOR, QUOTE_ANALYZER

Scores = dict[int, float]
"""Document number → score of every matching live quote."""

K1 = 1.2
B = 0.75
MAX_EXPANSIONS = 1024
"""A prefix query searches at most this many words that start with it (most frequent first
would need a scan of every word, so the first in order)."""

_LENGTH_NORMALIZED = frozenset({"quote"})
_QUOTE_FIELDS = frozenset({"quote", "pairs", "title", "title_pairs", "speaker_words", "speaker_raw"})
"""Fields only quote documents have: without deletions, their postings need no liveness check."""
_PAIR_FIELDS = {"quote": "pairs", "title": "title_pairs"}
"""The fields indexed without positions and the field of their adjacent word pairs."""


class Evaluator:
    """Evaluates queries against one searcher and its `DocTable`."""

    def __init__(self, searcher: Searcher, table: DocTable) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.table = table
        self._live = table.day.__getitem__

    def evaluate(self, q: query.Query) -> Scores:
        """Every live quote `q` matches, with its score."""
        handler = _HANDLERS.get(type(q))
        return handler(self, q) if handler is not None else self._fallback(q)

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> Scores:
        """A term's live quotes with their BM25 scores."""
        ids, weights = postings(self.reader, fieldname, text)
        n = self.table.quotes or 1
        df = len(ids)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5)) * boost
        top = idf * (K1 + 1)
        if fieldname in _LENGTH_NORMALIZED:
            norm = self.table.length_norm(K1, B)
            scores = {d: top * w / (w + norm[d]) for d, w in zip(ids, weights)}
        else:
            scores = {d: top * w / (w + K1) for d, w in zip(ids, weights)}
        if self.table.deletions or fieldname not in _QUOTE_FIELDS:
            day = self.table.day
            scores = {d: s for d, s in scores.items() if day[d] != NOT_A_QUOTE}
        return scores

    def _fallback(self, q: query.Query) -> Scores:
        """Queries this module has no fast path for go through Whoosh, with a constant score."""
        day = self.table.day
        return {d: 1.0 for d in self.searcher.docs_for_query(q) if day[d] != NOT_A_QUOTE}

    def every(self) -> Scores:
        """Every live quote, unscored."""
        return dict.fromkeys(self.table.by_day, 0.0)


def _term(ev: Evaluator, q: query.Term) -> Scores:
    return ev.term(q.fieldname, q.text, q.boost)


def _and(ev: Evaluator, q: query.And) -> Scores:
    positive = [c for c in q.children() if not isinstance(c, query.Not)]
    negative = [c.query for c in q.children() if isinstance(c, query.Not)]
    if not positive:
        result = ev.every()
    else:
        parts = sorted((ev.evaluate(c) for c in positive), key=len)
        result = parts[0]
        for other in parts[1:]:
            result = {d: s + other[d] for d, s in result.items() if d in other}
            if not result:
                return result
    for neg in negative:
        excluded = ev.evaluate(neg)
        result = {d: s for d, s in result.items() if d not in excluded}
    return result


def _or(ev: Evaluator, q: query.Or) -> Scores:
    result: Scores = {}
    for child in q.children():
        if isinstance(child, query.Not):
            part = _not(ev, child)
        else:
            part = ev.evaluate(child)
        if len(part) > len(result):
            result, part = part, result
        get = result.get
        result.update({d: get(d, 0.0) + s for d, s in part.items()})
    return result


def _not(ev: Evaluator, q: query.Not) -> Scores:
    excluded = ev.evaluate(q.query)
    return {d: 0.0 for d in ev.table.by_day if d not in excluded}


def _and_not(ev: Evaluator, q: query.AndNot) -> Scores:
    excluded = ev.evaluate(q.b)
    return {d: s for d, s in ev.evaluate(q.a).items() if d not in excluded}


def _and_maybe(ev: Evaluator, q: query.AndMaybe) -> Scores:
    extra = ev.evaluate(q.b)
    return {d: s + extra.get(d, 0.0) for d, s in ev.evaluate(q.a).items()}


def _phrase(ev: Evaluator, q: query.Phrase) -> Scores:
    pairs_field = _PAIR_FIELDS.get(q.fieldname)
    if pairs_field is None or q.slop != 1:
        return ev._fallback(q)
    words = list(q.words)
    if len(words) < 2:
        return ev.term(q.fieldname, words[0], q.boost) if words else {}
    pairs = [f"{a}{PAIR_SEPARATOR}{b}" for a, b in zip(words, words[1:])]
    result = _and(ev, query.And([query.Term(pairs_field, p, boost=q.boost) for p in pairs]))
    if len(words) > 2:
        wanted, stored = tuple(words), ev.searcher.stored_fields
        result = {d: s for d, s in result.items() if _has_run(stored(d).get(q.fieldname, ""), wanted)}
    return result


def _has_run(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text`'s stems hold `words` in a row, as the index analyzes it."""
    stems = [t.text for t in QUOTE_ANALYZER(text)]
    n = len(words)
    return any(tuple(stems[i:i + n]) == words for i in range(len(stems) - n + 1))


def _prefix(ev: Evaluator, q: query.Prefix) -> Scores:
    terms = []
    for text in ev.reader.expand_prefix(q.fieldname, q.text):
        terms.append(query.Term(q.fieldname, text.decode("utf-8") if isinstance(text, bytes) else text, boost=q.boost))
        if len(terms) >= MAX_EXPANSIONS:
            break
    return _or(ev, query.Or(terms)) if terms else {}


def _every(ev: Evaluator, q: query.Every) -> Scores:
    return ev.every()


_HANDLERS: dict[type, Callable[[Evaluator, query.Query], Scores]] = {
    query.Term: _term, query.And: _and, query.Or: _or, query.Not: _not, query.AndNot: _and_not,
    query.AndMaybe: _and_maybe, query.Phrase: _phrase, query.Prefix: _prefix, query.Every: _every,
    type(query.NullQuery): lambda ev, q: {},
}
