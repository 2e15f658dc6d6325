"""The run: files -> documents -> normalized targets -> findings -> report.

Data flows one way. A file that cannot be read becomes an error entry in the report
(one line naming the file) and the other files are checked in full. A check that fails
on unexpected data is reported on stderr and the others still run.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import sys
import traceback
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import rules as rule_registry
from .catalogue import Suite
from .errors import EmptyInput, InputError
from .limits import DEFAULT as DEFAULT_LIMITS
from .limits import Limits, as_limits, in_force
from .model import NOWHERE, Document, FileResult, Finding, Location, Report, RowRole
from .readers import SUPPORTED_SUFFIXES, read_path


@dataclass
class Options:
    suites: tuple[str, ...] = ("national",)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    lang: str = "vi"
    max_bytes: int | None = None  # the size limit: given alone, it sets limits.max_bytes; then mirrors it
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    jobs: int = 1  # worker processes, kept between 1 and the number of CPUs
    engine: str = "native"  # native | gx (row rules through Great Expectations)
    debug: bool = False
    named: frozenset[str] = frozenset()  # files named on the command line (never skipped as "not a plan")
    limits: Limits = DEFAULT_LIMITS  # what one input may expand to (plancheck/limits.py)
    # each file's work in a worker process under limits.max_seconds (plancheck/workers.py): the
    # CLI's runs; a library call reads in its own process unless it asks for this
    isolated: bool = False

    def __post_init__(self):
        if self.max_bytes is not None and self.max_bytes != self.limits.max_bytes:
            self.limits = self.limits.with_overrides(max_bytes=self.max_bytes)
        self.max_bytes = self.limits.max_bytes
        self.jobs = bounded_jobs(self.jobs)


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def bounded_jobs(jobs) -> int:
    """Worker processes: at least 1, at most the number of CPUs (more only costs memory)."""
    return max(1, min(int(jobs), cpu_count()))


def expand_paths(paths, include=(), exclude=(), notices: list[str] | None = None) -> list[str]:
    """Files named directly, and supported files under folders (sorted, deduplicated).

    Every named path is kept, even a missing one: reading it then gives its one-line error
    and the other files are still linted. A folder that cannot be listed is kept the same
    way (read_path reports it). Inside folders, only regular files are taken: a FIFO, a
    device or a socket is never opened (opening a FIFO waits for a writer forever); each
    one skipped adds a line to ``notices``.
    """
    out: list[str] = []
    for p in paths:
        p = str(p)
        if not os.path.isdir(p):
            out.append(p)
            continue
        unreadable: list[str] = []
        for root, dirs, files in os.walk(p, onerror=lambda exc: unreadable.append(exc.filename)):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                full = os.path.join(root, f)
                rel = os.path.relpath(full, p)
                if include:
                    if not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(f, g) for g in include):
                        continue
                elif Path(f).suffix.lower() not in SUPPORTED_SUFFIXES or f.startswith("."):
                    continue
                if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(f, g) for g in exclude):
                    continue
                kind = _special_kind(full)
                if kind:
                    if notices is not None:
                        notices.append(f"{full}: skipped, not a regular file ({kind})")
                    continue
                out.append(full)
        out.extend(str(u) for u in unreadable)
    seen = set()
    unique = []
    for p in out:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


def empty_folders(paths, files: list[str]) -> list[FileResult]:
    """An error entry for each folder argument that selects no file: it is never "clean"."""
    out = []
    for p in paths:
        p = str(p)
        if os.path.isdir(p) and p not in files:  # (a folder that cannot be listed is read, and says why)
            prefix = os.path.join(p, "")
            if not any(f.startswith(prefix) for f in files):
                out.append(FileResult(p, "error", error=f"{p}: no plan file found in this folder",
                                      error_vi=f"{p}: không tìm thấy tệp kế hoạch nào trong thư mục này"))
    return out
def _special_kind(path: str) -> str | None:
    """What a file found in a folder is when it is not a regular file (None for a regular
    file, or one that cannot be looked at: reading it will say why)."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


def load_suites(names) -> Suite:
    """The suites of a run combined into one (see :func:`plancheck.catalogue.load_suites`)."""
    from .catalogue import load_suites as combine

    return combine(names)


def read_and_extract(path: str, suite: Suite, limits: Limits | int | None = None, data: bytes | None = None,
                     named: bool = True) -> tuple[Document | None, FileResult]:
    """Read and extract one file (or, with ``data``, in-memory content named ``path``), and match
    its indicator names to the suite. ``limits`` (or a bare size limit in bytes) are in force
    while the file is read. A file found in a folder that shows no sign of being a plan
    (``named`` false) is skipped, with the reason."""
    from .extract import extract
    from .gcpause import paused_gc
    from .extract.statements import read_targets
    from .matching import match_document, match_targets
    from .readers import read_bytes

    from .safetext import shown_path

    limits = as_limits(limits)
    source, path = path, shown_path(path)  # a name that is not UTF-8 is reported with visible escapes
    try:
        # the collector paused over reading too (the readers of formats that make cyclic
        # garbage resume it): paused around each step, it scanned the file's objects between them
        with in_force(limits), paused_gc():
            if data is not None:
                if len(data) > limits.max_bytes:
                    size, limit = len(data) // 2**20, limits.max_bytes // 2**20
                    raise InputError(f"{path}: {size} MiB is over the size limit of {limit} MiB",
                                     f"{path}: dung lượng {size} MiB vượt giới hạn {limit} MiB")
                raw = read_bytes(data, path, limits)
            else:
                raw = read_path(source, limits) if source == path else read_path(source, limits, label=path)
            doc = extract(raw, suite)
            match_document(doc, suite)
            doc.targets = read_targets(doc)
            match_targets(doc, suite)
    except InputError as exc:
        # an empty file in a folder (a placeholder) holds no plan: skipped, as a README is
        status = "skipped" if isinstance(exc, EmptyInput) and not named else "error"
        return None, FileResult(path, status, error=exc.en, error_vi=exc.vi)
    except RecursionError:
        return None, FileResult(path, "error", error=f"{path}: structure nested too deeply to read",
                                error_vi=f"{path}: cấu trúc lồng nhau quá sâu, không đọc được")
    except MemoryError:
        return None, FileResult(path, "error", error=f"{path}: cannot read: it needs more memory than is available",
                                error_vi=f"{path}: không đọc được: tệp cần nhiều bộ nhớ hơn mức hiện có")
    except Exception as exc:  # noqa: BLE001 - one broken file never loses the others' findings
        if os.environ.get("PLANCHECK_DEBUG"):
            traceback.print_exc()
        return None, FileResult(path, "error", error=f"{path}: cannot read ({type(exc).__name__}: {exc})",
                                error_vi=f"{path}: không đọc được tệp (lỗi {type(exc).__name__}); "
                                         "chạy lại với --debug để xem chi tiết")
    if not named and not looks_like_plan(doc):
        return None, FileResult(path, "skipped", layout=doc.layout,
                                error=f"{path}: not a plan (no document type, number, annex, table or target)",
                                error_vi=f"{path}: không phải kế hoạch (không có loại, số văn bản, phụ lục, "
                                         "bảng hay chỉ tiêu)")
    if not named and doc.raw_table is None and doc.meta.doc_type not in ("plan", "programme", "scheme"):
        from .checks.document import no_target_reason, states_targets

        # a notice or a decision that states no target is a document of another kind; a plan
        # that states none has lost them (S006)
        if not states_targets(doc):
            vi, en = no_target_reason(doc)
            return None, FileResult(path, "skipped", layout=doc.layout,
                                    error=f"{path}: states no target{en}",
                                    error_vi=f"{path}: không nêu chỉ tiêu nào{vi}")
    rows = sum(1 for t in doc.tables if t.kind == "indicator" for r in t.rows
               if r.role in (RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB))
    return doc, FileResult(path, "ok", layout=doc.layout, indicators=rows, meta=doc.meta.as_dict(),
                           stated=len(doc.targets), notes=list(raw.notes or ()))


def looks_like_plan(doc: Document) -> bool:
    """Any sign of a plan: a document type or number, an annex caption, a table, a stated target."""
    m = doc.meta
    return bool(m.doc_type or m.number or m.number_blank or m.captions or doc.tables or doc.narrative
                or doc.targets or doc.raw_table is not None)


def _chunk_worker(args, progress=None):
    """Read, extract, validate, normalize and check a chunk of files (here or in a worker).

    In a worker (``validate`` false) the raw tables of submissions are not validated but
    handed back with the results: the parent validates them (``_validated``), so that pandas
    and pandera are imported once, not in every worker. No rule compares two files, so the
    findings of a submission the schema refuses are simply dropped there."""
    from .gcpause import paused_gc

    paths, options, validate = args
    suite = load_suites(options.suites)
    with paused_gc():  # over the whole chunk: its objects are scanned once, after it
        pairs = list(read_all(paths, options, suite, progress))
        return checked_pairs(pairs, suite, options, validate)


def checked_pairs(pairs, suite: Suite, options: Options, validate: bool = True):
    """(results, finding specs[, raw tables]) of files read: ``_chunk_worker`` after reading."""
    from .normalize import doc_rows

    docs = [d for d, _ in pairs if d is not None]
    results = [r for _, r in pairs]
    if validate:
        docs, tables = validate_structured(docs, results), []
    else:
        tables = [(d.path, d.raw_table) for d in docs if d.raw_table is not None]
        for d in docs:
            d.raw_table = None
    rows = [row for k, d in enumerate(docs) for row in doc_rows(d, k, suite)]
    for r, d in zip([r for r in results if r.status == "ok"], docs):
        r.targets = len(d.narrative)
    # no rule compares two files, so the chunk's table gives the findings the whole run's would
    with noting_failed_checks(results):
        specs = frame_specs(None, suite, options, rows) + document_specs(docs, suite, options)
    del pairs, docs, rows  # freed while paused: the collector has nothing of them left to scan
    return (results, specs) if validate else (results, specs, tables)


class LintWorker:
    """A worker's side of a run (``workers.pool_run``): each file read, then the chunk checked."""

    def __init__(self, options: Options):
        self.options = options
        self.suite = load_suites(options.suites)
        self.paused = None

    def item(self, path: str):
        if self.paused is None:  # the collector paused over the whole chunk, as _chunk_worker does
            from .gcpause import paused_gc

            self.paused = paused_gc()
            self.paused.__enter__()
        return read_and_extract(path, self.suite, self.options.limits, named=path in self.options.named)

    def prepare(self, pairs) -> bool:
        """The libraries the checking of ``pairs`` needs, imported once per worker before its
        time budget starts (pandera for submissions: about 0.4 s, longer on a busy machine)."""
        if self.options.jobs == 1 and "pandera" not in sys.modules and any(
                doc is not None and doc.raw_table is not None for doc, _ in pairs):
            import pandera.pandas  # noqa: F401
            return True
        return False

    def finish(self, pairs):
        try:
            # one worker validates its submissions itself (a large submission's raw table is
            # not sent back); several send them to the parent, which imports pandera once
            if self.options.jobs == 1:
                return (*checked_pairs(pairs, self.suite, self.options, validate=True), [])
            return checked_pairs(pairs, self.suite, self.options, validate=False)
        finally:
            if self.paused is not None:
                self.paused.__exit__(None, None, None)
                self.paused = None
            pairs.clear()  # the chunk's documents (their outlines hold cycles) freed before the next chunk
            import gc

            gc.collect()


class ReadWorker:
    """A worker's side of reading files for their documents (``compare``): each file read,
    its (document or None, result) sent back."""

    def __init__(self, options: Options):
        self.options = options
        self.suite = load_suites(options.suites)

    def item(self, path: str):
        named = not self.options.named or path in self.options.named  # (a folder's files: a non-plan is skipped)
        return read_and_extract(path, self.suite, self.options.limits, named=named)

    def finish(self, pairs):
        return pairs


def read_isolated(files: list[str], options: Options) -> list[tuple[Document | None, FileResult]]:
    """(document or None, result) of each file, read in a worker process under the time
    budget (``limits.max_seconds``); in this process where there is no fork."""
    from .safetext import shown_path
    from .workers import context, pool_run

    if context() is None:
        suite = load_suites(options.suites)
        return [read_and_extract(p, suite, options.limits, named=not options.named or p in options.named)
                for p in files]
    out: dict[int, tuple] = {}
    for parts, failed in pool_run([files], ReadWorker, (options,), 1, options.limits.max_seconds, shown_path):
        for indexes, pairs in parts:
            out.update(zip(indexes, pairs))
        for i, (en, vi) in failed.items():
            out[i] = (None, FileResult(shown_path(files[i]), "error", error=en, error_vi=vi))
    return [out[i] for i in range(len(files))]


def _isolated_chunks(chunks: list[list[str]], options: Options, progress=None):
    """The chunks' (results, specs), each file read and checked in a worker under the time
    budget (``plancheck/workers.py``); a file lost to the budget or a dead worker is an error."""
    from .safetext import shown_path
    from .workers import pool_run

    files = [p for chunk in chunks for p in chunk]
    for parts, failed in pool_run(chunks, LintWorker, (options,), options.jobs, options.limits.max_seconds,
                                  shown_path, progress=progress):
        by_index: dict[int, FileResult] = {}
        specs: list[dict] = []
        tables: list = []
        for indexes, (results, cspecs, ctables) in parts:
            by_index.update(zip(indexes, results))
            specs += cspecs
            tables += ctables
        for i, (en, vi) in failed.items():
            by_index[i] = FileResult(shown_path(files[i]), "error", error=en, error_vi=vi)
        yield _validated([by_index[i] for i in sorted(by_index)], specs, tables)


def _validated(results: list[FileResult], specs: list[dict], tables: list) -> tuple[list[FileResult], list[dict]]:
    """A worker's chunk, its submissions validated here: refused ones are errors, without findings."""
    if not tables:
        return results, specs
    from .gcpause import paused_gc
    from .readers.structured import validate_many

    with paused_gc():
        errors = validate_many(tables)
    mark_invalid(results, errors)
    return results, [s for s in specs if s["path"] not in errors]


def read_all(files: list[str], options: Options, suite: Suite, progress=None):
    """(document or None, file result) for each file, in the order of ``files``."""
    for path in files:
        item = read_and_extract(path, suite, options.limits, named=path in options.named)
        if progress:
            progress(1)
        yield item


CHUNK_FILES = 100  # files checked together in one process: bounds the memory of a long run


def check_in_chunks(files: list[str], options: Options, progress=None):
    """File results and finding specs of ``files``, chunk by chunk (a generator).

    Each chunk of contiguous files is read, normalized and checked with the same vectorized
    checks over the chunk's table (no rule compares two files, so the findings are those of
    one table of the whole run), then let go, so memory stays bounded however many files
    there are. With ``jobs`` > 1, or ``isolated`` (the CLI), the chunks go to worker processes
    that are stopped when a file takes longer than ``limits.max_seconds`` or kills its worker
    (``plancheck/workers.py``). Chunks come back in order and findings are sorted, so the
    output is the same whatever the chunking.
    """
    from .workers import context

    if (options.isolated or options.jobs > 1) and context() is not None:
        if options.jobs > 1:
            chunks = _guided(files, options.jobs)
            load_suites(options.suites).matcher.warm()  # inherited by the workers
        else:
            size = -(-len(files) // max(1, -(-len(files) // CHUNK_FILES)))
            chunks = [files[i:i + size] for i in range(0, len(files), size)]
        # leaving the loop by an exception (an interrupt, SIGTERM) stops the workers
        yield from _isolated_chunks(chunks, options, progress)
    else:
        size = -(-len(files) // max(1, -(-len(files) // CHUNK_FILES)))
        for i in range(0, len(files), size):
            yield _chunk_worker((files[i:i + size], options, True), progress)  # progress file by file


def _guided(files: list[str], jobs: int, smallest: int = 8) -> list[list[str]]:
    """Chunks for ``jobs`` workers: at most ``CHUNK_FILES`` files, each a share of what is left,
    so that they shrink towards the end and the workers finish together (the last chunks are
    short, and no worker waits long for another)."""
    chunks, i = [], 0
    while i < len(files):
        size = max(smallest, min(CHUNK_FILES, -(-(len(files) - i) // (2 * jobs))))
        chunks.append(files[i:i + size])
        i += size
    return chunks


def run(paths, options: Options | None = None, docs_out: list | None = None, progress=None,
        files: list[str] | None = None) -> Report:
    """The report of a run, in memory (``docs_out`` receives the documents read)."""
    options = options or Options()
    if docs_out is not None:
        suite = load_suites(options.suites)
        files, options, empty = _prepared(paths, options, files)
        docs: list[Document] = []
        results: list[FileResult] = list(empty)
        for doc, result in read_all(files, options, suite, progress):
            results.append(result)
            if doc is not None:
                docs.append(doc)
        return _report(docs, results, suite, options, docs_out)
    results, findings = [], []
    for chunk_results, chunk_findings in run_chunks(paths, options, progress, files):
        results.extend(chunk_results)
        findings.extend(chunk_findings)
    # each chunk's findings are sorted, and no file has findings in two chunks
    findings.sort(key=Finding.sort_key)
    return Report(files=results, findings=findings, suites=list(options.suites), lang=options.lang)


def run_chunks(paths, options: Options | None = None, progress=None, files: list[str] | None = None):
    """The run as it goes (a generator): for each chunk of files, their results and their
    findings, sorted. Folders that select no file come first, as a chunk without findings.
    A streaming report (:mod:`plancheck.reporters.stream`) writes each chunk as it comes."""
    options = options or Options()
    suite = load_suites(options.suites)
    files, options, empty = _prepared(paths, options, files)
    if empty:
        yield empty, []
    if options.jobs > 1 and len(files) > 1 or len(files) > CHUNK_FILES or options.isolated and files:
        for results, specs in check_in_chunks(files, options, progress):
            yield results, finalize(specs, suite, options)
        return
    from .gcpause import paused_gc

    with paused_gc():  # over reading and checking
        pairs = list(read_all(files, options, suite, progress))
        report = _report([d for d, _ in pairs if d is not None], [r for _, r in pairs], suite, options, None)
        del pairs  # the documents freed while paused: the collector has none of their objects to scan
    yield report.files, report.findings


def _prepared(paths, options: Options, files: list[str] | None):
    """The files of a run, its options with the files named on the command line, and the
    error entries of folders that select no file."""
    if files is None:
        files = expand_paths(paths, options.include, options.exclude)
    options = replace(options, named=frozenset(str(p) for p in paths if not os.path.isdir(str(p))))
    return files, options, empty_folders(paths, files)


def run_inputs(items: list[tuple[str, bytes]], options: Options | None = None, docs_out: list | None = None) -> Report:
    """Lint in-memory files (name, content); the names are only labels, never paths."""
    options = options or Options()
    suite = load_suites(options.suites)
    return report_of([read_and_extract(name, suite, options.limits, data=data) for name, data in items], options,
                     docs_out)


def report_of(pairs: list[tuple[Document | None, FileResult]], options: Options, docs_out: list | None = None
              ) -> Report:
    """The report of files already read and extracted (elsewhere, e.g. in a worker process)."""
    suite = load_suites(options.suites)
    docs = [d for d, _ in pairs if d is not None]
    return _report(docs, [r for _, r in pairs], suite, options, docs_out)


def validate_structured(docs: list[Document], results: list[FileResult]) -> list[Document]:
    """The pandera schema of raw submissions, applied to all of a run's tables in batches."""
    structured = [(d.path, d.raw_table) for d in docs if d.raw_table is not None]
    if not structured:
        return docs
    from .readers.structured import validate_many

    errors = validate_many(structured)
    for d in docs:
        d.raw_table = None
    mark_invalid(results, errors)
    return [d for d in docs if d.path not in errors]


def mark_invalid(results: list[FileResult], errors: dict) -> None:
    """The results of submissions the schema refuses become errors, with the reason."""
    for r in results:
        if r.path in errors:
            reason = errors[r.path]  # a text, or an InputError with both languages
            r.status, r.layout, r.meta = "error", None, None
            r.error, r.error_vi = (reason.en, reason.vi) if isinstance(reason, InputError) else (str(reason), None)


def _report(docs: list[Document], results: list[FileResult], suite: Suite, options: Options,
            docs_out: list | None) -> Report:
    from .gcpause import paused_gc

    with paused_gc(), noting_failed_checks(results):
        docs = validate_structured(docs, results)
        findings = finalize(check_documents(docs, suite, options), suite, options)
    narrative = {d.path: len(d.narrative) for d in docs}
    for r in results:
        if r.status == "ok":
            r.targets = narrative.get(r.path, 0)
    if docs_out is not None:
        docs_out.extend(docs)
    return Report(files=results, findings=findings, suites=list(options.suites), lang=options.lang)


def check_documents(docs: list[Document], suite: Suite, options: Options) -> list[dict]:
    if not docs:
        return []
    return frame_specs(docs, suite, options) + document_specs(docs, suite, options)


def frame_specs(docs: list[Document] | None, suite: Suite, options: Options,
                rows: list[tuple] | None = None) -> list[dict]:
    """Checks over the normalized table of the whole run (vectorized row rules and friends);
    ``rows`` are the table's rows when they were made already (``normalize.doc_rows``)."""
    from .checks import document as doc_checks
    from .checks import targets as target_checks
    from .checks import typo as typo_checks
    from .normalize import frame_of, normalize

    frame = frame_of(rows, suite) if rows is not None else normalize(docs or [], suite)
    if frame.empty:
        return []
    frame = target_checks.prepare(frame, suite)
    specs: list[dict] = []
    checks = target_checks.CHECKS + typo_checks.CHECKS
    if options.engine == "gx":
        from .gx import gx_masks

        masks = gx_masks(frame, max(suite.milestones))
        specs.extend(target_checks.check_row_rules(frame, suite, masks))
        checks = [c for c in checks if c is not target_checks.check_row_rules]
    for check in checks + doc_checks.FRAME_CHECKS:
        specs.extend(_guarded(check, options, frame, suite))
    return specs


def document_specs(docs: list[Document], suite: Suite, options: Options) -> list[dict]:
    """Checks of one document at a time (metadata, numbering)."""
    from .checks import document as doc_checks

    specs: list[dict] = []
    for doc in docs:
        for check in doc_checks.CHECKS:
            specs.extend(_guarded(check, options, doc, suite))
    return specs


# the checks that failed while a run's files are checked: (check name, paths it was checking)
_FAILED_CHECKS: ContextVar[list | None] = ContextVar("plancheck_failed_checks", default=None)


@contextlib.contextmanager
def noting_failed_checks(results: list[FileResult]):
    """Over the checks of ``results``' files: each file a failed check was checking gets a
    note (it was read but not checked in full), which every report shows."""
    failed: list = []
    token = _FAILED_CHECKS.set(failed)
    try:
        yield
    finally:
        _FAILED_CHECKS.reset(token)
        by_path = {r.path: r for r in results}
        for name, paths in failed:
            for p in paths:
                r = by_path.get(p)
                if r is not None and r.status == "ok":
                    r.checks_failed = True
                    note = (f"the check {name} failed (an internal error): its findings are missing",
                            f"bước kiểm tra {name} bị lỗi nội bộ: thiếu các phát hiện của bước này")
                    if note not in r.notes:
                        r.notes.append(note)


def _checked_paths(args) -> list[str]:
    """The files a check was given: a document's, or those of the rows of a table."""
    first = args[0] if args else None
    if isinstance(first, Document):
        return [first.path]
    try:
        return list(dict.fromkeys(first.get("path") or []))
    except Exception:  # noqa: BLE001 - whatever the check was given, the note is only a note
        return []


def _guarded(check, options: Options, *args) -> list[dict]:
    try:
        return check(*args)
    except Exception as exc:  # noqa: BLE001 - a failing check must not stop the others
        failed = _FAILED_CHECKS.get()
        if failed is not None:
            failed.append((check.__name__, _checked_paths(args)))
        if options.debug:
            traceback.print_exc()
        if options.lang == "vi":
            print(f"plancheck: lỗi nội bộ ở bước kiểm tra {check.__name__}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
        else:
            print(f"plancheck: internal error in check {check.__name__}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return []


def selected_codes(options: Options, suite: Suite) -> set[str]:
    registry = rule_registry.registry()
    codes = set(registry)
    if options.select:
        codes = set()
        for sel in options.select:
            codes |= rule_registry.resolve_selector(sel)
    for sel in tuple(suite.ignore) + tuple(options.ignore):
        codes -= rule_registry.resolve_selector(sel)
    return codes


def finalize(specs: list[dict], suite: Suite, options: Options) -> list[Finding]:
    registry = rule_registry.registry()
    codes = selected_codes(options, suite)
    overrides: dict[str, str] = {}
    for level_map in (suite.severity, options.severity):
        for sel, level in level_map.items():
            for code in rule_registry.resolve_selector(sel):
                overrides[code] = level
    path_ignores = [(glob, set().union(*(rule_registry.resolve_selector(s) for s in sels)) if sels else set())
                    for glob, sels in options.per_path_ignores.items()]
    findings: list[Finding] = []
    for s in specs:
        s = {k: (None if isinstance(v, float) and v != v else v) for k, v in s.items()}
        rule = registry[s["rule"]]
        severity = overrides.get(rule.code) or s.get("severity") or rule.severity
        args = dict(s["args"])
        args.setdefault("value", s["value"])
        args.setdefault("suggestion", s["suggestion"])
        args.setdefault("year", s["year"])
        en_args = {k[:-3]: v for k, v in args.items() if k.endswith("_en")}
        message = rule.message(options.lang, {**args, **en_args} if options.lang == "en" else args)
        location = s.get("location")
        if not isinstance(location, Location):
            location = Location(line=s["line"]) if s["line"] is not None else NOWHERE
        line = None if location.page is not None else s["line"]  # a PDF's lines are counted per page
        findings.append(Finding(
            rule=rule.code, name=rule.name, category=rule.category, severity=severity, path=s["path"],
            line=line, indicator=s["indicator"], row_label=_text(s["row_label"]),
            row_name=_text(s["row_name"]), year=s["year"], value=_text(s["value"]), message=message,
            suggestion=_text(s["suggestion"]), location=location,
            indicator_name=suite.indicators[s["indicator"]].name if s["indicator"] in suite.indicators else None,
        ))
    # a more specific finding replaces the general ones on the same cell (Y001 over R001)
    superseding = {}
    for f in findings:
        for code in registry[f.rule].supersedes:
            superseding.setdefault((f.path, f.location, f.year, f.value, code), f.rule)
    kept = [f for f in findings if (f.path, f.location, f.year, f.value, f.rule) not in superseding]
    kept = [f for f in kept if f.rule in codes and not _path_ignored(f, path_ignores)]
    unique = {}
    for f in kept:
        unique.setdefault((f.rule, f.path, f.location, f.year, f.value, f.row_name, f.message), f)
    return sorted(unique.values(), key=Finding.sort_key)


def _path_ignored(f: Finding, path_ignores) -> bool:
    posix = f.path.replace("\\", "/")
    for glob, codes in path_ignores:
        if (fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(os.path.basename(posix), glob)
                or fnmatch.fnmatch(posix, "*/" + glob)) and f.rule in codes:
            return True
    return False


def _text(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    return str(v)
