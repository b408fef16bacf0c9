"""Web pages: quotes in markup, byline paragraphs, skipped non-articles, date and title rules,
and real pages from ../shared (skipped when it is absent)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotesearch.cli import main
from quotesearch.extraction import extract_quotes
from quotesearch.html import NotAnArticle, parse_html
from quotesearch.loading import LoadError, load_article

HTML_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "html"
needs_corpora = pytest.mark.skipif(not HTML_CORPORA.is_dir(), reason="shared corpora not available")

LEAD = (
    "<p>The mayor said on Monday that the bridge would reopen next spring, after two years of repairs.</p>"
    "<p>Critics said the project had run far over budget and should never have been started at all.</p>"
)


def article_page(article: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body><nav><a href='/'>Home</a></nav><article>{article}</article></body></html>".encode()


def paragraphs(html: str) -> list[str]:
    return parse_html(article_page(html), "p.html").text.split("\n\n")


def test_q_element_gets_curly_quotes_and_is_extracted() -> None:
    parts = paragraphs(LEAD + "<p>The council called the plan <q>a waste of <q>good</q> money</q> and went home.</p>")
    assert "The council called the plan “a waste of ‘good’ money” and went home." in parts


@pytest.mark.parametrize(
    "quote",
    [
        "<blockquote><p>We will build this bridge whatever it costs us.</p><cite>Jane Smith</cite></blockquote>",
        "<blockquote><p>We will build this bridge whatever it costs us.</p><footer>— Jane Smith</footer></blockquote>",
        "<blockquote><p>We will build this bridge whatever it costs us.</p><p>― Jane Smith</p></blockquote>",
        "<figure><blockquote><p>We will build this bridge whatever it costs us.</p></blockquote><figcaption>— Jane Smith</figcaption></figure>",
    ],
)
def test_attributed_blockquote_becomes_a_quote_the_extractor_attributes(quote: str) -> None:
    parts = paragraphs(LEAD + quote)
    assert parts[-1] == "“We will build this bridge whatever it costs us.” ― Jane Smith"
    found = extract_quotes("\n\n".join(parts))
    assert [(q.quote, q.speaker) for q in found] == [("We will build this bridge whatever it costs us.", "Jane Smith")]


def test_blockquote_without_attribution_stays_plain_paragraphs() -> None:
    parts = paragraphs(LEAD + "<blockquote><p>First quoted line of the letter.</p><p>Second line of it.</p></blockquote>")
    assert parts[-2:] == ["First quoted line of the letter.", "Second line of it."]


def test_pull_quote_repeating_the_body_is_dropped() -> None:
    pull = "<blockquote class='pullquote'><p>“the bridge would reopen next spring”</p><cite>The mayor</cite></blockquote>"
    first, second = LEAD.split("</p>", 1)
    parts = paragraphs(first + "</p>" + pull + second)
    assert len(parts) == 2
    assert not any("―" in p for p in parts)


def test_blocks_never_glue_and_repeated_furniture_goes() -> None:
    furniture = "<section><p>Article content</p></section>"
    html = furniture + "<p>One.</p><div>Two<ul><li>three</li></ul>four</div><h2>Five</h2><p>Six</p>" + furniture * 2 + LEAD
    parts = paragraphs(html)
    assert parts[:6] == ["One.", "Two", "three", "four", "Five", "Six"]
    assert "Article content" not in parts


@pytest.mark.parametrize(("line", "author"), [("<strong>Ann Lee/Bo Chan</strong>", "Ann Lee/Bo Chan"), ("By Ann Lee", "Ann Lee")])
def test_byline_paragraph_gives_the_author_and_leaves_the_text(line: str, author: str) -> None:
    article = parse_html(article_page(f"<p>{line}</p>" + LEAD), "p.html")
    assert article.author == author
    assert article.text.startswith("The mayor said")


def test_bold_lead_sentence_is_not_a_byline() -> None:
    article = parse_html(article_page("<p><strong>The mayor resigned on Monday.</strong></p>" + LEAD), "p.html")
    assert article.author is None
    assert article.text.startswith("The mayor resigned on Monday.")


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><head><title>404 Page Not Found</title></head><body><p>Sorry, we could not find that page.</p></body></html>", "error page"),
        ("<html><body><div id='app'></div></body></html>", "no article text"),
        (
            "<html><body><ul>" + "".join(f"<li><a href='/s{i}'>Story number {i} headline</a></li>" for i in range(30)) + "</ul><p>Welcome to our site.</p></body></html>",
            "index page",
        ),
    ],
)
def test_non_articles_raise_with_a_reason(tmp_path: Path, html: str, reason: str) -> None:
    with pytest.raises(NotAnArticle, match=reason):
        parse_html(html.encode(), "p.html")
    path = tmp_path / "page.html"
    path.write_text(html)
    with pytest.raises(LoadError) as err:
        load_article(path)
    assert str(err.value).startswith(f"{path}: not an article: {reason}")


def test_dated_page_without_text_is_kept() -> None:
    head = '<meta property="article:published_time" content="2020-01-20T10:00:00+08:00">'
    article = parse_html(f"<html><head>{head}</head><body><div id='app'></div></body></html>".encode(), "p.html")
    assert (article.date, article.text) == (dt.date(2020, 1, 20), "")


def _dated(head: str, header: str) -> dt.date | None:
    html = f"<html><head>{head}</head><body><header class='site'>{header}</header><article><h1>Bridge to reopen</h1>{LEAD}</article></body></html>"
    return parse_html(html.encode(), "p.html").date


def test_utc_timestamp_after_midnight_takes_the_local_published_date() -> None:
    head = '<meta property="article:published_time" content="2023-11-09T03:28:35Z">'
    assert _dated(head, "") == dt.date(2023, 11, 9)
    assert _dated(head + '<link rel="canonical" href="https://example.com/2023/11/08/bridge/">', "") == dt.date(2023, 11, 8)
    article = '<article><h1>Bridge to reopen</h1><p>Thursday, November 9, 2023 Published November 8, 2023 10:28pm</p>' + LEAD + "</article>"
    html = f"<html><head>{head}</head><body>{article}</body></html>"
    assert parse_html(html.encode(), "p.html").date == dt.date(2023, 11, 8)
    afternoon = '<meta property="article:published_time" content="2023-11-09T15:00:00Z">'
    assert _dated(afternoon + '<link rel="canonical" href="https://example.com/2023/11/08/bridge/">', "") == dt.date(2023, 11, 9)


def test_shown_update_date_wins_when_metadata_declares_it() -> None:
    head = '<meta property="article:published_time" content="2019-06-17"><meta property="article:modified_time" content="2020-06-04">'
    html = f"<html><head>{head}</head><body><article><h1>Bridge to reopen</h1><p>Last updated 04 Jun 2020</p>{LEAD}</article></body></html>"
    assert parse_html(html.encode(), "p.html").date == dt.date(2020, 6, 4)
    shown_published = html.replace("Last updated 04 Jun 2020", "Published 17 Jun 2019, updated 04 Jun 2020")
    assert parse_html(shown_published.encode(), "p.html").date == dt.date(2019, 6, 17)


@pytest.mark.parametrize(
    ("head", "body", "date"),
    [
        ("", "<abbr class='published' itemprop='datePublished' title='2018-06-05T08:00:00-07:00'>June 5</abbr>", dt.date(2018, 6, 5)),
        ("", '<script type="application/json">{"publishedDate":"2016-11-04T20:37:27Z"}</script>', dt.date(2016, 11, 4)),
        ("", "<span>02.12.19</span>", dt.date(2019, 12, 2)),
        ('<meta property="og:image" content="https://example.com/files/2016/05/04/cover.png">', "", dt.date(2016, 5, 4)),
    ],
)
def test_date_fallbacks(head: str, body: str, date: dt.date) -> None:
    html = f"<html><head>{head}</head><body>{body}<h1>Bridge to reopen</h1>{LEAD}</body></html>"
    assert parse_html(html.encode(), "p.html").date == date


def test_undated_page_takes_the_latest_date_after_the_headline() -> None:
    body = "<h1>Bridge to reopen</h1><p>Photo taken January 16, 2020.</p><p>January 18, 2020 PARIS</p>" + LEAD
    assert parse_html(f"<html><body>{body}</body></html>".encode(), "p.html").date == dt.date(2020, 1, 18)


def test_title_is_the_headline_a_metadata_title_agrees_with() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge reopening set for spring"}</script>'
    og = '<meta property="og:title" content="Bridge to reopen next spring">'
    assert parse_html(article_page("<h1>Bridge to reopen next spring</h1>" + LEAD, ld + og), "p.html").title == "Bridge to reopen next spring"
    assert parse_html(article_page("<h1>Breaking</h1>" + LEAD, ld + og), "p.html").title == "Bridge reopening set for spring"


def test_json_ld_headline_confirmed_by_the_page_title_wins() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge reopening set for spring"}</script>'
    head = ld + '<meta property="og:title" content="Bridge to reopen"><title>Bridge reopening set for spring | Daily Example</title>'
    assert parse_html(article_page("<h1>Bridge to reopen</h1>" + LEAD, head), "p.html").title == "Bridge reopening set for spring"


def test_cli_date_override_applies_to_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title: A\nDate: 2001-02-03\n\nThe mayor said the bridge would reopen.\n")
    (tmp_path / "b.html").write_bytes(article_page("<h1>B</h1>" + LEAD))
    result = CliRunner().invoke(main, ["extract", "--date", "2020-01-02", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["date"] for line in result.output.splitlines()] == ["2020-01-02", "2020-01-02"]


@needs_corpora
def test_mislabelled_real_page_is_read_as_utf8() -> None:
    """dailyherald.com declares iso-8859-1 but is UTF-8; no page in the sets decodes to mojibake."""
    page = HTML_CORPORA / "htmldate" / "pages" / "dailyherald.com-Hollywood.html"
    assert b'charset="iso-8859-1"' in page.read_bytes()[:4096]
    for path in sorted(HTML_CORPORA.glob("*/pages/*.html")):
        try:
            article = load_article(path)
        except LoadError:
            continue
        text = article.text + (article.title or "")
        assert not any(bad in text for bad in ("â€™", "â€œ", "Ã©", "ï¿½")), path.name


@needs_corpora
def test_real_page_bodies_and_dates_reach_their_goals() -> None:
    """Fundus: body words found and dates right on nearly every page (the full measure is benchmarks/html.py)."""
    truth = [json.loads(line) for line in (HTML_CORPORA / "fundus" / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    recalled = dates = 0
    for page_truth in truth:
        article = load_article(HTML_CORPORA / "fundus" / page_truth["file"])
        body = set(page_truth["body"].lower().split())
        recalled += len(body & set(article.text.lower().split())) >= 0.8 * len(body)
        dates += article.date is not None and article.date.isoformat() == page_truth["date"]
    assert recalled >= 0.9 * len(truth)
    assert dates >= 0.95 * len(truth)
