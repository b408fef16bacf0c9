"""Attribute speakers to quote spans (placeholder, replaced by the real attribution)."""
from __future__ import annotations

import re

from .models import Quote
from .quotes import Span


def attribute(text: str, spans: list[Span]) -> list[Quote]:
    """Quotes with speakers for each span."""
    out = []
    for s in spans:
        tail = text[s.end:s.end + 80]
        m = re.search(r"said ([A-Z]\w+(?: [A-Z]\w+)*)|([A-Z]\w+(?: [A-Z]\w+)*) said", tail)
        speaker = (m.group(1) or m.group(2)) if m else None
        out.append(Quote(text[s.start:s.end], speaker, None, "said" if m else None, s.start, s.end, ""))
    return out
