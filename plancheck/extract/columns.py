"""Headers as a column schema: header vocabulary, cell kinds, and the role of each column.

Any number of header rows fold into column paths (``("Mục tiêu phấn đấu", "Năm 2030")``).
A column's role comes from its header path *and* the profile of its content: a column of
"x" marks is a source column whatever its title; a column under a header naming a year
holds targets unless the header says it is an actual value ("Thực hiện năm 2023", "Ước
thực hiện", "Hiện trạng") or a year before the document's own ("Năm 2020"); a column
titled "Chỉ tiêu ..." is the name column only if it holds the names.

``HEADER_VOCABULARY`` is the one declarative table of header words (tested by
tests/test_columns.py); ``column_roles`` is a pure function of the paths and profiles.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from ..model import Column, ColumnRole
from ..targets import canonical_unit, parse_target
from ..textnorm import fold
from .numbering import parse_numbering, split_numbering

# hint -> pattern over the folded header text (lower case, no diacritics, punctuation as spaces)
HEADER_VOCABULARY: dict[str, str] = {
    "label": r"^(?:tt|stt|so tt|so thu tu|thu tu|so)$",
    "id": r"^(?:ma chi tieu|ma so chi tieu|indicator(?: id)?|id|ma)$",
    "unit": r"^(?:don vi(?: tinh| do| tinh toan)?|dvt|dv|unit|units)$",
    "agency": (r"\bco quan\b|\bchu tri\b|\bphoi hop\b|\btrach nhiem\b|\bphu trach\b"
               r"|\bdon vi (?:chu tri|thuc hien|theo doi|phu trach|phoi hop)\b|\bagency\b"),
    "group": (r"^(?:cac )?(?:muc tieu|chi tieu (?:phan dau|ke hoach|den nam)|ke hoach|phan dau|target)"
              r"(?: phan dau| thuc hien| den nam| giai doan)*$"),
    "target_words": r"\bden nam\b|\bphan dau\b|\bmuc tieu\b|\bgiai doan\b|\bke hoach\b|\btarget\b",
    "actual": (r"\bthuc hien\b|\buoc\b|\bhien trang\b|\bthuc trang\b|\bket qua\b|\bda dat\b|\bnam goc\b"
               r"|^(?:nam |gia tri )?co so\b|\bactual\b|\bbaseline\b"),
    "source": (r"\bnghi quyet\b|\bnq\b|^nguon\b|\bcan cu\b|\btinh uy\b|\bchuong trinh\b|\btheo\b"
               r"|\bquyet dinh\b|\bsource\b"),
    "note": r"^ghi chu\b|^note|^dien giai\b|^giai thich\b|^thuyet minh\b",
    "task": r"\bnhiem vu\b|\bde an\b|\bvan ban\b",
    "detail": r"\bthoi gian\b|\bcap trinh\b|\bsan pham\b|\btien do\b",
    "name": (r"^(?:ten )?(?:cac )?chi tieu\b|\bnoi dung\b|\bchi so\b|^indicator name$|^name$|^ten$"
             r"|^ten chi tieu$"),
}
_HINTS = {hint: re.compile(pattern) for hint, pattern in HEADER_VOCABULARY.items()}
_YEAR = re.compile(r"(?<!\d)(20[1-9]\d)(?!\d)")
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])\)?$")


@functools.lru_cache(maxsize=1 << 12)
def header_hints(text: str) -> frozenset[str]:
    """The vocabulary hints of one header cell."""
    f = fold(text)
    if not f:
        return frozenset()
    return frozenset(h for h, rx in _HINTS.items() if rx.search(f))


@functools.lru_cache(maxsize=1 << 12)
def header_year(text: str) -> int | None:
    """The year a header names ("Đến năm 2030", "Giai đoạn 2026-2030" -> 2030)."""
    years = _YEAR.findall(text)
    return int(years[-1]) if years else None


def is_column_numbers(texts: list[str]) -> bool:
    """A row of column numbers under the header: "(1) (2) (3)", "1 2 3 4", "A B 1 2"."""
    cells = [t for t in texts if t]
    if len(cells) < 3 or not all(_COLUMN_NUMBER.match(t) for t in cells):
        return False
    digits = [int(t.strip("()")) for t in cells if t.strip("()").isdigit()]
    return len(digits) >= 2 and digits == sorted(digits) and len(set(digits)) == len(digits)


# ---------------------------------------------------------------- header rows


def header_cell_ok(text: str) -> bool:
    """A cell that may stand in a header row: short, and a header word, a year or empty."""
    if not text:
        return True
    if len(text) > 120:
        return False
    return bool(header_hints(text)) or header_year(text) is not None


def is_header_row(texts: list[str]) -> bool:
    """The top row of a table header: names the rows' name (or task) column and at least one other role."""
    cells = [t for t in texts if t]
    if len(cells) < 2 or max(map(len, cells)) > 120:
        return False
    if any(parse_numbering(t) is not None and not header_hints(t) for t in cells):
        return False
    if any(header_year(t) is None and parse_target(t).numeric for t in cells):
        return False  # a target value: a row of data ("khoảng 30"), not of titles
    hints = set().union(*(header_hints(t) for t in cells))
    if not ({"name", "task"} & hints):
        return False
    known = sum(1 for t in cells if header_hints(t) or header_year(t))
    return known >= 2 and bool(hints & {"label", "unit", "group", "agency", "id", "detail", "note", "source"}
                               or any(header_year(t) for t in cells))


def is_subheader_row(texts: list[str]) -> bool:
    """A header row below the top one: years, group words, note or source titles, column numbers."""
    cells = [t for t in texts if t]
    if not cells:
        return False
    if is_column_numbers(texts):
        return True
    return all(header_cell_ok(t) and len(t) <= 80 and not t[:1].islower() and not _looks_like_data(t)
               and split_numbering(t)[0] is None for t in cells)


def _looks_like_data(text: str) -> bool:
    hints = header_hints(text)
    if header_year(text) is not None:
        return False
    if hints - {"name", "target_words"}:
        return False
    return "name" in hints and len(text.split()) > 6  # "Chỉ tiêu số lượng trên 10.000 dân": a group row


# ---------------------------------------------------------------- what body cells hold

_AGENCY = re.compile(
    r"^(?:-\s*)?(?:Sở|Cục|Ban|Bảo hiểm xã hội (?:tỉnh|thành phố)|BHXH|Công an|Các sở|Các địa phương|Các cơ quan|"
    r"UBND|Ủy ban|Uỷ ban|Ngân hàng|Liên đoàn|Tỉnh đoàn|Hội|Văn phòng|Đài|Báo|Trung tâm|Bộ|Kho bạc|Viện|Trường|"
    r"Thanh tra|Quỹ|Hội đồng|Mặt trận|Bộ Chỉ huy|Tòa án|Viện kiểm sát)\b")
_MARK = re.compile(r"^[xX✓✔√]$")
KNOWN_UNITS = frozenset({"%", "%/năm", "m2/người", "tuổi", "năm", "lần", "giường", "căn hộ", "người", "bậc học",
                         "mức độ", "chỉ số"})


@functools.lru_cache(maxsize=1 << 15)
def cell_kind(text: str) -> str:
    """What a body cell holds: empty | mark | roman | number | unit | target | none | agency | text | short."""
    if not text:
        return "empty"
    if _MARK.match(text):
        return "mark"
    number = parse_numbering(text) if len(text) <= 8 else None
    if number is not None and number.style == "roman":
        return "roman"  # a section's number, never a target
    if number is not None and number.style != "bullet":
        return "number"  # a row number (or a bare small integer: also a target)
    if len(text) <= 24 and canonical_unit(text) in KNOWN_UNITS:
        return "unit"
    t = parse_target(text)
    if t.kind == "none":
        return "none"
    if t.kind != "unreadable" and len(text) <= 60:
        return "target"
    if _AGENCY.match(text):
        return "agency"
    if len(text.split()) >= 4:
        return "text"
    return "short"


@dataclass(frozen=True)
class Profile:
    """What a column's body cells hold, as counts of :func:`cell_kind`."""

    counts: tuple[tuple[str, int], ...]
    mean_length: float

    @classmethod
    def of(cls, texts: list[str]) -> "Profile":
        kinds = Counter(map(cell_kind, texts))
        filled = [t for t in texts if t]
        mean = sum(map(len, filled)) / len(filled) if filled else 0.0
        return cls(tuple(sorted(kinds.items())), mean)

    def share(self, *kinds: str) -> float:
        """The share of non-empty cells of these kinds."""
        counts = dict(self.counts)
        filled = sum(n for k, n in counts.items() if k != "empty")
        return sum(counts.get(k, 0) for k in kinds) / filled if filled else 0.0

    @property
    def filled(self) -> int:
        return sum(n for k, n in self.counts if k != "empty")


# ---------------------------------------------------------------- roles


def column_role(path: tuple[str, ...], profile: Profile, doc_year: int | None = None) -> tuple[ColumnRole, int | None]:
    """The role of one column (and the year of a target or actual column)."""
    parts = [p for p in path if p]
    hints = [header_hints(p) for p in parts]
    every = set().union(*hints) if hints else set()
    year = next((header_year(p) for p in reversed(parts) if header_year(p)), None)
    if profile.filled and profile.share("mark") >= 0.6 and not ({"label", "name"} & every and profile.filled < 2):
        return ColumnRole.SOURCE, None
    if year is not None:
        if any("actual" in h and not ({"group"} & h or _target_word(p)) for p, h in zip(parts, hints)):
            return ColumnRole.ACTUAL, year
        if ("source" in every or "note" in every) and not _under_target_group(parts, hints):
            return (ColumnRole.SOURCE if "source" in every else ColumnRole.NOTE), None
        if "agency" in every or "detail" in every or "task" in every:
            return (ColumnRole.AGENCY if "agency" in every else
                    ColumnRole.DETAIL if "detail" in every else ColumnRole.TASK), None
        if doc_year is not None and year < doc_year and not _under_target_group(parts, hints) \
                and not any(_target_word(p) for p in parts):
            return ColumnRole.ACTUAL, year  # "Năm 2020" in a plan of 2024: a baseline
        return ColumnRole.TARGET, year
    for hint, role in (("label", ColumnRole.LABEL), ("id", ColumnRole.ID), ("unit", ColumnRole.UNIT),
                       ("agency", ColumnRole.AGENCY), ("task", ColumnRole.TASK), ("detail", ColumnRole.DETAIL)):
        if any(hint in h for h in hints):
            return role, None
    if any("note" in h for h in hints[:-1]):  # under a "Ghi chú" group: "Chỉ tiêu theo Nghị quyết 68"
        return (ColumnRole.SOURCE if "source" in every else ColumnRole.NOTE), None
    if "name" in every:
        return ColumnRole.NAME, None  # a candidate: the column that holds the names wins (resolve_columns)
    if "note" in every:
        return ColumnRole.NOTE, None
    if "source" in every:
        return ColumnRole.SOURCE, None
    if not parts:  # no title: what the cells hold
        if profile.share("unit") >= 0.6:
            return ColumnRole.UNIT, None
        if profile.share("agency") >= 0.5:
            return ColumnRole.AGENCY, None
        if profile.share("number", "roman") >= 0.6 and profile.mean_length <= 6:
            return ColumnRole.LABEL, None
    return ColumnRole.OTHER, None


def _target_word(part: str) -> bool:
    f = fold(part)
    return bool(re.search(r"\bden nam\b|\bphan dau\b|\bmuc tieu\b|\bke hoach\b|\bgiai doan\b", f))


def _under_target_group(parts: list[str], hints: list[frozenset[str]]) -> bool:
    return any("group" in h for h in hints[:-1]) or (len(parts) == 1 and "group" in hints[0])


def resolve_columns(paths: list[tuple[str, ...]], profiles: list[Profile],
                    doc_year: int | None = None) -> list[Column]:
    """The columns of a table: each one's role, with one name column (the one holding names)."""
    columns = []
    for i, (path, profile) in enumerate(zip(paths, profiles)):
        role, year = column_role(path, profile, doc_year)
        columns.append(Column(i, tuple(p for p in path if p), role, year))
    names = [c for c in columns if c.role == ColumnRole.NAME]
    if len(names) > 1:
        # "Chỉ tiêu" and "Chỉ tiêu theo Nghị quyết 68": the names are the long texts
        best = max(names, key=lambda c: (profiles[c.index].mean_length, -c.index))
        columns = [c if c.role != ColumnRole.NAME or c is best else
                   Column(c.index, c.path, ColumnRole.SOURCE if "source" in _all_hints(c.path) else ColumnRole.NOTE)
                   for c in columns]
    if not any(c.role in (ColumnRole.NAME, ColumnRole.TASK) for c in columns):
        # no title says where the names are: the column of long texts
        texts = [c for c in columns if c.role == ColumnRole.OTHER and profiles[c.index].share("text") >= 0.5
                 and profiles[c.index].mean_length >= 20]
        if texts:
            c = texts[0]
            columns[c.index] = Column(c.index, c.path, ColumnRole.NAME)
    return columns


def _all_hints(path: tuple[str, ...]) -> set[str]:
    return set().union(*(header_hints(p) for p in path)) if path else set()
