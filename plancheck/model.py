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

from .targets import TargetValue

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
    # a paragraph joined from hard-wrapped lines: (offset in ``text``, line number) of each line
    line_starts: tuple[tuple[int, int], ...] = ()
    indent: int | None = None  # a Word list item's left indentation (twips): deeper items stand further right
    kind: ClassVar[str] = "para"

    @property
    def line(self) -> int | None:
        return self.location.line

    def line_at(self, offset: int) -> int | None:
        """The line of the character at ``offset`` in ``text``."""
        line = self.location.line
        for start, at in self.line_starts:
            if start > offset:
                break
            line = at
        return line

    def location_at(self, offset: int) -> Location:
        """Where the character at ``offset`` is: its own line in a joined paragraph."""
        return self.location.with_line(self.line_at(offset)) if self.line_starts else self.location


@dataclass(slots=True)
class GridCell:
    text: str
    location: Location
    bold: bool = False
    row_span: int = 1
    col_span: int = 1
    covered: bool = False  # a slot covered by a merged cell above or to the left (text "")
    parts: tuple[str, ...] = ()  # the cell's paragraphs, when it has several (``text`` joins them)
    # a cell of several text lines (a portal's bar table): (offset in ``text``, line number) of each
    line_starts: tuple[tuple[int, int], ...] = ()

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
    """A list marker as a value, like Pandoc's ``OrderedList (start, style, delimiter)``: "IV",
    "4", "4.2", "a", "-", "Chỉ tiêu 3" (see :mod:`plancheck.extract.numbering`)."""

    text: str  # the number as printed, without its delimiter ("4.2", "a", "IV"; "-" for a bullet)
    style: str  # roman | upper (A, B) | arabic | decimal | letter | bullet
    parts: tuple[int, ...]  # (4, 2) for "4.2"; (4,) for "IV" and "4"; (1,) for "a"; () for bullets
    in_name: bool = False  # typed at the start of the name cell ("1. Tỷ lệ ...")
    delimiter: str = ""  # "." | ")" | "()" (around the number) | ":" | "" (none, or a bullet)
    word: str = ""  # the word before the number, folded: "chi tieu" ("Chỉ tiêu 1:"), "dieu", "muc tieu"

    @property
    def value(self) -> int | None:
        return self.parts[-1] if self.parts else None

    @property
    def prefix(self) -> tuple[int, ...]:
        """The parent's parts of a decimal number ((4,) for 4.2)."""
        return self.parts[:-1]

    @property
    def kind(self) -> tuple:
        """What makes two markers numbers of one list: their style, the word before them, their
        delimiter where it tells lists apart ("1." and "1)" are two lists; "a)" and "a." too), the
        depth of a decimal number, and a bullet's sign ("-" and "+" are two levels)."""
        if self.style == "bullet":
            return ("bullet", self.text)
        if self.style == "decimal":
            return ("decimal", len(self.parts), self.word)
        delimiter = "" if self.style in ("roman", "upper") else "." if self.delimiter == ":" else self.delimiter
        return (self.style, delimiter, self.word)

    def sibling_text(self, value: int) -> str:
        """The text of the number ``value`` at this number's level and style ("4.3" for 4.2)."""
        from .textnorm import VI_LETTERS, int_to_roman

        if self.style == "roman":
            return int_to_roman(value)
        if self.style == "letter":
            return VI_LETTERS[value - 1] if 0 < value <= len(VI_LETTERS) else "?"
        if self.style == "upper":
            return chr(ord("A") + value - 1) if 0 < value <= 26 else "?"
        if self.style == "decimal":
            return ".".join(str(p) for p in (*self.prefix, value))
        return str(value)


class RowRole(StrEnum):
    SECTION = "section"  # a heading row: "II | Lao động, việc làm"
    GROUP = "group"  # a group header that gives its rows a unit: "Chỉ tiêu số lượng trên 10.000 dân"
    PARENT = "parent"  # an indicator stated by its parts below it, with no value of its own ("1 | Tỷ lệ ..." over 1.1, 1.2)
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
    ambiguous: bool = False  # two indicators claim the name by less than the matching margin
    # a name cell of several text lines: (offset in ``name``, line number) of each (see GridCell)
    name_lines: tuple[tuple[int, int], ...] = ()

    @property
    def line(self) -> int | None:
        return self.location.line

    def name_location_at(self, offset: int) -> Location:
        """Where the character at ``offset`` of ``name`` is: its own line in a name cell of several
        lines (a statement in a portal's table), else the row's place."""
        line = None
        for start, at in self.name_lines:
            if start > offset:
                break
            line = at
        return self.location.with_line(line) if line is not None else self.location

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


class TargetKind(StrEnum):
    LEVEL = "level"  # a level to reach or keep: "đạt 80%", "dưới 3%", "khoảng 30 m² sàn/người"
    CHANGE = "change"  # a change: "tăng thêm ít nhất 20%", "giảm 1-1,5 điểm %/năm", "tăng trên 3% mỗi năm"
    COUNT = "count"  # a number of things: "ít nhất 20 tập dữ liệu", "05 kịch bản", "48.749 căn hộ"
    STATE = "state"  # a qualitative state: "hoàn thành phổ cập ...", "xóa bỏ hoàn toàn nhà tạm"


@dataclass(frozen=True)
class Target:
    """One target a document states, whatever its indicator: in prose, a list item, a table cell
    that holds the whole statement, or an annex row's year column (see
    :mod:`plancheck.extract.statements`). Results, estimates, scoring bands and legal thresholds
    are not targets."""

    subject: str  # what the target is about, as written ("Tỷ lệ doanh nghiệp vừa và nhỏ ... ứng dụng công nghệ số")
    key: str  # the subject made comparable: folded, spelling variants and abbreviations unified
    value_text: str  # the value as written ("tối thiểu 40%", "< 3", "Hoàn thành")
    value: TargetValue  # the value read: comparator, low and high bounds, or a qualitative level
    unit: str | None  # "%", "điểm %", "người", "tỷ đồng", "lần", "/10.000 dân", "tập dữ liệu" ...
    kind: TargetKind
    year: int | None  # the milestone year; the last year of a period; None when the document gives none
    location: Location
    source: str  # prose | item | cell | row (a row of an annex table with year columns)
    text: str  # the clause that states it
    period: tuple[int, int] | None = None  # "giai đoạn 2026-2030": the years the target spans
    every_year: bool = False  # "hằng năm", "mỗi năm": a target for each year of the plan
    scope: str | None = None  # "khu vực nông thôn", "tại các khu công nghiệp", "cấp xã"
    direction: str | None = None  # increase | decrease, when the wording says it ("giảm ... xuống dưới 2%")
    indicator: str | None = None  # the suite's indicator the subject matches, if any
    score: float = 0.0  # how well it matches (0-100)

    @property
    def comparator(self) -> str | None:
        """How the value bounds the target: exact, approx (about), lower (at least, above), upper
        (at most, below), range; None for a qualitative state."""
        kind = self.value.kind
        return kind if kind in ("exact", "approx", "lower", "upper", "range") else None

    @property
    def low(self) -> float | None:
        return self.value.lo

    @property
    def high(self) -> float | None:
        return self.value.hi


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


class NodeKind(StrEnum):
    """What a node of the document's outline is (a closed set, like docling's labels)."""

    DOCUMENT = "document"  # the root
    ANNEX = "annex"  # an annex ("PHỤ LỤC ..."): a subtree like any other
    HEADING = "heading"  # a numbered or bold paragraph that other nodes stand under
    ITEM = "item"  # a numbered or bulleted paragraph with nothing numbered under it
    PARAGRAPH = "paragraph"  # a paragraph without a marker
    TABLE = "table"
    ROW = "row"  # a table row (its role is the TableRow's)


@dataclass(eq=False)
class OutlineNode:
    """One node of the document's outline: its marker, where it is, and what stands under it.

    Body paragraphs, annexes, tables and table rows are nodes of one tree; a node's parent is
    decided by its marker's kind (a Roman numeral closes everything opened after the last one,
    "2.1" goes under "2", "a)" under the item above it) - see :mod:`plancheck.extract.outline`."""

    kind: NodeKind
    text: str  # the text without its marker (a row: its name)
    location: Location
    marker: Numbering | None = None
    children: list[OutlineNode] = field(default_factory=list)
    parent: OutlineNode | None = field(default=None, repr=False)
    table: int | None = None  # the index in Document.tables of a table, or of a row's table
    row: int | None = None  # the index in Table.rows of a row
    bold: bool = False
    announced: int | None = None  # "gồm 5 nhiệm vụ", "(10 mục tiêu)": how many items the text announces
    # the kind of list the node is an item of: its marker's kind, ("bold",) for a bold heading without
    # a number, ("section",) for a table's heading row without one; None for what opens no level
    list_kind: tuple | None = None
    indent: int | None = None  # a Word list item's indentation (twips), where the format gives it
    paragraph: Paragraph | None = field(default=None, repr=False)  # the paragraph the node was read from
    offset: int = 0  # where ``text`` starts in that paragraph's text

    def location_at(self, at: int) -> Location:
        """Where the character at ``at`` in ``text`` is (its own line in a hard-wrapped paragraph)."""
        if self.paragraph is None:
            return self.location
        return self.paragraph.location_at(self.offset + at)

    def add(self, child: OutlineNode) -> OutlineNode:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self):
        """This node and every node under it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def path(self) -> str:
        """The numbers from the top to this node, as a reference reads them: "II.3", "II.2.1",
        "III.1.a" (a decimal number holds its parent's); "" at the top."""
        parts: list[str] = []
        previous: Numbering | None = None
        for node in reversed([self, *self.ancestors()]):
            m = node.marker
            if m is None or m.style == "bullet":
                continue
            if m.style == "decimal" and previous is not None and previous.parts == m.prefix and parts:
                parts[-1] = m.text
            else:
                parts.append(m.text)
            previous = m
        return ".".join(parts)


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
    targets: list[Target] = field(default_factory=list)  # every target stated, whatever its indicator
    # a whole and its parts as the text gives them ("58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33
    # trạm)"), and whether the parts are all of it (the shares of a "cơ cấu")
    parts: list[tuple[Target, list[Target], bool]] = field(default_factory=list)
    outline: OutlineNode | None = None  # every heading, item, paragraph, table and row, in one tree
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
    targets: int = 0  # targets of the suite's indicators read in the body (narrative_targets in JSON)
    meta: dict | None = None
    stated: int = 0  # every target the document states, whatever its indicator (targets in JSON)
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
    hidden_by_baseline: int = 0  # known findings a baseline took out of ``findings``
