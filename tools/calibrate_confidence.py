"""Build quotesearch/data/confidence.json: how often each way of attributing is right.

The UI shows a quote's confidence as the chance that the speaker it names really said it,
so every quote the extractor gives a speaker counts, not only the ones whose gold has a
named speaker. The extractor runs over PolNeAR train; its quotes are matched one to one to
the gold quotes the way ../shared/eval/score.py does (paragraph by paragraph, word-overlap
F1 >= 0.5, best pairs first). A speaker is right when it shares a name word with the gold
names, or, for gold with no named speaker ("a senior official", "they"), with the gold
source as written. A quote with no gold match (a scare quote, a title) counts as wrong.
Gold that left "he", "she" or a role noun ("the Florida senator") unresolved cannot judge
a speaker resolved from it, so those quotes are left out.
For each way of attributing ("after/name", "guess/name", …) the share of right speakers,
smoothed towards the overall rate, is recorded.
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
from quotesearch.models import Quote
from quotesearch.names import GENDERED_NOUNS, TITLES
from quotesearch.quotes import find_quotes
from quotesearch.speakers import Attributor

PRIOR = 10
PERSONAL_PRONOUNS = {"he", "she", "him", "his", "her", "i", "me", "my"}


def load_scorer(shared: Path) -> Any:
    """The shared scorer module, for its word and name matching."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def matches(score: Any, quotes: list[Quote], golds: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The gold quote each quote (by index) is paired with, one to one, best overlaps first."""
    pairs = []
    for j, quote in enumerate(quotes):
        for part in quote.quote.split("\n"):
            words = score.words(part.strip().lstrip("“\"«"))
            for i, g in enumerate(golds):
                f = score.overlap_f1(words, score.words(g["quote"]))
                if f >= 0.5:
                    pairs.append((f, i, j))
    used: set[int] = set()
    out: dict[int, dict[str, Any]] = {}
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used and j not in out:
            used.add(i)
            out[j] = golds[i]
    return out


def unresolved(gold: dict[str, Any]) -> bool:
    """Whether gold names nobody but refers to one person: a pronoun or a title ("the president")."""
    words = (gold["source"] or "").lower().replace("’", "'").split()
    if gold["source_kind"] != "unnamed" or not words:
        return False
    head = words[-1].strip(".,'s")
    return " ".join(words) in PERSONAL_PRONOUNS or words[0] == "the" and (head in TITLES or head in GENDERED_NOUNS)


def is_right(score: Any, speaker: str, gold: dict[str, Any] | None) -> bool:
    """Whether a speaker fits a gold quote's names, or its source when it names nobody."""
    if gold is None:
        return False
    said = " ".join(gold["names"]) if gold["source_kind"] in ("named", "resolved") else gold["source"] or ""
    return bool(score.name_words(speaker) & score.name_words(said))


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
    named: collections.Counter[str] = collections.Counter()
    for path in sorted((corpus / "text").glob("*.txt")):
        text = load_article(path).text
        spans = find_quotes(text)
        traced = Attributor(text, [(s.start, s.end) for s in spans]).attribute_traced(spans)
        paired = matches(score, [q for q, _ in traced], gold.get(path.stem, []))
        for j, (quote, how) in enumerate(traced):
            if how == "none" or quote.speaker is None:
                continue
            match = paired.get(j)
            if match is not None and unresolved(match):
                continue
            seen[how] += 1
            right[how] += is_right(score, quote.speaker, match)
            named[how] += match is not None and match["source_kind"] in ("named", "resolved")
    overall = sum(right.values()) / max(sum(seen.values()), 1)
    table = {how: round((right[how] + PRIOR * overall) / (seen[how] + PRIOR), 3) for how in sorted(seen)}
    table["default"] = round(overall, 3)
    target = Path(__file__).resolve().parent.parent / "quotesearch" / "data" / "confidence.json"
    target.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{'how':28} {'quotes':>6} {'named gold':>10} {'right':>6} {'confidence':>10}")
    for how in sorted(seen, key=seen.__getitem__, reverse=True):
        print(f"{how:28} {seen[how]:6} {named[how]:10} {right[how]:6} {table[how]:10.3f}")


if __name__ == "__main__":
    main()
