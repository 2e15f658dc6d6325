"""The command line end to end: real processes on real files."""

import csv
import io
import json
import subprocess
import sys

from click.testing import CliRunner

from plancheck.cli import main
from plancheck.rules import CATEGORIES, registry

from .conftest import SAMPLES

CONTRACT = {"path", "line", "rule", "category", "severity", "indicator", "row_label", "row_name", "year", "value",
            "message", "suggestion"}


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "plancheck", *args], capture_output=True, text=True)


def test_lint_sample_data_text():
    p = run_cli("lint", str(SAMPLES))
    assert p.returncode == 1, p.stderr
    assert "binh-phuoc-2025.csv" in p.stdout and "Y001" in p.stdout
    assert "6 tệp" in p.stdout.splitlines()[-1]


def test_json_contract(seeds):
    p = run_cli("lint", str(seeds), "--format", "json", "--fail-on", "never")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert {"findings", "summary", "files"} <= set(doc)
    assert doc["findings"]
    for f in doc["findings"]:
        assert CONTRACT <= set(f)
        assert f["severity"] in ("error", "warning", "info") and f["category"] in CATEGORIES
        assert f["line"] is None or (isinstance(f["line"], int) and f["line"] >= 1)
        assert f["year"] in (None, 2025, 2030)
    assert doc["summary"]["total"] == len(doc["findings"])
    assert set(doc["summary"]["by_severity"]) == {"error", "warning", "info"}
    assert {f["status"] for f in doc["files"]} == {"ok"}


def test_every_emitted_rule_is_documented(seeds):
    p = run_cli("lint", str(seeds), str(SAMPLES), "--format", "json", "--fail-on", "never")
    emitted = {f["rule"] for f in json.loads(p.stdout)["findings"]}
    assert emitted <= set(registry())
    for code in emitted:
        r = CliRunner().invoke(main, ["rules", code])
        assert r.exit_code == 0 and code in r.output and "Nên viết" in r.output and "{" not in r.output
        r = CliRunner().invoke(main, ["rules", code, "--lang", "en"])
        assert r.exit_code == 0 and code in r.output and "Use instead" in r.output and "{" not in r.output


def test_csv_output_and_file(tmp_path):
    out = tmp_path / "report.csv"
    r = CliRunner().invoke(main, ["lint", str(SAMPLES / "binh-phuoc-2025.csv"), "--format", "csv", "-o", str(out)])
    assert r.exit_code == 1
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads the file as UTF-8 by its byte order mark
    head = data.decode("utf-8-sig").splitlines()[0]
    assert head.startswith("Tệp,Dòng,Mã quy tắc,Tên quy tắc,Nhóm,Mức độ,Chỉ tiêu (theo bộ chỉ tiêu)")
    stdout = run_cli("lint", str(SAMPLES / "binh-phuoc-2025.csv"), "--format", "csv", "--lang", "en").stdout
    assert stdout.startswith("File,Line,Rule,Rule name,Category,Severity,Indicator (suite)")  # no BOM on stdout
    rows = list(csv.reader(io.StringIO(stdout)))
    life = next(r for r in rows if r[2] == "Y001" and r[9] == "2025")
    assert life[6] == "Tuổi thọ trung bình" and life[4] == "typo" and life[5] == "Error"


def test_select_ignore_and_fail_on():
    f = str(SAMPLES / "binh-phuoc-2025.csv")
    r = CliRunner().invoke(main, ["lint", f, "--select", "typo", "--format", "json"])
    assert {x["rule"] for x in json.loads(r.output)["findings"]} == {"Y001"}
    r = CliRunner().invoke(main, ["lint", f, "--ignore", "Y*,T*,U*", "--format", "json", "--fail-on", "error"])
    rules = {x["rule"] for x in json.loads(r.output)["findings"]}
    assert not rules & {"Y001", "T001", "T002", "T003", "U002", "U003"}
    assert r.exit_code == 0  # what is left is warnings and info
    r = CliRunner().invoke(main, ["lint", f, "--ignore", "Y*,T*,U*", "--fail-on", "warning"])
    assert r.exit_code == 1
    r = CliRunner().invoke(main, ["lint", f, "--select", "no-such-rule", "--lang", "vi"])
    assert r.exit_code == 2 and "không có quy tắc 'no-such-rule'" in r.output
    r = CliRunner().invoke(main, ["lint", f, "--select", "no-such-rule", "--lang", "en"])
    assert r.exit_code == 2 and "unknown rule selector" in r.output


def test_lang_en():
    # on a wide terminal, where the reasons are not wrapped
    r = CliRunner(env={"COLUMNS": "250"}).invoke(main, ["lint", str(SAMPLES / "quang-tri-2025.xlsx"), "--lang", "en"])
    assert "typing error" in r.output and "Reason" in r.output


def test_english_counts_agree_in_number(tmp_path):
    one = tmp_path / "one-finding.csv"
    one.write_text("indicator,2025,2030\nunemployment,< 3,\n", encoding="utf-8")  # 2030 left blank: 1 warning
    en = CliRunner().invoke(main, ["lint", str(one), "--lang", "en"]).output.splitlines()
    assert f"{one}  (1 finding)" in en and en[-1] == "1 file, 1 finding: 0 errors, 1 warning, 0 info"
    two = CliRunner().invoke(main, ["lint", str(one), str(SAMPLES / "ha-giang-plan.txt"), "--lang", "en"]).output
    assert two.splitlines()[-1].startswith("2 files, 10 findings: 3 errors, 7 warnings")
    vi = CliRunner().invoke(main, ["lint", str(one)]).output.splitlines()
    assert vi[-1] == "1 tệp, 1 phát hiện: 0 lỗi, 1 cảnh báo, 0 thông tin"
    html = tmp_path / "report.html"
    CliRunner().invoke(main, ["lint", str(one), "--format", "html", "-o", str(html), "--lang", "en"])
    assert "1 document, 1 finding: 0 errors, 1 warning, 0 info" in html.read_text(encoding="utf-8")


def test_missing_and_broken_files_exit_2(tmp_path):
    p = run_cli("lint", str(tmp_path / "nope.txt"))
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "nope.txt" in p.stderr
    assert "Traceback" not in p.stderr
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04broken")
    p = run_cli("lint", str(bad), str(SAMPLES / "binh-phuoc-2025.csv"))
    assert p.returncode == 2 and "bad.xlsx" in p.stderr and "Traceback" not in p.stderr
    assert "binh-phuoc-2025.csv" in p.stdout and "Y001" in p.stdout


def test_never_writes_onto_an_input(tmp_path):
    src = tmp_path / "plan.csv"
    src.write_bytes((SAMPLES / "binh-phuoc-2025.csv").read_bytes())
    before = src.read_bytes()
    p = run_cli("lint", str(src), "-o", str(src))
    assert p.returncode == 2 and "không ghi báo cáo đè lên tệp đầu vào" in p.stderr
    p = run_cli("lint", str(src), "-o", str(src), "--lang", "en")
    assert p.returncode == 2 and "input file" in p.stderr
    assert src.read_bytes() == before


def test_rules_listing_json():
    r = CliRunner().invoke(main, ["rules", "--format", "json"])
    data = json.loads(r.output)
    assert {"code", "name", "category", "severity"} <= set(data[0])
    assert len(data) == len(registry())


def test_bad_suite_is_exit_2(tmp_path):
    s = tmp_path / "s.yaml"
    s.write_text("suite: x\nindicators: 3\n", encoding="utf-8")
    p = run_cli("lint", str(SAMPLES / "clean-province-2025.csv"), "--suite", str(s))
    assert p.returncode == 2 and "s.yaml:2" in p.stderr and "Traceback" not in p.stderr


GC_PROBE = """
import gc, sys
from plancheck import cli
sys.argv = ["plancheck", *sys.argv[1:]]
settle = cli.settle_gc
usual = gc.get_threshold()
def probe(thresholds=None):
    settle(thresholds)
    expected = cli.RUN_GC if sys.argv[1] == "lint" else usual
    print("settled", gc.get_threshold() == expected, "frozen", gc.get_freeze_count() > 0, file=sys.stderr)
cli.settle_gc = probe
cli.entry()
"""


def test_console_entry_restores_usual_garbage_collection(tmp_path):
    """The command collects rarely only while importing: lint then sets the thresholds of a
    run (``RUN_GC``), every other command restores the usual ones (the web server keeps its
    usual memory bounds)."""
    for args in (["lint", str(SAMPLES / "ha-giang-plan.txt"), "--fail-on", "never"], ["rules"]):
        proc = subprocess.run([sys.executable, "-c", GC_PROBE, *args], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert "settled True frozen True" in proc.stderr, args


def test_a_reader_that_closes_the_pipe_stops_plancheck_quietly():
    """`plancheck lint ... | head`: no traceback, no "internal error", the status of SIGPIPE."""
    from pathlib import Path

    p = subprocess.Popen([sys.executable, "-m", "plancheck", "lint", "sample_data", "tests/data/unseen", "--format",
                          "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=Path(__file__).parent.parent)
    assert p.stdout.read(100).startswith(b"{")  # more than a pipe's buffer follows (about 100 KB)
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err and "lỗi nội bộ" not in err
