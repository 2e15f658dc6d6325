"""The targets of any document as one table (plancheck targets), what was read (plancheck show
--targets), and the schemas export writes for that table, checked with pandera and Great
Expectations on the seeds and the samples."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from plancheck.cli import main

from .conftest import SAMPLES


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _targets_csv(tmp_path, *paths) -> list[dict]:
    out = tmp_path / "targets.csv"
    r = invoke("targets", *paths, "-o", out, "--lang", "en")
    assert r.exit_code == 0, r.output
    with open(out, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_one_row_per_target_with_its_document(seeds, tmp_path):
    rows = _targets_csv(tmp_path, seeds, SAMPLES)
    files = {r["file"] for r in rows}
    assert any(f.endswith("khanh-hoa-plan.txt") for f in files) and any(f.endswith(".xlsx") for f in files)
    kh = [r for r in rows if r["file"].endswith("khanh-hoa-plan.txt")]
    assert {r["province"] for r in kh} == {"Khánh Hòa"}
    # the annex row and the body's statement of the same target are both there, with their places
    primary = [r for r in kh if r["indicator"] == "lower_secondary_enrolment_age" and r["year"] == "2030"]
    assert {r["source"] for r in primary} >= {"row", "item"}
    assert all(r["location"] for r in rows) and all(r["kind"] in ("level", "change", "count", "state") for r in rows)


@pytest.mark.parametrize("suffix", [".xlsx", ".json"])
def test_the_table_in_other_formats(tmp_path, suffix):
    out = tmp_path / f"targets{suffix}"
    r = invoke("targets", SAMPLES / "ha-giang-plan.txt", "-o", out)
    assert r.exit_code == 0, r.output
    if suffix == ".json":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert rows and rows[0]["file"].endswith("ha-giang-plan.txt") and "subject" in rows[0]
    else:
        from openpyxl import load_workbook

        ws = load_workbook(out).active
        assert ws.cell(1, 1).value == "Tệp" and ws.max_row > 10


def _frame(tmp_path, seeds):
    import pandas as pd

    rows = _targets_csv(tmp_path, seeds, SAMPLES)
    df = pd.DataFrame(rows).replace({"": None})
    for c in ("year", "low", "high", "line", "match_score"):
        df[c] = pd.to_numeric(df[c])
    return df


def test_the_exported_pandera_schema_validates_the_table(seeds, tmp_path):
    import pandera.pandas as pa

    r = invoke("export", "--to", "pandera", "--table", "targets")
    assert r.exit_code == 0
    schema = pa.DataFrameSchema.from_yaml(r.output)
    df = _frame(tmp_path, seeds)
    schema.validate(df, lazy=True)
    bad = df.copy()
    bad.loc[0, "kind"] = "wish"
    with pytest.raises(pa.errors.SchemaErrors):
        schema.validate(bad, lazy=True)


def test_the_exported_gx_suite_validates_the_table(seeds, tmp_path):
    import great_expectations as gx

    r = invoke("export", "--to", "gx", "--table", "targets")
    assert r.exit_code == 0
    spec = json.loads(r.output)
    df = _frame(tmp_path, seeds)
    context = gx.get_context(mode="ephemeral")
    suite = gx.ExpectationSuite(name=spec["name"])
    for e in spec["expectations"]:
        name = "".join(w.title() for w in e["type"].split("_"))
        suite.add_expectation(getattr(gx.expectations, name)(**e["kwargs"]))
    suite = context.suites.add(suite)
    batch = context.data_sources.add_pandas("t").add_dataframe_asset("targets") \
        .add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": df})
    assert batch.validate(suite).success
    bad = df.copy()
    bad.loc[0, "low"], bad.loc[0, "high"] = 90.0, 10.0
    batch = context.data_sources.add_pandas("u").add_dataframe_asset("targets") \
        .add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": bad})
    assert not batch.validate(suite).success


def test_show_targets_and_outline(tmp_path):
    r = invoke("show", SAMPLES / "ha-giang-plan.txt", "--targets", "--lang", "en")
    assert r.exit_code == 0
    assert "Targets read" in r.output and "suite match: unemployment (100)" in r.output
    r = invoke("show", SAMPLES / "ha-giang-plan.txt", "--outline", "--format", "json")
    data = json.loads(r.output)
    assert data["outline"] and "targets" not in data
    kinds = {n["kind"] for n in data["outline"]}
    assert "annex" in kinds or "heading" in kinds


def test_the_json_report_counts_each_files_targets(tmp_path):
    r = invoke("lint", SAMPLES / "ha-giang-plan.txt", "--format", "json", "--fail-on", "never")
    data = json.loads(r.output)
    assert data["files"][0]["targets"] > 10 and "narrative_targets" in data["files"][0]


def test_the_table_on_standard_output():
    """`-o -` writes CSV (no byte order mark) or JSON lines to stdout, the count on stderr;
    a binary format is a usage error."""
    import csv
    import io

    r = invoke("targets", SAMPLES / "ha-giang-plan.docx", "-o", "-", "--lang", "en")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert not r.stdout.startswith("\ufeff") and rows and rows[0]["file"].endswith("ha-giang-plan.docx")
    assert f"{len(rows)} targets from 1 file -> standard output" in r.stderr
    r = invoke("targets", SAMPLES / "ha-giang-plan.docx", "-o", "-", "--format", "json")
    assert r.exit_code == 0 and len([json.loads(line) for line in r.stdout.splitlines()]) == len(rows)
    r = invoke("targets", SAMPLES / "ha-giang-plan.docx", "-o", "-", "--format", "xlsx")
    assert r.exit_code == 2 and "-o" in r.stderr
