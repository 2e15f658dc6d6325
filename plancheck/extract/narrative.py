"""Targets stated in the body ("Tỷ lệ thất nghiệp chung dưới 3%").

The narrative section is the one under a heading that speaks of targets (CHỈ TIÊU,
MỤC TIÊU). Each sentence piece is scanned for target mentions - an optional comparator,
a number and a unit; the text around a mention names its indicator: before the number
("tỷ lệ tiêm chủng mở rộng đạt 95%") or after it ("60% lực lượng lao động ... tham gia
bảo hiểm xã hội", "19 bác sĩ ... trên 10.000 dân"). Only mentions whose text matches an
indicator of the suite confidently are kept: a missed narrative target costs less than a
false contradiction.
"""

from __future__ import annotations

import re

from ..catalogue import Matcher, Suite
from ..model import NarrativeTarget
from ..model import Block
from ..targets import parse_target
from ..textnorm import clean, fold
from .metadata import body_paragraphs, heading_text

_TARGET_HEADING = re.compile(r"\b(?:chi tieu|muc tieu)\b")
_CMP = (r"(?:tối\s+thiểu\s+đạt|đạt\s+tối\s+thiểu|đạt\s+khoảng|đạt\s+trên|đạt\s+dưới|tối\s+thiểu|ít\s+nhất|"
        r"cao\s+hơn|không\s+quá|không\s+dưới|tối\s+đa|khoảng|dưới|trên|hơn|đạt)")
_UNIT = r"(?:%|\s*tuổi\b|\s*năm\b|\s*m\s*2\s*sàn\s*/\s*người|\s*m2)"
_MENTION = re.compile(
    r"(?:(?P<cmp>" + _CMP + r")\s+)?(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?P<range>\s*-\s*\d+(?:,\d+)?)?"
    r"(?P<unit>" + _UNIT + r")?", re.IGNORECASE)
_PER_POP = re.compile(r"\s*(?:trên|/)\s*10[.\s]?000\s*dân", re.IGNORECASE)
_FILLER = re.compile(r"^(?:[-+•]\s*)?(?:và\s+|có\s+ít\s+nhất\s+|phấn\s+đấu\s+(?:có\s+|đạt\s+)?|bảo\s+đảm\s+|"
                     r"đảm\s+bảo\s+|xây\s+dựng\s+được\s+|có\s+|đạt\s+|,\s*)*", re.IGNORECASE)
_COUNT_NOUNS = re.compile(r"^(?:giường|bác\s+s[ĩỹ]|dược\s+s[ĩỹ]|điều\s+dưỡng|căn)", re.IGNORECASE)


def target_sections(blocks: list[Block], stop_at: int | None) -> list[tuple[int, int, int]]:
    """(first block, end block, year) of each body section that states targets."""
    out = []
    for idx, _, t in body_paragraphs(blocks, stop_at):
        m = re.match(r"^([IVX]+|\d{1,2})\s*[.:]\s+(.*)$", t)
        if not m or len(t) > 160:
            continue
        f = fold(m.group(2))
        if not _TARGET_HEADING.search(f) or "tong quat" in f:
            continue
        style = "roman" if re.fullmatch(r"[IVX]+", m.group(1)) else "decimal"
        year = _year(m.group(2)) or 2030
        end = idx + 1
        while end < len(blocks) and (stop_at is None or end < stop_at):
            nb = blocks[end]
            if nb.kind == "para":
                nt = heading_text(nb.text)
                nm = re.match(r"^([IVX]+|\d{1,2})\s*[.:]\s+\S", nt)
                if nm:
                    nstyle = "roman" if re.fullmatch(r"[IVX]+", nm.group(1)) else "decimal"
                    if nstyle == "roman" or nstyle == style:
                        break
            end += 1
        out.append((idx + 1, end, year))
    return out


def _year(text: str) -> int | None:
    m = re.findall(r"\b(20[2-5]\d)\b", text)
    return int(m[-1]) if m else None


matcher_types: dict[int, dict[str, str]] = {}


def extract_narrative(blocks: list[Block], suite: Suite, stop_at: int | None) -> list[NarrativeTarget]:
    out: list[NarrativeTarget] = []
    matcher = suite.matcher
    matcher_types[id(matcher)] = {i.id: i.type for i in suite.indicators.values()}
    for first, end, year in target_sections(blocks, stop_at):
        for b in blocks[first:end]:
            if b.kind != "para":
                continue
            for nt in _targets_in(b.text, b.line, year, matcher):
                out.append(nt)
    # one statement per indicator and year: the first one
    seen = set()
    unique = []
    for nt in out:
        key = (nt.indicator, nt.year)
        if key not in seen:
            seen.add(key)
            unique.append(nt)
    return unique


def _targets_in(text: str, line: int | None, year: int, matcher: Matcher) -> list[NarrativeTarget]:
    text = clean(text)
    text = _PER_POP.sub("", text)
    found: list[NarrativeTarget] = []
    for piece in re.split(r";\s*|\.\s+(?=[A-ZĐÀ-Ỹ])", text):
        found.extend(_piece_targets(piece, line, year, matcher))
    return found


def _piece_targets(piece: str, line, year, matcher: Matcher) -> list[NarrativeTarget]:
    mentions = [m for m in _MENTION.finditer(piece) if _plausible_mention(piece, m)]
    if not mentions:
        return []
    lead = _FILLER.sub("", piece[: mentions[0].start()]).strip()
    after = len(lead.split()) == 0
    out = []
    start = 0
    prev_subject = ""
    for k, m in enumerate(mentions):
        if after:
            stop = mentions[k + 1].start() if k + 1 < len(mentions) else len(piece)
            subject = piece[m.end():stop]
            subject = re.split(r",\s+(?=\d)|\s+và\s+(?=\d)", subject)[0]
            if not m.group("unit") and not _COUNT_NOUNS.match(subject.strip()):
                continue
        else:
            subject = piece[start:m.start()]
            if not m.group("unit"):
                continue
        subject = _FILLER.sub("", subject.strip(" ,.;:")).strip(" ,.;:")
        subject = re.sub(r"\s+(?:và|,)$", "", subject)
        if len(subject.split()) < 2 and not _COUNT_NOUNS.match(subject):
            continue
        nt = _match(subject, prev_subject, m, line, year, matcher, after)
        if nt is not None:
            out.append(nt)
            prev_subject = nt.text
            start = m.end()
    return out


def _plausible_mention(piece: str, m: re.Match) -> bool:
    before = piece[max(0, m.start() - 12): m.start()].lower()
    after = piece[m.end(): m.end() + 12].lower()
    if re.search(r"(?:đến|tới|từ)\s*$", before):
        return False  # an age or year range inside a name ("từ 3 đến 5 tuổi")
    if re.search(r"năm\s*$|số\s*$|mức độ\s*$|nhóm\s*$", before) and not m.group("unit"):
        return False
    if re.match(r"\s*(?:tháng|loại|buổi|đến\s+\d)", after):
        return False
    if m.group("unit") and m.group("unit").strip() in ("năm", "tuổi") and re.search(r"dưới\s*$|từ\s*$", before) \
            and not m.group("cmp"):
        return False
    return True


def _match(subject: str, prev_subject: str, m: re.Match, line, year, matcher: Matcher, after: bool = False):
    # the subject may run over earlier clauses ("Hoàn thành ..., tỷ lệ đi học ... đạt 99,5%"):
    # every clause boundary gives a candidate
    parts = re.split(r",\s+", subject)
    candidates = []
    for k in range(len(parts)):
        cand = ", ".join(parts[:k + 1]) if after else ", ".join(parts[k:])
        cand = _FILLER.sub("", cand).strip(" ,.;:")
        if len(cand.split()) >= 2 or _COUNT_NOUNS.match(cand):
            candidates.append(cand)
    for cand in list(candidates):
        first = cand.split()[0] if cand.split() else ""
        if prev_subject and first:
            pos = prev_subject.lower().find(" " + first.lower() + " ")
            if pos > 0:
                candidates.append(prev_subject[:pos] + " " + cand)
    best, best_text = None, subject
    for cand in candidates:
        res = matcher.match(cand)
        if res.indicator and res.score >= 90 and (best is None or res.score > best.score):
            best, best_text = res, cand
    if best is None:
        return None
    ind = matcher_types.get(id(matcher), {}).get(best.indicator)
    unit = (m.group("unit") or "").strip().lower()
    if ind is not None:
        if unit == "%" and ind not in ("percent", "rate_per_year"):
            return None
        if unit in ("tuổi", "năm") and ind != "years":
            return None
        if not unit and ind not in ("per_10000", "per_1000", "count"):
            return None
    raw = m.group(0).strip()
    if m.group("cmp") and m.group("cmp").lower() == "đạt":
        raw = raw[len(m.group("cmp")):].strip()
    if parse_target(raw).kind == "unreadable":
        return None
    return NarrativeTarget(best.indicator, year, raw, line, best_text)
