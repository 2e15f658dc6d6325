"""The one table interpreter: any :class:`~plancheck.model.Grid` -> indicator and task tables.

Whatever the format (tab-separated or pipe text, one cell per line rebuilt as a grid, Word,
a spreadsheet, a PDF), a table is read the same way:

1. the header band: a top header row (it names the name or task column and another role)
   and the header rows below it (years, group words, note titles, column numbers);
2. the column schema: the band folds into one path per column ("Mục tiêu > Đến năm 2030");
   each column's role comes from its path and the profile of its cells
   (:mod:`plancheck.extract.columns`);
3. the rows: each body row is described by a :class:`~plancheck.extract.rows.RowFeatures`
   record and given its role by one pure function (:func:`~plancheck.extract.rows.classify`);
   the outline (sections, parents of breakdowns and sub-targets, group headers) is built from
   the roles and the numbering.

A header repeated after a page break is skipped; a row whose name starts in lower case after
a break continues the row before; a grid without a header that has the width of the table
before it continues that table (a Word table split by a page break). The suite is not
consulted: indicator names are matched after extraction (:mod:`plancheck.matching`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Block, Column, ColumnRole, Grid, GridCell, Location, Paragraph, RowRole, Table, TableRow, \
    TargetCell
from ..targets import canonical_unit
from ..textnorm import fold
from .columns import Profile, header_hints, is_column_numbers, is_header_row, is_subheader_row, resolve_columns
from .numbering import parse_numbering, split_numbering
from .rows import CONTINUATION, RowFeatures, breakdown_of, classify, group_unit_of, heads_group, is_measure, \
    is_sub_target

MAX_HEADER_ROWS = 4
_COUNT_UNITS = (None, "người", "giường")


def read_tables(blocks: list[Block], doc_year: int | None = None) -> list[Table]:
    """The tables of a document's grids, in order."""
    tables: list[Table] = []
    for bi, block in enumerate(blocks):
        if not isinstance(block, Grid) or not block.rows:
            continue
        caption = _caption_before(blocks, bi)
        previous = tables[-1] if tables else None
        for table in _read_grid(block, caption, doc_year, previous):
            if table is previous:
                continue
            table.index = len(tables)
            tables.append(table)
    return tables


def _caption_before(blocks: list[Block], index: int) -> str | None:
    texts = []
    for b in reversed(blocks[max(0, index - 3):index]):
        if not isinstance(b, Paragraph):
            break
        texts.append(b.text)
    return " ".join(reversed(texts)) if texts else None


# ---------------------------------------------------------------- cells as text


def _texts(grid_rows: list[list[GridCell]], r: int, width: int, header: bool = False,
           origins: dict | None = None) -> list[str]:
    """The texts of row ``r``. In a header, a covered slot shows the text of the cell covering
    it; in the body, only a slot covered from above does (a unit or a target merged over
    several rows holds for each of them), not one covered from the left (a heading merged
    across the row is read once)."""
    row = grid_rows[r]
    out = []
    for c in range(width):
        cell = row[c] if c < len(row) else None
        if cell is None:
            out.append("")
        elif cell.covered:
            origin, from_above = origins[(r, c)] if origins is not None else _origin(grid_rows, r, c)
            out.append(origin.text if header or from_above else "")
        else:
            out.append(cell.text)
    return out


def _origin(grid_rows: list[list[GridCell]], r: int, c: int) -> tuple[GridCell, bool]:
    """The merged cell that covers slot (r, c), and whether it lies above (else to the left)."""
    row = grid_rows[r]
    for k in range(c - 1, -1, -1):
        cell = row[k]
        if not cell.covered:
            if k + cell.col_span > c:
                return cell, False
            break
    for k in range(r - 1, -1, -1):
        if c < len(grid_rows[k]) and grid_rows[k]:
            cell = grid_rows[k][c]
            if not cell.covered:
                return (cell, True) if k + cell.row_span > r else (GridCell("", cell.location), True)
    return GridCell("", row[c].location), False


def _origins(grid_rows: list[list[GridCell]]) -> dict[tuple[int, int], tuple[GridCell, bool]]:
    """``_origin`` of every covered slot, in one pass over the grid: the nearest cell to the
    left and above are carried along, so a long merge (a vertical merge down fifty thousand
    rows, a heading across the row) costs one step per slot, never a walk back."""
    out: dict[tuple[int, int], tuple[GridCell, bool]] = {}
    above: list[tuple[int, GridCell] | None] = []  # per column: (row, cell) of the last one not covered
    for r, row in enumerate(grid_rows):
        left: tuple[int, GridCell] | None = None
        for c, cell in enumerate(row):
            if not cell.covered:
                left = (c, cell)
                continue
            if left is not None and left[0] + left[1].col_span > c:
                out[(r, c)] = (left[1], False)
                continue
            up = above[c] if c < len(above) else None
            if up is not None:
                k, origin = up
                out[(r, c)] = (origin, True) if k + origin.row_span > r else (GridCell("", origin.location), True)
            else:
                out[(r, c)] = (GridCell("", cell.location), False)
        if len(above) < len(row):
            above.extend([None] * (len(row) - len(above)))
        for c, cell in enumerate(row):
            if not cell.covered:
                above[c] = (r, cell)
    return out


class _RowTexts:
    """The texts of a grid's rows (``_texts``), each made once: the header band, the profile of
    the body and the body's rows all read them. The lists are shared: never changed."""

    def __init__(self, rows: list[list[GridCell]], width: int):
        self.rows, self.width = rows, width
        self._body: dict[int, list[str]] = {}
        self._header: dict[int, list[str]] = {}
        # a grid without merged cells (every text grid) reads each row as its cells' texts
        self._merged = any(c.covered for row in rows for c in row)
        self._origins = _origins(rows) if self._merged else None

    def body(self, r: int) -> list[str]:
        texts = self._body.get(r)
        if texts is None:
            if self._merged:
                texts = _texts(self.rows, r, self.width, origins=self._origins)
            else:
                row = self.rows[r]
                texts = [c.text for c in row]
                if len(row) < self.width:
                    texts += [""] * (self.width - len(row))
            self._body[r] = texts
        return texts

    def header(self, r: int) -> list[str]:
        if not self._merged:
            return self.body(r)
        texts = self._header.get(r)
        if texts is None:
            row = self.rows[r]
            # (a row without merged cells reads the same in a header and in the body)
            texts = self._header[r] = (self.body(r) if not any(c.covered for c in row)
                                       else _texts(self.rows, r, self.width, header=True, origins=self._origins))
        return texts


# ---------------------------------------------------------------- segments: header band + body


@dataclass
class _Segment:
    band: list[int]  # header rows (indexes in the grid)
    body: list[int] = field(default_factory=list)  # body rows, breaks included


def _band_key(texts_of, band: list[int]) -> tuple:
    return tuple(tuple(fold(t) for t in texts_of(r)) for r in band)


def _segments(grid: Grid, row_texts: _RowTexts) -> tuple[list[int], list[_Segment]]:
    """Rows before the first header (preamble), and the header-led segments of the grid."""
    rows = grid.rows
    texts_of = row_texts.header

    def own_texts(r: int) -> list[str]:  # what the row itself says (merged cells from above are the header's)
        return [c.text if not c.covered else "" for c in rows[r]]

    preamble: list[int] = []
    segments: list[_Segment] = []
    keys: list[tuple] = []
    r = 0
    while r < len(rows):
        texts = texts_of(r) if rows[r] else []
        if texts and is_header_row(texts):
            band = [r]
            k = r + 1
            while k < len(rows) and len(band) < MAX_HEADER_ROWS and rows[k] and is_subheader_row(own_texts(k)):
                band.append(k)
                k += 1
            key = _band_key(texts_of, band)
            if segments and (key == keys[-1] or key[:1] == keys[-1][:1]):
                segments[-1].body.append(-1)  # the header repeated on a new page: a break
                r = k
                continue
            segments.append(_Segment(band))
            keys.append(key)
            r = k
            continue
        if segments:
            segments[-1].body.append(r)
        else:
            preamble.append(r)
        r += 1
    return preamble, segments


def _fold(texts: _RowTexts, band: list[int], width: int) -> list[tuple[str, ...]]:
    """One path of header texts per column, top to bottom."""
    rows = [list(texts.header(r)) for r in band]  # (copies: an empty cell may take its group's text)
    rows = [t for t in rows if not is_column_numbers(t)]
    # text grids have no merged cells: an empty cell right of a group, over sub-headers, belongs to the group
    for i in range(len(rows) - 1):
        above, below = rows[i], rows[i + 1]
        for c in range(1, width):
            if above[c] or not below[c]:
                continue
            k = c - 1
            while k >= 0 and not above[k]:
                k -= 1
            if k >= 0 and all(below[j] for j in range(k, c + 1)) and ("group" in header_hints(above[k])
                                                                       or _year_like(below[c])):
                above[c] = above[k]
    paths = []
    for c in range(width):
        path: list[str] = []
        for t in rows:
            if t[c] and (not path or path[-1] != t[c]):
                path.append(t[c])
        paths.append(tuple(path))
    return paths


def _year_like(text: str) -> bool:
    from .columns import header_year

    return header_year(text) is not None


# ---------------------------------------------------------------- one grid


def _read_grid(grid: Grid, caption: str | None, doc_year: int | None, previous: Table | None) -> list[Table]:
    width = max((len(r) for r in grid.rows), default=0)
    texts = _RowTexts(grid.rows, width)
    preamble, segments = _segments(grid, texts)
    if preamble and caption is None:
        caption = " ".join(t for r in preamble for t in texts.body(r) if t) or None
    out: list[Table] = []
    if not segments:
        # no header: the rest of the table before it (a Word table split by a page break)
        if previous is not None and previous.columns and len(previous.columns) == width and previous.kind != "other":
            body = [r for r in range(len(grid.rows))]
            _read_body(previous, grid, [-1] + body, texts)
            out.append(previous)
        return out
    for n, seg in enumerate(segments):
        paths = _fold(texts, seg.band, width)
        if (n == 0 and not preamble and not (caption or "").strip() and previous is not None
                and previous.kind == "indicator" and previous.problem is None
                and [tuple(c.path) for c in previous.columns] == [tuple(p) for p in paths]
                and not _restarts(grid, seg.body, previous.columns, texts)):
            # the same header right after a table, nothing between: a Word table split at a page
            # break whose header was repeated by hand; its first row may finish the last one
            _read_body(previous, grid, [-1] + seg.body, texts)
            out.append(previous)
            continue
        body_texts = [texts.body(r) for r in seg.body if r >= 0 and grid.rows[r]]
        profiles = [Profile.of([t[c] for t in body_texts]) for c in range(width)]
        columns = resolve_columns(paths, profiles, doc_year)
        roles = {c.role for c in columns}
        first = grid.rows[seg.band[0]]
        location = first[0].location if first else grid.location
        hints = set().union(*(header_hints(p) for path in paths for p in path))
        if ColumnRole.TASK in roles and ColumnRole.TARGET not in roles:
            kind = "task"
        elif ColumnRole.NAME in roles or "name" in hints:
            kind = "indicator"
        else:
            kind = "other"
        table = Table(0, kind, location, grid.source, columns=columns, caption=caption)
        table.years = [c.year for c in columns if c.role == ColumnRole.TARGET]
        if kind == "indicator":
            table.problem = _problem(columns)
            if table.problem == "target year" and _states_targets(columns, body_texts):
                table.kind, table.problem = "statement", None  # "Tỷ lệ ... đạt 60%" in the name cell, no year
        if table.problem is None and kind != "other":
            _read_body(table, grid, seg.body, texts)
        out.append(table)
    return out


def _restarts(grid: Grid, body: list[int], columns: list[Column], row_texts: _RowTexts) -> bool:
    """Whether the first numbered row of ``body`` starts a numbering (1, I, 1.1, a): a table of
    its own, not the rest of the table before it."""
    label = next((c.index for c in columns if c.role == ColumnRole.LABEL), None)
    name = next((c.index for c in columns if c.role in (ColumnRole.NAME, ColumnRole.TASK)), None)
    for r in body:
        if r < 0 or not grid.rows[r]:
            continue
        texts = row_texts.body(r)
        n = parse_numbering(texts[label]) if label is not None and label < len(texts) and texts[label] else None
        if n is None and name is not None and name < len(texts):
            n = split_numbering(texts[name])[0]
        if n is not None and n.style != "bullet" and n.parts:
            return n.parts[-1] == 1
    return False


_STATEMENT = re.compile(r"\d+(?:[.,]\d+)?\s*%|\b(?:đạt|tối\s+thiểu|ít\s+nhất|trên|dưới|giảm|tăng|chiếm|khoảng)\s+"
                        r"(?:\S+\s+){0,2}\d", re.IGNORECASE)


def _states_targets(columns: list[Column], body_texts: list[list[str]]) -> bool:
    """A table without year columns whose name cells state whole targets ("Tỷ lệ doanh nghiệp ...
    đạt 60%"): at least half of the filled ones hold a value with its verb or a percentage."""
    name = next((c.index for c in columns if c.role == ColumnRole.NAME), None)
    if name is None:
        return False
    cells = [t[name] for t in body_texts if name < len(t) and t[name]]
    return len(cells) >= 2 and 2 * sum(1 for c in cells if _STATEMENT.search(c)) >= len(cells)


def _problem(columns: list[Column]) -> str | None:
    """What keeps an indicator table's columns from being read, or None."""
    missing = []
    if not any(c.role == ColumnRole.NAME for c in columns):
        missing.append("name")
    years = [c.year for c in columns if c.role == ColumnRole.TARGET]
    if not years:
        missing.append("target year")
    elif len(set(years)) != len(years):
        missing.append("distinct target years")
    return ", ".join(missing) or None


# ---------------------------------------------------------------- rows


@dataclass(slots=True)
class _Raw:
    """A body row as read, before its role is decided."""

    cells: list[GridCell]
    name: str
    name_location: Location
    numbering: object
    unit: str | None
    unit_location: Location | None
    targets: list[TargetCell]
    missing: int
    other: bool
    overflow: tuple[str, ...]
    bold: bool
    indicator_id: str | None
    after_break: bool
    fragments: bool  # every filled cell starts in lower case
    name_lines: tuple[tuple[int, int], ...] = ()  # (offset in name, line) in a name cell of several lines


def _read_body(table: Table, grid: Grid, body: list[int], row_texts: _RowTexts) -> None:
    cols = table.columns
    by_role: dict[ColumnRole, list[Column]] = {}
    for c in cols:
        by_role.setdefault(c.role, []).append(c)
    name_col = (by_role.get(ColumnRole.NAME) or by_role.get(ColumnRole.TASK) or [None])[0]
    label_col = (by_role.get(ColumnRole.LABEL) or [None])[0]
    unit_col = (by_role.get(ColumnRole.UNIT) or [None])[0]
    id_col = (by_role.get(ColumnRole.ID) or [None])[0]
    seen_years = set()
    target_cols = []
    for c in by_role.get(ColumnRole.TARGET, []):
        if c.year not in seen_years:
            seen_years.add(c.year)
            target_cols.append(c)
    target_cols.sort(key=lambda c: c.year)
    other_cols = [c for c in cols if c.role in (ColumnRole.ACTUAL, ColumnRole.SOURCE, ColumnRole.AGENCY,
                                                   ColumnRole.NOTE, ColumnRole.DETAIL)]
    raws: list[_Raw] = []
    after_break = bool(table.rows)
    for r in body:
        if r < 0 or not grid.rows[r]:
            after_break = True
            continue
        row = grid.rows[r]
        texts = row_texts.body(r)
        if not any(texts) or is_column_numbers(texts):
            after_break = after_break or not any(texts)
            continue
        raw = _raw_row(grid.rows, r, row, texts, name_col, label_col, unit_col, id_col, target_cols, other_cols,
                       len(cols), after_break)
        if raw is not None:
            raws.append(raw)
        after_break = False
    _assemble(table, raws)


def _cell_at(grid_rows, r: int, row: list[GridCell], col: Column | None) -> GridCell | None:
    if col is None or col.index >= len(row):
        return None
    return row[col.index]


_ABBREVIATION = re.compile(r"^[A-ZĐ]{2,}\b")  # LLLĐ, BHXH, BHYT: a word in capitals that opens a cut name


def _raw_row(grid_rows, r, row, texts, name_col, label_col, unit_col, id_col, target_cols, other_cols, ncols,
             after_break) -> _Raw | None:
    name_cell = _cell_at(grid_rows, r, row, name_col)
    label_cell = _cell_at(grid_rows, r, row, label_col)
    name = name_cell.text if name_cell is not None and not name_cell.covered else ""
    name_location = name_cell.location if name_cell is not None else row[0].location
    label = label_cell.text if label_cell is not None and not label_cell.covered else ""
    if name_cell is not None and name_cell.covered and label_cell is not None and not label_cell.covered \
            and label_cell.col_span > (name_col.index - label_col.index):
        name, label, name_location = label, "", label_cell.location  # one cell across the row: a heading
    numbering = parse_numbering(label) if label else None
    if label and numbering is None and not name:
        name, name_location = label, label_cell.location  # the name typed in the TT column
    if numbering is None:
        numbering, name = split_numbering(name)
    lines = [cell.location.line for cell in row if cell.text and cell.location.line is not None]
    if lines and name_location.line != min(lines):  # a row of one cell per line starts at its first cell
        name_location = name_location.with_line(min(lines))
    unit_cell = _cell_at(grid_rows, r, row, unit_col)
    unit = texts[unit_col.index] or None if unit_cell is not None else None
    targets, missing = [], 0
    for c in target_cols:
        if c.index >= len(row):  # a short text row: the target columns it does not reach
            missing += 1
            continue
        targets.append(TargetCell(c.year, texts[c.index], row[c.index].location))
    other = bool(other_cols) and any(c.index < len(texts) and texts[c.index] for c in other_cols)
    overflow = tuple(t for t in texts[ncols:] if t) if len(texts) > ncols else ()
    bold = (name_cell is not None and name_cell.bold) or (label_cell is not None and label_cell.bold)
    indicator_id = texts[id_col.index] or None if id_col is not None and id_col.index < len(row) else None
    filled = [t for t in texts if t]
    fragments = bool(filled) and all(t[:1].islower() for t in filled)
    if not fragments and name and numbering is None and _ABBREVIATION.match(name):
        # "LLLĐ trong độ tuổi" | "huyện": a name cut after an abbreviation, other cells in lower case
        rest = [t for t in filled if t != name]
        fragments = bool(rest) and all(t[:1].islower() for t in rest)
    name_lines = ()
    if name_cell is not None and name and name_cell.text.endswith(name):
        shift = len(name_cell.text) - len(name)  # the number split off the front of the name
        starts = name_cell.line_starts or (((0, name_cell.location.line),) if name_cell.location.line else ())
        name_lines = tuple((max(0, start - shift), line) for start, line in starts)
    return _Raw(row, name, name_location, numbering, unit, unit_cell.location if unit_cell is not None and unit
                else None, targets, missing, other, overflow, bold, indicator_id, after_break, fragments,
                name_lines)


def _group_header(raw: _Raw) -> bool:
    """An unnumbered row that heads a group of indicators ("Chỉ tiêu số lượng trên 10.000 dân")."""
    return raw.numbering is None and heads_group(raw.name, None, raw.unit is None
                                                 and not any(t.text for t in raw.targets))


def _features(raws: list[_Raw], i: int, previous: str | None, task: bool) -> RowFeatures:
    raw = raws[i]
    nxt = raws[i + 1] if i + 1 < len(raws) else None
    next_child = next_breakdown = next_indicator = False
    if nxt is not None:
        a, b = raw.numbering, nxt.numbering
        # the next numbered row, past a group header ("4 | Y tế", "Chỉ tiêu số lượng ...", "4.1 | ...")
        numbered = None if a is None else next((r.numbering for r in raws[i + 1:i + 4] if r.numbering is not None),
                                               None)
        if numbered is not None:
            c = numbered
            next_child = ((c.style == "decimal" and c.prefix == a.parts and a.style in ("arabic", "decimal"))
                          or (a.style in ("roman", "arabic") and c.style == "arabic" and c.parts == (1,)
                              and a.parts != (0,) and b is not None))
        next_breakdown = (b is None or b.style in ("bullet", "letter")) and (
            bool(breakdown_of(nxt.name)) or is_sub_target(nxt.name))
        # (past a group header: "2 | Y tế", "Chỉ tiêu số lượng trên 10.000 dân", "Số giường bệnh | ...")
        after = raws[i + 2] if _group_header(nxt) and i + 2 < len(raws) else nxt
        next_indicator = (b is None and after.numbering is None and not next_breakdown and after.name[:1].isupper()
                          and (after.unit is not None or any(t.text for t in after.targets)
                               or is_measure(after.name)))
    return RowFeatures(
        numbering=raw.numbering, name=raw.name, bold=raw.bold, has_unit=raw.unit is not None,
        has_target_text=any(t.text for t in raw.targets), has_other=raw.other, after_break=raw.after_break,
        previous=previous, next_child=next_child, next_breakdown=next_breakdown, next_indicator=next_indicator,
        fragments=raw.fragments, task_table=task)


_ROLES = {role.value: role for role in RowRole}


def _assemble(table: Table, raws: list[_Raw]) -> None:
    """Decide each row's role, then build the outline: sections, parents, group headers."""
    task = table.kind == "task"
    rows = table.rows
    previous = rows[-1].role.value if rows else None
    sections: list[int] = []  # open sections, outermost first
    for s in (r for r in rows if r.role == RowRole.SECTION):
        sections = [s.index]
    last_total: int | None = None  # the latest indicator a breakdown or sub-target refines
    group: int | None = None
    for i, raw in enumerate(raws):
        role = classify(_features(raws, i, previous, task))
        if role == CONTINUATION and rows:
            prev = rows[-1]
            if raw.name:
                prev.name = f"{prev.name} {raw.name}"
                prev.continued = (*prev.continued, raw.name_location)
            rest = {t.year: t.text for t in raw.targets if t.text}
            prev.targets = [TargetCell(t.year, f"{t.text} {rest[t.year]}".strip(), t.location) if t.year in rest else t
                            for t in prev.targets]
            continue
        member = _ROLES.get(role)
        if member is None:  # a row skipped
            continue
        row = TableRow(len(rows), member, raw.name, raw.name_location, raw.numbering, raw.unit,
                       raw.unit_location, raw.targets, raw.missing, raw.overflow, bold=raw.bold,
                       indicator_id=raw.indicator_id, name_lines=raw.name_lines)
        if row.role == RowRole.SECTION:
            sections = _open_section(rows, sections, row)
            row.section = sections[-2] if len(sections) > 1 else None
            last_total, group = None, None
        else:
            row.section = sections[-1] if sections else None
        if row.role == RowRole.GROUP:
            row.group_unit = group_unit_of(row.name)
            group = row.index
        elif row.role in (RowRole.BREAKDOWN, RowRole.SUB):
            if last_total is None:
                row.role = RowRole.INDICATOR
            else:
                row.parent = last_total
                if row.role == RowRole.BREAKDOWN:
                    row.breakdown = breakdown_of(row.name)
        if row.role == RowRole.INDICATOR:
            if row.numbering is not None and row.numbering.style in ("bullet", "letter") and last_total is not None:
                row.parent = last_total  # a bulleted item under an indicator: its own indicator, in the outline
            else:
                last_total = row.index
            if group is not None:
                if canonical_unit(row.unit) in _COUNT_UNITS:
                    row.group_unit = rows[group].group_unit
                else:
                    group = None
        rows.append(row)
        previous = row.role._value_  # (the plain string, as classify returns it)


def _open_section(rows: list[TableRow], sections: list[int], row: TableRow) -> list[int]:
    """The open sections once ``row`` opens one: it closes those at its level and below."""
    number = row.numbering
    if number is None or number.style == "roman":
        if number is None and sections and rows[sections[0]].numbering is not None \
                and rows[sections[0]].numbering.style == "roman":
            return [sections[0], row.index]  # an unnumbered heading inside a Roman section
        return [row.index]
    depth = len(number.parts) if number.style == "decimal" else 1
    kept = []
    for s in sections:
        n = rows[s].numbering
        if n is not None and n.style == "roman":
            kept.append(s)
        elif n is not None and n.style in ("arabic", "decimal"):
            d = len(n.parts) if n.style == "decimal" else 1
            if d < depth:
                kept.append(s)
    return [*kept, row.index]

