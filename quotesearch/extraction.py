"""The extraction pipeline: text to quotes, an article to an article with quotes, a file to an article."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from .loading import load_article
from .models import Article, Quote
from .quotes import find_quotes
from .speakers import attribute


def extract_quotes(text: str, headline: str = "") -> list[Quote]:
    """All direct quotes in `text`, each with its speaker; pure. A `headline` that names a
    speaker ("Lind: …") credits the quotes that open the article with no cue of their own."""
    return attribute(text, find_quotes(text), headline)


def extract(article: Article) -> Article:
    """The same article with its quotes filled in."""
    return dataclasses.replace(article, quotes=tuple(extract_quotes(article.text, article.title or "")))


def extract_file(path: str | Path, date: dt.date | None = None) -> Article:
    """Load one file (raising `LoadError` on bad input) and extract its quotes."""
    return extract(load_article(Path(path), date=date))
