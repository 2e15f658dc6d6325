"""The targets table (``plancheck targets``): one row per target a document states, for an office
that follows targets up across provinces.

Rows are made one document at a time and written as they come (CSV, JSON lines, XLSX in
openpyxl's write-only mode, Parquet through pyarrow when it is installed), so that a repository
of thousands of plans never sits in memory at once.
"""

from __future__ import annotations

import csv
import io
import json

from ..model import Document, Target
from ..safetext import json_safe

COLUMNS = ("file", "province", "document_type", "document_number", "document_date", "subject", "indicator",
           "match_score", "scope", "year", "period", "every_year", "comparator", "low", "high", "unit", "kind",
           "value", "text", "source", "line", "location")
HEADERS_VI = {"file": "Tệp", "province": "Tỉnh", "document_type": "Loại văn bản", "document_number": "Số văn bản",
              "document_date": "Ngày văn bản", "subject": "Chỉ tiêu (như ghi trong văn bản)",
              "indicator": "Mã chỉ tiêu (bộ chỉ tiêu)", "match_score": "Độ khớp", "scope": "Phạm vi", "year": "Năm",
              "period": "Giai đoạn", "every_year": "Hằng năm", "comparator": "So sánh", "low": "Cận dưới",
              "high": "Cận trên", "unit": "Đơn vị", "kind": "Loại mục tiêu", "value": "Giá trị ghi trong văn bản",
              "text": "Câu nêu chỉ tiêu", "source": "Nguồn", "line": "Dòng", "location": "Vị trí"}
FORMATS = ("csv", "xlsx", "json", "parquet")


def target_rows(doc: Document, lang: str = "vi"):
    """The rows of one document's targets, as dicts of ``COLUMNS``."""
    m = doc.meta
    for t in doc.targets:
        yield row_of(doc.path, m, t, lang)


def row_of(path: str, m, t: Target, lang: str) -> dict:
    return {
        "file": path, "province": m.province, "document_type": m.doc_type, "document_number": m.number,
        "document_date": m.date.isoformat() if m.date else None, "subject": t.subject, "indicator": t.indicator,
        "match_score": round(t.score, 1) if t.indicator else None, "scope": t.scope, "year": t.year,
        "period": f"{t.period[0]}-{t.period[1]}" if t.period else None, "every_year": t.every_year,
        "comparator": t.comparator, "low": t.low, "high": t.high, "unit": t.unit, "kind": t.kind.value,
        "value": t.value_text, "text": t.text, "source": t.source, "line": t.location.line,
        "location": t.location.describe(lang),
    }


class Writer:
    """Rows written as they come, in one of ``FORMATS``; ``close()`` returns the bytes."""

    def __init__(self, fmt: str, lang: str = "vi"):
        self.fmt, self.lang, self.count = fmt, lang, 0
        headers = [HEADERS_VI[c] if lang == "vi" else c for c in COLUMNS]
        if fmt == "csv":
            self.buf = io.StringIO()
            self.csv = csv.writer(self.buf, lineterminator="\n")
            self.csv.writerow(list(COLUMNS))
        elif fmt == "json":
            self.buf = io.StringIO()
        elif fmt == "xlsx":
            from openpyxl import Workbook

            self.book = Workbook(write_only=True)
            self.sheet = self.book.create_sheet("Chỉ tiêu" if lang == "vi" else "Targets")
            self.sheet.append(headers)
        elif fmt == "parquet":
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                from ..errors import InputError

                raise InputError("Parquet needs pyarrow: pip install pyarrow",
                                 "Định dạng Parquet cần thư viện pyarrow: pip install pyarrow") from None
            self.rows: list[dict] = []
        else:
            raise ValueError(fmt)

    def add(self, row: dict) -> None:
        self.count += 1
        if self.fmt == "csv":
            from .cells import csv_row

            self.csv.writerow(csv_row(["" if row[c] is None else row[c] for c in COLUMNS]))
        elif self.fmt == "json":
            self.buf.write(json_safe(json.dumps(row, ensure_ascii=False)) + "\n")
        elif self.fmt == "xlsx":
            self.sheet.append([self._cell(row[c]) for c in COLUMNS])
        else:
            self.rows.append(row)

    def _cell(self, value):
        """A write-only cell; text that would start a formula is stored as quoted text."""
        from openpyxl.cell import WriteOnlyCell

        from .cells import formula_like

        if not formula_like(value):
            return value
        cell = WriteOnlyCell(self.sheet, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell

    def close(self) -> bytes:
        if self.fmt in ("csv", "json"):
            text = self.buf.getvalue()
            return (("\ufeff" if self.fmt == "csv" else "") + text).encode("utf-8")
        if self.fmt == "xlsx":
            out = io.BytesIO()
            self.book.save(out)
            return out.getvalue()
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self.rows) if self.rows else pa.table({c: [] for c in COLUMNS})
        out = io.BytesIO()
        pq.write_table(table, out)
        return out.getvalue()
