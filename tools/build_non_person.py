"""Build quotesearch/data/non_person_words.json from PolNeAR train's CoreNLP tags.

The words that, capitalized mid-sentence, CoreNLP almost never tags as a PERSON ("Twitter",
"Face", "HuffPost", "Carrier"): a one-word name made of one is no person, so "he" and "she"
cannot refer to it. First names, common words and the place and organization words of
`not_people.json` are left out (the other lists already cover them). Run after
`build_lexicon.py`:
    python tools/build_non_person.py ../shared/corpora/polnear/train/corenlp.conll.gz
"""
from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

from build_lexicon import read_sentences

from quotesearch.names import common_words, first_names, not_people

MIN_COUNT = 5
MAX_PERSON_SHARE = 0.1


def non_person_words(sentences: list[list[tuple[str, str]]]) -> list[str]:
    """Words seen capitalized mid-sentence at least MIN_COUNT times, tagged PERSON in less than
    MAX_PERSON_SHARE of them, and in none of the other name lists."""
    seen: collections.Counter[str] = collections.Counter()
    person: collections.Counter[str] = collections.Counter()
    for sent in sentences:
        for word, ner in sent[1:]:
            if word[:1].isupper() and word.isalpha() and not word.isupper():
                seen[word.lower()] += 1
                person[word.lower()] += ner == "PERSON"
    known = set(first_names()) | common_words() | not_people()
    return sorted(w for w, n in seen.items()
                  if n >= MIN_COUNT and person[w] < MAX_PERSON_SHARE * n and w not in known)


def main() -> None:
    words = non_person_words(read_sentences(Path(sys.argv[1])))
    target = Path(__file__).resolve().parent.parent / "quotesearch" / "data" / "non_person_words.json"
    target.write_text(json.dumps(words, indent=0) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {target}")


if __name__ == "__main__":
    main()
