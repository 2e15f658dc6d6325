"""Great Expectations interop: the row rules as a GX 1.x expectation suite, and an engine
that runs them through GX.

Each row rule of :mod:`plancheck.checks.targets` (``ROW_RULES``) is written as one or more
expectations over the normalized target table; the rows a rule flags are the union of the
unexpected rows of its expectations, minus the rows of the rules it defers to (an
implausible value is not reported when it is already out of bounds, for instance). The
findings are then made by the same emitters as in the native engine, so both engines give
the same findings when they agree on the rows - which the tests check. Both evaluate the
table as :func:`plancheck.checks.targets.prepare` leaves it: there ``ind_type`` and
``numeric_type`` are those of the accepted form each cell states (an indicator may be
stated as a rate or as a level), so T002 means the same in both.

Great Expectations is imported only here, and only when ``--engine gx`` or
``plancheck export --to gx`` asks for it (``pip install 'plancheck[gx]'``).
"""

from __future__ import annotations

import os

from .catalogue import Candidates
from .frame import Frame
from .model import Location

# rule -> list of (expectation class name, keyword arguments). A "row_condition" is a list of
# terms (column, operator, value), all of which must hold; build_suite turns it into a GX
# condition, which every GX backend evaluates (not only pandas).
CELL = [("in_table", "==", True), ("role", "in", ["indicator", "breakdown"])]
NUM_KNOWN = [("in_table", "==", True), ("is_numeric", "==", True), ("known", "==", True)]
KNOWN_ROW = [("target_row", "==", True), ("known", "==", True)]
PAIR = {"ignore_row_if": "either_value_is_missing"}
SETTLED = ["giai_quyet_co_ban", "co_ban_hoan_thanh", "co_ban_cham_dut", "hoan_thanh", "duy_tri", "bao_dam",
           "bao_dam_vung_chac", "cham_dut", "xoa_bo_hoan_toan"]
SPAN = ["exact", "approx", "range"]


def rule_expectations(final_year: int = 2030) -> dict[str, list[tuple[str, dict]]]:
    def cmp(a: str, b: str, or_equal: bool, when: list) -> tuple[str, dict]:
        return ("ExpectColumnPairValuesAToBeGreaterThanB",
                {"column_A": a, "column_B": b, "or_equal": or_equal, "row_condition": when, **PAIR})

    def not_in(column: str, values: list, when: list) -> tuple[str, dict]:
        return ("ExpectColumnValuesToNotBeInSet", {"column": column, "value_set": values, "row_condition": when})

    final = KNOWN_ROW + [("universal", "==", True), ("year", "==", final_year)]
    return {
        "T001": [not_in("kind", ["unreadable"], CELL)],
        "T002": [
            not_in("kind", ["level", "school"], CELL + [("known", "==", True), ("numeric_type", "==", True)]),
            not_in("kind", ["exact", "approx", "lower", "upper", "range"],
                   CELL + [("known", "==", True), ("numeric_type", "==", False)]),
            not_in("level", SETTLED, CELL + [("ind_type", "==", "school_level"), ("kind", "==", "level")]),
            not_in("kind", ["school"], CELL + [("ind_type", "==", "qualitative")]),
        ],
        "T003": [not_in("reading", ["en"], CELL)],
        "R001": [
            cmp("bounds_hi", "lo", True, NUM_KNOWN),
            cmp("bounds_hi", "lo", False, NUM_KNOWN + [("kind", "==", "lower"), ("lo_strict", "==", True)]),
            cmp("hi", "bounds_lo", True, NUM_KNOWN),
            cmp("hi", "bounds_lo", False, NUM_KNOWN + [("kind", "==", "upper"), ("hi_strict", "==", True)]),
            # a bound beyond the valid range ("< 150" of a percentage)
            cmp("bounds_hi", "hi", True, NUM_KNOWN + [("kind", "==", "upper")]),
            cmp("lo", "bounds_lo", True, NUM_KNOWN + [("kind", "==", "lower")]),
        ],
        "R002": [
            cmp("hi", "plaus_lo", True, NUM_KNOWN + [("kind", "!=", "lower")]),
            cmp("plaus_hi", "lo", True, NUM_KNOWN + [("kind", "!=", "upper")]),
            # a span, or a bound beyond what is plausible ("< 30" of an unemployment rate)
            cmp("lo", "plaus_lo", True, NUM_KNOWN + [("kind", "in", SPAN + ["lower"])]),
            cmp("plaus_hi", "hi", True, NUM_KNOWN + [("kind", "in", SPAN + ["upper"])]),
        ],
        "D001": [
            not_in("kind", ["lower"], [("checked", "==", True), ("known", "==", True), ("direction", "==", "lower")]),
            not_in("kind", ["upper"], [("checked", "==", True), ("known", "==", True), ("direction", "==", "higher")]),
        ],
        "B001": [
            cmp("ambition", "nat_ambition", True, KNOWN_ROW + [("direction", "==", "higher")]),
            cmp("nat_ambition", "ambition", True, KNOWN_ROW + [("direction", "==", "lower")]),
            cmp("level_rank", "nat_level_rank", True, KNOWN_ROW + [("direction", "!=", "none")]),
        ],
        "B002": [
            ("ExpectColumnValuesToBeBetween", {"column": "ambition", "min_value": 100, "row_condition":
                                               final + [("is_numeric", "==", True), ("ambition", "not null", None)]}),
            not_in("kind", ["upper"], final),
        ],
        "X001": [("ExpectColumnValuesToNotBeNull", {"column": "indicator", "row_condition":
                                                    [("in_table", "==", True), ("role", "==", "indicator"),
                                                     ("ambiguous", "==", False)]})],
        "X004": [("ExpectColumnValuesToNotBeNull", {"column": "indicator", "row_condition":
                                                    [("in_table", "==", True), ("role", "==", "indicator"),
                                                     ("ambiguous", "==", True)]})],
        "X003": [("ExpectColumnValuesToBeNull", {"column": "spelling", "row_condition": [("in_table", "==", True)]})],
    }


def condition(terms: list):
    """A GX row condition: all of ``terms`` (column, operator, value)."""
    from great_expectations.expectations.row_conditions import Column

    def term(column: str, op: str, value):
        c = Column(column)
        return {"==": lambda: c == value, "!=": lambda: c != value, "in": lambda: c.is_in(value),
                "not null": c.is_not_null}[op]()

    out = term(*terms[0])
    for t in terms[1:]:
        out = out & term(*t)
    return out


# a rule's rows exclude the rows of these rules (as in the native masks)
EXCLUDE = {"R002": ("R001",), "D001": ("R001",), "B001": ("R001", "D001"), "B002": ("R001",)}


def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    try:
        import great_expectations as gx
    except ImportError as exc:
        from .errors import InputError

        raise InputError(f"the Great Expectations engine needs great-expectations: pip install 'plancheck[gx]' "
                         f"({exc})", "bộ máy Great Expectations cần thư viện great-expectations: "
                                     "cài bằng pip install 'plancheck[gx]'") from None
    return gx


def build_suite(name: str, final_year: int = 2030, context=None):
    """The row rules as a GX ExpectationSuite (each expectation's meta names its rule)."""
    gx = _gx()
    if context is None:
        context = gx.get_context(mode="ephemeral")
    suite = gx.ExpectationSuite(name=name, meta={"plancheck": "row rules over the normalized target table"})
    for code, items in rule_expectations(final_year).items():
        for cls, kwargs in items:
            kwargs = {**kwargs, "row_condition": condition(kwargs["row_condition"])}
            exp = getattr(gx.expectations, cls)(**kwargs, meta={"rule": code})
            suite.add_expectation(exp)
    return suite


def export_suite(name: str, final_year: int = 2030) -> dict:
    return build_suite(name, final_year).to_json_dict()


def gx_masks(df, final_year: int = 2030) -> dict:
    """Rows flagged by each row rule (a :class:`~plancheck.frame.Vec` of booleans each),
    computed by Great Expectations on the table (``Frame.to_pandas``)."""
    import logging

    from .frame import Vec

    gx = _gx()
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    try:
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    except Exception:  # noqa: BLE001 - progress bars are cosmetic
        pass
    # columns holding lists or places (candidates, units, locations) are not for GX
    keep = {c: v for c, v in df.columns.items()
            if not any(isinstance(x, (tuple, list, dict, Location, Candidates)) for x in v)}
    frame = Frame(keep, len(df)).to_pandas()
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
    return {code: Vec([i in rows for i in range(len(df))]) for code, rows in flagged.items()}


def export_targets_suite(name: str = "plancheck-targets") -> dict:
    """The targets table's checks (:func:`plancheck.schemas.targets_expectations`) as a GX suite."""
    from .schemas import targets_expectations

    gx = _gx()
    gx.get_context(mode="ephemeral")
    suite = gx.ExpectationSuite(name=name, meta={"plancheck": "the targets table (plancheck targets)"})
    for cls, kwargs in targets_expectations():
        suite.add_expectation(getattr(gx.expectations, cls)(**kwargs))
    return suite.to_json_dict()
