"""The correction policy: a suggested correction (Y001) only with evidence independent of the
cell; several readings and no evidence give no suggestion; swapped milestones are P001."""

import importlib.util
import random
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from plancheck.checks.typo import digit_variants

from .conftest import ROOT, lint

CSV_HEADER = "indicator,name,unit,2025,2030\n"


def _csv(tmp_path: Path, *rows: str) -> list:
    p = tmp_path / "plan.csv"
    p.write_text(CSV_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return [(f.rule, f.year, f.value, f.suggestion, f.message) for f in lint([p], lang="en").findings]


def _text(tmp_path: Path, text: str) -> list:
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    return [(f.rule, f.year, f.value, f.suggestion, f.message) for f in lint([p], lang="en").findings]


def test_extra_digit_with_several_readings_gets_no_suggestion(tmp_path):
    # 60 typed as 160: 60 (an extra 1) is as plausible as 100 (a mistyped 6); nothing decides
    got = _csv(tmp_path, "kindergarten_enrolment,Tỷ lệ huy động trẻ em mẫu giáo,%,160,-")
    assert not [g for g in got if g[0] == "Y001"], got
    y002 = [g for g in got if g[0] == "Y002"]
    assert y002 and '"60"' in y002[0][4] and '"100"' in y002[0][4] and y002[0][3] is None
    assert not [g for g in got if g[0] == "R001"]  # Y002 says it, with the readings


def test_extra_digit_on_a_row_with_a_national_value_gets_no_suggestion(tmp_path):
    # the national 2025 value is 60, but 1,6, 10 and 16 are readings as good as 60
    got = _csv(tmp_path, "preschool_national_standard,Tỷ lệ trường mầm non đạt chuẩn quốc gia,%,160,> 60")
    assert not [g for g in got if g[0] == "Y001"], got
    assert [g for g in got if g[0] == "Y002" and '"60"' in g[4] and '"16"' in g[4]]


def test_national_value_cannot_choose_between_readings(tmp_path):
    # 75,5 typed without its comma: "75" (an extra 5) matches the national 75, but so does the
    # province's own, more ambitious 75,5; a suggestion of 75 would be wrong
    got = _csv(tmp_path, "life_expectancy,Tuổi thọ trung bình,Tuổi,755,76")
    assert not [g for g in got if g[0] == "Y001"], got


def test_single_reading_matching_the_national_value_is_suggested(tmp_path):
    got = _csv(tmp_path, "life_expectancy,Tuổi thọ trung bình,Tuổi,\"7,45\",75")
    y001 = [g for g in got if g[0] == "Y001"]
    assert y001 and y001[0][3] == "74,5" and 'the 2025 target of Resolution of the 13th Party Congress is "74,5"' in y001[0][4]


def test_swapped_milestones_are_a_regression_never_a_typo(tmp_path):
    # 2025 and 2030 exchanged (90 then 80): the 2025 value is no evidence that "80" meant "90"
    got = _csv(tmp_path, "creche_enrolment,Tỷ lệ huy động trẻ em nhà trẻ,%,90,80")
    assert [g for g in got if g[0] == "P001" and g[1] == 2030 and g[2] == "80"], got
    assert not [g for g in got if g[0] in ("Y001", "Y002")], got


def test_swapped_milestones_with_a_matching_national_value_stay_a_regression(tmp_path):
    # national 2030 is 60: "50" -> "60" would match it, but "60" is also the 2025 value
    got = _csv(tmp_path, "social_insurance,Tỷ lệ LLLĐ trong độ tuổi tham gia BHXH,%,60,50")
    assert [g for g in got if g[0] == "P001"], got
    assert not [g for g in got if g[0] in ("Y001", "Y002")], got


def test_flipped_comparator_against_direction_is_corrected(tmp_path):
    got = _csv(tmp_path, "stunting,Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi,%,< 18,> 15")
    y001 = [g for g in got if g[0] == "Y001"]
    assert y001 and y001[0][3] == "< 15" and "lower-is-better" in y001[0][4]
    assert not [g for g in got if g[0] == "D001"]  # replaced by the correction that explains it


PLAN = """Số: 12/KH-UBND
Hà Giang, ngày 12 tháng 8 năm 2024
KẾ HOẠCH
II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030
- Tỷ lệ thất nghiệp chung {body}.
III. PHỤ LỤC
TT	Chỉ tiêu	Đơn vị	Đến năm 2025	Đến năm 2030
1	Tỷ lệ thất nghiệp chung	%	< 3	{cell}
2	Tỷ lệ đi học đúng tuổi cấp trung học cơ sở	%	95	> 975
"""


def test_body_statement_chooses_between_readings(tmp_path):
    text = PLAN.format(body="dưới 3%", cell="< 3").replace(
        "- Tỷ lệ thất nghiệp chung dưới 3%.", "- Tỷ lệ đi học đúng tuổi cấp trung học cơ sở tối thiểu đạt 97,5%.")
    got = _text(tmp_path, text)
    y001 = [g for g in got if g[0] == "Y001"]
    assert y001 and y001[0][3] == "> 97,5" and "line 5" in y001[0][4], got


def test_body_statement_that_disagrees_rules_the_reading_out(tmp_path):
    # the body says below 2,5 %: the flipped "< 3" is not what the plan states either
    got = _text(tmp_path, PLAN.format(body="dưới 2,5%", cell="> 3"))
    assert not [g for g in got if g[0] == "Y001" and g[2] == "> 3"], got
    assert {"D001", "C001"} <= {g[0] for g in got if g[2] == "> 3"}


def test_vietnamese_correction_reads_as_official_text(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(CSV_HEADER + "unemployment,Tỷ lệ thất nghiệp chung,%,< 3,> 3\n", encoding="utf-8")
    f = next(f for f in lint([p], lang="vi").findings if f.rule == "Y001")
    assert f.message.startswith('Giá trị "> 3" có dấu hiệu lỗi đánh máy') and "đề nghị sửa thành \"< 3\"" in f.message
    assert "có lẽ" not in f.message.lower()


@given(st.integers(1, 99999), st.sampled_from(["decimal", "extra", "swap", "digit"]), st.randoms())
def test_every_slip_of_a_known_kind_is_undone_by_a_candidate(value, kind, rnd):
    """Whatever the clean number, the readings of its slipped text include it."""
    clean = str(value) if rnd.random() < 0.5 or value < 10 else f"{str(value)[:-1]},{str(value)[-1]}"
    corrections = _load_benchmark()
    name = {"decimal": "decimal comma", "extra": "extra digit", "swap": "swapped digits", "digit": "mistyped digit"}
    typed = corrections.slip(name[kind], clean, random.Random(rnd.random()))
    if typed is None or typed == clean:
        return
    assert clean in digit_variants(typed), (clean, typed)


def _load_benchmark():
    if "corrections" not in sys.modules:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        spec = importlib.util.spec_from_file_location("corrections", ROOT / "benchmarks" / "corrections.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        sys.modules["corrections"] = mod
    return sys.modules["corrections"]


def test_benchmark_every_suggestion_restores_the_clean_value(tmp_path):
    """Generated plans with known clean values and injected slips, linted by the real command."""
    corrections = _load_benchmark()
    cells = corrections.make_plans(tmp_path / "plans", 40, seed=11)
    result = corrections.score(cells, corrections.lint(tmp_path / "plans"))
    assert result["suggestions"] > 0 and not result["wrong"], result["wrong"]
    swaps = result["per_slip"]["swapped milestones"]
    assert swaps["defects"] > 0 and swaps["P001"] == swaps["defects"] and swaps["suggested"] == 0
