"""Reports of issue 24, end to end on real input: a comparison of seven provincial plans that
hides no conflict, the follow-up workbook as LibreOffice prints it, counters that mean what
they say (with a baseline too), ``--statistics`` and ``--format concise``, and a text table
that fits the terminal."""

import json

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


# ---------------------------------------------------------------- the follow-up workbook


def _lint_workbook(out, *paths, lang="vi"):
    r = invoke("lint", *paths, "--format", "xlsx", "-o", out, "--fail-on", "never", "--lang", lang)
    assert r.exit_code in (0, 2), r.output  # 2: tests/data/unseen holds files that are no plans
    from openpyxl import load_workbook

    return load_workbook(out)


def _table(ws) -> tuple[int, int]:
    """The first (header) and last rows of a sheet's table: the header row is printed on
    every page, the filters cover the table."""
    from openpyxl.utils.cell import range_boundaries

    first, last = ws.print_title_rows.replace("$", "").split(":")
    assert first == last
    _, top, _, bottom = range_boundaries(ws.auto_filter.ref)
    assert top == int(first)
    return top, bottom


def _header_row(ws) -> int:
    return _table(ws)[0]


@pytest.fixture(scope="module")
def everything(seeds, tmp_path_factory):
    """The follow-up workbook of every plan of the repository (the seeds, the samples, the
    unseen plans and the files beside them that are no plans), and its JSON report."""
    out = tmp_path_factory.mktemp("workbook") / "followup.xlsx"
    wb = _lint_workbook(out, seeds, SAMPLES, UNSEEN)
    report = json.loads(invoke("lint", seeds, SAMPLES, UNSEEN, "--format", "json", "--fail-on", "never").stdout)
    return out, wb, report


def test_the_workbook_has_a_sheet_per_province_ready_to_print(everything):
    from plancheck.reporters.sheetlayout import row_height

    _, wb, _ = everything
    assert wb.sheetnames[0] == "Tổng hợp"
    provinces = wb.sheetnames[1:]
    for name in ("Khánh Hòa", "Tây Ninh", "Hà Giang", "Quảng Ngãi", "Hà Tĩnh", "Bình Định", "Lâm Đồng", "Gia Lai",
                 "Bến Tre", "Quảng Nam"):
        assert name in provinces
    # a document that names no province: a sheet named by its file
    assert "binh-phuoc-2025" in provinces and "J-ninh-thuan-2025" in provinces
    assert len({n.casefold() for n in wb.sheetnames}) == len(wb.sheetnames)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in wb.sheetnames)
    for ws in wb.worksheets:
        header, last = _table(ws)
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.freeze_panes == f"A{header + 1}" and ws.auto_filter.ref.startswith(f"A{header}:")
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[header]]
        for r in range(1, last + 1):  # every row as high as its wrapped text
            if r < header:  # a title, across the table
                cell = ws.cell(r, 1)
                assert ws.row_dimensions[r].height >= row_height([cell.value], [sum(widths)], bool(cell.font.b),
                                                                 cell.font.sz or 11), (ws.title, r)
                continue
            values = [c.value for c in ws[r][:len(widths)]]
            assert ws.row_dimensions[r].height >= row_height(values, widths, bold=r == header), (ws.title, r)
    tay_ninh = wb["Tây Ninh"]  # two documents: each named at the top, a column says which
    assert tay_ninh["A1"].value == "Tây Ninh"
    tops = [tay_ninh.cell(r, 1).value for r in (2, 3)]
    assert any("tay-ninh-plan.txt" in t and "2860/KH-UBND" in t and "18/09/2024" in t for t in tops)
    assert any("tay-ninh-party-programme.txt" in t and "Chương trình hành động" in t for t in tops)
    header = _header_row(tay_ninh)
    assert [c.value for c in tay_ninh[header]][:2] == ["Văn bản", "Vị trí"]
    khanh_hoa = wb["Khánh Hòa"]  # one document: named at the top only
    header = _header_row(khanh_hoa)
    assert [c.value for c in khanh_hoa[header]][0] == "Vị trí"
    typo = next(row for row in khanh_hoa.iter_rows(min_row=header + 1, values_only=True) if row[8] == "Y001")
    assert typo[0] == 547 and typo[5] == "> 975" and typo[10] == "> 97,5"


def test_the_summary_sheet_counts_per_province_and_rule(everything):
    _, wb, report = everything
    ws = wb["Tổng hợp"]
    header, last = _table(ws)
    head = [c.value for c in ws[header]]
    assert head[:8] == ["Tỉnh", "Trang tính", "Văn bản (tệp, số, ngày)", "Trạng thái", "Tổng số", "Lỗi", "Cảnh báo",
                        "Thông tin"]
    rules = head[8:]
    assert rules == sorted({f["rule"] for f in report["findings"]})
    rows = list(ws.iter_rows(min_row=header + 1, max_row=last, values_only=True))
    by_province = {r[0]: r for r in rows if r[3] == "đã kiểm tra"}
    province_of = {f["path"]: (f["metadata"] or {}).get("province") for f in report["files"]}
    for province in ("Tây Ninh", "Lâm Đồng"):
        mine = [f for f in report["findings"] if province_of[f["path"]] == province]
        row = by_province[province]
        assert row[4] == len(mine) == sum(n or 0 for n in row[8:])
        for rule, n in zip(rules, row[8:]):
            assert (n or 0) == sum(f["rule"] == rule for f in mine)
    assert sum(r[4] for r in rows) == report["summary"]["total"]
    unreadable = [r for r in rows if r[3] == "không đọc được"]
    assert len(unreadable) == report["summary"]["files_with_errors"] > 0
    # the rules met, each with its name and message, under the table
    legend = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(last + 1, ws.max_row + 1)}
    assert legend["Y001"] == "likely-typo" and set(rules) <= set(legend)


def _soffice_calc():
    """LibreOffice with Calc, or the reason the test cannot use it."""
    import glob
    import os

    from plancheck.readers import legacy

    program = legacy.soffice()
    if program is None:
        return None, ("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui "
                      "(the printed workbook is not checked)")
    folder = os.path.dirname(os.path.realpath(program))
    if not glob.glob(os.path.join(folder, "*sclo*")):  # Calc's library: libsclo.so, sclo.dll
        return None, "LibreOffice Calc is not installed: apt-get install libreoffice-calc-nogui"
    return program, None


def printed(path):
    """The workbook at ``path`` as LibreOffice prints it: a PDF document (pypdfium2)."""
    import pypdfium2 as pdfium

    from plancheck.readers import legacy

    program, reason = _soffice_calc()
    if program is None:
        pytest.skip(reason)
    return pdfium.PdfDocument(legacy.convert(path.read_bytes(), str(path), "xlsx", "pdf", timeout=180,
                                             program=program))


def overflowing_text(page) -> list[tuple[str, float]]:
    """The characters of a printed page that lie across a row's border or below the table's
    last one: the text of a row taller than the row. (Every table row has borders; the title
    rows are above the table, the page number below the bottom margin.)"""
    import pypdfium2.raw as raw

    lines = []
    for obj in page.get_objects(max_depth=5):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if top - bottom < 2 and right - left > 5:  # a horizontal border
                lines.append((left, right, (bottom + top) / 2))
    if not lines:
        return []
    x0, x1 = min(l[0] for l in lines), max(l[1] for l in lines)
    lowest = min(l[2] for l in lines)
    margin = 0.6 * 72  # the bottom margin: the page number is below it
    text = page.get_textpage()
    bad = []
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = text.get_charbox(i)
        x = (left + right) / 2
        if not x0 <= x <= x1 or top < margin:
            continue
        crossed = any(a <= x <= b and bottom + 0.3 < y < top - 0.3 for a, b, y in lines)
        if crossed or top <= lowest + 0.3:
            bad.append((ch, round(bottom, 1)))
    return bad


def test_libreoffice_prints_the_workbook_landscape_fit_to_width_with_rows_that_hold_their_text(seeds, tmp_path,
                                                                                                everything):
    out = tmp_path / "seeds.xlsx"
    _lint_workbook(out, seeds)
    pdf = printed(out)
    # the summary and the two provinces of the seeds (Khánh Hòa, Tây Ninh): a page each
    assert len(pdf) == 3
    for i in range(len(pdf)):
        width, height = pdf[i].get_size()
        assert width > height  # landscape
        assert overflowing_text(pdf[i]) == []
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert "Tây Ninh" in pages[2] and "Ý kiến giải trình của tỉnh" in pages[2]  # the last column: fit to width
    assert "Trang 3/3" in pages[2]
    # every plan of the repository: each page holds its table's header row, no row is shorter
    # than its text, and the pages are few (135 portrait pages before the workbook was laid out)
    big, wb, _ = everything
    pdf = printed(big)
    assert len(wb.sheetnames) <= len(pdf) <= len(wb.sheetnames) + 4
    for i in range(len(pdf)):
        page = pdf[i]
        width, height = page.get_size()
        assert width > height
        assert overflowing_text(page) == [], i
        text = page.get_textpage().get_text_range()
        sheet = text.strip().splitlines()[0].strip()  # the sheet's name at the top of each page
        assert sheet in wb.sheetnames
        assert ("Ý kiến giải trình của tỉnh" if sheet != "Tổng hợp" else "Văn bản (tệp, số, ngày)") in text
    assert len({pdf[i].get_textpage().get_text_range().strip().splitlines()[0].strip()
                for i in range(len(pdf))}) == len(wb.sheetnames)


# ---------------------------------------------------------------- counters and the baseline


def test_the_counters_mean_what_they_say(seeds):
    """files_with_errors has always counted the files that could not be read; the summary now
    also says how many files have an error finding, and how many could not be read."""
    r = invoke("lint", seeds, SAMPLES, UNSEEN, "--format", "json")
    assert r.exit_code == 2  # tests/data/unseen/expected.yaml is no plan
    doc = json.loads(r.stdout)
    s = doc["summary"]
    unreadable = [f["path"] for f in doc["files"] if f["status"] == "error"]
    assert s["files_unreadable"] == s["files_with_errors"] == len(unreadable) == 1
    assert unreadable[0].endswith("expected.yaml")
    with_errors = {f["path"] for f in doc["findings"] if f["severity"] == "error"}
    assert s["files_with_error_findings"] == len(with_errors) > 10
    assert s["hidden_by_baseline"] == 0
    # every field of the contract is still there, in its place
    assert list(s)[:9] == ["total", "by_severity", "by_category", "files", "files_with_errors", "files_skipped",
                           "error", "warning", "info"]


@pytest.fixture()
def baselined(seeds, tmp_path):
    """The Khánh Hòa plan with its 6 findings recorded in a baseline, then one new error."""
    plan = tmp_path / "khanh-hoa-plan.txt"
    plan.write_bytes((seeds / "khanh-hoa-plan.txt").read_bytes())
    base = tmp_path / "baseline.json"
    invoke("lint", plan, "--write-baseline", base)
    plan.write_text(plan.read_text(encoding="utf-8").replace("< 7,5", "> 7,5"), encoding="utf-8")
    return plan, base


def test_every_format_states_the_findings_the_baseline_hides(baselined, tmp_path):
    import csv
    import io

    from openpyxl import load_workbook

    plan, base = baselined
    args = ("lint", plan, "--baseline", base, "--lang", "en")
    said = "6 known findings hidden by the baseline"
    text = invoke(*args).stdout
    assert text.splitlines()[-1] == f"1 file, 1 finding: 1 error, 0 warnings, 0 info; {said}"
    vi = invoke("lint", plan, "--baseline", base).stdout.splitlines()[-1]
    assert vi.endswith("; 6 phát hiện đã biết (có trong tệp baseline) được ẩn")
    doc = json.loads(invoke(*args, "--format", "json").stdout)
    assert doc["summary"]["hidden_by_baseline"] == 6 and len(doc["findings"]) == doc["summary"]["total"] == 1
    r = invoke(*args, "--format", "csv")  # a CSV file has no place for it: said on stderr
    assert len(list(csv.reader(io.StringIO(r.stdout)))) == 2 and f"plancheck: {said}" in r.stderr
    sarif = json.loads(invoke(*args, "--format", "sarif").stdout)["runs"][0]
    assert sarif["properties"] == {"hiddenByBaseline": 6}
    assert {"level": "note", "message": {"text": said}} in sarif["invocations"][0]["toolExecutionNotifications"]
    assert invoke(*args, "--format", "github").stdout.splitlines()[-1] == f"::notice::{said}"
    assert invoke(*args, "--format", "concise").stdout.splitlines()[-1].endswith(said)
    assert invoke(*args, "--statistics").stdout.splitlines()[-1].endswith(said)
    page = tmp_path / "r.html"
    invoke(*args, "--format", "html", "-o", page)
    assert said in page.read_text(encoding="utf-8")
    book = tmp_path / "r.xlsx"
    invoke(*args, "--format", "xlsx", "-o", book)
    summary = load_workbook(book).worksheets[0]
    assert said in [summary.cell(r, 1).value for r in range(1, 5)]
    # without a baseline, nothing is said
    assert "baseline" not in invoke("lint", plan, "--lang", "en").stdout


# ---------------------------------------------------------------- --statistics, --format concise


def test_statistics_count_the_findings_per_rule(seeds):
    doc = json.loads(invoke("lint", seeds, SAMPLES, "--format", "json").stdout)
    from collections import Counter

    counts = Counter(f["rule"] for f in doc["findings"])
    stats = json.loads(invoke("lint", seeds, SAMPLES, "--statistics", "--format", "json").stdout)
    assert {s["code"]: s["count"] for s in stats} == dict(counts)
    assert [s["count"] for s in stats] == sorted(counts.values(), reverse=True)
    y001 = next(s for s in stats if s["code"] == "Y001")
    assert y001 == {"code": "Y001", "name": "likely-typo", "count": counts["Y001"], "severity": "error",
                    "category": "typo"}
    r = invoke("lint", seeds, SAMPLES, "--statistics", "--lang", "en")
    assert r.exit_code == 1  # as lint: errors were found
    lines = r.stdout.splitlines()
    assert len(lines) == len(counts) + 1 and lines[-1].startswith(f"{doc['summary']['files']} files, "
                                                                  f"{doc['summary']['total']} findings")
    first = lines[0].split()
    assert first[:4] == [str(stats[0]["count"]), stats[0]["code"], stats[0]["severity"], stats[0]["name"]]
    assert any(line.split()[1:] == ["Y001", "error", "likely-typo", "typo"] for line in lines)
    vi = invoke("lint", seeds, SAMPLES, "--statistics").stdout.splitlines()
    assert any(line.split()[1:] == ["Y001", "lỗi", "likely-typo", "Lỗi", "đánh", "máy"] for line in vi)
    r = invoke("lint", seeds, "--statistics", "--format", "csv")
    assert r.exit_code == 2 and "--statistics" in r.output


def test_concise_gives_one_line_per_finding(seeds):
    paths = (seeds / "khanh-hoa-plan.txt", SAMPLES / "ha-giang-plan.docx", SAMPLES / "quang-tri-2025.xlsx",
             UNSEEN / "expected.yaml")
    doc = json.loads(invoke("lint", *paths, "--format", "json", "--lang", "en").stdout)
    r = invoke("lint", *paths, "--format", "concise", "--lang", "en")
    assert r.exit_code == 2  # expected.yaml cannot be read
    lines = r.stdout.splitlines()
    findings = doc["findings"]
    assert len(lines) == len(findings) + 2  # the unreadable file, the summary
    for line, f in zip(lines, findings):
        assert line.startswith(f"{f['path']}:")
        assert f" {f['rule']} [{f['severity']}] " in line
    plan = str(seeds / "khanh-hoa-plan.txt")
    assert f"{plan}:547: Y001 [error] 2030: \"> 975\" is probably a typing error for \"> 97,5\"" in r.stdout
    assert lines[lines.index(next(l for l in lines if l.startswith(f"{plan}:547:")))].endswith(" -> > 97,5")
    assert any(line.startswith(f"{SAMPLES / 'ha-giang-plan.docx'}:table 1, row ") for line in lines)
    assert any(line.startswith(f"{SAMPLES / 'quang-tri-2025.xlsx'}:Chỉ tiêu!F5: ") for line in lines)
    assert lines[-2].startswith(f"{UNSEEN / 'expected.yaml'}: unreadable: ")
    assert lines[-1] == (f"4 files, {len(findings)} findings: {doc['summary']['error']} errors, "
                         f"{doc['summary']['warning']} warnings, {doc['summary']['info']} info; 1 file unreadable")
    vi = invoke("lint", *paths, "--format", "concise").stdout
    assert f"{plan}:547: Y001 [lỗi] 2030: Giá trị \"> 975\" có dấu hiệu lỗi đánh máy" in vi
    assert f"{SAMPLES / 'ha-giang-plan.docx'}:bảng 1, hàng " in vi and "không đọc được" in vi


# ---------------------------------------------------------------- the text table and the terminal


@pytest.mark.parametrize("columns", [220, 120, 100, 80, 60])
def test_the_text_report_fits_the_terminal(seeds, columns):
    from plancheck.reporters.table import width

    doc = json.loads(invoke("lint", seeds, SAMPLES, "--format", "json", "--lang", "en").stdout)
    out = invoke("lint", seeds, SAMPLES, "--lang", "en", columns=columns).stdout
    lines = out.splitlines()
    files = {f["path"] for f in doc["files"]}
    for line in lines:  # every line but a file's own (a path is never broken)
        if not any(line.startswith(f"{p}  (") for p in files):
            assert width(line) <= columns, line
    # nothing is lost: each finding's rule, and each word of its reason, is there
    words = out.split()
    for f in doc["findings"]:
        assert f["rule"] in words
    text = " ".join(words)
    assert all(w in text for w in "The body (paragraph 9) states".split())
    table = any(line.startswith("Where ") for line in lines)
    assert table == (columns >= 100)  # narrower: each finding as a block
    if not table:
        assert any(line.startswith("    Reason: ") for line in lines)
