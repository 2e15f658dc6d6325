"""Row numbering as a value: ``IV``, ``4``, ``4.2``, ``2.3.1``, ``a)``, ``-``, ``+``.

A number may sit in the row-number (TT) column or be typed at the start of the name cell
("1. Tỷ lệ ...", "4.2 Tỷ lệ ...", "- Thành thị"). :func:`parse_numbering` reads the first;
:func:`split_numbering` the second, returning the name without its number.
"""

from __future__ import annotations

import functools
import re
from ..model import Numbering
from ..textnorm import VI_LETTERS, clean, fold, roman_to_int


_ROMAN = re.compile(r"[IVXLC]{1,6}")
_ARABIC = re.compile(r"\d{1,3}")
_DECIMAL = re.compile(r"\d{1,3}(?:\.\d{1,3}){1,3}")
_LETTER = re.compile(r"[a-zđ]")
_BULLETS = {"-", "+", "–", "•", "*", "·"}


def parse_numbering(text: str) -> Numbering | None:
    """The numbering of a TT cell, or None when the text is no row number."""
    if len(text) > 3 and text.isdigit() and text.isascii():
        return None  # "1250": no row number has four digits (a submission numbers 100,000 rows)
    return _parse_numbering(text)


@functools.lru_cache(maxsize=1 << 14)
def _parse_numbering(text: str) -> Numbering | None:
    t = clean(text).strip()
    if not t:
        return None
    if t in _BULLETS:
        return Numbering(t, "bullet", ())
    t = t.strip("()").rstrip(".)").strip()
    if not t:
        return None
    if _ROMAN.fullmatch(t) and roman_to_int(t) is not None:
        return Numbering(t, "roman", (roman_to_int(t),))
    if _ARABIC.fullmatch(t):
        return Numbering(t, "arabic", (int(t),))
    if _DECIMAL.fullmatch(t):
        return Numbering(t, "decimal", tuple(int(p) for p in t.split(".")))
    if _LETTER.fullmatch(t):
        return Numbering(t, "letter", (VI_LETTERS.index(t) + 1,) if t in VI_LETTERS else (0,))
    return None


# a number typed at the start of a name: "1. Tỷ lệ", "1.1. Tỷ lệ", "1.1 Tỷ lệ", "IV. Y tế", "a) Thành thị",
# "- Thành thị", "+ Chấm dứt ..." (an arabic number needs its dot or parenthesis: "14 loại vắc xin" is a name)
_IN_NAME = re.compile(
    r"^(?:(?P<dec>\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+"
    r"|(?P<num>\d{1,3})[.)]\s+"
    r"|(?P<rom>[IVXLC]{1,6})[.)]\s+"
    r"|(?P<let>[a-zđ])\)\s+"
    r"|(?P<bul>[-+–•])\s*)(?=\S)")


@functools.lru_cache(maxsize=1 << 14)
def split_numbering(name: str) -> tuple[Numbering | None, str]:
    """(the number typed at the start of ``name``, the name without it)."""
    m = _IN_NAME.match(name)
    if not m:
        return None, name
    rest = name[m.end():].strip()
    if not rest or rest[0].isdigit():  # "- 5" or "1. 5" is no numbered name
        return None, name
    if m.group("rom") and roman_to_int(m.group("rom")) is None:
        return None, name
    raw = next(g for g in (m.group("dec"), m.group("num"), m.group("rom"), m.group("let"), m.group("bul")) if g)
    number = parse_numbering(raw)
    if number is None:
        return None, name
    return Numbering(number.text, number.style, number.parts, in_name=True), rest


# ---------------------------------------------------------------- markers of paragraphs

_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
             "chin": 9, "muoi": 10}
_WORDS = r"Chỉ\s+tiêu|Mục\s+tiêu|Nhiệm\s+vụ|Giải\s+pháp|Điều|Khoản|Chương|Phần|Mục|Nhóm"
_PARA_MARKER = re.compile(
    r"^(?:(?P<word>" + _WORDS + r")\s+(?P<wnum>\d{1,3}|[IVXLC]{1,6})\s*(?P<wdel>[.:)]|\s*[-–]\s+|(?=\s+[A-ZĐÀ-Ỹ]))"
    r"|(?P<ord>(?:Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười))|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)"
    r"\s+là)\s*[,:.]"
    r"|\((?P<pnum>\d{1,3})\)|\((?P<plet>[a-zđ])\)"
    r"|(?P<dec>[1-9]\d?(?:\.(?:[1-9]\d?|0)){1,3})(?P<ddel>\.?)(?=\s+\D)"
    r"|(?P<num>\d{1,3})\s*(?P<ndel>[.)])(?!\d)"
    r"|(?P<rom>[IVXLC]{1,6})\s*(?P<rdel>[.:)]|[-–]\s)(?!\d)"
    r"|(?P<up>[A-ZĐ])\s*(?P<udel>[.)])(?=\s)"
    r"|(?P<let>[a-zđ])\s*(?P<ldel>\)|\.(?=\s))"
    r"|(?P<bul>[-+•–—*·▪►✓◦])(?=\s*\S))\s*")


@functools.lru_cache(maxsize=1 << 14)
def paragraph_marker(text: str) -> tuple[Numbering | None, str]:
    """(the marker a paragraph opens with, the text after it): "II. MỤC TIÊU", "2.1. Đến năm
    2030", "a) ...", "(1) ...", "- ...", "Chỉ tiêu 3: ...", "Điều 4. ...", "Thứ nhất, ...",
    "Hai là, ...". A number that is a value ("1.000 người", "2030 - 2035") is no marker."""
    m = _PARA_MARKER.match(text)
    if not m:
        return None, text
    rest = text[m.end():].strip()
    if not rest and not m.group("word"):
        return None, text
    g = m.group
    if g("word"):
        word = fold(g("word"))
        number = g("wnum")
        if number.isdigit():
            marker = Numbering(number, "arabic", (int(number),), delimiter=(g("wdel") or "").strip(), word=word)
        elif roman_to_int(number) is not None:
            marker = Numbering(number, "roman", (roman_to_int(number),), word=word)
        else:
            return None, text
    elif g("ord"):
        f = fold(g("ord")).split()
        value = _ORDINALS.get(f[1] if f[0] == "thu" else f[0])
        if value is None:
            return None, text
        marker = Numbering(g("ord"), "ordinal", (value,), word="thu" if f[0] == "thu" else "la")
    elif g("pnum"):
        marker = Numbering(g("pnum"), "arabic", (int(g("pnum")),), delimiter="()")
    elif g("plet"):
        marker = Numbering(g("plet"), "letter", _letter_parts(g("plet")), delimiter="()")
    elif g("dec"):
        marker = Numbering(g("dec"), "decimal", tuple(int(p) for p in g("dec").split(".")), delimiter=g("ddel"))
    elif g("num"):
        marker = Numbering(g("num"), "arabic", (int(g("num")),), delimiter=g("ndel"))
    elif g("rom"):
        value = roman_to_int(g("rom"))
        if value is None or g("rom") in ("C", "L"):  # "C." is the third letter, not a hundred
            if g("rom") in ("C", "L") and (g("rdel") or "").strip() in (".", ")"):
                return Numbering(g("rom"), "upper", (_upper_value(g("rom")),), delimiter=g("rdel").strip()), rest
            return None, text
        marker = Numbering(g("rom"), "roman", (value,), delimiter=(g("rdel") or "").strip())
    elif g("up"):
        marker = Numbering(g("up"), "upper", (_upper_value(g("up")),), delimiter=g("udel"))
    elif g("let"):
        marker = Numbering(g("let"), "letter", _letter_parts(g("let")), delimiter=g("ldel"))
    else:
        sign = g("bul")
        marker = Numbering("-" if sign in "–—" else sign, "bullet", ())
    return marker, rest


def _letter_parts(letter: str) -> tuple[int, ...]:
    return (VI_LETTERS.index(letter) + 1,) if letter in VI_LETTERS else (0,)


def _upper_value(letter: str) -> int:
    low = letter.lower()
    return VI_LETTERS.index(low) + 1 if low in VI_LETTERS else 0
