"""The document's outline and the numbering checks (plancheck.extract.outline, plancheck.checks.numbering):
named cases (tests/outlines/cases/*.yaml) in each of their formats, and generated outlines that must
read the same in every format, draw no numbering finding, and draw exactly the finding of one
injected defect, at its node."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plancheck.engine import Options, run_inputs
from plancheck.model import NodeKind

from .outlines import load_cases, render, render_case, tree_lines, walk
from .outlines.generate import DEFECTS, inject, outlines

NUMBERING = ("S001", "S002", "S003", "S007", "S008")


def _read(name: str, data: bytes):
    docs: list = []
    report = run_inputs([(name, data)], Options(lang="en"), docs_out=docs)
    assert [f.status for f in report.files] == ["ok"], [f.error for f in report.files]
    return docs[0], [f for f in report.findings if f.rule in NUMBERING]


CASES = [(case, fmt) for case in load_cases() for fmt in case.formats]


@pytest.mark.parametrize("case,fmt", CASES, ids=[f"{c.name}-{f}" for c, f in CASES])
def test_outline_case(case, fmt):
    doc, findings = _read(*render_case(case, fmt))
    if case.tree:
        assert tree_lines(doc) == list(case.tree)
    got = sorted((f.rule, f.value, f.suggestion) for f in findings)
    assert got == sorted(tuple(x) for x in case.findings), [f.message for f in findings]


def test_there_are_cases_for_every_numbering_rule():
    rules = {f[0] for case in load_cases() for f in case.findings}
    assert set(NUMBERING) <= rules, set(NUMBERING) - rules


def _formats(items) -> list[str]:
    fmts = ["text", "markdown", "docx"]
    styles = {it.style for it in walk(items)}
    if styles <= {"roman", "arabic", "letter", "bullet", "paragraph", "table", "row"} and not any(
            it.style == "bullet" and it.sign != "-" for it in walk(items)):
        fmts.append("docx-lists")  # Word draws I. > 1. > a) > - itself
    return fmts


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(outlines())
def test_valid_outlines_read_the_same_in_every_format_and_draw_no_numbering_finding(items):
    trees = {}
    for fmt in _formats(items):
        doc, findings = _read(*render(items, fmt))
        assert not findings, (fmt, [f.message for f in findings])
        trees[fmt] = tree_lines(doc)
    first = trees["text"]
    for fmt, tree in trees.items():
        assert tree == first, fmt


def _node_at(doc, location):
    for node in doc.outline.walk():
        if node.kind != NodeKind.DOCUMENT and node.location == location:
            return node
    return None


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_one_injected_defect_draws_exactly_its_finding_at_its_node(data):
    items = data.draw(outlines())
    defect = data.draw(st.sampled_from(DEFECTS))
    broken, expected = inject(items, defect, data.draw)
    if not expected:
        return
    fmt = data.draw(st.sampled_from(["text", "markdown", "docx"]))
    doc, findings = _read(*render(broken, fmt))
    got = sorted((f.rule, " ".join(_node_at(doc, f.location).text.split()[:12])) for f in findings)
    want = sorted((rule, " ".join(_text_of(it).split()[:12])) for it, rule in expected)
    assert got == want, (defect, fmt, [f.message for f in findings])


def _text_of(item) -> str:
    return item.text + (f" ({item.announced} nhiệm vụ)" if item.announced is not None else "")


@pytest.mark.parametrize("bold", [("<b>", "</b>"), ("**", "**")], ids=["html-bold", "markdown-bold"])
def test_bold_sections_numbered_like_the_rows_under_them(bold):
    """Sections 1, 2, 3 in bold with the indicators numbered 1 to 7 across them: each section
    holds its rows, the sections are siblings, and nothing is "used twice"."""
    b, e = bold
    rows = [f"{b}1{e}\t{b}Lao động, việc làm{e}\t\t\t", "1\tTỷ lệ thất nghiệp chung\t%\t< 3\t< 3",
            "2\tTỷ lệ thất nghiệp khu vực thành thị\t%\t< 4\t< 4", f"{b}2{e}\t{b}Giáo dục{e}\t\t\t",
            "3\tTỷ lệ trẻ em mầm non được học 2 buổi/ngày\t%\t99,5\t99,5", "4\tTỷ lệ trường đạt chuẩn quốc gia\t%\t60\t70",
            f"{b}3{e}\t{b}Y tế{e}\t\t\t", "5\tTuổi thọ trung bình\tnăm\t74,5\t75", "6\tSố bác sĩ trên 10.000 dân\tbác sĩ\t12\t19",
            "7\tSố giường bệnh trên 10.000 dân\tgiường\t30\t35"]
    text = "PHỤ LỤC\nTT\tChỉ tiêu\tĐơn vị\tNăm 2025\tNăm 2030\n" + "\n".join(rows) + "\n"
    docs: list = []
    report = run_inputs([("annex.txt", text.encode())], Options(lang="en"), docs_out=docs)
    assert [f.rule for f in report.findings if f.rule.startswith("S")] == []
    table = next(n for n in docs[0].outline.walk() if n.kind == NodeKind.TABLE)
    assert [(c.marker.text, len(c.children)) for c in table.children] == [("1", 2), ("2", 2), ("3", 3)]
