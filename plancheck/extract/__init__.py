"""Extraction: from what a reader produced to a :class:`~plancheck.model.Document`."""

from __future__ import annotations

import bisect
import re

from ..catalogue import Suite
from ..model import Cell, Document, Table, TableRow
from ..readers import RawInput
from .metadata import annex_start, extract_headings, extract_metadata
from .narrative import extract_narrative
from .tables import one_cell_tables, tables_from_grids


def extract(raw: RawInput, suite: Suite) -> Document:
    if raw.kind == "structured":
        return _structured_document(raw)
    blocks = raw.blocks or []
    matcher = suite.matcher
    doc = Document(path=raw.path, layout=raw.layout or "text", lines=raw.lines, has_lines=raw.lines is not None)
    tables = tables_from_grids(blocks, matcher, suite.milestones)
    if raw.lines is not None:
        table_lines = {t.line for t in tables}
        consumed = {ln for b in blocks if b.kind == "grid" and _grid_has_table(b, table_lines)
                    for ln in b.row_lines if ln}
        more = one_cell_tables(raw.lines, consumed, matcher)
        for t in more:
            t.index = len(tables)
            tables.append(t)
        tables.sort(key=lambda t: t.line or 0)
        for i, t in enumerate(tables):
            t.index = i
        one_cell_lines = {ln for t in more for ln in range(t.line or 0, _table_end(t) + 1)}
        blocks = [b for b in blocks if not (b.kind == "para" and b.line in one_cell_lines)]
        if more and doc.layout == "text":
            doc.layout = "one-cell"
        elif any(b.kind == "grid" for b in blocks):
            doc.layout = "grid"
    doc.tables = tables
    stop = annex_start(blocks)
    doc.headings = extract_headings(blocks, stop)
    if raw.lines is not None:
        full = "\n".join(raw.lines)
        starts = [0] + [m.end() for m in re.finditer("\n", full)]  # where each line begins
        doc.meta = extract_metadata(blocks, full, lambda pos: bisect.bisect_right(starts, pos))
    else:
        doc.meta = extract_metadata(blocks, None, None)
    doc.narrative = extract_narrative(blocks, suite, stop)
    return doc


def _grid_has_table(block, table_lines: set) -> bool:
    return any(ln in table_lines for ln in block.row_lines)


def _table_end(t: Table) -> int:
    lines = [t.line or 0]
    for r in t.rows:
        lines.append(r.line or 0)
        lines.extend(v.line or 0 for v in r.values)
        if r.unit_line:
            lines.append(r.unit_line)
    lines.extend(ln or 0 for ln, _, _ in t.numbering)
    return max(lines)


def _structured_document(raw: RawInput) -> Document:
    df = raw.frame
    years = sorted(int(c[1:]) for c in df.columns if c.startswith("y20"))
    table = Table(0, "indicator", None, years)
    for rec in df.to_dict("records"):
        line = rec.get("_line")
        line = int(line) if line is not None and line == line else None
        name = rec.get("name") or rec.get("indicator") or ""
        row = TableRow(line=line, label=rec.get("label"), name=str(name), unit=rec.get("unit"),
                       unit_line=line,
                       values=[Cell("" if rec.get(f"y{y}") is None else str(rec.get(f"y{y}")), line) for y in years],
                       cell_count=len(years))
        row.extra["indicator"] = rec.get("indicator")
        row.extra["expected_cells"] = len(years)
        row.extra["province"] = rec.get("province")
        table.rows.append(row)
    doc = Document(path=raw.path, layout=raw.layout or "structured", tables=[table],
                   has_lines=raw.layout in ("csv", "xlsx"), raw_table=df)
    return doc
