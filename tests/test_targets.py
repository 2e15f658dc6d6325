"""The target-expression parser: examples from real plans and hypothesis properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.targets import (TargetValue, canonical_unit, compatible, format_number, format_target, parse_target,
                               read_number)

EXAMPLES = [
    ("< 3", "upper", None, 3.0, False, True),
    ("28-30", "range", 28.0, 30.0, False, False),
    ("95- 97", "range", 95.0, 97.0, False, False),
    ("1-1,5", "range", 1.0, 1.5, False, False),
    ("từ 25 đến 30", "range", 25.0, 30.0, False, False),
    ("> 95", "lower", 95.0, None, True, False),
    (">=2", "lower", 2.0, None, False, False),
    ("≥ 68", "lower", 68.0, None, False, False),
    ("Từ 50 trở lên", "lower", 50.0, None, False, False),
    ("tối thiểu 95", "lower", 95.0, None, False, False),
    ("ít nhất 80%", "lower", 80.0, None, False, False),
    ("không thấp hơn 60", "lower", 60.0, None, False, False),
    ("trên 60%", "lower", 60.0, None, True, False),
    ("cao hơn 40%", "lower", 40.0, None, True, False),
    ("dưới 3%", "upper", None, 3.0, False, True),
    ("không quá 5", "upper", None, 5.0, False, False),
    ("tối đa 10", "upper", None, 10.0, False, False),
    ("11.900", "exact", 11900.0, 11900.0, False, False),
    ("99,5", "exact", 99.5, 99.5, False, False),
    ("10.996", "exact", 10996.0, 10996.0, False, False),
    ("khoảng 33", "approx", 33.0, 33.0, False, False),
    ("đạt 99,5%", "exact", 99.5, 99.5, False, False),
    ("> 0,7", "lower", 0.7, None, True, False),
]


@pytest.mark.parametrize("raw,kind,lo,hi,lo_strict,hi_strict", EXAMPLES)
def test_examples(raw, kind, lo, hi, lo_strict, hi_strict):
    t = parse_target(raw)
    assert (t.kind, t.lo, t.hi, t.lo_strict, t.hi_strict) == (kind, lo, hi, lo_strict, hi_strict)


@pytest.mark.parametrize("raw", ["-", "", "  ", "—", None])
def test_no_target(raw):
    assert parse_target(raw).kind == "none"


@pytest.mark.parametrize("raw,level,kind", [
    ("Hoàn thành", "hoan_thanh", "level"), ("Duy trì", "duy_tri", "level"),
    ("Bảo đảm vững chắc", "bao_dam_vung_chac", "level"), ("Đảm bảo vững chắc", "bao_dam_vung_chac", "level"),
    ("Giải quyết cơ bản", "giai_quyet_co_ban", "level"), ("Xoá bỏ hoàn toàn", "xoa_bo_hoan_toan", "level"),
    ("Xóa bỏ hoàn toàn", "xoa_bo_hoan_toan", "level"), ("Tiểu  học", "tieu_hoc", "school"),
    ("THCS", "thcs", "school"), ("Trung học phổ thông", "thpt", "school"),
])
def test_levels(raw, level, kind):
    t = parse_target(raw)
    assert (t.kind, t.level, t.spelling) == (kind, level, None)


def test_misspelled_level_is_read_and_flagged():
    t = parse_target("Tiêu học")
    assert (t.kind, t.level, t.spelling) == ("school", "tieu_hoc", "Tiêu học")


def test_units_and_notes_inside_values():
    assert parse_target("70%").unit == "%"
    assert parse_target("30,0m2").unit == "m2/người"
    assert parse_target("khoảng 30,0m 2  sàn/người").lo == 30.0
    t = parse_target("100 (duy trì)")
    assert (t.kind, t.lo, t.note) == ("exact", 100.0, "duy trì")
    assert parse_target("100  (hiện nay đã đạt)").note == "hiện nay đã đạt"


def test_ambiguous_notation_decided_by_bounds():
    # Vietnamese reading first; the indicator's range decides when it cannot hold
    assert read_number("11.900") == (11900.0, "vi", 11.9)
    assert read_number("11.900", (0, 100)) == (11.9, "en", 11900.0)
    assert read_number("99.5") == (99.5, "en", None)
    assert parse_target("11.900", (0, 100)).reading == "en"
    assert parse_target("48.749", (0, 10**7)).lo == 48749.0


def test_unreadable_is_a_value_not_an_exception():
    assert parse_target("dưới ba phần trăm lắm").kind == "unreadable"


def test_canonical_units():
    assert canonical_unit("m <sup>2</sup> sàn/người") == "m2/người"
    assert canonical_unit("m 2  sàn/ người") == "m2/người"
    assert canonical_unit("%/năm") == "%/năm"
    assert canonical_unit("Giường") == "giường"
    assert canonical_unit("Bậc học") == "bậc học"
    assert canonical_unit("") is None


def test_compatible_statements():
    p = parse_target
    assert compatible(p("95"), p("tối thiểu 95"))
    assert compatible(p("33"), p("khoảng 33"))
    assert compatible(p("> 60"), p("trên 60%"))
    assert compatible(p("35-40"), p("35 - 40%"))
    assert not compatible(p("> 3"), p("< 3"))
    assert not compatible(p("35"), p("32"))
    assert not compatible(p("> 95"), p("> 70"))


def test_format_number_vietnamese():
    assert format_number(11900) == "11.900"
    assert format_number(97.5) == "97,5"
    assert format_number(1000.25) == "1.000,25"


# ---------------------------------------------------------------- properties

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**7).map(float),
    st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False).map(float),
)
units = st.sampled_from([None, "%", "%/năm", "tuổi", "năm", "lần", "giường", "căn hộ", "người", "m2/người"])
notes = st.sampled_from([None, "duy trì", "hiện nay đã đạt"])


@st.composite
def targets(draw):
    kind = draw(st.sampled_from(["none", "exact", "approx", "lower", "upper", "range", "level", "school"]))
    note = draw(notes)
    if kind == "none":
        return TargetValue("none", note=None)
    if kind == "level":
        return TargetValue("level", level=draw(st.sampled_from(
            ["hoan_thanh", "duy_tri", "bao_dam_vung_chac", "giai_quyet_co_ban", "xoa_bo_hoan_toan"])), note=note)
    if kind == "school":
        return TargetValue("school", level=draw(st.sampled_from(["mam_non", "tieu_hoc", "thcs", "thpt"])), note=note)
    unit = draw(units)
    a = draw(numbers)
    if kind == "range":
        b = draw(numbers)
        lo, hi = sorted((a, b))
        if lo == hi:
            hi = round(lo + 1, 2)
        return TargetValue("range", lo=lo, hi=hi, unit=unit, note=note)
    if kind == "lower":
        return TargetValue("lower", lo=a, lo_strict=draw(st.booleans()), unit=unit, note=note)
    if kind == "upper":
        return TargetValue("upper", hi=a, hi_strict=draw(st.booleans()), unit=unit, note=note)
    return TargetValue(kind, lo=a, hi=a, unit=unit, note=note)


def _meaning(t: TargetValue):
    return (t.kind, t.lo, t.hi, t.lo_strict, t.hi_strict, t.level, t.unit, t.note)


@given(targets())
@settings(max_examples=400, deadline=None)
def test_roundtrip(t):
    printed = format_target(t)
    assert _meaning(parse_target(printed)) == _meaning(t), printed


@given(st.text(max_size=80))
@settings(max_examples=500, deadline=None)
def test_never_raises_on_text(s):
    t = parse_target(s)
    assert t.kind in ("none", "exact", "approx", "lower", "upper", "range", "level", "school", "unreadable")


@given(st.one_of(
    st.from_regex(r"[<>≤≥]?\s?\d{1,4}([.,]\d{1,3})?\s?(%|tuổi)?", fullmatch=True),
    st.from_regex(r"\d{1,4}([.,]\d{1,3})?\s?-\s?\d{1,4}([.,]\d{1,3})?\s?%?", fullmatch=True),
))
@settings(max_examples=300, deadline=None)
def test_target_like_text_is_read(s):
    assert parse_target(s).kind != "unreadable", s
