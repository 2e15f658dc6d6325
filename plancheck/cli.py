"""The command line: ``plancheck lint`` and ``plancheck rules``.

Exit codes: 0 nothing reaches the --fail-on level; 1 something does; 2 usage or input
errors (one line on stderr naming the file; ``--debug`` shows the traceback).
Heavy libraries are imported inside the commands that need them.
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .outputs import write_output

FAIL_LEVELS = ("error", "warning", "info", "never")
_LANG: dict[str, str] = {}  # the language of the running command's messages, once it is known
_ARGV: list[str] = []  # the running command's arguments (those given to ``main``)


def message_lang() -> str:
    """The language of messages about the run and its files: the command's, or ``--lang``
    of the command line or ``PLANCHECK_LANG`` before the command has settled it, or
    Vietnamese (the default of every command)."""
    if "lang" in _LANG:
        return _LANG["lang"]
    from .i18n import report_lang

    return report_lang(argv_lang())


def usage_lang() -> str:
    """The language of help texts and usage errors: the command's language once it was asked
    for (``--lang``, ``PLANCHECK_LANG``, the configuration), else that of the locale."""
    from .i18n import ui_lang

    return _LANG.get("asked") or ui_lang()


def argv_lang() -> str | None:
    from .i18n import argv_lang as from_argv

    return from_argv(_ARGV if _ARGV else None)


def _settle(option: str | None, configured: str | None = None) -> str:
    """The command's language: ``option`` (its ``--lang``), else ``PLANCHECK_LANG``, else
    ``configured`` (the configuration's), else Vietnamese."""
    from .i18n import env_lang, report_lang

    option = option or _LANG.get("group")  # plancheck --lang vi COMMAND
    lang = report_lang(option, configured)
    _LANG["lang"] = lang
    if option or env_lang() or configured:
        from .i18n import install

        _LANG["asked"] = lang
        install(lang)  # click's texts of a usage error in the same language
    return lang


def _t(en: str, vi: str) -> str:
    """``en`` or ``vi``, in the language of the messages."""
    return vi if message_lang() == "vi" else en


def _u(en: str, vi: str) -> str:
    """``en`` or ``vi``, in the language of usage errors."""
    return vi if usage_lang() == "vi" else en


EXIT_SIGINT, EXIT_SIGTERM = 130, 143  # 128 + the signal's number, as shells report them
EXIT_SIGPIPE = 141  # 128 + SIGPIPE: the output's reader closed the pipe


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so that the run unwinds like an interrupt."""


def _on_sigterm(signum, frame):
    raise Terminated()


class PlancheckGroup(click.Group):
    def main(self, args=None, *rest, **kwargs):
        """Before click reads the command line: the language of the help texts, of click's own
        texts and of usage errors (``--lang`` of the command line, ``PLANCHECK_LANG``, the locale)."""
        from . import i18n

        args = sys.argv[1:] if args is None else list(args)
        _LANG.clear()
        _ARGV[:] = args
        lang = i18n.ui_lang(args)
        i18n.install(lang)
        i18n.localize(self, lang)
        if not rest and kwargs.get("prog_name") is None:  # "python -m plancheck" is shown as the command's name
            kwargs["prog_name"] = "plancheck"
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx):
        import signal
        import threading

        main_thread = threading.current_thread() is threading.main_thread()
        if main_thread:
            # SIGTERM unwinds the command like Ctrl+C: workers stopped, nothing half-written, exit 143
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # click would say "Aborted!" and exit 1, the status of "errors found"
            click.echo("plancheck: " + _u("interrupted", "đã dừng (Ctrl+C)"), err=True)
            ctx.exit(EXIT_SIGINT)
        except Terminated:
            click.echo("plancheck: " + _u("terminated", "đã bị dừng (SIGTERM)"), err=True)
            ctx.exit(EXIT_SIGTERM)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (| head): stop quietly, as the shell's tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush has nowhere to fail
            ctx.exit(EXIT_SIGPIPE)
        except Exception as exc:  # noqa: BLE001 - one line on stderr, never a traceback
            from .errors import InputError

            if os.environ.get("PLANCHECK_DEBUG") or "--debug" in sys.argv:
                raise
            from .safetext import for_terminal

            if isinstance(exc, InputError):
                click.echo(f"plancheck: {for_terminal(exc.message(message_lang()))}", err=True)
            else:
                click.echo("plancheck: " + for_terminal(_t(
                    f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                    f"lỗi nội bộ: {type(exc).__name__}: {exc} (chạy lại với --debug để xem chi tiết)")), err=True)
            ctx.exit(2)
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _show_version(ctx, param, value):
    """``--version``: "plancheck, version X" (in Vietnamese: "plancheck, phiên bản X")."""
    if value and not ctx.resilient_parsing:
        click.echo(f"plancheck, {_u('version', 'phiên bản')} {__version__}")
        ctx.exit()


@click.group(cls=PlancheckGroup)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, expose_value=False, is_eager=True,
              callback=lambda ctx, param, value: _LANG.update(group=value) if value else None,
              help="Language of the help texts and of every command (plancheck --lang vi lint ...).  "
                   "[default: PLANCHECK_LANG, else the locale]")
@click.pass_context
def main(ctx):
    """Check indicator targets in Vietnamese social-policy plans."""
    if ctx.invoked_subcommand != "lint":  # lint settles after its imports
        settle_gc()


_USUAL_GC: dict[str, tuple] = {}  # the collector's usual thresholds, kept while entry() has them raised
# while a command runs: young objects are collected every 50,000 allocations rather than 700.
# A run builds large tables of small objects (cells, rows, columns) that hold no reference
# cycles; with the default thresholds the collector scans them again and again (a third of
# the time of a large submission). Cycles are still collected, only less often.
RUN_GC = (50_000, 20, 20)


def entry():
    """The ``plancheck`` command: ``main`` in a process tuned for a short life.

    Start-up allocates a few hundred thousand long-lived objects (the suite, the modules);
    with the default thresholds the garbage collector scans them over and over. So the
    collector runs rarely until a command has done its imports (``settle_gc``), which then
    freezes what exists and sets the thresholds of the command (``RUN_GC`` for ``lint``, the
    usual ones otherwise). At exit, the
    interpreter's final collections would scan the heap again (another 10 %): the output is
    written and closed by then, so the heap is frozen out of their way.
    """
    import gc

    _USUAL_GC["thresholds"] = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        main()
    finally:
        gc.freeze()


def settle_gc(thresholds: tuple | None = None) -> None:
    """After a command's imports: freeze the long-lived heap and set the collector's
    thresholds: ``thresholds`` (``RUN_GC`` for ``lint``), else the usual ones (a server
    keeps its usual memory bounds)."""
    if "thresholds" in _USUAL_GC:
        import gc

        gc.freeze()
        usual = _USUAL_GC.pop("thresholds")
        gc.set_threshold(*(thresholds or usual))


def _warn_ignored(cfg) -> None:
    """The warning of a configuration ignored because others could change it."""
    if cfg.ignored:
        from .safetext import for_terminal

        click.echo("plancheck: " + for_terminal(_t(*cfg.ignored)), err=True)


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


LINT_FORMATS = ["text", "concise", "json", "csv", "sarif", "github", "xlsx", "html"]
BINARY_FORMATS = ("xlsx",)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True,
              help="Output format; concise: one finding per line (xlsx needs --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--select", multiple=True, help="Only these rules: codes, names, categories or globs (comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names, categories or globs (comma list).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Exit 1 when a finding reaches this severity.  [default: error]")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the findings and messages.  "
                   "[default: PLANCHECK_LANG, else lang in the configuration, else vi]")
@click.option("--max-size", type=int, default=None, help="Largest input file, in MiB.  [default: 50]")
@click.option("--include", multiple=True, help="Glob of files to take inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(1, None), default=None,
              help="Worker processes, at most the number of CPUs.  [default: 1]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (default: plancheck.toml or [tool.plancheck] in pyproject.toml).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Hide the findings recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings as a baseline.")
@click.option("--engine", type=click.Choice(["native", "gx"]), default="native", show_default=True,
              help="Evaluate the row rules with pandas (native) or Great Expectations (gx).")
@click.option("--statistics", is_flag=True,
              help="Count the findings per rule instead of listing them (with --format text or json).")
@click.option("--timeout", type=click.FloatRange(0, None, min_open=True), default=None,
              help="Seconds to read and check one file; a file that takes longer is an error.  [default: 60]")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def lint(paths, fmt, output, suites, select, ignore, fail_on, lang, max_size, include, exclude, jobs, config_path,
         no_config, baseline, write_baseline, engine, timeout, debug, statistics):
    """Lint plans: Word documents, their text conversions, CSV/XLSX/JSON/YAML submissions.

    PATHS are files or folders (folders are searched for supported files).
    """
    from . import rules as rule_registry
    from .checks import document  # noqa: F401 - the checks and pandas, imported before the run
    from .config import limit_overrides, load_config
    from .engine import Options, expand_paths, run
    from .limits import Limits

    settle_gc(RUN_GC)

    if lang:
        _settle(lang)
    cfg = load_config(config_path, search=not no_config) if not no_config else load_config(None, search=False)
    lang = _settle(lang, cfg.get("lang"))
    _warn_ignored(cfg)
    select = _split(select) or tuple(cfg.get("select", ()))
    ignore = _split(ignore) + tuple(cfg.get("ignore", ()))
    for sel in select + ignore:
        if not rule_registry.resolve_selector(sel):
            raise click.UsageError(_u(f"unknown rule selector '{sel}' (see 'plancheck rules')",
                                      f"không có quy tắc '{sel}' (xem danh sách bằng 'plancheck rules')"))
    if statistics and fmt not in ("text", "json"):
        raise click.UsageError(_u(f"--statistics is written as text or json, not {fmt}",
                                  f"--statistics chỉ xuất dạng text hoặc json, không xuất dạng {fmt}"))
    if fmt in BINARY_FORMATS and not output:
        raise click.UsageError(_u(f"--format {fmt} needs --output FILE",
                                  f"định dạng {fmt} cần tên tệp kết quả: --output TỆP"))
    fail_on = fail_on or cfg.get("fail-on", "error")
    baseline = baseline or cfg.get("baseline")
    if max_size is not None and max_size < 1:
        raise click.UsageError(_u("--max-size must be at least 1 (MiB)", "--max-size phải từ 1 (MiB) trở lên"))
    limits = Limits().with_overrides(max_bytes=(max_size or cfg.get("max-size", 50)) * 1024 * 1024,
                                     **limit_overrides(cfg))
    if timeout:
        limits = limits.with_overrides(max_seconds=timeout)
    from .limits import use

    use(limits)  # the suites and the baseline are read under the run's limits too
    options = Options(
        suites=tuple(suites) or tuple(cfg.get("suites", ())) or ("national",), select=select, ignore=ignore,
        severity=dict(cfg.get("severity", {})), lang=lang, limits=limits,
        include=tuple(include) or tuple(cfg.get("include", ())),
        exclude=tuple(exclude) + tuple(cfg.get("exclude", ())),
        per_path_ignores=dict(cfg.get("per-path-ignores", {})), jobs=jobs or cfg.get("jobs", 1), engine=engine,
        debug=debug, isolated=True)
    from .safetext import for_terminal

    notices: list[str] = []
    files = expand_paths(paths, options.include, options.exclude, notices)
    for notice in notices:
        click.echo(f"plancheck: {for_terminal(notice)}", err=True)
    inputs = list(paths) + files  # never written: the named inputs and every file found in a folder
    if fmt in STREAMED and not (baseline or write_baseline or statistics):
        _lint_streamed(paths, options, files, fmt, output, inputs, fail_on, lang, debug)
    if sys.stderr.isatty() and len(files) >= 20 and not debug:
        with click.progressbar(length=len(files), label="plancheck", file=sys.stderr) as bar:
            report = run(paths, options, progress=bar.update, files=files)
    else:
        report = run(paths, options, files=files)
    if write_baseline:
        _write_baseline(write_baseline, report, inputs)
    if baseline:
        _apply_baseline(baseline, report)
    text = _render(fmt, report, statistics)
    if output:
        write_output(output, _for_file(fmt, text), inputs)
    else:
        click.echo(text, nl=False)
    if report.hidden_by_baseline and fmt == "csv":  # a CSV file has no place to say it
        from .reporters import hidden_note

        click.echo(f"plancheck: {hidden_note(report.hidden_by_baseline, lang)}", err=True)
    _tell_unchecked(report.files, lang)
    if any(r.status == "error" or r.checks_failed for r in report.files):
        sys.exit(2)
    if fail_on != "never":
        from .rules import SEVERITY_RANK

        if any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in report.findings):
            sys.exit(1)
    sys.exit(0)


STREAMED = ("json", "csv")  # written as the run goes (without a baseline to apply or write)


class _Echo:
    """Text written to standard output as it comes (click.echo, as the whole report would be)."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


def _lint_streamed(paths, options, files, fmt, output, inputs, fail_on, lang, debug):
    """``lint`` with a JSON or CSV report written as the run goes (reporters.stream): memory
    does not grow with the number of files. Exits as ``lint`` does."""
    import contextlib

    from .engine import run_chunks
    from .outputs import open_output
    from .reporters import stream

    with contextlib.ExitStack() as stack:
        progress = None
        if sys.stderr.isatty() and len(files) >= 20 and not debug:
            progress = stack.enter_context(
                click.progressbar(length=len(files), label="plancheck", file=sys.stderr)).update
        out = stack.enter_context(open_output(output, inputs)) if output else _Echo()
        unchecked: list = []  # files that could not be read, or not checked in full
        tally = stream.write(_watched(run_chunks(paths, options, progress, files), fmt, unchecked), fmt,
                             options.lang, list(options.suites), out, bom=bool(output) and fmt == "csv")
    _tell_unchecked(unchecked, lang)
    if tally.errors or any(r.checks_failed for r in unchecked):
        sys.exit(2)
    sys.exit(1 if fail_on != "never" and tally.reaches(fail_on) else 0)


def _watched(chunks, fmt: str, unchecked: list):
    """The run's chunks, as they pass: the files that could not be read or checked in full
    kept in ``unchecked``, and, for CSV, the texts of the inputs made ``visible``."""
    from .safetext import neutral_findings, neutral_results

    for results, findings in chunks:
        unchecked.extend(r for r in results if r.status == "error" or r.notes)
        if fmt == "csv":
            results, findings = neutral_results(results), neutral_findings(findings)
        yield results, findings


def _tell_unchecked(files, lang: str) -> None:
    """One line on stderr for each file that could not be read, or not checked in full."""
    from .safetext import for_terminal

    for r in files:
        if r.status == "error":
            click.echo(f"plancheck: {for_terminal(r.reason(lang))}", err=True)
        elif r.notes:
            word = "chưa kiểm tra đầy đủ" if lang == "vi" else "not fully checked"
            click.echo(f"plancheck: {for_terminal(r.path)}: {word}: {for_terminal(r.incomplete(lang))}", err=True)


def _render(fmt: str, report, statistics: bool = False):
    from .safetext import neutral_report, terminal_text

    if fmt in ("text", "csv", "github", "concise"):  # read by people and CI logs: every input's text shown safely
        report = neutral_report(report)
    if statistics or fmt == "concise":
        from .reporters import terse

        if statistics:
            return terse.statistics_json(report) if fmt == "json" else terminal_text(terse.statistics_text(report))
        return terminal_text(terse.to_concise(report))
    if fmt in ("text", "json", "csv"):
        from .reporters import FORMATS

        text = FORMATS[fmt](report)
        return terminal_text(text) if fmt == "text" else text
    if fmt in ("sarif", "github"):
        from .reporters import ci

        return ci.to_sarif(report) if fmt == "sarif" else ci.to_github(report)
    from .reporters import followup

    return followup.to_xlsx(report) if fmt == "xlsx" else followup.to_html(report)


def _for_file(fmt: str, text):
    """A report as written to a file: CSV starts with a UTF-8 byte order mark, by which
    Excel (on a Vietnamese Windows machine too) knows the encoding; stdout stays plain."""
    return "\ufeff" + text if fmt == "csv" and isinstance(text, str) else text


def _write_baseline(path: str, report, inputs) -> None:
    import json

    from .reporters.ci import fingerprints

    data = {"version": 1, "tool": "plancheck",
            "findings": [{"fingerprint": fp, "path": f.path, "rule": f.rule, "line": f.line, "value": f.value}
                         for f, fp in zip(report.findings, fingerprints(report.findings))]}
    write_output(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", inputs, what="baseline")


def _apply_baseline(path: str, report) -> None:
    import json

    from .errors import InputError, os_reason
    from .reporters.ci import fingerprints

    from .limits import current
    from .readers import bounded_read
    from .readers.structured import _check_json_size

    try:
        text = bounded_read(path, current().max_bytes).decode("utf-8")
        _check_json_size(text, path, current())  # values and nesting counted before parsing
        data = json.loads(text)
        known = {f["fingerprint"] for f in data["findings"]}
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found (create it with --write-baseline)",
                         f"{path}: không tìm thấy tệp baseline (tạo tệp này bằng --write-baseline)") from None
    except OSError as exc:
        en, vi = os_reason(exc)
        raise InputError(f"{path}: cannot read the baseline ({en})",
                         f"{path}: không đọc được tệp baseline ({vi})") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a plancheck baseline ({str(exc)[:200]})",
                         f"{path}: không phải tệp baseline của plancheck (nội dung không đúng định dạng); "
                         "tạo lại bằng --write-baseline") from None
    except RecursionError:
        raise InputError(f"{path}: not a plancheck baseline (nested too deeply)",
                         f"{path}: không phải tệp baseline của plancheck (lồng nhau quá sâu)") from None
    kept = [f for f, fp in zip(report.findings, fingerprints(report.findings)) if fp not in known]
    report.hidden_by_baseline = len(report.findings) - len(kept)
    report.findings = kept


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The annotated copy to write (never the input).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the comments and messages.  "
                   "[default: PLANCHECK_LANG, else lang in the configuration, else vi]")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--select", multiple=True, help="Only these rules: codes, names, categories or globs (comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names, categories or globs (comma list).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--timeout", type=click.FloatRange(0, None, min_open=True), default=None,
              help="Seconds to read, check and annotate the file.  [default: 60]")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def annotate(path, output, lang, suites, select, ignore, config_path, no_config, timeout, debug):
    """Write a copy of a Word plan (.docx) with one comment per finding, or of an XLSX
    submission with a comment and a fill on each offending cell.

    The input is never written. Exit 0 when the copy is written, 2 on input errors.
    """
    from . import rules as rule_registry
    from .annotate import annotate_file
    from .config import limit_overrides, load_config
    from .engine import Options
    from .errors import InputError
    from .limits import Limits
    from .readers import bounded_read
    from .readers.docx import check_zip
    from .safetext import shown_path
    from .workers import WorkerFailed, call

    cfg = load_config(config_path, search=not no_config) if not no_config else load_config(None, search=False)
    select = _split(select) or tuple(cfg.get("select", ()))
    ignore = _split(ignore) + tuple(cfg.get("ignore", ()))
    for sel in select + ignore:
        if not rule_registry.resolve_selector(sel):
            raise click.UsageError(_u(f"unknown rule selector '{sel}' (see 'plancheck rules')",
                                      f"không có quy tắc '{sel}' (xem danh sách bằng 'plancheck rules')"))
    lang = _settle(lang, cfg.get("lang"))
    _warn_ignored(cfg)
    try:  # input errors in the comment language
        max_bytes = cfg.get("max-size", 50) * 1024 * 1024
        limits = Limits().with_overrides(max_bytes=max_bytes, **limit_overrides(cfg))  # those of lint
        if timeout:
            limits = limits.with_overrides(max_seconds=timeout)
        from .limits import use

        use(limits)  # the input and the suites are read under them here too
        label = shown_path(path)
        try:
            data = bounded_read(path, max_bytes, label)  # counted as read: /dev/zero stops at the limit
        except OSError as exc:
            from .errors import os_reason

            en, vi = os_reason(exc)
            raise InputError(f"{label}: cannot read ({en})", f"{label}: không đọc được tệp ({vi})") from None
        kind = None
        if data[:4] == b"PK\x03\x04":
            names = set(check_zip(data, label, limits).namelist())
            kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
        if kind is None:
            raise InputError(f"{label}: annotate writes comments into Word (.docx) and Excel (.xlsx) files only",
                             f"{label}: lệnh annotate chỉ ghi nhận xét vào tệp Word (.docx) và Excel (.xlsx)")
        if not output.lower().endswith(f".{kind}"):
            raise click.UsageError(_u(f"--output must end in .{kind}, like the input",
                                      f"--output phải có đuôi .{kind} như tệp đầu vào"))
        options = Options(suites=tuple(suites) or tuple(cfg.get("suites", ())) or ("national",), select=select,
                          ignore=ignore, severity=dict(cfg.get("severity", {})), lang=lang, limits=limits,
                          per_path_ignores=dict(cfg.get("per-path-ignores", {})), debug=debug)
        try:  # read, checked and annotated in a worker process, under the time budget
            annotated, found, placed = call(annotate_file, (label, data, kind, options, lang), limits.max_seconds)
        except WorkerFailed as exc:
            raise InputError(*exc.lines(label, limits.max_seconds, "annotate")) from None
        except MemoryError:
            raise InputError(f"{label}: annotating it needs more memory than is available",
                             f"{label}: ghi nhận xét vào tệp cần nhiều bộ nhớ hơn mức hiện có") from None
        except RecursionError:
            raise InputError(f"{label}: structure nested too deeply to read",
                             f"{label}: cấu trúc lồng nhau quá sâu, không đọc được") from None
        write_output(output, annotated, [path], what="annotated copy")
    except InputError as exc:
        raise InputError(exc.message(lang), exc.vi) from None
    from .reporters import counted

    if kind == "docx":
        if lang == "vi":
            note = f"{output}: {found} nhận xét ({placed} tại ô hoặc đoạn có vấn đề, {found - placed} tại tiêu đề)"
        else:
            note = (f"{output}: {counted(found, 'comment', 'en')} ({placed} on the offending cell or "
                    f"paragraph, {found - placed} on the title)")
    else:
        note = (f"{output}: {found} phát hiện, đánh dấu {placed} ô" if lang == "vi" else
                f"{output}: {counted(found, 'finding', 'en')}, {counted(placed, 'cell', 'en')} marked")
    from .safetext import for_terminal

    click.echo(for_terminal(note))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--national", is_flag=True, help="Add the national targets of the suite as one more document.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "xlsx"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the table to this file.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["same", "different", "missing", "all"]),
              help="Rows to show (repeatable): targets that differ, that some document does not state, that are "
                   "the same, or all. Default: different in text, all otherwise.")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path. Default: national.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the table and messages.  [default: PLANCHECK_LANG, else vi]")
@click.option("--timeout", type=click.FloatRange(0, None, min_open=True), default=None,
              help="Seconds to read one document; one that takes longer is an error.  [default: 60]")
def compare(paths, national, fmt, output, statuses, suites, lang, timeout):
    """Compare the targets of several documents (a plan and its programme, two provinces...).

    Exit 0 when no target differs, 1 when some do, 2 on input errors.
    """
    from .compare import align, document_info, document_names, selected
    from .engine import Options, load_suites, read_isolated
    from .errors import InputError
    from .limits import Limits
    from .reporters import compare as creport
    from .safetext import shown_path, terminal_text

    lang = _settle(lang)
    if len(paths) + (1 if national else 0) < 2:
        raise click.UsageError(_u("compare needs two documents, or one with --national",
                                  "cần hai văn bản để so sánh, hoặc một văn bản với --national"))
    if fmt == "xlsx" and not output:
        raise click.UsageError(_u("--format xlsx needs --output FILE",
                                  "định dạng xlsx cần tên tệp kết quả: --output TỆP"))
    for p in paths:
        if not os.path.exists(p) or os.path.isdir(p):  # (a pipe is read under the time budget, as lint reads it)
            raise InputError(f"{p}: no such file", f"{p}: không tìm thấy tệp (kiểm tra lại đường dẫn)")
    limits = Limits() if not timeout else Limits(max_seconds=timeout)
    from .limits import use

    use(limits)
    suite = load_suites(tuple(suites) or ("national",))
    docs = []
    for doc, result in read_isolated(list(paths), Options(suites=tuple(suites) or ("national",), limits=limits)):
        if doc is None:
            raise InputError(result.error, result.error_vi)
        docs.append(doc)
    names = document_names([shown_path(p) for p in paths])
    all_rows = align(docs, suite, names, national=national)
    wanted = tuple(statuses) if statuses else (("different",) if fmt == "text" else ("all",))
    rows = selected(all_rows, wanted)
    info = document_info(docs, names, national=national)
    names = names + (["national"] if national else [])
    out = creport.FORMATS[fmt](rows, names, lang, all_rows=all_rows, info=info, statuses=wanted)
    if fmt in ("text", "csv"):  # read by people (and CI logs): every input's text shown safely
        out = terminal_text(out)
    if output:
        write_output(output, _for_file(fmt, out), paths)
    else:
        click.echo(out, nl=False)
    sys.exit(1 if any(r.status == "different" for r in all_rows) else 0)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--outline", "parts", flag_value="outline", multiple=True,
              help="Show the outline: every heading, item, paragraph, table and row, as read.")
@click.option("--tables", "parts", flag_value="tables", multiple=True,
              help="Show the tables: header paths, column roles, each row's role and cells.")
@click.option("--targets", "parts", flag_value="targets", multiple=True,
              help="Show every target read: subject, year, value, unit, kind, scope and suite match.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of what is shown.  [default: PLANCHECK_LANG, else vi]")
@click.option("--max-size", type=int, default=None, help="Largest input file, in MiB.  [default: 50]")
@click.option("--timeout", type=click.FloatRange(0, None, min_open=True), default=None,
              help="Seconds to read and check one file; a file that takes longer is an error.  [default: 60]")
def show(path, parts, fmt, suites, lang, max_size, timeout):
    """Show what plancheck read in one file (all parts unless some are chosen)."""
    import json

    from .engine import Options, load_suites, read_isolated
    from .limits import Limits
    from .reporters.show import PARTS, show_json, show_text
    from .safetext import json_safe, terminal_text

    lang = _settle(lang)
    limits = Limits()
    if max_size is not None:
        limits = limits.with_overrides(max_bytes=max_size * 2**20)
    if timeout:
        limits = limits.with_overrides(max_seconds=timeout)
    from .limits import use

    use(limits)
    suite = load_suites(suites)
    # read in a worker under the time budget, as lint reads (a FIFO or a hung reader is one line)
    [(doc, result)] = read_isolated([path], Options(suites=tuple(suites) or ("national",), limits=limits))
    if doc is None:
        from .errors import InputError

        raise InputError(result.error or path, result.error_vi)
    chosen = tuple(p for p in PARTS if p in parts) or PARTS
    if fmt == "json":
        click.echo(json_safe(json.dumps(show_json(doc, chosen, suite), ensure_ascii=False, indent=2)))
    else:
        click.echo(terminal_text(show_text(doc, chosen, lang, suite)))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The table: .csv, .xlsx, .json (one object per line) or .parquet (needs pyarrow); - for standard output (csv, json).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json", "parquet"]), default=None,
              help="The table's format (default: from the output's suffix).")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the headers and messages.  [default: PLANCHECK_LANG, else vi]")
@click.option("--include", multiple=True, help="Glob of files to take inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders (repeatable).")
@click.option("--timeout", type=click.FloatRange(0, None, min_open=True), default=None,
              help="Seconds to read and check one file; a file that takes longer is an error.  [default: 60]")
def targets(paths, output, fmt, suites, lang, include, exclude, timeout):
    """Write every target the documents state as one table: one row per target."""
    from pathlib import Path

    from .engine import Options, expand_paths, read_isolated
    from .reporters.targets import Writer, target_rows
    from .safetext import for_terminal, terminal_text

    lang = _settle(lang)
    fmt = fmt or {".xlsx": "xlsx", ".json": "json", ".jsonl": "json", ".parquet": "parquet"}.get(
        Path(output).suffix.lower(), "csv")
    if output == "-" and fmt not in ("csv", "json"):
        raise click.UsageError(_t(f"--format {fmt} cannot be written to standard output: give a file with -o",
                                  f"định dạng {fmt} không ghi ra màn hình được: ghi vào tệp với -o TỆP"))
    notices: list[str] = []
    files = expand_paths(paths, include, exclude, notices)
    for line in notices:
        click.echo(f"plancheck: {line}", err=True)
    writer = Writer(fmt, lang)
    failed = 0
    from .limits import Limits

    options = Options(suites=tuple(suites) or ("national",), named=frozenset(paths),
                      limits=Limits(max_seconds=timeout) if timeout else Limits())
    for start in range(0, len(files), 50):  # read in workers under the time budget, 50 files at a time
        for doc, result in read_isolated(files[start:start + 50], options):
            if doc is None:
                if result.status == "error":
                    failed += 1
                    click.echo(f"plancheck: {for_terminal(result.reason(lang))}", err=True)
                continue
            for row in target_rows(doc, lang):
                writer.add(row)
    if output == "-":  # the table on standard output, for a pipe (text formats only)
        data = writer.close()
        click.echo(terminal_text(data.decode("utf-8").removeprefix("\ufeff")), nl=False)
    else:
        write_output(output, writer.close(), files, what="table")
    where = output if output != "-" else _t("standard output", "màn hình")
    click.echo(_t(f"{writer.count} targets from {len(files)} file{'s' if len(files) != 1 else ''} -> {where}",
                  f"{writer.count} chỉ tiêu từ {len(files)} tệp -> {where}"), err=True)
    if failed:
        sys.exit(2)


@main.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the table and the rule documentation.  [default: PLANCHECK_LANG, else vi]")
def rules(code, fmt, lang):
    """List the rules, or explain one (plancheck rules Y001)."""
    import json

    from . import rules as rule_registry

    lang = _settle(lang)
    registry = rule_registry.registry()
    if code:
        codes = rule_registry.resolve_selector(code)
        if not codes:
            raise click.UsageError(_u(f"unknown rule '{code}' (see 'plancheck rules')",
                                      f"không có quy tắc '{code}' (xem danh sách bằng 'plancheck rules')"))
        chosen = [registry[c] for c in sorted(codes)]
        if fmt == "json":
            click.echo(json.dumps([r.as_dict() for r in chosen], ensure_ascii=False, indent=2))
        else:
            click.echo("\n\n".join(rule_registry.render_doc(r, lang) for r in chosen))
        return
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in registry.values()], ensure_ascii=False, indent=2))
        return
    from tabulate import tabulate

    rows = [[r.code, r.name, rule_registry.category_label(r.category, lang),
             rule_registry.severity_label(r.severity, lang).lower(), r.template(lang)] for r in registry.values()]
    headers = (["code", "name", "category", "severity", "message"] if lang == "en"
               else ["mã", "tên", "nhóm", "mức độ", "nội dung thông báo"])
    click.echo(tabulate(rows, headers=headers, tablefmt="simple"))
    click.echo("\n" + rule_registry.DOC_HEADINGS["en" if lang == "en" else "vi"]["filled"])


@main.command()
@click.argument("suite", default="national")
@click.option("--to", "target", type=click.Choice(["gx", "pandera"]), required=True,
              help="gx: a Great Expectations 1.x expectation suite (JSON); pandera: a pandera schema (YAML).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file.")
@click.option("--table", type=click.Choice(["normalized", "targets"]), default="normalized", show_default=True,
              help="normalized: the table the checks read; targets: the table 'plancheck targets' writes.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the error messages.  [default: PLANCHECK_LANG, else vi]")
def export(suite, target, output, table, lang):
    """Export a suite's checks over the normalized target table (or the targets table) for other tools."""
    from .engine import load_suites

    lang = _settle(lang)
    loaded = load_suites((suite,))
    if table == "targets":
        import json

        if target == "gx":
            from .gx import export_targets_suite

            text = json.dumps(export_targets_suite(f"plancheck-targets-{loaded.name}"), ensure_ascii=False,
                              indent=2) + "\n"
        else:
            from .schemas import targets_schema

            text = targets_schema(loaded, table_checks=False).to_yaml()
    elif target == "gx":
        import json

        from .gx import export_suite

        text = json.dumps(export_suite(f"plancheck-{loaded.name}", max(loaded.milestones)), ensure_ascii=False,
                          indent=2) + "\n"
    else:
        from .schemas import pandera_export

        text = pandera_export(loaded)
    if output:
        write_output(output, text, [loaded.path] if loaded.path else (), what="export")
    else:
        click.echo(text, nl=False)


@main.group()
def suite():
    """Write and check indicator suites (see docs/suites.md)."""


@suite.command("check")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages.  [default: PLANCHECK_LANG, else vi]")
def suite_check(files, fmt, lang):
    """Check suite files (names of built-in suites or YAML paths): schema, values against the
    direction and the ranges, names too close to tell apart, years with no value; one
    statistics line per file. Exit status 1 when there is an error or a warning."""
    from .suitecheck import check, render_json, render_text

    lang = _settle(lang)
    result = check(list(files))
    click.echo((render_json if fmt == "json" else render_text)(result, lang), nl=False)
    sys.exit(1 if result.failed else 0)


@suite.command("draft")
@click.argument("parent", type=click.Path(dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), help="The suite file to write.")
@click.option("--name", default=None, help="The suite's name (default: from the parent's number).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages.  [default: PLANCHECK_LANG, else vi]")
def suite_draft(parent, output, name, lang):
    """Draft a suite from the targets a parent document states (a party programme, a national
    annex, a strategy), to check the plans that implement it: plancheck lint PLAN --suite FILE."""
    import re

    from .draft import draft_yaml
    from .engine import load_suites, read_and_extract
    from .textnorm import fold

    lang = _settle(lang)
    base = load_suites(())
    doc, result = read_and_extract(parent, base)
    if doc is None:
        raise click.ClickException(result.reason(lang) or parent)
    if not doc.targets:
        raise click.ClickException(_t(f"{parent}: states no target to draft a suite from",
                                      f"{parent}: không nêu chỉ tiêu nào để soạn bộ chỉ tiêu"))
    name = name or re.sub(r"[^a-z0-9]+", "-", fold(doc.meta.number or "").lower()).strip("-") or "drafted"
    if not re.match(r"^[a-z]", name):
        name = f"draft-{name}"
    write_output(output, draft_yaml(doc, base, name), [parent], what="suite")
    click.echo(_t(f"{len(doc.targets)} targets of {parent} -> {output}; check it: plancheck suite check {output}",
                  f"{len(doc.targets)} chỉ tiêu của {parent} -> {output}; kiểm tra: plancheck suite check {output}"),
               err=True)


def _host_names(ctx, param, values):
    """--allow-host: names or addresses, as a Host header carries them (a port is ignored)."""
    import re

    for value in values:
        if not re.fullmatch(r"[A-Za-z0-9._:\[\]-]{1,253}", value):
            raise click.BadParameter(_t(f"'{value}' is not a host name or address (e.g. plancheck.office.example)",
                                        f"'{value}' không phải tên máy hay địa chỉ (ví dụ plancheck.so.example)"))
    return values


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (this machine only by default; 0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--allow-host", "allow_hosts", multiple=True, callback=_host_names, metavar="NAME",
              help="Also answer requests addressed to this name (repeatable): the name reviewers type.")
@click.option("--trusted-proxy", metavar="ADDR",
              help="Address of a reverse proxy whose X-Forwarded-For/-Host/-Proto/-Port are believed.")
@click.option("--access-log", default="-", show_default=True, metavar="FILE|-|off",
              help="One line per request (no file names or contents), appended to FILE; -: standard error.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the start-up lines and the page's first view.  [default: PLANCHECK_LANG, else vi]")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
def serve(host, port, allow_hosts, trusted_proxy, access_log, lang, open_browser):
    """Start the web page: drop a plan, read its findings, download the workbook."""
    lang = lang or message_lang()
    _LANG["lang"] = lang
    try:
        import flask  # noqa: F401
        import waitress  # noqa: F401
    except ImportError as exc:
        raise click.ClickException(_t(f"the web page needs Flask and waitress: pip install 'plancheck[web]' ({exc})",
                                      "trang web cần thư viện Flask và waitress: cài bằng pip install 'plancheck[web]'"))
    from .web import serve as run_server

    log, log_name = None, None
    if access_log == "-":
        log, log_name = sys.stderr, None
    elif access_log != "off":
        try:
            log = open(access_log, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - open while serving
        except OSError as exc:
            raise click.ClickException(_t(f"cannot write the access log {access_log} ({exc.strerror or exc})",
                                          f"không ghi được nhật ký truy cập {access_log} ({exc.strerror or exc})"))
        log_name = access_log
    try:
        run_server(host, port, open_browser=open_browser, echo=lambda line: click.echo(line, err=True), lang=lang,
                   allow_hosts=allow_hosts, trusted_proxy=trusted_proxy, access_log=log, log_name=log_name)
    except OSError as exc:
        raise click.ClickException(_t(f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                                      f"không mở được cổng {host}:{port} ({exc.strerror or exc})"))
    finally:
        if log is not None and log is not sys.stderr:
            log.close()


if __name__ == "__main__":
    main()
