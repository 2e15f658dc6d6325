"""Great Expectations and pandera interop: engine parity and exports that load in the tools."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import SAMPLES

gx = pytest.importorskip("great_expectations", reason="the gx extra is not installed: pip install 'plancheck[gx]'")


def _key(f):
    return (f.rule, Path(f.path).name, f.line, f.year, f.value, f.row_label)


def test_gx_engine_parity(seeds, tmp_path):
    """The same (rule, location) set from both engines on the seeds, the samples and every rule case."""
    from plancheck.engine import Options, run

    cases = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8"))["cases"]
    for code, case in cases.items():
        fail = case["fail"]
        if "csv" in fail:
            body = fail["csv"]
            if fail.get("quote"):
                parts = body.split(",")
                body = ",".join(parts[:4]) + ',"' + ",".join(parts[4:]) + '"'
            (tmp_path / f"{code}.csv").write_text("indicator,name,unit,2025,2030\n" + body + "\n", encoding="utf-8")
        else:
            (tmp_path / f"{code}.txt").write_text(fail["text"], encoding="utf-8")
    from tests.test_checks import BOUNDS_PLAN, PROSE_PLAN  # bounds beyond the range, targets only in prose

    (tmp_path / "bounds.txt").write_text(BOUNDS_PLAN, encoding="utf-8")
    (tmp_path / "programme.txt").write_text(PROSE_PLAN, encoding="utf-8")
    paths = [seeds, SAMPLES, tmp_path]
    native = run(paths, Options(engine="native"))
    through_gx = run(paths, Options(engine="gx"))
    a = sorted(map(_key, native.findings), key=str)
    b = sorted(map(_key, through_gx.findings), key=str)
    assert a == b
    from plancheck.checks.targets import ROW_RULES

    covered = {f.rule for f in native.findings} & set(ROW_RULES)
    assert covered == set(ROW_RULES)  # every row rule fires at least once, so parity is not vacuous


def test_export_gx_loads_in_great_expectations(tmp_path):
    out = tmp_path / "suite.json"
    p = subprocess.run([sys.executable, "-m", "plancheck", "export", "--to", "gx", "national", "-o", str(out)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    context = gx.get_context(mode="ephemeral")
    suite = context.suites.add(gx.ExpectationSuite(name=data["name"], expectations=data["expectations"],
                                                   meta=data.get("meta")))
    rules = {e.meta["rule"] for e in suite.expectations}
    from plancheck.checks.targets import ROW_RULES

    assert rules == set(ROW_RULES)


def test_export_pandera_loads_in_pandera(seeds, tmp_path):
    import pandera.pandas as pa

    from plancheck.catalogue import load_suite
    from plancheck.extract import extract
    from plancheck.normalize import normalize
    from plancheck.readers import read_path

    out = tmp_path / "schema.yaml"
    p = subprocess.run([sys.executable, "-m", "plancheck", "export", "--to", "pandera", "national", "-o", str(out)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    schema = pa.DataFrameSchema.from_yaml(out.read_text(encoding="utf-8"))
    suite = load_suite()
    frame = normalize([extract(read_path(str(seeds / "khanh-hoa-plan.txt")), suite)], suite).to_pandas()
    schema.validate(frame[list(schema.columns)], lazy=True)
    broken = frame.copy()
    broken.loc[broken.index[0], "year"] = 2031
    with pytest.raises(pa.errors.SchemaErrors):
        schema.validate(broken[list(schema.columns)], lazy=True)


def test_great_expectations_is_not_imported_by_default():
    code = ("import sys, plancheck.cli, plancheck.engine; from plancheck.engine import run; "
            f"run([{str(SAMPLES / 'binh-phuoc-2025.csv')!r}]); print('great_expectations' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.stdout.strip() == "False", p.stderr
