"""Indicator names matched to the suite, once per document, after extraction.

Every table row that states an indicator gets its catalogue id here (``TableRow.indicator``
with the score, the candidates and the catalogue spelling matched); normalization,
comparison and the checks all read that one result. A breakdown row (urban, rural, a region)
is its parent's indicator; a sub-target ("Trong đó: ...") is matched on its own name, or on
its parent's name completed by it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .catalogue import Match, Suite
from .model import Document, RowRole

_SUB_PREFIX = re.compile(r"^\s*trong\s+đó\s*[:,]?\s*", re.IGNORECASE)


MIN_TARGET_SCORE = 90.0  # the score a stated target's subject needs to be taken for a suite's indicator


# the kinds of stated target each type of indicator takes, and the units
_FITS = {"percent": ({"level", "state"}, {"%", None}), "rate_per_year": ({"change"}, {"%", "%/năm", "điểm %"}),
         "per_10000": ({"level"}, {"/10.000"}), "per_1000": ({"level"}, {"/1.000"}),
         "years": ({"level"}, {"tuổi", "năm"}), "count": ({"count", "level"}, None),
         "multiple": ({"level"}, {"lần"}), "area_per_person": ({"level"}, {"m²", None}),
         "index": ({"level"}, {None}), "qualitative": ({"state", "level"}, None),
         "school_level": ({"state", "level"}, None)}


def fits(indicator, t) -> bool:
    """Whether a stated target can be one of the indicator's: a level of a rate, a change of a
    rate of change, a count per 10,000 people of a per-10,000 indicator ..."""
    kinds, units = _FITS.get(indicator.type, (None, None))
    if kinds is not None and t.kind.value not in kinds:
        return False
    return units is None or t.unit in units


def match_targets(doc: Document, suite: Suite) -> None:
    """The document's stated targets (``Document.targets``, read after the table rows are
    matched: an annex row's target has its row's indicator) matched to the suite: a subject
    that names an indicator well enough gets its id and score."""
    matcher = suite.matcher
    out = []
    for t in doc.targets:
        if t.indicator is None and t.subject and matcher.could_reach(t.subject, MIN_TARGET_SCORE):
            m = matcher.match(t.subject)
            if m.indicator is not None and m.score >= MIN_TARGET_SCORE and fits(suite.indicators[m.indicator], t):
                t = replace(t, indicator=m.indicator, score=m.score)
        out.append(t)
    doc.targets = out


def match_document(doc: Document, suite: Suite) -> None:
    matcher = suite.matcher
    for table in doc.tables:
        if table.kind != "indicator":
            continue
        for row in table.rows:
            if row.role == RowRole.BREAKDOWN and row.parent is not None:
                parent = table.rows[row.parent]
                row.indicator, row.match_score = parent.indicator, parent.match_score
                row.candidates, row.matched_alias = parent.candidates, None
                row.ambiguous = parent.ambiguous
                continue
            if row.role not in (RowRole.INDICATOR, RowRole.SUB, RowRole.BREAKDOWN):
                continue
            if row.indicator_id:
                if row.indicator_id in suite.indicators:
                    row.indicator, row.match_score = row.indicator_id, 100.0
                else:
                    row.candidates = matcher.match(str(row.indicator_id).replace("_", " ")).candidates
                continue
            m = matcher.match(row.name)
            if row.role == RowRole.SUB and row.parent is not None:
                parent = table.rows[row.parent]
                if m.indicator is None or m.indicator == parent.indicator:
                    # "Trong đó: hộ nghèo dân tộc thiểu số" under the poverty rate is a part of
                    # it: its own indicator when parent + rest names one, never the parent's
                    rest = _SUB_PREFIX.sub("", row.name)
                    whole = matcher.match(f"{parent.name} {rest}")
                    if whole.indicator is not None and whole.indicator != parent.indicator:
                        m = whole
                    elif m.indicator is not None:
                        m = Match(None, m.score, m.candidates, None)
            row.indicator, row.match_score, row.candidates = m.indicator, m.score, m.candidates
            row.matched_alias, row.ambiguous = m.alias, m.ambiguous
