"""A layout corpus: one indicator table rendered into the layouts real plans use.

    from tests.layouts import LAYOUTS, build_spec, expected_rows, render

    spec = build_spec(7, numbering="decimal", defects=("direction", "typo", "outside-parent"))
    truth = expected_rows(spec)                      # rows, sections, findings: layout-independent
    for name, layout in LAYOUTS.items():
        file_name, data = render(spec, layout)       # .txt / .md / .docx / .xlsx bytes

* :mod:`.spec` - the content (``TableSpec``, ``SpecRow``), clean targets from the national suite,
  defects with their truth (``Defect``), ``expected_rows``;
* :mod:`.render` - ``Layout`` (format and layout features) and ``render``;
* this module - ``LAYOUTS`` (named layouts real plans use), ``SAMPLE_SPECS``, the hypothesis
  strategies ``table_specs()`` and ``layouts()``, and ``load_cases()`` (the layout feature cases
  of ``cases/*.yaml``);
* ``python -m tests.layouts OUT_DIR`` writes a sample to look at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .render import FORMATS, Column, Layout, render, table_pages, table_text  # noqa: F401
from .spec import (BULLETS, DEFECTS, NUMBERING_STYLES, SOURCES, Defect, Expected, ExpectedRow,  # noqa: F401
                   SpecRow, TableSpec, build_spec, expected_rows, suite_indicators, suite_sections)

CASES_DIR = Path(__file__).parent / "cases"

LEAD = Column("agency", ("Cơ quan chủ trì",), 0)
PARTNER = Column("agency", ("Cơ quan phối hợp",), 1)

# Named layouts, each a variant real plans use (the comment says which feature it shows).
LAYOUTS: dict[str, Layout] = {
    # Tây Ninh: tab-separated, "Mục tiêu" over "Đến năm 2025 | Đến năm 2030", a note column, bold
    # sections; the header repeated after each page break, a name broken across a break
    "tsv-two-rows": Layout("tsv", target_group="Mục tiêu", year_titles=("Đến năm {year}",),
                           columns=(Column("note", ("Ghi chú",)),), page_rows=25, repeat_header=True,
                           broken_row=True),
    # one header row with bare years, "STT", "Đơn vị tính", one agency column, no bold markup
    "tsv-one-row": Layout("tsv", number_title="STT", unit_title="Đơn vị tính", target_group=None,
                          year_titles=("{year}",), columns=(LEAD,), bold_markup=False),
    # three header rows: an actual value, "Chỉ tiêu phấn đấu" > "Giai đoạn 2021-2025" > "Năm 2025",
    # "Ghi chú" over mark columns titled "Chỉ tiêu ...", a row of column numbers "(1) (2) ..."
    "tsv-three-rows": Layout("tsv", target_group="Chỉ tiêu phấn đấu", year_titles=("Giai đoạn {period}", "Năm {year}"),
                             columns=(Column("actual", ("Thực hiện năm 2023",)),
                                      Column("mark", ("Ghi chú", "Chỉ tiêu theo Nghị quyết 68"), "NQ68"),
                                      Column("mark", ("Ghi chú", "Chỉ tiêu của Tỉnh ủy"), "TU")),
                             column_numbers="(1)"),
    # page breaks without the header repeated, a broken name; "Ước thực hiện 2024", two agencies
    "tsv-page-breaks": Layout("tsv", target_group="Mục tiêu phấn đấu thực hiện", year_titles=("Năm {year}",),
                              columns=(Column("actual", ("Ước thực hiện 2024",)), LEAD, PARTNER),
                              page_rows=20, broken_row=True),
    # markdown pipe table; one agency column "theo dõi, đánh giá" and notes; header repeated
    "md-pipe": Layout("md", target_group="Mục tiêu", year_titles=("Năm {year}",),
                      columns=(Column("agency", ("Cơ quan, đơn vị theo dõi, đánh giá",), 0),
                               Column("note", ("Ghi chú",))),
                      page_rows=30, repeat_header=True),
    # markdown, no number column: numbers typed in the name cell ("1. Tỷ lệ ..."); a mark column
    # whose title names a year; page breaks without the header
    "md-numbers-in-name": Layout("md", number_title=None, name_title="Nội dung chỉ tiêu", target_group=None,
                                 year_titles=("Năm {year}",),
                                 columns=(Column("mark", ("Chỉ tiêu năm 2025 theo Nghị quyết Đại hội Đảng bộ tỉnh",),
                                                 "TU"),),
                                 page_rows=35),
    # Khánh Hòa: one cell per line, empty cells dropped; the two-row header flattened row by row:
    # TT, Chỉ tiêu, Đơn vị, Mục tiêu, Theo Nghị quyết 42-NQ/TW, Cơ quan ..., Cơ quan ..., Đến năm 2025, Đến năm 2030
    "one-cell-dropped": Layout("one-cell", keep_empty=False,
                               columns=(Column("mark", ("Theo Nghị quyết 42-NQ/TW",), "NQ42"),
                                        Column("agency", ("Cơ quan chủ trì theo dõi đánh giá, báo cáo",), 0),
                                        Column("agency", ("Cơ quan theo dõi phối hợp, thực hiện",), 1))),
    # one cell per line with the empty cells kept as blank lines; "Phấn đấu đến năm 2030", column
    # numbers "1 2 3", the header repeated after page breaks, a broken name
    "one-cell-kept": Layout("one-cell", target_group="Mục tiêu phấn đấu", year_titles=("Phấn đấu đến năm {year}",),
                            columns=(Column("note", ("Ghi chú",)),), column_numbers="1", page_rows=30,
                            repeat_header=True, broken_row=True),
    # Word: TT / Chỉ tiêu / Đơn vị merged down two header rows (vMerge), "Mục tiêu" across the years
    # and "Ghi chú" across "Chỉ tiêu theo Nghị quyết 68 | Chỉ tiêu của Tỉnh ủy" (gridSpan), section
    # rows merged across
    "docx-merged-notes": Layout("docx", target_group="Mục tiêu", year_titles=("Đến năm {year}",),
                                columns=(Column("mark", ("Ghi chú", "Chỉ tiêu theo Nghị quyết 68"), "NQ68"),
                                         Column("mark", ("Ghi chú", "Chỉ tiêu của Tỉnh ủy"), "TU"))),
    # Word: "Hiện trạng" before the targets, two agencies, column numbers, the header rows repeated
    # inside the table after each page, a broken name
    "docx-agencies": Layout("docx", target_group="Mục tiêu phấn đấu", year_titles=("Năm {year}",),
                            columns=(Column("actual", ("Hiện trạng",)), LEAD, PARTNER), column_numbers="(1)",
                            page_rows=30, repeat_header=True, broken_row=True),
    # Word: no number column (numbers in the name cell), one header row "Giai đoạn 2026-2030",
    # sections not merged
    "docx-numbers-in-name": Layout("docx", number_title=None, target_group=None, year_titles=("Giai đoạn {period}",),
                                   columns=(Column("note", ("Ghi chú",)),), merge_sections=False),
    # Excel annex: document and caption rows above a merged header "Chỉ tiêu phấn đấu" > "Đến năm",
    # a source-mark column, the lead agency, column numbers
    "xlsx-annex": Layout("xlsx", target_group="Chỉ tiêu phấn đấu", year_titles=("Đến năm {year}",),
                         columns=(Column("mark", ("Theo Nghị quyết 42-NQ/TW",), "NQ42"), LEAD), column_numbers="(1)"),
    # Excel: numbers stored as numbers, three header rows, "Thực hiện năm 2023", the header repeated
    "xlsx-numbers": Layout("xlsx", numeric_cells=True, target_group="Mục tiêu",
                           year_titles=("Giai đoạn {period}", "Đến năm {year}"),
                           columns=(Column("actual", ("Thực hiện năm 2023",)), Column("note", ("Ghi chú",))),
                           page_rows=40, repeat_header=True),
}

# Every layout feature the corpus must show at least once (tags of Layout.features()).
REQUIRED_FEATURES = {
    *(f"format:{f}" for f in FORMATS), "header-rows:1", "header-rows:2", "header-rows:3",
    "target-group:Mục tiêu", "target-group:Mục tiêu phấn đấu", "target-group:Chỉ tiêu phấn đấu",
    "target-group:Mục tiêu phấn đấu thực hiện",
    "years:{year}", "years:Năm {year}", "years:Đến năm {year}", "years:Phấn đấu đến năm {year}",
    "years:Giai đoạn {period}",
    "mark-column", "note-column", "note-group", "title-begins-chi-tieu", "title-names-year",
    "title-names-resolution", "agencies:1", "agencies:2",
    "actual:Thực hiện năm", "actual:Ước thực hiện", "actual:Hiện trạng",
    "column-numbers:(1)", "column-numbers:1", "number-column", "numbers-in-name",
    "page-break", "repeat-header", "broken-row", "one-cell:keep-empty", "one-cell:drop-empty",
    "bold-markup", "merged-cells", "numeric-cells",
}

ALL_DEFECTS = tuple(DEFECTS)
# Named specs: each numbering style, clean and with every defect it can carry.
SAMPLE_SPECS = {
    "clean-roman": dict(numbering="roman", bullet="-"),
    "clean-decimal": dict(numbering="decimal", bullet="+"),
    "clean-sections": dict(numbering="sections", bullet=None),
    "clean-none": dict(numbering="none", bullet="-"),
    "defects-roman": dict(numbering="roman", bullet="-", defects=ALL_DEFECTS),
    "defects-decimal": dict(numbering="decimal", bullet=None, defects=ALL_DEFECTS),
}


def sample_spec(name: str, seed: int = 0) -> TableSpec:
    """One of :data:`SAMPLE_SPECS`, every indicator of the suite, with the values of ``seed``."""
    return build_spec(seed, **SAMPLE_SPECS[name])


# ---------------------------------------------------------------- hypothesis strategies

TARGET_GROUPS = ("Mục tiêu", "Mục tiêu phấn đấu", "Chỉ tiêu phấn đấu", "Mục tiêu phấn đấu thực hiện")
YEAR_TITLES = ("{year}", "Năm {year}", "Đến năm {year}", "Phấn đấu đến năm {year}", "Giai đoạn {period}")
ACTUAL_TITLES = ("Thực hiện năm 2023", "Ước thực hiện 2024", "Hiện trạng", "Ước thực hiện năm 2024")
MARK_COLUMNS = (("Theo Nghị quyết 42-NQ/TW", "NQ42"), ("Chỉ tiêu theo Nghị quyết 68", "NQ68"),
                ("Chỉ tiêu của Tỉnh ủy", "TU"), ("Nghị quyết 68/NQ-CP", "NQ68"),
                ("Chỉ tiêu năm 2025 theo Nghị quyết Đại hội Đảng bộ tỉnh", "TU"))
AGENCY_COLUMNS = ((), (LEAD,), (LEAD, PARTNER), (Column("agency", ("Cơ quan, đơn vị theo dõi, đánh giá",), 0),),
                  (Column("agency", ("Cơ quan chủ trì theo dõi đánh giá, báo cáo",), 0),
                   Column("agency", ("Cơ quan theo dõi phối hợp, thực hiện",), 1)))


def table_specs(max_indicators: int = 30, defects: bool = True):
    """Specs drawn at random: a subset of the suite's indicators in any order, sections in any
    order, any numbering style and bullet, with or without the group header, breakdowns and
    sub-rows, and (``defects``) up to four known defects."""
    from hypothesis import strategies as st

    ids = [i.id for i in suite_indicators()]
    section_keys = list(suite_sections())

    @st.composite
    def specs(draw):
        chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=max_indicators, unique=True))
        order = draw(st.permutations(section_keys))
        return build_spec(
            draw(st.randoms(use_true_random=False)), indicators=chosen, sections=order,
            numbering=draw(st.sampled_from(list(NUMBERING_STYLES))), bullet=draw(st.sampled_from(BULLETS)),
            group=draw(st.booleans()), breakdowns=draw(st.booleans()), subs=draw(st.booleans()),
            defects=tuple(draw(st.lists(st.sampled_from(ALL_DEFECTS), max_size=4, unique=True))) if defects else ())

    return specs()


def layouts(formats: tuple[str, ...] | None = None, readable_exactly: bool = False):
    """Layouts drawn at random: any valid combination of the features and formats.

    ``readable_exactly``: leave out the one combination whose text is ambiguous by nature, a
    one-cell conversion that dropped its empty cells from a table with an actual-value column
    (an empty actual and an empty note dropped, "3-4", "-", "5", "Y tế" reads as well as
    actual 3-4, targets - and 5, note "Y tế" as targets 3-4 and -, then section 5 "Y tế").
    ``benchmarks/layouts.py`` measures that combination with the others."""
    from hypothesis import strategies as st

    @st.composite
    def draw_layout(draw):
        fmt = draw(st.sampled_from(list(formats or FORMATS)))
        group = draw(st.sampled_from((None,) + TARGET_GROUPS))
        years = (draw(st.sampled_from(YEAR_TITLES)),)
        if group and years[0] != "Giai đoạn {period}" and draw(st.booleans()):
            years = ("Giai đoạn {period}",) + years  # a third header row
        before = ()
        keep_empty = draw(st.booleans()) if fmt == "one-cell" else True
        ambiguous = readable_exactly and not keep_empty
        actual = None if ambiguous else draw(st.sampled_from((None,) + ACTUAL_TITLES))
        if actual:
            before = (Column("actual", (actual,)),)
        marks = draw(st.lists(st.sampled_from(MARK_COLUMNS), max_size=3, unique=True))
        grouped = bool(marks) and draw(st.booleans())
        units = []
        if marks:
            block = tuple(Column("mark", ("Ghi chú", t) if grouped else (t,), k) for t, k in marks)
            units += [block] if grouped else [(c,) for c in block]
        if draw(st.booleans()):
            units.append((Column("note", ("Diễn giải" if grouped else "Ghi chú",)),))
        agencies = draw(st.sampled_from(AGENCY_COLUMNS))
        if agencies:
            units.append(agencies)
        units = draw(st.permutations(units)) if units else []
        page_rows = draw(st.one_of(st.none(), st.integers(3, 40)))
        breaks = page_rows is not None
        return Layout(
            fmt, number_title=draw(st.sampled_from(("TT", "STT", None))),
            name_title=draw(st.sampled_from(("Chỉ tiêu", "Tên chỉ tiêu", "Nội dung chỉ tiêu"))),
            unit_title=draw(st.sampled_from(("Đơn vị", "Đơn vị tính", "ĐVT"))),
            target_group=group, year_titles=years, columns=before + tuple(c for u in units for c in u),
            column_numbers=draw(st.sampled_from((None,) + ("(1)", "1"))), page_rows=page_rows,
            repeat_header=breaks and draw(st.booleans()),
            broken_row=breaks and (keep_empty or fmt != "one-cell") and draw(st.booleans()),
            keep_empty=keep_empty, bold_markup=draw(st.booleans()), merge_sections=draw(st.booleans()),
            numeric_cells=fmt == "xlsx" and draw(st.booleans()))

    return draw_layout()


# ---------------------------------------------------------------- layout feature cases (cases/*.yaml)


@dataclass(frozen=True)
class Case:
    """One layout feature case: a small table, the layout feature, the formats it is rendered
    into, and the rows (and sections) it must yield in every one of them."""

    id: str  # "<file stem>/<case name>"
    feature: str
    description: str
    layout: Layout  # the feature, in the first of ``formats``
    formats: tuple[str, ...]
    spec: TableSpec
    rows: tuple[tuple, ...]  # (numbering, name, unit, {year: target}) as ExpectedRow.key() gives them
    sections: tuple[tuple, ...]  # (numbering, name)
    printed: tuple | None = None  # the table as the first (text) format prints it, line by line (tsv: cells)
    merges: tuple | None = None  # (row, column, rows, columns) of each merged cell of the table grid

    def layouts(self) -> list[Layout]:
        return [self.layout.with_format(f) for f in self.formats]


def _layout_from(data: dict, fmt: str) -> Layout:
    data = dict(data or {})
    cols = tuple(Column(c["role"], tuple(c["path"]), c.get("key")) for c in data.pop("columns", []))
    if "year_titles" in data:
        data["year_titles"] = tuple(data["year_titles"])
    return Layout(fmt, columns=cols, **data)


def _text(value, what: str) -> str | None:
    """A cell text from YAML: strings as they are; a float is refused ("5.10" loads as 5.1)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{what}: write {value!r} as a quoted string")


def _spec_from(data: dict) -> TableSpec:
    years = tuple(data.get("years", (2025, 2030)))
    rows = []
    for r in data["rows"]:
        r = dict(r)
        name = r.pop("name")
        rows.append(SpecRow(
            kind=r.pop("kind", "indicator"), numbering=_text(r.pop("numbering", None), f"{name}: numbering"),
            name=name, unit=_text(r.pop("unit", None), f"{name}: unit"),
            targets={int(y): _text(v, f"{name}: target {y}") for y, v in (r.pop("targets", None) or {}).items()},
            actual=_text(r.pop("actual", ""), f"{name}: actual"), sources=frozenset(r.pop("sources", ())),
            agencies=tuple(r.pop("agencies", ())), note=r.pop("note", ""), indicator=r.pop("indicator", None),
            breakdown=r.pop("breakdown", None)))
        if r:
            raise ValueError(f"{name}: unknown row keys: {', '.join(r)}")
    return TableSpec(province=data.get("province", "Hà Giang"), number=data.get("number", "123/KH-UBND"),
                     date=dt.date.fromisoformat(str(data.get("date", "2024-09-05"))), rows=tuple(rows), years=years,
                     numbering=data.get("numbering", "roman"))


CASE_KEYS = {"description", "layout", "formats", "table", "rows", "sections", "printed", "merges"}


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    """Every case of ``cases/*.yaml`` (one file per layout feature)."""
    import yaml

    out = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ValueError(f"{path}: {exc}") from None
        unknown = set(data) - {"feature", "description", "layout", "formats", "cases"}
        if unknown:
            raise ValueError(f"{path}: unknown keys: {', '.join(sorted(unknown))}")
        for name, case in data["cases"].items():
            unknown = set(case) - CASE_KEYS
            if unknown:
                raise ValueError(f"{path}: case {name!r}: unknown keys: {', '.join(sorted(unknown))}")
            formats = tuple(case.get("formats", data.get("formats", list(FORMATS))))
            layout = _layout_from({**(data.get("layout") or {}), **(case.get("layout") or {})}, formats[0])
            for fmt in formats[1:]:
                layout.with_format(fmt)  # every format must make a valid layout
            spec = _spec_from(case["table"])
            rows = tuple((_text(r[0], f"{name}: expected numbering"), r[1], r[2],
                          tuple(sorted((int(y), _text(v, f"{name}: expected target")) for y, v in r[3].items())))
                         for r in case["rows"])
            sections = tuple((_text(s[0], f"{name}: section numbering"), s[1]) for s in case.get("sections", []))
            description = case.get("description", data.get("description", ""))
            out.append(Case(f"{path.stem}/{name}", data["feature"], description,
                            layout, formats, spec, rows, sections,
                            tuple(case["printed"]) if "printed" in case else None,
                            tuple(tuple(m) for m in case["merges"]) if "merges" in case else None))
    return out


def sample(count: int | None = None, seed: int = 0) -> list[tuple[str, str, TableSpec, Layout]]:
    """(file name, layout name, spec, layout) for a sample: each named layout in turn, with the
    sample specs in turn (each numbering style, clean and with defects)."""
    names = list(LAYOUTS)
    specs = list(SAMPLE_SPECS)
    count = len(names) if count is None else count
    out = []
    for i in range(count):
        lname, sname = names[i % len(names)], specs[i % len(specs)]
        spec = sample_spec(sname, seed + i)
        layout = LAYOUTS[lname]
        out.append((f"{i:03d}-{lname}-{sname}{layout.extension}", lname, spec, layout))
    return out


__all__ = ["LAYOUTS", "REQUIRED_FEATURES", "SAMPLE_SPECS", "Case", "Column", "Defect", "Expected", "ExpectedRow",
           "Layout", "SpecRow", "TableSpec", "build_spec", "expected_rows", "layouts", "load_cases", "render",
           "sample", "sample_spec", "table_pages", "table_specs", "table_text"]
