"""Reading the targets of plans on any subject, and finding where a plan contradicts itself.

    python benchmarks/statements.py [--docs 200] [--seed 11]

Generates plans (``benchmarks/statements_corpus.py``) in three formats (text, a portal's
hard-wrapped markdown, Word), reads each with plancheck and reports:

* reading recall: the stated targets read with their subject, year and value;
* reading precision: the targets read that were stated (an achieved figure, a scoring band, a
  time limit or a quoted title read as a target counts against it);
* consistency: on the clean plans, every C002 finding is a false alarm; with one target restated
  with another value, the plans where exactly that C002 is found.

Exit status 1 when recall or precision is below 98 %, or a consistency finding is false.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from statements_corpus import FORMATS, inject_contradiction, make_document, matches, read, render  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    rnd = random.Random(args.seed)
    stated = found = read_total = read_right = 0
    false_c002 = injected = caught = 0
    misses: list[str] = []
    extras: list[str] = []
    for _ in range(args.docs):
        doc = make_document(rnd)
        fmt = FORMATS[_ % len(FORMATS)]
        parsed, report = read(*render(doc, fmt))
        targets = parsed.targets if parsed is not None else []
        stated += len(doc.truths)
        for t in doc.truths:
            if any(matches(t, x) for x in targets):
                found += 1
            elif len(misses) < 8:
                misses.append(f"{fmt}: {t.subject} {t.value}")
        read_total += len(targets)
        for x in targets:
            if any(matches(t, x) for t in doc.truths):
                read_right += 1
            elif len(extras) < 8:
                extras.append(f"{fmt}: {x.subject!r} [{x.value_text}] {x.year}")
        false_c002 += sum(1 for f in report.findings if f.rule == "C002")
        truth = inject_contradiction(doc, rnd)
        if truth is not None:
            injected += 1
            _, broken = read(*render(doc, fmt))
            c002 = [f for f in broken.findings if f.rule == "C002"]
            if len(c002) == 1 and c002[0].location.describe("en") != "":
                caught += 1
    recall = found / stated if stated else 1.0
    precision = read_right / read_total if read_total else 1.0
    rows = [("reading recall", f"{recall:.1%}", f"{found} of {stated} stated targets", ">= 98 %"),
            ("reading precision", f"{precision:.1%}", f"{read_right} of {read_total} targets read", ">= 98 %"),
            ("C002 on clean plans (false alarms)", str(false_c002), f"{args.docs} plans", "0"),
            ("C002 on one restated target", f"{caught} of {injected}", "exactly one finding", "all")]
    print(f"{args.docs} plans on other subjects, in {', '.join(FORMATS)} (seed {args.seed})\n")
    w = max(len(r[0]) for r in rows)
    for name, value, detail, goal in rows:
        print(f"{name.ljust(w)}  {value:>10}  {detail:<32}  goal {goal}")
    if misses:
        print("\nmissed, for example:\n  " + "\n  ".join(misses))
    if extras:
        print("\nread but not stated, for example:\n  " + "\n  ".join(extras))
    ok = recall >= 0.98 and precision >= 0.98 and false_c002 == 0 and caught == injected
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
