"""Crashes and concurrent runs: `quotesearch index` killed with SIGKILL at random moments
leaves an index that opens with the old or the new committed content, the next run recovers
(stale lock files included) and leaves no worker behind; two runs at once never corrupt it."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotesearch.search import search, stats

SCRIPT = Path(sys.executable).with_name("quotesearch")
KILLS = 10


def write_version(folder: Path, version: int, articles: int = 120) -> None:
    """`articles` files whose two quotes each carry the word `v<version>`."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        body = "\n\n".join(f"“Version v{version} of plan {n} step {k} holds,” Maria Lopez said." for k in range(2))
        (folder / f"a{n:04d}.txt").write_text(f"Title: Story {n}\nDate: 2021-03-{1 + n % 28:02d}\n\n{body}\n",
                                              encoding="utf-8")


def index_command(corpus: Path, index_dir: Path, *extra: str) -> list[str]:
    if not SCRIPT.exists():
        pytest.skip(f"{SCRIPT} is not installed (pip install -e .)")
    return [str(SCRIPT), "index", str(corpus), "--index", str(index_dir), "-q", *extra]


def versions(index_dir: Path) -> dict[int, int]:
    """How many quotes of each version the index holds, and its own quote count as -1."""
    counts = {v: search(index_dir, f"v{v}", group=False, per_page=1).matches for v in range(KILLS + 2)}
    counts[-1] = stats(index_dir).quotes
    return {v: n for v, n in counts.items() if n}


def leftover_processes(index_dir: Path) -> list[int]:
    """Processes whose command line names `index_dir` (workers orphaned by a kill)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(index_dir).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_sigkill_at_random_moments_leaves_old_or_new_content(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    write_version(corpus, 0)
    subprocess.run(index_command(corpus, index_dir), check=True)
    committed = 0
    interrupted = 0
    rng = random.Random(7)
    for attempt in range(1, KILLS + 1):
        write_version(corpus, attempt)
        rebuild = ("--rebuild",) if attempt % 3 == 0 else ()
        proc = subprocess.Popen(index_command(corpus, index_dir, *rebuild), stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        found = versions(index_dir)
        if found == {attempt: 240, -1: 240}:
            committed = attempt
        else:
            interrupted += 1
        assert found == {committed: 240, -1: 240}, f"kill {attempt}: mixed or partial content {found}"
        deadline = time.monotonic() + 5
        while leftover_processes(index_dir) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert leftover_processes(index_dir) == [], "workers outlived their killed parent"
    assert interrupted >= KILLS // 2, "most kills must land before the commit"
    assert (index_dir / ".quotesearch.lock").exists(), "the killed runs left their lock file"
    subprocess.run(index_command(corpus, index_dir), check=True, timeout=120)
    assert versions(index_dir) == {KILLS: 240, -1: 240}
    assert not list(index_dir.glob(".tmp-*")), "temporary folders of killed runs are removed"


def test_second_concurrent_run_is_refused_or_waits(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "ix"
    write_version(corpus, 1, articles=1500)  # enough work to outlast the second run's start-up
    first = subprocess.Popen(index_command(corpus, index_dir, "--jobs", "1"), stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not (index_dir / ".quotesearch.lock").exists() or not (index_dir / ".quotesearch.lock").read_text():
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.02)
    refused = subprocess.run(index_command(corpus, index_dir), capture_output=True, text=True, timeout=60)
    assert refused.returncode == 3
    assert f"is being written by another process (pid {first.pid})" in refused.stderr
    assert "--wait" in refused.stderr
    waited = subprocess.run(index_command(corpus, index_dir, "--wait", "120"), capture_output=True, text=True,
                            timeout=180)
    assert first.wait(timeout=120) == 0
    assert waited.returncode == 0, waited.stderr
    assert versions(index_dir) == {1: 3000, -1: 3000}
    assert os.path.getsize(index_dir / ".quotesearch.lock") == 0, "the lock names no holder once released"
