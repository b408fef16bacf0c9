"""The server under hostile input: escaping everywhere, security headers on every response,
no debug mode or tracebacks, bounded parameters, no file read by a request's path, and the
loopback default of `quotesearch serve`. Real indexes in tmp_path, the real Flask test client
and, for the binding and one browser check, a real `quotesearch serve` process."""
from __future__ import annotations

import csv
import datetime as dt
import http.client
import io
import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient
from whoosh import fields
from whoosh import index as whoosh_index

from conftest import SCRIPT, served
from quotesearch.indexing import file_hash, index_articles, index_paths
from quotesearch.models import Article, Quote
from quotesearch.web import MAX_BODY_BYTES, MAX_NAME_LENGTH, MAX_PAGE, create_app

SCRIPT_PROBE = "<script>alert(1)</script>"
ATTRIBUTE_PROBE = '"onmouseover=alert(1) x="'
IMAGE_PROBE = "'><img src=x onerror=alert(1)>"
PROBES = (SCRIPT_PROBE, ATTRIBUTE_PROBE, IMAGE_PROBE)
HOSTILE_KEY = f"{IMAGE_PROBE} {ATTRIBUTE_PROBE}"
SLASHED_KEY = SCRIPT_PROBE
BAD_URLS = ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x")
WEB_URL = 'https://ok.example/a?x="><script>alert(1)</script>'
SEARCH_PARAMS = ("q", "speaker", "from", "to", "source", "sort", "group", "page", "per_page")
APP_SCRIPT = "/static/app.js"

STORY = (f"Title: {SCRIPT_PROBE}\nDate: 2016-10-02\nBy: {ATTRIBUTE_PROBE}\nURL: javascript:alert(1)\n\n"
         f"“The {SCRIPT_PROBE} tag and {IMAGE_PROBE} are not news,” Donald Trump said.\n")
PAGE = """<!doctype html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; | Site</title>
<meta name="author" content="&quot;onmouseover=alert(1) x=&quot;">
<link rel="canonical" href="javascript:alert(1)">
<meta property="article:published_time" content="2016-10-05"></head><body><article>
<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>The mayor spoke on Tuesday about the attack on the city's website, which had been defaced.</p>
<p>“Someone wrote &lt;script&gt;alert(1)&lt;/script&gt; and &#39;&gt;&lt;img src=x onerror=alert(1)&gt; into
our pages,” Mayor Lina Ortiz said.</p>
<p>She said the city would hire more engineers to protect the site from further attacks next year.</p>
</article></body></html>"""


def crafted(root: Path, n: int, url: str | None, key: str, words: str) -> Article:
    """An article whose every field is hostile: title, author, URL, folder (the outlet), file
    name, speaker, role, cue and key. Its path never exists on disk."""
    text = f"“{words},” {SCRIPT_PROBE} said in {IMAGE_PROBE}."
    said = Quote(words, SCRIPT_PROBE, ATTRIBUTE_PROBE, IMAGE_PROBE, 1, 1 + len(words), text, 0.5, key)
    return Article(path=str(root / "crafted" / IMAGE_PROBE / f"{ATTRIBUTE_PROBE}{n}.txt"), text=text,
                   title=f"{SCRIPT_PROBE} {ATTRIBUTE_PROBE} {n}", date=dt.date(2016, 11, n + 1),
                   author=IMAGE_PROBE, url=url, quotes=(said,))


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real files (a text article and a web page in a folder named like markup) through the
    extractor, then crafted articles with hostile speakers and URLs through `index_articles`."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "corpus" / IMAGE_PROBE
    folder.mkdir(parents=True)
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    assert index_paths([root / "corpus"], root / "index").failures == ()
    articles = [crafted(root, n, url, HOSTILE_KEY, f"{SCRIPT_PROBE} and {IMAGE_PROBE} unsafe number {n}")
                for n, url in enumerate(BAD_URLS)]
    articles.append(crafted(root, 9, WEB_URL, HOSTILE_KEY, f"{SCRIPT_PROBE} AND {IMAGE_PROBE} UNSAFE NUMBER 1"))
    articles.append(crafted(root, 10, None, SLASHED_KEY, "a speaker key with a slash says hello"))
    summary = index_articles([(a, file_hash(a.text.encode())) for a in articles], root / "index")
    assert summary.failures == () and summary.added == len(articles)
    return root / "index"


@pytest.fixture(scope="module")
def app(index_dir: Path) -> Flask:
    return create_app({"INDEX_DIR": str(index_dir)})


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def article_keys(client: FlaskClient) -> list[tuple[str, int]]:
    """(article key, quote start) of every quote in the index."""
    body = client.get("/api/search?sort=newest&group=0&per_page=100").json
    return [(hit["article"], hit["start"]) for hit in body["results"]]


def assert_inert(html: str) -> BeautifulSoup:
    """No probe survives unescaped, and the parsed page has no element, event handler or link
    that the app did not put there itself."""
    for probe in PROBES:
        assert probe not in html
    assert not re.search(r"<(img|iframe|object|embed|svg:script)\b", html, re.IGNORECASE)
    for parser in ("html.parser", "lxml"):
        soup = BeautifulSoup(html, parser)
        assert [s.get("src") for s in soup.find_all("script")] in ([], [APP_SCRIPT])
        assert all(not s.string for s in soup.find_all("script"))
        assert soup.find_all(["img", "iframe", "object", "embed", "style", "base", "form"]) in (
            [], soup.find_all("form", class_="search-form"))
        for tag in soup.find_all(True):
            events = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not events, f"{tag.name} has {events}"
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                if name in tag.attrs:
                    assert_safe_link(tag.attrs[name])
    return BeautifulSoup(html, "html.parser")


def assert_safe_link(url: str) -> None:
    """Same-site paths, fragments, or absolute http(s) URLs; never `javascript:`, `data:` or `//host`."""
    stripped = url.strip()
    parts = urlsplit(stripped)
    if parts.scheme:
        assert parts.scheme in ("http", "https") and parts.netloc and stripped == url, url
        assert parts.netloc != "localhost", f"a request parameter made an absolute link: {url}"
    else:
        assert stripped.startswith(("/", "#", "?")) and not stripped.startswith("//"), url


def page_of(client: FlaskClient, url: str, status: int | tuple[int, ...] = 200) -> BeautifulSoup:
    response = client.get(url)
    statuses = status if isinstance(status, tuple) else (status,)
    assert response.status_code in statuses, (url, response.status_code, response.get_data(as_text=True)[:500])
    assert response.mimetype == "text/html"
    return assert_inert(response.get_data(as_text=True))


# Escaping of article-derived text


def test_search_results_show_hostile_article_text_escaped(client: FlaskClient) -> None:
    for url in ("/?q=unsafe", "/?q=unsafe&group=0", "/?sort=newest&per_page=100", "/?q=alert+OR+hello+OR+news"):
        soup = page_of(client, url)
        text = soup.get_text()
        assert SCRIPT_PROBE in text and IMAGE_PROBE in text, url  # shown as text, not dropped
        assert soup.select("li.quote")
    soup = page_of(client, "/?q=unsafe")
    assert {a["title"] for a in soup.select("a.speaker")} == {f"Only quotes by {SCRIPT_PROBE}"}  # an attribute
    assert {s.get_text() for s in soup.select("span.role")} == {f", {ATTRIBUTE_PROBE}"}
    assert soup.select("li.quote mark"), "the query words are marked, the rest escaped"
    assert {m.get_text().lower() for m in soup.select("li.quote mark")} == {"unsafe"}


def test_grouped_reports_and_facets_are_escaped(client: FlaskClient) -> None:
    soup = page_of(client, "/?q=unsafe")
    wordings = [q.get_text() for q in soup.select("details.reports q.wording")]
    assert any(SCRIPT_PROBE in w or SCRIPT_PROBE.upper() in w for w in wordings)
    assert IMAGE_PROBE in [a.get_text() for a in soup.select("a.facet-source")]
    assert SCRIPT_PROBE in [a.get_text() for a in soup.select("a.facet-speaker")]


def test_only_web_urls_become_links(client: FlaskClient) -> None:
    soup = page_of(client, "/?sort=newest&group=0&per_page=100")
    links = [a["href"] for a in soup.select("p.source a[rel]")]
    assert links == [WEB_URL]
    assert len(soup.select("p.source span.title")) == len(soup.select("li.quote")) - 1
    for key, start in article_keys(client):
        view = page_of(client, f"/article/{key}?at={start}")
        originals = [a["href"] for a in view.find_all("a") if a.get_text() == "original article"]
        assert originals in ([], [WEB_URL])


def test_article_view_is_escaped_and_read_from_the_index_only(client: FlaskClient) -> None:
    """The crafted articles' paths never existed, so their text can only come from the index."""
    keys = article_keys(client)
    assert len(keys) == 10
    for key, start in keys:
        soup = page_of(client, f"/article/{key}?at={start}")
        assert SCRIPT_PROBE in soup.find("h1").get_text()
        assert soup.select_one("mark.quote-span.current")
        assert soup.select_one("aside.attribution-box")
    crafted_keys = [key for key, _ in keys if client.get(f"/api/article/{key}").json["author"] == IMAGE_PROBE]
    assert len(crafted_keys) == 8
    for key in crafted_keys:
        soup = page_of(client, f"/article/{key}")
        assert f"by {IMAGE_PROBE}" in soup.select_one(".article-meta").get_text()
        assert soup.select_one(".outlet").get_text() in (IMAGE_PROBE, "ok.example")
        assert {m["title"] for m in soup.select("mark.quote-span")} == {f"{SCRIPT_PROBE} ({IMAGE_PROBE})"}


def test_speaker_pages_are_escaped(client: FlaskClient) -> None:
    soup = page_of(client, f"/speaker/{quote(HOSTILE_KEY)}")
    assert soup.find("h1").get_text() == SCRIPT_PROBE
    assert len(soup.select("li.quote")) == 6 and "(7 reports)" in soup.select_one(".count").get_text()
    slashed = page_of(client, f"/speaker/{quote(SLASHED_KEY, safe='')}")
    assert slashed.find("h1").get_text() == SCRIPT_PROBE and len(slashed.select("li.quote")) == 1
    links = {a["href"] for a in page_of(client, "/?q=hello").select("a.speaker-page")}
    assert links == {"/speaker/%3Cscript%3Ealert(1)%3C/script%3E"}
    assert page_of(client, next(iter(links))).find("h1").get_text() == SCRIPT_PROBE


def test_unknown_speaker_and_article_reflect_the_key_escaped(client: FlaskClient) -> None:
    for probe in PROBES:
        soup = page_of(client, f"/speaker/{quote(probe, safe='')}x", status=404)
        assert probe in soup.select_one(".message.error").get_text()
        page_of(client, f"/article/{quote(probe, safe='')}", status=404)


def test_api_returns_hostile_text_as_json_data(client: FlaskClient) -> None:
    response = client.get("/api/search", query_string={"q": "unsafe", "group": "0"})
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    hits = response.json["results"]
    assert {h["speaker"] for h in hits} == {SCRIPT_PROBE} and {h["role"] for h in hits} == {ATTRIBUTE_PROBE}
    assert all("<mark>" in h["highlighted"] and "&lt;script&gt;" in h["highlighted"] for h in hits)
    assert all(SCRIPT_PROBE not in h["highlighted"] for h in hits)
    key, _ = article_keys(client)[0]
    for url in (f"/api/article/{key}", f"/api/speaker/{quote(HOSTILE_KEY)}", "/api/speakers?prefix=img",
                f"/api/speaker/{quote(SCRIPT_PROBE, safe='')}x"):
        response = client.get(url)
        assert response.mimetype == "application/json", url
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert client.get("/api/speakers?prefix=img").json["speakers"][0]["name"] == SCRIPT_PROBE


def test_export_is_a_download_and_csv_neutralizes_formulas(tmp_path: Path, client: FlaskClient) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [f"“{start}cmd|' /C calc'!A0 is what they typed,” Donald Trump said." for start in "=+-@"]
    (corpus / "formulas.txt").write_text("Title: =1+1\nDate: 2016-10-02\n\n" + "\n\n".join(lines), encoding="utf-8")
    assert index_paths([corpus], tmp_path / "index").failures == ()
    formulas = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    response = formulas.get("/api/export?format=csv")
    assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 4
    assert {row["quote"][:2] for row in rows} == {"'=", "'+", "'-", "'@"}
    assert {row["title"] for row in rows} == {"'=1+1"}
    hostile = client.get("/api/export?format=jsonl&q=unsafe")
    assert hostile.mimetype == "application/x-ndjson" and hostile.headers["X-Content-Type-Options"] == "nosniff"
    assert {json.loads(line)["speaker"] for line in hostile.get_data(as_text=True).splitlines()} == {SCRIPT_PROBE}


# Escaping of request-derived text


@pytest.mark.parametrize("param", [*SEARCH_PARAMS, "format", "_external", "_anchor", "_scheme", "endpoint"])
@pytest.mark.parametrize("probe", [*PROBES, "javascript:alert(1)"])
def test_probes_in_any_parameter_stay_inert(client: FlaskClient, param: str, probe: str) -> None:
    for base in ("/", "/?q=unsafe&", "/?sort=newest&"):
        url = base + ("" if base.endswith(("&", "?")) else "?") + urlencode({param: probe})
        soup = page_of(client, url, status=(200, 400))
        error = soup.select_one(".message.error")
        if error is not None and param in ("from", "to", "page", "per_page", "sort", "group"):
            assert probe[:15] in error.get_text()  # the bad value is named, as text
    key, start = article_keys(client)[0]
    page_of(client, f"/article/{key}?{urlencode({'at': probe})}")
    page_of(client, f"/speaker/{quote(HOSTILE_KEY)}?{urlencode({param: probe})}", status=(200, 400))


def test_links_carry_only_search_parameters(client: FlaskClient) -> None:
    """`url_for(**request.args)` would let `_external`, `_anchor` or `format` rewrite every link."""
    soup = page_of(client, "/?q=unsafe&per_page=2&_external=1&_scheme=javascript&_anchor=x&format=xml&endpoint=e"
                           "&_method=POST&evil=1")
    links = [a["href"] for a in soup.find_all("a")]
    assert any("/api/export?format=csv&q=unsafe" == h for h in links)
    assert any("page=2" in h for h in links)
    for href in links:
        assert "_external" not in href and "evil" not in href and "#x" not in href and "format=xml" not in href


# Headers, methods and errors


def csp_directives(response_headers: dict[str, str] | object) -> dict[str, list[str]]:
    policy = response_headers["Content-Security-Policy"]  # type: ignore[index]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def boom_app(index_dir: Path) -> Flask:
    """The real app plus one view that fails with a message that must never be shown."""
    app = create_app({"INDEX_DIR": str(index_dir)})

    def boom() -> str:
        raise RuntimeError("secret detail from /etc/passwd")

    app.add_url_rule("/boom", "boom", boom)
    app.add_url_rule("/api/boom", "api_boom", boom)
    app.logger.disabled = True  # the traceback goes to the log, not the response
    return app


def test_headers_on_every_kind_of_response(index_dir: Path) -> None:
    client = boom_app(index_dir).test_client()
    key, start = article_keys(client)[0]
    requests = [("GET", "/"), ("GET", "/?q=unsafe"), ("GET", f"/article/{key}?at={start}"),
                ("GET", f"/speaker/{quote(HOSTILE_KEY)}"), ("GET", "/api/search?q=unsafe"), ("GET", "/api/stats"),
                ("GET", "/api/export?format=csv"), ("GET", "/static/app.js"), ("GET", "/static/style.css"),
                ("GET", "/static/favicon.svg"), ("GET", "/nowhere"), ("GET", "/api/nowhere"), ("GET", "/?page=x"),
                ("GET", "/api/search?page=x"), ("POST", "/"), ("DELETE", "/api/search"), ("OPTIONS", "/"),
                ("GET", "/boom"), ("GET", "/api/boom"), ("HEAD", "/")]
    seen = set()
    for method, url in requests:
        with client.open(url, method=method) as response:
            seen.add(response.status_code)
            headers = response.headers
            directives = csp_directives(headers)
            assert directives["default-src"] == ["'self'"] and directives["frame-ancestors"] == ["'none'"], url
            assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
            assert not any(v.startswith(("'unsafe", "data:", "*", "http")) for vs in directives.values() for v in vs)
            assert "script-src" not in directives  # scripts fall back to default-src 'self'
            assert headers["X-Content-Type-Options"] == "nosniff", url
            assert headers["X-Frame-Options"] == "DENY"
            assert headers["Referrer-Policy"] == "same-origin"
    assert seen == {200, 400, 404, 405, 500}


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
@pytest.mark.parametrize("url", ["/", "/api/search", "/api/export", "/static/app.js", "/nowhere"])
def test_only_get_and_head_are_served(client: FlaskClient, method: str, url: str) -> None:
    with client.open(url, method=method, data=b"x=1") as response:
        assert response.status_code == 405
        assert response.headers["Allow"] == "GET, HEAD"
        if url.startswith("/api/"):
            assert response.json == {"error": "The method is not allowed for the requested URL."}


def test_head_answers_like_get_without_a_body(client: FlaskClient) -> None:
    with client.head("/?q=unsafe") as response:
        assert response.status_code == 200 and response.data == b""


def test_request_bodies_are_refused(client: FlaskClient, app: Flask) -> None:
    assert app.config["MAX_CONTENT_LENGTH"] == MAX_BODY_BYTES
    big = b"x" * (MAX_BODY_BYTES + 1)
    for url in ("/", "/api/search"):
        assert client.get(url, data=big).status_code == 413
        assert client.post(url, data=big).status_code == 405  # the method is refused first
    assert client.get("/api/search", data=b"x" * 100).status_code == 200


def test_debug_is_off_even_when_asked(monkeypatch: pytest.MonkeyPatch, index_dir: Path) -> None:
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert create_app({"INDEX_DIR": str(index_dir)}).debug is False
    assert create_app({"INDEX_DIR": str(index_dir), "DEBUG": True}).debug is False
    client = boom_app(index_dir).test_client()
    page = client.get("/boom")
    assert page.status_code == 500
    html = page.get_data(as_text=True)
    assert "500 Internal Server Error" in html and "Back to search" in html
    for leak in ("Traceback", "RuntimeError", "secret detail", "/etc/passwd", "File \"", "werkzeug", "Werkzeug"):
        assert leak not in html
    api = client.get("/api/boom")
    assert api.status_code == 500 and set(api.json) == {"error"}
    assert "secret" not in api.get_data(as_text=True) and "Traceback" not in api.get_data(as_text=True)


def test_index_problems_do_not_reveal_where_the_index_lives(tmp_path: Path) -> None:
    old = tmp_path / "srv-private" / "index"
    old.mkdir(parents=True)
    whoosh_index.create_in(str(old), fields.Schema(text=fields.TEXT(stored=True))).close()
    missing = tmp_path / "srv-private" / "missing"
    for index_dir, status, hint in ((old, 503, "--rebuild"), (missing, 503, "quotesearch index PATH")):
        client = create_app({"INDEX_DIR": str(index_dir)}).test_client()
        for url in ("/?q=win", "/api/search?q=win", "/api/stats", "/speaker/x", "/api/speaker/x"):
            response = client.get(url)
            body = response.get_data(as_text=True)
            assert response.status_code in (200, 404, status), (url, response.status_code)
            assert "srv-private" not in body and str(tmp_path) not in body, url
            assert hint in body or response.status_code == 404, url


# Bounds


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "a" * 501}, "Bad query: too long (501 characters; at most 500)"),
        ({"speaker": "x" * (MAX_NAME_LENGTH + 1)}, "Bad speaker: too long"),
        ({"source": "x" * (MAX_NAME_LENGTH + 1)}, "Bad source: too long"),
        ({"per_page": "0"}, "Bad per_page '0': use a whole number from 1 to 100"),
        ({"per_page": "101"}, "Bad per_page"),
        ({"page": str(10**12)}, f"Bad page '1000000000000': use a whole number from 1 to {MAX_PAGE}"),
        ({"page": "9" * 5000}, "Bad page '99999999999999999999…'"),
        ({"page": "-1"}, "Bad page"),
        ({"page": "1.0"}, "Bad page"),
        ({"page": "1e3"}, "Bad page"),
        ({"page": "0x10"}, "Bad page"),
        ({"page": "+2"}, "Bad page"),
        ({"page": "١٢"}, "Bad page"),
        ({"per_page": "²"}, "Bad per_page"),
        ({"from": "2016-02-30"}, "Bad from date"),
        ({"to": "9" * 5000}, "Bad to date"),
        ({"sort": "x" * 5000}, "Bad sort"),
        ({"group": "2"}, "Bad group"),
    ],
)
def test_bad_parameters_get_a_quick_clear_400(client: FlaskClient, query: dict[str, str], message: str) -> None:
    started = time.perf_counter()
    page = client.get("/", query_string={"q": "unsafe", **query})
    api = client.get("/api/search", query_string={"q": "unsafe", **query})
    export = client.get("/api/export", query_string={"q": "unsafe", **query})
    assert time.perf_counter() - started < 2
    assert page.status_code == api.status_code == export.status_code == 400
    assert message in assert_inert(page.get_data(as_text=True)).select_one(".message.error").get_text()
    assert message in api.json["error"] and message in export.json["error"]
    assert len(api.json["error"]) < 200


def test_largest_allowed_values_work(client: FlaskClient) -> None:
    assert client.get("/api/search", query_string={"q": "unsafe " * 71, "per_page": "100"}).status_code == 200
    body = client.get("/api/search", query_string={"q": "unsafe", "page": str(MAX_PAGE)}).json
    assert body["page"] == MAX_PAGE and body["results"] == [] and (body["total"], body["matches"]) == (6, 7)
    soup = page_of(client, f"/?q=unsafe&page={MAX_PAGE}")
    assert "No quotes on this page" in soup.get_text()


def test_other_numeric_parameters_are_bounded(client: FlaskClient) -> None:
    for limit in ("0", "21", "9" * 5000, "x"):
        response = client.get("/api/speakers", query_string={"limit": limit})
        assert response.status_code == 400 and "Bad limit" in response.json["error"]
    long_prefix = client.get("/api/speakers", query_string={"prefix": "x" * (MAX_NAME_LENGTH + 1)})
    assert long_prefix.status_code == 400 and "Bad prefix: too long" in long_prefix.json["error"]
    speaker = f"/speaker/{quote(HOSTILE_KEY)}"
    assert client.get(speaker, query_string={"page": "9" * 5000}).status_code == 400
    assert client.get("/speaker/" + "x" * (MAX_NAME_LENGTH + 1)).status_code == 400
    assert client.get("/api/speaker/" + "x" * (MAX_NAME_LENGTH + 1)).status_code == 400
    key, start = article_keys(client)[0]
    for at in ("9" * 5000, "-1", "x", str(10**12)):
        soup = page_of(client, f"/article/{key}?at={at}")
        assert soup.select_one("aside.attribution-box") is None and soup.find("h1")
    assert page_of(client, f"/article/{key}?at={start}").select_one("aside.attribution-box")


def test_huge_and_repeated_parameters_do_not_break_the_server(client: FlaskClient) -> None:
    started = time.perf_counter()
    repeated = "&".join(["q=unsafe"] + [f"page={n}" for n in range(1, 5000)] + ["speaker=x"] * 5000)
    assert client.get(f"/?{repeated}").status_code == 200
    assert client.get(f"/api/search?{repeated}").json["page"] == 1
    noise = urlencode({f"p{n}": "v" * 100 for n in range(2000)})
    assert client.get(f"/?q=unsafe&{noise}").status_code == 200
    assert client.get(f"/?q=unsafe&junk={'x' * 1_000_000}").status_code == 200
    assert client.get("/?q=%ff%fe%00%c0%af&speaker=%00").status_code == 200
    assert client.get("/api/search?q=" + "(" * 400).status_code in (200, 400)
    assert client.get("/api/search?q=" + "date:2016 " * 50).status_code in (200, 400)
    assert time.perf_counter() - started < 10


# Files


def traversals(target: Path) -> list[str]:
    """Request paths that try to reach `target` (an absolute path) from the static folder,
    the article view and the speaker page, plain and encoded."""
    climb = "../" * 30 + str(target).lstrip("/")
    encoded = quote(climb, safe="")
    dotted = climb.replace(".", "%2e")
    backslashed = climb.replace("/", "\\")
    paths = [climb, encoded, dotted, backslashed, quote(backslashed, safe=""), quote(encoded, safe=""),
             "/" + str(target).lstrip("/"), quote(str(target), safe=""), "....//" * 30 + str(target).lstrip("/"),
             climb.replace("../", "..;/"), climb.replace("../", "%c0%ae%c0%ae/"), climb + "%00.css"]
    return [prefix + p for prefix in ("/static/", "/article/", "/api/article/", "/speaker/") for p in paths]


def test_no_file_is_read_by_a_path_from_the_request(client: FlaskClient, tmp_path: Path) -> None:
    secret = tmp_path / "secret.css"
    secret.write_text("TOPSECRET", encoding="utf-8")
    for url in [*traversals(secret), *traversals(Path("/etc/passwd"))]:
        with client.get(url, follow_redirects=True) as response:  # `//` is redirected to `/` first
            body = response.get_data(as_text=True)
            assert response.status_code in (400, 404), (url, response.status_code)
            assert all(urlsplit(r.location).netloc in ("", "localhost") for r in response.history)
            assert "TOPSECRET" not in body and "root:" not in body, url
    for url in ("/static/__init__.py", "/static/", "/static", "/templates/base.html", "/static/../templates/base.html",
                "/static/%2e%2e/templates/base.html", "/index/", "/static/__pycache__/__init__.cpython-311.pyc"):
        assert client.get(url).status_code == 404, url
    for url in ("/static/app.js", "/static/style.css", "/static/favicon.svg"):
        with client.get(url) as response:
            assert response.status_code == 200


# Binding


def test_serve_binds_loopback_by_default_and_hides_tracebacks(tmp_path: Path) -> None:
    """A real `quotesearch serve` with no --host: it listens on 127.0.0.1 only, warns about
    nothing, and a broken index gives a plain 500 page over HTTP. (--host 0.0.0.0 printing a
    warning is tested in test_cli.)"""
    if not SCRIPT.exists():
        pytest.skip(f"{SCRIPT} is not installed (pip install -e .)")
    broken = tmp_path / "index"
    broken.mkdir()
    (broken / "_MAIN_1.toc").write_bytes(b"not a whoosh index")
    command = [str(SCRIPT), "serve", "--index", str(broken), "--port", "0"]
    env = {"PATH": "/usr/bin:/bin", "FLASK_DEBUG": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
        try:
            assert proc.stdout is not None
            banner = proc.stdout.readline()
            found = re.fullmatch(r"quotesearch: serving \S+ at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n",
                                 banner)
            assert found, banner
            with pytest.raises(urllib.error.HTTPError) as failed:
                urllib.request.urlopen(found.group(1) + "?q=win", timeout=10)
            html = failed.value.read().decode()
            assert failed.value.code == 500 and "500 Internal Server Error" in html
            assert "Traceback" not in html and "whoosh" not in html
            assert failed.value.headers["X-Content-Type-Options"] == "nosniff"
        finally:
            proc.terminate()
            _, stderr = proc.communicate(timeout=10)
    assert "warning" not in stderr


# One real browser


@pytest.fixture(scope="module")
def hostile_server(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(index_dir, tmp_path_factory.mktemp("serve")) as url:
        yield url


def raw_get(server_url: str, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, bytes, dict]:
    """Send `path` byte for byte (no client-side normalization) to the real server."""
    parts = urlsplit(server_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        connection.putheader("Content-Length", str(len(body or b"")))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def test_real_server_refuses_traversal_methods_and_bodies(hostile_server: str) -> None:
    """The same refusals through waitress, which decodes the raw path itself."""
    for path in ("/static/../../../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                 "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/..%5c..%5c..%5cetc%5cpasswd",
                 "/static/app.js%00.css", "/static/__init__.py", "/%2e%2e/%2e%2e/etc/passwd",
                 "/article/..%2f..%2fetc%2fpasswd", "/speaker/%2e%2e%2f%2e%2e%2fetc%2fpasswd"):
        status, body, headers = raw_get(hostile_server, path)
        assert status == 404 and b"root:" not in body, path
        assert headers["X-Content-Type-Options"] == "nosniff"
    status, _, headers = raw_get(hostile_server, "/", "POST", b"x")
    assert status == 405 and headers["Allow"] == "GET, HEAD"
    assert raw_get(hostile_server, "/", "POST", b"x" * 1_000_000)[0] == 413
    assert raw_get(hostile_server, "/", "GET", b"x" * (MAX_BODY_BYTES + 1))[0] == 413
    assert raw_get(hostile_server, "/static/app.js")[0] == 200


def test_browser_runs_no_injected_code(hostile_server: str, index_dir: Path) -> None:
    """Chromium renders every hostile page: no dialog opens, no script error, no CSP
    violation (nothing even tried to run), and no injected image exists in the DOM."""
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    client = create_app({"INDEX_DIR": str(index_dir)}).test_client()
    key, start = article_keys(client)[0]
    paths = ["?q=unsafe", "?sort=newest&group=0&per_page=100", f"speaker/{quote(HOSTILE_KEY)}",
             f"article/{key}?at={start}", f"speaker/{quote(IMAGE_PROBE, safe='')}",
             "?" + urlencode({"q": IMAGE_PROBE, "speaker": ATTRIBUTE_PROBE, "from": SCRIPT_PROBE})]
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page()
            tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
            tab.on("console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None)
            tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))
            for path in paths:
                tab.goto(hostile_server + path)
                assert tab.locator("img, iframe, object, embed").count() == 0, path
                assert tab.evaluate("() => [...document.querySelectorAll('*')].flatMap("
                                    "e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))") == []
        finally:
            browser.close()
    problems = [p for p in problems if "404" not in p and "400" not in p]
    assert problems == []
