"""The follow-up workbook (``plancheck lint --format xlsx``), ready to send to the provinces.

* A summary sheet: what was checked and found, then one row per province - its sheet, its
  documents (file, number and date), the counts by severity and by rule - and the rules met,
  each with its name and message. Files that could not be read have a row of their own.
* One sheet per province, named by the province (from the document's header; a document
  that names none gets a sheet named by its file): the province, each document with its file,
  number and date, then the findings - where, the row as written and as the suite names it,
  the year, the value, severity, category, rule, reason, correction - and an empty column
  for the province's response. When a province has several documents, a first column says
  which document each finding is in.

Every sheet prints landscape on A4, fit to the page's width, with its header row on every
page, the sheet's name at the top and the page number at the foot; rows are as high as their
wrapped text; panes are frozen below the header row and the table has filters.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from ..model import Report
from ..rules import SEVERITIES, category_label, registry, severity_label
from ..textnorm import fold
from . import counted, hidden_note, where
from .cells import append_row
from .sheetlayout import fit_rows, print_setup, row_height, sheet_name, table_style

DOC_TYPES = {
    "vi": {"plan": "Kế hoạch", "programme": "Chương trình hành động", "decision": "Quyết định",
           "resolution": "Nghị quyết", "report": "Báo cáo", "directive": "Chỉ thị", "scheme": "Đề án"},
    "en": {"plan": "Plan", "programme": "Action programme", "decision": "Decision", "resolution": "Resolution",
           "report": "Report", "directive": "Directive", "scheme": "Scheme"},
}
WORDS = {
    "vi": {"province": "Tỉnh", "sheet": "Trang tính", "documents": "Văn bản (tệp, số, ngày)", "file": "Tệp",
           "number": "số", "date": "ngày", "no_number": "không tìm thấy số văn bản", "doc": "Văn bản",
           "title": "Báo cáo kiểm tra chỉ tiêu: tổng hợp", "rules": "Các quy tắc có phát hiện",
           "code": "Mã", "name": "Tên", "message": "Nội dung thông báo", "page": "Trang &P/&N",
           "unknown": "(không rõ tỉnh)"},
    "en": {"province": "Province", "sheet": "Sheet", "documents": "Documents (file, number, date)", "file": "File",
           "number": "no.", "date": "dated", "no_number": "no document number found", "doc": "Document",
           "title": "Target check report: summary", "rules": "Rules with findings",
           "code": "Code", "name": "Name", "message": "Message", "page": "Page &P of &N",
           "unknown": "(province unknown)"},
}
# the findings table of a province's sheet: column key, width (in digit widths)
FINDING_COLUMNS = [("line", 9), ("row_label", 6), ("row_name", 30), ("indicator", 24), ("year", 6), ("value", 14),
                   ("severity", 9), ("category", 13), ("rule", 7), ("reason", 44), ("suggestion", 18),
                   ("response", 26)]
DOCUMENT_COLUMN = 16  # the width of the first column, when a sheet holds several documents
SEVERITY_FILL = {"error": "FDE2E1", "warning": "FFF4CE", "info": "E8F1FB"}


def _date(iso: str | None) -> str | None:
    if not iso:
        return None
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _describe(fr, lang: str, w: dict) -> str:
    """A document as the sheets name it: its type, number and date, or that no number was found."""
    meta = fr.meta or {}
    kind = DOC_TYPES[lang].get(meta.get("type") or "")
    parts = []
    if meta.get("number"):
        parts.append(f"{kind + ' ' if kind else ''}{w['number']} {meta['number']}")
    else:
        parts.append(f"{kind}, {w['no_number']}" if kind else w["no_number"])
    if meta.get("date"):
        parts.append(f"{w['date']} {_date(meta['date'])}")
    return " ".join(parts)


def _counts_text(findings, lang: str, t: dict) -> str:
    sev = Counter(f.severity for f in findings)
    return (f"{counted(len(findings), t['finding'], lang)}: {counted(sev.get('error', 0), t['an_error'], lang)}, "
            f"{counted(sev.get('warning', 0), t['a_warning'], lang)}, "
            f"{counted(sev.get('info', 0), t['info'].lower(), lang)}")


def _groups(report: Report) -> list[tuple[str | None, list]]:
    """The files read, grouped by province (as their headers name it), provinces in
    alphabetical order; a file whose header names no province is a group of its own, after."""
    by_province: dict[str, list] = {}
    alone = []
    for fr in report.files:
        if fr.status != "ok":
            continue
        province = (fr.meta or {}).get("province")
        if province:
            by_province.setdefault(province, []).append(fr)
        else:
            alone.append((None, [fr]))
    return [(p, by_province[p]) for p in sorted(by_province, key=lambda p: (fold(p), p))] + alone


def followup_workbook(report: Report) -> bytes:
    from openpyxl import Workbook

    from .followup import LABELS, _category_label

    lang = "en" if report.lang == "en" else "vi"
    t, w = LABELS[lang], WORDS[lang]
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    wb = Workbook()
    summary = wb.active
    used = set()
    summary.title = sheet_name(t["summary"], used)
    groups = _groups(report)
    names = [sheet_name(p or Path(frs[0].path).stem, used, "doc") for p, frs in groups]

    _summary_sheet(summary, report, groups, names, lang, t, w, by_path)
    cols = [c for c, _ in FINDING_COLUMNS]
    for (province, files), name in zip(groups, names):
        ws = wb.create_sheet(name)
        several = len(files) > 1
        widths = ([DOCUMENT_COLUMN] if several else []) + [width for _, width in FINDING_COLUMNS]
        total = sum(widths)
        titles = {}
        ws.append([province or w["unknown"]])
        titles[ws.max_row] = total
        for fr in files:
            mine = by_path.get(fr.path, [])
            ws.append([f"{t['document']}: {fr.path} - {_describe(fr, lang, w)} - {_counts_text(mine, lang, t)}"])
            titles[ws.max_row] = total
        ws.append([])
        append_row(ws, ([t["document"]] if several else []) + [t[c] for c in cols])
        header = ws.max_row
        for fr in files:
            for f in by_path.get(fr.path, []):
                line = f.line if f.line is not None and f.location.sheet is None else where(f, lang)
                append_row(ws, ([Path(fr.path).name] if several else []) + [
                    line, f.row_label, f.written_name, f.indicator_name, f.year, f.value,
                    severity_label(f.severity, lang), _category_label(f.category, lang), f.rule,
                    f.message, f.suggestion, None])
        _finish(ws, header, widths, titles, w)
        sev_col = (2 if several else 1) + cols.index("severity")
        _fill_severity(ws, header, sev_col, report, t)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _summary_sheet(ws, report: Report, groups, names, lang: str, t: dict, w: dict, by_path) -> None:
    rules_met = sorted({f.rule for f in report.findings})
    head = [w["province"], w["sheet"], w["documents"], t["status"], t["total"], t["error"], t["warning"],
            t["info"], *rules_met]
    widths = [14, 12, 36, 12, 8, 7, 9, 9] + [7] * len(rules_met)
    total = sum(widths)
    titles = {}
    ws.append([w["title"]])
    titles[ws.max_row] = total
    line = (f"{counted(len(report.files), t['document'].lower(), lang)}, "
            + _counts_text(report.findings, lang, t))
    unreadable = sum(1 for fr in report.files if fr.status == "error")
    if unreadable:
        line += f"; {counted(unreadable, t['document'].lower(), lang)} {t['unreadable']}"
    ws.append([line])
    titles[ws.max_row] = total
    if report.hidden_by_baseline:
        ws.append([hidden_note(report.hidden_by_baseline, lang)])
        titles[ws.max_row] = total
    ws.append([])
    append_row(ws, head)
    header = ws.max_row
    for (province, files), name in zip(groups, names):
        mine = [f for fr in files for f in by_path.get(fr.path, [])]
        sev = Counter(f.severity for f in mine)
        per_rule = Counter(f.rule for f in mine)
        docs = "\n".join(f"{fr.path} ({_describe(fr, lang, w)})" for fr in files)
        status = "\n".join(f"{fr.path}: {fr.incomplete(lang)}" for fr in files if fr.notes) or t["ok"]
        append_row(ws, [province or w["unknown"], name, docs, status, len(mine)]
                   + [sev.get(s, 0) for s in SEVERITIES] + [per_rule.get(r, 0) or None for r in rules_met])
    for fr in report.files:
        if fr.status == "ok":
            continue
        status = t["skipped"] if fr.status == "skipped" else t["unreadable"]
        reason = fr.reason(lang) or ""
        said = reason if reason.startswith(f"{fr.path}:") else f"{fr.path}\n{reason}"  # the reason names the file
        append_row(ws, [None, None, said, status, 0, 0, 0, 0] + [None] * len(rules_met))
    last = ws.max_row
    _finish(ws, header, widths, titles, w, last)
    if rules_met:  # the rules met, with their names and messages, under the table
        _legend(ws, rules_met, widths, lang, w)


def _legend(ws, codes: list[str], widths: list[int], lang: str, w: dict) -> None:
    from openpyxl.styles import Alignment, Font

    from .sheetlayout import thin_border

    border = thin_border()
    reg = registry()
    n = len(widths)
    ws.append([])
    ws.append([w["rules"]])
    r = ws.max_row
    ws.cell(r, 1).font = Font(name="Calibri", sz=11, bold=True)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
    ws.row_dimensions[r].height = row_height([w["rules"]], [sum(widths)], bold=True)
    spans = [widths[0], widths[1] + widths[2], sum(widths[3:])]
    for code in codes:
        rule = reg[code]
        values = [code, rule.name, f"{category_label(rule.category, lang)}: {rule.template(lang)}"]
        append_row(ws, [values[0], values[1], None, values[2]])
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=n)
        for c in range(1, n + 1):
            ws.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(r, c).border = border
        ws.row_dimensions[r].height = row_height(values, spans)


def _finish(ws, header: int, widths: list[int], titles: dict[int, float], w: dict, last: int | None = None) -> None:
    """Title rows merged across the table and wrapped, the table styled, every row as high as
    its text, the page set up."""
    from openpyxl.styles import Alignment, Font

    last = ws.max_row if last is None else last
    table_style(ws, header, widths, last)
    for r in titles:
        cell = ws.cell(r, 1)
        cell.font = Font(name="Calibri", sz=14 if r == 1 else 11, bold=r == 1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(widths))
    fit_rows(ws, widths, 1, header - 1, merged=titles)
    fit_rows(ws, widths, header, header, bold_rows={header})
    fit_rows(ws, widths, header + 1, last)
    print_setup(ws, header, w["page"])


def _fill_severity(ws, header: int, column: int, report: Report, t: dict) -> None:
    from openpyxl.styles import PatternFill

    colour = {severity_label(s, report.lang): SEVERITY_FILL[s] for s in SEVERITIES}
    for r in range(header + 1, ws.max_row + 1):
        cell = ws.cell(r, column)
        if cell.value in colour:
            cell.fill = PatternFill("solid", fgColor=colour[cell.value])
