import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# the cache of parsed suites and catalogues (plancheck/cache.py) lives in a directory of the test
# run, never in the home directory of the machine running the tests; subprocesses inherit it
os.environ["PLANCHECK_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="plancheck-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

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


# hypothesis profiles: "quick" runs in CI (the default); "long" is for a fuzzing session:
#   HYPOTHESIS_PROFILE=long python -m pytest tests/test_hostile.py -k fuzz
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("quick", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=20000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
