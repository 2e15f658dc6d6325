"""Word documents (.docx): the paragraphs and tables of the main document part, in order.

The part ``word/document.xml`` is parsed whole when it is small (a plan's is a few hundred
kB), else as a stream (lxml ``iterparse``), each body paragraph or table turned into a block
as soon as it is complete, then released: memory stays bounded by the limits (paragraphs,
characters, cells) however large the part is.
Opening the whole package with python-docx would cost ten times as much and holds every
part in memory.

Locations follow python-docx, so that a finding can be found again (and annotated) with
it: ``paragraph`` is the 1-based index in ``Document.paragraphs`` (body paragraphs, empty
ones counted), ``table`` the 1-based index in ``Document.tables``, ``row`` the 1-based
``w:tr`` and ``column`` the 1-based column of the table grid (``Table.cell(row, column)``).

Merged cells are expanded once, here: a cell spanning columns (``gridSpan``) or rows
(``vMerge``) sits in its first slot with its spans; the slots it covers are ``covered``.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree  # (this module is imported on the first Word or Excel file read, not before)

from ..errors import InputError
from ..limits import DEFAULT, Limits, exceeded
from ..model import Block, Grid, GridCell, Location, Paragraph
from .text import cell_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY, _P, _TBL, _TR, _TC, _SDT = _W + "body", _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "sdt"


def check_zip(data: bytes, path: str, limits: Limits = DEFAULT) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{path}: corrupt or truncated zip container ({exc})",
                         f"{path}: tệp nén bị hỏng hoặc không đầy đủ ({exc})") from None
    if len(infos) > limits.max_zip_entries:
        raise InputError(f"{path}: too many entries in the container ({len(infos)} > {limits.max_zip_entries}): "
                         f"over the limit max-zip-entries",
                         f"{path}: tệp chứa quá nhiều thành phần ({len(infos)} > {limits.max_zip_entries}): "
                         "vượt giới hạn max-zip-entries")
    total = sum(i.file_size for i in infos)
    if total > limits.max_zip_bytes:
        raise InputError(f"{path}: container expands to {total // 2**20} MiB, over the "
                         f"{limits.max_zip_bytes // 2**20} MiB limit (max-zip-bytes)",
                         f"{path}: tệp giải nén ra {total // 2**20} MiB, vượt giới hạn "
                         f"{limits.max_zip_bytes // 2**20} MiB (max-zip-bytes)")
    return zf


class _Budget:
    """Counts what a document expands to and stops at the first limit exceeded."""

    def __init__(self, path: str, limits: Limits):
        self.path, self.limits = path, limits
        self.paragraphs = self.chars = self.cells = 0

    def paragraph(self, text: str) -> None:
        self.paragraphs += 1
        self.chars += len(text)
        if self.paragraphs > self.limits.max_paragraphs:
            raise exceeded(self.path, "max_paragraphs", self.limits)
        self._check_chars()

    def cell(self, text: str, n: int = 1) -> None:
        self.cells += n
        self.chars += len(text)
        if self.cells > self.limits.max_cells:
            raise exceeded(self.path, "max_cells", self.limits)
        self._check_chars()

    def _check_chars(self) -> None:
        if self.chars > self.limits.max_chars:
            raise exceeded(self.path, "max_chars", self.limits)

    def check_chars(self, more: int) -> None:
        """Refuse, before it is built, a text of ``more`` characters that would pass the limit."""
        if self.chars + more > self.limits.max_chars:
            raise exceeded(self.path, "max_chars", self.limits)


SMALL_PART = 4 << 20  # a document part this small is parsed whole; a larger one is streamed


def docx_blocks(data: bytes, path: str, limits: Limits = DEFAULT) -> list[Block]:
    zf = check_zip(data, path, limits)
    budget = _Budget(path, limits)
    blocks: list[Block] = []
    counters = {"paragraph": 0, "table": 0}
    try:
        info = zf.getinfo("word/document.xml")
    except KeyError:
        raise InputError(f"{path}: not a readable Word document (no word/document.xml)",
                         f"{path}: không đọc được tệp Word (thiếu word/document.xml)") from None
    options = dict(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    body_seen = False
    try:
        lists = _lists(zf, options, limits)
        counters["lists"] = lists
        if info.file_size <= SMALL_PART:
            # a plan's part (a few hundred kB): parsed whole in C, twice as fast as streamed
            root = etree.fromstring(zf.read(info), etree.XMLParser(**options), base_url=info.filename)
            for body in root.iter(_BODY):  # (one, under the root: Word writes no other)
                body_seen = True
                for el in body:
                    _block(el, counters, blocks, budget, path, limits)
        else:
            # only the elements read are reported (lxml builds the rest of the tree in C): the
            # body, and paragraphs, tables and content controls - of which only the body's own
            # children are read, each when it is complete (the others belong to one of them),
            # then released: memory stays bounded by the limits however large the part is
            parser = etree.iterparse(zf.open(info), events=("end",), tag=(_BODY, _P, _TBL, _SDT), **options)
            for _, el in parser:
                if el.tag == _BODY:
                    body_seen = True
                    continue
                parent = el.getparent()
                if parent is None or parent.tag != _BODY:
                    continue
                _block(el, counters, blocks, budget, path, limits)  # a direct child of the body is complete
                el.clear()
                while el.getprevious() is not None:
                    del parent[0]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - lxml raises many kinds on bad files
        raise InputError(f"{path}: not a readable Word document ({type(exc).__name__}: {exc})",
                         f"{path}: không đọc được tệp Word ({type(exc).__name__}: {exc})") from None
    if not body_seen:
        raise InputError(f"{path}: not a readable Word document (the document has no body)",
                         f"{path}: không đọc được tệp Word (văn bản không có phần thân)")
    return blocks


def _block(el, counters: dict, blocks: list[Block], budget: _Budget, path: str, limits: Limits) -> None:
    """A child of the body: a paragraph, a table or a content control."""
    if el.tag == _P:
        counters["paragraph"] += 1
        _paragraph(el, counters["paragraph"], blocks, budget, counters.get("lists"))
    elif el.tag == _TBL:
        counters["table"] += 1
        _table(el, counters["table"], blocks, budget, path, limits)
    elif el.tag == _SDT:  # a content control: read what it holds (python-docx does not count it)
        for child in el.iter(_P, _TBL):
            if child.tag == _P and child.getparent() is not None and child.getparent().tag.endswith("sdtContent"):
                _paragraph(child, None, blocks, budget)


def _lists(zf, options: dict, limits: Limits):
    """Word's list definitions (None when the package has none, or they are too large to read)."""
    from .wordlists import WordLists

    for name in ("word/numbering.xml", "word/styles.xml"):
        if name in zf.namelist() and zf.getinfo(name).file_size > SMALL_PART:
            return None  # (a list part this large is no plan's: its numbers are not drawn)
    lists = WordLists(zf, lambda data: etree.fromstring(data, etree.XMLParser(**options)))
    return lists or None


def _paragraph(p, number: int | None, blocks: list[Block], budget: _Budget, lists=None) -> None:
    raw = _text(p)
    if not raw.strip():
        return
    indent = None
    if lists is not None:
        drawn = lists.marker(p.find(_PPR))
        if drawn:
            raw = f"{drawn[0]} {raw.lstrip()}"  # the number Word draws before the text, as it is printed
            indent = drawn[1]
    budget.paragraph(raw)
    bold = _all_bold(p)
    for part in raw.split("\n"):
        text, _ = cell_text(part)
        if text:
            blocks.append(Paragraph(text, Location(paragraph=number, block=len(blocks)), bold, indent=indent))
            indent = None  # (the lines after a line break are not the item's marker line)


def _table(tbl, number: int, blocks: list[Block], budget: _Budget, path: str, limits: Limits) -> None:
    block = len(blocks)
    grid_cols = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
    trs = tbl.findall(_TR)
    if len(trs) > limits.max_table_rows:
        raise exceeded(path, "max_table_rows", limits, (f"table {number}", f"bảng {number}"))
    rows: list[list[GridCell]] = []
    width = grid_cols
    max_row = limits.max_cells_per_row
    # the cell each vertical merge continues, per column: the nearest cell above that is not
    # covered (a row too short to reach the column ends the search), kept row by row so that
    # a chain of continuations costs one step each, not a walk up the table
    anchors: list[GridCell | None] = []
    for r, tr in enumerate(trs, start=1):
        row: list[GridCell] = []
        trpr = tr.find(_TRPR)
        before = _int_val(trpr.find(_GRIDBEFORE), 0) if trpr is not None else 0
        for _ in range(min(before, max_row)):
            row.append(GridCell("", Location(table=number, row=r, column=len(row) + 1, block=block)))
        for tc in tr.iterchildren(_TC):
            span_el, merge, paragraphs, all_bold = _cell_scan(tc, budget)
            span = _int_val(span_el, 1)
            if span > max_row:  # a span no table has: refused, never expanded
                raise exceeded(path, "max_cells_per_row", limits, _where(number, r))
            continued = merge is not None and merge.get(_VAL, "continue") == "continue"
            col = len(row)
            # a span is bounded by the table's grid (or the row limit), whatever the file says
            span = max(1, min(span, (grid_cols or max_row) - col))
            if col + span > max_row:
                raise exceeded(path, "max_cells_per_row", limits, _where(number, r))
            loc = Location(table=number, row=r, column=col + 1, block=block)
            if continued:
                cell = GridCell("", loc, covered=True)
                above = anchors[col] if col < len(anchors) else None
                if above is not None:
                    above.row_span += 1
            else:
                text, marked = cell_text(" ".join(paragraphs))
                cell = GridCell(text, loc, bold=bool(text) and (marked or all_bold), col_span=span,
                                parts=tuple(cell_text(p)[0] for p in paragraphs) if len(paragraphs) > 1 else ())
            budget.cell(cell.text, span)
            row.append(cell)
            for k in range(1, span):
                row.append(GridCell("", Location(table=number, row=r, column=col + k + 1, block=block),
                                    covered=True))
        width = max(width, len(row))
        rows.append(row)
        del anchors[len(row):]
        anchors.extend([None] * (len(row) - len(anchors)))
        for c, cell in enumerate(row):
            if not cell.covered:
                anchors[c] = cell
    for r, row in enumerate(rows, start=1):  # a rectangular grid: rows short of the grid get empty slots
        while len(row) < width:
            row.append(GridCell("", Location(table=number, row=r, column=len(row) + 1, block=block)))
    blocks.append(Grid(rows, Location(table=number, row=1, column=1, block=block), "docx"))


def _where(table: int, row: int) -> tuple[str, str]:
    return f"table {table}, row {row}", f"bảng {table}, hàng {row}"


def _int_val(el, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_W + "val", str(default)))
    except ValueError:
        return default


_T, _TAB, _BR, _CR, _NBH, _R = (_W + "t", _W + "tab", _W + "br", _W + "cr", _W + "noBreakHyphen", _W + "r")
_TEXT_TAGS = (_T, _TAB, _BR, _CR, _NBH)
_RUN_BOLD = f"{_W}rPr/{_W}b"
_VAL = _W + "val"
_NOT_BOLD = ("0", "false", "off")


def _text(p) -> str:
    """A paragraph's text: runs' text, tabs as spaces, line breaks as new lines."""
    out = []
    for el in p.iter(_TEXT_TAGS):
        tag = el.tag
        if tag == _T:
            out.append(el.text or "")
        elif tag == _TAB:
            out.append(" ")
        elif tag == _NBH:
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


_TCPR, _GRIDSPAN, _VMERGE = _W + "tcPr", _W + "gridSpan", _W + "vMerge"
_TRPR, _GRIDBEFORE = _W + "trPr", _W + "gridBefore"
_PIECES = {_T: None, _TAB: " ", _NBH: "-", _BR: "\n", _CR: "\n"}  # what each text element adds (a w:t its text)


_PPR, _RPR, _B = _W + "pPr", _W + "rPr", _W + "b"
_HELD = (*_PIECES, _R, _P)  # what properties never hold (a file may)
_HELD_TAGS = frozenset(_HELD)


def _cell_scan(tc, budget: "_Budget | None" = None) -> tuple:
    """What a table cell says: its ``gridSpan`` and ``vMerge`` (children of its first
    ``tcPr``), its paragraphs (``_cell_paragraphs``) and whether all its runs with text are
    bold (``_all_bold``) - the same values as looking each up, at a fraction of the cost.
    Most cells are paragraphs of plain runs: read child by child (``_plain_cell``); any
    other (a nested table, a hyperlink, a text box...) by a walk over all its elements."""
    plain = _plain_cell(tc)
    return plain if plain is not None else _cell_walk(tc, budget)


def _plain_cell(tc) -> tuple | None:
    """``_cell_scan`` of a cell made of properties, paragraphs and empty marks (bookmarks,
    proofing marks), its paragraphs of properties, runs and empty marks, its runs of
    properties and elements without children; None for a cell of any other shape, and for
    a malformed one (text, runs or paragraphs inside cell or run properties, elements inside
    a text), which the walk reads as it always has. Tab stops in a paragraph's properties
    (``w:tabs/w:tab``) are spaces, as ``_text`` reads them. (lxml's ``find`` with a path
    costs more than this whole loop: not used.)"""
    span = merge = None
    props_seen = False
    paragraphs: list[str] = []
    runs = 0
    all_bold = True
    for child in tc:
        tag = child.tag
        if tag == _P:
            pieces: list[str] = []
            for part in child:
                ptag = part.tag
                if ptag == _R:
                    text: list[str] = []
                    bold = None  # the first w:b of the run's properties (rPr/b), as find gives it
                    for el in part:
                        rtag = el.tag
                        if rtag == _T:
                            if len(el):
                                return None  # (malformed: elements inside a text)
                            piece = el.text or ""
                            text.append(piece)
                            pieces.append(piece)
                        elif rtag == _RPR:
                            for prop in el:
                                if prop.tag == _B:
                                    if bold is None:
                                        bold = prop.get(_VAL) not in _NOT_BOLD
                                elif prop.tag in _HELD_TAGS:
                                    return None  # (malformed: text or runs inside properties)
                                if len(prop) and next(prop.iter(_HELD), None) is not None:
                                    return None
                        elif rtag in _PIECES:
                            if len(el):
                                return None
                            pieces.append(_PIECES[rtag])
                        elif len(el):
                            return None  # a drawing, a text box, a field's data...
                    if all_bold and "".join(text).strip():
                        if not bold:
                            all_bold = False
                        runs += 1
                elif ptag == _PPR:
                    if len(part):
                        for el in part.iter(_HELD):  # tab stops (w:tabs/w:tab): spaces, as _text reads them
                            rtag = el.tag
                            if rtag == _R or rtag == _P:
                                return None
                            pieces.append(el.text or "" if rtag == _T else _PIECES[rtag])
                elif ptag in _PIECES or ptag == _P or len(part):
                    return None  # a hyperlink, an insertion, a field, a content control...
            paragraphs.append("".join(pieces))
        elif tag == _TCPR:
            first = not props_seen
            props_seen = True
            for el in child:
                ptag = el.tag
                if ptag in _HELD_TAGS or (len(el) and next(el.iter(_HELD), None) is not None):
                    return None  # (malformed: paragraphs, runs or text inside the properties)
                if not first:
                    continue
                if ptag == _GRIDSPAN:
                    if span is None:
                        span = el
                elif ptag == _VMERGE and merge is None:
                    merge = el
        elif tag in _PIECES or tag == _R or len(child):
            return None  # a nested table, a content control...
    texts = [t for t in (p.replace("\n", " ").strip() for p in paragraphs) if t]
    return span, merge, texts, all_bold and runs > 0


def _cell_walk(tc, budget: "_Budget | None" = None) -> tuple:
    """``_cell_scan`` of a cell of any shape, in one walk over its elements.

    Each piece of text is kept once, in document order; a paragraph or a run is the range of
    pieces between its start and its end. A paragraph inside another (a malformed file may
    nest them hundreds deep) shares its pieces instead of copying them, and the length of
    the paragraphs' texts is counted against the character limit before any is joined."""
    props = span = merge = None
    depth = 0
    pieces: list[str] = []  # every piece of text, in document order
    blank_before: list[int] = [0]  # per piece: how many text pieces with a non-blank character precede it
    chars_before: list[int] = [0]  # per piece: the characters of the pieces before it
    paragraphs: list[list[int]] = []  # [first piece, end] of each paragraph, in the order they start
    open_p: list[int] = []  # the paragraphs open at this point
    open_r: list[int] = []  # the first piece of each run open at this point
    runs = 0
    all_bold = True
    for event, el in etree.iterwalk(tc, events=("start", "end")):
        tag = el.tag
        if event == "start":
            depth += 1
            if tag == _P:
                paragraphs.append([len(pieces), -1])
                open_p.append(len(paragraphs) - 1)
            elif tag == _R:
                open_r.append(len(pieces))
            elif tag in _PIECES:
                piece = _PIECES[tag]
                text = piece is None
                if text:
                    piece = el.text or ""
                if not open_p and not (text and open_r):
                    continue  # in no paragraph and no run: read by neither
                pieces.append(piece)
                blank_before.append(blank_before[-1] + (1 if text and open_r and piece.strip() else 0))
                chars_before.append(chars_before[-1] + len(piece))
            elif depth == 2 and tag == _TCPR and props is None:
                props = el
            elif depth == 3 and props is not None and el.getparent() is props:
                if tag == _GRIDSPAN and span is None:
                    span = el
                elif tag == _VMERGE and merge is None:
                    merge = el
            continue
        depth -= 1
        if tag == _P:
            paragraphs[open_p.pop()][1] = len(pieces)
        elif tag == _R:
            first = open_r.pop()
            if all_bold and blank_before[len(pieces)] > blank_before[first]:
                b = el.find(_RUN_BOLD)
                if b is None or b.get(_VAL) in _NOT_BOLD:
                    all_bold = False
                runs += 1
    if budget is not None:
        total = sum(chars_before[end] - chars_before[first] for first, end in paragraphs)
        budget.check_chars(total)
    texts = [t for t in ("".join(pieces[first:end]).replace("\n", " ").strip() for first, end in paragraphs) if t]
    return span, merge, texts, all_bold and runs > 0


def _cell_paragraphs(tc) -> list[str]:
    """The non-empty paragraphs of a table cell."""
    parts = []
    for p in tc.iter(_P):
        text = _text(p).replace("\n", " ").strip()
        if text:
            parts.append(text)
    return parts


def _all_bold(element) -> bool:
    """True when every run with text under ``element`` is bold (and there is one)."""
    seen = False
    for r in element.iter(_R):
        if not "".join(t.text or "" for t in r.iter(_T)).strip():
            continue
        b = r.find(_RUN_BOLD)
        if b is None or b.get(_VAL) in _NOT_BOLD:
            return False
        seen = True
    return seen
