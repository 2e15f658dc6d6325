"""Great Expectations interop: the row rules as a GX 1.x expectation suite, and an engine
that runs them through GX.

Each row rule of :mod:`plancheck.checks.targets` (``ROW_RULES``) is written as one or more
expectations over the normalized target table; the rows a rule flags are the union of the
unexpected rows of its expectations, minus the rows of the rules it defers to (an
implausible value is not reported when it is already out of bounds, for instance). The
findings are then made by the same emitters as in the native engine, so both engines give
the same findings when they agree on the rows - which the tests check.

Great Expectations is imported only here, and only when ``--engine gx`` or
``plancheck export --to gx`` asks for it (``pip install 'plancheck[gx]'``).
"""

from __future__ import annotations

import os

# rule -> list of (expectation class name, keyword arguments); "row_condition" is pandas query syntax
CELL = 'in_table == True and role in ["indicator", "breakdown"]'
NUM_KNOWN = 'in_table == True and is_numeric == True and known == True'
PAIR = {"ignore_row_if": "either_value_is_missing"}


def rule_expectations(final_year: int = 2030) -> dict[str, list[tuple[str, dict]]]:
    return {
        "T001": [("ExpectColumnValuesToNotBeInSet", {"column": "kind", "value_set": ["unreadable"],
                                                     "row_condition": CELL})],
        "T002": [
            ("ExpectColumnValuesToNotBeInSet", {"column": "kind", "value_set": ["level", "school"],
                                                "row_condition": CELL + " and known == True and numeric_type == True"}),
            ("ExpectColumnValuesToNotBeInSet", {"column": "kind",
                                                "value_set": ["exact", "approx", "lower", "upper", "range"],
                                                "row_condition": CELL + " and known == True and numeric_type == False"}),
            ("ExpectColumnValuesToNotBeInSet", {"column": "level", "value_set": [
                "giai_quyet_co_ban", "co_ban_hoan_thanh", "co_ban_cham_dut", "hoan_thanh", "duy_tri", "bao_dam",
                "bao_dam_vung_chac", "cham_dut", "xoa_bo_hoan_toan"],
                "row_condition": CELL + ' and ind_type == "school_level" and kind == "level"'}),
            ("ExpectColumnValuesToNotBeInSet", {"column": "kind", "value_set": ["school"],
                                                "row_condition": CELL + ' and ind_type == "qualitative"'}),
        ],
        "T003": [("ExpectColumnValuesToNotBeInSet", {"column": "reading", "value_set": ["en"],
                                                     "row_condition": CELL})],
        "R001": [
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "bounds_hi", "column_B": "lo", "or_equal": True,
                                                         "row_condition": NUM_KNOWN, **PAIR}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "bounds_hi", "column_B": "lo", "or_equal": False,
                                                         "row_condition": NUM_KNOWN + ' and kind == "lower" and lo_strict == True',
                                                         **PAIR}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "hi", "column_B": "bounds_lo", "or_equal": True,
                                                         "row_condition": NUM_KNOWN, **PAIR}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "hi", "column_B": "bounds_lo", "or_equal": False,
                                                         "row_condition": NUM_KNOWN + ' and kind == "upper" and hi_strict == True',
                                                         **PAIR}),
        ],
        "R002": [
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "hi", "column_B": "plaus_lo", "or_equal": True,
                                                         "row_condition": NUM_KNOWN + ' and kind != "lower"', **PAIR}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "plaus_hi", "column_B": "lo", "or_equal": True,
                                                         "row_condition": NUM_KNOWN + ' and kind != "upper"', **PAIR}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "lo", "column_B": "plaus_lo", "or_equal": True,
                                                         "row_condition": NUM_KNOWN + ' and kind in ["exact", "approx", "range"]',
                                                         **PAIR}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "plaus_hi", "column_B": "hi", "or_equal": True,
                                                         "row_condition": NUM_KNOWN + ' and kind in ["exact", "approx", "range"]',
                                                         **PAIR}),
        ],
        "D001": [
            ("ExpectColumnValuesToNotBeInSet", {"column": "kind", "value_set": ["lower"],
                                                "row_condition": 'in_table == True and known == True and direction == "lower"'}),
            ("ExpectColumnValuesToNotBeInSet", {"column": "kind", "value_set": ["upper"],
                                                "row_condition": 'in_table == True and known == True and direction == "higher"'}),
        ],
        "B001": [
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "ambition", "column_B": "nat_ambition",
                                                         "or_equal": True, **PAIR, "row_condition":
                                                         'in_table == True and role == "indicator" and known == True '
                                                         'and direction == "higher"'}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "nat_ambition", "column_B": "ambition",
                                                         "or_equal": True, **PAIR, "row_condition":
                                                         'in_table == True and role == "indicator" and known == True '
                                                         'and direction == "lower"'}),
            ("ExpectColumnPairValuesAToBeGreaterThanB", {"column_A": "level_rank", "column_B": "nat_level_rank",
                                                         "or_equal": True, **PAIR, "row_condition":
                                                         'in_table == True and role == "indicator" and known == True '
                                                         'and direction != "none"'}),
        ],
        "B002": [
            ("ExpectColumnValuesToBeBetween", {"column": "ambition", "min_value": 100, "row_condition":
                                               'in_table == True and role == "indicator" and known == True and '
                                               f'universal == True and is_numeric == True and year == {final_year} '
                                               'and ambition == ambition'}),
            ("ExpectColumnValuesToNotBeInSet", {"column": "kind", "value_set": ["upper"], "row_condition":
                                                'in_table == True and role == "indicator" and known == True and '
                                                f'universal == True and year == {final_year}'}),
        ],
        "X001": [("ExpectColumnValuesToNotBeNull", {"column": "indicator",
                                                    "row_condition": 'in_table == True and role == "indicator"'})],
        "X003": [("ExpectColumnValuesToBeNull", {"column": "spelling", "row_condition": "in_table == True"})],
    }


# a rule's rows exclude the rows of these rules (as in the native masks)
EXCLUDE = {"R002": ("R001",), "B001": ("R001", "D001"), "B002": ("R001",)}


def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    try:
        import great_expectations as gx
    except ImportError as exc:
        from .errors import InputError

        raise InputError(f"the Great Expectations engine needs great-expectations: pip install 'plancheck[gx]' "
                         f"({exc})") from None
    return gx


def build_suite(name: str, final_year: int = 2030, context=None):
    """The row rules as a GX ExpectationSuite (each expectation's meta names its rule)."""
    gx = _gx()
    if context is None:
        context = gx.get_context(mode="ephemeral")
    suite = gx.ExpectationSuite(name=name, meta={"plancheck": "row rules over the normalized target table"})
    for code, items in rule_expectations(final_year).items():
        for cls, kwargs in items:
            exp = getattr(gx.expectations, cls)(**kwargs, condition_parser="pandas", meta={"rule": code})
            suite.add_expectation(exp)
    return suite


def export_suite(name: str, final_year: int = 2030) -> dict:
    return build_suite(name, final_year).to_json_dict()


def gx_masks(df, final_year: int = 2030) -> dict:
    """Rows flagged by each row rule, computed by Great Expectations on the pandas frame."""
    import logging

    import pandas as pd

    gx = _gx()
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    try:
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    except Exception:  # noqa: BLE001 - progress bars are cosmetic
        pass
    frame = df.reset_index(drop=True)
    cols = [c for c in frame.columns if frame[c].map(lambda v: isinstance(v, (tuple, list, dict))).any()]
    frame = frame.drop(columns=cols)
    source = context.data_sources.add_pandas("plancheck")
    asset = source.add_dataframe_asset("targets")
    batch = asset.add_batch_definition_whole_dataframe("run").get_batch(batch_parameters={"dataframe": frame})
    suite = context.suites.add(build_suite("plancheck-row-rules", final_year, context))
    result = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    flagged: dict[str, set] = {code: set() for code in rule_expectations(final_year)}
    for r in result.results:
        code = (r.expectation_config.meta or {}).get("rule")
        if code:
            flagged[code].update(r.result.get("unexpected_index_list") or [])
    for code, others in EXCLUDE.items():
        for o in others:
            flagged[code] -= flagged[o]
    masks = {}
    for code, rows in flagged.items():
        m = pd.Series(False, index=frame.index)
        if rows:
            m.loc[sorted(rows)] = True
        m.index = df.index
        masks[code] = m
    return masks
