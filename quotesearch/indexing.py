"""The Whoosh index: schema, incremental build by content hash, and atomic rebuild.

The index holds one document per quote, one per article (with its whole text, for the
article view; articles without quotes are recorded too, with their file hash) and one per
speaker (`kind` is "quote", "article" or "speaker"). After every run the speakers are merged
across articles (`aliases.merge_keys`): each quote's `speaker_key` becomes its canonical key
and the speaker documents are written afresh with names, variants and counts.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import fields, index, query
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from . import names
from .aliases import Aliases, merge_keys
from .extraction import extract_file
from .grouping import group_key
from .loading import LoadError, iter_files
from .models import Article, Quote
from .outlets import outlet

QUOTE_ANALYZER = StemmingAnalyzer()
"""Analyzer of the `quote` and `title` fields; search.py stems query words with it too."""

SPEAKER_ANALYZER = StandardAnalyzer()
"""Analyzer of `speaker_words`: lowercased words of the speaker's name and role."""

SCHEMA = fields.Schema(
    kind=fields.ID(stored=True),
    quote=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True, stored=True),
    speaker_key=fields.ID(stored=True, sortable=True),
    speaker_raw=fields.STORED(),
    speaker_name=fields.STORED(),
    speaker_words=fields.TEXT(analyzer=SPEAKER_ANALYZER, phrase=True),
    role=fields.STORED(),
    cue=fields.STORED(),
    confidence=fields.STORED(),
    date=fields.DATETIME(stored=True, sortable=True),
    month=fields.ID(stored=True, sortable=True),
    title=fields.TEXT(analyzer=QUOTE_ANALYZER, phrase=True, stored=True),
    path=fields.ID(stored=True),
    url=fields.STORED(),
    source=fields.ID(stored=True, sortable=True),
    article=fields.ID(stored=True),
    group=fields.ID(stored=True, sortable=True),
    hash=fields.STORED(),
    context=fields.STORED(),
    start=fields.STORED(),
    end=fields.STORED(),
    author=fields.STORED(),
    text=fields.STORED(),
    count=fields.STORED(),
    variants=fields.STORED(),
)
"""Quote documents carry the quote fields; article documents `text` and `hash`; speaker
documents `speaker_key`, `speaker_name`, `count` (quotes) and `variants` (names seen)."""


class NoIndexError(Exception):
    """There is no index in the given directory."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(f"no index at {index_dir}: run `quotesearch index PATH`")
        self.index_dir = str(index_dir)


class IndexLockedError(Exception):
    """Another process holds the index's write lock."""

    def __init__(self, index_dir: str | Path) -> None:
        super().__init__(f"index {index_dir} is being written by another process")
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


@dataclass(frozen=True)
class IndexSummary:
    """What an indexing run did; totals describe the whole index after the run."""

    articles: int
    added: int
    unchanged: int
    quotes: int
    speakers: int
    failures: tuple[str, ...]
    seconds: float


@dataclass
class Tally:
    """Counts over the live documents of an index."""

    articles: int = 0
    quotes: int = 0
    speakers: Counter[str] = field(default_factory=Counter)
    speaker_names: dict[str, str] = field(default_factory=dict)
    earliest: dt.date | None = None
    latest: dt.date | None = None


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


def _as_datetime(date: dt.date | None) -> dt.datetime | None:
    return dt.datetime(date.year, date.month, date.day) if date else None


def _present(doc: dict[str, Any]) -> dict[str, Any]:
    """Whoosh rejects None values: leave missing fields out."""
    return {k: v for k, v in doc.items() if v is not None and v != ""}


def documents_for(article: Article, file_hash: str, key: str | None = None) -> list[dict[str, Any]]:
    """The Whoosh documents for one article: its article document, then one per quote.

    `key` defaults to `article_key(article.path)`; pure.
    """
    key = key or article_key(article.path)
    date = _as_datetime(article.date)
    common = {"date": date, "month": date.strftime("%Y-%m") if date else None, "title": article.title,
              "path": article.path, "url": article.url, "source": outlet(article.url, article.path),
              "article": key, "author": article.author}
    docs = [_present({"kind": "article", "hash": file_hash, "text": article.text, **common})]
    for q in article.quotes:
        raw = quote_speaker_key(q)
        docs.append(_present({
            "kind": "quote", "quote": q.quote, "speaker_key": raw, "speaker_raw": raw,
            "speaker_name": q.speaker, "role": q.role, "cue": q.cue,
            "confidence": round(float(q.confidence), 3), "context": q.context, "start": q.start, "end": q.end,
            **_speaker_fields(raw, q.speaker, q.role, q.quote), **common,
        }))
    return docs


def _speaker_fields(key: str | None, name: str | None, role: str | None, quote: str) -> dict[str, Any]:
    """The fields that follow a quote's (canonical) speaker key: search words and group."""
    return {"speaker_words": " ".join(w for w in (name, role, key) if w) or None,
            "group": group_key(key, quote)}


def _is_current(ix: index.Index) -> bool:
    return set(ix.schema.names()) == set(SCHEMA.names())


def open_index(index_dir: str | Path) -> index.Index:
    """Open an existing index, raising `NoIndexError` when there is none and
    `OutdatedIndexError` when an older quotesearch built it."""
    if not os.path.isdir(index_dir) or not index.exists_in(str(index_dir)):
        raise NoIndexError(index_dir)
    ix = index.open_dir(str(index_dir))
    if not _is_current(ix):
        raise OutdatedIndexError(index_dir)
    return ix


def _count(searcher: Searcher, q: query.Query) -> int:
    return len(searcher.search(q, limit=1, scored=False))


def _edge_date(searcher: Searcher, newest: bool) -> dt.date | None:
    dated = query.And([query.Term("kind", "article"), query.DateRange("date", None, None)])
    hits = searcher.search(dated, limit=1, sortedby="date", reverse=newest)
    return hits[0]["date"].date() if hits else None


def tally(searcher: Searcher) -> Tally:
    """Count articles, quotes and speakers (canonical keys) and find the date range."""
    t = Tally(articles=_count(searcher, query.Term("kind", "article")),
              quotes=_count(searcher, query.Term("kind", "quote")),
              earliest=_edge_date(searcher, newest=False), latest=_edge_date(searcher, newest=True))
    for doc in searcher.documents(kind="speaker"):
        t.speakers[doc["speaker_key"]] = doc.get("count", 0)
        t.speaker_names[doc["speaker_key"]] = doc.get("speaker_name", doc["speaker_key"])
    return t


@dataclass
class _Run:
    """Mutable counters and failures of one indexing run."""

    on_error: Callable[[LoadError], None] | None
    aliases: Aliases | None = None
    added: int = 0
    unchanged: int = 0
    failures: list[str] = field(default_factory=list)

    def fail(self, err: LoadError) -> None:
        self.failures.append(str(err))
        if self.on_error:
            self.on_error(err)


Filler = Callable[[IndexWriter, dict[str, str], _Run], None]

# Writers use separate segment files: Whoosh copies a compound segment's parts into memory
# when reading them, so a search over a big index would copy every stored field.


def _write_article(writer: IndexWriter, article: Article, digest: str, key: str) -> None:
    """Replace whatever the index holds for `key` with `article`'s documents."""
    writer.delete_by_term("article", key)
    for doc in documents_for(article, digest, key):
        writer.add_document(**doc)


def _known_hashes(ix: index.Index) -> dict[str, str]:
    """Article key to file hash, for every article in the index."""
    with ix.searcher() as s:
        return {d["article"]: d.get("hash", "") for d in s.documents(kind="article")}


def _fill(ix: index.Index, fill: Filler, run: _Run, index_dir: Path, known: dict[str, str]) -> None:
    """Run `fill` inside one writer, committing once on success and cancelling otherwise."""
    try:
        writer = ix.writer(compound=False)
    except index.LockError:
        raise IndexLockedError(index_dir) from None
    try:
        fill(writer, known, run)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    _merge_speakers(ix, run.aliases, index_dir)


@dataclass(frozen=True)
class _Said:
    """What speaker merging needs of one quote document."""

    docnum: int
    raw: str
    key: str | None
    name: str


def _speaker_docs(quotes: list[_Said], merged: dict[str, str], aliases: Aliases | None) -> list[dict[str, Any]]:
    """One document per canonical speaker: display name, quote count and the names seen.

    The name is the aliases file's canonical name, else the commonest name whose own key is
    the canonical key, else the commonest name among its quotes.
    """
    counts: Counter[str] = Counter()
    own: dict[str, Counter[str]] = {}
    seen: dict[str, Counter[str]] = {}
    for said in quotes:
        key = merged[said.raw]
        counts[key] += 1
        seen.setdefault(key, Counter())[said.name] += 1
        if said.raw == key:
            own.setdefault(key, Counter())[said.name] += 1
    listed = aliases.names if aliases else {}
    docs = []
    for key, n in counts.items():
        name = listed.get(key) or (own.get(key) or seen[key]).most_common(1)[0][0]
        variants = [v for v, _ in seen[key].most_common(20)]
        docs.append({"kind": "speaker", "speaker_key": key, "speaker_name": name, "count": n, "variants": variants})
    return docs


def _merge_speakers(ix: index.Index, aliases: Aliases | None, index_dir: Path) -> None:
    """Give every quote its canonical speaker key and rewrite the speaker documents.

    Only the quotes whose key changes are rewritten, so an unchanged index costs one pass
    over the stored fields.
    """
    try:
        writer = ix.writer(compound=False)
    except index.LockError:
        raise IndexLockedError(index_dir) from None
    try:
        reader = writer.reader()
        try:
            quotes = [_Said(n, d["speaker_raw"], d.get("speaker_key"), d.get("speaker_name") or d["speaker_raw"])
                      for n, d in reader.iter_docs() if d.get("kind") == "quote" and "speaker_raw" in d]
            merged = merge_keys(Counter(said.raw for said in quotes), aliases)
            for said in quotes:
                key = merged[said.raw]
                if said.key != key:
                    doc = reader.stored_fields(said.docnum)
                    writer.delete_document(said.docnum)
                    fresh = {**doc, "speaker_key": key,
                             **_speaker_fields(key, doc.get("speaker_name"), doc.get("role"), doc["quote"])}
                    writer.add_document(**_present(fresh))
        finally:
            reader.close()
        writer.delete_by_term("kind", "speaker")
        for doc in _speaker_docs(quotes, merged, aliases):
            writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _is_foreign(index_dir: Path) -> bool:
    """True when `index_dir` is a file, or a directory holding other things than an index.

    Hidden files (such as the repository's `index/.gitignore`) don't count.
    """
    if not index_dir.exists() or index.exists_in(str(index_dir)):
        return False
    return not index_dir.is_dir() or any(not p.name.startswith(".") for p in index_dir.iterdir())


def _update(index_dir: Path, fill: Filler, run: _Run) -> None:
    """Add to the index in place, creating it if needed."""
    if _is_foreign(index_dir):
        raise NotAnIndexError(index_dir)
    if index.exists_in(str(index_dir)):
        ix = index.open_dir(str(index_dir))
        if not _is_current(ix):
            _rebuild(index_dir, fill, run)
            return
    else:
        index_dir.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(index_dir), SCHEMA)
    _fill(ix, fill, run, index_dir, _known_hashes(ix))


def _rebuild(index_dir: Path, fill: Filler, run: _Run) -> None:
    """Build a fresh index beside `index_dir` and swap it in only once it is complete."""
    if _is_foreign(index_dir):
        raise NotAnIndexError(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    old_lock = None
    if index.exists_in(str(index_dir)):
        old_lock = index.open_dir(str(index_dir)).lock("WRITELOCK")
        if not old_lock.acquire():
            raise IndexLockedError(index_dir)
    fresh = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.new-", dir=index_dir.parent))
    old = index_dir.with_name(f".{index_dir.name}.old-{uuid.uuid4().hex[:12]}")
    moved = False
    try:
        _fill(index.create_in(str(fresh), SCHEMA), fill, run, index_dir, {})
        for hidden in index_dir.glob(".*") if index_dir.is_dir() else ():
            if hidden.is_file():
                shutil.copy2(hidden, fresh / hidden.name)
        if index_dir.exists():
            index_dir.rename(old)
            moved = True
        fresh.rename(index_dir)
    except BaseException:
        if moved and not index_dir.exists():
            old.rename(index_dir)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        if old_lock:
            old_lock.release()
    shutil.rmtree(old, ignore_errors=True)


def _index(index_dir: str | Path, fill: Filler, run: _Run, rebuild: bool) -> IndexSummary:
    """Run one indexing pass (in place or as a rebuild) and summarise the resulting index."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    (_rebuild if rebuild else _update)(index_dir, fill, run)
    with open_index(index_dir).searcher() as s:
        t = tally(s)
    return IndexSummary(articles=t.articles, added=run.added, unchanged=run.unchanged,
                        quotes=t.quotes, speakers=len(t.speakers), failures=tuple(run.failures),
                        seconds=time.perf_counter() - started)


def _extract(path: Path, date: dt.date | None) -> Article:
    """Extract one file, turning any unexpected failure into a `LoadError` for that file."""
    try:
        return extract_file(path, date=date)
    except LoadError:
        raise
    except Exception as e:
        raise LoadError(str(path), f"{type(e).__name__}: {e}") from e


def _files(paths: Iterable[str | Path], run: _Run) -> Iterator[tuple[Path, str, bytes]]:
    """Each distinct file under `paths` with its key and bytes; bad paths go to `run.fail`."""
    seen: set[str] = set()
    for item in iter_files(paths):
        if isinstance(item, LoadError):
            run.fail(item)
            continue
        key = article_key(item)
        if key in seen:
            continue
        seen.add(key)
        try:
            data = item.read_bytes()
        except OSError as e:
            run.fail(LoadError(str(item), e.strerror or type(e).__name__))
            continue
        yield item, key, data


def index_paths(
    paths: Iterable[str | Path],
    index_dir: str | Path,
    *,
    rebuild: bool = False,
    date: dt.date | None = None,
    on_error: Callable[[LoadError], None] | None = None,
    aliases: Aliases | None = None,
) -> IndexSummary:
    """Index every article file under `paths` into `index_dir`.

    Incremental by content hash: unchanged files are skipped without extraction and a
    changed file's documents are replaced. Files that vanished stay indexed unless
    `rebuild`, which builds a fresh index and swaps it in atomically on success (an index
    built by an older quotesearch is always rebuilt). `date`, when given, overrides every
    article's own date. Each bad file is reported through `on_error` and the summary, and
    the run goes on. Speakers are then merged across the whole index, with `aliases` first.
    """
    def fill(writer: IndexWriter, known: dict[str, str], run: _Run) -> None:
        for path, key, data in _files(paths, run):
            digest = file_hash(data)
            if known.get(key) == digest:
                run.unchanged += 1
                continue
            try:
                article = _extract(path, date)
            except LoadError as err:
                run.fail(err)
                continue
            _write_article(writer, article, digest, key)
            run.added += 1

    return _index(index_dir, fill, _Run(on_error, aliases), rebuild)


def index_articles(
    articles: Iterable[tuple[Article, str]], index_dir: str | Path, *, rebuild: bool = False,
    aliases: Aliases | None = None,
) -> IndexSummary:
    """Index already-extracted `(article, file_hash)` pairs, keyed by `article.path`.

    Same incremental rules as `index_paths`; useful for tests and other pipelines.
    """
    def fill(writer: IndexWriter, known: dict[str, str], run: _Run) -> None:
        for article, digest in articles:
            key = article_key(article.path)
            if known.get(key) == digest:
                run.unchanged += 1
                continue
            _write_article(writer, article, digest, key)
            known[key] = digest
            run.added += 1

    return _index(index_dir, fill, _Run(None, aliases), rebuild)
