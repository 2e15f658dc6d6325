"""Reporters of ``plancheck compare``: text, JSON, CSV and XLSX discrepancy tables.

Each takes the rows to show, the document names, the language and all the rows compared
(``all_rows``, for the summary: it counts what is shown and states the total). The
human-facing tables name indicators by name; the JSON keeps the indicator id (the contract).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from ..compare import Aligned
from .cells import csv_row

STATUSES = ("different", "missing", "same")
STATUS = {
    "vi": {"same": "giống nhau", "different": "khác nhau", "missing": "không nêu"},
    "en": {"same": "same", "different": "different", "missing": "missing"},
}
HEAD = {
    "vi": {"indicator": "Chỉ tiêu", "year": "Năm", "status": "Trạng thái",
           "more": "Văn bản có mức phấn đấu cao hơn", "summary": "chỉ tiêu-năm"},
    "en": {"indicator": "Indicator", "year": "Year", "status": "Status", "more": "More ambitious",
           "summary": "indicator-years"},
}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def _status(s: str, lang: str) -> str:
    return STATUS[_lang(lang)][s]


def summary_line(rows: list[Aligned], lang: str, all_rows: list[Aligned] | None = None) -> str:
    """What is shown, of how many compared, and how the compared ones split by status."""
    all_rows = rows if all_rows is None else all_rows
    counts = Counter(r.status for r in all_rows)
    shown, total, hidden = len(rows), len(all_rows), len(all_rows) - len(rows)
    if _lang(lang) == "en":
        split = f"{counts['different']} different, {counts['missing']} missing from some document, {counts['same']} same"
        line = f"{shown} of {total} indicator-years shown ({split})"
        return line + (f"; --status all shows the other {hidden}" if hidden else "")
    split = (f"{counts['different']} khác nhau, {counts['missing']} có văn bản không nêu, "
             f"{counts['same']} giống nhau")
    line = f"Hiển thị {shown} trên tổng số {total} chỉ tiêu-năm được so sánh ({split})"
    return line + (f"; dùng --status all để xem cả {hidden} chỉ tiêu-năm còn lại" if hidden else "")


def to_json(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None) -> str:
    all_rows = rows if all_rows is None else all_rows
    counts = Counter(r.status for r in all_rows)
    return json.dumps({"version": 1, "tool": "plancheck", "documents": names,
                       "discrepancies": [r.as_dict() for r in rows],
                       "summary": {**{s: counts.get(s, 0) for s in ("same", "different", "missing")},
                                   "total": len(all_rows), "shown": len(rows)}},
                      ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None) -> str:
    h = HEAD[_lang(lang)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_row([h["indicator"], h["year"], *names, h["status"], h["more"]]))
    for r in rows:
        w.writerow(csv_row([r.row_name, r.year, *[r.values.get(n) or "" for n in names], _status(r.status, lang),
                            "; ".join(r.more_ambitious)]))
    return buf.getvalue()


def to_text(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None) -> str:
    """The table a reviewer reads: each value with the line that states it."""
    import textwrap

    from tabulate import tabulate

    h = HEAD[_lang(lang)]
    word = "dòng" if _lang(lang) == "vi" else "line"
    table = []
    for r in rows:
        cells = []
        for n in names:
            value, line = r.values.get(n), r.lines.get(n)
            cells.append("-" if value is None else (f"{value}\n({word} {line})" if line is not None else value))
        table.append(["\n".join(textwrap.wrap(r.row_name, 44)), r.year, *cells, _status(r.status, lang),
                      "\n".join(r.more_ambitious)])
    out = tabulate(table, headers=[h["indicator"], h["year"], *names, h["status"], h["more"]], tablefmt="simple")
    return out + f"\n\n{summary_line(rows, lang, all_rows)}\n"


def to_xlsx(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from .cells import append_row
    from .followup import style_sheet

    h = HEAD[_lang(lang)]
    wb = Workbook()
    ws = wb.active
    ws.title = "So sánh" if _lang(lang) == "vi" else "Comparison"
    append_row(ws, [h["indicator"], h["year"], *names, h["status"], h["more"]])
    fill = {"different": "FDE2E1", "missing": "FFF4CE", "same": "E2F0D9"}
    for r in rows:
        append_row(ws, [r.row_name, r.year, *[r.values.get(n) for n in names], _status(r.status, lang),
                   "; ".join(r.more_ambitious)])
        ws.cell(ws.max_row, 3 + len(names)).fill = PatternFill("solid", fgColor=fill[r.status])
    style_sheet(ws, [60, 7] + [18] * len(names) + [14, 24])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMATS = {"text": to_text, "json": to_json, "csv": to_csv, "xlsx": to_xlsx}
