"""Short reports of ``plancheck lint``: one finding per line (``--format concise``) and the
counts per rule (``--statistics``), both after ruff's.

Concise: ``path:line: CODE [severity] message -> correction``; where a finding has no line
(a Word table's cell, a workbook's cell, a PDF page) the place is said instead of the line
(``plan.docx:bảng 2, hàng 5, cột 4: ...``), and where it has neither, ``path: CODE ...``. The
column is not given: plancheck knows the line of a value, not its column. The files that
could not be read follow, then the summary line of the text report.
"""

from __future__ import annotations

import json
from collections import Counter

from ..model import Report
from ..rules import category_label, registry, severity_label
from . import HEADERS, summary_text


def _place(f, lang: str) -> str:
    if f.line is not None and f.location.sheet is None:
        return f"{f.path}:{f.line}:"
    if f.location.as_dict():
        return f"{f.path}:{f.location.describe(lang)}:"
    return f"{f.path}:"


def to_concise(report: Report) -> str:
    lang = "en" if report.lang == "en" else "vi"
    lines = []
    for f in report.findings:
        text = " ".join(f.message.split())  # one line, whatever the document's text held
        if f.year and str(f.year) not in text:  # two years' cells of one line told apart
            text = f"{f.year}: {text}"
        if f.suggestion:
            text += f" -> {' '.join(f.suggestion.split())}"
        lines.append(f"{_place(f, lang)} {f.rule} [{severity_label(f.severity, lang).lower()}] {text}")
    h = HEADERS[lang]
    for fr in report.files:
        if fr.status in ("error", "skipped"):
            lines.append(f"{fr.path}: {h['unreadable' if fr.status == 'error' else 'skipped']}: {fr.reason(lang)}")
        elif fr.notes:  # read, but not checked in full
            word = "not fully checked" if lang == "en" else "chưa kiểm tra đầy đủ"
            lines.append(f"{fr.path}: {word}: {fr.incomplete(lang)}")
    lines.append(summary_text(report))
    return "\n".join(lines) + "\n"


def statistics(report: Report) -> list[dict]:
    """Findings counted per rule, the most frequent first (then by code)."""
    reg = registry()
    counts = Counter(f.rule for f in report.findings)
    severity = {f.rule: f.severity for f in report.findings}
    return [{"code": code, "name": reg[code].name, "count": n, "severity": severity[code],
             "category": reg[code].category}
            for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_text(report: Report) -> str:
    """``count  code  severity  name  category``, aligned, then the summary line."""
    lang = "en" if report.lang == "en" else "vi"
    rows = [(str(s["count"]), s["code"], severity_label(s["severity"], lang).lower(), s["name"],
             category_label(s["category"], lang)) for s in statistics(report)]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(5)]
    lines = [f"{r[0].rjust(widths[0])}  {r[1].ljust(widths[1])}  {r[2].ljust(widths[2])}  {r[3].ljust(widths[3])}  "
             f"{r[4]}".rstrip() for r in rows]
    return "\n".join(lines + [summary_text(report)]) + "\n"


def statistics_json(report: Report) -> str:
    return json.dumps(statistics(report), ensure_ascii=False, indent=2) + "\n"
