"""Detection quality on a generated corpus: recall per injected category, false alarms.

An injected defect is detected when a finding of one of its ``detected_by`` categories is
at its place: the same line (text layouts, CSV), or for Word documents the same row number
(or indicator), or for file-level defects (metadata) anywhere in the file. Every finding
not matched to an injection is a false alarm, counted by severity.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path


def score(injections: list[dict], report: dict) -> dict:
    by_file = defaultdict(list)
    for f in report["findings"]:
        by_file[Path(f["path"]).name].append(f)
    hits, totals, explained = Counter(), Counter(), set()
    misses = []
    for inj in injections:
        totals[inj["category"]] += 1
        found = [f for f in by_file[inj["file"]] if f["category"] in inj["detected_by"] and _at(f, inj)]
        if found:
            hits[inj["category"]] += 1
            explained.update(id(f) for f in found)
        else:
            misses.append(inj)
    false = [f for f in report["findings"] if id(f) not in explained]
    return {
        "recall": {c: (hits[c], totals[c]) for c in sorted(totals)},
        "false_alarms": dict(Counter(f["severity"] for f in false)),
        "false_alarm_list": false,
        "misses": misses,
        "unreadable": [f for f in report["files"] if f["status"] != "ok"],
    }


def _at(f: dict, inj: dict) -> bool:
    if inj["category"] == "structure":
        return f["value"] == inj["row_label"] and (inj["line"] is None or f["line"] == inj["line"])
    if inj["line"] is not None:
        return f["line"] == inj["line"]
    if inj["row_label"]:
        return f["row_label"] == inj["row_label"] or (inj["indicator"] and f["indicator"] == inj["indicator"])
    return True


def load(corpus: Path, report_path: Path) -> dict:
    from make_corpus import injection_file

    return score(json.loads(injection_file(corpus).read_text(encoding="utf-8")),
                 json.loads(report_path.read_text(encoding="utf-8")))
