"""Reporters of ``plancheck compare``: text, JSON, CSV and XLSX discrepancy tables."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from ..compare import Aligned
from .cells import csv_row

STATUS_VI = {"same": "giống nhau", "different": "khác nhau", "missing": "thiếu"}
HEAD = {
    "vi": {"indicator": "Chỉ tiêu", "year": "Năm", "status": "Trạng thái", "more": "Cao hơn (tham vọng hơn)",
           "id": "Mã chỉ tiêu", "summary": "chỉ tiêu-năm"},
    "en": {"indicator": "Indicator", "year": "Year", "status": "Status", "more": "More ambitious",
           "id": "Indicator id", "summary": "indicator-years"},
}


def _status(s: str, lang: str) -> str:
    return STATUS_VI[s] if lang == "vi" else s


def to_json(rows: list[Aligned], names: list[str], lang: str) -> str:
    counts = Counter(r.status for r in rows)
    return json.dumps({"version": 1, "tool": "plancheck", "documents": names,
                       "discrepancies": [r.as_dict() for r in rows],
                       "summary": {s: counts.get(s, 0) for s in ("same", "different", "missing")}},
                      ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[Aligned], names: list[str], lang: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_row(["indicator", "row_name", "year", *names, "status", "more_ambitious"]))
    for r in rows:
        w.writerow(csv_row([r.indicator, r.row_name, r.year, *[r.values.get(n) or "" for n in names], r.status,
                            "; ".join(r.more_ambitious)]))
    return buf.getvalue()


def to_text(rows: list[Aligned], names: list[str], lang: str) -> str:
    import textwrap

    from tabulate import tabulate

    h = HEAD.get(lang, HEAD["vi"])
    table = []
    for r in rows:
        table.append(["\n".join(textwrap.wrap(r.row_name, 44)), r.year,
                      *[r.values.get(n) or "-" for n in names], _status(r.status, lang),
                      "\n".join(r.more_ambitious)])
    counts = Counter(r.status for r in rows)
    out = tabulate(table, headers=[h["indicator"], h["year"], *names, h["status"], h["more"]], tablefmt="simple")
    summary = ", ".join(f"{counts.get(s, 0)} {_status(s, lang)}" for s in ("different", "missing", "same"))
    return out + f"\n\n{len(rows)} {h['summary']}: {summary}\n"


def to_xlsx(rows: list[Aligned], names: list[str], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from .cells import append_row
    from .followup import style_sheet

    h = HEAD.get(lang, HEAD["vi"])
    wb = Workbook()
    ws = wb.active
    ws.title = "So sánh" if lang == "vi" else "Comparison"
    append_row(ws, [h["id"], h["indicator"], h["year"], *names, h["status"], h["more"]])
    fill = {"different": "FDE2E1", "missing": "FFF4CE", "same": "E2F0D9"}
    for r in rows:
        append_row(ws, [r.indicator, r.row_name, r.year, *[r.values.get(n) for n in names], _status(r.status, lang),
                   "; ".join(r.more_ambitious)])
        ws.cell(ws.max_row, 4 + len(names)).fill = PatternFill("solid", fgColor=fill[r.status])
    style_sheet(ws, [26, 60, 7] + [18] * len(names) + [14, 24])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMATS = {"text": to_text, "json": to_json, "csv": to_csv, "xlsx": to_xlsx}
