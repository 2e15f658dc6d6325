"""The proof of the reading stage: one indicator table rendered into every layout real plans use
(tests/layouts) gives the same rows and the same findings in every layout and format.

* every named layout x every sample spec (clean and with known defects): the rows read are the
  spec's rows; the findings (rule, indicator, year) are the same in every layout; a clean table
  draws no error; every injected defect is found;
* every layout feature case (tests/layouts/cases/*.yaml) in every format it applies to;
* hypothesis: random tables in random layouts.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings

from plancheck.engine import Options, run_inputs
from plancheck.extract import extract
from plancheck.matching import match_document
from plancheck.model import RowRole
from plancheck.readers import read_bytes

from .layouts import LAYOUTS, SAMPLE_SPECS, expected_rows, layouts, load_cases, render, sample_spec, table_specs

TARGET_ROWS = (RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB)


@lru_cache(maxsize=1)
def _suite():
    from plancheck.engine import load_suites

    return load_suites(("national",))


def read_rows(file_name: str, data: bytes) -> list[tuple]:
    """(numbering, name, unit, targets by year) of every row that carries targets, in order."""
    doc = extract(read_bytes(data, file_name), _suite())
    match_document(doc, _suite())
    out = []
    for table in doc.tables:
        if table.kind != "indicator":
            continue
        assert table.problem is None, (file_name, table.problem, table.header)
        for row in table.rows:
            if row.role in TARGET_ROWS:
                targets = tuple(sorted((t.year, t.text) for t in row.targets))
                out.append((row.label, row.name, row.unit, targets))
    return out


def findings_of(file_name: str, data: bytes):
    report = run_inputs([(file_name, data)], Options(lang="en"))
    assert all(f.status == "ok" for f in report.files), [f.error for f in report.files]
    return report.findings


def signature(findings) -> set[tuple]:
    return {(f.rule, f.indicator, f.year) for f in findings}


# ---------------------------------------------------------------- named layouts x sample specs


@lru_cache(maxsize=None)
def _rendered(spec_name: str, layout_name: str):
    return render(sample_spec(spec_name), LAYOUTS[layout_name])


@pytest.mark.parametrize("spec_name", sorted(SAMPLE_SPECS))
@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
def test_every_layout_reads_the_same_rows(spec_name, layout_name):
    truth = expected_rows(sample_spec(spec_name))
    name, data = _rendered(spec_name, layout_name)
    got = read_rows(name, data)
    assert got == [r.key() for r in truth.rows]


@pytest.mark.parametrize("spec_name", sorted(SAMPLE_SPECS))
def test_every_layout_gives_the_same_findings(spec_name):
    truth = expected_rows(sample_spec(spec_name))
    signatures = {}
    for layout_name in sorted(LAYOUTS):
        name, data = _rendered(spec_name, layout_name)
        found = findings_of(name, data)
        signatures[layout_name] = signature(found)
        if spec_name.startswith("clean"):
            assert not [f for f in found if f.severity == "error"], (layout_name, [
                (f.rule, f.row_label, f.value, f.message) for f in found if f.severity == "error"])
        for want in truth.findings:
            assert any(f.rule in want.rules and (want.indicator is None or f.indicator == want.indicator)
                       and (want.year is None or f.year == want.year) for f in found), (layout_name, want)
    first = next(iter(signatures.values()))
    differ = {k: v ^ first for k, v in signatures.items() if v != first}
    assert not differ, differ


# ---------------------------------------------------------------- layout feature cases

CASES = [(case, layout) for case in load_cases() for layout in case.layouts()]


@pytest.mark.parametrize("case,layout", CASES, ids=[f"{c.id}-{lay.format}" for c, lay in CASES])
def test_layout_feature_cases(case, layout):
    name, data = render(case.spec, layout)
    assert read_rows(name, data) == list(case.rows)


# ---------------------------------------------------------------- random tables in random layouts


@given(table_specs(max_indicators=16), layouts(readable_exactly=True))
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_random_tables_in_random_layouts(spec, layout):
    """(Derandomized: CI runs the same 40 draws every time. For a wider run and the share read
    exactly per format: ``python benchmarks/layouts.py``, which also draws the one combination
    left out here, ambiguous by nature: see ``layouts``.)"""
    name, data = render(spec, layout)
    assert read_rows(name, data) == [r.key() for r in expected_rows(spec).rows]
