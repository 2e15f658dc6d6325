"""Extraction: from what a reader produced to a :class:`~plancheck.model.Document`.

Metadata and headings come from the paragraphs (and, for citations, the cells too); tables
from the grids, by the one table interpreter (:mod:`plancheck.extract.tables`); targets
stated in prose from the body paragraphs (:mod:`plancheck.extract.narrative`).
"""

from __future__ import annotations

from ..catalogue import Suite
from ..model import Document, Grid, Location, Paragraph, RowRole, Table, TableRow, TargetCell
from ..readers import RawInput
from .metadata import annex_start, extract_metadata
from .narrative import extract_narrative
from .outline import build_outline, settle_roles, table_outline
from .tables import read_tables
from .rows import breakdown_of


def extract(raw: RawInput, suite: Suite) -> Document:
    if raw.kind == "structured":
        return _structured_document(raw)
    blocks = raw.blocks or []
    doc = Document(path=raw.path, layout=_layout(raw), lines=raw.lines, has_lines=raw.layout not in ("docx", "pdf"))
    doc.title_location = next((b.location for b in blocks if isinstance(b, Paragraph)), None)
    stop = annex_start(blocks)
    doc.meta = extract_metadata(blocks, None, None)
    doc.tables = read_tables(blocks, _document_year(doc))
    doc.outline = build_outline(doc, blocks, stop)
    settle_roles(doc)
    doc.narrative = extract_narrative(blocks, suite, stop)
    return doc


def _layout(raw: RawInput) -> str:
    if raw.layout != "text":
        return raw.layout or "text"
    sources = {b.source for b in raw.blocks or () if isinstance(b, Grid)}
    if "one-cell" in sources:
        return "one-cell"
    return "grid" if sources else "text"


def _document_year(doc: Document) -> int | None:
    """The year the document was issued (its date, else an annex caption's date)."""
    if doc.meta.date:
        return doc.meta.date.year
    return next((c.date.year for c in doc.meta.captions if c.date), None)


def _structured_document(raw: RawInput) -> Document:
    """A structured submission (CSV, JSON, YAML): one indicator row per record (read column by
    column: a large submission makes no dict per record)."""
    from .numbering import parse_numbering

    df = raw.frame
    years = sorted(int(c[1:]) for c in df.columns if c.startswith("y20"))
    table = Table(0, "indicator", Location(line=None), "structured", years=years)
    missing = [None] * len(df)
    lines, names, ids, labels, units = (df.columns.get(c) or missing for c in ("_line", "name", "indicator", "label",
                                                                               "unit"))
    by_year = [(y, df.columns.get(f"y{y}") or missing) for y in years]
    rows = table.rows
    last_total = None  # the latest indicator row: "Thành thị", "Nông thôn" below it are its parts
    for k, (line, name, iid, label, unit) in enumerate(zip(lines, names, ids, labels, units)):
        line = int(line) if line is not None and line == line else None
        where = Location(line=line)
        values = [TargetCell(y, "" if col[k] is None else str(col[k]), where) for y, col in by_year]
        text = str(name or iid or "")
        part = breakdown_of(text) if not iid and last_total is not None else None
        row = TableRow(k, RowRole.BREAKDOWN if part else RowRole.INDICATOR, text, where,
                       numbering=parse_numbering(str(label)) if label else None,
                       unit=unit, unit_location=where, targets=values, indicator_id=iid)
        if part:
            row.parent, row.breakdown = last_total, part
        else:
            last_total = k
        rows.append(row)
    doc = Document(path=raw.path, layout=raw.layout or "structured", tables=[table],
                   has_lines=raw.layout in ("csv",), raw_table=df)
    doc.outline = table_outline(doc)
    return doc
