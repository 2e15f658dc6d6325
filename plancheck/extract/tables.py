"""Finding indicator tables in a document and reading their rows.

Two shapes of table reach us:

* grids - rows of cells (tab-separated text, pipe tables, Word tables). The header rows
  (one or two) name the columns; repeated headers (one per page) are skipped; a row
  whose name starts in lower case right after a page break continues the row before.
* one cell per line - text converted from Word or PDF where each cell became its own
  line. A header sequence (TT, Chỉ tiêu, Đơn vị, ... Đến năm 2025, Đến năm 2030) opens
  the table; each following line is classified by its content (row number, unit, target,
  source mark, responsible agency, name) and rows are assembled from that.

Detection is by content only. Tables that are not indicator tables (task assignments)
are recognised and kept apart so that only their numbering is checked.
"""

from __future__ import annotations

import functools
import re

from ..catalogue import Matcher
from ..model import Cell, Table, TableRow
from ..readers.text import Block
from ..targets import canonical_unit, parse_target
from ..textnorm import clean, fold, roman_to_int

# ---------------------------------------------------------------- column roles

_YEAR = re.compile(r"\b(20[2-5]\d)\b")


def column_role(header: str) -> str:
    f = fold(header)
    if not f:
        return "empty"
    if f in ("tt", "stt", "so tt", "so thu tu", "ma so", "ma"):
        return "label"
    if re.search(r"\bco quan\b|\bchu tri\b|\bphoi hop\b|\btrach nhiem\b|\bdon vi (?:chu tri|thuc hien|theo doi)", f):
        return "agency"
    if re.search(r"\bnghi quyet\b|\bnguon\b|\bcan cu\b|\btheo\b", f) and not _YEAR.search(header):
        return "source"
    if f.startswith("ghi chu"):
        return "note"
    if re.fullmatch(r"(?:don vi(?: tinh)?|dvt|don vi do)", f):
        return "unit"
    if _YEAR.search(header) and not re.search(r"thoi gian|thuc hien|hoan thanh|trinh", f):
        return "year"
    if re.search(r"\bchi tieu\b|\bnoi dung\b|\bten chi tieu\b|\bchi so\b", f) and "muc tieu" not in f:
        return "name"
    if re.search(r"\bnhiem vu\b|\bde an\b|\bvan ban\b", f):
        return "task"
    if re.search(r"\bthoi gian\b|\bcap trinh\b|\bsan pham\b|\bket qua\b", f):
        return "task_detail"
    if "muc tieu" in f:
        return "target_group"
    return "other"


def is_header_row(cells: list[str]) -> bool:
    nonempty = [c for c in cells if c.strip()]
    if not nonempty or any(len(c) > 80 for c in nonempty) or any(label_kind(c) for c in nonempty):
        return False
    roles = [column_role(c) for c in cells]
    return ("name" in roles or "task" in roles) and ("label" in roles or "unit" in roles or "agency" in roles)


def is_subheader_row(cells: list[str]) -> bool:
    nonempty = [c for c in cells if c.strip()]
    return bool(nonempty) and all(column_role(c) in ("year", "target_group", "source", "agency", "note")
                                  for c in nonempty) and any(column_role(c) == "year" for c in nonempty)


# ---------------------------------------------------------------- row classification helpers

_BREAKDOWNS = [
    ("urban", r"^(?:khu vuc )?(?:thanh thi|do thi)$"),
    ("rural", r"^(?:khu vuc )?nong thon$"),
    ("region", r"^(?:vung|cac vung|mien|khu vuc)\b.*"),
]
_GROUP_UNIT = re.compile(r"tren\s+10\s?000\s+dan|10\s?000\s+dan|tren\s+1\s?000\s+dan", re.I)


@functools.lru_cache(maxsize=1 << 14)
def breakdown_of(name: str) -> str | None:
    f = fold(name)
    if f.startswith("trong do"):
        return "sub"
    for key, pattern in _BREAKDOWNS:
        if re.match(pattern, f) and len(f.split()) <= 12:
            return key
    return None


@functools.lru_cache(maxsize=1 << 14)
def label_kind(label: str) -> str | None:
    t = clean(label).rstrip(".").strip()
    if not t:
        return None
    if roman_to_int(t) is not None:
        return "roman"
    if re.fullmatch(r"\d{1,3}", t):
        return "int"
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})+", t):
        return "decimal"
    if re.fullmatch(r"[a-zđ]\)?", t):
        return "letter"
    return None


def _is_bold(raw: str) -> bool:
    return bool(re.search(r"<b>|\*\*", raw))


# ---------------------------------------------------------------- grids


def tables_from_grids(blocks: list[Block], matcher: Matcher, milestones: tuple[int, ...]) -> list[Table]:
    tables: list[Table] = []
    for bi, block in enumerate(blocks):
        if block.kind != "grid" or not block.rows:
            continue
        caption = _caption_before(blocks, bi)
        for table in _split_grid(block, caption, matcher, milestones, len(tables)):
            tables.append(table)
    return tables


def _caption_before(blocks: list[Block], index: int) -> str | None:
    texts = []
    for b in reversed(blocks[max(0, index - 4):index]):
        if b.kind != "para":
            break
        texts.append(b.text)
    return " ".join(reversed(texts)) if texts else None


def _split_grid(block: Block, caption, matcher, milestones, start_index) -> list[Table]:
    """One grid block may hold several tables (a header row starts a new one unless it
    repeats the current header)."""
    tables: list[Table] = []
    current: Table | None = None
    header: list[str] | None = None
    roles: list[str] = []
    years_by_col: dict[int, int] = {}
    after_break = False
    i = 0
    rows = block.rows
    while i < len(rows):
        cells = rows[i]
        line = block.row_lines[i]
        texts = [clean(c.text) for c in cells]
        if not cells or not any(texts):
            after_break = True
            i += 1
            continue
        if is_header_row(texts):
            merged = list(texts)
            j = i + 1
            while j < len(rows) and rows[j] and is_subheader_row([clean(c.text) for c in rows[j]]):
                sub = [clean(c.text) for c in rows[j]]
                for k, s in enumerate(sub):
                    if k < len(merged):
                        merged[k] = (merged[k] + " " + s).strip() if s else merged[k]
                    else:
                        merged.append(s)
                j += 1
            if header is not None and [fold(x) for x in merged] == [fold(x) for x in header]:
                after_break = True  # header repeated on a new page
                i = j
                continue
            header = merged
            roles = [column_role(h) for h in header]
            # a "Mục tiêu" group spanning year columns: the role comes from the sub-header
            years_by_col = {}
            for k, h in enumerate(header):
                if roles[k] in ("year", "target_group"):
                    m = _YEAR.findall(h)
                    if m:
                        roles[k] = "year"
                        years_by_col[k] = int(m[-1])
            kind = "indicator" if "name" in roles else ("task" if "task" in roles else "other")
            current = Table(len(tables) + start_index, kind, line, sorted(set(years_by_col.values())),
                            caption=caption)
            current.columns_ok = kind != "indicator" or bool(years_by_col)
            current.extra_header = header  # type: ignore[attr-defined]
            tables.append(current)
            after_break = False
            i = j
            continue
        if current is None:
            i += 1
            continue
        _grid_row(current, cells, texts, line, roles, years_by_col, after_break, matcher)
        after_break = False
        i += 1
    return tables


def _col(texts: list[str], roles: list[str], role: str) -> tuple[int | None, str]:
    for k, r in enumerate(roles):
        if r == role:
            return k, texts[k] if k < len(texts) else ""
    return None, ""


def _grid_row(table: Table, cells: list[Cell], texts: list[str], line, roles, years_by_col, after_break,
              matcher: Matcher) -> None:
    label_i, label = _col(texts, roles, "label")
    name_i, name = _col(texts, roles, "name" if table.kind == "indicator" else "task")
    if name_i is None and table.kind != "indicator":
        name_i, name = _col(texts, roles, "name")
    raw_label = cells[label_i].text if label_i is not None and label_i < len(cells) else ""
    raw_name = cells[name_i].text if name_i is not None and name_i < len(cells) else ""
    if table.kind != "indicator":
        lk = label_kind(label) if label else None
        if lk:
            table.numbering.append((line, label.rstrip("."), "section" if lk == "roman" else "row"))
        return
    unit_i, unit = _col(texts, roles, "unit")
    values = []
    for k, year in sorted(years_by_col.items(), key=lambda kv: kv[1]):
        if k < len(cells):
            values.append(Cell(cells[k].text.strip(), cells[k].line))
    present = sum(1 for k in years_by_col if k < len(cells))
    has_values = any(clean(v.text) for v in values)
    if not label and not unit and not has_values and name and table.rows:
        prev = table.rows[-1]
        starts_lower = name[:1].islower()
        if starts_lower and (after_break or prev.role == "indicator"):
            prev.name = f"{prev.name} {name}"
            prev.extra["continued_at"] = line
            return
    row = TableRow(line=line, label=label or None, name=name, unit=unit or None,
                   unit_line=line if unit else None, values=values, cell_count=present)
    row.extra["bold"] = _is_bold(raw_label) or _is_bold(raw_name)
    row.extra["expected_cells"] = len(years_by_col)
    row.extra["width"] = len(cells)
    row.extra["header_width"] = len(roles)
    _place_row(table, row, has_values, matcher)


def _place_row(table: Table, row: TableRow, has_values: bool, matcher: Matcher) -> None:
    """Decide the row's role (section, group, breakdown, indicator) and its parent."""
    lk = label_kind(row.label or "")
    has_unit = bool(row.unit)
    bd = breakdown_of(row.name)
    if lk and not has_unit and not has_values:
        m = matcher.match(row.name)
        if lk == "roman" or row.extra.get("bold") or row.name.isupper() or m.indicator is None:
            row.role = "section"
            table.rows.append(row)
            table.numbering.append((row.line, row.label.rstrip("."), "section"))
            return
    section = _current_section(table)
    row.section = section
    if lk:
        table.numbering.append((row.line, row.label.rstrip("."), "row"))
    if not lk and not has_unit and not has_values and _GROUP_UNIT.search(fold(row.name)):
        row.role = "group"
        row.group_unit = "per_10000" if "10" in fold(row.name).replace(" ", "")[:80] else "per_1000"
        table.rows.append(row)
        return
    parent = _open_parent(table)
    if bd and not lk and parent is not None:
        row.role = "breakdown"
        row.breakdown = bd
        row.parent = parent
        table.rows.append(row)
        return
    group = _open_group(table)
    if group is not None and canonical_unit(row.unit) not in (None, "người", "giường"):
        table.rows[group].extra["closed"] = True
        group = None
    if group is not None and not lk:
        row.parent = group
        row.group_unit = table.rows[group].group_unit
    row.role = "indicator"
    table.rows.append(row)


def _current_section(table: Table) -> str | None:
    for r in reversed(table.rows):
        if r.role == "section":
            return r.label
    return None


def _open_parent(table: Table) -> int | None:
    """The latest indicator row that breakdown rows may attach to."""
    for idx in range(len(table.rows) - 1, -1, -1):
        r = table.rows[idx]
        if r.role == "breakdown":
            continue
        if r.role == "indicator":
            return idx
        return None
    return None


def _open_group(table: Table) -> int | None:
    for idx in range(len(table.rows) - 1, -1, -1):
        r = table.rows[idx]
        if r.role == "group":
            return None if r.extra.get("closed") else idx
        if r.role == "section" or r.label:
            return None
    return None


# ---------------------------------------------------------------- one cell per line

_HEADER_TT = re.compile(r"^(?:TT|STT|Số TT)$", re.I)
_AGENCY = re.compile(
    r"^(?:-\s*)?(?:Sở|Cục|Ban|Bảo hiểm|BHXH|Công an|Các sở|Các địa phương|Các cơ quan|UBND|Ủy ban|"
    r"Ngân hàng|Liên đoàn|Tỉnh đoàn|Hội|Văn phòng|Đài|Báo|Trung tâm|Bộ|Kho bạc|Viện|Trường)\b"
)
_SOURCE_MARK = re.compile(r"^[xX✓✔]$")


def one_cell_tables(lines: list[str], consumed: set[int], matcher: Matcher) -> list[Table]:
    """Tables flattened to one cell per line (khanh-hoa-plan.txt)."""
    tables: list[Table] = []
    n = len(lines)
    i = 0
    while i < n:
        if i + 1 in consumed or not _HEADER_TT.match(clean(lines[i])):
            i += 1
            continue
        # gather header cells: short lines until the first row label after a year/role line
        header: list[tuple[int, str]] = []
        j = i
        while j < n and len(header) < 14:
            t = clean(lines[j])
            if not t:
                j += 1
                continue
            if header and label_kind(t) in ("roman", "int") and any(
                column_role(h) in ("year", "agency", "task_detail", "note") for _, h in header
            ):
                break
            header.append((j + 1, t))
            j += 1
        roles = [column_role(h) for _, h in header]
        years = [int(_YEAR.findall(h)[-1]) for _, h in header if column_role(h) == "year"]
        if "name" in roles and years:
            table = Table(len(tables), "indicator", header[0][0], years)
            end = _read_one_cell_rows(lines, j, table, matcher, has_source="source" in roles)
        elif "task" in roles:
            table = Table(len(tables), "task", header[0][0], [])
            end = _read_one_cell_numbering(lines, j, table)
        else:
            i = j
            continue
        table.caption = _one_cell_caption(lines, i)
        tables.append(table)
        for k in range(i + 1, end + 1):
            consumed.add(k)
        i = end
    return tables


def _one_cell_caption(lines: list[str], header_index: int) -> str | None:
    texts = []
    for k in range(header_index - 1, max(-1, header_index - 4), -1):
        t = clean(lines[k])
        if t:
            texts.append(t)
    return " ".join(reversed(texts)) if texts else None


@functools.lru_cache(maxsize=1 << 14)
def _is_table_end(text: str) -> bool:
    f = fold(text)
    return f.startswith("phu luc") or f.startswith("noi nhan") or bool(re.match(r"^tm\b|^kt\b|^t m\b", f))


def _read_one_cell_numbering(lines: list[str], start: int, table: Table) -> int:
    j = start
    section = None
    while j < len(lines):
        t = clean(lines[j])
        if t and _is_table_end(t):
            break
        kind = label_kind(t) if t else None
        if kind == "roman" and j + 1 < len(lines) and clean(lines[j + 1]).isupper():
            section = t
            table.numbering.append((j + 1, t, "section"))
        elif kind == "int":
            table.numbering.append((j + 1, t, section))
        j += 1
    return j


@functools.lru_cache(maxsize=1 << 14)
def _classify(t: str) -> str:
    if not t:
        return "blank"
    lk = label_kind(t)
    if _SOURCE_MARK.match(t):
        return "mark"
    if lk in ("roman", "int") and len(t) <= 4:
        return "label"
    unit = canonical_unit(t)
    if unit in ("%", "%/năm", "m2/người", "tuổi", "năm", "lần", "giường", "căn hộ", "người", "bậc học",
                "mức độ", "chỉ số"):
        if len(t) <= 20:
            return "unit"
    if _AGENCY.match(t):
        return "agency"
    target = parse_target(t)
    if target.kind not in ("unreadable",) and len(t) <= 40:
        return "value"
    return "name"


def _read_one_cell_rows(lines: list[str], start: int, table: Table, matcher: Matcher, has_source: bool) -> int:
    n_years = len(table.years)
    row: TableRow | None = None
    j = start
    last_section_roman = 0
    last_label = 0
    while j < len(lines):
        raw = lines[j]
        t = clean(raw)
        line = j + 1
        if t and _is_table_end(t):
            break
        kind = _classify(t)
        if kind == "blank":
            j += 1
            continue
        complete = row is not None and len(row.values) >= n_years
        # "X" is a source mark right after the values, else a Roman section number
        if kind == "mark":
            is_mark = row is not None and complete and not row.extra.get("agency") and not row.extra.get("mark")
            if is_mark and has_source:
                row.extra["mark"] = True
                j += 1
                continue
            kind = "label"
        if kind == "label":
            # a number is a target value when the open row still waits for its values
            # (after its unit, or when it is not the next row number)
            if (row is not None and row.role != "section" and not complete and row.name
                    and label_kind(t) == "int" and not row.extra.get("is_section")
                    and (row.unit or row.values or int(t) != last_label + 1)):
                kind = "value"
        if kind == "value" and (row is None or complete or not row.name):
            kind = "name" if parse_target(t).kind in ("level", "school", "unreadable") else kind
        if kind == "label":
            lk = label_kind(t)
            is_section = lk == "roman" and (roman_to_int(t) or 0) == last_section_roman + 1
            if is_section:
                last_section_roman = roman_to_int(t) or 0
            if lk == "int":
                last_label = int(t)
            row = _finish_and_open(table, row, matcher)
            row = TableRow(line=line, label=t, name="")
            row.extra["is_section"] = is_section
            row.extra["expected_cells"] = n_years
        elif kind == "name":
            if row is None or (row.name and (row.values or row.unit or row.extra.get("agency")
                                             or breakdown_of(t) or row.extra.get("is_section"))):
                row = _finish_and_open(table, row, matcher)
                row = TableRow(line=line, label=None, name=t)
                row.extra["expected_cells"] = n_years
            elif not row.name:
                row.name = t
                row.line = row.line or line
            else:
                row.name = f"{row.name} {t}"  # a wrapped name
        elif kind == "unit":
            if row is not None and not row.unit and not row.values:
                row.unit, row.unit_line = t, line
        elif kind == "value":
            if row is not None and len(row.values) < n_years:
                row.values.append(Cell(t, line))
        elif kind == "agency" and row is not None and row.extra.get("is_section") and not row.name:
            row.name = t  # a section title that starts like an agency ("Bảo hiểm xã hội, ...")
        elif kind == "agency":
            if row is not None:
                row.extra["agency"] = True
        j += 1
    _finish_and_open(table, row, matcher)
    return j


def _finish_and_open(table: Table, row: TableRow | None, matcher: Matcher):
    if row is None:
        return None
    if row.extra.get("is_section"):
        row.role = "section"
        table.rows.append(row)
        table.numbering.append((row.line, row.label, "section"))
        return None
    has_values = any(clean(v.text) for v in row.values)
    row.cell_count = len(row.values)
    _place_row(table, row, has_values, matcher)
    return None
