"""pandera schemas: the normalized target table (one row per file, table row and milestone).

The raw table of a structured submission has its schema in
:func:`plancheck.readers.structured.raw_schema`. This one describes what
:func:`plancheck.normalize.normalize` hands to the checks; the tests validate every run on
the seeds and the samples against it, so a change in normalization that breaks the
checks' assumptions fails loudly. (It is not applied on every CLI run: importing pandera
costs more start-up time than the check is worth once the tests hold.)
"""

from __future__ import annotations

from .targets import KINDS


def _columns(pa) -> dict:
    """Columns common to the normalized schema and its export."""
    return {
        "path": pa.Column(str),
        "line": pa.Column(float, pa.Check.ge(1), nullable=True, coerce=True),
        "raw": pa.Column(str, nullable=True),
        "kind": pa.Column(str, pa.Check.isin(list(KINDS))),
        "lo": pa.Column(float, nullable=True),
        "hi": pa.Column(float, nullable=True),
        "lo_strict": pa.Column(bool),
        "hi_strict": pa.Column(bool),
        "source": pa.Column(str, pa.Check.isin(["table", "narrative"])),
        "role": pa.Column(str, pa.Check.isin(["indicator", "breakdown", "narrative"])),
        "direction": pa.Column(str, pa.Check.isin(["higher", "lower", "none"]), nullable=True),
        "bounds_lo": pa.Column(float, nullable=True),
        "bounds_hi": pa.Column(float, nullable=True),
    }


def normalized_schema():
    import pandera.pandas as pa

    text = dict(nullable=True)
    return pa.DataFrameSchema(
        {
            **_columns(pa),
            "doc": pa.Column(int, pa.Check.ge(0)),
            "table": pa.Column(int, pa.Check.ge(-1)),
            "row": pa.Column(int, pa.Check.ge(-1)),
            "indicator": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$"), **text),
            "breakdown": pa.Column(str, pa.Check.isin(["urban", "rural", "region", "sub"]), **text),
            "year": pa.Column(int, pa.Check.in_range(2000, 2100)),
        },
        checks=[
            pa.Check(lambda df: ~(df["lo"] > df["hi"]), error="a target's lower end exceeds its upper end"),
            pa.Check(lambda df: df["kind"].isin(["exact", "approx", "lower", "range"]) == df["lo"].notna(),
                     error="numeric targets with a lower end, and only they, have lo"),
            pa.Check(lambda df: df["kind"].isin(["exact", "approx", "upper", "range"]) == df["hi"].notna(),
                     error="numeric targets with an upper end, and only they, have hi"),
            pa.Check(lambda df: (df["source"] == "narrative") == (df["role"] == "narrative"),
                     error="narrative rows are the body's targets"),
        ],
        strict=False,
    )


def export_schema(suite):
    """The normalized-table schema with the checks of ``suite`` that pandera can express
    (built-in checks only, so that it serializes and loads back)."""
    import pandera.pandas as pa

    ids = sorted(suite.indicators)
    return pa.DataFrameSchema(
        {
            **_columns(pa),
            "indicator": pa.Column(str, pa.Check.isin(ids), nullable=True),
            "row_label": pa.Column(str, nullable=True),
            "row_name": pa.Column(str, nullable=True),
            "year": pa.Column(int, pa.Check.isin(list(suite.milestones))),
            "plaus_lo": pa.Column(float, nullable=True),
            "plaus_hi": pa.Column(float, nullable=True),
        },
        name=f"plancheck-{suite.name}",
        description="plancheck normalized target table: one row per file, table row and milestone year",
        strict=False,
    )


def pandera_export(suite) -> str:
    return export_schema(suite).to_yaml()
