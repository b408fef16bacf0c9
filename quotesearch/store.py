"""Where the Whoosh index lives on disk: opening it, the writers' lock, and searchers that
are shared across requests until the index changes.

Crash safety rests on Whoosh's commit: segment files are written first and a run becomes
visible only when the new table of contents (`_MAIN_<generation>.toc`) is renamed into
place, so a killed run leaves the previous generation readable. Files a killed run leaves
behind (unreferenced segments, our hidden temporary folders) are removed by the next run.
"""
from __future__ import annotations

import atexit
import errno
import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.codec.base import Segment
from whoosh.index import TOC, clean_files
from whoosh.writing import SegmentWriter
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.reading import IndexReader, SegmentReader
from whoosh.searching import Searcher

from .schema import SCHEMA

LOCK_FILE = ".quotesearch.lock"
WHOOSH_LOCK = "MAIN_WRITELOCK"
_TEMP_PREFIX = ".tmp-"


class NoIndexError(Exception):
    """There is no index in the given directory."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(f"no index at {index_dir}: run `quotesearch index PATH`")
        self.index_dir = str(index_dir)


class IndexLockedError(Exception):
    """Another process holds the index's write lock."""

    def __init__(self, index_dir: str | Path, holder: str = "") -> None:
        who = f" (pid {holder})" if holder else ""
        super().__init__(f"index {index_dir} is being written by another process{who}")
        self.index_dir = str(index_dir)


class OutdatedIndexError(Exception):
    """The index was built by an older quotesearch whose fields differ."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(f"the index at {index_dir} was built by an older quotesearch: "
                         "run `quotesearch index PATH --rebuild`")
        self.index_dir = str(index_dir)


class NotAnIndexError(Exception):
    """The index directory holds other files: refuse to write into or replace it."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(f"{index_dir} is not empty and is not a quotesearch index; choose another directory")
        self.index_dir = str(index_dir)


class Storage(FileStorage):
    """A FileStorage whose writers each get their own hidden temporary folder in the index
    directory (Whoosh would share one `MAIN.tmp` among all writers and delete it under them),
    and whose tables of contents are read into memory, so that an unreadable one leaves no open
    file behind (Whoosh raises without closing it)."""

    def temp_storage(self, name: str | None = None) -> FileStorage:
        unique = f"{_TEMP_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
        return FileStorage(os.path.join(self.folder, unique)).create()

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        if not name.endswith(".toc"):
            return super().open_file(name, **kwargs)
        with open(self._fpath(name), "rb") as fh:
            return BufferFile(fh.read(), name=name)


def is_current(ix: index.Index) -> bool:
    """Whether the index has this quotesearch's fields."""
    return set(ix.schema.names()) == set(SCHEMA.names())


def exists(index_dir: str | Path) -> bool:
    """Whether `index_dir` holds a Whoosh index."""
    return os.path.isdir(index_dir) and Storage(str(index_dir)).index_exists()


def open_index(index_dir: str | Path) -> index.Index:
    """Open an existing index, raising `NoIndexError` when there is none and
    `OutdatedIndexError` when an older quotesearch built it."""
    if not exists(index_dir):
        raise NoIndexError(index_dir)
    ix = Storage(str(index_dir)).open_index()
    if not is_current(ix):
        raise OutdatedIndexError(index_dir)
    return ix


def is_foreign(index_dir: Path) -> bool:
    """True when `index_dir` is a file, or a directory holding other things than an index.

    Hidden files (such as the repository's `index/.gitignore`) don't count.
    """
    if not index_dir.exists() or exists(index_dir):
        return False
    return not index_dir.is_dir() or any(not p.name.startswith(".") for p in index_dir.iterdir())


def _try_flock(path: Path) -> int | None:
    """An open descriptor of `path` holding an exclusive flock, or None if another holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        os.close(fd)
        if err.errno not in (errno.EAGAIN, errno.EACCES):
            raise
        return None
    return fd


class WriteLock:
    """The one-writer lock of an index: an exclusive `flock` on `.quotesearch.lock`, which
    holds the writer's pid for the message others get, and on Whoosh's own `MAIN_WRITELOCK`
    so that no other Whoosh writer runs meanwhile.

    The kernel drops a flock when its process dies, however it dies, so lock files left by
    a killed run never block the next one.
    """

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.path = index_dir / LOCK_FILE
        self._fds: list[int] = []

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, retrying for up to `wait` seconds; raises `IndexLockedError`."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while True:
            ours = _try_flock(self.path)
            if ours is not None:
                whoosh = _try_flock(self.index_dir / WHOOSH_LOCK)
                if whoosh is not None:
                    break
                os.close(ours)
            if time.monotonic() >= deadline:
                raise IndexLockedError(self.index_dir, self.holder()) from None
            time.sleep(0.1)
        os.ftruncate(ours, 0)
        os.pwrite(ours, f"{os.getpid()}\n".encode(), 0)
        self._fds = [ours, whoosh]

    def holder(self) -> str:
        """The pid recorded by the process holding the lock, if any."""
        try:
            return self.path.read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            return ""

    def release(self) -> None:
        """Give the lock up (the files stay; only the flocks matter)."""
        if self._fds:
            os.ftruncate(self._fds[0], 0)
        for fd in self._fds:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        self._fds = []


def remove_leftovers(index_dir: Path) -> None:
    """Delete the temporary folders of writers that died (call while holding the lock)."""
    for entry in index_dir.glob(f"{_TEMP_PREFIX}*"):
        shutil.rmtree(entry, ignore_errors=True)


GRACE = 600.0
"""Seconds a replaced generation's files are kept for searchers still reading them."""


def commit_toc(writer: SegmentWriter, segments: list[Segment]) -> None:
    """Make `segments` the index's next generation by writing its table of contents (an
    atomic rename). Unlike Whoosh's own commit this deletes nothing: searchers in other
    processes may still be reading the previous generation's files (`sweep` removes them)."""
    TOC(writer.schema, segments, writer.generation).write(writer.storage, writer.indexname)


def sweep(index_dir: Path, grace: float = GRACE) -> None:
    """Delete older generations and the segment files no generation uses, once the latest
    generation is `grace` seconds old; files of unfinished runs go too. Call while holding
    the lock, before any writer of this run starts."""
    if not exists(index_dir):
        return
    storage = Storage(str(index_dir))
    ix = index.FileIndex(storage)
    generation = ix.latest_generation()
    if time.time() - storage.file_modified(TOC._filename(ix.indexname, generation)) < grace:
        return
    clean_files(storage, ix.indexname, generation, ix._read_toc().segments)


def warm(reader: IndexReader) -> None:
    """Open every column file of every segment now.

    Whoosh opens column files lazily; a commit by another process may delete the files of
    segments it merged away, and a searcher still reading the old generation would then miss
    them. An open file survives its deletion, so a searcher opened through `shared_searcher`
    keeps answering from its generation until it is replaced.
    """
    for leaf, _ in reader.leaf_readers():
        if not isinstance(leaf, SegmentReader):
            continue
        perdoc = leaf._perdoc  # the W3PerDocReader: no public way to open its columns early
        storage = leaf._storage
        prefix = leaf._segment.make_filename(".")
        for name in storage.list():
            if name.startswith(prefix) and name.endswith(".col"):
                field = name[len(prefix):-len(".col")]
                if field not in perdoc._colfiles:
                    perdoc._colfiles[field] = perdoc._get_column_file(field)


def column(searcher: Searcher, fieldname: str) -> Callable[[int], Any]:
    """Document number → the field's column value as stored (str for ID fields, None when the
    document has none)."""
    reader = searcher.reader()
    if not reader.doc_count_all() or not reader.has_column(fieldname):
        return lambda n: None
    values = reader.column_reader(fieldname, translate=True)

    def value(docnum: int) -> Any:
        try:
            return values[docnum]
        except IndexError:  # a segment whose last documents have no value stores a shorter column
            return None

    return value


_LOCAL = threading.local()
MAX_SHARED = 4
_Cache = dict[str, tuple[int, Searcher]]
_CACHES: dict[threading.Thread, _Cache] = {}
_CACHES_LOCK = threading.Lock()


def _thread_cache() -> _Cache:
    """This thread's searchers; the searchers of threads that ended are closed."""
    cache: _Cache | None = getattr(_LOCAL, "searchers", None)
    if cache is None:
        cache = _LOCAL.searchers = {}
        with _CACHES_LOCK:
            for thread in [t for t in _CACHES if not t.is_alive()]:
                _close_all(_CACHES.pop(thread))
            _CACHES[threading.current_thread()] = cache
    return cache


def _close_all(cache: _Cache) -> None:
    while cache:
        cache.popitem()[1][1].close()


@atexit.register
def close_shared() -> None:
    """Close every shared searcher (at exit, so no file is left for the garbage collector)."""
    with _CACHES_LOCK:
        for cache in _CACHES.values():
            _close_all(cache)


def shared_searcher(index_dir: str | Path) -> Searcher:
    """A warm searcher over the latest generation, reused by every call from this thread
    until a new generation is committed.

    Whoosh searchers read files by seek-then-read, so one is never shared across threads.
    Raises `NoIndexError` or `OutdatedIndexError` like `open_index`. Callers must not close
    it and must not keep it past their request: the next call from this thread closes it
    when the index has changed. Each thread keeps searchers for `MAX_SHARED` directories.
    """
    cache = _thread_cache()
    key = os.path.abspath(index_dir)
    held = cache.pop(key, None)
    if not exists(index_dir):
        if held:
            held[1].close()
        raise NoIndexError(index_dir)
    if held and held[0] == index.FileIndex(Storage(key)).latest_generation():
        cache[key] = held
        return held[1]
    if held:
        held[1].close()
    searcher = open_index(index_dir).searcher()
    warm(searcher.reader())
    cache[key] = (searcher.reader().generation(), searcher)
    while len(cache) > MAX_SHARED:
        cache.pop(next(iter(cache)))[1].close()
    return searcher
