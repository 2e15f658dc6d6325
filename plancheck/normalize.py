"""Normalization: documents -> one table of targets for all files of a run.

One row per (file, table row, milestone year), plus rows for targets stated in the body
(``source == "narrative"``). Indicator attributes from the suite are joined on, so that
row-level checks are plain vectorized expressions over columns. The table is a
:class:`~plancheck.frame.Frame` of plain columns; ``Frame.to_pandas`` gives it to pandas
where a tool needs a DataFrame (Great Expectations, pandera).
"""

from __future__ import annotations

import math

from .catalogue import Suite
from .frame import Frame, to_bool, to_float
from .model import Document, Location, RowRole
from .targets import ambition, canonical_unit, level_order, parse_target
from .textnorm import clean

COLUMNS = [
    "path", "doc", "table", "row", "line", "row_label", "row_name", "indicator", "match_score",
    "candidates", "role", "breakdown", "parent_row", "unit_raw", "unit", "unit_line", "year", "raw",
    "value_line", "kind", "lo", "hi", "lo_strict", "hi_strict", "level", "value_unit", "note", "reading",
    "alt_reading", "spelling", "source", "cell_count", "expected_cells", "has_children_targets",
    "has_lines", "matched_alias", "row_loc", "value_loc", "unit_loc", "ambiguous",
]


def normalize(docs: list[Document], suite: Suite) -> Frame:
    rows: list[tuple] = []
    for di, doc in enumerate(docs):
        rows.extend(doc_rows(doc, di, suite))
    return frame_of(rows, suite)


_BLOCK = 1024  # rows transposed together (see frame_of)
_TARGET_ROLES = frozenset({RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB})
_UNSEEN = object()


def frame_of(rows: list[tuple], suite: Suite) -> Frame:
    """The table of rows made by :func:`doc_rows` (tuples in ``COLUMNS`` order), with the
    suite's columns joined on."""
    columns: list[list] = [[] for _ in COLUMNS]
    # transposed a block of rows at a time: a block's tuples stay in the CPU's cache while each
    # of its columns is taken (a third faster than one zip over all the rows of a large table)
    for start in range(0, len(rows), _BLOCK):
        for column, values in zip(columns, zip(*rows[start:start + _BLOCK])):
            column.extend(values)
    return join_indicators(Frame(dict(zip(COLUMNS, columns)), len(rows)), suite)


def doc_rows(doc: Document, di: int, suite: Suite) -> list[tuple]:
    """The normalized rows of one document (``di`` is its index in the run), as tuples in
    ``COLUMNS`` order."""
    rows: list[tuple] = []
    path, has_lines = doc.path, doc.has_lines
    cleaned: dict[str, str] = {}  # a target as written, cleaned once
    read: dict[tuple, tuple] = {}  # (target as written, bounds) -> the columns of its reading
    reading_bounds: dict = {}  # indicator -> the bounds its targets are read with
    for table in doc.tables:
        if table.kind != "indicator" or table.problem:
            continue
        with_children_targets = {row.parent for row in table.rows
                                 if row.role in (RowRole.BREAKDOWN, RowRole.SUB) and row.parent is not None
                                 and any(parse_target(t.text).kind != "none" for t in row.targets)}
        years = table.years or list(suite.milestones)
        for row in table.rows:
            if row.role not in _TARGET_ROLES:
                continue
            iid = row.indicator
            bounds = reading_bounds.get(iid, _UNSEEN)
            if bounds is _UNSEEN:
                ind = suite.indicators.get(iid) if iid else None
                bounds = reading_bounds[iid] = ind.reading_bounds if ind else None
            role = "breakdown" if row.role == RowRole.BREAKDOWN else "indicator"
            loc = row.location
            unit_loc = row.unit_location or loc
            # the columns that are the same for each year of the row
            head = (path, di, table.index, row.index, loc.line, row.label, clean(row.name), iid, row.match_score,
                    row.candidates, role, row.breakdown, row.parent, row.unit, canonical_unit(row.unit),
                    unit_loc.line)
            tail = ("table", len(row.targets), len(years), row.index in with_children_targets, has_lines,
                    row.matched_alias, loc)
            cells = {t.year: t for t in reversed(row.targets)}  # the first cell of each year
            for year in years:
                cell = cells.get(year)
                raw = cell.text if cell is not None else None
                reading = read.get((raw, bounds))
                if reading is None:
                    t = parse_target(raw, bounds)
                    reading = read[(raw, bounds)] = (t.kind, t.lo, t.hi, t.lo_strict, t.hi_strict, t.level, t.unit,
                                                     t.note, t.reading, t.alt_reading, t.spelling)
                if raw is not None and raw not in cleaned:
                    cleaned[raw] = clean(raw)
                rows.append((
                    *head, year, cleaned[raw] if raw is not None else None,
                    cell.location.line if cell is not None else loc.line, *reading, *tail,
                    cell.location if cell is not None else loc, unit_loc, row.ambiguous,
                ))
    for nt in doc.narrative:
        ind = suite.indicators.get(nt.indicator)
        t = parse_target(nt.raw, ind.reading_bounds if ind else None)
        where = nt.location or Location(line=nt.line)
        rows.append((
            path, di, -1, -1, nt.line, None, nt.text, nt.indicator, 100.0, (), "narrative", nt.breakdown, None,
            None, None, None, nt.year, nt.raw, nt.line, t.kind, t.lo, t.hi, t.lo_strict, t.hi_strict, t.level,
            t.unit, t.note, t.reading, t.alt_reading, t.spelling, "narrative", None, None, False, has_lines,
            None, where, where, where, False,
        ))
    return rows


IND_COLUMNS = ["ind_type", "direction", "bounds_lo", "bounds_hi", "plaus_lo", "plaus_hi", "universal",
               "expected_units", "ind_name", "numeric_type", "nat_raw", "nat_source", "nat_ambition",
               "nat_level_rank"]
NO_INDICATOR = dict.fromkeys(IND_COLUMNS)


def indicator_columns(suite: Suite) -> dict[tuple, dict]:
    """The suite's attributes of each (indicator, milestone year), joined onto the rows:
    type, direction, bounds, and the reference target with the level it guarantees. A
    breakdown row (urban, rural) takes its part's reference value, keyed (indicator, year,
    part), and none where its part has none."""
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

        def reference(nv):
            nat = parse_target(nv.raw, plausible) if nv else None
            return {"nat_raw": nv.raw if nv else None, "nat_source": nv.source if nv else None,
                    "nat_ambition": ambition(nat, ind.direction) if nat else None,
                    "nat_level_rank": level_order(nat.level) if nat and nat.level else None}

        for year in suite.milestones:
            out[(ind.id, year)] = {**base, **reference(ind.national.get(year))}
        for part, values in ind.parts.items():
            for year in suite.milestones:
                if year in values:
                    out[(ind.id, year, part)] = {**base, **reference(values[year])}
        out[(ind.id, None)] = {**base, **dict.fromkeys(["nat_raw", "nat_source", "nat_ambition", "nat_level_rank"])}
    return out


def _f(x):
    return None if x is None else float(x)


FLOAT_COLUMNS = ("lo", "hi", "bounds_lo", "bounds_hi", "plaus_lo", "plaus_hi", "match_score", "alt_reading",
                 "nat_ambition", "nat_level_rank")
BOOL_COLUMNS = ("lo_strict", "hi_strict", "universal", "has_children_targets", "numeric_type", "ambiguous")


def join_indicators(frame: Frame, suite: Suite) -> Frame:
    """The suite's columns for each row of ``frame`` (rows of no known indicator get nulls);
    number columns as floats (nan where null), flags as booleans (false where null)."""

    def typed(col: str, value):  # a suite's value, typed once for every row that takes it
        if col in FLOAT_COLUMNS:
            return to_float([value])[0]
        return to_bool([value])[0] if col in BOOL_COLUMNS else value

    attrs = {key: tuple(typed(c, a[c]) for c in IND_COLUMNS) for key, a in indicator_columns(suite).items()}
    none = tuple(typed(c, NO_INDICATOR[c]) for c in IND_COLUMNS)
    joined = [(attrs.get((i, y, b) if b else (i, y)) or attrs.get((i, None)) or none)
              for i, y, b in zip(frame.columns["indicator"], frame.columns["year"], frame.columns["breakdown"])]
    out = dict(frame.columns)
    for col, values in zip(IND_COLUMNS, zip(*joined) if joined else [[] for _ in IND_COLUMNS]):
        out[col] = list(values)
    for col in FLOAT_COLUMNS:
        if col not in IND_COLUMNS:
            out[col] = to_float(out[col])
    for col in BOOL_COLUMNS:
        if col not in IND_COLUMNS:
            out[col] = to_bool(out[col])
    return Frame(out, frame.n)


def is_finite(x) -> bool:
    return x is not None and isinstance(x, float) and math.isfinite(x)
