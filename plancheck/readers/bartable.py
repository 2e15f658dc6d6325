"""Tables flattened between lines of a lone bar, as a legal-document portal publishes them.

A portal's markdown puts every table cell on lines of its own, between lines that hold only
``|``: a row ``| TT | Chỉ tiêu | Chủ trì |`` becomes ::

    |
    TT
    |
    Chỉ tiêu
    |
    Chủ trì
    |

and the next row starts with its own ``|`` line, so two bar lines stand between rows. An
empty cell is two bar lines too, and a merged cell leaves a row with fewer cells: where the
rows end cannot be told line by line. Between consecutive bar lines lies a *slot*: the text
of one cell, or nothing. Every row boundary is an empty slot; the others are empty cells.
:func:`segment` chooses which empty slots end a row so that rows have the table's width (a row
of fewer cells is a merged row and costs one, more unless it reads as a heading row; an empty
cell costs one and a half; a cell unlike the others of its column costs too), by dynamic
programming over the slots, for each plausible width, keeping the cheapest.

A cell's lines are hard-wrapped text: they are joined with spaces; ``**bold**`` marks make
the cell bold.
"""

from __future__ import annotations

import re

from ..model import Grid, GridCell, Location
from ..textnorm import fold
from .wrapped import emphasis_free, is_bold_text

# the cost of a row shorter than the table (a merged row), and of an empty cell: an empty slot is
# more often a row's end than an empty cell, so that two rows are not read as one wider row
_SHORT, _EMPTY = 1.0, 1.5
_MISFIT = 0.75  # a cell of another kind than its column's (text under row numbers, a number under names)
# a shorter row that is no merged heading row ("I | Lao động", "Ghi chú: ..."): one empty cell at a
# row's end or start reads as well as a shorter row next to it, and this decides
_ODD_SHORT = 2.0


def is_bar(line: str) -> bool:
    return line.strip() == "|"


def bar_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) 0-based indexes of each run of bar lines that forms one table: bar lines
    whose slots hold no blank line (a cell is never blank-separated; a blank line after a bar
    ends the table). A run of two bars (one cell) is no table."""
    bars = [i for i, line in enumerate(lines) if len(line) < 8 and is_bar(line)]
    runs: list[tuple[int, int]] = []
    start = prev = None
    for i in bars:
        if start is not None and any(not lines[k].strip() for k in range(prev + 1, i)):
            runs.append((start, prev))
            start = None
        if start is None:
            start = i
        prev = i
    if start is not None:
        runs.append((start, prev))
    return [(a, b) for a, b in runs if sum(1 for k in range(a, b + 1) if is_bar(lines[k])) >= 3]


def segment(slots: list[str]) -> list[list[int]]:
    """Rows of slot indexes: each empty slot either ends a row (and belongs to none) or is an
    empty cell. A row shorter than the table, an empty cell and a cell unlike the others of its
    column cost (see ``_SHORT``); wider rows are not allowed. The width is the one of least
    total cost among the plausible ones; the kinds of the columns are those of a first reading
    without them."""
    n = len(slots)
    if n == 0:
        return []
    pieces, run = [], 0  # lengths of the runs of filled slots: the narrowest a row can be
    for s in slots:
        if s:
            run += 1
        else:
            pieces.append(run)
            run = 0
    pieces.append(run)
    widest = max(max(pieces), 1)
    kinds = [_kind(s) for s in slots]
    best: tuple[float, list[list[int]]] | None = None
    for width in range(widest, widest + 4):
        rows = _segment(kinds, width, None)
        if rows is None:
            continue
        columns = _column_kinds(slots, kinds, rows, width)
        rows = _segment(kinds, width, columns) or rows
        cost = sum(_row_cost(kinds, r[0], r[-1] + 1, width, columns) for r in rows)
        if best is None or cost < best[0] - 1e-9:
            best = (cost, rows)
    if best is None:  # cannot happen (a row may always be one run of filled slots): one row per run
        return [[k] for k in range(n) if slots[k]]
    return best[1]


_LABEL = re.compile(r"^\(?(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]?$")
_SECTION = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])[.)]?$")  # the number of a heading row: "II", "B."
# the kinds of cell each kind of column holds (a section's number stands among row numbers; a number
# among values)
_FITS = {"label": {"label", "section"}, "value": {"value", "label", "section"}, "text": {"text"},
         "section": {"label", "section"}}
_VALUE = re.compile(r"\d|^[-x–]$", re.IGNORECASE)


def _kind(text: str) -> str:
    """What a cell holds: "" (nothing), a heading's number, a row number, a short value, or text."""
    t = emphasis_free(text)
    if not t:
        return ""
    if _SECTION.match(t):
        return "section"
    if _LABEL.match(t):
        return "label"
    if len(t) <= 16 and _VALUE.search(t) or len(t) <= 8 and " " not in t:
        return "value"  # "≥ 95", "28-30", "-", "x"; a unit: "%", "người", "m2"
    return "text"


def _column_kinds(slots: list[str], kinds: list[str], rows: list[list[int]], width: int) -> list[str]:
    """The usual kind of each column among the filled cells of the full rows below the first (a
    header's titles are text over any column); none where two kinds are as usual."""
    counts: list[dict[str, int]] = [{} for _ in range(width)]
    for r in rows[1:]:
        if len(r) == width:
            for c, k in enumerate(r):
                if kinds[k]:
                    counts[c][kinds[k]] = counts[c].get(kinds[k], 0) + 1
    header = [_header_kind(slots[k]) for k in rows[0]] if rows and len(rows[0]) == width else [""] * width
    out = []
    for c, count in enumerate(counts):
        ranked = sorted(count.values(), reverse=True)
        clear = ranked and (len(ranked) == 1 or ranked[0] > ranked[1]) and sum(ranked) >= 3
        out.append(max(count, key=count.get) if clear else header[c])
    return out


_HEADER_LABEL = re.compile(r"^(?:s?tt|so tt|so thu tu|stt)$")
_HEADER_VALUE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:don vi|dvt|muc tieu|chi tieu nam|ke hoach)\b")


def _header_kind(title: str) -> str:
    """The kind a header title announces for its column: row numbers under "TT", values under a
    year or a unit; none for the others."""
    f = fold(title)
    if _HEADER_LABEL.match(f):
        return "label"
    if _HEADER_VALUE.search(f):
        return "value"
    return ""


def _row_cost(kinds: list[str], start: int, end: int, width: int, columns: list[str] | None) -> float:
    length = end - start
    cost = 0.0
    if length < width:
        cost = _SHORT
        row = kinds[start:end]
        if not (row == ["text"] or (length == 2 and row[0] in ("section", "text") and row[1] == "text")):
            cost += _ODD_SHORT
    for c in range(length):
        k = kinds[start + c]
        if not k:
            cost += _EMPTY
        elif columns is not None and length == width and columns[c] and k not in _FITS[columns[c]]:
            cost += _MISFIT
    return cost


def _segment(kinds: list[str], width: int, columns: list[str] | None) -> list[list[int]] | None:
    """The cheapest rows of at most ``width`` slots, each ended by an empty slot or by the end of
    the table (None when there are none)."""
    n = len(kinds)
    inf = float("inf")
    # cost[k]: the cheapest rows covering slots[:k], the next row starting at slot k
    cost = [inf] * (n + 1)
    back: list[tuple[int, int]] = [(-1, -1)] * (n + 1)
    cost[0] = 0.0
    for start in range(n):
        if cost[start] == inf:
            continue
        # a row ends before an empty slot that another row follows, or at the table's end (the
        # table's last bar closes its last row: an empty slot before it is an empty cell)
        for end in range(start + 1, min(start + width, n) + 1):
            if end < n and (kinds[end] or end == n - 1):
                continue
            nxt = end + 1 if end < n else n  # the empty slot that ends the row is no cell
            c = cost[start] + _row_cost(kinds, start, end, width, columns)
            if c < cost[nxt] - 1e-9:  # on a tie, the first found
                cost[nxt], back[nxt] = c, (start, end)
    if cost[n] == inf:
        return None
    rows: list[list[int]] = []
    k = n
    while k > 0:
        start, end = back[k]
        rows.append(list(range(start, end)))
        k = start
    rows.reverse()
    return rows


def bar_grid(lines: list[str], first: int, last: int, block: int) -> Grid:
    """The grid of the bar lines ``first``..``last`` (0-based indexes into ``lines``)."""
    bars = [k for k in range(first, last + 1) if is_bar(lines[k])]
    slots: list[str] = []
    spans: list[tuple[int, int]] = []  # (first line index, last line index) of each slot's text
    for a, b in zip(bars, bars[1:]):
        texts = [lines[k] for k in range(a + 1, b)]
        slots.append(" ".join(t.strip() for t in texts if t.strip()))
        spans.append((a + 1, b - 1))
    grid = Grid([], Location(line=first + 1, block=block), "bar")
    for row in segment(slots):
        cells = []
        for k in row:
            raw = slots[k]
            where = Location(line=spans[k][0] + 1 if raw else bars[k] + 1, block=block)
            text = emphasis_free(raw)
            cells.append(GridCell(text, where, is_bold_text(raw), line_starts=_line_starts(lines, spans[k], text)))
        grid.rows.append(cells)
    return grid


def _line_starts(lines: list[str], span: tuple[int, int], text: str) -> tuple[tuple[int, int], ...]:
    """(offset in ``text``, line number) of each line of a cell of several lines; none when the
    cell has one line, or when its lines cannot be found in ``text`` one after the other."""
    parts = [(k, emphasis_free(lines[k])) for k in range(span[0], span[1] + 1) if lines[k].strip()]
    if len(parts) < 2:
        return ()
    out, at = [], 0
    for k, part in parts:
        found = text.find(part[:20], at) if part else -1
        if found < 0:
            return ()
        out.append((found, k + 1))
        at = found + len(part)
    return tuple(out)
