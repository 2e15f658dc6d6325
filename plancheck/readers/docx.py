"""Word documents (.docx): the paragraphs and tables of the main document part, in order,
read with python-docx's XML classes.

A .docx has no line numbers: blocks carry ``line=None``; findings then locate a row by
its label and name. Horizontally merged cells appear once (a layout grid repeats them);
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
    zf = check_zip(data, path)
    try:
        # the main document part only, with python-docx's XML classes: opening the whole
        # package (styles, settings, numbering, theme...) would cost ten times as much
        from docx.oxml import parse_xml

        body = parse_xml(zf.read("word/document.xml")).find(_W + "body")
        if body is None:
            raise ValueError("the document has no body")
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml and python-docx raise many kinds on bad files
        raise InputError(f"{path}: not a readable Word document ({type(exc).__name__}: {exc})") from None

    blocks: list[Block] = []
    for item in body.iterchildren(_W + "p", _W + "tbl"):  # paragraphs and tables, in order
        if item.tag == _W + "p":
            text = item.text.replace("\t", " ").strip()
            if not text:
                continue
            bold = _all_bold(item)
            for part in text.split("\n"):
                if part.strip():
                    blocks.append(Block("para", None, text=part.strip(), bold=bold))
        else:
            grid = Block("grid", None)
            above: list = []
            rows = len(item.findall(_W + "tr"))
            if rows > MAX_TABLE_ROWS:
                raise InputError(f"{path}: a table with {rows} rows, over the limit of {MAX_TABLE_ROWS}")
            ncols = len(item.findall(f"{_W}tblGrid/{_W}gridCol")) or 1
            grid_cells = _layout_grid(item, ncols)
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
