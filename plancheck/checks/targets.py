"""Row-level checks of target values, vectorized over the normalized DataFrame.

Each check computes a boolean mask over the frame (one row per file, table row and
milestone year) and emits a finding spec for each row of the mask.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalogue import Suite
from ..targets import format_number, format_target, level_display, level_order, parse_target
from . import spec

NUMERIC_KINDS = ["exact", "approx", "lower", "upper", "range"]
DIRECTION_VI = {"higher": "càng cao càng tốt", "lower": "càng thấp càng tốt"}
DIRECTION_EN = {"higher": "higher is better", "lower": "lower is better"}


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Derived columns used by several checks (pure: returns a new frame)."""
    out = df.copy()
    known = out["indicator"].notna()
    numeric = out["kind"].isin(NUMERIC_KINDS)
    out["known"] = known
    out["is_numeric"] = numeric
    out["in_table"] = out["source"] == "table"
    higher = out["direction"] == "higher"
    lower = out["direction"] == "lower"
    # the guaranteed level of a target for a directional indicator
    amb_h = out["lo"].where(out["kind"].isin(["exact", "approx", "range", "lower"]))
    amb_l = out["hi"].where(out["kind"].isin(["exact", "approx", "range", "upper"]))
    out["ambition"] = np.where(higher, amb_h, np.where(lower, amb_l, np.nan))
    out["level_rank"] = out["level"].map(lambda k: level_order(k) if isinstance(k, str) else None).astype(float)
    out["is_cell"] = out["in_table"] & out["role"].isin(["indicator", "breakdown"])
    return out


def _location(r: dict) -> dict:
    return dict(path=r["path"], line=_int(r["value_line"] if r.get("value_line") is not None else r["line"]),
                indicator=r["indicator"] if isinstance(r["indicator"], str) else None,
                row_label=r["row_label"], row_name=r["row_name"], year=_int(r["year"]), value=r["raw"])


def _int(x):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return None
    try:
        return int(x)
    except (TypeError, ValueError):
        return None


def _rows(df: pd.DataFrame, mask: pd.Series) -> list[dict]:
    mask = mask.fillna(False).astype(bool)
    if not mask.any():  # to_dict costs a pass over every column even for no rows
        return []
    return df.loc[mask].to_dict("records")


def _n(x) -> str:
    return format_number(float(x)) if x is not None and not (isinstance(x, float) and np.isnan(x)) else "?"


# ---------------------------------------------------------------- row rules: masks and findings
#
# The rules below are conditions on single rows of the normalized table. ``row_masks``
# evaluates them with pandas; the Great Expectations engine (plancheck.gx) evaluates the
# same conditions as expectations. Either way the findings are made by the same emitters.

ROW_RULES = ("T001", "T002", "T003", "R001", "R002", "D001", "B001", "B002", "X001", "X003")


def row_masks(df: pd.DataFrame, final_year: int) -> dict[str, pd.Series]:
    cell = df["is_cell"]
    known = df["known"]
    numeric_type = df["numeric_type"] & known
    level_type = known & ~df["numeric_type"]
    wrong_level = numeric_type & df["kind"].isin(["level", "school"])
    wrong_number = level_type & df["is_numeric"]
    wrong_scale = ((df["ind_type"] == "school_level") & (df["kind"] == "level") & (df["level"] != "rank")) | (
        (df["ind_type"] == "qualitative") & (df["kind"] == "school"))
    oob, implausible = bounds_masks(df)
    wrong_way = direction_mask(df)
    base = df["in_table"] & (df["role"] == "indicator") & known
    higher, lower = df["direction"] == "higher", df["direction"] == "lower"
    below = ((higher & (df["ambition"] < df["nat_ambition"])) | (lower & (df["ambition"] > df["nat_ambition"]))
             | ((df["direction"] != "none") & (df["level_rank"] < df["nat_level_rank"])))
    universal = base & df["universal"] & (df["year"] == final_year) & df["is_numeric"]
    masks = {
        "T001": cell & (df["kind"] == "unreadable"),
        "T002": cell & (wrong_level | wrong_number | wrong_scale),
        "T003": cell & (df["reading"] == "en"),
        "R001": df["in_table"] & oob,
        "R002": df["in_table"] & implausible,
        "D001": df["in_table"] & wrong_way,
        "B001": base & below.fillna(False) & ~oob & ~wrong_way,
        "B002": universal & ((df["ambition"] < 100) | (df["kind"] == "upper")).fillna(False) & ~oob,
        "X001": df["in_table"] & (df["role"] == "indicator") & ~known,
        "X003": df["in_table"] & df["spelling"].notna(),
    }
    return {k: v.fillna(False).astype(bool) for k, v in masks.items()}


def check_row_rules(df: pd.DataFrame, suite: Suite, masks: dict[str, pd.Series] | None = None) -> list[dict]:
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
        expected = {"school_level": "một bậc học (Tiểu học, THCS...)", "qualitative": "một mức định tính"}.get(
            r["ind_type"], "một giá trị số")
        expected_en = {"school_level": "a school level (Tiểu học, THCS...)", "qualitative": "a qualitative level"}.get(
            r["ind_type"], "a number")
        got = "mức định tính" if r["kind"] in ("level", "school") else "số"
        got_en = "a qualitative level" if r["kind"] in ("level", "school") else "a number"
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


def allowed_units(suite: Suite) -> pd.DataFrame:
    rows = [{"indicator": i.id, "unit_ok": u} for i in suite.indicators.values() for u in i.units if u is not None]
    return pd.DataFrame(rows, columns=["indicator", "unit_ok"])


def check_units(df: pd.DataFrame, suite: Suite) -> list[dict]:
    out = []
    rows = df[df["in_table"] & df["known"] & df["role"].isin(["indicator", "breakdown"])]
    if rows.empty:
        return out
    allowed = allowed_units(suite)
    rows = rows.assign(has_target=rows["kind"] != "none")
    per_row = rows.groupby(["path", "table", "row"], sort=False).agg(
        unit=("unit", "first"), any_target=("has_target", "any"),
        indicator=("indicator", "first"), line=("line", "first"), unit_line=("unit_line", "first"),
        row_label=("row_label", "first"), row_name=("row_name", "first"), unit_raw=("unit_raw", "first"),
        numeric_type=("numeric_type", "first"), ind_type=("ind_type", "first"),
    ).reset_index()
    needs_unit = per_row["indicator"].map(lambda i: suite.indicators[i].units[0] is not None)
    expected = per_row["indicator"].map(lambda i: next((u for u in suite.indicators[i].units if u), ""))
    per_row = per_row.assign(expected=expected)
    missing = per_row["unit"].isna() & per_row["any_target"] & needs_unit
    for r in _rows(per_row, missing):
        out.append(spec("U001", path=r["path"], line=_int(r["line"]), indicator=r["indicator"],
                        row_label=r["row_label"], row_name=r["row_name"], value=None, expected=r["expected"],
                        suggestion=r["expected"]))
    merged = per_row.merge(allowed, left_on=["indicator", "unit"], right_on=["indicator", "unit_ok"], how="left")
    wrong = merged["unit"].notna() & merged["unit_ok"].isna()
    for r in _rows(merged, wrong):
        out.append(spec("U002", path=r["path"], line=_int(r["unit_line"] or r["line"]), indicator=r["indicator"],
                        row_label=r["row_label"], row_name=r["row_name"], value=r["unit_raw"],
                        expected=r["expected"], suggestion=r["expected"]))
    cells = df[df["in_table"] & df["known"] & df["value_unit"].notna()]
    merged = cells.merge(allowed, left_on=["indicator", "value_unit"], right_on=["indicator", "unit_ok"], how="left")
    merged = merged.assign(expected=merged["indicator"].map(
        lambda i: next((u for u in suite.indicators[i].units if u), "")))
    for r in _rows(merged, merged["unit_ok"].isna()):
        out.append(spec("U003", **_location(r), got=r["value_unit"], expected=r["expected"]))
    return out


# ---------------------------------------------------------------- range, direction, milestones


def bounds_masks(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(out of hard bounds, implausible) masks over numeric cells of known indicators."""
    lo, hi = df["lo"], df["hi"]
    kind = df["kind"]
    num = df["is_numeric"] & df["known"]
    blo, bhi = df["bounds_lo"], df["bounds_hi"]
    below = (hi < blo) | ((kind == "upper") & (hi <= blo) & df["hi_strict"])
    above = (lo > bhi) | ((kind == "lower") & (lo >= bhi) & df["lo_strict"])
    out_of_bounds = num & (below.fillna(False) | above.fillna(False))
    plo, phi = df["plaus_lo"], df["plaus_hi"]
    implausible = num & ~out_of_bounds & (
        ((kind != "lower") & (hi < plo)).fillna(False) | ((kind != "upper") & (lo > phi)).fillna(False)
        | ((kind.isin(["exact", "approx", "range"])) & ((lo < plo) | (hi > phi))).fillna(False))
    return out_of_bounds, implausible


def emit_r001(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        number = r["lo"] if r["lo"] == r["lo"] else r["hi"]
        out.append(spec("R001", **_location(r), number=_n(number), lo=_n(r["bounds_lo"]), hi=_n(r["bounds_hi"]),
                        reading=r["reading"]))
    return out


def emit_r002(df, mask, suite):
    out = []
    for r in _rows(df, mask):
        number = r["lo"] if r["lo"] == r["lo"] else r["hi"]
        out.append(spec("R002", **_location(r), number=_n(number), lo=_n(r["plaus_lo"]), hi=_n(r["plaus_hi"])))
    return out


def direction_mask(df: pd.DataFrame) -> pd.Series:
    return df["known"] & (((df["direction"] == "lower") & (df["kind"] == "lower"))
                          | ((df["direction"] == "higher") & (df["kind"] == "upper")))


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


def milestone_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """Each table row's consecutive milestones side by side (year, other_year)."""
    oob, _ = bounds_masks(df)
    cells = df[df["in_table"] & df["known"] & df["kind"].ne("none") & ~oob]
    keys = ["path", "table", "row"]
    cols = keys + ["year", "raw", "ambition", "level_rank", "kind", "direction", "value_line"]
    a = cells[cols]
    pairs = a.merge(a, on=keys, suffixes=("", "_prev"))
    pairs = pairs[pairs["year_prev"] < pairs["year"]]
    # keep the nearest earlier milestone
    pairs = pairs.sort_values(keys + ["year", "year_prev"]).drop_duplicates(keys + ["year"], keep="last")
    return pairs


def regression_mask(pairs: pd.DataFrame) -> pd.Series:
    higher = pairs["direction"] == "higher"
    lower = pairs["direction"] == "lower"
    num = ((higher & (pairs["ambition"] < pairs["ambition_prev"]))
           | (lower & (pairs["ambition"] > pairs["ambition_prev"])))
    lvl = (pairs["direction"] != "none") & (pairs["level_rank"] < pairs["level_rank_prev"])
    return (num.fillna(False) | lvl.fillna(False)).astype(bool)


def check_temporal(df: pd.DataFrame, suite: Suite) -> list[dict]:
    pairs = milestone_pairs(df)
    if pairs.empty:
        return []
    flagged = pairs[regression_mask(pairs)][["path", "table", "row", "year", "year_prev", "raw_prev"]]
    if flagged.empty:
        return []
    rows = df.merge(flagged, on=["path", "table", "row", "year"], how="inner")
    out = []
    for r in rows.to_dict("records"):
        out.append(spec("P001", **_location(r), other_year=int(r["year_prev"]), other=r["raw_prev"],
                        direction=DIRECTION_VI.get(r["direction"], ""),
                        direction_en=DIRECTION_EN.get(r["direction"], "")))
    return out


# ---------------------------------------------------------------- missing


def check_missing(df: pd.DataFrame, suite: Suite) -> list[dict]:
    rows = df[df["in_table"] & (df["role"] == "indicator")]
    if rows.empty:
        return []
    rows = rows.assign(no_target=rows["kind"] == "none")
    per_row = rows.groupby(["path", "table", "row"], sort=False).agg(
        all_none=("no_target", "all"), children=("has_children_targets", "any"),
        line=("line", "first"), indicator=("indicator", "first"), row_label=("row_label", "first"),
        row_name=("row_name", "first"),
    ).reset_index()
    flagged = per_row[per_row["all_none"] & ~per_row["children"]]
    if flagged.empty:
        return []
    raws = rows.merge(flagged[["path", "table", "row"]], on=["path", "table", "row"]).groupby(
        ["path", "table", "row"], sort=False)["raw"].agg(lambda v: " | ".join(x if isinstance(x, str) else "" for x in v))
    flagged = flagged.merge(raws.rename("raw").reset_index(), on=["path", "table", "row"])
    out = []
    for r in flagged.to_dict("records"):
        out.append(spec("N001", path=r["path"], line=_int(r["line"]),
                        indicator=r["indicator"] if isinstance(r["indicator"], str) else None,
                        row_label=r["row_label"], row_name=r["row_name"], value=r["raw"]))
    return out


# ---------------------------------------------------------------- baseline


def emit_b001(df, mask, suite):
    return [spec("B001", **_location(r), national=r["nat_raw"], suggestion=r["nat_raw"],
                 source=suite.sources.get(r["nat_source"], r["nat_source"])) for r in _rows(df, mask)]


def emit_b002(df, mask, suite):
    return [spec("B002", **_location(r), suggestion="100") for r in _rows(df, mask)]


# ---------------------------------------------------------------- text


def emit_x001(df, mask, suite):
    if not mask.any():
        return []
    rows = df.loc[mask].drop_duplicates(["path", "table", "row"])
    out = []
    for r in rows.to_dict("records"):
        cands = ", ".join(f"{c} ({s:.0f})" for c, s in (r["candidates"] or ())[:3]) or "-"
        out.append(spec("X001", path=r["path"], line=_int(r["line"]), row_label=r["row_label"],
                        row_name=r["row_name"], value=r["row_name"], candidates=cands))
    return out


def emit_x003(df, mask, suite):
    return [spec("X003", **_location(r), suggestion=level_display(r["level"])) for r in _rows(df, mask)]


EMITTERS = {"T001": emit_t001, "T002": emit_t002, "T003": emit_t003, "R001": emit_r001, "R002": emit_r002,
            "D001": emit_d001, "B001": emit_b001, "B002": emit_b002, "X001": emit_x001, "X003": emit_x003}

CHECKS = [check_row_rules, check_units, check_temporal, check_missing]
