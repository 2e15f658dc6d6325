"""Checks of the targets a document states, whatever their indicator; no suite needed.

* C002: the same target (subject, scope, year) stated twice with values that disagree, anywhere
  in the document: body and annex, one section and another, text and table. Subjects are the
  same when their keys are (:func:`~plancheck.extract.statements.subject_key`: word order,
  "tỷ lệ", abbreviations, "trên địa bàn tỉnh" do not count); a narrower scope is another
  subject; notation does not count ("đạt 80%" and "80%", "≥ 80" and "tối thiểu 80"). A pair the
  suite-based C001 compares (an annex row and the body, both of one suite indicator) is left
  to it.
* R003: a level in percent outside [0, 100] (a change may exceed 100 %).
* T004: a range written high to low ("30-28").
* D002: a comparator against the direction the words give ("giảm ... xuống trên 5%").
* P002: a later milestone less ambitious than an earlier one for the same subject, when the
  words give the direction ("giảm ... xuống dưới 3% vào năm 2026, dưới 4% vào năm 2030").
* P003: a target set for a year before the document's own date ("phấn đấu đến năm 2023" in a
  plan of 2025).
* A002: parts of a whole that do not add up ("58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 23
  trạm)"; shares of one whole above 100 %).

Targets of a suite indicator are left to the suite's rules where those exist (R001, P001).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from ..catalogue import Suite
from ..extract.statements import scope_key
from ..model import Document, Location, Target, TargetKind
from ..targets import compatible, format_number
from . import spec


def _at(where: Location) -> tuple[str, str]:
    return where.describe("vi") or "?", where.describe("en") or "?"


def _year_words(t: Target) -> tuple[str, str]:
    if t.every_year:
        return "hằng năm", "each year"
    if t.year is None:
        return "", ""
    return f"năm {t.year}", str(t.year)


def _comparable(t: Target) -> bool:
    """A subject specific enough to compare: two words of its own at least."""
    return len(t.key.split()) >= 2 and t.value.kind not in ("none", "unreadable")


def _group_key(t: Target) -> tuple:
    return (t.key, scope_key(t.scope), t.year, t.every_year, t.kind.value, _unit_family(t.unit))


def _unit_family(unit: str | None) -> str:
    if unit in ("%", "%/năm", "điểm %"):
        return unit
    return "" if unit is None else "count"


# words whose presence on one side only makes another subject ("hộ nghèo" / "hộ cận nghèo", "lao động" /
# "lao động nữ", "thành thị" / "nông thôn"), folded

# words whose presence or absence leaves a subject the same ("được", "các", "người dân"); any
# other word may make another subject ("trường học" and "trường tiểu học")
_FILLER = {"cac", "nhung", "toan", "duoc", "tai", "o", "cua", "trong", "cho", "voi", "nguoi", "dan", "bo", "hien",
           "tiep", "tuc", "nam", "hang", "moi", "binh", "quan", "it", "nhat", "toi", "thieu", "da", "se"}


def same_subject(a: str, b: str) -> bool:
    """Two subject keys of one subject: the same words, or, for long ones (six words or more),
    all but one word the same, that word a filler ("được", "các", "người": ``_FILLER``); the
    keys already leave out the area, "số", "và" and the measure words."""
    if a == b:
        return True
    if abs(a.count(" ") - b.count(" ")) > 1:
        return False  # (more than one word apart)
    x, y = set(a.split()), set(b.split())
    if min(len(x), len(y)) < 6:
        return False
    diff = x ^ y
    return len(diff) == 1 and diff <= _FILLER


class _NearSubjects:
    """The group keys seen so far, found again by a key of the same subject (``same_subject``)
    in constant time: by its words, and by its words less one filler word either way."""

    def __init__(self):
        self.full: dict[tuple, tuple] = {}
        self.less_one: dict[tuple, tuple] = {}

    def find(self, key: tuple) -> tuple | None:
        words, rest = frozenset(key[0].split()), key[1:]
        if len(words) < 6:
            return None
        for w in words & _FILLER:  # the key has a filler word more than a group
            if len(words) > 6 and (found := self.full.get((rest, words - {w}))) is not None:
                return found
        return self.less_one.get((rest, words))  # the key has a filler word fewer

    def add(self, key: tuple) -> tuple:
        words, rest = frozenset(key[0].split()), key[1:]
        self.full.setdefault((rest, words), key)
        if len(words) > 6:
            for w in words & _FILLER:
                self.less_one.setdefault((rest, words - {w}), key)
        return key


def check_self_consistency(doc: Document, suite: Suite) -> list[dict]:
    if any(t.source == "structured" for t in doc.tables):
        return []  # a submission's rows (often of many provinces) are no text that restates itself
    groups: dict[tuple, list[Target]] = defaultdict(list)
    near = _NearSubjects()
    for t in doc.targets:
        if not _comparable(t):
            continue
        key = _group_key(t)
        if key not in groups:
            key = near.find(key) or near.add(key)
        groups[key].append(t)
    out: list[dict] = []
    for items in groups.values():
        if len(items) < 2:
            continue
        first = items[0]
        for other in items[1:]:
            if compatible(first.value, other.value):
                continue
            if _left_to_c001(first, other):
                continue
            at_vi, at_en = _at(first.location)
            y_vi, y_en = _year_words(other)
            out.append(spec("C002", path=doc.path, line=other.location.line, location=other.location,
                            year=other.year, value=other.value_text, row_name=other.subject,
                            indicator=other.indicator, other=first.value_text, other_at=at_vi, other_at_en=at_en,
                            subject=_short(other.subject), when=f" {y_vi}" if y_vi else "",
                            when_en=f" for {y_en}" if y_en else ""))
            break  # one finding per subject: the first statement against the first that disagrees
    return out


def _left_to_c001(a: Target, b: Target) -> bool:
    """An annex row and a body statement of one suite indicator: C001 compares them."""
    return bool(a.indicator) and a.indicator == b.indicator and "row" in (a.source, b.source) and \
        {a.source, b.source} != {"row"}


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


# ---------------------------------------------------------------- values


_RANGE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*[-–]\s*(\d+(?:[.,]\d+)?)(?![\d.,])")


def check_values(doc: Document, suite: Suite) -> list[dict]:
    out: list[dict] = []
    def place(t: Target) -> dict:
        return dict(path=doc.path, line=t.location.line, location=t.location, year=t.year, value=t.value_text,
                    row_name=t.subject, indicator=t.indicator, subject=_short(t.subject))

    for t in doc.targets:
        v = t.value
        if t.unit == "%" and t.kind == TargetKind.LEVEL and v.numeric and not t.indicator:
            bad = [x for x in (v.lo, v.hi) if x is not None and (x < 0 or x > 100)]
            if bad:
                out.append(spec("R003", **place(t), number=format_number(bad[0])))
        m = _RANGE.search(t.value_text) if v.kind == "range" else None
        if m:
            lo, hi = (_num(m.group(1)), _num(m.group(2)))
            if lo is not None and hi is not None and lo > hi:
                out.append(spec("T004", **place(t), suggestion=_swap(t.value_text, m)))
        if t.direction and t.kind != TargetKind.CHANGE and v.kind in ("lower", "upper") and \
                (t.direction == "decrease") == (v.kind == "lower"):
            out.append(spec("D002", **place(t), direction=_DIRECTION_VI[t.direction],
                            direction_en=t.direction + "s", bound=_BOUND_VI[v.kind], bound_en=_BOUND_EN[v.kind]))
    return out


_DIRECTION_VI = {"decrease": "giảm", "increase": "tăng"}
_BOUND_VI = {"lower": "mức sàn (trên, tối thiểu)", "upper": "mức trần (dưới, tối đa)"}
_BOUND_EN = {"lower": "a floor (above, at least)", "upper": "a ceiling (below, at most)"}


def _num(text: str) -> float | None:
    try:
        return float(text.replace(".", "").replace(",", ".")) if "," in text else float(text)
    except ValueError:
        return None


def _swap(written: str, m: re.Match) -> str:
    return written[:m.start()] + f"{m.group(2)}-{m.group(1)}" + written[m.end():]


# ---------------------------------------------------------------- milestones


def check_milestones(doc: Document, suite: Suite) -> list[dict]:
    """A later milestone less ambitious than an earlier one, for subjects whose direction the
    words give."""
    by_subject: dict[tuple, list[Target]] = defaultdict(list)
    for t in doc.targets:
        if _comparable(t) and t.year is not None and not t.every_year and not t.indicator \
                and t.kind != TargetKind.CHANGE and t.value.numeric:
            by_subject[(t.key, scope_key(t.scope), _unit_family(t.unit))].append(t)
    out: list[dict] = []
    for items in by_subject.values():
        direction = next((t.direction for t in items if t.direction), None)
        if direction is None:
            continue
        years = sorted({t.year for t in items})
        if len(years) < 2:
            continue
        first = {y: next(t for t in items if t.year == y) for y in years}
        for a, b in zip(years, years[1:]):
            ta, tb = first[a], first[b]
            xa, xb = ta.value.anchor, tb.value.anchor
            if xa is None or xb is None or math.isclose(xa, xb):
                continue
            if (direction == "increase" and xb < xa) or (direction == "decrease" and xb > xa):
                at_vi, at_en = _at(ta.location)
                out.append(spec("P002", path=doc.path, line=tb.location.line, location=tb.location, year=b,
                                value=tb.value_text, row_name=tb.subject, subject=_short(tb.subject),
                                other=ta.value_text, other_year=a, other_at=at_vi, other_at_en=at_en,
                                direction=_DIRECTION_VI[direction], direction_en=direction + "s"))
    return out


# ---------------------------------------------------------------- parts of a whole


def check_parts(doc: Document, suite: Suite) -> list[dict]:
    """Parts that add up to more than their whole, or to less when they say they are all of it."""
    out: list[dict] = []
    for whole, parts, complete in doc.parts:
        total = whole.value.anchor if whole.value.kind in ("exact", "approx") else None
        values = [p.value.anchor for p in parts]
        if total is None or any(x is None for x in values) or len(values) < 2:
            continue
        s = sum(values)
        if s > total + 1e-9 or (complete and s < total - 1e-9):
            listed = ", ".join(f"{p.scope}: {p.value_text}" for p in parts)
            out.append(spec("A002", path=doc.path, line=whole.location.line, location=whole.location,
                            year=whole.year, value=whole.value_text, row_name=whole.subject,
                            subject=_short(whole.subject), parts=listed, total=format_number(s)))
    return out


def check_past_years(doc: Document, suite: Suite) -> list[dict]:
    """A target set for a year before the document's own date ("phấn đấu đến năm 2023" in a plan
    signed in 2025)."""
    if doc.meta.date is None:
        return []
    now = doc.meta.date.year
    return [spec("P003", path=doc.path, line=t.location.line, location=t.location, year=t.year, value=t.value_text,
                 row_name=t.subject, indicator=t.indicator, subject=_short(t.subject), document_year=now)
            for t in doc.targets if t.year is not None and t.year < now and t.source != "row"]


CHECKS = [check_self_consistency, check_values, check_milestones, check_parts, check_past_years]
