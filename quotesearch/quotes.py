"""Find direct-quote spans in text: pair quote marks, paragraph by paragraph.

Double quote marks only: curly “ ”, guillemets « », and straight " whose direction is
read from its neighbours; a doubled right single mark ’’ (a typewriter-era closer some
papers still print) closes like ”. Single marks (’) are left alone, so apostrophes in possessives
and contractions can never unbalance the pairing. A quote left open at the end of a
paragraph continues when the next paragraph reopens it (the convention for quotes that
run over several paragraphs); otherwise it ends with its paragraph, since a missing
closing mark is a common slip and a quote never runs past an unmarked paragraph.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»"}
CLOSERS = {"”", "»"}
_MARK = re.compile(r"[“”«»\"]|’’")
_PARA = re.compile(r"[^\n]+")
_WORDY = re.compile(r"\w")
_LABEL = re.compile(r"([A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,2}):\s+")
_STAGE_DIRECTION = re.compile(r"\([^()]*\)\.?")


@dataclass(frozen=True)
class Span:
    """A quoted run. `start`/`end` exclude the outer marks; `parts` are its per-paragraph pieces."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: every line is a paragraph."""
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


def _straight_opens(text: str, i: int) -> bool:
    """Whether a straight " at `i` opens a quote, judged by the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/":
        return not after.isspace()
    return False


def _pairs_in(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Quote pairs inside one paragraph, and the offset of a quote left open at its end.

    Curly and straight marks may be mixed within one pair (“…" or "…”), as careless copy
    often does, and an opening mark placed as a closer (`“It's unusual,“ said`) closes. A
    guillemet pair only closes with ». Inside a quote, a mark that opens a quote of the other
    family is a nested quote, skipped with its closer.
    """
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    guillemet = False
    nested: str | None = None
    for m in _MARK.finditer(text, start, end):
        ch, i = m.group().replace("’’", "”"), m.start()
        opens = _straight_opens(text, i) if ch == '"' else ch in OPENERS
        if open_at is None:
            if opens:
                open_at, guillemet, nested = i + 1, ch == "«", None
            continue
        if guillemet:
            if ch == "»":
                pairs.append((open_at, i))
                open_at = None
            continue
        if nested is not None:
            if ch == nested or (ch in '"”' and not opens):
                nested = None
            continue
        misplaced = ch == "“" and text[i - 1] in ",.?!" and (i + 1 == end or text[i + 1].isspace())
        if misplaced or ch in '"”' and (not opens or ch == "”"):
            pairs.append((open_at, i))
            open_at = None
        elif ch == "“" and text[open_at - 1] == '"':
            nested = "”"
        elif ch == "«":
            nested = "»"
    return pairs, open_at


def inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    """Whether `offset` falls inside one of the sorted, disjoint `spans` (whose starts are `starts`)."""
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < spans[k][1]


def past_closer(text: str, end: int) -> int:
    """The offset just past the mark that closes a quote whose words end at `end` (’’ is two characters)."""
    return end + 2 if text.startswith("’’", end) else end + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow (start, end) to exclude surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str) -> list[Span]:
    """Quote spans in order of appearance, with multi-paragraph quotes joined into one."""
    spans: list[Span] = []
    pending: list[tuple[int, int]] = []
    for pstart, pend in paragraphs(text):
        lead = text[pstart:pend].lstrip()
        reopened = bool(pending) and lead[:1] in OPENERS or (pending and lead[:1] == '"')
        if pending and not reopened:
            spans.extend(_spans(_join(text, pending)))
            pending = []
        if pending:
            first_mark = pstart + len(text[pstart:pend]) - len(lead)
            pairs, open_at = _pairs_in(text, first_mark, pend)
            if pairs and pairs[0][0] == first_mark + 1:
                s, e = pairs.pop(0)
                pending.append((s, e))
                spans.extend(_spans(_join(text, pending)))
                pending = []
            elif open_at == first_mark + 1 and not pairs:
                pending.append((open_at, pend))
                continue
            else:
                pending = []
                pairs, open_at = _pairs_in(text, pstart, pend)
        else:
            pairs, open_at = _pairs_in(text, pstart, pend)
        for s, e in pairs:
            spans.extend(_spans(_join(text, [(s, e)])))
        if open_at is not None and open_at < pend:
            pending = [(open_at, pend)]
    if pending:
        spans.extend(_spans(_join(text, pending)))
    return spans


def _spans(span: Span | None) -> list[Span]:
    """The span as a list of zero or one."""
    return [span] if span is not None else []


def _join(text: str, parts: list[tuple[int, int]]) -> Span | None:
    """One span over several paragraph pieces, or None when they hold no words."""
    stripped = tuple(p for p in (_strip(text, s, e) for s, e in parts) if p[1] > p[0])
    if not stripped or not _WORDY.search(text, stripped[0][0], stripped[-1][1]):
        return None
    return Span(stripped[0][0], stripped[-1][1], stripped)


def transcript_turns(text: str, span: Span) -> list[tuple[Span, tuple[int, int] | None]] | None:
    """The speaker turns of a quoted transcript, whose paragraphs open with capitalized labels
    ("PENCE: Well, look, …"), each with its label's offsets; None when the quote is no transcript.

    A paragraph without a label continues its speaker's turn. Stage directions ("(CROSSTALK.)")
    are left out; the speaker's words after one are a turn of their own.
    """
    labels = [_LABEL.match(text, s, e) for s, e in span.parts]
    if sum(m is not None for m in labels) < 2:
        return None
    turns: list[tuple[list[tuple[int, int]], tuple[int, int] | None]] = []
    speaker: tuple[int, int] | None = None
    interrupted = True
    for (s, e), label in zip(span.parts, labels):
        if _STAGE_DIRECTION.fullmatch(text, s, e):
            interrupted = True
        elif label is not None:
            speaker, interrupted = label.span(1), False
            turns.append(([(label.end(), e)], speaker))
        elif interrupted:
            turns.append(([(s, e)], speaker))
            interrupted = False
        else:
            turns[-1][0].append((s, e))
    return [(Span(parts[0][0], parts[-1][1], tuple(parts)), label) for parts, label in turns if parts[0][0] < parts[-1][1]]
