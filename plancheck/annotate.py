"""Findings put back into the document: an annotated copy for the reviewer.

* **Word (.docx)**: one Word comment per finding (python-docx's comment support), anchored
  on the text of the offending table cell (``Location`` table/row/column) or paragraph
  (``Location`` paragraph), holding the rule code, the severity, the message and the
  suggested correction when there is one; author "plancheck", initials "PC". A finding
  with no place in the body (about the document as a whole, or from a reader that gives no
  location) goes on the title, the first paragraph with text, and says which row or value
  it is about.
* **Excel (.xlsx)**: a cell comment (openpyxl) and a fill on each offending cell
  (``Location`` sheet/cell; until a finding carries one, the sheet row of ``line`` and the
  column of its year, unit or name, found from the header as the structured reader does).

The functions take and return bytes: they never open, let alone write, the input file.

``annotate_file`` is the whole of ``plancheck annotate`` for one file - read, check, annotate -
as the CLI and the web page run it in a worker process under the time budget. It holds the
limits of ``lint`` and those of the libraries that write the copy, which load every part of
the package whole: a part larger than ``max-chars`` bytes, merged ranges covering more than
``max-cells`` cells (openpyxl makes an object for each), are refused before they are loaded; a
package that refers to a part it does not hold is one line. Formulas keep the values the
spreadsheet program saved with them (openpyxl writes the formulas alone; the values are put
back from the input), so the copy reads as the original does.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from .errors import InputError
from .model import Finding, Location

AUTHOR = "plancheck"
INITIALS = "PC"

WORDS = {
    "vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin", "suggestion": "Đề xuất sửa",
           "row": "Chỉ tiêu", "year": "năm", "value": "nội dung ghi"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info", "suggestion": "Suggestion",
           "row": "Indicator", "year": "year", "value": "as written"},
}

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}  # light red, yellow, blue
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def comment_text(f: Finding, lang: str, placed: bool) -> str:
    """The comment for one finding: "Y001 · Lỗi: <message>", then the row it is about when
    the comment could not be put on it, then the suggestion."""
    w = WORDS["vi" if lang == "vi" else "en"]
    from .safetext import xml_safe

    lines = [f"{f.rule} · {w[f.severity]}: {f.message}"]
    if not placed:
        about = []
        if f.row_name or f.row_label:
            about.append(f"{w['row']}: {'. '.join(x for x in (f.row_label, f.row_name) if x)}")
        if f.year:
            about.append(f"{w['year']} {f.year}")
        if f.value and f.value not in f.message:
            about.append(f"{w['value']}: \"{f.value}\"")
        where = f.location.describe(lang)
        if where:
            about.append(where)
        if about:
            line = "; ".join(about)
            lines.append(line[0].upper() + line[1:])
    if f.suggestion:
        lines.append(f"{w['suggestion']}: {f.suggestion}")
    return xml_safe("\n".join(lines))  # (a character XML cannot hold would break the copy)


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


# ---------------------------------------------------------------- Word


def annotate_docx(data: bytes, findings: Iterable[Finding], lang: str = "vi") -> tuple[bytes, int]:
    """The .docx with one comment per finding; (bytes, number of comments placed in the body)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    placed_count = 0
    title = None
    # last to first: comments on the same text then read in document order (each new
    # comment's reference is put right after the anchored runs, before the earlier ones)
    for f in reversed(_ordered(findings)):
        runs = _anchor(document, f.location)
        placed = runs is not None
        if not placed:
            title = title or _title_runs(document)
            runs = title
        placed_count += placed
        document.add_comment(runs, text=comment_text(f, lang, placed), author=AUTHOR, initials=INITIALS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed_count


def _anchor(document, loc: Location):
    """The runs of the cell or paragraph a location names (None when it names none)."""
    if loc.table is not None and loc.row is not None:
        tables = document.tables
        if not 1 <= loc.table <= len(tables):
            return None
        table = tables[loc.table - 1]
        rows = table.rows
        if not 1 <= loc.row <= len(rows):
            return None
        if loc.column is not None:
            if not 1 <= loc.column <= len(table.columns):
                return None
            return _runs(table.cell(loc.row - 1, loc.column - 1).paragraphs)
        cells = rows[loc.row - 1].cells  # the row as a whole: its first cell with text
        return _runs(next((c for c in cells if c.text.strip()), cells[0]).paragraphs) if cells else None
    if loc.paragraph is not None:
        paragraphs = document.paragraphs
        if 1 <= loc.paragraph <= len(paragraphs):
            return _runs([paragraphs[loc.paragraph - 1]])
    return None


def _runs(paragraphs) -> list:
    """The runs with text of these paragraphs (first to last); an empty run to hold the
    comment when there is none."""
    runs = [r for p in paragraphs for r in p.runs if r.text]
    if runs:
        return runs
    return [paragraphs[0].add_run("")]


def _title_runs(document) -> list:
    """The title: the first paragraph with text, else the first table cell with text."""
    for p in document.paragraphs:
        if p.text.strip() and any(r.text for r in p.runs):
            return _runs([p])
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text.strip():
                    return _runs(cell.paragraphs)
    paragraphs = document.paragraphs
    return _runs([paragraphs[0] if paragraphs else document.add_paragraph()])


# ---------------------------------------------------------------- Excel


def annotate_xlsx(data: bytes, findings: Iterable[Finding], lang: str = "vi") -> tuple[bytes, int]:
    """The workbook with a comment and a fill on each offending cell (findings on one cell
    share its comment; the fill is that of the most severe); (bytes, cells marked)."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    wb = openpyxl.load_workbook(io.BytesIO(data))
    header = _header(wb)
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in _ordered(findings):
        by_cell.setdefault(_xlsx_place(wb, header, f), []).append(f)
    for (sheet, ref), found in by_cell.items():
        cell = _top_left(wb[sheet], ref)
        text = "\n\n".join(comment_text(f, lang, placed=True) for f in found)
        if cell.comment is not None and cell.comment.text:
            text = f"{cell.comment.text}\n\n{text}"
        comment = Comment(text, AUTHOR)
        comment.width, comment.height = 360, min(60 + 60 * len(found), 400)
        cell.comment = comment
        worst = max(found, key=lambda f: SEVERITY_ORDER.get(f.severity, 0)).severity
        cell.fill = PatternFill("solid", fgColor=FILLS.get(worst, FILLS["info"]))
    out = io.BytesIO()
    wb.save(out)
    return _with_saved_values(data, out.getvalue()), len(by_cell)


def _top_left(ws, ref: str):
    """The cell at ``ref``, or the top-left cell of the merged range it lies in (the cells a
    merge covers cannot hold a comment or a fill)."""
    cell = ws[ref]
    if type(cell).__name__ == "MergedCell":
        for rng in ws.merged_cells.ranges:
            if ref in rng:
                return ws.cell(rng.min_row, rng.min_col)
    return cell


# ---------------------------------------------------------------- formulas' saved values

_SS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_parts(zf) -> dict[str, str]:
    """Sheet name -> the path of its part in the package."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    book = etree.fromstring(zf.read("xl/workbook.xml"), parser)
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), parser)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_PKG_REL + "Relationship")}
    out = {}
    for sheet in book.iter(_SS + "sheet"):
        target = targets.get(sheet.get(_REL + "id"), "")
        if target:
            out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def _with_saved_values(original: bytes, annotated: bytes) -> bytes:
    """The annotated workbook with the value the spreadsheet program saved with each formula
    (openpyxl writes a formula without it, and a reader of the copy - plancheck among them -
    would find no value there) put back from the original."""
    import zipfile

    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(io.BytesIO(original)) as zin:
        saved: dict[str, dict[str, tuple[str | None, str]]] = {}
        for name, part in _sheet_parts(zin).items():
            values = {}
            try:
                stream = zin.open(part)
            except KeyError:
                continue
            for _, c in etree.iterparse(stream, events=("end",), tag=_SS + "c", resolve_entities=False,
                                        no_network=True, load_dtd=False):
                f, v = c.find(_SS + "f"), c.find(_SS + "v")
                if f is not None and v is not None and c.get("t") != "s":
                    values[c.get("r")] = (c.get("t"), v.text or "")
                c.clear()
            if values:
                saved[name] = values
    if not saved:
        return annotated
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(annotated)) as zcopy, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        parts = {part: saved[name] for name, part in _sheet_parts(zcopy).items() if name in saved}
        for item in zcopy.infolist():
            data = zcopy.read(item.filename)
            values = parts.get(item.filename)
            if values:
                root = etree.fromstring(data, parser)
                for c in root.iter(_SS + "c"):
                    v = c.find(_SS + "v")
                    if c.find(_SS + "f") is None or (v is not None and v.text) or c.get("r") not in values:
                        continue
                    kind, text = values[c.get("r")]
                    if kind:
                        c.set("t", kind)
                    if v is None:
                        v = etree.SubElement(c, _SS + "v")
                    v.text = text
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return out.getvalue()


# ---------------------------------------------------------------- one file, as the CLI and the web page run it


def annotate_file(path: str, data: bytes, kind: str, options, lang: str) -> tuple[bytes, int, int]:
    """Read and check ``data`` (a .docx or .xlsx named ``path``) and make its annotated copy:
    (copy, findings, places marked). An input error - a limit passed, a broken package - is
    an :class:`InputError` of one line naming the file."""
    from .engine import run_inputs

    report = run_inputs([(path, data)], options)
    result = report.files[0]
    if result.status == "error":
        raise InputError(result.error, result.error_vi)
    findings = [f for f in report.findings if f.path == result.path]
    try:
        _check_loadable(data, path, kind, options.limits)
        copy, placed = (annotate_docx if kind == "docx" else annotate_xlsx)(data, findings, lang)
    except InputError:
        raise
    except KeyError as exc:  # python-docx and openpyxl follow each relationship to its part
        raise InputError(f"{path}: a broken package: it refers to a part it does not hold ({exc})",
                         f"{path}: tệp bị hỏng: tệp tham chiếu tới một thành phần không có trong tệp ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - one line naming the file, never a traceback
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise InputError(f"{path}: the annotated copy could not be made ({detail})",
                         f"{path}: không tạo được bản có nhận xét ({detail})") from None
    return copy, len(findings), placed


def _check_loadable(data: bytes, path: str, kind: str, limits) -> None:
    """Refuse, before python-docx or openpyxl load the package whole, what lint never loads:
    an XML part larger than ``max-chars`` bytes (a comments part of 193 MiB), and merged
    ranges covering more than ``max-cells`` cells (openpyxl makes an object for each cell a
    merge covers: fifty merges of a whole sheet would be fifty times seventeen billion)."""
    import zipfile

    from .limits import exceeded

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if info.filename.endswith((".xml", ".rels")) and info.file_size > limits.max_chars:
                raise exceeded(path, "max_chars", limits, (f"part {info.filename}", f"thành phần {info.filename}"))
        if kind != "xlsx":
            return
        from .readers.xlsx import _merges

        area = 0
        for part in _sheet_parts(zf).values():
            for r1, c1, r2, c2 in _merges(zf, part, limits, path):
                area += max(0, r2 - r1 + 1) * max(0, c2 - c1 + 1)
                if area > limits.max_cells:
                    raise exceeded(path, "max_cells", limits, ("merged ranges", "các vùng ô gộp"))


def _header(wb) -> tuple[str, int, dict[str, int]] | None:
    """(sheet, header row, {role: column}) of the first visible sheet with a recognisable
    header, found as the structured reader finds it."""
    from .readers.structured import header_role

    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for r, values in enumerate(ws.iter_rows(min_row=1, max_row=20, values_only=True), start=1):
            roles = {}
            for c, v in enumerate(values, start=1):
                role = header_role(str(v)) if v is not None else None
                if role and role not in roles:
                    roles[role] = c
            if len(roles) >= 2:
                return ws.title, r, roles
    return None


def _xlsx_place(wb, header, f: Finding) -> tuple[str, str]:
    from openpyxl.utils import get_column_letter

    loc = f.location
    if loc.sheet is not None and loc.sheet in wb.sheetnames:
        if loc.cell is not None:
            return loc.sheet, loc.cell
        if loc.row is not None and loc.column is not None:
            return loc.sheet, f"{get_column_letter(loc.column)}{loc.row}"
    if header is None:
        return wb.worksheets[0].title, "A1"
    sheet, header_row, roles = header
    row = f.line
    if row is None:  # about the submission as a whole: the first header cell
        return sheet, f"{get_column_letter(min(roles.values()))}{header_row}"
    if f.year and f"y{f.year}" in roles:
        column = roles[f"y{f.year}"]
    elif f.category == "unit" and "unit" in roles:
        column = roles["unit"]
    else:
        column = next((roles[k] for k in ("name", "indicator", "label") if k in roles), min(roles.values()))
    return sheet, f"{get_column_letter(column)}{row}"
