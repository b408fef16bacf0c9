"""HTML pages to `Article`: metadata (`html_meta`, `html_dates`) and main text (`html_text`)."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from .encoding import decode_bytes, html_declared_charset
from .html_dates import page_date
from .html_meta import json_ld, meta_tags, page_author, page_title, page_url
from .html_text import main_text
from .models import Article

_SCRIPT_OR_STYLE = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>",
    re.IGNORECASE | re.DOTALL,
)


def parse_html(data: bytes, path: str) -> Article:
    """Build an `Article` from a web page's raw bytes; pure."""
    markup = decode_bytes(data, html_declared_charset(data))
    # Scripts and styles (not JSON-LD) are cut before parsing: they are half of a modern page.
    soup = BeautifulSoup(_SCRIPT_OR_STYLE.sub(" ", markup), "lxml")
    meta = meta_tags(soup)
    ld = json_ld(soup)
    url = page_url(soup, meta)
    title = page_title(soup, meta, ld)
    date = page_date(soup, meta, ld, url, markup)
    author = page_author(soup, meta, ld)
    # Last: finding the main text removes boilerplate from the tree.
    text = main_text(soup, title, ld)
    return Article(path=path, text=text, title=title, date=date, author=author, url=url)
