"""The cyclic garbage collector paused while plancheck builds large acyclic structures.

Reading a submission, extracting a document and building and checking the normalized table
allocate many small objects (cells, rows, columns) that hold no reference cycles and live
until the step ends; the collector would scan them again and again as they pile up (a third
of the time of a 100,000-row submission). Paused, it scans them at most once afterwards, so
a run pauses it over a whole file, reading included, and over a whole chunk of files.
Readers of formats whose libraries build cyclic structures (openpyxl, pdfplumber) resume
it (``resumed_gc``), so their garbage is collected as usual.

The collector's switch is one for the process, and threads may pause and resume it at once
(a program that checks documents in threads): the blocks are counted under a lock, and the
collector is off while a block pauses it and none resumes it; once no block is left it is
as it was before the first (a program may have turned it off).
"""

from __future__ import annotations

import contextlib
import gc
import threading

_lock = threading.Lock()
_state = {"pauses": 0, "resumes": 0, "was_enabled": True}


def _switch(pauses: int, resumes: int) -> None:
    """Count a block in or out (under the lock), and set the collector as the counts say: off
    while paused and nothing resumes it, on while something resumes it, and as it was before
    the first block once none is left."""
    with _lock:
        if _state["pauses"] == 0 and _state["resumes"] == 0:
            _state["was_enabled"] = gc.isenabled()
        _state["pauses"] += pauses
        _state["resumes"] += resumes
        if _state["pauses"] == 0 and _state["resumes"] == 0:
            on = _state["was_enabled"]
        else:
            on = _state["resumes"] > 0
        if on:
            gc.enable()
        else:
            gc.disable()


@contextlib.contextmanager
def paused_gc():
    """Automatic collection off for the block (unless a block inside resumes it)."""
    _switch(1, 0)
    try:
        yield
    finally:
        _switch(-1, 0)


@contextlib.contextmanager
def resumed_gc():
    """Automatic collection on for the block, inside a paused one (a library that makes
    cyclic garbage: openpyxl, pdfplumber)."""
    _switch(0, 1)
    try:
        yield
    finally:
        _switch(0, -1)
