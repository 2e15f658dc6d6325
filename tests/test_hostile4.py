"""Hostile input, the gaps a case-by-case review of issue 26 found: every command's reads under
the time budget (show, targets, compare, annotate's input, suites and baselines), side inputs
under the run's size limit, "not fully checked" in the terse reports, no ``##[`` in any output
a CI log may print, a file name's escapes shown by show, a long number quoted as written."""

import json
import os
import shutil

import pytest

from .conftest import SAMPLES
from .test_bombs import GOOD, capped, good_file_reported, lint_with_good, refused


@pytest.fixture
def fifo(tmp_path):
    """A named pipe no one writes to (a hung input)."""
    path = tmp_path / "hung.txt"
    os.mkfifo(path)
    return path


def test_show_and_targets_read_under_the_time_budget(fifo, tmp_path):
    p, seconds = capped("show", fifo, "--timeout", "1", "--lang", "en")
    refused(p, "hung.txt", "max-seconds")
    assert seconds < 20
    p, seconds = capped("targets", fifo, GOOD, "-o", "-", "--timeout", "1", "--lang", "en")
    refused(p, "hung.txt", "max-seconds")
    assert GOOD.name in p.stdout and seconds < 20  # the good file's targets are written


def test_compare_reads_a_pipe_under_the_time_budget(fifo):
    p, _ = capped("compare", fifo, SAMPLES / "ha-giang-plan.md", "--timeout", "1", "--lang", "en")
    refused(p, "hung.txt", "max-seconds")  # not "no such file"


@pytest.mark.parametrize("side", ["--suite", "--baseline"])
def test_a_side_input_that_never_comes_is_one_line_within_the_budget(fifo, side):
    p, seconds = lint_with_good(GOOD, side, fifo, "--timeout", "2")
    refused(p, "hung.txt", "max-seconds")
    assert seconds < 20


def test_annotates_input_that_never_comes_is_one_line(fifo, tmp_path):
    p, seconds = capped("annotate", fifo, "-o", tmp_path / "out.docx", "--timeout", "2", "--lang", "en")
    refused(p, "hung.txt", "max-seconds")
    assert seconds < 20 and not (tmp_path / "out.docx").exists()


def test_side_inputs_follow_the_runs_size_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (51 * 2**20) + b"\nsuite: big\n")
    p, _ = lint_with_good(GOOD, "--suite", big)
    refused(p, "big.yaml", "50 MiB")
    p, _ = lint_with_good(GOOD, "--suite", big, "--max-size", "60")
    assert "over the size limit" not in p.stderr  # read, then refused for what it holds
    assert p.returncode == 2 and "big.yaml" in p.stderr


def test_a_file_not_checked_in_full_is_said_in_the_terse_reports(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["indicator", "name", "unit", "2025", "2030"])
    wb.active.append(["unemployment", "Tỷ lệ thất nghiệp chung", "%", "< 3", "> 3"])
    old = wb.create_sheet("old")
    old.append(["x"])
    old.sheet_state = "hidden"
    wb.save(tmp_path / "hidden.xlsx")
    for args in (("--format", "concise"), ("--statistics",)):
        p, _ = capped("lint", tmp_path / "hidden.xlsx", *args, "--lang", "en")
        assert p.stdout.rstrip().endswith("; 1 file not fully checked"), p.stdout
    p, _ = capped("lint", tmp_path / "hidden.xlsx", "--format", "concise", "--lang", "en")
    assert "hidden.xlsx: not fully checked: hidden sheets were not read: 'old'" in p.stdout


def test_no_output_a_ci_log_prints_holds_a_log_command(tmp_path):
    forged = tmp_path / "##[error]FORGED.txt"
    shutil.copy(SAMPLES / "ha-giang-plan.txt", forged)
    outputs = {}
    for fmt in ("json", "sarif"):
        p, _ = capped("lint", forged, "--format", fmt, "--lang", "en", cwd=tmp_path)
        outputs[fmt] = p.stdout
    assert json.loads(outputs["json"])["files"][0]["path"].endswith("##[error]FORGED.txt")  # the data kept
    outputs["show"] = capped("show", forged, "--lang", "en")[0].stdout
    outputs["show json"] = capped("show", forged, "--format", "json")[0].stdout
    outputs["targets"] = capped("targets", forged, "-o", "-")[0].stdout
    outputs["targets json"] = capped("targets", forged, "-o", "-", "--format", "json")[0].stdout
    outputs["compare"] = capped("compare", forged, SAMPLES / "ha-giang-plan.md", "--format", "json")[0].stdout
    for name, out in outputs.items():
        assert out and "##[" not in out, name


def test_show_writes_a_file_names_control_characters_visibly(tmp_path):
    name = tmp_path / "bad\x1b]0;pwned\x07.txt"
    shutil.copy(SAMPLES / "ha-giang-plan.txt", name)
    p, _ = capped("show", name, "--outline", "--lang", "en")
    assert p.returncode == 0 and "\x1b" not in p.stdout and "\x07" not in p.stdout
    assert "bad\\x1b]0;pwned\\x07.txt" in p.stdout


def test_a_number_longer_than_a_float_holds_is_quoted_as_written(tmp_path):
    plan = tmp_path / "long.csv"
    plan.write_text("indicator,name,unit,2025,2030\n"
                    f"trained_labour,Tỷ lệ lao động qua đào tạo,%,{'9' * 400},70\n"
                    "trained_labour_certified,Tỷ lệ lao động có bằng cấp,%,9999999999999999,40\n", encoding="utf-8")
    p, _ = capped("lint", plan, "--format", "json", "--lang", "en")
    messages = [f["message"] for f in json.loads(p.stdout)["findings"] if f["rule"] == "R001"]
    assert any("Value 99999999999999999999…99999999 is outside" in m for m in messages), messages
    assert any("Value 9999999999999999 is outside" in m for m in messages), messages
    assert not any("Value ?" in m for m in messages)


def test_an_upload_met_by_a_stopping_server_is_answered_503(monkeypatch):
    pytest.importorskip("flask")
    from plancheck import web
    import plancheck.workers as workers

    app = web.create_app()
    client = app.test_client()
    token = app.config["PLANCHECK_TOKEN"]
    monkeypatch.setattr(workers, "_STOPPING", True)  # Ctrl+C or SIGTERM came: no new worker
    with open(GOOD, "rb") as fh:
        r = client.post("/api/lint?lang=en", headers={"X-Plancheck-Token": token, "Host": "127.0.0.1"},
                        data={"files": (fh, GOOD.name)}, content_type="multipart/form-data")
    assert r.status_code == 503 and r.headers["Retry-After"] == "10"
    assert r.get_json()["error"] == "The server is stopping; try again in 10 seconds."


def test_the_time_budget_of_checking_starts_after_the_workers_imports():
    """A submission checked alone under a budget of one second keeps its findings: pandera's
    import in a new worker is not counted against the file."""
    p, _ = capped("lint", GOOD, "--format", "json", "--timeout", "1", "--lang", "en")
    good_file_reported(p)
