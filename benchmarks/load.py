"""Load benchmark: the real `quotesearch serve` (waitress) under many concurrent clients.

  python benchmarks/load.py [--clients 50] [--seconds 60] [--threads CORES] [--max-requests 500000]

It indexes `samples/` (plus PolNeAR train and dev text when ../shared is present) into a
temporary folder, starts `quotesearch serve` on a free loopback port, learns real phrases,
speakers, dates and article keys from the API, then runs `--clients` threads, each with one
keep-alive HTTP connection, sending a fixed mix of GET requests until `--seconds` pass or
`--max-requests` are sent. Any non-2xx answer or exception is an error. It prints a
markdown table of requests/s and p50/p95/p99 latency per request kind and overall, the
error count and the server's RSS before and after, then stops the server and removes the
temporary folder.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora" / "polnear"
SCRIPT = Path(sys.executable).with_name("quotesearch")
HOST = "127.0.0.1"
MIX = {  # request kind: weight
    "phrase": 20,
    "speaker": 12,
    "date range": 12,
    "search page (HTML)": 14,
    "facets (speaker API)": 8,
    "speaker page (HTML)": 6,
    "article page (HTML)": 6,
    "autocomplete": 10,
    "export CSV": 8,
    "stats": 4,
}


@dataclass
class Vocabulary:
    """Real values taken from the index, to build requests that find something."""

    phrases: list[str]
    words: list[str]
    speakers: list[str]
    keys: list[str]
    articles: list[str]
    months: list[str]


@dataclass
class Record:
    """What the clients saw: latencies per kind, errors by kind and reason."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors[f"{kind}: {error}"] += 1


def build_index(index_dir: Path) -> tuple[list[Path], float]:
    """Index the samples and, when present, PolNeAR train+dev text; returns the folders and seconds."""
    folders = [ROOT / "samples"] + [SHARED / split / "text" for split in ("train", "dev") if (SHARED / split / "text").is_dir()]
    started = time.perf_counter()
    result = subprocess.run([str(SCRIPT), "index", *map(str, folders), "--index", str(index_dir), "-q"],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"indexing failed ({result.returncode}): {result.stderr}")
    return folders, time.perf_counter() - started


def start_server(index_dir: Path, threads: int, log: Path) -> tuple[subprocess.Popen[str], int]:
    """`quotesearch serve` on a free loopback port; its stderr goes to `log` (a pipe nobody
    reads would fill up with waitress's queue warnings and block the server)."""
    command = [str(SCRIPT), "serve", "--index", str(index_dir), "--host", HOST, "--port", "0", "--threads", str(threads)]
    with log.open("w") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert proc.stdout is not None
    banner = proc.stdout.readline()
    found = re.search(rf"http://{re.escape(HOST)}:(\d+)/", banner)
    if not found:
        proc.kill()
        sys.exit(f"the server did not start: {banner!r}")
    return proc, int(found.group(1))


def rss_mb(pid: int) -> float:
    """The process's resident set size in MB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def get_json(port: int, path: str) -> dict:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"GET {path}: {response.status} {body[:200]!r}")
        return json.loads(body)
    finally:
        conn.close()


def learn(port: int, rng: random.Random) -> Vocabulary:
    """Phrases, words, speakers, article keys and months from the served index itself."""
    browse = get_json(port, "/api/search?per_page=100&sort=newest")["results"]
    browse += get_json(port, "/api/search?per_page=100&sort=oldest")["results"]
    phrases, words = [], []
    for hit in browse:
        tokens = re.findall(r"[A-Za-z]{3,}", hit["quote"])
        words.extend(tokens)
        if len(tokens) >= 3:
            i = rng.randrange(len(tokens) - 2)
            phrases.append(" ".join(tokens[i:i + 3]))
    speakers = [name for name, _ in get_json(port, "/api/stats")["top_speakers"]]
    keys = sorted({hit["speaker_key"] for hit in browse if hit.get("speaker_key")})
    months = sorted({hit["date"][:7] for hit in browse if hit.get("date")})
    articles = sorted({hit["article"] for hit in browse})
    if not (phrases and speakers and keys and months and articles):
        sys.exit("the index is too small to learn requests from")
    return Vocabulary(phrases, sorted(set(words)), speakers, keys, articles, months)


def request_maker(vocab: Vocabulary) -> dict[str, Callable[[random.Random], str]]:
    """Each request kind as a function of a random generator to a path with its query string."""
    def q(**params: str) -> str:
        return urllib.parse.urlencode(params)

    def date_range(rng: random.Random) -> str:
        month = rng.choice(vocab.months)
        return q(q=rng.choice(vocab.words), **{"from": f"{month}-01", "to": f"{month}-28"})

    return {
        "phrase": lambda rng: "/api/search?" + q(q=f'"{rng.choice(vocab.phrases)}"'),
        "speaker": lambda rng: "/api/search?" + q(speaker=rng.choice(vocab.speakers)),
        "date range": lambda rng: "/api/search?" + date_range(rng),
        "search page (HTML)": lambda rng: "/?" + q(q=rng.choice(vocab.words)),
        "facets (speaker API)": lambda rng: "/api/speaker/" + urllib.parse.quote(rng.choice(vocab.keys)),
        "speaker page (HTML)": lambda rng: "/speaker/" + urllib.parse.quote(rng.choice(vocab.keys)),
        "article page (HTML)": lambda rng: "/article/" + rng.choice(vocab.articles),
        "autocomplete": lambda rng: "/api/speakers?" + q(prefix=rng.choice(vocab.speakers)[:2]),
        "export CSV": lambda rng: "/api/export?" + q(format="csv", q=f'"{rng.choice(vocab.phrases)}"'),
        "stats": lambda rng: "/api/stats",
    }


def client(port: int, seed: int, makers: dict[str, Callable[[random.Random], str]], deadline: float,
           budget: Callable[[], bool], record: Record) -> None:
    """One keep-alive client: weighted random requests until the deadline or the budget runs out."""
    rng = random.Random(seed)
    kinds, weights = list(MIX), list(MIX.values())
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.monotonic() < deadline and budget():
        kind = rng.choices(kinds, weights)[0]
        path = makers[kind](rng)
        started = time.perf_counter()
        error = None
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if not 200 <= response.status < 300:
                error = f"HTTP {response.status}"
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
        except (OSError, http.client.HTTPException) as err:
            error = type(err).__name__
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        record.add(kind, time.perf_counter() - started, error)
    conn.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def table(record: Record, seconds: float) -> str:
    rows = ["| request | requests | errors | req/s | p50 ms | p95 ms | p99 ms |", "|---|---:|---:|---:|---:|---:|---:|"]
    errors_by_kind = Counter({kind: sum(n for key, n in record.errors.items() if key.startswith(kind + ": "))
                              for kind in record.latencies})

    def row(name: str, values: list[float], errors: int) -> str:
        ms = [v * 1000 for v in values]
        return (f"| {name} | {len(values)} | {errors} | {len(values) / seconds:.1f} | {statistics.median(ms):.0f} | "
                f"{percentile(ms, 95):.0f} | {percentile(ms, 99):.0f} |")

    for kind in MIX:
        if record.latencies.get(kind):
            rows.append(row(kind, record.latencies[kind], errors_by_kind[kind]))
    everything = [v for values in record.latencies.values() for v in values]
    rows.append(row("**all**", everything, sum(record.errors.values())))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2,
                        help="waitress worker threads (quotesearch serve --threads; default one per core, as serve)")
    parser.add_argument("--max-requests", type=int, default=500_000, help="stop after this many requests in all")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not SCRIPT.exists():
        sys.exit(f"{SCRIPT} is not installed (pip install -e .)")
    workdir = Path(tempfile.mkdtemp(prefix="quotesearch-load-"))
    proc = None
    try:
        folders, index_seconds = build_index(workdir / "index")
        log = workdir / "server-stderr.log"
        proc, port = start_server(workdir / "index", args.threads, log)
        vocab = learn(port, random.Random(args.seed))
        stats = get_json(port, "/api/stats")
        makers = request_maker(vocab)
        rss_before = rss_mb(proc.pid)
        record = Record()
        sent = iter(range(args.max_requests))
        budget_lock = threading.Lock()

        def budget() -> bool:
            with budget_lock:
                return next(sent, None) is not None

        started = time.monotonic()
        deadline = started + args.seconds
        clients = [threading.Thread(target=client, args=(port, args.seed * 1000 + i, makers, deadline, budget, record))
                   for i in range(args.clients)]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(timeout=args.seconds + 120)
        elapsed = time.monotonic() - started
        rss_after = rss_mb(proc.pid)
        print(f"command: python benchmarks/load.py --clients {args.clients} --seconds {args.seconds:g} "
              f"--threads {args.threads}")
        print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
              f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
        print(f"index: {', '.join(str(f.relative_to(ROOT.parent)) if f.is_relative_to(ROOT.parent) else str(f) for f in folders)}; "
              f"{stats['articles']} articles, {stats['quotes']} quotes, {stats['speakers']} speakers; "
              f"built in {index_seconds:.1f} s")
        print(f"{args.clients} clients, {elapsed:.1f} s, waitress threads {args.threads}\n")
        print(table(record, elapsed))
        total = sum(len(v) for v in record.latencies.values())
        print(f"\nthroughput: {total / elapsed:.1f} requests/s; errors: {sum(record.errors.values())}")
        for reason, n in record.errors.most_common():
            print(f"  {n} × {reason}")
        print(f"server RSS: {rss_before:.0f} MB before, {rss_after:.0f} MB after")
        logged = Counter(re.sub(r"\d+", "N", line) for line in log.read_text().splitlines())
        print("server stderr: " + ("; ".join(f"{n} × {line}" for line, n in logged.most_common(8)) or "nothing"))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
