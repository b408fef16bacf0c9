"""Export streams: memory stays flat however many rows a search matches."""
from __future__ import annotations

import csv
import datetime as dt
import io
import tracemalloc
from pathlib import Path

import pytest

from quotesearch.export import Export
from quotesearch.indexing import index_articles
from quotesearch.models import Article, Quote
from quotesearch.search import Filters, QueryError

ARTICLES = 600
QUOTES_EACH = 20


def article(n: int) -> Article:
    words = [f"Statement {n}-{i} on the budget and the economy, with many more words to make it long" for i in range(QUOTES_EACH)]
    return Article(path=f"/news/{n}.txt", text="x", title=f"Story {n}", date=dt.date(2020, 1, 1) + dt.timedelta(days=n),
                   url=f"https://outlet{n % 7}.example/{n}",
                   quotes=tuple(Quote(w, f"Jordan Blake{n % 50}", None, "said", 0, 1, "context " * 20, 0.9) for w in words))


@pytest.fixture(scope="module")
def big_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("export") / "index"
    summary = index_articles(((article(n), str(n)) for n in range(ARTICLES)), index_dir)
    assert summary.quotes == ARTICLES * QUOTES_EACH
    return index_dir


def test_export_memory_does_not_grow_with_rows(big_index: Path) -> None:
    export = Export(big_index, "budget", Filters(), "newest", "csv")
    tracemalloc.start()
    try:
        size = rows = 0
        for chunk in export:
            size += len(chunk)
            rows += chunk.count("\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == ARTICLES * QUOTES_EACH + 1
    assert size > 4_000_000
    print(f"exported {rows - 1} rows, {size} bytes, peak {peak} bytes")
    assert peak < min(1_500_000, size / 3), f"peak {peak} bytes while streaming {size} bytes"


def test_export_rows_follow_the_sort_and_filters(big_index: Path) -> None:
    text = "".join(Export(big_index, "", Filters(speaker="Jordan Blake3", date_from=dt.date(2020, 3, 1)), "oldest", "csv"))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["speaker_key"] == "jordan blake3" and r["date"] >= "2020-03-01" for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_export_checks_its_parameters_before_streaming(big_index: Path) -> None:
    with pytest.raises(QueryError, match="format"):
        Export(big_index, "", Filters(), None, "xlsx")
    with pytest.raises(QueryError, match="sort"):
        Export(big_index, "", Filters(), "random", "csv")
    export = Export(big_index, "", Filters(), None, "jsonl")
    export.close()
    export.close()
