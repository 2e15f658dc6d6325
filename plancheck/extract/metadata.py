"""Document metadata (type, number, date, province, issuer, citations, annex captions)
and the numbered headings of the body."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
import re
from collections import Counter

from ..model import Block, Caption, Citation, Grid, Metadata
from ..textnorm import clean, fold, vi_date

_DOC_TYPES = [
    ("ke hoach", "plan"), ("chuong trinh hanh dong", "programme"), ("quyet dinh", "decision"),
    ("nghi quyet", "resolution"), ("bao cao", "report"), ("chi thi", "directive"), ("de an", "scheme"),
    ("thong bao", "notice"), ("cong van", "letter"),
]
_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<n>[\d\s.…]*?)\s*(?P<sep>[-/])\s*(?P<s>[A-ZĐ][A-Za-zĐđ0-9\-/&]*)",
                     re.UNICODE)
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][^\d,]{1,40}),\s*ngày\s*(?P<d>\d{1,2}|[.…\s]*)\s*tháng\s*(?P<m>\d{1,2}|[.…\s]*)"
    r"\s*năm\s*(?P<y>\d{4})")
_DATE = (r"(?:(?P<d1>\d{1,2})\s*/\s*(?P<m1>\d{1,2})\s*/\s*(?P<y1>\d{4})"
         r"|(?P<d2>\d{1,2})\s+(?i:tháng)\s+(?P<m2>\d{1,2})\s+(?i:năm)\s+(?P<y2>\d{4}))")
_KINDS = r"Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kết luận|Chương trình hành động|Chương trình|Kế hoạch|Thông tư|Luật|Pháp lệnh|Công văn"
# a document cited by kind and number, in any case ("Nghị quyết số 68/NQ-CP", "NGHỊ QUYẾT SỐ 68/NQ-CP")
_CITATION = re.compile(
    r"(?P<kind>(?i:" + _KINDS + r"))\s+(?:(?i:số)\s+)?(?P<num>\d{1,5}(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-ZĐa-z0-9\-]*"
    r"(?:/[A-ZĐ][A-ZĐa-z0-9\-]*)*)(?:\s*,?\s*(?:(?i:của)[^,;.]{0,40}?)?\s*(?i:ngày)\s*" + _DATE + r")?")
_KIND_NAMES = {fold(k): k for k in _KINDS.split("|")}
# an annex caption opens its paragraph: "(Kèm theo Kế hoạch số 2860/KH-UBND ngày 18 tháng 9 năm 2024 ...)"
_CAPTION_START = re.compile(r"^[\s*_(\[]*(?:ban\s+hành\s+)?kèm\s+theo\s", re.IGNORECASE)
_CAPTION = re.compile(
    r"kèm\s+theo\s+(?P<kind>" + _KINDS + r")(?:\s+số\s*(?P<num>[\d\s.…_]*?)\s*(?P<sep>[-/])\s*"
    r"(?P<suffix>[A-ZĐ][A-ZĐa-z0-9\-/]*))?", re.IGNORECASE)
_CAPTION_DATE = re.compile(r"\bngày\b(?P<rest>[^()]{0,40})", re.IGNORECASE)


def _date(m: re.Match) -> tuple[dt.date | None, str | None]:
    d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    if not d:
        return None, None
    try:
        return dt.date(int(y), int(mo), int(d)), vi_date(int(d), int(mo), y)
    except ValueError:
        return None, f"{d}/{mo}/{y}"


def norm_number(num: str) -> str:
    return re.sub(r"\s+", "", num)


def head_pieces(blocks: list[Block], count: int = 25) -> list:
    """The first pieces of text of a document, as its header: paragraphs, and the cells of a
    layout table at the top (Word letters put "Số: .../KH-UBND" and "Hà Giang, ngày ..." in
    the two columns of a borderless table), one piece per paragraph of a cell."""
    from ..model import Paragraph

    out = []
    for k, b in enumerate(blocks):
        if isinstance(b, Grid):
            if k < 4:
                for row in b.rows:
                    for cell in row:
                        out.extend(Paragraph(part, cell.location) for part in (cell.parts or (cell.text,)) if part)
            continue
        out.append(b)
        if len(out) >= count:
            break
    return out[:count]


_ON_BEHALF = re.compile(r"^(?:TM|T/M|KT)\.?\s+")  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"


def extract_metadata(blocks: list[Block], full_text: str | None, line_of) -> Metadata:
    meta = Metadata()
    paras = [b for b in blocks if b.kind == "para"]
    head = head_pieces(blocks)
    for b in head:
        t = clean(b.text)
        if meta.number is None and not meta.number_blank:
            m = _NUMBER.match(t)
            if m:
                digits = re.sub(r"[\s.…]", "", m.group("n"))
                meta.number_line = b.line
                meta.number_location = b.location
                if digits:
                    meta.number = f"{digits}{m.group('sep')}{m.group('s')}"
                else:
                    meta.number_blank = True
                    meta.number = None
        if meta.date is None and not meta.date_blank:
            m = _PLACE_DATE.search(t)
            if m and len(t) < 120:
                meta.date_line = b.line
                meta.date_location = b.location
                meta.province = clean(m.group("place")).replace("tỉnh ", "").strip() or None
                try:
                    meta.date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                    meta.date_text = vi_date(int(m.group("d")), int(m.group("m")), m.group("y"))
                except (ValueError, TypeError):
                    meta.date_blank = True
        if meta.doc_type is None:
            f = fold(t)
            for key, kind in _DOC_TYPES:
                if f.startswith(key) and (t.isupper() or len(t) < 40):
                    meta.doc_type = kind
                    break
    if meta.province is None:
        provinces = Counter(m.group(1) for b in paras for m in re.finditer(
            r"\btỉnh\s+([A-ZĐ][a-zà-ỹ]+(?:\s+[A-ZĐ][a-zà-ỹ]+)?)", clean(b.text)))
        if provinces:
            meta.province = provinces.most_common(1)[0][0]
    for b in paras:
        t = clean(b.text)
        if _ON_BEHALF.match(t):
            issuer = _ON_BEHALF.sub("", t).strip()
            if issuer and not issuer.startswith("CHỦ TỊCH"):
                meta.issuer = issuer.title() if issuer.isupper() else issuer
                break
    if meta.issuer is None and meta.number:
        suffix = meta.number.split("/")[-1]
        meta.issuer = {"KH-UBND": "Ủy Ban Nhân Dân", "TU": "Tỉnh Ủy", "QĐ-UBND": "Ủy Ban Nhân Dân"}.get(suffix)
    # citations wherever they are written: paragraphs and table cells alike
    for b in blocks:
        if isinstance(b, Grid):
            for row in b.rows:
                for cell in row:
                    if len(cell.text) > 12:
                        _citations(meta, cell.text, cell.location)
        else:
            _citations(meta, b.text, b.location)
    meta.captions = annex_captions(blocks)
    return meta


def _citations(meta: Metadata, text: str, location) -> None:
    if "/" not in text:  # no document number
        return
    for m in _CITATION.finditer(text):
        date, date_text = _date(m)
        kind = _KIND_NAMES.get(fold(m.group("kind")), m.group("kind"))
        meta.citations.append(Citation(kind, norm_number(m.group("num")), date, date_text, location.line, location))


def annex_captions(blocks) -> list[Caption]:
    """The annex captions of a document, read from its paragraphs.

    A caption is a paragraph that opens with "(Kèm theo <kind> số ... ngày ...)" and stands
    under a PHỤ LỤC heading (one of the three paragraphs before it, with no table between)
    or directly above a table (at most two short title paragraphs between). Elsewhere - a
    title such as "... BAN HÀNH KÈM THEO NGHỊ QUYẾT SỐ 68/NQ-CP ..." that names the document
    it implements, a sentence of the body - the same words are a citation, not a caption.
    """
    out: list[Caption] = []
    for i, b in enumerate(blocks):
        if b.kind != "para" or not _CAPTION_START.match(b.text):
            continue
        text = clean(b.text)
        if "(" in text and ")" not in text and i + 1 < len(blocks) and blocks[i + 1].kind == "para" \
                and len(blocks[i + 1].text) < 200:  # a caption wrapped over two paragraphs
            text = clean(text + " " + blocks[i + 1].text)
        if not (_under_annex_heading(blocks, i) or _above_table(blocks, i)):
            continue
        caption = parse_caption(text, b.line)
        if caption is not None:
            out.append(replace(caption, location=b.location))
    return out


def _under_annex_heading(blocks, i: int) -> bool:
    for b in reversed(blocks[max(0, i - 3):i]):
        if b.kind != "para":
            return False
        if re.match(r"^phu luc\b", fold(heading_text(b.text))) and len(b.text) < 200:
            return True
    return False


def _above_table(blocks, i: int) -> bool:
    for b in blocks[i + 1:i + 4]:
        if b.kind != "para":
            return True
        if len(b.text) > 200 or _CAPTION_START.match(b.text):
            return False
    return False


def parse_caption(text: str, line) -> Caption | None:
    """Number and date of the document a caption attaches the annex to; a number or a date
    left blank ("số    /KH-UBND ngày   /  /2024") is recorded as blank."""
    m = _CAPTION.search(text)
    if m is None:
        return None
    number, number_blank = None, False
    if m.group("suffix"):
        digits = re.sub(r"[\s.…_]", "", m.group("num") or "")
        if digits.isdigit():
            number = f"{digits}{m.group('sep')}{m.group('suffix')}"
        elif not digits:
            number_blank = True
    date, date_text, date_blank, end = None, None, False, m.end()
    d = _CAPTION_DATE.search(text, m.end())
    if d is not None:
        rest = re.split(r"\s(?:của|do)\s", d.group("rest"), maxsplit=1)[0]
        full = re.match(r"\s*" + _DATE, rest)
        if full:
            date, date_text = _date(full)
            end = d.start("rest") + full.end()
        elif re.search(r"\d{4}|tháng|năm|/", rest, re.IGNORECASE):
            date_blank, end = True, d.start("rest") + len(rest)
    return Caption(line, clean(text[m.start():end]).rstrip(" ,;)*"), number, date, date_text,
                   number_blank=number_blank, date_blank=date_blank)


# ---------------------------------------------------------------- headings

_HASHES = re.compile(r"^#+\s*")
_ANNEX_WORD = re.compile(r"^phu luc\b")
_NUMBERED_ITEM = re.compile(r"^\s*\d+\.\s")


def heading_text(text: str) -> str:
    """A paragraph's text without markdown heading marks and emphasis."""
    return clean(_HASHES.sub("", text.strip())).lstrip("*_ ").strip()


def body_paragraphs(blocks: list[Block], stop_at: int | None):
    """(index, block, heading text) of each paragraph of the body, before the annexes."""
    for idx, b in enumerate(blocks):
        if stop_at is not None and idx >= stop_at:
            break
        if b.kind == "para":
            yield idx, b, heading_text(b.text)


def annex_start(blocks: list[Block]) -> int | None:
    """Index of the first block of the annexes (after the signature), if any."""
    for idx, b in enumerate(blocks):
        if b.kind == "para" and len(b.text) < 200 and _ANNEX_WORD.match(fold(b.text[:24])):
            # "Phụ lục 1: ..." listed inside the body is a reference, not the annex itself
            if _NUMBERED_ITEM.match(clean(b.text)):
                continue
            if idx + 1 < len(blocks) and blocks[idx].text.rstrip().endswith("."):
                continue
            return idx
    return None
