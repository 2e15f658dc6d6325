"""Reporters of ``plancheck compare``: text, JSON, CSV and XLSX discrepancy tables.

Each takes the rows to show, the document names, the language, all the rows compared
(``all_rows``, for the summary: it counts what is shown and states the total), the compared
documents (``info``: their provinces and labels) and the statuses asked for (``statuses``,
what ``--status`` said). The human-facing tables name indicators by name and documents by
province (with the file); the JSON keeps the indicator id and the file names (the contract).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from ..compare import Aligned, DocumentInfo
from .cells import csv_row
from .table import width as text_width

STATUSES = ("different", "missing", "same")
STATUS = {
    "vi": {"same": "giống nhau", "different": "khác nhau", "missing": "không nêu"},
    "en": {"same": "same", "different": "different", "missing": "missing"},
}
HEAD = {
    "vi": {"indicator": "Chỉ tiêu", "year": "Năm", "status": "Trạng thái",
           "more": "Văn bản có mức phấn đấu cao hơn", "summary": "chỉ tiêu-năm", "missing_from": "Văn bản không nêu",
           "line": "dòng", "documents": "Văn bản so sánh", "not_stated": "không nêu"},
    "en": {"indicator": "Indicator", "year": "Year", "status": "Status", "more": "More ambitious",
           "summary": "indicator-years", "missing_from": "Not stated in", "line": "line",
           "documents": "Documents compared", "not_stated": "not stated"},
}
# what each --status shows, said in the summary line
FILTER = {
    "vi": {"different": "khác nhau giữa các văn bản có nêu", "missing": "có văn bản không nêu, kể cả chỉ tiêu khác nhau",
           "same": "giống nhau ở mọi văn bản"},
    "en": {"different": "differing between the documents that state them",
           "missing": "not stated by some document, different ones included", "same": "the same in every document"},
}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "vi"


def _status(s: str, lang: str) -> str:
    return STATUS[_lang(lang)][s]


def _infos(names: list[str], info: list[DocumentInfo] | None) -> list[DocumentInfo]:
    if info and [i.name for i in info] == list(names):
        return info
    return [DocumentInfo(n, None, None, None, None, None, n) for n in names]


def _labels(names: list[str], info: list[DocumentInfo] | None) -> dict[str, str]:
    return {i.name: i.label for i in _infos(names, info)}


def _wanted(statuses) -> list[str]:
    wanted = list(dict.fromkeys(statuses or ("all",)))
    return ["all"] if "all" in wanted else [s for s in STATUSES if s in wanted]


def summary_counts(rows: list[Aligned], all_rows: list[Aligned] | None = None, statuses=None) -> dict:
    """Each compared indicator-year counted once, by status; how many of the different ones
    some document does not state; how many are shown, and which statuses the filter took."""
    all_rows = rows if all_rows is None else all_rows
    counts = Counter(r.status for r in all_rows)
    return {**{s: counts.get(s, 0) for s in ("same", "different", "missing")}, "total": len(all_rows),
            "shown": len(rows), "different_and_missing": sum(1 for r in all_rows if r.status == "different"
                                                              and r.missing_from),
            "shown_statuses": _wanted(statuses)}


def summary_line(rows: list[Aligned], lang: str, all_rows: list[Aligned] | None = None, statuses=None) -> str:
    """Two lines: what is shown (and by which filter) of how many compared; then how the
    compared ones split by status, each counted once."""
    c = summary_counts(rows, all_rows, statuses)
    shown, total, hidden = c["shown"], c["total"], c["total"] - c["shown"]
    wanted = c["shown_statuses"]
    lang = _lang(lang)
    what = "; ".join(FILTER[lang][s] for s in wanted) if wanted != ["all"] else None
    if lang == "en":
        line = f"{shown} of {total} indicator-years shown" + (f" (--status {', '.join(wanted)}: {what})" if what else "")
        line += f"; --status all shows the other {hidden}" if hidden else ""
        also = f" ({c['different_and_missing']} of them not stated by some document)" if c["different_and_missing"] else ""
        return (f"{line}\nCompared: {c['different']} different{also}, {c['missing']} missing from some document "
                f"(and not different in the others), {c['same']} same")
    line = f"Hiển thị {shown} trên tổng số {total} chỉ tiêu-năm được so sánh" + (
        f" (--status {', '.join(wanted)}: {what})" if what else "")
    line += f"; dùng --status all để xem cả {hidden} chỉ tiêu-năm còn lại" if hidden else ""
    also = f" ({c['different_and_missing']} trong số đó có văn bản không nêu)" if c["different_and_missing"] else ""
    return (f"{line}\nKết quả so sánh: {c['different']} khác nhau{also}, {c['missing']} có văn bản không nêu (và "
            f"không khác nhau ở các văn bản còn lại), {c['same']} giống nhau")


def to_json(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None,
            info: list[DocumentInfo] | None = None, statuses=None) -> str:
    from ..safetext import json_safe

    return json_safe(json.dumps({"version": 1, "tool": "plancheck", "documents": names,
                       "document_info": [i.as_dict() for i in _infos(names, info)],
                       "discrepancies": [r.as_dict() for r in rows],
                       "summary": summary_counts(rows, all_rows, statuses)},
                      ensure_ascii=False, indent=2) + "\n")


def _column_heads(names: list[str], info: list[DocumentInfo] | None) -> list[str]:
    """A document's column in a spreadsheet: its province and its file, or its file."""
    return [i.name if i.label == i.name else f"{i.label} ({i.name})" for i in _infos(names, info)]


def _cells(r: Aligned, names: list[str], lang: str, labels: dict[str, str]) -> list:
    return [r.row_name, r.year, *[r.values.get(n) or "" for n in names], _status(r.status, lang),
            "; ".join(labels.get(n, n) for n in r.missing_from), "; ".join(labels.get(n, n) for n in r.more_ambitious)]


def to_csv(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None,
           info: list[DocumentInfo] | None = None, statuses=None) -> str:
    h = HEAD[_lang(lang)]
    labels = _labels(names, info)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_row([h["indicator"], h["year"], *_column_heads(names, info), h["status"], h["missing_from"],
                        h["more"]]))
    for r in rows:
        w.writerow(csv_row(_cells(r, names, lang, labels)))
    return buf.getvalue()


def terminal_width() -> int:
    """The width the text table must fit: the terminal's, or 120 columns off a terminal."""
    import shutil

    return max(40, shutil.get_terminal_size((120, 24)).columns)


def to_text(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None,
            info: list[DocumentInfo] | None = None, statuses=None, width: int | None = None) -> str:
    """What a reviewer reads: a table (documents as columns, each value with the line that
    states it) when it fits the terminal's width, otherwise each indicator-year in turn with
    the documents grouped by the value they state; then the documents compared and the summary."""
    width = width or terminal_width()
    infos = _infos(names, info)
    table = _wide(rows, names, lang, infos)
    if rows and max(text_width(line) for line in table.splitlines()) > width:
        table = _grouped(rows, names, lang, infos, width)
    parts = [table] if rows else []
    legend = _legend(infos, lang, width)
    if legend:
        parts.append(legend)
    parts.append("\n".join(_wrap_line(line, width) for line in summary_line(rows, lang, all_rows, statuses).split("\n")))
    return "\n\n".join(parts) + "\n"


def _with_line(value: str | None, line: int | None, lang: str) -> str:
    if value is None:
        return "-"
    return f"{value}\n({HEAD[_lang(lang)]['line']} {line})" if line is not None else value


def _wide(rows: list[Aligned], names: list[str], lang: str, infos: list[DocumentInfo]) -> str:
    import textwrap

    from tabulate import tabulate

    h = HEAD[_lang(lang)]
    labels = {i.name: i.label for i in infos}
    table = []
    for r in rows:
        cells = [_with_line(r.values.get(n), r.lines.get(n), lang) for n in names]
        table.append(["\n".join(textwrap.wrap(r.row_name, 44)), r.year, *cells, _status(r.status, lang),
                      "\n".join(labels.get(n, n) for n in r.more_ambitious)])
    return tabulate(table, headers=[h["indicator"], h["year"], *[i.label for i in infos], h["status"], h["more"]],
                    tablefmt="simple")


def _grouped(rows: list[Aligned], names: list[str], lang: str, infos: list[DocumentInfo], width: int) -> str:
    """Each indicator-year: a heading line with its status, then one line per value stated,
    naming the documents that state it (with the line), then the documents that state none."""
    h = HEAD[_lang(lang)]
    labels = {i.name: i.label for i in infos}
    blocks = []
    for r in rows:
        lines = [_wrap_line(f"{r.row_name} ({r.year}): {_status(r.status, lang)}", width, indent=2)]
        by_value: dict[str, list[str]] = {}
        for n in names:
            value = r.values.get(n)
            if value is None:
                continue
            line = r.lines.get(n)
            by_value.setdefault(value, []).append(labels[n] + (f" ({h['line']} {line})" if line is not None else ""))
        pad = max((len(v) for v in by_value), default=0)
        pad = min(pad, max(8, width // 3))
        for value, docs in by_value.items():
            lines.append(_wrap_line(f"    {value.ljust(pad)}  {', '.join(docs)}", width, indent=6 + pad))
        if r.missing_from:
            lines.append(_wrap_line(f"    {h['not_stated']}: {', '.join(labels[n] for n in r.missing_from)}", width,
                                    indent=6))
        if r.more_ambitious:
            lines.append(_wrap_line(f"    {h['more'].lower()}: {', '.join(labels[n] for n in r.more_ambitious)}", width,
                                    indent=6))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _legend(infos: list[DocumentInfo], lang: str, width: int) -> str:
    """The documents compared: each label with its file, province and number, when the
    header of some document names them."""
    if not any(i.province or i.number for i in infos):
        return ""
    h = HEAD[_lang(lang)]
    pad = max(len(i.label) for i in infos)
    lines = [f"{h['documents']}:"]
    for i in infos:
        what = [i.path or i.name] if i.label != i.name or i.path else []
        if i.province and i.label != i.province:
            what.append(i.province)
        if i.number:
            what.append(i.number + (f" ({_date(i.date)})" if i.date else ""))
        lines.append(_wrap_line(f"  {i.label.ljust(pad)}  {', '.join(what)}".rstrip(), width, indent=pad + 4))
    return "\n".join(lines)


def _date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _wrap_line(text: str, width: int, indent: int = 4) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, subsequent_indent=" " * indent, break_long_words=False,
                                   break_on_hyphens=False)) or text


def to_xlsx(rows: list[Aligned], names: list[str], lang: str, all_rows: list[Aligned] | None = None,
            info: list[DocumentInfo] | None = None, statuses=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    from .cells import append_row
    from .followup import style_sheet

    h = HEAD[_lang(lang)]
    labels = _labels(names, info)
    wb = Workbook()
    ws = wb.active
    ws.title = "So sánh" if _lang(lang) == "vi" else "Comparison"
    append_row(ws, [h["indicator"], h["year"], *_column_heads(names, info), h["status"], h["missing_from"], h["more"]])
    fill = {"different": "FDE2E1", "missing": "FFF4CE", "same": "E2F0D9"}
    for r in rows:
        append_row(ws, [None if c == "" else c for c in _cells(r, names, lang, labels)])
        ws.cell(ws.max_row, 3 + len(names)).fill = PatternFill("solid", fgColor=fill[r.status])
    style_sheet(ws, [60, 7] + [18] * len(names) + [14, 24, 24])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMATS = {"text": to_text, "json": to_json, "csv": to_csv, "xlsx": to_xlsx}
