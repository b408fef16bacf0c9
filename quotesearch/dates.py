"""Find a calendar date in the free-form strings that headers, meta tags and URLs carry."""
from __future__ import annotations

import datetime as dt
import re

_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Tried in order; each is searched for anywhere in the string, so surrounding text is fine.
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"(?<!\d){_YEAR}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)",  # ISO, ISO datetime
        rf"(?<!\d){_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)",  # 2016/10/02
        rf"(?<!\d){_YEAR}\.(?P<month>[01]?\d)\.(?P<day>[0-3]?\d)(?!\d)",  # 2016.10.02
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)",  # October 2, 2016
        rf"(?<!\d){_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}(?!\d)",  # 2 October 2016, RFC 2822
        r"(?<!\d)(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)",  # US 10/02/2016
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)",  # 02.10.2016
        rf"(?<!\d){_YEAR}(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)",  # 20161002
    )
)


def parse_date(s: str) -> dt.date | None:
    """The first real calendar date written in `s` in a common form, or None."""
    if not s:
        return None
    for pattern in _PATTERNS:
        for match in pattern.finditer(s):
            found = _to_date(match)
            if found is not None:
                return found
    return None


def date_matches(s: str) -> list[tuple[int, dt.date]]:
    """Every real calendar date written in `s`, with its offset, in reading order."""
    found: dict[int, dt.date] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(s):
            date = _to_date(match)
            if date is not None and not any(abs(match.start() - at) < 12 for at in found):
                found[match.start()] = date
    return sorted(found.items())


def _to_date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = _MONTH_PREFIXES.index(parts["mon"][:3].lower()) + 1 if parts.get("mon") else int(parts["month"])
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
