"""Accepted forms per indicator: a row is checked against the indicator's forms and against
itself (its unit and its targets must state the same form)."""

from pathlib import Path

import pytest

from plancheck.catalogue import load_suite
from plancheck.errors import InputError

from .conftest import lint

NAME = "Hoàn thành phổ cập giáo dục mầm non cho trẻ mẫu giáo từ 3 đến 5 tuổi"


def _findings(tmp_path: Path, *rows: str, lang: str = "en") -> list:
    p = tmp_path / "plan.csv"
    p.write_text("indicator,name,unit,2025,2030\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return lint([p], lang=lang).findings


def test_level_with_its_unit_is_accepted(tmp_path):
    # common in real plans: "Hoàn thành phổ cập ..." | Mức độ | Hoàn thành
    assert _findings(tmp_path, f"preschool_universalisation,{NAME},Mức độ,-,Hoàn thành") == []


def test_rate_with_its_unit_is_accepted(tmp_path):
    assert _findings(tmp_path, f"preschool_universalisation,{NAME},%,-,100") == []


def test_unit_that_disagrees_with_its_own_value_is_the_defect(tmp_path):
    got = _findings(tmp_path, f"preschool_universalisation,{NAME},%,-,Hoàn thành")
    assert [(f.rule, f.year, f.value) for f in got] == [("U004", 2030, "Hoàn thành")]
    assert '"%"' in got[0].message and '"Mức độ"' in got[0].message and got[0].suggestion is None
    got = _findings(tmp_path, f"preschool_universalisation,{NAME},Mức độ,-,100")
    assert [(f.rule, f.value) for f in got] == [("U004", "100")]


def test_missing_unit_takes_the_form_of_the_value(tmp_path):
    got = _findings(tmp_path, f"preschool_universalisation,{NAME},,-,Hoàn thành")
    assert [(f.rule, f.suggestion) for f in got] == [("U001", "Mức độ")]


def test_unit_of_no_form_lists_every_accepted_unit(tmp_path):
    got = _findings(tmp_path, f"preschool_universalisation,{NAME},người,-,Hoàn thành")
    assert [f.rule for f in got] == ["U002"] and '"%" or "Mức độ"' in got[0].message
    vi = _findings(tmp_path, f"preschool_universalisation,{NAME},người,-,Hoàn thành", lang="vi")
    assert '"%" hoặc "Mức độ"' in vi[0].message


def test_indicator_with_one_form_still_needs_that_form(tmp_path):
    got = _findings(tmp_path, "health_insurance,Tỷ lệ dân số tham gia bảo hiểm y tế,%,95,Hoàn thành")
    assert [(f.rule, f.value) for f in got] == [("T002", "Hoàn thành")]


def test_forms_in_the_national_suite():
    suite = load_suite("national")
    for iid in ("preschool_universalisation", "literacy_level2"):
        assert [f.type for f in suite.indicators[iid].forms] == ["percent", "qualitative"]
    assert suite.indicators["health_insurance"].more_forms == ()


def test_form_schema_errors_name_the_line(tmp_path):
    p = tmp_path / "suite.yaml"
    p.write_text("suite: mine\nindicators:\n  - id: x\n    section: s\n    name: X\n    type: percent\n"
                 "    direction: higher\n    forms: [{type: level}]\n", encoding="utf-8")
    load_suite.cache_clear()
    with pytest.raises(InputError, match=r"suite.yaml:8:.*forms\[0\]\.type: 'level' is not one of"):
        load_suite(str(p))
