"""What plancheck read in a document (``plancheck show``): its metadata, its outline, its tables
with their header paths, column roles and each row's role, in document order; text or JSON.

Like ``sqlfluff parse``: when a finding looks wrong, this shows the reading it came from.
"""

from __future__ import annotations

from ..model import Document, NodeKind, OutlineNode

PARTS = ("outline", "tables", "targets")

_WORDS = {
    "vi": {"document": "Văn bản", "type": "loại", "number": "số", "date": "ngày", "province": "tỉnh",
           "issuer": "cơ quan ban hành", "outline": "Dàn ý", "tables": "Bảng", "none": "(không có)",
           "columns": "Cột", "rows": "dòng", "years": "năm mục tiêu", "problem": "không đọc được các cột",
           "kind": "loại bảng", "caption": "chú thích", "table": "bảng", "targets": "Chỉ tiêu đã đọc",
           "match": "khớp bộ chỉ tiêu", "no_match": "không khớp bộ chỉ tiêu; gần nhất", "every": "hằng năm",
           "scope": "phạm vi"},
    "en": {"document": "Document", "type": "type", "number": "number", "date": "date", "province": "province",
           "issuer": "issuer", "outline": "Outline", "tables": "Tables", "none": "(none)",
           "columns": "Columns", "rows": "rows", "years": "target years", "problem": "columns not resolved",
           "kind": "table kind", "caption": "caption", "table": "table", "targets": "Targets read",
           "match": "suite match", "no_match": "no suite match; closest", "every": "each year", "scope": "scope"},
}
_KIND_VI = {"document": "văn bản", "annex": "phụ lục", "heading": "đề mục", "item": "mục", "paragraph": "đoạn",
            "table": "bảng", "row": "dòng"}
_ROLE_VI = {"section": "đề mục", "group": "nhóm", "parent": "chỉ tiêu cha", "indicator": "chỉ tiêu",
            "breakdown": "thành phần", "sub": "chỉ tiêu con", "item": "nhiệm vụ"}
_COLUMN_ROLE_VI = {"label": "số thứ tự", "id": "mã", "name": "tên chỉ tiêu", "unit": "đơn vị", "target": "mục tiêu",
                   "actual": "thực hiện", "source": "nguồn", "agency": "cơ quan", "note": "ghi chú",
                   "task": "nhiệm vụ", "detail": "chi tiết", "other": "khác"}
FIRST_WORDS = 72


def _first_words(text: str, width: int = FIRST_WORDS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def node_role(doc: Document, node: OutlineNode) -> str:
    """A node's role as plancheck decided it: a row's role, else the node's kind."""
    if node.kind == NodeKind.ROW and node.table is not None and node.row is not None:
        return doc.tables[node.table].rows[node.row].role.value
    return node.kind.value


def _role_word(role: str, lang: str) -> str:
    return (_ROLE_VI.get(role) or _KIND_VI.get(role) or role) if lang == "vi" else role


def outline_lines(doc: Document, lang: str = "vi") -> list[str]:
    """The outline, one node per line: where it is, its marker indented by depth, its role, and
    its first words."""
    if doc.outline is None:
        return []
    rows: list[tuple[str, str]] = []

    def visit(node: OutlineNode, depth: int) -> None:
        if node.kind != NodeKind.DOCUMENT:
            where = node.location.describe(lang)
            marker = node.marker.text + ("" if node.marker.style == "bullet" else node.marker.delimiter or "") \
                if node.marker is not None else ("¶" if node.kind == NodeKind.PARAGRAPH else "")
            role = _role_word(node_role(doc, node), lang)
            text = node.text
            if node.kind == NodeKind.TABLE and node.table is not None:
                table = doc.tables[node.table]
                text = " | ".join(c.title for c in table.columns) or text
            head = f"{marker} " if marker else ""
            rows.append((where, f"{'  ' * (depth - 1)}{head}[{role}] {_first_words(text)}"))
        for child in node.children:
            visit(child, depth + 1)

    visit(doc.outline, 0)
    width = max((len(w) for w, _ in rows), default=0)
    return [f"{w.ljust(width)}  {t}" for w, t in rows]


def table_lines(doc: Document, lang: str = "vi") -> list[str]:
    """Each table: where it starts, its kind, its columns (header path, role, year) and its rows
    with their roles."""
    words = _WORDS["vi" if lang == "vi" else "en"]
    out: list[str] = []
    for ti, table in enumerate(doc.tables):
        head = f"{words['table']} {ti + 1} ({table.location.describe(lang)}): {words['kind']} {table.kind}"
        if table.caption:
            head += f"; {words['caption']}: {_first_words(table.caption, 90)}"
        out.append(head)
        if table.problem:
            out.append(f"  {words['problem']}: {table.problem}")
        for c in table.columns:
            role = _COLUMN_ROLE_VI.get(c.role.value, c.role.value) if lang == "vi" else c.role.value
            year = f" {c.year}" if c.year else ""
            out.append(f"  {words['columns']} {c.index + 1}: {c.title or '-'} -> {role}{year}")
        if table.rows:
            out.append(f"  {len(table.rows)} {words['rows']}:")
        for row in table.rows:
            cells = " | ".join(t.text or "·" for t in row.targets)
            label = f"{row.label} " if row.label else ""
            unit = f" ({row.unit})" if row.unit else ""
            values = f"  {cells}" if row.targets else ""
            out.append(f"    {row.location.describe(lang)}: [{_role_word(row.role.value, lang)}] "
                       f"{label}{_first_words(row.name, 60)}{unit}{values}")
    return out


def meta_lines(doc: Document, lang: str = "vi") -> list[str]:
    words = _WORDS["vi" if lang == "vi" else "en"]
    m = doc.meta
    from .workbook import DOC_TYPES

    kind = DOC_TYPES["vi" if lang == "vi" else "en"].get(m.doc_type or "", m.doc_type)
    parts = [(words["type"], kind), (words["number"], m.number),
             (words["date"], m.date_text or (m.date.isoformat() if m.date else None)),
             (words["province"], m.province), (words["issuer"], m.issuer)]
    shown = "; ".join(f"{k}: {v}" for k, v in parts if v)
    return [f"{words['document']}: {shown or words['none']}"]


_KIND_WORDS_VI = {"level": "mức", "change": "mức thay đổi", "count": "số lượng", "state": "trạng thái"}


def target_lines(doc: Document, lang: str = "vi", suite=None) -> list[str]:
    """Every target read, in document order: where, year, subject, value, unit, kind, scope, and
    the suite's indicator it matches (with its score), or the closest candidates."""
    words = _WORDS["vi" if lang == "vi" else "en"]
    out = []
    for t in doc.targets:
        year = words["every"] if t.every_year else (str(t.year) if t.year else "-")
        kind = _KIND_WORDS_VI.get(t.kind.value, t.kind.value) if lang == "vi" else t.kind.value
        unit = f" [{t.unit}]" if t.unit else ""
        line = f"{t.location.describe(lang)}: {year} | {_first_words(t.subject, 70)} | {t.value_text}{unit} | {kind}"
        if t.scope:
            line += f" | {words['scope']}: {t.scope}"
        if t.indicator:
            line += f" | {words['match']}: {t.indicator} ({t.score:.0f})"
        elif suite is not None and t.subject:
            close = suite.matcher.match(t.subject).candidates[:2]
            if close:
                line += f" | {words['no_match']}: " + ", ".join(f"{c} ({s:.0f})" for c, s in close)
        out.append(line)
    return out


def show_text(doc: Document, parts: tuple[str, ...], lang: str = "vi", suite=None) -> str:
    words = _WORDS["vi" if lang == "vi" else "en"]
    out = [doc.path, *meta_lines(doc, lang)]
    if "outline" in parts:
        out += ["", f"{words['outline']}:", *(outline_lines(doc, lang) or [words["none"]])]
    if "tables" in parts:
        out += ["", f"{words['tables']}:", *(table_lines(doc, lang) or [words["none"]])]
    if "targets" in parts:
        out += ["", f"{words['targets']} ({len(doc.targets)}):", *(target_lines(doc, lang, suite) or [words["none"]])]
    return "\n".join(out)


def _node_json(doc: Document, node: OutlineNode) -> dict:
    out = {"kind": node.kind.value, "role": node_role(doc, node), "text": node.text,
           "location": node.location.as_dict()}
    if node.marker is not None:
        out["marker"] = {"text": node.marker.text, "style": node.marker.style, "delimiter": node.marker.delimiter,
                         "word": node.marker.word or None}
    if node.announced is not None:
        out["announced"] = node.announced
    if node.table is not None:
        out["table"] = node.table + 1
    if node.row is not None:
        out["row"] = node.row + 1
    if node.children:
        out["children"] = [_node_json(doc, c) for c in node.children]
    return out


def show_json(doc: Document, parts: tuple[str, ...], suite=None) -> dict:
    out: dict = {"path": doc.path, "layout": doc.layout, "meta": doc.meta.as_dict()}
    if "outline" in parts:
        out["outline"] = _node_json(doc, doc.outline)["children"] if doc.outline and doc.outline.children else []
    if "tables" in parts:
        out["tables"] = [{
            "table": ti + 1, "kind": t.kind, "location": t.location.as_dict(), "caption": t.caption,
            "problem": t.problem, "years": t.years,
            "columns": [{"index": c.index + 1, "path": list(c.path), "role": c.role.value, "year": c.year}
                        for c in t.columns],
            "rows": [{"row": r.index + 1, "role": r.role.value, "label": r.label, "name": r.name, "unit": r.unit,
                      "indicator": r.indicator, "location": r.location.as_dict(),
                      "targets": [{"year": c.year, "text": c.text, "location": c.location.as_dict()}
                                  for c in r.targets]} for r in t.rows],
        } for ti, t in enumerate(doc.tables)]
    if "targets" in parts:
        from .targets import row_of

        out["targets"] = []
        for t in doc.targets:
            row = row_of(doc.path, doc.meta, t, "en")
            row["location"] = t.location.as_dict()
            if not t.indicator and suite is not None and t.subject:
                row["candidates"] = [[c, round(s, 1)] for c, s in suite.matcher.match(t.subject).candidates[:3]]
            out["targets"].append(row)
    return out
