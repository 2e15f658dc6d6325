"""Readers and extraction on real layouts: tab-separated, one cell per line, pipe tables, Word."""

from pathlib import Path

import pytest

from plancheck.catalogue import load_suite
from plancheck.extract import extract
from plancheck.readers import read_bytes, read_path

from .conftest import SAMPLES, lint


def doc_of(path):
    return extract(read_path(str(path)), load_suite())


def test_tab_separated_annex(seeds):
    d = doc_of(seeds / "tay-ninh-plan.txt")
    assert d.layout == "grid"
    annex = [t for t in d.tables if t.kind == "indicator"]
    assert len(annex) == 1 and annex[0].years == [2025, 2030]
    rows = {r.line: r for r in annex[0].rows}
    # header repeated on every page is skipped; the row broken by a page break is joined
    assert "các hoạt động trợ giúp phòng ngừa" in rows[366].name
    assert 370 not in rows
    # the per-10,000 header gives its children a group, and stops at the next % row
    assert rows[394].group_unit == "per_10000" and rows[401].group_unit is None
    # breakdown rows hang on their parent
    assert rows[425].role == "breakdown" and rows[425].breakdown == "urban"
    assert [t.kind for t in d.tables].count("task") == 1  # the task annex is not read as indicators


def test_one_cell_per_line_annex(seeds):
    d = doc_of(seeds / "khanh-hoa-plan.txt")
    assert d.layout == "one-cell"
    annex = [t for t in d.tables if t.kind == "indicator"][0]
    by_label = {r.label: r for r in annex.rows if r.label}
    assert [v.text for v in by_label["49"].targets] == ["-", "> 975"]
    assert by_label["X"].role == "section"  # Roman ten, not the source mark "X"
    assert by_label["IV"].name.startswith("Bảo hiểm xã hội")
    assert [v.location.line for v in by_label["2"].targets] == [185, 186]
    subs = [r for r in annex.rows if r.role == "breakdown"]
    assert {"urban", "rural", "region"} <= {r.breakdown for r in subs}
    assert any(r.role == "sub" and r.parent is not None for r in annex.rows)  # "Trong đó: ..."


def test_narrative_targets(seeds):
    d = doc_of(seeds / "khanh-hoa-plan.txt")
    got = {(n.indicator, n.raw) for n in d.narrative}
    assert ("unemployment", "dưới 3%") in got
    assert ("lower_secondary_enrolment_age", "tối thiểu đạt 97,5%") in got
    assert ("hospital_beds", "40") in got and ("nurses", "33") in got
    programme = doc_of(seeds / "tay-ninh-party-programme.txt")
    got = {(n.indicator, n.raw) for n in programme.narrative}
    assert {("hospital_beds", "32"), ("doctors", "11"), ("nurses", "25"),
            ("primary_care_health_insurance", "Trên 70%"), ("social_housing_units", "11.900")} <= got
    assert len(programme.narrative) >= 15


def test_metadata(seeds):
    m = doc_of(seeds / "tay-ninh-plan.txt").meta
    assert (m.doc_type, m.number, str(m.date), m.province) == ("plan", "2860/KH-UBND", "2024-09-18", "Tây Ninh")
    assert [(c.line, c.number) for c in m.captions] == [(316, "2860/KH-UBND"), (448, "2360/KH-UBND")]
    cited = {(c.number, str(c.date)) for c in m.citations}
    assert ("42-NQ/TW", "2023-11-24") in cited and ("68/NQ-CP", "2024-05-09") in cited
    assert doc_of(seeds / "tay-ninh-party-programme.txt").meta.doc_type == "programme"


def test_pipe_table_layout():
    d = doc_of(SAMPLES / "ha-giang-plan.md")
    annex = [t for t in d.tables if t.kind == "indicator"][0]
    assert annex.years == [2025, 2030] and len([r for r in annex.rows if r.role == "indicator"]) == 10


def test_docx_reader_merged_header():
    d = doc_of(SAMPLES / "ha-giang-plan.docx")
    assert d.layout == "docx" and d.meta.number == "1520/KH-UBND"
    annex = [t for t in d.tables if t.kind == "indicator"][0]
    assert annex.problem is None and annex.years == [2025, 2030]
    assert all(r.line is None and r.location.table == 1 and r.location.row > 2 for r in annex.rows)


def _key(f):
    return (f.rule, f.row_label, f.year, f.value)


def test_docx_and_its_text_conversion_agree():
    docx = lint([SAMPLES / "ha-giang-plan.docx"]).findings
    txt = lint([SAMPLES / "ha-giang-plan.txt"]).findings
    md = lint([SAMPLES / "ha-giang-plan.md"]).findings
    assert sorted(map(_key, docx), key=str) == sorted(map(_key, txt), key=str) == sorted(map(_key, md), key=str)
    assert len(txt) >= 8


def variants(text: str):
    import unicodedata

    yield "utf8", text.encode("utf-8")
    yield "utf8-bom", b"\xef\xbb\xbf" + text.encode("utf-8")
    yield "utf16", text.encode("utf-16")
    yield "utf16-be-bom", b"\xfe\xff" + text.encode("utf-16-be")
    yield "nfd", unicodedata.normalize("NFD", text).encode("utf-8")
    yield "crlf", text.replace("\n", "\r\n").encode("utf-8")
    yield "cr", text.replace("\n", "\r").encode("utf-8")
    yield "nbsp", text.replace("Tỷ lệ ", "Tỷ\u00a0lệ ").encode("utf-8")


def test_same_findings_whatever_the_encoding(seeds, tmp_path):
    text = (seeds / "khanh-hoa-plan.txt").read_text(encoding="utf-8")
    results = {}
    for name, data in variants(text):
        p = tmp_path / f"{name}.txt"
        p.write_bytes(data)
        results[name] = sorted((f.rule, f.line, f.category, f.value) for f in lint([p]).findings)
    first = results["utf8"]
    assert first and all(r == first for r in results.values()), {k: len(v) for k, v in results.items()}


@pytest.mark.parametrize("data,needle", [
    (b"", "empty file"),
    (b"PK\x03\x04garbage", "corrupt or truncated"),
    (b"\x00\x01\x02\xff\xfe\x00junk", "not UTF-8"),
    (b"plain text\x00with a NUL", "NUL characters"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "legacy binary"),
    ("Tỷ lệ".encode("cp1258", errors="ignore") + b"\x81\x8d", "not UTF-8"),
])
def test_bad_bytes_are_one_line_errors(data, needle):
    from plancheck.errors import InputError

    with pytest.raises(InputError, match=needle) as exc:
        read_bytes(data, "bad.txt")
    assert "bad.txt" in str(exc.value) and "\n" not in str(exc.value)


def test_broken_file_does_not_lose_the_others(tmp_path, seeds):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    report = lint([bad, seeds / "tay-ninh-plan.txt"])
    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {"broken.docx": "error", "tay-ninh-plan.txt": "ok"}
    assert any(f.rule == "M002" for f in report.findings)
