"""Shared fixtures: real article files in a temporary corpus folder."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
