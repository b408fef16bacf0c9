"""Bad input, each kind made here, indexed by the real `quotesearch index` beside good articles.

Two families:
- rejected: the file can't be an article. One `error: PATH: reason` line on stderr, the run
  goes on, the good articles are indexed and searchable, the summary counts the failure by
  kind, and the exit status is 1 ("some files failed", as documented in the README).
- recovered: odd but readable input (other encodings, NUL bytes, a 1 MB word, an unclosed
  quote, 100,000 levels of nesting) is indexed with no error and exit status 0.
Huge and deep inputs run as a separate process whose wall time and peak memory are bounded.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotesearch.cli import main
from quotesearch.html_text import flatten_deep
from quotesearch.indexing import index_paths
from quotesearch.loading import LoadError
from quotesearch.search import search

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SCRIPT = Path(sys.executable).with_name("quotesearch")
GOOD = ("city-council-budget.txt", "court-ruling.html", "northwind-layoffs.txt", "northwind-layoffs.json")
GOOD_PHRASES = ('"library branch"', '"phone as an informant"', '"mine to own"')
GOOD_ARTICLES = 3
DATED = "Title: {title}\nDate: 2024-05-06\n\n{body}\n"
QUOTE = "“The river has never been this high,” said Mara Quill, the harbor master."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def corpus(tmp_path: Path) -> Path:
    """A folder with three good sample articles (one HTML, two text, one with a sidecar)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def index(folder: Path, index_dir: Path) -> Result:
    return CliRunner().invoke(main, ["index", str(folder), "--index", str(index_dir), "--quiet"])


def assert_good_ones_searchable(index_dir: Path) -> None:
    for phrase in GOOD_PHRASES:
        result = CliRunner().invoke(main, ["search", phrase, "--index", str(index_dir), "--json"])
        assert result.exit_code == 0, result.output
        assert result.stdout.strip(), f"{phrase} not found"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", "“Zipped,” she said.")
    return buffer.getvalue()


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return make


def _sidecar(content: str) -> Callable[[Path], Path]:
    """A good text article whose `<stem>.json` sidecar is broken; the error names the JSON."""
    def make(folder: Path) -> Path:
        (folder / "flood.txt").write_text(DATED.format(title="Flood", body=QUOTE), encoding="utf-8")
        sidecar = folder / "flood.json"
        sidecar.write_text(content, encoding="utf-8")
        return sidecar
    return make


def _directory(folder: Path) -> Path:
    path = folder / "x.html"
    path.mkdir()
    (path / "inside.txt").write_text(DATED.format(title="Inside", body=QUOTE), encoding="utf-8")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.html"
    os.mkfifo(path)
    return path


def _symlink_loop(folder: Path) -> Path:
    os.symlink(folder / "loop.html", folder / "loop.html")
    return folder / "loop.html"


def _broken_symlink(folder: Path) -> Path:
    os.symlink(folder / "gone.html", folder / "dangling.html")
    return folder / "dangling.html"


@dataclass(frozen=True)
class Rejected:
    make: Callable[[Path], Path]
    reason: str
    kind: str


REJECTED = {
    "empty file": Rejected(_write("empty.txt", b""), "empty file", "empty file"),
    "blank page": Rejected(_write("blank.html", b" \n\t\r\n  \n"), "empty file", "empty file"),
    "PDF named .html": Rejected(_write("report.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
                                "binary file, not text or HTML", "binary file, not text or HTML"),
    "PNG named .html": Rejected(_write("photo.html", PNG), "binary file, not text or HTML", "binary file, not text or HTML"),
    "zip named .html": Rejected(_write("archive.html", zip_bytes()), "binary file, not text or HTML",
                                "binary file, not text or HTML"),
    "mostly NUL bytes": Rejected(_write("zeros.txt", b"Title: T\n" + b"\x00" * 4000),
                                 "binary file, not text or HTML", "binary file, not text or HTML"),
    "malformed sidecar JSON": Rejected(_sidecar('{"date": "2024-05-06",'), "malformed sidecar JSON: ",
                                       "malformed sidecar JSON"),
    "sidecar JSON not an object": Rejected(_sidecar("[1, 2]"), "malformed sidecar JSON: expected an object",
                                           "malformed sidecar JSON"),
    "directory named x.html": Rejected(_directory, "is a directory, not a file; not searched",
                                       "is a directory, not a file; not searched"),
    "FIFO named x.html": Rejected(_fifo, "not a regular file (named pipe)", "not a regular file"),
    "symlink loop": Rejected(_symlink_loop, "too many levels of symbolic links", "too many levels of symbolic links"),
    "broken symlink": Rejected(_broken_symlink, "broken symbolic link", "broken symbolic link"),
    "error page": Rejected(_write("missing.html", b"<html><head><title>404 Page not found</title></head>"
                                                  b"<body><h1>Page not found</h1></body></html>"),
                           "not an article: error page", "not an article"),
}


@pytest.mark.parametrize("case", REJECTED, ids=list(REJECTED))
def test_rejected_input_is_one_line_and_the_rest_is_indexed(case: str, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    spec = REJECTED[case]
    bad = spec.make(folder)
    index_dir = tmp_path / "index"
    result = index(folder, index_dir)
    assert result.exit_code == 1, result.output
    errors = result.stderr.splitlines()
    expected = [line for line in errors if line.startswith(f"error: {bad}: ")]
    assert len(errors) == 1 and expected, errors
    assert spec.reason in errors[0]
    assert f"{GOOD_ARTICLES} articles" in result.stdout
    assert "1 failure," in result.stdout
    assert f"failures by kind: {spec.kind}: 1" in result.stdout
    assert_good_ones_searchable(index_dir)


def test_a_loop_of_symlinked_folders_is_walked_once(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    os.symlink(folder, folder / "again")
    os.symlink(tmp_path, folder / "up")
    result = index(folder, tmp_path / "index")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert f"{GOOD_ARTICLES} articles" in result.stdout


def _can_deny_reads() -> list[str] | None:
    """A command prefix under which a mode-000 file really can't be read, or None.

    Root ignores file modes through the CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    capabilities; `setpriv` drops both from the bounding set, so the kernel checks the
    mode as for any user. Other users need no prefix.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    drop = ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    probe = subprocess.run([setpriv, *drop, "true"], capture_output=True)
    return [setpriv, *drop] if probe.returncode == 0 else None


def test_unreadable_file_is_reported_as_permission_denied(tmp_path: Path) -> None:
    prefix = _can_deny_reads()
    if prefix is None:
        pytest.skip("running as root without setpriv (or without the right to drop capabilities): "
                    "file modes can't deny root a read here")
    if not SCRIPT.exists():
        pytest.skip(f"{SCRIPT} is not installed (pip install -e .)")
    folder = corpus(tmp_path)
    secret = folder / "secret.html"
    secret.write_bytes((SAMPLES / "court-ruling.html").read_bytes().replace(b"informant", b"witness"))
    secret.chmod(0)
    index_dir = tmp_path / "index"
    result = subprocess.run([*prefix, str(SCRIPT), "index", str(folder), "--index", str(index_dir), "-q"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stderr.lower().splitlines() == [f"error: {secret}: permission denied".lower()]
    assert f"{GOOD_ARTICLES} articles" in result.stdout
    assert "failures by kind: permission denied: 1" in result.stdout.lower()
    assert_good_ones_searchable(index_dir)


def test_file_deleted_while_indexing_runs(tmp_path: Path) -> None:
    """Files are found first, then read: one removed in between is reported, the run goes on.

    The first failure of the run (an empty file, sorted first) deletes the victim, which the
    scan already listed; the real indexer then finds it gone when it reads it.
    """
    folder = corpus(tmp_path)
    (folder / "0-empty.txt").write_bytes(b"")
    victim = folder / "1-victim.txt"
    victim.write_text(DATED.format(title="Victim", body=QUOTE), encoding="utf-8")
    errors: list[LoadError] = []

    def on_error(err: LoadError) -> None:
        errors.append(err)
        if victim.exists():
            victim.unlink()

    index_dir = tmp_path / "index"
    summary = index_paths([folder], index_dir, on_error=on_error, jobs=0)
    assert [(e.path, e.reason) for e in errors] == [(str(folder / "0-empty.txt"), "empty file"),
                                                    (str(victim), "no such file")]
    assert len(summary.failures) == 2 and summary.articles == GOOD_ARTICLES
    assert search(index_dir, '"never been this high"').total == 0
    assert search(index_dir, '"library branch"').total == 1


def test_path_vanishing_between_discovery_and_indexing(tmp_path: Path) -> None:
    """The indexer is handed a generator of discovered paths; one is deleted as it is handed over."""
    folder = corpus(tmp_path)
    victim = folder / "victim.txt"
    victim.write_text(DATED.format(title="Victim", body=QUOTE), encoding="utf-8")
    discovered = sorted(p for p in folder.iterdir() if p.suffix != ".json")

    def paths() -> object:
        for path in discovered:
            if path == victim:
                victim.unlink()
            yield path

    errors: list[str] = []
    summary = index_paths(paths(), tmp_path / "index", on_error=lambda e: errors.append(str(e)))
    assert errors == [f"{victim}: no such file or directory"]
    assert summary.failures == (errors[0],) and summary.articles == GOOD_ARTICLES


@dataclass(frozen=True)
class Recovered:
    name: str
    data: bytes
    phrase: str


LATIN1 = ("<html><head><title>Café opens</title><meta name='date' content='2024-05-06'></head><body><article>"
          "<p>The new café on the quay opened on Monday with a queue around the block.</p>"
          "<p>«Nous sommes très fiers», a déclaré Hélène Dubois, the café's owner, to the crowd.</p>"
          "</article></body></html>")
RECOVERED = {
    "invalid UTF-8": Recovered("bad-utf8.txt", DATED.format(title="Bytes", body=QUOTE).encode()
                               .replace(b"harbor", b"harb\xff\xfeor"), '"never been this high"'),
    "UTF-16 with BOM": Recovered("wide.html", ("<html><head><meta charset='utf-16'><meta name='date' content='2024-05-06'>"
                                               "</head><body><article><p>" + QUOTE + "</p></article></body></html>")
                                 .encode("utf-16"), '"never been this high"'),
    "Latin-1, no declaration": Recovered("latin.html", LATIN1.encode("latin-1"), '"très fiers"'),
    "NUL bytes": Recovered("nul.txt", DATED.format(title="Nul", body=QUOTE).encode().replace(b" ", b" \x00", 5),
                           '"never been this high"'),
    "1 MB line with no spaces": Recovered("long.txt", DATED.format(title="Long", body="x" * 1024 * 1024 + "\n\n" + QUOTE)
                                          .encode(), '"never been this high"'),
    "quote opened and never closed over 5,000 paragraphs": Recovered(
        "unclosed.txt",
        DATED.format(title="Unclosed", body="“This quote is opened and never closed, and goes on.\n\n"
                     + "\n\n".join(f"Paragraph {i} of the report goes on about the tides." for i in range(5000))
                     + "\n\n" + QUOTE).encode(),
        '"never been this high"'),
}


@pytest.mark.parametrize("case", RECOVERED, ids=list(RECOVERED))
def test_odd_but_readable_input_is_indexed(case: str, tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    spec = RECOVERED[case]
    (folder / spec.name).write_bytes(spec.data)
    index_dir = tmp_path / "index"
    started = time.perf_counter()
    result = index(folder, index_dir)
    assert time.perf_counter() - started < 60
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert f"{GOOD_ARTICLES + 1} articles" in result.stdout
    assert_good_ones_searchable(index_dir)
    hits = search(index_dir, spec.phrase).results
    assert [Path(hit.path).name for hit in hits] == [spec.name]
    assert all(len(hit.quote) < 200 for hit in hits)
    assert "\x00" not in hits[0].quote


def test_latin1_page_is_decoded_as_latin1(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "latin.html").write_bytes(LATIN1.encode("latin-1"))
    index_dir = tmp_path / "index"
    assert index(folder, index_dir).exit_code == 0
    [hit] = search(index_dir, '"très fiers"').results
    assert hit.quote == "Nous sommes très fiers"
    assert hit.title == "Café opens"


def measured(command: list[str]) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run `command` in a child Python that reports its children's peak RSS (MB); returns the
    result, the wall time in seconds and the peak RSS of the run and its workers."""
    wrapper = ("import resource, subprocess, sys\n"
               "r = subprocess.run(sys.argv[1:])\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
               "sys.exit(r.returncode)\n")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    *stderr, peak_kb = result.stderr.splitlines()
    return (subprocess.CompletedProcess(result.args, result.returncode, result.stdout, "\n".join(stderr)),
            seconds, int(peak_kb) / 1024)


@pytest.fixture(scope="module")
def baseline_rss(tmp_path_factory: pytest.TempPathFactory) -> float:
    """Peak RSS (MB) of indexing the good articles alone."""
    if not SCRIPT.exists():
        pytest.skip(f"{SCRIPT} is not installed (pip install -e .)")
    tmp_path = tmp_path_factory.mktemp("baseline")
    result, _, peak = measured([str(SCRIPT), "index", str(corpus(tmp_path)), "--index", str(tmp_path / "index"), "-q"])
    assert result.returncode == 0, result.stderr
    return peak


def test_50_mb_page_is_refused_quickly_in_bounded_memory(tmp_path: Path, baseline_rss: float) -> None:
    folder = corpus(tmp_path)
    huge = folder / "huge.html"
    paragraph = b"<p>\xe2\x80\x9cWe will rebuild the harbor wall,\xe2\x80\x9d the mayor said on Tuesday night.</p>\n"
    with huge.open("wb") as out:
        out.write(b"<html><head><title>Huge</title></head><body><article>")
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            out.write(paragraph)
        out.write(b"</article></body></html>")
    index_dir = tmp_path / "index"
    result, seconds, peak = measured([str(SCRIPT), "index", str(folder), "--index", str(index_dir), "-q"])
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [f"error: {huge}: file too large (50 MB)"]
    assert "failures by kind: file too large: 1" in result.stdout
    assert seconds < 60
    assert peak - baseline_rss < 40, (peak, baseline_rss)  # at most MAX_BYTES (20 MB) is ever read
    assert_good_ones_searchable(index_dir)


def test_page_nested_100000_levels_is_indexed_in_bounded_time_and_memory(tmp_path: Path, baseline_rss: float) -> None:
    folder = corpus(tmp_path)
    deep = folder / "deep.html"
    deep.write_bytes(b"<html><head><title>Deep</title><meta name='date' content='2024-05-06'></head><body>"
                     + b"<div>" * 100_000 + b"<p>" + QUOTE.encode() + b"</p>" + b"</div>" * 100_000
                     + b"</body></html>")
    index_dir = tmp_path / "index"
    result, seconds, peak = measured([str(SCRIPT), "index", str(folder), "--index", str(index_dir), "-q"])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"{GOOD_ARTICLES + 1} articles" in result.stdout
    assert seconds < 60
    assert peak - baseline_rss < 400, (peak, baseline_rss)
    [hit] = search(index_dir, '"never been this high"').results
    assert (Path(hit.path).name, hit.speaker) == ("deep.html", "Mara Quill")
    assert_good_ones_searchable(index_dir)


def test_flatten_deep_keeps_the_text_as_paragraphs_and_leaves_normal_pages_alone() -> None:
    from bs4 import BeautifulSoup

    deep = BeautifulSoup("<body>" + "<div>" * 40 + "<p>one <b>two</b></p><p>three</p>" + "</div>" * 40 + "</body>", "lxml")
    assert flatten_deep(deep, limit=10) == 44
    assert [p.get_text() for p in deep.find_all("p")] == ["one two", "three"]
    assert max(len(list(p.parents)) for p in deep.find_all("p")) == 11
    shallow = BeautifulSoup("<body><div><p>one <b>two</b></p></div></body>", "lxml")
    before = str(shallow)
    assert flatten_deep(shallow, limit=10) == 5
    assert str(shallow) == before


def test_exit_status_and_summary_are_documented() -> None:
    readme = (SAMPLES.parent / "README.md").read_text(encoding="utf-8")
    assert "`1` some files failed" in readme
    help_text = " ".join(CliRunner().invoke(main, ["index", "--help"]).stdout.split())
    assert "1 if some failed" in help_text
