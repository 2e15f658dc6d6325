"""pandera owns the schemas: the normalized table of every real run satisfies its schema."""

import pandas as pd
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
    return normalize(docs, suite)


def test_normalized_table_of_seeds_and_samples(seeds):
    paths = sorted(seeds.glob("*.txt")) + sorted(p for p in SAMPLES.iterdir() if p.suffix != ".py")
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
    from plancheck.errors import InputError

    p = tmp_path / "bad.csv"
    p.write_text("indicator,name,unit,2025,2030\nUnemployment Rate,x,%,1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2: column 'indicator'"):
        read_path(str(p))
    p.write_text("name,unit,province\nTỷ lệ thất nghiệp chung,%,Tây Ninh\n", encoding="utf-8")
    with pytest.raises(InputError, match="milestone-year column"):
        read_path(str(p))
    assert raw_schema() is not None
