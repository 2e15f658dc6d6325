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
def main():
    """Check indicator targets in Vietnamese social-policy plans."""


def _split(values) -> tuple[str, ...]:
    out = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True,
              help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--suite", "suites", multiple=True, help="Suite name or YAML path (repeatable). Default: national.")
@click.option("--select", multiple=True, help="Only these rules: codes, names, categories or globs (comma list).")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names, categories or globs (comma list).")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
              help="Exit 1 when a finding reaches this severity.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True, help="Message language.")
@click.option("--max-size", type=int, default=50, show_default=True, help="Largest input file, in MiB.")
@click.option("--include", multiple=True, help="Glob of files to take inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of files to skip inside folders (repeatable).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def lint(paths, fmt, output, suites, select, ignore, fail_on, lang, max_size, include, exclude, debug):
    """Lint plans: Word documents, their text conversions, CSV/XLSX/JSON/YAML submissions.

    PATHS are files or folders (folders are searched for supported files).
    """
    from . import rules as rule_registry
    from .engine import Options, run
    from .errors import InputError
    from .reporters import FORMATS

    for sel in _split(select) + _split(ignore):
        if not rule_registry.resolve_selector(sel):
            raise click.UsageError(f"unknown rule selector '{sel}' (see 'plancheck rules')")
    missing = [p for p in paths if not os.path.exists(p)]
    if missing:
        raise InputError(f"{missing[0]}: no such file or folder")
    options = Options(suites=tuple(suites) or ("national",), select=_split(select), ignore=_split(ignore),
                      lang=lang, max_bytes=max_size * 1024 * 1024, include=tuple(include), exclude=tuple(exclude),
                      debug=debug)
    report = run(paths, options)
    text = FORMATS[fmt](report)
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


def _write_atomic(output: str, text: str, inputs) -> None:
    """Write the report via a temporary file; never onto an input file."""
    from .errors import InputError

    out_real = os.path.realpath(output)
    for p in inputs:
        if os.path.isfile(p) and os.path.realpath(p) == out_real:
            raise InputError(f"{output}: refusing to write the report onto an input file")
    directory = os.path.dirname(out_real) or "."
    tmp = os.path.join(directory, f".{os.path.basename(out_real)}.plancheck-tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    os.replace(tmp, out_real)


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


if __name__ == "__main__":
    main()
