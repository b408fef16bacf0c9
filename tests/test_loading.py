"""Finding article files and loading them, with one-line errors for bad input."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from quotesearch.loading import SUFFIXES, LoadError, iter_files, load_article

HTML = b"""<html><head><meta property="og:title" content="Council votes"></head><body><article>
<p>The council voted on Tuesday to approve the new budget for the coming year.</p></article></body></html>"""


def touch(path: Path, content: bytes = b"Title: T\n\nBody text.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_load_error_is_one_line_with_path_and_reason() -> None:
    err = LoadError("a/b.txt", "empty\nfile")
    assert (err.path, err.reason, str(err)) == ("a/b.txt", "empty file", "a/b.txt: empty file")


def test_iter_files_recurses_sorted_and_filters_suffixes(tmp_path: Path) -> None:
    for name in ["b.txt", "a.HTML", "sub/c.htm", "sub/deeper/d.txt", "notes.md", "img.png", ".hidden/e.txt", "page.html/f.txt"]:
        touch(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path]) if isinstance(p, Path)]
    assert found == ["a.HTML", "b.txt", "sub/c.htm", "sub/deeper/d.txt"]
    assert SUFFIXES == {".txt", ".html", ".htm"}


def test_iter_files_reports_missing_and_unsupported_paths(tmp_path: Path) -> None:
    text = touch(tmp_path / "ok.txt")
    other = touch(tmp_path / "notes.pdf")
    results = list(iter_files([tmp_path / "missing", text, str(other)]))
    assert isinstance(results[0], LoadError) and "no such file" in results[0].reason
    assert results[1] == text
    assert isinstance(results[2], LoadError) and results[2].path == str(other) and "unsupported" in results[2].reason


def test_iter_files_survives_symlink_loops(tmp_path: Path) -> None:
    touch(tmp_path / "root" / "a.txt")
    os.symlink(tmp_path / "root", tmp_path / "root" / "loop")
    found = list(iter_files([tmp_path / "root"]))
    assert found == [tmp_path / "root" / "a.txt"]


def test_load_text_with_sidecar_and_date_override(tmp_path: Path) -> None:
    path = touch(tmp_path / "story_2016-10-02.txt", b"Headline here\n\n\xe2\x80\x9cYes,\xe2\x80\x9d she said.")
    (tmp_path / "story_2016-10-02.json").write_text(json.dumps({"author": "Ann Writer", "url": "https://e.x/s"}))
    article = load_article(path)
    assert (article.title, article.date, article.author, article.url) == ("Headline here", dt.date(2016, 10, 2), "Ann Writer", "https://e.x/s")
    assert article.text == "“Yes,” she said."
    assert article.path == str(path)
    assert load_article(path, date=dt.date(2020, 1, 1)).date == dt.date(2020, 1, 1)


def test_load_html_by_suffix_and_text_that_looks_like_html_stays_text(tmp_path: Path) -> None:
    article = load_article(touch(tmp_path / "page.htm", HTML))
    assert article.title == "Council votes"
    assert article.text == "The council voted on Tuesday to approve the new budget for the coming year."
    as_text = load_article(touch(tmp_path / "page.txt", HTML))
    assert "<p>The council voted" in as_text.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"%PDF-1.4\n%binary", "binary file, not text or HTML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file, not text or HTML"),
        (b"PK\x03\x04zipdata", "binary file, not text or HTML"),
        (b"\x1f\x8b\x08\x00gz", "binary file, not text or HTML"),
        (bytes(range(32)) * 40, "binary file, not text or HTML"),
    ],
)
def test_load_rejects_empty_and_binary_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = touch(tmp_path / "bad.txt", content)
    with pytest.raises(LoadError) as info:
        load_article(path)
    assert str(info.value) == f"{path}: {reason}"


def test_utf16_text_file_is_not_binary(tmp_path: Path) -> None:
    path = touch(tmp_path / "u.txt", "Title: Wide\n\nBody in UTF-16.".encode("utf-16"))
    assert load_article(path).text == "Body in UTF-16."


def test_unreadable_path_gives_a_readable_reason(tmp_path: Path) -> None:
    directory = tmp_path / "dir.txt"
    directory.mkdir()
    with pytest.raises(LoadError) as info:
        load_article(directory)
    assert str(info.value) == f"{directory}: is a directory"
    with pytest.raises(LoadError, match="no such file"):
        load_article(tmp_path / "gone.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions don't apply to root")
def test_permission_denied(tmp_path: Path) -> None:
    path = touch(tmp_path / "secret.txt")
    path.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        load_article(path)


def test_malformed_sidecar_is_reported_naming_the_json_file(tmp_path: Path) -> None:
    path = touch(tmp_path / "s.txt")
    sidecar = tmp_path / "s.json"
    sidecar.write_text("{not json")
    with pytest.raises(LoadError) as info:
        load_article(path)
    assert info.value.path == str(sidecar)
    assert info.value.reason.startswith("malformed sidecar JSON")
    sidecar.write_text("[1, 2]")
    with pytest.raises(LoadError, match="expected an object"):
        load_article(path)


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(LoadError, match=r"file too large \(21 MB\)"):
        load_article(path)
