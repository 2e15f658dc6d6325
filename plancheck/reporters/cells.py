"""Text cells that a spreadsheet program must never take for a formula.

A value copied from a plan or a submission may begin like a formula (``=HYPERLINK(...)``,
``+ Chấm dứt ...``, ``- ``): opened in Excel or LibreOffice, such a cell of a CSV or XLSX
file would run as one (CSV injection, OWASP). Every text cell that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is therefore written as text:

* XLSX: a string cell (never a formula cell) with the "quote prefix" style, Excel's own mark
  of text typed after an apostrophe - the value shown is exactly the one written, and editing
  the cell keeps it text;
* CSV, where a cell has no type: an apostrophe before it, as OWASP advises (``'=HYPERLINK``,
  ``'- ``) - still readable, never a formula.

Numbers stay numbers: numeric cells are untouched, and so is CSV text that is just a number
(``-5``, ``+3``, ``-1,5``).
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)%?")


def formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_cell(value):
    """A CSV cell's text: an apostrophe before text that would start a formula."""
    if formula_like(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(values) -> list:
    return [csv_cell(v) for v in values]


def append_row(ws, values) -> None:
    """``ws.append(values)``, with every formula-like text cell stored as quoted text, and
    the characters XML cannot hold (``\x0b``...) dropped from text cells."""
    from ..safetext import xml_safe

    ws.append([xml_safe(v) for v in values])
    for cell in ws[ws.max_row]:
        if formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
