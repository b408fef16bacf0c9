"""Indexing runs: incremental by content hash, parallel, pruning, crash-safe, with progress.

A run takes the index's write lock (`store.WriteLock`), reads what the index already holds
(article hashes, the recorded sources, speaker statistics), scans the paths (or the recorded
sources when none are given), hashes each file and skips the unchanged ones without parsing
them. Worker processes (`workers.py`) extract the rest into new segments; the parent then
deletes replaced and pruned articles, rewrites the speaker documents and the `meta`
document, and commits everything in one new generation. A killed run leaves the previous
generation; `--rebuild` writes a generation made only of the new segments, so a running
server switches from the complete old index to the complete new one.

Speaker merging (`aliases.merge_keys`) runs over statistics kept in the speaker documents
(each canonical speaker's extractor keys with the names seen and their counts), updated by
subtracting removed articles and adding new ones, so it never rereads every quote.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from whoosh import index, query
from whoosh.codec.base import Segment
from whoosh.searching import Searcher
from whoosh.writing import SegmentWriter

from .aliases import Aliases, merge_keys
from .extraction import extract_file
from .loading import LoadError, iter_files, read_file
from .models import Article
from .schema import (
    QUOTE_ANALYZER,
    SCHEMA,
    SPEAKER_ANALYZER,
    article_key,
    documents_for,
    file_hash,
    quote_speaker_key,
)
from .store import (
    IndexLockedError,
    NoIndexError,
    NotAnIndexError,
    OutdatedIndexError,
    Storage,
    WriteLock,
    column,
    commit_toc,
    exists,
    is_current,
    is_foreign,
    open_index,
    remove_leftovers,
    sweep,
)
from .workers import Done, Make, Task, add, finish, new_writer, run_workers

__all__ = [
    "QUOTE_ANALYZER", "SPEAKER_ANALYZER", "SCHEMA", "IndexLockedError", "IndexSummary", "NoIndexError",
    "NoSourcesError", "NotAnIndexError", "OutdatedIndexError", "Progress", "Tally", "article_key",
    "documents_for", "file_hash", "index_articles", "index_paths", "open_index", "quote_speaker_key", "tally",
]


class NoSourcesError(Exception):
    """`index` was given no paths and the index records none to re-scan."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(f"no paths given and {index_dir} records no sources: run `quotesearch index PATH`")


@dataclass(frozen=True)
class Progress:
    """Where a run is: files handled of those found, quotes added, failures, elapsed seconds."""

    files: int
    total: int
    quotes: int
    failed: int
    seconds: float

    @property
    def rate(self) -> float:
        """Files handled per second so far."""
        return self.files / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, None before there is a rate."""
        return (self.total - self.files) / self.rate if self.rate > 0 else None


@dataclass(frozen=True)
class IndexSummary:
    """What an indexing run did; `articles`, `quotes` and `speakers` describe the whole index
    after the run, `added` counts new and changed files, `pruned` removed ones."""

    articles: int
    added: int
    unchanged: int
    quotes: int
    speakers: int
    failures: tuple[str, ...]
    seconds: float
    pruned: int = 0
    found: int = 0

    def failure_kinds(self) -> Counter[str]:
        """Failures by kind: the reason without its details ("empty file", "not an article")."""
        kinds: Counter[str] = Counter()
        for failure in self.failures:
            kinds[failure_kind(failure)] += 1
        return kinds


def failure_kind(failure: str) -> str:
    """The kind of one `PATH: reason` failure: the reason up to a colon or parenthesis."""
    reason = failure.rsplit(": ", 1)[-1] if ": " in failure else failure
    for known in ("not an article", "malformed sidecar JSON", "file too large", "unsupported file type"):
        if known in failure:
            return known
    return reason.split("(")[0].strip() or "error"


@dataclass
class Tally:
    """Counts over the live documents of an index."""

    articles: int = 0
    quotes: int = 0
    speakers: Counter[str] = field(default_factory=Counter)
    speaker_names: dict[str, str] = field(default_factory=dict)
    earliest: dt.date | None = None
    latest: dt.date | None = None


def read_meta(searcher: Searcher) -> dict[str, Any]:
    """The index's `meta` document: sources, aliases fingerprint, counts and dated articles."""
    found = searcher.search(query.Term("kind", "meta"), limit=1)
    return dict(found[0].get("meta") or {}) if found else {}


def tally(searcher: Searcher) -> Tally:
    """Articles, quotes, speakers (canonical keys) and the date range, from the meta and
    speaker documents."""
    meta = read_meta(searcher)
    first, last = meta.get("earliest"), meta.get("latest")
    t = Tally(articles=meta.get("articles", 0), quotes=meta.get("quotes", 0),
              earliest=dt.date.fromordinal(first) if first else None,
              latest=dt.date.fromordinal(last) if last else None)
    for doc in searcher.documents(kind="speaker"):
        t.speakers[doc["speaker_key"]] = doc.get("count", 0)
        t.speaker_names[doc["speaker_key"]] = doc.get("speaker_name", doc["speaker_key"])
    return t


Stats = dict[str, Counter[str]]
"""Extractor speaker key → the names it was given, with their quote counts."""


@dataclass
class _State:
    """What a run knows of the index and changes in it."""

    known: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    stats: Stats = field(default_factory=dict)
    added: int = 0
    unchanged: int = 0
    quotes_added: int = 0
    replaced: set[str] = field(default_factory=set)
    pruned: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    days: Counter[int] = field(default_factory=Counter)
    found: int = 0


def _read_state(ix: index.Index) -> _State:
    """Article hashes and files, the meta document and the speaker statistics."""
    state = _State()
    with ix.searcher() as s:
        keys, hashes = column(s, "article"), column(s, "hash")
        for n in s.docs_for_query(query.Term("kind", "article")):
            state.known[keys(n)] = hashes(n)
        state.meta = read_meta(s)
        for doc in s.documents(kind="speaker"):
            for raw, names in (doc.get("raws") or {}).items():
                state.stats.setdefault(raw, Counter()).update(names)
    return state


def _article_files(ix: index.Index) -> dict[str, str]:
    """Article key → absolute file path of every indexed article (for --prune)."""
    with ix.searcher() as s:
        return {d["article"]: d.get("file", "") for d in s.documents(kind="article")}


class _Run:
    """One indexing run over an open index directory, holding its write lock."""

    def __init__(self, index_dir: Path, rebuild: bool, on_error: Callable[[LoadError], None] | None,
                 on_progress: Callable[[Progress], None] | None) -> None:
        self.index_dir = index_dir
        self.rebuild = rebuild
        self.on_error = on_error
        self.on_progress = on_progress
        self.started = time.perf_counter()
        if not exists(index_dir):
            index.create_in(str(index_dir), SCHEMA)
        ix = Storage(str(index_dir)).open_index()
        self.ix = ix
        if not is_current(ix):
            self.rebuild = True
        self.state = _State() if self.rebuild else _read_state(ix)
        self._last = 0.0

    def fail(self, err: LoadError | str) -> None:
        text = str(err)
        self.state.failures.append(text)
        if self.on_error:
            self.on_error(err if isinstance(err, LoadError) else LoadError(*text.split(": ", 1)))

    def progress(self, force: bool = False) -> None:
        now = time.perf_counter()
        if self.on_progress and (force or now - self._last >= 0.2):
            self._last = now
            s = self.state
            self.on_progress(Progress(s.added + s.unchanged + len(s.failures), s.found, s.quotes_added,
                                      len(s.failures), now - self.started))

    def done(self, result: Done) -> None:
        """Record one worker result."""
        s = self.state
        if result.error:
            self.fail(result.error)
        else:
            s.added += 1
            s.quotes_added += result.quotes
            if result.task.key in s.known:
                s.replaced.add(result.task.key)
            for raw, name in result.said:
                s.stats.setdefault(raw, Counter())[name] += 1
            if result.date is not None:
                s.days[result.date] += 1
        self.progress()

    def skip(self, key: str, digest: str) -> bool:
        """Whether the file with this key and hash is already indexed as it is."""
        self.state.seen.add(key)
        if not self.rebuild and self.state.known.get(key) == digest:
            self.state.unchanged += 1
            self.progress()
            return True
        return False

    def extract(self, tasks: Iterable[Task], make: Make, jobs: int) -> list[Segment]:
        """Run the tasks through `jobs` workers (in this process when `jobs` is 0)."""
        if jobs <= 0:
            writer: SegmentWriter | None = None
            try:
                for task in tasks:
                    writer = writer or new_writer(str(self.index_dir))
                    self.done(add(writer, task, make))
                segment = finish(writer)
                return [segment] if segment else []
            except BaseException:
                if writer is not None and not writer.is_closed:
                    writer.cancel()
                raise
        segments: list[Segment] = []
        for result in run_workers(str(self.index_dir), tasks, make, jobs):
            if isinstance(result, Done):
                self.done(result)
            else:
                segments = result
        return segments

    def commit(self, segments: list[Segment], sources: list[str], aliases: Aliases | None) -> bool:
        """Delete replaced and pruned articles, rewrite speakers and meta, commit it all as one
        generation. Returns False (and commits nothing) when nothing would change."""
        s = self.state
        fingerprint = _aliases_fingerprint(aliases)
        sources = sorted(set(sources) | set(s.meta.get("sources", ())))
        unchanged = (not segments and not s.pruned and not self.rebuild
                     and fingerprint == s.meta.get("aliases") and sources == s.meta.get("sources"))
        if unchanged:
            return False
        writer = new_writer(str(self.index_dir))
        try:
            meta: dict[str, Any] = {"articles": 0, "quotes": 0, "days": Counter()} if self.rebuild else {
                "articles": s.meta.get("articles", 0), "quotes": s.meta.get("quotes", 0),
                "days": Counter({int(k): v for k, v in s.meta.get("days", {}).items()})}
            if self.rebuild:
                writer.segments = []
                writer._setup_doc_offsets()
            else:
                self._remove(writer, s.replaced | s.pruned, meta)
            meta["articles"] += s.added
            meta["quotes"] += s.quotes_added
            meta["days"].update(s.days)
            writer.delete_by_term("kind", "speaker")
            writer.delete_by_term("kind", "meta")
            for doc in speaker_documents(s.stats, aliases):
                writer.add_document(**doc)
            days = {str(k): v for k, v in meta["days"].items() if v > 0}
            span = [int(d) for d in days]
            writer.add_document(kind="meta", meta={**meta, "days": days, "sources": sources, "aliases": fingerprint,
                                                   "earliest": min(span, default=None),
                                                   "latest": max(span, default=None)})
            final = writer._merge_segments(None, False, True) + segments
            final.append(writer._finalize_segment())
            commit_toc(writer, final)
            writer._finish()
        except BaseException:
            if not writer.is_closed:
                writer.cancel()
            raise
        return True

    def _remove(self, writer: SegmentWriter, keys: set[str], meta: dict[str, Any]) -> None:
        """Delete these articles' documents, taking their quotes out of the statistics."""
        if not keys:
            return
        s = self.state
        searcher = writer.searcher()
        for key in keys:
            for docnum in searcher.docs_for_query(query.Term("article", key)):
                doc = searcher.stored_fields(docnum)
                if doc.get("kind") == "article":
                    meta["articles"] -= 1
                    if doc.get("date"):
                        meta["days"][doc["date"].date().toordinal()] -= 1
                elif doc.get("kind") == "quote":
                    meta["quotes"] -= 1
                    raw = doc.get("speaker_raw")
                    if raw and raw in s.stats:
                        name = doc.get("speaker_name") or raw
                        s.stats[raw][name] -= 1
                        if s.stats[raw][name] <= 0:
                            del s.stats[raw][name]
                        if not s.stats[raw]:
                            del s.stats[raw]
            writer.delete_by_term("article", key)

    def summary(self) -> IndexSummary:
        with open_index(self.index_dir).searcher() as searcher:
            t = tally(searcher)
        s = self.state
        return IndexSummary(articles=t.articles, added=s.added, unchanged=s.unchanged, quotes=t.quotes,
                            speakers=len(t.speakers), failures=tuple(s.failures),
                            seconds=time.perf_counter() - self.started, pruned=len(s.pruned), found=s.found)


def _aliases_fingerprint(aliases: Aliases | None) -> str:
    if aliases is None:
        return ""
    text = repr((sorted(aliases.canonical.items()), sorted(aliases.names.items())))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def speaker_documents(stats: Stats, aliases: Aliases | None) -> list[dict[str, Any]]:
    """One document per canonical speaker: display name, quote count, the names seen and the
    extractor keys (with their names and counts) it is made of.

    The name is the aliases file's canonical name, else the commonest name whose own key is
    the canonical key, else the commonest name among its quotes.
    """
    counts = {raw: sum(names.values()) for raw, names in stats.items() if sum(names.values()) > 0}
    merged = merge_keys(counts, aliases)
    members: dict[str, list[str]] = {}
    for raw in counts:
        members.setdefault(merged[raw], []).append(raw)
    listed = aliases.names if aliases else {}
    docs = []
    for key, raws in sorted(members.items()):
        seen: Counter[str] = Counter()
        own: Counter[str] = Counter()
        for raw in raws:
            seen.update(stats[raw])
            if raw == key:
                own.update(stats[raw])
        name = listed.get(key) or (own or seen).most_common(1)[0][0]
        docs.append({"kind": "speaker", "speaker_key": key, "speaker_name": name, "count": sum(seen.values()),
                     "variants": [v for v, _ in seen.most_common(20)],
                     "raws": {raw: dict(stats[raw]) for raw in sorted(raws)}})
    return docs


def _under(file: str, roots: list[str]) -> bool:
    return any(file == root or file.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _prune(run: _Run, roots: list[str]) -> None:
    """Mark indexed articles under `roots` that this scan did not find."""
    for key, file in _article_files(run.ix).items():
        if key not in run.state.seen and _under(file, roots):
            run.state.pruned.add(key)


def _file_tasks(paths: list[Path], run: _Run) -> Iterator[Task]:
    """A task per new or changed file under `paths`; unchanged and unreadable files are
    counted as they are met. Files are hashed through `read_file`, so a pipe, a huge or a
    binary file is refused here with the same one-line reason, never read whole."""
    found: list[Path] = []
    keys: set[str] = set()
    for item in iter_files(paths):
        if isinstance(item, LoadError):
            run.fail(item)
            continue
        key = article_key(item)
        if key not in keys:
            keys.add(key)
            found.append(item)
    run.state.found = len(found) + len(run.state.failures)
    for path in found:
        key = article_key(path)
        try:
            digest = file_hash(read_file(path))
        except LoadError as err:
            run.state.seen.add(key)
            run.fail(err)
            continue
        if not run.skip(key, digest):
            yield Task(key, digest, path)


def _extract(path: Path, date: dt.date | None) -> Article:
    return extract_file(path, date=date)


def default_jobs() -> int:
    """Worker processes by default: one per available core."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _start(index_dir: Path, wait: float) -> WriteLock:
    if is_foreign(index_dir):
        raise NotAnIndexError(index_dir)
    lock = WriteLock(index_dir)
    lock.acquire(wait)
    remove_leftovers(index_dir)
    sweep(index_dir)
    return lock


def index_paths(
    paths: Iterable[str | Path],
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    prune: bool = False,
    date: dt.date | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    aliases: Aliases | None = None,
    jobs: int | None = None,
    wait: float = 0.0,
) -> IndexSummary:
    """Index every article file under `paths` into `index_dir`; no paths re-scans the sources
    the index recorded (raising `NoSourcesError` when there are none).

    Incremental by content hash: unchanged files are skipped without parsing and a changed
    file's documents are replaced. `prune` removes articles under the scanned paths whose
    files are gone. `rebuild` builds a fresh index and makes it visible only when complete.
    `date` overrides every article's own date. `jobs` worker processes extract and index
    (default: one per core; 0 works in this process). Each bad file is reported through
    `on_error` and the summary, and the run goes on; `on_progress` gets a `Progress` at most
    every 0.2 s. Raises `IndexLockedError` when another run holds the index for longer
    than `wait` seconds.
    """
    index_dir = Path(index_dir)
    given = [Path(p) for p in paths]
    lock = _start(index_dir, wait)
    try:
        run = _Run(index_dir, rebuild, on_error, on_progress)
        if not given:
            given = [Path(p) for p in run.state.meta.get("sources", ())]
            if not given:
                raise NoSourcesError(index_dir)
        roots = [str(p.resolve()) for p in given]
        segments = run.extract(_file_tasks(given, run), partial(_extract, date=date),
                               default_jobs() if jobs is None else jobs)
        if prune and not run.rebuild:
            _prune(run, roots)
        run.progress(force=True)
        run.commit(segments, roots, aliases)
        remove_leftovers(index_dir)
        return run.summary()
    finally:
        lock.release()


def index_articles(
    articles: Iterable[tuple[Article, str]], index_dir: str | Path, *, rebuild: bool = False,
    aliases: Aliases | None = None, jobs: int = 0,
) -> IndexSummary:
    """Index already-extracted `(article, file_hash)` pairs, keyed by `article.path`.

    Same incremental rules as `index_paths`; useful for tests and other pipelines. The
    articles are written in this process unless `jobs` > 0.
    """
    index_dir = Path(index_dir)
    lock = _start(index_dir, 0.0)
    try:
        run = _Run(index_dir, rebuild, None, None)

        def tasks() -> Iterator[Task]:
            for article, digest in articles:
                key = article_key(article.path)
                if not run.skip(key, digest):
                    yield Task(key, digest, article)

        segments = run.extract(tasks(), _same, jobs)
        run.commit(segments, [], aliases)
        remove_leftovers(index_dir)
        return run.summary()
    finally:
        lock.release()


def _same(article: Article) -> Article:
    return article
