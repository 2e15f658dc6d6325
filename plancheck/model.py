"""The data that flows through plancheck: read -> extract -> normalize -> check -> report.

Readers produce a :class:`Document`; extractors fill its tables, narrative targets and
metadata; :mod:`plancheck.normalize` turns it into the normalized target table; checks
produce :class:`Finding` values; a :class:`Report` collects them per file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

# ---------------------------------------------------------------- where things are


# Locations and target cells are values, never changed once made (a test holds every run to it).
# They are not frozen dataclasses: a run makes half a million of them, and a frozen one costs
# four times as much to make; ``unsafe_hash`` gives them the hash a frozen one has.


@dataclass(slots=True, unsafe_hash=True)
class Location:
    """Where a piece of a document is, as a reviewer finds it again.

    * text files: ``line`` (1-based);
    * Word: ``table`` (1-based, top-level tables in document order), ``row`` (1-based ``w:tr``)
      and ``column`` (1-based column of the table grid), or ``paragraph`` (1-based, body
      paragraphs in document order, empty ones counted, as python-docx's
      ``Document.paragraphs``);
    * spreadsheets: ``sheet`` and ``cell`` (``D14``), with ``row``/``column`` of the sheet;
    * PDF: ``page``, with ``table``/``row``/``column`` or ``line`` on the page.

    ``block`` is the position of the paragraph or table in the document (0-based), used only
    to list findings in document order; it is not part of the JSON contract.
    """

    line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None
    sheet: str | None = None
    cell: str | None = None
    page: int | None = None
    block: int | None = field(default=None, compare=False)

    def with_line(self, line: int | None) -> Location:
        """This place at another line (``dataclasses.replace``, at a fifth of its cost)."""
        if line == self.line:
            return self
        return Location(line, self.table, self.row, self.column, self.paragraph, self.sheet, self.cell, self.page,
                        self.block)

    def at_block(self, block: int | None) -> Location:
        """This place in another block (``dataclasses.replace``, at a fifth of its cost)."""
        if block == self.block:
            return self
        return Location(self.line, self.table, self.row, self.column, self.paragraph, self.sheet, self.cell,
                        self.page, block)

    def as_dict(self) -> dict:
        """The JSON ``location`` object: only the fields that apply."""
        out = {}
        for name in ("line", "page", "sheet", "cell", "table", "row", "column", "paragraph"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out

    def sort_key(self) -> tuple:
        big = 10**9
        return (self.block if self.block is not None else big, self.page or 0,
                self.line if self.line is not None else big, self.table or 0, self.row or 0,
                self.column or 0, self.paragraph or 0)

    def describe(self, lang: str = "vi") -> str:
        """Human text: "dòng 319", "bảng 2, hàng 14, cột 4", "Phụ lục!D14", "trang 3, ..."."""
        words = _PLACE_WORDS["vi" if lang == "vi" else "en"]
        parts = []
        if self.page is not None:
            parts.append(f"{words['page']} {self.page}")
        if self.sheet is not None and self.cell is not None:
            parts.append(f"{self.sheet}!{self.cell}")
        elif self.sheet is not None:
            parts.append(self.sheet)
        else:
            if self.line is not None:
                parts.append(f"{words['line']} {self.line}")
            if self.paragraph is not None:
                parts.append(f"{words['paragraph']} {self.paragraph}")
            if self.table is not None:
                parts.append(f"{words['table']} {self.table}")
            if self.row is not None:
                parts.append(f"{words['row']} {self.row}")
            if self.column is not None:
                parts.append(f"{words['column']} {self.column}")
        return ", ".join(parts)


_PLACE_WORDS = {
    "vi": {"page": "trang", "line": "dòng", "paragraph": "đoạn", "table": "bảng", "row": "hàng", "column": "cột"},
    "en": {"page": "page", "line": "line", "paragraph": "paragraph", "table": "table", "row": "row",
           "column": "column"},
}

NOWHERE = Location()


# ---------------------------------------------------------------- what readers produce
#
# Every reader (text, Word, spreadsheet, PDF) turns a file into a list of blocks in document
# order: paragraphs and grids. Text is normalized once, by the reader: NFC, ordinary single
# spaces, no markup (bold markup becomes the ``bold`` flag). Merged cells are expanded once,
# by the reader: the first slot holds the text and the spans, the slots it covers are
# ``covered`` and empty.


@dataclass(slots=True)
class Paragraph:
    text: str
    location: Location
    bold: bool = False
    kind: ClassVar[str] = "para"

    @property
    def line(self) -> int | None:
        return self.location.line


@dataclass(slots=True)
class GridCell:
    text: str
    location: Location
    bold: bool = False
    row_span: int = 1
    col_span: int = 1
    covered: bool = False  # a slot covered by a merged cell above or to the left (text "")
    parts: tuple[str, ...] = ()  # the cell's paragraphs, when it has several (``text`` joins them)

    @property
    def line(self) -> int | None:
        return self.location.line


@dataclass
class Grid:
    """A table as laid out: rows of cells (rows may be ragged in text; Word and
    spreadsheet grids are rectangular). A row of no cells is a break (a blank line inside
    a text table, a page break)."""

    rows: list[list[GridCell]]
    location: Location
    source: str  # tsv | pipe | one-cell | docx | xlsx | pdf
    kind: ClassVar[str] = "grid"

    @property
    def line(self) -> int | None:
        return self.location.line


Block = Paragraph | Grid


# ---------------------------------------------------------------- what extraction produces
#
# One interpreter turns any grid into tables of typed rows. Nothing below depends on the
# layout or the format the table came from.


class ColumnRole(StrEnum):
    LABEL = "label"  # the row number (TT)
    ID = "id"  # a catalogue id given by the table itself ("Mã chỉ tiêu")
    NAME = "name"  # the indicator's name
    UNIT = "unit"
    TARGET = "target"  # a target for a year
    ACTUAL = "actual"  # an achieved or baseline value ("Thực hiện năm 2023", "Hiện trạng"): not a target
    SOURCE = "source"  # where the target comes from: "x" marks under "Theo Nghị quyết 42-NQ/TW"
    AGENCY = "agency"  # responsible agencies
    NOTE = "note"
    TASK = "task"  # the task of a task-assignment table ("Nhiệm vụ, đề án")
    DETAIL = "detail"  # a task's time, level of submission, product
    OTHER = "other"


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the grid
    path: tuple[str, ...]  # the header texts above it, top to bottom ("Mục tiêu phấn đấu", "Năm 2030")
    role: ColumnRole
    year: int | None = None  # the year of a target or actual column

    @property
    def title(self) -> str:
        return " > ".join(self.path)


@dataclass(frozen=True)
class Numbering:
    """A row number as printed: "IV", "4", "4.2", "a", "-" (see :mod:`plancheck.extract.numbering`)."""

    text: str  # without a trailing dot or parenthesis
    style: str  # roman | arabic | decimal | letter | bullet
    parts: tuple[int, ...]  # (4, 2) for "4.2"; (4,) for "IV" and "4"; (1,) for "a"; () for bullets
    in_name: bool = False  # typed at the start of the name cell ("1. Tỷ lệ ...")

    @property
    def value(self) -> int | None:
        return self.parts[-1] if self.parts else None

    @property
    def prefix(self) -> tuple[int, ...]:
        """The parent's parts of a decimal number ((4,) for 4.2)."""
        return self.parts[:-1]

    def sibling_text(self, value: int) -> str:
        """The text of the number ``value`` at this number's level and style ("4.3" for 4.2)."""
        from .textnorm import VI_LETTERS, int_to_roman

        if self.style == "roman":
            return int_to_roman(value)
        if self.style == "letter":
            return VI_LETTERS[value - 1] if 0 < value <= len(VI_LETTERS) else "?"
        if self.style == "decimal":
            return ".".join(str(p) for p in (*self.prefix, value))
        return str(value)


class RowRole(StrEnum):
    SECTION = "section"  # a heading row: "II | Lao động, việc làm"
    GROUP = "group"  # a group header that gives its rows a unit: "Chỉ tiêu số lượng trên 10.000 dân"
    INDICATOR = "indicator"  # a row with its own indicator
    BREAKDOWN = "breakdown"  # a part of the indicator above: urban, rural, a region, a school level
    SUB = "sub"  # a sub-target of the indicator above ("Trong đó: ...")
    ITEM = "item"  # a row of a task table


@dataclass(slots=True, unsafe_hash=True)
class TargetCell:  # a value, never changed (see Location)
    year: int
    text: str  # as printed (normalized)
    location: Location


@dataclass
class TableRow:
    """One row of a table, typed: what it is, its number, its cells and where they are."""

    index: int  # position in Table.rows
    role: RowRole
    name: str
    location: Location  # where the row is (its name cell)
    numbering: Numbering | None = None
    unit: str | None = None
    unit_location: Location | None = None
    targets: list[TargetCell] = field(default_factory=list)  # in year order, one per target column present
    missing_targets: int = 0  # target columns beyond the end of a short (text) row
    overflow: tuple[str, ...] = ()  # non-empty cells beyond the header's last column
    breakdown: str | None = None  # urban | rural | region | school_level (role BREAKDOWN)
    parent: int | None = None  # the row this one refines (breakdown, sub-target, bulleted item)
    section: int | None = None  # the enclosing section row
    group_unit: str | None = None  # per_10000 | per_1000, from a group header above
    bold: bool = False
    indicator_id: str | None = None  # a catalogue id written in the table itself (ID column)
    continued: tuple[Location, ...] = ()  # where the rest of a name broken by a page break was found
    # set by matching, after extraction (plancheck.matching)
    indicator: str | None = None
    match_score: float = 0.0
    candidates: tuple[tuple[str, float], ...] = ()
    matched_alias: str | None = None

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def label(self) -> str | None:
        return self.numbering.text if self.numbering else None

    def target(self, year: int) -> TargetCell | None:
        return next((t for t in self.targets if t.year == year), None)


@dataclass
class Table:
    index: int
    kind: str  # indicator | task | other
    location: Location  # where the table (its header) starts
    source: str  # the grid's source: tsv | pipe | one-cell | docx | xlsx | pdf | structured
    columns: list[Column] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # target years, in column order
    rows: list[TableRow] = field(default_factory=list)
    caption: str | None = None
    problem: str | None = None  # why the columns cannot be resolved (None: they were)

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def header(self) -> list[str]:
        return [c.title for c in self.columns]


@dataclass(frozen=True)
class NarrativeTarget:
    indicator: str
    year: int
    raw: str
    line: int | None
    text: str  # the indicator's name as the body writes it
    breakdown: str | None = None  # urban | rural when the statement is about one of them
    location: Location | None = None  # where the paragraph is (Word: its paragraph number)
    change: str | None = None  # decrease | increase: the target is a rate of change
    # ("tỷ lệ hộ nghèo giảm từ 0,5% trở lên" states the indicator of the yearly reduction)


@dataclass(frozen=True)
class Citation:
    kind: str  # Nghị quyết, Kế hoạch, ...
    number: str  # as normalised: 68/NQ-CP
    date: dt.date | None
    date_text: str | None
    line: int | None
    location: Location | None = None


@dataclass(frozen=True)
class Caption:
    line: int | None
    text: str
    number: str | None
    date: dt.date | None
    date_text: str | None
    number_blank: bool = False  # "số     /KH-UBND": the number left blank
    date_blank: bool = False  # "ngày   /  /2024": the date left blank
    location: Location | None = None


@dataclass(frozen=True)
class Heading:
    line: int | None
    style: str  # roman | decimal | letter
    label: str
    text: str
    location: Location | None = None


@dataclass
class Metadata:
    doc_type: str | None = None
    number: str | None = None
    number_line: int | None = None
    number_blank: bool = False
    date: dt.date | None = None
    date_text: str | None = None
    date_line: int | None = None
    date_blank: bool = False
    number_location: Location | None = None
    date_location: Location | None = None
    province: str | None = None
    issuer: str | None = None
    citations: list[Citation] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "type": self.doc_type, "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "province": self.province, "issuer": self.issuer,
            "cites": [{"kind": c.kind, "number": c.number, "date": c.date.isoformat() if c.date else None,
                       "line": c.line, **({"location": c.location.as_dict()} if c.location else {})}
                      for c in self.citations],
        }


@dataclass
class Document:
    path: str
    layout: str  # tsv | one-cell | pipe | docx | prose | structured
    lines: list[str] | None = None  # cleaned text lines (1-based index = line number - 1)
    tables: list[Table] = field(default_factory=list)
    narrative: list[NarrativeTarget] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    has_lines: bool = True
    raw_table: object | None = None  # the raw table of a structured submission, until it is validated
    title_location: Location | None = None  # the first paragraph: where findings about the whole document go


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    path: str
    line: int | None
    indicator: str | None
    row_label: str | None
    row_name: str | None
    year: int | None
    value: str | None
    message: str
    suggestion: str | None
    message_args: tuple = ()
    location: Location = NOWHERE
    indicator_name: str | None = None  # the suite's name of ``indicator``

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "rule": self.rule, "name": self.name,
                "category": self.category, "severity": self.severity, "indicator": self.indicator,
                "indicator_name": self.indicator_name, "row_label": self.row_label, "row_name": self.row_name,
                "year": self.year, "value": self.value, "message": self.message, "suggestion": self.suggestion,
                "location": self.location.as_dict()}

    @property
    def written_name(self) -> str | None:
        """The indicator's name as the document writes it; none when it gives only an id."""
        return self.row_name if self.row_name != self.indicator else None

    @property
    def shown_name(self) -> str | None:
        """The indicator as a reader knows it: the name as printed in the document, or the
        suite's name when the document gives only an id (a structured submission)."""
        if self.row_name and self.row_name != self.indicator:
            return self.row_name
        return self.indicator_name or self.row_name

    def sort_key(self):
        """Findings are listed by file, then in document order."""
        loc = self.location if self.location != NOWHERE else Location(line=self.line)
        return (self.path, loc.sort_key(), self.year or 0, self.rule, self.row_name or "", self.value or "")


@dataclass
class FileResult:
    path: str
    status: str  # ok | error | skipped
    layout: str | None = None
    error: str | None = None  # the one-line reason (English), for an error or a skipped file
    error_vi: str | None = None  # the same reason in Vietnamese
    indicators: int = 0
    targets: int = 0
    meta: dict | None = None
    # a file read but not checked in full: (English, Vietnamese) of each reason (a check that
    # failed, sheets not read); every report says so
    notes: list[tuple[str, str]] = field(default_factory=list)
    checks_failed: bool = False  # a check failed on it: never a clean bill (exit 2)

    def reason(self, lang: str = "en") -> str | None:
        """The one-line reason in ``lang`` (English when no Vietnamese one was given)."""
        return (self.error_vi or self.error) if lang == "vi" else self.error

    def incomplete(self, lang: str = "en") -> str | None:
        """Why the file was not checked in full (None when it was), in ``lang``."""
        if not self.notes:
            return None
        return "; ".join(vi if lang == "vi" else en for en, vi in self.notes)


@dataclass
class Report:
    files: list[FileResult]
    findings: list[Finding]
    suites: list[str]
    lang: str = "vi"
