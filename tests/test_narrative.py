"""Targets stated in prose: real phrasings, the target-or-result decision, years from context,
the labelled corpus drawn by hypothesis, sniffing, and compare on two prose documents."""

from __future__ import annotations

import json
import random
import sys

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from plancheck.catalogue import load_suite
from plancheck.cli import main
from plancheck.extract import extract
from plancheck.extract.narrative import Cues, document_context, extract_narrative, is_target, year_mentions
from plancheck.model import Location, Paragraph
from plancheck.readers import read_bytes
from plancheck.readers.sniff import looks_like_csv
from plancheck.targets import parse_target

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from narrative_corpus import key, make_document, read  # noqa: E402

SUITE = load_suite()


def narrative(text: str):
    """(indicator, year, breakdown, raw, line) read from a text document."""
    doc = extract(read_bytes(text.encode("utf-8"), "plan.txt"), SUITE)
    return [(n.indicator, n.year, n.breakdown, n.raw, n.line) for n in doc.narrative]


def readings(text: str):
    """{(indicator, year, breakdown): target key}"""
    doc = extract(read_bytes(text.encode("utf-8"), "plan.txt"), SUITE)
    out = {}
    for n in doc.narrative:
        ind = SUITE.indicators[n.indicator]
        out[(n.indicator, n.year, n.breakdown)] = key(parse_target(n.raw, ind.reading_bounds))
    return out


def t(text: str) -> tuple:
    return key(parse_target(text))


# ---------------------------------------------------------------- the examples of the issue

ANNUAL_PLAN = """ỦY BAN NHÂN DÂN TỈNH BÌNH MINH
Số: 12/KH-UBND
Bình Minh, ngày 25 tháng 12 năm 2023
KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2024
I. KẾT QUẢ THỰC HIỆN NĂM 2023
- Tỷ lệ dân số tham gia bảo hiểm y tế năm 2023 đạt 92%.
- Tỷ lệ hộ nghèo giảm 0,8%.
II. CÁC CHỈ TIÊU CHỦ YẾU
- Tỷ trọng lao động nông nghiệp trong tổng lao động xã hội dưới 35%.
- Tỷ lệ dân số tham gia bảo hiểm y tế đạt từ 93,7% trở lên.
- Tỷ lệ hộ nghèo giảm từ 0,5% trở lên.
- Tỷ lệ bác sỹ, giường bệnh/1 vạn dân: 14,3 bác sỹ/1 vạn dân và 48,5 giường bệnh/1 vạn dân.
"""


def test_issue_examples_from_an_annual_plan():
    got = readings(ANNUAL_PLAN)
    assert got == {
        ("agri_labour_share", 2024, None): t("< 35"),
        ("health_insurance", 2024, None): t(">= 93,7"),
        ("poverty_reduction_rate", 2024, None): t(">= 0,5"),
        ("doctors", 2024, None): t("14,3"),
        ("hospital_beds", 2024, None): t("48,5"),
    }
    doc = extract(read_bytes(ANNUAL_PLAN.encode("utf-8"), "plan.txt"), SUITE)
    by_id = {n.indicator: n for n in doc.narrative}
    assert by_id["poverty_reduction_rate"].change == "decrease"  # a reduction, read as the rate of reduction
    assert by_id["doctors"].line == 13 and by_id["health_insurance"].raw == "từ 93,7% trở lên"


def test_the_same_examples_without_an_annual_title_take_the_heading_year():
    text = ANNUAL_PLAN.replace("Phát triển kinh tế - xã hội năm 2024", "Phát triển kinh tế - xã hội") \
        .replace("II. CÁC CHỈ TIÊU CHỦ YẾU", "II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2025")
    assert {k[1] for k in readings(text)} == {2025}


@pytest.mark.parametrize("sentence,expected", [
    # the name after the value, a value shared by a clause's names, a breakdown
    ("60% lực lượng lao động trong độ tuổi lao động tham gia BHXH và 45% tham gia BHTN.",
     {("social_insurance", None): "60", ("unemployment_insurance", None): "45"}),
    ("Phấn đấu có 32 giường bệnh viện, 11 bác sĩ, 4 dược sĩ, 25 điều dưỡng viên trên 10.000 dân.",
     {("hospital_beds", None): "32", ("doctors", None): "11", ("pharmacists", None): "4", ("nurses", None): "25"}),
    ("100% hộ gia đình, trường học, trạm y tế có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn.",
     {("household_sanitation", None): "100", ("school_sanitation", None): "100",
      ("health_station_sanitation", None): "100"}),
    ("100% hộ gia đình ở thành thị và 80% hộ gia đình ở nông thôn được sử dụng nước sạch theo quy chuẩn.",
     {("clean_water", "urban"): "100", ("clean_water", "rural"): "80"}),
    # names shared with the clause before; "trong đó" introduces a sub-target
    ("Tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 99,7%, cấp trung học cơ sở tối thiểu đạt 95%.",
     {("primary_enrolment_age", None): "99,7", ("lower_secondary_enrolment_age", None): ">= 95"}),
    ("Tỷ lệ thất nghiệp chung dưới 3%, trong đó khu vực thành thị dưới 4%.",
     {("unemployment", None): "< 3", ("unemployment_urban", None): "< 4"}),
    ("Tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn đạt 95%, trong đó thành thị 100%, nông thôn 92%.",
     {("clean_water", None): "95", ("clean_water", "urban"): "100", ("clean_water", "rural"): "92"}),
    # the notation of prose
    ("Duy trì tỷ lệ thất nghiệp ở mức thấp dưới 2,5%.", {("unemployment", None): "< 2,5"}),
    ("Tỷ lệ việc làm phi chính thức chiếm khoảng 55%.", {("informal_employment", None): "khoảng 55"}),
    ("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ không thấp hơn 35%.",
     {("trained_labour_certified", None): ">= 35"}),
    ("Tỷ lệ hộ nghèo đa chiều giảm bình quân 1-1,5%/năm.", {("poverty_reduction_rate", None): "1-1,5"}),
    ("Tuổi thọ trung bình đạt khoảng 75 tuổi, số năm sống khỏe đạt tối thiểu 68 năm.",
     {("life_expectancy", None): "khoảng 75", ("healthy_life_years", None): ">= 68"}),
    ("Diện tích nhà ở bình quân đầu người đạt khoảng 30,0m 2 sàn/người.", {("housing_floor_area", None): "khoảng 30"}),
    ("Xây dựng được 11.900 căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công nghiệp.",
     {("social_housing_units", None): "11900"}),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế (%): 95.", {("health_insurance", None): "95"}),
    ("Tỷ lệ người có hoàn cảnh khó khăn, người có thu nhập thấp được đảm bảo mức sống tối thiểu là 80%.",
     {("minimum_living_standard", None): "80"}),
])
def test_prose_phrasings(sentence, expected):
    text = f"KẾ HOẠCH\nThực hiện chính sách xã hội\nII. CHỈ TIÊU ĐẾN NĂM 2030\n- {sentence}\n"
    got = readings(text)
    assert got == {(i, 2030, bd): t(v) for (i, bd), v in expected.items()}


def test_a_summary_of_labour_market_targets():
    text = ("KẾ HOẠCH\nPhát triển thị trường lao động\nII. MỤC TIÊU\nĐến năm 2025, tỷ lệ lao động qua đào tạo "
            "đạt 70%, trong đó có bằng cấp, chứng chỉ đạt 28-30%; tỷ lệ thất nghiệp chung dưới 3%, khu vực thành "
            "thị dưới 4%; tỷ trọng lao động nông nghiệp trong tổng lao động xã hội dưới 25%; tỷ lệ lực lượng lao "
            "động trong độ tuổi tham gia BHXH đạt khoảng 45%, trong đó nông dân và lao động khu vực phi chính thức "
            "tham gia BHXH tự nguyện chiếm khoảng 2,5%.\n")
    assert readings(text) == {
        ("trained_labour", 2025, None): t("70"),
        ("trained_labour_certified", 2025, None): t("28-30"), ("unemployment", 2025, None): t("< 3"),
        ("unemployment_urban", 2025, None): t("< 4"), ("agri_labour_share", 2025, None): t("< 25"),
        ("social_insurance", 2025, None): t("khoảng 45"), ("voluntary_social_insurance", 2025, None): t("khoảng 2,5"),
    }


@pytest.mark.parametrize("sentence", [
    "Năm 2023, tỷ lệ dân số tham gia bảo hiểm y tế đạt 92%.",  # achieved in an earlier year
    "Kết quả: tỷ lệ dân số tham gia bảo hiểm y tế đạt 92%.",
    "Tỷ lệ dân số tham gia bảo hiểm y tế ước đạt 92%.",
    "Tính đến hết năm 2023, tỷ lệ dân số tham gia bảo hiểm y tế đạt 92%.",
    "Tỷ lệ dân số tham gia bảo hiểm y tế đã đạt 92%.",
    "Tỷ lệ thất nghiệp giảm 0,5% so với năm trước.",  # a change of a level indicator is not its level
    "Nâng cấp bệnh viện đa khoa tỉnh lên quy mô 1.000 giường; xây mới bệnh viện 150 giường.",
    "Tổ chức triển khai Đề án đầu tư xây dựng ít nhất 01 triệu căn hộ nhà ở xã hội.",
    "Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023; báo cáo trước ngày 15/12 hằng năm tại 95 xã.",
])
def test_no_target_is_read_from_results_and_other_numbers(sentence):
    text = (f"Bình Minh, ngày 20 tháng 12 năm 2024\nKẾ HOẠCH\nThực hiện chính sách xã hội\n"
            f"II. CHỈ TIÊU ĐẾN NĂM 2030\n- {sentence}\n")
    assert narrative(text) == []


def test_results_under_a_heading_of_results_are_not_targets():
    text = ("KẾ HOẠCH\nNăm 2025\nI. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN\n- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 92%.\n"
            "II. MỤC TIÊU\n- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94%.\n")
    assert readings(text) == {("health_insurance", 2025, None): t("94")}


def test_a_result_and_a_target_in_one_sentence():
    text = ("Bình Minh, ngày 20 tháng 12 năm 2024\nKẾ HOẠCH\nChính sách xã hội\nII. CHỈ TIÊU\n"
            "- Năm 2024, tỷ lệ dân số tham gia bảo hiểm y tế đạt 92%; phấn đấu đến năm 2025 đạt 94%, "
            "đến năm 2030 đạt trên 95%.\n")
    assert readings(text) == {("health_insurance", 2025, None): t("94"), ("health_insurance", 2030, None): t("> 95")}


# ---------------------------------------------------------------- deciding: target or result


@pytest.mark.parametrize("cues,target", [
    (Cues(None, False, None, False), True),  # a value in a plan, nothing said: a target
    (Cues("target", False, "result", False), True),  # "phấn đấu" under a heading of results
    (Cues("result", False, "target", False), False),  # "ước đạt" under a heading of targets
    (Cues(None, True, "target", False), False),  # a past year
    (Cues("target", True, "target", False), False),  # "phấn đấu năm 2023" in a 2024 document
    (Cues(None, False, "result", False), False),
    (Cues(None, False, None, True), False),  # a report, outside a section of targets
    (Cues(None, False, "target", True), True),
])
def test_target_or_result(cues, target):
    assert is_target(cues) is target


@pytest.mark.parametrize("text,expected", [
    ("đến năm 2025", [(2025, "until")]),
    ("giai đoạn 2021-2025", [(2025, "until")]),
    ("giai đoạn 2021 – 2025", [(2025, "until")]),
    ("năm 2023 đạt 92%", [(2023, "in")]),
    ("tính đến hết năm 2023", [(2023, "since")]),
    ("từ năm 2024 đến 2030, tầm nhìn đến năm 2045", [(2030, "until")]),
    ("Nghị quyết số 42-NQ/TW ngày 24/11/2023, ngày 18 tháng 9 năm 2024", []),
    ("mức tăng thu nhập so với năm 2021", []),
])
def test_years_of_a_text(text, expected):
    assert [(y.year, y.kind) for y in year_mentions(text)] == expected


@pytest.mark.parametrize("paras,now,default", [
    (["Tây Ninh, ngày 18 tháng 9 năm 2024", "KẾ HOẠCH", "Triển khai Nghị quyết số 68/NQ-CP ngày 09/5/2024"],
     2024, None),
    (["KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2024"], 2024, 2024),
    (["KẾ HOẠCH", "Giảm nghèo bền vững giai đoạn 2021-2025"], None, 2025),
    (["KẾ HOẠCH", "Chính sách xã hội", "III. THỜI GIAN THỰC HIỆN", "Từ năm 2024 đến 2030, tầm nhìn đến 2045."],
     None, 2030),
    (["KẾ HOẠCH", "Chính sách xã hội", "II. MỤC TIÊU CỤ THỂ ĐẾN NĂM 2030", "1. Mục tiêu tổng quát"], None, 2030),
])
def test_the_year_of_a_document(paras, now, default):
    ctx = document_context(paras)
    assert (ctx.now, ctx.default_year) == (now, default)


def test_word_paragraphs_keep_their_location():
    blocks = [Paragraph("KẾ HOẠCH", Location(paragraph=1)), Paragraph("Chính sách xã hội", Location(paragraph=2)),
              Paragraph("II. CHỈ TIÊU ĐẾN NĂM 2030", Location(paragraph=3)),
              Paragraph("- Trên 95% dân số tham gia bảo hiểm y tế.", Location(paragraph=4))]
    (nt,) = extract_narrative(blocks, SUITE, None)
    assert (nt.indicator, nt.year, nt.raw, nt.line, nt.location) == (
        "health_insurance", 2030, "Trên 95%", None, Location(paragraph=4))


# ---------------------------------------------------------------- the labelled corpus


@settings(deadline=None)
@given(st.randoms(use_true_random=False))
def test_generated_documents_are_read_as_stated(rnd):
    """Every target a generated document states is read with its indicator, year and value,
    nothing else is read, and no achieved figure is taken for a target."""
    doc = make_document(rnd, SUITE)
    got = read(doc, SUITE)
    want = {(x.indicator, x.year, x.breakdown, x.target) for x in doc.truths}
    assert got == want, doc.text
    assert not {(g[0], g[3]) for g in got - want} & set(doc.achieved)


@settings(deadline=None)
@given(st.randoms(use_true_random=False), st.sampled_from(sorted(
    i.id for i in SUITE.indicators.values() if i.type == "percent")))
def test_one_target_in_any_phrasing_reads_the_same(rnd, iid):
    """Metamorphic: the same target stated in several phrasings is read the same way."""
    from narrative_corpus import Doc, statement

    ind = SUITE.indicators[iid]
    truths = set()
    lines = ["KẾ HOẠCH", "Chính sách xã hội", "II. CHỈ TIÊU ĐẾN NĂM 2030"]
    state = random.Random(rnd.random())
    for _ in range(3):
        s = statement(ind, 2030, state, SUITE)
        doc = Doc("one.txt", "\n".join(lines + ["- " + s.text[0].upper() + s.text[1:] + "."]) + "\n")
        got = read(doc, SUITE)
        want = {(x.indicator, x.year, x.breakdown, x.target) for x in s.truths}
        assert got == want, doc.text
        truths |= want
    assert {w[0] for w in truths} == {iid}


# ---------------------------------------------------------------- sniffing


@pytest.mark.parametrize("first,following,is_csv", [
    ("indicator,unit,2025,2030", ["unemployment,%,< 3,< 3"], True),
    ("TT;Chỉ tiêu;Đơn vị;Năm 2025 (%);Đến năm 2030", [], True),
    ("Chỉ tiêu\tĐơn vị\t2025\t2030", ["Tỷ lệ thất nghiệp\t%\t< 3\t< 3"], True),
    # a prose list flattened onto one line with commas
    ("Đến năm 2025, tỷ lệ thất nghiệp dưới 3%, tỷ lệ lao động qua đào tạo đạt 70%, năm 2030 đạt 75%", [], False),
    ("Chỉ tiêu năm 2025, tỉnh, nguồn, đến năm 2030 tỷ lệ hộ nghèo giảm từ 0,5% trở lên", [], False),
    # a header whose lines below are no records of it
    ("Chỉ tiêu, đơn vị, năm 2025, năm 2030",
     ["Các sở, ngành triển khai kế hoạch này theo chức năng, nhiệm vụ, quyền hạn được giao, bảo đảm hiệu quả."], False),
])
def test_sniffing_csv(first, following, is_csv):
    assert looks_like_csv(first, following) is is_csv


def test_a_flattened_prose_list_is_read_as_a_document():
    text = ("Phấn đấu đến năm 2025, tỷ lệ thất nghiệp chung dưới 3%, tỷ lệ lao động qua đào tạo có bằng cấp, "
            "chứng chỉ đạt 30%, tỷ lệ dân số tham gia bảo hiểm y tế trên 95%, năm 2030 tỷ lệ hộ nghèo giảm từ "
            "0,5% trở lên, nguồn: tỉnh.\n")
    raw = read_bytes(text.encode("utf-8"), "list.txt")
    assert raw.kind == "document"
    got = readings(text)
    assert got[("unemployment", 2025, None)] == t("< 3") and got[("health_insurance", 2025, None)] == t("> 95")


# ---------------------------------------------------------------- compare two prose documents


PROGRAMME = """CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 42-NQ/TW
II. CHỈ TIÊU CỤ THỂ ĐẾN NĂM 2030
- Trên 95% dân số tham gia bảo hiểm y tế.
- Phấn đấu đạt 32 giường bệnh viện, 11 bác sĩ trên 10.000 dân.
- Tỷ lệ thất nghiệp chung dưới 3%.
"""
PLAN = """KẾ HOẠCH
Triển khai Chương trình hành động của Tỉnh ủy
II. MỤC TIÊU
Đến năm 2030, tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%; số bác sĩ trên 10.000 dân đạt 19, \
số giường bệnh trên 10.000 dân đạt 35. Năm 2023, tỷ lệ thất nghiệp chung đạt 2,1%.
"""


def test_compare_two_prose_documents(tmp_path):
    a, b = tmp_path / "programme.txt", tmp_path / "plan.txt"
    a.write_text(PROGRAMME, encoding="utf-8")
    b.write_text(PLAN, encoding="utf-8")
    r = CliRunner().invoke(main, ["compare", str(a), str(b), "--format", "json"])
    assert r.exit_code == 1, r.output
    rows = {(x["indicator"], x["year"]): x for x in json.loads(r.output)["discrepancies"]}
    assert rows[("health_insurance", 2030)]["status"] == "same"
    assert rows[("health_insurance", 2030)]["lines"] == {"programme.txt": 4, "plan.txt": 4}
    assert rows[("doctors", 2030)]["values"] == {"programme.txt": "11", "plan.txt": "19"}
    assert rows[("doctors", 2030)]["status"] == "different" and rows[("doctors", 2030)]["lines"]["programme.txt"] == 5
    assert rows[("hospital_beds", 2030)]["more_ambitious"] == ["plan.txt"]
    # an achieved figure of the plan is not a target: the programme's alone states one
    assert rows[("unemployment", 2030)]["status"] == "missing"
    assert rows[("unemployment", 2030)]["values"] == {"programme.txt": "dưới 3%", "plan.txt": None}
    text = CliRunner().invoke(main, ["compare", str(a), str(b), "--lang", "en", "--status", "all"]).output
    assert "dòng" not in text and "(line 5)" in text and "(line 4)" in text


# ---------------------------------------------------------------- the seeds


def test_seed_bodies(seeds):
    from plancheck.compare import targets_of
    from plancheck.readers import read_path
    from plancheck.targets import compatible

    def doc(name):
        from plancheck.matching import match_document

        d = extract(read_path(str(seeds / name)), SUITE)
        match_document(d, SUITE)
        return d

    programme = {(n.indicator, n.breakdown): (n.raw, n.line) for n in doc("tay-ninh-party-programme.txt").narrative}
    assert len(programme) == 31
    assert programme[("ncc_living_standard", None)] == ("100%", 20)
    assert programme[("allowance_pregnant_women", None)] == ("100%", 28)  # one value, three indicators
    assert programme[("clean_water", "urban")] == ("100%", 46) and programme[("clean_water", "rural")] == ("80%", 46)
    assert {programme[(i, None)] for i in ("household_sanitation", "school_sanitation",
                                           "health_station_sanitation")} == {("100%", 48)}
    assert programme[("life_expectancy", None)] == ("khoảng 75 tuổi", 32)
    # the plan's body states no target of the suite: "quy mô 150 giường", "40 - 45% học sinh" are no reading
    assert doc("tay-ninh-plan.txt").narrative == []
    # Khánh Hòa's body restates its annex: every statement agrees, but for the annex's typo "> 975"
    kh = doc("khanh-hoa-plan.txt")
    body, kh.narrative = kh.narrative, []
    annex = targets_of(kh, SUITE)
    assert len(body) == 34
    disagree = [n.indicator for n in body
                if not compatible(parse_target(annex[(n.indicator, n.year, n.breakdown)][0]), parse_target(n.raw))]
    assert disagree == ["lower_secondary_enrolment_age"]


_TOKENS = ["Tỷ lệ", "tỉ lệ", "đạt", "trên", "dưới", "khoảng", "tối thiểu", "5%", "99,5%", "11.900", "2025", "năm",
           "đến năm 2030", "giai đoạn 2021-2025", ",", ";", ".", "và", "trong đó", "hộ gia đình", "thành thị",
           "bác sĩ", "/1 vạn dân", "trên 10.000 dân", "từ", "trở lên", "giảm", "tăng", "(", "(%):", ")", ":", "-",
           "ngày 24/11/2023", "42-NQ/TW", "dân số tham gia bảo hiểm y tế", "kết quả", "phấn đấu", "tuổi", "m2"]


@settings(deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TOKENS), max_size=60), max_size=6), st.text(max_size=30))
def test_reading_prose_never_raises(paragraphs, noise):
    blocks = [Paragraph(" ".join(words) + noise, Location(line=k + 1)) for k, words in enumerate(paragraphs)]
    for nt in extract_narrative(blocks, SUITE, None):
        assert nt.indicator in SUITE.indicators and parse_target(nt.raw).numeric


_NAMES = sorted({n for i in SUITE.indicators.values() for n in (i.name, *i.aliases)})


@settings(deadline=None)
@given(st.sampled_from(_NAMES), st.integers(0, 60), st.integers(0, 60), st.sampled_from(
    ["", " của tỉnh", " trên địa bàn tỉnh đạt", " và tỷ lệ", "Phấn đấu ", "60% "]))
@example("Tỷ lệ trẻ sơ sinh đến 6 tuổi được sàng lọc phát hiện, can thiệp sớm khuyết tật bẩm sinh, rối loạn phát "
         "triển và can thiệp sớm các dạng khuyết tật", 28, 39, "")  # a score of 90.0 after a product
def test_the_cheap_bound_of_the_matcher_never_excludes_a_match(name, cut_head, cut_tail, extra):
    """``Matcher.could_reach`` lets the prose reader skip spans; it must never skip one the
    matcher would accept."""
    text = name[cut_head // 4: len(name) - cut_tail] + extra if cut_tail % 2 else extra + name[cut_head:]
    m = SUITE.matcher.match(text)
    for score in (80.0, 90.0, 97.0):
        if m.score >= score:
            assert SUITE.matcher.could_reach(text, score), (text, m)
