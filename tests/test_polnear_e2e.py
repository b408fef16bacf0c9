"""End to end on real news: 40 PolNeAR dev articles indexed, then searched through the web API,
the HTML page and a real `quotesearch serve` process. Skipped when ../shared is absent."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from whoosh.analysis import STOP_WORDS

from conftest import served
from quotesearch import index_paths, search
from quotesearch.web import create_app

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_TEXT = SHARED / "corpora" / "polnear" / "dev" / "text"
ARTICLES = 40
FILE_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
WORD = re.compile(r"\w+")

pytestmark = pytest.mark.skipif(not DEV_TEXT.is_dir(), reason=f"{DEV_TEXT} is absent")


def words(text: str) -> list[str]:
    """Lowercased words, so phrases compare regardless of case, punctuation and spacing."""
    return WORD.findall(text.lower())


def has_phrase(text: str, phrase: str) -> bool:
    return f" {' '.join(words(phrase))} " in f" {' '.join(words(text))} "


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 40 dev articles by file name, copied at test time (never kept in the repo)."""
    folder = tmp_path_factory.mktemp("polnear") / "corpus"
    folder.mkdir()
    for source in sorted(DEV_TEXT.glob("*.txt"))[:ARTICLES]:
        shutil.copy(source, folder / source.name)
    return folder


@pytest.fixture(scope="module")
def index_dir(corpus: Path) -> Path:
    target = corpus.parent / "index"
    summary = index_paths([corpus], target)
    assert summary.failures == ()
    return target


@pytest.fixture(scope="module")
def file_dates(corpus: Path) -> dict[str, dt.date]:
    """Article file name to the date in it, e.g. `usa-today_2016-10-02_slug.txt`."""
    dates = {}
    for path in corpus.iterdir():
        found = FILE_DATE.search(path.name)
        assert found, path.name
        dates[path.name] = dt.date.fromisoformat(found.group(1))
    return dates


@pytest.fixture(scope="module")
def client(index_dir: Path) -> FlaskClient:
    return create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()


def api(client: FlaskClient, **params: str) -> dict:
    response = client.get(f"/api/search?{urlencode({'per_page': '100', **params})}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def page_hits(client: FlaskClient, **params: str) -> list[dict[str, str]]:
    """The results listed on the HTML page (quote text, speaker, date and marked words), after
    checking that the page's count agrees with the API's total."""
    response = client.get(f"/?{urlencode({'per_page': '100', **params})}")
    assert response.status_code == 200, response.get_data(as_text=True)
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    hits = []
    for item in soup.select("ol.results li.quote"):
        speaker, time = item.select_one(".speaker"), item.select_one("time")
        hits.append({
            "quote": item.select_one(".quote-text").get_text(),
            "speaker": speaker.get_text() if speaker else "",
            "date": time["datetime"] if time else "",
            "marks": " ".join(m.get_text() for m in item.select("mark")),
        })
    total = api(client, **params)["total"]
    count = soup.select_one(".count")
    assert count is not None and count.get_text().startswith(f"{total} quote"), count
    assert len(hits) == min(total, 100)
    return hits


@pytest.fixture(scope="module")
def phrase(index_dir: Path) -> str:
    """The first three words of an indexed quote, all of them searchable (no stop words)."""
    for hit in search(index_dir, "", per_page=100).results:
        first = hit.quote.split()[:3]
        if len(first) == 3 and all(w.isalpha() and len(w) > 2 and w.lower() not in STOP_WORDS for w in first):
            return " ".join(first)
    pytest.fail("no indexed quote starts with three searchable words")


def test_corpus_has_dated_trump_articles(file_dates: dict[str, dt.date]) -> None:
    assert len(file_dates) == ARTICLES
    assert sum("trump" in name for name in file_dates) >= 5


def test_phrase_search_api(client: FlaskClient, phrase: str) -> None:
    body = api(client, q=f'"{phrase}"')
    assert body["total"] >= 1
    assert all(has_phrase(hit["quote"], phrase) for hit in body["results"]), phrase
    assert all(has_phrase(hit["highlighted"].replace("<mark>", "").replace("</mark>", ""), phrase)
               for hit in body["results"])


def test_phrase_search_page(client: FlaskClient, phrase: str) -> None:
    hits = page_hits(client, q=f'"{phrase}"')
    assert hits
    for hit in hits:
        assert has_phrase(hit["quote"], phrase)
        assert has_phrase(hit["marks"], phrase), hit


def test_speaker_filter_api(client: FlaskClient, index_dir: Path) -> None:
    body = api(client, speaker="Trump")
    assert body["total"] >= 1 and len(body["results"]) == body["total"]
    assert all("trump" in words(hit["speaker"]) for hit in body["results"])
    everyone = search(index_dir, "", per_page=100)
    assert body["total"] < everyone.total


def test_speaker_filter_page(client: FlaskClient) -> None:
    hits = page_hits(client, speaker="Trump")
    assert hits
    assert all("trump" in words(hit["speaker"]) for hit in hits)


def date_ranges(file_dates: dict[str, dt.date]) -> list[tuple[dt.date, dt.date]]:
    """One article's date alone, and a range from it to the week after."""
    day = file_dates[min(name for name in file_dates if "trump" in name)]
    return [(day, day), (day, day + dt.timedelta(days=7))]


def test_date_range_api(client: FlaskClient, file_dates: dict[str, dt.date], index_dir: Path) -> None:
    for start, end in date_ranges(file_dates):
        body = api(client, **{"from": start.isoformat(), "to": end.isoformat()})
        assert body["total"] >= 1 and len(body["results"]) == min(body["total"], 100)
        assert all(start <= dt.date.fromisoformat(hit["date"]) <= end for hit in body["results"])
        articles = {Path(hit["path"]).name for hit in body["results"]}
        assert all(start <= file_dates[name] <= end for name in articles)
        assert body["total"] < search(index_dir, "", per_page=100).total


def test_date_range_page(client: FlaskClient, file_dates: dict[str, dt.date]) -> None:
    for start, end in date_ranges(file_dates):
        hits = page_hits(client, **{"from": start.isoformat(), "to": end.isoformat()})
        assert hits
        assert all(start <= dt.date.fromisoformat(hit["date"]) <= end for hit in hits)


@pytest.fixture()
def server_url(index_dir: Path, tmp_path: Path) -> Iterator[str]:
    """`quotesearch serve --port 0` as a real process over the index; yields the URL it prints."""
    with served(index_dir, tmp_path) as url:
        yield url


def test_served_api_filters_by_speaker(server_url: str) -> None:
    with urllib.request.urlopen(f"{server_url}api/search?speaker=Trump&per_page=100", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/json")
        body = json.load(response)
    assert body["total"] >= 1 and body["results"]
    assert all("trump" in words(hit["speaker"]) for hit in body["results"])
