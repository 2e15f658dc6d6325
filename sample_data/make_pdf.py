"""Print Word plans to PDF with LibreOffice, for the PDF reader and its tests.

    python sample_data/make_pdf.py          (from the repository root; needs LibreOffice)

Writes:
  tests/data/ha-giang-plan.pdf     the Word sample ha-giang-plan.docx printed to PDF: its annex
                                   table runs from page 2 onto page 3, header on page 2 only,
                                   indicator names wrapped over several lines
  tests/data/long-annex.docx       a plan whose heading is two columns in a table without borders
                                   and whose annex lists the 95 national indicators (names and
                                   national targets from plancheck/suites/national.yaml): the two
                                   header rows repeat on each page, rows break across pages, the
                                   page header carries the page number
  tests/data/long-annex.pdf        that plan printed to PDF: the annex runs over five pages
  tests/data/long-annex-locked.pdf the same PDF, encrypted with a password to open it ("plancheck")
  tests/data/ha-giang-plan.doc     ha-giang-plan.docx saved by LibreOffice as a Word 97-2003 .doc

The committed outputs let the tests run without LibreOffice. They are kept out of sample_data/,
whose files `plancheck lint sample_data/` lints: the PDF and the .doc repeat the Word sample.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from plancheck.readers.legacy import convert  # noqa: E402

UNITS = {"percent": "%", "per_10000": "người", "per_1000": "‰", "years": "Năm", "rate_per_year": "%/năm",
         "index": "Chỉ số", "multiple": "Lần", "count": "Căn hộ", "area_per_person": "m2", "school_level": "Bậc học",
         "qualitative": "Mức độ"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def write_long_annex(path: Path) -> None:
    """A plan whose annex is the national indicator list: four pages of table."""
    import docx
    import yaml
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    suite = yaml.safe_load((ROOT / "plancheck" / "suites" / "national.yaml").read_text(encoding="utf-8"))
    d = docx.Document()
    d.styles["Normal"].font.name = "Times New Roman"
    d.styles["Normal"].font.size = Pt(11)
    section = d.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    # the page number at the top centre of every page, as official documents have it
    # (python-docx has no call for a field: a PAGE field is one small element)
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number._p.append(field)

    # the heading of an official document: two columns side by side in a table without borders
    heading = d.add_table(rows=2, cols=2)
    for (r, c), text, bold in (((0, 0), "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", True),
                               ((0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
                               ((1, 0), "Số: 2215/KH-UBND", False),
                               ((1, 1), "Tuyên Quang, ngày 5 tháng 9 năm 2024", False)):
        paragraph = heading.cell(r, c).paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    heading.autofit = False
    for column, width in zip(heading.columns, (Cm(6.5), Cm(10.5))):
        column.width = width
        for c in column.cells:
            c.width = width
    for line, bold in (("KẾ HOẠCH", True),
                       ("Thực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ về chính sách xã hội", False)):
        paragraph = d.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = bold
    d.add_paragraph(
        "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố căn cứ chức năng, nhiệm vụ được giao "
        "tổ chức thực hiện các chỉ tiêu tại Phụ lục kèm theo Kế hoạch này; định kỳ hằng năm báo cáo kết quả "
        "thực hiện về Sở Lao động - Thương binh và Xã hội để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.")
    d.add_page_break()
    for line in ("PHỤ LỤC", "CÁC CHỈ TIÊU CHỦ YẾU"):
        d.add_paragraph().add_run(line).bold = True
    d.add_paragraph("(Kèm theo Kế hoạch số 2215/KH-UBND ngày 5 tháng 9 năm 2024 của Ủy ban nhân dân tỉnh "
                    "Tuyên Quang)")

    head = ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "", "Cơ quan chủ trì"]
    table = d.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    for i, h in enumerate(head):
        table.rows[0].cells[i].text = h
    table.rows[1].cells[3].text = "Năm 2025"
    table.rows[1].cells[4].text = "Năm 2030"
    table.cell(0, 3).merge(table.cell(0, 4)).text = "Mục tiêu"
    for col in (0, 1, 2, 5):
        table.cell(0, col).merge(table.cell(1, col)).text = head[col]
    for row in table.rows[:2]:  # Word's "Repeat as header row at the top of each page"
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    number_in_section = 0
    sections = list(suite["sections"])
    for key in sections:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = ROMAN[sections.index(key)], suite["sections"][key]
        for c in cells[:2]:
            for run in c.paragraphs[0].runs:
                run.bold = True
        for ind in (i for i in suite["indicators"] if i["section"] == key):
            number_in_section += 1
            national = ind.get("national", {})
            values = [str(national.get(y, {}).get("value", "-")) for y in (2025, 2030)]
            row = [str(number_in_section), ind["name"], UNITS[ind["type"]], *values, "Sở LĐTBXH"]
            for c, v in zip(table.add_row().cells, row):
                c.text = v
    table.autofit = False
    widths = [Cm(w) for w in (1.2, 7.4, 1.9, 2.0, 2.0, 2.5)]
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for c, width in zip(row.cells, widths):
            c.width = width
    d.save(path)


def main() -> None:
    data = ROOT / "tests" / "data"
    plan = (HERE / "ha-giang-plan.docx").read_bytes()
    (data / "ha-giang-plan.pdf").write_bytes(convert(plan, "ha-giang-plan.docx", "docx", "pdf"))
    # through OpenDocument: LibreOffice 7.4 writes this python-docx table (width "auto") into a
    # .doc as plain paragraphs when it converts the .docx directly
    odt = convert(plan, "ha-giang-plan.docx", "docx", "odt")
    (data / "ha-giang-plan.doc").write_bytes(convert(odt, "ha-giang-plan.odt", "odt", "doc:MS Word 97"))
    write_long_annex(data / "long-annex.docx")
    long_annex = (data / "long-annex.docx").read_bytes()
    (data / "long-annex.pdf").write_bytes(convert(long_annex, "long-annex.docx", "docx", "pdf"))
    locked = {"EncryptFile": {"type": "boolean", "value": "true"},
              "DocumentOpenPassword": {"type": "string", "value": "plancheck"}}
    (data / "long-annex-locked.pdf").write_bytes(
        convert(long_annex, "long-annex.docx", "docx", "pdf:writer_pdf_Export:" + json.dumps(locked)))


if __name__ == "__main__":
    main()
