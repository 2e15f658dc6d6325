"""The cyclic garbage collector paused while plancheck builds large acyclic structures.

Reading a submission, extracting a document and building and checking the normalized table
allocate many small objects (cells, rows, columns) that hold no reference cycles and live
until the step ends; the collector would scan them again and again as they pile up (a third
of the time of a 100,000-row submission). Paused, it scans them at most once afterwards, so
a run pauses it over a whole file, reading included, and over a whole chunk of files.
Readers of formats whose libraries build cyclic structures (openpyxl, pdfplumber) resume
it (``resumed_gc``), so their garbage is collected as usual.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused_gc():
    """Automatic collection off for the block (nested blocks leave it to the outer one)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextlib.contextmanager
def resumed_gc():
    """Automatic collection on for the block, inside a paused one (a library that makes
    cyclic garbage: openpyxl, pdfplumber); as it was afterwards."""
    if gc.isenabled():
        yield
        return
    gc.enable()
    try:
        yield
    finally:
        gc.disable()
