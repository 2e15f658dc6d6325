"""Telling a CSV submission from a document by its text.

A text file is a CSV submission only when its first line is a header - short column titles
separated by one delimiter, at least three of them known (indicator or name, unit, a year
column...) - and, when the following lines are given, when they are records of that many
cells. A prose list flattened onto one line with commas ("Đến năm 2025, tỷ lệ thất nghiệp
dưới 3%, tỷ lệ lao động qua đào tạo đạt 70%, ...") is a document: its "cells" are clauses,
with numbers, percentages and sentence punctuation that no column title has.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

DELIMITERS = (",", ";", "\t")
MAX_TITLE_WORDS = 8
MAX_TITLE_CHARS = 60


def split_row(line: str, delimiter: str) -> list[str]:
    """The cells of one line, with CSV quoting."""
    try:
        return next(csv.reader([line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return line.split(delimiter)


def is_column_title(cell: str) -> bool:
    """Whether a cell reads as a column title ("Đến năm 2025", "Đơn vị (%)", "Chỉ tiêu NQ
    42"): a few words, no sentence punctuation, no value (a percentage, a decimal)."""
    c = cell.strip().strip('"').strip()
    if not c:
        return True  # an empty title (a blank first column)
    if len(c) > MAX_TITLE_CHARS or len(c.split()) > MAX_TITLE_WORDS:
        return False
    if re.search(r"[.;!?]\s*$|[.;!?]\s", c):
        return False
    return not re.search(r"\d\s*%|\d[.,]\d", c)


def looks_like_csv(first_line: str, following: Iterable[str] = ()) -> bool:
    """Whether a text whose first line is ``first_line`` (and whose next lines are
    ``following``, when given) is a delimited table with a header."""
    from .structured import header_role

    rows_text = [ln for ln in following if ln.strip()][:50]
    for delim in DELIMITERS:
        if delim not in first_line:
            continue
        cells = split_row(first_line, delim)
        if len(cells) < 3 or not all(is_column_title(c) for c in cells):
            continue
        if sum(1 for c in cells if header_role(c.strip().strip('"'))) < 3:
            continue
        if rows_text:
            records = [split_row(ln, delim) for ln in rows_text]
            fitting = sum(1 for r in records if 2 <= len(r) <= len(cells))
            if fitting < 0.8 * len(records):
                continue  # the lines below are no records of this header
        return True
    return False
