"""Outlines as data: documents whose tree and numbering findings are known, in several formats.

* :class:`Item` - one node of an outline as the author meant it: its marker (style and value),
  its text, its children; a table of rows is an :class:`Item` of style ``table``;
* :func:`render` - the document in a format: ``text`` (one paragraph per line, tables
  tab-separated), ``markdown`` (a portal's: lines wrapped at 60 characters, paragraphs separated
  by blank lines, headings in ``**bold**``, tables between lines of a lone bar), ``docx`` (the
  markers typed) and ``docx-lists`` (Word's own list numbering: ``w:numPr``, no marker typed);
* :func:`outlines` - a hypothesis strategy of valid outlines (mixed markers, one to four
  levels, restarts, annex tables with parent rows, breakdowns and group headers, headings broken
  over two lines, page breaks in tables);
* :func:`load_cases` - the named cases of ``cases/*.yaml``: a document, the tree it must give and
  the numbering findings it must draw.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from plancheck.textnorm import VI_LETTERS, int_to_roman

CASES_DIR = Path(__file__).parent / "cases"
HEADER = ["Số: 125/KH-UBND", "Hà Giang, ngày 12 tháng 8 năm 2025", "KẾ HOẠCH",
          "Thực hiện các nhiệm vụ năm 2026"]


@dataclass
class Item:
    """A node as the author meant it. ``style``: roman | upper | arabic | decimal | letter | bullet |
    word | paragraph | table | row; ``value`` its number (decimal: the last part; the prefix is
    the parent's number); ``sign`` a bullet's sign; ``rows`` a table's rows (items of style row,
    each with ``cells`` after its number and name)."""

    style: str
    value: int = 0
    text: str = ""
    children: list[Item] = field(default_factory=list)
    sign: str = "-"
    prefix: tuple[int, ...] = ()  # a decimal number's prefix as written (its parent's number unless a defect)
    cells: tuple[str, ...] = ()  # a row's cells after the name (unit, targets)
    number: str | None = None  # a row's number as written in its TT cell ("" for none)
    announced: int | None = None  # "(N nhiệm vụ)" written after the heading
    upper: bool = False  # a heading in capitals (may be broken over two paragraphs)
    broken: bool = False  # the heading is broken over two paragraphs (text and Word)

    def marker(self) -> str:
        s, v = self.style, self.value
        if s == "roman":
            return f"{int_to_roman(v)}."
        if s == "upper":
            return f"{chr(ord('A') + v - 1)}."
        if s == "arabic":
            return f"{v}."
        if s == "decimal":
            return ".".join(str(p) for p in (*self.prefix, v)) + "."
        if s == "letter":
            return f"{VI_LETTERS[v - 1]})"
        if s == "bullet":
            return self.sign
        if s == "word":
            return f"Chỉ tiêu {v}:"
        return ""

    def line(self) -> str:
        text = self.text + (f" ({self.announced} nhiệm vụ)" if self.announced is not None else "")
        m = self.marker()
        return f"{m} {text}" if m else text


def walk(items: list[Item]):
    for it in items:
        yield it
        if it.style != "table":
            yield from walk(it.children)


# ---------------------------------------------------------------- rendering


def paragraphs(items: list[Item]) -> list[tuple[str, Item]]:
    """(text, item) of each paragraph of the body in order; a table's rows are not among them."""
    out: list[tuple[str, Item]] = []
    for it in items:
        if it.style == "table":
            out.append(("", it))
            continue
        out.append((it.line(), it))
        out.extend(paragraphs(it.children))
    return out


def _row_cells(row: Item) -> list[str]:
    number = row.number if row.number is not None else row.marker().rstrip(".")
    return [number, row.text, *row.cells]


TABLE_HEADER = ["TT", "Chỉ tiêu", "Đơn vị", "Năm 2026", "Năm 2030"]


def render(items: list[Item], fmt: str) -> tuple[str, bytes]:
    """(file name, content) of the document of ``items`` in ``fmt``."""
    if fmt == "text":
        return "plan.txt", "\n".join(_text_lines(items)).encode("utf-8")
    if fmt == "markdown":
        return "plan.md", "\n".join(_markdown_lines(items)).encode("utf-8")
    if fmt in ("docx", "docx-lists"):
        return "plan.docx", _docx(items, lists=fmt == "docx-lists")
    raise ValueError(fmt)


def _text_lines(items: list[Item]) -> list[str]:
    lines = list(HEADER)
    for text, it in paragraphs(items):
        if it.style == "table":
            lines.append("\t".join(TABLE_HEADER))
            for k, row in enumerate(it.children):
                if k and k % 7 == 0:
                    lines.append("")  # a page break inside the table
                lines.append("\t".join(_row_cells(row)))
            continue
        if it.broken:
            head, _, tail = text.rpartition(" ")
            lines += [head, tail]  # "II. MỤC TIÊU CỤ" / "THỂ": a heading broken over two paragraphs
        else:
            lines.append(text)
    return lines


def _markdown_lines(items: list[Item]) -> list[str]:
    lines = [HEADER[0], "", HEADER[1], "", f"**{HEADER[2]}**", "", HEADER[3], ""]
    for text, it in paragraphs(items):
        if it.style == "table":
            rows = [TABLE_HEADER] + [_row_cells(r) for r in it.children]
            for row in rows:
                for cell in row:
                    lines.append("|")
                    lines.extend(textwrap.wrap(cell, 40))
                lines.append("|")
            lines.append("")
            continue
        bold = it.style in ("roman", "upper", "arabic", "decimal") and it.children
        wrapped = textwrap.wrap(text, 60)
        if bold:
            wrapped[0] = "**" + wrapped[0]
            wrapped[-1] = wrapped[-1] + "**"
        lines += [*wrapped, ""]
    return lines


_LIST_LEVELS = {"roman": ("upperRoman", "%1."), "arabic": ("decimal", "%2."), "letter": ("lowerLetter", "%3)"),
                "bullet": ("bullet", "-")}


def _docx(items: list[Item], lists: bool) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    num_id = None
    if lists:
        num_id = _add_list(document, parse_xml, nsdecls)
    for line in HEADER:
        document.add_paragraph(line)
    depth_of = {"roman": 0, "arabic": 1, "letter": 2, "bullet": 3}
    for text, it in paragraphs(items):
        if it.style == "table":
            rows = [TABLE_HEADER] + [_row_cells(r) for r in it.children]
            table = document.add_table(rows=len(rows), cols=len(TABLE_HEADER))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row[:len(TABLE_HEADER)]):
                    table.cell(r, c).text = cell
            continue
        if lists and it.style in depth_of:
            p = document.add_paragraph(it.line()[len(it.marker()):].strip())
            p_pr = p._p.get_or_add_pPr()
            num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{depth_of[it.style]}"/>'
                               f'<w:numId w:val="{num_id}"/></w:numPr>')
            p_pr.append(num_pr)
            continue
        if it.broken:
            head, _, tail = text.rpartition(" ")
            document.add_paragraph(head)
            document.add_paragraph(tail)
            continue
        p = document.add_paragraph(text)
        if it.style in ("roman", "upper") or (it.style == "arabic" and it.children):
            for run in p.runs:
                run.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_list(document, parse_xml, nsdecls) -> str:
    """A list of four levels (I. > 1. > a) > -) in the package's numbering part; its numId."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:pPr><w:ind w:left="{360 + 360 * k}" w:hanging="360"/></w:pPr></w:lvl>'
        for k, (fmt, text) in enumerate(_LIST_LEVELS.values()))
    numbering.append(parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


# ---------------------------------------------------------------- the tree as plancheck reads it


def tree_lines(doc) -> list[str]:
    """The outline read from a document as "marker [role] first words" lines indented by depth
    (paragraphs without a marker and the header before the first marked node left out)."""
    from plancheck.model import NodeKind
    from plancheck.reporters.show import node_role

    out: list[str] = []

    def shown(node) -> bool:
        # (paragraphs, and bold headings without a number - the title - are left out)
        return node.kind not in (NodeKind.DOCUMENT, NodeKind.PARAGRAPH) and not (
            node.marker is None and node.kind in (NodeKind.HEADING, NodeKind.ITEM))

    def visit(node, depth: int) -> None:
        if shown(node):
            marker = node.marker.text if node.marker is not None else ""
            if node.marker is not None and node.marker.style == "bullet":
                marker = "•"  # (the sign Word draws is its own: the level shows in the tree)
            words = " ".join(node.text.split()[:3])
            if node.kind == NodeKind.TABLE:
                words = "table"
            head = f"{marker} " if marker else ""
            out.append(f"{'  ' * depth}{head}[{node_role(doc, node)}] {words}")
        for child in node.children:
            visit(child, depth + shown(node))

    visit(doc.outline, 0)
    return out


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    name: str
    document: str  # one paragraph per line; tab-separated lines are a table
    formats: tuple[str, ...]
    tree: tuple[str, ...]
    findings: tuple[tuple, ...]  # (rule, marker as written, suggestion)


def load_cases() -> list[Case]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            out.append(Case(f"{path.stem}:{c['name']}", c["document"], tuple(c.get("formats", ("text",))),
                            tuple(line for line in c.get("tree", "").splitlines() if line.strip()),
                            tuple(tuple(f) for f in c.get("findings", ()))))
    return out


def _roman(text: str) -> bool:
    from plancheck.textnorm import roman_to_int

    return roman_to_int(text.strip()) is not None


def render_case(case: Case, fmt: str) -> tuple[str, bytes]:
    """A case's document in ``fmt``: text as written; markdown hard-wrapped with blank lines,
    tables between bar lines (a row as wide as the header, a Roman section's row merged); docx
    one paragraph per line, one table per run of tab-separated lines."""
    lines = [*HEADER, *case.document.splitlines()]
    if fmt == "text":
        return "case.txt", "\n".join(lines).encode("utf-8")
    if fmt == "markdown":
        md: list[str] = []
        k = 0
        while k < len(lines):
            if "\t" in lines[k]:
                width = len(lines[k].split("\t"))
                while k < len(lines) and "\t" in lines[k]:
                    cells = lines[k].split("\t")
                    if not _roman(cells[0]):  # a Word table flattened: every cell but merged ones
                        cells += [""] * (width - len(cells))
                    for cell in cells:
                        md.append("|")
                        md.extend(textwrap.wrap(cell, 40))
                    md.append("|")
                    k += 1
                md.append("")
                continue
            wrapped = textwrap.wrap(lines[k], 60) or [""]
            md += [*wrapped, ""]
            k += 1
        return "case.md", "\n".join(md).encode("utf-8")
    if fmt == "docx":
        import docx

        document = docx.Document()
        k = 0
        while k < len(lines):
            if "\t" in lines[k]:
                rows = []
                while k < len(lines) and "\t" in lines[k]:
                    rows.append(lines[k].split("\t"))
                    k += 1
                width = max(len(r) for r in rows)
                table = document.add_table(rows=len(rows), cols=width)
                for r, row in enumerate(rows):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
                continue
            document.add_paragraph(lines[k])
            k += 1
        out = io.BytesIO()
        document.save(out)
        return "case.docx", out.getvalue()
    raise ValueError(fmt)


__all__ = ["Item", "Case", "render", "render_case", "load_cases", "tree_lines", "walk", "paragraphs", "replace"]
