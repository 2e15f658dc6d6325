"""An upload's whole work in worker processes, so that one hostile file never freezes the page.

Each request's files are read, extracted and checked in a worker process (``plancheck/workers.py``),
under the same limits as ``plancheck lint``, a time limit per file, a cap on the worker's
memory and a time limit for the upload as a whole; the report (JSON, workbook, HTML, the
comparison) is then made in a worker too, under the same limits. A file that takes longer,
or makes its worker run out of memory, becomes a one-line error for that file only: the
worker is ended and a new one takes the files after it. The server's threads only wait: a
waitress thread never reads, checks or renders an upload, so the page stays served. The
annotated copy of a Word or Excel file (``annotate_upload``) is made in a worker too.

Each worker works in a private temporary folder (mode 0700) that the server removes when the
worker ends, however it ends: a legacy .doc copied there for LibreOffice never outlives its
request. LibreOffice runs in a session of its own, and a worker stopped is stopped with every
process it started, its LibreOffice's whole process group among them; so are all the workers
still running when the server stops (Ctrl+C, SIGTERM).

Workers are forked from a "fork server" that has imported plancheck and pandas once, so a
worker starts in a few milliseconds and never inherits the web server's threads.
"""

from __future__ import annotations

import docx  # noqa: F401 - what a worker reads with, imported once in the fork server
import openpyxl  # noqa: F401
import pandas  # noqa: F401
import rapidfuzz  # noqa: F401

from .. import annotate, extract  # noqa: F401
from ..engine import Options, checked_pairs, load_suites, read_and_extract
from ..errors import InputError
from ..limits import Limits
from ..model import FileResult
from ..readers import docx as docx_reader  # noqa: F401
from ..readers import structured, text  # noqa: F401
from ..workers import WorkerFailed, call, pool_run

try:  # the optional PDF reader, when installed
    import pdfplumber  # noqa: F401

    from ..readers import pdf  # noqa: F401
except ImportError:
    pass

TIME_LIMIT = 60.0  # seconds to read and check one uploaded file
UPLOAD_TIME_LIMIT = 120.0  # seconds one upload (all its files) may hold the server
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space a worker may add to what it starts with


def _context():
    from ..workers import context

    ctx = context("forkserver")
    ctx.set_forkserver_preload([__name__])
    return ctx


def start() -> None:
    """Start the fork server now, so that the first request does not wait for its imports."""
    ctx = _context()
    proc = ctx.Process(target=_noop)
    proc.start()
    proc.join()


def _noop() -> None:
    pass


def _name(item) -> str:
    return item[0]


class _Uploads:
    """A worker's side of an upload: each file read (``item``), then the files it read
    checked (``finish``): their results and the findings' specs."""

    check = True

    def __init__(self, options: Options):
        self.options = options
        self.suite = load_suites(options.suites)

    def item(self, item):
        name, data = item
        return read_and_extract(name, self.suite, self.options.limits, data=data)

    def finish(self, pairs):
        return checked_pairs(pairs, self.suite, self.options, validate=True) if self.check else pairs


class _Documents(_Uploads):
    """The documents of the files, for a comparison."""

    check = False


def _run(items, handler, options: Options, time_limit: float, memory_limit: int | None, total: float | None):
    """(per item: the handler's output for it or a failure) over the upload's items."""
    outputs, failed = {}, {}
    for parts, lost in pool_run([list(items)], handler, (options,), 1, time_limit, _name, ctx=_context(),
                                memory=memory_limit, total=total):
        for indexes, output in parts:
            outputs[tuple(indexes)] = output
        failed.update(lost)
    return outputs, failed


def read_uploads(items: list[tuple[str, bytes]], limits: Limits, time_limit: float = TIME_LIMIT,
                 memory_limit: int | None = MEMORY_LIMIT, suites: tuple[str, ...] = ("national",),
                 total: float | None = UPLOAD_TIME_LIMIT):
    """(document or None, file result) for each (name, content), read in worker processes."""
    outputs, failed = _run(items, _Documents, Options(suites=suites, limits=limits), time_limit, memory_limit, total)
    out: dict[int, tuple] = {}
    for indexes, pairs in outputs.items():
        out.update(zip(indexes, pairs))
    for i, (en, vi) in failed.items():
        out[i] = (None, FileResult(items[i][0], "error", error=en, error_vi=vi))
    return [out[i] for i in range(len(items))]


def check_uploads(items: list[tuple[str, bytes]], options: Options, fmt: str, time_limit: float = TIME_LIMIT,
                  memory_limit: int | None = MEMORY_LIMIT, total: float | None = UPLOAD_TIME_LIMIT):
    """The report of the uploads in ``fmt`` (json, xlsx or html): each file read and checked
    in a worker under the time limit, the report made in a worker too."""
    outputs, failed = _run(items, _Uploads, options, time_limit, memory_limit, total)
    results: dict[int, FileResult] = {}
    specs: list[dict] = []
    for indexes, (rs, ss) in outputs.items():
        results.update(zip(indexes, rs))
        specs += ss
    for i, (en, vi) in failed.items():
        results[i] = FileResult(items[i][0], "error", error=en, error_vi=vi)
    ordered = [results[i] for i in range(len(items))]
    try:
        return call(_report, (ordered, specs, options, fmt), time_limit, _context(), memory_limit)
    except WorkerFailed as exc:
        en, vi = exc.lines("report", time_limit, "check")
        raise InputError(en, vi) from None


def _report(results: list[FileResult], specs: list[dict], options: Options, fmt: str):
    """In a worker: the findings of the specs, and the report in ``fmt``."""
    from ..engine import finalize
    from ..model import Report
    from ..reporters import followup, to_json

    suite = load_suites(options.suites)
    report = Report(files=results, findings=finalize(specs, suite, options), suites=list(options.suites),
                    lang=options.lang)
    if fmt == "json":
        return to_json(report)
    if fmt == "html":
        return followup.to_html(report)
    return followup.to_xlsx(report), len(report.findings)


def compare_uploads(items: list[tuple[str, bytes]], options: Options, national: bool,
                    time_limit: float = TIME_LIMIT, memory_limit: int | None = MEMORY_LIMIT,
                    total: float | None = UPLOAD_TIME_LIMIT) -> str:
    """The JSON of ``plancheck compare`` of the uploads: read in workers, compared in one."""
    pairs = read_uploads(items, options.limits, time_limit, memory_limit, options.suites, total)
    try:
        return call(_compare, (pairs, options, national), time_limit, _context(), memory_limit)
    except WorkerFailed as exc:
        en, vi = exc.lines("comparison", time_limit, "check")
        raise InputError(en, vi) from None


def _compare(pairs, options: Options, national: bool) -> str:
    import json

    from ..compare import align
    from ..reporters import compare as compare_report

    suite = load_suites(options.suites)
    docs, names, errors = [], [], []
    for doc, result in pairs:
        if doc is None:
            errors.append({"path": result.path, "error": result.reason(options.lang)})
            continue
        docs.append(doc)
        names.append(result.path)
    rows = align(docs, suite, names, national=national)
    body = compare_report.to_json(rows, names + (["national"] if national else []), options.lang)
    if errors:
        data = json.loads(body)
        data["errors"] = errors
        body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return body


def annotate_upload(name: str, data: bytes, kind: str, options: Options, time_limit: float = TIME_LIMIT,
                    memory_limit: int | None = MEMORY_LIMIT) -> tuple[bytes, int]:
    """The annotated copy of an uploaded ``kind`` (docx or xlsx) file, read, checked and
    annotated in a worker process: (bytes, findings); an :class:`InputError` (one line naming
    the file) when it cannot be made."""
    from ..annotate import annotate_file

    try:
        copy, found, _ = call(annotate_file, (name, data, kind, options, options.lang), time_limit, _context(),
                              memory_limit)
    except WorkerFailed as exc:
        raise InputError(*exc.lines(name, time_limit, "annotate")) from None
    except MemoryError:
        raise InputError(f"{name}: annotating it needed more memory than one file may take",
                         f"{name}: ghi nhận xét vào tệp cần nhiều bộ nhớ hơn mức cho phép với một tệp") from None
    return copy, found
