"""Bytes to text: byte-order mark, declared charset, strict UTF-8, then detection.

Web pages and text files arrive in many encodings and are often mislabelled, so decoding
never fails: invalid bytes become U+FFFD and NUL bytes are dropped. UTF-8 that an earlier
tool decoded as cp1252 ("PeÃ±a Nieto") is decoded again, so names and quotes read right.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers treat these labels as windows-1252 (WHATWG Encoding Standard), and pages rely on it.
_ALIASES: dict[str, str] = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "x-user-defined": "cp1252",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
    "unicode": "utf-16",
    "utf8": "utf-8",
}

_WESTERN = frozenset({"cp1252", "cp1250", "latin_1", "iso8859_15", "iso8859_2", "mac_roman"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:\-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None if it is unknown or bogus."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
        "".encode(codec)  # rejects bytes-to-bytes codecs such as "base64"
    except (LookupError, ValueError):
        return None
    if codec in ("utf-16", "utf-32"):
        # A page can't really be UTF-16 if its meta tag was readable as ASCII.
        return "utf-8"
    return _ALIASES.get(codec, codec)


def html_declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a `<meta charset>` or `http-equiv` tag near its start."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    return normalize_charset(match.group(1).decode("ascii", "replace"))


def _detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds most likely, as a usable codec name.

    Detection on short English text is shaky (smart quotes alone can look like DOS code
    pages), so a Western code page among the plausible candidates is taken as cp1252.
    """
    candidates = [match.encoding for match in from_bytes(data[:200_000])]
    if _WESTERN.intersection(candidates):
        return "cp1252"
    return normalize_charset(candidates[0]) if candidates else None


def _mostly_utf8(data: bytes) -> str | None:
    """`data` as UTF-8 if it is UTF-8 with some damaged bytes, else None.

    Valid multi-byte sequences almost never occur by chance in single-byte text (each
    accented letter there is a damaged sequence), so as many valid ones as damaged ones
    mark UTF-8: a curly-quoted article with one broken byte keeps its quote marks.
    """
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return text if multibyte and multibyte >= damaged else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data` to text; never raises.

    Order: a BOM; valid UTF-8 that has non-ASCII text (a single-byte page is almost never
    valid UTF-8 by chance, while mislabelled UTF-8 pages are common); the declared charset
    if it decodes cleanly; UTF-8 with a few damaged bytes; detection; cp1252 with
    replacement.
    """
    return repair_mojibake(_decode(data, declared).replace("\x00", ""))


# UTF-8 read as cp1252: a lead byte then continuation bytes, each shown as the cp1252 character
# ("Ã©" for "é", "â€™" for "’")
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{{2}}"
                       f"|[\u00f0-\u00f4][{_CONTINUATION}]{{3}}")


def repair_mojibake(text: str) -> str:
    """`text` with UTF-8 that was decoded as cp1252, once or twice, decoded again ("FranÃ\x83Â§ois"
    → "François"), in NFC when it was decomposed ("A" and a combining tilde for "Ã"); a sequence
    that does not decode as UTF-8 stays as it is, and text with none is returned unchanged."""
    if not _MOJIBAKE.search(text):
        if unicodedata.is_normalized("NFC", text):
            return text  # the common case: no second pass over the whole text
        composed = unicodedata.normalize("NFC", text)
        if not _MOJIBAKE.search(composed):
            return text
        text = composed
    for _ in range(3):
        fixed = _MOJIBAKE.sub(_redecode, text)
        if fixed == text:
            break
        text = fixed
    return text


def _redecode(m: re.Match[str]) -> str:
    """The UTF-8 character a mojibake sequence stands for, or the sequence when it stands for none."""
    try:
        return m.group().encode("cp1252", errors="strict").decode("utf-8")
    except UnicodeError:
        try:
            return m.group().encode("latin-1").decode("utf-8")
        except UnicodeError:
            return m.group()


def _decode(data: bytes, declared: str | None) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    text: str | None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and not text.isascii():
        return text
    charset = normalize_charset(declared)
    if charset:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass
    if text is not None:
        return text
    text = _mostly_utf8(data)
    if text is not None:
        return text
    detected = _detect(data)
    if detected and detected != "utf-8":
        return data.decode(detected, errors="replace")
    return data.decode("cp1252", errors="replace")
