"""Incremental indexing on real files: re-running changes nothing, an edited file replaces
exactly its quotes, --prune drops deleted files, parallel and in-process runs agree, and a
search during a --rebuild answers from the old index, then from the new one."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from whoosh import index as whoosh_index

from quotesearch.indexing import index_paths
from quotesearch.search import search, stats

SCRIPT = Path(sys.executable).with_name("quotesearch")
PEOPLE = ["Maria Lopez", "James Berg", "Amara Okafor", "Kenji Tanaka"]


def write_corpus(folder: Path, articles: int, tag: str) -> None:
    """`articles` text files, each with three quotes carrying `tag` and the article number."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        who = PEOPLE[n % len(PEOPLE)]
        body = "\n\n".join(f"“The {tag} plan number {n} part {k} is ready,” {who} said." for k in range(3))
        (folder / f"a{n:04d}.txt").write_text(f"Title: Story {n}\nDate: 2020-0{1 + n % 9}-15\n\n{body}\n",
                                              encoding="utf-8")


def quotes_by_path(index_dir: Path) -> dict[str, set[str]]:
    """Every indexed quote, by its file as `folder/name`."""
    out: dict[str, set[str]] = {}
    page = 1
    while True:
        found = search(index_dir, group=False, per_page=100, page=page)
        for hit in found.results:
            path = Path(hit.path or "")
            out.setdefault(f"{path.parent.name}/{path.name}", set()).add(hit.quote)
        if page * 100 >= found.total:
            return out
        page += 1


def generation(index_dir: Path) -> int:
    return whoosh_index.open_dir(str(index_dir)).latest_generation()


def test_rerunning_changes_nothing(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 12, "first")
    built = index_paths([tmp_path / "c"], tmp_path / "ix", jobs=2)
    before, files = quotes_by_path(tmp_path / "ix"), sorted(p.name for p in (tmp_path / "ix").iterdir())
    gen = generation(tmp_path / "ix")
    again = index_paths([tmp_path / "c"], tmp_path / "ix", jobs=2)
    assert (again.added, again.unchanged, again.articles, again.quotes) == (0, 12, 12, built.quotes)
    assert generation(tmp_path / "ix") == gen, "nothing committed"
    assert sorted(p.name for p in (tmp_path / "ix").iterdir()) == files
    assert quotes_by_path(tmp_path / "ix") == before


def test_editing_one_file_replaces_exactly_its_quotes(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 10, "first")
    index_paths([tmp_path / "c"], tmp_path / "ix", jobs=2)
    before = quotes_by_path(tmp_path / "ix")
    (tmp_path / "c" / "a0003.txt").write_text(
        "Title: Story 3\nDate: 2020-04-15\n\n“Everything changed today,” Maria Lopez said.\n", encoding="utf-8")
    summary = index_paths([tmp_path / "c"], tmp_path / "ix", jobs=2)
    after = quotes_by_path(tmp_path / "ix")
    assert (summary.added, summary.unchanged, summary.articles, summary.quotes) == (1, 9, 10, 28)
    assert after["c/a0003.txt"] == {"Everything changed today,"}
    assert {k: v for k, v in after.items() if k != "c/a0003.txt"} == \
        {k: v for k, v in before.items() if k != "c/a0003.txt"}
    assert stats(tmp_path / "ix").quotes == 28
    assert search(tmp_path / "ix", '"first plan"', group=False).matches == 27, "replaced quotes' postings are skipped"
    assert search(tmp_path / "ix", "changed").matches == 1


def test_prune_removes_the_quotes_of_deleted_files(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 6, "first")
    write_corpus(tmp_path / "other", 2, "elsewhere")
    index_paths([tmp_path / "c", tmp_path / "other"], tmp_path / "ix", jobs=0)
    (tmp_path / "c" / "a0001.txt").unlink()
    (tmp_path / "c" / "a0004.txt").unlink()
    kept = index_paths([tmp_path / "c"], tmp_path / "ix", jobs=0)
    assert (kept.pruned, kept.articles) == (0, 8), "without --prune vanished files stay"
    pruned = index_paths([tmp_path / "c"], tmp_path / "ix", prune=True, jobs=0)
    assert (pruned.pruned, pruned.articles, pruned.quotes) == (2, 6, 18)
    names = quotes_by_path(tmp_path / "ix")
    assert "c/a0001.txt" not in names and "c/a0004.txt" not in names and "other/a0001.txt" in names
    assert sum("elsewhere" in q for qs in names.values() for q in qs) == 6, "files outside the paths stay"
    assert search(tmp_path / "ix", speaker="James Berg").matches == 6, "c/a0001 went, c/a0005 and other/a0001 stay"
    assert dict(stats(tmp_path / "ix").top_speakers)["James Berg"] == 6


def test_parallel_and_in_process_runs_index_the_same(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 30, "same")
    one = index_paths([tmp_path / "c"], tmp_path / "one", jobs=0)
    two = index_paths([tmp_path / "c"], tmp_path / "two", jobs=2)
    assert (one.articles, one.quotes, one.speakers) == (two.articles, two.quotes, two.speakers) == (30, 90, 4)
    assert quotes_by_path(tmp_path / "one") == quotes_by_path(tmp_path / "two")
    for index_dir in (tmp_path / "one", tmp_path / "two"):
        assert search(index_dir, "plan", speaker="Maria Lopez", date_from=None).total == 24


def test_search_during_rebuild_sees_the_old_index_then_the_new(tmp_path: Path) -> None:
    write_corpus(tmp_path / "old", 40, "former")
    index_paths([tmp_path / "old"], tmp_path / "ix", jobs=0)
    write_corpus(tmp_path / "new", 400, "latter")
    command = [str(SCRIPT), "index", str(tmp_path / "new"), "--index", str(tmp_path / "ix"), "--rebuild", "-q"]
    seen: list[str] = []
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        while proc.poll() is None:
            found = search(tmp_path / "ix", "former OR latter", per_page=1)
            assert found.matches in (120, 1200), f"half-built index seen: {found.matches} quotes"
            seen.append("old" if found.matches == 120 else "new")
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    assert search(tmp_path / "ix", "latter").matches == 1200 and search(tmp_path / "ix", "former").total == 0
    assert seen and seen[0] == "old", "the rebuild took too little time to be observed"
    assert seen == sorted(seen, key=lambda s: s == "new"), "never back to the old index"
