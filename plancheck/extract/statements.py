"""Every target a document states, whatever its indicator: the open target model.

A plan on any subject states targets the same ways: "Tỷ lệ doanh nghiệp ... ứng dụng công nghệ
số đạt 60%", "có ít nhất 20 tập dữ liệu mở", "70% phụ nữ mang thai được tầm soát", "giảm 50% số
cặp tảo hôn", "tăng trên 3% mỗi năm", "Hoàn thành phổ cập ...", or an annex row with a year
column per milestone. :func:`read_targets` reads them all into :class:`~plancheck.model.Target`
values, from the document's outline:

1. a text (a paragraph, a list item, a table cell that holds a whole statement) is cut into
   sentences and clauses (";", ". ", ":"); dates, document numbers, footnote marks and names
   with digits in them ("5G", "Gb/s") are blanked out;
2. each number becomes a value: the comparator and verb words before it ("tối thiểu đạt",
   "giảm xuống dưới", "tăng thêm ít nhất"), what follows it (a range, a unit, "trở lên", "/1 vạn
   dân", "mỗi năm", or the counted noun: "20 tập dữ liệu");
3. a value without a verb or comparator of its own, followed in its clause by one that has
   them, is part of the subject ("từ 15 tuổi trở lên có tài khoản ... đạt 95%");
4. the subject is the text before the value in its clause, without the words around it that
   are no part of it ("Phấn đấu", "đến năm 2030", "đạt"); when nothing is left, the noun phrase
   after the value ("70% phụ nữ mang thai được tầm soát ..."); a short phrase after a comma that
   is no measure of its own continues the subject before ("tiểu học đạt 99,5%, cấp trung học
   cơ sở đạt 97,5%");
5. its year is the clause's ("đến năm 2030", "giai đoạn 2026-2030"), else the nearest heading's
   above it in the outline, else the plan's period; "hằng năm" marks a target for each year;
6. a value the text reports as achieved, estimated or a result ("ước đạt 8,19%", "năm 2024
   đạt", "tăng 15,55%, cao hơn cả nước"), a scoring band ("cộng 02 điểm"), a time limit or a
   share of revenue is not a target; neither is anything under a heading of results.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ..model import Document, Location, NodeKind, OutlineNode, RowRole, Target, TargetKind
from ..targets import TargetValue, canonical_unit, parse_target
from ..textnorm import canonical, clean, fold
from .narrative import _DATE, _DOC_NUMBER, YearMention, _blank, cue_before, year_mentions

# ---------------------------------------------------------------- masking what is never a value

_FOOTNOTE = re.compile(r"\[\d{1,3}\]|(?<=[^\W\d_])\d{1,2}(?=[\s,.;:)]|$)")  # "Chính phủ[2]", "Trung ương2"
_NAME_DIGITS = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:G\b|Gb/s|Mb/s|GHz|MHz|kW|MW|kV)|\b\d+\.0\b|\bR&D\b|\bCOVID-?19\b|\bISO\s*\d+"
    r"|\b(?:Điều|khoản|điểm|Mục|Phần|Chương|Phụ\s+lục|Biểu|mẫu|số)\s+\d+[a-zđ]?\b"
    r"|\b(?:lần\s+thứ|khóa|khoá|cấp\s+độ|hạng|nhóm|loại|tuyến|quốc\s+lộ|tỉnh\s+lộ)\s+\d+\b"
    r"|\b\d{1,2}\s*/\s*\d{1,2}\b(?!\s*(?:dân|người|bé))"
    r"|\b(?:so\s+với|với)\s+(?:năm\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
_YEARISH = re.compile(r"(?<![\d.,])(?:19|20)\d\d(?![\d%])(?!\s*(?:người|hộ|tỷ|triệu|ha|km|căn|doanh|tập|bộ))")

_NUM = re.compile(r"(?<![\w.,/])\d+(?:[.,]\d+)*(?![\w/])")
_CODE_SPAN = re.compile(r"`[^`\n]*`")  # markdown code (a README quoting `> 975`): never a plan's value
_QUOTED = re.compile(r"“[^”]{12,}”|\"[^\"]{12,}\""
                     r"|(?:phê\s+duyệt|thực\s+hiện|triển\s+khai|theo)\s+(?:Đề\s+án|Dự\s+án|Chiến\s+lược)\s+[A-ZĐ][^;.]*"
                     # a title in lower case after the capitalized name of a programme: up to its comma
                     r"|(?:phê\s+duyệt|thực\s+hiện|triển\s+khai|theo)\s+(?:Đề\s+án|Dự\s+án|Chiến\s+lược)\s+[^;.,]*")

# ---------------------------------------------------------------- what surrounds a number

_CMP = (r"không\s+(?:thấp\s+hơn|dưới|ít\s+hơn|quá|vượt\s+quá|cao\s+hơn|vượt|lớn\s+hơn)|tối\s+thiểu(?:\s+(?:là|đạt))?"
        r"|tối\s+đa(?:\s+là)?|ít\s+nhất(?:\s+là)?|cao\s+hơn|lớn\s+hơn|nhiều\s+hơn|thấp\s+hơn|nhỏ\s+hơn|trên|hơn"
        r"|dưới|khoảng|xấp\s+xỉ|gần|từ|>=|<=|=>|=<|≥|≤|>|<")
_LEVEL = r"giảm\s+xuống(?:\s+còn)?|xuống\s+còn|giảm\s+còn|xuống|tăng\s+lên|nâng\s+lên|lên\s+mức|lên|còn"
_CHANGE = (r"(?:giảm|tăng)(?:\s+thêm)?(?:\s+(?:bình\s+quân|trung\s+bình))?(?:\s+(?:mỗi|hằng|hàng)\s+năm)?"
           r"(?:\s+(?:bình\s+quân|trung\s+bình))?")
_VERB = r"đạt(?:\s+được)?(?:\s+mức)?|ở\s+mức|chiếm(?:\s+tỷ\s+lệ|\s+tỉ\s+lệ)?|là|bằng|có|được|phát\s+triển\s+từ"
_LEFT = re.compile(r"(?:(?P<change>" + _CHANGE + r")\s+)?(?:(?P<level>" + _LEVEL + r")\s+)?"
                   r"(?:(?P<verb>" + _VERB + r")\s+)?(?:(?P<cmp>" + _CMP + r")\s*)?$", re.IGNORECASE)
_UNITS = (r"%\s*/\s*năm|%|‰|điểm\s*%|điểm\s+phần\s+trăm|lần|tuổi|tháng|ngày|giờ|năm(?!\s+(?:19|20)\d\d)"
          r"|nghìn\s+tỷ\s+đồng|tỷ\s+đồng|triệu\s+đồng|nghìn\s+đồng|đồng|tỷ\s+USD|triệu\s+USD|USD"
          r"|m\s*2\s*sàn(?:\s*/\s*người)?|m\s*2|m²(?:\s*sàn)?(?:\s*/\s*người)?|ha|km|tấn"
          r"|con\s*/\s*phụ\s+nữ|bé\s+trai\s*/\s*100\s+bé\s+gái(?:\s+sinh\s+ra\s+sống)?")
_RIGHT = re.compile(
    r"(?P<pct1>\s*%)?(?:\s*(?:-|–|—|đến|tới)\s*(?P<num2>\d+(?:[.,]\d+)*))?"
    r"(?:\s*(?P<unit>" + _UNITS + r"))?(?![\w])"
    r"(?P<up>\s+trở\s+lên|\s+trở\s+xuống)?"
    r"(?P<perpop>\s*(?:/|trên|cho)\s*(?:mỗi\s+)?(?P<den>(?:1|một)\s+vạn|vạn|10[.\s]?000|100[.\s]?000|1[.\s]?000"
    r"|(?:1|một)\s+nghìn|nghìn)\s+(?:dân|người(?:\s+dân)?|trẻ\s+đẻ\s+sống))?"
    r"(?P<peryear>\s*/\s*năm|\s+(?:mỗi|hằng|hàng)\s+năm|\s+bình\s+quân\s+(?:mỗi|hằng|hàng)\s+năm)?", re.IGNORECASE)
_MULTIPLIER = re.compile(r"\s*(?:triệu|nghìn|ngàn|trăm|tỷ(?!\s+(?:lệ|trọng|số)))\b(?!\s+(?:đồng|USD))", re.IGNORECASE)
# after a value, its subject: a noun phrase that starts right after it ("60% lực lượng lao động")
_NOUN_AFTER = re.compile(r"\s*(?!(?:và|hoặc|so|vào|trong|theo|trở|năm|đến|tới|của|tại|ở|trên|dưới|với|khi|nhằm|để"
                         r"|thì|cho|sau|trước|mỗi|hằng|hàng|bình|trở)\b)[^\W\d_]", re.IGNORECASE)

# ---------------------------------------------------------------- not targets

_NOT_TARGET = re.compile(
    r"\b(?:cộng|trừ|được)\s+\d+(?:[.,]\d+)?\s*điểm\b|\bchấm\s+điểm|\bthang\s+điểm|\bđiểm\s+thưởng"
    r"|\bhưởng\s+\d+\s*%|\bđiều\s+tiết|\btỷ\s+lệ\s+phần\s+trăm\s+\(%\)\s+phân\s+chia|\bphân\s+chia\s+nguồn\s+thu"
    r"|\blãi\s+suất|\bmức\s+phạt|\bphạt\s+tiền|\bmức\s+hỗ\s+trợ|\bhỗ\s+trợ\s+\d|\bđịnh\s+mức", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:dự\s+kiến|dự\s+toán|nhu\s+cầu|ước\s+tính|khái\s+toán)\b", re.IGNORECASE)
_NOT_COUNTED = {"giai", "lần", "khóa", "khoá", "nhiệm", "tháng", "ngày", "năm", "quý", "điều", "khoản", "mục",
                "chương", "phần", "bước", "cấp", "vòng"}
_TIME_LIMIT = re.compile(r"\b(?:trong\s+(?:thời\s+hạn|vòng)|chậm\s+nhất|trước\s+ngày|sau\s+khi|kể\s+từ|tối\s+đa)\s*$",
                         re.IGNORECASE)
_RESULT_WORDS = re.compile(
    r"\b(?:ước\s+(?:đạt|thực\s+hiện|tính)|đã\s+(?:đạt|có|tăng|giảm|thực\s+hiện|hoàn\s+thành)|đạt\s+được|kết\s+quả"
    r"|cao\s+hơn\s+(?:cả\s+nước|bình\s+quân)|thấp\s+hơn\s+(?:cả\s+nước|bình\s+quân)|so\s+với\s+cùng\s+kỳ|hiện\s+nay"
    r"|hiện\s+có|hiện\s+tại|tính\s+đến|lũy\s+kế|đến\s+nay|vừa\s+qua|thiệt\s+hại|làm\s+chết|bị\s+thương|mất\s+tích)\b",
    re.IGNORECASE)
_RESULT_HEADING = re.compile(r"\b(?:ket qua|danh gia|tinh hinh|thuc trang|boi canh|so ket|tong ket|hien trang"
                             r"|nhu cau von|nguon von|nguon luc|kinh phi|du toan)\b")  # (and the funds: shares of budgets)
_TARGET_HEADING = re.compile(r"\b(?:muc tieu|chi tieu|phan dau|dinh huong|lo trinh|tam nhin)\b")

# ---------------------------------------------------------------- subjects

_LEAD = re.compile(
    r"^(?:(?:[-+•*–:,]|\(|\)|trong\s+đó|riêng|cụ\s+thể(?:\s+là)?|phấn\s+đấu(?:\s+(?:đến|tới)\s+năm\s+\d{4})?"
    r"(?:\s+(?:có|đạt|để))?|bảo\s+đảm|đảm\s+bảo|duy\s+trì|giữ(?:\s+vững)?|tiếp\s+tục|có\s+ít\s+nhất|có|đạt"
    r"|hoàn\s+thành|(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?\d{4}|năm\s+\d{4}|giai\s+đoạn\s+\d{4}\s*[-–]\s*\d{4}"
    r"|(?:mỗi|hằng|hàng)\s+năm|các\s+chỉ\s+tiêu(?:\s+chủ\s+yếu)?|chỉ\s+tiêu\s*\d*|mục\s+tiêu|và|hoặc|nhằm|để"
    r"|như\s+sau|gồm|là|thì|với|các\s+mục\s+tiêu|tỉnh|thành\s+phố\s+\S+\s+có|đưa|nâng(?:\s+cao)?"
    r"|giảm|tăng(?!\s+trưởng)|vào\s+năm\s+\d{4}|trong\s+năm\s+\d{4})\b\s*[,:]?\s*)+",
    re.IGNORECASE)
_TRAIL = re.compile(
    r"(?:\s*[:,(]|\s+(?:(?:vào|trong|đến|tới)\s+)?(?:hết\s+)?năm\s+\d{4}|\s+(?:đạt(?:\s+được)?(?:\s+mức)?|ở\s+mức|chiếm(?:\s+tỷ\s+lệ)?|là|bằng|phấn\s+đấu|luôn|duy\s+trì"
    r"|giữ|còn|(?<!trở\s)(?:xuống|lên)|(?:giảm|tăng)(?:\s+thêm)?\s+(?:bình\s+quân|trung\s+bình)|giảm(?:\s+xuống)?"
    r"|tăng(?:\s+thêm)?|(?:mỗi|hằng|hàng)\s+năm"
    r"|tối\s+thiểu|tối\s+đa|ít\s+nhất|ở|và|đến|vào|có|được|trong|từ|trên|dưới|khoảng|hơn)\b)+\s*$", re.IGNORECASE)
_MEASURE = re.compile(r"^(?:tỷ\s+lệ|tỉ\s+lệ|tỷ\s+trọng|tỉ\s+trọng|số|số\s+lượng|mức|chỉ\s+số|tuổi\s+thọ|diện\s+tích"
                      r"|thu\s+nhập|tốc\s+độ|tổng|tỷ\s+số|tỉ\s+số|tổng\s+tỷ\s+suất|kinh\s+phí|doanh\s+thu|giá\s+trị)\b",
                      re.IGNORECASE)
_SCOPE = re.compile(
    r"\s*,?\s*\b(?P<scope>(?:(?:ở|tại)\s+)?khu\s+vực\s+(?:thành\s+thị|nông\s+thôn|đô\s+thị)|(?:ở|tại)\s+(?:thành\s+thị|nông"
    r"\s+thôn|đô\s+thị)|(?:ở|tại)\s+các\s+khu\s+(?:công\s+nghiệp|chế\s+xuất|kinh\s+tế)[^,;]{0,40}|cấp\s+(?:xã|huyện|tỉnh)(?!\s+hội)(?!\s*,\s*[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:và|hoặc)\b)"
    r"|vùng\s+đồng\s+bào\s+dân\s+tộc\s+thiểu\s+số(?:\s+và\s+miền\s+núi)?|vùng\s+sâu,?\s+vùng\s+xa)\b", re.IGNORECASE)
_AREA = re.compile(r"\s*\b(?:trên\s+(?:toàn\s+)?địa\s+bàn(?:\s+(?:toàn\s+)?(?:tỉnh|thành\s+phố))?(?:\s+[A-ZĐ]\S*)*"
                   r"|của\s+(?:toàn\s+)?(?:tỉnh|thành\s+phố)|toàn\s+(?:tỉnh|thành\s+phố)|trên\s+toàn\s+quốc)\b",
                   re.IGNORECASE)
_ABBREVIATIONS = {
    "bhxh": "bao hiem xa hoi", "bhyt": "bao hiem y te", "bhtn": "bao hiem that nghiep", "kcn": "khu cong nghiep",
    "cds": "chuyen doi so", "dn": "doanh nghiep", "dnnvv": "doanh nghiep nho va vua", "dtts": "dan toc thieu so",
    "llld": "luc luong lao dong", "ncc": "nguoi co cong", "ubnd": "uy ban nhan dan", "cntt": "cong nghe thong tin",
    "khcn": "khoa hoc va cong nghe", "kh&cn": "khoa hoc va cong nghe", "tthc": "thu tuc hanh chinh",
    "dvc": "dich vu cong", "grdp": "grdp", "thcs": "trung hoc co so", "thpt": "trung hoc pho thong",
}
_KEY_DROP = re.compile(r"^(?:ty le|ti le|ty trong|ti trong)\s+")
_KEY_STOP = {"cac", "nhung", "duoc", "co", "cua", "va", "tren", "dia", "ban", "so", "nguoi"}

MAX_SUBJECT_WORDS = 40


@dataclass(frozen=True)
class _Value:
    start: int  # the first comparator or verb word
    num_start: int
    end: int
    written: str  # comparator + number + unit as written
    raw: str  # what parse_target reads
    unit: str | None
    kind: TargetKind
    direction: str | None
    anchored: bool  # a verb or comparator of its own, or the subject after it
    noun_after: bool
    every_year: bool


@dataclass
class Context:
    """What the document says around a text: its own year (earlier years are results), the
    plan's period, and, from the outline, the heading above."""

    now: int | None = None
    horizon: int | None = None  # the end of the plan's period (the title's "đến năm 2030")
    period: tuple[int, int] | None = None


def document_context(doc: Document) -> Context:
    ctx = Context(now=doc.meta.date.year if doc.meta.date else None)
    if doc.outline is None:
        return ctx
    for node in list(doc.outline.walk())[:12]:
        if node.kind in (NodeKind.PARAGRAPH, NodeKind.HEADING, NodeKind.ITEM) and node.marker is None:
            f = fold(node.text)
            if re.search(r"\b(?:giai doan|den nam|nam)\s+\d{4}", f) and len(node.text) < 300:
                ys = [y for y in year_mentions(node.text) if y.kind in ("until", "in")]
                if ys:
                    ctx.horizon = max(y.year for y in ys)
                    m = re.search(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", node.text)
                    if m:  # "giai đoạn 2025 - 2035, định hướng đến năm 2045": the plan's period ends 2035
                        ctx.period = (int(m.group(1)), int(m.group(2)))
                        ctx.horizon = ctx.period[1]
                    break
    return ctx


# ---------------------------------------------------------------- the whole document


def read_targets(doc: Document) -> list[Target]:
    """Every target ``doc`` states: in its text (outline paragraphs and items), in table cells
    that hold a whole statement, and in the year columns of its annex tables."""
    if doc.outline is None:
        return []
    ctx = document_context(doc)
    out: list[Target] = []
    doc.parts = []
    prose = _vietnamese(doc.outline)
    for node in doc.outline.walk():
        if node.kind in (NodeKind.PARAGRAPH, NodeKind.ITEM, NodeKind.HEADING):
            if not prose or _section(node) == "result" or _is_preamble(node):
                continue
            out += statements(node.text, node.location_at, _heading_year(node, ctx), ctx,
                              "item" if node.marker is not None else "prose", doc.parts,
                              goals=_section(node) == "target")
        elif node.kind == NodeKind.TABLE and node.table is not None:
            out += _table_targets(doc, node, ctx)
    return out


_WORD = re.compile(r"[^\W\d_]+")


def _vietnamese(outline: OutlineNode) -> bool:
    """Whether the text of a document is written in Vietnamese, where its targets are read: in
    Vietnamese, eight words in ten carry a diacritic; in a README or a note in English, under one
    in five (a short text is given the benefit of the doubt)."""
    words = marked = 0
    for node in outline.walk():
        if node.kind in (NodeKind.PARAGRAPH, NodeKind.ITEM, NodeKind.HEADING):
            found = _WORD.findall(node.text)
            words += len(found)
            marked += sum(1 for w in found if not w.isascii())
            if words >= 2000:
                break
    return words < 200 or marked >= 0.4 * words


def _section(node: OutlineNode) -> str | None:
    """target | result | None: what the nearest heading above with a kind says."""
    for a in node.ancestors():
        if a.kind in (NodeKind.HEADING, NodeKind.ITEM, NodeKind.ANNEX):
            f = fold(a.text)
            if _RESULT_HEADING.search(f):
                return "result"
            if _TARGET_HEADING.search(f):
                return "target"
    return None


def _is_preamble(node: OutlineNode) -> bool:
    """The legal bases and the signature: "Căn cứ ...", "Thực hiện ...", "Nơi nhận"."""
    f = fold(node.text[:40])
    return f.startswith(("can cu", "xet de nghi", "theo de nghi", "noi nhan", "tm ", "kt "))


def _heading_year(node: OutlineNode, ctx: Context) -> tuple[int | None, tuple[int, int] | None, bool]:
    """(year, period, every year) of the nearest heading above that states one."""
    for a in node.ancestors():
        if a.kind == NodeKind.DOCUMENT:
            break
        if a.kind == NodeKind.TABLE:
            continue  # (a table's caption is no heading of its rows)
        ys = [y for y in year_mentions(a.text) if y.kind in ("until", "in")]
        if ys:
            m = re.search(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", a.text)
            return ys[-1].year, ((int(m.group(1)), int(m.group(2))) if m else None), False
        vision = _VISION.search(a.text)
        if vision:  # "Tầm nhìn đến năm 2045": what stands under it is for that year
            return int(vision.group(1)), None, False
        if _EVERY_YEAR.search(a.text):
            return None, ctx.period, True
    return ctx.horizon, ctx.period, False


_VISION = re.compile(r"tầm\s+nhìn\s+(?:đến\s+)?(?:năm\s+)?((?:19|20)\d\d)", re.IGNORECASE)


def _table_targets(doc: Document, node: OutlineNode, ctx: Context) -> list[Target]:
    table = doc.tables[node.table]
    out: list[Target] = []
    if table.kind == "statement":
        for row in table.rows:
            rn = _row_node(node, row.index)
            year = _heading_year(rn, ctx) if rn is not None else (ctx.horizon, ctx.period, False)
            out += statements(row.name, row.name_location_at, year, ctx, "cell")
        return out
    if table.kind != "indicator" or table.problem:
        return out
    for row in table.rows:
        if row.role not in (RowRole.INDICATOR, RowRole.BREAKDOWN, RowRole.SUB):
            continue
        subject, scope = clean(row.name), None
        if row.role in (RowRole.BREAKDOWN, RowRole.SUB) and row.parent is not None:
            subject, scope = clean(table.rows[row.parent].name), clean(row.name)
        else:  # "Tỷ lệ thất nghiệp ở khu vực thành thị": the row's own scope, as a sentence gives it
            scope = _scope_in(subject)
        for cell in row.targets:
            value = parse_target(cell.text)
            if value.kind in ("none", "unreadable"):
                continue
            unit = canonical_unit(row.unit) or value.unit
            if row.group_unit in _GROUP_UNITS:  # "Chỉ tiêu số lượng trên 10.000 dân" over its rows
                unit = _GROUP_UNITS[row.group_unit]
            kind = TargetKind.STATE if value.kind in ("level", "school") else TargetKind.LEVEL
            out.append(Target(subject, subject_key(subject), cell.text, value, unit, kind, cell.year,
                              cell.location, "row", f"{subject}: {cell.text}", scope=scope,
                              indicator=row.indicator, score=row.match_score))
    return out


_GROUP_UNITS = {"per_10000": "/10.000", "per_1000": "/1.000"}


def _row_node(table_node: OutlineNode, index: int) -> OutlineNode | None:
    for n in table_node.walk():
        if n.kind == NodeKind.ROW and n.row == index:
            return n
    return None


# ---------------------------------------------------------------- one text


# "hằng năm", "hàng năm", "mỗi năm" - not "ngân hàng năm 2026"
_EVERY_YEAR = re.compile(r"(?<!ngân\s)(?<!Ngân\s)\b(?:hằng|hàng|mỗi)\s+năm\b(?!\s+(?:19|20)\d\d)", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=\S)|;\s*|:\s+(?=[^\W\d_]*\s)")


def statements(text: str, locate, heading: tuple, ctx: Context, source: str,
               parts: list | None = None, goals: bool = False) -> list[Target]:
    """The targets a text states (see the module); ``locate(offset)`` is where the character at
    ``offset`` of ``text`` is. The parts a text gives of a whole ("(Trong đó: VNPT: 25 trạm,
    Viettel: 33 trạm)") are targets too, and are added to ``parts`` with their whole. In a
    section of goals (``goals``), an item that opens with "Hình thành", "Trở thành", "Xây dựng
    được" states a qualitative target too."""
    states = _GOAL_STATE if goals else _STATE
    if not re.search(r"\d", text) and not states.match(text.lstrip(" -+•*")):
        return []
    out: list[Target] = []
    spans = list(_PARTS.finditer(text))
    if spans:  # read without the parts, then the parts with their whole
        whole_text = text
        for m in reversed(spans):
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
        found = statements(text, locate, heading, ctx, source, goals=goals)
        for m in spans:
            before = [t for t in found if t.text and t.location == locate(_last_value_at(whole_text, m.start()))]
            whole = before[-1] if before else None
            pieces = _parts_of(m, whole, whole_text, locate)
            if whole is not None and pieces:
                if parts is not None:
                    parts.append((whole, pieces, False))
                found += pieces
        return found
    if re.match(r"^\W*(?:phấn\s+đấu\s+)?(?:hằng|hàng|mỗi)\s+năm\b", text, re.IGNORECASE):
        heading = (heading[0], heading[1], True)  # "Hằng năm, ...": every target of the text, each year
    lead = _LEAD_IN.match(text)
    for clause_text, start in _clauses(text):
        whole = None
        if lead and start <= lead.end():
            whole = (text[:start + len(clause_text)], 0)
            clause_text, start = text[lead.end():start + len(clause_text)], lead.end()
        found = _clause_targets(clause_text, start, text, locate, heading, ctx, source, states)
        if not found and whole is not None and re.match(r"\s*(?:(?:" + _CMP + r")\s*)?\d", clause_text):
            # "Tỷ lệ thất nghiệp chung của tỉnh: 0-1%": the lead-in is the subject of the value after it
            found, lead = _clause_targets(*whole, text, locate, heading, ctx, source, states), None
        for t in found:
            if lead and len(t.subject.split()) <= 1:  # "Lắp đặt mới trạm 3G/4G: 58 trạm": the lead-in names it
                subject = _clean_subject(lead.group("lead"))
                t = replace(t, subject=subject, key=subject_key(subject))
            elif lead and t.scope is None:
                t = replace(t, scope=lead.group("lead").strip())
            out.append(t)
    return out


# "(Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)", "(trong đó: 5 xã, 3 phường)": the parts of the value before
_PARTS = re.compile(r"\(\s*trong\s+đó\s*[:,]?\s*(?P<body>[^()]{3,300})\)", re.IGNORECASE)
_PART = re.compile(r"^\s*(?:(?P<name1>[^\d:]{1,60}?)\s*:?\s*(?P<num1>\d+(?:[.,]\d+)*)\s*(?P<unit1>[^\d,;]{0,20})"
                   r"|(?P<num2>\d+(?:[.,]\d+)*)\s*(?P<name2>[^\d,;]{1,60}))\s*$")


def _last_value_at(text: str, at: int) -> int:
    """The offset of the last number before ``at`` (the whole a "(Trong đó: ...)" divides)."""
    nums = [m.start() for m in _NUM.finditer(_mask(text)[:at])]
    return nums[-1] if nums else 0


def _parts_of(m: re.Match, whole: Target | None, text: str, locate) -> list[Target]:
    """The parts listed in a "(Trong đó: ...)": each a target of the whole's subject, scoped."""
    if whole is None:
        return []
    out = []
    offset = m.start("body")
    for piece in re.split(r"[,;]", m.group("body")):
        p = _PART.match(piece)
        start = offset
        offset += len(piece) + 1
        if not p:
            continue
        name = (p.group("name1") or p.group("name2") or "").strip(" :")
        number = p.group("num1") or p.group("num2")
        if not name or not re.search(r"[^\W\d_]", name):
            continue
        value = parse_target(number)
        if value.kind not in ("exact", "approx"):
            continue
        out.append(replace(whole, value_text=number, value=value, scope=name, text=piece.strip(),
                           location=locate(start + piece.find(number)), key=whole.key, direction=None))
    return out


# "Tại địa bàn đô thị: ...", "Đổi mới công nghệ trong khu công nghiệp: ...": a lead-in before its targets
_LEAD_IN = re.compile(r"^(?P<lead>[^:;.]{3,80}?):\s+(?=\S)")


def _clauses(text: str) -> list[tuple[str, int]]:
    """(clause, offset) pieces of ``text`` cut at sentence ends, semicolons and lead-in colons."""
    out, last = [], 0
    masked = _mask(text)
    for m in _SENTENCE.finditer(masked):
        if m.start() > last:
            out.append((text[last:m.start()], last))
        last = m.end()
    if last < len(text):
        out.append((text[last:], last))
    return out


@functools.lru_cache(maxsize=4096)
def _mask(text: str) -> str:
    """``text`` with dates, document numbers, footnote marks, names with digits, years and quoted
    titles ("Đề án “Đầu tư xây dựng ít nhất 01 triệu căn hộ ...”") blanked."""
    t = _blank(_blank(text, _DATE), _DOC_NUMBER)
    t = _blank(t, _QUOTED)
    t = _blank(t, _CODE_SPAN)
    t = _blank(t, _NAME_DIGITS)
    t = _blank(t, _FOOTNOTE)
    return t


_STATE_WORDS = (r"hoàn\s+thành\s+cơ\s+bản|hoàn\s+thành|xóa\s+bỏ\s+hoàn\s+toàn|xoá\s+bỏ\s+hoàn\s+toàn"
                r"|xóa\s+hoàn\s+toàn|xoá\s+hoàn\s+toàn|cơ\s+bản\s+chấm\s+dứt|chấm\s+dứt|giải\s+quyết\s+cơ\s+bản"
                r"|cơ\s+bản\s+hoàn\s+thành|bảo\s+đảm\s+vững\s+chắc|đảm\s+bảo\s+vững\s+chắc|loại\s+trừ")
_GOAL_STATE = re.compile(r"^(?:phấn\s+đấu\s+)?(?P<state>" + _STATE_WORDS + r"|hình\s+thành|trở\s+thành"
                         r"|xây\s+dựng\s+được)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_STATE = re.compile(r"^(?:phấn\s+đấu\s+)?(?P<state>hoàn\s+thành\s+cơ\s+bản|hoàn\s+thành|xóa\s+bỏ\s+hoàn\s+toàn|xoá\s+bỏ\s+hoàn\s+toàn"
                    r"|xóa\s+hoàn\s+toàn|xoá\s+hoàn\s+toàn|cơ\s+bản\s+chấm\s+dứt|chấm\s+dứt|giải\s+quyết\s+cơ\s+bản"
                    r"|cơ\s+bản\s+hoàn\s+thành|bảo\s+đảm\s+vững\s+chắc|đảm\s+bảo\s+vững\s+chắc|loại\s+trừ)"
                    r"\s+(?P<rest>\S.*)$", re.IGNORECASE)


def _clause_targets(clause: str, offset: int, text: str, locate, heading: tuple, ctx: Context,
                    source: str, states: re.Pattern) -> list[Target]:
    masked = _mask(text)[offset:offset + len(clause)]
    masked = _blank(masked, _YEARISH)
    for m in _PAREN.finditer(clause):  # "(năm 2024 ước đạt 55%)": a result beside the target, read as nothing
        if _RESULT_WORDS.search(m.group(0)) or _past_year(m.group(0), ctx):
            gap = " " * (m.end() - m.start())
            masked = masked[:m.start()] + gap + masked[m.end():]
            clause = clause[:m.start()] + gap + clause[m.end():]
    values = _values(clause, masked, states is _GOAL_STATE)
    out: list[Target] = []
    out += _state(clause, offset, values, locate, heading, source, states)
    if not values:
        return out
    anchored = [v for v in values if v.anchored]
    if not anchored:
        return out
    values = _shared_denominator(clause, values)
    cursor = 0  # where the subject of the next value may start
    previous_subject = None
    for k, v in enumerate(values):
        if not v.anchored or v.start < cursor:
            continue  # (a number inside the subject read after the value before it)
        if _age_group(clause, v):
            continue  # part of the subject around it
        if _not_target(clause, v):
            cursor = v.end
            continue
        left = clause[cursor:v.start]
        continued = cursor > 0 and bool(re.match(r"\s*(?:,|và\b|hoặc\b)", left))
        # the subject: before the value (after the value before it and its comma); for a count,
        # the noun phrase after it ("có ít nhất 20 tập dữ liệu mở ..."), as for a value that opens
        # its clause ("70% phụ nữ mang thai được tầm soát ...")
        left = _subject_piece(re.sub(r"^\s*(?:,|và\b|hoặc\b)\s*", "", left))
        subject = _clean_subject(left)
        scope_continues = False
        if subject and continued and previous_subject and not _MEASURE.match(subject) \
                and len(subject.split()) <= 8 and not v.noun_after:
            subject, scope_continues = _elliptic(subject, previous_subject), True
        end = v.end
        preposition = _PREPOSITION.search(clause[max(cursor, v.start - 20):v.start])
        if v.noun_after and (v.kind == TargetKind.COUNT or not subject or len(subject.split()) < 2 or preposition):
            after = _noun_phrase(clause, v.end, values[k + 1:], v.kind == TargetKind.COUNT)
            if after and v.kind == TargetKind.COUNT and subject and len(after[0].split()) <= 1:
                end = after[1]  # "nâng tổng số trạm 5G: 188 trạm": the count's unit alone, its subject before
            elif after:
                # "trợ giúp pháp lý cho 100% số người ...": the action and whom it reaches
                subject = f"{subject} {after[0]}" if preposition and subject else after[0]
                end = after[1]
        if not subject and cursor > 0 and previous_subject:
            subject = previous_subject  # "xuống dưới 30% vào năm 2026 và dưới 40% vào năm 2030"
        if not subject or not re.search(r"[^\W\d_]{2}", subject):
            cursor = v.end
            continue
        year, period, every = _year_of(clause, v.start, heading, v.end)
        if v.every_year:
            every = True
        if _past(clause, v, year, ctx):
            cursor = end
            continue
        value = parse_target(v.raw)
        if value.kind in ("none", "unreadable"):
            cursor = end
            continue
        direction = v.direction or _lead_direction(clause, v.start)
        out.append(_make(subject, v.written, value, v.unit, v.kind, year, period, every, direction,
                         locate(offset + v.num_start), source, clause.strip()))
        if not scope_continues:
            previous_subject = subject
        cursor = end
    return _shared_predicates(out)


def _shared_predicates(targets: list[Target]) -> list[Target]:
    """Subjects joined by "và" that share what follows the last ("100% hộ gia đình ở thành thị và
    80% hộ gia đình ở nông thôn được sử dụng nước sạch"): the first takes the words of the last
    past its own length, when both open with the same two words."""
    out = list(targets)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        aw, bw = a.subject.split(), b.subject.split()
        if len(aw) >= 2 and len(bw) > len(aw) + 1 and [w.lower() for w in aw[:2]] == [w.lower() for w in bw[:2]] \
                and re.search(rf"{re.escape(a.subject)}\s+và\s", a.text):
            subject = " ".join(aw + bw[len(aw):])
            out[k] = replace(a, subject=subject, key=subject_key(subject))
    return out


_LEAD_VERB = re.compile(r"^\W*(?:phấn\s+đấu\s+)?(?P<verb>giảm|tăng(?!\s+trưởng)|nâng|hạ)\b", re.IGNORECASE)


def _lead_direction(clause: str, at: int) -> str | None:
    """The direction a clause's first verb gives to the values in it ("Giảm tỷ lệ hộ nghèo xuống
    dưới 2%"; "Nâng tỷ lệ ... lên")."""
    m = _LEAD_VERB.match(clause[:at])
    if not m:
        return None
    return "decrease" if fold(m.group("verb")) in ("giam", "ha") else "increase"


def _state(clause: str, offset: int, values: list, locate, heading: tuple, source: str,
           states: re.Pattern = None) -> list[Target]:
    """A qualitative target that opens a list item or a cell: "Hoàn thành phổ cập giáo dục mầm non
    cho trẻ em từ 3 đến 5 tuổi", "Xóa bỏ hoàn toàn nhà tạm, nhà dột nát", "Bảo đảm vững chắc mức
    sinh thay thế" - up to its first comma when a value follows, with no value of its own but an
    age group."""
    stripped = clause.lstrip(" -+•*")
    m = (states or _STATE).match(stripped)
    if not m or source not in ("item", "cell") or len(clause) > 600:
        return []
    start = len(clause) - len(stripped) + m.start("rest")
    cut = re.search(r"[,;]\s", clause[start:])
    end = start + cut.start() if cut and values else len(clause)
    if any(v.anchored and start <= v.num_start < end and not _age_group(clause, v) for v in values):
        return []
    subject = _clean_subject(" ".join(clause[start:end].split()[:MAX_SUBJECT_WORDS]))
    if not subject:
        return []
    word = m.group("state")
    value = parse_target(word)
    if value.kind == "unreadable":
        value = TargetValue("level", level="_".join(fold(word).split()))
    year, period, every = _year_of(clause, 0, heading)
    return [_make(subject, word, value, None, TargetKind.STATE, year, period, every, None, locate(offset), source,
                  clause.strip())]


@functools.lru_cache(maxsize=1 << 14)
def _scope_in(subject: str) -> str | None:
    """The scope a subject names ("khu vực thành thị", "cấp xã"), or None."""
    m = _SCOPE.search(subject)
    return m.group("scope").strip() if m else None


def _make(subject: str, written: str, value, unit, kind, year, period, every, direction, place: Location,
          source: str, clause: str) -> Target:
    subject = _PER_POP_AFTER.sub("", subject).strip(" ,") or subject
    scope = _scope_in(subject)
    return Target(subject, subject_key(subject), written, value, unit, kind, year, place, source, clause,
                  period=period, every_year=every, scope=scope, direction=direction)


_INNER_CUE = re.compile(r"^.{0,120}?\s(?:phấn\s+đấu|bảo\s+đảm|đảm\s+bảo)\s+(?=\S)", re.IGNORECASE)


def _clean_subject(span: str) -> str:
    s = re.sub(r"\s+", " ", span).strip(" ,.;:-–")
    m = _INNER_CUE.match(s)
    if m and _MEASURE.match(s[m.end():]):
        s = s[m.end():]  # "Sở Khoa học và Công nghệ phấn đấu tỷ lệ ...": the measure after the cue
    for _ in range(3):
        s = _LEAD.sub("", s).strip(" ,.;:")
        s = _TRAIL.sub("", s).strip(" ,.;:")
    if s.count("(") > s.count(")"):
        s = s + ")" if s.rfind("(") > s.rfind(")") and len(s) - s.rfind("(") < 20 else s.replace("(", "", 1)
    elif s.count(")") > s.count("("):
        s = s.lstrip(")").strip()
    if len(s.split()) > MAX_SUBJECT_WORDS:
        s = " ".join(s.split()[-MAX_SUBJECT_WORDS:])
    return s


def _shared_denominator(clause: str, values: list[_Value]) -> list[_Value]:
    """Counts listed with commas or "và" before one per-population phrase share it ("40 giường
    bệnh viện, 19 bác sĩ, 4 dược sĩ, 33 điều dưỡng viên trên 10.000 dân": each per 10,000 people)."""
    out = [v for v in values if not _PER_POP_AFTER.match(clause, v.start)]  # ("trên 10.000 dân": no value)
    for k, v in enumerate(out):
        if v.kind != TargetKind.COUNT:
            continue
        m = _PER_POP_AFTER.search(clause, v.end, out[k + 1].start if k + 1 < len(out) else len(clause))
        if not m:
            continue
        unit = _unit("", False, False, m.group("den"))
        j = k
        while True:
            out[j] = replace(out[j], unit=unit, kind=TargetKind.LEVEL)
            if j == 0 or out[j - 1].kind != TargetKind.COUNT or \
                    not re.fullmatch(r"[^;:.\d]*(?:,|\svà)\s*", clause[out[j - 1].end:out[j].start]):
                break
            j -= 1
    return out


_PER_POP_AFTER = re.compile(r"(?:/|\btrên|\bcho)\s*(?:mỗi\s+)?(?P<den>(?:1|một)\s+vạn|vạn|10[.\s]?000|100[.\s]?000"
                            r"|1[.\s]?000|(?:1|một)\s+nghìn|nghìn)\s+(?:dân|người)", re.IGNORECASE)


def _elliptic(part: str, previous: str) -> str:
    """A subject that leaves out the words it shares with the one before it: "tỷ lệ đi học đúng
    độ tuổi cấp tiểu học đạt 99,5%, cấp trung học cơ sở đạt 97,5%" -> "tỷ lệ đi học đúng độ tuổi
    cấp trung học cơ sở" (the words before the first word they share, then the part)."""
    first = part.split()[0].lower()
    words = previous.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower() == first:
            return " ".join(words[:k] + part.split())
    return f"{previous} {part}"


def _subject_piece(left: str) -> str:
    """The part of the text before a value that names it: from the last comma after which a cue
    ("phấn đấu", "đến năm 2030") or a measure ("tỷ lệ ...") starts the name, else all of it
    ("Tỷ lệ ... trong y tế, giáo dục, bảo hiểm"; "Đào tạo, bồi dưỡng, tập huấn ...")."""
    if "," not in left:
        return left
    pieces = left.split(",")
    for k in range(len(pieces) - 1, 0, -1):
        piece = ",".join(pieces[k:])
        if _CUE_PIECE.match(piece):
            return piece
        if _MEASURE.match(_LEAD.sub("", piece.strip())):
            return piece
    return left


_CUE_PIECE = re.compile(r"\s*(?:phấn\s+đấu|bảo\s+đảm|đảm\s+bảo|trong\s+đó|cụ\s+thể|(?:đến|tới)\s+(?:hết\s+)?năm"
                        r"|(?:mỗi|hằng|hàng)\s+năm|riêng|mục\s+tiêu)\b", re.IGNORECASE)
_PREPOSITION = re.compile(r"\b(?:cho|tại|ở|với|đối\s+với|của)\s*$", re.IGNORECASE)


# after a comma, the rest of an enumeration: short items, the last after "và"/"hoặc", no number
# ("... dữ liệu cấp tỉnh, ngành và địa phương")
_ENUMERATION = re.compile(r",\s*(?:[^\W\d_]+\s+){0,2}[^\W\d_]+(?:\s*,\s*(?:[^\W\d_]+\s+){0,2}[^\W\d_]+)*"
                          r"\s+(?:và|hoặc)\s+[^\d,;:]*$", re.IGNORECASE)


def _noun_phrase(clause: str, at: int, later: list[_Value], count: bool = False) -> tuple[str, int] | None:
    """The subject after a value: up to the next clause boundary, the next value with its own
    verb or after a comma or "và", or a year ("tầm soát ít nhất 4 loại bệnh" stays in it)."""
    stop = len(clause)
    for v in later:
        if v.anchored and (_has_verb(clause, v) or re.search(r"(?:,|\bvà|\bhoặc|;)\s*$", clause[:v.start])):
            stop = min(stop, v.start)
            break
    m = re.compile(r"[;:.]\s|,\s+(?=(?:và\s+)?(?:\d|trên|dưới|khoảng|ít\s+nhất|tối\s+thiểu))|\s+và\s+(?=\d)"
                   r"|\s+(?:đến|tới|vào)\s+năm\s+\d{4}|\s+trong\s+năm\s+\d{4}").search(clause, at, stop)
    end = m.start() if m else stop
    if count and "," in clause[at:end] and not _ENUMERATION.match(clause, clause.index(",", at), end):
        end = clause.index(",", at)  # "125 trạm, nâng tổng số ...": what is counted ends at its comma
    words = clause[at:end].split()
    phrase = _clean_subject(" ".join(words[:MAX_SUBJECT_WORDS]))
    return (phrase, end) if phrase else None


def _year_of(clause: str, at: int, heading: tuple, end: int | None = None) -> tuple[int | None, tuple[int, int] | None,
                                                                                   bool]:
    every = bool(_EVERY_YEAR.search(clause))
    ys = [y for y in year_mentions(clause) if y.kind in ("until", "in")]
    if ys:
        before = [y for y in ys if y.start <= at]
        right = [y for y in ys if end is not None and y.start >= end and not clause[end:y.start].strip()]
        y = right[0] if right else before[-1] if before else ys[0]  # "dưới 40% vào năm 2030": its own year
        m = re.search(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", clause[max(0, y.start - 2):y.end + 2])
        period = (int(m.group(1)), int(m.group(2))) if m else None
        return y.year, period, every
    year, period, heading_every = heading
    return year, period, every or heading_every


_PAREN = re.compile(r"\([^()]{3,200}\)")


def _past_year(text: str, ctx: Context) -> bool:
    return ctx.now is not None and any(y.year < ctx.now for y in year_mentions(text) if y.kind == "in")


def _past(clause: str, v: _Value, year: int | None, ctx: Context) -> bool:
    """A value the text reports as achieved: a result cue before it in its clause, or a year
    before the document's own."""
    before = clause[:v.start]
    if _RESULT_WORDS.search(before[-80:]) and cue_before(before) != "target":
        return True
    after = clause[v.end:v.end + 40]
    cue = _RESULT_WORDS.search(after)
    if cue and not re.search(r"\d", after[:cue.start()]) and "(" not in after[:cue.start()]:
        return True  # "tăng 15,55%, cao hơn cả nước": the value itself reported
    if year is not None and ctx.now is not None and year < ctx.now:
        # "Phấn đấu đến năm 2023, ... đạt 80%" in a plan of 2025: a target whose year is wrong
        # (P003), not a result; any other earlier year reports what was done
        until = [y for y in year_mentions(clause) if y.year == year and y.kind == "until" and y.end <= v.start]
        return not (until and cue_before(before) == "target")
    own = [y for y in year_mentions(clause) if y.end <= v.start and y.kind == "in"]
    return bool(own) and ctx.now is not None and own[-1].year < ctx.now and cue_before(before) != "target"


def _age_group(clause: str, v: _Value) -> bool:
    """An age group, part of a subject: "trẻ mẫu giáo từ 3 đến 5 tuổi", "trẻ em dưới 5 tuổi"."""
    if v.unit == "tuổi" and re.match(r"từ\b", clause[v.start:v.num_start].strip(), re.IGNORECASE):
        return True  # "từ 3 đến 5 tuổi", "từ 65 tuổi trở lên": never a target's value
    return v.unit == "tuổi" and bool(re.match(r"(?:từ|dưới|trên)\b", clause[v.start:v.num_start].strip(),
                                              re.IGNORECASE)) and bool(re.search(
        r"\b(?:trẻ|em|người|dân\s+số|phụ\s+nữ|nam|nữ|học\s+sinh|lao\s+động|thanh\s+niên|cao\s+tuổi)\s*$",
        clause[:v.start].strip(), re.IGNORECASE))


def _not_target(clause: str, v: _Value) -> bool:
    """A scoring band, a share of revenue, a time limit, a legal threshold, an estimate or a need
    ("Nhu cầu vốn ... dự kiến khoảng 121.732 tỷ đồng"), a count of stages or times."""
    if _ESTIMATE.search(clause[:v.start]):
        return True
    if v.kind == TargetKind.COUNT and (v.unit or "").split()[0:1] and (v.unit or "").split()[0] in _NOT_COUNTED:
        return True
    window = clause[max(0, v.start - 60):v.end + 40]
    if _NOT_TARGET.search(window):
        return True
    if v.unit in ("ngày", "tháng", "giờ") or (v.unit == "năm" and v.kind != TargetKind.LEVEL):
        return True
    return bool(_TIME_LIMIT.search(clause[:v.start]))


# in a section of goals, a count after an action is a target ("đào tạo, bồi dưỡng 3.000 lượt nhân lực")
_ACTION_BEFORE = re.compile(r"\b(?:đào\s+tạo|bồi\s+dưỡng|tập\s+huấn|thu\s+hút|thành\s+lập|tuyển\s+sinh|xây\s+mới"
                            r"|trồng(?:\s+mới)?|kết\s+nạp|giải\s+quyết\s+việc\s+làm\s+cho|tạo\s+việc\s+làm\s+cho)\s*$",
                            re.IGNORECASE)


def _values(clause: str, masked: str, goals: bool = False) -> list[_Value]:
    out: list[_Value] = []
    for m in _NUM.finditer(masked):
        ns, ne = m.span()
        if out and ns < out[-1].end:
            continue  # the second number of a range
        right = _RIGHT.match(clause, ne)
        if _MULTIPLIER.match(clause, ne) and not right.group("unit"):
            mult = _MULTIPLIER.match(clause, ne)
            right = _RIGHT.match(clause, mult.end())
        left = _LEFT.search(clause[max(0, ns - 60, out[-1].end if out else 0):ns])
        lstart = ns - (len(left.group(0)) if left else 0)
        cmp_text = (left.group("cmp") or "") if left else ""
        change = (left.group("change") or "") if left else ""
        level = (left.group("level") or "") if left else ""
        verb = (left.group("verb") or "") if left else ""
        if fold(cmp_text) == "tu" and not (right.group("up") or right.group("num2")):
            cmp_text = ""  # "từ 3 ..." without "trở lên" or a range is no bound
        unit_text = (right.group("unit") or "").strip()
        pct = bool(right.group("pct1"))
        unit = _unit(unit_text, pct, bool(right.group("peryear")), right.group("den"))
        end = right.end()
        after = clause[end:]
        noun_after = bool(_NOUN_AFTER.match(after)) and not unit_text.startswith(("tuổi", "năm", "tháng"))
        kind = TargetKind.LEVEL
        direction = None
        if change and not level:
            kind = TargetKind.CHANGE
            direction = "decrease" if fold(change).startswith("giam") else "increase"
        elif level:
            direction = "decrease" if fold(level).startswith(("giam", "xuong", "con")) else "increase"
        measured = unit  # (a unit of measure, before a counted noun stands for one)
        if unit is None and noun_after and kind == TargetKind.LEVEL:
            kind = TargetKind.COUNT
            unit = _count_unit(after)
        number = clause[ns:ne]
        if right.group("num2"):
            number = f"{number}-{right.group('num2')}"
        pct_sign = "%" if unit in ("%", "%/năm", "điểm %") or pct else ""
        raw = number + pct_sign
        up = (right.group("up") or "").strip()
        if fold(cmp_text) == "tu" and up:
            raw = f"từ {raw} trở lên"
        elif up:
            raw = f"từ {raw} {up}"
        elif cmp_text and fold(cmp_text) != "tu":
            raw = f"{cmp_text} {raw}"
        elif fold(cmp_text) == "tu":
            raw = "từ " + raw.replace("-", " đến ", 1)
        written = re.sub(r"\s+", " ", clause[lstart:end]).strip()
        anchored = bool(cmp_text or change or level or verb) or ns == _first_word(clause) or (
            goals and noun_after and measured is None and bool(_ACTION_BEFORE.search(clause[max(0, lstart - 40):lstart]))
        ) or (  # "Tỷ lệ thất nghiệp chung của tỉnh: 0-1%": a subject, its colon and a value that ends the clause
            bool(re.search(r"[^\W\d_]{2}\s*:\s*$", clause[:lstart])) and not clause[end:].strip(" .;")
        ) or (
            noun_after and (measured == "%" or (measured is None and (_starts_clause(clause, lstart)
                                                              or re.search(r"(?:,|:|\bvà|\bhoặc)\s*$", clause[:lstart])))))
        every = bool(right.group("peryear")) or bool(re.search(r"(?:mỗi|hằng|hàng)\s+năm", change or ""))
        out.append(_Value(lstart, ns, end, written, raw, unit, kind, direction, anchored, noun_after, every))
    # a value without a verb of its own before another one that has one is part of the subject, as
    # is a qualifier with no verb ("từ 15 tuổi trở lên", "01 Gb/s") before a value with a verb in
    # the same stretch of words ("Tỷ lệ dân số từ 15 tuổi trở lên có tài khoản ... đạt 95%")
    kept = []
    for k, v in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and nxt.anchored and _has_verb(clause, nxt) and not _has_verb(clause, v) \
                and not re.search(r"[,;]", clause[v.end:nxt.start]):
            continue
        if v.anchored or not any(w.anchored for w in out[k + 1:]):
            kept.append(v)
    return kept


_VERB_BEFORE = re.compile(r"(?:" + _VERB + r"|" + _CHANGE + r"|" + _LEVEL + r")(?:\s+(?:" + _CMP + r"))?\s*$",
                          re.IGNORECASE)


def _has_verb(clause: str, v: _Value) -> bool:
    """A verb of its own before the value ("đạt", "chiếm", "giảm", "tăng thêm"), not only a bound
    ("dưới 15 tuổi", "từ 65 tuổi trở lên"), or the subject after it ("60% lực lượng lao động")."""
    return bool(_VERB_BEFORE.search(clause[max(0, v.start - 40):v.num_start])) or (v.noun_after and v.unit == "%")


def _first_word(clause: str) -> int:
    m = re.search(r"\S", clause)
    return m.start() if m else 0


def _starts_clause(clause: str, at: int) -> bool:
    """Nothing but list marks, cue words or a year stands before ``at`` in its clause."""
    head = _LEAD.sub("", clause[:at].strip(" -+•*,")).strip(" ,")
    return not head


def _unit(text: str, pct: bool, per_year: bool, den: str | None) -> str | None:
    if den:
        f = fold(den)
        return "/100.000" if f.startswith("100") else "/10.000" if ("van" in f or "10" in f) else "/1.000"
    if not text:
        return "%" if pct else None
    t = fold(text)
    if text.strip().startswith("%"):
        return "%/năm" if "/" in text or per_year else "%"
    if t.startswith("diem"):
        return "điểm %"
    if t.startswith("m 2") or t.startswith("m2") or text.startswith("m²"):
        return "m²"
    return re.sub(r"\s+", " ", text.strip())


_CLASSIFIERS = ("kịch bản", "mô hình", "doanh nghiệp", "hợp tác xã", "sản phẩm", "trung tâm", "cơ sở", "tập",
                "bác sĩ", "bác sỹ", "dược sĩ", "dược sỹ", "điều dưỡng", "giường bệnh", "giường", "nhân viên", "cán bộ",
                "bộ", "căn hộ", "căn", "lượt", "người", "hộ", "xã", "phường", "trường", "vùng", "điểm", "dự án")


def _count_unit(after: str) -> str | None:
    words = after.strip().split()
    if not words:
        return None
    low = " ".join(words[:2]).lower()
    for c in _CLASSIFIERS:
        if low.startswith(c):
            return c
    return words[0].lower().strip(".,;:)(") or None


# ---------------------------------------------------------------- comparing subjects


@functools.lru_cache(maxsize=1 << 14)
def subject_key(subject: str) -> str:
    """A subject made comparable: without its scope and the area ("trên địa bàn tỉnh"), folded,
    abbreviations spelled out, "tỷ lệ" dropped, words sorted (word order does not matter)."""
    s = _AREA.sub(" ", canonical(subject))
    s = _SCOPE.sub(" ", s)
    f = fold(s)
    words = [_ABBREVIATIONS.get(w, w) for w in f.split()]
    f = _KEY_DROP.sub("", " ".join(words))
    f = re.sub(r"\bdia phuong\b", " ", f)  # "doanh nghiệp ... địa phương": the area, as "trên địa bàn"
    tokens = [w for w in f.split() if w not in _KEY_STOP]
    return " ".join(sorted(set(tokens)))


def scope_key(scope: str | None) -> str:
    if not scope:
        return ""
    return fold(re.sub(r"^(?:ở|tại|khu\s+vực)\s+", "", scope, flags=re.IGNORECASE))


__all__ = ["read_targets", "statements", "subject_key", "scope_key", "document_context", "Context", "YearMention"]
