"""The index's speakers (one per canonical key): lookup, autocomplete and "did you mean".

Read from the speaker documents the indexer writes, and cached per index generation so a
request costs a dictionary lookup.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh.searching import Searcher

from .names import speaker_key

_WORD = re.compile(r"\w+")
_CACHE: dict[tuple[str, int], SpeakerTable] = {}
_CACHE_SIZE = 8


@dataclass(frozen=True)
class Speaker:
    """A canonical speaker: key, display name, number of quotes and the names seen."""

    key: str
    name: str
    count: int
    variants: tuple[str, ...]
    raws: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The API shape of a speaker."""
        return {"key": self.key, "name": self.name, "count": self.count, "variants": list(self.variants)}


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class SpeakerTable:
    """Every canonical speaker of one index generation, most quoted first."""

    def __init__(self, speakers: Iterable[Speaker]) -> None:
        self.speakers = sorted(speakers, key=lambda s: (-s.count, s.key))
        self.by_key = {s.key: s for s in self.speakers}
        self.canonical = {raw: s.key for s in self.speakers for raw in s.raws or (s.key,)}
        self._aliases: dict[str, str] = {}
        for s in self.speakers:
            for variant in (s.name, *s.variants):
                for form in (_fold(variant), speaker_key(variant)):
                    if form:
                        self._aliases.setdefault(form, s.key)

    def resolve(self, value: str) -> list[str]:
        """The keys a speaker filter means: the one speaker whose key, name or a variant it is,
        else every speaker whose key has all of its words ("trump" → each Trump)."""
        folded = _fold(value)
        for form in (folded, speaker_key(value)):
            if form in self.by_key:
                return [form]
            if form in self._aliases:
                return [self._aliases[form]]
        words = set(_WORD.findall(folded))
        return [s.key for s in self.speakers if words and words <= set(_WORD.findall(s.key))]

    def raw_keys(self, keys: Iterable[str]) -> list[str]:
        """The extractor keys (as quote documents hold them) that make up these speakers."""
        return [raw for key in keys if key in self.by_key for raw in self.by_key[key].raws or (key,)]

    def key_of(self, raw: str | None) -> str | None:
        """The canonical key of a quote's extractor key."""
        return self.canonical.get(raw, raw) if raw else None

    def complete(self, prefix: str, limit: int = 10) -> list[Speaker]:
        """Speakers with a name, key or variant word starting with `prefix` ("don tr" matches
        Donald Trump), whole-name starts first, then by number of quotes."""
        wanted = _WORD.findall(prefix.casefold())
        if not wanted:
            return self.speakers[:limit]
        starts: list[Speaker] = []
        others: list[Speaker] = []
        for s in self.speakers:
            forms = [s.key, _fold(s.name), *(_fold(v) for v in s.variants)]
            words = {w for f in forms for w in _WORD.findall(f)}
            if all(any(w.startswith(p) for w in words) for p in wanted):
                (starts if any(f.startswith(" ".join(wanted)) for f in forms) else others).append(s)
        return (starts + others)[:limit]

    def suggest(self, value: str, limit: int = 5) -> list[Speaker]:
        """The speakers closest to a name that matched nobody: by spelling, then by prefix."""
        folded = speaker_key(value) or _fold(value)
        close = difflib.get_close_matches(folded, list(self._aliases), n=limit * 3, cutoff=0.6)
        keys = list(dict.fromkeys(self._aliases[c] for c in close))
        keys += [s.key for s in self.complete(folded[:3], limit) if s.key not in keys]
        return [self.by_key[k] for k in keys[:limit]]


def speaker_table(searcher: Searcher, index_dir: str | Path) -> SpeakerTable:
    """The speaker table of the index generation `searcher` reads, cached."""
    cache_key = (str(Path(index_dir).resolve()), searcher.reader().generation())
    table = _CACHE.get(cache_key)
    if table is None:
        table = SpeakerTable(
            Speaker(d["speaker_key"], d.get("speaker_name", d["speaker_key"]), d.get("count", 0),
                    tuple(d.get("variants", ())), tuple(d.get("raws") or ()))
            for d in searcher.documents(kind="speaker"))
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[cache_key] = table
    return table
