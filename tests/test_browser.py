"""The search UI in a real headless Chromium, driven by Playwright, against a real
`quotesearch serve` over the sample corpus (plus one wire copy of a sample quote, so a
result is "also reported by" another outlet). Skipped when Chromium or Playwright is missing.

Set QUOTESEARCH_SCREENSHOTS=1 to refresh docs/screenshots/ (search page, speaker page and
article view); otherwise screenshots go to a temporary folder, so a test run never changes
the working tree.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from conftest import served
from quotesearch import index_paths

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCREENSHOTS = ROOT / "docs" / "screenshots"
WIRE_COPY = ("Title: Westbrook keeps its libraries open\nDate: 2024-03-15\n"
             "URL: https://www.wirenews.example/2024/03/15/westbrook-libraries\n\n"
             "Westbrook's council passed its budget after a long night.\n\n"
             "\"We didn't get everything we wanted, but nobody's neighborhood is going to lose a library "
             "on my watch,\" Mayor Lina Ortiz said on Friday.\n")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`quotesearch serve --port 0` over a fresh index of samples/; yields the URL it prints."""
    root = tmp_path_factory.mktemp("browser")
    (root / "wire").mkdir()
    (root / "wire" / "westbrook-libraries.txt").write_text(WIRE_COPY, encoding="utf-8")
    assert index_paths([SAMPLES, root / "wire"], root / "index").failures == ()
    with served(root / "index", root) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def problems() -> list[str]:
    """Console errors (CSP violations among them), page exceptions and failed responses."""
    return []


def console_problem(msg: sync_api.ConsoleMessage) -> str | None:
    """An error logged in the console (CSP violations, failed loads, script errors)."""
    if msg.type != "error":
        return None
    return f"console error: {msg.text} at {msg.location.get('url')}"


@pytest.fixture()
def page(browser: sync_api.Browser, problems: list[str]) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.on("console", lambda msg: problems.append(found) if (found := console_problem(msg)) else None)
    tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    tab.on("response", lambda r: problems.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    yield tab
    context.close()


def api_total(server_url: str, **params: str) -> int:
    with urllib.request.urlopen(f"{server_url}api/search?{urlencode(params)}", timeout=10) as response:
        return json.load(response)["total"]


def params_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def count_of(page: sync_api.Page) -> int:
    """The total in the count line, e.g. 27 in "27 quotes (28 reports), page 1 of 2"."""
    text = page.locator(".count").inner_text()
    found = re.match(r"(\d+) quotes?\b", text)
    assert found, text
    return int(found.group(1))


def submit(page: sync_api.Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()


def test_form_has_heading_and_labelled_inputs(page: sync_api.Page, server_url: str, problems: list[str]) -> None:
    page.goto(server_url)
    assert page.title() == "quotesearch"
    assert page.locator(".site-header .brand").inner_text() == "quotesearch"
    assert page.get_by_role("search").is_visible()
    for label, kind in (("Words or “phrases”", "search"), ("Speaker", "text"), ("From", "date"), ("To", "date")):
        field = page.get_by_label(label, exact=True)
        assert field.is_visible() and field.get_attribute("type") == kind, label
    assert re.match(r"\d+ quotes from 13 articles", page.locator(".summary").inner_text())
    assert problems == []


def test_query_marks_matches_and_counts_them(page: sync_api.Page, server_url: str, problems: list[str],
                                             tmp_path: Path) -> None:
    page.goto(server_url)
    page.get_by_label("Words or “phrases”", exact=True).fill("budget")
    submit(page)
    assert params_of(page.url)["q"] == ["budget"]
    total = api_total(server_url, q="budget")
    assert total >= 2 and count_of(page) == total
    assert page.locator("ol.results li.quote").count() == total
    assert page.locator("link[rel=icon]").get_attribute("href") == "/static/favicon.svg"
    marks = page.locator("li.quote mark").all_inner_texts()
    assert marks and all(m.lower().startswith("budget") for m in marks)
    assert problems == []


def test_speaker_link_shows_only_that_speaker(page: sync_api.Page, server_url: str, problems: list[str]) -> None:
    page.goto(f"{server_url}?q=budget")
    speakers = page.locator("li.quote a.speaker")
    assert len(set(speakers.all_inner_texts())) > 1
    name = speakers.first.inner_text()
    key = " ".join(WORD.findall(name.lower()))
    with page.expect_navigation():
        speakers.first.click()
    assert params_of(page.url) == {"q": ["budget"], "speaker": [key]}
    shown = page.locator("li.quote .speaker").all_inner_texts()
    assert shown and len(shown) == count_of(page) == api_total(server_url, q="budget", speaker=name)
    wanted = set(WORD.findall(name.lower()))
    assert all(wanted <= set(WORD.findall(s.lower())) for s in shown), shown
    assert page.get_by_label("Speaker", exact=True).input_value() == key
    assert problems == []


def test_date_inputs_limit_results_to_the_range(page: sync_api.Page, server_url: str, problems: list[str]) -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    page.goto(server_url)
    page.get_by_label("From", exact=True).fill(start.isoformat())
    page.get_by_label("To", exact=True).fill(end.isoformat())
    submit(page)
    assert params_of(page.url)["from"] == [start.isoformat()] and params_of(page.url)["to"] == [end.isoformat()]
    total = api_total(server_url, **{"from": start.isoformat(), "to": end.isoformat()})
    assert 1 <= total < api_total(server_url)
    assert count_of(page) == total
    dates = [dt.date.fromisoformat(d) for d in page.locator("li.quote time").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('datetime'))")]
    assert dates and len(dates) == page.locator("li.quote").count()
    assert all(start <= d <= end for d in dates), dates
    assert problems == []


def test_csp_blocks_inline_script_and_it_is_reported(page: sync_api.Page, server_url: str,
                                                     problems: list[str]) -> None:
    """The policy is enforced by the browser, and its violations reach `problems`."""
    page.goto(server_url)
    with page.expect_console_message(lambda msg: "Content Security Policy" in msg.text):
        page.evaluate("""() => {
            const script = document.createElement("script");
            script.textContent = "document.body.dataset.injected = 'yes'";
            document.body.append(script);
        }""")
    assert page.locator("body").get_attribute("data-injected") is None
    assert any("Content Security Policy" in p for p in problems), problems


def screenshot(page: sync_api.Page, name: str, tmp_path: Path) -> None:
    """Save a full-page PNG to docs/screenshots/ when asked (QUOTESEARCH_SCREENSHOTS=1), else to tmp."""
    target = (SCREENSHOTS if os.environ.get("QUOTESEARCH_SCREENSHOTS") else tmp_path) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes().startswith(b"\x89PNG")


def test_journey_query_autocomplete_facet_dates_article_and_csv(page: sync_api.Page, server_url: str,
                                                                 problems: list[str], tmp_path: Path) -> None:
    """The whole path of a journalist, checking the page at each step."""
    page.goto(server_url)
    page.get_by_label("Words or “phrases”", exact=True).fill("library OR book")
    submit(page)
    total = api_total(server_url, q="library OR book")
    assert count_of(page) == total >= 3
    grouped = page.locator("li.quote details.reports summary")
    assert grouped.count() == 1 and grouped.inner_text().startswith("Also reported by 1 article")
    assert page.locator(".facets a.facet-speaker").count() >= 3
    assert page.locator("svg.timeline-bars a").count() >= 1
    screenshot(page, "search.png", tmp_path)

    speaker = page.get_by_label("Speaker", exact=True)
    speaker.click()
    speaker.type("lin", delay=40)
    options = page.get_by_role("option")
    options.first.wait_for()
    assert speaker.get_attribute("aria-expanded") == "true"
    names = options.all_inner_texts()
    assert names[0].startswith("Lina Ortiz") and any(n.startswith("Derek Lindqvist") for n in names)
    speaker.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        speaker.press("Enter")
    assert params_of(page.url)["speaker"] == ["Lina Ortiz"]
    assert set(page.locator("li.quote a.speaker").all_inner_texts()) == {"Lina Ortiz"}
    assert count_of(page) == api_total(server_url, q="library OR book", speaker="Lina Ortiz") >= 1

    page.goto(f"{server_url}?q=library+OR+book&group=0")
    outlet = page.locator("a.facet-source", has_text="wirenews.example")
    with page.expect_navigation():
        outlet.click()
    assert params_of(page.url)["source"] == ["wirenews.example"]
    assert page.locator("li.quote .source .outlet").all_inner_texts() == ["wirenews.example"]
    assert count_of(page) == 1

    page.goto(f"{server_url}?q=library+OR+book")
    page.get_by_label("From", exact=True).fill("2024-03-01")
    page.get_by_label("To", exact=True).fill("2024-03-31")
    submit(page)
    dates = [dt.date.fromisoformat(d) for d in page.locator("li.quote > .attribution time").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('datetime'))")]
    assert dates and all(dt.date(2024, 3, 1) <= d <= dt.date(2024, 3, 31) for d in dates), dates
    assert count_of(page) == api_total(server_url, q="library OR book", **{"from": "2024-03-01", "to": "2024-03-31"})

    quote = page.locator("li.quote .quote-text").first.inner_text().strip("“”")
    title = page.locator("li.quote .source").first.locator("a[rel], .title").inner_text()
    with page.expect_navigation():
        page.locator("li.quote a.in-context").first.click()
    assert page.locator("h1").inner_text() == title
    current = page.locator("mark.current")
    assert current.count() == 1 and current.inner_text() == quote
    box = page.locator(".attribution-box").inner_text()
    assert "Lina Ortiz" in box and "Cue" in box and "%" in box
    assert current.evaluate("node => node.getBoundingClientRect().top < window.innerHeight"), "scrolled to the quote"
    screenshot(page, "article.png", tmp_path)

    page.go_back()
    with page.expect_download() as download_info:
        page.locator(".export a", has_text="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "quotes.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    with urllib.request.urlopen(f"{server_url}api/search?{urlencode({'q': 'library OR book', 'from': '2024-03-01', 'to': '2024-03-31'})}",
                                timeout=10) as response:
        matches = json.load(response)["matches"]
    assert len(rows) == matches >= 2 and all(r["date"].startswith("2024-03") for r in rows)
    assert problems == []


def test_speaker_page_timeline_and_outlets(page: sync_api.Page, server_url: str, problems: list[str],
                                           tmp_path: Path) -> None:
    page.goto(f"{server_url}?q=library")
    with page.expect_navigation():
        page.locator("a.speaker-page").first.click()
    assert urlsplit(page.url).path == "/speaker/lina%20ortiz"
    assert page.locator("h1").inner_text() == "Lina Ortiz"
    assert set(page.locator(".facets a.facet-source").all_inner_texts()) == {"fictionalgazette.example", "wirenews.example"}
    dates = page.locator("li.quote > .attribution time").evaluate_all("ns => ns.map(n => n.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)
    screenshot(page, "speaker.png", tmp_path)
    with page.expect_navigation():
        page.locator("svg.timeline-bars a").first.click()
    assert params_of(page.url)["speaker"] == ["lina ortiz"] and "from" in params_of(page.url)
    assert set(page.locator("li.quote a.speaker").all_inner_texts()) == {"Lina Ortiz"}
    assert problems == []


def test_phone_layout_has_no_sideways_scroll(browser: sync_api.Browser, server_url: str, problems: list[str]) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.on("console", lambda msg: problems.append(found) if (found := console_problem(msg)) else None)
    try:
        for path in ("?q=library+OR+book", "speaker/lina%20ortiz"):
            tab.goto(server_url + path)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 375, path
            facets_top = tab.locator("aside.facets").bounding_box()
            results_top = tab.locator("ol.results").bounding_box()
            assert facets_top and results_top and facets_top["y"] > results_top["y"], "facets go below on a phone"
    finally:
        context.close()
    assert problems == []


def test_keyboard_reaches_search_with_slash_and_closes_suggestions_with_escape(page: sync_api.Page,
                                                                                server_url: str) -> None:
    page.goto(f"{server_url}?q=library")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    speaker = page.get_by_label("Speaker", exact=True)
    speaker.focus()
    speaker.type("lin", delay=40)
    page.get_by_role("option").first.wait_for()
    speaker.press("Escape")
    assert speaker.get_attribute("aria-expanded") == "false"
    assert page.locator("#speaker-list").is_hidden()
