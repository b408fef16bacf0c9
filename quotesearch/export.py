"""Export every quote a search matches, streamed as CSV, JSON Lines or a JSON array.

Rows are read from the index one at a time while the response is written, so memory stays
small whatever the number of rows; only the matching document numbers are held.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .indexing import open_index
from .search import SORTS, Filters, QueryError, plan, ranked
from .grouping import group_key
from .speakertable import SpeakerTable, speaker_table

FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson", "json": "application/json"}
COLUMNS = ("quote", "speaker", "speaker_key", "role", "cue", "confidence", "date", "source", "title", "url",
           "path", "article", "start", "end", "group", "context")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CHUNK = 200


def row(doc: dict[str, Any], table: SpeakerTable) -> dict[str, Any]:
    """The export shape of one stored quote document; `table` gives its canonical speaker."""
    date = doc.get("date")
    out = {c: doc.get(c) for c in COLUMNS}
    out["speaker"] = doc.get("speaker_name")
    out["speaker_key"] = table.key_of(doc.get("speaker_raw"))
    out["group"] = group_key(out["speaker_key"], doc.get("quote", ""))
    out["date"] = date.date().isoformat() if date else None
    return out


def _cell(value: Any) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class Export:
    """An iterable of text chunks over one open searcher; `close()` releases it (WSGI servers
    call it when the response ends, finished or not)."""

    def __init__(self, index_dir: str | Path, q: str, filters: Filters, sort: str | None, fmt: str) -> None:
        if fmt not in FORMATS:
            raise QueryError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        if sort is not None and sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        self.format = fmt
        self._searcher = open_index(index_dir).searcher()
        self._open = True
        try:
            self._table = speaker_table(self._searcher, index_dir)
            p = plan(self._searcher, self._table, q, filters)
            self.docnums = ranked(self._searcher, p, sort or ("relevance" if p.parsed is not None else "newest"))
        except BaseException:
            self._searcher.close()
            raise

    def rows(self) -> Iterator[dict[str, Any]]:
        """Each matching quote in order, as `row` shapes it."""
        for docnum in self.docnums:
            yield row(self._searcher.stored_fields(docnum), self._table)

    def __iter__(self) -> Iterator[str]:
        try:
            yield from {"csv": self._csv, "jsonl": self._jsonl, "json": self._json}[self.format]()
        finally:
            self.close()

    def close(self) -> None:
        """Release the searcher; safe to call more than once."""
        if self._open:
            self._open = False
            self._searcher.close()

    def _csv(self) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        for n, item in enumerate(self.rows(), 1):
            writer.writerow([_cell(item[c]) for c in COLUMNS])
            if n % _CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    def _jsonl(self) -> Iterator[str]:
        for item in self.rows():
            yield json.dumps(item, ensure_ascii=False) + "\n"

    def _json(self) -> Iterator[str]:
        yield "["
        for n, item in enumerate(self.rows()):
            yield ("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False)
        yield "\n]\n"
