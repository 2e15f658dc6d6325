"""The reading stage on random tables in random layouts: the share read exactly, per format.

    python benchmarks/layouts.py [--tables 200] [--formats tsv,md,one-cell,docx,xlsx] [--seed 0] [--misses DIR]

Draws random indicator tables (tests/layouts: any subset and order of the national suite's
indicators, any numbering style, breakdowns, sub-rows, group headers, known defects) and random
layouts of each format (header rows, target groups, year titles, actual-value, source, note and
agency columns, column numbers, page breaks with or without the header repeated, broken rows,
empty cells kept or dropped), and reports for each format:

* rows: the share of tables whose rows (numbering, name, unit, target per year) are read exactly;
* findings: the share of tables whose findings (rule, indicator, year) are those of the same
  table as a plain tab-separated grid.

tests/test_layouts.py runs 40 fixed draws of the same generator in CI; this is the wider run.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=200, help="random tables per format")
    parser.add_argument("--formats", default="tsv,md,one-cell,docx,xlsx")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--misses", type=Path, help="a folder to write each table not read exactly to")
    args = parser.parse_args(argv)

    from hypothesis import HealthCheck, Phase, given, seed, settings
    from tabulate import tabulate

    from plancheck.engine import Options, run_inputs
    from tests.layouts import Layout, expected_rows, layouts, render, table_specs
    from tests.test_layouts import read_rows

    plain = Layout("tsv")
    results = []
    for fmt in args.formats.split(","):
        counts = {"tables": 0, "rows": 0, "findings": 0}

        @seed(args.seed)
        @settings(max_examples=args.tables, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(table_specs(max_indicators=20), layouts((fmt,)))
        def draw(spec, layout):
            name, data = render(spec, layout)
            counts["tables"] += 1
            exact = read_rows(name, data) == [r.key() for r in expected_rows(spec).rows]
            counts["rows"] += exact
            if not exact and args.misses:
                args.misses.mkdir(parents=True, exist_ok=True)
                (args.misses / f"{counts['tables']:04d}-{name}").write_bytes(data)
            ours = run_inputs([(name, data)], Options(lang="en")).findings
            ref_name, ref_data = render(spec, plain)
            ref = run_inputs([(ref_name, ref_data)], Options(lang="en")).findings
            counts["findings"] += {(f.rule, f.indicator, f.year) for f in ours} == {
                (f.rule, f.indicator, f.year) for f in ref}

        random.seed(args.seed)
        draw()
        n = counts["tables"]
        results.append([fmt, n, f"{100 * counts['rows'] / n:.1f}%", f"{100 * counts['findings'] / n:.1f}%"])
    print(tabulate(results, headers=["format", "tables", "rows read exactly", "findings as the plain grid's"],
                   tablefmt="github"))
    return {r[0]: {"tables": r[1], "rows": r[2], "findings": r[3]} for r in results}


if __name__ == "__main__":
    main()
