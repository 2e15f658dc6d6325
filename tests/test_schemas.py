"""pandera owns the schemas: the normalized table of every real run satisfies its schema."""

import pytest

from plancheck.catalogue import load_suite
from plancheck.extract import extract
from plancheck.normalize import normalize
from plancheck.readers import read_path
from plancheck.readers.structured import raw_schema
from plancheck.schemas import normalized_schema

from .conftest import SAMPLES


def _frame(paths):
    suite = load_suite()
    docs = [extract(read_path(str(p)), suite) for p in paths]
    return normalize(docs, suite).to_pandas()


def test_normalized_table_of_seeds_and_samples(seeds):
    paths = sorted(seeds.glob("*.txt")) + sorted(p for p in SAMPLES.iterdir() if p.is_file() and p.suffix != ".py")
    frame = _frame(paths)
    assert len(frame) > 400
    normalized_schema().validate(frame, lazy=True)


def test_normalized_schema_rejects_inverted_range():
    import pandera.pandas as pa

    frame = _frame([SAMPLES / "clean-province-2025.csv"])
    broken = frame.copy()
    broken.loc[broken.index[0], ["kind", "lo", "hi"]] = ["range", 10.0, 5.0]
    with pytest.raises(pa.errors.SchemaErrors):
        normalized_schema().validate(broken, lazy=True)


def test_raw_schema_names_row_and_column(tmp_path):
    """Raw submissions are validated in batches; each error still names its file, row and column."""
    from .conftest import lint

    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,name,unit,2025,2030\nunemployment,x,%,1,2\nUnemployment Rate,x,%,1,2\n",
                   encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("indicator,name,unit,2025,2030\nunemployment,x,%,< 3,< 3\n", encoding="utf-8")
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("name,unit,province\nTỷ lệ thất nghiệp chung,%,Tây Ninh\n", encoding="utf-8")
    report = lint([bad, good, nocol])
    status = {f.path.rsplit("/", 1)[-1]: f for f in report.files}
    assert status["good.csv"].status == "ok"
    assert status["bad.csv"].status == "error" and "bad.csv:3: column 'indicator'" in status["bad.csv"].error
    assert status["nocol.csv"].status == "error" and "milestone-year column" in status["nocol.csv"].error
    assert raw_schema() is not None
