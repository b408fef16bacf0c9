"""HTML pages: metadata from meta tags and JSON-LD, main text without boilerplate."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from quotesearch.html import parse_html

HTML_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "html"

BODY = """
<p>The mayor said on Monday that the bridge would reopen next spring, after two years of repairs.</p>
<p>“We are finally seeing the end of this,” she told reporters outside City Hall, to loud applause.</p>
<p>Critics said the project had run <a href="/x">far over budget</a> and should never have started.</p>
"""


def page(head: str = "", body: str = "", article: str = BODY) -> bytes:
    """A news page with site chrome around an article."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>
<header><a href="/">Home</a> <a href="/news">News</a></header>
<nav><ul><li><a href="/a">Politics</a></li><li><a href="/b">Sports</a></li></ul></nav>
<main>{body}<article>{article}</article>
<div class="related-stories"><h3>Related</h3><ul><li><a href="/r1">Another story about bridges in the city</a></li>
<li><a href="/r2">Yet another story about city budgets and more</a></li></ul></div></main>
<aside><p>Sign up for our newsletter to get the best stories delivered to your inbox daily.</p></aside>
<script>var tracking = "do not index this script text";</script><style>p {{ color: red }}</style>
<footer><p>Copyright 2020 The Daily Example. All rights reserved by the owners of this site.</p></footer>
</body></html>""".encode()


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_main_text_keeps_paragraphs_and_drops_boilerplate() -> None:
    article = parse_html(page(), "p.html")
    assert paragraphs(article.text) == [
        "The mayor said on Monday that the bridge would reopen next spring, after two years of repairs.",
        "“We are finally seeing the end of this,” she told reporters outside City Hall, to loud applause.",
        "Critics said the project had run far over budget and should never have started.",
    ]
    for junk in ("Politics", "Related", "newsletter", "tracking", "color", "Copyright", "Home"):
        assert junk not in article.text
    assert article.path == "p.html"


def test_title_from_og_title_without_site_name() -> None:
    head = '<meta property="og:title" content="Bridge to reopen | The Daily Example"><title>x</title>'
    assert parse_html(page(head), "p.html").title == "Bridge to reopen"


def test_title_falls_back_to_title_tag_and_strips_site_name() -> None:
    head = '<meta property="og:site_name" content="Example News"><title>Bridge to reopen next spring - Example News</title>'
    assert parse_html(page(head), "p.html").title == "Bridge to reopen next spring"


def test_title_from_h1_and_h1_not_repeated_in_text() -> None:
    article = parse_html(page(article="<h1>Bridge to reopen</h1>" + BODY), "p.html")
    assert article.title == "Bridge to reopen"
    assert not article.text.startswith("Bridge to reopen")


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2016-10-02T10:00:00Z">',
        '<meta name="pubdate" content="20161002">',
        '<meta itemprop="datePublished" content="2016-10-02">',
        '<meta name="DC.date" content="October 2, 2016">',
        '<meta name="sailthru.date" content="2016-10-02 10:00:00">',
    ],
)
def test_date_from_meta_tags(head: str) -> None:
    assert parse_html(page(head), "p.html").date == dt.date(2016, 10, 2)


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_in_graph_gives_date_title_author() -> None:
    head = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Example"},
                {
                    "@type": "NewsArticle",
                    "headline": "Bridge &amp; tunnel news",
                    "datePublished": "2016-10-02T08:00:00-04:00",
                    "author": [{"@type": "Person", "name": "Ann Writer"}, {"@type": "Person", "name": "Bo Reporter"}],
                },
            ],
        }
    )
    article = parse_html(page(head), "p.html")
    assert article.date == dt.date(2016, 10, 2)
    assert article.title == "Bridge & tunnel news"
    assert article.author == "Ann Writer; Bo Reporter"


def test_json_ld_list_and_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{not json</script>' + json_ld([{"@type": "Article", "datePublished": "2015-03-04"}])
    assert parse_html(page(head), "p.html").date == dt.date(2015, 3, 4)


def test_date_from_time_element_then_url_path() -> None:
    timed = parse_html(page(body='<time datetime="2014-05-06T07:00">May 6</time>'), "p.html")
    assert timed.date == dt.date(2014, 5, 6)
    head = '<link rel="canonical" href="https://example.com/2013/07/08/bridge-story/">'
    from_url = parse_html(page(head), "p.html")
    assert from_url.date == dt.date(2013, 7, 8)
    assert from_url.url == "https://example.com/2013/07/08/bridge-story/"


def test_url_from_og_url() -> None:
    head = '<meta property="og:url" content="https://example.com/story">'
    assert parse_html(page(head), "p.html").url == "https://example.com/story"


@pytest.mark.parametrize(
    ("head", "body", "author"),
    [
        ('<meta name="author" content="By Jane Doe">', "", "Jane Doe"),
        ('<meta property="article:author" content="https://facebook.com/x">', '<a rel="author" href="/j">Jim Beam</a>', "Jim Beam"),
        ("", '<p class="byline">By Sam Smith</p>', "Sam Smith"),
    ],
)
def test_author_sources(head: str, body: str, author: str) -> None:
    assert parse_html(page(head, body), "p.html").author == author


def test_br_br_splits_paragraphs_and_blockquote_and_q_are_kept() -> None:
    article_html = (
        "<div>The council met on Tuesday evening to vote on the plan.<br><br>"
        "It passed <q>without any objection</q> from members.</div>"
        "<blockquote>Nothing is more important than this bridge, said the mayor.</blockquote>"
        + BODY
    )
    text = parse_html(page(article=article_html), "p.html").text
    parts = paragraphs(text)
    assert "The council met on Tuesday evening to vote on the plan." in parts
    assert "It passed “without any objection” from members." in parts
    assert "Nothing is more important than this bridge, said the mayor." in parts


def test_adjacent_blocks_are_never_glued() -> None:
    article_html = "<div><p>First block text here.</p><p>Second block text here.</p><li>A list item of text.</li></div>" + BODY
    parts = paragraphs(parse_html(page(article=article_html), "p.html").text)
    assert parts[:3] == ["First block text here.", "Second block text here.", "A list item of text."]


def test_hover_cards_inside_a_paragraph_are_left_out() -> None:
    article_html = ('<p>A man admitted threatening Rep. <span class="rollover-people"><a href="/p/lind">Ada Lind</a>'
                    '<span class="rollover-people-block"><span class="rollover-block">Ada Lind'
                    '<a href="/s">Budget talks stall again</a> MORE</span></span></span> (D-Minn.) on Monday.</p>'
                    '<p>He said <span class="tooltip">Glossary: a threat is a statement</span>he was sorry.</p>' + BODY)
    text = parse_html(page(article=article_html), "p.html").text
    assert "threatening Rep. Ada Lind (D-Minn.) on Monday." in text
    assert "Budget talks" not in text and "Glossary" not in text


def test_main_container_found_without_article_tag() -> None:
    html = f"""<html><body><div id="menu"><a href="/">Home</a> <a href="/b">About us</a></div>
    <div class="content"><div class="story">{BODY}</div></div>
    <div class="comments"><p>I totally disagree with this article and the mayor is wrong!</p></div></body></html>"""
    text = parse_html(html.encode(), "p.html").text
    assert text.startswith("The mayor said on Monday")
    assert "disagree" not in text and "About us" not in text


def test_windows_1252_page_is_decoded() -> None:
    data = page().replace(b'charset="utf-8"', b'charset="windows-1252"').replace("“".encode(), b"\x93").replace("”".encode(), b"\x94")
    assert "“We are finally seeing the end of this,”" in parse_html(data, "p.html").text


def _words(s: str | None) -> list[str]:
    return re.findall(r"\w+", (s or "").lower())


@pytest.mark.skipif(not (HTML_CORPORA / "fundus").exists(), reason="shared corpora not available")
def test_real_pages_reach_a_floor() -> None:
    truth = [json.loads(line) for line in (HTML_CORPORA / "fundus" / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    titles = dates = 0
    for page_truth in truth:
        article = parse_html((HTML_CORPORA / "fundus" / page_truth["file"]).read_bytes(), page_truth["file"])
        titles += _words(article.title) == _words(page_truth["title"])
        dates += bool(article.date) and article.date.isoformat() == page_truth["date"]
        assert article.text
    assert titles >= 0.8 * len(truth)
    assert dates >= 0.85 * len(truth)
