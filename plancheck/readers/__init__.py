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

from ..errors import InputError
from ..limits import DEFAULT, Limits
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
    frame: object | None = None  # pandas DataFrame for structured submissions


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits = DEFAULT) -> RawInput:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size // 2**20} MiB is over the size limit of {max_bytes // 2**20} MiB "
                             "(raise it with --max-size)",
                             f"{path}: {size // 2**20} MiB, vượt giới hạn {max_bytes // 2**20} MiB "
                             "(có thể nâng bằng --max-size)")
        data = p.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})",
                         f"{path}: không đọc được tệp ({exc.strerror or exc})") from None
    return read_bytes(data, path, limits)


def read_bytes(data: bytes, path: str, limits: Limits = DEFAULT) -> RawInput:
    if not data.strip():
        raise InputError(f"{path}: empty file", f"{path}: tệp rỗng")
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, path, limits)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(f"{path}: legacy binary Word/Excel file (.doc/.xls); save it as .docx or .xlsx",
                         f"{path}: tệp Word/Excel định dạng cũ (.doc/.xls); hãy lưu lại thành .docx hoặc .xlsx "
                         "(Tệp > Lưu thành)")
    if data[:5] == b"%PDF-":
        raise InputError(f"{path}: PDF files are not read; convert it to text or .docx first",
                         f"{path}: chưa đọc được tệp PDF; hãy chuyển sang .docx hoặc văn bản trước")
    text = decode(data, path)
    if len(text) > limits.max_chars:
        raise InputError(f"{path}: {len(text)} characters, over the limit of {limits.max_chars} for one document",
                         f"{path}: {len(text)} ký tự, vượt giới hạn {limits.max_chars} cho một văn bản")
    stripped = text.lstrip("\ufeff \t\r\n")
    suffix = Path(path).suffix.lower()
    from . import structured

    if stripped[:1] in ("{", "["):
        return RawInput(path, "structured", "json", frame=structured.read_json_yaml(data, path, "json"))
    first = stripped.splitlines()[0] if stripped else ""
    if suffix in (".yaml", ".yml") or re.match(r"^(?:indicators|targets|rows)\s*:\s*$", first):
        return RawInput(path, "structured", "yaml", frame=structured.read_json_yaml(data, path, "yaml"))
    if _looks_like_csv(first):
        return RawInput(path, "structured", "csv", frame=structured.read_csv(data, path))
    lines = split_lines(text)
    from .onecell import rebuild

    blocks = rebuild(text_blocks(lines, path, limits), lines)
    return RawInput(path, "document", "text", blocks=blocks, lines=lines)


def _looks_like_csv(first_line: str) -> bool:
    """A header of short column titles, three of them known (see :mod:`.sniff`): a prose
    list flattened onto one line with commas is a document."""
    from .sniff import looks_like_csv

    return looks_like_csv(first_line)


def _read_zip(data: bytes, path: str, limits: Limits) -> RawInput:
    from .docx import check_zip

    zf = check_zip(data, path, limits)
    names = set(zf.namelist())
    if "word/document.xml" in names:
        from .docx import docx_blocks

        return RawInput(path, "document", "docx", blocks=docx_blocks(data, path, limits))
    if "xl/workbook.xml" in names:
        from .xlsx import xlsx_blocks

        return RawInput(path, "document", "xlsx", blocks=xlsx_blocks(data, path, limits))
    raise InputError(f"{path}: a zip container that is neither a .docx nor an .xlsx",
                     f"{path}: tệp nén không phải .docx hay .xlsx")


SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".csv", ".xlsx", ".json", ".yaml", ".yml")
