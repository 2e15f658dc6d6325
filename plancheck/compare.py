"""Comparing documents: align targets by indicator id and milestone year.

Each document contributes its annex targets and, where the annex does not state the
indicator for that year, the target stated in its body. Subjects no suite indicator covers
are aligned too, when two documents or more state them (by their subject: word order, "tỷ lệ",
abbreviations and "trên địa bàn tỉnh" do not count). The national suite can take part as one
more document (``--national``).

Decision rule for the status of one indicator and year (each has exactly one):

* ``different`` - two documents that state a target for it disagree, whatever the others
  do (one of them stating nothing hides no conflict);
* ``missing`` - no two documents that state it disagree, but some document states no target
  (no row, or ``-``), or only one states it;
* ``same`` - every document states one, and every pair is compatible: the same level, or
  numbers written around the same value without pointing in opposite directions
  (``95`` and ``tối thiểu 95``; ``33`` and ``khoảng 33``; ``> 60`` and ``trên 60%``; ``≥ 80`` and
  ``tối thiểu 80``), in either notation of thousands (``660.085`` and ``660 085``).

Whatever the status, ``missing_from`` names the documents that do not state the target: a
``different`` row may be missing from some document too, and says so.

For a directional indicator whose targets differ, ``more_ambitious`` names the document(s)
with the highest guaranteed level (higher-is-better) or the lowest cap (lower-is-better).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Suite
from .model import Document, RowRole
from .targets import TargetValue, compatible, parse_target
from .textnorm import canonical


@dataclass
class Aligned:
    indicator: str | None  # the suite's id; None for a subject no suite indicator covers
    row_name: str
    year: int
    breakdown: str | None
    values: dict[str, str | None]
    lines: dict[str, int | None]
    status: str
    more_ambitious: list[str] = field(default_factory=list)
    section: str | None = None
    missing_from: list[str] = field(default_factory=list)  # the documents that state no target
    provinces: dict[str, str | None] = field(default_factory=dict)  # each document's province (metadata)

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "row_name": self.row_name, "year": self.year,
                "breakdown": self.breakdown, "values": self.values, "lines": self.lines, "status": self.status,
                "more_ambitious": self.more_ambitious, "section": self.section, "missing_from": self.missing_from,
                "provinces": self.provinces}


@dataclass(frozen=True)
class DocumentInfo:
    """One compared document: its name in the tables, its path, what its header says, and the
    label the human-facing tables give it (the province when the metadata names one that no
    other compared document has, else the name)."""

    name: str
    path: str | None
    province: str | None
    doc_type: str | None
    number: str | None
    date: str | None
    label: str

    def as_dict(self) -> dict:
        return {"name": self.name, "path": self.path, "province": self.province, "type": self.doc_type,
                "number": self.number, "date": self.date, "label": self.label}


def document_info(docs: list[Document], names: list[str], national: bool = False) -> list[DocumentInfo]:
    """The compared documents (and ``national``, the suite's targets, last when compared)."""
    provinces = [d.meta.province for d in docs]
    seen = Counter(p for p in provinces if p)
    out = []
    for doc, name, province in zip(docs, names, provinces):
        m = doc.meta
        out.append(DocumentInfo(name, doc.path, province, m.doc_type, m.number,
                                m.date.isoformat() if m.date else None,
                                province if province and seen[province] == 1 else name))
    if national:
        out.append(DocumentInfo("national", None, None, None, None, None, "national"))
    return out


def document_names(paths: list[str]) -> list[str]:
    names = [Path(p).name for p in paths]
    if len(set(names)) == len(names):
        return names
    return list(paths)


def targets_of(doc: Document, suite: Suite) -> dict[tuple[str, int, str | None], tuple[str, int | None]]:
    """(indicator, year, breakdown) -> (raw target, line) for one document (names matched
    by :func:`plancheck.matching.match_document`)."""
    out: dict[tuple[str, int, str | None], tuple[str, int | None]] = {}
    for table in doc.tables:
        if table.kind != "indicator" or table.problem:
            continue
        for row in table.rows:
            if row.role not in (RowRole.INDICATOR, RowRole.SUB, RowRole.BREAKDOWN) or not row.indicator:
                continue
            key_bd = row.breakdown if row.role == RowRole.BREAKDOWN else None
            for cell in row.targets:
                if parse_target(cell.text).kind == "none":
                    continue
                out.setdefault((row.indicator, cell.year, key_bd), (cell.text.strip(), cell.location.line))
    for nt in doc.narrative:
        out.setdefault((nt.indicator, nt.year, nt.breakdown), (nt.raw, nt.line))
    return out


def open_targets(docs: list[Document]) -> tuple[list[dict], dict[str, str]]:
    """Targets of subjects no suite indicator covers, for each document, keyed like
    :func:`targets_of` by ("~" + subject key, year, scope): only the subjects that two documents
    or more state (the same subject: :func:`plancheck.checks.statements.same_subject`); and each
    subject's name as first written."""
    from .checks.statements import same_subject
    from .extract.statements import scope_key

    clusters: list[str] = []  # representative keys
    names: dict[str, str] = {}
    per_doc: list[dict] = []
    for doc in docs:
        found: dict = {}
        for t in doc.targets:
            if t.indicator or t.year is None or len(t.key.split()) < 2 or t.value.kind in ("none", "unreadable"):
                continue
            rep = next((c for c in clusters if same_subject(c, t.key)), None)
            if rep is None:
                clusters.append(t.key)
                rep = t.key
                names[f"~{rep}"] = t.subject
            found.setdefault((f"~{rep}", t.year, scope_key(t.scope) or None), (t.value_text, t.location.line))
        per_doc.append(found)
    shared = Counter(k[0] for d in per_doc for k in {(k[0],) for k in d})
    return [{k: v for k, v in d.items() if shared[k[0]] >= 2} for d in per_doc], names


def align(docs: list[Document], suite: Suite, names: list[str], national: bool = False) -> list[Aligned]:
    per_doc = [targets_of(d, suite) for d in docs]
    subjects, subject_names = open_targets(docs)
    for mine, other in zip(per_doc, subjects):
        mine.update(other)
    if national:
        names = list(names) + ["national"]
        per_doc.append({(i.id, y, None): (nv.raw, None) for i in suite.indicators.values()
                        for y, nv in i.national.items()})
    provinces = {n: d.meta.province for n, d in zip(names, docs)}
    if national:
        provinces["national"] = None
    keys = set()
    for t in per_doc:
        keys |= set(t)
    order = {iid: k for k, iid in enumerate(suite.indicators)}
    rows = []
    for key in sorted(keys, key=lambda k: (order.get(k[0], 10**6), k[0], k[2] or "", k[1])):
        iid, year, bd = key
        ind = suite.indicators.get(iid)
        values = {n: (t.get(key) or (None, None))[0] for n, t in zip(names, per_doc)}
        lines = {n: (t.get(key) or (None, None))[1] for n, t in zip(names, per_doc)}
        bounds = ind.reading_bounds if ind else None
        parsed = {n: reading(v, bounds) for n, v in values.items() if v is not None}
        missing_from = [n for n in names if values[n] is None]
        stated = [(values[n], t) for n, t in parsed.items()]
        if not all(agree(a, b) for i, a in enumerate(stated) for b in stated[i + 1:]):
            status = "different"
        elif missing_from:
            status = "missing"
        else:
            status = "same"
        more = []
        if status == "different" and ind and ind.direction in ("higher", "lower"):
            more = _most_ambitious(parsed, ind.direction)
        name = ind.name if ind else subject_names.get(iid, iid)
        if bd:
            name = f"{name} - {_BREAKDOWN_VI.get(bd, bd)}"
        rows.append(Aligned(iid if not iid.startswith("~") else None, name, year, bd, values, lines, status, more,
                            ind.section if ind else None, missing_from, provinces))
    return rows


# a space (also no-break, thin, narrow no-break) between groups of three digits: "660 085"
_GROUP_SPACE = re.compile(r"(?<![\d.,])(\d{1,3})((?:[ \u00a0\u2009\u202f]\d{3})+)(?![\d])")


def reading(raw: str, bounds=None) -> TargetValue:
    """The target a document states, read as ``lint`` reads it; thousands grouped by spaces
    (``660 085``, as some conversions print ``660.085``) read as grouped by dots."""
    if _GROUP_SPACE.search(raw):
        raw = _GROUP_SPACE.sub(lambda m: m.group(1) + re.sub(r"\s", ".", m.group(2)), raw)
    return parse_target(raw, bounds)


def agree(a: tuple[str, TargetValue], b: tuple[str, TargetValue]) -> bool:
    """Two statements (raw text, reading) of one target that agree: compatible readings, or
    the same words (a level or phrase no reading covers, written alike)."""
    return compatible(a[1], b[1]) or canonical(a[0]).casefold() == canonical(b[0]).casefold()


def selected(rows: list[Aligned], statuses) -> list[Aligned]:
    """The rows ``--status`` asks for: ``all``; or those of the statuses named, where
    ``missing`` takes every row some document does not state (different ones too)."""
    wanted = set(statuses)
    if "all" in wanted:
        return list(rows)
    return [r for r in rows if r.status in wanted or ("missing" in wanted and r.missing_from)]


_BREAKDOWN_VI = {"urban": "Thành thị", "rural": "Nông thôn", "region": "vùng", "sub": "trong đó"}


def _most_ambitious(parsed: dict[str, TargetValue], direction: str) -> list[str]:
    scores = {}
    for n, t in parsed.items():
        if direction == "higher" and t.kind in ("exact", "approx", "range", "lower"):
            scores[n] = t.lo
        elif direction == "lower" and t.kind in ("exact", "approx", "range", "upper"):
            scores[n] = -t.hi
    if len(scores) < 2 or len(set(scores.values())) < 2:
        return []
    best = max(scores.values())
    return [n for n, s in scores.items() if s == best]
