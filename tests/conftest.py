import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "sample_data"


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SEEDS}")
    return SEEDS


def lint(paths, **kw):
    from plancheck.engine import Options, run

    return run([str(p) for p in paths], Options(**kw))
