"""Reading uploads in a separate process, so that one hostile file never freezes the page.

Each request's files are read (and their tables extracted) in a worker process, under the
same limits as ``plancheck lint`` plus a time limit per file and a cap on the worker's
memory. A file that takes longer, or makes the worker run out of memory, becomes a one-line
error for that file only: the worker is ended and a new one reads the files after it. The
server process itself only checks the documents that came back, whose size the limits bound.

Workers are forked from a "fork server" that has imported plancheck and pandas once, so a
worker starts in a few milliseconds and never inherits the web server's threads.
"""

from __future__ import annotations

import multiprocessing

import docx  # noqa: F401 - what a worker reads with, imported once in the fork server
import openpyxl  # noqa: F401
import pandas  # noqa: F401
import rapidfuzz  # noqa: F401

from .. import extract  # noqa: F401
from ..engine import load_suites, read_and_extract
from ..limits import Limits
from ..model import FileResult
from ..readers import docx as docx_reader  # noqa: F401
from ..readers import structured, text  # noqa: F401

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
        receive, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_read, args=(send, rest, limits, memory_limit, suites), daemon=True)
        proc.start()
        send.close()
        try:
            _wait_ready(receive)  # the time limit counts the reading only
            while rest:
                name = rest[0][0]
                if not receive.poll(time_limit):
                    out.append(_failed(name, f"reading it took longer than {time_limit:g} s; it was stopped"))
                    rest.pop(0)
                    break
                try:
                    out.append(receive.recv())
                except (EOFError, OSError):  # the worker died: its memory cap, or a crash in a library
                    out.append(_failed(name, "reading it needed more memory than one file may take"))
                    rest.pop(0)
                    break
                rest.pop(0)
        finally:
            receive.close()
            if proc.is_alive():
                proc.kill()
            proc.join()
    return out


def _wait_ready(receive) -> None:
    try:
        if receive.poll(START_LIMIT) and receive.recv() == "ready":
            return
    except (EOFError, OSError):
        pass
    raise RuntimeError("the worker process that reads the uploads did not start")


def _failed(name: str, reason: str) -> tuple[None, FileResult]:
    return None, FileResult(name, "error", error=f"{name}: {reason}")


def _read(conn, items, limits: Limits, memory_limit: int | None, suites) -> None:
    """In the worker: read each file and send its result as soon as it is read."""
    _cap_memory(memory_limit)
    suite = load_suites(suites)
    conn.send("ready")
    for name, data in items:
        conn.send(read_and_extract(name, suite, limits, data=data))
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
