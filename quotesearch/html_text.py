"""A web page's main text: the container with the most paragraph text, as paragraphs.

Navigation, sharing, comment and other boilerplate blocks are removed first; the container
that scores best (each paragraph counts for its parent and, by half, its grandparent) is
joined by the same-class siblings that split long articles between ads; its block elements
become paragraphs separated by blank lines, so two paragraphs are never glued together.
"""
from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from .html_meta import as_list, ld_values, words

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
_BOILERPLATE_LINES = frozenset(
    ("advertisement", "continue reading", "read more", "share", "share this", "share this article",
     "related", "related articles", "loading", "loading...", "story continues below advertisement",
     "skip advertisement", "ad", "sponsored", "click here")
)


def main_text(soup: BeautifulSoup, title: str | None, ld: list[dict[str, Any]]) -> str:
    """The article's body as paragraphs split by blank lines; removes boilerplate from `soup`."""
    return _longer(_main_text(soup, title), _ld_body(ld))


def _ld_body(ld: list[dict[str, Any]]) -> str:
    """The JSON-LD `articleBody`, as paragraphs; pages rendered by scripts carry only this."""
    body = next((b for b in ld_values(ld, "articleBody") if isinstance(b, str)), "")
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
    if paragraphs and title and words(paragraphs[0]) == words(title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


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
    names = " ".join(as_list(tag.get("class"))) + " " + str(tag.get("id") or "")
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
