"""What a table row is: one pure decision over a small record of the row's features.

:class:`RowFeatures` describes a row as read (its number, its name, which of its cells are
filled) and its neighbours (what the next rows are). :func:`classify` decides the row's
role from that record alone; tests/test_rows.py holds a table of (features -> role) cases.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..model import Numbering, RowRole
from ..textnorm import fold

CONTINUATION = "continuation"  # the rest of the previous row (its name, a cell), broken by a page break
SKIP = "skip"  # a row that holds nothing (or only notes)

_BREAKDOWNS = [
    ("urban", r"^(?:khu vuc |o |tai )?(?:thanh thi|do thi|noi thanh)$"),
    ("rural", r"^(?:khu vuc |o |tai )?(?:nong thon|ngoai thanh)$"),
    ("region", r"^(?:vung|cac vung|mien|khu vuc|tieu vung)\b.{0,60}$"),
    ("school_level", r"^(?:cap |bac |khoi )?(?:mam non|nha tre|mau giao|tieu hoc|trung hoc co so|thcs|"
                     r"trung hoc pho thong|thpt)(?: va tuong duong)?$"),
]
_SUB = re.compile(r"^trong do\b[:,]?\s*")
_GROUP_UNIT = re.compile(r"(?:tren|/)\s*(10 000|1 000|10000|1000|1 van|mot van)\s+(?:dan|nguoi)\b"
                         r"|\bchi tieu so luong\b")
# words an indicator's name starts with: a measure, never a section title
_MEASURE = re.compile(r"^(?:ty le|ti le|so |so luong|muc |chi so|tuoi tho|dien tich|thu nhap|toc do|he so|"
                      r"binh quan|tong so|ti trong|ty trong|ty so|ti so)")

# a note or signature line under a table: "Ghi chú: ...", "Nguồn: ...", "(*) ...", "Người lập biểu"
_NOTE_WORD = re.compile(r"^(?:ghi chu|chu thich|luu y|nguon so lieu|nguon)\b")
_SIGNATURE = re.compile(r"^(?:nguoi lap bieu|nguoi lap|nguoi kiem tra|thu truong don vi)$")


@functools.lru_cache(maxsize=1 << 14)
def is_footnote(name: str) -> bool:
    raw = name.strip()
    if raw.startswith(("(*", "*")):
        return True
    f = fold(raw)
    m = _NOTE_WORD.match(f)
    if m and ":" in raw[: len(m.group(0)) + 6]:
        return True
    return bool(_SIGNATURE.match(f))


@functools.lru_cache(maxsize=1 << 14)
def breakdown_of(name: str) -> str | None:
    """urban | rural | region | school_level when the name names a part of a total."""
    f = _SUB.sub("", fold(name))
    for key, pattern in _BREAKDOWNS:
        if re.match(pattern, f) and len(f.split()) <= 12:
            return key
    return None


@functools.lru_cache(maxsize=1 << 14)
def is_sub_target(name: str) -> bool:
    return bool(_SUB.match(fold(name)))


def heads_group(name: str, style: str | None, empty_cells: bool) -> bool:
    """A row that heads a group of indicators ("Chỉ tiêu số lượng trên 10.000 dân"): no unit or
    target, a group unit in its name, and no measure of its own."""
    return empty_cells and style in (None, "arabic") and bool(group_unit_of(name)) and not is_measure(name)


@functools.lru_cache(maxsize=1 << 14)
def group_unit_of(name: str) -> str | None:
    """per_10000 | per_1000 for a group header ("Chỉ tiêu số lượng trên 10.000 dân")."""
    m = _GROUP_UNIT.search(fold(name))
    if not m:
        return None
    return "per_1000" if m.group(1) and m.group(1).replace(" ", "") == "1000" else "per_10000"


@functools.lru_cache(maxsize=1 << 14)
def is_measure(name: str) -> bool:
    return bool(_MEASURE.match(fold(name)))


def is_upper(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


class RowFeatures(NamedTuple):
    """A row as read and its neighbours (immutable; a named tuple is three times cheaper to make
    than a frozen dataclass, and one is made for every row of every table)."""

    numbering: Numbering | None
    name: str
    bold: bool = False
    has_unit: bool = False
    has_target_text: bool = False  # some target cell is filled (even with "-")
    has_other: bool = False  # actual value, source mark, agency or note cells filled
    after_break: bool = False  # a page break (or repeated header) lies between this row and the previous one
    previous: str | None = None  # the role decided for the previous row (RowRole value, or None)
    next_child: bool = False  # the next numbered row is numbered under this row's number (2 -> 2.1)
    next_breakdown: bool = False  # the next row is a breakdown or sub-target of a total
    next_indicator: bool = False  # the next row is unnumbered and an indicator (a unit, targets, a measure's name)
    fragments: bool = False  # every filled cell starts in lower case: the rest of cells broken by a page break
    task_table: bool = False


# the roles' values (plain strings, looked up once: an enum member's value is a descriptor call)
_ROLE_SECTION, _ROLE_GROUP, _ROLE_INDICATOR, _ROLE_BREAKDOWN, _ROLE_SUB, _ROLE_ITEM = (r.value for r in (
    RowRole.SECTION, RowRole.GROUP, RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB, RowRole.ITEM))
_TARGET_ROW_ROLES = frozenset({_ROLE_INDICATOR, _ROLE_BREAKDOWN, _ROLE_SUB, _ROLE_SECTION, _ROLE_ITEM})


def classify(f: RowFeatures) -> str:
    """The role of a row: a :class:`RowRole` value, ``continuation`` or ``skip``."""
    name = f.name
    number = f.numbering
    style = number.style if number else None
    empty_cells = not f.has_unit and not f.has_target_text
    after_target_row = f.previous in _TARGET_ROW_ROLES
    if number is None and not f.has_unit and f.after_break and after_target_row and (
            f.fragments or (name[:1].islower() and not f.has_target_text)):
        return CONTINUATION  # a row broken by a page break: "tham gia bảo hiểm..." | "chắc"
    if not name and number is None:
        return SKIP
    if number is None and empty_cells and is_footnote(name):
        return SKIP
    if (not name or not name[:1].isalpha()) and number is not None and empty_cells and not f.has_other:
        return SKIP if not name else _ROLE_SECTION
    if number is None and empty_cells and not f.has_other and name[:1].islower() and after_target_row:
        return CONTINUATION
    if f.task_table:
        if style == "roman" or ((is_upper(name) or f.bold) and not f.has_other):
            return _ROLE_SECTION
        return _ROLE_ITEM
    if heads_group(name, style, empty_cells):
        return _ROLE_GROUP
    if style in (None, "bullet", "letter"):
        if is_sub_target(name):
            return _ROLE_BREAKDOWN if breakdown_of(name) else _ROLE_SUB
        if breakdown_of(name) and f.previous is not None:
            return _ROLE_BREAKDOWN
    if empty_cells and not f.next_breakdown:
        if style == "roman" or is_upper(name) or f.next_child:
            return _ROLE_SECTION
        if f.bold and style != "bullet":
            return _ROLE_SECTION
        if f.next_indicator and not is_measure(name) and style in (None, "arabic", "decimal"):
            return _ROLE_SECTION  # "1 | Ưu đãi người có công" over unnumbered indicator rows
    return _ROLE_INDICATOR
