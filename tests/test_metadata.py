"""Metadata reads annex captions, not titles: only a caption ("(Kèm theo Kế hoạch số ...)"
under a PHỤ LỤC heading or directly above an annex table) is compared with the header."""

from pathlib import Path

from plancheck.engine import read_and_extract, load_suites

from .conftest import lint

HEADER = "Số: 1520/KH-UBND\nHà Giang, ngày 12 tháng 8 năm 2024\nKẾ HOẠCH\n"
TABLE = ("TT\tChỉ tiêu\tĐơn vị\tĐến năm 2025\tĐến năm 2030\n"
         "1\tTỷ lệ thất nghiệp chung\t%\t< 3\t< 3\n")


def _lint(tmp_path: Path, text: str, name: str = "plan.txt") -> list:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return [(f.rule, f.line, f.value, f.suggestion) for f in lint([p], lang="en").findings]


def _meta(tmp_path: Path, text: str):
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    doc, _ = read_and_extract(str(p), load_suites(("national",)), 2**20)
    return doc.meta


def test_title_naming_the_programme_it_implements_is_a_citation(tmp_path):
    text = HEADER + ("THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ BAN HÀNH KÈM THEO NGHỊ QUYẾT SỐ 68/NQ-CP "
                     "NGÀY 09/5/2024 CỦA CHÍNH PHỦ\n(Ban hành kèm theo Nghị quyết số 68/NQ-CP ngày 09 tháng 5 năm 2024 "
                     "của Chính phủ)\nI. MỤC ĐÍCH, YÊU CẦU\nTriển khai đồng bộ các nhiệm vụ.\n")
    got = _lint(tmp_path, text)
    assert not [g for g in got if g[0] in ("M002", "M003", "M006")], got
    meta = _meta(tmp_path, text)
    assert meta.captions == []
    cited = [(c.kind, c.number, c.date.isoformat()) for c in meta.citations if c.number == "68/NQ-CP"]
    assert ("Nghị quyết", "68/NQ-CP", "2024-05-09") in cited and len(cited) == 2


def test_title_with_a_wrong_date_is_a_wrong_citation(tmp_path):
    text = HEADER + "THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG BAN HÀNH KÈM THEO NGHỊ QUYẾT SỐ 68/NQ-CP NGÀY 19/5/2024\n"
    got = [g for g in _lint(tmp_path, text) if g[0] != "S006"]  # (a header alone states no target: S006)
    assert [g[0] for g in got] == ["M004"] and got[0][3] == "09/5/2024"


def test_body_sentence_is_not_a_caption(tmp_path):
    text = HEADER + "Kèm theo Kế hoạch số 1250/KH-UBND ngày 01/02/2024 là danh mục các nhiệm vụ cụ thể của các sở.\n"
    assert not [g for g in _lint(tmp_path, text) if g[0] in ("M002", "M003")]


def test_caption_under_an_annex_heading_is_compared(tmp_path):
    text = HEADER + "PHỤ LỤC I\nCÁC CHỈ TIÊU CHỦ YẾU\n(Kèm theo Kế hoạch số 1250/KH-UBND ngày 12 tháng 8 năm 2024)\n"
    assert ("M002", 6, "Kèm theo Kế hoạch số 1250/KH-UBND ngày 12 tháng 8 năm 2024", "1520/KH-UBND") in \
        _lint(tmp_path, text)


def test_caption_directly_above_a_table_is_compared(tmp_path):
    text = HEADER + "(Kèm theo Kế hoạch số 1520/KH-UBND ngày 21/8/2024 của Ủy ban nhân dân tỉnh)\n" + TABLE
    assert [(g[0], g[1], g[3]) for g in _lint(tmp_path, text) if g[0].startswith("M")] == [("M003", 4, "12/8/2024")]


def test_caption_wrapped_over_two_lines(tmp_path):
    text = HEADER + "PHỤ LỤC\n(Kèm theo Kế hoạch số 1520/KH-UBND\nngày 21 tháng 8 năm 2024 của Ủy ban nhân dân tỉnh)\n"
    assert [(g[0], g[1]) for g in _lint(tmp_path, text) if g[0].startswith("M")] == [("M003", 5)]


def test_blank_caption_is_its_own_finding(tmp_path):
    text = HEADER + "PHỤ LỤC\n(Kèm theo Kế hoạch số     /KH-UBND ngày   /   /2024 của Ủy ban nhân dân tỉnh)\n"
    got = [g for g in _lint(tmp_path, text) if g[0].startswith("M")]
    assert [(g[0], g[1], g[3]) for g in got] == [("M006", 5, "số 1520/KH-UBND ngày 12/8/2024")]
    only_date = HEADER + "PHỤ LỤC\n(Kèm theo Kế hoạch số 1520/KH-UBND ngày     tháng     năm 2024)\n"
    assert [(g[0], g[3]) for g in _lint(tmp_path, only_date) if g[0].startswith("M")] == [
        ("M006", "số 1520/KH-UBND ngày 12/8/2024")]


def test_blank_caption_in_an_unsigned_draft(tmp_path):
    text = ("Số:      /KH-UBND\nHà Giang, ngày    tháng 8 năm 2024\nKẾ HOẠCH\nPHỤ LỤC\n"
            "(Kèm theo Kế hoạch số     /KH-UBND ngày   /   /2024)\n")
    got = [g for g in _lint(tmp_path, text) if g[0].startswith("M")]
    assert [(g[0], g[3]) for g in got] == [("M001", None), ("M006", None)]  # nothing to suggest from a draft
