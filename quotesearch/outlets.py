"""Where an article comes from: an outlet name derived from what the article tells us.

There is no publisher field, so the outlet is the URL's host when the article has a web URL
("www.nytimes.com" → "nytimes.com"), else the outlet prefix of a file named like
`outlet_2016-10-02_slug.txt`, else the name of the article's folder.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from urllib.parse import urlsplit

_PREFIXED = re.compile(r"^([A-Za-z0-9][\w.-]*?)_\d{4}-?\d{2}-?\d{2}(?:_|$)")


def url_host(url: str | None) -> str | None:
    """The host of an http(s) URL without a leading "www.", lower case; None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return host.removeprefix("www.")


def outlet(url: str | None, path: str | None) -> str | None:
    """The outlet of an article with this URL and file path (see the module docstring)."""
    host = url_host(url)
    if host:
        return host
    if not path:
        return None
    file = PurePath(path)
    found = _PREFIXED.match(file.name)
    if found:
        return found.group(1).lower()
    return file.parent.name or None
