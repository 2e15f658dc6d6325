"""Reading uploads in a separate process, so that one hostile file never freezes the page.

Each request's files are read (and their tables extracted) in a worker process, under the
same limits as ``plancheck lint`` plus a time limit per file and a cap on the worker's
memory. A file that takes longer, or makes the worker run out of memory, becomes a one-line
error for that file only: the worker is ended and a new one reads the files after it. The
server process itself only checks the documents that came back, whose size the limits bound.
The annotated copy of a Word or Excel file (``annotate_upload``) is made in a worker too,
under the same time limit and memory cap.

A legacy .doc is converted by LibreOffice, which the worker starts in a session of its own
(:mod:`plancheck.readers.legacy`); when a worker is stopped, the processes it started are
stopped with it (on Linux), so a conversion cut short by the time limit leaves nothing running.

Workers are forked from a "fork server" that has imported plancheck and pandas once, so a
worker starts in a few milliseconds and never inherits the web server's threads.
"""

from __future__ import annotations

import multiprocessing
import os
import signal

import docx  # noqa: F401 - what a worker reads with, imported once in the fork server
import openpyxl  # noqa: F401
import pandas  # noqa: F401
import rapidfuzz  # noqa: F401

from .. import annotate, extract  # noqa: F401
from ..engine import load_suites, read_and_extract
from ..limits import Limits
from ..model import FileResult
from ..readers import docx as docx_reader  # noqa: F401
from ..readers import structured, text  # noqa: F401

try:  # the optional PDF reader, when installed
    import pdfplumber  # noqa: F401

    from ..readers import pdf  # noqa: F401
except ImportError:
    pass

TIME_LIMIT = 60.0  # seconds to read one uploaded file
START_LIMIT = 60.0  # seconds for a worker to start (it loads the suite)
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space a worker may add to what it starts with


def _context():
    ctx = multiprocessing.get_context("forkserver")
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


def read_uploads(items: list[tuple[str, bytes]], limits: Limits, time_limit: float = TIME_LIMIT,
                 memory_limit: int | None = MEMORY_LIMIT, suites: tuple[str, ...] = ("national",)):
    """(document or None, file result) for each (name, content), read in worker processes."""
    ctx = _context()
    out = []
    rest = list(items)
    while rest:
        receive, proc = _started(ctx, _read, (rest, limits, memory_limit, suites))
        done = False
        try:
            while rest:
                name = rest[0][0]
                answer, failure = _answer(receive, time_limit)
                rest.pop(0)
                if failure:
                    out.append(_failed(name, failure))
                    break
                out.append(answer)
            else:
                done = True
        finally:
            receive.close()
            _stop(proc, wait=1 if done else 0)  # done: it is ending by itself
    return out


def annotate_upload(name: str, data: bytes, kind: str, findings, lang: str, time_limit: float = TIME_LIMIT,
                    memory_limit: int | None = MEMORY_LIMIT) -> tuple[bytes | None, str | None, str | None]:
    """The annotated copy of an uploaded ``kind`` (docx or xlsx) file, made in a worker
    process: (bytes, None, None), or (None, reason in English, reason in Vietnamese)."""
    ctx = _context()
    receive, proc = _started(ctx, _annotate, (name, data, kind, list(findings), lang, memory_limit))
    failure = ("", "")
    try:
        answer, failure = _answer(receive, time_limit, doing=("annotating", "ghi nhận xét vào"))
    finally:
        receive.close()
        _stop(proc, wait=0 if failure else 1)
    if failure:
        return None, f"{name}: {failure[0]}", f"{name}: {failure[1]}"
    return answer


def _answer(receive, time_limit: float, doing=("reading", "đọc")):
    """(what the worker sent, None), or (None, (reason, lý do)) when it did not send it in time."""
    if not receive.poll(time_limit):
        return None, (f"{doing[0]} it took longer than {time_limit:g} s; it was stopped",
                      f"{doing[1]} tệp mất quá {time_limit:g} giây nên đã dừng")
    try:
        return receive.recv(), None
    except (EOFError, OSError):  # the worker died: its memory cap, or a crash in a library
        return None, (f"{doing[0]} it needed more memory than one file may take",
                      f"{doing[1]} tệp cần nhiều bộ nhớ hơn mức cho phép với một tệp")


def _started(ctx, target, args, attempts: int = 2):
    """(the receiving end of its pipe, the process) of a worker that said it is ready (the time
    limits count the work only). A worker that dies while starting is started once more (a
    fork server under load may lose one) before the server gives up."""
    for attempt in range(attempts):
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=target, args=(send, *args), daemon=True)
        proc.start()
        send.close()
        if _ready(receive):
            return receive, proc
        receive.close()
        _stop(proc)
    raise RuntimeError(f"the worker process that reads the uploads did not start (exit code {proc.exitcode})")


def _ready(receive) -> bool:
    try:
        return receive.poll(START_LIMIT) and receive.recv() == "ready"
    except (EOFError, OSError):
        return False


def _failed(name: str, reason: tuple[str, str]) -> tuple[None, FileResult]:
    return None, FileResult(name, "error", error=f"{name}: {reason[0]}", error_vi=f"{name}: {reason[1]}")


def _stop(proc, wait: float = 0.0) -> None:
    """End a worker, after ``wait`` seconds for it to end by itself, and the processes it
    started (LibreOffice runs in a session of its own, so it would outlive the worker)."""
    proc.join(wait)
    if not proc.is_alive():
        return
    started = _descendants(proc.pid)
    proc.kill()
    proc.join()
    for pid in started:
        try:
            if os.getpgid(pid) == pid:  # a group leader (soffice): its group, soffice.bin with it
                os.killpg(pid, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except OSError:  # already gone
            pass


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (from /proc; none where there is no /proc)."""
    try:
        entries = [int(e) for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []
    parent = {}
    for e in entries:
        try:
            with open(f"/proc/{e}/stat", "rb") as fh:
                parent[e] = int(fh.read().rsplit(b")", 1)[1].split()[1])  # the name may hold ")"
        except (OSError, IndexError, ValueError):
            continue
    out, todo = [], [pid]
    while todo:
        parent_pid = todo.pop()
        children = [c for c, p in parent.items() if p == parent_pid]
        out += children
        todo += children
    return out


def _read(conn, items, limits: Limits, memory_limit: int | None, suites) -> None:
    """In the worker: read each file and send its result as soon as it is read."""
    _cap_memory(memory_limit)
    suite = load_suites(suites)
    conn.send("ready")
    for name, data in items:
        conn.send(read_and_extract(name, suite, limits, data=data))
    conn.close()


def _annotate(conn, name, data, kind, findings, lang, memory_limit) -> None:
    """In the worker: the annotated copy, or the reason it could not be made."""
    from ..annotate import annotate_docx, annotate_xlsx

    _cap_memory(memory_limit)
    conn.send("ready")
    try:
        copy, _placed = (annotate_docx if kind == "docx" else annotate_xlsx)(data, findings, lang)
        conn.send((copy, None, None))
    except MemoryError:
        conn.send((None, f"{name}: annotating it needed more memory than one file may take",
                   f"{name}: ghi nhận xét vào tệp cần nhiều bộ nhớ hơn mức cho phép với một tệp"))
    except Exception as exc:  # noqa: BLE001 - a one-line reason, never a traceback
        conn.send((None, f"{name}: the annotated copy could not be made ({type(exc).__name__}: {exc})"[:300],
                   f"{name}: không tạo được bản có nhận xét (lỗi {type(exc).__name__})"))
    conn.close()


def _cap_memory(extra: int | None) -> None:
    if not extra:
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    except (ImportError, OSError, ValueError):  # not Linux: the limits and the time limit still hold
        pass
