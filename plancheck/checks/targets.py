"""Row-level checks of target values, vectorized over the normalized table.

Each check computes a boolean mask over the table (one row per file, table row and
milestone year), column by column (:class:`~plancheck.frame.Vec`), and emits a finding spec
for each row of the mask.
"""

from __future__ import annotations

import math
import re

from ..catalogue import Suite
from ..frame import Frame, Vec, where
from ..targets import format_number, format_target, level_display, level_order, parse_target
from ..textnorm import canonical
from . import spec

NUMERIC_KINDS = ["exact", "approx", "lower", "upper", "range"]
DIRECTION_VI = {"higher": "càng cao càng tốt", "lower": "càng thấp càng tốt"}
DIRECTION_EN = {"higher": "higher is better", "lower": "lower is better"}


def table_rows(df: Frame, positions: list[int]) -> tuple[list[int], list[bool]]:
    """For the rows at ``positions``: the number of their table row (file, table, row) among
    those rows, in order of first appearance, and whether each is the first of its table row."""
    if df.vectorized and positions:
        return _table_rows_arrays(df, positions)
    path, table, row = df.columns["path"], df.columns["table"], df.columns["row"]
    ids: dict[tuple, int] = {}
    group, first = [], []
    for i in positions:
        key = (path[i], table[i], row[i])
        g = ids.get(key)
        if g is None:
            g = ids[key] = len(ids)
            first.append(True)
        else:
            first.append(False)
        group.append(g)
    return group, first


def _table_rows_arrays(df: Frame, positions: list[int]) -> tuple[list[int], list[bool]]:
    """``table_rows`` of a large table, with numpy (the same numbers)."""
    import numpy as np

    paths = df.columns["path"]
    ids = {p: k for k, p in enumerate(dict.fromkeys(paths))}  # each file's number, in order of appearance
    path = np.fromiter(map(ids.__getitem__, paths), dtype=np.int64, count=len(paths))
    at = np.asarray(positions, dtype=np.int64)
    table = df["table"].take(positions).v.astype(np.int64) + 1
    row = df["row"].take(positions).v.astype(np.int64) + 1
    keys = (path[at] << 42) | (table << 21) | row
    _, first_at, inverse = np.unique(keys, return_index=True, return_inverse=True)
    # np.unique numbers the keys in sorted order: renumber them in order of first appearance
    rank = np.empty(len(first_at), dtype=np.int64)
    rank[np.argsort(first_at, kind="stable")] = np.arange(len(first_at))
    first = np.zeros(len(at), dtype=bool)
    first[first_at] = True
    return rank[inverse.reshape(-1)].tolist(), first.tolist()


def prepare(df: Frame, suite: Suite | None = None) -> Frame:
    """Derived columns used by several checks (pure: returns a new frame).

    With the suite, each cell of an indicator with several accepted forms (a rate in %, or a
    level with the unit "Mức độ") takes the form its value states: ``ind_type`` and
    ``numeric_type`` are that form's, and ``form_units`` its units (see ``cell_forms``)."""
    if suite is not None:
        df = cell_forms(df, suite)
    c = df = df.assign(known=df["indicator"].notna(), is_numeric=df["kind"].isin(NUMERIC_KINDS))
    higher = c["direction"] == "higher"
    lower = c["direction"] == "lower"
    in_table = c["source"] == "table"
    # the guaranteed level of a target for a directional indicator
    amb_h = where(c["kind"].isin(["exact", "approx", "range", "lower"]), c["lo"], math.nan)
    amb_l = where(c["kind"].isin(["exact", "approx", "range", "upper"]), c["hi"], math.nan)
    prose = _prose_only(c, suite)
    # a breakdown row (urban, rural) whose part has a reference value of its own is compared with it
    part_row = in_table & (c["role"] == "breakdown") & c["nat_raw"].notna()
    out = df.assign(
        in_table=in_table,
        # the cells the row rules check: the annex's, and the targets a document states only in
        # its prose (a party programme has no annex; a body restating its annex is C001's)
        checked=in_table | prose, target_row=(in_table & (c["role"] == "indicator")) | prose | part_row,
        ambition=where(higher, amb_h, where(lower, amb_l, math.nan)),
        level_rank=[_float(level_order(k)) if isinstance(k, str) else math.nan for k in c.columns["level"]],
        is_cell=in_table & c["role"].isin(["indicator", "breakdown"]))
    return previous_milestone(out)


# words that narrow a statement to a part of the population ("... ở trẻ em vùng đồng bào dân tộc
# thiểu số", "lao động nữ", "thanh niên"): when the indicator's own name lacks them, the statement
# is about a group the national target does not measure
# (matched with their diacritics: "xã" is a commune, "xã hội" is not; "vùng" is not "vững")
_SUBGROUP = re.compile(r"(?<!\w)(?:nữ|nam giới|thanh niên|dân tộc thiểu số|đồng bào|vùng|miền núi|huyện|"
                       r"xã(?!\s+hội)|người cao tuổi|người khuyết tật|phụ nữ|trẻ em gái)(?!\w)")


def _subgroup(written: str, name: str) -> bool:
    words = set(_SUBGROUP.findall(canonical(written or "").lower()))
    return bool(words - set(_SUBGROUP.findall(canonical(name).lower())))


def _prose_only(c: Frame, suite: Suite | None = None) -> Vec:
    """Targets stated in a document's prose, of a known indicator and the whole population
    (not its urban or rural part, nor a group its name narrows it to), within the valid range
    (out of it, a prose value is more likely a misreading - "1.200 bác sĩ" is a head count -
    than a target), for a year no table row of that document states."""
    in_body = c["source"] == "narrative"
    if not in_body.any():
        return in_body
    cols = [c.columns[k] for k in ("path", "doc", "indicator", "year")]
    raw, kind = c.columns["raw"], c.columns["kind"]
    stated = {key for key, table, r in zip(zip(*cols), c.columns["source"], raw) if table == "table" and r}
    breakdown, written = c.columns["breakdown"], c.columns["row_name"]
    names = {i: ind.name for i, ind in suite.indicators.items()} if suite is not None else {}
    flags = [False] * len(c)
    for i in in_body.where():
        key = tuple(col[i] for col in cols)
        flags[i] = (isinstance(key[2], str) and key not in stated and not breakdown[i]
                    and kind[i] not in ("none", "unreadable")
                    and not (key[2] in names and _subgroup(written[i], names[key[2]])))
    return in_body & Vec(flags) & ~_bounds(c)[0]


def _float(x) -> float:
    return math.nan if x is None else float(x)


def cell_forms(df: Frame, suite: Suite) -> Frame:
    """The accepted form each cell states, for indicators with several: the form its value
    takes (of those, the one its row's unit names), or, for no target or a value no form
    takes, the form the unit names (the main form when the unit names none). ``ind_type``
    and ``numeric_type`` become that form's and ``form_units`` holds its units (null where
    the indicator has one form). A value no form takes is then a T002, a unit no form has a
    U002, and a unit of another form than the value's a U004."""
    several = {i.id: i for i in suite.indicators.values() if i.more_forms}
    at = df["indicator"].isin(several).where()
    if not at:
        return df.assign(form_units=[None] * len(df))
    types = list(df.columns["ind_type"])
    numeric = list(df.columns["numeric_type"])
    units = [None] * len(df)
    ids, kinds, row_units = df.columns["indicator"], df.columns["kind"], df.columns["unit"]
    for k in at:
        form = pick_form(several[ids[k]], row_units[k], kinds[k])
        types[k], numeric[k], units[k] = form.type, form.numeric, form.units
    return df.assign(ind_type=types, numeric_type=numeric, form_units=units)


def form_of(ind, units):
    """The accepted form of ``ind`` with these units."""
    return next((f for f in ind.forms if f.units == units), ind.forms[0])


def pick_form(ind, unit, kind):
    """The accepted form of one cell of ``ind`` (see ``cell_forms``)."""
    by_unit = [f for f in ind.forms if isinstance(unit, str) and unit in f.units]
    by_value = [f for f in ind.forms if f.takes(kind)]
    if by_value:
        return next((f for f in by_unit if f in by_value), by_value[0])
    return by_unit[0] if by_unit else ind.forms[0]


MILESTONE_KEYS = ["path", "table", "row"]
PREVIOUS = {"year": "year_prev", "raw": "raw_prev", "ambition": "ambition_prev", "level_rank": "level_rank_prev"}


def previous_milestone(df: Frame) -> Frame:
    """Each target cell's nearest earlier milestone of the same table row, as columns
    ``year_prev``, ``raw_prev``, ``ambition_prev`` and ``level_rank_prev`` (null - nan - when
    the row has none). Cells out of hard bounds are neither compared nor compared against."""
    c = df
    oob, _ = _bounds(c)
    usable = (c["in_table"] & c["known"] & (c["kind"] != "none") & ~oob).where()
    columns = {new: [math.nan] * len(df) for new in PREVIOUS.values()}
    if usable:
        # the usable cells sorted by table row, then year (stable: equal years keep their order)
        group, _ = table_rows(c, usable)
        years = c.columns["year"]
        year = [int(years[i]) for i in usable]
        order = sorted(range(len(usable)), key=lambda k: (group[k], year[k]))
        olds = [(c.columns[old], columns[new]) for old, new in PREVIOUS.items()]
        first_of_year = 0  # in ``order``: the first cell of the current year of the current row
        for k in range(1, len(order)):
            a, b = order[k - 1], order[k]
            if group[a] != group[b]:
                first_of_year = k
                continue
            if year[a] != year[b]:
                first_of_year = k
            if first_of_year == 0 or group[order[first_of_year - 1]] != group[b]:
                continue  # the first year of its row
            # the previous milestone is the last cell before the first cell of this year in the row
            at, source = usable[b], usable[order[first_of_year - 1]]
            for old, new in olds:
                new[at] = old[source]
    return df.assign(**columns)


def _location(r: dict) -> dict:
    return dict(path=r["path"], line=_int(r["value_line"] if r.get("value_line") is not None else r["line"]),
                indicator=r["indicator"] if isinstance(r["indicator"], str) else None,
                row_label=r["row_label"], row_name=r["row_name"], year=_int(r["year"]), value=r["raw"],
                location=r.get("value_loc"))


def _int(x):
    if x is None or (isinstance(x, float) and x != x):
        return None
    try:
        return int(x)
    except (TypeError, ValueError):
        return None


# the columns a finding is made from (where it is, what it says, what the rule compares)
ROW_COLUMNS = ("path", "table", "row", "line", "value_line", "indicator", "row_label", "row_name", "year", "raw",
               "value_loc", "row_loc", "unit_loc", "role", "breakdown", "kind", "lo", "hi", "level", "reading",
               "ambiguous",
               "ind_type", "direction", "bounds_lo", "bounds_hi", "plaus_lo", "plaus_hi", "nat_raw", "nat_source",
               "candidates", "form_units", "unit", "unit_raw", "unit_line", "value_unit", "year_prev", "raw_prev",
               "_oob", "_other_flag")


def _rows(df: Frame, mask: Vec) -> list[dict]:
    """The rows of ``df`` where ``mask`` holds (the columns findings are made from)."""
    return df.rows(mask, [c for c in ROW_COLUMNS if c in df])


def _n(x) -> str:
    return format_number(float(x)) if x is not None and not (isinstance(x, float) and x != x) else "?"


# ---------------------------------------------------------------- row rules: masks and findings
#
# The rules below are conditions on single rows of the normalized table. ``row_masks``
# evaluates them over the columns; the Great Expectations engine (plancheck.gx) evaluates the
# same conditions as expectations. Either way the findings are made by the same emitters.

ROW_RULES = ("T001", "T002", "T003", "R001", "R002", "D001", "B001", "B002", "X001", "X003", "X004")


def row_masks(df: Frame, final_year: int) -> dict[str, Vec]:
    c = df
    cell, known, in_table, kind = c["is_cell"], c["known"], c["in_table"], c["kind"]
    numeric_type = c["numeric_type"] & known
    level_type = known & ~c["numeric_type"]
    wrong_level = numeric_type & c["kind"].isin(["level", "school"])
    wrong_number = level_type & c["is_numeric"]
    wrong_scale = ((c["ind_type"] == "school_level") & (kind == "level") & (c["level"] != "rank")) | (
        (c["ind_type"] == "qualitative") & (kind == "school"))
    oob, implausible = _bounds(c)
    wrong_way = _wrong_way(c)
    indicator_row = in_table & (c["role"] == "indicator")
    checked = c["checked"]
    base = c["target_row"] & known
    direction, ambition, nat_ambition = c["direction"], c["ambition"], c["nat_ambition"]
    below = (((direction == "higher") & (ambition < nat_ambition)) | ((direction == "lower") & (ambition > nat_ambition))
             | ((direction != "none") & (c["level_rank"] < c["nat_level_rank"])))
    universal = base & c["universal"] & (c["year"] == final_year) & c["is_numeric"]
    masks = {
        "T001": cell & (kind == "unreadable"),
        "T002": cell & (wrong_level | wrong_number | wrong_scale),
        "T003": cell & (c["reading"] == "en"),
        "R001": in_table & oob,
        "R002": in_table & implausible,
        "D001": checked & wrong_way & ~oob,
        "B001": base & below & ~oob & ~wrong_way,
        "B002": universal & ((ambition < 100) | (kind == "upper")) & ~oob,
        "X001": indicator_row & ~known & ~c["ambiguous"],
        "X003": in_table & c["spelling"].notna(),
        "X004": indicator_row & ~known & c["ambiguous"],
    }
    return masks


def check_row_rules(df: Frame, suite: Suite, masks: dict[str, Vec] | None = None) -> list[dict]:
    masks = masks if masks is not None else row_masks(df, max(suite.milestones))
    out: list[dict] = []
    for code in ROW_RULES:
        out.extend(EMITTERS[code](df, masks[code], suite))
    return out


def emit_t001(df, mask, suite):
    return [spec("T001", **_location(r)) for r in _rows(df, mask)]


def emit_t002(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        expected, expected_en = form_text(r["ind_type"], "vi"), form_text(r["ind_type"], "en")
        got, got_en = kind_text(r["kind"], "vi"), kind_text(r["kind"], "en")
        out.append(spec("T002", **_location(r), got=got, expected=expected, got_en=got_en, expected_en=expected_en))
    return out


def emit_t003(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        t = parse_target(r["raw"], (r["plaus_lo"], r["plaus_hi"]) if r["plaus_lo"] == r["plaus_lo"] else None)
        number = r["lo"] if r["lo"] == r["lo"] else r["hi"]
        out.append(spec("T003", **_location(r), suggestion=format_target(t), reading=_n(number)))
    return out


# ---------------------------------------------------------------- unit


FORM_VI = {"school_level": "một bậc học (Tiểu học, THCS...)", "qualitative": "một mức định tính (Hoàn thành...)"}
FORM_EN = {"school_level": "a school level (Tiểu học, THCS...)", "qualitative": "a qualitative level (Hoàn thành...)"}


def form_text(value_type: str, lang: str) -> str:
    """What a form's targets are: a number, a school level or a qualitative level."""
    return (FORM_EN if lang == "en" else FORM_VI).get(value_type, "a number" if lang == "en" else "một giá trị số")


KIND_VI = {"level": "một mức định tính", "school": "một bậc học"}
KIND_EN = {"level": "a qualitative level", "school": "a school level"}


def kind_text(kind: str, lang: str) -> str:
    """What a target is: a number, a qualitative level or a school level."""
    return (KIND_EN if lang == "en" else KIND_VI).get(kind, "a number" if lang == "en" else "một giá trị số")


def units_text(units, lang: str) -> str:
    """Units in quotes: '"%"', '"%" or "mức độ"'."""
    quoted = [f'"{u}"' for u in dict.fromkeys(units) if u]
    return (" or " if lang == "en" else " hoặc ").join(quoted)


def check_units(df: Frame, suite: Suite) -> list[dict]:
    """The unit of each row against the indicator's accepted forms (U001, U002), the unit
    written in a value (U003), and each target against its own row's unit (U004)."""
    out: list[dict] = []
    c = df
    in_rows = c["in_table"] & c["known"] & c["role"].isin(["indicator", "breakdown"])
    if not in_rows.any():
        return out
    inds = suite.indicators
    allowed = {(i.id, u) for i in inds.values() for u in i.all_units if u is not None}
    # one entry per table row (the unit is the row's): its first cell, and whether any of
    # its milestones has a target
    positions = in_rows.where()
    group, first = table_rows(c, positions)
    kinds = c.columns["kind"]
    any_target = [False] * (max(group) + 1)
    for g, i in zip(group, positions):
        if kinds[i] != "none":
            any_target[g] = True
    firsts = [i for i, f in zip(positions, first) if f]
    row_ids = [c.columns["indicator"][i] for i in firsts]
    row_units = [c.columns["unit"][i] for i in firsts]
    has_unit = Vec(row_units).notna()
    known_unit = Vec([u is not None and (i, u) in allowed for i, u in zip(row_ids, row_units)])
    needs_unit = {i.id: all(f.units[0] is not None for f in i.forms) for i in inds.values()}
    missing = ~has_unit & Vec([any_target[g] for g, f in zip(group, first) if f]) & Vec(
        [needs_unit[i] for i in row_ids])
    row_columns = [k for k in ROW_COLUMNS if k in ("path", "table", "row", "line", "indicator", "row_label",
                                                   "row_name", "unit", "unit_raw", "unit_line", "form_units",
                                                   "row_loc", "unit_loc")]

    def row_dicts(mask: Vec) -> list[dict]:  # the table rows where ``mask`` holds, as _rows gives them
        return c.rows([firsts[k] for k in mask.where()], row_columns)

    def where(r: dict) -> dict:
        return dict(path=r["path"], indicator=r["indicator"], row_label=r["row_label"], row_name=r["row_name"])

    def unit_of(r: dict) -> str | None:
        """The unit of the form a cell states, as the suite writes it."""
        ind = inds[r["indicator"]]
        return form_of(ind, r["form_units"]).unit_label if isinstance(r.get("form_units"), tuple) else (
            ind.forms[0].unit_label)

    # a row with no unit: the unit of the form its first target states
    no_unit = row_dicts(missing)
    wanted = {(r["path"], r["table"], r["row"]) for r in no_unit}
    stated: dict[tuple, dict] = {}
    cols = ["path", "table", "row", "kind", "form_units", "indicator"]
    path, table, row = c.columns["path"], c.columns["table"], c.columns["row"]
    for i in positions if wanted else ():
        key = (path[i], table[i], row[i])
        if kinds[i] != "none" and key in wanted and key not in stated:
            stated[key] = c.rows([i], cols)[0]
    for r in no_unit:
        unit = unit_of(stated.get((r["path"], r["table"], r["row"]), r))
        out.append(spec("U001", line=_int(r["line"]), value=None, location=r["row_loc"], **where(r),
                        expected=units_text([unit], "vi"), expected_en=units_text([unit], "en"), suggestion=unit))
    for r in row_dicts(has_unit & ~known_unit):
        units = [f.unit_label for f in inds[r["indicator"]].forms]
        out.append(spec("U002", line=_int(r["unit_line"] if r["unit_line"] is not None else r["line"]),
                        value=r["unit_raw"], location=r["unit_loc"],
                        **where(r),
                        expected=units_text(units, "vi"), expected_en=units_text(units, "en"),
                        suggestion=units[0] if len(units) == 1 else None))
    # a value that writes its own unit ("70%"): the unit of the form the value states
    for r in _rows(df, c["in_table"] & c["known"] & c["value_unit"].notna()):
        unit = unit_of(r)
        units = r["form_units"] if isinstance(r.get("form_units"), tuple) else inds[r["indicator"]].units
        if r["value_unit"] not in units:
            out.append(spec("U003", **_location(r), got=r["value_unit"], expected=units_text([unit], "vi"),
                            expected_en=units_text([unit], "en")))
    # a target of one accepted form in a row whose unit is another form's ("%" with "Hoàn thành")
    several = in_rows & c["indicator"].isin([i.id for i in inds.values() if i.more_forms]) & c["unit"].notna() & (
        c["kind"] != "none") & (c["kind"] != "unreadable")
    for r in _rows(df, several):
        ind = inds[r["indicator"]]
        if r["unit"] not in ind.all_units or r["unit"] in r["form_units"]:
            continue
        unit_form = next(f for f in ind.forms if r["unit"] in f.units)
        label = form_of(ind, r["form_units"]).unit_label
        out.append(spec("U004", **_location(r), unit=r["unit_raw"], got=kind_text(r["kind"], "vi"),
                        got_en=kind_text(r["kind"], "en"), expected=units_text([label], "vi"),
                        expected_en=units_text([label], "en"),
                        other=form_text(unit_form.type, "vi"), other_en=form_text(unit_form.type, "en")))
    return out


# ---------------------------------------------------------------- range, direction, milestones


def bounds_masks(df: Frame) -> tuple[Vec, Vec]:
    """(out of hard bounds, implausible) masks over numeric cells of known indicators."""
    return _bounds(df)


def _bounds(c: Frame) -> tuple[Vec, Vec]:
    lo, hi, kind = c["lo"], c["hi"], c["kind"]
    num = c["is_numeric"] & c["known"]
    blo, bhi = c["bounds_lo"], c["bounds_hi"]
    below = (hi < blo) | ((kind == "upper") & (hi <= blo) & c["hi_strict"])
    above = (lo > bhi) | ((kind == "lower") & (lo >= bhi) & c["lo_strict"])
    # a bound beyond the valid range says nothing ("< 150" of a percentage): its number is a slip
    vacuous = ((kind == "upper") & (hi > bhi)) | ((kind == "lower") & (lo < blo))
    out_of_bounds = num & (below | above | vacuous)
    plo, phi = c["plaus_lo"], c["plaus_hi"]
    implausible = num & ~out_of_bounds & (
        ((kind != "lower") & (hi < plo)) | ((kind != "upper") & (lo > phi))
        | (kind.isin(["exact", "approx", "range"]) & ((lo < plo) | (hi > phi)))
        # an unemployment rate "< 30", a coverage "> 5": a bound far outside what is plausible
        | ((kind == "upper") & (hi > phi)) | ((kind == "lower") & (lo < plo)))
    return out_of_bounds, implausible


def emit_r001(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        number = r["lo"] if r["lo"] == r["lo"] else r["hi"]
        shown = _n(number)
        if number is not None and not abs(number) < 1e15:  # beyond a float's exact digits: the value as written
            raw = " ".join(str(r.get("raw") or "").split())
            shown = raw if len(raw) <= 40 else f"{raw[:20]}…{raw[-8:]}"  # (the value column holds it whole)
        out.append(spec("R001", **_location(r), number=shown, lo=_n(r["bounds_lo"]), hi=_n(r["bounds_hi"]),
                        reading=r["reading"]))
    return out


def emit_r002(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        number = r["lo"] if r["lo"] == r["lo"] else r["hi"]
        out.append(spec("R002", **_location(r), number=_n(number), lo=_n(r["plaus_lo"]), hi=_n(r["plaus_hi"])))
    return out


def direction_mask(df: Frame) -> Vec:
    return _wrong_way(df)


def _wrong_way(c: Frame) -> Vec:
    direction, kind = c["direction"], c["kind"]
    return c["known"] & (((direction == "lower") & (kind == "lower")) | ((direction == "higher") & (kind == "upper")))


def flip(raw: str) -> str:
    table = {">=": "<=", "<=": ">=", "≥": "≤", "≤": "≥", ">": "<", "<": ">", "trên": "dưới", "dưới": "trên",
             "tối thiểu": "tối đa", "tối đa": "tối thiểu"}
    s = raw.strip()
    for k in sorted(table, key=len, reverse=True):
        if s.lower().startswith(k):
            return table[k] + s[len(k):]
    return s


def emit_d001(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        bound = "ngưỡng dưới" if r["kind"] == "lower" else "ngưỡng trên"
        bound_en = "a lower bound" if r["kind"] == "lower" else "an upper bound"
        out.append(spec("D001", **_location(r), suggestion=flip(r["raw"]), bound=bound, bound_en=bound_en,
                        direction=DIRECTION_VI.get(r["direction"], ""),
                        direction_en=DIRECTION_EN.get(r["direction"], "")))
    return out


def regression_mask(df: Frame) -> Vec:
    """Cells less ambitious than the row's previous milestone (see ``previous_milestone``)."""
    c = df
    direction, ambition, before = c["direction"], c["ambition"], c["ambition_prev"]
    num = ((direction == "higher") & (ambition < before)) | ((direction == "lower") & (ambition > before))
    lvl = (direction != "none") & (c["level_rank"] < c["level_rank_prev"])
    return c["year_prev"].notna() & (num | lvl)


def check_temporal(df: Frame, suite: Suite) -> list[dict]:
    out = []
    for r in _rows(df, regression_mask(df)):
        out.append(spec("P001", **_location(r), other_year=int(r["year_prev"]), other=r["raw_prev"],
                        direction=DIRECTION_VI.get(r["direction"], ""),
                        direction_en=DIRECTION_EN.get(r["direction"], "")))
    return out


# ---------------------------------------------------------------- missing


def check_missing(df: Frame, suite: Suite) -> list[dict]:
    c = df
    in_rows = c["in_table"] & (c["role"] == "indicator")
    if not in_rows.any():
        return []
    # table rows with no target in any milestone, and no breakdown with one
    positions = in_rows.where()
    group, _ = table_rows(c, positions)
    kinds, children = c.columns["kind"], c.columns["has_children_targets"]
    targets = [0] * (max(group) + 1)
    for g, i in zip(group, positions):
        targets[g] += kinds[i] != "none"
    empty = [i for g, i in zip(group, positions) if targets[g] == 0 and not children[i]]
    if not empty:
        return []
    cols = ["path", "table", "row", "line", "indicator", "row_label", "row_name", "raw", "row_loc"]
    per_row: dict[tuple, dict] = {}
    for r in c.rows(empty, cols):
        entry = per_row.setdefault((r["path"], r["table"], r["row"]), {**r, "raws": []})
        entry["raws"].append(r["raw"] if isinstance(r["raw"], str) else "")
    return [spec("N001", path=r["path"], line=_int(r["line"]), location=r["row_loc"],
                 indicator=r["indicator"] if isinstance(r["indicator"], str) else None,
                 row_label=r["row_label"], row_name=r["row_name"],
                 value=" | ".join(r["raws"]) if any(x.strip() for x in r["raws"]) else None)  # "- | -", or empty cells
            for r in per_row.values()]


# ---------------------------------------------------------------- baseline


def reference_labels(suite: Suite, r: dict) -> tuple[str, str]:
    """The document a row's reference value comes from, as findings name it in Vietnamese and
    English ("Nghị quyết 68/NQ-CP", "Resolution 68/NQ-CP"): the value's source, else the
    document of the suite that defines the indicator, else the suite's reference."""
    ind = suite.indicators.get(r["indicator"]) if isinstance(r.get("indicator"), str) else None
    part = r.get("breakdown") if r.get("role") == "breakdown" else None
    year = _int(r.get("year"))
    nv = ind.value(year, part) if ind is not None and year is not None else None
    doc = (nv.document if nv is not None else None) or (ind.document if ind is not None else None) or suite.reference
    if doc is None:
        return "bộ chỉ tiêu", "the suite"
    return doc.label("vi"), doc.label("en")


def emit_b001(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        vi, en = reference_labels(suite, r)
        out.append(spec("B001", **_location(r), national=r["nat_raw"], suggestion=r["nat_raw"], reference=vi,
                        reference_en=en))
    return out


def emit_b002(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        vi, en = reference_labels(suite, r)
        out.append(spec("B002", **_location(r), suggestion="100", reference=vi, reference_en=en))
    return out


# ---------------------------------------------------------------- text


def _once_per_row(df, mask):
    """The rows of ``df`` where ``mask`` holds, one per table row (its two years' cells are two rows)."""
    seen = set()
    for r in df.rows(mask):
        key = (r["path"], r["table"], r["row"])
        if key not in seen:
            seen.add(key)
            yield r


def emit_x001(df, mask, suite):
    if not mask.any():
        return []
    out = []
    for r in _once_per_row(df, mask):
        top = [(suite.indicators[c].name if c in suite.indicators else c, s) for c, s in (r["candidates"] or ())[:3]]
        cands = ", ".join(f"\"{name}\" (tương đồng {s:.0f}%)" for name, s in top) or "-"
        cands_en = ", ".join(f"\"{name}\" ({s:.0f}% similar)" for name, s in top) or "-"
        out.append(spec("X001", path=r["path"], line=_int(r["line"]), location=r["row_loc"], row_label=r["row_label"],
                        row_name=r["row_name"], value=r["row_name"], candidates=cands, candidates_en=cands_en))
    return out


def emit_x003(df, mask, suite):
    return [spec("X003", **_location(r), suggestion=level_display(r["level"])) for r in _rows(df, mask)]


def emit_x004(df, mask, suite):
    """A row two indicators claim by less than the matching margin: both named, with their scores."""
    out = []
    for r in _once_per_row(df, mask):
        top = [(suite.indicators[c].name if c in suite.indicators else c, s) for c, s in (r["candidates"] or ())[:2]]
        if len(top) < 2:
            continue
        (a, sa), (b, sb) = top
        out.append(spec("X004", path=r["path"], line=_int(r["line"]), location=r["row_loc"], row_label=r["row_label"],
                        row_name=r["row_name"], value=r["row_name"], first=a, first_score=f"{sa:.0f}", second=b,
                        second_score=f"{sb:.0f}"))
    return out


EMITTERS = {"T001": emit_t001, "T002": emit_t002, "T003": emit_t003, "R001": emit_r001, "R002": emit_r002,
            "D001": emit_d001, "B001": emit_b001, "B002": emit_b002, "X001": emit_x001, "X003": emit_x003,
            "X004": emit_x004}

CHECKS = [check_row_rules, check_units, check_temporal, check_missing]
