"""The normalized target table as plain columns: what the checks evaluate their conditions on.

A :class:`Frame` is a dict of equal-length Python lists, one per column; a :class:`Vec` is
one column (or a condition computed from columns) with the element-wise operations the
checks need: comparisons, ``&``, ``|``, ``~``, ``isin``, ``notna``. Conditions stay
vectorized - whole columns at a time, in the order the rules state them - without pandas:
on the table of one plan, one pandas operation costs more than the work it does, and
importing pandas alone costs more than checking a plan. pandas is imported only to hand the
table to Great Expectations, pandera or an export (:meth:`Frame.to_pandas`).

Missing values are ``None``, and ``nan`` in the numeric columns (as in pandas, a comparison
with ``nan`` is false); :func:`notna` treats both as missing.
"""

from __future__ import annotations

import math
import operator
from itertools import compress, repeat


def isna(x) -> bool:
    return x is None or (isinstance(x, float) and x != x)


def notna(x) -> bool:
    return not (x is None or (isinstance(x, float) and x != x))


class Vec:
    """One column, or a condition over columns: element-wise operations over a list."""

    __slots__ = ("v",)

    def __init__(self, values):
        self.v = values if isinstance(values, list) else list(values)

    def __len__(self) -> int:
        return len(self.v)

    def __iter__(self):
        return iter(self.v)

    def __getitem__(self, i):
        return self.v[i]

    def __repr__(self) -> str:
        return f"Vec({self.v!r})"

    def _op(self, other, op) -> Vec:
        if isinstance(other, Vec):
            return Vec(list(map(op, self.v, other.v)))
        return Vec(list(map(op, self.v, repeat(other))))

    def __eq__(self, other) -> Vec:  # type: ignore[override]
        return self._op(other, operator.eq)

    def __ne__(self, other) -> Vec:  # type: ignore[override]
        return self._op(other, operator.ne)

    def __lt__(self, other) -> Vec:
        return self._op(other, operator.lt)

    def __le__(self, other) -> Vec:
        return self._op(other, operator.le)

    def __gt__(self, other) -> Vec:
        return self._op(other, operator.gt)

    def __ge__(self, other) -> Vec:
        return self._op(other, operator.ge)

    def __and__(self, other) -> Vec:
        return self._op(other, _and)

    def __or__(self, other) -> Vec:
        return self._op(other, _or)

    def __invert__(self) -> Vec:
        return Vec([not x for x in self.v])

    __hash__ = None  # type: ignore[assignment]

    def isin(self, values) -> Vec:
        values = set(values)
        return Vec([x in values for x in self.v])

    def notna(self) -> Vec:
        return Vec([not (x is None or (isinstance(x, float) and x != x)) for x in self.v])

    def any(self) -> bool:
        return any(self.v)

    def where(self) -> list[int]:
        """Positions where the condition holds."""
        return list(compress(range(len(self.v)), self.v))

    def take(self, positions) -> Vec:
        v = self.v
        return Vec([v[i] for i in positions])

    def tolist(self) -> list:
        return self.v


def _and(a, b) -> bool:
    return bool(a) and bool(b)


def _or(a, b) -> bool:
    return bool(a) or bool(b)


def where(cond: Vec, a, b) -> Vec:
    """``a`` where ``cond`` holds, else ``b`` (columns or single values), element by element."""
    n = len(cond)
    a = a.v if isinstance(a, Vec) else repeat(a, n)
    b = b.v if isinstance(b, Vec) else repeat(b, n)
    return Vec([x if c else y for c, x, y in zip(cond.v, a, b)])


class Frame:
    """Named columns of equal length (Python lists)."""

    __slots__ = ("columns", "n")

    def __init__(self, columns: dict[str, list], n: int | None = None):
        self.columns = {k: (v.v if isinstance(v, Vec) else v) for k, v in columns.items()}
        self.n = n if n is not None else (len(next(iter(self.columns.values()))) if self.columns else 0)

    def __len__(self) -> int:
        return self.n

    @property
    def empty(self) -> bool:
        return self.n == 0

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def __getitem__(self, name: str) -> Vec:
        return Vec(self.columns[name])

    def get(self, name: str, default=None) -> list:
        return self.columns.get(name, default)

    def assign(self, **columns) -> Frame:
        """A new frame with these columns added or replaced (lists, Vecs or one value for every row)."""
        out = dict(self.columns)
        for k, v in columns.items():
            out[k] = v.v if isinstance(v, Vec) else v if isinstance(v, list) else [v] * self.n
        return Frame(out, self.n)

    def take(self, positions) -> Frame:
        positions = list(positions)
        return Frame({k: [v[i] for i in positions] for k, v in self.columns.items()}, len(positions))

    def rows(self, which=None, columns=None) -> list[dict]:
        """Rows as dicts: all of them, those where ``which`` (a condition) holds, or those at
        ``which`` (positions); with all columns or only ``columns``."""
        names = list(columns) if columns is not None else list(self.columns)
        cols = [self.columns[c] for c in names]
        if which is None:
            return [dict(zip(names, r)) for r in zip(*cols)] if cols else [{} for _ in range(self.n)]
        positions = which.where() if isinstance(which, Vec) else which
        return [dict(zip(names, [c[i] for c in cols])) for i in positions]

    def head(self, n: int) -> Frame:
        return self.take(range(min(n, self.n)))

    @classmethod
    def concat(cls, frames: list[Frame]) -> Frame:
        frames = [f for f in frames if f.n] or frames[:1]
        if not frames:
            return cls({})
        if len(frames) == 1:
            return frames[0]
        names = list(frames[0].columns)
        return cls({k: [x for f in frames for x in f.columns[k]] for k in names}, sum(f.n for f in frames))

    def to_pandas(self):
        """The table as a pandas DataFrame (for Great Expectations, pandera and exports)."""
        import pandas as pd

        return pd.DataFrame({k: pd.Series(v, dtype=_dtype(v)) for k, v in self.columns.items()},
                            index=pd.RangeIndex(self.n))


def _dtype(values: list):
    """The pandas dtype of a column: bool, int64 and float64 for columns of only those values
    (a float column's missing values are nan), object otherwise."""
    kinds = {type(x) for x in values}
    if kinds and kinds <= {bool}:
        return bool
    if kinds and kinds <= {int}:
        return "int64"
    if kinds and kinds <= {int, float} and float in kinds:
        return "float64"
    if kinds and kinds <= {int, float, type(None)} and (int in kinds or float in kinds):
        return "float64"
    return object


def to_float(values: list) -> list:
    """Numbers as floats, anything else as nan (pandas ``to_numeric(errors="coerce")``)."""
    out = []
    for x in values:
        if isinstance(x, (int, float)) and not isinstance(x, bool):
            out.append(float(x))
        elif isinstance(x, bool):
            out.append(float(x))
        elif isinstance(x, str):
            try:
                out.append(float(x))
            except ValueError:
                out.append(math.nan)
        else:
            out.append(math.nan)
    return out


def to_bool(values: list) -> list:
    """Missing values as False, others by their truth (pandas ``fillna(False).astype(bool)``)."""
    return [False if x is None or (isinstance(x, float) and x != x) else bool(x) for x in values]
