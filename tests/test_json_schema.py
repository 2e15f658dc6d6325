"""The JSON report is a public contract: every output validates against the JSON Schema in
docs/plancheck-report.schema.json (docs/json.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from plancheck.cli import main

from .conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "plancheck-report.schema.json").read_text(encoding="utf-8"))
UNSEEN = ROOT / "tests" / "data" / "unseen"


def _validate(output: str) -> dict:
    data = json.loads(output)
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    return data


def test_the_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("args", [
    ["sample_data"],
    ["sample_data", "--lang", "en"],
    ["tests/data/unseen"],  # an unreadable file among them (expected.yaml)
    ["tests/data/unseen", "--jobs", "2"],
    ["sample_data/ha-giang-plan.txt", "--select", "S"],
])
def test_every_lint_output_validates(args):
    r = CliRunner().invoke(main, ["lint", *args, "--format", "json", "--fail-on", "never"], catch_exceptions=False)
    data = _validate(r.stdout)
    assert data["summary"]["total"] == len(data["findings"])


def test_the_seeds_and_a_baseline_validate(seeds, tmp_path):
    base = tmp_path / "baseline.json"
    CliRunner().invoke(main, ["lint", str(seeds), "--write-baseline", str(base)], catch_exceptions=False)
    r = CliRunner().invoke(main, ["lint", str(seeds), "--baseline", str(base), "--format", "json",
                                  "--fail-on", "never"], catch_exceptions=False)
    data = _validate(r.stdout)
    assert data["summary"]["hidden_by_baseline"] > 0 and data["findings"] == []


def test_a_file_written_with_o_validates(tmp_path):
    out = tmp_path / "report.json"
    CliRunner().invoke(main, ["lint", str(SAMPLES), "--format", "json", "-o", str(out), "--fail-on", "never"],
                       catch_exceptions=False)
    _validate(out.read_text(encoding="utf-8"))
