"""Web page extraction on ../shared/corpora/html, scored by ../shared/eval/score_html.py, with floors.

Runs `quotesearch.extract_file` (what `quotesearch extract` prints) on every page of the aeb,
htmldate and fundus sets and prints the issue's table: aeb body F1, htmldate date accuracy,
fundus date/title/author/body, pages per CPU second (the fastest of --repeat passes).
trafilatura and htmldate run beside it when they are installed. Pages we skip as "not an article" count as missing (score 0).
Then the quote agreement: quotes extracted from our text against quotes extracted from
each aeb/fundus page's true body, matched by word overlap. Exits 1 below a floor.

usage: python benchmarks/web_pages.py [--shared ../shared] [--min-aeb-body X] [--min-fundus-body X]
       [--min-htmldate-date X] [--min-fundus-date X] [--min-fundus-title X]
       [--min-fundus-author X] [--min-pages-per-s X] [--min-agreement X] [--repeat N]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quotesearch import extract_file
from quotesearch.extraction import extract_quotes
from quotesearch.loading import LoadError

ROOT = Path(__file__).resolve().parent.parent
SETS = ("aeb", "htmldate", "fundus")
ROWS = (
    ("aeb main text, word F1", "aeb", "body_f1", "min_aeb_body"),
    ("htmldate set, date accuracy", "htmldate", "date_accuracy", "min_htmldate_date"),
    ("fundus: date", "fundus", "date_accuracy", "min_fundus_date"),
    ("fundus: title", "fundus", "title_accuracy", "min_fundus_title"),
    ("fundus: author", "fundus", "author_accuracy", "min_fundus_author"),
    ("fundus main text, word F1", "fundus", "body_f1", "min_fundus_body"),
)
MATCH_OVERLAP = 0.5

Predictor = Callable[[Path], dict[str, Any] | None]


def load_scorer(shared: Path) -> Any:
    """The shared scorer module, imported from its file."""
    spec = importlib.util.spec_from_file_location("score_html", shared / "eval" / "score_html.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(path: Path) -> dict[str, Any] | None:
    """Our prediction for a page, as `quotesearch extract` prints it; None when skipped."""
    try:
        return extract_file(path).to_json()
    except LoadError:
        return None


def trafilatura_predictor() -> Predictor | None:
    """trafilatura's date, title, author and text, if it is installed."""
    try:
        import trafilatura
    except ImportError:
        return None

    def predict(path: Path) -> dict[str, Any] | None:
        found = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True)
        if found is None:
            return None
        data = found if isinstance(found, dict) else found.as_dict()
        return {key: data.get(key) for key in ("date", "title", "author", "text")}

    return predict


def htmldate_predictor(extensive: bool) -> Predictor | None:
    """htmldate's publication date, if it is installed."""
    try:
        from htmldate import find_date
    except ImportError:
        return None
    return lambda path: {"date": find_date(path.read_bytes(), extensive_search=extensive, original_date=True)}


def run(predict: Predictor, corpus: Path, name: str, out: Path) -> tuple[dict[str, Any], int, float, dict[str, str]]:
    """Predict every page of a set; return the scores, pages, CPU seconds and texts by file name.
    CPU time, not wall time, so that other work on the machine does not slow the figure down."""
    truth = [json.loads(line) for line in (corpus / name / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: dict[str, str] = {}
    start = time.process_time()
    with out.open("w", encoding="utf-8") as fh:
        for page in truth:
            path = corpus / name / page["file"]
            found = predict(path)
            if found is not None:
                fh.write(json.dumps({**found, "path": str(path)}, ensure_ascii=False) + "\n")
                texts[path.name] = found.get("text") or ""
    seconds = time.process_time() - start
    return load_scorer(corpus.parent.parent).score(str(corpus / name / "truth.jsonl"), str(out)), len(truth), seconds, texts


def agreement(corpus: Path, texts: dict[str, dict[str, str]]) -> dict[str, float]:
    """Quotes from our text vs quotes from the true body, over aeb and fundus pages."""
    true_found = true_total = ours_found = ours_total = 0
    for name in ("aeb", "fundus"):
        for line in (corpus / name / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            gold = [_words(q.quote) for q in extract_quotes(page["body"])]
            mine = [_words(q.quote) for q in extract_quotes(texts[name].get(Path(page["file"]).name, ""))]
            true_total += len(gold)
            true_found += sum(any(_overlaps(g, m) for m in mine) for g in gold)
            ours_total += len(mine)
            ours_found += sum(any(_overlaps(m, g) for g in gold) for m in mine)
    return {
        "true-body quotes we find": round(true_found / max(1, true_total), 3),
        "our quotes in the true body": round(ours_found / max(1, ours_total), 3),
        "true-body quotes": true_total,
        "our quotes": ours_total,
    }


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _overlaps(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and len(a & b) / max(len(a), len(b)) >= MATCH_OVERLAP


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    for *_, flag in ROWS:
        parser.add_argument("--" + flag.replace("_", "-"), type=float, default=0.0)
    parser.add_argument("--min-pages-per-s", type=float, default=0.0)
    parser.add_argument("--repeat", type=int, default=1,
                        help="passes per tool; the speed is the fastest pass's, as timeit reports (a busy machine only slows passes down)")
    parser.add_argument("--min-agreement", type=float, default=0.0, help="floor for both quote agreement shares")
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "html"
    if not all((corpus / name / "truth.jsonl").is_file() for name in SETS):
        print(f"skipped: {corpus} not found", file=sys.stderr)
        return 0
    warnings.simplefilter("ignore")  # the other tools warn about odd pages; the scores say enough
    tools: dict[str, Predictor | None] = {
        "quotesearch": ours,
        "trafilatura": trafilatura_predictor(),
        "htmldate extensive": htmldate_predictor(True),
        "htmldate fast": htmldate_predictor(False),
    }
    columns = {tool: predict for tool, predict in tools.items() if predict is not None}
    scores: dict[str, dict[str, dict[str, Any]]] = {}
    speed: dict[str, float] = {}
    texts: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for tool, predict in columns.items():
            for _ in range(args.repeat):
                pages = seconds = 0.0
                for name in SETS:
                    result, n, spent, found = run(predict, corpus, name, Path(tmp) / f"{name}.jsonl")
                    scores.setdefault(tool, {})[name] = result
                    pages, seconds = pages + n, seconds + spent
                    if tool == "quotesearch":
                        texts[name] = found  # type: ignore[assignment]
                speed[tool] = max(speed.get(tool, 0.0), round(pages / seconds, 1))
    print("| measure (../shared/corpora/html) | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    ours_row: dict[str, float] = {}
    for label, name, key, flag in ROWS:
        cells = []
        for tool in columns:
            value = scores[tool][name].get(key)
            is_date_only = tool.startswith("htmldate") and key != "date_accuracy"
            cells.append("–" if value is None or is_date_only else f"{value:.3f}")
        ours_row[flag] = scores["quotesearch"][name].get(key, 0.0)
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("| speed, pages per CPU second | " + " | ".join(str(speed[tool]) for tool in columns) + " |")
    agreed = agreement(corpus, texts)  # type: ignore[arg-type]
    print("\nQuote agreement on aeb + fundus (quotes from our text vs from the true body, word overlap >= 0.5):")
    for key, value in agreed.items():
        print(f"  {key}: {value}")
    checks = [(flag, ours_row[flag], getattr(args, flag)) for *_, flag in ROWS]
    checks.append(("min_pages_per_s", speed["quotesearch"], args.min_pages_per_s))
    checks += [("min_agreement", agreed[key], args.min_agreement) for key in ("true-body quotes we find", "our quotes in the true body")]
    failed = [f"{flag[4:]} {value} < {floor}" for flag, value, floor in checks if value < floor]
    for line in failed:
        print(f"below floor: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
