"""Quote and speaker accuracy on PolNeAR, scored by ../shared/eval/score.py, with floors.

Runs `quotesearch.extract_file` on every article of a split, writes the predictions as
JSON Lines and prints the scorer's table plus throughput. PolNeAR's gold marks each
paragraph of a multi-paragraph quote as its own quote, so our joined quotes are written
as one prediction per paragraph (same speaker) before scoring; nothing else is changed.
Exits 1 when a figure falls below its floor, so CI can gate on it.

usage: python benchmarks/accuracy.py [--split dev] [--shared ../shared] [--min-f1 X] [--min-attributed X]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from quotesearch import extract_file

ROOT = Path(__file__).resolve().parent.parent


def load_scorer(shared: Path) -> Any:
    """The shared scorer module, imported from its file."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(text_dir: Path, out: Path) -> tuple[int, float]:
    """Write predictions for every article; return (articles, seconds spent extracting)."""
    files = sorted(text_dir.glob("*.txt"))
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        for path in files:
            article = extract_file(path)
            for q in article.quotes:
                for part in q.quote.split("\n"):
                    part = part.strip().lstrip("“\"«")
                    if part:
                        fh.write(json.dumps({"article": path.stem, "quote": part, "speaker": q.speaker}) + "\n")
    return len(files), time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--min-f1", type=float, default=0.0)
    parser.add_argument("--min-attributed", type=float, default=0.0)
    args = parser.parse_args()
    corpus = args.shared / "corpora" / "polnear" / args.split
    if not corpus.is_dir():
        print(f"skipped: {corpus} not found", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        n, seconds = predict(corpus / "text", pred)
        result = load_scorer(args.shared).score(str(corpus / "gold.jsonl"), str(pred))
    result["articles"] = n
    result["articles_per_s"] = round(n / seconds, 1)
    print(f"PolNeAR {args.split}: quotesearch")
    print("| measure | value |\n|---|---|")
    for key, value in result.items():
        print(f"| {key} | {value} |")
    failed = [f"{name} {result[key]} < {floor}" for name, key, floor in
              (("quote F1", "f1", args.min_f1), ("attributed_recall", "attributed_recall", args.min_attributed))
              if result[key] < floor]
    for line in failed:
        print(f"below floor: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
