"""Likely typing errors and their corrections (Y001, Y002).

A target cell that another check finds impossible (out of bounds), implausible, pointing
against the indicator's direction, or less ambitious than the row's previous milestone may
hold a typing slip. The readings one slip explains are generated from the text itself:

* a dropped or misplaced decimal separator (``975`` -> ``97,5``),
* an extra digit (``160`` -> ``60``),
* two adjacent digits swapped (``59`` -> ``95``),
* one mistyped digit (``8,5`` -> ``9,5``),
* a flipped comparator (``> 3`` -> ``< 3``).

A reading survives when it fits the indicator's bounds (its plausible range when the suite
gives one) and direction, and does not break the order of the row's milestones. A correction
is suggested (Y001) only when exactly one surviving reading is backed by evidence that does
not come from the cell itself:

* the body of the same document states that target for that year;
* the national target of that year, when the reading matches it exactly and no other
  reading survives (provinces often set targets a little above the national ones, so
  the national value cannot choose between readings: ``755`` may be ``75`` or ``75,5``);
* the written comparator points against the indicator's direction, and the reading is
  the same text with the comparator flipped.

A body statement that disagrees with a reading rules the reading out. The other milestone
of the row is never evidence: a cell that equals it after one slip is as well explained by
swapped or copied milestones, so for a cell flagged only for its milestone order such
readings are dropped and the milestone regression (P001) stands. A value outside the hard
bounds with no single backed reading is reported with its readings (Y002) when there are
few; otherwise the findings of the other checks (R001, R002, D001, P001, B001) stand.
"""

from __future__ import annotations

import math
import re

from ..catalogue import Suite
from ..frame import Frame
from ..targets import TargetValue, ambition, compatible, format_number, parse_target
from . import spec
from .targets import _int, _location, _rows, bounds_masks, direction_mask, flip, reference_labels, regression_mask

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_VI_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
MAX_AMBIGUOUS = 4
# longer numbers are read as written: one slip reading per digit, each as long as the number,
# would cost the square of its length (a 5,000-digit cell: 25 million characters per reading kind)
MAX_SLIP_DIGITS = 15

# the kinds of slip, as the message names them
SLIPS_VI = {"decimal": "dấu thập phân bị bỏ sót hoặc đặt sai vị trí", "extra": "thừa một chữ số",
            "swap": "hai chữ số liền nhau bị đảo vị trí", "digit": "gõ nhầm một chữ số",
            "flip": "dấu so sánh bị đảo chiều"}
SLIPS_EN = {"decimal": "a decimal comma dropped or misplaced", "extra": "an extra digit",
            "swap": "two adjacent digits swapped", "digit": "one digit mistyped", "flip": "the comparator flipped"}
SLIP_ORDER = ("flip", "decimal", "extra", "swap", "digit")


def digit_variants(token: str) -> dict[str, str]:
    """Number tokens one typing slip away from ``token``, each with the kind of slip
    (the first kind in ``SLIP_ORDER`` when several slips give the same token). Only tokens
    written in Vietnamese notation are returned."""
    out: dict[str, str] = {}

    def add(text: str, kind: str) -> None:
        leading_zero = text[:1] == "0" and text[1:2].isdecimal()  # "05"
        if text != token and text not in out and _VI_NUMBER.fullmatch(text) and not leading_zero:
            out[text] = kind

    digits = token.replace(".", "").replace(",", "")
    if not digits.isdigit() or len(digits) > MAX_SLIP_DIGITS:
        return out
    # decimal separator dropped or misplaced
    for k in range(1, len(digits)):
        add(digits[:k] + "," + digits[k:], "decimal")
    if "," in token or "." in token:
        add(digits, "decimal")
    chars = list(token)
    pos = [i for i, c in enumerate(chars) if c.isdigit()]
    # one digit too many
    if len(pos) > 1:
        for i in pos:
            add(("".join(chars[:i] + chars[i + 1:])).strip(".,"), "extra")
    # adjacent digits swapped (keeping separators where they are)
    for a, b in zip(pos, pos[1:]):
        if b == a + 1 and chars[a] != chars[b]:
            c2 = chars[:]
            c2[a], c2[b] = c2[b], c2[a]
            add("".join(c2), "swap")
    # one mistyped digit
    for i in pos:
        for d in "0123456789":
            if d != chars[i]:
                c2 = chars[:]
                c2[i] = d
                add("".join(c2), "digit")
    return out


def candidates(raw: str) -> list[tuple[str, str]]:
    """(candidate text, kind of slip) for ``raw``: the same wording with another number,
    or with the comparator flipped."""
    found = list(_NUMBER.finditer(raw))
    outs: list[tuple[str, str]] = []
    if len(found) == 1:
        m = found[0]
        for v, kind in sorted(digit_variants(m.group(0)).items()):
            outs.append((raw[: m.start()] + v + raw[m.end():], kind))
    flipped = flip(raw)
    if flipped != raw.strip():
        outs.append((flipped, "flip"))
    return outs


def acceptable(t: TargetValue, r: dict, other: TargetValue | None, other_year: int | None) -> bool:
    """Whether a reading fits the indicator's bounds and direction and the other milestone."""
    if not t.numeric:
        return False
    lo = t.lo if t.lo is not None else -math.inf
    hi = t.hi if t.hi is not None else math.inf
    blo = r["bounds_lo"] if r["bounds_lo"] == r["bounds_lo"] else -math.inf
    bhi = r["bounds_hi"] if r["bounds_hi"] == r["bounds_hi"] else math.inf
    plo = r["plaus_lo"] if r["plaus_lo"] == r["plaus_lo"] else blo
    phi = r["plaus_hi"] if r["plaus_hi"] == r["plaus_hi"] else bhi
    if t.kind in ("exact", "approx", "range"):
        if lo < plo or hi > phi:
            return False
    elif t.kind == "lower":
        if lo > phi or (lo >= bhi and t.lo_strict) or lo < plo:
            return False
    elif t.kind == "upper":
        if hi < plo or (hi <= blo and t.hi_strict) or hi > phi:
            return False
    direction = r["direction"]
    if against_direction(t, direction):
        return False
    if other is not None and other.numeric and direction in ("higher", "lower"):
        a, b = ambition(t, direction), ambition(other, direction)
        if a is not None and b is not None:
            later = other_year is not None and r["year"] > other_year
            if direction == "higher" and ((later and a < b) or (not later and a > b)):
                return False
            if direction == "lower" and ((later and a > b) or (not later and a < b)):
                return False
    return True


def against_direction(t: TargetValue, direction) -> bool:
    """A lower bound on a lower-is-better indicator, an upper bound on a higher-is-better one."""
    return direction == "lower" and t.kind == "lower" or direction == "higher" and t.kind == "upper"


def same_target(a: TargetValue, b: TargetValue) -> bool:
    """The same numeric target: same comparator and numbers ("khoảng 75" is the value 75)."""
    if not (a.numeric and b.numeric):
        return False
    kinds = {a.kind, b.kind}
    if a.kind != b.kind and kinds != {"exact", "approx"}:
        return False
    return (_eq(a.lo, b.lo) and _eq(a.hi, b.hi) and a.lo_strict == b.lo_strict and a.hi_strict == b.hi_strict)


def _eq(x, y) -> bool:
    if x is None or y is None:
        return x is None and y is None
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def _key(t: TargetValue) -> tuple:
    return (t.kind if t.kind != "approx" else "exact", t.lo, t.hi, t.lo_strict, t.hi_strict)


def readings(r: dict, other: TargetValue | None, other_year: int | None, bounds, regression_only: bool
             ) -> list[tuple[str, str, TargetValue]]:
    """The surviving readings of a flagged cell: (text, slip, target), one per distinct
    target (the shortest text of each), in a stable order."""
    own = parse_target(r["raw"] or "", bounds)
    best: dict[tuple, tuple[str, str, TargetValue]] = {}
    for text, slip in candidates(r["raw"] or ""):
        t = parse_target(text, bounds)
        if not acceptable(t, r, other, other_year) or same_target(t, own):
            continue
        if regression_only and other is not None and other.anchor is not None and t.anchor is not None \
                and _eq(t.anchor, other.anchor):
            continue  # as well explained by swapped or copied milestones
        key = _key(t)
        if key not in best or (len(text), SLIP_ORDER.index(slip)) < (len(best[key][0]),
                                                                     SLIP_ORDER.index(best[key][1])):
            best[key] = (text, slip, t)
    return sorted(best.values(), key=lambda x: (x[2].anchor if x[2].anchor is not None else 0, x[0]))


def check_typos(df: Frame, suite: Suite) -> list[dict]:
    oob, implausible = bounds_masks(df)
    wrong_way = direction_mask(df)
    regression = regression_mask(df)
    other_flag = df["in_table"] & (oob | implausible | wrong_way)
    flagged = other_flag | regression
    if not flagged.any():
        return []
    df = df.assign(_oob=oob, _other_flag=other_flag)
    flagged_rows = _rows(df, flagged)
    # the other milestones of each flagged row, and the body statements of the same documents
    keys = ["path", "table", "row"]
    wanted = {(r["path"], r["table"], r["row"]) for r in flagged_rows}
    siblings: dict = {}
    for rec in df.rows(df.positions_in(df["in_table"] & df["known"], keys, wanted), keys + ["year", "raw"]):
        key = (rec["path"], rec["table"], rec["row"])
        if key in wanted:
            siblings.setdefault(key, []).append(rec)
    statements: dict = {}
    for rec in df.rows(df["source"] == "narrative", ["path", "indicator", "year", "raw", "line", "breakdown"]):
        part = rec["breakdown"] if rec["breakdown"] in ("urban", "rural") else None
        statements.setdefault((rec["path"], rec["indicator"], rec["year"], part), []).append(rec)
    out = []
    for r in flagged_rows:
        bounds = (r["plaus_lo"], r["plaus_hi"]) if r["plaus_lo"] == r["plaus_lo"] else (
            (r["bounds_lo"], r["bounds_hi"]) if r["bounds_lo"] == r["bounds_lo"] else None)
        others = [o for o in siblings.get((r["path"], r["table"], r["row"]), []) if o["year"] != r["year"]]
        other, other_year = None, None
        if others:
            other, other_year = parse_target(others[0]["raw"], bounds), int(others[0]["year"])
        part = r["breakdown"] if r["role"] == "breakdown" and r["breakdown"] in ("urban", "rural") else None
        body = [(parse_target(b["raw"], bounds), _int(b["line"]), b["raw"])
                for b in statements.get((r["path"], r["indicator"], r["year"], part), [])]
        body = [b for b in body if b[0].kind not in ("none", "unreadable")]
        nat_t = parse_target(r["nat_raw"], bounds) if isinstance(r["nat_raw"], str) else None
        if nat_t is not None:
            r["_reference"] = reference_labels(suite, r)
        own = parse_target(r["raw"] or "", bounds)
        found = readings(r, other, other_year, bounds, regression_only=not r["_other_flag"])
        backed = []
        for text, slip, t in found:
            why_vi, why_en = evidence(t, slip, own, r, body, nat_t if len(found) == 1 else None)
            if why_vi:
                backed.append((text, slip, why_vi, why_en))
        loc = _location(r)
        if len(backed) == 1:
            text, slip, why_vi, why_en = backed[0]
            out.append(spec("Y001", **loc, suggestion=text, slip=SLIPS_VI[slip], slip_en=SLIPS_EN[slip],
                            evidence="; ".join(why_vi), evidence_en="; ".join(why_en)))
        elif r["_oob"] and 0 < len(found) <= MAX_AMBIGUOUS:
            listed = ", ".join(f"\"{text}\"" for text, _, _ in found)
            out.append(spec("Y002", **loc, candidates=listed, lo=_n(r["bounds_lo"]), hi=_n(r["bounds_hi"])))
    return out


def evidence(t: TargetValue, slip: str, own: TargetValue, r: dict, body: list, nat_t: TargetValue | None
             ) -> tuple[list[str], list[str]]:
    """What backs a reading, in Vietnamese and English; nothing when a body statement of
    the same target disagrees with it."""
    why_vi: list[str] = []
    why_en: list[str] = []
    if body:
        agreeing = [(bl, braw) for bt, bl, braw in body if compatible(t, bt)]
        if not agreeing:
            return [], []
        bl, braw = agreeing[0]
        why_vi.append(f"phần nội dung ghi \"{braw}\"" + (f" tại dòng {bl}" if bl is not None else ""))
        why_en.append(f"the body states \"{braw}\"" + (f" at line {bl}" if bl is not None else ""))
    if nat_t is not None and same_target(t, nat_t):
        ref_vi, ref_en = r.get("_reference") or ("bộ chỉ tiêu", "the suite")
        why_vi.append(f"mục tiêu năm {_int(r['year'])} của {ref_vi} là \"{r['nat_raw']}\"")
        why_en.append(f"the {_int(r['year'])} target of {ref_en} is \"{r['nat_raw']}\"")
    if slip == "flip" and against_direction(own, r["direction"]):
        if r["direction"] == "lower":
            why_vi.append("chỉ tiêu càng thấp càng tốt nên không đặt ngưỡng dưới")
            why_en.append("a lower-is-better indicator takes an upper bound, not a lower one")
        else:
            why_vi.append("chỉ tiêu càng cao càng tốt nên không đặt ngưỡng trên")
            why_en.append("a higher-is-better indicator takes a lower bound, not an upper one")
    return why_vi, why_en


def _n(x) -> str:
    return format_number(float(x)) if x is not None and x == x else "?"


CHECKS = [check_typos]
