"""The data that flows through plancheck: read -> extract -> normalize -> check -> report.

Readers produce a :class:`Document`; extractors fill its tables, narrative targets and
metadata; :mod:`plancheck.normalize` turns it into the normalized target table; checks
produce :class:`Finding` values; a :class:`Report` collects them per file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Cell:
    text: str
    line: int | None


@dataclass
class TableRow:
    """One row of an indicator table, as printed (names and values are raw text)."""

    line: int | None
    label: str | None
    name: str
    unit: str | None = None
    unit_line: int | None = None
    values: list[Cell] = field(default_factory=list)
    role: str = "indicator"  # indicator | section | group | breakdown
    parent: int | None = None  # index (in Table.rows) of the parent row
    breakdown: str | None = None  # urban | rural | region | school level | sub
    group_unit: str | None = None  # unit given by a group header ("trên 10.000 dân")
    section: str | None = None  # label of the enclosing section row
    cell_count: int | None = None  # target cells actually present (None: layout cannot tell)
    extra: dict = field(default_factory=dict)  # layout-specific details (column texts)


@dataclass
class Table:
    index: int
    kind: str  # indicator | task | other
    line: int | None
    years: list[int]
    rows: list[TableRow] = field(default_factory=list)
    caption: str | None = None
    columns_ok: bool = True
    numbering: list[tuple[int | None, str, str | None]] = field(default_factory=list)
    # (line, label as printed, section label) in reading order, for structure checks


@dataclass(frozen=True)
class NarrativeTarget:
    indicator: str
    year: int
    raw: str
    line: int
    text: str  # the clause the target was read from
    breakdown: str | None = None


@dataclass(frozen=True)
class Citation:
    kind: str  # Nghị quyết, Kế hoạch, ...
    number: str  # as normalised: 68/NQ-CP
    date: dt.date | None
    date_text: str | None
    line: int


@dataclass(frozen=True)
class Caption:
    line: int
    text: str
    number: str | None
    date: dt.date | None
    date_text: str | None


@dataclass(frozen=True)
class Heading:
    line: int
    style: str  # roman | decimal | letter
    label: str
    text: str


@dataclass
class Metadata:
    doc_type: str | None = None
    number: str | None = None
    number_line: int | None = None
    number_blank: bool = False
    date: dt.date | None = None
    date_text: str | None = None
    date_line: int | None = None
    date_blank: bool = False
    province: str | None = None
    issuer: str | None = None
    citations: list[Citation] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "type": self.doc_type, "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "province": self.province, "issuer": self.issuer,
            "cites": [{"kind": c.kind, "number": c.number, "date": c.date.isoformat() if c.date else None,
                       "line": c.line} for c in self.citations],
        }


@dataclass
class Document:
    path: str
    layout: str  # tsv | one-cell | pipe | docx | prose | structured
    lines: list[str] | None = None  # cleaned text lines (1-based index = line number - 1)
    tables: list[Table] = field(default_factory=list)
    narrative: list[NarrativeTarget] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    has_lines: bool = True
    raw_table: object | None = None  # the raw table of a structured submission, until it is validated


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    category: str
    severity: str
    path: str
    line: int | None
    indicator: str | None
    row_label: str | None
    row_name: str | None
    year: int | None
    value: str | None
    message: str
    suggestion: str | None
    message_args: tuple = ()

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "rule": self.rule, "name": self.name,
                "category": self.category, "severity": self.severity, "indicator": self.indicator,
                "row_label": self.row_label, "row_name": self.row_name, "year": self.year,
                "value": self.value, "message": self.message, "suggestion": self.suggestion}

    def sort_key(self):
        return (self.path, self.line if self.line is not None else 10**9, self.year or 0, self.rule,
                self.row_name or "", self.value or "")


@dataclass
class FileResult:
    path: str
    status: str  # ok | error
    layout: str | None = None
    error: str | None = None
    indicators: int = 0
    targets: int = 0
    meta: dict | None = None


@dataclass
class Report:
    files: list[FileResult]
    findings: list[Finding]
    suites: list[str]
    lang: str = "vi"
