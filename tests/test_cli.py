"""The `quotesearch` command line, through click's CliRunner and the installed script."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from whoosh import index as whoosh_index

from conftest import served
from quotesearch.cli import is_loopback, main

ARTICLE = (
    "Title: Trump rallies in Ohio\nDate: 2016-10-02\nURL: https://news.example.com/trump-ohio\n\n"
    "“We will win this election,” Donald Trump said.\n\n"
    "“Jobs are coming back to Ohio,” Donald Trump said."
)
IOWA = "Title: Clinton in Iowa\nDate: 2016-09-15\n\n“We will work together for every family,” Hillary Clinton said."
UNDATED = "Title: Undated\n\n“Nobody knows when I said this,” Bernie Sanders said."
COMMANDS = ("extract", "index", "search", "serve", "stats")
SCRIPT = Path(sys.executable).with_name("quotesearch")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Two good articles in a folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "ohio.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "iowa.txt").write_text(IOWA, encoding="utf-8")
    return folder


@pytest.fixture()
def built(corpus: Path, tmp_path: Path) -> Path:
    """An index of `corpus`, built through the CLI."""
    index_dir = tmp_path / "index"
    result = run("index", str(corpus), "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    return index_dir


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_every_command_has_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
        sub = run(command, "--help")
        assert sub.exit_code == 0
        description = sub.output.split("\n\n")[1].strip()
        assert len(description) > 20, f"{command} has no help text"


def test_installed_script_runs() -> None:
    if not SCRIPT.exists():
        pytest.skip("quotesearch is not installed in this environment (pip install -e .)")
    done = subprocess.run([str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0
    assert all(command in done.stdout for command in COMMANDS)


def test_extract_prints_the_json_contract(corpus: Path) -> None:
    result = run("extract", str(corpus / "ohio.txt"))
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    article = json.loads(line)
    assert set(article) == {"path", "title", "date", "author", "url", "text", "quotes"}
    assert (article["title"], article["date"]) == ("Trump rallies in Ohio", "2016-10-02")
    assert len(article["quotes"]) == 2
    for quote in article["quotes"]:
        assert set(quote) >= {"quote", "speaker", "role", "cue", "start", "end", "context"}
        assert 0.0 <= quote["confidence"] <= 1.0
        assert article["text"][quote["start"]:quote["end"]] == quote["quote"]
    assert article["quotes"][0]["speaker"] == "Donald Trump"
    assert "“" in line, "non-ASCII text is printed as is (ensure_ascii=False)"


def test_extract_folder(corpus: Path) -> None:
    result = run("extract", str(corpus))
    assert result.exit_code == 0
    dates = {json.loads(line)["title"]: json.loads(line)["date"] for line in result.stdout.splitlines()}
    assert dates == {"Trump rallies in Ohio": "2016-10-02", "Clinton in Iowa": "2016-09-15"}


def test_date_option_dates_undated_articles(tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(UNDATED, encoding="utf-8")
    assert json.loads(run("extract", str(undated)).stdout)["date"] is None
    assert json.loads(run("extract", "--date", "2016-09-15", str(undated)).stdout)["date"] == "2016-09-15"
    index_dir = tmp_path / "index"
    assert run("index", "--date", "2016-09-15", "--index", str(index_dir), str(undated)).exit_code == 0
    hit = json.loads(run("search", "nobody", "--json", "--index", str(index_dir)).stdout)
    assert hit["date"] == "2016-09-15"


def test_extract_failure_is_one_line_and_run_goes_on(corpus: Path) -> None:
    empty = corpus / "empty.txt"
    empty.write_bytes(b"")
    missing = corpus / "missing.txt"
    result = run("extract", str(empty), str(missing), str(corpus / "ohio.txt"))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {empty}: ")
    assert errors[1].startswith(f"error: {missing}: ")


def test_bad_date_is_a_usage_error(corpus: Path) -> None:
    result = run("extract", "--date", "2016-13-01", str(corpus))
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_index_summary_and_reindex_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = run("index", str(corpus), "--index", str(index_dir))
    assert first.exit_code == 0
    assert "2 articles (2 added, 0 unchanged), 3 quotes, 2 speakers, 0 failures" in first.stdout
    second = run("index", str(corpus), "--index", str(index_dir))
    assert second.exit_code == 0
    assert "2 articles (0 added, 2 unchanged), 3 quotes" in second.stdout
    rebuilt = run("index", str(corpus), "--index", str(index_dir), "--rebuild")
    assert rebuilt.exit_code == 0 and "(2 added, 0 unchanged)" in rebuilt.stdout


def test_index_failure_exits_1_naming_the_file(corpus: Path, tmp_path: Path) -> None:
    empty = corpus / "empty.txt"
    empty.write_bytes(b"")
    result = run("index", str(corpus), "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    [error] = [line for line in result.stderr.splitlines() if not line.startswith("progress: ")]
    assert error.startswith(f"error: {empty}: ")
    assert "2 articles" in result.stdout and "1 failure," in result.stdout
    assert "failures by kind: empty file: 1" in result.stdout


def test_index_progress_lines_and_quiet(corpus: Path, tmp_path: Path) -> None:
    shown = run("index", str(corpus), "--index", str(tmp_path / "index"), "--jobs", "1")
    assert shown.exit_code == 0
    assert shown.stderr.splitlines()[-1].startswith("progress: 2/2 files, 3 quotes, ")
    assert "ETA" in shown.stderr
    quiet = run("index", str(corpus), "--index", str(tmp_path / "index"), "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_index_without_paths_rescans_the_recorded_sources_and_prunes(corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    nothing = run("index", "--index", str(index_dir))
    assert nothing.exit_code == 2 and "no paths given" in nothing.stderr
    assert run("index", str(corpus), "--index", str(index_dir)).exit_code == 0
    (corpus / "iowa.txt").unlink()
    (corpus / "new.txt").write_text(UNDATED, encoding="utf-8")
    again = run("index", "--index", str(index_dir), "--prune", "-q")
    assert again.exit_code == 0
    assert "2 articles (1 added, 1 unchanged, 1 removed), 3 quotes" in again.stdout
    found = run("search", "family", "--index", str(index_dir))
    assert found.stdout.splitlines()[-1] == "0 quotes"


def test_refuses_to_index_into_a_foreign_directory(corpus: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "todo.txt").write_text("keep me", encoding="utf-8")
    result = run("index", str(corpus), "--index", str(foreign))
    assert result.exit_code == 2
    assert "--index" in result.stderr and "not a quotesearch index" in result.stderr
    assert [p.name for p in foreign.iterdir()] == ["todo.txt"]


def test_locked_index_exits_3(built: Path, corpus: Path) -> None:
    writer = whoosh_index.open_dir(str(built)).writer()
    try:
        result = run("index", str(corpus), "--index", str(built))
    finally:
        writer.cancel()
    assert result.exit_code == 3
    assert "another" in result.stderr and str(built) in result.stderr and "--wait" in result.stderr


def test_search_prints_quotes(built: Path) -> None:
    result = run("search", "election", "--index", str(built))
    assert result.exit_code == 0
    assert "We will win this election" in result.stdout
    assert "— Donald Trump · 2016-10-02 · Trump rallies in Ohio" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 quote"


def test_search_json_and_filters(built: Path) -> None:
    result = run("search", "together", "--json", "--speaker", "Hillary Clinton", "--index", str(built))
    assert result.exit_code == 0
    [hit] = [json.loads(line) for line in result.stdout.splitlines()]
    assert hit["speaker"] == "Hillary Clinton" and hit["date"] == "2016-09-15"
    dated = run("search", "together OR election OR jobs", "--json", "--from", "2016-10-01", "--to", "2016-10-31", "--index", str(built))
    assert {json.loads(line)["speaker"] for line in dated.stdout.splitlines()} == {"Donald Trump"}
    limited = run("search", "election OR jobs", "--json", "--limit", "1", "--index", str(built))
    assert len(limited.stdout.splitlines()) == 1
    sure = run("search", "election OR jobs OR together", "--json", "--min-confidence", "0.5", "--index", str(built))
    assert sure.stdout and all(json.loads(line)["confidence"] >= 0.5 for line in sure.stdout.splitlines())
    assert run("search", "election", "--min-confidence", "2", "--index", str(built)).exit_code == 2


def test_search_without_index_exits_1_with_hint(tmp_path: Path) -> None:
    result = run("search", "election", "--index", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "quotesearch index PATH" in result.stderr


def test_malformed_query_exits_2(built: Path) -> None:
    result = run("search", "win " * 200, "--index", str(built))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: bad query:")


def test_stats_text_and_json(built: Path, tmp_path: Path) -> None:
    text = run("stats", "--index", str(built))
    assert text.exit_code == 0
    assert "articles: 2" in text.stdout and "top speakers: Donald Trump (2), Hillary Clinton (1)" in text.stdout
    data = json.loads(run("stats", "--json", "--index", str(built)).stdout)
    assert (data["articles"], data["quotes"], data["speakers"]) == (2, 3, 2)
    assert (data["earliest"], data["latest"]) == ("2016-09-15", "2016-10-02")
    missing = run("stats", "--index", str(tmp_path / "none"))
    assert missing.exit_code == 1 and "quotesearch index PATH" in missing.stderr


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.5", False), ("example.com", False)],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.fixture()
def server_url(built: Path, tmp_path: Path) -> Iterator[str]:
    """`quotesearch serve` running under waitress on a free local port: its URL."""
    with served(built, tmp_path, "--threads", "2") as url:
        yield url


def test_serve_answers_over_http(server_url: str) -> None:
    url = server_url
    assert url.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(f"{url}api/search?q=election", timeout=10) as response:
        body = json.load(response)
        headers = response.headers
    assert body["total"] == 1
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "waitress"
    with urllib.request.urlopen(url, timeout=10) as response:
        assert "3 quotes from 2 articles" in response.read().decode()


def test_serve_warns_when_exposed_and_reports_a_taken_port(built: Path) -> None:
    """Run as a process: waitress leaks a pipe when it cannot bind, harmless at exit."""
    if not SCRIPT.exists():
        pytest.skip("quotesearch is not installed in this environment (pip install -e .)")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [str(SCRIPT), "serve", "--index", str(built), "--host", "0.0.0.0", "--port", str(port)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    warning, error = done.stderr.splitlines()
    assert warning.startswith("warning: listening on 0.0.0.0") and "exposed to the network" in warning
    assert error.startswith("error: cannot listen on 0.0.0.0 port") and str(port) in error
