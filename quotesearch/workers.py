"""Extraction across processes, each worker writing its own Whoosh segment.

Whoosh spends most of an indexing run analysing text and sorting postings in Python, so one
writer fed by many extractors stays on one core. Here every worker process extracts articles
*and* adds their documents to a private segment (Whoosh's multisegment design without
pickling documents between processes); the parent only reads and hashes files, hands out
paths through a bounded window and commits the workers' segments together with its own in a
single table of contents. Nothing is visible until that commit.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from whoosh.codec.base import Segment
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from .loading import LoadError
from .models import Article
from .schema import SCHEMA, documents_for, said
from .store import Storage

LIMIT_MB = 96
"""Memory for each writer's posting pool before it spills sorted runs to disk."""
_POLL = 0.5


@dataclass(frozen=True)
class Task:
    """One article to index: `source` is what `make` turns into an `Article` (a path)."""

    key: str
    digest: str
    source: Any


@dataclass(frozen=True)
class Done:
    """What a worker did with one task: the article's quote count and speakers, or an error."""

    task: Task
    quotes: int = 0
    said: tuple[tuple[str, str], ...] = ()
    date: int | None = None
    error: str | None = None


CODEC = W3Codec(blocklimit=1024, compression=0)
"""Posting blocks of 1024 uncompressed postings instead of Whoosh's 128 zlib-compressed ones:
search reads whole posting lists (`doctable.postings`), which this makes about twice as fast
for a quarter more disk."""

Make = Callable[[Any], Article]
"""Turns a task's source into an article, raising `LoadError` for bad input."""


def new_writer(index_dir: str, limitmb: int = LIMIT_MB, lock: bool = False) -> SegmentWriter:
    """A segment writer on the index in `index_dir`, read with this quotesearch's schema."""
    ix = FileIndex(Storage(index_dir), schema=SCHEMA)
    return SegmentWriter(ix, _lk=lock, limitmb=limitmb, compound=False, codec=CODEC)


def add(writer: SegmentWriter, task: Task, make: Make) -> Done:
    """Make one article and add its documents to `writer`; bad input becomes `Done.error`."""
    try:
        article = make(task.source)
    except LoadError as err:
        return Done(task, error=str(err))
    except Exception as err:  # an extractor bug on one file must not end the run
        return Done(task, error=f"{task.source}: {type(err).__name__}: {err}")
    for doc in documents_for(article, task.digest, task.key):
        writer.add_document(**doc)
    return Done(task, len(article.quotes), tuple(said(article)),
                article.date.toordinal() if article.date else None)


def _work(index_dir: str, make: Make, tasks: Any, results: Any, parent: int) -> None:
    """A worker's loop: tasks until None, then its finished segment (None if it added nothing).
    The writer is made at the first task, so an idle worker leaves no files behind."""
    writer: SegmentWriter | None = None
    try:
        while True:
            try:
                task = tasks.get(timeout=_POLL)
            except queue.Empty:
                if os.getppid() != parent:  # the parent died: stop, commit nothing
                    if writer is not None:
                        writer.cancel()
                    return
                continue
            if task is None:
                break
            writer = writer or new_writer(index_dir)
            results.put(add(writer, task, make))
        results.put(("segment", finish(writer)))
    except BaseException:
        results.put(("crash", traceback.format_exc()))


def finish(writer: SegmentWriter | None) -> Segment | None:
    """Close a worker's writer: its segment if it added documents, else None (and no files)."""
    if writer is None:
        return None
    if not writer._added:
        writer.cancel()
        prefix = writer.newsegment.segment_id()
        for name in list(writer.storage.list()):
            if name.startswith(prefix):
                writer.storage.delete_file(name)
        return None
    segment = writer._finalize_segment()
    writer._tempstorage.destroy()
    return segment


class WorkerError(RuntimeError):
    """A worker process failed outside of any one article."""


def run_workers(index_dir: str, tasks: Iterable[Task], make: Make, jobs: int) -> Iterator[Done | list[Segment]]:
    """Hand `tasks` to `jobs` worker processes; yield each `Done` as it comes, then the list of
    the workers' segments last. At most a few tasks per worker are in flight, so memory stays
    bounded whatever the number of tasks. Stopping early (an exception in the consumer)
    terminates the workers and their segments are never committed.
    """
    ctx = multiprocessing.get_context("fork")
    todo, results = ctx.Queue(), ctx.Queue()
    procs = [ctx.Process(target=_work, args=(index_dir, make, todo, results, os.getpid()), daemon=True)
             for _ in range(jobs)]
    for proc in procs:
        proc.start()
    window = 8 * jobs
    segments: list[Segment] = []
    finished = 0
    inflight = 0
    source = iter(tasks)
    exhausted = False
    try:
        while finished < jobs:
            while not exhausted and inflight < window:
                task = next(source, None)
                if task is None:
                    exhausted = True
                    for _ in procs:
                        todo.put(None)
                else:
                    todo.put(task)
                    inflight += 1
            try:
                message = results.get(timeout=_POLL)
            except queue.Empty:
                if any(not p.is_alive() for p in procs) and results.empty():
                    dead = [p.exitcode for p in procs if not p.is_alive()]
                    if any(code != 0 for code in dead):
                        raise WorkerError(f"an indexing worker died (exit codes {dead})") from None
                continue
            if isinstance(message, Done):
                inflight -= 1
                yield message
            elif message[0] == "segment":
                finished += 1
                if message[1] is not None:
                    segments.append(message[1])
            else:
                raise WorkerError(f"an indexing worker failed:\n{message[1]}")
        for proc in procs:
            proc.join()
        yield segments
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.kill()
                proc.join()
        todo.close()
        results.close()
