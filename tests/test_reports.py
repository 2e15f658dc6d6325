"""Reports of issue 24, end to end on real input: a comparison of seven provincial plans that
hides no conflict, the follow-up workbook as LibreOffice prints it, counters that mean what
they say (with a baseline too), ``--statistics`` and ``--format concise``, and a text table
that fits the terminal."""

import json
import shutil

import pytest
from click.testing import CliRunner

from plancheck.cli import main

from .conftest import ROOT, SAMPLES

UNSEEN = ROOT / "tests" / "data" / "unseen"
# seven plans of seven provinces: the sample (Hà Giang) and six written by a helper acting as a
# new user (tests/data/unseen/DEFECTS.txt lists their planted defects); Bến Tre's annual plan
# states no 2030 targets
SEVEN = [SAMPLES / "ha-giang-plan.txt", UNSEEN / "A-quang-ngai-plan.docx", UNSEEN / "K-ha-tinh-plan.docx",
         UNSEEN / "D-binh-dinh-annex.xlsx", UNSEEN / "E-lam-dong-onecell-empties.txt", UNSEEN / "G-gia-lai-plan.md",
         UNSEEN / "I-ben-tre-plan-2025.docx"]


def invoke(*args, columns: int | None = None):
    env = {"COLUMNS": str(columns)} if columns else None
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- compare


@pytest.fixture(scope="module")
def seven_json():
    r = invoke("compare", *SEVEN, "--format", "json")
    assert r.exit_code == 1, r.output
    return json.loads(r.output)


def test_a_conflict_is_different_even_when_some_plan_is_silent(seven_json):
    """Unemployment 2030 is "< 30" in Quảng Ngãi's plan and "< 3" in five others; Bến Tre's
    annual plan states nothing for 2030. The row is different, and says who is silent."""
    rows = {(r["indicator"], r["year"], r["breakdown"]): r for r in seven_json["discrepancies"]}
    unemployment = rows[("unemployment", 2030, None)]
    assert unemployment["status"] == "different"
    assert unemployment["values"]["A-quang-ngai-plan.docx"] == "< 30"
    assert sorted(v for v in unemployment["values"].values() if v) == ["< 3"] * 5 + ["< 30"]
    assert unemployment["missing_from"] == ["I-ben-tre-plan-2025.docx"]
    # the other planted conflicts of tests/data/unseen, each next to plans that state nothing
    doctors = rows[("doctors", 2030, None)]
    assert doctors["status"] == "different" and doctors["values"]["K-ha-tinh-plan.docx"] == "1,9"
    assert doctors["values"]["D-binh-dinh-annex.xlsx"] == "190" and doctors["missing_from"] == [
        "I-ben-tre-plan-2025.docx"]
    stunting = rows[("stunting", 2030, None)]
    assert stunting["status"] == "different" and stunting["values"]["A-quang-ngai-plan.docx"] == "> 12"
    assert stunting["missing_from"] == ["ha-giang-plan.txt", "I-ben-tre-plan-2025.docx"]
    # every row: different exactly when two statements disagree; missing_from is who states nothing
    for r in seven_json["discrepancies"]:
        assert r["missing_from"] == [n for n, v in r["values"].items() if v is None]
        if r["status"] == "same":
            assert not r["missing_from"]
        if r["status"] == "missing":
            assert r["missing_from"]
    # each province from the plan's own header; a row carries them
    provinces = [i["province"] for i in seven_json["document_info"]]
    assert provinces == ["Hà Giang", "Quảng Ngãi", "Hà Tĩnh", "Bình Định", "Lâm Đồng", "Gia Lai", "Bến Tre"]
    assert unemployment["provinces"]["A-quang-ngai-plan.docx"] == "Quảng Ngãi"
    assert seven_json["document_info"][0]["number"] == "1520/KH-UBND"


def test_the_summary_counts_each_status_once(seven_json):
    s, rows = seven_json["summary"], seven_json["discrepancies"]
    assert s["same"] + s["different"] + s["missing"] == s["total"] == s["shown"] == len(rows)
    assert s["different"] == sum(r["status"] == "different" for r in rows) >= 15
    assert s["different_and_missing"] == sum(r["status"] == "different" and bool(r["missing_from"]) for r in rows)
    assert 0 < s["different_and_missing"] < s["different"]
    assert s["shown_statuses"] == ["all"]


def test_the_seven_plan_text_fits_the_terminal_and_names_provinces(seven_json):
    r = invoke("compare", *SEVEN, "--lang", "en", columns=100)
    lines = r.output.splitlines()
    assert max(len(line) for line in lines) <= 100  # too wide as a table: each indicator-year in turn
    text = r.output
    block = text[text.index("Tỷ lệ thất nghiệp chung (2030): different"):]
    block = block[:block.index("\n\n")].splitlines()
    assert block[1].split() == ["<", "3", "Hà", "Giang", "(line", "40),", "Hà", "Tĩnh,", "Bình", "Định", "(line",
                                "12),", "Lâm", "Đồng", "(line", "52),", "Gia", "Lai", "(line", "34)"]
    assert block[2].split() == ["<", "30", "Quảng", "Ngãi"] and block[3].strip() == "not stated: Bến Tre"
    s = seven_json["summary"]
    summary = text[text.rindex("\n\n") + 2:].replace("\n    ", " ").splitlines()  # unwrapped
    assert summary[0].startswith(f"{s['different']} of {s['total']} indicator-years shown (--status different: ")
    assert summary[1].startswith(f"Compared: {s['different']} different ({s['different_and_missing']} of them not "
                                f"stated by some document), {s['missing']} missing from some document")
    assert any(line.startswith("  Quảng Ngãi  /") and line.endswith("/A-quang-ngai-plan.docx, 251/KH-UBND (12/08/2024)")
               for line in lines)
    # --status missing: every indicator-year some plan does not state, the different ones too
    missing = json.loads(invoke("compare", *SEVEN, "--format", "json", "--status", "missing").output)
    assert missing["summary"]["shown"] == s["missing"] + s["different_and_missing"]
    assert {r["status"] for r in missing["discrepancies"]} == {"missing", "different"}
    vi = invoke("compare", *SEVEN, columns=100).output
    assert "Tỷ lệ thất nghiệp chung (2030): khác nhau" in vi and "không nêu: Bến Tre" in vi
    assert vi[vi.rindex("\n\n"):].replace("\n    ", " ").splitlines()[-1].startswith(
        f"Kết quả so sánh: {s['different']} khác nhau ({s['different_and_missing']} trong số đó có văn bản không nêu)")


def test_the_seven_plan_spreadsheets_carry_the_provinces(tmp_path):
    import csv
    import io

    from openpyxl import load_workbook

    rows = list(csv.reader(io.StringIO(invoke("compare", *SEVEN, "--format", "csv", "--lang", "en").output)))
    assert rows[0][2:4] == ["Hà Giang (ha-giang-plan.txt)", "Quảng Ngãi (A-quang-ngai-plan.docx)"]
    assert rows[0][-3:] == ["Status", "Not stated in", "More ambitious"]
    unemployment = next(r for r in rows if r[0] == "Tỷ lệ thất nghiệp chung" and r[1] == "2030")
    assert unemployment[-3:-1] == ["different", "Bến Tre"]
    out = tmp_path / "seven.xlsx"
    invoke("compare", *SEVEN, "--format", "xlsx", "-o", out)
    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][2] == "Hà Giang (ha-giang-plan.txt)" and values[0][-2] == "Văn bản không nêu"
    assert any(v[0] == "Tỷ lệ thất nghiệp chung" and v[1] == 2030 and v[3] == "< 30" and v[-3] == "khác nhau"
               and v[-2] == "Bến Tre" for v in values)


def test_values_that_read_the_same_are_the_same(tmp_path):
    """Notation is no conflict: 11.900 and 11 900 (thousands), ≥ 80 and tối thiểu 80; a plan
    that states nothing leaves the others the same."""
    head = "name,unit,2025,2030\n"
    housing = "Xây dựng căn hộ nhà ở xã hội cho người thu nhập thấp"
    docs = {"a.csv": f"{head}{housing},căn hộ,,11.900\n", "b.csv": f"{head}{housing},căn hộ,,11 900\n",
            "c.csv": f"{head}{housing},căn hộ,,\n"}
    paths = []
    for name, text in docs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    r = invoke("compare", *paths, "--format", "json")
    row = next(x for x in json.loads(r.output)["discrepancies"] if x["year"] == 2030)
    assert r.exit_code == 0 and row["status"] == "missing" and row["missing_from"] == ["c.csv"]
    (tmp_path / "c.csv").write_text(f"{head}{housing},căn hộ,,5.500\n", encoding="utf-8")
    r = invoke("compare", *paths, "--format", "json")
    assert r.exit_code == 1 and json.loads(r.output)["discrepancies"][0]["status"] == "different"
    from plancheck.compare import agree, reading

    for a, b in [("660.085", "660 085"), ("≥ 80", "tối thiểu 80"), ("1 000 000", "1.000.000"),
                 ("Duy trì 100% (đạt chuẩn)", "duy trì 100% (đạt chuẩn)")]:
        assert agree((a, reading(a)), (b, reading(b))), (a, b)
    for a, b in [("660.085", "660 08"), ("< 3", "< 30"), ("10 15", "10.015")]:
        assert not agree((a, reading(a)), (b, reading(b))), (a, b)
