"""One key per speaker across articles: the user's `aliases` file and automatic merging.

Within an article the extractor already names a speaker by the fullest name it gives, and
`names.speaker_key` drops titles, honorifics and middle initials ("President Donald J. Trump"
→ "donald trump"). Across articles the index then merges what is left:

1. the aliases file: a variant listed there becomes its line's canonical speaker;
2. extraction leftovers: function words around a name ("trump has", "maybe trump",
   "democrat hillary clinton") are dropped, and so is a past-tense verb after a known
   surname ("clinton celebrated", when some full name ends in "clinton" and no other
   name in "celebrated");
3. middle names: "hillary rodham clinton" joins "hillary clinton" when that key exists;
4. bare surnames: "clinton" joins the most quoted full name ending in "clinton".

The aliases file is plain UTF-8 text, one speaker a line: the canonical name, then its
variants, separated by `|`. Blank lines and lines starting with `#` are ignored::

    # canonical name | variants...
    Donald Trump | Trump | Donald J. Trump | President Trump
    Bill Clinton | Clinton
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .names import speaker_key, surname_key

ALIASES_FILE = "aliases"
"""The file name `quotesearch index` looks for beside the index when no --aliases is given."""

_FILLER = frozenset("""
    is was has had have will would could can did does also then later even still maybe now again too
    of his her their its seemed seems once already always never often yet
    reportedly jokingly frequently repeatedly recently initially increasingly previously personally
    publicly privately quickly finally really actually apparently allegedly immediately directly
    simply clearly openly angrily bluntly flatly famously
    democrat democrats democratic republican republicans gop nominee candidate presidential rival
""".split())
"""Words that can't be part of a person's name, left around one by the extractor."""


class AliasError(ValueError):
    """A line of an aliases file that cannot be used; `str()` is `FILE:LINE: reason`."""


@dataclass(frozen=True)
class Aliases:
    """The user's aliases: variant key → canonical key, and canonical key → display name."""

    canonical: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)


def parse_aliases(text: str, source: str = "aliases") -> Aliases:
    """Read the aliases format (see the module docstring); raises `AliasError` on a bad line."""
    canonical: dict[str, str] = {}
    names: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        keys = [speaker_key(p) for p in parts]
        if not keys[0] or any(not k for k in keys[1:]):
            raise AliasError(f"{source}:{number}: empty name; write `Canonical Name | Variant | Variant`")
        for part, key in zip(parts[1:], keys[1:]):
            taken = canonical.get(key, keys[0])
            if taken != keys[0]:
                raise AliasError(f"{source}:{number}: {part!r} is already a variant of {names[taken]!r}")
            canonical[key] = keys[0]
        names.setdefault(keys[0], parts[0])
        canonical.pop(keys[0], None)
    return Aliases(canonical, names)


def load_aliases(path: str | Path) -> Aliases:
    """Read an aliases file; raises `AliasError` naming the file on bad content or I/O errors."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else type(err).__name__
        raise AliasError(f"{path}: {reason}") from None
    return parse_aliases(text, str(path))


def strip_filler(key: str) -> str:
    """`key` without function words at either end ("trump has" → "trump"); the key itself if
    nothing would be left."""
    words = key.split()
    while len(words) > 1 and words[0] in _FILLER:
        words.pop(0)
    while len(words) > 1 and words[-1] in _FILLER:
        words.pop()
    return " ".join(words)


def merge_keys(counts: Mapping[str, int], aliases: Aliases | None = None) -> dict[str, str]:
    """The canonical key of every key in `counts` (key → number of quotes), by the rules above."""
    aliases = aliases or Aliases()

    def listed(key: str) -> str:
        return aliases.canonical.get(key, key)

    surnames = Counter(key.split()[-1] for key in counts if " " in key)

    def strip(key: str) -> str:
        words = strip_filler(key).split()
        if (len(words) == 2 and words[0] in surnames and surnames[words[1]] <= 1
                and words[1].endswith("ed") and len(words[1]) > 4):
            return words[0]
        return " ".join(words)

    step: dict[str, str] = {}
    for key in counts:
        merged = listed(key)
        if merged == key and key not in aliases.names:
            merged = listed(strip(key))
        step[key] = merged
    known = set(step.values())
    for key, merged in step.items():
        words = merged.split()
        if len(words) > 2 and merged not in aliases.names and f"{words[0]} {words[-1]}" in known:
            step[key] = listed(f"{words[0]} {words[-1]}")
    totals: Counter[str] = Counter()
    for key, n in counts.items():
        totals[step[key]] += n
    by_surname: dict[str, str] = {}
    for key, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
        words = key.split()
        if len(words) > 1:
            by_surname.setdefault(surname_key(words[-1]), key)
    return {key: (by_surname.get(surname_key(merged), merged) if " " not in merged and merged not in aliases.names
                  else merged)
            for key, merged in step.items()}
