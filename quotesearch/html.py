"""HTML pages to `Article`: metadata (`html_meta`, `html_dates`) and main text (`html_text`).

Pages that are not articles (error pages, link-list index pages, pages without text) raise
`NotAnArticle`, so that they are reported as skipped instead of indexed.
"""
from __future__ import annotations

import datetime as dt
import re

from bs4 import BeautifulSoup, Tag

from .encoding import decode_bytes, html_declared_charset
from .html_dates import page_date
from .html_meta import json_ld, meta_tags, page_author, page_title, page_url
from .html_text import flatten_deep, main_text
from .models import Article

_SCRIPT_OR_STYLE = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>",
    re.IGNORECASE | re.DOTALL,
)
_ERROR_TITLE = re.compile(
    r"\b(?:404|403|410|500|503)\b|page not found|not found|access denied|forbidden|server error|"
    r"page (?:does not|doesn't|cannot be found|can't be found)|no longer (?:available|exists)|error page",
    re.IGNORECASE,
)
_MIN_WORDS = 10
_SHORT_WORDS = 150
_INDEX_LINK_SHARE = 0.6


class NotAnArticle(ValueError):
    """A page that holds no article; the message is the reason."""


def parse_html(data: bytes, path: str) -> Article:
    """Build an `Article` from a web page's raw bytes; pure. Raises `NotAnArticle`."""
    markup = decode_bytes(data, html_declared_charset(data))
    # Scripts and styles (not JSON-LD) are cut before parsing: they are half of a modern page.
    soup = BeautifulSoup(_SCRIPT_OR_STYLE.sub(" ", markup), "lxml")
    flatten_deep(soup)
    meta = meta_tags(soup)
    ld = json_ld(soup)
    url = page_url(soup, meta)
    title = page_title(soup, meta, ld)
    date = page_date(soup, meta, ld, url, markup)
    author = page_author(soup, meta, ld)
    link_share = _link_share(soup.body or soup)
    # Last: finding the main text removes boilerplate from the tree.
    text, byline = main_text(soup, title, ld)
    _check_article(text, title, date, link_share, meta.get("og:type"))
    return Article(path=path, text=text, title=title, date=date, author=author or byline, url=url)


def _link_share(body: Tag) -> float:
    """The share of the page's visible text that is link text."""
    total = len(body.get_text(" ", strip=True))
    return sum(len(a.get_text(" ", strip=True)) for a in body.find_all("a")) / total if total else 0.0


def _check_article(text: str, title: str | None, date: dt.date | None, link_share: float, og_type: str | None) -> None:
    """Raise `NotAnArticle` for an error page, an undated index page or an undated page without text.

    A dated page without extractable text is kept: its date and title are still right and
    it yields no quotes.
    """
    count = len(text.split())
    if title and _ERROR_TITLE.search(title) and count < _SHORT_WORDS:
        raise NotAnArticle(f"error page ({title})")
    if date is None and og_type != "article" and link_share >= _INDEX_LINK_SHARE and count < _SHORT_WORDS:
        raise NotAnArticle(f"index page ({link_share:.0%} of its text is links)")
    if date is None and count < _MIN_WORDS:
        raise NotAnArticle("no article text")
