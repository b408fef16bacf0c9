"""A web page's main text: the container with the most paragraph text, as paragraphs.

Navigation, sharing, comment and other boilerplate blocks are removed first; the container
that scores best (each paragraph counts for its parent and, by half, its grandparent) is
joined by the same-class siblings that split long articles between ads; its block elements
become paragraphs separated by blank lines, so two paragraphs are never glued together.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from .html_meta import as_list, byline_names, ld_values, words

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
    "readmore", "more-stories", "see-also", "pagination", "jump", "tooltip", "popover", "hovercard",
    "rollover-block",
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
_SIBLING_SHARE = 0.5
_DASH_NAME = re.compile(r"^[—–―-]+\s*(\S.*)$")
_DASH_TAIL = re.compile(r"\s―\s[^―]+$")
_BREAK = "\u2029"
_DOUBLE_BREAK = re.compile(_BREAK + r"\s*" + _BREAK + r"[\s" + _BREAK + "]*")
MAX_DEPTH = 256
"""Markup nested deeper is flattened to paragraphs (`flatten_deep`). Real pages nest about
40 levels; thousands of unclosed tags, or hostile pages, nest far deeper and would make
every walk up or down the tree slow."""
_INVISIBLE = frozenset(("script", "style", "noscript", "template"))
_BOILERPLATE_LINES = frozenset(
    ("advertisement", "continue reading", "read more", "share", "share this", "share this article",
     "related", "related articles", "loading", "loading...", "story continues below advertisement",
     "skip advertisement", "ad", "sponsored", "click here")
)


def main_text(soup: BeautifulSoup, title: str | None, ld: list[dict[str, Any]]) -> tuple[str, str | None]:
    """The article's body as paragraphs split by blank lines, and the author names of a byline
    paragraph found (and left out) at its top; removes boilerplate from `soup`."""
    text, byline = _main_text(soup, title)
    return _longer(text, _ld_body(ld)), byline


def flatten_deep(soup: BeautifulSoup, limit: int = MAX_DEPTH) -> int:
    """Replace what is nested more than `limit` levels deep by its text, one `<p>` per block.

    Returns the deepest level found. The walk is iterative and linear, so a page nested
    100,000 levels deep costs about as much as a flat one of the same size.
    """
    depth: dict[int, int] = {id(soup): 0}
    deepest = 0
    cut: dict[int, Tag] = {}
    for node in soup.descendants:
        if isinstance(node, Tag):
            level = depth[id(node.parent)] + 1
            depth[id(node)] = level
            deepest = max(deepest, level)
            if level == limit + 1 and node.parent is not None:
                cut[id(node.parent)] = node.parent
    for tag in cut.values():
        paragraphs = _flat_paragraphs(tag)
        tag.clear()
        for text in paragraphs:
            paragraph = soup.new_tag("p")
            paragraph.string = text
            tag.append(paragraph)
    return deepest


def _flat_paragraphs(root: Tag) -> list[str]:
    """The visible text under `root`, split into paragraphs at block elements; iterative."""
    paragraphs: list[str] = []
    buffer: list[str] = []
    for node in root.descendants:
        if isinstance(node, Tag) and node.name in _BLOCK_TAGS and buffer:
            paragraphs.append(" ".join("".join(buffer).split()))
            buffer.clear()
        elif isinstance(node, NavigableString) and type(node) is NavigableString \
                and node.parent is not None and node.parent.name not in _INVISIBLE:
            buffer.append(str(node))
    paragraphs.append(" ".join("".join(buffer).split()))
    return [p for p in paragraphs if p]


def _ld_body(ld: list[dict[str, Any]]) -> str:
    """The JSON-LD `articleBody`, as paragraphs; pages rendered by scripts carry only this."""
    body = next((b for b in ld_values(ld, "articleBody") if isinstance(b, str)), "")
    if "<" in body and ">" in body:
        markup = BeautifulSoup(body, "lxml")
        flatten_deep(markup)
        return "\n\n".join(_blocks(markup))
    return "\n\n".join(" ".join(line.split()) for line in body.splitlines() if line.strip())


def _longer(extracted: str, ld_body: str) -> str:
    """The page text, unless the JSON-LD body is much longer (the page shows only a teaser)."""
    return ld_body if len(ld_body) > 2 * len(extracted) + 200 else extracted


def _main_text(soup: BeautifulSoup, title: str | None) -> tuple[str, str | None]:
    body = soup.body or soup
    _mark_quotes(soup, body)
    _remove_boilerplate(body)
    parts = _choose_container(body)
    byline = _take_byline(parts)
    paragraphs = [p for part in parts for p in _blocks(part) if p.lower().strip(" .:") not in _BOILERPLATE_LINES]
    if paragraphs and title and words(paragraphs[0]) == words(title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(_without_repeats(paragraphs)), byline


def _mark_quotes(soup: BeautifulSoup, root: Tag) -> None:
    """Make quotes in the markup explicit for the quote extractor.

    `<q>` gets curly quote marks; a `<blockquote>` with an attribution (`<cite>`, `<footer>`,
    a last line or figure caption starting with a dash) becomes one paragraph
    `“…” ― Name` (an embedded post's "— Name (@handle) date" line is such an attribution).
    """
    for q in root.find_all("q"):
        nested = q.find_parent("q") is not None
        q.insert(0, "‘" if nested else "“")
        q.append("’" if nested else "”")
    for quote in root.find_all("blockquote"):
        if quote.find_parent("blockquote") is not None:
            continue
        name = _attribution(quote)
        text = " ".join(_blocks(quote)).strip()
        if name is None or not text:
            continue
        if not text.startswith(("“", '"', "‘")):
            text = f"“{text}”"
        paragraph = soup.new_tag("p")
        paragraph.string = f"{text} ― {name}"
        quote.replace_with(paragraph)


def _attribution(quote: Tag) -> str | None:
    """The speaker a blockquote names, removed from it: `<cite>`/`<footer>`, or a dash line."""
    cite = quote.find(["cite", "footer"])
    lines = [tag for tag in quote.find_all(["p", "div", "span"]) if tag.get_text(strip=True)]
    caption = quote.parent.find("figcaption") if quote.parent is not None and quote.parent.name == "figure" else None
    for tag, dashed in ((cite, False), (lines[-1] if len(lines) > 1 else None, True), (caption, True)):
        if tag is None:
            continue
        text = " ".join(tag.get_text(" ").split())
        match = _DASH_NAME.match(text)
        name = match.group(1) if match else (None if dashed else text.strip(" ,"))
        if name and len(name.split()) <= 12 and name[0].isupper():
            tag.extract()
            return name
    return None


def _take_byline(parts: list[Tag]) -> str | None:
    """Names from a byline paragraph ("By Ann Lee", or a bold name alone) among the first
    paragraphs of the text; the paragraph is removed."""
    for paragraph in [p for part in parts for p in part.find_all("p", limit=4)][:4]:
        text = " ".join(paragraph.get_text(" ").split())
        names = byline_names(text) if text else None
        bold = paragraph.find(["strong", "b"])
        if names and (text.lower().startswith("by ") or (bold is not None and " ".join(bold.get_text(" ").split()) == text)):
            paragraph.decompose()
            return names
        if len(text) > 150:
            break
    return None


def _without_repeats(paragraphs: list[str]) -> list[str]:
    """Paragraphs without page furniture repeated three or more times ("Article content"),
    exact repeats, or pull quotes whose words already stand in another paragraph."""
    counts = Counter(paragraphs)
    keys = [" ".join(words(_DASH_TAIL.sub("", p))) for p in paragraphs]
    kept: list[str] = []
    seen: set[str] = set()
    for i, paragraph in enumerate(paragraphs):
        if (counts[paragraph] >= 3 and len(paragraph.split()) <= 6) or paragraph in seen:
            continue
        seen.add(paragraph)
        key = keys[i]
        if len(key.split()) >= 5 and any(j != i and len(other) > len(key) and key in other for j, other in enumerate(keys)):
            continue
        kept.append(paragraph)
    return kept


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
    hinted = body.find(itemprop="articleBody")
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
    """`best` and the same-tag, same-class siblings of it or of its nearest ancestors.

    The highest such level wins: long articles split into same-class chunks at one level are
    often also split into same-class sections further up. Everything between the first and
    the last twin is kept: subheadings and short paragraphs sit between them. Without twins,
    siblings holding at least half as much paragraph text join (a live blog beside its intro).
    """
    node, chosen = best, [best]
    for _ in range(4):
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
            children = [child for child in parent.contents if isinstance(child, Tag)]
            chosen = children[children.index(twins[0]) : children.index(twins[-1]) + 1]
        node = parent
    if chosen == [best] and isinstance(best.parent, Tag) and best is not body:
        chosen = [
            sibling
            for sibling in best.parent.find_all(True, recursive=False)
            if sibling is best or _unit_text(sibling, units) >= _SIBLING_SHARE * _unit_text(best, units)
        ]
    return chosen


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
