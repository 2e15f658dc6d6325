"""A synthetic corpus of provincial plans with defects injected at known places.

    python benchmarks/make_corpus.py OUT_DIR --plans 1000 [--seed 1] [--clean-share 0.2]

Plans are built from the national suite with provincial variation (names taken from the
catalogue's spellings and aliases, Tỷ/Tỉ variants, comparators written as symbols or words,
targets more or less ambitious than the national ones) in four real layouts: tab-separated
text (as tay-ninh-plan.txt), one cell per line (as khanh-hoa-plan.txt), Word (.docx) and CSV
submissions. Each plan gets 0-3 defects of the categories below; ``injections.json`` beside
the corpus lists every one: file, category, the categories that count as detecting it, and
where (line, or row number for Word).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plancheck.catalogue import load_suite  # noqa: E402
from plancheck.targets import ambition, format_number, parse_target  # noqa: E402
from tests.layouts.spec import PROVINCES, UNIT_TEXT, clean_targets, name_variant, word_variant  # noqa: E402

LAYOUTS = ["tsv", "one-cell", "docx", "csv"]
# injected category -> categories whose findings detect it (a typo finding replaces the
# range/direction/temporal finding it explains; a milestone regression injected as a third
# of the 2025 value may also lie outside the plausible range)
DETECTED_BY = {
    "typo": {"typo"}, "direction": {"direction", "typo"}, "temporal": {"temporal", "typo", "range"},
    "range": {"range", "typo"}, "unit": {"unit"}, "type": {"type"}, "missing": {"missing"},
    "baseline": {"baseline"}, "aggregate": {"aggregate"}, "metadata": {"metadata"},
    "structure": {"structure"}, "text": {"text"}, "consistency": {"consistency"},
}
DOC_ONLY = {"aggregate", "metadata", "structure", "consistency"}


@dataclass
class Row:
    label: str
    name: str
    unit: str
    values: list[str]
    indicator: str | None = None
    role: str = "indicator"  # indicator | section | breakdown
    line: int | None = None
    value_lines: list[int | None] = field(default_factory=lambda: [None, None])
    unit_line: int | None = None


@dataclass
class Plan:
    name: str
    province: str
    number: str
    date: tuple[int, int, int]
    layout: str
    rows: list[Row]
    narrative: list[tuple[str, str]] = field(default_factory=list)  # (indicator id, sentence)
    caption_number: str | None = None
    heading_labels: list[str] = field(default_factory=lambda: ["I", "II", "III", "IV"])
    touched: set = field(default_factory=set)  # rows that already carry a defect


def build_plan(i: int, rnd: random.Random, suite) -> Plan:
    province = rnd.choice(PROVINCES)
    layout = LAYOUTS[i % len(LAYOUTS)]
    number = f"{rnd.randint(100, 9999)}/KH-UBND"
    date = (rnd.randint(1, 28), rnd.randint(6, 12), 2024)  # after 68/NQ-CP (09/5/2024), which plans cite
    rows: list[Row] = []
    sections = {}
    for ind in suite.indicators.values():
        if ind.id in ("poverty_reduction_poor_districts", "poverty_reduction_ethnic", "hiv_status_known"):
            continue
        if rnd.random() < 0.12:
            continue
        sections.setdefault(ind.section, []).append(ind)
    label = 0
    for sec_no, (sec, inds) in enumerate(sections.items(), start=1):
        rows.append(Row(str(sec_no), suite_section_name(suite, sec), "", ["", ""], role="section"))
        for ind in inds:
            label += 1
            values = [word_variant(v, rnd) if v not in ("-", "") else v for v in clean_targets(ind, rnd)]
            rows.append(Row(str(label), name_variant(ind, rnd), UNIT_TEXT[ind.type], values, indicator=ind.id))
            if ind.breakdowns == ("urban_rural",) and rnd.random() < 0.7 and ind.type in ("percent", "area_per_person"):
                total = parse_target(values[1])
                if total.kind == "exact" and total.lo is not None and total.lo < 95:
                    base = total.lo
                    urban, rural = min(100, base + 3), base - 3
                    # parts with reference values of their own (clean water: urban 100, rural 80) meet them,
                    # and the total lies between its parts
                    floor = {p: ambition(v[2030].target, ind.direction) for p, v in ind.parts.items() if 2030 in v}
                    if floor and ind.direction == "higher":
                        urban = min(100, max(urban, floor.get("urban") or 0))
                        rural = min(urban, max(rural, floor.get("rural") or 0))
                        if not rural <= base <= urban:
                            base = round((urban + rural) / 2)
                            rows[-1].values[1] = format_number(base)
                            first = parse_target(rows[-1].values[0])
                            if first.kind != "none" and (first.lo or 0) > base:
                                rows[-1].values[0] = "-"
                    rows[-1].role = "total"
                    rows.append(Row("", "Thành thị", UNIT_TEXT[ind.type], ["-", format_number(urban)],
                                    indicator=ind.id, role="breakdown"))
                    rows.append(Row("", "Nông thôn", UNIT_TEXT[ind.type], ["-", format_number(rural)],
                                    indicator=ind.id, role="breakdown"))
    name = f"plan-{i:04d}-{slug(province)}." + {"tsv": "txt", "one-cell": "txt", "docx": "docx", "csv": "csv"}[layout]
    plan = Plan(name, province, number, date, layout, rows)
    # narrative restating a few annex targets (percentages stated exactly)
    for r in rows:
        if r.role == "indicator" and r.unit == "%" and rnd.random() < 0.15:
            t = parse_target(r.values[1])
            ind = suite.indicators[r.indicator]
            if t.kind == "exact" and ind.direction == "higher":
                plan.narrative.append((r.indicator, f"{ind.name.lower()} đạt {r.values[1]}%"))
    return plan


_SECTIONS: dict = {}


def suite_section_name(suite, key: str) -> str:
    if not _SECTIONS:
        import yaml

        data = yaml.safe_load((ROOT / "plancheck" / "suites" / "national.yaml").read_text(encoding="utf-8"))
        _SECTIONS.update(data["sections"])
    return _SECTIONS.get(key, key)


def slug(text: str) -> str:
    from plancheck.textnorm import fold

    return fold(text).replace(" ", "-")


# ---------------------------------------------------------------- defects


def inject(plan: Plan, category: str, rnd: random.Random, suite) -> dict | None:
    inds = [r for r in plan.rows if r.role == "indicator"]  # totals with breakdowns are left alone

    stated = _in_narrative(plan) if category != "consistency" else set()

    def pick(pred):
        # a value restated in the body is left alone: changing it would add a second defect
        c = [r for r in inds if r.indicator not in stated and id(r) not in plan.touched
             and pred(r, suite.indicators[r.indicator])]
        return rnd.choice(c) if c else None

    def pct(r, ind):
        return ind.type == "percent" and not ind.universal

    if category == "typo":
        r = pick(lambda r, ind: pct(r, ind) and parse_target(r.values[1]).kind == "exact"
                 and 20 <= (parse_target(r.values[1]).lo or 0) < 99 and ind.id not in _in_narrative(plan))
        if not r:
            return None
        v = parse_target(r.values[1]).lo
        r.values[1] = format_number(round(v + 0.5, 1)).replace(",", "")  # "97,5" typed without its comma
        return {"row": r, "year": 2030}
    if category == "direction":
        r = pick(lambda r, ind: ind.direction == "lower" and parse_target(r.values[1]).kind == "upper")
        if not r:
            return None
        r.values[1] = r.values[1].replace("<", ">").replace("dưới", "trên")
        return {"row": r, "year": 2030}
    if category == "temporal":
        r = pick(lambda r, ind: pct(r, ind) and ind.direction == "higher" and not ind.national
                 and parse_target(r.values[0]).kind == "exact" and parse_target(r.values[1]).kind == "exact"
                 and (parse_target(r.values[0]).lo or 0) >= 30)
        if not r:
            return None
        r.values[1] = format_number(round(parse_target(r.values[0]).lo / 3))
        return {"row": r, "year": 2030}
    if category == "range":
        r = pick(lambda r, ind: pct(r, ind) and parse_target(r.values[1]).kind == "exact")
        if not r:
            return None
        r.values[1] = "-" + r.values[1].split()[-1] if False else "1" + "0" * 6
        return {"row": r, "year": 2030}
    if category == "unit":
        r = pick(lambda r, ind: pct(r, ind) and r.unit == "%")
        if not r:
            return None
        r.unit = "Người"
        return {"row": r, "year": None, "at": "unit"}
    if category == "type":
        # (an indicator also accepted as a level takes "Hoàn thành": that is no type error)
        r = pick(lambda r, ind: pct(r, ind) and not ind.more_forms and parse_target(r.values[1]).numeric)
        if not r:
            return None
        r.values[1] = "Hoàn thành"
        return {"row": r, "year": 2030}
    if category == "missing":
        r = pick(lambda r, ind: ind.national == {} and not ind.breakdowns)
        if not r:
            return None
        r.values = ["-", "-"]
        return {"row": r, "year": None}
    if category == "baseline":
        def below_ok(r, ind):
            if not (ind.direction == "higher" and 2030 in ind.national and not ind.universal and ind.type == "percent"
                    and ind.national[2030].target.kind in ("exact", "lower")):
                return False
            new = (ind.national[2030].target.lo or 0) - 10
            before = parse_target(r.values[0])
            return new >= 10 and (before.kind == "none" or (before.lo is not None and before.lo <= new))
        r = pick(below_ok)
        if not r:
            return None
        r.values[1] = format_number(suite.indicators[r.indicator].national[2030].target.lo - 10)
        return {"row": r, "year": 2030}
    if category == "aggregate":
        for k, r in enumerate(plan.rows):
            if r.role == "breakdown" and plan.rows[k - 1].role == "total":
                total = plan.rows[k - 1]
                t = parse_target(total.values[1])
                parts = [parse_target(x.values[1]).lo for x in plan.rows[k:k + 2]]
                if t.kind == "exact" and None not in parts and max(parts) + 10 <= 100:
                    total.values[1] = format_number(max(parts) + 10)  # above both parts
                    return {"row": total, "year": 2030}
        return None
    if category == "metadata":
        digits = plan.number.split("/")[0]
        plan.caption_number = str(int(digits) + 1) + "/KH-UBND"
        return {"row": None, "year": None, "caption": True}
    if category == "structure":
        labelled = [r for r in inds if r.label.isdigit()]
        if len(labelled) < 10:
            return None
        r = labelled[len(labelled) // 2]
        numbered = [x for x in plan.rows if x.role in ("indicator", "total") and x.label.isdigit()]
        for later in [x for x in numbered if int(x.label) >= int(r.label)]:
            later.label = str(int(later.label) + 1)
        return {"row": r, "year": None}
    if category == "text":
        r = pick(lambda r, ind: "điểm" in r.name or "khỏe" in r.name or "Tiểu" in r.name or "bảo hiểm" in r.name)
        if not r:
            return None
        r.name = r.name.replace("bảo hiểm", "bảo hiêm", 1).replace("điểm", "diêm", 1).replace("khỏe", "khoe", 1)
        return {"row": r, "year": None}
    if category == "consistency":
        if not plan.narrative:
            return None
        iid, sentence = plan.narrative[0]
        r = next(x for x in inds if x.indicator == iid)
        t = parse_target(r.values[1])
        new = format_number(max(0, t.lo - 5))
        plan.narrative[0] = (iid, sentence.rsplit(" đạt ", 1)[0] + f" đạt {new}%")
        return {"row": r, "year": 2030}
    return None


def _in_narrative(plan: Plan) -> set[str]:
    return {iid for iid, _ in plan.narrative}


# ---------------------------------------------------------------- writers


def header_lines(plan: Plan) -> list[str]:
    d, m, y = plan.date
    return ["ỦY BAN NHÂN DÂN", f"TỈNH {plan.province.upper()}", f"Số: {plan.number}",
            f"{plan.province}, ngày {d} tháng {m} năm {y}", "KẾ HOẠCH",
            "Triển khai thực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ", ""]


def body_lines(plan: Plan) -> list[str]:
    out = [f"{plan.heading_labels[0]}. MỤC ĐÍCH, YÊU CẦU", "Triển khai đồng bộ các nhiệm vụ, giải pháp.", "",
           f"{plan.heading_labels[1]}. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030"]
    for _, sentence in plan.narrative:
        out.append("- " + sentence[0].upper() + sentence[1:] + ".")
    out += ["", f"{plan.heading_labels[2]}. NHIỆM VỤ, GIẢI PHÁP", "Nâng cao chất lượng chính sách xã hội.", "",
            f"{plan.heading_labels[3]}. TỔ CHỨC THỰC HIỆN", "Các sở, ngành triển khai Kế hoạch này.", "",
            "TM. ỦY BAN NHÂN DÂN", ""]
    return out


def caption_lines(plan: Plan) -> list[str]:
    d, m, y = plan.date
    number = plan.caption_number or plan.number
    return ["PHỤ LỤC", "CÁC CHỈ TIÊU CHỦ YẾU",
            f"(Kèm theo Kế hoạch số {number} ngày {d} tháng {m} năm {y} của Ủy ban nhân dân tỉnh {plan.province})", ""]


def write_tsv(plan: Plan, path: Path) -> None:
    lines = header_lines(plan) + body_lines(plan) + caption_lines(plan)
    lines += ["TT\tChỉ tiêu\tĐơn vị\tMục tiêu\t\tGhi chú", "\t\t\tĐến năm 2025\tĐến năm 2030\t"]
    for r in plan.rows:
        r.line = len(lines) + 1
        r.value_lines = [r.line, r.line]
        if r.role == "section":
            lines.append(f"<b>{r.label}</b>\t<b>{r.name}</b>\t\t\t\t")
        else:
            lines.append("\t".join([r.label, r.name, r.unit, r.values[0], r.values[1], ""]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_one_cell(plan: Plan, path: Path) -> None:
    lines = header_lines(plan) + body_lines(plan) + caption_lines(plan)
    lines += ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Cơ quan chủ trì", "Đến năm 2025", "Đến năm 2030"]
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
    for r in plan.rows:
        if r.role == "section":
            lines += [romans[int(r.label) - 1], r.name]
            continue
        r.line = len(lines) + 1
        if r.label:
            lines.append(r.label)
        lines.append(r.name)
        if r.unit:
            r.unit_line = len(lines) + 1
            lines.append(r.unit)
        r.value_lines = [len(lines) + 1, len(lines) + 2]
        lines += [r.values[0], r.values[1]]
        if r.role in ("indicator", "total"):
            lines.append("Sở Lao động - Thương binh và Xã hội")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_csv(plan: Plan, path: Path) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["TT", "Chỉ tiêu", "Đơn vị", "Năm 2025", "Năm 2030", "Tỉnh"])
        line = 1
        for r in plan.rows:
            if r.role not in ("indicator", "total"):
                continue
            line += 1
            r.line = line
            r.value_lines = [line, line]
            w.writerow([r.label, r.name, r.unit, r.values[0], r.values[1], plan.province])


def write_docx(plan: Plan, path: Path) -> None:
    import docx

    d = docx.Document()
    for line in header_lines(plan) + body_lines(plan) + caption_lines(plan):
        if line:
            d.add_paragraph(line)
    table = d.add_table(rows=1, cols=5)
    for k, h in enumerate(["TT", "Chỉ tiêu", "Đơn vị", "Đến năm 2025", "Đến năm 2030"]):
        table.rows[0].cells[k].text = h
    for r in plan.rows:
        cells = table.add_row().cells
        r.line = None
        r.value_lines = [None, None]
        for k, v in enumerate([r.label, r.name, r.unit, r.values[0], r.values[1]]):
            cells[k].text = v
            if r.role == "section":
                for p in cells[k].paragraphs:
                    for run in p.runs:
                        run.bold = True
    d.save(path)


WRITERS = {"tsv": write_tsv, "one-cell": write_one_cell, "csv": write_csv, "docx": write_docx}


def make_corpus(out: Path, plans: int, seed: int = 1, clean_share: float = 0.2) -> list[dict]:
    rnd = random.Random(seed)
    suite = load_suite()
    out.mkdir(parents=True, exist_ok=True)
    injections: list[dict] = []
    categories = list(DETECTED_BY)
    for i in range(plans):
        plan = build_plan(i, rnd, suite)
        done = []
        if rnd.random() >= clean_share:
            for _ in range(rnd.randint(1, 3)):
                cat = rnd.choice(categories)
                if plan.layout == "csv" and cat in DOC_ONLY or cat in {c for c, _ in done}:
                    continue
                where = inject(plan, cat, rnd, suite)
                if where is not None:
                    done.append((cat, where))
                    if where.get("row") is not None:
                        plan.touched.add(id(where["row"]))
        WRITERS[plan.layout](plan, out / plan.name)
        for cat, where in done:
            row = where.get("row")
            line = None
            if row is not None and plan.layout != "docx":
                if where.get("at") == "unit":
                    line = row.unit_line or row.line
                elif where.get("year") == 2030:
                    line = row.value_lines[1]
                elif where.get("year") == 2025:
                    line = row.value_lines[0]
                else:
                    line = row.line
            injections.append({"file": plan.name, "layout": plan.layout, "category": cat,
                               "detected_by": sorted(DETECTED_BY[cat]), "line": line,
                               "row_label": row.label if row is not None else None,
                               "indicator": row.indicator if row is not None else None,
                               "year": where.get("year")})
    injection_file(out).write_text(json.dumps(injections, ensure_ascii=False, indent=1), encoding="utf-8")
    return injections


def make_submission(path: Path, rows: int, seed: int = 1, defect_share: float = 0.02) -> int:
    """A statistics office's CSV submission of ``rows`` rows: every province's targets for every
    indicator of the national suite (clean targets, a share of them made out of range, written
    against the indicator's direction or left unreadable), over and over until ``rows``."""
    rnd = random.Random(seed)
    suite = load_suite()
    indicators = [i for i in suite.indicators.values() if i.type not in ("qualitative", "school_level")]
    path.parent.mkdir(parents=True, exist_ok=True)
    defects = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["TT", "Tỉnh", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Năm 2025", "Năm 2030", "Nguồn"])
        for n in range(rows):
            ind = indicators[n % len(indicators)]
            province = PROVINCES[(n // len(indicators)) % len(PROVINCES)]
            values = [v if v is not None else "" for v in clean_targets(ind, rnd)]
            if rnd.random() < defect_share:
                defects += 1
                k = rnd.randrange(2)
                values[k] = rnd.choice(["250", "< 3" if ind.direction == "higher" else "> 3", "khoảng chừng"])
            w.writerow([n + 1, province, ind.id, ind.name, UNIT_TEXT.get(ind.type, "%"), *values, "NQ 42"])
    return defects


def injection_file(out: Path) -> Path:
    """The injection list, beside the corpus folder (not inside it, where it would be linted)."""
    return out.parent / f"{out.name}.injections.json"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--clean-share", type=float, default=0.2)
    args = ap.parse_args(argv)
    inj = make_corpus(args.out, args.plans, args.seed, args.clean_share)
    print(f"{args.plans} plans, {len(inj)} injected defects -> {args.out}")


if __name__ == "__main__":
    main()
