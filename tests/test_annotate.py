"""plancheck annotate: findings put back into a copy of the Word plan as comments, and into
a copy of an XLSX submission as cell comments and fills."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys

import pytest

from plancheck.annotate import AUTHOR, INITIALS, annotate_docx, annotate_xlsx
from plancheck.model import NOWHERE, Finding, Location

from .conftest import SAMPLES

PLAN = SAMPLES / "ha-giang-plan.docx"
XLSX = SAMPLES / "quang-tri-2025.xlsx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def finding(rule="Y001", severity="error", message="message", suggestion=None, location=NOWHERE, **kw) -> Finding:
    fields = dict(name="likely-typo", category="typo", path=str(PLAN), line=None, indicator=None, row_label=None,
                  row_name=None, year=None, value=None)
    fields.update(kw)
    return Finding(rule=rule, severity=severity, message=message, suggestion=suggestion, location=location, **fields)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True)


def anchors(document) -> dict[int, tuple[str, object]]:
    """Comment id -> (the text the comment is anchored on, the paragraph where it starts)."""
    open_ids, text, start = set(), {}, {}
    for el in document.element.body.iter():
        if el.tag == W + "commentRangeStart":
            cid = int(el.get(W + "id"))
            open_ids.add(cid)
            text[cid], start[cid] = [], el.getparent()
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(int(el.get(W + "id")))
        elif el.tag == W + "t":
            for cid in open_ids:
                text[cid].append(el.text or "")
    return {cid: ("".join(text[cid]), start[cid]) for cid in text}


def read_back(data: bytes):
    import docx

    document = docx.Document(io.BytesIO(data))
    return document, {c.comment_id: c for c in document.comments}, anchors(document)


def row_of(table, label: str) -> int:
    """1-based row of the annex whose TT cell is ``label``."""
    return next(i for i, r in enumerate(table.rows, start=1) if r.cells[0].text == label)


# ---------------------------------------------------------------- Word, with located findings


def test_comments_are_anchored_on_the_located_cell_and_paragraph():
    import docx

    original = docx.Document(str(PLAN))
    table = original.tables[0]
    housing = row_of(table, "10")  # Tỷ lệ nhà ở kiên cố: 2030 target "70" in column 5
    number = next(i for i, p in enumerate(original.paragraphs, start=1) if p.text.startswith("Số:"))
    found = [
        finding("A001", message='Tổng "70" nằm ngoài khoảng của các thành phần (Thành thị: 90, Nông thôn: 80) năm 2030',
                location=Location(table=1, row=housing, column=5), year=2030, value="70"),
        finding("B001", severity="warning", message='Chỉ tiêu "70" kém hơn chỉ tiêu quốc gia "85-90" năm 2030',
                suggestion="85-90", location=Location(table=1, row=housing, column=5), year=2030, value="70"),
        finding("X002", severity="warning", message='Có lẽ viết sai chính tả: "diêm" - nên là "điểm"',
                suggestion="Tỷ lệ điểm dân cư nông thôn tập trung có hệ thống thu gom nước thải sinh hoạt",
                location=Location(table=1, row=row_of(table, "11"), column=2)),
        finding("M001", severity="warning", message="Số văn bản chưa ghi", location=Location(paragraph=number)),
    ]
    data = PLAN.read_bytes()
    out, placed = annotate_docx(data, found, "vi")
    assert placed == 4
    document, comments, anchored = read_back(out)
    assert len(comments) == 4 and set(anchored) == set(comments)
    by_rule = {c.text.split(" ")[0]: c for c in comments.values()}
    for f in found:
        c = by_rule[f.rule]
        assert (c.author, c.initials) == (AUTHOR, INITIALS) == ("plancheck", "PC")
        assert c.text.startswith(f"{f.rule} · ") and f.message in c.text
        assert (f"Đề xuất sửa: {f.suggestion}" in c.text) == bool(f.suggestion)
        text, start = anchored[c.comment_id]
        loc = f.location
        if loc.table:
            cell = document.tables[0].cell(loc.row - 1, loc.column - 1)
            assert start.getparent() is cell._tc and text == cell.text
        else:
            paragraph = document.paragraphs[loc.paragraph - 1]
            assert start is paragraph._p and text == paragraph.text == "Số: 1520/KH-UBND"
    assert anchored[by_rule["A001"].comment_id][0] == "70"
    assert anchored[by_rule["X002"].comment_id][0].startswith("Tỷ lệ diêm dân cư")
    # two comments on one cell: their references (what Word and LibreOffice list) in document order
    references = [int(el.get(W + "id")) for el in document.element.body.iter(W + "commentReference")]
    assert [comments[i].text[:4] for i in references if anchored[i][0] == "70"] == ["A001", "B001"]
    assert data == PLAN.read_bytes()


def test_findings_without_a_place_go_on_the_title_and_say_what_they_are_about():
    found = [finding("M003", message="Phụ lục ghi ngày 12/06/2024, nhưng văn bản này ký ngày 12/08/2024",
                     suggestion="12/08/2024", value="Kèm theo Kế hoạch số 1520/KH-UBND ngày 12 tháng 6 năm 2024"),
             finding("N001", severity="warning", message="Chỉ tiêu không có mục tiêu cho năm nào", row_label="7",
                     row_name="Số bác sỹ", location=Location(table=9, row=1, column=1))]  # no table 9
    out, placed = annotate_docx(PLAN.read_bytes(), found, "vi")
    assert placed == 0
    _, comments, anchored = read_back(out)
    assert {text for text, _ in anchored.values()} == {"ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"}
    texts = sorted(c.text for c in comments.values())
    assert texts[0] == ("M003 · Lỗi: Phụ lục ghi ngày 12/06/2024, nhưng văn bản này ký ngày 12/08/2024\n"
                        'Nội dung ghi: "Kèm theo Kế hoạch số 1520/KH-UBND ngày 12 tháng 6 năm 2024"\n'
                        "Đề xuất sửa: 12/08/2024")
    assert texts[1] == ("N001 · Cảnh báo: Chỉ tiêu không có mục tiêu cho năm nào\n"
                        "Chỉ tiêu: 7. Số bác sỹ; bảng 9, hàng 1, cột 1")


def test_an_empty_cell_holds_its_comment():
    import docx

    table = docx.Document(str(PLAN)).tables[0]
    row = row_of(table, "1")
    assert table.cell(row - 1, 5).text == ""  # the "Ghi chú" cell
    out, placed = annotate_docx(PLAN.read_bytes(), [finding(location=Location(table=1, row=row, column=6))], "en")
    document, comments, anchored = read_back(out)
    ((cid, (text, start)),) = anchored.items()
    assert placed == 1 and text == "" and start.getparent() is document.tables[0].cell(row - 1, 5)._tc
    assert comments[cid].text == "Y001 · Error: message"


# ---------------------------------------------------------------- the command


def test_annotate_command_on_the_sample_plan(tmp_path):
    plan = tmp_path / "plan.docx"
    shutil.copyfile(PLAN, plan)
    before = hashlib.sha256(plan.read_bytes()).hexdigest()
    out = tmp_path / "reviewed.docx"
    p = cli("annotate", plan, "--output", out)
    assert p.returncode == 0, p.stderr
    lint = json.loads(cli("lint", plan, "--format", "json", "--fail-on", "never").stdout)["findings"]
    assert lint and p.stdout.startswith(f"{out}: {len(lint)} nhận xét")
    _, comments, anchored = read_back(out.read_bytes())
    assert len(comments) == len(lint) and set(anchored) == set(comments)
    texts = sorted(c.text for c in comments.values())
    for f in lint:  # one comment per finding, with its code, message and suggestion
        expected = f"{f['rule']} · "
        match = [t for t in texts if t.startswith(expected) and f["message"] in t]
        assert match, f
        if f["suggestion"]:
            assert any(f"Đề xuất sửa: {f['suggestion']}" in t for t in match)
    assert all(c.author == "plancheck" for c in comments.values())
    assert hashlib.sha256(plan.read_bytes()).hexdigest() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["plan.docx", "reviewed.docx"]  # no temporary left

    en = tmp_path / "reviewed-en.docx"
    p = cli("annotate", plan, "-o", en, "--lang", "en")
    assert p.returncode == 0 and "comments" in p.stdout
    _, comments, _ = read_back(en.read_bytes())
    assert any(c.text.startswith("A001 · Error: The total") for c in comments.values())


def test_annotate_refuses_to_write_onto_its_input_or_a_wrong_kind(tmp_path):
    plan = tmp_path / "plan.docx"
    shutil.copyfile(PLAN, plan)
    before = plan.read_bytes()
    p = cli("annotate", plan, "-o", plan, "--lang", "en")
    assert p.returncode == 2 and "onto an input file" in p.stderr
    assert plan.read_bytes() == before
    p = cli("annotate", plan, "-o", tmp_path / "reviewed.xlsx", "--lang", "en")
    assert p.returncode == 2 and "--output must end in .docx" in p.stderr
    p = cli("annotate", SAMPLES / "ha-giang-plan.txt", "-o", tmp_path / "x.docx")
    assert p.returncode == 2
    assert p.stderr.strip() == (f"plancheck: {SAMPLES / 'ha-giang-plan.txt'}: lệnh annotate chỉ ghi nhận xét vào tệp "
                                "Word (.docx) và Excel (.xlsx)")


def test_annotated_copy_converts_to_pdf(tmp_path):
    from plancheck.readers import legacy

    if legacy.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    out = tmp_path / "reviewed.docx"
    assert cli("annotate", PLAN, "-o", out).returncode == 0
    notes = {"ExportNotes": {"type": "boolean", "value": "true"}}
    pdf = legacy.convert(out.read_bytes(), str(out), "docx", "pdf:writer_pdf_Export:" + json.dumps(notes))
    assert pdf.startswith(b"%PDF-")
    pdfplumber = pytest.importorskip("pdfplumber")
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    notes = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:  # LibreOffice read every comment: each is a PDF note
        for page in doc.pages:
            for annot in map(resolve1, resolve1(page.page_obj.annots) or []):
                if annot.get("Contents"):
                    notes.append(decode_text(annot["Contents"]).replace("\r", "\n"))
    notes.sort()
    _, comments, _ = read_back(out.read_bytes())
    assert notes == sorted(c.text for c in comments.values())


# ---------------------------------------------------------------- XLSX submissions


def test_xlsx_cells_get_a_comment_and_a_fill(tmp_path):
    import openpyxl

    src = tmp_path / "quang-tri.xlsx"
    shutil.copyfile(XLSX, src)
    before = src.read_bytes()
    out = tmp_path / "reviewed.xlsx"
    p = cli("annotate", src, "-o", out, "--lang", "en")
    assert p.returncode == 0, p.stderr
    lint = json.loads(cli("lint", src, "--format", "json", "--fail-on", "never", "--lang", "en").stdout)["findings"]
    ws = openpyxl.load_workbook(out)["Chỉ tiêu"]
    # the header is on row 3: E = Năm 2025, F = Năm 2030
    typo = ws["F5"]  # "> 975" for 2030, line 5
    assert typo.value == "> 975" and typo.comment.author == "plancheck"
    # a submission has no body to back one reading: the candidates, no suggestion (issue 13)
    assert typo.comment.text.startswith('Y002 · Error: "> 975" is outside the valid range')
    assert "Suggestion" not in typo.comment.text and typo.fill.fgColor.rgb.endswith("FFC7CE")
    level = ws["E11"]  # "Tiêu học" for 2025, line 11
    assert level.comment.text.startswith("X003 · Warning:") and level.fill.fgColor.rgb.endswith("FFEB9C")
    marked = {c.coordinate for row in ws.iter_rows() for c in row if c.comment is not None}
    assert len(marked) == len({(f["line"], f["year"]) for f in lint})
    assert src.read_bytes() == before


def test_xlsx_location_wins_over_the_fallback():
    f = finding("R001", location=Location(sheet="Chỉ tiêu", cell="B7"), line=5, year=2030)
    out, marked = annotate_xlsx(XLSX.read_bytes(), [f], "vi")
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(out))["Chỉ tiêu"]
    assert marked == 1 and ws["B7"].comment.text == "R001 · Lỗi: message" and ws["F5"].comment is None
