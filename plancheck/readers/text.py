"""Decoding text files and splitting them into blocks with 1-based line numbers.

Text arrives as UTF-8 (with or without BOM) or UTF-16 (with BOM, or without one when the
zero bytes make the byte order certain), in NFC or NFD, with CRLF, CR or LF line ends,
non-breaking and zero-width spaces. Whatever the variant, the lines handed on are the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Cell

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
                        "save the file as UTF-8"
                    ) from None
    if "\x00" in text:
        raise InputError(f"{path}: binary content (NUL characters) in a text file")
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: invalid {encoding.upper()} text at byte {exc.start}") from None


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


def split_lines(text: str) -> list[str]:
    """NFC lines with odd spaces normalised; the i-th item is line i+1 of the file."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    lines = _LINE_SPLIT.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass
class Block:
    """A paragraph (one line of text) or a grid table (rows of cells)."""

    kind: str  # para | grid
    line: int | None
    text: str = ""
    rows: list[list[Cell]] = field(default_factory=list)
    row_lines: list[int | None] = field(default_factory=list)
    bold: bool = False


_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


MAX_LINES = 500_000
MAX_CELLS_PER_ROW = 200


def text_blocks(lines: list[str], path: str = "") -> list[Block]:
    """Paragraph blocks and grid blocks (tab-separated or pipe tables).

    Rows of one grid may be separated by blank lines (page breaks in converted text); a
    grid ends at the first non-blank line that is not a row of the same kind.
    """
    if len(lines) > MAX_LINES:
        raise InputError(f"{path}: {len(lines)} lines, over the limit of {MAX_LINES} for one document")
    blocks: list[Block] = []
    grid: Block | None = None
    grid_kind = None
    for i, line in enumerate(lines, start=1):
        if line.count("\t") > MAX_CELLS_PER_ROW or line.count("|") > MAX_CELLS_PER_ROW:
            raise InputError(f"{path}:{i}: a table row with more than {MAX_CELLS_PER_ROW} cells")
        kind = "tab" if "\t" in line else ("pipe" if line.lstrip().startswith("|") and line.count("|") >= 2 else None)
        if kind:
            if grid is None or grid_kind != kind:
                grid = Block("grid", i)
                grid_kind = kind
                blocks.append(grid)
            if kind == "pipe":
                if _PIPE_SEP.match(line):
                    continue
                parts = line.strip()
                parts = parts[1:] if parts.startswith("|") else parts
                parts = parts[:-1] if parts.endswith("|") else parts
                cells = [Cell(p.strip(), i) for p in parts.split("|")]
            else:
                cells = [Cell(p.strip(), i) for p in line.split("\t")]
            grid.rows.append(cells)
            grid.row_lines.append(i)
            continue
        if not line.strip():
            if grid is not None:
                grid.rows.append([])  # a blank line inside a table: a possible page break
                grid.row_lines.append(i)
            continue
        grid = None
        grid_kind = None
        blocks.append(Block("para", i, text=line))
    for b in blocks:
        while b.kind == "grid" and b.rows and not b.rows[-1]:
            b.rows.pop()
            b.row_lines.pop()
    return blocks
