"""Text files (.txt, .md): decoding, lines, and blocks with 1-based line numbers.

Text arrives as UTF-8 (with or without BOM) or UTF-16 (with BOM, or without one when the
zero bytes make the byte order certain), in NFC or NFD, with CRLF, CR or LF line ends,
non-breaking and zero-width spaces. Whatever the variant, the lines handed on are the same.

Blocks: a run of tab-separated lines, or of markdown pipe rows, is a :class:`Grid` (blank
lines inside it are kept as breaks: a page break in converted text); any other non-blank
line is a :class:`Paragraph`. Cell and paragraph text is normalized here, once: markup
(``<b>``, ``**``) becomes the ``bold`` flag. Tables flattened to one cell per line are
rebuilt as grids by :mod:`plancheck.readers.onecell`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..errors import InputError
from ..limits import DEFAULT, Limits, exceeded
from ..model import Block, Grid, GridCell, Location, Paragraph
from ..textnorm import clean
from .bartable import bar_grid, bar_runs

__all__ = ["Block", "decode", "normalized_text", "split_lines", "text_blocks", "cell_text"]

_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def decode(data: bytes, path: str) -> str:
    """Bytes of a text file to str. Raises InputError naming the file when undecidable."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text = _strict(data, "utf-16", path)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            guess = _utf16_without_bom(data)
            if guess is not None:
                text = _strict(data, guess, path)
            else:
                text = _windows_vietnamese(data)
                if text is None:
                    line = data[: exc.start].count(b"\n") + 1
                    raise InputError(
                        f"{path}:{line}: the encoding cannot be decided (byte 0x{data[exc.start]:02x} is not UTF-8 "
                        "and the text is not Windows-1258 Vietnamese; TCVN3 and VNI are not supported): "
                        "save the file as UTF-8",
                        f"{path}:{line}: không xác định được bảng mã (byte 0x{data[exc.start]:02x} không phải UTF-8 "
                        "và văn bản không phải tiếng Việt Windows-1258; không hỗ trợ TCVN3, VNI): "
                        "hãy lưu tệp ở dạng UTF-8 (Unicode)",
                    ) from None
    if "\x00" in text:
        raise InputError(f"{path}: binary content (NUL characters) in a text file",
                         f"{path}: tệp văn bản chứa dữ liệu nhị phân (ký tự NUL)")
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: invalid {encoding.upper()} text at byte {exc.start}",
                         f"{path}: văn bản {encoding.upper()} không hợp lệ tại byte {exc.start}") from None


_VI_MARKERS = ("của", "và", "các", "năm", "người", "tỉnh", "thực hiện", "chỉ tiêu", "được", "xã hội", "tỷ lệ",
               "tỉ lệ", "kế hoạch", "đến", "trong")


def _windows_vietnamese(data: bytes) -> str | None:
    """Text in Windows-1258 (the legacy Vietnamese code page), when it can be told reliably.

    cp1258 writes tones as combining marks; decoded and composed, real Vietnamese text shows
    its most common words. Text in TCVN3 or VNI decoded this way does not, and is refused.
    """
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    lower = text.lower()
    found = sum(1 for w in _VI_MARKERS if re.search(r"(?<!\w)" + w + r"(?!\w)", lower))
    return text if found >= 5 else None


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def normalized_text(text: str) -> str:
    """The text in NFC, without zero-width characters, with odd spaces made ordinary ones, and
    every line end (CRLF, CR) a LF."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    if "\r" in text:
        text = _LINE_SPLIT.sub("\n", text)
    return text


def split_lines(text: str) -> list[str]:
    """NFC lines with odd spaces normalised; the i-th item is line i+1 of the file."""
    lines = normalized_text(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BOLD = re.compile(r"<(?:b|strong)\b[^>]*>|\*\*|(?<!\w)__(?=\S)", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 15)
def cell_text(raw: str) -> tuple[str, bool]:
    """The clean text of a cell or line, and whether it was marked bold."""
    if "<" not in raw and "*" not in raw and "_" not in raw:  # no mark of bold can be there
        return clean(raw), False
    bold = bool(_BOLD.search(raw))
    if "<" in raw:
        raw = _BREAK_TAG.sub(" ", raw)
    return clean(raw), bold


def _has_bar(lines: list[str]) -> bool:
    return any(len(line) < 8 and line.strip() == "|" for line in lines)


def text_blocks(lines: list[str], path: str = "", limits: Limits = DEFAULT) -> list[Block]:
    """Paragraphs and grids (tab-separated or pipe tables), in order.

    Rows of one grid may be separated by blank lines (page breaks in converted text); a
    grid ends at the first non-blank line that is not a row of the same kind. In markdown,
    fenced code blocks are skipped. Tables flattened between lines of a lone bar are read by
    :mod:`.bartable`.
    """
    if len(lines) > limits.max_lines:
        raise exceeded(path, "max_lines", limits)
    blocks: list[Block] = []
    grid: Grid | None = None
    grid_kind = None
    cells_seen = 0
    markdown = path.lower().endswith((".md", ".markdown"))
    fence: str | None = None  # in markdown, the fence of a code block being skipped
    # tables flattened between lines of a lone bar (a portal's markdown): first line -> last line
    bar_tables = dict(bar_runs(lines)) if _has_bar(lines) else {}
    skip_to = 0
    for i, line in enumerate(lines, start=1):
        if i <= skip_to:
            continue
        if i - 1 in bar_tables:
            last = bar_tables[i - 1]
            grid = bar_grid(lines, i - 1, last, len(blocks))
            cells_seen += sum(len(r) for r in grid.rows)
            if cells_seen > limits.max_cells:
                raise exceeded(f"{path}:{i}", "max_cells", limits)
            blocks.append(grid)
            grid, grid_kind, skip_to = None, None, last + 1
            continue
        if markdown:
            # a fenced code block is verbatim text (an example, a command's output), not the document's
            mark = line.lstrip()[:3]
            if fence is None and mark in ("```", "~~~"):
                fence, grid, grid_kind = mark, None, None
                continue
            if fence is not None:
                if mark == fence:
                    fence = None
                continue
        if len(line) > limits.max_cells_per_row and (line.count("\t") > limits.max_cells_per_row
                                                     or line.count("|") > limits.max_cells_per_row):
            raise exceeded(f"{path}:{i}", "max_cells_per_row", limits)
        kind = "tsv" if "\t" in line else ("pipe" if line.lstrip().startswith("|") and line.count("|") >= 2 else None)
        if kind:
            if kind == "pipe" and _PIPE_SEP.match(line):
                continue
            if grid is None or grid_kind != kind:
                grid = Grid([], Location(line=i, block=len(blocks)), kind)
                grid_kind = kind
                blocks.append(grid)
            if kind == "pipe":
                parts = line.strip()
                parts = parts[1:] if parts.startswith("|") else parts
                parts = parts[:-1] if parts.endswith("|") else parts
                raw_cells = parts.split("|")
            else:
                raw_cells = line.split("\t")
            row = []
            where = Location(line=i, block=grid.location.block)  # one place for the cells of a line
            for raw in raw_cells:
                text, bold = cell_text(raw)
                row.append(GridCell(text, where, bold))
            cells_seen += len(row)
            if cells_seen > limits.max_cells:
                raise exceeded(f"{path}:{i}", "max_cells", limits)
            grid.rows.append(row)
            continue
        if not line.strip():
            if grid is not None:
                grid.rows.append([])  # a blank line inside a table: a possible page break
            continue
        grid = None
        grid_kind = None
        text, bold = cell_text(line)
        if text:
            blocks.append(Paragraph(text, Location(line=i, block=len(blocks)), bold))
    for b in blocks:
        while isinstance(b, Grid) and b.rows and not b.rows[-1]:
            b.rows.pop()
    return blocks
