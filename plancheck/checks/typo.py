"""Likely typing errors and their corrections (Y001, Y002).

For each target cell that another check finds impossible, implausible, pointing the
wrong way or breaking the milestones, the readings a typing slip would explain are
generated from the text itself:

* a dropped or misplaced decimal separator (``975`` -> ``97,5``),
* two adjacent digits swapped (``59`` -> ``95``),
* one mistyped digit (``8,5`` -> ``9,5``),
* a flipped comparator (``> 3`` -> ``< 3``).

A candidate survives only if it satisfies the indicator's bounds (plausible range when the
suite gives one), its direction and the neighbouring milestone. Survivors are ranked by
evidence: the same target stated in the body of the document (3), the national value
(2), the other milestone's value (1). One best candidate is suggested; a tie is reported
as ambiguous with the candidates listed, and nothing is guessed.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..catalogue import Suite
from ..targets import Target, ambition, compatible, parse_target
from . import records, spec
from .targets import _int, _location, bounds_masks, direction_mask, flip, regression_mask

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MAX_AMBIGUOUS = 4


def digit_variants(token: str) -> set[str]:
    """Number tokens one typing slip away from ``token``."""
    out: set[str] = set()
    digits = token.replace(".", "").replace(",", "")
    if not digits.isdigit():
        return out
    # decimal separator dropped or misplaced
    for k in range(1, len(digits)):
        out.add(digits[:k] + "," + digits[k:])
    if "," in token or "." in token:
        out.add(digits)
    # adjacent digits swapped (keeping separators where they are)
    chars = list(token)
    pos = [i for i, c in enumerate(chars) if c.isdigit()]
    for a, b in zip(pos, pos[1:]):
        if b == a + 1 and chars[a] != chars[b]:
            c2 = chars[:]
            c2[a], c2[b] = c2[b], c2[a]
            out.add("".join(c2))
    # one mistyped digit
    for i in pos:
        for d in "0123456789":
            if d != chars[i]:
                c2 = chars[:]
                c2[i] = d
                out.add("".join(c2))
    out.discard(token)
    return {v for v in out if not re.match(r"^0\d", v)}


def candidates(raw: str) -> list[str]:
    """Candidate texts for ``raw`` (same wording, another number or comparator)."""
    found = list(_NUMBER.finditer(raw))
    outs: list[str] = []
    if len(found) == 1:
        m = found[0]
        for v in sorted(digit_variants(m.group(0))):
            outs.append(raw[: m.start()] + v + raw[m.end():])
    flipped = flip(raw)
    if flipped != raw.strip():
        outs.append(flipped)
    return outs


def acceptable(t: Target, r: dict, other: Target | None, other_year: int | None) -> bool:
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
    if direction == "lower" and t.kind == "lower" or direction == "higher" and t.kind == "upper":
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


def check_typos(df: pd.DataFrame, suite: Suite) -> list[dict]:
    oob, implausible = bounds_masks(df)
    flagged = df["in_table"] & (oob | implausible | direction_mask(df)) | regression_mask(df)
    if not flagged.any():
        return []
    flagged_rows = records(df.loc[flagged])
    # the other milestones of each flagged row, and the body statements of the same documents
    keys = ["path", "table", "row"]
    wanted = {(r["path"], r["table"], r["row"]) for r in flagged_rows}
    siblings: dict = {}
    table_cells = df.loc[df["in_table"] & df["known"], keys + ["year", "raw"]]
    for rec in records(table_cells):
        key = (rec["path"], rec["table"], rec["row"])
        if key in wanted:
            siblings.setdefault(key, []).append(rec)
    statements: dict = {}
    for rec in records(df.loc[df["source"] == "narrative", ["path", "indicator", "year", "raw", "line", "breakdown"]]):
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
        body = statements.get((r["path"], r["indicator"], r["year"], part), [])
        body_t = [(parse_target(b["raw"], bounds), _int(b["line"]), b["raw"]) for b in body]
        nat_t = parse_target(r["nat_raw"], bounds) if isinstance(r["nat_raw"], str) else None
        scored = []
        for cand in candidates(r["raw"] or ""):
            t = parse_target(cand, bounds)
            if not acceptable(t, r, other, other_year):
                continue
            score, why_vi, why_en = 0, [], []
            for bt, bl, braw in body_t:
                if compatible(t, bt):
                    score += 3
                    at_vi = f" ở dòng {bl}" if bl is not None else ""
                    at_en = f" at line {bl}" if bl is not None else ""
                    why_vi.append(f"phần nội dung ghi \"{braw}\"{at_vi}")
                    why_en.append(f"the body states \"{braw}\"{at_en}")
                    break
            if nat_t is not None and compatible(t, nat_t):
                score += 2
                why_vi.append(f"chỉ tiêu quốc gia là \"{r['nat_raw']}\"")
                why_en.append(f"the national target is \"{r['nat_raw']}\"")
            if other is not None and other.numeric and t.anchor is not None and other.anchor is not None \
                    and abs(t.anchor - other.anchor) < 1e-9:
                score += 1
                why_vi.append(f"năm {other_year} ghi cùng giá trị")
                why_en.append(f"the {other_year} target has the same value")
            scored.append((score, cand, why_vi, why_en))
        if not scored:
            continue
        scored.sort(key=lambda x: (-x[0], x[1]))
        best = scored[0]
        ties = [s for s in scored if s[0] == best[0]]
        loc = _location(r)
        if len(ties) == 1:
            if best[0] == 0:
                ev_vi, ev_en = "cách đọc duy nhất nằm trong miền hợp lý", "the only reading within the plausible range"
            else:
                ev_vi, ev_en = "; ".join(best[2]), "; ".join(best[3])
            out.append(spec("Y001", **loc, suggestion=best[1], evidence=ev_vi, evidence_en=ev_en))
        elif len(ties) <= MAX_AMBIGUOUS:
            listed = ", ".join(f"\"{c}\"" for _, c, _, _ in ties)
            out.append(spec("Y002", **loc, candidates=listed))
    return out


CHECKS = [check_typos]
