"""The document's outline: every heading, list item, paragraph, table and table row in one tree.

Vietnamese administrative documents number their parts I. > 1. > a) > - > + (Nghị định
30/2020/NĐ-CP); plans add decimal numbers (2.1, 2.3.1), "Chỉ tiêu 1:", bold headings without a
number, and annex tables whose rows are numbered the same ways. A node's parent is decided by
its marker, as a list parser does (:func:`place`):

* a marker of a kind already open above (the same style, word, delimiter, decimal depth or
  bullet sign) is that node's sibling: everything opened after it is closed ("II." closes the
  "1." and "a)" of part I, so the "1." after it starts a new list);
* a decimal number goes under the open node its prefix names ("2.1" under "2."), or, when none
  does, under the nearest number one level up (where the check finds it out of place);
* any other marker opens a level under the node above it;
* a first number ("1", "a") of a kind open higher up, under items of another kind, starts a
  list nested under them rather than repeating the one above.

Paragraphs without a marker stand under the open node; a short bold paragraph without a marker
is a heading of its own kind (the lists under one bold heading are not those under the next).
An annex (a "PHỤ LỤC" heading) starts a subtree of its own. A table stands where its grid is;
its rows form its subtree by the same rules (a breakdown under the row it refines), and a row's
role is then read from the tree (:func:`settle_roles`): a numbered row with rows under it and no
value of its own is a section only at the top of its table; below, it is a parent indicator,
or a group header when its name says so.
"""

from __future__ import annotations

import re

from ..model import (Block, Document, Grid, Location, NodeKind, Numbering, OutlineNode, Paragraph, RowRole,
                     Table)
from ..textnorm import fold
from .metadata import heading_text
from .numbering import paragraph_marker
from .rows import group_unit_of, is_measure, is_upper

_ANNEX = re.compile(r"^phu luc\b")
_BOLD_HEADING = ("bold",)  # the kind of a bold heading without a number
_UNNUMBERED_SECTION = ("section",)  # the kind of a table's heading row without a number
_SAME_INDENT = 180  # twips (an eighth of an inch): two list items this close stand at one level

# "(10 mục tiêu)", "gồm 5 nhiệm vụ", "25 chỉ tiêu", "năm nhóm giải pháp": a count the text announces
_COUNT_WORDS = {"hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
_ANNOUNCED = re.compile(
    r"(?:^|[\s(])(?P<n>\d{1,3}|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s+(?:nhom\s+)?"
    r"(?:muc tieu|chi tieu|nhiem vu|giai phap|noi dung|linh vuc|chuong trinh|du an|de an|dinh huong|quan diem)"
    r"(?:\s+(?:chu yeu|cu the|trong tam|trong yeu|chinh))?\s*(?:\)|:|$|sau\b)")


def build_outline(doc: Document, blocks: list[Block], annex_at: int | None) -> OutlineNode:
    """The outline of ``doc`` read from its ``blocks`` (``annex_at``: the index of the first
    block of the annexes, if any); table rows come from ``doc.tables``."""
    root = OutlineNode(NodeKind.DOCUMENT, "", doc.title_location or Location())
    tables_at: dict[int | None, list[int]] = {}
    for ti, table in enumerate(doc.tables):
        tables_at.setdefault(table.location.block, []).append(ti)
    stack: list[OutlineNode] = [root]
    last: OutlineNode | None = None
    for idx, b in enumerate(blocks):
        if isinstance(b, Grid):
            for ti in tables_at.get(b.location.block, ()):
                node = stack[-1].add(OutlineNode(NodeKind.TABLE, doc.tables[ti].caption or "", doc.tables[ti].location,
                                                 table=ti))
                _table_rows(node, doc.tables[ti], ti)
            last = None
            continue
        text = heading_text(b.text)
        if not text:
            continue
        if annex_at is not None and idx >= annex_at and len(text) < 200 and _ANNEX.match(fold(text[:24])):
            annex = root.add(OutlineNode(NodeKind.ANNEX, text, b.location, bold=b.bold))
            stack, last = [root, annex], annex
            continue
        marker, rest = paragraph_marker(text)
        if marker is None and last is not None and _continues_heading(last, text, b):
            last.text = f"{last.text} {text}"  # a heading broken over two paragraphs
            continue
        if marker is None and not _bold_heading(b, text):
            stack[-1].add(OutlineNode(NodeKind.PARAGRAPH, text, b.location, bold=b.bold,
                                      announced=_announced(text), paragraph=b, offset=max(b.text.find(text), 0)))
            last = None
            continue
        own = rest if marker else text
        node = OutlineNode(NodeKind.ITEM, own, b.location, marker=marker, bold=b.bold, announced=_announced(own),
                           indent=b.indent, paragraph=b, offset=max(b.text.find(own), 0))
        place(stack, node, _BOLD_HEADING if marker is None else None)
        last = node if is_upper(node.text) else None
    for node in root.walk():
        if node.kind == NodeKind.ITEM and any(c.marker is not None or c.kind == NodeKind.TABLE for c in node.children):
            node.kind = NodeKind.HEADING
    return root


def table_outline(doc: Document) -> OutlineNode:
    """The outline of a document that is only tables (a structured submission)."""
    root = OutlineNode(NodeKind.DOCUMENT, "", Location())
    for ti, table in enumerate(doc.tables):
        _table_rows(root.add(OutlineNode(NodeKind.TABLE, table.caption or "", table.location, table=ti)), table, ti)
    return root


def _bold_heading(b: Paragraph, text: str) -> bool:
    """A short bold paragraph without a number that does not read as a sentence of the text."""
    return b.bold and len(text) <= 160 and not text.rstrip().endswith((";", ",")) and text.count(". ") == 0


def _continues_heading(last: OutlineNode, text: str, b: Paragraph) -> bool:
    """The rest of a heading in capitals broken over two paragraphs ("II. MỤC TIÊU" / "CỤ THỂ
    ĐẾN NĂM 2030")."""
    return is_upper(text) and len(text) <= 120 and not last.children and (b.bold or not last.bold)


def _announced(text: str) -> int | None:
    m = _ANNOUNCED.search(fold(text))
    if not m:
        return None
    n = m.group("n")
    return int(n) if n.isdigit() else _COUNT_WORDS.get(n)


def place(stack: list[OutlineNode], node: OutlineNode, kind: tuple | None = None, heading=None,
          section=None) -> None:
    """Put ``node`` under the right open node of ``stack`` (outermost first) and open it.
    ``heading(node)`` tells a table's section row: a first number right after a section row of
    its own kind starts a list under it ("8 | Lao động" over "1 | Tỷ lệ thất nghiệp").
    ``section(node)`` tells a section row set apart by its type (bold over plain rows): the rows
    under it stay under it whatever their numbers, and the next such row is its sibling (a table
    numbering its sections 1, 2, 3 and its indicators 1 to 90 across them)."""
    m = node.marker
    key = node.list_kind = m.kind if m is not None else kind
    if node.indent is not None:
        # Word's list items: indentation decides (an item further right stands under the one above)
        while len(stack) > 1 and stack[-1].indent is not None and stack[-1].indent >= node.indent - _SAME_INDENT:
            same = abs(stack[-1].indent - node.indent) <= _SAME_INDENT
            stack.pop()
            if same:
                break
        stack[-1].add(node)
        stack.append(node)
        return
    for i in range(len(stack) - 1, 0, -1):
        if stack[i].list_kind == key:
            if section is not None and section(node) != section(stack[i]):
                if section(node):
                    continue  # a section row closes the rows of its kind under the section before
                break  # a row under its bold section, whatever its number ("2 | Lao động" over "2 | Tỷ lệ ...")
            if m is not None and m.value == 1 and m.style != "decimal" and (
                    i < len(stack) - 1 or (heading is not None and heading(stack[i]) and not heading(node))):
                break  # "1" under items of another kind, or under a heading: a list nested under them
            del stack[i:]
            break
    else:
        if m is not None and m.style == "decimal":
            _decimal_parent(stack, m)
    stack[-1].add(node)
    stack.append(node)


def _decimal_parent(stack: list[OutlineNode], m: Numbering) -> None:
    """Close what stands below the node a decimal number belongs under: the one its prefix
    names ("2" for 2.1), else the nearest number one level up (where it is out of place)."""
    for exact in (True, False):
        for i in range(len(stack) - 1, 0, -1):
            sm = stack[i].marker
            if sm is None or sm.style not in ("arabic", "decimal", "roman"):
                continue
            depth = len(sm.parts) if sm.style == "decimal" else 1
            if (sm.parts == m.prefix and sm.style != "roman") if exact else depth == len(m.parts) - 1:
                del stack[i + 1:]
                return


def _table_rows(node: OutlineNode, table: Table, ti: int) -> None:
    """The rows of ``table`` under its node, by their numbers (a breakdown under its total)."""
    stack: list[OutlineNode] = [node]
    nodes: dict[int, OutlineNode] = {}

    def heading(n: OutlineNode) -> bool:
        return n.row is not None and table.rows[n.row].role == RowRole.SECTION

    # sections set apart by bold type only: numbered like the plain rows under them (1, 2, 3 over 1 to 90)
    plain = {r.numbering.kind for r in table.rows if r.numbering is not None and r.role != RowRole.SECTION
             and not r.bold}

    def section(n: OutlineNode) -> bool:
        return heading(n) and table.rows[n.row].bold and n.marker is not None and n.marker.kind in plain

    for row in table.rows:
        rn = OutlineNode(NodeKind.ROW, row.name, row.location, marker=row.numbering, table=ti, row=row.index,
                         bold=row.bold)
        nodes[row.index] = rn
        if row.role in (RowRole.BREAKDOWN, RowRole.SUB) and row.parent in nodes:
            nodes[row.parent].add(rn)
            continue
        if row.numbering is None:
            if row.role == RowRole.SECTION:
                place(stack, rn, _UNNUMBERED_SECTION, heading)
            else:
                stack[-1].add(rn)
            continue
        if row.numbering.style == "bullet" and row.parent in nodes:
            nodes[row.parent].add(rn)  # "- Thành thị" under its indicator
            continue
        place(stack, rn, None, heading, section)


def settle_roles(doc: Document) -> None:
    """Each table row's role read from the tree. A numbered row with rows under it (other than
    its breakdowns) and no value of its own is a group header when its name gives its rows a unit ("Chỉ tiêu số lượng trên
    10.000 dân"), a parent indicator when its name is a measure ("Tỷ lệ người dân được xem ..."
    over 1.1, 1.2), else a section; a row read as a heading with nothing under it whose name is a
    measure is an indicator (one that states no target)."""
    if doc.outline is None:
        return
    for node in doc.outline.walk():
        if node.kind != NodeKind.ROW or node.row is None or node.table is None:
            continue
        table = doc.tables[node.table]
        row = table.rows[node.row]
        if row.role not in (RowRole.SECTION, RowRole.INDICATOR, RowRole.GROUP):
            continue
        has_values = bool(row.unit) or any(t.text for t in row.targets)
        if node.children and all(table.rows[c.row].role in (RowRole.BREAKDOWN, RowRole.SUB) for c in node.children):
            continue  # a total over its breakdowns: an indicator whose targets its parts may state
        if not node.children:
            if row.role == RowRole.SECTION and not has_values and row.numbering is not None \
                    and row.numbering.style in ("arabic", "decimal") and is_measure(row.name):
                row.role = RowRole.INDICATOR
            continue
        if has_values:
            continue
        if group_unit_of(row.name):
            row.role, row.group_unit = RowRole.GROUP, group_unit_of(row.name)
        elif is_measure(row.name):
            row.role = RowRole.PARENT
        else:
            row.role = RowRole.SECTION
