"""Comparing documents: align targets by indicator id and milestone year.

Each document contributes its annex targets and, where the annex does not state the
indicator for that year, the target stated in its body. The national suite can take part
as one more document (``--national``).

Decision rule for the status of one indicator and year:

* ``missing`` - at least one document states no target (no row, or ``-``) while another does;
* ``same`` - every document states one, and every pair is compatible: the same level, or
  numbers written around the same value without pointing in opposite directions
  (``95`` and ``tối thiểu 95``; ``33`` and ``khoảng 33``; ``> 60`` and ``trên 60%``);
* ``different`` - otherwise.

For a directional indicator whose targets differ, ``more_ambitious`` names the document(s)
with the highest guaranteed level (higher-is-better) or the lowest cap (lower-is-better).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import Suite
from .model import Document, RowRole
from .targets import Target, compatible, parse_target


@dataclass
class Aligned:
    indicator: str
    row_name: str
    year: int
    breakdown: str | None
    values: dict[str, str | None]
    lines: dict[str, int | None]
    status: str
    more_ambitious: list[str] = field(default_factory=list)
    section: str | None = None

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "row_name": self.row_name, "year": self.year,
                "breakdown": self.breakdown, "values": self.values, "lines": self.lines, "status": self.status,
                "more_ambitious": self.more_ambitious, "section": self.section}


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


def align(docs: list[Document], suite: Suite, names: list[str], national: bool = False) -> list[Aligned]:
    per_doc = [targets_of(d, suite) for d in docs]
    if national:
        names = list(names) + ["national"]
        per_doc.append({(i.id, y, None): (nv.raw, None) for i in suite.indicators.values()
                        for y, nv in i.national.items()})
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
        parsed = {n: parse_target(v, bounds) for n, v in values.items() if v is not None}
        if len(parsed) < len(names):
            status = "missing"
        elif all(compatible(a, b) for a in parsed.values() for b in parsed.values()):
            status = "same"
        else:
            status = "different"
        more = []
        if status == "different" and ind and ind.direction in ("higher", "lower"):
            more = _most_ambitious(parsed, ind.direction)
        name = ind.name if ind else iid
        if bd:
            name = f"{name} - {_BREAKDOWN_VI.get(bd, bd)}"
        rows.append(Aligned(iid, name, year, bd, values, lines, status, more, ind.section if ind else None))
    return rows


_BREAKDOWN_VI = {"urban": "Thành thị", "rural": "Nông thôn", "region": "vùng", "sub": "trong đó"}


def _most_ambitious(parsed: dict[str, Target], direction: str) -> list[str]:
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
