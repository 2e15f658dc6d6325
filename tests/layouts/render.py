"""Render one :class:`~tests.layouts.spec.TableSpec` in a given :class:`Layout`.

    name, data = render(spec, layout)

A layout says how the table is printed: the file format (tab-separated text, markdown pipe
table, one cell per line, Word, Excel), the header (a group cell over the year columns, how the
years are written, one to three header rows), the columns besides the targets (an actual
value before them; source marks, notes and responsible agencies after them), where row numbers
stand (their own column or typed inside the name cell), a row of column numbers under the
header, page breaks (with the header repeated, with a row's name broken across the break).

The table is first laid out as one grid of slots with row and column spans (``table_pages``),
the same for every format; each format then prints that grid: merged slots become ``gridSpan``
and ``vMerge`` in Word, merged ranges in Excel, empty cells in text. Every file carries the same
document around the table (number, date, body, annex heading and caption), and the table
content is the spec's, cell for cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace

from .spec import SOURCES, TableSpec, slug

FORMATS = {"tsv": ".txt", "md": ".md", "one-cell": ".txt", "docx": ".docx", "xlsx": ".xlsx"}
TEXT_FORMATS = ("tsv", "md", "one-cell")
COLUMN_ROLES = ("actual", "mark", "note", "agency")
COLUMN_NUMBERS = ("(1)", "1")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    """A column besides number, name, unit and targets.

    ``path`` is its header from the top row down (a group first: ``("Ghi chú", "Chỉ tiêu của
    Tỉnh ủy")``); the last title spans down to the last header row. ``key``: for a ``mark``
    column, the source (a key of ``spec.SOURCES``) whose rows get the mark; for an ``agency``
    column, 0 (lead agency) or 1 (partner). ``actual`` columns stand before the targets, the
    others after them, in the order given.
    """

    role: str
    path: tuple[str, ...]
    key: str | int | None = None

    def __post_init__(self):
        if self.role not in COLUMN_ROLES:
            raise ValueError(f"unknown column role {self.role!r} (one of {', '.join(COLUMN_ROLES)})")
        if not self.path or not all(self.path):
            raise ValueError(f"column {self.role}: empty header path {self.path!r}")
        if self.role == "mark" and self.key not in SOURCES:
            raise ValueError(f"mark column {self.path}: key must be one of {', '.join(SOURCES)}")
        if self.role == "agency" and self.key not in (0, 1):
            raise ValueError(f"agency column {self.path}: key must be 0 (lead) or 1 (partner)")


@dataclass(frozen=True)
class Layout:
    """How a table is printed. Invalid combinations raise ``ValueError`` (see ``problems``).

    Page breaks: in tsv and markdown a blank line (markdown starts a new pipe table, with an
    empty header row when the header is not repeated); in one-cell text, Word and Excel the table
    simply continues (with its header rows again when ``repeat_header``). With empty cells
    dropped, a row with one empty target cell could not be read back (which year is left?):
    generated specs write "-" for a missing target, as plans do, and leave target cells empty
    only on a total whose parts carry the targets.
    """

    format: str = "tsv"
    number_title: str | None = "TT"  # None: no number column, numbers typed in the name cell ("1. Tỷ lệ ...")
    name_title: str = "Chỉ tiêu"
    unit_title: str = "Đơn vị"
    target_group: str | None = "Mục tiêu"  # a group cell spanning the year columns
    year_titles: tuple[str, ...] = ("Đến năm {year}",)  # one per header level under the group ({year}, {period})
    columns: tuple[Column, ...] = ()
    column_numbers: str | None = None  # a row numbering the columns under the header: "(1)" or "1"
    page_rows: int | None = None  # a page break after every N body rows
    repeat_header: bool = False  # the header printed again after each page break
    broken_row: bool = False  # the name of the row before a break continues alone in the next row
    keep_empty: bool = True  # one-cell: empty cells kept as blank lines (False: dropped, as Word-to-text does)
    bold_markup: bool = True  # text: section cells in <b>..</b> (tsv) or **..** (md)
    merge_sections: bool = True  # section names span the rest of their row
    numeric_cells: bool = False  # xlsx: targets and actual values that are plain numbers stored as numbers
    mark: str = "x"

    def __post_init__(self):
        problems = self.problems()
        if problems:
            raise ValueError("invalid layout: " + "; ".join(problems))

    def problems(self) -> list[str]:
        out = []
        if self.format not in FORMATS:
            out.append(f"unknown format {self.format!r} (one of {', '.join(FORMATS)})")
        if not self.year_titles or not all("{year}" in t or "{period}" in t for t in self.year_titles):
            out.append("every year title needs {year} or {period}")
        if self.column_numbers not in (None, *COLUMN_NUMBERS):
            out.append(f"column_numbers is one of {COLUMN_NUMBERS}")
        if self.page_rows is not None and self.page_rows < 1:
            out.append("page_rows must be positive")
        if (self.repeat_header or self.broken_row) and not self.page_rows:
            out.append("a repeated header or a broken row needs page breaks (page_rows)")
        if not self.keep_empty and self.format != "one-cell":
            out.append("dropped empty cells apply to one cell per line only")
        if self.format == "one-cell" and self.broken_row and not self.keep_empty:
            out.append("a broken row cannot be told from the next row's name once empty cells are dropped")
        if self.numeric_cells and self.format != "xlsx":
            out.append("numeric cells apply to xlsx only")
        if sum(c.role == "agency" for c in self.columns) > 2:
            out.append("at most two agency columns")
        return out

    @property
    def extension(self) -> str:
        return FORMATS[self.format]

    def with_format(self, fmt: str) -> "Layout":
        return replace(self, format=fmt)

    def year_path(self, year: int) -> tuple[str, ...]:
        titles = tuple(t.format(year=year, period=f"{year - 4}-{year}") for t in self.year_titles)
        return ((self.target_group,) if self.target_group else ()) + titles

    @property
    def header_rows(self) -> int:
        return max([len(self.year_path(2030)), 1] + [len(c.path) for c in self.columns])

    def features(self) -> set[str]:
        """Tags naming each layout feature this layout shows (for coverage)."""
        f = {f"format:{self.format}", f"header-rows:{self.header_rows}"}
        if self.target_group:
            f.add(f"target-group:{self.target_group}")
        for t in self.year_titles:
            f.add("years:" + t)
        f.add("number-column" if self.number_title else "numbers-in-name")
        agencies = [c for c in self.columns if c.role == "agency"]
        if agencies:
            f.add(f"agencies:{len(agencies)}")
        for c in self.columns:
            title = c.path[-1]
            if c.role == "actual":
                f.add("actual:" + re.sub(r"\s*\d{4}$", "", title))
            if c.role in ("mark", "note"):
                f.add(f"{c.role}-column")
                if len(c.path) > 1:
                    f.add("note-group")
                if title.startswith("Chỉ tiêu"):
                    f.add("title-begins-chi-tieu")
                if re.search(r"\b20\d\d\b", title):
                    f.add("title-names-year")
                if re.search(r"Nghị quyết|NQ", title):
                    f.add("title-names-resolution")
        if self.column_numbers:
            f.add(f"column-numbers:{self.column_numbers}")
        if self.page_rows:
            f.add("page-break")
        if self.repeat_header:
            f.add("repeat-header")
        if self.broken_row:
            f.add("broken-row")
        if self.format == "one-cell":
            f.add("one-cell:" + ("keep-empty" if self.keep_empty else "drop-empty"))
        if self.format in TEXT_FORMATS and self.format != "one-cell" and self.bold_markup:
            f.add("bold-markup")
        if self.format in ("docx", "xlsx") and (self.header_rows > 1 or self.merge_sections):
            f.add("merged-cells")
        if self.numeric_cells:
            f.add("numeric-cells")
        return f


# ---------------------------------------------------------------- the grid every format prints


@dataclass
class Slot:
    text: str = ""
    role: str = ""  # number | name | unit | actual | target | mark | note | agency ("" in headers)
    bold: bool = False
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False  # covered by a merged slot above or to the left


@dataclass
class GridRow:
    kind: str  # header | numbers | section | group | indicator | breakdown | sub | continuation
    slots: list[Slot]
    spec_row: int | None = None


@dataclass(frozen=True)
class ColumnDef:
    role: str  # number | name | unit | actual | target | mark | note | agency
    path: tuple[str, ...]
    key: str | int | None = None  # year of a target column; Column.key otherwise


def column_defs(spec: TableSpec, layout: Layout) -> list[ColumnDef]:
    cols = []
    if layout.number_title:
        cols.append(ColumnDef("number", (layout.number_title,)))
    cols += [ColumnDef("name", (layout.name_title,)), ColumnDef("unit", (layout.unit_title,))]
    cols += [ColumnDef(c.role, c.path, c.key) for c in layout.columns if c.role == "actual"]
    cols += [ColumnDef("target", layout.year_path(y), y) for y in spec.years]
    cols += [ColumnDef(c.role, c.path, c.key) for c in layout.columns if c.role != "actual"]
    return cols


def header_grid(cols: list[ColumnDef]) -> list[GridRow]:
    """The header rows: each column's path top-down, its last title spanning down to the
    bottom row; equal group titles over neighbouring columns merged into one slot."""
    height = max(len(c.path) for c in cols)
    grid = [[Slot() for _ in cols] for _ in range(height)]
    for j, c in enumerate(cols):
        for i, title in enumerate(c.path):
            last = i == len(c.path) - 1
            grid[i][j] = Slot(title, bold=True, rowspan=height - i if last else 1)
        for i in range(len(c.path), height):
            grid[i][j] = Slot(covered=True)
    for i in range(height):
        j = 0
        while j < len(cols):
            p = cols[j].path
            if i < len(p) - 1:
                end = j + 1
                while end < len(cols) and len(cols[end].path) > i + 1 and cols[end].path[:i + 1] == p[:i + 1]:
                    end += 1
                if end - j > 1:
                    grid[i][j].colspan = end - j
                    for k in range(j + 1, end):
                        grid[i][k] = Slot(covered=True)
                j = end
            else:
                j += 1
    return [GridRow("header", row) for row in grid]


def is_bullet(numbering: str | None) -> bool:
    return bool(numbering) and not any(ch.isalnum() for ch in numbering)


def name_cell(numbering: str | None, name: str, layout: Layout) -> str:
    """The name cell as printed: bullets always before the name, numbers when the layout has
    no number column."""
    if is_bullet(numbering):
        return f"{numbering} {name}"
    if numbering and not layout.number_title:
        return f"{numbering}. {name}"
    return name


def split_name(name: str) -> tuple[str, str] | None:
    """Where a long name breaks across a page: the tail starts with a lower-case word."""
    words = name.split()
    if len(words) < 8:
        return None
    for cut in range(len(words) // 2, len(words) - 1):
        if words[cut][0].islower():
            return " ".join(words[:cut]), " ".join(words[cut:])
    return None


def body_row(spec: TableSpec, k: int, cols: list[ColumnDef], layout: Layout) -> GridRow:
    r = spec.rows[k]
    slots = []
    for c in cols:
        if c.role == "number":
            text = "" if is_bullet(r.numbering) else (r.numbering or "")
        elif c.role == "name":
            text = name_cell(r.numbering, r.name, layout)
        elif c.role == "unit":
            text = r.unit or ""
        elif c.role == "actual":
            text = r.actual
        elif c.role == "target":
            text = r.targets.get(c.key, "")
        elif c.role == "mark":
            text = layout.mark if c.key in r.sources else ""
        elif c.role == "note":
            text = r.note
        else:  # agency
            text = r.agencies[c.key] if c.key < len(r.agencies) else ""
        slots.append(Slot(text, c.role, bold=r.kind == "section" and c.role in ("number", "name")))
    if r.kind == "section" and layout.merge_sections:
        j = next(i for i, c in enumerate(cols) if c.role == "name")
        slots[j].colspan = len(cols) - j
        for i in range(j + 1, len(cols)):
            slots[i] = Slot(covered=True)
    return GridRow(r.kind, slots, k)


def table_pages(spec: TableSpec, layout: Layout) -> list[list[GridRow]]:
    """The table as pages of grid rows: the header (and column numbers) on the first page,
    and again on each later page when the layout repeats it."""
    cols = column_defs(spec, layout)
    head = header_grid(cols)
    if layout.column_numbers:
        fmt = "({})" if layout.column_numbers == "(1)" else "{}"
        head.append(GridRow("numbers", [Slot(fmt.format(j + 1)) for j in range(len(cols))]))
    body = [body_row(spec, k, cols, layout) for k in range(len(spec.rows))]
    size = layout.page_rows or len(body) or 1
    chunks = [body[i:i + size] for i in range(0, len(body), size)] or [[]]
    name_col = next(j for j, c in enumerate(cols) if c.role == "name")
    pages = []
    carry = None
    for n, chunk in enumerate(chunks):
        page = _copy(head) if n == 0 or layout.repeat_header else []
        if carry is not None:
            page.append(carry)
            carry = None
        last = chunk[-1]
        if layout.broken_row and n < len(chunks) - 1 and last.kind in ("indicator", "breakdown", "sub"):
            r = spec.rows[last.spec_row]
            parts = split_name(r.name)
            if parts:
                last.slots[name_col].text = name_cell(r.numbering, parts[0], layout)
                slots = [Slot(role=c.role) for c in cols]
                slots[name_col].text = parts[1]
                carry = GridRow("continuation", slots, last.spec_row)
        page += chunk
        pages.append(page)
    return pages


def _copy(rows: list[GridRow]) -> list[GridRow]:
    return [GridRow(r.kind, [replace(s) for s in r.slots], r.spec_row) for r in rows]


# ---------------------------------------------------------------- the document around the table


def annex_name(spec: TableSpec) -> str:
    """"PHỤ LỤC I" as the body cites it: "Phụ lục I"."""
    words = spec.annex.split()
    return " ".join(["Phụ lục"] + words[2:]) if len(words) >= 2 else spec.annex


def document_blocks(spec: TableSpec) -> list[tuple[str, str]]:
    """(kind, text) of the document before the table: kind is head | para | heading | annex | caption."""
    p = spec.province
    return [
        ("head", "ỦY BAN NHÂN DÂN"),
        ("head", f"TỈNH {p.upper()}"),
        ("para", f"Số: {spec.number}"),
        ("para", f"{p}, {spec.date_text}"),
        ("head", "KẾ HOẠCH"),
        ("head", "Thực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ ban hành Chương trình hành động "
                 "thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII "
                 "về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội"),
        ("heading", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("para", f"Triển khai đồng bộ, hiệu quả các nhiệm vụ, giải pháp nâng cao chất lượng chính sách xã hội "
                 f"trên địa bàn tỉnh {p}."),
        ("heading", "II. CÁC CHỈ TIÊU CHỦ YẾU"),
        ("para", f"Các chỉ tiêu chủ yếu đến năm {spec.years[0]} và năm {spec.years[-1]} được giao tại "
                 f"{annex_name(spec)} kèm theo Kế hoạch này."),
        ("heading", "III. TỔ CHỨC THỰC HIỆN"),
        ("para", "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố tổ chức triển khai thực hiện "
                 "Kế hoạch này."),
        ("head", "TM. ỦY BAN NHÂN DÂN"),
        ("head", "KT. CHỦ TỊCH"),
        ("head", "PHÓ CHỦ TỊCH"),
        ("annex", spec.annex),
        ("annex", spec.title),
        ("caption", spec.caption),
    ]


# ---------------------------------------------------------------- formats


def render(spec: TableSpec, layout: Layout) -> tuple[str, bytes]:
    """The file ``spec`` makes in ``layout``: (file name, bytes). Deterministic."""
    name = f"{slug(spec.province)}-{spec.number.split('/')[0]}-{layout.format}{layout.extension}"
    pages = table_pages(spec, layout)
    blocks = document_blocks(spec)
    if layout.format == "docx":
        return name, _docx(blocks, pages, layout)
    if layout.format == "xlsx":
        return name, _xlsx(blocks, pages, layout, spec)
    lines = {"tsv": _tsv, "md": _md, "one-cell": _one_cell}[layout.format](blocks, pages, layout)
    return name, ("\n".join(lines) + "\n").encode("utf-8")


def table_text(data: bytes, spec: TableSpec) -> str:
    """The part of a rendered text file after the caption (and the blank line after it): the table."""
    text = data.decode("utf-8")
    return text[text.index(spec.caption) + len(spec.caption):].removeprefix("\n").removeprefix("\n")


def table_lines(data: bytes, spec: TableSpec) -> list[str]:
    """The lines of the table of a rendered text file, as printed (blank lines kept)."""
    return table_text(data, spec).split("\n")[:-1]


def _marked(slot: Slot, layout: Layout, fmt: str, kind: str) -> str:
    """A slot's text in a text table: section cells in bold markup where the layout has it."""
    if slot.covered or not slot.text:
        return ""
    if kind == "section" and slot.bold and layout.bold_markup:
        return f"<b>{slot.text}</b>" if fmt == "tsv" else f"**{slot.text}**"
    return slot.text


def _text_blocks(blocks, fmt: str) -> list[str]:
    out = []
    for kind, text in blocks:
        if fmt == "md" and kind == "heading":
            text = "### " + text
        elif fmt == "md" and kind == "annex":
            text = f"**{text}**"
        out.append(text)
        if fmt != "one-cell":
            out.append("")
    return out


def _tsv(blocks, pages, layout) -> list[str]:
    out = _text_blocks(blocks, "tsv")
    for n, page in enumerate(pages):
        if n:
            out.append("")
        out += ["\t".join(_marked(s, layout, "tsv", row.kind) for s in row.slots) for row in page]
    return out


def _md(blocks, pages, layout) -> list[str]:
    out = _text_blocks(blocks, "md")

    def line(cells):
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    for n, page in enumerate(pages):
        if n:
            out.append("")
        width = len(page[0].slots)
        rows = [[_marked(s, layout, "md", row.kind) for s in row.slots] for row in page]
        if page[0].kind != "header":  # a continued table without its header: pipe tables need one
            rows.insert(0, [""] * width)
        out.append(line(rows[0]))
        out.append("|" + "---|" * width)
        out += [line(r) for r in rows[1:]]
    return out


def _one_cell(blocks, pages, layout) -> list[str]:
    out = _text_blocks(blocks, "one-cell")
    for page in pages:
        for row in page:
            for s in row.slots:
                if s.covered or (not s.text and not layout.keep_empty):
                    continue
                out.append(s.text)
    return out


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps (entries and document properties)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              rb"\g<1>2024-01-01T00:00:00Z\g<3>", body)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = info.external_attr
            dst.writestr(zi, body)
    return out.getvalue()


def _docx(blocks, pages, layout) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Pt
    from docx.table import _Cell

    d = docx.Document()
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(13)
    for n, (kind, text) in enumerate(blocks):
        if kind == "annex" and blocks[n - 1][0] != "annex":  # the annex starts on a new page
            d.add_page_break()
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold = kind in ("head", "heading", "annex")
        run.italic = kind == "caption"
        if kind in ("annex", "caption"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = [row for page in pages for row in page]
    width = len(rows[0].slots)
    table = d.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    # cells by grid position, taken once before merging (table.cell() re-walks the whole table)
    cells = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for i, row in enumerate(rows):
        for j, s in enumerate(row.slots):
            if s.text and not s.covered:
                run = cells[i][j].paragraphs[0].add_run(s.text)
                run.bold = s.bold
    for i, row in enumerate(rows):
        for j, s in enumerate(row.slots):
            if not s.covered and (s.rowspan > 1 or s.colspan > 1):
                cells[i][j].merge(cells[i + s.rowspan - 1][j + s.colspan - 1])
    # the first page's header rows repeat on each printed page (Word's "repeat as header row")
    for tr in table._tbl.tr_lst[:sum(r.kind in ("header", "numbers") for r in pages[0])]:
        tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    buf = io.BytesIO()
    d.save(buf)
    return _stable_zip(buf.getvalue())


_INT = re.compile(r"\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = re.compile(r"\d+,(\d+)")


def numeric_value(text: str) -> tuple[int | float, str] | None:
    """A plain number as Excel stores it, with the number format that shows it as written
    (in Vietnamese notation: ``#,##0`` shows 11900 as 11.900, ``0.0`` shows 2.5 as 2,5)."""
    if _INT.fullmatch(text) and (text == "0" or not text.startswith("0")):
        return int(text), "General"
    if _THOUSANDS.fullmatch(text):
        return int(text.replace(".", "")), "#,##0"
    m = _DECIMAL.fullmatch(text)
    if m and (not text.startswith("0") or text.startswith("0,")):
        return float(text.replace(",", ".")), "0." + "0" * len(m.group(1))
    return None


def _xlsx(blocks, pages, layout, spec) -> bytes:
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = annex_name(spec)
    wb.properties.creator = "plancheck tests.layouts"
    wb.properties.created = dt.datetime(*FIXED_TIME)
    rows = [row for page in pages for row in page]
    width = len(rows[0].slots)
    r = 1
    for kind, text in blocks:
        cell = ws.cell(r, 1, text)
        cell.font = Font(bold=kind in ("head", "heading", "annex"), italic=kind == "caption")
        if kind in ("annex", "caption"):
            cell.alignment = Alignment(horizontal="center")
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    r += 1  # a blank row above the table
    for row in rows:
        for j, s in enumerate(row.slots):
            if s.covered:
                continue
            value, fmt = s.text, None
            if layout.numeric_cells and s.role in ("target", "actual", "number") and s.text:
                num = numeric_value(s.text)
                if num is not None and (s.role != "number" or isinstance(num[0], int) and num[1] == "General"):
                    value, fmt = num
            cell = ws.cell(r, j + 1, value if value != "" else None)
            if fmt:
                cell.number_format = fmt
            if s.bold:
                cell.font = Font(bold=True)
            if row.kind in ("header", "numbers"):
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if s.rowspan > 1 or s.colspan > 1:
                ws.merge_cells(start_row=r, start_column=j + 1, end_row=r + s.rowspan - 1,
                               end_column=j + s.colspan)
        r += 1
    from openpyxl.utils import get_column_letter

    for j, row_slot in enumerate(rows[-1].slots):
        ws.column_dimensions[get_column_letter(j + 1)].width = 60 if row_slot.role == "name" else 14
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())
