"""Reading files: content sniffing and dispatch to the reader of each format.

The format is decided by content, never by the file name alone: a zip container holding
``word/document.xml`` is a Word document, one holding ``xl/workbook.xml`` a workbook;
text starting with ``{``/``[`` is JSON; text whose first line is a header of known
columns is CSV or YAML plan data; any other text is a document.

Documents (text, Word, workbooks) become blocks of the one reading model: paragraphs and
grids of cells, each with its location (:mod:`plancheck.model`). Structured submissions
(CSV, JSON, YAML: one record per indicator) become a raw table for validation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EmptyInput, InputError
from ..limits import DEFAULT, Limits, as_limits, exceeded
from ..model import Block
from .text import decode, split_lines, text_blocks

DEFAULT_MAX_BYTES = DEFAULT.max_bytes


@dataclass
class RawInput:
    path: str
    kind: str  # document | structured
    layout: str | None = None  # text | docx | xlsx | csv | json | yaml
    blocks: list[Block] | None = None
    lines: list[str] | None = None
    frame: object | None = None  # the raw table of a structured submission (a plancheck.frame.Frame)
    notes: list | None = None  # (English, Vietnamese) of what was not read (hidden sheets)


def read_path(path: str, limits=None, label: str | None = None) -> RawInput:
    """Read the file at ``path`` under ``limits`` (``Limits``, a size limit in bytes, or None
    for the limits in force).

    The size limit is counted on the bytes actually read, whatever ``stat`` says: a device
    (``/dev/zero``), a pipe (``/dev/stdin``, ``<(...)``) or a file that grows while it is
    read stops at the limit. A missing path or a folder that cannot be listed is a one-line
    error like any unreadable file. ``label`` names the file in messages (the path itself
    by default).
    """
    import os
    import stat

    source, path = path, label or path
    max_bytes = as_limits(limits).max_bytes
    try:
        st = os.stat(source)
        if stat.S_ISDIR(st.st_mode):
            os.listdir(source)  # a folder reaches here only when it could not be listed: say why
            raise InputError(f"{path}: is a folder", f"{path}: là một thư mục")
        data = bounded_read(source, max_bytes, path)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder",
                         f"{path}: không tìm thấy tệp hoặc thư mục (kiểm tra lại đường dẫn)") from None
    except OSError as exc:
        from ..errors import os_reason

        what = "folder" if os.path.isdir(source) else "file"
        en, vi = os_reason(exc)
        raise InputError(f"{path}: cannot read this {what} ({en})",
                         f"{path}: không đọc được {'thư mục' if what == 'folder' else 'tệp'} này ({vi})") from None
    return read_bytes(data, path, as_limits(limits))


def bounded_read(source: str, max_bytes: int, label: str | None = None) -> bytes:
    """The bytes of the file ``source``, up to ``max_bytes`` counted as they are read (a
    device such as ``/dev/zero`` or a pipe stops there too): an input error naming the file
    (``label``) past it, an ``OSError`` as it comes. Every file plancheck reads goes through
    it: plans, suites, baselines, configuration files, annotate's input."""
    import os
    import stat

    path = label or source
    try:
        regular = stat.S_ISREG(os.stat(source).st_mode)
    except OSError:
        regular = True  # (open says why)
    if not regular:  # a pipe or a device: opened without waiting for a writer, read under the time budget
        return _bounded_stream(source, max_bytes, path)
    with open(source, "rb") as fh:
        st = os.fstat(fh.fileno())
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise InputError(f"{path}: {st.st_size // 2**20} MiB is over the size limit of {max_bytes // 2**20} MiB "
                             "(raise it with --max-size)",
                             f"{path}: {st.st_size // 2**20} MiB vượt quá giới hạn dung lượng "
                             f"{max_bytes // 2**20} MiB (có thể nâng bằng --max-size)")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = fh.read(min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > max_bytes:
        raise InputError(f"{path}: over the size limit of {max_bytes // 2**20} MiB (raise it with --max-size)",
                         f"{path}: vượt quá giới hạn dung lượng {max_bytes // 2**20} MiB (có thể nâng bằng --max-size)")
    return b"".join(chunks)


def _bounded_stream(source: str, max_bytes: int, path: str) -> bytes:
    """A pipe's or a device's bytes, up to ``max_bytes``, within the time budget
    (``max-seconds``): a pipe no one writes to, or one that stalls, is an input error, even
    where no worker watches the time (a suite, a baseline, annotate's input)."""
    import os
    import select
    import time

    from ..limits import current

    seconds = current().max_seconds
    deadline = time.monotonic() + seconds
    fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    try:
        chunks, total = [], 0
        while total <= max_bytes:
            left = deadline - time.monotonic()
            ready = select.select([fd], [], [], max(0.0, left))[0] if left > 0 else []
            if not ready:
                raise InputError(f"{path}: nothing more could be read from it within {seconds:g} s (a pipe that no "
                                 "one writes to?): over the time limit max-seconds",
                                 f"{path}: không đọc thêm được gì trong {seconds:g} giây (một đường ống không có "
                                 "nơi ghi vào?): vượt giới hạn thời gian max-seconds")
            try:
                chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InputError(f"{path}: over the size limit of {max_bytes // 2**20} MiB (raise it with --max-size)",
                         f"{path}: vượt quá giới hạn dung lượng {max_bytes // 2**20} MiB (có thể nâng bằng --max-size)")
    return b"".join(chunks)


def read_bytes(data: bytes, path: str, limits: Limits | None = None) -> RawInput:
    limits = as_limits(limits)
    if not data.strip():
        raise EmptyInput(f"{path}: empty file", f"{path}: tệp rỗng")
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, path, limits)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        from .legacy import doc_to_docx, ole_kind

        if ole_kind(data) == "doc":  # converted by LibreOffice, then read as any Word document
            from .docx import docx_blocks

            return RawInput(path, "document", "docx", blocks=docx_blocks(doc_to_docx(data, path), path, limits))
        raise InputError(f"{path}: legacy binary Excel file (.xls); open it in Excel and save it as .xlsx "
                         "(File > Save As > Excel Workbook)",
                         f"{path}: tệp Excel định dạng cũ (.xls); hãy mở bằng Excel và lưu lại thành .xlsx "
                         "(Tệp > Lưu thành > Excel Workbook)")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":  # Rich Text (Word's "Save as RTF", often named .doc)
        from .docx import docx_blocks
        from .legacy import rtf_to_docx

        return RawInput(path, "document", "docx", blocks=docx_blocks(rtf_to_docx(data, path), path, limits))
    if data[:5] == b"%PDF-":
        from ..gcpause import resumed_gc
        from .pdf import pdf_blocks

        with resumed_gc():  # pdfplumber's objects hold cycles
            return RawInput(path, "document", "pdf", blocks=pdf_blocks(data, path, limits))
    text = decode(data, path)
    if len(text) > limits.max_chars:
        raise exceeded(path, "max_chars", limits)
    stripped = text.lstrip("\ufeff \t\r\n")
    suffix = Path(path).suffix.lower()
    from . import structured

    from ..gcpause import paused_gc

    with paused_gc():  # a submission's rows hold no reference cycles
        if stripped[:1] in ("{", "["):
            return RawInput(path, "structured", "json",
                            frame=structured.read_json_yaml(data, path, "json", limits=limits))
        head = _head_lines(stripped, 52)
        first = head[0] if head else ""
        if suffix in (".yaml", ".yml") or re.match(r"^(?:indicators|targets|rows)\s*:\s*$", first):
            return RawInput(path, "structured", "yaml",
                            frame=structured.read_json_yaml(data, path, "yaml", limits=limits))
        if _looks_like_csv(first, head[1:51]):
            return RawInput(path, "structured", "csv",
                            frame=structured.read_csv(data, path, limits=limits, text=text))
    lines = split_lines(text)
    from .onecell import rebuild
    from .wrapped import join_wrapped

    blocks = join_wrapped(rebuild(text_blocks(lines, path, limits), lines), lines)
    _check_table_rows(blocks, path, limits)
    return RawInput(path, "document", "text", blocks=blocks, lines=lines)


def _check_table_rows(blocks: list[Block], path: str, limits: Limits) -> None:
    """The row limit of a text document's tables (tab or pipe rows, and a table flattened one
    cell per line, whose rows exist only once it is rebuilt)."""
    from ..model import Grid

    for b in blocks:
        if isinstance(b, Grid) and sum(1 for row in b.rows if row) > limits.max_table_rows:
            line = b.location.line
            where = (f"table at line {line}", f"bảng ở dòng {line}") if line else None
            raise exceeded(path, "max_table_rows", limits, where)


def _head_lines(text: str, n: int) -> list[str]:
    """The first ``n`` lines of ``text`` as ``text.splitlines()`` gives them, without
    splitting the whole text when a prefix holds more than ``n`` lines."""
    size = 1 << 16
    while size < len(text):
        lines = text[:size].splitlines()
        if len(lines) > n:  # the first n lines are complete: a later line may be cut
            return lines[:n]
        size <<= 2
    return text.splitlines()[:n]


def _looks_like_csv(first_line: str, following: list[str] = ()) -> bool:
    """A header of short column titles, three of them known, over rows of records (see
    :mod:`.sniff`): a prose list flattened onto one line with commas is a document."""
    from .sniff import looks_like_csv

    if looks_like_csv(first_line, following):
        return True
    # column names with a milestone year among them ("Indicator name,Units,Target 2025"): a
    # submission, read as one (and refused with its columns named if it lacks an indicator
    # column), never read as prose
    from .structured import header_role

    for delim in (",", ";", "\t"):
        cells = [c.strip().strip('"').strip() for c in first_line.split(delim)]
        named = [c for c in cells if c]
        if len(named) < 3:
            continue
        roles = [header_role(c) for c in named]
        years = sum(1 for r in roles if r and r.startswith("y"))
        if 0 < years < len(named) and all(_column_name(c) for c in named):
            return True
    return False


def _column_name(cell: str) -> bool:
    """Reads as a column name: a few words, no number but a year, no sentence punctuation."""
    return (len(cell) <= 40 and len(cell.split()) <= 5 and not re.search(r"\d", re.sub(r"\b20[2-5]\d\b", "", cell))
            and not re.search(r"[.!?:;]$", cell))


def _read_zip(data: bytes, path: str, limits: Limits) -> RawInput:
    from .docx import check_zip

    zf = check_zip(data, path, limits)
    names = set(zf.namelist())
    if "word/document.xml" in names:
        from .docx import docx_blocks

        return RawInput(path, "document", "docx", blocks=docx_blocks(data, path, limits))
    if "xl/workbook.xml" in names:
        from ..gcpause import resumed_gc
        from .xlsx import xlsx_blocks

        notes: list = []
        with resumed_gc():  # openpyxl's objects hold cycles
            return RawInput(path, "document", "xlsx", blocks=xlsx_blocks(data, path, limits, notes), notes=notes)
    raise InputError(f"{path}: a zip container that is neither a .docx nor an .xlsx",
                     f"{path}: tệp nén không phải .docx hay .xlsx")


SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".doc", ".pdf", ".csv", ".xlsx", ".json", ".yaml", ".yml")
