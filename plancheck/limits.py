"""What one input may expand to: the limits every reader enforces, in one place.

A small file can expand enormously (a Word cell spanning a hundred million columns, a zip
of tiny paragraphs, YAML aliases, a sheet of a million rows). Each reader checks these
limits while it reads, so memory and time stay bounded whatever the file; exceeding one is
a one-line input error naming the file and the limit. The defaults are documented in the
README ("What plancheck does with bad input") and can be changed in the configuration.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MiB  # size of one input file (--max-size)
    max_chars: int = 20_000_000  # characters of text in one document
    max_lines: int = 500_000  # lines of one text file
    max_paragraphs: int = 200_000  # paragraphs of one document
    max_cells_per_row: int = 200  # cells (after spans) in one table row
    max_table_rows: int = 50_000  # rows of one table
    max_cells: int = 2_000_000  # cells (after spans) of one document
    max_zip_bytes: int = 200 * MiB  # uncompressed size of a .docx/.xlsx container
    max_zip_entries: int = 5_000  # entries of a .docx/.xlsx container
    max_sheet_rows: int = 100_000  # rows of one worksheet (and of a structured submission)
    max_yaml_nodes: int = 200_000  # nodes of a YAML or JSON submission, aliases expanded
    max_pages: int = 5_000  # pages of one PDF

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def with_overrides(self, **values) -> "Limits":
        return replace(self, **values)


DEFAULT = Limits()
