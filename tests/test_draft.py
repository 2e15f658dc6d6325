"""A suite drafted from the targets of a parent document (plancheck suite draft), checked with
plancheck suite check, and a plan linted against it."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from plancheck.cli import main


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


PARENT = """CHƯƠNG TRÌNH HÀNH ĐỘNG
Số: 45-CTr/TU
Hà Tĩnh, ngày 10 tháng 3 năm 2025
II. CHỈ TIÊU CỤ THỂ ĐẾN NĂM 2030
- Tỷ lệ hộ nghèo đa chiều giảm xuống dưới 2%.
- Tỷ lệ doanh nghiệp vừa và nhỏ ứng dụng công nghệ số đạt 60%.
- Có ít nhất 20 tập dữ liệu mở được công bố.
- Trên 95% dân số tham gia bảo hiểm y tế.
"""
PLAN = """KẾ HOẠCH
Số: 120/KH-UBND
Hà Tĩnh, ngày 20 tháng 5 năm 2025
II. MỤC TIÊU ĐẾN NĂM 2030
- Tỷ lệ doanh nghiệp vừa và nhỏ ứng dụng công nghệ số đạt 50%.
- Trên 90% dân số tham gia bảo hiểm y tế.
- Có ít nhất 25 tập dữ liệu mở được công bố.
"""


def test_a_drafted_suite_checks_a_plan_against_its_parent(tmp_path):
    parent, plan, out = tmp_path / "ctr.txt", tmp_path / "plan.txt", tmp_path / "draft.yaml"
    parent.write_text(PARENT, encoding="utf-8")
    plan.write_text(PLAN, encoding="utf-8")
    r = invoke("suite", "draft", parent, "-o", out, "--lang", "en")
    assert r.exit_code == 0, r.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["extends"] == "national" and data["reference"]["number"] == "45-CTr/TU"
    ids = {e["id"]: e for e in data["indicators"]}
    assert ids["health_insurance"]["override"] and ids["health_insurance"]["reference"][2030]["value"] == "> 95"
    own = [e for e in data["indicators"] if not e.get("override")]
    assert {e["type"] for e in own} >= {"percent", "count"} and all(e["review"] == ["direction", "type"] for e in own)
    poverty = next(e for e in own if "nghèo" in e["name"])
    assert poverty["direction"] == "lower"
    # the draft passes its own check, then the plan is checked against the parent's values
    r = invoke("suite", "check", out, "--format", "json")
    assert r.exit_code == 0, r.output
    r = invoke("lint", plan, "--suite", out, "--format", "json", "--lang", "en", "--fail-on", "never")
    findings = json.loads(r.output)["findings"]
    b001 = [f for f in findings if f["rule"] == "B001"]
    assert [(f["line"], f["value"]) for f in b001] == [(6, "Trên 90%")]
    assert "45-CTr/TU" in b001[0]["message"]


def test_the_seeds_programme_drafts_a_suite_that_agrees_with_compare(seeds, tmp_path):
    """The Tây Ninh plan against its party programme: the one target the plan sets below the
    programme's (primary enrolment 2030, > 99,5 against 99,7) is the one new finding, and it is
    among the differences compare reports between the two."""
    out = tmp_path / "tn.yaml"
    r = invoke("suite", "draft", seeds / "tay-ninh-party-programme.txt", "-o", out)
    assert r.exit_code == 0
    assert invoke("suite", "check", out).exit_code == 0
    plan = seeds / "tay-ninh-plan.txt"
    plain = json.loads(invoke("lint", plan, "--format", "json", "--fail-on", "never").output)["findings"]
    drafted = json.loads(invoke("lint", plan, "--suite", out, "--format", "json", "--fail-on", "never").output)
    key = lambda f: (f["rule"], f["line"], f["value"])  # noqa: E731
    new = sorted(set(map(key, drafted["findings"])) - set(map(key, plain)))
    assert new == [("B001", 381, "> 99,5")]
    compared = json.loads(invoke("compare", seeds / "tay-ninh-party-programme.txt", plan, "--format", "json").output)
    different = {(r["indicator"], r["year"]) for r in compared["discrepancies"] if r["status"] == "different"}
    assert ("primary_enrolment_age", 2030) in different
