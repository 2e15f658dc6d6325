"""The national suite, its schema, and matching real row names to indicator ids."""

import pytest

from plancheck.catalogue import load_suite
from plancheck.errors import InputError
from plancheck.textnorm import canonical, fold, same_words


def test_national_suite_loads():
    suite = load_suite("national")
    assert len(suite.indicators) >= 90
    for ind in suite.indicators.values():
        assert ind.name and ind.section in ("ncc", "labour", "human_resources", "insurance", "social_assistance",
                                            "education", "health", "culture_information", "housing",
                                            "water_sanitation")
        for year, nv in ind.national.items():
            assert year in (2025, 2030)
            # a value names its document: a declared source, or the suite's reference (68/NQ-CP)
            assert nv.source in suite.sources or (nv.source == "" and nv.document is suite.reference)
            assert nv.document.date and nv.document.issuer
            assert nv.target.kind != "unreadable"


def test_national_values_from_the_resolution():
    s = load_suite("national").indicators
    assert s["unemployment"].national[2030].raw == "< 3"
    assert s["social_insurance"].national[2030].raw == "60"
    assert s["unemployment_insurance"].national[2030].raw == "45"
    assert s["health_insurance"].national[2030].raw == "> 95"
    assert s["hospital_beds"].national[2030].raw == "35"
    assert s["doctors"].national[2030].raw == "19"
    assert s["life_expectancy"].national[2025].raw == "74,5"


def _write(tmp_path, text):
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_bad_suite_names_file_and_line(tmp_path):
    path = _write(tmp_path, "suite: x\nindicators:\n  - id: a\n    section: s\n    name: A\n    type: percentage\n"
                            "    direction: higher\n")
    with pytest.raises(InputError, match=r"bad.yaml:6:11: .*'percentage' is not one of"):
        load_suite(path)


def test_unknown_key_rejected(tmp_path):
    path = _write(tmp_path, "suite: x\nindicators:\n  - id: a\n    section: s\n    name: A\n    type: percent\n"
                            "    direction: higher\n    colour: red\n")
    with pytest.raises(InputError, match=r"bad.yaml:8:5: .*unknown key 'colour'"):
        load_suite(path)


def test_yaml_cannot_construct_objects(tmp_path):
    path = _write(tmp_path, "suite: !!python/object/apply:os.system ['echo hi']\nindicators: []\n")
    with pytest.raises(InputError, match="bad.yaml"):
        load_suite(path)


def test_spelling_variants():
    assert same_words("Tỉ lệ", "Tỷ lệ")
    assert same_words("kĩ năng", "kỹ năng")
    assert same_words("khoẻ", "khỏe")
    assert same_words("Xoá bỏ", "Xóa bỏ")
    assert same_words("hằng tháng", "hàng tháng")
    assert not same_words("Tiêu học", "Tiểu học")
    assert fold("Tiêu học") == fold("Tiểu học")
    assert canonical("bác sỹ") == "bác sĩ"


@pytest.mark.parametrize("name,expected", [
    ("Tỉ lệ LLLĐ trong độ tuổi tham gia BHXH", "social_insurance"),
    ("Tỷ lệ LLLĐ trong độ tuổi tham gia BHTN", "unemployment_insurance"),
    ("<i>Phấn đấu số bác sỹ</i>", "doctors"),
    ("Số bác sỹ", "doctors"),
    ("Số năm sống khoẻ", "healthy_life_years"),
    ("Tỷ lệ lao động có các kĩ năng công nghệ thông tin", "labour_ict_skills"),
    ("Mức sinh thay thế (Quốc gia)", "replacement_fertility"),
    ("Tỉ lệ diêm dân cư nông thôn tập trung có hệ thống thu gom nước thải sinh hoạt", "rural_wastewater_collection"),
    ("Tỷ lệ người nghèo, người có công với cách mạng, đối tượng chính sách và người yếu thế thuộc diện người được "
     "trợ giúp pháp lý tiếp cận và được", "legal_aid"),  # truncated row name
    ("Tỉ lệ cơ sở trợ giúp xã hội công lập triển khai các hoạt động trợ giúp phòng ngừa, ứng phó với bạo lực trên "
     "cơ sở giới", "gbv_public_facilities"),  # wrapped over a page break, joined
])
def test_matching_variants(name, expected):
    assert load_suite().matcher.match(name).indicator == expected


def test_unknown_row_has_candidates():
    m = load_suite().matcher.match("Tỷ lệ xã có nhà văn hóa đạt chuẩn")
    assert m.indicator is None and len(m.candidates) == 3


def test_every_seed_annex_row_matches(seeds):
    """All indicator rows of both real annexes match an indicator (none is silently dropped)."""
    from plancheck.extract import extract
    from plancheck.readers import read_path

    suite = load_suite()
    for name in ("tay-ninh-plan.txt", "khanh-hoa-plan.txt"):
        doc = extract(read_path(str(seeds / name)), suite)
        rows = [r for t in doc.tables if t.kind == "indicator" for r in t.rows if r.role == "indicator"]
        assert len(rows) >= 85
        unmatched = [r.name for r in rows if suite.matcher.match(r.name).indicator is None]
        assert unmatched == [], unmatched
