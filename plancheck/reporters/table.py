"""Plain-text tables in tabulate's "simple" format, for text cells.

``lint``'s text report is what a pre-commit hook prints, and importing tabulate (with the
wcwidth and importlib.metadata it loads) costs about 18 ms, 6 % of a one-plan run. The
report's cells are all text, so the format is short to write: columns two spaces apart,
each as wide as its widest line or its header plus two, a dashed rule under the header,
cells of several lines, trailing spaces trimmed. ``tests/test_reporters.py`` renders random
tables both ways and requires the same output; ``compare`` and ``rules`` still use tabulate.
"""

from __future__ import annotations

import unicodedata

_SEP = "  "
_MIN_PADDING = 2  # a header is at least this much narrower than its column


def width(text: str) -> int:
    """Columns a line takes on a terminal: wide (CJK) characters two; combining marks and
    invisible format characters (a left-to-right mark, a zero-width space) none."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def simple_table(rows: list[list], headers: list[str]) -> str:
    """``tabulate(rows, headers, tablefmt="simple", disable_numparse=True)`` for cells of text
    (or what prints as text: a year)."""
    texts = [["" if c is None else str(c) for c in row] for row in rows]
    multiline = any("\n" in c for row in texts for c in row)
    # on several lines, an empty cell has none (a row of empty cells takes no line); on one, one empty line
    cells = [[c.strip().splitlines() if multiline else [c.strip()] for c in row] for row in texts]
    n = len(headers)
    widths = [width(h) + _MIN_PADDING for h in headers]
    for row in cells:
        for i, lines in enumerate(row[:n]):
            widths[i] = max(widths[i], 0, *(width(line) for line in lines))
    out = [_SEP.join(_pad(h, w) for h, w in zip(headers, widths)).rstrip(),
           _SEP.join("-" * w for w in widths).rstrip()]
    for row in cells:
        row = row + [[""]] * (n - len(row))
        for k in range(max(len(lines) for lines in row)):  # the row's height
            out.append(_SEP.join(_pad(lines[k] if k < len(lines) else "", w) for lines, w in zip(row, widths)).rstrip())
    return "\n".join(out)
