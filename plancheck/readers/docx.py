"""Word documents (.docx) with python-docx: paragraphs and tables in document order.

A .docx has no line numbers: blocks carry ``line=None``; findings then locate a row by
its label and name. Horizontally merged cells appear once (python-docx repeats them);
vertically merged continuation cells are empty.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import InputError
from ..model import Cell
from .text import Block

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_ENTRIES = 5000
MAX_TABLE_ROWS = 50_000


def check_zip(data: bytes, path: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"{path}: corrupt or truncated zip container ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{path}: too many entries in the container ({len(infos)} > {MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputError(f"{path}: container expands to {total // 2**20} MiB, over the "
                         f"{MAX_UNCOMPRESSED // 2**20} MiB limit")
    return zf


def docx_blocks(data: bytes, path: str) -> list[Block]:
    check_zip(data, path)
    try:
        import docx  # python-docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad files
        raise InputError(f"{path}: not a readable Word document ({type(exc).__name__}: {exc})") from None

    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.replace("\t", " ").strip()
            if not text:
                continue
            bold = _all_bold(item._p)
            for part in text.split("\n"):
                if part.strip():
                    blocks.append(Block("para", None, text=part.strip(), bold=bold))
        elif isinstance(item, DocxTable):
            grid = Block("grid", None)
            above: list = []
            if len(item._tbl.tr_lst) > MAX_TABLE_ROWS:
                raise InputError(f"{path}: a table with {len(item._tbl.tr_lst)} rows, over the limit of {MAX_TABLE_ROWS}")
            ncols = len(item._tbl.findall(f"{_W}tblGrid/{_W}gridCol")) or 1
            grid_cells = _layout_grid(item._tbl, ncols)
            for start in range(0, len(grid_cells), ncols):
                tcs = grid_cells[start:start + ncols]
                cells: list[Cell] = []
                seen = set()
                for k, tc in enumerate(tcs):
                    key = id(tc)
                    # a horizontally merged cell repeats in its row, a vertically merged one
                    # repeats the cell above: either way it is read once
                    if key in seen or (k < len(above) and above[k] is tc):
                        cells.append(Cell("", None))
                        seen.add(key)
                        continue
                    seen.add(key)
                    text = _cell_text(tc)
                    if text and _all_bold(tc):
                        text = f"<b>{text}</b>"
                    cells.append(Cell(text, None))
                grid.rows.append(cells)
                grid.row_lines.append(None)
                above = tcs
            blocks.append(grid)
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _layout_grid(tbl, ncols: int) -> list:
    """The table's cells (``w:tc`` elements) on its layout grid, row after row: a cell
    spanning columns repeats in each, a vertically merged continuation repeats the cell
    above. The same grid as python-docx's ``Table._cells``, read from the XML directly
    (its per-cell properties cost more than the rest of the reading)."""
    cells: list = []
    for tr in tbl.iterchildren(_W + "tr"):
        for tc in tr.iterchildren(_W + "tc"):
            props = tc.find(_W + "tcPr")
            span_el = props.find(_W + "gridSpan") if props is not None else None
            merge_el = props.find(_W + "vMerge") if props is not None else None
            span = int(span_el.get(_W + "val", "1")) if span_el is not None else 1
            continued = merge_el is not None and merge_el.get(_W + "val", "continue") == "continue"
            for i in range(max(span, 1)):
                if continued and len(cells) >= ncols:
                    cells.append(cells[-ncols])
                elif i > 0:
                    cells.append(cells[-1])
                else:
                    cells.append(tc)
    return cells


def _cell_text(tc) -> str:
    """The text of a table cell read from its XML (paragraphs joined by a space)."""
    parts = []
    for p in tc.iter(_W + "p"):
        text = "".join(p.itertext(_W + "t", with_tail=False)).strip()
        if text:
            parts.append(text)
    return " ".join(parts)


def _all_bold(element) -> bool:
    """True when every run with text under ``element`` is bold."""
    runs = [r for r in element.iter(_W + "r") if "".join(r.itertext(_W + "t", with_tail=False)).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find(f"{_W}rPr/{_W}b")
        if b is None or b.get(_W + "val") in ("0", "false", "off"):
            return False
    return True
