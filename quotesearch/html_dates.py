"""A web page's publication date, from declared metadata checked against what the page shows.

Declared dates (meta tags, JSON-LD, `itemprop`, script data) come first, with two
corrections readers would make: a page that shows its update date beside the headline is
dated by it (when the metadata declares that same modification date), and a UTC timestamp
just after midnight takes the local date that the URL or the page shows for the day before.
Pages without metadata fall back to `<time>` elements, the URL, and dates shown near the
headline (the latest one there, since articles mention earlier dates, not later ones).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from .dates import date_matches, parse_date
from .html_meta import ld_values, tags_with

_PUBLISHED_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article:published", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "published_time", "published-date", "article.published",
    "article_date_original", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
    "originalpublicationdate", "cxenseparse:recs:publishtime", "og:pubdate",
    "datecreated",
)
_MODIFIED_KEYS = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "dc.date.modified", "dcterms.modified", "last-modified",
)
_SCRIPT_DATE = re.compile(
    r"""["'](?:datePublished|publishedDate|publishDate|publish_date|published_at|date_published|pubDate|firstPublished)["']"""
    r"""\s*:\s*["']([^"']{8,40})["']""",
    re.IGNORECASE,
)
_UTC_TIME = re.compile(r"(?<!\d)(\d\d):\d\d(?::\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|\s*UTC|\s*GMT)\b")
_URL_DATES = (
    re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?!\d)"),
    re.compile(r"/((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)"),
)
_DATE_PUBLISHED = re.compile("datePublished", re.IGNORECASE)
_DATE_CLASS = re.compile(r"date|time|publish|posted|byline|meta", re.IGNORECASE)
_SHORT_DOTTED = re.compile(r"(?<![\d.])([0-3]\d)\.([01]\d)\.(\d\d)(?![\d.])")
_SKIP = frozenset(("script", "style", "nav", "footer", "aside", "figcaption", "noscript", "template", "select"))
_PUBLISHED_LABEL = re.compile(r"publish|posted", re.IGNORECASE)
_LABEL_CHARS = 25
_BEFORE_TITLE = 400
_AFTER_TITLE = 1500


class Shown(NamedTuple):
    """A date shown near the headline: its offset from the headline and the text before it."""

    offset: int
    date: dt.date
    label: str


def page_date(soup: BeautifulSoup, meta: dict[str, str], ld: list[dict[str, Any]], url: str | None, markup: str) -> dt.date | None:
    """The date a page was published, or None; `markup` is the page source with its scripts."""
    shown = _shown_near_title(soup)
    published = _declared(soup, meta, ld, markup)
    if published is not None:
        return _corrected(published, meta, ld, shown, _url_date(url))
    return (
        _first(_time_elements(soup))
        or _url_date(url)
        or _latest_after_title(shown)
        or _first(_date_class_texts(soup))
        or _short_dotted_near_title(soup)
        or _first(_url_date(src) for src in _linked_urls(meta))
        or _first_in_text(soup)
    )


def _declared(soup: BeautifulSoup, meta: dict[str, str], ld: list[dict[str, Any]], markup: str) -> str | None:
    """The first declared publication timestamp that holds a real date, as written."""
    candidates: list[str] = [meta[k] for k in _PUBLISHED_KEYS if k in meta]
    for key in ("datePublished", "dateCreated"):
        candidates += [str(v[0] if isinstance(v, list) and v else v) for v in ld_values(ld, key)]
    for tag in tags_with(soup, "itemprop", _DATE_PUBLISHED):
        candidates.append(str(tag.get("datetime") or tag.get("content") or tag.get("title") or tag.get_text(" ")))
    candidates += _SCRIPT_DATE.findall(markup)
    return next((c for c in candidates if parse_date(c)), None)


def _corrected(published: str, meta: dict[str, str], ld: list[dict[str, Any]], shown: list[Shown], url_date: dt.date | None) -> dt.date:
    """The declared date, or the local or updated date the page shows instead (see module doc).

    The local date is the first shown date labelled "published" or "posted" (pages also show
    today's date in their header), else the first shown date, else the URL's.
    """
    date = parse_date(published)
    assert date is not None
    first_shown = shown[0].date if shown else None
    modified = {parse_date(v) for v in [meta.get(k, "") for k in _MODIFIED_KEYS] + [str(v) for v in ld_values(ld, "dateModified")]}
    if first_shown is not None and first_shown != date and first_shown in modified:
        return first_shown
    utc = _UTC_TIME.search(published)
    labelled = next((s.date for s in shown if _PUBLISHED_LABEL.search(s.label)), first_shown)
    local = labelled or url_date
    if utc and int(utc.group(1)) < 12 and local == date - dt.timedelta(days=1):
        return local
    return date


def _first(dates: Any) -> dt.date | None:
    return next((d for d in dates if d is not None), None)


def _plausible(date: dt.date | None) -> dt.date | None:
    if date is None or not dt.date(1995, 1, 1) <= date <= dt.date.today() + dt.timedelta(days=1):
        return None
    return date


def _url_date(url: str | None) -> dt.date | None:
    """A `/2016/10/02/` or `/20161002/` date in a URL path."""
    for pattern in _URL_DATES:
        for match in pattern.finditer(url or ""):
            try:
                return _plausible(dt.date(*(int(g) for g in match.groups())))
            except ValueError:
                continue
    return None


def _linked_urls(meta: dict[str, str]) -> list[str]:
    """Image and page URLs from meta tags; uploads are often filed under their date."""
    return [v for k, v in meta.items() if k in ("og:image", "twitter:image", "og:url", "thumbnail")]


def _time_elements(soup: BeautifulSoup) -> Iterator[dt.date | None]:
    for tag in soup.find_all("time"):
        yield _plausible(parse_date(str(tag.get("datetime") or tag.get_text(" "))))


def _date_class_texts(soup: BeautifulSoup) -> Iterator[dt.date | None]:
    for tag in tags_with(soup.body or soup, "class", _DATE_CLASS):
        text = tag.get_text(" ", strip=True)
        yield _plausible(parse_date(text)) if len(text) < 200 else None


def _first_in_text(soup: BeautifulSoup) -> dt.date | None:
    return _plausible(parse_date((soup.body or soup).get_text(" ")))


def _visible_text(root: Tag) -> tuple[str, int]:
    """The visible text of `root` (without navigation, asides and captions) and the offset of
    its first `<h1>`, or -1."""
    parts: list[str] = []
    size, title_at = 0, -1
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            text = " ".join(str(node).split())
            if text:
                parts.append(text)
                size += len(text) + 1
        elif isinstance(node, Tag) and node.name not in _SKIP:
            if node.name == "h1" and title_at < 0 and node.get_text(strip=True):
                title_at = size
            stack.extend(reversed(node.contents))
    return " ".join(parts), title_at


def _shown_near_title(soup: BeautifulSoup) -> list[Shown]:
    """Dates written in the page's visible text around its headline, in reading order."""
    text, title_at = _visible_text(soup.body or soup)
    if title_at < 0:
        return []
    start = max(0, title_at - _BEFORE_TITLE)
    window = text[start : title_at + _AFTER_TITLE]
    return [
        Shown(at + start - title_at, d, window[max(0, at - _LABEL_CHARS) : at])
        for at, d in date_matches(window)
        if _plausible(d)
    ]


def _latest_after_title(shown: list[Shown]) -> dt.date | None:
    after = [s.date for s in shown if s.offset >= 0]
    return max(after) if after else None


def _short_dotted_near_title(soup: BeautifulSoup) -> dt.date | None:
    """A `dd.mm.yy` date right around the headline, the way European sites show it."""
    text, title_at = _visible_text(soup.body or soup)
    if title_at < 0:
        return None
    for match in _SHORT_DOTTED.finditer(text[max(0, title_at - _BEFORE_TITLE) : title_at + _AFTER_TITLE]):
        day, month, year = (int(g) for g in match.groups())
        try:
            return _plausible(dt.date(2000 + year, month, day))
        except ValueError:
            continue
    return None
