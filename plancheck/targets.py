"""Target values: from the raw text of a cell to a typed :class:`TargetValue` and back.

``parse_target`` never raises. Text it cannot read becomes a target of kind
``unreadable`` (the check ``T001`` reports it). Numbers follow Vietnamese official
notation (dot between thousands, comma before decimals); where the text also has another
reading (``11.900`` is 11900 or 11.9), the caller may pass the plausible bounds of the
indicator and the reading inside them is taken; the target records which reading was
taken in ``reading`` so that findings can say so.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, replace

from .textnorm import canonical, clean, fold

KINDS = ("none", "exact", "approx", "lower", "upper", "range", "level", "school", "unreadable")
NUMERIC_KINDS = ("exact", "approx", "lower", "upper", "range")


@dataclass(frozen=True)
class TargetValue:
    """A typed target. ``lo``/``hi`` bound the value; ``None`` is unbounded."""

    kind: str
    lo: float | None = None
    hi: float | None = None
    lo_strict: bool = False
    hi_strict: bool = False
    level: str | None = None  # canonical vocabulary key for level/school kinds
    unit: str | None = None  # canonical unit written inside the value ("%", "m2", ...)
    note: str | None = None  # text in parentheses: "duy trì"
    reading: str | None = None  # "vi" or "en" when a number had two readings
    alt_reading: float | None = None  # the value under the reading not taken
    spelling: str | None = None  # the vocabulary word as written when it differs in spelling

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def anchor(self) -> float | None:
        """The number the target is written around (the bound, the value, range middle)."""
        if self.kind in ("exact", "approx", "lower"):
            return self.lo
        if self.kind == "upper":
            return self.hi
        if self.kind == "range" and self.lo is not None and self.hi is not None:
            return (self.lo + self.hi) / 2
        return None


# ---------------------------------------------------------------- vocabulary

# key -> (display, order within its scale, aliases folded)
LEVELS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "giai_quyet_co_ban": ("Giải quyết cơ bản", 1, ("giai quyet co ban", "co ban giai quyet")),
    "co_ban_hoan_thanh": ("Cơ bản hoàn thành", 1, ("co ban hoan thanh", "hoan thanh co ban")),
    "co_ban_cham_dut": ("Cơ bản chấm dứt", 1, ("co ban cham dut",)),
    "hoan_thanh": ("Hoàn thành", 2, ("hoan thanh", "dat", "dat chuan")),
    "duy_tri": ("Duy trì", 2, ("duy tri", "tiep tuc duy tri")),
    "bao_dam": ("Bảo đảm", 2, ("bao dam", "dam bao")),
    "bao_dam_vung_chac": ("Bảo đảm vững chắc", 3, ("bao dam vung chac", "dam bao vung chac")),
    "cham_dut": ("Chấm dứt", 3, ("cham dut",)),
    "xoa_bo_hoan_toan": ("Xóa bỏ hoàn toàn", 3, ("xoa bo hoan toan",)),
}

SCHOOL_LEVELS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "mam_non": ("Mầm non", 1, ("mam non",)),
    "tieu_hoc": ("Tiểu học", 2, ("tieu hoc",)),
    "thcs": ("THCS", 3, ("thcs", "trung hoc co so")),
    "thpt": ("THPT", 4, ("thpt", "trung hoc pho thong")),
}

_LEVEL_BY_FOLD = {alias: key for key, (_, _, aliases) in LEVELS.items() for alias in aliases}
_SCHOOL_BY_FOLD = {alias: key for key, (_, _, aliases) in SCHOOL_LEVELS.items() for alias in aliases}


def level_display(key: str | None) -> str | None:
    if key in LEVELS:
        return LEVELS[key][0]
    if key in SCHOOL_LEVELS:
        return SCHOOL_LEVELS[key][0]
    if key == "rank":
        return "rank"
    return None


def ambition(t: "TargetValue", direction: str | None) -> float | None:
    """The level a target guarantees for a directional indicator (the end that counts)."""
    if direction == "higher" and t.kind in ("exact", "approx", "range", "lower"):
        return t.lo
    if direction == "lower" and t.kind in ("exact", "approx", "range", "upper"):
        return t.hi
    return None


def level_order(key: str | None) -> int | None:
    if key in LEVELS:
        return LEVELS[key][1]
    if key in SCHOOL_LEVELS:
        return SCHOOL_LEVELS[key][1]
    return None


# ---------------------------------------------------------------- units

# canonical unit -> regex (on clean lower-case text) that recognises it
_UNIT_PATTERNS: list[tuple[str, str]] = [
    ("%/năm", r"%\s*/\s*năm"),
    ("%", r"%|phần\s*trăm"),
    ("m2/người", r"m\s*(?:2|²)\s*(?:sàn)?\s*/\s*người|m\s*(?:2|²)\s*sàn|m\s*(?:2|²)"),
    ("tuổi", r"tuổi"),
    ("năm", r"năm"),
    ("lần", r"lần"),
    ("giường", r"giường(?:\s*bệnh)?"),
    ("căn hộ", r"căn\s*hộ|căn(?:\s*nhà)?"),
    ("người", r"người|bác\s*sĩ|bác\s*sỹ|dược\s*sĩ|dược\s*sỹ|điều\s*dưỡng(?:\s*viên)?"),
]
UNIT_RE = [(u, re.compile(r"^(?:" + p + r")$")) for u, p in _UNIT_PATTERNS]


@functools.lru_cache(maxsize=4096)
def canonical_unit(text: str | None) -> str | None:
    """The canonical form of a unit cell (``m <sup>2</sup> sàn/người`` -> ``m2/người``).

    Returns ``None`` for an empty cell and the cleaned text for a unit it does not know.
    """
    if text is None:
        return None
    t = clean(text).lower()
    t = re.sub(r"\s+", " ", t).strip(" .")
    if not t:
        return None
    t = re.sub(r"/\s*(?:10\.000|10000|1\.000|1000)\s*(?:dân|người)", "", t).strip()
    t = re.sub(r"^(?:người|giường)\s*/\s*$", "người", t)
    for unit, rx in UNIT_RE:
        if rx.match(t):
            return unit
    # a unit wrapped inside a narrow PDF cell comes back cut mid-word ("ngư ời")
    joined = t.replace(" ", "")
    for unit, rx in UNIT_RE:
        if rx.match(joined):
            return unit
    if fold(t) in ("bac hoc", "cap hoc"):
        return "bậc học"
    if fold(t) in ("muc do", "muc"):
        return "mức độ"
    if fold(t) in ("chi so", "diem"):
        return "chỉ số"
    return t


# ---------------------------------------------------------------- numbers

_NUM = r"\d+(?:[.,]\d+)*"
_NUM_RE = re.compile(_NUM)


def read_number(text: str, bounds: tuple[float, float] | None = None) -> tuple[float, str | None, float | None]:
    """Read one number token. Returns (value, reading, alternative value).

    ``reading`` is ``None`` when the token has one reading, else ``"vi"`` or ``"en"``
    (the reading taken) and the alternative is the value under the other reading.
    """
    vi = _read_vi(text)
    en = _read_en(text)
    if vi is None and en is None:
        raise ValueError(text)
    if en is None or vi == en:
        return vi, None, None  # type: ignore[return-value]
    if vi is None:
        return en, "en", None
    if bounds is not None:
        lo, hi = bounds
        vi_ok = lo <= vi <= hi
        en_ok = lo <= en <= hi
        if en_ok and not vi_ok:
            return en, "en", vi
    return vi, "vi", en


def _read_vi(text: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:,\d+)?", text):
        return float(text.replace(",", "."))
    return None


def _read_en(text: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    return None


def format_number(value: float) -> str:
    """Vietnamese notation: ``11900`` -> ``11.900``, ``97.5`` -> ``97,5``."""
    if value is None or not math.isfinite(value):
        return "?"
    if float(value).is_integer():
        whole, frac = int(abs(value)), ""
    else:
        text = f"{abs(value):.6f}".rstrip("0")
        whole_s, frac = text.split(".")
        whole = int(whole_s)
    grouped = f"{whole:,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    return sign + grouped + ("," + frac if frac else "")


# ---------------------------------------------------------------- parsing

_LOWER_WORDS = [
    (r"từ\s+(?P<n>{num})\s*(?P<u>[^\d\s].*?)?\s*trở\s+lên", False),
    (r"(?:không|ko)\s+(?:thấp\s+hơn|dưới|ít\s+hơn)", False),
    (r"tối\s+thiểu(?:\s+(?:là|đạt))?", False),
    (r"ít\s+nhất(?:\s+là)?", False),
    (r"cao\s+hơn|lớn\s+hơn|nhiều\s+hơn|vượt|trên|hơn", True),
]
_UPPER_WORDS = [
    (r"không\s+(?:quá|vượt\s+quá|cao\s+hơn|lớn\s+hơn|vượt)", False),
    (r"tối\s+đa(?:\s+là)?", False),
    (r"thấp\s+hơn|nhỏ\s+hơn|ít\s+hơn|dưới", True),
]
_APPROX_WORDS = r"khoảng|xấp\s+xỉ|gần|chừng|~|≈"


def _word_patterns(words: list[tuple[str, bool]]) -> list[tuple[re.Pattern, bool, bool]]:
    """(pattern, strict, whether the number sits inside the words): "từ 50 trở lên" matched
    whole, "không dưới" before the number."""
    return [(re.compile(p.format(num=_NUM)), strict, True) if "{num}" in p
            else (re.compile(r"(?:" + p + r")\s+(?=\d)"), strict, False) for p, strict in words]


_COMPARATOR_WORDS = (("lower", _word_patterns(_LOWER_WORDS)), ("upper", _word_patterns(_UPPER_WORDS)))
_APPROX_RE = re.compile(r"(?:" + _APPROX_WORDS + r")\s*(?=\d)")
_NOTE_RE = re.compile(r"\(([^()]*)\)\s*$")
_AIM_WORDS = re.compile(r"^(?:phan dau|dam bao|bao dam)\s+(?=.)")
_RANK_WORDS = re.compile(r"\b(?:nhom|top|xep thu|xep hang)\b")
_RANGE_RE = re.compile(r"(?:từ\s+)?(?P<a>{n})\s*(?P<ua>%)?\s*(?:-|–|—|đến|tới)\s*(?P<b>{n})\s*(?P<u>.*)".format(n=_NUM))
_VALUE_RE = re.compile(r"(?P<n>{n})\s*(?P<u>.*)".format(n=_NUM))
_SYMBOLS = {">=": ("lower", False), "=>": ("lower", False), "≥": ("lower", False),
            "<=": ("upper", False), "=<": ("upper", False), "≤": ("upper", False),
            ">": ("lower", True), "<": ("upper", True)}

_PREFIX_NOISE = re.compile(r"^(?:phấn\s+đấu|bảo\s+đảm|đảm\s+bảo|đạt\s+được|đạt|là|bằng|=)\s*(?::\s*)?",
                           re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 15)
def parse_target(raw: str | None, bounds: tuple[float, float] | None = None) -> TargetValue:
    """Parse a target cell. Never raises. (Targets are immutable, so results are cached.)"""
    try:
        return _parse(raw, bounds)
    except Exception:  # noqa: BLE001 - the contract is: never raise on any text
        return TargetValue("unreadable")


def _parse(raw: str | None, bounds: tuple[float, float] | None) -> TargetValue:
    if raw is None:
        return TargetValue("none")
    text = clean(str(raw))
    if text in ("", "-", "–", "—", "_", "x", "X", "...", "…", "/", "--", "0-"):
        return TargetValue("none")
    note = None
    m = _NOTE_RE.search(text)
    if m and m.start() > 0:
        note = clean(m.group(1)) or None
        text = text[: m.start()].strip()
    low = text.lower()

    # qualitative vocabulary and school levels (matched on the folded skeleton)
    f = fold(low)
    f = _AIM_WORDS.sub("", f) if f not in _LEVEL_BY_FOLD else f
    for table, kind in ((_LEVEL_BY_FOLD, "level"), (_SCHOOL_BY_FOLD, "school")):
        if f in table:
            key = table[f]
            spelling = None if canonical(text).lower() in _accepted_spellings(key) else text
            return TargetValue(kind, level=key, note=note, spelling=spelling)
    if _RANK_WORDS.search(f) and not _NUM_RE.fullmatch(low):
        return TargetValue("level", level="rank", note=text if note is None else f"{text} ({note})")

    low = _PREFIX_NOISE.sub("", low).strip()
    kind, strict = "exact", False

    # symbols
    for sym in (">=", "=>", "<=", "=<", "≥", "≤", ">", "<"):
        if low.startswith(sym):
            kind, strict = _SYMBOLS[sym]
            low = low[len(sym):].strip()
            break
    else:
        done = False
        for word_kind, words in _COMPARATOR_WORDS:
            for pattern, strict_, inside in words:
                if inside:  # "từ 50 trở lên": the number sits inside the words
                    mm = pattern.fullmatch(low)
                    if mm:
                        low = mm.group("n") + (" " + mm.group("u") if mm.group("u") else "")
                else:
                    mm = pattern.match(low)
                    if mm:
                        low = low[mm.end():]
                if mm:
                    kind, strict, done = word_kind, strict_, True
                    break
            if done:
                break
        if not done:
            mm = _APPROX_RE.match(low)
            if mm:
                kind = "approx"
                low = low[mm.end():]
    low = _PREFIX_NOISE.sub("", low).strip()

    # range: a-b, a - b, a–b, từ a đến b
    rm = _RANGE_RE.fullmatch(low)
    if rm and kind == "exact":
        a, ra, alt_a = read_number(rm.group("a"), bounds)
        b, rb, alt_b = read_number(rm.group("b"), bounds)
        unit = _unit_tail(rm.group("u")) if rm.group("u") else ("%" if rm.group("ua") else None)
        if unit is False:
            return TargetValue("unreadable")
        if a > b:
            a, b = b, a
        reading = ra or rb
        return TargetValue("range", lo=a, hi=b, unit=unit or None, note=note, reading=reading)

    nm = _VALUE_RE.fullmatch(low)
    if not nm:
        return TargetValue("unreadable", note=note)
    value, reading, alt = read_number(nm.group("n"), bounds)
    unit = _unit_tail(nm.group("u"))
    if unit is False:
        return TargetValue("unreadable", note=note)
    common = dict(unit=unit or None, note=note, reading=reading, alt_reading=alt)
    if kind == "lower":
        return TargetValue("lower", lo=value, lo_strict=strict, **common)
    if kind == "upper":
        return TargetValue("upper", hi=value, hi_strict=strict, **common)
    return TargetValue(kind, lo=value, hi=value, **common)


def _accepted_spellings(key: str) -> set[str]:
    display = level_display(key) or ""
    variants = {canonical(display).lower()}
    if key == "bao_dam_vung_chac":
        variants.add(canonical("Đảm bảo vững chắc").lower())
    if key == "bao_dam":
        variants.add(canonical("Đảm bảo").lower())
    if key == "giai_quyet_co_ban":
        variants.add(canonical("Cơ bản giải quyết").lower())
    if key == "co_ban_hoan_thanh":
        variants.add(canonical("Hoàn thành cơ bản").lower())
    if key == "thcs":
        variants.add(canonical("Trung học cơ sở").lower())
    if key == "thpt":
        variants.add(canonical("Trung học phổ thông").lower())
    if key == "hoan_thanh":
        variants.update({"đạt", "đạt chuẩn"})
    if key == "duy_tri":
        variants.add(canonical("Tiếp tục duy trì").lower())
    return variants


def _unit_tail(tail: str | None):
    """Canonical unit for the text after a number; '' when none; False when not a unit."""
    tail = (tail or "").strip().rstrip(".;,").strip()
    if not tail:
        return ""
    tail = re.sub(r"\s*(?:/|trên)\s*(?:10\.000|10000|1\.000|1000)\s*(?:dân|người)$", "", tail).strip()
    for unit, rx in UNIT_RE:
        if rx.match(tail):
            return unit
    return False


# ---------------------------------------------------------------- formatting

def format_target(t: TargetValue) -> str:
    """Canonical Vietnamese text of a target; ``parse_target`` reads it back to ``t``."""
    if t.kind == "none":
        body = "-"
    elif t.kind == "unreadable":
        body = "?"
    elif t.kind in ("level", "school"):
        if t.level == "rank":
            return t.note or "rank"
        body = level_display(t.level) or "?"
    else:
        unit = ""
        if t.unit:
            unit = t.unit if t.unit in ("%", "%/năm") else " " + t.unit
        if t.kind == "exact":
            body = format_number(t.lo) + unit
        elif t.kind == "approx":
            body = "khoảng " + format_number(t.lo) + unit
        elif t.kind == "lower":
            body = (">" if t.lo_strict else "≥") + " " + format_number(t.lo) + unit
        elif t.kind == "upper":
            body = ("<" if t.hi_strict else "≤") + " " + format_number(t.hi) + unit
        else:
            body = format_number(t.lo) + "-" + format_number(t.hi) + unit
    if t.note and t.kind != "unreadable":
        body += f" ({t.note})"
    return body


def without_reading(t: TargetValue) -> TargetValue:
    """The target with notation bookkeeping removed (for equality of meaning)."""
    return replace(t, reading=None, alt_reading=None, spelling=None)


# ---------------------------------------------------------------- comparison

def interval(t: TargetValue) -> tuple[float, float] | None:
    """The closed hull of values a numeric target allows (approx counts as exact)."""
    if not t.numeric:
        return None
    lo = t.lo if t.lo is not None else -math.inf
    hi = t.hi if t.hi is not None else math.inf
    return lo, hi


def compatible(a: TargetValue, b: TargetValue) -> bool:
    """Two statements of one target that agree (``95`` and ``tối thiểu 95``; ``33`` and ``khoảng 33``).

    Numeric targets agree when they are written around the same number and do not point
    in opposite directions (a lower bound and an upper bound), or when one interval lies
    inside the other and they share a bound. Levels agree when they are the same level.
    """
    if a.kind == "none" or b.kind == "none":
        return a.kind == b.kind
    if a.numeric and b.numeric:
        if {a.kind, b.kind} == {"lower", "upper"}:
            return False
        if a.kind == "range" and b.kind == "range":
            return _close(a.lo, b.lo) and _close(a.hi, b.hi)
        if a.kind == "range" or b.kind == "range":
            rng, other = (a, b) if a.kind == "range" else (b, a)
            if other.kind == "lower":
                return _close(other.lo, rng.lo)
            if other.kind == "upper":
                return _close(other.hi, rng.hi)
            return False
        return _close(a.anchor, b.anchor)
    if a.kind in ("level", "school") and b.kind in ("level", "school"):
        return a.level == b.level
    if a.numeric and b.kind == "level" or b.numeric and a.kind == "level":
        num, lev = (a, b) if a.numeric else (b, a)
        # "Hoàn thành"/"Xóa bỏ hoàn toàn" state 100 %; "Duy trì 100" is 100 too
        return lev.level in ("hoan_thanh", "xoa_bo_hoan_toan", "cham_dut") and _close(num.anchor, 100.0)
    return False


def _close(x: float | None, y: float | None) -> bool:
    if x is None or y is None:
        return False
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))
