"""Plain-text articles: headers, sidecars, file-name dates, titles and paragraphs."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quotesearch.text import date_from_filename, parse_date, parse_text

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seed" / "000_afb79046292409a7.txt"
POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "polnear" / "dev" / "text"


@pytest.mark.parametrize(
    "text",
    [
        "2016-10-02",
        "2016-10-02T10:00:00Z",
        "October 2, 2016",
        "Oct. 2, 2016",
        "Sunday, Oct 2nd, 2016 at 10am",
        "2 October 2016",
        "10/02/2016",
        "Sun, 02 Oct 2016 10:00:00 +0000",
        "20161002",
        "Published 2016/10/02 by staff",
    ],
)
def test_parse_date_accepts_common_forms(text: str) -> None:
    assert parse_date(text) == dt.date(2016, 10, 2)


@pytest.mark.parametrize("text", ["", "no date here", "2016-02-30", "13/45/2016", "tomorrow"])
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_headers_give_metadata_and_are_not_in_the_text() -> None:
    content = (
        "Title: Senate passes the bill\r\nDate: October 2, 2016\r\nBy: Jane Roe\r\n"
        "URL: https://example.com/a\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n"
    )
    article = parse_text(content, "news/a.txt")
    assert article.title == "Senate passes the bill"
    assert article.date == dt.date(2016, 10, 2)
    assert article.author == "Jane Roe"
    assert article.url == "https://example.com/a"
    assert article.text == "First paragraph.\n\nSecond paragraph."
    assert article.path == "news/a.txt"


def test_header_names_are_case_insensitive_and_published_is_a_date() -> None:
    article = parse_text("TITLE: Hi there\npublished: 2019-05-06\nauthor: A. Writer\n\nBody text here.", "x.txt")
    assert (article.title, article.date, article.author) == ("Hi there", dt.date(2019, 5, 6), "A. Writer")
    assert article.text == "Body text here."


def test_precedence_header_then_sidecar_then_file_name() -> None:
    sidecar = {"title": "Sidecar title", "date": "2001-01-01", "author": "Side Car", "url": "https://s.example"}
    name = "usatoday_2016-10-02_slug.txt"
    with_headers = parse_text("Title: Header title\nDate: 2010-10-10\nBy: Head Er\n\nBody.", name, sidecar)
    assert (with_headers.title, with_headers.date, with_headers.author) == ("Header title", dt.date(2010, 10, 10), "Head Er")
    assert with_headers.url == "https://s.example"
    only_sidecar = parse_text("Sidecar title\n\nBody.", name, sidecar)
    assert (only_sidecar.title, only_sidecar.date, only_sidecar.author) == ("Sidecar title", dt.date(2001, 1, 1), "Side Car")
    assert only_sidecar.text == "Body."
    bare = parse_text("A headline\n\nBody.", name)
    assert (bare.title, bare.date, bare.author, bare.url) == ("A headline", dt.date(2016, 10, 2), None, None)


def test_sidecar_author_list_is_joined() -> None:
    article = parse_text("Body only, a sentence.", "x.txt", {"author": ["Ann One", "Bob Two"]})
    assert article.author == "Ann One, Bob Two"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("usatoday_2016-10-02_slug.txt", dt.date(2016, 10, 2)),
        ("story-20190506.txt", dt.date(2019, 5, 6)),
        ("nyt_2016-13-45_bad.txt", None),
        ("plain.txt", None),
        ("dir_2016-10-02/story.txt", None),
    ],
)
def test_date_from_filename(name: str, expected: dt.date | None) -> None:
    assert date_from_filename(name) == expected


def test_first_line_followed_by_blank_line_is_the_title() -> None:
    article = parse_text("Clinton Was Headed to ER.\n\n“We are fine,” she said.\n\nMore text.", "t.txt")
    assert article.title == "Clinton Was Headed to ER."
    assert article.text == "“We are fine,” she said.\n\nMore text."


def test_single_newline_paragraphs_and_a_sentence_first_line_has_no_title() -> None:
    content = "The minister said on Tuesday that talks would go on.\n“We will not stop,” he said.\nOthers disagreed."
    article = parse_text(content, "t.txt")
    assert article.title is None
    assert article.text.split("\n\n") == [
        "The minister said on Tuesday that talks would go on.",
        "“We will not stop,” he said.",
        "Others disagreed.",
    ]


def test_hard_wrapped_paragraph_is_joined() -> None:
    content = "Heading\n\nThe senator said that the\nbill would pass before the\nend of the month.\n\nNext one."
    assert parse_text(content, "t.txt").text == (
        "The senator said that the bill would pass before the end of the month.\n\nNext one."
    )


def test_title_repeated_under_a_title_header_is_dropped() -> None:
    article = parse_text("Title: Big news\n\nBig news\n\nThe body.", "t.txt")
    assert article.text == "The body."


@pytest.mark.skipif(not SEED.exists(), reason="shared corpora not available")
def test_seed_article_stays_whole_without_a_title() -> None:
    content = SEED.read_text(encoding="utf-8")
    article = parse_text(content, str(SEED))
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    assert article.title is None
    assert article.text.split("\n\n") == lines


@pytest.mark.skipif(not POLNEAR.exists(), reason="shared corpora not available")
def test_polnear_files_give_title_date_and_body() -> None:
    path = sorted(POLNEAR.glob("*.txt"))[0]
    content = path.read_text(encoding="utf-8")
    article = parse_text(content, str(path))
    assert article.title == content.splitlines()[0].strip()
    assert article.date == date_from_filename(path.name) is not None
    assert article.text.split("\n\n") == [p.strip() for p in content.split("\n\n")[1:] if p.strip()]
