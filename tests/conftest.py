"""Shared fixtures and helpers: real article files in a temporary corpus folder, and a real
`quotesearch serve` process."""
from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "quotesearch"

WriteArticle = Callable[..., Path]


@pytest.fixture()
def write_article(tmp_path: Path) -> WriteArticle:
    """Write `tmp_path/corpus/<name>` as a text article with Title/Date headers and return its path."""
    corpus = tmp_path / "corpus"

    def write(name: str, body: str, *, title: str = "A story", date: str | None = "2020-01-02") -> Path:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        headers = f"Title: {title}\n" + (f"Date: {date}\n" if date else "")
        path.write_text(f"{headers}\n{body}\n", encoding="utf-8")
        return path

    return write


@contextmanager
def served(index_dir: Path, log_dir: Path, *extra: str) -> Iterator[str]:
    """`quotesearch serve --port 0` over `index_dir` as a real process; yields the URL it prints.

    Skips the test when the script is not installed; stderr goes to `log_dir/stderr.log`.
    """
    if not SCRIPT.exists():
        pytest.skip(f"{SCRIPT} is not installed (pip install -e .)")
    command = [str(SCRIPT), "serve", "--index", str(index_dir), "--host", "127.0.0.1", "--port", "0", *extra]
    log = log_dir / "stderr.log"
    with log.open("w") as stderr, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True) as proc:
        try:
            assert proc.stdout is not None
            banner = proc.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:\d+/", banner)
            assert found, f"{banner!r} {log.read_text()}"
            yield found.group(0)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
