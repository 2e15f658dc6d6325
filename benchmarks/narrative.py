"""Targets stated in prose: recall and precision of plancheck's reading on a labelled corpus.

    python benchmarks/narrative.py [--docs 500] [--seed 0] [--show 10] [--json results.json]

Generates --docs documents with ``narrative_corpus.make_corpus`` (the same set of targets
stated in many phrasings, with achieved figures, dates, document numbers and counts as
distractors), reads each one as ``plancheck lint`` does (content sniffing, reader,
extraction), and counts a target as read right when its indicator, year, breakdown and
value (kind of bound and numbers) are all right. Targets: recall >= 95 %, precision >= 99 %,
no achieved figure read as a target.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from narrative_corpus import make_corpus, score  # noqa: E402


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=10, help="misses and false readings to list")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args(argv)

    from tabulate import tabulate

    from plancheck.catalogue import load_suite

    suite = load_suite()
    docs = make_corpus(args.docs, args.seed, suite)
    start = time.perf_counter()
    r = score(docs, suite)
    elapsed = time.perf_counter() - start
    rows = [
        ["documents", r["documents"], "", ""],
        ["targets stated", r["targets"], "", ""],
        ["achieved figures stated (distractors)", r["achieved"], "", ""],
        ["targets read", r["read"], "", ""],
        ["read right (indicator, year, value)", r["right"], "", ""],
        ["recall", f"{r['recall']:.2%}", ">= 95 %", "yes" if r["recall"] >= 0.95 else "NO"],
        ["precision", f"{r['precision']:.2%}", ">= 99 %", "yes" if r["precision"] >= 0.99 else "NO"],
        ["achieved figures read as targets", r["achieved_read"], "0", "yes" if r["achieved_read"] == 0 else "NO"],
        ["time per document", f"{elapsed / max(1, len(docs)) * 1000:.0f} ms", "", ""],
    ]
    print(tabulate(rows, headers=["measure", "value", "target", "met"], tablefmt="github"))
    misses = Counter(w[0] for _, w in r["misses"])
    false = Counter(g[0] for _, g in r["false"])
    if misses or false:
        print("\nby indicator (missed / read wrongly):")
        for iid in sorted(set(misses) | set(false), key=lambda i: -(misses[i] + false[i])):
            print(f"  {iid}: {misses[iid]} / {false[iid]}")
    for name, w in r["misses"][:args.show]:
        print(f"missed  {name}: {w}")
    for name, g in r["false"][:args.show]:
        print(f"wrong   {name}: {g}")
    out = {k: v for k, v in r.items() if k not in ("misses", "false")}
    out["seconds"] = round(elapsed, 2)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    res = main()
    sys.exit(0 if res["recall"] >= 0.95 and res["precision"] >= 0.99 and res["achieved_read"] == 0 else 1)
