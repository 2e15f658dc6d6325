"""The vectorized building blocks of the checks, against their plain definitions."""

import math

from hypothesis import given
from hypothesis import strategies as st

from plancheck.checks.targets import previous_milestone
from plancheck.frame import Frame

cell = st.fixed_dictionaries({
    "path": st.sampled_from(["a.txt", "b.docx"]),
    "table": st.integers(0, 1),
    "row": st.integers(0, 2),
    "year": st.sampled_from([2020, 2025, 2030]),
    "value": st.integers(0, 120),  # above 100 is out of the hard bounds
    "kind": st.sampled_from(["exact", "exact", "none"]),
})


def frame(cells: list[dict]) -> Frame:
    n = len(cells)
    df = Frame({k: [c[k] for c in cells] for k in ["path", "table", "row", "year", "value", "kind"]}, n)
    value = [float(c["value"]) for c in cells]
    return df.assign(
        raw=[f"v{k}" for k in range(n)], lo=value, hi=value, ambition=value, level_rank=math.nan, in_table=True,
        known=True, is_numeric=True, bounds_lo=0.0, bounds_hi=100.0, lo_strict=False, hi_strict=False,
        plaus_lo=math.nan, plaus_hi=math.nan)


def expected_previous(df: Frame) -> list:
    """By definition: the nearest earlier year of the same table row among cells with a
    target within bounds; of several cells of that year, the last one."""
    usable = [(df["kind"][i] != "none" and df["value"][i] <= 100) for i in range(len(df))]
    out = []
    for i in range(len(df)):
        best = None
        if usable[i]:
            for j in range(len(df)):
                same = all(df[k][j] == df[k][i] for k in ("path", "table", "row"))
                if usable[j] and same and df["year"][j] < df["year"][i]:
                    if best is None or df["year"][j] >= df["year"][best]:
                        best = j
        out.append(best)
    return out


@given(st.lists(cell, max_size=25))
def test_previous_milestone_is_the_nearest_earlier_usable_cell(cells):
    df = frame(cells)
    got = previous_milestone(df)
    for i, j in enumerate(expected_previous(df)):
        if j is None:
            assert math.isnan(got["year_prev"][i]) and got["raw_prev"][i] != got["raw_prev"][i]
        else:
            assert got["year_prev"][i] == df["year"][j]
            assert got["raw_prev"][i] == df["raw"][j]
            assert got["ambition_prev"][i] == df["ambition"][j]


# ---------------------------------------------------------------- through the engine, on small plans

BOUNDS_PLAN = """KẾ HOẠCH
Số: 12/KH-UBND
PHỤ LỤC
TT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030
1\tTỷ lệ thất nghiệp chung\t%\t-\t< 30
2\tTỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi\t%\t< 150\t< 12
3\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\t> 95
"""

PROSE_PLAN = """CHƯƠNG TRÌNH HÀNH ĐỘNG
Số 99-CTr/TU
Đến năm 2030:
- Tỷ lệ thất nghiệp chung dưới 3%.
- 50% số người sau độ tuổi nghỉ hưu được hưởng lương hưu, bảo hiểm xã hội hằng tháng và trợ cấp hưu trí xã hội.
- Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi trên 12%.
"""


def _lint(tmp_path, name, text):
    from plancheck.engine import Options, run

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = run([str(path)], Options(lang="en"))
    return sorted((f.rule, f.line, f.year, f.value) for f in report.findings if f.rule != "M001")


def test_a_bound_beyond_what_is_plausible_or_valid_is_flagged(tmp_path):
    found = _lint(tmp_path, "bounds.txt", BOUNDS_PLAN)
    # "< 30" of an unemployment rate says nothing: implausible (and less ambitious than the
    # nation); "< 3", "< 10", "< 13" ... are all one slip away: no correction is suggested
    assert ("R002", 5, 2030, "< 30") in found and ("B001", 5, 2030, "< 30") in found
    assert not any(rule == "Y001" for rule, _, _, _ in found)
    # "< 150" of a percentage: out of the valid range, with the readings one slip explains
    assert any(rule == "Y002" and line == 6 and value == "< 150" for rule, line, _, value in found)
    assert not any(line == 7 for _, line, _, _ in found)  # "> 95" of a coverage rate is a real target


def test_the_body_confirms_the_reading_of_an_implausible_bound(tmp_path):
    body = BOUNDS_PLAN.replace("PHỤ LỤC\n", "Đến năm 2030, tỷ lệ thất nghiệp chung dưới 3%.\nPHỤ LỤC\n")
    found = _lint(tmp_path, "bounds-body.txt", body)
    assert ("Y001", 6, 2030, "< 30") in found
    assert not any(rule in ("R002", "B001", "C001") and line == 6 for rule, line, _, _ in found)


def test_targets_stated_only_in_prose_are_checked_like_annex_cells(tmp_path):
    found = _lint(tmp_path, "programme.txt", PROSE_PLAN)
    assert ("B001", 5, 2030, "50%") in found  # pensions: the nation aims at 60 %
    assert ("D001", 6, 2030, "trên 12%") in found  # a lower bound on a lower-is-better rate
    assert not any(line == 4 for _, line, _, _ in found)  # "dưới 3%" is the national target


def test_a_body_restating_its_annex_is_compared_not_checked_twice(tmp_path):
    plan = PROSE_PLAN + ("PHỤ LỤC\nTT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030\n"
                         "1\tTỷ lệ người sau độ tuổi nghỉ hưu được hưởng lương hưu, bảo hiểm xã hội hằng tháng "
                         "và trợ cấp hưu trí xã hội\t%\t-\t50\n")
    found = _lint(tmp_path, "plan.txt", plan)
    assert [f for f in found if f[0] == "B001"] == [("B001", 9, 2030, "50")]  # the annex cell's, once


REGIONS_PLAN = """KẾ HOẠCH
Số: 12/KH-UBND
PHỤ LỤC
TT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030
1\tTỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn\t%\t90\t80
\t+ Vùng sâu, vùng xa, biên giới\t%\t85\t90
\t+ {second}\t%\t95\t100
"""


def test_a_total_is_checked_against_regions_only_when_they_partition_it(tmp_path):
    rest = _lint(tmp_path, "rest.txt", REGIONS_PLAN.format(second="Các vùng còn lại"))
    assert ("A001", 5, 2030, "80") in rest
    singled_out = _lint(tmp_path, "dtts.txt", REGIONS_PLAN.format(second="Vùng đồng bào dân tộc thiểu số"))
    assert not any(rule == "A001" for rule, _, _, _ in singled_out)


NUMBERING_PLAN = """KẾ HOẠCH
Số: 12/KH-UBND
PHỤ LỤC
TT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030
7\tY tế\t\t\t
7.1\tTuổi thọ trung bình\tTuổi\t74,5\t75
7.2\tSố năm sống khỏe\tNăm\t67\t68
6.3\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\t> 95
7.4\tTỷ lệ tiêm chủng mở rộng\t%\t95\t> 95
8\tLao động\t\t\t
1\tTỷ lệ thất nghiệp chung\t%\t< 3\t< 3
2\tTỷ lệ thất nghiệp khu vực thành thị\t%\t< 4\t< 4
2\tTỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ\t%\t30\t35
4\tTỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội\t%\t45\t60
"""


def test_a_misnumbered_row_is_reported_once_with_the_number_meant():
    from plancheck.engine import Options, run
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.txt"
        path.write_text(NUMBERING_PLAN, encoding="utf-8")
        report = run([str(path)], Options(lang="en"))
    numbering = sorted((f.rule, f.line, f.value, f.suggestion) for f in report.findings if f.rule.startswith("S"))
    # 6.3 in section 7 is 7.3 (7.4 follows: nothing is missing); the second 2 is 3 (4 follows)
    assert numbering == [("S001", 13, "2", "3"), ("S003", 8, "6.3", "7.3")]


def test_a_prose_target_for_a_group_of_the_population_is_not_checked_against_the_whole(tmp_path):
    plan = PROSE_PLAN + ("- Tỷ lệ thất nghiệp khu vực thành thị của thanh niên dưới 30%.\n"
                         "- Tỷ lệ lao động nữ làm công hưởng lương đạt 20%.\n")
    found = _lint(tmp_path, "groups.txt", plan)
    assert not any(line == 7 for _, line, _, _ in found)  # young people: not the urban unemployment rate
    assert ("B001", 8, 2030, "20%") in found  # the indicator itself is about women


# ---------------------------------------------------------------- cases found in review


def test_rows_one_level_deeper_are_inside_their_section(tmp_path):
    plan = ("KẾ HOẠCH\nSố: 12/KH-UBND\nPHỤ LỤC\nTT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030\n7\tY tế\t\t\t\n"
            "7.1\tTuổi thọ trung bình\tTuổi\t74,5\t75\n7.2\tSố năm sống khỏe\tNăm\t67\t68\n"
            "7.2.1\tSố bác sĩ trên 10.000 dân\tngười\t12\t19\n7.2.2\tSố dược sĩ trên 10.000 dân\tngười\t3\t4\n"
            "7.3\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\t> 95\n")
    assert not [f for f in _lint(tmp_path, "deeper.txt", plan) if f[0].startswith("S")]


def test_prose_that_is_no_target_of_the_whole_population_is_not_checked(tmp_path):
    head = "CHƯƠNG TRÌNH HÀNH ĐỘNG\nSố 99-CTr/TU\nI. MỤC TIÊU\n"
    # "xã hội" is no commune: the statement is about the communes ("các xã") that are hardest hit
    assert not _lint(tmp_path, "communes.txt", head + "Đến năm 2030, tỷ lệ lực lượng lao động trong độ tuổi "
                     "tham gia bảo hiểm xã hội tại các xã đặc biệt khó khăn đạt 30%.\n")
    # a head count is no rate per 10,000 people
    assert not _lint(tmp_path, "count.txt", head + "- Đến năm 2030, toàn tỉnh có 1.200 bác sĩ và 35 giường "
                     "bệnh trên 10.000 dân.\n")
    # "giảm còn 0,8%" is the poverty rate reached, not a yearly reduction of 0,8 points
    assert not [f for f in _lint(tmp_path, "level.txt", head + "- Tỷ lệ hộ nghèo đa chiều giảm còn 0,8%.\n")
                if f[0] != "S006"]  # (no other target is stated)
    # "Đến hết năm 2025, ... đạt 40%, chưa đạt mục tiêu" under a heading of results reports a result
    results = _lint(tmp_path, "results.txt", "KẾ HOẠCH\nSố 15/KH-UBND\nI. KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2021-2025\n"
                    "Đến hết năm 2025, tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội đạt 40%, "
                    "chưa đạt mục tiêu đề ra.\n")
    assert [f[0] for f in results] == ["S006"]  # no target at all: a report of results


def test_an_impossible_bound_gets_no_flipped_suggestion(tmp_path):
    plan = ("KẾ HOẠCH\nSố: 12/KH-UBND\nPHỤ LỤC\nTT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030\n"
            "1\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t95\t< 150\n")
    found = _lint(tmp_path, "impossible.txt", plan)
    assert [f[0] for f in found if f[1] == 5] == ["R001"]  # not also D001 suggesting "> 150"
