"""The vectorized building blocks of the checks, against their plain definitions."""

import math

from hypothesis import given
from hypothesis import strategies as st

from plancheck.checks.targets import previous_milestone
from plancheck.frame import Frame

cell = st.fixed_dictionaries({
    "path": st.sampled_from(["a.txt", "b.docx"]),
    "table": st.integers(0, 1),
    "row": st.integers(0, 2),
    "year": st.sampled_from([2020, 2025, 2030]),
    "value": st.integers(0, 120),  # above 100 is out of the hard bounds
    "kind": st.sampled_from(["exact", "exact", "none"]),
})


def frame(cells: list[dict]) -> Frame:
    n = len(cells)
    df = Frame({k: [c[k] for c in cells] for k in ["path", "table", "row", "year", "value", "kind"]}, n)
    value = [float(c["value"]) for c in cells]
    return df.assign(
        raw=[f"v{k}" for k in range(n)], lo=value, hi=value, ambition=value, level_rank=math.nan, in_table=True,
        known=True, is_numeric=True, bounds_lo=0.0, bounds_hi=100.0, lo_strict=False, hi_strict=False,
        plaus_lo=math.nan, plaus_hi=math.nan)


def expected_previous(df: Frame) -> list:
    """By definition: the nearest earlier year of the same table row among cells with a
    target within bounds; of several cells of that year, the last one."""
    usable = [(df["kind"][i] != "none" and df["value"][i] <= 100) for i in range(len(df))]
    out = []
    for i in range(len(df)):
        best = None
        if usable[i]:
            for j in range(len(df)):
                same = all(df[k][j] == df[k][i] for k in ("path", "table", "row"))
                if usable[j] and same and df["year"][j] < df["year"][i]:
                    if best is None or df["year"][j] >= df["year"][best]:
                        best = j
        out.append(best)
    return out


@given(st.lists(cell, max_size=25))
def test_previous_milestone_is_the_nearest_earlier_usable_cell(cells):
    df = frame(cells)
    got = previous_milestone(df)
    for i, j in enumerate(expected_previous(df)):
        if j is None:
            assert math.isnan(got["year_prev"][i]) and got["raw_prev"][i] != got["raw_prev"][i]
        else:
            assert got["year_prev"][i] == df["year"][j]
            assert got["raw_prev"][i] == df["raw"][j]
            assert got["ambition_prev"][i] == df["ambition"][j]
