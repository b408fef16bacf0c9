"""The extractor against the hand-annotated sample corpus (`tests/data/sample_expected.jsonl`).

Positive lines name a quote (matched exactly after stripping trailing punctuation and white
space, or as a prefix when "prefix" is true) and its speaker, null for a term the writer only
mentions ("the so-called “…”", "the word “…”"); negative lines name quoted text that must not
come out as a quote.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quotesearch.extraction import extract_file
from quotesearch.models import Article, Quote

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXPECTED = Path(__file__).parent / "data" / "sample_expected.jsonl"
_TRAILING = " \t\n,.;:!?"


def _lines() -> list[dict[str, Any]]:
    """The annotation lines, in file order."""
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _id(line: dict[str, Any]) -> str:
    """`file:pattern:first-words` so a failure names the quote it is about."""
    text = line.get("quote") or line.get("not_quote") or ""
    return f"{line['file']}:{line['pattern']}:{'-'.join(text.split()[:4])}"


LINES = _lines()
SAMPLE_FILES = sorted({line["file"] for line in LINES})


@cache
def _article(name: str) -> Article:
    """One sample file, loaded and extracted once per test run."""
    return extract_file(SAMPLES / name)


def _matches(quote: Quote, expected: str, prefix: bool) -> bool:
    got = quote.quote.rstrip(_TRAILING)
    want = expected.rstrip(_TRAILING)
    return got.startswith(want) if prefix else got == want


@pytest.mark.parametrize("line", [ln for ln in LINES if "quote" in ln], ids=_id)
def test_expected_quote(line: dict[str, Any]) -> None:
    quotes = _article(line["file"]).quotes
    found = [q for q in quotes if _matches(q, line["quote"], bool(line.get("prefix")))]
    assert found, f"quote not extracted; got {[q.quote for q in quotes]}"
    assert any((q.speaker or "").lower() == (line["speaker"] or "").lower() for q in found), (
        f"speaker {[q.speaker for q in found]} != {line['speaker']!r}"
    )


@pytest.mark.parametrize("line", [ln for ln in LINES if "not_quote" in ln], ids=_id)
def test_not_a_quote(line: dict[str, Any]) -> None:
    quotes = _article(line["file"]).quotes
    assert [(q.quote, q.speaker) for q in quotes if line["not_quote"] in q.quote] == []


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_sample_has_date(name: str) -> None:
    assert _article(name).date is not None


def test_every_sample_article_is_annotated() -> None:
    articles = {p.name for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html"}}
    assert articles == set(SAMPLE_FILES)
