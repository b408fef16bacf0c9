"""Sentence boundaries with NLTK's Punkt and shipped abbreviations (no nltk_data needed).

The abbreviations were learned from PolNeAR's train articles by `tools/build_lexicon.py`,
plus a hand list of titles and US states. Punkt's orthographic statistics are left out:
trained on news they split after "Mr." and "Gov." before a name. A break before a word
in lower case (`“…!” he wrote`) or a dash (`“…” ― Name`) is not a sentence end.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    """The Punkt tokenizer built from the shipped parameters."""
    data = json.loads(files("quotesearch.data").joinpath("punkt.json").read_text("utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    return PunktSentenceTokenizer(params)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of text[start:end], covering all of it."""
    spans = [(start + a, start + b) for a, b in _tokenizer().span_tokenize(text[start:end])]
    if not spans:
        return [(start, end)]
    bounds = [start] + [s for s, _ in spans[1:] if not (text[s].islower() or text[s] in "―—–")] + [end]
    return list(zip(bounds, bounds[1:]))
