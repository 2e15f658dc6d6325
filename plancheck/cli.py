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

FAIL_LEVELS = ("error", "warning", "info", "never")


class PlancheckGroup(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - one line on stderr, never a traceback
            from .errors import InputError

            if os.environ.get("PLANCHECK_DEBUG") or "--debug" in sys.argv:
                raise
            if isinstance(exc, InputError):
                click.echo(f"plancheck: {exc}", err=True)
            else:
                click.echo(f"plancheck: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                           err=True)
            ctx.exit(2)


@click.group(cls=PlancheckGroup)
@click.version_option(__version__, prog_name="plancheck")
@click.pass_context
def main(ctx):
    """Check indicator targets in Vietnamese social-policy plans."""
    if ctx.invoked_subcommand != "lint":  # lint settles after its imports
        settle_gc()


_USUAL_GC: dict[str, tuple] = {}  # the collector's usual thresholds, kept while entry() has them raised


def entry():
    """The ``plancheck`` command: ``main`` in a process tuned for a short life.

    Start-up allocates a few hundred thousand long-lived objects (pandas, numpy, the suite);
    with the default thresholds the garbage collector scans them over and over, which costs
    about 15 % of a one-plan run. So the collector runs rarely until a command has done its
    imports (``settle_gc``), which then freezes what exists and restores the default
    thresholds, so that the run itself keeps the usual memory bounds. At exit, the
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


def settle_gc() -> None:
    """After a command's imports: freeze the long-lived heap, restore the usual collection."""
    if "thresholds" in _USUAL_GC:
        import gc

        gc.freeze()
        gc.set_threshold(*_USUAL_GC.pop("thresholds"))


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


LINT_FORMATS = ["text", "json", "csv", "sarif", "github", "xlsx", "html"]
BINARY_FORMATS = ("xlsx",)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(LINT_FORMATS), default="text", show_default=True,
              help="Output format (xlsx needs --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--select", multiple=True, help="Only these rules: codes, names, categories or globs (comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names, categories or globs (comma list).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Exit 1 when a finding reaches this severity.  [default: error]")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Message language.  [default: vi]")
@click.option("--max-size", type=int, default=None, help="Largest input file, in MiB.  [default: 50]")
@click.option("--include", multiple=True, help="Glob of files to take inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes.  [default: 1]")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Configuration file (default: plancheck.toml or [tool.plancheck] in pyproject.toml).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Hide the findings recorded in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings as a baseline.")
@click.option("--engine", type=click.Choice(["native", "gx"]), default="native", show_default=True,
              help="Evaluate the row rules with pandas (native) or Great Expectations (gx).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def lint(paths, fmt, output, suites, select, ignore, fail_on, lang, max_size, include, exclude, jobs, config_path,
         no_config, baseline, write_baseline, engine, debug):
    """Lint plans: Word documents, their text conversions, CSV/XLSX/JSON/YAML submissions.

    PATHS are files or folders (folders are searched for supported files).
    """
    from . import rules as rule_registry
    from .checks import document  # noqa: F401 - the checks and pandas, imported before the run
    from .config import load_config
    from .engine import Options, expand_paths, run
    from .errors import InputError

    settle_gc()

    cfg = load_config(config_path, search=not no_config) if not no_config else load_config(None, search=False)
    select = _split(select) or tuple(cfg.get("select", ()))
    ignore = _split(ignore) + tuple(cfg.get("ignore", ()))
    for sel in select + ignore:
        if not rule_registry.resolve_selector(sel):
            raise click.UsageError(f"unknown rule selector '{sel}' (see 'plancheck rules')")
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    if fmt in BINARY_FORMATS and not output:
        raise click.UsageError(f"--format {fmt} needs --output FILE")
    fail_on = fail_on or cfg.get("fail-on", "error")
    lang = lang or cfg.get("lang", "vi")
    baseline = baseline or cfg.get("baseline")
    options = Options(
        suites=tuple(suites) or tuple(cfg.get("suites", ())) or ("national",), select=select, ignore=ignore,
        severity=dict(cfg.get("severity", {})), lang=lang,
        max_bytes=(max_size or cfg.get("max-size", 50)) * 1024 * 1024,
        include=tuple(include) or tuple(cfg.get("include", ())),
        exclude=tuple(exclude) + tuple(cfg.get("exclude", ())),
        per_path_ignores=dict(cfg.get("per-path-ignores", {})), jobs=jobs or cfg.get("jobs", 1), engine=engine,
        debug=debug)
    files = expand_paths(paths, options.include, options.exclude)
    if sys.stderr.isatty() and len(files) >= 20 and not debug:
        with click.progressbar(length=len(files), label="plancheck", file=sys.stderr) as bar:
            report = run(paths, options, progress=bar.update, files=files)
    else:
        report = run(paths, options, files=files)
    if write_baseline:
        _write_baseline(write_baseline, report, paths)
    if baseline:
        _apply_baseline(baseline, report)
    text = _render(fmt, report)
    if output:
        _write_atomic(output, text, paths)
    else:
        click.echo(text, nl=False)
    for r in report.files:
        if r.status == "error":
            click.echo(f"plancheck: {r.error}", err=True)
    if any(r.status == "error" for r in report.files):
        sys.exit(2)
    if fail_on != "never":
        from .rules import SEVERITY_RANK

        if any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in report.findings):
            sys.exit(1)
    sys.exit(0)


def _render(fmt: str, report):
    if fmt in ("text", "json", "csv"):
        from .reporters import FORMATS

        return FORMATS[fmt](report)
    if fmt in ("sarif", "github"):
        from .reporters import ci

        return ci.to_sarif(report) if fmt == "sarif" else ci.to_github(report)
    from .reporters import followup

    return followup.to_xlsx(report) if fmt == "xlsx" else followup.to_html(report)


def _write_baseline(path: str, report, inputs) -> None:
    import json

    from .reporters.ci import fingerprints

    data = {"version": 1, "tool": "plancheck",
            "findings": [{"fingerprint": fp, "path": f.path, "rule": f.rule, "line": f.line, "value": f.value}
                         for f, fp in zip(report.findings, fingerprints(report.findings))]}
    _write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", inputs)


def _apply_baseline(path: str, report) -> None:
    import json

    from .errors import InputError
    from .reporters.ci import fingerprints

    try:
        data = json.loads(open(path, encoding="utf-8").read())
        known = {f["fingerprint"] for f in data["findings"]}
    except FileNotFoundError:
        raise InputError(f"{path}: baseline file not found (create it with --write-baseline)") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a plancheck baseline ({exc})") from None
    report.findings = [f for f, fp in zip(report.findings, fingerprints(report.findings)) if fp not in known]


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="The annotated copy to write (never the input).")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Comment language.  [default: vi]")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--select", multiple=True, help="Only these rules: codes, names, categories or globs (comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names, categories or globs (comma list).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def annotate(path, output, lang, suites, select, ignore, config_path, no_config, debug):
    """Write a copy of a Word plan (.docx) with one comment per finding, or of an XLSX
    submission with a comment and a fill on each offending cell.

    The input is never written. Exit 0 when the copy is written, 2 on input errors.
    """
    from . import rules as rule_registry
    from .annotate import annotate_docx, annotate_xlsx
    from .config import load_config
    from .engine import Options, run_inputs
    from .errors import InputError
    from .readers.docx import check_zip

    cfg = load_config(config_path, search=not no_config) if not no_config else load_config(None, search=False)
    select = _split(select) or tuple(cfg.get("select", ()))
    ignore = _split(ignore) + tuple(cfg.get("ignore", ()))
    for sel in select + ignore:
        if not rule_registry.resolve_selector(sel):
            raise click.UsageError(f"unknown rule selector '{sel}' (see 'plancheck rules')")
    lang = lang or cfg.get("lang", "vi")
    try:  # input errors in the comment language
        max_bytes = cfg.get("max-size", 50) * 1024 * 1024
        try:
            size = os.path.getsize(path)
            if size > max_bytes:
                raise InputError(f"{path}: {size // 2**20} MiB is over the size limit of {max_bytes // 2**20} MiB")
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
        kind = None
        if data[:4] == b"PK\x03\x04":
            names = set(check_zip(data, path).namelist())
            kind = "docx" if "word/document.xml" in names else "xlsx" if "xl/workbook.xml" in names else None
        if kind is None:
            raise InputError(f"{path}: annotate writes comments into Word (.docx) and Excel (.xlsx) files only",
                             f"{path}: lệnh annotate chỉ ghi nhận xét vào tệp Word (.docx) và Excel (.xlsx)")
        if not output.lower().endswith(f".{kind}"):
            raise click.UsageError(f"--output must end in .{kind}, like the input")
        options = Options(suites=tuple(suites) or tuple(cfg.get("suites", ())) or ("national",), select=select,
                          ignore=ignore, severity=dict(cfg.get("severity", {})), lang=lang, max_bytes=max_bytes,
                          per_path_ignores=dict(cfg.get("per-path-ignores", {})), debug=debug)
        report = run_inputs([(path, data)], options)
        result = report.files[0]
        if result.status == "error":
            raise InputError(result.error, getattr(result, "error_vi", None))
        findings = [f for f in report.findings if f.path == path]
        annotated, placed = (annotate_docx if kind == "docx" else annotate_xlsx)(data, findings, lang)
        _write_atomic(output, annotated, [path])
    except InputError as exc:
        raise InputError(exc.message(lang)) from None
    from .reporters import counted

    if kind == "docx":
        if lang == "vi":
            note = (f"{output}: {len(findings)} nhận xét ({placed} tại ô hoặc đoạn có vấn đề, "
                    f"{len(findings) - placed} tại tiêu đề)")
        else:
            note = (f"{output}: {counted(len(findings), 'comment', 'en')} ({placed} on the offending cell or "
                    f"paragraph, {len(findings) - placed} on the title)")
    else:
        note = (f"{output}: {len(findings)} phát hiện, đánh dấu {placed} ô" if lang == "vi" else
                f"{output}: {counted(len(findings), 'finding', 'en')}, {counted(placed, 'cell', 'en')} marked")
    click.echo(note)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--national", is_flag=True, help="Add the national targets of the suite as one more document.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "xlsx"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the table to this file.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["same", "different", "missing", "all"]),
              help="Rows to show (repeatable). Default: different and missing in text, all otherwise.")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path. Default: national.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def compare(paths, national, fmt, output, statuses, suites, lang):
    """Compare the targets of several documents (a plan and its programme, two provinces...).

    Exit 0 when no target differs, 1 when some do, 2 on input errors.
    """
    from .compare import align, document_names
    from .engine import load_suites, read_and_extract
    from .errors import InputError
    from .reporters import compare as creport

    if len(paths) + (1 if national else 0) < 2:
        raise click.UsageError("compare needs two documents, or one with --national")
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs --output FILE")
    suite = load_suites(tuple(suites) or ("national",))
    docs = []
    for p in paths:
        doc, result = read_and_extract(p, suite, 50 * 1024 * 1024)
        if doc is None:
            raise InputError(result.error)
        docs.append(doc)
    names = document_names(list(paths))
    rows = align(docs, suite, names, national=national)
    all_rows = rows
    wanted = set(statuses) if statuses else ({"different", "missing"} if fmt == "text" else {"all"})
    if "all" not in wanted:
        rows = [r for r in rows if r.status in wanted]
    names = names + (["national"] if national else [])
    out = creport.FORMATS[fmt](rows, names, lang)
    if output:
        _write_atomic(output, out, paths)
    else:
        click.echo(out, nl=False)
    sys.exit(1 if any(r.status == "different" for r in all_rows) else 0)


def _write_atomic(output: str, text: str, inputs) -> None:
    """Write the report via a temporary file; never onto an input file."""
    from .errors import InputError

    out_real = os.path.realpath(output)
    for p in inputs:
        if os.path.isfile(p) and os.path.realpath(p) == out_real:
            raise InputError(f"{output}: refusing to write the report onto an input file")
    import tempfile

    directory = os.path.dirname(out_real) or "."
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(out_real)}.", suffix=".plancheck-tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out_real)
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise InputError(f"{output}: cannot write the report ({exc.strerror or exc})") from None


@main.command()
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(code, fmt):
    """List the rules, or explain one (plancheck rules Y001)."""
    import json

    from . import rules as rule_registry

    registry = rule_registry.registry()
    if code:
        codes = rule_registry.resolve_selector(code)
        if not codes:
            raise click.UsageError(f"unknown rule '{code}' (see 'plancheck rules')")
        chosen = [registry[c] for c in sorted(codes)]
        if fmt == "json":
            click.echo(json.dumps([r.as_dict() for r in chosen], ensure_ascii=False, indent=2))
        else:
            click.echo("\n\n".join(rule_registry.render_doc(r) for r in chosen))
        return
    if fmt == "json":
        click.echo(json.dumps([r.as_dict() for r in registry.values()], ensure_ascii=False, indent=2))
        return
    from tabulate import tabulate

    rows = [[r.code, r.name, r.category, r.severity, r.message_en] for r in registry.values()]
    click.echo(tabulate(rows, headers=["code", "name", "category", "severity", "message"], tablefmt="simple"))


@main.command()
@click.argument("suite", default="national")
@click.option("--to", "target", type=click.Choice(["gx", "pandera"]), required=True,
              help="gx: a Great Expectations 1.x expectation suite (JSON); pandera: a pandera schema (YAML).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file.")
def export(suite, target, output):
    """Export a suite's checks over the normalized target table for other tools."""
    from .engine import load_suites

    loaded = load_suites((suite,))
    if target == "gx":
        import json

        from .gx import export_suite

        text = json.dumps(export_suite(f"plancheck-{loaded.name}", max(loaded.milestones)), ensure_ascii=False,
                          indent=2) + "\n"
    else:
        from .schemas import pandera_export

        text = pandera_export(loaded)
    if output:
        _write_atomic(output, text, ())
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (local only by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def serve(host, port):
    """Start the local web page: drop a plan, read its findings, download the workbook."""
    try:
        from .web import serve as run_server
    except ImportError as exc:
        raise click.ClickException(f"the web page needs Flask: pip install 'plancheck[web]' ({exc})")
    click.echo(f"plancheck: listening on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    run_server(host, port)


if __name__ == "__main__":
    main()
