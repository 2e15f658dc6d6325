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
from ..rules import CATEGORIES, SEVERITIES
from .cells import csv_cell

JSON_VERSION = 1
FINDING_FIELDS = ["path", "line", "rule", "name", "category", "severity", "indicator", "row_label", "row_name",
                  "year", "value", "message", "suggestion"]

HEADERS = {
    "vi": {"line": "Dòng", "severity": "Mức", "rule": "Mã", "row": "Chỉ tiêu", "year": "Năm", "value": "Giá trị",
           "message": "Lý do", "suggestion": "Đề xuất", "error": "LỖI", "warning": "cảnh báo", "info": "thông tin",
           "file": "tệp", "finding": "phát hiện", "unreadable": "không đọc được", "none": "Không có phát hiện nào."},
    "en": {"line": "Line", "severity": "Severity", "rule": "Rule", "row": "Indicator", "year": "Year",
           "value": "Value", "message": "Reason", "suggestion": "Suggestion", "error": "error", "warning": "warning",
           "info": "info", "file": "file", "finding": "finding", "unreadable": "unreadable",
           "none": "No findings."},
}


def summary(report: Report) -> dict:
    sev = Counter(f.severity for f in report.findings)
    cat = Counter(f.category for f in report.findings)
    return {
        "total": len(report.findings),
        "by_severity": {s: sev.get(s, 0) for s in SEVERITIES},
        "by_category": {c: cat.get(c, 0) for c in CATEGORIES if cat.get(c)},
        "files": len(report.files),
        "files_with_errors": sum(1 for f in report.files if f.status == "error"),
        **{s: sev.get(s, 0) for s in SEVERITIES},
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
        "files": [{"path": r.path, "status": r.status, "layout": r.layout, "error": r.error,
                   "indicator_rows": r.indicators, "narrative_targets": r.targets,
                   "findings": per_file.get(r.path, 0), "metadata": r.meta} for r in report.files],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_csv(report: Report) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FINDING_FIELDS, lineterminator="\n")
    w.writeheader()
    for f in report.findings:
        w.writerow({k: ("" if v is None else csv_cell(v)) for k, v in f.as_dict().items() if k in FINDING_FIELDS})
    return buf.getvalue()


def _wrap(text: str | None, width: int) -> str:
    import textwrap

    if not text:
        return ""
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or ""


def counted(n: int, word: str, lang: str) -> str:
    """``n`` and its noun: English nouns (given singular) take an "s" unless there is one;
    Vietnamese nouns do not change."""
    return f"{n} {word}s" if lang == "en" and n != 1 and word != "info" else f"{n} {word}"


def to_text(report: Report, width: int = 120) -> str:
    from tabulate import tabulate

    h = HEADERS.get(report.lang, HEADERS["vi"])
    lines: list[str] = []
    by_path: dict[str, list] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    for fr in report.files:
        if fr.status == "error":
            lines.append(f"{fr.path}: {h['unreadable']}: {fr.error}")
            lines.append("")
            continue
        items = by_path.get(fr.path, [])
        lines.append(f"{fr.path}  ({counted(len(items), h['finding'], report.lang)})")
        if not items:
            lines.append("  " + h["none"])
            lines.append("")
            continue
        rows = []
        for f in items:
            where = f.line if f.line is not None else (f"TT {f.row_label}" if f.row_label else "")
            row = f.row_name or ""
            if f.row_label:
                row = f"{f.row_label}. {row}"
            rows.append([where, h[f.severity], f.rule, _wrap(row, 28), f.year or "", _wrap(f.value, 16),
                         _wrap(f.message, 46), _wrap(f.suggestion, 18)])
        lines.append(tabulate(rows, headers=[h["line"], h["severity"], h["rule"], h["row"], h["year"], h["value"],
                                             h["message"], h["suggestion"]], tablefmt="simple"))
        lines.append("")
    s = summary(report)
    lang = report.lang
    lines.append(f"{counted(s['files'], h['file'], lang)}, {counted(s['total'], h['finding'], lang)}: "
                 f"{counted(s['error'], h['error'], lang)}, {counted(s['warning'], h['warning'], lang)}, "
                 f"{counted(s['info'], h['info'], lang)}"
                 + (f"; {counted(s['files_with_errors'], h['file'], lang)} {h['unreadable']}"
                    if s["files_with_errors"] else ""))
    return "\n".join(lines) + "\n"


FORMATS = {"text": to_text, "json": to_json, "csv": to_csv}
