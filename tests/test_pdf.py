"""The PDF reader: PDFs printed from Word plans (sample_data/make_pdf.py builds them) read
into the same paragraphs and grids as the Word files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plancheck.errors import InputError
from plancheck.limits import DEFAULT
from plancheck.model import Grid, Paragraph
from plancheck.textnorm import clean

from .conftest import ROOT, SAMPLES

pytest.importorskip("pdfplumber", reason="the PDF reader needs pdfplumber (pip install 'plancheck[pdf]')")

from plancheck.readers.pdf import _continues, _drop_running_lines, _Line, _Page, pdf_blocks  # noqa: E402

DATA = ROOT / "tests" / "data"
HA_GIANG_PDF = DATA / "ha-giang-plan.pdf"
LONG_PDF = DATA / "long-annex.pdf"


def blocks_of(path: Path, **limits):
    return pdf_blocks(path.read_bytes(), str(path), DEFAULT.with_overrides(**limits))


def grids(blocks) -> list[Grid]:
    return [b for b in blocks if isinstance(b, Grid)]


def paragraphs(blocks) -> list[Paragraph]:
    return [b for b in blocks if isinstance(b, Paragraph)]


# ---------------------------------------------------------------- a Word plan printed to PDF


def test_metadata_lines_are_paragraphs_of_their_own():
    paras = paragraphs(blocks_of(HA_GIANG_PDF))
    texts = [p.text for p in paras]
    assert texts[:4] == ["ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "Số: 1520/KH-UBND", "Hà Giang, ngày 12 tháng 8 năm 2024",
                         "KẾ HOẠCH"]
    number = paras[1]
    assert (number.location.page, number.location.line) == (1, 2)
    assert paras[0].bold and paras[3].bold and not number.bold


def test_wrapped_body_paragraphs_are_joined():
    texts = [p.text for p in paragraphs(blocks_of(HA_GIANG_PDF))]
    # printed over two lines ("... dưới" / "3,5%; ..."), read as the one Word paragraph
    assert ("- Tỷ lệ thất nghiệp chung dưới 3%; tỷ lệ thất nghiệp khu vực thành thị dưới 3,5%; tỷ lệ lao động qua "
            "đào tạo có bằng cấp, chứng chỉ đạt 35-40%.") in texts
    caption = [t for t in texts if t.startswith("(Kèm theo")]
    assert caption == ["(Kèm theo Kế hoạch số 1520/KH-UBND ngày 12 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh Hà Giang)"]


def test_paragraphs_are_the_word_paragraphs():
    import docx

    word = [clean(p.text) for p in docx.Document(str(SAMPLES / "ha-giang-plan.docx")).paragraphs if p.text.strip()]
    assert [p.text for p in paragraphs(blocks_of(HA_GIANG_PDF))] == word


def test_annex_is_one_grid_across_the_page_break():
    blocks = blocks_of(HA_GIANG_PDF)
    (grid,) = grids(blocks)
    assert grid.source == "pdf" and grid.location.page == 2 and grid.location.table == 1
    breaks = [i for i, row in enumerate(grid.rows) if not row]
    assert len(breaks) == 1
    before, after = grid.rows[breaks[0] - 1], grid.rows[breaks[0] + 1]
    assert {c.location.page for c in before} == {2} and {c.location.page for c in after} == {3}
    assert after[0].location.row == before[0].location.row + 1  # rows are counted over the whole table
    # the header as laid out: "Mục tiêu" over the two year columns, the others over two rows
    head, sub = grid.rows[0], grid.rows[1]
    assert [c.text for c in head] == ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "", "Ghi chú"]
    assert (head[3].col_span, head[3].row_span, head[4].covered) == (2, 1, True)
    assert (head[0].row_span, sub[0].covered, sub[0].text) == (2, True, "")
    assert [c.text for c in sub[3:5]] == ["Đến năm 2025", "Đến năm 2030"]
    # a section row is bold; the wrapped name on page 3 is joined with spaces
    section = next(r for r in grid.rows if r and r[0].text == "I")
    assert section[1].text == "Lao động, việc làm" and section[1].bold
    last = grid.rows[-1]
    assert [c.text for c in last] == ["11", "Tỷ lệ diêm dân cư nông thôn tập trung có hệ thống thu gom nước thải "
                                            "sinh hoạt", "%", "-", "25", ""]
    loc = last[4].location
    assert (loc.page, loc.table, loc.row, loc.column, loc.block) == (3, 1, 18, 5, grid.location.block)
    assert [b.location.block for b in blocks] == list(range(len(blocks)))


def test_cells_are_the_word_cells():
    import docx

    table = docx.Document(str(SAMPLES / "ha-giang-plan.docx")).tables[0]
    rows = [r for r in grids(blocks_of(HA_GIANG_PDF))[0].rows if r]
    assert len(rows) == len(table.rows)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if not cell.covered:
                assert cell.text == clean(table.cell(r, c).text), (r, c)


# ---------------------------------------------------------------- a table over five pages


def test_long_table_with_repeated_header_is_one_grid():
    blocks = blocks_of(LONG_PDF)
    (grid,) = grids(blocks)
    breaks = [i for i, row in enumerate(grid.rows) if not row]
    assert len(breaks) == 4  # pages 2 to 6
    for n, i in enumerate(breaks, start=3):
        # the header Word repeats at the top of each page, as printed, then the rows of that page
        assert [c.text for c in grid.rows[i + 1]][:4] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu"]
        assert {c.location.page for c in grid.rows[i + 1]} == {n}
    numbers = [int(r[0].text) for r in grid.rows if r and r[0].text.isdigit()]
    assert numbers == list(range(1, 96))
    rows = [c.location.row for r in grid.rows if r for c in r[:1]]
    assert rows == list(range(1, len(rows) + 1))


def test_page_numbers_are_dropped_and_two_column_lines_split():
    texts = [p.text for p in paragraphs(blocks_of(LONG_PDF))]
    assert not any(t.isdigit() for t in texts)
    # the heading of an official letter: two columns of a table without borders
    assert texts[:5] == ["ỦY BAN NHÂN DÂN TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TUYÊN QUANG",
                         "Số: 2215/KH-UBND", "Tuyên Quang, ngày 5 tháng 9 năm 2024"]


# ---------------------------------------------------------------- what cannot be read


def one_line(exc: InputError) -> tuple[str, str]:
    assert "\n" not in exc.en and "\n" not in exc.vi
    return exc.en, exc.vi


def test_scan_without_text_layer(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    page = pdfium.PdfDocument(HA_GIANG_PDF.read_bytes())[0]
    image = page.render(scale=1).to_pil().convert("RGB")  # the page as a scanner gives it: pixels only
    scan = tmp_path / "scan.pdf"
    image.save(scan, "PDF")
    with pytest.raises(InputError) as info:
        blocks_of(scan)
    en, vi = one_line(info.value)
    assert en.startswith(f"{scan}: this PDF has no text layer") and "OCR" in en
    assert "không có lớp văn bản" in vi


def test_password_protected():
    with pytest.raises(InputError) as info:
        blocks_of(DATA / "long-annex-locked.pdf")
    en, vi = one_line(info.value)
    assert "protected by a password" in en and "mật khẩu" in vi


@pytest.mark.parametrize("data", [b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\n",
                                  HA_GIANG_PDF.read_bytes()[:30_000]])
def test_corrupt_or_truncated(tmp_path, data):
    p = tmp_path / "broken.pdf"
    p.write_bytes(data)
    with pytest.raises(InputError) as info:
        blocks_of(p)
    en, vi = one_line(info.value)
    assert en.startswith(f"{p}: not a readable PDF") and "không đọc được tệp PDF" in vi


@pytest.mark.parametrize("limit, value, words", [("max_pages", 2, "more than 2 pages: over the limit max-pages"),
                                                 ("max_chars", 500, "more than 500 characters"),
                                                 ("max_cells", 50, "more than 50 table cells"),
                                                 ("max_table_rows", 10, "more than 10 rows"),
                                                 ("max_cells_per_row", 4, "more than 4 cells in one table row")])
def test_limits(limit, value, words):
    with pytest.raises(InputError, match=words):
        blocks_of(HA_GIANG_PDF, **{limit: value})


def test_without_pdfplumber(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import pdfplumber -> ImportError
    with pytest.raises(InputError) as info:
        blocks_of(HA_GIANG_PDF)
    assert one_line(info.value)[0] == f"{HA_GIANG_PDF}: reading PDF files needs pdfplumber: pip install 'plancheck[pdf]'"


@settings(max_examples=40)
@given(st.lists(st.tuples(st.integers(0, 58_000), st.binary(min_size=1, max_size=8)), min_size=1, max_size=6))
def test_damaged_pdf_gives_blocks_or_one_clean_error(edits):
    data = bytearray(HA_GIANG_PDF.read_bytes())
    for at, junk in edits:
        data[at:at + len(junk)] = junk
    try:
        blocks = pdf_blocks(bytes(data), "damaged.pdf")
    except InputError as exc:
        one_line(exc)
        assert str(exc).startswith("damaged.pdf: ")
    else:
        assert all(isinstance(b, (Paragraph, Grid)) for b in blocks)


# ---------------------------------------------------------------- the layout decisions, case by case


def line(text="x", page=1, number=1, top=100.0, x0=90.0, x1=520.0, size=13.0, first_word=30.0, bold=False,
         alone=True):
    return _Line(page, number, top, top + size, x0, x1, text, bold, size, first_word, alone)


@pytest.mark.parametrize("prev, nxt, joined", [
    (line(), line(top=115), True),  # a full line, then the next line at the margin
    (line(x0=126), line(top=115), True),  # first-line indent
    (line(x1=300), line(top=115), False),  # a short line ends its paragraph ("Số: 123/KH-UBND")
    (line(x1=480), line(top=115, first_word=20), False),  # the next word would have fitted
    (line(x1=480), line(top=115, first_word=60), True),  # it would not have
    (line(), line(top=115, x0=140), False),  # the next line is indented: a new paragraph
    (line(), line(top=140), False),  # a blank line's worth of space between
    (line(), line(top=115, bold=True), False),  # a heading follows
    (line(), line(top=115, size=16), False),
    (line(alone=False), line(top=115), False),  # two columns on one line
    (line(page=1, top=740), line(page=2, top=72), True),  # a paragraph running onto the next page
    (line(page=1, top=740), line(page=3, top=72), False),
])
def test_continues(prev, nxt, joined):
    assert _continues(prev, nxt, right=520.0) is joined


def test_running_lines():
    bodies = ["Mục tiêu chung", "Nhiệm vụ, giải pháp", "Tổ chức thực hiện", "Phụ lục"]
    pages = []
    for n in range(1, 5):
        page = _Page(n, 595, 842)
        page.items = [line(f"- {n} -", page=n, number=1, top=30),
                      line("Kế hoạch số 15/KH-UBND", page=n, number=2, top=45),
                      line(bodies[n - 1], page=n, number=3, top=80),
                      line("Lưu hành nội bộ", page=n, number=4, top=800)]
        pages.append(page)
    pages[0].items[1].text = "ỦY BAN NHÂN DÂN"  # page 1 has no running title
    pages[0].items[0].text = "12"  # a number at the top of page 1, where no page number stands
    pages[0].items[0].top, pages[0].items[0].bottom = 300, 313
    _drop_running_lines(pages)
    # the page numbers go; the title and footer repeated at the edge of every page go
    assert [[i.text for i in p.items] for p in pages] == [["12", "ỦY BAN NHÂN DÂN", "Mục tiêu chung"],
                                                          ["Nhiệm vụ, giải pháp"], ["Tổ chức thực hiện"], ["Phụ lục"]]
