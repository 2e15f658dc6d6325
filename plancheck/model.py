"""The data that flows through plancheck: read -> extract -> normalize -> check -> report.

Readers produce a :class:`Document`; extractors fill its tables, narrative targets and
metadata; :mod:`plancheck.normalize` turns it into the normalized target table; checks
produce :class:`Finding` values; a :class:`Report` collects them per file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

# ---------------------------------------------------------------- where things are


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class Cell:
    text: str
    line: int | None


@dataclass
class TableRow:
    """One row of an indicator table, as printed (names and values are raw text)."""

    line: int | None
    label: str | None
    name: str
    unit: str | None = None
    unit_line: int | None = None
    values: list[Cell] = field(default_factory=list)
    role: str = "indicator"  # indicator | section | group | breakdown
    parent: int | None = None  # index (in Table.rows) of the parent row
    breakdown: str | None = None  # urban | rural | region | school level | sub
    group_unit: str | None = None  # unit given by a group header ("trên 10.000 dân")
    section: str | None = None  # label of the enclosing section row
    cell_count: int | None = None  # target cells actually present (None: layout cannot tell)
    extra: dict = field(default_factory=dict)  # layout-specific details (column texts)


@dataclass
class Table:
    index: int
    kind: str  # indicator | task | other
    line: int | None
    years: list[int]
    rows: list[TableRow] = field(default_factory=list)
    caption: str | None = None
    columns_ok: bool = True
    numbering: list[tuple[int | None, str, str | None]] = field(default_factory=list)
    # (line, label as printed, section label) in reading order, for structure checks


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
    line: int


@dataclass(frozen=True)
class Caption:
    line: int
    text: str
    number: str | None
    date: dt.date | None
    date_text: str | None


@dataclass(frozen=True)
class Heading:
    line: int
    style: str  # roman | decimal | letter
    label: str
    text: str


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
                       "line": c.line} for c in self.citations],
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

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "rule": self.rule, "name": self.name,
                "category": self.category, "severity": self.severity, "indicator": self.indicator,
                "row_label": self.row_label, "row_name": self.row_name, "year": self.year,
                "value": self.value, "message": self.message, "suggestion": self.suggestion,
                "location": self.location.as_dict()}

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


@dataclass
class Report:
    files: list[FileResult]
    findings: list[Finding]
    suites: list[str]
    lang: str = "vi"
