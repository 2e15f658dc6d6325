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

from .. import cache, yamlsafe
from ..catalogue import Suite
from ..frame import Frame
from ..model import Document, Location, RowRole
from ..targets import compatible, parse_target
from ..textnorm import canonical, clean, fold, vi_date
from . import spec
from .numbering import check_numbering
from .statements import CHECKS as STATEMENT_CHECKS
from .targets import _bounds, _int


@functools.lru_cache(maxsize=1)
def known_documents() -> dict[str, tuple[dt.date, str]]:
    path = Path(__file__).parent.parent / "reference" / "documents.yaml"
    raw = path.read_bytes()
    return cache.cached("documents", path, raw, lambda: _parse_documents(raw))


def _parse_documents(raw: bytes) -> dict[str, tuple[dt.date, str]]:
    data = yamlsafe.load(raw.decode("utf-8"))
    out = {}
    for d in data["documents"]:
        date = d["date"] if isinstance(d["date"], dt.date) else dt.date.fromisoformat(str(d["date"]))
        out[_num_key(d["number"])] = (date, d["number"])
    return out


def _num_key(number: str) -> str:
    return fold(number).replace(" ", "")


def _vi_date(d: dt.date) -> str:
    return vi_date(d.day, d.month, d.year)


# ---------------------------------------------------------------- metadata


def check_metadata(doc: Document, suite: Suite) -> list[dict]:
    out = []
    m = doc.meta
    is_official = m.doc_type in ("plan", "programme", "decision", "resolution") or any(
        t.kind == "indicator" for t in doc.tables)
    if m.number_blank or m.date_blank:
        what_vi = " và ".join(x for x, blank in (("số", m.number_blank), ("ngày ban hành", m.date_blank)) if blank)
        what_en = " and ".join(x for x, blank in (("the document number", m.number_blank),
                                                   ("the date", m.date_blank)) if blank)
        out.append(spec("M001", path=doc.path, line=m.number_line if m.number_blank else m.date_line,
                        location=m.number_location if m.number_blank else m.date_location,
                        what="Để trống " + what_vi, what_en=what_en[0].upper() + what_en[1:] + (
                            " are" if m.number_blank and m.date_blank else " is") + " left blank",
                        hint=" (bản dự thảo chưa ban hành)", hint_en=" (an unsigned draft)"))
    elif is_official and doc.layout in ("text", "grid", "one-cell", "docx") and m.number is None and m.date is None:
        cited = next((c for c in m.captions if c.number), None)
        hint_vi = f"; phụ lục ghi kèm theo văn bản số {cited.number}" if cited else ""
        hint_en = f"; the annex caption cites number {cited.number}" if cited else ""
        f = spec("M001", path=doc.path, line=1 if doc.has_lines else None, location=doc.title_location,
                 what="Không tìm thấy số và ngày ban hành", what_en="No document number or date found",
                 hint=hint_vi, hint_en=hint_en)
        f["severity"] = "info"
        out.append(f)
    for c in m.captions:
        if c.number_blank or c.date_blank:
            what_vi = " và ".join(x for x, blank in (("số", c.number_blank), ("ngày", c.date_blank)) if blank)
            what_en = " and ".join(x for x, blank in (("the number", c.number_blank), ("the date", c.date_blank))
                                   if blank)
            out.append(spec("M006", path=doc.path, line=c.line, location=c.location, value=c.text, what=what_vi,
                            what_en=what_en, suggestion=_filled(c, m)))
        if c.number and m.number and _num_key(c.number) != _num_key(m.number):
            out.append(spec("M002", path=doc.path, line=c.line, location=c.location, value=c.text, got=c.number,
                            expected=m.number, suggestion=m.number))
        if c.date and m.date and c.date != m.date:
            out.append(spec("M003", path=doc.path, line=c.line, location=c.location, value=c.text, got=c.date_text,
                            expected=m.date_text, suggestion=m.date_text))
    known = known_documents()
    caption_keys = {(c.line, _num_key(c.number or "")) for c in m.captions}
    for c in m.citations:
        if c.date is None or (c.line, _num_key(c.number)) in caption_keys:
            continue
        k = known.get(_num_key(c.number))
        doc_name = f"{c.kind} số {c.number}"
        if k and k[0] != c.date:
            out.append(spec("M004", path=doc.path, line=c.line, location=c.location,
                            value=f"{doc_name} ngày {c.date_text}",
                            doc=doc_name, got=c.date_text, expected=_vi_date(k[0]), suggestion=_vi_date(k[0])))
            continue
        year_in_number = re.match(r"^\d+/(\d{4})/", c.number)
        if year_in_number and int(year_in_number.group(1)) != c.date.year:
            out.append(spec("M005", path=doc.path, line=c.line, location=c.location,
                            value=f"{doc_name} ngày {c.date_text}",
                            doc=doc_name, got=c.date_text,
                            reason=f"số hiệu mang năm {year_in_number.group(1)} nhưng ngày ghi năm {c.date.year}",
                            reason_en=f"the number carries the year {year_in_number.group(1)} but the date says {c.date.year}"))
        elif m.date and c.date > m.date and _num_key(c.number) != _num_key(m.number or ""):
            out.append(spec("M005", path=doc.path, line=c.line, location=c.location,
                            value=f"{doc_name} ngày {c.date_text}",
                            doc=doc_name, got=c.date_text,
                            reason=f"muộn hơn ngày ban hành của văn bản này ({m.date_text})",
                            reason_en=f"after the date of this document ({m.date_text})"))
    return out


def _filled(caption, meta) -> str | None:
    """What a caption with a blank number or date should say, when the header says it."""
    number = meta.number if caption.number_blank else caption.number
    date = meta.date_text if caption.date_blank else caption.date_text
    if (caption.number_blank and not number) or (caption.date_blank and not date):
        return None
    return " ".join(x for x in ((f"số {number}" if number else None), (f"ngày {date}" if date else None)) if x)


# ---------------------------------------------------------------- structure


def states_targets(doc: Document) -> bool:
    """Whether the document states any target: a row of an indicator table, a target in its
    text or cells, or a table whose columns could not be read (it holds them, unread)."""
    return bool(doc.narrative or doc.targets or any(
        t.kind == "indicator" and (t.rows or t.problem) for t in doc.tables))


_KIND_WORDS = {"notice": ("Thông báo", "a notice"), "letter": ("Công văn", "a letter"),
               "decision": ("Quyết định", "a decision"), "report": ("Báo cáo", "a report"),
               "directive": ("Chỉ thị", "a directive"), "resolution": ("Nghị quyết", "a resolution")}


def no_target_reason(doc: Document) -> tuple[str, str]:
    """Why a document that states no target may be one of another kind: its type, when it is no
    plan or programme ("" when nothing more is known)."""
    kind = _KIND_WORDS.get(doc.meta.doc_type or "")
    if kind is None:
        return "", ""
    return (f" (văn bản là {kind[0]}, có thể không phải kế hoạch đặt chỉ tiêu)",
            f" (the document is {kind[1]}, perhaps not a plan that sets targets)")


def check_structure(doc: Document, suite: Suite) -> list[dict]:
    out: list[dict] = []
    if not states_targets(doc):
        vi, en = no_target_reason(doc)
        out.append(spec("S006", path=doc.path, line=1 if doc.has_lines else None, location=doc.title_location,
                        reason=vi, reason_en=en))
    for table in doc.tables:
        if table.kind != "indicator":
            continue
        if table.problem:
            missing_vi = {"name": "cột tên chỉ tiêu", "target year": "cột năm của chỉ tiêu",
                          "distinct target years": "các cột năm khác nhau"}
            missing_en = {"name": "name column", "target year": "target-year column",
                          "distinct target years": "distinct target-year columns"}
            parts = table.problem.split(", ")
            header = " | ".join(c.title or "(trống)" for c in table.columns)
            out.append(spec("S005", path=doc.path, line=table.line, location=table.location, value=header,
                            missing=", ".join(missing_vi.get(p, p) for p in parts),
                            missing_en=", ".join(missing_en.get(p, p) for p in parts), header=header))
            continue
        expected = len(table.years)
        for row in table.rows:
            if row.role not in (RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB):
                continue
            has_any = any(t.text for t in row.targets)
            if row.missing_targets and (has_any or row.role == RowRole.BREAKDOWN or row.unit):
                out.append(spec("S004", path=doc.path, line=row.line, location=row.location, row_label=row.label,
                                row_name=clean(row.name), value=" | ".join(t.text for t in row.targets),
                                got=len(row.targets), expected=expected))
            elif row.overflow:
                out.append(spec("S004", path=doc.path, line=row.line, location=row.location, row_label=row.label,
                                row_name=clean(row.name), value=" | ".join(row.overflow),
                                got=len(table.columns) + len(row.overflow), expected=len(table.columns)))
    return out


# ---------------------------------------------------------------- consistency


def check_consistency(frame: Frame, suite: Suite) -> list[dict]:
    """Body against annex, for all documents of the run at once (joined on the file).

    A statement about urban or rural households is compared with the annex row of that
    breakdown, never with the total."""
    c = frame
    in_body = c["source"] == "narrative"
    if not in_body.any():
        return []
    body: dict[tuple, list[dict]] = {}
    for r in frame.rows(in_body, ["doc", "indicator", "year", "raw", "line", "breakdown", "value_loc"]):
        body.setdefault((r["doc"], r["indicator"], r["year"], _breakdown(r["breakdown"])), []).append(r)
    # (an implausible annex value that the body states otherwise is worth both findings: the body
    # says what was meant; a value out of the hard bounds is left to R001 and Y001/Y002)
    oob, _ = _bounds(c)
    in_annex = ((c["source"] == "table") & c["role"].isin(["indicator", "breakdown"]) & c["indicator"].notna()
                & ~oob & (c["kind"] != "none"))
    cols = ["path", "doc", "indicator", "year", "raw", "value_line", "row_label", "row_name", "role", "breakdown",
            "value_loc"]
    out = []

    stated = {key[:3] for key in body}  # (file, indicator, year) the body states a target of
    for r in frame.rows(frame.positions_in(in_annex, ["doc", "indicator", "year"], stated), cols):
        part = _breakdown(r["breakdown"]) if r["role"] == "breakdown" else None
        if r["role"] == "breakdown" and part is None:
            continue
        for b in body.get((r["doc"], r["indicator"], r["year"], part), ()):
            a, t = parse_target(r["raw"]), parse_target(b["raw"])
            if a.kind in ("unreadable", "none") or t.kind in ("unreadable", "none") or compatible(a, t):
                continue
            out.append(spec("C001", path=r["path"], line=_int(r["value_line"]), location=r["value_loc"],
                            indicator=r["indicator"],
                            row_label=r["row_label"], row_name=r["row_name"], year=_int(r["year"]), value=r["raw"],
                            other=b["raw"], at=_at_place(b["value_loc"], "vi"), at_en=_at_place(b["value_loc"], "en")))
    return out


def _breakdown(value) -> str | None:
    """urban / rural, the breakdowns a body statement can be about; None for a total."""
    return value if value in ("urban", "rural") else None


def _at_place(where, lang: str) -> str:
    """" (dòng 20)", " (đoạn 12)": where a body statement is, when that is known."""
    if not isinstance(where, Location) or not where.as_dict():
        return ""
    return f" ({where.describe(lang)})"


# ---------------------------------------------------------------- aggregate


_REST = re.compile(r"\b(?:con lai|khac)\b")


def check_aggregate(frame: Frame, suite: Suite) -> list[dict]:
    out: list[dict] = []
    c = frame
    cells = (c["source"] == "table") & c["kind"].isin(["exact", "approx", "range"])
    parts_mask = cells & (c["role"] == "breakdown") & c["parent_row"].notna()
    totals_mask = cells & (c["role"] == "indicator")
    if not parts_mask.any() or not totals_mask.any():
        return out
    # the breakdowns of each total row and year, when they partition it (urban + rural, or regions)
    parts: dict[tuple, list[dict]] = {}
    for r in frame.rows(parts_mask, ["doc", "table", "parent_row", "year", "breakdown", "lo", "hi", "raw",
                                     "row_name"]):
        parts.setdefault((r["doc"], r["table"], r["parent_row"], r["year"]), []).append(r)
    totals = frame.positions_in(totals_mask, ["doc", "table", "row", "year"], parts)
    for r in frame.rows(totals, ["path", "doc", "table", "row", "year", "lo", "hi", "raw", "value_line",
                                 "indicator", "row_label", "row_name", "value_loc"]):
        group = parts.get((r["doc"], r["table"], r["row"], r["year"]))
        if not group or len(group) < 2:
            continue
        kinds = {p["breakdown"] for p in group}
        # urban and rural partition the total; regions only with "the rest" among them ("Vùng sâu,
        # vùng xa" and "Vùng đồng bào dân tộc thiểu số" are groups a plan singles out, not a partition)
        regions = kinds == {"region"} and any(_REST.search(fold(p["row_name"] or "")) for p in group)
        if not ({"urban", "rural"} <= kinds or regions):
            continue
        span_lo = min(p["lo"] for p in group)
        span_hi = max(p["hi"] for p in group)
        if r["hi"] < span_lo or r["lo"] > span_hi:
            listing = ", ".join(f"{p['row_name']}: {p['raw']}" for p in group)
            out.append(spec("A001", path=r["path"], line=_int(r["value_line"]), location=r["value_loc"],
                            indicator=r["indicator"],
                            row_label=r["row_label"], row_name=r["row_name"], year=_int(r["year"]), value=r["raw"],
                            parts=listing))
    return out


# ---------------------------------------------------------------- spelling of names


def check_name_spelling(frame: Frame, suite: Suite) -> list[dict]:
    out = []
    c = frame
    named = ((c["source"] == "table") & (c["role"] == "indicator") & c["indicator"].notna()
             & c["matched_alias"].notna() & (c["row_name"] != c["matched_alias"]))  # as catalogued: no look
    seen = set()

    def first_misspelled(doc, table, row, name, alias) -> bool:
        if (doc, table, row) in seen:  # once per table row
            return False
        seen.add((doc, table, row))
        return _canon_lower(name) != _canon_lower(alias)  # else an accepted variant

    for r in frame.rows(frame.positions(named, ["doc", "table", "row", "row_name", "matched_alias"],
                                        first_misspelled),
                        ["path", "doc", "table", "row", "line", "indicator", "row_label", "row_name",
                         "matched_alias", "row_loc"]):
        words = clean(r["row_name"]).split()
        for index, got, expected in misspelled_words(r["row_name"], r["matched_alias"]):
            fixed = list(words)
            fixed[index] = fixed[index].replace(got, expected)
            out.append(spec("X002", path=r["path"], line=_int(r["line"]), location=r["row_loc"],
                            indicator=r["indicator"],
                            row_label=r["row_label"], row_name=r["row_name"], value=got, got=got,
                            expected=expected, suggestion=" ".join(fixed)))
    return out


def _canon_lower(text) -> str:
    return canonical(text).lower() if isinstance(text, str) else ""


@functools.lru_cache(maxsize=4096)
def misspelled_words(name: str, reference: str) -> tuple[tuple[int, str, str], ...]:
    """Words of ``name`` that equal a word of ``reference`` up to diacritics only.

    Pairs are taken from aligned runs of words whose folded forms agree, so a different
    word never counts as a misspelling; accepted variants (Tỉ/Tỷ, khoẻ/khỏe) never differ.
    """
    if canonical(name).lower() == canonical(reference).lower():
        return ()
    a = clean(name).split()
    b = clean(reference).split()
    ca = canonical(clean(name)).lower().split()
    cb = canonical(clean(reference)).lower().split()
    if len(ca) != len(a) or len(cb) != len(b):
        return ()
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
                same = canonical(word_a).lower() == canonical(word_b).lower()
                if word_a and word_b and not same:
                    found.append((block.a + k, word_a, _match_case(word_a, word_b)))
    return tuple(found)


def _abbrev(w: str) -> bool:
    return w.isupper() and len(w) > 1


def _match_case(got: str, expected: str) -> str:
    if got[:1].isupper():
        return expected[:1].upper() + expected[1:]
    return expected[:1].lower() + expected[1:]


CHECKS = [check_metadata, check_structure, check_numbering, *STATEMENT_CHECKS]
FRAME_CHECKS = [check_consistency, check_aggregate, check_name_spelling]
