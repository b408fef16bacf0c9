"""Find direct-quote spans in text (placeholder: straight pairing, replaced by the real finder)."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A quoted run: `start`/`end` exclude the marks."""

    start: int
    end: int


def find_quotes(text: str) -> list[Span]:
    """Quote spans in order of appearance."""
    return [Span(m.start(1), m.end(1)) for m in re.finditer(r"[“\"]([^”\"\n]+)[”\"]", text)]
