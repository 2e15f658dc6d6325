"""Tables flattened to one cell per line, rebuilt as grids.

A Word table converted to text often comes out one cell per line: the header's cells (a
two-row header flattened row by row), then each row's cells, with the empty cells dropped
(or kept as blank lines). This module finds such a table by its header, takes the header's
cells as the row template (one column per leaf of the header), and segments the stream of
cells into rows with a dynamic program over that template (Viterbi): each line is scored
against each column (a row number, a name, a unit, a target, a source mark, an agency, a
note...), a column left out costs what an empty cell dropped by the conversion costs, and a
name may wrap over several lines. The best segmentation of the whole run is taken, so a
number is a row label or a target by where it stands, not by a flag. The result is a
:class:`~plancheck.model.Grid` like any other, read by the one table interpreter.
"""

from __future__ import annotations

import functools
import math
import re
from bisect import bisect_left

from ..extract.columns import Profile, cell_kind, column_role, header_hints, header_year, is_header_row
from ..extract.numbering import parse_numbering, split_numbering
from ..extract.rows import breakdown_of, is_sub_target
from ..model import Block, ColumnRole, Grid, GridCell, Location, Paragraph
from ..textnorm import fold
from .text import cell_text

_NO_CONTENT = Profile.of([])
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
# a table header starts with its row-number cell ("TT") or its name cell ("Chỉ tiêu", "Nhiệm vụ, đề án")
_HEADER_START = re.compile(r"^(?:ten )?chi tieu$|^noi dung(?: chi tieu)?$|^ten chi tieu$|^nhiem vu\b")
MAX_HEADER = 24


def rebuild(blocks: list[Block], lines: list[str]) -> list[Block]:
    """``blocks`` with each run of one-cell-per-line paragraphs under a table header replaced
    by the grid it flattens."""
    paras = [(k, b) for k, b in enumerate(blocks) if isinstance(b, Paragraph)]
    out: list[Block] = []
    k = 0
    replaced: dict[int, tuple[int, Grid]] = {}  # first block index -> (block after the table, grid)
    pi = 0
    while pi < len(paras):
        bi, para = paras[pi]
        header = _header_at(paras, pi)
        if header is None:
            pi += 1
            continue
        templates, n_header = header
        header_texts = [fold(p.text) for _, p in paras[pi:pi + n_header]]
        # the table's pages: the header repeated after a page break continues the same table
        pages: list[list[tuple[int, str]]] = []
        body_pi = pi + n_header
        while True:
            start_line = paras[body_pi - 1][1].line + 1
            end_pi = _table_end(paras, body_pi)
            end_line = paras[end_pi][1].line if end_pi < len(paras) else len(lines) + 1
            pages.append([(ln, cell_text(lines[ln - 1])[0]) for ln in range(start_line, end_line)])
            if not _repeats(paras, end_pi, header_texts):
                break
            body_pi = end_pi + n_header
        grid = _grid(templates, [p for _, p in paras[pi:pi + n_header]], pages, bi)
        last_block = paras[end_pi][0] if end_pi < len(paras) else len(blocks)
        replaced[bi] = (last_block, grid)
        pi = end_pi
    while k < len(blocks):
        if k in replaced:
            last, grid = replaced[k]
            out.append(grid)
            k = last
            continue
        out.append(blocks[k])
        k += 1
    for i, b in enumerate(out):  # positions in the document changed
        _set_block(b, i)
    return out


def _repeats(paras, j: int, header_texts: list[str]) -> bool:
    """Whether the header, cell for cell, is printed again at paragraph ``j`` (a new page)."""
    return j + len(header_texts) <= len(paras) and all(
        fold(paras[j + k][1].text) == t for k, t in enumerate(header_texts))


def _set_block(block: Block, index: int) -> None:
    block.location = block.location.at_block(index)
    if not isinstance(block, Paragraph):
        for row in block.rows:
            for cell in row:
                cell.location = cell.location.at_block(index)


# ---------------------------------------------------------------- the header


@functools.lru_cache(maxsize=1 << 12)
def _role(text: str) -> str:
    """The column type of a header cell, for scoring body cells."""
    hints = header_hints(text)
    if header_year(text) is not None:
        if "actual" in hints and "group" not in hints:
            return "actual"
        if ("source" in hints or "note" in hints) and "group" not in hints:
            return "source"
        return "year"
    for hint in ("label", "id", "unit", "agency", "task", "detail"):
        if hint in hints:
            return hint
    if "group" in hints:
        return "group"
    if "name" in hints and not ("source" in hints and len(text.split()) > 2):
        return "name"
    if "note" in hints:
        return "note"
    if "source" in hints:
        return "source"
    if "actual" in hints:
        return "actual"
    return "other"


def _header_at(paras, pi: int):
    """(template, number of header paragraphs) when a table header starts at paragraph ``pi``."""
    first = paras[pi][1].text
    if len(first) > 60 or not (_role(first) == "label" or _HEADER_START.match(fold(first))):
        return None
    texts: list[str] = []
    j = pi
    while j < len(paras) and j - pi < MAX_HEADER:
        t = paras[j][1].text
        if j > pi and paras[j][1].line is not None and paras[j - 1][1].line is not None \
                and paras[j][1].line - paras[j - 1][1].line > 3:
            break
        if _COLUMN_NUMBER.match(t):
            # a row of column numbers under the header: (1) (2) (3) ... - not one row number
            run = 0  # the longest run 1, 2, 3 ... (the first row's number may follow it)
            while j + run < len(paras) and _COLUMN_NUMBER.match(paras[j + run][1].text) \
                    and int(paras[j + run][1].text.strip("()")) == int(paras[j][1].text.strip("()")) + run:
                run += 1
            if run < 3:
                break
            texts.extend(paras[j + k][1].text for k in range(run))
            j += run
            continue
        if len(t) > 100 or not (header_hints(t) or header_year(t)) or parse_numbering(t) is not None:
            break
        if _role(t) == "name" and len(t.split()) > 8:
            break
        texts.append(t)
        j += 1
    cells = [t for t in texts if not _COLUMN_NUMBER.match(t)]
    if len(cells) < 3 or not is_header_row(cells):
        return None
    return _templates(cells), j - pi


def _templates(cells: list[str]) -> list[list[tuple[str, ...]]]:
    """The possible row templates of a flattened header: titles listed after the years may
    stand under a "Ghi chú" group or beside it; the cells of the table decide (see _grid)."""
    grouped = _template(cells)
    flat = _template(cells, note_group=False)
    return [grouped] if flat == grouped else [grouped, flat]


def _template(cells: list[str], note_group: bool = True) -> list[tuple[str, ...]]:
    """The leaf columns of a header flattened row by row.

    The cells of the rows below the top one come last: the trailing run of cells that can
    only stand under a group (years, note and source titles). A target group ("Mục tiêu")
    takes the years of that run, a "Ghi chú" group its other titles; without such a run, a
    target group takes the years that follow it. Years repeated level under level ("Giai
    đoạn 2021-2025 | Giai đoạn 2026-2030" over "Năm 2025 | Năm 2030") are one column each.
    """
    roles = [_role(c) for c in cells]
    tail = len(cells)
    while tail > 0 and roles[tail - 1] in ("year", "source", "other"):
        tail -= 1
    groups = [i for i in range(tail) if roles[i] == "group"]
    # the note group is "Ghi chú" (a "Diễn giải" or "Giải thích" beside it is a column of its own)
    notes = sorted((i for i in range(tail) if roles[i] == "note"),
                   key=lambda i: not fold(cells[i]).startswith("ghi chu"))
    run = list(range(tail, len(cells)))
    run_years = [i for i in run if roles[i] == "year"]
    run_titles = [i for i in run if roles[i] != "year"]
    children: dict[int, list[int]] = {}
    if groups and run_years:
        children[groups[0]] = run_years
    if note_group and notes and run_titles and (run_years or not groups):
        children[notes[0]] = run_titles
    if not children and groups:  # one header row flattened, or the years right after their group
        g = groups[0]
        k = g + 1
        while k < len(cells) and roles[k] in ("year", "group"):
            k += 1
        if any(roles[j] == "year" for j in range(g + 1, k)):
            children[g] = list(range(g + 1, k))
    used = {i for kids in children.values() for i in kids}
    out: list[tuple[str, ...]] = []
    for i, c in enumerate(cells):
        if i in used:
            continue
        if i in children:
            out.extend((c, *path) for path in _levels(cells, children[i]))
        else:
            out.append((c,))
    return out


def _levels(cells: list[str], kids: list[int]) -> list[tuple[str, ...]]:
    """The paths under a group: its sub-group cells, then one column per year (or title);
    the same years listed twice are two levels of the same columns."""
    prefix = tuple(cells[i] for i in kids if header_year(cells[i]) is None and _role(cells[i]) == "group")
    leaves = [i for i in kids if cells[i] not in prefix]
    years = [header_year(cells[i]) for i in leaves]
    if all(y is not None for y in years):
        for k in range(1, len(leaves)):
            if len(leaves) % k == 0 and all(years[j] == years[j % k] for j in range(len(leaves))):
                levels = [leaves[j:j + k] for j in range(0, len(leaves), k)]
                return [(*prefix, *(cells[level[j]] for level in levels)) for j in range(k)]
    return [(*prefix, cells[i]) for i in leaves]


_SIGNATURE = re.compile(r"(?:tm|kt|t m)\b")  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"


def _table_end(paras, pi: int) -> int:
    """The first paragraph after the table's body (the next header, an annex, the signature)."""
    j = pi
    while j < len(paras):
        t = paras[j][1].text
        f = fold(t)
        if f.startswith(("phu luc", "noi nhan")) or _SIGNATURE.match(f):
            break
        if _header_at(paras, j) is not None:
            break
        j += 1
    return j


# ---------------------------------------------------------------- the decoder

# log-score of a cell of each kind in a column of each type (kinds: plancheck.extract.columns.cell_kind)
_EMIT = {
    "label": {"number": -1.0, "roman": -1.0, "empty": -0.3, "none": -2.5},  # "none": a "-" bullet
    "id": {"short": -0.5, "empty": -0.3},
    "name": {"text": 0.0, "short": -0.8, "agency": -3.0, "target": -5.0, "unit": -7.0, "number": -8.0,
             "none": -9.0, "mark": -10.0, "empty": -0.3},
    "unit": {"unit": 0.0, "short": -5.0, "empty": -0.3},  # "short": a unit the vocabulary lacks ("Xã", "Hộ")
    "year": {"target": 0.0, "number": -0.3, "none": 0.0, "short": -6.0, "text": -9.0, "empty": -0.3},
    "actual": {"target": 0.0, "number": -0.3, "none": 0.0, "short": -6.0, "text": -9.0, "empty": -0.3},
    "source": {"mark": 0.0, "short": -3.0, "none": -2.0, "text": -10.0, "target": -5.0, "number": -6.0,
               "empty": -0.3},
    "agency": {"agency": 0.0, "short": -5.0, "text": -5.0, "target": -6.0, "empty": -0.3},
    "note": {"short": -1.5, "text": -2.5, "target": -3.0, "number": -4.0, "none": -2.0, "mark": -3.0,
             "agency": -4.0, "empty": -0.3},
    "task": {"text": 0.0, "short": -1.0, "agency": -4.0, "empty": -0.3},
    "detail": {"short": -1.0, "text": -2.0, "target": -1.0, "number": -2.0, "agency": -1.5, "none": -1.0,
               "empty": -0.3},
    "other": {"empty": -0.3},
}
_EMIT_DEFAULT = {"label": -14.0, "id": -6.0, "name": -6.0, "unit": -12.0, "year": -12.0, "actual": -12.0,
                 "source": -8.0, "agency": -6.0, "note": -4.0, "task": -6.0, "detail": -3.0, "other": -3.0}
# cost of a column absent from a row (its empty cell dropped by the conversion)
_SKIP = {"label": 2.0, "id": 1.0, "name": 6.0, "unit": 1.5, "year": 2.0, "actual": 1.5, "source": 0.7,
         "agency": 1.5, "note": 0.7, "task": 6.0, "detail": 1.5, "other": 1.0}
# a line that continues the cell above (a cell of several paragraphs): likely when it starts in lower case
_WRAP = {"name": 2.0, "task": 2.0, "agency": 4.0, "note": 4.0, "detail": 4.0, "other": 5.0}
_WRAP_CAPITAL = 6.0  # added when the line starts with a capital letter, as a new cell does
_HEADING_END = 1.5  # a row that stops after its name (a section heading, a total over its breakdowns)
_NEW_ROW = 1.0
_IGNORE_BLANK = 1.2  # a blank line that is no cell (a page break)
_SEQUENCE_BONUS = 3.0  # a number that continues the numbering of nearby numbers


_DECODER_TYPES = {ColumnRole.LABEL: "label", ColumnRole.ID: "id", ColumnRole.NAME: "name", ColumnRole.UNIT: "unit",
                  ColumnRole.TARGET: "year", ColumnRole.ACTUAL: "actual", ColumnRole.SOURCE: "source",
                  ColumnRole.AGENCY: "agency", ColumnRole.NOTE: "note", ColumnRole.TASK: "task",
                  ColumnRole.DETAIL: "detail", ColumnRole.OTHER: "other"}


def _column_type(path: tuple[str, ...]) -> str:
    """What a column of the template holds, for scoring cells: the role its header path gives
    (the same vocabulary as every table's, plancheck.extract.columns)."""
    role, _ = column_role(path, _NO_CONTENT)
    if role == ColumnRole.OTHER and "actual" in header_hints(path[-1]):
        return "actual"  # "Hiện trạng": an actual value, though it names no year
    return _DECODER_TYPES[role]


def _column_types(template: list[tuple[str, ...]]) -> list[str]:
    """The column types of a template: one name column (a second "Chỉ tiêu ..." title naming a
    resolution is a source column: "Chỉ tiêu theo Nghị quyết 68")."""
    types = [_column_type(p) for p in template]
    names = [c for c, t in enumerate(types) if t == "name"]
    if len(names) > 1:
        plain = [c for c in names if "source" not in header_hints(template[c][-1])] or names[:1]
        for c in names:
            if c != plain[0]:
                types[c] = "source" if "source" in header_hints(template[c][-1]) else "note"
    return types


def _grid(templates: list[list[tuple[str, ...]]], header: list[Paragraph], pages: list[list[tuple[int, str]]],
          block: int) -> Grid:
    """The grid of a table: its header rows, then the rows of each page, a break between pages.
    Where the header's flattening leaves its shape open, the template the cells fit best is taken."""
    best = None
    for template in templates:
        types = _column_types(template)
        rows: list[dict | None] = []
        score = 0.0
        # the numbering runs through the pages: its sequence is read over the whole table
        bonus = _sequence_bonus([t for page in pages for t in page], len(types))
        start = 0
        for page in pages:
            if rows:
                rows.append(None)
            page_rows, page_score = _decode(types, page, bonus[start:start + len(page)])
            start += len(page)
            rows.extend(page_rows)
            score += page_score
        if best is None or score > best[0]:
            best = (score, template, rows)
    _, template, rows = best
    k = len(template)
    depth = max(len(p) for p in template)
    first = header[0].location
    grid_rows: list[list[GridCell]] = []
    for d in range(depth):
        grid_rows.append([GridCell(p[d] if d < len(p) else "", Location(line=(header[0].line or 0) + 0, block=block))
                          for p in template])
    for row in rows:
        if row is None:
            grid_rows.append([])  # a page break: the header repeated
            continue
        cells = []
        first_line = None  # the row's first line: where its empty cells are
        for c in range(k):
            parts = row.get(c)
            if parts:
                text = parts[0][1] if len(parts) == 1 else " ".join(t for _, t in parts)
                cells.append(GridCell(text, Location(line=parts[0][0], block=block)))
            else:
                if first_line is None:
                    first_line = min(ln for parts_ in row.values() for ln, _ in parts_)
                cells.append(GridCell("", Location(line=first_line, block=block)))
        grid_rows.append(cells)
    return Grid(grid_rows, Location(line=first.line, block=block), "one-cell")


def _kinds(tokens: list[tuple[int, str]]) -> list[str]:
    return [cell_kind(t) for _, t in tokens]


def _sequence_bonus(tokens: list[tuple[int, str]], width: int) -> list[float]:
    """A bonus for numbers that continue a numbering: a number whose predecessor stands before
    it and whose successor stands after it, nearby (3 ... 4 ... 5; 5 ... 5.1), and the last
    number of a numbering whose predecessor is itself in sequence; Roman section numbers may
    be far apart. A target that repeats a row number (the second "85") gets none: it is not
    the first number after its predecessor."""
    found = [(i, parse_numbering(t)) for i, (_, t) in enumerate(tokens)]
    numbers = [(i, n) for i, n in found if n is not None and n.style in ("roman", "arabic", "decimal")]
    bonus = [0.0] * len(tokens)
    near = 6 * width + 10
    positions: dict[tuple, list[int]] = {}
    for i, n in numbers:
        positions.setdefault((n.style, n.parts), []).append(i)

    values: set[int] = set()  # numbers read as values, not as row numbers

    # (each list of positions is in increasing order: its window is found by bisection)
    def has(style: str, parts: tuple, lo: int, hi: int, skip: set[int] = frozenset()) -> bool:
        at = positions.get((style, parts), ())
        for k in range(bisect_left(at, lo), len(at)):
            if at[k] > hi:
                return False
            if at[k] not in skip:
                return True
        return False

    def last_before(style: str, parts: tuple, i: int, lo: int) -> int | None:
        at = positions.get((style, parts), ())
        k = bisect_left(at, i) - 1
        return at[k] if k >= 0 and at[k] >= lo else None

    preds: dict[int, int | None] = {}
    ends = []
    def text(j: int) -> str | None:
        return tokens[j][1].strip() if 0 <= j < len(tokens) else None

    for i, n in numbers:
        if n.style != "roman" and text(i + 1) == text(i):
            continue  # "4", "4", "Phát triển ...": a target equal to the next row's number, then that number
        window = len(tokens) if n.style == "roman" else near
        v = n.value or 0
        before, after = (max(0, i - window), i - 1), (i + 1, i + window)
        if n.style == "arabic" and breakdown_of(text(i + 1) or "") and has(n.style, n.parts, i + 2, after[1]):
            # "Thành thị", "%", "-", "77", "Nông thôn", ..., "77", "Tỷ lệ ...": a breakdown's row is
            # seldom numbered in the indicators' sequence; the same number follows: this one is a value
            values.add(i)
            continue
        # 5, 5.1: the first child of a section's number follows it closely
        child_at = None
        if n.style == "arabic":
            child_at = next((j for j in positions.get(("decimal", (v, 1)), ()) if i < j <= i + 2 * width + 4), None)
            if child_at is not None and has("arabic", (v,), i + 1, child_at - 1):
                continue  # "4" (a target), "Chỉ tiêu của tỉnh", "4", "Phát triển ...", "4.1": the last is the number
        child = child_at is not None
        p = last_before(n.style, (*n.prefix, v - 1), i, before[0])
        repeat = n.style != "roman" and text(i - 1) == text(i)
        # (between two Roman numbers, an "X" is a source mark: only Arabic repeats are values; a
        # number its child follows is the section's, whatever value repeats it before)
        first_after = p is not None and (n.style == "roman" or child
                                         or not has(n.style, n.parts, p + 1, i - 1 - repeat, values))
        preds[i] = p if first_after else None
        pred = first_after or (v == 1 and (n.style != "decimal" or bool(n.prefix)))
        succ = (child or has(n.style, (*n.prefix, v + 1), *after)
                or (n.style == "decimal" and has("arabic", (n.prefix[0] + 1,), *after))
                or (n.style == "decimal" and has("decimal", (n.prefix[0] + 1, 1), *after)))
        # a Roman number in sequence, or a number its first child follows, is a section's: a strong sign
        weight = _SEQUENCE_BONUS * (2.5 if child else 1.5 if n.style == "roman" else 1)
        if pred and succ:
            bonus[i] = weight
        elif first_after:
            ends.append((i, weight))
    for i, weight in ends:  # the last of a numbering: its predecessor is in sequence
        if bonus[preds[i]]:
            bonus[i] = weight
    return bonus


def _decode(types: list[str], tokens: list[tuple[int, str]], bonus: list[float] | None = None
            ) -> tuple[list[dict[int, list[tuple[int, str]]]], float]:
    """The rows of the token stream (for each row, column -> its lines (line, text)) and the
    score of that segmentation (a log-likelihood: higher is better)."""
    k = len(types)
    n = len(tokens)
    if n == 0 or k == 0:
        return [], 0.0
    kinds = _kinds(tokens)
    bonus = bonus if bonus is not None else _sequence_bonus(tokens, k)
    capital = [t[:1].isupper() for _, t in tokens]
    # a line that starts a row, never the rest of a cell: "Thành thị", "Trong đó: ...", "4.1. Tỷ lệ ..."
    numbered_name = [split_numbering(t)[0] is not None for _, t in tokens]
    starts_row = [bool(breakdown_of(t)) or is_sub_target(t) or numbered for (_, t), numbered
                  in zip(tokens, numbered_name)]
    name_col = next((c for c, t in enumerate(types) if t in ("name", "task")), -1)
    skip = [_SKIP.get(t, 1.0) for t in types]
    # prefix sums of skip costs: cost of skipping columns a..b-1 = pre[b] - pre[a]
    pre = [0.0]
    for s in skip:
        pre.append(pre[-1] + s)

    # emission scores: one row of scores per kind of cell, and the numbering bonus on the label column
    by_kind: dict[str, list[float]] = {}
    for kind in set(kinds):
        by_kind[kind] = [_EMIT.get(typ, {}).get(kind, _EMIT_DEFAULT.get(typ, -6.0)) for typ in types]
    label_cols = [c for c, t in enumerate(types) if t == "label"]
    unit_cols = [c for c, t in enumerate(types) if t == "unit"]
    note_cols = [c for c, t in enumerate(types) if t == "note"]
    long_text = [kinds[i] == "text" and len(t.split()) > 9 for i, (_, t) in enumerate(tokens)]
    wrap_cost = [_WRAP.get(t) for t in types]
    end_cost = [min(pre[k] - pre[c + 1], _HEADING_END if c <= name_col else math.inf) for c in range(k)]
    NEG = -math.inf
    # score[i][c]: best score with token i placed in column c; back[i][c]: (previous column, how)
    score = [[NEG] * k for _ in range(n)]
    back: list[list[tuple[int, str] | None]] = [[None] * k for _ in range(n)]
    cols = range(k)
    # the arithmetic below is the model's, term by term in the same order (the scores, and so
    # the segmentation, are the same to the last bit); tuples that say how a cell was reached
    # are made once and shared (they are never changed)
    nexts = [(c, "next") for c in cols]
    wraps = [(c, "wrap") for c in cols]
    ignores = [(c, "ignore") for c in cols]
    rows_from = [(c, "row") for c in cols]
    wrap_at = [(c, w) for c, w in enumerate(wrap_cost) if w is not None]
    for i in range(n):
        emission = by_kind[kinds[i]]
        if bonus[i] and label_cols and kinds[i] in ("number", "roman", "mark"):
            emission = list(emission)
            for c in label_cols:  # ("X" is a source mark, or the Roman ten in the sequence of sections)
                emission[c] = _EMIT["label"]["roman" if kinds[i] == "mark" else kinds[i]] + bonus[i]
        if numbered_name[i]:  # "II. Y tế", "4.1. Tỷ lệ ...": a name with its number, in no other column
            emission = [e if types[c] in ("name", "task") else min(e, -10.0) for c, e in enumerate(emission)]
        if long_text[i]:
            emission = list(emission)  # a note or an agency is a few words; a long sentence is a name
            for c in note_cols:
                emission[c] = -12.0
        if unit_cols and kinds[i] == "short" and len(tokens[i][1].split()) > 2:
            emission = list(emission)  # a unit the vocabulary lacks is a word or two, not a name ("Chỉ số HDI")
            for c in unit_cols:
                emission[c] = _EMIT_DEFAULT["unit"]
        if i == 0:
            for c in range(k):
                score[0][c], back[0][c] = emission[c] - pre[c], (-1, "start")
            continue
        prev = score[i - 1]
        cur, cur_back = score[i], back[i]
        blank = kinds[i] == "empty"
        can_wrap = not blank and kinds[i - 1] != "empty" and not starts_row[i]
        extra_wrap = _WRAP_CAPITAL if capital[i] else 0.0
        # the best end of the previous row, for a new row starting at any column
        best_end, end_score = 0, NEG
        for c, p, ec in zip(cols, prev, end_cost):
            v = p - ec
            if v > end_score:
                best_end, end_score = c, v
        end_score -= _NEW_ROW
        how_row = rows_from[best_end]
        # same row: the best previous token in an earlier column (a running maximum over columns)
        run_best, run_col = NEG, -1
        for c in cols:
            if c > 0:
                v = prev[c - 1] + pre[c]
                if v > run_best:
                    run_best, run_col = v, c - 1
            e = emission[c]
            best, how = end_score - pre[c] + e, how_row
            if run_col >= 0:
                v = run_best - pre[c] + e
                if v > best:
                    best, how = v, nexts[run_col]
            cur[c], cur_back[c] = best, how
        if can_wrap:  # the same cell, a wrapped line
            for c, w in wrap_at:
                v = prev[c] - w - extra_wrap + emission[c]
                if v > cur[c]:
                    cur[c], cur_back[c] = v, wraps[c]
        if blank:
            # a blank line that is no cell: carry the previous state over at a small cost
            for c in cols:
                v = prev[c] - _IGNORE_BLANK
                if v > cur[c]:
                    cur[c], cur_back[c] = v, ignores[c]
    # the end: the last row's remaining columns are skipped
    final = [score[n - 1][c] - (pre[k] - pre[c + 1]) for c in range(k)]
    c = max(range(k), key=lambda c: final[c])
    best_score = final[c]
    steps: list[tuple[int, int, str]] = []
    for i in range(n - 1, -1, -1):
        prev_c, how = back[i][c]
        steps.append((i, c, how))
        c = prev_c
    steps.reverse()
    rows: list[dict[int, list[tuple[int, str]]]] = []
    for i, c, how in steps:
        if how == "ignore":
            continue
        if how in ("start", "row") or not rows:
            rows.append({})
        line, text = tokens[i]
        if kinds[i] == "empty":
            rows[-1].setdefault(c, [])
            continue
        rows[-1].setdefault(c, []).append((line, text))
    return [r for r in rows if any(parts for parts in r.values())], best_score
