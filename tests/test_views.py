"""Facets, grouping across outlets, sorting, speaker pages, the article view, autocomplete,
"did you mean" and streamed export, through the real Flask test client over a real index."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from quotesearch.indexing import index_paths
from quotesearch.web import create_app

ARTICLES = {
    "cnn.txt": "Title: Trump in Ohio\nDate: 2016-10-02\nURL: https://www.cnn.com/trump-ohio\n\n"
               "“We will win this election,” Donald Trump said.\n\n“Jobs are coming back,” Donald Trump said.",
    "fox.txt": "Title: Rally night\nDate: 2016-10-03\nURL: https://foxnews.com/rally\n\n"
               "“We will win this election!” Trump said at the rally.",
    "iowa.txt": "Title: Clinton in Iowa\nDate: 2016-09-15\n\n“We will work together,” Hillary Clinton said.",
    "old.txt": "Title: Old news\nDate: 2015-05-01\nURL: https://www.nytimes.com/old\n\n"
               "“=SUM(A1) is not a plan for the economy,” Hillary Clinton said.",
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("views")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert index_paths([corpus], root / "index").failures == ()
    return root / "index"


@pytest.fixture(scope="module")
def client(index_dir: Path) -> FlaskClient:
    return create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()


def get_json(client: FlaskClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.json


def soup_of(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_same_words_from_one_speaker_are_one_result(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=election")
    assert (body["total"], body["matches"]) == (1, 2)
    [hit] = body["results"]
    assert hit["speaker_key"] == "donald trump" and hit["also_reported"] == 1
    assert hit["earliest"] == "2016-10-02"
    [report] = hit["reports"]
    assert report["source"] != hit["source"] and {report["source"], hit["source"]} == {"cnn.com", "foxnews.com"}
    wordings = {hit["quote"], report["quote"] or hit["quote"]}
    assert len(wordings) == 2, "each outlet's wording is kept when it differs"
    every = get_json(client, "/api/search?q=election&group=0")
    assert (every["total"], every["matches"]) == (2, 2)
    item = soup_of(client, "/?q=election").select_one("li.quote")
    summary = item.select_one("details.reports summary").get_text(" ", strip=True)
    assert summary.startswith("Also reported by 1 article") and "2016-10-02" in summary
    assert len(item.select("details.reports li a")) == 1


def test_facets_count_every_match(client: FlaskClient) -> None:
    facets = get_json(client, "/api/search?q=election+OR+together+OR+jobs&per_page=1")["facets"]
    assert {s["key"]: s["count"] for s in facets["speakers"]} == {"donald trump": 3, "hillary clinton": 1}
    assert {s["source"]: s["count"] for s in facets["sources"]} == {"cnn.com": 2, "foxnews.com": 1, "corpus": 1}
    everything = get_json(client, "/api/search?sort=newest")["facets"]
    assert everything["years"] == [{"year": "2016", "count": 4}, {"year": "2015", "count": 1}]
    timeline = everything["timeline"]
    assert (timeline[0]["label"], timeline[-1]["label"], len(timeline)) == ("2015-05", "2016-10", 18)
    assert sum(b["count"] for b in timeline) == 5 and timeline[1]["count"] == 0


def test_clicking_facets_filters(client: FlaskClient) -> None:
    soup = soup_of(client, "/?q=election+OR+together")
    source = next(a for a in soup.select("a.facet-source") if a.get_text() == "foxnews.com")
    filtered = soup_of(client, source["href"])
    assert [p.get_text() for p in filtered.select("li.quote .outlet")] == ["foxnews.com"]
    assert "Outlet: foxnews.com" in filtered.select_one(".active-filter").get_text(" ", strip=True)
    speaker = next(a for a in soup.select("a.facet-speaker") if a.get_text() == "Hillary Clinton")
    assert parse_qs(urlsplit(speaker["href"]).query)["speaker"] == ["hillary clinton"]
    assert {a.get_text() for a in soup_of(client, speaker["href"]).select("li.quote a.speaker")} == {"Hillary Clinton"}
    year = soup_of(client, "/?sort=newest").select_one("a.facet-year")
    assert parse_qs(urlsplit(year["href"]).query) == {"sort": ["newest"], "from": ["2016-01-01"], "to": ["2016-12-31"]}
    bars = soup_of(client, "/?sort=newest").select("svg.timeline-bars a")
    assert len(bars) == 3 and all("from" in parse_qs(urlsplit(a["href"]).query) for a in bars)


def test_sorting(client: FlaskClient) -> None:
    newest = [h["date"] for h in get_json(client, "/api/search?sort=newest&group=0")["results"]]
    oldest = [h["date"] for h in get_json(client, "/api/search?sort=oldest&group=0")["results"]]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest) and len(oldest) == 5
    assert get_json(client, "/api/search?q=election")["sort"] == "relevance"


def test_date_terms_in_the_query(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=date:2015")
    assert [h["date"] for h in body["results"]] == ["2015-05-01"]
    assert get_json(client, "/api/search?q=election+OR+together+date:2016-09..2016-09-30")["total"] == 1
    assert "bad date" in get_json(client, "/api/search?q=date:2016-13", status=400)["error"]


def test_did_you_mean_for_unknown_speakers(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?speaker=Donld+Trump")
    assert body["total"] == 0 and body["suggestions"][0]["key"] == "donald trump"
    soup = soup_of(client, "/?speaker=Hilary+Clintn")
    link = soup.select_one(".did-you-mean a")
    assert link.get_text() == "Hillary Clinton" and parse_qs(urlsplit(link["href"]).query)["speaker"] == ["hillary clinton"]
    assert get_json(client, "/api/search?q=speaker:trumpp")["suggestions"][0]["key"] == "donald trump"


def test_speaker_autocomplete(client: FlaskClient) -> None:
    body = get_json(client, "/api/speakers?prefix=don")
    assert body["speakers"] == [{"key": "donald trump", "name": "Donald Trump", "count": 3,
                                 "variants": ["Donald Trump", "Trump"]}]
    assert [s["key"] for s in get_json(client, "/api/speakers?prefix=CLIN")["speakers"]] == ["hillary clinton"]
    assert [s["key"] for s in get_json(client, "/api/speakers?prefix=&limit=1")["speakers"]] == ["donald trump"]
    assert get_json(client, "/api/speakers?prefix=zz")["speakers"] == []
    assert "limit" in get_json(client, "/api/speakers?prefix=d&limit=0", status=400)["error"]


def test_speaker_page(client: FlaskClient) -> None:
    soup = soup_of(client, "/speaker/donald%20trump")
    assert soup.find("h1").get_text() == "Donald Trump"
    assert "3 quotes" in soup.select_one(".speaker-summary").get_text()
    assert "Trump" in soup.select_one(".variants").get_text()
    dates = [t["datetime"] for t in soup.select("li.quote > .attribution time")]
    assert dates == sorted(dates, reverse=True) and len(dates) == 2, "grouped, newest first"
    assert {a.get_text() for a in soup.select("a.facet-source")} == {"cnn.com", "foxnews.com"}
    assert soup.select("svg.timeline-bars rect")
    api = get_json(client, "/api/speaker/donald%20trump")
    assert (api["name"], api["count"]) == ("Donald Trump", 3) and api["timeline"][0]["label"] == "2016-10"
    missing = soup_of(client, "/speaker/donald%20trum", status=404)
    assert missing.select_one(".message.error a[href='/speaker/donald%20trump']")
    assert get_json(client, "/api/speaker/nobody", status=404)["error"]


def test_article_view_marks_the_quote_in_place(client: FlaskClient) -> None:
    hit = get_json(client, "/api/search?q=jobs")["results"][0]
    soup = soup_of(client, f"/article/{hit['article']}?at={hit['start']}")
    assert soup.find("h1").get_text() == "Trump in Ohio"
    current = soup.select_one("mark.current")
    assert current.get_text() == hit["quote"] and current["id"] == f"q{hit['start']}"
    assert len(soup.select(".article-text mark.quote-span")) == 2
    box = soup.select_one(".attribution-box").get_text(" ", strip=True)
    assert "Donald Trump" in box and "said" in box and "%" in box
    assert soup.select_one(".attribution-box meter")["value"] == str(hit["confidence"])
    text = " ".join(p.get_text() for p in soup.select(".article-text p"))
    assert "“We will win this election,” Donald Trump said." in text
    api = get_json(client, f"/api/article/{hit['article']}")
    assert api["text"][hit["start"]:hit["end"]] == hit["quote"] and len(api["quotes"]) == 2
    assert soup_of(client, "/article/../../etc/passwd", status=404)
    assert soup_of(client, "/article/" + "0" * 40, status=404)
    assert get_json(client, "/api/article/nothex", status=404)["error"]


def test_export_streams_every_match_as_csv(client: FlaskClient) -> None:
    response = client.get("/api/export?format=csv&per_page=1&page=1&sort=oldest")
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 5, "the full result set, not the page"
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[0]["quote"].startswith("'=SUM"), "formulas are defused for spreadsheets"
    assert {r["speaker_key"] for r in rows} == {"donald trump", "hillary clinton"}
    assert len({r["group"] for r in rows}) == 4


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_export_json(client: FlaskClient, fmt: str) -> None:
    response = client.get(f"/api/export?format={fmt}&speaker=Trump")
    assert response.status_code == 200 and response.is_streamed
    text = response.get_data(as_text=True)
    items = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
    assert len(items) == 3 and all(i["speaker_key"] == "donald trump" for i in items)
    assert not items[0]["quote"].startswith("'")


@pytest.mark.parametrize(("url", "word"), [
    ("/api/export?format=xml", "format"), ("/api/export?from=2016-02-30", "from"),
    ("/api/search?sort=random", "sort"), ("/api/search?group=2", "group"),
    ("/api/export?q=date:20x", "date"), ("/api/speakers?limit=abc", "limit"),
])
def test_bad_parameters_are_json_400(client: FlaskClient, url: str, word: str) -> None:
    assert word in get_json(client, url, status=400)["error"]


@pytest.mark.parametrize("url", ["/", "/?q=election", "/speaker/hillary%20clinton", "/nowhere"])
def test_every_page_has_one_h1_a_favicon_and_the_script(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert len(soup.find_all("h1")) == 1
    icon = soup.find("link", rel="icon")["href"]
    with client.get(icon) as served_icon:
        assert served_icon.mimetype == "image/svg+xml"
    [script] = soup.find_all("script")
    assert script["src"] == "/static/app.js" and not script.string
    with client.get("/static/app.js") as served_script:
        assert served_script.status_code == 200


def test_new_routes_without_an_index(tmp_path: Path) -> None:
    client = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    for url in ("/api/speakers?prefix=a", "/api/export", "/api/speaker/x", "/api/article/" + "0" * 40):
        assert "quotesearch index PATH" in get_json(client, url, status=503)["error"]
    assert "quotesearch index PATH" in soup_of(client, "/speaker/x", status=404).get_text()
