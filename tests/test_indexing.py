"""Building the Whoosh index from real files: incremental updates, rebuilds, errors, locks."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import index

from quotesearch.indexing import (
    IndexLockedError,
    NoIndexError,
    NotAnIndexError,
    article_key,
    documents_for,
    file_hash,
    index_articles,
    index_paths,
    open_index,
)
from quotesearch.loading import LoadError
from quotesearch.models import Article, Quote
from quotesearch.search import search

WriteArticle = Callable[..., Path]

WALL = "“We will build a wall on the border,” Donald Trump said."
JOBS = "“Jobs are coming back to Ohio,” Hillary Clinton said."


def all_quotes(index_dir: Path) -> str:
    """Every indexed quote, joined, for loose assertions that survive extractor changes."""
    return " | ".join(h.quote for h in search(index_dir, per_page=100).results)


def test_documents_for_is_one_article_doc_plus_one_per_quote() -> None:
    quote = Quote("Hello there", "Ada  Lovelace", "Countess", "said", 1, 12, "“Hello there,” Ada said.")
    art = Article(path="/x/a.txt", text="“Hello there,” Ada said.", title="T", date=dt.date(2020, 5, 6),
                  quotes=(quote, Quote("Anon", None, None, None, 0, 4, "")))
    article_doc, ada, anon = documents_for(art, "abc")
    key = article_key("/x/a.txt")
    assert article_doc == {"kind": "article", "hash": "abc", "date": dt.datetime(2020, 5, 6), "day": 737551,
                           "headline": "T", "path": "/x/a.txt", "file": "/x/a.txt", "source": "x", "article": key,
                           "text": "“Hello there,” Ada said."}
    assert (ada["kind"], ada["speaker_raw"], ada["speaker_name"], ada["speaker_words"]) == \
        ("quote", "ada lovelace", "Ada  Lovelace", "Ada  Lovelace Countess ada lovelace")
    assert ada["confidence"] == 0.0 and ada["words"] != anon["words"]
    assert (ada["start"], ada["end"], ada["article"], ada["cue"]) == (1, 12, key, "said")
    assert "speaker_raw" not in anon and "context" not in anon and "hash" not in ada and "text" not in ada
    undated = documents_for(Article(path="/x/b.txt", text="", quotes=()), "h")[0]
    assert (undated["day"], "date" in undated) == (10**7, False)
    assert ada["pairs"] == ada["quote"] and ada["title_pairs"] == "T"


def test_article_key_and_hash_are_stable(tmp_path: Path) -> None:
    assert article_key(tmp_path / "a.txt") == article_key(str(tmp_path / "." / "a.txt"))
    assert article_key(tmp_path / "a.txt") != article_key(tmp_path / "b.txt")
    assert file_hash(b"x") == file_hash(b"x") != file_hash(b"y")


def test_round_trip_from_files(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("a.txt", WALL, date="2020-03-04")
    write_article("sub/b.txt", JOBS)
    write_article("none.txt", "Nobody was quoted in this story.")
    summary = index_paths([tmp_path / "corpus"], tmp_path / "ix")
    assert (summary.articles, summary.added, summary.unchanged, summary.failures) == (3, 3, 0, ())
    assert summary.quotes == 2 and summary.speakers == 2 and summary.seconds >= 0
    hit = search(tmp_path / "ix", "wall").results[0]
    assert "build a wall" in hit.quote and "Trump" in (hit.speaker or "")
    assert hit.date == dt.date(2020, 3, 4) and hit.path.endswith("a.txt")


def test_reindexing_unchanged_files_adds_nothing(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("a.txt", WALL)
    write_article("b.txt", JOBS)
    first = index_paths([tmp_path / "corpus"], tmp_path / "ix")
    again = index_paths([tmp_path / "corpus", tmp_path / "corpus" / "a.txt"], tmp_path / "ix")
    assert (again.added, again.unchanged, again.articles, again.quotes) == (0, 2, 2, first.quotes)
    assert search(tmp_path / "ix").total == first.quotes


def test_changed_file_replaces_its_quotes(write_article: WriteArticle, tmp_path: Path) -> None:
    path = write_article("a.txt", WALL)
    write_article("b.txt", JOBS)
    index_paths([tmp_path / "corpus"], tmp_path / "ix")
    write_article("a.txt", "“Taxes will go down next year,” Donald Trump said.")
    summary = index_paths([path], tmp_path / "ix")
    assert (summary.added, summary.articles, summary.quotes) == (1, 2, 2)
    quotes = all_quotes(tmp_path / "ix")
    assert "Taxes will go down" in quotes and "build a wall" not in quotes and "Jobs" in quotes


def test_bad_files_are_reported_and_the_run_goes_on(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("good.txt", WALL)
    (tmp_path / "corpus" / "empty.txt").write_bytes(b"")
    (tmp_path / "corpus" / "binary.txt").write_bytes(b"%PDF-1.4 \x00\x01\x02")
    seen: list[LoadError] = []
    summary = index_paths([tmp_path / "corpus", tmp_path / "missing.txt"], tmp_path / "ix", on_error=seen.append)
    assert summary.added == 1 and summary.articles == 1
    assert summary.failures == tuple(str(e) for e in seen)
    assert {Path(e.path).name for e in seen} == {"empty.txt", "binary.txt", "missing.txt"}
    assert all("\n" not in f and ": " in f for f in summary.failures)


def test_date_fallback_applies_to_undated_files(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("undated.txt", WALL, date=None)
    index_paths([tmp_path / "corpus"], tmp_path / "ix", date=dt.date(2011, 11, 11))
    assert [h.date for h in search(tmp_path / "ix").results] == [dt.date(2011, 11, 11)]


def test_rebuild_from_nothing_and_dropping_vanished_files(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("a.txt", WALL)
    gone = write_article("b.txt", JOBS)
    built = index_paths([tmp_path / "corpus"], tmp_path / "deep" / "ix", rebuild=True)
    assert (built.articles, built.added) == (2, 2)
    gone.unlink()
    assert index_paths([tmp_path / "corpus"], tmp_path / "deep" / "ix").articles == 2
    rebuilt = index_paths([tmp_path / "corpus"], tmp_path / "deep" / "ix", rebuild=True)
    assert (rebuilt.articles, rebuilt.added, rebuilt.unchanged) == (1, 1, 0)
    assert "Jobs" not in all_quotes(tmp_path / "deep" / "ix")
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["ix"]


def abort(err: LoadError) -> None:
    raise RuntimeError(f"stop at {err}")


def test_failed_rebuild_keeps_the_previous_index(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("a.txt", WALL)
    index_paths([tmp_path / "corpus"], tmp_path / "ix")
    write_article("b.txt", JOBS)
    with pytest.raises(RuntimeError, match="stop at"):
        index_paths([tmp_path / "corpus", tmp_path / "missing.txt"], tmp_path / "ix", rebuild=True, on_error=abort)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "ix"]
    assert "build a wall" in all_quotes(tmp_path / "ix") and "Jobs" not in all_quotes(tmp_path / "ix")
    assert index_paths([tmp_path / "corpus"], tmp_path / "ix", rebuild=True).articles == 2


def test_failed_update_commits_nothing_and_releases_the_lock(write_article: WriteArticle, tmp_path: Path) -> None:
    write_article("a.txt", WALL)
    index_paths([tmp_path / "corpus"], tmp_path / "ix")
    write_article("b.txt", JOBS)
    with pytest.raises(RuntimeError):
        index_paths([tmp_path / "corpus", tmp_path / "missing.txt"], tmp_path / "ix", on_error=abort)
    assert "Jobs" not in all_quotes(tmp_path / "ix")
    assert index_paths([tmp_path / "corpus"], tmp_path / "ix").added == 1


@pytest.mark.parametrize("rebuild", [False, True])
def test_locked_index_raises_a_clear_error(write_article: WriteArticle, tmp_path: Path, rebuild: bool) -> None:
    write_article("a.txt", WALL)
    index_paths([tmp_path / "corpus"], tmp_path / "ix")
    writer = index.open_dir(str(tmp_path / "ix")).writer()
    try:
        with pytest.raises(IndexLockedError, match="is being written by another process"):
            index_paths([tmp_path / "corpus"], tmp_path / "ix", rebuild=rebuild)
    finally:
        writer.cancel()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "ix"]


@pytest.mark.parametrize("rebuild", [False, True])
def test_refuses_to_write_into_a_directory_of_other_files(write_article: WriteArticle, tmp_path: Path,
                                                          rebuild: bool) -> None:
    write_article("a.txt", WALL)
    with pytest.raises(NotAnIndexError, match="is not empty and is not a quotesearch index"):
        index_paths([tmp_path / "corpus"], tmp_path / "corpus", rebuild=rebuild)
    assert [p.name for p in (tmp_path / "corpus").iterdir()] == ["a.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_open_index_without_an_index(tmp_path: Path) -> None:
    with pytest.raises(NoIndexError, match=f"no index at {tmp_path}: run `quotesearch index PATH`"):
        open_index(tmp_path)
    with pytest.raises(NoIndexError):
        open_index(tmp_path / "absent")


def test_index_articles_is_incremental_by_hash(tmp_path: Path) -> None:
    one = Article(path="/a.txt", text="x", quotes=(Quote("Old words", "Ann Lee", None, "said", 0, 1, ""),))
    two = Article(path="/a.txt", text="x", quotes=(Quote("New words", "Ann Lee", None, "said", 0, 1, ""),
                                                  Quote("More words", "Bo Day", None, "said", 0, 1, "")))
    assert index_articles([(one, "h1")], tmp_path / "ix").added == 1
    assert index_articles([(one, "h1")], tmp_path / "ix").unchanged == 1
    summary = index_articles([(two, "h2")], tmp_path / "ix")
    assert (summary.added, summary.articles, summary.quotes, summary.speakers) == (1, 1, 2, 2)
    assert all_quotes(tmp_path / "ix").count("Old words") == 0


def test_shared_corpus_indexes_without_crashing(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seed"
    if not corpus.is_dir():
        pytest.skip("shared seed corpus not available")
    summary = index_paths([corpus], tmp_path / "ix")
    assert summary.articles + len(summary.failures) >= 1
    assert summary.articles == summary.added


def test_an_unreadable_index_leaves_no_file_open(tmp_path: Path) -> None:
    """Whoosh raises on a broken table of contents without closing it; the file must not stay
    open (it did, held by the traceback, until garbage collection warned about it)."""
    broken = tmp_path / "index"
    broken.mkdir()
    toc = broken / "_MAIN_1.toc"
    toc.write_bytes(b"not a whoosh index")
    with pytest.raises(Exception) as failed:
        open_index(broken)
    assert failed.value is not None
    open_files = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
    assert str(toc.resolve()) not in open_files
