"""The layout corpus generator (tests/layouts): specs, layouts, renderers and cases.

These test the generator itself - that every layout renders, that the files hold exactly the
spec's cells in order and the intended merged cells, that the expected rows and defect truths
are right - not a reader of the files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings

from tests.layouts import (LAYOUTS, NUMBERING_STYLES, REQUIRED_FEATURES, SAMPLE_SPECS, Column, Layout, build_spec,
                           expected_rows, layouts, load_cases, render, sample_spec, table_specs)
from tests.layouts.render import split_name, table_lines
from plancheck.catalogue import load_suite
from plancheck.targets import parse_target
from tests.layouts.spec import GROUP_MEMBERS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SMALL = ["unemployment", "hdi", "social_insurance", "poverty_reduction_rate", "hospital_beds", "doctors",
         "solid_housing", "clean_water", "broadcast_access", "temporary_housing", "social_housing_units",
         "end_aids_tb_malaria", "child_health_insurance_support"]
CASES = load_cases()


# ---------------------------------------------------------------- reading the files back (cells, in order)


def _is_bullet(num):
    return bool(num) and not any(ch.isalnum() for ch in num)


def expected_cells(spec, layout) -> list[str]:
    """The non-empty cell texts of the table body, in reading order, from the spec alone; the
    tail of a name broken across a page comes after the rest of its row."""
    broken = set()
    if layout.broken_row and layout.page_rows:
        n = layout.page_rows
        broken = {k for k in range(n - 1, len(spec.rows) - 1, n)
                  if spec.rows[k].kind in ("indicator", "breakdown", "sub") and split_name(spec.rows[k].name)}
    out = []
    for k, r in enumerate(spec.rows):
        prefix = ""
        if _is_bullet(r.numbering):
            prefix = r.numbering + " "
        elif r.numbering and not layout.number_title:
            prefix = r.numbering + ". "
        elif r.numbering:
            out.append(r.numbering)
        head, tail = split_name(r.name) if k in broken else (r.name, None)
        out.append(prefix + head)
        if r.kind in ("section", "group"):
            continue
        cells = [r.unit or ""]
        cells += [r.actual for c in layout.columns if c.role == "actual"]
        cells += [r.targets[y] for y in spec.years]
        for c in layout.columns:
            if c.role == "mark":
                cells.append(layout.mark if c.key in r.sources else "")
            elif c.role == "note":
                cells.append(r.note)
            elif c.role == "agency":
                cells.append(r.agencies[c.key] if c.key < len(r.agencies) else "")
        out += [c for c in cells if c]
        if tail:
            out.append(tail)
    return out


def _unmark(text: str) -> str:
    return re.sub(r"^(?:<b>(.*)</b>|\*\*(.*)\*\*)$", lambda m: m.group(1) or m.group(2), text)


def _shown(cell) -> str:
    """An Excel cell as Excel shows it in Vietnamese notation (its number format applied)."""
    v, fmt = cell.value, cell.number_format
    if v is None:
        return ""
    if isinstance(v, bool) or isinstance(v, str):
        return str(v)
    if fmt == "#,##0":
        return f"{v:,}".replace(",", ".")
    m = re.fullmatch(r"0\.(0+)", fmt)
    if m:
        return f"{v:.{len(m.group(1))}f}".replace(".", ",")
    assert fmt == "General" and isinstance(v, int), (v, fmt)
    return str(v)


def docx_tables(data: bytes):
    import docx

    return docx.Document(io.BytesIO(data)).tables


def docx_grid(table) -> list[list]:
    """Each w:tr as a list of (grid column, tc element)."""
    out = []
    for tr in table._tbl.tr_lst:
        col, row = 0, []
        for tc in tr.tc_lst:
            row.append((col, tc))
            col += tc.grid_span
        out.append(row)
    return out


def read_cells(data: bytes, spec, layout) -> list[str]:
    """Every non-empty cell text of the table, in reading order, as a reader would get it."""
    if layout.format in ("tsv", "md", "one-cell"):
        cells = []
        for line in table_lines(data, spec):
            if layout.format == "tsv":
                parts = line.split("\t")
            elif layout.format == "md":
                if not line or re.fullmatch(r"\|(?:---\|)+", line):
                    continue
                assert line.startswith("| ") and line.endswith(" |"), line
                parts = line[2:-2].split(" | ")
            else:
                parts = [line]
            cells += [_unmark(p) for p in parts if p]
        return cells
    if layout.format == "docx":
        (table,) = docx_tables(data)
        out = []
        for row in docx_grid(table):
            for _, tc in row:
                if tc.vMerge == "continue":
                    continue
                text = "".join(t.text for t in tc.iter(W + "t"))
                if text:
                    out.append(text)
        return out
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == spec.caption) + 2
    return [_shown(c) for row in ws.iter_rows(min_row=first) for c in row if c.value is not None]


def assert_cells_in_order(got: list[str], want: list[str]) -> None:
    """``want`` is a subsequence of ``got`` (the header and column numbers are not in ``want``)."""
    i = 0
    for cell in got:
        if i < len(want) and cell == want[i]:
            i += 1
    assert i == len(want), f"cell {want[i]!r} (#{i}) not found in order; read: {got[:60]}"


# ---------------------------------------------------------------- the named layouts


def test_layouts_cover_every_feature():
    assert len(LAYOUTS) >= 12
    shown = set().union(*(layout.features() for layout in LAYOUTS.values()))
    assert REQUIRED_FEATURES <= shown, sorted(REQUIRED_FEATURES - shown)
    assert {s.get("numbering") for s in SAMPLE_SPECS.values()} == set(NUMBERING_STYLES)
    assert {s.get("bullet") for s in SAMPLE_SPECS.values()} == {None, "-", "+"}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_layout_renders_the_spec_and_its_document(name):
    layout = LAYOUTS[name]
    spec = sample_spec("defects-decimal" if "numbers" in name else "clean-roman", seed=len(name))
    file_name, data = render(spec, layout)
    assert file_name.endswith(layout.extension)
    assert_cells_in_order(read_cells(data, spec, layout), expected_cells(spec, layout))
    if layout.format == "docx":
        import docx

        doc = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in doc.paragraphs)
        above = doc.tables[0]._tbl.getprevious()
        assert "".join(t.text for t in above.iter(W + "t")) == spec.caption  # the caption right above the table
    elif layout.format == "xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    else:
        text = data.decode("utf-8")
    for line in (f"Số: {spec.number}", f"{spec.province}, {spec.date_text}", spec.annex, spec.title, spec.caption):
        assert line in [_unmark(x) for x in text.splitlines()], line
    if layout.format != "docx":
        assert text.index(spec.caption) < text.index(spec.rows[1].name[:30])


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_rendering_is_deterministic(name):
    spec = sample_spec("clean-decimal", seed=3)
    assert render(spec, LAYOUTS[name]) == render(spec, LAYOUTS[name])


def test_docx_layouts_have_their_merged_cells():
    for name, layout in LAYOUTS.items():
        if layout.format != "docx":
            continue
        spec = sample_spec("clean-roman")
        (table,) = docx_tables(render(spec, layout)[1])
        xml = table._tbl.xml
        if layout.header_rows > 1:
            assert 'w:vMerge w:val="restart"' in xml, name
            assert layout.target_group is None or f'<w:gridSpan w:val="{len(spec.years)}"/>' in xml, name
        sections = sum(r.kind == "section" for r in spec.rows)
        spans = [tc.grid_span for row in docx_grid(table) for _, tc in row]
        width = len(docx_grid(table)[-1])
        if layout.merge_sections:
            assert spans.count(width - (1 if layout.number_title else 0)) >= sections, name
        assert table.rows[0].cells[0].text == (layout.number_title or layout.name_title)


def test_xlsx_layouts_have_merged_ranges_and_shown_numbers():
    import openpyxl

    for name, layout in LAYOUTS.items():
        if layout.format != "xlsx":
            continue
        spec = sample_spec("clean-roman", seed=5)
        ws = openpyxl.load_workbook(io.BytesIO(render(spec, layout)[1])).active
        ranges = {str(r) for r in ws.merged_cells.ranges}
        head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == layout.number_title)
        assert f"A{head}:A{head + layout.header_rows - 1}" in ranges, name  # TT merged down
        group_col = next(c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value == layout.target_group)
        assert ws.cell(head, group_col).coordinate + ":" + ws.cell(head, group_col + 1).coordinate in ranges, name
        cap = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == spec.caption)
        assert f"A{cap}:{ws.cell(cap, ws.max_column).coordinate}" in ranges
        numeric = [c for row in ws.iter_rows(min_row=head) for c in row if isinstance(c.value, (int, float))]
        assert bool(numeric) == layout.numeric_cells, name
        if numeric:
            assert {c.number_format for c in numeric} >= {"General", "0.0"}, name


def test_one_cell_without_empties_has_exactly_the_non_empty_cells():
    layout = LAYOUTS["one-cell-dropped"]
    for seed in range(3):
        spec = build_spec(seed, numbering="roman", defects=("unit",))
        lines = table_lines(render(spec, layout)[1], spec)
        header = ["TT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Theo Nghị quyết 42-NQ/TW",
                  "Cơ quan chủ trì theo dõi đánh giá, báo cáo", "Cơ quan theo dõi phối hợp, thực hiện",
                  "Đến năm 2025", "Đến năm 2030"]
        assert lines == header + expected_cells(spec, layout)
        kept = table_lines(render(spec, replace(layout, keep_empty=True))[1], spec)
        assert [x for x in kept if x] == lines and len(kept) > len(lines)
        width = 3 + len(spec.years) + len(layout.columns)
        body_rows = [r for r in spec.rows if r.kind not in ("section", "group")]
        # each body row has one line per column, a section two (its name spans the rest), a group one per column
        assert len(kept) == len(header) + width * (len(body_rows) + sum(r.kind == "group" for r in spec.rows)) \
            + 2 * sum(r.kind == "section" for r in spec.rows)


def test_layout_refuses_combinations_that_make_no_sense():
    with pytest.raises(ValueError, match="page breaks"):
        Layout(broken_row=True)
    with pytest.raises(ValueError, match="one cell per line only"):
        Layout("tsv", keep_empty=False)
    with pytest.raises(ValueError, match="broken row"):
        Layout("one-cell", keep_empty=False, page_rows=3, broken_row=True)
    with pytest.raises(ValueError, match="key"):
        Column("mark", ("Ghi chú",), "NQ99")


# ---------------------------------------------------------------- random specs and layouts


@settings(max_examples=60, deadline=None)
@given(table_specs(max_indicators=12), layouts())
def test_any_spec_renders_in_any_layout_with_its_cells_in_order(spec, layout):
    name, data = render(spec, layout)
    assert name.endswith(layout.extension) and data
    assert_cells_in_order(read_cells(data, spec, layout), expected_cells(spec, layout))


@settings(max_examples=40, deadline=None)
@given(table_specs(max_indicators=25))
def test_clean_specs_are_clean_and_defects_are_recorded(spec):
    suite = load_suite("national")
    defects = {d.row: d for d in spec.defects}
    y0, y1 = spec.years[0], spec.years[-1]
    exp = expected_rows(spec)
    assert len(exp.rows) == sum(r.kind in ("indicator", "breakdown", "sub") for r in spec.rows)
    for f, d in zip(exp.findings, spec.defects, strict=True):
        assert (exp.rows[f.row].name, exp.rows[f.row].numbering) == (spec.rows[d.row].name, spec.rows[d.row].numbering)
    for k, r in enumerate(spec.rows):
        d = defects.get(k)
        if d is not None:
            cell = r.targets[d.year] if d.year else (r.unit if d.category == "unit" else r.numbering)
            assert cell == d.value != d.was
            continue
        if r.kind not in ("indicator", "breakdown") or not r.indicator:
            continue
        ind = suite.indicators[r.indicator]
        a, b = (parse_target(r.targets[y], ind.reading_bounds) for y in (y0, y1))
        if ind.direction == "higher" and a.lo is not None and b.lo is not None and a.numeric and b.numeric:
            assert b.lo >= a.lo, (r.name, r.targets)  # 2030 at least as ambitious as 2025
        if ind.direction == "lower" and a.hi is not None and b.hi is not None:
            assert b.hi <= a.hi, (r.name, r.targets)
        if r.kind == "indicator" and k + 2 < len(spec.rows) and spec.rows[k + 1].breakdown == "urban":
            for y in spec.years:
                t, u, v = (parse_target(x.targets[y]) for x in (r, spec.rows[k + 1], spec.rows[k + 2]))
                if t.numeric and u.numeric and v.numeric and y not in {d.year for d in spec.defects if d.row == k}:
                    assert v.lo <= t.lo and t.hi <= u.hi, (r.name, y)  # the total between its parts
    numbered = [r.numbering for k, r in enumerate(spec.rows) if r.kind == "indicator" and r.numbering]
    if spec.numbering == "roman" and not any(d.category == "structure" for d in spec.defects):
        assert numbered == [str(i) for i in range(1, len(numbered) + 1)]


def test_group_rows_stand_over_their_members():
    spec = build_spec(1, indicators=["life_expectancy", "hospital_beds", "immunization", "doctors", "nurses"])
    kinds = [(r.kind, r.indicator) for r in spec.rows]
    assert kinds == [("section", None), ("indicator", "life_expectancy"), ("group", None),
                     ("indicator", "hospital_beds"), ("indicator", "doctors"), ("indicator", "nurses"),
                     ("indicator", "immunization")]
    exp = expected_rows(spec)
    assert [r.group for r in exp.rows] == [None, *["Chỉ tiêu số lượng trên 10.000 dân"] * 3, None]
    assert all(spec.rows[k].name in GROUP_MEMBERS[spec.rows[k].indicator][0] for k in (3, 4, 5))


@pytest.mark.parametrize("numbering", ["roman", "decimal"])
def test_numbering_defects_break_the_sequence_where_recorded(numbering):
    spec = build_spec(4, numbering=numbering, defects=("skipped", "repeated", "outside-parent"))
    names = {d.name: d for d in spec.defects}
    want = {"skipped", "repeated", "outside-parent"} if numbering == "decimal" else {"skipped", "repeated"}
    assert set(names) == want
    nums = {k: r.numbering for k, r in enumerate(spec.rows) if r.kind == "indicator"}
    prev = {k: max(j for j in nums if j < k) for k in nums if any(j < k for j in nums)}

    def last(n):
        return int(n.rsplit(".", 1)[-1])

    assert last(nums[names["skipped"].row]) == last(nums[prev[names["skipped"].row]]) + 2
    assert nums[names["repeated"].row] == nums[prev[names["repeated"].row]]
    if numbering == "decimal":
        d = names["outside-parent"]
        section = next(r.numbering for r in reversed(spec.rows[:d.row]) if r.kind == "section")
        assert not nums[d.row].startswith(section + ".")
    for k, n in nums.items():  # nowhere else
        if k in prev and k not in {d.row for d in spec.defects} and prev[k] not in {d.row for d in spec.defects}:
            same_section = "." not in n or n.split(".")[0] == nums[prev[k]].split(".")[0]
            if same_section:
                assert last(n) == last(nums[prev[k]]) + 1, (n, nums[prev[k]])


def test_row_defects_draw_their_finding_and_clean_specs_none(tmp_path):
    """The truth of the row-level defects, checked by plancheck on a structured submission of the
    spec's rows (a layout every reader handles): a clean spec draws no error, each defect draws
    one of its rules on its indicator."""
    from plancheck.engine import Options, run

    def lint(spec):
        p = tmp_path / "spec.csv"
        with open(p, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["indicator", "name", "unit", *map(str, spec.years)])
            for r in spec.rows:
                if r.kind in ("indicator", "sub") and any(v not in ("", "-") for v in r.targets.values()):
                    w.writerow([r.indicator, r.name, r.unit or "", *(r.targets[y] for y in spec.years)])
        return run([str(p)], Options()).findings

    row_defects = ("direction", "typo", "temporal", "unit", "baseline", "universal")
    for seed in range(4):
        assert [f for f in lint(build_spec(seed)) if f.severity == "error"] == []
        spec = build_spec(seed, defects=row_defects)
        assert {d.name for d in spec.defects} == set(row_defects)
        findings = lint(spec)
        for d in spec.defects:
            hits = [f for f in findings if f.indicator == spec.rows[d.row].indicator and f.category in d.detected_by]
            assert hits, (d, [(f.rule, f.indicator, f.value) for f in findings])


# ---------------------------------------------------------------- the feature cases


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case):
    exp = expected_rows(case.spec)
    assert tuple(r.key() for r in exp.rows) == case.rows
    assert tuple((s.numbering, s.name) for s in exp.sections) == case.sections
    for layout in case.layouts():
        _, data = render(case.spec, layout)
        assert_cells_in_order(read_cells(data, case.spec, layout), expected_cells(case.spec, layout))
    if case.printed is not None:
        _, data = render(case.spec, case.layout)
        want = ["\t".join(line) if isinstance(line, list) else line for line in case.printed]
        assert table_lines(data, case.spec) == want
    if case.merges is not None:
        _check_merges(case)


def _check_merges(case):
    import openpyxl

    for layout in case.layouts():
        _, data = render(case.spec, layout)
        if layout.format == "docx":
            (table,) = docx_tables(data)
            grid = docx_grid(table)
            for r, c, rows, cols in case.merges:
                tc = dict(grid[r])[c]
                assert tc.grid_span == cols, (r, c)
                if rows > 1:
                    assert tc.vMerge == "restart", (r, c)
                    assert all(dict(grid[i])[c].vMerge == "continue" for i in range(r + 1, r + rows)), (r, c)
                else:
                    assert tc.vMerge is None, (r, c)
            spans = sum(tc.grid_span > 1 or tc.vMerge == "restart" for row in grid for _, tc in row)
            assert spans == len(case.merges)
        elif layout.format == "xlsx":
            ws = openpyxl.load_workbook(io.BytesIO(data)).active
            head = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == layout.number_title)
            want = {f"{ws.cell(head + r, c + 1).coordinate}:{ws.cell(head + r + rows - 1, c + cols).coordinate}"
                    for r, c, rows, cols in case.merges}
            got = {str(x) for x in ws.merged_cells.ranges if x.min_row >= head}
            assert got == want


def test_cases_cover_each_feature_in_every_format():
    features = {c.feature for c in CASES}
    assert len(features) >= 15
    assert {f for c in CASES for f in c.formats} == {"tsv", "md", "one-cell", "docx", "xlsx"}


# ---------------------------------------------------------------- the sample command


def test_sample_command_writes_files_and_their_expected_rows(tmp_path):
    from tests.layouts.__main__ import expected_file, main

    out = tmp_path / "sample"
    assert main([str(out), "--count", "3", "--seed", "2"]) == 0
    files = sorted(p.name for p in out.iterdir())
    index = json.loads(expected_file(out).read_text(encoding="utf-8"))
    assert sorted(index) == files and len(files) == 3
    first = index[files[0]]
    assert first["layout"] == "tsv-two-rows" and first["rows"] and first["sections"]
    assert first["document"]["caption"] in (out / files[0]).read_text(encoding="utf-8")
