"""HTML pages to `Article`: metadata from meta tags and JSON-LD, main text by density.

Metadata comes from explicit sources first (JSON-LD and meta tags, then visible markup,
then the URL). The main text is the container with the most paragraph text once navigation,
sharing, comment and other boilerplate blocks are removed; its block elements become
paragraphs separated by blank lines.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from .dates import parse_date
from .encoding import decode_bytes, html_declared_charset
from .models import Article

_DROP_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "iframe", "svg",
    "figcaption", "button", "select", "input", "textarea", "template", "object", "embed",
    "canvas", "video", "audio", "map", "dialog", "menu", "link", "meta",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "menu", "menubar", "search"}
_JUNK_WORDS = (
    "comment", "comments", "share", "sharing", "social", "related", "newsletter", "promo",
    "advert", "advertisement", "ad", "ads", "sidebar", "breadcrumb", "breadcrumbs", "subscribe",
    "subscription", "popular", "trending", "recommended", "recommendations", "recirc",
    "mostread", "most-read", "most-popular", "footer", "nav", "navigation", "menu", "cookie",
    "cookies", "modal", "popup", "caption", "byline", "dateline", "signup", "sign-up",
    "paywall", "outbrain", "taboola", "disqus", "masthead", "toolbar", "tags", "skip",
    "widget", "sponsored", "print", "login", "rating", "author-bio", "read-more",
    "readmore", "more-stories", "see-also", "pagination", "jump",
)
_JUNK = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(re.escape(w) for w in _JUNK_WORDS) + r")(?:$|[\s_-])", re.IGNORECASE
)
_CONTENT_HINT = re.compile(r"article[-_]?body|story[-_]?body|post[-_]?content|entry[-_]?content|article[-_]?content", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table "
    "tbody thead tfoot tr td th caption ul".split()
)
_BREAK = "\u2029"
_DOUBLE_BREAK = re.compile(_BREAK + r"\s*" + _BREAK + r"[\s" + _BREAK + "]*")
_DATE_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article:published", "datepublished", "pubdate", "publishdate", "publish-date",
    "publish_date", "published_time", "published-date", "article.published",
    "article_date_original", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "date",
    "originalpublicationdate", "cxenseparse:recs:publishtime", "og:pubdate",
    "datecreated",
)
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl")
_ARTICLE_TYPES = re.compile(r"article|posting|report|newsarticle|webpage|creativework", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"byline|author-name", re.IGNORECASE)
_DATE_CLASS = re.compile(r"date|time|publish|posted|byline|meta", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[^\d]|$)")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|:)\s+")
_BOILERPLATE_LINES = frozenset(
    ("advertisement", "continue reading", "read more", "share", "share this", "share this article",
     "related", "related articles", "loading", "loading...", "story continues below advertisement",
     "skip advertisement", "ad", "sponsored", "click here")
)
_SCRIPT_OR_STYLE = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<svg\b[^>]*>.*?</svg\s*>",
    re.IGNORECASE | re.DOTALL,
)


def parse_html(data: bytes, path: str) -> Article:
    """Build an `Article` from a web page's raw bytes; pure."""
    markup = _SCRIPT_OR_STYLE.sub(" ", decode_bytes(data, html_declared_charset(data)))
    # Scripts and styles (not JSON-LD) are cut before parsing: they are half of a modern page.
    soup = BeautifulSoup(markup, "lxml")
    meta = _meta(soup)
    ld = list(_json_ld(soup))
    url = _url(soup, meta)
    title = _title(soup, meta, ld)
    date = _date(soup, meta, ld, url)
    author = _author(soup, meta, ld)
    # Last: finding the main text removes boilerplate from the tree.
    text = _longer(_main_text(soup, title), _ld_body(ld))
    return Article(path=path, text=text, title=title, date=date, author=author, url=url)


# --- metadata -------------------------------------------------------------------------


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    """Meta tag contents keyed by lowercased name/property/itemprop (the first one wins)."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = tag.get(attr)
            if isinstance(key, str) and key.strip():
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld(soup: BeautifulSoup) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattening lists and `@graph`, article types first."""
    objects: list[dict[str, Any]] = []
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.IGNORECASE)):
        raw = script.string or script.get_text()
        try:
            data = json.loads(raw.strip().removeprefix("<![CDATA[").removesuffix("]]>"), strict=False)
        except ValueError:
            continue
        objects.extend(_flatten_ld(data))
    objects.sort(key=lambda o: not _ARTICLE_TYPES.search(" ".join(_as_list(o.get("@type")))))
    yield from objects


def _flatten_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten_ld(data["@graph"])
        if isinstance(data.get("mainEntity"), (dict, list)):
            yield from _flatten_ld(data["mainEntity"])


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)] if value is not None else []


def _ld_values(ld: list[dict[str, Any]], key: str) -> Iterator[Any]:
    for obj in ld:
        if obj.get(key):
            yield obj[key]


def _clean(value: Any) -> str | None:
    """A string value with whitespace collapsed; JSON-LD lists give their first string."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _url(soup: BeautifulSoup, meta: dict[str, str]) -> str | None:
    for link in (soup.head or soup).find_all("link", href=True):
        rel = link.get("rel") or []
        if "canonical" in [r.lower() for r in _as_list(rel)] and link["href"].strip().startswith("http"):
            return link["href"].strip()
    og = meta.get("og:url", "")
    return og if og.startswith("http") else None


def _title(soup: BeautifulSoup, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    site = meta.get("og:site_name")
    candidates: list[str | None] = [unescape(h) for h in _ld_values(ld, "headline") if isinstance(h, str)]
    candidates += [meta.get("og:title"), meta.get("twitter:title")]
    h1 = soup.find("h1")
    candidates.append(h1.get_text(" ") if h1 else None)
    candidates.append(soup.title.get_text(" ") if soup.title else None)
    for candidate in candidates:
        cleaned = _clean(candidate)
        if cleaned:
            return _strip_site_name(cleaned, site)
    return None


def _strip_site_name(title: str, site: str | None) -> str:
    """Remove a leading or trailing " | Site" part, the way pages append their brand."""
    if site:
        site = site.strip()
        for sep in _TITLE_SEPARATORS.finditer(title):
            before, after = title[: sep.start()], title[sep.end() :]
            if after.strip().lower() == site.lower():
                return before.strip()
            if before.strip().lower() == site.lower():
                return after.strip()
    if " | " in title:
        parts = [part.strip() for part in title.split(" | ")]
        longest = max(parts, key=len)
        return longest if len(longest) > 2 * len(parts[0]) else parts[0]
    last = re.search(r"\s+[-–—]\s+([^-–—]+)$", title)
    if last and len(last.group(1).split()) <= 3 and len(title[: last.start()].split()) >= 4:
        return title[: last.start()].strip()
    return title


def _date(soup: BeautifulSoup, meta: dict[str, str], ld: list[dict[str, Any]], url: str | None) -> dt.date | None:
    for key in _DATE_KEYS:
        if key in meta:
            found = parse_date(meta[key])
            if found:
                return found
    for value in _ld_values(ld, "datePublished"):
        found = parse_date(str(value[0] if isinstance(value, list) and value else value))
        if found:
            return found
    for value in _ld_values(ld, "dateCreated"):
        found = parse_date(str(value))
        if found:
            return found
    for tag in soup.find_all(["time", "span", "div", "abbr"], attrs={"itemprop": re.compile("datePublished", re.I)}):
        found = parse_date(tag.get("datetime") or tag.get("content") or tag.get_text(" "))
        if found:
            return found
    for tag in soup.find_all("time"):
        found = parse_date(tag.get("datetime") or tag.get_text(" "))
        if found:
            return found
    for candidate in (url, meta.get("og:url")):
        match = _URL_DATE.search(candidate or "")
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return _date_in_text(soup)


def _date_in_text(soup: BeautifulSoup) -> dt.date | None:
    """A plausible date shown on the page: in a date-like element first, then anywhere."""
    body = soup.body or soup
    for tag in body.find_all(True, attrs={"class": _DATE_CLASS}):
        text = tag.get_text(" ", strip=True)
        found = parse_date(text) if len(text) < 200 else None
        if found and _plausible(found):
            return found
    found = parse_date(body.get_text(" "))
    return found if found and _plausible(found) else None


def _plausible(date: dt.date) -> bool:
    return dt.date(1995, 1, 1) <= date <= dt.date.today() + dt.timedelta(days=1)


def _author(soup: BeautifulSoup, meta: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    """JSON-LD author names, then author meta tags, then visible byline markup."""
    site = (meta.get("og:site_name") or "").lower()
    for value in _ld_values(ld, "author"):
        names = [_clean_author(a.get("name") if isinstance(a, dict) else a) for a in (value if isinstance(value, list) else [value])]
        joined = "; ".join(n for n in names if n and n.lower() != site)
        if joined:
            return joined
    for key in _AUTHOR_KEYS:
        value = _clean_author(meta.get(key))
        if value and value.lower() != site:
            return value
    for tag in (soup.body or soup).find_all(_is_byline):
        value = _clean_author(tag.get("content") if tag.name == "meta" else tag.get_text(" "))
        if value and value.lower() != site:
            return value
    return None


def _is_byline(tag: Tag) -> bool:
    """Markup that names an article's author: rel/itemprop "author" or a byline class."""
    if "author" in _as_list(tag.get("rel")) or "author" in str(tag.get("itemprop") or "").split():
        return True
    return bool(_BYLINE_CLASS.search(" ".join(_as_list(tag.get("class")))))


def _clean_author(value: Any) -> str | None:
    """A plausible author name: not a URL, not a sentence, without a leading "By"."""
    value = _clean(value)
    if not value or re.match(r"https?://|www\.", value) or "@" in value:
        return None
    value = re.sub(r"^(?:by|written by|von)\s*:?\s+", "", value, flags=re.IGNORECASE).strip(" ,|")
    if not value or len(value) > 120 or len(value.split()) > 15 or not re.search(r"[^\W\d_]", value):
        return None
    return value


# --- main text ------------------------------------------------------------------------


def _ld_body(ld: list[dict[str, Any]]) -> str:
    """The JSON-LD `articleBody`, as paragraphs; pages rendered by scripts carry only this."""
    body = next((b for b in _ld_values(ld, "articleBody") if isinstance(b, str)), "")
    if "<" in body and ">" in body:
        return "\n\n".join(_blocks(BeautifulSoup(body, "lxml")))
    return "\n\n".join(" ".join(line.split()) for line in body.splitlines() if line.strip())


def _longer(extracted: str, ld_body: str) -> str:
    """The page text, unless the JSON-LD body is much longer (the page shows only a teaser)."""
    return ld_body if len(ld_body) > 2 * len(extracted) + 200 else extracted


def _main_text(soup: BeautifulSoup, title: str | None) -> str:
    body = soup.body or soup
    _remove_boilerplate(body)
    paragraphs = [p for part in _choose_container(body) for p in _blocks(part) if p.lower().strip(" .:") not in _BOILERPLATE_LINES]
    if paragraphs and title and _words(paragraphs[0]) == _words(title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _remove_boilerplate(root: Tag) -> None:
    """Drop non-content tags, then blocks whose role, style or class/id say boilerplate.

    A block marked by class/id keywords is kept when it holds much of the page's paragraph
    text: such keywords also appear on layout wrappers ("has-sidebar", "ad-body").
    """
    doomed = [
        node
        for node in root.descendants
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction))
        or (isinstance(node, Tag) and node.name in _DROP_TAGS)
    ]
    for node in doomed:
        node.extract()
    total = _text_in_paragraphs(root)
    stack = [child for child in root.contents if isinstance(child, Tag)]
    while stack:
        tag = stack.pop()
        verdict = None if tag.name in ("article", "main") else _junk_verdict(tag)
        if verdict == "hard" or (verdict == "soft" and _text_in_paragraphs(tag) < 0.4 * total):
            tag.decompose()
        else:
            stack.extend(child for child in tag.contents if isinstance(child, Tag))


def _text_in_paragraphs(tag: Tag) -> int:
    return sum(len(p.get_text()) for p in tag.find_all("p"))


def _junk_verdict(tag: Tag) -> str | None:
    """"hard" for hidden or non-content roles, "soft" for boilerplate class/id names."""
    if tag.get("role") in _DROP_ROLES or tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return "hard"
    style = tag.get("style")
    if isinstance(style, str) and re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", style):
        return "hard"
    if tag.name == "form":
        return "soft"
    names = " ".join(_as_list(tag.get("class"))) + " " + str(tag.get("id") or "")
    if not _JUNK.search(names) or _CONTENT_HINT.search(names) or tag.get("itemprop") == "articleBody":
        return None
    return "soft"


def _link_text(tag: Tag) -> int:
    return sum(len(a.get_text(" ", strip=True)) for a in tag.find_all("a"))


def _unit_of(node: Any, body: Tag) -> tuple[Tag, bool]:
    """The nearest block ancestor of a text node (table cells count as their row), and
    whether the text is inside a link within that block."""
    parent, in_link = node.parent, False
    while parent is not body and (parent.name not in _BLOCK_TAGS or parent.name in ("td", "th")):
        in_link = in_link or parent.name == "a"
        parent = parent.parent
    return parent, in_link


def _text_units(body: Tag) -> dict[int, tuple[Tag, int]]:
    """Blocks with at least 25 characters of their own non-link text, with that length.

    "Own" text excludes nested blocks, so a `<div>` of `<br>`-separated text counts like a
    `<p>`; link text is left out so menus and teaser lists score nothing.
    """
    units: dict[int, list[Any]] = {}
    for node in body.find_all(string=True):
        length = len(node.strip())
        if not length:
            continue
        unit, in_link = _unit_of(node, body)
        entry = units.setdefault(id(unit), [unit, 0, 0])
        entry[1] += length
        if in_link:
            entry[2] += length
    return {k: (u, total - links) for k, (u, total, links) in units.items() if total - links >= 25}


def _choose_container(body: Tag) -> list[Tag]:
    """The blocks that make up the article: the best-scoring text container and its continuations.

    Each text unit scores its parent fully and its grandparent by half (as Readability does);
    the best element is then joined by same-tag, same-class siblings of it or of its
    ancestors, which is how split article bodies ("chunks" between ads) are marked up.
    """
    units = _text_units(body)
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for unit, length in units.values():
        parent, weight = unit.parent, 1.0
        for _ in range(2):
            if not isinstance(parent, Tag) or parent is body.parent:
                break
            scores[id(parent)] = scores.get(id(parent), 0.0) + length * weight
            elements[id(parent)] = parent
            parent, weight = parent.parent, weight / 2
    hinted = body.find(attrs={"itemprop": "articleBody"})
    if not scores:
        return [hinted or body]
    best = elements[max(scores, key=lambda k: scores[k])]
    if hinted is not None and len(hinted.get_text(" ", strip=True)) >= 0.5 * scores[id(best)]:
        best = hinted
    return _with_continuations(best, body, units)


def _unit_text(tag: Tag, units: dict[int, tuple[Tag, int]]) -> int:
    total = units[id(tag)][1] if id(tag) in units else 0
    return total + sum(units[id(t)][1] for t in tag.find_all(True) if id(t) in units)


def _with_continuations(best: Tag, body: Tag, units: dict[int, tuple[Tag, int]]) -> list[Tag]:
    node = best
    for _ in range(3):
        parent = node.parent
        if not isinstance(parent, Tag) or parent is body.parent:
            break
        twins = [
            sibling
            for sibling in parent.find_all(node.name, recursive=False)
            if sibling is node
            or (sibling.get("class") == node.get("class") and sibling.get("class") and _unit_text(sibling, units) >= 100)
        ]
        if len(twins) > 1:
            return twins
        node = parent
    return [best]


def _blocks(root: Tag) -> list[str]:
    """The text of `root` as paragraphs: one per block element, `<br><br>` splitting too."""
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        for part in _DOUBLE_BREAK.split("".join(buffer)):
            text = " ".join(part.replace(_BREAK, " ").split())
            if text and _has_words(text):
                paragraphs.append(text)
        buffer.clear()

    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            flush()
        elif isinstance(node, NavigableString):
            buffer.append(str(node))
        elif isinstance(node, Tag):
            if node.name == "br":
                buffer.append(_BREAK)
                continue
            if _is_link_list(node):
                continue
            block = node.name in _BLOCK_TAGS
            if block:
                stack.append(None)
            stack.extend(reversed(node.contents))
            if block:
                flush()
    flush()
    return paragraphs


def _is_link_list(tag: Tag) -> bool:
    """Lists, and short blocks, that are mostly links: related-story lists and the like."""
    if tag.name not in ("ul", "ol", "li", "p", "div", "section", "table"):
        return False
    text = tag.get_text(" ", strip=True)
    if not text:
        return False
    density = _link_text(tag) / len(text)
    if tag.name in ("ul", "ol", "table"):
        return density > 0.5
    return density > 0.7 and len(text) < 200


def _has_words(text: str) -> bool:
    return bool(re.search(r"\w", text))
