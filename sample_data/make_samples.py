"""Regenerate the sample data of plancheck (synthetic plans with known defects).

    python sample_data/make_samples.py

Writes, next to this script:
  binh-phuoc-2025.csv       structured submission with defects (see DEFECTS below)
  quang-tri-2025.xlsx       structured submission (workbook) with other defects
  clean-province-2025.csv   a submission with no defect: plancheck finds nothing
  ha-giang-plan.docx        a Word plan: header, body targets, annex table with defects
  ha-giang-plan.txt         the same plan converted to text (tab-separated annex)
  ha-giang-plan.md          the same plan as markdown (pipe tables)
The documents are synthetic: provinces are real names, numbers are made up.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent

# ---------------------------------------------------------------- structured submissions

HEADER = ["TT", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị", "Năm 2025", "Năm 2030", "Nguồn"]

BINH_PHUOC = [
    # row, id, name, unit, 2025, 2030, source        # defect
    ("1", "unemployment", "Tỷ lệ thất nghiệp chung", "%", "< 3", "> 3", "NQ 42"),  # D001 -> Y001 "< 3"
    ("2", "unemployment_urban", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 4", "< 4", "NQ 42"),
    ("3", "informal_employment", "Tỷ lệ việc làm phi chính thức", "%", "< 60", "< 40", "NQ 68"),
    ("4", "social_insurance", "Tỷ lệ LLLĐ trong độ tuổi tham gia BHXH", "%", "45", "50", "NQ 42"),  # B001
    ("5", "health_insurance", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "95", "90", "NQ 42"),  # P001 and B001, never a typo
    ("6", "life_expectancy", "Tuổi thọ trung bình", "Tuổi", "7,45", "75", "NQ 68"),  # R002 -> Y001 74,5
    ("7", "hospital_beds", "Số giường bệnh trên 10.000 dân", "Giường", "30", "35", "NQ 68"),
    ("8", "social_housing_units", "Xây dựng căn hộ nhà ở xã hội", "Căn hộ", "-", "12%", "Tỉnh"),  # U003
    ("9", "kindergarten_enrolment", "Tỷ lệ huy động trẻ em mẫu giáo", "%", "95", "Hoàn thành", "NQ 68"),  # T002
    ("10", "preschool_two_sessions", "Tỷ lệ trẻ em mầm non được học 2 buổi/ngày", "%", "99.5", "99.5", "NQ 68"),  # T003
    ("11", "allowance_pregnant_women", "Tỷ lệ phụ nữ mang thai thuộc hộ nghèo, cận nghèo được hưởng trợ cấp xã hội",
     "%", "-", "90", "NQ 42"),  # B002
    ("12", "wastewater_treated", "Tỷ lệ nước thải sinh hoạt được xử lý", "%", "-", "-", "NQ 68"),  # N001
    ("13", "", "Tỷ lệ xã có nhà văn hóa đạt chuẩn", "%", "80", "95", "Tỉnh"),  # X001 (provincial indicator)
    ("14", "immunization", "Tỷ lệ tiêm chủng mở rộng với 14 loại vắc xin", "người", "-", "95", "NQ 68"),  # U002
    ("15", "creche_enrolment", "Tỷ lệ huy động trẻ em nhà trẻ", "%", "30-35", "khoảng ba mươi lăm", "NQ 68"),  # T001
]

QUANG_TRI = [
    ("1", "", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3", "NQ 42"),
    ("2", "", "Tỷ lệ đi học đúng tuổi cấp trung học cơ sở", "%", "95", "> 975", "NQ 68"),  # R001 -> Y002 (95, 97 or 97,5)
    ("3", "", "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "%", "28-30", "35-40", "NQ 42"),
    ("4", "", "Tỷ lệ hài lòng của người dân với dịch vụ y tế", "%", "855", "> 90", "NQ 68"),  # R001 -> Y002
    ("5", "", "Số bác sỹ trên 10.000 dân", "người", "12", "19", "NQ 68"),
    ("6", "", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng thể thấp còi", "%", "< 18", "> 15", "NQ 68"),  # D001
    ("7", "", "Mức giảm tỷ lệ hộ nghèo đa chiều hàng năm", "%/năm", "< 0,4", "-", "NQ 68"),  # D001
    ("8", "", "Hỗ trợ bảo hiểm y tế cho trẻ em", "Bậc học", "Tiêu học", "THCS", "NQ 68"),  # X003
    ("9", "", "Tỷ lệ hộ gia đình được sử dụng nước sạch theo quy chuẩn", "%", "90", "100", "NQ 68"),
    ("10", "", "Tỷ lệ người cao tuổi tham gia bảo hiểm y tế", "%", "98", "100", "NQ 68"),
]

CLEAN = [
    ("1", "unemployment", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3", "NQ 42"),
    ("2", "unemployment_urban", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 4", "< 3,5", "NQ 42"),
    ("3", "informal_employment", "Tỷ lệ việc làm phi chính thức", "%", "< 60", "< 40", "NQ 68"),
    ("4", "social_insurance", "Tỷ lệ LLLĐ trong độ tuổi tham gia BHXH", "%", "45", "60", "NQ 42"),
    ("5", "unemployment_insurance", "Tỷ lệ LLLĐ trong độ tuổi tham gia BHTN", "%", "35", "45", "NQ 42"),
    ("6", "pension_coverage", "Tỷ lệ người sau độ tuổi nghỉ hưu được hưởng lương hưu, BHXH hằng tháng và trợ cấp hưu trí xã hội",
     "%", "55", "60", "NQ 42"),
    ("7", "health_insurance", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "95", "> 95", "NQ 42"),
    ("8", "life_expectancy", "Tuổi thọ trung bình", "Tuổi", "74,5", "75", "NQ 68"),
    ("9", "healthy_life_years", "Số năm sống khỏe", "Năm", "67", "68", "NQ 68"),
    ("10", "hospital_beds", "Số giường bệnh trên 10.000 dân", "Giường", "30", "35", "NQ 68"),
    ("11", "doctors", "Số bác sĩ trên 10.000 dân", "người", "12", "19", "NQ 68"),
    ("12", "social_housing_units", "Xây dựng căn hộ nhà ở xã hội", "Căn hộ", "-", "5.200", "Tỉnh"),
    ("13", "temporary_housing", "Xóa bỏ tình trạng nhà tạm, nhà dột nát", "Mức độ", "Giải quyết cơ bản",
     "Xóa bỏ hoàn toàn", "NQ 68"),
    ("14", "child_health_insurance_support", "Hỗ trợ bảo hiểm y tế cho trẻ em", "Bậc học", "Tiểu học", "THCS", "NQ 68"),
    ("15", "poverty_reduction_rate", "Mức giảm tỷ lệ hộ nghèo đa chiều hàng năm", "%/năm", "1-1,5", "-", "NQ 68"),
    ("16", "allowance_pregnant_women", "Tỷ lệ phụ nữ mang thai thuộc hộ nghèo, cận nghèo được hưởng trợ cấp xã hội",
     "%", "-", "100", "NQ 42"),
]


def write_csv(name: str, rows) -> None:
    with open(HERE / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)


def write_xlsx(name: str, rows) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(["KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT 42-NQ/TW - TỈNH QUẢNG TRỊ"])
    ws.append([])
    ws.append(HEADER)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append(list(r))
    ws.column_dimensions["C"].width = 60
    wb.save(HERE / name)


# ---------------------------------------------------------------- a plan document

PLAN_HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
    "Số: 1520/KH-UBND",
    "Hà Giang, ngày 12 tháng 8 năm 2024",
    "KẾ HOẠCH",
    "Thực hiện Nghị quyết số 68/NQ-CP ngày 19/5/2024 của Chính phủ và Nghị quyết số 42-NQ/TW "
    "ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về chính sách xã hội",
]
PLAN_BODY = [
    ("h", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("p", "Triển khai đồng bộ các nhiệm vụ, giải pháp của Nghị quyết số 68/NQ-CP trên địa bàn tỉnh."),
    ("h", "II. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030"),
    ("p", "- Tỷ lệ thất nghiệp chung dưới 3%; tỷ lệ thất nghiệp khu vực thành thị dưới 3,5%; tỷ lệ lao động qua "
          "đào tạo có bằng cấp, chứng chỉ đạt 35-40%."),
    ("p", "- Tuổi thọ trung bình khoảng 75 tuổi; phấn đấu có 35 giường bệnh viện, 19 bác sĩ, 33 điều dưỡng viên "
          "trên 10.000 dân; trên 95% dân số tham gia bảo hiểm y tế."),
    ("h", "III. NHIỆM VỤ, GIẢI PHÁP"),
    ("h", "1. Phát triển thị trường lao động"),
    ("p", "Nâng cao chất lượng dịch vụ việc làm, kết nối cung - cầu lao động."),
    ("h", "3. Bảo đảm an sinh xã hội"),
    ("p", "Mở rộng bao phủ bảo hiểm xã hội, bảo hiểm y tế."),
    ("h", "IV. TỔ CHỨC THỰC HIỆN"),
    ("p", "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thành phố triển khai Kế hoạch này."),
    ("p", "TM. ỦY BAN NHÂN DÂN"),
]
ANNEX_CAPTION = [
    "PHỤ LỤC",
    "CÁC CHỈ TIÊU CHỦ YẾU",
    "(Kèm theo Kế hoạch số 1520/KH-UBND ngày 12 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Hà Giang)",
]
ANNEX_ROWS = [
    # label, name, unit, 2025, 2030, note        # defect
    ("I", "Lao động, việc làm", "", "", "", ""),
    ("1", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3", ""),
    ("2", "Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 4", "< 4", ""),  # C001 (body < 3,5)
    ("3", "Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ", "%", "28-30", "35-40", ""),
    ("II", "Y tế", "", "", "", ""),
    ("4", "Tuổi thọ trung bình", "Tuổi", "74,5", "75", ""),
    ("5", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "95", "> 95", ""),
    ("", "Chỉ tiêu số lượng trên 10.000 dân", "", "", "", ""),
    ("6", "Số giường bệnh", "Giường", "30", "35", ""),
    ("7", "Số bác sỹ", "người", "12", "19", ""),
    ("9", "Số điều dưỡng viên", "người", "-", "33", ""),  # S002 (8 skipped)
    ("III", "Nhà ở", "", "", "", ""),
    ("10", "Tỷ lệ nhà ở kiên cố", "%", "-", "70", ""),  # A001 (parts 80 and 90)
    ("", "Thành thị", "%", "-", "90", ""),
    ("", "Nông thôn", "%", "-", "80", ""),
    ("11", "Tỷ lệ diêm dân cư nông thôn tập trung có hệ thống thu gom nước thải sinh hoạt", "%", "-", "25", ""),  # X002
]


def plan_text(kind: str) -> str:
    """The plan as converted text: 'txt' (tab-separated annex) or 'md' (pipe table)."""
    out: list[str] = []
    out += PLAN_HEADER
    out.append("")
    for _, text in PLAN_BODY:
        out.append(text)
        out.append("")
    out += ANNEX_CAPTION
    out.append("")
    head1 = ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "", "Ghi chú"]
    head2 = ["", "", "", "Đến năm 2025", "Đến năm 2030", ""]
    rows = [head1, head2] + [list(r) for r in ANNEX_ROWS]
    if kind == "txt":
        out += ["\t".join(r) for r in rows]
    else:
        out.append("| " + " | ".join(head1) + " |")
        out.append("|" + "---|" * len(head1))
        out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    out.append("")
    return "\n".join(out)


def write_docx(name: str) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for line in PLAN_HEADER:
        p = d.add_paragraph()
        run = p.add_run(line)
        run.bold = line.isupper()
    for kind, text in PLAN_BODY:
        p = d.add_paragraph()
        run = p.add_run(text)
        run.bold = kind == "h"
    d.add_page_break()
    for line in ANNEX_CAPTION:
        p = d.add_paragraph()
        p.add_run(line).bold = not line.startswith("(")
    table = d.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    head = ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "", "Ghi chú"]
    for i, h in enumerate(head):
        table.rows[0].cells[i].text = h
    table.rows[1].cells[3].text = "Đến năm 2025"
    table.rows[1].cells[4].text = "Đến năm 2030"
    # merged cells as a real plan has them: "Mục tiêu" spans the two year columns,
    # TT / Chỉ tiêu / Đơn vị / Ghi chú span the two header rows
    table.cell(0, 3).merge(table.cell(0, 4))
    table.cell(0, 3).text = "Mục tiêu"
    for col in (0, 1, 2, 5):
        merged = table.cell(0, col).merge(table.cell(1, col))
        merged.text = head[col]
    for r in ANNEX_ROWS:
        cells = table.add_row().cells
        for i, v in enumerate(r):
            cells[i].text = v
            if r[0] and not r[2] and r[1] and not r[3]:
                for p in cells[i].paragraphs:
                    for run in p.runs:
                        run.bold = True
    d.save(HERE / name)


def main() -> None:
    write_csv("binh-phuoc-2025.csv", BINH_PHUOC)
    write_xlsx("quang-tri-2025.xlsx", QUANG_TRI)
    write_csv("clean-province-2025.csv", CLEAN)
    (HERE / "ha-giang-plan.txt").write_text(plan_text("txt"), encoding="utf-8")
    (HERE / "ha-giang-plan.md").write_text(plan_text("md"), encoding="utf-8")
    write_docx("ha-giang-plan.docx")


if __name__ == "__main__":
    main()
