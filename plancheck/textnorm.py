"""Vietnamese text normalization shared by readers, extractors and checks.

Three levels of sameness are used throughout plancheck:

* ``clean``: NFC, inline markup removed, odd spaces replaced, runs of spaces collapsed.
  This is the text a reviewer sees.
* ``canonical``: ``clean`` with the accepted spelling variants made equal: old and new
  tone placement (``hoà``/``hòa``, ``khoẻ``/``khỏe``) and ``i``/``y`` after a consonant
  (``Tỉ``/``Tỷ``, ``kĩ``/``kỹ``). Two words equal here are the same word spelled two
  accepted ways.
* ``fold``: lower case, diacritics and ``đ`` removed. Two words equal here but different
  in ``canonical`` are a likely misspelling (``Tiêu học`` for ``Tiểu học``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TAGS = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|br|p)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# terminal escape sequences (CSI: colours, concealed text; OSC: titles, hyperlinks; two-character
# ones) and the other control characters are never text: an ESC inside a word would split it
# (and hide its misspelling); a vertical tab or a form feed (a line or page break) is a space
_CONTROLS = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?"
                       r"|\x9b[0-?]*[ -/]*[@-~]?|[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\x0b\x0c]")
_MD_EMPHASIS = re.compile(r"(\*\*|\*|(?<!\w)__)(?=\S)(.+?)(?<=\S)\1")

# Old tone placement (on the first vowel of oa/oe/uy) -> new placement (second vowel).
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng
_OLD_TONE = re.compile(r"(?i)([oO])([" + _TONES + r"])([aAeE])(?![a-zA-Z\u0300-\u036f])"
                       r"|([uU])([" + _TONES + r"])([yY])(?![a-zA-Z\u0300-\u036f])")
_IY = re.compile(r"(?i)(?<![a-z\u0300-\u036f])(th|ch|kh|nh|ph|tr|[bcdđghklmnpqrstvx])y([" + _TONES + r"]?)(?![a-z\u0300-\u036f])")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_markup(text: str) -> str:
    """Remove inline HTML tags and markdown emphasis, keeping their content."""
    text = _TAGS.sub("", text)
    prev = None
    while prev != text:
        prev = text
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


# what clean() can change in an ASCII text besides its ends: markup, tabs, runs of spaces
_ASCII_WORK = re.compile(r"[<*_\t\x00-\x08\x0b-\x1f\x7f]|  ")


def clean(text: str) -> str:
    """NFC, no markup, ordinary spaces, trimmed."""
    if text.isascii() and _ASCII_WORK.search(text) is None:
        return text.strip()  # a plain ASCII text (a number, a code): nothing else to do, nothing to cache
    return _clean(text)


@functools.lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    if not text.isprintable():
        text = _BREAKS.sub(" ", _CONTROLS.sub("", text))
    text = nfc(_ZERO_WIDTH.sub("", text))
    text = strip_markup(text)
    text = _SPACES.sub(" ", text)
    return text.strip()


@functools.lru_cache(maxsize=1 << 16)
def canonical(text: str) -> str:
    """``clean`` with accepted spelling variants unified (tone placement, i/y)."""
    text = unicodedata.normalize("NFD", clean(text))

    def _move(m: re.Match) -> str:
        if m.group(1):
            return m.group(1) + m.group(3) + m.group(2)
        return m.group(4) + m.group(6) + m.group(5)

    text = _OLD_TONE.sub(_move, text)
    text = _IY.sub(lambda m: m.group(1) + ("i" if m.group(0)[-1 - len(m.group(2))].islower() else "I")
                   + m.group(2), text)
    text = unicodedata.normalize("NFC", text)
    # "hằng/hàng năm", "hằng/hàng tháng" are both accepted
    return re.sub(r"\b([Hh])ằng(?=\s+(?:năm|tháng|ngày|tuần|quý)\b)", r"\1àng", text)


def _base_letters() -> dict[int, str]:
    """Each precomposed Latin letter (lower case) -> its letter without diacritics."""
    table = {}
    for code in range(0xC0, 0x250):
        _add_base(table, code)
    for code in range(0x1E00, 0x1F00):
        _add_base(table, code)
    table[ord("đ")] = "d"
    return table


def _add_base(table: dict[int, str], code: int) -> None:
    ch = chr(code)
    if not ch.islower():
        return
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if base != ch and base.isascii():
        table[code] = base


_BASE = _base_letters()
_NOT_WORD = re.compile(r"[^0-9a-z%]+")
_Y_AFTER_CONSONANT = re.compile(r"(?<=[bcdghklmnpqrstvx])y\b")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case ASCII skeleton: no diacritics, đ -> d, punctuation -> space."""
    text = clean(text).lower().translate(_BASE)
    if not text.isascii():  # combining marks or letters outside the table
        text = unicodedata.normalize("NFD", text.replace("đ", "d"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _Y_AFTER_CONSONANT.sub("i", text)
    return _NOT_WORD.sub(" ", text).strip()


def same_words(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same text up to accepted variants and case."""
    return canonical(a).lower() == canonical(b).lower()


_ROMAN = re.compile(r"^(?=[IVXLC]+$)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(text: str) -> int | None:
    text = text.strip().upper()
    if not text or not _ROMAN.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[text[i + 1]] if i + 1 < len(text) else 0
        total += -v if v < nxt else v
    return total


def int_to_roman(n: int) -> str:
    out = []
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                 (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


# Vietnamese alphabetical order of list letters: a b c d đ e g h i k l m n o p q r s t u v x y
VI_LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q",
              "r", "s", "t", "u", "v", "x", "y"]


def vi_date(day: int, month: int, year: int | str) -> str:
    """A date as Vietnamese administrative documents write it (Nghị định 30/2020/NĐ-CP):
    a day below 10 and the months 1 and 2 with a leading zero, other months without one
    ("09/5/2024", "18/01/2024", "25/11/2019")."""
    return f"{day:02d}/{month:02d}/{year}" if month <= 2 else f"{day:02d}/{month}/{year}"
