"""The findings table of the text report, laid out to fit the terminal's width.

The short columns (severity, rule, year) keep their width; the long ones (where, indicator,
value, reason, correction) share what is left, each wrapped to its share: as wide as their
text on a wide terminal, narrower on a narrow one, down to a floor each. Where even the
floors do not fit (a terminal narrower than about 90 columns), each finding is written as a
short block instead: its place, severity, rule and year on one line, then the indicator, the
value, the reason and the correction on lines of their own, wrapped to the width.
"""

from __future__ import annotations

import shutil
import textwrap

from .table import simple_table
from .table import width as text_width

_SEP = 2  # columns between two columns of the table
# the long columns: index in a row, floor, share of the room beyond the floors
_FLEXIBLE = {0: (7, 1), 3: (14, 3), 5: (9, 2), 6: (20, 5), 7: (8, 2)}


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` first); 120 when the output is no terminal."""
    return max(20, shutil.get_terminal_size((120, 24)).columns)


def _natural(cells: list[str]) -> int:
    return max((text_width(line) for c in cells for line in c.splitlines()), default=0)


def widths_for(rows: list[list[str]], headers: list[str], width: int) -> list[int] | None:
    """The width of each column that makes the table fit ``width``; None when it cannot."""
    n = len(headers)
    floor = [text_width(h) + 2 for h in headers]  # a column is never narrower than its header
    natural = [max(floor[i], _natural([r[i] for r in rows])) for i in range(n)]
    out = list(natural)
    room = width - _SEP * (n - 1) - sum(natural[i] for i in range(n) if i not in _FLEXIBLE)
    flexible = {i: max(floor[i], low) for i, (low, _) in _FLEXIBLE.items()}
    if sum(natural[i] for i in _FLEXIBLE) <= room:
        return out
    if sum(flexible.values()) > room:
        return None
    # every long column at its floor, then the room left shared by weight, none beyond its text
    for i in _FLEXIBLE:
        out[i] = min(natural[i], flexible[i])
    left = room - sum(out[i] for i in _FLEXIBLE)
    while left > 0:
        growing = [i for i in _FLEXIBLE if out[i] < natural[i]]
        if not growing:
            break
        weight = sum(_FLEXIBLE[i][1] for i in growing)
        given = 0
        for i in growing:
            share = max(1, left * _FLEXIBLE[i][1] // weight)
            share = min(share, natural[i] - out[i], left - given)
            out[i] += share
            given += share
            if given >= left:
                break
        left -= given
        if not given:
            break
    return out


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)) if text else ""


def findings_table(rows: list[list], headers: list[str], width: int) -> str:
    """``rows`` of [where, severity, rule, indicator, year, value, reason, correction] as a
    table that fits ``width`` columns, or as blocks when no table does."""
    cells = [["" if c is None else str(c) for c in row] for row in rows]
    widths = widths_for(cells, headers, width)
    if widths is not None:
        wrapped = [[_wrap(c, widths[i]) if i in _FLEXIBLE else c for i, c in enumerate(row)] for row in cells]
        return simple_table(wrapped, headers)
    return _blocks(cells, headers, width)


def _blocks(cells: list[list[str]], headers: list[str], width: int) -> str:
    out = []
    for where, severity, rule, row, year, value, reason, suggestion in cells:
        head = "  ".join(x for x in (where, severity, rule, year) if x)
        out.append("\n".join(textwrap.wrap(head, width, subsequent_indent="    ")))
        for label, text in ((headers[3], row), (headers[5], value), (headers[6], reason),
                            (headers[7], suggestion)):
            if text:
                out.append("\n".join(textwrap.wrap(f"{label}: {text}", width, initial_indent="    ",
                                                   subsequent_indent="      ", break_on_hyphens=False)))
    return "\n".join(out)
