"""Suites as documents (a reference, sources, extends, overrides), ``plancheck suite check``
with each problem planted in a copy of the national suite, ambiguous matches, and the
national suite's values against the evidence they cite."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plancheck.catalogue import load_suite, load_suites
from plancheck.errors import InputError
from plancheck.suitecheck import check
from plancheck.targets import parse_target

from .conftest import ROOT, lint

NATIONAL = ROOT / "plancheck" / "suites" / "national.yaml"
TEXT = NATIONAL.read_text(encoding="utf-8")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True)


def planted(tmp_path: Path, old: str, new: str, name: str = "suite.yaml") -> Path:
    """A copy of the national suite with ``old`` (which must occur once) replaced by ``new``."""
    assert TEXT.count(old) == 1, old
    p = tmp_path / name
    p.write_text(TEXT.replace(old, new).replace("suite: national", "suite: copy", 1), encoding="utf-8")
    return p


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def problems(path, kind=None):
    load_suite.cache_clear()
    return [p for p in check([str(path)]).problems if kind is None or p.kind == kind]


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- suite check on the shipped suite


def test_shipped_suite_passes_with_its_statistics():
    p = run_cli("suite", "check", "national", "--lang", "en")
    assert p.returncode == 0, p.stdout + p.stderr
    last = p.stdout.splitlines()[-1]
    assert re.search(r"national\.yaml: \d{3} indicators, \d+ reference values \(\d+ urban/rural\), \d+ years with "
                     r"no target \(\"-\"\), \d+ source documents; 0 errors, 0 warnings, \d+ notes$", last), last
    # every note is an indicator without a value for some milestone, and says why
    notes = [line for line in p.stdout.splitlines()[:-1]]
    assert notes and all(": info: indicator '" in n and "(note: " in n for n in notes), notes


def test_statistics_count_what_the_file_states(tmp_path):
    p = write(tmp_path, "small.yaml", """suite: small
reference: {title: Chương trình hành động thực hiện Nghị quyết 42-NQ/TW, number: 232-CTr/TU, date: 30/01/2024,
            issuer: Tỉnh ủy Tây Ninh}
sources:
  NQ42: {number: 42-NQ/TW, date: 24/11/2023, issuer: Ban Chấp hành Trung ương Đảng}
indicators:
  - id: beds
    section: health
    name: Số giường bệnh trên 10.000 dân
    type: per_10000
    direction: higher
    reference: {2025: "-", 2030: "32"}
  - id: water
    section: water
    name: Tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn
    type: percent
    direction: higher
    breakdowns: [urban_rural]
    reference:
      2025: "-"
      2030: {value: "90", source: NQ42}
      urban: {2025: "-", 2030: "100"}
      rural: {2025: "-", 2030: "80"}
""")
    load_suite.cache_clear()
    result = check([str(p)])
    assert result.problems == [] and not result.failed
    s = result.stats[0]
    assert (s.indicators, s.values, s.parts, s.no_target, s.sources) == (2, 4, 2, 4, 2)
    p2 = run_cli("suite", "check", p)
    assert p2.returncode == 0 and "2 chỉ tiêu, 4 giá trị tham chiếu" in p2.stdout


# ---------------------------------------------------------------- each problem, planted


def test_schema_error_names_file_line_and_column(tmp_path):
    p = planted(tmp_path, "    name: Tỷ lệ thất nghiệp chung\n    aliases: [tỷ lệ thất nghiệp]\n    type: percent",
                "    name: Tỷ lệ thất nghiệp chung\n    aliases: [tỷ lệ thất nghiệp]\n    type: percentage")
    got = problems(p)
    assert [(x.kind, x.severity) for x in got] == [("schema", "error")]
    assert (got[0].path, got[0].line, got[0].column) == (str(p), line_of(p, "type: percentage"), 11)
    out = run_cli("suite", "check", p, "--lang", "en")
    assert out.returncode == 1
    assert f"{p}:{got[0].line}:11: error: suite.indicators[1].type: 'percentage' is not one of" in out.stdout
    assert out.stdout.splitlines()[-1] == f"{p}: not loaded"


def test_later_milestone_less_ambitious_than_the_earlier(tmp_path):
    p = planted(tmp_path, '2030: {value: "< 3", source: NQ42, at: [TN2860:323, KH8839:186]}',
                '2030: {value: "< 5", source: NQ42, at: [TN2860:323, KH8839:186]}')
    got = problems(p, "direction")
    assert len(got) == 1 and got[0].severity == "warning" and got[0].indicator == "unemployment"
    assert got[0].line == line_of(p, '2030: {value: "< 5"')
    assert 'the 2030 value "< 5" is less ambitious than the 2025 value "< 3" (lower is better)' in got[0].en
    # and for a part of a total (the urban values of housing floor area)
    p = planted(tmp_path, '2030: {value: "32", at: [TN2860:425, KH8839:820]}',
                '2030: {value: "25", at: [TN2860:425, KH8839:820]}', "part.yaml")
    got = problems(p, "direction")
    assert len(got) == 1 and "2030 (urban)" in got[0].en and "2030 (thành thị)" in got[0].vi


def test_reference_bound_against_the_direction(tmp_path):
    p = planted(tmp_path, '2025: {value: "< 3", at: [TN2860:323, KH8839:185]}',
                '2025: {value: "> 3", at: [TN2860:323, KH8839:185]}')
    got = problems(p, "direction")
    assert any('"> 3" sets a lower bound, but lower is better' in x.en for x in got), got


def test_alias_colliding_with_another_indicators_name(tmp_path):
    p = planted(tmp_path, "aliases: [tỷ lệ thất nghiệp ở khu vực thành thị, thất nghiệp thành thị]",
                "aliases: [tỷ lệ thất nghiệp ở khu vực thành thị, thất nghiệp thành thị, Tỉ lệ thất nghiệp chung]")
    got = problems(p, "name-collision")
    assert len(got) == 1 and got[0].severity == "error"
    assert got[0].indicator in ("unemployment", "unemployment_urban")
    assert "once case, accents and spelling variants are folded" in got[0].en
    # the other indicator is named with its file and line
    other = "unemployment" if got[0].indicator == "unemployment_urban" else "unemployment_urban"
    assert f"'{other}' ({p}:" in got[0].en


def test_alias_within_the_matching_margin_of_another(tmp_path):
    name = ("Tỷ lệ người nghèo, người có công với cách mạng, đối tượng chính sách và người yếu thế thuộc diện người "
            "được trợ giúp pháp lý tiếp cận và được trợ giúp pháp lý khi có yêu cầu")
    p = planted(tmp_path, "aliases: [tỷ lệ thất nghiệp ở khu vực thành thị, thất nghiệp thành thị]",
                f'aliases: [tỷ lệ thất nghiệp ở khu vực thành thị, thất nghiệp thành thị, "{name} nay"]')
    got = problems(p, "name-too-close")
    assert len(got) == 1 and got[0].severity == "warning" and got[0].indicator == "unemployment_urban"
    assert "within the matching margin (2 points)" in got[0].en and "'legal_aid'" in got[0].en
    # the margin is the one lint uses: a row written between the two is ambiguous there
    load_suite.cache_clear()
    m = load_suite(str(p)).matcher.match(name + " na")
    assert m.indicator is None and m.ambiguous and {c for c, _ in m.candidates[:2]} == {"unemployment_urban",
                                                                                         "legal_aid"}
    # and so is a row written exactly as the alias: it scores 100, the other name more than 98
    exact = load_suite(str(p)).matcher.match(name + " nay")
    assert exact.indicator is None and exact.ambiguous


def test_range_that_excludes_a_reference_value(tmp_path):
    p = planted(tmp_path, "    direction: lower\n    plausible: [0, 50]\n    reference:\n      2025: {value: \"-\", "
                "at: [TN2860:405, KH8839:689]}",
                "    direction: lower\n    plausible: [50, 100]\n    reference:\n      2025: {value: \"-\", "
                "at: [TN2860:405, KH8839:689]}")
    got = problems(p, "range")
    assert len(got) == 1 and got[0].indicator == "stunting" and got[0].severity == "warning"
    assert 'plausible [50; 100] excludes the 2030 reference value "< 15"' in got[0].en
    p = planted(tmp_path, "    type: years\n    direction: higher\n    plausible: [60, 90]",
                "    type: years\n    direction: higher\n    bounds: [0, 70]", "bounds.yaml")
    got = problems(p, "range")
    assert {(x.indicator, x.severity) for x in got} == {("life_expectancy", "error")} and len(got) == 2


def test_reference_value_of_a_kind_no_form_takes(tmp_path):
    p = planted(tmp_path, '2030: {value: "95", at: [TN2860:404, KH8839:682]}',
                '2030: {value: "Hoàn thành", at: [TN2860:404, KH8839:682]}')
    got = problems(p, "value-kind")
    assert len(got) == 1 and got[0].severity == "error" and got[0].indicator == "immunization"


def test_year_with_no_value(tmp_path):
    p = planted(tmp_path, '      2025: {value: "< 60", at: [TN2860:325, KH8839:201]}\n', "")
    got = [x for x in problems(p, "missing-year") if x.indicator == "informal_employment"]
    assert len(got) == 1 and got[0].severity == "info"
    assert "no reference value for 2025" in got[0].en and got[0].line == line_of(p, "id: informal_employment")
    # a note is no error: the suite still passes
    load_suite.cache_clear()
    assert not check([str(p)]).failed


def test_value_for_a_year_that_is_no_milestone(tmp_path):
    p = planted(tmp_path, '      2025: {value: "< 60", at: [TN2860:325, KH8839:201]}\n',
                '      2025: {value: "< 60", at: [TN2860:325, KH8839:201]}\n      2027: "< 50"\n')
    got = problems(p, "not-a-milestone")
    assert len(got) == 1 and got[0].severity == "warning" and "2027" in got[0].en


def test_a_drafted_suite_can_be_written_and_says_what_to_review(tmp_path):
    """What ``suite draft`` writes (issue 23, item 4): names and aliases as written, unit, type, values per
    year, the direction inferred and marked for review, the parent's number and date as the source."""
    p = write(tmp_path, "draft.yaml", """suite: draft-232
reference: {number: 232-CTr/TU, date: 30/01/2024, issuer: Tỉnh ủy Tây Ninh}
indicators:
  - id: giuong_benh
    section: y_te
    name: giường bệnh viện trên 10.000 dân
    aliases: [giường bệnh]
    type: per_10000
    unit: giường
    direction: higher
    review: [direction]
    reference: {2030: {value: "32", at: [36]}}
""")
    got = problems(p)
    assert [(x.kind, x.severity) for x in got] == [("review", "info"), ("missing-year", "info")]
    assert "marked for review: direction" in got[0].en
    load_suite.cache_clear()
    assert load_suite(str(p)).indicators["giuong_benh"].national[2030].document.label() == \
        "Chương trình hành động 232-CTr/TU"


def test_source_declared_and_never_cited(tmp_path):
    p = planted(tmp_path, "sections:\n", "  UNUSED: {number: 1/QĐ-TTg, date: 01/01/2024, issuer: Thủ tướng}\n"
                                         "sections:\n")
    got = problems(p, "unused-source")
    assert len(got) == 1 and "'UNUSED'" in got[0].en and got[0].severity == "info"


# ---------------------------------------------------------------- several suites


MINE = """suite: {name}
reference: {{title: Chương trình hành động thực hiện Nghị quyết 42-NQ/TW, number: 232-CTr/TU, date: 30/01/2024,
            issuer: Tỉnh ủy Tây Ninh}}
{extends}indicators:
  - id: {iid}
{body}"""
FULL = """    section: health
    name: Số giường bệnh trên 10.000 dân
    type: per_10000
    direction: higher
    reference: {2025: "-", 2030: "32"}
"""


def test_two_suites_defining_one_id_is_an_error_naming_both(tmp_path):
    a = write(tmp_path, "a.yaml", MINE.format(name="a", extends="", iid="beds", body=FULL))
    b = write(tmp_path, "b.yaml", MINE.format(name="b", extends="", iid="beds", body=FULL))
    load_suite.cache_clear()
    with pytest.raises(InputError) as exc:
        load_suites((str(a), str(b)))
    assert f"{b}:5: indicator 'beds' is already defined in {a}:5" in exc.value.en
    assert "override: true" in exc.value.en
    result = check([str(a), str(b)])
    assert result.failed and any(f"already defined in {a}:5" in x.en for x in result.problems)
    p = run_cli("lint", ROOT / "sample_data" / "clean-province-2025.csv", "--suite", a, "--suite", b)
    assert p.returncode == 2 and f"{b}:5" in p.stderr and f"{a}:5" in p.stderr


def test_extends_without_override_is_an_error_naming_both_files(tmp_path):
    body = FULL.replace("Số giường bệnh trên 10.000 dân", "Số giường bệnh")
    child = write(tmp_path, "child.yaml", MINE.format(name="child", extends="extends: national\n",
                                                      iid="hospital_beds", body=body))
    got = problems(child)
    assert [x.kind for x in got] == ["schema"]
    assert f"indicator 'hospital_beds' is already defined in {NATIONAL}:{line_of(NATIONAL, 'id: hospital_beds')}" \
        in got[0].en and got[0].path == str(child) and got[0].line == 6


OVERRIDE = """suite: tay-ninh
title: Chương trình hành động 232-CTr/TU của Tỉnh ủy Tây Ninh
extends: national
reference:
  title: Chương trình hành động thực hiện Nghị quyết số 42-NQ/TW
  number: 232-CTr/TU
  date: 30/01/2024
  issuer: Tỉnh ủy Tây Ninh
indicators:
  - id: doctors
    override: true
    aliases: [bác sĩ trên 10.000 dân của tỉnh]
    reference:
      2030: {value: "11", at: [CTR232:36]}
  - id: hospital_beds
    override: true
    reference:
      2025: "-"
sources:
  CTR232: {number: 232-CTr/TU, date: 30/01/2024, issuer: Tỉnh ủy Tây Ninh}
"""


def test_override_replaces_values_and_findings_name_the_reference(tmp_path):
    child = write(tmp_path, "tay-ninh.yaml", OVERRIDE)
    load_suite.cache_clear()
    s = load_suite(str(child))
    doctors = s.indicators["doctors"]
    assert doctors.national[2030].raw == "11" and doctors.national[2030].document.number == "232-CTr/TU"
    assert doctors.national[2025].raw == "10"  # the year it does not override stays the national one
    assert "bác sĩ trên 10.000 dân của tỉnh" in doctors.aliases and "Số bác sỹ" in doctors.aliases  # added
    assert 2025 not in s.indicators["hospital_beds"].national  # "-": no target that year
    assert s.indicators["hospital_beds"].national[2030].raw == "35"
    assert check([str(child)]).problems == []
    plan = write(tmp_path, "plan.csv", "indicator,name,unit,2025,2030\ndoctors,Số bác sĩ,người,10,9\n"
                                       "hospital_beds,Số giường bệnh,Giường,20,30\n")
    vi = [f for f in lint([plan], suites=(str(child),)).findings if f.rule == "B001"]
    assert [(f.indicator, f.year) for f in vi] == [("doctors", 2030), ("hospital_beds", 2030)]
    assert 'thấp hơn mục tiêu năm 2030 "11" của Chương trình hành động 232-CTr/TU' in vi[0].message
    assert 'thấp hơn mục tiêu năm 2030 "35" của Nghị quyết 68/NQ-CP' in vi[1].message
    en = [f for f in lint([plan], suites=(str(child),), lang="en").findings if f.rule == "B001"]
    assert 'less ambitious than the 2030 target "11" of Action Programme 232-CTr/TU' in en[0].message
    # both suites together: the later override wins, explicitly
    merged = load_suites(("national", str(child)))
    assert merged.indicators["doctors"].national[2030].raw == "11"
    assert load_suites((str(child), "national")).indicators["doctors"].national[2030].raw == "11"


def test_override_of_an_id_nobody_defines(tmp_path):
    p = write(tmp_path, "x.yaml", OVERRIDE.replace("id: doctors", "id: doctorz"))
    got = problems(p)
    assert got[0].kind == "schema" and "'doctorz' has 'override: true'" in got[0].en
    lone = write(tmp_path, "lone.yaml", OVERRIDE.replace("extends: national\n", ""))
    got = problems(lone)
    assert "extends no suite that defines it" in got[0].en and got[0].line == 9  # (one line less)


def test_extends_cycle_and_missing_parent(tmp_path):
    write(tmp_path, "one.yaml", MINE.format(name="one", extends="extends: two.yaml\n", iid="a", body=FULL))
    write(tmp_path, "two.yaml", MINE.format(name="two", extends="extends: one.yaml\n", iid="b", body=FULL))
    got = problems(tmp_path / "one.yaml")
    assert "extend each other in a cycle" in got[0].en
    write(tmp_path, "orphan.yaml", MINE.format(name="orphan", extends="extends: gone.yaml\n", iid="a", body=FULL))
    got = problems(tmp_path / "orphan.yaml")
    assert got[0].line == 4 and "extends 'gone.yaml': file not found" in got[0].en


def test_national_key_and_string_sources_still_accepted(tmp_path):
    p = write(tmp_path, "old.yaml", """suite: old
sources: {NQ42: Nghị quyết 42-NQ/TW}
indicators:
  - id: unemployment
    section: labour
    name: Tỷ lệ thất nghiệp chung
    type: percent
    direction: lower
    national: {2030: {value: "< 3", source: NQ42}}
""")
    load_suite.cache_clear()
    v = load_suite(str(p)).indicators["unemployment"].national[2030]
    assert v.raw == "< 3" and v.document.label() == "Nghị quyết 42-NQ/TW"
    plan = write(tmp_path, "plan.csv", "indicator,name,unit,2025,2030\nunemployment,Tỷ lệ thất nghiệp chung,%,< 3,< 4\n")
    got = [f for f in lint([plan], suites=(str(p),)).findings if f.rule == "B001"]
    assert got and "của Nghị quyết 42-NQ/TW" in got[0].message


def test_a_value_without_source_needs_a_reference_document(tmp_path):
    p = write(tmp_path, "bare.yaml", "suite: bare\nindicators:\n  - id: a\n    section: s\n    name: A\n"
                                     "    type: percent\n    direction: higher\n    reference: {2030: \"50\"}\n")
    got = problems(p)
    assert got[0].line == 8 and "names no source, and the suite declares no 'reference'" in got[0].en


def test_undeclared_citation_is_an_error(tmp_path):
    p = planted(tmp_path, '2025: {value: "< 3", at: [TN2860:323, KH8839:185]}',
                '2025: {value: "< 3", at: [TN2860:323, XX:185]}')
    got = problems(p)
    assert got[0].kind == "schema" and "'at: XX:185' cites an undeclared source" in got[0].en


def test_suite_check_json(tmp_path):
    p = planted(tmp_path, '2030: {value: "< 3", source: NQ42, at: [TN2860:323, KH8839:186]}',
                '2030: {value: "< 5", source: NQ42, at: [TN2860:323, KH8839:186]}')
    out = run_cli("suite", "check", p, "--format", "json", "--lang", "en")
    data = json.loads(out.stdout)
    assert out.returncode == 1 and data["failed"]
    assert [x["kind"] for x in data["problems"] if x["severity"] != "info"] == ["direction"]
    assert data["files"][0]["indicators"] >= 100 and data["files"][0]["warning"] == 1


# ---------------------------------------------------------------- matching: ambiguity at lint time


def test_a_row_two_indicators_claim_is_ambiguous_with_both_candidates(tmp_path):
    plan = write(tmp_path, "plan.csv", "indicator,name,unit,2025,2030\n"
                                       ",Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng,%,-,< 15\n"
                                       ",Tỷ lệ hoàn thành cấp trung học,%,-,97\n")
    found = lint([plan], lang="en").findings
    x4 = [f for f in found if f.rule == "X004"]
    assert [f.line for f in x4] == [2, 3] and not [f for f in found if f.rule == "X001"]
    assert '"Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi" (97% similar)' in x4[0].message
    assert '"Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân" (97% similar)' in x4[0].message
    assert x4[0].severity == "info" and all(f.indicator is None for f in x4)


@pytest.mark.parametrize("name,expected", [
    ("Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân", "underweight"),
    ("Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi", "stunting"),
    ("Tỷ lệ trường mầm non đạt chuẩn quốc gia", "preschool_national_standard"),
    ("Tỷ lệ trường tiểu học đạt chuẩn quốc gia", "primary_school_national_standard"),
    ("Tỷ lệ trường học đạt chuẩn quốc gia", "school_national_standard"),
    ("Tỷ lệ tỉnh, thành phố đạt chuẩn xóa mù chữ mức độ 2", "literacy_level2"),
    ("Tỷ lệ huyện, thị xã, thành phố đạt chuẩn xóa mù chữ mức độ 2", "literacy_level2_districts"),
])
def test_near_names_are_told_apart(name, expected):
    assert load_suite().matcher.match(name).indicator == expected


# ---------------------------------------------------------------- the national suite's values


def test_values_the_issue_corrects():
    s = load_suite().indicators
    lit = s["literacy_level2"]
    assert (lit.national[2025].raw, lit.national[2030].raw, lit.universal) == ("70", "> 90", False)
    assert s["stunting"].national[2030].raw == "< 15"
    assert s["housing_floor_area"].national[2030].raw == "khoảng 30"
    assert s["housing_floor_area"].national[2030].document.number == "2161/QĐ-TTg"
    assert s["legal_aid"].national[2030].raw == "100"
    assert (s["clean_water"].value(2030, "urban").raw, s["clean_water"].value(2030, "rural").raw) == ("100", "80")
    assert s["replacement_fertility"].direction == "none"
    assert s["doctors"].national[2025].raw == "10"
    assert s["preschool_two_sessions"].national[2025].raw == "99,5"
    assert s["lower_secondary_enrolment_age"].national[2030].raw == "> 95"
    assert s["upper_secondary_enrolment_age"].national[2030].raw == "> 75"
    assert s["unemployment_urban"].national[2025].raw == "< 4"


def test_rank_statements_are_an_hdi_target(tmp_path):
    plan = write(tmp_path, "plan.csv", "indicator,name,unit,2025,2030\n"
                                       "hdi,Chỉ số HDI,,Trong nhóm từ 25-30 các tỉnh,Thuộc nhóm có chỉ số HDI cao\n")
    assert [f.rule for f in lint([plan]).findings] == []


def test_replacement_fertility_wording_ranks_nothing(tmp_path):
    plan = write(tmp_path, "plan.csv", "indicator,name,unit,2025,2030\n"
                                       "replacement_fertility,Mức sinh thay thế,Mức độ,-,Duy trì\n")
    assert [f.rule for f in lint([plan]).findings] == []


def test_a_part_is_compared_with_its_own_reference_value(tmp_path):
    plan = write(tmp_path, "plan.txt", "Số: 12/KH-UBND\nHà Giang, ngày 12 tháng 8 năm 2024\nKẾ HOẠCH\n\n"
                 "TT\tChỉ tiêu\tĐơn vị\tĐến năm 2025\tĐến năm 2030\n"
                 "1\tTỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn\t\t\t\n"
                 "\tThành thị\t%\t-\t95\n\tNông thôn\t%\t-\t80\n")
    got = [f for f in lint([plan], lang="en").findings if f.rule.startswith("B")]
    assert [(f.rule, f.line, f.value) for f in got] == [("B001", 7, "95")]
    assert got[0].message == 'Target "95" is less ambitious than the 2030 target "100" of Resolution 68/NQ-CP'


# the seeds each citation points into (``file`` of the source), and what a line must hold
def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.sub(r"</?[a-z]+>", "", line).split("\t") if c.strip()]


def _same(a, b) -> bool:
    return (a.kind, a.lo, a.hi, a.level) == (b.kind, b.lo, b.hi, b.level)


def test_every_national_value_cites_a_document_and_the_cited_lines_hold_it(seeds):
    suite = load_suite()
    files = {key: (seeds / Path(src.file).name).read_text(encoding="utf-8").splitlines()
             for key, src in suite.sources.items() if src.file}
    checked = 0
    for ind in suite.indicators.values():
        for (part, year), v in ind.declared.items():
            doc = v.document
            assert doc is not None and doc.date and doc.issuer and (doc.number or doc.name), (ind.id, year)
            if v.document is suite.reference:  # the annex's own value: it must say where it was read
                assert v.at, (ind.id, part, year)
            for cited in v.at:
                key, line = cited.split(":")
                text = files[key][int(line) - 1]
                want = parse_target(v.raw)
                cells = _cells(text)
                held = any(_same(parse_target(c), want) for c in cells) or (
                    want.kind == "level" and any(_same(parse_target(c.replace("Tiêu", "Tiểu")), want) for c in cells))
                if not held:  # a sentence of a programme or of a plan's body: its numbers are the value's
                    numbers = re.findall(r"\d+(?:,\d+)?", v.raw)
                    held = bool(numbers) and all(re.search(rf"(?<![\d,]){n}(?:,0+)?(?![\d,])", text) for n in numbers)
                assert held, (ind.id, part, year, v.raw, cited, text[:120])
                checked += 1
    assert checked > 250


# ---------------------------------------------------------------- the guide's worked example runs


@pytest.mark.parametrize("doc", ["docs/suites.md", "docs/vi/suites.md"])
def test_the_guides_worked_example_prints_what_it_shows(doc):
    import shlex

    text = (ROOT / doc).read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ plancheck (.*?)\n(.*?)\n```", text, re.S)
    assert len(blocks) == 4
    for args, shown in blocks:
        p = subprocess.run([sys.executable, "-m", "plancheck", *shlex.split(args)], capture_output=True, text=True,
                           cwd=ROOT, env={**os.environ, "COLUMNS": "120"})  # (the text table fits the width)
        assert p.returncode in (0, 1), p.stderr
        # (a line of the national suite may move; what is on it may not)
        got = re.sub(r"national\.yaml:\d+", "national.yaml:N", p.stdout.rstrip("\n"))
        assert got == re.sub(r"national\.yaml:\d+", "national.yaml:N", shown), args
