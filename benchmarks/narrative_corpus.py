"""A labelled corpus of targets stated in prose, for the narrative extractor.

The same set of targets (every numeric indicator of the national suite, with a 2025 and a
2030 value) is stated in many phrasings: the name before or after the value, comparator
words, the unit inside the value or in the name, several targets per sentence, bullets,
numbered items, prose and lists flattened onto one line, the year in the clause, in a
heading, in a lead-in line or in the title; achieved figures, dates, document numbers,
counts and changes of level indicators are mixed in as distractors. Each document carries
its truth: (indicator, year, breakdown, target) for each stated target, and the achieved
figures it reports.

Used by ``benchmarks/narrative.py`` (recall and precision over a corpus) and by
``tests/test_narrative.py`` (hypothesis draws documents and checks what is read).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from plancheck.catalogue import Indicator, Suite, load_suite
from plancheck.targets import TargetValue, format_number, parse_target

YEARS = (2025, 2030)


@dataclass(frozen=True)
class Truth:
    indicator: str
    year: int
    breakdown: str | None
    target: tuple  # (kind, lo, hi, lo_strict, hi_strict): see ``key``


def key(t: TargetValue) -> tuple:
    """What "the value is right" means: the same kind of target around the same numbers."""
    r = lambda x: None if x is None else round(x, 6)  # noqa: E731
    return (t.kind, r(t.lo), r(t.hi), t.lo_strict, t.hi_strict)


@dataclass
class Doc:
    name: str
    text: str
    truths: list[Truth] = field(default_factory=list)
    achieved: list[tuple[str, tuple]] = field(default_factory=list)  # (indicator, target) reported as done


# ---------------------------------------------------------------- how prose names indicators

# the head nouns a value may come before ("95% dân số ...", "60% lực lượng lao động ...")
_COUNTABLE = ("dân số", "người", "lực lượng", "hộ", "xã", "huyện", "trẻ", "trường", "trạm", "điểm", "nước thải",
              "lao động", "phụ nữ", "đối tượng", "cơ sở", "nông dân", "số người", "đồng bào")
_ABBREVIATIONS = [("bảo hiểm xã hội", "BHXH"), ("bảo hiểm y tế", "BHYT"), ("bảo hiểm thất nghiệp", "BHTN"),
                  ("lực lượng lao động", "LLLĐ"), ("người có công", "NCC")]
# the nouns a per-population value is counted in ("19 bác sĩ/1 vạn dân")
_PER_POP_NOUNS = {"hospital_beds": ("giường bệnh", "giường bệnh viện"), "doctors": ("bác sĩ", "bác sỹ"),
                  "pharmacists": ("dược sĩ", "dược sỹ"), "nurses": ("điều dưỡng viên",),
                  "social_workers_per_1000": ("người làm công tác xã hội",)}
_PER_POP_WORDS = {10000: ("trên 10.000 dân", "/10.000 dân", "/1 vạn dân", "trên 1 vạn dân"),
                  1000: ("trên 1.000 dân", "/1.000 dân")}


def _base_names(ind: Indicator) -> list[str]:
    names = [ind.name]
    for a in ind.aliases:
        f = a.lower()
        if a[:1].isupper() and not f.startswith(("phấn đấu", "trong đó")) and "(" not in a:
            names.append(a)
    return names


def spell(name: str, rnd: random.Random) -> str:
    """A spelling a plan might use: Tỉ/Tỷ, abbreviations, "của tỉnh"."""
    if rnd.random() < 0.3:
        name = name.replace("Tỷ lệ", "Tỉ lệ").replace("tỷ lệ", "tỉ lệ")
    if rnd.random() < 0.3:
        for long, short in _ABBREVIATIONS:
            if long in name:
                name = name.replace(long, short, 1)
                break
    return name


def name_before(ind: Indicator, rnd: random.Random) -> str:
    """The name of an indicator as written before its value."""
    name = spell(rnd.choice(_base_names(ind)), rnd)
    if ind.id == "agri_labour_share" and rnd.random() < 0.5:
        name = re.sub(r"^T[ỷỉ] lệ", "Tỷ trọng", name)
    if rnd.random() < 0.15 and ind.type == "percent" and "tỉnh" not in name:
        name += rnd.choice([" của tỉnh", " trên địa bàn tỉnh", " toàn tỉnh"])
    return name


def name_after(ind: Indicator, rnd: random.Random) -> str | None:
    """The name of a percentage written after its value ("60% lực lượng lao động ..."), when
    prose would write it so."""
    if ind.type != "percent":
        return None
    heads = []
    for n in _base_names(ind):
        m = re.match(r"^T[ỷỉ] lệ (?:số )?(.*)$", n)
        rest = m.group(1) if m else (n if n[:1].islower() else None)
        if rest and rest.startswith(_COUNTABLE):
            heads.append(rest)
    return spell(rnd.choice(heads), rnd) if heads else None


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# ---------------------------------------------------------------- values

_LOWER = [("trên {v}", "> {v}"), ("hơn {v}", "> {v}"), ("cao hơn {v}", "> {v}"), ("đạt trên {v}", "> {v}"),
          ("từ {v} trở lên", ">= {v}"), ("đạt từ {v} trở lên", ">= {v}"), ("tối thiểu đạt {v}", ">= {v}"),
          ("đạt tối thiểu {v}", ">= {v}"), ("ít nhất {v}", ">= {v}"), ("không thấp hơn {v}", ">= {v}"),
          ("không dưới {v}", ">= {v}")]
_UPPER = [("dưới {v}", "< {v}"), ("ở mức dưới {v}", "< {v}"), ("giảm xuống dưới {v}", "< {v}"),
          ("không quá {v}", "<= {v}"), ("không vượt quá {v}", "<= {v}"), ("tối đa {v}", "<= {v}"),
          ("thấp hơn {v}", "< {v}"), ("ở mức thấp dưới {v}", "< {v}"), ("giảm còn {v}", "{v}"),
          ("giảm xuống còn {v}", "{v}")]
_EXACT = [("đạt {v}", "{v}"), ("{v}", "{v}"), ("là {v}", "{v}"), ("đạt mức {v}", "{v}"), ("ở mức {v}", "{v}"),
          ("chiếm {v}", "{v}")]
_APPROX = [("khoảng {v}", "khoảng {v}"), ("đạt khoảng {v}", "khoảng {v}"), ("chiếm khoảng {v}", "khoảng {v}")]
_RANGE = [("{a}-{b}", "{a}-{b}"), ("{a} - {b}", "{a}-{b}"), ("từ {a} đến {b}", "{a}-{b}"), ("đạt {a}-{b}", "{a}-{b}")]


def _number(lo: float, hi: float, rnd: random.Random, decimals: bool = True) -> float:
    x = rnd.uniform(lo, hi)
    return round(x, 1) if decimals and rnd.random() < 0.35 else float(round(x))


def draw_value(ind: Indicator, rnd: random.Random, lo=None, hi=None) -> tuple[float, float | None]:
    """A number (and the upper end of a range, or None) within the indicator's plausible range."""
    p = ind.plausible or ind.bounds or (0, 100)
    lo = p[0] if lo is None else lo
    hi = min(p[1], 100 if ind.type in ("percent", "rate_per_year") else p[1]) if hi is None else hi
    if ind.type == "count":
        return float(rnd.randrange(1000, 60000)), None
    if ind.type == "index":
        return round(rnd.uniform(0.6, 0.8), 2), None
    if ind.type == "multiple":
        return float(rnd.choice([1.5, 2, 2.5, 3])), None
    if ind.type == "per_1000":
        return float(rnd.choice([1, 1.5, 2, 2.5, 3])), None
    a = _number(lo, hi, rnd, decimals=ind.type not in ("per_10000", "per_1000"))
    if rnd.random() < 0.15 and ind.type in ("percent", "rate_per_year") and a + 5 <= hi:
        return a, a + rnd.choice([1, 2, 5])
    return a, None


def value_phrase(ind: Indicator, a: float, b: float | None, rnd: random.Random, unit: str) -> tuple[str, str]:
    """(the value as prose writes it, the same target in plain notation)."""
    sa, sb = format_number(a), (format_number(b) if b is not None else None)
    if sb is not None:
        written, plain = rnd.choice(_RANGE)
        return written.format(a=sa, b=sb + unit), plain.format(a=sa, b=sb)
    if ind.type in ("count", "multiple", "index"):
        pool = _EXACT + _APPROX + (_LOWER[:6] if ind.type != "count" else [])
    elif ind.direction == "lower":
        pool = _UPPER * 2 + _EXACT + _APPROX
    else:
        pool = _LOWER * 2 + _EXACT + _APPROX
    written, plain = rnd.choice(pool)
    if unit == "%" and rnd.random() < 0.05 and "," in sa:
        sa_written = sa.replace(",", ".")  # a decimal point, as converted text sometimes has
        return written.format(v=sa_written + unit), plain.format(v=sa)
    if unit == "%" and plain == "{v}" and rnd.random() < 0.1:
        return f"{sa}% trở lên", f">= {sa}"
    return written.format(v=sa + unit), plain.format(v=sa)


def unit_of(ind: Indicator) -> str:
    return {"percent": "%", "rate_per_year": "%", "years": " tuổi" if ind.id == "life_expectancy" else " năm",
            "area_per_person": " m2 sàn/người", "multiple": " lần"}.get(ind.type, "")


# ---------------------------------------------------------------- statements


@dataclass
class Statement:
    text: str
    truths: list[Truth]
    first: bool = False  # the statement must start its sentence (its name comes after the value)


def statement(ind: Indicator, year: int, rnd: random.Random, suite: Suite) -> Statement | None:
    """One target of ``ind`` stated in a random phrasing."""
    a, b = draw_value(ind, rnd)
    unit = unit_of(ind)
    if ind.type in ("per_10000", "per_1000"):
        den = 10000 if ind.type == "per_10000" else 1000
        written, plain = value_phrase(ind, a, None, rnd, "")
        per = rnd.choice(_PER_POP_WORDS[den])
        per = per if per.startswith("/") else " " + per
        noun = rnd.choice(_PER_POP_NOUNS[ind.id])
        truth = [Truth(ind.id, year, None, key(parse_target(plain)))]
        if rnd.random() < 0.5:
            value = re.sub(r"^(?:đạt|là|ở mức)\s+", "", written)
            return Statement(f"{value} {noun}{per}", truth, first=True)
        return Statement(f"Số {noun}{per} {written}", truth)
    if ind.type == "count":
        written, plain = value_phrase(ind, a, None, rnd, "")
        value = re.sub(r"^(?:đạt|là|ở mức)\s+", "", written)
        text = rnd.choice([f"xây dựng được {value} căn hộ nhà ở xã hội cho người thu nhập thấp, công nhân khu công "
                           "nghiệp", f"phấn đấu xây dựng {value} căn nhà ở xã hội cho đối tượng thu nhập thấp"])
        return Statement(text, [Truth(ind.id, year, None, key(parse_target(plain)))], first=True)
    if ind.type == "rate_per_year":
        written, plain = value_phrase(ind, a, b, rnd, "%")
        truth = [Truth(ind.id, year, None, key(parse_target(plain)))]
        if ind.id == "poverty_reduction_rate" and rnd.random() < 0.6:
            bare = re.sub(r"^(?:đạt|là|ở mức|chiếm)\s+", "", written)
            return Statement(rnd.choice([f"tỷ lệ hộ nghèo đa chiều giảm bình quân {bare}/năm",
                                         f"tỷ lệ hộ nghèo giảm {bare}"]), truth)
        return Statement(f"{ind.name} {written}", truth)
    if ind.type not in ("percent", "years", "area_per_person", "index", "multiple"):
        return None
    written, plain = value_phrase(ind, a, b, rnd, unit)
    truth = [Truth(ind.id, year, None, key(parse_target(plain)))]
    after = name_after(ind, rnd)
    r = rnd.random()
    if after and r < 0.3 and b is None:
        lead = rnd.choice(["", "", "bảo đảm ", "phấn đấu ", "có "])
        value = re.sub(r"^(?:đạt|là|ở mức|chiếm|giảm xuống)\s+", "", written)
        return Statement(f"{lead}{value} {after}", truth, first=True)
    name = name_before(ind, rnd)
    if unit == "%" and rnd.random() < 0.12 and b is None and re.fullmatch(r"(?:đạt )?[\d.,]+%", written):
        # the unit in the name: "Tỷ lệ ... (%): 95"
        return Statement(f"{name} (%): {re.sub(r'[^0-9,.]', '', written)}", truth)
    if rnd.random() < 0.1:
        value = re.sub(r"^(?:đạt|là|ở mức)\s+", "", written)
        return Statement(f"{name}: {value}", truth)
    return Statement(f"{name} {written}", truth)


def breakdown_statement(ind: Indicator, year: int, rnd: random.Random) -> Statement:
    """Urban and rural targets of one indicator ("100% hộ gia đình ở thành thị và 80% hộ gia
    đình ở nông thôn được sử dụng nước sạch theo quy chuẩn")."""
    u, r = float(rnd.randrange(90, 101)), float(rnd.randrange(60, 96))
    truths = [Truth(ind.id, year, "urban", key(parse_target(format_number(u)))),
              Truth(ind.id, year, "rural", key(parse_target(format_number(r))))]
    m = re.match(r"^T[ỷỉ] lệ (hộ gia đình) (.*)$", ind.name)
    if m and rnd.random() < 0.5:
        text = (f"{format_number(u)}% {m.group(1)} ở thành thị và {format_number(r)}% {m.group(1)} ở nông thôn "
                f"{m.group(2)}")
        return Statement(text, truths, first=True)
    total = float(round((u + r) / 2))
    truths.append(Truth(ind.id, year, None, key(parse_target(format_number(total)))))
    text = (f"{ind.name} đạt {format_number(total)}%, trong đó thành thị {format_number(u)}%, "
            f"nông thôn {format_number(r)}%")
    return Statement(text, truths)


# ---------------------------------------------------------------- several targets in one statement


def _pct(ind: Indicator, rnd: random.Random, lo=None, hi=None) -> tuple[str, str]:
    a, _ = draw_value(ind, rnd, lo, hi)
    written, plain = value_phrase(ind, a, None, rnd, "%")
    return written, plain


def group_statement(kind: str, year: int, rnd: random.Random, suite: Suite) -> Statement | None:
    """Several targets stated together, the way plans write them."""
    s = suite.indicators
    if kind == "school":
        # "tỷ lệ đi học đúng độ tuổi cấp tiểu học đạt 99,7%, cấp trung học cơ sở tối thiểu đạt 95%, ..."
        levels = [("primary_enrolment_age", "cấp tiểu học"), ("lower_secondary_enrolment_age", "cấp trung học cơ sở"),
                  ("upper_secondary_enrolment_age", "cấp trung học phổ thông và tương đương")]
        parts, truths = [], []
        for iid, level in levels[:rnd.randint(2, 3)]:
            written, plain = _pct(s[iid], rnd)
            parts.append(f"{level} {written}")
            truths.append(Truth(iid, year, None, key(parse_target(plain))))
        head = rnd.choice(["tỷ lệ đi học đúng độ tuổi ", "tỷ lệ đi học đúng tuổi "])
        return Statement(head + ", ".join(parts), truths)
    if kind == "per_pop":
        # "phấn đấu có 32 giường bệnh viện, 11 bác sĩ, 4 dược sĩ, 25 điều dưỡng viên trên 10.000 dân"
        ids = ["hospital_beds", "doctors", "pharmacists", "nurses"]
        chosen = rnd.sample(ids, rnd.randint(2, 4))
        truths, parts = [], []
        for iid in chosen:
            a, _ = draw_value(s[iid], rnd)
            parts.append((format_number(a), rnd.choice(_PER_POP_NOUNS[iid])))
            truths.append(Truth(iid, year, None, key(parse_target(format_number(a)))))
        if rnd.random() < 0.5:
            text = (rnd.choice(["phấn đấu có ", "phấn đấu đạt ", ""]) + ", ".join(f"{a} {n}" for a, n in parts)
                    + rnd.choice([" trên 10.000 dân", " trên 1 vạn dân"]))
            return Statement(text, truths, first=True)
        # the form of an annual plan: "Tỷ lệ bác sỹ, giường bệnh/1 vạn dân: 14,3 bác sỹ/1 vạn dân và ..."
        text = ("Tỷ lệ " + ", ".join(n for _, n in parts) + "/1 vạn dân: "
                + " và ".join(f"{a} {n}/1 vạn dân" for a, n in parts))
        return Statement(text, truths)
    if kind == "unemployment":
        # "tỷ lệ thất nghiệp chung dưới 3%, trong đó khu vực thành thị dưới 4%"
        a, _ = draw_value(s["unemployment"], rnd, 1, 5)
        b = a + rnd.choice([0.5, 1])
        text = (f"tỷ lệ thất nghiệp chung dưới {format_number(a)}%, "
                + rnd.choice(["trong đó khu vực thành thị", "khu vực thành thị", "trong đó, thành thị"])
                + f" dưới {format_number(b)}%")
        return Statement(text, [Truth("unemployment", year, None, key(parse_target(f"< {format_number(a)}"))),
                                Truth("unemployment_urban", year, None, key(parse_target(f"< {format_number(b)}")))])
    if kind == "poverty":
        # "Mức giảm tỷ lệ hộ nghèo đa chiều hằng năm 1-1,5%, trong đó các huyện nghèo giảm 4-5%"
        a = rnd.choice([0.5, 1, 1.5])
        b = a + rnd.choice([2, 3])
        text = (rnd.choice(["mức giảm tỷ lệ hộ nghèo đa chiều hằng năm ", "tỷ lệ hộ nghèo đa chiều giảm bình quân "])
                + f"{format_number(a)}-{format_number(a + 0.5)}%/năm, trong đó các huyện nghèo giảm "
                + f"{format_number(b)}-{format_number(b + 1)}%/năm")
        rate = f"{format_number(a)}-{format_number(a + 0.5)}"
        return Statement(text, [
            Truth("poverty_reduction_rate", year, None, key(parse_target(rate))),
            Truth("poverty_reduction_poor_districts", year, None,
                  key(parse_target(f"{format_number(b)}-{format_number(b + 1)}")))])
    if kind == "sanitation":
        # "100% hộ gia đình, trường học, trạm y tế có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn"
        items = [("household_sanitation", "hộ gia đình"), ("school_sanitation", "trường học"),
                 ("health_station_sanitation", "trạm y tế")]
        chosen = items[:rnd.randint(2, 3)] if rnd.random() < 0.5 else rnd.sample(items, 2)
        v = rnd.choice([100.0, 95.0, 90.0])
        text = (f"{format_number(v)}% " + ", ".join(n for _, n in chosen[:-1]) + rnd.choice([", ", " và "])
                + chosen[-1][1] + " có công trình phụ hợp vệ sinh bảo đảm tiêu chuẩn, quy chuẩn")
        return Statement(text, [Truth(i, year, None, key(parse_target(format_number(v)))) for i, _ in chosen],
                         first=True)
    if kind == "trained":
        # the share trained and, "trong đó", the certified share: "... đạt 70%, trong đó có bằng cấp ..."
        a = rnd.choice([65, 70, 75])
        b = rnd.choice([28, 30, 35])
        text = f"tỷ lệ lao động qua đào tạo đạt {a}%, trong đó có bằng cấp, chứng chỉ đạt {b}%"
        return Statement(text, [Truth("trained_labour", year, None, key(parse_target(str(a)))),
                                Truth("trained_labour_certified", year, None, key(parse_target(str(b))))])
    if kind == "insurance":
        a = rnd.choice([45, 50, 60])
        b = rnd.choice([2.5, 3, 5])
        text = (f"tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH đạt khoảng {a}%, trong đó nông dân và lao động "
                f"khu vực phi chính thức tham gia BHXH tự nguyện chiếm khoảng {format_number(b)}%")
        return Statement(text, [Truth("social_insurance", year, None, key(parse_target(f"khoảng {a}"))),
                                Truth("voluntary_social_insurance", year, None,
                                      key(parse_target(f"khoảng {format_number(b)}")))])
    return None


GROUPS = ("school", "per_pop", "unemployment", "poverty", "sanitation", "trained", "insurance")


def two_years(ind: Indicator, rnd: random.Random, suite: Suite) -> Statement | None:
    """One indicator, two milestones: "Tỷ lệ X đến năm 2025 đạt 45%, đến năm 2030 đạt 60%"."""
    if ind.type != "percent":
        return None
    a, _ = draw_value(ind, rnd)
    b, _ = draw_value(ind, rnd)
    if a == b:
        return None
    name = name_before(ind, rnd)
    form = rnd.choice(["{n} đến năm 2025 đạt {a}%, đến năm 2030 đạt {b}%",
                       "{n} phấn đấu đến năm 2025 đạt {a}% và đến năm 2030 đạt {b}%",
                       "Phấn đấu đến năm 2025, {n} đạt {a}%; đến năm 2030 đạt {b}%"])
    text = form.format(n=name if form.startswith("{n}") else lower_first(name), a=format_number(a), b=format_number(b))
    return Statement(text, [Truth(ind.id, 2025, None, key(parse_target(format_number(a)))),
                            Truth(ind.id, 2030, None, key(parse_target(format_number(b))))])


def achieved_then_target(ind: Indicator, rnd: random.Random, past: int, year: int) -> tuple[Statement, tuple] | None:
    """A result and the target in one sentence: "Năm 2023, tỷ lệ X đạt 88%; phấn đấu đến năm 2025 đạt 90%"."""
    if ind.type != "percent":
        return None
    a, _ = draw_value(ind, rnd)
    b, _ = draw_value(ind, rnd)
    if a == b:
        return None
    name = lower_first(name_before(ind, rnd))
    until = f"năm {year}" if year not in YEARS else f"đến năm {year}"
    text = rnd.choice([f"Năm {past}, {name} đạt {format_number(a)}%; phấn đấu {until} đạt {format_number(b)}%",
                       f"{_capital(name)} năm {past} đạt {format_number(a)}%, phấn đấu {until} đạt "
                       f"{format_number(b)}%"])
    return (Statement(text, [Truth(ind.id, year, None, key(parse_target(format_number(b))))]),
            key(parse_target(format_number(a))))


# ---------------------------------------------------------------- distractors


def achieved(ind: Indicator, rnd: random.Random, past: int, avoid: set) -> tuple[str, tuple] | None:
    """A figure reported as achieved ("Năm 2023, tỷ lệ ... đạt 92%")."""
    if ind.type != "percent":
        return None
    for _ in range(5):
        a, _ = draw_value(ind, rnd)
        k = key(parse_target(format_number(a)))
        if (ind.id, k) not in avoid:
            break
    else:
        return None
    v = format_number(a) + "%"
    name = lower_first(name_before(ind, rnd))
    text = rnd.choice([f"Năm {past}, {name} đạt {v}", f"kết quả năm {past}: {name} đạt {v}",
                       f"{name} ước đạt {v}", f"tính đến hết năm {past}, {name} đạt {v}",
                       f"{name} năm {past} đạt {v}", f"{name} đã đạt {v}"])
    return text, k


NOISE = ["Thực hiện Nghị quyết số 42-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương.",
         "Các sở, ngành gửi báo cáo về Sở Lao động - Thương binh và Xã hội trước ngày 15/12 hằng năm.",
         "Tiếp tục thực hiện Quyết định số 546/QĐ-TTg ngày 29/4/2022 của Thủ tướng Chính phủ.",
         "Hỗ trợ xây dựng nhà ở cho 1.200 hộ nghèo tại 95 xã, phường, thị trấn.",
         "Nâng cấp bệnh viện đa khoa tỉnh lên quy mô 1.000 giường; xây mới bệnh viện 150 giường.",
         "Tổ chức 03 lớp tập huấn trong 02 tháng tại 07 huyện, thị xã.",
         "Đầu tư 250 tỷ đồng cho 12 công trình cấp nước tập trung.",
         "Triển khai Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ về chính sách trợ giúp xã hội.",
         "Tỷ lệ thất nghiệp giảm 0,5% so với năm trước.",
         "Số xã đạt chuẩn nông thôn mới tăng thêm 7 xã.",
         "Tổ chức hội nghị sơ kết vào quý II/2025 với 300 đại biểu."]


# ---------------------------------------------------------------- documents

_CONNECT = ["; ", ", ", "; ", " và "]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(stmts: list[Statement], rnd: random.Random) -> str:
    """Several statements in one sentence; a value-first statement never follows "và"."""
    out = stmts[0].text
    for s in stmts[1:]:
        sep = rnd.choice(_CONNECT)
        if s.first and sep == " và ":
            sep = "; "
        out += sep + lower_first(s.text)
    return out


def numeric_indicators(suite: Suite) -> list[Indicator]:
    return [i for i in suite.indicators.values()
            if i.type in ("percent", "years", "area_per_person", "per_10000", "per_1000", "count", "rate_per_year",
                          "index", "multiple") and i.id != "poverty_reduction_ethnic"]


def make_document(rnd: random.Random, suite: Suite | None = None, n_targets: int | None = None, name: str = "doc"
                  ) -> Doc:
    """One document stating a random subset of the targets in random phrasings."""
    suite = suite or load_suite()
    inds = numeric_indicators(suite)
    n = n_targets or rnd.randint(3, 12)
    chosen = rnd.sample(inds, min(n, len(inds)))
    style = rnd.choice(["milestones", "milestones", "period", "annual"])
    lines = ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH MINH", "Số: 1234/KH-UBND"]
    if style == "annual":
        plan_year = rnd.choice([2024, 2026])
        lines += [f"Bình Minh, ngày 20 tháng 12 năm {plan_year - 1}", "KẾ HOẠCH",
                  f"Thực hiện chính sách xã hội năm {plan_year}", ""]
        years = [plan_year]
        past = plan_year - 1
    elif style == "period":
        lines += ["Bình Minh, ngày 15 tháng 3 năm 2021", "KẾ HOẠCH",
                  "Phát triển lao động, việc làm và an sinh xã hội giai đoạn 2021-2025", ""]
        years = [2025]
        past = 2020
    else:
        lines += ["Bình Minh, ngày 18 tháng 9 năm 2024", "KẾ HOẠCH",
                  "Triển khai thực hiện Nghị quyết số 68/NQ-CP ngày 09/5/2024 của Chính phủ", ""]
        years = list(YEARS)
        past = 2023
    doc = Doc(name, "")
    # what each year states
    by_year: dict[int, list[Statement]] = {y: [] for y in years}
    used = set()
    for ind in chosen:
        ys = [y for y in years if rnd.random() < 0.7] or [rnd.choice(years)]
        for y in ys:
            if ind.breakdowns == ("urban_rural",) and ind.type == "percent" and rnd.random() < 0.5:
                st = breakdown_statement(ind, y, rnd)
            else:
                st = statement(ind, y, rnd, suite)
            if st is None or any((t.indicator, t.year, t.breakdown) in used for t in st.truths):
                continue
            used.update((t.indicator, t.year, t.breakdown) for t in st.truths)
            by_year[y].append(st)
            doc.truths.extend(st.truths)
    # several targets in one statement, one indicator for two years, a result beside a target
    for g in rnd.sample(GROUPS, rnd.randint(0, 2)):
        y = rnd.choice(years)
        st = group_statement(g, y, rnd, suite)
        if st and not any((t.indicator, t.year, t.breakdown) in used for t in st.truths):
            used.update((t.indicator, t.year, t.breakdown) for t in st.truths)
            by_year[y].append(st)
            doc.truths.extend(st.truths)
    free: list[Statement] = []
    if style == "milestones" and rnd.random() < 0.5:
        ind = rnd.choice(inds)
        st = two_years(ind, rnd, suite)
        if st and not any((t.indicator, t.year, t.breakdown) in used for t in st.truths):
            used.update((t.indicator, t.year, t.breakdown) for t in st.truths)
            free.append(st)
            doc.truths.extend(st.truths)
    if rnd.random() < 0.4:
        ind = rnd.choice(inds)
        y = years[0]
        pair = achieved_then_target(ind, rnd, past, y)
        if pair and (ind.id, y, None) not in used:
            used.add((ind.id, y, None))
            free.append(pair[0])
            doc.truths.extend(pair[0].truths)
            doc.achieved.append((ind.id, pair[1]))
    avoid = {(t.indicator, t.target) for t in doc.truths}
    # achieved figures, in a section of results or next to the targets
    reported = []
    for ind in rnd.sample(inds, 3):
        a = achieved(ind, rnd, past, avoid)
        if a:
            reported.append(a[0])
            doc.achieved.append((ind.id, a[1]))
    heading = rnd.choice(["I. KẾT QUẢ THỰC HIỆN", "### I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN", "I. TÌNH HÌNH THỰC HIỆN"])
    lines += [heading + (f" NĂM {past}" if rnd.random() < 0.5 else "")]
    lines += ["- " + _capital(r) + "." for r in reported[:2]]
    for ind in rnd.sample(inds, 2):  # results stated plainly, under the heading of results
        if ind.type == "percent":
            a, _ = draw_value(ind, rnd)
            k = key(parse_target(format_number(a)))
            if (ind.id, k) not in avoid:
                lines.append(f"- {name_before(ind, rnd)} đạt {format_number(a)}%.")
                doc.achieved.append((ind.id, k))
    lines += [rnd.choice(NOISE), ""]
    lines += ["II. MỤC ĐÍCH, YÊU CẦU", rnd.choice(NOISE), ""]
    lines += _target_section(by_year, years, rnd, style, reported[2:])
    lines += ["- " + _capital(st.text) + "." for st in free]
    lines += ["", "IV. NHIỆM VỤ, GIẢI PHÁP", rnd.choice(NOISE), rnd.choice(NOISE), "",
              "V. TỔ CHỨC THỰC HIỆN", rnd.choice(NOISE), "", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    doc.text = "\n".join(lines) + "\n"
    return doc


def _target_section(by_year: dict[int, list[Statement]], years: list[int], rnd: random.Random, style: str,
                    reported: list[str]) -> list[str]:
    out = []
    single = len(years) == 1
    heading = rnd.choice(["III. CÁC CHỈ TIÊU CHỦ YẾU", "## **III. MỤC TIÊU, CHỈ TIÊU CỤ THỂ**", "III. CHỈ TIÊU"])
    # where the year is said: the heading, a lead-in line, or each sentence
    where = rnd.choice(["heading", "lead", "sentence"]) if not single else rnd.choice(["title", "heading", "sentence"])
    if where == "heading" and single:
        heading = heading.rstrip("*") + (f" NĂM {years[0]}" if style == "annual" else f" ĐẾN NĂM {years[0]}")
    out.append(heading)
    for k, y in enumerate(years):
        stmts = by_year[y]
        if not stmts:
            continue
        if where == "heading" and not single:
            out.append(f"{k + 1}. Chỉ tiêu đến năm {y}")
        elif where == "lead":
            out.append(rnd.choice([f"Phấn đấu đến năm {y}:", f"- Đến năm {y}:", f"a) Mục tiêu đến năm {y}:"]))
        rnd.shuffle(stmts)
        out += _layout(stmts, rnd, y if where == "sentence" else None, style)
        if reported and rnd.random() < 0.5:
            out.append("- " + _capital(reported.pop()) + ".")
        if rnd.random() < 0.4:
            out.append(rnd.choice(NOISE))
    return out


def _with_year(text: str, year: int | None, rnd: random.Random, style: str, trailing: bool = False) -> str:
    if year is None:
        return _capital(text)
    if style == "annual":
        return rnd.choice([f"Năm {year}, ", f"Trong năm {year}, phấn đấu "]) + lower_first(text)
    if trailing and rnd.random() < 0.3:
        return _capital(text) + rnd.choice([f" vào năm {year}", f" (năm {year})", f" đến năm {year}"])
    return rnd.choice([f"Đến năm {year}, ", f"Phấn đấu đến năm {year}, ", f"Đến hết năm {year}: "]) + lower_first(text)


def _layout(stmts: list[Statement], rnd: random.Random, year: int | None, style: str) -> list[str]:
    kind = rnd.choice(["bullets", "numbered", "prose", "flat", "flat-bullets"])
    if kind in ("bullets", "numbered"):
        out = []
        for i, s in enumerate(stmts):
            mark = rnd.choice(["- ", "+ ", "• "]) if kind == "bullets" else f"{chr(ord('a') + i)}) "
            out.append(mark + _with_year(s.text, year, rnd, style, len(s.truths) == 1) + rnd.choice([".", ";", ""]))
        return out
    if kind == "flat-bullets":
        return [" ".join("- " + _with_year(s.text, year, rnd, style) + "." for s in stmts)]
    # prose: sentences of one to four statements
    sentences, i = [], 0
    while i < len(stmts):
        take = rnd.randint(1, 4)
        group = stmts[i:i + take]
        i += take
        sentences.append(_with_year(_join(group, rnd), year, rnd, style) + ".")
    if kind == "flat":
        return [("Các chỉ tiêu chủ yếu: " if year is None else "") + " ".join(sentences)]
    return sentences


def make_corpus(n: int, seed: int = 0, suite: Suite | None = None) -> list[Doc]:
    suite = suite or load_suite()
    rnd = random.Random(seed)
    return [make_document(rnd, suite, name=f"narrative-{k:04d}.txt") for k in range(n)]


# ---------------------------------------------------------------- reading and scoring


def read(doc: Doc, suite: Suite | None = None) -> set[tuple]:
    """What plancheck reads from a document: (indicator, year, breakdown, target key)."""
    from plancheck.extract import extract
    from plancheck.readers import read_bytes

    suite = suite or load_suite()
    d = extract(read_bytes(doc.text.encode("utf-8"), doc.name), suite)
    out = set()
    for nt in d.narrative:
        ind = suite.indicators[nt.indicator]
        out.add((nt.indicator, nt.year, nt.breakdown, key(parse_target(nt.raw, ind.reading_bounds))))
    return out


def score(docs: list[Doc], suite: Suite | None = None) -> dict:
    suite = suite or load_suite()
    tp = fp = fn = achieved_read = 0
    misses, false = [], []
    for doc in docs:
        got = read(doc, suite)
        want = {(t.indicator, t.year, t.breakdown, t.target) for t in doc.truths}
        tp += len(got & want)
        fn += len(want - got)
        fp += len(got - want)
        done = set(doc.achieved)
        achieved_read += sum(1 for g in got - want if (g[0], g[3]) in done)
        misses += [(doc.name, w) for w in want - got]
        false += [(doc.name, g) for g in got - want]
    return {"documents": len(docs), "targets": tp + fn, "achieved": sum(len(d.achieved) for d in docs),
            "read": tp + fp, "right": tp,
            "recall": tp / (tp + fn) if tp + fn else 1.0, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "achieved_read": achieved_read, "misses": misses, "false": false}
