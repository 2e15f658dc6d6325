"""Plans of other provinces that plancheck was not built around (tests/data/unseen/, written by a
helper acting as a new user, with planted defects and traps listed in DEFECTS.txt): every
finding is one judged true in expected.yaml - each planted defect found, nothing on the traps
(rows cut by page breaks and split tables, notes under a table, "Trong đó" rows, regions,
achieved figures, the clean baseline) - in Word, .doc, PDF, Excel, one-cell text, markdown,
prose and CSV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

UNSEEN = Path(__file__).parent / "data" / "unseen"
EXPECTED = yaml.safe_load((UNSEEN / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_unseen_plan_gives_exactly_the_judged_findings(name):
    from plancheck.engine import Options, run

    if name.endswith(".doc") and not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    report = run([str(UNSEEN / name)], Options(lang="en"))
    assert [f.status for f in report.files] == ["ok"], [f.error for f in report.files]
    got = sorted(([f.rule, f.row_label, f.year, f.value, f.suggestion] for f in report.findings), key=repr)
    want = sorted(EXPECTED[name], key=repr)
    assert got == want
