"""Write a sample of the layout corpus to look at.

    python -m tests.layouts OUT_DIR [--count N] [--seed S]

Writes N rendered plans into OUT_DIR (by default one per named layout, with the sample specs in
turn: each numbering style, clean and with every defect) and, beside the folder (so that linting
OUT_DIR lints only the plans), OUT_DIR.expected.json: for each file, its layout and features and
the rows, sections, metadata and findings a correct reader must give.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from . import sample
from .render import render
from .spec import expected_rows


def expected_file(out: Path) -> Path:
    return out.parent / f"{out.name}.expected.json"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.layouts", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the files into")
    ap.add_argument("--count", type=int, default=None, help="how many files (default: one per named layout)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the table values")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    index = {}
    for file_name, layout_name, spec, layout in sample(args.count, args.seed):
        _, data = render(spec, layout)
        (args.out / file_name).write_bytes(data)
        layout_data = asdict(layout)
        index[file_name] = {"layout": layout_name, "features": sorted(layout.features()),
                            "layout_fields": layout_data, "numbering": spec.numbering,
                            **expected_rows(spec).as_dict()}
    target = expected_file(args.out)
    target.write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(index)} files -> {args.out}; expected rows -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
