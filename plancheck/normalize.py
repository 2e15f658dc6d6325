"""Normalization: documents -> one pandas DataFrame of targets for all files of a run.

One row per (file, table row, milestone year), plus rows for targets stated in the body
(``source == "narrative"``). Indicator attributes from the suite are joined on, so that
row-level checks are plain vectorized expressions over columns.
"""

from __future__ import annotations

import math

import pandas as pd

from .catalogue import Suite
from .model import Document, Location, RowRole
from .targets import ambition, canonical_unit, level_order, parse_target
from .textnorm import clean

COLUMNS = [
    "path", "doc", "table", "row", "line", "row_label", "row_name", "indicator", "match_score",
    "candidates", "role", "breakdown", "parent_row", "unit_raw", "unit", "unit_line", "year", "raw",
    "value_line", "kind", "lo", "hi", "lo_strict", "hi_strict", "level", "value_unit", "note", "reading",
    "alt_reading", "spelling", "source", "cell_count", "expected_cells", "has_children_targets",
    "has_lines", "matched_alias", "row_loc", "value_loc", "unit_loc",
]


def normalize(docs: list[Document], suite: Suite) -> pd.DataFrame:
    records: list[dict] = []
    for di, doc in enumerate(docs):
        records.extend(doc_records(doc, di, suite))
    return frame_of(records, suite)


def frame_of(records: list[dict], suite: Suite) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    return join_indicators(frame, suite)


def doc_records(doc: Document, di: int, suite: Suite) -> list[dict]:
    """The normalized rows of one document (``di`` is its index in the run)."""
    records: list[dict] = []
    for table in doc.tables:
        if table.kind != "indicator" or table.problem:
            continue
        with_children_targets = {row.parent for row in table.rows
                                 if row.role in (RowRole.BREAKDOWN, RowRole.SUB) and row.parent is not None
                                 and any(parse_target(t.text).kind != "none" for t in row.targets)}
        years = table.years or list(suite.milestones)
        for row in table.rows:
            if row.role not in (RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB):
                continue
            iid = row.indicator
            ind = suite.indicators.get(iid) if iid else None
            bounds = ind.reading_bounds if ind else None
            unit = canonical_unit(row.unit)
            role = "breakdown" if row.role == RowRole.BREAKDOWN else "indicator"
            name = clean(row.name)
            for year in years:
                cell = row.target(year)
                raw = cell.text if cell is not None else None
                t = parse_target(raw, bounds)
                records.append({
                    "path": doc.path, "doc": di, "table": table.index, "row": row.index,
                    "line": row.location.line, "row_label": row.label, "row_name": name,
                    "indicator": iid, "match_score": row.match_score, "candidates": row.candidates,
                    "role": role, "breakdown": row.breakdown, "parent_row": row.parent,
                    "unit_raw": row.unit, "unit": unit, "unit_line": (row.unit_location or row.location).line,
                    "year": year, "raw": clean(raw) if raw is not None else None,
                    "value_line": cell.location.line if cell is not None else row.location.line,
                    "kind": t.kind, "lo": t.lo, "hi": t.hi, "lo_strict": t.lo_strict,
                    "hi_strict": t.hi_strict, "level": t.level, "value_unit": t.unit, "note": t.note,
                    "reading": t.reading, "alt_reading": t.alt_reading, "spelling": t.spelling,
                    "source": "table", "cell_count": len(row.targets),
                    "expected_cells": len(years),
                    "has_children_targets": row.index in with_children_targets,
                    "has_lines": doc.has_lines, "matched_alias": row.matched_alias,
                    "row_loc": row.location, "value_loc": cell.location if cell is not None else row.location,
                    "unit_loc": row.unit_location or row.location,
                })
    for nt in doc.narrative:
        ind = suite.indicators.get(nt.indicator)
        t = parse_target(nt.raw, ind.reading_bounds if ind else None)
        where = nt.location or Location(line=nt.line)
        records.append({
            "path": doc.path, "doc": di, "table": -1, "row": -1, "line": nt.line, "row_label": None,
            "row_name": nt.text, "indicator": nt.indicator, "match_score": 100.0, "candidates": (),
            "role": "narrative", "breakdown": nt.breakdown, "parent_row": None, "unit_raw": None,
            "unit": None, "unit_line": None, "year": nt.year, "raw": nt.raw, "value_line": nt.line,
            "kind": t.kind, "lo": t.lo, "hi": t.hi, "lo_strict": t.lo_strict, "hi_strict": t.hi_strict,
            "level": t.level, "value_unit": t.unit, "note": t.note, "reading": t.reading,
            "alt_reading": t.alt_reading, "spelling": t.spelling, "source": "narrative",
            "cell_count": None, "expected_cells": None, "has_children_targets": False,
            "has_lines": doc.has_lines, "matched_alias": None,
            "row_loc": where, "value_loc": where, "unit_loc": where,
        })
    return records


IND_COLUMNS = ["ind_type", "direction", "bounds_lo", "bounds_hi", "plaus_lo", "plaus_hi", "universal",
               "expected_units", "ind_name", "numeric_type", "nat_raw", "nat_source", "nat_ambition",
               "nat_level_rank"]
NO_INDICATOR = dict.fromkeys(IND_COLUMNS)


def indicator_columns(suite: Suite) -> dict[tuple[str, int], dict]:
    """The suite's attributes of each (indicator, milestone year), joined onto the rows:
    type, direction, bounds, and the national target with the level it guarantees."""
    out = {}
    for ind in suite.indicators.values():
        b = ind.bounds or (None, None)
        p = ind.plausible or (None, None)
        base = {
            "ind_type": ind.type, "direction": ind.direction,
            "bounds_lo": _f(b[0]), "bounds_hi": _f(b[1]), "plaus_lo": _f(p[0]), "plaus_hi": _f(p[1]),
            "universal": ind.universal, "expected_units": ind.units, "ind_name": ind.name,
            "numeric_type": ind.numeric,
        }
        plausible = (float(p[0]), float(p[1])) if ind.plausible else None
        for year in suite.milestones:
            nv = ind.national.get(year)
            nat = parse_target(nv.raw, plausible) if nv else None
            out[(ind.id, year)] = {
                **base, "nat_raw": nv.raw if nv else None, "nat_source": nv.source if nv else None,
                "nat_ambition": ambition(nat, ind.direction) if nat else None,
                "nat_level_rank": level_order(nat.level) if nat and nat.level else None,
            }
        out[(ind.id, None)] = {**base, **dict.fromkeys(["nat_raw", "nat_source", "nat_ambition", "nat_level_rank"])}
    return out


def _f(x):
    return None if x is None else float(x)


def join_indicators(frame: pd.DataFrame, suite: Suite) -> pd.DataFrame:
    """The suite's columns for each row of ``frame`` (rows of no known indicator get nulls)."""
    attrs = indicator_columns(suite)
    keys = zip(frame["indicator"].tolist(), frame["year"].tolist())
    joined = [attrs.get((i, y)) or attrs.get((i, None)) or NO_INDICATOR for i, y in keys]
    out = pd.concat([frame, pd.DataFrame.from_records(joined, columns=IND_COLUMNS, index=frame.index)], axis=1)
    for col in ("lo", "hi", "bounds_lo", "bounds_hi", "plaus_lo", "plaus_hi", "match_score", "alt_reading",
                "nat_ambition", "nat_level_rank"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    for col in ("lo_strict", "hi_strict", "universal", "has_children_targets", "numeric_type"):
        out[col] = out[col].fillna(False).astype(bool)
    return out


def is_finite(x) -> bool:
    return x is not None and isinstance(x, float) and math.isfinite(x)
