"""Every target a plan states, whatever its indicator (plancheck.extract.statements), and the checks
that need no suite (plancheck.checks.statements): phrasings of real plans, generated plans read
the same in every format with no distractor read, and one contradiction found at both places."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.extract.statements import Context, statements, subject_key
from plancheck.model import TargetKind

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from statements_corpus import FORMATS, inject_contradiction, make_document, matches, read, render  # noqa: E402

CTX = Context(now=2025, horizon=2030)


def _read(text: str, heading=(2030, None, False), source="item"):
    return [(t.subject, t.value_text, t.year, t.unit, t.kind.value)
            for t in statements(text, lambda at: None, heading, CTX, source, [])]


@pytest.mark.parametrize("text,want", [
    # the subject before its value, the comparator words kept with the value
    ("Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số đạt 60%.",
     [("Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số", "đạt 60%", 2030, "%", "level")]),
    # the subject after the value; a number inside it is part of it
    ("Phấn đấu 70% phụ nữ mang thai được tầm soát ít nhất 4 loại bệnh bẩm sinh.",
     [("phụ nữ mang thai được tầm soát ít nhất 4 loại bệnh bẩm sinh", "70%", 2030, "%", "level")]),
    # a qualifier with no verb before the value with one
    ("Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng đạt 95%.",
     [("Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản giao dịch tại ngân hàng", "đạt 95%", 2030, "%", "level")]),
    # ten targets in one paragraph, with their own units
    ("Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; tỷ lệ phụ thuộc chung đạt khoảng 51%; giảm 50% số cặp tảo hôn.",
     [("tổng tỷ suất sinh", "đạt 2,1 con/phụ nữ", 2030, "con/phụ nữ", "level"),
      ("tỷ lệ phụ thuộc chung", "đạt khoảng 51%", 2030, "%", "level"),
      ("số cặp tảo hôn", "giảm 50%", 2030, "%", "change")]),
    # a change, and a count
    ("Tăng thêm ít nhất 20% số nhóm trẻ trong cơ sở giáo dục mầm non.",
     [("số nhóm trẻ trong cơ sở giáo dục mầm non", "Tăng thêm ít nhất 20%", 2030, "%", "change")]),
    ("Đến năm 2030, tỉnh có ít nhất 20 tập dữ liệu mở được công bố.",
     [("tập dữ liệu mở được công bố", "có ít nhất 20", 2030, "tập", "count")]),
    # an elliptic subject: the words shared with the one before
    ("Tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 99,5%, cấp trung học cơ sở tối thiểu đạt 97,5%.",
     [("Tỷ lệ đi học đúng độ tuổi cấp tiểu học", "đạt 99,5%", 2030, "%", "level"),
      ("Tỷ lệ đi học đúng độ tuổi cấp trung học cơ sở", "tối thiểu đạt 97,5%", 2030, "%", "level")]),
    # a per-population phrase shared by a list of counts
    ("Phấn đấu có 40 giường bệnh, 19 bác sĩ trên 10.000 dân.",
     [("giường bệnh", "có 40", 2030, "/10.000", "level"), ("bác sĩ", "19", 2030, "/10.000", "level")]),
    # two milestones in one sentence
    ("Tỷ lệ xã có nhà văn hóa đạt chuẩn năm 2026 đạt 60%, năm 2030 đạt 80%.",
     [("Tỷ lệ xã có nhà văn hóa đạt chuẩn", "đạt 60%", 2026, "%", "level"),
      ("Tỷ lệ xã có nhà văn hóa đạt chuẩn", "đạt 80%", 2030, "%", "level")]),
    # not targets: results, scoring bands, time limits, quoted titles, names with digits
    ("Năm 2024, tỷ lệ hộ nghèo ước đạt 2,1%, tăng 15,55%, cao hơn cả nước.", []),
    ("Đơn vị đạt từ 88% trở lên được cộng 02 điểm; báo cáo trong thời hạn 15 ngày.", []),
    ("Thực hiện Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội cho công nhân”.", []),
    # a title in lower case after a programme's capitalized name ends at its comma
    ("Tổ chức triển khai Đề án đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội, phấn đấu xây dựng khoảng "
     "48.749 căn nhà ở xã hội.", [("căn nhà ở xã hội", "khoảng 48.749", 2030, "căn", "count")]),
    # what is counted runs past a comma into the rest of an enumeration
    ("Đến năm 2030, có tối thiểu 05 kịch bản ứng dụng dữ liệu cấp tỉnh, ngành và địa phương.",
     [("kịch bản ứng dụng dữ liệu cấp tỉnh, ngành và địa phương", "có tối thiểu 05", 2030, "kịch bản", "count")]),
    # a subject, its colon and the value
    ("Tỉ lệ thất nghiệp chung của tỉnh: 0-1%.", [("Tỉ lệ thất nghiệp chung của tỉnh", "0-1%", 2030, "%", "level")]),
    ("Diện tích nhà ở bình quân đầu người: trên 30 m2 sàn/người.",
     [("Diện tích nhà ở bình quân đầu người", "trên 30 m2 sàn/người", 2030, "m²", "level")]),
    ("Lắp đặt mới 125 trạm, nâng tổng số trạm 5G lên 188 trạm.",
     [("tổng số trạm 5G", "lên 188", 2030, "trạm", "count")]),
])
def test_targets_are_read_as_stated(text, want):
    assert _read(text) == want


def test_a_qualitative_state_in_a_list_item():
    got = _read("Hoàn thành phổ cập giáo dục mầm non cho trẻ em 5 tuổi")
    assert got == [] or got[0][4] == "state"
    got = _read("Xóa bỏ hoàn toàn nhà tạm, nhà dột nát cho hộ nghèo")
    assert got == [("nhà tạm, nhà dột nát cho hộ nghèo", "Xóa bỏ hoàn toàn", 2030, None, "state")]


def test_a_lead_in_is_the_scope_and_the_parts_of_a_whole_are_read_with_it():
    parts: list = []
    got = statements("Tại địa bàn có khu công nghiệp: Phấn đấu 100% trẻ em được đến trường.", lambda at: None,
                     (2035, None, False), CTX, "item", parts)
    assert [(t.scope, t.value_text) for t in got] == [("Tại địa bàn có khu công nghiệp", "100%")]
    got = statements("Lắp đặt mới trạm 5G: 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm).", lambda at: None,
                     (2030, None, False), CTX, "item", parts)
    assert [(t.subject, t.scope, t.value_text) for t in got] == [
        ("Lắp đặt mới trạm 5G", None, "58"), ("Lắp đặt mới trạm 5G", "VNPT", "25"),
        ("Lắp đặt mới trạm 5G", "Viettel", "33")]
    whole, pieces, complete = parts[0]
    assert whole.value_text == "58" and [p.value_text for p in pieces] == ["25", "33"] and not complete


def test_subjects_compare_by_meaning_not_notation():
    same = ["Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo trên địa bàn tỉnh",
            "tỉ lệ doanh nghiệp có hoạt động đổi mới sáng tạo", "doanh nghiệp có hoạt động đổi mới sáng tạo"]
    assert len({subject_key(s) for s in same}) == 1
    assert subject_key("Tỷ lệ lao động tham gia BHXH") == subject_key("Tỷ lệ lao động tham gia bảo hiểm xã hội")
    assert subject_key("Tỷ lệ hộ nghèo") != subject_key("Tỷ lệ hộ cận nghèo")


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_generated_plans_read_the_same_targets_in_every_format(rnd):
    doc = make_document(rnd)
    for fmt in FORMATS:
        parsed, report = read(*render(doc, fmt))
        got = parsed.targets
        missed = [t for t in doc.truths if not any(matches(t, x) for x in got)]
        extra = [(x.subject, x.value_text, x.year) for x in got if not any(matches(t, x) for t in doc.truths)]
        assert not missed and not extra, (fmt, missed, extra)
        assert not [f for f in report.findings if f.rule == "C002"], fmt


@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.sampled_from(FORMATS))
def test_a_target_restated_with_another_value_is_one_finding_at_both_places(rnd, fmt):
    doc = make_document(rnd)
    truth = inject_contradiction(doc, rnd)
    if truth is None:
        return
    parsed, report = read(*render(doc, fmt))
    found = [f for f in report.findings if f.rule == "C002"]
    assert len(found) == 1, [f.message for f in found]
    stated = [t for t in parsed.targets if subject_key(truth.subject) == t.key and t.year == truth.year]
    assert len(stated) >= 2
    first, last = stated[0], stated[-1]
    assert found[0].location == last.location
    assert first.location.describe("en") in found[0].message


def test_the_real_examples_of_the_issue_are_read(tmp_path):
    """A portal's plan: targets in an annex cell, restated in the body, lettered, inline."""
    text = "\n".join([
        "Số: 144/KH-UBND", "", "Bắc Ninh, ngày 24 tháng 11 năm 2025", "", "**KẾ HOẠCH**", "",
        "PHÁT TRIỂN KINH TẾ SỐ GIAI ĐOẠN 2026 - 2030", "", "**II. MỤC TIÊU**", "",
        "- Tỷ lệ doanh nghiệp vừa và nhỏ", "địa phương ứng dụng công nghệ số đạt 60%.", "",
        "- Kinh phí chi cho nghiên cứu", "phát triển (R&D)/GRDP tối thiểu 2%.", "",
        "**PHỤ LỤC**", "", "|", "**TT**", "|", "**Chỉ tiêu**", "|", "**Chủ trì**", "|", "|",
        "1", "|", "Tỷ lệ doanh nghiệp vừa và nhỏ", "địa phương ứng dụng công nghệ số đạt 50%", "|",
        "Sở Khoa học và Công nghệ", "|", "|", "2", "|", "Kinh phí chi cho nghiên cứu phát triển", "(R&D)/GRDP tối thiểu 2%.",
        "|", "Sở Tài chính", "|", ""])
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    parsed, report = read(path.name, path.read_bytes())
    assert len(parsed.targets) == 4
    assert {t.source for t in parsed.targets} == {"item", "cell"}
    c002 = [f for f in report.findings if f.rule == "C002"]
    assert len(c002) == 1 and c002[0].value == "đạt 50%" and "line 12" in c002[0].message
    assert not [f for f in report.findings if f.rule in ("S005", "S006")]
    assert all(t.kind == TargetKind.LEVEL and t.year == 2030 for t in parsed.targets)


def test_a_count_after_an_action_is_a_target_in_a_section_of_goals_only():
    text = "Tổ chức đào tạo, bồi dưỡng 3.000 lượt nhân lực về ứng dụng công nghệ."
    goals = statements(text, lambda at: None, (2030, None, False), CTX, "prose", [], goals=True)
    assert [(t.value_text, t.unit, t.kind.value) for t in goals] == [("3.000", "lượt", "count")]
    assert statements(text, lambda at: None, (2030, None, False), CTX, "prose", []) == []


def test_social_allowances_are_no_commune_scope_and_a_basic_completion_keeps_its_word():
    allowance = statements("100% hộ nghèo có trẻ em dưới 36 tháng tuổi được hưởng trợ cấp xã hội theo quy định.",
                           lambda at: None, (2030, None, False), CTX, "item", [])
    assert allowance and allowance[0].scope is None
    commune = statements("Tỷ lệ trạm y tế cấp xã có bác sĩ đạt 100%.", lambda at: None, (2030, None, False), CTX,
                         "item", [])
    assert commune and commune[0].scope == "cấp xã"
    basic = statements("Hoàn thành cơ bản việc giải quyết tồn đọng trong chính sách người có công.",
                       lambda at: None, (2030, None, False), CTX, "item", [])
    assert [(t.value_text, t.value.level) for t in basic] == [("Hoàn thành cơ bản", "co_ban_hoan_thanh")]


def test_a_submission_of_many_provinces_does_not_contradict_itself(tmp_path):
    """The rows of a submission (one province per block of rows) are no text restating itself:
    no C002 across provinces; a table of a plan that repeats an indicator still gets one."""
    from plancheck.engine import Options, run

    rows = ["TT,Tỉnh,Mã chỉ tiêu,Chỉ tiêu,Đơn vị,Năm 2025,Năm 2030"]
    for k, (province, value) in enumerate([("An Giang", "9"), ("Bắc Giang", "15")]):
        rows.append(f"{k + 1},{province},poverty_reduction_districts,Mức giảm tỷ lệ hộ nghèo đa chiều ở các huyện "
                    f"nghèo,%,{value},{value}")
    (tmp_path / "sub.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = run([str(tmp_path / "sub.csv")], Options(lang="en"))
    assert not [f for f in report.findings if f.rule == "C002"]


def test_subjects_one_qualifier_apart_are_two_subjects():
    from plancheck.checks.statements import same_subject

    key = subject_key
    assert not same_subject(key("Tỷ lệ trường học đạt chuẩn quốc gia ở cấp huyện"),
                            key("Tỷ lệ trường tiểu học đạt chuẩn quốc gia ở cấp huyện"))
    assert same_subject(key("Tỷ lệ doanh nghiệp nhỏ và vừa ứng dụng công nghệ số trong sản xuất"),
                        key("Tỷ lệ các doanh nghiệp nhỏ và vừa ứng dụng công nghệ số trong sản xuất"))
