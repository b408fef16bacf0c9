"""The `date:` part of the query language, read before the rest reaches the Whoosh parser.

`date:2016` (a year), `date:2016-10` (a month), `date:2016-10-02` (a day), and ranges
`date:2016-09..2016-11`, `date:2016..` (from), `date:..2016-06-30` (until): inclusive.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

_DATE_TERM = re.compile(r"(?<![\w:])date:(\S*)", re.IGNORECASE)
_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateTermError(ValueError):
    """A `date:` term that is not a date, month, year or range of them."""


def _bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of a year, month or day written as YYYY[-MM[-DD]]."""
    found = _PART.match(text)
    if not found:
        raise DateTermError(f"bad date {text!r} in the query: use date:YYYY, date:YYYY-MM, date:YYYY-MM-DD "
                            "or a range such as date:2016-01..2016-06")
    year, month, day = (int(g) if g else None for g in found.groups())
    try:
        if day is not None:
            start = end = dt.date(year, month, day)  # type: ignore[arg-type]
        elif month is not None:
            start = dt.date(year, month, 1)  # type: ignore[arg-type]
            end = dt.date(year, month, calendar.monthrange(year, month)[1])  # type: ignore[arg-type]
        else:
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)  # type: ignore[arg-type]
    except ValueError as err:
        raise DateTermError(f"bad date {text!r} in the query: {err}") from None
    return start, end


def split_dates(text: str) -> tuple[str, dt.date | None, dt.date | None]:
    """The query without its `date:` terms, and the range they allow (None: unbounded).

    Several terms narrow each other; a term with nothing after `date:` is ignored.
    """
    low: dt.date | None = None
    high: dt.date | None = None
    for term in _DATE_TERM.findall(text):
        if not term:
            continue
        first, sep, last = term.partition("..")
        start = _bounds(first)[0] if first else None
        end = _bounds(last if sep else first)[1] if (last or not sep) else None
        if sep and not first and not last:
            raise DateTermError("bad date range '..' in the query: give at least one end")
        low = max(filter(None, (low, start)), default=None)
        high = min(filter(None, (high, end)), default=None)
    return _DATE_TERM.sub(" ", text).strip(), low, high
