"""Facets of a search: counts of matching quotes by speaker, outlet and year, and a timeline
of them by month (by year when the span is longer than ten years)."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import numpy as np
from whoosh.searching import Searcher

from .schema import UNDATED
from .search import Match, Plan
from .speakertable import SpeakerTable

MAX_MONTHS = 120


@dataclass(frozen=True)
class Bucket:
    """One bar of the timeline: its label ("2016-10" or "2016"), first and last day, count."""

    label: str
    start: dt.date
    end: dt.date
    count: int

    def to_json(self) -> dict[str, object]:
        """The API shape of a bucket."""
        return {"label": self.label, "from": self.start.isoformat(), "to": self.end.isoformat(),
                "count": self.count}


@dataclass(frozen=True)
class Facets:
    """Top speakers as (key, name, count), outlets and years as (value, count), and the timeline."""

    speakers: tuple[tuple[str, str, int], ...]
    sources: tuple[tuple[str, int], ...]
    years: tuple[tuple[str, int], ...]
    timeline: tuple[Bucket, ...]

    @property
    def peak(self) -> int:
        """The largest bucket count (at least 1, so bar heights can divide by it)."""
        return max((b.count for b in self.timeline), default=0) or 1

    def to_json(self) -> dict[str, object]:
        """The API shape of the facets."""
        return {
            "speakers": [{"key": k, "name": n, "count": c} for k, n, c in self.speakers],
            "sources": [{"source": s, "count": c} for s, c in self.sources],
            "years": [{"year": y, "count": c} for y, c in self.years],
            "timeline": [b.to_json() for b in self.timeline],
        }


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def timeline(months: dict[str, int]) -> tuple[Bucket, ...]:
    """Buckets for every month from the first to the last in `months` ("YYYY-MM" → count),
    empty months included; years instead when that would be more than `MAX_MONTHS` bars."""
    if not months:
        return ()
    first, last = min(months), max(months)
    y, m = int(first[:4]), int(first[5:7])
    end_y, end_m = int(last[:4]), int(last[5:7])
    if (end_y - y) * 12 + end_m - m >= MAX_MONTHS:
        years: dict[int, int] = {}
        for label, n in months.items():
            years[int(label[:4])] = years.get(int(label[:4]), 0) + n
        return tuple(Bucket(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), years.get(year, 0))
                     for year in range(y, end_y + 1))
    out = []
    while (y, m) <= (end_y, end_m):
        label = f"{y:04d}-{m:02d}"
        out.append(Bucket(label, dt.date(y, m, 1), _month_end(y, m), months.get(label, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def _top(counts: dict[str, int], limit: int) -> list[tuple[str, int]]:
    return sorted(((k, n) for k, n in counts.items() if k), key=lambda kv: (-kv[1], kv[0]))[:limit]


def facets(searcher: Searcher, table: SpeakerTable, p: Plan, limit: int = 10, match: Match | None = None) -> Facets:
    """The facets of every quote matching plan `p` (not only one page), counted over the
    generation's per-document arrays; `match`, when the caller already has it, saves
    evaluating `p` again."""
    match = match or Match(searcher, p)
    docs = match.table
    canonical: dict[str, int] = {}
    by_raw = match.count(docs.raw, len(docs.raws))
    for raw in np.flatnonzero(by_raw).tolist():
        key = table.key_of(docs.raws[raw])
        if key:
            canonical[key] = canonical.get(key, 0) + int(by_raw[raw])
    speakers = [(k, table.by_key[k].name if k in table.by_key else k, n) for k, n in _top(canonical, limit)]
    by_source = match.count(docs.source, len(docs.sources))
    sources = {name: int(by_source[s]) for s in np.flatnonzero(by_source).tolist() if s and (name := docs.sources[s])}
    days, counts = np.unique(docs.day[match.docs], return_counts=True)
    months: dict[str, int] = {}
    for day, n in zip(days.tolist(), counts.tolist()):
        if day < UNDATED:
            label = dt.date.fromordinal(day).strftime("%Y-%m")
            months[label] = months.get(label, 0) + n
    years: dict[str, int] = {}
    for label, n in months.items():
        years[label[:4]] = years.get(label[:4], 0) + n
    return Facets(tuple(speakers), tuple(_top(sources, limit)),
                  tuple(sorted(years.items(), reverse=True)), timeline(months))
