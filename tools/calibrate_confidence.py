"""Build quotesearch/data/confidence.json: how often each way of attributing is right.

Runs the extractor over PolNeAR train, matches its quotes to the gold quotes the way
../shared/eval/score.py does (word-overlap F1 >= 0.5, speaker right when it shares a name
word with the gold names), and records, for each way of attributing ("after/name",
"carried/pronoun", …), the share of right speakers, smoothed towards the overall rate.
Run:
    python tools/calibrate_confidence.py ../shared
"""
from __future__ import annotations

import collections
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from quotesearch.loading import load_article
from quotesearch.quotes import find_quotes
from quotesearch.speakers import Attributor

PRIOR = 10


def load_scorer(shared: Path) -> Any:
    """The shared scorer module, for its word and name matching."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    shared = Path(sys.argv[1])
    corpus = shared / "corpora" / "polnear" / "train"
    score = load_scorer(shared)
    gold: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for line in (corpus / "gold.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        gold[g["article"]].append(g)
    right: collections.Counter[str] = collections.Counter()
    seen: collections.Counter[str] = collections.Counter()
    for path in sorted((corpus / "text").glob("*.txt")):
        text = load_article(path).text
        spans = find_quotes(text)
        golds = [g for g in gold.get(path.stem, []) if g["source_kind"] in ("named", "resolved")]
        for quote, how in Attributor(text, [(s.start, s.end) for s in spans]).attribute_traced(spans):
            words = score.words(quote.quote)
            match = max(golds, key=lambda g: score.overlap_f1(words, score.words(g["quote"])), default=None)
            if match is None or score.overlap_f1(words, score.words(match["quote"])) < 0.5 or how == "none":
                continue
            seen[how] += 1
            right[how] += bool(score.name_words(quote.speaker) & score.name_words(" ".join(match["names"])))
    overall = sum(right.values()) / max(sum(seen.values()), 1)
    table = {how: round((right[how] + PRIOR * overall) / (seen[how] + PRIOR), 3) for how in sorted(seen)}
    table["default"] = round(overall, 3)
    target = Path(__file__).resolve().parent.parent / "quotesearch" / "data" / "confidence.json"
    target.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for how in sorted(seen, key=seen.__getitem__, reverse=True):
        print(f"{how:28} {seen[how]:5} {table[how]:.3f}")


if __name__ == "__main__":
    main()
