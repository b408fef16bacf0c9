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

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.columns import FixedBytesColumn, VarBytesColumn
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .schema import UNDATED

NOT_A_QUOTE = -1
"""The `day` of a document that is not a live quote (an article, speaker or meta document,
or a deleted one)."""

_DIGEST_DIGITS = 16
"""`schema.words_digest` is 16 hex digits: 8 bytes, one unsigned 64-bit integer."""

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


@dataclass
class _Columns:
    """Per-document columns: `day` a quote's date ordinal (`UNDATED` without a date) or
    `NOT_A_QUOTE`; `length` the quote field's length; `confidence` the attribution's;
    `raw`/`source` index into `raws`/`sources` (0: none); `words` the words digest as an
    integer (0: none). One segment's, in its own document numbers, or a generation's."""

    day: np.ndarray
    length: np.ndarray
    confidence: np.ndarray
    raw: np.ndarray
    raws: list[str | None]
    source: np.ndarray
    sources: list[str | None]
    words: np.ndarray


_ARRAYS = ("day", "length", "confidence", "raw", "source", "words")
"""The `_Columns` fields that are per-document arrays (the others are value lists)."""


def _words(leaf: IndexReader, count: int) -> np.ndarray:
    """The `words` column (16 hex digits, or nothing) as integers, from one read."""
    words = np.zeros(count, dtype=np.uint64)
    reader = leaf.column_reader("words", translate=False)
    if isinstance(reader, VarBytesColumn.Reader) and count:
        lengths = np.asarray(reader._lengths)
        blob = reader._dbfile.get(reader._basepos, int(lengths.sum()))
        present = lengths > 0
        if not np.all(lengths[present] == _DIGEST_DIGITS):
            raise ValueError("words digests of unexpected length: rebuild the index")
        words[present] = np.frombuffer(bytes.fromhex(blob.decode("ascii")), dtype=">u8")
    return words


def _terms(leaf: IndexReader, fieldname: str, count: int) -> tuple[np.ndarray, list[str | None]]:
    """Each document's term of an ID field as a number into the returned values (0: none),
    from the field's posting lists: no per-document Python objects."""
    ids = np.zeros(count, dtype=np.int32)
    values: list[str | None] = [None]
    for term in leaf.lexicon(fieldname):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        ids[postings(leaf, fieldname, text)[0]] = len(values)
        values.append(text)
    return ids, values


def _numeric(reader: Any, dtype: str, count: int, default: int) -> np.ndarray:
    """A fixed-width numeric column (big-endian on disk) as an array of `count` values."""
    values = np.full(count, default, dtype=dtype)
    if isinstance(reader, FixedBytesColumn.Reader) and reader._count:
        stored = np.frombuffer(reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen),
                               dtype=np.dtype(dtype).newbyteorder(">"))
        values[:len(stored)] = stored
    return values


def _read_segment(leaf: IndexReader) -> _Columns:
    count = leaf.doc_count_all()
    words = _words(leaf, count)
    day = _numeric(leaf.column_reader("day", translate=False), "i4", count, UNDATED)
    day[words == 0] = NOT_A_QUOTE
    length_bytes = _numeric(leaf._perdoc._cached_reader("_quote_len", LENGTHS_COLUMN), "u1", count, 0)
    raw, raws = _terms(leaf, "speaker_raw", count)
    source, sources = _terms(leaf, "source", count)
    confidence = _numeric(leaf.column_reader("certainty", translate=False), "f4", count, 0)
    return _Columns(day, _LENGTH_OF_BYTE[length_bytes], confidence, raw, raws, source, sources, words)


_SEGMENTS: dict[tuple[str, str], _Columns] = {}
_TABLES: dict[tuple[str, int], DocTable] = {}
_LOCK = threading.Lock()
_TABLES_KEPT = 4


@dataclass
class DocTable(_Columns):
    """The columns over the global document numbers of one generation, and what search
    derives from them: `live` whether a document is a live quote, `quotes` how many are,
    `newest` a sort key putting the latest first and undated last. `deletions` tells
    whether any segment has deleted documents (their postings remain)."""

    deletions: bool = False
    live: np.ndarray = field(init=False)
    quotes: int = field(init=False)
    newest: np.ndarray = field(init=False)
    _groups: list[tuple[object, np.ndarray, int]] = field(default_factory=list)
    _norms: list[tuple[tuple[float, float], np.ndarray]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.live = self.day != NOT_A_QUOTE
        self.quotes = int(np.count_nonzero(self.live))
        self.newest = np.where(self.day < UNDATED, -self.day, UNDATED).astype(np.int32)

    @property
    def size(self) -> int:
        """The number of documents, live or not."""
        return len(self.day)

    def groups(self, owner: object, canonical: Callable[[str | None], str | None]) -> tuple[np.ndarray, int]:
        """Each document's group as a small integer, and the number of groups: same
        canonical speaker (by `canonical`, which `owner` holds: the generation's speaker
        table) and same words."""
        for held, ids, count in self._groups:
            if held is owner:
                return ids, count
        keys: dict[str | None, int] = {}
        speaker = np.array([keys.setdefault(canonical(r), len(keys)) for r in self.raws], dtype=np.int64)[self.raw]
        order = np.lexsort((self.words, speaker))
        step = np.ones(len(order), dtype=bool)
        step[1:] = (speaker[order][1:] != speaker[order][:-1]) | (self.words[order][1:] != self.words[order][:-1])
        ids = np.empty(len(order), dtype=np.int64)
        ids[order] = np.cumsum(step) - 1
        count = int(step.sum()) if len(order) else 0
        self._groups[:] = [(owner, ids, count)]
        return ids, count

    def digest(self, docnum: int) -> str:
        """A quote's words digest as indexed (`schema.words_digest`)."""
        return format(int(self.words[docnum]), f"0{_DIGEST_DIGITS}x")

    def length_norm(self, k1: float, b: float) -> np.ndarray:
        """BM25's length normalization of every document's quote field, computed once."""
        for key, values in self._norms:
            if key == (k1, b):
                return values
        lengths = self.length[self.live]
        average = float(lengths.mean()) if len(lengths) else 1.0
        values = k1 * (1 - b + b * self.length / (average or 1.0))
        self._norms[:] = [((k1, b), values)]
        return values


def _global(local: np.ndarray, values: list[str | None], numbers: dict[str | None, int]) -> np.ndarray:
    """A segment's value numbers turned into the generation's (`numbers`, extended)."""
    mapping = np.array([numbers.setdefault(v, len(numbers)) for v in values], dtype=np.int32)
    return mapping[local]


def _build(reader: IndexReader, folder: str) -> DocTable:
    empty = _Columns(np.zeros(0, "i4"), np.zeros(0), np.zeros(0, "f4"), np.zeros(0, "i4"), [], np.zeros(0, "i4"), [],
                     np.zeros(0, "u8"))
    parts = [empty]
    raws: dict[str | None, int] = {None: 0}
    sources: dict[str | None, int] = {None: 0}
    live_segments = set()
    deletions = False
    for leaf, _ in reader.leaf_readers():
        segment = leaf._segment
        key = (folder, segment.segment_id())
        live_segments.add(key)
        with _LOCK:
            cached = _SEGMENTS.get(key)
        if cached is None:
            cached = _read_segment(leaf)
            with _LOCK:
                _SEGMENTS[key] = cached
        day = cached.day
        if segment.has_deletions():
            deletions = True
            day = day.copy()
            day[list(segment.deleted_docs())] = NOT_A_QUOTE
        parts.append(_Columns(day, cached.length, cached.confidence, _global(cached.raw, cached.raws, raws), [],
                              _global(cached.source, cached.sources, sources), [], cached.words))
    with _LOCK:
        for key in [k for k in _SEGMENTS if k[0] == folder and k not in live_segments]:
            del _SEGMENTS[key]
    arrays: dict[str, Any] = {name: np.concatenate([getattr(p, name) for p in parts]) for name in _ARRAYS}  # `empty` sets the dtypes
    return DocTable(**arrays, raws=list(raws), sources=list(sources), deletions=deletions)


def doc_table(searcher: Searcher) -> DocTable:
    """The arrays of the generation `searcher` reads, built once and cached per generation."""
    reader = searcher.reader()
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    folder = str(Path(leaves[0]._storage.folder).resolve()) if leaves else ""
    key = (folder, reader.generation())
    with _LOCK:
        table = _TABLES.get(key)
    if table is None:
        table = _build(reader, folder)
        with _LOCK:
            _TABLES[key] = table
            while len(_TABLES) > _TABLES_KEPT:
                _TABLES.pop(next(iter(_TABLES)))
    return table


def postings(reader: IndexReader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The global document numbers and weights of a term's postings, in document order.

    Reads Whoosh's posting blocks directly: one unpickle per block (`workers.CODEC` writes
    1024 postings a block) instead of a matcher call per posting.
    """
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for leaf, base in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        m = leaf.postings(fieldname, text)
        if not isinstance(m, W3LeafMatcher):
            found: list[tuple[int, float]] = []
            while m.is_active():
                found.append((base + m.id(), m.weight()))
                m.next()
            ids.append(np.array([d for d, _ in found], dtype=np.int64))
            weights.append(np.array([w for _, w in found], dtype=np.float64))
            continue
        while True:
            m._read_data()
            deltas, block_weights = m._data[0], m._data[1]
            block = np.cumsum(np.array(deltas, dtype=np.int64))
            block += base
            ids.append(block)
            if block_weights is None or isinstance(block_weights, float):
                weights.append(np.full(len(block), block_weights or 1.0))
            else:
                weights.append(np.array(block_weights, dtype=np.float64))
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids), np.concatenate(weights)
