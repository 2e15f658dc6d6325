"""Document-level checks: metadata, numbering structure, body/annex consistency,
totals against their breakdowns, and spelling of indicator names.

``CHECKS`` are pure functions of one extracted document (metadata, numbering);
``FRAME_CHECKS`` are pure functions of the normalized table of the whole run (body against
annex, totals against breakdowns, spelling of names), joined on the document.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from pathlib import Path

import pandas as pd

from .. import yamlsafe
from ..catalogue import Suite
from ..model import Document
from ..targets import compatible, parse_target
from ..textnorm import VI_LETTERS, canonical, clean, fold, roman_to_int
from . import records, spec
from .targets import Columns, _bounds, _int


@functools.lru_cache(maxsize=1)
def known_documents() -> dict[str, tuple[dt.date, str]]:
    text = (Path(__file__).parent.parent / "reference" / "documents.yaml").read_text("utf-8")
    data = yamlsafe.load(text)
    out = {}
    for d in data["documents"]:
        date = d["date"] if isinstance(d["date"], dt.date) else dt.date.fromisoformat(str(d["date"]))
        out[_num_key(d["number"])] = (date, d["number"])
    return out


def _num_key(number: str) -> str:
    return fold(number).replace(" ", "")


def _vi_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# ---------------------------------------------------------------- metadata


def check_metadata(doc: Document, suite: Suite) -> list[dict]:
    out = []
    m = doc.meta
    is_official = m.doc_type in ("plan", "programme", "decision", "resolution") or any(
        t.kind == "indicator" for t in doc.tables)
    if m.number_blank or m.date_blank:
        parts_vi, parts_en = [], []
        if m.number_blank:
            parts_vi.append("số văn bản")
            parts_en.append("the document number")
        if m.date_blank:
            parts_vi.append("ngày ký")
            parts_en.append("the date")
        out.append(spec("M001", path=doc.path, line=m.number_line if m.number_blank else m.date_line,
                        what="Để trống " + " và ".join(parts_vi) + " (bản dự thảo chưa ký)",
                        what_en=" and ".join(parts_en).capitalize() + " left blank (an unsigned draft)"))
    elif is_official and doc.layout in ("text", "grid", "one-cell", "docx") and m.number is None and m.date is None:
        cited = next((c for c in m.captions if c.number), None)
        hint_vi = f"; phụ lục ghi kèm theo văn bản số {cited.number}" if cited else ""
        hint_en = f"; the annex caption cites number {cited.number}" if cited else ""
        f = spec("M001", path=doc.path, line=1 if doc.has_lines else None,
                 what="Không tìm thấy số và ngày văn bản ở phần đầu" + hint_vi,
                 what_en="No document number or date found in the header" + hint_en)
        f["severity"] = "info"
        out.append(f)
    for c in m.captions:
        if c.number and m.number and _num_key(c.number) != _num_key(m.number):
            out.append(spec("M002", path=doc.path, line=c.line, value=c.text, got=c.number, expected=m.number,
                            suggestion=m.number))
        if c.date and m.date and c.date != m.date:
            out.append(spec("M003", path=doc.path, line=c.line, value=c.text, got=c.date_text,
                            expected=m.date_text, suggestion=m.date_text))
    known = known_documents()
    caption_keys = {(c.line, _num_key(c.number or "")) for c in m.captions}
    for c in m.citations:
        if c.date is None or (c.line, _num_key(c.number)) in caption_keys:
            continue
        k = known.get(_num_key(c.number))
        doc_name = f"{c.kind} số {c.number}"
        if k and k[0] != c.date:
            out.append(spec("M004", path=doc.path, line=c.line, value=f"{doc_name} ngày {c.date_text}",
                            doc=doc_name, got=c.date_text, expected=_vi_date(k[0]), suggestion=_vi_date(k[0])))
            continue
        year_in_number = re.match(r"^\d+/(\d{4})/", c.number)
        if year_in_number and int(year_in_number.group(1)) != c.date.year:
            out.append(spec("M005", path=doc.path, line=c.line, value=f"{doc_name} ngày {c.date_text}",
                            doc=doc_name, got=c.date_text,
                            reason=f"số hiệu mang năm {year_in_number.group(1)} nhưng ngày ghi năm {c.date.year}",
                            reason_en=f"the number carries the year {year_in_number.group(1)} but the date says {c.date.year}"))
        elif m.date and c.date > m.date and _num_key(c.number) != _num_key(m.number or ""):
            out.append(spec("M005", path=doc.path, line=c.line, value=f"{doc_name} ngày {c.date_text}",
                            doc=doc_name, got=c.date_text,
                            reason=f"sau ngày của chính văn bản này ({m.date_text})",
                            reason_en=f"after the date of this document ({m.date_text})"))
    return out


# ---------------------------------------------------------------- structure


def _seq_value(style: str, label: str) -> int | None:
    label = label.strip().rstrip(".)")
    if style == "roman":
        return roman_to_int(label)
    if style == "letter":
        return VI_LETTERS.index(label) + 1 if label in VI_LETTERS else None
    if label.isdigit():
        return int(label)
    return None


def _label_of(style: str, value: int) -> str:
    from ..textnorm import int_to_roman

    if style == "roman":
        return int_to_roman(value)
    if style == "letter":
        return VI_LETTERS[value - 1] if 0 < value <= len(VI_LETTERS) else "?"
    return str(value)


class _Sequence:
    def __init__(self, style: str):
        self.style = style
        self.prev: int | None = None
        self.prev_label: str | None = None
        self.seen: dict[int, int | None] = {}

    def feed(self, label: str, line, doc: Document, out: list, allow_restart: bool = False):
        v = _seq_value(self.style, label)
        if v is None:
            return
        if allow_restart and v == 1:
            self.prev, self.seen = None, {}
        if v in self.seen and self.prev is not None:
            out.append(spec("S001", path=doc.path, line=line, value=label,
                            other_line=self.seen[v] if self.seen[v] is not None else "?",
                            suggestion=_label_of(self.style, self.prev + 1)))
        elif self.prev is not None and v > self.prev + 1:
            out.append(spec("S002", path=doc.path, line=line, value=label, previous=self.prev_label,
                            expected=_label_of(self.style, self.prev + 1),
                            suggestion=_label_of(self.style, self.prev + 1)))
        self.seen.setdefault(v, line)
        self.prev, self.prev_label = v, label


def check_structure(doc: Document, suite: Suite) -> list[dict]:
    out: list[dict] = []
    # body headings: I., II. ...; 1., 2. restart under each Roman heading; a), b) under each decimal
    roman = _Sequence("roman")
    decimal = _Sequence("decimal")
    letter = _Sequence("letter")
    for h in doc.headings:
        if h.style == "roman":
            roman.feed(h.label, h.line, doc, out)
            decimal, letter = _Sequence("decimal"), _Sequence("letter")
        elif h.style == "decimal":
            decimal.feed(h.label, h.line, doc, out)
            letter = _Sequence("letter")
        else:
            letter.feed(h.label, h.line, doc, out)
    for table in doc.tables:
        out.extend(_table_numbering(doc, table))
        if table.kind == "indicator":
            if not table.columns_ok:
                out.append(spec("S005", path=doc.path, line=table.line))
                continue
            for row in table.rows:
                if row.role not in ("indicator", "breakdown"):
                    continue
                expected = row.extra.get("expected_cells")
                width, header_width = row.extra.get("width"), row.extra.get("header_width")
                has_any = any(clean(v.text) for v in row.values)
                if row.cell_count is not None and expected and row.cell_count < expected and (
                        has_any or row.role == "breakdown" or row.unit):
                    out.append(spec("S004", path=doc.path, line=row.line, row_label=row.label,
                                    row_name=clean(row.name), value=" | ".join(v.text for v in row.values),
                                    got=row.cell_count, expected=expected))
                elif width is not None and header_width and width > header_width and any(
                        c for c in row.extra.get("overflow", [])):
                    out.append(spec("S004", path=doc.path, line=row.line, row_label=row.label,
                                    row_name=clean(row.name), got=width, expected=header_width))
    return out


def _table_numbering(doc: Document, table) -> list[dict]:
    out: list[dict] = []
    items = table.numbering
    if not items:
        return out
    section_style = None
    for _, label, kind in items:
        if kind == "section":
            section_style = "roman" if roman_to_int(label) is not None and not label.isdigit() else "decimal"
            break
    sections = _Sequence(section_style or "roman")
    rows = _Sequence("decimal")
    current_section = None
    first_in_section = True
    for line, label, kind in items:
        if kind == "section":
            sections.feed(label, line, doc, out)
            current_section = label
            first_in_section = True
            continue
        if re.fullmatch(r"\d+(?:\.\d+)+", label):
            prefix = label.rsplit(".", 1)[0]
            if current_section is not None and prefix != current_section and current_section.isdigit():
                out.append(spec("S003", path=doc.path, line=line, value=label, expected=current_section))
            continue
        rows.feed(label, line, doc, out, allow_restart=first_in_section)
        first_in_section = False
    return out


# ---------------------------------------------------------------- consistency


def check_consistency(frame: pd.DataFrame, suite: Suite) -> list[dict]:
    """Body against annex, for all documents of the run at once (joined on the file).

    A statement about urban or rural households is compared with the annex row of that
    breakdown, never with the total."""
    c = Columns(frame)
    in_body = c["source"] == "narrative"
    if not in_body.any():
        return []
    body: dict[tuple, list[dict]] = {}
    for r in records(frame.loc[in_body, ["doc", "indicator", "year", "raw", "line", "breakdown"]]):
        body.setdefault((r["doc"], r["indicator"], r["year"], _breakdown(r["breakdown"])), []).append(r)
    oob, implausible = _bounds(c)
    in_annex = ((c["source"] == "table") & c.isin("role", ["indicator", "breakdown"]) & c.notna("indicator") & ~oob
                & ~implausible & (c["kind"] != "none"))
    cols = ["path", "doc", "indicator", "year", "raw", "value_line", "row_label", "row_name", "role", "breakdown"]
    out = []
    for r in records(frame.loc[in_annex, cols]):
        part = _breakdown(r["breakdown"]) if r["role"] == "breakdown" else None
        if r["role"] == "breakdown" and part is None:
            continue
        for b in body.get((r["doc"], r["indicator"], r["year"], part), ()):
            a, t = parse_target(r["raw"]), parse_target(b["raw"])
            if a.kind in ("unreadable", "none") or t.kind in ("unreadable", "none") or compatible(a, t):
                continue
            out.append(spec("C001", path=r["path"], line=_int(r["value_line"]), indicator=r["indicator"],
                            row_label=r["row_label"], row_name=r["row_name"], year=_int(r["year"]), value=r["raw"],
                            other=b["raw"], at=_at(b["line"], "dòng"), at_en=_at(b["line"], "line")))
    return out


def _breakdown(value) -> str | None:
    """urban / rural, the breakdowns a body statement can be about; None for a total."""
    return value if value in ("urban", "rural") else None


def _at(line, word: str) -> str:
    n = _int(line)
    return f" ({word} {n})" if n is not None else ""


# ---------------------------------------------------------------- aggregate


def check_aggregate(frame: pd.DataFrame, suite: Suite) -> list[dict]:
    out: list[dict] = []
    c = Columns(frame)
    cells = (c["source"] == "table") & c.isin("kind", ["exact", "approx", "range"])
    parts_mask = cells & (c["role"] == "breakdown") & c.notna("parent_row")
    totals_mask = cells & (c["role"] == "indicator")
    if not parts_mask.any() or not totals_mask.any():
        return out
    # the breakdowns of each total row and year, when they partition it (urban + rural, or regions)
    parts: dict[tuple, list[dict]] = {}
    for r in records(frame.loc[parts_mask, ["doc", "table", "parent_row", "year", "breakdown", "lo", "hi", "raw",
                                            "row_name"]]):
        parts.setdefault((r["doc"], r["table"], r["parent_row"], r["year"]), []).append(r)
    for r in records(frame.loc[totals_mask, ["path", "doc", "table", "row", "year", "lo", "hi", "raw", "value_line",
                                              "indicator", "row_label", "row_name"]]):
        group = parts.get((r["doc"], r["table"], r["row"], r["year"]))
        if not group or len(group) < 2:
            continue
        kinds = {p["breakdown"] for p in group}
        if not ({"urban", "rural"} <= kinds or kinds == {"region"}):
            continue
        span_lo = min(p["lo"] for p in group)
        span_hi = max(p["hi"] for p in group)
        if r["hi"] < span_lo or r["lo"] > span_hi:
            listing = ", ".join(f"{p['row_name']}: {p['raw']}" for p in group)
            out.append(spec("A001", path=r["path"], line=_int(r["value_line"]), indicator=r["indicator"],
                            row_label=r["row_label"], row_name=r["row_name"], year=_int(r["year"]), value=r["raw"],
                            parts=listing))
    return out


# ---------------------------------------------------------------- spelling of names


def check_name_spelling(frame: pd.DataFrame, suite: Suite) -> list[dict]:
    out = []
    c = Columns(frame)
    named = ((c["source"] == "table") & (c["role"] == "indicator") & c.notna("indicator") & c.notna("matched_alias")
             & (c["row_name"] != c["matched_alias"]))  # a name written as catalogued needs no look
    seen = set()
    for r in records(frame.loc[named, ["path", "doc", "table", "row", "line", "indicator", "row_label", "row_name",
                                       "matched_alias"]]):
        key = (r["doc"], r["table"], r["row"])
        if key in seen:  # once per table row
            continue
        seen.add(key)
        if _canon_lower(r["row_name"]) == _canon_lower(r["matched_alias"]):  # an accepted variant
            continue
        words = clean(r["row_name"]).split()
        for index, got, expected in misspelled_words(r["row_name"], r["matched_alias"]):
            fixed = list(words)
            fixed[index] = fixed[index].replace(got, expected)
            out.append(spec("X002", path=r["path"], line=_int(r["line"]), indicator=r["indicator"],
                            row_label=r["row_label"], row_name=r["row_name"], value=got, got=got,
                            expected=expected, suggestion=" ".join(fixed)))
    return out


def _canon_lower(text) -> str:
    return canonical(text).lower() if isinstance(text, str) else ""


def misspelled_words(name: str, reference: str) -> list[tuple[int, str, str]]:
    """Words of ``name`` that equal a word of ``reference`` up to diacritics only.

    Pairs are taken from aligned runs of words whose folded forms agree, so a different
    word never counts as a misspelling; accepted variants (Tỉ/Tỷ, khoẻ/khỏe) never differ.
    """
    if canonical(name).lower() == canonical(reference).lower():
        return []
    a = clean(name).split()
    b = clean(reference).split()
    ca = canonical(clean(name)).lower().split()
    cb = canonical(clean(reference)).lower().split()
    if len(ca) != len(a) or len(cb) != len(b):
        return []
    fa = [fold(w) for w in a]
    fb = [fold(w) for w in b]
    found = []
    sm = difflib.SequenceMatcher(a=fa, b=fb, autojunk=False)
    for block in sm.get_matching_blocks():
        if block.size < 2:
            continue
        for k in range(block.size):
            wa, wb = a[block.a + k], b[block.b + k]
            if ca[block.a + k] != cb[block.b + k] and not _abbrev(wa):
                word_a = re.sub(r"[^\w]", "", wa)
                word_b = re.sub(r"[^\w]", "", wb)
                if word_a and word_b:
                    found.append((block.a + k, word_a, _match_case(word_a, word_b)))
    return found


def _abbrev(w: str) -> bool:
    return w.isupper() and len(w) > 1


def _match_case(got: str, expected: str) -> str:
    if got[:1].isupper():
        return expected[:1].upper() + expected[1:]
    return expected[:1].lower() + expected[1:]


CHECKS = [check_metadata, check_structure]
FRAME_CHECKS = [check_consistency, check_aggregate, check_name_spelling]
