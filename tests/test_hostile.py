"""Hostile and odd input: every broken file is one clear line, nothing else is lost.

All hostile files are generated here.
"""

import io
import json
import subprocess
import sys
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plancheck.catalogue import load_suite
from plancheck.errors import InputError
from plancheck.extract import extract
from plancheck.readers import read_bytes

from .conftest import SAMPLES, lint


def cli(*args):
    return subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True)


def one_line_error(p, name):
    assert p.returncode == 2, p.stdout + p.stderr
    lines = [l for l in p.stderr.splitlines() if name in l]
    assert lines and "Traceback" not in p.stderr
    return lines[0]


# ---------------------------------------------------------------- text encodings


def test_windows_1258_is_read(seeds, tmp_path):
    text = (seeds / "khanh-hoa-plan.txt").read_text(encoding="utf-8")
    p = tmp_path / "cp1258.txt"
    p.write_bytes(to_cp1258(text))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(text, encoding="utf-8")
    a = sorted((f.rule, f.line, f.value) for f in lint([p]).findings)
    b = sorted((f.rule, f.line, f.value) for f in lint([utf8]).findings)
    assert a == b and a


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese editors wrote it: shape marks precomposed, tones combining."""
    import unicodedata

    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        tones = "".join(c for c in parts if c in TONES)
        out.append((base + tones).encode("cp1258", errors="replace"))
    return b"".join(out)


def test_undecidable_encoding_is_an_error(tmp_path):
    p = tmp_path / "tcvn3.txt"
    # TCVN3-like bytes: single-byte Vietnamese letters that are not Windows-1258 Vietnamese
    p.write_bytes(b"K\xd5 ho\xb9ch s\xe8 12\n" * 20 + b"\x81\x8d\x8f\x90\n")
    line = one_line_error(cli("lint", p, "--lang", "en"), "tcvn3.txt")
    assert "encoding cannot be decided" in line and "UTF-8" in line


def test_tab_inside_a_cell_changes_nothing(seeds, tmp_path):
    text = (seeds / "khanh-hoa-plan.txt").read_text(encoding="utf-8")
    p = tmp_path / "tabbed.txt"
    p.write_text(text.replace("Tỷ lệ đi học đúng tuổi cấp trung học cơ sở", "Tỷ lệ đi học\tđúng tuổi cấp trung học cơ sở"),
                 encoding="utf-8")
    q = tmp_path / "plain.txt"
    q.write_text(text, encoding="utf-8")
    assert sorted((f.rule, f.line) for f in lint([p]).findings) == sorted((f.rule, f.line) for f in lint([q]).findings)


# ---------------------------------------------------------------- broken containers


def _zip(entries: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    from plancheck.limits import Limits

    data = _zip({"word/document.xml": b"\0" * (6 * 1024 * 1024), "[Content_Types].xml": b"<x/>"})
    assert len(data) < 100_000
    with pytest.raises(InputError, match="expands to 6 MiB, over the 5 MiB limit"):
        read_bytes(data, "bomb.docx", Limits(max_zip_bytes=5 * 1024 * 1024))


def test_too_many_entries(tmp_path):
    data = _zip({f"xl/f{i}.xml": b"x" for i in range(5001)} | {"xl/workbook.xml": b"<x/>"}, zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="too many entries"):
        read_bytes(data, "many.xlsx")


def test_truncated_docx_and_xlsx(tmp_path):
    for name in ("ha-giang-plan.docx", "quang-tri-2025.xlsx"):
        data = (SAMPLES / name).read_bytes()
        p = tmp_path / name
        p.write_bytes(data[: len(data) // 2])
        line = one_line_error(cli("lint", p, SAMPLES / "binh-phuoc-2025.csv", "--lang", "en"), name)
        assert "corrupt or truncated" in line


def test_zip_that_is_not_office(tmp_path):
    p = tmp_path / "plan.docx"
    p.write_bytes(_zip({"hello.txt": b"hi"}))
    assert "neither a .docx nor an .xlsx" in one_line_error(cli("lint", p, "--lang", "en"), "plan.docx")


def test_binary_junk_with_text_extension(tmp_path):
    import random

    rnd = random.Random(7)
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(4096)))
    one_line_error(cli("lint", p), "junk.txt")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    assert "empty file" in one_line_error(cli("lint", p, "--lang", "en"), "empty.csv")


def test_size_limit_and_option(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes((SAMPLES / "ha-giang-plan.txt").read_bytes() + b"\n" + b"x" * (1024 * 1024 + 10) + b"\n")
    line = one_line_error(cli("lint", p, "--max-size", "1", "--lang", "en"), "big.txt")
    assert "over the size limit of 1 MiB" in line and "--max-size" in line
    assert cli("lint", p, "--max-size", "3", "--fail-on", "never").returncode == 0


def test_enormous_table_row(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_text("TT\tChỉ tiêu\n" + "\t".join(["1"] * 500) + "\n", encoding="utf-8")
    assert "more than 200 cells" in one_line_error(cli("lint", p, "--lang", "en"), "wide.txt")


def test_deeply_nested_docx_tables(tmp_path):
    import docx

    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    for _ in range(60):
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "Tỷ lệ thất nghiệp chung"
    p = tmp_path / "nested.docx"
    d.save(p)
    r = cli("lint", p, "--fail-on", "never")
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr


# ---------------------------------------------------------------- spreadsheets


def _workbook(tmp_path, name, build):
    from openpyxl import Workbook

    wb = Workbook()
    build(wb)
    p = tmp_path / name
    wb.save(p)
    return p


def test_formula_without_saved_value(tmp_path):
    def build(wb):
        ws = wb.active
        ws.append(["indicator", "name", "unit", "2025", "2030"])
        ws.append(["unemployment", "Tỷ lệ thất nghiệp chung", "%", "< 3", "=A1&B1"])

    p = _workbook(tmp_path, "formula.xlsx", build)
    line = one_line_error(cli("lint", p, "--lang", "en"), "formula.xlsx")
    assert "cell E2" in line and "no saved value" in line


def test_merged_cells_and_hidden_sheets(tmp_path):
    def build(wb):
        hidden = wb.active
        hidden.title = "old"
        hidden.append(["indicator", "name", "unit", "2025", "2030"])
        hidden.append(["unemployment", "x", "%", "> 3", "> 3"])
        hidden.sheet_state = "hidden"
        ws = wb.create_sheet("plan")
        ws.append(["name", "unit", "2025", "2030"])
        ws.append(["Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3"])
        ws.append(["Tỷ lệ thất nghiệp khu vực thành thị", "%", "< 4", "< 4"])
        ws.merge_cells("B2:B3")

    p = _workbook(tmp_path, "merged.xlsx", build)
    r = json.loads(cli("lint", p, "--format", "json", "--fail-on", "never").stdout)
    assert r["files"][0]["status"] == "ok" and r["findings"] == []  # merged unit read; hidden "> 3" not read

    def only_hidden(wb):
        build(wb)
        wb["plan"].sheet_state = "hidden"
        wb.create_sheet("notes").append(["Ghi chú của người soạn"])

    q = _workbook(tmp_path, "hidden.xlsx", only_hidden)
    assert "hidden sheets are not read: old, plan" in one_line_error(cli("lint", q, "--lang", "en"), "hidden.xlsx")


# ---------------------------------------------------------------- suites and outputs


def test_suite_cannot_name_unknown_rules(tmp_path):
    s = tmp_path / "s.yaml"
    s.write_text("suite: x\nseverity: {Q999: info}\nindicators: []\n", encoding="utf-8")
    assert "rule 'Q999' does not exist" in one_line_error(cli("lint", SAMPLES / "clean-province-2025.csv",
                                                                "--suite", s, "--lang", "en"), "s.yaml")
    assert "không có quy tắc 'Q999'" in one_line_error(cli("lint", SAMPLES / "clean-province-2025.csv",
                                                             "--suite", s), "s.yaml")


def test_failed_write_leaves_no_half_report(tmp_path):
    out = tmp_path / "no-such-dir" / "report.json"
    p = cli("lint", SAMPLES / "clean-province-2025.csv", "--format", "json", "-o", out, "--lang", "en")
    assert p.returncode == 2 and "cannot write the report (no such file or folder)" in p.stderr
    p = cli("lint", SAMPLES / "clean-province-2025.csv", "--format", "json", "-o", out)
    assert p.returncode == 2 and "không ghi được báo cáo (không tìm thấy tệp hoặc thư mục)" in p.stderr
    assert not out.parent.exists()


def test_output_is_deterministic(seeds):
    a = cli("lint", seeds, SAMPLES, "--format", "json", "--fail-on", "never").stdout
    b = cli("lint", SAMPLES, seeds, "--format", "json", "--fail-on", "never").stdout
    assert json.loads(a)["findings"] == json.loads(b)["findings"]  # whatever the order of the arguments


def test_debug_shows_the_traceback(tmp_path):
    s = tmp_path / "s.yaml"
    s.write_text("suite: x\nindicators: 3\n", encoding="utf-8")
    quiet = cli("lint", SAMPLES / "clean-province-2025.csv", "--suite", s)
    loud = cli("lint", SAMPLES / "clean-province-2025.csv", "--suite", s, "--debug")
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr


# ---------------------------------------------------------------- fuzz: bytes in, a document or a clean error out


@given(st.binary(max_size=3000))
def test_fuzz_readers_bytes(data):
    _read_or_clean_error(data, "fuzz.txt")


@given(st.lists(st.sampled_from([
    "TT\tChỉ tiêu\tĐơn vị\tĐến năm 2025\tĐến năm 2030", "1\tTỷ lệ thất nghiệp chung\t%\t< 3\t> 3", "\t", "",
    "| TT | Chỉ tiêu | Đơn vị | 2025 | 2030 |", "|---|---|", "I", "X", "100", "> 975", "%", "Thành thị",
    "Số: /KH-UBND", "Tây Ninh, ngày 18 tháng 9 năm 2024", "(Kèm theo Kế hoạch số 1/KH-UBND ngày 1/1/2024)",
    "II. CHỈ TIÊU ĐẾN NĂM 2030", "- Tỷ lệ thất nghiệp chung dưới 3%", "PHỤ LỤC", "Sở Y tế", "<b>1</b>",
    "indicator,name,unit,2025,2030", "unemployment,x,%,1,2", "{", "[]", "indicators:",
]), max_size=40), st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_fuzz_document_shapes(lines, encoding):
    _read_or_clean_error("\n".join(lines).encode(encoding), "fuzz.txt")


def _read_or_clean_error(data: bytes, name: str):
    from plancheck.engine import Options, check_documents, finalize

    suite = load_suite()
    try:
        doc = extract(read_bytes(data, name), suite)
    except InputError as exc:
        assert name in str(exc) and "\n" not in str(exc)
        return
    specs = check_documents([doc], suite, Options())
    for f in finalize(specs, suite, Options()):
        assert f.rule and f.message
