"""PDF files with a text layer -> paragraphs and grids, in document order.

Plans reach reviewers as PDFs printed from Word (signed copies on provincial portals).
Such a PDF keeps the text and the ruling lines of the tables, so it can be read into the
same blocks as a Word document: :class:`~plancheck.model.Paragraph` and
:class:`~plancheck.model.Grid`.

The library is **pdfplumber** (on pdfminer.six), an optional extra: ``pip install
'plancheck[pdf]'``. It gives every character with its position and font, and it finds
tables from their ruling lines (the ``lines`` strategy), which is exactly what an annex
printed from Word is; it is pure Python apart from the pypdfium2 wheels it depends on, MIT
licensed and actively maintained. PyMuPDF is faster but AGPL; camelot and tabula need
Ghostscript, OpenCV or Java; ``pdftotext -layout`` loses the cell boundaries that tell a
wrapped name from the next row.

What is read, and how:

* **Tables** are the regions whose ruling lines define cells (a table drawn without lines,
  like the two-column heading block of an official letter, is read as text). Merged cells
  are expanded once: the first slot holds the text and the spans, the slots it covers are
  ``covered``. Cell text wrapped over several lines is joined with spaces.
* **A table continued on the next page** (the last thing on one page, the first on the
  next, with the same column layout) is one grid with a break row (an empty list) at each
  page boundary; a header repeated on each page is kept as printed (the table interpreter
  recognises repeated headers and rows broken by a page).
* **Text outside tables** becomes one paragraph per visual paragraph: a line that is full
  (the next line's first word would not have fitted on it) continues on the next line
  when that line starts at the same left edge or further left, with the same size and
  weight. Narrative targets wrap over lines ("... dưới" / "3,5%"), so one paragraph per
  line would cut them; short lines such as "Số: 123/KH-UBND" or "Hà Giang, ngày 5 tháng 9
  năm 2024" are never full, so they stay paragraphs of their own, as in the Word file.
  Text on one line separated by a wide gap (the two columns of an official heading) is
  split into separate paragraphs.
* **Page headers and footers** are dropped: one of the first two or last two lines of a
  page that is a page number ("3", "- 3 -", "Trang 3/12") near the page edge, or whose text
  (digits aside) recurs at that edge on at least half of the pages (and on two or more).

Locations: a paragraph has ``page`` and ``line`` (its first line, counted among the text
lines of the page outside tables, from 1); a cell has ``page``, ``table`` (numbered in
document order from 1, a continued table keeps its number), ``row`` (counted over the
whole table from 1, break rows not counted) and ``column`` (on the table's column grid,
from 1). Every block has ``block``, its 0-based position in the document.

A PDF without text (a scan) is refused with a one-line message: OCR is out of scope.

What a PDF expands to is counted while it is read, before anything large is built: the bytes
its streams inflate to (a Flate, LZW or RunLength bomb stops at ``max-pdf-stream-bytes``;
a stream drawn by several pages counts each time), the characters drawn on a page
(``max-page-chars``, before pdfplumber builds its objects), the form XObjects and other
objects drawn on a page (``max-page-objects``: XObjects drawing each other twice over
twenty-four levels would be drawn sixteen million times), the pages (``max-pages``, as they
are listed) and the ruling lines of a page (a grid of more columns than ``max-cells-per-row``,
or more cells than ``max-cells``, is refused before pdfplumber looks for its cells, a search
that grows with the square of the crossings).
"""

from __future__ import annotations

import io
import re
import zlib
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..errors import InputError
from ..limits import DEFAULT, Limits, exceeded
from ..model import Grid, GridCell, Location, Paragraph
from ..textnorm import clean

INSTALL_HINT_EN = "reading PDF files needs pdfplumber: pip install 'plancheck[pdf]'"
INSTALL_HINT_VI = "để đọc tệp PDF cần cài pdfplumber: pip install 'plancheck[pdf]'"

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:trang|page)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*(?:(?:/|of|trên)\s*\d{1,4})?$",
                          re.IGNORECASE)
_TOL = 3.0  # points: the same edge, the same line


def _pdfplumber(path: str = ""):
    try:
        import pdfplumber
    except ImportError:
        where = f"{path}: " if path else ""  # the file it could not read, first, as every reading error
        raise InputError(where + INSTALL_HINT_EN, where + INSTALL_HINT_VI) from None
    _bound_decoders()
    return pdfplumber


# ---------------------------------------------------------------- counting while reading


class _Count:
    """What the PDF being read has expanded to so far."""

    def __init__(self, path: str, limits: Limits):
        self.path, self.limits = path, limits
        self.stream_bytes = 0  # inflated, and drawn
        self.chars = 0  # drawn, in the whole document
        self.page_chars = 0
        self.page_objects = 0
        self.page = 0

    def streams(self, n: int) -> None:
        self.stream_bytes += n
        if self.stream_bytes > self.limits.max_pdf_stream_bytes:
            raise exceeded(self.path, "max_pdf_stream_bytes", self.limits)

    def room(self) -> int:
        """Bytes a stream may still inflate to."""
        return max(0, self.limits.max_pdf_stream_bytes - self.stream_bytes)

    def new_page(self, number: int) -> None:
        self.page, self.page_chars, self.page_objects = number, 0, 0
        if number > self.limits.max_pages:
            raise exceeded(self.path, "max_pages", self.limits)

    def char(self) -> None:
        self.page_chars += 1
        self.chars += 1
        if self.page_chars > self.limits.max_page_chars:
            raise exceeded(self.path, "max_page_chars", self.limits, (f"page {self.page}", f"trang {self.page}"))
        if self.chars > self.limits.max_chars:
            raise exceeded(self.path, "max_chars", self.limits)

    def drawn(self) -> None:
        self.page_objects += 1
        if self.page_objects > self.limits.max_page_objects:
            raise exceeded(self.path, "max_page_objects", self.limits, (f"page {self.page}", f"trang {self.page}"))


_COUNT: ContextVar[_Count | None] = ContextVar("plancheck_pdf_count", default=None)


class _BoundedZlib:
    """``zlib`` as pdfminer's stream decoder sees it: ``decompress`` stops at the bytes the
    PDF being read may still inflate to (a Flate bomb of 2.6 MB would inflate to 2.5 GB)."""

    error = zlib.error

    def __getattr__(self, name):
        return getattr(zlib, name)

    def decompress(self, data, *args, **kw):
        count = _COUNT.get()
        if count is None:
            return zlib.decompress(data, *args, **kw)
        d = zlib.decompressobj()
        out = d.decompress(data, count.room() + 1)
        count.streams(len(out))
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's reading of a Flate stream whose checksum is broken - byte by byte, so that
    the data before the damage is kept - in linear time (pdfminer's own joins the output
    again at each byte) and within the bytes the PDF may still inflate to."""
    count = _COUNT.get()
    d = zlib.decompressobj()
    out: list[bytes] = []
    for i in range(len(data)):
        try:
            piece = d.decompress(data[i:i + 1])
        except zlib.error:
            if i < len(data) - 3:
                raise
            break
        if piece:
            out.append(piece)
            if count is not None:
                count.streams(len(piece))
    return b"".join(out)


def _bounded_lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    count = _COUNT.get()
    out: list[bytes] = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out.append(piece)
        if count is not None:
            count.streams(len(piece))
    return b"".join(out)


def _bounded_runlength(data: bytes) -> bytes:
    from pdfminer.runlength import rldecode

    count = _COUNT.get()
    if count is not None:  # the size it decodes to, from the run lengths alone
        size, i = 0, 0
        while i < len(data):
            length = data[i]
            if length == 128:
                break
            size += length + 1 if length < 128 else 257 - length
            i += length + 2 if length < 128 else 2
        count.streams(size)
    return rldecode(data)


_BOUND = []


def _bound_decoders() -> None:
    """pdfminer's stream decoders, made to count what they inflate (``_COUNT``): its module
    keeps its own names for zlib and the LZW and RunLength decoders, replaced here once.
    Outside a PDF read by ``pdf_blocks`` they decode as before."""
    if _BOUND:
        return
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib()
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = _bounded_lzw
    pdftypes.rldecode = _bounded_runlength
    _BOUND.append(True)


def _counted_layout(page, count: _Count):
    """The page's layout, made as pdfplumber makes it (``Page.layout``) but by an interpreter
    and a device that count what is drawn while it is drawn: each character before its
    object is made, each XObject, path and image, and the bytes of each content stream each
    time it is run."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import list_value, stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent
    from pdfplumber.utils.exceptions import PdfminerException

    class Interpreter(PDFPageInterpreter):
        def render_contents(self, resources, streams, ctm=(1, 0, 0, 1, 0, 0)):
            for obj in list_value(streams):
                try:
                    count.streams(len(stream_value(obj).get_data()))
                except InputError:
                    raise
                except Exception:  # noqa: BLE001, S110 - pdfminer skips such a stream itself
                    pass
            return super().render_contents(resources, streams, ctm=ctm)

    class Device(PDFPageAggregatorWithMarkedContent):
        def render_char(self, *args, **kw):
            count.char()
            return super().render_char(*args, **kw)

        def begin_figure(self, *args, **kw):
            count.drawn()
            return super().begin_figure(*args, **kw)

        def paint_path(self, *args, **kw):
            count.drawn()
            return super().paint_path(*args, **kw)

        def render_image(self, *args, **kw):
            count.drawn()
            return super().render_image(*args, **kw)

    device = Device(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        Interpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - as pdfplumber's own Page.layout does
        raise PdfminerException(e) from None
    return device.get_result()


def _pages(pdf, count: _Count):
    """The pages of the PDF, one at a time, counted as they are listed (pdfplumber's
    ``pages`` would list them all first)."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0.0
    for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        count.new_page(number)
        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        page._layout = _counted_layout(page, count)  # (what Page.layout gives from now on)
        yield page


def _ruling_grid(page, path: str, limits: Limits) -> None:
    """Refuse, before pdfplumber looks for table cells where they cross, ruling lines that
    would make a row of more cells than ``max-cells-per-row`` or more cells than
    ``max-cells``: its search grows with the square of the crossings."""
    xs, ys = set(), set()
    for edge in page.edges:
        if edge["orientation"] == "v":
            xs.add(round(edge["x0"] / _TOL))
        else:
            ys.add(round(edge["top"] / _TOL))
    where = (f"page {page.page_number}", f"trang {page.page_number}")
    if len(xs) - 1 > limits.max_cells_per_row:
        raise exceeded(path, "max_cells_per_row", limits, where)
    if (len(xs) - 1) * (len(ys) - 1) > limits.max_cells:
        raise exceeded(path, "max_cells", limits, where)


# ---------------------------------------------------------------- what one page holds


@dataclass
class _Line:
    """Words on one text line, up to a wide gap (a line with two columns gives two)."""

    page: int
    number: int  # line on the page (1-based), shared by the pieces of one line
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    bold: bool
    size: float
    first_word: float  # width of the first word
    alone: bool = True  # the only piece on its line


@dataclass
class _Table:
    page: int
    top: float
    columns: list[float]  # left edges of the columns, then the right edge of the table
    rows: list[list[GridCell]]  # cells with page and column set; table and row set later


@dataclass
class _Page:
    number: int
    width: float
    height: float
    items: list = field(default_factory=list)  # _Line and _Table, top to bottom


# ---------------------------------------------------------------- the reader


def pdf_blocks(data: bytes, path: str, limits: Limits = DEFAULT) -> list[Paragraph | Grid]:
    """The paragraphs and grids of a PDF with a text layer, in document order."""
    pdfplumber = _pdfplumber(path)
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        opening = _COUNT.set(_Count(path, limits))  # (its cross-reference streams inflate too)
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        finally:
            _COUNT.reset(opening)
    except InputError:
        raise
    except PdfminerException as exc:
        if exc.args and isinstance(exc.args[0], InputError):
            raise exc.args[0] from None
        raise _open_error(exc, path) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise InputError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})",
                         f"{path}: không đọc được tệp PDF ({type(exc).__name__}: {exc})") from None
    counts = {"chars": 0, "cid": 0}
    count = _Count(path, limits)
    token = _COUNT.set(count)
    try:
        with pdf:
            pages = []
            for page in _pages(pdf, count):
                pages.append(_read_page(page, path, limits, counts))
                page.close()  # drop the page's parsed objects: memory stays bounded
    except InputError:
        raise
    except RecursionError:
        raise InputError(f"{path}: PDF structure nested too deeply to read",
                         f"{path}: cấu trúc tệp PDF lồng quá sâu, không đọc được") from None
    except PdfminerException as exc:
        if exc.args and isinstance(exc.args[0], InputError):  # a limit passed inside pdfminer
            raise exc.args[0] from None
        raise _open_error(exc, path) from None
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})",
                         f"{path}: không đọc được tệp PDF ({type(exc).__name__}: {exc})") from None
    finally:
        _COUNT.reset(token)
    if counts["chars"] == 0:
        raise InputError(
            f"{path}: this PDF has no text layer (a scanned image?); plancheck does not recognise text in "
            "images (OCR): use the Word file, or a PDF printed from it",
            f"{path}: tệp PDF này không có lớp văn bản (bản scan?); plancheck không nhận dạng chữ trong ảnh "
            "(OCR): hãy dùng tệp Word, hoặc tệp PDF in ra từ tệp Word")
    if counts["cid"] * 2 > counts["chars"]:
        raise InputError(
            f"{path}: the text of this PDF cannot be decoded (its fonts carry no Unicode mapping); "
            "use the Word file, or print the PDF again from it",
            f"{path}: không giải mã được chữ trong tệp PDF này (phông chữ không có bảng mã Unicode); "
            "hãy dùng tệp Word, hoặc in lại tệp PDF từ tệp Word")
    _drop_running_lines(pages)
    return _assemble(pages, path, limits)


def _open_error(exc: Exception, path: str) -> InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFPasswordIncorrect):
        return InputError(f"{path}: the PDF is protected by a password; remove the protection, or use the Word file",
                          f"{path}: tệp PDF được bảo vệ bằng mật khẩu; hãy bỏ mật khẩu, hoặc dùng tệp Word")
    if isinstance(cause, PDFEncryptionError):
        return InputError(f"{path}: the PDF is encrypted in a way that cannot be read ({cause})",
                          f"{path}: tệp PDF được mã hóa theo cách không đọc được ({cause})")
    detail = str(cause) or type(cause).__name__
    return InputError(f"{path}: not a readable PDF (corrupt or truncated: {detail})",
                      f"{path}: không đọc được tệp PDF (tệp hỏng hoặc không đầy đủ: {detail})")


def _read_page(page, path: str, limits: Limits, counts: dict) -> _Page:
    page = page.dedupe_chars()  # text drawn twice (fake bold) is read once
    chars = page.chars
    counts["chars"] += sum(1 for c in chars if not c["text"].isspace())
    counts["cid"] += sum(1 for c in chars if c["text"].startswith("(cid:"))
    if counts["chars"] > limits.max_chars:
        raise InputError(f"{path}: more than {limits.max_chars} characters of text, over the limit",
                         f"{path}: hơn {limits.max_chars} ký tự, vượt giới hạn")
    out = _Page(page.page_number, float(page.width), float(page.height))
    boxes = []
    _ruling_grid(page, path, limits)
    for found in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        if len(found.cells) < 2:  # a framed paragraph, not a table
            continue
        boxes.append(found.bbox)
        out.items.append(_table(found, chars, page.page_number, path, limits))

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x < b[2] and b[1] <= y < b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    words = text_page.extract_words(return_chars=True, use_text_flow=False, keep_blank_chars=False)
    out.items.extend(_lines(words, page.page_number))
    out.items.sort(key=lambda item: (item.top, getattr(item, "x0", 0.0)))
    return out


def _table(found, chars, page_number: int, path: str, limits: Limits) -> _Table:
    cells = found.cells
    xs = sorted({c[0] for c in cells})
    ys = sorted({c[1] for c in cells})
    x0, top, x1, bottom = found.bbox
    inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
    if len(xs) > limits.max_cells_per_row:
        raise InputError(f"{path}: page {page_number}: a table row with {len(xs)} cells, over the limit of "
                         f"{limits.max_cells_per_row}",
                         f"{path}: trang {page_number}: một hàng bảng có {len(xs)} ô, vượt giới hạn "
                         f"{limits.max_cells_per_row}")
    rows: list[list[GridCell]] = []
    for group in found.rows:
        row = []
        # the characters of this row first: each cell then looks at a few, not at the table's
        row_top, row_bottom = min(b[1] for b in group.cells if b), max(b[3] for b in group.cells if b)
        in_row = [c for c in inside if row_top <= (c["top"] + c["bottom"]) / 2 < row_bottom]
        for column, box in enumerate(group.cells, start=1):
            where = Location(page=page_number, column=column)
            if box is None:
                row.append(GridCell("", where, covered=True))
                continue
            mine = [c for c in in_row if box[0] <= (c["x0"] + c["x1"]) / 2 < box[2]
                    and box[1] <= (c["top"] + c["bottom"]) / 2 < box[3]]
            row.append(GridCell(_cell_text(mine), where, bold=_all_bold(mine),
                                row_span=max(1, sum(1 for y in ys if box[1] - _TOL < y < box[3] - _TOL)),
                                col_span=max(1, sum(1 for x in xs if box[0] - _TOL < x < box[2] - _TOL))))
        rows.append(row)
    return _Table(page_number, float(top), [*xs, float(x1)], rows)


def _cell_text(chars) -> str:
    if not chars:
        return ""
    from pdfplumber.utils import extract_text

    return clean(extract_text(chars).replace("\n", " "))


def _all_bold(chars) -> bool:
    seen = [c for c in chars if not c["text"].isspace()]
    return bool(seen) and all(_BOLD_FONT.search(c.get("fontname") or "") for c in seen)


def _lines(words, page_number: int) -> list[_Line]:
    """Words grouped into text lines (by vertical overlap), each line cut at wide gaps."""
    groups: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (w["top"] + w["bottom"]) / 2
        if groups and groups[-1][0]["top"] <= middle <= groups[-1][0]["bottom"]:
            groups[-1].append(w)
        else:
            groups.append([w])
    out = []
    for number, group in enumerate(groups, start=1):
        group.sort(key=lambda w: w["x0"])
        pieces = [[group[0]]]
        for w in group[1:]:
            prev = pieces[-1][-1]
            if w["x0"] - prev["x1"] > 2 * _size(w):  # two columns on one line
                pieces.append([w])
            else:
                pieces[-1].append(w)
        for piece in pieces:
            text = clean(" ".join(w["text"] for w in piece))
            if not text:
                continue
            chars = [c for w in piece for c in w["chars"]]
            out.append(_Line(page_number, number, min(w["top"] for w in piece), max(w["bottom"] for w in piece),
                             piece[0]["x0"], piece[-1]["x1"], text, _all_bold(chars), _size(piece[0]),
                             piece[0]["x1"] - piece[0]["x0"], alone=len(pieces) == 1))
    return out


def _size(word) -> float:
    chars = word.get("chars") or []
    return float(max((c.get("size") or 0 for c in chars), default=0) or (word["bottom"] - word["top"]))


# ---------------------------------------------------------------- running headers and footers


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _drop_running_lines(pages: list[_Page]) -> None:
    """Drop page numbers, and lines repeated at the top or bottom of the pages.

    The candidates are the first two and the last two text lines of a page (a header may
    be a page number and a running title), above or below any table."""
    with_text = [p for p in pages if p.items]
    seen: dict[tuple[str, str], int] = {}

    def edge_lines(page: _Page, where: str) -> list[_Line]:
        items = page.items if where == "top" else page.items[::-1]
        numbers: list[int] = []
        for item in items:
            if not isinstance(item, _Line) or (item.number not in numbers and len(numbers) == 2):
                break
            if item.number not in numbers:
                numbers.append(item.number)
        return [i for i in page.items if isinstance(i, _Line) and i.number in numbers]

    candidates = [(page, where, line) for page in with_text for where in ("top", "bottom")
                  for line in edge_lines(page, where)]
    for page, where, line in candidates:
        seen[(where, _masked(line.text))] = seen.get((where, _masked(line.text)), 0) + 1
    drop = set()
    for page, where, line in candidates:
        near_edge = line.bottom < 0.15 * page.height if where == "top" else line.top > 0.85 * page.height
        count = seen[(where, _masked(line.text))]
        if (near_edge and _PAGE_NUMBER.match(line.text)) or (count >= 2 and count * 2 >= len(with_text)):
            drop.add(id(line))
    for page in with_text:
        page.items = [i for i in page.items if id(i) not in drop]


# ---------------------------------------------------------------- the document


def _assemble(pages: list[_Page], path: str, limits: Limits) -> list[Paragraph | Grid]:
    right_edge: dict[float, float] = {}  # page width -> right edge of the text
    for page in pages:
        for item in page.items:
            if isinstance(item, _Line) and item.alone:
                key = round(page.width)
                right_edge[key] = max(right_edge.get(key, 0.0), item.x1)

    blocks: list[Paragraph | Grid] = []
    tables = 0
    cells_total = 0
    open_grid: tuple[Grid, _Table] | None = None  # the table that ended the previous page
    lines: list[_Line] = []  # the paragraph being gathered
    rows_in_grid = 0

    def flush_paragraph():
        nonlocal lines
        if lines:
            first = lines[0]
            blocks.append(Paragraph(clean(" ".join(line.text for line in lines)),
                                    Location(page=first.page, line=first.number, block=len(blocks)),
                                    bold=all(line.bold for line in lines)))
            if len(blocks) > limits.max_paragraphs:
                raise InputError(f"{path}: more than {limits.max_paragraphs} paragraphs, over the limit",
                                 f"{path}: hơn {limits.max_paragraphs} đoạn văn, vượt giới hạn")
            lines = []

    for page in pages:
        right = right_edge.get(round(page.width), page.width)
        for position, item in enumerate(page.items):
            if isinstance(item, _Table):
                flush_paragraph()
                continued = (open_grid is not None and position == 0 and open_grid[1].page == item.page - 1
                             and _same_columns(open_grid[1].columns, item.columns))
                if continued:
                    grid = open_grid[0]
                    grid.rows.append([])  # the page break
                else:
                    tables += 1
                    grid = Grid([], Location(page=item.page, table=tables, block=len(blocks)), "pdf")
                    blocks.append(grid)
                    rows_in_grid = 0
                for row in item.rows:
                    rows_in_grid += 1
                    if rows_in_grid > limits.max_table_rows:
                        raise InputError(f"{path}: a table with more than {limits.max_table_rows} rows, over the limit",
                                         f"{path}: một bảng có hơn {limits.max_table_rows} hàng, vượt giới hạn")
                    cells_total += len(row)
                    if cells_total > limits.max_cells:
                        raise InputError(f"{path}: more than {limits.max_cells} table cells, over the limit",
                                         f"{path}: hơn {limits.max_cells} ô bảng, vượt giới hạn")
                    grid.rows.append([_placed(c, grid.location, rows_in_grid) for c in row])
                item.rows = []
                open_grid = (grid, item) if position == len(page.items) - 1 else None
                continue
            open_grid = None
            if lines and _continues(lines[-1], item, right):
                lines.append(item)
            else:
                flush_paragraph()
                lines.append(item)
        if page.items and isinstance(page.items[-1], _Line):
            open_grid = None
    flush_paragraph()
    return blocks


def _placed(cell: GridCell, where: Location, row: int) -> GridCell:
    loc = cell.location
    cell.location = Location(page=loc.page, table=where.table, row=row, column=loc.column, block=where.block)
    return cell


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= _TOL for x, y in zip(a, b))


def _continues(prev: _Line, line: _Line, right: float) -> bool:
    """Whether ``line`` carries on the paragraph whose last line is ``prev``."""
    if not (prev.alone and line.alone) or prev.bold != line.bold or abs(prev.size - line.size) > 0.5:
        return False
    full = prev.x1 + 0.3 * prev.size + line.first_word > right + _TOL  # the next word would not have fitted
    if not full or line.x0 > prev.x0 + 1.5 * line.size:
        return False
    if line.page == prev.page:
        return 0 < line.top - prev.top <= 1.8 * max(prev.size, line.size)
    return line.page == prev.page + 1  # a paragraph that runs onto the next page
