"""Hard-wrapped text: the lines of one paragraph joined back into it.

A legal-document portal publishes a plan as markdown whose lines are wrapped at about 80
characters: a sentence, a number and its unit, a heading's marker and its title ("**1.`` /
``Công tác tham mưu**") are split over lines, and paragraphs are separated by blank lines.
Read line by line, such a document has no sentence and no heading whole.

:func:`join_wrapped` makes one :class:`~plancheck.model.Paragraph` of each run of lines that a
blank line, a table or a new list item does not separate, in a document whose paragraphs are
separated by blank lines and whose lines are wrapped at a fixed width (a document that puts
one paragraph on each line is left as it is). The paragraph keeps where each of its lines starts
(``line_starts``), so that a value found in it is placed on its own line.
"""

from __future__ import annotations

import re

from ..model import Block, Location, Paragraph
from ..textnorm import clean

# markdown emphasis marks: ** and __ anywhere, a lone * at the edge of a word ("*Căn cứ", "gia;*");
# "(*)" (a footnote mark) and "2*3" are text
_EMPHASIS = re.compile(r"\*\*+|(?<!\w)__|__(?!\w)|(?:(?<=^)|(?<=\s))\*(?=\S)|(?<=\S)\*(?=\s|$)")
# a new item or heading: "- ", "+ ", "• ", "1. ", "1) ", "(1)", "1.1 ", "a) ", "(a)", "I. ", "Điều 4", "Chỉ tiêu 1:"
_MARKER = re.compile(
    r"^(?:[-+•–*]\s+|\d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)|\d{1,3}(?:\.\d{1,3})+\s+|\(\d{1,3}\)\s*|[a-zđ][.)]\s+|\([a-zđ]\)\s*"
    r"|[IVXLC]{1,6}[.)]\s*|(?:Điều|Chương|Mục|Phần|Chỉ tiêu|Mục tiêu|Nhiệm vụ|Khoản)\s+[\dIVXLC]{1,4}\b|#)")
_SENTENCE_END = re.compile(r"[.;:!?…)]$")
_SENTENCE_STOP = re.compile(r"[.!?…]$")
_FULL_STOP = re.compile(r"[.;!?…]$")  # (a colon leads into what follows)


def emphasis_free(raw: str) -> str:
    """The clean text of ``raw`` without markdown emphasis marks, even unbalanced ones (a
    bold run that a hard wrap split over lines)."""
    if "*" in raw or "_" in raw:
        raw = _EMPHASIS.sub("", raw)
    return clean(raw)


def is_bold_text(raw: str) -> bool:
    """Whether ``raw`` opens with a bold mark (``**`` or ``__``), as a bold heading does."""
    t = raw.lstrip()
    return t.startswith(("**", "__")) and bool(emphasis_free(t))


def blank_separated(blocks: list[Block]) -> bool:
    """Paragraphs separated by blank lines: of the paragraphs that follow another paragraph,
    at least one in ten stands after a blank line (a document of one paragraph per line has
    next to none; the blank lines of a table flattened one cell per line do not count)."""
    after_blank = adjacent = 0
    prev: int | None = None
    for b in blocks:
        line = b.location.line if isinstance(b, Paragraph) else None
        if line is not None and prev is not None:
            if line == prev + 1:
                adjacent += 1
            else:
                after_blank += 1
        prev = line
    return after_blank >= 5 and after_blank * 10 >= after_blank + adjacent


def hard_wrapped(blocks: list[Block], lines: list[str]) -> bool:
    """Lines wrapped at a fixed width: hardly a paragraph line is longer than 100 characters
    (a portal wraps at about 80; a document of one paragraph per line has lines of hundreds)."""
    lengths = [len(lines[b.location.line - 1].rstrip()) for b in blocks
               if isinstance(b, Paragraph) and b.location.line is not None]
    if len(lengths) < 8:
        return False
    long = sum(1 for n in lengths if n > 100)
    return long * 50 <= len(lengths)


def _opens_item(raw: str, previous: str) -> bool:
    """Whether the line ``raw`` starts a new paragraph after the line ``previous`` of the same
    run: a list item or heading marker after a finished sentence, or one that a capital
    follows ("- Tỷ lệ ..."); "kinh tế\\n- xã hội" is a wrapped continuation."""
    t = emphasis_free(raw)
    m = _MARKER.match(t)
    if not m:
        return False
    if _SENTENCE_END.search(emphasis_free(previous)):
        return True
    rest = t[m.end():].lstrip("*_ ")
    return not rest or not rest[0].islower()


def _closed_bold(raw_lines: list[str]) -> bool:
    """The lines so far are one whole bold run ("**II. MỤC TIÊU**"): a heading of its own."""
    text = " ".join(x.strip() for x in raw_lines)
    return text.startswith("**") and text.endswith("**") and text.count("**") % 2 == 0 and len(text) > 4


def wrap_width(blocks: list[Block], lines: list[str]) -> int:
    """The width the lines are wrapped at: the length that nine in ten paragraph lines stay within."""
    lengths = sorted(len(lines[b.location.line - 1].rstrip()) for b in blocks
                     if isinstance(b, Paragraph) and b.location.line is not None)
    return lengths[int(len(lengths) * 0.9)] if lengths else 80


def _continues(raw: str, previous: str, width: int, run: list[str]) -> bool:
    """Whether the line ``raw`` goes on with the paragraph of the line ``previous`` (``run``: the
    run's lines so far). It does when the previous line
    was cut by the wrap (it is near the width) or ends with a comma, inside a bold or italic run not
    yet closed ("**1. Sở" / "Khoa học và Công nghệ**"), before a line in lower case or a number,
    in a title in capitals, or - the previous line stopping mid-sentence - before a line that is
    itself cut by the wrap (a portal's paragraph opens with a short line: "Sau 8 năm triển khai
    thực hiện" / "Nghị quyết số 21-NQ/TW ..."). Lines of their own do not: "ỦY BAN NHÂN DÂN" /
    "TỈNH ..." / "Số: ...", a heading in capitals and the sentence under it, "- Tỷ lệ ... đạt 0%." /
    "Thực hiện ..."."""
    before = emphasis_free(previous)
    first = emphasis_free(raw).lstrip("*_ ")[:1]
    joined = " ".join(x.strip() for x in run)
    if joined.count("**") % 2 == 1 or (joined.startswith("*") and not joined.startswith("**")
                                       and not joined.endswith("*")):
        return True  # inside a bold or italic run not yet closed
    m = _MARKER.match(before)
    if m and not before[m.end():].strip():
        return True  # a heading's marker alone ("*3.1." / "Thương mại*")
    if _capitals(before) and not _capitals(emphasis_free(raw)) and not (first.islower() or first.isdigit()):
        return False  # a heading in capitals before a line of its own ("(Kèm theo Kế hoạch ...)")
    if first.isupper() and _SENTENCE_STOP.search(before):
        return False  # a sentence ended before a line of its own
    if len(previous.rstrip()) >= 0.75 * width or before.endswith(","):
        return True
    if first and (first.islower() or first.isdigit()) or _capitals(before) and _capitals(emphasis_free(raw)):
        return True
    if _FULL_STOP.search(before):
        return False
    return len(raw.rstrip()) >= 0.75 * width


def _capitals(text: str) -> bool:
    """A line in capitals (a heading): three letters or more, none in lower case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def join_wrapped(blocks: list[Block], lines: list[str]) -> list[Block]:
    """``blocks`` with the paragraphs of each wrapped run of lines joined (see the module)."""
    if not (blank_separated(blocks) and hard_wrapped(blocks, lines)):
        return blocks
    width = wrap_width(blocks, lines)
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush() -> None:
        if run:
            joined = _joined(run, lines)
            if joined.text:
                out.append(joined)
            run.clear()

    for b in blocks:
        if not isinstance(b, Paragraph) or b.location.line is None:
            flush()
            out.append(b)
            continue
        if run:
            prev = run[-1]
            raw, prev_raw = lines[b.location.line - 1], lines[prev.location.line - 1]
            run_lines = [lines[p.location.line - 1] for p in run]
            if (b.location.line != prev.location.line + 1 or _opens_item(raw, prev_raw)
                    or _closed_bold(run_lines)
                    or not _continues(raw, prev_raw, width, run_lines)):
                flush()
        run.append(b)
    flush()
    return out  # (a joined paragraph keeps its first line's block number: block numbers stay in order)


def _joined(run: list[Paragraph], lines: list[str]) -> Paragraph:
    pieces: list[str] = []
    starts: list[tuple[int, int]] = []  # (offset in the text, line number) of each line
    pos = 0
    for p in run:
        t = emphasis_free(lines[p.location.line - 1])
        if not t:
            continue
        if pieces:
            pos += 1  # the space between lines
        starts.append((pos, p.location.line))
        pieces.append(t)
        pos += len(t)
    text = " ".join(pieces)
    first = run[0]
    raw_first = lines[first.location.line - 1]
    bold = is_bold_text(raw_first) or first.bold and all(p.bold for p in run)
    line = starts[0][1] if starts else first.location.line
    return Paragraph(text, Location(line=line, block=first.location.block), bold,
                     line_starts=tuple(starts) if len(starts) > 1 else ())
