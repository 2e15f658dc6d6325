"""Vietnamese for people (issue 25): a Vietnamese run of every command - its --help, a usage
error, and its output in every format - prints no English sentence (tests/english.py says
what one is); an English run prints English help. The language is chosen by --lang, else
PLANCHECK_LANG, else the locale for the help texts and usage errors (docs/language.md)."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from click.testing import CliRunner

from plancheck import i18n
from plancheck.cli import main

from .conftest import SAMPLES
from .english import COMMON, english_runs, text_of_html, text_of_json

PLAN_DOCX = SAMPLES / "ha-giang-plan.docx"
PLAN_MD = SAMPLES / "ha-giang-plan.md"
XLSX = SAMPLES / "quang-tri-2025.xlsx"
CSV = SAMPLES / "binh-phuoc-2025.csv"
CLEAN = SAMPLES / "clean-province-2025.csv"

NO_LOCALE = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": "C.UTF-8", "LANGUAGE": None, "PLANCHECK_LANG": None}

# every command and group, by its path
COMMANDS = [(), ("lint",), ("annotate",), ("compare",), ("show",), ("targets",), ("rules",), ("export",),
            ("suite",), ("suite", "check"), ("suite", "draft"), ("serve",)]
# a usage error of each command: a missing argument, a bad option value, an unknown option, its own checks
USAGE_ERRORS = [
    ("nosuch",), ("--bogus",),
    ("lint",), ("lint", CLEAN, "--format", "nosuch"), ("lint", CLEAN, "--bogus"), ("lint", CLEAN, "--jobs", "0"),
    ("lint", CLEAN, "--max-size", "abc"), ("lint", CLEAN, "--select", "no-such-rule"),
    ("lint", CLEAN, "--format", "xlsx"), ("lint", CLEAN, "--statistics", "--format", "csv"), ("lint", CLEAN, "--jobs"),
    ("lint", CLEAN, "--max-size", "0"),
    ("annotate",), ("annotate", "no-such-file.docx", "-o", "x.docx"), ("annotate", PLAN_DOCX),
    ("annotate", PLAN_DOCX, "-o", "{tmp}/x.xlsx"),
    ("compare",), ("compare", PLAN_MD), ("compare", PLAN_MD, CLEAN, "--status", "odd"),
    ("compare", PLAN_MD, CLEAN, "--format", "xlsx"),
    ("show",), ("show", PLAN_MD, "--format", "xml"), ("show", SAMPLES),
    ("targets", CLEAN), ("targets", "-o", "{tmp}/t.csv"),
    ("rules", "--format", "yaml"), ("rules", "Q999"),
    ("export",), ("export", "--to", "sql"),
    ("suite",), ("suite", "nosuch"), ("suite", "check"), ("suite", "check", "national", "--format", "xml"),
    ("suite", "draft", PLAN_MD), ("suite", "draft"),
    ("serve", "--port", "abc"), ("serve", "--port", "70000"),
]
# the outputs of each command, in every format: (arguments, how to read the output)
RUNS = [
    *[(("lint", SAMPLES, "--format", fmt), fmt) for fmt in ("text", "concise", "json", "csv", "sarif", "github")],
    (("lint", SAMPLES, "--format", "html"), "html"),
    (("lint", SAMPLES, "--format", "xlsx", "-o", "{tmp}/r.xlsx"), "xlsx:{tmp}/r.xlsx"),
    (("lint", SAMPLES, "--statistics"), "text"), (("lint", SAMPLES, "--statistics", "--format", "json"), "json"),
    (("lint", CLEAN, "--format", "html"), "html"),
    *[(("compare", PLAN_MD, CSV, "--status", "all", "--format", fmt), fmt) for fmt in ("text", "json", "csv")],
    (("compare", PLAN_MD, CSV, "--national", "--format", "xlsx", "-o", "{tmp}/c.xlsx"), "xlsx:{tmp}/c.xlsx"),
    *[(("show", path, "--format", fmt), fmt) for path in (PLAN_MD, CSV) for fmt in ("text", "json")],
    (("targets", SAMPLES, "-o", "{tmp}/t.csv"), "csv:{tmp}/t.csv"),
    (("targets", SAMPLES, "-o", "{tmp}/t.xlsx"), "xlsx:{tmp}/t.xlsx"),
    (("targets", SAMPLES, "-o", "{tmp}/t.json"), "lines:{tmp}/t.json"),
    (("rules",), "text"), (("rules", "Y001"), "text"), (("rules", "typo"), "text"),
    (("export", "--to", "gx", "-o", "{tmp}/gx.json"), "text"),
    (("export", "--to", "pandera", "-o", "{tmp}/p.yaml"), "text"),
    (("suite", "check", "national"), "text"), (("suite", "check", "national", "--format", "json"), "json"),
    (("suite", "draft", PLAN_MD, "-o", "{tmp}/d.yaml"), "text"),
    (("annotate", PLAN_DOCX, "-o", "{tmp}/a.docx"), "docx:{tmp}/a.docx"),
    (("annotate", XLSX, "-o", "{tmp}/a.xlsx"), "xlsx:{tmp}/a.xlsx"),
]


def _args(args, tmp_path) -> list[str]:
    return [str(a).replace("{tmp}", str(tmp_path)) for a in args]


def _command_path(args: list[str]) -> int:
    """How many of ``args`` name the command (``suite check``)."""
    if args and args[0] == "suite":
        return 2 if len(args) > 1 and args[1] in ("check", "draft") else 1
    return 1 if args and args[0] in main.commands else 0


def invoke(args, how: str, env=None):
    """``plancheck ARGS`` asked in Vietnamese ``how``: "env" (PLANCHECK_LANG=vi) or "option"
    (--lang vi: the command's own option, the group's for a group or ``serve``)."""
    args = list(args)
    env = {**NO_LOCALE, **(env or {})}
    if how == "env":
        env["PLANCHECK_LANG"] = "vi"
    elif how == "option":
        n = _command_path(args)
        own = n and args[0] != "serve" and not (args[:n] == ["suite"])
        args = args[:n] + ["--lang", "vi"] + args[n:] if own else ["--lang", "vi"] + args
    return CliRunner(env=env).invoke(main, args)


def _output_text(kind: str, result, tmp_path) -> str:
    """The text a person reads in a run's output (``kind``: its format, or format:file)."""
    fmt, _, path = kind.partition(":")
    path = path.replace("{tmp}", str(tmp_path))
    if fmt in ("text", "concise", "github"):
        return result.output
    if fmt in ("json", "sarif"):
        # SARIF and JSON keys are names; "en" fields are the English of a bilingual field
        return text_of_json(result.stdout, skip_keys=("en", "$schema", "version", "informationUri"))
    if fmt == "lines":
        return "\n".join(text_of_json(line) for line in open(path, encoding="utf-8"))
    if fmt == "csv":
        body = open(path, encoding="utf-8-sig").read() if path else result.stdout
        return "\n".join(" ¶ ".join(row) for row in csv.reader(io.StringIO(body)))
    if fmt == "html":
        return text_of_html(result.stdout)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        cells = [ws.title for ws in wb.worksheets]
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str):
                        cells.append(c.value)
                    if c.comment is not None:
                        cells.append(c.comment.text)
        return "\n".join(cells)
    if fmt == "docx":
        with zipfile.ZipFile(path) as z:
            return text_of_html(z.read("word/comments.xml").decode("utf-8"))
    raise AssertionError(kind)


def _no_english(text: str, what: str) -> None:
    runs = english_runs(text)
    assert not runs, f"{what}: English in a Vietnamese run: {runs[:5]}\n{text[:3000]}"


# ---------------------------------------------------------------- the checker itself


def test_the_checker_finds_english_and_passes_vietnamese():
    assert english_runs("Error: No such option '--bogus'.") == ["Error No such option"]
    assert english_runs("plancheck: a.csv: cannot read the file (it is empty)")
    assert english_runs("Show this message and exit.")
    assert english_runs("paragraph 5") == []  # one word is not a sentence
    assert not english_runs("Lỗi: Không có tùy chọn '--bogus'. Chạy 'plancheck lint --help' để xem hướng dẫn.")
    assert not english_runs('Giá trị "is not one of the values" không hợp lệ (--format text, sample_data/a.csv)')
    assert not english_runs("Cách dùng: plancheck lint [TÙY_CHỌN] ĐƯỜNG_DẪN...  [text|json|csv]  Y001 T002")
    assert {"the", "of", "and", "file", "is", "not", "no", "with", "for", "to", "a", "this"} <= COMMON


# ---------------------------------------------------------------- Vietnamese runs


@pytest.mark.parametrize("how", ["env", "option"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "plancheck")
def test_help_in_vietnamese(command, how):
    r = invoke([*command, "--help"], how)
    assert r.exit_code == 0, r.output
    assert "Cách dùng:" in r.output and "Tùy chọn:" in r.output
    _no_english(r.output, f"plancheck {' '.join(command)} --help")


@pytest.mark.parametrize("how", ["env", "option"])
@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda a: " ".join(map(str, a)).replace(str(SAMPLES), "S"))
def test_usage_errors_in_vietnamese(args, how, tmp_path):
    r = invoke(_args(args, tmp_path), how)
    assert r.exit_code == 2, r.output
    assert "Lỗi" in r.output or "plancheck:" in r.output or "Cách dùng:" in r.output, r.output
    _no_english(r.output, " ".join(map(str, args)))


@pytest.mark.parametrize("args,kind", RUNS, ids=[" ".join(map(str, a)).replace(str(SAMPLES), "S") for a, _ in RUNS])
def test_outputs_in_vietnamese(args, kind, tmp_path):
    r = invoke(_args(args, tmp_path), "env")
    assert r.exit_code in (0, 1), r.output
    _no_english(r.stderr, f"{args}: stderr")
    _no_english(_output_text(kind, r, tmp_path), f"{args}: output")


def test_the_server_says_where_it_listens_in_vietnamese(monkeypatch):
    import plancheck.web as web

    class Server:
        effective_port = 8123

        def run(self):
            pass

        def close(self):
            pass

    class App:
        config = {"PLANCHECK_TOKEN": "t0ken", "PLANCHECK_HOSTS": ["127.0.0.1", "localhost", "::1"]}

    monkeypatch.setattr(web, "make_server", lambda host, port, **kw: (App(), Server()))
    monkeypatch.setattr("plancheck.workers.stop_all", lambda: None)  # (it would stop this process's workers for good)
    r = invoke(["serve", "--port", "8123"], "env")
    assert r.exit_code == 0, r.output
    assert "http://127.0.0.1:8123/" in r.stderr and "t0ken" in r.stderr and "đã dừng" in r.stderr
    _no_english(r.stderr, "serve")
    # the start-up lines follow the findings' language (the page's first view): Vietnamese unless asked
    r = CliRunner(env={**NO_LOCALE}).invoke(main, ["serve", "--port", "8123"])
    assert "trang kiểm tra ở http://127.0.0.1:8123/" in r.stderr and r.stderr.strip().endswith("plancheck: đã dừng")
    r = CliRunner(env={**NO_LOCALE}).invoke(main, ["serve", "--port", "8123", "--lang", "en"])
    assert "listening on http://127.0.0.1:8123/" in r.stderr and r.stderr.strip().endswith("plancheck: stopped")


def test_every_help_text_has_a_vietnamese_entry():
    """Each help text of every command and option is in the Vietnamese catalogue (a new option
    needs its entry in plancheck/i18n/vi.py)."""
    import inspect

    import click

    missing = []

    def walk(command):
        en = getattr(command, "_plancheck_en", {"help": command.help, "short_help": command.short_help})
        texts = [en["help"], en["short_help"]]
        for param in command.params:
            texts.append(getattr(param, "_plancheck_en", {}).get("help", getattr(param, "help", None)))
        missing.extend(t for t in texts if t and inspect.cleandoc(t) not in i18n.catalogue("vi"))
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                walk(sub)

    walk(main)
    assert not missing, missing


# ---------------------------------------------------------------- English runs, and how the language is chosen


@pytest.mark.parametrize("env", [{}, {"PLANCHECK_LANG": "en"}, {"LANG": "en_US.UTF-8"},
                                 {"LANG": "vi_VN.UTF-8", "LC_ALL": "C"}, {"PLANCHECK_LANG": "vi", "--lang": "en"},
                                 {"LANG": "vi_VN.UTF-8", "PLANCHECK_LANG": "en"}],
                         ids=["C", "PLANCHECK_LANG=en", "en_US", "LC_ALL=C", "--lang en", "env over locale"])
@pytest.mark.parametrize("command", [(), ("lint",), ("suite", "check"), ("serve",)], ids=lambda c: " ".join(c) or "-")
def test_help_in_english(command, env):
    env = dict(env)
    args = [*command, "--help"]
    if env.pop("--lang", None):
        args = ["--lang", "en", *args]
    r = CliRunner(env={**NO_LOCALE, **env}).invoke(main, args)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Usage:") and "Options:" in r.output and "Show this message and exit." in r.output
    assert "Cách dùng" not in r.output and english_runs(r.output)  # the checker sees English where it is


def test_usage_error_in_english():
    r = CliRunner(env=NO_LOCALE).invoke(main, ["lint", str(CLEAN), "--format", "nosuch"])
    assert r.exit_code == 2
    assert "Error: Invalid value for '--format': 'nosuch' is not one of" in r.output
    r = CliRunner(env=NO_LOCALE).invoke(main, ["lint", str(CLEAN), "--select", "no-such-rule"])
    assert r.exit_code == 2 and "Error: unknown rule selector 'no-such-rule'" in r.output


def test_a_vietnamese_locale_is_vietnamese():
    for var in ("LANG", "LC_MESSAGES", "LC_ALL"):
        r = CliRunner(env={**NO_LOCALE, var: "vi_VN.UTF-8"}).invoke(main, ["rules", "--help"])
        assert r.output.startswith("Cách dùng:"), var


def test_lang_on_the_command_line_before_help(tmp_path):
    """``--help`` is answered before the command's options are read: the entry point finds
    ``--lang vi`` (or ``--lang=vi``) on the command line itself (a real process)."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in NO_LOCALE} | {"LANG": "C.UTF-8"}
    for lang_args in (["--lang", "vi"], ["--lang=vi"]):
        p = subprocess.run([sys.executable, "-m", "plancheck", "lint", *lang_args, "--help"], capture_output=True,
                           text=True, env=env)
        assert p.returncode == 0 and p.stdout.startswith("Cách dùng:"), p.stdout + p.stderr
        _no_english(p.stdout, "lint --lang vi --help")
    p = subprocess.run([sys.executable, "-m", "plancheck", "lint", "--lang", "vi"], capture_output=True, text=True,
                       env=env)
    assert p.returncode == 2 and "Lỗi: Thiếu đối số 'ĐƯỜNG_DẪN...'." in p.stderr, p.stderr


def test_findings_stay_vietnamese_by_default_and_follow_planckeck_lang():
    """The findings and reports are Vietnamese unless English is asked for: the locale
    chooses the language of the help texts, not that of the findings."""
    r = CliRunner(env=NO_LOCALE).invoke(main, ["lint", str(CLEAN)])
    assert "Không có phát hiện nào" in r.output
    r = CliRunner(env={**NO_LOCALE, "LANG": "en_US.UTF-8"}).invoke(main, ["lint", str(CLEAN)])
    assert "Không có phát hiện nào" in r.output
    r = CliRunner(env={**NO_LOCALE, "PLANCHECK_LANG": "en"}).invoke(main, ["lint", str(CLEAN)])
    assert "No findings" in r.output
    r = CliRunner(env={**NO_LOCALE, "PLANCHECK_LANG": "en"}).invoke(main, ["lint", str(CLEAN), "--lang", "vi"])
    assert "Không có phát hiện nào" in r.output
    r = CliRunner(env={**NO_LOCALE, "PLANCHECK_LANG": "en"}).invoke(main, ["--lang", "vi", "rules", "Y001"])
    assert "Ví dụ sai" in r.output


def test_the_configuration_lang_comes_after_planckeck_lang(tmp_path, monkeypatch):
    (tmp_path / "plancheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    r = CliRunner(env=NO_LOCALE).invoke(main, ["lint", str(CLEAN)])
    assert "No findings" in r.output
    r = CliRunner(env={**NO_LOCALE, "PLANCHECK_LANG": "vi"}).invoke(main, ["lint", str(CLEAN)])
    assert "Không có phát hiện nào" in r.output


def test_how_the_language_is_chosen():
    assert i18n.ui_lang([], {}) == "en"
    assert i18n.ui_lang([], {"LANG": "vi_VN.UTF-8"}) == "vi"
    assert i18n.ui_lang([], {"LANG": "vi_VN.UTF-8", "LC_ALL": "en_US.UTF-8"}) == "en"
    assert i18n.ui_lang([], {"LC_MESSAGES": "vi_VN", "LANG": "en_US.UTF-8"}) == "vi"
    assert i18n.ui_lang([], {"PLANCHECK_LANG": "vi", "LANG": "C"}) == "vi"
    assert i18n.ui_lang([], {"PLANCHECK_LANG": "VI_vn"}) == "vi"
    assert i18n.ui_lang([], {"PLANCHECK_LANG": "fr", "LANG": "vi_VN"}) == "vi"  # not a language plancheck speaks
    assert i18n.ui_lang(["lint", "--lang", "en", "--help"], {"PLANCHECK_LANG": "vi"}) == "en"
    assert i18n.ui_lang(["lint", "--lang=vi"], {}) == "vi"
    assert i18n.ui_lang(["lint", "--", "--lang=vi"], {}) == "en"  # after "--": a file's name
