"""Word's own list numbering: the numbers Word draws before a paragraph that are not in its text.

A paragraph numbered by Word (``w:numPr`` in its properties or in its paragraph style) holds no
"1." or "a)" of its own: Word draws it from ``word/numbering.xml`` - the list's level formats
(``decimal``, ``lowerLetter``, ``upperRoman``, ``bullet``), its level texts ("%1.", "%1.%2.",
"%3)") and start values - counting the paragraphs of each list, a level restarting under the
level above it. :class:`WordLists` does the same count, so that the paragraph reads as it is
printed ("1. Mục tiêu"), and the outline and the numbering checks see the number a reader sees.
A bullet level is drawn as "-", "+" or "•" by its depth, so that levels stay apart.
"""

from __future__ import annotations

import hashlib

import re
import zipfile

from ..textnorm import int_to_roman

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_BULLETS = ("-", "+", "•", "◦", "▪")
_PLACE = re.compile(r"%([1-9])")
MAX_LEVELS = 9


def _val(el, tag: str, default=None):
    child = el.find(tag) if el is not None else None
    return child.get(_VAL, default) if child is not None else default


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = []
        n = value
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters.append(chr(ord("a") + r))
        text = "".join(reversed(letters)) or "a"
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("lowerRoman", "upperRoman"):
        text = int_to_roman(value) if value > 0 else str(value)
        return text.lower() if fmt == "lowerRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# the list definitions read from a numbering part and a styles part, by their bytes' digest
_DEFINITIONS: dict[bytes, tuple[dict, dict, dict]] = {}


class WordLists:
    """The list definitions of a package, and the counters of its lists as paragraphs go by."""

    def __init__(self, zf: zipfile.ZipFile, parse):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (numFmt, lvlText, start)
        self.indents: dict[str, dict[int, int]] = {}  # numId -> ilvl -> left indentation (twips)
        self.style_num: dict[str, tuple[str, int]] = {}  # paragraph style id -> (numId, ilvl)
        self.counters: dict[str, list[int]] = {}
        names = set(zf.namelist())
        numbering = zf.read("word/numbering.xml") if "word/numbering.xml" in names else b""
        styles = zf.read("word/styles.xml") if "word/styles.xml" in names and numbering else b""
        key = hashlib.blake2b(numbering + b"\0" + styles, digest_size=16).digest()
        known = _DEFINITIONS.get(key)
        if known is None:  # (the documents of one template share their definitions: read once)
            if numbering:
                self._numbering(parse(numbering))
            if styles and self.levels:
                self._styles(parse(styles))
            if len(_DEFINITIONS) >= 32:
                _DEFINITIONS.pop(next(iter(_DEFINITIONS)))
            _DEFINITIONS[key] = (self.levels, self.indents, self.style_num)
        else:
            self.levels, self.indents, self.style_num = known  # read only: each document counts on its own

    def __bool__(self) -> bool:
        return bool(self.levels)

    def _numbering(self, root) -> None:
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        abstract_indents: dict[str, dict[int, int]] = {}
        for a in root.iter(_W + "abstractNum"):
            levels, indents = {}, {}
            for lvl in a.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0") or 0)
                start = _val(lvl, _W + "start", "1")
                levels[ilvl] = (_val(lvl, _W + "numFmt", "decimal"), _val(lvl, _W + "lvlText", "") or "",
                                int(start) if str(start).isdigit() else 1)
                ind = lvl.find(f"{_W}pPr/{_W}ind")
                left = ind.get(_W + "left", ind.get(_W + "start")) if ind is not None else None
                indents[ilvl] = int(left) if left is not None and left.lstrip("-").isdigit() else ilvl * 720
            abstract[a.get(_W + "abstractNumId")] = levels
            abstract_indents[a.get(_W + "abstractNumId")] = indents
        for num in root.iter(_W + "num"):
            self.indents[num.get(_W + "numId")] = abstract_indents.get(_val(num, _W + "abstractNumId"), {})
            levels = dict(abstract.get(_val(num, _W + "abstractNumId"), {}))
            for override in num.iter(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0") or 0)
                start = _val(override, _W + "startOverride")
                if ilvl in levels and start is not None and str(start).isdigit():
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start))
            self.levels[num.get(_W + "numId")] = levels

    def _styles(self, root) -> None:
        for style in root.iter(_W + "style"):
            numpr = style.find(f"{_W}pPr/{_W}numPr")
            if numpr is not None and _val(numpr, _W + "numId") is not None:
                self.style_num[style.get(_W + "styleId")] = (_val(numpr, _W + "numId"),
                                                             int(_val(numpr, _W + "ilvl", "0") or 0))

    def marker(self, ppr) -> tuple[str, int] | None:
        """The number Word draws before the paragraph of properties ``ppr`` ("1.", "a)", "-") and
        the paragraph's left indentation (twips), or None when Word draws none; the list's
        counters advance."""
        if ppr is None:
            return None
        numpr = ppr.find(_W + "numPr")
        num_id = ilvl = None
        if numpr is not None:
            num_id, ilvl = _val(numpr, _W + "numId"), _val(numpr, _W + "ilvl")
        style = _val(ppr, _W + "pStyle")
        if num_id is None and style in self.style_num:
            num_id, ilvl = self.style_num[style][0], ilvl if ilvl is not None else self.style_num[style][1]
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return None
        level = min(int(ilvl or 0) if str(ilvl or 0).isdigit() else 0, MAX_LEVELS - 1)
        levels = self.levels[num_id]
        if level not in levels:
            return None
        fmt, text, _ = levels[level]
        if fmt == "none":
            return None
        counters = self.counters.setdefault(num_id, [0] * MAX_LEVELS)
        counters[level] += 1
        for deeper in range(level + 1, MAX_LEVELS):
            counters[deeper] = 0
        own = ppr.find(_W + "ind")
        left = own.get(_W + "left", own.get(_W + "start")) if own is not None else None
        indent = int(left) if left is not None and left.lstrip("-").isdigit() else \
            self.indents.get(num_id, {}).get(level, level * 720)
        if fmt == "bullet":
            return _BULLETS[level % len(_BULLETS)], indent

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            k_fmt, _, k_start = levels.get(k, ("decimal", "", 1))
            return _format(k_start + max(counters[k], 1) - 1, k_fmt)

        drawn = _PLACE.sub(number, text).strip()
        return (drawn, indent) if drawn else None
