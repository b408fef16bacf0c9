"""Evaluate a parsed query into the matching quotes and their scores, from whole posting lists.

Each term's posting list is read in bulk (`doctable.postings`) and spread into two arrays
over every document of the generation: a mask of matches and their scores. AND, OR and NOT
are then array operations (numpy, in C) instead of Whoosh's matcher tree, which runs in
Python for every candidate. Scores are BM25 (k1 1.2, b 0.75, like Whoosh's default) with
the query's field boosts. A quote or title phrase is the intersection of its adjacent word
pairs (`pairs`, `title_pairs`); phrases of three or more words are then checked against
the stored text, so a quote that has "a b" and "b c" apart never matches "a b c".
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from whoosh import query
from whoosh.searching import Searcher

from .doctable import DocTable, postings
from .schema import PAIR_SEPARATOR, QUOTE_ANALYZER

K1 = 1.2
B = 0.75
MAX_EXPANSIONS = 1024
"""A prefix query searches at most this many words that start with it (in word order)."""

_LENGTH_NORMALIZED = frozenset({"quote"})
_QUOTE_FIELDS = frozenset({"quote", "pairs", "title", "title_pairs", "speaker_words", "speaker_raw"})
"""Fields only quote documents have: without deletions, their postings need no liveness check."""
_PAIR_FIELDS = {"quote": "pairs", "title": "title_pairs"}
"""The fields indexed without positions and the field of their adjacent word pairs."""


@dataclass
class Matches:
    """Which documents match (`mask`) and their scores (0 where they don't)."""

    mask: np.ndarray
    scores: np.ndarray


class Evaluator:
    """Evaluates queries against one searcher and its `DocTable`."""

    def __init__(self, searcher: Searcher, table: DocTable) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.table = table

    def evaluate(self, q: query.Query) -> Matches:
        """Every live quote `q` matches, with its score."""
        handler = _HANDLERS.get(type(q))
        return handler(self, q) if handler is not None else self._fallback(q)

    def none(self) -> Matches:
        """Nothing matches."""
        return Matches(np.zeros(self.table.size, dtype=bool), np.zeros(self.table.size))

    def every(self) -> Matches:
        """Every live quote, unscored."""
        return Matches(self.table.live.copy(), np.zeros(self.table.size))

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> Matches:
        """A term's live quotes with their BM25 scores."""
        ids, scores = self._scored(fieldname, text, boost)
        found = self.none()
        found.mask[ids] = True
        found.scores[ids] = scores
        return self._live(found, fieldname)

    def any_term(self, fieldname: str, texts: list[str], boost: float = 1.0) -> Matches:
        """The quotes with any of `texts`, their scores summed: one pass over all the posting
        lists instead of one pass over every document per term (a prefix may expand to
        hundreds of words)."""
        parts = [self._scored(fieldname, text, boost) for text in texts]
        ids = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
        scores = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0)
        size = self.table.size
        return self._live(Matches(np.bincount(ids, minlength=size) > 0, np.bincount(ids, scores, minlength=size)),
                          fieldname)

    def _scored(self, fieldname: str, text: str, boost: float) -> tuple[np.ndarray, np.ndarray]:
        """A term's document numbers and BM25 scores."""
        ids, weights = postings(self.reader, fieldname, text)
        df = len(ids)
        n = max(self.table.quotes, df, 1)
        top = math.log(1 + (n - df + 0.5) / (df + 0.5)) * boost * (K1 + 1)
        norm = self.table.length_norm(K1, B)[ids] if fieldname in _LENGTH_NORMALIZED else K1
        return ids, top * weights / (weights + norm)

    def _live(self, found: Matches, fieldname: str) -> Matches:
        if self.table.deletions or fieldname not in _QUOTE_FIELDS:
            _keep(found, self.table.live)
        return found

    def _fallback(self, q: query.Query) -> Matches:
        """Queries this module has no fast path for go through Whoosh, with a constant score."""
        found = self.none()
        ids = np.fromiter(self.searcher.docs_for_query(q), dtype=np.int64)
        found.mask[ids] = True
        _keep(found, self.table.live)
        found.scores[found.mask] = 1.0
        return found


def _keep(m: Matches, mask: np.ndarray) -> None:
    """Narrow `m` to `mask`, in place."""
    m.mask &= mask
    m.scores[~m.mask] = 0.0


def _term(ev: Evaluator, q: query.Term) -> Matches:
    return ev.term(q.fieldname, q.text, q.boost)


def _and(ev: Evaluator, q: query.And) -> Matches:
    positive = [c for c in q.children() if not isinstance(c, query.Not)]
    negative = [c.query for c in q.children() if isinstance(c, query.Not)]
    result = ev.evaluate(positive[0]) if positive else ev.every()
    for child in positive[1:]:
        other = ev.evaluate(child)
        result.mask &= other.mask
        result.scores += other.scores
    for child in negative:
        result.mask &= ~ev.evaluate(child).mask
    result.scores[~result.mask] = 0.0
    return result


def _or(ev: Evaluator, q: query.Or) -> Matches:
    result = ev.none()
    for child in q.children():
        other = ev.evaluate(child)
        result.mask |= other.mask
        result.scores += other.scores
    return result


def _not(ev: Evaluator, q: query.Not) -> Matches:
    result = ev.every()
    result.mask &= ~ev.evaluate(q.query).mask
    return result


def _and_not(ev: Evaluator, q: query.AndNot) -> Matches:
    result = ev.evaluate(q.a)
    _keep(result, ~ev.evaluate(q.b).mask)
    return result


def _and_maybe(ev: Evaluator, q: query.AndMaybe) -> Matches:
    result = ev.evaluate(q.a)
    result.scores += ev.evaluate(q.b).scores
    result.scores[~result.mask] = 0.0
    return result


def _phrase(ev: Evaluator, q: query.Phrase) -> Matches:
    pairs_field = _PAIR_FIELDS.get(q.fieldname)
    if pairs_field is None or q.slop != 1:
        return ev._fallback(q)
    words = list(q.words)
    if len(words) < 2:
        return ev.term(q.fieldname, words[0], q.boost) if words else ev.none()
    pairs = [f"{a}{PAIR_SEPARATOR}{b}" for a, b in zip(words, words[1:])]
    result = _and(ev, query.And([query.Term(pairs_field, p, boost=q.boost) for p in pairs]))
    if len(words) > 2:
        wanted, stored = tuple(words), ev.searcher.stored_fields
        for d in np.flatnonzero(result.mask).tolist():
            if not _has_run(stored(d).get(q.fieldname, ""), wanted):
                result.mask[d] = False
                result.scores[d] = 0.0
    return result


def _has_run(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text`'s stems hold `words` in a row, as the index analyzes it."""
    stems = [t.text for t in QUOTE_ANALYZER(text)]
    n = len(words)
    return any(tuple(stems[i:i + n]) == words for i in range(len(stems) - n + 1))


def _prefix(ev: Evaluator, q: query.Prefix) -> Matches:
    texts: list[str] = []
    for text in ev.reader.expand_prefix(q.fieldname, q.text):
        texts.append(text.decode("utf-8") if isinstance(text, bytes) else text)
        if len(texts) >= MAX_EXPANSIONS:
            break
    return ev.any_term(q.fieldname, texts, q.boost)


_HANDLERS: dict[type, Callable[[Evaluator, query.Query], Matches]] = {
    query.Term: _term, query.And: _and, query.Or: _or, query.Not: _not, query.AndNot: _and_not,
    query.AndMaybe: _and_maybe, query.Phrase: _phrase, query.Prefix: _prefix,
    query.Every: lambda ev, q: ev.every(), type(query.NullQuery): lambda ev, q: ev.none(),
}
