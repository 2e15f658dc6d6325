"""Numbering, checked where it belongs: within the children of one node of the outline.

The numbers of one list are the children of one node whose markers are of one kind (see
:mod:`plancheck.extract.outline`): the Arabic items under part II, the letters under item 3,
the decimal rows under row 5 of an annex. Within such a list:

* a number used twice is S001, a skipped number S002, a number smaller than the one before
  it (and not used before) S008;
* a decimal number whose prefix is not its parent's number is S003 ("1.1" under "2");
* letters follow the Vietnamese alphabet (a, b, c, d, đ, e, g ...); a document that never uses
  "đ" and goes from d to e gets one finding for all its lists, not one per list;
* a renumbering is suggested only when that one change makes the whole list run 1, 2, 3 ...
  (for S003: when the sub-numbers run in order and only the prefix is wrong).

A list may start at 1 under each parent, or continue the numbers of the list before it:
neither is a defect. A heading or lead-in that announces a count ("gồm 5 nhiệm vụ", "(10 mục
tiêu)") is checked against the items under it (S007).
"""

from __future__ import annotations

from ..catalogue import Suite
from ..model import Document, Location, NodeKind, OutlineNode, RowRole
from ..textnorm import clean
from . import spec

_CHECKED_STYLES = ("roman", "upper", "arabic", "decimal", "letter", "ordinal")
_NOT_VIETNAMESE = {"f", "j", "w", "z"}


def _at(where: Location | None) -> tuple[str, str]:
    """(Vietnamese, English) words for where something is: "dòng 42", "bảng 1, hàng 5"."""
    if where is None:
        return "?", "?"
    return where.describe("vi") or "?", where.describe("en") or "?"


def _under(parent: OutlineNode) -> dict:
    path = parent.path()
    return {"under": f" trong mục {path}" if path else "", "under_en": f" under {path}" if path else ""}


def _fields(doc: Document, node: OutlineNode) -> dict:
    """The fields a finding on a table row names: its number, name and indicator."""
    if node.kind != NodeKind.ROW or node.table is None:
        return {}
    row = doc.tables[node.table].rows[node.row]
    return dict(row_label=row.numbering.text if row.numbering else None, row_name=clean(row.name),
                indicator=row.indicator)


def _lists(node: OutlineNode) -> list[list[OutlineNode]]:
    """The lists among ``node``'s children: its numbered children, one list per kind of marker."""
    groups: dict[tuple, list[OutlineNode]] = {}
    for child in node.children:
        m = child.marker
        if m is None or m.style not in _CHECKED_STYLES or not m.parts:
            continue
        groups.setdefault(m.kind, []).append(child)
    return list(groups.values())


def check_numbering(doc: Document, suite: Suite) -> list[dict]:
    if doc.outline is None:
        return []
    out: list[dict] = []
    no_dd = not any(n.marker is not None and n.marker.style == "letter" and n.marker.text == "đ"
                    for n in doc.outline.walk())
    dd_skips: list[dict] = []  # d -> e in a document without đ: one finding for all
    for node in doc.outline.walk():
        for items in _lists(node):
            _check_list(doc, node, items, out, dd_skips if no_dd else None)
        if node.announced is not None:
            _check_announced(doc, node, out)
    if dd_skips:
        first = dd_skips[0]
        if len(dd_skips) > 1:
            first["args"]["also"] = f"; văn bản không dùng \"đ\", {len(dd_skips) - 1} danh sách khác cũng vậy"
            first["args"]["also_en"] = f"; the document never uses \"đ\", and {len(dd_skips) - 1} other lists do the same"
        out.append(first)
    return out


def _consecutive(values: list[int]) -> bool:
    return all(b == a + 1 for a, b in zip(values, values[1:]))


def _check_list(doc: Document, parent: OutlineNode, items: list[OutlineNode], out: list, dd_skips) -> None:
    markers = [n.marker for n in items]
    if any(m.style == "letter" and m.text in _NOT_VIETNAMESE for m in markers):
        return  # a list lettered by another alphabet: its order is not the Vietnamese one
    values = [m.value for m in markers]
    if markers[0].style == "decimal":
        _check_prefixes(doc, parent, items, values, out)
    under = _under(parent)

    def suggestion(k: int, new: int) -> str | None:
        """``new`` for item ``k`` when that one change makes the list run in order."""
        changed = [*values[:k], new, *values[k + 1:]]
        return markers[k].sibling_text(new) if _consecutive(changed) else None

    def resume(k: int, prev: int) -> int:
        """Where the list goes on after an odd number at ``k``: from that number, from the place
        it took, or from the number before it - whichever the next number follows."""
        v = values[k]
        if k + 1 < len(values):
            for start in (v, prev + 1, prev):
                if values[k + 1] == start + 1:
                    return start
        return prev + 1 if v in seen_before(k) or v < prev else v

    def seen_before(k: int) -> set[int]:
        return set(values[:k])

    prev = values[0]
    seen: dict[int, OutlineNode] = {values[0]: items[0]}
    for k in range(1, len(items)):
        node, m, v = items[k], markers[k], values[k]
        if v == prev + 1:
            nxt = v
        elif v in seen:
            at_vi, at_en = _at(seen[v].location)
            out.append(spec("S001", path=doc.path, line=node.location.line, location=node.location, value=m.text,
                            other_at=at_vi, other_at_en=at_en, suggestion=suggestion(k, prev + 1),
                            **under, **_fields(doc, node)))
            nxt = resume(k, prev)  # 5, 5, 7: 6 is not missing; III, III, IV: IV is not out of order
        elif v > prev + 1:
            previous, expected = markers[k - 1].sibling_text(prev), m.sibling_text(prev + 1)
            finding = spec("S002", path=doc.path, line=node.location.line, location=node.location, value=m.text,
                           previous=previous, expected=expected, suggestion=suggestion(k, prev + 1), also="",
                           also_en="", **under, **_fields(doc, node))
            if dd_skips is not None and m.style == "letter" and (prev, v) == (4, 6):
                dd_skips.append(finding)
            else:
                out.append(finding)
            nxt = v
        else:
            out.append(spec("S008", path=doc.path, line=node.location.line, location=node.location, value=m.text,
                            previous=markers[k - 1].sibling_text(prev), expected=m.sibling_text(prev + 1),
                            suggestion=suggestion(k, prev + 1), **under, **_fields(doc, node)))
            nxt = resume(k, prev)
        seen.setdefault(v, node)
        prev = nxt


def _check_prefixes(doc: Document, parent: OutlineNode, items: list[OutlineNode], values: list[int],
                    out: list) -> None:
    """Decimal numbers whose prefix is not their parent's number ("1.1" under "2")."""
    pm = parent.marker
    if pm is None or pm.style not in ("arabic", "decimal", "roman"):
        return
    in_order = values[0] == 1 and _consecutive(values)
    for k, node in enumerate(items):
        m = node.marker
        if m.prefix == pm.parts:
            continue
        if pm.style == "roman" and len(m.parts) == 2:
            continue  # "1.1" under "I": a decimal numbering of its own, not a wrong prefix
        meant = ".".join(map(str, (*pm.parts, m.value))) if in_order and len(m.prefix) == len(pm.parts) else None
        out.append(spec("S003", path=doc.path, line=node.location.line, location=node.location, value=m.text,
                        expected=pm.text, suggestion=meant, **_fields(doc, node)))


def _check_announced(doc: Document, node: OutlineNode, out: list) -> None:
    """A count the text announces against the items it introduces."""
    counts = _counts(doc, node)
    if not counts or node.announced in counts:
        return
    count = counts[0]
    out.append(spec("S007", path=doc.path, line=node.location.line, location=node.location,
                    value=node.text[:90] + ("…" if len(node.text) > 90 else ""), announced=node.announced, count=count))


def _counts(doc: Document, node: OutlineNode) -> list[int]:
    """The counts the announced number may be of: the items directly under ``node`` (or, for a
    lead-in paragraph, the list right after it), the items at the bottom of that list, or the
    indicator rows of the table it introduces; empty when no list follows."""
    if node.kind == NodeKind.PARAGRAPH:
        if node.parent is None:
            return []
        siblings = node.parent.children
        after = siblings[siblings.index(node) + 1:]
        if after and after[0].kind == NodeKind.TABLE:
            return _table_counts(doc, after[0])
        run: list[OutlineNode] = []
        for sib in after:
            if sib.marker is None or (run and sib.marker.kind != run[0].marker.kind):
                break
            run.append(sib)
        if not run or not node.text.rstrip().endswith(":"):
            return []
        items = run
    else:
        items = [c for c in node.children if c.marker is not None]
        tables = [c for c in node.children if c.kind == NodeKind.TABLE]
        if not items:
            return _table_counts(doc, tables[0]) if tables else []
        first = items[0].marker.kind
        items = [c for c in items if c.marker.kind == first]
    leaves = sum(1 for item in items for n in item.walk() if n.marker is not None
                 and not any(c.marker is not None for c in n.children))
    return [len(items), leaves]


def _table_counts(doc: Document, table_node: OutlineNode) -> list[int]:
    table = doc.tables[table_node.table]
    indicators = sum(1 for r in table.rows if r.role in (RowRole.INDICATOR, RowRole.PARENT))
    return [indicators, sum(1 for r in table.rows if r.role in (RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB))] \
        if indicators else []
