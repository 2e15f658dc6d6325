"""Every rule has a failing and a passing case, run through the real engine."""

from pathlib import Path

import pytest
import yaml

from plancheck.rules import registry

from .conftest import lint

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8"))["cases"]
CSV_HEADER = "indicator,name,unit,2025,2030\n"


def _write(tmp_path: Path, case: dict) -> Path:
    if "csv" in case:
        body = case["csv"]
        if case.get("quote"):
            parts = body.split(",")
            body = ",".join(parts[:4]) + ',"' + ",".join(parts[4:]) + '"'
        p = tmp_path / "plan.csv"
        p.write_text(CSV_HEADER + body + "\n", encoding="utf-8")
    else:
        p = tmp_path / "plan.txt"
        p.write_text(case["text"], encoding="utf-8")
    return p


def test_every_rule_has_cases():
    assert set(CASES) == set(registry()), set(registry()) ^ set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fails(code, tmp_path):
    case = CASES[code]["fail"]
    report = lint([_write(tmp_path, case)])
    assert all(f.status == "ok" for f in report.files), report.files
    hits = [f for f in report.findings if f.rule == code]
    assert hits, f"{code} not reported; got {[(f.rule, f.line, f.value) for f in report.findings]}"
    if "line" in case:
        assert case["line"] in [f.line for f in hits]
    if "suggestion" in case:
        assert case["suggestion"] in [f.suggestion for f in hits]
    for f in hits:
        assert f.message and "{" not in f.message


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes(code, tmp_path):
    report = lint([_write(tmp_path, CASES[code]["pass"])])
    assert all(f.status == "ok" for f in report.files), report.files
    assert not [f for f in report.findings if f.rule == code], [(f.rule, f.line, f.message) for f in report.findings]
