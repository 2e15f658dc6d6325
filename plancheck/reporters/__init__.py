"""Reporters: functions of a :class:`~plancheck.model.Report` to text. They decide nothing.

The JSON document is a public contract (see README, "The JSON contract"): field names
are never renamed; new fields may be added.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from ..model import Report
from ..rules import CATEGORIES, SEVERITIES, category_label, severity_label
from .cells import csv_row

JSON_VERSION = 1
FINDING_FIELDS = ["path", "line", "rule", "name", "category", "severity", "indicator", "row_label", "row_name",
                  "year", "value", "message", "suggestion", "location"]

HEADERS = {
    "vi": {"line": "Vị trí", "severity": "Mức độ", "rule": "Mã", "row": "Chỉ tiêu", "year": "Năm", "value": "Giá trị",
           "message": "Lý do", "suggestion": "Đề xuất", "error": "LỖI", "warning": "cảnh báo", "info": "thông tin",
           "n_error": "lỗi", "file": "tệp", "finding": "phát hiện", "unreadable": "không đọc được",
           "none": "Không có phát hiện nào.", "skipped": "bỏ qua", "incomplete": "chưa kiểm tra đầy đủ"},
    "en": {"line": "Where", "severity": "Severity", "rule": "Rule", "row": "Indicator", "year": "Year",
           "value": "Value", "message": "Reason", "suggestion": "Suggestion", "error": "error", "warning": "warning",
           "info": "info", "n_error": "error", "file": "file", "finding": "finding", "unreadable": "unreadable",
           "none": "No findings.", "skipped": "skipped", "incomplete": "not fully checked"},
}
# the CSV report: one row per finding, for a spreadsheet; headers in the report's language
CSV_HEADERS = {
    "vi": ["Tệp", "Dòng", "Mã quy tắc", "Tên quy tắc", "Nhóm", "Mức độ", "Chỉ tiêu (theo bộ chỉ tiêu)", "TT",
           "Chỉ tiêu (như ghi trong văn bản)", "Năm", "Giá trị ghi trong văn bản", "Lý do", "Đề xuất sửa",
           "Vị trí"],
    "en": ["File", "Line", "Rule", "Rule name", "Category", "Severity", "Indicator (suite)", "Row no.",
           "Indicator (as written)", "Year", "Value as written", "Reason", "Suggested correction", "Location"],
}


def summary(report: Report) -> dict:
    sev = Counter(f.severity for f in report.findings)
    cat = Counter(f.category for f in report.findings)
    status = Counter(f.status for f in report.files)
    return summary_of(len(report.findings), sev, cat, len(report.files), status,
                      error_files=len({f.path for f in report.findings if f.severity == "error"}),
                      hidden=report.hidden_by_baseline)


def summary_of(total: int, sev: Counter, cat: Counter, files: int, status: Counter, error_files: int = 0,
               hidden: int = 0) -> dict:
    """The JSON summary from counts: findings by severity and category, files by status, the
    files with an error finding, the known findings a baseline hid (README, "The JSON contract").
    ``files_with_errors`` counts the files that could not be read, as it always has; it is
    kept for the programs that read it, beside ``files_unreadable``, which says so."""
    return {
        "total": total,
        "by_severity": {s: sev.get(s, 0) for s in SEVERITIES},
        "by_category": {c: cat.get(c, 0) for c in CATEGORIES if cat.get(c)},
        "files": files,
        "files_with_errors": status.get("error", 0),
        "files_skipped": status.get("skipped", 0),
        **{s: sev.get(s, 0) for s in SEVERITIES},
        "files_with_error_findings": error_files,
        "files_unreadable": status.get("error", 0),
        "hidden_by_baseline": hidden,
    }


def to_json(report: Report) -> str:
    per_file = Counter(f.path for f in report.findings)
    doc = {
        "version": JSON_VERSION,
        "tool": "plancheck",
        "lang": report.lang,
        "suites": report.suites,
        "findings": [f.as_dict() for f in report.findings],
        "summary": summary(report),
        "files": [file_entry(r, report.lang, per_file.get(r.path, 0)) for r in report.files],
    }
    from ..safetext import json_safe

    return json_safe(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def file_entry(r, lang: str, findings: int) -> dict:
    """A file's entry in the JSON report."""
    return {"path": r.path, "status": r.status, "layout": r.layout,
            "error": r.reason(lang) if r.status == "error" else None,
            "reason": r.reason(lang) if r.status != "ok" else None,
            "indicator_rows": r.indicators, "narrative_targets": r.targets, "targets": r.stated,
            "findings": findings, "metadata": r.meta,
            "incomplete": r.incomplete(lang)}  # read but not checked in full: why (null when it was)


def to_csv(report: Report) -> str:
    """One row per finding, headers, categories and severities in the report's language,
    indicators by name. (Written to a file, it starts with a byte order mark: see the CLI.)"""
    lang = "en" if report.lang == "en" else "vi"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADERS[lang])
    for f in report.findings:
        w.writerow(csv_fields(f, lang))
    return buf.getvalue()


def csv_fields(f, lang: str) -> list:
    """The cells of a finding's CSV row."""
    return csv_row(["" if v is None else v for v in (
        f.path, f.line, f.rule, f.name, category_label(f.category, lang), severity_label(f.severity, lang),
        f.indicator_name, f.row_label, f.written_name, f.year, f.value, f.message, f.suggestion,
        f.location.describe(lang) if f.location.as_dict() else None)])


def where(f, lang: str) -> str:
    """Where a finding is, as a reviewer finds it: the line of a text file ("547"), the cell of a
    Word table ("bảng 1, hàng 5, cột 4"), the cell of a sheet ("Phụ lục!D14"), or the row number."""
    loc = f.location
    if loc.sheet is not None or (f.line is None and loc.as_dict()):
        return loc.describe(lang)
    if f.line is not None:
        return str(f.line)
    return f"TT {f.row_label}" if f.row_label else ""


def _wrap(text: str | None, width: int) -> str:
    import textwrap

    if not text:
        return ""
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or ""


def counted(n: int, word: str, lang: str) -> str:
    """``n`` and its noun: English nouns (given singular) take an "s" unless there is one;
    Vietnamese nouns do not change."""
    return f"{n} {word}s" if lang == "en" and n != 1 and word != "info" else f"{n} {word}"


def to_text(report: Report, width: int | None = None) -> str:
    """A table of findings per file, as wide as the terminal (``width`` columns, if given)."""
    from .textlayout import findings_table, terminal_width

    width = width or terminal_width()

    h = HEADERS.get(report.lang, HEADERS["vi"])
    lines: list[str] = []
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    for fr in report.files:
        if fr.status in ("error", "skipped"):
            lines.append(f"{fr.path}: {h['unreadable' if fr.status == 'error' else 'skipped']}: "
                         f"{fr.reason(report.lang)}")
            lines.append("")
            continue
        items = by_path.get(fr.path, [])
        lines.append(f"{fr.path}  ({counted(len(items), h['finding'], report.lang)})")
        if fr.notes:
            lines.append(f"  ! {h['incomplete']}: {fr.incomplete(report.lang)}")
        if not items:
            lines.append("  " + h["none"])
            lines.append("")
            continue
        rows = []
        for f in items:
            row = f.shown_name or ""
            if f.row_label:  # "2.1. Tỷ lệ ...", but "- Thành thị", "a) Số bác sĩ" as typed
                typed = f.row_label in ("-", "+", "*", "•") or f.row_label.endswith((")", "."))
                row = f"{f.row_label}{' ' if typed else '. '}{row}"
            rows.append([where(f, report.lang), h[f.severity], f.rule, row, f.year or "", f.value, f.message,
                         f.suggestion])
        lines.append(findings_table(rows, [h["line"], h["severity"], h["rule"], h["row"], h["year"], h["value"],
                                           h["message"], h["suggestion"]], width))
        lines.append("")
    lines.append(summary_text(report))
    return "\n".join(lines) + "\n"


def summary_text(report: Report) -> str:
    """The last line of the text reports: files, findings by severity, unreadable and skipped
    files, known findings hidden by a baseline."""
    lang = "en" if report.lang == "en" else "vi"
    h = HEADERS[lang]
    s = summary(report)
    return (f"{counted(s['files'], h['file'], lang)}, {counted(s['total'], h['finding'], lang)}: "
            f"{counted(s['error'], h['n_error'], lang)}, {counted(s['warning'], h['warning'], lang)}, "
            f"{counted(s['info'], h['info'], lang)}"
            + (f"; {counted(s['files_unreadable'], h['file'], lang)} {h['unreadable']}"
               if s["files_unreadable"] else "")
            + (f"; {counted(s['files_skipped'], h['file'], lang)} {h['skipped']}" if s["files_skipped"] else "")
            + (f"; {_incomplete_note(report, lang)}" if any(fr.notes for fr in report.files) else "")
            + (f"; {hidden_note(s['hidden_by_baseline'], lang)}" if s["hidden_by_baseline"] else ""))


def _incomplete_note(report: Report, lang: str) -> str:
    """How many files were read but not checked in full (each says why in its own place)."""
    n = sum(1 for fr in report.files if fr.notes)
    return f"{counted(n, 'file', 'en')} not fully checked" if lang == "en" else f"{n} tệp chưa kiểm tra đầy đủ"


def hidden_note(n: int, lang: str) -> str:
    """How many known findings a baseline hid, as every report says it."""
    if lang == "en":
        return f"{counted(n, 'known finding', 'en')} hidden by the baseline"
    return f"{n} phát hiện đã biết (có trong tệp baseline) được ẩn"


FORMATS = {"text": to_text, "json": to_json, "csv": to_csv}
