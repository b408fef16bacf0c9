"""Decoding bytes of unknown encoding: BOMs, declared charsets, UTF-8, detection."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from quotesearch.encoding import decode_bytes, html_declared_charset, normalize_charset

TEXT = "“Café,” she said — naïve façade."


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf-8", "utf-16-le", "utf-16-be", "utf-32-le"],
)
def test_bom_decides_the_encoding(data: bytes) -> None:
    assert decode_bytes(data, declared="windows-1252") == TEXT


def test_windows_1252_smart_quotes_with_declared_charset() -> None:
    page = b'<meta charset="windows-1252"><p>\x93Hello,\x94 he said \x96 caf\xe9.</p>'
    declared = html_declared_charset(page)
    assert declared == "cp1252"
    assert "“Hello,” he said – café." in decode_bytes(page, declared)


def test_iso_8859_1_is_read_as_windows_1252_like_browsers_do() -> None:
    page = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\x93Yes\x94</p>'
    assert "“Yes”" in decode_bytes(page, html_declared_charset(page))


def test_valid_utf8_wins_over_a_wrong_single_byte_declaration() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), declared="iso-8859-1") == TEXT


def test_undeclared_cp1252_falls_back_without_error() -> None:
    assert decode_bytes(b"\x93Quoted\x94 text") == "“Quoted” text"


def test_damaged_utf8_keeps_its_text_and_replaces_bad_bytes() -> None:
    data = ("naïve café “quoted” text ünïcödé " * 3).encode("utf-8") + b"\xff\xfe tail"
    text = decode_bytes(data)
    assert text.startswith("naïve café “quoted”")
    assert "\ufffd" in text and text.endswith("tail")


def test_nul_bytes_are_removed() -> None:
    assert decode_bytes(b"a\x00b\x00c") == "abc"


@pytest.mark.parametrize("label", ["bogus-charset", "base64", "", "x-\x00weird"])
def test_unknown_or_non_text_charsets_are_ignored(label: str) -> None:
    assert normalize_charset(label) is None
    assert decode_bytes("plain “text”".encode("utf-8"), declared=label) == "plain “text”"


def test_declared_charset_only_sniffed_near_the_start() -> None:
    late = b"<html>" + b" " * 5000 + b'<meta charset="koi8-r">'
    assert html_declared_charset(late) is None
    assert html_declared_charset(b"<html><head><meta charset='utf-8'>") == "utf-8"


def test_declared_cyrillic_charset_is_used() -> None:
    data = "Привет, мир".encode("cp1251")
    assert decode_bytes(data, declared="windows-1251") == "Привет, мир"


@pytest.mark.parametrize("broken, fixed", [
    ("‘It’s over,’ said François Hollande.".encode("utf-8").decode("cp1252"), "‘It’s over,’ said François Hollande."),
    ("Enrique Peña Nieto".encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252"), "Enrique Peña Nieto"),
    (unicodedata.normalize("NFD", "Marc Trévidic".encode("utf-8").decode("cp1252")), "Marc Trévidic"),
], ids=["once", "twice", "decomposed"])
def test_utf8_read_as_cp1252_is_repaired(broken: str, fixed: str) -> None:
    assert decode_bytes(broken.encode("utf-8")) == fixed


@pytest.mark.parametrize("text", ["“Café,” she said — naïve façade.", "Ã and Â alone stay."])
def test_text_without_mojibake_is_unchanged(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text
