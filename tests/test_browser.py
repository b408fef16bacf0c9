"""The search UI in a real headless Chromium, driven by Playwright, against a real
`quotesearch serve` over the sample corpus. Skipped when Chromium or Playwright is missing.

Set QUOTESEARCH_SCREENSHOTS=1 to refresh docs/screenshots/search.png; otherwise the
screenshot goes to a temporary folder, so a test run never changes the working tree.
"""
from __future__ import annotations

import datetime as dt
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
SCREENSHOT = ROOT / "docs" / "screenshots" / "search.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`quotesearch serve --port 0` over a fresh index of samples/; yields the URL it prints."""
    root = tmp_path_factory.mktemp("browser")
    assert index_paths([SAMPLES], root / "index").failures == ()
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
    """An error logged in the console, except the 404 of the favicon Chromium asks for by itself
    (the app ships no favicon; that is not a broken page)."""
    if msg.type != "error" or urlsplit(msg.location.get("url", "")).path == "/favicon.ico":
        return None
    return f"console error: {msg.text} at {msg.location.get('url')}"


@pytest.fixture()
def page(browser: sync_api.Browser, problems: list[str]) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
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
    """The total in the count line, e.g. 27 in "27 quotes, page 1 of 2"."""
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
    assert re.match(r"\d+ quotes from 12 articles", page.locator(".summary").inner_text())
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
    marks = page.locator("li.quote mark").all_inner_texts()
    assert marks and all(m.lower().startswith("budget") for m in marks)
    target = SCREENSHOT if os.environ.get("QUOTESEARCH_SCREENSHOTS") else tmp_path / SCREENSHOT.name
    target.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes().startswith(b"\x89PNG")
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
