"""Targets stated in the body, however a document states them.

A statement is a clause that names an indicator and gives it a target value, anywhere in
the body (bullets, numbered items, prose, clauses joined by ";" or ",", lists flattened onto
one line): "Tỷ lệ thất nghiệp chung dưới 3%", "60% lực lượng lao động ... tham gia bảo hiểm
xã hội", "14,3 bác sỹ/1 vạn dân và 48,5 giường bệnh/1 vạn dân", "cấp trung học cơ sở tối
thiểu đạt 95%" (the name shared with the clause before).

Reading one paragraph:

1. dates, document numbers and years are blanked out (they are never values);
2. the paragraph is cut into sentences (". ", flattened bullets " - ") and clauses (";");
3. each number becomes a *value*: the comparator words before it ("từ ... trở lên", "ở mức
   dưới", "không thấp hơn", "tối thiểu đạt"), the unit after it ("%", "tuổi", "m2 sàn/người",
   "/1 vạn dân"), and whether a rate of change is stated ("giảm từ 0,5% trở lên");
4. the value's indicator is named after it when a noun follows the value directly ("60%
   lực lượng lao động ..."), else before it ("tỷ lệ tiêm chủng mở rộng đạt 95%"); candidate
   names are the spans between clause boundaries, matched with the suite's matcher; the
   value must fit the indicator (a percentage for a rate, a "/1 vạn dân" for a per-10,000
   indicator, a number of "căn hộ" for housing units) and lie within its bounds;
5. a value is a target, not a result, by the cues before it (:func:`is_target`);
6. its year comes from the clause ("đến năm 2025", "giai đoạn 2021-2025"), the sentence,
   the heading or lead-in above, the title ("kế hoạch ... năm 2024") or the plan's period.

Only confident readings are kept: a missed narrative target costs less than a false
contradiction with the annex.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..catalogue import Indicator, Matcher, Suite
from ..model import Location, NarrativeTarget
from ..targets import parse_target
from ..textnorm import canonical, fold, roman_to_int
from .metadata import heading_text

MIN_SCORE = 90.0  # matcher score a candidate name needs

# ---------------------------------------------------------------- blanking non-values

_DATE = re.compile(
    r"\bngày\s+\d{1,2}\s*(?:/\s*\d{1,2}\s*(?:/\s*\d{2,4})?|tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)"
    r"|\b\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}\b|\b\d{1,2}\s*/\s*\d{1,2}\b(?!\s*(?:dân|người|năm))"
    r"|\btháng\s+\d{1,2}(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?|\bquý\s+[IV1-4]+\s*/\s*\d{4}", re.IGNORECASE)
_DOC_NUMBER = re.compile(
    r"\b\d+(?:/\d{4})?\s*[-/]\s*[A-ZĐ][A-ZĐa-z0-9\-&]*(?:/[A-ZĐ][A-ZĐa-z0-9\-]*)*"  # 42-NQ/TW, 93/2019/NĐ-CP
    r"|\b(?:số|Số)\s+\d+[\d/.\-]*"
    r"|\b(?:khóa|khoá|lần\s+thứ|Hội\s+nghị|hạng|nhóm|mức\s+độ|loại|cấp\s+độ|Trung\s+ương)\s+\d+\b"
    r"|\bso\s+với\s+(?:năm\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
_YEAR_EXPR = re.compile(
    r"(?P<vision>tầm\s+nhìn\s+(?:đến\s+)?(?:năm\s+)?)?"
    r"(?P<pre>tính\s+đến\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?|(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?"
    r"|(?:vào|trong|cho|của)\s+năm\s+|năm\s+|giai\s+đoạn\s+)?"
    r"(?P<y1>(?:19|20)\d\d)(?:\s*(?:-|–|—|đến)\s*(?:năm\s+)?(?P<y2>(?:19|20)\d\d))?(?![\d%]|[.,]\d)", re.IGNORECASE)


def _blank(text: str, rx: re.Pattern) -> str:
    return rx.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int
    kind: str  # until ("đến năm 2025", a period's end) | in ("năm 2023") | since ("tính đến")


@functools.lru_cache(maxsize=4096)
def year_mentions(text: str) -> tuple[YearMention, ...]:
    """The years a text states, with what they mean ("đến năm 2025", "năm 2023", "giai đoạn
    2021-2025" -> 2025); dates, document numbers, "so với năm 2021" and visions are left out."""
    base = _blank(_blank(text, _DATE), _DOC_NUMBER)
    out = []
    for m in _YEAR_EXPR.finditer(base):
        if m.group("vision"):
            continue
        pre = fold(m.group("pre") or "")
        year = int(m.group("y2") or m.group("y1"))
        if pre.startswith("tinh den"):
            kind = "since"
        elif pre.startswith(("den", "toi", "giai doan")) or m.group("y2"):
            kind = "until"
        else:
            kind = "in"
        out.append(YearMention(m.start(), m.end(), year, kind))
    return tuple(out)


# ---------------------------------------------------------------- values

_NUM = re.compile(r"(?<![\d.,/])\d+(?:[.,]\d+)*(?![\d/])")
_LEFT_PIECES: list[tuple[str, re.Pattern]] = [
    (kind, re.compile(r"(?:^|(?<=[\s(:,]))(?:" + p + r")\s*$", re.IGNORECASE)) for kind, p in [
        ("cmp", r"không\s+(?:thấp\s+hơn|dưới|ít\s+hơn|quá|vượt\s+quá|cao\s+hơn|vượt|lớn\s+hơn)"
                r"|tối\s+thiểu(?:\s+(?:là|đạt))?|tối\s+đa(?:\s+là)?|ít\s+nhất(?:\s+là)?|cao\s+hơn|lớn\s+hơn"
                r"|nhiều\s+hơn|thấp\s+hơn|nhỏ\s+hơn|trên|hơn|dưới|khoảng|xấp\s+xỉ|gần|từ|>=|<=|=>|=<|≥|≤|>|<"),
        ("level", r"giảm\s+xuống(?:\s+còn)?|xuống\s+còn|giảm\s+còn|xuống\s+(?=dưới|mức)|tăng\s+lên|nâng\s+lên|còn"
                  r"|lên\s+mức|lên"),
        ("change", r"(?:giảm|tăng)(?:\s+thêm)?(?:\s+(?:bình\s+quân|trung\s+bình))?(?:\s+(?:mỗi|hằng|hàng)\s+năm)?"
                   r"(?:\s+(?:bình\s+quân|trung\s+bình))?"),
        ("verb", r"đạt(?:\s+được)?(?:\s+mức)?|ở\s+mức(?:\s+(?:thấp|cao)(?:\s+nhất)?)?|ở|mức|chiếm|là|bằng|được|có"
                 r"|đến|tới"),
    ]]
_RIGHT = re.compile(
    r"(?P<pct1>\s*%)?"
    r"(?:\s*(?:-|–|—|đến|tới)\s*(?P<num2>\d+(?:[.,]\d+)*))?"
    r"(?P<unit>\s*%\s*/\s*năm|\s*%|\s*m\s*(?:2|²)(?:\s*sàn)?(?:\s*(?:/|trên)\s*người)?|\s+tuổi\b"
    r"|\s+năm\b(?!\s+(?:19|20)\d\d)|\s+lần\b)?"
    r"(?P<up>\s+trở\s+lên|\s+trở\s+xuống)?"
    r"(?P<perpop>\s*(?:/|trên|cho|cho\s+mỗi|trên\s+mỗi)\s*"
    r"(?P<den>(?:1|một)\s+vạn|vạn|10[.\s]?000|mười\s+nghìn|1[.\s]?000|(?:1|một)\s+nghìn|nghìn)"
    r"\s+(?:dân|người\s+dân|người))?"
    r"(?P<peryear>\s*/\s*năm|\s+(?:mỗi|hằng|hàng|một)\s+năm|\s+bình\s+quân\s+(?:mỗi|hằng|hàng)\s+năm)?", re.IGNORECASE)
_MULTIPLIER = re.compile(r"\s*(?:triệu|nghìn|ngàn|trăm|chục|tỷ(?!\s+lệ|\s+trọng)|tỉ(?!\s+lệ|\s+trọng))\b",
                         re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*(?:$|[,;.:)\]/(]|và\b|hoặc\b|so\s+với\b|vào\b|trong\b|theo\b|trở\b|năm\b|đến\b|tới\b"
                        r"|của\b|tại\b|ở\b|trên\b|dưới\b|với\b|khi\b|nhằm\b|để\b|thì\b|cho\b|-|–)", re.IGNORECASE)
_PER_POP = re.compile(r"(?:/|\btrên|\bcho)\s*(?:mỗi\s+)?(?P<den>(?:1|một)\s+vạn|vạn|10[.\s]?000|mười\s+nghìn|1[.\s]?000"
                      r"|(?:1|một)\s+nghìn|nghìn)\s+(?:dân|người)", re.IGNORECASE)
_COUNT_NOUN = re.compile(r"\s*(?:giường|bác\s+s[ĩỹiy]|dược\s+s[ĩỹiy]|điều\s+dưỡng|căn|người|nhân\s+viên|cán\s+bộ)",
                         re.IGNORECASE)
_SUBJECT_UNIT = re.compile(r"\(\s*(?:đơn\s+vị\s*:?\s*)?(?P<u>%|tuổi|năm|lần|m\s*2[^)]*|%\s*/\s*năm)\s*\)",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Value:
    """A value expression around one number, as written."""

    start: int  # first comparator/verb word (or the number)
    num_start: int
    end: int  # after the unit, "trở lên", the per-population and per-year words
    raw: str  # comparator + number + unit: what ``parse_target`` reads
    unit: str | None  # %, %/năm, tuổi, năm, m2, lần, or None
    per_pop: int | None  # 10000 or 1000 for "/1 vạn dân", "trên 1.000 dân"
    change: str | None  # decrease | increase: "giảm từ 0,5% trở lên", "tăng thêm 7 xã"
    verb: str  # the verb of a change as written ("giảm"), else ""
    bare: str  # the value without its comparator words ("4%" of "tối thiểu là 4%")
    cmp_end: int  # where the comparator words end (== start when there are none)
    noun_after: bool  # a noun follows directly: the indicator is named after the value
    weak: bool  # no unit, per-population or counted noun: maybe a number inside a name
    level: bool = False  # "giảm còn 0,8%", "giảm xuống dưới 2%": the level reached, not a rate of change


def _den(text: str | None) -> int | None:
    if not text:
        return None
    f = fold(text)
    return 10000 if ("van" in f or "10 000" in f or "10000" in f or "muoi nghin" in f) else 1000


def find_values(clause: str, masked: str) -> list[Value]:
    """The value expressions of a clause (``masked``: the same text with dates, document
    numbers and years blanked)."""
    out = []
    for m in _NUM.finditer(masked):
        ns, ne = m.span()
        if out and ns < out[-1].end:
            continue  # the second number of a range
        right = _RIGHT.match(clause, ne)
        if _MULTIPLIER.match(clause, ne) and not (right.group("pct1") or right.group("unit")):
            continue  # "01 triệu căn hộ", "5 tỷ đồng": a sum, not a target of the suite
        # comparator and verbs before the number, read right to left
        pos, cmp_start, change, level, verb, have_cmp, cmp_end = ns, ns, None, False, "", False, ns
        for _ in range(5):
            matched = False
            for kind, rx in _LEFT_PIECES:
                lm = rx.search(clause, max(0, pos - 40), pos)
                if not lm or lm.start() >= pos:
                    continue
                if kind == "cmp":
                    if have_cmp:
                        continue  # a second comparator ends the name ("mức sống tối thiểu khoảng 90%")
                    have_cmp, cmp_start, cmp_end = True, lm.start(), lm.end()
                if kind == "verb" and not have_cmp and fold(lm.group(0)) in ("den", "toi", "o"):
                    continue  # "đến 5 tuổi", "ở 3 xã": not the verb of a value
                if kind == "change" and not level:
                    change = "decrease" if fold(lm.group(0)).startswith("giam") else "increase"
                    verb = lm.group(0).split()[0]
                if kind == "level":
                    level = True
                pos, matched = lm.start(), True
                break
            if not matched:
                break
        cmp = clause[cmp_start:ns].strip()
        if fold(cmp) == "tu" and not (right.group("up") or right.group("num2")):
            cmp = ""  # "từ 3 ..." without "trở lên" or a range: not a bound
        end = right.end()
        unit_text = (right.group("unit") or right.group("pct1") or "").strip()
        unit = _unit_of(unit_text)
        if right.group("num2") and right.group("pct1") and not unit:
            unit = "%"
        if unit == "%" and right.group("peryear"):
            unit = "%/năm"
        num_text = clause[ns:ne]
        if right.group("num2"):
            num_text = clause[ns:right.start("num2")].strip() + right.group("num2")
            num_text = re.sub(r"\s*%\s*", "", num_text)
            num_text = re.sub(r"\s*(-|–|—)\s*", "-", num_text)
        raw = num_text + ("%" if unit in ("%", "%/năm") else (" " + unit if unit else ""))
        if unit == "%/năm":
            raw += "/năm"
        bare = f"từ {raw} {right.group('up').strip()}" if right.group("up") else raw
        if cmp:
            if fold(cmp) == "tu" and right.group("up"):
                raw = f"từ {raw} trở lên"
            elif fold(cmp) == "tu":
                raw = "từ " + raw.replace("-", " đến ", 1)
            else:
                raw = f"{cmp} {raw}"
        elif right.group("up"):
            raw = f"từ {raw} {right.group('up').strip()}"
        # the value as written, when it reads the same as the one rebuilt from its parts
        w_end = next((right.end(g) for g in ("up", "unit", "num2", "pct1") if right.group(g)), ne)
        written = re.sub(r"\s+", " ", clause[cmp_start:w_end].strip())
        a, b = parse_target(written), parse_target(raw)
        if written and a.kind == b.kind and a.numeric and (a.lo, a.hi, a.lo_strict, a.hi_strict) == (
                b.lo, b.hi, b.lo_strict, b.hi_strict) and a.unit == b.unit:
            raw = written
        per_pop = _den(right.group("den"))
        after = clause[end:]
        noun_after = not _CONNECTOR.match(after) and bool(re.match(r"\s*[^\W\d_]", after))
        weak = not (unit or per_pop or (noun_after and _COUNT_NOUN.match(after)))
        if not cmp:
            cmp_end = pos
        out.append(Value(pos, ns, end, raw, unit, per_pop, change, verb, bare, cmp_end, noun_after, weak, level))
    return out


def _unit_of(text: str) -> str | None:
    t = fold(text).replace(" ", "")
    if not text:
        return None
    if text.replace(" ", "").startswith("%/"):
        return "%/năm"
    if text.strip() == "%":
        return "%"
    if t.startswith("m2") or text.strip().startswith("m²"):
        return "m2"
    return {"tuoi": "tuổi", "nam": "năm", "lan": "lần"}.get(t)


# ---------------------------------------------------------------- target or result


@dataclass(frozen=True)
class Cues:
    """What the text around a value says about it."""

    last_cue: str | None  # the last of "target" / "result" before the value in its sentence
    year_past: bool  # the value's own year is before the document's year
    section: str | None  # "target" | "result" | None: the kind of the heading above
    report: bool  # the document is a report (Báo cáo)


def is_target(c: Cues) -> bool:
    """A value is a target unless the text reports it as achieved."""
    if c.last_cue == "result":
        return False
    if c.last_cue == "target":
        return not c.year_past
    if c.year_past:
        return False
    if c.section == "result":
        return False
    if c.report and c.section != "target":
        return False
    return True


# cue words, matched with their diacritics ("tỉnh đến" is not "tính đến")
_TARGET_CUE = re.compile(r"(?<!\w)(?:phấn đấu|mục tiêu|chỉ tiêu|kế hoạch|dự kiến|duy trì|cần đạt|bảo đảm|đảm bảo|"
                         r"tiếp tục|nâng (?:lên|tỷ lệ|tỉ lệ))(?!\w)")
_RESULT_CUE = re.compile(r"(?<!\w)(?:kết quả|đã đạt|đạt được|ước đạt|ước thực hiện|ước tính|ước|thực hiện được|"
                         r"hiện nay|hiện tại|hiện có|tính đến|cùng kỳ|năm trước|năm qua|đã có|đã thực hiện|đã giảm|"
                         r"đã tăng|thực tế|số liệu|tăng so với|giảm so với)(?!\w)")


def cue_before(text: str) -> str | None:
    """The last cue of ``text``: "target" (phấn đấu, mục tiêu, duy trì ...) or "result"
    (kết quả, đã đạt, ước đạt, tính đến ...)."""
    f = canonical(text).lower()
    last, where = None, -1
    for kind, rx in (("target", _TARGET_CUE), ("result", _RESULT_CUE)):
        for m in rx.finditer(f):
            if m.start() > where:
                # "phấn đấu đạt được": "đạt được" right after a target word stays a target
                if kind == "result" and m.group(0) == "đạt được" and last == "target" and m.start() - where < 14:
                    continue
                last, where = kind, m.start()
    return last


# ---------------------------------------------------------------- document context

_HEADING = re.compile(r"^(?:(?P<roman>[IVXLC]+)\s*[.:/]\s+|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?\s+"
                      r"|(?P<num>\d{1,2})\s*[.:)]\s+|(?P<letter>[a-zđ])\s*\)\s+)(?=\S)")
_BULLET = re.compile(r"^(?:[-+•*–—]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s+|[IVXLC]+\s*[.:]\s+)")
_RESULT_HEADING = re.compile(r"\b(?:ket qua|danh gia|tinh hinh|thuc trang|boi canh|so ket|tong ket)\b")
_TARGET_HEADING = re.compile(r"\b(?:muc tieu|chi tieu|ke hoach|phan dau|dinh huong)\b")


@dataclass
class Section:
    """A numbered heading above: its level, the year it states, what it is about."""

    level: int
    year: int | None
    kind: str | None  # target | result | vision | None


@dataclass
class DocContext:
    now: int | None = None  # the document's own year: earlier years are results
    late: bool = False  # dated in its last quarter: "năm <that year> đạt ..." reports a result
    default_year: int | None = None  # the plan's year or the end of its period
    report: bool = False
    stack: list[Section] = field(default_factory=list)

    def heading_year(self) -> int | None:
        for h in reversed(self.stack):
            if h.year is not None:
                return h.year
        return None

    def section(self) -> str | None:
        for h in reversed(self.stack):
            if h.kind in ("target", "result"):
                return h.kind
        return None

    def push(self, h: Section) -> None:
        while self.stack and self.stack[-1].level >= h.level:
            self.stack.pop()
        self.stack.append(h)


def _heading_level(text: str) -> int | None:
    m = _HEADING.match(text)
    if not m:
        return None
    if m.group("roman"):
        return 1 if roman_to_int(m.group("roman")) is not None else None
    if m.group("num"):
        return 2
    if m.group("dotted"):
        return 2 + m.group("dotted").count(".")
    return 6


@functools.lru_cache(maxsize=4096)
def _is_heading(text: str) -> bool:
    """A numbered heading ("II. CHỈ TIÊU CỤ THỂ ĐẾN NĂM 2030", "a) Về y tế"), not a numbered
    item stating a value ("a) Tỷ lệ thất nghiệp dưới 3%")."""
    if len(text) > 200 or text.rstrip().endswith((";", ",")) or _heading_level(text) is None:
        return False
    rest = _HEADING.sub("", text, count=1)
    rest = _blank(_blank(rest, _DATE), _DOC_NUMBER)
    return not re.search(r"\d", _YEAR_EXPR.sub("", rest))


def _kind_of_heading(text: str) -> str | None:
    f = fold(text)
    if "tam nhin" in f:
        return "vision"
    if _RESULT_HEADING.search(f):
        return "result"
    if _TARGET_HEADING.search(f) and "tong quat" not in f:
        return "target"
    return None


def _span_year(text: str) -> int | None:
    ys = [y for y in year_mentions(text) if y.kind in ("until", "in")]
    return ys[-1].year if ys else None


def document_context(paras: list[str]) -> DocContext:
    """The document's year, its plan period and whether it is a report, from its title
    (the paragraphs after the document type, before the first heading), the date line and
    a "Thời gian thực hiện" section."""
    ctx = DocContext()
    title: list[str] = []
    started = False
    for k, t in enumerate(paras[:30]):
        f = fold(t)
        date = re.search(r"ngay\s+\S*\s*thang\s+(\S*)\s*nam\s+((?:19|20)\d\d)\b", f)
        if date and len(t) < 120 and ctx.now is None:
            ctx.now = int(date.group(2))
            ctx.late = date.group(1).isdigit() and int(date.group(1)) >= 10
            continue
        if _is_heading(t):
            break
        if not started:
            if re.match(r"^(?:ke hoach|chuong trinh|bao cao|nghi quyet|quyet dinh|de an|chi thi)\b", f) \
                    and len(t) < 400:
                started = True
                ctx.report = f.startswith("bao cao")
                title.append(t)
            continue
        if len(t) > 400 or t.rstrip().endswith((";", ":")) or re.match(r"^(?:can cu|xet de nghi)\b", f):
            break
        title.append(t)
    ys = year_mentions(" ".join(title))
    single = [y.year for y in ys if y.kind == "in"]
    until = [y.year for y in ys if y.kind == "until"]
    if single and not until:
        ctx.default_year = single[-1]
        ctx.now, ctx.late = single[-1], False
    elif until:
        ctx.default_year = max(until)
    if ctx.default_year is None:
        for k, t in enumerate(paras):
            if _is_heading(t) and "thoi gian thuc hien" in fold(t):
                following = " ".join(paras[k:k + 3])
                ys = [y.year for y in year_mentions(following) if y.kind in ("until", "in")]
                if ys:
                    ctx.default_year = max(ys)
                break
    if ctx.default_year is None:
        for t in paras:
            if _is_heading(t) and _kind_of_heading(t) == "target":
                y = _span_year(t)
                if y:
                    ctx.default_year = y
                    break
    return ctx


# ---------------------------------------------------------------- names


_LEAD_NOISE = re.compile(
    r"^(?:(?:[-+•*–:]|\(|trong\s+đó|riêng|về|phấn\s+đấu(?:\s+(?:có|đạt|để))?|bảo\s+đảm|đảm\s+bảo|duy\s+trì"
    r"|giữ(?:\s+vững)?|nâng(?:\s+cao)?|tiếp\s+tục|có\s+ít\s+nhất|ít\s+nhất|có|đạt|xây\s+dựng(?:\s+được)?"
    r"|hoàn\s+thành|thực\s+hiện|"
    r"đến\s+(?:hết\s+)?năm|năm|vào\s+năm|giai\s+đoạn|các\s+chỉ\s+tiêu(?:\s+chủ\s+yếu)?|chỉ\s+tiêu|mục\s+tiêu|và|hoặc|"
    r"nhằm|để|cụ\s+thể|như\s+sau|gồm|là|thì|toàn\s+tỉnh|tỉnh)\b\s*,?\s*)+", re.IGNORECASE)
_TRAIL_NOISE = re.compile(
    r"(?:\s*(?:[:,(]|\(\s*[^)]{0,20}\))|\s+(?:đạt(?:\s+được)?(?:\s+mức)?|ở\s+mức(?:\s+(?:thấp|cao)(?:\s+nhất)?)?"
    r"|chiếm|là|bằng|phấn\s+đấu|luôn|được\s+duy\s+trì|duy\s+trì|giữ|còn|xuống|lên|giảm(?:\s+xuống)?"
    r"|tăng(?:\s+thêm)?|bình\s+quân|"
    r"trung\s+bình|(?:mỗi|hằng|hàng)\s+năm|của\s+tỉnh|toàn\s+tỉnh|trên\s+địa\s+bàn(?:\s+toàn)?(?:\s+tỉnh)?|"
    r"tối\s+thiểu|tối\s+đa|ít\s+nhất|theo\s+quy\s+định|trong|ở|và|năm|đến|vào)\b)+\s*$", re.IGNORECASE)
_LIGHT_TRAIL = re.compile(
    r"(?:\s*(?:[:,(]|\(\s*[^)]{0,20}\))|\s+(?:đạt(?:\s+được)?(?:\s+mức)?|ở\s+mức(?:\s+(?:thấp|cao)(?:\s+nhất)?)?"
    r"|chiếm|là|bằng|phấn\s+đấu|đến|vào|trong|đã|sẽ|ước|dự\s+kiến|hiện\s+nay|hiện)\b)+\s*$", re.IGNORECASE)
_INNER_NOISE = re.compile(r"\s*\b(?:trên\s+địa\s+bàn(?:\s+toàn)?(?:\s+tỉnh)?|của\s+(?:toàn\s+)?tỉnh|toàn\s+tỉnh)\b",
                          re.IGNORECASE)
_BREAKDOWN = re.compile(r"\s*\b(?:ở|tại|khu\s+vực|vùng|địa\s+bàn)?\s*\b(?P<bd>thành\s+thị|đô\s+thị|nông\s+thôn)\b",
                        re.IGNORECASE)
_BOUNDARY = re.compile(r",\s*|;\s*|:\s*|\s+và\s+|\s+hoặc\s+|\s+[-–+•]\s+|\(|\)")


@functools.lru_cache(maxsize=8192)
def _variants(span: str) -> tuple[str, ...]:
    """A candidate name, without the words around it that are not part of a name (the
    first variant keeps every word that may belong to a name: "tuổi thọ trung bình")."""
    span = _YEAR_EXPR.sub(lambda m: m.group(0) if re.search(r"so\s+với\s*$", span[:m.start()]) else " ",
                          span)  # "đến năm 2025" is no part of a name, "so với năm 2021" is
    span = re.sub(r"\s+", " ", span)
    s = _LEAD_NOISE.sub("", span.strip(" ,.;:")).strip(" ,.;:")
    s = _LIGHT_TRAIL.sub("", s).strip(" ,.;:")
    out = [s] if s else []
    inner = _INNER_NOISE.sub("", s).strip(" ,.;:")
    for t in (inner, _TRAIL_NOISE.sub("", s), _TRAIL_NOISE.sub("", inner)):
        t = re.sub(r"\s+của\s+(?:người\s+dân|nhân\s+dân)$", "", t.strip(" ,.;:"))
        t = _LIGHT_TRAIL.sub("", _PER_POP.sub("", t)).strip(" ,.;:")
        if t and t not in out:
            out.append(t)
    return tuple(out)


def _words(text: str) -> int:
    return len(text.split())


@dataclass
class Reading:
    indicator: Indicator
    text: str  # the name as written
    end: int  # where the name ends in the clause (for a name after the value)
    breakdown: str | None = None
    score: float = 0.0
    raw: str | None = None  # the value, when the comparator words turned out to end the name
    spelling: str = ""  # the catalogue spelling matched


class Namer:
    """Finds the indicator a span of text names, for a value that must fit it."""

    def __init__(self, suite: Suite):
        self.suite = suite
        self.matcher: Matcher = suite.matcher

    def best(self, cands: list[tuple[str, int]], fits, decorate: tuple[tuple[str, str], ...] = ()) -> Reading | None:
        """The best reading among candidate spans (text as written, where it ends); each
        (before, after) of ``decorate`` is also tried around them ("tỷ lệ" before "dân số
        tham gia bảo hiểm y tế", "giảm" after "tỷ lệ hộ nghèo")."""
        best, best_key = None, None
        seen = set()
        for text, end in cands:
            for v in _variants(text):
                if v in seen or _words(v) > 45 or not re.search(r"[^\W\d_]{2}", v):
                    continue
                seen.add(v)
                tries = [v] + [f"{a}{v}{b}" for a, b in decorate if not (a and fold(v).startswith(fold(a)))]
                for name in tries:
                    for key_name, bd in self._with_breakdown(name):
                        if not self.matcher.could_reach(key_name, MIN_SCORE):
                            continue
                        res = self.matcher.match(key_name)
                        if not res.indicator or res.score < MIN_SCORE:
                            continue
                        ind = self.suite.indicators[res.indicator]
                        if bd and "urban_rural" not in ind.breakdowns:
                            continue
                        if not fits(ind, text):
                            continue
                        key = (res.score, bd is None, -len(key_name))
                        if best_key is None or key > best_key:
                            best, best_key = Reading(ind, _variants(text)[0], end, bd, res.score,
                                                     spelling=res.alias or ""), key
                        if res.score >= 100 and bd is None:
                            return best  # candidates come nearest to the value first
        return best

    @staticmethod
    def _with_breakdown(name: str):
        yield name, None
        m = _BREAKDOWN.search(name)
        if m:
            bd = "urban" if fold(m.group("bd")) in ("thanh thi", "do thi") else "rural"
            rest = (name[:m.start()] + " " + name[m.end():]).strip(" ,")
            if rest:
                yield re.sub(r"\s+", " ", rest), bd


MAX_NAME_CHARS = 320  # longer than any name of the suite written out with its extra words
MAX_CANDIDATES = 12  # spans tried as the name of one value


def _before_candidates(clause: str, lo: int, hi: int) -> list[tuple[str, int]]:
    """Suffixes of clause[lo:hi] that start at a boundary (the name before a value), the
    shortest first."""
    lo = max(lo, hi - MAX_NAME_CHARS)
    span = clause[lo:hi]
    starts = [0] + [m.end() for m in _BOUNDARY.finditer(span)]
    out = [(span[s:], hi) for s in sorted(set(starts), reverse=True) if span[s:].strip()]
    return out[:MAX_CANDIDATES]


def _after_candidates(clause: str, lo: int, hi: int) -> list[tuple[str, int]]:
    """Prefixes of clause[lo:hi] that end at a boundary or before a year (the name after a
    value: "75% trẻ em có hoàn cảnh đặc biệt được chăm sóc ... đến năm 2030")."""
    span = clause[lo:min(hi, lo + MAX_NAME_CHARS)]
    ends = [m.start() for m in _BOUNDARY.finditer(span)] + [len(span)]
    ends += [m.start() for m in _YEAR_EXPR.finditer(span) if m.group("pre") and m.start() > 0]
    return [(span[:e], lo + e) for e in sorted(set(ends)) if span[:e].strip()][:MAX_CANDIDATES]


def _elliptic(cand: str, prev: str, sub: bool = False) -> list[str]:
    """A name that leaves out the words it shares with the name before it ("tỷ lệ đi học
    đúng độ tuổi cấp tiểu học đạt 99,7%, cấp trung học cơ sở đạt 95%"); after "trong đó"
    (``sub``), the name before followed by the sub-target's words."""
    words = _variants(cand)
    if not words or not prev:
        return []
    c = words[0]
    if re.fullmatch(r"(?:ở\s+)?(?:thành\s+thị|nông\s+thôn)", c, re.IGNORECASE):
        c = "khu vực " + re.sub(r"^ở\s+", "", c)  # "thành thị" of an unemployment rate: its urban rate
    first = c.split()[0].lower()
    pw = prev.split()
    out = []
    for k in range(1, len(pw)):
        if pw[k].lower() == first:
            out.append(" ".join(pw[:k] + c.split()))
    if not out and re.match(r"khu\s+vực\b", c, re.IGNORECASE):
        # "tỷ lệ thất nghiệp chung dưới 3%, khu vực thành thị dưới 4%"
        out = [" ".join(pw[:k] + c.split()) for k in range(2, min(len(pw), 8))]
    if sub:
        out.append(f"{prev} {c}")
    return out


# ---------------------------------------------------------------- fitting a value to an indicator


def _fits(ind: Indicator, v: Value, name: str, clause_after: str) -> bool:
    """Whether a value can be a target of the indicator: its unit (written in the value or
    in the name, "(%)"), a per-population denominator for the per-10,000 indicators."""
    su = _SUBJECT_UNIT.search(name)
    unit = v.unit or (_unit_of(su.group("u")) if su else None)
    pm = _PER_POP.search(name)
    own_pp = v.per_pop or (_den(pm.group("den")) if pm else None)
    pm = _PER_POP.search(clause_after)
    per_pop = own_pp or (_den(pm.group("den")) if pm else None)  # "32 giường, 11 bác sĩ trên 10.000 dân"
    t = ind.type
    if t == "rate_per_year":
        return unit in ("%", "%/năm") and not v.level  # "giảm còn 0,8%" is the rate reached
    if v.change:
        return False  # a change of a level indicator is not its level
    if t == "percent":
        return unit == "%"
    if t == "per_10000":
        return unit is None and per_pop == 10000
    if t == "per_1000":
        return unit is None and per_pop == 1000
    if t == "count":
        return unit is None and own_pp is None and v.noun_after
    if t == "years":
        return unit in ("tuổi", "năm")
    if t == "area_per_person":
        return unit == "m2"
    if t == "multiple":
        return unit == "lần"
    if t == "index":
        return unit is None and not v.noun_after and own_pp is None
    return False


def _value_ok(ind: Indicator, raw: str) -> bool:
    t = parse_target(raw, ind.reading_bounds)
    if not t.numeric:
        return False
    lo, hi = ind.bounds or (None, None)
    for x in (t.lo, t.hi):
        if x is not None and lo is not None and not (lo <= x <= hi):
            return False
    return True


# ---------------------------------------------------------------- reading paragraphs

_SENTENCE_END = re.compile(r"\.\s+(?=[^\W_])|\.\s+(?=[-+•])|\s+[-–+•]\s+(?=[^\W\d_])|•|\s*\n\s*")


def _sentence_end(text: str, m: re.Match) -> bool:
    """A sentence ends at ". " before a capital or a bullet, and at a bullet flattened into
    the line (" - Tỷ lệ ..."), never at "kinh tế - xã hội"."""
    nxt = text[m.end():m.end() + 1]
    return not nxt or not nxt.isalpha() or nxt.isupper() or nxt.isdigit()


_CLAUSE_END = re.compile(r";\s*")


def _spans(text: str, rx: re.Pattern, lo: int = 0, hi: int | None = None, keep=None) -> list[tuple[int, int]]:
    hi = len(text) if hi is None else hi
    out, start = [], lo
    for m in rx.finditer(text, lo, hi):
        if keep is not None and not keep(text, m):
            continue
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < hi:
        out.append((start, hi))
    return out


@dataclass
class Statement:
    indicator: str
    year: int
    raw: str
    text: str
    breakdown: str | None
    change: str | None


def read_paragraph(text: str, namer: Namer, ctx: DocContext, lead: tuple[int | None, str | None] = (None, None)
                   ) -> list[Statement]:
    """The target statements of one paragraph. ``lead`` is the (year, cue) of a lead-in
    paragraph above ("Đến năm 2025:", "Kết quả đạt được:")."""
    if not re.search(r"\d", text):
        return []
    base = _blank(_blank(text, _DATE), _DOC_NUMBER)
    years = year_mentions(text)
    masked = base
    for y in years:
        masked = masked[:y.start] + re.sub(r"\d", " ", masked[y.start:y.end]) + masked[y.end:]
    masked = re.sub(r"\b(?:19|20)\d\d\b", lambda m: " " * 4, masked)
    out: list[Statement] = []
    prev_name = ""
    prev_reading: Reading | None = None
    for s_lo, s_hi in _spans(text, _SENTENCE_END, keep=_sentence_end):
        for c_lo, c_hi in _spans(text, _CLAUSE_END, s_lo, s_hi):
            clause, cmask = text[c_lo:c_hi], masked[c_lo:c_hi]
            values = find_values(clause, cmask)
            floor = 0
            skip_to = 0
            for k, v in enumerate(values):
                if v.num_start < skip_to:
                    continue
                readings: list[Reading] = []
                fits = (lambda ind, name, raw=None, v=v: _fits(ind, v, name, clause[v.end:])
                        and _value_ok(ind, raw or v.raw))
                if v.noun_after:
                    one = _name_after(clause, values, k, namer, fits, prev_name, prev_reading)
                    if one is None or _lists_more_than_its_name(one):
                        readings = _shared(clause, values, k, namer, fits)
                    readings = readings or ([one] if one else [])
                else:
                    readings = [r for r in [_name_before(clause, floor, v, namer, fits, prev_name, prev_reading)] if r]
                if not readings:
                    if not v.noun_after and _STATEMENT_END.match(clause, v.end):
                        # a statement of an indicator the suite does not know ("tỷ lệ lao động qua
                        # đào tạo đạt 70%, trong đó có bằng cấp, chứng chỉ đạt 28-30%"): its name
                        # may still begin the names after it
                        unnamed = _variants(clause[max(floor, v.start - MAX_NAME_CHARS):v.start])
                        prev_name, prev_reading = (unnamed[0] if unnamed else ""), None
                        floor = v.end
                    continue
                end = max(r.end for r in readings)
                yr, cue_ok = _year_and_cue(text, base, years, c_lo + v.num_start, c_lo + max(v.end, end), s_lo, ctx,
                                           lead, [r.text for r in readings])
                floor = max(floor, v.end, end)
                skip_to = end
                prev_name = readings[-1].text
                prev_reading = readings[-1]
                if yr is None or not cue_ok:
                    continue
                for reading in readings:
                    out.append(Statement(reading.indicator.id, yr, reading.raw or v.raw, reading.text,
                                         reading.breakdown, v.change))
    return out


def _decorations(v: Value) -> tuple[tuple[str, str], ...]:
    out = []
    if v.unit in ("%", "%/năm"):
        out.append(("tỷ lệ ", ""))
    if v.change:
        out += [("", " " + v.verb), ("mức " + v.verb + " ", "")]
    return tuple(out)


def _name_before(clause: str, floor: int, v: Value, namer: Namer, fits, prev: str,
                 prev_reading: Reading | None = None) -> Reading | None:
    cands = _before_candidates(clause, floor, v.start)
    sub = bool(_SUB.match(clause, floor))  # "..., trong đó có bằng cấp, chứng chỉ đạt 28-30%"
    deco = tuple(d for d in _decorations(v) if sub or d[0] != "tỷ lệ ")
    r = namer.best(cands, fits, deco)
    if r is None and prev and cands:
        short = [c for c, _ in cands if _words(c) <= 8]
        ell = [(e, v.start) for c in short for e in _elliptic(c, prev, sub)]
        r = namer.best(ell, _other_than(fits, prev_reading), deco)
    if v.cmp_end > v.start and re.match(r"[^\W\d_]", clause[v.start:v.start + 1]) \
            and fold(clause[v.start:v.cmp_end]) != "tu":
        # the comparator words may end the name: "mức sống tối thiểu là 4%" (4%), "xã nông thôn
        # mới nâng cao hơn 89,9%" ("nâng cao", then "hơn 89,9%")
        cmp_text = clause[v.start:v.cmp_end]
        words = list(re.finditer(r"\S+", cmp_text))
        rest = v.raw[len(cmp_text.strip()):].strip() if v.raw.startswith(cmp_text.strip()) else None
        for k in range(1, len(words) + 1):
            raw = v.bare if k == len(words) else (f"{cmp_text[words[k].start():].strip()} {rest}" if rest else None)
            if raw is None or not parse_target(raw).numeric:
                continue
            fits_k = (lambda ind, name, f=fits, raw=raw: f(ind, name, raw))
            longer = namer.best(_before_candidates(clause, floor, v.start + words[k - 1].end()), fits_k, deco)
            if longer is not None and (r is None or longer.score > r.score):
                longer.raw = raw
                r = longer
    if r is None and prev_reading is not None:
        r = _continuation(clause[max(floor, v.start - MAX_NAME_CHARS):v.start], prev_reading, fits)
    if r is not None:
        r.end = v.start
    return r


def _continuation(span: str, prev: Reading, fits) -> Reading | None:
    """A value of the indicator named just before: a breakdown of it ("..., trong đó thành
    thị 97%, nông thôn 87%") or another year ("đến năm 2025 đạt 45%, đến năm 2030 đạt 60%")."""
    rest = _LEAD_NOISE.sub("", _YEAR_EXPR.sub("", span).strip(" ,.;:")).strip(" ,.;:")
    rest = _LIGHT_TRAIL.sub("", rest).strip(" ,.;:")
    ind = prev.indicator
    if not rest:
        return Reading(ind, prev.text, 0, prev.breakdown) if fits(ind, prev.text) else None
    m = _BREAKDOWN.fullmatch(" " + rest)
    if m and "urban_rural" in ind.breakdowns and fits(ind, prev.text):
        bd = "urban" if fold(m.group("bd")) in ("thanh thi", "do thi") else "rural"
        return Reading(ind, rest, 0, bd)
    return None


def _name_after(clause: str, values: list[Value], k: int, namer: Namer, fits, prev: str,
                prev_reading: Reading | None = None) -> Reading | None:
    v = values[k]
    cands = _after_candidates(clause, v.end, len(clause))
    nxt = next((w for w in values[k + 1:] if not w.weak), None)
    prefix = _decorations(v)
    r = namer.best(cands, fits, prefix)
    if r is None and nxt is not None and nxt.noun_after:
        # "100% hộ gia đình ở thành thị và 80% hộ gia đình ở nông thôn được sử dụng nước sạch":
        # the first name shares the words after the breakdown with the second
        mine = clause[v.end:nxt.start]
        merged = [(m, nxt.start) for theirs, _ in _after_candidates(clause, nxt.end, len(clause))
                  if (m := _share_tail(mine, theirs))]
        if merged:
            r = namer.best(merged, fits, prefix)
    if r is None and prev and cands:
        ell = [(e, end) for c, end in cands if _words(c) <= 8 for e in _elliptic(c, prev)]
        r = namer.best(ell, _other_than(fits, prev_reading), prefix)
    return r


def _other_than(fits, prev: Reading | None):
    """``fits``, for another indicator than the one named before (a name completed from
    the one before names another indicator; the same indicator is a continuation)."""
    if prev is None:
        return fits
    return lambda ind, name, raw=None: ind.id != prev.indicator.id and fits(ind, name, raw)


_LIST_SEP = re.compile(r",\s*|\s+và\s+")
_STATEMENT_END = re.compile(r"\s*(?:$|[,;.]|và\b|trong\s+đó\b)", re.IGNORECASE)
_SUB = re.compile(r"\s*[,;:]?\s*(?:trong\s+đó|riêng)\b", re.IGNORECASE)
_NEW_NAME = re.compile(r"\s*(?:t[ỷỉ]\s+lệ|t[ỷỉ]\s+trọng|số|mức|chỉ\s+số)\b", re.IGNORECASE)


def _lists_more_than_its_name(r: Reading) -> bool:
    """Whether a name read after a value runs over more list separators than the catalogue
    spelling it matched has: "hộ gia đình, trường học, trạm y tế có công trình ..." lists
    several indicators; "huyện, thị xã, thành phố đạt chuẩn ..." is one name."""
    return len(_LIST_SEP.findall(r.text)) > len(_LIST_SEP.findall(r.spelling))


def _shared(clause: str, values: list[Value], k: int, namer: Namer, fits) -> list[Reading]:
    """One value shared by several indicators named after it, in a list before their common
    words: "100% hộ gia đình, trường học, trạm y tế có công trình phụ hợp vệ sinh ..." states
    the household, school and health-station targets."""
    v = values[k]
    nxt = next((w for w in values[k + 1:] if not w.weak), None)
    hi = nxt.start if nxt is not None else len(clause)
    for m in _LIST_SEP.finditer(clause, v.end, hi):
        if _NEW_NAME.match(clause, m.end()):
            hi = m.start()  # "..., tỷ lệ người cao tuổi ...": the next statement
            break
    span = clause[v.end:hi]
    seps = list(_LIST_SEP.finditer(span))
    if not seps:
        return []
    bounds = [0] + [m.end() for m in seps]
    segs = [(b, (seps[i].start() if i < len(seps) else len(span))) for i, b in enumerate(bounds)]
    prefix = _decorations(v)
    best: tuple | None = None
    for j in range(1, min(len(segs), 6)):
        items = [span[a:b].strip() for a, b in segs[:j]]
        a, b = segs[j]
        if any(_words(i) > 12 or not i for i in items) or _NEW_NAME.match(span[a:b]):
            break  # "..., tỷ lệ người cao tuổi ..." starts a statement of its own
        words = list(re.finditer(r"\S+", span[a:b]))
        for n in range(1, min(6, len(words))):
            last = span[a:a + words[n - 1].end()].strip()
            rest_start = v.end + a + words[n].start()
            # the common words run to the end of the list, or to its last boundary
            preds = [p for p in _after_candidates(clause, rest_start, hi) if _words(p[0]) >= 2][-2:]
            for pred, pend in preds:
                found: list[Reading] = []
                for item in [last] + items:
                    r = namer.best([(f"{item} {pred.strip()}", pend)], fits, prefix)
                    if r is None or any(r.indicator.id == f.indicator.id for f in found):
                        break
                    found.append(r)
                else:
                    key = (len(found), sum(f.score for f in found), -pend)
                    if best is None or key > best[0]:
                        best = (key, found[1:] + found[:1])
    return best[1] if best else []


def _share_tail(mine: str, theirs: str) -> str | None:
    a = _BREAKDOWN.sub("", re.sub(r"\s+(?:và|,)\s*$", "", mine.strip())).split()
    b_full = theirs.strip(" .;,")
    b = _BREAKDOWN.sub("", b_full).split()
    if not a or len(b) <= len(a) or [w.lower() for w in b[:len(a)]] != [w.lower() for w in a]:
        return None
    return mine.strip().rstrip(",").removesuffix(" và").strip() + " " + " ".join(b[len(a):])


def _year_and_cue(text: str, base: str, years: tuple[YearMention, ...], v_lo: int, v_hi: int, s_lo: int,
                  ctx: DocContext, lead: tuple[int | None, str | None], names: list[str] = ()
                  ) -> tuple[int | None, bool]:
    """The year of a value and whether it is a target (``base``: the text with dates and
    document numbers blanked; ``names``: the indicator names read, whose words are no cues:
    "... có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn")."""
    own = None
    # a year right after the value belongs to it ("đạt 50% vào năm 2025", "95% (năm 2030)")
    for y in years:
        if v_hi <= y.start <= v_hi + 12 and re.fullmatch(r"\s*(?:\(|vào|trong|đến|tới)?\s*", text[v_hi:y.start]) \
                and not re.search(r"\d", re.split(r"[,;.]", text[y.end:], maxsplit=1)[0]):
            own = y
            break
    if own is None:
        before = [y for y in years if s_lo <= y.start < v_lo and not _trailing(base, y, v_lo)]
        if before:
            own = before[-1]
        else:
            earlier = [y for y in years if y.start < s_lo and not _trailing(base, y, v_lo)]
            own = earlier[-1] if earlier else None
    def without_names(t: str) -> str:
        for n in names:
            t = t.replace(n, " ")
        return t

    cue = cue_before(without_names(text[s_lo:v_lo])) or cue_before(without_names(text[:s_lo])) or lead[1]
    year = own.year if own else (lead[0] or ctx.heading_year() or ctx.default_year)
    past = False
    if own is not None:
        if own.kind == "since":
            cue = "result" if cue_before(text[own.start:v_lo]) != "target" else cue
        if ctx.now is not None and own.year < ctx.now:
            past = True
        elif ctx.now == own.year and ctx.late and own.kind == "in" and cue != "target":
            past = True  # "Năm 2024, tỷ lệ ... đạt 92%" in a plan of December 2024
        if own.kind == "until" and cue is None and ctx.section() != "result":
            cue = "target"  # ("Đến hết năm 2025, ... đạt 40%" under a heading of results reports one)
    ok = is_target(Cues(cue, past, ctx.section(), ctx.report))
    return year, ok


def _trailing(text: str, y: YearMention, v_lo: int) -> bool:
    """A year that follows a value of an earlier clause ("đạt 50% vào năm 2025, ...")."""
    head = text[max(0, y.start - 14):y.start]
    return bool(re.search(r"\d\s*%?\s*(?:\(|vào|trong)?\s*$", head)) and y.end < v_lo


def extract_narrative(blocks, suite: Suite, stop_at: int | None) -> list[NarrativeTarget]:
    """The targets stated in the body (the blocks before ``stop_at``, the annexes)."""
    paras = []
    for idx, b in enumerate(blocks):
        if stop_at is not None and idx >= stop_at:
            break
        if b.kind == "para":
            t = heading_text(b.text)
            if t:
                paras.append((b, t))
    ctx = document_context([t for _, t in paras])
    namer = Namer(suite)
    out: list[NarrativeTarget] = []
    seen = set()
    lead: tuple[int | None, str | None] = (None, None)
    for b, t in paras:
        if _is_heading(t):
            level = _heading_level(t) or 9
            ctx.push(Section(level, _span_year(t), _kind_of_heading(t)))
            lead = (None, None)
            body = _BULLET.sub("", t, count=1)
        else:
            body = _BULLET.sub("", t, count=1) if _BULLET.match(t) else t
        for st in read_paragraph(body, namer, ctx, lead):
            key = (st.indicator, st.year, st.breakdown)
            if key in seen:
                continue
            seen.add(key)
            location = getattr(b, "location", None) or (Location(line=b.line) if b.line is not None else None)
            out.append(NarrativeTarget(st.indicator, st.year, st.raw, b.line, st.text, st.breakdown,
                                       location=location, change=st.change))
        if t.rstrip().endswith(":") and len(t) < 250 and "%" not in t:
            lead = (_span_year(t) or lead[0], cue_before(t) or lead[1])
    return out
