"""The layout of a workbook that is printed and sent: sheet names, row heights that fit the
wrapped text, and the page set-up (landscape, fit to width, header row on every page).

A spreadsheet program does not store how many lines a wrapped cell takes: a row without a
height keeps the default one, and its text runs over the next rows (LibreOffice prints it
so). The height is therefore worked out here from the text and the column widths.

Widths are measured in the unit of column widths, the width of the digit "0" of the
workbook's font. The advance of each character is that of DejaVu Sans - the font LibreOffice
falls back to when Calibri is missing, and wider for its "0" than Calibri is for its own in
most letters - so a height that fits DejaVu fits Calibri in Excel too (a line or so to spare
in a long cell). The wrapping is the greedy one of both programs: words go on a line while
they fit, a word longer than a line is broken.
"""

from __future__ import annotations

import math
import re
import unicodedata

# advance widths of DejaVu Sans (regular), in thousandths of an em, for printable ASCII
_ADVANCE = dict(zip(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ",
    (636,) * 10 + (613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
                   392, 634, 592, 818, 592, 592, 525, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557,
                   863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 401, 460, 838, 636, 950,
                   780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 337, 337, 838, 838, 838, 531, 1000, 390, 337,
                   390, 838, 500, 500, 636, 337, 636, 838, 318)))
_DIGIT = 636  # the unit of column widths
_OTHER = 700  # a character outside the table (a symbol, a letter of another script)
BOLD = 1.15  # bold text is wider: DejaVu Sans Bold is 9-23 % wider letter by letter
SAFETY = 1.06  # every width measured a little wider than DejaVu Sans sets it
CELL_MARGIN = 0.6  # the part of a column's width the cell's inner margins take, in digit widths
LINE_HEIGHT = 15.0  # points per line of 11-point text (Excel's default row height; LibreOffice: 13)
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def char_units(ch: str) -> float:
    """The advance of one character in digit widths."""
    adv = _ADVANCE.get(ch)
    if adv is None:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            return 0.0
        if unicodedata.east_asian_width(ch) in "WF":
            adv = 1000
        else:  # a letter with diacritics is as wide as its letter: ệ as e, Đ as D
            base = unicodedata.normalize("NFD", ch)[0]
            adv = _ADVANCE.get({"đ": "d", "Đ": "D"}.get(ch, base), _OTHER)
    return adv / _DIGIT


def text_units(text: str, bold: bool = False) -> float:
    """The width of a line of text in digit widths."""
    return sum(char_units(ch) for ch in text) * SAFETY * (BOLD if bold else 1.0)


# where a line may break inside a word, as LibreOffice and Excel break it (the Unicode line
# breaking rules): after a hyphen or a slash followed by a letter ("F-lam-dong-", "seeds/"),
# never inside a number range ("28-30")
_BREAK_INSIDE = re.compile(r"(?<=[-/\u2013])(?=[^\d\s\-/\u2013])")


def wrapped_lines(text, width: float, bold: bool = False) -> int:
    """The lines ``text`` takes in a wrapped cell of a column ``width`` digit widths wide."""
    if text is None or text == "":
        return 1
    room = max(1.0, width - CELL_MARGIN)
    factor = SAFETY * (BOLD if bold else 1.0)
    space = char_units(" ") * factor
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split(" "):
            for k, piece in enumerate(_BREAK_INSIDE.split(word)):
                gap = space if k == 0 and used else 0.0
                w = sum(char_units(ch) for ch in piece) * factor
                if used and used + gap + w <= room:
                    used += gap + w
                    continue
                if used:  # the piece starts a new line
                    lines += 1
                    used = 0.0
                if w <= room:
                    used = w
                    continue
                for ch in piece:  # longer than a line: broken where the line ends
                    cw = char_units(ch) * factor
                    if used and used + cw > room:
                        lines += 1
                        used = 0.0
                    used += cw
        total += lines
    return total


def row_height(values, widths, bold: bool = False, font_size: float = 11.0) -> float:
    """The height (points) of a row whose wrapped cells hold ``values`` in columns ``widths`` wide."""
    lines = max((wrapped_lines(v, w, bold) for v, w in zip(values, widths)), default=1)
    return math.ceil(lines * LINE_HEIGHT * font_size / 11.0 + 2)


def sheet_name(wanted: str, used: set[str], fallback: str = "Sheet") -> str:
    """A valid sheet name, unique in the workbook (Excel compares names ignoring case):
    at most 31 characters, none of ``[ ] : * ? / \\``, no apostrophe at either end."""
    base = _SHEET_FORBIDDEN.sub(" ", unicodedata.normalize("NFC", wanted or ""))
    base = " ".join(base.split()).strip("'").strip() or fallback
    if base.casefold() == "history":  # a name Excel keeps for itself
        base = f"{base} 1"
    base = base[:SHEET_NAME_MAX].rstrip().rstrip("'")
    name, k = base, 2
    while name.casefold() in used:
        suffix = f" ({k})"
        name = base[:SHEET_NAME_MAX - len(suffix)].rstrip().rstrip("'") + suffix
        k += 1
    used.add(name.casefold())
    return name


def fit_rows(ws, widths: list[float], first: int, last: int | None = None, bold_rows=(),
             merged: dict[int, float] | None = None) -> None:
    """Give rows ``first`` to ``last`` the height their wrapped text takes. ``merged`` maps a
    row whose first cell spans the whole width to that width."""
    last = ws.max_row if last is None else last
    merged = merged or {}
    for r in range(first, last + 1):
        bold = r in bold_rows
        size = 11.0
        if r in merged:
            cell = ws.cell(r, 1)
            size = float(cell.font.sz or 11.0) if cell.font is not None else 11.0
            height = row_height([cell.value], [merged[r]], bold or bool(cell.font and cell.font.b), size)
        else:
            values = [ws.cell(r, c).value for c in range(1, len(widths) + 1)]
            height = row_height(values, widths, bold)
        ws.row_dimensions[r].height = height


def print_setup(ws, header_row: int, footer: str, fit_height: bool = False) -> None:
    """Landscape A4, fit to the page's width (as many pages down as it takes), narrow
    margins, the header row on every printed page, the sheet's name at the top of each page
    and the page number at the foot."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if fit_height else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddHeader.left.text = "&A"
    ws.oddFooter.center.text = footer


def thin_border():
    """A thin grey border on every side of a cell."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="A6A6A6")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def table_style(ws, header_row: int, widths: list[float], last_row: int | None = None) -> None:
    """The header row in white on blue, wrapped cells with thin borders, the column widths,
    panes frozen below the header, filters over the table."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    last_row = ws.max_row if last_row is None else last_row
    border = thin_border()
    head_font = Font(name="Calibri", sz=11, bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    head_align = Alignment(wrap_text=True, vertical="center")
    body_align = Alignment(wrap_text=True, vertical="top")
    n = len(widths)
    for c in range(1, n + 1):
        cell = ws.cell(header_row, c)
        cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, head_align, border
    for row in ws.iter_rows(min_row=header_row + 1, max_row=last_row, max_col=n):
        for cell in row:
            cell.alignment, cell.border = body_align, border
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(n)}{max(last_row, header_row)}"
