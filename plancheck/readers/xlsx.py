"""Workbooks (.xlsx): each visible sheet as paragraphs (title and caption rows) and a grid.

Sheets are streamed with openpyxl's read-only mode, so a sheet's rows are checked against
the limits while they are read, never loaded whole. The size a sheet declares (its
``<dimension>``) is not trusted: every row the sheet holds is read, up to the row limit
(a workbook that understates its size would otherwise hide its last rows), and a row is
built no wider than the cell limit (a cell far to the right is refused, not padded up to).
Merged ranges (which read-only mode does not expose) are read from the sheet's XML the same
way. A merged range is expanded
once, here: its top-left cell holds the text and the spans, the cells it covers are
``covered``. Formulas are read from the values the spreadsheet program saved with them; a
formula with no saved value is an error naming its cell. Hidden sheets are not read.

Rows above the first row with two or more texts (a title, a caption, often merged across the
sheet) are paragraphs; the rest of the sheet is one grid, read by the same table interpreter
as a Word table. Cells carry ``Location(sheet, cell, row, column)``; ``line`` is the sheet row.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from ..errors import InputError
from ..limits import DEFAULT, Limits, exceeded
from ..model import Block, Grid, GridCell, Location, Paragraph
from .docx import check_zip
from .text import cell_text

_MERGE_REF = re.compile(r"^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def xlsx_blocks(data: bytes, path: str, limits: Limits = DEFAULT, notes: list | None = None) -> list[Block]:
    """The blocks of a workbook's visible sheets; ``notes`` receives what was not read (hidden
    sheets), which the reports show."""
    zf = check_zip(data, path, limits)
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on bad files
        raise InputError(f"{path}: not a readable XLSX workbook ({type(exc).__name__}: {exc})",
                         f"{path}: không đọc được tệp Excel XLSX ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []
    hidden = []
    chars = [0]  # characters read, over the sheets
    cells = [0]  # grid cells made, over the sheets
    try:
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                hidden.append(ws.title)
                continue
            rows = _sheet_rows(ws, path, limits, data, chars)
            if not any(any(text for text, _ in r) for r in rows):
                continue
            merges = _merges(zf, getattr(ws, "_worksheet_path", None), limits, path)
            blocks.extend(_sheet_blocks(ws.title, rows, merges, len(blocks), path, limits, cells))
    finally:
        wb.close()
    if not blocks or (hidden and not any(isinstance(b, Grid) for b in blocks)):
        extra_en = f" (hidden sheets are not read: {', '.join(hidden)})" if hidden else ""
        extra_vi = f" (không đọc các trang tính bị ẩn: {', '.join(hidden)})" if hidden else ""
        raise InputError(f"{path}: the workbook has no visible sheet with a table{extra_en}",
                         f"{path}: tệp Excel không có trang tính hiển thị nào có bảng{extra_vi}")
    if hidden and notes is not None:
        names = ", ".join(repr(h) for h in hidden)
        notes.append((f"hidden sheets were not read: {names}", f"không đọc các trang tính bị ẩn: {names}"))
    return blocks


def _streamed(ws, path: str, limits: Limits):
    """The rows of a read-only sheet, all of them whatever its ``<dimension>`` says, each as
    wide as its last cell but never wider than the cell limit: a non-empty cell past the
    limit is refused (openpyxl would build the row out to it, and pad every row to the
    declared width)."""
    from openpyxl.cell.read_only import EMPTY_CELL, ReadOnlyCell

    limit = limits.max_cells_per_row

    def row_of(row, min_col=1, max_col=None, values_only=False):
        out = []
        for cell in row:
            column = cell["column"]
            if column > limit:
                if cell["value"] is None:
                    continue
                raise exceeded(path, "max_cells_per_row", limits,
                               (f"sheet '{ws.title}', row {cell['row']}", f"trang tính '{ws.title}', hàng {cell['row']}"))
            while len(out) < column - 1:
                out.append(EMPTY_CELL)
            out.append(ReadOnlyCell(ws, **cell))
        return tuple(out)

    ws.reset_dimensions()
    ws._get_row = row_of  # (read-only mode builds each row with it)
    return ws.iter_rows()


def _sheet_rows(ws, path: str, limits: Limits, data: bytes, chars: list[int]) -> list[list[tuple[str, bool]]]:
    """(text, bold) of each cell of the sheet, row by row, formulas replaced by their saved
    values; ``chars`` counts the characters of the workbook read so far (the limit max-chars)."""
    rows: list[list[tuple[str, bool]]] = []
    formulas: dict[tuple[int, int], str] = {}
    for r, row in enumerate(_streamed(ws, path, limits), start=1):
        if r > limits.max_sheet_rows:
            raise exceeded(path, "max_sheet_rows", limits, (f"sheet '{ws.title}'", f"trang tính '{ws.title}'"))
        cells = []
        for c, cell in enumerate(row, start=1):
            if c > limits.max_cells_per_row:
                if cell.value is None:
                    continue
                raise exceeded(path, "max_cells_per_row", limits,
                               (f"sheet '{ws.title}', row {r}", f"trang tính '{ws.title}', hàng {r}"))
            value = cell.value
            if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
                formulas[(r, c)] = str(value)
                cells.append(("", False))
                continue
            text = _text(value, getattr(cell, "number_format", "") or "")
            chars[0] += len(text)
            if chars[0] > limits.max_chars:
                raise exceeded(path, "max_chars", limits)
            bold = bool(text) and bool(getattr(getattr(cell, "font", None), "b", False))
            cells.append(cell_text(text)[0:1] + (bold,) if text else ("", False))
        while cells and not cells[-1][0]:
            cells.pop()
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    if formulas:
        _saved_values(rows, formulas, ws.title, path, data, limits, chars)
    return rows


def _saved_values(rows, formulas: dict[tuple[int, int], str], title: str, path: str, data: bytes, limits: Limits,
                  chars: list[int]) -> None:
    """The values saved with formula cells (a second pass over the sheet, for those cells only)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb[title]
        wanted_rows = {r for r, _ in formulas}
        last = max(wanted_rows)
        for r, row in enumerate(_streamed(ws, path, limits), start=1):
            if r > last:
                break
            if r not in wanted_rows:
                continue
            for c, cell in enumerate(row, start=1):
                if (r, c) not in formulas:
                    continue
                if cell.value is None:
                    ref = f"{_column_letter(c)}{r}"
                    raise InputError(
                        f"{path}: sheet '{title}' cell {ref}: the formula {formulas[(r, c)]} has no saved value; "
                        "open and save the workbook in a spreadsheet program",
                        f"{path}: trang tính '{title}' ô {ref}: công thức {formulas[(r, c)]} chưa có giá trị được lưu; "
                        "hãy mở và lưu lại tệp bằng Excel")
                text = _text(cell.value, getattr(cell, "number_format", "") or "")
                chars[0] += len(text)
                if chars[0] > limits.max_chars:
                    raise exceeded(path, "max_chars", limits)
                while len(rows[r - 1]) < c:
                    rows[r - 1].append(("", False))
                rows[r - 1][c - 1] = (cell_text(text)[0], False)
    finally:
        wb.close()


def _text(value, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, (int, float)):
        return _number(float(value), number_format)
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return str(value)


_FORMAT_SECTION = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _number(value: float, number_format: str) -> str:
    """A number as the sheet shows it, in Vietnamese notation: the format's decimals and
    thousands grouping ("#,##0" shows 11900 as "11.900"), a percentage format times 100 with "%"."""
    fmt = _FORMAT_SECTION.sub("", (number_format or "General").split(";")[0])
    suffix = ""
    if "%" in fmt:
        value, suffix = value * 100, "%"
    if fmt.lower() in ("general", "@", ""):
        decimals = None
    else:
        m = re.search(r"\.([0#?]+)", fmt)
        decimals = len(m.group(1)) if m else 0
    grouped = "," in fmt.split(".")[0]
    if decimals is None:  # General: as many decimals as the value has
        text = f"{int(value)}" if value.is_integer() else f"{round(value, 6):g}"
        if "e" in text:
            text = f"{value:.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.{decimals}f}"
    whole, _, frac = text.partition(".")
    if grouped:
        sign = "-" if whole.startswith("-") else ""
        whole = sign + f"{int(whole.lstrip('-')):,}".replace(",", ".")
    return whole + ("," + frac if frac else "") + suffix


def _merges(zf, sheet_path: str | None, limits: Limits, path: str = "") -> list[tuple[int, int, int, int]]:
    """Merged ranges (first row, first column, last row, last column), read from the sheet's XML."""
    if not sheet_path:
        return []
    from lxml import etree

    name = sheet_path.lstrip("/")
    try:
        stream = zf.open(name)
    except KeyError:
        return []
    out = []
    for _, el in etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True, load_dtd=False):
        if el.tag == _MAIN + "mergeCell":
            m = _MERGE_REF.match(el.get("ref", ""))
            if m:
                out.append((int(m.group(2)), _column_index(m.group(1)), int(m.group(4)), _column_index(m.group(3))))
                if len(out) > limits.max_cells:  # each merge covers a cell at least
                    raise exceeded(path, "max_cells", limits)
        if el.tag in (_MAIN + "row", _MAIN + "mergeCell"):
            el.clear()
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _column_letter(index: int) -> str:
    out = ""
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _sheet_blocks(title: str, rows, merges, first_block: int, path: str = "", limits: Limits = DEFAULT,
                  cells_made: list[int] | None = None) -> list[Block]:
    width = max((len(r) for r in rows), default=0)
    covered: dict[tuple[int, int], bool] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    where = (f"sheet '{title}'", f"trang tính '{title}'")
    # the slots merges cover, counted before any is expanded (fifty merges of the whole sheet
    # would otherwise be expanded cell by cell, each over the sheet's area)
    area = 0
    for r1, c1, r2, c2 in merges:
        r2, c2 = min(r2, len(rows)), min(c2, width)
        if r2 >= r1 and c2 >= c1:
            area += (r2 - r1 + 1) * (c2 - c1 + 1)
            if area > limits.max_cells:
                raise exceeded(path, "max_cells", limits, where)
    cells_made = cells_made if cells_made is not None else [0]
    cells_made[0] += width * sum(1 for row in rows if row)
    if cells_made[0] > limits.max_cells:
        raise exceeded(path, "max_cells", limits, where)
    for r1, c1, r2, c2 in merges:
        r2, c2 = min(r2, len(rows)), min(c2, width)
        if r2 < r1 or c2 < c1:
            continue
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = True
    blocks: list[Block] = []
    # title and caption rows: one text each, above the table
    start = 0
    while start < len(rows) and len({t for t, _ in rows[start] if t}) <= 1:
        texts = [(c, t, b) for c, (t, b) in enumerate(rows[start], start=1) if t]
        if texts:
            c, t, b = texts[0]
            blocks.append(Paragraph(t, _loc(title, start + 1, c, first_block + len(blocks)), b))
        start += 1
    if start >= len(rows):
        return blocks
    block = first_block + len(blocks)
    grid_rows = []
    for r in range(start + 1, len(rows) + 1):
        row = rows[r - 1]
        if not any(t for t, _ in row):
            grid_rows.append([])
            continue
        cells = []
        for c in range(1, width + 1):
            text, bold = row[c - 1] if c - 1 < len(row) else ("", False)
            loc = _loc(title, r, c, block)
            if covered.get((r, c)):
                cells.append(GridCell("", loc, covered=True))
            else:
                rs, cs = spans.get((r, c), (1, 1))
                cells.append(GridCell(text, loc, bold, row_span=rs, col_span=cs))
        grid_rows.append(cells)
    blocks.append(Grid(grid_rows, _loc(title, start + 1, 1, block), "xlsx"))
    return blocks


def _loc(sheet: str, row: int, column: int, block: int) -> Location:
    return Location(line=row, sheet=sheet, cell=f"{_column_letter(column)}{row}", row=row, column=column, block=block)
