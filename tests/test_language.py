"""Vietnamese throughout under --lang vi (and English under --lang en): finding messages,
reasons a file cannot be read, the rule listing and docs, report headers."""

import json
import re

import pytest
from click.testing import CliRunner

from plancheck import rules as rule_registry
from plancheck.cli import main
from plancheck.engine import Options, run, run_inputs
from plancheck.errors import InputError

from .conftest import SAMPLES

ENGLISH = re.compile(r"\b(the|is|are|was|not|of|and|for|with|probably|should|missing|found|cannot|must)\b")


def _rule_case_files(tmp_path):
    import yaml
    from pathlib import Path

    cases = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8"))["cases"]
    for code, case in cases.items():
        fail = case["fail"]
        if "csv" in fail:
            body = fail["csv"]
            if fail.get("quote"):
                parts = body.split(",")
                body = ",".join(parts[:4]) + ',"' + ",".join(parts[4:]) + '"'
            (tmp_path / f"{code}.csv").write_text("indicator,name,unit,2025,2030\n" + body + "\n", encoding="utf-8")
        else:
            (tmp_path / f"{code}.txt").write_text(fail["text"], encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_message_fills_every_placeholder(seeds, tmp_path, monkeypatch, lang):
    """No message shows a raw placeholder or a stand-in for a value the check did not give."""
    def missing(self, key):
        raise AssertionError(f"message placeholder {{{key}}} not filled")

    monkeypatch.setattr(rule_registry._Default, "__missing__", missing)
    report = run([str(seeds), str(SAMPLES), str(_rule_case_files(tmp_path))], Options(lang=lang))
    assert {f.rule for f in report.findings} == set(rule_registry.registry())  # every rule was rendered
    for f in report.findings:
        assert "{" not in f.message and "}" not in f.message, f.message


def test_vietnamese_messages_have_no_english_sentence(seeds, tmp_path):
    report = run([str(seeds), str(SAMPLES), str(_rule_case_files(tmp_path))], Options(lang="vi"))
    for f in report.findings:
        # what the document itself says (quoted) is left out
        own = re.sub(r'"[^"]*"', "", f.message)
        assert not ENGLISH.search(own), f.message
        assert "có lẽ" not in f.message.lower()


def test_input_error_reasons_in_the_report_language(tmp_path, monkeypatch):
    import plancheck.engine as engine

    def broken(path, max_bytes):
        raise InputError(f"{path}: legacy Word file; save it as .docx",
                         f"{path}: tệp Word cũ (.doc); mở bằng Word, chọn Lưu thành và chọn định dạng .docx")

    plan = tmp_path / "plan.doc"
    plan.write_bytes(b"x")
    monkeypatch.setattr(engine, "read_path", broken)
    vi = CliRunner().invoke(main, ["lint", str(plan)])
    assert vi.exit_code == 2
    assert "không đọc được: " in vi.stdout and "Lưu thành" in vi.stdout and "Lưu thành" in vi.stderr
    assert "legacy" not in vi.stdout + vi.stderr
    js = json.loads(CliRunner().invoke(main, ["lint", str(plan), "--format", "json"]).stdout)
    assert "Lưu thành" in js["files"][0]["error"]
    en = CliRunner().invoke(main, ["lint", str(plan), "--lang", "en"])
    assert "unreadable: " in en.stdout and "save it as .docx" in en.stderr and "Lưu" not in en.stderr


def test_errors_of_plancheck_itself_in_vietnamese(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["lint", str(tmp_path / "nope.txt")])
    assert r.exit_code == 2 and "không tìm thấy tệp hoặc thư mục" in r.stderr
    bad = tmp_path / "plancheck.toml"
    bad.write_text("lang = 'fr'\n", encoding="utf-8")
    r = runner.invoke(main, ["lint", str(SAMPLES / "clean-province-2025.csv"), "--config", str(bad)])
    assert r.exit_code == 2 and "phải là một trong các giá trị vi, en" in r.stderr
    r = runner.invoke(main, ["lint", str(SAMPLES / "clean-province-2025.csv"), "--suite", "tinh"])
    assert r.exit_code == 2 and "không có bộ chỉ tiêu 'tinh'" in r.stderr
    r = runner.invoke(main, ["lint", str(SAMPLES / "clean-province-2025.csv"), "--baseline", str(tmp_path / "b.json")])
    assert r.exit_code == 2 and "không tìm thấy tệp baseline" in r.stderr
    report = run_inputs([("big.txt", b"x" * 2048)], Options(lang="vi", max_bytes=1024))
    assert report.files[0].reason("vi").endswith("vượt giới hạn 0 MiB")


def test_rules_in_both_languages():
    runner = CliRunner()
    vi = runner.invoke(main, ["rules"]).output
    assert vi.splitlines()[0].split()[:3] == ["mã", "tên", "nhóm"]
    assert "{" not in vi and "what_en" not in vi
    m001 = next(line for line in vi.splitlines() if line.startswith("M001"))
    assert "ở phần đầu văn bản" in m001
    en = runner.invoke(main, ["rules", "--lang", "en"]).output
    assert en.splitlines()[0].split()[:3] == ["code", "name", "category"] and "{" not in en
    doc = runner.invoke(main, ["rules", "Y001"]).output
    assert "Quy tắc phát hiện gì" in doc and "Vì sao cần sửa" in doc and "What it does" not in doc
    own = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", "", doc)  # rule names (slugs) are identifiers
    assert not ENGLISH.search(re.sub(r"plancheck", "", own)), doc
    assert "What it does" in runner.invoke(main, ["rules", "Y001", "--lang", "en"]).output


def test_html_report_headers_in_both_languages(seeds, tmp_path):
    for lang, words in (("vi", ["Văn bản", "Vị trí", "Lý do", "Đề xuất sửa"]),
                        ("en", ["Document", "Where", "Reason", "Suggested correction"])):
        out = tmp_path / f"r-{lang}.html"
        CliRunner().invoke(main, ["lint", str(seeds), "--format", "html", "-o", str(out), "--lang", lang,
                                  "--fail-on", "never"])
        text = out.read_text(encoding="utf-8")
        assert all(f"<th>{w}</th>" in text for w in words), lang


def test_submission_with_ids_only_shows_indicator_names(tmp_path):
    """A structured submission may give only ids: every human-facing report names the indicator."""
    plan = tmp_path / "ids.csv"
    plan.write_text("indicator,2025,2030\nunemployment,< 3,> 3\n", encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["lint", str(plan)]).stdout
    assert "Tỷ lệ thất nghiệp chung" in text and "unemployment" not in text
    csv_text = runner.invoke(main, ["lint", str(plan), "--format", "csv"]).stdout
    assert "Tỷ lệ thất nghiệp chung" in csv_text and "unemployment" not in csv_text
    html = tmp_path / "r.html"
    runner.invoke(main, ["lint", str(plan), "--format", "html", "-o", str(html)])
    assert "Tỷ lệ thất nghiệp chung" in html.read_text(encoding="utf-8")
    xlsx = tmp_path / "r.xlsx"
    runner.invoke(main, ["lint", str(plan), "--format", "xlsx", "-o", str(xlsx)])
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(xlsx)["ids"].iter_rows() for c in row]
    assert "Tỷ lệ thất nghiệp chung" in cells and "unemployment" not in cells
    js = json.loads(runner.invoke(main, ["lint", str(plan), "--format", "json"]).stdout)
    assert {f["indicator"] for f in js["findings"]} == {"unemployment"}  # the contract keeps the id
    assert {f["indicator_name"] for f in js["findings"]} == {"Tỷ lệ thất nghiệp chung"}
