"""Check implementations. A check is a pure function of the normalized data and the suite
that returns finding specs (dicts); it never prints, reads files or decides exit codes.

Row-level checks (``targets.py``, ``typo.py``) take the normalized table of all files of a
run (a :class:`~plancheck.frame.Frame` of plain columns) and evaluate their conditions as
vectorized masks. Document checks (``document.py``) take one extracted document at a time.
"""

from __future__ import annotations


def spec(code: str, *, path: str, line: int | None, indicator: str | None = None, row_label: str | None = None,
         row_name: str | None = None, year: int | None = None, value: str | None = None,
         suggestion: str | None = None, location=None, **args) -> dict:
    """A finding before the engine gives it its rule metadata, severity and message.

    ``location`` (a :class:`~plancheck.model.Location`) says where it is; without one, the line."""
    return {"rule": code, "path": path, "line": line, "indicator": indicator, "row_label": row_label,
            "row_name": row_name, "year": year, "value": value, "suggestion": suggestion, "location": location,
            "args": args}

