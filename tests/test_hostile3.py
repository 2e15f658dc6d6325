"""Hostile input, round 3 (issue 26): a clean bill only when it is earned, output that cannot
be forged, every reader bounded in time as well as memory.

Each case builds its input here and runs plancheck in a process under a memory cap and a
time limit (``capped``, as in test_bombs): a refusal is one line naming the file and the
limit, and the other files of the run are still reported. Limits are lowered on the command
line where a small input proves the bound as well as a large one.
"""

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from .conftest import SAMPLES
from .test_bombs import ENV, GOOD, TIME_LIMIT, _alive, _cap, _children, capped, good_file_reported
from .test_bombs import lint_with_good, refused


def files_of(p) -> dict:
    return {Path(f["path"]).name: f for f in json.loads(p.stdout)["files"]}


def config(tmp_path, text: str) -> Path:
    c = tmp_path / "limits.toml"
    c.write_text(text, encoding="utf-8")
    return c


# ---------------------------------------------------------------- builders: Word


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
                 '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
                 'document.main+xml"/>{more}</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _tc(text: str, merge: str | None = None) -> str:
    props = {"restart": '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', "continue": "<w:tcPr><w:vMerge/></w:tcPr>",
             None: ""}[merge]
    return f"<w:tc>{props}{_p(text)}</w:tc>"


def _table(rows) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


HEADER = [_tc("TT"), _tc("Chỉ tiêu"), _tc("Đơn vị"), _tc("Đến năm 2025"), _tc("Đến năm 2030")]
UNEMPLOYMENT = [_tc("1"), _tc("Tỷ lệ thất nghiệp chung"), _tc("%"), _tc("< 3"), _tc("999")]  # R001 on 999


def docx(body: str, parts: dict | None = None, rels: str = "", types: str = "") -> bytes:
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(more=types))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", xml)
        if rels:
            z.writestr("word/_rels/document.xml.rels",
                       '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                       f'package/2006/relationships">{rels}</Relationships>')
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def plan_docx(rows=()) -> bytes:
    return docx(_p("KẾ HOẠCH") + _p("Thực hiện Nghị quyết số 42-NQ/TW") + _table([HEADER, UNEMPLOYMENT, *rows]))


def vmerge_docx(continuations: int) -> bytes:
    """A row whose first cell starts a vertical merge continued by ``continuations`` rows."""
    rows = [[_tc("2", "restart"), _tc("Tỷ lệ lao động qua đào tạo"), _tc("%"), _tc("70"), _tc("75")]]
    rows += [[_tc("", "continue"), _tc(""), _tc(""), _tc(""), _tc("")] for _ in range(continuations)]
    return plan_docx(rows)


def nested_paragraphs_docx(depth: int, size: int) -> bytes:
    """A cell whose paragraphs are nested ``depth`` deep around a text of ``size`` characters."""
    inner = f'<w:r><w:t>{"x" * size}</w:t></w:r>'
    for _ in range(depth):
        inner = f"<w:p><w:r><w:t>a</w:t></w:r>{inner}</w:p>"
    return plan_docx([[_tc("2"), f"<w:tc>{inner}</w:tc>", _tc("%"), _tc("70"), _tc("75")]])


# ---------------------------------------------------------------- builders: workbooks


def _workbook(build) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    build(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _patched(data: bytes, part: str, patch) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in zin.infolist():
            content = zin.read(item.filename)
            z.writestr(item, patch(content) if item.filename == part else content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _rows(ws) -> None:
    ws.append(["indicator", "name", "unit", "2025", "2030"])
    ws.append(["unemployment", "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3"])
    ws.append(["trained_labour", "Tỷ lệ lao động qua đào tạo", "%", "70", "975"])
    ws.append(["unemployment", "Tỷ lệ thất nghiệp chung", "%", "< 3", "999"])
    ws.append(["trained_labour", "Tỷ lệ lao động qua đào tạo", "%", "170", "75"])
    ws.append(["unemployment", "Tỷ lệ thất nghiệp chung", "%", "300", "< 3"])


def understated_xlsx() -> bytes:
    """Six rows, four of them wrong, under a ``<dimension>`` that says the sheet ends at row 2."""
    import re

    return _patched(_workbook(_rows), SHEET, lambda d: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:F2"/>', d))


def long_cells_xlsx(cells: int, size: int) -> bytes:
    rows = b"".join(b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>' % (10 + i, 10 + i) + b"x" * size
                    + b"</t></is></c></row>" for i in range(cells))
    return _patched(_workbook(_rows), SHEET, lambda d: d.replace(b"</sheetData>", rows + b"</sheetData>"))


def whole_sheet_merges_xlsx(n: int) -> bytes:
    merges = b"".join(b'<mergeCell ref="A10:XFD1048576"/>' for _ in range(n))
    return _patched(_workbook(_rows), SHEET, lambda d: d.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="%d">' % n + merges + b"</mergeCells>"))


def formula_xlsx() -> bytes:
    """A workbook whose 2030 target of row 3 is a formula with the value a spreadsheet program saved (75)."""
    def build(ws):
        _rows(ws)
        ws["E3"] = "=60+15"

    return _patched(_workbook(build), SHEET,
                    lambda d: d.replace(b"<f>60+15</f><v></v>", b"<f>60+15</f><v>75</v>")
                    .replace(b"<f>60+15</f><v/>", b"<f>60+15</f><v>75</v>"))


# ---------------------------------------------------------------- builders: PDF


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Ke hoach so 12/KH-UBND) Tj ET\n"


def _one_page(content: bytes, resources: bytes = b"", extra=(), mediabox=b"[0 0 595 842]", flate=True) -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Contents 4 0 R /Resources << /Font << "
                 b"/F1 5 0 R >> " + resources + b" >> >>", _stream(content, flate=flate), FONT, *extra])


def ruled_grid_pdf(n: int) -> bytes:
    """A page ruled by ``n`` vertical and ``n`` horizontal lines: ``(n-1)**2`` cells, 10 KB."""
    ops = [TEXT]
    end = 20 + 5 * (n - 1)
    for i in range(n):
        x = 20 + 5 * i
        ops.append(b"%d 20 m %d %d l S\n%d %d m %d %d l S\n" % (x, x, end, 20, x, end, x))
    return _one_page(b"".join(ops), mediabox=b"[0 0 %d %d]" % (end + 20, end + 20))


def xobject_pdf(depth: int) -> bytes:
    """Form XObjects each drawing the one below twice, ``depth`` levels: 2**depth drawings."""
    form = b" /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << "
    extra = [_stream(b"BT /F1 1 Tf 1 1 Td (a) Tj ET", form + b"/Font << /F1 5 0 R >> >>")]
    for k in range(1, depth + 1):
        extra.append(_stream(b"/X%d Do /X%d Do" % (k - 1, k - 1), form + b"/XObject << /X%d %d 0 R >> >>" % (k - 1, 5 + k)))
    return _one_page(TEXT + b"/X%d Do\n" % depth, b"/XObject << /X%d %d 0 R >>" % (depth, 6 + depth), extra)


def flate_bomb_pdf(megabytes: int) -> bytes:
    """A content stream that inflates to ``megabytes`` MiB of spaces (about 1 KB per MiB)."""
    c = zlib.compressobj(9)
    data = c.compress(TEXT) + b"".join(c.compress(b" " * (1 << 20)) for _ in range(megabytes)) + c.flush()
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << "
                 b"/F1 5 0 R >> >> >>", b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
                 + b"\nendstream", FONT])


def tiny_characters_pdf(n: int) -> bytes:
    return _one_page(TEXT + b"BT /F1 0.1 Tf 1 1 Td (" + b"x" * n + b") Tj ET\n")


def shared_content_pdf(pages: int, lines: int) -> bytes:
    """``pages`` pages all drawing the same content stream of ``lines`` lines of text."""
    content = TEXT + b"".join(b"BT /F1 8 Tf 72 %d Td (Ty le that nghiep chung duoi 3 phan tram) Tj ET\n"
                              % (700 - (i % 80) * 8) for i in range(lines))
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << "
            b"/F1 5 0 R >> >> >>")
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
                 b"<< >>", _stream(content, flate=True), FONT] + [page] * pages)


# ---------------------------------------------------------------- time is a limit too


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_over_the_time_budget_is_one_line_and_the_others_are_reported(tmp_path, jobs):
    os.mkfifo(tmp_path / "hung.txt")  # a reader that never returns: opening it waits for a writer forever
    p, seconds = lint_with_good(tmp_path / "hung.txt", "--timeout", "1", "--jobs", jobs)
    line = refused(p, "hung.txt", "max-seconds")
    assert "reading it took longer than 1 s" in line and "--timeout" in line
    good_file_reported(p)
    assert seconds < 20


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the worker")
def test_a_worker_killed_by_the_oom_killer_costs_one_file(tmp_path):
    """With --jobs 2 a killed worker used to leave the parent waiting forever."""
    os.mkfifo(tmp_path / "hung.txt")
    proc = subprocess.Popen([sys.executable, "-m", "plancheck", "lint", tmp_path / "hung.txt", GOOD, "--jobs", "2",
                             "--format", "json", "--lang", "en"], env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_cap)
    try:
        deadline, stuck = time.monotonic() + 30, None
        while stuck is None and time.monotonic() < deadline:
            for child in _children(proc.pid):
                try:  # the worker that holds the FIFO open, waiting for a writer
                    fds = Path(f"/proc/{child}/fd")
                    if any(os.readlink(fd).endswith("hung.txt") for fd in fds.iterdir()):
                        stuck = child
                except OSError:
                    pass
            time.sleep(0.1)
        assert stuck, "no worker waiting on the FIFO"
        os.kill(stuck, signal.SIGKILL)  # what the OOM killer does
        out, err = proc.communicate(timeout=TIME_LIMIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    p = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    assert "killed by SIGKILL" in refused(p, "hung.txt", "hung.txt")
    good_file_reported(p)


class _SlowToCheck:
    """A pool handler (tests): reads any item at once, hangs checking a chunk that holds 2."""

    def __init__(self, *args):
        pass

    def item(self, item):
        return item

    def finish(self, items):
        if 2 in items:
            time.sleep(60)
        return items


def test_a_chunk_whose_checks_time_out_is_checked_file_by_file():
    from plancheck.workers import pool_run

    out = list(pool_run([[1, 2, 3]], _SlowToCheck, (), 1, 1.0, str))
    [(parts, failed)] = out
    assert sorted(i for indexes, _ in parts for i in indexes) == [0, 2]  # the others, checked alone
    assert list(failed) == [1] and "2: checking it took longer than 1 s" in failed[1][0]


def test_the_time_budget_is_documented_and_configurable(tmp_path):
    from plancheck.limits import DEFAULT

    assert DEFAULT.max_seconds == 60
    os.mkfifo(tmp_path / "hung.txt")
    p, _ = lint_with_good(tmp_path / "hung.txt", "--config", config(tmp_path, "[limits]\nmax-seconds = 1\n"))
    refused(p, "hung.txt", "max-seconds")
    readme = (Path(__file__).parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")
    assert "| `max-seconds` | 60 |" in readme and "--timeout" in readme


# ---------------------------------------------------------------- paths that were quadratic or per digit


def test_documents_that_were_quadratic_are_read_in_linear_time(tmp_path):
    """Five 5,000-digit cells (a typo reading per digit), 49,990 vMerge continuations (each
    walked up the table), a cell of 240 nested paragraphs around 10 MB of text (copied into
    each), 50 merges of a whole sheet: read, or refused, in seconds, beside a good file."""
    digits = tmp_path / "digits.csv"
    digits.write_text("indicator,name,unit,2025,2030\n" + "".join(
        f"trained_labour,Tỷ lệ lao động qua đào tạo,%,{'9' * 5000},70\n" for _ in range(5)), encoding="utf-8")
    assert digits.stat().st_size < 26_000
    (tmp_path / "vmerge.docx").write_bytes(vmerge_docx(49_990))
    (tmp_path / "nested.docx").write_bytes(nested_paragraphs_docx(240, 10_000_000))
    assert (tmp_path / "nested.docx").stat().st_size < 16_000
    (tmp_path / "merges.xlsx").write_bytes(whole_sheet_merges_xlsx(50))
    p, seconds = capped("lint", digits, tmp_path / "vmerge.docx", tmp_path / "nested.docx", tmp_path / "merges.xlsx",
                        GOOD, "--format", "json", "--lang", "en")
    files = files_of(p)
    findings = json.loads(p.stdout)["findings"]
    assert files["digits.csv"]["status"] == "ok"
    assert sum(f["rule"] == "R001" and f["path"].endswith("digits.csv") for f in findings) == 5
    assert files["vmerge.docx"]["status"] == "ok"
    assert any(f["path"].endswith("vmerge.docx") and f["value"] == "999" for f in findings)
    assert "max-chars" in refused(p, "nested.docx", "nested.docx")
    assert files["merges.xlsx"]["status"] == "ok"  # the merges below the table cover nothing it reads
    assert any(f["path"].endswith("merges.xlsx") and f["value"] == "999" for f in findings)
    good_file_reported(p)
    assert seconds < 40


def test_merged_slots_are_found_as_the_walk_found_them():
    """The one-pass origins of merged slots (extract/tables.py) are those of the walk they replace."""
    import random

    from plancheck.extract.tables import _origin, _origins
    from plancheck.model import GridCell, Location

    rnd = random.Random(26)
    for _ in range(300):
        rows = []
        for r in range(rnd.randrange(1, 7)):
            row = []
            for c in range(rnd.randrange(0, 6)):
                row.append(GridCell(f"{r}.{c}", Location(row=r, column=c), covered=rnd.random() < 0.5,
                                    row_span=rnd.randrange(1, 4), col_span=rnd.randrange(1, 4)))
            rows.append(row)
        for (r, c), (cell, above) in _origins(rows).items():
            walked, walked_above = _origin(rows, r, c)
            assert (cell.text, cell.location, above) == (walked.text, walked.location, walked_above)


def test_spreadsheets_are_read_whatever_their_stored_dimension(tmp_path):
    plan = tmp_path / "understated.xlsx"
    plan.write_bytes(understated_xlsx())
    p, _ = capped("lint", plan, "--format", "json", "--fail-on", "never")
    report = json.loads(p.stdout)
    wrong = {f["location"]["cell"] for f in report["findings"] if f["rule"][0] in "RY"}
    assert p.returncode == 0 and wrong == {"E3", "E4", "D5", "D6"}  # the four wrong rows; before: "0 findings"


def test_characters_of_a_workbook_are_counted(tmp_path):
    plan = tmp_path / "long.xlsx"
    plan.write_bytes(long_cells_xlsx(60, 1_000_000))
    assert plan.stat().st_size < 100_000
    p, seconds = lint_with_good(plan)
    refused(p, "long.xlsx", "max-chars")
    good_file_reported(p)
    assert seconds < 20


def test_pdfs_are_counted_while_they_are_read(tmp_path):
    """A 1001x1001 ruled grid, XObjects drawing each other twice over 24 levels, a Flate bomb,
    60,000 tiny characters on a page, 4,999 pages sharing a content stream: each refused by
    the limit it passes (the last three under lowered limits, the pages by the time budget)."""
    pytest.importorskip("pdfplumber")
    cases = {"grid.pdf": (ruled_grid_pdf(1001), "max-cells-per-row"), "xobjects.pdf": (xobject_pdf(24), "max-page-objects"),
             "bomb.pdf": (flate_bomb_pdf(300), "max-pdf-stream-bytes"),
             "tiny.pdf": (tiny_characters_pdf(60_000), "max-page-chars"),
             "pages.pdf": (shared_content_pdf(4999, 100), "max-seconds")}
    for name, (data, _) in cases.items():
        (tmp_path / name).write_bytes(data)
    assert (tmp_path / "grid.pdf").stat().st_size < 12_000 and (tmp_path / "bomb.pdf").stat().st_size < 400_000
    limits = config(tmp_path, "[limits]\nmax-pdf-stream-bytes = 20971520\n"  # 20 MiB: the bomb is 300
                            "max-page-objects = 5000\nmax-page-chars = 20000\n")
    p, seconds = capped("lint", *(tmp_path / n for n in cases), GOOD, "--format", "json", "--lang", "en",
                        "--config", limits, "--timeout", "3")
    for name, (_, limit) in cases.items():
        refused(p, name, limit)
    good_file_reported(p)
    assert seconds < 45


def test_one_cell_text_tables_have_the_row_limit(tmp_path):
    lines = ["KẾ HOẠCH", "Thực hiện Nghị quyết số 42-NQ/TW", "", "TT", "Chỉ tiêu", "Đơn vị", "Đến năm 2025",
             "Đến năm 2030"]
    for i in range(1, 2001):
        lines += [str(i), "Tỷ lệ thất nghiệp chung", "%", "< 3", "< 3"]
    plan = tmp_path / "onecell.txt"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p, _ = lint_with_good(plan, "--config", config(tmp_path, "[limits]\nmax-table-rows = 1000\n"))
    assert "more than 1,000 rows in one table" in refused(p, "onecell.txt", "max-table-rows")
    good_file_reported(p)


# ---------------------------------------------------------------- side inputs


@pytest.mark.parametrize("option", ["--suite", "--baseline", "--config"])
def test_dev_zero_as_a_side_input_stops_at_the_size_limit(option):
    p, seconds = capped("lint", GOOD, option, "/dev/zero", "--lang", "en")
    refused(p, "/dev/zero", "size limit of 50 MiB")
    assert seconds < 30


def test_dev_zero_as_annotate_input_stops_at_the_size_limit(tmp_path):
    p, seconds = capped("annotate", "/dev/zero", "-o", tmp_path / "x.docx", "--lang", "en")
    refused(p, "/dev/zero", "size limit of 50 MiB")
    assert seconds < 30 and not (tmp_path / "x.docx").exists()


def test_a_deep_baseline_and_a_long_number_in_a_suite_are_one_line(tmp_path):
    baseline = tmp_path / "deep.json"
    baseline.write_text('{"findings": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    p, _ = capped("lint", GOOD, "--baseline", baseline, "--lang", "en")
    assert "RecursionError" not in refused(p, "deep.json", "max-depth")
    suite = tmp_path / "digits.yaml"
    suite.write_text(f"name: digits\nindicators:\n  x:\n    name: X\n    unit: '%'\n    bounds: [0, {'9' * 5000}]\n",
                     encoding="utf-8")
    p, _ = capped("lint", GOOD, "--suite", suite, "--lang", "en")
    assert "5000 digits" in refused(p, "digits.yaml", "a value cannot be read")


def test_rtf_named_doc_is_read_as_a_word_document(tmp_path):
    from plancheck.readers.legacy import soffice

    rtf = tmp_path / "plan.doc"
    rtf.write_bytes(b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}\\f0 K\\u7870?HO\\u7840?CH\\par "
                    b"T\\u7927? l\\u7879? th\\u7845?t nghi\\u7879?p chung \\u273?\\u7871?n n\\u259?m 2030 "
                    b"d\\u432?\\u7899?i 30%\\par}")
    p, _ = capped("lint", rtf, "--format", "json", "--fail-on", "never", "--lang", "en")
    entry = json.loads(p.stdout)["files"][0]
    assert "invalid JSON" not in p.stderr + p.stdout
    if soffice() is None:
        assert entry["status"] == "error" and "Rich Text (RTF)" in entry["error"]
    else:
        assert entry["status"] == "ok" and entry["layout"] == "docx"


# ---------------------------------------------------------------- a clean bill only when earned


def test_a_configuration_others_can_change_does_not_silence_findings(tmp_path):
    shared = tmp_path / "shared"  # a folder anyone may write to, as /tmp is
    (shared / "work").mkdir(parents=True)
    os.chmod(shared, 0o1777)
    (shared / "plancheck.toml").write_text('ignore = ["*"]\n', encoding="utf-8")
    plan = shared / "work" / GOOD.name
    plan.write_bytes(GOOD.read_bytes())
    p, _ = capped("lint", plan.name, "--format", "json", "--lang", "en", cwd=str(shared / "work"))
    assert json.loads(p.stdout)["findings"] and p.returncode == 1
    warning = [line for line in p.stderr.splitlines() if "plancheck.toml" in line]
    assert len(warning) == 1 and "configuration ignored" in warning[0] and "others may write to its folder" in warning[0]
    if os.geteuid() == 0:  # a file another user owns, in a private folder
        os.chmod(shared, 0o755)
        os.chown(shared / "plancheck.toml", 4242, 4242)
        p, _ = capped("lint", plan.name, "--format", "json", "--lang", "en", cwd=str(shared / "work"))
        assert json.loads(p.stdout)["findings"] and "belongs to another user (uid 4242)" in p.stderr
    os.chmod(shared, 0o755)
    os.chown(shared / "plancheck.toml", os.getuid(), os.getgid())  # the user's own: used
    p, _ = capped("lint", plan.name, "--format", "json", "--lang", "en", cwd=str(shared / "work"))
    assert json.loads(p.stdout)["findings"] == [] and p.returncode == 0 and "ignored" not in p.stderr


def test_a_file_not_fully_checked_says_so_in_every_report(monkeypatch):
    from plancheck.checks import document
    from plancheck.engine import Options, run
    from plancheck.reporters import FORMATS, ci, followup

    def broken(doc, suite):
        raise ValueError("boom")

    monkeypatch.setattr(document, "CHECKS", [broken, *document.CHECKS])
    report = run([str(SAMPLES / "ha-giang-plan.txt")], Options(lang="en"))
    [result] = report.files
    assert result.checks_failed and "the check broken failed" in result.incomplete("en")
    assert json.loads(FORMATS["json"](report))["files"][0]["incomplete"] == result.incomplete("en")
    assert "! not fully checked: the check broken failed" in FORMATS["text"](report)
    notes = json.loads(ci.to_sarif(report))["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any(n["level"] == "warning" and "the check broken failed" in n["message"]["text"] for n in notes)
    assert "::warning file=" in ci.to_github(report) and "the check broken failed" in followup.to_html(report)


def test_hidden_sheets_not_read_are_said(tmp_path):
    def build(ws):
        _rows(ws)
        hidden = ws.parent.create_sheet("old")
        hidden.append(["indicator", "name", "unit", "2025", "2030"])
        hidden.sheet_state = "hidden"

    plan = tmp_path / "hidden.xlsx"
    plan.write_bytes(_workbook(build))
    p, _ = capped("lint", plan, "--format", "json", "--fail-on", "never", "--lang", "en")
    assert json.loads(p.stdout)["files"][0]["incomplete"] == "hidden sheets were not read: 'old'"
    assert "hidden.xlsx: not fully checked: hidden sheets were not read: 'old'" in p.stderr


# ---------------------------------------------------------------- output that cannot be forged or break


def _commands(text: str) -> list[str]:
    """Lines a GitHub runner would take for workflow commands."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


def test_ci_output_cannot_be_forged(tmp_path):
    forged = "\n::error file=README.md,line=1::FORGED\n::add-mask::secret\n##[error]FORGED\n"
    header = tmp_path / "header.csv"  # a header cell holding new lines (and no indicator column)
    header.write_text(f'Description,Units,Target 2025,"Target 2030{forged}"\nTỷ lệ thất nghiệp chung,%,< 3,999\n',
                      encoding="utf-8")
    named = tmp_path / f"plan{forged.replace('/', '_')}.csv"  # a file name with new lines
    named.write_bytes(GOOD.read_bytes())
    p, _ = capped("lint", header, named, "--format", "github", "--lang", "en")
    ours = [line for line in p.stdout.splitlines() if line.startswith(("::error ", "::warning ", "::notice "))]
    assert ours and len(ours) == len(p.stdout.splitlines())  # every stdout line is one of ours, whole
    assert "##[" not in p.stdout and not any(line.startswith("::add-mask") for line in p.stdout.splitlines())
    assert not _commands(p.stderr) and "Traceback" not in p.stderr
    assert "\\n::error file=README.md" in p.stderr  # the reason shown, with its new lines visible
    for fmt in ("text", "csv"):
        q, _ = capped("lint", header, named, "--format", fmt, "--lang", "en")
        assert not _commands(q.stdout) and not _commands(q.stderr), (fmt, q.stdout, q.stderr)


def test_compare_and_the_text_report_break_old_style_commands(tmp_path):
    plan = tmp_path / "##[error]FORGED.txt"
    plan.write_bytes((SAMPLES / "ha-giang-plan.txt").read_bytes())
    p, _ = capped("lint", plan, "--lang", "en", "--fail-on", "never")
    assert "##\\[error]" in p.stdout and not _commands(p.stdout)
    q, _ = capped("compare", plan, SAMPLES / "ha-giang-plan.md", "--status", "all", "--lang", "en")
    assert "##\\[error]" in q.stdout and not _commands(q.stdout), q.stdout


def test_terminal_escapes_never_reach_the_terminal(tmp_path):
    plan = tmp_path / "escapes.txt"
    text = (SAMPLES / "ha-giang-plan.txt").read_text(encoding="utf-8")
    plan.write_text(text.replace("Tỷ lệ thất nghiệp chung", "Tỷ lệ th\x1b[8mât\x1b]8;;http://evil/\x07 nghiệp chung")
                    .replace("Tỷ lệ lao động", "Tỷ lệ\x1b]0;pwned\x07 lao động"), encoding="utf-8")
    for fmt in ("text", "csv", "github"):
        p, _ = capped("lint", plan, "--format", fmt, "--lang", "en", "--fail-on", "never")
        assert "\x1b" not in p.stdout and "\x07" not in p.stdout and "\x1b" not in p.stderr, fmt
    # an ESC inside a word no longer hides its misspelling: "thât" for "thất"
    p, _ = capped("lint", plan, "--format", "json", "--lang", "en", "--fail-on", "never")
    assert any(f["rule"] == "X002" and "thât" in f["message"] for f in json.loads(p.stdout)["findings"])


def test_sarif_uris_are_percent_encoded_relative_to_the_working_folder(tmp_path):
    plan = tmp_path / "README.md#.txt"
    plan.write_bytes((SAMPLES / "ha-giang-plan.txt").read_bytes())
    p, _ = capped("lint", plan.name, "--format", "sarif", "--fail-on", "never", cwd=str(tmp_path))
    run = json.loads(p.stdout)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"README.md%23.txt"} and run["artifacts"][0]["location"]["uri"] == "README.md%23.txt"


def test_a_file_name_that_is_not_utf8_is_shown_with_an_escape(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    name = os.fsdecode(b"k\xe9-hoach.csv")  # Latin-1
    (folder / name).write_bytes(GOOD.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    for fmt, target in (("json", "r.json"), ("sarif", "r.sarif"), ("xlsx", "r.xlsx")):
        extra = ("--write-baseline", out / "base.json") if fmt == "json" else ()
        p, _ = capped("lint", folder, "--format", fmt, "-o", out / target, "--fail-on", "never", *extra)
        assert p.returncode == 0 and "Traceback" not in p.stderr and "UnicodeEncodeError" not in p.stderr, p.stderr
    assert "k\\\\xe9-hoach.csv" in (out / "r.json").read_text(encoding="utf-8")
    assert "k%5Cxe9-hoach.csv" in (out / "r.sarif").read_text(encoding="utf-8")
    p, _ = capped("lint", folder, "--baseline", out / "base.json", "--format", "json", "--fail-on", "never")
    assert p.returncode == 0 and json.loads(p.stdout)["findings"] == []
    p, _ = capped("lint", folder, "--fail-on", "never")
    assert "k\\xe9-hoach.csv" in p.stdout


def test_a_vertical_tab_in_a_plan_never_breaks_the_workbook(tmp_path):
    plan = tmp_path / "vt.csv"
    plan.write_text(GOOD.read_text(encoding="utf-8").replace("Tỷ lệ thất nghiệp chung,%,< 3,> 3",
                                                             "Tỷ lệ thất\x0b nghiệp chung,%,< 3,> 3\x0b"),
                    encoding="utf-8")
    p, _ = capped("lint", plan, "--format", "xlsx", "-o", tmp_path / "r.xlsx", "--fail-on", "never")
    assert p.returncode == 0 and "IllegalCharacterError" not in p.stderr, p.stderr
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "r.xlsx").worksheets[1].max_row > 1


# ---------------------------------------------------------------- annotate


def test_annotate_a_merged_workbook_and_keep_formulas_saved_values(tmp_path):
    def merged(ws):
        _rows(ws)
        ws.merge_cells("C2:C4")
        ws.merge_cells("E4:E5")

    plan = tmp_path / "merged.xlsx"
    plan.write_bytes(_workbook(merged))
    p, _ = capped("annotate", plan, "-o", tmp_path / "merged.out.xlsx", "--lang", "en")
    assert p.returncode == 0 and "Traceback" not in p.stderr and "cells marked" in p.stdout, p.stderr
    plan = tmp_path / "formula.xlsx"
    plan.write_bytes(formula_xlsx())
    p, _ = capped("annotate", plan, "-o", tmp_path / "formula.out.xlsx", "--lang", "en")
    assert p.returncode == 0, p.stderr
    q, _ = capped("lint", plan, tmp_path / "formula.out.xlsx", "--format", "json", "--fail-on", "never")
    files = files_of(q)
    assert files["formula.out.xlsx"]["status"] == "ok"  # its formula kept the saved value 75
    assert files["formula.out.xlsx"]["findings"] == files["formula.xlsx"]["findings"] > 0


def test_annotate_refuses_in_one_line_what_its_libraries_would_load_whole(tmp_path):
    merges = tmp_path / "merges.xlsx"
    merges.write_bytes(whole_sheet_merges_xlsx(50))
    p, seconds = capped("annotate", merges, "-o", tmp_path / "m.out.xlsx", "--lang", "en")
    refused(p, "merges.xlsx", "max-cells")
    assert seconds < 30
    dangling = tmp_path / "dangling.docx"
    dangling.write_bytes(docx(_p("KẾ HOẠCH") + _table([HEADER, UNEMPLOYMENT]), rels=(
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        'Target="media/missing.png"/>')))
    p, _ = capped("lint", dangling, "--format", "json", "--fail-on", "never")
    assert json.loads(p.stdout)["files"][0]["status"] == "ok"  # lint reads the text alone
    p, _ = capped("annotate", dangling, "-o", tmp_path / "d.out.docx", "--lang", "en")
    assert "a broken package" in refused(p, "dangling.docx", "media/missing.png")
    comments = tmp_path / "comments.docx"  # a comments part far larger than anything lint reads
    comments.write_bytes(docx(_p("KẾ HOẠCH") + _table([HEADER, UNEMPLOYMENT]), parts={
        "word/comments.xml": f'<?xml version="1.0"?><w:comments {W}>'.encode() + b"<!-- " + b"x" * 3_000_000
        + b" --></w:comments>"}, rels=(
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        'Target="comments.xml"/>'), types='<Override PartName="/word/comments.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.wordprocessingml.comments+xml"/>'))
    p, _ = capped("annotate", comments, "-o", tmp_path / "c.out.docx", "--lang", "en", "--config",
                  config(tmp_path, "[limits]\nmax-chars = 1000000\n"))
    assert "part word/comments.xml" in refused(p, "comments.docx", "max-chars")


def test_annotate_has_the_time_budget(tmp_path):
    plan = tmp_path / "vmerge.docx"
    plan.write_bytes(vmerge_docx(49_990))
    p, _ = capped("annotate", plan, "-o", tmp_path / "v.out.docx", "--lang", "en", "--timeout", "1")
    assert "annotating it took longer than 1 s" in refused(p, "vmerge.docx", "max-seconds")
    assert not (tmp_path / "v.out.docx").exists()


# ---------------------------------------------------------------- the local server


def _post(base: str, token: str, items, api: str = "lint", timeout: float = 60):
    import urllib.error
    import urllib.request

    boundary = "plancheck-test-boundary"
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'
                    .encode() + data + b"\r\n" for name, data in items) + f"--{boundary}--\r\n".encode()
    query = "&" if "?" in api else "?"
    req = urllib.request.Request(f"{base}/api/{api}{query}lang=en", data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "X-Plancheck-Token": token})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as answered:
        return answered.code, dict(answered.headers), answered.read()


@pytest.fixture()
def small_server():
    """The server on waitress, as served, with one upload worked on at a time and one waiting,
    a time limit of 2 s per file and idle connections closed after 2 s."""
    pytest.importorskip("waitress")
    from plancheck.web import make_server

    app, srv = make_server("127.0.0.1", 0, time_limit=2, running=1, waiting=1, channel_timeout=2)
    threading.Thread(target=srv.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}", app.config["PLANCHECK_TOKEN"]
    finally:
        srv.close()


def test_the_server_answers_busy_and_the_page_while_uploads_are_checked(small_server, seeds):
    import urllib.request

    base, token = small_server
    slow = (seeds / "khanh-hoa-plan.txt").read_bytes() * 150  # seconds to read: stopped at the time limit
    answers = []
    uploads = [threading.Thread(target=lambda: answers.append(_post(base, token, [("slow.txt", slow)])))
               for _ in range(4)]
    for t in uploads:
        t.start()
        time.sleep(0.2)
    start = time.monotonic()
    with urllib.request.urlopen(base + "/", timeout=10) as r:  # the page, while they are worked on
        assert r.status == 200
    assert time.monotonic() - start < 3
    for t in uploads:
        t.join(60)
    codes = sorted(status for status, _, _ in answers)
    assert codes.count(503) >= 2 and 200 in codes  # one worked on, one waiting, the others told to come back
    busy = next((headers, body) for status, headers, body in answers if status == 503)
    assert busy[0]["Retry-After"] == "10" and "busy" in json.loads(busy[1])["error"]
    done = next(json.loads(body) for status, _, body in answers if status == 200)
    assert "max-seconds" in done["files"][0]["error"]


def test_idle_half_sent_requests_do_not_exhaust_the_server(small_server):
    import urllib.request

    base, _ = small_server
    port = int(base.rsplit(":", 1)[1])
    idle = []
    try:
        for _ in range(110):
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /api/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n")  # and nothing more
            idle.append(s)
        start = time.monotonic()
        with urllib.request.urlopen(base + "/", timeout=20) as r:
            assert r.status == 200
        assert time.monotonic() - start < 15
        idle[0].settimeout(15)
        assert idle[0].recv(1024) == b""  # closed by the server once idle for the channel timeout
    finally:
        for s in idle:
            s.close()


def test_the_server_answers_a_vertical_tab_with_its_workbook(small_server):
    base, token = small_server
    plan = GOOD.read_text(encoding="utf-8").replace("Tỷ lệ thất nghiệp chung,", "Tỷ lệ thất\x0b nghiệp chung,")
    status, headers, body = _post(base, token, [("vt.csv", plan.encode())], api="report?format=xlsx")
    assert status == 200 and body[:2] == b"PK"


def test_a_conversion_cut_short_leaves_no_upload_and_no_libreoffice(tmp_path):
    """The fake LibreOffice records where its input is (the worker's private folder) and its pid,
    then hangs: at the time limit the worker is stopped, LibreOffice's group with it, and the
    folder with the upload removed."""
    pytest.importorskip("waitress")
    record = tmp_path / "soffice.txt"
    program = tmp_path / "soffice"
    program.write_text(f'#!/bin/sh\necho "$$ $TMPDIR" > {record}\nexec sleep 300\n')
    program.chmod(0o755)
    code = f"""
import json, threading, urllib.request
from pathlib import Path
from plancheck.web import make_server
from tests.test_hostile3 import _post

if __name__ == "__main__":
    app, srv = make_server("127.0.0.1", 0, time_limit=2)
    threading.Thread(target=srv.run, daemon=True).start()
    base, token = f"http://127.0.0.1:{{srv.effective_port}}", app.config["PLANCHECK_TOKEN"]
    data = Path({str(Path(__file__).parent / "data" / "ha-giang-plan.doc")!r}).read_bytes()
    status, _, body = _post(base, token, [("plan.doc", data), ("good.csv", Path({str(GOOD)!r}).read_bytes())])
    srv.close()
    print(json.dumps([status, json.loads(body)["files"]]))
"""
    env = {**ENV, "PLANCHECK_SOFFICE": str(program)}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                       cwd=str(Path(__file__).parent.parent))
    assert p.returncode == 0, p.stderr
    status, (doc, good) = json.loads(p.stdout)
    assert status == 200 and "max-seconds" in doc["error"] and good["status"] == "ok"
    pid, folder = record.read_text().split()
    assert not Path(folder).exists()  # the worker's private folder, with the upload, removed
    time.sleep(0.2)
    assert not _alive(int(pid))


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_conversion_stops_libreoffice(tmp_path, sig):
    record = tmp_path / "soffice.txt"
    program = tmp_path / "soffice"
    program.write_text(f'#!/bin/sh\necho "$$ $TMPDIR" > {record}\nexec sleep 300\n')
    program.chmod(0o755)
    doc = Path(__file__).parent / "data" / "ha-giang-plan.doc"
    proc = subprocess.Popen([sys.executable, "-m", "plancheck", "lint", doc], env={**ENV, "PLANCHECK_SOFFICE": str(program)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_cap)
    try:
        deadline = time.monotonic() + 30
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.2)
        proc.send_signal(sig)
        proc.communicate(timeout=TIME_LIMIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == {signal.SIGTERM: 143, signal.SIGINT: 130}[sig]
    pid, folder = record.read_text().split()
    time.sleep(0.2)
    assert not _alive(int(pid)) and not Path(folder).exists()
