"""The reading stage, piece by piece: numbering, the header vocabulary and column roles, the
row classifier (tables of cases), the one-cell decoder (property-based), merged cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.extract.columns import Profile, column_role, header_hints, is_header_row, is_subheader_row
from plancheck.extract.numbering import parse_numbering, split_numbering
from plancheck.extract.rows import CONTINUATION, RowFeatures, classify
from plancheck.model import ColumnRole, Grid, Paragraph, RowRole

# ---------------------------------------------------------------- numbering


@pytest.mark.parametrize("text,style,parts", [
    ("IV", "roman", (4,)), ("IV.", "roman", (4,)), ("12", "arabic", (12,)), ("5.10", "decimal", (5, 10)),
    ("2.3.1", "decimal", (2, 3, 1)), ("a)", "letter", (1,)), ("đ", "letter", (5,)), ("-", "bullet", ()),
    ("+", "bullet", ()), ("(3)", "arabic", (3,)),
])
def test_numbering_values(text, style, parts):
    n = parse_numbering(text)
    assert n is not None and (n.style, n.parts) == (style, parts)


@pytest.mark.parametrize("text", ["", "Tỷ lệ", "2025", "1,5", "< 3", "IIII", "x1"])
def test_not_numbering(text):
    assert parse_numbering(text) is None


@pytest.mark.parametrize("name,number,rest", [
    ("1. Tỷ lệ thất nghiệp chung", "1", "Tỷ lệ thất nghiệp chung"),
    ("4.2 Tỷ lệ hộ nghèo", "4.2", "Tỷ lệ hộ nghèo"),
    ("4.2. Tỷ lệ hộ nghèo", "4.2", "Tỷ lệ hộ nghèo"),
    ("IV. Y tế", "IV", "Y tế"),
    ("a) Thành thị", "a", "Thành thị"),
    ("- Thành thị", "-", "Thành thị"),
    ("+ Chấm dứt các bệnh AIDS", "+", "Chấm dứt các bệnh AIDS"),
])
def test_number_typed_in_the_name(name, number, rest):
    n, got = split_numbering(name)
    assert n is not None and n.text == number and n.in_name and got == rest


@pytest.mark.parametrize("name", ["14 loại vắc xin", "100% xã đạt chuẩn", "Tỷ lệ 2 buổi/ngày", "- 5"])
def test_names_that_start_with_a_number_are_names(name):
    assert split_numbering(name) == (None, name)


def test_sibling_text():
    assert parse_numbering("4.2").sibling_text(3) == "4.3"
    assert parse_numbering("IV").sibling_text(5) == "V"
    assert parse_numbering("b").sibling_text(3) == "c"


# ---------------------------------------------------------------- header vocabulary and column roles

NO_CONTENT = Profile.of([])


def _profile(*texts):
    return Profile.of(list(texts))


@pytest.mark.parametrize("path,profile,role,year", [
    (("TT",), NO_CONTENT, ColumnRole.LABEL, None),
    (("STT",), NO_CONTENT, ColumnRole.LABEL, None),
    (("Chỉ tiêu",), _profile("Tỷ lệ thất nghiệp chung", "Tỷ lệ hộ nghèo đa chiều"), ColumnRole.NAME, None),
    (("Đơn vị tính",), NO_CONTENT, ColumnRole.UNIT, None),
    (("ĐVT",), NO_CONTENT, ColumnRole.UNIT, None),
    (("Mục tiêu", "Đến năm 2025"), NO_CONTENT, ColumnRole.TARGET, 2025),
    (("Mục tiêu phấn đấu thực hiện", "Năm 2030"), NO_CONTENT, ColumnRole.TARGET, 2030),
    (("Chỉ tiêu phấn đấu", "Giai đoạn 2026-2030"), NO_CONTENT, ColumnRole.TARGET, 2030),
    (("Phấn đấu đến năm 2030",), NO_CONTENT, ColumnRole.TARGET, 2030),
    (("2025",), NO_CONTENT, ColumnRole.TARGET, 2025),
    (("Thực hiện năm 2023",), _profile("3,1", "45"), ColumnRole.ACTUAL, 2023),
    (("Ước thực hiện 2024",), NO_CONTENT, ColumnRole.ACTUAL, 2024),
    (("Hiện trạng",), NO_CONTENT, ColumnRole.OTHER, None),
    (("Theo Nghị quyết 42-NQ/TW",), _profile("X", "", "x"), ColumnRole.SOURCE, None),
    (("Ghi chú", "Chỉ tiêu theo Nghị quyết 68"), _profile("x", "", "x"), ColumnRole.SOURCE, None),
    (("Ghi chú", "Chỉ tiêu của Tỉnh ủy"), _profile("x", "x", ""), ColumnRole.SOURCE, None),
    (("Cơ quan chủ trì",), NO_CONTENT, ColumnRole.AGENCY, None),
    (("Cơ quan, đơn vị theo dõi, đánh giá",), NO_CONTENT, ColumnRole.AGENCY, None),
    (("Cơ quan chủ trì theo dõi đánh giá, báo cáo",), NO_CONTENT, ColumnRole.AGENCY, None),
    (("Ghi chú",), _profile("duy trì", ""), ColumnRole.NOTE, None),
    (("Nhiệm vụ, chương trình, đề án",), NO_CONTENT, ColumnRole.TASK, None),
    (("Thời gian thực hiện",), NO_CONTENT, ColumnRole.DETAIL, None),
    (("Mã chỉ tiêu",), NO_CONTENT, ColumnRole.ID, None),
])
def test_column_roles(path, profile, role, year):
    assert column_role(path, profile) == (role, year)


def test_a_bare_year_before_the_documents_own_is_a_baseline():
    assert column_role(("Năm 2020",), NO_CONTENT, doc_year=2024) == (ColumnRole.ACTUAL, 2020)
    assert column_role(("Năm 2025",), NO_CONTENT, doc_year=2024) == (ColumnRole.TARGET, 2025)
    assert column_role(("Mục tiêu", "Năm 2020"), NO_CONTENT, doc_year=2024)[0] == ColumnRole.TARGET


def test_a_column_of_marks_is_a_source_whatever_its_title():
    assert column_role(("Năm 2025",), _profile("x", "X", "", "x"))[0] == ColumnRole.SOURCE


@pytest.mark.parametrize("cells,header", [
    (["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "", "Ghi chú"], True),
    (["STT", "Nội dung", "ĐVT", "Năm 2025", "Năm 2030"], True),
    (["Chỉ tiêu", "Đơn vị tính", "Đến năm 2025", "Đến năm 2030"], True),
    (["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"], True),
    (["1", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3"], False),
    (["", "Chỉ tiêu số lượng trên 10.000 dân", "", "", ""], False),
    (["CÁC CHỈ TIÊU CHỦ YẾU"], False),
])
def test_header_rows(cells, header):
    assert is_header_row(cells) is header


@pytest.mark.parametrize("cells,sub", [
    (["", "", "", "Đến năm 2025", "Đến năm 2030", ""], True),
    (["(1)", "(2)", "(3)", "(4)", "(5)"], True),
    (["", "", "", "Năm 2025", "Năm 2030", "Chỉ tiêu theo Nghị quyết 68", "Chỉ tiêu của Tỉnh ủy"], True),
    (["", "các hoạt động trợ giúp phòng ngừa, ứng phó với bạo lực trên cơ sở giới", "", ""], False),
    (["I", "Lao động, việc làm", "", ""], False),
])
def test_subheader_rows(cells, sub):
    assert is_subheader_row(cells) is sub


def test_vocabulary_hints_are_closed():
    assert header_hints("Đến năm 2030") == frozenset({"target_words"})
    assert "group" in header_hints("Mục tiêu phấn đấu")


# ---------------------------------------------------------------- row roles


def _f(name, number=None, **kw):
    return RowFeatures(numbering=parse_numbering(number) if number else None, name=name, **kw)


@pytest.mark.parametrize("features,role", [
    (_f("Lao động, việc làm", "II"), RowRole.SECTION),
    (_f("LAO ĐỘNG, VIỆC LÀM", None), RowRole.SECTION),
    (_f("Ưu đãi người có công", "1", bold=True), RowRole.SECTION),
    (_f("Ưu đãi người có công", "1", next_indicator=True), RowRole.SECTION),  # rows below unnumbered
    (_f("Lao động, việc làm", "2", next_child=True), RowRole.SECTION),  # 2 -> 2.1
    (_f("Tỷ lệ thất nghiệp chung", "2.1", has_unit=True, has_target_text=True), RowRole.INDICATOR),
    (_f("Tỷ lệ hộ gia đình được sử dụng nước sạch", "45", next_breakdown=True), RowRole.INDICATOR),
    (_f("Tỷ lệ hộ gia đình được sử dụng nước sạch", None, bold=True, next_breakdown=True), RowRole.INDICATOR),
    (_f("Tỷ lệ tiêm chủng mở rộng", "12", next_indicator=True), RowRole.INDICATOR),  # a measure lacking targets
    (_f("Thành thị", None, has_unit=True, has_target_text=True, previous="indicator"), RowRole.BREAKDOWN),
    (_f("Nông thôn", "-", has_unit=True, has_target_text=True, previous="breakdown"), RowRole.BREAKDOWN),
    (_f("Vùng đồng bào dân tộc thiểu số", "a", has_target_text=True, previous="indicator"), RowRole.BREAKDOWN),
    (_f("Cấp tiểu học", None, has_target_text=True, previous="indicator"), RowRole.BREAKDOWN),
    (_f("Trong đó: có bằng cấp, chứng chỉ", None, has_target_text=True, previous="indicator"), RowRole.SUB),
    (_f("Chỉ tiêu số lượng trên 10.000 dân", None), RowRole.GROUP),
    (_f("Chấm dứt các bệnh AIDS: tỷ lệ người nhiễm HIV", "+", has_unit=True, has_target_text=True,
        previous="indicator"), RowRole.INDICATOR),
    (_f("các hoạt động trợ giúp phòng ngừa", None, after_break=True, previous="indicator"), CONTINUATION),
    (_f("NÂNG CAO NHẬN THỨC", "I", task_table=True), RowRole.SECTION),
    (_f("Tổ chức triển khai Đề án", "1", has_other=True, task_table=True), RowRole.ITEM),
])
def test_row_roles(features, role):
    assert classify(features) == role


# ---------------------------------------------------------------- one cell per line

HEADER = ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Theo Nghị quyết 42-NQ/TW", "Cơ quan chủ trì",
          "Đến năm 2025", "Đến năm 2030"]
NAMES = ["Tỷ lệ thất nghiệp chung", "Tỷ lệ việc làm phi chính thức", "Tuổi thọ trung bình",
         "Số bác sỹ trên 10.000 dân", "Tỷ lệ dân số tham gia bảo hiểm y tế", "Chỉ số HDI",
         "Tỷ lệ hộ nghèo đa chiều"]
UNITS = ["%", "Tuổi", "người", ""]
VALUES = ["< 3", "> 95", "75", "19", "28-30", "-", "Hoàn thành", "100", "> 0,7", "11.900", "99,5"]
AGENCIES = ["Sở Y tế", "Sở LĐTB&XH", "Cục Thống kê tỉnh", ""]


@st.composite
def annex_rows(draw):
    """Rows (label, name, unit, 2025, 2030, mark, agency) of an annex with Roman sections."""
    rows = []
    label = 0
    for s in range(draw(st.integers(1, 3))):
        rows.append([["I", "II", "III"][s], draw(st.sampled_from(["Lao động, việc làm", "Y tế", "Giáo dục"])),
                     "", "", "", "", ""])
        for _ in range(draw(st.integers(1, 4))):
            label += 1
            rows.append([str(label), draw(st.sampled_from(NAMES)), draw(st.sampled_from(UNITS)),
                         draw(st.sampled_from(VALUES)), draw(st.sampled_from(VALUES)),
                         draw(st.sampled_from(["X", ""])), draw(st.sampled_from(AGENCIES))])
    return rows


def _decode(text: str):
    from plancheck.readers.onecell import rebuild
    from plancheck.readers.text import split_lines, text_blocks

    lines = split_lines(text)
    blocks = rebuild(text_blocks(lines), lines)
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert len(grids) == 1, [type(b).__name__ for b in blocks]
    grid = grids[0]
    body = grid.rows[2:]
    return [[c.text for c in row] for row in body]


# the flattened header: top row cells, then the year cells under "Mục tiêu"; the template puts them in place
ORDER = [0, 1, 2, 6, 7, 4, 5]  # label, name, unit, 2025, 2030, mark, agency in the decoded grid


@given(annex_rows(), st.booleans())
@settings(max_examples=60)
def test_one_cell_rows_are_rebuilt(rows, keep_empty):
    lines = ["PHỤ LỤC", "(Kèm theo Kế hoạch số 12/KH-UBND ngày 05 tháng 9 năm 2024)", *HEADER]
    for row in rows:
        for cell in row:
            if cell or keep_empty:
                lines.append(cell)
    decoded = _decode("\n".join(lines) + "\n")
    expected = [[row[k] for k in (0, 1, 2, 3, 4, 5, 6)] for row in rows]
    got = [[r[0], r[1], r[2], r[3], r[4], r[5], r[6]] for r in decoded]
    assert got == expected


def test_one_cell_header_is_folded_like_a_word_header():
    text = "\n".join(["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Cơ quan chủ trì", "Đến năm 2025", "Đến năm 2030",
                      "1", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3", "Sở LĐTB&XH"]) + "\n"
    from plancheck.readers.onecell import rebuild
    from plancheck.readers.text import split_lines, text_blocks

    lines = split_lines(text)
    grid = next(b for b in rebuild(text_blocks(lines), lines) if isinstance(b, Grid))
    assert [c.text for c in grid.rows[0]] == ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Mục tiêu", "Cơ quan chủ trì"]
    assert [c.text for c in grid.rows[1]] == ["", "", "", "Đến năm 2025", "Đến năm 2030", ""]
    assert [c.location.line for c in grid.rows[2] if c.text] == [8, 9, 10, 11, 12, 13]


def test_paragraphs_outside_tables_stay_paragraphs():
    from plancheck.readers.onecell import rebuild
    from plancheck.readers.text import split_lines, text_blocks

    lines = split_lines("KẾ HOẠCH\nSố: 12/KH-UBND\nCác chỉ tiêu chủ yếu đến năm 2030\n")
    assert all(isinstance(b, Paragraph) for b in rebuild(text_blocks(lines), lines))


# ---------------------------------------------------------------- never clean by accident


def _cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True)


def test_a_file_without_a_plan_is_never_clean(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Biên bản họp\nCác thành viên thống nhất gửi lại dự thảo vào tuần sau.\n", encoding="utf-8")
    r = _cli("lint", notes, "--format", "json")
    assert r.returncode == 1
    import json

    report = json.loads(r.stdout)
    assert [f["rule"] for f in report["findings"]] == ["S006"]


def test_an_empty_folder_is_an_input_error(tmp_path):
    r = _cli("lint", tmp_path)
    assert r.returncode == 2 and str(tmp_path) in r.stderr and "\n" not in r.stderr.strip()


def test_a_folder_file_that_is_no_plan_is_skipped_with_its_reason(tmp_path, seeds):
    import json
    import shutil

    (tmp_path / "README.md").write_text("# Kho dữ liệu\nThư mục này chứa các kế hoạch của tỉnh.\n", encoding="utf-8")
    shutil.copy(seeds / "tay-ninh-plan.txt", tmp_path / "plan.txt")
    r = _cli("lint", tmp_path, "--format", "json", "--fail-on", "never")
    report = json.loads(r.stdout)
    status = {f["path"].rsplit("/", 1)[-1]: (f["status"], f["reason"]) for f in report["files"]}
    assert status["README.md"][0] == "skipped" and "không phải kế hoạch" in status["README.md"][1]
    assert status["plan.txt"] == ("ok", None) and report["summary"]["files_skipped"] == 1
    text = _cli("lint", tmp_path, "--fail-on", "never", "--lang", "en").stdout
    assert "README.md: skipped: " in text and "1 file skipped" in text


# ---------------------------------------------------------------- the same plan as Word, PDF and .doc

DATA = __import__("pathlib").Path(__file__).parent / "data"


def _signature(path):
    from plancheck.engine import Options, run

    report = run([str(path)], Options(lang="en"))
    assert all(f.status == "ok" for f in report.files), [f.error for f in report.files]
    return sorted((f.rule, f.row_label or "", f.year or 0, f.value or "") for f in report.findings)


@pytest.mark.parametrize("other", ["ha-giang-plan.pdf", "ha-giang-plan.doc"])
def test_a_word_plan_as_pdf_or_doc_gives_the_same_findings(other):
    from plancheck.readers import legacy

    if other.endswith(".doc") and not legacy.soffice():
        pytest.skip("LibreOffice (soffice) is not installed: the .doc conversion cannot run")
    from .conftest import SAMPLES

    assert _signature(DATA / other) == _signature(SAMPLES / "ha-giang-plan.docx")


def test_a_table_over_several_pages_reads_the_same_in_pdf():
    """Five pages of table, the header repeated on each, rows broken across pages (a name, a
    target), the number and date in the two columns of a layout table at the top."""
    docx, pdf = _signature(DATA / "long-annex.docx"), _signature(DATA / "long-annex.pdf")
    assert docx == pdf and not [f for f in docx if f[0] in ("M001", "X001", "T001")]


# ---------------------------------------------------------------- a Word table split in two


def _split_table_docx(path, second_header: bool):
    import docx

    d = docx.Document()
    d.add_paragraph("ỦY BAN NHÂN DÂN TỈNH PHÚ YÊN")
    d.add_paragraph("Số: 88/KH-UBND")
    d.add_paragraph("Phú Yên, ngày 01 tháng 10 năm 2024")
    d.add_paragraph("PHỤ LỤC")
    d.add_paragraph("(Kèm theo Kế hoạch số 88/KH-UBND ngày 01/10/2024 của Ủy ban nhân dân tỉnh Phú Yên)")
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"]
    first = [header, ["1", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3"],
             ["2", "Tỷ lệ người gây bạo lực gia đình, bạo lực trên cơ sở giới được phát hiện ở mức chưa bị truy cứu",
              "%", "50", "70"]]
    second = ([header] if second_header else []) + [
        ["", "trách nhiệm hình sự được tư vấn, tham vấn", "", "", ""],
        ["3", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "> 4", "< 4"]]
    for rows in (first, second):
        t = d.add_table(rows=len(rows), cols=5)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                t.cell(r, c).text = text
    d.save(path)


@pytest.mark.parametrize("second_header", [True, False])
def test_a_row_broken_across_a_split_word_table_is_one_row(tmp_path, second_header):
    """The table goes on after a page break as a second Word table, with or without its header
    repeated; its first row finishes the last row of the first part."""
    import json

    path = tmp_path / "plan.docx"
    _split_table_docx(path, second_header)
    report = json.loads(_cli("lint", path, "--format", "json", "--fail-on", "never", "--lang", "en").stdout)
    rules = [(f["rule"], f["row_label"]) for f in report["findings"]]
    assert not any(rule in ("N001", "X001") for rule, _ in rules), rules
    # the row after it is still read, where it stands: the second Word table
    wrong = [f for f in report["findings"] if f["rule"] in ("D001", "Y001") and f["row_label"] == "3"]
    assert wrong and wrong[0]["location"]["table"] == 2, report["findings"]


def test_an_empty_file_in_a_folder_is_skipped_but_named_it_is_an_error(tmp_path, seeds):
    import json
    import shutil

    (tmp_path / "draft.txt").write_bytes(b"\r\n  \n")
    shutil.copy(seeds / "tay-ninh-plan.txt", tmp_path / "plan.txt")
    r = _cli("lint", tmp_path, "--format", "json", "--fail-on", "never")
    report = json.loads(r.stdout)
    status = {f["path"].rsplit("/", 1)[-1]: f["status"] for f in report["files"]}
    assert r.returncode == 0 and status == {"draft.txt": "skipped", "plan.txt": "ok"}
    named = _cli("lint", tmp_path / "draft.txt", "--lang", "en")
    assert named.returncode == 2 and "draft.txt: empty file" in named.stdout + named.stderr


@pytest.mark.parametrize("label,prefix", [("", ""), ("-", ""), ("", "+ "), ("", "- ")])
def test_urban_and_rural_rows_of_a_submission_are_breakdowns_of_the_row_above(tmp_path, label, prefix):
    import json

    plan = tmp_path / "nuoc-sach.csv"
    plan.write_text("STT,Chỉ tiêu,Đơn vị,Năm 2025,Năm 2030\n"
                    "1,Tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn,%,-,95\n"
                    f"{label},{prefix}Thành thị,%,-,100\n{label},{prefix}Nông thôn,%,-,98\n", encoding="utf-8")
    report = json.loads(_cli("lint", plan, "--format", "json", "--fail-on", "never").stdout)
    assert [(f["rule"], f["line"], f["value"]) for f in report["findings"]] == [("A001", 2, "95")]


def test_a_row_cut_by_a_page_break_after_an_abbreviation_is_one_row(tmp_path):
    """A PDF or a text conversion cuts "Tỷ lệ nông dân ... tham gia BHXH tự nguyện trên tổng số" |
    "LLLĐ trong độ tuổi"; the agency cell is cut too ("UBND cấp" | "huyện")."""
    import json

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "KẾ HOẠCH\nSố: 12/KH-UBND\nPHỤ LỤC\n"
        "TT\tChỉ tiêu\tĐơn vị\tCơ quan chủ trì\tCơ quan phối hợp\tNăm 2025\tNăm 2030\n"
        "1\tTỷ lệ thất nghiệp chung\t%\tSở Lao động\tCác sở, ngành; UBND cấp huyện\t< 3\t< 3\n"
        "2\tTỷ lệ nông dân và lao động khu vực phi chính thức tham gia bảo hiểm xã hội tự nguyện trên tổng số"
        "\t%\tBảo hiểm xã hội tỉnh\tCác sở, ngành; UBND cấp\t2,5\t5\n"
        "\n"
        "\tLLLĐ trong độ tuổi\t\t\thuyện\t\t\n"
        "3\tTỷ lệ lao động qua đào tạo\t%\tSở Lao động\tCác sở, ngành; UBND cấp huyện\t70\t75\n"
        "\tTrong đó: có bằng cấp, chứng chỉ\t%\tSở Lao động\tCác sở, ngành; UBND cấp huyện\t25\t30\n",
        encoding="utf-8")
    report = json.loads(_cli("lint", plan, "--format", "json", "--fail-on", "never").stdout)
    assert not [f for f in report["findings"] if f["rule"] in ("N001", "X001")], report["findings"]
    # "Tỷ lệ lao động qua đào tạo" is an indicator of its own; its "trong đó" row is the certified share,
    # below the annex's 28-30 (2025) and 35-40 (2030)
    assert [(f["rule"], f["line"], f["value"]) for f in report["findings"] if f["rule"] == "B001"] == [
        ("B001", 10, "25"), ("B001", 10, "30")]


def test_fenced_code_in_markdown_is_no_part_of_the_document(tmp_path):
    """A README quoting a command's output ("Số bác sĩ trên 10.000 dân  2030  19") states no target."""
    import json

    readme = tmp_path / "README.md"
    readme.write_text("# Kho kế hoạch\n\n```\nSố bác sĩ trên 10.000 dân    2030    19    11    different\n```\n",
                      encoding="utf-8")
    r = _cli("lint", readme, "--format", "json")
    assert r.returncode == 1 and [f["rule"] for f in json.loads(r.stdout)["findings"]] == ["S006"]
    # the same line outside a fence is a statement of the document
    readme.write_text("# Kho kế hoạch\n\nSố bác sĩ trên 10.000 dân đến năm 2030 đạt 19.\n", encoding="utf-8")
    assert _cli("lint", readme, "--format", "json").returncode == 0


def test_two_word_tables_with_the_same_header_each_numbered_from_1_stay_two_tables(tmp_path):
    import json

    import docx

    d = docx.Document()
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Số: 88/KH-UBND")
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"]
    for rows in ([header, ["1", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3"],
                  ["2", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 4", "< 4"]],
                 [header, ["1", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "95", "> 95"],
                  ["2", "Tuổi thọ trung bình", "Tuổi", "74,5", "75"]]):
        t = d.add_table(rows=len(rows), cols=5)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                t.cell(r, c).text = text
    path = tmp_path / "two.docx"
    d.save(path)
    report = json.loads(_cli("lint", path, "--format", "json", "--fail-on", "never").stdout)
    assert not [f for f in report["findings"] if f["rule"].startswith("S")], report["findings"]


def test_a_readme_in_english_quoting_targets_states_none():
    """This repository's README (English prose quoting `> 975`, "Exit status: 0 when ...") is
    no plan: named on the command line it is S006, never a clean bill."""
    from pathlib import Path

    from plancheck.engine import Options, run

    report = run([str(Path(__file__).parent.parent / "README.md")], Options(lang="en"))
    assert [f.rule for f in report.findings] == ["S006"]
