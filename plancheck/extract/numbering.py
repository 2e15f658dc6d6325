"""Row numbering as a value: ``IV``, ``4``, ``4.2``, ``2.3.1``, ``a)``, ``-``, ``+``.

A number may sit in the row-number (TT) column or be typed at the start of the name cell
("1. Tỷ lệ ...", "4.2 Tỷ lệ ...", "- Thành thị"). :func:`parse_numbering` reads the first;
:func:`split_numbering` the second, returning the name without its number.
"""

from __future__ import annotations

import functools
import re
from ..model import Numbering
from ..textnorm import VI_LETTERS, clean, roman_to_int


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
