"""pandera schemas: the normalized target table (one row per file, table row and milestone), and
the targets table of ``plancheck targets`` (one row per target stated).

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


# ---------------------------------------------------------------- the targets table (plancheck targets)

TARGET_KINDS = ["level", "change", "count", "state"]
TARGET_SOURCES = ["prose", "item", "cell", "row"]
COMPARATORS = ["exact", "approx", "lower", "upper", "range"]


def targets_schema(suite=None, table_checks: bool = True):
    """The table ``plancheck targets`` writes (one row per stated target), as a pandera schema;
    with ``suite``, indicator ids are those of the suite. ``table_checks`` adds the checks across
    columns (low <= high; a comparator unless a state), which do not serialize."""
    import pandera.pandas as pa

    text = dict(nullable=True)
    indicator = pa.Check.isin(sorted(suite.indicators)) if suite is not None else \
        pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")
    return pa.DataFrameSchema(
        {
            "file": pa.Column(str),
            "province": pa.Column(str, **text),
            "document_type": pa.Column(str, **text),
            "document_number": pa.Column(str, **text),
            "document_date": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$"), **text),
            "subject": pa.Column(str, pa.Check.str_length(min_value=1)),
            "indicator": pa.Column(str, indicator, **text),
            "scope": pa.Column(str, **text),
            "year": pa.Column(float, pa.Check.in_range(1990, 2100), coerce=True, **text),
            "comparator": pa.Column(str, pa.Check.isin(COMPARATORS), **text),
            "low": pa.Column(float, coerce=True, **text),
            "high": pa.Column(float, coerce=True, **text),
            "unit": pa.Column(str, **text),
            "kind": pa.Column(str, pa.Check.isin(TARGET_KINDS)),
            "value": pa.Column(str),
            "text": pa.Column(str),
            "source": pa.Column(str, pa.Check.isin(TARGET_SOURCES)),
            "line": pa.Column(float, pa.Check.ge(1), coerce=True, **text),
        },
        checks=[pa.Check(lambda df: ~(df["low"] > df["high"]), error="a target's low end exceeds its high end"),
                pa.Check(lambda df: df["comparator"].notna() | (df["kind"] == "state"),
                         error="every target but a qualitative state has a comparator")] if table_checks else [],
        name=f"plancheck-targets-{suite.name}" if suite is not None else "plancheck-targets",
        description="plancheck targets table: one row per target a document states",
        strict=False,
    )


def targets_expectations() -> list[tuple[str, dict]]:
    """The same table's checks as Great Expectations expectations (class name, arguments)."""
    columns = ["file", "subject", "year", "comparator", "low", "high", "unit", "kind", "value", "source"]
    out = [("ExpectColumnToExist", {"column": c}) for c in columns]
    out += [("ExpectColumnValuesToNotBeNull", {"column": c}) for c in ("file", "subject", "kind", "value", "source")]
    out += [("ExpectColumnValuesToBeInSet", {"column": "kind", "value_set": TARGET_KINDS}),
            ("ExpectColumnValuesToBeInSet", {"column": "source", "value_set": TARGET_SOURCES}),
            ("ExpectColumnValuesToBeInSet", {"column": "comparator", "value_set": COMPARATORS}),
            ("ExpectColumnValuesToBeBetween", {"column": "year", "min_value": 1990, "max_value": 2100}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "high", "column_B": "low", "or_equal": True,
                                                          "ignore_row_if": "either_value_is_missing"})]
    return out
