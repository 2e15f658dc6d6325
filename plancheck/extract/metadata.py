"""Document metadata (type, number, date, province, issuer, citations, annex captions)
and the numbered headings of the body."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..model import Block, Caption, Citation, Grid, Heading, Metadata
from ..textnorm import clean, fold, roman_to_int

_DOC_TYPES = [
    ("ke hoach", "plan"), ("chuong trinh hanh dong", "programme"), ("quyet dinh", "decision"),
    ("nghi quyet", "resolution"), ("bao cao", "report"), ("chi thi", "directive"), ("de an", "scheme"),
]
_NUMBER = re.compile(r"^\s*Số\s*:?\s*(?P<n>[\d\s.…]*?)\s*(?P<sep>[-/])\s*(?P<s>[A-ZĐ][A-Za-zĐđ0-9\-/&]*)",
                     re.UNICODE)
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][^\d,]{1,40}),\s*ngày\s*(?P<d>\d{1,2}|[.…\s]*)\s*tháng\s*(?P<m>\d{1,2}|[.…\s]*)"
    r"\s*năm\s*(?P<y>\d{4})")
_DATE = r"(?:(?P<d1>\d{1,2})\s*/\s*(?P<m1>\d{1,2})\s*/\s*(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
_KINDS = r"Nghị quyết|Nghị định|Quyết định|Chỉ thị|Kết luận|Chương trình hành động|Chương trình|Kế hoạch|Thông tư|Luật|Pháp lệnh|Công văn"
_CITATION = re.compile(
    r"(?P<kind>" + _KINDS + r")\s+(?:số\s+)?(?P<num>\d{1,5}(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-ZĐa-z0-9\-]*(?:/[A-ZĐ][A-ZĐa-z0-9\-]*)*)"
    r"(?:\s*,?\s*(?:của[^,;.]{0,40}?)?\s*ngày\s*" + _DATE + r")?")
_CAPTION = re.compile(
    r"Kèm theo\s+(?P<kind>" + _KINDS + r")\s+số\s*(?P<num>[\d\s.…]*\s*[-/]\s*[A-ZĐ][A-ZĐa-z0-9\-/]*)?\s*"
    r"(?:ngày\s*" + _DATE + r")?", re.IGNORECASE)


def _date(m: re.Match) -> tuple[dt.date | None, str | None]:
    d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    if not d:
        return None, None
    try:
        return dt.date(int(y), int(mo), int(d)), f"{int(d):02d}/{int(mo):02d}/{y}"
    except ValueError:
        return None, f"{d}/{mo}/{y}"


def norm_number(num: str) -> str:
    return re.sub(r"\s+", "", num)


def extract_metadata(blocks: list[Block], full_text: str | None, line_of) -> Metadata:
    meta = Metadata()
    paras = [b for b in blocks if b.kind == "para"]
    head = paras[:25]
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
                    meta.date_text = f"{int(m.group('d')):02d}/{int(m.group('m')):02d}/{m.group('y')}"
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
        if re.match(r"^(?:TM|T/M|KT)\.?\s", t):
            issuer = re.sub(r"^(?:TM|T/M|KT)\.?\s*", "", t).strip()
            if issuer and not issuer.startswith("CHỦ TỊCH"):
                meta.issuer = issuer.title() if issuer.isupper() else issuer
                break
    if meta.issuer is None and meta.number:
        suffix = meta.number.split("/")[-1]
        meta.issuer = {"KH-UBND": "Ủy Ban Nhân Dân", "TU": "Tỉnh Ủy", "QĐ-UBND": "Ủy Ban Nhân Dân"}.get(suffix)
    # citations and captions wherever they are written: paragraphs and table cells alike
    for b in blocks:
        if isinstance(b, Grid):
            for row in b.rows:
                for cell in row:
                    if len(cell.text) > 12:
                        _citations_and_captions(meta, cell.text, cell.location)
        else:
            _citations_and_captions(meta, b.text, b.location)
    return meta


def _citations_and_captions(meta: Metadata, text: str, location) -> None:
    if "/" not in text and "kèm theo" not in text.lower():  # no document number, no caption
        return
    for m in _CAPTION.finditer(text):
        date, date_text = _date(m)
        num = norm_number(m.group("num")) if m.group("num") else None
        if num and not re.match(r"\d", num):
            num = None
        meta.captions.append(Caption(location.line, clean(m.group(0)), num, date, date_text, location))
    for m in _CITATION.finditer(text):
        date, date_text = _date(m)
        meta.citations.append(Citation(m.group("kind"), norm_number(m.group("num")), date, date_text,
                                       location.line, location))


# ---------------------------------------------------------------- headings

_H_ROMAN = re.compile(r"^([IVXLC]+)\s*[.:]\s+\S")
_H_DECIMAL = re.compile(r"^(\d{1,2})\s*[.:]\s+(?!\d)\S")
_H_LETTER = re.compile(r"^([a-zđ])\)\s+\S")


def heading_text(text: str) -> str:
    """A paragraph's text without markdown heading marks and emphasis."""
    return clean(re.sub(r"^#+\s*", "", text.strip())).lstrip("*_ ").strip()


def body_paragraphs(blocks: list[Block], stop_at: int | None):
    """(index, block, heading text) of each paragraph of the body, before the annexes."""
    for idx, b in enumerate(blocks):
        if stop_at is not None and idx >= stop_at:
            break
        if b.kind == "para":
            yield idx, b, heading_text(b.text)


def extract_headings(blocks: list[Block], stop_at: int | None) -> list[Heading]:
    """Numbered headings of the body (before the annexes), in reading order."""
    out: list[Heading] = []
    for _, b, t in body_paragraphs(blocks, stop_at):
        for style, rx in (("roman", _H_ROMAN), ("decimal", _H_DECIMAL), ("letter", _H_LETTER)):
            m = rx.match(t)
            if m:
                if style == "roman" and roman_to_int(m.group(1)) is None:
                    continue
                out.append(Heading(b.line, style, m.group(1), t, b.location))
                break
    return out


def annex_start(blocks: list[Block]) -> int | None:
    """Index of the first block of the annexes (after the signature), if any."""
    for idx, b in enumerate(blocks):
        if b.kind == "para" and len(b.text) < 200 and re.match(r"^phu luc\b", fold(b.text[:24])):
            # "Phụ lục 1: ..." listed inside the body is a reference, not the annex itself
            if re.match(r"^\s*\d+\.\s", clean(b.text)):
                continue
            if idx + 1 < len(blocks) and blocks[idx].text.rstrip().endswith("."):
                continue
            return idx
    return None
