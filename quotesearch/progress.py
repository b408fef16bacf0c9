"""Progress of an indexing run on stderr: a bar redrawn in place on a terminal, a plain line
every few seconds when the output is a file or a pipe, nothing with --quiet."""
from __future__ import annotations

import time
from typing import TextIO

from .indexing import Progress

BAR_WIDTH = 24
LINE_EVERY = 5.0
"""Seconds between plain progress lines when stderr is not a terminal."""


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds < 3600 else f"{seconds // 3600}h{seconds // 60 % 60:02d}"


def describe(p: Progress) -> str:
    """One line: files handled of those found, quotes, rate, ETA and failures."""
    total = f"/{p.total}" if p.total else ""
    return (f"{p.files}{total} files, {p.quotes} quotes, {p.rate:.0f} files/s, ETA {_duration(p.eta)}"
            + (f", {p.failed} failed" if p.failed else ""))


class Reporter:
    """Shows `Progress` updates on a stream; `clear()` makes room for other lines."""

    def __init__(self, stream: TextIO, mode: str) -> None:
        self.stream = stream
        self.mode = mode
        self._drawn = False
        self._last = 0.0

    def update(self, p: Progress) -> None:
        """Show this progress (throttled for plain lines)."""
        if self.mode == "bar":
            share = p.files / p.total if p.total else 0.0
            filled = int(share * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r\x1b[K[{bar}] {share:4.0%} {describe(p)}")
            self.stream.flush()
            self._drawn = True
        elif self.mode == "lines":
            now = time.monotonic()
            if now - self._last >= LINE_EVERY or (p.total and p.files >= p.total):
                self._last = now
                self.stream.write(f"progress: {describe(p)}\n")
                self.stream.flush()

    def clear(self) -> None:
        """Erase the bar, if one is drawn."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def progress_reporter(stream: TextIO, quiet: bool) -> Reporter:
    """A bar on a terminal, plain lines otherwise, nothing when `quiet`."""
    mode = "none" if quiet else "bar" if stream.isatty() else "lines"
    return Reporter(stream, mode)
