"""Per-document arrays of one index generation, and posting lists read in bulk.

Whoosh walks postings and columns one document at a time in Python (about 3 µs a match),
which made every broad query slow. Search instead reads what it needs in bulk, once:

- each segment's columns (date, quote length, speaker, outlet, words digest) as arrays,
  cached by segment id, since a segment never changes after it is written (only its
  deletions do, and those are read per generation);
- posting lists block by block (`postings`), ids and weights only, without Whoosh's
  per-posting matcher calls.

All Whoosh internals the search layer relies on are in this module.
"""
from __future__ import annotations

import bisect
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.columns import FixedBytesColumn, VarBytesColumn
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .schema import UNDATED

NOT_A_QUOTE = -1
"""The `day` of a document that is not a live quote (an article, speaker or meta document,
or a deleted one)."""


@dataclass(frozen=True)
class _Segment:
    """One segment's columns, in its own document numbers."""

    day: array
    length: array
    raw: list[str | None]
    words: list[bytes]
    source: list[str | None]


def _var_bytes(leaf: IndexReader, fieldname: str, count: int) -> list[bytes]:
    """A VarBytes column as one read and slices (the reader would seek once per document)."""
    reader = leaf.column_reader(fieldname, translate=False)
    if not isinstance(reader, VarBytesColumn.Reader):
        return [b""] * count
    lengths = reader._lengths
    blob = reader._dbfile.get(reader._basepos, sum(lengths))
    ends = list(accumulate(lengths))
    return [blob[end - n:end] for n, end in zip(lengths, ends)]


def _numeric(reader: Any, typecode: str, count: int, default: int) -> array:
    """A fixed-width numeric column (big-endian on disk) as an array of `count` values."""
    values = array(typecode)
    if isinstance(reader, FixedBytesColumn.Reader):
        values.frombytes(reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen))
        if sys.byteorder == "little":
            values.byteswap()
    values.extend([default] * (count - len(values)))
    return values


def _text(values: list[bytes]) -> list[str | None]:
    return [v.decode("utf-8") if v else None for v in values]


def _read_segment(leaf: IndexReader) -> _Segment:
    count = leaf.doc_count_all()
    words = _var_bytes(leaf, "words", count)
    day = _numeric(leaf.column_reader("day", translate=False), "i", count, UNDATED)
    for n, digest in enumerate(words):
        if not digest:
            day[n] = NOT_A_QUOTE
    lengths = _numeric(leaf._perdoc._cached_reader("_quote_len", LENGTHS_COLUMN), "B", count, 0)
    length = array("H", map(byte_to_length, lengths))
    return _Segment(day, length, _text(_var_bytes(leaf, "speaker_raw", count)), words,
                    _text(_var_bytes(leaf, "source", count)))


_SEGMENTS: dict[tuple[str, str], _Segment] = {}
_TABLES: dict[tuple[str, int], DocTable] = {}
_LOCK = threading.Lock()
_TABLES_KEPT = 4


@dataclass
class DocTable:
    """Arrays over the global document numbers of one generation.

    `day` is a live quote's date ordinal (`UNDATED` without a date) or `NOT_A_QUOTE`;
    `raw`/`source` index into `raws`/`sources` (0: none); `by_day` lists the live quotes
    ordered by (day, docnum), undated last, and `days` their days; `newest` is a sort key
    putting the latest first and undated last; `length` is the quote field's length;
    `deletions` whether any segment has deleted documents (their postings remain).
    """

    day: array
    length: array
    raw: array
    raws: list[str | None]
    source: array
    sources: list[str | None]
    words: list[bytes]
    by_day: array
    days: array
    newest: array
    average_length: float
    deletions: bool
    _groups: list[tuple[object, array]] = field(default_factory=list)
    _norms: list[tuple[tuple[str, float, float], list[float]]] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        """The number of live quotes."""
        return len(self.by_day)

    def between(self, low: int, high: int) -> Sequence[int]:
        """The live quotes dated `low`..`high` (ordinals, inclusive), oldest first."""
        return self.by_day[bisect.bisect_left(self.days, low):bisect.bisect_right(self.days, high)]

    def groups(self, owner: object, canonical: Callable[[str | None], str | None]) -> array:
        """Each document's group as a small integer: same canonical speaker (by
        `canonical`, which `owner` holds: the generation's speaker table) and same words."""
        for held, ids in self._groups:
            if held is owner:
                return ids
        keys = [canonical(r) for r in self.raws]
        numbers: dict[tuple[str | None, bytes], int] = {}
        ids = array("i", (numbers.setdefault((keys[r], w), len(numbers)) for r, w in zip(self.raw, self.words)))
        self._groups[:] = [(owner, ids)]
        return ids

    def length_norm(self, k1: float, b: float) -> list[float]:
        """BM25's length normalization of every document's quote field, computed once."""
        key = ("norm", k1, b)
        for held, values in self._norms:
            if held == key:
                return values
        average = self.average_length
        values = [k1 * (1 - b + b * n / average) for n in self.length]
        self._norms[:] = [(key, values)]
        return values

    def raw_ids(self, raws: Iterable[str]) -> set[int]:
        """The `raw` numbers of these speaker keys (those the index holds)."""
        wanted = set(raws)
        return {n for n, r in enumerate(self.raws) if r in wanted}


def _intern(values: Iterable[str | None], numbers: dict[str | None, int], out: array) -> None:
    for v in values:
        n = numbers.get(v)
        if n is None:
            n = numbers[v] = len(numbers)
        out.append(n)


def _build(reader: IndexReader, folder: str) -> DocTable:
    day, length, raw, source = array("i"), array("H"), array("i"), array("i")
    words: list[bytes] = []
    raws: dict[str | None, int] = {None: 0}
    sources: dict[str | None, int] = {None: 0}
    live_segments = set()
    deletions = False
    for leaf, base in reader.leaf_readers():
        segment = leaf._segment
        key = (folder, segment.segment_id())
        live_segments.add(key)
        with _LOCK:
            cached = _SEGMENTS.get(key)
        if cached is None:
            cached = _read_segment(leaf)
            with _LOCK:
                _SEGMENTS[key] = cached
        seg_day = cached.day
        if segment.has_deletions():
            deletions = True
            seg_day = array("i", seg_day)
            for n in segment.deleted_docs():
                seg_day[n] = NOT_A_QUOTE
        day.extend(seg_day)
        length.extend(cached.length)
        _intern(cached.raw, raws, raw)
        _intern(cached.source, sources, source)
        words.extend(cached.words)
    with _LOCK:
        for key in [k for k in _SEGMENTS if k[0] == folder and k not in live_segments]:
            del _SEGMENTS[key]
    by_day = array("i", sorted((n for n, d in enumerate(day) if d != NOT_A_QUOTE), key=day.__getitem__))
    days = array("i", map(day.__getitem__, by_day))
    newest = array("i", (-d if d < UNDATED else UNDATED for d in day))
    lengths = [length[n] for n in by_day]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    return DocTable(day, length, raw, list(raws), source, list(sources), words, by_day, days, newest,
                    average or 1.0, deletions)


def doc_table(searcher: Searcher) -> DocTable:
    """The arrays of the generation `searcher` reads, built once and cached per generation."""
    reader = searcher.reader()
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    folder = str(Path(leaves[0]._storage.folder).resolve()) if leaves else ""
    key = (folder, reader.generation())
    with _LOCK:
        table = _TABLES.get(key)
    if table is None:
        table = _build(searcher.reader(), folder)
        with _LOCK:
            _TABLES[key] = table
            while len(_TABLES) > _TABLES_KEPT:
                _TABLES.pop(next(iter(_TABLES)))
    return table


def postings(reader: IndexReader, fieldname: str, text: str) -> tuple[list[int], list[float]]:
    """The global document numbers and weights of a term's postings, in document order.

    Reads Whoosh's posting blocks directly: one unpickle per 128 postings instead of a
    matcher call per posting.
    """
    ids: list[int] = []
    weights: list[float] = []
    for leaf, base in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        m = leaf.postings(fieldname, text)
        if not isinstance(m, W3LeafMatcher):
            while m.is_active():
                ids.append(base + m.id())
                weights.append(m.weight())
                m.next()
            continue
        while True:
            m._read_data()
            deltas, block_weights = m._data[0], m._data[1]
            first = len(ids)
            ids.extend(accumulate(deltas, initial=base))
            del ids[first]
            if block_weights is None or isinstance(block_weights, float):
                weights.extend([block_weights or 1.0] * len(deltas))
            else:
                weights.extend(block_weights)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    return ids, weights
