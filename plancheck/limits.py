"""What one input may expand to: the limits every reader enforces, in one place.

A small file can expand enormously (a Word cell spanning a hundred million columns, a zip
of tiny paragraphs, YAML aliases, a sheet of a million rows). Each reader checks these
limits while it reads, so memory and time stay bounded whatever the file; exceeding one is
a one-line input error naming the file and the limit (``exceeded``). The defaults are
documented in the README ("What plancheck does with bad input") and can be changed in the
configuration (``[tool.plancheck.limits]``, keys as below with ``-`` for ``_``).

The limits of a run travel in ``engine.Options.limits``; while a file is read they are also
"in force" (``in_force``), so a reader reached through the format sniffing finds them with
``current()`` without every call in between passing them on.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from .errors import InputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MiB  # size of one input file (--max-size), counted while reading
    max_chars: int = 20_000_000  # characters of text in one document
    max_lines: int = 500_000  # lines of one text file
    max_paragraphs: int = 200_000  # paragraphs of one document
    max_cells_per_row: int = 200  # cells (after spans) in one table row
    max_table_rows: int = 50_000  # rows of one table
    max_cells: int = 2_000_000  # cells (after spans) of one document
    max_zip_bytes: int = 200 * MiB  # uncompressed size of a .docx/.xlsx container
    max_zip_entries: int = 5_000  # entries of a .docx/.xlsx container
    max_sheet_rows: int = 100_000  # rows of one worksheet (and of a structured submission)
    max_yaml_nodes: int = 1_000_000  # nodes (keys and values) of a YAML or JSON submission, aliases expanded
    max_depth: int = 100  # levels of nesting of a YAML or JSON submission
    max_pages: int = 5_000  # pages of one PDF
    max_page_chars: int = 100_000  # characters drawn on one PDF page, counted as they are drawn
    max_page_objects: int = 50_000  # objects drawn on one PDF page: paths, images, form XObjects (each time drawn)
    max_pdf_stream_bytes: int = 200 * MiB  # bytes of PDF streams once inflated, each time one is drawn
    max_seconds: int = 60  # wall-clock time to read, extract and check one file (--timeout), in a worker

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_overrides(self, **values) -> "Limits":
        return replace(self, **values)


DEFAULT = Limits()

# what each limit counts, for the one-line refusals (en, vi)
WHAT = {
    "max_bytes": ("bytes", "byte"),
    "max_chars": ("characters", "ký tự"),
    "max_lines": ("lines", "dòng"),
    "max_paragraphs": ("paragraphs", "đoạn văn"),
    "max_cells_per_row": ("cells in one table row", "ô trong một hàng của bảng"),
    "max_table_rows": ("rows in one table", "hàng trong một bảng"),
    "max_cells": ("table cells", "ô bảng"),
    "max_zip_bytes": ("bytes once unzipped", "byte sau khi giải nén"),
    "max_zip_entries": ("entries in the zip container", "mục trong tệp nén"),
    "max_sheet_rows": ("rows", "hàng"),
    "max_yaml_nodes": ("values (aliases expanded)", "giá trị (tính cả các giá trị lặp lại qua bí danh YAML)"),
    "max_depth": ("levels of nesting", "cấp lồng nhau"),
    "max_pages": ("pages", "trang"),
    "max_page_chars": ("characters on one page", "ký tự trên một trang"),
    "max_page_objects": ("objects drawn on one page (paths, images, form XObjects)",
                         "đối tượng vẽ trên một trang (đường nét, hình ảnh, form XObject)"),
    "max_pdf_stream_bytes": ("bytes of PDF streams once inflated", "byte luồng dữ liệu PDF sau khi giải nén"),
    "max_seconds": ("seconds", "giây"),
}


def key(name: str) -> str:
    """The configuration key of a limit: ``max_yaml_nodes`` -> ``max-yaml-nodes``."""
    return name.replace("_", "-")


def exceeded(path: str, name: str, limits: Limits | None = None,
             where: tuple[str, str] | None = None) -> InputError:
    """The one-line refusal of a file that goes over the limit ``name``.

    ``where`` says, in English and Vietnamese, what went over it when that helps
    (``("sheet 'Phụ lục'", "trang tính 'Phụ lục'")``); a line goes in ``path`` (``f"{path}:12"``).
    """
    value = getattr(limits or current(), name)
    en, vi = WHAT[name]
    at, at_vi = (f" ({where[0]})", f" ({where[1]})") if where else ("", "")
    value_vi = f"{value:,}".replace(",", ".")  # Vietnamese notation: 200.000
    return InputError(
        f"{path}: more than {value:,} {en}{at}: over the limit {key(name)} "
        f"(raise it in [tool.plancheck.limits] if the file is genuine)",
        f"{path}: quá {value_vi} {vi}{at_vi}: vượt giới hạn {key(name)} "
        f"(nếu tệp đúng là như vậy, nâng giới hạn trong mục [tool.plancheck.limits] của tệp cấu hình)")


def as_limits(value: "Limits | int | None") -> Limits:
    """Limits from Limits, a bare byte limit (the older ``max_bytes`` arguments) or None."""
    if value is None:
        return current()
    if isinstance(value, Limits):
        return value
    return DEFAULT.with_overrides(max_bytes=int(value))


_CURRENT: ContextVar[Limits] = ContextVar("plancheck_limits", default=DEFAULT)


def current() -> Limits:
    """The limits in force for the file being read (the defaults outside ``in_force``)."""
    return _CURRENT.get()


def use(limits: Limits) -> None:
    """The limits in force for the rest of a command in this process: the side inputs it reads
    (suites, baselines, annotate's input) are read under the run's limits, ``--max-size`` and
    ``--timeout`` included."""
    _CURRENT.set(limits)


@contextlib.contextmanager
def in_force(limits: Limits):
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)
