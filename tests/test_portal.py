"""Reading a legal-document portal's markdown: tables between lines of a lone bar, and
paragraphs hard-wrapped over lines (plancheck.readers.bartable, plancheck.readers.wrapped)."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from plancheck.model import Grid, Paragraph
from plancheck.readers import read_bytes
from plancheck.readers.bartable import bar_runs, segment
from plancheck.readers.wrapped import emphasis_free

ANNEX = """\
**PHỤ LỤC**

PHÂN CÔNG THỰC HIỆN CÁC CHỈ TIÊU

|
**TT**
|
**Chỉ tiêu**
|
**Chủ trì**
|
|
|
**I. Kinh
tế số**
|
|
|
1
|
Kinh tế số chiếm 45% GRDP tỉnh.
|
Sở Tài chính
|
|
2
|
Tỷ lệ doanh nghiệp vừa và nhỏ
địa phương ứng dụng công nghệ số đạt 60%
|
Sở Khoa học và Công nghệ
|
"""


def _render(rows: list[list[str]]) -> list[str]:
    """Rows as the portal flattens them: a bar line before each cell and after the row."""
    out: list[str] = []
    for row in rows:
        for cell in row:
            out.append("|")
            out.extend(textwrap.wrap(cell, 30) if cell else [])
        out.append("|")
    return out


def test_an_annex_between_bars_is_one_grid_with_its_rows():
    blocks = read_bytes(ANNEX.encode(), "annex.md").blocks
    grids = [b for b in blocks if isinstance(b, Grid)]
    assert len(grids) == 1
    rows = [[c.text for c in row] for row in grids[0].rows]
    assert rows == [["TT", "Chỉ tiêu", "Chủ trì"], ["", "I. Kinh tế số", ""],
                    ["1", "Kinh tế số chiếm 45% GRDP tỉnh.", "Sở Tài chính"],
                    ["2", "Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số đạt 60%",
                     "Sở Khoa học và Công nghệ"]]
    assert grids[0].rows[0][0].bold and not grids[0].rows[2][1].bold
    # each cell is placed on the first line of its text
    assert grids[0].rows[3][1].location.line == ANNEX.splitlines().index("Tỷ lệ doanh nghiệp vừa và nhỏ") + 1


def test_a_target_in_a_table_cell_of_several_lines_is_placed_on_its_own_line():
    """A statement in a portal's table: each target on the line that states it, not on the
    row's number two lines above."""
    from plancheck.catalogue import load_suite
    from plancheck.extract import extract
    from plancheck.extract.statements import read_targets

    lines = ANNEX.splitlines()
    doc = extract(read_bytes(ANNEX.encode(), "annex.md"), load_suite("national"))
    at = {t.value_text: t.location.line for t in read_targets(doc)}
    assert at["đạt 60%"] == lines.index("địa phương ứng dụng công nghệ số đạt 60%") + 1
    assert at["chiếm 45%"] == lines.index("Kinh tế số chiếm 45% GRDP tỉnh.") + 1
    cell = [b for b in read_bytes(ANNEX.encode(), "annex.md").blocks if isinstance(b, Grid)][0].rows[3][1]
    assert [line for _, line in cell.line_starts] == [lines.index("Tỷ lệ doanh nghiệp vừa và nhỏ") + 1,
                                                      lines.index("địa phương ứng dụng công nghệ số đạt 60%") + 1]


def test_a_merged_row_has_fewer_cells():
    rows = [["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"], ["I", "NHÓM NHIỆM VỤ"],
            ["1", "Rà soát cơ chế", "Sở Tài chính", "2026"], ["2", "Đề xuất", "", "Thường xuyên"]]
    lines = _render(rows)
    (first, last), = bar_runs(lines)
    slots = _slots(lines)
    assert [[slots[k] for k in r] for r in segment(slots)] == [
        [" ".join(textwrap.wrap(c, 30)) for c in row] for row in rows]


def _slots(lines: list[str]) -> list[str]:
    bars = [k for k, line in enumerate(lines) if line == "|"]
    return [" ".join(lines[a + 1:b]) for a, b in zip(bars, bars[1:])]


_WORD = st.sampled_from(["Tỷ", "lệ", "doanh", "nghiệp", "đạt", "ứng", "dụng", "xã", "hội", "số", "trạm", "y", "tế"])
_NAME = st.lists(_WORD, min_size=2, max_size=14).map(" ".join)
_VALUE_TEXT = st.sampled_from(["%", "≥ 95", "< 3", "100", "99,5", "-", "x", "2026", "28-30", "người"])
_AGENCY = st.sampled_from(["Sở Y tế", "Sở Khoa học và Công nghệ", "Công an tỉnh", "UBND cấp xã thực hiện"])


@st.composite
def _tables(draw):
    """Annex tables as plans lay them out: a row number, a name, values (some left empty) and an
    agency; heading rows in one style per table: merged over the columns ("I | Lao động",
    "Kinh tế số") or laid over the whole width with empty cells. (Mixed in one table, "I |
    Lao động" before a heading laid over the width reads as well as a full row "I | Lao
    động | " before a merged "Kinh tế số": the bars are the same.)"""
    values = draw(st.integers(0, 4))
    width = 3 + values
    rows = [["TT", "Chỉ tiêu"] + [f"Năm {2025 + k}" for k in range(values)] + ["Cơ quan chủ trì"]]
    number = 0
    headings = draw(st.sampled_from([(0, 1), (2,)]))
    for _ in range(draw(st.integers(1, 12))):
        shape = draw(st.integers(0, 6))
        if shape <= 2 and (shape not in headings or len(rows[-1]) < width):
            shape = 3  # (two heading rows in a row: "I | Lao động", "Việc làm" reads as a row "I | Lao động | | Việc làm")
        if shape == 0:
            rows.append([draw(st.sampled_from(["I", "II", "III"])), draw(_NAME)])
        elif shape == 1:
            rows.append([draw(_NAME)])
        elif shape == 2:
            rows.append(["", draw(_NAME)] + [""] * (width - 2))
        else:
            number += 1
            row = [str(number), draw(_NAME)] + [draw(st.one_of(_VALUE_TEXT, st.just(""))) for _ in range(values)]
            rows.append(row + [draw(st.one_of(_AGENCY, st.just("")))])
    # a table of headings with hardly a row under them has nothing to tell its columns by
    assume(number >= len(rows) - 1 - number)
    return rows


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_tables())
def test_rows_between_bars_are_recovered(rows):
    lines = _render(rows)
    slots = _slots(lines)
    got = [[slots[k] for k in r] for r in segment(slots)]
    want = [[" ".join(textwrap.wrap(c, 30)) for c in row] for row in rows]
    assert got == want


def test_a_blank_line_ends_a_table():
    lines = _render([["a", "b"], ["c", "d"]]) + [""] + ["Văn bản."] + _render([["x", "y"]])
    runs = bar_runs(lines)
    assert len(runs) == 2 and runs[0][1] < runs[1][0]


BODY = """\
**II. MỤC TIÊU**

**1. Phát triển
kinh tế số đến năm 2030**

- Tỷ lệ doanh nghiệp vừa và nhỏ
địa phương ứng dụng công nghệ số đạt 60%.

- Kinh tế số chiếm 45% GRDP tỉnh; các
tổ chức kinh tế - xã hội được
hỗ trợ.

a) Hằng năm, giảm số người
nghiện ma túy; phấn đấu đến năm 2030 đạt
ít nhất 50% số xã, phường không có ma túy.
b) Trên 80% các đơn vị được trang bị.

**3. Thời gian thực hiện
Chương trình: **Từ năm 2025 đến hết năm 2030.
"""


def _paragraphs(text: str) -> list[Paragraph]:
    # hard-wrapped documents are long: repeat the body so that the document reads as one
    doc = "\n".join([text] * 4)
    return [b for b in read_bytes(doc.encode(), "plan.md").blocks if isinstance(b, Paragraph)][:7]


def test_hard_wrapped_lines_are_one_paragraph_with_the_line_of_each_word():
    paras = _paragraphs(BODY)
    assert [p.text for p in paras] == [
        "II. MỤC TIÊU",
        "1. Phát triển kinh tế số đến năm 2030",
        "- Tỷ lệ doanh nghiệp vừa và nhỏ địa phương ứng dụng công nghệ số đạt 60%.",
        "- Kinh tế số chiếm 45% GRDP tỉnh; các tổ chức kinh tế - xã hội được hỗ trợ.",
        "a) Hằng năm, giảm số người nghiện ma túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không "
        "có ma túy.",
        "b) Trên 80% các đơn vị được trang bị.",
        "3. Thời gian thực hiện Chương trình: Từ năm 2025 đến hết năm 2030.",
    ]
    assert [p.bold for p in paras] == [True, True, False, False, False, False, True]
    lines = BODY.splitlines()
    item = paras[4]
    at = item.text.index("50%")
    assert lines[item.line_at(at) - 1].startswith("ít nhất 50%")
    assert item.location_at(at).line == lines.index("ít nhất 50% số xã, phường không có ma túy.") + 1


def test_one_paragraph_per_line_is_left_as_it_is():
    text = "\n".join(["I. MỤC TIÊU", "Tỷ lệ thất nghiệp dưới 3% trong giai đoạn và không vượt quá mức đã đạt "
                      "được của năm trước, theo số liệu của ngành thống kê tỉnh.", ""] * 12)
    paras = [b for b in read_bytes(text.encode(), "plan.txt").blocks if isinstance(b, Paragraph)]
    assert len(paras) == 24


def test_emphasis_marks_split_by_a_wrap_are_removed_and_footnote_marks_kept():
    assert emphasis_free("**ỦY BAN NHÂN DÂN") == "ỦY BAN NHÂN DÂN"
    assert emphasis_free("quốc gia;*") == "quốc gia;"
    assert emphasis_free("Ghi chú (*): số liệu") == "Ghi chú (*): số liệu"


def test_lines_of_their_own_are_not_joined_in_a_blank_separated_document():
    """A document with blank lines between its parts and short lines is not taken for a
    portal's hard-wrapped text line by line: a header's lines (a name in capitals is one), a heading in capitals and the
    sentence under it, an item that ends its sentence and the next line stay apart; a short
    first line that stops mid-sentence goes on with the next."""
    text = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH BÌNH MINH", "Số: 1234/KH-UBND", "Bình Minh, ngày 15 tháng 3 năm 2021", "",
        "I. MỤC ĐÍCH, YÊU CẦU", "Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương.", "",
        "II. CÁC CHỈ TIÊU", "- Tỉ lệ thất nghiệp chung đạt 3%.", "Thực hiện Nghị quyết số 42-NQ/TW.", "",
        "- Phủ sóng băng rộng cố định,", "băng rộng di động trên toàn tỉnh, kể cả vùng sâu, vùng xa.", "",
        "III. TỔ CHỨC THỰC HIỆN", "Các sở, ngành triển khai.", "", "IV. BÁO CÁO", "Định kỳ báo cáo.", "",
        "PHỤ LỤC", "CÁC CHỈ TIÊU CHỦ YẾU",
        "(Kèm theo Kế hoạch số 1234/KH-UBND ngày 15 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh Bình Minh)", ""])
    paragraphs = [b.text for b in read_bytes(text.encode(), "plan.md").blocks if isinstance(b, Paragraph)]
    for line in ("ỦY BAN NHÂN DÂN TỈNH BÌNH MINH", "Số: 1234/KH-UBND", "I. MỤC ĐÍCH, YÊU CẦU",
                 "- Tỉ lệ thất nghiệp chung đạt 3%.", "Thực hiện Nghị quyết số 42-NQ/TW."):
        assert line in paragraphs
    assert "- Phủ sóng băng rộng cố định, băng rộng di động trên toàn tỉnh, kể cả vùng sâu, vùng xa." in paragraphs
    assert "PHỤ LỤC CÁC CHỈ TIÊU CHỦ YẾU" in paragraphs  # a title in capitals over two lines is one,
    assert paragraphs[-1].startswith("(Kèm theo Kế hoạch số 1234/KH-UBND")  # its caption under it another
