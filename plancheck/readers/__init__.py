"""Reading files: content sniffing and dispatch to the reader of each format.

The format is decided by content, never by the file name alone: a zip container holding
``word/document.xml`` is a Word document, one holding ``xl/workbook.xml`` a workbook;
text starting with ``{``/``[`` is JSON; text whose first line is a header of known
columns is CSV or YAML plan data; any other text is a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .text import Block, decode, split_lines, text_blocks

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass
class RawInput:
    path: str
    kind: str  # document | structured
    layout: str | None = None  # text | docx | csv | xlsx | json | yaml
    blocks: list[Block] | None = None
    lines: list[str] | None = None
    frame: object | None = None  # pandas DataFrame for structured submissions


def read_path(path: str, limits=None) -> RawInput:
    """Read the file at ``path`` under ``limits`` (``Limits``, a size limit in bytes, or None
    for the limits in force).

    The size limit is counted on the bytes actually read, whatever ``stat`` says: a device
    (``/dev/zero``), a pipe (``/dev/stdin``, ``<(...)``) or a file that grows while it is
    read stops at the limit. A missing path or a folder that cannot be listed is a one-line
    error like any unreadable file.
    """
    import os
    import stat

    from ..limits import as_limits

    max_bytes = as_limits(limits).max_bytes
    too_big = (f"{path}: over the size limit of {max_bytes // 2**20} MiB (raise it with --max-size)",
               f"{path}: vượt quá giới hạn dung lượng {max_bytes // 2**20} MiB (có thể nâng bằng --max-size)")
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            os.listdir(path)  # a folder reaches here only when it could not be listed: say why
            raise InputError(f"{path}: is a folder", f"{path}: là một thư mục")
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise InputError(f"{path}: {st.st_size // 2**20} MiB is over the size limit of {max_bytes // 2**20} MiB "
                             "(raise it with --max-size)",
                             f"{path}: {st.st_size // 2**20} MiB vượt quá giới hạn dung lượng "
                             f"{max_bytes // 2**20} MiB (có thể nâng bằng --max-size)")
        chunks, total = [], 0
        with open(path, "rb") as fh:
            while total <= max_bytes:
                chunk = fh.read(min(1 << 20, max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        if total > max_bytes:
            raise InputError(*too_big)
        data = b"".join(chunks)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder", f"{path}: không có tệp hoặc thư mục này") from None
    except OSError as exc:
        what = "folder" if os.path.isdir(path) else "file"
        raise InputError(f"{path}: cannot read this {what} ({exc.strerror or exc})",
                         f"{path}: không đọc được {'thư mục' if what == 'folder' else 'tệp'} này "
                         f"({exc.strerror or exc})") from None
    return read_bytes(data, path)


def read_bytes(data: bytes, path: str) -> RawInput:
    if not data.strip():
        raise InputError(f"{path}: empty file")
    if data[:4] == b"PK\x03\x04":
        return _read_zip(data, path)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(f"{path}: legacy binary Word/Excel file (.doc/.xls); save it as .docx or .xlsx")
    if data[:5] == b"%PDF-":
        raise InputError(f"{path}: PDF files are not read; convert it to text or .docx first")
    text = decode(data, path)
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
    return RawInput(path, "document", "text", blocks=text_blocks(lines, path), lines=lines)


def _looks_like_csv(first_line: str) -> bool:
    """A first line of column names: three or more cells of which three are known columns,
    or cells that all read as column names with a milestone year among them (``Indicator,
    Units,Target 2025``): such a submission is read as one, and refused with its columns
    named when it lacks an indicator column, never read as prose."""
    from .structured import header_role

    for delim in (",", ";", "\t"):
        cells = [c.strip().strip('"').strip() for c in first_line.split(delim)]
        named = [c for c in cells if c]
        if len(named) < 3:
            continue
        roles = [header_role(c) for c in named]
        if sum(1 for r in roles if r) >= 3:
            return True
        years = sum(1 for r in roles if r and r.startswith("y"))
        if 0 < years < len(named) and all(_column_name(c) for c in named):
            return True
    return False


def _column_name(cell: str) -> bool:
    """Reads as a column name: a few words, no number but a year, no sentence punctuation."""
    return (len(cell) <= 40 and len(cell.split()) <= 5 and not re.search(r"\d", re.sub(r"\b20[2-5]\d\b", "", cell))
            and not re.search(r"[.!?:;]$", cell))


def _read_zip(data: bytes, path: str) -> RawInput:
    from .docx import check_zip, docx_blocks

    zf = check_zip(data, path)
    names = set(zf.namelist())
    if "word/document.xml" in names:
        return RawInput(path, "document", "docx", blocks=docx_blocks(data, path))
    if "xl/workbook.xml" in names:
        from .structured import read_xlsx

        return RawInput(path, "structured", "xlsx", frame=read_xlsx(data, path))
    raise InputError(f"{path}: a zip container that is neither a .docx nor an .xlsx")


SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".csv", ".xlsx", ".json", ".yaml", ".yml")
