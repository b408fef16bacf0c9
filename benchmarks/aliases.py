"""Distinct speaker keys on PolNeAR before and after merging speakers across articles.

Indexes a split into a temporary index (which merges speakers as `quotesearch index` does)
and prints how many distinct speaker keys the extractor gave and how many the index keeps,
and every key naming Donald Trump or Hillary Clinton before and after.

usage: python benchmarks/aliases.py [--split train] [--shared ../shared] [--aliases FILE]
"""
from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from quotesearch.aliases import Aliases, load_aliases
from quotesearch.indexing import index_paths, open_index
from quotesearch.speakertable import speaker_table

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = {"Donald Trump": ("donald trump", "trump"), "Hillary Clinton": ("hillary clinton", "clinton")}

def key_counts(index_dir: Path) -> tuple[Counter[str], Counter[str], dict[str, str]]:
    """Quotes per extractor key, quotes per canonical key, and extractor key → canonical key."""
    raw: Counter[str] = Counter()
    merged: Counter[str] = Counter()
    mapping: dict[str, str] = {}
    with open_index(index_dir).searcher() as s:
        table = speaker_table(s, index_dir)  # quote documents keep the extractor key; speakers, the merge
        for doc in s.documents(kind="quote"):
            key = table.key_of(doc.get("speaker_raw"))
            if key is not None:
                raw[doc["speaker_raw"]] += 1
                merged[key] += 1
                mapping[doc["speaker_raw"]] = key
    return raw, merged, mapping

def names_person(key: str, forms: tuple[str, ...], mapping: dict[str, str], canonical: str) -> bool:
    """Whether an extractor key is one of the person's name forms or was merged into them."""
    return mapping.get(key) == canonical or key in forms

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="train")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--aliases", type=Path)
    args = parser.parse_args()
    text = args.shared / "corpora" / "polnear" / args.split / "text"
    aliases: Aliases | None = load_aliases(args.aliases) if args.aliases else None
    with tempfile.TemporaryDirectory() as tmp:
        summary = index_paths([text], Path(tmp) / "index", aliases=aliases)
        raw, merged, mapping = key_counts(Path(tmp) / "index")
    print(f"PolNeAR {args.split}: {summary.articles} articles, {summary.quotes} quotes, {len(summary.failures)} failures")
    print(f"distinct speaker keys: {len(raw)} before merging, {len(merged)} after")
    for person, forms in PEOPLE.items():
        canonical = forms[0]
        before = sorted((k for k in raw if names_person(k, forms, mapping, canonical)), key=lambda k: -raw[k])
        after = sorted({mapping[k] for k in before})
        print(f"{person}: {len(before)} keys before -> {len(after)} after {after}")
        print("    merged: " + ", ".join(f"{k!r} ({raw[k]})" for k in before))
        surname = canonical.split()[-1]
        others = sorted((k for k in merged if surname in k.split() and k != canonical), key=lambda k: -merged[k])
        print("    other keys with the surname: " + ", ".join(f"{k!r} ({merged[k]})" for k in others))

if __name__ == "__main__":
    main()
