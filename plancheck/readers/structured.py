"""Structured submissions: CSV, XLSX, JSON and YAML plan data, one row per indicator.

Columns (Vietnamese or English headers, any case and diacritics): the indicator id
(``indicator``/``id``/``mã chỉ tiêu``) or its name (``name``/``chỉ tiêu``), the unit
(``unit``/``đơn vị``), one column per milestone year (``2025``, ``Đến năm 2030``), and
optionally ``province``/``tỉnh``, ``source``/``nguồn`` and a row number (``TT``).

The raw table is read into plain columns (a :class:`~plancheck.frame.Frame`: one list per
column) and validated with a pandera schema, the raw tables of many files together (one
pandera call for the submissions of a chunk of files that have the same columns); errors
name the file, the row and the column. Rows keep the line (CSV) or sheet row (XLSX) they
come from. pandas and pandera are imported for the validation only.

A header that names no indicator column or no year column is an error naming the columns
found (never read as prose, never passed as clean). What a submission may expand to is
bounded by the limits in force (plancheck/limits.py): characters and lines of the text, rows
and cells per row of a CSV, values (YAML aliases expanded) and nesting of JSON and YAML -
each counted before anything is built, so a small hostile file is refused at once.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import re
import sys
from operator import itemgetter

from .. import yamlsafe
from ..errors import InputError
from ..frame import Frame
from ..limits import Limits, current, exceeded
from ..textnorm import clean, fold
from .text import decode, normalized_text

MAX_ROWS = 100_000  # limits.max_sheet_rows by default (read_xlsx checks it)


@functools.lru_cache(maxsize=1024)
def header_role(h: str) -> str | None:
    f = fold(str(h))
    if re.search(r"\b(20[2-5]\d)\b", f):
        return "y" + re.findall(r"\b(20[2-5]\d)\b", f)[-1]
    table = {
        "indicator": ("indicator", "id", "indicator id", "ma", "ma chi tieu", "ma so"),
        "name": ("name", "row name", "indicator name", "chi tieu", "ten chi tieu", "noi dung", "ten"),
        "unit": ("unit", "units", "don vi", "don vi tinh", "dvt"),
        "province": ("province", "tinh", "dia phuong", "tinh thanh pho"),
        "source": ("source", "nguon", "can cu", "theo nghi quyet"),
        "label": ("tt", "stt", "label", "row label", "so tt"),
        "note": ("note", "ghi chu"),
    }
    for role, names in table.items():
        if f in names:
            return role
    return None


@functools.lru_cache(maxsize=1)
def raw_schema():
    """pandera schema of a structured submission after its headers are mapped."""
    import pandera.pandas as pa

    # text columns are pandas strings (``_pandas_table``): their type is checked once per column,
    # not once per cell as a column of Python objects is (a third of a second per 100,000 rows)
    text = pa.Column("string", nullable=True, required=False)
    return pa.DataFrameSchema(
        {
            "indicator": pa.Column("string", nullable=True, required=False,
                                   checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"),
                                   description="catalogue id of the indicator"),
            "name": text,
            "unit": text,
            "province": text,
            "source": text,
            "label": text,
            "note": text,
            r"^y20[2-5]\d$": pa.Column("string", nullable=True, regex=True),
            "_line": pa.Column("Int64", nullable=True),
        },
        checks=[
            pa.Check(lambda df: ("indicator" in df.columns) or ("name" in df.columns),
                     error="an 'indicator' or 'name' column is required"),
            pa.Check(lambda df: any(re.fullmatch(r"y20[2-5]\d", c) for c in df.columns),
                     error="at least one milestone-year column (2025, 2030) is required"),
            pa.Check(lambda df: _id_or_name(df), element_wise=False,
                     error="each row needs an indicator id or a name"),
        ],
        strict=False,
        coerce=False,
    )


def _id_or_name(df):  # a pandera check: ``df`` is the pandas table validated
    import pandas as pd

    ids = df["indicator"] if "indicator" in df.columns else pd.Series([None] * len(df), index=df.index)
    names = df["name"] if "name" in df.columns else pd.Series([None] * len(df), index=df.index)
    return ~(ids.isna() & names.isna())


def require_columns(columns, path: str) -> None:
    """A submission needs an indicator (id or name) column and a milestone-year column;
    otherwise the error names the columns it found."""
    roles = {header_role(str(c)) for c in columns if c is not None and str(c).strip()}
    has_row = bool(roles & {"indicator", "name"})
    has_year = any(r and r.startswith("y") for r in roles)
    if has_row and has_year:
        return
    found = ", ".join(f"'{str(c).strip()}'" for c in columns if c is not None and str(c).strip()) or "none"
    en, vi = (("indicator column (indicator, id, name, Chỉ tiêu)", "cột chỉ tiêu (indicator, id, name, Chỉ tiêu)")
              if not has_row else
              ("milestone-year column (2025, 2030, Đến năm 2030)", "cột năm mốc (2025, 2030, Đến năm 2030)"))
    raise InputError(f"{path}: the header has no {en}; columns found: {found}",
                     f"{path}: dòng tiêu đề không có {vi}; các cột đã thấy: {found}")


def frame_from_records(records: list[dict], lines: list[int | None], path: str) -> Frame:
    """The raw table of a submission: one column per recognised header (its role), in the
    order the headers first appear, with ``None`` for an empty cell, and ``_line``."""
    limit = current().max_sheet_rows
    if len(records) > limit:
        raise exceeded(path, "max_sheet_rows")
    roles: dict = {}  # header -> role (None: not recognised)
    columns: dict[str, list] = {}
    n = len(records)
    for r, rec in enumerate(records):
        for k, v in rec.items():
            role = roles.get(k, 0)
            if role == 0:
                role = roles[k] = header_role(k) if k is not None else None
            if role is None:
                continue
            column = columns.get(role)
            if column is None:
                column = columns[role] = [None] * n
            column[r] = None if v is None or (isinstance(v, float) and v != v) or str(v).strip() == "" else _text(v)
    columns["_line"] = list(lines)
    return Frame(columns, n)


def _text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, float):
        return str(v).replace(".", ",")
    return clean(str(v))


def validate_raw(df, path: str) -> None:
    """Validate one raw table; raise InputError naming the file, row and column."""
    error = validate_many([(path, df)]).get(path)
    if error:
        raise InputError(error)


def validate_many(items: list[tuple[str, Frame]]) -> dict[str, str]:
    """Validate many raw tables with the pandera schema; {path: one-line error} for the bad ones.

    Tables with the same columns are validated together in one pandera call (its fixed
    cost dominates small tables); each failure is mapped back to its file, row and column.
    """
    import pandas as pd
    import pandera.pandas as pa

    groups: dict[tuple, list[tuple[str, Frame]]] = {}
    for path, table in items:
        groups.setdefault(tuple(table.columns), []).append((path, table))
    errors: dict[str, str] = {}
    for columns, members in groups.items():
        joined = _pandas_table(columns, [t for _, t in members])
        try:
            with _without_hypothesis():
                raw_schema().validate(joined, lazy=True)
        except pa.errors.SchemaErrors as exc:
            fc = exc.failure_cases
            counts: dict[int, int] = {}
            first: dict[int, object] = {}
            for case in fc.itertuples(index=False):
                idx = getattr(case, "index", None)
                files = [int(joined["_file"].iloc[int(idx)])] if idx is not None and idx == idx else range(len(members))
                for f in files:
                    counts[f] = counts.get(f, 0) + 1
                    first.setdefault(f, case)
            for f, case in first.items():
                path = members[f][0]
                idx = getattr(case, "index", None)
                where = ""
                if idx is not None and idx == idx:
                    line = joined["_line"].iloc[int(idx)]
                    local = int(idx) - int((joined["_file"] < f).sum())
                    where = f" row {local + 1}" if pd.isna(line) else f":{int(line)}"  # (None, NaN, NA: no line)
                col = getattr(case, "column", None)
                col_text = f" column '{col}'" if isinstance(col, str) and col else ""
                more = f" (and {counts[f] - 1} more)" if counts[f] > 1 else ""
                errors[path] = (f"{path}{where}:{col_text} {getattr(case, 'check', '')}; "
                                f"value {getattr(case, 'failure_case', None)!r}{more}")
    return errors


@contextlib.contextmanager
def _without_hypothesis():
    """pandera's first validation registers its pandas backends, which import its data
    synthesis strategies and with them hypothesis when it is installed (a quarter of a
    second, and a full garbage collection of the run's heap). Validation uses neither: while
    nothing else has imported hypothesis, that import fails as if it were not installed
    (pandera then leaves the strategies out), and nothing else is changed."""
    if "hypothesis" in sys.modules:
        yield
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]


def _pandas_table(columns: tuple[str, ...], tables: list[Frame]):
    """The raw tables (with the same columns) as one pandas DataFrame, a column ``_file``
    saying which table each row comes from: text columns of pandas strings (NA where empty),
    ``_line`` of nullable integers."""
    import pandas as pd

    data = {}
    for c in columns:
        values = [v for t in tables for v in t.columns[c]]
        data[c] = pd.array(values, dtype="Int64") if c == "_line" else pd.Series(values, dtype="string")
    data["_file"] = pd.Series([k for k, t in enumerate(tables) for _ in range(t.n)], dtype="int64")
    return pd.DataFrame(data, index=pd.RangeIndex(sum(t.n for t in tables)))


def _check_text(text: str, path: str, limits: Limits) -> None:
    """Characters and lines of a submission's text, before it is split or parsed."""
    if len(text) > limits.max_chars:
        raise exceeded(path, "max_chars", limits)
    if max(text.count("\n"), text.count("\r")) > limits.max_lines:  # at least that many lines
        raise exceeded(path, "max_lines", limits)


def read_csv(data: bytes, path: str, limits: Limits | None = None, text: str | None = None) -> Frame:
    """The raw table of a CSV submission (``text``: ``data`` decoded already, when it was)."""
    limits = limits or current()
    text = decode(data, path) if text is None else text
    _check_text(text, path, limits)
    text = normalized_text(text)
    if text.endswith("\n"):  # as "\n".join(split_lines(text)): the last line end dropped
        text = text[:-1]
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = None
    rows, lines = [], []
    try:
        for r in reader:
            if len(r) > limits.max_cells_per_row:
                raise exceeded(f"{path}:{reader.line_num}", "max_cells_per_row", limits)
            if header is None:
                header = r
                if not any(header_role(h) for h in header):
                    raise InputError(f"{path}:1: no recognisable header (expected columns such as indicator/name, "
                                     "unit, 2025, 2030)",
                                     f"{path}:1: không nhận ra dòng tiêu đề (cần các cột như chỉ tiêu hoặc "
                                     "indicator/name, đơn vị, 2025, 2030)")
                require_columns(header, f"{path}:1")
                continue
            if not "".join(r).strip():  # every cell blank
                continue
            if len(r) > len(header):
                raise InputError(f"{path}:{reader.line_num}: {len(r)} cells but the header has {len(header)}",
                                 f"{path}:{reader.line_num}: dòng có {len(r)} ô nhưng dòng tiêu đề chỉ có "
                                 f"{len(header)} cột")
            if len(rows) >= limits.max_sheet_rows:
                raise exceeded(path, "max_sheet_rows", limits)
            rows.append(r)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not readable as CSV ({exc})",
                         f"{path}:{reader.line_num}: không đọc được như tệp CSV (sai cú pháp CSV)") from None
    if header is None:
        raise InputError(f"{path}: empty file", f"{path}: tệp rỗng")
    # the rows as lists, column by column: what frame_from_records makes of them as records
    # (a header named twice gives its last cell; of two headers of one role, the later one)
    columns: dict[str, list] = {}
    shortest = min(map(len, rows), default=0)
    for role, j in _column_sources(header):
        cells = list(map(itemgetter(j), rows)) if j < shortest else [r[j] if j < len(r) else "" for r in rows]
        columns[role] = _cells(cells)
    columns["_line"] = lines
    return Frame(columns, len(rows))


def _column_sources(header: list[str]) -> list[tuple[str, int]]:
    """(role, index of the cell that gives it) for each role of a header, in the order the
    roles first appear - as a record made of the row (``dict(zip(header, row))``) gives it."""
    last = {h: j for j, h in enumerate(header)}  # a header named twice: its last cell
    sources: dict[str, int] = {}
    for h in dict.fromkeys(header):
        role = header_role(h) if h is not None else None
        if role is not None:
            sources[role] = last[h]
    return list(sources.items())


def _cells(values: list[str]) -> list[str | None]:
    """The cells of a column as frame_from_records takes them (None for an empty one); a
    value repeated down the column (a unit, a year's target, a province) is cleaned once."""
    cleaned = {v: None if not v.strip() else _text(v) for v in set(values)}
    return list(map(cleaned.__getitem__, values))




def read_xlsx(data: bytes, path: str):
    """The first visible sheet with a recognisable header.

    Formulas are read from the values the spreadsheet program saved with them; a formula
    with no saved value is an error naming its cell. Merged cells take the value of their
    top-left cell. Hidden sheets are not read.
    """
    from .docx import check_zip

    check_zip(data, path)
    import openpyxl

    try:
        values_wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas_wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on bad files
        raise InputError(f"{path}: not a readable XLSX workbook ({type(exc).__name__}: {exc})",
                         f"{path}: không đọc được như sổ tính XLSX (tệp hỏng hoặc không phải XLSX)") from None
    hidden = []
    for ws, fws in zip(values_wb.worksheets, formulas_wb.worksheets):
        if ws.sheet_state != "visible":
            hidden.append(ws.title)
            continue
        if ws.max_row > MAX_ROWS:
            raise InputError(f"{path}: sheet '{ws.title}' has {ws.max_row} rows, over the limit of {MAX_ROWS}",
                             f"{path}: trang tính '{ws.title}' có {ws.max_row} dòng, vượt giới hạn {MAX_ROWS} dòng")
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:
            top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else None
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
                        grid[r - 1][c - 1] = top
        for hi, header in enumerate(grid[:20]):
            if header and sum(1 for h in header if h is not None and header_role(str(h))) >= 2:
                names = [str(h) if h is not None else "" for h in header]
                records, lines = [], []
                for ri, r in enumerate(grid[hi + 1:], start=hi + 2):
                    for ci, v in enumerate(r):
                        if v is None:
                            f = fws.cell(ri, ci + 1).value
                            if isinstance(f, str) and f.startswith("="):
                                at = f"{path}: sheet '{ws.title}' cell {fws.cell(ri, ci + 1).coordinate}"
                                at_vi = f"{path}: trang tính '{ws.title}' ô {fws.cell(ri, ci + 1).coordinate}"
                                raise InputError(
                                    f"{at}: the formula {f} has no saved value; open and save the workbook in a "
                                    "spreadsheet program",
                                    f"{at_vi}: công thức {f} chưa có giá trị được lưu; mở tệp bằng Excel (hoặc "
                                    "chương trình bảng tính khác) rồi lưu lại")
                    if not r or all(v is None or str(v).strip() == "" for v in r):
                        continue
                    records.append(dict(zip(names, r)))
                    lines.append(ri)
                return frame_from_records(records, lines, f"{path}")
    extra = f" (hidden sheets are not read: {', '.join(hidden)})" if hidden else ""
    extra_vi = f" (không đọc các trang tính bị ẩn: {', '.join(hidden)})" if hidden else ""
    raise InputError(f"{path}: no visible sheet with a recognisable header (indicator/name, unit, 2025, 2030){extra}",
                     f"{path}: không có trang tính nào (đang hiện) có dòng tiêu đề nhận ra được (chỉ tiêu hoặc "
                     f"indicator/name, đơn vị, 2025, 2030){extra_vi}")


def read_json_yaml(data: bytes, path: str, kind: str, limits: Limits | None = None):
    import yaml

    limits = limits or current()
    text = decode(data, path)
    _check_text(text, path, limits)
    if kind == "json":
        _check_json_size(text, path, limits)
    else:
        _check_yaml_size(text, path, limits)
    try:
        obj = json.loads(text) if kind == "json" else yamlsafe.load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        line = getattr(exc, "lineno", None) or (getattr(getattr(exc, "problem_mark", None), "line", -1) + 1)
        raise InputError(f"{path}:{line}: invalid {kind.upper()}: {str(exc).splitlines()[0]}",
                         f"{path}:{line}: nội dung {kind.upper()} không hợp lệ (sai cú pháp ở dòng {line})") from None
    if isinstance(obj, dict):
        for key in ("indicators", "targets", "rows", "data"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
    if not isinstance(obj, list) or not all(isinstance(r, dict) for r in obj):
        raise InputError(f"{path}: expected a list of rows (objects), or an object with an 'indicators' list",
                         f"{path}: không phải biểu số liệu: cần một danh sách các dòng (đối tượng), hoặc một đối "
                         f"tượng có danh sách 'indicators'")
    records = []
    columns: dict[str, None] = {}
    for r in obj:
        flat = {}
        for k, v in r.items():
            if isinstance(v, dict) and str(k).lower() in ("targets", "muc_tieu", "values"):
                for yk, yv in v.items():
                    flat[str(yk)] = yv
            else:
                flat[str(k)] = v
        columns.update(dict.fromkeys(flat))
        records.append(flat)
    if records:
        require_columns(list(columns), path)
    return frame_from_records(records, [None] * len(records), path)


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _check_json_size(text: str, path: str, limits: Limits) -> None:
    """Values and nesting of a JSON text, counted on its structure before it is parsed.

    With the strings taken out, every value but the first follows a ``,`` or opens with ``[``
    or ``{`` - so their count bounds the values; nesting is counted on the brackets.
    """
    skeleton = _JSON_STRING.sub('""', text)
    if skeleton.count(",") + skeleton.count("[") + skeleton.count("{") + skeleton.count(":") > limits.max_yaml_nodes:
        raise exceeded(path, "max_yaml_nodes", limits)
    depth = 0
    for ch in re.sub(r"[^\[\]{}]", "", skeleton):
        depth += 1 if ch in "[{" else -1
        if depth > limits.max_depth:
            raise exceeded(path, "max_depth", limits)


def _check_yaml_size(text: str, path: str, limits: Limits) -> None:
    """Nodes of a YAML text with every alias expanded, and its nesting, counted on the
    parser's events before anything is built: a "billion laughs" (aliases of aliases) is
    refused at its first few lines, a deep nesting before the composer recurses into it."""
    import yaml

    sizes: dict[str, int] = {}  # anchor -> nodes of the anchored node, expanded
    stack: list[list] = []  # open collections: [anchor, nodes so far]
    total = 0
    try:
        for ev in yaml.parse(text, Loader=yamlsafe.loader_class()):
            if isinstance(ev, yaml.CollectionStartEvent):
                stack.append([ev.anchor, 1])
                if len(stack) > limits.max_depth:
                    raise exceeded(path, "max_depth", limits)
                continue
            if isinstance(ev, yaml.CollectionEndEvent):
                anchor, n = stack.pop()
            elif isinstance(ev, yaml.ScalarEvent):
                anchor, n = ev.anchor, 1
            elif isinstance(ev, yaml.AliasEvent):
                anchor, n = None, sizes.get(ev.anchor, 1)
            else:
                continue
            if anchor:
                sizes[anchor] = n
            if stack:
                stack[-1][1] += n
                n = stack[-1][1]
            else:
                total += n
                n = total
            if n > limits.max_yaml_nodes:
                raise exceeded(path, "max_yaml_nodes", limits)
    except yaml.YAMLError as exc:
        # libyaml (0.2.6 and later) stops a deep nesting itself, before the events reach here
        if "flow level" in str(exc) or "indent level" in str(exc) or "nesting" in str(exc):
            raise exceeded(path, "max_depth", limits) from None
        return  # the loader reports the syntax error with its line
