"""Speed benchmarks of extraction, indexing and queries (not timed tests; results go in
docs/performance.md).

  python benchmarks/speed.py extract CORPUS [--limit 2000]
      extraction articles/s on one core (load + extract, no index)
  python benchmarks/speed.py index CORPUS [--jobs 1 --jobs 2]
      `quotesearch index` from nothing for each --jobs: wall time, articles/s, quotes/s, peak
      RSS of the largest process, index size; then the re-run with nothing changed
  python benchmarks/speed.py synth OUT --quotes 1000000 [--jobs 2]
      an index of synthetic quotes written straight to the index layer (no extraction), ten
      quotes an article, Zipf-distributed words, 2,000 speakers, ten years of dates
  python benchmarks/speed.py queries INDEX [--runs 300] [--seed 1]
      p50/p95/max in ms per query kind through the library (`search.search`, `facets.facets`)
      with a warm searcher, as `quotesearch serve` runs them, after the time of the first
      search of the generation, which builds the per-generation document arrays
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotesearch.extraction import extract_file  # noqa: E402
from quotesearch.facets import facets  # noqa: E402
from quotesearch.indexing import index_articles  # noqa: E402
from quotesearch.loading import LoadError, iter_files  # noqa: E402
from quotesearch.models import Article, Quote  # noqa: E402
from quotesearch.search import Filters, opened, plan, search  # noqa: E402

SCRIPT = Path(sys.executable).with_name("quotesearch")
WORDS = sorted(json.loads((ROOT / "quotesearch" / "data" / "common_words.json").read_text()))
FIRST = "James Maria Omar Elena Lukas Sofia Daniel Amara Marcus Ingrid Pedro Hanna Kenji Priya Samuel Clara".split()
LAST = ("Berg Castell Okafor Lindqvist Marchetti Reyes Hale Nair Solberg Fahey Adeyemi Voss Kerr Quinn Moreau "
        "Dubois Tanaka Novak Haddad Ortiz Brandt Lopez Singh Petrov Ames Baker Cho Diaz Evans Fox Gray Hill "
        "Ito Jones Khan Lee Mori Ng Olsen Park Rossi Sato Tran Ueda Vega Wong Xu Yang Zhou Abe Bell Cruz Dahl "
        "Egan Ford Gil Hart Imai Jung Kim Lund Mayer Nash Ortega Pham Roy Shah Toth Ulloa Vu Webb Yoo Zeller "
        "Ahn Boyd Chen Dunn Ellis Flynn Grant Hayes Irwin Jain Kaur Lowe Marsh Noor Owens Price").split()
SPEAKERS = [f"{f} {l}" for l in LAST for f in FIRST][:2000]
SOURCES = [f"outlet{n}.example" for n in range(40)]
START = dt.date(2015, 1, 1)


def _zipf_word(rng: random.Random) -> str:
    return WORDS[min(int(rng.paretovariate(1.05)) - 1, len(WORDS) - 1) * 7919 % len(WORDS)]


def synthetic_article(n: int) -> Article:
    """Article `n` of the synthetic collection: ten quotes of 8-30 Zipf words, deterministic."""
    rng = random.Random(n)
    date = START + dt.timedelta(days=rng.randrange(3650))
    quotes = []
    for k in range(10):
        speaker = SPEAKERS[min(int(rng.paretovariate(0.8)) - 1, len(SPEAKERS) - 1)]
        words = " ".join(_zipf_word(rng) for _ in range(rng.randint(8, 30)))
        quotes.append(Quote(words, speaker, None, "said", k, k + 1, f"{words}, {speaker} said.", 0.9))
    text = " ".join(q.quote for q in quotes)
    url = f"https://{SOURCES[n % len(SOURCES)]}/story/{n}"
    return Article(f"/synthetic/{n:07d}.txt", text, f"Story {n} about {_zipf_word(rng)}", date, None, url,
                   tuple(quotes))


def cmd_synth(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    articles = args.quotes // 10
    pairs = ((synthetic_article(n), f"h{n}") for n in range(articles))
    summary = index_articles(pairs, args.out, jobs=args.jobs, rebuild=True)
    took = time.perf_counter() - started
    size = sum(p.stat().st_size for p in Path(args.out).iterdir() if p.is_file())
    print(f"synthetic: {summary.articles} articles, {summary.quotes} quotes, {summary.speakers} speakers in "
          f"{took:.0f} s ({summary.quotes / took:.0f} quotes/s, jobs {args.jobs}), index {size / 1e6:.0f} MB, "
          f"peak RSS {_peak_mb():.0f} MB")


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cmd_extract(args: argparse.Namespace) -> None:
    files = [f for f in iter_files([args.corpus]) if not isinstance(f, LoadError)][:args.limit]
    started = time.perf_counter()
    quotes = 0
    for path in files:
        quotes += len(extract_file(path).quotes)
    took = time.perf_counter() - started
    print(f"extraction: {len(files)} articles, {quotes} quotes in {took:.1f} s: {len(files) / took:.0f} articles/s "
          f"on one core")


def _run_index(corpus: Path, index_dir: Path, *extra: str) -> tuple[float, str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([str(SCRIPT), "index", str(corpus), "--index", str(index_dir), "-q", *extra],
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return took, done.stdout.splitlines()[0] if done.stdout else done.stderr, peak


def cmd_index(args: argparse.Namespace) -> None:
    for jobs in args.jobs or [1, 2]:
        index_dir = Path(args.work) / f"index-jobs{jobs}"
        subprocess.run(["rm", "-rf", str(index_dir)], check=True)
        took, line, peak = _run_index(args.corpus, index_dir, "--jobs", str(jobs))
        articles = int(line.split()[0])
        quotes = int(line.split("), ")[1].split()[0])
        size = sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file())
        print(f"jobs {jobs}: {took:.1f} s, {articles / took:.0f} articles/s, {quotes / took:.0f} quotes/s, "
              f"peak RSS {peak:.0f} MB (largest process), index {size / 1e6:.0f} MB  [{line}]")
        again, line, _ = _run_index(args.corpus, index_dir, "--jobs", str(jobs))
        print(f"jobs {jobs}: re-run with nothing changed {again:.1f} s  [{line}]")


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def cmd_queries(args: argparse.Namespace) -> None:
    index_dir = Path(args.index)
    rng = random.Random(args.seed)
    with opened(index_dir) as (searcher, table):
        speakers = [s.name for s in table.speakers[:200]]
        sample = [searcher.stored_fields(n)["quote"] for n in rng.sample(range(searcher.doc_count_all()), 400)
                  if "quote" in searcher.stored_fields(n)]
    vocabulary = sorted({w for q in sample for w in q.lower().split() if w.isalpha() and len(w) > 3})
    phrases = [" ".join(q.split()[i:i + 2]) for q in sample for i in (2,) if len(q.split()) > 4]

    def window() -> tuple[dt.date, dt.date]:
        start = START + dt.timedelta(days=rng.randrange(3000))
        return start, start + dt.timedelta(days=rng.randrange(30, 400))

    def facet_query(q: str) -> None:
        with opened(index_dir) as (searcher, table):
            facets(searcher, table, plan(searcher, table, q, Filters()), limit=20)

    kinds: dict[str, Callable[[], Callable[[], object]]] = {
        "term": lambda: (lambda w=rng.choice(vocabulary): search(index_dir, w)),
        "phrase": lambda: (lambda p=rng.choice(phrases): search(index_dir, f'"{p}"')),
        "speaker + term": lambda: (lambda w=rng.choice(vocabulary), s=rng.choice(speakers):
                                   search(index_dir, w, speaker=s)),
        "date range + term": lambda: (lambda w=rng.choice(vocabulary), d=window():
                                      search(index_dir, w, date_from=d[0], date_to=d[1])),
        "top-20 speaker facet + term": lambda: (lambda w=rng.choice(vocabulary): facet_query(w)),
        "browse newest (no words)": lambda: (lambda: search(index_dir)),
    }
    started = time.perf_counter()
    search(index_dir, "warm")
    print(f"first search of the generation (builds the document arrays): "
          f"{(time.perf_counter() - started) * 1000:.0f} ms; peak RSS {_peak_mb():.0f} MB")
    print(f"{'query':32} {'p50':>8} {'p95':>8} {'max':>8}  (ms, {args.runs} runs each)")
    for name, make in kinds.items():
        times = sorted(_timed(make()) for _ in range(args.runs))
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{name:32} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract")
    p.add_argument("corpus", type=Path)
    p.add_argument("--limit", type=int, default=2000)
    p = sub.add_parser("index")
    p.add_argument("corpus", type=Path)
    p.add_argument("--jobs", type=int, action="append")
    p.add_argument("--work", default="/tmp/quotesearch-speed")
    p = sub.add_parser("synth")
    p.add_argument("out", type=Path)
    p.add_argument("--quotes", type=int, default=1_000_000)
    p.add_argument("--jobs", type=int, default=2)
    p = sub.add_parser("queries")
    p.add_argument("index", type=Path)
    p.add_argument("--runs", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    {"extract": cmd_extract, "index": cmd_index, "synth": cmd_synth, "queries": cmd_queries}[args.command](args)


if __name__ == "__main__":
    main()
