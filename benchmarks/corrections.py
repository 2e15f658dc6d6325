"""Suggested corrections on plans with known clean values and injected typing slips.

    python benchmarks/corrections.py [--plans 400] [--seed 7] [--keep DIR]

Plans are generated from the national suite as in ``make_corpus.py`` (tab-separated text,
one cell per line, Word and CSV), with provincial targets that differ from the national
ones on about a third of the rows and a body restating some annex targets. Into each plan,
1 to 3 typing slips are injected at known cells, the clean text of each cell being kept:

* ``extra digit``        60 -> 160, 607, 660
* ``decimal comma``      97,5 -> 975 (the comma dropped)
* ``swapped digits``     95 -> 59
* ``mistyped digit``     95 -> 85
* ``flipped comparator`` < 3 -> > 3, dưới 3 -> trên 3
* ``swapped milestones`` 2025 and 2030 of one row exchanged (90 | 95 -> 95 | 90)

The plans are linted with the real command (``python -m plancheck lint --format json``).
Every suggested correction (Y001) anywhere is judged: it restores the clean value, or it is
wrong (a suggestion on a clean cell is wrong by definition). Reported: the share of
suggestions that restore the clean value (the goal is all of them), the share of slips that
get a suggestion, and for swapped milestones the share reported as a milestone regression
(P001) - they must never get a suggestion.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import make_corpus as mc  # noqa: E402

from plancheck.catalogue import load_suite  # noqa: E402
from plancheck.checks.typo import same_target  # noqa: E402
from plancheck.targets import format_number, parse_target  # noqa: E402

SLIPS = ["extra digit", "decimal comma", "swapped digits", "mistyped digit", "flipped comparator",
         "swapped milestones"]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_FLIPS = [(">=", "<="), ("<=", ">="), ("≥", "≤"), ("≤", "≥"), (">", "<"), ("<", ">"), ("trên", "dưới"),
          ("dưới", "trên"), ("cao hơn", "thấp hơn"), ("tối thiểu", "tối đa")]


# ---------------------------------------------------------------- clean plans


def vary(plan: mc.Plan, rnd: random.Random, suite) -> None:
    """Provincial targets: about a third of the directional rows more ambitious than the
    national values they were copied from (both milestones moved by the same step)."""
    for r in plan.rows:
        if r.role != "indicator" or rnd.random() > 0.35:
            continue
        ind = suite.indicators[r.indicator]
        if ind.direction not in ("higher", "lower") or ind.universal or ind.type in ("count", "index"):
            continue
        if any(len(_NUMBER.findall(v)) > 1 for v in r.values):
            continue
        targets = [parse_target(v) for v in r.values]
        if any(t.kind not in ("exact", "approx", "lower", "upper", "none") for t in targets):
            continue
        lo, hi = ind.plausible or ind.bounds
        if ind.type in ("percent", "rate_per_year"):
            hi = min(hi, 100)
        step = rnd.choice([0.5, 1, 2, 2.5, 3, 5])
        new = []
        for v, t in zip(r.values, targets):
            if t.kind == "none":
                new.append(v)
                continue
            x = t.anchor + step if ind.direction == "higher" else t.anchor - step * (0.2 if t.anchor < 10 else 1)
            x = round(x, 1)
            if not (lo < x < hi) or x == t.anchor:
                break
            new.append(_NUMBER.sub(format_number(x), v, count=1))
        else:
            r.values = new


def restate(plan: mc.Plan, rnd: random.Random, suite) -> None:
    """The body restates about a fifth of the 2030 targets of percentage rows."""
    plan.narrative = []
    for r in plan.rows:
        if r.role != "indicator" or r.unit != "%" or rnd.random() > 0.2:
            continue
        ind = suite.indicators[r.indicator]
        t = parse_target(r.values[1])
        number = _NUMBER.search(r.values[1])
        if number is None or ind.universal:
            continue
        if t.kind == "exact" and ind.direction == "higher":
            plan.narrative.append((r.indicator, f"{ind.name.lower()} đạt {number.group(0)}%"))
        elif t.kind == "lower":
            plan.narrative.append((r.indicator, f"{ind.name.lower()} đạt trên {number.group(0)}%"))
        elif t.kind == "upper" and ind.direction == "lower":
            plan.narrative.append((r.indicator, f"{ind.name.lower()} dưới {number.group(0)}%"))


# ---------------------------------------------------------------- slips


def slip(kind: str, text: str, rnd: random.Random) -> str | None:
    """``text`` with one typing slip of ``kind``, or None when it cannot take one."""
    numbers = list(_NUMBER.finditer(text))
    if kind == "flipped comparator":
        low = text.strip()
        for a, b in _FLIPS:
            if low.lower().startswith(a):
                return b + low[len(a):]
        return None
    if len(numbers) != 1:
        return None
    m = numbers[0]
    token = m.group(0)
    digits = [i for i, c in enumerate(token) if c.isdigit()]
    if kind == "extra digit":
        at = rnd.choice(digits + [len(token)])
        new = token[:at] + rnd.choice("0123456789") + token[at:]
    elif kind == "decimal comma":
        if "," not in token:
            return None
        new = token.replace(",", "")
    elif kind == "swapped digits":
        pairs = [(a, b) for a, b in zip(digits, digits[1:]) if b == a + 1 and token[a] != token[b]]
        if not pairs:
            return None
        a, b = rnd.choice(pairs)
        new = token[:a] + token[b] + token[a] + token[b + 1:]
    elif kind == "mistyped digit":
        i = rnd.choice(digits)
        new = token[:i] + rnd.choice([d for d in "0123456789" if d != token[i]]) + token[i + 1:]
    else:
        return None
    if re.match(r"^0\d", new):
        return None
    return text[: m.start()] + new + text[m.end():]


def inject(plan: mc.Plan, kind: str, rnd: random.Random, used: set) -> list[dict]:
    """Inject one slip of ``kind``; the cells it changed, with their clean text."""
    rows = [r for r in plan.rows if r.role in ("indicator", "total") and id(r) not in used]
    rnd.shuffle(rows)
    for r in rows:
        if kind == "swapped milestones":
            a, b = (parse_target(v) for v in r.values)
            if a.numeric and b.numeric and not same_target(a, b) and a.kind == b.kind:
                used.add(id(r))
                clean = list(r.values)
                r.values = [clean[1], clean[0]]
                return [{"row": r, "year": y, "clean": c, "typed": t}
                        for y, c, t in zip((2025, 2030), clean, r.values)]
            continue
        years = [k for k, v in enumerate(r.values) if parse_target(v).numeric]
        if not years:
            continue
        k = rnd.choice(years)
        typed = slip(kind, r.values[k], rnd)
        if typed is None or same_target(parse_target(typed), parse_target(r.values[k])):
            continue
        used.add(id(r))
        clean = r.values[k]
        r.values[k] = typed
        return [{"row": r, "year": 2025 + 5 * k, "clean": clean, "typed": typed}]
    return []


def make_plans(out: Path, plans: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    suite = load_suite()
    out.mkdir(parents=True, exist_ok=True)
    cells: list[dict] = []
    for i in range(plans):
        plan = mc.build_plan(i, rnd, suite)
        vary(plan, rnd, suite)
        restate(plan, rnd, suite)
        used: set = set()
        injected = []
        for _ in range(rnd.randint(1, 3)):
            kind = rnd.choice(SLIPS)
            for c in inject(plan, kind, rnd, used):
                injected.append((kind, c))
        mc.WRITERS[plan.layout](plan, out / plan.name)
        for n, (kind, c) in enumerate(injected):
            row = c["row"]
            line = None if plan.layout == "docx" else row.value_lines[(c["year"] - 2025) // 5]
            cells.append({"file": plan.name, "slip": kind, "line": line, "row_label": row.label,
                          "year": c["year"], "clean": c["clean"], "typed": c["typed"]})
    return cells


# ---------------------------------------------------------------- scoring


def lint(folder: Path) -> dict:
    cmd = [sys.executable, "-m", "plancheck", "lint", str(folder), "--format", "json", "--fail-on", "never",
           "--lang", "en", "--no-config", "--jobs", "2"]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if p.returncode not in (0, 1):
        raise SystemExit(f"plancheck failed ({p.returncode}): {p.stderr.strip()}")
    return json.loads(p.stdout)


def _cell_key(file: str, year, line, row_label) -> tuple:
    return (file, year, ("line", line) if line is not None else ("row", row_label))


def score(cells: list[dict], report: dict) -> dict:
    at: dict[tuple, list[dict]] = {}
    for f in report["findings"]:
        key = _cell_key(Path(f["path"]).name, f["year"], f["line"], f["row_label"])
        at.setdefault(key, []).append(f)
    injected = {_cell_key(c["file"], c["year"], c["line"], c["row_label"]): c for c in cells}
    per_slip: dict[str, Counter] = {k: Counter() for k in SLIPS}
    wrong: list[dict] = []
    suggestions = right = 0
    for f in report["findings"]:
        if f["rule"] != "Y001":
            continue
        suggestions += 1
        c = injected.get(_cell_key(Path(f["path"]).name, f["year"], f["line"], f["row_label"]))
        if c is not None and c["slip"] != "swapped milestones" and same_target(
                parse_target(f["suggestion"]), parse_target(c["clean"])):
            right += 1
        else:
            wrong.append({"file": Path(f["path"]).name, "line": f["line"], "year": f["year"], "value": f["value"],
                          "suggestion": f["suggestion"], "clean": c["clean"] if c else f["value"],
                          "slip": c["slip"] if c else None})
    swaps_seen = set()
    for key, c in injected.items():
        found = at.get(key, [])
        rules = {f["rule"] for f in found}
        counts = per_slip[c["slip"]]
        if c["slip"] == "swapped milestones":
            row = (c["file"], c["row_label"], c["line"] if c["year"] == 2030 else None)
            if c["year"] == 2025:
                continue  # a swap is one defect, judged at its later cell
            if row in swaps_seen:
                continue
            swaps_seen.add(row)
            counts["defects"] += 1
            counts["flagged"] += bool(found)
            counts["P001"] += "P001" in rules
            counts["suggested"] += "Y001" in rules
            continue
        counts["defects"] += 1
        counts["flagged"] += bool(found)
        counts["suggested"] += "Y001" in rules
        counts["right"] += any(f["rule"] == "Y001" and same_target(parse_target(f["suggestion"]),
                                                                     parse_target(c["clean"])) for f in found)
        counts["Y002"] += "Y002" in rules
    return {"suggestions": suggestions, "right": right, "wrong": wrong, "per_slip": per_slip,
            "files": len(report["files"]), "unreadable": [f for f in report["files"] if f["status"] != "ok"]}


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def render(result: dict) -> str:
    from tabulate import tabulate

    per = result["per_slip"]
    typos = [k for k in SLIPS if k != "swapped milestones"]
    defects = sum(per[k]["defects"] for k in typos)
    suggested = sum(per[k]["suggested"] for k in typos)
    swaps = per["swapped milestones"]
    rows = [
        ["suggestions (Y001) that restore the clean value", _pct(result["right"], result["suggestions"]),
         f"{result['right']} of {result['suggestions']}", "100 %"],
        ["typing slips that get a suggestion", _pct(suggested, defects), f"{suggested} of {defects}", ""],
        ["swapped milestones reported as P001", _pct(swaps["P001"], swaps["defects"]),
         f"{swaps['P001']} of {swaps['defects']}", "100 %"],
        ["swapped milestones given a suggestion", str(swaps["suggested"]), "", "0"],
    ]
    out = [tabulate(rows, headers=["measure", "value", "detail", "goal"], tablefmt="github"), ""]
    table = []
    for k in SLIPS:
        c = per[k]
        if k == "swapped milestones":
            table.append([k, c["defects"], c["flagged"], c["suggested"], "-", "-", c["P001"]])
        else:
            table.append([k, c["defects"], c["flagged"], c["suggested"], c["right"], c["Y002"], "-"])
    out.append(tabulate(table, headers=["slip", "injected", "flagged", "suggested", "restored", "Y002", "P001"],
                        tablefmt="github"))
    if result["wrong"]:
        out += ["", "wrong suggestions:"]
        out += [f"  {w['file']}:{w['line']} {w['year']} {w['value']!r} -> {w['suggestion']!r} "
                f"(clean {w['clean']!r}, {w['slip'] or 'not injected'})" for w in result["wrong"]]
    if result["unreadable"]:
        out += ["", f"unreadable files: {len(result['unreadable'])}"]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="write the plans and the injection list here (kept)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "plans"
        cells = make_plans(folder, args.plans, args.seed)
        if args.keep:
            (folder.parent / f"{folder.name}.slips.json").write_text(
                json.dumps(cells, ensure_ascii=False, indent=1), encoding="utf-8")
        result = score(cells, lint(folder))
    print(f"{args.plans} plans, {len(cells)} injected cells (seed {args.seed})\n")
    print(render(result), end="")
    return 0 if not result["wrong"] else 1


if __name__ == "__main__":
    sys.exit(main())
