"""The content of one indicator table, independent of how it is laid out.

A :class:`TableSpec` is what a plan's annex says: the document around it (province, number,
date, annex heading, title, caption), the milestone years and the rows as printed
(:class:`SpecRow`: numbering, name, unit, one target text per year, and the cells that are
not targets: actual value, source marks, agencies, note). :func:`build_spec` builds one from
the national suite with clean targets, optionally with known defects typed into its cells
(each recorded as a :class:`Defect` with its truth). :func:`expected_rows` gives what a correct
reader must extract from any layout of it.

Numbering is content, not layout: a table numbered 1.1, 1.2 says so in every format. Where
the number is printed (its own column, or typed inside the name cell) is the layout's
business (``render.Layout``).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from plancheck.catalogue import Indicator, load_suite, resolve_suite_path
from plancheck.targets import format_number, parse_target
from plancheck.textnorm import fold, int_to_roman

PROVINCES = ["An Giang", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương",
             "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
             "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình",
             "Hưng Yên", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An",
             "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
             "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
             "Thái Nguyên", "Thanh Hóa", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc",
             "Yên Bái"]
# value type -> the unit as provinces print it
UNIT_TEXT = {"percent": "%", "per_10000": "người", "per_1000": "Người", "count": "Căn hộ", "years": "Tuổi",
             "index": "", "rate_per_year": "%/năm", "multiple": "Lần", "area_per_person": "m2 sàn/người",
             "school_level": "Bậc học", "qualitative": "Mức độ"}

KINDS = ("section", "group", "indicator", "breakdown", "sub")
# section numbering + row numbering
NUMBERING_STYLES = {
    "roman": "Roman sections (I, II), Arabic rows numbered through the table (1, 2, ... 92)",
    "decimal": "Arabic sections (1, 2), decimal rows within each section (1.1, 1.2, 5.10)",
    "sections": "Arabic sections (1, 2) in bold, rows unnumbered (as the Tây Ninh plan)",
    "none": "nothing numbered: bold section names, unnumbered rows",
}
BULLETS = (None, "-", "+")
# the document's sources a row can be marked with ("x" in a column of the layout)
SOURCES = {"NQ42": "Nghị quyết 42-NQ/TW", "NQ68": "Nghị quyết 68/NQ-CP", "TU": "Chương trình hành động của Tỉnh ủy"}
GROUP_10000 = "Chỉ tiêu số lượng trên 10.000 dân"
# indicators printed under the group header, with the short names and units they take there
GROUP_MEMBERS = {
    "hospital_beds": (["Số giường bệnh", "Phấn đấu số giường bệnh"], "Giường"),
    "doctors": (["Số bác sỹ", "Số bác sĩ", "Phấn đấu số bác sỹ"], "người"),
    "pharmacists": (["Số dược sỹ", "Số dược sĩ"], "người"),
    "nurses": (["Số điều dưỡng viên", "Phấn đấu số điều dưỡng viên"], "người"),
}
# sub-rows ("Trong đó ...") printed under an indicator: parent -> [(sub indicator id, names)]
SUB_ROWS = {
    "poverty_reduction_rate": [("poverty_reduction_poor_districts",
                                ["Trong đó, các huyện nghèo", "Trong đó: các huyện nghèo"]),
                               ("poverty_reduction_ethnic", ["Mức giảm tỷ lệ hộ nghèo dân tộc thiểu số"])],
    "end_aids_tb_malaria": [("hiv_status_known", [
        "Trong đó: tỷ lệ người nhiễm HIV trong cộng đồng biết tình trạng HIV của mình",
        "Chấm dứt các bệnh AIDS: tỷ lệ người nhiễm HIV trong cộng đồng biết tình trạng HIV của mình"])],
}
SUB_IDS = {sid for subs in SUB_ROWS.values() for sid, _ in subs}
URBAN_RURAL = ("Thành thị", "Nông thôn")
REGIONS = ("Vùng sâu, vùng xa, biên giới, hải đảo", "Các vùng còn lại")
LEAD_AGENCY = {
    "ncc": "Sở Lao động - Thương binh và Xã hội", "labour": "Sở Lao động - Thương binh và Xã hội",
    "human_resources": "Sở Lao động - Thương binh và Xã hội", "insurance": "Bảo hiểm xã hội tỉnh",
    "social_assistance": "Sở Lao động - Thương binh và Xã hội", "education": "Sở Giáo dục và Đào tạo",
    "health": "Sở Y tế", "culture_information": "Sở Thông tin và Truyền thông", "housing": "Sở Xây dựng",
    "water_sanitation": "Sở Nông nghiệp và Phát triển nông thôn",
}
PARTNERS = ("Các sở, ngành, địa phương", "Ủy ban nhân dân các huyện, thành phố", "Các sở, ngành liên quan")
NOTES = ("Chỉ tiêu của tỉnh", "Theo Nghị quyết 68/NQ-CP", "Bổ sung so với Nghị quyết 68/NQ-CP",
         "Duy trì kết quả đã đạt", "Chưa có số liệu thống kê")


# ---------------------------------------------------------------- content model


@dataclass(frozen=True)
class SpecRow:
    """One row of the table as printed.

    ``targets`` maps each milestone year to the cell text ("" or "-" when there is no
    target); ``actual`` is the text of an actual-value column (never a target); ``sources``
    are the keys of :data:`SOURCES` the row is marked with; ``agencies`` are (lead, partner).
    ``indicator`` is the suite id the row stands for (truth for name matching; None for a
    section or group), ``breakdown`` says which part of its parent a breakdown row is.
    """

    kind: str
    numbering: str | None
    name: str
    unit: str | None = None
    targets: dict[int, str] = field(default_factory=dict)
    actual: str = ""
    sources: frozenset[str] = frozenset()
    agencies: tuple[str, ...] = ()
    note: str = ""
    indicator: str | None = None
    breakdown: str | None = None  # urban | rural | region

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown row kind {self.kind!r}")


@dataclass(frozen=True)
class Defect:
    """A known defect typed into a cell, with what a correct linter must say about it.

    ``row`` is the index in ``TableSpec.rows``; ``year`` the target column (None: the row or
    its unit); ``category`` the finding category that detects it, ``rules`` the rule codes
    that may (``detected_by``: the categories that count as detecting it, since a typo finding
    replaces the range/direction/temporal finding it explains).
    """

    name: str
    category: str
    rules: tuple[str, ...]
    detected_by: tuple[str, ...]
    row: int
    year: int | None
    value: str  # the cell text as written
    was: str  # what the cell said before the defect


@dataclass(frozen=True)
class TableSpec:
    province: str
    number: str  # "123/KH-UBND"
    date: dt.date
    rows: tuple[SpecRow, ...]
    years: tuple[int, ...] = (2025, 2030)
    numbering: str = "roman"
    annex: str = "PHỤ LỤC I"
    title: str = "CÁC CHỈ TIÊU CHỦ YẾU"
    defects: tuple[Defect, ...] = ()

    @property
    def date_text(self) -> str:
        return f"ngày {self.date.day:02d} tháng {self.date.month} năm {self.date.year}"

    @property
    def caption(self) -> str:
        return f"(Kèm theo Kế hoạch số {self.number} {self.date_text} của Ủy ban nhân dân tỉnh {self.province})"

    @property
    def clean(self) -> bool:
        return not self.defects


# ---------------------------------------------------------------- what a reader must extract


@dataclass(frozen=True)
class ExpectedRow:
    kind: str  # indicator | breakdown | sub
    numbering: str | None
    name: str
    unit: str | None
    targets: dict[int, str]
    section: str | None  # the enclosing section: its numbering, or its name when unnumbered
    group: str | None = None  # the group header the row stands under
    parent: int | None = None  # index in Expected.rows of the indicator a breakdown/sub row belongs to
    indicator: str | None = None  # suite id (None: not a suite indicator)
    breakdown: str | None = None

    def key(self) -> tuple:
        """What every layout must give the same: (numbering, name, unit, targets by year)."""
        return (self.numbering, self.name, self.unit, tuple(sorted(self.targets.items())))

    def as_dict(self) -> dict:
        return {"kind": self.kind, "numbering": self.numbering, "name": self.name, "unit": self.unit,
                "targets": {str(y): t for y, t in self.targets.items()}, "section": self.section,
                "group": self.group, "parent": self.parent, "indicator": self.indicator,
                "breakdown": self.breakdown}


@dataclass(frozen=True)
class ExpectedSection:
    numbering: str | None
    name: str


@dataclass(frozen=True)
class ExpectedFinding:
    """A finding a correct linter must report (one of ``rules``), on ``row`` of Expected.rows."""

    defect: str
    category: str
    rules: tuple[str, ...]
    detected_by: tuple[str, ...]
    row: int
    numbering: str | None
    name: str
    indicator: str | None
    year: int | None
    value: str


@dataclass(frozen=True)
class Expected:
    rows: tuple[ExpectedRow, ...]
    sections: tuple[ExpectedSection, ...]
    findings: tuple[ExpectedFinding, ...]
    years: tuple[int, ...]
    document: dict

    def as_dict(self) -> dict:
        return {
            "document": self.document, "years": list(self.years),
            "sections": [{"numbering": s.numbering, "name": s.name} for s in self.sections],
            "rows": [r.as_dict() for r in self.rows],
            "findings": [{"defect": f.defect, "category": f.category, "rules": list(f.rules),
                          "detected_by": list(f.detected_by), "row": f.row, "numbering": f.numbering,
                          "name": f.name, "indicator": f.indicator, "year": f.year, "value": f.value}
                         for f in self.findings],
        }


def expected_rows(spec: TableSpec) -> Expected:
    """What a correct reader extracts from any layout of ``spec``: the rows that carry targets
    (indicator, breakdown and sub rows, numbering as printed), the sections, the document
    metadata, and the findings the injected defects must draw."""
    rows: list[ExpectedRow] = []
    sections: list[ExpectedSection] = []
    where: dict[int, int] = {}  # spec row index -> expected row index
    section = group = None
    last_indicator = None
    for k, r in enumerate(spec.rows):
        if r.kind == "section":
            sections.append(ExpectedSection(r.numbering, r.name))
            section = r.numbering if r.numbering is not None else r.name
            group = None
            continue
        if r.kind == "group":
            group = r.name
            continue
        if r.kind == "indicator" and group is not None and r.indicator not in GROUP_MEMBERS:
            group = None  # the group closes at the first row that does not belong to it
        parent = last_indicator if r.kind in ("breakdown", "sub") else None
        where[k] = len(rows)
        targets = {y: r.targets.get(y, "") for y in spec.years}
        rows.append(ExpectedRow(r.kind, r.numbering, r.name, r.unit or None, targets, section,
                                group if r.kind == "indicator" else None, parent, r.indicator, r.breakdown))
        if r.kind == "indicator":
            last_indicator = len(rows) - 1
    findings = tuple(
        ExpectedFinding(d.name, d.category, d.rules, d.detected_by, where[d.row], spec.rows[d.row].numbering,
                        spec.rows[d.row].name, spec.rows[d.row].indicator, d.year, d.value)
        for d in spec.defects)
    document = {"type": "Kế hoạch", "number": spec.number, "date": spec.date.isoformat(), "province": spec.province,
                "annex": spec.annex, "title": spec.title, "caption": spec.caption}
    return Expected(tuple(rows), tuple(sections), findings, spec.years, document)


# ---------------------------------------------------------------- clean targets (shared with benchmarks/make_corpus.py)


def clean_targets(ind, rnd: random.Random) -> list[str]:
    """2025 and 2030 targets that satisfy bounds, direction, milestones and the national values."""
    nat = {y: v.raw for y, v in ind.national.items()}
    if ind.type == "qualitative":
        return [nat.get(2025, "-"), nat.get(2030, "Hoàn thành")]
    if ind.type == "school_level":
        return ["Tiểu học", "THCS"]
    if ind.universal:
        return ["-", "100"]
    out = []
    for year in (2025, 2030):
        if year in nat:
            out.append(nat[year])
        else:
            out.append(None)
    lo, hi = ind.plausible or ind.bounds or (0, 100)
    hi = min(hi, 100 if ind.type in ("percent", "rate_per_year") else hi)
    if ind.type == "count":
        lo, hi = 1000, 60000
    if ind.type == "index":
        lo, hi = 0.6, 0.8
    if out[0] is None and out[1] is None:
        a = round(rnd.uniform(lo + (hi - lo) * 0.3, lo + (hi - lo) * 0.8), 0 if hi > 5 else 2)
        b = a + (hi - a) * rnd.uniform(0.2, 0.6) if ind.direction == "higher" else a - (a - lo) * rnd.uniform(0.2, 0.5)
        b = round(b, 0 if hi > 5 else 2)
        if ind.direction == "lower":
            return [f"< {format_number(a)}", f"< {format_number(b)}"]
        return [format_number(a), format_number(b)]
    if out[0] is None:
        t = parse_target(out[1])
        return [rnd.choice(["-", out[1]]) if t.kind != "exact" else "-", out[1]]
    if out[1] is None:
        return [out[0], rnd.choice(["-", out[0]])]
    return out


def word_variant(raw: str, rnd: random.Random) -> str:
    """Write a target the way provinces do: symbols or words, with or without %."""
    t = parse_target(raw)
    if t.kind == "lower" and t.lo_strict and rnd.random() < 0.3:
        return rnd.choice(["trên ", "cao hơn "]) + format_number(t.lo)
    if t.kind == "upper" and t.hi_strict and rnd.random() < 0.3:
        return "dưới " + format_number(t.hi)
    if t.kind == "exact" and rnd.random() < 0.15:
        return "khoảng " + raw
    return raw


def name_variant(ind, rnd: random.Random) -> str:
    names = [ind.name] + [a for a in ind.aliases
                          if len(a.split()) >= 4 and not a.lower().startswith(("trong", "người"))]
    name = rnd.choice(names)
    if name.startswith("Tỷ lệ") and rnd.random() < 0.5:
        name = "Tỉ lệ" + name[len("Tỷ lệ"):]
    return name


# accepted spelling variants provinces type (tone placement, i/y, hằng/hàng): the same indicator
SPELLINGS = [("kỹ", "kĩ"), ("khỏe", "khoẻ"), ("hằng năm", "hàng năm"), ("hằng tháng", "hàng tháng"), ("bác sĩ", "bác sỹ"),
             ("hóa", "hoá")]


def spelling_variant(name: str, rnd: random.Random) -> str:
    """``name`` with some words in their other accepted spelling (whole words only)."""
    for a, b in SPELLINGS:
        for old, new in ((a, b), (b, a)):
            if re.search(rf"\b{old}\b", name) and rnd.random() < 0.4:
                name = re.sub(rf"\b{old}\b", new, name)
                break
    return name


# ---------------------------------------------------------------- building a spec


@lru_cache(maxsize=1)
def suite_sections() -> dict[str, str]:
    """Section key -> printed name, in the suite's order."""
    import yaml

    data = yaml.safe_load(resolve_suite_path("national").read_text(encoding="utf-8"))
    return dict(data["sections"])


def suite_indicators() -> list[Indicator]:
    """The suite's indicators that stand as rows of their own (sub-row indicators excluded)."""
    return [ind for ind in load_suite("national").indicators.values() if ind.id not in SUB_IDS]


def build_spec(rnd: random.Random | int = 0, *, indicators: list[str] | None = None,
               sections: list[str] | None = None, numbering: str = "roman", bullet: str | None = "-",
               group: bool = True, breakdowns: bool = True, subs: bool = True, defects: tuple[str, ...] = (),
               province: str | None = None, number: str | None = None, date: dt.date | None = None,
               years: tuple[int, ...] = (2025, 2030)) -> TableSpec:
    """A table of the national indicators with clean targets, then ``defects`` typed in.

    ``indicators`` (suite ids, in order) and ``sections`` (suite section keys, in order) select
    and order the rows; by default every indicator, in the suite's order. Rows are grouped under
    their section, the sections in the order given, then the others in the order they first appear. ``bullet`` is printed before
    breakdown names ("- Thành thị"). A defect that no row of this table can carry is skipped
    (``TableSpec.defects`` lists the ones injected).
    """
    if isinstance(rnd, int):
        rnd = random.Random(rnd)
    if numbering not in NUMBERING_STYLES:
        raise ValueError(f"unknown numbering style {numbering!r} (one of {', '.join(NUMBERING_STYLES)})")
    suite = load_suite("national")
    chosen = [suite.indicators[i] for i in indicators] if indicators is not None else suite_indicators()
    by_section: dict[str, list[Indicator]] = {}
    for ind in chosen:
        if ind.id in SUB_IDS:
            raise ValueError(f"{ind.id} is printed as a sub-row of another indicator, not on its own")
        by_section.setdefault(ind.section, []).append(ind)
    order = list(sections or ()) + [k for k in by_section if k not in (sections or ())]
    names = suite_sections()
    rows: list[SpecRow] = []
    for key in order:
        inds = by_section.get(key, [])
        if not inds:
            continue
        if group:  # the group's members stand together, where the first of them stood
            members = [i for i in inds if i.id in GROUP_MEMBERS]
            if len(members) >= 2:
                first = inds.index(members[0])
                rest = [i for i in inds if i.id not in GROUP_MEMBERS]
                inds = rest[:first] + members + rest[first:]
        rows.append(SpecRow("section", None, names[key]))
        in_group = False
        for ind in inds:
            grouped = group and ind.id in GROUP_MEMBERS and sum(i.id in GROUP_MEMBERS for i in inds) >= 2
            if grouped and not in_group:
                rows.append(SpecRow("group", None, GROUP_10000))
            in_group = grouped
            rows += _indicator_rows(ind, rnd, years, grouped=grouped, breakdowns=breakdowns, subs=subs)
    rows = _number(rows, numbering, bullet)
    spec = TableSpec(province=province or rnd.choice(PROVINCES), number=number or f"{rnd.randint(100, 9999)}/KH-UBND",
                     date=date or dt.date(2024, rnd.randint(6, 12), rnd.randint(1, 28)), rows=tuple(rows),
                     years=years, numbering=numbering)
    for name in defects:
        spec = inject(spec, name, rnd)
    return spec


def _unit_text(ind: Indicator, rnd: random.Random) -> str:
    if ind.id == "healthy_life_years":
        return "Năm"
    if ind.id == "hospital_beds":
        return "Giường"
    if ind.type == "area_per_person":
        return rnd.choice(["m2 sàn/người", "m² sàn/người"])
    if ind.type == "per_10000":
        return rnd.choice(["người", "Người"])
    return UNIT_TEXT[ind.type]


def _targets(ind: Indicator, rnd: random.Random, years: tuple[int, ...]) -> dict[int, str]:
    values = [word_variant(v, rnd) if v not in ("-", "") else v for v in clean_targets(ind, rnd)]
    by_year = dict(zip((2025, 2030), values))
    return {y: by_year.get(y, "-") for y in years}


def _actual(targets: dict[int, str], ind: Indicator, rnd: random.Random) -> str:
    """A value achieved before the milestones: short of the first target, never a target."""
    if not ind.numeric or rnd.random() < 0.1:
        return "-"
    for raw in targets.values():
        t = parse_target(raw, ind.reading_bounds)
        if t.numeric and t.anchor is not None:
            a = t.anchor
            if ind.type == "count":
                return format_number(round(a * rnd.uniform(0.3, 0.6), -1))
            lo, hi = ind.reading_bounds or (0, 100)
            v = a * (rnd.uniform(0.85, 0.98) if ind.direction != "lower" else rnd.uniform(1.02, 1.2))
            v = min(max(v, lo), hi)
            return format_number(round(v, 2 if a < 1 else 1))
    return "-"


def _sources(ind: Indicator, rnd: random.Random) -> frozenset[str]:
    out = set()
    if any(v.source in ("NQ42", "NATDOC") for v in ind.national.values()):
        out.add("NQ42")
    if ind.national or rnd.random() < 0.5:
        out.add("NQ68")
    if rnd.random() < 0.3:
        out.add("TU")
    return frozenset(out)


def _indicator_rows(ind: Indicator, rnd: random.Random, years: tuple[int, ...], *, grouped: bool,
                    breakdowns: bool, subs: bool) -> list[SpecRow]:
    if grouped:
        names, unit = GROUP_MEMBERS[ind.id]
        name = rnd.choice(names)
    else:
        name, unit = name_variant(ind, rnd), _unit_text(ind, rnd)
        name = spelling_variant(name[0].upper() + name[1:], rnd)  # an alias from a sentence starts with a capital
    targets = _targets(ind, rnd, years)
    agencies = (LEAD_AGENCY[ind.section], rnd.choice(PARTNERS))
    note = rnd.choice(NOTES) if rnd.random() < 0.15 else ""
    row = SpecRow("indicator", None, name, unit or None, targets, _actual(targets, ind, rnd), _sources(ind, rnd),
                  agencies, note, ind.id)
    out = [row]
    if breakdowns and "urban_rural" in ind.breakdowns:
        parts = _split_total(ind, targets, rnd)
        if parts is None:  # the parent row only names the indicator; the parts carry the targets
            parts = _parts_without_total(ind, rnd, years)
            out[0] = replace(row, unit=None, targets={y: "" for y in years}, actual="")
        for which, label in zip(("urban", "rural"), URBAN_RURAL):
            out.append(SpecRow("breakdown", None, label, row.unit or unit, parts[which], "", frozenset(),
                               (agencies[0],), "", ind.id, which))
    elif breakdowns and "region" in ind.breakdowns:
        out[0] = replace(row, unit=None, targets={y: "" for y in years}, actual="")
        for k, label in enumerate(REGIONS):
            value = ("80", "90") if k == 0 else ("100", "100")
            out.append(SpecRow("breakdown", None, label, unit, {y: v for y, v in zip(years, value)}, "", frozenset(),
                               (agencies[0],), "", ind.id, "region"))
    if subs and ind.id in SUB_ROWS:
        suite = load_suite("national")
        for k, (sid, names) in enumerate(SUB_ROWS[ind.id]):
            sub = suite.indicators[sid]
            if sub.type == "rate_per_year":
                a = rnd.randint(3, 6)
                tg = {years[0]: f"{a}-{a + 1}" if k else f"> {a}"}
            else:
                a = rnd.randint(80, 90)
                tg = {years[0]: f"> {a}", years[-1]: f"> {a + 5}"}
            out.append(SpecRow("sub", None, rnd.choice(names), _unit_text(sub, rnd),
                               {y: tg.get(y, "-") for y in years}, "", frozenset(), (), "", sid))
    return out


def _split_total(ind: Indicator, targets: dict[int, str], rnd: random.Random) -> dict[str, dict[int, str]] | None:
    """Urban and rural targets with the total between them, year by year (None: the total
    cannot be split, the parent row will carry no target)."""
    parts = {"urban": {}, "rural": {}}
    top = 100 if ind.type == "percent" else 60
    up, down = rnd.uniform(2, 8), rnd.uniform(2, 8)  # the same gaps every year: the parts progress as the total
    for y, raw in targets.items():
        t = parse_target(raw, ind.reading_bounds)
        if t.kind == "none":
            parts["urban"][y] = parts["rural"][y] = raw or "-"
            continue
        if t.kind not in ("exact", "range", "approx") or t.lo is None or t.hi is None or t.hi >= top - 1:
            return None
        parts["urban"][y] = format_number(min(top, round(t.hi + up)))
        parts["rural"][y] = format_number(max(1, round(t.lo - down)))
    return parts


def _parts_without_total(ind: Indicator, rnd: random.Random, years: tuple[int, ...]) -> dict[str, dict[int, str]]:
    urban = rnd.randint(85, 100)
    rural = rnd.randint(60, 90)
    first = {"urban": format_number(urban), "rural": format_number(rural)}
    last = {"urban": "100", "rural": format_number(min(100, rural + rnd.randint(3, 10)))}
    return {w: {y: (first[w] if k == 0 and len(years) > 1 else last[w]) for k, y in enumerate(years)} for w in first}


def _number(rows: list[SpecRow], style: str, bullet: str | None) -> list[SpecRow]:
    """Give every row its numbering as printed in ``style``."""
    out = []
    sec = row_no = in_sec = 0
    for r in rows:
        num = None
        if r.kind == "section":
            sec += 1
            in_sec = 0
            num = {"roman": int_to_roman(sec), "decimal": str(sec), "sections": str(sec), "none": None}[style]
        elif r.kind == "indicator":
            row_no += 1
            in_sec += 1
            num = {"roman": str(row_no), "decimal": f"{sec}.{in_sec}"}.get(style)
        elif r.kind == "breakdown":
            num = bullet
        out.append(replace(r, numbering=num))
    return out


# ---------------------------------------------------------------- defects


def _pct(ind: Indicator) -> bool:
    return ind.type == "percent" and not ind.universal


def _numbered_indicators(spec: TableSpec) -> list[int]:
    return [k for k, r in enumerate(spec.rows) if r.kind == "indicator" and r.numbering]


def inject(spec: TableSpec, name: str, rnd: random.Random) -> TableSpec:
    """``spec`` with the defect ``name`` (a key of :data:`DEFECTS`) typed into one cell, or
    ``spec`` unchanged when no row can carry it. A row carries one defect at most."""
    return DEFECTS[name](spec, rnd)


def _touched(spec: TableSpec) -> set[int]:
    """Rows that carry a defect, and the parts of a total that carries one."""
    out = {d.row for d in spec.defects}
    for d in spec.defects:
        if d.category == "aggregate":
            out |= {d.row + 1, d.row + 2}
    return out


def _candidates(spec: TableSpec, pred, kinds=("indicator",)) -> list[int]:
    suite = load_suite("national")
    touched = _touched(spec)
    out = []
    for k, r in enumerate(spec.rows):
        if r.kind in kinds and r.indicator and k not in touched and pred(r, suite.indicators[r.indicator]):
            if r.kind == "indicator" and k + 1 < len(spec.rows) and spec.rows[k + 1].kind == "breakdown":
                continue  # a total: its value is bound by its parts
            out.append(k)
    return out


def _with_cell(spec: TableSpec, k: int, *, year: int | None = None, unit: str | None = None,
               numbering: str | None = None, **defect) -> TableSpec:
    r = spec.rows[k]
    if year is not None:
        was, new = r.targets[year], defect.pop("value")
        r = replace(r, targets={**r.targets, year: new})
    elif unit is not None:
        was, new = r.unit or "", unit
        r = replace(r, unit=unit)
    else:
        was, new = r.numbering or "", numbering
        r = replace(r, numbering=numbering)
    rows = spec.rows[:k] + (r,) + spec.rows[k + 1:]
    d = Defect(row=k, year=year, value=new, was=was, **defect)
    return replace(spec, rows=rows, defects=spec.defects + (d,))


def _last_year(spec: TableSpec) -> int:
    return spec.years[-1]


def _direction(spec, rnd):
    """A lower-is-better target written with a lower bound: unemployment "> 3" for "< 3"."""
    y = _last_year(spec)

    def ok(r, ind):
        return ind.direction == "lower" and parse_target(r.targets[y]).kind == "upper"
    c = _candidates(spec, ok)
    if not c:
        return spec
    k = next((k for k in c if spec.rows[k].indicator == "unemployment"), rnd.choice(c))
    raw = spec.rows[k].targets[y]
    new = raw.replace("<", ">").replace("dưới", "trên")
    return _with_cell(spec, k, year=y, value=new, name="direction", category="direction", rules=("D001", "Y001"),
                      detected_by=("direction", "typo"))


def _typo(spec, rnd):
    """A percentage typed without its decimal comma: "> 975" for "> 97,5"."""
    y = _last_year(spec)

    def ok(r, ind):
        t = parse_target(r.targets[y])
        return _pct(ind) and ind.direction == "higher" and t.kind in ("exact", "lower") and 20 <= (t.lo or 0) < 99.5
    c = _candidates(spec, ok)
    if not c:
        return spec
    k = rnd.choice(c)
    t = parse_target(spec.rows[k].targets[y])
    prefix = "> " if t.kind == "lower" else ""
    new = prefix + format_number(t.lo + 0.5).replace(",", "")
    return _with_cell(spec, k, year=y, value=new, name="typo", category="typo", rules=("Y001", "Y002", "R001"),
                      detected_by=("typo", "range"))


def _temporal(spec, rnd):
    """2030 less ambitious than 2025 (a higher-is-better percentage)."""
    if len(spec.years) < 2:
        return spec
    y0, y1 = spec.years[0], spec.years[-1]

    def ok(r, ind):
        a, b = parse_target(r.targets[y0]), parse_target(r.targets[y1])
        return (_pct(ind) and ind.direction == "higher" and y1 not in ind.national and a.kind == "exact"
                and b.kind in ("none", "exact") and 30 <= (a.lo or 0) <= 90)
    c = _candidates(spec, ok)
    if not c:
        return spec
    k = rnd.choice(c)
    a = parse_target(spec.rows[k].targets[y0]).lo
    new = format_number(round(a - 15))
    return _with_cell(spec, k, year=y1, value=new, name="temporal", category="temporal", rules=("P001", "Y001"),
                      detected_by=("temporal", "typo"))


def _unit(spec, rnd):
    """A unit that does not fit: "Người" on a percentage."""
    c = _candidates(spec, lambda r, ind: _pct(ind) and r.unit == "%")
    if not c:
        return spec
    return _with_cell(spec, rnd.choice(c), unit="Người", name="unit", category="unit", rules=("U002",),
                      detected_by=("unit",))


def _baseline(spec, rnd):
    """A 2030 target below the national value."""
    y = _last_year(spec)

    def ok(r, ind):
        nv = ind.national.get(y)
        if not (nv and _pct(ind) and ind.direction == "higher" and nv.target.kind in ("exact", "lower")):
            return False
        new = (nv.target.lo or 0) - 10
        before = parse_target(r.targets[spec.years[0]])
        return new >= 10 and (before.kind == "none" or (before.lo is not None and before.lo <= new))
    c = _candidates(spec, ok)
    if not c:
        return spec
    k = rnd.choice(c)
    ind = load_suite("national").indicators[spec.rows[k].indicator]
    new = format_number(ind.national[y].target.lo - 10)
    return _with_cell(spec, k, year=y, value=new, name="baseline", category="baseline", rules=("B001",),
                      detected_by=("baseline",))


def _universal(spec, rnd):
    """A universal target (100 % by 2030) written lower."""
    y = _last_year(spec)
    c = _candidates(spec, lambda r, ind: ind.universal and ind.type == "percent" and r.targets[y] == "100")
    if not c:
        return spec
    return _with_cell(spec, rnd.choice(c), year=y, value="90", name="universal", category="baseline",
                      rules=("B002",), detected_by=("baseline",))


def _aggregate(spec, rnd):
    """A total outside the span of its urban/rural breakdowns."""
    y = _last_year(spec)
    touched = _touched(spec)
    for k, r in enumerate(spec.rows[:-2]):
        a, b = spec.rows[k + 1], spec.rows[k + 2]
        if (r.kind == "indicator" and a.breakdown == "urban" and b.breakdown == "rural" and k not in touched
                and not touched & {k + 1, k + 2}):
            t, up = parse_target(r.targets[y]), parse_target(a.targets[y])
            top = 100 if r.unit == "%" else 60
            if t.kind == "exact" and up.kind == "exact" and up.lo + 3 <= top:
                return _with_cell(spec, k, year=y, value=format_number(up.lo + 3), name="aggregate",
                                  category="aggregate", rules=("A001",), detected_by=("aggregate",))
    return spec


def _renumber(spec: TableSpec, k: int, new: str, shift: int, name: str, rule: str) -> TableSpec:
    """Row ``k`` numbered ``new``; the later rows of its sequence shifted by ``shift``."""
    out = _with_cell(spec, k, numbering=new, name=name, category="structure", rules=(rule,),
                     detected_by=("structure",))
    if not shift:
        return out
    rows = list(out.rows)
    defects = list(out.defects)
    prefix = new.rsplit(".", 1)[0] + "." if "." in new else ""

    def shifted(number: str) -> str:
        head, _, last = number.rpartition(".")
        return (head + "." if head else "") + str(int(last) + shift)

    for j in range(k + 1, len(rows)):
        r = rows[j]
        if r.kind == "section" and prefix:
            break
        if r.kind == "indicator" and r.numbering:
            rows[j] = replace(r, numbering=shifted(r.numbering))
            # a numbering defect recorded on a shifted row moves with it
            defects = [replace(d, value=shifted(d.value), was=shifted(d.was)) if d.row == j and d.year is None
                       and d.category == "structure" else d for d in defects]
    return replace(out, rows=tuple(rows), defects=tuple(defects))


def _skipped(spec, rnd):
    """A row number skipped (7 after 5); the rows after it follow on from the wrong number."""
    c = _renumberable(spec)
    if not c:
        return spec
    k = c[len(c) // 2]
    head, _, last = spec.rows[k].numbering.rpartition(".")
    return _renumber(spec, k, (head + "." if head else "") + str(int(last) + 1), 1, "skipped", "S002")


def _repeated(spec, rnd):
    """A row number used twice (6, 6); the rows after it follow on from the repeat."""
    c = _renumberable(spec)
    if not c:
        return spec
    k = c[len(c) // 3]
    prev = _previous_in_sequence(spec, k)
    return _renumber(spec, k, spec.rows[prev].numbering, -1, "repeated", "S001")


def _outside_parent(spec, rnd):
    """A decimal row number of the previous section (4.4 inside section 5): the last row of a
    section, numbered as the next row of the section before."""
    if spec.numbering != "decimal":
        return spec
    sections = [k for k, r in enumerate(spec.rows) if r.kind == "section"]
    for s_prev, s in zip(sections, sections[1:]):
        end = next((k for k in sections if k > s), len(spec.rows))
        mine = [k for k in range(s + 1, end) if spec.rows[k].kind == "indicator" and spec.rows[k].numbering]
        before = [k for k in range(s_prev + 1, s) if spec.rows[k].kind == "indicator" and spec.rows[k].numbering]
        if len(mine) >= 2 and before and not _touched(spec) & set(mine + before):
            head, _, last = spec.rows[before[-1]].numbering.rpartition(".")
            return _renumber(spec, mine[-1], f"{head}.{int(last) + 1}", 0, "outside-parent", "S003")
    return spec


def _renumberable(spec: TableSpec) -> list[int]:
    """Numbered rows that follow another of their sequence and carry no defect yet."""
    if spec.numbering not in ("roman", "decimal"):
        return []
    touched = _touched(spec)
    return [k for k in _numbered_indicators(spec) if k not in touched and _previous_in_sequence(spec, k) is not None]


def _previous_in_sequence(spec: TableSpec, k: int) -> int | None:
    """The numbered row before ``k`` in the same numbering sequence, if any."""
    for j in range(k - 1, -1, -1):
        r = spec.rows[j]
        if r.kind == "section" and spec.numbering == "decimal":
            return None
        if r.kind == "indicator" and r.numbering:
            return j
    return None


DEFECTS = {
    "direction": _direction, "typo": _typo, "temporal": _temporal, "unit": _unit, "baseline": _baseline,
    "universal": _universal, "aggregate": _aggregate, "skipped": _skipped, "repeated": _repeated,
    "outside-parent": _outside_parent,
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
