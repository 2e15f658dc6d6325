"""Legacy .doc files converted through LibreOffice (tests/data/ha-giang-plan.doc is
sample_data/ha-giang-plan.docx saved as Word 97-2003 by sample_data/make_pdf.py)."""

from __future__ import annotations

import io
import stat
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from plancheck.errors import InputError
from plancheck.readers import legacy
from plancheck.readers.legacy import doc_to_docx, ole_kind

from .conftest import ROOT, SAMPLES

DOC = ROOT / "tests" / "data" / "ha-giang-plan.doc"

NO_SOFFICE = "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
needs_soffice = pytest.mark.skipif(legacy.soffice() is None, reason=NO_SOFFICE)


def fake_soffice(tmp_path, monkeypatch, script: str) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script + "\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PLANCHECK_SOFFICE", str(program))


def test_the_sample_is_a_word_ole_file():
    assert ole_kind(DOC.read_bytes()) == "doc"
    assert ole_kind((SAMPLES / "ha-giang-plan.docx").read_bytes()) is None


def test_without_libreoffice_the_message_says_how_to_save_as_docx(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANCHECK_SOFFICE", str(tmp_path / "not-installed"))
    with pytest.raises(InputError) as info:
        doc_to_docx(DOC.read_bytes(), "plan.doc")
    exc = info.value
    assert exc.en.startswith("plan.doc: a legacy Word file (.doc)") and "\n" not in exc.en
    assert "File > Save As > Word Document (.docx)" in exc.en
    assert exc.vi.startswith("plan.doc: tệp Word cũ (.doc)") and "Tệp > Lưu thành > Word Document (.docx)" in exc.vi
    assert exc.message("vi") == exc.vi


def test_timeout_ends_the_converter_and_cleans_up(monkeypatch, tmp_path):
    marker = tmp_path / "still-running"
    fake_soffice(tmp_path, monkeypatch, f"sleep 2; touch {marker}")
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    started = time.monotonic()
    with pytest.raises(InputError, match=r"plan.doc: LibreOffice did not convert the file within 0.5 s"):
        doc_to_docx(b"x", "plan.doc", timeout=0.5)
    assert time.monotonic() - started < 2
    time.sleep(2.5)
    assert not marker.exists()  # the converter's whole process group was ended
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary directory is removed


def test_a_failed_conversion_is_one_line(monkeypatch, tmp_path):
    fake_soffice(tmp_path, monkeypatch, 'echo "Error: source file could not be loaded"; exit 0')
    with pytest.raises(InputError) as info:
        doc_to_docx(b"x", "plan.doc")
    assert "plan.doc: LibreOffice could not convert the file (exit status 0: Error: source file could not be " \
           "loaded)" in info.value.en
    assert "Tệp > Lưu thành" in info.value.vi


@needs_soffice
def test_doc_converts_to_the_same_word_content(monkeypatch, tmp_path):
    import docx

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    converted = docx.Document(io.BytesIO(doc_to_docx(DOC.read_bytes(), str(DOC))))
    original = docx.Document(str(SAMPLES / "ha-giang-plan.docx"))
    assert [p.text for p in converted.paragraphs if p.text] == [p.text for p in original.paragraphs if p.text]
    a, b = converted.tables[0], original.tables[0]
    assert [[c.text for c in r.cells] for r in a.rows] == [[c.text for c in r.cells] for r in b.rows]
    assert list(tmp_path.iterdir()) == []  # nothing left behind


@needs_soffice
def test_parallel_conversions_do_not_collide():
    data = DOC.read_bytes()
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda i: doc_to_docx(data, f"plan-{i}.doc"), range(2)))
    import docx

    for r in results:  # each run had its own LibreOffice profile: both finished and agree
        assert docx.Document(io.BytesIO(r)).tables[0].cell(0, 0).text == "TT"
