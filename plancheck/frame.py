"""The normalized target table as plain columns: what the checks evaluate their conditions on.

A :class:`Frame` is a dict of equal-length Python lists, one per column; a :class:`Vec` is
one column (or a condition computed from columns) with the element-wise operations the
checks need: comparisons, ``&``, ``|``, ``~``, ``isin``, ``notna``. Conditions stay
vectorized - whole columns at a time, in the order the rules state them - without pandas:
on the table of one plan, one pandas operation costs more than the work it does, and
importing pandas alone costs more than checking a plan. pandas is imported only to hand the
table to Great Expectations, pandera or an export (:meth:`Frame.to_pandas`).

The columns of a large table (many files of a run, a large submission) are evaluated as
numpy arrays - the same operations with the same results, element for element, at a
fraction of the cost; a small one (a plan or a few) stays in lists, which spares a one-plan
run the import of numpy. Rows handed to the checks (:meth:`Frame.rows`) always hold plain
Python values.

Missing values are ``None``, and ``nan`` in the numeric columns (as in pandas, a comparison
with ``nan`` is false); :func:`notna` treats both as missing.
"""

from __future__ import annotations

import math
import operator
from itertools import compress, repeat

LARGE = 4096  # rows from which a table's columns are evaluated as numpy arrays


def isna(x) -> bool:
    return x is None or (isinstance(x, float) and x != x)


def notna(x) -> bool:
    return not (x is None or (isinstance(x, float) and x != x))


class Vec:
    """One column, or a condition over columns: element-wise operations over a list (or,
    for a large table, a numpy array)."""

    __slots__ = ("v",)

    def __init__(self, values):
        self.v = values if isinstance(values, list) or _is_array(values) else list(values)

    def __len__(self) -> int:
        return len(self.v)

    def __iter__(self):
        return iter(self.v)

    def __getitem__(self, i):
        return self.v[i]

    def __repr__(self) -> str:
        return f"Vec({self.tolist()!r})"

    def _op(self, other, op, on_lists) -> Vec:
        a, b = self.v, other.v if isinstance(other, Vec) else other
        if isinstance(a, list) and not _is_array(b):
            if isinstance(other, Vec):
                return Vec(list(map(on_lists, a, b)))
            return Vec(list(map(on_lists, a, repeat(b))))
        np = _numpy()
        if isinstance(a, list):
            a = _array(a)
        if isinstance(b, list):
            b = _array(b)
        return Vec(np.asarray(op(a, b), dtype=bool))

    def __eq__(self, other) -> Vec:  # type: ignore[override]
        return self._op(other, operator.eq, operator.eq)

    def __ne__(self, other) -> Vec:  # type: ignore[override]
        return self._op(other, operator.ne, operator.ne)

    def __lt__(self, other) -> Vec:
        return self._op(other, operator.lt, operator.lt)

    def __le__(self, other) -> Vec:
        return self._op(other, operator.le, operator.le)

    def __gt__(self, other) -> Vec:
        return self._op(other, operator.gt, operator.gt)

    def __ge__(self, other) -> Vec:
        return self._op(other, operator.ge, operator.ge)

    def __and__(self, other) -> Vec:
        return self._op(other, _array_and, operator.and_)

    def __or__(self, other) -> Vec:
        return self._op(other, _array_or, operator.or_)

    def __invert__(self) -> Vec:
        if isinstance(self.v, list):
            return Vec([not x for x in self.v])
        return Vec(~_numpy().asarray(self.v, dtype=bool))

    __hash__ = None  # type: ignore[assignment]

    def isin(self, values) -> Vec:
        values = set(values)
        if isinstance(self.v, list):
            return Vec([x in values for x in self.v])
        return Vec(_numpy().fromiter(map(values.__contains__, self.v.tolist()), bool, len(self.v)))

    def notna(self) -> Vec:
        v = self.v
        if isinstance(v, list):
            return Vec([not (x is None or (isinstance(x, float) and x != x)) for x in v])
        np = _numpy()
        if v.dtype.kind == "f":
            return Vec(~np.isnan(v))
        if v.dtype.kind in "biu":
            return Vec(np.ones(len(v), dtype=bool))
        # neither None nor nan (the one value not equal to itself), element by element
        return Vec(np.asarray(np.not_equal(v, None) & np.equal(v, v), dtype=bool))

    def any(self) -> bool:
        return bool(any(self.v)) if isinstance(self.v, list) else bool(self.v.any())

    def where(self) -> list[int]:
        """Positions where the condition holds."""
        if isinstance(self.v, list):
            return list(compress(range(len(self.v)), self.v))
        return _numpy().flatnonzero(self.v).tolist()

    def take(self, positions) -> Vec:
        v = self.v
        if isinstance(v, list):
            return Vec([v[i] for i in positions])
        return Vec(v[_numpy().asarray(positions, dtype=int)])

    def tolist(self) -> list:
        return self.v if isinstance(self.v, list) else self.v.tolist()


def _array_and(a, b):
    return _numpy().logical_and(a, b)


def _array_or(a, b):
    return _numpy().logical_or(a, b)


def where(cond: Vec, a, b) -> Vec:
    """``a`` where ``cond`` holds, else ``b`` (columns or single values), element by element."""
    if not isinstance(cond.v, list):
        np = _numpy()
        av = _array(a.tolist()) if isinstance(a, Vec) and isinstance(a.v, list) else (a.v if isinstance(a, Vec) else a)
        bv = _array(b.tolist()) if isinstance(b, Vec) and isinstance(b.v, list) else (b.v if isinstance(b, Vec) else b)
        return Vec(np.where(cond.v, av, bv))
    n = len(cond)
    a = a.tolist() if isinstance(a, Vec) else repeat(a, n)
    b = b.tolist() if isinstance(b, Vec) else repeat(b, n)
    return Vec([x if c else y for c, x, y in zip(cond.v, a, b)])


_NUMPY: list = []


def _numpy():
    if not _NUMPY:
        import numpy

        _NUMPY.append(numpy)
    return _NUMPY[0]


def _is_array(x) -> bool:
    return bool(_NUMPY) and isinstance(x, _NUMPY[0].ndarray)


def _array(values: list):
    """A column as a numpy array: bool, int64 or float64 when all its values are of that
    kind (a float column's missing values are nan), object otherwise - so that every
    comparison is the one Python makes on the values."""
    np = _numpy()
    kinds = set(map(type, values))
    dtype = _dtype(values, kinds)
    if dtype == "float64" and type(None) in kinds:
        values = [math.nan if x is None else x for x in values]
    return np.asarray(values, dtype=object if dtype is object else dtype)


def _numpy_available() -> bool:
    try:
        _numpy()
    except ImportError:
        return False
    return True


class Frame:
    """Named columns of equal length (Python lists)."""

    __slots__ = ("columns", "n", "_arrays")

    def __init__(self, columns: dict[str, list], n: int | None = None):
        arrays = {k: v.v for k, v in columns.items() if isinstance(v, Vec) and _is_array(v.v)}
        self.columns = {k: (v.tolist() if isinstance(v, Vec) else v) for k, v in columns.items()}
        self.n = n if n is not None else (len(next(iter(self.columns.values()))) if self.columns else 0)
        self._arrays = arrays if self.n >= LARGE and _numpy_available() else None

    def __len__(self) -> int:
        return self.n

    @property
    def vectorized(self) -> bool:
        """Whether the columns are evaluated as numpy arrays (a large table)."""
        return self._arrays is not None

    @property
    def empty(self) -> bool:
        return self.n == 0

    def __contains__(self, name: str) -> bool:
        return name in self.columns

    def __getitem__(self, name: str) -> Vec:
        if self._arrays is None:
            return Vec(self.columns[name])
        a = self._arrays.get(name)
        if a is None:
            a = self._arrays[name] = _array(self.columns[name])
        return Vec(a)

    def get(self, name: str, default=None) -> list:
        return self.columns.get(name, default)

    def assign(self, **columns) -> Frame:
        """A new frame with these columns added or replaced (lists, Vecs or one value for every row)."""
        out: dict = dict(self.columns)
        kept = {k: v for k, v in (self._arrays or {}).items() if k not in columns}
        for k, v in columns.items():
            out[k] = v if isinstance(v, (Vec, list)) else [v] * self.n
        frame = Frame(out, self.n)
        if frame._arrays is not None:
            frame._arrays.update(kept)
        return frame
    def take(self, positions, columns=None) -> Frame:
        """The rows at ``positions``, with all columns or only ``columns``."""
        positions = list(positions)
        names = self.columns if columns is None else columns
        return Frame({k: [self.columns[k][i] for i in positions] for k in names}, len(positions))

    def positions(self, which: Vec, columns: list[str], keep) -> list[int]:
        """The positions where ``which`` holds and ``keep`` holds of the values of ``columns``
        there (one argument per column): to select rows before making dicts of them."""
        cols = [self.columns[c] for c in columns]
        return [i for i in which.where() if keep(*[c[i] for c in cols])]

    def positions_in(self, which: Vec, columns: list[str], keys) -> list[int]:
        """The positions where ``which`` holds and the values of ``columns`` there (a tuple,
        or the value of a single column) are in ``keys``."""
        at = which.where()
        if len(columns) == 1:
            col = self.columns[columns[0]]
            return [i for i in at if col[i] in keys]
        picked = zip(*[[c[i] for i in at] for c in (self.columns[name] for name in columns)])
        return [i for i, key in zip(at, picked) if key in keys]

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


def _dtype(values: list, kinds: set | None = None):
    """The pandas dtype of a column: bool, int64 and float64 for columns of only those values
    (a float column's missing values are nan), object otherwise."""
    kinds = set(map(type, values)) if kinds is None else kinds
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
    nan = math.nan
    return [x if type(x) is float else nan if x is None else _to_float(x) for x in values]


def _to_float(x) -> float:
    if isinstance(x, (int, float)):  # bool too
        return float(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return math.nan
    return math.nan


def to_bool(values: list) -> list:
    """Missing values as False, others by their truth (pandas ``fillna(False).astype(bool)``)."""
    if set(map(type, values)) <= {bool}:
        return values
    return [False if x is None or (isinstance(x, float) and x != x) else bool(x) for x in values]
