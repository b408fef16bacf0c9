"""The web UI and JSON API, through the real Flask test client over a real index."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from quotesearch.indexing import index_paths
from quotesearch.web import SECURITY_HEADERS, create_app, is_web_url, page_window

ARTICLES = {
    "ohio.txt": (
        "Title: Trump rallies in Ohio\nDate: 2016-10-02\nURL: https://news.example.com/trump-ohio\n\n"
        "“We will win this election,” Donald Trump said.\n\n"
        "“Jobs are coming back to Ohio,” Donald Trump said."
    ),
    "clinton.txt": (
        "Title: Clinton in Iowa\nDate: 2016-09-15\nURL: javascript:alert('url')\n\n"
        "“We will win this election together,” Hillary Clinton said."
    ),
    "nasty.txt": (
        "Title: <script>alert('title')</script> & more\nDate: 2016-11-01\n\n"
        "“The <b>rigged</b> election is a disgrace,” Bernie Sanders said."
    ),
    "promises.txt": "Title: Promises\nDate: 2016-10-20\n\n"
    + "\n\n".join(f"“Promise number {n} will be kept,” Donald Trump said." for n in range(1, 13)),
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index built from the small corpus above."""
    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    summary = index_paths([corpus], root / "index")
    assert summary.failures == ()
    return root / "index"


@pytest.fixture(scope="module")
def app(index_dir: Path) -> Flask:
    return create_app({"INDEX_DIR": str(index_dir), "TESTING": True})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def inline_scripts(soup: BeautifulSoup) -> list[str]:
    """Scripts that are not the app's own static file: injected or inline ones."""
    return [str(tag) for tag in soup.find_all("script") if tag.get("src") != "/static/app.js" or tag.string]


def soup_of(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_search_page_lists_quotes_with_highlighted_matches(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=election")
    quotes = soup.select("li.quote")
    assert len(quotes) == 3
    assert soup.select_one(".count").get_text().startswith("3 quotes")
    marks = [m.get_text().lower() for m in soup.select("li.quote mark")]
    assert marks and all(m.startswith("election") for m in marks)
    texts = " ".join(q.get_text() for q in quotes)
    assert "We will win this election" in texts and "2016-10-02" in texts


def test_form_has_labelled_fields_and_help(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=win&speaker=Donald+Trump&from=2016-01-01")
    for name, kind in (("q", "search"), ("speaker", "text"), ("from", "date"), ("to", "date")):
        field = soup.find("input", attrs={"name": name})
        assert field["type"] == kind
        assert soup.find("label", attrs={"for": field["id"]}).get_text().strip()
    assert soup.find("input", attrs={"name": "speaker"})["value"] == "Donald Trump"
    assert soup.find("button", attrs={"type": "submit"})
    assert "OR" in soup.select_one("details.help").get_text()


def test_speaker_link_filters_and_keeps_other_params(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=win&to=2016-12-31")
    link = next(a for a in soup.select("a.speaker") if a.get_text() == "Donald Trump")
    params = query_of(link["href"])
    assert params == {"q": ["win"], "to": ["2016-12-31"], "speaker": ["donald trump"]}
    filtered = soup_of(client, link["href"])
    speakers = {a.get_text() for a in filtered.select("li.quote a.speaker")}
    assert speakers == {"Donald Trump"}


def test_date_filter_excludes_older_articles(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=election&from=2016-10-01")
    speakers = {a.get_text() for a in soup.select("li.quote a.speaker")}
    assert "Hillary Clinton" not in speakers and "Donald Trump" in speakers


def test_pagination_links_keep_state(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=promise&speaker=Donald+Trump&per_page=5")
    assert soup.select_one(".count").get_text().startswith("12 quotes")
    nav = soup.select_one("nav.pagination")
    assert nav.select_one("[aria-current=page]").get_text() == "1"
    hrefs = [a["href"] for a in nav.find_all("a")]
    assert [query_of(h)["page"] for h in hrefs] == [["2"], ["3"], ["2"]]
    for href in hrefs:
        params = query_of(href)
        assert params["q"] == ["promise"] and params["speaker"] == ["Donald Trump"] and params["per_page"] == ["5"]
    page2 = soup_of(client, nav.select_one("a[rel=next]")["href"])
    assert page2.select_one("nav.pagination [aria-current=page]").get_text() == "2"
    assert page2.select_one("ol.results")["start"] == "6"
    first = {q.get_text() for q in soup.select("li.quote blockquote")}
    second = {q.get_text() for q in page2.select("li.quote blockquote")}
    assert len(second) == 5 and not first & second


def test_script_in_query_is_escaped(client: FlaskClient) -> None:
    attack = "<script>alert(1)</script>"
    response = client.get("/", query_string={"q": attack})
    html = response.get_data(as_text=True)
    assert attack not in html
    soup = BeautifulSoup(html, "html.parser")
    assert inline_scripts(soup) == []
    assert soup.find("input", attrs={"name": "q"})["value"] == attack


def test_article_text_is_escaped_and_only_web_urls_are_linked(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=rigged+OR+jobs+OR+together")
    assert inline_scripts(soup) == [] and soup.find("b") is None
    text = soup.get_text()
    assert "<script>alert('title')</script> & more" in text
    assert "The <b>rigged</b> election" in text.replace("\n", "")
    links = soup.select("p.source a[rel]")
    assert [a["href"] for a in links] == ["https://news.example.com/trump-ohio"]
    assert links[0]["rel"] == ["noopener", "noreferrer"]
    titles = [span.get_text() for span in soup.select("p.source span.title")]
    assert "Clinton in Iowa" in titles
    assert not any(a["href"].lower().startswith("javascript") for a in soup.find_all("a"))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a", True),
        ("HTTP://example.com", True),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,hi", False),
        ("//example.com/a", False),
        ("/relative", False),
        (None, False),
    ],
)
def test_is_web_url(url: str | None, expected: bool) -> None:
    assert is_web_url(url) is expected


def test_page_window_marks_gaps() -> None:
    assert page_window(1, 1) == [1]
    assert page_window(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert page_window(2, 4) == [1, 2, 3, 4]


@pytest.mark.parametrize("url", ["/", "/?q=win", "/api/search?q=win", "/api/stats", "/nowhere", "/static/style.css"])
def test_security_headers_on_every_response(client: FlaskClient, url: str) -> None:
    with client.get(url) as response:
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_pages_need_no_inline_script_or_style(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=election")
    assert inline_scripts(soup) == [] and soup.find("style") is None
    assert not soup.find_all(style=True)
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    with client.get(stylesheet) as css:
        assert css.status_code == 200 and ":focus-visible" in css.get_data(as_text=True)


def test_landing_page_shows_index_summary(client: FlaskClient) -> None:
    soup = soup_of(client, "/")
    assert soup.select_one(".message.summary").get_text().startswith("16 quotes from 4 articles")
    assert not soup.select("li.quote")


def test_no_results_state(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=zebra")
    assert "No quotes match" in soup.select_one(".message.empty").get_text()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=win&from=2016-13-01", "Bad from date"),
        ("q=win&to=yesterday", "Bad to date"),
        ("q=win&page=abc", "Bad page"),
        ("q=win&page=0", "Bad page"),
        ("q=win&per_page=1000", "Bad per_page"),
    ],
)
def test_bad_parameters_give_400_with_message(client: FlaskClient, query: str, message: str) -> None:
    soup = soup_of(client, f"/?{query}", status=400)
    assert message in soup.select_one(".message.error").get_text()
    assert soup.find("input", attrs={"name": "q"})["value"] == "win"


def test_unusable_query_gives_400(client: FlaskClient) -> None:
    overlong = "win " * 200
    soup = soup_of(client, f"/?q={overlong}", status=400)
    assert "too long" in soup.select_one(".message.error").get_text()
    response = client.get("/api/search", query_string={"q": overlong})
    assert response.status_code == 400 and "too long" in response.json["error"]


def test_empty_index_state(tmp_path: Path) -> None:
    client = create_app({"INDEX_DIR": str(tmp_path / "missing")}).test_client()
    for url in ("/", "/?q=win"):
        soup = soup_of(client, url)
        assert "No index yet" in soup.get_text() and "quotesearch index PATH" in soup.get_text()
    for url in ("/api/search?q=win", "/api/stats"):
        response = client.get(url)
        assert response.status_code == 503
        assert "quotesearch index PATH" in response.json["error"]


def test_api_search_shape(client: FlaskClient) -> None:
    response = client.get("/api/search", query_string={"q": "election", "speaker": "Donald Trump"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.json
    assert list(body) == ["total", "matches", "page", "per_page", "sort", "results", "facets", "suggestions"]
    assert (body["total"], body["matches"], body["page"], body["per_page"], body["sort"]) == (1, 1, 1, 20, "relevance")
    [hit] = body["results"]
    assert hit["quote"].startswith("We will win this election")
    assert hit["speaker"] == "Donald Trump" and hit["date"] == "2016-10-02"
    assert hit["url"] == "https://news.example.com/trump-ohio"


@pytest.mark.parametrize("query", ["per_page=1000", "page=abc", "from=2016-02-30", "per_page=-1"])
def test_api_bad_parameters_give_json_400(client: FlaskClient, query: str) -> None:
    response = client.get(f"/api/search?q=win&{query}")
    assert response.status_code == 400
    assert set(response.json) == {"error"} and response.json["error"]


def test_api_stats(client: FlaskClient) -> None:
    response = client.get("/api/stats")
    assert response.status_code == 200
    body = response.json
    assert (body["articles"], body["quotes"], body["speakers"]) == (4, 16, 3)


def test_friendly_errors(client: FlaskClient) -> None:
    soup = soup_of(client, "/no/such/page", status=404)
    assert "404" in soup.find("h1").get_text() and soup.select_one("a[href='/']")
    assert client.post("/").status_code == 405
    api = client.get("/api/nothing")
    assert api.status_code == 404 and api.json["error"]
    assert client.post("/api/search").json["error"]


def test_page_past_the_end_keeps_total_and_links_back(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=promise&per_page=5&page=9")
    assert soup.select_one(".count").get_text().startswith("12 quotes")
    assert "No quotes on this page" in soup.get_text()
    assert query_of(soup.select_one("nav.pagination a[rel=prev]")["href"])["page"] == ["8"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # whoosh leaks the bad file
def test_unreadable_index_gives_friendly_500_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "index"
    broken.mkdir()
    (broken / "_MAIN_1.toc").write_bytes(b"not a whoosh index")
    app = create_app({"INDEX_DIR": str(broken)})
    monkeypatch.setattr(app.logger, "disabled", True)  # the expected error's traceback need not be printed
    client = app.test_client()
    page = client.get("/?q=win")
    assert page.status_code == 500
    html = page.get_data(as_text=True)
    assert "500 Internal Server Error" in html and "Back to search" in html
    assert "Traceback" not in html and "whoosh" not in html
    api = client.get("/api/search?q=win")
    assert api.status_code == 500 and set(api.json) == {"error"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(max_size=40),
    speaker=st.text(max_size=20),
    page=st.sampled_from(["", "1", "2", "-1", "x", "99999999999999999999"]),
)
def test_arbitrary_input_never_breaks_the_page(client: FlaskClient, q: str, speaker: str, page: str) -> None:
    response = client.get("/", query_string={"q": q, "speaker": speaker, "page": page})
    assert response.status_code in (200, 400)
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert inline_scripts(soup) == []
    if page in ("-1", "x"):
        assert response.status_code == 400
    if response.status_code == 400:
        assert soup.select_one(".message.error").get_text().strip()


def test_confidence_filter_in_the_api_form_and_export(client: FlaskClient) -> None:
    every = client.get("/api/search?q=election").get_json()
    sure = client.get("/api/search?q=election&confidence=100").get_json()
    assert every["matches"] == 3 and sure["matches"] < 3
    assert all(h["confidence"] >= 0.5 for h in client.get("/api/search?q=election&confidence=50").get_json()["results"])
    for bad in ("abc", "101", "-1", "0.5"):
        response = client.get(f"/api/search?q=election&confidence={bad}")
        assert response.status_code == 400 and "confidence" in response.get_json()["error"]
    soup = BeautifulSoup(client.get("/?q=election&confidence=80").data, "html.parser")
    assert soup.select_one("#confidence option[selected]")["value"] == "80"
    export = soup.select_one("a[href*='/api/export']")["href"]
    assert parse_qs(urlsplit(export).query)["confidence"] == ["80"]
