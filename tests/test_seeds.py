"""What plancheck must report on the shared real plans, and what it must not."""

from pathlib import Path

from .conftest import lint


def _by_file(report):
    out = {}
    for f in report.findings:
        out.setdefault(Path(f.path).name, []).append(f)
    return out


def test_seed_findings(seeds):
    report = lint([seeds])
    assert all(f.status == "ok" for f in report.files)
    got = _by_file(report)
    tn = {(f.rule, f.line) for f in got["tay-ninh-plan.txt"]}
    # annex captions citing another date (316) and another plan number (448)
    assert {("M003", 316), ("M002", 448), ("M003", 448)} <= tn
    assert ("S001", 46) in tn  # section III numbered twice
    assert ("S002", 472) in tn  # task annex jumps from 5 to 7
    assert ("X003", 348) in tn  # Tiêu học
    assert ("X002", 441) in tn  # diêm dân cư
    assert ("A001", 424) in tn  # floor area 33 overall, 32 urban, 28 rural
    kh = {(f.rule, f.line): f for f in got["khanh-hoa-plan.txt"]}
    typo = kh[("Y001", 547)]
    assert typo.value == "> 975" and typo.suggestion == "> 97,5" and "97,5" in typo.message and "20" in typo.message
    assert ("A001", 831) in kh and kh[("A001", 831)].category == "aggregate"
    assert ("M004", 1123) in kh  # 93/2019/NĐ-CP dated 2029


def test_no_error_false_alarm_on_seeds(seeds):
    """Every error-severity finding on the seeds was read and judged true; nothing else may appear."""
    report = lint([seeds])
    errors = sorted((Path(f.path).name, f.line, f.rule) for f in report.findings if f.severity == "error")
    assert errors == [
        ("khanh-hoa-plan.txt", 547, "Y001"),
        ("khanh-hoa-plan.txt", 831, "A001"),
        ("khanh-hoa-plan.txt", 1123, "M004"),
        ("tay-ninh-plan.txt", 316, "M003"),
        ("tay-ninh-plan.txt", 424, "A001"),
        ("tay-ninh-plan.txt", 448, "M002"),
        ("tay-ninh-plan.txt", 448, "M003"),
    ]


def test_messages_in_both_languages(seeds):
    vi = lint([seeds / "khanh-hoa-plan.txt"], lang="vi").findings
    en = lint([seeds / "khanh-hoa-plan.txt"], lang="en").findings
    assert [f.rule for f in vi] == [f.rule for f in en]
    assert any("lỗi đánh máy" in f.message for f in vi)
    assert any("typing error" in f.message for f in en)
