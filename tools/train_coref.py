"""Train quotesearch/data/coref.json: the weights of the coreference ranker (`coref.py`).

Runs the extractor over PolNeAR train, recording every choice the ranker makes (who "he"
or "she" is, who speaks a quote with no cue) with its candidates. A candidate is right
when it shares a name word with the gold speaker's names, matched the way
../shared/eval/score.py matches. A conditional logit (softmax over each choice's
candidates) is fitted by full-batch gradient descent with L2; the extraction is then run
again with the new weights, so the history features see the model's own choices.
Run:
    python tools/train_coref.py ../shared
"""
from __future__ import annotations

import collections
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

from quotesearch import coref
from quotesearch.loading import load_article
from quotesearch.quotes import find_quotes
from quotesearch.speakers import Attributor

ROUNDS = 3
STEPS = 2000
RATE = 0.05
BETA1, BETA2 = 0.9, 0.999
L2 = 1e-3


def load_scorer(shared: Path) -> Any:
    """The shared scorer module, for its word and name matching."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(corpus: Path, score: Any, w: dict[str, float]) -> list[tuple[list[coref.Candidate], set[int]]]:
    """Every ranker choice on the corpus under weights `w`, with the indexes of right candidates.

    A choice counts when the quote it was made for matches a gold quote with a named speaker.
    """
    gold: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for line in (corpus / "gold.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        if g["source_kind"] in ("named", "resolved"):
            gold[g["article"]].append(g)
    out = []
    for path in sorted((corpus / "text").glob("*.txt")):
        text = load_article(path).text
        spans = find_quotes(text)
        choices: list[tuple[str, list[coref.Candidate]]] = []
        attributor: Attributor

        def record(kind: str, cands: list[coref.Candidate]) -> coref.Candidate | None:
            current = attributor.current
            if kind != "narrative":
                choices.append((text[current.start:current.end] if current else "", cands))
            return coref.decide(cands, w)

        attributor = Attributor(text, [(s.start, s.end) for s in spans], ranker=record)
        attributor.attribute_traced(spans)
        golds = gold.get(path.stem, [])
        for quote, cands in choices:
            words = score.words(quote)
            match = max(golds, key=lambda g: score.overlap_f1(words, score.words(g["quote"])), default=None)
            if not cands or match is None or score.overlap_f1(words, score.words(match["quote"])) < 0.5:
                continue
            names = score.name_words(" ".join(match["names"]))
            right = {i for i, c in enumerate(cands) if score.name_words(c.entity.name) & names}
            if right:
                out.append((cands, right))
    return out


def train(data: list[tuple[list[coref.Candidate], set[int]]]) -> dict[str, float]:
    """Fit the conditional logit over the recorded choices: full-batch gradient descent (Adam)
    on the mean negative log-likelihood of the right candidates, with L2, so the weights are a
    function of the data alone and converge (stochastic descent left them to the shuffle)."""
    names = sorted({f for cands, _ in data for c in cands for f in c.features})
    index = {f: j for j, f in enumerate(names)}
    rows = [c for cands, _ in data for c in cands]
    x = np.zeros((len(rows), len(names)))
    for i, c in enumerate(rows):
        for f in c.features:
            x[i, index[f]] += 1.0
    starts = np.cumsum([0] + [len(cands) for cands, _ in data[:-1]])
    group = np.repeat(np.arange(len(data)), [len(cands) for cands, _ in data])
    right = np.array([i in r for cands, r in data for i in range(len(cands))], dtype=float)
    w, m, v = np.zeros(len(names)), np.zeros(len(names)), np.zeros(len(names))
    for step in range(1, STEPS + 1):
        s = x @ w
        e = np.exp(s - np.maximum.reduceat(s, starts)[group])
        p = e / np.add.reduceat(e, starts)[group]
        target = p * right / np.add.reduceat(p * right, starts)[group]
        grad = x.T @ (p - target) / len(data) + L2 * w
        m = BETA1 * m + (1 - BETA1) * grad
        v = BETA2 * v + (1 - BETA2) * grad ** 2
        w -= RATE * (m / (1 - BETA1 ** step)) / (np.sqrt(v / (1 - BETA2 ** step)) + 1e-8)
    return {f: round(float(w[j]), 4) for j, f in enumerate(names) if abs(w[j]) > 1e-4}


def accuracy(data: list[tuple[list[coref.Candidate], set[int]]], w: dict[str, float]) -> float:
    """Share of choices where the best-scoring candidate is a right one."""
    hits = sum(1 for cands, right in data if cands.index(coref.decide(cands, w)) in right)
    return hits / max(len(data), 1)


def main() -> None:
    shared = Path(sys.argv[1])
    score = load_scorer(shared)
    w: dict[str, float] = {}
    for round_ in range(ROUNDS):
        train_data = collect(shared / "corpora" / "polnear" / "train", score, w)
        before = accuracy(train_data, w)
        w = train(train_data)
        print(f"round {round_}: {len(train_data)} choices, accuracy {before:.3f} -> {accuracy(train_data, w):.3f}")
    target = Path(__file__).resolve().parent.parent / "quotesearch" / "data" / "coref.json"
    target.write_text(json.dumps(w, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(w)} weights -> {target}")


if __name__ == "__main__":
    main()
